/* The per-worker fragment store (see fragment.h). */
#include "view/fragment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"

#define NBUCKETS 64

/* One stored value: this header, then len[n], s[n], the key and the
 * strings, in one block. */
struct entry {
	struct entry *next; /* bucket chain */
	uint64_t hash;
	size_t size; /* bytes of the block */
	const char *key;
	struct frag v;
};

static struct {
	struct entry *b[NBUCKETS];
	struct db_gen gen; /* the generation the entries belong to */
	int have_gen;
	long long born;         /* when the first entry was kept */
	char req_id[17];        /* the request the checks below were made for */
	long long req_changes;  /* total_changes when that request began */
	int bypass;             /* this request: do not read or keep */
	int full;               /* a value did not fit: empty at next request */
	long long (*now)(void); /* clock (tests replace it) */
	struct frag_stats st;
} fs;

static long long mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
	return (long long)ts.tv_sec;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void frag_clear(void)
{
	for (size_t i = 0; i < NBUCKETS; i++) {
		struct entry *e = fs.b[i], *next;

		for (; e != NULL; e = next) {
			next = e->next;
			free(e);
		}
		fs.b[i] = NULL;
	}
	fs.st.bytes = 0;
	fs.st.entries = 0;
	fs.have_gen = 0;
	fs.full = 0;
	fs.req_id[0] = '\0';
}

void frag_get_stats(struct frag_stats *out)
{
	*out = fs.st;
}

void frag_set_clock(long long (*now)(void))
{
	fs.now = now;
}

/* Once per request (when it first asks): empty the store when the database
 * generation changed, the ttl passed or it filled up. On every call: bypass
 * the store once this connection has written during the request. Returns 1
 * when the store may be used. */
static int check(struct request *r)
{
	struct db_gen g;
	long long changes;

	if (r->db == NULL)
		return 0;
	changes = sqlite3_total_changes64(r->db->h);
	if (strcmp(fs.req_id, r->request_id) == 0) {
		if (changes != fs.req_changes)
			fs.bypass = 1;
		return !fs.bypass;
	}
	memcpy(fs.req_id, r->request_id, sizeof(fs.req_id));
	fs.req_id[sizeof(fs.req_id) - 1] = '\0';
	fs.req_changes = changes;
	fs.bypass = 0;
	if (fs.now == NULL)
		fs.now = mono_now;
	if (db_generation(r->db, &g) < 0) {
		fs.bypass = 1;
		return 0;
	}
	if (fs.full || !fs.have_gen || g.data_version != fs.gen.data_version ||
	    g.total_changes != fs.gen.total_changes ||
	    (fs.st.entries > 0 && fs.now() - fs.born >= FRAG_TTL)) {
		if (fs.st.entries > 0)
			fs.st.flushes++;
		frag_clear();
		memcpy(fs.req_id, r->request_id, sizeof(fs.req_id));
		fs.req_id[sizeof(fs.req_id) - 1] = '\0';
		fs.gen = g;
		fs.have_gen = 1;
	}
	return 1;
}

int frag_get(struct request *r, const char *key, struct frag *out)
{
	uint64_t h;

	if (!check(r))
		return 0;
	h = hash(key);
	for (struct entry *e = fs.b[h % NBUCKETS]; e != NULL; e = e->next)
		if (e->hash == h && strcmp(e->key, key) == 0) {
			*out = e->v;
			fs.st.hits++;
			return 1;
		}
	fs.st.misses++;
	return 0;
}

/* Lay out key and s[0..n) in block p of size bytes (from layout_size). */
static const char *layout(char *p, const char *key, const char *const *s,
                          const size_t *len, size_t n, struct frag *out)
{
	size_t *lens = (size_t *)(void *)p;
	const char **strs = (const char **)(void *)(p + n * sizeof(size_t));
	char *q = p + n * (sizeof(size_t) + sizeof(char *));
	const char *k = NULL;

	for (size_t i = 0; i < n; i++) {
		lens[i] = len != NULL ? len[i] : strlen(s[i]);
		memcpy(q, s[i], lens[i]);
		q[lens[i]] = '\0';
		strs[i] = q;
		q += lens[i] + 1;
	}
	if (key != NULL) {
		memcpy(q, key, strlen(key) + 1);
		k = q;
	}
	out->n = n;
	out->s = strs;
	out->len = lens;
	return k;
}

int frag_put(struct request *r, const char *key, const char *const *s,
             const size_t *len, size_t n, struct frag *out)
{
	size_t data = n * (sizeof(size_t) + sizeof(char *)) + strlen(key) + 1;
	struct entry *e = NULL;
	uint64_t h;
	int ok = check(r);
	char *p;

	for (size_t i = 0; i < n; i++)
		data += (len != NULL ? len[i] : strlen(s[i])) + 1;
	if (ok && fs.st.bytes + sizeof(*e) + data <= FRAG_MAX_BYTES)
		e = malloc(sizeof(*e) + data);
	if (e != NULL) {
		e->key = layout((char *)(e + 1), key, s, len, n, &e->v);
		e->size = sizeof(*e) + data;
		e->hash = h = hash(key);
		e->next = fs.b[h % NBUCKETS];
		fs.b[h % NBUCKETS] = e;
		if (fs.st.entries == 0)
			fs.born = fs.now();
		fs.st.entries++;
		fs.st.bytes += e->size;
		fs.st.stores++;
		*out = e->v;
		return 0;
	}
	if (ok)
		fs.full = 1; /* emptied when the next request begins */
	if ((p = arena_alloc(r->arena, data)) == NULL)
		return -1;
	layout(p, NULL, s, len, n, out);
	return 0;
}
