/* CSV export of groups and projects: every record in the import's
 * columns (model/import_columns.c), codes turned back into the names the
 * import reads, so export → import gives the same records. See
 * model/import.h. Every statement is a literal given to db_prep.
 *
 * One statement per kind walks every record in file order inside one read
 * transaction: the ids sorted first (only the sort keys are held, not the
 * rows), then each record looked up by id with what its row needs — the
 * form details joined, the 分野 names, the 相手方 cell and the city's
 * role lines made by subqueries. The rows come out while the walk goes
 * on, so a caller can send them in pieces (export_open, export_rows). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit.h"
#include "model/groups_write.h"
#include "model/import.h"
#include "model/projects_write.h"
#include "util/csv.h"
#include "util/log.h"

/* The lists codes are turned into names with. */
struct names {
	struct code_list kinds, gstatuses; /* groups */
	struct code_list forms, domains, props, depts, pstatuses, roles,
	    policies; /* projects */
};

/* The name of code in l ("" for NULL or empty; the code itself when it
 * is not in l). */
static const char *name_of(const struct code_list *l, const char *code)
{
	if (code == NULL || *code == '\0')
		return "";
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return l->v[i].name;
	return code;
}

/* "" for -1 (not recorded), else the number. */
static const char *num(struct arena *a, long long n)
{
	return n < 0 ? "" : arena_printf(a, "%lld", n);
}

/* A column read straight from a member of the record. */
struct member {
	const char *field; /* the column's field (import_column.field) */
	size_t off;        /* offset of the member in the record */
};

/* Text members of a group_rec, as the file shows them. */
static const struct member group_text[] = {
#define T(f)                                                                   \
	{                                                                      \
#f, offsetof(struct group_rec, f)                              \
	}
    T(name),         T(kana),       T(area),        T(founded),
    T(fee),          T(purpose),    T(activities),  T(web),
    T(email),        T(phone),      T(rep_name),    T(rep_phone),
    T(rep_address),  T(rep_email),  T(applied_on),  T(registered_on),
    T(suspended_on), T(removed_on), T(status_note),
#undef T
};

#define T(f)                                                                   \
	{                                                                      \
#f, offsetof(struct project_rec, f)                            \
	}
#define D(f)                                                                   \
	{                                                                      \
#f, offsetof(struct project_rec, d) +                          \
		        offsetof(struct form_details, f)                       \
	}
/* Text members of a project_rec (its form details too). */
static const struct member project_text[] = {
    T(title),           T(kana),
    T(summary),         T(purpose),
    T(target),          T(period_start),
    T(period_end),      T(city_part),
    T(proposed_on),     T(reviewed_on),
    T(decided_on),      T(started_on),
    T(completed_on),    T(evaluated_on),
    D(grant_programme), D(grant_rate),
    D(contract_start),  D(contract_end),
    D(contract_method), D(facility),
    D(name_use_on),     D(conditions),
    D(cost_split),      D(agreement_name),
    D(agreement_on),    D(agreement_start),
    D(agreement_end),   D(note),
};
/* Amounts (long long, -1 = not recorded) of a project_rec. */
static const struct member project_money[] = {
    T(budget_planned), T(city_share_planned), T(partner_share_planned),
    T(budget_actual),  T(city_share_actual),  T(partner_share_actual),
    D(grant_amount),   D(contract_amount),    D(city_cost),
    D(partner_cost),
};
#undef T
#undef D

/* How a column's value is found, decided once per export (not per cell). */
struct colget {
	enum {
		CG_TEXT,
		CG_MONEY,
		CG_OTHER
	} how;      /* a text member, an
	               amount, or by field name
	               (group_value,
	               project_value) */
	size_t off; /* the member's offset (CG_TEXT, CG_MONEY) */
};

/* The colget of column field of kind k. */
static struct colget colget_of(enum import_kind k, const char *field)
{
	const struct member *t = k == IK_GROUPS ? group_text : project_text;
	size_t nt = k == IK_GROUPS
	                ? sizeof(group_text) / sizeof(group_text[0])
	                : sizeof(project_text) / sizeof(project_text[0]);
	struct colget g = {CG_OTHER, 0};

	for (size_t i = 0; i < nt; i++)
		if (strcmp(field, t[i].field) == 0) {
			g.how = CG_TEXT;
			g.off = t[i].off;
			return g;
		}
	for (size_t i = 0; k == IK_PROJECTS &&
	                   i < sizeof(project_money) / sizeof(project_money[0]);
	     i++)
		if (strcmp(field, project_money[i].field) == 0) {
			g.how = CG_MONEY;
			g.off = project_money[i].off;
			return g;
		}
	return g;
}

/* The value of column c (got how get says) of the record at rec, or NULL
 * when get says CG_OTHER. */
static const char *member_value(struct arena *a, const void *rec,
                                struct colget get)
{
	const char *s;

	switch (get.how) {
	case CG_TEXT:
		s = *(const char *const *)((const char *)rec + get.off);
		return s != NULL ? s : "";
	case CG_MONEY:
		return num(a,
		           *(const long long *)((const char *)rec + get.off));
	case CG_OTHER: break;
	}
	return NULL;
}

/* The value of column field for group g, for a column that is not a text
 * member (fields: its 分野 cell; reqs: all confirmed). */
static const char *group_value(struct arena *a, const struct names *nm,
                               const struct group_rec *g, const char *field,
                               const char *fields, int reqs)
{
	if (strcmp(field, "kind") == 0)
		return name_of(&nm->kinds, g->kind);
	if (strcmp(field, "status") == 0)
		return name_of(&nm->gstatuses, g->status);
	if (strcmp(field, "fields") == 0)
		return fields;
	if (strcmp(field, "members") == 0)
		return num(a, g->members);
	if (strcmp(field, "reqs") == 0)
		return reqs ? "確認済" : "";
	if (strcmp(field, "rep_name_public") == 0)
		return g->rep_name_public ? "公開" : "非公開";
	if (strcmp(field, "rep_phone_public") == 0)
		return g->rep_phone_public ? "公開" : "非公開";
	if (strcmp(field, "rep_address_public") == 0)
		return g->rep_address_public ? "公開" : "非公開";
	if (strcmp(field, "rep_email_public") == 0)
		return g->rep_email_public ? "公開" : "非公開";
	return "";
}

/* The value of column field for project p, for a column that is neither a
 * text member nor an amount (fields, partners: its 分野 and 相手方 cells). */
static const char *project_value(struct arena *a, const struct names *nm,
                                 const struct project_rec *p, const char *field,
                                 const char *fields, const char *partners)
{
	if (strcmp(field, "fiscal_year") == 0)
		return num(a, p->fiscal_year);
	if (strcmp(field, "form") == 0)
		return name_of(&nm->forms, p->form);
	if (strcmp(field, "domain") == 0)
		return name_of(&nm->domains, p->domain);
	if (strcmp(field, "proposal_type") == 0)
		return name_of(&nm->props, p->proposal_type);
	if (strcmp(field, "department") == 0)
		return name_of(&nm->depts, p->department);
	if (strcmp(field, "status") == 0)
		return name_of(&nm->pstatuses, p->status);
	if (strcmp(field, "fields") == 0)
		return fields;
	if (strcmp(field, "published") == 0)
		return p->published ? "公開" : "非公開";
	if (strcmp(field, "progress") == 0)
		return num(a, p->progress);
	if (strcmp(field, "partners") == 0)
		return partners;
	if (strcmp(field, "plan_policy") == 0)
		return p->plan_policy_id > 0
		           ? name_of(&nm->policies,
		                     arena_printf(a, "%lld", p->plan_policy_id))
		           : "";
	if (strcmp(field, "name_use_approved") == 0)
		return p->d.name_use_approved < 0    ? ""
		       : p->d.name_use_approved == 1 ? "承認"
		                                     : "未承認";
	return "";
}

/* The statement that walks every record of kind k in file order, with
 * what each row needs.
 *
 * Groups: by (kana, id), with the 分野 names in the order the form lists
 * them (at most GROUP_FIELDS_MAX, as group_rec_load reads them), and
 * whether every requirement is confirmed (there is at least one, and a
 * confirmed check for each).
 *
 * Projects: by (fiscal_year, id), with the form details and the cells
 * made of its rows: the 分野 names in form order and the 相手方
 * "団体名（役割）" joined with 、 (at most PROJECT_ROWS_MAX each, as
 * project_rec_load reads them), and the city's 役割分担 lines (市の役割).
 *
 * The sorted ids come from a co-routine (only the sort keys are held);
 * CROSS JOIN keeps it the outer loop, so rows come in its order
 * (check_order() makes sure). */
static sqlite3_stmt *walk_stmt(struct db *db, enum import_kind k)
{
	if (k == IK_GROUPS)
		return db_prep(
		    db,
		    "SELECT g.id, g.kana, g.name, g.kind, g.area, g.founded, "
		    "g.members, g.fee, g.purpose, g.activities, g.web, "
		    "g.email, "
		    "g.phone, g.rep_name, g.rep_name_public, g.rep_phone, "
		    "g.rep_phone_public, g.rep_address, g.rep_address_public, "
		    "g.rep_email, g.rep_email_public, g.status, g.applied_on, "
		    "g.registered_on, g.suspended_on, g.removed_on, "
		    "g.status_note, (SELECT group_concat(name, '、') FROM "
		    "(SELECT f.name FROM group_fields gf JOIN fields f ON "
		    "f.code = gf.field WHERE gf.group_id = g.id ORDER BY "
		    "f.sort, f.code LIMIT 32)), EXISTS (SELECT 1 FROM "
		    "group_requirements) AND (SELECT count(*) FROM "
		    "group_requirement_checks c WHERE c.group_id = g.id AND "
		    "c.confirmed = 1) = (SELECT count(*) FROM "
		    "group_requirements) FROM (SELECT id FROM groups ORDER BY "
		    "kana, id LIMIT -1) o CROSS JOIN groups g ON g.id = o.id");
	return db_prep(
	    db, "SELECT p.id, p.fiscal_year, p.title, coalesce(p.kana, ''), "
	        "p.summary, p.purpose, p.target, p.period_start, p.period_end, "
	        "p.form, p.domain, p.proposal_type, p.department, p.status, "
	        "p.proposed_on, p.reviewed_on, p.decided_on, p.started_on, "
	        "p.completed_on, p.evaluated_on, p.progress, p.published, "
	        "coalesce(p.plan_policy_id, 0), p.budget_planned, "
	        "p.city_share_planned, p.partner_share_planned, "
	        "p.budget_actual, p.city_share_actual, p.partner_share_actual, "
	        "d.grant_programme, d.grant_amount, d.grant_rate, "
	        "d.contract_amount, d.contract_start, d.contract_end, "
	        "d.contract_method, d.facility, d.name_use_approved, "
	        "d.name_use_on, d.conditions, d.city_cost, d.partner_cost, "
	        "d.cost_split, d.agreement_name, d.agreement_on, "
	        "d.agreement_start, d.agreement_end, d.note, (SELECT "
	        "group_concat(name, '、') FROM (SELECT f.name FROM "
	        "project_fields pf JOIN fields f ON f.code = pf.field WHERE "
	        "pf.project_id = p.id ORDER BY f.sort, f.code LIMIT 20)), "
	        "(SELECT group_concat(cell, '、') FROM (SELECT "
	        "coalesce(g.name, '') || '（' || coalesce(r.name, pp.role) || "
	        "'）' AS cell FROM project_partners pp LEFT JOIN groups g ON "
	        "g.id = pp.group_id LEFT JOIN partner_roles r ON r.code = "
	        "pp.role WHERE pp.project_id = p.id ORDER BY pp.sort, "
	        "pp.group_id LIMIT 20)), (SELECT group_concat(text, char(10)) "
	        "FROM (SELECT text FROM project_roles WHERE project_id = p.id "
	        "AND party = 'city' ORDER BY sort, id)) FROM (SELECT id FROM "
	        "projects ORDER BY fiscal_year, id LIMIT -1) o CROSS JOIN "
	        "projects p ON p.id = o.id LEFT JOIN project_form_details d ON "
	        "d.project_id = p.id");
}

/* An export in progress (import.h). */
struct export_run {
	struct db *db;        /* the connection */
	enum import_kind k;   /* what is exported */
	struct names nm;      /* code → name lists (caller's arena) */
	sqlite3_stmt *st;     /* the walk, on the current row */
	int rc;               /* its last sqlite3_step() result */
	int own_tx;           /* 1: export_open began the transaction */
	struct arena scratch; /* one row's cells, reset per row */
	const char **v;       /* the row's cells (caller's arena) */
	size_t ncols;         /* number of columns */
	const struct import_column *cols; /* the columns */
	struct colget *get;               /* how each column is read */
	size_t rows;                      /* records written so far */
	long long last_id;   /* the previous record's id (0: none) */
	long long last_year; /* its fiscal_year (projects) */
	char *last_kana;     /* its kana (groups; malloc) */
};

/* Load the name lists of kind k. 0 or -1. */
static int export_names(struct db *db, struct arena *a, enum import_kind k,
                        struct names *nm)
{
	memset(nm, 0, sizeof(*nm));
	if (k == IK_GROUPS)
		return master_all(db, a, MASTER_GROUP_KIND, &nm->kinds) ==
		                   MS_OK &&
		               group_statuses(db, a, &nm->gstatuses) == MS_OK
		           ? 0
		           : -1;
	return master_all(db, a, MASTER_FORM, &nm->forms) == MS_OK &&
	               master_all(db, a, MASTER_DOMAIN, &nm->domains) ==
	                   MS_OK &&
	               project_choices(db, a, PC_PROPOSAL, &nm->props) ==
	                   MS_OK &&
	               project_choices(db, a, PC_DEPT_ALL, &nm->depts) ==
	                   MS_OK &&
	               project_choices(db, a, PC_STATUS, &nm->pstatuses) ==
	                   MS_OK &&
	               project_choices(db, a, PC_ROLE_ALL, &nm->roles) ==
	                   MS_OK &&
	               project_choices(db, a, PC_POLICY_ALL, &nm->policies) ==
	                   MS_OK
	           ? 0
	           : -1;
}

/* Column c of the walk's row as text: "" for NULL, else a pointer into
 * SQLite's row (valid until the next step). */
static const char *col_text(sqlite3_stmt *st, int c)
{
	const char *t = (const char *)sqlite3_column_text(st, c);

	return t != NULL ? t : "";
}

/* Column c as a number, -1 when NULL. */
static long long col_num(sqlite3_stmt *st, int c)
{
	return sqlite3_column_type(st, c) == SQLITE_NULL
	           ? -1
	           : sqlite3_column_int64(st, c);
}

/* 0 when the current row comes after the previous one in file order, -1
 * (logged) when not: the walk relies on SQLite reading the sorted ids in
 * order, and a file in another order must not go out unnoticed. */
static int check_order(struct export_run *x)
{
	sqlite3_stmt *st = x->st;
	long long id = sqlite3_column_int64(st, 0);
	int after = 1;

	if (x->k == IK_GROUPS) {
		const char *kana = col_text(st, 1);
		int c = x->last_kana != NULL ? strcmp(kana, x->last_kana) : 1;
		char *copy;

		after = c > 0 || (c == 0 && id > x->last_id);
		copy = strdup(kana);
		if (copy == NULL) {
			log_err("export: out of memory");
			return -1;
		}
		free(x->last_kana);
		x->last_kana = copy;
	} else {
		long long year = sqlite3_column_int64(st, 1);

		after = x->last_id == 0 || year > x->last_year ||
		        (year == x->last_year && id > x->last_id);
		x->last_year = year;
	}
	if (!after) {
		log_err("export: record %lld out of order", id);
		return -1;
	}
	x->last_id = id;
	return 0;
}

/* The current group row as CSV, appended to out. 0 or -1. */
static int group_row(struct export_run *x, struct buf *out)
{
	sqlite3_stmt *st = x->st;
	struct group_rec g;
	int c = 1;
	const char *fields;
	int reqs;

	memset(&g, 0, sizeof(g));
	g.id = sqlite3_column_int64(st, 0);
	g.kana = col_text(st, c++);
	g.name = col_text(st, c++);
	g.kind = col_text(st, c++);
	g.area = col_text(st, c++);
	g.founded = col_text(st, c++);
	g.members = col_num(st, c++);
	g.fee = col_text(st, c++);
	g.purpose = col_text(st, c++);
	g.activities = col_text(st, c++);
	g.web = col_text(st, c++);
	g.email = col_text(st, c++);
	g.phone = col_text(st, c++);
	g.rep_name = col_text(st, c++);
	g.rep_name_public = sqlite3_column_int(st, c++);
	g.rep_phone = col_text(st, c++);
	g.rep_phone_public = sqlite3_column_int(st, c++);
	g.rep_address = col_text(st, c++);
	g.rep_address_public = sqlite3_column_int(st, c++);
	g.rep_email = col_text(st, c++);
	g.rep_email_public = sqlite3_column_int(st, c++);
	g.status = col_text(st, c++);
	g.applied_on = col_text(st, c++);
	g.registered_on = col_text(st, c++);
	g.suspended_on = col_text(st, c++);
	g.removed_on = col_text(st, c++);
	g.status_note = col_text(st, c++);
	fields = col_text(st, c++);
	reqs = sqlite3_column_int(st, c++);
	for (size_t i = 0; i < x->ncols; i++) {
		x->v[i] = x->get[i].how != CG_OTHER
		              ? member_value(&x->scratch, &g, x->get[i])
		              : group_value(&x->scratch, &x->nm, &g,
		                            x->cols[i].field, fields, reqs);
		if (x->v[i] == NULL)
			return -1;
	}
	return csv_put_row(out, x->v, x->ncols);
}

/* The current project row as CSV, appended to out. 0 or -1. */
static int project_row(struct export_run *x, struct buf *out)
{
	sqlite3_stmt *st = x->st;
	struct project_rec *p;
	struct form_details *d;
	int c = 1;
	const char *fields, *partners;

	/* a project_rec is large (its row arrays): scratch, not the stack */
	p = arena_alloc(&x->scratch, sizeof(*p));
	if (p == NULL)
		return -1;
	memset(p, 0, sizeof(*p));
	d = &p->d;
	p->id = sqlite3_column_int64(st, 0);
	p->fiscal_year = sqlite3_column_int(st, c++);
	p->title = col_text(st, c++);
	p->kana = col_text(st, c++);
	p->summary = col_text(st, c++);
	p->purpose = col_text(st, c++);
	p->target = col_text(st, c++);
	p->period_start = col_text(st, c++);
	p->period_end = col_text(st, c++);
	p->form = col_text(st, c++);
	p->domain = col_text(st, c++);
	p->proposal_type = col_text(st, c++);
	p->department = col_text(st, c++);
	p->status = col_text(st, c++);
	p->proposed_on = col_text(st, c++);
	p->reviewed_on = col_text(st, c++);
	p->decided_on = col_text(st, c++);
	p->started_on = col_text(st, c++);
	p->completed_on = col_text(st, c++);
	p->evaluated_on = col_text(st, c++);
	p->progress = sqlite3_column_int(st, c++);
	p->published = sqlite3_column_int(st, c++);
	p->plan_policy_id = sqlite3_column_int64(st, c++);
	p->budget_planned = col_num(st, c++);
	p->city_share_planned = col_num(st, c++);
	p->partner_share_planned = col_num(st, c++);
	p->budget_actual = col_num(st, c++);
	p->city_share_actual = col_num(st, c++);
	p->partner_share_actual = col_num(st, c++);
	d->grant_programme = col_text(st, c++);
	d->grant_amount = col_num(st, c++);
	d->grant_rate = col_text(st, c++);
	d->contract_amount = col_num(st, c++);
	d->contract_start = col_text(st, c++);
	d->contract_end = col_text(st, c++);
	d->contract_method = col_text(st, c++);
	d->facility = col_text(st, c++);
	d->name_use_approved = (int)col_num(st, c++);
	d->name_use_on = col_text(st, c++);
	d->conditions = col_text(st, c++);
	d->city_cost = col_num(st, c++);
	d->partner_cost = col_num(st, c++);
	d->cost_split = col_text(st, c++);
	d->agreement_name = col_text(st, c++);
	d->agreement_on = col_text(st, c++);
	d->agreement_start = col_text(st, c++);
	d->agreement_end = col_text(st, c++);
	d->note = col_text(st, c++);
	fields = col_text(st, c++);
	partners = col_text(st, c++);
	p->city_part = col_text(st, c++);
	for (size_t i = 0; i < x->ncols; i++) {
		x->v[i] =
		    x->get[i].how != CG_OTHER
		        ? member_value(&x->scratch, p, x->get[i])
		        : project_value(&x->scratch, &x->nm, p,
		                        x->cols[i].field, fields, partners);
		if (x->v[i] == NULL)
			return -1;
	}
	return csv_put_row(out, x->v, x->ncols);
}

/* Step the walk to its next row (x->rc). 0, or -1 on an error (logged). */
static int next(struct export_run *x)
{
	x->rc = sqlite3_step(x->st);
	if (x->rc == SQLITE_ROW)
		return check_order(x);
	if (x->rc == SQLITE_DONE)
		return 0;
	log_err("export %s: %s", import_kind_slug(x->k),
	        sqlite3_errmsg(x->db->h));
	return -1;
}

struct export_run *export_open(struct db *db, struct arena *a,
                               enum import_kind k, struct buf *out)
{
	struct export_run *x = arena_alloc(a, sizeof(*x));
	const char **hdr;

	if (x == NULL)
		return NULL;
	memset(x, 0, sizeof(*x));
	x->db = db;
	x->k = k;
	x->cols = import_columns(k, &x->ncols);
	x->v = arena_alloc(a, x->ncols * sizeof(*x->v));
	x->get = arena_alloc(a, x->ncols * sizeof(*x->get));
	hdr = arena_alloc(a, x->ncols * sizeof(*hdr));
	arena_init(&x->scratch, 0);
	if (x->v == NULL || x->get == NULL || hdr == NULL)
		goto fail;
	for (size_t i = 0; i < x->ncols; i++)
		x->get[i] = colget_of(k, x->cols[i].field);
	if (sqlite3_get_autocommit(db->h)) {
		sqlite3_stmt *st = db_prep(db, "BEGIN");

		if (st == NULL || sqlite3_step(st) != SQLITE_DONE) {
			if (st != NULL)
				sqlite3_reset(st);
			goto fail;
		}
		sqlite3_reset(st);
		x->own_tx = 1;
	}
	if (export_names(db, a, k, &x->nm) < 0)
		goto fail;
	x->st = walk_stmt(db, k);
	if (x->st == NULL || next(x) < 0)
		goto fail;
	for (size_t i = 0; i < x->ncols; i++)
		hdr[i] = x->cols[i].header;
	if (buf_puts(out, CSV_BOM) < 0 || csv_put_row(out, hdr, x->ncols) < 0)
		goto fail;
	return x;
fail:
	export_close(x);
	return NULL;
}

int export_rows(struct export_run *x, struct buf *out, size_t until)
{
	while (x->rc == SQLITE_ROW && out->len < until) {
		int rc =
		    x->k == IK_GROUPS ? group_row(x, out) : project_row(x, out);

		arena_reset(&x->scratch);
		if (rc < 0)
			return -1;
		x->rows++;
		if (next(x) < 0)
			return -1;
	}
	return x->rc == SQLITE_ROW ? 1 : 0;
}

size_t export_count(const struct export_run *x)
{
	return x->rows;
}

void export_close(struct export_run *x)
{
	if (x == NULL)
		return;
	if (x->st != NULL)
		sqlite3_reset(x->st);
	x->st = NULL;
	if (x->own_tx) {
		sqlite3_stmt *st = db_prep(x->db, "COMMIT");

		if (st == NULL || sqlite3_step(st) != SQLITE_DONE)
			sqlite3_exec(x->db->h, "ROLLBACK", NULL, NULL, NULL);
		if (st != NULL)
			sqlite3_reset(st);
		x->own_tx = 0;
	}
	arena_free(&x->scratch);
	free(x->last_kana);
	x->last_kana = NULL;
}

int export_csv(struct db *db, struct arena *a, enum import_kind k,
               struct buf *out, size_t *rows)
{
	struct export_run *x = export_open(db, a, k, out);
	int rc;

	if (rows != NULL)
		*rows = 0;
	if (x == NULL)
		return -1;
	rc = export_rows(x, out, SIZE_MAX);
	if (rc == 0 && rows != NULL)
		*rows = export_count(x);
	export_close(x);
	return rc == 0 ? 0 : -1;
}

int export_audit(struct db *db, const struct user_actor *who,
                 enum import_kind k, size_t rows)
{
	if (db_begin(db) < 0)
		return -1;
	if (import_audit(db, who, k, "export", rows) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}
