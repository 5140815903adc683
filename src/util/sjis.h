/* Character sets of uploaded text files: Japanese Excel saves CSV either as
 * UTF-8 (「CSV UTF-8」, with a byte order mark) or as Shift_JIS — in
 * practice Windows' CP932, which adds NEC and IBM extensions (①, ㈱, 髙 …)
 * to JIS X 0208. These helpers tell the two apart and convert CP932 to
 * UTF-8 with iconv (glibc's "CP932"). */
#ifndef KYODO_SJIS_H
#define KYODO_SJIS_H
#include <stddef.h>

#include "util/arena.h"

/* What a text turned out to be. */
enum charset {
	CS_UTF8, /* valid UTF-8 without a byte order mark (or plain ASCII) */
	CS_UTF8_BOM, /* UTF-8 starting with EF BB BF */
	CS_CP932,    /* Shift_JIS / CP932 */
	CS_UNKNOWN,  /* neither: binary data or another encoding */
	CS__MAX
};

/* Guess the charset of s[0..n): a BOM means UTF-8; valid UTF-8 (no NUL)
 * is UTF-8; else CP932 when the whole text converts; else CS_UNKNOWN. */
enum charset charset_detect(const char *s, size_t n);
/* The Japanese name shown to users: "UTF-8（BOM付き）", "Shift_JIS" … */
const char *charset_name(enum charset cs);

/* Convert s[0..n) to NUL-terminated UTF-8 without a BOM (arena memory),
 * detecting the charset first; *cs (when not NULL) gets what was found and
 * *outlen (when not NULL) the length. Returns NULL when the text is
 * neither UTF-8 nor CP932 or holds a NUL byte, with *bad_line (when not
 * NULL) the 1-based line of the first byte that could not be read; NULL
 * with *bad_line 0 when out of memory. */
char *charset_to_utf8(struct arena *a, const char *s, size_t n,
                      enum charset *cs, size_t *outlen, size_t *bad_line);
/* Convert UTF-8 s[0..n) to CP932 (arena memory, NUL-terminated); NULL when
 * a character has no CP932 form or out of memory. For tests and for
 * offices that need Shift_JIS files. */
char *utf8_to_cp932(struct arena *a, const char *s, size_t n, size_t *outlen);
#endif
