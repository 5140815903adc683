/* CSV export of groups and projects: every record in the import's
 * columns (model/import_columns.c), codes turned back into the names the
 * import reads, so export → import gives the same records. See
 * model/import.h. Every statement is a literal given to db_prep. */
#include <stddef.h>
#include <string.h>

#include "model/audit.h"
#include "model/groups_write.h"
#include "model/import.h"
#include "model/projects_write.h"
#include "util/csv.h"
#include "util/log.h"

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
	if (master_all(db, a, MASTER_FIELD, &nm->fields) != MS_OK)
		return -1;
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
