/* The writing half of the CSV import (one record inside the caller's
 * transaction) and the export. model/groups_write.c and projects_write.c
 * insert a record inside a transaction of their own, which an import of
 * many records in one transaction cannot use; these functions do what the
 * insert half of group_create / project_create does (same statements, same
 * audit rows through group_snapshot / project_snapshot and history_diff).
 * When those files offer an insert that runs in the caller's transaction,
 * these two become calls to it. */
#ifndef KYODO_MODEL_IMPORT_WRITE_H
#define KYODO_MODEL_IMPORT_WRITE_H
#include "db/db.h"
#include "model/groups_write.h"
#include "model/history.h"
#include "model/projects_write.h"
#include "util/arena.h"

/* Insert group rec (validated by group_form_parse) with its 分野, its
 * requirement confirmations (noted as CSV取込) and "create" audit rows, in
 * the caller's transaction; *id gets the new id. A status left empty is
 * 申請中. WS_OK, WS_INVALID (the database refused the row: *msg says
 * why), WS_DB, WS_NOMEM. */
enum wstatus import_group_insert(struct db *db, struct arena *a,
                                 const struct user_actor *who,
                                 struct group_rec *rec, long long *id,
                                 const char **msg);
/* Insert project rec (validated by project_form_parse) with its 分野,
 * partners, the city's 役割分担, form details and "create" audit rows, in
 * the caller's transaction. A progress of -1 is the status's default.
 * WS_OK, WS_INVALID (*msg), WS_DB, WS_NOMEM. */
enum wstatus import_project_insert(struct db *db, struct arena *a,
                                   const struct user_actor *who,
                                   struct project_rec *rec, long long *id,
                                   const char **msg);
#endif
