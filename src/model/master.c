/* Master data: forms, domains, fields, departments, group kinds, principles.
 * Every statement is a string literal, prepared once per connection. */
#include "model/master.h"

#include <string.h>

#include "util/log.h"

const char *model_text(struct arena *a, sqlite3_stmt *st, int col, int *oom)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	char *copy;

	if (t == NULL)
		return "";
	copy = arena_strndup(a, t, (size_t)sqlite3_column_bytes(st, col));
	if (copy == NULL) {
		*oom = 1;
		return "";
	}
	return copy;
}

const char *model_text_or_null(struct arena *a, sqlite3_stmt *st, int col,
                               int *oom)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	return model_text(a, st, col, oom);
}

void model_bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL && s[0] != '\0')
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

void model_bind_str(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s != NULL ? s : "", -1, SQLITE_STATIC);
}

int model_status_allowed(sqlite3_stmt *st, const char *from, const char *to)
{
	int rc;

	if (from == NULL || to == NULL)
		return 0;
	if (strcmp(from, to) == 0)
		return 1;
	if (st == NULL)
		return -1;
	model_bind_str(st, 1, from);
	model_bind_str(st, 2, to);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int model_grow(struct arena *a, void **v, size_t *cap, size_t n, size_t sz)
{
	return arena_array_grow(a, v, cap, n, sz);
}

void *model_row(struct arena *a, struct model_rows *r, void **v, size_t *n,
                size_t sz)
{
	char *e;

	if (r->st == NULL) {
		r->rc = SQLITE_ERROR;
		return NULL;
	}
	if (r->oom || (r->rc = sqlite3_step(r->st)) != SQLITE_ROW)
		return NULL;
	if (model_grow(a, v, &r->cap, *n, sz) < 0) {
		r->oom = 1;
		return NULL;
	}
	e = (char *)*v + *n * sz;
	memset(e, 0, sz);
	(*n)++;
	return e;
}

enum mstatus model_rows_end(struct db *db, struct model_rows *r,
                            const char *what)
{
	if (r->st == NULL)
		return MS_DB;
	sqlite3_reset(r->st);
	if (r->oom)
		return MS_NOMEM;
	if (r->rc != SQLITE_DONE) {
		if (what != NULL)
			log_err("%s: %s", what, sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return MS_OK;
}

enum mstatus model_one_end(struct db *db, sqlite3_stmt *st, int rc, int oom,
                           const char *what)
{
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return MS_NOTFOUND;
	if (rc != SQLITE_ROW) {
		if (what != NULL)
			log_err("%s: %s", what, sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return oom ? MS_NOMEM : MS_OK;
}

enum mstatus model_one_text(struct db *db, struct arena *a, sqlite3_stmt *st,
                            const char **out, const char *what)
{
	int rc, oom = 0;

	*out = NULL;
	if (st == NULL)
		return MS_DB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = model_text(a, st, 0, &oom);
	return model_one_end(db, st, rc, oom, what);
}

enum mstatus model_code_list(struct db *db, struct arena *a, sqlite3_stmt *st,
                             struct code_list *out, const char *what)
{
	/* capacity n: the first row moves the rows to a larger array */
	struct model_rows r = {st, out->n, 0, 0};
	struct code_name *c;

	while ((c = model_row(a, &r, (void **)&out->v, &out->n,
	                      sizeof(*out->v))) != NULL) {
		c->code = model_text(a, st, 0, &r.oom);
		c->name = model_text(a, st, 1, &r.oom);
	}
	return model_rows_end(db, &r, what);
}

/* The statement listing master table m (code, name): its active rows, or
 * with all every row. NULL for an unknown m. */
static sqlite3_stmt *list_stmt(struct db *db, enum master m, int all)
{
	switch (m) {
	case MASTER_FORM:
		return all ? db_prep(db, "SELECT code, name FROM forms ORDER "
		                         "BY sort, code")
		           : db_prep(db, "SELECT code, name FROM forms WHERE "
		                         "active = 1 ORDER BY sort, code");
	case MASTER_DOMAIN:
		return db_prep(db, "SELECT code, name FROM domains ORDER BY "
		                   "axis");
	case MASTER_FIELD:
		return all ? db_prep(db, "SELECT code, name FROM fields ORDER "
		                         "BY sort, code")
		           : db_prep(db, "SELECT code, name FROM fields WHERE "
		                         "active = 1 ORDER BY sort, code");
	case MASTER_DEPARTMENT:
		return all ? db_prep(db, "SELECT code, name FROM departments "
		                         "ORDER BY sort, code")
		           : db_prep(db, "SELECT code, name FROM departments "
		                         "WHERE active = 1 ORDER BY sort, "
		                         "code");
	case MASTER_GROUP_KIND:
		return all ? db_prep(db, "SELECT code, name FROM group_kinds "
		                         "ORDER BY sort, code")
		           : db_prep(db, "SELECT code, name FROM group_kinds "
		                         "WHERE active = 1 ORDER BY sort, "
		                         "code");
	case MASTER__MAX: break;
	}
	return NULL;
}

/* The statement looking up one code of master table m (binds ?1), or
 * NULL. */
static sqlite3_stmt *name_stmt(struct db *db, enum master m)
{
	switch (m) {
	case MASTER_FORM:
		return db_prep(db, "SELECT name FROM forms WHERE code = ?1");
	case MASTER_DOMAIN:
		return db_prep(db, "SELECT name FROM domains WHERE code = ?1");
	case MASTER_FIELD:
		return db_prep(db, "SELECT name FROM fields WHERE code = ?1");
	case MASTER_DEPARTMENT:
		return db_prep(db,
		               "SELECT name FROM departments WHERE code = ?1");
	case MASTER_GROUP_KIND:
		return db_prep(db, "SELECT name FROM group_kinds WHERE code = "
		                   "?1");
	case MASTER__MAX: break;
	}
	return NULL;
}

enum mstatus master_list(struct db *db, struct arena *a, enum master m,
                         struct code_list *out)
{
	out->v = NULL;
	out->n = 0;
	return model_code_list(db, a, list_stmt(db, m, 0), out, "master_list");
}

enum mstatus master_all(struct db *db, struct arena *a, enum master m,
                        struct code_list *out)
{
	out->v = NULL;
	out->n = 0;
	return model_code_list(db, a, list_stmt(db, m, 1), out, "master_list");
}

enum mstatus master_name(struct db *db, struct arena *a, enum master m,
                         const char *code, const char **name)
{
	sqlite3_stmt *st = name_stmt(db, m);

	if (st != NULL)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	return model_one_text(db, a, st, name, "master_name");
}

/* Fill f from a row of the forms statements below. */
static void form_row(struct arena *a, sqlite3_stmt *st, struct form *f,
                     int *oom)
{
	f->code = model_text(a, st, 0, oom);
	f->name = model_text(a, st, 1, oom);
	f->description = model_text(a, st, 2, oom);
	f->effect = model_text(a, st, 3, oom);
	f->examples = model_text(a, st, 4, oom);
	f->domain_code = model_text(a, st, 5, oom);
	f->domain_name = model_text(a, st, 6, oom);
	f->caution = model_text(a, st, 7, oom);
	f->core = sqlite3_column_int(st, 8);
}

enum mstatus forms_list(struct db *db, struct arena *a, struct form **out,
                        size_t *n)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT f.code, f.name, f.description, f.effect, f.examples, "
	        "f.domain, d.name, f.caution, f.core FROM forms f JOIN domains "
	        "d ON d.code = f.domain ORDER BY f.sort, f.code");
	size_t cap = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (model_grow(a, (void **)out, &cap, *n, sizeof(**out)) < 0)
			return MS_NOMEM;
		form_row(a, st, &(*out)[(*n)++], &oom);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("forms_list: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return oom ? MS_NOMEM : MS_OK;
}

enum mstatus form_get(struct db *db, struct arena *a, const char *code,
                      struct form *out)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT f.code, f.name, f.description, f.effect, f.examples, "
	        "f.domain, d.name, f.caution, f.core FROM forms f JOIN domains "
	        "d ON d.code = f.domain WHERE f.code = ?1");
	int rc, oom = 0;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		form_row(a, st, out, &oom);
	return model_one_end(db, st, rc, oom, "form_get");
}

enum mstatus form_steps(struct db *db, struct arena *a, const char *code,
                        struct form_step **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT name, note, optional FROM "
	                               "step_kinds WHERE form = ?1 ORDER BY "
	                               "sort, code");
	size_t cap = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct form_step *s;

		if (model_grow(a, (void **)out, &cap, *n, sizeof(**out)) < 0) {
			sqlite3_reset(st);
			return MS_NOMEM;
		}
		s = &(*out)[(*n)++];
		s->name = model_text(a, st, 0, &oom);
		s->note = model_text(a, st, 1, &oom);
		s->optional = sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("form_steps: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return oom ? MS_NOMEM : MS_OK;
}

enum mstatus domains_list(struct db *db, struct arena *a, struct domain **out,
                          size_t *n)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT code, name, short_name, description, examples, axis, "
	        "narrow, optional FROM domains ORDER BY axis");
	size_t cap = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct domain *d;

		if (model_grow(a, (void **)out, &cap, *n, sizeof(**out)) < 0)
			return MS_NOMEM;
		d = &(*out)[(*n)++];
		d->code = model_text(a, st, 0, &oom);
		d->name = model_text(a, st, 1, &oom);
		d->short_name = model_text(a, st, 2, &oom);
		d->description = model_text(a, st, 3, &oom);
		d->examples = model_text(a, st, 4, &oom);
		d->axis = sqlite3_column_int(st, 5);
		d->narrow = sqlite3_column_int(st, 6);
		d->optional = sqlite3_column_int(st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("domains_list: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return oom ? MS_NOMEM : MS_OK;
}

enum mstatus principles_active(struct db *db, struct arena *a,
                               struct principle **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT p.name, p.description FROM principle_sets s JOIN "
	        "principles p ON p.set_code = s.code WHERE s.active = 1 ORDER "
	        "BY p.sort, p.id");
	size_t cap = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct principle *p;

		if (model_grow(a, (void **)out, &cap, *n, sizeof(**out)) < 0)
			return MS_NOMEM;
		p = &(*out)[(*n)++];
		p->name = model_text(a, st, 0, &oom);
		p->description = model_text(a, st, 1, &oom);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("principles_active: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return oom ? MS_NOMEM : MS_OK;
}
