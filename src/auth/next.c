/* Where to go after login: the next parameter, checked to be local. */
#include <string.h>

#include "auth/auth.h"

/* 1 when byte c may stand for itself in a Location header's local URL. */
static int url_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("-._~!$&'()*+,;=:@/?%#", c) != NULL);
}

/* 1 when byte c needs no escape in a query parameter's value. */
static int unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~' || c == '/';
}

/* Percent-encode s[0..n), keeping bytes keep() accepts. Arena memory. */
static char *encode(struct arena *a, const char *s, size_t n,
                    int (*keep)(unsigned char))
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, n * 3 + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (keep(c)) {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

const char *auth_safe_next(struct arena *a, const char *next)
{
	size_t n;

	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return NULL;
	n = strlen(next);
	if (n > 1000)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)next[i];

		if (c < 0x20 || c == 0x7F || c == '\\')
			return NULL;
	}
	return encode(a, next, n, url_char);
}

/* 1 when table has a GET route for path. */
static int has_get(struct request *r, const struct route *table, size_t n,
                   const char *path)
{
	struct request probe = {0};
	const char *allow = NULL;

	probe.arena = r->arena;
	probe.method = M_GET;
	probe.path = path;
	return router_match(table, n, &probe, &allow) == MATCH_OK;
}

const char *auth_login_url(struct request *r, const struct route *table,
                           size_t n)
{
	const char *path, *q;
	char *next;

	if (r->method == M_POST && !has_get(r, table, n, r->path))
		return "/login";
	/* r->path is decoded: encode it again ('%' too), then the raw query */
	path = encode(r->arena, r->path, strlen(r->path), unreserved);
	if (path == NULL)
		return "/login";
	if (r->method != M_POST && r->raw_query != NULL && *r->raw_query)
		path = arena_printf(r->arena, "%s?%s", path, r->raw_query);
	if (path == NULL)
		return "/login";
	next = encode(r->arena, path, strlen(path), unreserved);
	q = next != NULL ? arena_printf(r->arena, "/login?next=%s", next)
	                 : NULL;
	return q != NULL ? q : "/login";
}

const char *auth_home(const struct user *u, const struct route *table, size_t n)
{
	struct request probe = {0};
	struct arena a;
	const char *want = "/";
	int found;

	if (u == NULL)
		return "/";
	switch (u->role) {
	case ROLE_ADMIN:
	case ROLE_STAFF: want = "/staff"; break;
	case ROLE_COMMITTEE: want = "/committee"; break;
	default: return "/";
	}
	arena_init(&a, 1024);
	probe.arena = &a;
	found = has_get(&probe, table, n, want);
	arena_free(&a);
	return found ? want : "/";
}
