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
/* Run the request through the table: decode checks already done by the
 * caller; 404/405 from the router, role check, same-origin check for POST,
 * then the handler; maps the handler's status to an error page. Always
 * leaves a complete response in r. */
void dispatch(struct request *r, const struct route *table, size_t n);
/* The role of the requesting user (ROLE_PUBLIC when anonymous). */
enum role request_role(const struct request *r);
/* 1 when a POST's Origin (or else Referer) matches the configured site_url
 * or the request's own Host. */
int same_origin(const struct request *r);
#endif
