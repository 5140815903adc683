/* Migrations on a database that already holds data: schema/003 adds the
 * active flag to the master tables and rebuilds audit_log (its action
 * CHECK gains 'import' and 'export') without losing a row, an index or a
 * foreign key. The database is first brought to the version before 003
 * from a directory holding links to the earlier migrations only, filled,
 * then migrated with schema/. schema/007 fills the partner summary of the
 * projects already there. Runs from the top directory. */
#include <ctype.h>
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/demo.h"
#include "model/summaries.h"
#include "testdb.h"

/* Run SQL; the sqlite3_exec result. */
static int run(struct db *db, const char *sql)
{
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

/* The migrations old_schema() can link. */
static const char *const old_files[] = {
    "001_init.sql",           "002_search.sql",
    "003_masters_active.sql", "004_indexes.sql",
    "005_list_counts.sql",    "006_search_trigrams.sql",
    "007_partner_names.sql",  "008_group_field_codes.sql",
    "009_users_version.sql",  "010_group_filter_counts.sql",
};

/* A directory with links to the migrations numbered below below. */
static void old_schema(char *dir, int below)
{
	char cwd[1024], from[1200], to[1200];

	assert_non_null(mkdtemp(dir));
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	for (size_t i = 0; i < sizeof(old_files) / sizeof(old_files[0]); i++) {
		if (atoi(old_files[i]) >= below)
			continue;
		snprintf(from, sizeof(from), "%s/schema/%s", cwd, old_files[i]);
		snprintf(to, sizeof(to), "%s/%s", dir, old_files[i]);
		if (access(from, R_OK) == 0)
			assert_int_equal(symlink(from, to), 0);
	}
}

/* Remove what old_schema made. */
static void old_schema_free(const char *dir)
{
	char path[1200];

	for (size_t i = 0; i < sizeof(old_files) / sizeof(old_files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, old_files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void test_003_keeps_audit_rows(void **state)
{
	char dir[] = "/tmp/kyodo-migrate.XXXXXX";
	struct db *db = db_open(":memory:", NULL, 1);
	long long version;

	(void)state;
	assert_non_null(db);
	old_schema(dir, 3);
	assert_int_equal(db_migrate(db, dir), 0);
	version = testdb_int(db, "PRAGMA user_version");
	assert_true(version >= 1 && version < 3);
	/* the old CHECK refuses an import row */
	assert_int_equal(run(db, "INSERT INTO audit_log (kind, action) VALUES "
	                         "('groups', 'import')"),
	                 SQLITE_CONSTRAINT);
	assert_int_equal(
	    run(db,
	        "INSERT INTO users (username, display_name, role, "
	        "password_hash) VALUES ('a', '管理者', 'admin', '$argon2id$x');"
	        "INSERT INTO audit_log (at, user_id, kind, record_id, "
	        "action, field, old_value, new_value, client_addr) VALUES "
	        "('2024-04-01 09:00:00', 1, 'fields', 3, 'update', 'name', "
	        "'環境', '環境・エコ', '192.0.2.1'), ('2024-04-02 "
	        "10:00:00', NULL, 'users', 1, 'login', NULL, NULL, NULL, "
	        "NULL)"),
	    SQLITE_OK);
	old_schema_free(dir);

	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_true(testdb_int(db, "PRAGMA user_version") >= 3);
	/* every row and value kept, ids too */
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM audit_log"), 2);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM audit_log WHERE id = 1 "
	                   "AND at = '2024-04-01 09:00:00' AND user_id "
	                   "= 1 AND kind = 'fields' AND record_id = 3 "
	                   "AND field = 'name' AND old_value = '環境' "
	                   "AND new_value = '環境・エコ' AND "
	                   "client_addr = '192.0.2.1'"),
	    1);
	/* the new actions, and the CHECK still refuses others */
	assert_int_equal(run(db, "INSERT INTO audit_log (kind, action, field, "
	                         "new_value) VALUES ('groups', 'import', "
	                         "'rows', '12'), ('projects', 'export', "
	                         "'rows', '30')"),
	                 SQLITE_OK);
	assert_int_equal(run(db, "INSERT INTO audit_log (kind, action) VALUES "
	                         "('groups', 'nothing')"),
	                 SQLITE_CONSTRAINT);
	/* the indexes are back, the foreign key still works */
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM sqlite_schema WHERE "
	                            "type = 'index' AND tbl_name = 'audit_log' "
	                            "AND name IN ('audit_log_record', "
	                            "'audit_log_user', 'audit_log_at')"),
	                 3);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(run(db, "DELETE FROM users WHERE id = 1"), SQLITE_OK);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM audit_log WHERE id = 1 "
	                   "AND user_id IS NULL"),
	    1);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM sqlite_schema WHERE "
	                            "name = 'audit_log_new'"),
	                 0);
	db_close(db);
}

static void test_003_active_columns(void **state)
{
	/* the column exists and is 1 for every seeded row */
	static const char *const none_inactive[] = {
	    "SELECT count(*) FROM departments WHERE active IS NOT 1",
	    "SELECT count(*) FROM fields WHERE active IS NOT 1",
	    "SELECT count(*) FROM forms WHERE active IS NOT 1",
	    "SELECT count(*) FROM group_kinds WHERE active IS NOT 1",
	    "SELECT count(*) FROM partner_roles WHERE active IS NOT 1",
	    "SELECT count(*) FROM eval_scales WHERE active IS NOT 1",
	    "SELECT count(*) FROM principles WHERE active IS NOT 1",
	    "SELECT count(*) FROM plans WHERE active IS NOT 1",
	    "SELECT count(*) FROM plan_policies WHERE active IS NOT 1",
	};
	struct db *db = testdb_open(NULL, NULL);

	(void)state;
	for (size_t i = 0; i < sizeof(none_inactive) / sizeof(none_inactive[0]);
	     i++)
		assert_int_equal(testdb_int(db, none_inactive[i]), 0);
	assert_int_equal(run(db, "UPDATE fields SET active = 2"),
	                 SQLITE_CONSTRAINT);
	assert_int_equal(run(db, "UPDATE fields SET active = NULL"),
	                 SQLITE_CONSTRAINT);
	assert_int_equal(run(db, "UPDATE fields SET active = 0 WHERE code = "
	                         "'kankyo'"),
	                 SQLITE_OK);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	db_close(db);
}

/* schema/005 fills its count tables for the rows a database already
 * holds: the demo data loaded at version 4, then migrated; kyodo check
 * finds every count equal to its GROUP BY query. */
static void test_005_fills_counts(void **state)
{
	char dir[] = "/tmp/kyodo-migrate.XXXXXX";
	struct db *db = db_open(":memory:", NULL, 1);
	unsigned wrong = 0;

	(void)state;
	assert_non_null(db);
	old_schema(dir, 5);
	assert_int_equal(db_migrate(db, dir), 0);
	old_schema_free(dir);
	assert_int_equal(testdb_int(db, "PRAGMA user_version"), 4);
	assert_int_equal(demo_load(db->h, "demo"), 0);
	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_int_equal(summaries_check(db->h,
	                                 (int)testdb_int(db, "PRAGMA "
	                                                     "user_version"),
	                                 stdout, &wrong),
	                 0);
	assert_int_equal(wrong, 0);
	assert_true(
	    testdb_int(db, "SELECT count(*) FROM project_facet_counts") > 20);
	assert_int_equal(
	    testdb_int(db, "SELECT sum(n) FROM group_status_counts"),
	    testdb_int(db, "SELECT count(*) FROM groups"));
	db_close(db);
}

/* schema/007 fills project_partner_names for the projects a database
 * already holds: the demo data loaded at version 6, then migrated. */
static void test_007_fills_partner_names(void **state)
{
	char dir[] = "/tmp/kyodo-migrate.XXXXXX";
	struct db *db = db_open(":memory:", NULL, 1);

	(void)state;
	assert_non_null(db);
	old_schema(dir, 7);
	assert_int_equal(db_migrate(db, dir), 0);
	old_schema_free(dir);
	assert_int_equal(testdb_int(db, "PRAGMA user_version"), 6);
	assert_int_equal(demo_load(db->h, "demo"), 0);
	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_true(testdb_int(db, "PRAGMA user_version") >= 7);
	assert_int_equal(summaries_check(db->h, 7, stdout, NULL), 0);
	/* a row per project with partners, some with more than two */
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM project_partner_names"),
	    testdb_int(db, "SELECT count(DISTINCT project_id) FROM "
	                   "project_partners"));
	assert_true(testdb_int(db, "SELECT count(*) FROM project_partner_names "
	                           "WHERE n > 2") > 0);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	db_close(db);
}

/* schema/009 gives the accounts a database already holds version 1, and
 * the CHECK refuses a version below 1. */
static void test_009_users_version(void **state)
{
	char dir[] = "/tmp/kyodo-migrate.XXXXXX";
	struct db *db = db_open(":memory:", NULL, 1);

	(void)state;
	assert_non_null(db);
	old_schema(dir, 9);
	assert_int_equal(db_migrate(db, dir), 0);
	old_schema_free(dir);
	assert_int_equal(testdb_int(db, "PRAGMA user_version"), 8);
	assert_int_equal(
	    run(db, "INSERT INTO users (username, display_name, role, "
	            "password_hash, disabled) VALUES ('a', '管理者', 'admin', "
	            "'$argon2id$x', 0), ('b', '委員', 'committee', "
	            "'$argon2id$y', 1)"),
	    SQLITE_OK);
	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_true(testdb_int(db, "PRAGMA user_version") >= 9);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM users WHERE version = 1"), 2);
	assert_int_equal(run(db, "UPDATE users SET version = 0 WHERE "
	                         "username = 'a'"),
	                 SQLITE_CONSTRAINT);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	db_close(db);
}

/* schema/010 copies each group's kind into its group_fields rows and
 * counts them by (分野, status, kind, 五十音 row) for the groups a
 * database already holds: the demo data loaded at version 9, then
 * migrated. kyodo check finds nothing (field_codes emptied before the
 * migration, as the demo loader's batches left it, put right too), every
 * combined count is the join's, and the backfill left no rows of 0 (only
 * the triggers make them). */
static void test_010_fills_filter_counts(void **state)
{
	char dir[] = "/tmp/kyodo-migrate.XXXXXX";
	struct db *db = db_open(":memory:", NULL, 1);
	unsigned wrong = 0;

	(void)state;
	assert_non_null(db);
	old_schema(dir, 10);
	assert_int_equal(db_migrate(db, dir), 0);
	old_schema_free(dir);
	assert_int_equal(testdb_int(db, "PRAGMA user_version"), 9);
	assert_int_equal(demo_load(db->h, "demo"), 0);
	assert_true(testdb_int(db, "SELECT count(*) FROM group_fields") > 10);
	/* what a demo loaded in batches left before 010: no field_codes */
	assert_int_equal(run(db, "UPDATE groups SET field_codes = '' WHERE id "
	                         "IN (SELECT group_id FROM group_fields LIMIT "
	                         "5)"),
	                 SQLITE_OK);
	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_true(testdb_int(db, "PRAGMA user_version") >= 10);
	assert_int_equal(summaries_check(db->h, 10, stdout, &wrong), 0);
	assert_int_equal(wrong, 0);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM group_fields gf JOIN "
	                   "groups g ON g.id = gf.group_id WHERE "
	                   "gf.kind IS NOT g.kind OR gf.kana_row IS NOT "
	                   "g.kana_row"),
	    0);
	assert_int_equal(
	    testdb_int(
	        db,
	        "SELECT count(*) FROM (SELECT gf.field, g.status, g.kind, "
	        "g.kana_row, count(*) AS n FROM group_fields gf JOIN groups "
	        "g ON g.id = gf.group_id GROUP BY 1, 2, 3, 4) a FULL JOIN "
	        "group_field_filter_counts c USING (field, status, kind, "
	        "kana_row) WHERE a.n IS NOT c.n"),
	    0);
	assert_int_equal(
	    testdb_int(
	        db, "SELECT count(*) FROM group_field_filter_counts WHERE n <= "
	            "0 OR kind = ''"),
	    0);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	db_close(db);
}

/* schema/011 fills project_status_counts and project_noeval for the
 * projects a database already holds: the demo data loaded at version 10
 * (some completed projects with the city's evaluation, some without),
 * then migrated. kyodo check finds nothing, the counts sum to the
 * projects, and project_noeval is the probe the dashboard used to make. */
static void test_011_fills_staff_counts(void **state)
{
	char dir[] = "/tmp/kyodo-migrate.XXXXXX";
	struct db *db = db_open(":memory:", NULL, 1);
	unsigned wrong = 0;

	(void)state;
	assert_non_null(db);
	old_schema(dir, 11);
	assert_int_equal(db_migrate(db, dir), 0);
	old_schema_free(dir);
	assert_int_equal(testdb_int(db, "PRAGMA user_version"), 10);
	assert_int_equal(demo_load(db->h, "demo"), 0);
	/* a project loses its city evaluation: when completed, it then
	 * belongs in project_noeval */
	assert_int_equal(run(db, "DELETE FROM evaluations WHERE project_id = "
	                         "(SELECT min(project_id) FROM evaluations "
	                         "WHERE author_kind = 'city')"),
	                 SQLITE_OK);
	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_true(testdb_int(db, "PRAGMA user_version") >= 11);
	assert_int_equal(summaries_check(db->h, 11, stdout, &wrong), 0);
	assert_int_equal(wrong, 0);
	assert_int_equal(
	    testdb_int(db, "SELECT sum(n) FROM project_status_counts"),
	    testdb_int(db, "SELECT count(*) FROM projects"));
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM project_status_counts WHERE "
	                   "n <= 0"),
	    0);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM project_noeval"),
	    testdb_int(db, "SELECT count(*) FROM projects p WHERE p.status = "
	                   "'kanryo' AND NOT EXISTS (SELECT 1 FROM "
	                   "evaluations e WHERE e.project_id = p.id AND "
	                   "e.author_kind = 'city')"));
	db_close(db);
}

/* Every migration has a number of its own: db_migrate() applies the files
 * in name order and skips any whose number is not above PRAGMA
 * user_version, so a second file with the same number (two branches that
 * each added NNN) would silently never run. */
static void test_numbers_unique(void **state)
{
	struct dirent **list = NULL;
	int n = scandir("schema", &list, NULL, alphasort), last = -1;

	(void)state;
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		size_t len = strlen(name);

		if (len > 8 && isdigit((unsigned char)name[0]) &&
		    strcmp(name + len - 4, ".sql") == 0) {
			if (atoi(name) == last)
				fail_msg("schema/%s: number %d is taken", name,
				         last);
			last = atoi(name);
		}
		free(list[i]);
	}
	free(list);
	assert_true(last >= 6);
}

/* db_open() keeps statement journals and temporary tables in memory: a
 * save's statement journal outgrowing 64 KiB must not create a file. */
static void test_open_temp_store(void **state)
{
	struct db *db = db_open(":memory:", NULL, 1);

	(void)state;
	assert_non_null(db);
	assert_int_equal(testdb_int(db, "PRAGMA temp_store"), 2); /* MEMORY */
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_003_keeps_audit_rows),
	    cmocka_unit_test(test_003_active_columns),
	    cmocka_unit_test(test_005_fills_counts),
	    cmocka_unit_test(test_007_fills_partner_names),
	    cmocka_unit_test(test_009_users_version),
	    cmocka_unit_test(test_010_fills_filter_counts),
	    cmocka_unit_test(test_011_fills_staff_counts),
	    cmocka_unit_test(test_numbers_unique),
	    cmocka_unit_test(test_open_temp_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
