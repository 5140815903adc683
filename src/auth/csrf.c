/* CSRF tokens: the session's for logged-in users, a double-submit cookie
 * for anonymous visitors; and the layout's account variables. */
#include <string.h>

#include "auth/auth.h"

const char *auth_csrf_for_form(struct request *r)
{
	char tok[TOKEN_CHARS + 1];

	if (r->csrf_token != NULL)
		return r->csrf_token;
	token_new(tok, NULL);
	r->csrf_token = arena_strdup(r->arena, tok);
	if (r->csrf_token == NULL)
		return "";
	/* a browser-session cookie; the form carries the same value */
	auth_cookie(r, CSRF_COOKIE, r->csrf_token, -1);
	return r->csrf_token;
}

int auth_csrf_ok(const struct request *r)
{
	const char *sent = req_form(r, "csrf_token");

	if (r->user != NULL)
		return token_equal(sent, r->csrf_token);
	/* anonymous: the form's value must equal the cookie's, and the
	 * cookie must be a token we could have issued */
	return r->csrf_token != NULL &&
	       token_equal(sent, req_cookie(r, CSRF_COOKIE)) &&
	       token_equal(sent, r->csrf_token);
}

void auth_page_vars(const struct request *r, tdict *top)
{
	tdict_set_global(top, "CSRF_TOKEN",
	                 r->csrf_token != NULL ? r->csrf_token : "");
	if (r->user == NULL) {
		tdict_show(top, "LOGGED_OUT");
		return;
	}
	tdict_show(top, "LOGGED_IN");
	tdict_set(top, "USER_NAME", r->user->display_name);
	tdict_set(top, "USER_ROLE", role_label(r->user->role));
	if (r->user->role == ROLE_ADMIN)
		tdict_show(top, "IS_ADMIN");
	if (r->user->role == ROLE_STAFF || r->user->role == ROLE_COMMITTEE ||
	    r->user->role == ROLE_ADMIN)
		tdict_show(top, "IS_STAFF_SIDE");
}
