/* Decoders for untrusted input: percent-encoding, query strings, cookies. */
#ifndef KYODO_DECODE_H
#define KYODO_DECODE_H
#include <stddef.h>

#include "http/request.h"

/* 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates) without NUL. */
int utf8_valid(const char *s, size_t n);
/* Percent-decode s[0..n) ('+' is a space when plus_space) into arena memory.
 * Returns NULL on a bad escape, invalid UTF-8 or an embedded NUL. */
char *url_decode(struct arena *a, const char *s, size_t n, int plus_space);
/* Parse "a=1&b=2" into out. Returns 0, or -1 when any part is malformed
 * (out is then left empty). */
int parse_urlencoded(struct arena *a, const char *s, size_t n,
                     struct kvlist *out);
/* Parse a Cookie header ("a=1; b=2"); malformed pairs are skipped. */
int parse_cookies(struct arena *a, const char *s, struct kvlist *out);
#endif
