/* What the unit tests that work on a database share: a migrated in-memory
 * database (with a demo data set or fixture rows), one integer from a
 * query, and a request to hand to a page or the dispatcher. The first two
 * fail the running test (cmocka) instead of returning an
 * error, so a test reads as what it checks. Linked into every test program
 * (build/tests/testdb.o, see the Makefile); the tests run from the top
 * directory, where schema/ is. */
#ifndef KYODO_TESTDB_H
#define KYODO_TESTDB_H
#include "db/db.h"
#include "http/request.h"
#include "server/config.h"
#include "util/arena.h"

/* A new in-memory database with every schema/NNN_*.sql applied, then the
 * demo data set demo ("demo", "city"; NULL: none), then the statements of
 * fixture (NULL: none). Fails the running test — or the group setup that
 * calls it — when a step fails. The caller closes it with db_close(). */
struct db *testdb_open(const char *demo, const char *fixture);
/* Apply schema/NNN_*.sql for NNN = 1 .. upto to db (a new database) and
 * set PRAGMA user_version to upto, so that db_migrate() goes on from there:
 * a database as an older kyodo left it. Fails the running test when a
 * file is missing or fails. */
void testdb_migrate_upto(struct db *db, int upto);
/* The first column of the first row of sql on db as an integer, -1 when it
 * returns no row. Fails the running test when sql does not prepare. */
long long testdb_int(struct db *db, const char *sql);
/* Fill r as a request of method m for path from 192.0.2.1 to host
 * 127.0.0.1:8080, with no query, cookie or form, status 200 and a fixed
 * request id, on arena a, configuration cfg and database db (kept as
 * pointers: they outlive r). The caller sets cookies, form and origin. */
void testdb_request(struct request *r, struct arena *a,
                    const struct config *cfg, struct db *db, enum method m,
                    const char *path);
#endif
