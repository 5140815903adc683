/* SQLite connection, statement cache and migrations. */
#include "db/db.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/search_fn.h"
#include "server/config.h"
#include "util/buf.h"
#include "util/log.h"

/* Open-addressing table of prepared statements keyed by the SQL literal's
 * address (literals live for the life of the process). */
struct stmt_cache {
	const char **keys;    /* SQL literal addresses, NULL = empty slot */
	sqlite3_stmt **stmts; /* prepared statements */
	size_t cap;           /* slots, a power of two */
	size_t n;             /* slots used */
};

/* Hash a pointer. */
static size_t ptr_hash(const void *p)
{
	uintptr_t x = (uintptr_t)p;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (size_t)x;
}

/* Grow the cache to twice its size. 0 or -1. */
static int cache_grow(struct stmt_cache *sc)
{
	size_t cap = sc->cap ? sc->cap * 2 : 64;
	const char **keys = calloc(cap, sizeof(*keys));
	sqlite3_stmt **stmts = calloc(cap, sizeof(*stmts));

	if (keys == NULL || stmts == NULL) {
		free(keys);
		free(stmts);
		return -1;
	}
	for (size_t i = 0; i < sc->cap; i++) {
		size_t j;

		if (sc->keys[i] == NULL)
			continue;
		j = ptr_hash(sc->keys[i]) & (cap - 1);
		while (keys[j] != NULL)
			j = (j + 1) & (cap - 1);
		keys[j] = sc->keys[i];
		stmts[j] = sc->stmts[i];
	}
	free(sc->keys);
	free(sc->stmts);
	sc->keys = keys;
	sc->stmts = stmts;
	sc->cap = cap;
	return 0;
}

/* Busy handler: wait 100–600 µs (jittered) per retry until busy_ms have
 * passed. SQLite's own busy timeout sleeps in coarse steps (1, 2, 5 … 100
 * ms), which made the tail latency of concurrent saves 70–250 ms. */
static int busy_wait(void *arg, int count)
{
	struct db *db = arg;
	struct timespec ts;
	long long waited;

	if (count == 0) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		db->busy_since_us =
		    (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	waited = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000 -
	         db->busy_since_us;
	if (waited >= (long long)db->busy_ms * 1000)
		return 0;
	ts.tv_sec = 0;
	ts.tv_nsec =
	    (100 + (long)(((unsigned)count * 2654435761u) % 500)) * 1000L;
	nanosleep(&ts, NULL);
	return 1;
}

struct db *db_open(const char *path, const struct config *cfg, int create)
{
	static unsigned long long opened; /* connections opened so far */
	struct db *db = calloc(1, sizeof(*db));
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	            (create ? SQLITE_OPEN_CREATE : 0);
	int sync_full = cfg != NULL && strcmp(cfg->synchronous, "FULL") == 0;

	if (db == NULL)
		return NULL;
	db->serial = ++opened;
	db->sc = calloc(1, sizeof(*db->sc));
	if (db->sc == NULL)
		goto fail;
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		log_err("cannot open database %s: %s", path,
		        db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	db->busy_ms = cfg != NULL ? cfg->busy_timeout : 5000;
	sqlite3_busy_handler(db->h, busy_wait, db);
	/* kyodo_bigrams(): the full-text triggers call it on every write */
	if (search_fn_register(db->h) != SQLITE_OK) {
		log_err("cannot register the search functions on %s: %s", path,
		        sqlite3_errmsg(db->h));
		goto fail;
	}
	if (sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) !=
	        SQLITE_OK ||
	    sqlite3_exec(db->h, "PRAGMA foreign_keys=ON", NULL, NULL, NULL) !=
	        SQLITE_OK ||
	    /* statement journals in memory: a save whose statement journal
	     * outgrew 64 KiB (an FTS5 merge inside a trigger) created,
	     * wrote, read and unlinked a file in /var/tmp */
	    sqlite3_exec(db->h, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL) !=
	        SQLITE_OK ||
	    sqlite3_exec(db->h,
	                 sync_full ? "PRAGMA synchronous=FULL"
	                           : "PRAGMA synchronous=NORMAL",
	                 NULL, NULL, NULL) != SQLITE_OK) {
		log_err("cannot configure database %s: %s", path,
		        sqlite3_errmsg(db->h));
		goto fail;
	}
	return db;
fail:
	db_close(db);
	return NULL;
}

void db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->sc != NULL) {
		for (size_t i = 0; i < db->sc->cap; i++)
			if (db->sc->stmts[i] != NULL)
				sqlite3_finalize(db->sc->stmts[i]);
		free(db->sc->keys);
		free(db->sc->stmts);
		free(db->sc);
	}
	if (db->shm != NULL)
		munmap((void *)db->shm, db->shm_len);
	sqlite3_close(db->h);
	free(db);
}

sqlite3_stmt *db_prep(struct db *db, const char *sql)
{
	struct stmt_cache *sc = db->sc;
	sqlite3_stmt *st;
	size_t j;

	if (sc->cap != 0) {
		j = ptr_hash(sql) & (sc->cap - 1);
		while (sc->keys[j] != NULL) {
			if (sc->keys[j] == sql) {
				sqlite3_reset(sc->stmts[j]);
				sqlite3_clear_bindings(sc->stmts[j]);
				return sc->stmts[j];
			}
			j = (j + 1) & (sc->cap - 1);
		}
	}
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	                       NULL) != SQLITE_OK) {
		log_err("prepare failed: %s: %s", sqlite3_errmsg(db->h), sql);
		return NULL;
	}
	if ((sc->n + 1) * 2 > sc->cap && cache_grow(sc) < 0) {
		sqlite3_finalize(st);
		return NULL;
	}
	j = ptr_hash(sql) & (sc->cap - 1);
	while (sc->keys[j] != NULL)
		j = (j + 1) & (sc->cap - 1);
	sc->keys[j] = sql;
	sc->stmts[j] = st;
	sc->n++;
	return st;
}

const char *db_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t != NULL ? (const char *)t : "";
}

/* The WAL-index header check of db_generation().
 *
 * In WAL mode SQLite keeps the WAL-index in <db>-shm, mapped MAP_SHARED by
 * every connection. It begins with two copies of a 48-byte header
 * (mxFrame, nPage, iChange, salts, checksums); every commit, by any
 * process, increments iChange and rewrites the header — copy [1], a memory
 * barrier, then copy [0] (walIndexWriteHdr() in wal.c) — and a restart of
 * the WAL after a checkpoint changes the salts. SQLite itself tells
 * whether the database changed by comparing this header with the one it
 * read last (that is what moves PRAGMA data_version). So while both
 * copies read the same as when the last full check was made, no commit
 * happened since, and the generation that check returned still holds.
 *
 * Reading: copy [0] first, a fence, then copy [1], as SQLite's readers do;
 * a write in progress makes them differ, and the header counts as changed.
 *
 * Ordering: the header is read *before* the PRAGMA of a full check, and
 * remembered only when that PRAGMA takes a new snapshot (no read
 * transaction was open). A commit that lands between the two leaves the
 * remembered header older than the file's, so the next check is a full
 * one again: a false "changed", never a stale "unchanged".
 *
 * The mapping: made once per connection, after its first full check (the
 * connection then has the WAL-index open), only when journal_mode is WAL
 * and <db>-shm exists with at least the header's bytes; never past the
 * end of the file (that would be SIGBUS). The file is not truncated while
 * mapped: SQLite truncates <db>-shm only when it is the first connection
 * to open it, which it knows by taking the DMS lock exclusively, and this
 * connection holds that lock shared from its first read until it closes
 * (and db_close() unmaps first). Nor can another process switch the
 * database out of WAL mode meanwhile: that needs an exclusive lock on the
 * database file, and a WAL connection keeps a shared one for its life.
 * Anything unexpected (another journal mode, no file, a short file, mmap
 * failing, a header that is not SQLite's) leaves the PRAGMA path alone. */

/* The wal-index format version, the first field of the header. */
#define SHM_IVERSION 3007000u

/* Map the start of db's <db>-shm (db->shm), or mark it unavailable. */
static void shm_map(struct db *db)
{
	sqlite3_stmt *st;
	const char *file = sqlite3_db_filename(db->h, "main");
	char path[4096];
	struct stat sb;
	void *p;
	uint32_t version;
	int wal = 0, fd, n;

	if (sqlite3_prepare_v2(db->h, "PRAGMA journal_mode", -1, &st, NULL) !=
	    SQLITE_OK)
		return; /* tried again at the next full check */
	if (sqlite3_step(st) == SQLITE_ROW)
		wal = strcmp(db_text(st, 0), "wal") == 0;
	sqlite3_finalize(st);
	db->shm_state = -1;
	if (!wal || file == NULL || file[0] == '\0')
		return;
	n = snprintf(path, sizeof(path), "%s-shm", file);
	if (n < 0 || (size_t)n >= sizeof(path))
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		db->shm_state = 0; /* not made yet (an empty database) */
		return;
	}
	if (fstat(fd, &sb) < 0) {
		close(fd);
		return;
	}
	if (sb.st_size < (off_t)DB_SHM_HDR) {
		db->shm_state = 0; /* not initialised yet: try again later */
		close(fd);
		return;
	}
	p = mmap(NULL, DB_SHM_HDR, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return;
	memcpy(&version, p, sizeof(version));
	if (version != SHM_IVERSION) {
		munmap(p, DB_SHM_HDR);
		return;
	}
	db->shm = p;
	db->shm_len = DB_SHM_HDR;
	db->shm_state = 1;
}

/* Copy both header copies from the mapping into out: [0], a fence, [1]
 * (the reverse of the writer's order). 1 when the copies are equal (no
 * write in progress), else 0. */
static int shm_read(const struct db *db, unsigned char out[DB_SHM_HDR])
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	memcpy(out, db->shm, DB_SHM_HDR / 2);
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	memcpy(out + DB_SHM_HDR / 2, db->shm + DB_SHM_HDR / 2, DB_SHM_HDR / 2);
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return memcmp(out, out + DB_SHM_HDR / 2, DB_SHM_HDR / 2) == 0;
}

int db_generation(struct db *db, struct db_gen *out)
{
	unsigned char hdr[DB_SHM_HDR]; /* the header before the PRAGMA */
	long long changes = sqlite3_total_changes64(db->h);
	/* no snapshot is held: the PRAGMA below takes a new one */
	int fresh = sqlite3_txn_state(db->h, NULL) == SQLITE_TXN_NONE;
	/* a deferred BEGIN waits for its first read: the PRAGMA must be it */
	int pin = fresh && !sqlite3_get_autocommit(db->h);
	int hdr_ok = 0; /* hdr holds two equal copies */
	sqlite3_stmt *st;
	int rc;

	if (db->shm != NULL) {
		hdr_ok = shm_read(db, hdr);
		if (hdr_ok && !pin && db->gen_known &&
		    changes == db->gen.total_changes &&
		    memcmp(hdr, db->shm_hdr, DB_SHM_HDR) == 0) {
			*out = db->gen;
			db->gen_fast++;
			return 1;
		}
	}
	st = db_prep(db, "PRAGMA data_version");
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		out->data_version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return -1;
	out->total_changes = sqlite3_total_changes64(db->h);
	db->gen_full++;
	if (db->shm != NULL) {
		db->gen_known = hdr_ok && fresh;
		if (db->gen_known) {
			memcpy(db->shm_hdr, hdr, DB_SHM_HDR);
			db->gen = *out;
		}
	} else if (db->shm_state == 0) {
		shm_map(db);
	}
	return 0;
}

/* Run a literal statement without results. 0 or -1. */
static int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_err("%s: %s", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int db_begin(struct db *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(struct db *db)
{
	return db_exec(db, "COMMIT");
}

int db_rollback(struct db *db)
{
	return db_exec(db, "ROLLBACK");
}

int db_snapshot_begin(struct db *db)
{
	sqlite3_stmt *st;
	int rc;

	if (db == NULL || !sqlite3_get_autocommit(db->h))
		return 0;
	st = db_prep(db, "BEGIN");
	if (st == NULL)
		return 0;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE;
}

void db_snapshot_end(struct db *db)
{
	sqlite3_stmt *st = NULL;

	if (db == NULL)
		return;
	while ((st = sqlite3_next_stmt(db->h, st)) != NULL)
		if (sqlite3_stmt_busy(st))
			sqlite3_reset(st);
	if (sqlite3_get_autocommit(db->h))
		return; /* ended already */
	st = db_prep(db, "COMMIT");
	if (st != NULL && sqlite3_step(st) == SQLITE_DONE) {
		sqlite3_reset(st);
		return;
	}
	if (st != NULL)
		sqlite3_reset(st);
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

/* Read a whole file into b. 0 or -1. */
static int read_file(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int rc = 0;

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_put(b, chunk, n) < 0) {
			rc = -1;
			break;
		}
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

/* Only "NNN_name.sql" names count as migrations. */
static int migration_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 8 && d->d_name[0] >= '0' && d->d_name[0] <= '9' &&
	       d->d_name[1] >= '0' && d->d_name[1] <= '9' &&
	       d->d_name[2] >= '0' && d->d_name[2] <= '9' &&
	       d->d_name[3] == '_' && strcmp(d->d_name + n - 4, ".sql") == 0;
}

int db_schema_latest(const char *dir)
{
	struct dirent **list = NULL;
	int n = scandir(dir, &list, migration_filter, alphasort), latest = -1;

	for (int i = 0; i < n; i++) {
		if (atoi(list[i]->d_name) > latest)
			latest = atoi(list[i]->d_name);
		free(list[i]);
	}
	free(list);
	return latest;
}

int db_migrate(struct db *db, const char *dir)
{
	struct dirent **list = NULL;
	int n, rc = 0, current = 0;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		current = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);

	n = scandir(dir, &list, migration_filter, alphasort);
	if (n < 0) {
		log_err("cannot read migrations in %s", dir);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		int version = atoi(list[i]->d_name);
		char path[1024], pragma[64];
		struct buf sql = {0};

		if (rc != 0 || version <= current)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
		if (read_file(path, &sql) < 0) {
			log_err("cannot read %s", path);
			rc = -1;
			continue;
		}
		/* PRAGMA takes no bound parameters; the value is an integer
		 * parsed from a file name, never user input. */
		snprintf(pragma, sizeof(pragma), /* lint:pragma-int */
		         "PRAGMA user_version=%d", version);
		if (db_exec(db, "BEGIN IMMEDIATE") < 0 ||
		    db_exec(db, buf_cstr(&sql)) < 0 ||
		    db_exec(db, pragma) < 0 || db_exec(db, "COMMIT") < 0) {
			log_err("migration %s failed; rolled back", path);
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
			rc = -1;
		} else {
			log_info("applied migration %s", list[i]->d_name);
			current = version;
		}
		buf_free(&sql);
	}
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
	return rc;
}

struct db *db_open_migrated(const char *path, const struct config *cfg,
                            int create, const char *schema)
{
	struct db *db = db_open(path, cfg, create);

	if (db != NULL && db_migrate(db, schema) < 0) {
		db_close(db);
		db = NULL;
	}
	return db;
}
