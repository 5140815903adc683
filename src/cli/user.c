/* kyodo user: accounts from the command line, so the first admin of a
 * fresh database can be created. Audit rows name no user and the address
 * "cli". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "db/db.h"
#include "http/decode.h"
#include "model/users.h"
#include "util/validate.h"

const char cmd_user_usage[] =
    "usage: kyodo user add USERNAME --role admin|staff|committee|group\n"
    "                  [--name NAME] [--department CODE] [--group ID]\n"
    "       kyodo user passwd USERNAME\n"
    "       kyodo user list\n"
    "       kyodo user disable USERNAME\n"
    "       kyodo user enable USERNAME\n"
    "       kyodo user unlock USERNAME\n"
    "Manage accounts. add and passwd read the password twice from the\n"
    "terminal without echo, or one line from standard input when it is not\n"
    "a terminal (for scripts). A password has at least 10 characters.\n"
    "passwd and disable end the user's login sessions; disable refuses the\n"
    "last enabled admin. unlock forgets the failed logins that locked an\n"
    "account (it also unlocks by itself).\n"
    "  --role R         admin (協働推進課), staff (職員), committee (委員),\n"
    "                   group (団体担当者)\n"
    "  --name NAME      display name (default: the username)\n"
    "  --department C   department code (required for staff; an active\n"
    "                   one of the departments table)\n"
    "  --group ID       the group of a group account (required for group)\n";

/* The command-line actor of audit rows. */
static const struct user_actor cli_actor = {0, "cli"};

/* Read one line from f into buf (size n) without its line end. 0, or -1 at
 * end of input or when the line does not fit. */
static int read_line(FILE *f, char *buf, size_t n)
{
	size_t len;

	if (fgets(buf, (int)n, f) == NULL)
		return -1;
	len = strlen(buf);
	if (len > 0 && buf[len - 1] != '\n' && !feof(f))
		return -1;
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	return 0;
}

/* Prompt on the terminal and read a line without echo. 0 or -1. */
static int read_hidden(const char *prompt, char *buf, size_t n)
{
	struct termios old, quiet;
	int rc;

	fputs(prompt, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
		return -1;
	rc = read_line(stdin, buf, n);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return rc;
}

/* The new password for username into pw: twice from a terminal, once from
 * standard input otherwise; checked against the rules. 0 or -1 (said). */
static int read_password(const char *username, char *pw, size_t n)
{
	char again[PASSWORD_MAX_BYTES + 2];
	const char *msg;

	if (isatty(STDIN_FILENO)) {
		if (read_hidden("New password: ", pw, n) < 0 ||
		    read_hidden("Repeat it: ", again, sizeof(again)) < 0) {
			fprintf(stderr, "kyodo user: no password read\n");
			return -1;
		}
		if (strcmp(pw, again) != 0) {
			fprintf(stderr,
			        "kyodo user: the passwords differ; nothing "
			        "changed\n");
			return -1;
		}
		sodium_memzero(again, sizeof(again));
	} else if (read_line(stdin, pw, n) < 0) {
		fprintf(stderr, "kyodo user: no password on standard input "
		                "(one line expected)\n");
		return -1;
	}
	msg = password_policy(pw, username);
	if (msg != NULL) {
		fprintf(stderr, "kyodo user: %s (at least %d characters)\n",
		        msg, PASSWORD_MIN_CHARS);
		return -1;
	}
	return 0;
}

/* Open the configured database (creating it when create: user add on a
 * fresh install) and apply pending migrations. NULL after a message. */
static struct db *open_db(const struct config *cfg, int create)
{
	if (!create && access(cfg->db, R_OK | W_OK) != 0) {
		fprintf(stderr,
		        "kyodo user: cannot open %s: %s (run kyodo migrate "
		        "first)\n",
		        cfg->db, strerror(errno));
		return NULL;
	}
	return db_open_migrated(cfg->db, cfg, create, cfg->schema);
}

/* The options of kyodo user. */
struct user_opts {
	const char *username;   /* the one positional argument */
	const char *role;       /* --role */
	const char *name;       /* --name */
	const char *department; /* --department */
	const char *group;      /* --group */
};

/* Parse argv[2..argc) into o. 0, or -1 after a message. */
static int parse(struct config *cfg, int argc, char **argv, struct user_opts *o)
{
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		char err[256];

		if (strcmp(a, "--role") == 0)
			slot = &o->role;
		else if (strcmp(a, "--name") == 0)
			slot = &o->name;
		else if (strcmp(a, "--department") == 0)
			slot = &o->department;
		else if (strcmp(a, "--group") == 0)
			slot = &o->group;
		else if (strcmp(a, "--db") == 0) {
			if (i + 1 >= argc || config_set(cfg, "db", argv[++i],
			                                err, sizeof(err)) < 0) {
				fprintf(stderr,
				        "kyodo user: --db needs a path\n");
				return -1;
			}
			continue;
		} else if (a[0] == '-') {
			fprintf(stderr, "kyodo user: unknown option '%s'\n", a);
			return -1;
		} else if (o->username == NULL) {
			o->username = a;
			continue;
		} else {
			fprintf(stderr, "kyodo user: unexpected '%s'\n", a);
			return -1;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "kyodo user: %s needs a value\n", a);
			return -1;
		}
		*slot = argv[++i];
	}
	return 0;
}

/* kyodo user add. */
static int user_add(struct db *db, struct arena *a, const struct user_opts *o)
{
	struct user_input in = {0};
	char pw[PASSWORD_MAX_BYTES + 2], hash[PASSWORD_HASH_MAX];
	const char *msg = user_check_username(o->username);
	long long id = 0;
	enum ustatus us;
	char *end = NULL;
	struct user existing;

	if (msg != NULL) {
		fprintf(stderr,
		        "kyodo user: bad username '%s' (letters, digits, "
		        "'.', '_', '-'; at most 64)\n",
		        o->username);
		return 2;
	}
	in.role = role_from_code(o->role);
	if (in.role == ROLE_PUBLIC) {
		fprintf(stderr, "kyodo user add: --role admin, staff, "
		                "committee or group is required\n");
		return 2;
	}
	in.display_name = o->name != NULL ? o->name : o->username;
	if (*in.display_name == '\0' || utf8_chars(in.display_name) > 100 ||
	    !utf8_valid(in.display_name, strlen(in.display_name))) {
		fprintf(stderr, "kyodo user add: --name must be 1 to 100 "
		                "characters of UTF-8\n");
		return 2;
	}
	in.department = o->department;
	if (in.role == ROLE_STAFF && o->department == NULL) {
		fprintf(stderr, "kyodo user add: staff need --department\n");
		return 2;
	}
	if (o->group != NULL)
		in.group_id = strtoll(o->group, &end, 10);
	if (in.role == ROLE_GROUP &&
	    (o->group == NULL || *end != '\0' || in.group_id <= 0)) {
		fprintf(stderr, "kyodo user add: group accounts need --group "
		                "ID (a groups.id)\n");
		return 2;
	}
	us = users_by_name(db, a, o->username, &existing);
	if (us == US_OK) {
		fprintf(stderr, "kyodo user add: '%s' exists already\n",
		        o->username);
		return 1;
	}
	if (us != US_NOTFOUND)
		return 1;
	if (read_password(o->username, pw, sizeof(pw)) < 0)
		return 1;
	if (password_hash(pw, hash) < 0) {
		fprintf(stderr, "kyodo user add: out of memory hashing\n");
		return 1;
	}
	sodium_memzero(pw, sizeof(pw));
	if (db_begin(db) < 0)
		return 1;
	us = users_create(db, &cli_actor, o->username, &in, hash, &id);
	if (us != US_OK || db_commit(db) < 0) {
		db_rollback(db);
		fprintf(stderr, "kyodo user add: %s\n",
		        us == US_NOTFOUND   ? "no such active department, or "
		                              "no such group"
		        : us == US_CONFLICT ? "the username is taken"
		                            : "database error");
		return 1;
	}
	printf("created user %s (%s, %s), id %lld\n", o->username,
	       role_code(in.role), role_label(in.role), id);
	return 0;
}

/* kyodo user passwd. */
static int user_passwd(struct db *db, struct arena *a,
                       const struct user_opts *o)
{
	struct user u;
	char pw[PASSWORD_MAX_BYTES + 2], hash[PASSWORD_HASH_MAX];

	if (users_by_name(db, a, o->username, &u) != US_OK) {
		fprintf(stderr, "kyodo user passwd: no user '%s'\n",
		        o->username);
		return 1;
	}
	if (read_password(u.username, pw, sizeof(pw)) < 0)
		return 1;
	if (password_hash(pw, hash) < 0)
		return 1;
	sodium_memzero(pw, sizeof(pw));
	if (db_begin(db) < 0)
		return 1;
	if (users_set_password(db, &cli_actor, u.id, hash) != US_OK ||
	    sessions_revoke_user(db, u.id) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		fprintf(stderr, "kyodo user passwd: database error\n");
		return 1;
	}
	printf("password of %s changed; their sessions ended\n", u.username);
	return 0;
}

/* kyodo user disable / enable. The account is read inside the write
 * transaction, so its version (which users_update checks and moves on
 * when disabled changes) cannot change under it. The account keeps its
 * department even when admin has deactivated it; disabling the last
 * enabled admin is refused (users_update, US_LAST_ADMIN). */
static int user_set_disabled(struct db *db, struct arena *a,
                             const struct user_opts *o, int disabled)
{
	struct user u;
	struct user_input in;
	enum ustatus us;

	if (db_begin(db) < 0) {
		fprintf(stderr, "kyodo user: database error\n");
		return 1;
	}
	us = users_by_name(db, a, o->username, &u);
	if (us != US_OK) {
		db_rollback(db);
		if (us == US_NOTFOUND)
			fprintf(stderr, "kyodo user: no user '%s'\n",
			        o->username);
		else
			fprintf(stderr, "kyodo user: database error\n");
		return 1;
	}
	in.display_name = u.display_name;
	in.email = u.email;
	in.role = u.role;
	in.department = u.department;
	in.group_id = u.group_id;
	in.disabled = disabled;
	in.version = u.version;
	us = users_update(db, &cli_actor, &u, &in);
	if (us != US_OK || (disabled && sessions_revoke_user(db, u.id) < 0) ||
	    db_commit(db) < 0) {
		db_rollback(db);
		if (us == US_LAST_ADMIN)
			fprintf(stderr,
			        "kyodo user disable: %s is the last enabled "
			        "admin (協働推進課); nothing changed. Add or "
			        "enable another admin first\n",
			        u.username);
		else
			fprintf(stderr, "kyodo user: database error\n");
		return 1;
	}
	printf(disabled ? "%s is disabled; their sessions ended\n"
	                : "%s is enabled\n",
	       u.username);
	return 0;
}

/* kyodo user unlock. */
static int user_unlock(struct db *db, struct arena *a,
                       const struct user_opts *o)
{
	int n = throttle_forget(db, throttle_key(a, o->username));

	if (n < 0) {
		fprintf(stderr, "kyodo user unlock: database error\n");
		return 1;
	}
	printf("%s: %d failed login(s) forgotten\n", o->username, n);
	return 0;
}

/* kyodo user list. */
static int user_list(struct db *db, struct arena *a)
{
	struct user *v;
	size_t n;

	if (users_list(db, a, &v, &n) != US_OK)
		return 1;
	printf("%-6s %-20s %-10s %-12s %-8s %-19s %s\n", "ID", "USERNAME",
	       "ROLE", "DEPT/GROUP", "STATE", "LAST LOGIN (UTC)", "NAME");
	for (size_t i = 0; i < n; i++) {
		char aff[32] = "-";

		if (v[i].group_id > 0)
			snprintf(aff, sizeof(aff), "group %lld", v[i].group_id);
		else if (v[i].department != NULL)
			snprintf(aff, sizeof(aff), "%s", v[i].department);
		printf("%-6lld %-20s %-10s %-12s %-8s %-19s %s\n", v[i].id,
		       v[i].username, role_code(v[i].role), aff,
		       v[i].disabled ? "disabled" : "enabled",
		       v[i].last_login_at ? v[i].last_login_at : "-",
		       v[i].display_name);
	}
	if (n == 0)
		printf("(no users: create the first admin with kyodo user add "
		       "NAME --role admin)\n");
	return 0;
}

int cmd_user(struct config *cfg, int argc, char **argv)
{
	struct user_opts o = {0};
	const char *sub = argc > 1 ? argv[1] : "";
	struct db *db;
	struct arena a;
	int rc;

	if (strcmp(sub, "add") != 0 && strcmp(sub, "passwd") != 0 &&
	    strcmp(sub, "list") != 0 && strcmp(sub, "disable") != 0 &&
	    strcmp(sub, "enable") != 0 && strcmp(sub, "unlock") != 0) {
		fputs(cmd_user_usage, stderr);
		return 2;
	}
	if (parse(cfg, argc, argv, &o) < 0)
		return 2;
	if (strcmp(sub, "list") != 0 && o.username == NULL) {
		fprintf(stderr, "kyodo user %s: USERNAME is missing\n", sub);
		return 2;
	}
	if (strcmp(sub, "add") != 0 &&
	    (o.role || o.name || o.department || o.group)) {
		fprintf(stderr,
		        "kyodo user %s: --role, --name, --department "
		        "and --group belong to add\n",
		        sub);
		return 2;
	}
	db = open_db(cfg, strcmp(sub, "add") == 0);
	if (db == NULL)
		return 1;
	arena_init(&a, 0);
	if (strcmp(sub, "add") == 0)
		rc = user_add(db, &a, &o);
	else if (strcmp(sub, "passwd") == 0)
		rc = user_passwd(db, &a, &o);
	else if (strcmp(sub, "list") == 0)
		rc = user_list(db, &a);
	else if (strcmp(sub, "unlock") == 0)
		rc = user_unlock(db, &a, &o);
	else
		rc = user_set_disabled(db, &a, &o, strcmp(sub, "disable") == 0);
	arena_free(&a);
	db_close(db);
	return rc;
}
