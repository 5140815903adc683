/* UTF-8 / CP932 detection and conversion. See util/sjis.h. */
#include "util/sjis.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "http/decode.h"

/* Convert s[0..n) from one charset to another with iconv into arena
 * memory. Returns the NUL-terminated result, or NULL with *bad set to the
 * offset of the first byte that did not convert (n when out of memory or
 * iconv is missing the charset). */
static char *convert(struct arena *a, const char *to, const char *from,
                     const char *s, size_t n, size_t *outlen, size_t *bad)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = n * 3 + 16; /* 半角カナ: 1 byte → 3 bytes of UTF-8 */
	char *out, *op;
	char *ip = (char *)s; /* iconv's API is not const-correct */
	size_t il = n, ol;

	*bad = n;
	if (cd == (iconv_t)-1)
		return NULL;
	out = arena_alloc(a, cap + 1);
	if (out == NULL) {
		iconv_close(cd);
		return NULL;
	}
	op = out;
	ol = cap;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
		*bad = errno == E2BIG ? n : (size_t)(ip - s);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*op = '\0';
	if (outlen != NULL)
		*outlen = (size_t)(op - out);
	return out;
}

/* 1-based line of byte offset off in s. */
static size_t line_of(const char *s, size_t off)
{
	size_t line = 1;

	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

/* Offset of the first byte of s[0..n) that is not part of a valid UTF-8
 * character (n when there is none). */
static size_t first_bad_utf8(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

		if (i + len > n || !utf8_valid(s + i, len))
			return i;
		i += len;
	}
	return n;
}

enum charset charset_detect(const char *s, size_t n)
{
	struct arena a;
	size_t bad;
	enum charset cs = CS_UNKNOWN;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return utf8_valid(s + 3, n - 3) ? CS_UTF8_BOM : CS_UNKNOWN;
	if (utf8_valid(s, n))
		return CS_UTF8;
	if (memchr(s, '\0', n) != NULL)
		return CS_UNKNOWN;
	arena_init(&a, 0);
	if (convert(&a, "UTF-8", "CP932", s, n, NULL, &bad) != NULL)
		cs = CS_CP932;
	arena_free(&a);
	return cs;
}

const char *charset_name(enum charset cs)
{
	switch (cs) {
	case CS_UTF8: return "UTF-8";
	case CS_UTF8_BOM: return "UTF-8（BOM付き）";
	case CS_CP932: return "Shift_JIS";
	case CS_UNKNOWN:
	case CS__MAX: break;
	}
	return "不明な文字コード";
}

char *charset_to_utf8(struct arena *a, const char *s, size_t n,
                      enum charset *cs, size_t *outlen, size_t *bad_line)
{
	size_t bad;
	char *out;

	if (bad_line != NULL)
		*bad_line = 0;
	if (cs != NULL)
		*cs = CS_UNKNOWN;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
		if (cs != NULL)
			*cs = CS_UTF8_BOM;
	} else if (utf8_valid(s, n) && cs != NULL) {
		*cs = CS_UTF8;
	}
	if (utf8_valid(s, n)) {
		out = arena_strndup(a, s, n);
		if (out != NULL && outlen != NULL)
			*outlen = n;
		return out;
	}
	if (cs != NULL && *cs == CS_UTF8_BOM) {
		/* A BOM promised UTF-8: report the first bad byte. */
		if (bad_line != NULL)
			*bad_line = line_of(s, first_bad_utf8(s, n));
		if (cs != NULL)
			*cs = CS_UNKNOWN;
		return NULL;
	}
	if (memchr(s, '\0', n) != NULL) {
		if (bad_line != NULL)
			*bad_line = line_of(
			    s, (size_t)((const char *)memchr(s, '\0', n) - s));
		return NULL;
	}
	out = convert(a, "UTF-8", "CP932", s, n, outlen, &bad);
	if (out == NULL) {
		if (bad_line != NULL && bad < n)
			*bad_line = line_of(s, bad);
		return NULL;
	}
	if (cs != NULL)
		*cs = CS_CP932;
	return out;
}

char *utf8_to_cp932(struct arena *a, const char *s, size_t n, size_t *outlen)
{
	size_t bad;

	return convert(a, "CP932", "UTF-8", s, n, outlen, &bad);
}
