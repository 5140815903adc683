/* The demo data set: a fictional city (みなと市) for trying the portal, and
 * bulk data sets for benchmarks. */
#ifndef KYODO_DEMO_H
#define KYODO_DEMO_H
#include <sqlite3.h>

/* Load the data set named by scale into db, an already-migrated database,
 * in one transaction:
 *   "demo"  (or NULL) about 40 groups, 120 projects over 2024–2026 with
 *           partners, roles, indicators, steps and evaluations, and the
 *           demo accounts admin, staff, committee and group (password
 *           kyodo-demo) plus a few more staff;
 *   "city"  about 1,000 groups, 5,000 projects, 10,000 evaluations;
 *   "large" about 20,000 groups, 200,000 projects, 500,000 evaluations.
 * The data are deterministic: the same scale gives the same rows (but for
 * the password hash's salt). Every scale has the demo accounts, so a
 * benchmark can log in. Returns 0, or -1 with a message on stderr (the
 * transaction is then rolled back). */
int demo_load(sqlite3 *db, const char *scale);
#endif
