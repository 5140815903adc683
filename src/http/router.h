/* The route table: {method, pattern, handler, role}, matched in order. */
#ifndef KYODO_ROUTER_H
#define KYODO_ROUTER_H
#include "http/request.h"

/* Roles, least to most privileged for staff-side roles. */
enum role {
	ROLE_PUBLIC,    /* anyone, no login */
	ROLE_GROUP,     /* 団体担当者 */
	ROLE_STAFF,     /* 職員 */
	ROLE_COMMITTEE, /* 委員 */
	ROLE_ADMIN,     /* 協働推進課 */
	ROLE__MAX
};

/* What a handler returns; the dispatcher maps it to a status + error page
 * unless the handler already produced a body (HS_OK). */
enum hstatus {
	HS_OK,        /* response is in req->out / req->status */
	HS_NOTFOUND,  /* 404 */
	HS_INVALID,   /* 400 bad request */
	HS_FORBIDDEN, /* 403 */
	HS_CONFLICT,  /* 409 */
	HS_DB,        /* 500, database error */
	HS_NOMEM,     /* 500, out of memory */
	HS_ERROR,     /* 500, any other bug */
	HS__MAX
};

typedef enum hstatus (*handler_fn)(struct request *r);

/* One row of the route table. Pattern segments starting with ':' match one
 * non-empty path segment; a pattern ending in ".csv" style suffix after a
 * param (":id.csv") matches the literal suffix. */
struct route {
	enum method method;  /* M_GET (also serves HEAD) or M_POST */
	const char *pattern; /* e.g. "/projects/:id" */
	handler_fn handler;  /* the page */
	enum role role;      /* least role allowed */
};

enum match { MATCH_OK, MATCH_NONE, MATCH_METHOD };

/* Find the route for method+path in table[0..n). On MATCH_OK sets r->route and
 * r->params. On MATCH_METHOD writes the allowed methods ("GET, HEAD, POST")
 * into allow (arena memory). */
enum match router_match(const struct route *table, size_t n, struct request *r,
                        const char **allow);
#endif
