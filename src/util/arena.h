/* Per-request bump allocator: every allocation lives until arena_reset(). */
#ifndef KYODO_ARENA_H
#define KYODO_ARENA_H
#include <stdarg.h>
#include <stddef.h>

struct arena_block;

/* A chain of blocks; memory is released all at once. */
struct arena {
	struct arena_block *head; /* newest block, allocations come from here */
	size_t block_size;        /* size of a new ordinary block */
};

/* Initialise an arena whose blocks are block_size bytes (0: 16 KiB). */
void arena_init(struct arena *a, size_t block_size);
/* Allocate n zeroed bytes aligned for any type; NULL only when out of memory.
 */
void *arena_alloc(struct arena *a, size_t n);
/* Make room for one more element of size sz in the arena array *v holding
 * n elements with capacity *cap (0 and NULL for none yet): when it is full,
 * *v moves to a copy twice as large (16 to start; the old one stays in the
 * arena). 0, or -1 when out of memory (*v and *cap unchanged). */
int arena_array_grow(struct arena *a, void **v, size_t *cap, size_t n,
                     size_t sz);
/* Copy n bytes of s and add a NUL; the copy belongs to the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Copy a NUL-terminated string (NULL stays NULL). */
char *arena_strdup(struct arena *a, const char *s);
/* snprintf into arena memory. Never use this to build SQL. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* s1 followed by s2, without printf (form field ids and names, built
 * hundreds of times per form page). Never use this to build SQL. */
char *arena_cat(struct arena *a, const char *s1, const char *s2);
/* prefix, sep and i in decimal: "ind_name" "_" 3 is the cell name of row
 * 3, "f-fields" "-" 2 the id of a field's second choice. */
char *arena_num(struct arena *a, const char *prefix, const char *sep, size_t i);
/* Free everything but the first block, which is kept for reuse. */
void arena_reset(struct arena *a);
/* Free everything. */
void arena_free(struct arena *a);
#endif
