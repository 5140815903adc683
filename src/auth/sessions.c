/* Login sessions: the cookie carries 32 random bytes (base64url), the
 * database only their BLAKE2b hash, with the session's CSRF token and its
 * idle and absolute expiry. */
#include <string.h>

#include "auth/auth.h"
#include "server/config.h"
#include "util/log.h"

enum session_state session_state(time_t now, time_t last_seen, time_t expires,
                                 int idle)
{
	if (now >= expires)
		return SESSION_EXPIRED;
	if (now - last_seen >= (time_t)idle)
		return SESSION_IDLE;
	return SESSION_VALID;
}

/* Configured idle and absolute lifetimes (defaults without a config). */
static int idle_seconds(const struct request *r)
{
	return r->cfg != NULL && r->cfg->session_idle > 0 ? r->cfg->session_idle
	                                                  : 7200;
}

static int lifetime_seconds(const struct request *r)
{
	return r->cfg != NULL && r->cfg->session_lifetime > 0
	           ? r->cfg->session_lifetime
	           : 43200;
}

void auth_cookie(struct request *r, const char *name, const char *value,
                 long max_age)
{
	char age[32] = "";
	const char *line;

	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	line = arena_printf(r->arena,
	                    "Set-Cookie: %s=%s; Path=/; HttpOnly; "
	                    "SameSite=Lax%s%s\r\n",
	                    name, value, r->https ? "; Secure" : "", age);
	if (line == NULL)
		return;
	if (r->set_cookie != NULL)
		line = arena_printf(r->arena, "%s%s", r->set_cookie, line);
	if (line != NULL)
		r->set_cookie = line;
}

void auth_end(struct request *r)
{
	const char *h;

	if (r->set_cookie == NULL)
		return;
	h = r->extra_headers != NULL
	        ? arena_printf(r->arena, "%s%s", r->extra_headers,
	                       r->set_cookie)
	        : r->set_cookie;
	if (h != NULL)
		r->extra_headers = h;
	r->set_cookie = NULL;
}

/* Delete the session whose token hash is h. 0 or -1. */
static int delete_session(struct db *db, const unsigned char *h)
{
	sqlite3_stmt *st =
	    db_prep(db, "DELETE FROM sessions WHERE token_hash = ?1");
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, h, TOKEN_HASH_BYTES, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Load the session of cookie value c into r. 1 when valid, 0 when the
 * cookie names no usable session (deleted if it existed), -1 on error. */
static int load_session(struct request *r, const char *c)
{
	unsigned char raw[TOKEN_BYTES], h[TOKEN_HASH_BYTES];
	sqlite3_stmt *st;
	long long user_id;
	time_t now = time(NULL), last_seen, expires;
	const char *csrf;
	struct user *u;
	enum session_state state;
	enum ustatus us;

	if (token_decode(c, raw) < 0)
		return 0;
	token_hash(raw, h);
	st = db_prep(r->db, "SELECT user_id, csrf_token, "
	                    "CAST(strftime('%s', last_seen_at) AS INTEGER), "
	                    "CAST(strftime('%s', expires_at) AS INTEGER) "
	                    "FROM sessions WHERE token_hash = ?1");
	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW: break;
	case SQLITE_DONE: sqlite3_reset(st); return 0;
	default:
		log_err("session lookup: %s", sqlite3_errmsg(r->db->h));
		sqlite3_reset(st);
		return -1;
	}
	user_id = sqlite3_column_int64(st, 0);
	csrf = arena_strdup(r->arena, db_text(st, 1));
	last_seen = (time_t)sqlite3_column_int64(st, 2);
	expires = (time_t)sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	if (csrf == NULL)
		return -1;
	state = session_state(now, last_seen, expires, idle_seconds(r));
	u = arena_alloc(r->arena, sizeof(*u));
	if (u == NULL)
		return -1;
	us = state == SESSION_VALID ? users_by_id(r->db, r->arena, user_id, u)
	                            : US_NOTFOUND;
	if (us == US_DB || us == US_NOMEM)
		return -1;
	if (us == US_NOTFOUND || u->disabled) {
		delete_session(r->db, h);
		return 0;
	}
	if (now - last_seen >= SESSION_TOUCH) {
		st = db_prep(r->db, "UPDATE sessions SET last_seen_at = "
		                    "datetime(?2, 'unixepoch') "
		                    "WHERE token_hash = ?1");
		if (st != NULL) {
			sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
			if (sqlite3_step(st) != SQLITE_DONE)
				log_err("session touch: %s",
				        sqlite3_errmsg(r->db->h));
			sqlite3_reset(st);
		}
	}
	r->user = u;
	r->csrf_token = csrf;
	return 1;
}

void auth_begin(struct request *r)
{
	const char *c = req_cookie(r, SESSION_COOKIE);
	unsigned char raw[TOKEN_BYTES];

	r->user = NULL;
	r->csrf_token = NULL;
	if (r->db != NULL && c != NULL && *c != '\0') {
		int rc = load_session(r, c);

		if (rc == 1)
			return;
		if (rc == 0)
			auth_cookie(r, SESSION_COOKIE, "", 0);
	}
	c = req_cookie(r, CSRF_COOKIE);
	if (c != NULL && token_decode(c, raw) == 0)
		r->csrf_token = c;
}

int session_start(struct request *r, const struct user *u)
{
	unsigned char raw[TOKEN_BYTES], h[TOKEN_HASH_BYTES];
	char tok[TOKEN_CHARS + 1], csrf[TOKEN_CHARS + 1];
	const char *old = req_cookie(r, SESSION_COOKIE);
	time_t now = time(NULL);
	sqlite3_stmt *st;
	int rc;

	/* a new session id on every login: the old one is gone */
	if (old != NULL && token_decode(old, raw) == 0) {
		token_hash(raw, h);
		if (delete_session(r->db, h) < 0)
			return -1;
	}
	token_new(tok, raw);
	token_hash(raw, h);
	sodium_memzero(raw, sizeof(raw));
	token_new(csrf, NULL);
	st = db_prep(r->db,
	             "INSERT INTO sessions (token_hash, user_id, csrf_token, "
	             "created_at, last_seen_at, expires_at, client_addr) "
	             "VALUES (?1, ?2, ?3, datetime(?4, 'unixepoch'), "
	             "datetime(?4, 'unixepoch'), datetime(?5, 'unixepoch'), "
	             "?6)");
	if (st == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_text(st, 3, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)(now + lifetime_seconds(r)));
	sqlite3_bind_text(st, 6, r->remote_addr ? r->remote_addr : "", -1,
	                  SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("session insert: %s", sqlite3_errmsg(r->db->h));
		return -1;
	}
	auth_cookie(r, SESSION_COOKIE, tok, lifetime_seconds(r));
	if (req_cookie(r, CSRF_COOKIE) != NULL)
		auth_cookie(r, CSRF_COOKIE, "", 0);
	r->user = u;
	r->csrf_token = arena_strdup(r->arena, csrf);
	return r->csrf_token != NULL ? 0 : -1;
}

int session_end(struct request *r)
{
	const char *c = req_cookie(r, SESSION_COOKIE);
	unsigned char raw[TOKEN_BYTES], h[TOKEN_HASH_BYTES];
	int rc = 0;

	if (c != NULL && token_decode(c, raw) == 0) {
		token_hash(raw, h);
		rc = delete_session(r->db, h);
	}
	if (c != NULL)
		auth_cookie(r, SESSION_COOKIE, "", 0);
	r->user = NULL;
	r->csrf_token = NULL;
	return rc;
}

int sessions_revoke_user(struct db *db, long long id)
{
	sqlite3_stmt *st =
	    db_prep(db, "DELETE FROM sessions WHERE user_id = ?1");
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("revoke sessions of user %lld: %s", id,
		        sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

int sessions_purge(struct db *db, time_t now)
{
	/* idle sessions are refused when loaded and go here at the latest
	 * when their absolute expiry passes (sessions_expires index) */
	sqlite3_stmt *st =
	    db_prep(db, "DELETE FROM sessions WHERE expires_at <= datetime(?1, "
	                "'unixepoch')");
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return -1;
	/* ids grow with time: the oldest attempts are the lowest ids, so a
	 * bounded walk from the start finds what is older than 30 days */
	st =
	    db_prep(db, "DELETE FROM login_attempts WHERE id IN "
	                "(SELECT id FROM login_attempts ORDER BY id LIMIT 500) "
	                "AND at < datetime(?1, 'unixepoch')");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)(now - 30 * 86400));
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}
