/* /forms and /forms/:code: the forms of collaboration (形態) and the
 * domain axis (領域) 市民主体 → … → 行政主体 drawn as inline SVG. The SVG
 * is the only markup the portal produces outside a template (through
 * tdict_set_trusted_markup): every label in it goes through xml_escape(). */
#include <stdio.h>
#include <string.h>

#include "model/master.h"
#include "model/projects.h"
#include "pages/pages.h"
#include "util/buf.h"
#include "view/format.h"

/* How many example projects a form's page lists. */
#define FORM_EXAMPLES 6

/* Colours (the デジタル庁 palette, as presentation attributes: CSP allows
 * those, unlike style=""). */
#define C_CITIZEN   "#c2e5d1" /* green-100: the citizens' part of the band */
#define C_CITIZEN_T "#08351f" /* green-1100: its label */
#define C_CITY      "#c5d7fb" /* blue-200: the city's part */
#define C_CITY_T    "#000071" /* blue-1100: its label */
#define C_BOX       "#ffffff" /* a domain outside 狭義の協働 */
#define C_NARROW    "#e8f1fe" /* blue-50: a domain of 狭義の協働 */
#define C_LINE      "#767676" /* box outline */
#define C_TEXT      "#1a1a1a" /* labels */
#define C_HI        "#0017c1" /* blue-900: the highlighted domain */

/* Append s with &, <, >, " and ' replaced by entities. */
static void xml_escape(struct buf *b, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_put(b, s, 1);
		}
	}
}

/* Split a label at its first full-width parenthesis: "協力（双方同等）" →
 * main "協力", sub "（双方同等）" (sub is "" when there is none). main is
 * copied into mbuf (size mlen). */
static const char *split_label(const char *label, char *mbuf, size_t mlen)
{
	const char *p = strstr(label, "（");
	size_t n = p != NULL ? (size_t)(p - label) : strlen(label);

	if (n >= mlen)
		n = mlen - 1;
	memcpy(mbuf, label, n);
	mbuf[n] = '\0';
	return p != NULL && p != label ? p : "";
}

/* One text element centred at (x, y); label escaped. */
static void text(struct buf *b, int x, int y, int size, int bold,
                 const char *fill, const char *label)
{
	buf_printf(b,
	           "<text x=\"%d\" y=\"%d\" font-size=\"%d\" "
	           "text-anchor=\"middle\" fill=\"%s\"%s>",
	           x, y, size, fill, bold ? " font-weight=\"700\"" : "");
	xml_escape(b, label);
	buf_puts(b, "</text>");
}

/* The band in the rectangle (x0, y0)–(x1, y1): the citizens' part (upper
 * left triangle) shrinks as the city's part (lower right) grows. */
static void band(struct buf *b, int x0, int y0, int x1, int y1)
{
	buf_printf(b,
	           "<polygon points=\"%d,%d %d,%d %d,%d\" "
	           "fill=\"%s\"/>",
	           x0, y0, x1, y0, x0, y1, C_CITIZEN);
	buf_printf(b,
	           "<polygon points=\"%d,%d %d,%d %d,%d\" "
	           "fill=\"%s\"/>",
	           x1, y0, x1, y1, x0, y1, C_CITY);
}

/* The box of domain dd at (x, y), w × h: filled by kind, outlined
 * thick when highlighted, dashed when the domain is optional (参画). */
static void box(struct buf *b, int x, int y, int w, int h,
                const struct axis_domain *dd)
{
	const char *fill = dd->highlight ? C_HI : dd->narrow ? C_NARROW : C_BOX;

	buf_printf(b,
	           "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
	           "height=\"%d\" rx=\"6\" fill=\"%s\" stroke=\"%s\" "
	           "stroke-width=\"%d\"%s/>",
	           x, y, w, h, fill, dd->highlight ? C_HI : C_LINE,
	           dd->highlight ? 3 : 1,
	           dd->optional && !dd->highlight ? " stroke-dasharray=\"6 4\""
	                                          : "");
}

/* The accessible name: the domains in order, which are 狭義の協働, and the
 * highlighted one. */
static void aria_label(struct buf *b, const struct axis_domain *d, size_t n,
                       const char *what)
{
	int first = 1;

	buf_puts(b, "協働の領域。市民の関わりが大きい順に、");
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, "、");
		xml_escape(b, d[i].name);
	}
	buf_puts(b, "。このうち狭義の協働は");
	for (size_t i = 0; i < n; i++) {
		if (!d[i].narrow)
			continue;
		if (!first)
			buf_puts(b, "・");
		xml_escape(b, d[i].name);
		first = 0;
	}
	buf_puts(b, "。");
	for (size_t i = 0; i < n; i++) {
		if (!d[i].highlight)
			continue;
		buf_puts(b, "「");
		xml_escape(b, what != NULL ? what : "");
		buf_puts(b, "」の領域は");
		xml_escape(b, d[i].name);
		buf_puts(b, "。");
	}
}

/* The wide picture: the band on top, the domains in a row under it, the
 * bracket of 狭義の協働 over the band. */
static void draw_wide(struct buf *b, const struct axis_domain *d, size_t n,
                      const char *label)
{
	const int W = 800, x0 = 10, gap = 8;
	const int bw = (780 - gap * (int)(n - 1)) / (int)n;
	const int x1 = x0 + (int)n * bw + (int)(n - 1) * gap; /* right edge */
	const int by0 = 58, by1 = 128;                        /* band */
	const int ry0 = 140, ry1 = 206;                       /* domain boxes */
	int any_hi = 0;
	size_t fn = n, ln = 0;

	for (size_t i = 0; i < n; i++) {
		if (d[i].narrow) {
			if (fn == n)
				fn = i;
			ln = i;
		}
		any_hi |= d[i].highlight;
	}
	buf_printf(b,
	           "<svg class=\"axis axis--wide\" "
	           "xmlns=\"http://www.w3.org/2000/svg\" "
	           "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
	           W, any_hi ? 252 : 222);
	aria_label(b, d, n, label);
	buf_puts(b, "\"><title>");
	aria_label(b, d, n, label);
	buf_puts(b, "</title>");
	/* bracket over 狭義の協働 */
	if (fn < n) {
		int bx0 = x0 + (int)fn * (bw + gap);
		int bx1 = x0 + (int)ln * (bw + gap) + bw;

		buf_printf(b,
		           "<path d=\"M%d 48 V36 H%d V48\" fill=\"none\" "
		           "stroke=\"" C_HI "\" stroke-width=\"3\"/>",
		           bx0 + 2, bx1 - 2);
		buf_printf(
		    b,
		    "<rect x=\"%d\" y=\"14\" width=\"160\" height=\"30\" "
		    "rx=\"4\" fill=\"#ffffff\"/>",
		    (bx0 + bx1) / 2 - 80);
		text(b, (bx0 + bx1) / 2, 34, 18, 1, C_HI, "狭義の協働");
	}
	/* the band: citizens' part shrinks from left to right */
	band(b, x0, by0, x1, by1);
	buf_printf(
	    b,
	    "<text x=\"%d\" y=\"%d\" font-size=\"17\" font-weight=\"700\" "
	    "fill=\"" C_CITIZEN_T "\">市民の関わり</text>",
	    x0 + 12, by0 + 26);
	buf_printf(
	    b,
	    "<text x=\"%d\" y=\"%d\" font-size=\"17\" font-weight=\"700\" "
	    "text-anchor=\"end\" fill=\"" C_CITY_T "\">市の関わり</text>",
	    x1 - 12, by1 - 12);
	for (size_t i = 1; i < n; i++) {
		int x = x0 + (int)i * (bw + gap) - gap / 2;

		buf_printf(b,
		           "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		           "stroke=\"#ffffff\" stroke-width=\"2\" "
		           "stroke-dasharray=\"4 4\"/>",
		           x, by0, x, by1);
	}
	/* the domains */
	for (size_t i = 0; i < n; i++) {
		int x = x0 + (int)i * (bw + gap), cx = x + bw / 2;
		const char *tfill = d[i].highlight ? "#ffffff" : C_TEXT;
		char main_label[128];
		const char *sub =
		    split_label(d[i].name, main_label, sizeof(main_label));

		box(b, x, ry0, bw, ry1 - ry0, &d[i]);
		if (*sub) {
			text(b, cx, ry0 + 30, 19, 1, tfill, main_label);
			text(b, cx, ry0 + 53, 14, 0, tfill, sub);
		} else {
			text(b, cx, ry0 + 40, 19, 1, tfill, main_label);
		}
		if (d[i].highlight) {
			buf_printf(
			    b,
			    "<path d=\"M%d %d l-9 14 h18 z\" fill=\"" C_HI
			    "\"/>",
			    cx, ry1 + 6);
			text(b, cx, ry1 + 40, 17, 1, C_HI, "この形態");
		}
	}
	buf_puts(b, "</svg>");
}

/* The tall picture for phones: the band on the left, one domain per row,
 * the bracket of 狭義の協働 on the right with its label written vertically. */
static void draw_tall(struct buf *b, const struct axis_domain *d, size_t n,
                      const char *label)
{
	const int W = 360, rh = 62, gap = 8, y0 = 8;
	const int bx0 = 4, bx1 = 68;   /* band */
	const int rx0 = 80, rx1 = 300; /* domain boxes */
	const int H = y0 * 2 + (int)n * rh + (int)(n - 1) * gap;
	const int yend = y0 + (int)n * rh + (int)(n - 1) * gap;
	size_t fn = n, ln = 0;

	for (size_t i = 0; i < n; i++)
		if (d[i].narrow) {
			if (fn == n)
				fn = i;
			ln = i;
		}
	buf_printf(b,
	           "<svg class=\"axis axis--tall\" "
	           "xmlns=\"http://www.w3.org/2000/svg\" "
	           "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
	           W, H);
	aria_label(b, d, n, label);
	buf_puts(b, "\"><title>");
	aria_label(b, d, n, label);
	buf_puts(b, "</title>");
	band(b, bx0, y0, bx1, yend);
	buf_printf(
	    b,
	    "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"700\" "
	    "fill=\"" C_CITIZEN_T "\" writing-mode=\"tb\">市民の関わり</text>",
	    bx0 + 14, y0 + 10);
	buf_printf(
	    b,
	    "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-weight=\"700\" "
	    "fill=\"" C_CITY_T "\" writing-mode=\"tb\" text-anchor=\"end\">"
	    "市の関わり</text>",
	    bx1 - 14, yend - 10);
	for (size_t i = 0; i < n; i++) {
		int y = y0 + (int)i * (rh + gap), cx = (rx0 + rx1) / 2;
		const char *tfill = d[i].highlight ? "#ffffff" : C_TEXT;
		char main_label[128];
		const char *sub =
		    split_label(d[i].name, main_label, sizeof(main_label));

		box(b, rx0, y, rx1 - rx0, rh, &d[i]);
		if (d[i].highlight) {
			/* "この形態" in a tab on the box's left edge */
			buf_printf(
			    b,
			    "<path d=\"M%d %d l-8 -8 v16 z\" fill=\"" C_HI
			    "\"/>",
			    rx0 - 2, y + rh / 2);
		}
		if (*sub) {
			text(b, cx, y + 27, 18, 1, tfill, main_label);
			text(b, cx, y + 49, 14, 0, tfill, sub);
		} else {
			text(b, cx, y + rh / 2 + 7, 18, 1, tfill, main_label);
		}
		if (i + 1 < n) {
			int ly = y + rh + gap / 2;

			buf_printf(b,
			           "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
			           "y2=\"%d\" "
			           "stroke=\"#ffffff\" stroke-width=\"2\" "
			           "stroke-dasharray=\"4 4\"/>",
			           bx0, ly, bx1, ly);
		}
	}
	if (fn < n) {
		int t = y0 + (int)fn * (rh + gap) + 2;
		int e = y0 + (int)ln * (rh + gap) + rh - 2;

		buf_printf(b,
		           "<path d=\"M310 %d H322 V%d H310\" fill=\"none\" "
		           "stroke=\"" C_HI "\" stroke-width=\"3\"/>",
		           t, e);
		buf_printf(b,
		           "<text x=\"340\" y=\"%d\" font-size=\"17\" "
		           "font-weight=\"700\" "
		           "fill=\"" C_HI
		           "\" writing-mode=\"tb\" text-anchor=\"middle\">",
		           (t + e) / 2);
		xml_escape(b, "狭義の協働");
		buf_puts(b, "</text>");
	}
	buf_puts(b, "</svg>");
}

char *forms_axis_svg(struct arena *a, const struct axis_domain *d, size_t n,
                     const char *label)
{
	struct buf b = {0};
	char *out;

	if (n == 0)
		return arena_strdup(a, "");
	draw_wide(&b, d, n, label);
	draw_tall(&b, d, n, label);
	out = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return out;
}

/* The axis for domains d[0..n), the one with code hi (may be NULL)
 * highlighted for the form named label. */
static char *axis_for(struct request *r, const struct domain *d, size_t n,
                      const char *hi, const char *label)
{
	struct axis_domain *ax =
	    arena_alloc(r->arena, (n ? n : 1) * sizeof(*ax));

	if (ax == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		ax[i].name = d[i].name;
		ax[i].narrow = d[i].narrow;
		ax[i].optional = d[i].optional;
		ax[i].highlight = hi != NULL && strcmp(hi, d[i].code) == 0;
	}
	return forms_axis_svg(r->arena, ax, n, label);
}

/* Names of the 狭義の協働 domains joined by "・", and how many. */
static const char *narrow_names(struct arena *a, const struct domain *d,
                                size_t n, int *count)
{
	const char *s = "";

	*count = 0;
	for (size_t i = 0; i < n; i++) {
		if (!d[i].narrow)
			continue;
		s = *count ? arena_printf(a, "%s・%s", s, d[i].name)
		           : arena_printf(a, "「%s", d[i].name);
		if (s == NULL)
			return NULL;
		(*count)++;
	}
	return *count ? arena_printf(a, "%s」", s) : "";
}

enum hstatus page_forms(struct request *r)
{
	struct form *forms;
	struct domain *doms;
	size_t nforms, ndoms;
	enum mstatus ms;
	struct page p;
	tdict *d;
	const char *svg, *narrow;
	int nnarrow;
	struct frag fr;

	if ((ms = forms_list(r->db, r->arena, &forms, &nforms)) != MS_OK ||
	    (ms = domains_list(r->db, r->arena, &doms, &ndoms)) != MS_OK)
		return page_mstatus(ms);
	if (!frag_get(r, "axis", &fr)) {
		svg = axis_for(r, doms, ndoms, NULL, NULL);
		if (svg == NULL || frag_put(r, "axis", &svg, NULL, 1, &fr) < 0)
			return HS_NOMEM;
	}
	svg = fr.s[0];
	narrow = narrow_names(r->arena, doms, ndoms, &nnarrow);
	if (svg == NULL || narrow == NULL)
		return HS_NOMEM;

	d = page_begin(r, &p, "協働の形態", "forms/list.tpl");
	if (d == NULL)
		return HS_NOMEM;
	page_nav(&p, "forms");
	page_crumbs(&p, NULL, NULL, 0, "協働の形態");
	tdict_set_trusted_markup(d, "AXIS_SVG", svg);
	tdict_set(d, "NARROW_TEXT", narrow);
	tdict_set_int(d, "NARROW_COUNT", nnarrow);
	for (size_t i = 0; i < ndoms; i++) {
		tdict *row = tdict_add_section(d, "DOMAIN");

		tdict_set(row, "NAME", doms[i].name);
		if (doms[i].narrow)
			tdict_show(row, "NARROW");
		if (doms[i].description[0] != '\0') {
			tdict_show(row, "HAS_DESC");
			tdict_set(row, "DESCRIPTION", doms[i].description);
		}
	}
	for (size_t i = 0; i < nforms; i++) {
		struct project_filter f = {.form = forms[i].code};
		tdict *row = tdict_add_section(d, "FORM");
		long long n;

		if ((ms = projects_count(r->db, &f, &n)) != MS_OK) {
			tdict_free(p.top);
			return page_mstatus(ms);
		}
		tdict_set(row, "CODE", forms[i].code);
		tdict_set(row, "NAME", forms[i].name);
		tdict_set_int(row, "COUNT", n);
		tdict_show(row, "HAS_DOMAIN");
		tdict_set(row, "DOMAIN_NAME", forms[i].domain_name);
		if (forms[i].description[0] != '\0') {
			tdict_show(row, "HAS_DESC");
			tdict_set(row, "DESCRIPTION", forms[i].description);
		}
		if (forms[i].caution[0] != '\0') {
			tdict_show(row, "HAS_CAUTION");
			tdict_set(row, "CAUTION", forms[i].caution);
		}
	}
	return page_end(r, &p);
}

/* 1 when code looks like a master code (a–z, 0–9, _; 1–64 bytes). */
static int code_ok(const char *code)
{
	size_t n = code != NULL ? strlen(code) : 0;

	return n > 0 && n <= 64 &&
	       strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* The stored master-data parts of a form's page. */
enum { FM_SVG, FM_STEPS, FM_OTHERS, FM_DOMAIN_DESC, FM__N };

/* Render the parts of form fm's page that depend only on master data —
 * the axis with its domain highlighted, the procedure, the other forms,
 * the description of its domain — or take them from the fragment store
 * (key "form:CODE"). */
static enum mstatus form_master(struct request *r, const struct form *fm,
                                struct frag *out)
{
	char key[80];
	struct form *forms;
	struct domain *doms;
	struct form_step *steps;
	size_t nforms, ndoms, nsteps;
	const char *s[FM__N] = {NULL, "", "", ""};
	struct buf steps_html = {0}, others = {0};
	enum mstatus ms;
	tdict *d;
	int rc = 0;

	snprintf(key, sizeof(key), "form:%s", fm->code);
	if (frag_get(r, key, out))
		return MS_OK;
	if ((ms = forms_list(r->db, r->arena, &forms, &nforms)) != MS_OK ||
	    (ms = domains_list(r->db, r->arena, &doms, &ndoms)) != MS_OK ||
	    (ms = form_steps(r->db, r->arena, fm->code, &steps, &nsteps)) !=
	        MS_OK)
		return ms;
	if ((s[FM_SVG] = axis_for(r, doms, ndoms, fm->domain_code, fm->name)) ==
	    NULL)
		return MS_NOMEM;
	for (size_t i = 0; i < ndoms; i++)
		if (strcmp(doms[i].code, fm->domain_code) == 0)
			s[FM_DOMAIN_DESC] = doms[i].description;
	if ((d = tdict_new("form_steps")) == NULL)
		return MS_NOMEM;
	if (nsteps > 0) {
		tdict *sec = tdict_add_section(d, "HAS_STEPS");

		for (size_t i = 0; i < nsteps; i++) {
			tdict *row = tdict_add_section(sec, "STEP");

			tdict_set(row, "NAME", steps[i].name);
			if (steps[i].optional)
				tdict_show(row, "OPTIONAL");
			if (steps[i].note[0] != '\0') {
				tdict_show(row, "HAS_NOTE");
				tdict_set(row, "NOTE", steps[i].note);
			}
		}
	}
	rc = tpl_expand("partials/form_steps.tpl", d, &steps_html);
	tdict_free(d);
	if (rc == 0 && (d = tdict_new("form_others")) != NULL) {
		for (size_t i = 0; i < nforms; i++) {
			tdict *row;

			if (strcmp(forms[i].code, fm->code) == 0)
				continue;
			row = tdict_add_section(d, "OTHER");
			tdict_set(row, "CODE", forms[i].code);
			tdict_set(row, "NAME", forms[i].name);
			tdict_set(row, "DOMAIN_NAME", forms[i].domain_name);
		}
		rc = tpl_expand("partials/form_others.tpl", d, &others);
		tdict_free(d);
	} else {
		rc = -1;
	}
	if (steps_html.data != NULL)
		s[FM_STEPS] = buf_cstr(&steps_html);
	if (others.data != NULL)
		s[FM_OTHERS] = buf_cstr(&others);
	ms = rc < 0                                      ? MS_DB
	     : frag_put(r, key, s, NULL, FM__N, out) < 0 ? MS_NOMEM
	                                                 : MS_OK;
	buf_free(&steps_html);
	buf_free(&others);
	return ms;
}

enum hstatus page_form(struct request *r)
{
	const char *code = req_param(r, 0);
	struct form fm;
	struct project_row *rows;
	struct row_names names;
	size_t nrows;
	struct frag fr;
	struct project_filter f = {0};
	long long count;
	enum mstatus ms;
	struct page p;
	tdict *d;
	static const char *const labels[] = {"協働の形態"};
	static const char *const urls[] = {"/forms"};

	ms = code_ok(code) ? form_get(r->db, r->arena, code, &fm) : MS_NOTFOUND;
	if (ms == MS_NOTFOUND) {
		page_error(
		    r, 404,
		    "お探しの協働の形態は見つかりませんでした。形態の一覧"
		    "からお選びください。");
		return HS_OK;
	}
	f.form = fm.code;
	if (ms != MS_OK || (ms = form_master(r, &fm, &fr)) != MS_OK ||
	    (ms = projects_count(r->db, &f, &count)) != MS_OK ||
	    (ms = page_row_names(r, &names)) != MS_OK ||
	    (ms = projects_list(r->db, r->arena, &names, &f, FORM_EXAMPLES, 0,
	                        &rows, &nrows)) != MS_OK)
		return page_mstatus(ms);

	d = page_begin(r, &p, fm.name, "forms/show.tpl");
	if (d == NULL)
		return HS_NOMEM;
	page_nav(&p, "forms");
	page_crumbs(&p, labels, urls, 1, fm.name);
	tdict_set(d, "CODE", fm.code);
	tdict_set(d, "NAME", fm.name);
	tdict_set_int(d, "COUNT", count);
	tdict_set_trusted_markup(d, "AXIS_SVG", fr.s[FM_SVG]);
	tdict_set_trusted_markup(d, "STEPS_HTML", fr.s[FM_STEPS]);
	tdict_set_trusted_markup(d, "OTHERS_HTML", fr.s[FM_OTHERS]);
	if (fm.domain_name[0] != '\0') {
		tdict_show(d, "HAS_DOMAIN");
		tdict_set(d, "DOMAIN_NAME", fm.domain_name);
	}
	if (fr.s[FM_DOMAIN_DESC][0] != '\0') {
		tdict_show(d, "HAS_DOMAIN_DESC");
		tdict_set(d, "DOMAIN_DESC", fr.s[FM_DOMAIN_DESC]);
	}
	if (fm.caution[0] != '\0') {
		tdict_show(d, "HAS_CAUTION");
		tdict_set(d, "CAUTION", fm.caution);
	}
	if (fm.description[0] != '\0') {
		tdict_show(d, "HAS_DESC");
		tdict_set(d, "DESCRIPTION", fm.description);
	}
	if (fm.examples[0] != '\0') {
		tdict_show(d, "HAS_EXAMPLES_TEXT");
		tdict_set(d, "EXAMPLES_TEXT", fm.examples);
	}
	if (fm.effect[0] != '\0') {
		tdict_show(d, "HAS_EFFECT");
		tdict_set(d, "EFFECT", fm.effect);
	}
	if (nrows > 0) {
		tdict *sec = tdict_add_section(d, "HAS_PROJECTS");

		if (page_fill_rows(r, sec, "PROJECT", rows, nrows, ROW_DEPT) <
		    0) {
			tdict_free(p.top);
			return HS_NOMEM;
		}
	} else {
		tdict_show(d, "NO_PROJECTS");
	}
	return page_end(r, &p);
}
