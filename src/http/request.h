/* One HTTP request as the web server handed it over FastCGI. */
#ifndef KYODO_REQUEST_H
#define KYODO_REQUEST_H
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"

enum method { M_GET, M_HEAD, M_POST, M_OTHER, M__MAX };

/* A decoded name=value pair (query, form field or cookie). */
struct kv {
	const char *name;  /* decoded, valid UTF-8, no NUL */
	const char *value; /* decoded, valid UTF-8, no NUL */
};

/* A list of pairs, in the order they arrived. */
struct kvlist {
	struct kv *v; /* pairs (arena memory) */
	size_t n;     /* number of pairs */
};

/* Maximum number of :params in one route pattern. */
#define ROUTE_MAX_PARAMS 4

struct route;
struct config;
struct db;
struct user;

/* Everything a handler may read about the request, and the response it
 * builds. All memory belongs to arena, freed after the response is sent. */
struct request {
	struct arena *arena;       /* per-request memory */
	const struct config *cfg;  /* configuration (read-only) */
	struct db *db;             /* this worker's database connection */
	enum method method;        /* request method (HEAD is served as GET) */
	const char *method_name;   /* as received, e.g. "GET" */
	const char *path;          /* decoded path, e.g. "/projects/12" */
	const char *raw_query;     /* undecoded query string ("" if none) */
	struct kvlist query;       /* decoded query parameters */
	struct kvlist form;        /* decoded urlencoded body (POST) */
	struct kvlist cookies;     /* cookies */
	const char *host;          /* Host header ("" if none) */
	const char *origin;        /* Origin header or NULL */
	const char *referer;       /* Referer header or NULL */
	const char *user_agent;    /* User-Agent or NULL */
	const char *if_none_match; /* If-None-Match or NULL */
	const char *content_type;  /* CONTENT_TYPE or NULL */
	const char *remote_addr;   /* client address ("" if unknown) */
	int https;                 /* 1 when the front end says HTTPS=on */
	const char *body;          /* raw body (NUL-terminated), NULL if none */
	size_t body_len;           /* body length */
	char request_id[17];       /* 16 hex chars, shown on error pages */
	const struct route *route; /* matched route */
	const char *params[ROUTE_MAX_PARAMS]; /* :param values, in order */
	size_t nparams;                       /* number of :params */
	const struct user *user; /* logged-in user (auth/), NULL: anonymous */
	const char *csrf_token;  /* token this visitor's forms carry (the
	                            session's or the pre-session cookie's),
	                            NULL until one exists (auth/auth.h) */
	const char *set_cookie;  /* "Set-Cookie: …\r\n" lines to send, or
	                            NULL; the dispatcher appends them to
	                            extra_headers after the handler */

	/* response */
	int status;                   /* HTTP status, 200 by default */
	const char *content_type_out; /* response Content-Type */
	const char *location;         /* Location header (redirects) or NULL */
	const char *extra_headers;    /* more "Name: value\r\n" lines or NULL */
	struct buf out;               /* response body */

	/* A streamed response (a large download; response_stream() in
	 * http/response.h): the headers go out without Content-Length, then
	 * the body in pieces while it is made, so it is never held whole. */
	int (*stream)(struct request *r); /* makes the body into out, calling
	                                     response_flush(); 0, or -1 when
	                                     it was cut short. Set by a
	                                     handler that returns HS_OK;
	                                     NULL: the body is out */
	void *stream_arg;                 /* for stream */
	/* sends n bytes of body to the client: set by the server (NULL: the
	 * pieces stay in out, as in the unit tests); 0, or -1 when the
	 * connection failed */
	int (*sink)(struct request *r, const char *p, size_t n);
	void *sink_arg;     /* for sink */
	size_t stream_sent; /* body bytes handed to sink so far */
};

/* First value of name in list, or NULL when absent. */
const char *kv_get(const struct kvlist *l, const char *name);
/* Query parameter or NULL. */
const char *req_query(const struct request *r, const char *name);
/* Form field (urlencoded POST body) or NULL. */
const char *req_form(const struct request *r, const char *name);
/* Cookie value or NULL. */
const char *req_cookie(const struct request *r, const char *name);
/* The i-th :param of the matched route or NULL. */
const char *req_param(const struct request *r, size_t i);
#endif
