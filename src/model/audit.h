/* The audit log (変更履歴): one row per changed field, or per action without
 * a field (login, password change …), written inside the caller's
 * transaction so the change and its record commit or roll back together.
 * Readers (the history page) live in model/history.c. */
#ifndef KYODO_MODEL_AUDIT_H
#define KYODO_MODEL_AUDIT_H
#include "db/db.h"

/* Write one audit row: who (user_id, 0 = no user: the command line, a
 * test), from where (addr: the client address, "cli" for the command line,
 * NULL or "" when unknown), the record (kind: the table, e.g. "users",
 * "groups"; record_id, 0 = none), action (one of the schema's CHECK list:
 * create update delete status publish unpublish approve reject login logout
 * password import export), and for a field change the field's key with its old
 * and new values as text (each may be NULL). The time is the database's now
 * (UTC). Never pass secrets (password hashes, tokens) as values. Returns 0, or
 * -1 on a database error (logged); the caller then rolls back. */
int audit_write(struct db *db, long long user_id, const char *addr,
                const char *kind, long long record_id, const char *action,
                const char *field, const char *old_value,
                const char *new_value);

/* audit_write() for a field update, only when the value changed: old and
 * new compared as strings, NULL equal only to NULL ("" and NULL differ).
 * Returns 0 (written or nothing to write) or -1 on a database error. */
int audit_field(struct db *db, long long user_id, const char *addr,
                const char *kind, long long record_id, const char *field,
                const char *old_value, const char *new_value);
#endif
