/* Keyword search without a database: the bigram tokens (normalisation,
 * runs, edge cases) as a table, every byte string, the kyodo_bigrams() SQL
 * function, the query parser as a table, the q field's validator. The
 * index, its triggers and the searches are in test_search_index.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "db/search_fn.h"
#include "model/search.h"
#include "pages/pages.h"
#include "util/buf.h"
#include "util/validate.h"

/* Per-test memory. */
static struct arena arena;

/* ---- tokens ---- */

/* Append to out the trigram tokens that the bigram tokens bigrams stand
 * for: in each run two neighbouring bigrams make a trigram (防災 災訓 →
 * 防災訓); a run with none is left out, and the barrier goes between two
 * runs that have some, as search_trigrams() writes them. */
static void trigrams_from(struct buf *out, const char *bigrams)
{
	char prev[32] = "";
	int run_tokens = 0;

	for (const char *p = bigrams; *p;) {
		size_t k = strcspn(p, " ");
		char tok[32];
		const char *second = tok + 1;

		assert_true(k < sizeof(tok));
		memcpy(tok, p, k);
		tok[k] = '\0';
		p += k + (p[k] == ' ');
		if (strcmp(tok, SEARCH_BARRIER) == 0) {
			prev[0] = '\0';
			run_tokens = 0;
			continue;
		}
		if (prev[0] != '\0') {
			while (((unsigned char)*second & 0xC0) == 0x80)
				second++;
			if (out->len > 0)
				buf_puts(out, run_tokens == 0
				                  ? " " SEARCH_BARRIER " "
				                  : " ");
			buf_puts(out, prev);
			buf_puts(out, second);
			run_tokens++;
		}
		memcpy(prev, tok, k + 1);
	}
}

/* search_trigrams() of in agrees with its bigrams (same normalisation,
 * runs, barriers, character count). */
static void check_trigrams(const char *in, size_t len)
{
	struct buf bi = {0}, tri = {0}, want = {0};
	size_t nbi = 0, ntri = 99;
	long n;

	assert_true(search_bigrams(&bi, in, len, &nbi) >= 0);
	n = search_trigrams(&tri, in, len, &ntri);
	trigrams_from(&want, buf_cstr(&bi));
	if (strcmp(buf_cstr(&tri), buf_cstr(&want)) != 0 || ntri != nbi)
		fail_msg("trigrams of '%.*s': '%s' (%zu chars), expected '%s' "
		         "(%zu)",
		         (int)len, in, buf_cstr(&tri), ntri, buf_cstr(&want),
		         nbi);
	assert_true(n >= 0);
	buf_free(&bi);
	buf_free(&tri);
	buf_free(&want);
}

static void test_bigrams(void **state)
{
	static const struct {
		const char *in;  /* text */
		const char *out; /* tokens */
		size_t nchars;   /* characters after normalisation */
	} cases[] = {
	    {"防災訓練", "防災 災訓 訓練", 4},
	    {"防災", "防災", 2},
	    {"防", "", 1},
	    {"", "", 0},
	    /* white space (ASCII, 全角, NBSP, tab) ends a run */
	    {"  防災　訓練 ", "防災 〓 訓練", 4},
	    {"防\xC2\xA0災", "", 2},
	    {"防\t災", "", 2},
	    {"地域の防災 訓練会", "地域 域ノ ノ防 防災 〓 訓練 練会", 8},
	    /* a one-character run between two: one barrier */
	    {"防災 市 訓練", "防災 〓 訓練", 5},
	    /* 全角英数 → 半角, upper → lower case; digits and kanji mix */
	    {"ＮＰＯ法人", "np po o法 法人", 5},
	    {"NPO", "np po", 3},
	    {"Ａｂｃ１２", "ab bc c1 12", 5},
	    {"第3回", "第3 3回", 3},
	    /* ASCII punctuation → 全角 (kept inside tokens), 全角 kept */
	    {"a,b", "a， ，b", 3},
	    {"\"x\"", "＂x x＂", 3},
	    {"！？", "！？", 2},
	    {"!?", "！？", 2},
	    {"防災・訓練", "防災 災・ ・訓 訓練", 5},
	    /* ひらがな → カタカナ, 半角カナ → 全角 with ﾞ ﾟ joined */
	    {"こども", "コド ドモ", 3},
	    {"ｺﾄﾞﾓ", "コド ドモ", 3},
	    {"ﾊﾟﾝ", "パン", 2},
	    {"ｳﾞｧｲｵﾘﾝ", "ヴァ ァイ イオ オリ リン", 6},
	    {"か\xE3\x82\x99き", "ガキ", 2}, /* combining dakuten */
	    {"ﾞあ", "゛ア", 2},              /* a mark with no base */
	    {"ゝ", "", 1},
	    /* emoji: characters like any other; VS16 and ZWJ dropped */
	    {"🌸祭り", "🌸祭 祭リ", 3},
	    {"❤️", "", 1},
	    {"防\xE2\x80\x8B災", "防災", 2},
	    {"👍🏽", "👍🏽", 2},
	    /* invalid UTF-8 ends a run like a space */
	    {"防\xFF災", "", 2},
	    {"防災\xE3\x81", "防災", 2},
	    {"\x7F\x01", "", 0},
	};
	struct buf b = {0};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t nchars = 99;
		long n;

		buf_clear(&b);
		n = search_bigrams(&b, cases[i].in, strlen(cases[i].in),
		                   &nchars);
		if (strcmp(buf_cstr(&b), cases[i].out) != 0 ||
		    nchars != cases[i].nchars)
			fail_msg("case %zu '%s': '%s' (%zu chars), expected "
			         "'%s' (%zu)",
			         i, cases[i].in, buf_cstr(&b), nchars,
			         cases[i].out, cases[i].nchars);
		assert_true(n >= 0);
		check_trigrams(cases[i].in, strlen(cases[i].in));
	}
	/* appending to what out holds: a barrier between */
	buf_clear(&b);
	assert_int_equal(search_bigrams(&b, "防災", 6, NULL), 1);
	assert_int_equal(search_bigrams(&b, "訓練", 6, NULL), 1);
	assert_string_equal(buf_cstr(&b), "防災 〓 訓練");
	assert_int_equal(search_bigrams(&b, "市", 3, NULL), 0);
	assert_string_equal(buf_cstr(&b), "防災 〓 訓練");
	buf_free(&b);
}

/* Trigrams: a table of their own (the bigram cases check them too). */
static void test_trigrams(void **state)
{
	static const struct {
		const char *in;  /* text */
		const char *out; /* tokens */
	} cases[] = {
	    {"防災訓練", "防災訓 災訓練"},
	    {"防災", ""},
	    {"まちづくり", "マチヅ チヅク ヅクリ"},
	    {"  防災訓練　地域の防災 ",
	     "防災訓 災訓練 〓 地域ノ 域ノ防 ノ防災"},
	    /* a run of one or two characters: no token, no barrier */
	    {"防災訓練 防災 市 訓練会", "防災訓 災訓練 〓 訓練会"},
	    {"ＮＰＯ法人", "npo po法 o法人"},
	    {"ｳﾞｧｲｵﾘﾝ", "ヴァイ ァイオ イオリ オリン"},
	    {"ﾊﾟﾝﾀﾞ", "パンダ"},
	    {"ﾞあい", "゛アイ"},
	    {"a\"b", "a＂b"},
	    {"防\xE2\x80\x8B災訓", "防災訓"},
	    {"防災\xFF訓練会", "訓練会"},
	};
	struct buf b = {0};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_clear(&b);
		assert_true(search_trigrams(&b, cases[i].in,
		                            strlen(cases[i].in), NULL) >= 0);
		if (strcmp(buf_cstr(&b), cases[i].out) != 0)
			fail_msg("case %zu '%s': '%s', expected '%s'", i,
			         cases[i].in, buf_cstr(&b), cases[i].out);
		check_trigrams(cases[i].in, strlen(cases[i].in));
	}
	/* appending: a barrier between values, none before the first */
	buf_clear(&b);
	assert_int_equal(search_trigrams(&b, "防災", 6, NULL), 0);
	assert_int_equal(search_trigrams(&b, "防災訓練", 12, NULL), 2);
	assert_int_equal(search_trigrams(&b, "訓練会", 9, NULL), 1);
	assert_string_equal(buf_cstr(&b), "防災訓 災訓練 〓 訓練会");
	buf_free(&b);
}

/* Every byte string: no crash, tokens are valid UTF-8 of two
 * characters (or the barrier). */
static void test_bigrams_any_bytes(void **state)
{
	struct buf b = {0};
	unsigned seed = 12345;

	(void)state;
	for (int round = 0; round < 2000; round++) {
		unsigned char in[24];
		size_t n = (size_t)(round % 24);

		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (unsigned char)(seed >> 16);
			if (round % 3 == 0)
				in[i] |= 0x80; /* mostly multi-byte */
		}
		buf_clear(&b);
		check_trigrams((const char *)in, n);
		assert_true(search_bigrams(&b, (const char *)in, n, NULL) >= 0);
		assert_true(utf8_chars(buf_cstr(&b)) <= 4 * n);
		for (const char *t = buf_cstr(&b); *t;) {
			size_t k = strcspn(t, " ");
			char tok[32];

			assert_true(k > 0 && k < sizeof(tok));
			memcpy(tok, t, k);
			tok[k] = '\0';
			assert_true(utf8_chars(tok) == 2 ||
			            strcmp(tok, SEARCH_BARRIER) == 0);
			t += k + (t[k] == ' ');
		}
	}
	buf_free(&b);
}

/* One text value of a single-row query on h. */
static char *q1_text(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	char *s = NULL;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		s = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_non_null(s);
	return s;
}

static void test_sql_function(void **state)
{
	struct db *db = db_open(":memory:", NULL, 1);
	static const struct {
		const char *sql, *out;
	} cases[] = {
	    {"SELECT kyodo_bigrams('防災', NULL, '訓練')", "防災 〓 訓練"},
	    {"SELECT kyodo_bigrams('防', '災')", ""},
	    {"SELECT kyodo_bigrams()", ""},
	    {"SELECT kyodo_bigrams(NULL)", ""},
	    {"SELECT kyodo_bigrams(2024)", "20 02 24"},
	    {"SELECT kyodo_bigrams('ＡＢ')", "ab"},
	    {"SELECT kyodo_trigrams('防災訓練', NULL, '防災', 'まつり')",
	     "防災訓 災訓練 〓 マツリ"},
	    {"SELECT kyodo_trigrams('防', '災')", ""},
	    {"SELECT kyodo_trigrams()", ""},
	    {"SELECT kyodo_trigrams(2024)", "202 024"},
	};

	(void)state;
	assert_non_null(db);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = q1_text(db->h, cases[i].sql);

		if (strcmp(s, cases[i].out) != 0)
			fail_msg("%s: '%s'", cases[i].sql, s);
		free(s);
	}
	db_close(db);
}

/* ---- queries ---- */

static void test_parse(void **state)
{
	static const struct {
		const char *q;          /* query */
		enum search_parse rc;   /* result */
		const char *match;      /* expression when SQ_OK */
		size_t nwords;          /* words */
		const char *short_word; /* when SQ_SHORT */
	} cases[] = {
	    {"防災", SQ_OK, "\"防災\"", 1, NULL},
	    {"防災訓練", SQ_OK, "\"防災訓 災訓練\"", 1, NULL},
	    {"まちづくり", SQ_OK, "\"マチヅ チヅク ヅクリ\"", 1, NULL},
	    {"子育て", SQ_OK, "\"子育テ\"", 1, NULL},
	    {"防災 訓練", SQ_OK, "\"防災\" AND \"訓練\"", 2, NULL},
	    {"防災　訓練", SQ_OK, "\"防災\" AND \"訓練\"", 2, NULL},
	    {"  防災\t\t訓練  ", SQ_OK, "\"防災\" AND \"訓練\"", 2, NULL},
	    {"ＮＰＯ", SQ_OK, "\"npo\"", 1, NULL},
	    {"ＮＰ", SQ_OK, "\"np\"", 1, NULL},
	    {"こそだて", SQ_OK, "\"コソダ ソダテ\"", 1, NULL},
	    {"AND", SQ_OK, "\"and\"", 1, NULL},
	    {"a\"b", SQ_OK, "\"a＂b\"", 1, NULL},
	    {"NEAR(x y)", SQ_OK, "\"nea ear ar（ r（x\" AND \"y）\"", 2, NULL},
	    {"防", SQ_SHORT, NULL, 1, "防"},
	    {"防災 市", SQ_SHORT, NULL, 2, "市"},
	    {"a", SQ_SHORT, NULL, 1, "a"},
	    {"", SQ_EMPTY, NULL, 0, NULL},
	    {"　 ", SQ_EMPTY, NULL, 0, NULL},
	    {"\xE2\x80\x8B", SQ_EMPTY, NULL, 0, NULL},
	    {"防災 \xE2\x80\x8B", SQ_OK, "\"防災\"", 1, NULL},
	    {"aa bb cc dd ee ff gg hh ii jj", SQ_OK, NULL, 10, NULL},
	    {"aa bb cc dd ee ff gg hh ii jj kk", SQ_TOO_MANY, NULL, 11, NULL},
	};
	struct search_query q;
	char long_q[512];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum search_parse rc = search_parse(&arena, cases[i].q, &q);

		if (rc != cases[i].rc || q.nwords != cases[i].nwords)
			fail_msg("'%s': rc %d, %zu words", cases[i].q, rc,
			         q.nwords);
		if (cases[i].match != NULL &&
		    (q.match == NULL || strcmp(q.match, cases[i].match) != 0))
			fail_msg("'%s': '%s'", cases[i].q,
			         q.match ? q.match : "(null)");
		if (rc != SQ_OK)
			assert_null(q.match);
		if (cases[i].short_word != NULL)
			assert_string_equal(q.short_word, cases[i].short_word);
	}
	/* the words as typed */
	assert_int_equal(search_parse(&arena, "ＮＰＯ　子育て", &q), SQ_OK);
	assert_int_equal(q.nwords, 2);
	assert_string_equal(q.words[0], "ＮＰＯ");
	assert_string_equal(q.words[1], "子育て");
	/* 100 characters, not 101 */
	long_q[0] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(long_q, "あ");
	assert_int_equal(search_parse(&arena, long_q, &q), SQ_OK);
	strcat(long_q, "あ");
	assert_int_equal(search_parse(&arena, long_q, &q), SQ_TOO_LONG);
}

/* The q field of /projects and /groups. */
static void test_q_field(void **state)
{
	static const char *const valid[] = {
	    "防災", "防", "ＮＰＯ 子育て", "<script>", "a&b=c", "🌸",
	};
	static const char *const invalid[] = {
	    "防災\n訓練",
	    "a\x01",
	    "a\x7F",
	};
	size_t n;
	const struct field *fields[2], *f;
	size_t counts[2];
	char long_q[512] = "";
	struct fieldval v;

	(void)state;
	fields[0] = projects_query_fields(&counts[0]);
	fields[1] = groups_query_fields(&counts[1]);
	for (int k = 0; k < 2; k++) {
		f = NULL;
		for (n = 0; n < counts[k]; n++)
			if (strcmp(fields[k][n].name, "q") == 0)
				f = &fields[k][n];
		assert_non_null(f);
		assert_string_equal(fields[k][counts[k] - 1].name, "page");
		for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
			if (field_check(&arena, f, valid[i], &v) != 0)
				fail_msg("q=%s rejected: %s", valid[i],
				         v.error);
		for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]);
		     i++)
			if (field_check(&arena, f, invalid[i], &v) == 0)
				fail_msg("q=%s accepted", invalid[i]);
		long_q[0] = '\0';
		for (int i = 0; i < 100; i++)
			strcat(long_q, "字");
		assert_int_equal(field_check(&arena, f, long_q, &v), 0);
		strcat(long_q, "字");
		assert_int_equal(field_check(&arena, f, long_q, &v), -1);
		assert_non_null(strstr(v.error, "100文字以内"));
	}
}

static int setup(void **state)
{
	(void)state;
	arena_init(&arena, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bigrams),
	    cmocka_unit_test(test_trigrams),
	    cmocka_unit_test(test_bigrams_any_bytes),
	    cmocka_unit_test(test_sql_function),
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_q_field),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
