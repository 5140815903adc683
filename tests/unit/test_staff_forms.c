/* The staff registration forms: the group and project field tables
 * (valid[] / invalid[] inputs, rules across fields, repeated rows) and the
 * write functions on an in-memory database with the schema migrations applied:
 * create, update, the version conflict, audit rows written in the same
 * transaction, a failed save leaving nothing behind, the history reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/groups.h"
#include "model/groups_write.h"
#include "model/history.h"
#include "model/projects_write.h"
#include "pages/staff.h"
#include "testdb.h"

/* One test's world: a database, an arena, the acting user. */
struct world {
	struct db *db;
	struct arena a;
	struct user_actor who;
};

static int setup(void **state)
{
	static struct world w;

	memset(&w, 0, sizeof(w));
	w.db = testdb_open(
	    NULL,
	    "INSERT INTO users (id, username, display_name, password_hash, "
	    "role, department) VALUES (7, 'tanaka', '田中', '$argon2id$x', "
	    "'admin', 'kyodo');"
	    "INSERT INTO groups (id, name, kana, kind, status) VALUES "
	    "(1, '子ども会', 'コドモカイ', 'chonaikai', 'toroku'), "
	    "(2, '環境ネット', 'カンキョウネット', 'npo', 'toroku');");
	arena_init(&w.a, 0);
	w.who.user_id = 7;
	w.who.addr = "127.0.0.1";
	*state = &w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;

	arena_free(&w->a);
	db_close(w->db);
	return 0;
}

/* One text value from a literal query (arena copy, "" when NULL). */
static const char *qs(struct world *w, const char *sql)
{
	sqlite3_stmt *st;
	const char *v = NULL;

	assert_int_equal(sqlite3_prepare_v2(w->db->h, sql, -1, &st, NULL),
	                 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = arena_strdup(&w->a, (const char *)sqlite3_column_text(st, 0)
		                            ?: "");
	sqlite3_finalize(st);
	return v != NULL ? v : "";
}

#define KVL(arr)                                                               \
	((struct kvlist){(struct kv *)(arr), sizeof(arr) / sizeof((arr)[0])})

/* A complete, valid group form. */
static const struct kv group_ok[] = {
    {"name", "みなと川の会"},
    {"kana", "みなとがわのかい"},
    {"kind", "npo"},
    {"fields", "kankyo"},
    {"fields", "machi"},
    {"founded", "2015-04"},
    {"members", "２５"},
    {"web", "https://example.jp/"},
    {"email", "info@example.jp"},
    {"phone", "0143-00-1234"},
    {"rep_name", "川野清"},
    {"rep_name_public", "1"},
    {"rep_phone", "090-1234-5678"},
    {"rep_phone_public", "0"},
};

/* The form group_ok with field name set to value (added when absent). */
static struct kvlist group_with(struct world *w, const char *name,
                                const char *value)
{
	size_t n = sizeof(group_ok) / sizeof(group_ok[0]);
	struct kv *v = arena_alloc(&w->a, (n + 1) * sizeof(*v));
	size_t k = 0;
	int set = 0;

	for (size_t i = 0; i < n; i++) {
		v[k] = group_ok[i];
		if (strcmp(v[k].name, name) == 0) {
			v[k].value = value;
			set = 1;
		}
		k++;
	}
	if (!set)
		v[k++] = (struct kv){name, value};
	return (struct kvlist){v, k};
}

static void test_group_form_valid(void **state)
{
	struct world *w = *state;
	struct kvlist f = KVL(group_ok);
	struct form_errors e = {0};
	struct group_rec g;

	assert_int_equal(group_form_parse(w->db, &w->a, &f, &g, &e), 0);
	assert_string_equal(g.name, "みなと川の会");
	assert_string_equal(g.kana, "ミナトガワノカイ"); /* stored katakana */
	assert_string_equal(g.kind, "npo");
	assert_int_equal(g.members, 25);
	assert_int_equal(g.nfields, 2);
	assert_int_equal(g.rep_name_public, 1);
	assert_int_equal(g.rep_phone_public, 0);
	assert_null(g.status); /* absent: the handler decides */
	for (size_t i = 0; i < group_form_nfields; i++) {
		assert_non_null(group_form_fields[i].label);
		assert_true((unsigned char)group_form_fields[i].label[0] >=
		            0xE3);
	}
	assert_string_equal(group_field_label("rep_phone"), "代表者の電話番号");
	assert_null(group_field_label("no_such_field"));
}

static void test_group_form_invalid(void **state)
{
	struct world *w = *state;
	static const struct {
		const char *name, *value; /* the bad input */
	} bad[] = {
	    {"name", ""},
	    {"name", "二行の\n団体名"},
	    {"kana", "Kawa"},
	    {"kana", "かわ゛"},
	    {"kana", "川"},
	    {"kind", "nokind"},
	    {"founded", "昔"},
	    {"founded", "2015-13"},
	    {"founded", "1700"},
	    {"founded", "2015-02-30"},
	    {"members", "-1"},
	    {"members", "たくさん"},
	    {"web", "ftp://example.jp"},
	    {"email", "no-at-sign"},
	    {"phone", "123"},
	    {"rep_email", "a@b"},
	    {"rep_phone_public", "2"},
	    {"status", "nostatus"},
	    {"applied_on", "2024-02-30"},
	    {"fields", "nofield"},
	};
	static const struct {
		const char *name, *value; /* accepted edge cases */
	} good[] = {
	    {"founded", "2005"},
	    {"founded", "2005-04-01"},
	    {"kana", "カワ　ノ　カイ"},
	    {"members", "1,200"},
	    {"status", "toroku"},
	    {"rep_address_public", "1"},
	    {"phone", "０１４３-００-１２３４"},
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct kvlist f = group_with(w, bad[i].name, bad[i].value);
		struct form_errors e = {0};
		struct group_rec g;

		if (group_form_parse(w->db, &w->a, &f, &g, &e) != 1)
			fail_msg("%s='%s': %zu errors", bad[i].name,
			         bad[i].value, e.n);
		assert_non_null(ferr_get(&e, bad[i].name));
	}
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct kvlist f = group_with(w, good[i].name, good[i].value);
		struct form_errors e = {0};
		struct group_rec g;

		if (group_form_parse(w->db, &w->a, &f, &g, &e) != 0)
			fail_msg("%s='%s' rejected: %s", good[i].name,
			         good[i].value, e.v[0].value);
	}
}

/* A complete, valid project form (補助, two partners, an indicator). */
static const struct kv project_ok[] = {
    {"fiscal_year", "2025"},
    {"title", "川のクリーン作戦"},
    {"period_start", "2025-05-01"},
    {"period_end", "2025-10-31"},
    {"form", "hojo"},
    {"domain", "shimin_shudo"},
    {"fields", "kankyo"},
    {"proposal_type", "shimin"},
    {"department", "kankyo"},
    {"status", "saitaku"},
    {"city_part", "用具の貸出"},
    {"partner_group_1", "1"},
    {"partner_role_1", "hojo"},
    {"partner_part_1", "清掃の実施"},
    {"partner_group_2", "2"},
    {"partner_role_2", "kyoryoku"},
    {"budget_planned", "500,000"},
    {"city_share_planned", "250000"},
    {"partner_share_planned", "250000"},
    {"ind_kind_1", "activity"},
    {"ind_name_1", "参加者数"},
    {"ind_unit_1", "人"},
    {"ind_target_1", "１００"},
    {"ind_actual_1", "12.5"},
    {"grant_programme", "まちづくり活動支援補助金"},
    {"grant_amount", "250000"},
    {"published", "1"},
};

/* project_ok with (name, value) pairs replaced or added; a NULL value
 * removes the field. */
static struct kvlist project_with(struct world *w, const struct kv *changes,
                                  size_t nchanges)
{
	size_t n = sizeof(project_ok) / sizeof(project_ok[0]);
	struct kv *v = arena_alloc(&w->a, (n + nchanges) * sizeof(*v));
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		int changed = 0;

		for (size_t j = 0; j < nchanges; j++)
			changed |=
			    strcmp(changes[j].name, project_ok[i].name) == 0;
		if (!changed)
			v[k++] = project_ok[i];
	}
	for (size_t j = 0; j < nchanges; j++)
		if (changes[j].value != NULL)
			v[k++] = changes[j];
	return (struct kvlist){v, k};
}

static void test_project_form_valid(void **state)
{
	struct world *w = *state;
	struct kvlist f = KVL(project_ok);
	struct form_errors e = {0};
	struct project_rec p;

	if (project_form_parse(w->db, &w->a, &f, &p, &e) != 0)
		fail_msg("%s: %s", e.v[0].name, e.v[0].value);
	assert_int_equal(p.fiscal_year, 2025);
	assert_int_equal(p.budget_planned, 500000);
	assert_int_equal(p.npartners, 2);
	assert_int_equal(p.partners[0].group_id, 1);
	assert_string_equal(p.partners[0].part, "清掃の実施");
	assert_string_equal(p.partners[1].part, "");
	assert_int_equal(p.nindicators, 1);
	assert_true(p.indicators[0].has_target &&
	            p.indicators[0].target == 100);
	assert_true(p.indicators[0].actual == 12.5);
	assert_int_equal(p.d.grant_amount, 250000);
	assert_int_equal(p.published, 1);
	assert_int_equal(p.progress, -1);
	assert_string_equal(project_field_label("grant_amount"), "交付額");
}

static void test_project_form_rules(void **state)
{
	struct world *w = *state;
	/* each case: the changes, and the fields that must be in error */
	static const struct {
		struct kv changes[4];
		const char *errors[4];
	} cases[] = {
	    /* 補助 needs programme and amount */
	    {{{"grant_programme", NULL}, {"grant_amount", NULL}},
	     {"grant_programme", "grant_amount"}},
	    /* 委託 needs contract amount and term */
	    {{{"form", "itaku"}},
	     {"contract_amount", "contract_start", "contract_end"}},
	    {{{"form", "itaku"},
	      {"contract_amount", "1000"},
	      {"contract_start", "2025-05-01"},
	      {"contract_end", "2025-04-01"}},
	     {"contract_end"}},
	    /* 後援: conditions; 共催: the split; 協定: date and term */
	    {{{"form", "koen"}}, {"conditions"}},
	    {{{"form", "kyosai"}}, {"cost_split"}},
	    {{{"form", "kyotei"}},
	     {"agreement_on", "agreement_start", "agreement_end"}},
	    /* end before start */
	    {{{"period_end", "2025-04-30"}}, {"period_end"}},
	    /* shares above the total, shares without a total */
	    {{{"city_share_planned", "400000"}}, {"city_share_planned"}},
	    {{{"city_share_actual", "1"}}, {"budget_actual"}},
	    /* rows: a role without a group, a duplicate group, an unknown
	     * group, an indicator value without a name */
	    {{{"partner_role_3", "kyoryoku"}}, {"partner_group_3"}},
	    {{{"partner_group_2", "1"}}, {"partner_group_2"}},
	    {{{"partner_group_2", "999"}}, {"partner_group_2"}},
	    {{{"ind_name_1", NULL}}, {"ind_name_1"}},
	    {{{"ind_target_1", "たくさん"}}, {"ind_target_1"}},
	    /* table fields */
	    {{{"fiscal_year", "1900"}, {"progress", "101"}, {"title", ""}},
	     {"fiscal_year", "progress", "title"}},
	    {{{"form", "nope"}, {"department", "nope"}},
	     {"form", "department"}},
	    {{{"fields", "nope"}}, {"fields"}},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t nc = 0, ne = 0;
		struct form_errors e = {0};
		struct project_rec p;
		struct kvlist f;

		while (nc < 4 && cases[i].changes[nc].name != NULL)
			nc++;
		while (ne < 4 && cases[i].errors[ne] != NULL)
			ne++;
		f = project_with(w, cases[i].changes, nc);
		project_form_parse(w->db, &w->a, &f, &p, &e);
		for (size_t j = 0; j < ne; j++)
			if (ferr_get(&e, cases[i].errors[j]) == NULL)
				fail_msg("case %zu: no message for %s (%zu "
				         "messages, first %s)",
				         i, cases[i].errors[j], e.n,
				         e.n ? e.v[0].name : "-");
		if (e.n != ne)
			fail_msg(
			    "case %zu: %zu messages, expected %zu (%s: %s)", i,
			    e.n, ne, e.v[0].name, e.v[0].value);
	}
}

/* A parsed group_ok ready to save. */
static struct group_rec *new_group(struct world *w)
{
	struct group_rec *g = arena_alloc(&w->a, sizeof(*g));
	struct kvlist f = KVL(group_ok);
	struct form_errors e = {0};

	assert_int_equal(group_form_parse(w->db, &w->a, &f, g, &e), 0);
	g->status = "shinsei";
	return g;
}

static void test_group_create_update_conflict(void **state)
{
	struct world *w = *state;
	struct group_rec *g = new_group(w), *stale, cur;
	const char *msg;
	long long id;

	assert_int_equal(group_create(w->db, &w->a, &w->who, g, &id, &msg),
	                 WS_OK);
	assert_true(id > 2);
	assert_int_equal(
	    testdb_int(w->db, "SELECT version FROM groups WHERE id = 3"), 1);
	assert_int_equal(testdb_int(w->db,
	                            "SELECT count(*) FROM group_fields WHERE "
	                            "group_id = 3"),
	                 2);
	/* one create row per non-empty field, with the user and address */
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM audit_log WHERE kind = "
	                      "'groups' AND record_id = 3 AND action = "
	                      "'create' AND user_id = 7 AND client_addr = "
	                      "'127.0.0.1'"),
	    testdb_int(w->db, "SELECT count(*) FROM audit_log"));
	assert_true(testdb_int(w->db, "SELECT count(*) FROM audit_log") >= 14);
	assert_string_equal(qs(w, "SELECT applied_on IS NOT NULL FROM groups "
	                          "WHERE id = 3"),
	                    "1");

	/* update version 1 → 2: one audit row per changed field only */
	assert_int_equal(group_rec_load(w->db, &w->a, id, &cur), MS_OK);
	stale = arena_alloc(&w->a, sizeof(*stale));
	*stale = cur;
	cur.rep_phone = "080-0000-1111";
	cur.area = "北地区";
	assert_int_equal(group_update(w->db, &w->a, &w->who, &cur, &msg),
	                 WS_OK);
	assert_int_equal(cur.version, 2);
	assert_int_equal(
	    testdb_int(w->db, "SELECT version FROM groups WHERE id = 3"), 2);
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM audit_log WHERE action = "
	                      "'update'"),
	    2);
	assert_string_equal(qs(w, "SELECT old_value || '>' || new_value FROM "
	                          "audit_log WHERE field = 'rep_phone' AND "
	                          "action = 'update'"),
	                    "090-1234-5678>080-0000-1111");

	/* the stale copy (version 1) is refused; nothing written */
	stale->area = "南地区";
	assert_int_equal(group_update(w->db, &w->a, &w->who, stale, &msg),
	                 WS_CONFLICT);
	assert_string_equal(qs(w, "SELECT area FROM groups WHERE id = 3"),
	                    "北地区");
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM audit_log WHERE action = "
	                      "'update'"),
	    2);
	/* a missing group */
	stale->id = 999;
	assert_int_equal(group_update(w->db, &w->a, &w->who, stale, &msg),
	                 WS_NOTFOUND);
}

static void test_group_approval(void **state)
{
	struct world *w = *state;
	struct group_rec *g = new_group(w), cur;
	struct group_req *reqs;
	const char **missing;
	size_t nreqs, nmissing;
	const char *msg;
	long long id;

	assert_int_equal(group_create(w->db, &w->a, &w->who, g, &id, &msg),
	                 WS_OK);
	assert_int_equal(group_rec_load(w->db, &w->a, id, &cur), MS_OK);
	/* 申請中 → 休止 is not a transition */
	cur.status = "kyushi";
	assert_int_equal(group_update(w->db, &w->a, &w->who, &cur, &msg),
	                 WS_INVALID);
	/* 登録 with two of six confirmations: refused, nothing recorded */
	cur.status = "toroku";
	cur.reqs[0] = "jishu";
	cur.reqs[1] = "hieiri";
	cur.nreqs = 2;
	assert_int_equal(group_missing_reqs(w->db, &w->a, &cur, "shinsei",
	                                    &missing, &nmissing),
	                 MS_OK);
	assert_int_equal(nmissing, 4);
	assert_int_equal(group_update(w->db, &w->a, &w->who, &cur, &msg),
	                 WS_INVALID);
	assert_non_null(strstr(msg, "継続性・組織性"));
	assert_string_equal(qs(w, "SELECT status FROM groups WHERE id = 3"),
	                    "shinsei");
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM group_requirement_checks"),
	    0);
	/* all six: registered, each confirmation with the user and time */
	assert_int_equal(group_reqs(w->db, &w->a, 0, &reqs, &nreqs), MS_OK);
	assert_int_equal(nreqs, 6);
	for (size_t i = 0; i < nreqs; i++)
		cur.reqs[i] = reqs[i].code;
	cur.nreqs = nreqs;
	assert_int_equal(group_update(w->db, &w->a, &w->who, &cur, &msg),
	                 WS_OK);
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM group_requirement_checks "
	                      "WHERE group_id = 3 AND confirmed = 1 AND "
	                      "user_id = 7 AND checked_at IS NOT NULL"),
	    6);
	assert_int_equal(
	    testdb_int(w->db, "SELECT registered_on IS NOT NULL FROM groups "
	                      "WHERE id = 3"),
	    1);
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM audit_log WHERE action IN "
	                      "('status', 'approve')"),
	    2);
	/* a 町内会 needs no confirmation */
	cur.kind = "chonaikai";
	cur.nreqs = 0;
	assert_int_equal(group_missing_reqs(w->db, &w->a, &cur, "shinsei",
	                                    &missing, &nmissing),
	                 MS_OK);
	assert_int_equal(nmissing, 0);
}

/* A parsed project_ok ready to save. */
static struct project_rec *new_project(struct world *w)
{
	struct project_rec *p = arena_alloc(&w->a, sizeof(*p));
	struct kvlist f = KVL(project_ok);
	struct form_errors e = {0};

	assert_int_equal(project_form_parse(w->db, &w->a, &f, p, &e), 0);
	return p;
}

static void test_project_create_update_conflict(void **state)
{
	struct world *w = *state;
	struct project_rec *p = new_project(w), *cur, *stale;
	const char *msg;
	long long id;

	assert_int_equal(project_create(w->db, &w->a, &w->who, p, &id), WS_OK);
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM project_partners"), 2);
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM project_roles"), 2);
	assert_int_equal(testdb_int(w->db, "SELECT count(*) FROM indicators"),
	                 1);
	assert_int_equal(testdb_int(w->db,
	                            "SELECT count(*) FROM project_fields WHERE "
	                            "published = 1 AND fiscal_year = 2025"),
	                 1);
	assert_int_equal(testdb_int(w->db, "SELECT progress FROM projects"),
	                 10);
	assert_int_equal(
	    testdb_int(w->db, "SELECT decided_on IS NOT NULL AND published_at "
	                      "IS NOT NULL AND created_by = 7 FROM projects"),
	    1);
	assert_int_equal(
	    testdb_int(w->db, "SELECT grant_amount FROM project_form_details"),
	    250000);
	assert_true(testdb_int(w->db,
	                       "SELECT count(*) FROM audit_log WHERE kind = "
	                       "'projects' AND action = 'create'") >= 15);

	/* a midterm value set elsewhere survives the form's update */
	assert_int_equal(sqlite3_exec(w->db->h,
	                              "UPDATE indicators SET midterm = 40",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	cur = arena_alloc(&w->a, sizeof(*cur));
	stale = arena_alloc(&w->a, sizeof(*stale));
	assert_int_equal(project_rec_load(w->db, &w->a, id, cur), MS_OK);
	*stale = *cur;
	cur->title = "川のクリーン作戦2025";
	cur->npartners = 1; /* drop the second partner */
	cur->status = "jisshi";
	assert_int_equal(project_update(w->db, &w->a, &w->who, cur, &msg),
	                 WS_OK);
	assert_int_equal(testdb_int(w->db, "SELECT version FROM projects"), 2);
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM project_partners"), 1);
	assert_int_equal(testdb_int(w->db, "SELECT midterm FROM indicators"),
	                 40);
	assert_int_equal(
	    testdb_int(w->db, "SELECT started_on IS NOT NULL FROM projects"),
	    1);
	assert_string_equal(qs(w,
	                       "SELECT old_value || '>' || new_value FROM "
	                       "audit_log WHERE field = 'title' AND action = "
	                       "'update'"),
	                    "川のクリーン作戦>川のクリーン作戦2025");
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM audit_log WHERE field = "
	                      "'status' AND action = 'status'"),
	    1);
	assert_int_equal(
	    testdb_int(w->db, "SELECT count(*) FROM audit_log WHERE field = "
	                      "'partners' AND action = 'update'"),
	    1);

	/* the stale copy loses, nothing written */
	stale->title = "上書き";
	assert_int_equal(project_update(w->db, &w->a, &w->who, stale, &msg),
	                 WS_CONFLICT);
	assert_string_equal(qs(w, "SELECT title FROM projects"),
	                    "川のクリーン作戦2025");
	/* a status change that is not a transition */
	assert_int_equal(project_rec_load(w->db, &w->a, id, cur), MS_OK);
	cur->status = "teian";
	assert_int_equal(project_update(w->db, &w->a, &w->who, cur, &msg),
	                 WS_INVALID);
	assert_non_null(msg);
}

static void test_failed_save_leaves_nothing(void **state)
{
	struct world *w = *state;
	struct project_rec *p = new_project(w), *cur;
	long long id, audits, projects;
	const char *msg;

	/* a partner that does not exist fails after the project row and
	 * its audit rows were written: all of it rolls back */
	audits = testdb_int(w->db, "SELECT count(*) FROM audit_log");
	projects = testdb_int(w->db, "SELECT count(*) FROM projects");
	p->partners[1].group_id = 999;
	assert_int_equal(project_create(w->db, &w->a, &w->who, p, &id), WS_DB);
	assert_int_equal(id, 0);
	assert_int_equal(testdb_int(w->db, "SELECT count(*) FROM projects"),
	                 projects);
	assert_int_equal(testdb_int(w->db, "SELECT count(*) FROM audit_log"),
	                 audits);
	assert_int_equal(testdb_int(w->db,
	                            "SELECT count(*) FROM project_counts WHERE "
	                            "total > 0"),
	                 0);

	/* the same on update: the title and version stay */
	p = new_project(w);
	assert_int_equal(project_create(w->db, &w->a, &w->who, p, &id), WS_OK);
	audits = testdb_int(w->db, "SELECT count(*) FROM audit_log");
	cur = arena_alloc(&w->a, sizeof(*cur));
	assert_int_equal(project_rec_load(w->db, &w->a, id, cur), MS_OK);
	cur->title = "書き換え";
	cur->partners[0].group_id = 999;
	assert_int_equal(project_update(w->db, &w->a, &w->who, cur, &msg),
	                 WS_DB);
	assert_string_equal(qs(w, "SELECT title || version FROM projects"),
	                    "川のクリーン作戦1");
	assert_int_equal(testdb_int(w->db, "SELECT count(*) FROM audit_log"),
	                 audits);
	/* and the connection is usable again (no open transaction) */
	assert_int_equal(sqlite3_get_autocommit(w->db->h), 1);
}

static void test_history(void **state)
{
	struct world *w = *state;
	struct project_rec *p = new_project(w), *cur;
	struct history_entry *h;
	struct snapshot a = {0}, b = {0};
	const char *msg;
	size_t n;
	long long id;

	assert_int_equal(project_create(w->db, &w->a, &w->who, p, &id), WS_OK);
	cur = arena_alloc(&w->a, sizeof(*cur));
	assert_int_equal(project_rec_load(w->db, &w->a, id, cur), MS_OK);
	cur->budget_actual = 480000;
	assert_int_equal(project_update(w->db, &w->a, &w->who, cur, &msg),
	                 WS_OK);
	assert_int_equal(
	    history_list(w->db, &w->a, "projects", id, 100, &h, &n), MS_OK);
	assert_true(n > 10);
	assert_string_equal(h[0].label, "事業費（実績）");
	assert_string_equal(h[0].user, "田中");
	assert_string_equal(h[0].action, "update");
	assert_null(h[0].old_value);
	assert_string_equal(h[0].new_value, "480,000円");
	assert_string_equal(history_action_name("approve"), "承認・確認");

	/* snapshots: codes become names, the diff writes changed keys only */
	assert_int_equal(project_snapshot(w->db, &w->a, cur, &a), 0);
	assert_string_equal(snap_get(&a, "form"), "補助");
	assert_string_equal(snap_get(&a, "department"), "市民生活部 環境課");
	assert_string_equal(snap_get(&a, "fiscal_year"),
	                    "令和7年度（2025年度）");
	assert_non_null(
	    strstr(snap_get(&a, "partners"), "子ども会（補助事業者）"));
	assert_int_equal(project_snapshot(w->db, &w->a, cur, &b), 0);
	b.v[1].value = "別の事業名";
	n = (size_t)testdb_int(w->db, "SELECT count(*) FROM audit_log");
	assert_int_equal(
	    history_diff(w->db, &w->who, "projects", id, "update", &a, &b),
	    WS_OK);
	assert_int_equal(testdb_int(w->db, "SELECT count(*) FROM audit_log"),
	                 (long long)n + 1);
}

/* The staff lists and choice lists: every row read, in order, with
 * lists longer than the first block of the array. */
static void test_staff_lists(void **state)
{
	struct world *w = *state;
	struct code_list l;
	struct group_staff_row *g;
	struct group_row *gl;
	struct project_staff_row *p, *p2, *p3;
	struct status_count *c;
	size_t n, n2, n3;
	long long sum = 0;

	assert_int_equal(
	    sqlite3_exec(
	        w->db->h,
	        "INSERT INTO groups (id, name, kana, kind, status) WITH "
	        "RECURSIVE c(i) AS (SELECT 10 UNION ALL SELECT i + 1 FROM c "
	        "WHERE i < 39) SELECT i, '会' || i, 'カイ' || i, 'npo', "
	        "'toroku' FROM c;"
	        "INSERT INTO groups (id, name, kana, kind, status) VALUES "
	        "(3, '申請中の会', 'シンセイ', 'npo', 'shinsei'), "
	        "(4, '休止の会', 'キュウシ', 'npo', 'kyushi');"
	        "INSERT INTO projects (id, fiscal_year, title, form, domain, "
	        "proposal_type, department, status, published) VALUES "
	        "(1, 2024, '完了した事業', 'hojo', 'shimin_shudo', 'shimin', "
	        "'kyodo', 'kanryo', 1), "
	        "(2, 2025, '非公開の事業', 'hojo', 'shimin_shudo', 'shimin', "
	        "'kyodo', 'jisshi', 0), "
	        "(3, 2025, 'ほかの課の事業', 'hojo', 'shimin_shudo', 'shimin', "
	        "'kiki', 'jisshi', 1);",
	        NULL, NULL, NULL),
	    SQLITE_OK);

	assert_int_equal(groups_names(w->db, &w->a, &l), MS_OK);
	assert_int_equal(l.n, 34);
	for (size_t i = 1; i < l.n; i++)
		assert_true(strcmp(l.v[i - 1].name, l.v[i].name) <= 0);
	assert_int_equal(group_statuses(w->db, &w->a, &l), MS_OK);
	assert_int_equal(
	    (long long)l.n,
	    testdb_int(w->db, "SELECT count(*) FROM group_statuses"));
	for (int k = 0; k < PC__MAX; k++)
		assert_int_equal(project_choices(w->db, &w->a, k, &l), MS_OK);
	assert_int_equal(project_choices(w->db, &w->a, PC_STATUS, &l), MS_OK);
	assert_int_equal(
	    (long long)l.n,
	    testdb_int(w->db, "SELECT count(*) FROM project_statuses"));

	assert_int_equal(
	    groups_staff_list(w->db, &w->a, "toroku", 100, 0, -1, &gl, &n),
	    MS_OK);
	assert_int_equal(n, 32);
	assert_string_equal(gl[0].name, "会10");
	assert_non_null(gl[0].updated_at);
	assert_int_equal(strlen(gl[0].updated_at), 19);
	assert_int_equal(
	    groups_staff_list(w->db, &w->a, "toroku", 10, 30, 32, &gl, &n),
	    MS_OK);
	assert_int_equal(n, 2);
	assert_int_equal(
	    groups_staff_list(w->db, &w->a, "shinsei", 10, 0, 1, &gl, &n),
	    MS_OK);
	assert_int_equal(n, 1);
	assert_string_equal(gl[0].name, "申請中の会");
	assert_int_equal(groups_pending(w->db, &w->a, 10, &g, &n), MS_OK);
	assert_int_equal(n, 1);
	assert_string_equal(g[0].name, "申請中の会");

	assert_int_equal(projects_staff_page(w->db, &w->a, NULL, 0, NULL, 10, 0,
	                                     &p, &n, &sum),
	                 MS_OK);
	assert_int_equal(n, 3);
	assert_int_equal(sum, 3);
	sum = 0;
	assert_int_equal(projects_staff_page(w->db, &w->a, "kyodo", 0, NULL, 10,
	                                     0, &p, &n, &sum),
	                 MS_OK);
	sum = 0;
	assert_int_equal(n, 2);
	assert_int_equal(p[0].id, 2); /* newest year first */
	assert_string_equal(p[0].dept_code, "kyodo");
	assert_int_equal(projects_status_counts(w->db, &w->a, NULL, &c, &n),
	                 MS_OK);
	assert_int_equal(
	    (long long)n,
	    testdb_int(w->db, "SELECT count(*) FROM project_statuses"));
	for (size_t i = 0; i < n; i++)
		sum += c[i].n;
	assert_int_equal(sum, 3);
	assert_int_equal(projects_todo(w->db, &w->a, "kyodo", 10, &p, &n, &p2,
	                               &n2, &p3, &n3),
	                 MS_OK);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].title, "完了した事業");
	assert_string_equal(p[0].note, "完了後の行政側自己評価が未登録");
	assert_int_equal(n2, 1);
	assert_string_equal(p2[0].note, "非公開");
	assert_int_equal(n3, 0);
	assert_int_equal(
	    projects_todo(w->db, &w->a, "kiki", 10, &p, &n, &p2, &n2, &p3, &n3),
	    MS_OK);
	assert_int_equal(n + n2 + n3, 0);
}

/* The admin's queue of applications (groups_pending, schema 012's partial
 * index): oldest application first (applied_on, else created_at), then id;
 * the limit; an approved group leaves the queue. */
static void test_group_queue(void **state)
{
	struct world *w = *state;
	struct group_staff_row *g;
	size_t n;

	assert_int_equal(
	    sqlite3_exec(
	        w->db->h,
	        "INSERT INTO groups (id, name, kana, kind, status, applied_on, "
	        "created_at) VALUES "
	        "(21, '三月の会', 'サンガツ', 'npo', 'shinsei', '2026-03-01', "
	        "'2026-01-01 09:00:00'), "
	        "(22, '日付なしの会', 'ヒヅケナシ', 'npo', 'shinsei', NULL, "
	        "'2026-02-01 09:00:00'), "
	        "(23, '一月の会', 'イチガツ', 'npo', 'shinsei', '2026-01-15', "
	        "'2026-04-01 09:00:00'), "
	        "(24, '同じ日の会', 'オナジヒ', 'npo', 'shinsei', "
	        "'2026-01-15', "
	        "'2026-04-01 09:00:00'), "
	        "(25, '登録済みの会', 'トウロクズミ', 'npo', 'toroku', "
	        "'2025-01-01', '2025-01-01 09:00:00');",
	        NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(groups_pending(w->db, &w->a, 10, &g, &n), MS_OK);
	assert_int_equal(n, 4);
	assert_int_equal(g[0].id, 23);
	assert_int_equal(g[1].id, 24);
	assert_int_equal(g[2].id, 22);
	assert_int_equal(g[3].id, 21);
	assert_string_equal(g[0].status_code, "shinsei");
	assert_int_equal(groups_pending(w->db, &w->a, 2, &g, &n), MS_OK);
	assert_int_equal(n, 2);
	assert_int_equal(g[1].id, 24);
	assert_int_equal(sqlite3_exec(w->db->h,
	                              "UPDATE groups SET status = 'toroku' "
	                              "WHERE id = 23",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(groups_pending(w->db, &w->a, 10, &g, &n), MS_OK);
	assert_int_equal(n, 3);
	assert_int_equal(g[0].id, 24);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_group_form_valid, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_group_form_invalid, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_project_form_valid, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_project_form_rules, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_group_create_update_conflict,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_group_approval, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_project_create_update_conflict,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_failed_save_leaves_nothing,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_staff_lists, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_group_queue, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
