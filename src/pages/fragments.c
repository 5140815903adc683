/* The master-data pieces of the public pages, rendered once per worker and
 * kept in the fragment store (view/fragment.h) until the database changes:
 * the options of the filter <select>s, the form links and principles of
 * the top page. Every piece is rendered through a partial template, so the
 * escaping stays the template's AUTOESCAPE; the page inserts it with
 * tdict_set_trusted_markup() and {{NAME:none}}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/master.h"
#include "model/projects.h"
#include "pages/pages.h"
#include "util/buf.h"
#include "util/log.h"
#include "view/format.h"

/* The option partial (one <option>, with its newline). */
#define OPTION_TPL "partials/option.tpl"

/* Append one <option> (value, label, selected) to b. 0 or -1. */
static int render_option(struct buf *b, const char *value, const char *label,
                         int selected)
{
	tdict *d = tdict_new("option");
	int rc;

	if (d == NULL)
		return -1;
	tdict_set(d, "VALUE", value);
	tdict_set(d, "LABEL", label);
	if (selected)
		tdict_show(d, "SELECTED");
	rc = tpl_expand(OPTION_TPL, d, b);
	tdict_free(d);
	return rc;
}

/* A select's stored pieces: s[0] every option unselected, then per option
 * code, name, the option, the option selected. */
enum { SEL_CODE, SEL_NAME, SEL_PLAIN, SEL_CHOSEN, SEL__N };

/* Render the options of l (chosen none) into the pieces of a select and
 * keep them under key. */
static enum mstatus select_store(struct request *r, const char *key,
                                 const struct code_list *l, struct frag *out)
{
	size_t n = 1 + SEL__N * l->n;
	const char **s = arena_alloc(r->arena, n * sizeof(*s));
	size_t *len = arena_alloc(r->arena, n * sizeof(*len));
	struct buf all = {0}, one = {0};
	enum mstatus ms = MS_OK;

	if (s == NULL || len == NULL)
		return MS_NOMEM;
	for (size_t i = 0; i < l->n && ms == MS_OK; i++) {
		size_t k = 1 + SEL__N * i;

		s[k + SEL_CODE] = l->v[i].code;
		len[k + SEL_CODE] = strlen(l->v[i].code);
		s[k + SEL_NAME] = l->v[i].name;
		len[k + SEL_NAME] = strlen(l->v[i].name);
		buf_clear(&one);
		if (render_option(&one, l->v[i].code, l->v[i].name, 0) < 0 ||
		    (len[k + SEL_PLAIN] = one.len,
		     render_option(&one, l->v[i].code, l->v[i].name, 1) < 0)) {
			ms = MS_DB; /* a broken template: a 500 */
			break;
		}
		len[k + SEL_CHOSEN] = one.len - len[k + SEL_PLAIN];
		buf_put(&all, one.data, len[k + SEL_PLAIN]);
		s[k + SEL_PLAIN] =
		    arena_strndup(r->arena, one.data, len[k + SEL_PLAIN]);
		s[k + SEL_CHOSEN] =
		    arena_strndup(r->arena, one.data + len[k + SEL_PLAIN],
		                  len[k + SEL_CHOSEN]);
		if (s[k + SEL_PLAIN] == NULL || s[k + SEL_CHOSEN] == NULL)
			ms = MS_NOMEM;
	}
	s[0] = all.data != NULL ? buf_cstr(&all) : "";
	len[0] = all.len;
	if (ms == MS_OK && frag_put(r, key, s, len, n, out) < 0)
		ms = MS_NOMEM;
	buf_free(&all);
	buf_free(&one);
	return ms;
}

/* The code list of the n entries of stride strings at s, each a code
 * then its name: an array in a (its entries may be changed), the strings
 * s's own. */
static enum mstatus strided_list(struct arena *a, const char *const *s,
                                 size_t n, size_t stride, struct code_list *out)
{
	out->n = n;
	out->v = arena_alloc(a, (n ? n : 1) * sizeof(*out->v));
	if (out->v == NULL)
		return MS_NOMEM;
	for (size_t i = 0; i < n; i++) {
		out->v[i].code = s[stride * i];
		out->v[i].name = s[stride * i + 1];
	}
	return MS_OK;
}

/* The code list a select's pieces hold (arena array, strings stored). */
static enum mstatus select_list(struct request *r, const struct frag *f,
                                struct code_list *out)
{
	_Static_assert(SEL_CODE == 0 && SEL_NAME == 1, "code, then name");
	return strided_list(r->arena, f->s + 1, (f->n - 1) / SEL__N, SEL__N,
	                    out);
}

int page_list_get(struct request *r, const char *key, struct code_list *out)
{
	struct frag f;

	if (!frag_get(r, key, &f))
		return 0;
	return strided_list(r->arena, f.s, f.n / 2, 2, out) == MS_OK ? 1 : -1;
}

enum mstatus page_list_put(struct request *r, const char *key,
                           const struct code_list *l)
{
	const char **s = arena_alloc(r->arena, (2 * l->n + 1) * sizeof(*s));
	struct frag f;

	if (s == NULL)
		return MS_NOMEM;
	for (size_t i = 0; i < l->n; i++) {
		s[2 * i] = l->v[i].code;
		s[2 * i + 1] = l->v[i].name;
	}
	return frag_put(r, key, s, NULL, 2 * l->n, &f) < 0 ? MS_NOMEM : MS_OK;
}

enum mstatus page_filter_select(struct request *r, enum master m,
                                const char *chosen, struct page_select *out)
{
	char key[32];
	struct code_list active, all;
	struct kv one = {"filter", chosen};
	struct kvlist vals = {&one, 1};
	const struct code_list *l;
	enum mstatus ms;

	memset(out, 0, sizeof(*out));
	snprintf(key, sizeof(key), "sel:%d", (int)m);
	if (!frag_get(r, key, &out->f)) {
		if ((ms = master_list(r->db, r->arena, m, &active)) != MS_OK ||
		    (ms = select_store(r, key, &active, &out->f)) != MS_OK)
			return ms;
	}
	out->cached = 1;
	if ((ms = select_list(r, &out->f, &out->l)) != MS_OK)
		return ms;
	if (chosen == NULL || page_code_in(&out->l, chosen))
		return MS_OK;
	/* a deactivated row a link still names: listed (and rendered) for
	 * this request only */
	if ((ms = master_all(r->db, r->arena, m, &all)) != MS_OK)
		return ms;
	l = page_with_chosen(r->arena, &out->l, &all, &vals, "filter", "");
	if (l == NULL)
		return MS_NOMEM;
	out->l = *l;
	out->cached = 0;
	return MS_OK;
}

enum mstatus page_year_select(struct request *r, int chosen,
                              struct page_select *out)
{
	char code[16];
	int *years;
	size_t n, k = 0;
	enum mstatus ms;

	memset(out, 0, sizeof(*out));
	if (!frag_get(r, "sel:years", &out->f)) {
		struct code_list l;

		if ((ms = projects_years(r->db, r->arena, &years, &n)) != MS_OK)
			return ms;
		l.n = n;
		l.v = arena_alloc(r->arena, (n ? n : 1) * sizeof(*l.v));
		if (l.v == NULL)
			return MS_NOMEM;
		for (size_t i = 0; i < n; i++) {
			l.v[i].code = arena_printf(r->arena, "%d", years[i]);
			l.v[i].name = fmt_fiscal_year(r->arena, years[i]);
			if (l.v[i].code == NULL || l.v[i].name == NULL)
				return MS_NOMEM;
		}
		if ((ms = select_store(r, "sel:years", &l, &out->f)) != MS_OK)
			return ms;
	}
	out->cached = 1;
	if ((ms = select_list(r, &out->f, &out->l)) != MS_OK)
		return ms;
	snprintf(code, sizeof(code), "%d", chosen);
	if (chosen == 0 || page_code_in(&out->l, code))
		return MS_OK;
	/* a year without published projects: shown in its place (newest
	 * first) for this request only */
	{
		struct code_name *v =
		    arena_alloc(r->arena, (out->l.n + 1) * sizeof(*v));

		if (v == NULL)
			return MS_NOMEM;
		while (k < out->l.n &&
		       strtol(out->l.v[k].code, NULL, 10) > chosen)
			k++;
		memcpy(v, out->l.v, k * sizeof(*v));
		v[k].code = arena_strdup(r->arena, code);
		v[k].name = fmt_fiscal_year(r->arena, chosen);
		if (v[k].code == NULL || v[k].name == NULL)
			return MS_NOMEM;
		memcpy(v + k + 1, out->l.v + k, (out->l.n - k) * sizeof(*v));
		out->l.v = v;
		out->l.n++;
	}
	out->cached = 0;
	return MS_OK;
}

int page_select_markup(tdict *d, const char *key, const struct page_select *s,
                       const char *chosen)
{
	struct buf b = {0};
	int rc = 0;

	if (s->cached) {
		const struct frag *f = &s->f;
		size_t off = 0;

		for (size_t i = 0; chosen != NULL && i < s->l.n; i++) {
			size_t k = 1 + SEL__N * i;

			if (strcmp(f->s[k + SEL_CODE], chosen) != 0) {
				off += f->len[k + SEL_PLAIN];
				continue;
			}
			buf_put(&b, f->s[0], off);
			buf_put(&b, f->s[k + SEL_CHOSEN],
			        f->len[k + SEL_CHOSEN]);
			off += f->len[k + SEL_PLAIN];
			buf_put(&b, f->s[0] + off, f->len[0] - off);
			tdict_set_trusted_markup(d, key, buf_cstr(&b));
			buf_free(&b);
			return 0;
		}
		tdict_set_trusted_markup(d, key, f->s[0]);
		return 0;
	}
	for (size_t i = 0; i < s->l.n && rc == 0; i++)
		rc = render_option(&b, s->l.v[i].code, s->l.v[i].name,
		                   chosen != NULL &&
		                       strcmp(chosen, s->l.v[i].code) == 0);
	if (rc == 0)
		tdict_set_trusted_markup(d, key, b.data ? buf_cstr(&b) : "");
	buf_free(&b);
	return rc;
}

/* Render the form links and the principles of the top page into f. */
static enum mstatus home_store(struct request *r, struct frag *f)
{
	struct form *forms;
	struct principle *pr;
	size_t nforms, npr;
	enum mstatus ms;
	struct buf links = {0}, prin = {0};
	const char *s[2];
	tdict *d, *sec;
	int rc;

	if ((ms = principles_active(r->db, r->arena, &pr, &npr)) != MS_OK ||
	    (ms = forms_list(r->db, r->arena, &forms, &nforms)) != MS_OK)
		return ms;
	if ((d = tdict_new("form_links")) == NULL)
		return MS_NOMEM;
	for (size_t i = 0; i < nforms; i++) {
		tdict *row = tdict_add_section(d, "FORM_LINK");

		tdict_set(row, "CODE", forms[i].code);
		tdict_set(row, "NAME", forms[i].name);
		if (forms[i].domain_name[0] != '\0') {
			tdict_show(row, "HAS_DOMAIN");
			tdict_set(row, "DOMAIN_NAME", forms[i].domain_name);
		}
	}
	rc = tpl_expand("partials/form_links.tpl", d, &links);
	tdict_free(d);
	if (rc == 0 && (d = tdict_new("principles")) != NULL) {
		if (npr > 0) {
			sec = tdict_add_section(d, "PRINCIPLES");
			for (size_t i = 0; i < npr; i++) {
				tdict *row =
				    tdict_add_section(sec, "PRINCIPLE");

				tdict_set(row, "NAME", pr[i].name);
				if (pr[i].description[0] != '\0') {
					tdict_show(row, "HAS_DESC");
					tdict_set(row, "DESCRIPTION",
					          pr[i].description);
				}
			}
		}
		rc = tpl_expand("partials/principles.tpl", d, &prin);
		tdict_free(d);
	} else {
		rc = -1;
	}
	s[0] = links.data != NULL ? buf_cstr(&links) : "";
	s[1] = prin.data != NULL ? buf_cstr(&prin) : "";
	ms = rc < 0                                   ? MS_DB
	     : frag_put(r, "home", s, NULL, 2, f) < 0 ? MS_NOMEM
	                                              : MS_OK;
	buf_free(&links);
	buf_free(&prin);
	return ms;
}

enum mstatus page_home_master(struct request *r, tdict *d)
{
	struct frag f;
	enum mstatus ms;

	if (!frag_get(r, "home", &f) && (ms = home_store(r, &f)) != MS_OK)
		return ms;
	tdict_set_trusted_markup(d, "FORM_LINKS", f.s[0]);
	tdict_set_trusted_markup(d, "PRINCIPLES_HTML", f.s[1]);
	return MS_OK;
}

/* The sections of partials/row_meta.tpl, by enum row_meta. */
static const char *const meta_sections[] = {"YEAR", "FORM", "DEPT", "STATUS"};

/* Append kind's piece of a row's meta line for label (and code, the
 * status) to b, rendered through partials/row_meta.tpl. 0 or -1. */
static int render_meta(struct buf *b, int kind, const char *label,
                       const char *code)
{
	tdict *d = tdict_new("row_meta"), *sec;
	int rc;

	if (d == NULL)
		return -1;
	sec = tdict_add_section(d, meta_sections[kind]);
	tdict_set(sec, "LABEL", label);
	if (code != NULL)
		tdict_set(sec, "CODE", code);
	rc = tpl_expand("partials/row_meta.tpl", d, b);
	tdict_free(d);
	return rc;
}

/* Append the piece of a list row's meta line: kind's <div> for label (and
 * code, the status), rendered once through partials/row_meta.tpl and kept
 * under its values (the pieces depend on nothing else); the same values
 * as the row before come from memo. 0 or -1. */
static int meta_piece(struct request *r, struct buf *out,
                      struct page_row_memo *memo, int kind, const char *label,
                      const char *code)
{
	char key[320];
	size_t nl = strlen(label), nc = code != NULL ? strlen(code) : 0;
	int keyed = nl + nc + 3 < sizeof(key);
	struct frag f;
	struct buf b = {0};
	const char *piece;
	size_t len;
	int rc;

	if (memo->label[kind] != NULL &&
	    strcmp(memo->label[kind], label) == 0 &&
	    strcmp(memo->code[kind], code != NULL ? code : "") == 0)
		return buf_put(out, memo->piece[kind], memo->len[kind]);
	if (keyed) {
		key[0] = (char)('0' + kind);
		memcpy(key + 1, label, nl);
		key[1 + nl] = '\x1f';
		memcpy(key + 2 + nl, code != NULL ? code : "", nc);
		key[2 + nl + nc] = '\0';
	}
	if (keyed && frag_get(r, key, &f)) {
		piece = f.s[0];
		len = f.len[0];
	} else {
		rc = render_meta(&b, kind, label, code);
		piece = b.data != NULL ? buf_cstr(&b) : "";
		len = b.len;
		if (rc == 0 && keyed) {
			rc = frag_put(r, key, &piece, &len, 1, &f);
			piece = f.s[0];
		} else if (rc ==
		           0) { /* a name too long to key: this row only */
			piece = arena_strndup(r->arena, piece, len);
			rc = piece != NULL ? 0 : -1;
		}
		buf_free(&b);
		if (rc < 0)
			return -1;
	}
	memo->label[kind] = label;
	memo->code[kind] = code != NULL ? code : "";
	memo->piece[kind] = piece;
	memo->len[kind] = len;
	return buf_put(out, piece, len);
}

/* An entry of the stored row names: code, name, its meta piece. */
enum { NM_CODE, NM_NAME, NM_PIECE, NM__N };

/* The fragment keys of the row names, by enum row_master. */
static const char *const names_keys[RN__MAX] = {"rn:form", "rn:dept",
                                                "rn:status"};

/* Read master m's names, render each one's meta piece (kind 1 + m) and
 * keep them under names_keys[m]. */
static enum mstatus names_store(struct request *r, enum row_master m,
                                struct frag *out)
{
	struct name_table t;
	const char **s;
	struct buf b = {0};
	enum mstatus ms = projects_row_names(r->db, r->arena, m, &t);

	if (ms != MS_OK)
		return ms;
	if ((s = arena_alloc(r->arena, (t.n * NM__N + 1) * sizeof(*s))) == NULL)
		return MS_NOMEM;
	for (size_t i = 0; i < t.n && ms == MS_OK; i++) {
		const char *code = t.s[i * t.stride];

		s[i * NM__N + NM_CODE] = code;
		s[i * NM__N + NM_NAME] = t.s[i * t.stride + 1];
		buf_clear(&b);
		if (render_meta(&b, 1 + (int)m, s[i * NM__N + NM_NAME],
		                m == RN_STATUS ? code : NULL) < 0)
			ms = MS_DB; /* a broken template: a 500 */
		else if ((s[i * NM__N + NM_PIECE] = arena_strndup(
		              r->arena, b.data != NULL ? b.data : "", b.len)) ==
		         NULL)
			ms = MS_NOMEM;
	}
	buf_free(&b);
	if (ms == MS_OK &&
	    frag_put(r, names_keys[m], s, NULL, t.n * NM__N, out) < 0)
		ms = MS_NOMEM;
	return ms;
}

enum mstatus page_row_names(struct request *r, struct row_names *out)
{
	for (int m = 0; m < RN__MAX; m++) {
		struct frag f;
		enum mstatus ms;

		if (!frag_get(r, names_keys[m], &f) &&
		    (ms = names_store(r, (enum row_master)m, &f)) != MS_OK)
			return ms;
		out->t[m].s = f.s;
		out->t[m].n = f.n / NM__N;
		out->t[m].stride = NM__N;
	}
	return MS_OK;
}

/* Append the meta piece kept with master m's entry for code when its
 * name is label (page_row_names()), else render it through meta_piece().
 * A row read with the same names gives its entry (ix) and points at the
 * entry's own strings. 0 or -1. */
static int meta_named(struct request *r, struct buf *out,
                      struct page_row_memo *memo, enum row_master m, long ix,
                      const char *code, const char *label)
{
	const struct name_table *t = &memo->names.t[m];
	const char *const *e =
	    ix >= 0 && (size_t)ix < t->n ? t->s + (size_t)ix * t->stride : NULL;

	if (e == NULL || e[NM_CODE] != code || e[NM_NAME] != label) {
		ix = code != NULL ? name_table_find(t, code, strlen(code)) : -1;
		e = ix >= 0 ? t->s + (size_t)ix * t->stride : NULL;
		if (e == NULL || strcmp(e[NM_NAME], label) != 0)
			return meta_piece(r, out, memo, 1 + (int)m, label,
			                  m == RN_STATUS ? code : NULL);
	}
	return buf_puts(out, e[NM_PIECE]);
}

int page_row_meta(struct request *r, struct buf *out,
                  struct page_row_memo *memo, const struct project_row *row,
                  const char *year_label)
{
	buf_clear(out);
	if (!memo->have_names) {
		if (page_row_names(r, &memo->names) != MS_OK)
			return -1;
		memo->have_names = 1;
	}
	if (meta_piece(r, out, memo, 0, year_label, NULL) < 0 ||
	    meta_named(r, out, memo, RN_FORM, row->name_ix[RN_FORM],
	               row->form_code, row->form_name) < 0 ||
	    meta_named(r, out, memo, RN_DEPT, row->name_ix[RN_DEPT],
	               row->dept_code, row->dept_name) < 0 ||
	    meta_named(r, out, memo, RN_STATUS, row->name_ix[RN_STATUS],
	               row->status_code, row->status_name) < 0)
		return -1;
	return 0;
}
