/* The staff side: dashboard, group and project registration forms, change
 * history. Each handler's comment lists the statuses it can raise; the
 * route table (pages/routes.c) admits the roles. Forms are validated
 * through field tables (util/validate.h); the form helpers below render
 * every input with the user's value, its message, aria-invalid and
 * aria-describedby, and an error summary. */
#ifndef KYODO_PAGES_STAFF_H
#define KYODO_PAGES_STAFF_H
#include <stddef.h>

#include "db/db.h"
#include "http/router.h"
#include "model/groups_write.h"
#include "model/master.h"
#include "model/projects_write.h"
#include "util/validate.h"
#include "view/page.h"

/* GET /staff — my department's projects by status, what needs my action.
 * 200, 500. */
enum hstatus page_staff_home(struct request *r);
/* GET /staff/groups — every group with its registration status (?status=).
 * 200, 500. */
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
 * and committee: every department, ?dept=). 200, 400, 500. */
enum hstatus page_staff_projects(struct request *r);
/* GET /staff/projects/new — the empty project form. 200, 500. */
enum hstatus page_staff_project_new(struct request *r);
/* POST /staff/projects/new — create: 303, 403 (other department), 422. */
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

/* Messages per form field, in the order they were found. */
struct form_errors {
	struct kv *v; /* name = field name, value = Japanese message */
	size_t n;     /* messages */
	size_t cap;   /* allocated */
};

/* Add message for field name (kept once per name: the first wins). -1
 * when out of memory. */
int ferr_add(struct arena *a, struct form_errors *e, const char *name,
             const char *msg);
/* The message for name, or NULL. */
const char *ferr_get(const struct form_errors *e, const char *name);

/* A growing list of name=value pairs: the values a form shows. */
int kvl_add(struct arena *a, struct kvlist *l, size_t *cap, const char *name,
            const char *value);
/* 1 when l has the pair name=value (a checked checkbox of a group). */
int kvl_has(const struct kvlist *l, const char *name, const char *value);

/* How one form is being rendered. */
struct fview {
	struct arena *a;                /* request arena */
	const struct kvlist *vals;      /* the values shown */
	const struct form_errors *errs; /* messages (may be empty) */
	int readonly;                   /* 1: committee view, no inputs live */
	int saved; /* 1: show the 「保存しました」 notice */
};

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
/* A master table as a choice list, or NULL (logged) on error. */
struct code_list *staff_master(struct request *r, enum master m);
/* A missing required choice (v_oneof) says 「…を選んでください。」 rather
 * than 「…を入力してください。」: rewrite those messages of v[0..n). */
void staff_choose_messages(struct arena *a, const struct field *t,
                           struct fieldval *v, size_t n);
/* The NULL-ended codes of list (for v_oneof), NULL when out of memory. */
const char *const *staff_codes(struct arena *a, const struct code_list *l);

/* ---------------------------------- form parsing (tested in unit tests) */

/* The field table of the group form (sets of the choice fields are NULL
 * here; group_form_parse fills them from the master tables). */
extern const struct field group_form_fields[];
extern const size_t group_form_nfields;
/* Validate a posted group form into out (kana as katakana): every field
 * of the table, 分野 and confirmed requirements, the version. Returns the
 * number of fields in error (messages in errs), or -1 on a database
 * error / out of memory. Role rules (status changes) are the handler's. */
int group_form_parse(struct db *db, struct arena *a, const struct kvlist *form,
                     struct group_rec *out, struct form_errors *errs);
/* The form values of a stored group (what GET edit shows). */
int group_form_values(struct arena *a, const struct group_rec *g,
                      struct kvlist *out);

/* The field table of the project form. */
extern const struct field project_form_fields[];
extern const size_t project_form_nfields;
/* Validate a posted project form into out: every field of the table, the
 * per-form required details, end ≥ start, shares ≤ total, the partner and
 * indicator rows. Returns the number of fields in error, or -1. */
int project_form_parse(struct db *db, struct arena *a,
                       const struct kvlist *form, struct project_rec *out,
                       struct form_errors *errs);
/* The form values of a stored project. */
int project_form_values(struct arena *a, const struct project_rec *p,
                        struct kvlist *out);
#endif
