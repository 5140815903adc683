/* Keyword search on a database: the triggers keeping the bigram index
 * right through every kind of write (a table of cases, then random writes
 * checked against scans of the tables), the searches with the lists'
 * filters, the count's cap, the summary counts of the lists (schema/005)
 * through the same writes, the migration indexing the rows a database
 * already holds, and every search on the demo data set agreeing with a
 * brute-force substring scan. Runs from the top directory (reads
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
#include "db/search_fn.h"
#include "model/groups_write.h"
#include "model/projects_write.h"
#include "model/search.h"
#include "util/buf.h"
#include "util/validate.h"

#include "testdb.h"

/* Per-test memory. */
static struct arena arena;

/* Run literal SQL on db (test-only). */
static void exec(struct db *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* The ids /projects?q=... lists for q and f (one page of 50), comma
 * separated, in order. */
static const char *project_ids(struct db *db, const char *q,
                               const struct project_filter *f)
{
	struct search_query sq;
	struct search_total t;
	struct project_row *rows;
	size_t n;
	struct buf b = {0};
	const char *s;

	assert_int_equal(search_parse(&arena, q, &sq), SQ_OK);
	assert_int_equal(
	    projects_search(db, &arena, NULL, &sq, f, 50, 0, &rows, &n, &t),
	    MS_OK);
	assert_true(t.n >= (long long)n && t.n <= SEARCH_COUNT_CAP);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", rows[i].id);
	s = arena_strdup(&arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The same for groups. */
static const char *group_ids(struct db *db, const char *q,
                             const struct group_filter *f)
{
	struct search_query sq;
	struct search_total t;
	struct group_row *rows;
	size_t n;
	struct buf b = {0};
	const char *s;

	assert_int_equal(search_parse(&arena, q, &sq), SQ_OK);
	assert_int_equal(
	    groups_search(db, &arena, &sq, f, 50, 0, &rows, &n, &t), MS_OK);
	assert_true(t.n >= (long long)n && t.n <= SEARCH_COUNT_CAP);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", rows[i].id);
	s = arena_strdup(&arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Projects: 1–3 published, 4 not. */
static const char projects_fixture[] =
    "INSERT INTO projects (id, fiscal_year, title, summary, purpose, kana, "
    "form, domain, proposal_type, department, status, published) VALUES "
    "(1, 2024, '地域ぐるみの防災訓練', '自主防災組織と市が訓練を行う', '', "
    "'チイキグルミノボウサイクンレン', 'kyosai', 'kyoryoku', 'gyosei', "
    "'kiki', 'jisshi', 1),"
    "(2, 2025, '子育てサロン', 'ＮＰＯ法人と協働', '子育ての不安をなくす', "
    "NULL, 'hojo', 'shimin_shudo', 'shimin', 'kosodate', 'jisshi', 1),"
    "(3, 2025, '防災マップづくり', '', '', NULL, 'itaku', 'gyosei_shudo', "
    "'gyosei', 'kiki', 'jisshi', 1),"
    "(4, 2025, '非公開の防災事業', '', '', NULL, 'hojo', 'shimin_shudo', "
    "'shimin', 'kiki', 'teian', 0);"
    "INSERT INTO project_fields (project_id, field, fiscal_year, published) "
    "SELECT id, 'bosai', fiscal_year, published FROM projects WHERE id IN "
    "(1, 3, 4);";

static void test_project_triggers(void **state)
{
	struct db *db = testdb_open(NULL, projects_fixture);
	struct project_filter none = {0}, f;

	(void)state;
	assert_string_equal(project_ids(db, "防災", &none), "3,1");
	assert_string_equal(project_ids(db, "防災訓練", &none), "1");
	assert_string_equal(project_ids(db, "ぼうさい", &none), "1"); /* kana */
	assert_string_equal(project_ids(db, "npo", &none), "2");
	assert_string_equal(project_ids(db, "ｎｐｏ法人", &none), "2");
	assert_string_equal(project_ids(db, "子育て 不安", &none), "2");
	assert_string_equal(project_ids(db, "子育て 防災", &none), "");
	assert_string_equal(project_ids(db, "訓練", &none), "1");
	/* no phrase across runs or values: 防災訓練 + 会 … */
	assert_string_equal(project_ids(db, "練自", &none), "");
	assert_string_equal(project_ids(db, "非公開", &none), "");
	/* unpublish, publish */
	exec(db, "UPDATE projects SET published = 0 WHERE id = 3");
	assert_string_equal(project_ids(db, "防災", &none), "1");
	exec(db, "UPDATE projects SET published = 1 WHERE id IN (3, 4)");
	assert_string_equal(project_ids(db, "防災", &none), "4,3,1");
	/* a text change: the old word goes, the new one comes */
	exec(db, "UPDATE projects SET title = '減災マップづくり' WHERE id = 3");
	assert_string_equal(project_ids(db, "防災", &none), "4,1");
	assert_string_equal(project_ids(db, "減災", &none), "3");
	/* a change the index does not hold: nothing to do, still right */
	exec(db, "UPDATE projects SET status = 'kanryo', progress = 100 WHERE "
	         "id = 3");
	assert_string_equal(project_ids(db, "減災", &none), "3");
	/* facets follow the row */
	memset(&f, 0, sizeof(f));
	f.year = 2025;
	assert_string_equal(project_ids(db, "防災", &f), "4");
	exec(db, "UPDATE projects SET fiscal_year = 2024 WHERE id = 4");
	assert_string_equal(project_ids(db, "防災", &f), "");
	f.year = 2024;
	assert_string_equal(project_ids(db, "防災", &f), "4,1");
	f.dept = "kiki";
	f.form = "kyosai";
	assert_string_equal(project_ids(db, "防災", &f), "1");
	f.form = NULL;
	f.domain = "shimin_shudo";
	assert_string_equal(project_ids(db, "防災", &f), "4");
	memset(&f, 0, sizeof(f));
	f.field = "bosai";
	assert_string_equal(project_ids(db, "防災", &f), "4,1");
	f.field = "kosodate";
	assert_string_equal(project_ids(db, "防災", &f), "");
	/* delete */
	exec(db, "DELETE FROM projects WHERE id = 4");
	assert_string_equal(project_ids(db, "防災", &none), "1");
	/* the index holds exactly the published rows */
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM projects_fts"),
	                 testdb_int(db, "SELECT count(*) FROM projects WHERE "
	                                "published = 1"));
	exec(db, "INSERT INTO projects_fts (projects_fts) VALUES "
	         "('integrity-check')");
	db_close(db);
}

static void test_group_triggers(void **state)
{
	struct db *db = testdb_open(NULL, NULL);
	struct group_filter none = {0}, f = {0};

	(void)state;
	exec(db,
	     "INSERT INTO groups (id, name, kana, kind, area, purpose, "
	     "activities, status) VALUES "
	     "(1, 'みなと防災ネットワーク', 'ミナトボウサイネットワーク', "
	     "'npo', "
	     "'中央地区', '防災', '', 'toroku'),"
	     "(2, '港町町内会', 'ミナトマチチョウナイカイ', 'chonaikai', "
	     "'港町', '', '防災訓練と清掃', 'toroku'),"
	     "(3, '申請中の防災会', 'シンセイチュウノボウサイカイ', 'npo', '', "
	     "'', '', 'shinsei');"
	     "INSERT INTO group_fields (group_id, field, status, kana) SELECT "
	     "id, 'bosai', status, kana FROM groups WHERE id = 1;");
	assert_string_equal(group_ids(db, "防災", &none), "2,1");
	assert_string_equal(group_ids(db, "みなと", &none), "2,1");
	assert_string_equal(group_ids(db, "清掃", &none), "2");
	f.kind = "npo";
	assert_string_equal(group_ids(db, "防災", &f), "1");
	f.kind = NULL;
	f.kana_row = "ま";
	assert_string_equal(group_ids(db, "防災", &f), "2,1");
	f.kana_row = "あ";
	assert_string_equal(group_ids(db, "防災", &f), "");
	f.kana_row = NULL;
	f.field = "bosai";
	assert_string_equal(group_ids(db, "防災", &f), "1");
	/* registration and removal */
	exec(db, "UPDATE groups SET status = 'toroku' WHERE id = 3");
	assert_string_equal(group_ids(db, "防災", &none), "3,2,1");
	exec(db, "UPDATE groups SET status = 'kyushi' WHERE id = 1");
	assert_string_equal(group_ids(db, "防災", &none), "3,2");
	/* the kana (and so the 五十音 row) changes */
	exec(db, "UPDATE groups SET kana = 'アオイボウサイカイ' WHERE id = 3");
	f.field = NULL;
	f.kana_row = "あ";
	assert_string_equal(group_ids(db, "防災", &f), "3");
	assert_string_equal(group_ids(db, "あおい", &none), "3");
	exec(db, "DELETE FROM groups WHERE id = 3");
	assert_string_equal(group_ids(db, "防災", &none), "2");
	/* the public text and filters of the registered groups; since 017 a
	 * document (the picker's names) of every group that is not 抹消 */
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM groups_fts WHERE groups_fts "
	                   "MATCH 'facets : gk_*'"),
	    testdb_int(db, "SELECT count(*) FROM groups WHERE status = "
	                   "'toroku'"));
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM groups_fts"),
	    testdb_int(db, "SELECT count(*) FROM groups WHERE status <> "
	                   "'massho'"));
	exec(db, "INSERT INTO groups_fts (groups_fts) VALUES "
	         "('integrity-check')");
	db_close(db);
}

/* Counting stops at the cap; the pages under it stay cheap; a filter
 * narrows inside the index, however far back its rows are. */
static void test_caps(void **state)
{
	struct db *db = testdb_open(NULL, NULL);
	struct search_query q;
	struct project_filter f = {0};
	struct search_total t;
	struct project_row *rows;
	size_t n;

	(void)state;
	/* 6,000 published 防災 projects; every 1,000th (and 5,999) in 防災 */
	exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	         "FROM n WHERE i < 6000) INSERT INTO projects (id, "
	         "fiscal_year, title, form, domain, proposal_type, department, "
	         "published) SELECT i, 2025, '防災の事業' || i, 'hojo', "
	         "'kyoryoku', 'shimin', 'kiki', 1 FROM n;"
	         "INSERT INTO project_fields (project_id, field, fiscal_year, "
	         "published) SELECT id, 'bosai', 2025, 1 FROM projects WHERE "
	         "id % 1000 = 0 OR id = 5999;");
	assert_int_equal(search_parse(&arena, "防災", &q), SQ_OK);
	/* page 1: newest first, the count stopped at the cap */
	assert_int_equal(
	    projects_search(db, &arena, NULL, &q, &f, 20, 0, &rows, &n, &t),
	    MS_OK);
	assert_int_equal(t.n, SEARCH_COUNT_CAP);
	assert_true(t.capped);
	assert_int_equal(n, 20);
	assert_int_equal(rows[0].id, 6000);
	/* the last page under the cap */
	assert_int_equal(projects_search(db, &arena, NULL, &q, &f, 20,
	                                 SEARCH_COUNT_CAP - 20, &rows, &n, &t),
	                 MS_OK);
	assert_int_equal(n, 20);
	assert_int_equal(rows[0].id, 6000 - SEARCH_COUNT_CAP + 20);
	assert_int_equal(rows[19].id, 6000 - SEARCH_COUNT_CAP + 1);
	/* past the cap: nothing, even though more matched */
	assert_int_equal(projects_search(db, &arena, NULL, &q, &f, 20,
	                                 SEARCH_COUNT_CAP - 10, &rows, &n, &t),
	                 MS_OK);
	assert_int_equal(n, 10);
	assert_int_equal(projects_search(db, &arena, NULL, &q, &f, 20,
	                                 SEARCH_COUNT_CAP, &rows, &n, &t),
	                 MS_OK);
	assert_int_equal(n, 0);
	assert_true(t.capped);
	/* 分野: exact, the oldest matches too */
	f.field = "bosai";
	assert_int_equal(
	    projects_search(db, &arena, NULL, &q, &f, 20, 0, &rows, &n, &t),
	    MS_OK);
	assert_false(t.capped);
	assert_int_equal(t.n, 7); /* 6000, 5999, 5000, 4000 … 1000 */
	assert_int_equal(n, 7);
	assert_int_equal(rows[0].id, 6000);
	assert_int_equal(rows[1].id, 5999);
	assert_int_equal(rows[6].id, 1000);
	f.year = 2024;
	assert_int_equal(
	    projects_search(db, &arena, NULL, &q, &f, 20, 0, &rows, &n, &t),
	    MS_OK);
	assert_int_equal(t.n, 0);
	assert_int_equal(n, 0);
	db_close(db);
}

/* A pseudo-random number below n (a fixed sequence). */
static unsigned rnd(unsigned n)
{
	static unsigned long long x = 88172645463325252ULL;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (unsigned)(x % n);
}

/* An existing id of a group (groups set) or a project chosen by rnd(), or
 * 0 when there is none. */
static unsigned pick(struct db *db, int groups)
{
	sqlite3_stmt *st;
	long long n = testdb_int(db, groups ? "SELECT count(*) FROM groups"
	                                    : "SELECT count(*) FROM projects");
	unsigned id = 0;

	if (n <= 0)
		return 0;
	assert_int_equal(
	    sqlite3_prepare_v2(db->h,
	                       groups ? "SELECT id FROM groups ORDER BY id "
	                                "LIMIT 1 OFFSET ?1"
	                              : "SELECT id FROM projects ORDER BY id "
	                                "LIMIT 1 OFFSET ?1",
	                       -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_int(st, 1, (int)rnd((unsigned)n));
	if (sqlite3_step(st) == SQLITE_ROW)
		id = (unsigned)sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* The writes of test_random_writes(): every kind the schema allows to
 * projects, groups and their 分野 rows, with the parameters :id (an
 * existing row, sometimes a missing one), :nid (a new id), :w1 :w2
 * (words), :year :form :dept :domain :pub, :f1 :f2 (field codes), :kana
 * :kind :status. */
static const struct {
	int groups;      /* 1: :id is a group's, else a project's */
	const char *sql; /* the write */
} random_ops[] = {
    /* no id: SQLite takes max + 1, so a deleted last id comes back */
    {0, "INSERT INTO projects (fiscal_year, title, summary, form, domain, "
        "proposal_type, department, published) VALUES (:year, :w1 || "
        "'の事業', :w2 || '・' || :w1, :form, :domain, 'shimin', :dept, "
        ":pub)"},
    {0, "UPDATE projects SET title = :w1 || :w2 || '会', summary = '' "
        "WHERE id = :id"},
    {0, "UPDATE projects SET published = 1 - published WHERE id = :id"},
    {0, "UPDATE projects SET fiscal_year = :year, form = :form, department "
        "= :dept, domain = :domain WHERE id = :id"},
    {0, "UPDATE projects SET status = 'kanryo', progress = 100 WHERE id = "
        ":id"},
    {0, "INSERT OR IGNORE INTO project_fields (project_id, field, "
        "fiscal_year, published) SELECT id, :f1, fiscal_year, published "
        "FROM projects WHERE id = :id"},
    {0, "INSERT OR IGNORE INTO project_fields (project_id, field, "
        "fiscal_year, published) SELECT id, :f2, fiscal_year, published "
        "FROM projects WHERE id = :id"},
    {0, "DELETE FROM project_fields WHERE project_id = :id AND field = :f1"},
    {0, "DELETE FROM project_fields WHERE project_id = :id"},
    {0, "UPDATE OR IGNORE project_fields SET field = :f2 WHERE project_id "
        "= :id AND field = :f1"},
    {0, "DELETE FROM projects WHERE id = :id"},
    /* a new id: the field rows follow by cascade */
    {0, "UPDATE OR IGNORE projects SET id = :nid WHERE id = :id"},
    {1, "INSERT INTO groups (name, kana, kind, activities, status) VALUES "
        "(:w1 || '会', :kana, :kind, :w2, :status)"},
    {1, "UPDATE groups SET status = :status, kana = :kana WHERE id = :id"},
    {1, "UPDATE groups SET name = :w1 || :w2, kind = :kind WHERE id = :id"},
    {1, "INSERT OR IGNORE INTO group_fields (group_id, field, status, kana) "
        "SELECT id, :f1, status, kana FROM groups WHERE id = :id"},
    {1, "INSERT OR IGNORE INTO group_fields (group_id, field, status, kana) "
        "SELECT id, :f2, status, kana FROM groups WHERE id = :id"},
    {1, "DELETE FROM group_fields WHERE group_id = :id AND field = :f1"},
    {1, "UPDATE OR IGNORE group_fields SET field = :f2 WHERE group_id = :id "
        "AND field = :f1"},
    {1, "DELETE FROM groups WHERE id = :id"},
    {1, "UPDATE OR IGNORE groups SET id = :nid WHERE id = :id"},
};

/* Bind text value to parameter name of st when it has it. */
static void bind_named(sqlite3_stmt *st, const char *name, const char *value)
{
	int i = sqlite3_bind_parameter_index(st, name);

	if (i > 0)
		sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
}

/* The ids of a scan (sql with ?1–?5 bound to year, b–d (NULL unbound) and
 * word) joined by commas, into out. */
static void scan_ids(struct db *db, const char *sql, int year, const char *b,
                     const char *c, const char *d, const char *word,
                     struct buf *out)
{
	sqlite3_stmt *st;

	buf_clear(out);
	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int(st, 1, year);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (c != NULL)
		sqlite3_bind_text(st, 3, c, -1, SQLITE_STATIC);
	if (d != NULL)
		sqlite3_bind_text(st, 4, d, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, word, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(out, "%s%lld", out->len ? "," : "",
		           sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
}

/* Random writes of every kind the schema allows to projects, groups and
 * their 分野 rows; after each batch, every word with every filter finds
 * exactly what a scan of the tables finds. */
/* The summary counts of schema/005 against counts of the rows they stand
 * for: each query gives the number of (key, count) pairs on one side only
 * (a zero count stands for no row). */
static const char *const summary_checks[] = {
    "SELECT (SELECT count(*) FROM (SELECT fiscal_year, published FROM "
    "project_year_counts WHERE published <> 0 EXCEPT SELECT fiscal_year, "
    "count(*) FROM projects WHERE published = 1 GROUP BY 1)) + (SELECT "
    "count(*) FROM (SELECT fiscal_year, count(*) FROM projects WHERE "
    "published = 1 GROUP BY 1 EXCEPT SELECT fiscal_year, published FROM "
    "project_year_counts))",
    "WITH truth AS (SELECT 'dp', department, fiscal_year, count(*) FROM "
    "projects WHERE published = 1 GROUP BY 2, 3 UNION ALL SELECT 'dm', "
    "domain, fiscal_year, count(*) FROM projects WHERE published = 1 GROUP "
    "BY 2, 3 UNION ALL SELECT 'fd', x.field, p.fiscal_year, count(*) FROM "
    "project_fields x JOIN projects p ON p.id = x.project_id WHERE "
    "p.published = 1 GROUP BY 2, 3), summary AS (SELECT facet, code, "
    "fiscal_year, n FROM project_facet_counts WHERE n <> 0) SELECT (SELECT "
    "count(*) FROM (SELECT * FROM truth EXCEPT SELECT * FROM summary)) + "
    "(SELECT count(*) FROM (SELECT * FROM summary EXCEPT SELECT * FROM "
    "truth))",
    "SELECT (SELECT count(*) FROM (SELECT status, n FROM "
    "group_status_counts WHERE n <> 0 EXCEPT SELECT status, count(*) FROM "
    "groups GROUP BY 1)) + (SELECT count(*) FROM (SELECT status, count(*) "
    "FROM groups GROUP BY 1 EXCEPT SELECT status, n FROM "
    "group_status_counts))",
    "WITH truth AS (SELECT x.field, g.status, count(*) FROM group_fields x "
    "JOIN groups g ON g.id = x.group_id GROUP BY 1, 2), summary AS (SELECT "
    "field, status, n FROM group_field_counts WHERE n <> 0) SELECT (SELECT "
    "count(*) FROM (SELECT * FROM truth EXCEPT SELECT * FROM summary)) + "
    "(SELECT count(*) FROM (SELECT * FROM summary EXCEPT SELECT * FROM "
    "truth))",
};

/* projects_count() and groups_count() for each filter the summaries
 * answer (and a combination they do not) against a scan. */
static void check_list_counts(struct db *db, int round)
{
	static const char *const fields[] = {"bosai", "fukushi", "kosodate"};
	static const char project_scan[] =
	    "SELECT count(*) FROM projects p WHERE p.published = 1 AND (?1 = 0 "
	    "OR p.fiscal_year = ?1) AND (?2 IS NULL OR p.form = ?2) AND (?3 IS "
	    "NULL OR p.department = ?3) AND (?4 IS NULL OR EXISTS (SELECT 1 "
	    "FROM project_fields x WHERE x.project_id = p.id AND x.field = "
	    "?4)) "
	    "AND (?5 IS NULL OR p.domain = ?5)";
	static const char group_scan[] =
	    "SELECT count(*) FROM groups g WHERE g.status = 'toroku' AND (?1 "
	    "IS NULL OR EXISTS (SELECT 1 FROM group_fields x WHERE x.group_id "
	    "= g.id AND x.field = ?1)) AND (?2 IS NULL OR g.kind = ?2) AND "
	    "(?3 IS NULL OR g.kana_row = ?3)";

	for (int k = 0; k < 16; k++) {
		struct project_filter f = {0};
		struct group_filter g = {0};
		sqlite3_stmt *st;
		long long got, want = -1;

		f.year = k & 1 ? 2021 : 0;
		switch (k >> 1) {
		case 1: f.form = "hojo"; break;
		case 2: f.dept = "kiki"; break;
		case 3: f.domain = "kyoryoku"; break;
		case 4: f.field = fields[round % 3]; break;
		case 5: f.form = "itaku", f.dept = "fukushi"; break;
		case 6: f.field = "bosai", f.domain = "shimin_shudo"; break;
		case 7: f.dept = "kosodate", f.field = "kosodate"; break;
		}
		assert_int_equal(projects_count(db, &f, &got), MS_OK);
		assert_int_equal(
		    sqlite3_prepare_v2(db->h, project_scan, -1, &st, NULL),
		    SQLITE_OK);
		sqlite3_bind_int(st, 1, f.year);
		sqlite3_bind_text(st, 2, f.form, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, f.dept, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, f.field, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, f.domain, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			want = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (got != want)
			fail_msg("round %d, project filter %d: count %lld, "
			         "scan %lld",
			         round, k, got, want);
		g.field = k % 4 < 3 ? fields[k % 4] : NULL;
		g.kind = k >= 8 ? "npo" : NULL;
		g.kana_row = k % 8 >= 6 ? "さ" : NULL;
		assert_int_equal(groups_count(db, &g, &got), MS_OK);
		assert_int_equal(
		    sqlite3_prepare_v2(db->h, group_scan, -1, &st, NULL),
		    SQLITE_OK);
		sqlite3_bind_text(st, 1, g.field, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, g.kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, g.kana_row, -1, SQLITE_STATIC);
		want = -1;
		if (sqlite3_step(st) == SQLITE_ROW)
			want = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (got != want)
			fail_msg("round %d, group filter %d: count %lld, scan "
			         "%lld",
			         round, k, got, want);
	}
}

static void test_random_writes(void **state)
{
	static const char *const words[] = {"防災", "福祉", "清掃",
	                                    "子育", "交流", "講座"};
	/* searched after each round: the words, and longer ones the writes
	 * make (trigram phrases, schema/006) */
	static const char *const checked[] = {
	    "防災",   "福祉",     "清掃",       "子育",   "交流",
	    "講座",   "防災の",   "福祉の事業", "清掃の", "子育防災会",
	    "・交流", "講座講座", "交流・子育", "防災会"};
	static const char *const forms[] = {"hojo", "itaku", "kyosai"};
	static const char *const depts[] = {"kiki", "fukushi", "kosodate"};
	static const char *const domains[] = {"kyoryoku", "shimin_shudo"};
	static const char *const fields[] = {"bosai", "fukushi", "kosodate"};
	static const char *const kinds[] = {"npo", "chonaikai"};
	static const char *const kanas[] = {"アオイ", "カワ", "サクラ", "タケ"};
	static const char *const statuses[] = {"toroku", "toroku", "shinsei",
	                                       "kyushi"};
	static const char project_scan[] =
	    "SELECT p.id FROM projects p WHERE p.published = 1 AND (p.title "
	    "LIKE '%' || ?5 || '%' OR p.summary LIKE '%' || ?5 || '%') AND (?1 "
	    "= 0 OR p.fiscal_year = ?1) AND (?2 IS NULL OR p.form = ?2) AND "
	    "(?3 "
	    "IS NULL OR p.department = ?3) AND (?4 IS NULL OR EXISTS (SELECT 1 "
	    "FROM project_fields x WHERE x.project_id = p.id AND x.field = "
	    "?4)) "
	    "ORDER BY p.id DESC LIMIT 50";
	static const char group_scan[] =
	    "SELECT g.id FROM groups g WHERE g.status = 'toroku' AND (g.name "
	    "LIKE '%' || ?5 || '%' OR g.activities LIKE '%' || ?5 || '%') AND "
	    "(?1 = 0 OR ?1 = ?1) AND (?2 IS NULL OR g.kind = ?2) AND (?3 IS "
	    "NULL "
	    "OR g.kana_row = ?3) AND (?4 IS NULL OR EXISTS (SELECT 1 FROM "
	    "group_fields x WHERE x.group_id = g.id AND x.field = ?4)) ORDER "
	    "BY "
	    "g.id DESC LIMIT 50";
	/* a facet's index count, and the rows it stands for */
	static const char *const facet_checks[][2] = {
	    {"SELECT count(*) FROM projects_fts",
	     "SELECT count(*) FROM projects WHERE published = 1"},
	    {"SELECT count(*) FROM projects_fts WHERE projects_fts MATCH "
	     "'\"fy_2021\"'",
	     "SELECT count(*) FROM projects WHERE published = 1 AND "
	     "fiscal_year = 2021"},
	    {"SELECT count(*) FROM projects_fts WHERE projects_fts MATCH "
	     "'\"fm_hojo\"'",
	     "SELECT count(*) FROM projects WHERE published = 1 AND form = "
	     "'hojo'"},
	    {"SELECT count(*) FROM projects_fts WHERE projects_fts MATCH "
	     "'\"dp_kiki\"'",
	     "SELECT count(*) FROM projects WHERE published = 1 AND department "
	     "= 'kiki'"},
	    {"SELECT count(*) FROM projects_fts WHERE projects_fts MATCH "
	     "'\"dm_kyoryoku\"'",
	     "SELECT count(*) FROM projects WHERE published = 1 AND domain = "
	     "'kyoryoku'"},
	    {"SELECT count(*) FROM projects_fts WHERE projects_fts MATCH "
	     "'\"fd_bosai\"'",
	     "SELECT count(*) FROM project_fields x JOIN projects p ON p.id = "
	     "x.project_id WHERE p.published = 1 AND x.field = 'bosai'"},
	    {"SELECT count(*) FROM projects_fts WHERE projects_fts MATCH "
	     "'\"fd_kosodate\"'",
	     "SELECT count(*) FROM project_fields x JOIN projects p ON p.id = "
	     "x.project_id WHERE p.published = 1 AND x.field = 'kosodate'"},
	    {"SELECT count(*) FROM groups_fts WHERE groups_fts MATCH "
	     "'facets : gk_*'",
	     "SELECT count(*) FROM groups WHERE status = 'toroku'"},
	    {"SELECT count(*) FROM groups_fts",
	     "SELECT count(*) FROM groups WHERE status <> 'massho'"},
	    {"SELECT count(*) FROM groups_fts WHERE groups_fts MATCH "
	     "'\"gt_npo\"'",
	     "SELECT count(*) FROM groups WHERE status = 'toroku' AND kind = "
	     "'npo'"},
	    {"SELECT count(*) FROM groups_fts WHERE groups_fts MATCH "
	     "'\"gk_さ\"'",
	     "SELECT count(*) FROM groups WHERE status = 'toroku' AND kana_row "
	     "= 'さ'"},
	    {"SELECT count(*) FROM groups_fts WHERE groups_fts MATCH "
	     "'\"fd_fukushi\"'",
	     "SELECT count(*) FROM group_fields x JOIN groups g ON g.id = "
	     "x.group_id WHERE g.status = 'toroku' AND x.field = 'fukushi'"},
	};
	struct db *db = testdb_open(NULL, NULL);
	struct buf want = {0};
	int next_id = 1000;

	(void)state;
	for (int round = 0; round < 40; round++) {
		for (int op = 0; op < 30; op++) {
			size_t k =
			    rnd(sizeof(random_ops) / sizeof(random_ops[0]));
			unsigned id = pick(db, random_ops[k].groups);
			char num[3][16];
			sqlite3_stmt *st;

			/* a third of the writes add a row: the tables grow */
			if (op % 3 == 0)
				k = rnd(2) ? 0 : 12;
			if (id == 0 || rnd(20) == 0)
				id = (unsigned)next_id + rnd(3);
			snprintf(num[0], sizeof(num[0]), "%u", id);
			snprintf(num[1], sizeof(num[1]), "%d", next_id++);
			snprintf(num[2], sizeof(num[2]), "%u", 2020 + rnd(3));
			assert_int_equal(sqlite3_prepare_v2(db->h,
			                                    random_ops[k].sql,
			                                    -1, &st, NULL),
			                 SQLITE_OK);
			bind_named(st, ":id", num[0]);
			bind_named(st, ":nid", num[1]);
			bind_named(st, ":year", num[2]);
			bind_named(st, ":w1", words[rnd(6)]);
			bind_named(st, ":w2", words[rnd(6)]);
			bind_named(st, ":form", forms[rnd(3)]);
			bind_named(st, ":dept", depts[rnd(3)]);
			bind_named(st, ":domain", domains[rnd(2)]);
			bind_named(st, ":pub", rnd(4) ? "1" : "0");
			bind_named(st, ":f1", fields[rnd(3)]);
			bind_named(st, ":f2", fields[rnd(3)]);
			bind_named(st, ":kana", kanas[rnd(4)]);
			bind_named(st, ":kind", kinds[rnd(2)]);
			bind_named(st, ":status", statuses[rnd(4)]);
			if (sqlite3_step(st) != SQLITE_DONE)
				fail_msg("%s: %s", random_ops[k].sql,
				         sqlite3_errmsg(db->h));
			sqlite3_finalize(st);
		}
		/* every word, with each kind of filter, against a scan */
		for (size_t w = 0; w < sizeof(checked) / sizeof(checked[0]);
		     w++) {
			for (int k = 0; k < 7; k++) {
				struct project_filter f = {0};
				struct group_filter g = {0};
				const char *got;

				f.year = k == 1 ? 2021 : 0;
				f.form = k == 2 ? "hojo" : NULL;
				f.dept = k == 3 ? "kiki" : NULL;
				f.field = k >= 4 ? fields[k - 4] : NULL;
				scan_ids(db, project_scan, f.year, f.form,
				         f.dept, f.field, checked[w], &want);
				got = project_ids(db, checked[w], &f);
				if (strcmp(got, buf_cstr(&want)) != 0)
					fail_msg(
					    "round %d, %s, filter %d: index "
					    "%s, scan %s",
					    round, checked[w], k, got,
					    buf_cstr(&want));
				g.kind = k == 1 ? "npo" : NULL;
				g.kana_row = k == 2   ? "さ"
				             : k == 3 ? "あ"
				                      : NULL;
				g.field = k >= 4 ? fields[k - 4] : NULL;
				scan_ids(db, group_scan, 0, g.kind, g.kana_row,
				         g.field, checked[w], &want);
				got = group_ids(db, checked[w], &g);
				if (strcmp(got, buf_cstr(&want)) != 0)
					fail_msg(
					    "round %d, groups %s, filter %d: "
					    "index %s, scan %s",
					    round, checked[w], k, got,
					    buf_cstr(&want));
			}
		}
		/* every filter token, alone: no stale entry anywhere */
		for (size_t k = 0;
		     k < sizeof(facet_checks) / sizeof(facet_checks[0]); k++)
			if (testdb_int(db, facet_checks[k][0]) !=
			    testdb_int(db, facet_checks[k][1]))
				fail_msg("round %d: %s gives %lld, %s %lld",
				         round, facet_checks[k][0],
				         testdb_int(db, facet_checks[k][0]),
				         facet_checks[k][1],
				         testdb_int(db, facet_checks[k][1]));
		/* the summary counts of the lists, and the counts read from
		 * them */
		for (size_t k = 0;
		     k < sizeof(summary_checks) / sizeof(summary_checks[0]);
		     k++)
			if (testdb_int(db, summary_checks[k]) != 0)
				fail_msg("round %d: summary %zu off by %lld "
				         "rows",
				         round, k,
				         testdb_int(db, summary_checks[k]));
		check_list_counts(db, round);
	}
	buf_free(&want);
	exec(db, "INSERT INTO projects_fts (projects_fts) VALUES "
	         "('integrity-check'); INSERT INTO groups_fts (groups_fts) "
	         "VALUES ('integrity-check')");
	/* the writes reached what the test means to cover */
	assert_true(
	    testdb_int(db, "SELECT count(*) FROM projects WHERE published = "
	                   "1") > 10);
	assert_true(testdb_int(db, "SELECT count(*) FROM project_fields") > 10);
	assert_true(testdb_int(db, "SELECT count(*) FROM groups WHERE status = "
	                           "'toroku'") > 5);
	assert_true(testdb_int(db, "SELECT count(*) FROM group_fields") > 5);
	db_close(db);
}

/* The forms' writers change only the 分野 rows that change (each change
 * rewrites the search document): a save with the same 分野 writes none,
 * one with other 分野 deletes and inserts just those, and the index
 * follows. */
static void test_form_saves(void **state)
{
	struct db *db = testdb_open(NULL, NULL);
	struct user_actor who = {0, "cli"};
	struct group_rec g;
	struct project_rec p;
	struct project_filter pf = {0};
	struct group_filter gf = {0};
	const char *msg = NULL;

	(void)state;
	exec(db, projects_fixture);
	exec(db,
	     "INSERT INTO groups (id, name, kana, kind, status) VALUES "
	     "(1, 'みなと防災ネットワーク', 'ミナトボウサイネットワーク', "
	     "'npo', 'toroku');"
	     "INSERT INTO group_fields (group_id, field, status, kana) "
	     "SELECT id, 'bosai', status, kana FROM groups;"
	     "INSERT INTO group_fields (group_id, field, status, kana) "
	     "SELECT id, 'kosodate', status, kana FROM groups;"
	     "CREATE TEMP TABLE writes (n INTEGER); INSERT INTO writes "
	     "VALUES (0);"
	     "CREATE TEMP TRIGGER gf_i AFTER INSERT ON group_fields BEGIN "
	     "UPDATE writes SET n = n + 1; END;"
	     "CREATE TEMP TRIGGER gf_d AFTER DELETE ON group_fields BEGIN "
	     "UPDATE writes SET n = n + 1; END;"
	     "CREATE TEMP TRIGGER pf_i AFTER INSERT ON project_fields BEGIN "
	     "UPDATE writes SET n = n + 1; END;"
	     "CREATE TEMP TRIGGER pf_d AFTER DELETE ON project_fields BEGIN "
	     "UPDATE writes SET n = n + 1; END;");
	/* the same 分野: no write */
	assert_int_equal(group_rec_load(db, &arena, 1, &g), MS_OK);
	assert_int_equal(g.nfields, 2);
	g.area = "中央地区";
	assert_int_equal(group_update(db, &arena, &who, &g, &msg), WS_OK);
	assert_int_equal(testdb_int(db, "SELECT n FROM temp.writes"), 0);
	assert_string_equal(group_ids(db, "中央", &gf), "1");
	/* bosai out, kankyo in: one delete, one insert */
	assert_int_equal(group_rec_load(db, &arena, 1, &g), MS_OK);
	g.fields[0] = "kosodate";
	g.fields[1] = "kankyo";
	assert_int_equal(group_update(db, &arena, &who, &g, &msg), WS_OK);
	assert_int_equal(testdb_int(db, "SELECT n FROM temp.writes"), 2);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM group_fields WHERE "
	                            "group_id = 1 AND field IN ('kankyo', "
	                            "'kosodate')"),
	                 2);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM group_fields"),
	                 2);
	gf.field = "bosai";
	assert_string_equal(group_ids(db, "防災", &gf), "");
	gf.field = "kankyo";
	assert_string_equal(group_ids(db, "防災", &gf), "1");
	/* no 分野 at all */
	assert_int_equal(group_rec_load(db, &arena, 1, &g), MS_OK);
	g.nfields = 0;
	assert_int_equal(group_update(db, &arena, &who, &g, &msg), WS_OK);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM group_fields"),
	                 0);
	assert_string_equal(group_ids(db, "防災", &gf), "");

	/* a project: the same, through project_update */
	exec(db, "UPDATE temp.writes SET n = 0");
	assert_int_equal(project_rec_load(db, &arena, 1, &p), MS_OK);
	assert_int_equal(p.nfields, 1);
	assert_int_equal(project_update(db, &arena, &who, &p, &msg), WS_OK);
	assert_int_equal(testdb_int(db, "SELECT n FROM temp.writes"), 0);
	assert_int_equal(project_rec_load(db, &arena, 1, &p), MS_OK);
	p.fields[0] = "kosodate";
	p.fields[1] = "fukushi";
	p.nfields = 2;
	assert_int_equal(project_update(db, &arena, &who, &p, &msg), WS_OK);
	assert_int_equal(testdb_int(db, "SELECT n FROM temp.writes"), 3);
	pf.field = "bosai";
	assert_string_equal(project_ids(db, "防災訓練", &pf), "");
	pf.field = "fukushi";
	assert_string_equal(project_ids(db, "防災訓練", &pf), "1");
	/* the forms' writers keep the list summaries exact */
	for (size_t k = 0;
	     k < sizeof(summary_checks) / sizeof(summary_checks[0]); k++)
		assert_int_equal(testdb_int(db, summary_checks[k]), 0);
	db_close(db);
}

/* A group save names kana, kind and status in its UPDATE only when one of
 * them changes (each named column rewrites four indexes of groups and,
 * through the ON UPDATE CASCADE key, the group's 分野 rows): a save that
 * changes the name leaves them alone, one that changes the kana still
 * reaches group_fields, the counts and the index; optimistic locking holds
 * on both paths. */
static void test_group_save_columns(void **state)
{
	struct db *db = testdb_open(NULL, NULL);
	struct user_actor who = {0, "cli"};
	struct group_rec g, stale;
	struct group_filter gf = {0};
	const char *msg = NULL;

	(void)state;
	exec(db,
	     "INSERT INTO groups (id, name, kana, kind, status) VALUES "
	     "(1, 'みなと防災ネットワーク', 'ミナトボウサイネットワーク', "
	     "'npo', 'toroku');"
	     "INSERT INTO group_fields (group_id, field, status, kana) "
	     "SELECT id, 'bosai', status, kana FROM groups;"
	     "CREATE TEMP TABLE named (n INTEGER); INSERT INTO named "
	     "VALUES (0);"
	     "CREATE TEMP TRIGGER g_named AFTER UPDATE OF kana, kind, status "
	     "ON groups BEGIN UPDATE named SET n = n + 1; END;"
	     "CREATE TEMP TRIGGER gf_u AFTER UPDATE ON group_fields BEGIN "
	     "UPDATE named SET n = n + 100; END;");
	/* the name only */
	assert_int_equal(group_rec_load(db, &arena, 1, &g), MS_OK);
	stale = g;
	g.name = "みなと防災ネットワーク 2";
	assert_int_equal(group_update(db, &arena, &who, &g, &msg), WS_OK);
	assert_int_equal(testdb_int(db, "SELECT n FROM temp.named"), 0);
	assert_int_equal(
	    testdb_int(db, "SELECT version FROM groups WHERE id = 1"), 2);
	assert_string_equal(group_ids(db, "ネットワーク", &gf), "1");
	/* the old version is refused on this path too */
	stale.name = "古い版";
	assert_int_equal(group_update(db, &arena, &who, &stale, &msg),
	                 WS_CONFLICT);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM groups WHERE name = "
	                            "'古い版'"),
	                 0);
	/* the kana: the 分野 row and the 五十音 counts follow */
	assert_int_equal(group_rec_load(db, &arena, 1, &g), MS_OK);
	stale = g;
	g.kana = "カイガンボウサイネットワーク";
	assert_int_equal(group_update(db, &arena, &who, &g, &msg), WS_OK);
	assert_int_equal(testdb_int(db, "SELECT n FROM temp.named"), 101);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM group_fields WHERE "
	                            "kana = 'カイガンボウサイネットワーク'"),
	                 1);
	gf.kana_row = "か";
	assert_string_equal(group_ids(db, "防災", &gf), "1");
	gf.kana_row = "ま";
	assert_string_equal(group_ids(db, "防災", &gf), "");
	stale.kind = "chonaikai";
	assert_int_equal(group_update(db, &arena, &who, &stale, &msg),
	                 WS_CONFLICT);
	for (size_t k = 0;
	     k < sizeof(summary_checks) / sizeof(summary_checks[0]); k++)
		assert_int_equal(testdb_int(db, summary_checks[k]), 0);
	exec(db, "INSERT INTO groups_fts (groups_fts) VALUES "
	         "('integrity-check')");
	db_close(db);
}

/* The migration indexes the rows a database already holds. */
static void test_migration_rebuild(void **state)
{
	struct db *db = db_open(":memory:", NULL, 1);
	char *sql;
	FILE *fp;
	long len;
	struct project_filter none = {0};

	(void)state;
	assert_non_null(db);
	/* 001 only, rows, then 002 */
	fp = fopen("schema/001_init.sql", "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	sql = calloc(1, (size_t)len + 1);
	assert_int_equal(fread(sql, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	exec(db, sql);
	free(sql);
	exec(db, "PRAGMA user_version = 1");
	exec(db, projects_fixture);
	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_string_equal(project_ids(db, "防災", &none), "3,1");
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM projects_fts"),
	                 3);
	db_close(db);
}

/* The searches on the demo data set agree with a brute-force scan: a word
 * matches a row when its normalised form is inside a normalised run of
 * one of the indexed columns. */

/* The normalised runs of text, each followed by '\n' (rebuilt from the
 * tokens: the first token and the last character of each next one). */
static void norm_runs(struct buf *out, const char *text)
{
	struct buf t = {0};
	int at_start = 1;

	search_bigrams(&t, text, strlen(text), NULL);
	for (const char *p = buf_cstr(&t); *p;) {
		size_t k = strcspn(p, " ");
		char tok[32];

		memcpy(tok, p, k);
		tok[k] = '\0';
		if (strcmp(tok, SEARCH_BARRIER) == 0) {
			buf_puts(out, "\n");
			at_start = 1;
		} else if (at_start) {
			buf_puts(out, tok);
			at_start = 0;
		} else {
			const char *second = tok + 1;

			while (((unsigned char)*second & 0xC0) == 0x80)
				second++;
			buf_puts(out, second);
		}
		p += k + (p[k] == ' ');
	}
	buf_puts(out, "\n");
	buf_free(&t);
}

static void test_demo_brute_force(void **state)
{
	struct db *db = testdb_open("demo", NULL);
	static const char *const words[] = {
	    "防災",   "福祉",     "清掃",   "子育",       "子育て",
	    "まつり", "地域",     "講座",   "まちづくり", "ボランティア",
	    "npo",    "防災訓練", "見守り", "交流会",     "みなと",
	    "協働",   "2025",     "ｺｿﾀﾞﾃ",
	};
	sqlite3_stmt *st;
	struct project_filter none = {0};

	(void)state;
	/* the generator's writes keep the list summaries exact too */
	for (size_t k = 0;
	     k < sizeof(summary_checks) / sizeof(summary_checks[0]); k++)
		assert_int_equal(testdb_int(db, summary_checks[k]), 0);
	check_list_counts(db, 0);
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		struct buf expect = {0}, word = {0};
		char *needle;
		size_t nexpect = 0;

		norm_runs(&word, words[w]);
		needle = strdup(buf_cstr(&word));
		needle[strlen(needle) - 1] = '\0'; /* the word's one run */
		assert_int_equal(
		    sqlite3_prepare_v2(
		        db->h,
		        "SELECT id, title, kana, summary, purpose, "
		        "target FROM projects WHERE published = 1 "
		        "ORDER BY id DESC",
		        -1, &st, NULL),
		    SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			struct buf runs = {0};

			for (int c = 1; c <= 5; c++)
				if (sqlite3_column_text(st, c) != NULL)
					norm_runs(
					    &runs,
					    (const char *)sqlite3_column_text(
					        st, c));
			if (strstr(buf_cstr(&runs), needle) != NULL &&
			    nexpect++ < 50)
				buf_printf(&expect, "%s%lld",
				           expect.len ? "," : "",
				           sqlite3_column_int64(st, 0));
			buf_free(&runs);
		}
		sqlite3_finalize(st);
		{
			/* both list the first 50, newest first */
			const char *got = project_ids(db, words[w], &none);
			struct search_query q;
			struct search_total t;
			struct project_row *rows;
			size_t n;

			if (strcmp(got, buf_cstr(&expect)) != 0)
				fail_msg("%s: index %s, scan %s", words[w], got,
				         buf_cstr(&expect));
			assert_int_equal(search_parse(&arena, words[w], &q),
			                 SQ_OK);
			assert_int_equal(projects_search(db, &arena, NULL, &q,
			                                 &none, 20, 0, &rows,
			                                 &n, &t),
			                 MS_OK);
			assert_int_equal(t.n, nexpect > SEARCH_COUNT_CAP
			                          ? SEARCH_COUNT_CAP
			                          : (long long)nexpect);
			assert_int_equal(t.capped, nexpect > SEARCH_COUNT_CAP);
			printf("  %s: %zu\n", words[w], nexpect);
		}
		free(needle);
		buf_free(&word);
		buf_free(&expect);
	}
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM projects_fts"),
	                 testdb_int(db, "SELECT count(*) FROM projects WHERE "
	                                "published = 1"));
	/* the public text and filters of the registered groups; since 017 a
	 * document (the picker's names) of every group that is not 抹消 */
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM groups_fts WHERE groups_fts "
	                   "MATCH 'facets : gk_*'"),
	    testdb_int(db, "SELECT count(*) FROM groups WHERE status = "
	                   "'toroku'"));
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM groups_fts"),
	    testdb_int(db, "SELECT count(*) FROM groups WHERE status <> "
	                   "'massho'"));
	db_close(db);
}

/* ---- schema/006: the index keyed by -id finds what 002's did ---- */

/* Rows for the comparisons: 300 generated projects and 150 groups whose
 * texts mix kanji, kana (ひらがな, カタカナ, 半角カナ), ASCII (全角 and
 * 半角) and white space, so that some words match more than the cap and
 * some a few rows; then rows where a word's bigrams all occur but not
 * next to each other (across white space, across two columns, in another
 * order, overlapping itself). Some rows are not public. */
static const char equiv_fixture[] =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
    "i < 300) INSERT INTO projects (id, fiscal_year, title, kana, summary, "
    "purpose, target, form, domain, proposal_type, department, status, "
    "published) SELECT i, 2024 + i % 2, CASE i % 5 WHEN 0 THEN "
    "'まちづくり協議会' WHEN 1 THEN 'ＮＰＯ法人との防災訓練' WHEN 2 THEN "
    "'子育てサロン第' || i || '回' WHEN 3 THEN 'Minato まつり 2025' ELSE "
    "'ボランティア交流会' END, CASE i % 4 WHEN 0 THEN 'マチヅクリ' ELSE "
    "NULL END, CASE i % 3 WHEN 0 THEN '地域の見守り活動とまち歩き' WHEN 1 "
    "THEN '防災 訓練を行う' ELSE '訓練と防災、災訓' END, CASE i % 2 WHEN "
    "0 THEN 'ｍｉｎａｔｏのまちづくり' ELSE 'npoと市の協働' END, CASE i % "
    "7 WHEN 0 THEN 'ﾎﾞﾗﾝﾃｨｱ' WHEN 1 THEN 'まちまちづくりの会' ELSE '' "
    "END, CASE i % 3 WHEN 0 THEN 'hojo' WHEN 1 THEN 'itaku' ELSE 'kyosai' "
    "END, 'kyoryoku', 'shimin', 'kiki', 'jisshi', i % 11 <> 0 FROM n;"
    "INSERT INTO projects (id, fiscal_year, title, summary, purpose, form, "
    "domain, proposal_type, department, status, published) VALUES "
    "(1001, 2025, 'みなと防災', '訓練センター', '', 'hojo', 'kyoryoku', "
    "'shimin', 'kiki', 'jisshi', 1),"
    "(1002, 2025, '訓練と防災と災訓', 'チヅクリ', 'づくりまち', 'hojo', "
    "'kyoryoku', 'shimin', 'kiki', 'jisshi', 1),"
    "(1003, 2024, 'まち づくり', 'まち　づくり', 'ＭＩＮ ＡＴＯ', 'itaku', "
    "'kyoryoku', 'shimin', 'kiki', 'jisshi', 1),"
    "(1004, 2024, 'ﾏﾁﾂﾞｸﾘ', 'ＮＰＯ法人まちづくり協議会２０２５', "
    "'第12回 子育てｻﾛﾝ', 'itaku', 'kyoryoku', 'shimin', 'kiki', "
    "'jisshi', 1),"
    "(1005, 2025, '非公開のまちづくり防災訓練', '', '', 'hojo', "
    "'kyoryoku', 'shimin', 'kiki', 'teian', 0);"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
    "i < 150) INSERT INTO groups (id, name, kana, kind, area, purpose, "
    "activities, status) SELECT i, CASE i % 3 WHEN 0 THEN "
    "'みなと防災ネットワーク' WHEN 1 THEN 'ＮＰＯ法人まちづくり' || i ELSE "
    "'港町町内会' END, CASE i % 2 WHEN 0 THEN 'ミナトボウサイ' ELSE "
    "'アオイマチヅクリ' END, CASE i % 2 WHEN 0 THEN 'npo' ELSE "
    "'chonaikai' END, '中央地区', CASE i % 4 WHEN 0 THEN '防災 訓練' ELSE "
    "'訓練と防災' END, 'Minato ボランティア交流会', CASE i % 9 WHEN 0 THEN "
    "'shinsei' ELSE 'toroku' END FROM n;";

/* The words compared: 1 to 9 characters, kanji, kana, ASCII and mixed,
 * several words (half- and full-width spaces), and words whose bigrams
 * rows hold only apart. */
static const char *const equiv_words[] = {
    "防",
    "ま",
    "a",
    "防災",
    "まち",
    "np",
    "訓練",
    "まつり",
    "npo",
    "災訓",
    "防災訓練",
    "ＮＰＯ法",
    "子育てサ",
    "2025",
    "まちづくり",
    "ﾏﾁﾂﾞｸﾘ",
    "ボランティ",
    "minat",
    "まちづくり協",
    "ボランティア",
    "minato",
    "ボランティア交流会",
    "ｍｉｎａｔｏの",
    "第12回",
    "npo法人まちづくり協議会",
    "防災 訓練",
    "まちづくり　協議会",
    "npo 防災訓練",
    "子育て 2025 サロン",
    "みなと 防災 ネットワーク",
    "練セ",
    "防災訓練セ",
    "チヅクリ",
    "まちまちづくり",
    "づくりまち",
    "min ato",
};

/* The ids of published projects (groups: registered groups) whose
 * indexed columns hold every word of q, newest first, and their number,
 * by a scan of the table (the year filter when year != 0). */
static size_t scan_matches(struct db *db, int groups, const char *q, int year,
                           long long *ids, size_t max)
{
	struct search_query sq;
	char *needles[SEARCH_MAX_WORDS];
	sqlite3_stmt *st;
	size_t n = 0;

	assert_int_equal(search_parse(&arena, q, &sq), SQ_OK);
	for (size_t w = 0; w < sq.nwords; w++) {
		struct buf b = {0};

		norm_runs(&b, sq.words[w]);
		needles[w] = strdup(buf_cstr(&b));
		needles[w][strlen(needles[w]) - 1] = '\0'; /* one run */
		buf_free(&b);
	}
	assert_int_equal(
	    sqlite3_prepare_v2(
	        db->h,
	        groups ? "SELECT id, name, kana, area, purpose, activities "
	                 "FROM groups WHERE status = 'toroku' ORDER BY id "
	                 "DESC"
	               : "SELECT id, title, kana, summary, purpose, target "
	                 "FROM projects WHERE published = 1 AND (?1 = 0 OR "
	                 "fiscal_year = ?1) ORDER BY id DESC",
	        -1, &st, NULL),
	    SQLITE_OK);
	if (!groups)
		sqlite3_bind_int(st, 1, year);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct buf runs = {0};
		size_t w;

		for (int c = 1; c <= 5; c++)
			if (sqlite3_column_text(st, c) != NULL)
				norm_runs(
				    &runs,
				    (const char *)sqlite3_column_text(st, c));
		for (w = 0; w < sq.nwords; w++)
			if (strstr(buf_cstr(&runs), needles[w]) == NULL)
				break;
		if (w == sq.nwords) {
			if (n < max)
				ids[n] = sqlite3_column_int64(st, 0);
			n++;
		}
		buf_free(&runs);
	}
	sqlite3_finalize(st);
	for (size_t w = 0; w < sq.nwords; w++)
		free(needles[w]);
	return n;
}

/* 002's expression for the words of sq: each the phrase of its bigrams. */
static const char *bigram_match(const struct search_query *sq)
{
	struct buf m = {0}, t = {0};
	const char *s;

	for (size_t w = 0; w < sq->nwords; w++) {
		buf_clear(&t);
		assert_true(search_bigrams(&t, sq->words[w],
		                           strlen(sq->words[w]), NULL) > 0);
		buf_printf(&m, "%s\"%s\"", w > 0 ? " AND " : "", buf_cstr(&t));
	}
	s = arena_strdup(&arena, buf_cstr(&m));
	buf_free(&m);
	buf_free(&t);
	return s;
}

/* The ids sql (MATCH ?1, LIMIT ?2) gives for match, comma separated. */
static const char *sql_ids(struct db *db, const char *sql, const char *match)
{
	sqlite3_stmt *st;
	struct buf b = {0};
	const char *s;

	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, SEARCH_COUNT_CAP + 1);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(&b, "%s%lld", b.len ? "," : "",
		           sqlite3_column_int64(st, 0));
	assert_int_equal(sqlite3_reset(st), SQLITE_OK);
	sqlite3_finalize(st);
	s = arena_strdup(&arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Every word of equiv_words, on projects (without and with a year) and
 * groups, every page: the search lists what a scan of the rows finds, in
 * the same order, with the same count and cap; a one-character word is
 * still refused. And 002's statement and expression (bigram phrases,
 * rowid = id, newest first backwards) on a database at schema 5 give the
 * same ids, in the same order, as 006's (trigram phrases from 3
 * characters, rowid = -id, forwards) on the same rows migrated. */
static void test_newest_first_index(void **state)
{
	struct db *old = db_open(":memory:", NULL, 1);
	struct db *db = db_open(":memory:", NULL, 1);
	long long expect[SEARCH_COUNT_CAP + 1];
	struct project_filter none = {0};
	struct group_filter gnone = {0};

	(void)state;
	assert_non_null(old);
	assert_non_null(db);
	testdb_migrate_upto(old, 5);
	exec(old, equiv_fixture);
	testdb_migrate_upto(db, 5);
	exec(db, equiv_fixture);
	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_true(testdb_int(db, "PRAGMA user_version") >= 6);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM projects_fts WHERE "
	                            "rowid >= 0"),
	                 0);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM projects_fts"),
	                 testdb_int(db, "SELECT count(*) FROM projects WHERE "
	                                "published = 1"));
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM groups_fts WHERE rowid "
	                   ">= 0"),
	    0);
	assert_int_equal(search_check(db->h), 0);
	for (size_t w = 0; w < sizeof(equiv_words) / sizeof(equiv_words[0]);
	     w++) {
		const char *word = equiv_words[w];
		struct search_query sq;
		enum search_parse pr = search_parse(&arena, word, &sq);

		if (utf8_chars(word) == 1) {
			assert_int_equal(pr, SQ_SHORT);
			continue;
		}
		assert_int_equal(pr, SQ_OK);
		for (int kind = 0; kind < 3; kind++) {
			int groups = kind == 2, year = kind == 1 ? 2025 : 0;
			size_t total =
			    scan_matches(db, groups, word, year, expect,
			                 SEARCH_COUNT_CAP + 1);
			size_t listed =
			    total > SEARCH_COUNT_CAP ? SEARCH_COUNT_CAP : total;
			const char *facet = year ? " AND \"fy_2025\"" : "";
			const char *match =
			    arena_printf(&arena, "%s%s", sq.match, facet);
			const char *match002 = arena_printf(
			    &arena, "%s%s", bigram_match(&sq), facet);

			/* 002's statement at schema 5, 006's at 6 */
			assert_string_equal(
			    sql_ids(old,
			            groups ? "SELECT rowid FROM groups_fts "
			                     "WHERE groups_fts MATCH ?1 ORDER "
			                     "BY rowid DESC LIMIT ?2"
			                   : "SELECT rowid FROM projects_fts "
			                     "WHERE projects_fts MATCH ?1 "
			                     "ORDER BY rowid DESC LIMIT ?2",
			            match002),
			    sql_ids(db,
			            groups ? "SELECT -rowid FROM groups_fts "
			                     "WHERE groups_fts MATCH ?1 ORDER "
			                     "BY rowid LIMIT ?2"
			                   : "SELECT -rowid FROM projects_fts "
			                     "WHERE projects_fts MATCH ?1 "
			                     "ORDER BY rowid LIMIT ?2",
			            match));
			/* every page of 20 (and one past the cap) */
			for (long long off = 0; off <= SEARCH_COUNT_CAP;
			     off += 20) {
				struct project_filter pf = {.year = year};
				struct group_filter gf = {0};
				struct project_row *prows = NULL;
				struct group_row *grows = NULL;
				struct search_total t;
				size_t n, want;

				if (groups)
					assert_int_equal(
					    groups_search(db, &arena, &sq, &gf,
					                  20, off, &grows, &n,
					                  &t),
					    MS_OK);
				else
					assert_int_equal(
					    projects_search(db, &arena, NULL,
					                    &sq, &pf, 20, off,
					                    &prows, &n, &t),
					    MS_OK);
				want = (size_t)off >= listed ? 0
				       : listed - (size_t)off > 20
				           ? 20
				           : listed - (size_t)off;
				if (n != want)
					fail_msg("%s (%s%s) offset %lld: %zu "
					         "rows, scan %zu",
					         word,
					         groups ? "groups" : "projects",
					         year ? ", 2025" : "", off, n,
					         want);
				for (size_t i = 0; i < n; i++)
					assert_int_equal(
					    groups ? grows[i].id : prows[i].id,
					    expect[off + (long long)i]);
				assert_int_equal(t.n, (long long)listed);
				assert_int_equal(t.capped,
				                 total > SEARCH_COUNT_CAP);
			}
			if (kind == 0)
				printf("  %s: %zu\n", word, total);
		}
	}
	/* the triggers write -id: a write after the migration is found, a
	 * removed row is gone, the index stays consistent */
	exec(db, "UPDATE projects SET title = 'ぼうさいくんれん' WHERE id = 4;"
	         "UPDATE projects SET published = 0 WHERE id = 1001;"
	         "DELETE FROM projects WHERE id = 1002;"
	         "UPDATE groups SET name = 'ｱｵｲ防災訓練' WHERE id = 2;");
	assert_string_equal(project_ids(db, "くんれん まちづくり", &none), "4");
	assert_string_equal(project_ids(db, "訓練セ", &none), "");
	assert_string_equal(project_ids(db, "づくりまち", &none), "");
	assert_string_equal(group_ids(db, "あおい防災", &gnone), "2");
	assert_int_equal(search_check(db->h), 0);
	db_close(old);
	db_close(db);
}

static int setup(void **state)
{
	(void)state;
	arena_init(&arena, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_project_triggers),
	    cmocka_unit_test(test_group_triggers),
	    cmocka_unit_test(test_caps),
	    cmocka_unit_test(test_random_writes),
	    cmocka_unit_test(test_form_saves),
	    cmocka_unit_test(test_group_save_columns),
	    cmocka_unit_test(test_migration_rebuild),
	    cmocka_unit_test(test_demo_brute_force),
	    cmocka_unit_test(test_newest_first_index),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
