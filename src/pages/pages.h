/* The public pages a resident uses: top page, projects, groups, forms of
 * collaboration. Each handler's comment lists the statuses it can raise. */
#ifndef KYODO_PAGES_H
#define KYODO_PAGES_H
#include <stddef.h>

#include "http/router.h"
#include "model/master.h"
#include "model/projects.h"
#include "util/arena.h"
#include "util/validate.h"
#include "view/fragment.h"
#include "view/page.h"

/* GET / — this fiscal year at a glance. 200, 500. */
enum hstatus page_home(struct request *r);
/* GET /projects — published projects, filtered and paged. 200, 400, 500. */
enum hstatus page_projects(struct request *r);
/* GET /projects/:id — one published project. 200, 404, 500. */
enum hstatus page_project(struct request *r);
/* GET /groups — registered groups by kana. 200, 400, 500. */
enum hstatus page_groups(struct request *r);
/* GET /groups/:id — a registered group's public profile. 200, 404, 500. */
enum hstatus page_group(struct request *r);
/* GET /forms — the forms of collaboration and the 領域 axis. 200, 500. */
enum hstatus page_forms(struct request *r);
/* GET /forms/:code — one form. 200, 404, 500. */
enum hstatus page_form(struct request *r);

/* One domain (領域) on the axis picture. */
struct axis_domain {
	const char *name; /* "市民主導" (escaped by forms_axis_svg) */
	int narrow;       /* 1 when part of 狭義の協働 */
	int optional;     /* 1: a band some cities leave out (drawn dashed) */
	int highlight;    /* 1 for the domain of the form being shown */
};

/* The 領域 axis as inline SVG (a wide and a tall variant; the stylesheet
 * shows one), every label XML-escaped, with role="img" and an aria-label
 * naming the domains, which are 狭義の協働 and the highlighted one (label:
 * the form's name, may be NULL). Arena memory; NULL when out of memory. */
char *forms_axis_svg(struct arena *a, const struct axis_domain *d, size_t n,
                     const char *label);

/* Add a breadcrumb trail to the layout: トップ › …parents… › current.
 * labels/urls hold nparents parents after トップ. */
void page_crumbs(struct page *p, const char *const *labels,
                 const char *const *urls, size_t nparents, const char *current);

/* Helpers the public pages share (public.c). */

/* path plus "?name=value&…" for the params whose value is non-empty,
 * values percent-encoded. Arena memory; NULL when out of memory. */
char *page_url(struct arena *a, const char *path, const struct kv *params,
               size_t n);
/* Add the pager (partials/pager.tpl as {{>PAGER}}) to body when total rows
 * need more than one page: previous/next and page numbers around page,
 * linking to path with params, whose last slot (params[n - 1]) is the
 * "page" parameter (restored before returning). */
void page_pager(struct request *r, tdict *body, const char *path,
                struct kv *params, size_t n, long long total, long long page,
                int page_size);
/* The rows a page of a public list holds: page_size of the configuration
 * (20 without one). */
int page_list_size(const struct request *r);
/* 1 when page (1 or more) is past the last page of a list of total rows,
 * page_size (1 or more) a page — page 1 always exists, empty or not: then
 * the 404 is answered, its message saying how many pages the list of what
 * ("協働事業", "団体") has. Else 0, nothing answered. */
int page_past_last(struct request *r, long long page, long long total,
                   int page_size, const char *what);
/* The counts line of a list page in d: TOTAL, FROM and TO for the n rows
 * shown of page, and HAS_RESULTS unless the total is capped (a search that
 * stopped counting). */
void page_range(tdict *d, long long total, long long page, int page_size,
                size_t n, int capped);
/* keep[i] = the name of fields[i] and v[i]'s value (NULL when absent), for
 * the links page_url() and page_pager() make: the list's filters, kept. */
void page_keep(struct kv *keep, const struct field *fields,
               const struct fieldval *v, size_t n);
/* Answer 400 with every error of v[0..n) (and extra, if not NULL) as the
 * message, in the normal layout. Returns HS_OK (the response is made). */
enum hstatus page_bad_query(struct request *r, const struct fieldval *v,
                            size_t n, const char *extra);
/* The name of code in l, or NULL when code is not one of its rows. */
const char *page_code_in(const struct code_list *l, const char *code);
/* What the staff forms and the account form append to a deactivated
 * choice a record still uses (page_with_chosen's mark). */
#define STAFF_INACTIVE_MARK "（使用停止）"
/* The choices a form or filter offers: the rows of active, plus each value
 * of field name (or of its numbered rows name_1, name_2 …) in vals that only
 * all has — a row admin has deactivated that a record or a link still
 * uses — named with mark appended (e.g. "（使用停止）"). A new list (arena),
 * or NULL when out of memory or active / all is NULL. */
struct code_list *page_with_chosen(struct arena *a,
                                   const struct code_list *active,
                                   const struct code_list *all,
                                   const struct kvlist *vals, const char *name,
                                   const char *mark);
/* A filter <select>: its choices (l) and, when they are the stored active
 * rows, the stored pieces of its options (f, cached = 1). */
struct page_select {
	struct code_list l; /* the choices (arena array; strings may be
	                       the store's) */
	struct frag f;      /* the stored option pieces (cached only) */
	int cached;         /* 0: l holds a row only this request shows */
};
/* The options of a public list's filter by master table m into *out: the
 * active rows (from the fragment store), and chosen (the filter's value,
 * NULL for none) when it is a deactivated row, so that links from old
 * records keep working and the filter shows what it filters by. MS_OK,
 * MS_DB or MS_NOMEM. */
enum mstatus page_filter_select(struct request *r, enum master m,
                                const char *chosen, struct page_select *out);
/* A code list kept in the fragment store under key (a code and its name
 * per entry; the key is the caller's: grep frag_get for those in use): 1 and
 * *out set when it is there — an array in r->arena the caller may change
 * (a name replaced, an entry dropped), its strings the store's (never to
 * be written through) — else 0 (read it, then page_list_put() it), or -1
 * when out of memory. */
int page_list_get(struct request *r, const char *key, struct code_list *out);
/* Keep l (code and name of every entry; l itself is not changed and stays
 * the caller's) under key for page_list_get(); when the store cannot keep
 * it, nothing is kept and l serves this request. MS_OK or MS_NOMEM. */
enum mstatus page_list_put(struct request *r, const char *key,
                           const struct code_list *l);
/* The 年度 filter: the years with published projects, newest first (from
 * the fragment store), and chosen (0: none) in its place when it has none. */
enum mstatus page_year_select(struct request *r, int chosen,
                              struct page_select *out);
/* Set key of d to the <option>s of s (partials/option.tpl each) with the
 * one whose code is chosen (may be NULL) selected; the template prints it
 * with {{key:none}}. 0, or -1 when the partial fails. */
int page_select_markup(tdict *d, const char *key, const struct page_select *s,
                       const char *chosen);
/* The master-data parts of the top page (FORM_LINKS, PRINCIPLES_HTML, from
 * the fragment store) into d. */
enum mstatus page_home_master(struct request *r, tdict *d);
/* The handler status for a model status. */
enum hstatus page_mstatus(enum mstatus ms);
/* What a list of projects prints besides ID, TITLE and YEAR_LABEL (a
 * variable nobody prints costs as much as one that is printed). ROW_META
 * replaces YEAR_LABEL, FORM, DEPT and STATUS by one piece of markup. */
enum {
	ROW_FORM = 1,      /* FORM_NAME */
	ROW_DEPT = 2,      /* DEPT_NAME */
	ROW_STATUS = 4,    /* STATUS_CODE, STATUS_LABEL */
	ROW_SUMMARY = 8,   /* SUMMARY_SECTION/SUMMARY */
	ROW_PARTNERS = 16, /* HAS_PARTNERS/PARTNERS */
	ROW_ROLE = 32,     /* HAS_ROLE/ROLE */
	ROW_META = 64,     /* META (markup): the year/form/dept/status <div>s */
};
/* What page_row_meta() remembers of the row before. */
struct page_row_memo {
	const char *label[4], *code[4]; /* the pieces of the row before */
	const char *piece[4];
	size_t len[4];
	int have_names;         /* names is set */
	struct row_names names; /* page_row_names(), with the pieces */
};
/* The names of a project list row (every form, department and status,
 * deactivated ones too), kept in the fragment store with each one's
 * piece of the row's meta line (partials/row_meta.tpl) as the third
 * string of its entry: pass to the projects_* list functions. Pointers
 * valid until the end of the request. MS_OK, MS_DB or MS_NOMEM. */
enum mstatus page_row_names(struct request *r, struct row_names *out);
/* The meta line of a /projects row (partials/row_meta.tpl: 年度, 形態,
 * 担当課, 状況), each piece rendered once and kept in the fragment store
 * (the form, department and status pieces with page_row_names()), into
 * out (cleared first); memo (zeroed for the first row) remembers the row
 * before. 0, or -1 (out of memory, template broken). */
int page_row_meta(struct request *r, struct buf *out,
                  struct page_row_memo *memo, const struct project_row *row,
                  const char *year_label);
/* Add one section row per project to d: ID, TITLE, YEAR_LABEL and what
 * the ROW_* bits in what ask for. 0, or -1 out of memory. */
int page_fill_rows(struct request *r, tdict *d, const char *section,
                   const struct project_row *rows, size_t n, unsigned what);
/* Set key of d to the decimal digits of n (no printf: a row's id). */
void page_set_id(tdict *d, const char *key, long long n);
/* An id from a path segment: 1 to 18 digits, no leading zero; else 0. */
long long page_path_id(const char *s);
/* The query fields of /projects (year, form, field, domain, dept, page),
 * for tests; n gets their number. */
const struct field *projects_query_fields(size_t *n);
/* The query fields of /groups (kana, kind, field, page). */
const struct field *groups_query_fields(size_t *n);
#endif
