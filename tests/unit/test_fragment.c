/* The fragment store (src/view/fragment.c): a value comes back on the next
 * request; it is gone once this connection or another one changed the
 * database, or after the ttl; a write during a request bypasses the store
 * for the rest of it; the byte bound holds (a value that does not fit comes
 * back as a copy and is not kept). */
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
#include "view/fragment.h"

struct fixture {
	char path[64];
	struct db *db;   /* this worker */
	struct db *peer; /* another worker */
	struct arena a;
	int n; /* requests made */
};

static long long fake_now;
static long long fake_clock(void)
{
	return fake_now;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	snprintf(f->path, sizeof(f->path), "/tmp/kyodo-test-frag-%d.db",
	         (int)getpid());
	unlink(f->path);
	f->db = db_open(f->path, NULL, 1);
	assert_non_null(f->db);
	assert_int_equal(sqlite3_exec(f->db->h,
	                              "CREATE TABLE t (x INTEGER) STRICT", NULL,
	                              NULL, NULL),
	                 SQLITE_OK);
	f->peer = db_open(f->path, NULL, 0);
	assert_non_null(f->peer);
	arena_init(&f->a, 0);
	frag_clear();
	fake_now = 1000;
	frag_set_clock(fake_clock);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char p[80];

	db_close(f->peer);
	db_close(f->db);
	arena_free(&f->a);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	frag_clear();
	free(f);
	return 0;
}

/* A new request (a new request id) on this worker's connection. */
static void next_request(struct fixture *f, struct request *r)
{
	memset(r, 0, sizeof(*r));
	r->db = f->db;
	r->arena = &f->a;
	snprintf(r->request_id, sizeof(r->request_id), "%016x", ++f->n);
}

/* Store key = {value, "b"} in a new request. */
static void put(struct fixture *f, const char *key, const char *value)
{
	struct request r;
	struct frag out;
	const char *s[2] = {value, "b"};

	next_request(f, &r);
	assert_int_equal(frag_put(&r, key, s, NULL, 2, &out), 0);
	assert_int_equal(out.n, 2);
	assert_string_equal(out.s[0], value);
	assert_int_equal(out.len[0], strlen(value));
}

/* 1 when key is stored, as seen by a new request. */
static int has(struct fixture *f, const char *key)
{
	struct request r;
	struct frag out;

	next_request(f, &r);
	return frag_get(&r, key, &out);
}

static void exec(struct db *db, const char *sql)
{
	assert_int_equal(sqlite3_exec(db->h, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void test_kept_between_requests(void **state)
{
	struct fixture *f = *state;
	struct request r;
	struct frag out;

	put(f, "sel:form", "<option>a</option>");
	next_request(f, &r);
	assert_int_equal(frag_get(&r, "sel:form", &out), 1);
	assert_string_equal(out.s[0], "<option>a</option>");
	assert_string_equal(out.s[1], "b");
	assert_int_equal(out.len[1], 1);
	assert_int_equal(frag_get(&r, "sel:field", &out), 0);
}

static void test_own_write_empties(void **state)
{
	struct fixture *f = *state;

	put(f, "k", "v");
	assert_true(has(f, "k"));
	exec(f->db, "INSERT INTO t VALUES (1)"); /* e.g. admin saves a name */
	assert_false(has(f, "k"));
}

static void test_other_connection_empties(void **state)
{
	struct fixture *f = *state;

	put(f, "k", "v");
	assert_true(has(f, "k"));
	exec(f->peer, "INSERT INTO t VALUES (2)"); /* another worker */
	assert_false(has(f, "k"));
	put(f, "k", "v2");
	assert_true(has(f, "k"));
}

static void test_write_during_request_bypasses(void **state)
{
	struct fixture *f = *state;
	struct request r;
	struct frag out;
	const char *s[1] = {"new"};

	put(f, "k", "v");
	next_request(f, &r);
	assert_int_equal(frag_get(&r, "k", &out), 1);
	exec(f->db, "INSERT INTO t VALUES (3)");
	/* the rest of this request neither reads nor keeps */
	assert_int_equal(frag_get(&r, "k", &out), 0);
	assert_int_equal(frag_put(&r, "k2", s, NULL, 1, &out), 0);
	assert_string_equal(out.s[0], "new");
	assert_false(has(f, "k"));
	assert_false(has(f, "k2"));
}

static void test_ttl(void **state)
{
	struct fixture *f = *state;

	put(f, "k", "v");
	fake_now += FRAG_TTL - 1;
	assert_true(has(f, "k"));
	fake_now += 1;
	assert_false(has(f, "k"));
}

static void test_bound(void **state)
{
	struct fixture *f = *state;
	size_t big = FRAG_MAX_BYTES / 3;
	char *v = malloc(big + 1);
	struct frag_stats st;
	struct request r;
	struct frag out;
	const char *s[1];

	assert_non_null(v);
	memset(v, 'x', big);
	v[big] = '\0';
	s[0] = v;
	put(f, "a", v);
	put(f, "b", v);
	frag_get_stats(&st);
	assert_int_equal(st.entries, 2);
	/* the third does not fit: a copy in the arena, not kept */
	next_request(f, &r);
	assert_int_equal(frag_put(&r, "c", s, NULL, 1, &out), 0);
	assert_int_equal(out.len[0], big);
	assert_true(out.s[0] != v);
	assert_int_equal(frag_get(&r, "c", &out), 0);
	assert_int_equal(frag_get(&r, "a", &out), 1); /* still valid */
	frag_get_stats(&st);
	assert_true(st.bytes <= FRAG_MAX_BYTES);
	/* full: emptied when the next request begins */
	assert_false(has(f, "a"));
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_kept_between_requests, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_own_write_empties, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_other_connection_empties,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_write_during_request_bypasses,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ttl, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bound, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
