/* Master data pages, the writes: POST …/new, …/:key/edit (409 with both
 * versions when the row changed since the form was shown), …/:key/delete,
 * …/:key/active (deactivate, reactivate) and the principle set switch. See
 * pages/admin_data.h for the statuses and pages/admin_master.c for the
 * pages they show again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/masters_write.h"
#include "pages/admin_data.h"
#include "pages/admin_master.h"
#include "util/log.h"
#include "view/page.h"

/* Log what was done to row key of m's kind and answer 303 to the list
 * with its notice (query: "created=1", "saved=1" …). */
static enum hstatus done(struct request *r, const struct mpage *m,
                         const char *key, const char *what, const char *query)
{
	log_info("master %s %s %s by %s", m->d->table, key, what,
	         r->user ? r->user->username : "-");
	r->status = 303;
	r->location = arena_printf(r->arena, "%s?%s", m->base, query);
	return r->location != NULL ? HS_OK : HS_NOMEM;
}

static enum hstatus create(struct request *r, int departments)
{
	struct mpage m;
	struct mform f = {0};
	struct mproblem p;
	struct user_actor who = am_actor(r);
	const char *key;
	enum wstatus ws;

	if (am_resolve(r, departments, &m) < 0)
		return HS_NOTFOUND;
	if (am_form_from_post(r, &m, &f) < 0)
		return HS_DB;
	if (f.nerr > 0)
		return am_form_page(r, &m, &f, 422);
	ws = masters_create(r->db, r->arena, &who, m.k, f.val, f.lv, &key, &p);
	if (ws == WS_INVALID) {
		am_take_problems(&f, &p);
		return am_form_page(r, &m, &f, 422);
	}
	if (ws != WS_OK)
		return ws == WS_NOMEM ? HS_NOMEM : HS_DB;
	return done(r, &m, key, "created", "created=1");
}

enum hstatus page_admin_department_create(struct request *r)
{
	return create(r, 1);
}

enum hstatus page_admin_master_create(struct request *r)
{
	return create(r, 0);
}

/* A column's value as people read it (option names, ○ for flags). */
static const char *shown(struct request *r, struct optcache *oc,
                         const struct mcol *col, const char *v)
{
	if (v == NULL)
		return "";
	if (col->widget == MW_SELECT)
		return am_option_label(r, oc, col->choice, v);
	if (col->widget == MW_BOOL)
		return strcmp(v, "1") == 0 ? "はい" : "いいえ";
	return v;
}

/* The 409 page: what was typed beside what is stored now. */
static enum hstatus conflict_page(struct request *r, const struct mpage *m,
                                  const struct mform *f)
{
	struct page p;
	struct optcache oc = {0};
	struct mrow now;
	struct mlevel lv[MLEVEL_MAX];
	enum hstatus hs = am_load(r, m, &now, lv);
	tdict *d;
	int ndiff = 0;

	if (hs == HS_NOTFOUND)
		return HS_CONFLICT;
	if (hs != HS_OK)
		return hs;
	d = am_begin(r, &p, m, "保存できませんでした（更新の競合）",
	             "admin/master_conflict.tpl", 0);
	if (d == NULL)
		return HS_NOMEM;
	tdict_set(d, "NOUN", m->d->title);
	tdict_set(d, "EDIT_URL",
	          arena_printf(r->arena, "%s/%s/edit", m->base, f->key));
	tdict_set(d, "BASE", m->base);
	for (size_t c = 0; c < m->d->ncols; c++) {
		const struct mcol *col = &m->d->cols[c];
		const char *mine = shown(r, &oc, col, f->val[c]);
		const char *theirs = shown(r, &oc, col, now.v[c]);
		tdict *row = tdict_add_section(d, "ROW");
		int differs = strcmp(mine, theirs) != 0;

		tdict_set(row, "LABEL", col->f.label);
		tdict_set(row, "MINE", mine);
		tdict_set(row, "SAVED", theirs);
		tdict_show(row, differs ? "DIFF" : "SAME");
		ndiff += differs;
	}
	if (m->d->has_active) {
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
	struct user_actor who = am_actor(r);
	enum hstatus hs;
	enum wstatus ws;

	if ((hs = am_resolve_row(r, departments, &m, &row, lv)) != HS_OK)
		return hs;
	/* the stored row gives the key and the fixed columns; the rest, and
	 * the fingerprint of the row as the user saw it, come from the form */
	am_form_from_row(r, &m, &f, row, NULL);
	if (am_form_from_post(r, &m, &f) < 0)
		return HS_DB;
	if (f.fp == NULL || *f.fp == '\0')
		return HS_INVALID;
	if (f.nerr > 0)
		return am_form_page(r, &m, &f, 422);
	ws = masters_update(r->db, r->arena, &who, m.k, f.key, f.fp, f.val,
	                    f.lv, &p);
	switch (ws) {
	case WS_OK: break;
	case WS_NOTFOUND: return HS_NOTFOUND;
	case WS_CONFLICT: return conflict_page(r, &m, &f);
	case WS_INVALID:
		am_take_problems(&f, &p);
		return am_form_page(r, &m, &f, 422);
	case WS_NOMEM: return HS_NOMEM;
	default: return HS_DB;
	}
	return done(r, &m, f.key, "updated", "saved=1");
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
	struct user_actor who = am_actor(r);
	const char *msg;
	enum hstatus hs;
	enum wstatus ws;

	if ((hs = am_resolve_row(r, departments, &m, &row, lv)) != HS_OK)
		return hs;
	am_form_from_row(r, &m, &f, row, m.k == MK_SCALE ? lv : NULL);
	if (req_form(r, "confirm") == NULL) {
		f.general = "削除するには「削除してよいことを確認しました」に"
		            "チェックを入れてください。";
		return am_form_page(r, &m, &f, 422);
	}
	ws = masters_delete(r->db, r->arena, &who, m.k, f.key, &msg);
	switch (ws) {
	case WS_OK: break;
	case WS_NOTFOUND: return HS_NOTFOUND;
	case WS_INVALID: f.general = msg; return am_form_page(r, &m, &f, 409);
	case WS_NOMEM: return HS_NOMEM;
	default: return HS_DB;
	}
	return done(r, &m, f.key, "deleted", "deleted=1");
}

enum hstatus page_admin_department_delete(struct request *r)
{
	return remove_row(r, 1);
}

enum hstatus page_admin_master_delete(struct request *r)
{
	return remove_row(r, 0);
}

/* Deactivate or reactivate the row of the request (active=0|1). */
static enum hstatus set_active(struct request *r, int departments)
{
	const char *v = req_form(r, "active"), *msg;
	struct user_actor who = am_actor(r);
	struct mpage m;
	enum wstatus ws;

	if (am_resolve(r, departments, &m) < 0 || !m.d->has_active)
		return HS_NOTFOUND;
	if (v == NULL || (strcmp(v, "0") != 0 && strcmp(v, "1") != 0))
		return HS_INVALID;
	ws = masters_set_active(r->db, r->arena, &who, m.k, am_param_key(r, &m),
	                        v[0] == '1', &msg);
	if (ws == WS_NOTFOUND)
		return HS_NOTFOUND;
	if (ws == WS_INVALID)
		return am_list_page(r, &m, 409, msg);
	if (ws != WS_OK)
		return ws == WS_NOMEM ? HS_NOMEM : HS_DB;
	return done(r, &m, am_param_key(r, &m),
	            v[0] == '1' ? "reactivated" : "deactivated", "saved=1");
}

enum hstatus page_admin_department_active(struct request *r)
{
	return set_active(r, 1);
}

enum hstatus page_admin_master_active(struct request *r)
{
	return set_active(r, 0);
}

enum hstatus page_admin_master_activate(struct request *r)
{
	struct mpage m;
	struct user_actor who = am_actor(r);
	const char *msg;
	enum wstatus ws;

	if (am_resolve(r, 0, &m) < 0 || m.k != MK_PRINCIPLE_SET)
		return HS_NOTFOUND;
	ws = masters_activate_set(r->db, r->arena, &who, req_param(r, 1), &msg);
	if (ws == WS_NOTFOUND)
		return HS_NOTFOUND;
	if (ws == WS_INVALID)
		return am_list_page(r, &m, 409, msg);
	if (ws != WS_OK)
		return HS_DB;
	return done(r, &m, req_param(r, 1), "made the set in use",
	            "activated=1");
}
