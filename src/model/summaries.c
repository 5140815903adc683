/* Checks of the tables that triggers keep from other tables (kyodo check).
 * The statements read whole tables: they are prepared here with
 * sqlite3_prepare_v2, not db_prep, and never run on a request. */
#include "model/summaries.h"

#include <stdio.h>

/* The partners of project pp.project_id in their order, first one. */
#define ORDER_OF_PP                                                            \
	"project_partners x JOIN groups g ON g.id = x.group_id WHERE "         \
	"x.project_id = pp.project_id ORDER BY x.sort, x.group_id LIMIT 1"

int summaries_check(sqlite3 *h, int version)
{
	/* the projects whose summary row differs from what their partners
	 * give (the count; the first two groups by sort, group_id), in either
	 * direction: a wrong, a missing or a superfluous row */
	static const char partner_names[] =
	    "WITH r AS (SELECT pp.project_id, count(*), (SELECT x.group_id "
	    "FROM " ORDER_OF_PP "), (SELECT g.name FROM " ORDER_OF_PP "), "
	    "(SELECT x.group_id FROM " ORDER_OF_PP " OFFSET 1), (SELECT "
	    "g.name FROM " ORDER_OF_PP " OFFSET 1) FROM project_partners pp "
	    "JOIN groups g ON g.id = pp.group_id GROUP BY pp.project_id), s "
	    "AS (SELECT project_id, n, first_id, first, second_id, second FROM "
	    "project_partner_names), d AS (SELECT project_id FROM (SELECT * "
	    "FROM s EXCEPT SELECT * FROM r) UNION SELECT project_id FROM "
	    "(SELECT * FROM r EXCEPT SELECT * FROM s)) SELECT count(*), "
	    "min(project_id) FROM d";
	sqlite3_stmt *st;
	int problems = 0;

	if (version < 7)
		return 0;
	if (sqlite3_prepare_v2(h, partner_names, -1, &st, NULL) != SQLITE_OK) {
		printf("  project_partner_names: cannot check (%s)\n",
		       sqlite3_errmsg(h));
		return 1;
	}
	if (sqlite3_step(st) != SQLITE_ROW) {
		printf("  project_partner_names: cannot check (%s)\n",
		       sqlite3_errmsg(h));
		problems = 1;
	} else if (sqlite3_column_int64(st, 0) > 0) {
		printf("  project_partner_names: the partner summary of %lld "
		       "project(s) differs from their partners (the first: "
		       "project %lld)\n",
		       sqlite3_column_int64(st, 0),
		       sqlite3_column_int64(st, 1));
		problems = 1;
	}
	sqlite3_finalize(st);
	return problems;
}
