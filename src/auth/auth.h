/* Accounts: passwords (libsodium argon2id), random tokens, login sessions,
 * CSRF tokens, login throttling, and the checks the dispatcher runs before
 * a handler (http/response.c). */
#ifndef KYODO_AUTH_H
#define KYODO_AUTH_H
#include <sodium.h>
#include <stddef.h>
#include <time.h>

#include "db/db.h"
#include "http/request.h"
#include "http/router.h"
#include "model/users.h"
#include "view/template.h"

/* ------------------------------------------------------ passwords.c -- */

#define PASSWORD_MIN_CHARS 10   /* shortest password, in characters */
#define PASSWORD_MAX_BYTES 1024 /* longest password, in bytes */
#define PASSWORD_HASH_MAX  crypto_pwhash_STRBYTES /* hash buffer size */

/* Hash pw with argon2id at libsodium's INTERACTIVE limits into out (an
 * "$argon2id$…" string). 0, or -1 when out of memory. */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* The same with explicit limits (tests make cheap or outdated hashes). */
int password_hash_cost(const char *pw, unsigned long long opslimit,
                       size_t memlimit, char out[PASSWORD_HASH_MAX]);
/* 1 when pw matches hash, 0 when not (or hash is malformed). */
int password_verify(const char *hash, const char *pw);
/* Spend the time of one verification against a hash nobody has, so a login
 * with an unknown username takes as long as a wrong password. */
void password_verify_dummy(const char *pw);
/* 1 when hash was made with other limits than password_hash() uses now (or
 * is not an argon2id hash): rehash it on the next successful login. */
int password_needs_rehash(const char *hash);
/* The password rules: at least PASSWORD_MIN_CHARS characters, at most
 * PASSWORD_MAX_BYTES bytes, valid UTF-8 without control characters, not
 * the username. NULL when pw is acceptable, else a Japanese message
 * (static). username may be NULL. */
const char *password_policy(const char *pw, const char *username);

/* ----------------------------------------------------------- tokens.c -- */

#define TOKEN_BYTES      32 /* random bytes in a session or CSRF token */
#define TOKEN_CHARS      43 /* their base64url form, without padding */
#define TOKEN_HASH_BYTES 32 /* what sessions.token_hash stores */

/* A new random token: raw bytes into raw (may be NULL) and base64url text
 * into out. */
void token_new(char out[TOKEN_CHARS + 1], unsigned char raw[TOKEN_BYTES]);
/* Decode a base64url token; 0, or -1 unless s is exactly one token. */
int token_decode(const char *s, unsigned char raw[TOKEN_BYTES]);
/* The stored form of a session token: BLAKE2b-256 of its raw bytes. */
void token_hash(const unsigned char raw[TOKEN_BYTES],
                unsigned char out[TOKEN_HASH_BYTES]);
/* 1 when a and b are both non-NULL, non-empty and equal; the comparison
 * of equal-length strings takes constant time (sodium_memcmp). */
int token_equal(const char *a, const char *b);

/* --------------------------------------------------------- sessions.c -- */

#define SESSION_COOKIE "kyodo_session" /* the login session */
#define CSRF_COOKIE    "kyodo_csrf"    /* anonymous visitors' CSRF token */
#define SESSION_TOUCH  60 /* seconds between last_seen_at updates */

/* What the expiry rules say about a session. */
enum session_state {
	SESSION_VALID,   /* in use */
	SESSION_IDLE,    /* unused for idle seconds or more */
	SESSION_EXPIRED, /* past its absolute expiry */
};

/* The expiry rules: EXPIRED when now >= expires, else IDLE when
 * now - last_seen >= idle, else VALID. */
enum session_state session_state(time_t now, time_t last_seen, time_t expires,
                                 int idle);

/* Load the visitor from the request's cookies: a valid session sets
 * r->user and r->csrf_token (touching last_seen_at at most once a
 * SESSION_TOUCH); an idle, expired or unknown session is deleted and its
 * cookie cleared; a disabled user counts as anonymous. Without a session a
 * well-formed CSRF cookie sets r->csrf_token. Errors are logged and leave
 * the visitor anonymous. Called by dispatch() before the role check. */
void auth_begin(struct request *r);
/* Append r->set_cookie to r->extra_headers (dispatch(), after the handler,
 * so the handler may set extra_headers freely). */
void auth_end(struct request *r);
/* Queue a cookie on r->set_cookie: name=value; Path=/; HttpOnly;
 * SameSite=Lax (+ Secure over HTTPS) (+ Max-Age when max_age >= 0; 0
 * deletes the cookie). */
void auth_cookie(struct request *r, const char *name, const char *value,
                 long max_age);
/* Start a login session for user u: delete the session the request came
 * with, insert a new one (new token, new CSRF token), queue its cookie and
 * the removal of the CSRF cookie, and set r->user / r->csrf_token. Run it
 * inside the caller's transaction. 0, or -1 on a database error. */
int session_start(struct request *r, const struct user *u);
/* End the request's session (if any) and clear its cookie. 0 or -1. */
int session_end(struct request *r);
/* Delete every session of user id (password change, disable). 0 or -1. */
int sessions_revoke_user(struct db *db, long long id);
/* Delete sessions past their absolute expiry (idle ones are refused when
 * loaded) and up to 500 login attempts older than 30 days. 0 or -1. */
int sessions_purge(struct db *db, time_t now);

/* ------------------------------------------------------------- csrf.c -- */

/* The CSRF token for a form on this page. A logged-in user has the
 * session's; an anonymous visitor gets a pre-session token, issued now as
 * the kyodo_csrf cookie when the request had none (double submit: the form
 * carries the cookie's value). A page with a POST form for anonymous
 * visitors (login, survey, proposal) must call this before page_begin();
 * it makes the response uncacheable (Set-Cookie). */
const char *auth_csrf_for_form(struct request *r);
/* 1 when a POST carries the right token in its csrf_token field: the
 * session's when logged in, else the kyodo_csrf cookie's. */
int auth_csrf_ok(const struct request *r);
/* The layout's account variables (page_begin): CSRF_TOKEN (template-global,
 * "" when none yet), section LOGGED_IN with USER_NAME and USER_ROLE (and
 * IS_ADMIN for admins, IS_STAFF_SIDE for staff, committee and admin), or
 * section LOGGED_OUT. */
void auth_page_vars(const struct request *r, tdict *top);

/* ------------------------------------------------------------- next.c -- */

/* next as a Location for a redirect after login: a local path ("/…", not
 * "//…", no backslash, no control characters, at most 1000 bytes), with
 * bytes a URL may not carry percent-encoded. NULL when next is not a local
 * path (arena memory otherwise). */
const char *auth_safe_next(struct arena *a, const char *next);
/* "/login?next=…" for the request (its path and query; for a POST only
 * when table has a GET route for the path, else plain "/login"). Arena
 * memory; "/login" when out of memory. */
const char *auth_login_url(struct request *r, const struct route *table,
                           size_t n);
/* Where a user lands after login without a next: /staff for staff and
 * admin, /committee for committee, / for group accounts — the first of
 * those the route table has, else "/". */
const char *auth_home(const struct user *u, const struct route *table,
                      size_t n);

/* --------------------------------------------------------- throttle.c -- */

#define THROTTLE_FREE_USER 5     /* failures of one username before a lock */
#define THROTTLE_FREE_ADDR 20    /* failures from one address before a lock */
#define THROTTLE_BASE      60    /* first lock, seconds */
#define THROTTLE_MAX       3600  /* longest lock, seconds */
#define THROTTLE_WINDOW    86400 /* failures older than this are forgotten */

/* Seconds to wait after the last of failures consecutive failures when
 * free of them are allowed: 0 below free, then THROTTLE_BASE doubling per
 * further failure, at most THROTTLE_MAX. */
long throttle_delay(int failures, int free);
/* The throttle key of a username: ASCII lower case, at most 64 bytes
 * (arena memory; "" when out of memory). */
const char *throttle_key(struct arena *a, const char *username);
/* Is a login for key (throttle_key) from addr allowed at now? 0 when it
 * is, 1 when locked (sets *until, the time it may be tried again), -1 on a
 * database error. Counts failures since the last success, per key and per
 * address (an empty addr is not counted), within THROTTLE_WINDOW. */
int throttle_check(struct db *db, const char *key, const char *addr, time_t now,
                   time_t *until);
/* Record one attempt. 0 or -1. */
int throttle_record(struct db *db, const char *key, const char *addr,
                    int success);
/* Forget the failed attempts of key (kyodo user unlock). The number of
 * attempts forgotten, or -1. */
int throttle_forget(struct db *db, const char *key);
#endif
