/* The group form's input side (団体): the field table with its
 * validators, the parser the staff pages and the CSV import both use
 * (model/import.c), and the form values of a stored group. See
 * model/group_form.h; the pages are in pages/staff_groups.c. */
#include "model/group_form.h"

#include <stdio.h>
#include <string.h>

#include "view/format.h"

/* 公開 flags: "1" 公開, "0" 非公開. */
static const char *const pub_set[] = {"0", "1", NULL};

/* The kana validator of the group form: v_kana (ひらがな/カタカナ), then
 * stored as full-width katakana, as the schema keeps it; the voicing marks
 * ゛゜ on their own are refused. */
static const char *v_group_kana(struct arena *a, const struct field *f,
                                const char *raw, struct fieldval *v)
{
	const char *msg = v_kana(a, f, raw, v);

	if (msg != NULL)
		return msg;
	if (strstr(raw, "\xE3\x82\x9B") != NULL ||
	    strstr(raw, "\xE3\x82\x9C") != NULL)
		return arena_printf(
		    a, "%sに濁点・半濁点だけの文字は使えません。", f->label);
	v->text = kana_to_katakana(a, v->text);
	return v->text != NULL ? NULL : "メモリが不足しています。";
}

/* 設立: a year (2005), a year and month (2005-04) or a date. */
static const char *v_founded(struct arena *a, const struct field *f,
                             const char *raw, struct fieldval *v)
{
	size_t n = strlen(raw);
	int ok = 1, y = 0;
	char date[11];

	for (size_t i = 0; i < n; i++)
		if (!((raw[i] >= '0' && raw[i] <= '9') ||
		      (raw[i] == '-' && (i == 4 || i == 7))))
			ok = 0;
	if (ok && n >= 4)
		y = (raw[0] - '0') * 1000 + (raw[1] - '0') * 100 +
		    (raw[2] - '0') * 10 + (raw[3] - '0');
	if (ok && n == 7 && raw[5] >= '0' && raw[5] <= '1') {
		snprintf(date, sizeof(date), "%.7s-01", raw);
		ok = fiscal_year_of(date) > 0;
	} else if (ok && n == 10) {
		ok = fiscal_year_of(raw) > 0;
	} else {
		ok = ok && n == 4;
	}
	if (!ok || y < 1800 || y > 2100)
		return arena_printf(a,
		                    "%sは「2005」「2005-04」「2005-04-01」の"
		                    "いずれかの形式で入力してください。",
		                    f->label);
	v->text = raw;
	return NULL;
}

const struct field group_form_fields[] = {
    {"name", "団体名", 1, v_line, 1, 200, NULL},
    {"kana", "フリガナ", 1, v_group_kana, 1, 200, NULL},
    {"kind", "種別", 1, v_oneof, 0, 0, NULL},
    {"area", "活動地区", 0, v_line, 0, 100, NULL},
    {"founded", "設立", 0, v_founded, 0, 0, NULL},
    {"members", "会員数", 0, v_int, 0, 10000000, NULL},
    {"fee", "会費", 0, v_line, 0, 200, NULL},
    {"purpose", "目的", 0, v_text, 0, 2000, NULL},
    {"activities", "活動内容", 0, v_text, 0, 4000, NULL},
    {"web", "ホームページ", 0, v_url, 0, 500, NULL},
    {"email", "メールアドレス（公開用）", 0, v_email, 0, 254, NULL},
    {"phone", "電話番号（公開用）", 0, v_phone, 0, 0, NULL},
    {"rep_name", "代表者名", 0, v_line, 0, 100, NULL},
    {"rep_name_public", "代表者名の公開", 0, v_oneof, 0, 0, pub_set},
    {"rep_phone", "代表者の電話番号", 0, v_phone, 0, 0, NULL},
    {"rep_phone_public", "代表者の電話番号の公開", 0, v_oneof, 0, 0, pub_set},
    {"rep_address", "代表者の住所", 0, v_line, 0, 300, NULL},
    {"rep_address_public", "代表者の住所の公開", 0, v_oneof, 0, 0, pub_set},
    {"rep_email", "代表者のメールアドレス", 0, v_email, 0, 254, NULL},
    {"rep_email_public", "代表者のメールアドレスの公開", 0, v_oneof, 0, 0,
     pub_set},
    {"status", "登録状況", 0, v_oneof, 0, 0, NULL},
    {"applied_on", "申請日", 0, v_date, 0, 0, NULL},
    {"registered_on", "登録日", 0, v_date, 0, 0, NULL},
    {"suspended_on", "休止日", 0, v_date, 0, 0, NULL},
    {"removed_on", "抹消日", 0, v_date, 0, 0, NULL},
    {"status_note", "登録状況の備考", 0, v_text, 0, 1000, NULL},
    {"version", "版番号", 0, v_int, 1, 1000000000, NULL},
};

const size_t group_form_nfields =
    sizeof(group_form_fields) / sizeof(group_form_fields[0]);

/* The validated value of field name ("" when empty or invalid). */
static const char *gv(const struct fieldval *v, const char *name)
{
	for (size_t i = 0; i < group_form_nfields; i++)
		if (strcmp(group_form_fields[i].name, name) == 0)
			return v[i].error == NULL && v[i].text != NULL
			           ? v[i].text
			           : "";
	return "";
}

/* The fieldval of field name. */
static const struct fieldval *gfv(const struct fieldval *v, const char *name)
{
	for (size_t i = 0; i < group_form_nfields; i++)
		if (strcmp(group_form_fields[i].name, name) == 0)
			return &v[i];
	return NULL;
}

/* Add every value of the multi-valued field name that is one of set to
 * out[0..max) (no duplicates); an unknown value is a message. */
static int multi(struct arena *a, const struct kvlist *form, const char *name,
                 const char *label, const struct code_list *set,
                 const char **out, size_t *n, size_t max,
                 struct form_errors *errs)
{
	*n = 0;
	for (size_t i = 0; i < form->n; i++) {
		int known = 0, dup = 0;

		if (strcmp(form->v[i].name, name) != 0)
			continue;
		for (size_t j = 0; j < set->n; j++)
			if (strcmp(set->v[j].code, form->v[i].value) == 0) {
				known = 1;
				for (size_t k = 0; k < *n; k++)
					dup |= out[k] == set->v[j].code;
				if (!dup && *n < max)
					out[(*n)++] = set->v[j].code;
			}
		if (!known &&
		    ferr_add(a, errs, name,
		             arena_printf(a, "%sの選択肢から選んでください。",
		                          label)) < 0)
			return -1;
	}
	return 0;
}

int group_form_parse(struct db *db, struct arena *a, const struct kvlist *form,
                     struct group_rec *out, struct form_errors *errs)
{
	struct field *t = arena_alloc(a, sizeof(group_form_fields));
	struct fieldval *v = arena_alloc(a, group_form_nfields * sizeof(*v));
	struct code_list kinds, statuses, fields, reqs = {0};
	struct group_req *rq;
	size_t nrq;

	memset(out, 0, sizeof(*out));
	if (t == NULL || v == NULL)
		return -1;
	if (master_all(db, a, MASTER_GROUP_KIND, &kinds) != MS_OK ||
	    master_all(db, a, MASTER_FIELD, &fields) != MS_OK ||
	    group_statuses(db, a, &statuses) != MS_OK ||
	    group_reqs(db, a, 0, &rq, &nrq) != MS_OK)
		return -1;
	reqs.v = arena_alloc(a, (nrq + 1) * sizeof(*reqs.v));
	if (reqs.v == NULL)
		return -1;
	for (size_t i = 0; i < nrq; i++) {
		reqs.v[i].code = rq[i].code;
		reqs.v[i].name = rq[i].name;
	}
	reqs.n = nrq;
	memcpy(t, group_form_fields, sizeof(group_form_fields));
	for (size_t i = 0; i < group_form_nfields; i++) {
		if (strcmp(t[i].name, "kind") == 0)
			t[i].set = form_codes(a, &kinds);
		else if (strcmp(t[i].name, "status") == 0)
			t[i].set = form_codes(a, &statuses);
		if (t[i].validate == v_oneof && t[i].set == NULL)
			return -1;
	}
	form_validate(a, form, t, group_form_nfields, v);
	form_choose_messages(a, t, v, group_form_nfields);
	for (size_t i = 0; i < group_form_nfields; i++)
		if (v[i].error != NULL &&
		    ferr_add(a, errs, t[i].name, v[i].error) < 0)
			return -1;
	if (multi(a, form, "fields", "活動分野", &fields, out->fields,
	          &out->nfields, GROUP_FIELDS_MAX, errs) < 0 ||
	    multi(a, form, "reqs", "登録要件", &reqs, out->reqs, &out->nreqs,
	          GROUP_FIELDS_MAX, errs) < 0)
		return -1;

	out->name = gv(v, "name");
	out->kana = gv(v, "kana");
	out->kind = gv(v, "kind");
	out->area = gv(v, "area");
	out->founded = gv(v, "founded");
	out->members = gfv(v, "members")->present && !gfv(v, "members")->error
	                   ? gfv(v, "members")->num
	                   : -1;
	out->fee = gv(v, "fee");
	out->purpose = gv(v, "purpose");
	out->activities = gv(v, "activities");
	out->web = gv(v, "web");
	out->email = gv(v, "email");
	out->phone = gv(v, "phone");
	out->rep_name = gv(v, "rep_name");
	out->rep_name_public = strcmp(gv(v, "rep_name_public"), "1") == 0;
	out->rep_phone = gv(v, "rep_phone");
	out->rep_phone_public = strcmp(gv(v, "rep_phone_public"), "1") == 0;
	out->rep_address = gv(v, "rep_address");
	out->rep_address_public = strcmp(gv(v, "rep_address_public"), "1") == 0;
	out->rep_email = gv(v, "rep_email");
	out->rep_email_public = strcmp(gv(v, "rep_email_public"), "1") == 0;
	out->status = gfv(v, "status")->present ? gv(v, "status") : NULL;
	out->applied_on = gv(v, "applied_on");
	out->registered_on = gv(v, "registered_on");
	out->suspended_on = gv(v, "suspended_on");
	out->removed_on = gv(v, "removed_on");
	out->status_note = gv(v, "status_note");
	out->version = gfv(v, "version")->num;
	return (int)errs->n;
}

int group_form_values(struct arena *a, const struct group_rec *g,
                      struct kvlist *out)
{
	size_t cap = 0;
	int rc = 0;

	out->v = NULL;
	out->n = 0;
	rc |= kvl_add(a, out, &cap, "name", g->name);
	rc |= kvl_add(a, out, &cap, "kana", g->kana);
	rc |= kvl_add(a, out, &cap, "kind", g->kind);
	rc |= kvl_add(a, out, &cap, "area", g->area);
	rc |= kvl_add(a, out, &cap, "founded", g->founded);
	rc |=
	    kvl_add(a, out, &cap, "members",
	            g->members >= 0 ? arena_printf(a, "%lld", g->members) : "");
	rc |= kvl_add(a, out, &cap, "fee", g->fee);
	rc |= kvl_add(a, out, &cap, "purpose", g->purpose);
	rc |= kvl_add(a, out, &cap, "activities", g->activities);
	rc |= kvl_add(a, out, &cap, "web", g->web);
	rc |= kvl_add(a, out, &cap, "email", g->email);
	rc |= kvl_add(a, out, &cap, "phone", g->phone);
	rc |= kvl_add(a, out, &cap, "rep_name", g->rep_name);
	rc |= kvl_add(a, out, &cap, "rep_name_public",
	              g->rep_name_public ? "1" : "0");
	rc |= kvl_add(a, out, &cap, "rep_phone", g->rep_phone);
	rc |= kvl_add(a, out, &cap, "rep_phone_public",
	              g->rep_phone_public ? "1" : "0");
	rc |= kvl_add(a, out, &cap, "rep_address", g->rep_address);
	rc |= kvl_add(a, out, &cap, "rep_address_public",
	              g->rep_address_public ? "1" : "0");
	rc |= kvl_add(a, out, &cap, "rep_email", g->rep_email);
	rc |= kvl_add(a, out, &cap, "rep_email_public",
	              g->rep_email_public ? "1" : "0");
	rc |= kvl_add(a, out, &cap, "status", g->status);
	rc |= kvl_add(a, out, &cap, "applied_on", g->applied_on);
	rc |= kvl_add(a, out, &cap, "registered_on", g->registered_on);
	rc |= kvl_add(a, out, &cap, "suspended_on", g->suspended_on);
	rc |= kvl_add(a, out, &cap, "removed_on", g->removed_on);
	rc |= kvl_add(a, out, &cap, "status_note", g->status_note);
	rc |= kvl_add(a, out, &cap, "version",
	              arena_printf(a, "%lld", g->version));
	for (size_t i = 0; i < g->nfields; i++)
		rc |= kvl_add(a, out, &cap, "fields", g->fields[i]);
	for (size_t i = 0; i < g->nreqs; i++)
		rc |= kvl_add(a, out, &cap, "reqs", g->reqs[i]);
	return rc ? -1 : 0;
}
