/* Keyword search of the public lists (/projects?q=, /groups?q=): the
 * query parsed into an FTS5 expression over the bigram index
 * (schema/002_search.sql, src/db/search_fn.h), and the searches, combined
 * with the lists' filters. Strings are arena memory. */
#ifndef KYODO_MODEL_SEARCH_H
#define KYODO_MODEL_SEARCH_H
#include <stddef.h>

#include "db/db.h"
#include "model/groups.h"
#include "model/master.h"
#include "model/projects.h"
#include "util/arena.h"

/* Longest query, in characters. */
#define SEARCH_MAX_CHARS 100
/* Most words in a query. */
#define SEARCH_MAX_WORDS 10
/* Counting stops here: a page says "100件以上" and pages no further, so a
 * common word costs the same at any size of database (a 5-character word:
 * 1.3M instructions per search at 100, 1.9M at 200). */
#define SEARCH_COUNT_CAP 100

/* A parsed query. */
struct search_query {
	const char **words;     /* the words as typed (display) */
	size_t nwords;          /* number of words */
	const char *match;      /* FTS5 expression, NULL unless SQ_OK */
	const char *short_word; /* the first one-character word, or NULL */
};

/* What search_parse() made of a query. */
enum search_parse {
	SQ_OK,       /* match is set */
	SQ_EMPTY,    /* nothing to search (only spaces) */
	SQ_SHORT,    /* a word of one character (short_word) */
	SQ_TOO_LONG, /* over SEARCH_MAX_CHARS characters */
	SQ_TOO_MANY, /* over SEARCH_MAX_WORDS words */
	SQ_NOMEM,    /* out of memory */
};

/* Parse q (valid UTF-8): words separated by white space (half- or
 * full-width) must all occur (AND); a word of 2 characters is its bigram
 * ("防災"), a word of n >= 3 characters the phrase of its trigrams
 * ("防災訓練" → "防災訓 災訓練"), so it matches as a substring after
 * normalisation (全角/半角, 大文字/小文字, ひらがな/カタカナ). Words with no
 * character at all (zero-width only) are left out. */
enum search_parse search_parse(struct arena *a, const char *q,
                               struct search_query *out);

/* How many rows a search found. */
struct search_total {
	long long n; /* matches, at most SEARCH_COUNT_CAP */
	int capped;  /* 1: more than SEARCH_COUNT_CAP matched */
};

/* Published projects matching q (SQ_OK) and f, newest (highest id)
 * first: rows offset .. offset + limit - 1 into *rows (as projects_list()
 * gives them), and into *t how many matched, counted up to
 * SEARCH_COUNT_CAP. One pass over the index reads at most
 * SEARCH_COUNT_CAP + 1 matches, whatever the page; no row past the cap is
 * ever listed. */
enum mstatus projects_search(struct db *db, struct arena *a,
                             const struct row_names *names,
                             const struct search_query *q,
                             const struct project_filter *f, int limit,
                             long long offset, struct project_row **rows,
                             size_t *n, struct search_total *t);
/* The same for registered groups, newest registration (highest id)
 * first. */
enum mstatus groups_search(struct db *db, struct arena *a,
                           const struct search_query *q,
                           const struct group_filter *f, int limit,
                           long long offset, struct group_row **rows, size_t *n,
                           struct search_total *t);
#endif
