/* The keyword box of /projects and /groups: see search.h. */
#include "pages/search.h"

#include <stdio.h>
#include <string.h>

#include "pages/pages.h"
#include "util/buf.h"
#include "view/format.h"
#include "view/page.h"

const char *v_search(struct arena *a, const struct field *f, const char *raw,
                     struct fieldval *v)
{
	size_t n = utf8_chars(raw);

	for (const unsigned char *p = (const unsigned char *)raw; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return arena_printf(a,
			                    "%sに改行や制御文字は使えません。"
			                    "1行で入力してください。",
			                    f->label);
	if (f->max > 0 && n > (size_t)f->max)
		return arena_printf(a,
		                    "%sは%lld文字以内で入力してください（現在%"
		                    "zu文字）。",
		                    f->label, f->max, n);
	v->text = raw;
	return NULL;
}

enum search_mode page_search_parse(struct request *r, const struct fieldval *v,
                                   struct search_query *q)
{
	memset(q, 0, sizeof(*q));
	if (!v->present)
		return SEARCH_NONE;
	switch (search_parse(r->arena, v->text, q)) {
	case SQ_OK: return SEARCH_ON;
	case SQ_EMPTY: return SEARCH_NONE;
	case SQ_SHORT: return SEARCH_SHORT;
	case SQ_TOO_LONG:
		page_error(r, 400,
		           "キーワードは100文字以内で入力してください。");
		return SEARCH_DONE;
	case SQ_TOO_MANY:
		page_error(r, 400,
		           arena_printf(r->arena,
		                        "キーワードは%d語までにしてください"
		                        "（スペースで区切った語の数）。",
		                        SEARCH_MAX_WORDS));
		return SEARCH_DONE;
	case SQ_NOMEM: break;
	}
	return SEARCH_NOMEM;
}

const char *page_search_title(struct arena *a, const struct search_query *q,
                              const char *noun)
{
	struct buf b = {0};
	const char *s;

	for (size_t i = 0; i < q->nwords; i++)
		buf_printf(&b, "%s\"%s\"", i > 0 ? " と " : "", q->words[i]);
	buf_printf(&b, " を含む%s", noun);
	s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

void page_search_fill(struct request *r, tdict *d, enum search_mode m,
                      const struct search_query *q,
                      const struct search_total *t, size_t nrows,
                      const char *noun)
{
	tdict *n;

	if (m != SEARCH_ON && m != SEARCH_SHORT)
		return;
	n = tdict_add_include(d, "SEARCH_NOTES", "partials/search_notes.tpl");
	tdict_set(n, "NOUN", noun);
	if (m == SEARCH_SHORT) {
		tdict_set(tdict_add_section(n, "SHORT"), "WORD", q->short_word);
		return;
	}
	if (t->capped) {
		const char *cap = fmt_int(r->arena, SEARCH_COUNT_CAP);

		tdict_set(tdict_add_section(d, "MANY_RESULTS"), "CAP", cap);
		tdict_set(tdict_add_section(n, "CAPPED"), "CAP", cap);
	}
	if (nrows == 0)
		tdict_show(n, "EMPTY");
}
