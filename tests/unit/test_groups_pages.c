/* The pages of the group directory (groups_list()) on the city demo data
 * set (1,000 groups): for every filter shape (none, 五十音 row, row and
 * 種別, 種別, 分野, 分野 with row and/or 種別), every page read with the
 * total (pages in the back half walk the index from its last row) and
 * without it (every page from the front) holds the same rows, in the same
 * order, as a plain scan sorted by (kana, id), at two page sizes and at the
 * offsets around the middle and the end; an offset at or beyond the last
 * row reads nothing; groups_count() agrees with the scan. Runs from the top
 * directory (reads schema/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/demo.h"
#include "model/groups.h"

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

/* The ids of the registered groups matching f in (kana, id) order, by a
 * scan that shares nothing with the list statements: malloc'd, *n ids. */
static long long *scan_ids(const struct group_filter *f, size_t *n)
{
	sqlite3_stmt *st;
	long long *ids = NULL;
	size_t cap = 0;

	*n = 0;
	assert_int_equal(
	    sqlite3_prepare_v2(
	        db->h,
	        "SELECT id FROM groups AS g NOT INDEXED WHERE status = "
	        "'toroku' "
	        "AND (?1 IS NULL OR EXISTS (SELECT 1 FROM group_fields x "
	        "WHERE x.group_id = g.id AND x.field = ?1)) AND (?2 IS NULL "
	        "OR kana_row = ?2) AND (?3 IS NULL OR kind = ?3) ORDER BY "
	        "kana, id",
	        -1, &st, NULL),
	    SQLITE_OK);
	bind_or_null(st, 1, f->field);
	bind_or_null(st, 2, f->kana_row);
	bind_or_null(st, 3, f->kind);
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

/* "row/kind/field" of f for messages. */
static const char *name_of(const struct group_filter *f)
{
	static char s[128];

	snprintf(s, sizeof(s), "row=%s kind=%s field=%s",
	         f->kana_row ? f->kana_row : "-", f->kind ? f->kind : "-",
	         f->field ? f->field : "-");
	return s;
}

/* 1 when two rows are the same group with the same column values. */
static int same_row(const struct group_row *x, const struct group_row *y)
{
	return x->id == y->id && strcmp(x->name, y->name) == 0 &&
	       strcmp(x->kana, y->kana) == 0 && strcmp(x->kind, y->kind) == 0 &&
	       strcmp(x->area, y->area) == 0 &&
	       strcmp(x->field_codes, y->field_codes) == 0;
}

/* The page of limit rows at offset, read with the total and without it,
 * against want[0..nwant) (the scan). Returns how many rows it held. */
static size_t check_page(const struct group_filter *f, int limit,
                         long long offset, const long long *want, size_t nwant)
{
	struct group_row *back, *front;
	size_t nb, nf, expect;

	expect = offset >= (long long)nwant ? 0
	         : nwant - (size_t)offset < (size_t)limit
	             ? nwant - (size_t)offset
	             : (size_t)limit;
	assert_int_equal(groups_list(db, &arena, f, limit, offset,
	                             (long long)nwant, &back, &nb),
	                 MS_OK);
	assert_int_equal(
	    groups_list(db, &arena, f, limit, offset, -1, &front, &nf), MS_OK);
	if (nb != expect || nf != expect)
		fail_msg(
		    "%s limit %d offset %lld: %zu rows with the total, %zu "
		    "without, want %zu",
		    name_of(f), limit, offset, nb, nf, expect);
	for (size_t i = 0; i < expect; i++) {
		if (back[i].id != want[offset + (long long)i] ||
		    !same_row(&back[i], &front[i]))
			fail_msg(
			    "%s limit %d offset %lld row %zu: id %lld with "
			    "the total, %lld without, want %lld",
			    name_of(f), limit, offset, i, back[i].id,
			    front[i].id, want[offset + (long long)i]);
	}
	arena_reset(&arena);
	return expect;
}

/* Every page of f at page sizes 20 and 7, the offsets around the middle
 * and the end, and beyond the last row. Returns the number of groups. */
static size_t check_filter(const struct group_filter *f)
{
	static const int sizes[] = {20, 7};
	size_t n;
	long long *want = scan_ids(f, &n), total;

	assert_int_equal(groups_count(db, f, &total), MS_OK);
	if (total != (long long)n)
		fail_msg("%s: groups_count %lld, the scan %zu", name_of(f),
		         total, n);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		int limit = sizes[k];
		long long t = (long long)n;
		long long edges[] = {
		    t / 2 - 1,     t / 2, t / 2 + 1, t - limit - 1, t - limit,
		    t - limit + 1, t - 1, t,         t + 1,         t + limit};
		size_t seen = 0;

		for (long long off = 0; off < t; off += limit)
			seen += check_page(f, limit, off, want, n);
		assert_int_equal(seen, n);
		for (size_t e = 0; e < sizeof(edges) / sizeof(edges[0]); e++)
			if (edges[e] >= 0)
				check_page(f, limit, edges[e], want, n);
	}
	free(want);
	return n;
}

/* Every filter shape, over every 五十音 row, 種別 and 分野 of the data
 * set. */
static void test_every_page(void **state)
{
	size_t nkinds, nfields, all;
	char **kinds =
	    codes("SELECT code FROM group_kinds ORDER BY code", &nkinds);
	char **fields =
	    codes("SELECT code FROM fields ORDER BY code", &nfields);
	struct group_filter f = {0};
	size_t sum;

	(void)state;
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
	/* 分野, alone and with a row, a 種別, both */
	for (size_t i = 0; i < nfields; i++) {
		f = (struct group_filter){NULL, NULL, fields[i]};
		check_filter(&f);
		f.kana_row = "あ";
		check_filter(&f);
		f.kana_row = "か";
		check_filter(&f);
		f.kind = "npo";
		check_filter(&f);
		f.kana_row = NULL;
		for (size_t k = 0; k < nkinds; k++) {
			f.kind = kinds[k];
			check_filter(&f);
		}
	}
	codes_free(kinds, nkinds);
	codes_free(fields, nfields);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_page),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
