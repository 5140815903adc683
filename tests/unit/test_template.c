/* The ctemplate bridge: values are escaped, sections and includes work,
 * broken or missing templates fail instead of printing half a page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "view/template.h"

static void test_escape(void **state)
{
	tdict *d = tdict_new("t");
	struct buf out = {0};

	(void)state;
	tdict_set(d, "TEXT", "<script>alert('協働')</script>");
	tdict_set(d, "ATTR", "\" onmouseover=\"x");
	tdict_set_int(tdict_add_section(d, "ROW"), "N", 1);
	tdict_set_int(tdict_add_section(d, "ROW"), "N", 2);
	tdict_set(tdict_add_include(d, "INNER", "inner.tpl"), "INNER_TEXT",
	          "a&b");
	tdict_set_trusted_markup(d, "SVG", "<rect width=\"1\"/>");
	assert_int_equal(tpl_expand("t.tpl", d, &out), 0);
	assert_null(strstr(buf_cstr(&out), "<script>"));
	assert_non_null(strstr(buf_cstr(&out), "&lt;script&gt;"));
	assert_non_null(strstr(buf_cstr(&out), "協働"));
	assert_null(strstr(buf_cstr(&out), "\" onmouseover"));
	assert_non_null(strstr(buf_cstr(&out), "&quot; onmouseover"));
	assert_non_null(strstr(buf_cstr(&out), "<li>1</li><li>2</li>"));
	assert_non_null(strstr(buf_cstr(&out), "<b>a&amp;b</b>"));
	assert_non_null(strstr(buf_cstr(&out), "<rect width=\"1\"/>"));
	tdict_free(d);
	buf_free(&out);
}

/* Keys built in a reused buffer are distinct keys (the bridge caches key
 * ids by address and must compare the text). */
static void test_reused_key_buffer(void **state)
{
	tdict *d = tdict_new("t");
	struct buf out = {0};
	char key[16];

	(void)state;
	for (int i = 0; i < 3; i++) {
		strcpy(key, "KEY_A");
		tdict_set(d, key, "1");
		strcpy(key, "KEY_B");
		tdict_set(d, key, "2");
		strcpy(key, "SEC_A");
		tdict_show(d, key);
		strcpy(key, "SEC_B");
		tdict_show(d, key);
	}
	assert_int_equal(tpl_expand("keys.tpl", d, &out), 0);
	assert_non_null(strstr(buf_cstr(&out), "[1|2]ab"));
	tdict_free(d);
	buf_free(&out);
}

static void test_failures(void **state)
{
	tdict *d = tdict_new("t");
	struct buf out = {0};

	(void)state;
	assert_int_equal(tpl_expand("missing.tpl", d, &out), -1);
	assert_int_equal(tpl_expand("broken.tpl", d, &out), -1);
	tdict_free(d);
	buf_free(&out);
}

/* Every template of the portal parses, and each starts with the pragma. */
static void test_portal_templates(void **state)
{
	const char *const names[] = {"layout.tpl", "error.tpl"};

	(void)state;
	assert_int_equal(tpl_init("templates"), 0);
	assert_int_equal(tpl_preload(names, 2), 0);
	assert_int_equal(tpl_init("tests/unit/templates"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape),
	    cmocka_unit_test(test_reused_key_buffer),
	    cmocka_unit_test(test_failures),
	    cmocka_unit_test(test_portal_templates),
	};
	tpl_init("tests/unit/templates");
	return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}
