/* The project form's input side (協働事業): the field table, the repeated
 * rows (partners with their roles and parts of 役割分担, indicators), the
 * rules across fields (per-form required details, end ≥ start, shares ≤
 * total), and the form values of a stored project. The staff pages
 * (pages/staff_projects.c) and the CSV import (model/import.c) share it.
 * See model/project_form.h. */
#include "model/project_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/groups_write.h"

/* A number with an optional fraction (目標値, 実績値): half- or full-width
 * digits, commas, one '.', optional '-'. */
static const char *v_decimal(struct arena *a, const struct field *f,
                             const char *raw, struct fieldval *v)
{
	char *s = arena_alloc(a, strlen(raw) + 1), *end;
	size_t o = 0;
	int digits = 0, dots = 0;
	double d;

	if (s == NULL)
		return "メモリが不足しています。";
	for (const unsigned char *p = (const unsigned char *)raw; *p;) {
		if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 &&
		    p[2] <= 0x99) {
			s[o++] = (char)('0' + p[2] - 0x90), p += 3, digits++;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8E) {
			s[o++] = '.', p += 3, dots++; /* ． */
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) {
			p += 3; /* ， */
		} else if (*p == ',') {
			p++;
		} else {
			digits += *p >= '0' && *p <= '9';
			dots += *p == '.';
			s[o++] = (char)*p++;
		}
	}
	s[o] = '\0';
	d = strtod(s, &end);
	if (digits == 0 || dots > 1 || *end != '\0' || strchr(s, 'e') ||
	    strchr(s, 'E') || strchr(s, 'x') || strchr(s, 'n') ||
	    strchr(s, 'i') || d < -1e12 || d > 1e12)
		return arena_printf(
		    a, "%sは数字で入力してください（例: 120、12.5）。",
		    f->label);
	v->text = arena_printf(a, "%.10g", d);
	v->num = (long long)d;
	return NULL;
}

/* Sets filled from the database by project_form_parse(). */
static const char *const ind_kinds[] = {"outcome", "activity", NULL};
static const char *const approved_set[] = {"1", "0", NULL};

#define YEN_MAX 1000000000000LL /* 1兆円: money fields' upper bound */

const struct field project_form_fields[] = {
    {"fiscal_year", "年度", 1, v_int, 1989, 2100, NULL},
    {"title", "事業名", 1, v_line, 1, 200, NULL},
    {"kana", "事業名のふりがな", 0, v_kana, 0, 200, NULL},
    {"summary", "概要", 0, v_text, 0, 2000, NULL},
    {"purpose", "目的", 0, v_text, 0, 2000, NULL},
    {"target", "対象", 0, v_text, 0, 1000, NULL},
    {"period_start", "実施期間（開始）", 0, v_date, 0, 0, NULL},
    {"period_end", "実施期間（終了）", 0, v_date, 0, 0, NULL},
    {"form", "協働の形態", 1, v_oneof, 0, 0, NULL},
    {"domain", "協働の領域", 1, v_oneof, 0, 0, NULL},
    {"proposal_type", "提案区分", 1, v_oneof, 0, 0, NULL},
    {"department", "担当課", 1, v_oneof, 0, 0, NULL},
    {"plan_policy", "関連する計画の方針", 0, v_oneof, 0, 0, NULL},
    {"city_part", "役割分担（市が行うこと）", 0, v_text, 0, 2000, NULL},
    {"budget_planned", "事業費（計画）", 0, v_int, 0, YEN_MAX, NULL},
    {"city_share_planned", "市の負担（計画）", 0, v_int, 0, YEN_MAX, NULL},
    {"partner_share_planned", "相手方の負担（計画）", 0, v_int, 0, YEN_MAX,
     NULL},
    {"budget_actual", "事業費（実績）", 0, v_int, 0, YEN_MAX, NULL},
    {"city_share_actual", "市の負担（実績）", 0, v_int, 0, YEN_MAX, NULL},
    {"partner_share_actual", "相手方の負担（実績）", 0, v_int, 0, YEN_MAX,
     NULL},
    {"status", "状況", 1, v_oneof, 0, 0, NULL},
    {"proposed_on", "提案日", 0, v_date, 0, 0, NULL},
    {"reviewed_on", "審査開始日", 0, v_date, 0, 0, NULL},
    {"decided_on", "採択・不採択の決定日", 0, v_date, 0, 0, NULL},
    {"started_on", "実施開始日", 0, v_date, 0, 0, NULL},
    {"completed_on", "完了日", 0, v_date, 0, 0, NULL},
    {"evaluated_on", "評価日", 0, v_date, 0, 0, NULL},
    {"progress", "進捗率", 0, v_int, 0, 100, NULL},
    {"published", "公開", 0, v_bool, 0, 0, NULL},
    {"grant_programme", "補助金・助成金の名称", 0, v_line, 0, 200, NULL},
    {"grant_amount", "交付額", 0, v_int, 0, YEN_MAX, NULL},
    {"grant_rate", "補助率", 0, v_line, 0, 100, NULL},
    {"contract_amount", "契約金額", 0, v_int, 0, YEN_MAX, NULL},
    {"contract_start", "契約期間（開始）", 0, v_date, 0, 0, NULL},
    {"contract_end", "契約期間（終了）", 0, v_date, 0, 0, NULL},
    {"contract_method", "契約方法", 0, v_line, 0, 100, NULL},
    {"facility", "施設名", 0, v_line, 0, 200, NULL},
    {"name_use_approved", "名義使用の承認", 0, v_oneof, 0, 0, approved_set},
    {"name_use_on", "名義使用の承認日", 0, v_date, 0, 0, NULL},
    {"conditions", "承認の条件", 0, v_text, 0, 2000, NULL},
    {"city_cost", "市の負担額", 0, v_int, 0, YEN_MAX, NULL},
    {"partner_cost", "相手方の負担額", 0, v_int, 0, YEN_MAX, NULL},
    {"cost_split", "経費と役割の分担", 0, v_text, 0, 2000, NULL},
    {"agreement_name", "協定の名称", 0, v_line, 0, 200, NULL},
    {"agreement_on", "協定の締結日", 0, v_date, 0, 0, NULL},
    {"agreement_start", "協定期間（開始）", 0, v_date, 0, 0, NULL},
    {"agreement_end", "協定期間（終了）", 0, v_date, 0, 0, NULL},
    {"note", "備考", 0, v_text, 0, 2000, NULL},
    {"version", "版番号", 0, v_int, 1, 1000000000, NULL},
};

const size_t project_form_nfields =
    sizeof(project_form_fields) / sizeof(project_form_fields[0]);

/* Parsing state: the validated table and where messages go. */
struct pstate {
	struct db *db;
	struct arena *a;
	const struct fieldval *v; /* one per project_form_fields row */
	struct form_errors *errs;
	int oom; /* an allocation failed */
};

/* The fieldval of field name (never NULL for a table name). */
static const struct fieldval *pfv(const struct pstate *s, const char *name)
{
	for (size_t i = 0; i < project_form_nfields; i++)
		if (strcmp(project_form_fields[i].name, name) == 0)
			return &s->v[i];
	return &s->v[0];
}

/* The text of a valid, present field, else "". */
static const char *ptext(const struct pstate *s, const char *name)
{
	const struct fieldval *v = pfv(s, name);

	return v->error == NULL && v->present && v->text ? v->text : "";
}

/* The number of a valid, present field, else -1. */
static long long pnum(const struct pstate *s, const char *name)
{
	const struct fieldval *v = pfv(s, name);

	return v->error == NULL && v->present ? v->num : -1;
}

/* 1 when field name is valid (present or not). */
static int pok(const struct pstate *s, const char *name)
{
	return pfv(s, name)->error == NULL;
}

/* Add a message for name. */
static void perr(struct pstate *s, const char *name, const char *msg)
{
	if (msg == NULL || ferr_add(s->a, s->errs, name, msg) < 0)
		s->oom = 1;
}

/* Required details of the project's form: each must be present. */
static void require(struct pstate *s, const char *form_name,
                    const char *const *names)
{
	for (size_t i = 0; names[i] != NULL; i++) {
		const struct fieldval *v = pfv(s, names[i]);
		const char *label = NULL;

		for (size_t j = 0; j < project_form_nfields; j++)
			if (strcmp(project_form_fields[j].name, names[i]) == 0)
				label = project_form_fields[j].label;
		if (v->error == NULL && !v->present)
			perr(s, names[i],
			     arena_printf(s->a,
			                  "協働の形態が「%s」のときは、%sを入力"
			                  "してください。",
			                  form_name, label));
	}
}

/* end must not be before start (both valid dates, when present). */
static void order(struct pstate *s, const char *start, const char *end,
                  const char *msg)
{
	const char *a = ptext(s, start), *b = ptext(s, end);

	if (a[0] && b[0] && strcmp(b, a) < 0)
		perr(s, end, msg);
}

/* The shares of one budget column: given shares need a total, and their
 * sum must not exceed it. */
static void shares(struct pstate *s, const char *total, const char *city,
                   const char *partner, const char *what)
{
	long long t = pnum(s, total), c = pnum(s, city), p = pnum(s, partner);

	if (!pok(s, total) || !pok(s, city) || !pok(s, partner))
		return;
	if (t < 0 && (c >= 0 || p >= 0)) {
		perr(s, total,
		     arena_printf(
		         s->a,
		         "市・相手方の負担を入力するときは、事業費（%s）"
		         "も入力してください。",
		         what));
		return;
	}
	if (t >= 0 && (c > 0 ? c : 0) + (p > 0 ? p : 0) > t)
		perr(s, city,
		     arena_printf(
		         s->a,
		         "市の負担と相手方の負担の合計（%lld円）が、事業"
		         "費（%s）の%lld円を超えています。",
		         (c > 0 ? c : 0) + (p > 0 ? p : 0), what, t));
}

/* The rules across fields of the project form. */
static void cross_rules(struct db *db, struct pstate *s)
{
	static const char *const grant[] = {"grant_programme", "grant_amount",
	                                    NULL};
	static const char *const contract[] = {
	    "contract_amount", "contract_start", "contract_end", NULL};
	static const char *const name_use[] = {"conditions", NULL};
	static const char *const cost[] = {"cost_split", NULL};
	static const char *const agreement[] = {
	    "agreement_on", "agreement_start", "agreement_end", NULL};
	const char *form = ptext(s, "form"), *form_name = form;

	if (form[0] != '\0') {
		const char *n = NULL;

		if (master_name(db, s->a, MASTER_FORM, form, &n) == MS_OK)
			form_name = n;
	}
	switch (project_detail_group(form)) {
	case DG_GRANT: require(s, form_name, grant); break;
	case DG_CONTRACT: require(s, form_name, contract); break;
	case DG_NAME_USE: require(s, form_name, name_use); break;
	case DG_COST: require(s, form_name, cost); break;
	case DG_AGREEMENT: require(s, form_name, agreement); break;
	default: break;
	}
	order(s, "period_start", "period_end",
	      "実施期間（終了）は、開始日と同じか後の日付にしてください。");
	order(s, "contract_start", "contract_end",
	      "契約期間（終了）は、開始日と同じか後の日付にしてください。");
	order(s, "agreement_start", "agreement_end",
	      "協定期間（終了）は、開始日と同じか後の日付にしてください。");
	shares(s, "budget_planned", "city_share_planned",
	       "partner_share_planned", "計画");
	shares(s, "budget_actual", "city_share_actual", "partner_share_actual",
	       "実績");
}

/* Validate one cell of a repeated row: field f named "<base>_<i>",
 * labelled prefix + i + f->label ("協働の相手" "2" "の団体"). */
static const char *cell(struct pstate *s, const struct kvlist *form,
                        const char *prefix, const struct field *f, size_t i,
                        struct fieldval *v)
{
	struct field c = *f;
	const char *name = arena_printf(s->a, "%s_%zu", f->name, i);

	if (name == NULL) {
		s->oom = 1;
		return NULL;
	}
	c.name = name;
	c.label = arena_printf(s->a, "%s%zu%s", prefix, i, f->label);
	if (c.label == NULL) {
		s->oom = 1;
		return NULL;
	}
	if (field_check(s->a, &c, kv_get(form, name), v) < 0)
		perr(s, name, v->error);
	return name;
}

/* The partner rows partner_{group,role,part}_N. */
static void partner_rows(struct pstate *s, const struct kvlist *form,
                         const struct code_list *roles, struct project_rec *out)
{
	struct field fg = {"partner_group", "の団体", 0, v_int, 1,
	                   1LL << 53,       NULL};
	struct field fr = {"partner_role",         "の役割", 0, v_oneof, 0, 0,
	                   form_codes(s->a, roles)};
	struct field fp = {"partner_part", "が行うこと", 0, v_text, 0,
	                   2000,           NULL};

	if (fr.set == NULL) {
		s->oom = 1;
		return;
	}
	for (size_t i = 1; i <= PROJECT_ROWS_MAX; i++) {
		struct fieldval g, r, p;
		const char *ng = cell(s, form, "協働の相手", &fg, i, &g);
		const char *nr = cell(s, form, "協働の相手", &fr, i, &r);
		long long gid;

		cell(s, form, "協働の相手", &fp, i, &p);
		if (s->oom)
			return;
		if (!g.present && !r.present && !p.present)
			continue;
		if (!g.present)
			perr(s, ng,
			     arena_printf(s->a,
			                  "協働の相手%zuの団体を選んでくだ"
			                  "さい。",
			                  i));
		if (!r.present)
			perr(s, nr,
			     arena_printf(s->a,
			                  "協働の相手%zuの役割を選んでくだ"
			                  "さい。",
			                  i));
		if (g.error || r.error || p.error || !g.present || !r.present)
			continue;
		gid = g.num;
		if (g.error == NULL) {
			const char *name;
			enum mstatus ms = group_name(s->db, s->a, gid, &name);

			if (ms == MS_NOTFOUND)
				perr(s, ng,
				     arena_printf(
				         s->a,
				         "協働の相手%zuの団体が見つかりませ"
				         "ん。選び直してください。",
				         i));
			else if (ms != MS_OK)
				s->oom = 1;
			if (ms != MS_OK)
				continue;
		}
		for (size_t j = 0; j < out->npartners; j++)
			if (out->partners[j].group_id == gid) {
				perr(
				    s, ng,
				    arena_printf(s->a,
				                 "協働の相手%zuの団体は、すでに"
				                 "ほかの行で選んでいます。",
				                 i));
				g.error = "";
			}
		if (g.error == NULL && out->npartners < PROJECT_ROWS_MAX) {
			struct partner_in *x = &out->partners[out->npartners++];

			x->group_id = gid;
			x->role = r.text;
			x->part = p.present ? p.text : "";
		}
	}
}

/* The indicator rows ind_{id,kind,name,unit,target,actual}_N. */
static void indicator_rows(struct pstate *s, const struct kvlist *form,
                           struct project_rec *out)
{
	static const struct field fid = {"ind_id", "の番号",  0,   v_int,
	                                 1,        1LL << 53, NULL};
	static const struct field fk = {"ind_kind", "の種類", 0,        v_oneof,
	                                0,          0,        ind_kinds};
	static const struct field fn = {"ind_name", "の名前", 0,   v_line,
	                                1,          200,      NULL};
	static const struct field fu = {"ind_unit", "の単位", 0,   v_line,
	                                0,          20,       NULL};
	static const struct field ft = {
	    "ind_target", "の目標値", 0, v_decimal, 0, 0, NULL};
	static const struct field fa = {
	    "ind_actual", "の実績値", 0, v_decimal, 0, 0, NULL};

	for (size_t i = 1; i <= PROJECT_ROWS_MAX; i++) {
		struct fieldval id, k, n, u, t, a;
		const char *nn;

		cell(s, form, "指標", &fid, i, &id);
		cell(s, form, "指標", &fk, i, &k);
		nn = cell(s, form, "指標", &fn, i, &n);
		cell(s, form, "指標", &fu, i, &u);
		cell(s, form, "指標", &ft, i, &t);
		cell(s, form, "指標", &fa, i, &a);
		if (s->oom)
			return;
		if (!n.present && !u.present && !t.present && !a.present)
			continue;
		if (!n.present) {
			perr(s, nn,
			     arena_printf(
			         s->a, "指標%zuの名前を入力してください。", i));
			continue;
		}
		if (id.error || k.error || n.error || u.error || t.error ||
		    a.error || out->nindicators >= PROJECT_ROWS_MAX)
			continue;
		out->indicators[out->nindicators++] = (struct indicator_in){
		    .id = id.present ? id.num : 0,
		    .kind = k.present ? k.text : "outcome",
		    .name = n.text,
		    .unit = u.present ? u.text : "",
		    .has_target = t.present,
		    .target = t.present ? strtod(t.text, NULL) : 0,
		    .has_actual = a.present,
		    .actual = a.present ? strtod(a.text, NULL) : 0,
		};
	}
}

/* Set the NULL-ended code set of table row name from list l. */
static int set_codes(struct arena *a, struct field *t, const char *name,
                     const struct code_list *l)
{
	for (size_t i = 0; i < project_form_nfields; i++)
		if (strcmp(t[i].name, name) == 0) {
			t[i].set = form_codes(a, l);
			return t[i].set != NULL ? 0 : -1;
		}
	return -1;
}

int project_form_parse(struct db *db, struct arena *a,
                       const struct kvlist *form, struct project_rec *out,
                       struct form_errors *errs)
{
	struct field *t = arena_alloc(a, sizeof(project_form_fields));
	struct fieldval *v = arena_alloc(a, project_form_nfields * sizeof(*v));
	struct code_list forms, domains, fields, props, depts, statuses,
	    policies, roles;
	struct pstate s = {db, a, v, errs, 0};
	const char *fl = "分野の選択肢から選んでください。";

	memset(out, 0, sizeof(*out));
	if (t == NULL || v == NULL)
		return -1;
	if (master_all(db, a, MASTER_FORM, &forms) != MS_OK ||
	    master_all(db, a, MASTER_DOMAIN, &domains) != MS_OK ||
	    master_all(db, a, MASTER_FIELD, &fields) != MS_OK ||
	    project_choices(db, a, PC_PROPOSAL, &props) != MS_OK ||
	    project_choices(db, a, PC_DEPT_ALL, &depts) != MS_OK ||
	    project_choices(db, a, PC_STATUS, &statuses) != MS_OK ||
	    project_choices(db, a, PC_POLICY_ALL, &policies) != MS_OK ||
	    project_choices(db, a, PC_ROLE_ALL, &roles) != MS_OK)
		return -1;
	memcpy(t, project_form_fields, sizeof(project_form_fields));
	if (set_codes(a, t, "form", &forms) < 0 ||
	    set_codes(a, t, "domain", &domains) < 0 ||
	    set_codes(a, t, "proposal_type", &props) < 0 ||
	    set_codes(a, t, "department", &depts) < 0 ||
	    set_codes(a, t, "status", &statuses) < 0 ||
	    set_codes(a, t, "plan_policy", &policies) < 0)
		return -1;
	form_validate(a, form, t, project_form_nfields, v);
	form_choose_messages(a, t, v, project_form_nfields);
	for (size_t i = 0; i < project_form_nfields; i++)
		if (v[i].error != NULL)
			perr(&s, t[i].name, v[i].error);
	for (size_t i = 0; i < form->n; i++) {
		int known = 0;

		if (strcmp(form->v[i].name, "fields") != 0)
			continue;
		for (size_t j = 0; j < fields.n && !known; j++)
			if (strcmp(fields.v[j].code, form->v[i].value) == 0) {
				int dup = 0;

				known = 1;
				for (size_t k = 0; k < out->nfields; k++)
					dup |=
					    out->fields[k] == fields.v[j].code;
				if (!dup && out->nfields < PROJECT_ROWS_MAX)
					out->fields[out->nfields++] =
					    fields.v[j].code;
			}
		if (!known)
			perr(&s, "fields", fl);
	}
	cross_rules(db, &s);
	partner_rows(&s, form, &roles, out);
	indicator_rows(&s, form, out);
	if (s.oom)
		return -1;

	out->fiscal_year = (int)pnum(&s, "fiscal_year");
	out->title = ptext(&s, "title");
	out->kana = kana_to_katakana(a, ptext(&s, "kana"));
	out->summary = ptext(&s, "summary");
	out->purpose = ptext(&s, "purpose");
	out->target = ptext(&s, "target");
	out->period_start = ptext(&s, "period_start");
	out->period_end = ptext(&s, "period_end");
	out->form = ptext(&s, "form");
	out->domain = ptext(&s, "domain");
	out->proposal_type = ptext(&s, "proposal_type");
	out->department = ptext(&s, "department");
	if (ptext(&s, "plan_policy")[0] != '\0')
		out->plan_policy_id =
		    strtoll(ptext(&s, "plan_policy"), NULL, 10);
	out->city_part = ptext(&s, "city_part");
	out->budget_planned = pnum(&s, "budget_planned");
	out->city_share_planned = pnum(&s, "city_share_planned");
	out->partner_share_planned = pnum(&s, "partner_share_planned");
	out->budget_actual = pnum(&s, "budget_actual");
	out->city_share_actual = pnum(&s, "city_share_actual");
	out->partner_share_actual = pnum(&s, "partner_share_actual");
	out->status = ptext(&s, "status");
	out->proposed_on = ptext(&s, "proposed_on");
	out->reviewed_on = ptext(&s, "reviewed_on");
	out->decided_on = ptext(&s, "decided_on");
	out->started_on = ptext(&s, "started_on");
	out->completed_on = ptext(&s, "completed_on");
	out->evaluated_on = ptext(&s, "evaluated_on");
	out->progress = (int)pnum(&s, "progress");
	out->published = pfv(&s, "published")->num == 1;
	out->d.grant_programme = ptext(&s, "grant_programme");
	out->d.grant_amount = pnum(&s, "grant_amount");
	out->d.grant_rate = ptext(&s, "grant_rate");
	out->d.contract_amount = pnum(&s, "contract_amount");
	out->d.contract_start = ptext(&s, "contract_start");
	out->d.contract_end = ptext(&s, "contract_end");
	out->d.contract_method = ptext(&s, "contract_method");
	out->d.facility = ptext(&s, "facility");
	out->d.name_use_approved =
	    ptext(&s, "name_use_approved")[0] == '\0'
	        ? -1
	        : strcmp(ptext(&s, "name_use_approved"), "1") == 0;
	out->d.name_use_on = ptext(&s, "name_use_on");
	out->d.conditions = ptext(&s, "conditions");
	out->d.city_cost = pnum(&s, "city_cost");
	out->d.partner_cost = pnum(&s, "partner_cost");
	out->d.cost_split = ptext(&s, "cost_split");
	out->d.agreement_name = ptext(&s, "agreement_name");
	out->d.agreement_on = ptext(&s, "agreement_on");
	out->d.agreement_start = ptext(&s, "agreement_start");
	out->d.agreement_end = ptext(&s, "agreement_end");
	out->d.note = ptext(&s, "note");
	out->version = pnum(&s, "version");
	return (int)errs->n;
}

/* Add name=value; value "" for money -1. */
static int add_money(struct arena *a, struct kvlist *l, size_t *cap,
                     const char *name, long long n)
{
	return kvl_add(a, l, cap, name,
	               n >= 0 ? arena_printf(a, "%lld", n) : "");
}

int project_form_values(struct arena *a, const struct project_rec *p,
                        struct kvlist *out)
{
	const struct form_details *d = &p->d;
	size_t cap = 0;
	int rc = 0;

	out->v = NULL;
	out->n = 0;
	rc |= kvl_add(a, out, &cap, "fiscal_year",
	              arena_printf(a, "%d", p->fiscal_year));
	rc |= kvl_add(a, out, &cap, "title", p->title);
	rc |= kvl_add(a, out, &cap, "kana", p->kana);
	rc |= kvl_add(a, out, &cap, "summary", p->summary);
	rc |= kvl_add(a, out, &cap, "purpose", p->purpose);
	rc |= kvl_add(a, out, &cap, "target", p->target);
	rc |= kvl_add(a, out, &cap, "period_start", p->period_start);
	rc |= kvl_add(a, out, &cap, "period_end", p->period_end);
	rc |= kvl_add(a, out, &cap, "form", p->form);
	rc |= kvl_add(a, out, &cap, "domain", p->domain);
	rc |= kvl_add(a, out, &cap, "proposal_type", p->proposal_type);
	rc |= kvl_add(a, out, &cap, "department", p->department);
	rc |= kvl_add(a, out, &cap, "plan_policy",
	              p->plan_policy_id > 0
	                  ? arena_printf(a, "%lld", p->plan_policy_id)
	                  : "");
	rc |= kvl_add(a, out, &cap, "city_part", p->city_part);
	rc |= add_money(a, out, &cap, "budget_planned", p->budget_planned);
	rc |= add_money(a, out, &cap, "city_share_planned",
	                p->city_share_planned);
	rc |= add_money(a, out, &cap, "partner_share_planned",
	                p->partner_share_planned);
	rc |= add_money(a, out, &cap, "budget_actual", p->budget_actual);
	rc |=
	    add_money(a, out, &cap, "city_share_actual", p->city_share_actual);
	rc |= add_money(a, out, &cap, "partner_share_actual",
	                p->partner_share_actual);
	rc |= kvl_add(a, out, &cap, "status", p->status);
	rc |= kvl_add(a, out, &cap, "proposed_on", p->proposed_on);
	rc |= kvl_add(a, out, &cap, "reviewed_on", p->reviewed_on);
	rc |= kvl_add(a, out, &cap, "decided_on", p->decided_on);
	rc |= kvl_add(a, out, &cap, "started_on", p->started_on);
	rc |= kvl_add(a, out, &cap, "completed_on", p->completed_on);
	rc |= kvl_add(a, out, &cap, "evaluated_on", p->evaluated_on);
	rc |= add_money(a, out, &cap, "progress", p->progress);
	rc |= kvl_add(a, out, &cap, "published", p->published ? "1" : "");
	rc |= kvl_add(a, out, &cap, "grant_programme", d->grant_programme);
	rc |= add_money(a, out, &cap, "grant_amount", d->grant_amount);
	rc |= kvl_add(a, out, &cap, "grant_rate", d->grant_rate);
	rc |= add_money(a, out, &cap, "contract_amount", d->contract_amount);
	rc |= kvl_add(a, out, &cap, "contract_start", d->contract_start);
	rc |= kvl_add(a, out, &cap, "contract_end", d->contract_end);
	rc |= kvl_add(a, out, &cap, "contract_method", d->contract_method);
	rc |= kvl_add(a, out, &cap, "facility", d->facility);
	rc |= kvl_add(a, out, &cap, "name_use_approved",
	              d->name_use_approved < 0 ? ""
	              : d->name_use_approved   ? "1"
	                                       : "0");
	rc |= kvl_add(a, out, &cap, "name_use_on", d->name_use_on);
	rc |= kvl_add(a, out, &cap, "conditions", d->conditions);
	rc |= add_money(a, out, &cap, "city_cost", d->city_cost);
	rc |= add_money(a, out, &cap, "partner_cost", d->partner_cost);
	rc |= kvl_add(a, out, &cap, "cost_split", d->cost_split);
	rc |= kvl_add(a, out, &cap, "agreement_name", d->agreement_name);
	rc |= kvl_add(a, out, &cap, "agreement_on", d->agreement_on);
	rc |= kvl_add(a, out, &cap, "agreement_start", d->agreement_start);
	rc |= kvl_add(a, out, &cap, "agreement_end", d->agreement_end);
	rc |= kvl_add(a, out, &cap, "note", d->note);
	rc |= kvl_add(a, out, &cap, "version",
	              arena_printf(a, "%lld", p->version));
	for (size_t i = 0; i < p->nfields; i++)
		rc |= kvl_add(a, out, &cap, "fields", p->fields[i]);
	for (size_t i = 0; i < p->npartners; i++) {
		const struct partner_in *x = &p->partners[i];

		rc |= kvl_add(a, out, &cap,
		              arena_printf(a, "partner_group_%zu", i + 1),
		              arena_printf(a, "%lld", x->group_id));
		rc |= kvl_add(a, out, &cap,
		              arena_printf(a, "partner_role_%zu", i + 1),
		              x->role);
		rc |= kvl_add(a, out, &cap,
		              arena_printf(a, "partner_part_%zu", i + 1),
		              x->part);
	}
	for (size_t i = 0; i < p->nindicators; i++) {
		const struct indicator_in *x = &p->indicators[i];

		rc |=
		    kvl_add(a, out, &cap, arena_printf(a, "ind_id_%zu", i + 1),
		            arena_printf(a, "%lld", x->id));
		rc |= kvl_add(a, out, &cap,
		              arena_printf(a, "ind_kind_%zu", i + 1), x->kind);
		rc |= kvl_add(a, out, &cap,
		              arena_printf(a, "ind_name_%zu", i + 1), x->name);
		rc |= kvl_add(a, out, &cap,
		              arena_printf(a, "ind_unit_%zu", i + 1), x->unit);
		rc |= kvl_add(
		    a, out, &cap, arena_printf(a, "ind_target_%zu", i + 1),
		    x->has_target ? arena_printf(a, "%.10g", x->target) : "");
		rc |= kvl_add(
		    a, out, &cap, arena_printf(a, "ind_actual_%zu", i + 1),
		    x->has_actual ? arena_printf(a, "%.10g", x->actual) : "");
	}
	return rc ? -1 : 0;
}
