/* Growable byte buffer (always NUL-terminated), malloc-backed. */
#ifndef KYODO_BUF_H
#define KYODO_BUF_H
#include <stddef.h>

struct buf {
	char *data; /* bytes, NUL-terminated when len > 0 or after buf_cstr */
	size_t len; /* bytes used, without the NUL */
	size_t cap; /* bytes allocated */
};

/* Append n bytes; returns 0, or -1 when out of memory. */
int buf_put(struct buf *b, const void *p, size_t n);
/* Append a NUL-terminated string. */
int buf_puts(struct buf *b, const char *s);
/* Append a formatted string. Never use this to build SQL. */
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Forget the contents, keep the memory. */
void buf_clear(struct buf *b);
/* Release the memory. */
void buf_free(struct buf *b);
/* The contents as a C string ("" when empty). */
const char *buf_cstr(struct buf *b);
#endif
