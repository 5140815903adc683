/* Response headers (security headers set here, for every response) and the
 * dispatcher that runs the fixed checks before a handler. */
#ifndef KYODO_RESPONSE_H
#define KYODO_RESPONSE_H
#include "http/request.h"
#include "http/router.h"
#include "util/buf.h"

/* The reason phrase of an HTTP status ("Not Found"). */
const char *http_reason(int status);
/* Write the CGI response header block (Status, Content-Type, security
 * headers, Location, Content-Length, blank line) for r into hdr. A
 * streamed response (r->stream) has no Content-Length: its length is not
 * known yet, and the web server sends it chunked (HTTP/1.1). */
int response_headers(const struct request *r, struct buf *hdr);
/* The same, and when id_at is not NULL, the offset in hdr at which the
 * request id (16 characters) was written: the response cache keeps a 200
 * page's header block and only puts each request's id into a copy. */
int response_headers_at(const struct request *r, struct buf *hdr,
                        size_t *id_at);
/* A streamed body goes to the client in pieces of about this many bytes
 * (response_flush()): the worker holds one piece and a row, at any size. */
#define RESPONSE_CHUNK 65536
/* For a streamed response: when r->out holds RESPONSE_CHUNK bytes or more
 * (any, when all is 1), hand them to r->sink and empty r->out. Without a
 * sink the bytes stay in r->out. 0, or -1 when the sink failed (the client
 * went away: stop making the body). */
int response_flush(struct request *r, int all);
/* Make a streamed body: call r->stream once (also for HEAD, when it must
 * write nothing and only release what it holds), then flush what is left.
 * The caller has sent the header block already (response_headers() leaves
 * out Content-Length when r->stream is set). 0 when the body is complete,
 * -1 when it was cut short — a database error after the first bytes went
 * out, or the client gone: the caller must then end the response so the
 * client sees a truncated download (the FastCGI connection closed without
 * its end records), never a complete-looking one. */
int response_stream(struct request *r);
/* Run the request through the table, in a fixed order: load the session
 * (auth_begin), 404/405 from the router, the route's allowed roles (anonymous
 * → 303 to /login?next=, others → 403), for POST the same-origin check and
 * the CSRF token, then the handler; maps the handler's status to an error
 * page and adds queued cookies (auth_end). Decoding errors were answered by
 * the caller. Always leaves a complete response in r. */
void dispatch(struct request *r, const struct route *table, size_t n);
/* The role of the requesting user (ROLE_PUBLIC when anonymous). */
enum role request_role(const struct request *r);
/* 1 when a POST's Origin (or else Referer) matches the configured
 * site_url. */
int same_origin(const struct request *r);
#endif
