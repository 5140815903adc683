/* Response cache (src/server/cache.c): hit, miss, invalidation when this or
 * another connection changes the database, the byte bound and LRU order,
 * the TTL, what is never cached (session cookie, POST, /healthz, non-200,
 * staff routes, Set-Cookie/no-store), and ETag / If-None-Match → 304.
 * And how a response leaves the worker: the FastCGI record writer
 * (src/server/records.c) read back off a socket. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "db/db.h"
#include "http/response.h"
#include "http/router.h"
#include "server/cache.h"
#include "server/records.h"

/* A throw-away database file (data_version needs two connections to one
 * file) and a second connection standing in for another worker. */
struct fixture {
	char path[64];   /* database file */
	struct db *db;   /* "this worker" */
	struct db *peer; /* "another worker" */
	struct arena a;  /* request memory */
};

static enum hstatus h_page(struct request *r)
{
	(void)r;
	return HS_OK;
}

static const struct route public_route = {M_GET, "/projects", h_page,
                                          ALLOW_PUBLIC, TX_READ};
static const struct route staff_route = {M_GET, "/staff", h_page, ALLOW_STAFF,
                                         TX_READ};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	snprintf(f->path, sizeof(f->path), "/tmp/kyodo-test-cache-%d.db",
	         (int)getpid());
	unlink(f->path);
	f->db = db_open(f->path, NULL, 1);
	assert_non_null(f->db);
	assert_int_equal(sqlite3_exec(f->db->h,
	                              "CREATE TABLE t (x INTEGER) STRICT", NULL,
	                              NULL, NULL),
	                 SQLITE_OK);
	f->peer = db_open(f->path, NULL, 0);
	assert_non_null(f->peer);
	arena_init(&f->a, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char wal[80], shm[80];

	db_close(f->peer);
	db_close(f->db);
	arena_free(&f->a);
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	snprintf(shm, sizeof(shm), "%s-shm", f->path);
	unlink(f->path);
	unlink(wal);
	unlink(shm);
	free(f);
	return 0;
}

/* A decoded anonymous GET of path?query. */
static void req_init(struct fixture *f, struct request *r, const char *path,
                     const char *query)
{
	memset(r, 0, sizeof(*r));
	r->arena = &f->a;
	r->db = f->db;
	r->method = M_GET;
	r->method_name = "GET";
	r->path = path;
	r->raw_query = query;
	r->status = 200;
}

/* Run one request the way worker.c does: lookup, else "dispatch" (the body
 * given) and store. Returns 1 on a hit. The response is left in r; the
 * caller frees r->out when it was not a hit. */
static int serve(struct cache *c, struct request *r, const struct route *route,
                 int status, const char *body)
{
	if (cache_lookup(c, r, NULL))
		return 1;
	r->route = route;
	r->status = status;
	r->content_type_out = "text/html; charset=utf-8";
	buf_puts(&r->out, body);
	cache_store(c, r);
	return 0;
}

/* Serve path?query with body; returns 1 on a hit; frees what it must. */
static int get(struct fixture *f, struct cache *c, const char *path,
               const char *query, const char *body)
{
	struct request r;
	int hit;

	req_init(f, &r, path, query);
	hit = serve(c, &r, &public_route, 200, body);
	if (hit)
		assert_string_equal(r.out.data, body);
	else
		buf_free(&r.out);
	return hit;
}

static void test_hit_and_miss(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(1, 1 << 20, 0);
	struct cache_stats st;
	struct request r;

	assert_int_equal(get(f, c, "/projects", "", "list"), 0);
	/* The same URL again: served from the cache, same body and type. */
	req_init(f, &r, "/projects", "");
	assert_int_equal(serve(c, &r, &public_route, 200, "other"), 1);
	assert_string_equal(r.out.data, "list");
	assert_int_equal(r.out.len, 4);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type_out, "text/html; charset=utf-8");
	assert_non_null(strstr(r.extra_headers, "ETag: \""));
	/* Another query is another page. */
	assert_int_equal(get(f, c, "/projects", "page=2", "p2"), 0);
	assert_int_equal(get(f, c, "/projects", "page=2", "p2"), 1);
	assert_int_equal(get(f, c, "/projects", "page=3", "p3"), 0);
	/* HEAD shares the GET entry. */
	req_init(f, &r, "/projects", "page=2");
	r.method = M_HEAD;
	assert_int_equal(serve(c, &r, &public_route, 200, "x"), 1);
	cache_get_stats(c, &st);
	assert_int_equal(st.hits, 3);
	assert_int_equal(st.misses, 3);
	assert_int_equal(st.stores, 3);
	assert_int_equal(st.entries, 3);
	cache_free(c);
}

static void test_invalidation(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(1, 1 << 20, 0);
	struct cache_stats st;

	assert_int_equal(get(f, c, "/", "", "v1"), 0);
	assert_int_equal(get(f, c, "/", "", "v1"), 1);
	/* A write by this connection (total_changes). */
	assert_int_equal(sqlite3_exec(f->db->h, "INSERT INTO t VALUES (1)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(get(f, c, "/", "", "v2"), 0);
	assert_int_equal(get(f, c, "/", "", "v2"), 1);
	/* A commit by another connection (data_version). */
	assert_int_equal(sqlite3_exec(f->peer->h, "INSERT INTO t VALUES (2)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(get(f, c, "/", "", "v3"), 0);
	assert_int_equal(get(f, c, "/", "", "v3"), 1);
	/* A statement that changes nothing leaves the cache alone. */
	assert_int_equal(sqlite3_exec(f->peer->h, "DELETE FROM t WHERE x = 99",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(get(f, c, "/", "", "v3"), 1);
	cache_get_stats(c, &st);
	assert_int_equal(st.flushes, 2);
	cache_free(c);
}

/* A handler that writes while it runs: the page it built is not stored. */
static void test_change_during_request(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(1, 1 << 20, 0);
	struct request r;

	req_init(f, &r, "/", "");
	assert_int_equal(cache_lookup(c, &r, NULL), 0);
	assert_int_equal(sqlite3_exec(f->peer->h, "INSERT INTO t VALUES (3)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	r.route = &public_route;
	buf_puts(&r.out, "built while the data changed");
	cache_store(c, &r);
	buf_free(&r.out);
	assert_int_equal(get(f, c, "/", "", "fresh"), 0);
	assert_int_equal(get(f, c, "/", "", "fresh"), 1);
	cache_free(c);
}

/* The request's read transaction: one snapshot for the whole handler,
 * closed afterwards (also when the handler left a statement running), and
 * none for requests that are not cacheable. */
static void test_snapshot(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(0, 1 << 20, 0);
	sqlite3_stmt *count, *rows;
	struct request r;

	assert_int_equal(sqlite3_prepare_v2(f->db->h, "SELECT count(*) FROM t",
	                                    -1, &count, NULL),
	                 SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(f->db->h, "SELECT x FROM t", -1, &rows, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_exec(f->db->h, "INSERT INTO t VALUES (1), (2)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	req_init(f, &r, "/", "");
	assert_int_equal(cache_lookup(c, &r, NULL), 0);
	assert_int_equal(sqlite3_get_autocommit(f->db->h), 0);
	/* "handler": reads, another worker commits, reads again */
	assert_int_equal(sqlite3_step(count), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(count, 0), 2);
	sqlite3_reset(count);
	assert_int_equal(sqlite3_exec(f->peer->h, "INSERT INTO t VALUES (3)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(count), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(count, 0), 2); /* same snapshot */
	sqlite3_reset(count);
	assert_int_equal(sqlite3_step(rows), SQLITE_ROW); /* left running */
	r.route = &public_route;
	buf_puts(&r.out, "page");
	cache_store(c, &r);
	buf_free(&r.out);
	assert_int_equal(sqlite3_get_autocommit(f->db->h), 1);
	assert_int_equal(sqlite3_stmt_busy(rows), 0);
	/* the next request sees the commit */
	assert_int_equal(sqlite3_step(count), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(count, 0), 3);
	sqlite3_reset(count);
	/* a hit closes its transaction too */
	cache_free(c);
	c = cache_new(1, 1 << 20, 0);
	assert_int_equal(get(f, c, "/", "", "a"), 0);
	assert_int_equal(get(f, c, "/", "", "a"), 1);
	assert_int_equal(sqlite3_get_autocommit(f->db->h), 1);
	/* not cacheable: no transaction */
	req_init(f, &r, "/", "");
	r.method = M_POST;
	assert_int_equal(cache_lookup(c, &r, NULL), 0);
	assert_int_equal(sqlite3_get_autocommit(f->db->h), 1);
	cache_store(c, &r);
	sqlite3_finalize(count);
	sqlite3_finalize(rows);
	cache_free(c);
}

static void test_eviction_bound(void **state)
{
	struct fixture *f = *state;
	size_t limit = 64 * 1024;
	struct cache *c = cache_new(1, limit, 0);
	struct cache_stats st;
	char body[4001], q[32];

	memset(body, 'x', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	for (int i = 0; i < 100; i++) {
		snprintf(q, sizeof(q), "page=%d", i);
		assert_int_equal(get(f, c, "/projects", q, body), 0);
		/* keep page=0 in use: least recently used goes first */
		assert_int_equal(get(f, c, "/projects", "page=0", body), 1);
		cache_get_stats(c, &st);
		assert_true(st.bytes <= limit);
	}
	cache_get_stats(c, &st);
	assert_true(st.evictions > 0);
	assert_true(st.entries > 5 && st.entries < 16);
	assert_int_equal(get(f, c, "/projects", "page=0", body), 1);
	assert_int_equal(get(f, c, "/projects", "page=99", body), 1);
	assert_int_equal(get(f, c, "/projects", "page=1", body), 0);
	/* A body over a quarter of the cache is served, never stored. */
	{
		char *big = malloc(limit / 2);

		memset(big, 'y', limit / 2 - 1);
		big[limit / 2 - 1] = '\0';
		assert_int_equal(get(f, c, "/big", "", big), 0);
		assert_int_equal(get(f, c, "/big", "", big), 0);
		free(big);
	}
	cache_free(c);
}

static long long fake_now;
static long long fake_clock(void)
{
	return fake_now;
}

static void test_ttl(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(1, 1 << 20, 60);

	cache_set_clock(c, fake_clock);
	fake_now = 1000;
	assert_int_equal(get(f, c, "/", "", "a"), 0);
	fake_now = 1059;
	assert_int_equal(get(f, c, "/", "", "a"), 1);
	fake_now = 1060;
	assert_int_equal(get(f, c, "/", "", "b"), 0);
	assert_int_equal(get(f, c, "/", "", "b"), 1);
	cache_free(c);
}

/* Serve twice with a request changed by tweak; 1 if the second was a hit. */
static int cached_twice(struct fixture *f, struct cache *c,
                        void (*tweak)(struct request *),
                        const struct route *route, int status,
                        const char *extra)
{
	int hit = 0;

	for (int i = 0; i < 2; i++) {
		struct request r;

		req_init(f, &r, "/x", "");
		tweak(&r);
		if (cache_lookup(c, &r, NULL)) {
			hit = 1;
			continue;
		}
		r.route = route;
		r.status = status;
		r.extra_headers = extra;
		buf_puts(&r.out, "body");
		cache_store(c, &r);
		buf_free(&r.out);
	}
	cache_clear(c);
	return hit;
}

static void no_tweak(struct request *r)
{
	(void)r;
}

static void with_session(struct request *r)
{
	static struct kv ck[] = {{"theme", "dark"},
	                         {"kyodo_session", "abcdef"}};

	r->cookies.v = ck;
	r->cookies.n = 2;
}

static void with_other_cookie(struct request *r)
{
	static struct kv ck[] = {{"theme", "dark"}};

	r->cookies.v = ck;
	r->cookies.n = 1;
}

static void as_post(struct request *r)
{
	r->method = M_POST;
	r->method_name = "POST";
}

static void as_healthz(struct request *r)
{
	r->path = "/healthz";
}

static void test_never_cached(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(1, 1 << 20, 0);

	assert_int_equal(cached_twice(f, c, no_tweak, &public_route, 200, NULL),
	                 1);
	assert_int_equal(
	    cached_twice(f, c, with_other_cookie, &public_route, 200, NULL), 1);
	assert_int_equal(
	    cached_twice(f, c, with_session, &public_route, 200, NULL), 0);
	assert_int_equal(cached_twice(f, c, as_post, &public_route, 200, NULL),
	                 0);
	assert_int_equal(
	    cached_twice(f, c, as_healthz, &public_route, 200, NULL), 0);
	assert_int_equal(cached_twice(f, c, no_tweak, &public_route, 404, NULL),
	                 0);
	assert_int_equal(cached_twice(f, c, no_tweak, &staff_route, 200, NULL),
	                 0);
	assert_int_equal(cached_twice(f, c, no_tweak, NULL, 200, NULL), 0);
	assert_int_equal(cached_twice(f, c, no_tweak, &public_route, 200,
	                              "Set-Cookie: a=b\r\n"),
	                 0);
	assert_int_equal(cached_twice(f, c, no_tweak, &public_route, 200,
	                              "Cache-Control: no-store\r\n"),
	                 0);
	assert_int_equal(cached_twice(f, c, no_tweak, &public_route, 200,
	                              "Cache-Control: private\r\n"),
	                 0);
	/* A cookie the handler set (r->set_cookie, e.g. kyodo_csrf for a
	 * form), even before the dispatcher moved it into the headers. */
	for (int i = 0; i < 2; i++) {
		struct request r;

		req_init(f, &r, "/login", "");
		assert_int_equal(cache_lookup(c, &r, NULL), 0);
		r.route = &public_route;
		r.set_cookie = "Set-Cookie: kyodo_csrf=abc; Path=/\r\n";
		buf_puts(&r.out, "form with token abc");
		cache_store(c, &r);
		buf_free(&r.out);
	}
	/* A handler's own headers are kept and served on a hit. */
	assert_int_equal(cached_twice(f, c, no_tweak, &public_route, 200,
	                              "Content-Disposition: attachment\r\n"),
	                 1);
	cache_free(c);
}

/* Disabled: nothing stored, ETag and 304 still work. */
static void test_disabled(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(0, 1 << 20, 0);
	struct cache_stats st;

	assert_int_equal(get(f, c, "/", "", "a"), 0);
	assert_int_equal(get(f, c, "/", "", "a"), 0);
	cache_get_stats(c, &st);
	assert_int_equal(st.entries, 0);
	assert_int_equal(st.hits + st.misses, 0);
	cache_free(c);
}

static void test_etag_304(void **state)
{
	struct fixture *f = *state;
	struct cache *c;
	struct request r;
	char etag[CACHE_ETAG_MAX], other[CACHE_ETAG_MAX], inm[64];

	for (int enabled = 0; enabled <= 1; enabled++) {
		c = cache_new(enabled, 1 << 20, 0);
		cache_etag("page", 4, etag);
		req_init(f, &r, "/p", "");
		assert_int_equal(serve(c, &r, &public_route, 200, "page"), 0);
		assert_int_equal(r.status, 200);
		assert_non_null(strstr(r.extra_headers, etag));
		buf_free(&r.out);
		/* Revalidation, weak form, in a list: 304 (hit or not). */
		snprintf(inm, sizeof(inm), "\"zzz\", W/%s", etag);
		req_init(f, &r, "/p", "");
		r.if_none_match = inm;
		if (!serve(c, &r, &public_route, 200, "page"))
			buf_free(&r.out);
		assert_int_equal(r.status, 304);
		/* A stale tag: the page again. */
		cache_etag("old page", 8, other);
		req_init(f, &r, "/p", "");
		r.if_none_match = other;
		if (!serve(c, &r, &public_route, 200, "page"))
			buf_free(&r.out);
		assert_int_equal(r.status, 200);
		/* Not for a non-cacheable response. */
		req_init(f, &r, "/p", "");
		r.method = M_POST;
		r.if_none_match = "*";
		assert_int_equal(serve(c, &r, &public_route, 200, "page"), 0);
		buf_free(&r.out);
		assert_int_equal(r.status, 200);
		cache_free(c);
	}
}

static void test_etag_match(void **state)
{
	const char *t = "\"0123456789abcdef\"";
	char a[CACHE_ETAG_MAX], b[CACHE_ETAG_MAX];

	(void)state;
	assert_true(cache_etag_match(t, t));
	assert_true(cache_etag_match("W/\"0123456789abcdef\"", t));
	assert_true(cache_etag_match("\"x\",\"0123456789abcdef\"", t));
	assert_true(cache_etag_match("\"x\" , W/\"0123456789abcdef\"", t));
	assert_true(cache_etag_match("*", t));
	assert_false(cache_etag_match(NULL, t));
	assert_false(cache_etag_match("", t));
	assert_false(cache_etag_match("\"0123456789abcdee\"", t));
	assert_false(cache_etag_match("\"0123456789abcdef", t));
	assert_false(cache_etag_match("0123456789abcdef", t));
	/* The hash: stable, sensitive to every byte, to length. */
	cache_etag("", 0, a);
	assert_int_equal(strlen(a), 18);
	for (size_t n = 1; n < 100; n++) {
		char buf[100];

		memset(buf, 'a', n);
		cache_etag(buf, n, a);
		cache_etag(buf, n, b);
		assert_string_equal(a, b);
		buf[n / 2] = 'b';
		cache_etag(buf, n, b);
		assert_string_not_equal(a, b);
		cache_etag(buf, n - 1, b);
		assert_string_not_equal(a, b);
	}
}

/* ------------------------------------------------------------- gzip ---- */

static void test_accepts_gzip(void **state)
{
	static const char *const yes[] = {
	    "gzip",
	    "gzip, deflate, br",
	    "deflate, gzip;q=0.5",
	    "GZIP",
	    "br;q=1.0, gzip;q=0.8, *;q=0.1",
	    "x-gzip",
	    "*",
	    "identity, *;q=0.5",
	    "gzip;q=1",
	    "gzip; q=0.001",
	    " , gzip",
	};
	static const char *const no[] = {
	    "",           "identity",     "deflate, br", "gzip;q=0",
	    "gzip;q=0.0", "gzip;q=0.000", "*;q=0",       "gzip;q=0, *",
	    "gzipx",      "xgzip",        "br, zstd",
	};

	(void)state;
	assert_false(cache_accepts_gzip(NULL));
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!cache_accepts_gzip(yes[i]))
			fail_msg("'%s' should take gzip", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (cache_accepts_gzip(no[i]))
			fail_msg("'%s' should not take gzip", no[i]);
}

/* The value of header name in a "Name: value\r\n" block ("" if absent;
 * static memory). */
static const char *hval(const char *block, const char *name)
{
	static char v[128];
	size_t n = strlen(name);
	const char *p = block;

	v[0] = '\0';
	while (p != NULL && *p != '\0') {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *e = strstr(p, "\r\n");

			p += n + 1;
			while (*p == ' ')
				p++;
			snprintf(v, sizeof(v), "%.*s", (int)(e - p), p);
			return v;
		}
		p = strstr(p, "\r\n");
		if (p != NULL)
			p += 2;
	}
	return v;
}

/* gunzip len bytes at z; the result in out (malloc'd), its length. */
static size_t gunzip(const char *z, size_t len, char **out)
{
	z_stream zs = {0};
	size_t cap = 1 << 20;
	char *b = malloc(cap);

	assert_non_null(b);
	assert_int_equal(inflateInit2(&zs, 15 + 16), Z_OK);
	zs.next_in = (Bytef *)z;
	zs.avail_in = (uInt)len;
	zs.next_out = (Bytef *)b;
	zs.avail_out = (uInt)cap;
	assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
	assert_int_equal(zs.avail_in, 0);
	inflateEnd(&zs);
	*out = b;
	return zs.total_out;
}

/* One request for /p: accept = Accept-Encoding (or NULL), inm =
 * If-None-Match (or NULL); the page, when it must be made, is body with
 * content type ctype. Returns 1 when r->out borrows cache memory; the
 * caller frees r->out otherwise. */
static int ask(struct fixture *f, struct cache *c, struct request *r,
               const char *accept, const char *inm, const char *ctype,
               const char *body)
{
	req_init(f, r, "/p", "");
	r->if_none_match = inm;
	if (cache_lookup(c, r, accept))
		return 1;
	r->route = &public_route;
	r->content_type_out = ctype;
	buf_puts(&r->out, body);
	return cache_store(c, r);
}

/* The gzip copy: made once when stored, served (hit or miss) to requests
 * that take gzip with Content-Encoding, its own strong ETag and Vary; the
 * plain page with Vary to the others; 304 for both ETags, without
 * Content-Encoding; it decompresses to the plain page; counted against
 * the size limit; none for small pages, images, or a disabled cache. */
static void test_gzip_variant(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(1, 1 << 20, 0);
	const char *html = "text/html; charset=utf-8";
	struct buf page = {0};
	struct cache_stats st;
	struct request r;
	char plain[CACHE_ETAG_MAX], gz[CACHE_ETAG_MAX], want[CACHE_ETAG_MAX];
	char *un;
	size_t n;

	for (int i = 0; i < 400; i++)
		buf_printf(
		    &page,
		    "<li><a href=\"/projects/%d\">協働事業 %d</a></li>\n", i,
		    i * 7);
	/* A miss that takes gzip: stored, and answered compressed. */
	assert_int_equal(
	    ask(f, c, &r, "gzip, deflate, br", NULL, html, page.data), 1);
	assert_int_equal(r.status, 200);
	assert_string_equal(hval(r.extra_headers, "Content-Encoding"), "gzip");
	assert_string_equal(hval(r.extra_headers, "Vary"), "Accept-Encoding");
	snprintf(gz, sizeof(gz), "%s", hval(r.extra_headers, "ETag"));
	assert_int_equal(strlen(gz), 21);
	assert_memory_equal(gz + 17, "-gz\"", 4);
	assert_true(r.out.len < page.len / 3);
	n = gunzip(r.out.data, r.out.len, &un);
	assert_int_equal(n, page.len);
	assert_memory_equal(un, page.data, n);
	free(un);
	/* A hit without gzip: the plain page, its own ETag, Vary. */
	assert_int_equal(ask(f, c, &r, NULL, NULL, html, "other"), 1);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.out.len, page.len);
	assert_memory_equal(r.out.data, page.data, page.len);
	assert_string_equal(hval(r.extra_headers, "Content-Encoding"), "");
	assert_string_equal(hval(r.extra_headers, "Vary"), "Accept-Encoding");
	snprintf(plain, sizeof(plain), "%s", hval(r.extra_headers, "ETag"));
	cache_etag(page.data, page.len, want);
	assert_string_equal(plain, want);
	assert_memory_equal(plain, gz, 17); /* same hash, distinct tags */
	assert_string_not_equal(plain, gz);
	/* A hit with gzip: the same compressed bytes. */
	assert_int_equal(ask(f, c, &r, "gzip", NULL, html, "other"), 1);
	assert_string_equal(hval(r.extra_headers, "ETag"), gz);
	n = gunzip(r.out.data, r.out.len, &un);
	assert_memory_equal(un, page.data, page.len);
	free(un);
	/* 304 for each variant's own ETag, with Vary, no Content-Encoding. */
	assert_int_equal(ask(f, c, &r, "gzip", gz, html, "other"), 1);
	assert_int_equal(r.status, 304);
	assert_string_equal(hval(r.extra_headers, "ETag"), gz);
	assert_string_equal(hval(r.extra_headers, "Vary"), "Accept-Encoding");
	assert_string_equal(hval(r.extra_headers, "Content-Encoding"), "");
	assert_int_equal(ask(f, c, &r, "identity", plain, html, "other"), 1);
	assert_int_equal(r.status, 304);
	assert_string_equal(hval(r.extra_headers, "ETag"), plain);
	/* The other variant's ETag does not match: the full page. */
	assert_int_equal(ask(f, c, &r, "gzip", plain, html, "other"), 1);
	assert_int_equal(r.status, 200);
	assert_string_equal(hval(r.extra_headers, "Content-Encoding"), "gzip");
	assert_int_equal(ask(f, c, &r, NULL, gz, html, "other"), 1);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.out.len, page.len);
	/* The copy is counted. */
	cache_get_stats(c, &st);
	assert_int_equal(st.entries, 1);
	assert_true(st.bytes > page.len + 21 + 50);
	/* Not worth it: a small page, an image; and a disabled cache. */
	cache_clear(c);
	assert_int_equal(ask(f, c, &r, "gzip", NULL, html, "<p>short</p>"), 0);
	buf_free(&r.out);
	assert_int_equal(ask(f, c, &r, "gzip", NULL, html, "other"), 1);
	assert_string_equal(r.out.data, "<p>short</p>");
	assert_string_equal(hval(r.extra_headers, "Content-Encoding"), "");
	assert_string_equal(hval(r.extra_headers, "Vary"), "Accept-Encoding");
	cache_clear(c);
	assert_int_equal(ask(f, c, &r, "gzip", NULL, "image/png", page.data),
	                 0);
	buf_free(&r.out);
	assert_int_equal(ask(f, c, &r, "gzip", NULL, html, "other"), 1);
	assert_string_equal(hval(r.extra_headers, "Content-Encoding"), "");
	assert_int_equal(r.out.len, page.len);
	cache_free(c);
	c = cache_new(0, 1 << 20, 0);
	assert_int_equal(ask(f, c, &r, "gzip", NULL, html, page.data), 0);
	assert_string_equal(hval(r.extra_headers, "Content-Encoding"), "");
	assert_string_equal(hval(r.extra_headers, "Vary"), "Accept-Encoding");
	assert_int_equal(r.out.len, page.len);
	buf_free(&r.out);
	cache_free(c);
	buf_free(&page);
}

/* ---------------------------------------------------------- records ---- */

/* What a FastCGI peer (nginx) reads back. */
struct parsed {
	unsigned char *stdout_bytes; /* the FCGI_STDOUT stream, concatenated */
	size_t stdout_len;           /* its length */
	int records;                 /* non-empty FCGI_STDOUT records */
	int ended;                   /* empty FCGI_STDOUT record seen */
	int end_request;             /* FCGI_END_REQUEST seen (after it) */
	long app_status;             /* its appStatus */
};

/* Parse a byte stream of records for request id; fails the test on any
 * protocol error: version, id, record length, padding, order, trailing
 * bytes. */
static void parse_records(const unsigned char *b, size_t n, int id,
                          struct parsed *out)
{
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	out->stdout_bytes = malloc(n + 1);
	assert_non_null(out->stdout_bytes);
	while (i < n) {
		size_t clen, plen;

		assert_true(n - i >= 8);
		assert_int_equal(b[i], 1);
		assert_int_equal((b[i + 2] << 8) | b[i + 3], id);
		clen = (size_t)((b[i + 4] << 8) | b[i + 5]);
		plen = b[i + 6];
		assert_true(clen <= 65535);
		assert_int_equal((clen + plen) % 8,
		                 0); /* libfcgi's alignment */
		assert_true(n - i >= 8 + clen + plen);
		assert_false(out->end_request); /* nothing after END_REQUEST */
		if (b[i + 1] == 6) {
			assert_false(out->ended);
			if (clen == 0) {
				out->ended = 1;
			} else {
				memcpy(out->stdout_bytes + out->stdout_len,
				       b + i + 8, clen);
				out->stdout_len += clen;
				out->records++;
			}
		} else {
			assert_int_equal(b[i + 1], 3); /* FCGI_END_REQUEST */
			assert_true(out->ended);
			assert_int_equal(clen, 8);
			out->app_status = ((long)b[i + 8] << 24) |
			                  (b[i + 9] << 16) | (b[i + 10] << 8) |
			                  b[i + 11];
			assert_int_equal(b[i + 12], 0); /* REQUEST_COMPLETE */
			out->end_request = 1;
		}
		for (size_t k = 0; k < plen; k++)
			assert_int_equal(b[i + 8 + clen + k], 0);
		i += 8 + clen + plen;
	}
	assert_true(out->end_request);
}

/* Write pieces with fcgi_write_response() from a child process into one
 * end of a socket pair (or a pipe), read everything off the other end and
 * parse it. streamed: each piece with fcgi_write_stdout() instead, as a
 * streamed body goes out, then the end records. */
static void write_and_read(const struct fcgi_piece *p, size_t n, int id,
                           int use_pipe, int streamed, struct parsed *out)
{
	int sv[2];
	pid_t pid;
	unsigned char *got = NULL;
	size_t len = 0, cap = 0;
	int status;

	if (use_pipe)
		assert_int_equal(pipe(sv), 0);
	else
		assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	/* a pipe: read end sv[0], write end sv[1]; a socket pair: either */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(sv[0]);
		for (size_t i = 0; streamed && i < n; i++)
			if (fcgi_write_stdout(sv[1], id, &p[i], 1) < 0)
				_exit(1);
		if (streamed)
			_exit(fcgi_write_response(sv[1], id, NULL, 0, 0) == 0
			          ? 0
			          : 1);
		_exit(fcgi_write_response(sv[1], id, p, n, 0) == 0 ? 0 : 1);
	}
	close(sv[1]);
	for (;;) {
		ssize_t r;

		if (cap - len < 65536) {
			cap = cap * 2 + 65536;
			got = realloc(got, cap);
			assert_non_null(got);
		}
		r = read(sv[0], got + len, cap - len);
		assert_true(r >= 0);
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(sv[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	parse_records(got, len, id, out);
	free(got);
}

/* The header block and body come back as one FCGI_STDOUT stream, in
 * records of at most 65535 bytes (padded to 8), then the empty record and
 * FCGI_END_REQUEST: small, exactly one record, several records (a page
 * over 64 KB), an empty body, a pipe instead of a socket. */
/* A 200 from the cache comes with its header block made when the page was
 * stored: byte for byte what response_headers() writes for the request,
 * with the request's own id, for both variants, GET and HEAD; none for a
 * 304, a page that was not served from the cache, or a response changed
 * after the lookup. */
static void test_hit_headers(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(1, 1 << 20, 0);
	const char *html = "text/html; charset=utf-8";
	const char *acc[] = {NULL, "gzip"};
	struct buf page = {0}, want = {0}, got = {0};
	struct request r;
	char gz[CACHE_ETAG_MAX];

	for (int i = 0; i < 200; i++)
		buf_printf(&page, "<li>協働事業 %d</li>\n", i);
	/* the miss: no block (the handler's response is not the cache's) */
	assert_int_equal(ask(f, c, &r, NULL, NULL, html, page.data), 0);
	assert_int_equal(cache_response_headers(c, &r, &got), 0);
	assert_int_equal(got.len, 0);
	buf_free(&r.out);
	for (int v = 0; v < 2; v++) {
		for (int head = 0; head <= 1; head++) {
			req_init(f, &r, "/p", "");
			r.method = head ? M_HEAD : M_GET;
			snprintf(r.request_id, sizeof(r.request_id), "%016x",
			         0xabc00 + v * 2 + head);
			assert_int_equal(cache_lookup(c, &r, acc[v]), 1);
			buf_clear(&want);
			buf_clear(&got);
			assert_int_equal(response_headers(&r, &want), 0);
			assert_int_equal(cache_response_headers(c, &r, &got),
			                 1);
			assert_int_equal(got.len, want.len);
			assert_memory_equal(got.data, want.data, want.len);
			assert_non_null(strstr(got.data, r.request_id));
			assert_non_null(
			    strstr(got.data, v ? "Content-Encoding: "
			                         "gzip\r\n"
			                       : "ETag: "));
		}
	}
	/* the gzip copy answered by the miss that stored it has one too */
	cache_clear(c);
	assert_int_equal(ask(f, c, &r, "gzip", NULL, html, page.data), 1);
	buf_clear(&got);
	/* (an id that is not one of kyodo's: no block) */
	assert_int_equal(cache_response_headers(c, &r, &got), 0);
	memcpy(r.request_id, "0123456789abcdef", 17);
	buf_clear(&want);
	assert_int_equal(response_headers(&r, &want), 0);
	assert_int_equal(cache_response_headers(c, &r, &got), 1);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.data, want.data, want.len);
	snprintf(gz, sizeof(gz), "%s", hval(r.extra_headers, "ETag"));
	/* 304: no block */
	assert_int_equal(ask(f, c, &r, "gzip", gz, html, "x"), 1);
	assert_int_equal(r.status, 304);
	memcpy(r.request_id, "0123456789abcdef", 17);
	buf_clear(&got);
	assert_int_equal(cache_response_headers(c, &r, &got), 0);
	/* a response changed after the lookup: no block */
	assert_int_equal(ask(f, c, &r, "gzip", NULL, html, "x"), 1);
	memcpy(r.request_id, "0123456789abcdef", 17);
	r.out.data = page.data;
	assert_int_equal(cache_response_headers(c, &r, &got), 0);
	/* the next request that is not cacheable forgets the last hit */
	assert_int_equal(ask(f, c, &r, NULL, NULL, html, "x"), 1);
	req_init(f, &r, "/p", "");
	memcpy(r.request_id, "0123456789abcdef", 17);
	r.method = M_POST;
	assert_int_equal(cache_lookup(c, &r, NULL), 0);
	assert_int_equal(cache_response_headers(c, &r, &got), 0);
	assert_int_equal(got.len, 0);
	buf_free(&page);
	buf_free(&want);
	buf_free(&got);
	cache_free(c);
}

/* Statements run on a connection (sqlite3_trace_v2), the last one's text. */
static int traced;
static char traced_sql[64];

static int trace_stmt(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	(void)x;
	if (type == SQLITE_TRACE_STMT) {
		traced++;
		snprintf(traced_sql, sizeof(traced_sql), "%s",
		         sqlite3_sql((sqlite3_stmt *)p));
	}
	return 0;
}

/* A hit is answered without a transaction of its own and without a
 * statement: the generation comes from the WAL-index header; it works
 * while another connection is in the middle of writing, and sees that
 * connection's commit at once. A miss still runs in one read
 * transaction. */
static void test_hit_without_transaction(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(1, 1 << 20, 0);
	struct cache_stats st;

	assert_int_equal(get(f, c, "/", "", "v1"), 0);
	/* the connection's first checks map the header and learn it */
	assert_int_equal(get(f, c, "/", "", "v1"), 1);
	sqlite3_trace_v2(f->db->h, SQLITE_TRACE_STMT, trace_stmt, NULL);
	traced = 0;
	assert_int_equal(get(f, c, "/", "", "v1"), 1);
	assert_int_equal(traced, 0);
	assert_int_equal(get(f, c, "/", "x=1", "x"), 0);
	/* BEGIN, the generation inside it (its read takes the snapshot),
	 * COMMIT; before BEGIN and when storing the header answers */
	assert_int_equal(traced, 3);
	assert_string_equal(traced_sql, "COMMIT");
	sqlite3_trace_v2(f->db->h, 0, NULL, NULL);
	assert_int_equal(sqlite3_exec(f->peer->h,
	                              "BEGIN IMMEDIATE; "
	                              "INSERT INTO t VALUES (7)",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(get(f, c, "/", "", "v1"), 1);
	assert_int_equal(sqlite3_get_autocommit(f->db->h), 1);
	assert_int_equal(sqlite3_exec(f->peer->h, "COMMIT", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(get(f, c, "/", "", "v2"), 0);
	assert_int_equal(get(f, c, "/", "", "v2"), 1);
	assert_int_equal(sqlite3_get_autocommit(f->db->h), 1);
	cache_get_stats(c, &st);
	assert_int_equal(st.hits, 4);
	assert_int_equal(st.misses, 3);
	assert_int_equal(st.flushes, 1);
	cache_free(c);
}

/* The generation check from the WAL-index header (db_generation()).
 * "other" is a connection opened with plain sqlite3_open_v2(): another
 * process as far as kyodo's code knows (the sqlite3 shell, a script). */
static sqlite3 *open_other(const char *path)
{
	sqlite3 *o = NULL;

	assert_int_equal(sqlite3_open_v2(path, &o, SQLITE_OPEN_READWRITE, NULL),
	                 SQLITE_OK);
	sqlite3_busy_timeout(o, 5000);
	return o;
}

static void exec_ok(sqlite3 *h, const char *sql)
{
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* A repeated lookup hits through the header alone: fast checks counted,
 * no full check, no statement; a miss makes exactly one full check (the
 * PRAGMA inside its BEGIN, which pins the snapshot). */
static void test_gen_fast_hit(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(1, 1 << 20, 0);
	struct cache_stats a, b;
	unsigned long long full;

	assert_int_equal(get(f, c, "/", "", "v1"), 0);
	assert_non_null(f->db->shm);
	assert_int_equal(f->db->shm_state, 1);
	/* the first check after the mapping is made learns the header */
	assert_int_equal(get(f, c, "/", "", "v1"), 1);
	cache_get_stats(c, &a);
	full = f->db->gen_full;
	sqlite3_trace_v2(f->db->h, SQLITE_TRACE_STMT, trace_stmt, NULL);
	traced = 0;
	for (int i = 0; i < 5; i++)
		assert_int_equal(get(f, c, "/", "", "v1"), 1);
	sqlite3_trace_v2(f->db->h, 0, NULL, NULL);
	assert_int_equal(traced, 0);
	cache_get_stats(c, &b);
	assert_int_equal(b.hits - a.hits, 5);
	assert_int_equal(b.gen_fast - a.gen_fast, 5);
	assert_int_equal(b.gen_full, a.gen_full);
	assert_int_equal(f->db->gen_full, full);
	/* a miss of another page: one full check */
	assert_int_equal(get(f, c, "/", "q=1", "q"), 0);
	assert_int_equal(f->db->gen_full, full + 1);
	assert_int_equal(get(f, c, "/", "q=1", "q"), 1);
	assert_int_equal(f->db->gen_full, full + 1);
	cache_free(c);
}

/* Commits by a connection outside kyodo's code: an UPDATE, a checkpoint
 * that truncates the WAL followed by a commit (the WAL restarts: new
 * salts, mxFrame from 0 again), and a checkpoint alone (which may only
 * cost a miss, never serve a stale page). */
static void test_gen_foreign_commits(void **state)
{
	struct fixture *f = *state;
	struct cache *c = cache_new(1, 1 << 20, 0);
	sqlite3 *o = open_other(f->path);
	struct cache_stats st;
	unsigned long long fast;

	exec_ok(o, "INSERT INTO t VALUES (1)");
	assert_int_equal(get(f, c, "/", "", "x=1"), 0);
	assert_int_equal(get(f, c, "/", "", "x=1"), 1);
	exec_ok(o, "UPDATE t SET x = 2");
	assert_int_equal(get(f, c, "/", "", "x=2"), 0);
	assert_int_equal(get(f, c, "/", "", "x=2"), 1);
	/* a checkpoint that empties the WAL, then a commit */
	exec_ok(o, "PRAGMA wal_checkpoint(TRUNCATE)");
	exec_ok(o, "UPDATE t SET x = 3");
	assert_int_equal(get(f, c, "/", "", "x=3"), 0);
	assert_int_equal(get(f, c, "/", "", "x=3"), 1);
	/* the same again, with a page in between so the WAL restarts at
	 * the same size it had */
	exec_ok(o, "PRAGMA wal_checkpoint(TRUNCATE)");
	assert_int_equal(get(f, c, "/", "", "x=3") >= 0, 1); /* either */
	exec_ok(o, "UPDATE t SET x = 4");
	assert_int_equal(get(f, c, "/", "", "x=4"), 0);
	/* a checkpoint alone: the page may be served (it is still right)
	 * or built again, and then the fast path resumes */
	exec_ok(o, "PRAGMA wal_checkpoint(TRUNCATE)");
	assert_int_equal(get(f, c, "/", "", "x=4") >= 0, 1);
	assert_int_equal(get(f, c, "/", "", "x=4"), 1);
	fast = f->db->gen_fast;
	assert_int_equal(get(f, c, "/", "", "x=4"), 1);
	assert_int_equal(f->db->gen_fast, fast + 1);
	/* a commit while this connection is reading (the BEGIN of a miss):
	 * the page built from the older snapshot is not served after */
	exec_ok(o, "UPDATE t SET x = 5");
	{
		struct request r;

		req_init(f, &r, "/", "");
		assert_int_equal(cache_lookup(c, &r, NULL), 0);
		exec_ok(o, "UPDATE t SET x = 6");
		r.route = &public_route;
		buf_puts(&r.out, "x=5");
		cache_store(c, &r);
		buf_free(&r.out);
	}
	assert_int_equal(get(f, c, "/", "", "x=6"), 0);
	assert_int_equal(get(f, c, "/", "", "x=6"), 1);
	cache_get_stats(c, &st);
	assert_true(st.gen_fast > 0);
	sqlite3_close(o);
	cache_free(c);
}

/* The other connection, the one statement it runs while a trace hook
 * fires (at most once). */
static sqlite3 *slip_conn;
static const char *slip_sql;

/* When this connection starts PRAGMA data_version, the other commits:
 * the commit lands between the header read and the PRAGMA. */
static int slip_commit(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx;
	(void)x;
	if (type == SQLITE_TRACE_STMT && slip_sql != NULL &&
	    strcmp(sqlite3_sql((sqlite3_stmt *)p), "PRAGMA data_version") ==
	        0) {
		sqlite3_exec(slip_conn, slip_sql, NULL, NULL, NULL);
		slip_sql = NULL;
	}
	return 0;
}

/* The ordering rule: the header remembered with a generation is the one
 * read before the PRAGMA. A commit that slips in between leaves it older
 * than the file's, so the next check is a full one (and finds nothing
 * new), never a fast one answering a generation that missed a commit. */
static void test_gen_commit_between(void **state)
{
	struct fixture *f = *state;
	sqlite3 *o = open_other(f->path);
	struct db_gen g1, g2, g3;
	unsigned long long full;

	assert_true(db_generation(f->db, &g1) >= 0);
	assert_true(db_generation(f->db, &g1) >= 0);
	assert_int_equal(db_generation(f->db, &g1), 1); /* header known */
	exec_ok(o, "INSERT INTO t VALUES (1)");
	slip_conn = o;
	slip_sql = "INSERT INTO t VALUES (2)";
	sqlite3_trace_v2(f->db->h, SQLITE_TRACE_STMT, slip_commit, NULL);
	assert_int_equal(db_generation(f->db, &g2), 0);
	sqlite3_trace_v2(f->db->h, 0, NULL, NULL);
	assert_null(slip_sql); /* it did commit in between */
	assert_true(g2.data_version != g1.data_version);
	full = f->db->gen_full;
	assert_int_equal(db_generation(f->db, &g3), 0); /* full again */
	assert_int_equal(f->db->gen_full, full + 1);
	assert_true(g3.data_version == g2.data_version);
	assert_int_equal(db_generation(f->db, &g3), 1);
	/* this connection's write inside an open transaction changes no
	 * header, only total_changes: never the fast answer */
	exec_ok(f->db->h, "BEGIN IMMEDIATE; INSERT INTO t VALUES (3)");
	assert_int_equal(db_generation(f->db, &g2), 0);
	assert_true(g2.total_changes != g3.total_changes);
	exec_ok(f->db->h, "ROLLBACK");
	/* a deferred BEGIN that has read nothing: the PRAGMA must take the
	 * snapshot, so it runs */
	exec_ok(f->db->h, "BEGIN");
	assert_int_equal(db_generation(f->db, &g2), 0);
	assert_int_equal(sqlite3_txn_state(f->db->h, NULL), SQLITE_TXN_READ);
	/* inside the snapshot: a commit elsewhere is not this snapshot's */
	exec_ok(o, "INSERT INTO t VALUES (4)");
	assert_int_equal(db_generation(f->db, &g3), 0);
	assert_true(g3.data_version == g2.data_version);
	exec_ok(f->db->h, "COMMIT");
	assert_int_equal(db_generation(f->db, &g3), 0);
	assert_true(g3.data_version != g2.data_version);
	sqlite3_close(o);
}

/* journal_mode=DELETE: no <db>-shm, nothing mapped, every check by the
 * PRAGMA, and invalidation works as before. */
static void test_gen_no_wal(void **state)
{
	struct fixture *f = *state;
	char path[80], shm[96];
	struct db *db;
	sqlite3 *o;
	struct cache *c = cache_new(1, 1 << 20, 0);
	struct cache_stats st;
	struct request r;

	snprintf(path, sizeof(path), "%s-delete.db", f->path);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	unlink(path);
	db = db_open(path, NULL, 1);
	assert_non_null(db);
	exec_ok(db->h, "PRAGMA journal_mode=DELETE");
	exec_ok(db->h, "CREATE TABLE t (x INTEGER) STRICT");
	o = open_other(path);
#define GET_NO_WAL(body)                                                       \
	(req_init(f, &r, "/", ""), r.db = db,                                  \
	 serve(c, &r, &public_route, 200, body)                                \
	     ? (assert_string_equal(r.out.data, body), 1)                      \
	     : (buf_free(&r.out), 0))
	assert_int_equal(GET_NO_WAL("v1"), 0);
	assert_int_equal(GET_NO_WAL("v1"), 1);
	exec_ok(o, "INSERT INTO t VALUES (1)");
	assert_int_equal(GET_NO_WAL("v2"), 0);
	assert_int_equal(GET_NO_WAL("v2"), 1);
	exec_ok(db->h, "INSERT INTO t VALUES (2)");
	assert_int_equal(GET_NO_WAL("v3"), 0);
	assert_int_equal(GET_NO_WAL("v3"), 1);
#undef GET_NO_WAL
	assert_null(db->shm);
	assert_int_equal(db->shm_state, -1);
	assert_int_equal(db->gen_fast, 0);
	assert_int_equal(access(shm, F_OK), -1);
	cache_get_stats(c, &st);
	assert_int_equal(st.gen_fast, 0);
	assert_true(st.gen_full > 0);
	sqlite3_close(o);
	db_close(db);
	unlink(path);
	cache_free(c);
}

static void test_records(void **state)
{
	static const size_t sizes[] = {0,     1,     7,      8,     5000,
	                               65000, 65528, 131056, 200003};
	const char *hdr = "Status: 200 OK\r\nContent-Length: 1\r\n\r\n";
	char *body = malloc(200003);
	struct parsed ps;

	(void)state;
	assert_non_null(body);
	for (size_t i = 0; i < 200003; i++)
		body[i] = (char)('a' + i % 23);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		for (int use_pipe = 0; use_pipe <= 1; use_pipe++) {
			struct fcgi_piece p[2] = {{hdr, strlen(hdr)},
			                          {body, sizes[k]}};
			size_t total = strlen(hdr) + sizes[k];

			write_and_read(p, 2, 1 + (int)k * 300, use_pipe, 0,
			               &ps);
			assert_int_equal(ps.stdout_len, total);
			assert_memory_equal(ps.stdout_bytes, hdr, strlen(hdr));
			if (sizes[k] > 0)
				assert_memory_equal(ps.stdout_bytes +
				                        strlen(hdr),
				                    body, sizes[k]);
			assert_int_equal(ps.records,
			                 (int)((total + FCGI_RECORD_CHUNK - 1) /
			                       FCGI_RECORD_CHUNK));
			assert_int_equal(ps.app_status, 0);
			free(ps.stdout_bytes);
		}
	}
	/* Empty pieces anywhere, and many pieces. */
	{
		struct fcgi_piece p[5] = {
		    {NULL, 0}, {hdr, 3}, {NULL, 0}, {body, 70000}, {NULL, 0}};

		write_and_read(p, 5, 65535, 0, 0, &ps);
		assert_int_equal(ps.stdout_len, 70003);
		assert_memory_equal(ps.stdout_bytes + 3, body, 70000);
		assert_int_equal(ps.records, 2);
		free(ps.stdout_bytes);
	}
	free(body);
}

/* A peer that has gone away: -1 with EPIPE (or ECONNRESET), and no
 * SIGPIPE even when the signal is not ignored. */
/* A streamed body (fcgi_write_stdout() per piece, then the end records):
 * pieces cut anywhere — inside the BOM, inside a three-byte character,
 * inside a quoted field, one longer than a record — come back as the same
 * bytes, each piece in records of its own, padded. */
static void test_records_streamed(void **state)
{
	const char *row = "\"港町,\"\"町内会\"\"\",協働\r\n"; /* 28 bytes */
	const char *hdr = "Status: 200 OK\r\n\r\n";
	size_t rowlen = strlen(row), len = 3 + 8000 * rowlen, at = 0;
	char *body = malloc(len);
	/* where the pieces end: in the BOM (1), in 港 (3 + 2), in the quoted
	 * field (3 + 7), a piece of 140,000 bytes, then the rest */
	const size_t cuts[] = {1, 5, 10, 140010, len};
	struct fcgi_piece p[6];
	struct parsed ps;
	int records = 1;

	(void)state;
	assert_non_null(body);
	memcpy(body, "\xef\xbb\xbf", 3);
	for (size_t i = 0; i < 8000; i++)
		memcpy(body + 3 + i * rowlen, row, rowlen);
	p[0] = (struct fcgi_piece){hdr, strlen(hdr)};
	for (size_t i = 0; i < 5; i++) {
		p[i + 1] = (struct fcgi_piece){body + at, cuts[i] - at};
		records += (int)((cuts[i] - at + FCGI_RECORD_CHUNK - 1) /
		                 FCGI_RECORD_CHUNK);
		at = cuts[i];
	}
	for (int use_pipe = 0; use_pipe <= 1; use_pipe++) {
		write_and_read(p, 6, 77, use_pipe, 1, &ps);
		assert_int_equal(ps.stdout_len, strlen(hdr) + len);
		assert_memory_equal(ps.stdout_bytes, hdr, strlen(hdr));
		assert_memory_equal(ps.stdout_bytes + strlen(hdr), body, len);
		assert_int_equal(ps.records, records);
		assert_int_equal(ps.app_status, 0);
		free(ps.stdout_bytes);
	}
	free(body);
}

/* A stream cut short: what went out, then a record header of version 0
 * (which nginx refuses, dropping the client's connection before the last
 * chunk) and no end records. */
static void test_records_abort(void **state)
{
	int sv[2];
	unsigned char got[64];
	struct fcgi_piece p = {"abc", 3};
	ssize_t n;

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(fcgi_write_stdout(sv[0], 9, &p, 1), 0);
	assert_int_equal(fcgi_write_abort(sv[0], 9), 0);
	close(sv[0]);
	n = read(sv[1], got, sizeof(got));
	/* one record of 3 bytes padded to 8, then the refused header */
	assert_int_equal(n, 8 + 8 + 8);
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], 6);
	assert_int_equal(got[5], 3);
	assert_int_equal(got[6], 5);
	assert_memory_equal(got + 8, "abc\0\0\0\0\0", 8);
	assert_int_equal(got[16], 0); /* the version no peer accepts */
	assert_int_equal(got[17], 6);
	assert_int_equal((got[18] << 8) | got[19], 9);
	assert_int_equal(read(sv[1], got, sizeof(got)), 0);
	close(sv[1]);
}

static void test_records_closed_peer(void **state)
{
	int sv[2];
	char *body = calloc(1, 300000);
	struct fcgi_piece p[1] = {{body, 300000}};
	void (*old)(int) = signal(SIGPIPE, SIG_DFL);

	(void)state;
	assert_non_null(body);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	close(sv[1]);
	errno = 0;
	assert_int_equal(fcgi_write_response(sv[0], 1, p, 1, 0), -1);
	assert_true(errno == EPIPE || errno == ECONNRESET);
	close(sv[0]);
	signal(SIGPIPE, old);
	free(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_hit_and_miss, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_invalidation, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_change_during_request, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_snapshot, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_eviction_bound, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_ttl, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_never_cached, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_disabled, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_etag_304, setup, teardown),
	    cmocka_unit_test(test_etag_match),
	    cmocka_unit_test(test_accepts_gzip),
	    cmocka_unit_test_setup_teardown(test_gzip_variant, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hit_headers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hit_without_transaction, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_gen_fast_hit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_gen_foreign_commits, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_gen_commit_between, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_gen_no_wal, setup, teardown),
	    cmocka_unit_test(test_records),
	    cmocka_unit_test(test_records_streamed),
	    cmocka_unit_test(test_records_abort),
	    cmocka_unit_test(test_records_closed_peer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
