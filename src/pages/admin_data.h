/* 協働推進課's data pages: master data (pages/admin_master.c) and the CSV
 * import and export (pages/admin_import.c). Every route is ALLOW_ADMIN;
 * the dispatcher has checked the role, same-origin and the CSRF token.
 * Each handler's comment lists the statuses it can raise. */
#ifndef KYODO_PAGES_ADMIN_DATA_H
#define KYODO_PAGES_ADMIN_DATA_H
#include "http/router.h"

/* GET /admin/master — the kinds of master data. 200. */
enum hstatus page_admin_master_index(struct request *r);

/* GET /admin/departments, GET /admin/master/:kind — the rows of a kind
 * with their use. 200, 404 (no such kind), 500. */
enum hstatus page_admin_departments(struct request *r);
enum hstatus page_admin_master_list(struct request *r);
/* GET …/new — the empty form. 200, 404, 500. */
enum hstatus page_admin_department_new(struct request *r);
enum hstatus page_admin_master_new(struct request *r);
/* POST …/new — add a row: 303 to the list, 422 (the form again with the
 * values and a message per field: invalid, code or name taken), 404,
 * 500. */
enum hstatus page_admin_department_create(struct request *r);
enum hstatus page_admin_master_create(struct request *r);
/* GET …/:key/edit — the row's form. 200, 404, 500. */
enum hstatus page_admin_department_edit(struct request *r);
enum hstatus page_admin_master_edit(struct request *r);
/* POST …/:key/edit — save: 303, 404, 409 (changed by someone else since
 * the form was shown: both versions side by side, nothing written), 422,
 * 500. */
enum hstatus page_admin_department_update(struct request *r);
enum hstatus page_admin_master_update(struct request *r);
/* POST …/:key/delete (confirm=1) — delete an unused row: 303; 409 when
 * records use it (the form again with the reason), 422 without the
 * confirmation, 404, 500. */
enum hstatus page_admin_department_delete(struct request *r);
enum hstatus page_admin_master_delete(struct request *r);
/* POST /admin/departments/:code/active (active=0|1) — deactivate or
 * reactivate a department: 303, 400, 404, 500. */
enum hstatus page_admin_department_active(struct request *r);
/* POST /admin/master/:kind/:key/active (active=0|1) — deactivate or
 * reactivate a row of any kind but principle sets: 303, 400, 404, 409
 * (the default scale: the list with the reason), 500. */
enum hstatus page_admin_master_active(struct request *r);
/* POST /admin/master/principle-sets/:code/activate — the set the
 * evaluation sheet uses: 303, 404, 409 (no principles in it), 500. */
enum hstatus page_admin_master_activate(struct request *r);

/* GET /admin/import — the upload form and the export links. 200. */
enum hstatus page_admin_import(struct request *r);
/* POST /admin/import (multipart/form-data: kind, file, mode=check|import)
 * — check the file (dry run) or import it: 200 (checked, no problem),
 * 303 (imported, to /admin/import?imported=N&kind=…), 422 (problems with
 * row and column: nothing written), 500. */
enum hstatus page_admin_import_post(struct request *r);
/* GET /admin/export/groups.csv, /admin/export/projects.csv — every group
 * or project as CSV (UTF-8 with BOM, CRLF) with the private contact
 * columns; logged with the user. 200, 500. */
enum hstatus page_admin_export_groups(struct request *r);
enum hstatus page_admin_export_projects(struct request *r);
#endif
