/* kyodo check's comparison of the tables kept by triggers with their source
 * rows, and --repair (src/model/summaries.c): nothing found on the demo
 * data; each count table corrupted by hand (a count changed, a row deleted,
 * a bogus key inserted) reported as exactly that line, and rebuilt; nothing
 * found after writes through the model's own functions (create and update
 * projects and groups, their year, form, department, status and 分野,
 * deactivated masters) and deletes. Runs from the top directory (reads
 * schema/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/demo.h"
#include "model/groups_write.h"
#include "model/masters_write.h"
#include "model/projects_write.h"
#include "model/summaries.h"
#include "testdb.h"

/* Three groups (1 and 2 登録, 3 申請中), three projects (1 and 3
 * published, 2 not), 分野, partners and steps (2 and 3 open with a due
 * date): small enough that every count is
 * known (see the expected lines of test_corruptions). */
static const char fixture[] =
    "INSERT INTO groups (id, name, kana, kind, status) VALUES "
    "(1, 'あおば会', 'アオバカイ', 'npo', 'toroku'),"
    "(2, 'かもめ町内会', 'カモメチョウナイカイ', 'chonaikai', 'toroku'),"
    "(3, 'さくらの会', 'サクラノカイ', 'npo', 'shinsei');"
    "INSERT INTO group_fields (group_id, field, status, kana) SELECT id, "
    "'bosai', status, kana FROM groups;"
    "INSERT INTO group_fields (group_id, field, status, kana) SELECT id, "
    "'fukushi', status, kana FROM groups WHERE id = 1;"
    "INSERT INTO projects (id, fiscal_year, title, form, domain, "
    "proposal_type, department, published) VALUES "
    "(1, 2024, '防災訓練', 'hojo', 'shimin_shudo', 'shimin', 'kiki', 1),"
    "(2, 2024, '見守り', 'hojo', 'shimin_shudo', 'shimin', 'fukushi', 0),"
    "(3, 2025, '港まつり', 'kyosai', 'kyoryoku', 'gyosei', 'kiki', 1);"
    "INSERT INTO project_fields (project_id, field, fiscal_year, published) "
    "SELECT id, CASE id WHEN 2 THEN 'fukushi' ELSE 'bosai' END, "
    "fiscal_year, published FROM projects;"
    "INSERT INTO project_partners (project_id, group_id, role, sort) VALUES "
    "(1, 1, 'hojo', 1), (3, 1, 'kyosai', 1), (3, 2, 'kyosai', 2);"
    "INSERT INTO project_steps (id, project_id, form, step, due_on, "
    "done_on) VALUES (1, 1, 'hojo', 'soudan', '2024-04-01', '2024-04-02'),"
    "(2, 1, 'hojo', 'shinsei', '2024-05-01', NULL),"
    "(3, 2, 'hojo', 'soudan', '2024-04-10', NULL),"
    "(4, 3, 'kyosai', 'shinsei', NULL, NULL);";

/* The schema version of the test databases (every schema/NNN_*.sql). */
static int version;

/* A database with every migration applied; with the fixture when fill. */
static struct db *fresh_db(int fill)
{
	return testdb_open(NULL, fill ? fixture : NULL);
}

/* Run literal sql (one or more statements) on d; fail on an error. */
static void exec(struct db *d, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(d->h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* summaries_check on d: its problems, its output into *text (malloc'd,
 * the caller frees) and the summaries that differ into *wrong. */
static int check(struct db *d, char **text, unsigned *wrong)
{
	size_t len;
	FILE *out = open_memstream(text, &len);
	int n;

	assert_non_null(out);
	*wrong = 0;
	n = summaries_check(d->h, version, out, wrong);
	fclose(out);
	return n;
}

/* summaries_repair(wrong) on d: 0 or -1, its output into *text. */
static int repair(struct db *d, unsigned wrong, char **text)
{
	size_t len;
	FILE *out = open_memstream(text, &len);
	int rc;

	assert_non_null(out);
	rc = summaries_repair(d->h, version, out, wrong);
	fclose(out);
	return rc;
}

/* kyodo check finds nothing on d (after what, for the message). */
static void assert_clean(struct db *d, const char *after)
{
	char *text;
	unsigned wrong;
	int n = check(d, &text, &wrong);

	if (n != 0 || text[0] != '\0' || wrong != 0)
		fail_msg("after %s: %d problem(s):\n%s", after, n, text);
	free(text);
}

static int setup(void **state)
{
	(void)state;
	version = db_schema_latest("schema");
	return version >= 8 ? 0 : -1;
}

/* (a) The demo city and the fixture, as the triggers filled them. */
static void test_clean(void **state)
{
	struct db *d = fresh_db(1);

	(void)state;
	assert_clean(d, "the fixture");
	db_close(d);
	d = fresh_db(0);
	assert_int_equal(demo_load(d->h, "demo"), 0);
	assert_true(testdb_int(d, "SELECT count(*) FROM project_facet_counts") >
	            20);
	assert_clean(d, "the demo data");
	db_close(d);
}

/* One corruption by hand and what kyodo check says about it. */
struct corruption {
	const char *sql;     /* the corruption */
	enum summary s;      /* the summary it breaks */
	const char *line;    /* the one line kyodo check prints */
	const char *rebuilt; /* what the repair prints */
};

#define PC_REBUILT "  rebuilt project_counts from projects\n"
#define PY_REBUILT "  rebuilt project_year_counts from project_counts\n"
#define PF_REBUILT                                                             \
	"  rebuilt project_facet_counts from projects and project_fields\n"
#define GC_REBUILT  "  rebuilt group_counts from groups\n"
#define GF_REBUILT  "  rebuilt group_field_counts from group_fields\n"
#define GS_REBUILT  "  rebuilt group_status_counts from group_counts\n"
#define GFF_REBUILT "  rebuilt group_field_filter_counts from group_fields\n"
#define PS_REBUILT  "  rebuilt project_status_counts from projects\n"
#define NE_REBUILT  "  rebuilt project_noeval from projects and evaluations\n"
#define PT_REBUILT                                                             \
	"  rebuilt project_status_totals from project_status_counts\n"
#define OS_REBUILT                                                             \
	"  rebuilt project_open_steps from project_steps and projects\n"

/* Each count table: a count changed, a row deleted, a bogus key inserted.
 * project_counts and group_counts have triggers of their own that keep
 * the sums (project_year_counts, group_status_counts) equal to them: those
 * follow the corruption, and only the corrupted table is reported. */
static const struct corruption corruptions[] = {
    {"UPDATE project_counts SET total = total + 1 WHERE fiscal_year = 2024 "
     "AND form = 'hojo'",
     SUM_PROJECT_COUNTS,
     "  project_counts (fiscal_year 2024, form hojo): kept published 1, "
     "total 3; from projects: published 1, total 2\n",
     PC_REBUILT},
    {"UPDATE project_counts SET published = 0 WHERE fiscal_year = 2025",
     SUM_PROJECT_COUNTS,
     "  project_counts (fiscal_year 2025, form kyosai): kept published 0, "
     "total 1; from projects: published 1, total 1\n",
     PC_REBUILT},
    {"DELETE FROM project_counts WHERE fiscal_year = 2025", SUM_PROJECT_COUNTS,
     "  project_counts (fiscal_year 2025, form kyosai): kept no row; from "
     "projects: published 1, total 1\n",
     PC_REBUILT},
    {"INSERT INTO project_counts VALUES (2023, 'itaku', 2, 2)",
     SUM_PROJECT_COUNTS,
     "  project_counts (fiscal_year 2023, form itaku): kept published 2, "
     "total 2; from projects: no rows\n",
     PC_REBUILT},
    {"UPDATE project_year_counts SET published = 5 WHERE fiscal_year = 2024",
     SUM_PROJECT_YEAR_COUNTS,
     "  project_year_counts (fiscal_year 2024): kept 5; from "
     "project_counts: 1\n",
     PY_REBUILT},
    {"DELETE FROM project_year_counts WHERE fiscal_year = 2025",
     SUM_PROJECT_YEAR_COUNTS,
     "  project_year_counts (fiscal_year 2025): kept no row; from "
     "project_counts: 1\n",
     PY_REBUILT},
    {"INSERT INTO project_year_counts VALUES (2030, 7)",
     SUM_PROJECT_YEAR_COUNTS,
     "  project_year_counts (fiscal_year 2030): kept 7; from "
     "project_counts: no rows\n",
     PY_REBUILT},
    {"UPDATE project_facet_counts SET n = 2 WHERE facet = 'dp' AND code = "
     "'kiki' AND fiscal_year = 2024",
     SUM_PROJECT_FACET_COUNTS,
     "  project_facet_counts (facet dp, code kiki, fiscal_year 2024): kept "
     "2; from projects: 1\n",
     PF_REBUILT},
    {"DELETE FROM project_facet_counts WHERE facet = 'fd' AND fiscal_year = "
     "2025",
     SUM_PROJECT_FACET_COUNTS,
     "  project_facet_counts (facet fd, code bosai, fiscal_year 2025): kept "
     "no row; from project_fields: 1\n",
     PF_REBUILT},
    {"INSERT INTO project_facet_counts VALUES ('dm', 'sankaku', 2024, 1)",
     SUM_PROJECT_FACET_COUNTS,
     "  project_facet_counts (facet dm, code sankaku, fiscal_year 2024): "
     "kept 1; from projects: no rows\n",
     PF_REBUILT},
    {"UPDATE group_counts SET n = 0 WHERE status = 'toroku' AND kind = 'npo'",
     SUM_GROUP_COUNTS,
     "  group_counts (status toroku, kind npo, kana_row あ): kept 0; from "
     "groups: 1\n",
     GC_REBUILT},
    {"DELETE FROM group_counts WHERE status = 'shinsei'", SUM_GROUP_COUNTS,
     "  group_counts (status shinsei, kind npo, kana_row さ): kept no row; "
     "from groups: 1\n",
     GC_REBUILT},
    {"INSERT INTO group_counts VALUES ('kyushi', 'kigyo', 'た', 3)",
     SUM_GROUP_COUNTS,
     "  group_counts (status kyushi, kind kigyo, kana_row た): kept 3; from "
     "groups: no rows\n",
     GC_REBUILT},
    {"UPDATE group_field_counts SET n = n + 1 WHERE field = 'bosai' AND "
     "status = 'toroku'",
     SUM_GROUP_FIELD_COUNTS,
     "  group_field_counts (field bosai, status toroku): kept 3; from "
     "group_fields: 2\n",
     GF_REBUILT},
    {"DELETE FROM group_field_counts WHERE field = 'fukushi'",
     SUM_GROUP_FIELD_COUNTS,
     "  group_field_counts (field fukushi, status toroku): kept no row; "
     "from group_fields: 1\n",
     GF_REBUILT},
    {"INSERT INTO group_field_counts VALUES ('kankyo', 'toroku', 4)",
     SUM_GROUP_FIELD_COUNTS,
     "  group_field_counts (field kankyo, status toroku): kept 4; from "
     "group_fields: no rows\n",
     GF_REBUILT},
    {"UPDATE group_status_counts SET n = 1 WHERE status = 'toroku'",
     SUM_GROUP_STATUS_COUNTS,
     "  group_status_counts (status toroku): kept 1; from group_counts: 2\n",
     GS_REBUILT},
    {"DELETE FROM group_status_counts WHERE status = 'shinsei'",
     SUM_GROUP_STATUS_COUNTS,
     "  group_status_counts (status shinsei): kept no row; from "
     "group_counts: 1\n",
     GS_REBUILT},
    {"INSERT INTO group_status_counts VALUES ('massho', 2)",
     SUM_GROUP_STATUS_COUNTS,
     "  group_status_counts (status massho): kept 2; from group_counts: no "
     "rows\n",
     GS_REBUILT},
    {"UPDATE group_field_filter_counts SET n = n + 1 WHERE field = 'bosai' "
     "AND status = 'toroku' AND kind = 'npo'",
     SUM_GROUP_FIELD_FILTER_COUNTS,
     "  group_field_filter_counts (field bosai, status toroku, kind npo, "
     "kana_row あ): kept 2; from group_fields: 1\n",
     GFF_REBUILT},
    {"DELETE FROM group_field_filter_counts WHERE field = 'fukushi'",
     SUM_GROUP_FIELD_FILTER_COUNTS,
     "  group_field_filter_counts (field fukushi, status toroku, kind npo, "
     "kana_row あ): kept no row; from group_fields: 1\n",
     GFF_REBUILT},
    {"INSERT INTO group_field_filter_counts VALUES ('kankyo', 'toroku', "
     "'kigyo', 'た', 4)",
     SUM_GROUP_FIELD_FILTER_COUNTS,
     "  group_field_filter_counts (field kankyo, status toroku, kind kigyo, "
     "kana_row た): kept 4; from group_fields: no rows\n",
     GFF_REBUILT},
    {"UPDATE project_status_counts SET n = 2 WHERE department = 'kiki' AND "
     "fiscal_year = 2025",
     SUM_PROJECT_STATUS_COUNTS,
     "  project_status_counts (department kiki, status teian, fiscal_year "
     "2025): kept 2; from projects: 1\n",
     PS_REBUILT},
    {"DELETE FROM project_status_counts WHERE department = 'fukushi'",
     SUM_PROJECT_STATUS_COUNTS,
     "  project_status_counts (department fukushi, status teian, "
     "fiscal_year 2024): kept no row; from projects: 1\n",
     PS_REBUILT},
    {"INSERT INTO project_status_counts VALUES ('kiki', 'kanryo', 2023, 1)",
     SUM_PROJECT_STATUS_COUNTS,
     "  project_status_counts (department kiki, status kanryo, fiscal_year "
     "2023): kept 1; from projects: no rows\n",
     PS_REBUILT},
    /* the completed projects without the city's evaluation: a row too
     * many, a row missing, a row with another year */
    {"INSERT INTO project_noeval VALUES (2, 'fukushi', 2024)",
     SUM_PROJECT_NOEVAL,
     "  project_noeval (project 2): kept department fukushi, fiscal_year "
     "2024; from projects and evaluations: no rows\n",
     NE_REBUILT},
    {"DROP TRIGGER projects_noeval_au; UPDATE projects SET status = "
     "'kanryo' WHERE id = 1",
     SUM_PROJECT_NOEVAL,
     "  project_noeval (project 1): kept no row; from projects and "
     "evaluations: department kiki, fiscal_year 2024\n",
     NE_REBUILT},
    {"UPDATE projects SET status = 'kanryo' WHERE id = 3; UPDATE "
     "project_noeval SET fiscal_year = 2020 WHERE project_id = 3",
     SUM_PROJECT_NOEVAL,
     "  project_noeval (project 3): kept department kiki, fiscal_year "
     "2020; from projects and evaluations: department kiki, fiscal_year "
     "2025\n",
     NE_REBUILT},
    /* the open steps: a step done, one missing, one whose project moved
     * to another department without the trigger */
    {"INSERT INTO project_open_steps VALUES (1, 'kiki', '2024-04-01')",
     SUM_PROJECT_OPEN_STEPS,
     "  project_open_steps (step 1): kept department kiki, due_on "
     "2024-04-01; from project_steps and projects: no rows\n",
     OS_REBUILT},
    {"DELETE FROM project_open_steps WHERE step_id = 2", SUM_PROJECT_OPEN_STEPS,
     "  project_open_steps (step 2): kept no row; from project_steps and "
     "projects: department kiki, due_on 2024-05-01\n",
     OS_REBUILT},
    {"DROP TRIGGER project_open_steps_dept_au; UPDATE projects SET "
     "department = 'kikaku' WHERE id = 2",
     SUM_PROJECT_OPEN_STEPS,
     "  project_open_steps (step 3): kept department fukushi, due_on "
     "2024-04-10; from project_steps and projects: department kikaku, "
     "due_on 2024-04-10\n",
     OS_REBUILT},
    /* the totals over the years: a total changed, a row deleted, a
     * bogus key inserted */
    {"UPDATE project_status_totals SET n = 5 WHERE status = 'teian' AND "
     "department = 'kiki'",
     SUM_PROJECT_STATUS_TOTALS,
     "  project_status_totals (status teian, department kiki): kept 5; "
     "from project_status_counts: 2\n",
     PT_REBUILT},
    {"DELETE FROM project_status_totals WHERE department = 'fukushi'",
     SUM_PROJECT_STATUS_TOTALS,
     "  project_status_totals (status teian, department fukushi): kept no "
     "row; from project_status_counts: 1\n",
     PT_REBUILT},
    {"INSERT INTO project_status_totals VALUES ('shinsa', 'kanko', 1)",
     SUM_PROJECT_STATUS_TOTALS,
     "  project_status_totals (status shinsa, department kanko): kept 1; "
     "from project_status_counts: no rows\n",
     PT_REBUILT},
    /* the copy of the group's kind, written without the trigger that
     * puts it right (its counts follow it: only the copy differs) */
    {"DROP TRIGGER group_fields_kind_au; UPDATE group_fields SET kind = "
     "'kigyo' WHERE group_id = 2",
     SUM_GROUP_FIELD_KIND,
     "  group_fields.kind (group 2, field bosai): kept 'kigyo'; from groups: "
     "'chonaikai'\n",
     "  rebuilt group_fields.kind from groups\n"},
    /* the two other summaries, as before */
    {"UPDATE groups SET field_codes = 'bosai' WHERE id = 1", SUM_FIELD_CODES,
     "  groups.field_codes (group 1): kept 'bosai'; from group_fields: "
     "'bosai fukushi'\n",
     "  rebuilt groups.field_codes from group_fields\n"},
    {"UPDATE project_partner_names SET n = 3 WHERE project_id = 3",
     SUM_PARTNER_NAMES,
     "  project_partner_names: the partner summary of 1 project(s) differs "
     "from their partners (the first: project 3)\n",
     "  rebuilt project_partner_names from project_partners and groups\n"},
};

/* (b) Each corruption is reported as exactly its line, marks exactly its
 * summary, and the repair rebuilds that one and leaves nothing to find. */
static void test_corruptions(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(corruptions) / sizeof(corruptions[0]);
	     i++) {
		const struct corruption *c = &corruptions[i];
		struct db *d = fresh_db(1);
		char *text;
		unsigned wrong;
		int n;

		exec(d, c->sql);
		n = check(d, &text, &wrong);
		if (strcmp(text, c->line) != 0 || n != 1 || wrong != 1u << c->s)
			fail_msg("%s: %d problem(s), mask %#x:\n%swant:\n%s",
			         c->sql, n, wrong, text, c->line);
		free(text);
		assert_int_equal(repair(d, wrong, &text), 0);
		if (strcmp(text, c->rebuilt) != 0)
			fail_msg("%s: the repair printed\n%s", c->sql, text);
		free(text);
		assert_clean(d, c->sql);
		db_close(d);
	}
}

/* Every summary broken at once, the sums and what they sum from
 * independently: one repair, one transaction, rebuilds all of them (a sum
 * after what it sums) and the lists read the right counts again. */
static void test_repair_all(void **state)
{
	struct db *d = fresh_db(1);
	char *text;
	unsigned wrong;
	int n;

	(void)state;
	for (size_t i = 0; i < sizeof(corruptions) / sizeof(corruptions[0]);
	     i++)
		exec(d, corruptions[i].sql);
	n = check(d, &text, &wrong);
	free(text);
	assert_true(n >= SUM__MAX);
	assert_int_equal(wrong, (1u << SUM__MAX) - 1);
	assert_int_equal(repair(d, wrong, &text), 0);
	for (int s = 0; s < SUM__MAX; s++)
		if (strstr(text, summary_name(s)) == NULL)
			fail_msg("%s not rebuilt:\n%s", summary_name(s), text);
	free(text);
	assert_clean(d, "the repair of everything");
	assert_int_equal(testdb_int(d,
	                            "SELECT published FROM project_year_counts "
	                            "WHERE fiscal_year = 2024"),
	                 1);
	assert_int_equal(testdb_int(d,
	                            "SELECT n FROM group_status_counts WHERE "
	                            "status = 'toroku'"),
	                 2);
	assert_int_equal(testdb_int(d, "SELECT count(*) FROM project_counts"),
	                 2);
	db_close(d);
}

/* Rows of zeros are not differences (the triggers leave them when a count
 * drops to 0); many differences print SUMMARY_LINES_MAX lines and how many
 * more; a repair inside an open transaction changes nothing. */
static void test_zeros_cap_transaction(void **state)
{
	struct db *d = fresh_db(1);
	char *text, want[128];
	unsigned wrong;

	(void)state;
	exec(d, "INSERT INTO project_counts VALUES (2022, 'joho', 0, 0);"
	        "INSERT INTO project_facet_counts VALUES ('dp', 'kanko', 2022, "
	        "0);"
	        "INSERT INTO group_counts VALUES ('kyushi', 'kojin', 'わ', 0);"
	        "INSERT INTO group_field_counts VALUES ('kanko', 'massho', 0)");
	assert_clean(d, "rows of zeros");
	exec(d,
	     "WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i "
	     "WHERE k < 60) INSERT INTO group_status_counts SELECT 'x' || k, "
	     "k FROM i");
	assert_int_equal(check(d, &text, &wrong), 60);
	assert_int_equal(wrong, 1u << SUM_GROUP_STATUS_COUNTS);
	snprintf(want, sizeof(want),
	         "  group_status_counts: %d more difference(s) not shown\n",
	         60 - SUMMARY_LINES_MAX);
	assert_non_null(strstr(text, want));
	assert_non_null(strstr(text, "(status x1): kept 1; from group_counts: "
	                             "no rows\n"));
	free(text);
	exec(d, "BEGIN");
	assert_int_equal(repair(d, wrong, &text), -1);
	assert_non_null(strstr(text, "not repaired"));
	free(text);
	exec(d, "ROLLBACK");
	assert_int_equal(
	    testdb_int(d, "SELECT count(*) FROM group_status_counts"), 63);
	assert_int_equal(repair(d, wrong, &text), 0);
	free(text);
	assert_clean(d, "the repair");
	db_close(d);
}

/* The id from a literal query, failing when there is none. */
static long long pick(struct db *d, const char *sql)
{
	long long id = testdb_int(d, sql);

	if (id <= 0)
		fail_msg("nothing found: %s", sql);
	return id;
}

/* Load project id, let change edit it, save it through project_update. */
static void project_save(struct db *d, struct arena *a, long long id,
                         void (*change)(struct project_rec *), const char *what)
{
	struct user_actor who = {0, "cli"};
	struct project_rec p;
	const char *msg = NULL;
	enum wstatus ws;

	assert_int_equal(project_rec_load(d, a, id, &p), MS_OK);
	change(&p);
	ws = project_update(d, a, &who, &p, &msg);
	if (ws != WS_OK)
		fail_msg("%s (project %lld): %d %s", what, id, ws,
		         msg ? msg : "");
	assert_clean(d, what);
}

/* Load group id, let change edit it, save it through group_update. */
static void group_save(struct db *d, struct arena *a, long long id,
                       void (*change)(struct group_rec *), const char *what)
{
	static const char *const reqs[] = {"jishu",  "keizoku", "minna",
	                                   "hieiri", "hiseiji", "hihansha"};
	struct user_actor who = {0, "cli"};
	struct group_rec g;
	const char *msg = NULL;
	enum wstatus ws;

	assert_int_equal(group_rec_load(d, a, id, &g), MS_OK);
	change(&g);
	for (size_t i = 0; i < 6; i++)
		g.reqs[i] = reqs[i];
	g.nreqs = 6;
	ws = group_update(d, a, &who, &g, &msg);
	if (ws != WS_OK)
		fail_msg("%s (group %lld): %d %s", what, id, ws,
		         msg ? msg : "");
	assert_clean(d, what);
}

static void next_year(struct project_rec *p)
{
	p->fiscal_year = p->fiscal_year + 1;
}
static void to_itaku(struct project_rec *p)
{
	p->form = "itaku";
}
static void to_hojo(struct project_rec *p)
{
	p->form = "hojo";
}
static void to_kiki(struct project_rec *p)
{
	p->department = "kiki";
}
static void to_kikaku(struct project_rec *p)
{
	p->department = "kikaku";
}
static void to_sankaku(struct project_rec *p)
{
	p->domain = "sankaku";
}
static void toggle_published(struct project_rec *p)
{
	p->published = !p->published;
}
static void other_fields(struct project_rec *p)
{
	p->fields[0] = "bosai";
	p->fields[1] = "kanko";
	p->nfields = 2;
}
static void no_fields(struct project_rec *p)
{
	p->nfields = 0;
}
static void teian_to_shinsa(struct project_rec *p)
{
	p->status = "shinsa";
}
static void saitaku_to_jisshi(struct project_rec *p)
{
	p->status = "jisshi";
}
static void group_kana(struct group_rec *g)
{
	g->kana = "ワカバノカイ";
}
static void group_kind(struct group_rec *g)
{
	g->kind = "kigyo";
}
static void group_to_npo(struct group_rec *g)
{
	g->kind = "npo";
}
static void group_fields(struct group_rec *g)
{
	g->fields[0] = "kankyo";
	g->fields[1] = "bosai";
	g->fields[2] = "kanko";
	g->nfields = 3;
}
static void group_kyushi(struct group_rec *g)
{
	g->status = "kyushi";
}
static void group_toroku(struct group_rec *g)
{
	g->status = "toroku";
}
static void group_massho(struct group_rec *g)
{
	g->status = "massho";
}

/* (c) Writes through the model's functions on the demo data: after each,
 * kyodo check finds nothing. Projects and groups are never deleted by
 * kyodo itself; those deletes are SQL, as an operator would write them. */
static void test_model_writes(void **state)
{
	struct db *d = fresh_db(0);
	struct user_actor who = {0, "cli"};
	struct arena a;
	struct project_rec p;
	struct group_rec g;
	const char *msg = NULL;
	long long pid, gid;
	sqlite3_stmt *st;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(demo_load(d->h, "demo"), 0);
	assert_clean(d, "the demo data");

	/* projects: year, department, domain, published, 分野, status */
	pid = pick(d, "SELECT id FROM projects WHERE published = 1 AND id IN "
	              "(SELECT project_id FROM project_fields) ORDER BY id "
	              "LIMIT 1");
	project_save(d, &a, pid, next_year, "a published project's year");
	project_save(d, &a, pid, to_kikaku, "its department");
	project_save(d, &a, pid, to_sankaku, "its domain");
	project_save(d, &a, pid, other_fields, "its 分野");
	project_save(d, &a, pid, toggle_published, "unpublishing it");
	project_save(d, &a, pid, next_year, "an unpublished project's year");
	project_save(d, &a, pid, toggle_published, "publishing it again");
	project_save(d, &a, pid, no_fields, "its 分野 removed");
	project_save(d, &a,
	             pick(d, "SELECT id FROM projects WHERE status = "
	                     "'teian'"),
	             teian_to_shinsa, "a status change");
	project_save(d, &a,
	             pick(d, "SELECT id FROM projects WHERE status = "
	                     "'saitaku'"),
	             saitaku_to_jisshi, "another status change");

	/* a new project (no recorded steps, so its form may change) */
	assert_int_equal(project_rec_load(d, &a, pid, &p), MS_OK);
	p.id = 0;
	p.version = 0;
	p.nindicators = 0;
	p.fiscal_year = 2027;
	p.published = 1;
	other_fields(&p);
	assert_int_equal(project_create(d, &a, &who, &p, &pid), WS_OK);
	assert_clean(d, "a new project");
	project_save(d, &a, pid, to_itaku, "its form");
	project_save(d, &a, pid, to_kiki, "its department");

	/* groups: kana (its 五十音 row), kind, 分野, status */
	gid = pick(d, "SELECT id FROM groups WHERE status = 'toroku' AND kind "
	              "= 'npo' AND field_codes <> '' ORDER BY id LIMIT 1");
	group_save(d, &a, gid, group_kana, "a group's kana");
	group_save(d, &a, gid, group_kind, "its kind");
	group_save(d, &a, gid, group_fields, "its 分野");
	group_save(d, &a, gid, group_kyushi, "休止");
	group_save(d, &a, gid, group_toroku, "登録 again");
	group_save(d, &a,
	           pick(d, "SELECT id FROM groups WHERE status = "
	                   "'shinsei' ORDER BY id LIMIT 1"),
	           group_toroku, "an application approved");

	/* a new group, then removed from the register */
	assert_int_equal(group_rec_load(d, &a, gid, &g), MS_OK);
	g.id = 0;
	g.version = 0;
	g.name = "新しい会";
	g.kana = "アタラシイカイ";
	g.status = "shinsei";
	g.nreqs = 0;
	assert_int_equal(group_create(d, &a, &who, &g, &gid, &msg), WS_OK);
	assert_clean(d, "a new group");
	group_save(d, &a, gid, group_toroku, "the new group approved");
	group_save(d, &a, gid, group_massho, "the new group removed");

	/* masters deactivated: the records keep them, and are saved with
	 * them */
	assert_int_equal(
	    masters_set_active(d, &a, &who, MK_FORM, "hojo", 0, &msg), WS_OK);
	assert_int_equal(
	    masters_set_active(d, &a, &who, MK_FIELD, "kanko", 0, &msg), WS_OK);
	assert_int_equal(
	    masters_set_active(d, &a, &who, MK_GROUP_KIND, "npo", 0, &msg),
	    WS_OK);
	assert_int_equal(
	    masters_set_active(d, &a, &who, MK_DEPARTMENT, "kiki", 0, &msg),
	    WS_OK);
	assert_clean(d, "masters deactivated");
	project_save(d, &a, pid, to_hojo, "a project into a deactivated form");
	project_save(d, &a, pid, next_year, "its year");
	group_save(d, &a, gid, group_to_npo, "a group into a deactivated kind");

	/* deletes: a project (its 分野 and partners go by cascade), a group
	 * that is nobody's partner and has no account */
	exec(d, "DELETE FROM projects WHERE id = (SELECT min(project_id) FROM "
	        "project_fields WHERE published = 1)");
	assert_clean(d, "a project deleted");
	assert_int_equal(
	    sqlite3_prepare_v2(
	        d->h,
	        "DELETE FROM groups WHERE id = ?1 AND id NOT IN "
	        "(SELECT group_id FROM project_partners) AND id "
	        "NOT IN (SELECT group_id FROM users WHERE group_id "
	        "IS NOT NULL)",
	        -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(st, 1, gid);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	assert_int_equal(sqlite3_changes(d->h), 1);
	sqlite3_finalize(st);
	assert_clean(d, "a group deleted");
	arena_free(&a);
	db_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean),
	    cmocka_unit_test(test_corruptions),
	    cmocka_unit_test(test_repair_all),
	    cmocka_unit_test(test_zeros_cap_transaction),
	    cmocka_unit_test(test_model_writes),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
