/* 利用者 (users): accounts with a role, a department for staff, a group for
 * group accounts. Every SQL statement on the users table lives here. Writes
 * run inside the caller's transaction (db_begin … db_commit) and write
 * their audit rows (model/audit.h) in it. All strings returned are arena
 * memory. */
#ifndef KYODO_MODEL_USERS_H
#define KYODO_MODEL_USERS_H
#include <stddef.h>

#include "db/db.h"
#include "http/router.h"
#include "util/arena.h"

/* What a users function returns. */
enum ustatus {
	US_OK,         /* found / done */
	US_NOTFOUND,   /* no such user (or department / group) */
	US_CONFLICT,   /* users_create: the username is taken; users_update:
	                  the account changed since the form was read (version) */
	US_LAST_ADMIN, /* users_update: the change (role away from admin, or
	                  disabled) would leave no enabled admin (協働推進課)
	                  account — nothing is written */
	US_DB,         /* database error (logged) */
	US_NOMEM,      /* arena exhausted */
	US__MAX
};

/* One account. */
struct user {
	long long id;             /* users.id */
	const char *username;     /* login name, [A-Za-z0-9._-]{1,64} */
	const char *display_name; /* 氏名 shown in the header and lists */
	const char *email;        /* NULL when none (never public) */
	enum role role;           /* ROLE_ADMIN … ROLE_GROUP (never PUBLIC) */
	const char *department;   /* departments.code, NULL when none */
	const char *department_name; /* its name, NULL when none */
	long long group_id;          /* groups.id for group accounts, else 0 */
	const char *group_name;      /* its name, NULL when none */
	int disabled;                /* 1: cannot log in */
	const char *created_at;      /* "YYYY-MM-DD HH:MM:SS" UTC */
	const char *last_login_at;   /* same, NULL when never */
	long long version; /* users.version: moves on with every change of
	                      the fields of struct user_input (optimistic
	                      locking of the edit form) */
};

/* A new account or the editable part of one (users_create, users_update). */
struct user_input {
	const char *display_name; /* required */
	const char *email;        /* NULL or "" for none */
	enum role role;           /* ROLE_ADMIN … ROLE_GROUP */
	const char *department;   /* code; required for staff, NULL for none */
	long long group_id;       /* required for group accounts, else 0 */
	int disabled;             /* users_update only */
	long long version; /* users_update only: the version the values were
	                      read at (the edit form's hidden field) */
};

/* Who is writing: goes into the audit rows. */
struct user_actor {
	long long user_id; /* users.id, 0 = the command line */
	const char *addr;  /* client address, "cli" for the command line */
};

/* "admin", "staff", "committee", "group" for a role; NULL for ROLE_PUBLIC
 * or an out-of-range value. */
const char *role_code(enum role role);
/* The Japanese label: 協働推進課, 職員, 委員, 団体担当者 (一般 for public). */
const char *role_label(enum role role);
/* The role for a code; ROLE_PUBLIC when code is not one of the four. */
enum role role_from_code(const char *code);

/* Validators for the field tables (util/validate.h): a username of 1..64
 * ASCII letters, digits, '.', '_' and '-'. Returns NULL when valid or a
 * Japanese message. */
const char *user_check_username(const char *s);

/* The user whose username is name (case-insensitive), with department and
 * group names. US_OK, US_NOTFOUND, US_DB or US_NOMEM. */
enum ustatus users_by_name(struct db *db, struct arena *a, const char *name,
                           struct user *out);
/* The user with id. US_OK, US_NOTFOUND, US_DB or US_NOMEM. */
enum ustatus users_by_id(struct db *db, struct arena *a, long long id,
                         struct user *out);
/* The password hash of user id, copied into hash (size n). US_OK,
 * US_NOTFOUND (also when it does not fit) or US_DB. */
enum ustatus users_password_hash(struct db *db, long long id, char *hash,
                                 size_t n);
/* Every user, ordered by role (admin first) then username. */
enum ustatus users_list(struct db *db, struct arena *a, struct user **out,
                        size_t *n);
/* How many enabled admins other than user id exist (-1 on error). */
long long users_other_admins(struct db *db, long long id);

/* Create an account with a password hash (from password_hash()); sets *id.
 * Checks that the department exists and is active and the group exists
 * (US_NOTFOUND), and that the username is free (US_CONFLICT). Writes
 * "create" audit rows. In the caller's transaction. */
enum ustatus users_create(struct db *db, const struct user_actor *who,
                          const char *username, const struct user_input *in,
                          const char *hash, long long *id);
/* Update the editable fields of old->id to in, one "update" audit row per
 * changed field, with optimistic locking: old is the account as read at
 * in->version, and the row is written only while its version is still
 * in->version. The version moves on by one when a field changes (a save
 * that changes nothing leaves it, so it does not make other open forms
 * stale). A new department must exist and be active; the account's own
 * (old->department) is kept even when admin has deactivated it, so that
 * disabling, enabling or a role change of its staff still saves. When old
 * is an enabled admin and in is not (another role, or disabled), the
 * UPDATE itself writes only while another enabled admin exists: the
 * guarantee that one remains does not depend on a check made before the
 * write (two admins demoting each other at once). US_OK; US_CONFLICT when
 * the account changed since in->version (old->version differs, or another
 * write came in between) — nothing is written; US_LAST_ADMIN when no
 * other enabled admin would remain — nothing is written; US_NOTFOUND when
 * a new department is not an active one, the group does not exist, or the
 * account no longer does; US_DB. Does not revoke sessions (the caller
 * does, on disable). In the caller's transaction: on any status but US_OK
 * the caller rolls back. */
enum ustatus users_update(struct db *db, const struct user_actor *who,
                          const struct user *old, const struct user_input *in);
/* Replace user id's password hash and set password_changed_at; one
 * "password" audit row without values. Leaves users.version alone (the
 * password is not a value the edit form shows). In the caller's
 * transaction. */
enum ustatus users_set_password(struct db *db, const struct user_actor *who,
                                long long id, const char *hash);
/* Replace the hash after a rehash on login (no audit row: the password
 * did not change). */
enum ustatus users_rehash(struct db *db, long long id, const char *hash);
/* Record a successful login: last_login_at = now and a "login" audit row.
 * In the caller's transaction. */
enum ustatus users_logged_in(struct db *db, const struct user_actor *who,
                             long long id);
/* 1 when departments has an active row code, 0 when not, -1 on error. */
int users_department_exists(struct db *db, const char *code);
/* 1 when groups has a row id, 0 when not, -1 on error. */
int users_group_exists(struct db *db, long long id);

/* A choice for a select box. */
struct user_choice {
	const char *value; /* code or id as text */
	const char *label; /* Japanese name */
};
/* The active departments in display order. */
enum ustatus users_department_choices(struct db *db, struct arena *a,
                                      struct user_choice **out, size_t *n);
#endif
