/* One published project with everything the public may see about it:
 * fields, partners, 役割分担, indicators, form-specific details and the
 * published evaluations (project_get, declared in model/projects.h). */
#include <string.h>

#include "model/projects.h"
#include "util/log.h"

/* Integer column, or -1 when NULL (money not recorded). */
static long long money(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL
	           ? -1
	           : sqlite3_column_int64(st, col);
}

/* The project's row itself. */
static enum mstatus get_main(struct db *db, struct arena *a, long long id,
                             struct project *p, int *oom)
{
	sqlite3_stmt *st = db_prep(
	    db,
	    "SELECT p.id, p.fiscal_year, p.title, p.summary, p.purpose, "
	    "p.target, p.period_start, p.period_end, p.form, f.name, "
	    "p.domain, dm.name, pt.name, d.name, p.status, s.name, "
	    "p.progress, CASE WHEN pol.id IS NULL THEN NULL ELSE "
	    "pl.name || '　' || pol.code || ' ' || pol.title END, "
	    "p.budget_planned, p.city_share_planned, "
	    "p.partner_share_planned, p.budget_actual, p.city_share_actual, "
	    "p.partner_share_actual FROM projects p "
	    "JOIN forms f ON f.code = p.form "
	    "JOIN domains dm ON dm.code = p.domain "
	    "JOIN proposal_types pt ON pt.code = p.proposal_type "
	    "JOIN departments d ON d.code = p.department "
	    "JOIN project_statuses s ON s.code = p.status "
	    "LEFT JOIN plan_policies pol ON pol.id = p.plan_policy_id "
	    "LEFT JOIN plans pl ON pl.id = pol.plan_id "
	    "WHERE p.id = ?1 AND p.published = 1");
	int rc;

	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->id = sqlite3_column_int64(st, 0);
		p->year = sqlite3_column_int(st, 1);
		p->title = model_text(a, st, 2, oom);
		p->summary = model_text(a, st, 3, oom);
		p->purpose = model_text(a, st, 4, oom);
		p->target = model_text(a, st, 5, oom);
		p->period_start = model_text_or_null(a, st, 6, oom);
		p->period_end = model_text_or_null(a, st, 7, oom);
		p->form_code = model_text(a, st, 8, oom);
		p->form_name = model_text(a, st, 9, oom);
		p->domain_code = model_text(a, st, 10, oom);
		p->domain_name = model_text(a, st, 11, oom);
		p->proposal_name = model_text(a, st, 12, oom);
		p->dept_name = model_text(a, st, 13, oom);
		p->status_code = model_text(a, st, 14, oom);
		p->status_name = model_text(a, st, 15, oom);
		p->progress = sqlite3_column_int(st, 16);
		p->policy = model_text_or_null(a, st, 17, oom);
		p->budget_planned = money(st, 18);
		p->city_planned = money(st, 19);
		p->partner_planned = money(st, 20);
		p->budget_actual = money(st, 21);
		p->city_actual = money(st, 22);
		p->partner_actual = money(st, 23);
	}
	return model_one_end(db, st, rc, 0, NULL); /* *oom: project_get() */
}

/* The ORDER BY key of a row sorted here: n[0], n[1], then s (binary, as
 * SQLite compares TEXT; NULL = none), then n[2]. */
struct sort_key {
	long long n[3];
	const char *s;
};

/* <0, 0, >0 as x orders before, with, after y. */
static int key_cmp(const struct sort_key *x, const struct sort_key *y)
{
	int c;

	for (int i = 0; i < 2; i++)
		if (x->n[i] != y->n[i])
			return x->n[i] < y->n[i] ? -1 : 1;
	if (x->s != NULL && y->s != NULL && (c = strcmp(x->s, y->s)) != 0)
		return c;
	if (x->n[2] != y->n[2])
		return x->n[2] < y->n[2] ? -1 : 1;
	return 0;
}

/* One list read unsorted and put in order as its rows come: a project's
 * few rows, which costs far less than SQLite's temporary b-tree for an
 * ORDER BY. */
struct sorted {
	struct sort_key *key; /* per row: its ORDER BY key (arena) */
	size_t cap;           /* capacity of the rows */
	size_t kcap;          /* capacity of key */
};

/* Add a row with key sk to the array *rows of *n elements of size sz:
 * after every row that does not order after it (ties stay in the order
 * read), the later rows and their keys moved up one. Returns the new
 * element, zeroed, *n counting it; NULL when the arena ran out. */
static void *sorted_add(struct arena *a, struct sorted *s, void **rows,
                        size_t *n, size_t sz, const struct sort_key *sk)
{
	size_t k = *n;
	char *v;

	if (model_grow(a, rows, &s->cap, *n, sz) < 0 ||
	    model_grow(a, (void **)&s->key, &s->kcap, *n, sizeof(*s->key)) < 0)
		return NULL;
	while (k > 0 && key_cmp(&s->key[k - 1], sk) > 0)
		k--;
	v = *rows;
	memmove(v + (k + 1) * sz, v + k * sz, (*n - k) * sz);
	memmove(&s->key[k + 1], &s->key[k], (*n - k) * sizeof(*s->key));
	s->key[k] = *sk;
	memset(v + k * sz, 0, sz);
	(*n)++;
	return v + k * sz;
}

/* 分野 and partners, each put in order as read (see struct sorted). */
static enum mstatus get_fields_partners(struct db *db, struct arena *a,
                                        struct project *p, int *oom)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT f.code, f.name, f.sort FROM project_fields pf JOIN "
	        "fields f ON f.code = pf.field WHERE pf.project_id = ?1");
	struct sorted fs = {0}, ps = {0};
	int rc;

	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* ORDER BY f.sort */
		struct sort_key sk = {{sqlite3_column_int64(st, 2)}, NULL};
		struct code_name *f =
		    sorted_add(a, &fs, (void **)&p->fields, &p->nfields,
		               sizeof(*p->fields), &sk);

		if (f == NULL)
			goto nomem;
		f->code = model_text(a, st, 0, oom);
		f->name = model_text(a, st, 1, oom);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return MS_DB;

	st = db_prep(db, "SELECT g.id, g.name, k.name, r.name, "
	                 "g.status = 'toroku', pp.sort, r.sort, g.kana FROM "
	                 "project_partners pp "
	                 "JOIN groups g ON g.id = pp.group_id "
	                 "JOIN group_kinds k ON k.code = g.kind "
	                 "JOIN partner_roles r ON r.code = pp.role "
	                 "WHERE pp.project_id = ?1");
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct project_partner *pp;
		struct sort_key sk = {0};

		/* ORDER BY pp.sort, r.sort, g.kana, g.id */
		sk.n[0] = sqlite3_column_int64(st, 5);
		sk.n[1] = sqlite3_column_int64(st, 6);
		sk.s = model_text(a, st, 7, oom);
		sk.n[2] = sqlite3_column_int64(st, 0);
		pp = sorted_add(a, &ps, (void **)&p->partners, &p->npartners,
		                sizeof(*p->partners), &sk);
		if (pp == NULL)
			goto nomem;
		pp->group_id = sqlite3_column_int64(st, 0);
		pp->name = model_text(a, st, 1, oom);
		pp->kind = model_text(a, st, 2, oom);
		pp->role = model_text(a, st, 3, oom);
		pp->listed = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? MS_OK : MS_DB;
nomem:
	sqlite3_reset(st);
	return MS_NOMEM;
}

/* 役割分担 (the city first, put in order as read) and indicators. */
static enum mstatus get_roles_indicators(struct db *db, struct arena *a,
                                         struct project *p, int *oom)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT pr.party, g.name, pr.text, pr.party <> 'city', "
	        "pr.sort, pr.id FROM project_roles pr LEFT JOIN groups g ON "
	        "g.id = pr.group_id WHERE pr.project_id = ?1");
	struct sorted rs = {0};
	struct model_rows r = {NULL, 0, 0, 0};
	struct indicator *in;
	int rc;

	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, p->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* ORDER BY pr.party <> 'city', pr.sort, pr.id */
		struct sort_key sk = {{sqlite3_column_int64(st, 3),
		                       sqlite3_column_int64(st, 4),
		                       sqlite3_column_int64(st, 5)},
		                      NULL};
		struct project_role *role =
		    sorted_add(a, &rs, (void **)&p->roles, &p->nroles,
		               sizeof(*p->roles), &sk);

		if (role == NULL)
			goto nomem;
		if (strcmp(db_text(st, 0), "city") == 0)
			role->actor = arena_printf(a, "市（%s）", p->dept_name);
		else
			role->actor = model_text(a, st, 1, oom);
		if (role->actor == NULL)
			goto nomem;
		role->text = model_text(a, st, 2, oom);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return MS_DB;

	r.st =
	    db_prep(db, "SELECT kind, name, unit, target, actual FROM "
	                "indicators WHERE project_id = ?1 ORDER BY sort, id");
	if (r.st == NULL)
		return MS_DB;
	sqlite3_bind_int64(r.st, 1, p->id);
	while ((in = model_row(a, &r, (void **)&p->indicators, &p->nindicators,
	                       sizeof(*p->indicators))) != NULL) {
		in->kind = model_text(a, r.st, 0, oom);
		in->name = model_text(a, r.st, 1, oom);
		in->unit = model_text(a, r.st, 2, oom);
		in->has_target = sqlite3_column_type(r.st, 3) != SQLITE_NULL;
		in->target = sqlite3_column_double(r.st, 3);
		in->has_actual = sqlite3_column_type(r.st, 4) != SQLITE_NULL;
		in->actual = sqlite3_column_double(r.st, 4);
	}
	return model_rows_end(db, &r, NULL);
nomem:
	sqlite3_reset(st);
	return MS_NOMEM;
}

int project_details_read(struct db *db, struct arena *a, long long id,
                         const char *(*text)(struct arena *, sqlite3_stmt *,
                                             int, int *),
                         struct form_details *d, int *oom)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT grant_programme, grant_amount, grant_rate, "
	        "contract_amount, contract_start, contract_end, "
	        "contract_method, facility, name_use_approved, name_use_on, "
	        "conditions, city_cost, partner_cost, cost_split, "
	        "agreement_name, agreement_on, agreement_start, agreement_end, "
	        "note FROM project_form_details WHERE project_id = ?1");
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		d->grant_programme = text(a, st, 0, oom);
		d->grant_amount = money(st, 1);
		d->grant_rate = text(a, st, 2, oom);
		d->contract_amount = money(st, 3);
		d->contract_start = text(a, st, 4, oom);
		d->contract_end = text(a, st, 5, oom);
		d->contract_method = text(a, st, 6, oom);
		d->facility = text(a, st, 7, oom);
		d->name_use_approved = (int)money(st, 8);
		d->name_use_on = text(a, st, 9, oom);
		d->conditions = text(a, st, 10, oom);
		d->city_cost = money(st, 11);
		d->partner_cost = money(st, 12);
		d->cost_split = text(a, st, 13, oom);
		d->agreement_name = text(a, st, 14, oom);
		d->agreement_on = text(a, st, 15, oom);
		d->agreement_start = text(a, st, 16, oom);
		d->agreement_end = text(a, st, 17, oom);
		d->note = text(a, st, 18, oom);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Form-specific details (NULL where not recorded). */
static enum mstatus get_details(struct db *db, struct arena *a,
                                struct project *p, int *oom)
{
	int rc = project_details_read(db, a, p->id, model_text_or_null,
	                              &p->details, oom);

	if (rc == 1)
		p->has_details = 1;
	return rc < 0 ? MS_DB : MS_OK;
}

/* Published evaluations, oldest year first, in author-kind order. */
static enum mstatus get_evaluations(struct db *db, struct arena *a,
                                    struct project *p, int *oom)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT e.author_kind, k.name, g.name, e.stage, e.fiscal_year, "
	        "e.submitted_on, v.name, dr.name, e.outcome, e.issues, "
	        "e.improvements, e.comment FROM evaluations e "
	        "JOIN eval_author_kinds k ON k.code = e.author_kind "
	        "LEFT JOIN groups g ON g.id = e.group_id "
	        "LEFT JOIN verdicts v ON v.code = e.verdict "
	        "LEFT JOIN directions dr ON dr.code = e.direction "
	        "WHERE e.project_id = ?1 AND +e.published = 1 "
	        "ORDER BY e.fiscal_year, e.stage = 'final', k.sort, e.id");
	struct model_rows r = {st, 0, 0, 0};
	struct evaluation *e;

	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, p->id);
	while ((e = model_row(a, &r, (void **)&p->evaluations, &p->nevaluations,
	                      sizeof(*p->evaluations))) != NULL) {
		e->kind_code = model_text(a, st, 0, oom);
		e->kind_name = model_text(a, st, 1, oom);
		e->group_name = model_text_or_null(a, st, 2, oom);
		e->stage = model_text(a, st, 3, oom);
		e->fiscal_year = sqlite3_column_int(st, 4);
		e->date = model_text_or_null(a, st, 5, oom);
		e->verdict = model_text_or_null(a, st, 6, oom);
		e->direction = model_text_or_null(a, st, 7, oom);
		e->outcome = model_text(a, st, 8, oom);
		e->issues = model_text(a, st, 9, oom);
		e->improvements = model_text(a, st, 10, oom);
		e->comment = model_text(a, st, 11, oom);
	}
	return model_rows_end(db, &r, NULL);
}

enum mstatus project_get(struct db *db, struct arena *a, long long id,
                         struct project *out)
{
	int oom = 0;
	enum mstatus ms;

	memset(out, 0, sizeof(*out));
	ms = get_main(db, a, id, out, &oom);
	if (ms == MS_OK)
		ms = get_fields_partners(db, a, out, &oom);
	if (ms == MS_OK)
		ms = get_roles_indicators(db, a, out, &oom);
	if (ms == MS_OK)
		ms = get_details(db, a, out, &oom);
	if (ms == MS_OK)
		ms = get_evaluations(db, a, out, &oom);
	if (ms == MS_DB)
		log_err("project_get %lld: %s", id, sqlite3_errmsg(db->h));
	if (ms == MS_OK && oom)
		ms = MS_NOMEM;
	return ms;
}
