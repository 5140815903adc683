/* Bringing existing data in and out: the office's Excel lists of groups
 * (団体) and projects (協働事業) as CSV. One column table per kind names
 * every column (Japanese header, the staff form field it fills, aliases
 * Excel lists use); the import reads UTF-8 (with or without BOM) or
 * Shift_JIS (CP932), resolves names against the master data, validates
 * each row with the staff forms' own rules (group_form_parse,
 * project_form_parse) and reports every problem with its row and column.
 * Then it writes all rows in one transaction with their audit rows (and
 * one "import" row naming the count), or nothing. The export writes the same
 * columns (UTF-8 with BOM, CRLF), so export → import gives the same records
 * back. Used by /admin/import and `kyodo import|export`. All strings are arena
 * memory. */
#ifndef KYODO_MODEL_IMPORT_H
#define KYODO_MODEL_IMPORT_H
#include <stddef.h>

#include "db/db.h"
#include "model/users.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/sjis.h"

/* What is imported or exported. */
enum import_kind {
	IK_GROUPS,   /* 団体 */
	IK_PROJECTS, /* 協働事業 */
	IK__MAX
};

/* One column of a kind's CSV. */
struct import_column {
	const char *header;  /* Japanese header, as the export writes it */
	const char *field;   /* the staff form field it fills */
	int required;        /* 1: the column must be in the file */
	const char *note;    /* what to write, for the docs and the page */
	const char *aliases; /* other headers accepted, '|'-separated, or
	                        NULL */
	int conv;            /* how a cell becomes form values (import.c) */
};

/* Limits of one import. */
#define IMPORT_MAX_ROWS     10000 /* data rows */
#define IMPORT_MAX_PROBLEMS 300   /* problems listed (the rest counted) */
/* From this many rows written, the search indexes are merged afterwards
 * (one segment per index again, as after `kyodo demo`). */
#define IMPORT_OPTIMIZE_ROWS 1000

/* One problem found in the file. */
struct import_problem {
	size_t row;          /* record number: the header is 1 (0: the file) */
	size_t col;          /* 1-based column, 0 when not one column */
	const char *column;  /* the column's header ("" when none) */
	const char *message; /* Japanese */
};

/* What an import found and did. */
struct import_report {
	enum charset cs;          /* the file's character set */
	size_t rows;              /* data rows read (blank rows skipped) */
	size_t written;           /* records created and committed */
	struct import_problem *p; /* problems, in row order */
	size_t np;                /* problems listed */
	size_t nmore;             /* problems beyond IMPORT_MAX_PROBLEMS */
	const char **ignored;     /* headers not imported (unknown columns) */
	size_t nignored;          /* number of them */
};

/* How an import ended. */
enum import_status {
	IMP_OK,       /* valid: written (or, for a dry run, would be) */
	IMP_PROBLEMS, /* the file has problems (report lists them): nothing
	                 written */
	IMP_DB,       /* database error (logged): nothing written */
	IMP_NOMEM,    /* out of memory: nothing written */
	IMP__MAX
};

/* "groups" → IK_GROUPS, "projects" → IK_PROJECTS, else -1. */
int import_kind_parse(const char *s);
/* "groups" / "projects". */
const char *import_kind_slug(enum import_kind k);
/* "団体" / "協働事業". */
const char *import_kind_name(enum import_kind k);
/* The columns of kind k in export order (*n of them). */
const struct import_column *import_columns(enum import_kind k, size_t *n);

/* Import data[0..n) (a whole CSV file as uploaded) as records of kind k
 * written by who. Every row is read and checked first; with no problem,
 * all rows are inserted in one transaction with one "create" audit row
 * per filled field of each record (model/history.h) and one "import" row
 * (import_audit), then committed — or,
 * when dry_run, rolled back, so a dry run also meets what the database
 * itself would refuse. *out says what was found. */
enum import_status import_csv(struct db *db, struct arena *a,
                              const struct user_actor *who, enum import_kind k,
                              const char *data, size_t n, int dry_run,
                              struct import_report *out);

/* Write the audit row of an import or an export inside the caller's
 * transaction: who (user and address), when (now), what (kind: "groups" /
 * "projects"; action "import" or "export"; field "rows"), and the number
 * of records as the new value. 0, or -1 on a database error (logged). */
int import_audit(struct db *db, const struct user_actor *who,
                 enum import_kind k, const char *action, size_t rows);
/* import_audit(…, "export", rows) in a transaction of its own: what the
 * export page and `kyodo export` call once the file is written. 0, or -1
 * on a database error (logged, rolled back). */
int export_audit(struct db *db, const struct user_actor *who,
                 enum import_kind k, size_t rows);

/* Append every record of kind k to out as CSV: UTF-8 BOM, the header row,
 * one row per record (groups by kana, projects by year and id), CRLF —
 * including the representatives' private contact, so only for 協働推進課.
 * The whole file in memory: export_open() and export_rows() write it in
 * pieces. *rows (when not NULL) gets the number of records. 0, or -1 on a
 * database error or out of memory. */
int export_csv(struct db *db, struct arena *a, enum import_kind k,
               struct buf *out, size_t *rows);

/* An export written in pieces (export_open, export_rows, export_close). */
struct export_run;

/* Start the export of kind k: open a read transaction on db (unless one is
 * open: then the export reads in the caller's), load the name lists, read
 * the first record and append the BOM and the header row to out. Every
 * record then comes from this one snapshot, however long the writing
 * takes. The run lives in a (the lists too); NULL on a database error or
 * out of memory (logged, the transaction closed): nothing was written, so
 * the caller can still answer with an error. */
struct export_run *export_open(struct db *db, struct arena *a,
                               enum import_kind k, struct buf *out);
/* Append the next records to out while out->len < until (SIZE_MAX: all of
 * them; a record is never split). 1 when records remain, 0 when the last
 * one has been written, -1 on a database error or out of memory (logged):
 * out then ends with the last whole record, and the file is incomplete. */
int export_rows(struct export_run *x, struct buf *out, size_t until);
/* The number of records export_rows() has appended so far. */
size_t export_count(const struct export_run *x);
/* End the run: close the read transaction export_open() began and free
 * what the run holds (not a's memory). NULL is a no-op. */
void export_close(struct export_run *x);
#endif
