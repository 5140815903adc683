/* CSV parser and writer, Shift_JIS (CP932) detection and conversion, and
 * the multipart/form-data parser that carries uploaded CSV files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "http/multipart.h"
#include "util/csv.h"
#include "util/sjis.h"

/* Parse s, expecting success; the table is in a. */
static struct csv_table parse_ok(struct arena *a, const char *s, size_t n)
{
	struct csv_table t;
	struct csv_pos pos;
	enum csv_err e = csv_parse(a, s, n, &t, &pos);

	if (e != CSV_OK)
		fail_msg("'%s': %s at %zu:%zu", s, csv_strerror(e), pos.row,
		         pos.col);
	return t;
}

#define PARSE(a, s) parse_ok(a, s, sizeof(s) - 1)

static void test_simple(void **state)
{
	struct arena a;
	struct csv_table t;

	(void)state;
	arena_init(&a, 0);
	t = PARSE(&a, "団体名,会員数\r\n港町町内会,120\r\n");
	assert_int_equal(t.nrows, 2);
	assert_int_equal(t.rows[0].n, 2);
	assert_string_equal(t.rows[0].f[0], "団体名");
	assert_string_equal(t.rows[1].f[0], "港町町内会");
	assert_string_equal(t.rows[1].f[1], "120");
	assert_int_equal(t.rows[1].line, 2);

	/* LF only, no final line break */
	t = PARSE(&a, "a,b\nc,d");
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[1].f[1], "d");

	/* lone CR (old Mac Excel) */
	t = PARSE(&a, "a,b\rc,d\r");
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[1].f[0], "c");

	/* empty text and a BOM alone: no records */
	t = PARSE(&a, "");
	assert_int_equal(t.nrows, 0);
	t = PARSE(&a, CSV_BOM);
	assert_int_equal(t.nrows, 0);
	arena_free(&a);
}

static void test_quotes(void **state)
{
	struct arena a;
	struct csv_table t;

	(void)state;
	arena_init(&a, 0);
	t = PARSE(&a, "\"福祉、子育て\",\"防災,地域安全\","
	              "\"彼は\"\"協働\"\"と言った\"\r\n");
	assert_int_equal(t.nrows, 1);
	assert_int_equal(t.rows[0].n, 3);
	assert_string_equal(t.rows[0].f[0], "福祉、子育て");
	assert_string_equal(t.rows[0].f[1], "防災,地域安全");
	assert_string_equal(t.rows[0].f[2], "彼は\"協働\"と言った");

	/* embedded line breaks are kept; line numbers count them */
	t = PARSE(&a, "a,\"一行目\r\n二行目\nさん\"\r\nb,c\r\n");
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.rows[0].f[1], "一行目\r\n二行目\nさん");
	assert_int_equal(t.rows[1].line, 4);

	/* quoted empty field and "" alone */
	t = PARSE(&a, "\"\",x,\"\"\"\"\n");
	assert_string_equal(t.rows[0].f[0], "");
	assert_string_equal(t.rows[0].f[2], "\"");
	arena_free(&a);
}

static void test_empty_fields(void **state)
{
	struct arena a;
	struct csv_table t;

	(void)state;
	arena_init(&a, 0);
	t = PARSE(&a, ",,\r\n\r\nx,\r\n,y");
	assert_int_equal(t.nrows, 4);
	assert_int_equal(t.rows[0].n, 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(t.rows[0].f[i], "");
	assert_int_equal(t.rows[1].n, 1); /* an empty line */
	assert_string_equal(t.rows[1].f[0], "");
	assert_int_equal(t.rows[2].n, 2);
	assert_string_equal(t.rows[2].f[1], "");
	assert_string_equal(t.rows[3].f[0], "");
	assert_string_equal(t.rows[3].f[1], "y");
	arena_free(&a);
}

static void test_bom(void **state)
{
	struct arena a;
	struct csv_table t;

	(void)state;
	arena_init(&a, 0);
	t = PARSE(&a, CSV_BOM "団体名,フリガナ\r\n");
	assert_string_equal(t.rows[0].f[0], "団体名");
	/* a BOM later on is data, not skipped */
	t = PARSE(&a, "a," CSV_BOM "b\n");
	assert_string_equal(t.rows[0].f[1], CSV_BOM "b");
	arena_free(&a);
}

/* One malformed text and where the parser must say the problem is. */
struct bad {
	const char *s;
	enum csv_err e;
	size_t row, col, line;
};

static void test_malformed(void **state)
{
	static const struct bad c[] = {
	    {"a,b\r\nc,d\"e\r\n", CSV_ERR_QUOTE, 2, 2, 2},
	    {"a,\"b\"c\n", CSV_ERR_AFTER, 1, 2, 1},
	    {"h1,h2\nx,y\nz,\"never\nclosed\n", CSV_ERR_UNCLOSED, 3, 2, 3},
	    {"a,\"b\nc\",\"d\"\"\" e\n", CSV_ERR_AFTER, 1, 3, 2},
	    {"\"\"\"\n", CSV_ERR_UNCLOSED, 1, 1, 1},
	};
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct csv_table t = {(void *)1, 7};
		struct csv_pos pos = {0, 0, 0};
		enum csv_err e =
		    csv_parse(&a, c[i].s, strlen(c[i].s), &t, &pos);

		if (e != c[i].e || pos.row != c[i].row || pos.col != c[i].col ||
		    pos.line != c[i].line)
			fail_msg("case %zu: got %d at %zu:%zu line %zu", i,
			         (int)e, pos.row, pos.col, pos.line);
		assert_null(t.rows);
		assert_int_equal(t.nrows, 0);
		assert_non_null(strstr(csv_strerror(e), "引用符"));
	}
	/* an embedded NUL */
	{
		static const char nul[] = "a,b\nc\0d,e\n";
		struct csv_table t;
		struct csv_pos pos;

		assert_int_equal(csv_parse(&a, nul, sizeof(nul) - 1, &t, &pos),
		                 CSV_ERR_NUL);
		assert_int_equal(pos.row, 2);
		assert_int_equal(pos.col, 1);
	}
	arena_free(&a);
}

static void test_limits(void **state)
{
	struct arena a;
	struct buf b = {0};
	struct csv_table t;
	struct csv_pos pos;

	(void)state;
	arena_init(&a, 0);
	for (int i = 0; i <= CSV_MAX_FIELDS; i++)
		buf_puts(&b, i ? ",x" : "x");
	assert_int_equal(csv_parse(&a, b.data, b.len, &t, &pos), CSV_ERR_LIMIT);
	assert_int_equal(pos.col, CSV_MAX_FIELDS + 1);
	buf_free(&b);
	arena_free(&a);
}

static void test_colname(void **state)
{
	char buf[8];

	(void)state;
	assert_string_equal(csv_colname(1, buf), "A");
	assert_string_equal(csv_colname(26, buf), "Z");
	assert_string_equal(csv_colname(27, buf), "AA");
	assert_string_equal(csv_colname(52, buf), "AZ");
	assert_string_equal(csv_colname(703, buf), "AAA");
	assert_string_equal(csv_colname(0, buf), "?");
}

static void test_writer(void **state)
{
	struct buf b = {0};
	const char *row[] = {"港町町内会",   "防災,地域安全",
	                     "彼は\"協働\"", "一行目\r\n二行目",
	                     NULL,           "",
	                     " 前後 ",       "=SUM(A1)",
	                     "-1",           "@x",
	                     "普通"};

	(void)state;
	assert_int_equal(csv_put_row(&b, row, sizeof(row) / sizeof(row[0])), 0);
	assert_string_equal(buf_cstr(&b),
	                    "港町町内会,\"防災,地域安全\",\"彼は\"\"協働\"\"\","
	                    "\"一行目\r\n二行目\",,,\" 前後 \","
	                    "'=SUM(A1),'-1,'@x,普通\r\n");
	buf_free(&b);
	assert_string_equal(csv_cell("'=SUM(A1)"), "=SUM(A1)");
	assert_string_equal(csv_cell("'abc"), "'abc");
	assert_string_equal(csv_cell("abc"), "abc");
	/* csv_put_field is exact */
	assert_int_equal(csv_put_field(&b, "=1"), 0);
	assert_string_equal(buf_cstr(&b), "=1");
	buf_free(&b);
}

/* Writing then parsing gives back the same fields. */
static void test_round_trip(void **state)
{
	static const char *const rows[][4] = {
	    {"a", "b,c", "d\"e", "f\ng"},
	    {"", "", "", ""},
	    {"一行目\r\n\r\n三行目", "\"", ",", " x"},
	};
	struct buf b = {0};
	struct arena a;
	struct csv_table t;

	(void)state;
	arena_init(&a, 0);
	buf_puts(&b, CSV_BOM);
	for (size_t i = 0; i < 3; i++)
		csv_put_row(&b, rows[i], 4);
	t = parse_ok(&a, b.data, b.len);
	assert_int_equal(t.nrows, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(t.rows[i].n, 4);
		for (size_t j = 0; j < 4; j++)
			assert_string_equal(t.rows[i].f[j], rows[i][j]);
	}
	buf_free(&b);
	arena_free(&a);
}

/* Read a whole file into the arena. */
static char *slurp(struct arena *a, const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p;

	assert_non_null(f);
	p = arena_alloc(a, 1 << 16);
	*n = fread(p, 1, (1 << 16) - 1, f);
	fclose(f);
	return p;
}

static void test_sjis_fixture(void **state)
{
	struct arena a;
	size_t n, len, line = 99;
	enum charset cs;
	char *raw, *u;
	struct csv_table t;

	(void)state;
	arena_init(&a, 0);
	/* made with iconv -f UTF-8 -t CP932: 髙 and ① are CP932-only */
	raw = slurp(&a, "tests/unit/fixtures/groups-cp932.csv", &n);
	assert_int_equal(charset_detect(raw, n), CS_CP932);
	u = charset_to_utf8(&a, raw, n, &cs, &len, &line);
	assert_non_null(u);
	assert_int_equal(cs, CS_CP932);
	assert_int_equal(line, 0);
	assert_int_equal(strlen(u), len);
	t = parse_ok(&a, u, len);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0].f[0], "団体名");
	assert_string_equal(t.rows[1].f[0], "髙橋①ボランティア会");
	assert_string_equal(t.rows[1].f[3], "福祉、まちづくり");
	assert_string_equal(t.rows[2].f[3], "防災,地域安全");
	assert_string_equal(charset_name(cs), "Shift_JIS");
	arena_free(&a);
}

static void test_charset(void **state)
{
	struct arena a;
	size_t len, line;
	enum charset cs;
	char *u, *sj;
	static const char utf8[] = "団体名,会員数\r\n";
	static const char bom[] = CSV_BOM "団体名\r\n";
	/* 0x82 0xA0 is あ in Shift_JIS; 0x82 0x20 is not a character */
	static const char bad_sjis[] = "abc\r\n\x82\xA0\r\n\x82\x20x\r\n";
	static const char bad_bom[] = CSV_BOM "ok\nok\n\xFF\n";

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(charset_detect(utf8, sizeof(utf8) - 1), CS_UTF8);
	assert_int_equal(charset_detect("abc", 3), CS_UTF8);
	assert_int_equal(charset_detect(bom, sizeof(bom) - 1), CS_UTF8_BOM);
	u = charset_to_utf8(&a, bom, sizeof(bom) - 1, &cs, &len, &line);
	assert_string_equal(u, "団体名\r\n"); /* BOM removed */
	assert_int_equal(cs, CS_UTF8_BOM);
	u = charset_to_utf8(&a, utf8, sizeof(utf8) - 1, &cs, NULL, NULL);
	assert_string_equal(u, utf8);
	assert_int_equal(cs, CS_UTF8);

	/* UTF-8 → CP932 → UTF-8, with CP932-only characters */
	sj = utf8_to_cp932(&a, "髙橋①㈱〜", strlen("髙橋①㈱〜"), &len);
	assert_non_null(sj);
	assert_int_equal(charset_detect(sj, len), CS_CP932);
	u = charset_to_utf8(&a, sj, len, &cs, NULL, NULL);
	assert_non_null(u);
	assert_int_equal(cs, CS_CP932);
	assert_non_null(strstr(u, "髙橋①㈱"));
	/* half-width katakana (1 byte in CP932, 3 in UTF-8) */
	sj = utf8_to_cp932(&a, "ｱｲｳｴｵ", strlen("ｱｲｳｴｵ"), &len);
	assert_int_equal(len, 5);
	u = charset_to_utf8(&a, sj, len, &cs, &len, NULL);
	assert_string_equal(u, "ｱｲｳｴｵ");
	assert_int_equal(len, 15);

	/* neither: the line of the first bad byte */
	assert_int_equal(charset_detect(bad_sjis, sizeof(bad_sjis) - 1),
	                 CS_UNKNOWN);
	assert_null(charset_to_utf8(&a, bad_sjis, sizeof(bad_sjis) - 1, &cs,
	                            NULL, &line));
	assert_int_equal(cs, CS_UNKNOWN);
	assert_int_equal(line, 3);
	assert_null(charset_to_utf8(&a, bad_bom, sizeof(bad_bom) - 1, &cs, NULL,
	                            &line));
	assert_int_equal(line, 3);
	/* binary with NUL */
	assert_int_equal(charset_detect("a\0b", 3), CS_UNKNOWN);
	assert_null(charset_to_utf8(&a, "a\n\x82\0b", 5, &cs, NULL, &line));
	assert_int_equal(line, 2);
	/* no CP932 form */
	assert_null(utf8_to_cp932(&a, "😀", strlen("😀"), &len));
	arena_free(&a);
}

static void test_multipart(void **state)
{
	static const char body[] =
	    "preamble\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"csrf_token\"\r\n"
	    "\r\n"
	    "tok123\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"file\"; "
	    "filename=\"団体一覧.csv\"\r\n"
	    "Content-Type: text/csv\r\n"
	    "\r\n"
	    "a,b\r\n\x82\xA0,--Xy\r\n"
	    "--XyZ\r\n"
	    "content-disposition: form-data; name=\"dry_run\"\r\n"
	    "\r\n"
	    "1\r\n"
	    "--XyZ--\r\n";
	struct arena a;
	struct mp_part *p;
	size_t np;
	struct kvlist form = {0};
	struct request r = {0};
	const struct mp_part *f;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(
	    multipart_boundary(&a, "multipart/form-data; boundary=XyZ"), "XyZ");
	assert_string_equal(
	    multipart_boundary(&a, "multipart/form-data;boundary=\"a b\""),
	    "a b");
	assert_null(multipart_boundary(&a, "multipart/form-data"));
	assert_null(multipart_boundary(&a, "text/plain; boundary=x"));
	assert_null(multipart_boundary(&a, "multipart/form-data; boundary="));
	assert_int_equal(
	    multipart_parse(&a, "XyZ", body, sizeof(body) - 1, &p, &np), 0);
	assert_int_equal(np, 3);
	assert_string_equal(p[0].name, "csrf_token");
	assert_null(p[0].filename);
	assert_int_equal(p[0].len, 6);
	assert_string_equal(p[1].filename, "団体一覧.csv");
	assert_string_equal(p[1].content_type, "text/csv");
	assert_int_equal(p[1].len, 12);
	assert_memory_equal(p[1].data, "a,b\r\n\x82\xA0,--Xy", 12);
	assert_string_equal(p[2].name, "dry_run");

	assert_int_equal(multipart_form(&a, "multipart/form-data; boundary=XyZ",
	                                body, sizeof(body) - 1, &form),
	                 0);
	assert_int_equal(form.n, 2); /* the file is not a form field */
	assert_string_equal(kv_get(&form, "csrf_token"), "tok123");
	assert_string_equal(kv_get(&form, "dry_run"), "1");

	r.arena = &a;
	r.content_type = "multipart/form-data; boundary=XyZ";
	r.body = body;
	r.body_len = sizeof(body) - 1;
	f = multipart_file(&r, "file");
	assert_non_null(f);
	assert_int_equal(f->len, 12);
	assert_null(multipart_file(&r, "csrf_token"));
	r.content_type = "application/x-www-form-urlencoded";
	assert_null(multipart_file(&r, "file"));
	arena_free(&a);
}

static void test_multipart_malformed(void **state)
{
	static const char *const bad[] = {
	    "",
	    "--B\r\n\r\nno headers\r\n--B--",
	    "--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nnever "
	    "ends",
	    "--B\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nv\r\n"
	    "--B--",
	    "--B\r\nContent-Disposition: form-data; name=\"x\r\n\r\nv\r\n--B--",
	    "--Bxx",
	    "no delimiter at all",
	};
	struct arena a;
	struct mp_part *p;
	size_t np;
	struct kvlist form = {0};
	static const char badutf8[] =
	    "--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\xFF\r\n"
	    "--B--\r\n";

	(void)state;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (multipart_parse(&a, "B", bad[i], strlen(bad[i]), &p, &np) !=
		    -1)
			fail_msg("case %zu accepted", i);
	assert_int_equal(multipart_form(&a, "multipart/form-data; boundary=B",
	                                badutf8, sizeof(badutf8) - 1, &form),
	                 -1);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_simple),
	    cmocka_unit_test(test_quotes),
	    cmocka_unit_test(test_empty_fields),
	    cmocka_unit_test(test_bom),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_colname),
	    cmocka_unit_test(test_writer),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_sjis_fixture),
	    cmocka_unit_test(test_charset),
	    cmocka_unit_test(test_multipart),
	    cmocka_unit_test(test_multipart_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
