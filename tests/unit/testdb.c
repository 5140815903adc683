/* The unit tests' database and request helpers (tests/unit/testdb.h). */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/demo.h"
#include "testdb.h"

struct db *testdb_open(const char *demo, const char *fixture)
{
	struct db *db = db_open_migrated(":memory:", NULL, 1, "schema");
	char *err = NULL;

	if (db == NULL)
		fail_msg("testdb: no migrated in-memory database (the tests "
		         "run from the top directory)");
	if (demo != NULL && demo_load(db->h, demo) != 0) {
		db_close(db);
		fail_msg("testdb: the %s data set did not load", demo);
	}
	if (fixture != NULL &&
	    sqlite3_exec(db->h, fixture, NULL, NULL, &err) != SQLITE_OK) {
		print_error("ERROR: testdb: fixture: %s\n", err);
		sqlite3_free(err);
		db_close(db);
		fail();
	}
	return db;
}

void testdb_migrate_upto(struct db *db, int upto)
{
	char pragma[64], *err = NULL;

	for (int v = 1; v <= upto; v++) {
		char pattern[64], *sql;
		glob_t g;
		FILE *fp;
		long len;

		snprintf(pattern, sizeof(pattern), "schema/%03d_*.sql", v);
		if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc != 1)
			fail_msg("testdb: not one %s", pattern);
		fp = fopen(g.gl_pathv[0], "rb");
		if (fp == NULL)
			fail_msg("testdb: cannot read %s", g.gl_pathv[0]);
		fseek(fp, 0, SEEK_END);
		len = ftell(fp);
		rewind(fp);
		sql = calloc(1, (size_t)len + 1);
		if (sql == NULL ||
		    fread(sql, 1, (size_t)len, fp) != (size_t)len)
			fail_msg("testdb: cannot read %s", g.gl_pathv[0]);
		fclose(fp);
		if (sqlite3_exec(db->h, sql, NULL, NULL, &err) != SQLITE_OK)
			fail_msg("testdb: %s: %s", g.gl_pathv[0], err);
		free(sql);
		globfree(&g);
	}
	snprintf(pragma, sizeof(pragma),
	         "PRAGMA user_version = %d", /* lint:pragma-int */
	         upto);
	if (sqlite3_exec(db->h, pragma, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("testdb: %s: %s", pragma, err);
}

long long testdb_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db->h));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

void testdb_request(struct request *r, struct arena *a,
                    const struct config *cfg, struct db *db, enum method m,
                    const char *path)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->cfg = cfg;
	r->db = db;
	r->method = m;
	r->method_name = m == M_POST ? "POST" : "GET";
	r->path = path;
	r->raw_query = "";
	r->host = "127.0.0.1:8080";
	r->remote_addr = "192.0.2.1";
	r->status = 200;
	memcpy(r->request_id, "0123456789abcdef", 17);
}
