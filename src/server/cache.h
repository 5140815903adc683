/* The response cache of one worker: finished anonymous GET/HEAD 200 pages of
 * public routes, keyed by path + query, valid while the database has not
 * changed, bounded in bytes (least recently used entries go first), with
 * an ETag (a hash of the body) and If-None-Match → 304 revalidation.
 *
 * One snapshot per page: a hit reads the generation once
 * (db_generation()) and is answered when it matches; nothing else touches
 * the database. In WAL mode that read is usually answered from SQLite's
 * WAL-index header in shared memory, with no statement and no system call
 * (else PRAGMA data_version, its own short read transaction). On a miss
 * cache_lookup() opens a read transaction (BEGIN; the first read takes the
 * snapshot), reads the generation again inside it (always by the PRAGMA,
 * which is that first read), and the handler builds the page inside it
 * too; cache_store() closes it. The generation and the page then come from
 * the same state of the database, and the twenty-odd statements of a list
 * page share one transaction instead of opening one each. (Every other GET
 * gets its snapshot from dispatch(): see TX_SNAPSHOT in http/router.h. A
 * GET handler therefore must not call db_begin().)
 *
 * Invalidation: the cache remembers the database's generation, the pair
 * (PRAGMA data_version, sqlite3_total_changes()). data_version changes when
 * another connection (another worker, the sqlite3 shell, any process)
 * commits; total_changes when this connection writes. The header check
 * sees the same commits: every commit rewrites that header (see
 * db_generation() in db/db.c). Any change empties the whole cache: a
 * change to one project can show on the top page, the lists, the group
 * pages.
 *
 * What is cacheable (the request, before the handler runs): GET or HEAD, no
 * cookie whose name starts with "kyodo" (kyodo_session and any other kyodo
 * cookie may change what a page shows), not /healthz. (The response, after
 * the handler ran): the route's role is ROLE_PUBLIC, status 200, and the
 * handler's extra headers carry no Set-Cookie, no "no-store" and no
 * "private". A page whose content depends on anything but the URL and the
 * database (a clock, a cookie, a header) must say Cache-Control: no-store
 * or private; entries also expire after cache_ttl seconds, which bounds
 * what a date (the current 年度, "overdue") can leave stale.
 *
 * Compression: a stored text page of GZIP_MIN (512) bytes or more also
 * keeps a gzip copy (zlib level 6, made once when stored, counted against
 * the size limit). A request whose Accept-Encoding takes gzip gets that
 * copy, with Content-Encoding: gzip and its own strong ETag (the plain
 * one with "-gz"), so the web server has nothing left to compress. Every
 * cacheable response, either variant, hit or not, carries
 * Vary: Accept-Encoding; a 304 carries its variant's ETag and Vary, never
 * Content-Encoding.
 *
 * One cache per worker process; not thread-safe (workers are processes). */
#ifndef KYODO_CACHE_H
#define KYODO_CACHE_H
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "http/request.h"

struct cache;

/* Bytes of an ETag with its quotes and NUL: "\"<16 hex>-gz\"". */
#define CACHE_ETAG_MAX 24

/* Counters for logs and the benchmark. */
struct cache_stats {
	unsigned long long hits;      /* answered from the cache */
	unsigned long long misses;    /* cacheable request, not in the cache */
	unsigned long long stores;    /* responses stored */
	unsigned long long evictions; /* entries dropped for room */
	unsigned long long flushes;   /* emptied because the db changed */
	unsigned long long expired;   /* entries found older than the ttl */
	unsigned long long not_modified; /* 304 answers (hit or not) */
	unsigned long long gen_fast;     /* generation checks answered from the
	                                    WAL-index header (db_generation()) */
	unsigned long long gen_full;     /* ... by PRAGMA data_version */
	size_t bytes;                    /* memory held now */
	size_t entries;                  /* entries held now */
};

/* A new cache holding at most max_bytes (entries, keys, headers and
 * bookkeeping counted); entries older than ttl seconds are not served
 * (0: no age limit). enabled = 0 keeps ETag/304 but stores nothing.
 * NULL when out of memory. Free with cache_free(). */
struct cache *cache_new(int enabled, size_t max_bytes, int ttl);
/* Release the cache and every entry. NULL is accepted. */
void cache_free(struct cache *c);

/* 1 when r (decoded) may be answered from, or stored in, the cache: GET
 * or HEAD, no cookie whose name starts with "kyodo", not /healthz. */
int cache_candidate(const struct request *r);

/* 1 when an Accept-Encoding header value takes gzip: "gzip" (or "x-gzip")
 * listed with a q above 0, or not listed and "*" with a q above 0. NULL
 * (no header): 0. */
int cache_accepts_gzip(const char *accept_encoding);

/* Before dispatch: when r (already decoded) is a cacheable request and a
 * fresh entry exists for the database as it is now, fill r's response
 * from it — status 200 (or 304 when
 * r->if_none_match matches the served variant's ETag), content type, extra
 * headers (ETag, Vary, and Content-Encoding for the gzip copy) and r->out
 * pointing at the cached body, or at its gzip copy when accept_encoding
 * (the request's Accept-Encoding, or NULL) takes gzip — and return 1.
 * r->out then BORROWS the cache's memory: the caller must not free or grow
 * it, and must be done with it before the next cache call. Returns 0 when
 * the request must be dispatched: a cacheable request then has its read
 * transaction open (call cache_store() after the handler, which closes
 * it). */
int cache_lookup(struct cache *c, struct request *r,
                 const char *accept_encoding);

/* After dispatch (of a request cache_lookup() returned 0 for): when the
 * response is cacheable, add ETag and Vary headers, turn a 200 into a 304
 * when r->if_none_match matches it (r->out keeps the body; the caller
 * sends none for 304) and, if the cache is enabled and the database did
 * not change while the handler ran, keep a copy. When the copy has a gzip
 * variant and the request accepts gzip, r is answered with it as on a hit:
 * r->out's own buffer is freed, r->out BORROWS the cache's memory, and 1
 * is returned (else 0). May rewrite r->extra_headers (arena memory). Never
 * fails the request: out of memory only means the page is not stored. */
int cache_store(struct cache *c, struct request *r);

/* Characters of a request id (struct request's request_id). */
#define CACHE_REQUEST_ID_LEN 16

/* After cache_lookup() or cache_store() answered r from the cache with a
 * 200 (not a 304): append to hdr the CGI header block of that answer, as
 * response_headers() would write it for r, with r's request id in it —
 * a copy of the block made when the page was stored, so a hit formats
 * nothing. Returns 1, or 0 when there is no such block (r was not
 * answered from the cache, is a 304, or was changed since; hdr is left as
 * it was, up to its capacity): then call response_headers(). */
int cache_response_headers(const struct cache *c, const struct request *r,
                           struct buf *hdr);

/* Drop every entry. */
void cache_clear(struct cache *c);
/* The counters so far. */
void cache_get_stats(const struct cache *c, struct cache_stats *out);

/* The strong ETag of a body: a quoted 16-hex-digit hash, written to out,
 * e.g. "\"0123456789abcdef\"" (18 characters and the NUL). */
void cache_etag(const char *body, size_t len, char out[CACHE_ETAG_MAX]);
/* 1 when an If-None-Match header value (a list of entity tags, weak or
 * strong, or "*") matches etag by the weak comparison of RFC 9110. */
int cache_etag_match(const char *if_none_match, const char *etag);

/* Tests only: replace the clock (seconds, monotonic) used for the ttl. */
void cache_set_clock(struct cache *c, long long (*now)(void));
#endif
