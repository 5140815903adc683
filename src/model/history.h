/* 変更履歴: what the staff-side writers share (the status they return, who
 * is writing, a record's fields as display text) and the reader of the
 * audit log for /staff/history/{kind}/{id}. Audit rows themselves are
 * written by model/audit.c; history_diff() turns two snapshots of a record
 * into those rows. All strings returned are arena memory. */
#ifndef KYODO_MODEL_HISTORY_H
#define KYODO_MODEL_HISTORY_H
#include <stddef.h>

#include "db/db.h"
#include "model/master.h"
#include "model/users.h"
#include "util/arena.h"

/* What a staff-side write returns. */
enum wstatus {
	WS_OK,       /* written and committed */
	WS_NOTFOUND, /* no such record */
	WS_CONFLICT, /* the record's version moved on: nothing written */
	WS_INVALID,  /* a rule the database would refuse (message set) */
	WS_DB,       /* database error (logged), rolled back */
	WS_NOMEM,    /* arena exhausted, rolled back */
	WS__MAX
};

/* One field of a record as people read it: codes turned into names, flags
 * into 公開/非公開, money into 円. key is the stable field name the audit
 * log stores; label the Japanese label shown beside it. */
struct snap_field {
	const char *key;   /* "rep_phone" */
	const char *label; /* "代表者の電話番号" */
	const char *value; /* display text, "" when empty */
};

/* A record as an ordered list of fields (arena memory). */
struct snapshot {
	struct snap_field *v; /* fields in form order */
	size_t n;             /* fields used */
	size_t cap;           /* fields allocated */
};

/* Append key/label/value (value NULL is stored as ""); the strings are not
 * copied. 0, or -1 when out of memory. */
int snap_add(struct arena *a, struct snapshot *s, const char *key,
             const char *label, const char *value);
/* The value of key in s, or NULL when s has no such field. */
const char *snap_get(const struct snapshot *s, const char *key);

/* Write one audit row per field whose value differs between before and
 * after (before NULL: a new record, every non-empty field of after is
 * written with action "create"). action is the audit action for ordinary
 * fields ("create" / "update"); the fields "status" and "published" are
 * written as "status" and "publish"/"unpublish". Runs inside the caller's
 * transaction. WS_OK, WS_DB or WS_NOMEM. */
enum wstatus history_diff(struct db *db, const struct user_actor *who,
                          const char *kind, long long id, const char *action,
                          const struct snapshot *before,
                          const struct snapshot *after);
/* Write one audit row (field, old and new value may be NULL) inside the
 * caller's transaction. WS_OK or WS_DB. */
enum wstatus history_row(struct db *db, const struct user_actor *who,
                         const char *kind, long long id, const char *action,
                         const char *field, const char *old_value,
                         const char *new_value);

/* Step st, a bound statement that returns no row, then reset it: the
 * writers' one way to run an INSERT / UPDATE / DELETE. WS_OK; WS_INVALID
 * when a constraint refused it and msg is not NULL (*msg: a Japanese
 * sentence naming what and SQLite's reason, arena memory); else WS_DB
 * (logged with what; also for st NULL) or WS_NOMEM. */
enum wstatus model_step(struct db *db, struct arena *a, sqlite3_stmt *st,
                        const char *what, const char **msg);

/* A writer's one exit from its transaction: commit when ws is WS_OK
 * (WS_DB, rolled back, when the commit fails), else roll back; returns
 * ws. */
enum wstatus model_finish(struct db *db, enum wstatus ws);

/* One line of the history page. */
struct history_entry {
	const char *at;   /* "YYYY-MM-DD HH:MM:SS" UTC as stored */
	const char *user; /* display name, "（不明）" when the user is gone */
	const char *action;    /* audit action code ("update") */
	const char *field;     /* field key, NULL for actions without one */
	const char *label;     /* Japanese label of field (or of the action) */
	const char *old_value; /* NULL when none */
	const char *new_value; /* NULL when none */
};

/* The audit rows of record id of kind ("groups" or "projects"), newest
 * first, at most limit. Labels come from the writer's field table. */
enum mstatus history_list(struct db *db, struct arena *a, const char *kind,
                          long long id, int limit, struct history_entry **out,
                          size_t *n);
/* The Japanese name of an audit action ("update" → "更新"). */
const char *history_action_name(const char *action);
#endif
