/* Registered groups: the directory (kana order) and a group's public
 * profile. Like the project list, the directory walks one index in
 * (kana, id) order: each combination of its filters (分野, 五十音 row,
 * 種別) has one that holds exactly its rows (schema/010 for the combined
 * ones), pages with OFFSET and counts from a summary table. Given that
 * count, a page in the back half is read from the last row backwards
 * ((kana, id) descending) and reversed. A page farther than
 * GROUP_ANCHOR_NEAR rows from both ends seeks to the nearest of the
 * anchors the worker keeps for the filter (model/group_anchors.h) and
 * skips less than a stride (and a run of equal kana) from there, once the
 * filter's deep pages have paid for walking them; until then it is read
 * from the nearer end. Only status 'toroku' (登録, the one listed status)
 * is ever shown in the directory. The staff list (/staff/groups,
 * groups_staff_list()) is the no-filter shape for any one status, read by
 * the same code: pages from either end, anchors per status (those of
 * 'toroku' are the directory's own: the same rows in the same order). */
#include "model/groups.h"

#include <stdlib.h>
#include <string.h>

#include "model/group_anchors.h"
#include "util/log.h"

const char *const groups_kana_rows[] = {"あ", "か", "さ", "た", "な", "は",
                                        "ま", "や", "ら", "わ", "他", NULL};

/* Bind parameters of the list and count statements. */
enum {
	G_FIELD = 1, /* ?1 field code */
	G_ROW,       /* ?2 五十音 row */
	G_KIND,      /* ?3 kind code */
	G_LIMIT,     /* ?4 rows */
	G_OFFSET,    /* ?5 rows to skip */
	G_ANCHOR,    /* ?6 the group of an anchor (seek statements) */
	G_STATUS,    /* ?7 registration status ('toroku' in the directory) */
};

int groups_kana_row_valid(const char *row)
{
	for (size_t i = 0; row != NULL && groups_kana_rows[i] != NULL; i++)
		if (strcmp(row, groups_kana_rows[i]) == 0)
			return 1;
	return 0;
}

/* Bind text (or NULL) to parameter i when the statement has it. */
static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (i > sqlite3_bind_parameter_count(st))
		return;
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* The directory columns of a group g, as row_read() reads them: id, name,
 * kana, kind, area and the 分野 codes (kept in the row by the triggers of
 * schema/008_group_field_codes.sql: no read of group_fields per row). */
#define ROW_COLUMNS "g.id, g.name, g.kana, g.kind, g.area, g.field_codes"
/* The staff list's columns: the directory's, then the time of the last
 * change in local time (row_read() reads it when a statement has it). */
#define STAFF_COLUMNS ROW_COLUMNS ", datetime(g.updated_at, 'localtime')"

/* The rest of a list statement: the rows of the page whose ids the
 * subquery p picks. p walks the filter's index alone, skipping OFFSET rows
 * without reading a group (a covering index, or the group only for a
 * condition the index lacks); then 20 groups are read by id. p is the
 * outer loop (CROSS JOIN) and a co-routine that yields its rows in its
 * ORDER BY, so the rows come in that order without a sort — as SQLite
 * plans it today; SQL does not promise an order without an outer ORDER BY,
 * so groups_list() sorts the page's rows by (kana, id) itself (20 rows,
 * already in order: a few comparisons). */
#define ROW_JOIN ") p CROSS JOIN groups g ON g.id = p.id"

/* The statement shapes of the list, by filter: each has an index that
 * holds exactly its rows in (kana, id) order after its equalities
 * (schema/010_group_filter_counts.sql for the combined ones), so no shape
 * reads a row it does not show or skip. */
enum shape {
	SHAPE_ALL,            /* no filter: groups_status_kana */
	SHAPE_ROW,            /* 五十音 row: groups_status_row */
	SHAPE_ROW_KIND,       /* row and 種別: groups_status_row_kind */
	SHAPE_KIND,           /* 種別: groups_status_kind */
	SHAPE_FIELD,          /* 分野: group_fields_list */
	SHAPE_FIELD_ROW,      /* 分野 and row: group_fields_list_row */
	SHAPE_FIELD_KIND,     /* 分野 and 種別: group_fields_list_kind */
	SHAPE_FIELD_ROW_KIND, /* all three: group_fields_list_row_kind */
};

static enum shape shape_of(const struct group_filter *f)
{
	if (f->field != NULL) {
		if (f->kana_row != NULL)
			return f->kind != NULL ? SHAPE_FIELD_ROW_KIND
			                       : SHAPE_FIELD_ROW;
		return f->kind != NULL ? SHAPE_FIELD_KIND : SHAPE_FIELD;
	}
	if (f->kana_row != NULL)
		return f->kind != NULL ? SHAPE_ROW_KIND : SHAPE_ROW;
	return f->kind != NULL ? SHAPE_KIND : SHAPE_ALL;
}

/* What a list reads: the groups of one registration status that match
 * the directory's filters, with the directory's columns or the staff
 * list's. */
struct list {
	const struct group_filter *f; /* filters (the staff list: none) */
	const char *status;           /* groups.status: 'toroku' in the
	                                 directory */
	int staff;                    /* 1: STAFF_COLUMNS (shape SHAPE_ALL
	                                 only), 0: ROW_COLUMNS */
};

/* The filters of the shapes (FROM and WHERE, to be preceded by the
 * select list; the status is ?7, every index's first column after the
 * 分野): the subqueries of the list statements select the group's
 * id ("SELECT id", "SELECT group_id AS id"), the anchor walks its id and
 * kana, each followed by the ORDER BY of its index. The index is named
 * where SQLite could otherwise take a shorter one in kana order and test
 * the other filter per row. */
#define FROM_ALL " FROM groups WHERE status = ?7 "
#define FROM_ROW                                                               \
	" FROM groups INDEXED BY groups_status_row WHERE status = ?7 "         \
	"AND kana_row = ?2 "
#define FROM_ROW_KIND                                                          \
	" FROM groups INDEXED BY groups_status_row_kind WHERE status = ?7 "    \
	"AND kana_row = ?2 AND kind = ?3 "
#define FROM_KIND                                                              \
	" FROM groups INDEXED BY groups_status_kind WHERE status = ?7 "        \
	"AND kind = ?3 "
#define FROM_FIELD                                                             \
	" FROM group_fields INDEXED BY group_fields_list WHERE field = ?1 "    \
	"AND status = ?7 "
#define FROM_FIELD_ROW                                                         \
	" FROM group_fields INDEXED BY group_fields_list_row WHERE field = "   \
	"?1 AND status = ?7 AND kana_row = ?2 "
#define FROM_FIELD_KIND                                                        \
	" FROM group_fields INDEXED BY group_fields_list_kind WHERE field = "  \
	"?1 AND status = ?7 AND kind = ?3 "
#define FROM_FIELD_ROW_KIND                                                    \
	" FROM group_fields INDEXED BY group_fields_list_row_kind WHERE "      \
	"field = ?1 AND status = ?7 AND kana_row = ?2 AND kind = ?3 "

/* The select lists and orders of the list subqueries, for the shapes
 * that read groups (G) and group_fields (F). */
#define SEL_G      "SELECT id"
#define SEL_F      "SELECT group_id AS id"
#define ORDER_G    "ORDER BY kana, id"
#define ORDER_F    "ORDER BY kana, group_id"
#define ORDER_G_DN "ORDER BY kana DESC, id DESC"
#define ORDER_F_DN "ORDER BY kana DESC, group_id DESC"
#define PAGE       " LIMIT ?4 OFFSET ?5" ROW_JOIN

/* The statement for l, chosen by its filters: its index walked forwards
 * ((kana, id) ascending), or backwards when desc is set (the same rows,
 * (kana, id) descending: OFFSET then counts from the last row). */
static sqlite3_stmt *list_stmt(struct db *db, const struct list *l, int desc)
{
	if (l->staff)
		return desc
		           ? db_prep(db,
		                     "SELECT " STAFF_COLUMNS
		                     " FROM (" SEL_G FROM_ALL ORDER_G_DN PAGE)
		           : db_prep(db, "SELECT " STAFF_COLUMNS
		                         " FROM (" SEL_G FROM_ALL ORDER_G PAGE);
	switch (shape_of(l->f)) {
	case SHAPE_FIELD:
		return desc
		           ? db_prep(db,
		                     "SELECT " ROW_COLUMNS
		                     " FROM (" SEL_F FROM_FIELD ORDER_F_DN PAGE)
		           : db_prep(db,
		                     "SELECT " ROW_COLUMNS
		                     " FROM (" SEL_F FROM_FIELD ORDER_F PAGE);
	case SHAPE_FIELD_ROW:
		return desc
		           ? db_prep(
		                 db,
		                 "SELECT " ROW_COLUMNS
		                 " FROM (" SEL_F FROM_FIELD_ROW ORDER_F_DN PAGE)
		           : db_prep(
		                 db,
		                 "SELECT " ROW_COLUMNS
		                 " FROM (" SEL_F FROM_FIELD_ROW ORDER_F PAGE);
	case SHAPE_FIELD_KIND:
		return desc ? db_prep(db, "SELECT " ROW_COLUMNS
		                          " FROM (" SEL_F FROM_FIELD_KIND
		                              ORDER_F_DN PAGE)
		            : db_prep(
		                  db,
		                  "SELECT " ROW_COLUMNS
		                  " FROM (" SEL_F FROM_FIELD_KIND ORDER_F PAGE);
	case SHAPE_FIELD_ROW_KIND:
		return desc ? db_prep(db, "SELECT " ROW_COLUMNS
		                          " FROM (" SEL_F FROM_FIELD_ROW_KIND
		                              ORDER_F_DN PAGE)
		            : db_prep(db, "SELECT " ROW_COLUMNS
		                          " FROM (" SEL_F FROM_FIELD_ROW_KIND
		                              ORDER_F PAGE);
	case SHAPE_ROW:
		return desc
		           ? db_prep(db,
		                     "SELECT " ROW_COLUMNS
		                     " FROM (" SEL_G FROM_ROW ORDER_G_DN PAGE)
		           : db_prep(db, "SELECT " ROW_COLUMNS
		                         " FROM (" SEL_G FROM_ROW ORDER_G PAGE);
	case SHAPE_ROW_KIND:
		return desc ? db_prep(
		                  db,
		                  "SELECT " ROW_COLUMNS
		                  " FROM (" SEL_G FROM_ROW_KIND ORDER_G_DN PAGE)
		            : db_prep(
		                  db,
		                  "SELECT " ROW_COLUMNS
		                  " FROM (" SEL_G FROM_ROW_KIND ORDER_G PAGE);
	case SHAPE_KIND:
		return desc ? db_prep(db,
		                      "SELECT " ROW_COLUMNS
		                      " FROM (" SEL_G FROM_KIND ORDER_G_DN PAGE)
		            : db_prep(db,
		                      "SELECT " ROW_COLUMNS
		                      " FROM (" SEL_G FROM_KIND ORDER_G PAGE);
	case SHAPE_ALL: break;
	}
	return desc ? db_prep(db, "SELECT " ROW_COLUMNS
	                          " FROM (" SEL_G FROM_ALL ORDER_G_DN PAGE)
	            : db_prep(db, "SELECT " ROW_COLUMNS
	                          " FROM (" SEL_G FROM_ALL ORDER_G PAGE);
}

/* The kana of the anchor ?6 (a group of the shape: in the generation the
 * anchor was walked in, its kana is the one it had then). */
#define ANCHOR_KANA "AND kana >= (SELECT kana FROM groups WHERE id = ?6) "

/* The statement reading a page of l from an anchor: the rows of its order
 * from the first whose kana is the anchor's (kana >= the anchor's kana:
 * the seek bound of the index, so the rows before it are never walked and
 * no row is tested against it), skipping OFFSET ?5 and taking LIMIT ?4. A
 * condition on (kana, id) as a row value or an OR would be tested on
 * every row the OFFSET skips (≈ 2.4× the cost of a skipped row,
 * measured), which is why an anchor is a run's first row. */
static sqlite3_stmt *seek_stmt(struct db *db, const struct list *l)
{
	if (l->staff)
		return db_prep(
		    db, "SELECT " STAFF_COLUMNS
		        " FROM (" SEL_G FROM_ALL ANCHOR_KANA ORDER_G PAGE);
	switch (shape_of(l->f)) {
	case SHAPE_FIELD:
		return db_prep(
		    db, "SELECT " ROW_COLUMNS
		        " FROM (" SEL_F FROM_FIELD ANCHOR_KANA ORDER_F PAGE);
	case SHAPE_FIELD_ROW:
		return db_prep(
		    db,
		    "SELECT " ROW_COLUMNS
		    " FROM (" SEL_F FROM_FIELD_ROW ANCHOR_KANA ORDER_F PAGE);
	case SHAPE_FIELD_KIND:
		return db_prep(
		    db,
		    "SELECT " ROW_COLUMNS
		    " FROM (" SEL_F FROM_FIELD_KIND ANCHOR_KANA ORDER_F PAGE);
	case SHAPE_FIELD_ROW_KIND:
		return db_prep(db, "SELECT " ROW_COLUMNS
		                   " FROM (" SEL_F FROM_FIELD_ROW_KIND
		                       ANCHOR_KANA ORDER_F PAGE);
	case SHAPE_ROW:
		return db_prep(
		    db, "SELECT " ROW_COLUMNS
		        " FROM (" SEL_G FROM_ROW ANCHOR_KANA ORDER_G PAGE);
	case SHAPE_ROW_KIND:
		return db_prep(
		    db, "SELECT " ROW_COLUMNS
		        " FROM (" SEL_G FROM_ROW_KIND ANCHOR_KANA ORDER_G PAGE);
	case SHAPE_KIND:
		return db_prep(
		    db, "SELECT " ROW_COLUMNS
		        " FROM (" SEL_G FROM_KIND ANCHOR_KANA ORDER_G PAGE);
	case SHAPE_ALL: break;
	}
	return db_prep(db, "SELECT " ROW_COLUMNS
	                   " FROM (" SEL_G FROM_ALL ANCHOR_KANA ORDER_G PAGE);
}

/* The walk of f's anchors: every row of f (of status ?7) in its order,
 * with its kana (from the index alone); the staff list of a status walks
 * as the shape SHAPE_ALL. Unbounded by design: once per worker, shape and
 * database generation, when the shape's deep pages have paid the rent
 * (see model/group_anchors.h). */
static sqlite3_stmt *walk_stmt(struct db *db, const struct group_filter *f)
{
	switch (shape_of(f)) {
	case SHAPE_FIELD:
		return db_prep(
		    db, "SELECT group_id AS id, kana AS anchor_kana" FROM_FIELD
		            ORDER_F);
	case SHAPE_FIELD_ROW:
		return db_prep(
		    db,
		    "SELECT group_id AS id, kana AS anchor_kana" FROM_FIELD_ROW
		        ORDER_F);
	case SHAPE_FIELD_KIND:
		return db_prep(
		    db,
		    "SELECT group_id AS id, kana AS anchor_kana" FROM_FIELD_KIND
		        ORDER_F);
	case SHAPE_FIELD_ROW_KIND:
		return db_prep(db, "SELECT group_id AS id, kana AS "
		                   "anchor_kana" FROM_FIELD_ROW_KIND ORDER_F);
	case SHAPE_ROW:
		return db_prep(
		    db, "SELECT id, kana AS anchor_kana" FROM_ROW ORDER_G);
	case SHAPE_ROW_KIND:
		return db_prep(
		    db, "SELECT id, kana AS anchor_kana" FROM_ROW_KIND ORDER_G);
	case SHAPE_KIND:
		return db_prep(
		    db, "SELECT id, kana AS anchor_kana" FROM_KIND ORDER_G);
	case SHAPE_ALL: break;
	}
	return db_prep(db, "SELECT id, kana AS anchor_kana" FROM_ALL ORDER_G);
}

enum mstatus groups_count(struct db *db, const struct group_filter *f,
                          long long *total)
{
	sqlite3_stmt *st;
	int rc;

	*total = 0;
	/* every count reads a summary: at most one row per 五十音 row (11)
	 * or per kind */
	if (f->field == NULL && f->kind == NULL && f->kana_row == NULL)
		st = db_prep(db, "SELECT coalesce(sum(n), 0) FROM "
		                 "group_status_counts WHERE status = 'toroku'");
	else if (f->field == NULL && f->kind == NULL)
		st = db_prep(db, "SELECT coalesce(sum(n), 0) FROM group_counts "
		                 "INDEXED BY group_counts_row WHERE status = "
		                 "'toroku' AND kana_row = ?2");
	else if (f->field == NULL)
		st = db_prep(db,
		             "SELECT coalesce(sum(n), 0) FROM group_counts "
		             "WHERE status = 'toroku' AND kind = ?3 AND (?2 IS "
		             "NULL OR kana_row = ?2)");
	else if (f->kana_row == NULL && f->kind == NULL)
		st = db_prep(db,
		             "SELECT coalesce(sum(n), 0) FROM "
		             "group_field_counts WHERE field = ?1 AND status "
		             "= 'toroku'");
	else if (f->kind == NULL)
		st = db_prep(db,
		             "SELECT coalesce(sum(n), 0) FROM "
		             "group_field_filter_counts INDEXED BY "
		             "group_field_filter_counts_row WHERE field = ?1 "
		             "AND status = 'toroku' AND kana_row = ?2");
	else
		st = db_prep(db,
		             "SELECT coalesce(sum(n), 0) FROM "
		             "group_field_filter_counts WHERE field = ?1 AND "
		             "status = 'toroku' AND kind = ?3 AND (?2 IS NULL "
		             "OR kana_row = ?2)");
	if (st == NULL)
		return MS_DB;
	bind_text(st, G_FIELD, f->field);
	bind_text(st, G_ROW, f->kana_row);
	bind_text(st, G_KIND, f->kind);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		log_err("groups_count: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return MS_OK;
}

/* Ids per row statement (ROW_VALUES below has this many parameters). */
#define ROW_CHUNK 20

/* The chunk's ids, as the table ids(id) that the row statement drives its
 * joins from: a VALUES co-routine, where an IN list of bound values would
 * fill a temporary b-tree on every run. */
#define ROW_VALUES                                                             \
	"VALUES (?1), (?2), (?3), (?4), (?5), (?6), (?7), "                    \
	"(?8), (?9), (?10), (?11), (?12), (?13), (?14), (?15), (?16), (?17), " \
	"(?18), (?19), (?20)"

/* Read the current row of st (columns as ROW_COLUMNS, or STAFF_COLUMNS)
 * into *out. */
static void row_read(struct arena *a, sqlite3_stmt *st, struct group_row *out,
                     int *oom)
{
	out->updated_at =
	    sqlite3_column_count(st) > 6 ? model_text(a, st, 6, oom) : NULL;
	out->id = sqlite3_column_int64(st, 0);
	out->name = model_text(a, st, 1, oom);
	out->kana = model_text(a, st, 2, oom);
	out->kind = model_text(a, st, 3, oom);
	out->area = model_text(a, st, 4, oom);
	out->field_codes = model_text(a, st, 5, oom);
}

/* Fill rows for ids[0..n) (n <= ROW_CHUNK), in order, appending to
 * out[*nout]; ids that vanished or are no longer registered meanwhile are
 * left out. One statement, one row per group. */
static enum mstatus chunk_fill(struct db *db, struct arena *a,
                               const long long *ids, size_t n,
                               struct group_row *out, size_t *nout)
{
	sqlite3_stmt *st = db_prep(
	    db, "WITH ids(id) AS (" ROW_VALUES ") SELECT " ROW_COLUMNS
	        " FROM ids CROSS JOIN groups g ON g.id = ids.id WHERE g.status "
	        "= 'toroku'");
	struct group_row r[ROW_CHUNK];
	int found[ROW_CHUNK] = {0};
	int rc, oom = 0;

	if (st == NULL)
		return MS_DB;
	for (int i = 0; i < ROW_CHUNK; i++)
		if ((size_t)i < n)
			sqlite3_bind_int64(st, i + 1, ids[i]);
		else
			sqlite3_bind_null(st, i + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		size_t i = 0;

		while (i < n && ids[i] != id)
			i++;
		if (i == n || found[i])
			continue;
		found[i] = 1;
		row_read(a, st, &r[i], &oom);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("group rows: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	for (size_t i = 0; i < n; i++)
		if (found[i])
			out[(*nout)++] = r[i];
	return oom ? MS_NOMEM : MS_OK;
}

/* qsort order of the directory: kana (BINARY, as SQLite compares it:
 * strcmp compares bytes as unsigned char), then id. */
static int row_cmp(const void *x, const void *y)
{
	const struct group_row *a = x, *b = y;
	int c = strcmp(a->kana, b->kana);

	if (c != 0)
		return c;
	return (a->id > b->id) - (a->id < b->id);
}

/* Bind l's filters and status to st (the parameters it has). */
static void bind_filter(sqlite3_stmt *st, const struct list *l)
{
	bind_text(st, G_FIELD, l->f->field);
	bind_text(st, G_ROW, l->f->kana_row);
	bind_text(st, G_KIND, l->f->kind);
	bind_text(st, G_STATUS, l->status);
}

/* Step st (bound; columns as row_read() reads them), appending its rows to
 * rows[*n], and reset it. */
static enum mstatus read_rows(struct db *db, struct arena *a, sqlite3_stmt *st,
                              struct group_row **rows, size_t *n)
{
	size_t cap = *n;
	int rc, oom = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (model_grow(a, (void **)rows, &cap, *n, sizeof(**rows)) <
		    0) {
			sqlite3_reset(st);
			return MS_NOMEM;
		}
		row_read(a, st, &(*rows)[(*n)++], &oom);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("groups_list: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return oom ? MS_NOMEM : MS_OK;
}

/* The page of take rows of l that skips skip rows from the first row
 * (desc = 0) or from the last (desc = 1: read backwards, then reversed),
 * by OFFSET. */
static enum mstatus read_offset(struct db *db, struct arena *a,
                                const struct list *l, int desc, long long take,
                                long long skip, struct group_row **rows,
                                size_t *n)
{
	sqlite3_stmt *st = list_stmt(db, l, desc);
	enum mstatus ms;

	if (st == NULL)
		return MS_DB;
	bind_filter(st, l);
	sqlite3_bind_int64(st, G_LIMIT, take);
	sqlite3_bind_int64(st, G_OFFSET, skip);
	if ((ms = read_rows(db, a, st, rows, n)) != MS_OK)
		return ms;
	for (size_t i = 0, j = *n; desc && i + 1 < j; i++, j--) {
		struct group_row t = (*rows)[i];

		(*rows)[i] = (*rows)[j - 1];
		(*rows)[j - 1] = t;
	}
	return MS_OK;
}

/* Walk l into s: the first row of the run of equal kana that holds each
 * s->stride-th row (kana compared as bytes, as SQLite's BINARY order
 * does). */
static enum mstatus anchors_walk(struct db *db, const struct list *l,
                                 struct group_anchor_set *s)
{
	sqlite3_stmt *st = walk_stmt(db, l->f);
	char *kana = NULL; /* the current run's kana (malloc'd) */
	size_t klen = 0, kcap = 0;
	long long i = 0, run_id = 0, run_at = 0;
	enum mstatus ms = MS_OK;
	int rc;

	if (st == NULL)
		return MS_DB;
	bind_filter(st, l);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *k = sqlite3_column_text(st, 1);
		size_t n = (size_t)sqlite3_column_bytes(st, 1);

		if (k == NULL)
			k = (const unsigned char *)"";
		if (i == 0 || n != klen || memcmp(k, kana, n) != 0) {
			if (n + 1 > kcap) {
				char *p = realloc(kana, n + 1);

				if (p == NULL) {
					ms = MS_NOMEM;
					break;
				}
				kana = p;
				kcap = n + 1;
			}
			memcpy(kana, k, n);
			klen = n;
			run_id = sqlite3_column_int64(st, 0);
			run_at = i;
		}
		if (i % s->stride == 0 &&
		    group_anchors_add(s, run_id, run_at) < 0) {
			ms = MS_NOMEM;
			break;
		}
		i++;
	}
	sqlite3_reset(st);
	free(kana);
	if (ms == MS_OK && rc != SQLITE_DONE) {
		log_err("group anchors: %s", sqlite3_errmsg(db->h));
		ms = MS_DB;
	}
	group_anchors_done(s, i, ms == MS_OK);
	return ms;
}

/* A page of l far from both ends of its order (offset from the first
 * row; the read by OFFSET would skip skip rows), inside the caller's read
 * transaction: from the shape's anchors when they are walked or worth
 * walking now, else by OFFSET (desc as list_page() chose). */
static enum mstatus read_deep(struct db *db, struct arena *a,
                              const struct list *l, int limit, long long offset,
                              long long total, int desc, long long take,
                              long long skip, struct group_row **rows,
                              size_t *n)
{
	struct group_anchor_set *s;
	enum group_anchor_plan plan;
	const struct group_anchor *from;
	sqlite3_stmt *st;
	long long want;
	enum mstatus ms;

	if ((ms = group_anchors_plan(db, l->status, l->f, skip, total, &s,
	                             &plan)) != MS_OK)
		return ms;
	if (plan == GA_WALK && (ms = anchors_walk(db, l, s)) != MS_OK)
		return ms;
	if (plan == GA_OFFSET)
		return read_offset(db, a, l, desc, take, skip, rows, n);
	/* the rows of the walk's snapshot: this one (same generation) */
	if (offset >= s->total)
		return MS_OK;
	want = s->total - offset < limit ? s->total - offset : limit;
	if ((from = group_anchors_find(s, offset)) == NULL ||
	    (st = seek_stmt(db, l)) == NULL)
		return from == NULL ? MS_OK : MS_DB;
	bind_filter(st, l);
	sqlite3_bind_int64(st, G_ANCHOR, from->id);
	sqlite3_bind_int64(st, G_LIMIT, want);
	sqlite3_bind_int64(st, G_OFFSET, offset - from->at);
	if ((ms = read_rows(db, a, st, rows, n)) != MS_OK)
		return ms;
	if ((long long)*n == want)
		return MS_OK;
	group_anchors_miss(s);
	*n = 0;
	return read_offset(db, a, l, desc, take, skip, rows, n);
}

/* Run st, a transaction statement (db_prep(db, "BEGIN"), "COMMIT"). 0
 * or -1. */
static int tx(struct db *db, sqlite3_stmt *st)
{
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("groups_list: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

/* The page of limit rows of l at offset, as groups_list() describes. */
static enum mstatus list_page(struct db *db, struct arena *a,
                              const struct list *l, int limit, long long offset,
                              long long total, struct group_row **rows,
                              size_t *n)
{
	/* desc: the page is read backwards from the last row, skipping
	 * skip rows there, take rows at most */
	int desc = total >= 0 && offset > total / 2;
	long long take = limit, skip = offset;
	int own;
	enum mstatus ms;

	*rows = NULL;
	*n = 0;
	if (total >= 0 && offset >= total)
		return MS_OK; /* beyond the last row: nothing to walk */
	if (desc) {
		take = total - offset < limit ? total - offset : limit;
		skip = total - offset - take;
	}
	if (total < 0 || skip <= group_anchors_near())
		ms = read_offset(db, a, l, desc, take, skip, rows, n);
	else {
		/* the generation the anchors are checked against and the
		 * page: one snapshot (the request's, or one of our own) */
		own = sqlite3_get_autocommit(db->h);
		if (own && tx(db, db_prep(db, "BEGIN")) < 0)
			return MS_DB;
		ms = read_deep(db, a, l, limit, offset, total, desc, take, skip,
		               rows, n);
		if (own && tx(db, db_prep(db, "COMMIT")) < 0) {
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			if (ms == MS_OK)
				ms = MS_DB;
		}
	}
	if (ms != MS_OK)
		return ms;
	if (*n > 1)
		qsort(*rows, *n, sizeof(**rows), row_cmp);
	return MS_OK;
}

enum mstatus groups_list(struct db *db, struct arena *a,
                         const struct group_filter *f, int limit,
                         long long offset, long long total,
                         struct group_row **rows, size_t *n)
{
	struct list l = {f, "toroku", 0};

	return list_page(db, a, &l, limit, offset, total, rows, n);
}

enum mstatus groups_staff_list(struct db *db, struct arena *a,
                               const char *status, int limit, long long offset,
                               long long total, struct group_row **rows,
                               size_t *n)
{
	static const struct group_filter none = {0};
	struct list l = {&none, status, 1};

	return list_page(db, a, &l, limit, offset, total, rows, n);
}

enum mstatus groups_rows(struct db *db, struct arena *a, const long long *ids,
                         size_t nids, struct group_row **rows, size_t *n)
{
	*n = 0;
	*rows = nids ? arena_alloc(a, nids * sizeof(**rows)) : NULL;
	if (nids && *rows == NULL)
		return MS_NOMEM;
	for (size_t at = 0; at < nids; at += ROW_CHUNK) {
		enum mstatus ms = chunk_fill(
		    db, a, ids + at,
		    nids - at < ROW_CHUNK ? nids - at : ROW_CHUNK, *rows, n);

		if (ms != MS_OK)
			return ms;
	}
	return MS_OK;
}

const char *groups_field_names(struct arena *a, const struct code_list *all,
                               const char *codes)
{
	static const char sep[] = "・";
	size_t len = 0, k = 0;
	char *out, *p;
	int *in = all->n ? arena_alloc(a, all->n * sizeof(*in)) : NULL;

	if (all->n && in == NULL)
		return NULL;
	for (size_t i = 0; i < all->n; i++) {
		size_t n = strlen(all->v[i].code);
		const char *c = codes;

		in[i] = 0;
		while (n > 0 && (c = strstr(c, all->v[i].code)) != NULL) {
			if ((c == codes || c[-1] == ' ') &&
			    (c[n] == ' ' || c[n] == '\0')) {
				in[i] = 1;
				len += strlen(all->v[i].name) +
				       (k++ ? sizeof(sep) - 1 : 0);
				break;
			}
			c += n;
		}
	}
	if (k == 0)
		return "";
	out = p = arena_alloc(a, len + 1);
	if (out == NULL)
		return NULL;
	k = 0;
	for (size_t i = 0; i < all->n; i++) {
		size_t n;

		if (!in[i])
			continue;
		if (k++) {
			memcpy(p, sep, sizeof(sep) - 1);
			p += sizeof(sep) - 1;
		}
		n = strlen(all->v[i].name);
		memcpy(p, all->v[i].name, n);
		p += n;
	}
	*p = '\0';
	return out;
}

enum mstatus group_get(struct db *db, struct arena *a, long long id,
                       struct group *out)
{
	/* The CASEs keep private fields inside the database unless the
	 * group chose to publish them. */
	sqlite3_stmt *st = db_prep(
	    db, "SELECT g.id, g.name, g.kana, g.kind, k.name, g.area, "
	        "g.founded, g.members, g.fee, g.purpose, g.activities, g.web, "
	        "g.email, g.phone, "
	        "CASE WHEN g.rep_name_public = 1 AND g.rep_name <> '' "
	        "THEN g.rep_name END, "
	        "CASE WHEN g.rep_phone_public = 1 AND g.rep_phone <> '' "
	        "THEN g.rep_phone END, "
	        "CASE WHEN g.rep_email_public = 1 AND g.rep_email <> '' "
	        "THEN g.rep_email END, "
	        "CASE WHEN g.rep_address_public = 1 AND g.rep_address <> '' "
	        "THEN g.rep_address END "
	        "FROM groups g JOIN group_kinds k ON k.code = g.kind "
	        "WHERE g.id = ?1 AND g.status = 'toroku'");
	sqlite3_stmt *fs;
	size_t cap = 0;
	int rc, oom = 0;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->name = model_text(a, st, 1, &oom);
		out->kana = model_text(a, st, 2, &oom);
		out->kind_code = model_text(a, st, 3, &oom);
		out->kind_name = model_text(a, st, 4, &oom);
		out->area = model_text(a, st, 5, &oom);
		out->founded = model_text_or_null(a, st, 6, &oom);
		out->members = sqlite3_column_type(st, 7) == SQLITE_NULL
		                   ? -1
		                   : sqlite3_column_int64(st, 7);
		out->fee = model_text(a, st, 8, &oom);
		out->purpose = model_text(a, st, 9, &oom);
		out->activities = model_text(a, st, 10, &oom);
		out->web = model_text_or_null(a, st, 11, &oom);
		out->email = model_text_or_null(a, st, 12, &oom);
		out->phone = model_text_or_null(a, st, 13, &oom);
		out->rep_name = model_text_or_null(a, st, 14, &oom);
		out->rep_phone = model_text_or_null(a, st, 15, &oom);
		out->rep_email = model_text_or_null(a, st, 16, &oom);
		out->rep_address = model_text_or_null(a, st, 17, &oom);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return MS_NOTFOUND;
	if (rc != SQLITE_ROW)
		goto dberr;

	fs = db_prep(db, "SELECT f.code, f.name FROM group_fields gf JOIN "
	                 "fields f ON f.code = gf.field WHERE gf.group_id = ?1 "
	                 "ORDER BY f.sort");
	if (fs == NULL)
		return MS_DB;
	sqlite3_bind_int64(fs, 1, id);
	while ((rc = sqlite3_step(fs)) == SQLITE_ROW) {
		struct code_name *c;

		if (model_grow(a, (void **)&out->fields, &cap, out->nfields,
		               sizeof(*out->fields)) < 0) {
			sqlite3_reset(fs);
			return MS_NOMEM;
		}
		c = &out->fields[out->nfields++];
		c->code = model_text(a, fs, 0, &oom);
		c->name = model_text(a, fs, 1, &oom);
	}
	sqlite3_reset(fs);
	if (rc != SQLITE_DONE)
		goto dberr;
	return oom ? MS_NOMEM : MS_OK;
dberr:
	log_err("group_get %lld: %s", id, sqlite3_errmsg(db->h));
	return MS_DB;
}
