/* The route table: every page, its method and who may use it (an ALLOW_*
 * set of roles, http/router.h). The dispatcher (http/response.c) enforces
 * method, role, same-origin and the CSRF token before any handler runs;
 * handlers never re-check these. Every row is also a row of the permission
 * matrix in tests/unit/test_auth.c. */
#include "pages/routes.h"

#include "pages/accounts.h"
#include "pages/health.h"
#include "pages/pages.h"

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
};

const size_t ntemplates_all = sizeof(templates_all) / sizeof(templates_all[0]);
