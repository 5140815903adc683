/* kyodo: one executable, subcommands like fossil or git. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/import.h"
#include "db/db.h"
#include "db/search_fn.h"
#include "model/demo.h"
#include "model/summaries.h"
#include "server/config.h"
#include "server/server.h"
#include "util/log.h"

#ifndef KYODO_SYSCONFDIR
#define KYODO_SYSCONFDIR "/etc"
#endif

#ifndef KYODO_VERSION
#define KYODO_VERSION "0.1.0"
#endif

/* One subcommand. */
struct command {
	const char *name; /* as typed */
	int (*run)(struct config *cfg, int argc,
	           char **argv); /* after options */
	const char *usage;       /* --help text */
};

static const char common_opts[] =
    "  --db PATH        database file (config key db)\n"
    "  -c FILE          configuration file (before the command; else "
    "$KYODO_CONFIG,\n"
    "                   else " KYODO_SYSCONFDIR "/kyodo.conf if it exists)\n"
    "  --help           this text\n";

/* Parse the options every command shares; returns the index of the first
 * unparsed argument, or -1 after printing an error. */
static int common_args(struct config *cfg, int argc, char **argv,
                       const char *const *extra, const char **extra_val)
{
	int i;

	for (i = 1; i < argc; i++) {
		char err[256];
		const char *a = argv[i];
		int matched = 0;

		if (strcmp(a, "--db") == 0 || strcmp(a, "--listen") == 0 ||
		    strcmp(a, "--workers") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "kyodo: %s needs a value\n", a);
				return -1;
			}
			if (config_set(cfg, a + 2, argv[++i], err,
			               sizeof(err)) < 0) {
				fprintf(stderr, "kyodo: %s\n", err);
				return -1;
			}
			continue;
		}
		for (size_t k = 0; extra != NULL && extra[k] != NULL; k++) {
			if (strcmp(a, extra[k]) == 0 && i + 1 < argc) {
				extra_val[k] = argv[++i];
				matched = 1;
			}
		}
		if (matched)
			continue;
		fprintf(stderr, "kyodo: unknown argument '%s' (see --help)\n",
		        a);
		return -1;
	}
	return i;
}

/* The schema version of an existing database; -1 when it cannot be read. */
static int schema_version(const struct config *cfg)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int v = -1;

	if (access(cfg->db, R_OK | W_OK) != 0)
		return -1;
	if (sqlite3_open_v2(cfg->db, &h, SQLITE_OPEN_READONLY, NULL) ==
	        SQLITE_OK &&
	    sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) ==
	        SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v;
}

/* Before serving: the database exists, its directory is writable (WAL
 * needs it) and no migration is pending. 0 or -1 with the reason logged. */
static int check_database(const struct config *cfg)
{
	char dir[sizeof(cfg->db)];
	char *slash;
	int v, latest;

	snprintf(dir, sizeof(dir), "%s", cfg->db);
	slash = strrchr(dir, '/');
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (access(cfg->db, F_OK) != 0) {
		log_err("database %s does not exist: run 'kyodo migrate' "
		        "(or 'kyodo demo') first",
		        cfg->db);
		return -1;
	}
	if (access(cfg->db, R_OK | W_OK) != 0 || access(dir, W_OK) != 0) {
		log_err("database %s or its directory %s is not writable by "
		        "this user (SQLite in WAL mode needs both)",
		        cfg->db, dir);
		return -1;
	}
	v = schema_version(cfg);
	latest = db_schema_latest(cfg->schema);
	if (v <= 0) {
		log_err("database %s is not migrated: run 'kyodo migrate' "
		        "first",
		        cfg->db);
		return -1;
	}
	if (v < latest) {
		log_err("database %s is at schema version %d but %s has "
		        "version %d: run 'kyodo migrate' first",
		        cfg->db, v, cfg->schema, latest);
		return -1;
	}
	return 0;
}

static int cmd_serve(struct config *cfg, int argc, char **argv)
{
	int fd;

	if (common_args(cfg, argc, argv, NULL, NULL) < 0)
		return 2;
	if (check_database(cfg) < 0)
		return 1;
	fd = server_listen(cfg);
	if (fd < 0)
		return 1;
	return server_run(cfg, fd);
}

static int cmd_migrate(struct config *cfg, int argc, char **argv)
{
	struct db *db;

	if (common_args(cfg, argc, argv, NULL, NULL) < 0)
		return 2;
	db = db_open_migrated(cfg->db, cfg, 1, cfg->schema);
	if (db == NULL)
		return 1;
	db_close(db);
	printf("database %s is at schema version %d\n", cfg->db,
	       schema_version(cfg));
	return 0;
}

static int cmd_demo(struct config *cfg, int argc, char **argv)
{
	static const char *const extra[] = {"--scale", NULL};
	const char *val[1] = {"demo"};
	struct db *db;
	int rc;

	if (common_args(cfg, argc, argv, extra, val) < 0)
		return 2;
	if (strcmp(val[0], "demo") != 0 && strcmp(val[0], "city") != 0 &&
	    strcmp(val[0], "large") != 0) {
		fprintf(stderr, "kyodo demo: --scale is demo, city or large\n");
		return 2;
	}
	db = db_open_migrated(cfg->db, cfg, 1, cfg->schema);
	if (db == NULL)
		return 1;
	rc = demo_load(db->h, val[0]);
	/* one segment per search index: searches read one b-tree per word */
	if (rc == 0 && search_optimize(db->h) != SQLITE_OK) {
		fprintf(stderr, "kyodo demo: merging the search indexes: %s\n",
		        sqlite3_errmsg(db->h));
		rc = -1;
	}
	db_close(db);
	if (rc == 0)
		printf("loaded the %s data set into %s\n", val[0], cfg->db);
	return rc == 0 ? 0 : 1;
}

/* Print each row of a check pragma; returns the number of problems. */
static int run_check(sqlite3 *h, const char *sql, const char *ok)
{
	sqlite3_stmt *st;
	int problems = 0;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(h));
		return 1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		if (ok != NULL && t != NULL && strcmp((const char *)t, ok) == 0)
			continue;
		printf("  %s", t ? (const char *)t : "NULL");
		for (int c = 1; c < sqlite3_column_count(st); c++)
			printf(" %s",
			       sqlite3_column_text(st, c)
			           ? (const char *)sqlite3_column_text(st, c)
			           : "NULL");
		printf("\n");
		problems++;
	}
	sqlite3_finalize(st);
	return problems;
}

static int cmd_check(struct config *cfg, int argc, char **argv)
{
	struct db *db;
	int problems, damaged, sums, v, repair = 0, n = 0;
	unsigned wrong = 0; /* the summaries that differ */

	/* --repair is a flag; the other options are the common ones */
	for (int i = 0; i < argc; i++)
		if (i > 0 && strcmp(argv[i], "--repair") == 0)
			repair = 1;
		else
			argv[n++] = argv[i];
	if (common_args(cfg, n, argv, NULL, NULL) < 0)
		return 2;
	v = schema_version(cfg);
	if (v < 0) {
		fprintf(stderr, "kyodo check: cannot open %s\n", cfg->db);
		return 1;
	}
	db = db_open(cfg->db, cfg, 0);
	if (db == NULL)
		return 1;
	printf("database %s, schema version %d\n", cfg->db, v);
	damaged = run_check(db->h, "PRAGMA integrity_check", "ok");
	problems = damaged;
	problems += run_check(db->h, "PRAGMA foreign_key_check", NULL);
	if (v >= 2) /* the keyword search's indexes (schema/002_search.sql) */
		problems += search_check(db->h);
	/* the tables kept by triggers: the list counts (schema/001, 005),
	 * the partner summary (007), each group's 分野 codes (008) */
	sums = summaries_check(db->h, v, stdout, &wrong);
	if (repair && wrong != 0 && damaged > 0)
		printf("  not repaired: the file itself is damaged "
		       "(integrity_check): restore a backup\n");
	else if (repair && wrong != 0 &&
	         summaries_repair(db->h, v, stdout, wrong) == 0)
		sums = summaries_check(db->h, v, stdout, NULL);
	problems += sums;
	db_close(db);
	printf(problems ? "%d problem(s) found\n" : "ok\n", problems);
	return problems ? 1 : 0;
}

static int cmd_version(struct config *cfg, int argc, char **argv)
{
	(void)cfg;
	(void)argc;
	(void)argv;
	printf("kyodo %s (SQLite %s)\n", KYODO_VERSION, sqlite3_libversion());
	return 0;
}

static int cmd_help(struct config *cfg, int argc, char **argv);

static const struct command commands[] = {
    {"serve", cmd_serve,
     "usage: kyodo serve [--listen ADDR] [--workers N] [--db PATH]\n"
     "Serve the portal over FastCGI with N prefork workers.\n"
     "  --listen ADDR    unix:/path.sock, 127.0.0.1:PORT, or fd:0 (a socket\n"
     "                   inherited on standard input, as spawn-fcgi and\n"
     "                   systemd socket activation pass it)\n"
     "  --workers N      worker processes (default: number of cores)\n"},
    {"migrate", cmd_migrate,
     "usage: kyodo migrate [--db PATH]\n"
     "Create the database if needed and apply the schema/NNN_*.sql files\n"
     "newer than its PRAGMA user_version, each in one transaction.\n"},
    {"demo", cmd_demo,
     "usage: kyodo demo [--db PATH] [--scale demo|city|large]\n"
     "Migrate, then load a fictional city: demo (about 40 groups, 120\n"
     "projects, demo accounts with password kyodo-demo), city (5,000\n"
     "projects) or large (200,000 projects) for benchmarks.\n"},
    {"check", cmd_check,
     "usage: kyodo check [--repair] [--db PATH]\n"
     "Run SQLite's integrity and foreign-key checks and check the search\n"
     "indexes and the tables kept by triggers (the counts of the lists,\n"
     "the partner summary of the project lists, each group's copy of its\n"
     "分野 codes) against the rows they come from; exit 1 on problems.\n"
     "  --repair         rebuild the kept tables that differ from their\n"
     "                   rows, in one transaction (not the search indexes,\n"
     "                   not a damaged file); exit 0 when nothing is left\n"},
    {"user", cmd_user, cmd_user_usage},
    {"import", cmd_import, cmd_import_usage},
    {"export", cmd_export, cmd_export_usage},
    {"version", cmd_version, "usage: kyodo version\nPrint the version.\n"},
    {"help", cmd_help, "usage: kyodo help [COMMAND]\n"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static int cmd_help(struct config *cfg, int argc, char **argv)
{
	(void)cfg;
	for (size_t i = 0; argc > 1 && i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			printf("%s%s", commands[i].usage, common_opts);
			return 0;
		}
	printf(
	    "usage: kyodo [-c FILE] COMMAND [OPTIONS]\n\n"
	    "kyodo — 協働のまちづくり portal (FastCGI + SQLite)\n\n"
	    "commands:\n"
	    "  serve     serve the portal over FastCGI\n"
	    "  migrate   create or upgrade the database\n"
	    "  demo      load the demo city (or a benchmark data set)\n"
	    "  check     check the database's integrity\n"
	    "  user      manage accounts (add, passwd, list, disable, enable, "
	    "unlock)\n"
	    "  import    import groups or projects from a CSV file\n"
	    "  export    export groups or projects as CSV\n"
	    "  version   print the version\n"
	    "  help      this text; 'kyodo COMMAND --help' for one command\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct config cfg;
	/* The file: -c FILE, else $KYODO_CONFIG (empty: none), else
	 * SYSCONFDIR/kyodo.conf when it exists. */
	const char *conf = getenv("KYODO_CONFIG");
	char err[512];
	int i = 1;

	config_defaults(&cfg);
	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		conf = argv[2];
		i = 3;
	}
	if (conf == NULL && access(KYODO_SYSCONFDIR "/kyodo.conf", R_OK) == 0)
		conf = KYODO_SYSCONFDIR "/kyodo.conf";
	if (conf != NULL && *conf == '\0')
		conf = NULL;
	if (conf != NULL &&
	    config_load_file(&cfg, conf, err, sizeof(err)) < 0) {
		fprintf(stderr, "kyodo: %s\n", err);
		return 2;
	}
	if (config_load_env(&cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "kyodo: %s\n", err);
		return 2;
	}
	if (i >= argc || strcmp(argv[i], "--help") == 0 ||
	    strcmp(argv[i], "-h") == 0)
		return cmd_help(&cfg, 0, NULL) == 0 && i < argc ? 0 : 2;
	for (size_t k = 0; k < NCOMMANDS; k++) {
		if (strcmp(argv[i], commands[k].name) != 0)
			continue;
		for (int j = i + 1; j < argc; j++)
			if (strcmp(argv[j], "--help") == 0 ||
			    strcmp(argv[j], "-h") == 0) {
				printf("%s%s", commands[k].usage, common_opts);
				return 0;
			}
		return commands[k].run(&cfg, argc - i, argv + i);
	}
	fprintf(stderr, "kyodo: unknown command '%s' (try kyodo help)\n",
	        argv[i]);
	return 2;
}
