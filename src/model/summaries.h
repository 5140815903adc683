/* Checks of the tables that triggers keep from other tables, for kyodo
 * check: each is compared with the query that computes it from scratch. */
#ifndef KYODO_SUMMARIES_H
#define KYODO_SUMMARIES_H
#include <sqlite3.h>

/* Compare project_partner_names (schema/007_partner_names.sql) with the
 * partners and group names it summarises; print one line per problem
 * ("  project_partner_names: …") to standard output. version is the
 * database's schema version (nothing is checked below 6). Returns the
 * number of problems (a statement that fails counts as one). Reads every
 * project's partners: for the command line, never a request. */
int summaries_check(sqlite3 *h, int version);

#endif
