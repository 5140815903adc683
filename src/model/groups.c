/* Registered groups: the directory (kana order) and a group's public
 * profile. Like the project list, the directory walks one index in
 * (kana, id) order chosen by its driving filter (分野, 五十音 row, 種別),
 * pages with OFFSET and counts from the group_counts summary. Given that
 * count, a page in the back half walks the index from its last row
 * ((kana, id) descending) and is reversed, so the OFFSET never walks more
 * than half of it. Only status 'toroku' (登録, the one listed status) is
 * ever shown. */
#include "model/groups.h"

#include <stdlib.h>
#include <string.h>

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

/* The statement shapes of the list, by driving filter. */
enum shape {
	SHAPE_ALL,       /* no filter: groups_status_kana */
	SHAPE_ROW,       /* 五十音 row (and 種別): groups_status_row */
	SHAPE_KIND,      /* 種別 alone: groups_status_kind */
	SHAPE_FIELD,     /* 分野 alone: group_fields_list */
	SHAPE_FIELD_AND, /* 分野 with row and/or 種別: group_fields_list,
	                    probing the group */
};

static enum shape shape_of(const struct group_filter *f)
{
	if (f->field != NULL)
		return f->kana_row == NULL && f->kind == NULL ? SHAPE_FIELD
		                                              : SHAPE_FIELD_AND;
	if (f->kana_row != NULL)
		return SHAPE_ROW;
	return f->kind != NULL ? SHAPE_KIND : SHAPE_ALL;
}

/* The subqueries' filters, one per shape; each is followed by the
 * ORDER BY of its index, in either direction. */
#define IDS_ALL "SELECT id FROM groups WHERE status = 'toroku' "
#define IDS_ROW                                                                \
	"SELECT id FROM groups WHERE status = 'toroku' AND kana_row = ?2 "     \
	"AND (?3 IS NULL OR kind = ?3) "
#define IDS_KIND "SELECT id FROM groups WHERE status = 'toroku' AND kind = ?3 "
#define IDS_FIELD                                                              \
	"SELECT group_id AS id FROM group_fields WHERE field = ?1 AND status " \
	"= 'toroku' "
#define IDS_FIELD_AND                                                          \
	"SELECT gf.group_id AS id FROM group_fields gf CROSS JOIN groups x "   \
	"ON x.id = gf.group_id WHERE gf.field = ?1 AND gf.status = 'toroku' "  \
	"AND (?2 IS NULL OR x.kana_row = ?2) AND (?3 IS NULL OR x.kind = ?3) "

/* The statement for f, chosen by its driving filter (分野, 五十音 row,
 * 種別): its index walked forwards ((kana, id) ascending), or backwards
 * when desc is set (the same rows, (kana, id) descending: OFFSET then
 * counts from the last row). */
static sqlite3_stmt *list_stmt(struct db *db, const struct group_filter *f,
                               int desc)
{
	switch (shape_of(f)) {
	case SHAPE_FIELD:
		return desc ? db_prep(db,
		                      "SELECT " ROW_COLUMNS " FROM (" IDS_FIELD
		                      "ORDER BY kana DESC, group_id DESC "
		                      "LIMIT ?4 OFFSET ?5" ROW_JOIN)
		            : db_prep(db,
		                      "SELECT " ROW_COLUMNS " FROM (" IDS_FIELD
		                      "ORDER BY kana, group_id LIMIT ?4 "
		                      "OFFSET ?5" ROW_JOIN);
	case SHAPE_FIELD_AND:
		return desc ? db_prep(db, "SELECT " ROW_COLUMNS
		                          " FROM (" IDS_FIELD_AND
		                          "ORDER BY gf.kana DESC, gf.group_id "
		                          "DESC LIMIT ?4 OFFSET ?5" ROW_JOIN)
		            : db_prep(db, "SELECT " ROW_COLUMNS
		                          " FROM (" IDS_FIELD_AND
		                          "ORDER BY gf.kana, gf.group_id LIMIT "
		                          "?4 OFFSET ?5" ROW_JOIN);
	case SHAPE_ROW:
		return desc
		           ? db_prep(db, "SELECT " ROW_COLUMNS " FROM (" IDS_ROW
		                         "ORDER BY kana DESC, id DESC LIMIT ?4 "
		                         "OFFSET ?5" ROW_JOIN)
		           : db_prep(db, "SELECT " ROW_COLUMNS " FROM (" IDS_ROW
		                         "ORDER BY kana, id LIMIT ?4 OFFSET "
		                         "?5" ROW_JOIN);
	case SHAPE_KIND:
		return desc ? db_prep(db,
		                      "SELECT " ROW_COLUMNS " FROM (" IDS_KIND
		                      "ORDER BY kana DESC, id DESC LIMIT ?4 "
		                      "OFFSET ?5" ROW_JOIN)
		            : db_prep(db,
		                      "SELECT " ROW_COLUMNS " FROM (" IDS_KIND
		                      "ORDER BY kana, id LIMIT ?4 OFFSET "
		                      "?5" ROW_JOIN);
	case SHAPE_ALL: break;
	}
	return desc ? db_prep(db, "SELECT " ROW_COLUMNS " FROM (" IDS_ALL
	                          "ORDER BY kana DESC, id DESC LIMIT ?4 "
	                          "OFFSET ?5" ROW_JOIN)
	            : db_prep(db,
	                      "SELECT " ROW_COLUMNS " FROM (" IDS_ALL
	                      "ORDER BY kana, id LIMIT ?4 OFFSET ?5" ROW_JOIN);
}

enum mstatus groups_count(struct db *db, const struct group_filter *f,
                          long long *total)
{
	sqlite3_stmt *st;
	int rc;

	*total = 0;
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
	else
		st = db_prep(
		    db,
		    "SELECT count(*) FROM group_fields gf CROSS JOIN groups "
		    "g ON g.id = gf.group_id WHERE gf.field = ?1 AND "
		    "gf.status = 'toroku' AND (?2 IS NULL OR g.kana_row = ?2) "
		    "AND (?3 IS NULL OR g.kind = ?3)");
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

/* Read the current row of st (columns as ROW_COLUMNS) into *out. */
static void row_read(struct arena *a, sqlite3_stmt *st, struct group_row *out,
                     int *oom)
{
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

enum mstatus groups_list(struct db *db, struct arena *a,
                         const struct group_filter *f, int limit,
                         long long offset, long long total,
                         struct group_row **rows, size_t *n)
{
	/* desc: the page is read backwards from the last row, skipping
	 * skip rows there, take rows at most */
	int desc = total >= 0 && offset > total / 2;
	long long take = limit, skip = offset;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, oom = 0;

	*rows = NULL;
	*n = 0;
	if (total >= 0 && offset >= total)
		return MS_OK; /* beyond the last row: nothing to walk */
	if (desc) {
		take = total - offset < limit ? total - offset : limit;
		skip = total - offset - take;
	}
	if ((st = list_stmt(db, f, desc)) == NULL)
		return MS_DB;
	bind_text(st, G_FIELD, f->field);
	bind_text(st, G_ROW, f->kana_row);
	bind_text(st, G_KIND, f->kind);
	sqlite3_bind_int64(st, G_LIMIT, take);
	sqlite3_bind_int64(st, G_OFFSET, skip);
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
	if (oom)
		return MS_NOMEM;
	for (size_t i = 0, j = *n; desc && i + 1 < j; i++, j--) {
		struct group_row t = (*rows)[i];

		(*rows)[i] = (*rows)[j - 1];
		(*rows)[j - 1] = t;
	}
	if (*n > 1)
		qsort(*rows, *n, sizeof(**rows), row_cmp);
	return MS_OK;
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
