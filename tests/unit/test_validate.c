/* Validators: valid[] / invalid[] tables per validator, and whole forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/validate.h"

static const char *const kinds[] = {"itaku", "hojo", NULL};

/* One table row: a raw value and, when valid, the normalised text. */
struct vcase {
	const char *raw;
	const char *text; /* NULL: expect invalid */
};

static void run(const struct field *f, const struct vcase *c, size_t n)
{
	struct arena a;

	arena_init(&a, 0);
	for (size_t i = 0; i < n; i++) {
		struct fieldval v;
		int rc = field_check(&a, f, c[i].raw, &v);

		if (c[i].text != NULL) {
			if (rc != 0)
				fail_msg("%s: '%s' rejected: %s", f->name,
				         c[i].raw, v.error);
			assert_string_equal(v.text, c[i].text);
		} else if (rc == 0) {
			fail_msg("%s: '%s' accepted", f->name, c[i].raw);
		} else {
			assert_non_null(strstr(v.error, f->label));
		}
	}
	arena_free(&a);
}

#define RUN(f, c) run(&(f), c, sizeof(c) / sizeof(c[0]))

static void test_text(void **state)
{
	static const struct field title = {"title", "事業名", 1,   v_line,
	                                   0,       10,       NULL};
	static const struct vcase c[] = {
	    {"防災訓練", "防災訓練"},
	    {"  前後の空白  ", "前後の空白"},
	    {"\xE3\x80\x80全角空白\xE3\x80\x80", "全角空白"},
	    {"あいうえおかきくけこ", "あいうえおかきくけこ"},
	    {"あいうえおかきくけこさ", NULL},
	    {"", NULL},
	    {"   ", NULL},
	    {"二行\n目", NULL},
	    {"制御\x01文字", NULL},
	};
	static const struct field body = {"summary", "概要", 0,   v_text,
	                                  0,         100,    NULL};
	static const struct vcase d[] = {{"一行目\n二行目", "一行目\n二行目"}};

	(void)state;
	RUN(title, c);
	RUN(body, d);
}

static void test_int(void **state)
{
	static const struct field f = {"year", "年度", 1,   v_int,
	                               2000,   2100,   NULL};
	static const struct vcase c[] = {
	    {"2024", "2024"},
	    {"２０２４", "2024"},
	    {" 2025 ", "2025"},
	    {"1999", NULL},
	    {"2101", NULL},
	    {"20x4", NULL},
	    {"", NULL},
	    {"+2024", NULL},
	    {"99999999999999999999", NULL},
	};
	static const struct field yen = {"amount", "金額",     0,   v_int,
	                                 0,        1000000000, NULL};
	static const struct vcase d[] = {{"1,200,000", "1200000"},
	                                 {"１，０００", "1000"},
	                                 {"-1", NULL},
	                                 {"", NULL}};

	(void)state;
	RUN(f, c);
	/* optional and empty: valid with no value */
	{
		struct arena a;
		struct fieldval v;

		arena_init(&a, 0);
		assert_int_equal(field_check(&a, &yen, "", &v), 0);
		assert_false(v.present);
		arena_free(&a);
	}
	RUN(yen, ((const struct vcase[]){d[0], d[1], d[2]}));
}

static void test_date(void **state)
{
	static const struct field f = {"start", "開始日", 1,   v_date,
	                               0,       0,        NULL};
	static const struct vcase c[] = {
	    {"2024-04-01", "2024-04-01"}, {"2024-02-29", "2024-02-29"},
	    {"2023-02-29", NULL},         {"2024/04/01", NULL},
	    {"2024-4-1", NULL},           {"令和6年4月1日", NULL},
	};

	(void)state;
	RUN(f, c);
}

static void test_contact(void **state)
{
	static const struct field mail = {
	    "email", "メールアドレス", 0, v_email, 0, 254, NULL};
	static const struct vcase m[] = {
	    {"info@example.jp", "info@example.jp"},
	    {"a.b+c@mail.example.org", "a.b+c@mail.example.org"},
	    {"no-at.example.jp", NULL},
	    {"a@b", NULL},
	    {"a@@b.jp", NULL},
	    {"a b@example.jp", NULL},
	    {"<x>@example.jp", NULL},
	    {"山田@example.jp", NULL},
	};
	static const struct field url = {
	    "web", "ホームページ", 0, v_url, 0, 500, NULL};
	static const struct vcase u[] = {
	    {"https://example.jp/", "https://example.jp/"},
	    {"http://example.jp", "http://example.jp"},
	    {"javascript:alert(1)", NULL},
	    {"ftp://example.jp", NULL},
	    {"https://exa mple.jp", NULL},
	    {"https://\"x", NULL},
	};
	static const struct field tel = {"phone", "電話番号", 0,   v_phone,
	                                 0,       0,          NULL};
	static const struct vcase t[] = {
	    {"0143-00-0000", "0143-00-0000"},
	    {"０９０－００００－００００", "090-0000-0000"},
	    {"143-00-0000", NULL},
	    {"0143(00)0000", NULL},
	    {"01", NULL},
	};

	(void)state;
	RUN(mail, m);
	RUN(url, u);
	RUN(tel, t);
}

static void test_kana_oneof_bool(void **state)
{
	static const struct field kana = {"kana", "フリガナ", 1,   v_kana,
	                                  0,      50,         NULL};
	static const struct vcase k[] = {
	    {"みなとまち", "みなとまち"},
	    {"ミナトマチ", "みなとまち"},
	    {"エヌピーオー ほうじん", "えぬぴーおー ほうじん"},
	    {"港町", NULL},
	    {"minato", NULL},
	};
	static const struct field form = {"form", "形態", 1,    v_oneof,
	                                  0,      0,      kinds};
	static const struct vcase o[] = {
	    {"hojo", "hojo"}, {"koen", NULL}, {"", NULL}};
	static const struct field pub = {"published", "公開", 0,   v_bool,
	                                 0,           0,      NULL};
	static const struct vcase b[] = {
	    {"1", "1"}, {"on", "1"}, {"", "0"}, {"0", "0"}};

	(void)state;
	RUN(kana, k);
	RUN(form, o);
	RUN(pub, b);
}

static void test_code_page(void **state)
{
	static const struct field code = {"form", "協働の形態", 0, v_code, 0,
	                                  0,      NULL};
	static const struct vcase c[] = {
	    {"hojo", "hojo"},
	    {"shimin_shudo", "shimin_shudo"},
	    {"a1_", "a1_"},
	    {"Hojo", NULL},
	    {"ho-jo", NULL},
	    {"hojo;", NULL},
	    {"補助", NULL},
	    {"hojo%20", NULL},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	     "a"},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	     "a",
	     NULL},
	};
	/* min and max play no part: the same with a page's usual 0, 0 and
	 * with a range that would reject everything */
	static const struct field page = {"page", "ページ番号", 0, v_page, 0,
	                                  0,      NULL};
	static const struct field ranged = {"page", "ページ番号", 0, v_page, 5,
	                                    3,      NULL};
	static const struct vcase p[] = {
	    {"1", "1"},
	    {"2", "2"},
	    {" 3 ", "3"},
	    {"007", "007"},
	    {"999999999", "999999999"},
	    {"0", NULL},
	    {"000", NULL},
	    {"-1", NULL},
	    {"+1", NULL},
	    {"abc", NULL},
	    {"1a", NULL},
	    {"1.5", NULL},
	    {"２", NULL},
	    {"1000000000", NULL},
	    {"99999999999999999999", NULL},
	};
	/* 年度 of a list's query (/projects, /staff/projects) */
	static const struct field year = {"year", "年度", 0,   v_fiscal_year,
	                                  1989,   2100,   NULL};
	static const struct vcase y[] = {
	    {"1989", "1989"}, {"2024", "2024"},   {"2100", "2100"},
	    {"1988", NULL},   {"2101", NULL},     {"0999", NULL},
	    {"24", NULL},     {"２０２４", NULL}, {"2024a", NULL},
	    {"-2024", NULL},  {"20245", NULL},
	};
	struct arena a;
	struct fieldval v;

	(void)state;
	RUN(code, c);
	RUN(page, p);
	RUN(ranged, p);
	RUN(year, y);
	arena_init(&a, 0);
	/* the number is parsed; absent is valid with no value */
	assert_int_equal(field_check(&a, &page, "42", &v), 0);
	assert_int_equal(v.num, 42);
	assert_int_equal(field_check(&a, &page, "999999999", &v), 0);
	assert_int_equal(v.num, 999999999);
	assert_int_equal(field_check(&a, &page, NULL, &v), 0);
	assert_false(v.present);
	assert_int_equal(field_check(&a, &page, "", &v), 0);
	assert_false(v.present);
	/* a clear message for each way of getting it wrong */
	assert_int_equal(field_check(&a, &page, "0", &v), -1);
	assert_string_equal(v.error,
	                    "ページ番号は1以上の半角数字で指定してください。");
	assert_int_equal(field_check(&a, &page, "abc", &v), -1);
	assert_string_equal(v.error,
	                    "ページ番号は1以上の半角数字で指定してください。");
	assert_int_equal(field_check(&a, &page, "99999999999999999999", &v),
	                 -1);
	assert_non_null(strstr(v.error, "大きすぎます"));
	assert_int_equal(field_check(&a, &code, "Hojo", &v), -1);
	assert_string_equal(v.error, "協働の形態の指定が正しくありません。");
	arena_free(&a);
}

static void test_form(void **state)
{
	static const struct field fields[] = {
	    {"title", "事業名", 1, v_line, 0, 100, NULL},
	    {"year", "年度", 1, v_int, 2000, 2100, NULL},
	    {"web", "ホームページ", 0, v_url, 0, 500, NULL},
	};
	struct kv pairs[] = {
	    {"title", "港まつり"}, {"year", "20２五"}, {"web", ""}};
	struct kvlist l = {pairs, 3};
	struct fieldval v[3];
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(form_validate(&a, &l, fields, 3, v), 1);
	assert_null(v[0].error);
	assert_non_null(v[1].error);
	assert_string_equal(v[1].raw, "20２五"); /* the user's value is kept */
	assert_null(v[2].error);
	assert_int_equal(utf8_chars("協働abc"), 5);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_int),
	    cmocka_unit_test(test_date),
	    cmocka_unit_test(test_contact),
	    cmocka_unit_test(test_kana_oneof_bool),
	    cmocka_unit_test(test_code_page),
	    cmocka_unit_test(test_form),
	};
	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
