/* libFuzzer harness for the parsers of uploaded files: the charset
 * detector and CP932 converter, the CSV parser (with a writer round trip:
 * whatever parses, written back and parsed again, gives the same fields),
 * and the multipart/form-data parser (the boundary of a Content-Type taken
 * from the input's first line, the fields of the rest, and a fixed boundary
 * on the whole input). Build and run with tests/fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/decode.h"
#include "http/multipart.h"
#include "util/csv.h"
#include "util/sjis.h"

/* Parse, write back, parse again: the same table or a crash. */
static void csv_round_trip(struct arena *a, const char *s, size_t n)
{
	struct csv_table t, u;
	struct csv_pos pos;
	struct buf b = {0};

	if (csv_parse(a, s, n, &t, &pos) != CSV_OK)
		return;
	buf_puts(&b, CSV_BOM);
	for (size_t i = 0; i < t.nrows; i++) {
		if (t.rows[i].n == 0 || t.rows[i].f == NULL)
			__builtin_trap();
		for (size_t j = 0; j < t.rows[i].n; j++) {
			if (j > 0)
				buf_put(&b, ",", 1);
			csv_put_field(&b, t.rows[i].f[j]);
		}
		buf_put(&b, "\r\n", 2);
	}
	if (csv_parse(a, b.data, b.len, &u, &pos) != CSV_OK ||
	    u.nrows != t.nrows)
		__builtin_trap();
	for (size_t i = 0; i < t.nrows; i++) {
		if (u.rows[i].n != t.rows[i].n)
			__builtin_trap();
		for (size_t j = 0; j < t.rows[i].n; j++)
			if (strcmp(u.rows[i].f[j], t.rows[i].f[j]) != 0)
				__builtin_trap();
	}
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	const char *s = (const char *)data;
	size_t len = 0, line = 0;
	enum charset cs;
	char *u;
	struct mp_part *parts;
	size_t np;

	arena_init(&a, 0);
	csv_round_trip(&a, s, size);
	charset_detect(s, size);
	u = charset_to_utf8(&a, s, size, &cs, &len, &line);
	if (u != NULL) {
		if (!utf8_valid(u, len) || strlen(u) != len)
			__builtin_trap();
		csv_round_trip(&a, u, len);
	}
	if (multipart_parse(&a, "XyZ", s, size, &parts, &np) == 0)
		for (size_t i = 0; i < np; i++)
			if (parts[i].data < s ||
			    parts[i].data + parts[i].len > s + size ||
			    !utf8_valid(parts[i].name, strlen(parts[i].name)))
				__builtin_trap();
	{
		const char *nl = memchr(s, '\n', size);
		struct kvlist form = {0};

		if (nl != NULL) {
			char *ct = arena_strndup(&a, s, (size_t)(nl - s));
			size_t rest = size - (size_t)(nl - s) - 1;

			multipart_boundary(&a, ct);
			if (multipart_form(&a, ct, nl + 1, rest, &form) == 0)
				for (size_t i = 0; i < form.n; i++)
					if (!utf8_valid(
					        form.v[i].value,
					        strlen(form.v[i].value)))
						__builtin_trap();
		}
	}
	arena_free(&a);
	return 0;
}
