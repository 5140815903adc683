/* Finding the partner group of a project form: by 団体番号, by whole name,
 * by a one-character beginning of name or フリガナ, or by parts of them
 * (model/group_pick.h). Every read is bounded: one row by id, or at most
 * GROUP_PICK_MAX + 1 rows of one index (groups_status_name,
 * groups_status_kana, the names column of groups_fts) per read, whatever
 * the number of groups.
 *
 * The order of the steps:
 *  1. q without the half- and full-width spaces around it; nothing left:
 *     PICK_EMPTY.
 *  2. Digits only (0-9 or ０-９, at most PICK_ID_DIGITS of them): the group
 *     of that id when there is one and it is not 抹消 (PICK_ONE), else
 *     PICK_NONE. No name search: a 団体番号 names one group or none.
 *  3. The whole name, per status (登録, 申請中, 休止): one group has it,
 *     PICK_ONE; several, PICK_SOME (or PICK_MANY) with them.
 *  4. search_parse() of q. SQ_OK: its expression matched against the
 *     names column of groups_fts (schema 017: the name and フリガナ tokens
 *     of every group but 抹消, prefixed "nm_" for those not 登録: the
 *     expression on the column OR the expression with its tokens prefixed,
 *     search_name_match(); the words are substrings of the name or the
 *     フリガナ, normalised as the keyword search normalises them), the
 *     GROUP_PICK_MAX + 1 newest matches read, then each group by id.
 *     SQ_SHORT (a word of one character, which no bigram index answers):
 *     when other words remain, the one-character words are dropped and the
 *     others searched as in SQ_OK (a one-character word would match most
 *     groups anyway); when every word has one character, the groups whose
 *     name begins with the first word or whose フリガナ begins with it
 *     (ひらがな read as カタカナ, as フリガナ is stored), per status from
 *     groups_status_name and groups_status_kana. SQ_TOO_LONG /
 *     SQ_TOO_MANY: PICK_BAD.
 * The candidates are sorted by status, フリガナ (byte order, as SQLite's
 * BINARY compares), id. When more than GROUP_PICK_MAX matched, the ones
 * returned are the first GROUP_PICK_MAX of those read (the newest matches
 * of a part search; the first by name and by フリガナ of a prefix), not
 * necessarily the first of every match: the page asks for a longer q. */
#include "model/group_pick.h"

#include <stdlib.h>
#include <string.h>

#include "db/search_fn.h"
#include "model/groups_write.h"
#include "model/search.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/validate.h"

/* Most digits of a 団体番号 typed as digits (a larger number is no id). */
#define PICK_ID_DIGITS 15

/* Rows read per index read: one more than returned, to tell PICK_MANY. */
#define PICK_READ (GROUP_PICK_MAX + 1)

/* The statuses a picker finds, in the order it lists them (not
 * group_statuses.sort, which puts 申請中 first). */
static const char *const pick_statuses[] = {"toroku", "shinsei", "kyushi"};

#define NSTATUSES (sizeof(pick_statuses) / sizeof(pick_statuses[0]))

/* Candidates being collected. */
struct found {
	struct group_pick *v; /* arena array */
	size_t n;             /* rows in v */
	size_t cap;           /* capacity of v */
};

/* Columns every statement below reads, in this order. */
#define PICK_COLUMNS "g.id, g.name, g.kana, g.status, s.name"

/* One group by id, any status. */
static sqlite3_stmt *by_id_stmt(struct db *db)
{
	return db_prep(db, "SELECT " PICK_COLUMNS " FROM groups g JOIN "
	                   "group_statuses s ON s.code = g.status WHERE "
	                   "g.id = ?1");
}

/* The groups of status ?1 named ?2 exactly, by id, at most ?3. */
static sqlite3_stmt *by_name_stmt(struct db *db)
{
	return db_prep(db, "SELECT " PICK_COLUMNS " FROM groups g JOIN "
	                   "group_statuses s ON s.code = g.status WHERE "
	                   "g.status = ?1 AND g.name = ?2 ORDER BY g.id "
	                   "LIMIT ?3");
}

/* The groups of status ?1 whose name is in [?2, ?3), by name, at most
 * ?4. */
static sqlite3_stmt *name_prefix_stmt(struct db *db)
{
	return db_prep(db, "SELECT " PICK_COLUMNS " FROM groups g JOIN "
	                   "group_statuses s ON s.code = g.status WHERE "
	                   "g.status = ?1 AND g.name >= ?2 AND g.name < ?3 "
	                   "ORDER BY g.name, g.id LIMIT ?4");
}

/* The groups of status ?1 whose kana is in [?2, ?3), by kana, at most
 * ?4. */
static sqlite3_stmt *kana_prefix_stmt(struct db *db)
{
	return db_prep(db, "SELECT " PICK_COLUMNS " FROM groups g JOIN "
	                   "group_statuses s ON s.code = g.status WHERE "
	                   "g.status = ?1 AND g.kana >= ?2 AND g.kana < ?3 "
	                   "ORDER BY g.kana, g.id LIMIT ?4");
}

/* The ids of the groups matching the expression ?1 (read_match()'s: on the
 * names column only), newest first, at most ?2 (the index holds each group
 * under rowid = -id). */
static sqlite3_stmt *match_stmt(struct db *db)
{
	return db_prep(db, "SELECT -rowid FROM groups_fts WHERE groups_fts "
	                   "MATCH ?1 ORDER BY rowid LIMIT ?2");
}

/* Read the current row of a PICK_COLUMNS statement into out. */
static void row_read(struct arena *a, sqlite3_stmt *st, struct group_pick *out,
                     int *oom)
{
	out->id = sqlite3_column_int64(st, 0);
	out->name = model_text(a, st, 1, oom);
	out->kana = model_text(a, st, 2, oom);
	out->status = model_text(a, st, 3, oom);
	out->status_name = model_text(a, st, 4, oom);
}

/* The place of status s in the picker's order (NSTATUSES: another). */
static size_t status_rank(const char *s)
{
	size_t i = 0;

	while (i < NSTATUSES && strcmp(s, pick_statuses[i]) != 0)
		i++;
	return i;
}

/* qsort order of the candidates: status, kana (bytes), id. */
static int pick_cmp(const void *x, const void *y)
{
	const struct group_pick *p = x, *q = y;
	size_t rp = status_rank(p->status), rq = status_rank(q->status);
	int c;

	if (rp != rq)
		return rp < rq ? -1 : 1;
	c = strcmp(p->kana, q->kana);
	if (c != 0)
		return c;
	return (p->id > q->id) - (p->id < q->id);
}

/* Whether f already holds group id. */
static int found_has(const struct found *f, long long id)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].id == id)
			return 1;
	return 0;
}

/* Step st (bound; NULL: MS_DB) to its end, appending to f each group it
 * reads that f does not hold yet and that is not 抹消. *rows (when not
 * NULL) gets the number of rows read. MS_OK, MS_NOMEM or MS_DB. */
static enum mstatus collect(struct db *db, struct arena *a, sqlite3_stmt *st,
                            struct found *f, size_t *rows)
{
	int rc, oom = 0;
	size_t seen = 0;

	if (st == NULL)
		return MS_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const unsigned char *status = sqlite3_column_text(st, 3);

		seen++;
		if (found_has(f, id) || status == NULL ||
		    status_rank((const char *)status) == NSTATUSES)
			continue;
		if (model_grow(a, (void **)&f->v, &f->cap, f->n,
		               sizeof(*f->v)) < 0) {
			oom = 1;
			break;
		}
		row_read(a, st, &f->v[f->n++], &oom);
		if (oom)
			break;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rows != NULL)
		*rows = seen;
	if (oom)
		return MS_NOMEM;
	if (rc != SQLITE_DONE) {
		log_err("group pick: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return MS_OK;
}

/* Sort f and say what it is: PICK_NONE, PICK_SOME or PICK_MANY (f cut to
 * GROUP_PICK_MAX; more is set when a read stopped at its limit, so that
 * more groups matched than f holds). */
static enum pick_result settle(struct found *f, int more)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), pick_cmp);
	if (f->n > GROUP_PICK_MAX || more) {
		if (f->n > GROUP_PICK_MAX)
			f->n = GROUP_PICK_MAX;
		return PICK_MANY;
	}
	return f->n == 0 ? PICK_NONE : PICK_SOME;
}

/* Whether s is digits only (0-9, ０-９), at least one and at most
 * PICK_ID_DIGITS: 1 and their value in *id, else 0 (too many digits: 1
 * and *id = 0, an id no group has). */
static int digits_only(const char *s, long long *id)
{
	long long v = 0;
	int nd = 0;

	while (*s != '\0') {
		int d;

		if (*s >= '0' && *s <= '9') {
			d = *s - '0';
			s++;
		} else if ((unsigned char)s[0] == 0xEF &&
		           (unsigned char)s[1] == 0xBC &&
		           (unsigned char)s[2] >= 0x90 &&
		           (unsigned char)s[2] <= 0x99) {
			d = (unsigned char)s[2] - 0x90;
			s += 3;
		} else {
			return 0;
		}
		if (++nd <= PICK_ID_DIGITS)
			v = v * 10 + d;
	}
	if (nd == 0)
		return 0;
	*id = nd <= PICK_ID_DIGITS ? v : 0;
	return 1;
}

/* The upper end of the range of text beginning with prefix: prefix with
 * its last byte one higher (arena memory; NULL when out of memory). Text
 * compares bytewise (BINARY), and the last byte of a UTF-8 character is
 * never 0xFF. */
static char *prefix_end(struct arena *a, const char *prefix)
{
	size_t n = strlen(prefix);
	char *end = arena_strndup(a, prefix, n);

	if (end != NULL && n > 0)
		end[n - 1] = (char)((unsigned char)end[n - 1] + 1);
	return end;
}

/* The group id into f when there is one and it is not 抹消 (step 2, and
 * each match of read_match()). */
static enum mstatus read_id(struct db *db, struct arena *a, long long id,
                            struct found *f)
{
	sqlite3_stmt *st = by_id_stmt(db);

	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	return collect(db, a, st, f, NULL);
}

/* Step 3: the groups named name, per status; *more when a status has more
 * than GROUP_PICK_MAX. */
static enum mstatus read_name(struct db *db, struct arena *a, const char *name,
                              struct found *f, int *more)
{
	for (size_t i = 0; i < NSTATUSES && f->n < PICK_READ; i++) {
		sqlite3_stmt *st = by_name_stmt(db);
		enum mstatus ms;
		size_t rows;

		if (st == NULL)
			return MS_DB;
		sqlite3_bind_text(st, 1, pick_statuses[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, PICK_READ);
		ms = collect(db, a, st, f, &rows);
		if (ms != MS_OK)
			return ms;
		if (rows >= PICK_READ)
			*more = 1;
	}
	return MS_OK;
}

/* Read the prefix statement st for status and [from, to); *more when it
 * stopped at its limit. */
static enum mstatus read_prefix(struct db *db, struct arena *a,
                                sqlite3_stmt *st, const char *status,
                                const char *from, const char *to,
                                struct found *f, int *more)
{
	enum mstatus ms;
	size_t rows;

	if (st == NULL)
		return MS_DB;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, PICK_READ);
	ms = collect(db, a, st, f, &rows);
	if (ms == MS_OK && rows >= PICK_READ)
		*more = 1;
	return ms;
}

/* Step 4, one character c: the groups whose name or kana begins with it,
 * status by status until more than GROUP_PICK_MAX are found (the later
 * statuses would sort after them). */
static enum mstatus read_first_char(struct db *db, struct arena *a,
                                    const char *c, struct found *f, int *more)
{
	const char *kana = kana_to_katakana(a, c);
	const char *name_end = prefix_end(a, c);
	const char *kana_end = kana != NULL ? prefix_end(a, kana) : NULL;

	if (kana == NULL || name_end == NULL || kana_end == NULL)
		return MS_NOMEM;
	for (size_t i = 0; i < NSTATUSES && f->n < PICK_READ; i++) {
		enum mstatus ms =
		    read_prefix(db, a, name_prefix_stmt(db), pick_statuses[i],
		                c, name_end, f, more);

		if (ms == MS_OK)
			ms = read_prefix(db, a, kana_prefix_stmt(db),
			                 pick_statuses[i], kana, kana_end, f,
			                 more);
		if (ms != MS_OK)
			return ms;
	}
	return MS_OK;
}

/* Step 4, an expression: the newest PICK_READ matches, then each group. */
static enum mstatus read_match(struct db *db, struct arena *a,
                               const char *match, struct found *f, int *more)
{
	sqlite3_stmt *st = match_stmt(db);
	struct buf names = {0};
	long long ids[PICK_READ];
	size_t nids = 0;
	int rc;

	if (st == NULL)
		return MS_DB;
	/* the 登録 groups' names (the tokens as they are, in the names column:
	 * their body holds other text), or another group's (nm_ tokens) */
	if (buf_puts(&names, "names : (") < 0 || buf_puts(&names, match) < 0 ||
	    buf_puts(&names, ") OR (") < 0 ||
	    search_name_match(&names, match, SEARCH_NAME_PREFIX) < 0 ||
	    buf_puts(&names, ")") < 0) {
		buf_free(&names);
		return MS_NOMEM;
	}
	sqlite3_bind_text(st, 1, buf_cstr(&names), -1, SQLITE_TRANSIENT);
	buf_free(&names);
	sqlite3_bind_int(st, 2, PICK_READ);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && nids < PICK_READ)
		ids[nids++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		log_err("group pick: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	if (nids >= PICK_READ)
		*more = 1;
	for (size_t i = 0; i < nids; i++) {
		enum mstatus ms = read_id(db, a, ids[i], f);

		if (ms != MS_OK)
			return ms;
	}
	return MS_OK;
}

/* SQ_SHORT with words of two or more characters too: their expression
 * (the one-character words left out), or NULL with *ms MS_OK when every
 * word has one character (MS_NOMEM when out of memory). */
static const char *long_words_match(struct arena *a,
                                    const struct search_query *sq,
                                    enum mstatus *ms)
{
	struct search_query one, all;
	const char *q = "";

	*ms = MS_OK;
	for (size_t i = 0; i < sq->nwords; i++) {
		enum search_parse p = search_parse(a, sq->words[i], &one);

		if (p == SQ_NOMEM)
			goto nomem;
		if (p != SQ_OK)
			continue;
		q = *q ? arena_printf(a, "%s %s", q, sq->words[i])
		       : sq->words[i];
		if (q == NULL)
			goto nomem;
	}
	if (*q == '\0')
		return NULL;
	switch (search_parse(a, q, &all)) {
	case SQ_OK: return all.match;
	case SQ_NOMEM: goto nomem;
	default: return NULL;
	}
nomem:
	*ms = MS_NOMEM;
	return NULL;
}

enum mstatus group_pick_find(struct db *db, struct arena *a, const char *q,
                             struct group_pick **rows, size_t *n,
                             enum pick_result *res)
{
	struct found f = {0};
	struct search_query sq;
	const char *t, *match;
	enum mstatus ms = MS_OK;
	long long id;
	int more = 0;

	*rows = NULL;
	*n = 0;
	*res = PICK_NONE;
	if ((t = text_trim(a, q != NULL ? q : "")) == NULL)
		return MS_NOMEM;
	if (*t == '\0') {
		*res = PICK_EMPTY;
		return MS_OK;
	}
	/* 2. a 団体番号 */
	if (digits_only(t, &id)) {
		if (id > 0 && (ms = read_id(db, a, id, &f)) != MS_OK)
			return ms;
		*res = f.n == 1 ? PICK_ONE : PICK_NONE;
		goto done;
	}
	/* 3. the whole name */
	if ((ms = read_name(db, a, t, &f, &more)) != MS_OK)
		return ms;
	if (f.n == 1) {
		*res = PICK_ONE;
		goto done;
	}
	if (f.n > 1) {
		*res = settle(&f, more);
		goto done;
	}
	/* 4. parts of the name or the フリガナ */
	switch (search_parse(a, t, &sq)) {
	case SQ_OK: ms = read_match(db, a, sq.match, &f, &more); break;
	case SQ_SHORT:
		match = long_words_match(a, &sq, &ms);
		if (ms != MS_OK)
			return ms;
		ms = match != NULL
		         ? read_match(db, a, match, &f, &more)
		         : read_first_char(db, a, sq.short_word, &f, &more);
		break;
	case SQ_EMPTY: /* zero-width characters only */
		*res = PICK_EMPTY;
		return MS_OK;
	case SQ_TOO_LONG:
	case SQ_TOO_MANY: *res = PICK_BAD; return MS_OK;
	case SQ_NOMEM:
	default: return MS_NOMEM;
	}
	if (ms != MS_OK)
		return ms;
	*res = settle(&f, more);
done:
	*rows = f.v;
	*n = f.n;
	return MS_OK;
}

enum mstatus group_pick_get(struct db *db, struct arena *a, long long id,
                            struct group_pick *out)
{
	sqlite3_stmt *st = by_id_stmt(db);
	int rc, oom = 0;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row_read(a, st, out, &oom);
	return model_one_end(db, st, rc, oom, "group pick");
}
