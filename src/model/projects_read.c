/* 協働事業 on the staff side, reading: a project with every field, the same
 * as display text (the snapshot the audit log and the 409 page compare),
 * the field labels. Every statement is a SQL literal with bound parameters. */
#include "model/projects_write.h"

#include <stdio.h>
#include <string.h>

#include "util/log.h"
#include "view/format.h"

/* Field keys (as the audit log stores them) and labels, in form order. */
static const struct {
	const char *key;   /* projects column or pseudo-field */
	const char *label; /* shown on the form, the history and 409 pages */
} labels[] = {
    {"fiscal_year", "年度"},
    {"title", "事業名"},
    {"kana", "事業名のふりがな"},
    {"summary", "概要"},
    {"purpose", "目的"},
    {"target", "対象"},
    {"period_start", "実施期間（開始）"},
    {"period_end", "実施期間（終了）"},
    {"form", "協働の形態"},
    {"domain", "協働の領域"},
    {"fields", "分野"},
    {"proposal_type", "提案区分"},
    {"department", "担当課"},
    {"plan_policy", "関連する計画の方針"},
    {"partners", "協働の相手と役割"},
    {"city_part", "役割分担（市）"},
    {"partner_parts", "役割分担（相手方）"},
    {"budget_planned", "事業費（計画）"},
    {"city_share_planned", "市の負担（計画）"},
    {"partner_share_planned", "相手方の負担（計画）"},
    {"budget_actual", "事業費（実績）"},
    {"city_share_actual", "市の負担（実績）"},
    {"partner_share_actual", "相手方の負担（実績）"},
    {"indicators", "目標と指標"},
    {"status", "状況"},
    {"proposed_on", "提案日"},
    {"reviewed_on", "審査開始日"},
    {"decided_on", "採択・不採択の決定日"},
    {"started_on", "実施開始日"},
    {"completed_on", "完了日"},
    {"evaluated_on", "評価日"},
    {"progress", "進捗率"},
    {"published", "公開"},
    {"grant_programme", "補助金・助成金の名称"},
    {"grant_amount", "交付額"},
    {"grant_rate", "補助率"},
    {"contract_amount", "契約金額"},
    {"contract_start", "契約期間（開始）"},
    {"contract_end", "契約期間（終了）"},
    {"contract_method", "契約方法"},
    {"facility", "施設名"},
    {"name_use_approved", "名義使用の承認"},
    {"name_use_on", "名義使用の承認日"},
    {"conditions", "承認の条件"},
    {"city_cost", "市の負担額"},
    {"partner_cost", "相手方の負担額"},
    {"cost_split", "経費と役割の分担"},
    {"agreement_name", "協定の名称"},
    {"agreement_on", "協定の締結日"},
    {"agreement_start", "協定期間（開始）"},
    {"agreement_end", "協定期間（終了）"},
    {"note", "備考"},
};

#define NLABELS (sizeof(labels) / sizeof(labels[0]))

const char *project_field_label(const char *key)
{
	for (size_t i = 0; key != NULL && i < NLABELS; i++)
		if (strcmp(labels[i].key, key) == 0)
			return labels[i].label;
	return NULL;
}

enum detail_group project_detail_group(const char *form)
{
	static const struct {
		const char *form;
		enum detail_group g;
	} map[] = {
	    {"hojo", DG_GRANT},       {"josei", DG_GRANT},
	    {"itaku", DG_CONTRACT},   {"shitei", DG_CONTRACT},
	    {"koen", DG_NAME_USE},    {"kyosai", DG_COST},
	    {"jikkoiinkai", DG_COST}, {"kyotei", DG_AGREEMENT},
	};

	for (size_t i = 0; form != NULL && i < sizeof(map) / sizeof(map[0]);
	     i++)
		if (strcmp(map[i].form, form) == 0)
			return map[i].g;
	return DG_NONE;
}

/* Column col as a number, -1 when NULL. */
static long long col_money(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL
	           ? -1
	           : sqlite3_column_int64(st, col);
}

/* Append "\n" + s to *dst (arena). -1 when out of memory. */
static int append_line(struct arena *a, const char **dst, const char *s)
{
	const char *r = (*dst == NULL || (*dst)[0] == '\0')
	                    ? arena_strdup(a, s)
	                    : arena_printf(a, "%s\n%s", *dst, s);

	if (r == NULL)
		return -1;
	*dst = r;
	return 0;
}

/* Load the rows (fields, partners, roles, indicators, details) of id. */
static enum mstatus load_rows(struct db *db, struct arena *a, long long id,
                              struct project_rec *out)
{
	sqlite3_stmt *st;
	int rc, oom = 0;

	st = db_prep(db, "SELECT pf.field FROM project_fields pf JOIN fields "
	                 "f ON f.code = pf.field WHERE pf.project_id = ?1 "
	                 "ORDER BY f.sort, f.code");
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (out->nfields < PROJECT_ROWS_MAX)
			out->fields[out->nfields++] =
			    model_text(a, st, 0, &oom);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;

	st = db_prep(db, "SELECT group_id, role FROM project_partners WHERE "
	                 "project_id = ?1 ORDER BY sort, group_id");
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (out->npartners < PROJECT_ROWS_MAX) {
			struct partner_in *p = &out->partners[out->npartners++];

			p->group_id = sqlite3_column_int64(st, 0);
			p->role = model_text(a, st, 1, &oom);
			p->part = "";
		}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;

	st = db_prep(db, "SELECT party, group_id, text FROM project_roles "
	                 "WHERE project_id = ?1 ORDER BY sort, id");
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *text = model_text(a, st, 2, &oom);
		long long gid = sqlite3_column_int64(st, 1);

		if (strcmp(db_text(st, 0), "city") == 0) {
			if (append_line(a, &out->city_part, text) < 0)
				oom = 1;
			continue;
		}
		for (size_t i = 0; i < out->npartners; i++)
			if (out->partners[i].group_id == gid &&
			    append_line(a, &out->partners[i].part, text) < 0)
				oom = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;

	st = db_prep(db, "SELECT id, kind, name, unit, target, actual FROM "
	                 "indicators WHERE project_id = ?1 ORDER BY sort, id");
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (out->nindicators < PROJECT_ROWS_MAX) {
			struct indicator_in *x =
			    &out->indicators[out->nindicators++];

			x->id = sqlite3_column_int64(st, 0);
			x->kind = model_text(a, st, 1, &oom);
			x->name = model_text(a, st, 2, &oom);
			x->unit = model_text(a, st, 3, &oom);
			x->has_target =
			    sqlite3_column_type(st, 4) != SQLITE_NULL;
			x->target = sqlite3_column_double(st, 4);
			x->has_actual =
			    sqlite3_column_type(st, 5) != SQLITE_NULL;
			x->actual = sqlite3_column_double(st, 5);
		}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;

	/* the details ("" where not recorded, as the form shows them) */
	if (project_details_read(db, a, id, model_text, &out->d, &oom) < 0)
		goto fail;
	return oom ? MS_NOMEM : MS_OK;
fail:
	log_err("project_rec_load %lld: %s", id, sqlite3_errmsg(db->h));
	return MS_DB;
}

enum mstatus project_rec_load(struct db *db, struct arena *a, long long id,
                              struct project_rec *out)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT fiscal_year, title, coalesce(kana, ''), summary, "
	        "purpose, target, period_start, period_end, form, domain, "
	        "proposal_type, department, status, proposed_on, reviewed_on, "
	        "decided_on, started_on, completed_on, evaluated_on, progress, "
	        "published, coalesce(plan_policy_id, 0), budget_planned, "
	        "city_share_planned, partner_share_planned, budget_actual, "
	        "city_share_actual, partner_share_actual, version, "
	        "datetime(updated_at, 'localtime') "
	        "FROM projects WHERE id = ?1");
	int rc, oom = 0, c = 0;
	enum mstatus ms;

	memset(out, 0, sizeof(*out));
	out->d.grant_amount = out->d.contract_amount = -1;
	out->d.city_cost = out->d.partner_cost = -1;
	out->d.name_use_approved = -1;
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->fiscal_year = sqlite3_column_int(st, c++);
		out->title = model_text(a, st, c++, &oom);
		out->kana = model_text(a, st, c++, &oom);
		out->summary = model_text(a, st, c++, &oom);
		out->purpose = model_text(a, st, c++, &oom);
		out->target = model_text(a, st, c++, &oom);
		out->period_start = model_text(a, st, c++, &oom);
		out->period_end = model_text(a, st, c++, &oom);
		out->form = model_text(a, st, c++, &oom);
		out->domain = model_text(a, st, c++, &oom);
		out->proposal_type = model_text(a, st, c++, &oom);
		out->department = model_text(a, st, c++, &oom);
		out->status = model_text(a, st, c++, &oom);
		out->proposed_on = model_text(a, st, c++, &oom);
		out->reviewed_on = model_text(a, st, c++, &oom);
		out->decided_on = model_text(a, st, c++, &oom);
		out->started_on = model_text(a, st, c++, &oom);
		out->completed_on = model_text(a, st, c++, &oom);
		out->evaluated_on = model_text(a, st, c++, &oom);
		out->progress = sqlite3_column_int(st, c++);
		out->published = sqlite3_column_int(st, c++);
		out->plan_policy_id = sqlite3_column_int64(st, c++);
		out->budget_planned = col_money(st, c++);
		out->city_share_planned = col_money(st, c++);
		out->partner_share_planned = col_money(st, c++);
		out->budget_actual = col_money(st, c++);
		out->city_share_actual = col_money(st, c++);
		out->partner_share_actual = col_money(st, c++);
		out->version = sqlite3_column_int64(st, c++);
		out->updated_at = model_text(a, st, c++, &oom);
	}
	if ((ms = model_one_end(db, st, rc, oom, "project_rec_load")) != MS_OK)
		return ms;
	return load_rows(db, a, id, out);
}

/* One looked-up name for a snapshot: the first column of st bound with
 * text ?1 = code (or integer when code is NULL and id > 0); the code
 * itself when there is no row. */
static const char *lookup(struct arena *a, sqlite3_stmt *st, const char *code,
                          long long id, int *err)
{
	const char *name = code != NULL ? code : "";
	int rc, oom = 0;

	if (st == NULL) {
		*err = 1;
		return "";
	}
	if (code != NULL)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		name = model_text(a, st, 0, &oom);
	else if (rc != SQLITE_DONE)
		*err = 1;
	sqlite3_reset(st);
	if (oom)
		*err = 1;
	return name;
}

/* "1,234円" or "" for -1. */
static const char *yen(struct arena *a, long long n, int *err)
{
	char *s;

	if (n < 0)
		return "";
	s = fmt_yen(a, n);
	if (s == NULL)
		*err = 1;
	return s != NULL ? s : "";
}

/* A REAL value as people write it ("12.5", "100"). */
static const char *num(struct arena *a, int has, double v, int *err)
{
	char *s;

	if (!has)
		return "";
	s = arena_printf(a, "%.10g", v);
	if (s == NULL)
		*err = 1;
	return s != NULL ? s : "";
}

/* Partners, their parts, indicators and fields as display text. */
static void snapshot_rows(struct db *db, struct arena *a,
                          const struct project_rec *rec, const char **fields,
                          const char **partners, const char **parts,
                          const char **inds, int *err)
{
	*fields = *partners = *parts = *inds = "";
	for (size_t i = 0; i < rec->nfields; i++) {
		const char *n = lookup(
		    a, db_prep(db, "SELECT name FROM fields WHERE code = ?1"),
		    rec->fields[i], 0, err);
		*fields = arena_printf(a, "%s%s%s", *fields, i ? "、" : "", n);
	}
	for (size_t i = 0; i < rec->npartners; i++) {
		const struct partner_in *p = &rec->partners[i];
		const char *g = lookup(
		    a, db_prep(db, "SELECT name FROM groups WHERE id = ?1"),
		    NULL, p->group_id, err);
		const char *r = lookup(
		    a,
		    db_prep(db, "SELECT name FROM partner_roles WHERE code = "
		                "?1"),
		    p->role, 0, err);

		*partners = arena_printf(a, "%s%s%s（%s）", *partners,
		                         i ? "、" : "", g, r);
		if (p->part != NULL && p->part[0] != '\0')
			*parts =
			    arena_printf(a, "%s%s%s: %s", *parts,
			                 (*parts)[0] ? "\n" : "", g, p->part);
	}
	for (size_t i = 0; i < rec->nindicators; i++) {
		const struct indicator_in *x = &rec->indicators[i];

		*inds = arena_printf(
		    a, "%s%s%s %s: 目標 %s%s / 実績 %s%s", *inds, i ? "\n" : "",
		    strcmp(x->kind, "activity") == 0 ? "活動指標" : "成果目標",
		    x->name, num(a, x->has_target, x->target, err),
		    x->has_target ? x->unit : "",
		    num(a, x->has_actual, x->actual, err),
		    x->has_actual ? x->unit : "");
	}
	if (*fields == NULL || *partners == NULL || *parts == NULL ||
	    *inds == NULL)
		*err = 1;
}

int project_snapshot(struct db *db, struct arena *a,
                     const struct project_rec *rec, struct snapshot *out)
{
	const struct form_details *d = &rec->d;
	enum detail_group g = project_detail_group(rec->form);
	const char *v[NLABELS], *fields, *partners, *parts, *inds;
	int err = 0;
	size_t k = 0;

	memset(out, 0, sizeof(*out));
	snapshot_rows(db, a, rec, &fields, &partners, &parts, &inds, &err);
	v[k++] =
	    rec->fiscal_year > 0 ? fmt_fiscal_year(a, rec->fiscal_year) : "";
	v[k++] = rec->title;
	v[k++] = rec->kana;
	v[k++] = rec->summary;
	v[k++] = rec->purpose;
	v[k++] = rec->target;
	v[k++] = rec->period_start;
	v[k++] = rec->period_end;
	v[k++] =
	    lookup(a, db_prep(db, "SELECT name FROM forms WHERE code = ?1"),
	           rec->form, 0, &err);
	v[k++] =
	    lookup(a, db_prep(db, "SELECT name FROM domains WHERE code = ?1"),
	           rec->domain, 0, &err);
	v[k++] = fields;
	v[k++] = lookup(
	    a, db_prep(db, "SELECT name FROM proposal_types WHERE code = ?1"),
	    rec->proposal_type, 0, &err);
	v[k++] = lookup(
	    a, db_prep(db, "SELECT name FROM departments WHERE code = ?1"),
	    rec->department, 0, &err);
	v[k++] = rec->plan_policy_id > 0
	             ? lookup(a,
	                      db_prep(db, "SELECT p.name || ' ' || pp.code || "
	                                  "' ' || pp.title FROM plan_policies "
	                                  "pp JOIN plans p ON p.id = "
	                                  "pp.plan_id WHERE pp.id = ?1"),
	                      NULL, rec->plan_policy_id, &err)
	             : "";
	v[k++] = partners;
	v[k++] = rec->city_part;
	v[k++] = parts;
	v[k++] = yen(a, rec->budget_planned, &err);
	v[k++] = yen(a, rec->city_share_planned, &err);
	v[k++] = yen(a, rec->partner_share_planned, &err);
	v[k++] = yen(a, rec->budget_actual, &err);
	v[k++] = yen(a, rec->city_share_actual, &err);
	v[k++] = yen(a, rec->partner_share_actual, &err);
	v[k++] = inds;
	v[k++] = lookup(
	    a, db_prep(db, "SELECT name FROM project_statuses WHERE code = ?1"),
	    rec->status, 0, &err);
	v[k++] = rec->proposed_on;
	v[k++] = rec->reviewed_on;
	v[k++] = rec->decided_on;
	v[k++] = rec->started_on;
	v[k++] = rec->completed_on;
	v[k++] = rec->evaluated_on;
	v[k++] =
	    rec->progress >= 0 ? arena_printf(a, "%d%%", rec->progress) : "";
	v[k++] = rec->published ? "公開" : "非公開";
	/* Details: only the columns of the project's form are kept. */
	v[k++] = g == DG_GRANT ? d->grant_programme : "";
	v[k++] = g == DG_GRANT ? yen(a, d->grant_amount, &err) : "";
	v[k++] = g == DG_GRANT ? d->grant_rate : "";
	v[k++] = g == DG_CONTRACT ? yen(a, d->contract_amount, &err) : "";
	v[k++] = g == DG_CONTRACT ? d->contract_start : "";
	v[k++] = g == DG_CONTRACT ? d->contract_end : "";
	v[k++] = g == DG_CONTRACT ? d->contract_method : "";
	v[k++] = g == DG_CONTRACT ? d->facility : "";
	v[k++] = g != DG_NAME_USE || d->name_use_approved < 0 ? ""
	         : d->name_use_approved                       ? "承認済み"
	                                                      : "未承認";
	v[k++] = g == DG_NAME_USE ? d->name_use_on : "";
	v[k++] = g == DG_NAME_USE ? d->conditions : "";
	v[k++] = g == DG_COST ? yen(a, d->city_cost, &err) : "";
	v[k++] = g == DG_COST ? yen(a, d->partner_cost, &err) : "";
	v[k++] = g == DG_COST ? d->cost_split : "";
	v[k++] = g == DG_AGREEMENT ? d->agreement_name : "";
	v[k++] = g == DG_AGREEMENT ? d->agreement_on : "";
	v[k++] = g == DG_AGREEMENT ? d->agreement_start : "";
	v[k++] = g == DG_AGREEMENT ? d->agreement_end : "";
	v[k++] = d->note;
	for (size_t i = 0; i < k; i++)
		if (snap_add(a, out, labels[i].key, labels[i].label, v[i]) < 0)
			return -1;
	return err ? -1 : 0;
}

int project_status_allowed(struct db *db, const char *from, const char *to)
{
	return model_status_allowed(
	    db_prep(db, "SELECT 1 FROM project_status_transitions WHERE "
	                "from_status = ?1 AND to_status = ?2"),
	    from, to);
}

enum mstatus project_department(struct db *db, struct arena *a, long long id,
                                const char **dept)
{
	sqlite3_stmt *st =
	    db_prep(db, "SELECT department FROM projects WHERE id = ?1");

	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	return model_one_text(db, a, st, dept, NULL);
}
