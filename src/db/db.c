/* SQLite connection, statement cache and migrations. */
#include "db/db.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
