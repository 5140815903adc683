/* Master data pages for 協働推進課: /admin/departments and
 * /admin/master/:kind (fields, forms, group kinds, partner roles, principle
 * sets, principles, evaluation scales, plans, policies). One generic set
 * of handlers driven by the kind's column table (model/masters_write.h):
 * the list, the form (validated by the columns' field table, 422 with the
 * values kept and a message per field), the 409 page when someone else
 * changed the row meanwhile, deletes refused with a Japanese message when
 * records use the row, which is deactivated instead (taken out of the
 * choices of new records, kept on the old ones). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/masters_write.h"
#include "pages/admin_data.h"
#include "pages/admin_master.h"
#include "pages/pages.h"
#include "view/page.h"

/* The user as the audit log's actor. */
struct user_actor am_actor(const struct request *r)
{
	struct user_actor who = {r->user != NULL ? r->user->id : 0,
	                         r->remote_addr};

	return who;
}

/* Resolve the kind: departments, or the :kind parameter. 0, or -1 when
 * there is no such kind. */
int am_resolve(struct request *r, int departments, struct mpage *m)
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
const char *am_param_key(const struct request *r, const struct mpage *m)
{
	return req_param(r, m->k == MK_DEPARTMENT ? 0 : 1);
}

/* Start an admin page with the breadcrumb トップ › マスタデータ › …. */
tdict *am_begin(struct request *r, struct page *p, const struct mpage *m,
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

/* The label of code in the options of choice c ("" for none), through
 * cache. */
const char *am_option_label(struct request *r, struct optcache *cache,
                            enum mchoice c, const char *code)
{
	if (code == NULL || *code == '\0' || c >= MC__MAX)
		return "";
	if (!cache->loaded[c]) {
		if (masters_choices(r->db, r->arena, c, &cache->lists[c]) !=
		    MS_OK)
			return code;
		cache->loaded[c] = 1;
	}
	for (size_t i = 0; i < cache->lists[c].n; i++)
		if (strcmp(cache->lists[c].v[i].code, code) == 0)
			return cache->lists[c].v[i].name;
	return code;
}

/* What a row is called in links: its name, title or key. */
static const char *row_name(const struct mpage *m, const struct mrow *row)
{
	int c = masters_col(m->k, "name");

	if (c < 0)
		c = masters_col(m->k, "title");
	return c >= 0 && row->v[c] != NULL ? row->v[c] : row->key;
}

enum hstatus page_admin_master_index(struct request *r)
{
	struct page p;
	tdict *d = am_begin(r, &p, NULL, "マスタデータの管理",
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
enum hstatus am_list_page(struct request *r, const struct mpage *m, int status,
                          const char *error)
{
	struct page p;
	struct optcache oc = {0};
	struct mrow *rows;
	size_t n;
	enum mstatus ms = masters_list(r->db, r->arena, m->k, &rows, &n);
	const char *title;
	tdict *d;

	if (ms != MS_OK)
		return ms == MS_NOMEM ? HS_NOMEM : HS_DB;
	title = arena_printf(r->arena, "%sの管理", m->d->title);
	d = am_begin(r, &p, m, title, "admin/master_list.tpl", 1);
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
	else if (m->d->has_active)
		tdict_show(d, "ACTIVE_HELP");
	tdict_show(d, n == 0 ? "EMPTY" : "HAS_ROWS");
	for (size_t c = 0; c < m->d->ncols; c++)
		if (m->d->cols[c].listed)
			tdict_set(tdict_add_section(d, "HEAD"), "LABEL",
			          m->d->cols[c].f.label);
	for (size_t i = 0; i < n; i++) {
		tdict *row = tdict_add_section(d, "ROW");
		int first = 1;

		tdict_set(row, "KEY", rows[i].key);
		tdict_set(row, "NAME", row_name(m, &rows[i]));
		if (!rows[i].active)
			tdict_show(row, "INACTIVE");
		for (size_t c = 0; c < m->d->ncols; c++) {
			const struct mcol *col = &m->d->cols[c];
			const char *v = rows[i].v[c] ? rows[i].v[c] : "";
			tdict *cell;

			if (!col->listed)
				continue;
			if (col->widget == MW_SELECT)
				v = am_option_label(r, &oc, col->choice, v);
			else if (col->widget == MW_BOOL)
				v = strcmp(v, "1") == 0 ? "○" : "";
			cell = tdict_add_section(row, first ? "FIRST" : "CELL");
			tdict_set(cell, "VALUE", v);
			tdict_set(cell, "LABEL", col->f.label);
			if (col->widget == MW_CODE)
				tdict_show(cell, "CODE");
			else
				tdict_show(cell, "PLAIN");
			first = 0;
		}
		if (rows[i].extra != NULL && *rows[i].extra != '\0')
			tdict_set(tdict_add_section(row, "EXTRA"), "TEXT",
			          rows[i].extra);
		if (m->d->has_active && !rows[i].active)
			tdict_show(row, "STATE_INACTIVE");
		else if (rows[i].uses > 0 && m->k != MK_PRINCIPLE_SET)
			tdict_show(row, "STATE_USED"); /* a set: its EXTRA */
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

	if (am_resolve(r, 1, &m) < 0)
		return HS_NOTFOUND;
	return am_list_page(r, &m, 200, NULL);
}

enum hstatus page_admin_master_list(struct request *r)
{
	struct mpage m;

	if (am_resolve(r, 0, &m) < 0)
		return HS_NOTFOUND;
	return am_list_page(r, &m, 200, NULL);
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
	if (editing && col->fixed) {
		struct optcache oc = {0};
		const char *shown = value != NULL ? value : "";

		if (col->widget == MW_SELECT)
			shown = am_option_label(r, &oc, col->choice, shown);
		tdict_set(tdict_add_section(x, "FIXED"), "SHOWN", shown);
		return 0;
	}
	tdict_show(x, "LABELLED");
	tdict_show(x, col->f.required ? "REQUIRED" : "OPTIONAL");
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
enum hstatus am_form_page(struct request *r, const struct mpage *m,
                          const struct mform *f, int status)
{
	struct page p;
	const char *title =
	    f->key == NULL ? arena_printf(r->arena, "%sの追加", m->d->title)
	                   : arena_printf(r->arena, "%sの編集", m->d->title);
	tdict *d =
	    am_begin(r, &p, m, title ? title : "", "admin/master_form.tpl", 0);
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
		if (m->d->has_active && f->row != NULL) {
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
void am_form_from_row(struct request *r, const struct mpage *m, struct mform *f,
                      const struct mrow *row, const struct mlevel *lv)
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
int am_form_from_post(struct request *r, const struct mpage *m, struct mform *f)
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
void am_take_problems(struct mform *f, const struct mproblem *p)
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

	if (am_resolve(r, departments, &m) < 0)
		return HS_NOTFOUND;
	for (size_t c = 0; c < m.d->ncols; c++)
		if (strcmp(m.d->cols[c].f.name, "sort") == 0)
			f.val[c] = "100";
	return am_form_page(r, &m, &f, 200);
}

enum hstatus page_admin_department_new(struct request *r)
{
	return new_form(r, 1);
}

enum hstatus page_admin_master_new(struct request *r)
{
	return new_form(r, 0);
}

/* Load the row of the request (and a scale's levels) into *row / lv. */
enum hstatus am_load(struct request *r, const struct mpage *m, struct mrow *row,
                     struct mlevel *lv)
{
	enum mstatus ms =
	    masters_get(r->db, r->arena, m->k, am_param_key(r, m), row);

	if (ms == MS_OK && m->k == MK_SCALE)
		ms = masters_levels(r->db, r->arena, row->v[0], lv);
	if (ms == MS_NOTFOUND)
		return HS_NOTFOUND;
	if (ms != MS_OK)
		return ms == MS_NOMEM ? HS_NOMEM : HS_DB;
	return HS_OK;
}

enum hstatus am_resolve_row(struct request *r, int departments, struct mpage *m,
                            struct mrow **row, struct mlevel *lv)
{
	if (am_resolve(r, departments, m) < 0)
		return HS_NOTFOUND;
	*row = arena_alloc(r->arena, sizeof(**row));
	if (*row == NULL)
		return HS_NOMEM;
	return am_load(r, m, *row, lv);
}

static enum hstatus edit(struct request *r, int departments)
{
	struct mpage m;
	struct mrow *row;
	struct mlevel lv[MLEVEL_MAX];
	struct mform f;
	enum hstatus hs;

	if ((hs = am_resolve_row(r, departments, &m, &row, lv)) != HS_OK)
		return hs;
	am_form_from_row(r, &m, &f, row, m.k == MK_SCALE ? lv : NULL);
	return am_form_page(r, &m, &f, 200);
}

enum hstatus page_admin_department_edit(struct request *r)
{
	return edit(r, 1);
}

enum hstatus page_admin_master_edit(struct request *r)
{
	return edit(r, 0);
}
