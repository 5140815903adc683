/* /admin/users: the accounts, for 協働推進課. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "model/master.h"
#include "pages/accounts.h"
#include "pages/pages.h"
#include "util/log.h"
#include "util/validate.h"
#include "view/page.h"

/* Validator for the username field (model/users.c's rule). */
static const char *v_username(struct arena *a, const struct field *f,
                              const char *raw, struct fieldval *v)
{
	(void)a;
	(void)f;
	v->text = raw;
	return user_check_username(raw);
}

static const char *const role_set[] = {"admin", "staff", "committee", "group",
                                       NULL};

/* The roles in the order the select box lists them. */
static const enum role role_order[4] = {ROLE_ADMIN, ROLE_STAFF, ROLE_COMMITTEE,
                                        ROLE_GROUP};

/* The fields of the user form, in form order. */
enum ufield {
	UF_USERNAME,     /* new accounts only */
	UF_DISPLAY_NAME, /* 氏名 */
	UF_EMAIL,        /* optional */
	UF_ROLE,         /* admin/staff/committee/group */
	UF_DEPARTMENT,   /* departments.code, checked against the table */
	UF_GROUP_ID,     /* groups.id, checked against the table */
	UF_DISABLED,     /* existing accounts only */
	UF__MAX
};

static const struct field ufields[UF__MAX] = {
    [UF_USERNAME] = {"username", "ユーザー名", 1, v_username, 1, 64, NULL},
    [UF_DISPLAY_NAME] = {"display_name", "氏名", 1, v_line, 1, 100, NULL},
    [UF_EMAIL] = {"email", "メールアドレス", 0, v_email, 3, 254, NULL},
    [UF_ROLE] = {"role", "役割", 1, v_oneof, 0, 0, role_set},
    [UF_DEPARTMENT] = {"department", "担当課", 0, v_line, 1, 64, NULL},
    [UF_GROUP_ID] = {"group_id", "団体番号", 0, v_int, 1, 999999999999LL, NULL},
    [UF_DISABLED] = {"disabled", "利用停止", 0, v_bool, 0, 1, NULL},
};

/* A form being filled: values (validated or as typed) and errors. */
struct uform {
	int is_new;                 /* /admin/users/new */
	const struct user *old;     /* the account being edited, or NULL */
	struct fieldval v[UF__MAX]; /* each field */
	const char *pw_error;       /* message for password */
	const char *pw2_error;      /* message for password_confirm */
	const char *password;       /* as typed (never trimmed), or NULL */
	struct user_input in;       /* the typed result when valid */
	int errors;                 /* number of fields in error */
	const char *version;        /* edit: the hidden version field, as it
	                               goes back into the form */
	const char *form_error;     /* a message for the whole form (a garbled
	                               version), or NULL */
	const struct user *now;     /* 409: the account as saved now, shown
	                               beside what was typed; else NULL */
};

/* Set field i's error (keeps the first). */
static void set_error(struct uform *f, enum ufield i, const char *msg)
{
	if (f->v[i].error == NULL) {
		f->v[i].error = msg;
		f->errors++;
	}
}

/* Add a select's options: rows of section with VALUE, LABEL, SELECTED. */
static void options(tdict *body, const char *section,
                    const struct user_choice *c, size_t n, const char *selected)
{
	for (size_t i = 0; i < n; i++) {
		tdict *o = tdict_add_section(body, section);

		tdict_set(o, "VALUE", c[i].value);
		tdict_set(o, "LABEL", c[i].label);
		if (selected != NULL && strcmp(selected, c[i].value) == 0)
			tdict_show(o, "SELECTED");
	}
}

/* The label of department code in c (n of them): the code itself when it
 * is not there, "" for NULL or "". */
static const char *dept_label(const struct user_choice *c, size_t n,
                              const char *code)
{
	if (code == NULL || *code == '\0')
		return "";
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].value, code) == 0)
			return c[i].label;
	return code;
}

/* The department choices of form f into *out (n of them): the active
 * departments, then the account's own department and the form's value
 * when admin has deactivated them, named with STAFF_INACTIVE_MARK as the
 * staff forms name a deactivated choice a record still uses. An account
 * keeps its department through a save that leaves it (users_update), so
 * the form must be able to show it selected. US_OK, US_DB or US_NOMEM. */
static enum ustatus dept_choices(struct request *r, const struct uform *f,
                                 struct user_choice **out, size_t *n)
{
	const char *keep[2] = {f->old != NULL ? f->old->department : NULL,
	                       f->v[UF_DEPARTMENT].raw};
	struct user_choice *v;
	size_t nv;
	enum ustatus us = users_department_choices(r->db, r->arena, &v, &nv);

	if (us != US_OK)
		return us;
	*out = arena_alloc(r->arena, (nv + 2) * sizeof(**out));
	if (*out == NULL)
		return US_NOMEM;
	if (nv > 0)
		memcpy(*out, v, nv * sizeof(*v));
	for (size_t k = 0; k < 2; k++) {
		const char *name;
		enum mstatus ms;
		int listed = 0;

		if (keep[k] == NULL || *keep[k] == '\0')
			continue;
		for (size_t i = 0; i < nv && !listed; i++)
			listed = strcmp((*out)[i].value, keep[k]) == 0;
		if (listed)
			continue;
		ms = master_name(r->db, r->arena, MASTER_DEPARTMENT, keep[k],
		                 &name);
		if (ms == MS_NOTFOUND)
			continue;
		if (ms != MS_OK)
			return ms == MS_NOMEM ? US_NOMEM : US_DB;
		(*out)[nv].value = keep[k];
		(*out)[nv].label =
		    arena_printf(r->arena, "%s%s", name, STAFF_INACTIVE_MARK);
		if ((*out)[nv++].label == NULL)
			return US_NOMEM;
	}
	*n = nv;
	return US_OK;
}

/* A group account's group as shown on the 409 page: "12（みなと会）", or ""
 * for none. */
static const char *group_text(struct arena *a, long long id, const char *name)
{
	if (id <= 0)
		return "";
	return name != NULL ? arena_printf(a, "%lld（%s）", id, name)
	                    : arena_printf(a, "%lld", id);
}

/* The 409 part of the edit form: section CONFLICT with a ROW per field of
 * the form, what was typed (f->in, as users_update would store it) beside
 * what is saved now (f->now), and NDIFF; PASSWORD_DROPPED when a new
 * password was typed (it was not set either). */
static void conflict_rows(struct request *r, tdict *body, const struct uform *f,
                          const struct user_choice *depts, size_t nd)
{
	const struct user *now = f->now;
	const struct user_input *in = &f->in;
	int dept_kept = in->role == ROLE_STAFF || in->role == ROLE_ADMIN;
	int dept_same = in->department != NULL && now->department != NULL &&
	                strcmp(in->department, now->department) == 0;
	const char *rows[][3] = {
	    {"氏名", in->display_name, now->display_name},
	    {"メールアドレス", in->email != NULL ? in->email : "",
	     now->email != NULL ? now->email : ""},
	    {"役割", role_label(in->role), role_label(now->role)},
	    {"担当課",
	     !dept_kept  ? ""
	     : dept_same ? now->department_name
	                 : dept_label(depts, nd, in->department),
	     now->department_name != NULL ? now->department_name
	     : now->department != NULL    ? now->department
	                                  : ""},
	    {"団体番号",
	     in->role == ROLE_GROUP
	         ? group_text(r->arena, in->group_id,
	                      in->group_id == now->group_id ? now->group_name
	                                                    : NULL)
	         : "",
	     group_text(r->arena, now->group_id, now->group_name)},
	    {"利用停止", in->disabled ? "停止" : "有効",
	     now->disabled ? "停止" : "有効"},
	};
	tdict *c = tdict_add_section(body, "CONFLICT");
	int ndiff = 0;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *mine = rows[i][1] != NULL ? rows[i][1] : "";
		const char *saved = rows[i][2] != NULL ? rows[i][2] : "";
		tdict *row = tdict_add_section(c, "ROW");
		int differs = strcmp(mine, saved) != 0;

		tdict_set(row, "LABEL", rows[i][0]);
		tdict_set(row, "MINE", *mine != '\0' ? mine : "（なし）");
		tdict_set(row, "SAVED", *saved != '\0' ? saved : "（なし）");
		tdict_show(row, differs ? "DIFF" : "SAME");
		ndiff += differs;
	}
	tdict_set_int(c, "NDIFF", ndiff);
	if (f->password != NULL)
		tdict_show(c, "PASSWORD_DROPPED");
}

/* The form page (new or edit) with status, showing f's values and errors;
 * notice is "CREATED", "SAVED" or NULL. */
static enum hstatus form_page(struct request *r, int status,
                              const struct uform *f, const char *notice)
{
	struct page p;
	struct acct_errors fe = {0};
	struct user_choice *depts = NULL, roles[4];
	size_t nd = 0;
	const struct user *u = f->old;
	char title[256];
	enum ustatus us;

	us = dept_choices(r, f, &depts, &nd);
	if (us != US_OK)
		return us == US_NOMEM ? HS_NOMEM : HS_DB;
	if (f->is_new)
		snprintf(title, sizeof(title), "利用者の追加");
	else
		snprintf(title, sizeof(title), "利用者の編集：%s",
		         u->display_name);
	fe.body = page_begin(r, &p, title, "admin/user_form.tpl");
	if (fe.body == NULL)
		return HS_NOMEM;
	tdict_set(fe.body, "HEADING", title);
	if (f->is_new) {
		tdict_show(fe.body, "NEW");
		tdict_set(fe.body, "ACTION", "/admin/users/new");
		tdict_set(fe.body, "SUBMIT", "追加する");
		tdict_set(fe.body, "PASSWORD_LEGEND", "初期パスワード");
		tdict_set(fe.body, "PASSWORD_LABEL", "パスワード");
		tdict_set(fe.body, "PASSWORD_HINT",
		          "10文字以上。本人に安全な方法で伝え、最初のログイン"
		          "後に変更してもらってください。");
		tdict_set(fe.body, "USERNAME", f->v[UF_USERNAME].raw);
	} else {
		tdict *facts = tdict_add_section(fe.body, "FACTS");

		tdict_show(fe.body, "EDIT");
		tdict_set(
		    fe.body, "ACTION",
		    arena_printf(r->arena, "/admin/users/%lld/edit", u->id));
		tdict_set(fe.body, "SUBMIT", "保存する");
		tdict_set(fe.body, "PASSWORD_LEGEND", "パスワードの再設定");
		tdict_set(fe.body, "PASSWORD_LABEL", "新しいパスワード");
		tdict_set(
		    fe.body, "PASSWORD_HINT",
		    "パスワードを忘れた利用者のために、新しいパスワードを"
		    "設定します。変更しない場合は空欄のままにしてください。"
		    "設定すると、その利用者のログインはすべて終了します。");
		tdict_set(facts, "USERNAME", u->username);
		tdict_set(facts, "CREATED_AT",
		          account_local_time(r->arena, u->created_at, ""));
		tdict_set(facts, "LAST_LOGIN",
		          account_local_time(r->arena, u->last_login_at,
		                             "まだログインしていません"));
		if (u->group_name != NULL)
			tdict_set(tdict_add_section(fe.body, "GROUP_NAME"),
			          "NAME", u->group_name);
		if (f->v[UF_DISABLED].num)
			tdict_show(fe.body, "IS_DISABLED");
	}
	if (notice != NULL)
		tdict_show(fe.body, notice);
	if (!f->is_new)
		tdict_set(fe.body, "VERSION",
		          f->version != NULL ? f->version : "");
	if (f->form_error != NULL)
		tdict_set(tdict_add_section(fe.body, "FORM_ERROR"), "MESSAGE",
		          f->form_error);
	if (f->now != NULL)
		conflict_rows(r, fe.body, f, depts, nd);
	tdict_set(fe.body, "DISPLAY_NAME", f->v[UF_DISPLAY_NAME].raw);
	tdict_set(fe.body, "DISPLAY_NAME_VALUE", f->v[UF_DISPLAY_NAME].raw);
	tdict_set(fe.body, "EMAIL", f->v[UF_EMAIL].raw);
	tdict_set(fe.body, "GROUP_ID", f->v[UF_GROUP_ID].raw);
	for (size_t k = 0; k < 4; k++) {
		roles[k].value = role_code(role_order[k]);
		roles[k].label = role_label(role_order[k]);
	}
	options(fe.body, "ROLE_OPTION", roles, 4, f->v[UF_ROLE].raw);
	options(fe.body, "DEPARTMENT_OPTION", depts, nd,
	        f->v[UF_DEPARTMENT].raw);
	for (int i = 0; i < UF__MAX; i++)
		if (f->v[i].error != NULL)
			account_field_error(&fe, ufields[i].name,
			                    ufields[i].label, f->v[i].error);
	if (f->pw_error != NULL)
		account_field_error(&fe, "password",
		                    f->is_new ? "初期パスワード"
		                              : "新しいパスワード",
		                    f->pw_error);
	if (f->pw2_error != NULL)
		account_field_error(&fe, "password_confirm",
		                    "パスワード（確認）", f->pw2_error);
	r->status = status;
	r->extra_headers = "Cache-Control: no-store\r\n";
	return page_end(r, &p);
}

/* Fill f from a stored account (the edit form before any change). */
static void form_from_user(struct request *r, struct uform *f,
                           const struct user *u)
{
	memset(f, 0, sizeof(*f));
	f->old = u;
	f->v[UF_USERNAME].raw = u->username;
	f->v[UF_DISPLAY_NAME].raw = u->display_name;
	f->v[UF_EMAIL].raw = u->email != NULL ? u->email : "";
	f->v[UF_ROLE].raw = role_code(u->role);
	f->v[UF_DEPARTMENT].raw = u->department != NULL ? u->department : "";
	f->v[UF_GROUP_ID].raw =
	    u->group_id > 0 ? arena_printf(r->arena, "%lld", u->group_id) : "";
	f->v[UF_DISABLED].num = u->disabled;
	f->version = arena_printf(r->arena, "%lld", u->version);
}

/* The error of a change that would leave no enabled admin: beside
 * 利用停止 when the form disables the account, else beside 役割. */
static void last_admin_error(struct uform *f)
{
	set_error(f, f->v[UF_DISABLED].num ? UF_DISABLED : UF_ROLE,
	          "有効な協働推進課の利用者がいなくなるため、"
	          "変更できません。");
}

/* Validate the posted form into f: the field table, then the rules that
 * tie fields together and the ones that need the database. Returns the
 * number of errors, or -1 on a database error. */
static int form_from_post(struct request *r, struct uform *f)
{
	const char *pw = req_form(r, "password");
	const char *pw2 = req_form(r, "password_confirm");
	const char *name;
	enum role role;
	int rc;

	for (int i = 0; i < UF__MAX; i++) {
		if ((i == UF_USERNAME && !f->is_new) ||
		    (i == UF_DISABLED && f->is_new)) {
			f->v[i].raw = "";
			continue;
		}
		if (field_check(r->arena, &ufields[i],
		                kv_get(&r->form, ufields[i].name),
		                &f->v[i]) < 0)
			f->errors++;
	}
	if (!f->is_new)
		f->v[UF_USERNAME].raw = f->old->username;
	role = f->v[UF_ROLE].error == NULL ? role_from_code(f->v[UF_ROLE].raw)
	                                   : ROLE_PUBLIC;
	name = f->is_new ? f->v[UF_USERNAME].raw : f->old->username;

	/* department: required for staff, must be an active one unless it
	 * is the account's own (kept when admin has deactivated it) */
	if (f->v[UF_DEPARTMENT].error == NULL && f->v[UF_DEPARTMENT].present &&
	    (f->is_new || f->old->department == NULL ||
	     strcmp(f->v[UF_DEPARTMENT].raw, f->old->department) != 0)) {
		rc = users_department_exists(r->db, f->v[UF_DEPARTMENT].raw);
		if (rc < 0)
			return -1;
		if (rc == 0)
			set_error(f, UF_DEPARTMENT,
			          "選んだ担当課が見つかりません。一覧から選び直"
			          "してください。");
	}
	if (role == ROLE_STAFF && !f->v[UF_DEPARTMENT].present)
		set_error(f, UF_DEPARTMENT,
		          "職員の場合は担当課を選んでください。");
	/* group: required for group accounts, must exist */
	if (role == ROLE_GROUP && !f->v[UF_GROUP_ID].present)
		set_error(f, UF_GROUP_ID,
		          "団体担当者の場合は団体番号を入力してください。");
	if (role == ROLE_GROUP && f->v[UF_GROUP_ID].error == NULL &&
	    f->v[UF_GROUP_ID].present) {
		rc = users_group_exists(r->db, f->v[UF_GROUP_ID].num);
		if (rc < 0)
			return -1;
		if (rc == 0)
			set_error(f, UF_GROUP_ID,
			          "この番号の団体は登録されていません。");
	}
	/* the admin's own account, and the last admin (here for the message
	 * beside the other errors; users_update refuses the write itself,
	 * US_LAST_ADMIN, when another save got in between) */
	if (!f->is_new && f->old->id == r->user->id) {
		if (role != ROLE_PUBLIC && role != ROLE_ADMIN)
			set_error(f, UF_ROLE,
			          "自分自身の役割は変更できません。ほかの協働推"
			          "進課の利用者に依頼してください。");
		if (f->v[UF_DISABLED].num)
			set_error(f, UF_DISABLED,
			          "自分自身の利用を停止することはできません。");
	} else if (!f->is_new && f->old->role == ROLE_ADMIN &&
	           !f->old->disabled &&
	           ((role != ROLE_PUBLIC && role != ROLE_ADMIN) ||
	            f->v[UF_DISABLED].num)) {
		long long others = users_other_admins(r->db, f->old->id);

		if (others < 0)
			return -1;
		if (others == 0)
			last_admin_error(f);
	}
	/* password: required for a new account, optional on edit (reset) */
	if (pw != NULL && *pw != '\0') {
		f->pw_error = password_policy(pw, name);
		if (f->pw_error == NULL &&
		    (pw2 == NULL || strcmp(pw, pw2) != 0))
			f->pw2_error = "確認のために、同じパスワードをもう一度"
			               "入力してください。";
		f->password = pw;
	} else if (f->is_new) {
		f->pw_error = "初期パスワードを入力してください。";
	} else if (pw2 != NULL && *pw2 != '\0') {
		f->pw_error = "新しいパスワードを入力してください。";
	}
	f->errors += (f->pw_error != NULL) + (f->pw2_error != NULL);

	f->in.display_name = f->v[UF_DISPLAY_NAME].text;
	f->in.email = f->v[UF_EMAIL].present ? f->v[UF_EMAIL].text : NULL;
	f->in.role = role;
	f->in.department =
	    f->v[UF_DEPARTMENT].present ? f->v[UF_DEPARTMENT].raw : NULL;
	f->in.group_id = f->v[UF_GROUP_ID].present ? f->v[UF_GROUP_ID].num : 0;
	f->in.disabled = (int)f->v[UF_DISABLED].num;
	return f->errors;
}

/* Parse :id of the route; 0 when it is not a positive number. */
static long long param_id(const struct request *r)
{
	const char *s = req_param(r, 0);
	char *end;
	long long id;

	if (s == NULL || *s < '1' || *s > '9')
		return 0;
	id = strtoll(s, &end, 10);
	return *end == '\0' && id > 0 ? id : 0;
}

enum hstatus page_admin_users(struct request *r)
{
	struct page p;
	struct user *v;
	size_t n;
	tdict *body;
	enum ustatus us = users_list(r->db, r->arena, &v, &n);

	if (us != US_OK)
		return us == US_NOMEM ? HS_NOMEM : HS_DB;
	body = page_begin(r, &p, "利用者の管理", "admin/users.tpl");
	if (body == NULL)
		return HS_NOMEM;
	tdict_show(body, n > 0 ? "HAS_USERS" : "EMPTY");
	tdict_set_int(body, "COUNT", (long long)n);
	for (size_t i = 0; i < n; i++) {
		tdict *row = tdict_add_section(body, "USER");
		const char *aff = v[i].department_name;

		if (v[i].role == ROLE_GROUP && v[i].group_name != NULL)
			aff = v[i].group_name;
		tdict_set_int(row, "ID", v[i].id);
		tdict_set(row, "USERNAME", v[i].username);
		tdict_set(row, "DISPLAY_NAME", v[i].display_name);
		tdict_set(row, "ROLE", role_label(v[i].role));
		tdict_set(row, "AFFILIATION", aff != NULL ? aff : "—");
		tdict_show(row, v[i].disabled ? "DISABLED" : "ENABLED");
		tdict_set(
		    row, "LAST_LOGIN",
		    account_local_time(r->arena, v[i].last_login_at, "—"));
	}
	r->extra_headers = "Cache-Control: no-store\r\n";
	return page_end(r, &p);
}

enum hstatus page_admin_user_new(struct request *r)
{
	struct uform f = {0};

	f.is_new = 1;
	for (int i = 0; i < UF__MAX; i++)
		f.v[i].raw = "";
	return form_page(r, 200, &f, NULL);
}

enum hstatus page_admin_user_create(struct request *r)
{
	struct uform f = {0};
	struct user_actor who = {r->user->id, r->remote_addr};
	char hash[PASSWORD_HASH_MAX];
	long long id = 0;
	enum ustatus us;
	int rc;

	f.is_new = 1;
	rc = form_from_post(r, &f);
	if (rc < 0)
		return HS_DB;
	if (f.v[UF_USERNAME].error == NULL) {
		struct user dup;

		us = users_by_name(r->db, r->arena, f.v[UF_USERNAME].raw, &dup);
		if (us == US_DB || us == US_NOMEM)
			return us == US_DB ? HS_DB : HS_NOMEM;
		if (us == US_OK)
			set_error(
			    &f, UF_USERNAME,
			    "このユーザー名はすでに使われています。別の名前"
			    "にしてください。");
	}
	if (f.errors > 0)
		return form_page(r, 422, &f, NULL);
	if (password_hash(f.password, hash) < 0)
		return HS_NOMEM;
	if (db_begin(r->db) < 0)
		return HS_DB;
	us = users_create(r->db, &who, f.v[UF_USERNAME].raw, &f.in, hash, &id);
	if (us != US_OK || db_commit(r->db) < 0) {
		db_rollback(r->db);
		if (us == US_CONFLICT) {
			set_error(
			    &f, UF_USERNAME,
			    "このユーザー名はすでに使われています。別の名前"
			    "にしてください。");
			return form_page(r, 422, &f, NULL);
		}
		return us == US_NOMEM ? HS_NOMEM : HS_DB;
	}
	log_info("user created: '%s' (%s) by '%s'", f.v[UF_USERNAME].raw,
	         role_code(f.in.role), r->user->username);
	r->status = 303;
	r->location =
	    arena_printf(r->arena, "/admin/users/%lld/edit?created=1", id);
	return r->location != NULL ? HS_OK : HS_NOMEM;
}

/* The account of :id into u. HS_OK, HS_NOTFOUND, HS_DB or HS_NOMEM. */
static enum hstatus load_user(struct request *r, struct user **u)
{
	long long id = param_id(r);
	enum ustatus us;

	*u = arena_alloc(r->arena, sizeof(**u));
	if (*u == NULL)
		return HS_NOMEM;
	if (id == 0)
		return HS_NOTFOUND;
	us = users_by_id(r->db, r->arena, id, *u);
	return us == US_OK         ? HS_OK
	       : us == US_NOTFOUND ? HS_NOTFOUND
	       : us == US_NOMEM    ? HS_NOMEM
	                           : HS_DB;
}

enum hstatus page_admin_user_edit(struct request *r)
{
	struct user *u;
	struct uform f;
	enum hstatus hs = load_user(r, &u);

	if (hs != HS_OK)
		return hs;
	form_from_user(r, &f, u);
	return form_page(r, 200, &f,
	                 req_query(r, "created") != NULL ? "CREATED"
	                 : req_query(r, "saved") != NULL ? "SAVED"
	                                                 : NULL);
}

/* The version field of an edit form: a positive decimal number, or 0 when
 * s is not one. */
static long long parse_version(const char *s)
{
	long long v = 0;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 18)
		return 0;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	return *s == '\0' ? v : 0;
}

/* The 409 answer to a save from a stale form: the account as saved now
 * (read again after the rollback) beside what was typed, and the form
 * again with the typed values and the version saved now, so that a second
 * save, made after seeing the differences, goes through. */
static enum hstatus conflict_page(struct request *r, struct uform *f)
{
	struct user *now = arena_alloc(r->arena, sizeof(*now));
	enum ustatus us;

	if (now == NULL)
		return HS_NOMEM;
	us = users_by_id(r->db, r->arena, f->old->id, now);
	if (us != US_OK)
		return us == US_NOTFOUND ? HS_NOTFOUND
		       : us == US_NOMEM  ? HS_NOMEM
		                         : HS_DB;
	f->old = now;
	f->now = now;
	f->version = arena_printf(r->arena, "%lld", now->version);
	log_info("user update refused (version %lld, now %lld): '%s' by '%s'",
	         f->in.version, now->version, now->username, r->user->username);
	return form_page(r, 409, f, NULL);
}

enum hstatus page_admin_user_update(struct request *r)
{
	struct user *u;
	struct uform f = {0};
	struct user_actor who = {r->user->id, r->remote_addr};
	char hash[PASSWORD_HASH_MAX] = "";
	enum hstatus hs = load_user(r, &u);
	enum ustatus us;
	int rc;

	if (hs != HS_OK)
		return hs;
	/* a form without its version was not made by this page */
	f.version = req_form(r, "version");
	if (f.version == NULL)
		return HS_INVALID;
	f.old = u;
	rc = form_from_post(r, &f);
	if (rc < 0)
		return HS_DB;
	f.in.version = parse_version(f.version);
	if (f.in.version == 0) {
		f.form_error = "この編集画面の情報（版番号）が正しくないため、"
		               "保存できませんでした。利用者の一覧から編集画面"
		               "を開き直して、もう一度入力してください。";
		return form_page(r, 422, &f, NULL);
	}
	if (rc > 0)
		return form_page(r, 422, &f, NULL);
	if (f.password != NULL && password_hash(f.password, hash) < 0)
		return HS_NOMEM;
	if (db_begin(r->db) < 0)
		return HS_DB;
	us = users_update(r->db, &who, u, &f.in);
	if (us == US_OK && hash[0] != '\0')
		us = users_set_password(r->db, &who, u->id, hash);
	if (us == US_OK &&
	    (hash[0] != '\0' || (f.in.disabled && !u->disabled)) &&
	    sessions_revoke_user(r->db, u->id) < 0)
		us = US_DB;
	if (us != US_OK || db_commit(r->db) < 0) {
		db_rollback(r->db);
		if (us == US_CONFLICT)
			return conflict_page(r, &f);
		if (us == US_LAST_ADMIN) {
			/* another admin was disabled or changed role after
			 * the check above: the same answer as that check */
			log_info("user update refused (no other enabled "
			         "admin): '%s' by '%s'",
			         u->username, r->user->username);
			last_admin_error(&f);
			return form_page(r, 422, &f, NULL);
		}
		if (us == US_NOTFOUND) {
			/* the department or group went away meanwhile */
			set_error(&f, UF_DEPARTMENT,
			          "担当課または団体が見つかりません。選び直して"
			          "ください。");
			return form_page(r, 422, &f, NULL);
		}
		return us == US_NOMEM ? HS_NOMEM : HS_DB;
	}
	log_info("user updated: '%s' by '%s'%s%s", u->username,
	         r->user->username, hash[0] != '\0' ? ", password reset" : "",
	         f.in.disabled && !u->disabled ? ", disabled" : "");
	r->status = 303;
	r->location =
	    arena_printf(r->arena, "/admin/users/%lld/edit?saved=1", u->id);
	return r->location != NULL ? HS_OK : HS_NOMEM;
}
