/* CSV parser and writer (RFC 4180, Excel's dialect). See util/csv.h. */
#include "util/csv.h"

#include <string.h>

/* Parser state shared by the helpers below. */
struct parser {
	const char *s; /* the text */
	size_t n;      /* its length */
	size_t i;      /* next byte */
	size_t line;   /* line of s[i] */
};

/* If s[i] starts a line break (CRLF, LF or CR), step over it, count the
 * line and return 1; else 0. */
static int eat_newline(struct parser *p)
{
	if (p->i >= p->n)
		return 0;
	if (p->s[p->i] == '\r') {
		p->i++;
		if (p->i < p->n && p->s[p->i] == '\n')
			p->i++;
		p->line++;
		return 1;
	}
	if (p->s[p->i] == '\n') {
		p->i++;
		p->line++;
		return 1;
	}
	return 0;
}

/* Read a quoted field starting at the opening quote into *out. */
static enum csv_err quoted(struct arena *a, struct parser *p, const char **out)
{
	size_t start = ++p->i, len = 0, j;
	char *f;

	/* First pass: find the closing quote, count lines and the length. */
	for (j = start;; j++) {
		if (j >= p->n)
			return CSV_ERR_UNCLOSED;
		if (p->s[j] == '\0')
			return CSV_ERR_NUL;
		if (p->s[j] == '"') {
			if (j + 1 < p->n && p->s[j + 1] == '"') {
				j++;
				len++;
				continue;
			}
			break;
		}
		len++;
	}
	f = arena_alloc(a, len + 1);
	if (f == NULL)
		return CSV_ERR_NOMEM;
	len = 0;
	for (size_t k = start; k < j; k++) {
		if (p->s[k] == '"')
			k++; /* the first of a doubled quote */
		else if (p->s[k] == '\n' ||
		         (p->s[k] == '\r' &&
		          (k + 1 >= j || p->s[k + 1] != '\n')))
			p->line++;
		f[len++] = p->s[k];
	}
	f[len] = '\0';
	p->i = j + 1;
	*out = f;
	if (p->i < p->n && p->s[p->i] != ',' && p->s[p->i] != '\r' &&
	    p->s[p->i] != '\n')
		return p->s[p->i] == '\0' ? CSV_ERR_NUL : CSV_ERR_AFTER;
	return CSV_OK;
}

/* Read an unquoted field into *out. */
static enum csv_err plain(struct arena *a, struct parser *p, const char **out)
{
	size_t start = p->i;

	while (p->i < p->n && p->s[p->i] != ',' && p->s[p->i] != '\r' &&
	       p->s[p->i] != '\n') {
		if (p->s[p->i] == '"')
			return CSV_ERR_QUOTE;
		if (p->s[p->i] == '\0')
			return CSV_ERR_NUL;
		p->i++;
	}
	*out = arena_strndup(a, p->s + start, p->i - start);
	return *out == NULL ? CSV_ERR_NOMEM : CSV_OK;
}

enum csv_err csv_parse(struct arena *a, const char *s, size_t n,
                       struct csv_table *out, struct csv_pos *where)
{
	struct parser p = {s, n, 0, 1};
	struct csv_row *rows = NULL;
	size_t nrows = 0, rcap = 0;
	const char **fields = NULL;
	size_t fcap = 0;
	enum csv_err e = CSV_OK;
	struct csv_pos pos = {0, 0, 0};

	out->rows = NULL;
	out->nrows = 0;
	if (n >= 3 && memcmp(s, CSV_BOM, 3) == 0)
		p.i = 3;
	while (p.i < p.n) {
		size_t nf = 0, line = p.line;
		struct csv_row *r;

		pos.row = nrows + 1;
		if (nrows >= CSV_MAX_ROWS) {
			e = CSV_ERR_LIMIT;
			break;
		}
		for (;;) {
			const char *f = NULL;
			size_t fline = p.line;

			pos.col = nf + 1;
			pos.line = p.line;
			if (nf >= CSV_MAX_FIELDS) {
				e = CSV_ERR_LIMIT;
				goto done;
			}
			if (p.i < p.n && p.s[p.i] == '"')
				e = quoted(a, &p, &f);
			else
				e = plain(a, &p, &f);
			if (e == CSV_ERR_UNCLOSED)
				pos.line = fline;
			else if (e != CSV_OK)
				pos.line = p.line;
			if (e != CSV_OK)
				goto done;
			if (arena_array_grow(a, (void **)&fields, &fcap, nf,
			                     sizeof(*fields)) < 0) {
				e = CSV_ERR_NOMEM;
				goto done;
			}
			fields[nf++] = f;
			if (p.i < p.n && p.s[p.i] == ',') {
				p.i++;
				continue;
			}
			eat_newline(&p);
			break;
		}
		if (arena_array_grow(a, (void **)&rows, &rcap, nrows,
		                     sizeof(*rows)) < 0) {
			e = CSV_ERR_NOMEM;
			break;
		}
		r = &rows[nrows++];
		r->f = arena_alloc(a, nf * sizeof(*r->f));
		if (r->f == NULL) {
			e = CSV_ERR_NOMEM;
			break;
		}
		memcpy(r->f, fields, nf * sizeof(*r->f));
		r->n = nf;
		r->line = line;
	}
done:
	if (e != CSV_OK) {
		if (where != NULL)
			*where = pos;
		return e;
	}
	out->rows = rows;
	out->nrows = nrows;
	return CSV_OK;
}

const char *csv_strerror(enum csv_err e)
{
	switch (e) {
	case CSV_OK: return "正常に読み込めました";
	case CSV_ERR_QUOTE:
		return "引用符（\"）で始まらない項目の途中に引用符があります。"
		       "項目全体を引用符で囲み、中の引用符は \"\" "
		       "と2つ重ねてください";
	case CSV_ERR_AFTER:
		return "閉じる引用符（\"）のあとに、区切りのカンマ以外の文字が"
		       "あります";
	case CSV_ERR_UNCLOSED:
		return "引用符（\"）で始まる項目が、ファイルの終わりまで閉じら"
		       "れ"
		       "ていません";
	case CSV_ERR_NUL:
		return "文字として使えないデータ（NUL）が含まれています。"
		       "CSV形式のファイルか確認してください";
	case CSV_ERR_LIMIT: return "行数または列数が多すぎます";
	case CSV_ERR_NOMEM: return "メモリが不足しています";
	case CSV_ERR__MAX: break;
	}
	return "CSVの形式が正しくありません";
}

char *csv_colname(size_t col, char out[8])
{
	char tmp[8];
	size_t n = 0, o = 0;

	if (col == 0) {
		out[0] = '?';
		out[1] = '\0';
		return out;
	}
	while (col > 0 && n < sizeof(tmp)) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	while (n > 0 && o < 7)
		out[o++] = tmp[--n];
	out[o] = '\0';
	return out;
}

int csv_put_field(struct buf *b, const char *s)
{
	size_t n;
	int rc = 0;

	if (s == NULL || *s == '\0')
		return 0;
	n = strlen(s);
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && s[n - 1] != ' ' &&
	    s[0] != '\t' && s[n - 1] != '\t')
		return buf_put(b, s, n);
	rc |= buf_put(b, "\"", 1);
	for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1)
		rc |= buf_put(b, s, (size_t)(q - s + 1)) | buf_put(b, "\"", 1);
	rc |= buf_puts(b, s);
	rc |= buf_put(b, "\"", 1);
	return rc ? -1 : 0;
}

/* 1 when a spreadsheet would take s for a formula. */
static int formula_like(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

int csv_put_cell(struct buf *b, const char *s)
{
	if (s != NULL && formula_like(s)) {
		struct buf tmp = {0};
		int rc = buf_put(&tmp, "'", 1) | buf_puts(&tmp, s);

		rc |= rc ? -1 : csv_put_field(b, buf_cstr(&tmp));
		buf_free(&tmp);
		return rc ? -1 : 0;
	}
	return csv_put_field(b, s);
}

int csv_put_row(struct buf *b, const char *const *f, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			rc |= buf_put(b, ",", 1);
		rc |= csv_put_cell(b, f[i]);
	}
	rc |= buf_put(b, "\r\n", 2);
	return rc ? -1 : 0;
}

const char *csv_cell(const char *s)
{
	return s[0] == '\'' && formula_like(s + 1) ? s + 1 : s;
}
