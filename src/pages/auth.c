/* /login, /logout, /account/password. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "model/audit.h"
#include "pages/accounts.h"
#include "pages/routes.h"
#include "util/log.h"
#include "view/page.h"

void account_field_error(struct acct_errors *fe, const char *field,
                         const char *label, const char *message)
{
	char section[64];
	tdict *row;
	size_t i;

	for (i = 0; field[i] != '\0' && i < sizeof(section) - 7; i++)
		section[i] = (char)(field[i] >= 'a' && field[i] <= 'z'
		                        ? field[i] - 'a' + 'A'
		                        : field[i]);
	memcpy(section + i, "_ERROR", 7);
	tdict_set(tdict_add_section(fe->body, section), "MESSAGE", message);
	if (fe->errors == NULL)
		fe->errors = tdict_add_section(
		    tdict_add_include(fe->body, "ERROR_SUMMARY",
		                      "auth/error_summary.tpl"),
		    "ERRORS");
	row = tdict_add_section(fe->errors, "ERROR");
	tdict_set(row, "FIELD", field);
	tdict_set(row, "LABEL", label);
	tdict_set(row, "MESSAGE", message);
	tdict_set_int(fe->errors, "COUNT", ++fe->n);
}

const char *account_local_time(struct arena *a, const char *s,
                               const char *fallback)
{
	struct tm tm = {0}, lt;
	time_t t;

	if (s == NULL ||
	    sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
	           &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return fallback;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (t == (time_t)-1 || localtime_r(&t, &lt) == NULL)
		return fallback;
	s = arena_printf(a, "%d年%d月%d日 %02d:%02d", lt.tm_year + 1900,
	                 lt.tm_mon + 1, lt.tm_mday, lt.tm_hour, lt.tm_min);
	return s != NULL ? s : fallback;
}

/* The time a lock ends, as people read it, and the minutes until then. */
static void show_lock(struct request *r, tdict *body, time_t until)
{
	struct tm lt;
	time_t now = time(NULL);
	long minutes = (long)((until - now + 59) / 60);
	tdict *d = tdict_add_section(body, "LOCKED");

	localtime_r(&until, &lt);
	tdict_set(d, "UNTIL",
	          arena_printf(r->arena, "%d月%d日 %d時%02d分", lt.tm_mon + 1,
	                       lt.tm_mday, lt.tm_hour, lt.tm_min));
	tdict_set_int(d, "MINUTES", minutes > 0 ? minutes : 1);
}

/* A username fit for a log line (the attempt's name may be anything). */
static const char *log_name(const char *username)
{
	return user_check_username(username) == NULL ? username : "(invalid)";
}

/* The login page with status; locked_until > 0 shows the lock, failed the
 * wrong-credentials message; errors per field come from the caller. */
static enum hstatus login_page(struct request *r, int status,
                               const char *username, const char *next,
                               time_t locked_until, int failed,
                               const char *user_error, const char *pw_error)
{
	struct page p;
	struct acct_errors fe = {0};
	tdict *body;

	auth_csrf_for_form(r);
	body = page_begin(r, &p, "ログイン", "auth/login.tpl");
	if (body == NULL)
		return HS_NOMEM;
	fe.body = body;
	tdict_set(body, "USERNAME", username != NULL ? username : "");
	tdict_set(body, "NEXT",
	          next != NULL && auth_safe_next(r->arena, next) ? next : "");
	if (locked_until > 0)
		show_lock(r, body, locked_until);
	if (failed)
		tdict_show(body, "FAILED");
	if (user_error != NULL)
		account_field_error(&fe, "username", "ユーザー名", user_error);
	if (pw_error != NULL)
		account_field_error(&fe, "password", "パスワード", pw_error);
	if (status == 200 && req_query(r, "logged_out") != NULL)
		tdict_show(body, "LOGGED_OUT_NOTICE");
	r->status = status;
	r->extra_headers = "Cache-Control: no-store\r\n";
	return page_end(r, &p);
}

/* Where to go after login: next when it is a local path, else home. */
static const char *after_login(struct request *r, const char *next)
{
	const char *to = next != NULL && *next != '\0'
	                     ? auth_safe_next(r->arena, next)
	                     : NULL;

	return to != NULL ? to : auth_home(r->user, routes, nroutes);
}

enum hstatus page_login(struct request *r)
{
	const char *next = req_query(r, "next");

	if (r->user != NULL) {
		r->status = 303;
		r->location = after_login(r, next);
		return HS_OK;
	}
	return login_page(r, 200, NULL, next, 0, 0, NULL, NULL);
}

/* Record a failed attempt (its own transaction) and log it. */
static void record_failure(struct request *r, const char *key,
                           const char *username, const char *what)
{
	if (db_begin(r->db) == 0) {
		if (throttle_record(r->db, key, r->remote_addr, 0) == 0)
			db_commit(r->db);
		else
			db_rollback(r->db);
	}
	log_info("%s failed: user '%s' from %s", what, log_name(username),
	         *r->remote_addr ? r->remote_addr : "(unknown)");
}

/* After a failure: 1 (and *until) when the key or address is now locked. */
static int now_locked(struct request *r, const char *key, const char *username,
                      time_t *until)
{
	if (throttle_check(r->db, key, r->remote_addr, time(NULL), until) != 1)
		return 0;
	log_info(
	    "login locked: user '%s' from %s until %lld", log_name(username),
	    *r->remote_addr ? r->remote_addr : "(unknown)", (long long)*until);
	return 1;
}

enum hstatus page_login_post(struct request *r)
{
	const char *username = req_form(r, "username");
	const char *password = req_form(r, "password");
	const char *next = req_form(r, "next");
	const char *key, *uerr = NULL, *perr = NULL;
	char hash[PASSWORD_HASH_MAX], fresh[PASSWORD_HASH_MAX] = "";
	struct user *u;
	struct user_actor who;
	time_t until = 0;
	int ok = 0, rc;
	enum ustatus us = US_NOTFOUND;

	if (username == NULL || *username == '\0')
		uerr = "ユーザー名を入力してください。";
	if (password == NULL || *password == '\0')
		perr = "パスワードを入力してください。";
	if (uerr != NULL || perr != NULL)
		return login_page(r, 422, username, next, 0, 0, uerr, perr);
	key = throttle_key(r->arena, username);
	rc = throttle_check(r->db, key, r->remote_addr, time(NULL), &until);
	if (rc < 0)
		return HS_DB;
	if (rc == 1) {
		log_info("login refused (locked): user '%s' from %s",
		         log_name(username),
		         *r->remote_addr ? r->remote_addr : "(unknown)");
		return login_page(r, 429, username, next, until, 0, NULL, NULL);
	}
	u = arena_alloc(r->arena, sizeof(*u));
	if (u == NULL)
		return HS_NOMEM;
	if (user_check_username(username) == NULL &&
	    strlen(password) <= PASSWORD_MAX_BYTES)
		us = users_by_name(r->db, r->arena, username, u);
	if (us == US_DB || us == US_NOMEM)
		return us == US_DB ? HS_DB : HS_NOMEM;
	if (us == US_OK && !u->disabled &&
	    users_password_hash(r->db, u->id, hash, sizeof(hash)) == US_OK)
		ok = password_verify(hash, password);
	else
		password_verify_dummy(password);
	if (!ok) {
		record_failure(r, key, username, "login");
		if (now_locked(r, key, username, &until))
			return login_page(r, 429, username, next, until, 0,
			                  NULL, NULL);
		return login_page(r, 422, username, next, 0, 1, NULL, NULL);
	}
	/* hash outside the transaction: it takes a while */
	if (password_needs_rehash(hash) && password_hash(password, fresh) < 0)
		fresh[0] = '\0';
	who.user_id = u->id;
	who.addr = r->remote_addr;
	if (db_begin(r->db) < 0)
		return HS_DB;
	if (throttle_record(r->db, key, r->remote_addr, 1) < 0 ||
	    (fresh[0] != '\0' && users_rehash(r->db, u->id, fresh) != US_OK) ||
	    users_logged_in(r->db, &who, u->id) != US_OK ||
	    session_start(r, u) < 0 || sessions_purge(r->db, time(NULL)) < 0 ||
	    db_commit(r->db) < 0) {
		db_rollback(r->db);
		r->set_cookie = NULL;
		r->user = NULL;
		return HS_DB;
	}
	log_info("login: user '%s' (%s) from %s%s", u->username,
	         role_code(u->role),
	         *r->remote_addr ? r->remote_addr : "(unknown)",
	         fresh[0] != '\0' ? ", password rehashed" : "");
	r->status = 303;
	r->location = after_login(r, next);
	return HS_OK;
}

enum hstatus page_logout(struct request *r)
{
	const char *name = r->user != NULL ? r->user->username : NULL;
	struct user_actor who;

	if (r->user != NULL) {
		who.user_id = r->user->id;
		who.addr = r->remote_addr;
		if (db_begin(r->db) < 0)
			return HS_DB;
		if (audit_write(r->db, who.user_id, who.addr, "users",
		                who.user_id, "logout", NULL, NULL, NULL) < 0 ||
		    session_end(r) < 0 || db_commit(r->db) < 0) {
			db_rollback(r->db);
			return HS_DB;
		}
		log_info("logout: user '%s'", name);
	} else {
		session_end(r);
	}
	r->status = 303;
	r->location = "/login?logged_out=1";
	return HS_OK;
}

/* One error of the password form. */
struct pw_error {
	const char *field;   /* input id */
	const char *label;   /* Japanese label */
	const char *message; /* what is wrong */
};

/* The password form with status: errors[0..n), the lock when until > 0,
 * the "changed" notice when changed. */
static enum hstatus password_page(struct request *r, int status,
                                  const struct pw_error *errors, size_t n,
                                  time_t until, int changed)
{
	struct page p;
	struct acct_errors fe = {0};

	fe.body = page_begin(r, &p, "パスワードの変更", "auth/password.tpl");
	if (fe.body == NULL)
		return HS_NOMEM;
	for (size_t i = 0; i < n; i++)
		account_field_error(&fe, errors[i].field, errors[i].label,
		                    errors[i].message);
	if (until > 0)
		show_lock(r, fe.body, until);
	if (changed)
		tdict_show(fe.body, "CHANGED");
	tdict_set(fe.body, "USER_NAME", r->user->display_name);
	tdict_set(fe.body, "USERNAME", r->user->username);
	r->status = status;
	r->extra_headers = "Cache-Control: no-store\r\n";
	return page_end(r, &p);
}

enum hstatus page_password(struct request *r)
{
	return password_page(r, 200, NULL, 0, 0,
	                     req_query(r, "changed") != NULL);
}

enum hstatus page_password_post(struct request *r)
{
	const char *cur = req_form(r, "current_password");
	const char *pw = req_form(r, "new_password");
	const char *pw2 = req_form(r, "new_password_confirm");
	const char *key = throttle_key(r->arena, r->user->username);
	const char *msg;
	char hash[PASSWORD_HASH_MAX], fresh[PASSWORD_HASH_MAX];
	struct user_actor who = {r->user->id, r->remote_addr};
	struct pw_error errs[3];
	size_t n = 0;
	time_t until = 0;
	int rc;

	rc = throttle_check(r->db, key, r->remote_addr, time(NULL), &until);
	if (rc < 0)
		return HS_DB;
	if (rc == 1)
		return password_page(r, 429, NULL, 0, until, 0);
	if (cur == NULL || *cur == '\0')
		errs[n++] =
		    (struct pw_error){"current_password", "現在のパスワード",
		                      "現在のパスワードを入力してください。"};
	msg = password_policy(pw, r->user->username);
	if (msg != NULL)
		errs[n++] =
		    (struct pw_error){"new_password", "新しいパスワード", msg};
	else if (pw2 == NULL || strcmp(pw, pw2) != 0)
		errs[n++] = (struct pw_error){
		    "new_password_confirm", "新しいパスワード（確認）",
		    "確認のために、同じパスワードをもう一度入力してください。"};
	if (n > 0)
		return password_page(r, 422, errs, n, 0, 0);
	if (users_password_hash(r->db, r->user->id, hash, sizeof(hash)) !=
	        US_OK ||
	    strlen(cur) > PASSWORD_MAX_BYTES || !password_verify(hash, cur)) {
		record_failure(r, key, r->user->username, "password change");
		if (now_locked(r, key, r->user->username, &until))
			return password_page(r, 429, NULL, 0, until, 0);
		errs[0] =
		    (struct pw_error){"current_password", "現在のパスワード",
		                      "現在のパスワードが正しくありません。"};
		return password_page(r, 422, errs, 1, 0, 0);
	}
	if (password_hash(pw, fresh) < 0)
		return HS_NOMEM;
	if (db_begin(r->db) < 0)
		return HS_DB;
	if (users_set_password(r->db, &who, r->user->id, fresh) != US_OK ||
	    sessions_revoke_user(r->db, r->user->id) < 0 ||
	    session_start(r, r->user) < 0 || db_commit(r->db) < 0) {
		db_rollback(r->db);
		r->set_cookie = NULL;
		return HS_DB;
	}
	log_info("password changed: user '%s'", r->user->username);
	r->status = 303;
	r->location = "/account/password?changed=1";
	return HS_OK;
}
