/* The staff dashboard's summaries (schema/011_staff_counts.sql) and the
 * pager of /staff/projects (src/model/staff_lists.c): the counts per
 * (担当課, 状況, 年度) after inserts, updates of status, department and
 * year, and deletes; evaluations moving a completed project in and out of
 * the to-do list 「完了後の評価が未登録」; every page of the list, the
 * last one included, equal to the same stretch of a sorted scan; and the
 * open steps of each department (schema/015_staff_home.sql) after random
 * writes, with the overdue lists they give. Runs from the top directory
 * (reads schema/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/projects_write.h"
#include "model/summaries.h"
#include "testdb.h"

/* Run literal sql on d; fail on an error. */
static void exec(struct db *d, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(d->h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* The projects of the tests: 3 years x 2 departments x a few statuses,
 * ids 1..n. */
static const char fixture[] =
    "INSERT INTO projects (id, fiscal_year, title, form, domain, "
    "proposal_type, department, status, published) WITH RECURSIVE c(i) AS "
    "(SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 237) SELECT i, "
    "2022 + i % 3, '事業' || i, 'hojo', 'shimin_shudo', 'shimin', CASE "
    "WHEN i % 5 = 0 THEN 'kiki' ELSE 'kyodo' END, CASE i % 4 WHEN 0 THEN "
    "'kanryo' WHEN 1 THEN 'jisshi' WHEN 2 THEN 'hyoka' ELSE 'teian' END, "
    "i % 2 FROM c;";

/* 1 when kyodo check finds nothing. */
static int clean(struct db *d)
{
	unsigned wrong = 0;

	return summaries_check(d->h, db_schema_latest("schema"), stderr,
	                       &wrong) == 0 &&
	       wrong == 0;
}

/* The kept count of (dept, status, year), 0 without a row. */
static long long kept(struct db *d, const char *dept, const char *status,
                      int year)
{
	sqlite3_stmt *st;
	long long n = 0;

	assert_int_equal(
	    sqlite3_prepare_v2(d->h,
	                       "SELECT n FROM project_status_counts WHERE "
	                       "department = ?1 AND status = ?2 AND "
	                       "fiscal_year = ?3",
	                       -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, dept, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, year);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Counts follow every write of the columns they count by. */
static void test_status_counts(void **state)
{
	struct db *d = testdb_open(NULL, fixture);
	long long k = testdb_int(d, "SELECT count(*) FROM projects WHERE "
	                            "department = 'kiki' AND status = "
	                            "'kanryo' AND fiscal_year = 2022");

	(void)state;
	assert_true(clean(d));
	assert_int_equal(kept(d, "kiki", "kanryo", 2022), k);
	exec(d, "INSERT INTO projects (id, fiscal_year, title, form, domain, "
	        "proposal_type, department, status) VALUES (1000, 2022, '新', "
	        "'hojo', 'shimin_shudo', 'shimin', 'kiki', 'kanryo')");
	assert_int_equal(kept(d, "kiki", "kanryo", 2022), k + 1);
	exec(d, "UPDATE projects SET status = 'hyoka' WHERE id = 1000");
	assert_int_equal(kept(d, "kiki", "kanryo", 2022), k);
	assert_true(clean(d));
	exec(d, "UPDATE projects SET department = 'fukushi' WHERE id = 1000");
	assert_int_equal(kept(d, "fukushi", "hyoka", 2022), 1);
	exec(d, "UPDATE projects SET fiscal_year = 2030 WHERE id = 1000");
	assert_int_equal(kept(d, "fukushi", "hyoka", 2022), 0);
	assert_int_equal(kept(d, "fukushi", "hyoka", 2030), 1);
	/* a write of other columns leaves the counts alone */
	exec(d, "UPDATE projects SET title = '別名', published = 1 WHERE id "
	        "= 1000");
	assert_int_equal(kept(d, "fukushi", "hyoka", 2030), 1);
	exec(d, "DELETE FROM projects WHERE id = 1000");
	assert_int_equal(kept(d, "fukushi", "hyoka", 2030), 0);
	exec(d, "DELETE FROM projects WHERE id % 7 = 0; UPDATE projects SET "
	        "status = 'kanryo' WHERE id % 11 = 0");
	assert_true(clean(d));
	db_close(d);
}

/* The ids of the to-do list 「完了後の評価が未登録」 of dept (NULL: every
 * department), as one string "id id …". */
static char *noeval_ids(struct db *d, struct arena *a, const char *dept)
{
	struct project_staff_row *p, *u, *l;
	size_t n, nu, nl;
	char *s = arena_alloc(a, 2000);
	size_t len = 0;

	assert_int_equal(
	    projects_todo(d, a, dept, 50, &p, &n, &u, &nu, &l, &nl), MS_OK);
	s[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, 2000 - len, "%s%lld",
		                        i ? " " : "", p[i].id);
	return s;
}

/* What the to-do list of kiki should be: the probe it replaces. */
static char *noeval_ref(struct db *d, struct arena *a)
{
	sqlite3_stmt *st;
	char *s;

	assert_int_equal(
	    sqlite3_prepare_v2(
	        d->h,
	        "SELECT coalesce(group_concat(id, ' '), '') FROM (SELECT id "
	        "FROM projects p WHERE department = 'kiki' AND status = "
	        "'kanryo' AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE "
	        "e.project_id = p.id AND e.author_kind = 'city') ORDER BY "
	        "fiscal_year DESC, id DESC)",
	        -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	s = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

/* 1 when id is one of the ids of list "id id …". */
static int listed(const char *list, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = list; (p = strstr(p, id)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

/* Check kiki's to-do list against the probe; it holds id or not. */
static void noeval_is(struct db *d, struct arena *a, const char *id, int in)
{
	char *got = noeval_ids(d, a, "kiki");

	assert_string_equal(got, noeval_ref(d, a));
	assert_int_equal(listed(got, id), in);
	assert_true(clean(d));
}

/* Evaluations move a completed project in and out of the to-do list; the
 * evaluation writes leave the project's row (its version) alone. */
static void test_noeval(void **state)
{
	struct db *d = testdb_open(NULL, fixture);
	struct arena a;
	long long v;

	(void)state;
	arena_init(&a, 0);
	/* kiki's completed projects: ids that are multiples of 20 */
	noeval_is(d, &a, "120", 1);
	assert_string_equal(noeval_ids(d, &a, "kiki"),
	                    "200 140 80 20 220 160 100 40 180 120 60");
	v = testdb_int(d, "SELECT version FROM projects WHERE id = 120");
	exec(d, "INSERT INTO evaluations (id, project_id, author_kind, "
	        "fiscal_year, scale) VALUES (1, 120, 'city', 2022, 'five')");
	noeval_is(d, &a, "120", 0);
	assert_int_equal(
	    testdb_int(d, "SELECT version FROM projects WHERE id = 120"), v);
	/* another kind of evaluation does not count */
	exec(d, "INSERT INTO evaluations (id, project_id, author_kind, "
	        "fiscal_year, scale) VALUES (2, 60, 'committee', 2022, "
	        "'five')");
	noeval_is(d, &a, "60", 1);
	exec(d, "DELETE FROM evaluations WHERE id = 1");
	noeval_is(d, &a, "120", 1);
	/* re-kinded, re-pointed */
	exec(d, "UPDATE evaluations SET author_kind = 'city' WHERE id = 2");
	noeval_is(d, &a, "60", 0);
	exec(d, "UPDATE evaluations SET project_id = 20 WHERE id = 2");
	noeval_is(d, &a, "60", 1);
	noeval_is(d, &a, "20", 0);
	/* the project's own writes: status, department, year, deletion
	 * (its evaluation goes with it) */
	exec(d, "UPDATE projects SET status = 'hyoka' WHERE id = 120");
	noeval_is(d, &a, "120", 0);
	exec(d, "UPDATE projects SET department = 'kyodo' WHERE id = 60");
	noeval_is(d, &a, "60", 0);
	exec(d, "UPDATE projects SET status = 'kanryo' WHERE id = 5");
	noeval_is(d, &a, "5", 1);
	exec(d, "UPDATE projects SET fiscal_year = 2030 WHERE id = 5");
	noeval_is(d, &a, "5", 1);
	assert_int_equal(strncmp(noeval_ids(d, &a, "kiki"), "5 ", 2), 0);
	exec(d, "DELETE FROM projects WHERE id IN (20, 220)");
	noeval_is(d, &a, "220", 0);
	assert_int_equal(testdb_int(d, "SELECT count(*) FROM project_noeval "
	                               "WHERE project_id IN (20, 220)"),
	                 0);
	arena_free(&a);
	db_close(d);
}

/* Every page of filters f (dept, year, status) equals the same stretch of
 * the sorted scan, the last one included; the total is the scan's. */
static void pages_match(struct db *d, struct arena *a, const char *dept,
                        int year, const char *status, int size)
{
	sqlite3_stmt *st;
	long long ids[400], total;
	size_t nids = 0;

	assert_int_equal(
	    sqlite3_prepare_v2(
	        d->h,
	        "SELECT id FROM projects WHERE (?1 IS NULL OR department = ?1) "
	        "AND (?2 = 0 OR fiscal_year = ?2) AND (?3 IS NULL OR status = "
	        "?3) ORDER BY fiscal_year DESC, id DESC",
	        -1, &st, NULL),
	    SQLITE_OK);
	if (dept != NULL)
		sqlite3_bind_text(st, 1, dept, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	if (status != NULL)
		sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && nids < 400)
		ids[nids++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	for (long long off = 0; off <= (long long)nids; off += size) {
		struct project_staff_row *p;
		size_t n;
		size_t want = nids - (size_t)off < (size_t)size
		                  ? nids - (size_t)off
		                  : (size_t)size;

		assert_int_equal(projects_staff_page(d, a, dept, year, status,
		                                     size, off, &p, &n, &total),
		                 MS_OK);
		assert_int_equal(total, (long long)nids);
		assert_int_equal(n, want);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(p[i].id, ids[off + (long long)i]);
	}
}

/* The pager: with every combination of filters and a page size that
 * cuts years in the middle. */
static void test_pages(void **state)
{
	struct db *d = testdb_open(NULL, fixture);
	struct arena a;
	static const char *const depts[] = {NULL, "kyodo", "kiki"};
	static const char *const statuses[] = {NULL, "kanryo", "teian"};
	static const int years[] = {0, 2023};

	(void)state;
	arena_init(&a, 0);
	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; j < 3; j++)
			for (size_t k = 0; k < 2; k++) {
				pages_match(d, &a, depts[i], years[k],
				            statuses[j], 7);
				pages_match(d, &a, depts[i], years[k],
				            statuses[j], 50);
			}
	/* past the last row: no rows, the true total */
	{
		struct project_staff_row *p;
		size_t n;
		long long total;

		assert_int_equal(projects_staff_page(d, &a, "kiki", 0, NULL, 10,
		                                     1000, &p, &n, &total),
		                 MS_OK);
		assert_int_equal(n, 0);
		assert_int_equal(total, 47);
	}
	arena_free(&a);
	db_close(d);
}

/* A step write of test_open_steps: sql with ?1..?3 bound to a, b (ints,
 * or NULL when negative) and t (text, or NULL). */
static void step_write(struct db *d, const char *sql, long long a, long long b,
                       const char *t)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(d->h, sql, -1, &st, NULL),
	                 SQLITE_OK);
	if (a >= 0)
		sqlite3_bind_int64(st, 1, a);
	if (b >= 0)
		sqlite3_bind_int64(st, 2, b);
	if (t != NULL)
		sqlite3_bind_text(st, 3, t, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail_msg("%s: %s", sql, sqlite3_errmsg(d->h));
	sqlite3_finalize(st);
}

/* The rows in which project_open_steps and what it should hold differ
 * (in either direction): 0 when it is exact. */
static long long open_steps_wrong(struct db *d)
{
	return testdb_int(
	    d, "WITH k AS (SELECT step_id, department, due_on FROM "
	       "project_open_steps), a AS (SELECT ps.id, p.department, "
	       "ps.due_on FROM project_steps ps JOIN projects p ON p.id = "
	       "ps.project_id WHERE ps.done_on IS NULL AND ps.due_on IS NOT "
	       "NULL) SELECT (SELECT count(*) FROM (SELECT * FROM k EXCEPT "
	       "SELECT * FROM a)) + (SELECT count(*) FROM (SELECT * FROM a "
	       "EXCEPT SELECT * FROM k))");
}

/* The overdue list of dept (NULL: every department) as "id:step id:step
 * …" (the project and the step kind of each row), from projects_todo()
 * and from the walk of every open step it replaces. */
static char *late_ids(struct db *d, struct arena *a, const char *dept, int ref)
{
	struct project_staff_row *p, *u, *l;
	size_t n, nu, nl, len = 0;
	char *s = arena_alloc(a, 4000);
	sqlite3_stmt *st;

	s[0] = '\0';
	if (!ref) {
		assert_int_equal(
		    projects_todo(d, a, dept, 15, &p, &n, &u, &nu, &l, &nl),
		    MS_OK);
		for (size_t i = 0; i < nl; i++)
			len +=
			    (size_t)snprintf(s + len, 4000 - len, "%s%lld:%s",
			                     i ? " " : "", l[i].id, l[i].note);
		return s;
	}
	assert_int_equal(
	    sqlite3_prepare_v2(
	        d->h,
	        "SELECT coalesce(group_concat(x, ' '), '') FROM (SELECT "
	        "p.id || ':' || k.name || '（期限 ' || ps.due_on || '）' AS x "
	        "FROM project_steps ps JOIN projects p ON p.id = "
	        "ps.project_id JOIN step_kinds k ON k.form = ps.form AND "
	        "k.code = ps.step WHERE ps.done_on IS NULL AND ps.due_on < "
	        "date('now', 'localtime') AND (?1 IS NULL OR p.department = "
	        "?1) ORDER BY ps.due_on, ps.id LIMIT 15)",
	        -1, &st, NULL),
	    SQLITE_OK);
	if (dept != NULL)
		sqlite3_bind_text(st, 1, dept, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	s = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

/* project_open_steps (schema/015) after random writes of steps (insert,
 * done, reopened, due date changed or cleared, moved to another project,
 * deleted) and of their projects (department changed, deleted): equal to
 * its recomputation after every write, kyodo check clean, and the
 * overdue lists of each department and of all equal to the walk they
 * replace. */
static void test_open_steps(void **state)
{
	static const char *const depts[] = {"kyodo", "kiki", "kikaku"};
	static const char *const kinds[] = {"soudan", "shinsei", "kettei",
	                                    "jisseki"};
	static const char *const dates[] = {"2020-04-01", "2021-06-30",
	                                    "2021-06-30", "2023-01-15",
	                                    "2099-12-31", NULL};
	struct db *d = testdb_open(NULL, fixture);
	struct arena a;
	unsigned long x = 12345; /* a fixed LCG: the same run every time */
	long long steps = 0;

	(void)state;
	arena_init(&a, 0);
#define RND(n) ((x = x * 1103515245UL + 12345UL) >> 16) % (n)
	for (int i = 0; i < 600; i++) {
		long long id = (long long)RND(steps + 1) + 1;
		long long pid = (long long)RND(237) + 1;
		const char *date = dates[RND(6)];

		switch (i < 200 ? 0 : RND(8)) {
		case 0:
			step_write(d,
			           "INSERT INTO project_steps (project_id, "
			           "form, step, due_on, done_on) SELECT ?1, "
			           "'hojo', ?3, ?2, NULL FROM projects WHERE "
			           "id = ?1",
			           pid, -1, kinds[RND(4)]);
			steps = testdb_int(d, "SELECT coalesce(max(id), 0) "
			                      "FROM project_steps");
			if (date != NULL)
				step_write(d,
				           "UPDATE project_steps SET due_on = "
				           "?3 WHERE id = ?1",
				           steps, -1, date);
			break;
		case 1:
			step_write(d,
			           "UPDATE project_steps SET done_on = "
			           "'2024-01-01' WHERE id = ?1",
			           id, -1, NULL);
			break;
		case 2:
			step_write(d,
			           "UPDATE project_steps SET done_on = NULL "
			           "WHERE id = ?1",
			           id, -1, NULL);
			break;
		case 3:
			step_write(d,
			           "UPDATE project_steps SET due_on = ?3 WHERE "
			           "id = ?1",
			           id, -1, date);
			break;
		case 4:
			step_write(d,
			           "UPDATE projects SET department = ?3 WHERE "
			           "id = ?1",
			           pid, -1, depts[RND(3)]);
			break;
		case 5:
			step_write(d, "DELETE FROM project_steps WHERE id = ?1",
			           id, -1, NULL);
			break;
		case 6:
			if (RND(4) == 0)
				step_write(d,
				           "DELETE FROM projects WHERE id = ?1",
				           pid, -1, NULL);
			break;
		default:
			step_write(d,
			           "UPDATE project_steps SET project_id = ?2 "
			           "WHERE id = ?1 AND EXISTS (SELECT 1 FROM "
			           "projects WHERE id = ?2)",
			           id, pid, NULL);
			break;
		}
		if (open_steps_wrong(d) != 0)
			fail_msg("project_open_steps differs after write %d",
			         i);
	}
#undef RND
	assert_true(testdb_int(d, "SELECT count(*) FROM project_open_steps") >
	            50);
	assert_true(testdb_int(d, "SELECT count(*) FROM project_steps WHERE "
	                          "done_on IS NOT NULL") > 20);
	assert_true(clean(d));
	for (size_t k = 0; k <= 3; k++) {
		const char *dept = k < 3 ? depts[k] : NULL;
		const char *got = late_ids(d, &a, dept, 0);

		assert_string_equal(got, late_ids(d, &a, dept, 1));
		assert_true(strlen(got) > 0);
	}
	arena_free(&a);
	db_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_status_counts),
	    cmocka_unit_test(test_noeval),
	    cmocka_unit_test(test_pages),
	    cmocka_unit_test(test_open_steps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
