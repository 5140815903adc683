/* Anchors for the deep pages of the group directory and of the staff
 * group list: per worker and per filter shape (a registration status and
 * the directory's filters), where in the shape's (kana, id) order every
 * stride-th row's run of equal kana begins, so that a page far from both ends
 * of the order seeks to the nearest anchor (kana >= the anchor's) and skips at
 * most a stride plus a run of rows instead of half the index.
 *
 * Consistency: the sets belong to one database generation of one
 * connection (db->serial and db_generation(): PRAGMA data_version,
 * sqlite3_total_changes64()), read inside the read transaction the page
 * is read in; any other
 * generation drops every set before it is looked at. A set is therefore
 * only ever used on the snapshot it was walked on, or on one with the
 * same rows: a commit anywhere (another worker, the CLI, this connection)
 * makes the next deep page walk again.
 *
 * Cost: walking a set costs about GROUP_ANCHOR_PRICE % of what skipping
 * every row of the shape by OFFSET costs. A set is walked only once the
 * rows the shape's deep pages have skipped since the last change (rent)
 * would reach that price: a deep page viewed once after each commit costs
 * what it did before anchors, a shape read often is walked after a few
 * pages (the rent paid before a walk is at most the walk's price, so a
 * shape never costs more than twice what it would have had we known its
 * next pages in advance).
 *
 * Memory: at most GROUP_ANCHOR_SETS sets (least recently used dropped
 * first), each at most GROUP_ANCHOR_MAX anchors of 16 bytes (the stride
 * grows past GROUP_ANCHOR_STRIDE * GROUP_ANCHOR_MAX rows): 32 KiB a set,
 * 20,000 groups take 10 KiB. malloc'd, one store per process (workers are
 * processes); not thread-safe. Internal to src/model/groups.c, except the
 * test hooks at the end. */
#ifndef KYODO_MODEL_GROUP_ANCHORS_H
#define KYODO_MODEL_GROUP_ANCHORS_H
#include <stddef.h>

#include "db/db.h"
#include "model/groups.h"

/* Rows between two anchors (at least). */
#define GROUP_ANCHOR_STRIDE 32
/* Anchors a set holds at most. */
#define GROUP_ANCHOR_MAX 2048
/* A page that skips at most this many rows from the nearer end of its
 * order (OFFSET, or from the last row backwards) is read without
 * anchors. */
#define GROUP_ANCHOR_NEAR 64
/* Filter shapes kept. */
#define GROUP_ANCHOR_SETS 8
/* Rent before a set is walked: this percentage of the shape's rows. A
 * walk steps every row into C and compares its kana (≈ 1,200 Ir a row of
 * the whole directory at large scale, warm); OFFSET skips one for ≈ 390:
 * a walk costs about as much as skipping three times the shape's rows. */
#define GROUP_ANCHOR_PRICE 300

/* One anchor: the first row of a run of equal kana in a shape's order. */
struct group_anchor {
	long long id; /* that row's group: its kana is the run's */
	long long at; /* its offset in the order (0 = the first row) */
};

/* The anchors of one filter shape, offsets ascending, distinct. */
struct group_anchor_set {
	struct group_anchor *v;  /* n anchors (malloc'd) */
	size_t n, cap;           /* anchors, slots allocated */
	long long total;         /* rows of the shape when walked */
	long long stride;        /* rows between anchors of this walk */
	long long rent;          /* rows skipped by deep pages while unwalked */
	unsigned long long used; /* last use (least recently used goes) */
	int ready;               /* walked: v, n and total hold */
	char key[160];           /* the filter (see key_of()), "" = free slot */
};

/* What a deep page does. */
enum group_anchor_plan {
	GA_OFFSET, /* read by OFFSET as without anchors (rent paid, or no
	              set could be kept) */
	GA_WALK,   /* walk the shape into the set (group_anchors_add() for
	              every anchor, then group_anchors_done()), then seek */
	GA_SEEK,   /* seek from group_anchors_find() */
};

/* The plan for a page of the groups of status that match f, which would
 * skip skip rows by OFFSET, of a shape of total rows (groups_count(),
 * groups_staff_count()); *set is the shape's set for GA_WALK and GA_SEEK.
 * Call inside the read transaction the page is read in: the generation is
 * read there. MS_OK, or MS_DB (then *plan is GA_OFFSET). */
enum mstatus group_anchors_plan(struct db *db, const char *status,
                                const struct group_filter *f, long long skip,
                                long long total, struct group_anchor_set **set,
                                enum group_anchor_plan *plan);
/* Record the anchor (id, at) of a walk (at ascending; a run already
 * recorded is not added again). 0, or -1 when out of memory. */
int group_anchors_add(struct group_anchor_set *s, long long id, long long at);
/* The walk of s ended after total rows (ok = 1), or failed (ok = 0: s
 * is emptied and unwalked; the next deep page pays rent again). */
void group_anchors_done(struct group_anchor_set *s, long long total, int ok);
/* The last anchor of the walked set s at or before offset (< s->total);
 * NULL if none. */
const struct group_anchor *group_anchors_find(const struct group_anchor_set *s,
                                              long long offset);
/* A seek from s gave other rows than s promised: counted, s is emptied
 * (a bug; the page is read by OFFSET instead). */
void group_anchors_miss(struct group_anchor_set *s);

/* Counters, for tests and logs. */
struct group_anchor_stats {
	unsigned long long walks;  /* sets walked */
	unsigned long long seeks;  /* deep pages read from an anchor */
	unsigned long long rented; /* deep pages read by OFFSET while a
	                              set was not worth walking yet */
	unsigned long long drops;  /* times the sets were dropped for a new
	                              generation */
	unsigned long long misses; /* group_anchors_miss() */
	size_t sets;               /* sets kept, walked or renting */
	size_t bytes;              /* anchors allocated */
};
void group_anchors_stats(struct group_anchor_stats *out);
/* Tests only: rows between anchors, the nearness of GROUP_ANCHOR_NEAR and
 * the price in percent (0 walks at the first deep page); a negative value
 * restores that default. Drops every set. */
void group_anchors_tune(long long stride, long long near, long long price);
/* Drop every set (tests; also frees the memory). */
void group_anchors_clear(void);
/* The nearness in force (GROUP_ANCHOR_NEAR unless tuned). */
long long group_anchors_near(void);
#endif
