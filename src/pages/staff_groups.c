/* 団体の登録 (staff side): GET/POST /staff/groups/new, GET/POST
 * /staff/groups/:id/edit, GET /staff/groups. Every field of a group, the
 * representative's private contact with a 公開/非公開 choice per field, the
 * registration status (admin only) and 岩国市's six requirements, which
 * admin must confirm one by one to register a テーマ型 group. */
#include <stdio.h>
#include <string.h>

#include "model/groups.h"
#include "model/users.h"
#include "pages/pages.h"
#include "pages/staff.h"
#include "view/format.h"

/* 1 when the request comes from 協働推進課 (admin). */
static int is_admin(const struct request *r)
{
	return r->user != NULL && r->user->role == ROLE_ADMIN;
}

/* Render the group form (id 0: new) with vals and errs; status 200 or 422.
 * old is the stored group for an edit (status name, requirements). */
static enum hstatus group_form(struct request *r, long long id,
                               const struct group_rec *old,
                               const struct kvlist *vals,
                               const struct form_errors *errs, int status)
{
	static const struct code_name pub_opts[] = {{"0", "非公開"},
	                                            {"1", "公開"}};
	static const struct code_list pubs = {(struct code_name *)pub_opts, 2};
	struct code_list *kinds =
	    staff_master(r, MASTER_GROUP_KIND, vals, "kind");
	struct code_list *fields =
	    staff_master(r, MASTER_FIELD, vals, "fields");
	struct code_list *statuses = staff_group_statuses(r), reqs;
	struct group_req *rq;
	size_t nrq;
	const char **details;
	struct fview fv = {r->arena, vals, errs,
	                   r->user == NULL || r->user->role == ROLE_COMMITTEE,
	                   status == 200 && id &&
	                       req_query(r, "saved") != NULL};
	struct fview ro = fv;
	struct page p;
	const char *title = id ? "団体の登録内容を編集" : "団体を登録";
	const char *labels[] = {"職員トップ", "団体の登録"};
	const char *urls[] = {"/staff", "/staff/groups"};
	tdict *d;

	if (kinds == NULL || fields == NULL || statuses == NULL ||
	    group_reqs(r->db, r->arena, id, &rq, &nrq) != MS_OK)
		return HS_DB;
	reqs.v = arena_alloc(r->arena, (nrq + 1) * sizeof(*reqs.v));
	details = arena_alloc(r->arena, (nrq + 1) * sizeof(*details));
	if (reqs.v == NULL || details == NULL)
		return HS_NOMEM;
	reqs.n = nrq;
	for (size_t i = 0; i < nrq; i++) {
		reqs.v[i].code = rq[i].code;
		reqs.v[i].name = rq[i].name;
		details[i] =
		    rq[i].confirmed
		        ? arena_printf(r->arena, "%s（確認済み: %s %s）",
		                       rq[i].description,
		                       rq[i].user[0] ? rq[i].user : "不明",
		                       rq[i].at)
		        : rq[i].description;
	}
	d = page_begin(r, &p, title, "staff/group_form.tpl");
	if (d == NULL)
		return HS_NOMEM;
	r->status = status;
	staff_nav(r, &p, d, "groups");
	page_crumbs(&p, labels, urls, 2, title);
	tdict_set(d, "TITLE", title);
	tdict_set(d, "ACTION",
	          id ? arena_printf(r->arena, "/staff/groups/%lld/edit", id)
	             : "/staff/groups/new");
	tdict_set(d, "VERSION",
	          kv_get(vals, "version") ? kv_get(vals, "version") : "");
	if (id) {
		tdict_show(d, "EXISTING");
		tdict_set_int(d, "ID", id);
		tdict_set(d, "NAME", old->name);
		tdict_set(d, "UPDATED_AT", old->updated_at);
	}
	fv_summary(&fv, d);
	fv_input(&fv, d, "F_NAME", "text", "name", "団体名", 1, NULL);
	fv_input(&fv, d, "F_KANA", "text", "kana", "フリガナ", 1,
	         "ひらがな又はカタカナで入力してください。五十音順の並べ替え"
	         "に使います。");
	fv_select(&fv, d, "F_KIND", "kind", "種別", 1, kinds,
	          "選択してください", NULL);
	fv_checks(&fv, d, "F_FIELDS", "fields", "活動分野（複数選択可）",
	          fields, NULL);
	fv_input(&fv, d, "F_AREA", "text", "area", "活動地区", 0,
	         "活動の拠点となる地区（例: 中央地区）");
	fv_input(&fv, d, "F_FOUNDED", "text", "founded", "設立", 0,
	         "年（2005）、年月（2005-04）または年月日（2005-04-01）");
	fv_input(&fv, d, "F_MEMBERS", "number", "members", "会員数（人）", 0,
	         NULL);
	fv_input(&fv, d, "F_FEE", "text", "fee", "会費", 0,
	         "団体の定め方のとおりに（例: 年額1,000円）");
	fv_textarea(&fv, d, "F_PURPOSE", "purpose", "目的", 0, NULL);
	fv_textarea(&fv, d, "F_ACTIVITIES", "activities", "活動内容", 0, NULL);
	fv_input(&fv, d, "F_WEB", "url", "web", "ホームページ", 0,
	         "https:// で始まるアドレス");
	fv_input(&fv, d, "F_EMAIL", "email", "email",
	         "メールアドレス（公開用）", 0, NULL);
	fv_input(&fv, d, "F_PHONE", "tel", "phone", "電話番号（公開用）", 0,
	         "例: 0143-00-0000");
	fv_input(&fv, d, "F_REP_NAME", "text", "rep_name", "代表者名", 0, NULL);
	fv_radios(&fv, d, "F_REP_NAME_PUBLIC", "rep_name_public",
	          "代表者名の公開", &pubs, NULL);
	fv_input(&fv, d, "F_REP_PHONE", "tel", "rep_phone", "代表者の電話番号",
	         0, NULL);
	fv_radios(&fv, d, "F_REP_PHONE_PUBLIC", "rep_phone_public",
	          "代表者の電話番号の公開", &pubs, NULL);
	fv_input(&fv, d, "F_REP_ADDRESS", "text", "rep_address", "代表者の住所",
	         0, NULL);
	fv_radios(&fv, d, "F_REP_ADDRESS_PUBLIC", "rep_address_public",
	          "代表者の住所の公開", &pubs, NULL);
	fv_input(&fv, d, "F_REP_EMAIL", "email", "rep_email",
	         "代表者のメールアドレス", 0, NULL);
	fv_radios(&fv, d, "F_REP_EMAIL_PUBLIC", "rep_email_public",
	          "代表者のメールアドレスの公開", &pubs, NULL);
	fv_input(&fv, d, "F_APPLIED_ON", "date", "applied_on", "申請日", 0,
	         "空欄のときは登録した日になります。");
	if (is_admin(r)) {
		tdict_show(d, "ADMIN");
		fv_select(&fv, d, "F_STATUS", "status", "登録状況", 1, statuses,
		          NULL,
		          "申請中 → 登録 → 休止／抹消 の順に変更できます。");
		fv_input(&fv, d, "F_REGISTERED_ON", "date", "registered_on",
		         "登録日", 0, NULL);
		fv_input(&fv, d, "F_SUSPENDED_ON", "date", "suspended_on",
		         "休止日", 0, NULL);
		fv_input(&fv, d, "F_REMOVED_ON", "date", "removed_on", "抹消日",
		         0, NULL);
		fv_textarea(&fv, d, "F_STATUS_NOTE", "status_note",
		            "登録状況の備考", 0, NULL);
	} else {
		ro.readonly = 1;
		tdict_show(d, "NOT_ADMIN");
		for (size_t i = 0; i < statuses->n; i++)
			if (old != NULL &&
			    strcmp(statuses->v[i].code, old->status) == 0)
				tdict_set(d, "STATUS_NAME",
				          statuses->v[i].name);
		if (old == NULL)
			tdict_set(d, "STATUS_NAME", "申請中");
	}
	fv_checks_detail(is_admin(r) ? &fv : &ro, d, "F_REQS", "reqs",
	                 "市民活動団体の登録要件の確認", &reqs, details,
	                 "市民活動団体・NPO・ボランティア団体を「登録」にすると"
	                 "きは、協働推進課の職員が6つの要件をすべて確認し、"
	                 "チェックを入れてください。確認した職員と日時が記録"
	                 "されます。");
	return page_end(r, &p);
}

/* Turn a WS_INVALID message of the model into a form message. */
static int invalid_msg(struct request *r, struct form_errors *errs,
                       const char *msg)
{
	const char *field =
	    msg != NULL && strstr(msg, "要件") != NULL ? "reqs" : "status";

	return ferr_add(r->arena, errs, field,
	                msg != NULL ? msg : "保存できませんでした。");
}

/* Check the status rules of an admin's save (old NULL for a new group):
 * the change must be allowed and a テーマ型 group entering 登録 needs its
 * six confirmations. -1 on error. */
static int status_rules(struct request *r, struct group_rec *rec,
                        const struct group_rec *old, struct form_errors *errs)
{
	const char **missing;
	size_t n;
	int ok;

	if (old != NULL && rec->status != NULL) {
		ok = group_status_allowed(r->db, old->status, rec->status);
		if (ok < 0)
			return -1;
		if (!ok &&
		    ferr_add(r->arena, errs, "status",
		             "登録状況は、申請中→登録→休止／抹消の順に"
		             "変更してください（この変更はできません）。") < 0)
			return -1;
	}
	if (group_missing_reqs(r->db, r->arena, rec,
	                       old != NULL ? old->status : NULL, &missing,
	                       &n) != MS_OK)
		return -1;
	if (n > 0) {
		char *list = arena_strdup(r->arena, "");

		for (size_t i = 0; list != NULL && i < n; i++)
			list = arena_printf(r->arena, "%s%s%s", list,
			                    i ? "、" : "", missing[i]);
		if (ferr_add(r->arena, errs, "reqs",
		             arena_printf(r->arena,
		                          "登録にするには6つの要件をすべて確認"
		                          "してください。未確認: %s",
		                          list ? list : "")) < 0)
			return -1;
	}
	return 0;
}

enum hstatus page_staff_group_new(struct request *r)
{
	struct kvlist vals = {0};
	size_t cap = 0;
	struct form_errors errs = {0};

	if (kvl_add(r->arena, &vals, &cap, "rep_name_public", "0") < 0 ||
	    kvl_add(r->arena, &vals, &cap, "rep_phone_public", "0") < 0 ||
	    kvl_add(r->arena, &vals, &cap, "rep_address_public", "0") < 0 ||
	    kvl_add(r->arena, &vals, &cap, "rep_email_public", "0") < 0 ||
	    kvl_add(r->arena, &vals, &cap, "status", "shinsei") < 0)
		return HS_NOMEM;
	return group_form(r, 0, NULL, &vals, &errs, 200);
}

enum hstatus page_staff_group_create(struct request *r)
{
	struct group_rec rec;
	struct form_errors errs = {0};
	struct user_actor who = staff_actor(r);
	const char *msg = NULL;
	long long id;
	int n = group_form_parse(r->db, r->arena, &r->form, &rec, &errs);

	if (n < 0)
		return HS_DB;
	if (!is_admin(r)) {
		/* Only 協働推進課 sets a registration status. */
		if (rec.status != NULL && strcmp(rec.status, "shinsei") != 0)
			return HS_FORBIDDEN;
		rec.nreqs = 0;
		rec.registered_on = rec.suspended_on = rec.removed_on = "";
		rec.status_note = "";
	}
	if (rec.status == NULL)
		rec.status = "shinsei";
	if (n == 0 && status_rules(r, &rec, NULL, &errs) < 0)
		return HS_DB;
	if (errs.n == 0) {
		switch (group_create(r->db, r->arena, &who, &rec, &id, &msg)) {
		case WS_OK:
			r->status = 303;
			r->location = arena_printf(
			    r->arena, "/staff/groups/%lld/edit?saved=1", id);
			return HS_OK;
		case WS_INVALID:
			if (invalid_msg(r, &errs, msg) < 0)
				return HS_NOMEM;
			break;
		case WS_NOMEM: return HS_NOMEM;
		default: return HS_DB;
		}
	}
	return group_form(r, 0, NULL, &r->form, &errs, 422);
}

enum hstatus page_staff_group_edit(struct request *r)
{
	long long id = staff_param_id(r, 0);
	struct group_rec g;
	struct group_req *rq;
	struct kvlist vals;
	struct form_errors errs = {0};
	size_t nrq;
	enum mstatus ms;

	if (id < 0)
		return HS_NOTFOUND;
	ms = group_rec_load(r->db, r->arena, id, &g);
	if (ms != MS_OK)
		return ms == MS_NOTFOUND ? HS_NOTFOUND : HS_DB;
	if (group_reqs(r->db, r->arena, id, &rq, &nrq) != MS_OK)
		return HS_DB;
	for (size_t i = 0; i < nrq && g.nreqs < GROUP_FIELDS_MAX; i++)
		if (rq[i].confirmed)
			g.reqs[g.nreqs++] = rq[i].code;
	if (group_form_values(r->arena, &g, &vals) < 0)
		return HS_NOMEM;
	return group_form(r, id, &g, &vals, &errs, 200);
}

enum hstatus page_staff_group_save(struct request *r)
{
	long long id = staff_param_id(r, 0);
	struct group_rec old, rec, now;
	struct snapshot mine, saved;
	struct form_errors errs = {0};
	struct user_actor who = staff_actor(r);
	const char *msg = NULL;
	enum mstatus ms;
	int n;

	if (id < 0)
		return HS_NOTFOUND;
	ms = group_rec_load(r->db, r->arena, id, &old);
	if (ms != MS_OK)
		return ms == MS_NOTFOUND ? HS_NOTFOUND : HS_DB;
	n = group_form_parse(r->db, r->arena, &r->form, &rec, &errs);
	if (n < 0)
		return HS_DB;
	if (req_form(r, "version") == NULL)
		return HS_INVALID;
	if (!is_admin(r)) {
		if (rec.status != NULL && strcmp(rec.status, old.status) != 0)
			return HS_FORBIDDEN;
		rec.nreqs = 0;
		rec.registered_on = old.registered_on;
		rec.suspended_on = old.suspended_on;
		rec.removed_on = old.removed_on;
		rec.status_note = old.status_note;
	}
	if (rec.status == NULL)
		rec.status = old.status;
	rec.id = id;
	if (n == 0 && status_rules(r, &rec, &old, &errs) < 0)
		return HS_DB;
	if (errs.n > 0)
		return group_form(r, id, &old, &r->form, &errs, 422);
	switch (group_update(r->db, r->arena, &who, &rec, &msg)) {
	case WS_OK:
		r->status = 303;
		r->location = arena_printf(
		    r->arena, "/staff/groups/%lld/edit?saved=1", id);
		return HS_OK;
	case WS_NOTFOUND: return HS_NOTFOUND;
	case WS_INVALID:
		if (invalid_msg(r, &errs, msg) < 0)
			return HS_NOMEM;
		return group_form(r, id, &old, &r->form, &errs, 422);
	case WS_CONFLICT:
		ms = group_rec_load(r->db, r->arena, id, &now);
		if (ms != MS_OK)
			return ms == MS_NOTFOUND ? HS_NOTFOUND : HS_DB;
		if (group_snapshot(r->db, r->arena, &rec, &mine) < 0 ||
		    group_snapshot(r->db, r->arena, &now, &saved) < 0)
			return HS_DB;
		return staff_conflict(
		    r, now.name,
		    arena_printf(r->arena, "/staff/groups/%lld/edit", id),
		    &mine, &saved);
	case WS_NOMEM: return HS_NOMEM;
	default: return HS_DB;
	}
}

/* Rows per page of the staff group list. */
#define GROUPS_PAGE 50

/* The query of GET /staff/groups. */
enum { SG_STATUS, SG_PAGE, SG__MAX };
static const struct field sg_fields[SG__MAX] = {
    [SG_STATUS] = {"status", "登録状況", 0, v_code, 0, 0, NULL},
    [SG_PAGE] = {"page", "ページ番号", 0, v_page, 0, 0, NULL},
};

enum hstatus page_staff_groups(struct request *r)
{
	struct fieldval v[SG__MAX];
	const char *status, *status_name;
	struct group_row *rows;
	struct code_list *statuses = staff_group_statuses(r);
	struct code_list *kinds = staff_master_rows(r, MASTER_GROUP_KIND, 1);
	struct kv keep[2] = {{"status", NULL}, {"page", NULL}};
	long long total, page = 1;
	size_t n;
	struct page p;
	const char *labels[] = {"職員トップ"};
	const char *urls[] = {"/staff"};
	tdict *d;

	/* the names of the statuses and kinds: the rows hold codes (no join
	 * per row); every kind, deactivated ones too */
	if (statuses == NULL || kinds == NULL)
		return HS_DB;
	if (form_validate(r->arena, &r->query, sg_fields, SG__MAX, v) > 0)
		return page_bad_query(r, v, SG__MAX, NULL);
	status = v[SG_STATUS].present ? v[SG_STATUS].text : "toroku";
	page = v[SG_PAGE].present ? v[SG_PAGE].num : 1;
	if ((status_name = page_code_in(statuses, status)) == NULL)
		return page_bad_query(
		    r, v, 0, "指定された登録状況は登録されていません。");
	if (groups_staff_count(r->db, status, &total) != MS_OK ||
	    groups_staff_list(r->db, r->arena, status, GROUPS_PAGE,
	                      (page - 1) * GROUPS_PAGE, total, &rows,
	                      &n) != MS_OK)
		return HS_DB;
	d = page_begin(r, &p, "団体の登録", "staff/groups.tpl");
	if (d == NULL)
		return HS_NOMEM;
	staff_nav(r, &p, d, "groups");
	page_crumbs(&p, labels, urls, 1, "団体の登録");
	if (r->user != NULL && r->user->role != ROLE_COMMITTEE)
		tdict_show(d, "CAN_CREATE");
	for (size_t i = 0; i < statuses->n; i++) {
		tdict *o = tdict_add_section(d, "STATUS_OPTION");

		tdict_set(o, "CODE", statuses->v[i].code);
		tdict_set(o, "NAME", statuses->v[i].name);
		if (strcmp(status, statuses->v[i].code) == 0)
			tdict_show(o, "SELECTED");
	}
	tdict_set(d, "STATUS_NAME", status_name);
	tdict_set_int(d, "COUNT", total);
	for (size_t i = 0; i < n; i++) {
		tdict *g = tdict_add_section(d, "GROUP");
		const char *kind;

		tdict_set_int(g, "ID", rows[i].id);
		tdict_set(g, "NAME", rows[i].name);
		tdict_set(g, "KANA", rows[i].kana);
		kind = page_code_in(kinds, rows[i].kind);
		tdict_set(g, "KIND", kind != NULL ? kind : "");
		tdict_set(g, "STATUS", status_name);
		tdict_set(g, "UPDATED_AT", rows[i].updated_at);
	}
	if (n == 0)
		tdict_show(d, "EMPTY");
	keep[0].value = status;
	page_pager(r, d, "/staff/groups", keep, 2, total, page, GROUPS_PAGE);
	return page_end(r, &p);
}
