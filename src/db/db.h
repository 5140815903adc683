/* One SQLite connection per worker, with its prepared statements. */
#ifndef KYODO_DB_H
#define KYODO_DB_H
#include <stddef.h>

#include <sqlite3.h>

struct config;

/* Bytes of the WAL-index header db_generation() compares: the two 48-byte
 * copies of the WalIndexHdr at the start of <db>-shm
 * (https://www.sqlite.org/walformat.html). */
#define DB_SHM_HDR 96

/* The database state a page or a kept value was built from. */
struct db_gen {
	long long data_version;  /* PRAGMA data_version */
	long long total_changes; /* sqlite3_total_changes64() */
};

/* A connection and the statements prepared on it (cached by SQL text). */
struct db {
	sqlite3 *h;            /* the connection */
	struct stmt_cache *sc; /* prepared statements, keyed by SQL literal */
	int busy_ms;           /* how long to wait for a lock (busy_timeout) */
	long long busy_since_us; /* when the current wait began */
	/* 1, 2, … for each db_open() of the process: tells connections
	 * apart where an address may be reused after db_close() */
	unsigned long long serial;
	/* db_generation()'s check of the WAL-index header (see db.c) */
	const unsigned char *shm; /* <db>-shm's first page, mapped read-only,
	                             or NULL (then every check is a full one) */
	size_t shm_len;           /* bytes mapped */
	int shm_state;            /* 0: not tried yet, 1: mapped, -1: never
	                             (not WAL, or the mapping failed) */
	int gen_known;            /* shm_hdr and gen were validated together */
	unsigned char shm_hdr[DB_SHM_HDR]; /* the header as it was read just
	                                      before the full check of gen */
	struct db_gen gen;                 /* what that full check returned */
	unsigned long long gen_fast;       /* db_generation() from the header */
	unsigned long long gen_full;       /* db_generation() by PRAGMA */
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
/* The generation of db now: (PRAGMA data_version, total_changes), which
 * changes when another connection commits (data_version) or this one
 * writes (total_changes). In WAL mode it is usually answered from the
 * WAL-index header in shared memory without a system call (a fast check,
 * counted in db->gen_fast); otherwise, and whenever that header changed,
 * by the PRAGMA (a full check, db->gen_full), which needs a read
 * transaction of its own outside one. Inside a read transaction the answer
 * is the generation of its snapshot; after a deferred BEGIN that has read
 * nothing yet the full check is always made, so its read takes the
 * transaction's snapshot. 1 (fast), 0 (full) or -1 (the database cannot
 * be asked). */
int db_generation(struct db *db, struct db_gen *out);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. 0 or -1. */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);
/* A read snapshot for one request: BEGIN (deferred: the first read takes
 * the snapshot and the shared locks, held until the end) when no
 * transaction is open. Every statement after it reads the same state of
 * the database, and takes no lock of its own. 1 when it opened one (close
 * it with db_snapshot_end()), 0 when a transaction was open already or
 * BEGIN failed (the statements then run as they would without). A write
 * inside the snapshot would have to upgrade it, which fails at once
 * (SQLITE_BUSY_SNAPSHOT) when another connection has committed since:
 * code that writes opens its own transaction (db_begin()) instead. */
int db_snapshot_begin(struct db *db);
/* Close the transaction db_snapshot_begin() opened: reset any statement
 * left running (it would keep the snapshot alive), then COMMIT (ROLLBACK
 * when that fails). Nothing when the transaction has ended already. */
void db_snapshot_end(struct db *db);
/* Column as text ("" for NULL). */
const char *db_text(sqlite3_stmt *st, int col);
#endif
