/* kyodo import and kyodo export: the same CSV import and export as
 * /admin/import (model/import.h), for the first load of a new city's data
 * and for scripts. Problems are printed one per line as
 * "FILE:ROW:COL: 列名: message"; audit rows (the records', and one
 * "import" or "export" row with the count) name the --user (or nobody)
 * and the address "cli". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/import.h"
#include "db/db.h"
#include "model/import.h"
#include "model/users.h"
#include "util/buf.h"
#include "util/csv.h"

const char cmd_import_usage[] =
    "usage: kyodo import groups|projects FILE [--dry-run] [--user NAME]\n"
    "Import the office's list of groups (団体) or projects (協働事業) from a\n"
    "CSV file (UTF-8 with or without BOM, or Shift_JIS as Japanese Excel\n"
    "saves it; the first row names the columns, see docs/admin-guide.md).\n"
    "Every row is checked first and each problem printed with its row and\n"
    "column; with no problem, all rows are written in one transaction, or\n"
    "none. Import groups before the projects that name them as partners.\n"
    "  --dry-run        check and report, write nothing\n"
    "  --user NAME      the account the audit log names (default: none)\n";

const char cmd_export_usage[] =
    "usage: kyodo export groups|projects [FILE] [--user NAME]\n"
    "Write every group or project as CSV (UTF-8 with BOM, CRLF; the columns\n"
    "kyodo import reads) to FILE or standard output. The file holds the\n"
    "representatives' private contact: keep it safe. The export is recorded\n"
    "in the audit log (who, when, how many rows).\n"
    "  --user NAME      the account the audit log names (default: none)\n";

/* Open the database of cfg (it must exist) and bring its schema up to
 * date. NULL after a message. */
static struct db *open_db(const struct config *cfg, const char *cmd)
{
	struct db *db;

	if (access(cfg->db, R_OK | W_OK) != 0) {
		fprintf(stderr,
		        "kyodo %s: cannot open %s: %s (run kyodo "
		        "migrate first)\n",
		        cmd, cfg->db, strerror(errno));
		return NULL;
	}
	db = db_open(cfg->db, cfg, 0);
	if (db != NULL && db_migrate(db, cfg->schema) < 0) {
		db_close(db);
		db = NULL;
	}
	return db;
}

/* Read the whole file path into b. 0, or -1 after a message. */
static int slurp(const char *path, struct buf *b)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "kyodo import: cannot read %s: %s\n", path,
		        strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_put(b, chunk, n) < 0) {
			fprintf(stderr, "kyodo import: out of memory\n");
			n = 0;
			break;
		}
	if (ferror(f) || b->data == NULL) {
		if (ferror(f))
			fprintf(stderr, "kyodo import: cannot read %s\n", path);
		else
			fprintf(stderr, "kyodo import: %s is empty\n", path);
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	return 0;
}

/* Parse the options shared by import and export: --db PATH, and the
 * extra flags import takes. Positional arguments go to pos[0..2). 0, or -1
 * after a message. */
static int parse(struct config *cfg, const char *cmd, int argc, char **argv,
                 const char **pos, int *dry_run, const char **user)
{
	int npos = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		char err[256];

		if (strcmp(a, "--db") == 0) {
			if (i + 1 >= argc || config_set(cfg, "db", argv[++i],
			                                err, sizeof(err)) < 0) {
				fprintf(stderr, "kyodo %s: --db needs a path\n",
				        cmd);
				return -1;
			}
		} else if (dry_run != NULL && strcmp(a, "--dry-run") == 0) {
			*dry_run = 1;
		} else if (user != NULL && strcmp(a, "--user") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr,
				        "kyodo %s: --user needs a name\n", cmd);
				return -1;
			}
			*user = argv[++i];
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "kyodo %s: unknown option '%s'\n", cmd,
			        a);
			return -1;
		} else if (npos < 2) {
			pos[npos++] = a;
		} else {
			fprintf(stderr, "kyodo %s: unexpected '%s'\n", cmd, a);
			return -1;
		}
	}
	if (npos < 1 || import_kind_parse(pos[0]) < 0) {
		fprintf(stderr,
		        "kyodo %s: say groups or projects (see --help)\n", cmd);
		return -1;
	}
	return 0;
}

/* The audit log's actor of command cmd: the account named user (NULL:
 * nobody) from the address "cli", into *who. 0, or -1 after a message. */
static int actor(struct db *db, struct arena *a, const char *cmd,
                 const char *user, struct user_actor *who)
{
	struct user u;

	who->user_id = 0;
	who->addr = "cli";
	if (user == NULL)
		return 0;
	if (users_by_name(db, a, user, &u) != US_OK) {
		fprintf(stderr, "kyodo %s: no user '%s'\n", cmd, user);
		return -1;
	}
	who->user_id = u.id;
	return 0;
}

/* Print the report of an import of path. */
static void report(const char *path, const struct import_report *r,
                   enum import_kind k, int dry_run, enum import_status is)
{
	for (size_t i = 0; i < r->np; i++) {
		char col[8];

		if (r->p[i].col > 0)
			printf("%s:%zu:%zu: %s列（%s）: %s\n", path,
			       r->p[i].row, r->p[i].col,
			       csv_colname(r->p[i].col, col), r->p[i].column,
			       r->p[i].message);
		else
			printf("%s:%zu: %s\n", path, r->p[i].row,
			       r->p[i].message);
	}
	if (r->nmore > 0)
		printf("%s: %zu more problems not listed\n", path, r->nmore);
	for (size_t i = 0; i < r->nignored; i++)
		printf("%s: column '%s' is not imported (unknown header)\n",
		       path, r->ignored[i]);
	if (is == IMP_OK && dry_run)
		printf("%s: %s, %zu rows of %s: no problem (dry run: nothing "
		       "written)\n",
		       path, charset_name(r->cs), r->rows, import_kind_slug(k));
	else if (is == IMP_OK)
		printf("%s: %s, imported %zu %s\n", path, charset_name(r->cs),
		       r->written, import_kind_slug(k));
	else if (is == IMP_PROBLEMS)
		printf("%s: %zu problem(s): nothing written\n", path,
		       r->np + r->nmore);
}

int cmd_import(struct config *cfg, int argc, char **argv)
{
	const char *pos[2] = {NULL, NULL}, *user = NULL;
	int dry_run = 0, rc = 1;
	struct user_actor who = {0, "cli"};
	struct import_report rep;
	enum import_status is;
	enum import_kind k;
	struct buf data = {0};
	struct arena a;
	struct db *db;

	if (parse(cfg, "import", argc, argv, pos, &dry_run, &user) < 0)
		return 2;
	if (pos[1] == NULL) {
		fprintf(stderr, "kyodo import: FILE is missing (see --help)\n");
		return 2;
	}
	k = (enum import_kind)import_kind_parse(pos[0]);
	if (slurp(pos[1], &data) < 0)
		return 1;
	db = open_db(cfg, "import");
	if (db == NULL) {
		buf_free(&data);
		return 1;
	}
	arena_init(&a, 0);
	if (actor(db, &a, "import", user, &who) < 0)
		goto done;
	is = import_csv(db, &a, &who, k, data.data, data.len, dry_run, &rep);
	if (is == IMP_DB || is == IMP_NOMEM)
		fprintf(stderr, "kyodo import: %s (nothing written)\n",
		        is == IMP_DB ? "database error" : "out of memory");
	else
		report(pos[1], &rep, k, dry_run, is);
	rc = is == IMP_OK ? 0 : 1;
done:
	arena_free(&a);
	db_close(db);
	buf_free(&data);
	return rc;
}

int cmd_export(struct config *cfg, int argc, char **argv)
{
	const char *pos[2] = {NULL, NULL}, *user = NULL;
	struct user_actor who = {0, "cli"};
	struct buf out = {0};
	enum import_kind k;
	struct export_run *x;
	struct arena a;
	struct db *db;
	size_t rows = 0;
	FILE *f;
	int rc = 1, more;

	if (parse(cfg, "export", argc, argv, pos, NULL, &user) < 0)
		return 2;
	k = (enum import_kind)import_kind_parse(pos[0]);
	db = open_db(cfg, "export");
	if (db == NULL)
		return 1;
	arena_init(&a, 0);
	if (actor(db, &a, "export", user, &who) < 0)
		goto done;
	/* the file in pieces, as the export page sends it: the whole file is
	 * never held */
	x = export_open(db, &a, k, &out);
	if (x == NULL) {
		fprintf(stderr, "kyodo export: database error\n");
		goto done;
	}
	f = pos[1] == NULL || strcmp(pos[1], "-") == 0 ? stdout
	                                               : fopen(pos[1], "wb");
	if (f == NULL) {
		fprintf(stderr, "kyodo export: cannot write %s: %s\n", pos[1],
		        strerror(errno));
		export_close(x);
		goto done;
	}
	do {
		more = export_rows(x, &out, 65536);
		if (more >= 0 && fwrite(out.data, 1, out.len, f) != out.len)
			more = -2;
		buf_clear(&out);
	} while (more > 0);
	rows = export_count(x);
	export_close(x);
	if ((f != stdout ? fclose(f) : fflush(f)) != 0 && more == 0)
		more = -2;
	/* audited even when cut short: the records written have left */
	if (export_audit(db, &who, k, rows) < 0) {
		fprintf(stderr, "kyodo export: cannot write the audit log\n");
		goto done;
	}
	if (more < 0) {
		fprintf(stderr, "kyodo export: %s %s (incomplete)\n",
		        more == -1 ? "database error writing" : "cannot write",
		        pos[1] ? pos[1] : "standard output");
		goto done;
	}
	if (pos[1] != NULL && strcmp(pos[1], "-") != 0)
		fprintf(stderr, "kyodo export: %zu %s written to %s\n", rows,
		        pos[0], pos[1]);
	rc = 0;
done:
	arena_free(&a);
	db_close(db);
	buf_free(&out);
	return rc;
}
