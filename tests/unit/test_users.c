/* The rules of users_update() that other writes can race with, on a
 * throw-away database file with two connections (two workers):
 *
 *  - the last enabled admin (協働推進課): two admins demoting or disabling
 *    each other at once both pass the page's check, read before either
 *    write; users_update refuses the second write (US_LAST_ADMIN) inside
 *    its transaction, so one enabled admin remains. The same through the
 *    real dispatcher and /admin/users/:id/edit: 422, the form again.
 *  - an account whose department admin has deactivated keeps it through
 *    disabling, enabling, a role change, a password reset and the admin's
 *    form (which shows it selected, marked （使用停止）), while choosing a
 *    deactivated department is still refused.
 *  - the staff pages of that account: all of them answer, its
 *    department's projects are listed and still save, but a new project
 *    cannot be given the deactivated department (422 with the message).
 *
 * Runs from the top directory (reads schema/ and templates/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "auth/auth.h"
#include "db/db.h"
#include "http/response.h"
#include "model/users.h"
#include "pages/routes.h"
#include "server/config.h"
#include "util/buf.h"
#include "testdb.h"
#include "view/template.h"

/* The accounts of the fixture (users.id). */
enum { ADM1 = 1, ADM2 = 2, STF = 3 };

/* One test's world: a database file and two connections to it. */
struct world {
	char path[64];     /* the database file */
	struct config cfg; /* defaults */
	struct db *c1;     /* one worker */
	struct db *c2;     /* another worker */
	struct arena a;    /* request and model memory */
};

static const struct user_actor actor = {0, "test"};

/* Remove the database file and its WAL files. */
static void unlink_db(const char *path)
{
	char p[80];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/* Two admins (ADM1 in kyodo, ADM2 without a department) and a staff
 * member of kikaku; kikaku and bunka deactivated for the department
 * tests (the last-admin tests do not look at departments). */
static int setup(void **state)
{
	static struct world w;
	char *err = NULL;

	memset(&w, 0, sizeof(w));
	snprintf(w.path, sizeof(w.path), "/tmp/kyodo-test-users-%d.db",
	         (int)getpid());
	unlink_db(w.path);
	config_defaults(&w.cfg);
	w.c1 = db_open(w.path, &w.cfg, 1);
	if (w.c1 == NULL || db_migrate(w.c1, "schema") < 0)
		return -1;
	w.c2 = db_open(w.path, &w.cfg, 0);
	if (w.c2 == NULL)
		return -1;
	if (sqlite3_exec(
	        w.c1->h,
	        "INSERT INTO users (id, username, display_name, password_hash, "
	        "role, department) VALUES "
	        "(1, 'adm1', '管理 一郎', '$argon2id$x', 'admin', 'kyodo'), "
	        "(2, 'adm2', '管理 二郎', '$argon2id$x', 'admin', NULL), "
	        "(3, 'stf', '職員 三郎', '$argon2id$x', 'staff', 'kikaku');"
	        "UPDATE departments SET active = 0 WHERE code IN ('kikaku', "
	        "'bunka');",
	        NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "setup: %s\n", err);
		sqlite3_free(err);
		return -1;
	}
	arena_init(&w.a, 0);
	if (tpl_init("templates") < 0)
		return -1;
	*state = &w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	db_close(w->c2);
	db_close(w->c1);
	arena_free(&w->a);
	unlink_db(w->path);
	return 0;
}

/* One integer from a literal query on connection db. */
static long long q(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL),
	                 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The version of account id as the edit form carries it (arena). */
static const char *version_of(struct world *w, long long id)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(w->c1->h,
	                                    "SELECT version FROM users WHERE "
	                                    "id = ?1",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return arena_printf(&w->a, "%lld", v);
}

/* Run literal SQL on db. */
static void exec(struct db *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* The editable fields of u, as a form that changes nothing would send. */
static struct user_input same(const struct user *u)
{
	struct user_input in = {0};

	in.display_name = u->display_name;
	in.email = u->email;
	in.role = u->role;
	in.department = u->department;
	in.group_id = u->group_id;
	in.disabled = u->disabled;
	in.version = u->version;
	return in;
}

/* How a test changes an admin: disable it, or make it staff. */
enum demotion { DISABLE, TO_STAFF };

/* The form of admin u, demoted as d. */
static struct user_input demoted(const struct user *u, enum demotion d)
{
	struct user_input in = same(u);

	if (d == DISABLE) {
		in.disabled = 1;
	} else {
		in.role = ROLE_STAFF;
		in.department = "kyodo";
	}
	return in;
}

/* ------------------------------------------------------- the last admin */

/* Two admins at once, each on their own connection, each demoting the
 * other (every pair of disable / role change): both pass the page's
 * check (users_other_admins, read before either write, as
 * page_admin_user_update does), the writes are serialized by BEGIN
 * IMMEDIATE, and the second is refused inside its transaction. Exactly one
 * succeeds; one enabled admin remains; the refused one wrote nothing. */
static void test_last_admin_race(void **state)
{
	struct world *w = *state;
	static const enum demotion how[][2] = {
	    {DISABLE, DISABLE},
	    {TO_STAFF, TO_STAFF},
	    {DISABLE, TO_STAFF},
	    {TO_STAFF, DISABLE},
	};

	for (size_t k = 0; k < sizeof(how) / sizeof(how[0]); k++) {
		struct user u1, u2;
		struct user_input in1, in2;
		long long audits, v1;

		/* worker 1 (ADM1's request) edits ADM2, worker 2 (ADM2's
		 * request) edits ADM1: both read, both pass the check */
		assert_int_equal(users_by_id(w->c1, &w->a, ADM2, &u2), US_OK);
		assert_int_equal(users_by_id(w->c2, &w->a, ADM1, &u1), US_OK);
		assert_int_equal(users_other_admins(w->c1, ADM2), 1);
		assert_int_equal(users_other_admins(w->c2, ADM1), 1);
		in2 = demoted(&u2, how[k][0]);
		in1 = demoted(&u1, how[k][1]);
		v1 = u1.version;
		audits = q(w->c1, "SELECT count(*) FROM audit_log");

		/* worker 1 writes first; worker 2 cannot begin meanwhile */
		assert_int_equal(db_begin(w->c1), 0);
		assert_int_equal(users_update(w->c1, &actor, &u2, &in2), US_OK);
		w->c2->busy_ms = 20;
		assert_int_equal(db_begin(w->c2), -1);
		w->c2->busy_ms = w->cfg.busy_timeout;
		assert_int_equal(db_commit(w->c1), 0);

		/* worker 2's write, from its check made before: refused */
		assert_int_equal(db_begin(w->c2), 0);
		assert_int_equal(users_update(w->c2, &actor, &u1, &in1),
		                 US_LAST_ADMIN);
		assert_int_equal(db_rollback(w->c2), 0);

		assert_int_equal(q(w->c1, "SELECT count(*) FROM users WHERE "
		                          "role = 'admin' AND disabled = 0"),
		                 1);
		assert_int_equal(q(w->c1, "SELECT role = 'admin' AND disabled "
		                          "= 0 FROM users WHERE id = 1"),
		                 1);
		assert_int_equal(q(w->c1, "SELECT version FROM users WHERE "
		                          "id = 1"),
		                 v1);
		/* the audit rows of worker 1's change only */
		assert_int_equal(q(w->c1, "SELECT count(*) FROM audit_log"),
		                 audits + (how[k][0] == DISABLE ? 1 : 2));
		assert_int_equal(q(w->c1, "SELECT count(*) FROM audit_log "
		                          "WHERE kind = 'users' AND "
		                          "record_id = 1"),
		                 0);
		/* ADM2 an enabled admin again for the next pair */
		exec(w->c1, "UPDATE users SET role = 'admin', department = "
		            "NULL, disabled = 0, version = version + 1 WHERE "
		            "id = 2");
		arena_reset(&w->a);
	}
}

/* One enabled admin, one connection: disabling it or changing its role
 * is refused whether or not a transaction is open, and writes nothing;
 * what leaves it an enabled admin saves; a disabled admin's account is
 * not held by the rule. */
static void test_last_admin_alone(void **state)
{
	struct world *w = *state;
	struct user u;
	struct user_input in;
	long long audits;

	exec(w->c1, "UPDATE users SET disabled = 1, version = version + 1 "
	            "WHERE id = 2");
	audits = q(w->c1, "SELECT count(*) FROM audit_log");
	assert_int_equal(users_by_id(w->c1, &w->a, ADM1, &u), US_OK);
	in = demoted(&u, DISABLE);
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_LAST_ADMIN);
	in = demoted(&u, TO_STAFF);
	assert_int_equal(db_begin(w->c1), 0);
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_LAST_ADMIN);
	assert_int_equal(db_rollback(w->c1), 0);
	in.role = ROLE_COMMITTEE;
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_LAST_ADMIN);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM users WHERE id = 1 "
	                          "AND role = 'admin' AND disabled = 0 AND "
	                          "version = 1"),
	                 1);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM audit_log"), audits);

	/* a change that keeps it an enabled admin */
	in = same(&u);
	in.display_name = "管理 一郎（改）";
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_OK);
	/* a stale form is a conflict first, not the last-admin rule */
	in = demoted(&u, DISABLE);
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_CONFLICT);

	/* the disabled admin is not held by the rule */
	assert_int_equal(users_by_id(w->c1, &w->a, ADM2, &u), US_OK);
	in = demoted(&u, TO_STAFF);
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_OK);

	/* with a second enabled admin, the first may go */
	exec(w->c1, "UPDATE users SET role = 'admin', disabled = 0, version = "
	            "version + 1 WHERE id = 2");
	assert_int_equal(users_by_id(w->c1, &w->a, ADM1, &u), US_OK);
	in = demoted(&u, DISABLE);
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_OK);
	arena_reset(&w->a);
}

/* -------------------------------------------------- through the pages */

/* A logged-in admin: the session cookie and its CSRF token. */
struct login {
	char cookie[TOKEN_CHARS + 1]; /* kyodo_session value */
	const char *csrf;             /* the session's token (arena) */
};

/* Start a session of user id on db into l. */
static void log_in(struct world *w, struct db *db, long long id,
                   struct login *l)
{
	struct request r;
	struct user *u = arena_alloc(&w->a, sizeof(*u));
	const char *p, *e;

	assert_non_null(u);
	assert_int_equal(users_by_id(db, &w->a, id, u), US_OK);
	testdb_request(&r, &w->a, &w->cfg, db, M_POST, "/login");
	assert_int_equal(session_start(&r, u), 0);
	p = strstr(r.set_cookie, SESSION_COOKIE "=");
	assert_non_null(p);
	p += strlen(SESSION_COOKIE "=");
	e = strchr(p, ';');
	assert_non_null(e);
	assert_true((size_t)(e - p) < sizeof(l->cookie));
	memcpy(l->cookie, p, (size_t)(e - p));
	l->cookie[e - p] = '\0';
	l->csrf = r.csrf_token;
}

/* Dispatch method path as l through the real route table on db, with the
 * form fields of the NULL-terminated name, value list (csrf_token added
 * for a POST). The response in r: status, body (free with buf_free). */
static void run(struct world *w, struct request *r, struct db *db,
                const struct login *l, enum method m, const char *path, ...)
{
	struct kv *f = arena_alloc(&w->a, 24 * sizeof(*f));
	struct kv *c = arena_alloc(&w->a, sizeof(*c));
	const char *name;
	size_t n = 0;
	va_list ap;

	assert_non_null(f);
	assert_non_null(c);
	testdb_request(r, &w->a, &w->cfg, db, m, path);
	c[0] = (struct kv){SESSION_COOKIE, l->cookie};
	r->cookies = (struct kvlist){c, 1};
	if (m == M_POST) {
		f[n++] = (struct kv){"csrf_token", l->csrf};
		r->origin = w->cfg.site_url;
	}
	va_start(ap, path);
	while ((name = va_arg(ap, const char *)) != NULL && n < 24)
		f[n++] = (struct kv){name, va_arg(ap, const char *)};
	va_end(ap);
	r->form = (struct kvlist){f, n};
	dispatch(r, routes, nroutes);
}

/* The body of r as a string. */
static const char *body(struct request *r)
{
	return buf_cstr(&r->out);
}

/* What the busy handler of the race below does: the other worker's
 * transaction to commit when this worker first waits for the lock. */
struct race {
	struct db *other; /* the connection holding the write lock */
	int calls;        /* times this worker waited */
};

/* Busy handler of the page's connection: the page is waiting in
 * db_begin() for the write lock the other worker holds — commit that
 * worker's transaction (after the page's checks, before its write), then
 * let SQLite retry. */
static int race_busy(void *arg, int count)
{
	struct race *race = arg;

	if (race->calls++ == 0)
		assert_int_equal(
		    sqlite3_exec(race->other->h, "COMMIT", NULL, NULL, NULL),
		    SQLITE_OK);
	return count < 100;
}

/* The race through the page: ADM1 saves ADM2's account as disabled while
 * ADM2's own save disabling ADM1 (the other worker) holds the write lock,
 * uncommitted. The page's check reads both enabled and passes; the other
 * save commits while the page waits in db_begin(); users_update then
 * refuses: 422, the form again with what was typed and the message beside
 * 利用停止, nothing written, one enabled admin left. */
static void test_last_admin_race_page(void **state)
{
	struct world *w = *state;
	struct race race = {w->c2, 0};
	struct user u1;
	struct user_input in1;
	struct login l;
	struct request r;
	const char *version;

	log_in(w, w->c1, ADM1, &l);
	version = version_of(w, ADM2);

	/* the other worker: ADM2 disables ADM1, not committed yet */
	assert_int_equal(users_by_id(w->c2, &w->a, ADM1, &u1), US_OK);
	in1 = demoted(&u1, DISABLE);
	assert_int_equal(db_begin(w->c2), 0);
	assert_int_equal(users_update(w->c2, &actor, &u1, &in1), US_OK);

	sqlite3_busy_handler(w->c1->h, race_busy, &race);
	run(w, &r, w->c1, &l, M_POST, "/admin/users/2/edit", "version", version,
	    "display_name", "管理 二郎（停止）", "role", "admin", "disabled",
	    "1", NULL);
	sqlite3_busy_timeout(w->c1->h, 5000);
	/* the page got past its check and waited for the lock */
	assert_true(race.calls > 0);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(body(&r), "有効な協働推進課の利用者がいなくなる"
	                                 "ため、変更できません。"));
	assert_non_null(strstr(body(&r), "id=\"disabled-error\""));
	assert_non_null(strstr(body(&r), "value=\"管理 二郎（停止）\""));
	assert_non_null(strstr(body(&r), "name=\"disabled\" value=\"1\" "
	                                 "checked"));
	buf_free(&r.out);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM users WHERE role = "
	                          "'admin' AND disabled = 0"),
	                 1);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM users WHERE id = 2 AND "
	                          "disabled = 0 AND display_name = '管理 "
	                          "二郎'"),
	                 1);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM audit_log WHERE kind = "
	                          "'users' AND record_id = 2"),
	                 0);
	arena_reset(&w->a);
}

/* ------------------------------------------- a deactivated department */

/* STF's department kikaku is deactivated: disabling, enabling, a role
 * change that keeps it, and a password reset save; a role without a
 * department drops it; choosing kikaku again afterwards, or another
 * deactivated department, or kikaku for a new account is refused. */
static void test_deactivated_department(void **state)
{
	struct world *w = *state;
	struct user u;
	struct user_input in;
	long long id;

	assert_int_equal(users_by_id(w->c1, &w->a, STF, &u), US_OK);
	assert_string_equal(u.department, "kikaku");
	assert_string_equal(u.department_name, "企画部 企画課");
	assert_int_equal(users_department_exists(w->c1, "kikaku"), 0);

	/* disable, enable: what kyodo user disable / enable send */
	in = same(&u);
	in.disabled = 1;
	assert_int_equal(db_begin(w->c1), 0);
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_OK);
	assert_int_equal(db_commit(w->c1), 0);
	assert_int_equal(users_by_id(w->c1, &w->a, STF, &u), US_OK);
	assert_int_equal(u.disabled, 1);
	in = same(&u);
	in.disabled = 0;
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_OK);
	/* a password reset */
	assert_int_equal(users_set_password(w->c1, &actor, STF, "$argon2id$y"),
	                 US_OK);
	/* another department that is deactivated: refused, nothing written */
	assert_int_equal(users_by_id(w->c1, &w->a, STF, &u), US_OK);
	in = same(&u);
	in.department = "bunka";
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_NOTFOUND);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM users WHERE id = 3 AND "
	                          "department = 'kikaku'"),
	                 1);
	/* staff → admin, keeping kikaku */
	in = same(&u);
	in.role = ROLE_ADMIN;
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_OK);
	assert_int_equal(users_by_id(w->c1, &w->a, STF, &u), US_OK);
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_string_equal(u.department, "kikaku");
	/* → committee: no department kept */
	in = same(&u);
	in.role = ROLE_COMMITTEE;
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_OK);
	assert_int_equal(users_by_id(w->c1, &w->a, STF, &u), US_OK);
	assert_null(u.department);
	/* back to staff: kikaku would be chosen anew, refused */
	in = same(&u);
	in.role = ROLE_STAFF;
	in.department = "kikaku";
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_NOTFOUND);
	in.department = "kankyo";
	assert_int_equal(users_update(w->c1, &actor, &u, &in), US_OK);
	/* a new account in a deactivated department: refused */
	in = (struct user_input){0};
	in.display_name = "新人";
	in.role = ROLE_STAFF;
	in.department = "kikaku";
	assert_int_equal(
	    users_create(w->c1, &actor, "newbie", &in, "$argon2id$x", &id),
	    US_NOTFOUND);
	in.department = "kankyo";
	assert_int_equal(
	    users_create(w->c1, &actor, "newbie", &in, "$argon2id$x", &id),
	    US_OK);
	arena_reset(&w->a);
}

/* The admin's form for STF (kikaku deactivated): kikaku shown selected,
 * marked （使用停止）, and absent from a new account's choices; a save that
 * leaves it (a name change, disabling, a password reset) goes through;
 * choosing another deactivated department, or kikaku for a new account,
 * is answered 422 with the message and the values kept. */
static void test_deactivated_department_form(void **state)
{
	struct world *w = *state;
	struct login l;
	struct request r;
	const char *version;

	log_in(w, w->c1, ADM1, &l);
	run(w, &r, w->c1, &l, M_GET, "/admin/users/3/edit", NULL);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(body(&r), "<option value=\"kikaku\" selected>"
	                                 "企画部 企画課（使用停止）</option>"));
	assert_null(strstr(body(&r), "value=\"bunka\""));
	buf_free(&r.out);
	run(w, &r, w->c1, &l, M_GET, "/admin/users/new", NULL);
	assert_int_equal(r.status, 200);
	assert_null(strstr(body(&r), "value=\"kikaku\""));
	assert_non_null(strstr(body(&r), "value=\"kankyo\""));
	buf_free(&r.out);

	/* a name change, then disabling, then a password reset */
	version = version_of(w, STF);
	run(w, &r, w->c1, &l, M_POST, "/admin/users/3/edit", "version", version,
	    "display_name", "職員 三郎（改）", "role", "staff", "department",
	    "kikaku", NULL);
	assert_int_equal(r.status, 303);
	buf_free(&r.out);
	version = version_of(w, STF);
	run(w, &r, w->c1, &l, M_POST, "/admin/users/3/edit", "version", version,
	    "display_name", "職員 三郎（改）", "role", "staff", "department",
	    "kikaku", "disabled", "1", "password", "reset-password-1",
	    "password_confirm", "reset-password-1", NULL);
	assert_int_equal(r.status, 303);
	buf_free(&r.out);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM users WHERE id = 3 AND "
	                          "display_name = '職員 三郎（改）' AND "
	                          "department = 'kikaku' AND disabled = 1"),
	                 1);

	/* another deactivated department: 422, the values kept */
	version = version_of(w, STF);
	run(w, &r, w->c1, &l, M_POST, "/admin/users/3/edit", "version", version,
	    "display_name", "職員 三郎（再）", "role", "staff", "department",
	    "bunka", "disabled", "1", NULL);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(body(&r), "選んだ担当課が見つかりません。"));
	assert_non_null(strstr(body(&r), "value=\"職員 三郎（再）\""));
	assert_non_null(strstr(body(&r), "<option value=\"bunka\" selected>"));
	assert_non_null(strstr(body(&r), "<option value=\"kikaku\">"
	                                 "企画部 企画課（使用停止）</option>"));
	buf_free(&r.out);
	/* a new account in it: 422 */
	run(w, &r, w->c1, &l, M_POST, "/admin/users/new", "username", "newbie",
	    "display_name", "新人", "role", "staff", "department", "kikaku",
	    "password", "good-password-1", "password_confirm",
	    "good-password-1", NULL);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(body(&r), "選んだ担当課が見つかりません。"));
	assert_non_null(strstr(body(&r), "value=\"newbie\""));
	buf_free(&r.out);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM users WHERE id = 3 AND "
	                          "display_name = '職員 三郎（改）'"),
	                 1);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM users WHERE username "
	                          "= 'newbie'"),
	                 0);
	arena_reset(&w->a);
}

/* The staff pages of STF (kikaku deactivated): every page answers 200,
 * the dashboard and the list show kikaku's project without the new
 * project link and with the notice, the new form shows kikaku marked
 * （使用停止） with the reason; creating a project in kikaku is answered
 * 422 with the message and nothing written, while the project of kikaku
 * still saves, keeping its department. */
static void test_deactivated_department_staff(void **state)
{
	static const char *const pages[] = {
	    "/staff",
	    "/staff/projects",
	    "/staff/projects/new",
	    "/staff/groups",
	    "/staff/projects/1/edit",
	    "/staff/groups/new",
	    "/staff/history/project/1",
	};
	static const char stopped[] = "使用停止になっているため、新しい協働事業"
	                              "は登録できません";
	struct world *w = *state;
	struct login l;
	struct request r;

	exec(w->c1, "INSERT INTO projects (id, fiscal_year, title, form, "
	            "domain, proposal_type, department, status) VALUES (1, "
	            "CAST(strftime('%Y', 'now', '-3 months') AS INTEGER), "
	            "'企画の事業', 'joho', 'gyosei_shudo', 'gyosei', 'kikaku', "
	            "'jisshi')");
	log_in(w, w->c1, STF, &l);
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		run(w, &r, w->c1, &l, M_GET, pages[i], NULL);
		if (r.status != 200)
			fail_msg("%s answered %d", pages[i], r.status);
		if (i < 2) {
			assert_non_null(strstr(body(&r), "企画の事業"));
			assert_non_null(strstr(body(&r), stopped));
			assert_null(strstr(body(&r), "/staff/projects/new\""));
		}
		if (i == 2) {
			assert_non_null(strstr(body(&r), stopped));
			assert_non_null(strstr(
			    body(&r), "<option value=\"kikaku\" selected>"
			              "企画部 企画課（使用停止）</option>"));
		}
		buf_free(&r.out);
	}

	/* a new project in kikaku: 422, the message, the title kept */
	run(w, &r, w->c1, &l, M_POST, "/staff/projects/new", "fiscal_year",
	    "2025", "title", "新しい事業", "form", "joho", "domain",
	    "gyosei_shudo", "proposal_type", "gyosei", "department", "kikaku",
	    "status", "teian", NULL);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(body(&r), "担当課「企画部 企画課」は使用停止に"
	                                 "なっているため、選べません。"));
	assert_non_null(strstr(body(&r), "value=\"新しい事業\""));
	buf_free(&r.out);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM projects"), 1);

	/* kikaku's project still saves, in kikaku */
	run(w, &r, w->c1, &l, M_POST, "/staff/projects/1/edit", "version", "1",
	    "fiscal_year", "2025", "title", "企画の事業（改）", "form", "joho",
	    "domain", "gyosei_shudo", "proposal_type", "gyosei", "department",
	    "kikaku", "status", "jisshi", NULL);
	assert_int_equal(r.status, 303);
	buf_free(&r.out);
	assert_int_equal(q(w->c1, "SELECT count(*) FROM projects WHERE id = 1 "
	                          "AND title = '企画の事業（改）' AND "
	                          "department = 'kikaku'"),
	                 1);
	arena_reset(&w->a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_last_admin_race, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_last_admin_alone, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_last_admin_race_page, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_deactivated_department, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_deactivated_department_form,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_deactivated_department_staff,
	                                    setup, teardown),
	};

	return cmocka_run_group_tests_name("users", tests, NULL, NULL);
}
