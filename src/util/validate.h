/* Declared, validated, typed input: a field table per form (kcgi style).
 * Validators are pure functions over one raw value; form_validate() runs a
 * whole table and keeps every error at once, keyed by field, so the form can
 * be shown again with the user's values and a message beside each field. */
#ifndef KYODO_VALIDATE_H
#define KYODO_VALIDATE_H
#include <stddef.h>

#include "http/request.h"
#include "util/arena.h"

struct field;

/* The typed result of one field. */
struct fieldval {
	const char *raw;   /* what the user sent, trimmed ("" when absent) */
	const char *text;  /* normalised text (valid only when !error) */
	long long num;     /* parsed number (V_INT, V_YEN, V_BOOL) */
	int present;       /* 1 when non-empty */
	const char *error; /* Japanese message, NULL when valid */
};

/* Check raw (non-empty, trimmed) for field f; return NULL when valid or a
 * Japanese message (static or arena memory). May set v->text / v->num. */
typedef const char *(*validator_fn)(struct arena *a, const struct field *f,
                                    const char *raw, struct fieldval *v);

/* One input of a form. */
struct field {
	const char *name;      /* form field name, e.g. "title" */
	const char *label;     /* Japanese label, e.g. "事業名" */
	int required;          /* 1: empty is an error */
	validator_fn validate; /* the validator */
	long long min, max;    /* number range, or length range in characters */
	const char *const *set; /* allowed values for v_oneof (NULL-ended) */
};

/* Text: no control characters but newline/tab, length min..max chars. */
const char *v_text(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v);
/* One line of text (no newline), length min..max chars. */
const char *v_line(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v);
/* Integer (half- or full-width digits, commas allowed) in min..max. */
const char *v_int(struct arena *a, const struct field *f, const char *raw,
                  struct fieldval *v);
/* Date YYYY-MM-DD (a real calendar date). */
const char *v_date(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v);
/* E-mail address (simple, practical check). */
const char *v_email(struct arena *a, const struct field *f, const char *raw,
                    struct fieldval *v);
/* http:// or https:// URL without spaces. */
const char *v_url(struct arena *a, const struct field *f, const char *raw,
                  struct fieldval *v);
/* Japanese phone number: digits and hyphens, 10–13 characters. */
const char *v_phone(struct arena *a, const struct field *f, const char *raw,
                    struct fieldval *v);
/* Kana reading (ひらがな/カタカナ, 長音, spaces); stored as ひらがな. */
const char *v_kana(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v);
/* One of f->set. */
const char *v_oneof(struct arena *a, const struct field *f, const char *raw,
                    struct fieldval *v);
/* Checkbox: "1"/"on" → 1, absent → 0. */
const char *v_bool(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v);

/* A master code in a query string: a-z, 0-9 and '_', at most 64 bytes
 * (whether it is a row of the table is the page's check). */
const char *v_code(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v);
/* A 年度 of a list's query: four half-width digits from f->min to f->max
 * (1989 平成元年度 to 2100 in every list). */
const char *v_fiscal_year(struct arena *a, const struct field *f,
                          const char *raw, struct fieldval *v);
/* A list's page number: half-width digits, 1 to 999,999,999 (f->min and
 * f->max are not used). A page past the last one is the page's 404. */
const char *v_page(struct arena *a, const struct field *f, const char *raw,
                   struct fieldval *v);

/* Validate one raw value (NULL = absent) against f into *v. Returns 0 when
 * valid, -1 when v->error is set. */
int field_check(struct arena *a, const struct field *f, const char *raw,
                struct fieldval *v);
/* s without the ASCII white space (space, tab, CR, LF) and full-width
 * spaces (U+3000) at both ends, as every field is checked: an arena copy,
 * NULL when out of memory. */
char *text_trim(struct arena *a, const char *s);
/* Validate every field of the table from list (a form or a query) into
 * out[0..n). Returns the number of fields in error. */
int form_validate(struct arena *a, const struct kvlist *list,
                  const struct field *fields, size_t n, struct fieldval *out);
/* Number of UTF-8 characters in s. */
size_t utf8_chars(const char *s);
#endif
