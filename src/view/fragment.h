/* The fragment store of one worker: pieces of pages that depend only on
 * master data (and the list of years), kept between requests so that a page
 * does not read and render them again every time — the options of a filter
 * <select>, the 領域 axis SVG, the form links of the top page. Not a
 * response cache: it holds pieces, works with cache = 0, and the page
 * around them is built for every request.
 *
 * A value is a vector of strings (escaped HTML rendered through ctemplate,
 * or the codes and names it was made from), stored in one block under a
 * key such as "sel:form".
 *
 * Invalidation: the store remembers the database generation
 * (db_generation(): PRAGMA data_version + this connection's
 * total_changes, answered from the WAL-index header while that is
 * unchanged). The first fragment call of a request reads it; when it
 * differs from the one the store was filled under, the store is emptied.
 * A write by this connection during the request (total_changes, checked on
 * every call) makes the rest of the request bypass the store. The whole
 * store is also emptied after FRAG_TTL seconds.
 *
 * Bound: FRAG_MAX_BYTES (blocks, keys and bookkeeping); a value that does
 * not fit is returned as a copy in the request's arena and not kept, and a
 * full store is emptied at the start of the next request.
 *
 * Pointers returned stay valid until the end of the request: the store is
 * only ever emptied when a request starts. One store per process; not
 * thread-safe (workers are processes). */
#ifndef KYODO_FRAGMENT_H
#define KYODO_FRAGMENT_H
#include <stddef.h>

#include "http/request.h"

/* Bytes the store may hold. */
#define FRAG_MAX_BYTES (1024 * 1024)
/* Seconds after which everything is rendered again. */
#define FRAG_TTL 60

/* A stored value: n strings with their lengths (read-only). */
struct frag {
	size_t n;
	const char *const *s;
	const size_t *len;
};

/* The value stored under key for r's database state: 1 (out set) or 0
 * when there is none (then render it and frag_put() it). */
int frag_get(struct request *r, const char *key, struct frag *out);
/* Keep the n strings s (len[i] bytes each; len may be NULL for strlen)
 * under key and point out at the kept copy — or, when the store cannot
 * keep it (full, or the database changed during this request), at a copy
 * in r->arena. 0, or -1 when out of memory. */
int frag_put(struct request *r, const char *key, const char *const *s,
             const size_t *len, size_t n, struct frag *out);

/* Counters, for tests and logs. */
struct frag_stats {
	unsigned long long hits, misses, stores, flushes;
	size_t bytes, entries;
};
void frag_get_stats(struct frag_stats *out);
/* Empty the store (tests; the next request starts afresh). */
void frag_clear(void);
/* Tests only: replace the clock (monotonic seconds) used for the ttl. */
void frag_set_clock(long long (*now)(void));
#endif
