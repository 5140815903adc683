/* The route table: every page, its method and who may use it (an ALLOW_*
 * set of roles, http/router.h). The dispatcher (http/response.c) enforces
 * method, role, same-origin and the CSRF token before any handler runs;
 * handlers never re-check these. Every row is also a row of the permission
 * matrix in tests/unit/test_auth.c. */
#include "pages/routes.h"

#include "pages/health.h"

const struct route routes[] = {
    {M_GET, "/healthz", page_healthz, ALLOW_PUBLIC},
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

const char *const templates_all[] = {
    "layout.tpl",
    "error.tpl",
};

const size_t ntemplates_all = sizeof(templates_all) / sizeof(templates_all[0]);
