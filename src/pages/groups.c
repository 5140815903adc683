/* /groups (the directory, 五十音 order) and /groups/:id (a group's public
 * profile). The representative's private contact never reaches these
 * pages unless the group published that field (see model/groups.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/groups.h"
#include "model/master.h"
#include "model/projects.h"
#include "pages/pages.h"
#include "pages/search.h"
#include "server/config.h"
#include "view/format.h"

/* How many of a group's projects its page lists. */
#define GROUP_PROJECTS 20

/* The directory's query parameters, in the order of qfields[] (page last:
 * the pager relies on it). */
enum { G_KANA, G_KIND, G_FIELD, G_Q, G_PAGE, G__MAX };

/* A 五十音 row: one of あ か さ た な は ま や ら わ 他. */
static const char *v_kana_row(struct arena *a, const struct field *f,
                              const char *raw, struct fieldval *v)
{
	(void)a;
	(void)f;
	if (!groups_kana_row_valid(raw))
		return "五十音の指定が正しくありません。「あ」「か」「さ」"
		       "などの行の見出しから選んでください。";
	v->text = raw;
	return NULL;
}

/* The query of /groups. */
static const struct field qfields[G__MAX] = {
    [G_KANA] = {"kana", "五十音", 0, v_kana_row, 0, 0, NULL},
    [G_KIND] = {"kind", "団体の種別", 0, v_code, 0, 0, NULL},
    [G_FIELD] = {"field", "活動分野", 0, v_code, 0, 0, NULL},
    [G_Q] = {"q", "キーワード", 0, v_search, 0, SEARCH_MAX_CHARS, NULL},
    [G_PAGE] = {"page", "ページ番号", 0, v_page, 0, 0, NULL},
};

const struct field *groups_query_fields(size_t *n)
{
	*n = G__MAX;
	return qfields;
}

/* The 五十音 index (partials/kana_index.tpl): one link per row, keeping
 * the kind, field and keyword filters, into out. 0 or -1. */
static int kana_render(struct request *r, const struct kv *keep,
                       const char *current, struct buf *out)
{
	struct kv q[G__MAX];
	tdict *d = tdict_new("kana_index");
	int rc;

	if (d == NULL)
		return -1;
	memcpy(q, keep, sizeof(q));
	q[G_PAGE].value = NULL;
	q[G_KANA].value = NULL;
	tdict_set(d, "ALL_URL", page_url(r->arena, "/groups", q, G__MAX));
	if (current == NULL)
		tdict_show(d, "ALL_CURRENT");
	for (size_t i = 0; groups_kana_rows[i] != NULL; i++) {
		const char *row = groups_kana_rows[i];
		tdict *k;

		k = tdict_add_section(d, "KANA");
		q[G_KANA].value = row;
		tdict_set(k, "URL", page_url(r->arena, "/groups", q, G__MAX));
		tdict_set(k, "LABEL", row);
		tdict_show(k, strcmp(row, "他") == 0 ? "OTHER_LABEL"
		                                     : "ROW_LABEL");
		if (current != NULL && strcmp(current, row) == 0)
			tdict_show(k, "CURRENT");
	}
	rc = tpl_expand("partials/kana_index.tpl", d, out);
	tdict_free(d);
	return rc;
}

/* The 五十音 index as KANA_INDEX. Without a kind, field or keyword filter
 * the links depend only on the current row (one of 12, validated), so that
 * variant is kept in the fragment store. 0 or -1. */
static int kana_index(struct request *r, tdict *d, const struct kv *keep,
                      const char *current)
{
	char key[40];
	struct frag f;
	struct buf b = {0};
	const char *s;
	int plain = keep[G_KIND].value == NULL && keep[G_FIELD].value == NULL &&
	            keep[G_Q].value == NULL;
	int rc;

	snprintf(key, sizeof(key), "kana:%s", current != NULL ? current : "");
	if (plain && frag_get(r, key, &f)) {
		tdict_set_trusted_markup(d, "KANA_INDEX", f.s[0]);
		return 0;
	}
	rc = kana_render(r, keep, current, &b);
	s = b.data != NULL ? buf_cstr(&b) : "";
	if (rc == 0 && plain)
		rc = frag_put(r, key, &s, &b.len, 1, &f);
	if (rc == 0)
		tdict_set_trusted_markup(d, "KANA_INDEX", s);
	buf_free(&b);
	return rc;
}

/* What the directory's rows take from master data: the names of the kinds
 * and 分野, deactivated rows too (a group may still have one), read at
 * most once per request and only when the fragment store lacks a piece. */
struct row_masters {
	struct code_list kinds;  /* master_all(MASTER_GROUP_KIND) */
	struct code_list fields; /* master_all(MASTER_FIELD) */
	int have_kinds;          /* kinds is read */
	int have_fields;         /* fields is read */
};

/* The markup of a row's kind tag (<span class="tag">…</span>) for kind
 * code, or of its 分野 line (<p class="group-item__fields">…</p>, "" when
 * it has none) for field_codes — one of the two is NULL. Rendered through
 * partials/group_meta.tpl once and kept in the fragment store under the
 * codes (they depend on master data only). NULL on failure, *ms says why. */
static const char *row_piece(struct request *r, struct row_masters *m,
                             const char *kind, const char *field_codes,
                             enum mstatus *ms)
{
	const char *codes = kind != NULL ? kind : field_codes;
	char key[256];
	size_t n = strlen(codes);
	int keyed = n + 4 <= sizeof(key);
	struct frag f;
	struct buf b = {0};
	const char *name, *piece;
	size_t len;
	tdict *d;
	int rc;

	*ms = MS_OK;
	if (kind == NULL && field_codes[0] == '\0')
		return "";
	if (keyed) {
		memcpy(key, kind != NULL ? "gk:" : "gf:", 3);
		memcpy(key + 3, codes, n + 1);
		if (frag_get(r, key, &f))
			return f.s[0];
	}
	if (kind != NULL) {
		if (!m->have_kinds &&
		    (*ms = master_all(r->db, r->arena, MASTER_GROUP_KIND,
		                      &m->kinds)) != MS_OK)
			return NULL;
		m->have_kinds = 1;
		name = page_code_in(&m->kinds, kind);
		if (name == NULL)
			name = "";
	} else {
		if (!m->have_fields &&
		    (*ms = master_all(r->db, r->arena, MASTER_FIELD,
		                      &m->fields)) != MS_OK)
			return NULL;
		m->have_fields = 1;
		name = groups_field_names(r->arena, &m->fields, field_codes);
		if (name == NULL) {
			*ms = MS_NOMEM;
			return NULL;
		}
	}
	if ((d = tdict_new("group_meta")) == NULL) {
		*ms = MS_NOMEM;
		return NULL;
	}
	if (kind != NULL)
		tdict_set(tdict_add_section(d, "KIND"), "NAME", name);
	else if (name[0] != '\0')
		tdict_set(tdict_add_section(d, "FIELDS"), "NAMES", name);
	rc = tpl_expand("partials/group_meta.tpl", d, &b);
	tdict_free(d);
	piece = b.data != NULL ? buf_cstr(&b) : "";
	len = b.len;
	if (rc < 0)
		*ms = MS_DB; /* a broken template: a 500 */
	else if (keyed && frag_put(r, key, &piece, &len, 1, &f) == 0)
		piece = f.s[0];
	else if (keyed)
		*ms = MS_NOMEM;
	else /* codes too long to key: this row only */
		piece = arena_strndup(r->arena, piece, len);
	buf_free(&b);
	if (*ms == MS_OK && piece == NULL)
		*ms = MS_NOMEM;
	return *ms == MS_OK ? piece : NULL;
}

/* Add the directory rows to sec as ROW sections: ID, NAME, KANA, AREA
 * (escaped by the template) and the stored markup KIND_TAG and
 * FIELDS_LINE. */
static enum mstatus fill_rows(struct request *r, tdict *sec,
                              const struct group_row *rows, size_t n)
{
	struct row_masters m = {0};
	enum mstatus ms;

	for (size_t i = 0; i < n; i++) {
		tdict *row = tdict_add_section(sec, "ROW");
		const char *tag, *line;

		page_set_id(row, "ID", rows[i].id);
		tdict_set(row, "NAME", rows[i].name);
		tdict_set(row, "KANA", rows[i].kana);
		if ((tag = row_piece(r, &m, rows[i].kind, NULL, &ms)) == NULL ||
		    (line = row_piece(r, &m, NULL, rows[i].field_codes, &ms)) ==
		        NULL)
			return ms;
		tdict_set_trusted_markup(row, "KIND_TAG", tag);
		if (rows[i].area[0] != '\0') {
			tdict_show(row, "HAS_AREA");
			tdict_set(row, "AREA", rows[i].area);
		}
		if (line[0] != '\0')
			tdict_set_trusted_markup(row, "FIELDS_LINE", line);
	}
	return MS_OK;
}

enum hstatus page_groups(struct request *r)
{
	struct fieldval v[G__MAX];
	struct page_select kinds, fields;
	struct group_filter f = {0};
	struct group_row *rows;
	size_t nrows;
	long long total, page;
	int psize = page_list_size(r);
	enum mstatus ms;
	struct page p;
	tdict *d;
	struct kv keep[G__MAX];
	const char *kind_name = NULL, *field_name = NULL;
	struct search_query sq;
	struct search_total st = {0};
	enum search_mode sm;

	if (form_validate(r->arena, &r->query, qfields, G__MAX, v) > 0)
		return page_bad_query(r, v, G__MAX, NULL);
	/* the active choices, and a deactivated one a link still names */
	if ((ms = page_filter_select(r, MASTER_GROUP_KIND, v[G_KIND].text,
	                             &kinds)) != MS_OK ||
	    (ms = page_filter_select(r, MASTER_FIELD, v[G_FIELD].text,
	                             &fields)) != MS_OK)
		return page_mstatus(ms);
	f.kana_row = v[G_KANA].text;
	f.kind = v[G_KIND].text;
	f.field = v[G_FIELD].text;
	if (f.kind != NULL &&
	    (kind_name = page_code_in(&kinds.l, f.kind)) == NULL)
		return page_bad_query(
		    r, v, 0, "指定された団体の種別は登録されていません。");
	if (f.field != NULL &&
	    (field_name = page_code_in(&fields.l, f.field)) == NULL)
		return page_bad_query(
		    r, v, 0, "指定された活動分野は登録されていません。");
	page = v[G_PAGE].present ? v[G_PAGE].num : 1;
	if ((sm = page_search_parse(r, &v[G_Q], &sq)) == SEARCH_DONE)
		return HS_OK;
	if (sm == SEARCH_NOMEM)
		return HS_NOMEM;
	rows = NULL, nrows = 0;
	if (sm == SEARCH_ON) /* the page's rows and the count: one pass */
		ms = groups_search(r->db, r->arena, &sq, &f, psize,
		                   (page - 1) * psize, &rows, &nrows, &st);
	else if (sm == SEARCH_SHORT)
		ms = MS_OK;
	else
		ms = groups_count(r->db, &f, &total);
	if (ms != MS_OK)
		return page_mstatus(ms);
	if (sm != SEARCH_NONE)
		total = st.n;
	if (page_past_last(r, page, total, psize, "団体"))
		return HS_OK;
	if (sm == SEARCH_NONE)
		ms = groups_list(r->db, r->arena, &f, psize, (page - 1) * psize,
		                 total, &rows, &nrows);
	if (ms != MS_OK)
		return page_mstatus(ms);

	d = page_begin(
	    r, &p,
	    sm == SEARCH_ON
	        ? arena_printf(r->arena, "%s - 団体をさがす",
	                       page_search_title(r->arena, &sq, "団体"))
	        : "団体をさがす",
	    "groups/list.tpl");
	if (d == NULL)
		return HS_NOMEM;
	page_nav(&p, "groups");
	page_crumbs(&p, NULL, NULL, 0, "団体をさがす");
	page_keep(keep, qfields, v, G__MAX);
	if (kana_index(r, d, keep, f.kana_row) < 0) {
		tdict_free(p.top);
		return HS_ERROR;
	}
	if (f.kana_row != NULL)
		tdict_set(tdict_add_section(d, "KANA_HIDDEN"), "VALUE",
		          f.kana_row);
	if (page_select_markup(d, "KIND_OPTIONS", &kinds, f.kind) < 0 ||
	    page_select_markup(d, "FIELD_OPTIONS", &fields, f.field) < 0) {
		tdict_free(p.top);
		return HS_ERROR;
	}
	if (v[G_Q].present)
		tdict_set(d, "Q", v[G_Q].text);
	if (f.kana_row || f.kind || f.field || v[G_Q].present)
		tdict_show(d, "FILTERED");
	tdict_set(
	    d, "RESULT_TITLE",
	    sm == SEARCH_ON      ? page_search_title(r->arena, &sq, "団体")
	    : sm == SEARCH_SHORT ? "キーワードを確かめてください"
	    : f.kana_row == NULL && !f.kind && !f.field
	        ? "すべての団体（五十音順）"
	    : f.kana_row != NULL && !f.kind && !f.field
	        ? (strcmp(f.kana_row, "他") == 0
	               ? "英数字などで始まる団体"
	               : arena_printf(r->arena, "「%s」行の団体", f.kana_row))
	        : "絞り込み結果");
	page_search_fill(r, d, sm, &sq, &st, nrows, "団体");
	if (nrows > 0) {
		tdict *sec = tdict_add_section(d, "ROWS");

		page_range(d, total, page, psize, nrows, st.capped);
		if ((ms = fill_rows(r, sec, rows, nrows)) != MS_OK) {
			tdict_free(p.top);
			return page_mstatus(ms);
		}
	} else if (sm == SEARCH_NONE) {
		tdict_show(d, "NO_RESULTS");
	}
	page_pager(r, d, "/groups", keep, G__MAX, total, page, psize);
	return page_end(r, &p);
}

/* 設立: "2005年", "2005年4月" or "2005年4月1日". */
static const char *fmt_founded(struct arena *a, const char *s)
{
	size_t n = strlen(s);

	if (n == 4)
		return arena_printf(a, "%s年", s);
	if (n == 7)
		return arena_printf(a, "%.4s年%d月", s, atoi(s + 5));
	return fmt_date(a, s);
}

/* Show section with {{VALUE}} = value when value is set. */
static int contact(tdict *d, const char *section, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return 0;
	tdict_set(tdict_add_section(d, section), "VALUE", value);
	return 1;
}

enum hstatus page_group(struct request *r)
{
	long long id = page_path_id(req_param(r, 0));
	struct group g;
	struct project_row *rows;
	struct row_names names;
	size_t nrows;
	struct page p;
	tdict *d;
	enum mstatus ms;
	int any = 0;
	static const char *const labels[] = {"団体をさがす"};
	static const char *const urls[] = {"/groups"};

	ms = id > 0 ? group_get(r->db, r->arena, id, &g) : MS_NOTFOUND;
	if (ms == MS_NOTFOUND) {
		page_error(r, 404,
		           "お探しの団体は見つかりませんでした。登録が休止・"
		           "抹消されたか、URLが間違っている可能性があります。");
		return HS_OK;
	}
	if (ms != MS_OK)
		return page_mstatus(ms);
	if ((ms = page_row_names(r, &names)) == MS_OK)
		ms = projects_by_group(r->db, r->arena, &names, id,
		                       GROUP_PROJECTS, &rows, &nrows);
	if (ms != MS_OK)
		return page_mstatus(ms);

	d = page_begin(r, &p, g.name, "groups/show.tpl");
	if (d == NULL)
		return HS_NOMEM;
	page_nav(&p, "groups");
	page_crumbs(&p, labels, urls, 1, g.name);
	tdict_set(d, "NAME", g.name);
	tdict_set(d, "KIND", g.kind_name);
	if (g.kana[0] != '\0') {
		tdict_show(d, "HAS_KANA");
		tdict_set(d, "KANA", g.kana);
	}
	if (g.area[0] != '\0') {
		tdict_show(d, "HAS_AREA");
		tdict_set(d, "AREA", g.area);
	}
	if (g.founded != NULL) {
		tdict_show(d, "HAS_FOUNDED");
		tdict_set(d, "FOUNDED", fmt_founded(r->arena, g.founded));
	}
	if (g.members >= 0) {
		tdict_show(d, "HAS_MEMBERS");
		tdict_set(d, "MEMBERS", fmt_int(r->arena, g.members));
	}
	if (g.fee[0] != '\0') {
		tdict_show(d, "HAS_FEE");
		tdict_set(d, "FEE", g.fee);
	}
	if (g.purpose[0] != '\0') {
		tdict_show(d, "HAS_PURPOSE");
		tdict_set(d, "PURPOSE", g.purpose);
	}
	if (g.activities[0] != '\0') {
		tdict_show(d, "HAS_ACTIVITIES");
		tdict_set(d, "ACTIVITIES", g.activities);
	}
	if (g.nfields > 0) {
		tdict *sec = tdict_add_section(d, "HAS_FIELDS");

		for (size_t i = 0; i < g.nfields; i++) {
			tdict *row = tdict_add_section(sec, "FIELD");

			tdict_set(row, "CODE", g.fields[i].code);
			tdict_set(row, "NAME", g.fields[i].name);
		}
	}
	/* contact: public fields, then the representative's published ones */
	if (g.web != NULL) {
		tdict_show(d, "HAS_WEB");
		tdict_set(d, "WEB", g.web);
		any = 1;
	}
	if (g.email != NULL) {
		tdict_show(d, "HAS_EMAIL");
		tdict_set(d, "EMAIL", g.email);
		any = 1;
	}
	any |= contact(d, "PHONE", g.phone);
	any |= contact(d, "REP_NAME", g.rep_name);
	any |= contact(d, "REP_PHONE", g.rep_phone);
	any |= contact(d, "REP_EMAIL", g.rep_email);
	any |= contact(d, "REP_ADDRESS", g.rep_address);
	tdict_show(d, any ? "HAS_CONTACT" : "NO_CONTACT");
	if (nrows > 0) {
		tdict *sec = tdict_add_section(d, "HAS_PROJECTS");

		if (page_fill_rows(r, sec, "PROJECT", rows, nrows,
		                   ROW_FORM | ROW_ROLE) < 0) {
			tdict_free(p.top);
			return HS_NOMEM;
		}
	} else {
		tdict_show(d, "NO_PROJECTS");
	}
	return page_end(r, &p);
}
