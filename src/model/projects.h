/* 協働事業 as the public sees them: published projects only. All strings
 * returned are arena memory. */
#ifndef KYODO_MODEL_PROJECTS_H
#define KYODO_MODEL_PROJECTS_H
#include <stddef.h>

#include "db/db.h"
#include "model/master.h"
#include "util/arena.h"

/* Filters of /projects; an absent filter is 0 / NULL. Codes must have been
 * validated against their master table. */
struct project_filter {
	int year;           /* 年度 (fiscal_year), 0 = any */
	const char *form;   /* forms.code or NULL */
	const char *field;  /* fields.code or NULL */
	const char *domain; /* domains.code or NULL */
	const char *dept;   /* departments.code or NULL */
};

/* The masters a list row names by code. */
enum row_master {
	RN_FORM,   /* forms (形態) */
	RN_DEPT,   /* departments (担当課) */
	RN_STATUS, /* project_statuses (状況) */
	RN__MAX
};

/* Code → name of one master a list row names: every row, deactivated ones
 * too (an old project keeps its form's name after the form has left the
 * choice lists). n entries of stride strings each, sorted by code in byte
 * order: s[i * stride] the code, s[i * stride + 1] the name, then what the
 * keeper adds (the page layer keeps the row's rendered meta piece). */
struct name_table {
	const char *const *s; /* n * stride strings */
	size_t n;             /* entries */
	size_t stride;        /* strings per entry, at least 2 */
};

/* The names of a list row, per enum row_master. */
struct row_names {
	struct name_table t[RN__MAX];
};

/* One line of a project list. The codes and names point into the
 * row_names the rows were read with. */
struct project_row {
	long long id;            /* projects.id */
	const char *title;       /* 事業名 */
	int year;                /* 年度 */
	const char *summary;     /* 概要 */
	const char *form_code;   /* "hojo" */
	const char *form_name;   /* "補助" */
	const char *dept_code;   /* "kyodo" */
	const char *dept_name;   /* 担当課 */
	const char *status_code; /* "jisshi" */
	const char *status_name; /* "実施中" */
	const char *partners; /* "Ａ会、Ｂ会 ほか2団体" ("" when none) */
	const char *role_name; /* a group's role (projects_by_group), or "" */
	long name_ix[RN__MAX]; /* the entries of form, department and status
	                          in the row_names the row was read with */
};

/* Published projects of one fiscal year for one form. */
struct form_count {
	const char *code; /* forms.code */
	const char *name; /* forms.name */
	long long n;      /* published projects */
};

/* A partner group of a project. */
struct project_partner {
	long long group_id; /* groups.id */
	const char *name;   /* 団体名 */
	const char *kind;   /* 種別 name */
	const char *role;   /* 役割 name, "共催" */
	int listed;         /* 1 when the group's page is public */
};

/* One line of 役割分担. */
struct project_role {
	const char *actor; /* "市（担当課名）" or the partner's name */
	const char *text;  /* what that party does */
};

/* One indicator (目標値 / 実績値). */
struct indicator {
	const char *kind; /* "outcome" 成果目標 / "activity" 活動指標 */
	const char *name; /* 指標名 */
	const char *unit; /* 単位 ("人", "回") */
	int has_target;   /* target is set */
	double target;    /* 目標値 */
	int has_actual;   /* actual is set */
	double actual;    /* 実績値 */
};

/* A published evaluation, as the public sees it. */
struct evaluation {
	const char *kind_code;    /* city / partner / committee / participant */
	const char *kind_name;    /* "行政側自己評価" */
	const char *group_name;   /* the partner's name for partner sheets */
	const char *stage;        /* "midterm" / "final" */
	int fiscal_year;          /* 年度 of the sheet */
	const char *date;         /* submitted_on (YYYY-MM-DD) or NULL */
	const char *verdict;      /* 総合評価 name or NULL */
	const char *direction;    /* 今後の方向性 name or NULL */
	const char *outcome;      /* 成果 */
	const char *issues;       /* 課題 */
	const char *improvements; /* 改善策 */
	const char *comment;      /* 総評 */
};

/* Form-specific details (project_form_details); NULL = not recorded. */
struct form_details {
	const char *grant_programme; /* 補助・助成 */
	long long grant_amount;      /* -1 = not recorded */
	const char *grant_rate;
	long long contract_amount; /* 委託・指定管理; -1 = not recorded */
	const char *contract_start;
	const char *contract_end;
	const char *contract_method;
	const char *facility;
	int name_use_approved; /* 後援; -1 = not recorded */
	const char *name_use_on;
	const char *conditions;
	long long city_cost; /* 共催・実行委員会; -1 = not recorded */
	long long partner_cost; /* -1 = not recorded */
	const char *cost_split;
	const char *agreement_name; /* 事業協力・協定 */
	const char *agreement_on;
	const char *agreement_start;
	const char *agreement_end;
	const char *note;
};

/* Everything public about one project. Money is -1 when not recorded. */
struct project {
	long long id;
	int year;
	const char *title, *summary, *purpose, *target;
	const char *period_start, *period_end; /* YYYY-MM-DD or NULL */
	const char *form_code, *form_name;
	const char *domain_code, *domain_name;
	const char *proposal_name; /* 市民提案型 / 行政提案型 */
	const char *dept_name;
	const char *status_code, *status_name;
	int progress;       /* 進捗率 0–100 */
	const char *policy; /* "計画名 1-2 方針名" or NULL */
	long long budget_planned, city_planned, partner_planned;
	long long budget_actual, city_actual, partner_actual;
	struct code_name *fields; /* 分野 */
	size_t nfields;
	struct project_partner *partners;
	size_t npartners;
	struct project_role *roles; /* city first, then partners */
	size_t nroles;
	struct indicator *indicators;
	size_t nindicators;
	int has_details;                /* a project_form_details row exists */
	struct form_details details;    /* valid when has_details */
	struct evaluation *evaluations; /* published only */
	size_t nevaluations;
};

/* The code → name table of master m (RN_*), every row, sorted by code
 * (stride 2, arena memory). MS_OK, MS_DB or MS_NOMEM. */
enum mstatus projects_row_names(struct db *db, struct arena *a,
                                enum row_master m, struct name_table *out);
/* The entry of code (len bytes, no NUL needed) in t: its index, or -1. A
 * binary search. */
long name_table_find(const struct name_table *t, const char *code, size_t len);

/* The list functions below take names, the row_names of the current
 * database state (for a page: page_row_names(), kept per worker), or NULL
 * to read them from the database for this call. */

/* Published projects matching f. Read from the project_counts summary when
 * only year and form filter, else counted through the filter's index. */
enum mstatus projects_count(struct db *db, const struct project_filter *f,
                            long long *total);
/* Up to limit published projects matching f, newest fiscal year first
 * (then id descending), skipping offset rows; walks the filter's index in
 * order (no sort). */
enum mstatus projects_list(struct db *db, struct arena *a,
                           const struct row_names *names,
                           const struct project_filter *f, int limit,
                           long long offset, struct project_row **rows,
                           size_t *n);
/* The list rows of ids[0..nids), in that order (ids that no longer exist
 * are left out); for lists whose ids come from elsewhere (the keyword
 * search). */
enum mstatus projects_rows(struct db *db, struct arena *a,
                           const struct row_names *names, const long long *ids,
                           size_t nids, struct project_row **rows, size_t *n);
/* The n newest published projects. */
enum mstatus projects_latest(struct db *db, struct arena *a,
                             const struct row_names *names, int limit,
                             struct project_row **rows, size_t *n);
/* Published projects of a fiscal year per form, from project_counts: every
 * core form and any other form with projects, in form order; *total is
 * their sum. */
enum mstatus projects_count_by_form(struct db *db, struct arena *a, int year,
                                    struct form_count **out, size_t *n,
                                    long long *total);
/* Fiscal years that have published projects, newest first. */
enum mstatus projects_years(struct db *db, struct arena *a, int **years,
                            size_t *n);
/* A published project with everything the public may see. MS_NOTFOUND when
 * it does not exist or is not published. */
enum mstatus project_get(struct db *db, struct arena *a, long long id,
                         struct project *out);
/* For the model files (project_get() and the staff form's project_rec_load()
 * read the same row): project id's row of project_form_details into *d, its
 * texts through text (model_text: "" when not recorded, or
 * model_text_or_null: NULL), its money -1 when not recorded. 1 when the
 * project has the row, 0 when not (*d untouched), -1 on a database error;
 * *oom set when the arena ran out. */
int project_details_read(struct db *db, struct arena *a, long long id,
                         const char *(*text)(struct arena *, sqlite3_stmt *,
                                             int, int *),
                         struct form_details *d, int *oom);
/* Published projects a group takes part in (role_name set), newest first,
 * at most limit. */
enum mstatus projects_by_group(struct db *db, struct arena *a,
                               const struct row_names *names,
                               long long group_id, int limit,
                               struct project_row **rows, size_t *n);
#endif
