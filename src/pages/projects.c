/* /projects (the filtered, paged list) and /projects/:id (one project). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/master.h"
#include "model/projects.h"
#include "pages/pages.h"
#include "pages/search.h"
#include "server/config.h"
#include "util/log.h"
#include "view/format.h"

/* The list's query parameters, in the order of qfields[] (page last: the
 * pager relies on it). */
enum { Q_YEAR, Q_FORM, Q_FIELD, Q_DOMAIN, Q_DEPT, Q_Q, Q_PAGE, Q__MAX };

/* The query of /projects. */
static const struct field qfields[Q__MAX] = {
    [Q_YEAR] = {"year", "年度", 0, v_fiscal_year, 1989, 2100, NULL},
    [Q_FORM] = {"form", "協働の形態", 0, v_code, 0, 0, NULL},
    [Q_FIELD] = {"field", "分野", 0, v_code, 0, 0, NULL},
    [Q_DOMAIN] = {"domain", "協働の領域", 0, v_code, 0, 0, NULL},
    [Q_DEPT] = {"dept", "担当課", 0, v_code, 0, 0, NULL},
    [Q_Q] = {"q", "キーワード", 0, v_search, 0, SEARCH_MAX_CHARS, NULL},
    [Q_PAGE] = {"page", "ページ番号", 0, v_page, 0, 0, NULL},
};

const struct field *projects_query_fields(size_t *n)
{
	*n = Q__MAX;
	return qfields;
}

enum hstatus page_projects(struct request *r)
{
	struct fieldval v[Q__MAX];
	struct page_select years, forms, fields, domains, depts;
	struct project_filter f = {0};
	struct project_row *rows;
	struct row_names names;
	size_t nrows;
	long long total, page;
	int psize = page_list_size(r);
	enum mstatus ms;
	struct page p;
	tdict *d;
	const char *bad = NULL;
	struct kv keep[Q__MAX];
	struct search_query sq;
	struct search_total st = {0};
	enum search_mode sm;

	if (form_validate(r->arena, &r->query, qfields, Q__MAX, v) > 0)
		return page_bad_query(r, v, Q__MAX, NULL);
	/* the active choices, and a deactivated one a link still names */
	if ((ms = page_filter_select(r, MASTER_FORM, v[Q_FORM].text, &forms)) !=
	        MS_OK ||
	    (ms = page_filter_select(r, MASTER_FIELD, v[Q_FIELD].text,
	                             &fields)) != MS_OK ||
	    (ms = page_filter_select(r, MASTER_DOMAIN, v[Q_DOMAIN].text,
	                             &domains)) != MS_OK ||
	    (ms = page_filter_select(r, MASTER_DEPARTMENT, v[Q_DEPT].text,
	                             &depts)) != MS_OK)
		return page_mstatus(ms);
	f.year = v[Q_YEAR].present ? (int)v[Q_YEAR].num : 0;
	f.form = v[Q_FORM].text;
	f.field = v[Q_FIELD].text;
	f.domain = v[Q_DOMAIN].text;
	f.dept = v[Q_DEPT].text;
	if (f.form != NULL && page_code_in(&forms.l, f.form) == NULL)
		bad = "指定された協働の形態は登録されていません。";
	else if (f.field != NULL && page_code_in(&fields.l, f.field) == NULL)
		bad = "指定された分野は登録されていません。";
	else if (f.domain != NULL && page_code_in(&domains.l, f.domain) == NULL)
		bad = "指定された協働の領域は登録されていません。";
	else if (f.dept != NULL && page_code_in(&depts.l, f.dept) == NULL)
		bad = "指定された担当課は登録されていません。";
	if (bad != NULL)
		return page_bad_query(r, v, 0, bad);
	page = v[Q_PAGE].present ? v[Q_PAGE].num : 1;
	if ((sm = page_search_parse(r, &v[Q_Q], &sq)) == SEARCH_DONE)
		return HS_OK;
	if (sm == SEARCH_NOMEM)
		return HS_NOMEM;

	rows = NULL, nrows = 0;
	if ((ms = page_row_names(r, &names)) != MS_OK)
		return page_mstatus(ms);
	if (sm == SEARCH_ON) /* the page's rows and the count: one pass */
		ms = projects_search(r->db, r->arena, &names, &sq, &f, psize,
		                     (page - 1) * psize, &rows, &nrows, &st);
	else if (sm == SEARCH_SHORT)
		ms = MS_OK;
	else
		ms = projects_count(r->db, &f, &total);
	if (ms != MS_OK)
		return page_mstatus(ms);
	if (sm != SEARCH_NONE)
		total = st.n;
	if (page_past_last(r, page, total, psize, "協働事業"))
		return HS_OK;
	if (sm == SEARCH_NONE)
		ms = projects_list(r->db, r->arena, &names, &f, psize,
		                   (page - 1) * psize, &rows, &nrows);
	if (ms != MS_OK)
		return page_mstatus(ms);

	d = page_begin(
	    r, &p,
	    sm == SEARCH_ON
	        ? arena_printf(r->arena, "%s - 協働事業をさがす",
	                       page_search_title(r->arena, &sq, "協働事業"))
	        : "協働事業をさがす",
	    "projects/list.tpl");
	if (d == NULL)
		return HS_NOMEM;
	page_nav(&p, "projects");
	page_crumbs(&p, NULL, NULL, 0, "協働事業をさがす");
	if ((ms = page_year_select(r, f.year, &years)) != MS_OK) {
		tdict_free(p.top);
		return page_mstatus(ms);
	}
	if (page_select_markup(d, "YEAR_OPTIONS", &years,
	                       v[Q_YEAR].present ? v[Q_YEAR].text : NULL) < 0 ||
	    page_select_markup(d, "FORM_OPTIONS", &forms, f.form) < 0 ||
	    page_select_markup(d, "FIELD_OPTIONS", &fields, f.field) < 0 ||
	    page_select_markup(d, "DOMAIN_OPTIONS", &domains, f.domain) < 0 ||
	    page_select_markup(d, "DEPT_OPTIONS", &depts, f.dept) < 0) {
		tdict_free(p.top);
		return HS_ERROR;
	}
	if (v[Q_Q].present)
		tdict_set(d, "Q", v[Q_Q].text);
	if (f.year || f.form || f.field || f.domain || f.dept || v[Q_Q].present)
		tdict_show(d, "FILTERED");
	tdict_set(d, "RESULT_TITLE",
	          sm == SEARCH_ON ? page_search_title(r->arena, &sq, "協働事業")
	          : sm == SEARCH_SHORT ? "キーワードを確かめてください"
	          : f.year || f.form || f.field || f.domain || f.dept
	              ? "絞り込み結果"
	              : "すべての協働事業");
	page_search_fill(r, d, sm, &sq, &st, nrows, "協働事業");
	if (nrows > 0) {
		tdict *sec = tdict_add_section(d, "ROWS");

		page_range(d, total, page, psize, nrows, st.capped);
		if (page_fill_rows(r, sec, "ROW", rows, nrows,
		                   ROW_META | ROW_PARTNERS) < 0) {
			tdict_free(p.top);
			return HS_NOMEM;
		}
	} else if (sm == SEARCH_NONE) {
		tdict_show(d, "NO_RESULTS");
	}
	page_keep(keep, qfields, v, Q__MAX);
	page_pager(r, d, "/projects", keep, Q__MAX, total, page, psize);
	return page_end(r, &p);
}

/* A number as the page prints it: "1,234" or "12.5". */
static const char *fmt_number(struct arena *a, double x)
{
	if (x == floor(x) && fabs(x) < 1e15)
		return fmt_int(a, (long long)x);
	return arena_printf(a, "%.1f", x);
}

/* "2024年5月1日〜2025年3月31日" (either end may be missing), or NULL. */
static const char *fmt_period(struct arena *a, const char *from, const char *to)
{
	const char *f = from ? fmt_date(a, from) : NULL;
	const char *t = to ? fmt_date(a, to) : NULL;

	if (f == NULL && t == NULL)
		return NULL;
	if (f != NULL && t != NULL && strcmp(from, to) == 0)
		return f; /* one day */
	return arena_printf(a, "%s〜%s", f ? f : "", t ? t : "");
}

/* Money or "—". */
static const char *yen_or_dash(struct arena *a, long long v)
{
	return v >= 0 ? fmt_yen(a, v) : "—";
}

/* Add one 形態別 row when value is set. */
static void detail(tdict *d, const char *label, const char *value)
{
	tdict *row;

	if (value == NULL || value[0] == '\0')
		return;
	row = tdict_add_section(d, "DETAIL");
	tdict_set(row, "LABEL", label);
	tdict_set(row, "VALUE", value);
}

/* 1 when any form-specific detail is recorded. */
static int details_any(const struct form_details *x)
{
	return x->grant_programme || x->grant_amount >= 0 || x->grant_rate ||
	       x->facility || x->contract_amount >= 0 || x->contract_start ||
	       x->contract_end || x->contract_method ||
	       x->name_use_approved >= 0 || x->name_use_on || x->conditions ||
	       x->city_cost >= 0 || x->partner_cost >= 0 || x->cost_split ||
	       x->agreement_name || x->agreement_on || x->agreement_start ||
	       x->agreement_end || x->note;
}

/* The 形態別の情報 table, from whichever details are recorded. */
static void fill_details(struct request *r, tdict *d, const struct project *p)
{
	const struct form_details *x = &p->details;
	struct arena *a = r->arena;

	if (!p->has_details)
		return;
	detail(d, "補助金・助成金の名称", x->grant_programme);
	if (x->grant_amount >= 0)
		detail(d, "交付額", fmt_yen(a, x->grant_amount));
	detail(d, "補助率", x->grant_rate);
	detail(d, "施設名", x->facility);
	if (x->contract_amount >= 0)
		detail(d, "契約金額", fmt_yen(a, x->contract_amount));
	detail(d, "契約期間",
	       fmt_period(a, x->contract_start, x->contract_end));
	detail(d, "契約方法", x->contract_method);
	if (x->name_use_approved >= 0)
		detail(d, "名義の使用",
		       x->name_use_approved ? "承認済み" : "承認前");
	if (x->name_use_on != NULL)
		detail(d, "承認日", fmt_date(a, x->name_use_on));
	detail(d, "承認の条件", x->conditions);
	if (x->city_cost >= 0)
		detail(d, "市の負担額", fmt_yen(a, x->city_cost));
	if (x->partner_cost >= 0)
		detail(d, "相手方の負担額", fmt_yen(a, x->partner_cost));
	detail(d, "経費と役割の分担", x->cost_split);
	detail(d, "協定の名称", x->agreement_name);
	if (x->agreement_on != NULL)
		detail(d, "協定締結日", fmt_date(a, x->agreement_on));
	detail(d, "協定期間",
	       fmt_period(a, x->agreement_start, x->agreement_end));
	detail(d, "備考", x->note);
}

/* 事業費: total, city share, partner share; planned and actual. */
static void fill_budget(struct request *r, tdict *d, const struct project *p)
{
	struct arena *a = r->arena;
	static const char *const labels[] = {"事業費（総額）", "うち市の負担",
	                                     "うち団体の負担"};
	const long long planned[] = {p->budget_planned, p->city_planned,
	                             p->partner_planned};
	const long long actual[] = {p->budget_actual, p->city_actual,
	                            p->partner_actual};
	tdict *sec = NULL;

	for (size_t i = 0; i < 3; i++) {
		tdict *row;

		if (planned[i] < 0 && actual[i] < 0)
			continue;
		if (sec == NULL)
			sec = tdict_add_section(d, "HAS_BUDGET");
		row = tdict_add_section(sec, "BUDGET_ROW");
		tdict_set(row, "LABEL", labels[i]);
		tdict_set(row, "PLANNED", yen_or_dash(a, planned[i]));
		tdict_set(row, "ACTUAL", yen_or_dash(a, actual[i]));
	}
	if (sec != NULL &&
	    ((p->budget_planned > 0 &&
	      p->city_planned + p->partner_planned < p->budget_planned) ||
	     (p->budget_actual > 0 &&
	      p->city_actual + p->partner_actual < p->budget_actual)))
		tdict_set(tdict_add_section(sec, "BUDGET_NOTE"), "TEXT",
		          "事業費には、市と団体の負担のほか、参加費・協賛金・"
		          "国や県の補助金などが含まれます。");
}

/* 目標と実績. */
static void fill_indicators(struct request *r, tdict *d,
                            const struct project *p)
{
	struct arena *a = r->arena;
	tdict *sec;

	if (p->nindicators == 0)
		return;
	sec = tdict_add_section(d, "HAS_INDICATORS");
	for (size_t i = 0; i < p->nindicators; i++) {
		const struct indicator *in = &p->indicators[i];
		tdict *row = tdict_add_section(sec, "INDICATOR");

		tdict_set(row, "NAME",
		          arena_printf(a, "%s（%s）", in->name,
		                       strcmp(in->kind, "outcome") == 0
		                           ? "成果目標"
		                           : "活動指標"));
		tdict_set(row, "TARGET",
		          in->has_target
		              ? arena_printf(a, "%s%s",
		                             fmt_number(a, in->target),
		                             in->unit)
		              : "—");
		tdict_set(row, "ACTUAL",
		          in->has_actual
		              ? arena_printf(a, "%s%s",
		                             fmt_number(a, in->actual),
		                             in->unit)
		              : "—");
		tdict_set(row, "RATE",
		          in->has_target && in->has_actual && in->target > 0
		              ? arena_printf(a, "%.0f%%",
		                             in->actual / in->target * 100.0)
		              : "—");
	}
}

/* Published evaluations. */
static void fill_evaluations(struct request *r, tdict *d,
                             const struct project *p)
{
	struct arena *a = r->arena;

	if (p->nevaluations == 0) {
		tdict_show(d, "NO_EVALUATIONS");
		return;
	}
	for (size_t i = 0; i < p->nevaluations; i++) {
		const struct evaluation *e = &p->evaluations[i];
		tdict *row = tdict_add_section(d, "EVALUATION");
		const char *who = e->group_name
		                      ? arena_printf(a, "（%s）", e->group_name)
		                      : "";

		tdict_set(
		    row, "KIND_LABEL",
		    arena_printf(a, "%s %s%s%s",
		                 fmt_fiscal_year_wareki(a, e->fiscal_year),
		                 e->kind_name, who ? who : "",
		                 strcmp(e->stage, "midterm") == 0 ? "・中間"
		                                                  : ""));
		if (e->date != NULL) {
			tdict_show(row, "EV_HAS_DATE");
			tdict_set(row, "DATE", fmt_date(a, e->date));
		}
		if (e->verdict != NULL) {
			tdict_show(row, "EV_HAS_OVERALL");
			tdict_set(row, "OVERALL", e->verdict);
		}
		if (e->direction != NULL) {
			tdict_show(row, "EV_HAS_DIRECTION");
			tdict_set(row, "DIRECTION", e->direction);
		}
		if (e->comment[0] != '\0') {
			tdict_show(row, "EV_HAS_SUMMARY");
			tdict_set(row, "SUMMARY", e->comment);
		}
		if (e->outcome[0] != '\0') {
			tdict_show(row, "EV_HAS_OUTCOME");
			tdict_set(row, "OUTCOME", e->outcome);
		}
		if (e->issues[0] != '\0') {
			tdict_show(row, "EV_HAS_ISSUES");
			tdict_set(row, "ISSUES", e->issues);
		}
		if (e->improvements[0] != '\0') {
			tdict_show(row, "EV_HAS_IMPROVEMENTS");
			tdict_set(row, "IMPROVEMENTS", e->improvements);
		}
	}
}

/* An id in a path: 1 to 18 digits without a leading zero; else 0. */
long long page_path_id(const char *s)
{
	if (s == NULL || s[0] < '1' || s[0] > '9' || strlen(s) > 18 ||
	    strspn(s, "0123456789") != strlen(s))
		return 0;
	return strtoll(s, NULL, 10);
}

/* Show section name with variable key = value when value is non-empty. */
static void show_text(tdict *d, const char *section, const char *key,
                      const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	tdict_show(d, section);
	tdict_set(d, key, value);
}

enum hstatus page_project(struct request *r)
{
	long long id = page_path_id(req_param(r, 0));
	struct project pr;
	struct page p;
	tdict *d;
	enum mstatus ms;
	static const char *const labels[] = {"協働事業をさがす"};
	static const char *const urls[] = {"/projects"};

	ms = id > 0 ? project_get(r->db, r->arena, id, &pr) : MS_NOTFOUND;
	if (ms == MS_NOTFOUND) {
		page_error(r, 404,
		           "お探しの協働事業は見つかりませんでした。公開が終了"
		           "したか、URLが間違っている可能性があります。");
		return HS_OK;
	}
	if (ms != MS_OK)
		return page_mstatus(ms);

	d = page_begin(r, &p, pr.title, "projects/show.tpl");
	if (d == NULL)
		return HS_NOMEM;
	page_nav(&p, "projects");
	page_crumbs(&p, labels, urls, 1, pr.title);
	tdict_set(d, "TITLE", pr.title);
	tdict_set(d, "YEAR_LABEL", fmt_fiscal_year(r->arena, pr.year));
	tdict_set(d, "FORM_CODE", pr.form_code);
	tdict_set(d, "FORM_NAME", pr.form_name);
	tdict_set(d, "STATUS_CODE", pr.status_code);
	tdict_set(d, "STATUS_LABEL", pr.status_name);
	tdict_set(d, "DEPT_NAME", pr.dept_name);
	show_text(d, "HAS_SUMMARY", "SUMMARY", pr.summary);
	show_text(d, "HAS_PURPOSE", "PURPOSE", pr.purpose);
	show_text(d, "HAS_TARGET", "TARGET", pr.target);
	show_text(d, "HAS_DOMAIN", "DOMAIN_NAME", pr.domain_name);
	show_text(d, "HAS_PROPOSAL", "PROPOSAL_LABEL", pr.proposal_name);
	show_text(d, "HAS_POLICY", "POLICY", pr.policy);
	show_text(d, "HAS_PERIOD", "PERIOD",
	          fmt_period(r->arena, pr.period_start, pr.period_end));
	if (pr.progress > 0 && strcmp(pr.status_code, "jisshi") == 0) {
		tdict_show(d, "HAS_PROGRESS");
		tdict_set_int(d, "PROGRESS", pr.progress);
	}
	if (pr.nfields > 0) {
		tdict *sec = tdict_add_section(d, "HAS_FIELDS");

		for (size_t i = 0; i < pr.nfields; i++) {
			tdict *row = tdict_add_section(sec, "FIELD");

			tdict_set(row, "CODE", pr.fields[i].code);
			tdict_set(row, "NAME", pr.fields[i].name);
		}
	}
	if (pr.npartners > 0) {
		tdict *sec = tdict_add_section(d, "HAS_PARTNERS");

		for (size_t i = 0; i < pr.npartners; i++) {
			const struct project_partner *pp = &pr.partners[i];
			tdict *row = tdict_add_section(sec, "PARTNER");

			tdict_show(row, pp->listed ? "LINKED" : "UNLINKED");
			tdict_set_int(row, "GROUP_ID", pp->group_id);
			tdict_set(row, "NAME", pp->name);
			tdict_set(row, "KIND", pp->kind);
			tdict_set(row, "ROLE", pp->role);
		}
	}
	if (pr.nroles > 0) {
		tdict *sec = tdict_add_section(d, "HAS_ROLES");

		for (size_t i = 0; i < pr.nroles; i++) {
			tdict *row = tdict_add_section(sec, "ROLE");

			tdict_set(row, "ACTOR", pr.roles[i].actor);
			tdict_set(row, "TEXT", pr.roles[i].text);
		}
	}
	fill_budget(r, d, &pr);
	fill_indicators(r, d, &pr);
	if (pr.has_details && details_any(&pr.details)) {
		tdict *sec = tdict_add_section(d, "HAS_DETAILS");

		tdict_set(sec, "FORM_NAME", pr.form_name);
		fill_details(r, sec, &pr);
	}
	fill_evaluations(r, d, &pr);
	return page_end(r, &p);
}
