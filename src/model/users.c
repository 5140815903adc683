/* Users: every statement on the users table. */
#include "model/users.h"

#include <stdio.h>
#include <string.h>

#include "model/audit.h"
#include "model/master.h"
#include "util/log.h"

/* role codes and labels, indexed by enum role */
static const char *const role_codes[ROLE__MAX] = {
    [ROLE_PUBLIC] = NULL,   [ROLE_GROUP] = "group",
    [ROLE_STAFF] = "staff", [ROLE_COMMITTEE] = "committee",
    [ROLE_ADMIN] = "admin",
};
static const char *const role_labels[ROLE__MAX] = {
    [ROLE_PUBLIC] = "一般",      [ROLE_GROUP] = "団体担当者",
    [ROLE_STAFF] = "職員",       [ROLE_COMMITTEE] = "委員",
    [ROLE_ADMIN] = "協働推進課",
};

const char *role_code(enum role role)
{
	return (unsigned)role < ROLE__MAX ? role_codes[role] : NULL;
}

const char *role_label(enum role role)
{
	return (unsigned)role < ROLE__MAX ? role_labels[role] : "";
}

enum role role_from_code(const char *code)
{
	for (int i = 0; code != NULL && i < ROLE__MAX; i++)
		if (role_codes[i] != NULL && strcmp(role_codes[i], code) == 0)
			return (enum role)i;
	return ROLE_PUBLIC;
}

const char *user_check_username(const char *s)
{
	size_t n = strlen(s);

	if (n == 0)
		return "ユーザー名を入力してください。";
	if (n > 64)
		return "ユーザー名は64文字以内で入力してください。";
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
		      *p == '-'))
			return "ユーザー名は半角英数字と「.」「_」「-」"
			       "で入力してください。";
	return NULL;
}

/* Column col as arena text, NULL for SQL NULL; *oom set when out of
 * memory. */
static const char *col_or_null(struct arena *a, sqlite3_stmt *st, int col,
                               int *oom)
{
	const char *s;

	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NULL;
	s = arena_strdup(a, db_text(st, col));
	if (s == NULL)
		*oom = 1;
	return s;
}

/* Column col as arena text ("" for NULL). */
static const char *col_text(struct arena *a, sqlite3_stmt *st, int col,
                            int *oom)
{
	const char *s = col_or_null(a, st, col, oom);

	return s != NULL ? s : "";
}

/* The columns every user query selects, in this order. */
#define USER_COLUMNS                                                           \
	"u.id, u.username, u.display_name, u.email, u.role, u.department, "    \
	"d.name, coalesce(u.group_id, 0), g.name, u.disabled, u.created_at, "  \
	"u.last_login_at, u.version "

/* Read the USER_COLUMNS of the current row into u. 0, or -1 when out of
 * memory. */
static int read_user(struct arena *a, sqlite3_stmt *st, struct user *u)
{
	int oom = 0;

	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	u->username = col_text(a, st, 1, &oom);
	u->display_name = col_text(a, st, 2, &oom);
	u->email = col_or_null(a, st, 3, &oom);
	u->role = role_from_code(db_text(st, 4));
	u->department = col_or_null(a, st, 5, &oom);
	u->department_name = col_or_null(a, st, 6, &oom);
	u->group_id = sqlite3_column_int64(st, 7);
	u->group_name = col_or_null(a, st, 8, &oom);
	u->disabled = sqlite3_column_int(st, 9);
	u->created_at = col_text(a, st, 10, &oom);
	u->last_login_at = col_or_null(a, st, 11, &oom);
	u->version = sqlite3_column_int64(st, 12);
	return oom ? -1 : 0;
}

/* Step a prepared single-user query into out and reset it. */
static enum ustatus one_user(struct db *db, struct arena *a, sqlite3_stmt *st,
                             struct user *out)
{
	enum ustatus us;

	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		us = read_user(a, st, out) < 0 ? US_NOMEM : US_OK;
		break;
	case SQLITE_DONE: us = US_NOTFOUND; break;
	default: log_err("users: %s", sqlite3_errmsg(db->h)); us = US_DB;
	}
	sqlite3_reset(st);
	return us;
}

enum ustatus users_by_name(struct db *db, struct arena *a, const char *name,
                           struct user *out)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT " USER_COLUMNS
	        "FROM users u LEFT JOIN departments d ON d.code = u.department "
	        "LEFT JOIN groups g ON g.id = u.group_id "
	        "WHERE u.username = ?1");

	if (st == NULL)
		return US_DB;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return one_user(db, a, st, out);
}

enum ustatus users_by_id(struct db *db, struct arena *a, long long id,
                         struct user *out)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT " USER_COLUMNS
	        "FROM users u LEFT JOIN departments d ON d.code = u.department "
	        "LEFT JOIN groups g ON g.id = u.group_id "
	        "WHERE u.id = ?1");

	if (st == NULL)
		return US_DB;
	sqlite3_bind_int64(st, 1, id);
	return one_user(db, a, st, out);
}

enum ustatus users_password_hash(struct db *db, long long id, char *hash,
                                 size_t n)
{
	sqlite3_stmt *st =
	    db_prep(db, "SELECT password_hash FROM users WHERE id = ?1");
	enum ustatus us = US_NOTFOUND;
	int rc;

	if (st == NULL)
		return US_DB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *h = db_text(st, 0);

		if (strlen(h) < n) {
			memcpy(hash, h, strlen(h) + 1);
			us = US_OK;
		}
	} else if (rc != SQLITE_DONE) {
		log_err("users: %s", sqlite3_errmsg(db->h));
		us = US_DB;
	}
	sqlite3_reset(st);
	return us;
}

/* How a list read through model_row() ended, as a users status. */
static enum ustatus rows_status(enum mstatus ms)
{
	return ms == MS_OK ? US_OK : ms == MS_NOMEM ? US_NOMEM : US_DB;
}

enum ustatus users_list(struct db *db, struct arena *a, struct user **out,
                        size_t *n)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT " USER_COLUMNS
	        "FROM users u LEFT JOIN departments d ON d.code = u.department "
	        "LEFT JOIN groups g ON g.id = u.group_id "
	        "ORDER BY u.disabled, CASE u.role WHEN 'admin' THEN 1 "
	        "WHEN 'staff' THEN 2 WHEN 'committee' THEN 3 ELSE 4 END, "
	        "u.username");
	struct model_rows rd = {st, 0, 0, 0};
	struct user *u;

	*out = NULL;
	*n = 0;
	while ((u = model_row(a, &rd, (void **)out, n, sizeof(**out))) != NULL)
		if (read_user(a, st, u) < 0)
			rd.oom = 1;
	return rows_status(model_rows_end(db, &rd, "users list"));
}

long long users_other_admins(struct db *db, long long id)
{
	sqlite3_stmt *st = db_prep(db, "SELECT count(*) FROM users "
	                               "WHERE role = 'admin' AND disabled = 0 "
	                               "AND id <> ?1");
	long long n = -1;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* Step st (bound, NULL when it could not be prepared) once: 1 when it
 * yields a row, 0 when not, -1 on error. */
static int row_exists(sqlite3_stmt *st)
{
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int users_department_exists(struct db *db, const char *code)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT 1 FROM departments WHERE code = ?1 AND active = 1");

	if (st != NULL)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	return row_exists(st);
}

int users_group_exists(struct db *db, long long id)
{
	sqlite3_stmt *st = db_prep(db, "SELECT 1 FROM groups WHERE id = ?1");

	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	return row_exists(st);
}

/* The department and group of in as stored: department only for staff and
 * admin, group only for group accounts. A department must be an active
 * one, unless it is kept, the account's stored department (NULL for a new
 * account): admin may have deactivated it since, and the account keeps it
 * as the records keep theirs. US_OK or US_NOTFOUND / US_DB. */
static enum ustatus check_links(struct db *db, const struct user_input *in,
                                const char *kept, const char **dept,
                                long long *group)
{
	int rc;

	*dept = NULL;
	*group = 0;
	if ((in->role == ROLE_STAFF || in->role == ROLE_ADMIN) &&
	    in->department != NULL && *in->department != '\0') {
		rc = kept != NULL && strcmp(in->department, kept) == 0
		         ? 1
		         : users_department_exists(db, in->department);
		if (rc <= 0)
			return rc < 0 ? US_DB : US_NOTFOUND;
		*dept = in->department;
	}
	if (in->role == ROLE_STAFF && *dept == NULL)
		return US_NOTFOUND;
	if (in->role == ROLE_GROUP) {
		rc =
		    in->group_id > 0 ? users_group_exists(db, in->group_id) : 0;
		if (rc <= 0)
			return rc < 0 ? US_DB : US_NOTFOUND;
		*group = in->group_id;
	}
	return US_OK;
}

/* Bind s as text, or NULL when s is NULL or empty. */
static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL && *s != '\0')
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* A number as text in buf, or NULL when it is 0. */
static const char *id_text(char *buf, size_t n, long long v)
{
	if (v == 0)
		return NULL;
	snprintf(buf, n, "%lld", v);
	return buf;
}

/* s, or NULL when s is "". */
static const char *nonempty(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

enum ustatus users_create(struct db *db, const struct user_actor *who,
                          const char *username, const struct user_input *in,
                          const char *hash, long long *id)
{
	sqlite3_stmt *st;
	const char *dept;
	long long group;
	char gbuf[32];
	enum ustatus us;
	int rc;

	us = check_links(db, in, NULL, &dept, &group);
	if (us != US_OK)
		return us;
	st = db_prep(db, "SELECT 1 FROM users WHERE username = ?1");
	if (st == NULL)
		return US_DB;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return US_CONFLICT;
	if (rc != SQLITE_DONE)
		return US_DB;
	st =
	    db_prep(db, "INSERT INTO users (username, display_name, email, "
	                "password_hash, role, department, group_id, "
	                "password_changed_at) "
	                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, datetime('now'))");
	if (st == NULL)
		return US_DB;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, in->display_name, -1, SQLITE_STATIC);
	bind_opt(st, 3, in->email);
	sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, role_code(in->role), -1, SQLITE_STATIC);
	bind_opt(st, 6, dept);
	if (group > 0)
		sqlite3_bind_int64(st, 7, group);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("users insert %s: %s", username, sqlite3_errmsg(db->h));
		return rc == SQLITE_CONSTRAINT ? US_CONFLICT : US_DB;
	}
	*id = sqlite3_last_insert_rowid(db->h);
	if (audit_write(db, who->user_id, who->addr, "users", *id, "create",
	                "username", NULL, username) < 0 ||
	    audit_write(db, who->user_id, who->addr, "users", *id, "create",
	                "display_name", NULL, in->display_name) < 0 ||
	    audit_write(db, who->user_id, who->addr, "users", *id, "create",
	                "role", NULL, role_code(in->role)) < 0 ||
	    (nonempty(in->email) != NULL &&
	     audit_write(db, who->user_id, who->addr, "users", *id, "create",
	                 "email", NULL, in->email) < 0) ||
	    (dept != NULL &&
	     audit_write(db, who->user_id, who->addr, "users", *id, "create",
	                 "department", NULL, dept) < 0) ||
	    (group > 0 && audit_write(db, who->user_id, who->addr, "users", *id,
	                              "create", "group_id", NULL,
	                              id_text(gbuf, sizeof(gbuf), group)) < 0))
		return US_DB;
	return US_OK;
}

/* One field of the edit form as users_update compares and audits it. */
struct ufield_change {
	const char *field;  /* audit_log.field */
	const char *before; /* stored value as text, NULL for none */
	const char *after;  /* value to store as text, NULL for none */
};

/* 1 when a and b differ as audit_field() compares them (NULL equal only to
 * NULL). */
static int differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/* The version of account id: > 0, 0 when there is no such account, -1 on
 * error. */
static long long user_version(struct db *db, long long id)
{
	sqlite3_stmt *st =
	    db_prep(db, "SELECT version FROM users WHERE id = ?1");
	long long v = -1;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		v = 0;
	sqlite3_reset(st);
	return v;
}

enum ustatus users_update(struct db *db, const struct user_actor *who,
                          const struct user *old, const struct user_input *in)
{
	sqlite3_stmt *st;
	const char *dept;
	long long group, v;
	char og[32], ng[32];
	struct ufield_change ch[6];
	size_t nch = sizeof(ch) / sizeof(ch[0]);
	int changed = 0, rc;
	/* old is an enabled admin and in is not: the write must leave
	 * another enabled admin */
	int demotes = old->role == ROLE_ADMIN && !old->disabled &&
	              (in->role != ROLE_ADMIN || in->disabled);
	enum ustatus us;

	/* old was read at another version than the form: someone saved in
	 * between, and old's values are not what the form started from */
	if (old->version != in->version)
		return US_CONFLICT;
	us = check_links(db, in, old->department, &dept, &group);
	if (us != US_OK)
		return us;
	ch[0] = (struct ufield_change){"display_name", old->display_name,
	                               in->display_name};
	ch[1] = (struct ufield_change){"email", nonempty(old->email),
	                               nonempty(in->email)};
	ch[2] = (struct ufield_change){"role", role_code(old->role),
	                               role_code(in->role)};
	ch[3] = (struct ufield_change){"department", old->department, dept};
	ch[4] = (struct ufield_change){"group_id",
	                               id_text(og, sizeof(og), old->group_id),
	                               id_text(ng, sizeof(ng), group)};
	ch[5] = (struct ufield_change){"disabled", old->disabled ? "1" : "0",
	                               in->disabled ? "1" : "0"};
	for (size_t i = 0; i < nch; i++)
		changed |= differs(ch[i].before, ch[i].after);
	/* The last-admin rule is part of the write: the count of the other
	 * enabled admins and the UPDATE are one statement, so no other write
	 * can come between them, whatever the caller checked before. */
	st = db_prep(db, "UPDATE users SET display_name = ?2, email = ?3, "
	                 "role = ?4, department = ?5, group_id = ?6, "
	                 "disabled = ?7, version = version + ?8 "
	                 "WHERE id = ?1 AND version = ?9 AND (?10 = 0 OR "
	                 "EXISTS (SELECT 1 FROM users o WHERE o.role = "
	                 "'admin' AND o.disabled = 0 AND o.id <> ?1))");
	if (st == NULL)
		return US_DB;
	sqlite3_bind_int64(st, 1, old->id);
	sqlite3_bind_text(st, 2, in->display_name, -1, SQLITE_STATIC);
	bind_opt(st, 3, in->email);
	sqlite3_bind_text(st, 4, role_code(in->role), -1, SQLITE_STATIC);
	bind_opt(st, 5, dept);
	if (group > 0)
		sqlite3_bind_int64(st, 6, group);
	sqlite3_bind_int(st, 7, in->disabled ? 1 : 0);
	sqlite3_bind_int(st, 8, changed);
	sqlite3_bind_int64(st, 9, in->version);
	sqlite3_bind_int(st, 10, demotes);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("users update %lld: %s", old->id,
		        sqlite3_errmsg(db->h));
		return US_DB;
	}
	if (sqlite3_changes(db->h) == 0) {
		/* the row went, its version moved on since old was read, or
		 * (at the version of old) no other enabled admin is left */
		v = user_version(db, old->id);
		if (v < 0)
			return US_DB;
		if (v == 0)
			return US_NOTFOUND;
		if (v != in->version)
			return US_CONFLICT;
		if (demotes)
			return US_LAST_ADMIN;
		log_err("users update %lld: no row written", old->id);
		return US_DB;
	}
	for (size_t i = 0; i < nch; i++)
		if (audit_field(db, who->user_id, who->addr, "users", old->id,
		                ch[i].field, ch[i].before, ch[i].after) < 0)
			return US_DB;
	return US_OK;
}

enum ustatus users_set_password(struct db *db, const struct user_actor *who,
                                long long id, const char *hash)
{
	sqlite3_stmt *st = db_prep(db, "UPDATE users SET password_hash = ?2, "
	                               "password_changed_at = datetime('now') "
	                               "WHERE id = ?1");
	int rc;

	if (st == NULL)
		return US_DB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("users password %lld: %s", id, sqlite3_errmsg(db->h));
		return US_DB;
	}
	if (sqlite3_changes(db->h) == 0)
		return US_NOTFOUND;
	return audit_write(db, who->user_id, who->addr, "users", id, "password",
	                   NULL, NULL, NULL) < 0
	           ? US_DB
	           : US_OK;
}

enum ustatus users_rehash(struct db *db, long long id, const char *hash)
{
	sqlite3_stmt *st =
	    db_prep(db, "UPDATE users SET password_hash = ?2 WHERE id = ?1");
	int rc;

	if (st == NULL)
		return US_DB;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? US_OK : US_DB;
}

enum ustatus users_logged_in(struct db *db, const struct user_actor *who,
                             long long id)
{
	sqlite3_stmt *st = db_prep(
	    db,
	    "UPDATE users SET last_login_at = datetime('now') WHERE id = ?1");
	int rc;

	if (st == NULL)
		return US_DB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return US_DB;
	return audit_write(db, who->user_id, who->addr, "users", id, "login",
	                   NULL, NULL, NULL) < 0
	           ? US_DB
	           : US_OK;
}

/* Read (value, label) rows of a prepared statement into choices. */
static enum ustatus read_choices(struct db *db, struct arena *a,
                                 sqlite3_stmt *st, struct user_choice **out,
                                 size_t *n)
{
	struct model_rows rd = {st, 0, 0, 0};
	struct user_choice *c;

	*out = NULL;
	*n = 0;
	while ((c = model_row(a, &rd, (void **)out, n, sizeof(**out))) !=
	       NULL) {
		c->value = col_text(a, st, 0, &rd.oom);
		c->label = col_text(a, st, 1, &rd.oom);
	}
	return rows_status(model_rows_end(db, &rd, "choices"));
}

enum ustatus users_department_choices(struct db *db, struct arena *a,
                                      struct user_choice **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(db, "SELECT code, name FROM departments "
	                               "WHERE active = 1 ORDER BY sort, code");

	if (st == NULL)
		return US_DB;
	return read_choices(db, a, st, out, n);
}
