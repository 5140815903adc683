/* Master data on the admin side (協働推進課): departments (担当課), fields
 * (分野), forms (形態), group kinds, partner roles, principle sets and
 * principles (原則), evaluation scales and their levels, plans and their
 * policies (基本方針・アクション). Each kind is described once by a column
 * table — the field table its form validates with (util/validate.h), how
 * each column is shown and stored — and the SQL for it is a fixed set of
 * literal statements chosen by kind. Writes run in one transaction with
 * one audit row per changed column; a row that other records use is never
 * deleted (WS_INVALID with a Japanese message): it is deactivated
 * instead. The master tables have no version column: an edit carries a
 * fingerprint of the row as it was shown, and the save is refused
 * (WS_CONFLICT) when the row has changed since. All strings returned are
 * arena memory. */
#ifndef KYODO_MODEL_MASTERS_WRITE_H
#define KYODO_MODEL_MASTERS_WRITE_H
#include <stddef.h>

#include "db/db.h"
#include "model/history.h"
#include "model/master.h"
#include "model/users.h"
#include "util/arena.h"
#include "util/validate.h"

/* The kinds of master data the admin pages edit. */
enum mkind {
	MK_DEPARTMENT,    /* departments 担当課 (/admin/departments) */
	MK_FIELD,         /* fields 分野 */
	MK_FORM,          /* forms 形態 */
	MK_GROUP_KIND,    /* group_kinds 団体の種別 */
	MK_PARTNER_ROLE,  /* partner_roles 相手方の役割 */
	MK_PRINCIPLE_SET, /* principle_sets 原則のセット */
	MK_PRINCIPLE,     /* principles 協働の原則 */
	MK_SCALE,  /* eval_scales 評価の尺度 (+ eval_scale_levels) */
	MK_PLAN,   /* plans 計画 */
	MK_POLICY, /* plan_policies 基本方針・アクション */
	MK__MAX
};

/* How a column is shown on the form. */
enum mwidget {
	MW_CODE,   /* one line, ASCII code; fixed once created */
	MW_LINE,   /* one line of text */
	MW_TEXT,   /* several lines */
	MW_INT,    /* a whole number */
	MW_BOOL,   /* a checkbox */
	MW_SELECT, /* a choice from masters_choices(col->choice) */
	MW__MAX
};

/* How a column is stored. */
enum mtype {
	MT_TEXT,  /* TEXT NOT NULL ('' when empty) */
	MT_NTEXT, /* TEXT, NULL when empty */
	MT_INT,   /* INTEGER NOT NULL */
	MT_NINT,  /* INTEGER, NULL when empty */
	MT__MAX
};

/* Where a select's options come from. */
enum mchoice {
	MC_NONE,       /* not a select */
	MC_DOMAINS,    /* domains (領域) */
	MC_KIND_TYPE,  /* 地縁型 / テーマ型 */
	MC_SETS,       /* principle sets */
	MC_PLANS,      /* plans */
	MC_TOP_POLICY, /* top-level policies (基本方針) of every plan */
	MC__MAX
};

/* One column of a master kind. */
struct mcol {
	struct field f;      /* name (= column = form field), label, rules */
	enum mwidget widget; /* how the form shows it */
	enum mtype type;     /* how it is stored */
	enum mchoice choice; /* options of a MW_SELECT */
	int fixed;           /* 1: set when the row is created, never changed */
	int listed;          /* 1: shown as a column of the list page */
	const char *hint;    /* help text under the label ("" if none) */
};

#define MCOL_MAX   12 /* columns of the widest kind */
#define MLEVEL_MAX 10 /* levels of a scale: 1 … 10 */

/* A master kind. */
struct mkind_def {
	const char *slug;  /* URL part: /admin/master/<slug> */
	const char *table; /* table name (also the audit log's kind) */
	const char *title; /* Japanese name, e.g. "分野" */
	const char *intro; /* one paragraph for the list page */
	int id_key;        /* 1: rows are keyed by an integer id, else code */
	int has_active;    /* 1: rows can be deactivated (active = 0): every
	                      kind but principle sets, whose "in use" switch
	                      is masters_activate_set */
	const struct mcol *cols; /* columns, form order */
	size_t ncols;            /* number of columns */
};

/* One row. v[i] is column i as text (NULL when the column is NULL). */
struct mrow {
	const char *key;         /* code, or the id as text */
	long long rowid;         /* rowid / id: the audit log's record_id */
	const char *v[MCOL_MAX]; /* values in column order */
	long long uses;          /* > 0: records refer to this row (1 for a
	                            probe, the number of principles / policies
	                            for sets, plans, policies); 0: none found
	                            (a delete may still meet a reference the
	                            probe cannot see, and is refused then) */
	int active;              /* 0 when deactivated, else 1 */
	const char *extra;       /* kind-specific note for the list: 使用中
	                            for the principle set in use, a scale's
	                            levels ("" if none) */
};

/* One level of an evaluation scale. */
struct mlevel {
	int present;          /* 1: the scale has this level */
	const char *mark;     /* what the sheet prints: "5", "A", "◎" */
	const char *label;    /* "よくできた" */
	long long points;     /* 0–100, to compare scales */
	int comment_required; /* 1: a score at this level needs a comment */
};

/* The description of kind k (never NULL for k < MK__MAX). */
const struct mkind_def *masters_kind(enum mkind k);
/* The kind whose slug is slug; -1 when none. MK_DEPARTMENT has its own
 * pages and is not found by slug. */
int masters_kind_by_slug(const char *slug);
/* The index of column name in kind k, or -1. */
int masters_col(enum mkind k, const char *name);

/* Every row of kind k in display order, with its use count. */
enum mstatus masters_list(struct db *db, struct arena *a, enum mkind k,
                          struct mrow **out, size_t *n);
/* The row of kind k whose key is key. MS_OK, MS_NOTFOUND, MS_DB. */
enum mstatus masters_get(struct db *db, struct arena *a, enum mkind k,
                         const char *key, struct mrow *out);
/* The levels 1..MLEVEL_MAX of scale code (lv[i] is level i + 1). */
enum mstatus masters_levels(struct db *db, struct arena *a, const char *scale,
                            struct mlevel lv[MLEVEL_MAX]);
/* A fingerprint of row (and of the levels, for a scale; lv may be NULL):
 * 32 hex characters that change whenever a value does. */
const char *masters_fingerprint(struct arena *a, enum mkind k,
                                const struct mrow *row,
                                const struct mlevel *lv);
/* The options of a select, in display order. */
enum mstatus masters_choices(struct db *db, struct arena *a, enum mchoice c,
                             struct code_list *out);

/* What a write found wrong, beyond the field table's rules. */
struct mproblem {
	const char *col[MCOL_MAX];     /* message per column, NULL if fine */
	const char *level[MLEVEL_MAX]; /* message per scale level */
	const char *general;           /* message about the whole row */
};

/* Insert a row of kind k with values v (column order, validated by the
 * field table; NULL = empty) and, for a scale, levels lv; one "create"
 * audit row per non-empty column. *key gets the new row's key. WS_OK,
 * WS_INVALID (p says where: the code or name is taken, a select names
 * nothing, a policy's parent is in another plan …), WS_DB, WS_NOMEM. */
enum wstatus masters_create(struct db *db, struct arena *a,
                            const struct user_actor *who, enum mkind k,
                            const char *const *v, const struct mlevel *lv,
                            const char **key, struct mproblem *p);
/* Update row key of kind k to v (fixed columns are kept) and, for a
 * scale, its levels to lv, if the row's fingerprint is still fp; one
 * "update" audit row per changed column. WS_OK, WS_NOTFOUND, WS_CONFLICT
 * (changed since it was shown: nothing written), WS_INVALID (p set),
 * WS_DB, WS_NOMEM. */
enum wstatus masters_update(struct db *db, struct arena *a,
                            const struct user_actor *who, enum mkind k,
                            const char *key, const char *fp,
                            const char *const *v, const struct mlevel *lv,
                            struct mproblem *p);
/* Delete row key of kind k when nothing refers to it (a form's 手続きの
 * 段階 and a scale's levels go with it); one "delete" audit row. WS_OK,
 * WS_NOTFOUND, WS_INVALID (in use or the active set / default scale:
 * *msg says why and what to do instead), WS_DB. */
enum wstatus masters_delete(struct db *db, struct arena *a,
                            const struct user_actor *who, enum mkind k,
                            const char *key, const char **msg);
/* Deactivate (active 0) or reactivate (1) row key of kind k (a kind with
 * has_active), with an "update" audit row of the field "active": a
 * deactivated row disappears from the choices of the staff forms and the
 * public filters and stays on the records that use it. WS_OK (also when it
 * already was so), WS_NOTFOUND (no such row, or a kind without the flag),
 * WS_INVALID (*msg: the default scale stays active), WS_DB. */
enum wstatus masters_set_active(struct db *db, struct arena *a,
                                const struct user_actor *who, enum mkind k,
                                const char *key, int active, const char **msg);
/* Make principle set code the one the evaluation sheet uses. WS_OK,
 * WS_NOTFOUND, WS_INVALID (*msg: the set has no principles), WS_DB. */
enum wstatus masters_activate_set(struct db *db, struct arena *a,
                                  const struct user_actor *who,
                                  const char *code, const char **msg);
/* For the model files: bind key to parameter idx of st (an integer for
 * kinds keyed by id — 0, matching nothing, when key is not a number —
 * else text). */
void masters_bind_key(sqlite3_stmt *st, int idx, enum mkind k, const char *key);
/* Validator for MW_CODE columns: a lower-case ASCII letter followed by
 * lower-case letters, digits and '_' (the schema's CHECK), at most max. */
const char *v_master_code(struct arena *a, const struct field *f,
                          const char *raw, struct fieldval *v);
#endif
