/* The per-worker response cache: a hash table of entries on an LRU list,
 * emptied whenever the database's generation changes. See cache.h for what
 * is cacheable and why. */
#include "server/cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

#include "db/db.h"
#include "http/response.h"
#include "http/router.h"

/* Longest path?query kept; longer URLs are served uncached. */
#define KEY_MAX 2048
/* The smallest hash table (buckets, a power of two). */
#define MIN_BUCKETS 64
/* Smallest body kept compressed as well (nginx's gzip_min_length in
 * scripts/nginx.sh); below it gzip saves nothing worth a header. */
#define GZIP_MIN 512
/* zlib level of the compressed copy: made once per stored page. */
#define GZIP_LEVEL 6
/* The first header line of the compressed variant; a 304 leaves it out. */
static const char ce_gzip[] = "Content-Encoding: gzip\r\n";
#define CE_GZIP_LEN (sizeof(ce_gzip) - 1)

/* One cached response. key, content type, headers, body and the gzip
 * copy live in data[] after the struct, in one allocation. */
struct entry {
	struct entry *hnext; /* next entry in the same bucket */
	struct entry *prev;  /* LRU neighbour towards the head (newer) */
	struct entry *next;  /* LRU neighbour towards the tail (older) */
	uint64_t hash;       /* hash of the key */
	long long born;      /* clock (s) when stored */
	size_t charge;       /* bytes counted against the limit */
	size_t keylen;       /* key length */
	size_t bodylen;      /* body length */
	const char *key;     /* "path?query" (in data) */
	const char *ctype;   /* Content-Type (in data) */
	const char *headers; /* "ETag: …\r\nVary: Accept-Encoding\r\n" + the
	                        handler's extra headers */
	char *body;          /* the body, NUL-terminated (in data) */
	const char *headers_gz; /* "Content-Encoding: gzip\r\n", then as
	                           headers with etag_gz; NULL: no gzip copy */
	const char *gz;         /* the gzip copy of body (in data), or NULL */
	size_t gzlen;           /* its length */
	const char *head;       /* the CGI header block of a 200 answer with
	                           the plain body (response_headers()), a
	                           placeholder where the request id goes */
	size_t headlen;         /* its length */
	size_t head_id;         /* offset of the request id in head */
	const char *head_gz;    /* the same for the gzip copy, or NULL */
	size_t head_gzlen;      /* its length */
	size_t head_gz_id;      /* offset of the request id in head_gz */
	char etag[CACHE_ETAG_MAX];    /* "\"<16 hex>\"" */
	char etag_gz[CACHE_ETAG_MAX]; /* "\"<16 hex>-gz\"" (gzip variant) */
	char data[];                  /* the strings above */
};

struct cache {
	int enabled;            /* 0: ETag/304 only, nothing stored */
	size_t max_bytes;       /* limit on bytes */
	int ttl;                /* seconds an entry is served; 0 = always */
	struct entry **buckets; /* hash table */
	size_t nbuckets;        /* a power of two (0 before the first use) */
	struct entry *head;     /* most recently used */
	struct entry *tail;     /* least recently used */
	struct db_gen gen;      /* generation the entries were built at */
	int have_gen;           /* gen is valid */
	int pending;            /* the request in flight is cacheable */
	int pending_gen_ok;     /* gen was read for the request in flight */
	struct db *snapshot;    /* connection holding the request's read
	                           transaction, or NULL */
	int gzip_wanted;        /* the request in flight accepts gzip */
	const struct entry *served; /* the entry the request in flight was
	                               answered from with a 200, or NULL */
	int served_gz;              /* ... with its gzip copy */
	z_stream zs;                /* deflate state, kept between stores */
	int zs_ready;               /* zs is initialised */
	unsigned char *zbuf;        /* compressed output of the last store */
	size_t zcap;                /* bytes allocated at zbuf */
	long long (*now)(void);     /* clock in seconds */
	struct cache_stats st;      /* counters; bytes and entries kept here */
};

/* Seconds on the monotonic clock. */
static long long mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

struct cache *cache_new(int enabled, size_t max_bytes, int ttl)
{
	struct cache *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->enabled = enabled && max_bytes > 0;
	c->max_bytes = max_bytes;
	c->ttl = ttl > 0 ? ttl : 0;
	c->now = mono_seconds;
	return c;
}

/* Unlink e from the LRU list. */
static void lru_unlink(struct cache *c, struct entry *e)
{
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		c->head = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		c->tail = e->prev;
	e->prev = e->next = NULL;
}

/* Put e at the head of the LRU list. */
static void lru_push(struct cache *c, struct entry *e)
{
	e->prev = NULL;
	e->next = c->head;
	if (c->head != NULL)
		c->head->prev = e;
	c->head = e;
	if (c->tail == NULL)
		c->tail = e;
}

/* Remove e from the table and the list and free it. */
static void entry_drop(struct cache *c, struct entry *e)
{
	struct entry **pp = &c->buckets[e->hash & (c->nbuckets - 1)];

	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	lru_unlink(c, e);
	c->st.bytes -= e->charge;
	c->st.entries--;
	free(e);
}

void cache_clear(struct cache *c)
{
	struct entry *e, *next;

	if (c == NULL)
		return;
	for (e = c->head; e != NULL; e = next) {
		next = e->next;
		c->st.bytes -= e->charge;
		free(e);
	}
	c->head = c->tail = NULL;
	c->st.entries = 0;
	if (c->buckets != NULL)
		memset(c->buckets, 0, c->nbuckets * sizeof(*c->buckets));
}

void cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	cache_clear(c);
	free(c->buckets);
	if (c->zs_ready)
		deflateEnd(&c->zs);
	free(c->zbuf);
	free(c);
}

/* db_generation() for the cache, counted. 0 or -1. */
static int generation(struct cache *c, struct db *db, struct db_gen *out)
{
	int rc = db_generation(db, out);

	if (rc > 0)
		c->st.gen_fast++;
	else if (rc == 0)
		c->st.gen_full++;
	return rc < 0 ? -1 : 0;
}

/* FNV-1a over the key (short strings). */
static uint64_t key_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Constants and steps of the body hash (the structure of xxHash64: four
 * independent lanes of 8-byte words, so it runs at several bytes a cycle). */
#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

/* Rotate left. */
static uint64_t rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* Little-endian-agnostic 8-byte load (the hash only has to be stable on
 * one machine: ETags are compared with what this server sent). */
static uint64_t load64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* One lane step. */
static uint64_t lane(uint64_t acc, uint64_t in)
{
	acc += in * P2;
	acc = rotl64(acc, 31);
	return acc * P1;
}

/* Fold a lane into the running hash. */
static uint64_t merge(uint64_t h, uint64_t v)
{
	h ^= lane(0, v);
	return h * P1 + P4;
}

/* 64-bit hash of a body. */
static uint64_t body_hash(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	const unsigned char *end = p + len;
	uint64_t h;

	if (len >= 32) {
		uint64_t v1 = P1 + P2, v2 = P2, v3 = 0, v4 = 0 - P1;

		do {
			v1 = lane(v1, load64(p));
			v2 = lane(v2, load64(p + 8));
			v3 = lane(v3, load64(p + 16));
			v4 = lane(v4, load64(p + 24));
			p += 32;
		} while (p + 32 <= end);
		h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) +
		    rotl64(v4, 18);
		h = merge(merge(merge(merge(h, v1), v2), v3), v4);
	} else {
		h = P5;
	}
	h += (uint64_t)len;
	for (; p + 8 <= end; p += 8) {
		h ^= lane(0, load64(p));
		h = rotl64(h, 27) * P1 + P4;
	}
	for (; p < end; p++) {
		h ^= (uint64_t)(*p) * P5;
		h = rotl64(h, 11) * P1;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

void cache_etag(const char *body, size_t len, char out[CACHE_ETAG_MAX])
{
	static const char hex[] = "0123456789abcdef";
	uint64_t h = body_hash(body, len);

	out[0] = '"';
	for (int i = 0; i < 16; i++)
		out[1 + i] = hex[(h >> (60 - 4 * i)) & 0xf];
	out[17] = '"';
	out[18] = '\0';
}

/* The ETag of the gzip variant of a body whose ETag is etag: the same
 * hash with "-gz" ("\"0123456789abcdef-gz\""). zlib at a fixed level is
 * deterministic, so the compressed bytes follow from the body. */
static void etag_gz(const char *etag, char out[CACHE_ETAG_MAX])
{
	size_t n = strlen(etag);

	memcpy(out, etag, n - 1);
	memcpy(out + n - 1, "-gz\"", 5);
}

/* Length of the token at p (up to ',', ';', blanks). */
static size_t token_len(const char *p)
{
	size_t n = 0;

	while (p[n] != '\0' && p[n] != ',' && p[n] != ';' && p[n] != ' ' &&
	       p[n] != '\t')
		n++;
	return n;
}

/* The q value of the parameters at p (up to the next ','): 0 when it is
 * q=0 (0, 0., 0.0, 0.00, 0.000), else 1. */
static int q_nonzero(const char *p)
{
	while (*p != '\0' && *p != ',') {
		if (*p == ';') {
			p++;
			while (*p == ' ' || *p == '\t')
				p++;
			if ((p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
				p += 2;
				if (*p != '0')
					return 1;
				p++;
				if (*p == '.')
					p++;
				while (*p == '0')
					p++;
				return *p >= '1' && *p <= '9';
			}
			continue;
		}
		p++;
	}
	return 1;
}

int cache_accepts_gzip(const char *ae)
{
	int star = -1, gzip = -1; /* -1: not listed, else acceptable */
	const char *p = ae;

	if (ae == NULL)
		return 0;
	while (*p != '\0') {
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		n = token_len(p);
		if ((n == 4 && strncasecmp(p, "gzip", 4) == 0) ||
		    (n == 6 && strncasecmp(p, "x-gzip", 6) == 0))
			gzip = q_nonzero(p + n);
		else if (n == 1 && *p == '*')
			star = q_nonzero(p + n);
		p += n;
		while (*p != '\0' && *p != ',')
			p++;
	}
	if (gzip >= 0)
		return gzip;
	return star > 0;
}

int cache_etag_match(const char *inm, const char *etag)
{
	size_t n = strlen(etag);
	const char *p = inm;

	if (inm == NULL)
		return 0;
	while (*p != '\0') {
		const char *start;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		if (*p == '*')
			return 1;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		start = p;
		if (*p == '"') {
			p++;
			while (*p != '\0' && *p != '"')
				p++;
			if (*p == '"')
				p++;
		} else {
			while (*p != '\0' && *p != ',' && *p != ' ')
				p++;
		}
		if ((size_t)(p - start) == n && memcmp(start, etag, n) == 0)
			return 1;
		while (*p != '\0' && *p != ',')
			p++;
	}
	return 0;
}

/* Write "path?query" for r into key; its length, or 0 when too long. */
static size_t make_key(const struct request *r, char key[KEY_MAX])
{
	size_t pl = strlen(r->path);
	size_t ql = r->raw_query != NULL ? strlen(r->raw_query) : 0;
	size_t n = pl + (ql > 0 ? 1 + ql : 0);

	if (n >= KEY_MAX)
		return 0;
	memcpy(key, r->path, pl);
	if (ql > 0) {
		key[pl] = '?';
		memcpy(key + pl + 1, r->raw_query, ql);
	}
	key[n] = '\0';
	return n;
}

int cache_candidate(const struct request *r)
{
	if (r->method != M_GET && r->method != M_HEAD)
		return 0;
	if (r->path == NULL || strcmp(r->path, "/healthz") == 0)
		return 0;
	for (size_t i = 0; i < r->cookies.n; i++)
		if (strncmp(r->cookies.v[i].name, "kyodo", 5) == 0)
			return 0;
	return 1;
}

/* 1 when the response the handler built may be kept. */
static int response_cacheable(const struct request *r)
{
	const char *h = r->extra_headers;

	if (r->status != 200 || r->route == NULL || r->stream != NULL ||
	    r->route->allow != ALLOW_PUBLIC || r->user != NULL ||
	    r->set_cookie != NULL)
		return 0;
	if (h != NULL && (strcasestr(h, "set-cookie") != NULL ||
	                  strcasestr(h, "no-store") != NULL ||
	                  strcasestr(h, "private") != NULL ||
	                  strcasestr(h, "etag:") != NULL))
		return 0;
	return 1;
}

/* 1 when two generations are equal. */
static int gen_equal(const struct db_gen *a, const struct db_gen *b)
{
	return a->data_version == b->data_version &&
	       a->total_changes == b->total_changes;
}

/* The entry for key, or NULL. */
static struct entry *find(struct cache *c, const char *key, size_t n,
                          uint64_t h)
{
	struct entry *e;

	if (c->nbuckets == 0)
		return NULL;
	for (e = c->buckets[h & (c->nbuckets - 1)]; e != NULL; e = e->hnext)
		if (e->hash == h && e->keylen == n &&
		    memcmp(e->key, key, n) == 0)
			return e;
	return NULL;
}

/* Open the request's read transaction on db, unless one is open already
 * (db_snapshot_begin()). */
static void snapshot_begin(struct cache *c, struct db *db)
{
	c->snapshot = db_snapshot_begin(db) ? db : NULL;
}

/* Close the read transaction snapshot_begin() opened (db_snapshot_end():
 * which also commits anything the handler wrote). */
static void snapshot_end(struct cache *c)
{
	struct db *db = c->snapshot;

	c->snapshot = NULL;
	if (db != NULL)
		db_snapshot_end(db);
}

/* Point r's response at e: the gzip variant when the request accepts it
 * and e has one, else the plain body; 304 (without Content-Encoding) when
 * If-None-Match matches that variant's ETag. */
static void serve_entry(struct cache *c, struct request *r,
                        const struct entry *e)
{
	int gz = c->gzip_wanted && e->gz != NULL;
	const char *etag = gz ? e->etag_gz : e->etag;

	r->status = 200;
	r->extra_headers = gz ? e->headers_gz : e->headers;
	r->out.data = (char *)(gz ? e->gz : e->body);
	r->out.len = gz ? e->gzlen : e->bodylen;
	r->out.cap = 0;
	c->served = e;
	c->served_gz = gz;
	if (cache_etag_match(r->if_none_match, etag)) {
		r->status = 304;
		if (gz)
			r->extra_headers = e->headers_gz + CE_GZIP_LEN;
		c->served = NULL;
		c->st.not_modified++;
	}
}

int cache_response_headers(const struct cache *c, const struct request *r,
                           struct buf *hdr)
{
	const struct entry *e = c->served;
	const char *head, *body;
	size_t len, id;

	if (e == NULL || r->status != 200)
		return 0;
	head = c->served_gz ? e->head_gz : e->head;
	len = c->served_gz ? e->head_gzlen : e->headlen;
	id = c->served_gz ? e->head_gz_id : e->head_id;
	body = c->served_gz ? e->gz : e->body;
	/* only for the response the cache filled in, unchanged */
	if (head == NULL || r->out.data != body || r->location != NULL ||
	    strlen(r->request_id) != CACHE_REQUEST_ID_LEN)
		return 0;
	if (buf_put(hdr, head, len) < 0)
		return 0;
	memcpy(hdr->data + id, r->request_id, CACHE_REQUEST_ID_LEN);
	return 1;
}

/* Make g the generation of the entries: when it differs from the one they
 * were built at, they are all dropped. */
static void sync_gen(struct cache *c, const struct db_gen *g)
{
	if (c->have_gen && gen_equal(g, &c->gen))
		return;
	if (c->st.entries > 0) {
		cache_clear(c);
		c->st.flushes++;
	}
	c->gen = *g;
	c->have_gen = 1;
}

/* The fresh entry for key, or NULL (an expired one is dropped). */
static struct entry *find_fresh(struct cache *c, const char *key, size_t n)
{
	struct entry *e = find(c, key, n, key_hash(key, n));

	if (e != NULL && c->ttl > 0 && c->now() - e->born >= c->ttl) {
		entry_drop(c, e);
		c->st.expired++;
		e = NULL;
	}
	return e;
}

int cache_lookup(struct cache *c, struct request *r, const char *accept)
{
	char key[KEY_MAX];
	struct db_gen g;
	struct entry *e = NULL;
	size_t n = 0;

	c->pending = 0;
	c->pending_gen_ok = 0;
	c->gzip_wanted = 0;
	c->served = NULL;
	if (!cache_candidate(r))
		return 0;
	c->pending = 1;
	c->gzip_wanted = cache_accepts_gzip(accept);
	if (c->enabled)
		n = make_key(r, key);
	/* A hit needs no transaction of its own: one read of the generation
	 * (a read transaction just for that statement) tells whether the
	 * entry still shows the database as it is. */
	if (n > 0 && c->st.entries > 0 && generation(c, r->db, &g) == 0) {
		sync_gen(c, &g);
		e = find_fresh(c, key, n);
	}
	if (e != NULL) {
		c->pending = 0;
		lru_unlink(c, e);
		lru_push(c, e);
		c->st.hits++;
		r->content_type_out = e->ctype;
		serve_entry(c, r, e);
		return 1;
	}
	/* A miss: the handler runs in one read transaction, and the
	 * generation the page is stored under is read inside it. */
	snapshot_begin(c, r->db);
	if (!c->enabled)
		return 0;
	if (generation(c, r->db, &g) < 0)
		return 0;
	c->pending_gen_ok = 1;
	sync_gen(c, &g);
	if (n > 0)
		c->st.misses++;
	return 0;
}

/* Double the hash table (or create it). 0 or -1. */
static int grow(struct cache *c)
{
	size_t nb = c->nbuckets ? c->nbuckets * 2 : MIN_BUCKETS;
	struct entry **b = calloc(nb, sizeof(*b));

	if (b == NULL)
		return -1;
	for (size_t i = 0; i < c->nbuckets; i++) {
		struct entry *e = c->buckets[i], *next;

		for (; e != NULL; e = next) {
			next = e->hnext;
			e->hnext = b[e->hash & (nb - 1)];
			b[e->hash & (nb - 1)] = e;
		}
	}
	c->st.bytes += (nb - c->nbuckets) * sizeof(*b);
	free(c->buckets);
	c->buckets = b;
	c->nbuckets = nb;
	return 0;
}

/* 1 when a body of content type ctype is worth compressing: text, and the
 * structured text types (the list of gzip_types in scripts/nginx.sh). */
static int compressible(const char *ctype)
{
	static const char *const types[] = {
	    "text/",
	    "application/json",
	    "application/javascript",
	    "application/atom+xml",
	    "application/xml",
	    "image/svg+xml",
	};

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strncasecmp(ctype, types[i], strlen(types[i])) == 0)
			return 1;
	return 0;
}

/* Compress len bytes at body into c->zbuf (gzip format, GZIP_LEVEL); the
 * compressed length, or 0 when zlib fails, memory runs out or the result
 * is not smaller than the body. The deflate state is made once and reset
 * for every store. */
static size_t gzip_body(struct cache *c, const char *body, size_t len)
{
	size_t bound;

	if (len > 0x7fffffffUL)
		return 0;
	if (!c->zs_ready) {
		memset(&c->zs, 0, sizeof(c->zs));
		if (deflateInit2(&c->zs, GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8,
		                 Z_DEFAULT_STRATEGY) != Z_OK)
			return 0;
		c->zs_ready = 1;
	} else if (deflateReset(&c->zs) != Z_OK) {
		return 0;
	}
	bound = deflateBound(&c->zs, (uLong)len);
	if (bound > c->zcap) {
		unsigned char *nb = realloc(c->zbuf, bound);

		if (nb == NULL)
			return 0;
		c->zbuf = nb;
		c->zcap = bound;
	}
	c->zs.next_in = (Bytef *)body;
	c->zs.avail_in = (uInt)len;
	c->zs.next_out = c->zbuf;
	c->zs.avail_out = (uInt)bound;
	if (deflate(&c->zs, Z_FINISH) != Z_STREAM_END)
		return 0;
	return c->zs.total_out < len ? (size_t)c->zs.total_out : 0;
}

/* The CGI header block of a 200 answer of len bytes of content type ctype
 * with the extra headers hdr, as response_headers() writes it, into out;
 * *id_at: where the request id goes. 0 or -1 (out of memory). */
static int make_head(struct buf *out, const char *ctype, const char *hdr,
                     size_t len, size_t *id_at)
{
	struct request t;

	memset(&t, 0, sizeof(t));
	t.status = 200;
	t.content_type_out = ctype;
	t.extra_headers = hdr;
	t.out.len = len;
	memset(t.request_id, '0', CACHE_REQUEST_ID_LEN);
	t.request_id[CACHE_REQUEST_ID_LEN] = '\0';
	return response_headers_at(&t, out, id_at);
}

/* Copy the response of r (its headers hdr: ETag, Vary and the handler's)
 * into a new entry under key, with a gzip copy of the body when that is
 * worth it, and the header block of each variant's 200 answer. The entry,
 * or NULL when it was not stored. */
static struct entry *insert(struct cache *c, const struct request *r,
                            const char *key, size_t keylen, const char *hdr,
                            const char *etag)
{
	const char *ctype = r->content_type_out ? r->content_type_out
	                                        : "text/html; charset=utf-8";
	size_t cl = strlen(ctype), hl = strlen(hdr);
	size_t need = keylen + 1 + cl + 1 + hl + 1 + r->out.len + 1;
	size_t charge = sizeof(struct entry) + need, gzlen = 0;
	size_t head_id = 0, head_gz_id = 0;
	uint64_t h = key_hash(key, keylen);
	char gzetag[CACHE_ETAG_MAX];
	const char *gzhdr = NULL;
	struct buf head = {0}, head_gz = {0};
	struct entry *e = NULL, *old;
	char *p;

	if (charge > c->max_bytes / 4)
		return NULL;
	if (make_head(&head, ctype, hdr, r->out.len, &head_id) < 0)
		goto out;
	charge += head.len;
	if (r->out.len >= GZIP_MIN && compressible(ctype))
		gzlen = gzip_body(c, r->out.data, r->out.len);
	if (gzlen > 0) {
		etag_gz(etag, gzetag);
		/* "Content-Encoding: gzip\r\n" "ETag: " tag "\r\n" + the rest
		 * of hdr after its own ETag line */
		gzhdr = arena_printf(r->arena, "%sETag: %s\r\n%s", ce_gzip,
		                     gzetag, hdr + 6 + strlen(etag) + 2);
		if (gzhdr == NULL ||
		    make_head(&head_gz, ctype, gzhdr, gzlen, &head_gz_id) < 0 ||
		    charge + strlen(gzhdr) + 1 + gzlen + head_gz.len >
		        c->max_bytes / 4)
			gzlen = 0; /* the plain page alone, then */
		else
			charge += strlen(gzhdr) + 1 + gzlen + head_gz.len;
	}
	if ((c->nbuckets == 0 || c->st.entries >= c->nbuckets) && grow(c) < 0)
		goto out;
	old = find(c, key, keylen, h);
	if (old != NULL)
		entry_drop(c, old);
	while (c->tail != NULL && c->st.bytes + charge > c->max_bytes) {
		entry_drop(c, c->tail);
		c->st.evictions++;
	}
	if (c->st.bytes + charge > c->max_bytes)
		goto out;
	e = malloc(charge);
	if (e == NULL)
		goto out;
	p = e->data;
	memcpy(p, key, keylen);
	p[keylen] = '\0';
	e->key = p;
	p += keylen + 1;
	memcpy(p, ctype, cl + 1);
	e->ctype = p;
	p += cl + 1;
	memcpy(p, hdr, hl + 1);
	e->headers = p;
	p += hl + 1;
	if (r->out.len > 0)
		memcpy(p, r->out.data, r->out.len);
	p[r->out.len] = '\0';
	e->body = p;
	p += r->out.len + 1;
	e->bodylen = r->out.len;
	memcpy(p, head.data, head.len);
	e->head = p;
	e->headlen = head.len;
	e->head_id = head_id;
	p += head.len;
	e->headers_gz = NULL;
	e->gz = NULL;
	e->gzlen = 0;
	e->head_gz = NULL;
	e->head_gzlen = 0;
	e->head_gz_id = 0;
	memcpy(e->etag, etag, strlen(etag) + 1);
	if (gzlen > 0) {
		size_t gzhl = strlen(gzhdr);

		memcpy(p, gzhdr, gzhl + 1);
		e->headers_gz = p;
		p += gzhl + 1;
		memcpy(p, c->zbuf, gzlen);
		e->gz = p;
		e->gzlen = gzlen;
		p += gzlen;
		memcpy(p, head_gz.data, head_gz.len);
		e->head_gz = p;
		e->head_gzlen = head_gz.len;
		e->head_gz_id = head_gz_id;
		memcpy(e->etag_gz, gzetag, strlen(gzetag) + 1);
	}
	e->keylen = keylen;
	e->hash = h;
	e->charge = charge;
	e->born = c->now();
	e->hnext = c->buckets[h & (c->nbuckets - 1)];
	c->buckets[h & (c->nbuckets - 1)] = e;
	lru_push(c, e);
	c->st.bytes += charge;
	c->st.entries++;
	c->st.stores++;
out:
	buf_free(&head);
	buf_free(&head_gz);
	return e;
}

/* ETag, Vary, 304 and (cache enabled, database unchanged) a copy of r's
 * cacheable response; when the copy has a gzip variant and the request
 * accepts it, r is answered with that variant. 1 when r->out now borrows
 * the cache's memory (its own buffer was freed). */
static int keep(struct cache *c, struct request *r)
{
	char etag[CACHE_ETAG_MAX], key[KEY_MAX];
	const char *hdr;
	struct db_gen g;
	struct entry *e = NULL;
	size_t n;

	cache_etag(r->out.data != NULL ? r->out.data : "", r->out.len, etag);
	hdr = arena_printf(r->arena, "ETag: %s\r\nVary: Accept-Encoding\r\n%s",
	                   etag, r->extra_headers ? r->extra_headers : "");
	if (hdr == NULL)
		return 0;
	r->extra_headers = hdr;
	if (c->enabled && c->pending_gen_ok && generation(c, r->db, &g) == 0 &&
	    gen_equal(&g, &c->gen)) {
		n = make_key(r, key);
		if (n > 0)
			e = insert(c, r, key, n, hdr, etag);
	}
	if (e != NULL && c->gzip_wanted && e->gz != NULL) {
		buf_free(&r->out);
		serve_entry(c, r, e);
		return 1;
	}
	if (cache_etag_match(r->if_none_match, etag)) {
		r->status = 304;
		c->st.not_modified++;
	}
	return 0;
}

int cache_store(struct cache *c, struct request *r)
{
	int borrowed = 0;

	if (!c->pending)
		return 0;
	c->pending = 0;
	if (response_cacheable(r))
		borrowed = keep(c, r);
	snapshot_end(c);
	return borrowed;
}

void cache_get_stats(const struct cache *c, struct cache_stats *out)
{
	*out = c->st;
}

void cache_set_clock(struct cache *c, long long (*now)(void))
{
	c->now = now != NULL ? now : mono_seconds;
}
