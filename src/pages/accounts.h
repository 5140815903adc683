/* Account pages: login, logout and password change (pages/auth.c), and the
 * admin's user management (pages/admin_users.c). Each handler's comment
 * lists the statuses it can raise; the dispatcher has already checked the
 * role, same-origin and the CSRF token. */
#ifndef KYODO_PAGES_ACCOUNTS_H
#define KYODO_PAGES_ACCOUNTS_H
#include "http/router.h"
#include "view/template.h"

/* GET /login — the login form (next= kept); a logged-in user is sent on
 * (303). 200, 303. */
enum hstatus page_login(struct request *r);
/* POST /login — check the password (throttled), start a session, 303 to
 * next or the user's home. 303, 422 (missing fields, wrong username or
 * password: the same message either way), 429 (locked), 500. */
enum hstatus page_login_post(struct request *r);
/* POST /logout — end the session, 303 to /login?logged_out=1. 303, 500. */
enum hstatus page_logout(struct request *r);
/* GET /account/password — the password change form. 200. */
enum hstatus page_password(struct request *r);
/* POST /account/password — check the current password (throttled like a
 * login), set the new one, end every session of the user and start a new
 * one for this browser; 303 to /account/password?changed=1. 303, 422,
 * 429, 500. */
enum hstatus page_password_post(struct request *r);

/* GET /admin/users — every account. 200, 500. */
enum hstatus page_admin_users(struct request *r);
/* GET /admin/users/new — the form for a new account. 200, 500. */
enum hstatus page_admin_user_new(struct request *r);
/* POST /admin/users/new — create it; 303 to its edit page. 303, 422 (the
 * form again with the values and a message per field), 500. */
enum hstatus page_admin_user_create(struct request *r);
/* GET /admin/users/:id/edit — the account's form. 200, 404, 500. */
enum hstatus page_admin_user_edit(struct request *r);
/* POST /admin/users/:id/edit — save role, department, group, name, e-mail,
 * disabled, and a new password when given (disabling or a new password
 * ends the user's sessions); 303 to the edit page. The form carries the
 * account's version (optimistic locking). 303, 400 (no version field),
 * 404, 409 (the account changed since the form was shown: nothing saved,
 * not the password either; the form again with the values typed, what is
 * saved now beside them, and the version saved now), 422 (the form again
 * with a message per field, or for a garbled version), 500. */
enum hstatus page_admin_user_update(struct request *r);

/* The errors of a form being shown again. */
struct acct_errors {
	tdict *body;   /* the page's body dictionary */
	tdict *errors; /* section ERRORS of the ERROR_SUMMARY include, or NULL
	                  before the first error */
	int n;         /* errors so far */
};

/* Add an error for field (its id and name): section <FIELD>_ERROR with
 * MESSAGE in the body (FIELD upper-cased) and a row linking to it in the
 * error summary (templates/auth/error_summary.tpl, with COUNT). */
void account_field_error(struct acct_errors *fe, const char *field,
                         const char *label, const char *message);
/* "2026年11月22日 10:05" in local time from a UTC "YYYY-MM-DD HH:MM:SS"
 * (arena memory); fallback when s is NULL or malformed. */
const char *account_local_time(struct arena *a, const char *s,
                               const char *fallback);
#endif
