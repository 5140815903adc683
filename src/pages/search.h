/* The keyword box of the public lists (/projects?q=, /groups?q=): the
 * query field's validator, what the query asks for, and the template
 * values of a search (templates/partials/search_notes.tpl). */
#ifndef KYODO_PAGES_SEARCH_H
#define KYODO_PAGES_SEARCH_H
#include "http/router.h"
#include "model/search.h"
#include "util/validate.h"
#include "view/template.h"

/* What a list page does with its q field. */
enum search_mode {
	SEARCH_NONE,  /* no query: the plain list */
	SEARCH_ON,    /* search (the query parsed) */
	SEARCH_SHORT, /* a one-character word: say so, list nothing */
	SEARCH_DONE,  /* 400 answered (too many words) */
	SEARCH_NOMEM, /* out of memory */
};

/* Validator of the q field: at most f->max characters, one line, no
 * control characters. */
const char *v_search(struct arena *a, const struct field *f, const char *raw,
                     struct fieldval *v);

/* Parse the validated q field v into *q and tell the page what to do; on
 * SEARCH_DONE the 400 page is made. */
enum search_mode page_search_parse(struct request *r, const struct fieldval *v,
                                   struct search_query *q);

/* The heading of a search: `"防災" を含む協働事業`, `"防災" と "訓練" を
 * 含む団体` (noun: 協働事業, 団体). Arena memory, NULL when out of memory. */
const char *page_search_title(struct arena *a, const struct search_query *q,
                              const char *noun);

/* Fill d for a search: {{>SEARCH_NOTES}} (the one-character notice, the
 * note on the cap, the empty result) and, with results over the
 * cap, section MANY_RESULTS with CAP. nrows: rows on this page; noun:
 * what is listed (協働事業, 団体). */
void page_search_fill(struct request *r, tdict *d, enum search_mode m,
                      const struct search_query *q,
                      const struct search_total *t, size_t nrows,
                      const char *noun);
#endif
