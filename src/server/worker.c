/* A FastCGI worker: builds struct request from the FastCGI parameters,
 * dispatches it, writes the response, logs one line. */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "http/decode.h"
#include "http/multipart.h"
#include "http/response.h"
#include "pages/routes.h"
#include "server/cache.h"
#include "server/records.h"
#include "server/server.h"
#include "util/log.h"
#include "view/page.h"
#include "view/template.h"

/* Set by SIGTERM: finish the current request, then exit. */
static volatile sig_atomic_t stopping;

/* SIGTERM/SIGINT in a worker. */
static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

/* A FastCGI parameter, or NULL when absent or empty. */
static const char *param(FCGX_Request *fr, const char *name)
{
	const char *v = FCGX_GetParam(name, fr->envp);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* Next request id: 64 bits from a per-worker random seed and a counter. */
static void next_request_id(char out[17])
{
	static uint64_t seed, counter;
	uint64_t x;

	if (seed == 0 && getrandom(&seed, sizeof(seed), 0) != sizeof(seed))
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	x = seed + 0x9E3779B97F4A7C15ULL * ++counter;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	x ^= x >> 31;
	snprintf(out, 17, "%016llx", (unsigned long long)x);
}

/* The request path: PATH_INFO when the server sets it, else REQUEST_URI up
 * to '?'. Percent-decoded; NULL when malformed. */
static char *request_path(struct arena *a, FCGX_Request *fr)
{
	const char *p = param(fr, "PATH_INFO");
	const char *q;

	if (p != NULL)
		return arena_strdup(a, p);
	p = param(fr, "REQUEST_URI");
	if (p == NULL)
		p = param(fr, "DOCUMENT_URI");
	if (p == NULL)
		return arena_strdup(a, "/");
	q = strchr(p, '?');
	return url_decode(a, p, q ? (size_t)(q - p) : strlen(p), 0);
}

/* Fill r from the FastCGI request and read the body. Leaves an error
 * response in r and returns -1 when the request is unacceptable. */
static int build_request(struct request *r, FCGX_Request *fr)
{
	const char *m = param(fr, "REQUEST_METHOD");
	const char *len = param(fr, "CONTENT_LENGTH");
	const char *q = param(fr, "QUERY_STRING");
	const char *https = param(fr, "HTTPS");

	r->method_name = m ? m : "GET";
	r->method = strcmp(r->method_name, "GET") == 0    ? M_GET
	            : strcmp(r->method_name, "HEAD") == 0 ? M_HEAD
	            : strcmp(r->method_name, "POST") == 0 ? M_POST
	                                                  : M_OTHER;
	r->host = param(fr, "HTTP_HOST") ? param(fr, "HTTP_HOST") : "";
	r->origin = param(fr, "HTTP_ORIGIN");
	r->referer = param(fr, "HTTP_REFERER");
	r->user_agent = param(fr, "HTTP_USER_AGENT");
	r->if_none_match = param(fr, "HTTP_IF_NONE_MATCH");
	r->content_type = param(fr, "CONTENT_TYPE");
	r->remote_addr =
	    param(fr, "REMOTE_ADDR") ? param(fr, "REMOTE_ADDR") : "";
	r->https = https != NULL && strcmp(https, "on") == 0;
	r->raw_query = q ? q : "";
	r->path = request_path(r->arena, fr);
	if (r->path == NULL) {
		r->path = "(invalid)";
		page_error(r, 400, "URLの形式が正しくありません。");
		return -1;
	}
	if (parse_urlencoded(r->arena, r->raw_query, strlen(r->raw_query),
	                     &r->query) < 0) {
		page_error(r, 400,
		           "検索条件（URLの ? 以降）の形式が正しくありません。"
		           "文字化けした条件や不正な文字が含まれています。");
		return -1;
	}
	if (parse_cookies(r->arena, param(fr, "HTTP_COOKIE"), &r->cookies) < 0)
		return -1;
	if (len != NULL) {
		char *end;
		unsigned long long n = strtoull(len, &end, 10);
		char *body;
		int got;

		if (*end != '\0') {
			page_error(r, 400,
			           "送信データの長さが正しくありません。");
			return -1;
		}
		if (n > r->cfg->max_body) {
			page_error(
			    r, 413,
			    "送信されたデータが大きすぎます。"
			    "内容を減らして、もう一度送信してください。");
			return -1;
		}
		body = arena_alloc(r->arena, (size_t)n + 1);
		if (body == NULL) {
			page_error(r, 500, "メモリが不足しています。");
			return -1;
		}
		got = FCGX_GetStr(body, (int)n, fr->in);
		body[got > 0 ? got : 0] = '\0';
		r->body = body;
		r->body_len = got > 0 ? (size_t)got : 0;
	}
	if (r->method == M_POST && r->content_type != NULL &&
	    strncmp(r->content_type, "application/x-www-form-urlencoded", 33) ==
	        0 &&
	    parse_urlencoded(r->arena, r->body ? r->body : "", r->body_len,
	                     &r->form) < 0) {
		page_error(r, 400,
		           "送信された内容の形式が正しくありません"
		           "（文字化けや不正な文字が含まれています）。");
		return -1;
	}
	if (r->method == M_POST &&
	    multipart_boundary(r->arena, r->content_type) != NULL &&
	    multipart_form(r->arena, r->content_type, r->body, r->body_len,
	                   &r->form) < 0) {
		page_error(r, 400,
		           "送信されたファイルの形式が正しくありません。"
		           "もう一度ファイルを選んで送信してください。");
		return -1;
	}
	return 0;
}

/* s with control characters and spaces shown as %XX, so a request can
 * never forge or split a log line. Arena memory; s itself when clean. */
static const char *log_safe(struct arena *a, const char *s)
{
	size_t n = 0;
	char *out, *o;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7F)
			n++;
	if (n == 0)
		return s;
	out = arena_alloc(a, strlen(s) + 2 * n + 1);
	if (out == NULL)
		return "(unloggable)";
	o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= ' ' || *p == 0x7F) {
			snprintf(o, 4, "%%%02X", *p);
			o += 3;
		} else {
			*o++ = (char)*p;
		}
	}
	*o = '\0';
	return out;
}

/* Microseconds since an arbitrary start. */
static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The most response bytes (header block + body) libfcgi's output stream
 * (an 8 KB buffer: an 8-byte record header, the content padded to 8, then
 * the 24 bytes of closing records at FCGX_Finish_r) sends in one write().
 * Up to this size kyodo writes through the stream; beyond it, straight to
 * the connection (records.h): one writev() instead of a write() per 8 KB
 * and a copy of the body. */
#define STREAM_ONE_WRITE 8160

/* Tell libfcgi that the response of fr, with its closing records, has been
 * written (or has failed with err, 0 when it has not): FCGX_Finish_r then
 * writes nothing more on fr->out — what FCGX_FClose leaves behind — and
 * closes the connection when err is set. fr->err, which kyodo never
 * writes, still closes without writing anything. */
static void stream_mark_sent(FCGX_Request *fr, int err)
{
	FCGX_Stream *s = fr->out;

	s->wasFCloseCalled = 1;
	s->isClosed = 1;
	s->rdNext = s->stop = s->wrNext;
	if (err != 0)
		s->FCGI_errno = err;
}

/* Send the header block hdr and the body (len bytes) of the response to
 * fr: through libfcgi's stream when small, else as FastCGI records in one
 * writev() (after flushing anything already in the stream, so the order
 * holds). A connection that fails (nginx gave up on the request) costs
 * only this response: logged, the connection closed, the worker goes on. */
static void send_response(FCGX_Request *fr, const struct request *r,
                          const struct buf *hdr, const char *body, size_t len)
{
	struct fcgi_piece p[2] = {{hdr->data, hdr->len}, {body, len}};

	if (hdr->len + len <= STREAM_ONE_WRITE || fr->ipcFd < 0 ||
	    FCGX_FFlush(fr->out) < 0) {
		FCGX_PutStr(hdr->data, (int)hdr->len, fr->out);
		if (len > 0)
			FCGX_PutStr(body, (int)len, fr->out);
		return;
	}
	if (fcgi_write_response(fr->ipcFd, fr->requestId, p, 2, 0) < 0) {
		int err = errno != 0 ? errno : EIO;

		log_info("request %s: response not sent: %s", r->request_id,
		         strerror(err));
		stream_mark_sent(fr, err);
		return;
	}
	stream_mark_sent(fr, 0);
}

/* The sink once the connection has failed: refuses every piece, so the
 * body's maker stops at its next flush. */
static int gone_sink(struct request *r, const char *p, size_t n)
{
	(void)r;
	(void)p;
	(void)n;
	return -1;
}

/* The sink of a streamed body (request.h): FCGI_STDOUT records straight to
 * the connection, or through libfcgi's stream when there is no socket. */
static int stream_sink(struct request *r, const char *p, size_t n)
{
	FCGX_Request *fr = r->sink_arg;
	struct fcgi_piece piece = {p, n};

	if (fr->ipcFd < 0
	        ? FCGX_PutStr(p, (int)n, fr->out) == (int)n
	        : fcgi_write_stdout(fr->ipcFd, fr->requestId, &piece, 1) == 0)
		return 0;
	log_info("request %s: response not sent: %s", r->request_id,
	         strerror(errno != 0 ? errno : EIO));
	r->sink = gone_sink; /* send_stream() tells a lost client by it */
	return -1;
}

/* Send a streamed response (r->stream): the header block hdr, then the body
 * in pieces as r->stream makes it (response_stream()), then the closing
 * records. A body cut short by an error after the first bytes ends with a
 * record the web server refuses (fcgi_write_abort()) and the connection
 * closed, so the web server drops the client's connection before the last
 * chunk and the download shows as failed, never as a complete shorter
 * file. When the connection itself failed (the client gone), it is only
 * closed. */
static void send_stream(FCGX_Request *fr, struct request *r,
                        const struct buf *hdr)
{
	int err = 0;

	r->sink_arg = fr;
	r->sink = stream_sink;
	if (fr->ipcFd >= 0 && FCGX_FFlush(fr->out) < 0)
		r->sink = gone_sink;
	else
		stream_sink(r, hdr->data, hdr->len);
	if (r->sink == gone_sink)
		err = EPIPE; /* the header block did not go out */
	else if (r->method == M_HEAD)
		r->sink = NULL;
	if (response_stream(r) < 0) {
		if (r->sink == gone_sink) {
			err = EPIPE; /* the client is gone: only close */
		} else {
			err = EIO;
			log_err("request %s: %s cut short after %zu bytes: "
			        "response aborted",
			        r->request_id, r->path, r->stream_sent);
			if (fr->ipcFd >= 0)
				fcgi_write_abort(fr->ipcFd, fr->requestId);
		}
	} else if (err == 0 && fr->ipcFd >= 0) {
		if (fcgi_write_response(fr->ipcFd, fr->requestId, NULL, 0, 0) <
		    0)
			err = errno != 0 ? errno : EIO;
		else
			stream_mark_sent(fr, 0);
	}
	if (err != 0)
		stream_mark_sent(fr, err);
}

/* Answer one accepted request, from the response cache when it can. */
static void handle(const struct config *cfg, struct db *db, struct arena *arena,
                   struct buf *hdr, struct cache *cache, FCGX_Request *fr)
{
	struct request r = {0};
	long long t0 = now_us();
	int hit = 0; /* r.out borrows the cache's memory (a hit, or a stored
	                page answered with its gzip copy) */

	r.arena = arena;
	r.cfg = cfg;
	r.db = db;
	r.status = 200;
	next_request_id(r.request_id);
	if (cfg->reload_templates)
		tpl_reload();
	if (build_request(&r, fr) == 0) {
		/* Accept-Encoding is looked up only where it matters */
		const char *ae = cache_candidate(&r)
		                     ? param(fr, "HTTP_ACCEPT_ENCODING")
		                     : NULL;

		hit = cache_lookup(cache, &r, ae);
		if (!hit) {
			dispatch(&r, routes, nroutes);
			hit = cache_store(cache, &r);
		}
	}
	buf_clear(hdr);
	/* a page from the cache comes with its header block made */
	if ((!hit || !cache_response_headers(cache, &r, hdr)) &&
	    response_headers(&r, hdr) < 0) {
		log_err("request %s: out of memory writing headers",
		        r.request_id);
		FCGX_PutS("Status: 500 Internal Server Error\r\n\r\n", fr->out);
		if (r.stream != NULL) { /* only to release what it holds */
			r.sink = gone_sink;
			response_stream(&r);
		}
	} else if (r.stream != NULL) {
		send_stream(fr, &r, hdr);
	} else {
		int with_body = r.method != M_HEAD && r.status != 304;

		send_response(fr, &r, hdr, with_body ? r.out.data : NULL,
		              with_body ? r.out.len : 0);
	}
	fprintf(stderr, "%s %s %s%s%s %d %zu %lldus\n", r.request_id,
	        log_safe(arena, r.method_name), log_safe(arena, r.path),
	        *r.raw_query ? "?" : "", log_safe(arena, r.raw_query), r.status,
	        r.stream != NULL ? r.stream_sent : r.out.len, now_us() - t0);
	if (!hit)
		buf_free(&r.out);
}

int worker_main(const struct config *cfg, int fd)
{
	FCGX_Request fr;
	struct db *db;
	struct arena arena;
	struct buf hdr = {0};
	struct cache *cache;
	struct cache_stats cs;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop; /* no SA_RESTART: accept() returns EINTR */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);

	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, fd, 0) != 0) {
		log_err("worker: FastCGI initialisation failed");
		return 1;
	}
	db = db_open(cfg->db, cfg, 0);
	if (db == NULL)
		return 1;
	if (tpl_init(cfg->templates) < 0 ||
	    tpl_preload(templates_all, ntemplates_all) < 0) {
		log_err("worker: cannot load templates from %s",
		        cfg->templates);
		db_close(db);
		return 1;
	}
	cache = cache_new(cfg->cache, cfg->cache_size, cfg->cache_ttl);
	if (cache == NULL) {
		log_err("worker: out of memory");
		db_close(db);
		return 1;
	}
	arena_init(&arena, 65536);
	setvbuf(stderr, NULL, _IOLBF, 0);
	while (!stopping) {
		if (FCGX_Accept_r(&fr) < 0) {
			if (stopping || errno != EINTR)
				break;
			continue;
		}
		handle(cfg, db, &arena, &hdr, cache, &fr);
		FCGX_Finish_r(&fr);
		arena_reset(&arena);
	}
	cache_get_stats(cache, &cs);
	log_info("worker %d: cache %llu hits, %llu misses, %llu stored, %llu "
	         "evicted, %llu flushes, %llu not modified, %zu bytes; "
	         "generation checks %llu fast, %llu full",
	         (int)getpid(), cs.hits, cs.misses, cs.stores, cs.evictions,
	         cs.flushes, cs.not_modified, cs.bytes, db->gen_fast,
	         db->gen_full);
	cache_free(cache);
	FCGX_Free(&fr, 0);
	arena_free(&arena);
	buf_free(&hdr);
	db_close(db);
	return 0;
}
