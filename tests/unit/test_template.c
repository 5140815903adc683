/* The ctemplate bridge: values are escaped, sections and includes work,
 * broken or missing templates fail instead of printing half a page, and
 * kyodo's own dictionaries behave as ctemplate's TemplateDictionary did
 * (every expected output here is what ctemplate 2.4's own dictionary
 * produced for the same calls). */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "view/template.h"

/* Test hook in template.cc (not part of the API): block allocations of the
 * dictionary arenas fail after n more succeed; n < 0: never. */
void tpl_test_fail_blocks(long n);

/* Expand file with d (then free d) and compare the output after the line
 * break that follows the pragma. */
static void expect_page(const char *file, tdict *d, const char *want)
{
	struct buf out = {0};

	assert_int_equal(tpl_expand(file, d, &out), 0);
	assert_true(out.len > 0 && out.data[0] == '\n');
	assert_string_equal(buf_cstr(&out) + 1, want);
	tdict_free(d);
	buf_free(&out);
}

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

/* Keys built in a reused buffer are distinct keys (the bridge caches the
 * ids of literal keys by address, and must not do so for a buffer). */
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

/* Sections nest; a variable is looked up in the row, then in the
 * dictionaries around it; a row's value hides the parent's. */
static void test_nested_sections(void **state)
{
	tdict *d = tdict_new("t");
	tdict *row;

	(void)state;
	tdict_set(d, "TOP", "t");
	tdict_set(d, "N", "root");
	row = tdict_add_section(d, "ROW");
	tdict_set(row, "N", "1");
	tdict_set(tdict_add_section(row, "CELL"), "C", "a");
	tdict_set(tdict_add_section(row, "CELL"), "C", "b");
	row = tdict_add_section(d, "ROW");
	tdict_set_int(row, "N", 2);
	tdict_set(tdict_add_section(row, "CELL"), "TOP", "own");
	tdict_add_section(d, "ROW"); /* an empty row */
	expect_page("nested.tpl", d, "(1:at;bt;|t)(2:own;|t)(root:|t)[root]\n");
}

/* A shown section expands once with the dictionary that showed it: inside
 * a row, a section shown on the root sees the root's values, not the
 * row's. A hidden section and a missing value print nothing. */
static void test_shown_section(void **state)
{
	tdict *d = tdict_new("t");
	tdict *row;

	(void)state;
	tdict_set(d, "NAME", "root");
	tdict_show(d, "FLAG");
	tdict_show(d, "FLAG"); /* twice is once */
	row = tdict_add_section(d, "ROW");
	tdict_set(row, "NAME", "row");
	expect_page("shown.tpl", d, "[root](root)\n");

	d = tdict_new("t");
	row = tdict_add_section(d, "ROW");
	tdict_set(row, "NAME", "row");
	tdict_show(row, "FLAG"); /* shown on the row: the row's value */
	expect_page("shown.tpl", d, "[row]()\n");

	d = tdict_new("t");
	tdict_set(d, "NAME", "x");
	expect_page("shown.tpl", d, "()\n");
}

/* tdict_show and then tdict_add_section: the section expands twice, first
 * with the dictionary that showed it; the other way round, once. */
static void test_show_then_add(void **state)
{
	tdict *d = tdict_new("t");

	(void)state;
	tdict_set(d, "V", "r");
	tdict_show(d, "S");
	tdict_set(tdict_add_section(d, "S"), "V", "1");
	expect_page("twice.tpl", d, "<r><1>\n");

	d = tdict_new("t");
	tdict_set(d, "V", "r");
	tdict_set(tdict_add_section(d, "S"), "V", "1");
	tdict_show(d, "S");
	expect_page("twice.tpl", d, "<1>\n");
}

/* NAME_separator between the rows of NAME, not after the last. */
static void test_separator(void **state)
{
	tdict *d = tdict_new("t");

	(void)state;
	tdict_set(tdict_add_section(d, "ITEM"), "X", "a");
	tdict_set(tdict_add_section(d, "ITEM"), "X", "b");
	tdict_set(tdict_add_section(d, "ITEM"), "X", "c");
	expect_page("sep.tpl", d, "a, b, c.\n");

	d = tdict_new("t");
	tdict_set(tdict_add_section(d, "ITEM"), "X", "a");
	expect_page("sep.tpl", d, "a.\n");

	d = tdict_new("t");
	tdict_show(d, "ITEM");
	tdict_set(d, "X", "s");
	expect_page("sep.tpl", d, "s.\n");
}

/* An include dictionary sees its own values and the template-global ones,
 * not its parent's values or sections; an include added to a dictionary is
 * found from the sections inside it; each include dictionary expands the
 * file once; a value in the dictionary tree hides a template-global one. */
static void test_include_isolation(void **state)
{
	tdict *d = tdict_new("t");
	tdict *inc;
	tdict *row;

	(void)state;
	tdict_set(d, "P", "parent");
	tdict_show(d, "PSEC");
	row = tdict_add_section(d, "ROW");
	tdict_set_global(row, "G", "g"); /* from anywhere: the whole page */
	inc = tdict_add_include(d, "INC", "inc.tpl");
	tdict_set(inc, "I", "1");
	tdict_show(inc, "ISEC");
	inc = tdict_add_include(d, "INC", "inc.tpl");
	tdict_set(inc, "I", "2");
	tdict_set(inc, "G", "own");
	tdict_show(d, "SEC");
	inc = tdict_add_include(row, "INC", "inc.tpl");
	tdict_set(inc, "I", "r");
	expect_page("outer.tpl", d,
	            "\n[|g|1?]\n\n[|own|2]\n/\n[|g|1?]\n\n[|own|2]\n"
	            "\n[|g|r]\n\n");
}

/* The escaping modifiers work as before: HTML text and attributes, :u in a
 * URL, a URL attribute validated, :none as given; the built-in BI_SPACE;
 * integers, negative and extreme; the last of two values wins; a long key. */
static void test_modifiers_and_values(void **state)
{
	tdict *d = tdict_new("t");
	struct buf out = {0};

	(void)state;
	tdict_set(d, "Q", "a b&c=協");
	tdict_set(d, "T", "<\"'&>");
	tdict_set(d, "URL", "javascript:alert(1)");
	tdict_set_trusted_markup(d, "M", "<b>ok</b>");
	tdict_set(d, "G", "first");
	tdict_set(d, "G", "second");
	tdict_set(d, "N", NULL);
	tdict_set(d, "LONG_KEY_NAME_OVER_THIRTY_TWO_BYTES", "long");
	expect_page("mods.tpl", d,
	            "<a href=\"/x?q=a+b%26c%3D%E5%8D%94\" "
	            "title=\"&lt;&quot;&#39;&amp;&gt;\">"
	            "&lt;&quot;&#39;&amp;&gt;</a><a href=\"#\">u</a>"
	            "<b>ok</b>[] |second|long\n");

	d = tdict_new("t");
	tdict_set_int(d, "I", 0);
	tdict_set_int(tdict_add_section(d, "ROW"), "I", -42);
	tdict_set_int(tdict_add_section(d, "ROW"), "I", LLONG_MIN);
	tdict_set_int(tdict_add_section(d, "ROW"), "I", LLONG_MAX);
	assert_int_equal(tpl_expand("many.tpl", d, &out), 0);
	assert_string_equal(buf_cstr(&out), "\n(-42)(-9223372036854775808)"
	                                    "(9223372036854775807)\n");
	tdict_free(d);
	buf_free(&out);
}

/* Thousands of rows with sub-sections and long values: the arena grows
 * block by block and every row comes out, in order. */
static void test_many_sections(void **state)
{
	enum { ROWS = 5000 };
	tdict *d = tdict_new("t");
	struct buf out = {0};
	char big[3000];
	const char *p;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (int i = 0; i < ROWS; i++) {
		tdict *row = tdict_add_section(d, "ROW");
		tdict_set_int(row, "I", i);
		tdict_set(row, "BIG", big); /* not in the template */
		if (i % 1000 == 0)
			tdict_set_int(tdict_add_section(row, "SUB"), "J", i);
	}
	assert_int_equal(tpl_expand("many.tpl", d, &out), 0);
	p = buf_cstr(&out);
	assert_true(strncmp(p, "\n(0.0)(1)(2)", 12) == 0);
	assert_non_null(strstr(p, "(999)(1000.1000)(1001)"));
	assert_non_null(strstr(p, "(4999)\n"));
	assert_int_equal(out.len, strlen(p));
	tdict_free(d);
	buf_free(&out);
}

/* Out of memory: tdict_new answers NULL; later, every call still returns
 * something usable, and the page fails instead of coming out half filled. */
static void test_out_of_memory(void **state)
{
	struct buf out = {0};
	tdict *d;
	tdict *row = NULL;
	char big[4000];

	(void)state;
	tpl_test_fail_blocks(0);
	assert_null(tdict_new("t"));
	tpl_test_fail_blocks(1); /* the first block only */
	d = tdict_new("t");
	assert_non_null(d);
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (int i = 0; i < 100; i++) {
		row = tdict_add_section(d, "ROW");
		assert_non_null(row);
		tdict_set(row, "BIG", big);
		tdict_set_int(row, "I", i);
	}
	tdict_show(row, "SUB");
	assert_non_null(tdict_add_section(row, "SUB"));
	assert_non_null(tdict_add_include(row, "INC", "inc.tpl"));
	tdict_set_global(row, "G", "g");
	assert_int_equal(tpl_expand("many.tpl", row, &out), -1);
	assert_int_equal(tpl_expand("many.tpl", d, &out), -1);
	tdict_free(row); /* not a top-level dictionary: ignored */
	tdict_free(d);
	tpl_test_fail_blocks(-1);
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
	    cmocka_unit_test(test_nested_sections),
	    cmocka_unit_test(test_shown_section),
	    cmocka_unit_test(test_show_then_add),
	    cmocka_unit_test(test_separator),
	    cmocka_unit_test(test_include_isolation),
	    cmocka_unit_test(test_modifiers_and_values),
	    cmocka_unit_test(test_many_sections),
	    cmocka_unit_test(test_out_of_memory),
	    cmocka_unit_test(test_portal_templates),
	};
	tpl_init("tests/unit/templates");
	return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}
