/* Router: pattern matching, params, 404 vs 405 with Allow; dispatcher. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http/response.h"
#include "http/router.h"
#include "server/config.h"

static enum hstatus h_a(struct request *r)
{
	(void)r;
	return HS_OK;
}
static enum hstatus h_b(struct request *r)
{
	(void)r;
	return HS_OK;
}
static enum hstatus h_c(struct request *r)
{
	(void)r;
	return HS_OK;
}
static enum hstatus h_d(struct request *r)
{
	(void)r;
	return HS_OK;
}

static const struct route table[] = {
    {M_GET, "/", h_a, ALLOW_PUBLIC, TX_READ},
    {M_GET, "/projects", h_b, ALLOW_PUBLIC, TX_READ},
    {M_GET, "/projects/:id", h_c, ALLOW_PUBLIC, TX_READ},
    {M_POST, "/staff/projects/:id/edit", h_d, ALLOW_STAFF, TX_OWN},
    {M_GET, "/staff/projects/:id/edit", h_d, ALLOW_STAFF, TX_READ},
    {M_GET, "/committee/reports/:year.csv", h_a, ALLOW_COMMITTEE, TX_READ},
    {M_GET, "/committee/reports/:year", h_b, ALLOW_COMMITTEE, TX_READ},
};
#define N (sizeof(table) / sizeof(table[0]))

/* Match method+path; returns the result and fills *r. */
static enum match try(struct arena *a, struct request *r, enum method m,
                      const char *path, const char **allow)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->method = m;
	r->path = path;
	return router_match(table, N, r, allow);
}

static void test_match(void **state)
{
	struct arena a;
	struct request r;
	const char *allow = NULL;
	static const struct {
		enum method m;
		const char *path;
		enum match want;
		handler_fn h;
		const char *p0;
	} cases[] = {
	    {M_GET, "/", MATCH_OK, h_a, NULL},
	    {M_HEAD, "/", MATCH_OK, h_a, NULL},
	    {M_GET, "/projects", MATCH_OK, h_b, NULL},
	    {M_GET, "/projects/12", MATCH_OK, h_c, "12"},
	    {M_GET, "/projects/", MATCH_NONE, NULL, NULL},
	    {M_GET, "/projects/12/", MATCH_NONE, NULL, NULL},
	    {M_GET, "/projects/12/x", MATCH_NONE, NULL, NULL},
	    {M_GET, "/projectsx", MATCH_NONE, NULL, NULL},
	    {M_GET, "/nowhere", MATCH_NONE, NULL, NULL},
	    {M_GET, "", MATCH_NONE, NULL, NULL},
	    {M_POST, "/projects", MATCH_METHOD, NULL, NULL},
	    {M_OTHER, "/projects/3", MATCH_METHOD, NULL, NULL},
	    {M_POST, "/staff/projects/7/edit", MATCH_OK, h_d, "7"},
	    {M_GET, "/committee/reports/2024.csv", MATCH_OK, h_a, "2024"},
	    {M_GET, "/committee/reports/2024", MATCH_OK, h_b, "2024"},
	    {M_GET, "/committee/reports/.csv", MATCH_OK, h_b, ".csv"},
	};

	(void)state;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum match got = try(&a, &r, cases[i].m, cases[i].path, &allow);

		assert_int_equal(got, cases[i].want);
		if (got == MATCH_OK) {
			assert_ptr_equal(r.route->handler, cases[i].h);
			if (cases[i].p0 != NULL)
				assert_string_equal(req_param(&r, 0),
				                    cases[i].p0);
			else
				assert_int_equal(r.nparams, 0);
		}
	}
	assert_int_equal(try(&a, &r, M_POST, "/projects", &allow),
	                 MATCH_METHOD);
	assert_string_equal(allow, "GET, HEAD");
	assert_int_equal(try(&a, &r, M_OTHER, "/staff/projects/1/edit", &allow),
	                 MATCH_METHOD);
	assert_string_equal(allow, "GET, HEAD, POST");
	arena_free(&a);
}

static void test_same_origin(void **state)
{
	struct config cfg;
	struct request r;
	static const struct {
		const char *origin, *referer;
		int want;
	} cases[] = {
	    {"http://127.0.0.1:8080", NULL, 1},
	    {NULL, "http://127.0.0.1:8080/staff/projects/1/edit", 1},
	    {"http://127.0.0.1:8080.evil.example", NULL, 0},
	    {"http://evil.example", "http://127.0.0.1:8080/", 0},
	    {NULL, "http://127.0.0.1:80800/", 0},
	    {"null", NULL, 0},
	    {NULL, NULL, 0},
	};

	(void)state;
	config_defaults(&cfg);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&r, 0, sizeof(r));
		r.cfg = &cfg;
		r.origin = cases[i].origin;
		r.referer = cases[i].referer;
		assert_int_equal(same_origin(&r), cases[i].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_match),
	    cmocka_unit_test(test_same_origin),
	};
	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
