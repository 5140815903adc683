/* The staff side's shared parts: form rendering helpers (every input with
 * the user's value, its message, aria-invalid, aria-describedby; the
 * error summary), the 409 page, the staff navigation, and the dashboard
 * GET /staff. */
#include "pages/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/users.h"
#include "pages/pages.h"
#include "server/config.h"
#include "util/log.h"
#include "view/format.h"

/* The value shown for name ("" when none). */
static const char *fv_value(const struct fview *fv, const char *name)
{
	const char *v = kv_get(fv->vals, name);

	return v != NULL ? v : "";
}

size_t staff_cell_row(const char *name, const char *what)
{
	size_t n = strlen(what), row = 0;

	if (strncmp(name, what, n) != 0 || name[n] != '_' ||
	    name[n + 1] == '\0')
		return 0;
	for (const char *p = name + n + 1; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || row > PROJECT_ROWS_MAX)
			return 0;
		row = row * 10 + (size_t)(*p - '0');
	}
	return row <= PROJECT_ROWS_MAX ? row : 0;
}

/* Start the include dictionary of one input: NAME, ID, LABEL, REQUIRED,
 * HINT, ERROR, INVALID, DESCRIBED, READONLY. */
static tdict *fv_begin(const struct fview *fv, tdict *d, const char *slot,
                       const char *file, const char *name, const char *label,
                       int required, const char *hint)
{
	tdict *x = tdict_add_include(d, slot, file);
	const char *id = arena_cat(fv->a, "f-", name);
	const char *err = ferr_get(fv->errs, name);
	const char *desc = "";

	if (x == NULL || id == NULL)
		return x;
	tdict_set(x, "NAME", name);
	tdict_set(x, "ID", id);
	tdict_set(x, "LABEL", label);
	tdict_set(x, "LEGEND", label);
	if (required)
		tdict_show(x, "REQUIRED");
	if (hint != NULL) {
		tdict_set(tdict_add_section(x, "HINT"), "TEXT", hint);
		desc = arena_cat(fv->a, id, "-hint");
	}
	if (err != NULL) {
		tdict_set(tdict_add_section(x, "ERROR"), "MESSAGE", err);
		tdict_show(x, "INVALID");
		desc = arena_printf(fv->a, "%s%s%s-error", desc ? desc : "",
		                    desc && desc[0] ? " " : "", id);
	}
	if (desc != NULL && desc[0] != '\0') {
		tdict_show(x, "DESCRIBED");
		tdict_set(x, "DESCRIBEDBY", desc);
	}
	if (fv->readonly)
		tdict_show(x, "READONLY");
	return x;
}

void fv_input(const struct fview *fv, tdict *d, const char *slot,
              const char *type, const char *name, const char *label,
              int required, const char *hint)
{
	int numeric = strcmp(type, "number") == 0;
	tdict *x = fv_begin(fv, d, slot, "staff/partials/input.tpl", name,
	                    label, required, hint);

	if (x == NULL)
		return;
	/* Numbers are text inputs with inputmode: full-width digits and
	 * commas are accepted by the validators, type=number would drop
	 * them before the server sees them. */
	tdict_set(x, "TYPE", numeric ? "text" : type);
	if (numeric)
		tdict_show(x, "NUMERIC");
	tdict_set(x, "VALUE", fv_value(fv, name));
}

void fv_textarea(const struct fview *fv, tdict *d, const char *slot,
                 const char *name, const char *label, int required,
                 const char *hint)
{
	tdict *x = fv_begin(fv, d, slot, "staff/partials/textarea.tpl", name,
	                    label, required, hint);

	if (x != NULL)
		tdict_set(x, "VALUE", fv_value(fv, name));
}

void fv_select(const struct fview *fv, tdict *d, const char *slot,
               const char *name, const char *label, int required,
               const struct code_list *opts, const char *empty_label,
               const char *hint)
{
	tdict *x = fv_begin(fv, d, slot, "staff/partials/select.tpl", name,
	                    label, required, hint);
	const char *v = fv_value(fv, name);

	if (x == NULL)
		return;
	if (empty_label != NULL) {
		tdict *o = tdict_add_section(x, "OPTION");

		tdict_set(o, "VALUE", "");
		tdict_set(o, "LABEL", empty_label);
	}
	for (size_t i = 0; opts != NULL && i < opts->n; i++) {
		tdict *o = tdict_add_section(x, "OPTION");

		tdict_set(o, "VALUE", opts->v[i].code);
		tdict_set(o, "LABEL", opts->v[i].name);
		if (strcmp(v, opts->v[i].code) == 0)
			tdict_show(o, "SELECTED");
	}
}

/* A fieldset of checkboxes or radios; details[i] (may be NULL) is shown
 * after option i. */
static void fv_choices(const struct fview *fv, tdict *d, const char *slot,
                       const char *name, const char *legend,
                       const struct code_list *opts, const char *const *details,
                       int radio, const char *hint)
{
	tdict *x = fv_begin(fv, d, slot, "staff/partials/checks.tpl", name,
	                    legend, 0, hint);
	const char *v = fv_value(fv, name);
	const char *fid = arena_cat(fv->a, "f-", name);

	if (x == NULL)
		return;
	tdict_set(x, "TYPE", radio ? "radio" : "checkbox");
	for (size_t i = 0; fid != NULL && opts != NULL && i < opts->n; i++) {
		tdict *o = tdict_add_section(x, "OPTION");
		int on = radio ? strcmp(v, opts->v[i].code) == 0
		               : kvl_has(fv->vals, name, opts->v[i].code);

		tdict_set(o, "OID", arena_num(fv->a, fid, "-", i + 1));
		tdict_set(o, "VALUE", opts->v[i].code);
		tdict_set(o, "LABEL", opts->v[i].name);
		if (on)
			tdict_show(o, "CHECKED");
		if (details != NULL && details[i] != NULL &&
		    details[i][0] != '\0')
			tdict_set(tdict_add_section(o, "DETAIL"), "TEXT",
			          details[i]);
	}
}

void fv_checks(const struct fview *fv, tdict *d, const char *slot,
               const char *name, const char *legend,
               const struct code_list *opts, const char *hint)
{
	fv_choices(fv, d, slot, name, legend, opts, NULL, 0, hint);
}

void fv_checks_detail(const struct fview *fv, tdict *d, const char *slot,
                      const char *name, const char *legend,
                      const struct code_list *opts, const char *const *details,
                      const char *hint)
{
	fv_choices(fv, d, slot, name, legend, opts, details, 0, hint);
}

void fv_radios(const struct fview *fv, tdict *d, const char *slot,
               const char *name, const char *legend,
               const struct code_list *opts, const char *hint)
{
	fv_choices(fv, d, slot, name, legend, opts, NULL, 1, hint);
}

void fv_checkbox(const struct fview *fv, tdict *d, const char *slot,
                 const char *name, const char *label, const char *hint)
{
	tdict *x = fv_begin(fv, d, slot, "staff/partials/checkbox.tpl", name,
	                    label, 0, hint);

	if (x != NULL && strcmp(fv_value(fv, name), "1") == 0)
		tdict_show(x, "CHECKED");
}

void fv_summary(const struct fview *fv, tdict *d)
{
	tdict *x =
	    tdict_add_include(d, "SUMMARY", "staff/partials/summary.tpl");

	if (x == NULL)
		return;
	if (fv->errs != NULL && fv->errs->n > 0) {
		tdict *s = tdict_add_section(x, "ERRORS");

		tdict_set_int(s, "COUNT", (long long)fv->errs->n);
		for (size_t i = 0; i < fv->errs->n; i++) {
			tdict *e = tdict_add_section(s, "ERROR");

			tdict_set(
			    e, "ID",
			    arena_printf(fv->a, "f-%s", fv->errs->v[i].name));
			tdict_set(e, "MESSAGE", fv->errs->v[i].value);
		}
	}
	if (fv->saved)
		tdict_show(x, "SAVED");
	if (fv->readonly) {
		tdict_show(x, "READONLY");
		tdict_show(d, "READONLY");
	} else {
		tdict_show(d, "EDITABLE");
	}
}

struct user_actor staff_actor(const struct request *r)
{
	struct user_actor who = {0, NULL};

	if (r->user != NULL)
		who.user_id = r->user->id;
	who.addr = r->remote_addr;
	return who;
}

long long staff_param_id(const struct request *r, size_t i)
{
	const char *s = req_param(r, i);
	char *end;
	long long id;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 15)
		return -1;
	id = strtoll(s, &end, 10);
	return *end == '\0' && id > 0 ? id : -1;
}

/* The fragment keys of the staff choice lists ("ms:", "pc:" and "gs:"
 * are theirs alone; see the keys in pages/fragments.c, forms.c, groups.c). */
#define MS_KEY "ms:%d:%s" /* master m, "active" or "all" */
#define PC_KEY "pc:%d"    /* project_choices(c) */
#define GS_KEY "gs:all"   /* group_statuses() */

/* *l as a code list of the caller's own in r->arena: with got 1, the one
 * page_list_get() found under key; with got 0, the one just read from
 * SQLite (read: how that went), now kept under key. NULL when got is -1,
 * the read failed or memory ran out. */
static struct code_list *stored(struct request *r, const char *key, int got,
                                enum mstatus read, struct code_list *l)
{
	struct code_list *out;

	if (got < 0 ||
	    (!got && (read != MS_OK || page_list_put(r, key, l) != MS_OK)))
		return NULL;
	if ((out = arena_alloc(r->arena, sizeof(*out))) != NULL)
		*out = *l;
	return out;
}

struct code_list *staff_master_rows(struct request *r, enum master m, int all)
{
	char key[32];
	struct code_list l;
	int got;

	snprintf(key, sizeof(key), MS_KEY, (int)m, all ? "all" : "active");
	if ((got = page_list_get(r, key, &l)) != 0)
		return stored(r, key, got, MS_OK, &l);
	return stored(r, key, 0,
	              all ? master_all(r->db, r->arena, m, &l)
	                  : master_list(r->db, r->arena, m, &l),
	              &l);
}

struct code_list *staff_choices(struct request *r, enum pchoice c)
{
	char key[16];
	struct code_list l;
	int got;

	snprintf(key, sizeof(key), PC_KEY, (int)c);
	if ((got = page_list_get(r, key, &l)) != 0)
		return stored(r, key, got, MS_OK, &l);
	return stored(r, key, 0, project_choices(r->db, r->arena, c, &l), &l);
}

struct code_list *staff_group_statuses(struct request *r)
{
	struct code_list l;
	int got;

	if ((got = page_list_get(r, GS_KEY, &l)) != 0)
		return stored(r, GS_KEY, got, MS_OK, &l);
	return stored(r, GS_KEY, 0, group_statuses(r->db, r->arena, &l), &l);
}

int staff_names_get(struct request *r, struct staff_names *nm)
{
	nm->forms = staff_master_rows(r, MASTER_FORM, 1);
	nm->depts = staff_master_rows(r, MASTER_DEPARTMENT, 1);
	nm->statuses = staff_choices(r, PC_STATUS);
	return nm->forms != NULL && nm->depts != NULL && nm->statuses != NULL
	           ? 0
	           : -1;
}

/* The name of code in l, or code itself when l does not have it. */
static const char *name_of(const struct code_list *l, const char *code)
{
	const char *name = page_code_in(l, code);

	return name != NULL ? name : code;
}

void staff_project_names(const struct staff_names *nm,
                         struct project_staff_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		v[i].form_name = name_of(nm->forms, v[i].form_code);
		v[i].dept_name = name_of(nm->depts, v[i].dept_code);
		v[i].status_name = name_of(nm->statuses, v[i].status_code);
	}
}

struct code_list *staff_master(struct request *r, enum master m,
                               const struct kvlist *vals, const char *name)
{
	return page_with_chosen(r->arena, staff_master_rows(r, m, 0),
	                        staff_master_rows(r, m, 1), vals, name,
	                        STAFF_INACTIVE_MARK);
}

const char staff_dept_stopped_msg[] =
    "所属の担当課は使用停止になっているため、新しい協働事業は登録できませ"
    "ん。登録済みの事業は、これまでどおり閲覧・編集できます。所属の変更は"
    "協働推進課に依頼してください。";

int staff_dept_is_stopped(const struct request *r)
{
	int active;

	if (r->user == NULL || r->user->role != ROLE_STAFF ||
	    r->user->department == NULL)
		return 0;
	active = users_department_exists(r->db, r->user->department);
	return active < 0 ? -1 : !active;
}

void staff_nav(struct request *r, struct page *p, tdict *body, const char *item)
{
	tdict *n =
	    tdict_add_include(body, "STAFF_NAV", "staff/partials/nav.tpl");

	(void)p;
	if (n == NULL)
		return;
	if (strcmp(item, "home") == 0)
		tdict_show(n, "HOME_CURRENT");
	else if (strcmp(item, "groups") == 0)
		tdict_show(n, "GROUPS_CURRENT");
	else if (strcmp(item, "projects") == 0)
		tdict_show(n, "PROJECTS_CURRENT");
	if (r->user == NULL)
		return;
	tdict_set(n, "USER_NAME", r->user->display_name);
	tdict_set(n, "ROLE_LABEL", role_label(r->user->role));
	if (r->user->department_name != NULL) {
		tdict_show(n, "HAS_DEPT");
		tdict_set(n, "DEPT_NAME", r->user->department_name);
	}
}

enum hstatus staff_conflict(struct request *r, const char *title,
                            const char *edit_url, const struct snapshot *mine,
                            const struct snapshot *saved)
{
	struct page p;
	tdict *d = page_begin(r, &p, "保存できませんでした（更新の競合）",
	                      "staff/conflict.tpl");
	size_t ndiff = 0;

	if (d == NULL)
		return HS_NOMEM;
	staff_nav(r, &p, d, "");
	tdict_set(d, "RECORD_TITLE", title);
	tdict_set(d, "EDIT_URL", edit_url);
	for (size_t i = 0; i < mine->n; i++) {
		tdict *row = tdict_add_section(d, "ROW");
		const char *theirs = snap_get(saved, mine->v[i].key);
		int differs =
		    strcmp(mine->v[i].value, theirs ? theirs : "") != 0;

		tdict_set(row, "LABEL", mine->v[i].label);
		tdict_set(row, "MINE", mine->v[i].value);
		tdict_set(row, "SAVED", theirs ? theirs : "");
		if (differs) {
			tdict_show(row, "DIFF");
			ndiff++;
		} else {
			tdict_show(row, "SAME");
		}
	}
	tdict_set_int(d, "NDIFF", (long long)ndiff);
	r->status = 409;
	return page_end(r, &p);
}

/* ------------------------------------------------------------ dashboard */

/* Add the rows of a to-do list to section name of d, with the names of
 * nm: what the lists show (title, year, department, status, why). */
static void project_rows(struct request *r, tdict *d, const char *name,
                         const struct staff_names *nm,
                         struct project_staff_row *v, size_t n)
{
	staff_project_names(nm, v, n);
	for (size_t i = 0; i < n; i++) {
		tdict *row = tdict_add_section(d, name);

		tdict_set_int(row, "ID", v[i].id);
		tdict_set(row, "TITLE", v[i].title);
		tdict_set(row, "YEAR", fmt_fiscal_year(r->arena, v[i].year));
		tdict_set(row, "DEPT", v[i].dept_name);
		tdict_set(row, "STATUS", v[i].status_name);
		tdict_set(row, "NOTE", v[i].note);
	}
}

/* The department whose work a user sees on the dashboard and lists: the
 * staff member's own, NULL (every department) for admin and committee. */
static const char *scope_dept(const struct request *r)
{
	if (r->user != NULL && r->user->role == ROLE_STAFF)
		return r->user->department;
	return NULL;
}

/* Rows of one status shown in the dashboard's year section (the newest:
 * a summary to scan on a phone, not the list); the rest are one click
 * away, by the link to the list with the section's count. */
#define YEAR_STATUS_ROWS 10

/* The dashboard's year section for status c: when dept (NULL = every
 * department) has projects of c in year, a STATUS_LIST section with the
 * true count, the newest YEAR_STATUS_ROWS of them and, when there are
 * more, the link to all of them on /staff/projects. Adds the count to
 * *inyear. 0, or -1 on a database error. */
static int year_status(struct request *r, tdict *d, const char *dept, int year,
                       const struct status_count *c,
                       const struct staff_names *nm, long long *inyear)
{
	struct project_staff_row *rows;
	size_t n;
	long long total;
	tdict *sec;

	if (projects_staff_page(r->db, r->arena, dept, year, c->code,
	                        YEAR_STATUS_ROWS, 0, &rows, &n,
	                        &total) != MS_OK)
		return -1;
	if (total == 0)
		return 0;
	*inyear += total;
	sec = tdict_add_section(d, "STATUS_LIST");
	tdict_set(sec, "NAME", c->name);
	tdict_set(sec, "CODE", c->code);
	tdict_set_int(sec, "N", total);
	staff_project_names(nm, rows, n);
	for (size_t i = 0; i < n; i++) {
		/* what a row of the year's table shows: its year and status
		 * are the section's */
		tdict *row = tdict_add_section(sec, "PROJECT");

		tdict_set_int(row, "ID", rows[i].id);
		tdict_set(row, "TITLE", rows[i].title);
		tdict_set(row, "FORM", rows[i].form_name);
		tdict_set(row, "DEPT", rows[i].dept_name);
		tdict_show(row,
		           rows[i].published ? "PUBLISHED" : "UNPUBLISHED");
	}
	if (total > (long long)n) {
		tdict *m = tdict_add_section(sec, "MORE");

		tdict_set_int(m, "YEAR_NUM", year);
		tdict_set(m, "CODE", c->code);
		tdict_set_int(m, "N", total);
	}
	return 0;
}

enum hstatus page_staff_home(struct request *r)
{
	const char *dept = scope_dept(r);
	int year = config_fiscal_year(r->cfg);
	struct status_count *counts;
	struct project_staff_row *noeval, *unpub, *late;
	struct group_staff_row *pending = NULL;
	struct staff_names nm;
	size_t ncounts, nnoeval, nunpub, nlate, npending = 0;
	long long inyear = 0; /* this year's projects, every status */
	struct page p;
	tdict *d;
	int admin = r->user != NULL && r->user->role == ROLE_ADMIN;
	int editor = admin || (r->user != NULL && r->user->role == ROLE_STAFF);
	int stopped = staff_dept_is_stopped(r);

	if (stopped < 0 || staff_names_get(r, &nm) < 0)
		return HS_DB;
	if (projects_status_counts(r->db, r->arena, dept, &counts, &ncounts) !=
	        MS_OK ||
	    projects_todo(r->db, r->arena, dept, 20, &noeval, &nnoeval, &unpub,
	                  &nunpub, &late, &nlate) != MS_OK)
		return HS_DB;
	if (admin &&
	    groups_pending(r->db, r->arena, 50, &pending, &npending) != MS_OK)
		return HS_DB;
	d = page_begin(r, &p, "職員トップ", "staff/home.tpl");
	if (d == NULL)
		return HS_NOMEM;
	staff_nav(r, &p, d, "home");
	page_crumbs(&p, NULL, NULL, 0, "職員トップ");
	tdict_set(d, "SCOPE",
	          dept != NULL && r->user->department_name != NULL
	              ? r->user->department_name
	              : "全庁（すべての担当課）");
	tdict_set(d, "YEAR", fmt_fiscal_year(r->arena, year));
	if (stopped)
		tdict_set(tdict_add_section(d, "DEPT_STOPPED"), "TEXT",
		          staff_dept_stopped_msg);
	if (editor) {
		tdict *c = tdict_add_section(d, "CAN_CREATE");

		if (!stopped)
			tdict_show(c, "PROJECT");
	}
	for (size_t i = 0; i < ncounts; i++) {
		tdict *c = tdict_add_section(d, "COUNT");

		tdict_set(c, "CODE", counts[i].code);
		tdict_set(c, "NAME", counts[i].name);
		tdict_set_int(c, "N", counts[i].n);
		if (counts[i].n > 0 &&
		    year_status(r, d, dept, year, &counts[i], &nm, &inyear) < 0)
			return HS_DB;
	}
	if (inyear == 0)
		tdict_show(d, "NO_PROJECTS");
	if (admin) {
		tdict_show(d, "IS_ADMIN");
		for (size_t i = 0; i < npending; i++) {
			tdict *g = tdict_add_section(d, "PENDING");

			tdict_set_int(g, "ID", pending[i].id);
			tdict_set(g, "NAME", pending[i].name);
			tdict_set(g, "KIND", pending[i].kind_name);
		}
		if (npending == 0)
			tdict_show(d, "NO_PENDING");
	}
	project_rows(r, d, "NOEVAL", &nm, noeval, nnoeval);
	project_rows(r, d, "UNPUB", &nm, unpub, nunpub);
	project_rows(r, d, "LATE", &nm, late, nlate);
	if (nnoeval == 0)
		tdict_show(d, "NOEVAL_NONE");
	if (nunpub == 0)
		tdict_show(d, "UNPUB_NONE");
	if (nlate == 0)
		tdict_show(d, "LATE_NONE");
	return page_end(r, &p);
}
