/* Snapshots of records, the diff that becomes audit rows (written through
 * model/audit.c), and the reader of the audit log for the history page.
 * Every statement is a SQL literal with bound parameters. */
#include "model/history.h"

#include <string.h>

#include "model/audit.h"
#include "model/groups_write.h"
#include "model/projects_write.h"
#include "util/log.h"

int snap_add(struct arena *a, struct snapshot *s, const char *key,
             const char *label, const char *value)
{
	struct snap_field *f;

	if (model_grow(a, (void **)&s->v, &s->cap, s->n, sizeof(*s->v)) < 0)
		return -1;
	f = &s->v[s->n++];
	f->key = key;
	f->label = label;
	f->value = value != NULL ? value : "";
	return 0;
}

const char *snap_get(const struct snapshot *s, const char *key)
{
	for (size_t i = 0; s != NULL && i < s->n; i++)
		if (strcmp(s->v[i].key, key) == 0)
			return s->v[i].value;
	return NULL;
}

/* NULL for an empty value, so the log tells "nothing" from a value. */
static const char *nz(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

enum wstatus history_row(struct db *db, const struct user_actor *who,
                         const char *kind, long long id, const char *action,
                         const char *field, const char *old_value,
                         const char *new_value)
{
	return audit_write(db, who != NULL ? who->user_id : 0,
	                   who != NULL ? who->addr : NULL, kind, id, action,
	                   field, old_value, new_value) == 0
	           ? WS_OK
	           : WS_DB;
}

enum wstatus model_step(struct db *db, struct arena *a, sqlite3_stmt *st,
                        const char *what, const char **msg)
{
	int rc;

	if (st == NULL)
		return WS_DB;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return WS_OK;
	if (msg != NULL &&
	    (sqlite3_extended_errcode(db->h) & 0xFF) == SQLITE_CONSTRAINT) {
		*msg =
		    arena_printf(a,
		                 "データベースの規則に合わないため登録できませ"
		                 "ん（%s: %s）。",
		                 what, sqlite3_errmsg(db->h));
		return *msg != NULL ? WS_INVALID : WS_NOMEM;
	}
	log_err("%s: %s", what, sqlite3_errmsg(db->h));
	return WS_DB;
}

enum wstatus model_finish(struct db *db, enum wstatus ws)
{
	if (ws == WS_OK)
		return db_commit(db) == 0 ? WS_OK : (db_rollback(db), WS_DB);
	db_rollback(db);
	return ws;
}

enum wstatus history_diff(struct db *db, const struct user_actor *who,
                          const char *kind, long long id, const char *action,
                          const struct snapshot *before,
                          const struct snapshot *after)
{
	for (size_t i = 0; i < after->n; i++) {
		const struct snap_field *f = &after->v[i];
		const char *old =
		    before != NULL ? snap_get(before, f->key) : "";
		const char *act = action;

		if (old == NULL)
			old = "";
		if (strcmp(old, f->value) == 0)
			continue;
		if (before != NULL && strcmp(f->key, "status") == 0)
			act = "status";
		else if (before != NULL && strcmp(f->key, "published") == 0)
			act = strcmp(f->value, "公開") == 0 ? "publish"
			                                    : "unpublish";
		if (history_row(db, who, kind, id, act, f->key, nz(old),
		                nz(f->value)) != WS_OK)
			return WS_DB;
	}
	return WS_OK;
}

/* Audit actions and their Japanese names. */
static const struct {
	const char *code; /* audit_log.action */
	const char *name; /* shown on the history page */
} actions[] = {
    {"create", "登録"},
    {"update", "変更"},
    {"delete", "削除"},
    {"status", "状況の変更"},
    {"publish", "公開"},
    {"unpublish", "非公開に変更"},
    {"approve", "承認・確認"},
    {"reject", "却下"},
    {"login", "ログイン"},
    {"logout", "ログアウト"},
    {"password", "パスワード変更"},
    {"import", "CSV取込"},
    {"export", "CSV書き出し"},
};

const char *history_action_name(const char *action)
{
	for (size_t i = 0;
	     action != NULL && i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(actions[i].code, action) == 0)
			return actions[i].name;
	return action != NULL ? action : "";
}

/* The label of field key of kind, the key itself when unknown. */
static const char *label_of(const char *kind, const char *key)
{
	const char *l = NULL;

	if (key == NULL)
		return NULL;
	if (strcmp(kind, "groups") == 0)
		l = group_field_label(key);
	else if (strcmp(kind, "projects") == 0)
		l = project_field_label(key);
	return l != NULL ? l : key;
}

enum mstatus history_list(struct db *db, struct arena *a, const char *kind,
                          long long id, int limit, struct history_entry **out,
                          size_t *n)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT datetime(a.at, 'localtime'), coalesce(u.display_name, "
	        "'（不明）'), a.action, "
	        "a.field, a.old_value, a.new_value FROM audit_log a LEFT JOIN "
	        "users u ON u.id = a.user_id WHERE a.kind = ?1 AND a.record_id "
	        "= ?2 ORDER BY a.at DESC, a.id DESC LIMIT ?3");
	size_t cap = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int(st, 3, limit);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_entry *e;

		if (model_grow(a, (void **)out, &cap, *n, sizeof(**out)) < 0) {
			oom = 1;
			break;
		}
		e = &(*out)[(*n)++];
		e->at = model_text(a, st, 0, &oom);
		e->user = model_text(a, st, 1, &oom);
		e->action = model_text(a, st, 2, &oom);
		e->field = model_text_or_null(a, st, 3, &oom);
		e->old_value = model_text_or_null(a, st, 4, &oom);
		e->new_value = model_text_or_null(a, st, 5, &oom);
		e->label = e->field != NULL ? label_of(kind, e->field)
		                            : history_action_name(e->action);
	}
	sqlite3_reset(st);
	if (oom)
		return MS_NOMEM;
	if (rc != SQLITE_DONE) {
		log_err("history_list: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return MS_OK;
}
