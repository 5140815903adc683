/* Login throttling: consecutive failures per username and per client
 * address, recorded in login_attempts, lock the login for an exponentially
 * growing time. */
#include <string.h>

#include "auth/auth.h"
#include "util/log.h"

long throttle_delay(int failures, int free)
{
	long d = THROTTLE_BASE;

	if (failures < free)
		return 0;
	for (int i = free; i < failures && d < THROTTLE_MAX; i++)
		d *= 2;
	return d < THROTTLE_MAX ? d : THROTTLE_MAX;
}

const char *throttle_key(struct arena *a, const char *username)
{
	size_t n = strlen(username);
	char *k;

	if (n > 64)
		n = 64;
	k = arena_strndup(a, username, n);
	if (k == NULL)
		return "";
	for (char *p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

/* Failures and the time of the last one, from a prepared count statement
 * bound with ?1 = key and ?2 = the window's start. 0 or -1. */
static int count_failures(struct db *db, sqlite3_stmt *st, int *failures,
                          time_t *last)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		*failures = sqlite3_column_int(st, 0);
		*last = (time_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		log_err("login_attempts count: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

int throttle_check(struct db *db, const char *key, const char *addr, time_t now,
                   time_t *until)
{
	sqlite3_stmt *st;
	int fu = 0, fa = 0;
	time_t lu = 0, la = 0, tu, ta;

	st = db_prep(db,
	             "SELECT count(*), "
	             "coalesce(max(CAST(strftime('%s', at) AS INTEGER)), 0) "
	             "FROM login_attempts WHERE username = ?1 AND success = 0 "
	             "AND at > datetime(?2, 'unixepoch') AND id > coalesce("
	             "(SELECT max(id) FROM login_attempts "
	             "WHERE username = ?1 AND success = 1), 0)");
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)(now - THROTTLE_WINDOW));
	if (count_failures(db, st, &fu, &lu) < 0)
		return -1;
	if (addr != NULL && *addr != '\0') {
		st = db_prep(
		    db, "SELECT count(*), "
		        "coalesce(max(CAST(strftime('%s', at) AS INTEGER)), 0) "
		        "FROM login_attempts WHERE client_addr = ?1 "
		        "AND success = 0 AND at > datetime(?2, 'unixepoch') "
		        "AND id > coalesce((SELECT max(id) FROM login_attempts "
		        "WHERE client_addr = ?1 AND success = 1), 0)");
		if (st == NULL)
			return -1;
		sqlite3_bind_text(st, 1, addr, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2,
		                   (sqlite3_int64)(now - THROTTLE_WINDOW));
		if (count_failures(db, st, &fa, &la) < 0)
			return -1;
	}
	tu = fu >= THROTTLE_FREE_USER
	         ? lu + throttle_delay(fu, THROTTLE_FREE_USER)
	         : 0;
	ta = fa >= THROTTLE_FREE_ADDR
	         ? la + throttle_delay(fa, THROTTLE_FREE_ADDR)
	         : 0;
	if (ta > tu)
		tu = ta;
	if (tu > now) {
		*until = tu;
		return 1;
	}
	return 0;
}

int throttle_record(struct db *db, const char *key, const char *addr,
                    int success)
{
	sqlite3_stmt *st = db_prep(db, "INSERT INTO login_attempts "
	                               "(username, client_addr, success) "
	                               "VALUES (?1, ?2, ?3)");
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, addr != NULL ? addr : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, success ? 1 : 0);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("login_attempts insert: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

int throttle_forget(struct db *db, const char *key)
{
	sqlite3_stmt *st = db_prep(db, "DELETE FROM login_attempts "
	                               "WHERE username = ?1 AND success = 0");
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? sqlite3_changes(db->h) : -1;
}
