/* Pages inside the layout; the error page. */
#include "view/page.h"

#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "server/config.h"
#include "util/log.h"

tdict *page_begin(struct request *r, struct page *p, const char *title,
                  const char *body_tpl)
{
	const char *city = r->cfg != NULL ? r->cfg->city_name : "";

	p->top = tdict_new("layout");
	if (p->top == NULL)
		return NULL;
	tdict_set(p->top, "TITLE", title);
	tdict_set_global(p->top, "CITY_NAME", city);
	tdict_set(p->top, "REQUEST_ID", r->request_id);
	tdict_set(p->top, "PATH", r->path);
	auth_page_vars(r, p->top); /* CSRF_TOKEN, LOGGED_IN / LOGGED_OUT */
	p->body = tdict_add_include(p->top, "BODY", body_tpl);
	return p->body;
}

void page_nav(struct page *p, const char *item)
{
	char section[64];

	snprintf(section, sizeof(section), "NAV_%s_CURRENT", item);
	for (char *c = section; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	tdict_show(p->top, section);
}

enum hstatus page_end(struct request *r, struct page *p)
{
	int rc = tpl_expand("layout.tpl", p->top, &r->out);

	tdict_free(p->top);
	p->top = p->body = NULL;
	if (rc < 0) {
		log_err("request %s: template expansion failed for %s",
		        r->request_id, r->path);
		buf_clear(&r->out);
		return HS_ERROR;
	}
	r->content_type_out = "text/html; charset=utf-8";
	return HS_OK;
}

void page_error(struct request *r, int status, const char *message)
{
	struct page p;
	tdict *d;
	char title[64];

	buf_clear(&r->out);
	r->status = status;
	r->content_type_out = "text/html; charset=utf-8";
	snprintf(title, sizeof(title), "エラー %d", status);
	d = page_begin(r, &p, title, "error.tpl");
	if (d != NULL) {
		tdict_set_int(d, "STATUS", status);
		tdict_set(d, "MESSAGE", message);
		tdict_set(d, "REQUEST_ID", r->request_id);
		if (page_end(r, &p) == HS_OK)
			return;
	}
	/* The layout itself failed: a plain page, still with the id. */
	buf_clear(&r->out);
	buf_printf(&r->out,
	           "<!DOCTYPE html><html lang=\"ja\"><meta charset=\"utf-8\">"
	           "<title>エラー %d</title><main><h1>エラー %d</h1>"
	           "<p>受付番号: %s</p></main></html>\n",
	           status, status, r->request_id);
}
