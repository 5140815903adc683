/* CSV (RFC 4180) as Japanese Excel reads and writes it: a parser that keeps
 * the record and field number of every error, and a writer that quotes only
 * what needs quoting and ends records with CRLF. The parser works on UTF-8
 * text (convert Shift_JIS first, util/sjis.h); it never allocates outside
 * the arena it is given. */
#ifndef KYODO_CSV_H
#define KYODO_CSV_H
#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"

/* Why a CSV text was rejected. */
enum csv_err {
	CSV_OK,           /* parsed */
	CSV_ERR_QUOTE,    /* '"' inside a field that did not start with one */
	CSV_ERR_AFTER,    /* text after a closing quote (`"abc"x`) */
	CSV_ERR_UNCLOSED, /* the text ends inside a quoted field */
	CSV_ERR_NUL,      /* a NUL byte */
	CSV_ERR_LIMIT,    /* more fields or records than the limits allow */
	CSV_ERR_NOMEM,    /* the arena is exhausted */
	CSV_ERR__MAX
};

/* Where a problem is: record (1-based, the header is record 1, which is the
 * row number Excel shows when no field holds a line break), field
 * (1-based column) and physical line (1-based). */
struct csv_pos {
	size_t row;  /* record number */
	size_t col;  /* field number */
	size_t line; /* line of the text */
};

/* One record. */
struct csv_row {
	const char **f; /* fields, NUL-terminated (arena); never NULL */
	size_t n;       /* number of fields (at least 1) */
	size_t line;    /* line of the text where the record starts */
};

/* A whole text. */
struct csv_table {
	struct csv_row *rows; /* records (arena) */
	size_t nrows;         /* number of records */
};

/* Limits that keep one upload from eating a worker. */
#define CSV_MAX_FIELDS 512     /* fields per record */
#define CSV_MAX_ROWS   1000000 /* records per text */

/* Parse s[0..n) into out (arena memory). Records end in CRLF, LF or a lone
 * CR; a line break right before the end of the text does not start a new
 * record. Quoted fields may hold commas, quotes ("" → ") and line breaks,
 * kept as they are. A leading UTF-8 BOM is skipped. On error, out is left
 * empty and *where (when not NULL) says where the problem is. */
enum csv_err csv_parse(struct arena *a, const char *s, size_t n,
                       struct csv_table *out, struct csv_pos *where);
/* A Japanese sentence describing e, e.g. "閉じていない引用符（"）があります".
 */
const char *csv_strerror(enum csv_err e);
/* The spreadsheet column name of a 1-based field number: 1 → "A",
 * 27 → "AA". Writes into out (at least 8 bytes); returns out. */
char *csv_colname(size_t col, char out[8]);

/* Append one field to b exactly as s, quoted when it holds a comma, quote,
 * CR or LF or begins or ends with a space. 0 or -1 (no memory). */
int csv_put_field(struct buf *b, const char *s);
/* Like csv_put_field, but a value a spreadsheet would run as a formula
 * (first character = + - @ TAB or CR) gets a leading apostrophe, which
 * Excel shows as text; csv_cell() takes it off again on import. */
int csv_put_cell(struct buf *b, const char *s);
/* Append a record of n cells (csv_put_cell; NULL is an empty field) ending
 * in CRLF. 0 or -1. */
int csv_put_row(struct buf *b, const char *const *f, size_t n);
/* The value of a cell written by csv_put_cell: s without the apostrophe
 * that defused a formula-like value (a pointer into s). */
const char *csv_cell(const char *s);
/* The UTF-8 byte order mark that makes Excel read a file as UTF-8. */
#define CSV_BOM "\xEF\xBB\xBF"
#endif
