/* Keyword search: normalisation, bigram tokens and the kyodo_bigrams() SQL
 * function the full-text triggers call (see search_fn.h). */
#include "db/search_fn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What norm_cp() says about a code point besides a character. */
enum {
	CP_SEP = -1,   /* ends a run (white space, control, invalid) */
	CP_DROP = -2,  /* not a character (zero width, variation selector) */
	CP_VOICE = -3, /* dakuten: joins the character before (ｶﾞ → ガ) */
	CP_SEMI = -4, /* handakuten: joins the character before (ﾊﾟ → パ) */
};

/* Full-width forms of U+FF61–U+FF9D (半角カナ and its punctuation). */
static const unsigned short halfwidth_kana[61] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5,
    0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4,
    0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5,
    0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8,
    0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8,
    0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8,
    0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3};

/* 1 when c is an ASCII letter or digit. */
static int ascii_alnum(long c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* The indexed form of code point cp, or one of CP_*. */
static long norm_cp(long cp)
{
	if (cp < 0x80) {
		if (cp <= 0x20 || cp == 0x7F)
			return CP_SEP;
		if (cp >= 'A' && cp <= 'Z')
			return cp + ('a' - 'A');
		if (ascii_alnum(cp))
			return cp;
		return 0xFF01 + (cp - 0x21); /* punctuation: full-width */
	}
	if (cp <= 0x9F || cp == 0xA0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202F || cp == 0x205F || cp == 0x3000)
		return CP_SEP;
	if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	    cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xE0100 && cp <= 0xE01EF))
		return CP_DROP;
	if (cp >= 0xFF01 && cp <= 0xFF5E) {
		long c = cp - 0xFF01 + 0x21;

		if (c >= 'A' && c <= 'Z')
			return c + ('a' - 'A');
		return ascii_alnum(c) ? c : cp;
	}
	if (cp >= 0x3041 && cp <= 0x3096)
		return cp + 0x60; /* ひらがな → カタカナ */
	if (cp == 0x309D || cp == 0x309E)
		return cp + 0x60; /* ゝゞ → ヽヾ */
	if (cp >= 0xFF61 && cp <= 0xFF9D)
		return halfwidth_kana[cp - 0xFF61];
	if (cp == 0xFF9E || cp == 0x3099 || cp == 0x309B)
		return CP_VOICE;
	if (cp == 0xFF9F || cp == 0x309A || cp == 0x309C)
		return CP_SEMI;
	return cp;
}

/* base with the mark (CP_VOICE or CP_SEMI) joined, or 0 when they do not
 * join. */
static long join_mark(long base, long mark)
{
	if (mark == CP_VOICE) {
		if ((base >= 0x30AB && base <= 0x30C1 &&
		     (base - 0x30AB) % 2 == 0) ||
		    base == 0x30C4 || base == 0x30C6 || base == 0x30C8 ||
		    (base >= 0x30CF && base <= 0x30DB &&
		     (base - 0x30CF) % 3 == 0) ||
		    base == 0x30FD)
			return base + 1; /* ガ … ド, バ … ボ, ヾ */
		if (base == 0x30A6)
			return 0x30F4; /* ヴ */
		if (base >= 0x30EF && base <= 0x30F2)
			return base + 8; /* ヷ ヸ ヹ ヺ */
		return 0;
	}
	if (base >= 0x30CF && base <= 0x30DB && (base - 0x30CF) % 3 == 0)
		return base + 2; /* パ … ポ */
	return 0;
}

/* Decode the UTF-8 sequence at s[*i] (of n bytes) and advance *i; -1 for
 * an invalid sequence (one byte consumed). */
static long decode(const unsigned char *s, size_t n, size_t *i)
{
	unsigned c = s[*i];
	size_t len, k;
	long cp, min;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if ((c & 0xE0) == 0xC0)
		len = 2, cp = c & 0x1F, min = 0x80;
	else if ((c & 0xF0) == 0xE0)
		len = 3, cp = c & 0x0F, min = 0x800;
	else if ((c & 0xF8) == 0xF0)
		len = 4, cp = c & 0x07, min = 0x10000;
	else
		len = 0, cp = 0, min = 0;
	if (len == 0 || n - *i < len) {
		(*i)++;
		return -1;
	}
	for (k = 1; k < len; k++) {
		if ((s[*i + k] & 0xC0) != 0x80) {
			(*i)++;
			return -1;
		}
		cp = (cp << 6) | (s[*i + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		(*i)++;
		return -1;
	}
	*i += len;
	return cp;
}

/* Append code point cp as UTF-8 to out. 0 or -1. */
static int put_cp(struct buf *out, long cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return buf_put(out, u, n);
}

/* Append the token win[0..n) to out, after a space when out is not
 * empty, and after the run barrier when *barrier is set (then cleared). 0
 * or -1. */
static int put_token(struct buf *out, int *barrier, const long *win, int n)
{
	if (*barrier) {
		if (buf_puts(out, " " SEARCH_BARRIER) < 0)
			return -1;
		*barrier = 0;
	}
	if (out->len > 0 && buf_put(out, " ", 1) < 0)
		return -1;
	for (int k = 0; k < n; k++)
		if (put_cp(out, win[k]) < 0)
			return -1;
	return 0;
}

/* search_bigrams() for tokens of n (2 or 3) characters. */
static long ngrams(struct buf *out, const char *text, size_t len, int n,
                   size_t *nchars)
{
	const unsigned char *s = (const unsigned char *)text;
	long win[3]; /* the run's last k characters; win[k - 1] is still
	                open to a mark */
	int k = 0;
	long tokens = 0, run_tokens = 0;
	size_t i = 0, chars = 0;
	int barrier = out->len > 0; /* a run before: separate from it */

	/* A token (the n characters of win) is written once its last
	 * character is final: when the next character or the end of the run
	 * comes. */
	for (;;) {
		int end = i >= len;
		long c = end ? CP_SEP : norm_cp(decode(s, len, &i));

		if (c == CP_DROP)
			continue;
		if (c == CP_VOICE || c == CP_SEMI) {
			long joined = k > 0 ? join_mark(win[k - 1], c) : 0;

			if (joined != 0) {
				win[k - 1] = joined;
				continue;
			}
			c = c == CP_VOICE ? 0x309B : 0x309C; /* a lone ゛ ゜ */
		}
		if (c == CP_SEP) {
			if (k == n) {
				if (put_token(out, &barrier, win, n) < 0)
					return -1;
				run_tokens++;
			}
			if (run_tokens > 0)
				barrier = 1;
			tokens += run_tokens;
			run_tokens = 0;
			k = 0;
			if (end)
				break;
			continue;
		}
		chars++;
		if (k == n) {
			if (put_token(out, &barrier, win, n) < 0)
				return -1;
			run_tokens++;
			memmove(win, win + 1, (size_t)(n - 1) * sizeof(*win));
			k--;
		}
		win[k++] = c;
	}
	if (nchars != NULL)
		*nchars = chars;
	return tokens;
}

long search_bigrams(struct buf *out, const char *text, size_t len,
                    size_t *nchars)
{
	return ngrams(out, text, len, 2, nchars);
}

long search_trigrams(struct buf *out, const char *text, size_t len,
                     size_t *nchars)
{
	return ngrams(out, text, len, 3, nchars);
}

size_t search_char_at(const char *s, size_t n, int *space)
{
	size_t i = 0;

	*space = norm_cp(decode((const unsigned char *)s, n, &i)) == CP_SEP;
	return i;
}

/* The n-character tokens of the text arguments argv[from..argc) (NULLs
 * skipped) appended to out. 0, or -1 when out of memory. */
static int args_ngrams(struct buf *out, int argc, sqlite3_value **argv,
                       int from, int n)
{
	for (int k = from; k < argc; k++) {
		const unsigned char *t = sqlite3_value_text(argv[k]);

		if (t == NULL) {
			if (sqlite3_value_type(argv[k]) != SQLITE_NULL)
				return -1;
			continue;
		}
		if (ngrams(out, (const char *)t,
		           (size_t)sqlite3_value_bytes(argv[k]), n, NULL) < 0)
			return -1;
	}
	return 0;
}

/* Return out as the function's text result (out is handed over). */
static void result_buf(sqlite3_context *ctx, struct buf *out)
{
	if (out->len == 0) {
		buf_free(out);
		sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
		return;
	}
	sqlite3_result_text64(ctx, out->data, out->len, free, SQLITE_UTF8);
}

/* kyodo_bigrams(text, ...) and kyodo_trigrams(text, ...): see
 * search_fn.h. The user data is the token length. */
static void fn_ngrams(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct buf out = {0};
	int n = *(const int *)sqlite3_user_data(ctx);

	if (args_ngrams(&out, argc, argv, 0, n) < 0) {
		buf_free(&out);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	result_buf(ctx, &out);
}

/* Append the tokens of in[0..len) (single spaces between them) to out,
 * each after prefix, and after a space when out is not empty. 0 or -1. */
static int put_prefixed(struct buf *out, const char *prefix, const char *in,
                        size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && in[j] != ' ')
			j++;
		if (j > i && ((out->len > 0 && buf_put(out, " ", 1) < 0) ||
		              buf_puts(out, prefix) < 0 ||
		              buf_put(out, in + i, j - i) < 0))
			return -1;
		i = j + 1;
	}
	return 0;
}

/* kyodo_name_tokens(prefix, text, ...): see search_fn.h. */
static void fn_name_tokens(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct buf out = {0}, grams = {0};
	const unsigned char *p = argc > 0 ? sqlite3_value_text(argv[0]) : NULL;
	const char *prefix = p != NULL ? (const char *)p : "";

	for (int n = 2; n <= 3; n++) {
		buf_clear(&grams);
		if (args_ngrams(&grams, argc, argv, 1, n) < 0 ||
		    put_prefixed(&out, prefix, grams.data, grams.len) < 0) {
			buf_free(&grams);
			buf_free(&out);
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	buf_free(&grams);
	result_buf(ctx, &out);
}

int search_name_match(struct buf *out, const char *match, const char *prefix)
{
	int in_phrase = 0, at_token = 0;

	for (const char *p = match; *p != '\0'; p++) {
		if (*p == '"') {
			in_phrase = !in_phrase;
			at_token = in_phrase;
		} else if (in_phrase && *p == ' ') {
			at_token = 1;
		} else if (at_token) {
			if (buf_puts(out, prefix) < 0)
				return -1;
			at_token = 0;
		}
		if (buf_put(out, p, 1) < 0)
			return -1;
	}
	return 0;
}

int search_optimize(sqlite3 *h)
{
	return sqlite3_exec(h,
	                    "INSERT INTO projects_fts (projects_fts) VALUES "
	                    "('optimize'); INSERT INTO groups_fts (groups_fts) "
	                    "VALUES ('optimize')",
	                    NULL, NULL, NULL);
}

int search_check(sqlite3 *h)
{
	static const struct {
		int version;      /* the schema version that made the table */
		int until;        /* the last version it holds for (0: all) */
		const char *sql;  /* a check */
		const char *what; /* its problem, in words */
	} checks[] = {
	    {2, 0,
	     "INSERT INTO projects_fts (projects_fts) VALUES "
	     "('integrity-check')",
	     "projects_fts: FTS5 integrity-check failed"},
	    {2, 0,
	     "INSERT INTO groups_fts (groups_fts) VALUES ('integrity-check')",
	     "groups_fts: FTS5 integrity-check failed"},
	    {2, 0,
	     "SELECT (SELECT count(*) FROM projects_fts) = (SELECT count(*) "
	     "FROM projects WHERE published = 1)",
	     "projects_fts does not hold exactly the published projects"},
	    {2, 16,
	     "SELECT (SELECT count(*) FROM groups_fts) = (SELECT count(*) FROM "
	     "groups WHERE status = 'toroku')",
	     "groups_fts does not hold exactly the registered groups"},
	    {13, 16,
	     "INSERT INTO group_names_fts (group_names_fts) VALUES "
	     "('integrity-check')",
	     "group_names_fts: FTS5 integrity-check failed"},
	    /* as many documents as groups that are not 抹消, and each of
	     * them one (rowid = -id) */
	    {13, 16,
	     "SELECT (SELECT count(*) FROM group_names_fts) = (SELECT count(*) "
	     "FROM groups WHERE status <> 'massho') AND NOT EXISTS (SELECT 1 "
	     "FROM group_names_fts f WHERE NOT EXISTS (SELECT 1 FROM groups g "
	     "WHERE g.id = -f.rowid AND g.status <> 'massho'))",
	     "group_names_fts does not hold exactly the groups that are not "
	     "抹消"},
	    /* 017: a document per group that is not 抹消 (the picker's
	     * names), and the public text and filters of exactly the
	     * registered ones (any facet token: 登録 documents carry gk_) */
	    {17, 0,
	     "SELECT (SELECT count(*) FROM groups_fts) = (SELECT count(*) "
	     "FROM groups WHERE status <> 'massho') AND NOT EXISTS (SELECT 1 "
	     "FROM groups_fts f WHERE NOT EXISTS (SELECT 1 FROM groups g "
	     "WHERE g.id = -f.rowid AND g.status <> 'massho'))",
	     "groups_fts does not hold exactly the groups that are not 抹消"},
	    {17, 0,
	     "SELECT (SELECT count(*) FROM groups_fts WHERE groups_fts MATCH "
	     "'facets : gk_*') = (SELECT count(*) FROM groups WHERE status = "
	     "'toroku') AND NOT EXISTS (SELECT 1 FROM groups_fts f WHERE "
	     "groups_fts MATCH 'facets : gk_*' AND NOT EXISTS (SELECT 1 FROM "
	     "groups g WHERE g.id = -f.rowid AND g.status = 'toroku'))",
	     "groups_fts does not hold the public text of exactly the "
	     "registered groups"},
	};
	int problems = 0, version = 0;
	sqlite3_stmt *vs;

	/* a database at an older schema has fewer tables to check */
	if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &vs, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(vs) == SQLITE_ROW)
			version = sqlite3_column_int(vs, 0);
		sqlite3_finalize(vs);
	}
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		sqlite3_stmt *st;
		int rc, ok = 0;

		if (checks[i].version > version ||
		    (checks[i].until != 0 && checks[i].until < version))
			continue;
		rc = sqlite3_prepare_v2(h, checks[i].sql, -1, &st, NULL);

		if (rc == SQLITE_OK) {
			rc = sqlite3_step(st);
			ok = rc == SQLITE_DONE ||
			     (rc == SQLITE_ROW &&
			      sqlite3_column_int(st, 0) == 1);
			sqlite3_finalize(st);
		}
		if (!ok) {
			printf("  %s (%s)\n", checks[i].what,
			       sqlite3_errmsg(h));
			problems++;
		}
	}
	return problems;
}

int search_fn_register(sqlite3 *h)
{
	static const int two = 2, three = 3;
	int rc = sqlite3_create_function_v2(
	    h, "kyodo_bigrams", -1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, (void *)&two,
	    fn_ngrams, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_create_function_v2(
	    h, "kyodo_trigrams", -1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
	    (void *)&three, fn_ngrams, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	return sqlite3_create_function_v2(
	    h, "kyodo_name_tokens", -1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    fn_name_tokens, NULL, NULL, NULL);
}
