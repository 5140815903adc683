/* The demo data set (みなと市) and the bulk data sets for benchmarks.
 *
 * Everything is written in one transaction with statements prepared once
 * (SQL literals, values bound). A seeded PRNG and a fixed "today"
 * (DEMO_TODAY) make every run of a scale write the same rows; only the
 * password hashes differ (their salt is random). Summary tables and the FTS
 * indexes are kept by the schema's triggers. */
#include "model/demo.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/demo_words.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The date the data set is written as of (fiscal 2026 is under way). */
#define DEMO_TODAY_Y  2026
#define DEMO_TODAY_M  11
#define DEMO_TODAY_D  1
#define DEMO_PASSWORD "kyodo-demo"

/* ---- Statements ---- */

enum {
	S_USER,
	S_GROUP,
	S_GFIELD,
	S_GREQ,
	S_PLAN,
	S_POLICY,
	S_POLYEAR,
	S_PROJECT,
	S_PFIELD,
	S_PARTNER,
	S_ROLE,
	S_DETAIL,
	S_IND,
	S_STEP,
	S_EVAL,
	S_SCORE,
	S_SCORE7,
	S_PFLUSH,
	S_PCLEAR,
	S_GFLUSH,
	S_GCLEAR,
	S_DISC,
	S_SURVEY,
	S_PROPOSAL,
	S_N
};

static const char *const sql_text[S_N] = {
    [S_USER] = "INSERT INTO users (username, display_name, email, "
               "password_hash, role, department, group_id, created_at, "
               "password_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
               "?8, ?8)",
    /* groups and projects are staged in TEMP tables and moved in
       batches (S_GFLUSH, S_PFLUSH): see stage_open() */
    [S_GROUP] =
        "INSERT INTO temp.demo_groups (id, name, kana, kind, area, founded, "
        "members, fee, purpose, activities, web, email, phone, "
        "rep_name, rep_name_public, rep_phone, rep_phone_public, "
        "rep_address, rep_address_public, rep_email, "
        "rep_email_public, status, applied_on, registered_on, "
        "suspended_on, status_note, created_at, updated_at) VALUES "
        "(?28, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
        "?25, ?26, ?27)",
    [S_GFIELD] = "INSERT OR IGNORE INTO group_fields (group_id, field, "
                 "status, kana) VALUES (?1, ?2, ?3, ?4)",
    [S_GREQ] = "INSERT INTO group_requirement_checks (group_id, "
               "requirement, confirmed, user_id, checked_at, note) VALUES "
               "(?1, ?2, ?3, ?4, ?5, ?6)",
    [S_PLAN] = "INSERT INTO plans (name, first_year, last_year, "
               "description) VALUES (?1, ?2, ?3, ?4)",
    [S_POLICY] = "INSERT INTO plan_policies (plan_id, parent_id, code, "
                 "title, content, effect, sort) VALUES (?1, ?2, ?3, ?4, "
                 "?5, ?6, ?7)",
    [S_POLYEAR] = "INSERT INTO plan_policy_years (policy_id, fiscal_year, "
                  "planned, progress, checked_on) VALUES (?1, ?2, ?3, ?4, "
                  "?5)",
    [S_PROJECT] =
        "INSERT INTO temp.demo_projects (id, fiscal_year, title, summary, "
        "purpose, "
        "target, period_start, period_end, form, domain, proposal_type, "
        "department, status, proposed_on, reviewed_on, decided_on, "
        "started_on, completed_on, evaluated_on, published, published_at, "
        "plan_policy_id, budget_planned, city_share_planned, "
        "partner_share_planned, budget_actual, city_share_actual, "
        "partner_share_actual, progress, created_by, created_at, "
        "updated_at) VALUES (?32, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
        "?11, "
        "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
        "?25, ?26, ?27, ?28, ?29, ?30, ?31)",
    [S_PFLUSH] = "INSERT INTO main.projects (id, fiscal_year, title, "
                 "summary, purpose, target, period_start, period_end, form, "
                 "domain, proposal_type, department, status, proposed_on, "
                 "reviewed_on, decided_on, started_on, completed_on, "
                 "evaluated_on, published, published_at, plan_policy_id, "
                 "budget_planned, city_share_planned, partner_share_planned, "
                 "budget_actual, city_share_actual, partner_share_actual, "
                 "progress, created_by, created_at, updated_at) SELECT * "
                 "FROM temp.demo_projects ORDER BY id",
    [S_PCLEAR] = "DELETE FROM temp.demo_projects",
    [S_GFLUSH] = "INSERT INTO main.groups (id, name, kana, kind, area, "
                 "founded, members, fee, purpose, activities, web, email, "
                 "phone, rep_name, rep_name_public, rep_phone, "
                 "rep_phone_public, rep_address, rep_address_public, "
                 "rep_email, rep_email_public, status, applied_on, "
                 "registered_on, suspended_on, status_note, created_at, "
                 "updated_at) SELECT * FROM temp.demo_groups ORDER BY id",
    [S_GCLEAR] = "DELETE FROM temp.demo_groups",
    [S_PFIELD] = "INSERT OR IGNORE INTO project_fields (project_id, field, "
                 "fiscal_year, published) VALUES (?1, ?2, ?3, ?4)",
    [S_PARTNER] = "INSERT INTO project_partners (project_id, group_id, "
                  "role, sort) VALUES (?1, ?2, ?3, ?4)",
    [S_ROLE] = "INSERT INTO project_roles (project_id, party, group_id, "
               "text, sort) VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_DETAIL] = "INSERT INTO project_form_details (project_id, "
                 "grant_programme, grant_amount, grant_rate, "
                 "contract_amount, contract_start, contract_end, "
                 "contract_method, facility, name_use_approved, "
                 "name_use_on, conditions, city_cost, partner_cost, "
                 "cost_split, agreement_name, agreement_on, "
                 "agreement_start, agreement_end, note) VALUES (?1, ?2, "
                 "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                 "?16, ?17, ?18, ?19, ?20)",
    [S_IND] = "INSERT INTO indicators (project_id, kind, name, unit, "
              "target, midterm, midterm_on, actual, note, sort) VALUES "
              "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [S_STEP] = "INSERT INTO project_steps (project_id, form, step, due_on, "
               "done_on, user_id, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
               "?7)",
    [S_EVAL] = "INSERT INTO evaluations (project_id, author_kind, "
               "author_user_id, group_id, fiscal_year, stage, scale, "
               "impl_level, impl_comment, roles_level, roles_comment, "
               "plan_result, plan_comment, outcome, issues, improvements, "
               "direction, verdict, satisfaction, comment, submitted_on, "
               "published, published_on, created_at, updated_at) VALUES "
               "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
               "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
               "?25)",
    [S_SCORE] = "INSERT INTO evaluation_scores (evaluation_id, "
                "principle_id, scale, level, comment) VALUES (?1, ?2, ?3, "
                "?4, ?5)",
    /* A sheet's seven scores (the 7-principle set) at once: ?1 sheet, ?2
       scale, then principle, level, comment per row. OR ROLLBACK: no
       statement journal is needed, and any failure ends the load. */
    [S_SCORE7] = "INSERT OR ROLLBACK INTO evaluation_scores (evaluation_id, "
                 "principle_id, scale, level, comment) VALUES (?1, ?3, ?2, "
                 "?4, ?5), (?1, ?6, ?2, ?7, ?8), (?1, ?9, ?2, ?10, ?11), "
                 "(?1, ?12, ?2, ?13, ?14), (?1, ?15, ?2, ?16, ?17), (?1, "
                 "?18, ?2, ?19, ?20), (?1, ?21, ?2, ?22, ?23)",
    [S_DISC] = "INSERT INTO evaluation_discussions (project_id, "
               "fiscal_year, stage, held_on, shared, differences, "
               "next_steps, recorded_by, created_at) VALUES (?1, ?2, "
               "'final', ?3, ?4, ?5, ?6, ?7, ?8)",
    [S_SURVEY] = "INSERT INTO survey_responses (project_id, satisfaction, "
                 "comment, created_at) VALUES (?1, ?2, ?3, ?4)",
    [S_PROPOSAL] = "INSERT INTO proposals (title, body, field, "
                   "proposer_name, proposer_group, proposer_email, "
                   "proposer_phone, status, department, reply, replied_on, "
                   "project_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                   "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
};

/* ---- Master data read from the database ---- */

struct level {
	int level, points, comment_required;
};

struct scale {
	char code[16];
	struct level lv[10];
	int n;
};

struct principle {
	long long id;
	char code[32];
};

struct step_kind {
	char form[24], code[24];
	int base;     /* 's' start, 'e' end, 0 none */
	int days;     /* due_days */
	int optional; /* 1 = only some projects */
};

struct form_domain {
	char form[24], domain[24];
};

/* Demo accounts, by role. */
enum {
	U_ADMIN,
	U_STAFF,
	U_STAFF2,
	U_STAFF3,
	U_STAFF4,
	U_COMMITTEE,
	U_GROUP,
	U_N
};

/* Everything the loader carries around. */
struct ctx {
	sqlite3 *db;
	sqlite3_stmt *st[S_N];
	uint64_t rng;
	long today; /* day number of DEMO_TODAY */
	int bulk;   /* city or large */
	/* masters */
	struct scale scales[4];
	int nscales, def_scale;
	struct principle pr[16];
	int npr;
	struct step_kind sk[64];
	int nsk;
	char req[8][24];
	int nreq;
	struct form_domain fd[16];
	int nfd;
	/* written rows */
	long long user[U_N];
	long long account_group; /* the group of the group account */
	long long policy_id[NELEM(demo_policies)];
	long long group_id[NELEM(demo_groups)]; /* demo: by demo_groups index */
	long long *listed;                      /* bulk: registered groups */
	long long nlisted;
	long long demo_pid[NELEM(demo_projects)][3]; /* by template, year */
	/* staging (see stage_flush) */
	long long next_group, next_project; /* ids given so far */
	int staged_groups, staged_projects, batch;
	/* statistics */
	long long nprojects, nevals;
};

/* ---- PRNG (splitmix64) ---- */

static uint64_t rnd(struct ctx *c)
{
	uint64_t z = (c->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static int rn(struct ctx *c, int n)
{
	return n <= 1 ? 0 : (int)(rnd(c) % (uint64_t)n);
}

/* 1 with probability pct %. */
static int chance(struct ctx *c, int pct)
{
	return rn(c, 100) < pct;
}

#define PICK(c, a) ((a)[rn((c), (int)NELEM(a))])

/* n (1..99) read out in katakana, into out: 7 ナナ, 14 ジュウヨン, 20
 * ニジュウ. A group's フリガナ holds kana only (the staff form refuses
 * digits), so 第7班 is read ダイナナハン. */
static const char *kana_number(char *out, size_t size, int n)
{
	static const char *const digit[] = {"",     "イチ",  "ニ",   "サン",
	                                    "ヨン", "ゴ",    "ロク", "ナナ",
	                                    "ハチ", "キュウ"};
	int tens = n / 10 % 10, ones = n % 10;

	snprintf(out, size, "%s%s%s", tens > 1 ? digit[tens] : "",
	         tens > 0 ? "ジュウ" : "", digit[ones]);
	return out;
}

/* ---- Dates as day numbers ---- */

static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Two digits of v at out. */
static void put2(char *out, int v)
{
	out[0] = (char)('0' + v / 10 % 10);
	out[1] = (char)('0' + v % 10);
}

/* 'YYYY-MM-DD' into out[11] (no printf: millions of calls). */
static void fmt_day(char *out, long day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	put2(out, y / 100);
	put2(out + 2, y % 100);
	out[4] = '-';
	put2(out + 5, m);
	out[7] = '-';
	put2(out + 8, d);
	out[10] = '\0';
}

/* A day of fiscal year fy from MMDD (January–March fall in fy + 1). */
static long fy_day(int fy, int mmdd)
{
	int m = mmdd / 100, d = mmdd % 100;

	return days_from_civil(m <= 3 ? fy + 1 : fy, m, d);
}

static long lmin(long a, long b)
{
	return a < b ? a : b;
}

static long lmax(long a, long b)
{
	return a > b ? a : b;
}

/* ---- Binding and stepping ---- */

static void b_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Text or NULL when empty. */
static void b_opt(sqlite3_stmt *st, int i, const char *s)
{
	b_text(st, i, s != NULL && s[0] != '\0' ? s : NULL);
}

static void b_int(sqlite3_stmt *st, int i, long long v)
{
	sqlite3_bind_int64(st, i, v);
}

/* Integer, or NULL when negative. */
static void b_nint(sqlite3_stmt *st, int i, long long v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

/* Id, or NULL when 0. */
static void b_id(sqlite3_stmt *st, int i, long long v)
{
	if (v <= 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

/* A date, or NULL when day < 0. */
static void b_day(sqlite3_stmt *st, int i, long day)
{
	char buf[16];

	if (day < 0) {
		sqlite3_bind_null(st, i);
		return;
	}
	fmt_day(buf, day);
	sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

/* A timestamp on day at a working hour (JST 9–17, stored in UTC). */
static void b_ts(struct ctx *c, sqlite3_stmt *st, int i, long day)
{
	char buf[20];

	fmt_day(buf, day);
	buf[10] = ' ';
	put2(buf + 11, rn(c, 9));
	buf[13] = ':';
	put2(buf + 14, rn(c, 60));
	buf[16] = ':';
	put2(buf + 17, rn(c, 60));
	sqlite3_bind_text(st, i, buf, 19, SQLITE_TRANSIENT);
}

/* Run statement k, reset it and clear its bindings. 0 or -1. */
static int run(struct ctx *c, int k)
{
	sqlite3_stmt *st = c->st[k];
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "demo_load: statement %d: %s\n", k,
		        sqlite3_errmsg(c->db));
		return -1;
	}
	return 0;
}

/* run() and return the new rowid, or -1. */
static long long run_id(struct ctx *c, int k)
{
	return run(c, k) < 0 ? -1 : sqlite3_last_insert_rowid(c->db);
}

/* ---- Staging ----
 *
 * SQLite 3.40's FTS5 writes its pending terms out as a new index segment
 * whenever a statement transaction ends, and every INSERT into projects or
 * groups (their triggers fill projects_fts / groups_fts) runs in one. Row
 * by row that makes one segment per row and endless merging. So groups and
 * projects are written to TEMP tables with the ids they will have, and
 * moved with one INSERT … SELECT per batch: one segment per batch. With
 * foreign keys enforced (the demo scale) the batch is one row, so that
 * child rows always find their parent. */

static const char stage_create[] =
    "CREATE TEMP TABLE demo_projects AS SELECT id, fiscal_year, title, "
    "summary, purpose, target, period_start, period_end, form, domain, "
    "proposal_type, department, status, proposed_on, reviewed_on, decided_on, "
    "started_on, completed_on, evaluated_on, published, published_at, "
    "plan_policy_id, budget_planned, city_share_planned, "
    "partner_share_planned, budget_actual, city_share_actual, "
    "partner_share_actual, progress, created_by, created_at, updated_at FROM "
    "main.projects WHERE 0; "
    "CREATE TEMP TABLE demo_groups AS SELECT id, name, kana, kind, area, "
    "founded, members, fee, purpose, activities, web, email, phone, rep_name, "
    "rep_name_public, rep_phone, rep_phone_public, rep_address, "
    "rep_address_public, rep_email, rep_email_public, status, applied_on, "
    "registered_on, suspended_on, status_note, created_at, updated_at FROM "
    "main.groups WHERE 0";
static const char stage_drop[] =
    "DROP TABLE IF EXISTS temp.demo_projects; DROP TABLE IF EXISTS "
    "temp.demo_groups";

/* Move the staged groups (k = S_GFLUSH) or projects (S_PFLUSH). */
static int stage_flush(struct ctx *c, int k)
{
	int *n = k == S_GFLUSH ? &c->staged_groups : &c->staged_projects;

	if (*n == 0)
		return 0;
	*n = 0;
	return run(c, k) < 0 || run(c, k == S_GFLUSH ? S_GCLEAR : S_PCLEAR) < 0
	           ? -1
	           : 0;
}

/* Count a staged row; flush when the batch is full. */
static int stage_row(struct ctx *c, int k)
{
	int *n = k == S_GFLUSH ? &c->staged_groups : &c->staged_projects;

	return ++*n >= c->batch ? stage_flush(c, k) : 0;
}

/* ---- Reading the master tables ---- */

static int load_masters(struct ctx *c)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (sqlite3_prepare_v2(c->db,
	                       "SELECT l.scale, l.level, l.points, "
	                       "l.comment_required, s.is_default FROM "
	                       "eval_scale_levels l JOIN eval_scales s ON "
	                       "s.code = l.scale ORDER BY s.sort, l.level",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		struct scale *s = NULL;

		for (int i = 0; i < c->nscales; i++)
			if (strcmp(c->scales[i].code, code) == 0)
				s = &c->scales[i];
		if (s == NULL) {
			if (c->nscales == (int)NELEM(c->scales))
				continue;
			s = &c->scales[c->nscales++];
			snprintf(s->code, sizeof(s->code), "%s", code);
			if (sqlite3_column_int(st, 4))
				c->def_scale = c->nscales - 1;
		}
		if (s->n < (int)NELEM(s->lv)) {
			s->lv[s->n].level = sqlite3_column_int(st, 1);
			s->lv[s->n].points = sqlite3_column_int(st, 2);
			s->lv[s->n].comment_required =
			    sqlite3_column_int(st, 3);
			s->n++;
		}
	}
	sqlite3_finalize(st);

	/* the active set's principles (and, once masters can be retired,
	 * only the active ones) */
	if (sqlite3_prepare_v2(c->db,
	                       "SELECT p.id, p.code FROM principles p JOIN "
	                       "principle_sets s ON s.code = p.set_code WHERE "
	                       "s.active = 1 AND p.active = 1 ORDER BY p.sort, "
	                       "p.id",
	                       -1, &st, NULL) != SQLITE_OK &&
	    sqlite3_prepare_v2(c->db,
	                       "SELECT p.id, p.code FROM principles p JOIN "
	                       "principle_sets s ON s.code = p.set_code WHERE "
	                       "s.active = 1 ORDER BY p.sort, p.id",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW && c->npr < (int)NELEM(c->pr)) {
		c->pr[c->npr].id = sqlite3_column_int64(st, 0);
		snprintf(c->pr[c->npr].code, sizeof(c->pr[0].code), "%s",
		         (const char *)sqlite3_column_text(st, 1));
		c->npr++;
	}
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(c->db,
	                       "SELECT form, code, coalesce(due_base, ''), "
	                       "coalesce(due_days, 0), optional FROM "
	                       "step_kinds ORDER BY form, sort",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW && c->nsk < (int)NELEM(c->sk)) {
		struct step_kind *k = &c->sk[c->nsk++];
		const char *base = (const char *)sqlite3_column_text(st, 2);

		snprintf(k->form, sizeof(k->form), "%s",
		         (const char *)sqlite3_column_text(st, 0));
		snprintf(k->code, sizeof(k->code), "%s",
		         (const char *)sqlite3_column_text(st, 1));
		k->base = base[0] == 's' ? 's' : base[0] == 'e' ? 'e' : 0;
		k->days = sqlite3_column_int(st, 3);
		k->optional = sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(c->db,
	                       "SELECT code FROM group_requirements ORDER BY "
	                       "sort",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW && c->nreq < (int)NELEM(c->req))
		snprintf(c->req[c->nreq++], sizeof(c->req[0]), "%s",
		         (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(c->db,
	                       "SELECT code, domain FROM forms ORDER BY sort",
	                       -1, &st, NULL) != SQLITE_OK)
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW && c->nfd < (int)NELEM(c->fd)) {
		snprintf(c->fd[c->nfd].form, sizeof(c->fd[0].form), "%s",
		         (const char *)sqlite3_column_text(st, 0));
		snprintf(c->fd[c->nfd].domain, sizeof(c->fd[0].domain), "%s",
		         (const char *)sqlite3_column_text(st, 1));
		c->nfd++;
	}
	sqlite3_finalize(st);

	if (c->nscales == 0 || c->npr == 0 || c->nfd == 0) {
		fprintf(stderr, "demo_load: the master tables are empty\n");
		rc = -1;
	}
	return rc;
fail:
	fprintf(stderr, "demo_load: %s\n", sqlite3_errmsg(c->db));
	return -1;
}

/* The level of scale s nearest to points (0–100). */
static int level_at(const struct scale *s, int points)
{
	int best = s->lv[0].level, dist = 1000;

	for (int i = 0; i < s->n; i++) {
		int d = abs(s->lv[i].points - points);

		if (d < dist) {
			dist = d;
			best = s->lv[i].level;
		}
	}
	return best;
}

/* 1 when level needs a comment on scale s. */
static int needs_comment(const struct scale *s, int level)
{
	for (int i = 0; i < s->n; i++)
		if (s->lv[i].level == level)
			return s->lv[i].comment_required;
	return 0;
}

/* ---- Text helpers ---- */

/* v with thousands separators ("120,000"). */
static void fmt_num(char *out, size_t n, long long v)
{
	char tmp[32];
	size_t len, j = 0;

	snprintf(tmp, sizeof(tmp), "%lld", v < 0 ? -v : v);
	len = strlen(tmp);
	if (v < 0 && j + 1 < n)
		out[j++] = '-';
	for (size_t i = 0; i < len && j + 1 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0 && j + 1 < n)
			out[j++] = ',';
		out[j++] = tmp[i];
	}
	out[j] = '\0';
}

/* Copy tmpl into out, replacing {n} with nth and {r} with the 令和 year. */
static void expand(char *out, size_t n, const char *tmpl, int nth, int fy)
{
	size_t j = 0;

	for (const char *p = tmpl; *p != '\0' && j + 1 < n;) {
		char num[16];

		if (p[0] == '{' && (p[1] == 'n' || p[1] == 'r') &&
		    p[2] == '}') {
			snprintf(num, sizeof(num), "%d",
			         p[1] == 'n' ? nth : fy - 2018);
			for (const char *q = num; *q != '\0' && j + 1 < n; q++)
				out[j++] = *q;
			p += 3;
			continue;
		}
		out[j++] = *p++;
	}
	out[j] = '\0';
}

/* Append s to out (bounded). */
static void cat(char *out, size_t n, const char *s)
{
	size_t len = strlen(out);

	if (len + 1 < n)
		snprintf(out + len, n - len, "%s", s);
}

/* ---- Users ---- */

struct demo_user {
	const char *username, *display, *email, *role, *dept;
};

static const struct demo_user demo_users[U_N] = {
    [U_ADMIN] = {"admin", "協働推進課 管理者（デモ）", "admin@example.jp",
                 "admin", "kyodo"},
    [U_STAFF] = {"staff", "福祉課 佐々木 恵（デモ）", "staff@example.jp",
                 "staff", "fukushi"},
    [U_STAFF2] = {"staff2", "危機管理課 田村 大輔（デモ）", "staff2@example.jp",
                  "staff", "kiki"},
    [U_STAFF3] = {"staff3", "観光課 小林 優子（デモ）", "staff3@example.jp",
                  "staff", "kanko"},
    [U_STAFF4] = {"staff4", "子育て支援課 石井 拓也（デモ）",
                  "staff4@example.jp", "staff", "kosodate"},
    [U_COMMITTEE] = {"committee", "協働推進委員会 委員（デモ）",
                     "committee@example.jp", "committee", NULL},
    [U_GROUP] = {"group", "みなと子ども食堂ネットワーク 担当者（デモ）",
                 "group@example.jp", "group", NULL},
};

/* Insert the accounts of roles [from, to); group_id for the group one.
 * All share one hash of DEMO_PASSWORD (hashing is the slow part). */
static int add_users(struct ctx *c, const char *hash, int from, int to,
                     long long group_id)
{
	for (int i = from; i < to; i++) {
		sqlite3_stmt *st = c->st[S_USER];
		const struct demo_user *u = &demo_users[i];

		b_text(st, 1, u->username);
		b_text(st, 2, u->display);
		b_text(st, 3, u->email);
		b_text(st, 4, hash);
		b_text(st, 5, u->role);
		b_text(st, 6, u->dept);
		b_id(st, 7, i == U_GROUP ? group_id : 0);
		b_text(st, 8, "2024-04-01 00:00:00");
		if ((c->user[i] = run_id(c, S_USER)) < 0)
			return -1;
	}
	return 0;
}

/* The demo user of a department (0 if none). */
static long long dept_user(const struct ctx *c, const char *dept)
{
	for (int i = U_ADMIN; i <= U_STAFF4; i++)
		if (strcmp(demo_users[i].dept, dept) == 0)
			return c->user[i];
	return 0;
}

/* ---- Plan ---- */

/* The plan with its policies and yearly rows; progress notes name how many
 * demo projects served a measure in the year (demo scale only). */
static int add_plan(struct ctx *c)
{
	sqlite3_stmt *st = c->st[S_PLAN];
	long long plan, parent = 0;
	static const char *const checked[] = {"2024-05-21", "2025-05-20",
	                                      "2026-05-19"};

	b_text(st, 1, demo_plan_name);
	b_int(st, 2, 2023);
	b_int(st, 3, 2027);
	b_text(st, 4, demo_plan_desc);
	if ((plan = run_id(c, S_PLAN)) < 0)
		return -1;
	for (size_t i = 0; i < NELEM(demo_policies); i++) {
		const struct demo_policy *p = &demo_policies[i];
		int top = strchr(p->code, '-') == NULL;
		long long id;

		st = c->st[S_POLICY];
		b_int(st, 1, plan);
		b_id(st, 2, top ? 0 : parent);
		b_text(st, 3, p->code);
		b_text(st, 4, p->title);
		b_text(st, 5, p->content);
		b_text(st, 6, p->effect);
		b_int(st, 7, (long long)(i + 1) * 10);
		if ((id = run_id(c, S_POLICY)) < 0)
			return -1;
		c->policy_id[i] = id;
		if (top) {
			parent = id;
			continue;
		}
		for (int y = 0; y < 5; y++) {
			char planned[32] = "", progress[512] = "";
			const char *w = p->planned;
			int fy = 2023 + y;

			/* the y-th word of planned */
			for (int k = 0; k < y && w != NULL; k++) {
				w = strchr(w, ' ');
				w = w != NULL ? w + 1 : NULL;
			}
			if (w != NULL) {
				size_t len = strcspn(w, " ");

				snprintf(planned, sizeof(planned), "%.*s",
				         (int)len, w);
			}
			if (fy == 2023) {
				snprintf(
				    progress, sizeof(progress), "%s",
				    "計画の初年度として、関係課と取り組みの進め"
				    "方を確かめ、実施の体制を整えた。");
			} else if (fy <= 2025) {
				int n = 0;
				const struct demo_project *example = NULL;

				for (size_t t = 0; t < NELEM(demo_projects);
				     t++) {
					const struct demo_project *d =
					    &demo_projects[t];

					if (strcmp(d->policy, p->code) != 0 ||
					    !(d->years & (1u << (fy - 2024))) ||
					    d->status != NULL)
						continue;
					n++;
					if (example == NULL)
						example = d;
				}
				if (n > 0 && !c->bulk) {
					char ex[256];

					expand(ex, sizeof(ex), example->title,
					       example->nth + fy - 2024, fy);
					snprintf(progress, sizeof(progress),
					         "令和%"
					         "d年度は、この取り組みに関わる"
					         "協働事業を%d件実施した（「%"
					         "s」など）。%s",
					         fy - 2018, n, ex, p->done);
				} else {
					snprintf(progress, sizeof(progress),
					         "令和%d年度は、%s", fy - 2018,
					         p->done);
				}
			}
			st = c->st[S_POLYEAR];
			b_int(st, 1, id);
			b_int(st, 2, fy);
			b_text(st, 3, planned);
			b_text(st, 4, progress);
			b_text(st, 5, fy <= 2025 ? checked[fy - 2023] : NULL);
			if (run(c, S_POLYEAR) < 0)
				return -1;
		}
	}
	return 0;
}

/* The id of the policy with code ("" or unknown: 0). */
static long long policy_by_code(const struct ctx *c, const char *code)
{
	for (size_t i = 0; i < NELEM(demo_policies); i++)
		if (strcmp(demo_policies[i].code, code) == 0)
			return c->policy_id[i];
	return 0;
}

/* ---- Groups ---- */

/* One group row, with fields as codes separated by spaces. */
struct grow {
	const char *name, *kana, *kind, *area, *founded, *fee, *purpose;
	const char *activities, *web, *email, *phone, *rep, *rep_phone;
	const char *rep_address, *rep_email, *status, *note, *fields;
	int members, rep_public;
	long applied, registered, suspended;
};

/* Insert g with its fields and, for registered 市民活動団体, the
 * requirement checks. Returns the id or -1. */
static long long add_group(struct ctx *c, const struct grow *g)
{
	sqlite3_stmt *st = c->st[S_GROUP];
	long long id;
	long updated = lmax(g->applied, lmax(g->registered, g->suspended));

	b_text(st, 1, g->name);
	b_text(st, 2, g->kana);
	b_text(st, 3, g->kind);
	b_text(st, 4, g->area);
	b_opt(st, 5, g->founded);
	b_nint(st, 6, g->members > 0 ? g->members : -1);
	b_text(st, 7, g->fee);
	b_text(st, 8, g->purpose);
	b_text(st, 9, g->activities);
	b_opt(st, 10, g->web);
	b_opt(st, 11, g->email);
	b_opt(st, 12, g->phone);
	b_text(st, 13, g->rep);
	b_int(st, 14, (g->rep_public & DG_REP_NAME) != 0);
	b_text(st, 15, g->rep_phone);
	b_int(st, 16, (g->rep_public & DG_REP_PHONE) != 0);
	b_text(st, 17, g->rep_address);
	b_int(st, 18, (g->rep_public & DG_REP_ADDRESS) != 0);
	b_text(st, 19, g->rep_email);
	b_int(st, 20, (g->rep_public & DG_REP_EMAIL) != 0);
	b_text(st, 21, g->status);
	b_day(st, 22, g->applied);
	b_day(st, 23, g->registered);
	b_day(st, 24, g->suspended);
	b_text(st, 25, g->note ? g->note : "");
	b_ts(c, st, 26, g->applied);
	b_ts(c, st, 27, updated);
	id = ++c->next_group;
	b_int(st, 28, id);
	if (run(c, S_GROUP) < 0 || stage_row(c, S_GFLUSH) < 0)
		return -1;
	for (const char *f = g->fields; *f != '\0';) {
		char code[24];
		size_t len = strcspn(f, " ");

		snprintf(code, sizeof(code), "%.*s", (int)len, f);
		f += len;
		f += *f == ' ';
		st = c->st[S_GFIELD];
		b_int(st, 1, id);
		b_text(st, 2, code);
		b_text(st, 3, g->status);
		b_text(st, 4, g->kana);
		if (run(c, S_GFIELD) < 0)
			return -1;
	}
	/* 岩国市's six requirements: all confirmed for registered groups;
	 * applicants have some still open. */
	if (strcmp(g->kind, "npo") == 0 && strcmp(g->status, "massho") != 0) {
		int pending = strcmp(g->status, "shinsei") == 0;

		for (int i = 0; i < c->nreq; i++) {
			int ok = !pending || i < 3 || i == 5;

			st = c->st[S_GREQ];
			b_int(st, 1, id);
			b_text(st, 2, c->req[i]);
			b_int(st, 3, ok);
			b_id(st, 4, c->user[U_ADMIN]);
			b_ts(c, st, 5,
			     pending ? g->applied + 7 : g->registered);
			b_text(
			    st, 6,
			    ok ? ""
			       : (i == 1
			              ? "規約と会員名簿の提出を待って確認する。"
			              : "活動の見学のあとに確認する。"));
			if (run(c, S_GREQ) < 0)
				return -1;
		}
	}
	return id;
}

/* Founding year of a group (its founded text), or 2000. */
static int founded_year(const char *f)
{
	int y = f != NULL ? atoi(f) : 0;

	return y > 1900 ? y : 2000;
}

static const struct demo_area *area_of(const char *area)
{
	for (size_t i = 0; i < NELEM(demo_areas); i++)
		if (strcmp(demo_areas[i].area, area) == 0)
			return &demo_areas[i];
	return &demo_areas[0];
}

static int add_demo_groups(struct ctx *c)
{
	for (size_t i = 0; i < NELEM(demo_groups); i++) {
		const struct demo_group *d = &demo_groups[i];
		struct grow g = {0};
		char web[96] = "", email[96] = "", phone[32] = "";
		char rphone[32], raddr[160], remail[96];
		int fy = founded_year(d->founded);
		long applied;

		g.name = d->name;
		g.kana = d->kana;
		g.kind = d->kind;
		g.area = d->area;
		g.founded = d->founded;
		g.members = d->members;
		g.fee = d->fee;
		g.purpose = d->purpose;
		g.activities = d->activities;
		if (d->contact & DG_WEB)
			snprintf(web, sizeof(web), "https://%s.example.org/",
			         d->slug);
		if (d->contact & DG_EMAIL)
			snprintf(email, sizeof(email), "info@%s.example.org",
			         d->slug);
		if (d->contact & DG_PHONE)
			snprintf(phone, sizeof(phone), "0143-00-%04zu",
			         1000 + i);
		g.web = web;
		g.email = email;
		g.phone = phone;
		g.rep = strcmp(d->slug, "facilitator") == 0
		            ? "佐藤 美咲"
		            : demo_reps[i % NELEM(demo_reps)];
		snprintf(rphone, sizeof(rphone), "0143-00-%04zu", i + 1);
		snprintf(raddr, sizeof(raddr), "みなと市%s%d丁目%d番%d号",
		         area_of(d->area)->town, 1 + rn(c, 5), 1 + rn(c, 20),
		         1 + rn(c, 30));
		snprintf(remail, sizeof(remail), "%s.daihyo@example.jp",
		         d->slug);
		g.rep_phone = rphone;
		g.rep_address = raddr;
		g.rep_email = remail;
		g.rep_public = d->rep_public;
		g.status = d->status;
		g.note = d->note;
		g.fields = d->fields;
		if (strcmp(d->status, "shinsei") == 0) {
			applied = days_from_civil(2026, 9, 1) + rn(c, 50);
		} else {
			int y = fy < 2006 ? 2006 + rn(c, 4) : fy + rn(c, 2);

			if (y > 2025)
				y = 2025;
			applied = days_from_civil(y, 4, 1) + rn(c, 300);
			g.registered = applied + 14 + rn(c, 30);
		}
		g.applied = applied;
		if (g.registered == 0)
			g.registered = -1;
		g.suspended = strcmp(d->status, "kyushi") == 0
		                  ? days_from_civil(2025, 4, 1)
		                  : -1;
		if ((c->group_id[i] = add_group(c, &g)) < 0)
			return -1;
	}
	return 0;
}

static long long group_by_slug(const struct ctx *c, const char *slug,
                               size_t len)
{
	for (size_t i = 0; i < NELEM(demo_groups); i++)
		if (strlen(demo_groups[i].slug) == len &&
		    memcmp(demo_groups[i].slug, slug, len) == 0)
			return c->group_id[i];
	return 0;
}

/* ---- Projects ---- */

/* One project being written. Days are day numbers, -1 = NULL. */
struct proj {
	long long id;
	int year;
	const char *title, *summary, *purpose, *target;
	const char *form, *domain, *ptype, *dept, *status;
	long start, end;
	long proposed, reviewed, decided, started, completed, evaluated;
	long ev_city, ev_partner, ev_committee; /* planned submissions */
	int published;
	long pub_day;
	long long policy;
	long long budget, city, partner; /* planned */
	long long b_act, c_act, p_act;   /* actual, -1 = NULL */
	int progress;
	int quality; /* 0–100: how well it went (scores follow) */
	int scale;   /* index into ctx.scales of its sheets */
	int next;    /* 1 it continues next year, 0 it ends, -1 unknown */
	long long created_by;
	int npart;
	long long part[3];
	const char *part_role[3];
	const char *ind_name[2], *ind_unit[2];
	long long ind_target[2], ind_actual[2];
};

/* Status, status dates, publication and evaluation dates of p (period,
 * year and form set). fixed is a status the data set prescribes or NULL. */
static void plan_status(struct ctx *c, struct proj *p, const char *fixed,
                        int pub_pct)
{
	long t = c->today;
	long decided = lmin(p->start - 20 - rn(c, 20), t - 3 - rn(c, 20));

	p->proposed = p->reviewed = p->decided = p->started = -1;
	p->completed = p->evaluated = -1;
	p->ev_city = p->ev_partner = p->ev_committee = -1;
	p->b_act = p->c_act = p->p_act = -1;
	p->quality = chance(c, 12) ? 25 + rn(c, 25) : 55 + rn(c, 42);
	if (fixed != NULL) {
		p->status = fixed;
		if (strcmp(fixed, "teian") == 0) {
			p->proposed = t - 5 - rn(c, 40);
		} else if (strcmp(fixed, "shinsa") == 0) {
			p->proposed = t - 60 - rn(c, 20);
			p->reviewed = p->proposed + 14 + rn(c, 10);
		} else {
			p->proposed = lmin(decided - 60, t - 90);
			p->reviewed = p->proposed + 20 + rn(c, 10);
			p->decided = p->reviewed + 14 + rn(c, 10);
		}
		p->published = 0;
		p->pub_day = -1;
		p->progress = 0;
		return;
	}
	p->decided = decided;
	p->proposed = decided - 40 - rn(c, 40);
	if (strcmp(p->ptype, "shimin") == 0 || strcmp(p->form, "josei") == 0)
		p->reviewed = p->proposed + 14 + rn(c, 14);
	if (p->start > t) {
		p->status = "saitaku";
		p->progress = 10;
	} else if (p->end >= t) {
		long span = lmax(p->end - p->start, 1);

		p->status = "jisshi";
		p->started = p->start;
		p->progress = 30 + (int)(60 * (t - p->start) / span);
		if (p->progress > 90)
			p->progress = 90;
	} else {
		int fy_now =
		    DEMO_TODAY_M >= 4 ? DEMO_TODAY_Y : DEMO_TODAY_Y - 1;
		int pct = p->year >= fy_now       ? 0
		          : p->year == fy_now - 1 ? 75
		                                  : 96;

		p->started = p->start;
		p->completed = lmin(p->end + rn(c, 8), t - 1);
		p->status = "kanryo";
		p->progress = 100;
		p->ev_city = p->completed + 10 + rn(c, 20);
		p->ev_partner = p->completed + 12 + rn(c, 25);
		if (chance(c, pct)) {
			p->ev_committee =
			    lmax(p->ev_city, p->ev_partner) + 20 + rn(c, 40);
			if (p->ev_committee < t - 2) {
				p->status = "hyoka";
				p->evaluated = p->ev_committee + rn(c, 3);
			} else {
				p->ev_committee = -1;
			}
		}
		if (p->ev_city >= t)
			p->ev_city = -1;
		if (p->ev_partner >= t)
			p->ev_partner = -1;
	}
	p->published = chance(c, pub_pct);
	p->pub_day = p->published ? lmin(decided + 3 + rn(c, 10), t - 1) : -1;
}

/* The latest status date (for updated_at). */
static long last_change(const struct proj *p)
{
	long d = p->proposed;

	d = lmax(d, p->reviewed);
	d = lmax(d, p->decided);
	d = lmax(d, p->started);
	d = lmax(d, p->completed);
	d = lmax(d, p->evaluated);
	return lmax(d, p->pub_day);
}

/* Budgets: planned from budget and the shares; actual when completed. */
static void plan_budget(struct ctx *c, struct proj *p, long long budget,
                        int city_pct, int partner_pct)
{
	p->budget = budget;
	p->city = budget * city_pct / 100;
	p->partner = budget * partner_pct / 100;
	if (p->completed >= 0) {
		int ratio = 86 + rn(c, 18); /* 86–103 % */

		if (p->quality < 45)
			ratio -= 10;
		p->b_act = budget * ratio / 100 / 1000 * 1000;
		p->c_act = p->b_act * city_pct / 100;
		p->p_act = p->b_act * partner_pct / 100;
	}
}

static int add_project(struct ctx *c, struct proj *p)
{
	sqlite3_stmt *st = c->st[S_PROJECT];
	char pub[32];

	b_int(st, 1, p->year);
	b_text(st, 2, p->title);
	b_text(st, 3, p->summary);
	b_text(st, 4, p->purpose);
	b_text(st, 5, p->target);
	b_day(st, 6, p->start);
	b_day(st, 7, p->end);
	b_text(st, 8, p->form);
	b_text(st, 9, p->domain);
	b_text(st, 10, p->ptype);
	b_text(st, 11, p->dept);
	b_text(st, 12, p->status);
	b_day(st, 13, p->proposed);
	b_day(st, 14, p->reviewed);
	b_day(st, 15, p->decided);
	b_day(st, 16, p->started);
	b_day(st, 17, p->completed);
	b_day(st, 18, p->evaluated);
	b_int(st, 19, p->published);
	if (p->published) {
		fmt_day(pub, p->pub_day);
		snprintf(pub + 10, sizeof(pub) - 10, " %02d:%02d:00", rn(c, 9),
		         rn(c, 60));
		b_text(st, 20, pub);
	} else {
		sqlite3_bind_null(st, 20);
	}
	b_id(st, 21, p->policy);
	b_nint(st, 22, p->budget);
	b_nint(st, 23, p->city);
	b_nint(st, 24, p->partner);
	b_nint(st, 25, p->b_act);
	b_nint(st, 26, p->c_act);
	b_nint(st, 27, p->p_act);
	b_int(st, 28, p->progress);
	b_id(st, 29, p->created_by);
	b_ts(c, st, 30, p->proposed);
	b_ts(c, st, 31, last_change(p));
	p->id = ++c->next_project;
	b_int(st, 32, p->id);
	if (run(c, S_PROJECT) < 0 || stage_row(c, S_PFLUSH) < 0)
		return -1;
	c->nprojects++;
	return 0;
}

/* project_fields from codes separated by spaces. */
static int add_fields(struct ctx *c, const struct proj *p, const char *codes)
{
	for (const char *f = codes; *f != '\0';) {
		char code[24];
		size_t len = strcspn(f, " ");
		sqlite3_stmt *st = c->st[S_PFIELD];

		snprintf(code, sizeof(code), "%.*s", (int)len, f);
		f += len;
		f += *f == ' ';
		b_int(st, 1, p->id);
		b_text(st, 2, code);
		b_int(st, 3, p->year);
		b_int(st, 4, p->published);
		if (run(c, S_PFIELD) < 0)
			return -1;
	}
	return 0;
}

/* Partners and 役割分担 (city first, then each partner). */
static int add_partners(struct ctx *c, const struct proj *p,
                        const char *city_text, const char *const *texts)
{
	sqlite3_stmt *st;

	for (int i = 0; i < p->npart; i++) {
		st = c->st[S_PARTNER];
		b_int(st, 1, p->id);
		b_int(st, 2, p->part[i]);
		b_text(st, 3, p->part_role[i]);
		b_int(st, 4, i + 1);
		if (run(c, S_PARTNER) < 0)
			return -1;
	}
	st = c->st[S_ROLE];
	b_int(st, 1, p->id);
	b_text(st, 2, "city");
	sqlite3_bind_null(st, 3);
	b_text(st, 4, city_text);
	b_int(st, 5, 0);
	if (run(c, S_ROLE) < 0)
		return -1;
	for (int i = 0; i < p->npart; i++) {
		if (texts[i] == NULL)
			continue;
		st = c->st[S_ROLE];
		b_int(st, 1, p->id);
		b_text(st, 2, "partner");
		b_int(st, 3, p->part[i]);
		b_text(st, 4, texts[i]);
		b_int(st, 5, i + 1);
		if (run(c, S_ROLE) < 0)
			return -1;
	}
	return 0;
}

/* project_form_details: only the columns of p's form. 交付額 and 契約金額
 * are given in every status (the amount applied for or planned until the
 * decision), as the staff form requires them, so that an export of the
 * demo imports back without problems. */
static int add_details(struct ctx *c, const struct proj *p, const char *detail,
                       const char *detail2, int first_year)
{
	sqlite3_stmt *st = c->st[S_DETAIL];
	const char *f = p->form;
	int approved = p->decided >= 0 && strcmp(p->status, "fusaitaku") != 0;

	b_int(st, 1, p->id);
	if (strcmp(f, "hojo") == 0 || strcmp(f, "josei") == 0) {
		b_text(st, 2,
		       detail != NULL ? detail
		                      : (strcmp(f, "hojo") == 0
		                             ? "まちづくり活動支援補助金"
		                             : "市民活動実践モデル事業助成金"));
		b_nint(st, 3, p->city);
		b_text(st, 4,
		       detail2 != NULL ? detail2 : "対象経費の2分の1以内");
	} else if (strcmp(f, "itaku") == 0 || strcmp(f, "shitei") == 0) {
		int shitei = strcmp(f, "shitei") == 0;
		long s = p->start, e = p->end;

		if (shitei) {
			/* five-year terms: 2023–2027, 2018–2022 … */
			int t0 = 2023 - ((2023 - p->year + 4) / 5) * 5;

			s = days_from_civil(t0, 4, 1);
			e = days_from_civil(t0 + 5, 3, 31);
		}
		b_nint(st, 5, p->city);
		b_day(st, 6, s);
		b_day(st, 7, e);
		b_text(st, 8, detail2 != NULL ? detail2 : "随意契約");
		b_text(st, 9, shitei ? detail : NULL);
	} else if (strcmp(f, "koen") == 0) {
		b_nint(st, 10, p->decided >= 0 ? approved : -1);
		b_day(st, 11, approved ? lmin(p->decided, p->start - 10) : -1);
		b_text(st, 12,
		       detail != NULL
		           ? detail
		           : "ポスター・チラシに「後援 "
		             "みなと市」と記載すること。内容を変更するときは改"
		             "めて承認を受けること。終了後1か月以内に実施報告書"
		             "を提出すること。");
	} else if (strcmp(f, "kyosai") == 0 || strcmp(f, "jikkoiinkai") == 0) {
		b_nint(st, 13, p->city);
		b_nint(st, 14, p->partner);
		b_text(
		    st, 15,
		    detail != NULL
		        ? detail
		        : "経費と役割の分担は、企画の段階で協議して定める。");
	} else if (strcmp(f, "kyotei") == 0) {
		long on = days_from_civil(first_year, 3, 20 + rn(c, 8));

		b_text(st, 16,
		       detail != NULL ? detail : "協働事業に関する協定");
		b_day(st, 17, on);
		b_day(st, 18, days_from_civil(first_year, 4, 1));
		b_day(st, 19, days_from_civil(first_year + 3, 3, 31));
	} else {
		b_text(st, 20, detail);
	}
	return run(c, S_DETAIL);
}

/* Indicators: 成果目標 and 活動指標 with targets, midterm and actual
 * values by status; actuals are kept in p for the evaluations. */
static int add_indicators(struct ctx *c, struct proj *p)
{
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = c->st[S_IND];
		long long t = p->ind_target[i];
		int pct = strcmp(p->ind_unit[i], "%") == 0;
		long mid_day = p->start + (p->end - p->start) / 2;
		long long actual = -1, mid = -1;
		int ratio = 70 + rn(c, 30) + p->quality / 5; /* ~75–130 % */

		if (p->completed >= 0) {
			actual = pct ? t * (85 + rn(c, 25)) / 100
			             : (t * ratio + 50) / 100;
			if (pct && actual > 100)
				actual = 100;
		}
		if (p->end - p->start > 120 && mid_day < c->today &&
		    p->started >= 0)
			mid = pct ? t * (80 + rn(c, 20)) / 100
			          : (t * ratio / 2 + 50) / 100;
		p->ind_actual[i] = actual;
		b_int(st, 1, p->id);
		b_text(st, 2, i == 0 ? "outcome" : "activity");
		b_text(st, 3, p->ind_name[i]);
		b_text(st, 4, p->ind_unit[i]);
		sqlite3_bind_double(st, 5, (double)t);
		if (mid >= 0) {
			sqlite3_bind_double(st, 6, (double)mid);
			b_day(st, 7, mid_day);
		}
		if (actual >= 0)
			sqlite3_bind_double(st, 8, (double)actual);
		b_text(st, 9, "");
		b_int(st, 10, i + 1);
		if (run(c, S_IND) < 0)
			return -1;
	}
	return 0;
}

/* 手続きの記録 for p's form: done up to today; for some completed but not
 * evaluated projects the reports are left open (overdue). */
static int add_steps(struct ctx *c, const struct proj *p)
{
	int fixed = strcmp(p->status, "teian") == 0 ||
	            strcmp(p->status, "shinsa") == 0 ||
	            strcmp(p->status, "fusaitaku") == 0;
	int late = strcmp(p->status, "kanryo") == 0 && chance(c, 50);
	int noted = 0;
	long long who = dept_user(c, p->dept);
	int first = 1;

	if (who == 0)
		who = c->user[U_ADMIN];
	for (int i = 0; i < c->nsk; i++) {
		const struct step_kind *k = &c->sk[i];
		sqlite3_stmt *st;
		long due = -1, done = -1;
		const char *note = "";

		if (strcmp(k->form, p->form) != 0)
			continue;
		if (fixed && !first)
			break;
		if (k->optional) {
			/* 中間報告 on long contracts, 変更承認 now and then */
			if (strcmp(k->code, "chukan") == 0 &&
			    p->end - p->start > 180 && p->started >= 0)
				done = p->start + (p->end - p->start) / 2;
			else if (p->started >= 0 && chance(c, 8)) {
				done = p->start + 20 + rn(c, 20);
				note = "日程と会場の変更による";
			} else
				continue;
			if (done >= c->today)
				continue;
		} else if (k->base != 0) {
			due = (k->base == 's' ? p->start : p->end) + k->days;
			if (fixed)
				due = -1;
			if (due >= 0 && due < c->today &&
			    !(late && k->base == 'e' && due > c->today - 150))
				done = due - rn(c, 7);
		} else {
			done = p->start + (p->end - p->start) / 3;
			if (p->started < 0 || done >= c->today)
				done = -1;
		}
		if (fixed)
			done = p->proposed;
		if (done < 0 && due >= 0 && due < c->today && !noted &&
		    (strcmp(k->code, "jisseki") == 0 ||
		     strcmp(k->code, "hokoku") == 0 ||
		     strcmp(k->code, "kanryo") == 0)) {
			note = "提出期限を過ぎたため、団体に提出を依頼済み";
			noted = 1;
		}
		first = 0;
		st = c->st[S_STEP];
		b_int(st, 1, p->id);
		b_text(st, 2, p->form);
		b_text(st, 3, k->code);
		b_day(st, 4, due);
		b_day(st, 5, done);
		b_id(st, 6, done >= 0 ? who : 0);
		b_text(st, 7, note);
		if (run(c, S_STEP) < 0)
			return -1;
	}
	return 0;
}

/* The smallest actual / target of p's indicators in %, -1 if none. */
static int achievement(const struct proj *p)
{
	int a = -1;

	for (int i = 0; i < 2; i++) {
		int r;

		if (p->ind_actual[i] < 0 || p->ind_target[i] <= 0)
			continue;
		r = (int)(p->ind_actual[i] * 100 / p->ind_target[i]);
		if (a < 0 || r < a)
			a = r;
	}
	return a;
}

/* The outcome text: each indicator's target and actual. */
static void outcome_text(char *out, size_t n, const struct proj *p)
{
	int reached = 1;

	out[0] = '\0';
	for (int i = 0; i < 2; i++) {
		char t[32], a[32], line[256];

		if (p->ind_actual[i] < 0)
			continue;
		fmt_num(t, sizeof(t), p->ind_target[i]);
		fmt_num(a, sizeof(a), p->ind_actual[i]);
		snprintf(line, sizeof(line),
		         "%sは目標%s%sに対し、実績%s%sでした。", p->ind_name[i],
		         t, p->ind_unit[i], a, p->ind_unit[i]);
		cat(out, n, line);
		if (p->ind_actual[i] < p->ind_target[i])
			reached = 0;
	}
	if (out[0] != '\0')
		cat(out, n,
		    reached ? "いずれも目標を達成しました。"
		            : "目標に届かなかった指標があります。");
}

/* One evaluation sheet with its principle scores. kind: city, partner or
 * committee; group for partner sheets; submitted < 0 = draft. */
static int add_eval(struct ctx *c, const struct proj *p, const char *kind,
                    long long group, const char *stage, long submitted,
                    int publish)
{
	const struct scale *s = &c->scales[p->scale];
	sqlite3_stmt *st = c->st[S_EVAL];
	int final = strcmp(stage, "final") == 0;
	int partner = strcmp(kind, "partner") == 0;
	int committee = strcmp(kind, "committee") == 0;
	int q = p->quality + rn(c, 16) - 8 - (partner ? 3 : 0);
	int ach = achievement(p);
	int iq = ach < 0 ? q : (q + (ach > 110 ? 90 : ach - 20)) / 2;
	int impl = level_at(s, iq + rn(c, 16) - 8);
	int roles = level_at(s, q + rn(c, 20) - 10);
	int sum = 0;
	long long eid, author;
	long created;
	char outcome[768], plan[256];
	const char *plan_result = NULL;
	int issue = rn(c, (int)NELEM(demo_issues));
	int levels[16];

	if (committee)
		author = c->user[U_COMMITTEE];
	else if (partner)
		author = group == c->account_group ? c->user[U_GROUP] : 0;
	else
		author = dept_user(c, p->dept);
	b_int(st, 1, p->id);
	b_text(st, 2, kind);
	b_id(st, 3, author);
	b_id(st, 4, partner ? group : 0);
	b_int(st, 5, p->year);
	b_text(st, 6, stage);
	b_text(st, 7, s->code);
	b_int(st, 8, impl);
	b_text(st, 9,
	       !final ? "中間の時点では、おおむね予定どおりに進んでいます。"
	       : ach < 0 ? (q >= 60 ? demo_impl_good[2] : demo_impl_mid[1])
	       : ach >= 100 && q >= 55 ? PICK(c, demo_impl_good)
	       : ach >= 80             ? PICK(c, demo_impl_mid)
	       : q >= 60               ? demo_impl_low[1]
	                               : demo_impl_low[0]);
	b_int(st, 10, roles);
	b_text(st, 11,
	       q >= 70   ? PICK(c, demo_roles_good)
	       : q >= 45 ? PICK(c, demo_roles_mid)
	                 : PICK(c, demo_roles_low));
	outcome[0] = plan[0] = '\0';
	if (final && p->b_act >= 0) {
		char b[32], a[32];
		long long diff = p->b_act - p->budget;

		if (diff < 0)
			diff = -diff;
		plan_result = diff * 100 <= p->budget * 5    ? "as_planned"
		              : diff * 100 <= p->budget * 20 ? "partly"
		                                             : "not";
		fmt_num(b, sizeof(b), p->budget);
		fmt_num(a, sizeof(a), p->b_act);
		snprintf(plan, sizeof(plan),
		         "事業費は計画%s円に対し、実績%s円（%lld%%）でした。",
		         b, a,
		         p->budget > 0 ? p->b_act * 100 / p->budget : 100);
		outcome_text(outcome, sizeof(outcome), p);
	} else if (!final) {
		snprintf(outcome, sizeof(outcome), "%s",
		         "中間の時点では、おおむね計画どおりに進んでいます。");
	}
	b_text(st, 12, plan_result);
	b_text(st, 13, plan);
	b_text(st, 14, outcome);
	b_text(st, 15, demo_issues[issue][0]);
	b_text(st, 16, demo_issues[issue][1]);
	if (final) {
		const char *dir;

		if (p->next == 0)
			dir = chance(c, 80) ? "shuryo" : "shukusho";
		else if (q >= 80)
			dir = chance(c, 35) ? "kakuju" : "keizoku";
		else if (q >= 55)
			dir = chance(c, 60) ? "keizoku" : "kaizen";
		else
			dir = chance(c, 75) ? "kaizen" : "shukusho";
		b_text(st, 17, dir);
	}
	b_int(st, 19, level_at(s, q + rn(c, 16) - 8));
	created = submitted >= 0 ? submitted - 3 - rn(c, 10)
	                         : lmin(p->end + 10, c->today - 3);
	b_day(st, 21, submitted);
	b_int(st, 22, publish);
	b_day(st, 23,
	      publish ? lmin(submitted + 14 + rn(c, 14), c->today - 1) : -1);
	b_ts(c, st, 24, created);
	b_ts(c, st, 25, submitted >= 0 ? submitted : created);
	/* the principle scores first: their average decides the verdict */
	for (int i = 0; i < c->npr; i++) {
		int pq = q + rn(c, 30) - 15;

		if (partner && strcmp(c->pr[i].code, "taito") == 0 &&
		    (strcmp(p->form, "hojo") == 0 ||
		     strcmp(p->form, "josei") == 0))
			pq -= 15; /* 補助: 対等性を失いやすい */
		levels[i] = level_at(s, pq);
		for (int l = 0; l < s->n; l++)
			if (s->lv[l].level == levels[i])
				sum += s->lv[l].points;
	}
	if (committee && final) {
		int avg = c->npr > 0 ? sum / c->npr : 50;
		int v = avg >= 75 ? 0 : avg >= 45 ? 1 : 2;
		static const char *const verdicts[] = {"yuryo", "ryoko",
		                                       "kaizen"};

		b_text(st, 18, verdicts[v]);
		b_text(st, 20, demo_committee_comments[v][rn(c, 2)]);
	} else if (committee) {
		b_text(st, 20,
		       "中間の時点の評価です。後半の取り組みに期待します。");
	} else {
		b_text(st, 20,
		       partner ? PICK(c, demo_partner_comments)
		               : PICK(c, demo_city_comments));
	}
	if ((eid = run_id(c, S_EVAL)) < 0)
		return -1;
	c->nevals++;
	if (c->npr == 7) {
		st = c->st[S_SCORE7];
		b_int(st, 1, eid);
		b_text(st, 2, s->code);
	}
	for (int i = 0; i < c->npr; i++) {
		const char *comment = "";

		if (needs_comment(s, levels[i])) {
			comment = demo_low_generic;
			for (size_t k = 0; k < NELEM(demo_low_comments); k++)
				if (strcmp(demo_low_comments[k][0],
				           c->pr[i].code) == 0)
					comment =
					    demo_low_comments[k]
					                     [partner ? 1 : 2];
		}
		if (c->npr == 7) {
			b_int(st, 3 + 3 * i, c->pr[i].id);
			b_int(st, 4 + 3 * i, levels[i]);
			b_text(st, 5 + 3 * i, comment);
			continue;
		}
		st = c->st[S_SCORE];
		b_int(st, 1, eid);
		b_int(st, 2, c->pr[i].id);
		b_text(st, 3, s->code);
		b_int(st, 4, levels[i]);
		b_text(st, 5, comment);
		if (run(c, S_SCORE) < 0)
			return -1;
	}
	if (c->npr == 7 && run(c, S_SCORE7) < 0)
		return -1;
	return 0;
}

/* The sheets of p: for evaluated projects the department's, each
 * partner's (the first always) and the committee's; for completed ones
 * the department's (and partners' drafts); a midterm sheet for some
 * running ones. Committee sheets of published projects are published,
 * the self-evaluations about half the time. Then the 相互評価 talk. */
static int add_evals(struct ctx *c, const struct proj *p, int partner_pct,
                     int disc_pct)
{
	int hyoka = strcmp(p->status, "hyoka") == 0;
	int kanryo = strcmp(p->status, "kanryo") == 0;
	int pub_self = p->published && hyoka && chance(c, 50);

	if (strcmp(p->status, "jisshi") == 0 && !c->bulk && chance(c, 40)) {
		long mid = p->start + (p->end - p->start) / 2;

		if (mid < c->today - 5)
			return add_eval(c, p, "city", 0, "midterm", mid + 5, 0);
		return 0;
	}
	if (!hyoka && !kanryo)
		return 0;
	if (add_eval(c, p, "city", 0, "final", p->ev_city,
	             pub_self && p->ev_city >= 0) < 0)
		return -1;
	for (int i = 0; i < p->npart; i++) {
		long sub = p->ev_partner;

		if (i > 0 && !chance(c, partner_pct))
			continue;
		if (kanryo && !chance(c, 50))
			continue;
		if (kanryo && chance(c, 50))
			sub = -1; /* a draft */
		if (add_eval(c, p, "partner", p->part[i], "final", sub,
		             pub_self && sub >= 0) < 0)
			return -1;
	}
	if (hyoka && p->ev_committee >= 0 &&
	    add_eval(c, p, "committee", 0, "final", p->ev_committee,
	             p->published) < 0)
		return -1;
	if (hyoka && p->npart > 0 && chance(c, disc_pct)) {
		sqlite3_stmt *st = c->st[S_DISC];
		long held =
		    lmin(lmax(p->ev_city, p->ev_partner) + 5 + rn(c, 10),
		         c->today - 1);
		long long who = dept_user(c, p->dept);

		b_int(st, 1, p->id);
		b_int(st, 2, p->year);
		b_day(st, 3, held);
		b_text(st, 4, PICK(c, demo_shared));
		b_text(st, 5, PICK(c, demo_differences));
		b_text(st, 6, PICK(c, demo_next_steps));
		b_id(st, 7, who != 0 ? who : c->user[U_ADMIN]);
		b_ts(c, st, 8, held);
		if (run(c, S_DISC) < 0)
			return -1;
	}
	return 0;
}

/* 参加者アンケート: n answers after the end of p. */
static int add_surveys(struct ctx *c, const struct proj *p, int n)
{
	for (int i = 0; i < n; i++) {
		sqlite3_stmt *st = c->st[S_SURVEY];
		int s = p->quality / 25 + 1 + rn(c, 3) - (rn(c, 4) == 0);

		s = s < 1 ? 1 : s > 5 ? 5 : s;
		b_int(st, 1, p->id);
		b_int(st, 2, s);
		b_text(st, 3, PICK(c, demo_survey_comments));
		b_ts(c, st, 4,
		     lmin(p->end - rn(c, 3) + rn(c, 14), c->today - 1));
		if (run(c, S_SURVEY) < 0)
			return -1;
	}
	return 0;
}

/* ---- The demo scale ---- */

static int demo_projects_load(struct ctx *c)
{
	for (size_t t = 0; t < NELEM(demo_projects); t++) {
		const struct demo_project *d = &demo_projects[t];
		int first_year = 0;

		for (int y = 0; y < 3; y++)
			if ((d->years & (1u << y)) && first_year == 0)
				first_year = 2024 + y;
		for (int y = 0; y < 3; y++) {
			struct proj p = {0};
			char title[256];
			int fy = 2024 + y;
			const char *r;
			long long scale_up = 100 + 3 * y;

			if (!(d->years & (1u << y)))
				continue;
			expand(title, sizeof(title), d->title, d->nth + y, fy);
			p.year = fy;
			p.title = title;
			p.summary = d->summary;
			p.purpose = d->purpose;
			p.target = d->target;
			p.form = d->form;
			p.domain = d->domain;
			p.ptype = d->ptype;
			p.dept = d->dept;
			p.start = fy_day(fy, d->start_md);
			p.end = fy_day(fy, d->end_md);
			p.policy = policy_by_code(c, d->policy);
			p.created_by = dept_user(c, d->dept);
			p.next = (d->years >> (y + 1)) != 0;
			p.scale = c->def_scale;
			if (fy == 2024 && t % 9 == 4)
				p.scale = (c->def_scale + 1) % c->nscales;
			plan_status(c, &p, d->status,
			            strstr(d->title, "{n}") != NULL ? 100
			            : fy == 2026                    ? 74
			                                            : 90);
			plan_budget(c, &p,
			            d->budget * scale_up / 100 / 1000 * 1000,
			            d->city_pct, d->partner_pct);
			/* partners "slug:role slug:role" */
			r = d->partners;
			while (*r != '\0' && p.npart < 3) {
				size_t len = strcspn(r, ":");
				size_t rlen;
				static const char *const roles[] = {
				    "shusai",  "kyosai",  "jutaku", "hojo",
				    "josei",   "shitei",  "kyotei", "jikko",
				    "sankaku", "kyoryoku"};

				p.part[p.npart] = group_by_slug(c, r, len);
				r += len + (r[len] == ':');
				rlen = strcspn(r, " ");
				p.part_role[p.npart] = "kyoryoku";
				for (size_t k = 0; k < NELEM(roles); k++)
					if (strlen(roles[k]) == rlen &&
					    memcmp(roles[k], r, rlen) == 0)
						p.part_role[p.npart] = roles[k];
				r += rlen;
				r += *r == ' ';
				if (p.part[p.npart] == 0) {
					fprintf(stderr,
					        "demo_load: unknown partner in "
					        "%s\n",
					        d->title);
					return -1;
				}
				p.npart++;
			}
			for (int i = 0; i < 2; i++) {
				double tg = d->ind_target[i];

				p.ind_name[i] = d->ind_name[i];
				p.ind_unit[i] = d->ind_unit[i];
				p.ind_target[i] =
				    strcmp(d->ind_unit[i], "%") == 0 || tg < 50
				        ? (long long)tg
				        : (long long)(tg * (100 + 4 * y) / 100);
			}
			if (add_project(c, &p) < 0 ||
			    add_fields(c, &p, d->fields) < 0 ||
			    add_partners(c, &p, d->city_role, d->partner_role) <
			        0 ||
			    add_details(c, &p, d->detail, d->detail2,
			                first_year) < 0 ||
			    add_indicators(c, &p) < 0 || add_steps(c, &p) < 0 ||
			    add_evals(c, &p, 60, 70) < 0)
				return -1;
			if (p.published && p.completed >= 0 &&
			    strcmp(p.form, "itaku") != 0 &&
			    strcmp(p.form, "shitei") != 0 && chance(c, 45) &&
			    add_surveys(c, &p, 3 + rn(c, 10)) < 0)
				return -1;
			c->demo_pid[t][y] = p.id;
		}
	}
	return 0;
}

static int demo_proposals_load(struct ctx *c)
{
	for (size_t i = 0; i < NELEM(demo_proposals); i++) {
		const struct demo_proposal *d = &demo_proposals[i];
		sqlite3_stmt *st = c->st[S_PROPOSAL];
		char email[64], phone[32], created[32];
		long long pid = 0;

		if (d->project != NULL)
			for (size_t t = 0; t < NELEM(demo_projects); t++)
				if (strcmp(demo_projects[t].title,
				           d->project) == 0)
					pid = c->demo_pid[t][2];
		snprintf(email, sizeof(email), "teian%02zu@example.jp", i + 1);
		snprintf(phone, sizeof(phone), "0143-00-%04zu", 9001 + i);
		snprintf(created, sizeof(created), "%s %02zu:%02zu:00",
		         d->created, 1 + i % 8, (i * 17) % 60);
		b_text(st, 1, d->title);
		b_text(st, 2, d->body);
		b_text(st, 3, d->field);
		b_text(st, 4, d->name);
		b_text(st, 5, d->group);
		b_text(st, 6, email);
		b_text(st, 7, i % 3 == 1 ? "" : phone);
		b_text(st, 8, d->status);
		b_text(st, 9, d->dept);
		b_text(st, 10, d->reply);
		b_text(st, 11, d->replied);
		b_id(st, 12, pid);
		b_text(st, 13, created);
		if (run(c, S_PROPOSAL) < 0)
			return -1;
	}
	return 0;
}

/* ---- Bulk scales ---- */

/* The parameters of a bulk scale. */
struct bulk {
	long long groups, projects;
	int first_year; /* oldest fiscal year */
	int committee;  /* % of evaluated projects with a committee sheet */
	int partner2;   /* % of further partners with their own sheet */
	int steps_from; /* fiscal year from which steps are recorded */
};

/* Bulk group i: names from the word lists by kind. */
static long long bulk_group(struct ctx *c, long long i)
{
	static const char *const kinds[] = {
	    "chonaikai", "chonaikai", "chonaikai", "npo",    "npo",
	    "npo",       "npo",       "kigyo",     "kigyo",  "jikko",
	    "kokyo",     "daigaku",   "kojin",     "gyosei", "npo",
	    "chonaikai", "npo",       "kigyo",     "npo",    "chonaikai"};
	static const struct demo_word kokyo[] = {
	    {"社会福祉協議会", "シャカイフクシキョウギカイ"},
	    {"体育振興会", "タイイクシンコウカイ"},
	    {"老人クラブ連合会", "ロウジンクラブレンゴウカイ"},
	    {"子ども会育成連絡協議会",
	     "コドモカイイクセイレンラクキョウギカイ"},
	    {"青少年健全育成会", "セイショウネンケンゼンイクセイカイ"}};
	static const struct demo_word jikko[] = {
	    {"夏まつり実行委員会", "ナツマツリジッコウイインカイ"},
	    {"文化祭実行委員会", "ブンカサイジッコウイインカイ"},
	    {"防災推進協議会", "ボウサイスイシンキョウギカイ"},
	    {"まちづくり協議会", "マチヅクリキョウギカイ"}};
	static const struct demo_word school[] = {
	    {"高等学校", "コウトウガッコウ"},
	    {"看護専門学校", "カンゴセンモンガッコウ"},
	    {"大学 地域連携室", "ダイガク　チイキレンケイシツ"}};
	static const struct demo_word office[] = {
	    {"保健所", "ホケンジョ"},
	    {"土木事務所", "ドボクジムショ"},
	    {"農業改良普及センター", "ノウギョウカイリョウフキュウセンター"},
	    {"海上保安署", "カイジョウホアンショ"}};
	static const char *const statuses[] = {
	    "toroku", "toroku", "toroku",  "toroku", "toroku",
	    "toroku", "toroku", "toroku",  "toroku", "toroku",
	    "toroku", "toroku", "toroku",  "toroku", "toroku",
	    "toroku", "toroku", "shinsei", "kyushi", "massho"};
	const char *kind = kinds[rn(c, (int)NELEM(kinds))];
	const struct demo_area *a = &demo_areas[rn(c, 9)];
	const struct demo_gtheme *th =
	    &demo_gthemes[rn(c, (int)NELEM(demo_gthemes))];
	struct grow g = {0};
	char name[256], kana[256], fields[64], purpose[256], acts[256];
	char web[64] = "", email[64] = "", phone[32] = "", rphone[32];
	char raddr[128], remail[64], founded[8];
	int fy = 1950 + rn(c, 75);
	long long id;

	if (strcmp(kind, "chonaikai") == 0) {
		const struct demo_word *t =
		    &demo_towns[rn(c, (int)NELEM(demo_towns))];
		const struct demo_word *ch =
		    &demo_chome[rn(c, (int)NELEM(demo_chome))];
		int jichi = chance(c, 40);

		snprintf(name, sizeof(name), "%s%s%s", t->w, ch->w,
		         jichi ? "自治会" : "町内会");
		snprintf(kana, sizeof(kana), "%s%s%s", t->kana, ch->kana,
		         jichi ? "ジチカイ" : "チョウナイカイ");
		snprintf(fields, sizeof(fields), "machi %s",
		         chance(c, 50) ? "bosai" : th->field);
		snprintf(purpose, sizeof(purpose),
		         "会員相互の親睦を深め、安全で住みよい%"
		         "sをつくることを目的とします。",
		         t->w);
		snprintf(acts, sizeof(acts), "%s",
		         "防災訓練、夏まつり、ごみステーションの管理、防犯灯の"
		         "維持管理、回覧板による情報の共有を行っています。");
		g.members = 50 + rn(c, 600);
	} else if (strcmp(kind, "npo") == 0 || strcmp(kind, "kigyo") == 0) {
		const struct demo_word *nick =
		    &demo_nicknames[rn(c, (int)NELEM(demo_nicknames))];

		if (strcmp(kind, "npo") == 0) {
			const struct demo_word *sx =
			    &demo_gsuffixes[rn(c, (int)NELEM(demo_gsuffixes))];
			int npo = chance(c, 25);

			snprintf(name, sizeof(name), "%s%s%s%s",
			         npo ? "NPO法人" : "", nick->w, th->w, sx->w);
			snprintf(kana, sizeof(kana), "%s%s%s", nick->kana,
			         th->kana, sx->kana);
			snprintf(fields, sizeof(fields), "%s", th->field);
			snprintf(purpose, sizeof(purpose),
			         "%sの活動を通じて、誰もが暮らしやすい地域をつ"
			         "くります。",
			         th->w);
			snprintf(acts, sizeof(acts),
			         "%sを中心に、月例の活動と年1回の発表会を行って"
			         "います。",
			         th->w);
			g.members = 5 + rn(c, 80);
		} else {
			const struct demo_word *b = &demo_businesses[rn(
			    c, (int)NELEM(demo_businesses))];

			snprintf(name, sizeof(name), "株式会社%s%s", nick->w,
			         b->w);
			snprintf(kana, sizeof(kana), "%s%s", nick->kana,
			         b->kana);
			snprintf(fields, sizeof(fields), "sangyo %s",
			         th->field);
			snprintf(purpose, sizeof(purpose), "%s",
			         "事業を通じて地域の暮らしを支え、地域に貢献し"
			         "ます。");
			snprintf(acts, sizeof(acts),
			         "%s業。地域の行事への協賛、職場体験の受入れを"
			         "行っています。",
			         b->w);
			g.members = 5 + rn(c, 200);
		}
	} else {
		const struct demo_word *w =
		    strcmp(kind, "kokyo") == 0
		        ? &kokyo[rn(c, (int)NELEM(kokyo))]
		    : strcmp(kind, "jikko") == 0
		        ? &jikko[rn(c, (int)NELEM(jikko))]
		    : strcmp(kind, "daigaku") == 0
		        ? &school[rn(c, (int)NELEM(school))]
		        : &office[rn(c, (int)NELEM(office))];

		if (strcmp(kind, "kojin") == 0) {
			int n = 1 + rn(c, 30);

			snprintf(name, sizeof(name),
			         "%s地区 個人ボランティア 第%d班",
			         a->short_name, n);
			char num[64];

			snprintf(kana, sizeof(kana),
			         "%sチク　コジンボランティア　ダイ%sハン",
			         a->kana, kana_number(num, sizeof(num), n));
		} else {
			snprintf(name, sizeof(name), "%s%s%s", a->short_name,
			         strcmp(kind, "gyosei") == 0 ||
			                 strcmp(kind, "daigaku") == 0
			             ? ""
			             : "地区",
			         w->w);
			snprintf(kana, sizeof(kana), "%s%s%s", a->kana,
			         strcmp(kind, "gyosei") == 0 ||
			                 strcmp(kind, "daigaku") == 0
			             ? ""
			             : "チク",
			         w->kana);
		}
		snprintf(fields, sizeof(fields), "%s", th->field);
		snprintf(purpose, sizeof(purpose),
		         "%sで、地域の皆さんとともに%sの活動を進めます。",
		         a->area, th->w);
		snprintf(acts, sizeof(acts),
		         "%sに関する事業と、関係団体との連携を行っています。",
		         th->w);
		g.members = rn(c, 60);
	}
	snprintf(founded, sizeof(founded), "%d", fy);
	g.name = name;
	g.kana = kana;
	g.kind = kind;
	g.area = a->area;
	g.founded = founded;
	g.fee = chance(c, 50) ? "年額1,200円" : "なし";
	g.purpose = purpose;
	g.activities = acts;
	if (chance(c, 30))
		snprintf(web, sizeof(web), "https://g%lld.example.org/", i + 1);
	if (chance(c, 40))
		snprintf(email, sizeof(email), "info@g%lld.example.org", i + 1);
	if (chance(c, 20))
		snprintf(phone, sizeof(phone), "0143-00-%04lld",
		         1000 + i % 9000);
	snprintf(rphone, sizeof(rphone), "0143-00-%04lld", i % 10000);
	snprintf(raddr, sizeof(raddr), "みなと市%s%d丁目%d番%d号", a->town,
	         1 + rn(c, 5), 1 + rn(c, 20), 1 + rn(c, 30));
	snprintf(remail, sizeof(remail), "rep%lld@example.jp", i + 1);
	g.web = web;
	g.email = email;
	g.phone = phone;
	g.rep = PICK(c, demo_reps);
	g.rep_phone = rphone;
	g.rep_address = raddr;
	g.rep_email = remail;
	g.rep_public = chance(c, 25) ? DG_REP_NAME : 0;
	g.status = statuses[rn(c, (int)NELEM(statuses))];
	g.fields = fields;
	g.applied = days_from_civil(fy < 2005   ? 2005
	                            : fy > 2025 ? 2025
	                                        : fy,
	                            4, 1) +
	            rn(c, 300);
	g.registered = -1;
	g.suspended = -1;
	if (strcmp(g.status, "shinsei") == 0) {
		g.applied = c->today - 10 - rn(c, 60);
		g.note = "書類の確認中です。";
	} else {
		g.registered = g.applied + 14 + rn(c, 30);
		if (strcmp(g.status, "kyushi") == 0) {
			g.suspended = g.registered + 365 + rn(c, 365);
			g.note = "役員の交代のため活動を休止しています。";
		} else if (strcmp(g.status, "massho") == 0) {
			g.suspended = g.registered + 365 + rn(c, 365);
			g.note = "解散の届出により抹消しました。";
		}
	}
	if ((id = add_group(c, &g)) < 0)
		return -1;
	if (strcmp(g.status, "toroku") == 0)
		c->listed[c->nlisted++] = id;
	return id;
}

/* Bulk project i of fiscal year fy. */
static int bulk_project(struct ctx *c, const struct bulk *b, int fy)
{
	const struct demo_theme *th =
	    &demo_themes[rn(c, (int)NELEM(demo_themes))];
	const struct demo_area *a = &demo_areas[rn(c, 9)];
	static const int form_weight[] = {14, 16, 18, 14, 8, 6, 7, 4, 5, 8};
	const struct demo_form_words *fw = NULL;
	const char *partner_texts[3];
	char title[256], summary[512], fields[48];
	struct proj p = {0};
	int w = rn(c, 100), f = 0, smd, emd, m;
	long long budget;
	int city_pct, partner_pct;

	for (f = 0; f < (int)NELEM(form_weight) - 1 && w >= form_weight[f]; f++)
		w -= form_weight[f];
	fw = &demo_form_words[f];
	p.year = fy;
	p.form = fw->form;
	p.domain = "kyoryoku";
	for (int i = 0; i < c->nfd; i++)
		if (strcmp(c->fd[i].form, p.form) == 0)
			p.domain = c->fd[i].domain;
	if (chance(c, 4))
		p.domain = chance(c, 50) ? "shimin_shutai" : "gyosei_shutai";
	p.ptype = (strcmp(p.form, "hojo") == 0 ||
	           strcmp(p.form, "josei") == 0 || strcmp(p.form, "koen") == 0)
	              ? (chance(c, 85) ? "shimin" : "gyosei")
	              : (chance(c, 85) ? "gyosei" : "shimin");
	p.dept = chance(c, 85) ? th->dept : "kyodo";
	m = 4 + rn(c, 9); /* April to December */
	smd = m * 100 + 1;
	emd =
	    chance(c, 40) ? 331 : ((m + 1 + rn(c, 3) - 1) % 12 + 1) * 100 + 28;
	if (emd / 100 >= 4 && emd / 100 < m)
		emd = 331;
	p.start = fy_day(fy, smd);
	p.end = fy_day(fy, emd);
	if (p.end < p.start)
		p.end = fy_day(fy, 331);
	{
		/* a measure (not a 基本方針) for two projects in three */
		int k = rn(c, (int)NELEM(demo_policies));

		if (strchr(demo_policies[k].code, '-') != NULL && chance(c, 67))
			p.policy = c->policy_id[k];
	}
	p.created_by = dept_user(c, p.dept);
	p.next = -1;
	p.scale = c->def_scale;
	plan_status(c, &p,
	            fy == DEMO_TODAY_Y && chance(c, 3)
	                ? (chance(c, 50) ? "teian" : "shinsa")
	            : chance(c, 1) ? "fusaitaku"
	                           : NULL,
	            88);
	budget = (50 + rn(c, 950)) * 2000LL;
	if (strcmp(p.form, "shitei") == 0 || strcmp(p.form, "itaku") == 0)
		budget *= 5;
	city_pct = strcmp(p.form, "koen") == 0 ? 0
	           : strcmp(p.form, "itaku") == 0 ||
	                   strcmp(p.form, "joho") == 0 ||
	                   strcmp(p.form, "sankaku") == 0
	               ? 100
	               : 40 + rn(c, 40);
	partner_pct = 100 - city_pct > 0 ? rn(c, 100 - city_pct) : 0;
	plan_budget(c, &p, budget, city_pct, partner_pct);
	p.npart = c->nlisted > 0 ? 1 + (chance(c, 40) + chance(c, 20)) : 0;
	for (int i = 0; i < p.npart; i++) {
		long long g = c->listed[rnd(c) % (uint64_t)c->nlisted];
		int dup = 0;

		for (int k = 0; k < i; k++)
			dup |= p.part[k] == g;
		if (dup) {
			p.npart = i;
			break;
		}
		p.part[i] = g;
		p.part_role[i] = i == 0 ? fw->partner_role : "kyoryoku";
		partner_texts[i] =
		    i == 0 ? fw->partner_does : "事業への協力と参加の呼びかけ";
	}
	snprintf(title, sizeof(title), "%s地区 %s%s", a->short_name, th->w,
	         fw->w[rn(c, 2)]);
	snprintf(summary, sizeof(summary), "%sで%sを協働で行います。", a->area,
	         th->what);
	p.title = title;
	p.summary = summary;
	p.purpose = th->purpose;
	p.target = th->target;
	for (int i = 0; i < 2; i++) {
		p.ind_name[i] = th->ind[i];
		p.ind_unit[i] = th->unit[i];
		p.ind_target[i] = th->base[i] * (80 + rn(c, 50)) / 100;
		if (p.ind_target[i] < 1)
			p.ind_target[i] = 1;
	}
	snprintf(fields, sizeof(fields), "%s", th->field);
	if (chance(c, 40)) {
		cat(fields, sizeof(fields), " ");
		cat(fields, sizeof(fields), PICK(c, demo_gthemes).field);
	}
	if (add_project(c, &p) < 0 || add_fields(c, &p, fields) < 0 ||
	    add_partners(c, &p, fw->city_does, partner_texts) < 0 ||
	    add_details(c, &p, NULL, NULL, fy) < 0 || add_indicators(c, &p) < 0)
		return -1;
	if (fy >= b->steps_from && add_steps(c, &p) < 0)
		return -1;
	if (strcmp(p.status, "hyoka") == 0 && !chance(c, b->committee))
		p.ev_committee = -1;
	if (add_evals(c, &p, b->partner2, 10) < 0)
		return -1;
	if (p.published && p.completed >= 0 && chance(c, 5) &&
	    add_surveys(c, &p, 3) < 0)
		return -1;
	return 0;
}

static int bulk_proposals(struct ctx *c, long long n)
{
	static const char *const statuses[] = {"uketsuke", "kento", "kaito",
	                                       "kaito", "miokuri"};

	for (long long i = 0; i < n; i++) {
		const struct demo_theme *th =
		    &demo_themes[rn(c, (int)NELEM(demo_themes))];
		const struct demo_area *a = &demo_areas[rn(c, 9)];
		const char *status = PICK(c, statuses);
		int answered = strcmp(status, "kaito") == 0 ||
		               strcmp(status, "miokuri") == 0;
		sqlite3_stmt *st = c->st[S_PROPOSAL];
		char title[256], body[512], email[64];
		long day = c->today - 1 - rn(c, 1500);

		snprintf(title, sizeof(title), "%sで%sを", a->area, th->w);
		snprintf(body, sizeof(body),
		         "%sで、%sを始めてはどうでしょうか。%s", a->area,
		         th->what, th->purpose);
		snprintf(email, sizeof(email), "teian%lld@example.jp", i + 1);
		b_text(st, 1, title);
		b_text(st, 2, body);
		b_text(st, 3, th->field);
		b_text(st, 4, PICK(c, demo_reps));
		b_text(st, 5, "");
		b_text(st, 6, email);
		b_text(st, 7, "");
		b_text(st, 8, status);
		b_text(st, 9,
		       strcmp(status, "uketsuke") == 0 ? NULL : th->dept);
		b_text(st, 10,
		       answered ? "ご提案ありがとうございます。関係課で検討した"
		                  "結果をお知らせします。"
		                : "");
		b_day(st, 11,
		      answered ? lmin(day + 30 + rn(c, 30), c->today - 1) : -1);
		sqlite3_bind_null(st, 12);
		b_ts(c, st, 13, day);
		if (run(c, S_PROPOSAL) < 0)
			return -1;
	}
	return 0;
}

static int bulk_load(struct ctx *c, const struct bulk *b, const char *hash)
{
	long long group_user = 0;
	int years = DEMO_TODAY_Y - b->first_year + 1;

	c->listed = malloc(sizeof(*c->listed) * (size_t)b->groups);
	if (c->listed == NULL) {
		fprintf(stderr, "demo_load: out of memory\n");
		return -1;
	}
	if (add_users(c, hash, U_ADMIN, U_GROUP, 0) < 0 || add_plan(c) < 0)
		return -1;
	for (long long i = 0; i < b->groups; i++)
		if (bulk_group(c, i) < 0)
			return -1;
	if (stage_flush(c, S_GFLUSH) < 0)
		return -1;
	/* the group account: the first registered 市民活動団体 */
	{
		sqlite3_stmt *st;

		if (sqlite3_prepare_v2(
		        c->db,
		        "SELECT min(id) FROM groups WHERE kind = "
		        "'npo' AND status = 'toroku'",
		        -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				group_user = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
		if (group_user == 0 && c->nlisted > 0)
			group_user = c->listed[0];
	}
	c->account_group = group_user;
	if (group_user != 0 &&
	    add_users(c, hash, U_GROUP, U_GROUP + 1, group_user) < 0)
		return -1;
	for (long long i = 0; i < b->projects; i++) {
		/* more projects in recent years */
		int y = (int)(i * years / b->projects);

		if (bulk_project(c, b, b->first_year + y) < 0)
			return -1;
	}
	if (stage_flush(c, S_PFLUSH) < 0)
		return -1;
	return bulk_proposals(c, b->projects / 100);
}

/* PRAGMA foreign_key_check: 0 when clean, else -1 after printing the
 * first violations. */
static int fk_clean(sqlite3 *db)
{
	sqlite3_stmt *st;
	int n = 0;

	if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "demo_load: %s\n", sqlite3_errmsg(db));
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		if (n++ < 5)
			fprintf(stderr,
			        "demo_load: foreign key violation: %s row %lld "
			        "-> %s\n",
			        (const char *)sqlite3_column_text(st, 0),
			        sqlite3_column_int64(st, 1),
			        (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	return n == 0 ? 0 : -1;
}

/* ---- Entry point ---- */

static int demo_scale(struct ctx *c, const char *hash)
{
	if (add_users(c, hash, U_ADMIN, U_GROUP, 0) < 0 || add_plan(c) < 0 ||
	    add_demo_groups(c) < 0)
		return -1;
	c->account_group = group_by_slug(c, "kodomo", 6);
	if (add_users(c, hash, U_GROUP, U_GROUP + 1, c->account_group) < 0 ||
	    demo_projects_load(c) < 0 || demo_proposals_load(c) < 0)
		return -1;
	return 0;
}

int demo_load(sqlite3 *db, const char *scale)
{
	static const struct bulk city = {1000, 5000, 2017, 25, 25, 2025};
	static const struct bulk large = {20000, 200000, 2007, 50, 40, 2026};
	struct ctx *c;
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *st;
	int rc = -1, empty = 0, fk = 0, cache = 0;
	const struct bulk *b = NULL;

	if (scale == NULL)
		scale = "demo";
	if (strcmp(scale, "city") == 0)
		b = &city;
	else if (strcmp(scale, "large") == 0)
		b = &large;
	else if (strcmp(scale, "demo") != 0) {
		fprintf(stderr, "demo_load: unknown scale %s\n", scale);
		return -1;
	}
	if (sodium_init() < 0 ||
	    crypto_pwhash_str(hash, DEMO_PASSWORD, strlen(DEMO_PASSWORD),
	                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		fprintf(stderr, "demo_load: cannot hash the demo password\n");
		return -1;
	}
	if (sqlite3_prepare_v2(db,
	                       "SELECT NOT EXISTS (SELECT 1 FROM groups) AND "
	                       "NOT EXISTS (SELECT 1 FROM projects) AND NOT "
	                       "EXISTS (SELECT 1 FROM users)",
	                       -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "demo_load: %s\n", sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		empty = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!empty) {
		fprintf(stderr, "demo_load: the database already has groups, "
		                "projects or users; load the demo data into a "
		                "new database\n");
		return -1;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		fprintf(stderr, "demo_load: out of memory\n");
		return -1;
	}
	c->db = db;
	c->bulk = b != NULL;
	c->rng = b == NULL    ? 0x6b796f646f2d3031ULL
	         : b == &city ? 0x6b796f646f2d6369ULL
	                      : 0x6b796f646f2d6c61ULL;
	c->today = days_from_civil(DEMO_TODAY_Y, DEMO_TODAY_M, DEMO_TODAY_D);
	/* Bulk scales: a bigger page cache, and foreign keys checked once at
	 * the end (PRAGMA foreign_key_check, in the transaction) instead of
	 * on every row: several times cheaper on millions of rows. */
	if (b != NULL) {
		if (sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &st,
		                       NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				cache = sqlite3_column_int(st, 0);
			sqlite3_finalize(st);
		}
		sqlite3_exec(db, "PRAGMA cache_size = -262144", NULL, NULL,
		             NULL);
		if (sqlite3_prepare_v2(db, "PRAGMA foreign_keys", -1, &st,
		                       NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				fk = sqlite3_column_int(st, 0);
			sqlite3_finalize(st);
		}
		if (fk)
			sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL,
			             NULL, NULL);
	}
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "demo_load: %s\n", sqlite3_errmsg(db));
		free(c);
		if (fk)
			sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL,
			             NULL);
		return -1;
	}
	if (load_masters(c) < 0)
		goto done;
	if (sqlite3_exec(db, stage_create, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "demo_load: %s\n", sqlite3_errmsg(db));
		goto done;
	}
	c->batch = b != NULL ? 512 : 1; /* bulk: foreign keys checked later */
	for (int k = 0; k < S_N; k++)
		if (sqlite3_prepare_v3(db, sql_text[k], -1,
		                       SQLITE_PREPARE_PERSISTENT, &c->st[k],
		                       NULL) != SQLITE_OK) {
			fprintf(stderr, "demo_load: %s\n", sqlite3_errmsg(db));
			goto done;
		}
	rc = b == NULL ? demo_scale(c, hash) : bulk_load(c, b, hash);
	if (rc == 0 &&
	    (stage_flush(c, S_GFLUSH) < 0 || stage_flush(c, S_PFLUSH) < 0))
		rc = -1;
	if (rc == 0 && b != NULL)
		rc = fk_clean(db);
done:
	for (int k = 0; k < S_N; k++)
		sqlite3_finalize(c->st[k]);
	if (rc == 0 &&
	    sqlite3_exec(db, stage_drop, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "demo_load: %s\n", sqlite3_errmsg(db));
		rc = -1;
	}
	if (rc == 0 &&
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "demo_load: %s\n", sqlite3_errmsg(db));
		rc = -1;
	}
	if (rc != 0)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	if (fk)
		sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (cache != 0) {
		char sql[48];

		snprintf(sql, sizeof(sql),
		         "PRAGMA cache_size = %d", /* lint:pragma-int */
		         cache);
		sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	free(c->listed);
	free(c);
	return rc;
}
