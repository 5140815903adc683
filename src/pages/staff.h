/* The staff side: dashboard, group and project registration forms, change
 * history. Each handler's comment lists the statuses it can raise; the
 * route table (pages/routes.c) admits the roles. Forms are validated
 * through field tables (util/validate.h) by the parsers in
 * model/group_form.h and model/project_form.h, which the CSV import uses
 * too; the form helpers below render every input with the user's value,
 * its message, aria-invalid and aria-describedby, and an error summary. */
#ifndef KYODO_PAGES_STAFF_H
#define KYODO_PAGES_STAFF_H
#include <stddef.h>

#include "db/db.h"
#include "http/router.h"
#include "model/group_form.h"
#include "model/groups_write.h"
#include "model/master.h"
#include "model/project_form.h"
#include "model/projects_write.h"
#include "util/validate.h"
#include "view/page.h"

/* GET /staff — my department's projects by status (every department's
 * for admin and committee): the counts, this year's newest 20 of each
 * status with the link to the rest, what needs my action. 200, 500. */
enum hstatus page_staff_home(struct request *r);
/* GET /staff/groups — the groups of one registration status (?status=,
 * 登録 when absent) in kana order, 50 a page (?page=). 200 (a page past
 * the last too: the count and no rows), 400 (a bad status or page: the
 * parameter's message, as the public lists give it), 500. */
enum hstatus page_staff_groups(struct request *r);
/* GET /staff/groups/new — the empty group form. 200, 500. */
enum hstatus page_staff_group_new(struct request *r);
/* POST /staff/groups/new — create: 303 to the edit page, 422 with the form
 * again, 403 when a non-admin sets the status. */
enum hstatus page_staff_group_create(struct request *r);
/* GET /staff/groups/:id/edit — the form (read-only for committee). 200,
 * 404, 500. */
enum hstatus page_staff_group_edit(struct request *r);
/* POST /staff/groups/:id/edit — save: 303, 403 (status change by
 * non-admin), 404, 409 (version moved on), 422, 500. */
enum hstatus page_staff_group_save(struct request *r);
/* GET /staff/projects — the department's projects (?year=&status=; admin
 * and committee: every department, ?dept=), 50 a page (?page=), newest
 * year first, with the true total. 200, 400 (a bad filter or page: the
 * parameter's message, as the public lists give it), 404 (a page past the
 * last), 500. */
enum hstatus page_staff_projects(struct request *r);
/* GET /staff/projects/new — the empty project form. 200, 500. */
enum hstatus page_staff_project_new(struct request *r);
/* POST /staff/projects/new — create: 303, 403 (other department), 422
 * (also for a department admin has deactivated). */
enum hstatus page_staff_project_create(struct request *r);
/* GET /staff/projects/:id/edit — the form (read-only for committee). 200,
 * 403 (staff of another department), 404, 500. */
enum hstatus page_staff_project_edit(struct request *r);
/* POST /staff/projects/:id/edit — save: 303, 403, 404, 409, 422, 500. */
enum hstatus page_staff_project_save(struct request *r);
/* GET /staff/history/:kind/:id — the change history of a group or a
 * project. 200, 404, 500. */
enum hstatus page_staff_history(struct request *r);

/* ------------------------------------------------ form helpers (staff.c) */

/* How one form is being rendered. */
struct fview {
	struct arena *a;                /* request arena */
	const struct kvlist *vals;      /* the values shown */
	const struct form_errors *errs; /* messages (may be empty) */
	int readonly;                   /* 1: committee view, no inputs live */
	int saved; /* 1: show the 「保存しました」 notice */
};

/* The row number N (1 .. PROJECT_ROWS_MAX) of a repeated form cell named
 * "<what>_<N>" ("partner_group_3" → 3), 0 when name is not one of what's
 * cells. */
size_t staff_cell_row(const char *name, const char *what);
/* A text-like <input> (type "text", "date", "email", "url", "tel",
 * "number") into include slot of d, with label, hint (NULL for none),
 * value, message, required mark. */
void fv_input(const struct fview *fv, tdict *d, const char *slot,
              const char *type, const char *name, const char *label,
              int required, const char *hint);
/* A <textarea>. */
void fv_textarea(const struct fview *fv, tdict *d, const char *slot,
                 const char *name, const char *label, int required,
                 const char *hint);
/* A <select> of opts; empty_label (NULL: none) is the first option with
 * an empty value. */
void fv_select(const struct fview *fv, tdict *d, const char *slot,
               const char *name, const char *label, int required,
               const struct code_list *opts, const char *empty_label,
               const char *hint);
/* A fieldset of checkboxes named name, one per option (several may be
 * checked). */
void fv_checks(const struct fview *fv, tdict *d, const char *slot,
               const char *name, const char *legend,
               const struct code_list *opts, const char *hint);
/* fv_checks with a detail line per option (details[i] may be NULL). */
void fv_checks_detail(const struct fview *fv, tdict *d, const char *slot,
                      const char *name, const char *legend,
                      const struct code_list *opts, const char *const *details,
                      const char *hint);
/* A fieldset of radio buttons (one of opts). */
void fv_radios(const struct fview *fv, tdict *d, const char *slot,
               const char *name, const char *legend,
               const struct code_list *opts, const char *hint);
/* One checkbox (value "1"). */
void fv_checkbox(const struct fview *fv, tdict *d, const char *slot,
                 const char *name, const char *label, const char *hint);
/* Include SUMMARY: the error summary (every message linking to its
 * field), and the READONLY notice; shows READONLY or EDITABLE in d. */
void fv_summary(const struct fview *fv, tdict *d);

/* ---------------------------- the partner group picker (staff_partners.c) */

/* What the 「団体を探す」 boxes of a posted project form found. */
struct partner_picks;
/* Resolve the partner searches of a posted project form in: *out gets the
 * values to parse and to show again — a row whose 「外す」 box is checked
 * left out, a search that names one group (its 団体番号, or its whole
 * name no other group has) put in as the row's partner_group_N, the box of
 * a search that found candidates emptied. Every other search (candidates
 * to choose from, nothing found, a query too long), and a 「団体を探す」
 * pressed on an empty box (form field find = the row), adds its message
 * for partner_group_N to errs; its candidates stay in *pk for
 * partner_pick_view(). 0, or -1 on a database error or out of memory. */
int partner_picks_resolve(struct request *r, const struct kvlist *in,
                          struct kvlist *out, struct partner_picks **pk,
                          struct form_errors *errs);
/* Include slot P_GROUP of row: partner row i's picker — the chosen group
 * (its name, 団体番号 and status; a hidden partner_group_i), the
 * candidates of pk's search as radio buttons (the chosen group first,
 * kept), the search box with its 「団体を探す」 button (posting to action
 * with the row's fragment) and the 「外す」 box; only the chosen group when
 * fv is read-only. pk may be NULL (a GET). */
void partner_pick_view(struct request *r, const struct fview *fv, tdict *row,
                       size_t i, const struct partner_picks *pk,
                       const char *action);

/* The 409 page: what the user typed (mine) beside what is saved now
 * (saved), field by field, differences marked; title names the record,
 * edit_url reloads the form. Returns HS_OK with status 409. */
enum hstatus staff_conflict(struct request *r, const char *title,
                            const char *edit_url, const struct snapshot *mine,
                            const struct snapshot *saved);
/* The staff sub-navigation and the stylesheet of staff pages; item is
 * "home", "groups" or "projects". */
void staff_nav(struct request *r, struct page *p, tdict *body,
               const char *item);
/* The user as an audit actor. */
struct user_actor staff_actor(const struct request *r);
/* The value of a :id path parameter, or -1 when it is not a positive
 * integer. */
long long staff_param_id(const struct request *r, size_t i);
/* What a staff member whose department admin has deactivated reads on
 * the dashboard, the project list and the new project form. */
extern const char staff_dept_stopped_msg[];
/* 1 when r's user is a staff member whose department admin has
 * deactivated (使用停止): they still see and edit its projects, but no
 * new project may be given a deactivated department. 0 otherwise (admin,
 * committee, an active department), -1 on a database error. */
int staff_dept_is_stopped(const struct request *r);
/* The staff forms' choice lists, read from SQLite once per worker and
 * then taken from the fragment store (view/fragment.h) until the master
 * data changes. Each returns a new array in r->arena, which the caller
 * may change (an entry's name replaced, as dept_choices() does); its
 * strings are shared with the store and never written through. NULL
 * (logged) on error. */
/* The rows of master table m: the active ones (master_list()), or all of
 * them, deactivated ones too (all: master_all()). */
struct code_list *staff_master_rows(struct request *r, enum master m, int all);
/* project_choices(c). */
struct code_list *staff_choices(struct request *r, enum pchoice c);
/* group_statuses(). */
struct code_list *staff_group_statuses(struct request *r);
/* The names of staff project rows (struct project_staff_row holds the
 * codes only): form, department (deactivated ones too) and status from
 * the lists above, read once per page. */
struct staff_names {
	const struct code_list *forms, *depts, *statuses;
};
/* Get the lists of *nm. 0, or -1 (logged) on error. */
int staff_names_get(struct request *r, struct staff_names *nm);
/* Fill the names of v[0..n) from nm; a code not in its list (a master row
 * deleted since the list was read) stands for its own name. */
void staff_project_names(const struct staff_names *nm,
                         struct project_staff_row *v, size_t n);
/* The choices of master table m a staff form offers: the active rows,
 * plus the values of field name in vals that admin has deactivated (the
 * record still uses them, so an edit keeps them), marked
 * STAFF_INACTIVE_MARK (pages/pages.h). NULL (logged) on error. */
struct code_list *staff_master(struct request *r, enum master m,
                               const struct kvlist *vals, const char *name);
#endif
