/* CSV import of groups and projects: the column tables, what a cell may
 * say (Excel's dates, 和暦 years, names instead of codes), and the import
 * itself — check every row with the staff forms' own parsers, then write
 * all rows in one transaction through the staff forms' own inserts
 * (group_insert, project_insert). See model/import.h; the export is in
 * model/export.c. */
#include "model/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit.h"
#include "model/group_form.h"
#include "model/groups_write.h"
#include "model/import_cells.h"
#include "model/project_form.h"
#include "model/projects_write.h"
#include "db/search_fn.h"
#include "util/csv.h"
#include "util/log.h"

/* ------------------------------------------------------------ lookups -- */

/* Everything names are resolved against, loaded once per import. */
struct ctx {
	struct db *db;                    /* the connection */
	struct arena *a;                  /* lives as long as the report */
	enum import_kind k;               /* what is imported */
	struct import_report *rep;        /* problems go here */
	const struct import_column *cols; /* the kind's columns */
	size_t ncols;                     /* how many */
	int *colmap;                      /* file column → cols index or -1 */
	int *where;                       /* cols index → file column or -1 */
	const char *const *header;        /* the file's header cells */
	size_t nheader;                   /* how many */
	struct code_list kinds, fields, gstatuses, reqs; /* groups */
	struct code_list forms, domains, props, depts, pstatuses, roles,
	    policies;            /* projects */
	struct code_list groups; /* every group (id, name) by name */
	struct form *fm;         /* forms with their usual domain */
	size_t nfm;              /* how many */
	struct domain *dm;       /* domains with short names */
	size_t ndm;              /* how many */
	const char **seen;       /* names / keys of earlier rows */
	size_t nseen, capseen;   /* how many, allocated */
	size_t row;              /* record number being read */
	size_t row_problems;     /* problems of this row so far */
	int writing;             /* 1 in the second pass: the rules
	                            across rows were checked */
};

/* Record a problem at file column col (0-based, or -1 for none) of the
 * current row. msg is copied into the report's arena. */
static int problem(struct ctx *c, int col, const char *msg)
{
	struct import_report *r = c->rep;
	struct import_problem *p;

	for (size_t i = r->np; col >= 0 && i > 0 && r->p[i - 1].row == c->row;
	     i--)
		if (r->p[i - 1].col == (size_t)(col + 1))
			return 0; /* one message per cell is enough */
	c->row_problems++;
	if (r->np >= IMPORT_MAX_PROBLEMS) {
		r->nmore++;
		return 0;
	}
	p = &r->p[r->np++];
	p->row = c->row;
	p->col = col >= 0 ? (size_t)col + 1 : 0;
	p->column = col >= 0 && (size_t)col < c->nheader ? c->header[col] : "";
	p->message = arena_strdup(c->a, msg != NULL ? msg : "");
	return p->message != NULL ? 0 : -1;
}

/* Load the lists kind k resolves against. 0 or -1. */
static int ctx_load(struct ctx *c)
{
	struct group_req *rq;
	size_t nrq;

	if (c->k == IK_GROUPS) {
		if (master_all(c->db, c->a, MASTER_GROUP_KIND, &c->kinds) !=
		        MS_OK ||
		    master_all(c->db, c->a, MASTER_FIELD, &c->fields) !=
		        MS_OK ||
		    group_statuses(c->db, c->a, &c->gstatuses) != MS_OK ||
		    group_reqs(c->db, c->a, 0, &rq, &nrq) != MS_OK ||
		    groups_names(c->db, c->a, &c->groups) != MS_OK)
			return -1;
		c->reqs.v = arena_alloc(c->a, (nrq + 1) * sizeof(*c->reqs.v));
		if (c->reqs.v == NULL)
			return -1;
		for (size_t i = 0; i < nrq; i++) {
			c->reqs.v[i].code = rq[i].code;
			c->reqs.v[i].name = rq[i].name;
		}
		c->reqs.n = nrq;
		return 0;
	}
	if (master_all(c->db, c->a, MASTER_FORM, &c->forms) != MS_OK ||
	    master_all(c->db, c->a, MASTER_FIELD, &c->fields) != MS_OK ||
	    master_all(c->db, c->a, MASTER_DOMAIN, &c->domains) != MS_OK ||
	    project_choices(c->db, c->a, PC_PROPOSAL, &c->props) != MS_OK ||
	    project_choices(c->db, c->a, PC_DEPT_ALL, &c->depts) != MS_OK ||
	    project_choices(c->db, c->a, PC_STATUS, &c->pstatuses) != MS_OK ||
	    project_choices(c->db, c->a, PC_ROLE_ALL, &c->roles) != MS_OK ||
	    project_choices(c->db, c->a, PC_POLICY_ALL, &c->policies) !=
	        MS_OK ||
	    groups_names(c->db, c->a, &c->groups) != MS_OK ||
	    forms_list(c->db, c->a, &c->fm, &c->nfm) != MS_OK ||
	    domains_list(c->db, c->a, &c->dm, &c->ndm) != MS_OK)
		return -1;
	return 0;
}

/* The groups already in the database named name, any status (a partner
 * may since be 休止 or 抹消): how many (0, 1, or 2 for more), *id the
 * first one's id as text. A binary search of c->groups. */
static int groups_named(const struct ctx *c, const char *name, const char **id)
{
	size_t lo = 0, hi = c->groups.n;
	int n = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(c->groups.v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo;
	     i < c->groups.n && n < 2 && strcmp(c->groups.v[i].name, name) == 0;
	     i++)
		if (n++ == 0)
			*id = c->groups.v[i].code;
	return n;
}

/* ------------------------------------------------------------ the rows -- */

/* A growing list of form values for one row. */
struct formvals {
	struct kvlist l; /* the values */
	size_t cap;      /* allocated */
};

/* Add name=value to f. 0 or -1. */
static int put(struct arena *a, struct formvals *f, const char *name,
               const char *value)
{
	struct kv *v;

	if (value == NULL)
		return -1;
	if (f->l.n >= f->cap) {
		size_t ncap = f->cap ? f->cap * 2 : 64;

		v = arena_alloc(a, ncap * sizeof(*v));
		if (v == NULL)
			return -1;
		if (f->l.n > 0)
			memcpy(v, f->l.v, f->l.n * sizeof(*v));
		f->l.v = v;
		f->cap = ncap;
	}
	f->l.v[f->l.n].name = name;
	f->l.v[f->l.n++].value = value;
	return 0;
}

/* 1 when the file has no column for form field name. */
static int missing(const struct ctx *c, const char *field)
{
	for (size_t i = 0; i < c->ncols; i++)
		if (strcmp(c->cols[i].field, field) == 0)
			return c->where[i] < 0;
	return 1;
}

/* 相手方: "団体名（役割）、…" → partner_group_N / partner_role_N. */
static int partners(struct ctx *c, struct arena *s, struct formvals *f, int col,
                    const char *cell)
{
	size_t n;
	const char **items = imp_split(s, cell, &n);

	if (items == NULL)
		return -1;
	if (n > PROJECT_ROWS_MAX)
		return problem(c, col,
		               arena_printf(s, "相手方は%d団体までです。",
		                            PROJECT_ROWS_MAX));
	for (size_t i = 0; i < n; i++) {
		const char *it = items[i], *open = NULL, *gid = NULL;
		const char *role = "";
		char *name;
		int hits;

		/* the role is in （） or () at the end */
		for (const char *p = it; *p; p++)
			if (strncmp(p, "（", strlen("（")) == 0 || *p == '(')
				open = p;
		if (open != NULL) {
			size_t ol = *open == '(' ? 1 : strlen("（");
			const char *r = open + ol, *e = r + strlen(r);

			if (e > r && e[-1] == ')')
				e--;
			else if (e - r >= 3 && strcmp(e - 3, "）") == 0)
				e -= 3;
			role = arena_strndup(s, r, (size_t)(e - r));
			name = arena_strndup(s, it, (size_t)(open - it));
		} else {
			name = arena_strdup(s, it);
		}
		if (name == NULL || role == NULL)
			return -1;
		hits = groups_named(c, name, &gid);
		if (hits != 1) {
			if (problem(
			        c, col,
			        hits == 0
			            ? arena_printf(s,
			                           "相手方の団体「%s」が登録"
			                           "されていません。先に団体"
			                           "を登録（取込）してくださ"
			                           "い。",
			                           name)
			            : arena_printf(s,
			                           "「%s」という名前の団体が"
			                           "複数あります。団体名を変"
			                           "えて区別してください。",
			                           name)) < 0)
				return -1;
			continue;
		}
		if (*role != '\0' &&
		    imp_lookup(s, &c->roles, role, 0) == NULL) {
			if (problem(c, col,
			            arena_printf(
			                s,
			                "相手方の役割「%s」は登録されて"
			                "いません。次のいずれかにしてく"
			                "ださい：%s",
			                role, imp_choices(s, &c->roles))) < 0)
				return -1;
			continue;
		}
		if (put(s, f, arena_printf(s, "partner_group_%zu", i + 1),
		        gid) < 0 ||
		    put(s, f, arena_printf(s, "partner_role_%zu", i + 1),
		        *role ? imp_lookup(s, &c->roles, role, 0) : "") < 0)
			return -1;
	}
	return 0;
}

/* A master name (or code) cell: the code, or a problem. */
static int master_cell(struct ctx *c, struct arena *s, struct formvals *f,
                       int col, const char *field, const char *cell,
                       const struct code_list *l, int suffix)
{
	const char *code;

	if (*cell == '\0')
		return 0;
	code = imp_lookup(s, l, cell, suffix);
	if (code == NULL)
		return problem(c, col,
		               arena_printf(s,
		                            "「%s」は登録されていません。次のい"
		                            "ずれかを入力してください：%s",
		                            cell, imp_choices(s, l)));
	return put(s, f, field, code);
}

/* The 関連する計画の方針 cell: a label as exported, or "計画名 番号", or
 * a 番号 that only one policy has. */
static int policy_cell(struct ctx *c, struct arena *s, struct formvals *f,
                       int col, const char *cell)
{
	const char *hit = NULL;
	size_t hits = 0, cl = strlen(cell);

	if (*cell == '\0')
		return 0;
	for (size_t i = 0; i < c->policies.n; i++) {
		const char *lb = c->policies.v[i].name;
		const char *code_at = strchr(lb, ' ');

		if (strcmp(lb, cell) == 0) {
			hit = c->policies.v[i].code;
			hits = 1;
			break;
		}
		if ((strncmp(lb, cell, cl) == 0 && lb[cl] == ' ') ||
		    (code_at != NULL && strncmp(code_at + 1, cell, cl) == 0 &&
		     code_at[1 + cl] == ' ')) {
			hit = c->policies.v[i].code;
			hits++;
		}
	}
	if (hits != 1)
		return problem(c, col,
		               hits == 0
		                   ? "この計画の方針は登録されていません。"
		                     "「計画名 番号 名称」の形で入力して"
		                     "ください。"
		                   : "この番号の方針が複数の計画にありま"
		                     "す。「計画名 番号」の形で入力して"
		                     "ください。");
	return put(s, f, "plan_policy", hit);
}

/* Turn one cell of file column col (cols index ci) into form values. */
static int cell_values(struct ctx *c, struct arena *s, struct formvals *f,
                       int col, size_t ci, const char *raw)
{
	const struct import_column *ic = &c->cols[ci];
	const char *cell = imp_norm_text(s, csv_cell(raw));
	int yn;

	if (cell == NULL)
		return -1;
	switch ((enum conv)ic->conv) {
	case CV_TEXT: return put(s, f, ic->field, cell);
	case CV_KANA: return put(s, f, ic->field, imp_norm_kana(s, cell));
	case CV_INT: return put(s, f, ic->field, imp_norm_int(s, cell));
	case CV_DATE: return put(s, f, ic->field, imp_norm_date(s, cell, 1));
	case CV_FOUNDED: return put(s, f, ic->field, imp_norm_date(s, cell, 0));
	case CV_YEAR: return put(s, f, ic->field, imp_norm_year(s, cell));
	case CV_PUB:
	case CV_FLAG:
	case CV_APPROVED:
		yn = ic->conv == CV_APPROVED
		         ? imp_yes_no(s, cell, "承認", "未承認")
		         : imp_yes_no(s, cell, "公開", "非公開");
		if (yn < 0)
			return problem(c, col,
			               ic->conv == CV_APPROVED
			                   ? "「承認」または「未承認」と入力し"
			                     "てください。"
			                   : "「公開」または「非公開」と入力し"
			                     "てください。");
		if (ic->conv == CV_APPROVED && *cell == '\0')
			return 0;
		return put(s, f, ic->field,
		           yn                    ? "1"
		           : ic->conv == CV_FLAG ? ""
		                                 : "0");
	case CV_GKIND:
		return master_cell(c, s, f, col, ic->field, cell, &c->kinds, 0);
	case CV_GSTATUS:
		return master_cell(c, s, f, col, ic->field, cell, &c->gstatuses,
		                   0);
	case CV_FORM:
		return master_cell(c, s, f, col, ic->field, cell, &c->forms, 0);
	case CV_PROPOSAL:
		return master_cell(c, s, f, col, ic->field, cell, &c->props, 0);
	case CV_DEPT:
		return master_cell(c, s, f, col, ic->field, cell, &c->depts, 1);
	case CV_PSTATUS:
		return master_cell(c, s, f, col, ic->field, cell, &c->pstatuses,
		                   0);
	case CV_DOMAIN:
		if (*cell != '\0') {
			for (size_t i = 0; i < c->ndm; i++)
				if (strcmp(c->dm[i].short_name, cell) == 0)
					return put(s, f, ic->field,
					           c->dm[i].code);
		}
		return master_cell(c, s, f, col, ic->field, cell, &c->domains,
		                   0);
	case CV_FIELDS: {
		size_t n;
		const char **items = imp_split(s, cell, &n);

		if (items == NULL)
			return -1;
		for (size_t i = 0; i < n; i++)
			if (master_cell(c, s, f, col, "fields", items[i],
			                &c->fields, 0) < 0)
				return -1;
		return 0;
	}
	case CV_REQS:
		if (*cell == '\0')
			return 0;
		if (strcmp(cell, "確認済") != 0 &&
		    strcmp(cell, "確認済み") != 0)
			return problem(c, col,
			               "要件確認は「確認済」か空欄にしてくださ"
			               "い。");
		for (size_t i = 0; i < c->reqs.n; i++)
			if (put(s, f, "reqs", c->reqs.v[i].code) < 0)
				return -1;
		return 0;
	case CV_PARTNERS: return partners(c, s, f, col, cell);
	case CV_POLICY: return policy_cell(c, s, f, col, cell);
	case CV__MAX: break;
	}
	return 0;
}

/* The file column of form field name (partner_*_N → 相手方), or -1. */
static int column_of(const struct ctx *c, const char *name)
{
	const char *base = name;

	if (strncmp(name, "partner_", 8) == 0)
		base = "partners";
	for (size_t i = 0; i < c->ncols; i++)
		if (strcmp(c->cols[i].field, base) == 0)
			return c->where[i];
	return -1;
}

/* Form values of one record: every mapped cell, and for a project without
 * a 領域 its form's usual one. 0 or -1. */
static int row_values(struct ctx *c, struct arena *s, const struct csv_row *row,
                      struct formvals *f)
{
	memset(f, 0, sizeof(*f));
	for (size_t j = 0; j < row->n; j++) {
		if (j >= c->nheader || c->colmap[j] < 0) {
			if (j >= c->nheader && *row->f[j] != '\0' &&
			    problem(c, (int)j,
			            "見出しのない列に値があります。列がずれてい"
			            "ないか確認してください。") < 0)
				return -1;
			continue;
		}
		if (cell_values(c, s, f, (int)j, (size_t)c->colmap[j],
		                row->f[j]) < 0)
			return -1;
	}
	if (c->k == IK_PROJECTS && kv_get(&f->l, "domain") == NULL) {
		const char *form = kv_get(&f->l, "form");

		for (size_t i = 0; form != NULL && i < c->nfm; i++)
			if (strcmp(c->fm[i].code, form) == 0)
				return put(s, f, "domain",
				           c->fm[i].domain_code);
	}
	return 0;
}

/* Remember key (an earlier row's name) for the duplicate check. */
static int seen_add(struct ctx *c, const char *key)
{
	if (c->nseen >= c->capseen) {
		size_t ncap = c->capseen ? c->capseen * 2 : 64;
		const char **v = arena_alloc(c->a, ncap * sizeof(*v));

		if (v == NULL)
			return -1;
		if (c->nseen > 0)
			memcpy(v, c->seen, c->nseen * sizeof(*v));
		c->seen = v;
		c->capseen = ncap;
	}
	c->seen[c->nseen] = arena_strdup(c->a, key);
	return c->seen[c->nseen++] != NULL ? 0 : -1;
}

/* 1 when an earlier row had key, else 0. */
static int seen_has(const struct ctx *c, const char *key)
{
	for (size_t i = 0; i < c->nseen; i++)
		if (strcmp(c->seen[i], key) == 0)
			return 1;
	return 0;
}

/* The rules a single form cannot see: a group or project already there
 * (in the database or earlier in the file), a registration without the
 * requirement confirmations. 0 or -1. */
static int row_rules(struct ctx *c, struct arena *s, const void *rec)
{
	if (c->k == IK_GROUPS) {
		const struct group_rec *g = rec;
		const char **names;
		size_t n = 0;

		const char *gid = NULL;

		if (g->name[0] && groups_named(c, g->name, &gid) > 0)
			return problem(c, column_of(c, "name"),
			               arena_printf(s,
			                            "同じ名前の団体がすでに"
			                            "登録されています（団体"
			                            "番号 %s）。",
			                            gid));
		if (g->name[0] && seen_has(c, g->name))
			return problem(
			    c, column_of(c, "name"),
			    "同じ名前の団体がこのファイルの前の行にあ"
			    "ります。");
		if (g->name[0] && seen_add(c, g->name) < 0)
			return -1;
		if (g->kind[0] && g->status != NULL &&
		    group_missing_reqs(c->db, s, g, NULL, &names, &n) != MS_OK)
			return -1;
		if (n > 0)
			return problem(
			    c,
			    missing(c, "reqs") ? column_of(c, "status")
			                       : column_of(c, "reqs"),
			    "テーマ型の団体を「登録」で取り込むには、要"
			    "件確認の列に「確認済」と入力してください（"
			    "6つの登録要件を確認したことの記録）。");
		return 0;
	} else {
		const struct project_rec *p = rec;
		const char *key;
		sqlite3_stmt *st;
		int rc;

		if (p->title[0] == '\0' || p->department[0] == '\0' ||
		    p->fiscal_year <= 0)
			return 0;
		key = arena_printf(s, "%d\t%s\t%s", p->fiscal_year,
		                   p->department, p->title);
		if (key == NULL)
			return -1;
		if (seen_has(c, key))
			return problem(
			    c, column_of(c, "title"),
			    "同じ年度・担当課・事業名の行が、このファイ"
			    "ルの前の行にあります。");
		if (seen_add(c, key) < 0)
			return -1;
		st = db_prep(c->db, "SELECT id FROM projects WHERE department "
		                    "= ?1 AND fiscal_year = ?2 AND title = ?3 "
		                    "LIMIT 1");
		if (st == NULL)
			return -1;
		sqlite3_bind_text(st, 1, p->department, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, p->fiscal_year);
		sqlite3_bind_text(st, 3, p->title, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			key = arena_printf(
			    s,
			    "同じ年度・担当課・事業名の事業がすでに"
			    "登録されています（事業番号 %lld）。",
			    (long long)sqlite3_column_int64(st, 0));
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
		return rc == SQLITE_ROW ? problem(c, column_of(c, "title"), key)
		                        : 0;
	}
}

/* Read record row into *g or *p through the staff form's parser, noting
 * every problem. 0 or -1 (database error, out of memory). */
static int parse_row(struct ctx *c, struct arena *s, const struct csv_row *row,
                     struct group_rec *g, struct project_rec *p)
{
	struct formvals f;
	struct form_errors errs = {0};
	int rc;

	if (row_values(c, s, row, &f) < 0)
		return -1;
	rc = c->k == IK_GROUPS ? group_form_parse(c->db, s, &f.l, g, &errs)
	                       : project_form_parse(c->db, s, &f.l, p, &errs);
	if (rc < 0)
		return -1;
	for (size_t i = 0; i < errs.n; i++) {
		int col = column_of(c, errs.v[i].name);

		if (problem(c, col, errs.v[i].value) < 0)
			return -1;
	}
	if (c->writing)
		return 0;
	return row_rules(c, s, c->k == IK_GROUPS ? (void *)g : (void *)p);
}

/* 1 when every cell of row is empty (Excel writes ",,,," for rows that
 * only had formatting). */
static int blank(const struct csv_row *row)
{
	for (size_t j = 0; j < row->n; j++)
		for (const char *p = row->f[j]; *p; p++)
			if (*p != ' ' && *p != '\t')
				return 0;
	return 1;
}

/* Match the header row against the kind's columns: known columns (or
 * their aliases) are mapped, unknown ones listed as ignored, duplicates
 * and missing required columns are problems. 0 or -1. */
static int map_header(struct ctx *c, const struct csv_row *h)
{
	size_t cap = h->n + 1;

	c->nheader = h->n;
	c->header = h->f;
	c->colmap = arena_alloc(c->a, h->n * sizeof(*c->colmap));
	c->where = arena_alloc(c->a, c->ncols * sizeof(*c->where));
	c->rep->ignored = arena_alloc(c->a, cap * sizeof(*c->rep->ignored));
	if (c->colmap == NULL || c->where == NULL || c->rep->ignored == NULL)
		return -1;
	for (size_t i = 0; i < c->ncols; i++)
		c->where[i] = -1;
	c->row = 1;
	for (size_t j = 0; j < h->n; j++) {
		const char *name = imp_loose(c->a, h->f[j]);
		int hit = -1;

		c->colmap[j] = -1;
		if (name == NULL)
			return -1;
		for (size_t i = 0; i < c->ncols && hit < 0; i++) {
			const char *al = c->cols[i].aliases;
			const char *l = imp_loose(c->a, c->cols[i].header);

			if (l != NULL && strcmp(l, name) == 0)
				hit = (int)i;
			while (hit < 0 && al != NULL && *al) {
				const char *e = strchr(al, '|');
				size_t n = e ? (size_t)(e - al) : strlen(al);
				const char *x = arena_strndup(c->a, al, n);

				if (x != NULL &&
				    strcmp(imp_loose(c->a, x), name) == 0)
					hit = (int)i;
				al = e ? e + 1 : NULL;
			}
		}
		if (hit < 0) {
			if (*name != '\0')
				c->rep->ignored[c->rep->nignored++] = h->f[j];
			continue;
		}
		if (c->where[hit] >= 0) {
			if (problem(c, (int)j,
			            arena_printf(
			                c->a,
			                "「%s」の列が2つあります（%zu列"
			                "目と%zu列目）。",
			                c->cols[hit].header,
			                (size_t)c->where[hit] + 1, j + 1)) < 0)
				return -1;
			continue;
		}
		c->where[hit] = (int)j;
		c->colmap[j] = hit;
	}
	for (size_t i = 0; i < c->ncols; i++)
		if (c->cols[i].required && c->where[i] < 0 &&
		    problem(c, -1,
		            arena_printf(c->a,
		                         "必須の列「%s」がありません。1行目（見"
		                         "出し）に列名を入れてください。",
		                         c->cols[i].header)) < 0)
			return -1;
	return 0;
}

/* Write every record (second pass: each row parsed again in the scratch
 * arena, then inserted). IMP_OK, IMP_PROBLEMS (the database refused a
 * row), IMP_DB, IMP_NOMEM. The caller owns the transaction. */
static enum import_status write_rows(struct ctx *c, struct arena *s,
                                     const struct user_actor *who,
                                     const struct csv_table *t)
{
	c->writing = 1;
	for (size_t i = 1; i < t->nrows; i++) {
		struct group_rec g;
		struct project_rec p;
		const char *msg = NULL;
		long long id;
		enum wstatus ws;

		if (blank(&t->rows[i]))
			continue;
		c->row = i + 1;
		arena_reset(s);
		if (parse_row(c, s, &t->rows[i], &g, &p) < 0)
			return IMP_DB;
		if (c->rep->np > 0 || c->rep->nmore > 0)
			return IMP_PROBLEMS; /* cannot happen after pass 1 */
		ws = c->k == IK_GROUPS
		         ? group_insert(c->db, s, who, &g, "CSV取込", &id, &msg)
		         : project_insert(c->db, s, who, &p, &id, &msg);
		if (ws == WS_INVALID) {
			problem(c, -1, msg);
			return IMP_PROBLEMS;
		}
		if (ws != WS_OK)
			return ws == WS_NOMEM ? IMP_NOMEM : IMP_DB;
		c->rep->written++;
	}
	return IMP_OK;
}

int import_audit(struct db *db, const struct user_actor *who,
                 enum import_kind k, const char *action, size_t rows)
{
	char n[24];

	snprintf(n, sizeof(n), "%zu", rows);
	return audit_write(db, who != NULL ? who->user_id : 0,
	                   who != NULL ? who->addr : NULL, import_kind_slug(k),
	                   0, action, "rows", NULL, n);
}

/* After a large import: thousands of rows went into the full-text indexes
 * as many small FTS5 segments, and a search reads one b-tree per segment.
 * Merging them is an optimisation of data already committed, so a failure
 * is logged, not reported as a failed import. */
static void merge_search_index(struct db *db)
{
	if (search_optimize(db->h) != SQLITE_OK)
		log_err("import: merging the search indexes: %s",
		        sqlite3_errmsg(db->h));
}

enum import_status import_csv(struct db *db, struct arena *a,
                              const struct user_actor *who, enum import_kind k,
                              const char *data, size_t n, int dry_run,
                              struct import_report *out)
{
	struct ctx c = {0};
	struct csv_table t;
	struct csv_pos pos;
	struct arena scratch;
	enum import_status is = IMP_OK;
	enum csv_err ce;
	size_t len, bad = 0;
	char *text;

	memset(out, 0, sizeof(*out));
	c.db = db;
	c.a = a;
	c.k = k;
	c.rep = out;
	c.cols = import_columns(k, &c.ncols);
	out->p = arena_alloc(a, IMPORT_MAX_PROBLEMS * sizeof(*out->p));
	if (out->p == NULL)
		return IMP_NOMEM;
	text = charset_to_utf8(a, data, n, &out->cs, &len, &bad);
	if (text == NULL) {
		if (bad == 0)
			return IMP_NOMEM;
		c.row = 0;
		problem(
		    &c, -1,
		    arena_printf(a,
		                 "ファイルの文字コードを読み取れません（%zu"
		                 "行目）。ExcelでCSV（UTF-8）またはCSV（カン"
		                 "マ区切り）で保存したファイルを選んでくだ"
		                 "さい。",
		                 bad));
		return IMP_PROBLEMS;
	}
	ce = csv_parse(a, text, len, &t, &pos);
	if (ce != CSV_OK) {
		if (ce == CSV_ERR_NOMEM)
			return IMP_NOMEM;
		c.row = pos.row;
		c.nheader = 0;
		problem(&c, -1,
		        arena_printf(a, "%zu列目：%s。", pos.col,
		                     csv_strerror(ce)));
		out->p[out->np - 1].col = pos.col;
		return IMP_PROBLEMS;
	}
	if (t.nrows < 2) {
		problem(&c, -1,
		        t.nrows == 0 ? "ファイルが空です。"
		                     : "見出しの行だけで、データの行がありませ"
		                       "ん。");
		return IMP_PROBLEMS;
	}
	if (map_header(&c, &t.rows[0]) < 0)
		return IMP_NOMEM;
	if (out->np > 0)
		return IMP_PROBLEMS;
	if (ctx_load(&c) < 0)
		return IMP_DB;
	arena_init(&scratch, 0);
	/* pass 1: read and check every row */
	for (size_t i = 1; i < t.nrows && is == IMP_OK; i++) {
		struct group_rec g;
		struct project_rec p;

		if (blank(&t.rows[i]))
			continue;
		if (++out->rows > IMPORT_MAX_ROWS) {
			c.row = i + 1;
			problem(
			    &c, -1,
			    arena_printf(a,
			                 "一度に取り込めるのは%d行までです。フ"
			                 "ァイルを分けてください。",
			                 IMPORT_MAX_ROWS));
			break;
		}
		c.row = i + 1;
		arena_reset(&scratch);
		if (parse_row(&c, &scratch, &t.rows[i], &g, &p) < 0)
			is = IMP_DB;
	}
	if (is == IMP_OK && (out->np > 0 || out->nmore > 0))
		is = IMP_PROBLEMS;
	/* pass 2: write them all, or nothing */
	if (is == IMP_OK) {
		if (db_begin(db) < 0) {
			is = IMP_DB;
		} else {
			is = write_rows(&c, &scratch, who, &t);
			if (is == IMP_OK && !dry_run &&
			    import_audit(db, who, k, "import", out->written) <
			        0)
				is = IMP_DB;
			if (is != IMP_OK || dry_run) {
				db_rollback(db);
				if (dry_run && is == IMP_OK)
					out->written = 0;
			} else if (db_commit(db) < 0) {
				db_rollback(db);
				is = IMP_DB;
			} else if (out->written >= IMPORT_OPTIMIZE_ROWS) {
				merge_search_index(db);
			}
			if (is != IMP_OK)
				out->written = 0;
		}
	}
	arena_free(&scratch);
	return is;
}
