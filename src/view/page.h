/* A page = the layout (templates/layout.tpl) around a body template. */
#ifndef KYODO_PAGE_H
#define KYODO_PAGE_H
#include "http/request.h"
#include "http/router.h"
#include "view/template.h"

/* A page being built. */
struct page {
	tdict *top;  /* layout dictionary (title, nav, request id …) */
	tdict *body; /* include dictionary of the body template: fill this */
};

/* Start a page titled title (shown as "title | city 協働ポータル") whose main
 * content is body_tpl (a path under templates/, e.g. "public/project.tpl").
 * Returns the body dictionary, or NULL when out of memory. */
tdict *page_begin(struct request *r, struct page *p, const char *title,
                  const char *body_tpl);
/* Mark the current navigation item ("home", "projects", "groups", "forms"). */
void page_nav(struct page *p, const char *item);
/* Expand the page into r->out as text/html, free the dictionaries and return
 * HS_OK, or HS_ERROR when a template failed. */
enum hstatus page_end(struct request *r, struct page *p);
/* Render the error page for status (4xx/5xx) with a Japanese message. */
void page_error(struct request *r, int status, const char *message);
#endif
