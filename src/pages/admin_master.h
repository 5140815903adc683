/* Private to the master data pages (pages/admin_master.c: lists, forms,
 * GET handlers; pages/admin_master_save.c: the POST handlers and the 409
 * page): the kind a request is about, the form being shown, and the
 * helpers both files use. */
#ifndef KYODO_PAGES_ADMIN_MASTER_H
#define KYODO_PAGES_ADMIN_MASTER_H
#include "http/router.h"
#include "model/masters_write.h"
#include "view/page.h"

/* The kind a request is about and where its pages live. */
struct mpage {
	enum mkind k;              /* the kind */
	const struct mkind_def *d; /* its description */
	const char *base; /* "/admin/departments", "/admin/master/…" */
};

/* A form being shown: values, messages, the fingerprint of the row. */
struct mform {
	const char *key;                 /* the row's key (edit), or NULL */
	const struct mrow *row;          /* the row as stored (edit) */
	const char *val[MCOL_MAX];       /* values shown, column order */
	const char *err[MCOL_MAX];       /* message per column */
	const char *lraw[MLEVEL_MAX][3]; /* scale levels: mark, label,
	                                    points as typed */
	int lcomment[MLEVEL_MAX];        /* comment_required checked */
	const char *lerr[MLEVEL_MAX];    /* message per level */
	struct mlevel lv[MLEVEL_MAX];    /* the levels, when valid */
	const char *general;             /* message about the whole row */
	const char *fp;                  /* fingerprint of the row shown */
	int nerr;                        /* messages */
};

/* Select options read once per page (a list shows a select column on
 * every row). */
struct optcache {
	struct code_list lists[MC__MAX]; /* options of each kind of choice */
	int loaded[MC__MAX];             /* 1 once read */
};

/* The user as the audit log's actor. */
struct user_actor am_actor(const struct request *r);
/* Resolve the kind: departments, or the :kind parameter. 0, or -1 when
 * there is no such kind. */
int am_resolve(struct request *r, int departments, struct mpage *m);
/* The :key parameter (after :kind for /admin/master). */
const char *am_param_key(const struct request *r, const struct mpage *m);
/* Start an admin page (no-store) with the breadcrumb トップ › マスタデータ ›
 * (the kind ›) title; m NULL for the index. NULL when out of memory. */
tdict *am_begin(struct request *r, struct page *p, const struct mpage *m,
                const char *title, const char *tpl, int list);
/* The label of code in the options of choice c ("" for none). */
const char *am_option_label(struct request *r, struct optcache *cache,
                            enum mchoice c, const char *code);
/* The list page of m's kind with status and an optional error notice. */
enum hstatus am_list_page(struct request *r, const struct mpage *m, int status,
                          const char *error);
/* The form page (new when f->key is NULL) with status. */
enum hstatus am_form_page(struct request *r, const struct mpage *m,
                          const struct mform *f, int status);
/* Fill f from a stored row (and a scale's levels, lv may be NULL). */
void am_form_from_row(struct request *r, const struct mpage *m, struct mform *f,
                      const struct mrow *row, const struct mlevel *lv);
/* Validate the posted form into f through the kind's field table; fixed
 * columns of an edit keep f's stored values. The number of messages, or
 * -1 on a database error. */
int am_form_from_post(struct request *r, const struct mpage *m,
                      struct mform *f);
/* Copy a write's problems into f. */
void am_take_problems(struct mform *f, const struct mproblem *p);
/* Load the row of the request (and a scale's levels into lv). HS_OK,
 * HS_NOTFOUND, HS_DB, HS_NOMEM. */
enum hstatus am_load(struct request *r, const struct mpage *m, struct mrow *row,
                     struct mlevel *lv);
/* Resolve the kind into m (am_resolve()) and load the row of the request
 * into *row (arena memory) and a scale's levels into lv (am_load()).
 * HS_OK, HS_NOTFOUND (no such kind or row), HS_DB, HS_NOMEM. */
enum hstatus am_resolve_row(struct request *r, int departments, struct mpage *m,
                            struct mrow **row, struct mlevel *lv);
#endif
