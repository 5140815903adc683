/* CSV import (the inserts) and export of groups and projects. See
 * model/import_write.h and model/import.h. Every statement is a literal
 * given to db_prep. */
#include "model/import_write.h"

#include <stddef.h>
#include <string.h>

#include "model/import.h"
#include "util/csv.h"
#include "util/log.h"

/* Bind s, or NULL when s is NULL or empty. */
static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Bind s ("" for NULL). */
static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s != NULL ? s : "", -1, SQLITE_TRANSIENT);
}

/* Bind an amount, NULL for -1 (not recorded). */
static void bind_num(sqlite3_stmt *st, int i, long long n)
{
	if (n < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, n);
}

/* Step st expecting no row. WS_OK; WS_INVALID with *msg when a constraint
 * refused it; WS_DB (logged). */
static enum wstatus step(struct db *db, struct arena *a, sqlite3_stmt *st,
                         const char *what, const char **msg)
{
	int rc;

	if (st == NULL)
		return WS_DB;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return WS_OK;
	if ((sqlite3_extended_errcode(db->h) & 0xFF) == SQLITE_CONSTRAINT) {
		*msg =
		    arena_printf(a,
		                 "データベースの規則に合わないため登録できませ"
		                 "ん（%s: %s）。",
		                 what, sqlite3_errmsg(db->h));
		return *msg != NULL ? WS_INVALID : WS_NOMEM;
	}
	log_err("import %s: %s", what, sqlite3_errmsg(db->h));
	return WS_DB;
}

enum wstatus import_group_insert(struct db *db, struct arena *a,
                                 const struct user_actor *who,
                                 struct group_rec *rec, long long *id,
                                 const char **msg)
{
	struct snapshot after = {0};
	sqlite3_stmt *st;
	enum wstatus ws;
	int i = 1;

	*id = 0;
	if (rec->status == NULL || *rec->status == '\0')
		rec->status = "shinsei";
	st = db_prep(
	    db, "INSERT INTO groups (name, kana, kind, area, founded, members, "
	        "fee, purpose, activities, web, email, phone, rep_name, "
	        "rep_name_public, rep_phone, rep_phone_public, rep_address, "
	        "rep_address_public, rep_email, rep_email_public, status, "
	        "applied_on, registered_on, suspended_on, removed_on, "
	        "status_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	        "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
	        "?23, ?24, ?25, ?26)");
	if (st == NULL)
		return WS_DB;
	bind_str(st, i++, rec->name);
	bind_str(st, i++, rec->kana);
	bind_str(st, i++, rec->kind);
	bind_str(st, i++, rec->area);
	bind_opt(st, i++, rec->founded);
	bind_num(st, i++, rec->members);
	bind_str(st, i++, rec->fee);
	bind_str(st, i++, rec->purpose);
	bind_str(st, i++, rec->activities);
	bind_opt(st, i++, rec->web);
	bind_opt(st, i++, rec->email);
	bind_opt(st, i++, rec->phone);
	bind_str(st, i++, rec->rep_name);
	sqlite3_bind_int(st, i++, rec->rep_name_public != 0);
	bind_str(st, i++, rec->rep_phone);
	sqlite3_bind_int(st, i++, rec->rep_phone_public != 0);
	bind_str(st, i++, rec->rep_address);
	sqlite3_bind_int(st, i++, rec->rep_address_public != 0);
	bind_str(st, i++, rec->rep_email);
	sqlite3_bind_int(st, i++, rec->rep_email_public != 0);
	bind_str(st, i++, rec->status);
	bind_opt(st, i++, rec->applied_on);
	bind_opt(st, i++, rec->registered_on);
	bind_opt(st, i++, rec->suspended_on);
	bind_opt(st, i++, rec->removed_on);
	bind_str(st, i++, rec->status_note);
	if ((ws = step(db, a, st, "groups", msg)) != WS_OK)
		return ws;
	*id = rec->id = sqlite3_last_insert_rowid(db->h);
	rec->version = 1;
	for (size_t k = 0; k < rec->nfields; k++) {
		st =
		    db_prep(db, "INSERT OR IGNORE INTO group_fields (group_id, "
		                "field, status, kana) SELECT id, ?2, status, "
		                "kana FROM groups WHERE id = ?1");
		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, *id);
		bind_str(st, 2, rec->fields[k]);
		if ((ws = step(db, a, st, "group_fields", msg)) != WS_OK)
			return ws;
	}
	for (size_t k = 0; k < rec->nreqs; k++) {
		st = db_prep(db,
		             "INSERT INTO group_requirement_checks (group_id, "
		             "requirement, confirmed, user_id, note) VALUES "
		             "(?1, ?2, 1, ?3, 'CSV取込')");
		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, *id);
		bind_str(st, 2, rec->reqs[k]);
		if (who != NULL && who->user_id > 0)
			sqlite3_bind_int64(st, 3, who->user_id);
		else
			sqlite3_bind_null(st, 3);
		if ((ws = step(db, a, st, "group_requirement_checks", msg)) !=
		    WS_OK)
			return ws;
	}
	if (rec->nreqs > 0 &&
	    history_row(db, who, "groups", *id, "approve", "requirements", NULL,
	                "CSV取込で確認済み") != WS_OK)
		return WS_DB;
	if (group_snapshot(db, a, rec, &after) < 0)
		return WS_DB;
	return history_diff(db, who, "groups", *id, "create", NULL, &after);
}

/* The form details of rec's form (the other columns stay NULL). */
static enum wstatus project_details(struct db *db, struct arena *a,
                                    long long id, const struct project_rec *rec,
                                    const char **msg)
{
	const struct form_details *d = &rec->d;
	enum detail_group g = project_detail_group(rec->form);
	sqlite3_stmt *st = db_prep(
	    db, "INSERT INTO project_form_details (project_id, "
	        "grant_programme, grant_amount, grant_rate, contract_amount, "
	        "contract_start, contract_end, contract_method, facility, "
	        "name_use_approved, name_use_on, conditions, city_cost, "
	        "partner_cost, cost_split, agreement_name, agreement_on, "
	        "agreement_start, agreement_end, note) VALUES (?1, ?2, ?3, ?4, "
	        "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	        "?18, ?19, ?20)");

	if (st == NULL)
		return WS_DB;
	sqlite3_bind_int64(st, 1, id);
	if (g == DG_GRANT) {
		bind_opt(st, 2, d->grant_programme);
		bind_num(st, 3, d->grant_amount);
		bind_opt(st, 4, d->grant_rate);
	} else if (g == DG_CONTRACT) {
		bind_num(st, 5, d->contract_amount);
		bind_opt(st, 6, d->contract_start);
		bind_opt(st, 7, d->contract_end);
		bind_opt(st, 8, d->contract_method);
		bind_opt(st, 9, d->facility);
	} else if (g == DG_NAME_USE) {
		bind_num(st, 10, d->name_use_approved);
		bind_opt(st, 11, d->name_use_on);
		bind_opt(st, 12, d->conditions);
	} else if (g == DG_COST) {
		bind_num(st, 13, d->city_cost);
		bind_num(st, 14, d->partner_cost);
		bind_opt(st, 15, d->cost_split);
	} else if (g == DG_AGREEMENT) {
		bind_opt(st, 16, d->agreement_name);
		bind_opt(st, 17, d->agreement_on);
		bind_opt(st, 18, d->agreement_start);
		bind_opt(st, 19, d->agreement_end);
	}
	bind_opt(st, 20, d->note);
	return step(db, a, st, "project_form_details", msg);
}

/* 分野, partners and the 役割分担 of new project id. */
static enum wstatus project_rows(struct db *db, struct arena *a, long long id,
                                 const struct project_rec *rec,
                                 const char **msg)
{
	sqlite3_stmt *st;
	enum wstatus ws;

	for (size_t k = 0; k < rec->nfields; k++) {
		st = db_prep(db, "INSERT OR IGNORE INTO project_fields "
		                 "(project_id, field, fiscal_year, published) "
		                 "SELECT id, ?2, fiscal_year, published FROM "
		                 "projects WHERE id = ?1");
		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, id);
		bind_str(st, 2, rec->fields[k]);
		if ((ws = step(db, a, st, "project_fields", msg)) != WS_OK)
			return ws;
	}
	for (size_t k = 0; k < rec->npartners; k++) {
		st = db_prep(db,
		             "INSERT INTO project_partners (project_id, "
		             "group_id, role, sort) VALUES (?1, ?2, ?3, ?4)");
		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, rec->partners[k].group_id);
		bind_str(st, 3, rec->partners[k].role);
		sqlite3_bind_int(st, 4, (int)k + 1);
		if ((ws = step(db, a, st, "project_partners", msg)) != WS_OK)
			return ws;
	}
	for (size_t k = 0; k <= rec->npartners; k++) {
		const char *text =
		    k == 0 ? rec->city_part : rec->partners[k - 1].part;

		if (text == NULL || *text == '\0')
			continue;
		st = db_prep(db,
		             "INSERT INTO project_roles (project_id, party, "
		             "group_id, text, sort) VALUES (?1, CASE WHEN ?2 "
		             "IS NULL THEN 'city' ELSE 'partner' END, ?2, ?3, "
		             "?4)");
		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, id);
		if (k == 0)
			sqlite3_bind_null(st, 2);
		else
			sqlite3_bind_int64(st, 2,
			                   rec->partners[k - 1].group_id);
		bind_str(st, 3, text);
		sqlite3_bind_int(st, 4, (int)k);
		if ((ws = step(db, a, st, "project_roles", msg)) != WS_OK)
			return ws;
	}
	return WS_OK;
}

enum wstatus import_project_insert(struct db *db, struct arena *a,
                                   const struct user_actor *who,
                                   struct project_rec *rec, long long *id,
                                   const char **msg)
{
	struct snapshot after = {0};
	sqlite3_stmt *st;
	enum wstatus ws;
	int i = 1;

	*id = 0;
	st = db_prep(
	    db,
	    "INSERT INTO projects (fiscal_year, title, kana, summary, purpose, "
	    "target, period_start, period_end, form, domain, proposal_type, "
	    "department, status, proposed_on, reviewed_on, decided_on, "
	    "started_on, completed_on, evaluated_on, published, "
	    "plan_policy_id, budget_planned, city_share_planned, "
	    "partner_share_planned, budget_actual, city_share_actual, "
	    "partner_share_actual, progress, created_by, published_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, "
	    "coalesce(?28, (SELECT progress_default FROM project_statuses "
	    "WHERE code = ?13)), ?29, CASE WHEN ?20 = 1 THEN datetime('now') "
	    "END)");
	if (st == NULL)
		return WS_DB;
	sqlite3_bind_int(st, i++, rec->fiscal_year);
	bind_str(st, i++, rec->title);
	bind_opt(st, i++, rec->kana);
	bind_str(st, i++, rec->summary);
	bind_str(st, i++, rec->purpose);
	bind_str(st, i++, rec->target);
	bind_opt(st, i++, rec->period_start);
	bind_opt(st, i++, rec->period_end);
	bind_str(st, i++, rec->form);
	bind_str(st, i++, rec->domain);
	bind_str(st, i++, rec->proposal_type);
	bind_str(st, i++, rec->department);
	bind_str(st, i++, rec->status);
	bind_opt(st, i++, rec->proposed_on);
	bind_opt(st, i++, rec->reviewed_on);
	bind_opt(st, i++, rec->decided_on);
	bind_opt(st, i++, rec->started_on);
	bind_opt(st, i++, rec->completed_on);
	bind_opt(st, i++, rec->evaluated_on);
	sqlite3_bind_int(st, i++, rec->published ? 1 : 0);
	bind_num(st, i++, rec->plan_policy_id > 0 ? rec->plan_policy_id : -1);
	bind_num(st, i++, rec->budget_planned);
	bind_num(st, i++, rec->city_share_planned);
	bind_num(st, i++, rec->partner_share_planned);
	bind_num(st, i++, rec->budget_actual);
	bind_num(st, i++, rec->city_share_actual);
	bind_num(st, i++, rec->partner_share_actual);
	bind_num(st, i++, rec->progress);
	bind_num(st, i++, who != NULL && who->user_id > 0 ? who->user_id : -1);
	if ((ws = step(db, a, st, "projects", msg)) != WS_OK)
		return ws;
	*id = rec->id = sqlite3_last_insert_rowid(db->h);
	rec->version = 1;
	if ((ws = project_rows(db, a, *id, rec, msg)) != WS_OK ||
	    (ws = project_details(db, a, *id, rec, msg)) != WS_OK)
		return ws;
	if (project_snapshot(db, a, rec, &after) < 0)
		return WS_DB;
	return history_diff(db, who, "projects", *id, "create", NULL, &after);
}

/* ------------------------------------------------------------- export -- */

/* The lists codes are turned into names with. */
struct names {
	struct code_list kinds, fields, gstatuses; /* groups */
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

/* The 分野 names joined with 、. */
static const char *field_names(struct arena *a, const struct names *nm,
                               const char *const *codes, size_t n)
{
	const char *s = "";

	for (size_t i = 0; i < n && s != NULL; i++)
		s = arena_printf(a, "%s%s%s", s, i ? "、" : "",
		                 name_of(&nm->fields, codes[i]));
	return s;
}

/* The value of column field for group g (reqs: all confirmed). */
static const char *group_value(struct arena *a, const struct names *nm,
                               const struct group_rec *g, const char *field,
                               int reqs)
{
	static const struct {
		const char *field;
		size_t off;
	} text[] = {
#define T(f) {#f, offsetof(struct group_rec, f)}
	    T(name),         T(kana),       T(area),        T(founded),
	    T(fee),          T(purpose),    T(activities),  T(web),
	    T(email),        T(phone),      T(rep_name),    T(rep_phone),
	    T(rep_address),  T(rep_email),  T(applied_on),  T(registered_on),
	    T(suspended_on), T(removed_on), T(status_note),
#undef T
	};

	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (strcmp(field, text[i].field) == 0) {
			const char *s = *(const char *const *)((const char *)g +
			                                       text[i].off);
			return s != NULL ? s : "";
		}
	if (strcmp(field, "kind") == 0)
		return name_of(&nm->kinds, g->kind);
	if (strcmp(field, "status") == 0)
		return name_of(&nm->gstatuses, g->status);
	if (strcmp(field, "fields") == 0)
		return field_names(a, nm, g->fields, g->nfields);
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

/* "団体名（役割）、…" of project p. NULL on a database error. */
static const char *partner_cell(struct db *db, struct arena *a,
                                const struct names *nm,
                                const struct project_rec *p)
{
	const char *s = "";

	for (size_t i = 0; i < p->npartners && s != NULL; i++) {
		sqlite3_stmt *st =
		    db_prep(db, "SELECT name FROM groups WHERE id = ?1");
		const char *name = "";

		if (st == NULL)
			return NULL;
		sqlite3_bind_int64(st, 1, p->partners[i].group_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			name = arena_strdup(a, db_text(st, 0));
		sqlite3_reset(st);
		s = arena_printf(a, "%s%s%s（%s）", s, i ? "、" : "", name,
		                 name_of(&nm->roles, p->partners[i].role));
	}
	return s;
}

/* The value of column field for project p. */
static const char *project_value(struct arena *a, const struct names *nm,
                                 const struct project_rec *p, const char *field,
                                 const char *partners)
{
	static const struct {
		const char *field;
		size_t off;
	} text[] = {
#define T(f) {#f, offsetof(struct project_rec, f)}
#define D(f)                                                                   \
	{                                                                      \
#f, offsetof(struct project_rec, d) +                          \
		        offsetof(struct form_details, f)                       \
	}
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
	static const struct {
		const char *field;
		size_t off;
	} money[] = {
	    T(budget_planned), T(city_share_planned), T(partner_share_planned),
	    T(budget_actual),  T(city_share_actual),  T(partner_share_actual),
	    D(grant_amount),   D(contract_amount),    D(city_cost),
	    D(partner_cost),
#undef T
#undef D
	};

	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		if (strcmp(field, text[i].field) == 0) {
			const char *s = *(const char *const *)((const char *)p +
			                                       text[i].off);
			return s != NULL ? s : "";
		}
	for (size_t i = 0; i < sizeof(money) / sizeof(money[0]); i++)
		if (strcmp(field, money[i].field) == 0)
			return num(a, *(const long long *)((const char *)p +
			                                   money[i].off));
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
		return field_names(a, nm, p->fields, p->nfields);
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

/* Every id of kind k in export order (arena). 0 or -1. */
static int export_ids(struct db *db, struct arena *a, enum import_kind k,
                      long long **ids, size_t *n)
{
	sqlite3_stmt *st =
	    k == IK_GROUPS
	        ? db_prep(db, "SELECT id FROM groups ORDER BY kana, id")
	        : db_prep(db, "SELECT id FROM projects ORDER BY fiscal_year, "
	                      "id");
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (model_grow(a, (void **)ids, &cap, *n, sizeof(**ids)) < 0) {
			sqlite3_reset(st);
			return -1;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Load the name lists of kind k. 0 or -1. */
static int export_names(struct db *db, struct arena *a, enum import_kind k,
                        struct names *nm)
{
	memset(nm, 0, sizeof(*nm));
	if (master_list(db, a, MASTER_FIELD, &nm->fields) != MS_OK)
		return -1;
	if (k == IK_GROUPS)
		return master_list(db, a, MASTER_GROUP_KIND, &nm->kinds) ==
		                   MS_OK &&
		               group_statuses(db, a, &nm->gstatuses) == MS_OK
		           ? 0
		           : -1;
	return master_list(db, a, MASTER_FORM, &nm->forms) == MS_OK &&
	               master_list(db, a, MASTER_DOMAIN, &nm->domains) ==
	                   MS_OK &&
	               project_choices(db, a, PC_PROPOSAL, &nm->props) ==
	                   MS_OK &&
	               project_choices(db, a, PC_DEPT_ALL, &nm->depts) ==
	                   MS_OK &&
	               project_choices(db, a, PC_STATUS, &nm->pstatuses) ==
	                   MS_OK &&
	               project_choices(db, a, PC_ROLE, &nm->roles) == MS_OK &&
	               project_choices(db, a, PC_POLICY, &nm->policies) == MS_OK
	           ? 0
	           : -1;
}

/* One record of kind k as a CSV row, appended to out. 0 or -1. */
static int export_one(struct db *db, struct arena *s, enum import_kind k,
                      const struct names *nm, long long id, struct buf *out)
{
	size_t ncols;
	const struct import_column *cols = import_columns(k, &ncols);
	const char **v = arena_alloc(s, ncols * sizeof(*v));
	struct group_rec g;
	struct project_rec p;
	const char *partners = NULL;
	int reqs = 1;

	if (v == NULL)
		return -1;
	if (k == IK_GROUPS) {
		struct group_req *rq;
		size_t nrq;

		if (group_rec_load(db, s, id, &g) != MS_OK ||
		    group_reqs(db, s, id, &rq, &nrq) != MS_OK)
			return -1;
		for (size_t i = 0; i < nrq; i++)
			reqs &= rq[i].confirmed;
		reqs &= nrq > 0;
	} else {
		if (project_rec_load(db, s, id, &p) != MS_OK)
			return -1;
		partners = partner_cell(db, s, nm, &p);
		if (partners == NULL)
			return -1;
	}
	for (size_t i = 0; i < ncols; i++) {
		v[i] = k == IK_GROUPS
		           ? group_value(s, nm, &g, cols[i].field, reqs)
		           : project_value(s, nm, &p, cols[i].field, partners);
		if (v[i] == NULL)
			return -1;
	}
	return csv_put_row(out, v, ncols);
}

int export_csv(struct db *db, struct arena *a, enum import_kind k,
               struct buf *out, size_t *rows)
{
	size_t ncols, n;
	const struct import_column *cols = import_columns(k, &ncols);
	const char **hdr = arena_alloc(a, ncols * sizeof(*hdr));
	struct names nm;
	struct arena scratch;
	long long *ids;
	int rc = 0;

	if (rows != NULL)
		*rows = 0;
	if (hdr == NULL || export_names(db, a, k, &nm) < 0 ||
	    export_ids(db, a, k, &ids, &n) < 0)
		return -1;
	for (size_t i = 0; i < ncols; i++)
		hdr[i] = cols[i].header;
	if (buf_puts(out, CSV_BOM) < 0 || csv_put_row(out, hdr, ncols) < 0)
		return -1;
	arena_init(&scratch, 0);
	for (size_t i = 0; i < n && rc == 0; i++) {
		arena_reset(&scratch);
		rc = export_one(db, &scratch, k, &nm, ids[i], out);
	}
	arena_free(&scratch);
	if (rc == 0 && rows != NULL)
		*rows = n;
	return rc;
}
