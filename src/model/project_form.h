/* The project form (協働事業): its field table, the parser that turns
 * posted or imported form values into a project_rec with a message per bad
 * field (per-form required details, end ≥ start, shares ≤ total, the
 * partner and indicator rows), and the reverse (a stored project as form
 * values). The staff pages (pages/staff_projects.c) and the CSV import
 * (model/import.c) share it. All strings are arena memory. */
#ifndef KYODO_MODEL_PROJECT_FORM_H
#define KYODO_MODEL_PROJECT_FORM_H
#include <stddef.h>

#include "db/db.h"
#include "model/form_input.h"
#include "model/projects_write.h"
#include "util/arena.h"
#include "util/validate.h"

/* The field table of the project form (choice sets filled by
 * project_form_parse). */
extern const struct field project_form_fields[];
extern const size_t project_form_nfields;
/* Validate a posted project form into out: every field of the table, the
 * per-form required details, end ≥ start, shares ≤ total, the partner and
 * indicator rows. A choice admin has deactivated (形態, 分野, 役割, 方針,
 * 担当課) is still accepted: records keep it. Returns the number of fields
 * in error (messages in errs), or -1 on a database error / out of memory.
 */
int project_form_parse(struct db *db, struct arena *a,
                       const struct kvlist *form, struct project_rec *out,
                       struct form_errors *errs);
/* The form values of a stored project. 0, or -1 when out of memory. */
int project_form_values(struct arena *a, const struct project_rec *p,
                        struct kvlist *out);
#endif
