/* One SQLite connection per worker, with its prepared statements. */
#ifndef KYODO_DB_H
#define KYODO_DB_H
#include <sqlite3.h>

struct config;

/* A connection and the statements prepared on it (cached by SQL text). */
struct db {
	sqlite3 *h;            /* the connection */
	struct stmt_cache *sc; /* prepared statements, keyed by SQL literal */
	int busy_ms;           /* how long to wait for a lock (busy_timeout) */
	long long busy_since_us; /* when the current wait began */
	/* 1, 2, … for each db_open() of the process: tells connections
	 * apart where an address may be reused after db_close() */
	unsigned long long serial;
};

/* Open path (creating it when create), apply PRAGMAs (WAL, foreign_keys,
 * busy_timeout, synchronous from cfg) and register the SQL functions the
 * schema's triggers call (kyodo_bigrams, src/db/search_fn.h). NULL on
 * failure (logged). */
struct db *db_open(const char *path, const struct config *cfg, int create);
void db_close(struct db *db);
/* The prepared statement for a SQL literal, reset and with bindings cleared;
 * prepared once per connection. NULL on error (logged). Never pass SQL built
 * at run time: the cache is keyed by the literal's address. */
sqlite3_stmt *db_prep(struct db *db, const char *sql);
/* Apply schema/NNN_*.sql files from dir newer than PRAGMA user_version,
 * each in one transaction. 0 or -1. */
int db_migrate(struct db *db, const char *dir);
/* db_open() and db_migrate() from schema (a directory of NNN_*.sql): the
 * migrated connection, or NULL (logged, nothing left open) when either
 * fails. The caller closes it with db_close(). */
struct db *db_open_migrated(const char *path, const struct config *cfg,
                            int create, const char *schema);
/* The highest NNN of the schema/NNN_*.sql files in dir; -1 if none. */
int db_schema_latest(const char *dir);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. 0 or -1. */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);
/* Column as text ("" for NULL). */
const char *db_text(sqlite3_stmt *st, int col);
#endif
