/* Checks of the tables that triggers keep from other tables, for kyodo
 * check: each is compared with the query that computes it from scratch,
 * and can be rebuilt from it (kyodo check --repair). */
#ifndef KYODO_SUMMARIES_H
#define KYODO_SUMMARIES_H
#include <sqlite3.h>
#include <stdio.h>

/* What triggers keep, in the order a repair rebuilds them (a table summed
 * from another comes after it). Bit (1u << s) of a mask stands for s. */
enum summary {
	SUM_PROJECT_COUNTS,       /* project_counts (schema/001) */
	SUM_PROJECT_YEAR_COUNTS,  /* project_year_counts (005): sums of
	                             project_counts */
	SUM_PROJECT_FACET_COUNTS, /* project_facet_counts (005) */
	SUM_GROUP_COUNTS,         /* group_counts (001) */
	SUM_GROUP_FIELD_COUNTS,   /* group_field_counts (005) */
	SUM_GROUP_STATUS_COUNTS,  /* group_status_counts (005): sums of
	                             group_counts */
	SUM_PARTNER_NAMES,        /* project_partner_names (007) */
	SUM_FIELD_CODES,          /* groups.field_codes (008) */
	SUM_GROUP_FIELD_KIND,     /* group_fields.kind (010): the group's */
	SUM_GROUP_FIELD_FILTER_COUNTS, /* group_field_filter_counts (010),
	                                  after the kinds it counts by */
	SUM_PROJECT_STATUS_COUNTS,     /* project_status_counts (011) */
	SUM_PROJECT_NOEVAL,            /* project_noeval (011): completed
	                                  projects without the city's
	                                  evaluation */
	SUM_PROJECT_OPEN_STEPS,        /* project_open_steps (015): steps not
	                                  done, with their project's
	                                  department */
	SUM_PROJECT_STATUS_TOTALS,     /* project_status_totals (015): sums of
	                                  project_status_counts */
	SUM__MAX
};

/* The name of s as kyodo check prints it ("project_counts",
 * "groups.field_codes"); NULL for s >= SUM__MAX. */
const char *summary_name(enum summary s);

/* Compare every summary that schema version version has with the rows it
 * is kept from, and print one line per problem to out:
 *   "  project_counts (fiscal_year 2024, form hojo): kept published 1,
 *    total 3; from projects: published 1, total 2"
 * for each key of a count table whose kept value differs from its GROUP
 * BY query (a missing row counts as zero: "kept no row"; a key with no
 * source rows: "from projects: no rows"), one line per group whose
 * field_codes is wrong and per group_fields row whose kind is not its
 * group's, and one line for the partner summary with how
 * many projects differ. At most SUMMARY_LINES_MAX lines per summary, then
 * how many more. Sets bit (1u << s) of *wrong (when not NULL) for each
 * summary s that differs. Returns the number of problems (a differing key
 * or group, the partner summary as one, a statement that fails as one).
 * Reads whole tables: for the command line, never a request. */
int summaries_check(sqlite3 *h, int version, FILE *out, unsigned *wrong);

/* Lines printed per summary by summaries_check, at most. */
#define SUMMARY_LINES_MAX 50

/* Rebuild the summaries whose bit is set in wrong (those version has)
 * from their source rows, in one transaction (BEGIN IMMEDIATE … COMMIT),
 * in enum order; compare every summary again before the commit and roll
 * back when any still differs. Prints "  rebuilt NAME from SOURCE" per
 * summary to out, or why nothing was changed. Must not be called inside
 * a transaction. 0 when committed, -1 when rolled back (the database as
 * it was). */
int summaries_repair(sqlite3 *h, int version, FILE *out, unsigned wrong);

#endif
