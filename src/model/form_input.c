/* The record forms' shared parts: messages per field, value lists, the
 * choice sets of a field table. See model/form_input.h. */
#include "model/form_input.h"

#include <string.h>

int ferr_add(struct arena *a, struct form_errors *e, const char *name,
             const char *msg)
{
	if (ferr_get(e, name) != NULL)
		return 0;
	if (model_grow(a, (void **)&e->v, &e->cap, e->n, sizeof(*e->v)) < 0)
		return -1;
	e->v[e->n].name = name;
	e->v[e->n].value = msg != NULL ? msg : "";
	e->n++;
	return 0;
}

const char *ferr_get(const struct form_errors *e, const char *name)
{
	for (size_t i = 0; e != NULL && i < e->n; i++)
		if (strcmp(e->v[i].name, name) == 0)
			return e->v[i].value;
	return NULL;
}

int kvl_add(struct arena *a, struct kvlist *l, size_t *cap, const char *name,
            const char *value)
{
	if (model_grow(a, (void **)&l->v, cap, l->n, sizeof(*l->v)) < 0)
		return -1;
	l->v[l->n].name = name;
	l->v[l->n].value = value != NULL ? value : "";
	l->n++;
	return 0;
}

int kvl_has(const struct kvlist *l, const char *name, const char *value)
{
	for (size_t i = 0; l != NULL && i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0 &&
		    strcmp(l->v[i].value, value) == 0)
			return 1;
	return 0;
}

const char *const *form_codes(struct arena *a, const struct code_list *l)
{
	const char **set = arena_alloc(a, (l->n + 1) * sizeof(*set));

	if (set == NULL)
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		set[i] = l->v[i].code;
	set[l->n] = NULL;
	return set;
}

void form_choose_messages(struct arena *a, const struct field *t,
                          struct fieldval *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].error != NULL && !v[i].present &&
		    t[i].validate == v_oneof)
			v[i].error =
			    arena_printf(a, "%sを選んでください。", t[i].label);
}
