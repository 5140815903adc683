/* Decoders for untrusted input. Every function here is fuzzed
 * (tests/fuzz/fuzz_decode.c). */
#include "http/decode.h"

#include <string.h>

int utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned cp, min;

		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			len = 2, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4, cp = c & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		if (n - i < len)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

/* Value of one hex digit, or -1. */
static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *url_decode(struct arena *a, const char *s, size_t n, int plus_space)
{
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			int hi, lo;

			if (n - i < 3)
				return NULL;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_space) {
			out[o++] = ' ';
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	if (!utf8_valid(out, o))
		return NULL;
	return out;
}

int parse_urlencoded(struct arena *a, const char *s, size_t n,
                     struct kvlist *out)
{
	size_t count = 1, k = 0, i = 0;
	struct kv *v;

	out->v = NULL;
	out->n = 0;
	if (n == 0)
		return 0;
	for (size_t j = 0; j < n; j++)
		if (s[j] == '&')
			count++;
	v = arena_alloc(a, count * sizeof(*v));
	if (v == NULL)
		return -1;
	while (i <= n) {
		const char *start = s + i;
		const char *amp = memchr(start, '&', n - i);
		size_t len = amp ? (size_t)(amp - start) : n - i;
		const char *eq = memchr(start, '=', len);
		size_t nlen = eq ? (size_t)(eq - start) : len;

		if (len > 0) {
			v[k].name = url_decode(a, start, nlen, 1);
			v[k].value =
			    eq ? url_decode(a, eq + 1, len - nlen - 1, 1)
			       : arena_strdup(a, "");
			if (v[k].name == NULL || v[k].value == NULL)
				return -1;
			k++;
		}
		i += len + 1;
	}
	out->v = v;
	out->n = k;
	return 0;
}

int parse_cookies(struct arena *a, const char *s, struct kvlist *out)
{
	size_t count = 1, k = 0;
	struct kv *v;
	const char *p = s;

	out->v = NULL;
	out->n = 0;
	if (s == NULL || *s == '\0')
		return 0;
	for (const char *q = s; *q; q++)
		if (*q == ';')
			count++;
	v = arena_alloc(a, count * sizeof(*v));
	if (v == NULL)
		return -1;
	while (*p) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *eq;

		while (len > 0 && *p == ' ')
			p++, len--;
		eq = memchr(p, '=', len);
		if (eq != NULL && eq != p) {
			const char *val = eq + 1;
			size_t vlen = len - (size_t)(val - p);

			while (vlen > 0 && val[vlen - 1] == ' ')
				vlen--;
			if (vlen >= 2 && val[0] == '"' && val[vlen - 1] == '"')
				val++, vlen -= 2;
			v[k].name = arena_strndup(a, p, (size_t)(eq - p));
			v[k].value = arena_strndup(a, val, vlen);
			if (v[k].name == NULL || v[k].value == NULL)
				return -1;
			if (utf8_valid(v[k].value, vlen) &&
			    utf8_valid(v[k].name, strlen(v[k].name)))
				k++;
		}
		if (end == NULL)
			break;
		p = end + 1;
	}
	out->v = v;
	out->n = k;
	return 0;
}
