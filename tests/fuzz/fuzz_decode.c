/* libFuzzer harness for every parser of untrusted request input: query
 * strings and form bodies, cookies, percent-decoding, UTF-8 validation and
 * the router. Build and run with tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/decode.h"
#include "http/router.h"

static enum hstatus noop(struct request *r)
{
	(void)r;
	return HS_OK;
}

static const struct route table[] = {
    {M_GET, "/", noop, ALLOW_PUBLIC},
    {M_GET, "/projects/:id", noop, ALLOW_PUBLIC},
    {M_POST, "/staff/projects/:id/edit", noop, ALLOW_STAFF},
    {M_GET, "/committee/reports/:year.csv", noop, ALLOW_COMMITTEE},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kvlist l;
	struct request r;
	const char *allow;
	const char *s = (const char *)data;
	char *z, *path;

	arena_init(&a, 0);
	utf8_valid(s, size);
	parse_urlencoded(&a, s, size, &l);
	for (size_t i = 0; i < l.n; i++)
		if (!utf8_valid(l.v[i].name, strlen(l.v[i].name)) ||
		    !utf8_valid(l.v[i].value, strlen(l.v[i].value)))
			__builtin_trap();
	z = arena_strndup(&a, s, size);
	parse_cookies(&a, z, &l);
	path = url_decode(&a, s, size, 0);
	if (path != NULL) {
		memset(&r, 0, sizeof(r));
		r.arena = &a;
		r.method = size > 0 && data[0] & 1 ? M_POST : M_GET;
		r.path = path;
		router_match(table, sizeof(table) / sizeof(table[0]), &r,
		             &allow);
	}
	arena_free(&a);
	return 0;
}
