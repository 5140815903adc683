/* Finding the partner group of a project form (協働の相手 on
 * /staff/projects/new and …/edit) without listing every group: by its
 * 団体番号, by its whole name, or by any part of its name or フリガナ.
 * Groups of every registration status but 抹消 can be found (登録, 申請中,
 * 休止), as the form's old choice list offered them. The part search runs
 * on the names column of groups_fts (schema/017_group_names_in_groups_fts.sql;
 * 013 made it a table of its own, group_names_fts): bigram and trigram
 * tokens of name and kana, as the keyword search indexes them
 * (src/db/search_fn.h) but prefixed "nm_", for every group that is not
 * 抹消. Strings are arena memory. */
#ifndef KYODO_MODEL_GROUP_PICK_H
#define KYODO_MODEL_GROUP_PICK_H
#include <stddef.h>

#include "db/db.h"
#include "model/master.h"
#include "util/arena.h"

/* Most candidates a search returns. */
#define GROUP_PICK_MAX 20

/* One group found. */
struct group_pick {
	long long id;            /* groups.id, the 団体番号 */
	const char *name;        /* 団体名 */
	const char *kana;        /* フリガナ */
	const char *status;      /* group_statuses.code */
	const char *status_name; /* group_statuses.name */
};

/* What a search found. */
enum pick_result {
	PICK_ONE,  /* q names one group: its 団体番号 (digits only, half- or
	              full-width), or its whole 団体名 (spaces around q
	              ignored) which no other group has; n == 1 */
	PICK_SOME, /* 1 .. GROUP_PICK_MAX candidates (groups of that whole
	              name when several share it, else those whose name or
	              フリガナ contains every word of q, or for a one-character
	              q those whose name or フリガナ begins with it; words of
	              one character beside longer ones are ignored, and when
	              every word has one character the first one is the
	              prefix) */
	PICK_MANY, /* more than GROUP_PICK_MAX matched: GROUP_PICK_MAX of
	              them, in the order below (those read first: the
	              newest matches of a part search, the first by name
	              and by フリガナ of a one-character prefix; not
	              necessarily the first of all matches in that order) */
	PICK_NONE, /* nothing matched (n == 0) */
	PICK_EMPTY, /* q is empty or only spaces (n == 0) */
	PICK_BAD,   /* q is too long or has too many words (as the keyword
	               search limits them, SEARCH_MAX_CHARS and
	               SEARCH_MAX_WORDS; n == 0) */
};

/* Find the groups q names. Candidates come ordered by status (登録, then
 * 申請中, then 休止), then フリガナ (byte order), then id; *rows (arena
 * memory, NULL when *n is 0) holds *n of them. Reads at most
 * GROUP_PICK_MAX + 1 rows of an index per status (of groups_fts in
 * all, then those groups by id), at any size of database: no scan of
 * groups. MS_OK (*res says what was found), MS_NOMEM, MS_DB. */
enum mstatus group_pick_find(struct db *db, struct arena *a, const char *q,
                             struct group_pick **rows, size_t *n,
                             enum pick_result *res);

/* The group id as the picker shows a chosen one; MS_NOTFOUND when there
 * is no group id (a 抹消 group is found: a project keeps its partner). */
enum mstatus group_pick_get(struct db *db, struct arena *a, long long id,
                            struct group_pick *out);
#endif
