/* 団体 on the staff side: load, snapshot, create, update (optimistic
 * locking on version, audit rows in the same transaction), 登録要件, staff
 * lists. Every statement is a SQL literal with bound parameters. */
#include "model/groups_write.h"

#include <string.h>

#include "util/buf.h"
#include "util/log.h"
#include "view/format.h"

/* Field keys (as the audit log stores them) and their Japanese labels, in
 * form order. */
static const struct {
	const char *key;   /* groups column or pseudo-field */
	const char *label; /* shown on the form, the history and 409 pages */
} labels[] = {
    {"name", "団体名"},
    {"kana", "フリガナ"},
    {"kind", "種別"},
    {"fields", "活動分野"},
    {"area", "活動地区"},
    {"founded", "設立"},
    {"members", "会員数"},
    {"fee", "会費"},
    {"purpose", "目的"},
    {"activities", "活動内容"},
    {"web", "ホームページ"},
    {"email", "メールアドレス（公開用）"},
    {"phone", "電話番号（公開用）"},
    {"rep_name", "代表者名"},
    {"rep_name_public", "代表者名の公開"},
    {"rep_phone", "代表者の電話番号"},
    {"rep_phone_public", "代表者の電話番号の公開"},
    {"rep_address", "代表者の住所"},
    {"rep_address_public", "代表者の住所の公開"},
    {"rep_email", "代表者のメールアドレス"},
    {"rep_email_public", "代表者のメールアドレスの公開"},
    {"status", "登録状況"},
    {"applied_on", "申請日"},
    {"registered_on", "登録日"},
    {"suspended_on", "休止日"},
    {"removed_on", "抹消日"},
    {"status_note", "登録状況の備考"},
    {"requirements", "登録要件の確認"},
};

const char *group_field_label(const char *key)
{
	for (size_t i = 0;
	     key != NULL && i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].key, key) == 0)
			return labels[i].label;
	return NULL;
}

char *kana_to_katakana(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s != NULL ? s : "");

	if (out == NULL)
		return NULL;
	for (unsigned char *p = (unsigned char *)out; *p; p++) {
		unsigned cp;

		if (p[0] != 0xE3 || p[1] == 0 || p[2] == 0)
			continue;
		cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) |
		     (p[2] & 0x3Fu);
		if (cp >= 0x3041 && cp <= 0x3096) {
			cp += 0x60; /* ひらがな → カタカナ */
			p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			p[2] = (unsigned char)(0x80 | (cp & 0x3F));
		}
		p += 2;
	}
	return out;
}

enum mstatus group_rec_load(struct db *db, struct arena *a, long long id,
                            struct group_rec *out)
{
	sqlite3_stmt *st = db_prep(
	    db,
	    "SELECT name, kana, kind, area, founded, members, fee, purpose, "
	    "activities, web, email, phone, rep_name, rep_name_public, "
	    "rep_phone, rep_phone_public, rep_address, rep_address_public, "
	    "rep_email, rep_email_public, status, applied_on, registered_on, "
	    "suspended_on, removed_on, status_note, version, "
	    "datetime(updated_at, 'localtime') "
	    "FROM "
	    "groups WHERE id = ?1");
	int rc, oom = 0, c = 0;
	enum mstatus ms;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->name = model_text(a, st, c++, &oom);
		out->kana = model_text(a, st, c++, &oom);
		out->kind = model_text(a, st, c++, &oom);
		out->area = model_text(a, st, c++, &oom);
		out->founded = model_text(a, st, c++, &oom);
		out->members = sqlite3_column_type(st, c) == SQLITE_NULL
		                   ? -1
		                   : sqlite3_column_int64(st, c);
		c++;
		out->fee = model_text(a, st, c++, &oom);
		out->purpose = model_text(a, st, c++, &oom);
		out->activities = model_text(a, st, c++, &oom);
		out->web = model_text(a, st, c++, &oom);
		out->email = model_text(a, st, c++, &oom);
		out->phone = model_text(a, st, c++, &oom);
		out->rep_name = model_text(a, st, c++, &oom);
		out->rep_name_public = sqlite3_column_int(st, c++);
		out->rep_phone = model_text(a, st, c++, &oom);
		out->rep_phone_public = sqlite3_column_int(st, c++);
		out->rep_address = model_text(a, st, c++, &oom);
		out->rep_address_public = sqlite3_column_int(st, c++);
		out->rep_email = model_text(a, st, c++, &oom);
		out->rep_email_public = sqlite3_column_int(st, c++);
		out->status = model_text(a, st, c++, &oom);
		out->applied_on = model_text(a, st, c++, &oom);
		out->registered_on = model_text(a, st, c++, &oom);
		out->suspended_on = model_text(a, st, c++, &oom);
		out->removed_on = model_text(a, st, c++, &oom);
		out->status_note = model_text(a, st, c++, &oom);
		out->version = sqlite3_column_int64(st, c++);
		out->updated_at = model_text(a, st, c++, &oom);
	}
	if ((ms = model_one_end(db, st, rc, oom, "group_rec_load")) != MS_OK)
		return ms;

	st = db_prep(db, "SELECT gf.field FROM group_fields gf JOIN fields f "
	                 "ON f.code = gf.field WHERE gf.group_id = ?1 ORDER "
	                 "BY f.sort, f.code");
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (out->nfields < GROUP_FIELDS_MAX)
			out->fields[out->nfields++] =
			    model_text(a, st, 0, &oom);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("group_rec_load: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return oom ? MS_NOMEM : MS_OK;
}

/* The name of a registration status, or code itself when unknown. */
static const char *status_name(struct db *db, struct arena *a, const char *code,
                               int *err)
{
	sqlite3_stmt *st =
	    db_prep(db, "SELECT name FROM group_statuses WHERE code = ?1");
	const char *name = code;
	int rc, oom = 0;

	if (st == NULL) {
		*err = 1;
		return "";
	}
	model_bind_str(st, 1, code);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		name = model_text(a, st, 0, &oom);
	else if (rc != SQLITE_DONE)
		*err = 1;
	sqlite3_reset(st);
	if (oom)
		*err = 1;
	return name;
}

/* The name of code in master table m, or code itself when unknown. */
static const char *mname(struct db *db, struct arena *a, enum master m,
                         const char *code, int *err)
{
	const char *name = NULL;
	enum mstatus ms;

	if (code == NULL || code[0] == '\0')
		return "";
	ms = master_name(db, a, m, code, &name);
	if (ms == MS_NOTFOUND)
		return code;
	if (ms != MS_OK) {
		*err = 1;
		return "";
	}
	return name;
}

/* "公開" / "非公開". */
static const char *pub(int flag)
{
	return flag ? "公開" : "非公開";
}

int group_snapshot(struct db *db, struct arena *a, const struct group_rec *rec,
                   struct snapshot *out)
{
	int err = 0;
	char *fields = arena_strdup(a, ""), *members = NULL;
	const char *v[sizeof(labels) / sizeof(labels[0])];
	size_t k = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; fields != NULL && i < rec->nfields; i++)
		fields = arena_printf(
		    a, "%s%s%s", fields, i ? "、" : "",
		    mname(db, a, MASTER_FIELD, rec->fields[i], &err));
	if (rec->members >= 0) {
		char *n = fmt_int(a, rec->members);
		members = n != NULL ? arena_printf(a, "%s人", n) : NULL;
		if (members == NULL)
			err = 1;
	}
	if (fields == NULL)
		return -1;
	v[k++] = rec->name;
	v[k++] = rec->kana;
	v[k++] = mname(db, a, MASTER_GROUP_KIND, rec->kind, &err);
	v[k++] = fields;
	v[k++] = rec->area;
	v[k++] = rec->founded;
	v[k++] = members;
	v[k++] = rec->fee;
	v[k++] = rec->purpose;
	v[k++] = rec->activities;
	v[k++] = rec->web;
	v[k++] = rec->email;
	v[k++] = rec->phone;
	v[k++] = rec->rep_name;
	v[k++] = pub(rec->rep_name_public);
	v[k++] = rec->rep_phone;
	v[k++] = pub(rec->rep_phone_public);
	v[k++] = rec->rep_address;
	v[k++] = pub(rec->rep_address_public);
	v[k++] = rec->rep_email;
	v[k++] = pub(rec->rep_email_public);
	v[k++] = status_name(db, a, rec->status, &err);
	v[k++] = rec->applied_on;
	v[k++] = rec->registered_on;
	v[k++] = rec->suspended_on;
	v[k++] = rec->removed_on;
	v[k++] = rec->status_note;
	/* "requirements" is not a column: written by record_reqs() only. */
	for (size_t i = 0; i < k; i++)
		if (snap_add(a, out, labels[i].key, labels[i].label, v[i]) < 0)
			return -1;
	return err ? -1 : 0;
}

int group_kind_needs_reqs(struct db *db, const char *kind)
{
	sqlite3_stmt *st = db_prep(db, "SELECT type = 'テーマ型' FROM "
	                               "group_kinds WHERE code = ?1");
	int rc, needs = 0;

	if (st == NULL)
		return -1;
	model_bind_str(st, 1, kind);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		needs = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? needs : -1;
}

int group_status_allowed(struct db *db, const char *from, const char *to)
{
	return model_status_allowed(
	    db_prep(db, "SELECT 1 FROM group_status_transitions WHERE "
	                "from_status = ?1 AND to_status = ?2"),
	    from, to);
}

enum mstatus group_reqs(struct db *db, struct arena *a, long long id,
                        struct group_req **out, size_t *n)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT r.code, r.name, r.description, coalesce(c.confirmed, "
	        "0), coalesce(u.display_name, ''), "
	        "coalesce(datetime(c.checked_at, 'localtime'), '') "
	        "FROM group_requirements r LEFT JOIN group_requirement_checks "
	        "c ON c.requirement = r.code AND c.group_id = ?1 LEFT JOIN "
	        "users u ON u.id = c.user_id ORDER BY r.sort, r.code");
	size_t cap = 0;
	int rc, oom = 0;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct group_req *q;

		if (model_grow(a, (void **)out, &cap, *n, sizeof(**out)) < 0) {
			oom = 1;
			break;
		}
		q = &(*out)[(*n)++];
		q->code = model_text(a, st, 0, &oom);
		q->name = model_text(a, st, 1, &oom);
		q->description = model_text(a, st, 2, &oom);
		q->confirmed = sqlite3_column_int(st, 3);
		q->user = model_text(a, st, 4, &oom);
		q->at = model_text(a, st, 5, &oom);
	}
	sqlite3_reset(st);
	if (oom)
		return MS_NOMEM;
	if (rc != SQLITE_DONE) {
		log_err("group_reqs: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return MS_OK;
}

/* 1 when code is among rec's confirmed requirements. */
static int has_req(const struct group_rec *rec, const char *code)
{
	for (size_t i = 0; i < rec->nreqs; i++)
		if (strcmp(rec->reqs[i], code) == 0)
			return 1;
	return 0;
}

enum mstatus group_missing_reqs(struct db *db, struct arena *a,
                                const struct group_rec *rec,
                                const char *old_status, const char ***names,
                                size_t *n)
{
	struct group_req *all;
	size_t nall;
	enum mstatus ms;
	int needs;

	*names = NULL;
	*n = 0;
	if (rec->status == NULL || strcmp(rec->status, "toroku") != 0 ||
	    (old_status != NULL && strcmp(old_status, "toroku") == 0))
		return MS_OK;
	needs = group_kind_needs_reqs(db, rec->kind);
	if (needs < 0)
		return MS_DB;
	if (!needs)
		return MS_OK;
	ms = group_reqs(db, a, 0, &all, &nall);
	if (ms != MS_OK)
		return ms;
	*names = arena_alloc(a, (nall + 1) * sizeof(**names));
	if (*names == NULL)
		return MS_NOMEM;
	for (size_t i = 0; i < nall; i++)
		if (!has_req(rec, all[i].code))
			(*names)[(*n)++] = all[i].name;
	return MS_OK;
}

/* Today's date in the server's local time, "YYYY-MM-DD" (arena), or NULL. */
static const char *today(struct db *db, struct arena *a)
{
	sqlite3_stmt *st = db_prep(db, "SELECT date('now', 'localtime')");
	const char *d = NULL;
	int oom = 0;

	if (st == NULL)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		d = model_text(a, st, 0, &oom);
	sqlite3_reset(st);
	return oom ? NULL : d;
}

/* Fill the date of the status rec enters (from old_status, NULL for a new
 * group) with today when it is empty. -1 when out of memory. */
static int fill_status_date(struct db *db, struct arena *a,
                            struct group_rec *rec, const char *old_status)
{
	const char **slot = NULL;
	const char *d;

	if (old_status != NULL && strcmp(old_status, rec->status) == 0)
		return 0;
	if (strcmp(rec->status, "shinsei") == 0)
		slot = &rec->applied_on;
	else if (strcmp(rec->status, "toroku") == 0)
		slot = &rec->registered_on;
	else if (strcmp(rec->status, "kyushi") == 0)
		slot = &rec->suspended_on;
	else if (strcmp(rec->status, "massho") == 0)
		slot = &rec->removed_on;
	if (slot == NULL || (*slot != NULL && (*slot)[0] != '\0'))
		return 0;
	d = today(db, a);
	if (d == NULL)
		return -1;
	*slot = d;
	return 0;
}

/* 1 when code is among the n codes of list. */
static int has_code(const char *const *list, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] != NULL && code != NULL &&
		    strcmp(list[i], code) == 0)
			return 1;
	return 0;
}

/* Set the 分野 of group id to rec's (status and kana copied from the
 * group); old: the record as it was (NULL for a new group). Only the rows
 * that change are deleted or inserted, and no statement runs when none
 * does: each change rewrites the group's keyword-search document
 * (schema/002_search.sql), and every statement with triggers after a
 * search-index write makes FTS5 flush its pending changes as a new
 * segment. */
static enum wstatus write_fields(struct db *db, long long id,
                                 const struct group_rec *rec,
                                 const struct group_rec *old)
{
	sqlite3_stmt *st = NULL;
	struct buf keep = {0}; /* the codes kept, separated by spaces */
	int removed = 0;

	for (size_t i = 0; old != NULL && i < old->nfields; i++)
		if (!has_code(rec->fields, rec->nfields, old->fields[i]))
			removed = 1;
	if (removed) {
		st = db_prep(
		    db, "DELETE FROM group_fields WHERE group_id = ?1 AND "
		        "instr(' ' || ?2 || ' ', ' ' || field || ' ') = 0");
		if (st == NULL)
			return WS_DB;
		for (size_t i = 0; i < rec->nfields; i++)
			if (buf_puts(&keep, i ? " " : "") < 0 ||
			    buf_puts(&keep, rec->fields[i]) < 0) {
				buf_free(&keep);
				return WS_NOMEM;
			}
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, buf_cstr(&keep), -1, SQLITE_TRANSIENT);
		buf_free(&keep);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
		sqlite3_reset(st);
	}
	for (size_t i = 0; i < rec->nfields; i++) {
		if (old != NULL &&
		    has_code(old->fields, old->nfields, rec->fields[i]))
			continue;
		st =
		    db_prep(db, "INSERT OR IGNORE INTO group_fields (group_id, "
		                "field, status, kana, kind) SELECT id, ?2, "
		                "status, kana, kind FROM groups WHERE id = ?1");
		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, id);
		model_bind_str(st, 2, rec->fields[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto fail;
		sqlite3_reset(st);
	}
	return WS_OK;
fail:
	log_err("group fields of %lld: %s", id, sqlite3_errmsg(db->h));
	sqlite3_reset(st);
	return WS_DB;
}

/* Record rec's requirement confirmations for group id (who, now, note:
 * "" or where they come from, e.g. "CSV取込") that were not confirmed yet,
 * and one audit row naming them (and the note). */
static enum wstatus record_reqs(struct db *db, struct arena *a,
                                const struct user_actor *who, long long id,
                                const struct group_rec *rec, const char *note)
{
	char *names = arena_strdup(a, "");
	int any = 0;

	for (size_t i = 0; i < rec->nreqs; i++) {
		sqlite3_stmt *st = db_prep(
		    db,
		    "INSERT INTO group_requirement_checks (group_id, "
		    "requirement, confirmed, user_id, checked_at, note) VALUES "
		    "(?1, ?2, 1, ?3, datetime('now'), ?4) ON CONFLICT "
		    "(group_id, requirement) DO UPDATE SET confirmed = 1, "
		    "user_id = excluded.user_id, checked_at = "
		    "excluded.checked_at, note = excluded.note WHERE "
		    "group_requirement_checks.confirmed = 0");
		sqlite3_stmt *nm;
		enum wstatus ws;

		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, rec->reqs[i], -1, SQLITE_STATIC);
		if (who != NULL && who->user_id > 0)
			sqlite3_bind_int64(st, 3, who->user_id);
		else
			sqlite3_bind_null(st, 3);
		model_bind_str(st, 4, note);
		if ((ws = model_step(db, a, st, "group_requirement_checks",
		                     NULL)) != WS_OK)
			return ws;
		if (sqlite3_changes(db->h) == 0)
			continue; /* confirmed before */
		nm = db_prep(db,
		             "SELECT name FROM group_requirements WHERE code "
		             "= ?1");
		if (nm == NULL)
			return WS_DB;
		sqlite3_bind_text(nm, 1, rec->reqs[i], -1, SQLITE_STATIC);
		if (sqlite3_step(nm) == SQLITE_ROW && names != NULL)
			names = arena_printf(a, "%s%s%s", names,
			                     any ? "、" : "", db_text(nm, 0));
		sqlite3_reset(nm);
		any = 1;
	}
	if (!any)
		return WS_OK;
	if (names != NULL && note != NULL && *note != '\0')
		names = arena_printf(a, "%s（%s）", names, note);
	if (names == NULL)
		return WS_NOMEM;
	return history_row(db, who, "groups", id, "approve", "requirements",
	                   NULL, names);
}

/* Bind the column values of rec to ?1 … ?27 of the INSERT / UPDATE. */
static void bind_rec(sqlite3_stmt *st, const struct group_rec *rec)
{
	int i = 1;

	model_bind_str(st, i++, rec->name);
	model_bind_str(st, i++, rec->kana);
	model_bind_str(st, i++, rec->kind);
	model_bind_str(st, i++, rec->area);
	model_bind_opt(st, i++, rec->founded);
	if (rec->members >= 0)
		sqlite3_bind_int64(st, i++, rec->members);
	else
		sqlite3_bind_null(st, i++);
	model_bind_str(st, i++, rec->fee);
	model_bind_str(st, i++, rec->purpose);
	model_bind_str(st, i++, rec->activities);
	model_bind_opt(st, i++, rec->web);
	model_bind_opt(st, i++, rec->email);
	model_bind_opt(st, i++, rec->phone);
	model_bind_str(st, i++, rec->rep_name);
	sqlite3_bind_int(st, i++, rec->rep_name_public ? 1 : 0);
	model_bind_str(st, i++, rec->rep_phone);
	sqlite3_bind_int(st, i++, rec->rep_phone_public ? 1 : 0);
	model_bind_str(st, i++, rec->rep_address);
	sqlite3_bind_int(st, i++, rec->rep_address_public ? 1 : 0);
	model_bind_str(st, i++, rec->rep_email);
	sqlite3_bind_int(st, i++, rec->rep_email_public ? 1 : 0);
	model_bind_str(st, i++, rec->status);
	model_bind_opt(st, i++, rec->applied_on);
	model_bind_opt(st, i++, rec->registered_on);
	model_bind_opt(st, i++, rec->suspended_on);
	model_bind_opt(st, i++, rec->removed_on);
	model_bind_str(st, i++, rec->status_note);
}

/* WS_INVALID with a message naming the missing requirements, WS_OK when
 * none is missing. */
static enum wstatus check_reqs(struct db *db, struct arena *a,
                               const struct group_rec *rec,
                               const char *old_status, const char **msg)
{
	const char **names;
	size_t n;
	enum mstatus ms =
	    group_missing_reqs(db, a, rec, old_status, &names, &n);
	char *list;

	if (ms != MS_OK)
		return ms == MS_NOMEM ? WS_NOMEM : WS_DB;
	if (n == 0)
		return WS_OK;
	list = arena_strdup(a, "");
	for (size_t i = 0; list != NULL && i < n; i++)
		list = arena_printf(a, "%s%s%s", list, i ? "、" : "", names[i]);
	*msg = list != NULL ? arena_printf(a,
	                                   "登録するには、次の要件をすべて"
	                                   "確認してください: %s",
	                                   list)
	                    : NULL;
	return WS_INVALID;
}

enum wstatus group_insert(struct db *db, struct arena *a,
                          const struct user_actor *who, struct group_rec *rec,
                          const char *req_note, long long *id, const char **msg)
{
	sqlite3_stmt *st;
	struct snapshot after;
	enum wstatus ws;

	*id = 0;
	*msg = NULL;
	if (rec->status == NULL || rec->status[0] == '\0')
		rec->status = "shinsei";
	if ((ws = check_reqs(db, a, rec, NULL, msg)) != WS_OK)
		return ws;
	st = db_prep(
	    db, "INSERT INTO groups (name, kana, kind, area, founded, members, "
	        "fee, purpose, activities, web, email, phone, rep_name, "
	        "rep_name_public, rep_phone, rep_phone_public, rep_address, "
	        "rep_address_public, rep_email, rep_email_public, status, "
	        "applied_on, registered_on, suspended_on, removed_on, "
	        "status_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	        "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
	        "?23, ?24, ?25, ?26)");
	if (st == NULL)
		return WS_DB;
	bind_rec(st, rec);
	if ((ws = model_step(db, a, st, "groups", msg)) != WS_OK)
		return ws;
	*id = rec->id = sqlite3_last_insert_rowid(db->h);
	rec->version = 1;
	ws = write_fields(db, *id, rec, NULL);
	if (ws == WS_OK)
		ws = group_snapshot(db, a, rec, &after) < 0 ? WS_DB : WS_OK;
	if (ws == WS_OK)
		ws = history_diff(db, who, "groups", *id, "create", NULL,
		                  &after);
	if (ws == WS_OK)
		ws = record_reqs(db, a, who, *id, rec, req_note);
	if (ws != WS_OK)
		*id = 0;
	return ws;
}

enum wstatus group_create(struct db *db, struct arena *a,
                          const struct user_actor *who, struct group_rec *rec,
                          long long *id, const char **msg)
{
	*id = 0;
	*msg = NULL;
	if (db_begin(db) < 0)
		return WS_DB;
	if (rec->status == NULL || rec->status[0] == '\0')
		rec->status = "shinsei";
	if (fill_status_date(db, a, rec, NULL) < 0)
		return model_finish(db, WS_NOMEM);
	return model_finish(db, group_insert(db, a, who, rec, NULL, id, msg));
}

enum wstatus group_update(struct db *db, struct arena *a,
                          const struct user_actor *who, struct group_rec *rec,
                          const char **msg)
{
	struct group_rec old;
	struct snapshot before, after;
	sqlite3_stmt *st;
	enum mstatus ms;
	enum wstatus ws;
	int allowed;

	*msg = NULL;
	if (db_begin(db) < 0)
		return WS_DB;
	ms = group_rec_load(db, a, rec->id, &old);
	if (ms != MS_OK)
		return model_finish(db, ms == MS_NOTFOUND ? WS_NOTFOUND
		                        : ms == MS_NOMEM  ? WS_NOMEM
		                                          : WS_DB);
	if (old.version != rec->version)
		return model_finish(db, WS_CONFLICT);
	allowed = group_status_allowed(db, old.status, rec->status);
	if (allowed < 0)
		return model_finish(db, WS_DB);
	if (!allowed) {
		*msg = "この登録状況には変更できません。";
		return model_finish(db, WS_INVALID);
	}
	ws = check_reqs(db, a, rec, old.status, msg);
	if (ws != WS_OK)
		return model_finish(db, ws);
	if (fill_status_date(db, a, rec, old.status) < 0)
		return model_finish(db, WS_NOMEM);
	if (group_snapshot(db, a, &old, &before) < 0)
		return model_finish(db, WS_DB);
	/* kana, kind and status are in four indexes of groups and in the
	 * parent key of group_fields (whose ON UPDATE CASCADE rewrites the
	 * group's 分野 rows and their indexes): SQLite rewrites an index entry
	 * whenever the UPDATE names one of its columns, equal or not. So they
	 * are named only when one of them changes. */
	if (strcmp(old.kana, rec->kana != NULL ? rec->kana : "") != 0 ||
	    strcmp(old.kind, rec->kind != NULL ? rec->kind : "") != 0 ||
	    strcmp(old.status, rec->status != NULL ? rec->status : "") != 0)
		st = db_prep(
		    db,
		    "UPDATE groups SET name = ?1, kana = ?2, kind = ?3, area = "
		    "?4, founded = ?5, members = ?6, fee = ?7, purpose = ?8, "
		    "activities = ?9, web = ?10, email = ?11, phone = ?12, "
		    "rep_name = ?13, rep_name_public = ?14, rep_phone = ?15, "
		    "rep_phone_public = ?16, rep_address = ?17, "
		    "rep_address_public = ?18, rep_email = ?19, "
		    "rep_email_public = ?20, status = ?21, applied_on = ?22, "
		    "registered_on = ?23, suspended_on = ?24, removed_on = "
		    "?25, status_note = ?26, version = version + 1, "
		    "updated_at = datetime('now') WHERE id = ?27 AND version = "
		    "?28");
	else
		st = db_prep(
		    db,
		    "UPDATE groups SET name = ?1, area = ?4, founded = ?5, "
		    "members = ?6, fee = ?7, purpose = ?8, activities = ?9, "
		    "web = ?10, email = ?11, phone = ?12, rep_name = ?13, "
		    "rep_name_public = ?14, rep_phone = ?15, rep_phone_public "
		    "= ?16, rep_address = ?17, rep_address_public = ?18, "
		    "rep_email = ?19, rep_email_public = ?20, applied_on = "
		    "?22, registered_on = ?23, suspended_on = ?24, removed_on "
		    "= ?25, status_note = ?26, version = version + 1, "
		    "updated_at = datetime('now') WHERE id = ?27 AND version = "
		    "?28 AND kana = ?2 AND kind = ?3 AND status = ?21");
	if (st == NULL)
		return model_finish(db, WS_DB);
	bind_rec(st, rec);
	sqlite3_bind_int64(st, 27, rec->id);
	sqlite3_bind_int64(st, 28, rec->version);
	if (sqlite3_step(st) != SQLITE_DONE) {
		log_err("group_update %lld: %s", rec->id,
		        sqlite3_errmsg(db->h));
		sqlite3_reset(st);
		return model_finish(db, WS_DB);
	}
	sqlite3_reset(st);
	if (sqlite3_changes(db->h) != 1)
		return model_finish(db, WS_CONFLICT);
	ws = write_fields(db, rec->id, rec, &old);
	if (ws == WS_OK)
		ws = group_snapshot(db, a, rec, &after) < 0 ? WS_DB : WS_OK;
	if (ws == WS_OK)
		ws = history_diff(db, who, "groups", rec->id, "update", &before,
		                  &after);
	if (ws == WS_OK)
		ws = record_reqs(db, a, who, rec->id, rec, NULL);
	if (ws == WS_OK)
		rec->version++;
	return model_finish(db, ws);
}
