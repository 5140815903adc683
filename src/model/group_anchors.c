/* The per-worker anchor sets of the group directory (see
 * group_anchors.h). */
#include "model/group_anchors.h"

#include <stdlib.h>
#include <string.h>

#include "util/log.h"

/* The database state the sets describe. */
struct gen {
	unsigned long long serial; /* db->serial */
	long long data_version;    /* PRAGMA data_version */
	long long total_changes;   /* sqlite3_total_changes64() */
};

static struct {
	struct group_anchor_set set[GROUP_ANCHOR_SETS];
	struct gen gen;          /* the generation of every set */
	unsigned long long tick; /* use counter, for set[].used */
	long long stride;        /* tuned: rows between anchors, or 0 */
	long long near;          /* tuned nearness, or -1 */
	long long price;         /* tuned price in percent, or -1 */
	int tuned;               /* stride, near and price are set */
	struct group_anchor_stats st;
} ga;

static long long stride_of(void)
{
	return ga.tuned && ga.stride > 0 ? ga.stride : GROUP_ANCHOR_STRIDE;
}

long long group_anchors_near(void)
{
	return ga.tuned && ga.near >= 0 ? ga.near : GROUP_ANCHOR_NEAR;
}

static long long price_of(void)
{
	return ga.tuned && ga.price >= 0 ? ga.price : GROUP_ANCHOR_PRICE;
}

/* Empty s (its slot is free again). */
static void set_free(struct group_anchor_set *s)
{
	if (s->key[0] != '\0')
		ga.st.sets--;
	ga.st.bytes -= s->cap * sizeof(*s->v);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void group_anchors_clear(void)
{
	for (size_t i = 0; i < GROUP_ANCHOR_SETS; i++)
		set_free(&ga.set[i]);
	memset(&ga.gen, 0, sizeof(ga.gen));
}

void group_anchors_tune(long long stride, long long near, long long price)
{
	group_anchors_clear();
	ga.stride = stride > 0 ? stride : 0;
	ga.near = near;
	ga.price = price;
	ga.tuned = 1;
}

void group_anchors_stats(struct group_anchor_stats *out)
{
	*out = ga.st;
}

/* The key of the shape of status and f into key (size n): the status,
 * then each filter, each as "-" when absent, "=value" when set, separated
 * by "|" (codes hold no "|"). 0, or -1 when it does not fit. */
static int key_of(const char *status, const struct group_filter *f, char *key,
                  size_t n)
{
	const char *part[] = {status, f->kana_row, f->kind, f->field};
	size_t len = 0;

	for (size_t i = 0; i < sizeof(part) / sizeof(part[0]); i++) {
		size_t m = part[i] != NULL ? strlen(part[i]) : 0;

		if (len + m + 3 > n)
			return -1;
		if (i > 0)
			key[len++] = '|';
		key[len++] = part[i] != NULL ? '=' : '-';
		memcpy(key + len, part[i] != NULL ? part[i] : "", m);
		len += m;
	}
	key[len] = '\0';
	return 0;
}

/* The generation of db, read inside the caller's transaction
 * (db_generation()). 0 or -1. */
static int gen_read(struct db *db, struct gen *out)
{
	struct db_gen g;

	if (db_generation(db, &g) < 0) {
		log_err("group anchors: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	out->serial = db->serial;
	out->data_version = g.data_version;
	out->total_changes = g.total_changes;
	return 0;
}

enum mstatus group_anchors_plan(struct db *db, const char *status,
                                const struct group_filter *f, long long skip,
                                long long total, struct group_anchor_set **set,
                                enum group_anchor_plan *plan)
{
	char key[sizeof(ga.set[0].key)];
	struct group_anchor_set *s = NULL, *old = &ga.set[0];
	struct gen g;
	int any = 0;

	*set = NULL;
	*plan = GA_OFFSET;
	if (gen_read(db, &g) < 0)
		return MS_DB;
	if (g.serial != ga.gen.serial ||
	    g.data_version != ga.gen.data_version ||
	    g.total_changes != ga.gen.total_changes) {
		for (size_t i = 0; i < GROUP_ANCHOR_SETS; i++) {
			any |= ga.set[i].key[0] != '\0';
			set_free(&ga.set[i]);
		}
		if (any)
			ga.st.drops++;
		ga.gen = g;
	}
	if (key_of(status, f, key, sizeof(key)) < 0)
		return MS_OK; /* not kept: read by OFFSET */
	for (size_t i = 0; i < GROUP_ANCHOR_SETS && s == NULL; i++) {
		if (strcmp(ga.set[i].key, key) == 0)
			s = &ga.set[i];
		else if (ga.set[i].used < old->used)
			old = &ga.set[i]; /* a free slot has used 0 */
	}
	if (s == NULL) {
		s = old;
		set_free(s);
		memcpy(s->key, key, strlen(key) + 1);
		ga.st.sets++;
	}
	s->used = ++ga.tick;
	if (s->ready) {
		*set = s;
		*plan = GA_SEEK;
		ga.st.seeks++;
		return MS_OK;
	}
	/* rent until it would reach the price of a walk, then buy */
	if (s->rent + skip < total * price_of() / 100) {
		s->rent += skip;
		ga.st.rented++;
		return MS_OK;
	}
	s->stride = stride_of();
	if (total / s->stride >= GROUP_ANCHOR_MAX)
		s->stride = total / GROUP_ANCHOR_MAX + 1;
	/* room for every anchor of total rows: no realloc in the walk */
	s->cap = (size_t)(total / s->stride) + 1;
	if ((s->v = malloc(s->cap * sizeof(*s->v))) == NULL) {
		s->cap = 0;
		return MS_OK; /* read by OFFSET */
	}
	ga.st.bytes += s->cap * sizeof(*s->v);
	*set = s;
	*plan = GA_WALK;
	return MS_OK;
}

int group_anchors_add(struct group_anchor_set *s, long long id, long long at)
{
	if (s->n > 0 && s->v[s->n - 1].at == at)
		return 0; /* the same run as the anchor before */
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		struct group_anchor *v = realloc(s->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		ga.st.bytes += (cap - s->cap) * sizeof(*v);
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n].id = id;
	s->v[s->n].at = at;
	s->n++;
	return 0;
}

void group_anchors_done(struct group_anchor_set *s, long long total, int ok)
{
	if (!ok) {
		ga.st.bytes -= s->cap * sizeof(*s->v);
		free(s->v);
		s->v = NULL;
		s->n = s->cap = 0;
		s->ready = 0;
		s->rent = 0;
		return;
	}
	s->total = total;
	s->ready = 1;
	ga.st.walks++;
}

const struct group_anchor *group_anchors_find(const struct group_anchor_set *s,
                                              long long offset)
{
	size_t lo = 0, hi = s->n; /* the answer is below hi */

	if (s->n == 0 || s->v[0].at > offset)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->v[mid].at <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return &s->v[lo];
}

void group_anchors_miss(struct group_anchor_set *s)
{
	ga.st.misses++;
	log_err("group anchors: a seek of %s gave other rows than its walk",
	        s->key);
	group_anchors_done(s, 0, 0);
}
