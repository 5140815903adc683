/* The staff-side lists: the count of groups of a status and the queue
 * of 申請中 groups (the staff group list itself is groups_staff_list() in
 * groups.c, paged as the directory is), projects of a department, the
 * dashboard's counts and to-do lists, and the choice lists of the
 * forms. Optional filters are fixed literal statements with "?N IS NULL
 * OR" conditions. Every statement is a SQL literal with bound parameters. */
#include <limits.h>
#include <string.h>

#include "model/groups_write.h"
#include "model/projects_write.h"
#include "util/log.h"

/* Read the rows of a staff group statement (already bound) into *out. */
static enum mstatus read_rows(struct db *db, struct arena *a, sqlite3_stmt *st,
                              struct group_staff_row **out, size_t *n)
{
	struct model_rows r = {st, 0, 0, 0};
	struct group_staff_row *g;

	*out = NULL;
	*n = 0;
	while ((g = model_row(a, &r, (void **)out, n, sizeof(**out))) != NULL) {
		g->id = sqlite3_column_int64(st, 0);
		g->name = model_text(a, st, 1, &r.oom);
		g->kana = model_text(a, st, 2, &r.oom);
		g->kind_name = model_text(a, st, 3, &r.oom);
		g->status_code = model_text(a, st, 4, &r.oom);
		g->status_name = model_text(a, st, 5, &r.oom);
		g->updated_at = model_text(a, st, 6, &r.oom);
	}
	return model_rows_end(db, &r, "staff groups");
}

enum mstatus groups_staff_count(struct db *db, const char *status, long long *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT coalesce(sum(n), 0) FROM "
	                               "group_status_counts WHERE status = ?1");
	int rc;

	*n = 0;
	if (st == NULL)
		return MS_DB;
	model_bind_opt(st, 1, status);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? MS_OK : MS_DB;
}

/* The oldest applications first, from the queue index of schema 016 (the
 * planner would rather take groups_status_kana and sort every 申請中 group). */
enum mstatus groups_pending(struct db *db, struct arena *a, int limit,
                            struct group_staff_row **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT g.id, g.name, g.kana, k.name, g.status, s.name, "
	        "datetime(g.updated_at, 'localtime') FROM groups g INDEXED BY "
	        "groups_status_queue JOIN group_kinds k ON k.code = "
	        "g.kind JOIN group_statuses s ON s.code = g.status WHERE "
	        "g.status = 'shinsei' ORDER BY coalesce(g.applied_on, "
	        "g.created_at), g.id LIMIT ?1");

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int(st, 1, limit);
	return read_rows(db, a, st, out, n);
}

enum mstatus groups_names(struct db *db, struct arena *a, struct code_list *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT CAST(id AS TEXT), name FROM "
	                               "groups ORDER BY name, id");

	out->v = NULL;
	out->n = 0;
	return model_code_list(db, a, st, out, "group options");
}

enum mstatus group_name(struct db *db, struct arena *a, long long id,
                        const char **name)
{
	sqlite3_stmt *st = db_prep(db, "SELECT name FROM groups WHERE id = ?1");

	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	return model_one_text(db, a, st, name, NULL);
}

enum mstatus group_statuses(struct db *db, struct arena *a,
                            struct code_list *out)
{
	sqlite3_stmt *st = db_prep(db, "SELECT code, name FROM group_statuses "
	                               "ORDER BY sort, code");

	out->v = NULL;
	out->n = 0;
	return model_code_list(db, a, st, out, "code list");
}

enum mstatus project_choices(struct db *db, struct arena *a, enum pchoice c,
                             struct code_list *out)
{
	sqlite3_stmt *st = NULL;

	out->v = NULL;
	out->n = 0;
	switch (c) {
	case PC_PROPOSAL:
		st = db_prep(db, "SELECT code, name FROM proposal_types ORDER "
		                 "BY sort, code");
		break;
	case PC_STATUS:
		st = db_prep(db, "SELECT code, name FROM project_statuses "
		                 "ORDER BY sort, code");
		break;
	case PC_ROLE:
		st = db_prep(db, "SELECT code, name FROM partner_roles WHERE "
		                 "active = 1 ORDER BY sort, code");
		break;
	case PC_ROLE_ALL:
		st =
		    db_prep(db, "SELECT code, name FROM partner_roles ORDER BY "
		                "sort, code");
		break;
	case PC_POLICY:
		st = db_prep(
		    db, "SELECT CAST(pp.id AS TEXT), p.name || ' ' || "
		        "pp.code || ' ' || pp.title FROM plan_policies pp "
		        "JOIN plans p ON p.id = pp.plan_id WHERE pp.active "
		        "= 1 AND p.active = 1 ORDER BY p.first_year DESC, "
		        "p.id, pp.sort, pp.code");
		break;
	case PC_POLICY_ALL:
		st =
		    db_prep(db, "SELECT CAST(pp.id AS TEXT), p.name || ' ' || "
		                "pp.code || ' ' || pp.title FROM plan_policies "
		                "pp JOIN plans p ON p.id = pp.plan_id ORDER BY "
		                "p.first_year DESC, p.id, pp.sort, pp.code");
		break;
	case PC_DEPT_ALL:
		st = db_prep(db, "SELECT code, name FROM departments ORDER BY "
		                 "sort, code");
		break;
	case PC__MAX: break;
	}
	return model_code_list(db, a, st, out, "code list");
}

/* Read the rows of a bound staff project statement into *out (columns:
 * id, year, title, form code, dept code, status code, published, note;
 * the names are the page's, see struct project_staff_row). */
static enum mstatus read_projects(struct db *db, struct arena *a,
                                  sqlite3_stmt *st,
                                  struct project_staff_row **out, size_t *n)
{
	struct model_rows r = {st, 0, 0, 0};
	struct project_staff_row *p;

	*out = NULL;
	*n = 0;
	while ((p = model_row(a, &r, (void **)out, n, sizeof(**out))) != NULL) {
		p->id = sqlite3_column_int64(st, 0);
		p->year = sqlite3_column_int(st, 1);
		p->title = model_text(a, st, 2, &r.oom);
		p->form_code = model_text(a, st, 3, &r.oom);
		p->dept_code = model_text(a, st, 4, &r.oom);
		p->status_code = model_text(a, st, 5, &r.oom);
		p->published = sqlite3_column_int(st, 6);
		p->note = model_text(a, st, 7, &r.oom);
	}
	return model_rows_end(db, &r, "staff projects");
}

/* The columns of a staff project row, read by read_projects() (the note
 * column empty); no joins to the master tables, whose names the page
 * takes from the fragment store (≈ 6 k instructions a row less). */
#define PROJECT_COLS                                                           \
	"p.id, p.fiscal_year, p.title, p.form, p.department, p.status, "       \
	"p.published, "
#define STAFF_ROW PROJECT_COLS "'' FROM projects p "

/* A page in two seeks, each on the index of its filters: the rows of
 * 年度 ?3 from id ?5 down (IN_YEAR), then, when they are fewer than the
 * page, the newest rows of the years before ?3 (OLDER); at most ?4 rows
 * each. (A row value "(p.fiscal_year, p.id) <= (?3, ?5)" would bound the
 * year only: SQLite would walk the year's newer rows to reach id ?5.) */
#define IN_YEAR "p.fiscal_year = ?3 AND p.id <= ?5 ORDER BY p.id DESC LIMIT ?4"
#define OLDER                                                                  \
	"p.fiscal_year < ?3 ORDER BY p.fiscal_year DESC, p.id DESC LIMIT ?4"

/* The id of the row ?4 rows after the newest of 年度 ?3 (department ?1
 * and/or status ?2, or neither): from the index alone, never the
 * table. */
#define FIRST_OF_YEAR "ORDER BY id DESC LIMIT 1 OFFSET ?4"

/* The statements of a page, by what they read. */
enum page_part {
	PP_FIRST,   /* the id of the page's first row */
	PP_IN_YEAR, /* the page's rows in that row's year */
	PP_OLDER,   /* the page's rows in the years before */
};

/* Prepare statement part of filters k (bit 1: department ?1, bit 2:
 * status ?2). */
static sqlite3_stmt *page_stmt(struct db *db, int k, enum page_part part)
{
	switch (part * 4 + k) {
	case 0:
		return db_prep(db, "SELECT id FROM projects WHERE fiscal_year "
		                   "= ?3 " FIRST_OF_YEAR);
	case 1:
		return db_prep(db, "SELECT id FROM projects WHERE department = "
		                   "?1 AND fiscal_year = ?3 " FIRST_OF_YEAR);
	case 2:
		return db_prep(db, "SELECT id FROM projects WHERE status = ?2 "
		                   "AND fiscal_year = ?3 " FIRST_OF_YEAR);
	case 3:
		return db_prep(db, "SELECT id FROM projects WHERE department = "
		                   "?1 AND status = ?2 AND fiscal_year = "
		                   "?3 " FIRST_OF_YEAR);
	case 4: return db_prep(db, "SELECT " STAFF_ROW "WHERE " IN_YEAR);
	case 5:
		return db_prep(db, "SELECT " STAFF_ROW
		                   "WHERE p.department = ?1 AND " IN_YEAR);
	case 6:
		return db_prep(db, "SELECT " STAFF_ROW
		                   "WHERE p.status = ?2 AND " IN_YEAR);
	case 7:
		return db_prep(db, "SELECT " STAFF_ROW
		                   "WHERE p.department = ?1 AND "
		                   "p.status = ?2 AND " IN_YEAR);
	case 8: return db_prep(db, "SELECT " STAFF_ROW "WHERE " OLDER);
	case 9:
		return db_prep(db, "SELECT " STAFF_ROW
		                   "WHERE p.department = ?1 AND " OLDER);
	case 10:
		return db_prep(db, "SELECT " STAFF_ROW
		                   "WHERE p.status = ?2 AND " OLDER);
	default:
		return db_prep(db, "SELECT " STAFF_ROW
		                   "WHERE p.department = ?1 AND "
		                   "p.status = ?2 AND " OLDER);
	}
}

/* Bind the filters of a page statement: department ?1, status ?2 (both
 * may be absent from it: binding an unused number is harmless). */
static void bind_page(sqlite3_stmt *st, const char *dept, const char *status)
{
	model_bind_opt(st, 1, dept);
	model_bind_opt(st, 2, status);
}

/* From the counts per year of project_status_counts (newest first): the
 * total, and the year whose rows hold row offset (0 from the newest) with
 * the rows of that year before it; *year 0 when offset is past the
 * last row. */
static enum mstatus page_year(struct db *db, const char *dept, int year,
                              const char *status, long long offset,
                              long long *total, int *at, long long *within)
{
	/* one literal statement per filter shape, so that each seeks the
	 * summary's key (department, status, …) or its status index instead
	 * of testing every row against "?1 IS NULL OR …"; the year as a
	 * range, ?3 to ?4 (one year, or every year), which the seek takes
	 * after the equalities ("?3 = 0 OR fiscal_year = ?3" read every year
	 * of the status: 20 at large scale) */
	sqlite3_stmt *st;
	int rc;

	*total = 0;
	*at = 0;
	*within = 0;
	if (dept != NULL && status != NULL)
		st = db_prep(db, "SELECT fiscal_year, n FROM "
		                 "project_status_counts WHERE department = ?1 "
		                 "AND status = ?2 AND fiscal_year BETWEEN ?3 "
		                 "AND ?4 ORDER BY fiscal_year DESC");
	else if (dept != NULL)
		st = db_prep(db, "SELECT fiscal_year, sum(n) FROM "
		                 "project_status_counts WHERE department = ?1 "
		                 "AND fiscal_year BETWEEN ?3 AND ?4 GROUP BY "
		                 "fiscal_year ORDER BY fiscal_year DESC");
	else if (status != NULL)
		st = db_prep(db, "SELECT fiscal_year, sum(n) FROM "
		                 "project_status_counts WHERE status = ?2 AND "
		                 "fiscal_year BETWEEN ?3 AND ?4 GROUP BY "
		                 "fiscal_year ORDER BY fiscal_year DESC");
	else
		st = db_prep(db, "SELECT fiscal_year, sum(n) FROM "
		                 "project_status_counts WHERE fiscal_year "
		                 "BETWEEN ?3 AND ?4 GROUP BY fiscal_year ORDER "
		                 "BY fiscal_year DESC");
	if (st == NULL)
		return MS_DB;
	bind_page(st, dept, status);
	sqlite3_bind_int(st, 3, year);
	sqlite3_bind_int(st, 4, year != 0 ? year : INT_MAX);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long n = sqlite3_column_int64(st, 1);

		if (*at == 0 && n > 0 && offset < *total + n) {
			*at = sqlite3_column_int(st, 0);
			*within = offset - *total;
		}
		*total += n;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("project_status_counts: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return MS_OK;
}

enum mstatus projects_staff_page(struct db *db, struct arena *a,
                                 const char *dept, int year, const char *status,
                                 int limit, long long offset,
                                 struct project_staff_row **out, size_t *n,
                                 long long *total)
{
	int k = (dept != NULL ? 1 : 0) + (status != NULL ? 2 : 0), at, rc;
	long long within, first;
	struct project_staff_row *more;
	size_t nmore;
	sqlite3_stmt *st;
	enum mstatus ms;

	*out = NULL;
	*n = 0;
	ms = page_year(db, dept, year, status, offset, total, &at, &within);
	if (ms != MS_OK || at == 0 || limit <= 0)
		return ms;
	/* the page's first row: walk the index of its year only */
	if ((st = page_stmt(db, k, PP_FIRST)) == NULL)
		return MS_DB;
	bind_page(st, dept, status);
	sqlite3_bind_int(st, 3, at);
	sqlite3_bind_int64(st, 4, within);
	rc = sqlite3_step(st);
	first = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE) /* the counts are ahead of the rows */
		return MS_OK;
	if (rc != SQLITE_ROW) {
		log_err("staff projects: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	if ((st = page_stmt(db, k, PP_IN_YEAR)) == NULL)
		return MS_DB;
	bind_page(st, dept, status);
	sqlite3_bind_int(st, 3, at);
	sqlite3_bind_int(st, 4, limit);
	sqlite3_bind_int64(st, 5, first);
	if ((ms = read_projects(db, a, st, out, n)) != MS_OK)
		return ms;
	/* one year only (the filter), or the page is full */
	if (year != 0 || *n >= (size_t)limit)
		return MS_OK;
	if ((st = page_stmt(db, k, PP_OLDER)) == NULL)
		return MS_DB;
	bind_page(st, dept, status);
	sqlite3_bind_int(st, 3, at);
	sqlite3_bind_int(st, 4, limit - (int)*n);
	if ((ms = read_projects(db, a, st, &more, &nmore)) != MS_OK)
		return ms;
	if (nmore > 0) {
		struct project_staff_row *all =
		    arena_alloc(a, (*n + nmore) * sizeof(*all));

		if (all == NULL)
			return MS_NOMEM;
		if (*n > 0)
			memcpy(all, *out, *n * sizeof(*all));
		memcpy(all + *n, more, nmore * sizeof(*all));
		*out = all;
		*n += nmore;
	}
	return MS_OK;
}

enum mstatus projects_status_counts(struct db *db, struct arena *a,
                                    const char *dept, struct status_count **out,
                                    size_t *n)
{
	/* from project_status_totals (schema/015): a department's by its
	 * key (status, department), every department's the departments'
	 * rows of the status; neither reads a row per year */
	sqlite3_stmt *st =
	    dept != NULL
	        ? db_prep(db, "SELECT s.code, s.name, coalesce((SELECT t.n "
	                      "FROM project_status_totals t WHERE t.status = "
	                      "s.code AND t.department = ?1), 0) FROM "
	                      "project_statuses s ORDER BY s.sort, s.code")
	        : db_prep(db, "SELECT s.code, s.name, (SELECT "
	                      "coalesce(sum(t.n), 0) FROM "
	                      "project_status_totals t WHERE t.status = "
	                      "s.code) FROM project_statuses s ORDER BY "
	                      "s.sort, s.code");
	struct model_rows r = {st, 0, 0, 0};
	struct status_count *c;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	model_bind_opt(st, 1, dept);
	while ((c = model_row(a, &r, (void **)out, n, sizeof(**out))) != NULL) {
		c->code = model_text(a, st, 0, &r.oom);
		c->name = model_text(a, st, 1, &r.oom);
		c->n = sqlite3_column_int64(st, 2);
	}
	return model_rows_end(db, &r, "projects_status_counts");
}

/* The completed projects without the city's evaluation (project_noeval,
 * schema/011) as staff project rows with their note. */
#define NOEVAL_NOTE "'完了後の行政側自己評価が未登録'"
#define NOEVAL_ROW                                                             \
	PROJECT_COLS NOEVAL_NOTE " FROM project_noeval x JOIN projects p ON "  \
	                         "p.id = x.project_id "

/* The unpublished projects (not 不採択) as staff project rows with their
 * note; a condition or the order follows. */
#define UNPUB_ROW                                                              \
	PROJECT_COLS "'非公開' FROM projects p WHERE p.published = 0 AND "  \
	             "p.status <> 'fusaitaku' "

/* The overdue step of a row (its kind and due date) as its note, and the
 * joins from the step ps. */
#define OVERDUE_NOTE "k.name || '（期限 ' || ps.due_on || '）' "
#define OVERDUE_JOINS                                                          \
	"JOIN projects p ON p.id = ps.project_id JOIN step_kinds k ON k.form " \
	"= ps.form AND k.code = ps.step "

/* Read a to-do list: bind its department (?1, NULL or "": every one) and
 * its limit (?2), then read its rows as read_projects(). MS_DB when st is
 * NULL (the list left empty). */
static enum mstatus read_todo(struct db *db, struct arena *a, sqlite3_stmt *st,
                              const char *dept, int limit,
                              struct project_staff_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	model_bind_opt(st, 1, dept);
	sqlite3_bind_int(st, 2, limit);
	return read_projects(db, a, st, out, n);
}

enum mstatus projects_todo(struct db *db, struct arena *a, const char *dept,
                           int limit, struct project_staff_row **noeval,
                           size_t *nnoeval, struct project_staff_row **unpub,
                           size_t *nunpub, struct project_staff_row **overdue,
                           size_t *noverdue)
{
	sqlite3_stmt *st;
	enum mstatus ms;

	/* project_noeval (schema/011) holds exactly these projects: a
	 * department's by project_noeval_dept, every one's by
	 * project_noeval_year, newest first */
	if (dept != NULL)
		st = db_prep(db, "SELECT " NOEVAL_ROW
		                 "WHERE x.department = ?1 ORDER BY "
		                 "x.fiscal_year DESC, x.project_id "
		                 "DESC LIMIT ?2");
	else
		st = db_prep(db, "SELECT " NOEVAL_ROW
		                 "ORDER BY x.fiscal_year DESC, "
		                 "x.project_id DESC LIMIT ?2");
	if ((ms = read_todo(db, a, st, dept, limit, noeval, nnoeval)) != MS_OK)
		return ms;

	/* a department's by projects_pub_dept, every one's by
	 * projects_pub_year */
	if (dept != NULL)
		st = db_prep(db, "SELECT " UNPUB_ROW
		                 "AND p.department = ?1 ORDER BY "
		                 "p.fiscal_year DESC, p.id DESC LIMIT "
		                 "?2");
	else
		st = db_prep(db, "SELECT " UNPUB_ROW
		                 "ORDER BY p.fiscal_year DESC, p.id "
		                 "DESC LIMIT ?2");
	if ((ms = read_todo(db, a, st, dept, limit, unpub, nunpub)) != MS_OK)
		return ms;

	/* a department's open steps from project_open_steps (schema/015)
	 * in due order, every department's from project_steps_open: both
	 * read exactly the rows they list */
	if (dept != NULL)
		st = db_prep(db, "SELECT " PROJECT_COLS OVERDUE_NOTE
		                 "FROM project_open_steps o JOIN project_steps "
		                 "ps ON ps.id = o.step_id " OVERDUE_JOINS
		                 "WHERE o.department = ?1 AND o.due_on < "
		                 "date('now', 'localtime') ORDER BY o.due_on, "
		                 "o.step_id LIMIT ?2");
	else
		st = db_prep(db, "SELECT " PROJECT_COLS OVERDUE_NOTE
		                 "FROM project_steps ps " OVERDUE_JOINS
		                 "WHERE ps.done_on IS NULL AND ps.due_on < "
		                 "date('now', 'localtime') ORDER BY ps.due_on, "
		                 "ps.id LIMIT ?2");
	return read_todo(db, a, st, dept, limit, overdue, noverdue);
}
