/* Audit rows. */
#include "model/audit.h"

#include <string.h>

#include "util/log.h"

/* Bind s as text, or NULL when s is NULL. */
static int bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	return s != NULL ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC)
	                 : sqlite3_bind_null(st, i);
}

int audit_write(struct db *db, long long user_id, const char *addr,
                const char *kind, long long record_id, const char *action,
                const char *field, const char *old_value, const char *new_value)
{
	sqlite3_stmt *st = db_prep(
	    db, "INSERT INTO audit_log (user_id, kind, record_id, action, "
	        "field, old_value, new_value, client_addr) "
	        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	int rc;

	if (st == NULL)
		return -1;
	if (user_id > 0)
		sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (record_id > 0)
		sqlite3_bind_int64(st, 3, record_id);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
	bind_text_or_null(st, 5, field);
	bind_text_or_null(st, 6, old_value);
	bind_text_or_null(st, 7, new_value);
	bind_text_or_null(st, 8, addr != NULL && *addr ? addr : NULL);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("audit_log insert (%s %lld %s): %s", kind, record_id,
		        action, sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

int audit_field(struct db *db, long long user_id, const char *addr,
                const char *kind, long long record_id, const char *field,
                const char *old_value, const char *new_value)
{
	if (old_value == NULL && new_value == NULL)
		return 0;
	if (old_value != NULL && new_value != NULL &&
	    strcmp(old_value, new_value) == 0)
		return 0;
	return audit_write(db, user_id, addr, kind, record_id, "update", field,
	                   old_value, new_value);
}
