/* The route table: every page, its method and the least role allowed.
 * The dispatcher (http/response.c) enforces method, role and same-origin
 * before any handler runs; handlers never re-check these. */
#include "pages/routes.h"

#include "pages/health.h"

const struct route routes[] = {
    {M_GET, "/healthz", page_healthz, ROLE_PUBLIC},
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

const char *const templates_all[] = {
    "layout.tpl",
    "error.tpl",
};

const size_t ntemplates_all = sizeof(templates_all) / sizeof(templates_all[0]);
