/* Accounts: password hashing, tokens, CSRF comparison, the session expiry
 * rules, throttling, validators, the users model, and the permission
 * matrix (every role x every route, through the real dispatcher with real
 * sessions). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "auth/auth.h"
#include "db/db.h"
#include "http/response.h"
#include "model/users.h"
#include "pages/routes.h"
#include "server/config.h"
#include "testdb.h"
#include "util/buf.h"
#include "view/template.h"

/* ------------------------------------------------------------ passwords */

static void test_password_hash(void **state)
{
	char h[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash("kyodo-demo", h), 0);
	assert_int_equal(strncmp(h, "$argon2id$", 10), 0);
	assert_true(password_verify(h, "kyodo-demo"));
	assert_false(password_verify(h, "kyodo-demO"));
	assert_false(password_verify(h, "kyodo-dem"));
	assert_false(password_verify(h, ""));
	assert_false(password_needs_rehash(h));
	/* a new salt every time */
	assert_int_equal(password_hash("kyodo-demo", h2), 0);
	assert_string_not_equal(h, h2);
	assert_true(password_verify(h2, "kyodo-demo"));
	/* malformed hashes never verify */
	assert_false(password_verify("", "x"));
	assert_false(password_verify("$argon2id$v=19$garbage", "x"));
	assert_false(password_verify(NULL, "x"));
}

static void test_password_rehash(void **state)
{
	char cheap[PASSWORD_HASH_MAX], strong[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash_cost("correct horse",
	                                    crypto_pwhash_OPSLIMIT_MIN,
	                                    crypto_pwhash_MEMLIMIT_MIN, cheap),
	                 0);
	assert_true(password_verify(cheap, "correct horse"));
	assert_true(password_needs_rehash(cheap));
	assert_int_equal(password_hash_cost("correct horse",
	                                    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                    crypto_pwhash_MEMLIMIT_INTERACTIVE,
	                                    strong),
	                 0);
	assert_false(password_needs_rehash(strong));
	/* other algorithms and garbage: rehash */
	assert_true(password_needs_rehash(
	    "$argon2i$v=19$m=32768,t=4,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"));
	assert_true(password_needs_rehash("$2y$10$abcdefghijklmnopqrstuv"));
	assert_true(password_needs_rehash(""));
	assert_true(password_needs_rehash(NULL));
}

static void test_password_policy(void **state)
{
	static const char *const valid[] = {
	    "kyodo-demo", /* exactly 10 */
	    "correct horse battery staple",
	    "協働のまちづくり推進課です", /* 13 characters, 39 bytes */
	    " leading-space",
	};
	static const struct {
		const char *pw, *user;
	} invalid[] = {
	    {"", NULL},
	    {"kyodo-dem", NULL},                /* 9 */
	    {"協働のまちづくり", NULL},         /* 8 characters, 24 bytes */
	    {"line\nbreak-pw", NULL},           /* control character */
	    {"tab\tseparated", NULL},           /* control character */
	    {"tanaka.hanako", "Tanaka.Hanako"}, /* the username */
	    {"\xff\xfe-not-utf8-at-all", NULL},
	};
	char longpw[PASSWORD_MAX_BYTES + 2];

	(void)state;
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		assert_null(password_policy(valid[i], "someone"));
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		const char *m = password_policy(invalid[i].pw, invalid[i].user);

		if (m == NULL)
			fail_msg("accepted invalid password #%zu", i);
	}
	assert_non_null(password_policy(NULL, NULL));
	memset(longpw, 'a', sizeof(longpw) - 1);
	longpw[sizeof(longpw) - 1] = '\0';
	assert_non_null(password_policy(longpw, NULL));
	longpw[PASSWORD_MAX_BYTES] = '\0';
	assert_null(password_policy(longpw, NULL));
}

/* --------------------------------------------------------------- tokens */

static void test_tokens(void **state)
{
	char a[TOKEN_CHARS + 1], b[TOKEN_CHARS + 1];
	unsigned char raw[TOKEN_BYTES], back[TOKEN_BYTES];
	unsigned char h1[TOKEN_HASH_BYTES], h2[TOKEN_HASH_BYTES];

	(void)state;
	token_new(a, raw);
	token_new(b, NULL);
	assert_int_equal(strlen(a), TOKEN_CHARS);
	assert_string_not_equal(a, b);
	for (const char *p = a; *p; p++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		                       "abcdefghijklmnopqrstuvwxyz0123456789-_",
		                       *p));
	assert_int_equal(token_decode(a, back), 0);
	assert_memory_equal(raw, back, TOKEN_BYTES);
	token_hash(raw, h1);
	token_hash(back, h2);
	assert_memory_equal(h1, h2, TOKEN_HASH_BYTES);
	assert_memory_not_equal(h1, raw, TOKEN_BYTES);
}

static void test_token_decode_invalid(void **state)
{
	char ok[TOKEN_CHARS + 1];
	unsigned char raw[TOKEN_BYTES];
	static const char *const invalid[] = {
	    "",
	    "short",
	    /* 44 characters, padded base64 */
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
	    /* standard alphabet characters */
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/",
	    /* last character carries bits beyond 32 bytes */
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ",
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		if (token_decode(invalid[i], raw) == 0)
			fail_msg("decoded invalid token #%zu", i);
	assert_int_equal(token_decode(NULL, raw), -1);
	assert_int_equal(
	    token_decode("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", raw),
	    0);
	token_new(ok, NULL);
	assert_int_equal(token_decode(ok, raw), 0);
}

static void test_csrf_compare(void **state)
{
	static const struct {
		const char *a, *b;
		int want;
	} cases[] = {
	    {"abcdefghijklmnop", "abcdefghijklmnop", 1},
	    {"abcdefghijklmnop", "abcdefghijklmnoq", 0},
	    {"abcdefghijklmnop", "abcdefghijklmno", 0},
	    {"abcdefghijklmno", "abcdefghijklmnop", 0},
	    {"", "", 0},
	    {NULL, "abc", 0},
	    {"abc", NULL, 0},
	    {NULL, NULL, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(token_equal(cases[i].a, cases[i].b),
		                 cases[i].want);
}

/* ------------------------------------------------------ expiry, throttle */

static void test_session_state(void **state)
{
	const time_t t = 1700000000;
	static const struct {
		long now, last_seen, expires; /* offsets from t */
		int idle;
		enum session_state want;
	} cases[] = {
	    {0, 0, 43200, 7200, SESSION_VALID},
	    {7199, 0, 43200, 7200, SESSION_VALID},
	    {7200, 0, 43200, 7200, SESSION_IDLE},
	    {9000, 3000, 43200, 7200, SESSION_VALID}, /* touched */
	    {43199, 43000, 43200, 7200, SESSION_VALID},
	    {43200, 43199, 43200, 7200, SESSION_EXPIRED}, /* absolute */
	    {50000, 0, 43200, 7200, SESSION_EXPIRED},
	    {100, 0, 43200, 60, SESSION_IDLE},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(
		    session_state(t + cases[i].now, t + cases[i].last_seen,
		                  t + cases[i].expires, cases[i].idle),
		    cases[i].want);
}

static void test_throttle_delay(void **state)
{
	static const struct {
		int failures, free;
		long want;
	} cases[] = {
	    {0, 5, 0},       {4, 5, 0},     {5, 5, 60},    {6, 5, 120},
	    {7, 5, 240},     {10, 5, 1920}, {11, 5, 3600}, {12, 5, 3600},
	    {1000, 5, 3600}, {19, 20, 0},   {20, 20, 60},  {21, 20, 120},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(
		    throttle_delay(cases[i].failures, cases[i].free),
		    cases[i].want);
}

/* ------------------------------------------------------------ validators */

static void test_username(void **state)
{
	static const char *const valid[] = {
	    "a",
	    "admin",
	    "tanaka.hanako",
	    "t_2024",
	    "A-Z.09_x",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	static const char *const invalid[] = {
	    "",
	    "tanaka hanako",
	    "田中",
	    "a/b",
	    "a@b",
	    "a;b",
	    "<script>",
	    "a\nb",
	    "bad!name",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		if (user_check_username(valid[i]) != NULL)
			fail_msg("refused valid username '%s'", valid[i]);
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		if (user_check_username(invalid[i]) == NULL)
			fail_msg("accepted invalid username #%zu", i);
}

static void test_roles(void **state)
{
	(void)state;
	for (int i = ROLE_GROUP; i < ROLE__MAX; i++) {
		assert_non_null(role_code((enum role)i));
		assert_int_equal(role_from_code(role_code((enum role)i)), i);
	}
	assert_string_equal(role_label(ROLE_ADMIN), "協働推進課");
	assert_string_equal(role_label(ROLE_STAFF), "職員");
	assert_string_equal(role_label(ROLE_COMMITTEE), "委員");
	assert_string_equal(role_label(ROLE_GROUP), "団体担当者");
	assert_null(role_code(ROLE_PUBLIC));
	assert_int_equal(role_from_code("root"), ROLE_PUBLIC);
	assert_int_equal(role_from_code(NULL), ROLE_PUBLIC);
	assert_int_equal(role_from_code("Admin"), ROLE_PUBLIC);
}

static void test_safe_next(void **state)
{
	struct arena a;
	static const struct {
		const char *in, *want;
	} valid[] = {
	    {"/", "/"},
	    {"/admin/users", "/admin/users"},
	    {"/projects?year=2024&form=hojo", "/projects?year=2024&form=hojo"},
	    {"/groups/%E3%81%82", "/groups/%E3%81%82"},
	    {"/groups/あ", "/groups/%E3%81%82"},
	    {"/a b", "/a%20b"},
	    {"/x\"<y>", "/x%22%3Cy%3E"},
	};
	static const char *const invalid[] = {
	    "",
	    "admin",
	    "//evil.example/",
	    "/\\evil.example",
	    "/a\\b",
	    "http://evil.example/",
	    "https:/evil",
	    "javascript:alert(1)",
	    "/a\r\nSet-Cookie: x=1",
	    "/a\tb",
	    " /admin",
	};
	char big[1100];

	(void)state;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		const char *got = auth_safe_next(&a, valid[i].in);

		assert_non_null(got);
		assert_string_equal(got, valid[i].want);
	}
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
		if (auth_safe_next(&a, invalid[i]) != NULL)
			fail_msg("accepted next #%zu", i);
	assert_null(auth_safe_next(&a, NULL));
	big[0] = '/';
	memset(big + 1, 'a', sizeof(big) - 2);
	big[sizeof(big) - 1] = '\0';
	assert_null(auth_safe_next(&a, big));
	arena_free(&a);
}

/* -------------------------------------------------- database fixtures */

static struct config cfg;
static struct db *db;
static struct arena arena;
static long long group_id;

/* One user per role, with its session cookie and CSRF token. */
static struct {
	struct user u;
	char cookie[TOKEN_CHARS + 1]; /* kyodo_session value ("" for public) */
	char csrf[TOKEN_CHARS + 1];   /* session CSRF token or pre-session */
} who[ROLE__MAX];

/* A kvlist of up to two pairs (NULL names are left out). */
static void kvs(struct kvlist *l, const char *n1, const char *v1,
                const char *n2, const char *v2)
{
	l->v = arena_alloc(&arena, 2 * sizeof(struct kv));
	l->n = 0;
	if (n1 != NULL)
		l->v[l->n++] = (struct kv){n1, v1};
	if (n2 != NULL)
		l->v[l->n++] = (struct kv){n2, v2};
}

/* The value of cookie name in a Set-Cookie block, into out. */
static void cookie_from(const char *headers, const char *name, char *out,
                        size_t n)
{
	char key[64];
	const char *p, *e;

	snprintf(key, sizeof(key), "Set-Cookie: %s=", name);
	p = strstr(headers, key);
	assert_non_null(p);
	p += strlen(key);
	e = strchr(p, ';');
	assert_non_null(e);
	assert_true((size_t)(e - p) < n);
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
}

static int db_setup(void **state)
{
	static const struct {
		enum role role;
		const char *name;
	} accounts[] = {
	    {ROLE_GROUP, "grp"},
	    {ROLE_STAFF, "stf"},
	    {ROLE_COMMITTEE, "cmt"},
	    {ROLE_ADMIN, "adm"},
	};
	struct user_actor actor = {0, "test"};
	char hash[PASSWORD_HASH_MAX];

	(void)state;
	config_defaults(&cfg);
	arena_init(&arena, 0);
	db = testdb_open(NULL, "INSERT INTO groups (name, kana, kind) "
	                       "VALUES ('みなと子ども食堂', "
	                       "'ミナトコドモショクドウ', 'npo')");
	group_id = testdb_int(db, "SELECT max(id) FROM groups");
	if (password_hash_cost("test-password", crypto_pwhash_OPSLIMIT_MIN,
	                       crypto_pwhash_MEMLIMIT_MIN, hash) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(accounts) / sizeof(accounts[0]); i++) {
		struct user_input in = {0};
		struct request r;
		long long id;
		enum role role = accounts[i].role;

		in.display_name = accounts[i].name;
		in.role = role;
		in.department = role == ROLE_STAFF ? "fukushi" : NULL;
		in.group_id = role == ROLE_GROUP ? group_id : 0;
		if (users_create(db, &actor, accounts[i].name, &in, hash,
		                 &id) != US_OK ||
		    users_by_id(db, &arena, id, &who[role].u) != US_OK)
			return -1;
		testdb_request(&r, &arena, &cfg, db, M_POST, "/login");
		if (session_start(&r, &who[role].u) < 0)
			return -1;
		cookie_from(r.set_cookie, SESSION_COOKIE, who[role].cookie,
		            sizeof(who[role].cookie));
		snprintf(who[role].csrf, sizeof(who[role].csrf), "%s",
		         r.csrf_token);
	}
	token_new(who[ROLE_PUBLIC].csrf, NULL);
	tpl_init("templates");
	return 0;
}

static int db_teardown(void **state)
{
	(void)state;
	db_close(db);
	arena_free(&arena);
	return 0;
}

/* A request from role: its session cookie (or the pre-session CSRF
 * cookie), and for a POST the form's csrf_token and a same-site Origin. */
static void as_role(struct request *r, enum role role)
{
	if (role == ROLE_PUBLIC)
		kvs(&r->cookies, CSRF_COOKIE, who[role].csrf, NULL, NULL);
	else
		kvs(&r->cookies, SESSION_COOKIE, who[role].cookie, NULL, NULL);
	if (r->method == M_POST) {
		kvs(&r->form, "csrf_token", who[role].csrf, NULL, NULL);
		r->origin = cfg.site_url;
	}
}

/* ---------------------------------------------------- permission matrix */

/* Who may use each route: columns P(ublic) G(roup) S(taff) C(ommittee)
 * A(dmin); a letter allows, '-' denies. Every row of the route table must
 * be here (rows not in the table yet are the plan of issue 3, checked
 * once their route exists). */
static const struct {
	enum method method;
	const char *pattern;
	const char *allowed; /* "PGSCA" */
} matrix[] = {
    /* public pages */
    {M_GET, "/healthz", "PGSCA"},
    {M_GET, "/", "PGSCA"},
    {M_GET, "/projects", "PGSCA"},
    {M_GET, "/projects/:id", "PGSCA"},
    {M_GET, "/projects/:id/survey", "PGSCA"},
    {M_POST, "/projects/:id/survey", "PGSCA"},
    {M_GET, "/groups", "PGSCA"},
    {M_GET, "/groups/:id", "PGSCA"},
    {M_GET, "/forms", "PGSCA"},
    {M_GET, "/forms/:code", "PGSCA"},
    {M_GET, "/proposals/new", "PGSCA"},
    {M_POST, "/proposals/new", "PGSCA"},
    {M_GET, "/opendata", "PGSCA"},
    {M_GET, "/feed.atom", "PGSCA"},
    /* accounts */
    {M_GET, "/login", "PGSCA"},
    {M_POST, "/login", "PGSCA"},
    {M_POST, "/logout", "PGSCA"},
    {M_GET, "/account/password", "-GSCA"},
    {M_POST, "/account/password", "-GSCA"},
    /* staff side: committee reads, only staff and admin write */
    {M_GET, "/staff", "--SCA"},
    {M_GET, "/staff/groups", "--SCA"},
    {M_GET, "/staff/groups/new", "--S-A"},
    {M_POST, "/staff/groups/new", "--S-A"},
    {M_GET, "/staff/groups/:id/edit", "--SCA"},
    {M_POST, "/staff/groups/:id/edit", "--S-A"},
    {M_GET, "/staff/projects", "--SCA"},
    {M_GET, "/staff/projects/new", "--S-A"},
    {M_POST, "/staff/projects/new", "--S-A"},
    {M_GET, "/staff/projects/:id/edit", "--SCA"},
    {M_POST, "/staff/projects/:id/edit", "--S-A"},
    {M_GET, "/staff/history/:kind/:id", "--SCA"},
    /* committee */
    {M_GET, "/committee", "---CA"},
    {M_GET, "/committee/reports/:year", "---CA"},
    {M_GET, "/committee/reports/:year.csv", "---CA"},
    /* 協働推進課 */
    {M_GET, "/admin/users", "----A"},
    {M_GET, "/admin/users/new", "----A"},
    {M_POST, "/admin/users/new", "----A"},
    {M_GET, "/admin/users/:id/edit", "----A"},
    {M_POST, "/admin/users/:id/edit", "----A"},
    {M_GET, "/admin/master", "----A"},
    {M_GET, "/admin/departments", "----A"},
    {M_GET, "/admin/departments/new", "----A"},
    {M_POST, "/admin/departments/new", "----A"},
    {M_GET, "/admin/departments/:code/edit", "----A"},
    {M_POST, "/admin/departments/:code/edit", "----A"},
    {M_POST, "/admin/departments/:code/active", "----A"},
    {M_POST, "/admin/departments/:code/delete", "----A"},
    {M_GET, "/admin/master/:kind", "----A"},
    {M_GET, "/admin/master/:kind/new", "----A"},
    {M_POST, "/admin/master/:kind/new", "----A"},
    {M_GET, "/admin/master/:kind/:key/edit", "----A"},
    {M_POST, "/admin/master/:kind/:key/edit", "----A"},
    {M_POST, "/admin/master/:kind/:key/delete", "----A"},
    {M_POST, "/admin/master/:kind/:key/activate", "----A"},
    {M_POST, "/admin/master/:kind/:key/active", "----A"},
    {M_GET, "/admin/import", "----A"},
    {M_POST, "/admin/import", "----A"},
    {M_GET, "/admin/export/groups.csv", "----A"},
    {M_GET, "/admin/export/projects.csv", "----A"},
};

/* Set by the stub handler when the dispatcher let a request through, and
 * whether it ran inside a transaction (the read snapshot of TX_READ). */
static const struct route *ran;
static int ran_in_tx;

static enum hstatus stub(struct request *r)
{
	ran = r->route;
	ran_in_tx = r->db != NULL && !sqlite3_get_autocommit(r->db->h);
	return HS_OK;
}

/* A path matching pattern: each :param becomes "1" (keeping a ".csv"
 * style suffix). Arena memory. */
static const char *path_of(const char *pattern)
{
	char *out = arena_alloc(&arena, strlen(pattern) * 2 + 1), *o = out;

	for (const char *p = pattern; *p;) {
		if (*p == ':') {
			*o++ = '1';
			while (*p && *p != '/' && *p != '.')
				p++;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static void test_permission_matrix(void **state)
{
	static const char letters[ROLE__MAX] = {[ROLE_PUBLIC] = 'P',
	                                        [ROLE_GROUP] = 'G',
	                                        [ROLE_STAFF] = 'S',
	                                        [ROLE_COMMITTEE] = 'C',
	                                        [ROLE_ADMIN] = 'A'};
	struct route *table = calloc(nroutes, sizeof(*table));
	int missing = 0, checked = 0;

	(void)state;
	assert_non_null(table);
	memcpy(table, routes, nroutes * sizeof(*table));
	for (size_t i = 0; i < nroutes; i++)
		table[i].handler = stub;
	for (size_t i = 0; i < nroutes; i++) {
		const char *allowed = NULL;

		for (size_t k = 0; k < sizeof(matrix) / sizeof(matrix[0]); k++)
			if (matrix[k].method == table[i].method &&
			    strcmp(matrix[k].pattern, table[i].pattern) == 0)
				allowed = matrix[k].allowed;
		/* a POST writes: never inside a read snapshot */
		if (table[i].method == M_POST && table[i].tx != TX_OWN)
			fail_msg("POST %s: a POST route must be TX_OWN",
			         table[i].pattern);
		if (allowed == NULL) {
			print_error("route %s %s is missing from the "
			            "permission matrix in tests/unit/"
			            "test_auth.c\n",
			            table[i].method == M_POST ? "POST" : "GET",
			            table[i].pattern);
			missing++;
			continue;
		}
		for (int role = 0; role < ROLE__MAX; role++) {
			struct request r;
			int want = allowed[role] == letters[role];

			/* the table says what the row says */
			if (ROUTE_ALLOWS(table[i].allow, role) != want)
				fail_msg(
				    "%s: the row's ALLOW set and the matrix "
				    "differ for role %c",
				    table[i].pattern, letters[role]);
			testdb_request(&r, &arena, &cfg, db, table[i].method,
			               path_of(table[i].pattern));
			as_role(&r, (enum role)role);
			ran = NULL;
			dispatch(&r, table, nroutes);
			if (want) {
				if (ran != &table[i])
					fail_msg("%s %s: role %c refused (%d)",
					         r.method_name, r.path,
					         letters[role], r.status);
				/* a reading page in its snapshot, a
				 * writing one free to open its own */
				if (ran_in_tx != (table[i].tx == TX_READ))
					fail_msg("%s %s: the handler ran %s a "
					         "transaction",
					         r.method_name, r.path,
					         ran_in_tx ? "inside"
					                   : "outside");
			} else if (ran != NULL) {
				fail_msg("%s %s: role %c let through",
				         r.method_name, r.path, letters[role]);
			} else if (role == ROLE_PUBLIC) {
				assert_int_equal(r.status, 303);
				assert_non_null(r.location);
				assert_int_equal(
				    strncmp(r.location, "/login", 6), 0);
			} else {
				assert_int_equal(r.status, 403);
			}
			/* and the snapshot is closed after it */
			assert_true(sqlite3_get_autocommit(db->h));
			buf_free(&r.out);
			checked++;
		}
	}
	free(table);
	arena_reset(&arena);
	print_message("permission matrix: %d route x role checks\n", checked);
	assert_int_equal(missing, 0);
}

/* ------------------------------------------------------- the dispatcher */

/* Dispatch one request to a one-row table {method, path, stub, allow}. */
static const struct route *one(struct request *r, enum allow allow)
{
	static struct route row;

	row.method = r->method;
	row.pattern = r->path;
	row.handler = stub;
	row.allow = allow;
	row.tx = r->method == M_POST ? TX_OWN : TX_READ;
	ran = NULL;
	dispatch(r, &row, 1);
	buf_free(&r->out);
	return ran;
}

static void test_dispatch_login_redirect(void **state)
{
	struct request r;

	(void)state;
	testdb_request(&r, &arena, &cfg, db, M_GET, "/admin/users");
	r.raw_query = "page=2&q=%E5%8D%94";
	assert_null(one(&r, ALLOW_ADMIN));
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location,
	                    "/login?next=/admin/users%3Fpage%3D2%26q%3D%25E5%"
	                    "258D%2594");
	/* a POST without a GET page of its own: plain /login */
	testdb_request(&r, &arena, &cfg, db, M_POST, "/logout-everything");
	assert_null(one(&r, ALLOW_ADMIN));
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/login");
	/* a path with a '%' of its own comes back as it was */
	testdb_request(&r, &arena, &cfg, db, M_GET, "/groups/100%");
	assert_null(one(&r, ALLOW_ADMIN));
	assert_string_equal(r.location, "/login?next=/groups/100%2525");
}

static void test_dispatch_csrf(void **state)
{
	struct request r;
	char other[TOKEN_CHARS + 1];

	(void)state;
	token_new(other, NULL);
	/* logged in: the session's token passes */
	testdb_request(&r, &arena, &cfg, db, M_POST, "/x");
	as_role(&r, ROLE_STAFF);
	assert_non_null(one(&r, ALLOW_STAFF));
	assert_ptr_not_equal(r.user, NULL);
	/* missing token */
	testdb_request(&r, &arena, &cfg, db, M_POST, "/x");
	as_role(&r, ROLE_STAFF);
	r.form.n = 0;
	assert_null(one(&r, ALLOW_STAFF));
	assert_int_equal(r.status, 403);
	/* another session's token */
	testdb_request(&r, &arena, &cfg, db, M_POST, "/x");
	as_role(&r, ROLE_STAFF);
	kvs(&r.form, "csrf_token", who[ROLE_ADMIN].csrf, NULL, NULL);
	assert_null(one(&r, ALLOW_STAFF));
	assert_int_equal(r.status, 403);
	/* right token, foreign Origin */
	testdb_request(&r, &arena, &cfg, db, M_POST, "/x");
	as_role(&r, ROLE_STAFF);
	r.origin = "http://evil.example";
	assert_null(one(&r, ALLOW_STAFF));
	assert_int_equal(r.status, 403);
	/* no Origin, same-site Referer */
	testdb_request(&r, &arena, &cfg, db, M_POST, "/x");
	as_role(&r, ROLE_STAFF);
	r.origin = NULL;
	r.referer = "http://127.0.0.1:8080/staff";
	assert_non_null(one(&r, ALLOW_STAFF));
	/* anonymous: form and cookie must agree */
	testdb_request(&r, &arena, &cfg, db, M_POST, "/x");
	as_role(&r, ROLE_PUBLIC);
	assert_non_null(one(&r, ALLOW_PUBLIC));
	testdb_request(&r, &arena, &cfg, db, M_POST, "/x");
	as_role(&r, ROLE_PUBLIC);
	kvs(&r.form, "csrf_token", other, NULL, NULL);
	assert_null(one(&r, ALLOW_PUBLIC));
	assert_int_equal(r.status, 403);
	/* anonymous without the cookie */
	testdb_request(&r, &arena, &cfg, db, M_POST, "/x");
	as_role(&r, ROLE_PUBLIC);
	r.cookies.n = 0;
	assert_null(one(&r, ALLOW_PUBLIC));
	/* anonymous with a cookie that is no token of ours */
	testdb_request(&r, &arena, &cfg, db, M_POST, "/x");
	kvs(&r.cookies, CSRF_COOKIE, "x", NULL, NULL);
	kvs(&r.form, "csrf_token", "x", NULL, NULL);
	r.origin = cfg.site_url;
	assert_null(one(&r, ALLOW_PUBLIC));
	/* GETs need no token */
	testdb_request(&r, &arena, &cfg, db, M_GET, "/x");
	assert_non_null(one(&r, ALLOW_PUBLIC));
	arena_reset(&arena);
}

static void test_dispatch_cookies(void **state)
{
	struct request r;

	(void)state;
	/* an unknown session cookie is cleared, the visitor is anonymous */
	testdb_request(&r, &arena, &cfg, db, M_GET, "/x");
	kvs(&r.cookies, SESSION_COOKIE,
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL, NULL);
	r.extra_headers = "Cache-Control: no-store\r\n";
	assert_non_null(one(&r, ALLOW_PUBLIC));
	assert_null(r.user);
	assert_non_null(strstr(r.extra_headers, "Cache-Control: no-store"));
	assert_non_null(strstr(r.extra_headers,
	                       "Set-Cookie: kyodo_session=; Path=/; HttpOnly; "
	                       "SameSite=Lax; Max-Age=0\r\n"));
	/* a form for an anonymous visitor issues the pre-session cookie */
	testdb_request(&r, &arena, &cfg, db, M_GET, "/login");
	r.https = 1;
	auth_begin(&r);
	assert_null(r.csrf_token);
	assert_int_equal(strlen(auth_csrf_for_form(&r)), TOKEN_CHARS);
	assert_string_equal(auth_csrf_for_form(&r), r.csrf_token);
	assert_non_null(strstr(r.set_cookie, "Set-Cookie: kyodo_csrf="));
	assert_non_null(strstr(r.set_cookie, "; Secure"));
	assert_null(strstr(r.set_cookie, "Max-Age"));
	arena_reset(&arena);
}

/* The session row of cookie value c: set last_seen_at / expires_at. */
static void age_session(const char *c, const char *column, int seconds_ago)
{
	unsigned char raw[TOKEN_BYTES], h[TOKEN_HASH_BYTES];
	sqlite3_stmt *st;
	int rc;

	assert_int_equal(token_decode(c, raw), 0);
	token_hash(raw, h);
	st = strcmp(column, "last_seen_at") == 0
	         ? db_prep(db, "UPDATE sessions SET last_seen_at = "
	                       "datetime('now', '-' || ?2 || ' seconds') "
	                       "WHERE token_hash = ?1")
	         : db_prep(db, "UPDATE sessions SET expires_at = "
	                       "datetime('now', '-' || ?2 || ' seconds') "
	                       "WHERE token_hash = ?1");
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_STATIC);
	sqlite3_bind_int(st, 2, seconds_ago);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	assert_int_equal(rc, SQLITE_DONE);
	assert_int_equal(sqlite3_changes(db->h), 1);
}

/* Is the session of cookie c alive (does auth_begin accept it)? */
static int alive(const char *c)
{
	struct request r;

	testdb_request(&r, &arena, &cfg, db, M_GET, "/x");
	kvs(&r.cookies, SESSION_COOKIE, c, NULL, NULL);
	auth_begin(&r);
	return r.user != NULL;
}

/* A new session for user u; its cookie value into c. */
static void new_session(const struct user *u, char c[TOKEN_CHARS + 1])
{
	struct request r;

	testdb_request(&r, &arena, &cfg, db, M_POST, "/login");
	assert_int_equal(session_start(&r, u), 0);
	cookie_from(r.set_cookie, SESSION_COOKIE, c, TOKEN_CHARS + 1);
}

static void test_session_expiry_db(void **state)
{
	char c[TOKEN_CHARS + 1], c2[TOKEN_CHARS + 1];
	struct user_actor actor = {0, "test"};
	struct user_input in = {0};
	struct user u;

	(void)state;
	new_session(&who[ROLE_STAFF].u, c);
	assert_true(alive(c));
	age_session(c, "last_seen_at", cfg.session_idle - 30);
	assert_true(alive(c)); /* and touched */
	age_session(c, "last_seen_at", cfg.session_idle + 1);
	assert_false(alive(c));
	assert_false(alive(c)); /* deleted, not merely refused */

	new_session(&who[ROLE_STAFF].u, c);
	age_session(c, "expires_at", 1);
	assert_false(alive(c));

	/* revoke: every session of the user */
	new_session(&who[ROLE_COMMITTEE].u, c);
	new_session(&who[ROLE_COMMITTEE].u, c2);
	assert_true(alive(c) && alive(c2));
	assert_int_equal(sessions_revoke_user(db, who[ROLE_COMMITTEE].u.id), 0);
	assert_false(alive(c) || alive(c2));

	/* a disabled user's session no longer counts */
	new_session(&who[ROLE_GROUP].u, c);
	assert_true(alive(c));
	u = who[ROLE_GROUP].u;
	in.display_name = u.display_name;
	in.role = u.role;
	in.group_id = u.group_id;
	in.disabled = 1;
	in.version = u.version;
	assert_int_equal(users_update(db, &actor, &u, &in), US_OK);
	assert_false(alive(c));
	in.disabled = 0;
	u.disabled = 1;
	u.version = ++in.version; /* disabling moved it on */
	assert_int_equal(users_update(db, &actor, &u, &in), US_OK);

	/* a new login replaces the session the request came with */
	{
		struct request r;

		new_session(&who[ROLE_STAFF].u, c);
		testdb_request(&r, &arena, &cfg, db, M_POST, "/login");
		kvs(&r.cookies, SESSION_COOKIE, c, NULL, NULL);
		assert_int_equal(session_start(&r, &who[ROLE_STAFF].u), 0);
		cookie_from(r.set_cookie, SESSION_COOKIE, c2, sizeof(c2));
		assert_string_not_equal(c, c2);
		assert_false(alive(c));
		assert_true(alive(c2));
	}
	/* sessions start again for the fixtures of later tests */
	new_session(&who[ROLE_COMMITTEE].u, who[ROLE_COMMITTEE].cookie);
	arena_reset(&arena);
}

static void test_throttle_db(void **state)
{
	time_t now = time(NULL), until = 0;
	char name[32];

	(void)state;
	for (int i = 0; i < THROTTLE_FREE_USER - 1; i++)
		assert_int_equal(
		    throttle_record(db, "victim", "198.51.100.1", 0), 0);
	assert_int_equal(
	    throttle_check(db, "victim", "198.51.100.9", now, &until), 0);
	assert_int_equal(throttle_record(db, "victim", "198.51.100.1", 0), 0);
	/* 5 failures: locked for a minute, from any address */
	assert_int_equal(
	    throttle_check(db, "victim", "198.51.100.9", now, &until), 1);
	assert_true(until >= now + 59 && until <= now + 61);
	assert_int_equal(
	    throttle_check(db, "victim", "198.51.100.9", until + 1, &until), 0);
	/* the 6th: two minutes */
	assert_int_equal(throttle_record(db, "victim", "198.51.100.1", 0), 0);
	assert_int_equal(throttle_check(db, "victim", "", now, &until), 1);
	assert_true(until >= now + 119 && until <= now + 121);
	/* other usernames are not affected */
	assert_int_equal(throttle_check(db, "other", "", now, &until), 0);
	/* a success forgets the failures */
	assert_int_equal(throttle_record(db, "victim", "198.51.100.1", 1), 0);
	assert_int_equal(throttle_check(db, "victim", "", now, &until), 0);
	/* one address trying many usernames */
	for (int i = 0; i < THROTTLE_FREE_ADDR; i++) {
		snprintf(name, sizeof(name), "guess%d", i);
		assert_int_equal(throttle_record(db, name, "203.0.113.7", 0),
		                 0);
	}
	assert_int_equal(
	    throttle_check(db, "fresh", "203.0.113.7", now, &until), 1);
	assert_int_equal(
	    throttle_check(db, "fresh", "203.0.113.8", now, &until), 0);
	assert_int_equal(throttle_check(db, "fresh", "", now, &until), 0);
	/* kyodo user unlock */
	for (int i = 0; i < THROTTLE_FREE_USER; i++)
		assert_int_equal(throttle_record(db, "victim", "", 0), 0);
	assert_int_equal(throttle_check(db, "victim", "", now, &until), 1);
	assert_true(throttle_forget(db, "victim") >= THROTTLE_FREE_USER);
	assert_int_equal(throttle_check(db, "victim", "", now, &until), 0);
	/* keys are lower case */
	assert_string_equal(throttle_key(&arena, "Tanaka.H"), "tanaka.h");
	arena_reset(&arena);
}

/* ---------------------------------------------------------- users model */

/* Audit rows of users/id with action (and field, or any when NULL). */
static int audit_rows(long long id, const char *action, const char *field)
{
	sqlite3_stmt *st = db_prep(
	    db,
	    "SELECT count(*) FROM audit_log WHERE kind = 'users' AND "
	    "record_id = ?1 AND action = ?2 AND (?3 IS NULL OR field = ?3)");
	int n;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
	if (field != NULL)
		sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

static void test_users_model(void **state)
{
	struct user_actor actor = {who[ROLE_ADMIN].u.id, "192.0.2.1"};
	struct user_input in = {0};
	struct user u, again;
	char hash[PASSWORD_HASH_MAX], stored[PASSWORD_HASH_MAX];
	long long id = 0, id2;

	(void)state;
	assert_int_equal(password_hash_cost("first-password",
	                                    crypto_pwhash_OPSLIMIT_MIN,
	                                    crypto_pwhash_MEMLIMIT_MIN, hash),
	                 0);
	in.display_name = "協働 花子";
	in.role = ROLE_STAFF;
	in.department = "kikaku";
	in.email = "hanako@example.jp";
	assert_int_equal(users_create(db, &actor, "Hanako", &in, hash, &id),
	                 US_OK);
	assert_int_equal(audit_rows(id, "create", NULL), 5);
	/* usernames are case-insensitive and unique */
	assert_int_equal(users_by_name(db, &arena, "hanako", &u), US_OK);
	assert_int_equal(u.id, id);
	assert_string_equal(u.department_name, "企画部 企画課");
	assert_int_equal(users_create(db, &actor, "HANAKO", &in, hash, &id2),
	                 US_CONFLICT);
	/* unknown department, staff without one, group without a group */
	in.department = "nosuch";
	assert_int_equal(users_create(db, &actor, "x1", &in, hash, &id2),
	                 US_NOTFOUND);
	in.department = NULL;
	assert_int_equal(users_create(db, &actor, "x2", &in, hash, &id2),
	                 US_NOTFOUND);
	in.role = ROLE_GROUP;
	in.group_id = 999999;
	assert_int_equal(users_create(db, &actor, "x3", &in, hash, &id2),
	                 US_NOTFOUND);
	/* committee members keep no department */
	in.role = ROLE_COMMITTEE;
	in.department = "kikaku";
	in.group_id = 0;
	assert_int_equal(users_create(db, &actor, "x4", &in, hash, &id2),
	                 US_OK);
	assert_int_equal(users_by_id(db, &arena, id2, &again), US_OK);
	assert_null(again.department);
	/* update: one row per changed field */
	in.display_name = "協働 花子";
	in.role = ROLE_ADMIN;
	in.department = "kyodo";
	in.email = NULL;
	in.disabled = 0;
	in.version = u.version;
	assert_int_equal(users_update(db, &actor, &u, &in), US_OK);
	assert_int_equal(audit_rows(id, "update", NULL), 3);
	assert_int_equal(audit_rows(id, "update", "role"), 1);
	assert_int_equal(audit_rows(id, "update", "email"), 1);
	assert_int_equal(audit_rows(id, "update", "display_name"), 0);
	assert_int_equal(users_by_id(db, &arena, id, &again), US_OK);
	assert_int_equal(again.role, ROLE_ADMIN);
	assert_null(again.email);
	assert_true(users_other_admins(db, id) >= 1);
	/* password: new hash, an audit row without values */
	assert_int_equal(users_set_password(db, &actor, id, "$argon2id$x"),
	                 US_OK);
	assert_int_equal(users_password_hash(db, id, stored, sizeof(stored)),
	                 US_OK);
	assert_string_equal(stored, "$argon2id$x");
	assert_int_equal(audit_rows(id, "password", NULL), 1);
	assert_int_equal(users_set_password(db, &actor, 999999, hash),
	                 US_NOTFOUND);
	assert_int_equal(users_logged_in(db, &actor, id), US_OK);
	assert_int_equal(audit_rows(id, "login", NULL), 1);
	arena_reset(&arena);
}

/* One integer from a query on the test database. */
static long long q1(const char *sql, long long id)
{
	sqlite3_stmt *st;
	long long n;

	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Optimistic locking of users_update: two forms read the same account at
 * version 1; the first save wins and moves the version on, the second is
 * refused (US_CONFLICT) and writes nothing. A save changing nothing, a
 * password change, a login and a rehash leave the version alone. */
static void test_users_update_conflict(void **state)
{
	struct user_actor actor = {who[ROLE_ADMIN].u.id, "192.0.2.1"};
	struct user_input in = {0}, mine, theirs;
	struct user a, b, now;
	char hash[PASSWORD_HASH_MAX];
	long long id = 0, audits;

	(void)state;
	assert_int_equal(password_hash_cost("first-password",
	                                    crypto_pwhash_OPSLIMIT_MIN,
	                                    crypto_pwhash_MEMLIMIT_MIN, hash),
	                 0);
	in.display_name = "競合 一郎";
	in.role = ROLE_STAFF;
	in.department = "kikaku";
	assert_int_equal(users_create(db, &actor, "conflict1", &in, hash, &id),
	                 US_OK);
	assert_int_equal(users_by_id(db, &arena, id, &a), US_OK);
	assert_int_equal(users_by_id(db, &arena, id, &b), US_OK);
	assert_int_equal(a.version, 1);
	assert_int_equal(b.version, 1);

	/* the first save: version 1 → 2, its audit row */
	mine = in;
	mine.display_name = "競合 一郎（A）";
	mine.version = a.version;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(users_update(db, &actor, &a, &mine), US_OK);
	assert_int_equal(db_commit(db), 0);
	assert_int_equal(q1("SELECT version FROM users WHERE id = ?1", id), 2);
	audits = q1("SELECT count(*) FROM audit_log WHERE kind = 'users' "
	            "AND record_id = ?1",
	            id);

	/* the second, from the same version 1: refused, nothing written */
	theirs = in;
	theirs.display_name = "競合 一郎（B）";
	theirs.email = "b@example.jp";
	theirs.disabled = 1;
	theirs.version = b.version;
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(users_update(db, &actor, &b, &theirs), US_CONFLICT);
	assert_int_equal(db_rollback(db), 0);
	assert_int_equal(users_by_id(db, &arena, id, &now), US_OK);
	assert_string_equal(now.display_name, "競合 一郎（A）");
	assert_null(now.email);
	assert_int_equal(now.disabled, 0);
	assert_int_equal(now.version, 2);
	assert_int_equal(q1("SELECT count(*) FROM audit_log WHERE kind = "
	                    "'users' AND record_id = ?1",
	                    id),
	                 audits);

	/* the account read again, but the form's version still 1: refused */
	assert_int_equal(users_update(db, &actor, &now, &theirs), US_CONFLICT);
	assert_int_equal(q1("SELECT version FROM users WHERE id = ?1", id), 2);

	/* read at 2, but someone saves before the UPDATE (the race the
	 * WHERE version = ? closes): refused */
	theirs.version = now.version;
	assert_int_equal(
	    sqlite3_exec(db->h,
	                 "UPDATE users SET version = version + 1, "
	                 "display_name = '競合 一郎（C）' WHERE username = "
	                 "'conflict1'",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(users_update(db, &actor, &now, &theirs), US_CONFLICT);
	assert_int_equal(users_by_id(db, &arena, id, &now), US_OK);
	assert_string_equal(now.display_name, "競合 一郎（C）");
	assert_int_equal(now.version, 3);

	/* from the version saved now, the same values go through: 3 → 4 */
	assert_int_equal(users_update(db, &actor, &now, &theirs), US_CONFLICT);
	theirs.version = now.version;
	assert_int_equal(users_update(db, &actor, &now, &theirs), US_OK);
	assert_int_equal(users_by_id(db, &arena, id, &now), US_OK);
	assert_string_equal(now.display_name, "競合 一郎（B）");
	assert_string_equal(now.email, "b@example.jp");
	assert_int_equal(now.disabled, 1);
	assert_int_equal(now.version, 4);

	/* a save that changes nothing leaves the version (other open forms
	 * stay good), and writes no audit row */
	audits = q1("SELECT count(*) FROM audit_log WHERE kind = 'users' AND "
	            "record_id = ?1",
	            id);
	theirs.version = now.version;
	assert_int_equal(users_update(db, &actor, &now, &theirs), US_OK);
	assert_int_equal(q1("SELECT version FROM users WHERE id = ?1", id), 4);
	assert_int_equal(q1("SELECT count(*) FROM audit_log WHERE kind = "
	                    "'users' AND record_id = ?1",
	                    id),
	                 audits);
	/* …but still checks it: the same no-op from version 1 is refused */
	theirs.version = 1;
	assert_int_equal(users_update(db, &actor, &a, &theirs), US_CONFLICT);

	/* password, rehash, login: not fields of the form, version stays */
	assert_int_equal(users_set_password(db, &actor, id, "$argon2id$y"),
	                 US_OK);
	assert_int_equal(users_rehash(db, id, "$argon2id$z"), US_OK);
	assert_int_equal(users_logged_in(db, &actor, id), US_OK);
	assert_int_equal(q1("SELECT version FROM users WHERE id = ?1", id), 4);

	/* an account that is not there: not found, not a conflict */
	now.id = 999999;
	theirs.version = now.version;
	assert_int_equal(users_update(db, &actor, &now, &theirs), US_NOTFOUND);
	arena_reset(&arena);
}

int main(void)
{
	const struct CMUnitTest pure[] = {
	    cmocka_unit_test(test_password_hash),
	    cmocka_unit_test(test_password_rehash),
	    cmocka_unit_test(test_password_policy),
	    cmocka_unit_test(test_tokens),
	    cmocka_unit_test(test_token_decode_invalid),
	    cmocka_unit_test(test_csrf_compare),
	    cmocka_unit_test(test_session_state),
	    cmocka_unit_test(test_throttle_delay),
	    cmocka_unit_test(test_username),
	    cmocka_unit_test(test_roles),
	    cmocka_unit_test(test_safe_next),
	};
	const struct CMUnitTest with_db[] = {
	    cmocka_unit_test(test_permission_matrix),
	    cmocka_unit_test(test_dispatch_login_redirect),
	    cmocka_unit_test(test_dispatch_csrf),
	    cmocka_unit_test(test_dispatch_cookies),
	    cmocka_unit_test(test_session_expiry_db),
	    cmocka_unit_test(test_throttle_db),
	    cmocka_unit_test(test_users_model),
	    cmocka_unit_test(test_users_update_conflict),
	};
	int failed = cmocka_run_group_tests_name("auth", pure, NULL, NULL);

	failed += cmocka_run_group_tests_name("auth_db", with_db, db_setup,
	                                      db_teardown);
	return failed;
}
