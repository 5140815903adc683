/* The public pages' model (master data, projects, groups) on an in-memory
 * database with the schema and a small fixture, the query validators of
 * /projects and /groups as valid[] / invalid[] tables, the page number
 * handling both lists share (statuses and messages), and the 領域 axis
 * SVG (escaping, text alternative). Runs from the top directory (reads
 * schema/ and templates/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/groups.h"
#include "model/master.h"
#include "model/projects.h"
#include "model/summaries.h"
#include "pages/pages.h"
#include "server/config.h"
#include "util/buf.h"
#include "util/validate.h"
#include "view/fragment.h"
#include "view/template.h"

#include "testdb.h"

/* Groups: 1–4 and 6 registered (登録), 5 申請中. Group 1 publishes its
 * representative's name only; group 3 publishes everything; group 5
 * (not registered) publishes everything but must never show. Projects:
 * 1–4 and 6 published, 5 not; 100 more generated projects (ids 101–200)
 * over 2021–2025, every seventh unpublished, for the paging tests. */
static const char fixture[] =
    "INSERT INTO groups (id, name, kana, kind, area, founded, members, "
    "purpose, web, email, rep_name, rep_name_public, rep_phone, "
    "rep_phone_public, rep_address, rep_address_public, rep_email, "
    "rep_email_public, status) VALUES "
    "(1, 'みなと防災ネットワーク', 'ミナトボウサイネットワーク', 'npo', "
    "'中央地区', '2008-04', 42, '防災', 'https://b.example.jp/', "
    "'info@b.example.jp', '山田 太郎', 1, '090-0000-0001', 0, "
    "'港町1-2-3', 0, 'yamada@example.jp', 0, 'toroku'),"
    "(2, '港町町内会', 'ミナトマチチョウナイカイ', 'chonaikai', '港町', "
    "'1965', 320, '', NULL, NULL, '佐藤 花子', 0, '090-0000-0002', 0, "
    "'港町2-1', 0, 'sato@example.jp', 0, 'toroku'),"
    "(3, '子育てひろば', 'コソダテヒロバ', 'npo', '', NULL, NULL, '', NULL, "
    "NULL, '鈴木 一郎', 1, '0143-11-2222', 1, '東町3-4-5', 1, "
    "'suzuki@example.jp', 1, 'toroku'),"
    "(4, 'あおぞら人形劇団', 'アオゾラニンギョウゲキダン', 'npo', '', NULL, "
    "NULL, '', NULL, NULL, '', 0, '', 0, '', 0, '', 0, 'toroku'),"
    "(5, '申請中の会', 'シンセイチュウノカイ', 'npo', '', NULL, NULL, '', "
    "NULL, NULL, '秘密 太郎', 1, '090-9999-9999', 1, '秘密町', 1, "
    "'secret@example.jp', 1, 'shinsei'),"
    "(6, 'みなと市社会福祉協議会', 'ミナトシシャカイフクシキョウギカイ', "
    "'kokyo', '', NULL, NULL, '', NULL, NULL, '', 0, '', 0, '', 0, '', 0, "
    "'toroku');"
    "INSERT INTO group_fields (group_id, field, status, kana) SELECT id, "
    "'bosai', status, kana FROM groups WHERE id IN (1, 2, 5);"
    "INSERT INTO group_fields (group_id, field, status, kana) SELECT id, "
    "'kosodate', status, kana FROM groups WHERE id IN (3, 4);"
    "INSERT INTO projects (id, fiscal_year, title, form, domain, "
    "proposal_type, department, status, published, budget_planned, "
    "city_share_planned, partner_share_planned, progress) VALUES "
    "(1, 2025, '地域ぐるみの防災訓練', 'kyosai', 'kyoryoku', 'gyosei', "
    "'kiki', 'jisshi', 1, 500000, 300000, 150000, 40),"
    "(2, 2025, '子育てサロン補助', 'hojo', 'shimin_shudo', 'shimin', "
    "'kosodate', 'jisshi', 1, NULL, NULL, NULL, 30),"
    "(3, 2024, '人形劇団の公演への後援', 'koen', 'shimin_shudo', 'shimin', "
    "'bunka', 'hyoka', 1, NULL, NULL, NULL, 100),"
    "(4, 2024, '見守り事業委託', 'itaku', 'gyosei_shudo', 'gyosei', "
    "'fukushi', 'kanryo', 1, 2000000, 2000000, 0, 100),"
    "(5, 2024, '非公開の事業', 'hojo', 'shimin_shudo', 'shimin', 'kyodo', "
    "'teian', 0, NULL, NULL, NULL, 0),"
    "(6, 2023, '農業マルシェ', 'jikkoiinkai', 'kyoryoku', 'shimin', "
    "'norin', 'kanryo', 1, NULL, NULL, NULL, 100);"
    "INSERT INTO project_fields (project_id, field, fiscal_year, published) "
    "SELECT id, 'bosai', fiscal_year, published FROM projects WHERE id = 1;"
    "INSERT INTO project_fields (project_id, field, fiscal_year, published) "
    "SELECT id, 'kosodate', fiscal_year, published FROM projects WHERE id "
    "IN (2, 3, 5);"
    "INSERT INTO project_partners (project_id, group_id, role, sort) VALUES "
    "(1, 1, 'kyosai', 1), (1, 2, 'kyosai', 2), (2, 3, 'hojo', 1), "
    "(3, 4, 'shusai', 1), (4, 6, 'jutaku', 1), (5, 5, 'hojo', 1), "
    "(6, 2, 'kyoryoku', 1), (6, 1, 'kyoryoku', 2), (6, 3, 'kyoryoku', 3);"
    "INSERT INTO project_roles (project_id, party, group_id, text, sort) "
    "VALUES (1, 'partner', 1, '訓練の企画', 2), (1, 'city', NULL, "
    "'会場の確保', 1);"
    "INSERT INTO project_form_details (project_id, city_cost, "
    "partner_cost, cost_split) VALUES (1, 300000, 150000, '折半');"
    "INSERT INTO indicators (project_id, kind, name, unit, target, actual, "
    "sort) VALUES (1, 'activity', '参加者数', '人', 300, 120, 1);"
    "INSERT INTO evaluations (project_id, author_kind, fiscal_year, scale, "
    "direction, comment, submitted_on, published, published_on) VALUES "
    "(4, 'city', 2024, 'five', 'keizoku', '公開の評価', '2025-04-20', 1, "
    "'2025-05-10'),"
    "(4, 'committee', 2024, 'five', NULL, '未公開の評価', '2025-05-30', 0, "
    "NULL);"
    "WITH RECURSIVE n(i) AS (SELECT 101 UNION ALL SELECT i + 1 FROM n "
    "WHERE i < 200) INSERT INTO projects (id, fiscal_year, title, form, "
    "domain, proposal_type, department, status, published) SELECT i, "
    "2021 + i % 5, '事業' || i, CASE i % 3 WHEN 0 THEN 'hojo' WHEN 1 THEN "
    "'itaku' ELSE 'kyosai' END, CASE i % 2 WHEN 0 THEN 'kyoryoku' ELSE "
    "'gyosei_shudo' END, 'shimin', CASE i % 4 WHEN 0 THEN 'kiki' ELSE "
    "'fukushi' END, 'jisshi', i % 7 <> 0 FROM n;"
    "INSERT INTO project_fields (project_id, field, fiscal_year, published) "
    "SELECT id, 'bosai', fiscal_year, published FROM projects WHERE id > "
    "100 AND id % 2 = 0;";

/* The test database. */
static struct db *db;
/* Per-test memory. */
static struct arena arena;

static int setup(void **state)
{
	(void)state;
	db = testdb_open(NULL, fixture);
	arena_init(&arena, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	db_close(db);
	return 0;
}

/* ---- master data ---- */

static void test_master(void **state)
{
	struct code_list l;
	const char *name;

	(void)state;
	for (int m = 0; m < MASTER__MAX; m++) {
		assert_int_equal(master_list(db, &arena, m, &l), MS_OK);
		assert_true(l.n > 0);
	}
	assert_int_equal(master_list(db, &arena, MASTER_FORM, &l), MS_OK);
	assert_string_equal(l.v[0].code, "itaku");
	assert_string_equal(l.v[0].name, "委託");
	assert_int_equal(master_name(db, &arena, MASTER_FORM, "hojo", &name),
	                 MS_OK);
	assert_string_equal(name, "補助");
	assert_int_equal(master_name(db, &arena, MASTER_FORM, "nope", &name),
	                 MS_NOTFOUND);
	assert_null(name);
	assert_int_equal(
	    master_name(db, &arena, MASTER_DEPARTMENT, "kiki", &name), MS_OK);
	assert_int_equal(
	    master_name(db, &arena, MASTER_FIELD, "'; DROP TABLE x; --", &name),
	    MS_NOTFOUND);
}

/* One integer and one text column. */
struct num_row {
	long long i;
	const char *s;
};

static void test_model_rows(void **state)
{
	sqlite3_stmt *st, *bad;
	struct code_list l = {NULL, 0};
	struct model_rows r = {NULL, 0, 0, 0};
	struct num_row *rows = NULL, *e;
	size_t n = 0;

	(void)state;
	/* past the first growth (16), every element filled in order */
	assert_int_equal(
	    sqlite3_prepare_v2(db->h,
	                       "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL "
	                       "SELECT i + 1 FROM c WHERE i < 40) SELECT i, "
	                       "'r' || i FROM c",
	                       -1, &st, NULL),
	    SQLITE_OK);
	r.st = st;
	while ((e = model_row(&arena, &r, (void **)&rows, &n, sizeof(*rows))) !=
	       NULL) {
		assert_int_equal(e->i, 0); /* zeroed */
		e->i = sqlite3_column_int64(st, 0);
		e->s = model_text(&arena, st, 1, &r.oom);
	}
	assert_int_equal(model_rows_end(db, &r, "test"), MS_OK);
	assert_int_equal(n, 40);
	assert_int_equal(rows[0].i, 1);
	assert_int_equal(rows[39].i, 40);
	assert_string_equal(rows[39].s, "r40");

	/* code lists append: a second statement's rows follow the first's */
	assert_int_equal(
	    sqlite3_prepare_v2(db->h,
	                       "SELECT 'a' || i, 'A' || i FROM (SELECT 1 AS i "
	                       "UNION ALL SELECT 2)",
	                       -1, &bad, NULL),
	    SQLITE_OK);
	assert_int_equal(model_code_list(db, &arena, bad, &l, "test"), MS_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(model_code_list(db, &arena, bad, &l, "test"), MS_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.v[0].code, "a1");
	assert_string_equal(l.v[1].name, "A2");
	assert_string_equal(l.v[2].code, "a1");
	assert_string_equal(l.v[3].name, "A2");
	sqlite3_finalize(bad);

	/* no statement, or one that fails while stepping: MS_DB */
	l.v = NULL;
	l.n = 0;
	assert_int_equal(model_code_list(db, &arena, NULL, &l, "test"), MS_DB);
	assert_int_equal(l.n, 0);
	assert_int_equal(
	    sqlite3_prepare_v2(db->h,
	                       "SELECT code, abs(-9223372036854775807 - 1) "
	                       "FROM forms",
	                       -1, &bad, NULL),
	    SQLITE_OK);
	assert_int_equal(model_code_list(db, &arena, bad, &l, NULL), MS_DB);
	sqlite3_finalize(bad);
	sqlite3_finalize(st);
}

static void test_forms_domains(void **state)
{
	struct form *forms, f;
	struct domain *d;
	struct principle *p;
	struct form_step *steps;
	size_t n, narrow = 0;

	(void)state;
	assert_int_equal(forms_list(db, &arena, &forms, &n), MS_OK);
	assert_true(n >= 4);
	assert_int_equal(form_get(db, &arena, "hojo", &f), MS_OK);
	assert_string_equal(f.name, "補助");
	assert_string_equal(f.domain_name, "市民主導");
	assert_non_null(strstr(f.caution, "対等性を失いやすい"));
	assert_int_equal(f.core, 1);
	assert_int_equal(form_get(db, &arena, "none", &f), MS_NOTFOUND);
	assert_int_equal(domains_list(db, &arena, &d, &n), MS_OK);
	assert_true(n >= 5);
	assert_string_equal(d[0].name, "市民主体");
	assert_string_equal(d[n - 1].name, "行政主体");
	for (size_t i = 0; i < n; i++) {
		narrow += (size_t)d[i].narrow;
		if (i > 0)
			assert_true(d[i].axis > d[i - 1].axis);
	}
	assert_int_equal(narrow, 3);
	assert_int_equal(principles_active(db, &arena, &p, &n), MS_OK);
	assert_int_equal(n, 7);
	assert_string_equal(p[0].name, "目的共有");
	assert_int_equal(form_steps(db, &arena, "koen", &steps, &n), MS_OK);
	assert_true(n >= 3);
	assert_string_equal(steps[0].name, "後援申請");
	assert_int_equal(form_steps(db, &arena, "none", &steps, &n), MS_OK);
	assert_int_equal(n, 0);
}

/* ---- projects ---- */

/* The published ids matching f in list order, straight from the tables:
 * what projects_list must return, page after page. */
static size_t reference(const struct project_filter *f, long long *ids,
                        size_t max)
{
	sqlite3_stmt *st;
	size_t n = 0;

	assert_int_equal(
	    sqlite3_prepare_v2(
	        db->h,
	        "SELECT id FROM projects p WHERE published = 1 AND (?1 = 0 "
	        "OR fiscal_year = ?1) AND (?2 IS NULL OR form = ?2) AND (?3 "
	        "IS NULL OR EXISTS (SELECT 1 FROM project_fields WHERE "
	        "project_id = p.id AND field = ?3)) AND (?4 IS NULL OR domain "
	        "= ?4) AND (?5 IS NULL OR department = ?5) ORDER BY "
	        "fiscal_year DESC, id DESC",
	        -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_int(st, 1, f->year);
	sqlite3_bind_text(st, 2, f->form, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, f->domain, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, f->dept, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && n < max)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_projects_paging(void **state)
{
	/* Every driving statement, alone and with residual filters. */
	static const struct project_filter filters[] = {
	    {0, NULL, NULL, NULL, NULL},
	    {2024, NULL, NULL, NULL, NULL},
	    {0, "hojo", NULL, NULL, NULL},
	    {2023, "itaku", NULL, NULL, NULL},
	    {0, NULL, "bosai", NULL, NULL},
	    {2025, "kyosai", "bosai", "kyoryoku", "kiki"},
	    {0, NULL, NULL, "kyoryoku", NULL},
	    {0, "hojo", NULL, "kyoryoku", NULL},
	    {0, NULL, NULL, NULL, "fukushi"},
	    {2022, "itaku", NULL, "gyosei_shudo", "fukushi"},
	    {0, NULL, "kosodate", NULL, NULL},
	    {2019, NULL, NULL, NULL, NULL},
	    {0, NULL, NULL, NULL, "kyodo"},
	};
	long long want[256];

	(void)state;
	for (size_t k = 0; k < sizeof(filters) / sizeof(filters[0]); k++) {
		const struct project_filter *f = &filters[k];
		size_t nwant = reference(f, want, 256), got = 0;
		long long total;

		assert_int_equal(projects_count(db, f, &total), MS_OK);
		if ((size_t)total != nwant)
			fail_msg("filter %zu: count %lld, want %zu", k, total,
			         nwant);
		for (int limit = 1; limit <= 20; limit += 6) {
			got = 0;
			for (long long off = 0; off < total + limit;
			     off += limit) {
				struct project_row *rows;
				size_t n;

				assert_int_equal(projects_list(db, &arena, NULL,
				                               f, limit, off,
				                               &rows, &n),
				                 MS_OK);
				assert_true(n <= (size_t)limit);
				for (size_t i = 0; i < n; i++, got++) {
					assert_true(got < nwant);
					if (rows[i].id != want[got])
						fail_msg(
						    "filter %zu limit %d "
						    "offset %lld: id %lld, "
						    "want %lld",
						    k, limit, off, rows[i].id,
						    want[got]);
				}
			}
			assert_int_equal(got, nwant);
		}
		arena_reset(&arena);
	}
}

static void test_projects_rows(void **state)
{
	struct project_filter f = {.year = 2025, .field = "bosai"};
	struct project_row *rows, *one = NULL;
	struct form_count *counts;
	long long total;
	int *years;
	size_t n;

	(void)state;
	assert_int_equal(projects_list(db, &arena, NULL, &f, 50, 0, &rows, &n),
	                 MS_OK);
	for (size_t i = 0; i < n; i++)
		if (rows[i].id == 1)
			one = &rows[i];
	assert_non_null(one);
	assert_string_equal(one->form_name, "共催");
	assert_string_equal(one->dept_name, "総務部 危機管理課");
	assert_string_equal(one->status_name, "実施中");
	assert_string_equal(one->partners,
	                    "みなと防災ネットワーク、港町町内会");
	assert_int_equal(one->year, 2025);
	assert_int_equal(projects_latest(db, &arena, NULL, 3, &rows, &n),
	                 MS_OK);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].year, 2025);
	/* project 6 has three partners */
	f = (struct project_filter){.year = 2023, .form = "jikkoiinkai"};
	assert_int_equal(projects_list(db, &arena, NULL, &f, 20, 0, &rows, &n),
	                 MS_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].partners,
	                    "港町町内会、みなと防災ネットワーク ほか1団体");
	/* counts per form of 2024: core forms always, 委託 and 後援 = 1 +
	 * generated ones, 補助 without the unpublished project 5 */
	assert_int_equal(
	    projects_count_by_form(db, &arena, 2024, &counts, &n, &total),
	    MS_OK);
	assert_true(n >= 4);
	for (size_t i = 0; i < n; i++) {
		struct project_filter one = {.year = 2024,
		                             .form = counts[i].code};
		long long c;

		assert_int_equal(projects_count(db, &one, &c), MS_OK);
		assert_int_equal(counts[i].n, c);
	}
	assert_int_equal(projects_years(db, &arena, &years, &n), MS_OK);
	assert_int_equal(n, 5);
	assert_int_equal(years[0], 2025);
	assert_int_equal(years[4], 2021);
}

static void test_project_get(void **state)
{
	struct project p;

	(void)state;
	assert_int_equal(project_get(db, &arena, 1, &p), MS_OK);
	assert_string_equal(p.title, "地域ぐるみの防災訓練");
	assert_string_equal(p.form_name, "共催");
	assert_string_equal(p.domain_name, "協力（双方同等）");
	assert_int_equal(p.budget_planned, 500000);
	assert_int_equal(p.budget_actual, -1);
	assert_int_equal(p.npartners, 2);
	assert_string_equal(p.partners[0].name, "みなと防災ネットワーク");
	assert_string_equal(p.partners[0].role, "共催");
	assert_int_equal(p.partners[0].listed, 1);
	assert_int_equal(p.nroles, 2);
	assert_string_equal(p.roles[0].actor, "市（総務部 危機管理課）");
	assert_string_equal(p.roles[1].actor, "みなと防災ネットワーク");
	assert_int_equal(p.nfields, 1);
	assert_int_equal(p.nindicators, 1);
	assert_true(p.indicators[0].has_target);
	assert_true(p.has_details);
	assert_int_equal(p.details.city_cost, 300000);
	assert_int_equal(p.details.grant_amount, -1);
	assert_int_equal(p.nevaluations, 0);
	/* only the published evaluation of project 4 */
	assert_int_equal(project_get(db, &arena, 4, &p), MS_OK);
	assert_int_equal(p.nevaluations, 1);
	assert_string_equal(p.evaluations[0].comment, "公開の評価");
	assert_string_equal(p.evaluations[0].direction, "継続");
	/* unpublished and missing projects are not found */
	assert_int_equal(project_get(db, &arena, 5, &p), MS_NOTFOUND);
	assert_int_equal(project_get(db, &arena, 99999, &p), MS_NOTFOUND);
	/* a registered group's projects, published only */
	{
		struct project_row *rows;
		size_t n;

		assert_int_equal(
		    projects_by_group(db, &arena, NULL, 1, 20, &rows, &n),
		    MS_OK);
		assert_int_equal(n, 2);
		assert_int_equal(rows[0].id, 1);
		assert_string_equal(rows[0].role_name, "共催");
		assert_int_equal(
		    projects_by_group(db, &arena, NULL, 5, 20, &rows, &n),
		    MS_OK);
		assert_int_equal(n, 0);
	}
}

/* name_table_find() on a table of hand-made codes (stride 3, as the page
 * layer keeps them): every code found, prefixes and extensions not, a
 * code given by length inside a longer buffer. */
static void test_name_table_find(void **state)
{
	static const char *const s[] = {"a", "A",   "-",     "ab",         "AB",
	                                "-", "abc", "ABC",   "-",          "b",
	                                "B", "-",   "kyodo", "協働推進課", "-"};
	struct name_table t = {s, 5, 3};
	struct name_table none = {NULL, 0, 2};

	(void)state;
	assert_int_equal(name_table_find(&t, "a", 1), 0);
	assert_int_equal(name_table_find(&t, "ab", 2), 1);
	assert_int_equal(name_table_find(&t, "abc", 3), 2);
	assert_int_equal(name_table_find(&t, "b", 1), 3);
	assert_int_equal(name_table_find(&t, "kyodo", 5), 4);
	assert_int_equal(name_table_find(&t, "bx", 1), 3); /* by length */
	assert_int_equal(name_table_find(&t, "abcd", 4), -1);
	assert_int_equal(name_table_find(&t, "aa", 2), -1);
	assert_int_equal(name_table_find(&t, "", 0), -1);
	assert_int_equal(name_table_find(&t, "c", 1), -1);
	assert_int_equal(name_table_find(&t, "kyod", 4), -1);
	assert_int_equal(name_table_find(&none, "a", 1), -1);
}

/* The names of list rows: every master row, sorted by code, a
 * deactivated form or department included (an old project keeps showing
 * it); rows read with names a code is missing from (out of date) still
 * get theirs, from the database; page_row_names() keeps each entry's meta
 * piece. */
static void test_row_names(void **state)
{
	struct name_table t;
	struct row_names names, stale;
	struct project_row *rows;
	struct project_filter f = {.year = 2023, .form = "jikkoiinkai"};
	struct request r;
	long i;
	size_t n;

	(void)state;
	assert_int_equal(sqlite3_exec(db->h,
	                              "UPDATE departments SET active = 0 "
	                              "WHERE code = 'norin'; UPDATE forms SET "
	                              "active = 0 WHERE code = 'jikkoiinkai'",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	for (int m = 0; m < RN__MAX; m++) {
		assert_int_equal(
		    projects_row_names(db, &arena, (enum row_master)m, &t),
		    MS_OK);
		assert_int_equal(t.stride, 2);
		assert_true(t.n > 3);
		for (size_t k = 1; k < t.n; k++)
			assert_true(strcmp(t.s[(k - 1) * 2], t.s[k * 2]) < 0);
		names.t[m] = t;
	}
	i = name_table_find(&names.t[RN_DEPT], "norin", 5);
	assert_true(i >= 0);
	assert_string_equal(names.t[RN_DEPT].s[i * 2 + 1], "経済部 農林水産課");
	i = name_table_find(&names.t[RN_FORM], "jikkoiinkai", 11);
	assert_true(i >= 0);
	assert_string_equal(names.t[RN_FORM].s[i * 2 + 1],
	                    "実行委員会・協議会");
	i = name_table_find(&names.t[RN_STATUS], "kanryo", 6);
	assert_true(i >= 0);
	assert_string_equal(names.t[RN_STATUS].s[i * 2 + 1], "完了");
	assert_int_equal(name_table_find(&names.t[RN_DEPT], "nosuch", 6), -1);

	/* project 6: 実行委員会 of 農林水産課, both deactivated */
	assert_int_equal(
	    projects_list(db, &arena, &names, &f, 20, 0, &rows, &n), MS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, 6);
	assert_string_equal(rows[0].form_code, "jikkoiinkai");
	assert_string_equal(rows[0].form_name, "実行委員会・協議会");
	assert_string_equal(rows[0].dept_code, "norin");
	assert_string_equal(rows[0].dept_name, "経済部 農林水産課");
	assert_string_equal(rows[0].status_code, "kanryo");
	assert_string_equal(rows[0].status_name, "完了");
	assert_string_equal(rows[0].summary, "");

	/* names without 農林水産課 (as if out of date): read again */
	stale = names;
	stale.t[RN_DEPT].n = 0;
	assert_int_equal(
	    projects_list(db, &arena, &stale, &f, 20, 0, &rows, &n), MS_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].dept_name, "経済部 農林水産課");

	/* the page layer's names: the same, with each one's meta piece */
	assert_int_equal(tpl_init("templates"), 0);
	memset(&r, 0, sizeof(r));
	r.db = db;
	r.arena = &arena;
	memcpy(r.request_id, "00000000000000a1", 17);
	assert_int_equal(page_row_names(&r, &names), MS_OK);
	assert_int_equal(names.t[RN_DEPT].stride, 3);
	i = name_table_find(&names.t[RN_DEPT], "norin", 5);
	assert_true(i >= 0);
	assert_string_equal(names.t[RN_DEPT].s[i * 3 + 1], "経済部 農林水産課");
	assert_string_equal(names.t[RN_DEPT].s[i * 3 + 2],
	                    "<div><dt>担当課</dt><dd>経済部 農林水産課</dd>"
	                    "</div>\n");
	i = name_table_find(&names.t[RN_STATUS], "kanryo", 6);
	assert_string_equal(names.t[RN_STATUS].s[i * 3 + 2],
	                    "<div><dt>状況</dt><dd><span class=\"status "
	                    "status--kanryo\">完了</span></dd></div>\n");
	i = name_table_find(&names.t[RN_FORM], "jikkoiinkai", 11);
	assert_string_equal(
	    names.t[RN_FORM].s[i * 3 + 2],
	    "<div><dt>形態</dt><dd>実行委員会・協議会</dd></div>\n");
	assert_int_equal(
	    projects_list(db, &arena, &names, &f, 20, 0, &rows, &n), MS_OK);
	assert_int_equal(n, 1);
	/* the rows point into the kept names: nothing copied */
	i = name_table_find(&names.t[RN_DEPT], "norin", 5);
	assert_ptr_equal(rows[0].dept_name, names.t[RN_DEPT].s[i * 3 + 1]);
	assert_int_equal(sqlite3_exec(db->h,
	                              "UPDATE departments SET active = 1 "
	                              "WHERE code = 'norin'; UPDATE forms SET "
	                              "active = 1 WHERE code = 'jikkoiinkai'",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	frag_clear();
	arena_reset(&arena);
}

/* page_row_meta(): the form, department and status pieces kept with the
 * names give the same markup as the template renders for the row (by
 * entry, by code, and rendered when the name is not the kept one). */
static void test_row_meta(void **state)
{
	struct row_names names;
	struct project_row *rows, copy;
	struct project_filter f = {.year = 2025, .field = "bosai"};
	struct page_row_memo memo = {0}, memo2 = {0};
	struct buf a = {0}, b = {0};
	struct request r;
	size_t n;

	(void)state;
	assert_int_equal(tpl_init("templates"), 0);
	memset(&r, 0, sizeof(r));
	r.db = db;
	r.arena = &arena;
	memcpy(r.request_id, "00000000000000b1", 17);
	assert_int_equal(page_row_names(&r, &names), MS_OK);
	assert_int_equal(
	    projects_list(db, &arena, &names, &f, 50, 0, &rows, &n), MS_OK);
	while (n > 0 && rows[0].id != 1) /* newest first: project 1 last */
		rows++, n--;
	assert_true(n > 0);
	assert_int_equal(page_row_meta(&r, &a, &memo, &rows[0], "令和7年度"),
	                 0);
	assert_string_equal(buf_cstr(&a),
	                    "<div><dt>年度</dt><dd>令和7年度</dd></div>\n"
	                    "<div><dt>形態</dt><dd>共催</dd></div>\n"
	                    "<div><dt>担当課</dt><dd>総務部 危機管理課</dd>"
	                    "</div>\n"
	                    "<div><dt>状況</dt><dd><span class=\"status "
	                    "status--jisshi\">実施中</span></dd></div>\n");
	/* the same names elsewhere in memory, no entry: found by code */
	copy = rows[0];
	copy.form_code = arena_strdup(&arena, rows[0].form_code);
	copy.form_name = arena_strdup(&arena, rows[0].form_name);
	copy.dept_code = arena_strdup(&arena, rows[0].dept_code);
	copy.dept_name = arena_strdup(&arena, rows[0].dept_name);
	for (int m = 0; m < RN__MAX; m++)
		copy.name_ix[m] = -1;
	assert_int_equal(page_row_meta(&r, &b, &memo2, &copy, "令和7年度"), 0);
	assert_string_equal(buf_cstr(&b), buf_cstr(&a));
	/* a name the kept names do not have: rendered, escaped */
	copy.dept_name = "<危機管理課>";
	assert_int_equal(page_row_meta(&r, &b, &memo2, &copy, "令和7年度"), 0);
	assert_non_null(
	    strstr(buf_cstr(&b),
	           "<div><dt>担当課</dt><dd>&lt;危機管理課&gt;</dd></div>\n"));
	buf_free(&a);
	buf_free(&b);
	frag_clear();
	arena_reset(&arena);
}

/* ---- groups ---- */

/* project_get puts a project's roles in order as it reads them: the same
 * order as ORDER BY, ties by id, with rows arriving out of order and
 * more of them than the first block of the array holds. */
static void test_project_get_order(void **state)
{
	struct project p;
	sqlite3_stmt *st;
	size_t i = 0;

	(void)state;
	assert_int_equal(
	    sqlite3_exec(db->h,
	                 "SAVEPOINT roles; INSERT INTO project_roles "
	                 "(project_id, party, group_id, text, sort) WITH "
	                 "RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	                 "FROM c WHERE i < 40) SELECT 1, CASE WHEN i % 5 = 0 "
	                 "THEN 'city' ELSE 'partner' END, CASE WHEN i % 5 = 0 "
	                 "THEN NULL ELSE 1 END, 't' || i, (i * 7) % 4 FROM c",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(project_get(db, &arena, 1, &p), MS_OK);
	assert_int_equal(p.nroles, 42);
	assert_int_equal(
	    sqlite3_prepare_v2(db->h,
	                       "SELECT text FROM project_roles WHERE "
	                       "project_id = 1 ORDER BY party <> 'city', sort, "
	                       "id",
	                       -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(i < p.nroles);
		assert_string_equal(p.roles[i].text, db_text(st, 0));
		i++;
	}
	assert_int_equal(i, 42);
	assert_string_equal(p.roles[0].actor, "市（総務部 危機管理課）");
	assert_string_equal(p.roles[41].actor, "みなと防災ネットワーク");
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(db->h, "ROLLBACK TO roles; RELEASE roles",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
}

static void test_groups_list(void **state)
{
	static const struct {
		struct group_filter f;
		long long total;
		long long first; /* id of the first row */
	} cases[] = {
	    {{NULL, NULL, NULL}, 5, 4}, /* アオゾラ first, 申請中 never */
	    {{"ま", NULL, NULL}, 3, 6}, /* ミナトシ… before ミナトボ… */
	    {{"か", NULL, NULL}, 1, 3},
	    {{"さ", NULL, NULL}, 0, 0}, /* only the unregistered group */
	    {{NULL, "chonaikai", NULL}, 1, 2},
	    {{NULL, NULL, "bosai"}, 2, 1}, /* group 5 excluded */
	    {{"ま", "npo", "bosai"}, 1, 1},
	    {{"あ", NULL, "kosodate"}, 1, 4},
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct group_row *rows;
		size_t n;
		long long total;

		assert_int_equal(groups_count(db, &cases[k].f, &total), MS_OK);
		if (total != cases[k].total)
			fail_msg("case %zu: total %lld, want %lld", k, total,
			         cases[k].total);
		assert_int_equal(
		    groups_list(db, &arena, &cases[k].f, 20, 0, -1, &rows, &n),
		    MS_OK);
		assert_int_equal(n, (size_t)total);
		if (n > 0)
			assert_int_equal(rows[0].id, cases[k].first);
		for (size_t i = 1; i < n; i++)
			assert_true(strcmp(rows[i - 1].kana, rows[i].kana) <=
			            0);
		for (size_t i = 0; i < n; i++)
			assert_int_not_equal(rows[i].id, 5);
	}
	{
		struct group_filter all = {0};
		struct group_row *rows;
		size_t n;

		assert_int_equal(
		    groups_list(db, &arena, &all, 2, 2, -1, &rows, &n), MS_OK);
		assert_int_equal(n, 2);
		assert_string_equal(rows[0].name, "みなと市社会福祉協議会");
	}
}

/* The directory rows: kind and 分野 as codes, field_codes kept by the
 * triggers of schema/008 through inserts, changes and deletes of
 * group_fields. */
static void test_group_field_codes(void **state)
{
	static const struct {
		const char *sql;  /* a change to group_fields */
		const char *want; /* group 3's field_codes after it */
	} steps[] = {
	    {NULL, "kosodate"},
	    {"INSERT INTO group_fields (group_id, field, status, kana) SELECT "
	     "id, 'bosai', status, kana FROM groups WHERE id = 3",
	     "bosai kosodate"},
	    {"INSERT INTO group_fields (group_id, field, status, kana) SELECT "
	     "id, 'fukushi', status, kana FROM groups WHERE id = 3",
	     "bosai fukushi kosodate"},
	    {"UPDATE group_fields SET field = 'kankyo' WHERE group_id = 3 AND "
	     "field = 'bosai'",
	     "fukushi kankyo kosodate"},
	    {"UPDATE group_fields SET group_id = 4, kana = (SELECT kana FROM "
	     "groups WHERE id = 4) WHERE group_id = 3 AND field = 'kankyo'",
	     "fukushi kosodate"},
	    {"DELETE FROM group_fields WHERE group_id = 3", ""},
	};
	struct group_row *rows;
	size_t n;
	long long id = 3, four = 4;

	(void)state;
	assert_int_equal(
	    sqlite3_exec(db->h, "SAVEPOINT codes", NULL, NULL, NULL),
	    SQLITE_OK);
	for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		if (steps[k].sql != NULL)
			assert_int_equal(
			    sqlite3_exec(db->h, steps[k].sql, NULL, NULL, NULL),
			    SQLITE_OK);
		assert_int_equal(groups_rows(db, &arena, &id, 1, &rows, &n),
		                 MS_OK);
		assert_int_equal(n, 1);
		assert_string_equal(rows[0].kind, "npo");
		if (strcmp(rows[0].field_codes, steps[k].want) != 0)
			fail_msg("step %zu: field_codes '%s', want '%s'", k,
			         rows[0].field_codes, steps[k].want);
	}
	/* the group a row moved to is kept too */
	assert_int_equal(groups_rows(db, &arena, &four, 1, &rows, &n), MS_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].field_codes, "kankyo kosodate");
	assert_int_equal(sqlite3_exec(db->h, "ROLLBACK TO codes; RELEASE codes",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	/* the list reads the same columns as groups_rows() */
	{
		struct group_filter all = {0}, field = {NULL, NULL, "bosai"};

		assert_int_equal(
		    groups_list(db, &arena, &all, 20, 0, -1, &rows, &n), MS_OK);
		assert_int_equal(n, 5);
		assert_int_equal(rows[0].id, 4); /* アオゾラ… */
		assert_string_equal(rows[0].kind, "npo");
		assert_string_equal(rows[0].area, "");
		assert_string_equal(rows[0].field_codes, "kosodate");
		assert_int_equal(
		    groups_list(db, &arena, &field, 20, 0, -1, &rows, &n),
		    MS_OK);
		assert_int_equal(n, 2);
		assert_string_equal(rows[0].name, "みなと防災ネットワーク");
		assert_string_equal(rows[0].kind, "npo");
		assert_string_equal(rows[0].area, "中央地区");
		assert_string_equal(rows[0].field_codes, "bosai");
		assert_string_equal(rows[1].kind, "chonaikai");
		/* OFFSET skips in the walk; the page is read in its order */
		assert_int_equal(
		    groups_list(db, &arena, &field, 1, 1, -1, &rows, &n),
		    MS_OK);
		assert_int_equal(n, 1);
		assert_int_equal(rows[0].id, 2);
		field.kana_row = "ま";
		assert_int_equal(
		    groups_list(db, &arena, &field, 5, 1, -1, &rows, &n),
		    MS_OK);
		assert_int_equal(n, 1);
		assert_int_equal(rows[0].id, 2);
		assert_int_equal(
		    groups_list(db, &arena, &all, 3, 2, -1, &rows, &n), MS_OK);
		assert_int_equal(n, 3);
		for (size_t i = 1; i < n; i++)
			assert_true(strcmp(rows[i - 1].kana, rows[i].kana) < 0);
	}
}

/* The 分野 names of a row: master order (sort, then code), unknown codes
 * left out, whole codes only. */
static void test_group_field_names(void **state)
{
	static struct code_name v[] = {
	    {"fukushi", "福祉"}, {"kyoiku", "教育"},     {"bosai", "防災"},
	    {"bo", "ボ"},        {"kosodate", "子育て"},
	};
	static const struct code_list all = {v, sizeof(v) / sizeof(v[0])};
	static const struct code_list none = {NULL, 0};
	static const struct {
		const char *codes, *want;
	} cases[] = {
	    {"", ""},
	    {"bosai", "防災"},
	    {"bosai fukushi", "福祉・防災"},
	    {"kosodate bosai kyoiku fukushi", "福祉・教育・防災・子育て"},
	    {"bo", "ボ"},              /* not a prefix match of bosai */
	    {"bosai bo", "防災・ボ"},  /* both, in master order */
	    {"bosaix", ""},            /* nor a longer word */
	    {"xbosai kyoiku", "教育"}, /* unknown codes left out */
	    {"gone", ""},
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const char *got =
		    groups_field_names(&arena, &all, cases[k].codes);

		assert_non_null(got);
		if (strcmp(got, cases[k].want) != 0)
			fail_msg("case %zu '%s': '%s', want '%s'", k,
			         cases[k].codes, got, cases[k].want);
	}
	assert_string_equal(groups_field_names(&arena, &none, "bosai"), "");
}

/* The private contact never leaves the model unless published. */
static void test_group_private(void **state)
{
	struct group g;

	(void)state;
	assert_int_equal(group_get(db, &arena, 1, &g), MS_OK);
	assert_string_equal(g.name, "みなと防災ネットワーク");
	assert_string_equal(g.rep_name, "山田 太郎"); /* published */
	assert_null(g.rep_phone);
	assert_null(g.rep_address);
	assert_null(g.rep_email);
	assert_string_equal(g.web, "https://b.example.jp/");
	assert_int_equal(g.members, 42);
	assert_int_equal(g.nfields, 1);
	assert_int_equal(group_get(db, &arena, 2, &g), MS_OK);
	assert_null(g.rep_name);
	assert_null(g.rep_phone);
	assert_null(g.rep_address);
	assert_null(g.rep_email);
	assert_int_equal(group_get(db, &arena, 3, &g), MS_OK);
	assert_string_equal(g.rep_phone, "0143-11-2222");
	assert_string_equal(g.rep_address, "東町3-4-5");
	assert_string_equal(g.rep_email, "suzuki@example.jp");
	assert_int_equal(g.members, -1);
	/* not registered: not found, whatever it publishes */
	assert_int_equal(group_get(db, &arena, 5, &g), MS_NOTFOUND);
	assert_int_equal(group_get(db, &arena, 999, &g), MS_NOTFOUND);
}

/* ---- query validation ---- */

/* One query parameter value and whether it must pass. */
struct qcase {
	const char *name;  /* parameter */
	const char *value; /* raw value */
};

/* Validate one parameter through the page's field table. */
static int check(const struct field *fields, size_t n, const char *name,
                 const char *value)
{
	struct fieldval v;

	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i].name, name) == 0)
			return field_check(&arena, &fields[i], value, &v);
	fail_msg("no field %s", name);
	return -1;
}

static void test_query_validation(void **state)
{
	static const struct qcase valid[] = {
	    {"year", "2024"},
	    {"year", "1989"},
	    {"year", "2100"},
	    {"year", ""},
	    {"year", " 2024 "},
	    {"form", "hojo"},
	    {"form", "unknown_but_wellformed"},
	    {"field", "bosai"},
	    {"domain", "shimin_shudo"},
	    {"dept", "kiki"},
	    {"page", "1"},
	    {"page", "250"},
	    {"page", ""},
	};
	static const struct qcase invalid[] = {
	    {"year", "abc"},        {"year", "24"},       {"year", "1988"},
	    {"year", "2101"},       {"year", "２０２４"}, {"year", "2024.0"},
	    {"year", "-2024"},      {"year", "20245"},    {"form", "補助"},
	    {"form", "HOJO"},       {"form", "a b"},      {"form", "x'--"},
	    {"field", "<script>"},  {"dept", "kiki;"},    {"page", "0"},
	    {"page", "-1"},         {"page", "abc"},      {"page", "1e3"},
	    {"page", "9999999999"}, {"domain", "a/b"},
	};
	static const struct qcase gvalid[] = {
	    {"kana", "あ"}, {"kana", "わ"},        {"kana", "他"},
	    {"kana", ""},   {"kind", "chonaikai"}, {"page", "3"},
	};
	static const struct qcase ginvalid[] = {
	    {"kana", "ア"}, {"kana", "い"},     {"kana", "ああ"},
	    {"kana", "a"},  {"kind", "町内会"}, {"page", "0"},
	};
	size_t n, gn;
	const struct field *pf = projects_query_fields(&n);
	const struct field *gf = groups_query_fields(&gn);

	(void)state;
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		if (check(pf, n, valid[i].name, valid[i].value) != 0)
			fail_msg("%s=%s rejected", valid[i].name,
			         valid[i].value);
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		if (check(pf, n, invalid[i].name, invalid[i].value) == 0)
			fail_msg("%s=%s accepted", invalid[i].name,
			         invalid[i].value);
	for (size_t i = 0; i < sizeof(gvalid) / sizeof(gvalid[0]); i++)
		if (check(gf, gn, gvalid[i].name, gvalid[i].value) != 0)
			fail_msg("%s=%s rejected", gvalid[i].name,
			         gvalid[i].value);
	for (size_t i = 0; i < sizeof(ginvalid) / sizeof(ginvalid[0]); i++)
		if (check(gf, gn, ginvalid[i].name, ginvalid[i].value) == 0)
			fail_msg("%s=%s accepted", ginvalid[i].name,
			         ginvalid[i].value);
}

/* GET path?page=page (no query when page is NULL) through handler h on
 * the fixture, with the default configuration (20 rows a page): the
 * status it answers, the page's HTML in *html (arena copy). */
static int get_list(handler_fn h, const char *path, const char *page,
                    const char **html)
{
	static struct config cfg;
	struct kv q = {"page", page};
	struct request r;

	config_defaults(&cfg);
	memset(&r, 0, sizeof(r));
	r.arena = &arena;
	r.cfg = &cfg;
	r.db = db;
	r.method = M_GET;
	r.method_name = "GET";
	r.path = path;
	r.raw_query = "";
	r.query = (struct kvlist){&q, page != NULL};
	r.status = 200;
	memcpy(r.request_id, "00000000000000c1", 17);
	assert_int_equal(h(&r), HS_OK);
	*html = arena_strdup(&arena, r.out.len > 0 ? buf_cstr(&r.out) : "");
	buf_free(&r.out);
	return r.status;
}

/* The page number of /projects and /groups, which share its handling: a
 * malformed one is a 400 naming ページ番号, one past the last page a 404
 * saying how many pages there are, page 1 and the last page are there;
 * page_past_last() at its edges. */
static void test_page_numbers(void **state)
{
	static const struct {
		handler_fn h;
		const char *path;
		const char *what;  /* the list's noun in the 404 */
		const char *total; /* what the unfiltered list counts */
	} lists[] = {
	    {page_projects, "/projects", "協働事業",
	     "SELECT count(*) FROM projects WHERE published = 1"},
	    {page_groups, "/groups", "団体",
	     "SELECT count(*) FROM groups WHERE status = 'toroku'"},
	};
	static const char *const malformed[] = {
	    "0", "-1", "abc", "1.5", "99999999999999999999", "1000000000",
	};
	static const struct {
		long long page, total;
		int size;
		int past; /* 1: past the last page, a 404 */
	} edges[] = {
	    {1, 0, 20, 0},   {2, 0, 20, 1},       {2, 20, 20, 1},
	    {2, 21, 20, 0},  {5, 81, 20, 0},      {6, 100, 20, 1},
	    {1, 1, 1, 0},    {3, 2, 1, 1},        {999999, 91, 20, 1},
	    {5, 100, 20, 0}, {1, 1000000, 20, 0},
	};
	const char *html;
	char want[160], last[24], next[24];

	(void)state;
	assert_int_equal(tpl_init("templates"), 0);
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		long long total = testdb_int(db, lists[l].total);
		long long pages = (total + 19) / 20;

		assert_true(total > 0);
		snprintf(last, sizeof(last), "%lld", pages);
		snprintf(next, sizeof(next), "%lld", pages + 1);
		snprintf(want, sizeof(want),
		         "指定されたページはありません。この条件の%sは全%lld"
		         "ページです。",
		         lists[l].what, pages);
		for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]);
		     i++) {
			if (get_list(lists[l].h, lists[l].path, malformed[i],
			             &html) != 400)
				fail_msg("%s?page=%s: not a 400", lists[l].path,
				         malformed[i]);
			assert_non_null(strstr(html, "ページ番号"));
		}
		assert_int_equal(
		    get_list(lists[l].h, lists[l].path, NULL, &html), 200);
		assert_int_equal(
		    get_list(lists[l].h, lists[l].path, "1", &html), 200);
		assert_int_equal(
		    get_list(lists[l].h, lists[l].path, last, &html), 200);
		assert_int_equal(
		    get_list(lists[l].h, lists[l].path, next, &html), 404);
		assert_non_null(strstr(html, want));
		assert_int_equal(
		    get_list(lists[l].h, lists[l].path, "999999", &html), 404);
		assert_non_null(strstr(html, want));
	}
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		struct request r;

		memset(&r, 0, sizeof(r));
		r.arena = &arena;
		r.status = 200;
		memcpy(r.request_id, "00000000000000c2", 17);
		if (page_past_last(&r, edges[i].page, edges[i].total,
		                   edges[i].size, "団体") != edges[i].past)
			fail_msg("page %lld of %lld rows, %d a page",
			         edges[i].page, edges[i].total, edges[i].size);
		assert_int_equal(r.status, edges[i].past ? 404 : 200);
		assert_int_equal(r.out.len > 0, edges[i].past);
		if (edges[i].past) {
			snprintf(want, sizeof(want),
			         "この条件の団体は全%lldページです。",
			         (edges[i].total + edges[i].size - 1) /
			             edges[i].size);
			assert_non_null(strstr(buf_cstr(&r.out), want));
		}
		buf_free(&r.out);
	}
	frag_clear();
	arena_reset(&arena);
}

static void test_path_id(void **state)
{
	static const struct {
		const char *s;
		long long id; /* 0: invalid */
	} cases[] = {
	    {"1", 1},  {"42", 42}, {"123456789012345678", 123456789012345678LL},
	    {"0", 0},  {"01", 0},  {"-1", 0},
	    {"1a", 0}, {"", 0},    {"1234567890123456789", 0},
	    {" 1", 0}, {"1.0", 0}, {"１", 0},
	};

	(void)state;
	assert_int_equal(page_path_id(NULL), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (page_path_id(cases[i].s) != cases[i].id)
			fail_msg("'%s': %lld", cases[i].s,
			         page_path_id(cases[i].s));
}

static void test_page_url(void **state)
{
	struct kv q[] = {{"year", "2024"},
	                 {"form", NULL},
	                 {"kana", "か"},
	                 {"x", "a&b=c d"},
	                 {"page", ""}};
	const char *u = page_url(&arena, "/groups", q, 5);

	(void)state;
	assert_string_equal(u,
	                    "/groups?year=2024&kana=%E3%81%8B&x=a%26b%3Dc%20d");
	assert_string_equal(page_url(&arena, "/projects", q, 0), "/projects");
}

/* ---- the 領域 axis ---- */

static void test_axis_svg(void **state)
{
	struct axis_domain d[] = {
	    {"市民主体", 0, 0, 0},
	    {"<script>alert(1)</script>", 1, 1, 0},
	    {"協力（双方同等）", 1, 0, 0},
	    {"A&B \"q\" 'a'", 1, 0, 0},
	    {"参画", 0, 0, 1},
	    {"行政主体", 0, 0, 0},
	};
	const char *svg = forms_axis_svg(&arena, d, 6, "補<助>");

	(void)state;
	assert_non_null(svg);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "補<助>"));
	assert_non_null(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(svg, "A&amp;B &quot;q&quot; &#39;a&#39;"));
	assert_non_null(strstr(svg, "role=\"img\""));
	assert_non_null(strstr(svg, "aria-label=\"協働の領域。"));
	assert_non_null(strstr(svg, "<title>"));
	assert_non_null(strstr(svg, "狭義の協働"));
	assert_non_null(strstr(svg, "「補&lt;助&gt;」の領域は"));
	/* the label split at the full-width parenthesis */
	assert_non_null(strstr(svg, ">協力</text>"));
	assert_non_null(strstr(svg, ">（双方同等）</text>"));
	/* an optional band is dashed */
	assert_non_null(strstr(svg, "stroke-dasharray=\"6 4\""));
	/* no domains: nothing to draw */
	assert_string_equal(forms_axis_svg(&arena, d, 0, NULL), "");
}

/* On the demo data set, the rows the model builds in C agree with the
 * reference statements they replaced: each group's 分野 joined in master
 * order (a sorted subquery per row before), each group's projects newest
 * first with their roles (ORDER BY ... LIMIT before), each project row's
 * names and partner summary, each project's 分野, partners and 役割分担
 * in order (sorted in C now), and every page of the lists that start in
 * the right year from a summary (year/form, 担当課, 分野, 領域). */
static void test_demo_rows(void **state)
{
	struct db *d = testdb_open("demo", NULL);
	sqlite3_stmt *gs, *ps;
	struct arena a;
	long long ngroups = 0, nprojects = 0;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(
	    sqlite3_prepare_v2(
	        d->h,
	        "SELECT g.id, coalesce((SELECT group_concat(name, '・') FROM "
	        "(SELECT f.name FROM group_fields gf JOIN fields f ON f.code = "
	        "gf.field WHERE gf.group_id = g.id ORDER BY f.sort)), ''), "
	        "(SELECT group_concat(id || ':' || role, ' ') FROM (SELECT "
	        "p.id, "
	        "r.name AS role FROM project_partners pp JOIN projects p ON "
	        "p.id "
	        "= pp.project_id JOIN partner_roles r ON r.code = pp.role "
	        "WHERE "
	        "pp.group_id = g.id AND p.published = 1 ORDER BY p.fiscal_year "
	        "DESC, p.id DESC LIMIT 5)) FROM groups g WHERE g.status = "
	        "'toroku' ORDER BY g.id",
	        -1, &gs, NULL),
	    SQLITE_OK);
	while (sqlite3_step(gs) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(gs, 0);
		const char *want = (const char *)sqlite3_column_text(gs, 2);
		struct group_row *g;
		struct project_row *r;
		struct code_list all;
		size_t n;
		char got[4096] = "";

		assert_int_equal(groups_rows(d, &a, &id, 1, &g, &n), MS_OK);
		assert_int_equal(n, 1);
		assert_int_equal(master_all(d, &a, MASTER_FIELD, &all), MS_OK);
		assert_string_equal(
		    groups_field_names(&a, &all, g[0].field_codes),
		    (const char *)sqlite3_column_text(gs, 1));
		assert_int_equal(projects_by_group(d, &a, NULL, id, 5, &r, &n),
		                 MS_OK);
		for (size_t i = 0; i < n; i++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got),
			         "%s%lld:%s", i ? " " : "", r[i].id,
			         r[i].role_name);
		assert_string_equal(got, want != NULL ? want : "");
		ngroups++;
		arena_reset(&a);
	}
	sqlite3_finalize(gs);
	assert_int_equal(
	    sqlite3_prepare_v2(
	        d->h,
	        "SELECT p.id, p.title, f.name, d.name, s.name, (SELECT "
	        "count(*) FROM project_partners WHERE project_id = p.id), "
	        "(SELECT group_concat(name, '、') FROM (SELECT g.name FROM "
	        "project_partners pp JOIN groups g ON g.id = pp.group_id WHERE "
	        "pp.project_id = p.id ORDER BY pp.sort, pp.group_id LIMIT 2)) "
	        "FROM projects p JOIN forms f ON f.code = p.form JOIN "
	        "departments d ON d.code = p.department JOIN project_statuses "
	        "s "
	        "ON s.code = p.status ORDER BY p.id",
	        -1, &ps, NULL),
	    SQLITE_OK);
	while (sqlite3_step(ps) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(ps, 0);
		long long np = sqlite3_column_int64(ps, 5);
		const char *two = (const char *)sqlite3_column_text(ps, 6);
		struct project_row *r;
		size_t n;
		char want[2048];

		assert_int_equal(projects_rows(d, &a, NULL, &id, 1, &r, &n),
		                 MS_OK);
		assert_int_equal(n, 1);
		assert_string_equal(r[0].title,
		                    (const char *)sqlite3_column_text(ps, 1));
		assert_string_equal(r[0].form_name,
		                    (const char *)sqlite3_column_text(ps, 2));
		assert_string_equal(r[0].dept_name,
		                    (const char *)sqlite3_column_text(ps, 3));
		assert_string_equal(r[0].status_name,
		                    (const char *)sqlite3_column_text(ps, 4));
		if (np > 2)
			snprintf(want, sizeof(want), "%s ほか%lld団体", two,
			         np - 2);
		else
			snprintf(want, sizeof(want), "%s", two ? two : "");
		assert_string_equal(r[0].partners, want);
		nprojects++;
		arena_reset(&a);
	}
	sqlite3_finalize(ps);
	/* each published project's 分野, partners and 役割分担 in the order
	 * of the ORDER BY statements project_get() used before */
	assert_int_equal(
	    sqlite3_prepare_v2(
	        d->h,
	        "SELECT p.id, coalesce((SELECT group_concat(code, ' ') FROM "
	        "(SELECT f.code FROM project_fields pf JOIN fields f ON f.code "
	        "= pf.field WHERE pf.project_id = p.id ORDER BY f.sort)), ''), "
	        "coalesce((SELECT group_concat(id, ' ') FROM (SELECT g.id FROM "
	        "project_partners pp JOIN groups g ON g.id = pp.group_id JOIN "
	        "partner_roles r ON r.code = pp.role WHERE pp.project_id = "
	        "p.id "
	        "ORDER BY pp.sort, r.sort, g.kana, g.id)), ''), "
	        "coalesce((SELECT group_concat(text, '|') FROM (SELECT pr.text "
	        "FROM project_roles pr WHERE pr.project_id = p.id ORDER BY "
	        "pr.party <> 'city', pr.sort, pr.id)), '') FROM projects p "
	        "WHERE p.published = 1 ORDER BY p.id",
	        -1, &ps, NULL),
	    SQLITE_OK);
	while (sqlite3_step(ps) == SQLITE_ROW) {
		struct project pr;
		char got[3][8192] = {"", "", ""};

		assert_int_equal(
		    project_get(d, &a, sqlite3_column_int64(ps, 0), &pr),
		    MS_OK);
		for (size_t i = 0; i < pr.nfields; i++)
			snprintf(got[0] + strlen(got[0]),
			         sizeof(got[0]) - strlen(got[0]), "%s%s",
			         i ? " " : "", pr.fields[i].code);
		for (size_t i = 0; i < pr.npartners; i++)
			snprintf(got[1] + strlen(got[1]),
			         sizeof(got[1]) - strlen(got[1]), "%s%lld",
			         i ? " " : "", pr.partners[i].group_id);
		for (size_t i = 0; i < pr.nroles; i++)
			snprintf(got[2] + strlen(got[2]),
			         sizeof(got[2]) - strlen(got[2]), "%s%s",
			         i ? "|" : "", pr.roles[i].text);
		for (int c = 0; c < 3; c++)
			assert_string_equal(
			    got[c],
			    (const char *)sqlite3_column_text(ps, c + 1));
		arena_reset(&a);
	}
	sqlite3_finalize(ps);
	/* every page of the filters whose rows a summary counts per year,
	 * against OFFSET over a plain ORDER BY */
	for (int k = 0; k < 12; k++) {
		static const char ref[] =
		    "SELECT p.id FROM projects p WHERE p.published = 1 AND (?1 "
		    "= 0 OR p.fiscal_year = ?1) AND (?2 IS NULL OR p.form = "
		    "?2) "
		    "AND (?3 IS NULL OR p.department = ?3) AND (?4 IS NULL OR "
		    "EXISTS (SELECT 1 FROM project_fields x WHERE x.project_id "
		    "= p.id AND x.field = ?4)) AND (?5 IS NULL OR p.domain = "
		    "?5) ORDER BY p.fiscal_year DESC, p.id DESC LIMIT 7 OFFSET "
		    "?6";
		struct project_filter f = {0};
		long long total;

		f.year = k & 1 ? 2024 : 0;
		switch (k >> 1) {
		case 0: break;
		case 1: f.form = "hojo"; break;
		case 2: f.dept = "kiki"; break;
		case 3: f.field = "bosai"; break;
		case 4: f.domain = "kyoryoku"; break;
		case 5: f.dept = "kiki", f.field = "bosai"; break;
		}
		assert_int_equal(projects_count(d, &f, &total), MS_OK);
		assert_true(total > 0);
		for (long long off = 0; off <= total; off += 7) {
			struct project_row *r;
			size_t n, i = 0;

			assert_int_equal(
			    sqlite3_prepare_v2(d->h, ref, -1, &ps, NULL),
			    SQLITE_OK);
			sqlite3_bind_int(ps, 1, f.year);
			sqlite3_bind_text(ps, 2, f.form, -1, SQLITE_STATIC);
			sqlite3_bind_text(ps, 3, f.dept, -1, SQLITE_STATIC);
			sqlite3_bind_text(ps, 4, f.field, -1, SQLITE_STATIC);
			sqlite3_bind_text(ps, 5, f.domain, -1, SQLITE_STATIC);
			sqlite3_bind_int64(ps, 6, off);
			assert_int_equal(
			    projects_list(d, &a, NULL, &f, 7, off, &r, &n),
			    MS_OK);
			while (sqlite3_step(ps) == SQLITE_ROW) {
				assert_true(i < n);
				if (r[i].id != sqlite3_column_int64(ps, 0))
					fail_msg("filter %d, offset %lld, row "
					         "%zu: %lld, want %lld",
					         k, off, i, r[i].id,
					         sqlite3_column_int64(ps, 0));
				i++;
			}
			assert_int_equal(i, n);
			sqlite3_finalize(ps);
			arena_reset(&a);
		}
	}
	/* the demo data reaches what the test means to cover */
	assert_true(ngroups > 10);
	assert_true(nprojects > 10);
	arena_free(&a);
	db_close(d);
}

/* ---- the partner summary (schema/007_partner_names.sql) ---- */

/* What project_partner_names must hold, computed from project_partners and
 * groups: per project with partners, the count and the first two groups
 * (id, name) by (sort, group_id). */
#define PARTNER_NAMES_ORDER                                                    \
	"project_partners x JOIN groups g ON g.id = x.group_id WHERE "         \
	"x.project_id = pp.project_id ORDER BY x.sort, x.group_id LIMIT 1"
#define PARTNER_NAMES_REF                                                      \
	"SELECT pp.project_id, count(*), (SELECT x.group_id "                  \
	"FROM " PARTNER_NAMES_ORDER                                            \
	"), (SELECT g.name FROM " PARTNER_NAMES_ORDER                          \
	"), (SELECT x.group_id FROM " PARTNER_NAMES_ORDER " OFFSET 1), "       \
	"(SELECT g.name FROM " PARTNER_NAMES_ORDER " OFFSET 1) FROM "          \
	"project_partners pp JOIN groups g ON g.id = pp.group_id GROUP BY "    \
	"pp.project_id"

/* The rows in which project_partner_names and PARTNER_NAMES_REF differ. */
static long long partner_names_diff(struct db *d)
{
	return testdb_int(d,
	                  "WITH r AS (" PARTNER_NAMES_REF "), s AS (SELECT "
	                  "project_id, n, first_id, first, second_id, second "
	                  "FROM project_partner_names) "
	                  "SELECT (SELECT count(*) FROM (SELECT * FROM s "
	                  "EXCEPT SELECT * FROM r)) + (SELECT count(*) FROM "
	                  "(SELECT * FROM r EXCEPT SELECT * FROM s))");
}

/* Every project's rendered partner summary against the reference, in the
 * wording of the list rows ("Ａ会、Ｂ会 ほか2団体"); returns the rows
 * compared. */
static long long partner_rows_check(struct db *d, struct arena *a)
{
	sqlite3_stmt *st;
	long long rows = 0;

	if (sqlite3_prepare_v2(
	        d->h,
	        "WITH r(project_id, n, first_id, first, second_id, "
	        "second) AS "
	        "(" PARTNER_NAMES_REF ") SELECT p.id, r.first, "
	        "r.second, r.n FROM projects p LEFT JOIN r ON "
	        "r.project_id = p.id ORDER BY p.id",
	        -1, &st, NULL) != SQLITE_OK)
		fail_msg("reference: %s", sqlite3_errmsg(d->h));
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *first = (const char *)sqlite3_column_text(st, 1);
		const char *second = (const char *)sqlite3_column_text(st, 2);
		long long n = sqlite3_column_int64(st, 3);
		struct project_row *r;
		size_t nr;
		char want[2048];

		if (n == 0)
			want[0] = '\0';
		else if (n == 1)
			snprintf(want, sizeof(want), "%s", first);
		else if (n == 2)
			snprintf(want, sizeof(want), "%s、%s", first, second);
		else
			snprintf(want, sizeof(want), "%s、%s ほか%lld団体",
			         first, second, n - 2);
		assert_int_equal(projects_rows(d, a, NULL, &id, 1, &r, &nr),
		                 MS_OK);
		assert_int_equal(nr, 1);
		if (strcmp(r[0].partners, want) != 0)
			fail_msg("project %lld: \"%s\", want \"%s\"", id,
			         r[0].partners, want);
		rows++;
		arena_reset(a);
	}
	sqlite3_finalize(st);
	return rows;
}

/* A small deterministic generator (xorshift64*), so that a failure
 * repeats. */
static unsigned long long rnd_state = 0x6b796f646f2d3036ULL;

static long long rnd(long long n)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return (long long)((rnd_state * 2685821657736338717ULL) >> 33) % n;
}

/* Run sql on h with the integers v[0..nv) bound to ?1..; returns SQLite's
 * result (a constraint failure is a possible outcome of a random step:
 * the statement, with what its triggers did, is rolled back). */
static int run(sqlite3 *h, const char *sql, const long long *v, int nv)
{
	sqlite3_stmt *st;
	int rc;

	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	for (int i = 0; i < nv; i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_CONSTRAINT)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	return rc;
}

/* The summary equals its GROUP BY computation after every step of a random
 * sequence of partner inserts, deletes, reorders and moves, the project
 * form's save (mark, upsert, delete the marked), group renames (also to
 * another group's name), group deletes and project deletes on the demo
 * data; and the list rows show it as partners_for() did before. */
static void test_partner_names(void **state)
{
	struct db *d = testdb_open("demo", NULL);
	struct arena a;
	long long maxp, maxg, done[10] = {0}, v[4];

	(void)state;
	arena_init(&a, 0);
	/* the demo data went in through the triggers (the migration's fill
	 * is tested in test_migrate.c) */
	assert_int_equal(partner_names_diff(d), 0);
	assert_true(testdb_int(d, "SELECT count(*) FROM "
	                          "project_partner_names WHERE n > 2") > 0);
	maxp = testdb_int(d, "SELECT max(id) FROM projects");
	maxg = testdb_int(d, "SELECT max(id) FROM groups");
	for (int step = 0; step < 3000; step++) {
		int op = (int)rnd(10), rc = SQLITE_DONE;

		v[0] = 1 + rnd(maxp);
		v[1] = 1 + rnd(maxg);
		v[2] = rnd(4); /* few sorts: ties ordered by group_id */
		switch (op) {
		case 0:
		case 1:
			rc = run(d->h,
			         "INSERT INTO project_partners (project_id, "
			         "group_id, role, sort) SELECT ?1, ?2, (SELECT "
			         "code FROM partner_roles ORDER BY code LIMIT "
			         "1), ?3 WHERE EXISTS (SELECT 1 FROM projects "
			         "WHERE id = ?1) AND EXISTS (SELECT 1 FROM "
			         "groups WHERE id = ?2) ON CONFLICT DO NOTHING",
			         v, 3);
			break;
		case 2:
			rc =
			    run(d->h,
			        "DELETE FROM project_partners WHERE project_id "
			        "= ?1 AND group_id = (SELECT group_id FROM "
			        "project_partners WHERE project_id = ?1 ORDER "
			        "BY group_id LIMIT 1 OFFSET ?3)",
			        v, 3);
			break;
		case 3: /* reorder */
			rc = run(d->h,
			         "UPDATE project_partners SET sort = ?3 WHERE "
			         "project_id = ?1 AND group_id = (SELECT "
			         "group_id FROM project_partners WHERE "
			         "project_id = ?1 ORDER BY group_id DESC LIMIT "
			         "1)",
			         v, 3);
			break;
		case 4: /* a partner row to another group or project */
			v[3] = 1 + rnd(maxp);
			rc = run(d->h,
			         rnd(2)
			             ? "UPDATE project_partners SET group_id "
			               "= ?2 WHERE project_id = ?1 AND "
			               "group_id = (SELECT min(group_id) FROM "
			               "project_partners WHERE project_id = "
			               "?1)"
			             : "UPDATE project_partners SET "
			               "project_id = ?4 WHERE project_id = ?1 "
			               "AND group_id = (SELECT min(group_id) "
			               "FROM project_partners WHERE project_id "
			               "= ?1)",
			         v, 4);
			break;
		case 5: /* the project form's save: mark, upsert, delete */
			run(d->h, "SAVEPOINT form", NULL, 0);
			run(d->h,
			    "UPDATE project_partners SET sort = -1 WHERE "
			    "project_id = ?1",
			    v, 1);
			for (long long k = 0; k < rnd(4); k++) {
				long long u[4] = {v[0], 1 + rnd(maxg), k + 1};

				if (run(d->h,
				        "INSERT INTO project_partners "
				        "(project_id, group_id, role, sort) "
				        "SELECT ?1, ?2, 'kyosai', ?3 WHERE "
				        "EXISTS (SELECT 1 FROM projects WHERE "
				        "id = ?1) AND EXISTS (SELECT 1 FROM "
				        "groups WHERE id = ?2) ON CONFLICT "
				        "(project_id, group_id) DO UPDATE SET "
				        "sort = excluded.sort",
				        u, 3) != SQLITE_DONE)
					break;
			}
			rc =
			    run(d->h,
			        "DELETE FROM project_partners WHERE project_id "
			        "= ?1 AND sort = -1",
			        v, 1);
			if (rc != SQLITE_DONE)
				run(d->h, "ROLLBACK TO form", NULL, 0);
			run(d->h, "RELEASE form", NULL, 0);
			break;
		case 6:
		case 7: /* rename, sometimes to another group's name */
			v[3] = 1 + rnd(maxg);
			rc = run(d->h,
			         rnd(3) ? "UPDATE groups SET name = name || "
			                  "'・' || ?3 WHERE id = ?2"
			                : "UPDATE groups SET name = (SELECT "
			                  "name FROM groups WHERE id = ?4) "
			                  "WHERE id = ?2 AND EXISTS (SELECT 1 "
			                  "FROM groups WHERE id = ?4)",
			         v, 4);
			break;
		case 8: /* a group: refused while a partner, else its partner
		         * rows first, then the group */
			if (rnd(2))
				rc = run(d->h,
				         "DELETE FROM groups WHERE id = ?2", v,
				         2);
			else {
				run(d->h, "SAVEPOINT g", NULL, 0);
				rc = run(d->h,
				         "DELETE FROM project_partners WHERE "
				         "group_id = ?2",
				         v, 2);
				if (rc == SQLITE_DONE)
					rc = run(d->h,
					         "DELETE FROM groups WHERE id "
					         "= ?2",
					         v, 2);
				if (rc != SQLITE_DONE)
					run(d->h, "ROLLBACK TO g", NULL, 0);
				run(d->h, "RELEASE g", NULL, 0);
			}
			break;
		case 9:
			rc = run(d->h, "DELETE FROM projects WHERE id = ?1", v,
			         1);
			break;
		}
		if (rc == SQLITE_DONE && sqlite3_changes(d->h) > 0)
			done[op]++;
		if (partner_names_diff(d) != 0)
			fail_msg("step %d (operation %d, %lld %lld %lld %lld): "
			         "the summary differs",
			         step, op, v[0], v[1], v[2], v[3]);
	}
	/* every kind of step changed something at least once */
	for (int op = 0; op < 10; op++)
		if (done[op] == 0)
			fail_msg("operation %d never changed a row", op);
	assert_int_equal(testdb_int(d, "PRAGMA foreign_key_check"), -1);
	assert_true(partner_rows_check(d, &a) > 10);
	/* kyodo check agrees, and sees a wrong, a missing and a superfluous
	 * row */
	assert_int_equal(summaries_check(d->h, 7, stdout, NULL), 0);
	assert_int_equal(sqlite3_exec(d->h,
	                              "PRAGMA foreign_keys = OFF; SAVEPOINT "
	                              "x; UPDATE project_partner_names SET n "
	                              "= n + 1 WHERE project_id = (SELECT "
	                              "min(project_id) FROM "
	                              "project_partner_names)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(summaries_check(d->h, 7, stdout, NULL), 1);
	assert_int_equal(sqlite3_exec(d->h,
	                              "ROLLBACK TO x; DELETE FROM "
	                              "project_partner_names WHERE project_id "
	                              "= (SELECT max(project_id) FROM "
	                              "project_partner_names)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(summaries_check(d->h, 7, stdout, NULL), 1);
	assert_int_equal(sqlite3_exec(d->h,
	                              "ROLLBACK TO x; INSERT INTO "
	                              "project_partner_names VALUES (1000000, "
	                              "1, 1, 'a', NULL, NULL)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(summaries_check(d->h, 7, stdout, NULL), 1);
	assert_int_equal(
	    sqlite3_exec(d->h, "ROLLBACK TO x; RELEASE x", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(summaries_check(d->h, 7, stdout, NULL), 0);
	arena_free(&a);
	db_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_master),
	    cmocka_unit_test(test_model_rows),
	    cmocka_unit_test(test_forms_domains),
	    cmocka_unit_test(test_projects_paging),
	    cmocka_unit_test(test_projects_rows),
	    cmocka_unit_test(test_name_table_find),
	    cmocka_unit_test(test_row_names),
	    cmocka_unit_test(test_row_meta),
	    cmocka_unit_test(test_project_get),
	    cmocka_unit_test(test_project_get_order),
	    cmocka_unit_test(test_groups_list),
	    cmocka_unit_test(test_group_field_codes),
	    cmocka_unit_test(test_group_field_names),
	    cmocka_unit_test(test_group_private),
	    cmocka_unit_test(test_demo_rows),
	    cmocka_unit_test(test_partner_names),
	    cmocka_unit_test(test_query_validation),
	    cmocka_unit_test(test_page_numbers),
	    cmocka_unit_test(test_path_id),
	    cmocka_unit_test(test_page_url),
	    cmocka_unit_test(test_axis_svg),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
