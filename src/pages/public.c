/* The top page, and what the public pages share: breadcrumbs, the pager,
 * links that keep a list's filters, query validation. */
#include <stdio.h>
#include <string.h>

#include "model/master.h"
#include "model/projects.h"
#include "pages/pages.h"
#include "server/config.h"
#include "util/log.h"
#include "view/format.h"

/* How many latest projects the top page shows. */
#define HOME_LATEST 6

void page_crumbs(struct page *p, const char *const *labels,
                 const char *const *urls, size_t nparents, const char *current)
{
	tdict *c = tdict_add_section(p->top, "CRUMBS");
	tdict *row = tdict_add_section(c, "CRUMB");

	tdict_set(row, "URL", "/");
	tdict_set(row, "LABEL", "トップ");
	for (size_t i = 0; i < nparents; i++) {
		row = tdict_add_section(c, "CRUMB");
		tdict_set(row, "URL", urls[i]);
		tdict_set(row, "LABEL", labels[i]);
	}
	tdict_set(c, "CURRENT", current);
}

/* n in decimal into buf (at least 21 bytes); returns where it starts. */
static const char *fmt_digits(char buf[24], long long n)
{
	char *p = buf + 23;
	unsigned long long u =
	    n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

	*p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (n < 0)
		*--p = '-';
	return p;
}

/* 1 when c may appear unescaped in a query component. */
static int url_safe(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	       c == '~';
}

char *page_url(struct arena *a, const char *path, const struct kv *params,
               size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = {0};
	char sep = '?';
	char *out;

	buf_puts(&b, path);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *v = (const unsigned char *)params[i].value;

		if (v == NULL || *v == '\0')
			continue;
		buf_put(&b, &sep, 1);
		buf_puts(&b, params[i].name);
		buf_put(&b, "=", 1);
		sep = '&';
		while (*v) {
			const unsigned char *run = v;

			while (*v && url_safe(*v))
				v++;
			if (v > run)
				buf_put(&b, run, (size_t)(v - run));
			if (*v) {
				char e[3] = {'%', hex[*v >> 4], hex[*v & 15]};

				buf_put(&b, e, 3);
				v++;
			}
		}
	}
	out = b.data != NULL ? arena_strndup(a, b.data, b.len) : NULL;
	buf_free(&b);
	return out;
}

/* The URL of page num of a list: params[n - 1] is the "page" slot, left
 * out for page 1. */
static const char *pager_url(struct request *r, const char *path,
                             struct kv *params, size_t n, long long num)
{
	char digits[24];

	/* the digits live until page_url() has copied them */
	params[n - 1].value = num > 1 ? fmt_digits(digits, num) : NULL;
	return page_url(r->arena, path, params, n);
}

/* Add one numbered link (current or not) to the pager. */
static void pager_link(struct request *r, tdict *pg, const char *path,
                       struct kv *params, size_t n, long long num, int current)
{
	tdict *d = tdict_add_section(pg, "PAGE");
	tdict *l = tdict_add_section(d, current ? "CURRENT" : "LINK");

	tdict_set(l, "URL", pager_url(r, path, params, n, num));
	tdict_set_int(l, "N", num);
}

void page_pager(struct request *r, tdict *body, const char *path,
                struct kv *params, size_t n, long long total, long long page,
                int page_size)
{
	long long last =
	    page_size > 0 ? (total + page_size - 1) / page_size : 1;
	long long from = page - 2 > 1 ? page - 2 : 1;
	long long to = page + 2 < last ? page + 2 : last;
	const char *keep = params[n - 1].value;
	tdict *pg;

	if (last <= 1)
		return; /* no include dictionary: {{>PAGER}} shows nothing */
	pg = tdict_add_include(body, "PAGER", "partials/pager.tpl");
	if (page > 1)
		tdict_set(tdict_add_section(pg, "PREV"), "URL",
		          pager_url(r, path, params, n, page - 1));
	if (from > 1) {
		pager_link(r, pg, path, params, n, 1, 0);
		if (from > 2)
			tdict_show(tdict_add_section(pg, "PAGE"), "GAP");
	}
	for (long long i = from; i <= to; i++)
		pager_link(r, pg, path, params, n, i, i == page);
	if (to < last) {
		if (to < last - 1)
			tdict_show(tdict_add_section(pg, "PAGE"), "GAP");
		pager_link(r, pg, path, params, n, last, 0);
	}
	if (page < last)
		tdict_set(tdict_add_section(pg, "NEXT"), "URL",
		          pager_url(r, path, params, n, page + 1));
	params[n - 1].value = keep;
}

int page_list_size(const struct request *r)
{
	return r->cfg->page_size > 0 ? r->cfg->page_size : 20;
}

int page_past_last(struct request *r, long long page, long long total,
                   int page_size, const char *what)
{
	long long pages = (total + page_size - 1) / page_size;

	if (page <= 1 || page <= pages)
		return 0;
	page_error(r, 404,
	           arena_printf(r->arena,
	                        "指定されたページはありません。この条件の"
	                        "%sは全%lldページです。",
	                        what, pages));
	return 1;
}

void page_range(tdict *d, long long total, long long page, int page_size,
                size_t n, int capped)
{
	if (!capped)
		tdict_show(d, "HAS_RESULTS");
	tdict_set_int(d, "TOTAL", total);
	tdict_set_int(d, "FROM", (page - 1) * page_size + 1);
	tdict_set_int(d, "TO", (page - 1) * page_size + (long long)n);
}

void page_keep(struct kv *keep, const struct field *fields,
               const struct fieldval *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		keep[i].name = fields[i].name;
		keep[i].value = v[i].present ? v[i].text : NULL;
	}
}

enum hstatus page_bad_query(struct request *r, const struct fieldval *v,
                            size_t n, const char *extra)
{
	struct buf b = {0};

	for (size_t i = 0; i < n; i++)
		if (v[i].error != NULL)
			buf_puts(&b, v[i].error);
	if (extra != NULL)
		buf_puts(&b, extra);
	page_error(r, 400,
	           b.len ? buf_cstr(&b) : "検索条件の指定が正しくありません。");
	buf_free(&b);
	return HS_OK;
}

const char *page_code_in(const struct code_list *l, const char *code)
{
	for (size_t i = 0; code != NULL && i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return l->v[i].name;
	return NULL;
}

/* 1 when form field key is name itself or a numbered row of it
 * (name_1, name_2 …). */
static int field_of(const char *key, const char *name)
{
	size_t n = strlen(name);

	return strncmp(key, name, n) == 0 &&
	       (key[n] == '\0' ||
	        (key[n] == '_' && key[n + 1] >= '0' && key[n + 1] <= '9'));
}

struct code_list *page_with_chosen(struct arena *a,
                                   const struct code_list *active,
                                   const struct code_list *all,
                                   const struct kvlist *vals, const char *name,
                                   const char *mark)
{
	struct code_list *l = arena_alloc(a, sizeof(*l));
	size_t cap;

	if (l == NULL || active == NULL || all == NULL)
		return NULL;
	cap = active->n + 1;
	l->v = arena_alloc(a, cap * sizeof(*l->v));
	if (l->v == NULL)
		return NULL;
	if (active->n > 0)
		memcpy(l->v, active->v, active->n * sizeof(*l->v));
	l->n = active->n;
	for (size_t i = 0; vals != NULL && i < vals->n; i++) {
		const char *v = vals->v[i].value;
		const char *shown;

		if (!field_of(vals->v[i].name, name) || page_code_in(l, v))
			continue;
		if ((shown = page_code_in(all, v)) == NULL)
			continue;
		if (model_grow(a, (void **)&l->v, &cap, l->n, sizeof(*l->v)) <
		    0)
			return NULL;
		l->v[l->n].code = v;
		l->v[l->n].name = arena_printf(a, "%s%s", shown, mark);
		if (l->v[l->n++].name == NULL)
			return NULL;
	}
	return l;
}

enum hstatus page_mstatus(enum mstatus ms)
{
	switch (ms) {
	case MS_OK: return HS_OK;
	case MS_NOTFOUND: return HS_NOTFOUND;
	case MS_NOMEM: return HS_NOMEM;
	case MS_DB:
	case MS__MAX: break;
	}
	return HS_DB;
}

void page_set_id(tdict *d, const char *key, long long n)
{
	char buf[24];

	tdict_set(d, key, fmt_digits(buf, n));
}

int page_fill_rows(struct request *r, tdict *d, const char *section,
                   const struct project_row *rows, size_t n, unsigned what)
{
	int last_year = 0;       /* rows come grouped by year: format once */
	const char *year = NULL; /* its label */
	struct buf meta = {0};
	struct page_row_memo memo = {0};

	for (size_t i = 0; i < n; i++) {
		tdict *row = tdict_add_section(d, section);

		if (year == NULL || rows[i].year != last_year) {
			last_year = rows[i].year;
			year = fmt_fiscal_year(r->arena, last_year);
			if (year == NULL)
				return -1;
		}
		page_set_id(row, "ID", rows[i].id);
		tdict_set(row, "TITLE", rows[i].title);
		if (what & ROW_META) {
			if (page_row_meta(r, &meta, &memo, &rows[i], year) <
			    0) {
				buf_free(&meta);
				return -1;
			}
			tdict_set_trusted_markup(row, "META", buf_cstr(&meta));
		} else {
			tdict_set(row, "YEAR_LABEL", year);
		}
		if (what & ROW_FORM)
			tdict_set(row, "FORM_NAME", rows[i].form_name);
		if (what & ROW_DEPT)
			tdict_set(row, "DEPT_NAME", rows[i].dept_name);
		if (what & ROW_STATUS) {
			tdict_set(row, "STATUS_CODE", rows[i].status_code);
			tdict_set(row, "STATUS_LABEL", rows[i].status_name);
		}
		if ((what & ROW_SUMMARY) && rows[i].summary[0] != '\0') {
			tdict *s = tdict_add_section(row, "SUMMARY_SECTION");

			tdict_set(s, "SUMMARY", rows[i].summary);
		}
		if ((what & ROW_PARTNERS) && rows[i].partners[0] != '\0') {
			tdict_show(row, "HAS_PARTNERS");
			tdict_set(row, "PARTNERS", rows[i].partners);
		}
		if ((what & ROW_ROLE) && rows[i].role_name[0] != '\0') {
			tdict_show(row, "HAS_ROLE");
			tdict_set(row, "ROLE", rows[i].role_name);
		}
	}
	buf_free(&meta);
	return 0;
}

enum hstatus page_home(struct request *r)
{
	struct page p;
	tdict *d;
	int year = config_fiscal_year(r->cfg);
	struct form_count *counts;
	struct project_row *latest;
	struct row_names names;
	size_t ncounts, nlatest;
	long long total;
	enum mstatus ms;
	const char *ylabel = fmt_fiscal_year(r->arena, year);
	const char *empty_label = NULL; /* the current year, when empty */

	if (ylabel == NULL)
		return HS_NOMEM;
	if ((ms = projects_count_by_form(r->db, r->arena, year, &counts,
	                                 &ncounts, &total)) != MS_OK)
		return page_mstatus(ms);
	if (total == 0) {
		/* Early in a fiscal year nothing is published yet: show the
		 * newest year that has projects, and say so. */
		int *years;
		size_t nyears;

		if ((ms = projects_years(r->db, r->arena, &years, &nyears)) !=
		    MS_OK)
			return page_mstatus(ms);
		if (nyears > 0 && years[0] < year) {
			empty_label = ylabel;
			year = years[0];
			ylabel = fmt_fiscal_year(r->arena, year);
			if (ylabel == NULL)
				return HS_NOMEM;
			if ((ms = projects_count_by_form(r->db, r->arena, year,
			                                 &counts, &ncounts,
			                                 &total)) != MS_OK)
				return page_mstatus(ms);
		}
	}
	if ((ms = page_row_names(r, &names)) != MS_OK ||
	    (ms = projects_latest(r->db, r->arena, &names, HOME_LATEST, &latest,
	                          &nlatest)) != MS_OK)
		return page_mstatus(ms);

	d = page_begin(r, &p, "トップ", "public/home.tpl");
	if (d == NULL)
		return HS_NOMEM;
	page_nav(&p, "home");
	tdict_set(d, "YEAR_LABEL", ylabel);
	tdict_set_int(d, "YEAR", year);
	tdict_set_int(d, "TOTAL", total);
	if (empty_label != NULL)
		tdict_set(tdict_add_section(d, "NOT_YET"), "CURRENT_LABEL",
		          empty_label);
	if (total > 0) {
		tdict *sec = tdict_add_section(d, "FORM_COUNTS");

		for (size_t i = 0; i < ncounts; i++) {
			tdict *row = tdict_add_section(sec, "FORM_COUNT");

			tdict_set(row, "CODE", counts[i].code);
			tdict_set(row, "NAME", counts[i].name);
			tdict_set_int(row, "COUNT", counts[i].n);
		}
	} else {
		tdict_show(d, "NO_COUNTS");
	}
	if (nlatest > 0) {
		tdict *sec = tdict_add_section(d, "LATEST_LIST");

		if (page_fill_rows(r, sec, "LATEST", latest, nlatest,
		                   ROW_FORM | ROW_DEPT | ROW_SUMMARY) < 0) {
			tdict_free(p.top);
			return HS_NOMEM;
		}
	} else {
		tdict_show(d, "NO_LATEST");
	}
	if ((ms = page_home_master(r, d)) != MS_OK) {
		tdict_free(p.top);
		return page_mstatus(ms);
	}
	return page_end(r, &p);
}
