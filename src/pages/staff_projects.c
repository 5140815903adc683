/* 協働事業の登録 (staff side): GET /staff/projects, GET/POST
 * /staff/projects/new, GET/POST /staff/projects/:id/edit. Staff edit their
 * own department's projects, admin every project, committee members read
 * the form without inputs. The field table and parsing are in
 * staff_projects_form.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/users.h"
#include "pages/pages.h"
#include "pages/staff.h"
#include "server/config.h"
#include "view/format.h"

/* Blank rows shown after the filled ones, and the fewest rows shown. */
#define ROWS_EXTRA 2
#define ROWS_MIN   3
/* Rows per page of /staff/projects. */
#define PROJECTS_PAGE 50

/* 1 for 協働推進課 (admin). */
static int is_admin(const struct request *r)
{
	return r->user != NULL && r->user->role == ROLE_ADMIN;
}

/* 1 when the user may edit a project of department dept: admin always,
 * staff only their own department's. */
static int may_edit(const struct request *r, const char *dept)
{
	if (is_admin(r))
		return 1;
	return r->user != NULL && r->user->role == ROLE_STAFF &&
	       r->user->department != NULL && dept != NULL &&
	       strcmp(r->user->department, dept) == 0;
}

/* Rows to show for a repeated group whose cells are named
 * "<probe>_<N>" (any of probes[0..nprobes)): the highest N present in vals,
 * or the filled rows plus ROWS_EXTRA, at least ROWS_MIN, at most
 * PROJECT_ROWS_MAX. One pass over vals. */
static size_t rows_shown(const struct kvlist *vals, const char *const *probes,
                         size_t nprobes)
{
	size_t last = 0, filled = 0;

	for (size_t j = 0; j < vals->n; j++)
		for (size_t k = 0; k < nprobes; k++) {
			size_t i = staff_cell_row(vals->v[j].name, probes[k]);

			if (i == 0)
				continue;
			if (i > last)
				last = i;
			if (vals->v[j].value[0] != '\0' && i > filled)
				filled = i;
		}
	if (filled + ROWS_EXTRA > last)
		last = filled + ROWS_EXTRA;
	if (last < ROWS_MIN)
		last = ROWS_MIN;
	return last > PROJECT_ROWS_MAX ? PROJECT_ROWS_MAX : last;
}

/* The choices of c (active rows) plus the deactivated rows of all that
 * field name of vals still holds. NULL on error. */
static struct code_list *choices_kept(struct request *r, enum pchoice c,
                                      enum pchoice all,
                                      const struct kvlist *vals,
                                      const char *name)
{
	return page_with_chosen(r->arena, staff_choices(r, c),
	                        staff_choices(r, all), vals, name,
	                        STAFF_INACTIVE_MARK);
}

/* The department choice: the staff member's own only (marked
 * STAFF_INACTIVE_MARK when admin has deactivated it; none when the
 * account has no department); the active departments (and the project's
 * own, deactivated or not) for admin and committee. */
static struct code_list *dept_choices(struct request *r,
                                      const struct kvlist *vals)
{
	struct code_list *all, *own;
	int stopped;

	if (is_admin(r) || r->user == NULL || r->user->role != ROLE_STAFF)
		return staff_master(r, MASTER_DEPARTMENT, vals, "department");
	all = staff_choices(r, PC_DEPT_ALL);
	own = arena_alloc(r->arena, sizeof(*own));
	if (all == NULL || own == NULL ||
	    (stopped = staff_dept_is_stopped(r)) < 0)
		return NULL;
	own->v = NULL;
	own->n = 0;
	for (size_t i = 0; i < all->n && r->user->department != NULL; i++)
		if (strcmp(all->v[i].code, r->user->department) == 0) {
			own->v = &all->v[i];
			own->n = 1;
		}
	if (own->n == 1 && stopped)
		own->v->name = arena_printf(r->arena, "%s%s", own->v->name,
		                            STAFF_INACTIVE_MARK);
	return own;
}

/* The department rule of a save: a department admin has deactivated is
 * refused (as the account form refuses one), unless it is kept, the
 * project's stored department (NULL for a new project): records keep
 * theirs. 0 (a message added to errs when refused), -1 on a database error
 * or out of memory. */
static int dept_rule(struct request *r, const struct project_rec *rec,
                     const char *kept, struct form_errors *errs)
{
	const char *name = NULL;
	int active;

	if (rec->department == NULL || rec->department[0] == '\0' ||
	    (kept != NULL && strcmp(rec->department, kept) == 0))
		return 0;
	active = users_department_exists(r->db, rec->department);
	if (active != 0)
		return active < 0 ? -1 : 0;
	if (master_name(r->db, r->arena, MASTER_DEPARTMENT, rec->department,
	                &name) == MS_DB)
		return -1;
	return ferr_add(
	    r->arena, errs, "department",
	    arena_printf(r->arena,
	                 "担当課「%s」は使用停止になっているため、選べません。"
	                 "使用中の担当課を選んでください（所属の担当課が使用"
	                 "停止のときは、所属の変更を協働推進課に依頼してくだ"
	                 "さい）。",
	                 name != NULL ? name : rec->department));
}

/* The partner and indicator rows of the form; pk: the partner searches
 * of a posted form (NULL on a GET), action: where the form posts. */
static void form_rows(struct request *r, const struct fview *fv, tdict *d,
                      const struct partner_picks *pk, const char *action)
{
	static const struct code_name kinds[] = {{"outcome", "成果目標"},
	                                         {"activity", "活動指標"}};
	static const struct code_list kind_list = {(struct code_name *)kinds,
	                                           2};
	struct code_list *roles =
	    choices_kept(r, PC_ROLE, PC_ROLE_ALL, fv->vals, "partner_role");
	/* a row whose search has not found its group yet has no
	 * partner_group: its role or its search keeps it */
	static const char *const partner[] = {"partner_group", "partner_role",
	                                      "partner_find"};
	static const char *const ind[] = {"ind_name"};
	size_t np = rows_shown(fv->vals, partner, 3);
	size_t ni = rows_shown(fv->vals, ind, 1);

	if (roles == NULL)
		return;
	for (size_t i = 1; i <= np; i++) {
		tdict *row = tdict_add_section(d, "PARTNER");

		tdict_set_int(row, "NUM", (long long)i);
		partner_pick_view(r, fv, row, i, pk, action);
		fv_select(fv, row, "P_ROLE",
		          arena_num(r->arena, "partner_role", "_", i),
		          "この事業での役割", 0, roles, "（選択してください）",
		          NULL);
		fv_textarea(fv, row, "P_PART",
		            arena_num(r->arena, "partner_part", "_", i),
		            "この団体が行うこと（役割分担）", 0, NULL);
	}
	for (size_t i = 1; i <= ni; i++) {
		tdict *row = tdict_add_section(d, "IND");
		const char *id =
		    kv_get(fv->vals, arena_num(r->arena, "ind_id", "_", i));

		tdict_set_int(row, "NUM", (long long)i);
		tdict_set(row, "ID_NAME",
		          arena_num(r->arena, "ind_id", "_", i));
		tdict_set(row, "ID_VALUE", id != NULL ? id : "");
		fv_select(fv, row, "I_KIND",
		          arena_num(r->arena, "ind_kind", "_", i), "種類", 0,
		          &kind_list, NULL, NULL);
		fv_input(fv, row, "I_NAME", "text",
		         arena_num(r->arena, "ind_name", "_", i), "指標名", 0,
		         NULL);
		fv_input(fv, row, "I_UNIT", "text",
		         arena_num(r->arena, "ind_unit", "_", i), "単位", 0,
		         "例: 人、回");
		fv_input(fv, row, "I_TARGET", "number",
		         arena_num(r->arena, "ind_target", "_", i), "目標値", 0,
		         NULL);
		fv_input(fv, row, "I_ACTUAL", "number",
		         arena_num(r->arena, "ind_actual", "_", i), "実績値", 0,
		         NULL);
	}
}

/* The detail inputs of every form (補助, 委託, 後援, 共催, 協定). */
static void form_details(const struct fview *fv, tdict *d)
{
	static const struct code_name approved[] = {{"1", "承認済み"},
	                                            {"0", "未承認"}};
	static const struct code_list approved_list = {
	    (struct code_name *)approved, 2};

	fv_input(fv, d, "F_GRANT_PROGRAMME", "text", "grant_programme",
	         "補助金・助成金の名称", 0,
	         "補助・助成のときは必須です。例: まちづくり活動支援補助金");
	fv_input(fv, d, "F_GRANT_AMOUNT", "number", "grant_amount",
	         "交付額（円）", 0, "補助・助成のときは必須です。");
	fv_input(fv, d, "F_GRANT_RATE", "text", "grant_rate", "補助率", 0,
	         "例: 対象経費の2分の1以内");
	fv_input(fv, d, "F_CONTRACT_AMOUNT", "number", "contract_amount",
	         "契約金額（円）", 0, "委託・指定管理のときは必須です。");
	fv_input(fv, d, "F_CONTRACT_START", "date", "contract_start",
	         "契約期間（開始）", 0, "委託・指定管理のときは必須です。");
	fv_input(fv, d, "F_CONTRACT_END", "date", "contract_end",
	         "契約期間（終了）", 0, "委託・指定管理のときは必須です。");
	fv_input(fv, d, "F_CONTRACT_METHOD", "text", "contract_method",
	         "契約方法", 0, "例: 随意契約、プロポーザル");
	fv_input(fv, d, "F_FACILITY", "text", "facility", "施設名（指定管理）",
	         0, NULL);
	fv_select(fv, d, "F_NAME_USE_APPROVED", "name_use_approved",
	          "名義使用の承認", 0, &approved_list, "（未定）", NULL);
	fv_input(fv, d, "F_NAME_USE_ON", "date", "name_use_on",
	         "名義使用の承認日", 0, NULL);
	fv_textarea(fv, d, "F_CONDITIONS", "conditions", "承認の条件", 0,
	            "後援のときは必須です。条件がないときは「特になし」と"
	            "入力してください。");
	fv_input(fv, d, "F_CITY_COST", "number", "city_cost",
	         "市の負担額（円）", 0, NULL);
	fv_input(fv, d, "F_PARTNER_COST", "number", "partner_cost",
	         "相手方の負担額（円）", 0, NULL);
	fv_textarea(fv, d, "F_COST_SPLIT", "cost_split", "経費と役割の分担", 0,
	            "共催・実行委員会のときは必須です。");
	fv_input(fv, d, "F_AGREEMENT_NAME", "text", "agreement_name",
	         "協定の名称", 0, NULL);
	fv_input(fv, d, "F_AGREEMENT_ON", "date", "agreement_on",
	         "協定の締結日", 0, "事業協力・協定のときは必須です。");
	fv_input(fv, d, "F_AGREEMENT_START", "date", "agreement_start",
	         "協定期間（開始）", 0, "事業協力・協定のときは必須です。");
	fv_input(fv, d, "F_AGREEMENT_END", "date", "agreement_end",
	         "協定期間（終了）", 0, "事業協力・協定のときは必須です。");
	fv_textarea(fv, d, "F_NOTE", "note", "備考", 0, NULL);
}

/* Render the project form (id 0: new) with vals and errs; status 200 or
 * 422. old is the stored project for an edit; pk the partner searches of
 * a posted form (NULL on a GET). */
static enum hstatus project_form(struct request *r, long long id,
                                 const struct project_rec *old,
                                 const struct kvlist *vals,
                                 const struct form_errors *errs,
                                 const struct partner_picks *pk, int status)
{
	struct code_list *forms = staff_master(r, MASTER_FORM, vals, "form");
	struct code_list *domains =
	    staff_master(r, MASTER_DOMAIN, vals, "domain");
	struct code_list *fields =
	    staff_master(r, MASTER_FIELD, vals, "fields");
	struct code_list *props = staff_choices(r, PC_PROPOSAL);
	struct code_list *statuses = staff_choices(r, PC_STATUS);
	struct code_list *policies =
	    choices_kept(r, PC_POLICY, PC_POLICY_ALL, vals, "plan_policy");
	struct code_list *depts = dept_choices(r, vals);
	int stopped = id == 0 ? staff_dept_is_stopped(r) : 0;
	struct fview fv = {r->arena, vals, errs,
	                   r->user == NULL || r->user->role == ROLE_COMMITTEE,
	                   status == 200 && id &&
	                       req_query(r, "saved") != NULL};
	const char *title = id ? "協働事業の登録内容を編集" : "協働事業を登録";
	const char *action =
	    id ? arena_printf(r->arena, "/staff/projects/%lld/edit", id)
	       : "/staff/projects/new";
	const char *labels[] = {"職員トップ", "協働事業の登録"};
	const char *urls[] = {"/staff", "/staff/projects"};
	struct page p;
	tdict *d;

	if (forms == NULL || domains == NULL || fields == NULL ||
	    props == NULL || statuses == NULL || policies == NULL ||
	    depts == NULL || stopped < 0)
		return HS_DB;
	d = page_begin(r, &p, title, "staff/project_form.tpl");
	if (d == NULL)
		return HS_NOMEM;
	r->status = status;
	staff_nav(r, &p, d, "projects");
	page_crumbs(&p, labels, urls, 2, title);
	tdict_set(d, "TITLE", title);
	tdict_set(d, "ACTION", action);
	tdict_set(d, "VERSION",
	          kv_get(vals, "version") ? kv_get(vals, "version") : "");
	if (id) {
		tdict_show(d, "EXISTING");
		tdict_set_int(d, "ID", id);
		tdict_set(d, "NAME", old->title);
		tdict_set(d, "UPDATED_AT", old->updated_at);
		if (old->published)
			tdict_show(d, "IS_PUBLISHED");
	}
	fv_summary(&fv, d);
	fv_input(&fv, d, "F_FISCAL_YEAR", "number", "fiscal_year",
	         "年度（西暦）", 1,
	         "4月から翌年3月までの年度を、始まる年の西暦で入力します（例: "
	         "2024 = 令和6年度）。");
	fv_input(&fv, d, "F_TITLE", "text", "title", "事業名", 1, NULL);
	fv_input(&fv, d, "F_KANA", "text", "kana", "事業名のふりがな", 0, NULL);
	fv_textarea(&fv, d, "F_SUMMARY", "summary", "概要", 0, NULL);
	fv_textarea(&fv, d, "F_PURPOSE", "purpose", "目的", 0, NULL);
	fv_textarea(&fv, d, "F_TARGET", "target", "対象", 0,
	            "事業の対象となる人や地域");
	fv_input(&fv, d, "F_PERIOD_START", "date", "period_start",
	         "実施期間（開始）", 0, "例: 2024-04-01");
	fv_input(&fv, d, "F_PERIOD_END", "date", "period_end",
	         "実施期間（終了）", 0, "開始日と同じか後の日付");
	fv_select(&fv, d, "F_FORM", "form", "協働の形態", 1, forms,
	          "選択してください",
	          "形態ごとの詳細は、下の「形態ごとの詳細」に入力します。");
	fv_select(&fv, d, "F_DOMAIN", "domain", "協働の領域", 1, domains,
	          "選択してください", NULL);
	fv_checks(&fv, d, "F_FIELDS", "fields", "分野（複数選択可）", fields,
	          NULL);
	fv_radios(&fv, d, "F_PROPOSAL_TYPE", "proposal_type", "提案区分", props,
	          NULL);
	fv_select(&fv, d, "F_DEPARTMENT", "department", "担当課", 1, depts,
	          depts->n == 1 ? NULL : "選択してください",
	          stopped ? staff_dept_stopped_msg : NULL);
	fv_select(&fv, d, "F_PLAN_POLICY", "plan_policy", "関連する計画の方針",
	          0, policies, "（なし）", NULL);
	fv_textarea(&fv, d, "F_CITY_PART", "city_part",
	            "役割分担：市（担当課）が行うこと", 0, NULL);
	form_rows(r, &fv, d, pk, action);
	fv_input(&fv, d, "F_BUDGET_PLANNED", "number", "budget_planned",
	         "事業費・計画（円）", 0, NULL);
	fv_input(&fv, d, "F_CITY_SHARE_PLANNED", "number", "city_share_planned",
	         "うち市の負担・計画（円）", 0, NULL);
	fv_input(&fv, d, "F_PARTNER_SHARE_PLANNED", "number",
	         "partner_share_planned", "うち相手方の負担・計画（円）", 0,
	         NULL);
	fv_input(&fv, d, "F_BUDGET_ACTUAL", "number", "budget_actual",
	         "事業費・実績（円）", 0, NULL);
	fv_input(&fv, d, "F_CITY_SHARE_ACTUAL", "number", "city_share_actual",
	         "うち市の負担・実績（円）", 0, NULL);
	fv_input(&fv, d, "F_PARTNER_SHARE_ACTUAL", "number",
	         "partner_share_actual", "うち相手方の負担・実績（円）", 0,
	         NULL);
	form_details(&fv, d);
	fv_select(&fv, d, "F_STATUS", "status", "状況", 1, statuses, NULL,
	          "提案→審査中→採択／不採択→実施中→完了→評価済の順に進めます。"
	          "日付が空欄のときは、状況を変えた日が入ります。");
	fv_input(&fv, d, "F_PROPOSED_ON", "date", "proposed_on", "提案日", 0,
	         NULL);
	fv_input(&fv, d, "F_REVIEWED_ON", "date", "reviewed_on", "審査開始日",
	         0, NULL);
	fv_input(&fv, d, "F_DECIDED_ON", "date", "decided_on",
	         "採択・不採択の決定日", 0, NULL);
	fv_input(&fv, d, "F_STARTED_ON", "date", "started_on", "実施開始日", 0,
	         NULL);
	fv_input(&fv, d, "F_COMPLETED_ON", "date", "completed_on", "完了日", 0,
	         NULL);
	fv_input(&fv, d, "F_EVALUATED_ON", "date", "evaluated_on", "評価日", 0,
	         NULL);
	fv_input(&fv, d, "F_PROGRESS", "number", "progress", "進捗率（%）", 0,
	         "空欄のときは状況に応じた値になります。");
	fv_checkbox(&fv, d, "F_PUBLISHED", "published",
	            "公開する（協働事業の一覧・詳細ページに表示します）",
	            "代表者の連絡先などの個人情報は、公開ページには表示されま"
	            "せん。");
	return page_end(r, &p);
}

/* The status rule of a save: old → new must be an allowed change. */
static int status_rule(struct request *r, const struct project_rec *old,
                       const struct project_rec *rec, struct form_errors *errs)
{
	struct code_list *st = staff_choices(r, PC_STATUS);
	const char *from = old->status, *to = rec->status;
	int ok;

	if (rec->status == NULL || rec->status[0] == '\0')
		return 0;
	ok = project_status_allowed(r->db, old->status, rec->status);
	if (ok < 0 || st == NULL)
		return -1;
	if (ok)
		return 0;
	for (size_t i = 0; i < st->n; i++) {
		if (strcmp(st->v[i].code, old->status) == 0)
			from = st->v[i].name;
		if (strcmp(st->v[i].code, rec->status) == 0)
			to = st->v[i].name;
	}
	return ferr_add(r->arena, errs, "status",
	                arena_printf(r->arena,
	                             "状況は「%s」から「%s」には変更できません"
	                             "（提案→審査中→採択／不採択→実施中→完了"
	                             "→評価済の順に進めます）。",
	                             from, to));
}

/* The field a WS_INVALID message of the model belongs to. */
static const char *invalid_field(const char *msg)
{
	if (msg == NULL)
		return "status";
	if (strstr(msg, "形態") != NULL)
		return "form";
	if (strstr(msg, "相手方") != NULL)
		return "partner_group_1";
	return "status";
}

enum hstatus page_staff_project_new(struct request *r)
{
	struct kvlist vals = {0};
	size_t cap = 0;
	struct form_errors errs = {0};
	const char *dept = r->user != NULL && r->user->department != NULL
	                       ? r->user->department
	                       : "";

	if (kvl_add(r->arena, &vals, &cap, "fiscal_year",
	            arena_printf(r->arena, "%d", config_fiscal_year(r->cfg))) <
	        0 ||
	    kvl_add(r->arena, &vals, &cap, "department", dept) < 0 ||
	    kvl_add(r->arena, &vals, &cap, "status", "teian") < 0 ||
	    kvl_add(r->arena, &vals, &cap, "proposal_type", "gyosei") < 0)
		return HS_NOMEM;
	return project_form(r, 0, NULL, &vals, &errs, NULL, 200);
}

enum hstatus page_staff_project_create(struct request *r)
{
	struct project_rec *rec = arena_alloc(r->arena, sizeof(*rec));
	struct form_errors errs = {0};
	struct user_actor who = staff_actor(r);
	struct partner_picks *pk;
	struct kvlist vals;
	long long id;
	int n;

	if (rec == NULL)
		return HS_NOMEM;
	if (partner_picks_resolve(r, &r->form, &vals, &pk, &errs) < 0)
		return HS_DB;
	if (req_form(r, "find") != NULL)
		return project_form(r, 0, NULL, &vals, &errs, pk, 200);
	n = project_form_parse(r->db, r->arena, &vals, rec, &errs);
	if (n < 0)
		return HS_DB;
	if (rec->department[0] != '\0' && !may_edit(r, rec->department))
		return HS_FORBIDDEN;
	for (size_t i = 0; i < rec->nindicators; i++)
		rec->indicators[i].id = 0;
	if (dept_rule(r, rec, NULL, &errs) < 0)
		return HS_DB;
	if (errs.n > 0)
		return project_form(r, 0, NULL, &vals, &errs, pk, 422);
	switch (project_create(r->db, r->arena, &who, rec, &id)) {
	case WS_OK:
		r->status = 303;
		r->location = arena_printf(
		    r->arena, "/staff/projects/%lld/edit?saved=1", id);
		return HS_OK;
	case WS_NOMEM: return HS_NOMEM;
	default: return HS_DB;
	}
}

enum hstatus page_staff_project_edit(struct request *r)
{
	long long id = staff_param_id(r, 0);
	struct project_rec *old = arena_alloc(r->arena, sizeof(*old));
	struct kvlist vals;
	struct form_errors errs = {0};
	enum mstatus ms;

	if (old == NULL)
		return HS_NOMEM;
	if (id < 0)
		return HS_NOTFOUND;
	ms = project_rec_load(r->db, r->arena, id, old);
	if (ms != MS_OK)
		return ms == MS_NOTFOUND ? HS_NOTFOUND : HS_DB;
	if (r->user != NULL && r->user->role == ROLE_STAFF &&
	    !may_edit(r, old->department))
		return HS_FORBIDDEN;
	if (project_form_values(r->arena, old, &vals) < 0)
		return HS_NOMEM;
	return project_form(r, id, old, &vals, &errs, NULL, 200);
}

enum hstatus page_staff_project_save(struct request *r)
{
	long long id = staff_param_id(r, 0);
	struct project_rec *old = arena_alloc(r->arena, sizeof(*old));
	struct project_rec *rec = arena_alloc(r->arena, sizeof(*rec));
	struct project_rec *now = arena_alloc(r->arena, sizeof(*now));
	struct snapshot mine, saved;
	struct form_errors errs = {0};
	struct user_actor who = staff_actor(r);
	struct partner_picks *pk;
	struct kvlist vals;
	const char *msg = NULL;
	enum mstatus ms;
	int n;

	if (old == NULL || rec == NULL || now == NULL)
		return HS_NOMEM;
	if (id < 0)
		return HS_NOTFOUND;
	ms = project_rec_load(r->db, r->arena, id, old);
	if (ms != MS_OK)
		return ms == MS_NOTFOUND ? HS_NOTFOUND : HS_DB;
	if (!may_edit(r, old->department))
		return HS_FORBIDDEN;
	if (partner_picks_resolve(r, &r->form, &vals, &pk, &errs) < 0)
		return HS_DB;
	if (req_form(r, "find") != NULL)
		return project_form(r, id, old, &vals, &errs, pk, 200);
	n = project_form_parse(r->db, r->arena, &vals, rec, &errs);
	if (n < 0)
		return HS_DB;
	if (rec->department[0] != '\0' && !may_edit(r, rec->department))
		return HS_FORBIDDEN;
	if (req_form(r, "version") == NULL)
		return HS_INVALID;
	/* An indicator id that is not one of this project's is a new row. */
	for (size_t i = 0; i < rec->nindicators; i++) {
		int ours = 0;

		for (size_t j = 0; j < old->nindicators; j++)
			ours |= old->indicators[j].id == rec->indicators[i].id;
		if (!ours)
			rec->indicators[i].id = 0;
	}
	if (status_rule(r, old, rec, &errs) < 0 ||
	    dept_rule(r, rec, old->department, &errs) < 0)
		return HS_DB;
	if (errs.n > 0)
		return project_form(r, id, old, &vals, &errs, pk, 422);
	rec->id = id;
	switch (project_update(r->db, r->arena, &who, rec, &msg)) {
	case WS_OK:
		r->status = 303;
		r->location = arena_printf(
		    r->arena, "/staff/projects/%lld/edit?saved=1", id);
		return HS_OK;
	case WS_NOTFOUND: return HS_NOTFOUND;
	case WS_INVALID:
		if (ferr_add(r->arena, &errs, invalid_field(msg),
		             msg ? msg : "保存できませんでした。") < 0)
			return HS_NOMEM;
		return project_form(r, id, old, &vals, &errs, pk, 422);
	case WS_CONFLICT:
		ms = project_rec_load(r->db, r->arena, id, now);
		if (ms != MS_OK)
			return ms == MS_NOTFOUND ? HS_NOTFOUND : HS_DB;
		if (project_snapshot(r->db, r->arena, rec, &mine) < 0 ||
		    project_snapshot(r->db, r->arena, now, &saved) < 0)
			return HS_DB;
		return staff_conflict(
		    r, now->title,
		    arena_printf(r->arena, "/staff/projects/%lld/edit", id),
		    &mine, &saved);
	case WS_NOMEM: return HS_NOMEM;
	default: return HS_DB;
	}
}

/* Set section name of d with the options of l, value selected. */
static void options(tdict *d, const char *name, const struct code_list *l,
                    const char *selected)
{
	for (size_t i = 0; l != NULL && i < l->n; i++) {
		tdict *o = tdict_add_section(d, name);

		tdict_set(o, "CODE", l->v[i].code);
		tdict_set(o, "NAME", l->v[i].name);
		if (selected != NULL && strcmp(selected, l->v[i].code) == 0)
			tdict_show(o, "SELECTED");
	}
}

/* 1 when s is "" / NULL or one of l's codes. */
static int known(const struct code_list *l, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return 1;
	for (size_t i = 0; l != NULL && i < l->n; i++)
		if (strcmp(l->v[i].code, s) == 0)
			return 1;
	return 0;
}

/* The query of GET /staff/projects. */
enum { SP_YEAR, SP_STATUS, SP_DEPT, SP_PAGE, SP__MAX };
static const struct field sp_fields[SP__MAX] = {
    [SP_YEAR] = {"year", "年度", 0, v_fiscal_year, 1989, 2100, NULL},
    [SP_STATUS] = {"status", "状況", 0, v_code, 0, 0, NULL},
    [SP_DEPT] = {"dept", "担当課", 0, v_code, 0, 0, NULL},
    [SP_PAGE] = {"page", "ページ番号", 0, v_page, 0, 0, NULL},
};

enum hstatus page_staff_projects(struct request *r)
{
	struct fieldval v[SP__MAX];
	const char *status, *dept;
	struct code_list *statuses = staff_choices(r, PC_STATUS);
	struct code_list *depts = staff_choices(r, PC_DEPT_ALL);
	const char *labels[] = {"職員トップ"};
	const char *urls[] = {"/staff"};
	struct project_staff_row *rows;
	struct staff_names nm;
	struct kv keep[4] = {
	    {"year", NULL}, {"status", NULL}, {"dept", NULL}, {"page", NULL}};
	long long total, page;
	size_t n;
	int year, scoped = r->user != NULL && r->user->role == ROLE_STAFF;
	int stopped = staff_dept_is_stopped(r);
	struct page p;
	tdict *d;

	if (statuses == NULL || depts == NULL || stopped < 0 ||
	    staff_names_get(r, &nm) < 0)
		return HS_DB;
	if (form_validate(r->arena, &r->query, sp_fields, SP__MAX, v) > 0)
		return page_bad_query(r, v, SP__MAX, NULL);
	year = v[SP_YEAR].present ? (int)v[SP_YEAR].num : 0;
	status = v[SP_STATUS].present ? v[SP_STATUS].text : NULL;
	dept = v[SP_DEPT].present ? v[SP_DEPT].text : NULL;
	page = v[SP_PAGE].present ? v[SP_PAGE].num : 1;
	if (!known(statuses, status))
		return page_bad_query(r, v, 0,
		                      "指定された状況は登録されていません。");
	if (!known(depts, dept))
		return page_bad_query(r, v, 0,
		                      "指定された担当課は登録されていません。");
	if (scoped)
		dept = r->user->department;
	if (page > (long long)1e12 / PROJECTS_PAGE)
		page = (long long)1e12 / PROJECTS_PAGE; /* past any last page */
	if (projects_staff_page(r->db, r->arena, dept, year, status,
	                        PROJECTS_PAGE, (page - 1) * PROJECTS_PAGE,
	                        &rows, &n, &total) != MS_OK)
		return HS_DB;
	if (page_past_last(r, page, total, PROJECTS_PAGE, "協働事業"))
		return HS_OK;
	d = page_begin(r, &p, "協働事業の登録", "staff/projects.tpl");
	if (d == NULL)
		return HS_NOMEM;
	staff_nav(r, &p, d, "projects");
	page_crumbs(&p, labels, urls, 1, "協働事業の登録");
	if (stopped)
		tdict_set(tdict_add_section(d, "DEPT_STOPPED"), "TEXT",
		          staff_dept_stopped_msg);
	else if (r->user != NULL && r->user->role != ROLE_COMMITTEE)
		tdict_show(d, "CAN_CREATE");
	tdict_set(d, "SCOPE",
	          scoped && r->user->department_name ? r->user->department_name
	                                             : "すべての担当課");
	if (!scoped) {
		tdict_show(d, "DEPT_FILTER");
		options(d, "DEPT_OPTION", depts, dept);
	}
	options(d, "STATUS_OPTION", statuses, status);
	tdict_set(d, "YEAR", year ? arena_printf(r->arena, "%d", year) : "");
	tdict_set_int(d, "COUNT", total);
	if (n > 0) {
		tdict *g = tdict_add_section(d, "RANGE");

		tdict_set_int(g, "FROM", (page - 1) * PROJECTS_PAGE + 1);
		tdict_set_int(g, "TO",
		              (page - 1) * PROJECTS_PAGE + (long long)n);
	}
	staff_project_names(&nm, rows, n);
	for (size_t i = 0; i < n; i++) {
		tdict *row = tdict_add_section(d, "PROJECT");

		tdict_set_int(row, "ID", rows[i].id);
		tdict_set(row, "TITLE", rows[i].title);
		tdict_set(row, "YEAR", fmt_fiscal_year(r->arena, rows[i].year));
		tdict_set(row, "FORM", rows[i].form_name);
		tdict_set(row, "DEPT", rows[i].dept_name);
		tdict_set(row, "STATUS", rows[i].status_name);
		tdict_show(row,
		           rows[i].published ? "PUBLISHED" : "UNPUBLISHED");
		if (may_edit(r, rows[i].dept_code))
			tdict_show(row, "EDITABLE");
		else
			tdict_show(row, "VIEW_ONLY");
	}
	if (n == 0)
		tdict_show(d, "EMPTY");
	keep[0].value = year ? arena_printf(r->arena, "%d", year) : NULL;
	keep[1].value = status;
	keep[2].value = scoped ? NULL : dept;
	page_pager(r, d, "/staff/projects", keep, 4, total, page,
	           PROJECTS_PAGE);
	return page_end(r, &p);
}
