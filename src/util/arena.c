/* Per-request bump allocator. */
#include "util/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One block of the chain; data follows the header. */
struct arena_block {
	struct arena_block *next; /* older block */
	size_t size;              /* usable bytes in data */
	size_t used;              /* bytes handed out */
	max_align_t data[];       /* the memory */
};

void arena_init(struct arena *a, size_t block_size)
{
	a->head = NULL;
	a->block_size = block_size ? block_size : 16384;
}

/* Push a new block of at least n bytes. */
static struct arena_block *arena_grow(struct arena *a, size_t n)
{
	size_t size = n > a->block_size ? n : a->block_size;
	struct arena_block *b = malloc(sizeof(*b) + size);

	if (b == NULL)
		return NULL;
	b->size = size;
	b->used = 0;
	b->next = a->head;
	a->head = b;
	return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	size_t align = sizeof(max_align_t);
	size_t need = (n + align - 1) / align * align;
	void *p;

	if (need < n)
		return NULL; /* overflow */
	if (b == NULL || b->size - b->used < need) {
		b = arena_grow(a, need);
		if (b == NULL)
			return NULL;
	}
	p = (char *)b->data + b->used;
	b->used += need;
	memset(p, 0, n);
	return p;
}

int arena_array_grow(struct arena *a, void **v, size_t *cap, size_t n,
                     size_t sz)
{
	size_t ncap;
	void *nv;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	nv = arena_alloc(a, ncap * sz);
	if (nv == NULL)
		return -1;
	if (n > 0)
		memcpy(nv, *v, n * sz);
	*v = nv;
	*cap = ncap;
	return 0;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *arena_cat(struct arena *a, const char *s1, const char *s2)
{
	size_t n1 = strlen(s1), n2 = strlen(s2);
	char *p = arena_alloc(a, n1 + n2 + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s1, n1);
	memcpy(p + n1, s2, n2 + 1);
	return p;
}

char *arena_num(struct arena *a, const char *prefix, const char *sep, size_t i)
{
	char digits[24], *d = digits + sizeof(digits);
	size_t n = strlen(prefix), ns = strlen(sep), nd;
	char *p;

	*--d = '\0';
	do
		*--d = (char)('0' + i % 10);
	while ((i /= 10) > 0);
	nd = (size_t)(digits + sizeof(digits) - d); /* with the NUL */
	p = arena_alloc(a, n + ns + nd);
	if (p == NULL)
		return NULL;
	memcpy(p, prefix, n);
	memcpy(p + n, sep, ns);
	memcpy(p + n + ns, d, nd);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_reset(struct arena *a)
{
	struct arena_block *b = a->head;

	if (b == NULL)
		return;
	/* Keep the oldest block (the usual size); free the rest. */
	while (b->next != NULL) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	if (b->size > a->block_size) {
		free(b);
		a->head = NULL;
		return;
	}
	b->used = 0;
	a->head = b;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b != NULL) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
