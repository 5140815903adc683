/* The demo data set (src/model/demo.c) on an in-memory database with the
 * schema: sizes, coverage of every form, domain, field and group kind by
 * published rows, statuses by fiscal year, the demo accounts and their
 * password, the trigger-kept counts and FTS indexes, foreign keys,
 * personal data kept private, evaluation sheets, determinism, refusal to
 * load twice or an unknown scale, and the city scale's bulk path. Runs from the
 * top directory (reads schema/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "db/db.h"
#include "model/demo.h"
#include "model/summaries.h"
#include "util/arena.h"
#include "util/validate.h"

static struct db *db;

/* A new in-memory database with the schema and the demo data set. */
static struct db *load_demo(void)
{
	struct db *d = db_open(":memory:", NULL, 1);

	if (d == NULL || db_migrate(d, "schema") < 0 ||
	    demo_load(d->h, "demo") != 0) {
		if (d != NULL)
			db_close(d);
		return NULL;
	}
	return d;
}

static int setup(void **state)
{
	(void)state;
	db = load_demo();
	return db == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(db);
	return 0;
}

/* The first column of the first row of sql, as an integer. */
static long long q1(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(h));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void in_range(long long v, long long lo, long long hi)
{
	if (v < lo || v > hi)
		fail_msg("%lld is not in [%lld, %lld]", v, lo, hi);
}

static void test_sizes(void **state)
{
	sqlite3 *h = db->h;

	(void)state;
	in_range(q1(h, "SELECT count(*) FROM groups"), 35, 55);
	in_range(q1(h, "SELECT count(*) FROM projects"), 100, 140);
	in_range(q1(h, "SELECT count(*) FROM evaluations"), 120, 400);
	in_range(q1(h, "SELECT count(*) FROM proposals"), 3, 20);
	in_range(q1(h, "SELECT count(*) FROM survey_responses"), 20, 1000);
	in_range(q1(h, "SELECT count(*) FROM plan_policies"), 5, 40);
	assert_true(q1(h, "SELECT count(*) FROM project_steps") > 100);
	assert_true(q1(h, "SELECT count(*) FROM indicators") > 150);
	assert_true(q1(h, "SELECT count(*) FROM evaluation_discussions") > 5);
	/* three fiscal years, each with work */
	assert_int_equal(q1(h, "SELECT count(DISTINCT fiscal_year) FROM "
	                       "projects"),
	                 3);
	assert_int_equal(q1(h, "SELECT min(fiscal_year) FROM projects"), 2024);
	assert_int_equal(q1(h, "SELECT max(fiscal_year) FROM projects"), 2026);
	assert_true(q1(h, "SELECT min(n) FROM (SELECT count(*) AS n FROM "
	                  "projects GROUP BY fiscal_year)") >= 30);
	/* about 85 % published, each with its publication time */
	in_range(q1(h, "SELECT 100 * sum(published) / count(*) FROM projects"),
	         75, 95);
	assert_int_equal(q1(h, "SELECT count(*) FROM projects WHERE "
	                       "(published = 1) <> (published_at IS NOT "
	                       "NULL)"),
	                 0);
}

static void test_coverage(void **state)
{
	sqlite3 *h = db->h;

	(void)state;
	assert_int_equal(q1(h, "SELECT count(*) FROM forms WHERE code NOT IN "
	                       "(SELECT form FROM projects WHERE published = "
	                       "1)"),
	                 0);
	assert_int_equal(q1(h, "SELECT count(*) FROM domains WHERE code NOT "
	                       "IN (SELECT domain FROM projects WHERE "
	                       "published = 1)"),
	                 0);
	assert_int_equal(q1(h, "SELECT count(*) FROM fields WHERE code NOT IN "
	                       "(SELECT field FROM project_fields WHERE "
	                       "published = 1)"),
	                 0);
	assert_int_equal(q1(h, "SELECT count(*) FROM proposal_types WHERE "
	                       "code NOT IN (SELECT proposal_type FROM "
	                       "projects WHERE published = 1)"),
	                 0);
	assert_int_equal(q1(h, "SELECT count(*) FROM group_kinds WHERE code "
	                       "NOT IN (SELECT kind FROM groups WHERE status "
	                       "= 'toroku')"),
	                 0);
	/* the 五十音 rows あ … わ all have listed groups */
	assert_int_equal(q1(h,
	                    "SELECT count(DISTINCT kana_row) FROM groups "
	                    "WHERE status = 'toroku' AND kana_row IN ('あ', "
	                    "'か', 'さ', 'た', 'な', 'は', 'ま', 'や', 'ら', "
	                    "'わ')"),
	                 10);
	/* mostly registered, a few applying or suspended */
	in_range(q1(h, "SELECT 100 * sum(status = 'toroku') / count(*) FROM "
	               "groups"),
	         80, 98);
	assert_true(q1(h, "SELECT count(*) FROM groups WHERE status = "
	                  "'shinsei'") >= 1);
	assert_true(q1(h, "SELECT count(*) FROM groups WHERE status = "
	                  "'kyushi'") >= 1);
	/* every department with projects of its own, partners with roles */
	assert_true(q1(h, "SELECT count(DISTINCT department) FROM projects") >=
	            12);
	assert_true(q1(h, "SELECT count(DISTINCT role) FROM "
	                  "project_partners") >= 9);
	/* every form with its details row; plan policies linked */
	assert_int_equal(q1(h, "SELECT count(*) FROM projects WHERE id NOT IN "
	                       "(SELECT project_id FROM "
	                       "project_form_details)"),
	                 0);
	assert_true(q1(h, "SELECT count(*) FROM projects WHERE plan_policy_id "
	                  "IS NOT NULL") > 100);
	/* 役割分担: the city's row on every project, one per partner */
	assert_int_equal(q1(h, "SELECT count(*) FROM projects p WHERE NOT "
	                       "EXISTS (SELECT 1 FROM project_roles r WHERE "
	                       "r.project_id = p.id AND r.party = 'city')"),
	                 0);
	assert_int_equal(q1(h, "SELECT count(*) FROM project_partners pp "
	                       "WHERE NOT EXISTS (SELECT 1 FROM project_roles "
	                       "r WHERE r.project_id = pp.project_id AND "
	                       "r.group_id = pp.group_id)"),
	                 0);
	/* both kinds of indicator, actuals on completed projects */
	assert_int_equal(q1(h, "SELECT count(DISTINCT kind) FROM indicators"),
	                 2);
	assert_int_equal(q1(h, "SELECT count(*) FROM indicators i JOIN "
	                       "projects p ON p.id = i.project_id WHERE "
	                       "p.status IN ('kanryo', 'hyoka') AND i.actual "
	                       "IS NULL"),
	                 0);
}

static void test_statuses(void **state)
{
	sqlite3 *h = db->h;

	(void)state;
	/* 2024 and 2025 mostly done, 2026 mostly under way */
	in_range(q1(h, "SELECT 100 * sum(status IN ('kanryo', 'hyoka')) / "
	               "count(*) FROM projects WHERE fiscal_year < 2026"),
	         90, 100);
	in_range(q1(h, "SELECT 100 * sum(status IN ('jisshi', 'saitaku')) / "
	               "count(*) FROM projects WHERE fiscal_year = 2026"),
	         55, 95);
	assert_true(q1(h, "SELECT count(DISTINCT status) FROM projects WHERE "
	                  "status IN ('teian', 'shinsa', 'fusaitaku')") >= 2);
	/* status dates in order and never after the data set's today */
	assert_int_equal(q1(h, "SELECT count(*) FROM projects WHERE "
	                       "proposed_on > coalesce(decided_on, "
	                       "'9999') OR decided_on > coalesce(started_on, "
	                       "'9999') OR started_on > coalesce(completed_on, "
	                       "'9999') OR completed_on > coalesce("
	                       "evaluated_on, '9999') OR max(proposed_on, "
	                       "coalesce(evaluated_on, ''), coalesce("
	                       "completed_on, '')) > '2026-11-01'"),
	                 0);
	assert_int_equal(q1(h, "SELECT count(*) FROM projects WHERE status = "
	                       "'hyoka' AND evaluated_on IS NULL"),
	                 0);
	/* periods inside the fiscal year */
	assert_int_equal(q1(h, "SELECT count(*) FROM projects WHERE "
	                       "period_start < fiscal_year || '-04-01' OR "
	                       "period_end > (fiscal_year + 1) || '-03-31'"),
	                 0);
	/* some application steps still open and overdue */
	assert_true(q1(h, "SELECT count(*) FROM project_steps WHERE done_on "
	                  "IS NULL AND due_on < '2026-11-01'") >= 1);
}

static void test_accounts(void **state)
{
	static const char *const names[] = {"admin", "staff", "committee",
	                                    "group", "staff2"};
	sqlite3 *h = db->h;

	(void)state;
	assert_true(sodium_init() >= 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		sqlite3_stmt *st;

		assert_int_equal(
		    sqlite3_prepare_v2(h,
		                       "SELECT password_hash, role "
		                       "FROM users WHERE username "
		                       "= ?1",
		                       -1, &st, NULL),
		    SQLITE_OK);
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(crypto_pwhash_str_verify(
		                     (const char *)sqlite3_column_text(st, 0),
		                     "kyodo-demo", strlen("kyodo-demo")),
		                 0);
		assert_int_not_equal(
		    crypto_pwhash_str_verify(
		        (const char *)sqlite3_column_text(st, 0), "kyodo-dem0",
		        strlen("kyodo-dem0")),
		    0);
		if (i < 4)
			assert_string_equal(sqlite3_column_text(st, 1),
			                    names[i]);
		sqlite3_finalize(st);
	}
	assert_int_equal(q1(h, "SELECT count(*) FROM users WHERE username = "
	                       "'admin' AND department = 'kyodo'"),
	                 1);
	/* staff belongs to a department that owns several projects */
	assert_true(q1(h, "SELECT count(*) FROM projects p JOIN users u ON "
	                  "u.department = p.department WHERE u.username = "
	                  "'staff'") >= 5);
	/* the group account: a registered group with its own projects */
	assert_true(q1(h, "SELECT count(*) FROM users u JOIN groups g ON g.id "
	                  "= u.group_id JOIN project_partners pp ON "
	                  "pp.group_id = g.id WHERE u.username = 'group' AND "
	                  "g.status = 'toroku'") >= 3);
	assert_true(q1(h, "SELECT count(*) FROM users WHERE role = 'staff'") >=
	            3);
}

static void test_kept_tables(void **state)
{
	sqlite3 *h = db->h;

	(void)state;
	assert_int_equal(q1(h, "SELECT count(*) FROM (SELECT fiscal_year, "
	                       "form, count(*), sum(published) FROM projects "
	                       "GROUP BY 1, 2 EXCEPT SELECT fiscal_year, form, "
	                       "total, published FROM project_counts)"),
	                 0);
	assert_int_equal(q1(h, "SELECT sum(total) FROM project_counts"),
	                 q1(h, "SELECT count(*) FROM projects"));
	assert_int_equal(q1(h, "SELECT count(*) FROM (SELECT status, kind, "
	                       "kana_row, count(*) FROM groups GROUP BY 1, 2, "
	                       "3 EXCEPT SELECT status, kind, kana_row, n FROM "
	                       "group_counts)"),
	                 0);
	assert_int_equal(q1(h, "SELECT sum(n) FROM group_counts"),
	                 q1(h, "SELECT count(*) FROM groups"));
	/* the copies in group_fields / project_fields agree */
	assert_int_equal(q1(h, "SELECT count(*) FROM project_fields f JOIN "
	                       "projects p ON p.id = f.project_id WHERE "
	                       "f.published <> p.published OR f.fiscal_year "
	                       "<> p.fiscal_year"),
	                 0);
	/* the search indexes: consistent, and they find what they should.
	 * 001 indexes every row with trigrams; 002 replaces that with
	 * contentless bigram tables holding published projects and
	 * registered groups only (queries made with kyodo_bigrams()). */
	assert_int_equal(sqlite3_exec(h,
	                              "INSERT INTO projects_fts (projects_fts) "
	                              "VALUES ('integrity-check'); INSERT INTO "
	                              "groups_fts (groups_fts) VALUES "
	                              "('integrity-check')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	if (q1(h, "SELECT count(*) FROM sqlite_master WHERE name = "
	          "'projects_fts' AND sql LIKE '%trigram%'") == 1) {
		assert_true(q1(h, "SELECT count(*) FROM projects_fts WHERE "
		                  "projects_fts MATCH '港まつり'") >= 3);
		assert_true(q1(h, "SELECT count(*) FROM groups_fts WHERE "
		                  "groups_fts MATCH '子ども食堂'") >= 1);
		assert_int_equal(q1(h, "SELECT count(*) FROM projects_fts"),
		                 q1(h, "SELECT count(*) FROM projects"));
	} else {
		assert_true(q1(h, "SELECT count(*) FROM projects_fts WHERE "
		                  "projects_fts MATCH '\"' || "
		                  "kyodo_bigrams('港まつり') || '\"'") >= 3);
		assert_true(q1(h, "SELECT count(*) FROM groups_fts WHERE "
		                  "groups_fts MATCH '\"' || "
		                  "kyodo_bigrams('子ども食堂') || '\"'") >= 1);
		assert_int_equal(q1(h, "SELECT count(*) FROM projects_fts"),
		                 q1(h, "SELECT count(*) FROM projects WHERE "
		                       "published = 1"));
		assert_int_equal(q1(h, "SELECT count(*) FROM groups_fts WHERE "
		                       "groups_fts MATCH 'facets : gk_*'"),
		                 q1(h, "SELECT count(*) FROM groups WHERE "
		                       "status = 'toroku'"));
	}
	/* the partner picker's (schema/017): every group not 抹消 in
	 * groups_fts, names in its own column */
	if (q1(h, "SELECT count(*) FROM pragma_table_info('groups_fts') "
	          "WHERE name = 'names'") == 1) {
		assert_int_equal(q1(h, "SELECT count(*) FROM groups_fts"),
		                 q1(h, "SELECT count(*) FROM groups WHERE "
		                       "status <> 'massho'"));
		assert_true(q1(h, "SELECT count(*) FROM groups_fts WHERE "
		                  "groups_fts MATCH 'names : (' || "
		                  "kyodo_trigrams('子ども食堂') || ')'") >= 1);
	}
	/* the partner picker's (schema/013): every group not 抹消 */
	if (q1(h, "SELECT count(*) FROM sqlite_master WHERE name = "
	          "'group_names_fts'") == 1) {
		assert_int_equal(sqlite3_exec(h,
		                              "INSERT INTO group_names_fts "
		                              "(group_names_fts) VALUES "
		                              "('integrity-check')",
		                              NULL, NULL, NULL),
		                 SQLITE_OK);
		assert_int_equal(q1(h, "SELECT count(*) FROM group_names_fts"),
		                 q1(h, "SELECT count(*) FROM groups WHERE "
		                       "status <> 'massho'"));
		assert_true(q1(h, "SELECT count(*) FROM group_names_fts WHERE "
		                  "group_names_fts MATCH kyodo_trigrams("
		                  "'子ども食堂')") >= 1);
	}
}

/* Every group's フリガナ is one the staff form's kana check accepts (a
 * staff member who opens a demo group and saves it unchanged must not be
 * refused): 第7班 is ダイナナハン, not ダイ7ハン. */
static void every_kana_accepted(sqlite3 *h)
{
	static const struct field f = {"kana", "フリガナ", 1,   v_kana,
	                               0,      200,        NULL};
	struct arena a;
	sqlite3_stmt *st;
	long long n = 0;

	arena_init(&a, 0);
	assert_int_equal(
	    sqlite3_prepare_v2(h, "SELECT kana FROM groups", -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *kana = (const char *)sqlite3_column_text(st, 0);
		struct fieldval v = {0};
		const char *msg = v_kana(&a, &f, kana, &v);

		if (msg != NULL)
			fail_msg("%s: %s", kana, msg);
		n++;
	}
	sqlite3_finalize(st);
	arena_free(&a);
	assert_true(n > 0);
}

static void test_integrity(void **state)
{
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(sqlite3_prepare_v2(db->h, "PRAGMA foreign_key_check",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(
	    sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	every_kana_accepted(db->h);
}

static void test_private(void **state)
{
	sqlite3 *h = db->h;

	(void)state;
	/* everyone has a representative on file, most keep it 非公開 */
	assert_int_equal(q1(h, "SELECT count(*) FROM groups WHERE rep_name = "
	                       "'' OR rep_phone = '' OR rep_address = ''"),
	                 0);
	assert_true(q1(h, "SELECT count(*) FROM groups WHERE status = "
	                  "'toroku' AND rep_name_public = 0 AND "
	                  "rep_phone_public = 0 AND rep_address_public = 0 "
	                  "AND rep_email_public = 0") >= 15);
	assert_true(q1(h, "SELECT count(*) FROM groups WHERE "
	                  "rep_name_public = 1") >= 3);
	in_range(q1(h, "SELECT 100 * sum(rep_phone_public + "
	               "rep_address_public) / (2 * count(*)) FROM groups"),
	         0, 10);
	/* fictional contacts only */
	assert_int_equal(q1(h, "SELECT count(*) FROM groups WHERE rep_phone "
	                       "NOT LIKE '0143-00-%' OR rep_address NOT LIKE "
	                       "'みなと市%' OR (email IS NOT NULL AND email "
	                       "NOT LIKE '%example.org') OR (web IS NOT NULL "
	                       "AND web NOT LIKE 'https://%.example.org/')"),
	                 0);
	assert_int_equal(q1(h, "SELECT count(*) FROM users WHERE email NOT "
	                       "LIKE '%@example.jp'"),
	                 0);
	/* requirement checks for registered 市民活動団体 */
	assert_int_equal(q1(h, "SELECT count(*) FROM groups g WHERE kind = "
	                       "'npo' AND status = 'toroku' AND (SELECT "
	                       "count(*) FROM group_requirement_checks c "
	                       "WHERE c.group_id = g.id AND c.confirmed = 1) "
	                       "<> (SELECT count(*) FROM group_requirements)"),
	                 0);
}

static void test_evaluations(void **state)
{
	sqlite3 *h = db->h;

	(void)state;
	assert_int_equal(q1(h, "SELECT count(DISTINCT author_kind) FROM "
	                       "evaluations"),
	                 3);
	/* most evaluated projects have all three sheets */
	in_range(q1(h, "SELECT 100 * count(*) / (SELECT count(*) FROM "
	               "projects WHERE status = 'hyoka') FROM projects p "
	               "WHERE status = 'hyoka' AND EXISTS (SELECT 1 FROM "
	               "evaluations e WHERE e.project_id = p.id AND "
	               "author_kind = 'committee') AND EXISTS (SELECT 1 FROM "
	               "evaluations e WHERE e.project_id = p.id AND "
	               "author_kind = 'partner') AND EXISTS (SELECT 1 FROM "
	               "evaluations e WHERE e.project_id = p.id AND "
	               "author_kind = 'city')"),
	         80, 100);
	/* committee sheets of published projects are published */
	assert_int_equal(q1(h, "SELECT count(*) FROM evaluations e JOIN "
	                       "projects p ON p.id = e.project_id WHERE "
	                       "author_kind = 'committee' AND p.published = 1 "
	                       "AND e.published = 0"),
	                 0);
	assert_int_equal(q1(h, "SELECT count(*) FROM evaluations e JOIN "
	                       "projects p ON p.id = e.project_id WHERE "
	                       "e.published = 1 AND p.published = 0"),
	                 0);
	assert_true(q1(h, "SELECT count(*) FROM evaluations WHERE author_kind "
	                  "<> 'committee' AND published = 1") >= 10);
	/* every sheet scores every principle of the active set */
	assert_int_equal(q1(h, "SELECT count(*) FROM evaluations e WHERE "
	                       "(SELECT count(*) FROM evaluation_scores s "
	                       "WHERE s.evaluation_id = e.id) <> (SELECT "
	                       "count(*) FROM principles p JOIN "
	                       "principle_sets ps ON ps.code = p.set_code "
	                       "WHERE ps.active = 1)"),
	                 0);
	/* low scores carry the required comment */
	assert_int_equal(q1(h, "SELECT count(*) FROM evaluation_scores s JOIN "
	                       "eval_scale_levels l ON l.scale = s.scale AND "
	                       "l.level = s.level WHERE l.comment_required = "
	                       "1 AND s.comment = ''"),
	                 0);
	/* final committee sheets have a verdict, final sheets a direction,
	 * 香美市's two questions and 市民の納得度 are answered */
	assert_int_equal(q1(h, "SELECT count(*) FROM evaluations WHERE "
	                       "author_kind = 'committee' AND stage = 'final' "
	                       "AND verdict IS NULL"),
	                 0);
	assert_int_equal(q1(h, "SELECT count(*) FROM evaluations WHERE stage "
	                       "= 'final' AND (direction IS NULL OR "
	                       "impl_level IS NULL OR roles_level IS NULL OR "
	                       "satisfaction IS NULL OR issues = '')"),
	                 0);
	assert_true(q1(h, "SELECT count(DISTINCT verdict) FROM evaluations") ==
	            3);
	assert_true(q1(h, "SELECT count(*) FROM evaluations WHERE "
	                  "submitted_on IS NULL") >= 1);
}

/* A digest of the rows that do not depend on the clock or the salt. */
static long long digest(sqlite3 *h)
{
	return q1(h, "SELECT sum(length(title) * id + length(coalesce("
	             "decided_on, '')) + coalesce(budget_actual, 7) % 9973 + "
	             "published * 31 + progress) FROM projects") +
	       q1(h, "SELECT sum(id * (impl_level + 3 * roles_level) + "
	             "length(coalesce(submitted_on, '')) + length(outcome)) "
	             "FROM evaluations") +
	       q1(h, "SELECT sum(evaluation_id * level) FROM "
	             "evaluation_scores") +
	       q1(h, "SELECT sum(length(rep_address) * id + members) FROM "
	             "groups");
}

static void test_deterministic(void **state)
{
	struct db *other = load_demo();

	(void)state;
	assert_non_null(other);
	assert_int_equal(digest(db->h), digest(other->h));
	db_close(other);
}

static void test_refusals(void **state)
{
	long long before = q1(db->h, "SELECT count(*) FROM projects");

	(void)state;
	assert_int_equal(demo_load(db->h, "demo"), -1);
	assert_int_equal(demo_load(db->h, "huge"), -1);
	assert_int_equal(q1(db->h, "SELECT count(*) FROM projects"), before);
}

/* The city scale: the bulk path (rows staged in batches, foreign keys
 * checked once at the end) leaves a consistent database and the
 * connection as it found it. */
static void test_city(void **state)
{
	struct db *d = db_open(":memory:", NULL, 1);
	sqlite3_stmt *st;
	long long cache;

	(void)state;
	assert_non_null(d);
	assert_int_equal(db_migrate(d, "schema"), 0);
	cache = q1(d->h, "PRAGMA cache_size");
	assert_int_equal(demo_load(d->h, "city"), 0);
	assert_int_equal(q1(d->h, "PRAGMA foreign_keys"), 1);
	assert_int_equal(q1(d->h, "PRAGMA cache_size"), cache);
	assert_int_equal(q1(d->h, "SELECT count(*) FROM groups"), 1000);
	assert_int_equal(q1(d->h, "SELECT count(*) FROM projects"), 5000);
	in_range(q1(d->h, "SELECT count(*) FROM evaluations"), 8000, 12000);
	assert_int_equal(q1(d->h, "SELECT count(DISTINCT fiscal_year) FROM "
	                          "projects"),
	                 10);
	assert_int_equal(q1(d->h, "SELECT count(*) FROM users WHERE username "
	                          "IN ('admin', 'staff', 'committee', "
	                          "'group')"),
	                 4);
	assert_int_equal(q1(d->h, "SELECT count(*) FROM (SELECT fiscal_year, "
	                          "form, count(*), sum(published) FROM "
	                          "projects GROUP BY 1, 2 EXCEPT SELECT "
	                          "fiscal_year, form, total, published FROM "
	                          "project_counts)"),
	                 0);
	assert_int_equal(q1(d->h,
	                    "SELECT count(*) FROM (SELECT status, kind, "
	                    "kana_row, count(*) FROM groups GROUP BY 1, "
	                    "2, 3 EXCEPT SELECT status, kind, kana_row, n "
	                    "FROM group_counts)"),
	                 0);
	assert_int_equal(q1(d->h, "SELECT count(DISTINCT kana_row) FROM groups "
	                          "WHERE kana_row <> '他'"),
	                 10);
	every_kana_accepted(d->h);
	/* every summary and copy (group_fields' before their groups in a
	 * batch: field_codes, the kind copy) as `kyodo check` reads them */
	assert_int_equal(summaries_check(d->h,
	                                 (int)q1(d->h, "PRAGMA "
	                                               "user_version"),
	                                 stdout, NULL),
	                 0);
	assert_int_equal(q1(d->h, "SELECT count(*) FROM groups WHERE "
	                          "field_codes = ''"),
	                 0);
	assert_int_equal(q1(d->h, "SELECT count(*) FROM forms WHERE code NOT "
	                          "IN (SELECT form FROM projects WHERE "
	                          "published = 1)"),
	                 0);
	assert_int_equal(
	    sqlite3_prepare_v2(d->h, "PRAGMA foreign_key_check", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(d->h,
	                              "INSERT INTO projects_fts (projects_fts) "
	                              "VALUES ('integrity-check')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	/* no staging tables left behind */
	assert_int_equal(q1(d->h, "SELECT count(*) FROM sqlite_temp_master"),
	                 0);
	db_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sizes),
	    cmocka_unit_test(test_coverage),
	    cmocka_unit_test(test_statuses),
	    cmocka_unit_test(test_accounts),
	    cmocka_unit_test(test_kept_tables),
	    cmocka_unit_test(test_integrity),
	    cmocka_unit_test(test_private),
	    cmocka_unit_test(test_evaluations),
	    cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_city),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
