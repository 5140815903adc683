/* Master data the public pages read: forms (形態), domains (領域), fields
 * (分野), departments (担当課), group kinds (団体の種別), the active set of
 * principles (協働の原則). A row admin has deactivated (active = 0) is left
 * out of the choice lists (master_list) but keeps its name for the records
 * that use it (master_all, master_name). All strings returned are arena
 * memory. */
#ifndef KYODO_MODEL_MASTER_H
#define KYODO_MODEL_MASTER_H
#include <stddef.h>

#include "db/db.h"
#include "util/arena.h"

/* What a model function returns: "not found" is not an error. */
enum mstatus {
	MS_OK,       /* found / done */
	MS_NOTFOUND, /* no such row (or not public) */
	MS_DB,       /* database error (logged) */
	MS_NOMEM,    /* arena exhausted */
	MS__MAX
};

/* The small code → name tables. */
enum master {
	MASTER_FORM,       /* forms */
	MASTER_DOMAIN,     /* domains */
	MASTER_FIELD,      /* fields */
	MASTER_DEPARTMENT, /* departments */
	MASTER_GROUP_KIND, /* group_kinds */
	MASTER__MAX
};

/* One row of a master table. */
struct code_name {
	const char *code; /* stable ASCII code, e.g. "hojo" */
	const char *name; /* Japanese name, e.g. "補助" */
};

/* Rows of a master table in its sort order. */
struct code_list {
	struct code_name *v; /* rows (arena) */
	size_t n;            /* number of rows */
};

/* A form of collaboration (形態), with its usual domain. */
struct form {
	const char *code;        /* "hojo" */
	const char *name;        /* "補助" */
	const char *description; /* the seed's description */
	const char *effect;      /* expected effect ("" if none) */
	const char *examples;    /* examples in words ("" if none) */
	const char *domain_code; /* usual 領域 */
	const char *domain_name; /* its name, "市民主導" */
	const char *caution;     /* warning for the form page ("" if none) */
	int core;                /* 1 for 委託, 共催, 補助, 後援 */
};

/* A domain (領域) on the axis 市民主体 → 行政主体. */
struct domain {
	const char *code;        /* "shimin_shudo" */
	const char *name;        /* "市民主導" */
	const char *short_name;  /* "協力" for "協力（双方同等）" */
	const char *description; /* what the domain is */
	const char *examples;    /* forms / examples in words */
	int axis;                /* position, left (1) to right */
	int narrow;              /* 1: 狭義の協働 */
	int optional;            /* 1: a band some cities leave out (参画) */
};

/* A principle of the active set. */
struct principle {
	const char *name;        /* "対等" */
	const char *description; /* one sentence */
};

/* The active rows of master table m in display order: the choices of a
 * filter or a form. MS_OK or MS_DB/MS_NOMEM. */
enum mstatus master_list(struct db *db, struct arena *a, enum master m,
                         struct code_list *out);
/* Every row of master table m, deactivated ones too, in display order:
 * the names of stored records and what a stored value may be. */
enum mstatus master_all(struct db *db, struct arena *a, enum master m,
                        struct code_list *out);
/* The name of code in master table m (deactivated rows too). MS_OK (name
 * set), MS_NOTFOUND when code is not a row of m, or MS_DB. name is arena
 * memory. */
enum mstatus master_name(struct db *db, struct arena *a, enum master m,
                         const char *code, const char **name);
/* Every form in display order. */
enum mstatus forms_list(struct db *db, struct arena *a, struct form **out,
                        size_t *n);
/* The form with code. MS_OK, MS_NOTFOUND or MS_DB. */
enum mstatus form_get(struct db *db, struct arena *a, const char *code,
                      struct form *out);
/* One step of a form's procedure (申請・手続きの流れ). */
struct form_step {
	const char *name; /* "後援申請" */
	const char *note; /* what to submit, when ("" if none) */
	int optional;     /* 1: only some projects need it (変更承認) */
};

/* The procedure of form code, in order (none: n = 0). */
enum mstatus form_steps(struct db *db, struct arena *a, const char *code,
                        struct form_step **out, size_t *n);
/* Every domain, left to right on the axis. */
enum mstatus domains_list(struct db *db, struct arena *a, struct domain **out,
                          size_t *n);
/* The principles of the active principle set, in order (none: n = 0). */
enum mstatus principles_active(struct db *db, struct arena *a,
                               struct principle **out, size_t *n);

/* Helpers shared by the model files. */

/* Column col of the current row as arena text ("" for NULL); sets *oom and
 * returns "" when the arena is exhausted. */
const char *model_text(struct arena *a, sqlite3_stmt *st, int col, int *oom);
/* Column col as arena text, or NULL when the column is NULL. */
const char *model_text_or_null(struct arena *a, sqlite3_stmt *st, int col,
                               int *oom);
/* Bind s to parameter i of st, NULL when s is NULL or empty (optional
 * TEXT columns). s must outlive the statement's step (SQLITE_STATIC). */
void model_bind_opt(sqlite3_stmt *st, int i, const char *s);
/* Bind s to parameter i of st, "" when s is NULL (NOT NULL DEFAULT ''
 * columns). s must outlive the statement's step (SQLITE_STATIC). */
void model_bind_str(sqlite3_stmt *st, int i, const char *s);
/* Whether a record may go from status from to status to: 1 when they are
 * the same or st, the prepared "SELECT 1 FROM <x>_status_transitions
 * WHERE from_status = ?1 AND to_status = ?2" (NULL when preparing it
 * failed), has the pair; 0 when it has not or either is NULL; -1 on a
 * database error. */
int model_status_allowed(sqlite3_stmt *st, const char *from, const char *to);
/* arena_array_grow() (util/arena.h), under the name the model files use: room
 * for one more element of size sz in the array *v holding n elements with
 * capacity *cap. 0, or -1 when out of memory. */
int model_grow(struct arena *a, void **v, size_t *cap, size_t n, size_t sz);

/* Reset st after the one step of a single-row read that returned rc: MS_OK
 * (a row, read without running out of memory), MS_NOTFOUND (no row),
 * MS_NOMEM (oom set while reading it), or MS_DB (logged with what, unless
 * what is NULL). */
enum mstatus model_one_end(struct db *db, sqlite3_stmt *st, int rc, int oom,
                           const char *what);
/* Step st (prepared and bound; NULL: MS_DB) once: the first column of its
 * row as arena text ("" for NULL) into *out, MS_OK; MS_NOTFOUND (*out
 * NULL) when it has no row; MS_NOMEM; or MS_DB (logged with what, unless
 * what is NULL, when the step failed). */
enum mstatus model_one_text(struct db *db, struct arena *a, sqlite3_stmt *st,
                            const char **out, const char *what);

/* Reading the rows of a statement into an arena array, one element a row:
 *
 *	struct model_rows r = {st};
 *	while ((e = model_row(a, &r, (void **)out, n, sizeof(**out))) != NULL)
 *		e->name = model_text(a, st, 1, &r.oom);
 *	return model_rows_end(db, &r, "what");
 */
struct model_rows {
	sqlite3_stmt *st; /* the bound statement (NULL: prepare failed) */
	size_t cap;       /* capacity of the array being filled */
	int rc;           /* the last sqlite3_step() result */
	int oom;          /* 1 once the arena ran out (model_text sets it) */
};
/* Step r->st; on a row, append one zeroed element of size sz to the
 * array *v of *n elements and return it (arena memory, *n counts it).
 * NULL at the end of the rows, on an error, or when the arena ran out
 * (r->oom); then call model_rows_end(). */
void *model_row(struct arena *a, struct model_rows *r, void **v, size_t *n,
                size_t sz);
/* Reset r->st and say how the reading ended: MS_OK, MS_NOMEM, or MS_DB
 * (logged with what, unless what is NULL). */
enum mstatus model_rows_end(struct db *db, struct model_rows *r,
                            const char *what);
/* Append the (code, name) rows of st (bound; NULL: MS_DB) to out (empty:
 * v NULL and n 0, or rows in arena memory). Ends as model_rows_end(). */
enum mstatus model_code_list(struct db *db, struct arena *a, sqlite3_stmt *st,
                             struct code_list *out, const char *what);
#endif
