/* Published projects: the list with its filters, the top page's counts, one
 * project with everything public about it.
 *
 * The list walks one index in (fiscal_year DESC, id DESC) order and never
 * sorts: the statement is chosen by which filter drives it (担当課, 分野,
 * 形態, 領域, else 年度), each has its own index ending in the sort columns
 * (see schema/001_init.sql), the year filter is always a range (absent =
 * the whole range) so it stays an index constraint, and the other filters
 * are `(? IS NULL OR EXISTS (probe))` tests into their covering indexes.
 * Paging is OFFSET over the driving index; when only year/form filter, or
 * one of 担当課/分野/領域 alone (with or without 年度), a summary
 * (project_year_counts, project_counts, project_facet_counts) gives the
 * total and lets the query start at the right fiscal year and walk that
 * year from its nearer end, so the OFFSET never walks more than half a
 * year. */
#include "model/projects.h"

#include <string.h>

#include "util/log.h"

/* Fiscal-year bounds when the year filter is absent. */
#define YEAR_LO 0
#define YEAR_HI 9999

/* Bind parameters shared by the list and count statements. */
enum {
	P_FIELD = 1, /* ?1 field code (driver) */
	P_LO,        /* ?2 first fiscal year */
	P_HI,        /* ?3 last fiscal year */
	P_FORM,      /* ?4 form code or NULL */
	P_DOMAIN,    /* ?5 domain code or NULL */
	P_DEPT,      /* ?6 department code or NULL */
	P_LIMIT,     /* ?7 rows */
	P_OFFSET,    /* ?8 rows to skip */
};

/* Bind text to parameter i when the statement has it (NULL binds NULL). */
static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (i > sqlite3_bind_parameter_count(st))
		return;
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Bind an integer to parameter i when the statement has it. */
static void bind_int(sqlite3_stmt *st, int i, long long v)
{
	if (i <= sqlite3_bind_parameter_count(st))
		sqlite3_bind_int64(st, i, v);
}

/* Bind the filter parameters ?1–?6 of a list or count statement. */
static void bind_filter(sqlite3_stmt *st, const struct project_filter *f,
                        int lo, int hi)
{
	bind_text(st, P_FIELD, f->field);
	bind_int(st, P_LO, lo);
	bind_int(st, P_HI, hi);
	bind_text(st, P_FORM, f->form);
	bind_text(st, P_DOMAIN, f->domain);
	bind_text(st, P_DEPT, f->dept);
}

/* 1 when only the year and form filters are set (project_counts knows). */
static int summary_filter(const struct project_filter *f)
{
	return f->field == NULL && f->domain == NULL && f->dept == NULL;
}

/* Which summary has f's count per fiscal year: project_year_counts or
 * project_counts (year/form only), project_facet_counts (one of 担当課,
 * 分野, 領域 alone, with or without 年度), or none (two or more of 形態,
 * 担当課, 分野, 領域). */
enum per_year { PY_FORM, PY_DEPT, PY_FIELD, PY_DOMAIN, PY_NONE };

static enum per_year per_year_of(const struct project_filter *f)
{
	int others = (f->form != NULL) + (f->dept != NULL) +
	             (f->field != NULL) + (f->domain != NULL);

	if (summary_filter(f))
		return PY_FORM;
	if (others > 1)
		return PY_NONE;
	return f->dept != NULL    ? PY_DEPT
	       : f->field != NULL ? PY_FIELD
	                          : PY_DOMAIN;
}

/* The filter whose index drives the list: the one expected to match the
 * fewest rows (担当課, then 分野, 形態, 領域), else the year range. The
 * other filters are probes per candidate row into their own covering index
 * (INDEXED BY keeps the planner off the table's rowid). */
enum driver { DRV_DEPT, DRV_FIELD, DRV_FORM, DRV_DOMAIN, DRV_YEAR };

static enum driver driver_of(const struct project_filter *f)
{
	if (f->dept != NULL)
		return DRV_DEPT;
	if (f->field != NULL)
		return DRV_FIELD;
	if (f->form != NULL)
		return DRV_FORM;
	if (f->domain != NULL)
		return DRV_DOMAIN;
	return DRV_YEAR;
}

/* The id statement for f, chosen by its driving filter. */
static sqlite3_stmt *list_stmt(struct db *db, const struct project_filter *f)
{
	switch (driver_of(f)) {
	case DRV_DEPT:
		return db_prep(
		    db,
		    "SELECT id FROM projects p WHERE published = 1 AND "
		    "department = ?6 AND fiscal_year BETWEEN ?2 AND ?3 "
		    "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM projects x "
		    "INDEXED BY projects_pub_form WHERE x.published = 1 AND "
		    "x.form = ?4 AND x.fiscal_year = p.fiscal_year AND x.id = "
		    "p.id)) "
		    "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM projects x "
		    "INDEXED BY projects_pub_domain WHERE x.published = 1 AND "
		    "x.domain = ?5 AND x.fiscal_year = p.fiscal_year AND x.id "
		    "= p.id)) "
		    "AND (?1 IS NULL OR EXISTS (SELECT 1 FROM project_fields x "
		    "WHERE x.project_id = p.id AND x.field = ?1)) "
		    "ORDER BY fiscal_year DESC, id DESC LIMIT ?7 OFFSET ?8");
	case DRV_FIELD:
		return db_prep(
		    db,
		    "SELECT project_id FROM project_fields p WHERE field = ?1 "
		    "AND published = 1 AND fiscal_year BETWEEN ?2 AND ?3 "
		    "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM projects x "
		    "INDEXED BY projects_pub_form WHERE x.published = 1 AND "
		    "x.form = ?4 AND x.fiscal_year = p.fiscal_year AND x.id = "
		    "p.project_id)) "
		    "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM projects x "
		    "INDEXED BY projects_pub_domain WHERE x.published = 1 AND "
		    "x.domain = ?5 AND x.fiscal_year = p.fiscal_year AND x.id "
		    "= p.project_id)) "
		    "ORDER BY fiscal_year DESC, project_id DESC LIMIT ?7 "
		    "OFFSET ?8");
	case DRV_FORM:
		return db_prep(
		    db,
		    "SELECT id FROM projects p WHERE published = 1 AND form = "
		    "?4 AND fiscal_year BETWEEN ?2 AND ?3 "
		    "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM projects x "
		    "INDEXED BY projects_pub_domain WHERE x.published = 1 AND "
		    "x.domain = ?5 AND x.fiscal_year = p.fiscal_year AND x.id "
		    "= p.id)) "
		    "ORDER BY fiscal_year DESC, id DESC LIMIT ?7 OFFSET ?8");
	case DRV_DOMAIN:
		return db_prep(db,
		               "SELECT id FROM projects WHERE published = "
		               "1 AND domain = ?5 AND fiscal_year BETWEEN ?2 "
		               "AND ?3 ORDER BY fiscal_year DESC, id DESC "
		               "LIMIT ?7 OFFSET ?8");
	case DRV_YEAR: break;
	}
	return db_prep(db, "SELECT id FROM projects WHERE published = 1 "
	                   "AND fiscal_year BETWEEN ?2 AND ?3 "
	                   "ORDER BY fiscal_year DESC, id DESC "
	                   "LIMIT ?7 OFFSET ?8");
}

/* The count statement for f: a summary table when at most one filter
 * besides the year is set (project_year_counts, project_counts by form,
 * project_facet_counts by 担当課, 分野 or 領域), else the list's statement
 * counted. */
static sqlite3_stmt *count_stmt(struct db *db, const struct project_filter *f)
{
	if (summary_filter(f) && f->form == NULL)
		return db_prep(db, "SELECT coalesce(sum(published), 0) FROM "
		                   "project_year_counts WHERE fiscal_year "
		                   "BETWEEN ?2 AND ?3");
	if (summary_filter(f))
		return db_prep(db, "SELECT coalesce(sum(published), 0) FROM "
		                   "project_counts WHERE form = ?4 AND "
		                   "fiscal_year BETWEEN ?2 AND ?3");
	/* one of 担当課, 分野, 領域 alone (with or without 年度) */
	if (f->form == NULL && f->field == NULL && f->domain == NULL)
		return db_prep(db,
		               "SELECT coalesce(sum(n), 0) FROM "
		               "project_facet_counts WHERE facet = 'dp' AND "
		               "code = ?6 AND fiscal_year BETWEEN ?2 AND ?3");
	if (f->form == NULL && f->dept == NULL && f->domain == NULL)
		return db_prep(db,
		               "SELECT coalesce(sum(n), 0) FROM "
		               "project_facet_counts WHERE facet = 'fd' AND "
		               "code = ?1 AND fiscal_year BETWEEN ?2 AND ?3");
	if (f->form == NULL && f->dept == NULL && f->field == NULL)
		return db_prep(db,
		               "SELECT coalesce(sum(n), 0) FROM "
		               "project_facet_counts WHERE facet = 'dm' AND "
		               "code = ?5 AND fiscal_year BETWEEN ?2 AND ?3");
	/* two or more of 形態, 担当課, 分野, 領域: the list's index counted */
	switch (driver_of(f)) {
	case DRV_DEPT:
		return db_prep(
		    db,
		    "SELECT count(*) FROM projects p WHERE published = 1 AND "
		    "department = ?6 AND fiscal_year BETWEEN ?2 AND ?3 "
		    "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM projects x "
		    "INDEXED BY projects_pub_form WHERE x.published = 1 AND "
		    "x.form = ?4 AND x.fiscal_year = p.fiscal_year AND x.id = "
		    "p.id)) "
		    "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM projects x "
		    "INDEXED BY projects_pub_domain WHERE x.published = 1 AND "
		    "x.domain = ?5 AND x.fiscal_year = p.fiscal_year AND x.id "
		    "= p.id)) "
		    "AND (?1 IS NULL OR EXISTS (SELECT 1 FROM project_fields x "
		    "WHERE x.project_id = p.id AND x.field = ?1))");
	case DRV_FIELD:
		return db_prep(
		    db,
		    "SELECT count(*) FROM project_fields p WHERE field = ?1 "
		    "AND published = 1 AND fiscal_year BETWEEN ?2 AND ?3 "
		    "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM projects x "
		    "INDEXED BY projects_pub_form WHERE x.published = 1 AND "
		    "x.form = ?4 AND x.fiscal_year = p.fiscal_year AND x.id = "
		    "p.project_id)) "
		    "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM projects x "
		    "INDEXED BY projects_pub_domain WHERE x.published = 1 AND "
		    "x.domain = ?5 AND x.fiscal_year = p.fiscal_year AND x.id "
		    "= p.project_id))");
	case DRV_FORM:
	case DRV_DOMAIN:
	case DRV_YEAR: break;
	}
	/* 領域, with or without 形態 (形態 alone is a summary filter) */
	return db_prep(db,
	               "SELECT count(*) FROM projects p WHERE published = 1 "
	               "AND domain = ?5 AND fiscal_year BETWEEN ?2 AND ?3 "
	               "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM projects x "
	               "INDEXED BY projects_pub_form WHERE x.published = 1 "
	               "AND x.form = ?4 AND x.fiscal_year = p.fiscal_year AND "
	               "x.id = p.id))");
}

enum mstatus projects_count(struct db *db, const struct project_filter *f,
                            long long *total)
{
	sqlite3_stmt *st = count_stmt(db, f);
	int rc;

	*total = 0;
	if (st == NULL)
		return MS_DB;
	bind_filter(st, f, f->year ? f->year : YEAR_LO,
	            f->year ? f->year : YEAR_HI);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		log_err("projects_count: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return MS_OK;
}

/* The per-year counts of f's rows, newest year first (f's summary per
 * per_year_of(), which is not PY_NONE). */
static sqlite3_stmt *year_counts_stmt(struct db *db,
                                      const struct project_filter *f)
{
	switch (per_year_of(f)) {
	case PY_DEPT:
		return db_prep(db,
		               "SELECT fiscal_year, n FROM "
		               "project_facet_counts WHERE facet = 'dp' AND "
		               "code = ?6 AND fiscal_year BETWEEN ?2 AND ?3 "
		               "ORDER BY fiscal_year DESC");
	case PY_FIELD:
		return db_prep(db,
		               "SELECT fiscal_year, n FROM "
		               "project_facet_counts WHERE facet = 'fd' AND "
		               "code = ?1 AND fiscal_year BETWEEN ?2 AND ?3 "
		               "ORDER BY fiscal_year DESC");
	case PY_DOMAIN:
		return db_prep(db,
		               "SELECT fiscal_year, n FROM "
		               "project_facet_counts WHERE facet = 'dm' AND "
		               "code = ?5 AND fiscal_year BETWEEN ?2 AND ?3 "
		               "ORDER BY fiscal_year DESC");
	case PY_FORM:
	case PY_NONE: break;
	}
	if (f->form == NULL)
		return db_prep(db,
		               "SELECT fiscal_year, published FROM "
		               "project_year_counts WHERE fiscal_year BETWEEN "
		               "?2 AND ?3 ORDER BY fiscal_year DESC");
	return db_prep(db, "SELECT fiscal_year, published FROM project_counts "
	                   "WHERE form = ?4 AND fiscal_year BETWEEN ?2 AND ?3 "
	                   "ORDER BY fiscal_year DESC");
}

/* With a filter whose rows a summary counts per year (per_year_of()):
 * lower *hi to the fiscal year in which row *offset falls, make *offset
 * relative to the start of that year and set *nyear to that year's count
 * (0 when offset is past the end). */
static enum mstatus skip_years(struct db *db, const struct project_filter *f,
                               int lo, int *hi, long long *offset,
                               long long *nyear)
{
	sqlite3_stmt *st = year_counts_stmt(db, f);
	int rc;

	*nyear = 0;
	if (st == NULL)
		return MS_DB;
	bind_filter(st, f, lo, *hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long n = sqlite3_column_int64(st, 1);

		if (*offset < n) {
			*hi = sqlite3_column_int(st, 0);
			*nyear = n;
			break;
		}
		*offset -= n;
		*hi = sqlite3_column_int(st, 0) - 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		log_err("projects skip_years: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return MS_OK;
}

/* The ascending twin of list_stmt for the filters per_year_of() knows:
 * used to reach the end of a fiscal year from its oldest row. */
static sqlite3_stmt *list_stmt_asc(struct db *db,
                                   const struct project_filter *f)
{
	switch (per_year_of(f)) {
	case PY_DEPT:
		return db_prep(db, "SELECT id FROM projects WHERE published = "
		                   "1 AND department = ?6 AND fiscal_year "
		                   "BETWEEN ?2 AND ?3 ORDER BY fiscal_year, id "
		                   "LIMIT ?7 OFFSET ?8");
	case PY_FIELD:
		return db_prep(db,
		               "SELECT project_id FROM project_fields WHERE "
		               "field = ?1 AND published = 1 AND fiscal_year "
		               "BETWEEN ?2 AND ?3 ORDER BY fiscal_year, "
		               "project_id LIMIT ?7 OFFSET ?8");
	case PY_DOMAIN:
		return db_prep(db,
		               "SELECT id FROM projects WHERE published = "
		               "1 AND domain = ?5 AND fiscal_year BETWEEN ?2 "
		               "AND ?3 ORDER BY fiscal_year, id LIMIT ?7 "
		               "OFFSET ?8");
	case PY_FORM:
	case PY_NONE: break;
	}
	if (f->form != NULL)
		return db_prep(db, "SELECT id FROM projects WHERE published = "
		                   "1 AND form = ?4 AND fiscal_year BETWEEN ?2 "
		                   "AND ?3 ORDER BY fiscal_year, id LIMIT ?7 "
		                   "OFFSET ?8");
	return db_prep(db, "SELECT id FROM projects WHERE published = 1 AND "
	                   "fiscal_year BETWEEN ?2 AND ?3 ORDER BY "
	                   "fiscal_year, id LIMIT ?7 OFFSET ?8");
}

/* Ids per row statement (ROW_VALUES below has this many parameters). */
#define ROW_CHUNK 20

/* The chunk's ids, as the table ids(id) that the row statements drive their
 * joins from: a VALUES co-routine, where an IN list of bound values would
 * fill a temporary b-tree on every run (about 30 k instructions each). */
#define ROW_VALUES                                                             \
	"VALUES (?1), (?2), (?3), (?4), (?5), (?6), (?7), "                    \
	"(?8), (?9), (?10), (?11), (?12), (?13), (?14), (?15), (?16), (?17), " \
	"(?18), (?19), (?20)"

/* The slot of id in ids[0..n), or -1. */
static int slot_of(const long long *ids, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return (int)i;
	return -1;
}

/* Bind ids[0..n) (n <= ROW_CHUNK) to ?1..?n of st, NULL to the rest. */
static void bind_chunk(sqlite3_stmt *st, const long long *ids, size_t n)
{
	for (int i = 0; i < ROW_CHUNK; i++)
		if ((size_t)i < n)
			sqlite3_bind_int64(st, i + 1, ids[i]);
		else
			sqlite3_bind_null(st, i + 1);
}

/* The statement of master m's names, sorted by code (every row: a
 * deactivated form or department still names the projects that use it). */
static sqlite3_stmt *names_stmt(struct db *db, enum row_master m)
{
	switch (m) {
	case RN_FORM:
		return db_prep(db,
		               "SELECT code, name FROM forms ORDER BY code");
	case RN_DEPT:
		return db_prep(db, "SELECT code, name FROM departments ORDER "
		                   "BY code");
	case RN_STATUS:
	case RN__MAX: break;
	}
	return db_prep(db,
	               "SELECT code, name FROM project_statuses ORDER BY code");
}

enum mstatus projects_row_names(struct db *db, struct arena *a,
                                enum row_master m, struct name_table *out)
{
	sqlite3_stmt *st = names_stmt(db, m);
	const char **s = NULL;
	size_t cap = 0, n = 0;
	int rc, oom = 0;

	out->s = NULL;
	out->n = 0;
	out->stride = 2;
	if (st == NULL)
		return MS_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (model_grow(a, (void **)&s, &cap, n, sizeof(*s)) < 0 ||
		    model_grow(a, (void **)&s, &cap, n + 1, sizeof(*s)) < 0) {
			sqlite3_reset(st);
			return MS_NOMEM;
		}
		s[n++] = model_text(a, st, 0, &oom);
		s[n++] = model_text(a, st, 1, &oom);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("projects_row_names: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	out->s = s;
	out->n = n / 2;
	return oom ? MS_NOMEM : MS_OK;
}

/* Compare the NUL-terminated code c with code (len bytes) in byte order:
 * <0, 0, >0. Codes are a few ASCII letters: a loop, not a call. */
static int code_cmp(const char *c, const char *code, size_t len)
{
	for (size_t k = 0; k < len; k++)
		if (c[k] != code[k])
			return (unsigned char)c[k] - (unsigned char)code[k];
	return c[len] != '\0'; /* c is longer: after code */
}

long name_table_find(const struct name_table *t, const char *code, size_t len)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = code_cmp(t->s[mid * t->stride], code, len);

		if (cmp == 0)
			return (long)mid;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Read every master's names from the database into out. */
static enum mstatus load_names(struct db *db, struct arena *a,
                               struct row_names *out)
{
	enum mstatus ms = MS_OK;

	for (int m = 0; m < RN__MAX && ms == MS_OK; m++)
		ms = projects_row_names(db, a, (enum row_master)m, &out->t[m]);
	return ms;
}

/* The entry of column col of st in t, as its index; -1 when none. */
static long name_of(const struct name_table *t, sqlite3_stmt *st, int col)
{
	const char *code = (const char *)sqlite3_column_text(st, col);

	if (code == NULL)
		return -1;
	return name_table_find(t, code, (size_t)sqlite3_column_bytes(st, col));
}

/* Point *code and *name at entry i of t. */
static void set_names(const struct name_table *t, long i, const char **code,
                      const char **name)
{
	*code = t->s[(size_t)i * t->stride];
	*name = t->s[(size_t)i * t->stride + 1];
}

/* The pieces of a partner summary, "Ａ会、Ｂ会 ほか2団体". */
#define PARTNER_SEP  "、"
#define PARTNER_MORE " ほか"
#define PARTNER_UNIT "団体"

/* n > 0 in decimal at the end of buf[24]; returns where it starts. */
static char *digits_of(char buf[24], long long n)
{
	char *p = buf + 24;

	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	return p;
}

/* Append s (n bytes) at *p and advance it. */
static void put(char **p, const char *s, size_t n)
{
	memcpy(*p, s, n);
	*p += n;
}

/* The texts of a row in one arena block: title (column 1), summary (3)
 * and the partner summary ("Ａ会、Ｂ会 ほか2団体", "" when none) from
 * project_partner_names' first, second and n (columns 7–9; NULL when the
 * project has no partners, schema/007_partner_names.sql). Sets *oom when
 * out of memory. */
static void row_texts(struct arena *a, sqlite3_stmt *st, struct project_row *r,
                      int *oom)
{
	const char *title = (const char *)sqlite3_column_text(st, 1);
	size_t nt = (size_t)sqlite3_column_bytes(st, 1);
	const char *summary = (const char *)sqlite3_column_text(st, 3);
	size_t nsum = (size_t)sqlite3_column_bytes(st, 3);
	const char *first = (const char *)sqlite3_column_text(st, 7);
	size_t nf = (size_t)sqlite3_column_bytes(st, 7);
	const char *second = (const char *)sqlite3_column_text(st, 8);
	size_t ns = (size_t)sqlite3_column_bytes(st, 8);
	long long np = sqlite3_column_int64(st, 9);
	char num[24], *digits = NULL, *p;
	size_t nd = 0, size;

	if (np <= 0 || first == NULL)
		nf = ns = 0; /* no partners */
	else if (np == 1 || second == NULL)
		ns = 0; /* the first alone */
	if (np > 2 && ns > 0) {
		digits = digits_of(num, np - 2);
		nd = (size_t)(num + sizeof(num) - digits);
	}
	size = nt + 1 + nsum + 1 + nf + 1;
	if (ns > 0)
		size += sizeof(PARTNER_SEP) - 1 + ns;
	if (nd > 0)
		size +=
		    sizeof(PARTNER_MORE) - 1 + nd + sizeof(PARTNER_UNIT) - 1;
	if ((p = arena_alloc(a, size)) == NULL) {
		*oom = 1;
		r->title = r->summary = r->partners = "";
		return;
	}
	r->title = p;
	put(&p, title != NULL ? title : "", nt);
	*p++ = '\0';
	r->summary = p;
	put(&p, summary != NULL ? summary : "", nsum);
	*p++ = '\0';
	r->partners = p;
	put(&p, first != NULL ? first : "", nf);
	if (ns > 0) {
		put(&p, PARTNER_SEP, sizeof(PARTNER_SEP) - 1);
		put(&p, second, ns);
	}
	if (nd > 0) {
		put(&p, PARTNER_MORE, sizeof(PARTNER_MORE) - 1);
		put(&p, digits, nd);
		put(&p, PARTNER_UNIT, sizeof(PARTNER_UNIT) - 1);
	}
	*p = '\0';
}

/* Fill r[0..n) for ids[0..n) (n <= ROW_CHUNK); found[i] says whether
 * ids[i] still exists. One statement for the whole chunk, of projects and
 * the partner summary (kept by triggers in project_partner_names); the
 * form, department and status names come from names. A row whose code is
 * not in names is left out (counted in *missing). */
static enum mstatus chunk_fill(struct db *db, struct arena *a,
                               const struct row_names *names,
                               const long long *ids, size_t n,
                               struct project_row *r, int *found, int *missing)
{
	sqlite3_stmt *st = db_prep(
	    db, "WITH ids(id) AS (" ROW_VALUES
	        ") SELECT p.id, p.title, p.fiscal_year, p.summary, p.form, "
	        "p.department, p.status, pn.first, pn.second, pn.n "
	        "FROM ids CROSS JOIN projects p ON p.id = ids.id "
	        "LEFT JOIN project_partner_names pn ON pn.project_id = p.id");
	int rc, oom = 0;

	*missing = 0;
	if (st == NULL)
		return MS_DB;
	bind_chunk(st, ids, n);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = slot_of(ids, n, sqlite3_column_int64(st, 0));
		long fm, dp, ss;

		if (i < 0)
			continue;
		fm = name_of(&names->t[RN_FORM], st, 4);
		dp = name_of(&names->t[RN_DEPT], st, 5);
		ss = name_of(&names->t[RN_STATUS], st, 6);
		if (fm < 0 || dp < 0 || ss < 0) {
			(*missing)++;
			continue;
		}
		found[i] = 1;
		r[i].id = ids[i];
		r[i].name_ix[RN_FORM] = fm;
		r[i].name_ix[RN_DEPT] = dp;
		r[i].name_ix[RN_STATUS] = ss;
		r[i].year = sqlite3_column_int(st, 2);
		set_names(&names->t[RN_FORM], fm, &r[i].form_code,
		          &r[i].form_name);
		set_names(&names->t[RN_DEPT], dp, &r[i].dept_code,
		          &r[i].dept_name);
		set_names(&names->t[RN_STATUS], ss, &r[i].status_code,
		          &r[i].status_name);
		row_texts(a, st, &r[i], &oom);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("project rows: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return oom ? MS_NOMEM : MS_OK;
}

/* Run st, bound to the years lo–hi with limit and offset, and append the
 * ids it yields (column 0) to ids[*n] (capacity *cap), reversed when
 * reverse is set. */
static enum mstatus collect_ids(struct db *db, struct arena *a,
                                sqlite3_stmt *st,
                                const struct project_filter *f, int lo, int hi,
                                long long limit, long long offset, int reverse,
                                long long **ids, size_t *n, size_t *cap)
{
	size_t first = *n;
	int rc;

	if (st == NULL)
		return MS_DB;
	bind_filter(st, f, lo, hi);
	sqlite3_bind_int64(st, P_LIMIT, limit);
	sqlite3_bind_int64(st, P_OFFSET, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (model_grow(a, (void **)ids, cap, *n, sizeof(**ids)) < 0) {
			sqlite3_reset(st);
			return MS_NOMEM;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("project ids: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	for (size_t i = first, j = *n; reverse && i + 1 < j; i++, j--) {
		long long t = (*ids)[i];

		(*ids)[i] = (*ids)[j - 1];
		(*ids)[j - 1] = t;
	}
	return MS_OK;
}

/* Rows for ids, in order, ROW_CHUNK at a time; ids that vanished
 * meanwhile are left out. roles (may be NULL) gives each row's role_name.
 * names NULL: read from the database. A code names does not know (it
 * would be out of date) reads them from the database and fills the chunk
 * again; a code the database does not know either leaves the row out, as
 * a join would. */
static enum mstatus rows_for(struct db *db, struct arena *a,
                             const struct row_names *names,
                             const long long *ids, const char *const *roles,
                             size_t nids, struct project_row **rows, size_t *n)
{
	struct row_names own;
	enum mstatus ms;

	*rows = nids ? arena_alloc(a, nids * sizeof(**rows)) : NULL;
	*n = 0;
	if (nids && *rows == NULL)
		return MS_NOMEM;
	if (nids == 0)
		return MS_OK;
	if (names == NULL) {
		if ((ms = load_names(db, a, &own)) != MS_OK)
			return ms;
		names = &own;
	}
	for (size_t at = 0; at < nids; at += ROW_CHUNK) {
		size_t m = nids - at < ROW_CHUNK ? nids - at : ROW_CHUNK;
		struct project_row chunk[ROW_CHUNK];
		int found[ROW_CHUNK] = {0}, missing;

		memset(chunk, 0, sizeof(chunk));
		ms = chunk_fill(db, a, names, ids + at, m, chunk, found,
		                &missing);
		if (ms == MS_OK && missing > 0 && names != &own) {
			if ((ms = load_names(db, a, &own)) != MS_OK)
				return ms;
			names = &own;
			memset(chunk, 0, sizeof(chunk));
			memset(found, 0, sizeof(found));
			ms = chunk_fill(db, a, names, ids + at, m, chunk, found,
			                &missing);
		}
		if (ms != MS_OK)
			return ms;
		for (size_t i = 0; i < m; i++) {
			if (!found[i])
				continue;
			chunk[i].role_name = roles ? roles[at + i] : "";
			(*rows)[(*n)++] = chunk[i];
		}
	}
	return MS_OK;
}

enum mstatus projects_rows(struct db *db, struct arena *a,
                           const struct row_names *names, const long long *ids,
                           size_t nids, struct project_row **rows, size_t *n)
{
	return rows_for(db, a, names, ids, NULL, nids, rows, n);
}

enum mstatus projects_list(struct db *db, struct arena *a,
                           const struct row_names *names,
                           const struct project_filter *f, int limit,
                           long long offset, struct project_row **rows,
                           size_t *n)
{
	int lo = f->year ? f->year : YEAR_LO, hi = f->year ? f->year : YEAR_HI;
	long long *ids = NULL, nyear, head;
	size_t nids = 0, cap = 0;
	enum mstatus ms;

	*rows = NULL;
	*n = 0;
	if (offset == 0 || per_year_of(f) == PY_NONE) {
		ms = collect_ids(db, a, list_stmt(db, f), f, lo, hi, limit,
		                 offset, 0, &ids, &nids, &cap);
		if (ms != MS_OK)
			return ms;
		return rows_for(db, a, names, ids, NULL, nids, rows, n);
	}
	/* A summary counts the rows per year: start in the year the page
	 * starts in. The page's
	 * rows of that year come from whichever end of the year is nearer
	 * (the oldest end in ascending order, then reversed); the rest, if
	 * the page runs into older years, from the top of those. */
	ms = skip_years(db, f, lo, &hi, &offset, &nyear);
	if (ms != MS_OK || nyear == 0)
		return ms;
	head = nyear - offset < limit ? nyear - offset : limit;
	if (offset > nyear / 2)
		ms = collect_ids(db, a, list_stmt_asc(db, f), f, hi, hi, head,
		                 nyear - offset - head, 1, &ids, &nids, &cap);
	else
		ms = collect_ids(db, a, list_stmt(db, f), f, hi, hi, head,
		                 offset, 0, &ids, &nids, &cap);
	if (ms == MS_OK && head < limit && hi > lo)
		ms = collect_ids(db, a, list_stmt(db, f), f, lo, hi - 1,
		                 limit - head, 0, 0, &ids, &nids, &cap);
	if (ms != MS_OK)
		return ms;
	return rows_for(db, a, names, ids, NULL, nids, rows, n);
}

enum mstatus projects_latest(struct db *db, struct arena *a,
                             const struct row_names *names, int limit,
                             struct project_row **rows, size_t *n)
{
	static const struct project_filter none;

	return projects_list(db, a, names, &none, limit, 0, rows, n);
}

enum mstatus projects_count_by_form(struct db *db, struct arena *a, int year,
                                    struct form_count **out, size_t *n,
                                    long long *total)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT f.code, f.name, coalesce(c.published, 0) FROM forms f "
	        "LEFT JOIN project_counts c ON c.fiscal_year = ?1 AND c.form = "
	        "f.code WHERE f.core = 1 OR c.published > 0 ORDER BY f.sort, "
	        "f.code");
	size_t cap = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct form_count *c;

		if (model_grow(a, (void **)out, &cap, *n, sizeof(**out)) < 0) {
			sqlite3_reset(st);
			return MS_NOMEM;
		}
		c = &(*out)[(*n)++];
		c->code = model_text(a, st, 0, &oom);
		c->name = model_text(a, st, 1, &oom);
		c->n = sqlite3_column_int64(st, 2);
		*total += c->n;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("projects_count_by_form: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return oom ? MS_NOMEM : MS_OK;
}

enum mstatus projects_years(struct db *db, struct arena *a, int **years,
                            size_t *n)
{
	sqlite3_stmt *st =
	    db_prep(db, "SELECT fiscal_year FROM project_year_counts WHERE "
	                "published > 0 ORDER BY fiscal_year DESC");
	size_t cap = 0;
	int rc;

	*years = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (model_grow(a, (void **)years, &cap, *n, sizeof(**years)) <
		    0) {
			sqlite3_reset(st);
			return MS_NOMEM;
		}
		(*years)[(*n)++] = sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("projects_years: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return MS_OK;
}

/* 1 when project (year a, id ia) lists before (year b, id ib): newest
 * fiscal year first, then the larger id. */
static int listed_before(int a, long long ia, int b, long long ib)
{
	return a > b || (a == b && ia > ib);
}

enum mstatus projects_by_group(struct db *db, struct arena *a,
                               const struct row_names *names,
                               long long group_id, int limit,
                               struct project_row **rows, size_t *n)
{
	/* every published project of the group, unsorted: one group's
	 * partner rows are few, and sorting them here costs far less than
	 * SQLite's temporary b-tree for ORDER BY */
	sqlite3_stmt *st =
	    db_prep(db, "SELECT p.id, p.fiscal_year, r.name FROM "
	                "project_partners pp CROSS JOIN projects p ON p.id = "
	                "pp.project_id JOIN partner_roles r ON r.code = "
	                "pp.role WHERE pp.group_id = ?1 AND p.published = 1");
	long long *ids = NULL;
	int *years = NULL;
	const char **roles = NULL;
	size_t cap = 0, ycap = 0, rcap = 0, nids = 0;
	int rc, oom = 0;

	*rows = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, group_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		int year = sqlite3_column_int(st, 1);
		const char *role;
		size_t k;

		if (model_grow(a, (void **)&ids, &cap, nids, sizeof(*ids)) <
		        0 ||
		    model_grow(a, (void **)&years, &ycap, nids,
		               sizeof(*years)) < 0 ||
		    model_grow(a, (void **)&roles, &rcap, nids,
		               sizeof(*roles)) < 0) {
			sqlite3_reset(st);
			return MS_NOMEM;
		}
		role = model_text(a, st, 2, &oom);
		/* insertion into list order */
		for (k = nids;
		     k > 0 && listed_before(year, id, years[k - 1], ids[k - 1]);
		     k--) {
			ids[k] = ids[k - 1];
			years[k] = years[k - 1];
			roles[k] = roles[k - 1];
		}
		ids[k] = id;
		years[k] = year;
		roles[k] = role;
		nids++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("projects_by_group: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	if (oom)
		return MS_NOMEM;
	if (limit >= 0 && nids > (size_t)limit)
		nids = (size_t)limit;
	return rows_for(db, a, names, ids, roles, nids, rows, n);
}
