/* The route table (src/pages/routes.c). */
#ifndef KYODO_ROUTES_H
#define KYODO_ROUTES_H
#include <stddef.h>

#include "http/router.h"

extern const struct route routes[]; /* every page of the portal */
extern const size_t nroutes;        /* rows in routes[] */

/* Templates every page may use, preloaded by each worker at start. */
extern const char *const templates_all[];
extern const size_t ntemplates_all;
#endif
