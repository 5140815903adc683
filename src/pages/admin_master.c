/* Master data pages for 協働推進課: /admin/departments and
 * /admin/master/:kind (fields, forms, group kinds, partner roles, principle
 * sets, principles, evaluation scales, plans, policies). One generic set
 * of handlers driven by the kind's column table (model/masters_write.h):
 * the list, the form (validated by the columns' field table, 422 with the
 * values kept and a message per field), the 409 page when someone else
 * changed the row meanwhile, deletes refused with a Japanese message when
 * records use the row, a department deactivated instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/masters_write.h"
#include "pages/admin_data.h"
#include "pages/pages.h"
#include "util/log.h"
#include "view/page.h"

/* The kind a request is about and where its pages live. */
struct mpage {
	enum mkind k;              /* the kind */
	const struct mkind_def *d; /* its description */
	const char *base; /* "/admin/departments", "/admin/master/…" */
};

/* A form being shown: values, messages, the fingerprint of the row. */
struct mform {
	const char *key;                 /* the row's key (edit), or NULL */
	const struct mrow *row;          /* the row as stored (edit) */
	const char *val[MCOL_MAX];       /* values shown, column order */
	const char *err[MCOL_MAX];       /* message per column */
	const char *lraw[MLEVEL_MAX][3]; /* scale levels: mark, label,
	                                    points as typed */
	int lcomment[MLEVEL_MAX];        /* comment_required checked */
	const char *lerr[MLEVEL_MAX];    /* message per level */
	struct mlevel lv[MLEVEL_MAX];    /* the levels, when valid */
	const char *general;             /* message about the whole row */
	const char *fp;                  /* fingerprint of the row shown */
	int nerr;                        /* messages */
};

/* The user as the audit log's actor. */
static struct user_actor actor(const struct request *r)
{
	struct user_actor who = {r->user != NULL ? r->user->id : 0,
	                         r->remote_addr};

	return who;
}

/* Resolve the kind: departments, or the :kind parameter. 0, or -1 when
 * there is no such kind. */
static int resolve(struct request *r, int departments, struct mpage *m)
{
	int k =
	    departments ? MK_DEPARTMENT : masters_kind_by_slug(req_param(r, 0));

	if (k < 0)
		return -1;
	m->k = (enum mkind)k;
	m->d = masters_kind(m->k);
	m->base = departments
	              ? "/admin/departments"
	              : arena_printf(r->arena, "/admin/master/%s", m->d->slug);
	return m->base != NULL ? 0 : -1;
}

/* The :key parameter (after :kind for /admin/master). */
static const char *param_key(const struct request *r, const struct mpage *m)
{
	return req_param(r, m->k == MK_DEPARTMENT ? 0 : 1);
}

/* Start an admin page with the breadcrumb トップ › マスタデータ › …. */
static tdict *begin(struct request *r, struct page *p, const struct mpage *m,
                    const char *title, const char *tpl, int list)
{
	const char *labels[] = {"マスタデータ", m != NULL ? m->d->title : ""};
	const char *urls[] = {"/admin/master", m != NULL ? m->base : ""};
	tdict *d = page_begin(r, p, title, tpl);

	if (d == NULL)
		return NULL;
	page_crumbs(p, labels, urls, m == NULL ? 0 : list ? 1 : 2, title);
	r->extra_headers = "Cache-Control: no-store\r\n";
	return d;
}

/* The label of code in the options of a select column ("" for none). */
static const char *option_label(struct request *r, enum mchoice c,
                                const char *code)
{
	struct code_list l;

	if (code == NULL || *code == '\0')
		return "";
	if (masters_choices(r->db, r->arena, c, &l) != MS_OK)
		return code;
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.v[i].code, code) == 0)
			return l.v[i].name;
	return code;
}

enum hstatus page_admin_master_index(struct request *r)
{
	struct page p;
	tdict *d = begin(r, &p, NULL, "マスタデータの管理",
	                 "admin/master_index.tpl", 1);

	if (d == NULL)
		return HS_NOMEM;
	for (int k = 0; k < MK__MAX; k++) {
		const struct mkind_def *def = masters_kind((enum mkind)k);
		tdict *row = tdict_add_section(d, "KIND");

		tdict_set(row, "TITLE", def->title);
		tdict_set(row, "INTRO", def->intro);
		tdict_set(row, "URL",
		          k == MK_DEPARTMENT
		              ? "/admin/departments"
		              : arena_printf(r->arena, "/admin/master/%s",
		                             def->slug));
	}
	return page_end(r, &p);
}

/* ---------------------------------------------------------------- list */

/* The list page with status and an optional error notice. */
static enum hstatus list_page(struct request *r, const struct mpage *m,
                              int status, const char *error)
{
	struct page p;
	struct mrow *rows;
	size_t n;
	enum mstatus ms = masters_list(r->db, r->arena, m->k, &rows, &n);
	const char *title;
	tdict *d;

	if (ms != MS_OK)
		return ms == MS_NOMEM ? HS_NOMEM : HS_DB;
	title = arena_printf(r->arena, "%sの管理", m->d->title);
	d = begin(r, &p, m, title, "admin/master_list.tpl", 1);
	if (d == NULL || title == NULL)
		return HS_NOMEM;
	tdict_set(d, "TITLE", title);
	tdict_set(d, "INTRO", m->d->intro);
	tdict_set(d, "NOUN", m->d->title);
	tdict_set(d, "BASE", m->base);
	tdict_set_int(d, "COUNT", (long long)n);
	if (error != NULL)
		tdict_set(tdict_add_section(d, "ERROR"), "MESSAGE", error);
	if (req_query(r, "saved") != NULL)
		tdict_show(d, "SAVED");
	if (req_query(r, "created") != NULL)
		tdict_show(d, "CREATED");
	if (req_query(r, "deleted") != NULL)
		tdict_show(d, "DELETED");
	if (req_query(r, "activated") != NULL)
		tdict_show(d, "ACTIVATED");
	if (m->k == MK_PRINCIPLE_SET)
		tdict_show(d, "SETS_HELP");
	if (m->k == MK_DEPARTMENT)
		tdict_show(d, "DEPT_HELP");
	tdict_show(d, n == 0 ? "EMPTY" : "HAS_ROWS");
	for (size_t c = 0; c < m->d->ncols; c++)
		if (m->d->cols[c].listed)
			tdict_set(tdict_add_section(d, "HEAD"), "LABEL",
			          m->d->cols[c].f.label);
	for (size_t i = 0; i < n; i++) {
		tdict *row = tdict_add_section(d, "ROW");
		int first = 1;

		tdict_set(row, "KEY", rows[i].key);
		if (!rows[i].active)
			tdict_show(row, "INACTIVE");
		for (size_t c = 0; c < m->d->ncols; c++) {
			const struct mcol *col = &m->d->cols[c];
			const char *v = rows[i].v[c] ? rows[i].v[c] : "";
			tdict *cell;

			if (!col->listed)
				continue;
			if (col->widget == MW_SELECT)
				v = option_label(r, col->choice, v);
			else if (col->widget == MW_BOOL)
				v = strcmp(v, "1") == 0 ? "○" : "";
			cell = tdict_add_section(row, first ? "FIRST" : "CELL");
			tdict_set(cell, "VALUE", v);
			if (col->widget == MW_CODE)
				tdict_show(cell, "CODE");
			else
				tdict_show(cell, "PLAIN");
			first = 0;
		}
		if (rows[i].extra != NULL && *rows[i].extra != '\0')
			tdict_set(tdict_add_section(row, "EXTRA"), "TEXT",
			          rows[i].extra);
		if (m->k == MK_DEPARTMENT && !rows[i].active)
			tdict_show(row, "STATE_INACTIVE");
		else if (rows[i].uses > 0)
			tdict_show(row, "STATE_USED");
		if (m->k == MK_PRINCIPLE_SET && *rows[i].extra == '\0' &&
		    rows[i].uses > 0)
			tdict_show(row, "CAN_ACTIVATE");
	}
	r->status = status;
	return page_end(r, &p);
}

enum hstatus page_admin_departments(struct request *r)
{
	struct mpage m;

	if (resolve(r, 1, &m) < 0)
		return HS_NOTFOUND;
	return list_page(r, &m, 200, NULL);
}

enum hstatus page_admin_master_list(struct request *r)
{
	struct mpage m;

	if (resolve(r, 0, &m) < 0)
		return HS_NOTFOUND;
	return list_page(r, &m, 200, NULL);
}

/* ---------------------------------------------------------------- form */

/* Add the options of a select column to FIELD row x, selecting value. */
static int options(struct request *r, tdict *x, const struct mcol *col,
                   const char *value)
{
	struct code_list l;
	tdict *o;

	if (masters_choices(r->db, r->arena, col->choice, &l) != MS_OK)
		return -1;
	o = tdict_add_section(x, "OPTION");
	tdict_set(o, "VALUE", "");
	tdict_set(o, "LABEL", col->f.required ? "選んでください" : "（なし）");
	for (size_t i = 0; i < l.n; i++) {
		o = tdict_add_section(x, "OPTION");
		tdict_set(o, "VALUE", l.v[i].code);
		tdict_set(o, "LABEL", l.v[i].name);
		if (value != NULL && strcmp(value, l.v[i].code) == 0)
			tdict_show(o, "SELECTED");
	}
	return 0;
}

/* One input of the form into section FIELD of d. */
static int field_row(struct request *r, tdict *d, const struct mcol *col,
                     const char *value, const char *error, int editing)
{
	tdict *x = tdict_add_section(d, "FIELD");
	const char *name = col->f.name;
	const char *desc = NULL;

	tdict_set(x, "NAME", name);
	tdict_set(x, "LABEL", col->f.label);
	tdict_set(x, "VALUE", value != NULL ? value : "");
	if (col->hint != NULL && *col->hint != '\0') {
		tdict_set(tdict_add_section(x, "HINT"), "TEXT", col->hint);
		desc = arena_printf(r->arena, "f-%s-hint", name);
	}
	if (error != NULL) {
		tdict_set(tdict_add_section(x, "ERROR"), "MESSAGE", error);
		tdict_show(x, "INVALID");
		desc = arena_printf(r->arena, "%s%sf-%s-error",
		                    desc != NULL ? desc : "",
		                    desc != NULL ? " " : "", name);
	}
	if (desc != NULL)
		tdict_set(tdict_add_section(x, "DESCRIBED"), "IDS", desc);
	if (col->widget == MW_BOOL) {
		tdict_show(x, "CHECKBOX");
		if (value != NULL && strcmp(value, "1") == 0)
			tdict_show(x, "CHECKED");
		return 0;
	}
	tdict_show(x, "LABELLED");
	tdict_show(x, col->f.required ? "REQUIRED" : "OPTIONAL");
	if (editing && col->fixed) {
		const char *shown = value != NULL ? value : "";

		if (col->widget == MW_SELECT)
			shown = option_label(r, col->choice, shown);
		tdict_set(tdict_add_section(x, "FIXED"), "SHOWN", shown);
		return 0;
	}
	switch (col->widget) {
	case MW_TEXT: tdict_show(x, "TEXTAREA"); break;
	case MW_SELECT:
		tdict_show(x, "SELECT");
		return options(r, x, col, value);
	case MW_INT: tdict_show(x, "NUMBER"); break;
	case MW_CODE:
		tdict_show(x, "LINE");
		tdict_show(x, "ASCII");
		break;
	default: tdict_show(x, "LINE"); break;
	}
	if (col->f.max > 0 && col->widget != MW_INT)
		tdict_set_int(tdict_add_section(x, "MAXLEN"), "N", col->f.max);
	return 0;
}

/* The levels grid of a scale form. */
static void level_rows(tdict *d, const struct mform *f)
{
	tdict *s = tdict_add_section(d, "LEVELS");

	for (int i = MLEVEL_MAX - 1; i >= 0; i--) {
		tdict *x = tdict_add_section(s, "LEVEL");

		tdict_set_int(x, "N", i + 1);
		tdict_set(x, "MARK", f->lraw[i][0] ? f->lraw[i][0] : "");
		tdict_set(x, "LABEL", f->lraw[i][1] ? f->lraw[i][1] : "");
		tdict_set(x, "POINTS", f->lraw[i][2] ? f->lraw[i][2] : "");
		if (f->lcomment[i])
			tdict_show(x, "COMMENT");
		if (f->lerr[i] != NULL) {
			tdict_set(tdict_add_section(x, "ERROR"), "MESSAGE",
			          f->lerr[i]);
			tdict_show(x, "INVALID");
		}
	}
}

/* Add a message to the error summary. */
static void summary(tdict *d, tdict **errs, const char *id, const char *msg)
{
	tdict *e;

	if (*errs == NULL)
		*errs = tdict_add_section(d, "ERRORS");
	e = tdict_add_section(*errs, "ERROR");
	tdict_set(e, "ID", id);
	tdict_set(e, "MESSAGE", msg);
}

/* The form page (new when f->key is NULL) with status. */
static enum hstatus form_page(struct request *r, const struct mpage *m,
                              const struct mform *f, int status)
{
	struct page p;
	const char *title =
	    f->key == NULL ? arena_printf(r->arena, "%sの追加", m->d->title)
	                   : arena_printf(r->arena, "%sの編集", m->d->title);
	tdict *d =
	    begin(r, &p, m, title ? title : "", "admin/master_form.tpl", 0);
	tdict *errs = NULL;
	int nerr = 0;

	if (d == NULL || title == NULL)
		return HS_NOMEM;
	tdict_set(d, "TITLE", title);
	tdict_set(d, "NOUN", m->d->title);
	tdict_set(d, "BASE", m->base);
	if (f->key == NULL) {
		tdict_set(d, "ACTION",
		          arena_printf(r->arena, "%s/new", m->base));
		tdict_set(d, "SUBMIT", "追加する");
	} else {
		tdict *e = tdict_add_section(d, "EXISTING");

		tdict_set(
		    d, "ACTION",
		    arena_printf(r->arena, "%s/%s/edit", m->base, f->key));
		tdict_set(d, "SUBMIT", "保存する");
		tdict_set(d, "FP", f->fp != NULL ? f->fp : "");
		tdict_set(e, "KEY", f->key);
		tdict_set(
		    e, "DELETE_URL",
		    arena_printf(r->arena, "%s/%s/delete", m->base, f->key));
		if (f->row != NULL && f->row->uses > 0)
			tdict_show(e, "IN_USE");
		else
			tdict_show(e, "UNUSED");
		if (m->k == MK_DEPARTMENT && f->row != NULL) {
			tdict *a = tdict_add_section(d, "ACTIVE_FORM");

			tdict_set(a, "URL",
			          arena_printf(r->arena, "%s/%s/active",
			                       m->base, f->key));
			tdict_show(a, f->row->active ? "IS_ACTIVE"
			                             : "IS_INACTIVE");
		}
		if (m->k == MK_PRINCIPLE_SET && f->row != NULL &&
		    *f->row->extra == '\0')
			tdict_set(tdict_add_section(d, "ACTIVATE_FORM"), "URL",
			          arena_printf(r->arena, "%s/%s/activate",
			                       m->base, f->key));
	}
	if (f->general != NULL) {
		tdict_set(tdict_add_section(d, "GENERAL"), "MESSAGE",
		          f->general);
		summary(d, &errs, "main-message", f->general);
		nerr++;
	}
	for (size_t c = 0; c < m->d->ncols; c++) {
		if (field_row(r, d, &m->d->cols[c], f->val[c], f->err[c],
		              f->key != NULL) < 0)
			return HS_DB;
		if (f->err[c] != NULL) {
			summary(d, &errs,
			        arena_printf(r->arena, "f-%s",
			                     m->d->cols[c].f.name),
			        f->err[c]);
			nerr++;
		}
	}
	if (m->k == MK_SCALE) {
		level_rows(d, f);
		for (int i = 0; i < MLEVEL_MAX; i++)
			if (f->lerr[i] != NULL) {
				summary(
				    d, &errs,
				    arena_printf(r->arena, "l-%d-mark", i + 1),
				    f->lerr[i]);
				nerr++;
			}
	}
	if (errs != NULL)
		tdict_set_int(errs, "COUNT", nerr);
	r->status = status;
	return page_end(r, &p);
}

/* The form of a stored row. */
static void form_from_row(struct request *r, const struct mpage *m,
                          struct mform *f, const struct mrow *row,
                          const struct mlevel *lv)
{
	memset(f, 0, sizeof(*f));
	f->key = row->key;
	f->row = row;
	for (size_t c = 0; c < m->d->ncols; c++)
		f->val[c] = row->v[c];
	for (int i = 0; lv != NULL && i < MLEVEL_MAX; i++) {
		if (!lv[i].present)
			continue;
		f->lraw[i][0] = lv[i].mark;
		f->lraw[i][1] = lv[i].label;
		f->lraw[i][2] = arena_printf(r->arena, "%lld", lv[i].points);
		f->lcomment[i] = lv[i].comment_required;
	}
	f->fp = masters_fingerprint(r->arena, m->k, row, lv);
}

/* Validate the scale levels of the posted form into f. */
static void levels_from_post(struct request *r, struct mform *f)
{
	static const struct field fm = {"mark", "記号", 1, v_line, 1, 8, NULL};
	static const struct field fl = {"label", "説明", 1,   v_line,
	                                1,       50,     NULL};
	static const struct field fpt = {"points", "点数", 1,   v_int,
	                                 0,        100,    NULL};

	for (int i = 0; i < MLEVEL_MAX; i++) {
		char name[32];
		struct fieldval vm, vl, vp;
		const char *raw[3];

		snprintf(name, sizeof(name), "level_%d_mark", i + 1);
		raw[0] = req_form(r, name);
		snprintf(name, sizeof(name), "level_%d_label", i + 1);
		raw[1] = req_form(r, name);
		snprintf(name, sizeof(name), "level_%d_points", i + 1);
		raw[2] = req_form(r, name);
		snprintf(name, sizeof(name), "level_%d_comment", i + 1);
		f->lcomment[i] = req_form(r, name) != NULL;
		field_check(r->arena, &fm, raw[0], &vm);
		field_check(r->arena, &fl, raw[1], &vl);
		field_check(r->arena, &fpt, raw[2], &vp);
		f->lraw[i][0] = vm.raw;
		f->lraw[i][1] = vl.raw;
		f->lraw[i][2] = vp.raw;
		if (!vm.present && !vl.present && !vp.present)
			continue; /* no such level */
		if (vm.error != NULL || vl.error != NULL || vp.error != NULL) {
			f->lerr[i] = arena_printf(r->arena, "段階%d：%s", i + 1,
			                          vm.error   ? vm.error
			                          : vl.error ? vl.error
			                                     : vp.error);
			f->nerr++;
			continue;
		}
		f->lv[i].present = 1;
		f->lv[i].mark = vm.text;
		f->lv[i].label = vl.text;
		f->lv[i].points = vp.num;
		f->lv[i].comment_required = f->lcomment[i];
	}
}

/* Validate the posted form into f through the kind's field table (a
 * select must name one of its options). Fixed columns of an edit keep
 * the stored values. Returns the number of messages. */
static int form_from_post(struct request *r, const struct mpage *m,
                          struct mform *f)
{
	for (size_t c = 0; c < m->d->ncols; c++) {
		const struct mcol *col = &m->d->cols[c];
		struct field fd = col->f;
		struct fieldval v;

		if (f->key != NULL && col->fixed)
			continue; /* f->val[c] is the stored value */
		if (col->widget == MW_SELECT) {
			struct code_list l;
			const char **set;

			if (masters_choices(r->db, r->arena, col->choice, &l) !=
			    MS_OK)
				return -1;
			set = arena_alloc(r->arena, (l.n + 1) * sizeof(*set));
			if (set == NULL)
				return -1;
			for (size_t i = 0; i < l.n; i++)
				set[i] = l.v[i].code;
			fd.validate = v_oneof;
			fd.set = set;
		}
		field_check(r->arena, &fd, req_form(r, fd.name), &v);
		f->val[c] = col->widget == MW_BOOL ? v.text : v.raw;
		if (v.error != NULL) {
			f->err[c] = v.error;
			f->nerr++;
		} else if (v.present && v.text != NULL &&
		           col->widget != MW_BOOL) {
			f->val[c] = v.text; /* normalised (kana, numbers) */
		}
	}
	if (m->k == MK_SCALE)
		levels_from_post(r, f);
	f->fp = req_form(r, "fp");
	return f->nerr;
}

/* Copy a write's problems into f. */
static void take_problems(struct mform *f, const struct mproblem *p)
{
	for (int c = 0; c < MCOL_MAX; c++)
		if (p->col[c] != NULL && f->err[c] == NULL)
			f->err[c] = p->col[c];
	for (int i = 0; i < MLEVEL_MAX; i++)
		if (p->level[i] != NULL)
			f->lerr[i] = p->level[i];
	if (p->general != NULL)
		f->general = p->general;
}

static enum hstatus new_form(struct request *r, int departments)
{
	struct mpage m;
	struct mform f = {0};

	if (resolve(r, departments, &m) < 0)
		return HS_NOTFOUND;
	for (size_t c = 0; c < m.d->ncols; c++)
		if (strcmp(m.d->cols[c].f.name, "sort") == 0)
			f.val[c] = "100";
	return form_page(r, &m, &f, 200);
}

enum hstatus page_admin_department_new(struct request *r)
{
	return new_form(r, 1);
}

enum hstatus page_admin_master_new(struct request *r)
{
	return new_form(r, 0);
}

static enum hstatus create(struct request *r, int departments)
{
	struct mpage m;
	struct mform f = {0};
	struct mproblem p;
	struct user_actor who = actor(r);
	const char *key;
	enum wstatus ws;

	if (resolve(r, departments, &m) < 0)
		return HS_NOTFOUND;
	if (form_from_post(r, &m, &f) < 0)
		return HS_DB;
	if (f.nerr > 0)
		return form_page(r, &m, &f, 422);
	ws = masters_create(r->db, r->arena, &who, m.k, f.val, f.lv, &key, &p);
	if (ws == WS_INVALID) {
		take_problems(&f, &p);
		return form_page(r, &m, &f, 422);
	}
	if (ws != WS_OK)
		return ws == WS_NOMEM ? HS_NOMEM : HS_DB;
	log_info("master %s %s created by %s", m.d->table, key,
	         r->user ? r->user->username : "-");
	r->status = 303;
	r->location = arena_printf(r->arena, "%s?created=1", m.base);
	return r->location != NULL ? HS_OK : HS_NOMEM;
}

enum hstatus page_admin_department_create(struct request *r)
{
	return create(r, 1);
}

enum hstatus page_admin_master_create(struct request *r)
{
	return create(r, 0);
}

/* Load the row of the request (and a scale's levels) into *row / lv. */
static enum hstatus load(struct request *r, const struct mpage *m,
                         struct mrow *row, struct mlevel *lv)
{
	enum mstatus ms =
	    masters_get(r->db, r->arena, m->k, param_key(r, m), row);

	if (ms == MS_OK && m->k == MK_SCALE)
		ms = masters_levels(r->db, r->arena, row->v[0], lv);
	if (ms == MS_NOTFOUND)
		return HS_NOTFOUND;
	if (ms != MS_OK)
		return ms == MS_NOMEM ? HS_NOMEM : HS_DB;
	return HS_OK;
}

static enum hstatus edit(struct request *r, int departments)
{
	struct mpage m;
	struct mrow *row;
	struct mlevel lv[MLEVEL_MAX];
	struct mform f;
	enum hstatus hs;

	if (resolve(r, departments, &m) < 0)
		return HS_NOTFOUND;
	row = arena_alloc(r->arena, sizeof(*row));
	if (row == NULL)
		return HS_NOMEM;
	if ((hs = load(r, &m, row, lv)) != HS_OK)
		return hs;
	form_from_row(r, &m, &f, row, m.k == MK_SCALE ? lv : NULL);
	return form_page(r, &m, &f, 200);
}

enum hstatus page_admin_department_edit(struct request *r)
{
	return edit(r, 1);
}

enum hstatus page_admin_master_edit(struct request *r)
{
	return edit(r, 0);
}

/* A column's value as people read it (option names, ○ for flags). */
static const char *shown(struct request *r, const struct mcol *col,
                         const char *v)
{
	if (v == NULL)
		return "";
	if (col->widget == MW_SELECT)
		return option_label(r, col->choice, v);
	if (col->widget == MW_BOOL)
		return strcmp(v, "1") == 0 ? "はい" : "いいえ";
	return v;
}

/* The 409 page: what was typed beside what is stored now. */
static enum hstatus conflict_page(struct request *r, const struct mpage *m,
                                  const struct mform *f)
{
	struct page p;
	struct mrow now;
	struct mlevel lv[MLEVEL_MAX];
	enum hstatus hs = load(r, m, &now, lv);
	tdict *d;
	int ndiff = 0;

	if (hs == HS_NOTFOUND)
		return HS_CONFLICT;
	if (hs != HS_OK)
		return hs;
	d = begin(r, &p, m, "保存できませんでした（更新の競合）",
	          "admin/master_conflict.tpl", 0);
	if (d == NULL)
		return HS_NOMEM;
	tdict_set(d, "NOUN", m->d->title);
	tdict_set(d, "EDIT_URL",
	          arena_printf(r->arena, "%s/%s/edit", m->base, f->key));
	tdict_set(d, "BASE", m->base);
	for (size_t c = 0; c < m->d->ncols; c++) {
		const struct mcol *col = &m->d->cols[c];
		const char *mine = shown(r, col, f->val[c]);
		const char *theirs = shown(r, col, now.v[c]);
		tdict *row = tdict_add_section(d, "ROW");
		int differs = strcmp(mine, theirs) != 0;

		tdict_set(row, "LABEL", col->f.label);
		tdict_set(row, "MINE", mine);
		tdict_set(row, "SAVED", theirs);
		tdict_show(row, differs ? "DIFF" : "SAME");
		ndiff += differs;
	}
	if (m->k == MK_DEPARTMENT) {
		tdict *row = tdict_add_section(d, "ROW");

		tdict_set(row, "LABEL", "状態");
		tdict_set(row, "MINE",
		          f->row != NULL && !f->row->active ? "無効"
		                                            : "（変更なし）");
		tdict_set(row, "SAVED", now.active ? "有効" : "無効");
		tdict_show(row, "SAME");
	}
	for (int i = MLEVEL_MAX - 1; m->k == MK_SCALE && i >= 0; i--) {
		const char *mine =
		    f->lv[i].present
		        ? arena_printf(r->arena, "%s %s（%lld点）",
		                       f->lv[i].mark, f->lv[i].label,
		                       f->lv[i].points)
		        : "";
		const char *theirs =
		    lv[i].present
		        ? arena_printf(r->arena, "%s %s（%lld点）", lv[i].mark,
		                       lv[i].label, lv[i].points)
		        : "";
		tdict *row;

		if (*mine == '\0' && *theirs == '\0')
			continue;
		row = tdict_add_section(d, "ROW");
		tdict_set(row, "LABEL",
		          arena_printf(r->arena, "段階%d", i + 1));
		tdict_set(row, "MINE", mine);
		tdict_set(row, "SAVED", theirs);
		tdict_show(row, strcmp(mine, theirs) ? "DIFF" : "SAME");
		ndiff += strcmp(mine, theirs) != 0;
	}
	tdict_set_int(d, "NDIFF", ndiff);
	r->status = 409;
	return page_end(r, &p);
}

static enum hstatus update(struct request *r, int departments)
{
	struct mpage m;
	struct mrow *row;
	struct mlevel lv[MLEVEL_MAX];
	struct mform f;
	struct mproblem p;
	struct user_actor who = actor(r);
	enum hstatus hs;
	enum wstatus ws;

	if (resolve(r, departments, &m) < 0)
		return HS_NOTFOUND;
	row = arena_alloc(r->arena, sizeof(*row));
	if (row == NULL)
		return HS_NOMEM;
	if ((hs = load(r, &m, row, lv)) != HS_OK)
		return hs;
	/* the stored row gives the key and the fixed columns; the rest, and
	 * the fingerprint of the row as the user saw it, come from the form */
	form_from_row(r, &m, &f, row, NULL);
	if (form_from_post(r, &m, &f) < 0)
		return HS_DB;
	if (f.fp == NULL || *f.fp == '\0')
		return HS_INVALID;
	if (f.nerr > 0)
		return form_page(r, &m, &f, 422);
	ws = masters_update(r->db, r->arena, &who, m.k, f.key, f.fp, f.val,
	                    f.lv, &p);
	switch (ws) {
	case WS_OK: break;
	case WS_NOTFOUND: return HS_NOTFOUND;
	case WS_CONFLICT: return conflict_page(r, &m, &f);
	case WS_INVALID:
		take_problems(&f, &p);
		return form_page(r, &m, &f, 422);
	case WS_NOMEM: return HS_NOMEM;
	default: return HS_DB;
	}
	log_info("master %s %s updated by %s", m.d->table, f.key,
	         r->user ? r->user->username : "-");
	r->status = 303;
	r->location = arena_printf(r->arena, "%s?saved=1", m.base);
	return r->location != NULL ? HS_OK : HS_NOMEM;
}

enum hstatus page_admin_department_update(struct request *r)
{
	return update(r, 1);
}

enum hstatus page_admin_master_update(struct request *r)
{
	return update(r, 0);
}

static enum hstatus remove_row(struct request *r, int departments)
{
	struct mpage m;
	struct mrow *row;
	struct mlevel lv[MLEVEL_MAX];
	struct mform f;
	struct user_actor who = actor(r);
	const char *msg;
	enum hstatus hs;
	enum wstatus ws;

	if (resolve(r, departments, &m) < 0)
		return HS_NOTFOUND;
	row = arena_alloc(r->arena, sizeof(*row));
	if (row == NULL)
		return HS_NOMEM;
	if ((hs = load(r, &m, row, lv)) != HS_OK)
		return hs;
	form_from_row(r, &m, &f, row, m.k == MK_SCALE ? lv : NULL);
	if (req_form(r, "confirm") == NULL) {
		f.general = "削除するには「削除してよいことを確認しました」に"
		            "チェックを入れてください。";
		return form_page(r, &m, &f, 422);
	}
	ws = masters_delete(r->db, r->arena, &who, m.k, f.key, &msg);
	switch (ws) {
	case WS_OK: break;
	case WS_NOTFOUND: return HS_NOTFOUND;
	case WS_INVALID: f.general = msg; return form_page(r, &m, &f, 409);
	case WS_NOMEM: return HS_NOMEM;
	default: return HS_DB;
	}
	log_info("master %s %s deleted by %s", m.d->table, f.key,
	         r->user ? r->user->username : "-");
	r->status = 303;
	r->location = arena_printf(r->arena, "%s?deleted=1", m.base);
	return r->location != NULL ? HS_OK : HS_NOMEM;
}

enum hstatus page_admin_department_delete(struct request *r)
{
	return remove_row(r, 1);
}

enum hstatus page_admin_master_delete(struct request *r)
{
	return remove_row(r, 0);
}

enum hstatus page_admin_department_active(struct request *r)
{
	const char *v = req_form(r, "active");
	struct user_actor who = actor(r);
	enum wstatus ws;

	if (v == NULL || (strcmp(v, "0") != 0 && strcmp(v, "1") != 0))
		return HS_INVALID;
	ws = masters_set_active(r->db, r->arena, &who, req_param(r, 0),
	                        v[0] == '1');
	if (ws == WS_NOTFOUND)
		return HS_NOTFOUND;
	if (ws != WS_OK)
		return HS_DB;
	r->status = 303;
	r->location = "/admin/departments?saved=1";
	return HS_OK;
}

enum hstatus page_admin_master_activate(struct request *r)
{
	struct mpage m;
	struct user_actor who = actor(r);
	const char *msg;
	enum wstatus ws;

	if (resolve(r, 0, &m) < 0 || m.k != MK_PRINCIPLE_SET)
		return HS_NOTFOUND;
	ws = masters_activate_set(r->db, r->arena, &who, req_param(r, 1), &msg);
	if (ws == WS_NOTFOUND)
		return HS_NOTFOUND;
	if (ws == WS_INVALID)
		return list_page(r, &m, 409, msg);
	if (ws != WS_OK)
		return HS_DB;
	r->status = 303;
	r->location = arena_printf(r->arena, "%s?activated=1", m.base);
	return r->location != NULL ? HS_OK : HS_NOMEM;
}
