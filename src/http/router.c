/* Route matching. */
#include "http/router.h"

#include <string.h>

/* Match one pattern against path; fills params (arena copies). 1 on match. */
static int pattern_match(struct arena *a, const char *pat, const char *path,
                         const char **params, size_t *np)
{
	size_t n = 0;

	while (*pat && *path) {
		if (*pat == ':') {
			/* Parameter: up to the next '/' in the path, minus a
			 * literal suffix the pattern has after the name. */
			const char *pend = strchr(pat, '/');
			const char *seg_end = strchr(path, '/');
			size_t plen = pend ? (size_t)(pend - pat) : strlen(pat);
			size_t slen =
			    seg_end ? (size_t)(seg_end - path) : strlen(path);
			const char *dot = memchr(pat, '.', plen);
			size_t suffix = dot ? plen - (size_t)(dot - pat) : 0;

			if (slen <= suffix || n >= ROUTE_MAX_PARAMS)
				return 0;
			if (suffix &&
			    memcmp(path + slen - suffix, dot, suffix) != 0)
				return 0;
			params[n] = arena_strndup(a, path, slen - suffix);
			if (params[n] == NULL)
				return 0;
			n++;
			pat += plen;
			path += slen;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++, path++;
	}
	if (*pat || *path)
		return 0;
	*np = n;
	return 1;
}

enum match router_match(const struct route *table, size_t n, struct request *r,
                        const char **allow)
{
	const char *params[ROUTE_MAX_PARAMS];
	size_t np = 0;
	int get = 0, post = 0;
	enum method m = r->method == M_HEAD ? M_GET : r->method;

	for (size_t i = 0; i < n; i++) {
		if (!pattern_match(r->arena, table[i].pattern, r->path, params,
		                   &np))
			continue;
		if (table[i].method == m) {
			r->route = &table[i];
			memcpy(r->params, params, sizeof(params));
			r->nparams = np;
			return MATCH_OK;
		}
		if (table[i].method == M_GET)
			get = 1;
		else if (table[i].method == M_POST)
			post = 1;
	}
	if (!get && !post)
		return MATCH_NONE;
	*allow = get && post ? "GET, HEAD, POST" : get ? "GET, HEAD" : "POST";
	return MATCH_METHOD;
}
