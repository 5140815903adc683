/* The staff forms' choice lists from the fragment store (pages/staff.h:
 * staff_choices, staff_master_rows, staff_group_statuses, staff_master):
 * the same lists as the SQL gives, on a miss and on a hit; a new array
 * for every call, so that a caller changing an entry (dept_choices() marks
 * its own department's name) never changes the stored list; and, after a
 * master change — a model write function or a direct UPDATE — the next
 * request's list shows it (the store is keyed by the database
 * generation), as does the rest of a request that wrote. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/groups_write.h"
#include "model/masters_write.h"
#include "model/projects_write.h"
#include "pages/pages.h"
#include "pages/staff.h"
#include "testdb.h"
#include "view/fragment.h"

static const struct user_actor who = {0, "test"};

static struct db *db;
static struct arena arena;
static unsigned nreq; /* requests made: each gets its own id */

static int setup(void **state)
{
	(void)state;
	db = testdb_open("demo", NULL);
	arena_init(&arena, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	db_close(db);
	frag_clear();
	return 0;
}

static int fresh(void **state)
{
	(void)state;
	frag_clear();
	return 0;
}

/* A new request on the worker's connection, as the fragment users' tests
 * make one (its own request id: the store checks the generation once per
 * request). */
static void next_request(struct request *r)
{
	memset(r, 0, sizeof(*r));
	r->db = db;
	r->arena = &arena;
	snprintf(r->request_id, sizeof(r->request_id), "%016x", ++nreq);
}

static void exec(const char *sql)
{
	assert_int_equal(sqlite3_exec(db->h, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* got holds exactly the entries of want, in its order. */
static void same_list(const struct code_list *got, const struct code_list *want)
{
	assert_non_null(got);
	assert_int_equal(got->n, want->n);
	for (size_t i = 0; i < want->n; i++) {
		assert_string_equal(got->v[i].code, want->v[i].code);
		assert_string_equal(got->v[i].name, want->v[i].name);
	}
}

/* The name of code in l, NULL when l does not list it. */
static const char *name_of(const struct code_list *l, const char *code)
{
	return page_code_in(l, code);
}

static unsigned long long hits(void)
{
	struct frag_stats st;

	frag_get_stats(&st);
	return st.hits;
}

/* Every list, on the miss that reads and stores it and on the hit after,
 * equals the SQL one; each call's array is new. */
static void test_same_as_sql(void **state)
{
	struct request r1, r2;
	struct code_list sql;

	(void)state;
	for (int c = 0; c < PC__MAX; c++) {
		struct code_list *miss, *hit;
		unsigned long long h;

		assert_int_equal(
		    project_choices(db, &arena, (enum pchoice)c, &sql), MS_OK);
		next_request(&r1);
		h = hits();
		miss = staff_choices(&r1, (enum pchoice)c);
		same_list(miss, &sql);
		assert_int_equal(hits(), h); /* read from SQLite */
		next_request(&r2);
		hit = staff_choices(&r2, (enum pchoice)c);
		same_list(hit, &sql);
		assert_int_equal(hits(), h + 1); /* from the store */
		assert_ptr_not_equal(hit, miss);
		assert_ptr_not_equal(hit->v, miss->v);
		if (c == PC_POLICY || c == PC_ROLE || c == PC_DEPT_ALL)
			assert_true(sql.n > 0); /* the demo data has rows */
	}
	for (int m = 0; m < MASTER__MAX; m++)
		for (int all = 0; all < 2; all++) {
			unsigned long long h;

			assert_int_equal(
			    all ? master_all(db, &arena, (enum master)m, &sql)
			        : master_list(db, &arena, (enum master)m, &sql),
			    MS_OK);
			assert_true(sql.n > 0);
			next_request(&r1);
			h = hits();
			same_list(staff_master_rows(&r1, (enum master)m, all),
			          &sql);
			next_request(&r2);
			same_list(staff_master_rows(&r2, (enum master)m, all),
			          &sql);
			assert_int_equal(hits(), h + 1);
		}
	assert_int_equal(group_statuses(db, &arena, &sql), MS_OK);
	next_request(&r1);
	same_list(staff_group_statuses(&r1), &sql);
	next_request(&r2);
	same_list(staff_group_statuses(&r2), &sql);
	arena_reset(&arena);
}

/* What a caller writes into its list stays in its list: the next one
 * (stored, the same request or the next) is as the SQL gives it. */
static void test_caller_changes_its_copy(void **state)
{
	struct request r;
	struct code_list sql, *l;
	const char *name;

	(void)state;
	assert_int_equal(project_choices(db, &arena, PC_DEPT_ALL, &sql), MS_OK);
	next_request(&r);
	l = staff_choices(&r, PC_DEPT_ALL);
	assert_non_null(l);
	name = l->v[0].name;
	/* as dept_choices() marks a deactivated department */
	l->v[0].name = arena_printf(&arena, "%s%s", name, STAFF_INACTIVE_MARK);
	l->v[1] = l->v[0];
	l->n = 1;
	same_list(staff_choices(&r, PC_DEPT_ALL), &sql);
	next_request(&r);
	l = staff_choices(&r, PC_DEPT_ALL);
	same_list(l, &sql);
	assert_string_equal(l->v[0].name, name);
	arena_reset(&arena);
}

/* A change through the model write functions: the next request's lists
 * (stored before it) leave out the deactivated row, keep it in the lists
 * of every row, and staff_master() adds it back, marked, for a record
 * that still uses it — without touching what is stored. */
static void test_deactivated_row(void **state)
{
	struct request r;
	struct kv one = {"fields", "kankyo"};
	struct kvlist vals = {&one, 1};
	struct code_list *l;
	const char *msg;

	(void)state;
	next_request(&r);
	assert_non_null(name_of(staff_choices(&r, PC_ROLE), "kyoryoku"));
	assert_non_null(name_of(staff_choices(&r, PC_ROLE_ALL), "kyoryoku"));
	assert_non_null(
	    name_of(staff_master_rows(&r, MASTER_FIELD, 0), "kankyo"));
	assert_int_equal(masters_set_active(db, &arena, &who, MK_PARTNER_ROLE,
	                                    "kyoryoku", 0, &msg),
	                 WS_OK);
	assert_int_equal(
	    masters_set_active(db, &arena, &who, MK_FIELD, "kankyo", 0, &msg),
	    WS_OK);
	for (int k = 0; k < 2; k++) { /* read, then stored */
		next_request(&r);
		assert_null(name_of(staff_choices(&r, PC_ROLE), "kyoryoku"));
		assert_string_equal(
		    name_of(staff_choices(&r, PC_ROLE_ALL), "kyoryoku"),
		    "協力");
		assert_null(
		    name_of(staff_master_rows(&r, MASTER_FIELD, 0), "kankyo"));
		l = staff_master(&r, MASTER_FIELD, &vals, "fields");
		assert_non_null(l);
		assert_string_equal(l->v[l->n - 1].code, "kankyo");
		assert_string_equal(l->v[l->n - 1].name,
		                    "環境" STAFF_INACTIVE_MARK);
		assert_int_equal(l->n,
		                 staff_master_rows(&r, MASTER_FIELD, 0)->n + 1);
		/* without the record's value: the active rows only */
		l = staff_master(&r, MASTER_FIELD, NULL, "fields");
		assert_null(name_of(l, "kankyo"));
	}
	exec("UPDATE fields SET active = 1; UPDATE partner_roles SET active "
	     "= 1");
	next_request(&r);
	assert_string_equal(name_of(staff_choices(&r, PC_ROLE), "kyoryoku"),
	                    "協力");
	arena_reset(&arena);
}

/* The department kankyo's name in r's lists: project_choices(PC_DEPT_ALL)
 * and master table departments (all: deactivated rows too) must agree. */
static const char *kankyo(struct request *r, int all)
{
	const char *name = name_of(staff_choices(r, PC_DEPT_ALL), "kankyo");

	assert_non_null(name);
	assert_string_equal(
	    name_of(staff_master_rows(r, MASTER_DEPARTMENT, all), "kankyo"),
	    name);
	return name;
}

/* A direct UPDATE (another request's write, the import) between requests,
 * and one made during a request: the lists after it show it. */
static void test_renamed_department(void **state)
{
	struct request r;

	(void)state;
	next_request(&r);
	assert_string_equal(kankyo(&r, 0), "市民生活部 環境課");
	exec("UPDATE departments SET name = '市民生活部 環境政策課' WHERE "
	     "code = 'kankyo'");
	next_request(&r);
	assert_string_equal(kankyo(&r, 1), "市民生活部 環境政策課");
	assert_string_equal(kankyo(&r, 0), "市民生活部 環境政策課");
	/* written during this request: the rest of it reads SQLite */
	exec("UPDATE departments SET name = '市民生活部 環境課' WHERE code = "
	     "'kankyo'");
	assert_string_equal(kankyo(&r, 1), "市民生活部 環境課");
	next_request(&r);
	assert_string_equal(kankyo(&r, 0), "市民生活部 環境課");
	arena_reset(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_same_as_sql, fresh),
	    cmocka_unit_test_setup(test_caller_changes_its_copy, fresh),
	    cmocka_unit_test_setup(test_deactivated_row, fresh),
	    cmocka_unit_test_setup(test_renamed_department, fresh),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
