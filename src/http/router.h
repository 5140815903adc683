/* The route table: {method, pattern, handler, allow, tx}, matched in
 * order. */
#ifndef KYODO_ROUTER_H
#define KYODO_ROUTER_H
#include "http/request.h"

/* The role of the person making a request (users.role, or anonymous). */
enum role {
	ROLE_PUBLIC,    /* anonymous: no login */
	ROLE_GROUP,     /* 団体担当者 */
	ROLE_STAFF,     /* 職員 */
	ROLE_COMMITTEE, /* 委員 */
	ROLE_ADMIN,     /* 協働推進課 */
	ROLE__MAX
};

/* The bit of role r in an allow set. */
#define ROLE_BIT(r) (1u << (r))

/* Who may use a route: a set of roles (a bitmask of ROLE_BIT(role)). No
 * single order of the roles expresses the permissions (committee members
 * read every evaluation but must not use the staff edit pages), so each
 * route names the set it admits. A route row must use one of these names:
 * a ROLE_* value there is a compile error (-Wenum-conversion). Add a set
 * here when a page needs a new one, and its row to the permission matrix
 * in tests/unit/test_auth.c. Admin (協働推進課) is in every set. */
enum allow {
	/* anyone, logged in or not */
	ALLOW_PUBLIC = ROLE_BIT(ROLE_PUBLIC) | ROLE_BIT(ROLE_GROUP) |
	               ROLE_BIT(ROLE_STAFF) | ROLE_BIT(ROLE_COMMITTEE) |
	               ROLE_BIT(ROLE_ADMIN),
	/* any logged-in user (own account: password change) */
	ALLOW_LOGGED_IN = ROLE_BIT(ROLE_GROUP) | ROLE_BIT(ROLE_STAFF) |
	                  ROLE_BIT(ROLE_COMMITTEE) | ROLE_BIT(ROLE_ADMIN),
	/* staff-side reading: staff, committee, admin (dashboards, history,
	 * unpublished records) */
	ALLOW_READ = ROLE_BIT(ROLE_STAFF) | ROLE_BIT(ROLE_COMMITTEE) |
	             ROLE_BIT(ROLE_ADMIN),
	/* staff edit pages (groups, projects, steps): staff and admin */
	ALLOW_STAFF = ROLE_BIT(ROLE_STAFF) | ROLE_BIT(ROLE_ADMIN),
	/* committee pages (reports, committee evaluations) */
	ALLOW_COMMITTEE = ROLE_BIT(ROLE_COMMITTEE) | ROLE_BIT(ROLE_ADMIN),
	/* a group account's own pages */
	ALLOW_GROUP = ROLE_BIT(ROLE_GROUP) | ROLE_BIT(ROLE_ADMIN),
	/* 協働推進課 only: users, master data, import */
	ALLOW_ADMIN = ROLE_BIT(ROLE_ADMIN),
};

/* 1 when a user of role may use a route that admits allow. */
#define ROUTE_ALLOWS(allow, role) (((unsigned)(allow)&ROLE_BIT(role)) != 0)

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

/* How a route's handler meets the database. */
enum route_tx {
	/* A page that only reads (every GET but the export): the handler
	 * runs inside one read snapshot (db_snapshot_begin(), opened by
	 * dispatch() once the checks pass, unless the response cache opened
	 * it already): its statements read one state of the database and
	 * take SQLite's locks once, not once each. It must not write. */
	TX_READ,
	/* The handler keeps its own transactions: every POST (db_begin()
	 * around its writes), a GET that writes (the export's audit row) or
	 * whose response outlives the handler (a stream reading from its
	 * own snapshot). */
	TX_OWN,
};

/* One row of the route table. Pattern segments starting with ':' match one
 * non-empty path segment; a pattern ending in ".csv" style suffix after a
 * param (":id.csv") matches the literal suffix. */
struct route {
	enum method method;  /* M_GET (also serves HEAD) or M_POST */
	const char *pattern; /* e.g. "/projects/:id" */
	handler_fn handler;  /* the page */
	enum allow allow; /* who may use it (ALLOW_PUBLIC, ALLOW_STAFF …) */
	enum route_tx tx; /* TX_READ (a GET that only reads) or TX_OWN */
};

enum match { MATCH_OK, MATCH_NONE, MATCH_METHOD };

/* Find the route for method+path in table[0..n). On MATCH_OK sets r->route and
 * r->params. On MATCH_METHOD writes the allowed methods ("GET, HEAD, POST")
 * into allow (arena memory). */
enum match router_match(const struct route *table, size_t n, struct request *r,
                        const char **allow);
#endif
