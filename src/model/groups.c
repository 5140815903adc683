/* Registered groups: the directory (kana order) and a group's public
 * profile. Like the project list, the directory walks one index in
 * (kana, id) order chosen by its driving filter (分野, 五十音 row, 種別),
 * pages with OFFSET and counts from the group_counts summary. Only status
 * 'toroku' (登録, the one listed status) is ever shown. */
#include "model/groups.h"

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

/* The id statement for f, chosen by its driving filter. */
static sqlite3_stmt *list_stmt(struct db *db, const struct group_filter *f)
{
	if (f->field != NULL && f->kana_row == NULL && f->kind == NULL)
		return db_prep(db, "SELECT group_id FROM group_fields WHERE "
		                   "field = ?1 AND status = 'toroku' ORDER BY "
		                   "kana, group_id LIMIT ?4 OFFSET ?5");
	if (f->field != NULL)
		return db_prep(
		    db,
		    "SELECT gf.group_id FROM group_fields gf CROSS JOIN "
		    "groups g ON g.id = gf.group_id WHERE gf.field = ?1 AND "
		    "gf.status = 'toroku' AND (?2 IS NULL OR g.kana_row = ?2) "
		    "AND (?3 IS NULL OR g.kind = ?3) ORDER BY gf.kana, "
		    "gf.group_id LIMIT ?4 OFFSET ?5");
	if (f->kana_row != NULL)
		return db_prep(db,
		               "SELECT id FROM groups WHERE status = "
		               "'toroku' AND kana_row = ?2 AND (?3 IS NULL OR "
		               "kind = ?3) ORDER BY kana, id LIMIT ?4 OFFSET "
		               "?5");
	if (f->kind != NULL)
		return db_prep(db, "SELECT id FROM groups WHERE status = "
		                   "'toroku' AND kind = ?3 ORDER BY kana, id "
		                   "LIMIT ?4 OFFSET ?5");
	return db_prep(db, "SELECT id FROM groups WHERE status = 'toroku' "
	                   "ORDER BY kana, id LIMIT ?4 OFFSET ?5");
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

/* A group's 分野 while its rows are read: names with their sort keys. */
struct field_names {
	const char **name; /* fields.name */
	long long *sort;   /* fields.sort */
	size_t n;          /* entries */
	size_t cap, scap;  /* capacities of name, sort */
};

/* Append (sort, name) to fl. 0 or -1. */
static int field_add(struct arena *a, struct field_names *fl, long long sort,
                     const char *name)
{
	if (model_grow(a, (void **)&fl->name, &fl->cap, fl->n,
	               sizeof(*fl->name)) < 0 ||
	    model_grow(a, (void **)&fl->sort, &fl->scap, fl->n,
	               sizeof(*fl->sort)) < 0)
		return -1;
	fl->name[fl->n] = name;
	fl->sort[fl->n++] = sort;
	return 0;
}

/* The names of fl in sort order (ties in the order read: by field code),
 * joined by "・"; "" when there is none, NULL when out of memory. */
static const char *fields_joined(struct arena *a, struct field_names *fl)
{
	static const char sep[] = "・";
	size_t len = 0;
	char *out, *p;

	for (size_t i = 1; i < fl->n; i++) /* stable insertion sort */
		for (size_t k = i; k > 0 && fl->sort[k - 1] > fl->sort[k];
		     k--) {
			long long ts = fl->sort[k];
			const char *tn = fl->name[k];

			fl->sort[k] = fl->sort[k - 1];
			fl->name[k] = fl->name[k - 1];
			fl->sort[k - 1] = ts;
			fl->name[k - 1] = tn;
		}
	if (fl->n == 0)
		return "";
	for (size_t i = 0; i < fl->n; i++)
		len += strlen(fl->name[i]) + (i ? sizeof(sep) - 1 : 0);
	out = p = arena_alloc(a, len + 1);
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < fl->n; i++) {
		size_t k = strlen(fl->name[i]);

		if (i) {
			memcpy(p, sep, sizeof(sep) - 1);
			p += sizeof(sep) - 1;
		}
		memcpy(p, fl->name[i], k);
		p += k;
	}
	*p = '\0';
	return out;
}

/* Fill rows for ids[0..n) (n <= ROW_CHUNK), in order, appending to
 * out[*nout]; ids that vanished meanwhile are left out. One statement: a
 * row per (group, 分野) (one with NULLs for a group without any), the
 * group's columns taken from its first row; the 分野 names are put in
 * their master order here (a sort per group in SQL cost more than the
 * rest of the statement). */
static enum mstatus chunk_fill(struct db *db, struct arena *a,
                               const long long *ids, size_t n,
                               struct group_row *out, size_t *nout)
{
	sqlite3_stmt *st = db_prep(
	    db,
	    "WITH ids(id) AS (" ROW_VALUES
	    ") SELECT g.id, g.name, g.kana, k.name, g.area, f.sort, f.name "
	    "FROM ids CROSS JOIN groups g ON g.id = ids.id JOIN group_kinds k "
	    "INDEXED BY group_kinds_code_name ON k.code = g.kind LEFT JOIN "
	    "group_fields gf ON gf.group_id = g.id LEFT JOIN fields f INDEXED "
	    "BY fields_code_sort_name ON f.code = gf.field WHERE g.status = "
	    "'toroku'");
	struct group_row r[ROW_CHUNK];
	struct field_names fl[ROW_CHUNK];
	int found[ROW_CHUNK] = {0};
	int rc, oom = 0;

	if (st == NULL)
		return MS_DB;
	memset(fl, 0, sizeof(fl));
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
		if (i == n)
			continue;
		if (!found[i]) {
			found[i] = 1;
			r[i].id = id;
			r[i].name = model_text(a, st, 1, &oom);
			r[i].kana = model_text(a, st, 2, &oom);
			r[i].kind_name = model_text(a, st, 3, &oom);
			r[i].area = model_text(a, st, 4, &oom);
		}
		if (sqlite3_column_type(st, 6) != SQLITE_NULL &&
		    field_add(a, &fl[i], sqlite3_column_int64(st, 5),
		              model_text(a, st, 6, &oom)) < 0)
			oom = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("group rows: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	for (size_t i = 0; i < n; i++) {
		if (!found[i])
			continue;
		r[i].fields = fields_joined(a, &fl[i]);
		if (r[i].fields == NULL)
			return MS_NOMEM;
		out[(*nout)++] = r[i];
	}
	return oom ? MS_NOMEM : MS_OK;
}

enum mstatus groups_list(struct db *db, struct arena *a,
                         const struct group_filter *f, int limit,
                         long long offset, struct group_row **rows, size_t *n)
{
	sqlite3_stmt *st = list_stmt(db, f);
	long long *ids = NULL;
	size_t cap = 0, nids = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	bind_text(st, G_FIELD, f->field);
	bind_text(st, G_ROW, f->kana_row);
	bind_text(st, G_KIND, f->kind);
	sqlite3_bind_int(st, G_LIMIT, limit);
	sqlite3_bind_int64(st, G_OFFSET, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (model_grow(a, (void **)&ids, &cap, nids, sizeof(*ids)) <
		    0) {
			sqlite3_reset(st);
			return MS_NOMEM;
		}
		ids[nids++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("groups_list: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
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
