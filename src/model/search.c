/* Keyword search of the public lists over the bigram and trigram index.
 *
 * projects_fts / groups_fts (schema/002_search.sql, rebuilt by
 * schema/006_search_trigrams.sql) hold only what the public may find, one
 * document per row: the bigrams of the text, its trigrams and, as tokens of
 * their own, the filters of the list (年度, 形態, 分野, 領域, 担当課;
 * 五十音の行, 種別, 分野). A word of two characters is its bigram, a longer
 * one the phrase of its trigrams (fewer and rarer terms than its bigrams:
 * FTS5 steps through the doclists of every term of a phrase). A search is
 * one MATCH: the words' phrases AND the filters' tokens, which FTS5
 * intersects through its doclist index and answers newest first without
 * sorting: the tables hold each document under rowid = -id, so newest
 * first is ORDER BY rowid, the order FTS5 reads a doclist in (backwards,
 * ORDER BY rowid DESC, cost a 5-character word 70 % more). No filter is
 * checked row by row.
 *
 * One statement per request reads the matches newest first up to
 * SEARCH_COUNT_CAP + 1: it counts them (capped) and keeps the page's ids.
 * The pages stop at the cap too, so no request reads more than a bounded
 * number of index entries, whatever the size of the database. The MATCH
 * expression is a bound value built from tokens kyodo_bigrams()' rules
 * produce (no ASCII punctuation, so no '"') and master codes checked
 * against their table; never SQL. */
#include "model/search.h"

#include <stdio.h>
#include <string.h>

#include "db/search_fn.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/validate.h"

enum search_parse search_parse(struct arena *a, const char *q,
                               struct search_query *out)
{
	struct buf m = {0}, w = {0}; /* the expression, one word's tokens */
	size_t len = strlen(q), i = 0, cap = 0;
	enum search_parse rc = SQ_OK;

	memset(out, 0, sizeof(*out));
	if (utf8_chars(q) > SEARCH_MAX_CHARS)
		return SQ_TOO_LONG;
	while (i < len) {
		size_t start = i, nchars, end = i;
		int space;
		long tokens;

		/* the word: characters up to the next space */
		while (end < len) {
			size_t k = search_char_at(q + end, len - end, &space);

			if (space)
				break;
			end += k;
		}
		if (end == start) {
			i += search_char_at(q + i, len - i, &space);
			continue;
		}
		i = end;
		buf_clear(&w);
		tokens = search_bigrams(&w, q + start, i - start, &nchars);
		if (tokens < 0)
			goto nomem;
		if (nchars >= 3) { /* the trigrams' phrase instead */
			buf_clear(&w);
			if (search_trigrams(&w, q + start, i - start, NULL) < 0)
				goto nomem;
		}
		if (nchars == 0) /* zero-width characters only */
			continue;
		if (buf_puts(&m, out->nwords > 0 ? " AND \"" : "\"") < 0 ||
		    buf_puts(&m, buf_cstr(&w)) < 0 || buf_puts(&m, "\"") < 0)
			goto nomem;
		if (model_grow(a, (void **)&out->words, &cap, out->nwords,
		               sizeof(*out->words)) < 0)
			goto nomem;
		out->words[out->nwords] =
		    arena_strndup(a, q + start, i - start);
		if (out->words[out->nwords] == NULL)
			goto nomem;
		if (tokens == 0 && out->short_word == NULL)
			out->short_word = out->words[out->nwords];
		out->nwords++;
	}
	if (out->nwords == 0)
		rc = SQ_EMPTY;
	else if (out->nwords > SEARCH_MAX_WORDS)
		rc = SQ_TOO_MANY;
	else if (out->short_word != NULL)
		rc = SQ_SHORT;
	else if ((out->match = arena_strdup(a, buf_cstr(&m))) == NULL)
		rc = SQ_NOMEM;
	buf_free(&m);
	buf_free(&w);
	return rc;
nomem:
	buf_free(&m);
	buf_free(&w);
	return SQ_NOMEM;
}

/* Append ` AND "<prefix><value>"` to *match when value is set. 0 or -1. */
static int and_facet(struct arena *a, const char **match, const char *prefix,
                     const char *value)
{
	if (value == NULL)
		return 0;
	*match = arena_printf(a, "%s AND \"%s%s\"", *match, prefix, value);
	return *match != NULL ? 0 : -1;
}

/* The MATCH expression of q with the filters of f, or NULL. */
static const char *project_match(struct arena *a, const struct search_query *q,
                                 const struct project_filter *f)
{
	const char *m = q->match;
	char year[16];

	if (m == NULL)
		return NULL;
	snprintf(year, sizeof(year), "%d", f->year);
	if (and_facet(a, &m, "fy_", f->year ? year : NULL) < 0 ||
	    and_facet(a, &m, "fm_", f->form) < 0 ||
	    and_facet(a, &m, "fd_", f->field) < 0 ||
	    and_facet(a, &m, "dm_", f->domain) < 0 ||
	    and_facet(a, &m, "dp_", f->dept) < 0)
		return NULL;
	return m;
}

/* The MATCH expression of q with the filters of f, or NULL. */
static const char *group_match(struct arena *a, const struct search_query *q,
                               const struct group_filter *f)
{
	const char *m = q->match;

	if (m == NULL)
		return NULL;
	if (and_facet(a, &m, "gk_", f->kana_row) < 0 ||
	    and_facet(a, &m, "gt_", f->kind) < 0 ||
	    and_facet(a, &m, "fd_", f->field) < 0)
		return NULL;
	return m;
}

/* The matches of st (ids for MATCH ?1, newest first, LIMIT ?2) for
 * match, up to SEARCH_COUNT_CAP + 1: into *t their number (capped) and
 * into *ids / *n the ones at offset .. offset + limit - 1 below the cap. */
static enum mstatus matches(struct db *db, struct arena *a, sqlite3_stmt *st,
                            const char *match, int limit, long long offset,
                            long long **ids, size_t *n, struct search_total *t)
{
	long long seen = 0;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	memset(t, 0, sizeof(*t));
	if (match == NULL)
		return MS_NOMEM;
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, SEARCH_COUNT_CAP + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (seen >= offset && seen < offset + limit &&
		    seen < SEARCH_COUNT_CAP) {
			if (model_grow(a, (void **)ids, &cap, *n,
			               sizeof(**ids)) < 0) {
				sqlite3_reset(st);
				return MS_NOMEM;
			}
			(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
		}
		seen++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("search: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	t->capped = seen > SEARCH_COUNT_CAP;
	t->n = t->capped ? SEARCH_COUNT_CAP : seen;
	return MS_OK;
}

enum mstatus projects_search(struct db *db, struct arena *a,
                             const struct row_names *names,
                             const struct search_query *q,
                             const struct project_filter *f, int limit,
                             long long offset, struct project_row **rows,
                             size_t *n, struct search_total *t)
{
	long long *ids;
	size_t nids;
	enum mstatus ms;

	*rows = NULL;
	*n = 0;
	ms = matches(db, a,
	             db_prep(db, "SELECT -rowid FROM projects_fts WHERE "
	                         "projects_fts MATCH ?1 ORDER BY rowid "
	                         "LIMIT ?2"),
	             project_match(a, q, f), limit, offset, &ids, &nids, t);
	if (ms != MS_OK)
		return ms;
	return projects_rows(db, a, names, ids, nids, rows, n);
}

enum mstatus groups_search(struct db *db, struct arena *a,
                           const struct search_query *q,
                           const struct group_filter *f, int limit,
                           long long offset, struct group_row **rows, size_t *n,
                           struct search_total *t)
{
	long long *ids;
	size_t nids;
	enum mstatus ms;

	*rows = NULL;
	*n = 0;
	ms = matches(db, a,
	             db_prep(db,
	                     "SELECT -rowid FROM groups_fts WHERE groups_fts "
	                     "MATCH ?1 ORDER BY rowid LIMIT ?2"),
	             group_match(a, q, f), limit, offset, &ids, &nids, t);
	if (ms != MS_OK)
		return ms;
	return groups_rows(db, a, ids, nids, rows, n);
}
