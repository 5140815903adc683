/* 協働事業 on the staff side: every field (unpublished projects too),
 * create and update in one transaction with audit rows, optimistic locking
 * on projects.version, the staff lists and the dashboard counts. All
 * strings are arena memory. */
#ifndef KYODO_MODEL_PROJECTS_WRITE_H
#define KYODO_MODEL_PROJECTS_WRITE_H
#include <stddef.h>

#include "db/db.h"
#include "model/history.h"
#include "model/master.h"
#include "model/projects.h"
#include "util/arena.h"

/* Repeated rows (partners, indicators) and 分野 a project may carry. */
#define PROJECT_ROWS_MAX 20

/* A partner of the project with its role and its part of 役割分担. */
struct partner_in {
	long long group_id; /* groups.id */
	const char *role;   /* partner_roles.code */
	const char *part;   /* what this partner does ("" when not written) */
};

/* An indicator row (目標と指標). */
struct indicator_in {
	long long id;     /* indicators.id, 0 for a new row */
	const char *kind; /* "outcome" 成果目標 / "activity" 活動指標 */
	const char *name; /* 指標名 */
	const char *unit; /* 単位 */
	int has_target;   /* target is set */
	double target;    /* 目標値 */
	int has_actual;   /* actual is set */
	double actual;    /* 実績値 */
};

/* A project as the staff form edits it. Optional text is NULL or "" when
 * empty; money is -1 when not recorded. */
struct project_rec {
	long long id;      /* projects.id (0 for a new project) */
	long long version; /* projects.version read with the record */
	int fiscal_year;   /* 年度 */
	const char *title, *kana, *summary, *purpose, *target;
	const char *period_start, *period_end; /* YYYY-MM-DD */
	const char *form;                      /* forms.code */
	const char *domain;                    /* domains.code */
	const char *proposal_type;             /* proposal_types.code */
	const char *department;                /* departments.code */
	const char *status;                    /* project_statuses.code */
	const char *proposed_on, *reviewed_on, *decided_on; /* status dates */
	const char *started_on, *completed_on, *evaluated_on;
	int progress;             /* 進捗率, -1 = the status's default */
	int published;            /* 1 = shown on public pages */
	long long plan_policy_id; /* plan_policies.id, 0 = none */
	long long budget_planned, city_share_planned, partner_share_planned;
	long long budget_actual, city_share_actual, partner_share_actual;
	const char *fields[PROJECT_ROWS_MAX]; /* 分野 codes */
	size_t nfields;
	struct partner_in partners[PROJECT_ROWS_MAX];
	size_t npartners;
	const char *city_part; /* 役割分担: what the city does */
	struct indicator_in indicators[PROJECT_ROWS_MAX];
	size_t nindicators;
	struct form_details d;  /* form-specific details (-1 / NULL = none) */
	const char *updated_at; /* when last saved (read only) */
};

/* One line of a staff project list. The model reads the codes only (no
 * joins to the master tables per row); the page fills the names from the
 * master lists of the fragment store (staff_project_names() in
 * pages/staff.h), NULL until then. */
struct project_staff_row {
	long long id;
	int year;
	const char *title;
	const char *form_code, *form_name;
	const char *dept_code, *dept_name;
	const char *status_code, *status_name;
	int published;
	const char *note; /* why it is listed (dashboard), "" otherwise */
};

/* Projects per status (dashboard). */
struct status_count {
	const char *code; /* project_statuses.code */
	const char *name; /* "実施中" */
	long long n;      /* projects */
};

/* The choice lists of the project form not covered by master_list(). The
 * _ALL lists hold deactivated rows too (names of stored records, what a
 * stored value may be); the others only the active rows (what a form
 * offers). */
enum pchoice {
	PC_PROPOSAL,   /* proposal_types */
	PC_STATUS,     /* project_statuses */
	PC_ROLE,       /* active partner_roles */
	PC_POLICY,     /* active plan_policies of active plans (id as text,
	                  "計画 1-2 方針") */
	PC_DEPT_ALL,   /* every department, inactive ones too */
	PC_ROLE_ALL,   /* every partner role */
	PC_POLICY_ALL, /* every plan policy */
	PC__MAX
};

/* The detail group a form code fills: which project_form_details columns
 * belong to it. */
enum detail_group {
	DG_NONE,     /* only 備考 */
	DG_GRANT,    /* 補助・助成: programme, amount, rate */
	DG_CONTRACT, /* 委託・指定管理: amount, term, method, facility */
	DG_NAME_USE, /* 後援: approval, date, conditions */
	DG_COST,     /* 共催・実行委員会: costs and their split */
	DG_AGREEMENT, /* 事業協力・協定: name, date, term */
	DG__MAX
};

/* The detail group of form code. */
enum detail_group project_detail_group(const char *form);

/* Load project id with every field into out. MS_OK, MS_NOTFOUND, MS_DB or
 * MS_NOMEM. */
enum mstatus project_rec_load(struct db *db, struct arena *a, long long id,
                              struct project_rec *out);
/* The fields of rec as display text, in form order. 0, or -1 on a
 * database error or out of memory. */
int project_snapshot(struct db *db, struct arena *a,
                     const struct project_rec *rec, struct snapshot *out);
/* The Japanese label of a project field key, or NULL when unknown. */
const char *project_field_label(const char *key);
/* 1 when from → to is an allowed status change (or from == to), 0 when
 * not, -1 on error. */
int project_status_allowed(struct db *db, const char *from, const char *to);
/* The department of project id into *dept (arena). MS_OK, MS_NOTFOUND or
 * MS_DB. */
enum mstatus project_department(struct db *db, struct arena *a, long long id,
                                const char **dept);

/* Insert rec as a new project inside the caller's transaction: the
 * project (a progress of -1 becomes its status's default; dates stored as
 * given), its 分野, partners, 役割分担, indicators and form details, and the
 * "create" audit rows. *id is the new id (rec->id and rec->version set
 * too). WS_OK, WS_INVALID (the database refused a row: *msg says why; with
 * msg NULL that is WS_DB, logged), WS_DB or WS_NOMEM; the caller rolls
 * back on anything but WS_OK. Used by project_create and the CSV import. */
enum wstatus project_insert(struct db *db, struct arena *a,
                            const struct user_actor *who,
                            struct project_rec *rec, long long *id,
                            const char **msg);
/* project_insert in a transaction of its own, after filling the date of
 * the status the project starts in (提案日 for 提案 …) with today when
 * empty. WS_OK, WS_DB (a row the database refused too) or WS_NOMEM. */
enum wstatus project_create(struct db *db, struct arena *a,
                            const struct user_actor *who,
                            struct project_rec *rec, long long *id);
/* Update project rec->id if its version is still rec->version (every
 * field and row replaced, version + 1, one audit row per changed field)
 * in one transaction. Entering a status fills its date with today when
 * empty. WS_OK, WS_NOTFOUND, WS_CONFLICT (nothing written), WS_INVALID
 * (*msg set: a status change not allowed, a partner with evaluations
 * removed, the form changed under recorded steps), WS_DB or WS_NOMEM. */
enum wstatus project_update(struct db *db, struct arena *a,
                            const struct user_actor *who,
                            struct project_rec *rec, const char **msg);

/* Rows of choice list c in display order. */
enum mstatus project_choices(struct db *db, struct arena *a, enum pchoice c,
                             struct code_list *out);
/* Page of the staff project list: at most limit projects of department
 * dept (NULL = every department), fiscal year year (0 = any) and status
 * (NULL = any), newest year first and, within a year, the newest id
 * first, from row offset (0 = the newest) on. *total is how many projects
 * the filters match, from project_status_counts (schema/011). Any page
 * costs about the same: whole years are skipped by their counts and the
 * page's first row is found in its year's index entries only (no table
 * row is read before it). Rows in arena a. */
enum mstatus projects_staff_page(struct db *db, struct arena *a,
                                 const char *dept, int year, const char *status,
                                 int limit, long long offset,
                                 struct project_staff_row **out, size_t *n,
                                 long long *total);
/* Every status with the number of projects of dept (NULL = all), from
 * project_status_counts (schema/011). */
enum mstatus projects_status_counts(struct db *db, struct arena *a,
                                    const char *dept, struct status_count **out,
                                    size_t *n);
/* What needs action in dept (NULL = all), at most limit rows each:
 * completed projects without the department's self-evaluation (from
 * project_noeval, schema/011),
 * unpublished projects (not 不採択), and overdue steps (one row each, most
 * overdue first). */
enum mstatus projects_todo(struct db *db, struct arena *a, const char *dept,
                           int limit, struct project_staff_row **noeval,
                           size_t *nnoeval, struct project_staff_row **unpub,
                           size_t *nunpub, struct project_staff_row **overdue,
                           size_t *noverdue);
#endif
