/* Master data on the admin side: inserts, updates and deletes of every
 * kind with their audit rows, in one transaction each. The column tables
 * and the readers are in model/masters_kinds.c. Every statement is a
 * literal given to db_prep; a kind picks its statement in a switch,
 * never by building SQL. */
#include "model/masters_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/audit.h"
#include "model/groups_write.h"
#include "util/log.h"

/* INSERT binding ?1 … ?n in column order. */
static sqlite3_stmt *stmt_insert(struct db *db, enum mkind k)
{
	switch (k) {
	case MK_DEPARTMENT:
		return db_prep(db,
		               "INSERT INTO departments (code, name, phone, "
		               "sort) VALUES (?1, ?2, ?3, ?4)");
	case MK_FIELD:
		return db_prep(db,
		               "INSERT INTO fields (code, name, sort) VALUES "
		               "(?1, ?2, ?3)");
	case MK_FORM:
		return db_prep(
		    db, "INSERT INTO forms (code, name, kana, description, "
		        "effect, examples, domain, caution, core, sort) VALUES "
		        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	case MK_GROUP_KIND:
		return db_prep(db, "INSERT INTO group_kinds (code, name, type, "
		                   "description, sort) VALUES (?1, ?2, ?3, ?4, "
		                   "?5)");
	case MK_PARTNER_ROLE:
		return db_prep(db,
		               "INSERT INTO partner_roles (code, name, sort) "
		               "VALUES (?1, ?2, ?3)");
	case MK_PRINCIPLE_SET:
		return db_prep(db, "INSERT INTO principle_sets (code, name, "
		                   "source) VALUES (?1, ?2, ?3)");
	case MK_PRINCIPLE:
		return db_prep(db,
		               "INSERT INTO principles (set_code, code, name, "
		               "description, sort) VALUES (?1, ?2, ?3, ?4, "
		               "?5)");
	case MK_SCALE:
		return db_prep(db, "INSERT INTO eval_scales (code, name, "
		                   "description, is_default, sort) VALUES (?1, "
		                   "?2, ?3, ?4, ?5)");
	case MK_PLAN:
		return db_prep(db,
		               "INSERT INTO plans (name, first_year, "
		               "last_year, description) VALUES (?1, ?2, ?3, "
		               "?4)");
	case MK_POLICY:
		return db_prep(
		    db, "INSERT INTO plan_policies (plan_id, parent_id, code, "
		        "title, content, effect, sort) VALUES (?1, ?2, ?3, ?4, "
		        "?5, ?6, ?7)");
	case MK__MAX: break;
	}
	return NULL;
}

/* UPDATE of the columns that are not fixed, binding them by column
 * position and the key as ?(ncols + 1). */
static sqlite3_stmt *stmt_update(struct db *db, enum mkind k)
{
	switch (k) {
	case MK_DEPARTMENT:
		return db_prep(db, "UPDATE departments SET name = ?2, phone = "
		                   "?3, sort = ?4 WHERE code = ?5");
	case MK_FIELD:
		return db_prep(db,
		               "UPDATE fields SET name = ?2, sort = ?3 WHERE "
		               "code = ?4");
	case MK_FORM:
		return db_prep(
		    db,
		    "UPDATE forms SET name = ?2, kana = ?3, description = ?4, "
		    "effect = ?5, examples = ?6, domain = ?7, caution = ?8, "
		    "core = ?9, sort = ?10 WHERE code = ?11");
	case MK_GROUP_KIND:
		return db_prep(db,
		               "UPDATE group_kinds SET name = ?2, type = ?3, "
		               "description = ?4, sort = ?5 WHERE code = ?6");
	case MK_PARTNER_ROLE:
		return db_prep(db, "UPDATE partner_roles SET name = ?2, sort = "
		                   "?3 WHERE code = ?4");
	case MK_PRINCIPLE_SET:
		return db_prep(db,
		               "UPDATE principle_sets SET name = ?2, source = "
		               "?3 WHERE code = ?4");
	case MK_PRINCIPLE:
		return db_prep(db,
		               "UPDATE principles SET name = ?3, description "
		               "= ?4, sort = ?5 WHERE id = ?6");
	case MK_SCALE:
		return db_prep(db,
		               "UPDATE eval_scales SET name = ?2, description "
		               "= ?3, is_default = ?4, sort = ?5 WHERE code = "
		               "?6");
	case MK_PLAN:
		return db_prep(db,
		               "UPDATE plans SET name = ?1, first_year = ?2, "
		               "last_year = ?3, description = ?4 WHERE id = "
		               "?5");
	case MK_POLICY:
		return db_prep(
		    db,
		    "UPDATE plan_policies SET plan_id = ?1, parent_id = ?2, "
		    "code = ?3, title = ?4, content = ?5, effect = ?6, sort = "
		    "?7 WHERE id = ?8");
	case MK__MAX: break;
	}
	return NULL;
}

/* DELETE of one row, binding the key as ?1. */
static sqlite3_stmt *stmt_delete(struct db *db, enum mkind k)
{
	switch (k) {
	case MK_DEPARTMENT:
		return db_prep(db, "DELETE FROM departments WHERE code = ?1");
	case MK_FIELD: return db_prep(db, "DELETE FROM fields WHERE code = ?1");
	case MK_FORM: return db_prep(db, "DELETE FROM forms WHERE code = ?1");
	case MK_GROUP_KIND:
		return db_prep(db, "DELETE FROM group_kinds WHERE code = ?1");
	case MK_PARTNER_ROLE:
		return db_prep(db, "DELETE FROM partner_roles WHERE code = ?1");
	case MK_PRINCIPLE_SET:
		return db_prep(db,
		               "DELETE FROM principle_sets WHERE code = ?1");
	case MK_PRINCIPLE:
		return db_prep(db, "DELETE FROM principles WHERE id = ?1");
	case MK_SCALE:
		return db_prep(db, "DELETE FROM eval_scales WHERE code = ?1");
	case MK_PLAN: return db_prep(db, "DELETE FROM plans WHERE id = ?1");
	case MK_POLICY:
		return db_prep(db, "DELETE FROM plan_policies WHERE id = ?1");
	case MK__MAX: break;
	}
	return NULL;
}

/* ------------------------------------------------------------ writing -- */

/* Bind v (column order) to ?1 … ?n by each column's storage type. */
static void bind_vals(sqlite3_stmt *st, enum mkind k, const char *const *v)
{
	const struct mkind_def *d = masters_kind(k);

	for (size_t i = 0; i < d->ncols; i++) {
		const char *s = v[i];
		int idx = (int)i + 1, empty = s == NULL || *s == '\0';

		switch (d->cols[i].type) {
		case MT_TEXT:
			sqlite3_bind_text(st, idx, empty ? "" : s, -1,
			                  SQLITE_TRANSIENT);
			break;
		case MT_NTEXT:
			if (empty)
				sqlite3_bind_null(st, idx);
			else
				sqlite3_bind_text(st, idx, s, -1,
				                  SQLITE_TRANSIENT);
			break;
		case MT_INT:
			sqlite3_bind_int64(st, idx, empty ? 0 : atoll(s));
			break;
		case MT_NINT:
			if (empty)
				sqlite3_bind_null(st, idx);
			else
				sqlite3_bind_int64(st, idx, atoll(s));
			break;
		case MT__MAX: break;
		}
	}
}

/* Explain a failed write of kind k in p: a taken code or name goes on its
 * column, anything else on the whole row. Returns WS_INVALID for a
 * constraint, WS_DB otherwise (logged). */
static enum wstatus explain(struct db *db, struct arena *a, enum mkind k,
                            struct mproblem *p)
{
	const char *msg = sqlite3_errmsg(db->h);
	int ext = sqlite3_extended_errcode(db->h);

	if (ext == SQLITE_CONSTRAINT_UNIQUE ||
	    ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
		const char *dot = strrchr(msg, '.');
		int c = dot != NULL ? masters_col(k, dot + 1) : -1;

		if (c >= 0) {
			const char *label = masters_kind(k)->cols[c].f.label;

			p->col[c] =
			    arena_printf(a,
			                 "この%sはすでに使われています。別"
			                 "の%sにしてください。",
			                 label, label);
			return WS_INVALID;
		}
		p->general = "同じ内容の行がすでにあります。";
		return WS_INVALID;
	}
	if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) {
		p->general =
		    "選択肢にない値が指定されました。選び直してください。";
		return WS_INVALID;
	}
	if ((ext & 0xFF) == SQLITE_CONSTRAINT) {
		p->general =
		    "入力内容がデータベースの規則に合いません。各項目の"
		    "説明をご確認ください。";
		log_info("masters %s: %s", masters_kind(k)->table, msg);
		return WS_INVALID;
	}
	log_err("masters %s: %s", masters_kind(k)->table, msg);
	return WS_DB;
}

/* One audit row for row rowid of kind k. */
static int audit(struct db *db, const struct user_actor *who, enum mkind k,
                 long long rowid, const char *action, const char *field,
                 const char *old_value, const char *new_value)
{
	return audit_write(db, who->user_id, who->addr, masters_kind(k)->table,
	                   rowid, action, field, old_value, new_value);
}

/* "A よくできた 100点（コメント必須）": a level as the audit log shows it. */
static const char *level_text(struct arena *a, const struct mlevel *l)
{
	if (l == NULL || !l->present)
		return NULL;
	return arena_printf(a, "%s %s %lld点%s", l->mark, l->label, l->points,
	                    l->comment_required ? "（コメント必須）" : "");
}

/* The values as they are stored: a form's よみがな in katakana. */
static int normalise(struct arena *a, enum mkind k, const char *const *v,
                     const char **out)
{
	const struct mkind_def *d = masters_kind(k);

	for (size_t i = 0; i < d->ncols; i++)
		out[i] = v[i];
	if (k == MK_FORM) {
		int c = masters_col(k, "kana");

		out[c] = kana_to_katakana(a, v[c]);
		if (out[c] == NULL)
			return -1;
	}
	return 0;
}

/* Rules across columns or rows that the field table cannot state: a
 * plan's years, a policy's parent, a scale's levels. self is the row's id
 * (0 for a new row). WS_OK, WS_INVALID (p set) or WS_DB. */
static enum wstatus cross_check(struct db *db, struct arena *a, enum mkind k,
                                long long self, const char *const *v,
                                const struct mlevel *lv, struct mproblem *p)
{
	enum wstatus ws = WS_OK;

	if (k == MK_PLAN && atoll(v[2]) < atoll(v[1])) {
		p->col[2] =
		    "終了年度は開始年度と同じか、それより後にしてください。";
		ws = WS_INVALID;
	}
	if (k == MK_POLICY && v[1] != NULL && *v[1] != '\0') {
		sqlite3_stmt *st = db_prep(
		    db,
		    "SELECT plan_id, parent_id IS NULL, (SELECT count(*) FROM "
		    "plan_policies c WHERE c.parent_id = ?2) FROM "
		    "plan_policies WHERE id = ?1");
		int rc;

		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, atoll(v[1]));
		sqlite3_bind_int64(st, 2, self);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			if (atoll(v[1]) == self)
				p->col[1] = "自分自身を上位にはできません。";
			else if (sqlite3_column_int64(st, 0) != atoll(v[0]))
				p->col[1] =
				    "上位の基本方針は、同じ計画のものを選んで"
				    "ください。";
			else if (sqlite3_column_int(st, 1) == 0)
				p->col[1] =
				    "上位には基本方針（上位のないもの）を選んで"
				    "ください。";
			else if (sqlite3_column_int64(st, 2) > 0)
				p->col[1] =
				    "この基本方針の下にはアクション項目があるた"
				    "め、ほかの方針の下には移せません。";
		} else if (rc == SQLITE_DONE) {
			p->col[1] =
			    "選択肢にない基本方針です。選び直してください。";
		}
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return WS_DB;
		if (p->col[1] != NULL)
			ws = WS_INVALID;
	}
	if (k == MK_SCALE && lv != NULL) {
		int n = 0;

		for (int i = 0; i < MLEVEL_MAX; i++)
			n += lv[i].present;
		if (n < 2) {
			p->general = "段階を2つ以上入力してください。";
			ws = WS_INVALID;
		}
	}
	(void)a;
	return ws;
}

/* A scale about to become the default: the others stop being it. */
static enum wstatus clear_default(struct db *db, const struct user_actor *who,
                                  const char *code)
{
	sqlite3_stmt *st = db_prep(
	    db, "UPDATE eval_scales SET is_default = 0 WHERE is_default = 1 "
	        "AND code <> ?1 RETURNING rowid");
	int rc;
	long long ids[8];
	size_t n = 0;

	if (st == NULL)
		return WS_DB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n < 8)
			ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return WS_DB;
	for (size_t i = 0; i < n; i++)
		if (audit(db, who, MK_SCALE, ids[i], "update", "is_default",
		          "1", "0") < 0)
			return WS_DB;
	return WS_OK;
}

/* Write the levels of scale code from old (NULL: none yet) to lv, with
 * audit rows on scale row rowid. WS_OK, WS_INVALID (a used level would be
 * removed: p->level set), WS_DB. */
static enum wstatus write_levels(struct db *db, struct arena *a,
                                 const struct user_actor *who, const char *code,
                                 long long rowid, const struct mlevel *old,
                                 const struct mlevel *lv, struct mproblem *p)
{
	enum wstatus ws;

	for (int i = 0; i < MLEVEL_MAX; i++) {
		const struct mlevel *o = old != NULL ? &old[i] : NULL;
		const char *before = level_text(a, o), *after;
		char field[24];
		sqlite3_stmt *st;

		after = level_text(a, &lv[i]);
		snprintf(field, sizeof(field), "level.%d", i + 1);
		if (o != NULL && o->present && !lv[i].present) {
			st = db_prep(db, "DELETE FROM eval_scale_levels WHERE "
			                 "scale = ?1 AND level = ?2");
		} else if (lv[i].present && (before == NULL || after == NULL ||
		                             strcmp(before, after) != 0)) {
			st = db_prep(
			    db,
			    "INSERT INTO eval_scale_levels (scale, level, "
			    "mark, "
			    "label, points, comment_required) VALUES (?1, ?2, "
			    "?3, ?4, ?5, ?6) ON CONFLICT (scale, level) DO "
			    "UPDATE SET mark = excluded.mark, label = "
			    "excluded.label, points = excluded.points, "
			    "comment_required = excluded.comment_required");
		} else {
			continue;
		}
		if (st == NULL)
			return WS_DB;
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, i + 1);
		if (lv[i].present) {
			sqlite3_bind_text(st, 3, lv[i].mark, -1,
			                  SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 4, lv[i].label, -1,
			                  SQLITE_TRANSIENT);
			sqlite3_bind_int64(st, 5, lv[i].points);
			sqlite3_bind_int(st, 6, lv[i].comment_required != 0);
		}
		if (sqlite3_step(st) != SQLITE_DONE) {
			ws = explain(db, a, MK_SCALE, p);
			sqlite3_reset(st);
			if (ws == WS_INVALID && !lv[i].present) {
				p->general = NULL;
				p->level[i] =
				    "この段階は評価で使われているため削"
				    "除できません。記号や説明は変更でき"
				    "ます。";
			}
			return ws;
		}
		sqlite3_reset(st);
		if (audit(db, who, MK_SCALE, rowid,
		          before == NULL  ? "create"
		          : after == NULL ? "delete"
		                          : "update",
		          field, before, after) < 0)
			return WS_DB;
	}
	return WS_OK;
}

enum wstatus masters_create(struct db *db, struct arena *a,
                            const struct user_actor *who, enum mkind k,
                            const char *const *v, const struct mlevel *lv,
                            const char **key, struct mproblem *p)
{
	const struct mkind_def *d = masters_kind(k);
	const char *vv[MCOL_MAX];
	sqlite3_stmt *st;
	long long rowid;
	enum wstatus ws;

	memset(p, 0, sizeof(*p));
	*key = NULL;
	if (normalise(a, k, v, vv) < 0)
		return WS_NOMEM;
	if (db_begin(db) < 0)
		return WS_DB;
	ws = cross_check(db, a, k, 0, vv, lv, p);
	if (ws == WS_OK && k == MK_SCALE && atoll(vv[3]) == 1)
		ws = clear_default(db, who, vv[0]);
	if (ws != WS_OK)
		return model_finish(db, ws);
	st = stmt_insert(db, k);
	if (st == NULL)
		return model_finish(db, WS_DB);
	bind_vals(st, k, vv);
	if (sqlite3_step(st) != SQLITE_DONE) {
		ws = explain(db, a, k, p);
		sqlite3_reset(st);
		return model_finish(db, ws);
	}
	sqlite3_reset(st);
	rowid = sqlite3_last_insert_rowid(db->h);
	*key =
	    d->id_key ? arena_printf(a, "%lld", rowid) : arena_strdup(a, vv[0]);
	if (*key == NULL)
		return model_finish(db, WS_NOMEM);
	for (size_t i = 0; i < d->ncols; i++)
		if (vv[i] != NULL && *vv[i] != '\0' &&
		    audit(db, who, k, rowid, "create", d->cols[i].f.name, NULL,
		          vv[i]) < 0)
			return model_finish(db, WS_DB);
	if (k == MK_SCALE && lv != NULL)
		ws = write_levels(db, a, who, vv[0], rowid, NULL, lv, p);
	return model_finish(db, ws);
}

enum wstatus masters_update(struct db *db, struct arena *a,
                            const struct user_actor *who, enum mkind k,
                            const char *key, const char *fp,
                            const char *const *v, const struct mlevel *lv,
                            struct mproblem *p)
{
	const struct mkind_def *d = masters_kind(k);
	const char *vv[MCOL_MAX], *now;
	struct mlevel old_lv[MLEVEL_MAX];
	struct mrow old;
	sqlite3_stmt *st;
	enum mstatus ms;
	enum wstatus ws;

	memset(p, 0, sizeof(*p));
	if (normalise(a, k, v, vv) < 0)
		return WS_NOMEM;
	if (db_begin(db) < 0)
		return WS_DB;
	ms = masters_get(db, a, k, key, &old);
	if (ms == MS_OK && k == MK_SCALE)
		ms = masters_levels(db, a, old.v[0], old_lv);
	if (ms != MS_OK)
		return model_finish(db, ms == MS_NOTFOUND ? WS_NOTFOUND
		                        : ms == MS_NOMEM  ? WS_NOMEM
		                                          : WS_DB);
	now = masters_fingerprint(a, k, &old, k == MK_SCALE ? old_lv : NULL);
	if (now == NULL)
		return model_finish(db, WS_NOMEM);
	if (fp == NULL || strcmp(now, fp) != 0)
		return model_finish(db, WS_CONFLICT);
	for (size_t i = 0; i < d->ncols; i++)
		if (d->cols[i].fixed)
			vv[i] = old.v[i]; /* never changed by an edit */
	ws = cross_check(db, a, k, old.rowid, vv, lv, p);
	if (ws == WS_OK && k == MK_SCALE) {
		if (atoll(vv[3]) == 1 && !old.active) {
			p->col[3] = "無効の尺度は既定にできません。先に「有効に"
			            "戻す」を押してください。";
			ws = WS_INVALID;
		} else if (atoll(vv[3]) == 1 && atoll(old.v[3]) == 0)
			ws = clear_default(db, who, vv[0]);
		else if (atoll(vv[3]) == 0 && atoll(old.v[3]) == 1) {
			p->col[3] =
			    "既定の尺度をなくすことはできません。ほかの尺"
			    "度を既定にすると、こちらは自動で外れます。";
			ws = WS_INVALID;
		}
	}
	if (ws != WS_OK)
		return model_finish(db, ws);
	st = stmt_update(db, k);
	if (st == NULL)
		return model_finish(db, WS_DB);
	bind_vals(st, k, vv);
	masters_bind_key(st, (int)d->ncols + 1, k, key);
	if (sqlite3_step(st) != SQLITE_DONE) {
		ws = explain(db, a, k, p);
		sqlite3_reset(st);
		return model_finish(db, ws);
	}
	sqlite3_reset(st);
	for (size_t i = 0; i < d->ncols; i++) {
		const char *o = old.v[i], *n = vv[i];

		if (d->cols[i].type == MT_TEXT || d->cols[i].type == MT_INT) {
			o = o != NULL ? o : "";
			n = n != NULL                   ? n
			    : d->cols[i].type == MT_INT ? "0"
			                                : "";
		} else {
			o = o != NULL && *o ? o : NULL;
			n = n != NULL && *n ? n : NULL;
		}
		if (audit_field(db, who->user_id, who->addr, d->table,
		                old.rowid, d->cols[i].f.name, o, n) < 0)
			return model_finish(db, WS_DB);
	}
	if (k == MK_SCALE && lv != NULL)
		ws = write_levels(db, a, who, vv[0], old.rowid, old_lv, lv, p);
	return model_finish(db, ws);
}

/* The message for a row of kind k that other records use. */
static const char *used_message(struct arena *a, enum mkind k)
{
	switch (k) {
	case MK_DEPARTMENT:
		return "この担当課は事業や利用者で使われているため削除できませ"
		       "ん。使わなくなった担当課は「無効にする」で、新しい登録"
		       "の"
		       "選択肢から外せます。";
	case MK_POLICY:
		return "この方針は事業または下位のアクション項目から参照されて"
		       "いるため削除できません。名称や内容は変更できます。使わ"
		       "なくなった方針は「無効にする」で選択肢から外せます。";
	default:
		return arena_printf(
		    a,
		    "この%sは登録済みの記録で使われているため削除"
		    "できません。名称や説明は変更できます（過去の"
		    "記録の表示も変わります）。%s",
		    masters_kind(k)->title,
		    masters_kind(k)->has_active
		        ? "使わなくなったときは「無効にする」で、新しい登録の"
		          "選択肢と公開ページの絞り込みから外せます。"
		        : "");
	}
}

/* Why row cannot be deleted, or NULL when nothing is known against it. */
static const char *in_use(struct arena *a, enum mkind k, const struct mrow *r)
{
	if (k == MK_PRINCIPLE_SET && r->extra != NULL && *r->extra != '\0')
		return "使用中の原則のセットは削除できません。先にほかのセット"
		       "を「使用する」にしてください。";
	if (k == MK_SCALE && r->v[3] != NULL && strcmp(r->v[3], "1") == 0)
		return "既定の尺度は削除できません。先にほかの尺度を既定にして"
		       "ください。";
	if (r->uses == 0)
		return NULL;
	switch (k) {
	case MK_PRINCIPLE_SET:
		return arena_printf(
		    a,
		    "このセットには原則が%lld件あるため削除できま"
		    "せん。先に原則を削除してください。",
		    r->uses);
	case MK_PLAN:
		return arena_printf(
		    a,
		    "この計画には基本方針・アクションが%lld件ある"
		    "ため削除できません。",
		    r->uses);
	default: return used_message(a, k);
	}
}

enum wstatus masters_delete(struct db *db, struct arena *a,
                            const struct user_actor *who, enum mkind k,
                            const char *key, const char **msg)
{
	struct mrow old;
	sqlite3_stmt *st = NULL;
	enum mstatus ms;
	int name_col;

	*msg = NULL;
	if (db_begin(db) < 0)
		return WS_DB;
	ms = masters_get(db, a, k, key, &old);
	if (ms != MS_OK)
		return model_finish(db, ms == MS_NOTFOUND ? WS_NOTFOUND
		                        : ms == MS_NOMEM  ? WS_NOMEM
		                                          : WS_DB);
	*msg = in_use(a, k, &old);
	if (*msg != NULL)
		return model_finish(db, WS_INVALID);
	/* what goes with the row: a form's steps, a scale's levels */
	if (k == MK_FORM)
		st = db_prep(db, "DELETE FROM step_kinds WHERE form = ?1");
	else if (k == MK_SCALE)
		st = db_prep(db,
		             "DELETE FROM eval_scale_levels WHERE scale = ?1");
	if (st != NULL) {
		sqlite3_bind_text(st, 1, old.v[0], -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_reset(st);
			return model_finish(db, WS_DB);
		}
		sqlite3_reset(st);
	}
	st = stmt_delete(db, k);
	if (st == NULL)
		return model_finish(db, WS_DB);
	masters_bind_key(st, 1, k, key);
	if (sqlite3_step(st) != SQLITE_DONE) {
		struct mproblem p = {0};
		enum wstatus ws = explain(db, a, k, &p);

		sqlite3_reset(st);
		if (ws == WS_INVALID)
			*msg = used_message(a, k);
		return model_finish(db, ws);
	}
	sqlite3_reset(st);
	name_col = masters_col(k, "name");
	if (name_col < 0)
		name_col = masters_col(k, "title");
	return model_finish(db, audit(db, who, k, old.rowid, "delete", NULL,
	                              name_col >= 0 ? old.v[name_col] : NULL,
	                              NULL) < 0
	                            ? WS_DB
	                            : WS_OK);
}

/* UPDATE of the active flag of one row, binding the key as ?1 and the
 * flag as ?2; NULL for a kind without it. */
static sqlite3_stmt *stmt_active(struct db *db, enum mkind k)
{
	switch (k) {
	case MK_DEPARTMENT:
		return db_prep(db, "UPDATE departments SET active = ?2 WHERE "
		                   "code = ?1");
	case MK_FIELD:
		return db_prep(db,
		               "UPDATE fields SET active = ?2 WHERE code = ?1");
	case MK_FORM:
		return db_prep(db,
		               "UPDATE forms SET active = ?2 WHERE code = ?1");
	case MK_GROUP_KIND:
		return db_prep(db, "UPDATE group_kinds SET active = ?2 WHERE "
		                   "code = ?1");
	case MK_PARTNER_ROLE:
		return db_prep(db, "UPDATE partner_roles SET active = ?2 WHERE "
		                   "code = ?1");
	case MK_PRINCIPLE:
		return db_prep(
		    db, "UPDATE principles SET active = ?2 WHERE id = ?1");
	case MK_SCALE:
		return db_prep(db, "UPDATE eval_scales SET active = ?2 WHERE "
		                   "code = ?1");
	case MK_PLAN:
		return db_prep(db,
		               "UPDATE plans SET active = ?2 WHERE id = ?1");
	case MK_POLICY:
		return db_prep(db, "UPDATE plan_policies SET active = ?2 WHERE "
		                   "id = ?1");
	case MK_PRINCIPLE_SET:
	case MK__MAX: break;
	}
	return NULL;
}

enum wstatus masters_set_active(struct db *db, struct arena *a,
                                const struct user_actor *who, enum mkind k,
                                const char *key, int active, const char **msg)
{
	struct mrow old;
	sqlite3_stmt *st;
	enum mstatus ms;

	*msg = NULL;
	if (!masters_kind(k)->has_active)
		return WS_NOTFOUND;
	if (db_begin(db) < 0)
		return WS_DB;
	ms = masters_get(db, a, k, key, &old);
	if (ms != MS_OK)
		return model_finish(db, ms == MS_NOTFOUND ? WS_NOTFOUND
		                        : ms == MS_NOMEM  ? WS_NOMEM
		                                          : WS_DB);
	if (old.active == (active != 0))
		return model_finish(db, WS_OK);
	if (!active && k == MK_SCALE && old.v[3] != NULL &&
	    strcmp(old.v[3], "1") == 0) {
		*msg =
		    "既定の尺度は無効にできません。先にほかの尺度を既定にして"
		    "ください。";
		return model_finish(db, WS_INVALID);
	}
	st = stmt_active(db, k);
	if (st == NULL)
		return model_finish(db, WS_DB);
	masters_bind_key(st, 1, k, key);
	sqlite3_bind_int(st, 2, active != 0);
	if (model_step(db, a, st, masters_kind(k)->table, NULL) != WS_OK)
		return model_finish(db, WS_DB);
	return model_finish(db, audit(db, who, k, old.rowid, "update", "active",
	                              old.active ? "1" : "0",
	                              active ? "1" : "0") < 0
	                            ? WS_DB
	                            : WS_OK);
}

enum wstatus masters_activate_set(struct db *db, struct arena *a,
                                  const struct user_actor *who,
                                  const char *code, const char **msg)
{
	struct mrow set;
	sqlite3_stmt *st;
	enum mstatus ms;
	long long prev = 0;
	int rc;

	*msg = NULL;
	if (db_begin(db) < 0)
		return WS_DB;
	ms = masters_get(db, a, MK_PRINCIPLE_SET, code, &set);
	if (ms != MS_OK)
		return model_finish(db,
		                    ms == MS_NOTFOUND ? WS_NOTFOUND : WS_DB);
	if (set.uses == 0) {
		*msg = "原則が1つもないセットは使用できません。先に原則を登録"
		       "してください。";
		return model_finish(db, WS_INVALID);
	}
	if (*set.extra != '\0')
		return model_finish(db, WS_OK); /* already the active set */
	st = db_prep(db, "UPDATE principle_sets SET active = 0 WHERE active = "
	                 "1 RETURNING rowid");
	if (st == NULL)
		return model_finish(db, WS_DB);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		prev = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return model_finish(db, WS_DB);
	if (prev != 0 && audit(db, who, MK_PRINCIPLE_SET, prev, "update",
	                       "active", "1", "0") < 0)
		return model_finish(db, WS_DB);
	st =
	    db_prep(db, "UPDATE principle_sets SET active = 1 WHERE code = ?1");
	if (st == NULL)
		return model_finish(db, WS_DB);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return model_finish(db, WS_DB);
	return model_finish(db, audit(db, who, MK_PRINCIPLE_SET, set.rowid,
	                              "update", "active", "0", "1") < 0
	                            ? WS_DB
	                            : WS_OK);
}
