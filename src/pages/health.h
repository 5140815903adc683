/* Health check page. */
#ifndef KYODO_HEALTH_H
#define KYODO_HEALTH_H
#include "http/router.h"

/* GET /healthz — "ok" when the database answers a query, else 503. */
enum hstatus page_healthz(struct request *r);
#endif
