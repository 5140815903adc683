/* Checks of the tables that triggers keep from other tables (kyodo check)
 * and their rebuild (kyodo check --repair). The statements read whole
 * tables: they are prepared here with sqlite3_prepare_v2, not db_prep, and
 * never run on a request. */
#include "model/summaries.h"

/* The partners of project pp.project_id in their order, first one. */
#define ORDER_OF_PP                                                            \
	"project_partners x JOIN groups g ON g.id = x.group_id WHERE "         \
	"x.project_id = pp.project_id ORDER BY x.sort, x.group_id LIMIT 1"

/* What groups.field_codes of the group in groups should be
 * (schema/008_group_field_codes.sql). */
#define FIELD_CODES_OF_G                                                       \
	"coalesce((SELECT group_concat(field, ' ') FROM (SELECT field FROM "   \
	"group_fields WHERE group_id = groups.id ORDER BY field)), '')"

/* What project_noeval should hold (schema/011_staff_counts.sql): the
 * completed projects without the city's evaluation. */
#define NOEVAL_OF_P                                                            \
	"SELECT p.id AS project_id, p.department, p.fiscal_year FROM "         \
	"projects "                                                            \
	"p WHERE p.status = 'kanryo' AND NOT EXISTS (SELECT 1 FROM "           \
	"evaluations e WHERE e.project_id = p.id AND e.author_kind = 'city')"

/* What project_open_steps should hold (schema/015_staff_home.sql): the
 * steps not done that have a due date, with their project's
 * department. */
#define OPEN_STEPS_OF_PS                                                       \
	"SELECT ps.id AS step_id, p.department, ps.due_on FROM project_steps " \
	"ps JOIN projects p ON p.id = ps.project_id WHERE ps.done_on IS NULL " \
	"AND ps.due_on IS NOT NULL"

/* One summary: how kyodo check compares it and how a repair makes it
 * again. A diff statement gives one row per key where the kept value and
 * the source rows differ: (key, kept value or NULL for no row, source,
 * value from the source or NULL for no rows). In the count tables a
 * missing row and a row of zeros are the same count: the triggers never
 * delete a row whose count drops to 0, and a rebuild leaves none. */
static const struct kept {
	const char *name;    /* as printed */
	int since;           /* the schema version that made it */
	const char *source;  /* what it is kept from, in words */
	const char *diff;    /* the differences (NULL: partner_names_check) */
	const char *rebuild; /* statements that make it again */
} kept[SUM__MAX] = {
    [SUM_PROJECT_COUNTS] =
        {"project_counts", 1, "projects",
         "WITH k AS (SELECT fiscal_year, form, published, total FROM "
         "project_counts), a AS (SELECT fiscal_year, form, sum(published) AS "
         "published, count(*) AS total FROM projects GROUP BY fiscal_year, "
         "form) SELECT 'fiscal_year ' || fiscal_year || ', form ' || form, "
         "'published ' || k.published || ', total ' || k.total, 'projects', "
         "'published ' || a.published || ', total ' || a.total FROM (SELECT "
         "fiscal_year, form FROM k UNION SELECT fiscal_year, form FROM a) "
         "LEFT JOIN k USING (fiscal_year, form) LEFT JOIN a USING "
         "(fiscal_year, form) WHERE coalesce(k.published, 0) <> "
         "coalesce(a.published, 0) OR coalesce(k.total, 0) <> "
         "coalesce(a.total, 0) ORDER BY fiscal_year, form",
         "DELETE FROM project_counts; INSERT INTO project_counts "
         "(fiscal_year, form, published, total) SELECT fiscal_year, form, "
         "sum(published), count(*) FROM projects GROUP BY fiscal_year, "
         "form"},
    [SUM_PROJECT_YEAR_COUNTS] =
        {"project_year_counts", 5, "project_counts",
         "WITH k AS (SELECT fiscal_year, published FROM project_year_counts), "
         "a AS (SELECT fiscal_year, sum(published) AS published FROM "
         "project_counts GROUP BY fiscal_year) SELECT 'fiscal_year ' || "
         "fiscal_year, k.published, 'project_counts', a.published FROM "
         "(SELECT fiscal_year FROM k UNION SELECT fiscal_year FROM a) LEFT "
         "JOIN k USING (fiscal_year) LEFT JOIN a USING (fiscal_year) WHERE "
         "coalesce(k.published, 0) <> coalesce(a.published, 0) ORDER BY "
         "fiscal_year",
         "DELETE FROM project_year_counts; INSERT INTO project_year_counts "
         "(fiscal_year, published) SELECT fiscal_year, sum(published) FROM "
         "project_counts GROUP BY fiscal_year"},
    [SUM_PROJECT_FACET_COUNTS] =
        {"project_facet_counts", 5, "projects and project_fields",
         "WITH k AS (SELECT facet, code, fiscal_year, n FROM "
         "project_facet_counts), a AS (SELECT 'dp' AS facet, department AS "
         "code, fiscal_year, count(*) AS n FROM projects WHERE published = 1 "
         "GROUP BY department, fiscal_year UNION ALL SELECT 'dm', domain, "
         "fiscal_year, count(*) FROM projects WHERE published = 1 GROUP BY "
         "domain, fiscal_year UNION ALL SELECT 'fd', field, fiscal_year, "
         "count(*) FROM project_fields WHERE published = 1 GROUP BY field, "
         "fiscal_year) SELECT 'facet ' || facet || ', code ' || code || ', "
         "fiscal_year ' || fiscal_year, k.n, CASE facet WHEN 'fd' THEN "
         "'project_fields' ELSE 'projects' END, a.n FROM (SELECT facet, "
         "code, fiscal_year FROM k UNION SELECT facet, code, fiscal_year "
         "FROM a) LEFT JOIN k USING (facet, code, fiscal_year) LEFT JOIN a "
         "USING (facet, code, fiscal_year) WHERE coalesce(k.n, 0) <> "
         "coalesce(a.n, 0) ORDER BY facet, code, fiscal_year",
         "DELETE FROM project_facet_counts; INSERT INTO project_facet_counts "
         "(facet, code, fiscal_year, n) SELECT 'dp', department, "
         "fiscal_year, count(*) FROM projects WHERE published = 1 GROUP BY "
         "department, fiscal_year UNION ALL SELECT 'dm', domain, "
         "fiscal_year, count(*) FROM projects WHERE published = 1 GROUP BY "
         "domain, fiscal_year UNION ALL SELECT 'fd', field, fiscal_year, "
         "count(*) FROM project_fields WHERE published = 1 GROUP BY field, "
         "fiscal_year"},
    [SUM_GROUP_COUNTS] =
        {"group_counts", 1, "groups",
         "WITH k AS (SELECT status, kind, kana_row, n FROM group_counts), a "
         "AS (SELECT status, kind, kana_row, count(*) AS n FROM groups GROUP "
         "BY status, kind, kana_row) SELECT 'status ' || status || ', kind ' "
         "|| kind || ', kana_row ' || kana_row, k.n, 'groups', a.n FROM "
         "(SELECT status, kind, kana_row FROM k UNION SELECT status, kind, "
         "kana_row FROM a) LEFT JOIN k USING (status, kind, kana_row) LEFT "
         "JOIN a USING (status, kind, kana_row) WHERE coalesce(k.n, 0) <> "
         "coalesce(a.n, 0) ORDER BY status, kind, kana_row",
         "DELETE FROM group_counts; INSERT INTO group_counts (status, kind, "
         "kana_row, n) SELECT status, kind, kana_row, count(*) FROM groups "
         "GROUP BY status, kind, kana_row"},
    [SUM_GROUP_FIELD_COUNTS] =
        {"group_field_counts", 5, "group_fields",
         "WITH k AS (SELECT field, status, n FROM group_field_counts), a AS "
         "(SELECT field, status, count(*) AS n FROM group_fields GROUP BY "
         "field, status) SELECT 'field ' || field || ', status ' || status, "
         "k.n, 'group_fields', a.n FROM (SELECT field, status FROM k UNION "
         "SELECT field, status FROM a) LEFT JOIN k USING (field, status) "
         "LEFT JOIN a USING (field, status) WHERE coalesce(k.n, 0) <> "
         "coalesce(a.n, 0) ORDER BY field, status",
         "DELETE FROM group_field_counts; INSERT INTO group_field_counts "
         "(field, status, n) SELECT field, status, count(*) FROM "
         "group_fields GROUP BY field, status"},
    [SUM_GROUP_STATUS_COUNTS] =
        {"group_status_counts", 5, "group_counts",
         "WITH k AS (SELECT status, n FROM group_status_counts), a AS "
         "(SELECT status, sum(n) AS n FROM group_counts GROUP BY status) "
         "SELECT 'status ' || status, k.n, 'group_counts', a.n FROM (SELECT "
         "status FROM k UNION SELECT status FROM a) LEFT JOIN k USING "
         "(status) LEFT JOIN a USING (status) WHERE coalesce(k.n, 0) <> "
         "coalesce(a.n, 0) ORDER BY status",
         "DELETE FROM group_status_counts; INSERT INTO group_status_counts "
         "(status, n) SELECT status, sum(n) FROM group_counts GROUP BY "
         "status"},
    [SUM_PARTNER_NAMES] =
        {"project_partner_names", 7, "project_partners and groups", NULL,
         "DELETE FROM project_partner_names; INSERT INTO "
         "project_partner_names (project_id, n, first_id, first, second_id, "
         "second) SELECT project_id, count(*), min(CASE rn WHEN 1 THEN "
         "group_id END), min(CASE rn WHEN 1 THEN name END), min(CASE rn "
         "WHEN 2 THEN group_id END), min(CASE rn WHEN 2 THEN name END) FROM "
         "(SELECT pp.project_id, pp.group_id, g.name, row_number() OVER "
         "(PARTITION BY pp.project_id ORDER BY pp.sort, pp.group_id) AS rn "
         "FROM project_partners pp JOIN groups g ON g.id = pp.group_id) "
         "GROUP BY project_id"},
    /* only the groups whose copy is wrong are rewritten; no trigger
     * watches the column */
    [SUM_FIELD_CODES] = {"groups.field_codes", 8, "group_fields",
                         "SELECT 'group ' || id, quote(field_codes), "
                         "'group_fields', quote(f) FROM (SELECT id, "
                         "field_codes, " FIELD_CODES_OF_G " AS f FROM "
                         "groups) WHERE field_codes IS NOT f ORDER BY id",
                         "UPDATE groups SET field_codes = " FIELD_CODES_OF_G
                         " WHERE field_codes IS NOT " FIELD_CODES_OF_G},
    /* only the rows whose copy is wrong are rewritten; their triggers
     * move the rows' counts in group_field_filter_counts */
    [SUM_GROUP_FIELD_KIND] =
        {"group_fields.kind", 10, "groups",
         "SELECT 'group ' || gf.group_id || ', field ' || gf.field, "
         "quote(gf.kind), 'groups', quote(g.kind) FROM group_fields gf JOIN "
         "groups g ON g.id = gf.group_id WHERE gf.kind IS NOT g.kind ORDER "
         "BY gf.group_id, gf.field",
         "UPDATE group_fields SET kind = (SELECT kind FROM groups WHERE id = "
         "group_fields.group_id) WHERE kind IS NOT (SELECT kind FROM groups "
         "WHERE id = group_fields.group_id) AND EXISTS (SELECT 1 FROM groups "
         "WHERE id = group_fields.group_id)"},
    [SUM_GROUP_FIELD_FILTER_COUNTS] =
        {"group_field_filter_counts", 10, "group_fields",
         "WITH k AS (SELECT field, status, kind, kana_row, n FROM "
         "group_field_filter_counts), a AS (SELECT field, status, kind, "
         "kana_row, count(*) AS n FROM group_fields GROUP BY field, status, "
         "kind, kana_row) SELECT 'field ' || field || ', status ' || status "
         "|| ', kind ' || kind || ', kana_row ' || kana_row, k.n, "
         "'group_fields', a.n FROM (SELECT field, status, kind, kana_row "
         "FROM k UNION SELECT field, status, kind, kana_row FROM a) LEFT "
         "JOIN k USING (field, status, kind, kana_row) LEFT JOIN a USING "
         "(field, status, kind, kana_row) WHERE coalesce(k.n, 0) <> "
         "coalesce(a.n, 0) ORDER BY field, status, kind, kana_row",
         "DELETE FROM group_field_filter_counts; INSERT INTO "
         "group_field_filter_counts (field, status, kind, kana_row, n) "
         "SELECT field, status, kind, kana_row, count(*) FROM group_fields "
         "GROUP BY field, status, kind, kana_row"},
    [SUM_PROJECT_STATUS_COUNTS] =
        {"project_status_counts", 11, "projects",
         "WITH k AS (SELECT department, status, fiscal_year, n FROM "
         "project_status_counts), a AS (SELECT department, status, "
         "fiscal_year, count(*) AS n FROM projects GROUP BY department, "
         "status, fiscal_year) SELECT 'department ' || department || ', "
         "status ' || status || ', fiscal_year ' || fiscal_year, k.n, "
         "'projects', a.n FROM (SELECT department, status, fiscal_year FROM "
         "k UNION SELECT department, status, fiscal_year FROM a) LEFT JOIN k "
         "USING (department, status, fiscal_year) LEFT JOIN a USING "
         "(department, status, fiscal_year) WHERE coalesce(k.n, 0) <> "
         "coalesce(a.n, 0) ORDER BY department, status, fiscal_year",
         "DELETE FROM project_status_counts; INSERT INTO "
         "project_status_counts (department, status, fiscal_year, n) SELECT "
         "department, status, fiscal_year, count(*) FROM projects GROUP BY "
         "department, status, fiscal_year"},
    /* a set of projects, not counts: a row too many or too few, or one
     * whose department or year is not the project's */
    [SUM_PROJECT_NOEVAL] =
        {"project_noeval", 11, "projects and evaluations",
         "WITH k AS (SELECT project_id, department, fiscal_year FROM "
         "project_noeval), a AS (" NOEVAL_OF_P "), d AS (SELECT project_id "
         "FROM (SELECT * FROM k EXCEPT SELECT * FROM a) UNION SELECT "
         "project_id FROM (SELECT * FROM a EXCEPT SELECT * FROM k)) SELECT "
         "'project ' || project_id, 'department ' || k.department || ', "
         "fiscal_year ' || k.fiscal_year, 'projects and evaluations', "
         "'department ' || a.department || ', fiscal_year ' || "
         "a.fiscal_year FROM d LEFT JOIN k USING (project_id) LEFT JOIN a "
         "USING (project_id) ORDER BY project_id",
         "DELETE FROM project_noeval; INSERT INTO project_noeval "
         "(project_id, department, fiscal_year) " NOEVAL_OF_P},
    /* a set of steps: a row too many or too few, or one whose
     * department or due date is not its step's */
    [SUM_PROJECT_OPEN_STEPS] =
        {"project_open_steps", 15, "project_steps and projects",
         "WITH k AS (SELECT step_id, department, due_on FROM "
         "project_open_steps), a AS (" OPEN_STEPS_OF_PS "), d AS (SELECT "
         "step_id FROM (SELECT * FROM k EXCEPT SELECT * FROM a) UNION "
         "SELECT step_id FROM (SELECT * FROM a EXCEPT SELECT * FROM k)) "
         "SELECT 'step ' || step_id, 'department ' || k.department || ', "
         "due_on ' || k.due_on, 'project_steps and projects', 'department "
         "' || a.department || ', due_on ' || a.due_on FROM d LEFT JOIN k "
         "USING (step_id) LEFT JOIN a USING (step_id) ORDER BY step_id",
         "DELETE FROM project_open_steps; INSERT INTO project_open_steps "
         "(step_id, department, due_on) " OPEN_STEPS_OF_PS},
    [SUM_PROJECT_STATUS_TOTALS] =
        {"project_status_totals", 15, "project_status_counts",
         "WITH k AS (SELECT status, department, n FROM "
         "project_status_totals), a AS (SELECT status, department, sum(n) AS "
         "n FROM project_status_counts GROUP BY status, department) SELECT "
         "'status ' || status || ', department ' || department, k.n, "
         "'project_status_counts', a.n FROM (SELECT status, department FROM "
         "k UNION SELECT status, department FROM a) LEFT JOIN k USING "
         "(status, department) LEFT JOIN a USING (status, department) WHERE "
         "coalesce(k.n, 0) <> coalesce(a.n, 0) ORDER BY status, department",
         "DELETE FROM project_status_totals; INSERT INTO "
         "project_status_totals (status, department, n) SELECT status, "
         "department, sum(n) FROM project_status_counts GROUP BY status, "
         "department"},
};

const char *summary_name(enum summary s)
{
	return (unsigned)s < SUM__MAX ? kept[s].name : NULL;
}

/* Column col of st as text, or none when it is NULL. */
static const char *text_or(sqlite3_stmt *st, int col, const char *none)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t != NULL ? (const char *)t : none;
}

/* Print the differences of summary s (its diff statement) to out, at most
 * SUMMARY_LINES_MAX lines; *differs = 1 when there is any. Returns their
 * number (a statement that fails counts as one). */
static int diff_lines(sqlite3 *h, enum summary s, FILE *out, int *differs)
{
	const struct kept *k = &kept[s];
	sqlite3_stmt *st;
	int n = 0, rc;

	if (sqlite3_prepare_v2(h, k->diff, -1, &st, NULL) != SQLITE_OK) {
		fprintf(out, "  %s: cannot check (%s)\n", k->name,
		        sqlite3_errmsg(h));
		return 1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n < SUMMARY_LINES_MAX)
			fprintf(out, "  %s (%s): kept %s; from %s: %s\n",
			        k->name, text_or(st, 0, "?"),
			        text_or(st, 1, "no row"), text_or(st, 2, "?"),
			        text_or(st, 3, "no rows"));
		n++;
	}
	if (n > SUMMARY_LINES_MAX)
		fprintf(out, "  %s: %d more difference(s) not shown\n", k->name,
		        n - SUMMARY_LINES_MAX);
	*differs = n > 0;
	if (rc != SQLITE_DONE) {
		fprintf(out, "  %s: cannot check (%s)\n", k->name,
		        sqlite3_errmsg(h));
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/* Compare project_partner_names (schema/007_partner_names.sql) with the
 * partners and group names it summarises: one line to out when any
 * project's row differs; *differs = 1 then. Returns the problems (0 or
 * 1). */
static int partner_names_check(sqlite3 *h, FILE *out, int *differs)
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

	*differs = 0;
	if (sqlite3_prepare_v2(h, partner_names, -1, &st, NULL) != SQLITE_OK) {
		fprintf(out, "  project_partner_names: cannot check (%s)\n",
		        sqlite3_errmsg(h));
		return 1;
	}
	if (sqlite3_step(st) != SQLITE_ROW) {
		fprintf(out, "  project_partner_names: cannot check (%s)\n",
		        sqlite3_errmsg(h));
		problems = 1;
	} else if (sqlite3_column_int64(st, 0) > 0) {
		fprintf(out,
		        "  project_partner_names: the partner summary of %lld "
		        "project(s) differs from their partners (the first: "
		        "project %lld)\n",
		        sqlite3_column_int64(st, 0),
		        sqlite3_column_int64(st, 1));
		problems = 1;
		*differs = 1;
	}
	sqlite3_finalize(st);
	return problems;
}

int summaries_check(sqlite3 *h, int version, FILE *out, unsigned *wrong)
{
	int problems = 0;

	for (int s = 0; s < SUM__MAX; s++) {
		int differs = 0;

		if (version < kept[s].since)
			continue;
		if (kept[s].diff != NULL)
			problems += diff_lines(h, s, out, &differs);
		else
			problems += partner_names_check(h, out, &differs);
		if (differs && wrong != NULL)
			*wrong |= 1u << s;
	}
	return problems;
}

int summaries_repair(sqlite3 *h, int version, FILE *out, unsigned wrong)
{
	unsigned done = 0; /* the summaries rebuilt */
	char *err = NULL;
	int left;

	for (int s = 0; s < SUM__MAX; s++)
		if (version >= kept[s].since && (wrong & (1u << s)))
			done |= 1u << s;
	if (done == 0)
		return 0;
	if (sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK) {
		fprintf(out, "  not repaired: %s\n", err ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	for (int s = 0; s < SUM__MAX; s++) {
		if (!(done & (1u << s)))
			continue;
		if (sqlite3_exec(h, kept[s].rebuild, NULL, NULL, &err) !=
		    SQLITE_OK) {
			fprintf(out, "  not repaired: rebuilding %s: %s\n",
			        kept[s].name, err ? err : "?");
			sqlite3_free(err);
			goto rollback;
		}
	}
	/* what the rebuild gives must pass the check it is for; whatever
	 * still differs is printed */
	left = summaries_check(h, version, out, NULL);
	if (left > 0) {
		fprintf(out,
		        "  not repaired: %d problem(s) left after the "
		        "rebuild\n",
		        left);
		goto rollback;
	}
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, &err) != SQLITE_OK) {
		fprintf(out, "  not repaired: %s\n", err ? err : "?");
		sqlite3_free(err);
		goto rollback;
	}
	for (int s = 0; s < SUM__MAX; s++)
		if (done & (1u << s))
			fprintf(out, "  rebuilt %s from %s\n", kept[s].name,
			        kept[s].source);
	return 0;
rollback:
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
