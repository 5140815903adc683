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
 * headers, Location, Content-Length, blank line) for r into hdr. */
int response_headers(const struct request *r, struct buf *hdr);
/* The same, and when id_at is not NULL, the offset in hdr at which the
 * request id (16 characters) was written: the response cache keeps a 200
 * page's header block and only puts each request's id into a copy. */
int response_headers_at(const struct request *r, struct buf *hdr,
                        size_t *id_at);
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
