/* The group form (団体): its field table (validator, Japanese label,
 * required), the parser that turns posted or imported form values into a
 * group_rec with a message per bad field, and the reverse (a stored group
 * as form values). The staff pages (pages/staff_groups.c) and the CSV
 * import (model/import.c) share it, so both apply the same rules. All
 * strings are arena memory. */
#ifndef KYODO_MODEL_GROUP_FORM_H
#define KYODO_MODEL_GROUP_FORM_H
#include <stddef.h>

#include "db/db.h"
#include "model/form_input.h"
#include "model/groups_write.h"
#include "util/arena.h"
#include "util/validate.h"

/* The field table of the group form (sets of the choice fields are NULL
 * here; group_form_parse fills them from the master tables). */
extern const struct field group_form_fields[];
extern const size_t group_form_nfields;
/* Validate a posted group form into out (kana as katakana): every field
 * of the table, 分野 and confirmed requirements, the version. A kind or
 * 分野 that admin has deactivated is still accepted (records keep them).
 * Returns the number of fields in error (messages in errs), or -1 on a
 * database error / out of memory. Role rules (status changes) are the
 * handler's. */
int group_form_parse(struct db *db, struct arena *a, const struct kvlist *form,
                     struct group_rec *out, struct form_errors *errs);
/* The form values of a stored group (what GET edit shows). 0, or -1 when
 * out of memory. */
int group_form_values(struct arena *a, const struct group_rec *g,
                      struct kvlist *out);
#endif
