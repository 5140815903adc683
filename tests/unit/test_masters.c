/* Master data writes (model/masters_write.h) on an in-memory database with
 * the schema: create with audit rows, a taken code or name as a message on
 * its column, update guarded by the fingerprint, delete refused while in
 * use, scale levels, the default scale, the active principle set, a
 * department and every other kind deactivated (out of the choice lists,
 * still named), a policy's parent. Runs from the top directory
 * (reads schema/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/master.h"
#include "model/masters_write.h"
#include "model/projects_write.h"
#include "testdb.h"

static const struct user_actor who = {0, "test"};

static struct db *db;
static struct arena arena;

static int setup(void **state)
{
	(void)state;
	db = testdb_open(NULL, NULL);
	arena_init(&arena, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	db_close(db);
	return 0;
}

/* Run SQL that must succeed. */
static void exec(const char *sql)
{
	assert_int_equal(sqlite3_exec(db->h, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void test_kinds(void **state)
{
	(void)state;
	assert_int_equal(masters_kind_by_slug("fields"), MK_FIELD);
	assert_int_equal(masters_kind_by_slug("principle-sets"),
	                 MK_PRINCIPLE_SET);
	assert_int_equal(masters_kind_by_slug("departments"), -1);
	assert_int_equal(masters_kind_by_slug("nothing"), -1);
	assert_int_equal(masters_kind_by_slug(NULL), -1);
	for (int k = 0; k < MK__MAX; k++) {
		const struct mkind_def *d = masters_kind((enum mkind)k);

		assert_true(d->ncols > 0 && d->ncols <= MCOL_MAX);
		for (size_t c = 0; c < d->ncols; c++) {
			assert_non_null(d->cols[c].f.label);
			assert_int_equal(
			    masters_col((enum mkind)k, d->cols[c].f.name),
			    (int)c);
		}
	}
	assert_int_equal(masters_col(MK_FORM, "caution"), 7);
	assert_int_equal(masters_col(MK_FORM, "nothing"), -1);
}

static void test_code_validator(void **state)
{
	static const struct field f = {"code", "コード", 1,   v_master_code,
	                               1,      10,       NULL};
	static const char *const ok[] = {"kyodo", "a", "a_1", "x9"};
	static const char *const bad[] = {
	    "Kyodo", "1a", "_a", "a-b", "a b", "こうどう", "abcdefghijk"};
	struct fieldval v;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_int_equal(field_check(&arena, &f, ok[i], &v), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(field_check(&arena, &f, bad[i], &v), -1);
		assert_non_null(strstr(v.error, "コード"));
	}
}

static void test_field_create_update_delete(void **state)
{
	const char *v[MCOL_MAX] = {"chiiki", "地域おこし", "200"};
	const char *key, *fp, *msg;
	struct mproblem p;
	struct mrow row;

	(void)state;
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_FIELD, v, NULL, &key, &p),
	    WS_OK);
	assert_string_equal(key, "chiiki");
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM audit_log WHERE kind = "
	                   "'fields' AND action = 'create'"),
	    3);
	/* taken code, taken name: a message on the column */
	v[1] = "別の名前";
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_FIELD, v, NULL, &key, &p),
	    WS_INVALID);
	assert_non_null(p.col[0]);
	assert_non_null(strstr(p.col[0], "コード"));
	v[0] = "other";
	v[1] = "福祉";
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_FIELD, v, NULL, &key, &p),
	    WS_INVALID);
	assert_non_null(strstr(p.col[1], "名称はすでに使われています"));
	/* update with the fingerprint of the row as shown */
	assert_int_equal(masters_get(db, &arena, MK_FIELD, "chiiki", &row),
	                 MS_OK);
	fp = masters_fingerprint(&arena, MK_FIELD, &row, NULL);
	assert_int_equal(strlen(fp), 32);
	v[0] = "ignored"; /* the code is fixed */
	v[1] = "地域づくり";
	v[2] = "210";
	assert_int_equal(masters_update(db, &arena, &who, MK_FIELD, "chiiki",
	                                fp, v, NULL, &p),
	                 WS_OK);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM fields WHERE code = "
	                   "'chiiki' AND name = '地域づくり' AND sort = 210"),
	    1);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM audit_log WHERE kind = "
	                   "'fields' AND action = 'update'"),
	    2);
	/* the same fingerprint again: the row moved on */
	v[1] = "古い画面から";
	assert_int_equal(masters_update(db, &arena, &who, MK_FIELD, "chiiki",
	                                fp, v, NULL, &p),
	                 WS_CONFLICT);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM fields WHERE name = "
	                            "'古い画面から'"),
	                 0);
	assert_int_equal(masters_update(db, &arena, &who, MK_FIELD, "nothing",
	                                fp, v, NULL, &p),
	                 WS_NOTFOUND);
	/* in use: refused with a message; unused: deleted, audited */
	exec("INSERT INTO groups (id, name, kana, kind) VALUES (1, 'ある団体', "
	     "'アルダンタイ', 'npo');"
	     "INSERT INTO group_fields (group_id, field, status, kana) VALUES "
	     "(1, 'chiiki', 'shinsei', 'アルダンタイ')");
	assert_int_equal(masters_get(db, &arena, MK_FIELD, "chiiki", &row),
	                 MS_OK);
	assert_true(row.uses > 0);
	assert_int_equal(
	    masters_delete(db, &arena, &who, MK_FIELD, "chiiki", &msg),
	    WS_INVALID);
	assert_non_null(strstr(msg, "削除できません"));
	exec("DELETE FROM group_fields; DELETE FROM groups");
	assert_int_equal(
	    masters_delete(db, &arena, &who, MK_FIELD, "chiiki", &msg), WS_OK);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM fields WHERE code = "
	                            "'chiiki'"),
	                 0);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM audit_log WHERE kind = "
	                   "'fields' AND action = 'delete' AND old_value = "
	                   "'地域づくり'"),
	    1);
}

static void test_delete_caught_by_foreign_key(void **state)
{
	const char *msg;

	(void)state;
	/* partner roles have no use probe: the foreign key refuses */
	exec("INSERT INTO groups (id, name, kana, kind) VALUES (2, '相手', "
	     "'アイテ', 'npo');"
	     "INSERT INTO projects (id, fiscal_year, title, form, domain, "
	     "proposal_type, department) VALUES (1, 2024, '事業', 'kyosai', "
	     "'kyoryoku', 'gyosei', 'kyodo');"
	     "INSERT INTO project_partners (project_id, group_id, role) "
	     "VALUES (1, 2, 'kyoryoku')");
	assert_int_equal(
	    masters_delete(db, &arena, &who, MK_PARTNER_ROLE, "kyoryoku", &msg),
	    WS_INVALID);
	assert_non_null(strstr(msg, "使われているため"));
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM partner_roles WHERE code "
	                   "= 'kyoryoku'"),
	    1);
	/* a form that projects use (seen through project_counts) */
	assert_int_equal(
	    masters_delete(db, &arena, &who, MK_FORM, "kyosai", &msg),
	    WS_INVALID);
	/* a form nobody uses goes, with its 手続きの段階 */
	assert_int_equal(
	    masters_delete(db, &arena, &who, MK_FORM, "joho", &msg), WS_OK);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM step_kinds WHERE form = "
	                   "'joho'"),
	    0);
	exec("DELETE FROM project_partners; DELETE FROM projects; DELETE FROM "
	     "groups");
}

static void test_form_kana_and_select(void **state)
{
	const char *v[MCOL_MAX] = {"teian_kyodo",  "提案型協働", "ていあんがた",
	                           "説明文です。", "",           "",
	                           "kyoryoku",     "",           "0",
	                           "110"};
	const char *key;
	struct mproblem p;

	(void)state;
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_FORM, v, NULL, &key, &p),
	    WS_OK);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM forms WHERE code = "
	                            "'teian_kyodo' AND kana = 'テイアンガタ'"),
	                 1);
	/* a domain that does not exist: a general message, nothing written */
	v[0] = "other_form";
	v[1] = "別の形態";
	v[6] = "nowhere";
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_FORM, v, NULL, &key, &p),
	    WS_INVALID);
	assert_non_null(p.general);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM forms WHERE code = "
	                            "'other_form'"),
	                 0);
}

static void test_department_active(void **state)
{
	struct mrow row;
	const char *msg;

	(void)state;
	assert_int_equal(masters_set_active(db, &arena, &who, MK_DEPARTMENT,
	                                    "danjo", 0, &msg),
	                 WS_OK);
	assert_int_equal(masters_get(db, &arena, MK_DEPARTMENT, "danjo", &row),
	                 MS_OK);
	assert_int_equal(row.active, 0);
	assert_int_equal(masters_set_active(db, &arena, &who, MK_DEPARTMENT,
	                                    "danjo", 1, &msg),
	                 WS_OK);
	assert_int_equal(masters_set_active(db, &arena, &who, MK_DEPARTMENT,
	                                    "nothing", 0, &msg),
	                 WS_NOTFOUND);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM audit_log WHERE kind = "
	                   "'departments' AND field = 'active'"),
	    2);
}

/* 1 when list l has code. */
static int listed(const struct code_list *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return 1;
	return 0;
}

/* Every kind but principle sets is deactivated and reactivated, audited;
 * a deactivated row leaves the choice lists and keeps its name. */
static void test_every_kind_active(void **state)
{
	struct code_list l;
	struct mrow *rows, row;
	size_t n;
	const char *msg;
	long long audits = testdb_int(db, "SELECT count(*) FROM audit_log");

	(void)state;
	for (int k = 0; k < MK__MAX; k++) {
		const struct mkind_def *d = masters_kind((enum mkind)k);

		assert_int_equal(d->has_active, k != MK_PRINCIPLE_SET);
		assert_int_equal(
		    masters_list(db, &arena, (enum mkind)k, &rows, &n), MS_OK);
		for (size_t i = 0; i < n && k != MK_SCALE; i++)
			assert_int_equal(rows[i].active, 1);
		if (n == 0 || !d->has_active || k == MK_SCALE)
			continue;
		assert_int_equal(masters_set_active(db, &arena, &who,
		                                    (enum mkind)k, rows[0].key,
		                                    0, &msg),
		                 WS_OK);
		assert_int_equal(
		    masters_get(db, &arena, (enum mkind)k, rows[0].key, &row),
		    MS_OK);
		assert_int_equal(row.active, 0);
		assert_int_equal(masters_set_active(db, &arena, &who,
		                                    (enum mkind)k, rows[0].key,
		                                    1, &msg),
		                 WS_OK);
		audits += 2;
	}
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM audit_log"),
	                 audits);
	assert_int_equal(masters_set_active(db, &arena, &who, MK_PRINCIPLE_SET,
	                                    "seven", 0, &msg),
	                 WS_NOTFOUND);
	/* the default scale stays active; another one may go */
	assert_int_equal(
	    masters_set_active(db, &arena, &who, MK_SCALE, "five", 0, &msg),
	    WS_INVALID);
	assert_non_null(strstr(msg, "既定"));
	assert_int_equal(
	    masters_set_active(db, &arena, &who, MK_SCALE, "three", 0, &msg),
	    WS_OK);
	assert_int_equal(
	    masters_set_active(db, &arena, &who, MK_SCALE, "three", 1, &msg),
	    WS_OK);
	/* a deactivated 分野 and role: out of the choices, still named */
	assert_int_equal(
	    masters_set_active(db, &arena, &who, MK_FIELD, "kankyo", 0, &msg),
	    WS_OK);
	assert_int_equal(masters_set_active(db, &arena, &who, MK_PARTNER_ROLE,
	                                    "kyoryoku", 0, &msg),
	                 WS_OK);
	assert_int_equal(master_list(db, &arena, MASTER_FIELD, &l), MS_OK);
	assert_false(listed(&l, "kankyo"));
	assert_true(listed(&l, "fukushi"));
	assert_int_equal(master_all(db, &arena, MASTER_FIELD, &l), MS_OK);
	assert_true(listed(&l, "kankyo"));
	assert_int_equal(master_name(db, &arena, MASTER_FIELD, "kankyo", &msg),
	                 MS_OK);
	assert_string_equal(msg, "環境");
	assert_int_equal(project_choices(db, &arena, PC_ROLE, &l), MS_OK);
	assert_false(listed(&l, "kyoryoku"));
	assert_int_equal(project_choices(db, &arena, PC_ROLE_ALL, &l), MS_OK);
	assert_true(listed(&l, "kyoryoku"));
	exec("UPDATE fields SET active = 1; UPDATE partner_roles SET active "
	     "= 1");
}

static void test_scale_levels(void **state)
{
	struct mlevel lv[MLEVEL_MAX] = {0}, got[MLEVEL_MAX];
	const char *v[MCOL_MAX] = {"yn", "2段階", "", "0", "40"};
	const char *key, *fp, *msg;
	struct mproblem p;
	struct mrow row;

	(void)state;
	/* one level is not a scale */
	lv[0] = (struct mlevel){1, "×", "できなかった", 0, 1};
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_SCALE, v, lv, &key, &p),
	    WS_INVALID);
	assert_non_null(p.general);
	lv[1] = (struct mlevel){1, "○", "できた", 100, 0};
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_SCALE, v, lv, &key, &p), WS_OK);
	assert_int_equal(masters_levels(db, &arena, "yn", got), MS_OK);
	assert_true(got[0].present && got[1].present && !got[2].present);
	assert_string_equal(got[1].mark, "○");
	/* make it the default: the old default stops being it */
	assert_int_equal(masters_get(db, &arena, MK_SCALE, "yn", &row), MS_OK);
	fp = masters_fingerprint(&arena, MK_SCALE, &row, got);
	v[3] = "1";
	lv[2] = (struct mlevel){1, "△", "半分", 50, 0};
	assert_int_equal(
	    masters_update(db, &arena, &who, MK_SCALE, "yn", fp, v, lv, &p),
	    WS_OK);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM eval_scales WHERE "
	                            "is_default = 1 AND code = 'yn'"),
	                 1);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM eval_scale_levels WHERE "
	                   "scale = 'yn'"),
	    3);
	/* the default cannot be unset or deleted */
	assert_int_equal(masters_get(db, &arena, MK_SCALE, "yn", &row), MS_OK);
	assert_int_equal(masters_levels(db, &arena, "yn", got), MS_OK);
	fp = masters_fingerprint(&arena, MK_SCALE, &row, got);
	v[3] = "0";
	assert_int_equal(
	    masters_update(db, &arena, &who, MK_SCALE, "yn", fp, v, lv, &p),
	    WS_INVALID);
	assert_non_null(p.col[3]);
	assert_int_equal(masters_delete(db, &arena, &who, MK_SCALE, "yn", &msg),
	                 WS_INVALID);
	/* a level that a score uses cannot be removed */
	exec("INSERT INTO projects (id, fiscal_year, title, form, domain, "
	     "proposal_type, department) VALUES (5, 2024, '事業', 'kyosai', "
	     "'kyoryoku', 'gyosei', 'kyodo');"
	     "INSERT INTO evaluations (id, project_id, author_kind, "
	     "fiscal_year, scale, impl_level) VALUES (1, 5, 'city', 2024, "
	     "'yn', 3)");
	v[3] = "1";
	lv[2].present = 0;
	assert_int_equal(
	    masters_update(db, &arena, &who, MK_SCALE, "yn", fp, v, lv, &p),
	    WS_INVALID);
	assert_non_null(p.level[2]);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM eval_scale_levels WHERE "
	                   "scale = 'yn'"),
	    3);
	exec("DELETE FROM evaluations; DELETE FROM projects");
}

static void test_principle_sets(void **state)
{
	const char *v[MCOL_MAX] = {"mine", "みなと市の原則", "指針"};
	const char *pv[MCOL_MAX] = {"mine", "taito", "対等", "説明。", "10"};
	const char *key, *msg;
	struct mproblem p;

	(void)state;
	assert_int_equal(masters_create(db, &arena, &who, MK_PRINCIPLE_SET, v,
	                                NULL, &key, &p),
	                 WS_OK);
	/* an empty set cannot be the one in use */
	assert_int_equal(masters_activate_set(db, &arena, &who, "mine", &msg),
	                 WS_INVALID);
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_PRINCIPLE, pv, NULL, &key, &p),
	    WS_OK);
	assert_true(strspn(key, "0123456789") == strlen(key));
	assert_int_equal(masters_activate_set(db, &arena, &who, "mine", &msg),
	                 WS_OK);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM principle_sets WHERE "
	                            "active = 1"),
	                 1);
	assert_int_equal(
	    testdb_int(db, "SELECT active FROM principle_sets WHERE code = "
	                   "'mine'"),
	    1);
	/* the active set and a set with principles are not deleted */
	assert_int_equal(
	    masters_delete(db, &arena, &who, MK_PRINCIPLE_SET, "mine", &msg),
	    WS_INVALID);
	assert_int_equal(
	    masters_delete(db, &arena, &who, MK_PRINCIPLE_SET, "nine", &msg),
	    WS_INVALID);
	assert_non_null(strstr(msg, "原則が9件"));
	/* the same code twice in one set */
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_PRINCIPLE, pv, NULL, &key, &p),
	    WS_INVALID);
	assert_non_null(p.col[1]);
	assert_int_equal(masters_activate_set(db, &arena, &who, "seven", &msg),
	                 WS_OK);
}

static void test_plans_and_policies(void **state)
{
	const char *plan[MCOL_MAX] = {"推進計画", "2026", "2024", ""};
	const char *pol[MCOL_MAX] = {NULL, "", "1", "基本方針1", "", "", "10"};
	const char *key, *top, *msg;
	char planid[24];
	struct mproblem p;

	(void)state;
	/* the years the wrong way round */
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_PLAN, plan, NULL, &key, &p),
	    WS_INVALID);
	assert_non_null(p.col[2]);
	plan[2] = "2030";
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_PLAN, plan, NULL, &key, &p),
	    WS_OK);
	snprintf(planid, sizeof(planid), "%s", key);
	pol[0] = planid;
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_POLICY, pol, NULL, &top, &p),
	    WS_OK);
	/* a measure under it; a parent that is itself a measure is refused */
	pol[1] = top;
	pol[2] = "1-1";
	pol[3] = "アクション";
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_POLICY, pol, NULL, &key, &p),
	    WS_OK);
	pol[1] = key;
	pol[2] = "1-1-1";
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_POLICY, pol, NULL, &key, &p),
	    WS_INVALID);
	assert_non_null(p.col[1]);
	/* the same number twice in a plan */
	pol[1] = top;
	pol[2] = "1-1";
	assert_int_equal(
	    masters_create(db, &arena, &who, MK_POLICY, pol, NULL, &key, &p),
	    WS_INVALID);
	assert_non_null(strstr(p.col[2], "番号"));
	/* a plan with policies and a policy with measures stay */
	assert_int_equal(
	    masters_delete(db, &arena, &who, MK_PLAN, planid, &msg),
	    WS_INVALID);
	assert_int_equal(masters_delete(db, &arena, &who, MK_POLICY, top, &msg),
	                 WS_INVALID);
	assert_int_equal(
	    masters_delete(db, &arena, &who, MK_POLICY, "abc", &msg),
	    WS_NOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_code_validator),
	    cmocka_unit_test(test_field_create_update_delete),
	    cmocka_unit_test(test_delete_caught_by_foreign_key),
	    cmocka_unit_test(test_form_kana_and_select),
	    cmocka_unit_test(test_department_active),
	    cmocka_unit_test(test_every_kind_active),
	    cmocka_unit_test(test_scale_levels),
	    cmocka_unit_test(test_principle_sets),
	    cmocka_unit_test(test_plans_and_policies),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
