/* The pages of the group directory (groups_list()) on the city demo data
 * set (1,000 groups): for every filter shape (none, 五十音 row, row and
 * 種別, 種別, 分野, 分野 with row and/or 種別), every page read with the
 * total (pages far from both ends from the shape's anchors, see
 * model/group_anchors.h; pages in the back half otherwise from the last
 * row) and without it (every page from the front) holds the same rows, in
 * the same order, as a plain scan sorted by (kana, id), at two page sizes
 * and at the offsets around the middle and the end, under several anchor
 * tunings (strides shorter than the runs of equal kana, anchors walked at
 * once or after rent); an offset at or beyond the last row reads nothing;
 * groups_count() agrees with the scan. After a change to the data — by
 * another connection, by this one, inside and outside a read transaction
 * — every page is right again: anchors walked before it are never used.
 * The counts and the copies of status, kana and kind in group_fields
 * (schema/010_group_filter_counts.sql) follow changes of a group's 種別,
 * 五十音 row and status and of its 分野. The staff group list
 * (groups_staff_list(): the same code, for any registration status) is
 * checked the same way for every status, with the time of the last
 * change in its rows. Runs from the top directory (reads schema/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/demo.h"
#include "model/group_anchors.h"
#include "model/groups.h"
#include "model/groups_write.h"

#include "testdb.h"

static struct db *db;
static struct arena arena;

static int setup(void **state)
{
	(void)state;
	db = db_open(":memory:", NULL, 1);
	if (db == NULL || db_migrate(db, "schema") < 0 ||
	    demo_load(db->h, "city") != 0)
		return -1;
	arena_init(&arena, 1 << 16);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	db_close(db);
	group_anchors_clear();
	return 0;
}

/* Bind s (or NULL) to parameter i of st. */
static void bind_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* The ids of the groups of status (NULL: 'toroku', the directory)
 * matching f in (kana, id) order, by a scan that shares nothing with the
 * list statements: malloc'd, *n ids. */
static long long *scan_ids(const struct group_filter *f, const char *status,
                           size_t *n)
{
	sqlite3_stmt *st;
	long long *ids = NULL;
	size_t cap = 0;

	*n = 0;
	assert_int_equal(
	    sqlite3_prepare_v2(
	        db->h,
	        "SELECT id FROM groups AS g NOT INDEXED WHERE status = "
	        "coalesce(?4, 'toroku') "
	        "AND (?1 IS NULL OR EXISTS (SELECT 1 FROM group_fields x "
	        "WHERE x.group_id = g.id AND x.field = ?1)) AND (?2 IS NULL "
	        "OR kana_row = ?2) AND (?3 IS NULL OR kind = ?3) ORDER BY "
	        "kana, id",
	        -1, &st, NULL),
	    SQLITE_OK);
	bind_or_null(st, 1, f->field);
	bind_or_null(st, 2, f->kana_row);
	bind_or_null(st, 3, f->kind);
	bind_or_null(st, 4, status);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			ids = realloc(ids, cap * sizeof(*ids));
			assert_non_null(ids);
		}
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return ids;
}

/* The codes of a master table, by a literal query: malloc'd strings. */
static char **codes(const char *sql, size_t *n)
{
	sqlite3_stmt *st;
	char **v = NULL;

	*n = 0;
	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL),
	                 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		v = realloc(v, (*n + 1) * sizeof(*v));
		assert_non_null(v);
		v[(*n)++] = strdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return v;
}

static void codes_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* "row/kind/field" of f (the directory) or "staff status" for
 * messages. */
static const char *name_of(const struct group_filter *f, const char *status)
{
	static char s[128];

	if (status != NULL)
		snprintf(s, sizeof(s), "staff %s", status);
	else
		snprintf(s, sizeof(s), "row=%s kind=%s field=%s",
		         f->kana_row ? f->kana_row : "-",
		         f->kind ? f->kind : "-", f->field ? f->field : "-");
	return s;
}

/* 1 when two rows are the same group with the same column values. */
static int same_row(const struct group_row *x, const struct group_row *y)
{
	return x->id == y->id && strcmp(x->name, y->name) == 0 &&
	       strcmp(x->kana, y->kana) == 0 && strcmp(x->kind, y->kind) == 0 &&
	       strcmp(x->area, y->area) == 0 &&
	       strcmp(x->field_codes, y->field_codes) == 0 &&
	       (x->updated_at == NULL
	            ? y->updated_at == NULL
	            : y->updated_at != NULL &&
	                  strcmp(x->updated_at, y->updated_at) == 0);
}

/* A page of the directory (status NULL: groups_list() with f) or of the
 * staff list of status (groups_staff_list(); f has no filter). */
static enum mstatus list(const struct group_filter *f, const char *status,
                         int limit, long long offset, long long total,
                         struct group_row **rows, size_t *n)
{
	if (status == NULL)
		return groups_list(db, &arena, f, limit, offset, total, rows,
		                   n);
	return groups_staff_list(db, &arena, status, limit, offset, total, rows,
	                         n);
}

/* The page of limit rows at offset, read with the total and without it,
 * against want[0..nwant) (the scan); the directory's rows have no
 * updated_at, the staff list's have. Returns how many rows it held. */
static size_t check_page(const struct group_filter *f, const char *status,
                         int limit, long long offset, const long long *want,
                         size_t nwant)
{
	struct group_row *back, *front;
	size_t nb, nf, expect;

	expect = offset >= (long long)nwant ? 0
	         : nwant - (size_t)offset < (size_t)limit
	             ? nwant - (size_t)offset
	             : (size_t)limit;
	assert_int_equal(
	    list(f, status, limit, offset, (long long)nwant, &back, &nb),
	    MS_OK);
	assert_int_equal(list(f, status, limit, offset, -1, &front, &nf),
	                 MS_OK);
	if (nb != expect || nf != expect)
		fail_msg(
		    "%s limit %d offset %lld: %zu rows with the total, %zu "
		    "without, want %zu",
		    name_of(f, status), limit, offset, nb, nf, expect);
	for (size_t i = 0; i < expect; i++) {
		if (back[i].id != want[offset + (long long)i] ||
		    !same_row(&back[i], &front[i]) ||
		    (back[i].updated_at == NULL) != (status == NULL))
			fail_msg(
			    "%s limit %d offset %lld row %zu: id %lld with "
			    "the total, %lld without, want %lld",
			    name_of(f, status), limit, offset, i, back[i].id,
			    front[i].id, want[offset + (long long)i]);
	}
	arena_reset(&arena);
	return expect;
}

/* Every page of f in the directory (status NULL) or of the staff list
 * of status (f without filters) at page sizes 20 and 7, the offsets
 * around the middle and the end, and beyond the last row. Returns the
 * number of groups. */
static size_t check_list(const struct group_filter *f, const char *status)
{
	static const int sizes[] = {20, 7};
	size_t n;
	long long *want = scan_ids(f, status, &n), total;

	assert_int_equal(status == NULL
	                     ? groups_count(db, f, &total)
	                     : groups_staff_count(db, status, &total),
	                 MS_OK);
	if (total != (long long)n)
		fail_msg("%s: the count %lld, the scan %zu", name_of(f, status),
		         total, n);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		int limit = sizes[k];
		long long t = (long long)n;
		long long edges[] = {
		    t / 2 - 1,     t / 2, t / 2 + 1, t - limit - 1, t - limit,
		    t - limit + 1, t - 1, t,         t + 1,         t + limit};
		size_t seen = 0;

		for (long long off = 0; off < t; off += limit)
			seen += check_page(f, status, limit, off, want, n);
		assert_int_equal(seen, n);
		for (size_t e = 0; e < sizeof(edges) / sizeof(edges[0]); e++)
			if (edges[e] >= 0)
				check_page(f, status, limit, edges[e], want, n);
	}
	free(want);
	return n;
}

/* Every page of the directory's filter f. */
static size_t check_filter(const struct group_filter *f)
{
	return check_list(f, NULL);
}

/* Every page of the staff list of every registration status; the groups
 * of all statuses are all the groups. */
static void every_status(void)
{
	static const struct group_filter none = {0};
	size_t nst, sum = 0;
	char **st =
	    codes("SELECT code FROM group_statuses ORDER BY code", &nst);

	assert_true(nst >= 3);
	for (size_t i = 0; i < nst; i++)
		sum += check_list(&none, st[i]);
	assert_int_equal((long long)sum,
	                 testdb_int(db, "SELECT count(*) FROM groups"));
	codes_free(st, nst);
}

/* Every filter shape, over every 五十音 row, 種別 and 分野 of the data
 * set; the staff list of every status. */
static void every_shape(void)
{
	size_t nkinds, nfields, all;
	char **kinds =
	    codes("SELECT code FROM group_kinds ORDER BY code", &nkinds);
	char **fields =
	    codes("SELECT code FROM fields ORDER BY code", &nfields);
	struct group_filter f = {0};
	size_t sum;

	assert_true(nkinds >= 2);
	assert_true(nfields >= 2);
	all = check_filter(&f);
	assert_true(all >= 500); /* deep enough: 25 pages and more */
	/* 五十音 rows, alone and with each 種別 */
	sum = 0;
	for (size_t r = 0; groups_kana_rows[r] != NULL; r++) {
		f = (struct group_filter){groups_kana_rows[r], NULL, NULL};
		sum += check_filter(&f);
		for (size_t k = 0; k < nkinds; k++) {
			f.kind = kinds[k];
			check_filter(&f);
		}
	}
	assert_int_equal(sum, all);
	/* 種別 alone */
	sum = 0;
	for (size_t k = 0; k < nkinds; k++) {
		f = (struct group_filter){NULL, kinds[k], NULL};
		sum += check_filter(&f);
	}
	assert_int_equal(sum, all);
	/* 分野, alone and with each row (and the row with 種別 npo), each
	 * 種別, both */
	for (size_t i = 0; i < nfields; i++) {
		size_t in_rows = 0, in_field;

		f = (struct group_filter){NULL, NULL, fields[i]};
		in_field = check_filter(&f);
		for (size_t r = 0; groups_kana_rows[r] != NULL; r++) {
			f.kana_row = groups_kana_rows[r];
			f.kind = NULL;
			in_rows += check_filter(&f);
			f.kind = "npo";
			check_filter(&f);
		}
		assert_int_equal(in_rows, in_field);
		f.kana_row = "か";
		f.kind = "chonaikai";
		check_filter(&f);
		f.kana_row = NULL;
		for (size_t k = 0; k < nkinds; k++) {
			f.kind = kinds[k];
			check_filter(&f);
		}
	}
	codes_free(kinds, nkinds);
	codes_free(fields, nfields);
	every_status();
}

/* How the anchors are tuned for a pass over every shape. */
static const struct tuning {
	long long stride, near, price; /* group_anchors_tune() */
	const char *what;
} tunings[] = {
    /* as served: pages within 64 rows of an end by OFFSET, the deeper
     * ones by OFFSET until their rent reaches the walk's price */
    {-1, -1, -1, "defaults"},
    /* every page but the first from anchors, walked at once; runs of
     * equal kana (up to 5 rows at city) longer than a stride */
    {3, 0, 0, "stride 3, no rent"},
    {1, 0, 0, "stride 1, no rent"},
    {16, 8, 100, "stride 16, rent"},
};

/* Every page of every shape under each tuning. Anchors must have served
 * pages (and never given other rows than their walk promised). */
static void test_every_page(void **state)
{
	struct group_anchor_stats st;

	(void)state;
	for (size_t t = 0; t < sizeof(tunings) / sizeof(tunings[0]); t++) {
		unsigned long long seeks, walks, rented;

		group_anchors_tune(tunings[t].stride, tunings[t].near,
		                   tunings[t].price);
		group_anchors_stats(&st);
		seeks = st.seeks;
		walks = st.walks;
		rented = st.rented;
		every_shape();
		group_anchors_stats(&st);
		printf("  %s: %llu walks, %llu pages from anchors, %llu by "
		       "OFFSET while renting, %zu sets kept, %zu bytes\n",
		       tunings[t].what, st.walks - walks, st.seeks - seeks,
		       st.rented - rented, st.sets, st.bytes);
		assert_true(st.walks > walks);
		assert_true(st.seeks > seeks);
		assert_true(st.sets <= GROUP_ANCHOR_SETS);
		assert_int_equal(st.misses, 0);
	}
	group_anchors_tune(-1, -1, -1);
}

/* The memory of a set: at most one anchor per stride rows, 16 bytes each;
 * never more than GROUP_ANCHOR_SETS sets. */
static void test_bounds(void **state)
{
	struct group_filter all = {0};
	struct group_anchor_stats st;
	struct group_row *rows;
	size_t n;
	long long total;

	(void)state;
	assert_int_equal(sizeof(struct group_anchor), 16);
	group_anchors_tune(-1, 0, 0);
	assert_int_equal(groups_count(db, &all, &total), MS_OK);
	assert_int_equal(
	    groups_list(db, &arena, &all, 20, total / 2, total, &rows, &n),
	    MS_OK);
	assert_int_equal(n, 20);
	group_anchors_stats(&st);
	assert_int_equal(st.sets, 1);
	assert_true(st.bytes <= (size_t)(total / GROUP_ANCHOR_STRIDE + 1) *
	                            sizeof(struct group_anchor));
	/* more shapes than sets: the least recently used go */
	for (size_t r = 0; groups_kana_rows[r] != NULL; r++) {
		struct group_filter f = {groups_kana_rows[r], NULL, NULL};

		assert_int_equal(groups_count(db, &f, &total), MS_OK);
		assert_int_equal(
		    groups_list(db, &arena, &f, 1, total / 2, total, &rows, &n),
		    MS_OK);
		group_anchors_stats(&st);
		assert_true(st.sets <= GROUP_ANCHOR_SETS);
	}
	assert_int_equal(st.sets, GROUP_ANCHOR_SETS);
	group_anchors_clear();
	group_anchors_stats(&st);
	assert_int_equal(st.sets, 0);
	assert_int_equal(st.bytes, 0);
	arena_reset(&arena);
	group_anchors_tune(-1, -1, -1);
}

/* Run sql (with ?1 = id when id > 0) on c; it must change one row. */
static void change(struct db *c, const char *sql, long long id)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(c->h, sql, -1, &st, NULL),
	                 SQLITE_OK);
	if (id > 0)
		sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	assert_int_equal(sqlite3_changes(c->h), 1);
	sqlite3_finalize(st);
}

/* The id of the group at offset of f's order (by the scan). */
static long long id_at(const struct group_filter *f, long long offset)
{
	size_t n;
	long long *ids = scan_ids(f, NULL, &n), id;

	assert_true(offset < (long long)n);
	id = ids[offset];
	free(ids);
	return id;
}

/* A few shapes with deep pages at city, checked whole, and the staff
 * list of every status. */
static void some_shapes(void)
{
	static const struct group_filter fs[] = {
	    {NULL, NULL, NULL},    {"か", NULL, NULL},     {NULL, "npo", NULL},
	    {NULL, NULL, "machi"}, {NULL, "npo", "machi"}, {"か", "npo", NULL},
	    {"か", NULL, "machi"}, {"か", "npo", "machi"},
	};

	for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]); i++)
		check_filter(&fs[i]);
	every_status();
}

/* Anchors walked before a change are never used after it: a change by
 * another connection (data_version), by this one (total_changes), one
 * committed while this connection reads in a transaction (its snapshot,
 * and with it the anchors, stay as they were until it ends). Each change
 * moves groups across the anchors: a rename to the front of the order, a
 * new group, a group that is an anchor deregistered. */
static void test_after_changes(void **state)
{
	struct db *mem = db, *peer;
	struct group_filter all = {0}, machi = {NULL, NULL, "machi"};
	struct group_anchor_stats st;
	unsigned long long walks, drops;
	char path[80], p[96];
	sqlite3_backup *b;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/kyodo-test-gpages-%d.db",
	         (int)getpid());
	unlink(path);
	db = db_open(path, NULL, 1);
	assert_non_null(db);
	b = sqlite3_backup_init(db->h, "main", mem->h, "main");
	assert_non_null(b);
	assert_int_equal(sqlite3_backup_step(b, -1), SQLITE_DONE);
	assert_int_equal(sqlite3_backup_finish(b), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db->h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL),
	    SQLITE_OK);
	peer = db_open(path, NULL, 0);
	assert_non_null(peer);
	group_anchors_tune(3, 0, 0);

	some_shapes();
	group_anchors_stats(&st);
	walks = st.walks;
	drops = st.drops;
	/* another connection: a group from the middle to the front */
	change(peer,
	       "UPDATE groups SET kana = 'アアアア' || kana WHERE id = ?1",
	       id_at(&all, 400));
	some_shapes();
	group_anchors_stats(&st);
	assert_true(st.drops > drops);
	assert_true(st.walks > walks);
	/* another connection: a new group in the middle */
	change(peer,
	       "INSERT INTO groups (name, kana, kind, status) VALUES "
	       "('新しい会', 'シンシンシン', 'npo', 'toroku')",
	       0);
	change(peer,
	       "INSERT INTO group_fields (group_id, field, status, kana) "
	       "SELECT id, 'machi', status, kana FROM groups WHERE name = "
	       "'新しい会'",
	       0);
	some_shapes();
	/* another connection: a group of the 分野 into another 種別 and
	 * another 五十音 row (the copies in group_fields and their counts
	 * follow), one into the row and kind of the combined shapes */
	change(peer,
	       "UPDATE groups SET kind = CASE kind WHEN 'npo' THEN 'kigyo' "
	       "ELSE 'npo' END, kana = 'ワ' || kana WHERE id = ?1",
	       id_at(&machi, 40));
	change(peer,
	       "UPDATE groups SET kind = 'npo', kana = 'カ' || kana WHERE id "
	       "= ?1",
	       id_at(&machi, 60));
	some_shapes();
	/* this connection: a 分野 removed and one added */
	change(db,
	       "DELETE FROM group_fields WHERE field = 'machi' AND group_id "
	       "= ?1",
	       id_at(&machi, 5));
	change(db,
	       "INSERT INTO group_fields (group_id, field, status, kana, "
	       "kind) SELECT id, 'machi', status, kana, kind FROM groups g "
	       "WHERE status = 'toroku' AND kana_row = 'か' AND NOT EXISTS "
	       "(SELECT 1 FROM group_fields x WHERE x.group_id = g.id AND "
	       "x.field = 'machi') ORDER BY id DESC LIMIT 1",
	       0);
	some_shapes();
	/* this connection: an anchor's group (stride 3: every third row's
	 * run begins at an anchor) deregistered */
	change(db, "UPDATE groups SET status = 'kyushi' WHERE id = ?1",
	       id_at(&all, 300));
	some_shapes();
	/* a change committed while this connection is in a read transaction:
	 * its pages stay those of its snapshot, then follow the change */
	assert_int_equal(sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL),
	                 SQLITE_OK);
	check_filter(&all);
	change(peer, "UPDATE groups SET kana = 'ンンン' || kana WHERE id = ?1",
	       id_at(&all, 10));
	some_shapes();
	assert_int_equal(sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL),
	                 SQLITE_OK);
	some_shapes();
	check_filter(&machi);
	group_anchors_stats(&st);
	assert_int_equal(st.misses, 0);

	db_close(peer);
	db_close(db);
	db = mem;
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	group_anchors_tune(-1, -1, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_page),
	    cmocka_unit_test(test_bounds),
	    cmocka_unit_test(test_after_changes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
