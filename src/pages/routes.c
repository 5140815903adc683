/* The route table: every page, its method and who may use it (an ALLOW_*
 * set of roles, http/router.h). The dispatcher (http/response.c) enforces
 * method, role, same-origin and the CSRF token before any handler runs;
 * handlers never re-check these. Every row is also a row of the permission
 * matrix in tests/unit/test_auth.c. */
#include "pages/routes.h"

#include "pages/accounts.h"
#include "pages/health.h"
#include "pages/pages.h"
#include "pages/staff.h"

const struct route routes[] = {
    {M_GET, "/healthz", page_healthz, ALLOW_PUBLIC},
    {M_GET, "/", page_home, ALLOW_PUBLIC},
    {M_GET, "/projects", page_projects, ALLOW_PUBLIC},
    {M_GET, "/projects/:id", page_project, ALLOW_PUBLIC},
    {M_GET, "/groups", page_groups, ALLOW_PUBLIC},
    {M_GET, "/groups/:id", page_group, ALLOW_PUBLIC},
    {M_GET, "/forms", page_forms, ALLOW_PUBLIC},
    {M_GET, "/forms/:code", page_form, ALLOW_PUBLIC},
    {M_GET, "/login", page_login, ALLOW_PUBLIC},
    {M_POST, "/login", page_login_post, ALLOW_PUBLIC},
    {M_POST, "/logout", page_logout, ALLOW_PUBLIC},
    {M_GET, "/account/password", page_password, ALLOW_LOGGED_IN},
    {M_POST, "/account/password", page_password_post, ALLOW_LOGGED_IN},
    {M_GET, "/admin/users", page_admin_users, ALLOW_ADMIN},
    {M_GET, "/admin/users/new", page_admin_user_new, ALLOW_ADMIN},
    {M_POST, "/admin/users/new", page_admin_user_create, ALLOW_ADMIN},
    {M_GET, "/admin/users/:id/edit", page_admin_user_edit, ALLOW_ADMIN},
    {M_POST, "/admin/users/:id/edit", page_admin_user_update, ALLOW_ADMIN},
    {M_GET, "/staff", page_staff_home, ALLOW_READ},
    {M_GET, "/staff/groups", page_staff_groups, ALLOW_READ},
    {M_GET, "/staff/groups/new", page_staff_group_new, ALLOW_STAFF},
    {M_POST, "/staff/groups/new", page_staff_group_create, ALLOW_STAFF},
    {M_GET, "/staff/groups/:id/edit", page_staff_group_edit, ALLOW_READ},
    {M_POST, "/staff/groups/:id/edit", page_staff_group_save, ALLOW_STAFF},
    {M_GET, "/staff/projects", page_staff_projects, ALLOW_READ},
    {M_GET, "/staff/projects/new", page_staff_project_new, ALLOW_STAFF},
    {M_POST, "/staff/projects/new", page_staff_project_create, ALLOW_STAFF},
    {M_GET, "/staff/projects/:id/edit", page_staff_project_edit, ALLOW_READ},
    {M_POST, "/staff/projects/:id/edit", page_staff_project_save, ALLOW_STAFF},
    {M_GET, "/staff/history/:kind/:id", page_staff_history, ALLOW_READ},
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

const char *const templates_all[] = {
    "layout.tpl",
    "error.tpl",
    "partials/pager.tpl",
    "public/home.tpl",
    "projects/list.tpl",
    "projects/show.tpl",
    "groups/list.tpl",
    "groups/show.tpl",
    "forms/list.tpl",
    "forms/show.tpl",
    "auth/login.tpl",
    "auth/password.tpl",
    "auth/error_summary.tpl",
    "admin/users.tpl",
    "admin/user_form.tpl",
    "staff/home.tpl",
    "staff/groups.tpl",
    "staff/group_form.tpl",
    "staff/projects.tpl",
    "staff/project_form.tpl",
    "staff/history.tpl",
    "staff/conflict.tpl",
    "staff/partials/input.tpl",
    "staff/partials/textarea.tpl",
    "staff/partials/select.tpl",
    "staff/partials/checks.tpl",
    "staff/partials/checkbox.tpl",
    "staff/partials/summary.tpl",
    "staff/partials/nav.tpl",
};

const size_t ntemplates_all = sizeof(templates_all) / sizeof(templates_all[0]);
