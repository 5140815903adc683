/* Decoders: percent-encoding, UTF-8 validation, query strings, cookies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/decode.h"

static void test_utf8_valid(void **state)
{
	static const char *valid[] = {
	    "",         "abc",         "協働", "令和6年度", "\xF0\x9F\x98\x80",
	    "\xC2\x80", "\xEF\xBF\xBF"};
	static const struct {
		const char *s;
		size_t n;
	} invalid[] = {
	    {"\xFF", 1},             /* never valid */
	    {"\xC0\xAF", 2},         /* overlong '/' */
	    {"\xE0\x80\xAF", 3},     /* overlong */
	    {"\xED\xA0\x80", 3},     /* surrogate */
	    {"\xF4\x90\x80\x80", 4}, /* > U+10FFFF */
	    {"\xE5\x8D", 2},         /* truncated */
	    {"a\0b", 3},             /* NUL */
	    {"\x80", 1},             /* lone continuation */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		assert_true(utf8_valid(valid[i], strlen(valid[i])));
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		assert_false(utf8_valid(invalid[i].s, invalid[i].n));
}

static void test_url_decode(void **state)
{
	static const struct {
		const char *in, *out;
		int plus;
	} valid[] = {
	    {"abc", "abc", 1},
	    {"a+b", "a b", 1},
	    {"a+b", "a+b", 0},
	    {"%E5%8D%94%E5%83%8D", "協働", 1},
	    {"%e5%8d%94", "協", 1},
	    {"100%25", "100%", 1},
	    {"", "", 1},
	};
	static const char *invalid[] = {"%",   "%Z1",     "%1",    "%FF",
	                                "%00", "a%C0%AF", "%E5%8D"};
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		char *o = url_decode(&a, valid[i].in, strlen(valid[i].in),
		                     valid[i].plus);
		assert_non_null(o);
		assert_string_equal(o, valid[i].out);
	}
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		assert_null(url_decode(&a, invalid[i], strlen(invalid[i]), 1));
	arena_free(&a);
}

static void test_parse_urlencoded(void **state)
{
	struct arena a;
	struct kvlist l;
	const char *q = "year=2024&form=hojo&q=%E9%98%B2%E7%81%BD+%E8%A8%93&&"
	                "empty=&flag";

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse_urlencoded(&a, q, strlen(q), &l), 0);
	assert_int_equal(l.n, 5);
	assert_string_equal(kv_get(&l, "year"), "2024");
	assert_string_equal(kv_get(&l, "form"), "hojo");
	assert_string_equal(kv_get(&l, "q"), "防災 訓");
	assert_string_equal(kv_get(&l, "empty"), "");
	assert_string_equal(kv_get(&l, "flag"), "");
	assert_null(kv_get(&l, "missing"));

	assert_int_equal(parse_urlencoded(&a, "", 0, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(parse_urlencoded(&a, "year=%ZZ", 8, &l), -1);
	assert_int_equal(l.n, 0);
	assert_int_equal(parse_urlencoded(&a, "q=%FF", 5, &l), -1);
	assert_int_equal(parse_urlencoded(&a, "q=a%00b", 7, &l), -1);
	assert_int_equal(parse_urlencoded(&a, "%ZZ=1", 5, &l), -1);
	arena_free(&a);
}

static void test_parse_cookies(void **state)
{
	struct arena a;
	struct kvlist l;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(parse_cookies(&a, "sid=abc; theme=\"dark\";x=1", &l),
	                 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(kv_get(&l, "sid"), "abc");
	assert_string_equal(kv_get(&l, "theme"), "dark");
	assert_string_equal(kv_get(&l, "x"), "1");
	assert_int_equal(parse_cookies(&a, "junk; =novalue; ok=1", &l), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "ok"), "1");
	assert_int_equal(parse_cookies(&a, NULL, &l), 0);
	assert_int_equal(l.n, 0);
	arena_free(&a);
}

static void test_arena(void **state)
{
	struct arena a;
	char *big;

	(void)state;
	arena_init(&a, 64);
	for (int i = 0; i < 1000; i++)
		assert_non_null(arena_alloc(&a, 24));
	big = arena_alloc(&a, 100000);
	assert_non_null(big);
	assert_int_equal(big[99999], 0);
	assert_string_equal(arena_printf(&a, "%d年度", 2024), "2024年度");
	/* the printf-free builders of form names and ids */
	assert_string_equal(arena_cat(&a, "f-", "partner_group_3"),
	                    "f-partner_group_3");
	assert_string_equal(arena_cat(&a, "", ""), "");
	assert_string_equal(arena_cat(&a, "協働", "の相手"), "協働の相手");
	assert_string_equal(arena_num(&a, "ind_name", "_", 0), "ind_name_0");
	assert_string_equal(arena_num(&a, "ind_name", "_", 7), "ind_name_7");
	assert_string_equal(arena_num(&a, "f-partner_find", "-", 20),
	                    "f-partner_find-20");
	assert_string_equal(arena_num(&a, "x", "_", SIZE_MAX),
	                    arena_printf(&a, "x_%zu", (size_t)SIZE_MAX));
	arena_reset(&a);
	assert_non_null(arena_strdup(&a, "協働"));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_valid),
	    cmocka_unit_test(test_url_decode),
	    cmocka_unit_test(test_parse_urlencoded),
	    cmocka_unit_test(test_parse_cookies),
	    cmocka_unit_test(test_arena),
	};
	return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
