/* Keyword search: the text form kyodo's full-text tables index (see
 * schema/002_search.sql) and the SQL function that produces it.
 *
 * Text is normalised one character at a time — full-width ASCII letters
 * and digits made half-width, ASCII letters lower case, ASCII punctuation
 * made full-width (so that FTS5's "ascii" tokenizer keeps it inside a
 * token), 半角カナ made full-width with ﾞ/ﾟ joined, ひらがな made カタカナ,
 * zero-width characters and variation selectors dropped — and cut into
 * runs at white space and control characters. Each run of n >= 2
 * characters becomes its n - 1 overlapping two-character tokens (防災訓練 →
 * 防災 災訓 訓練), separated by single spaces; a run of one character gives
 * no token. Between the tokens of two runs (and of two values) goes the
 * one-character token SEARCH_BARRIER, which no query phrase contains, so a
 * phrase never spans two runs. The same text is indexed a second time
 * as three-character tokens (防災訓練 → 防災訓 災訓練, the same runs and
 * barriers). A query word of 2 characters is its bigram, a word of n >= 3
 * characters the phrase of its n - 2 trigrams, so a word matches exactly
 * where it occurs inside a run: substring search, answered from the index
 * for any length >= 2. (The phrase of a word's n - 1 bigrams finds the same
 * rows, but FTS5 steps through the doclists of all its terms, and bigrams
 * are common: まちづくり as four bigrams read 510 k instructions for a
 * page, as three trigrams 300 k.)
 *
 * The tokens are deterministic: the triggers delete a document from the
 * contentless index by recomputing its tokens from the old row, so any
 * change to this normalisation needs a migration that rebuilds the
 * indexes (delete-all, then insert every row again). */
#ifndef KYODO_SEARCH_FN_H
#define KYODO_SEARCH_FN_H
#include <stddef.h>
#include <sqlite3.h>

#include "util/buf.h"

/* The token between the tokens of two runs ("防災 〓 訓練"). */
#define SEARCH_BARRIER "〓"

/* Append the bigram tokens of text[0..len) to out, separated by single
 * spaces (and from what out already holds, by SEARCH_BARRIER). *nchars (when
 * not NULL) gets the number of normalised characters (dropped ones not
 * counted). Returns the number of tokens appended, or -1 when out of memory.
 * Invalid UTF-8 bytes end a run, like white space. */
long search_bigrams(struct buf *out, const char *text, size_t len,
                    size_t *nchars);
/* The same with tokens of three characters (a run of one or two characters
 * gives none). */
long search_trigrams(struct buf *out, const char *text, size_t len,
                     size_t *nchars);

/* The length in bytes (>= 1) of the character at s[0..n), n > 0; *space
 * is set to 1 when it separates runs (white space, a control character,
 * an invalid UTF-8 byte), else 0. Query words are split where runs are. */
size_t search_char_at(const char *s, size_t n, int *space);

/* Merge each full-text index (projects_fts, groups_fts)
 * into one segment ('optimize'): a search then reads one b-tree per term
 * instead of one per segment. For after a bulk load (kyodo demo, a large
 * import); everyday writes are merged by FTS5's automerge. A no-op when
 * already merged. SQLITE_OK or an SQLite error code. */
int search_optimize(sqlite3 *h);

/* Check the full-text indexes the schema (PRAGMA user_version) has:
 * FTS5's integrity-check of each, and that they hold exactly the published
 * projects and (schemas 2 to 16) the registered groups, with
 * group_names_fts the groups that are not 抹消 (13 to 16); from 017
 * groups_fts holds the groups that are not 抹消, the registered ones with
 * their public text and filters. Prints each problem on stdout ("  ...");
 * returns their number. */
int search_check(sqlite3 *h);

/* The prefix of the name tokens of a group that is not 登録 in groups_fts'
 * names column (schema 017): "nm_防災", found by the partner picker only. A
 * query word never holds an ASCII '_' (made full-width), so the public
 * search never matches one. */
#define SEARCH_NAME_PREFIX "nm_"

/* Append to out the MATCH expression match (search_parse()'s: phrases of
 * tokens in double quotes, joined by AND) with each token prefixed
 * prefix. 0 or -1 (out of memory). */
int search_name_match(struct buf *out, const char *match, const char *prefix);

/* Register kyodo_bigrams(text, ...) on h: the tokens of every non-NULL
 * argument (runs never span two arguments), as one text value ("" when
 * there are none); and kyodo_trigrams(text, ...), the same with
 * search_trigrams(); and kyodo_name_tokens(prefix, text, ...), the bigram
 * tokens of every text then their trigram tokens (the tokens
 * kyodo_bigrams(text, ...) || ' ' || kyodo_trigrams(text, ...) gives), each
 * after prefix ('' or SEARCH_NAME_PREFIX): the names column of groups_fts.
 * Deterministic and innocuous, so triggers may use them.
 * SQLITE_OK or an SQLite error code. Called by db_open(). */
int search_fn_register(sqlite3 *h);
#endif
