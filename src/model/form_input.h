/* What the record forms (group_form.h, project_form.h) share: the
 * messages per field a parse returns, a growing list of form values, and
 * the helpers that fill a field table's choice sets from the master data.
 * Used by the staff pages and by the CSV import alike, so a form's rules
 * live in the model, not in the pages. All memory is arena memory. */
#ifndef KYODO_MODEL_FORM_INPUT_H
#define KYODO_MODEL_FORM_INPUT_H
#include <stddef.h>

#include "http/request.h"
#include "model/master.h"
#include "util/arena.h"
#include "util/validate.h"

/* Messages per form field, in the order they were found. */
struct form_errors {
	struct kv *v; /* name = field name, value = Japanese message */
	size_t n;     /* messages */
	size_t cap;   /* allocated */
};

/* Add message for field name (kept once per name: the first wins). -1
 * when out of memory. */
int ferr_add(struct arena *a, struct form_errors *e, const char *name,
             const char *msg);
/* The message for name, or NULL. */
const char *ferr_get(const struct form_errors *e, const char *name);

/* A growing list of name=value pairs: the values a form shows (value NULL
 * is stored as ""). *cap is the allocated size, 0 for an empty list. -1
 * when out of memory. */
int kvl_add(struct arena *a, struct kvlist *l, size_t *cap, const char *name,
            const char *value);
/* 1 when l has the pair name=value (a checked checkbox of a group). */
int kvl_has(const struct kvlist *l, const char *name, const char *value);

/* The NULL-ended codes of list (the set of a v_oneof field), NULL when
 * out of memory. */
const char *const *form_codes(struct arena *a, const struct code_list *l);
/* A missing required choice (v_oneof) says 「…を選んでください。」 rather
 * than 「…を入力してください。」: rewrite those messages of v[0..n). */
void form_choose_messages(struct arena *a, const struct field *t,
                          struct fieldval *v, size_t n);
#endif
