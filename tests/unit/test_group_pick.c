/* The partner picker of the project form (model/group_pick.h): finding a
 * group by 団体番号, whole name, a first character and parts of name or
 * フリガナ, and the index it reads, groups_fts (its names column: schema/
 * 017_group_names_in_groups_fts.sql; 013 made it group_names_fts) through
 * the writes that keep it, the migrations filling it and kyodo check's
 * check of it. Runs from the top directory (reads schema/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "db/search_fn.h"
#include "model/group_pick.h"
#include "model/search.h"
#include "util/buf.h"

#include "testdb.h"

/* Per-test memory. */
static struct arena arena;

/* Run literal SQL on db (test-only). */
static void exec(struct db *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* Groups of every status; names shared, kana beginning alike. */
static const char fixture[] =
    "INSERT INTO groups (id, name, kana, kind, status) VALUES "
    "(1, 'みなと防災ネットワーク', 'ミナトボウサイネットワーク', 'npo', "
    "'toroku'),"
    "(2, '港町町内会', 'ミナトマチチョウナイカイ', 'chonaikai', 'toroku'),"
    "(3, '申請中の防災会', 'シンセイチュウノボウサイカイ', 'npo', "
    "'shinsei'),"
    "(4, '休止中の防災会', 'キュウシチュウノボウサイカイ', 'npo', 'kyushi'),"
    "(5, '抹消された防災会', 'マッショウサレタボウサイカイ', 'npo', "
    "'massho'),"
    "(6, 'こども食堂', 'コドモショクドウ', 'npo', 'toroku'),"
    "(7, 'こども食堂', 'コドモショクドウ', 'npo', 'shinsei'),"
    "(8, 'こども食堂', 'アオイコドモショクドウ', 'npo', 'kyushi'),"
    "(9, '緑の会', 'ミドリノカイ', 'npo', 'toroku'),"
    "(10, '青葉会', 'アオバカイ', 'npo', 'kyushi'),"
    "(11, 'こども食堂', 'コドモショクドウ', 'npo', 'massho'),"
    "(12, '抹消の会', 'マッショウノカイ', 'npo', 'massho');";

/* What group_pick_find() made of q: "RESULT:id,id,..." (ONE, SOME,
 * MANY, NONE, EMPTY, BAD), checking the rows it returned. */
static const char *pick(struct db *db, const char *q)
{
	static const char *const names[] = {"ONE",  "SOME",  "MANY",
	                                    "NONE", "EMPTY", "BAD"};
	struct group_pick *rows;
	size_t n;
	enum pick_result res;
	struct buf b = {0};
	const char *s;

	assert_int_equal(group_pick_find(db, &arena, q, &rows, &n, &res),
	                 MS_OK);
	assert_true((unsigned)res < sizeof(names) / sizeof(names[0]));
	assert_true(n <= GROUP_PICK_MAX);
	switch (res) {
	case PICK_ONE: assert_int_equal(n, 1); break;
	case PICK_SOME: assert_true(n >= 1); break;
	case PICK_MANY: assert_int_equal(n, GROUP_PICK_MAX); break;
	default: assert_int_equal(n, 0);
	}
	buf_printf(&b, "%s:", names[res]);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(rows[i].name);
		assert_non_null(rows[i].kana);
		assert_non_null(rows[i].status_name);
		assert_string_not_equal(rows[i].status, "massho");
		buf_printf(&b, "%s%lld", i ? "," : "", rows[i].id);
	}
	s = arena_strdup(&arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Whether rows are in the picker's order: status, kana, id. */
static int rank(const char *status)
{
	return strcmp(status, "toroku") == 0    ? 0
	       : strcmp(status, "shinsei") == 0 ? 1
	                                        : 2;
}

static void assert_ordered(struct group_pick *rows, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		int r0 = rank(rows[i - 1].status), r1 = rank(rows[i].status);
		int c = strcmp(rows[i - 1].kana, rows[i].kana);

		assert_true(r0 < r1 || (r0 == r1 &&
		                        (c < 0 || (c == 0 && rows[i - 1].id <
		                                                 rows[i].id))));
	}
}

/* A 団体番号, half- or full-width, with spaces around it. */
static void test_number(void **state)
{
	struct db *db = testdb_open(NULL, fixture);

	(void)state;
	assert_string_equal(pick(db, "1"), "ONE:1");
	assert_string_equal(pick(db, "１"), "ONE:1");
	assert_string_equal(pick(db, "　２ "), "ONE:2");
	assert_string_equal(pick(db, "１0"), "ONE:10");
	assert_string_equal(pick(db, "0004"), "ONE:4");
	assert_string_equal(pick(db, "5"), "NONE:");   /* 抹消 */
	assert_string_equal(pick(db, "999"), "NONE:"); /* no such group */
	assert_string_equal(pick(db, "0"), "NONE:");
	assert_string_equal(pick(db, "12345678901234567890"), "NONE:");
	db_close(db);
}

/* Nothing to search, too much to search. */
static void test_empty_and_bad(void **state)
{
	struct db *db = testdb_open(NULL, fixture);
	char q[512] = "";

	(void)state;
	assert_string_equal(pick(db, ""), "EMPTY:");
	assert_string_equal(pick(db, " 　 "), "EMPTY:");
	for (int i = 0; i <= SEARCH_MAX_CHARS; i++)
		strcat(q, "あ");
	assert_string_equal(pick(db, q), "BAD:");
	assert_string_equal(pick(db, "あい いう うえ えお おか かき きく くけ "
	                             "けこ こさ さし"),
	                    "BAD:");
	db_close(db);
}

/* The whole name: one group has it, or several (listed by status). */
static void test_whole_name(void **state)
{
	struct db *db = testdb_open(NULL, fixture);
	struct group_pick *rows;
	size_t n;
	enum pick_result res;

	(void)state;
	assert_string_equal(pick(db, "港町町内会"), "ONE:2");
	assert_string_equal(pick(db, "　港町町内会 "), "ONE:2");
	assert_string_equal(pick(db, "緑の会"), "ONE:9");
	/* 6, 7, 8 share the name; 11 is 抹消 */
	assert_int_equal(
	    group_pick_find(db, &arena, "こども食堂", &rows, &n, &res), MS_OK);
	assert_int_equal(res, PICK_SOME);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].id, 6);
	assert_string_equal(rows[0].status, "toroku");
	assert_string_equal(rows[0].status_name, "登録");
	assert_string_equal(rows[0].name, "こども食堂");
	assert_string_equal(rows[0].kana, "コドモショクドウ");
	assert_int_equal(rows[1].id, 7);
	assert_string_equal(rows[1].status_name, "申請中");
	assert_int_equal(rows[2].id, 8);
	assert_string_equal(rows[2].status_name, "休止");
	/* 抹消 groups' names name nothing */
	assert_string_equal(pick(db, "抹消の会"), "NONE:");
	db_close(db);
}

/* Parts of the name or the フリガナ (ひらがな typed), by status. */
static void test_parts(void **state)
{
	struct db *db = testdb_open(NULL, fixture);

	(void)state;
	assert_string_equal(pick(db, "防災"), "SOME:1,3,4");
	assert_string_equal(pick(db, "防災会"), "SOME:3,4");
	assert_string_equal(pick(db, "ぼうさい"), "SOME:1,3,4");
	assert_string_equal(pick(db, "ボウサイ"), "SOME:1,3,4");
	assert_string_equal(pick(db, "みなとまち"), "SOME:2");
	assert_string_equal(pick(db, "ﾐﾅﾄﾏﾁ"), "SOME:2"); /* 半角カナ */
	assert_string_equal(pick(db, "町内"), "SOME:2");
	assert_string_equal(pick(db, "こども 食堂"), "SOME:6,7,8");
	assert_string_equal(pick(db, "しょくどう あおい"), "SOME:8");
	assert_string_equal(pick(db, "防災 港"), "SOME:1,3,4"); /* 港 dropped */
	assert_string_equal(pick(db, "抹消"), "NONE:");
	assert_string_equal(pick(db, "存在しない"), "NONE:");
	db_close(db);
}

/* One character: names or フリガナ beginning with it. */
static void test_first_char(void **state)
{
	struct db *db = testdb_open(NULL, fixture);

	(void)state;
	/* ミ: ミドリノカイ, ミナトボウサイ…, ミナトマチ… (kana order) */
	assert_string_equal(pick(db, "み"), "SOME:9,1,2");
	assert_string_equal(pick(db, "ミ"), "SOME:9,1,2");
	assert_string_equal(pick(db, "緑"), "SOME:9");
	assert_string_equal(pick(db, "　港 "), "SOME:2");
	/* こ: the names こども食堂 (and their kana コ…) */
	assert_string_equal(pick(db, "こ"), "SOME:6,7,8");
	assert_string_equal(pick(db, "あ"),
	                    "SOME:8,10"); /* kyushi: アオイ, アオバ */
	assert_string_equal(pick(db, "マ"), "NONE:"); /* 抹消 only */
	assert_string_equal(pick(db, "ぬ"), "NONE:");
	/* only one-character words: the first one's prefix */
	assert_string_equal(pick(db, "み 緑"), "SOME:9,1,2");
	db_close(db);
}

/* 抹消 groups are never found, but a project keeps one as its partner. */
static void test_get(void **state)
{
	struct db *db = testdb_open(NULL, fixture);
	struct group_pick g;

	(void)state;
	assert_int_equal(group_pick_get(db, &arena, 5, &g), MS_OK);
	assert_int_equal(g.id, 5);
	assert_string_equal(g.name, "抹消された防災会");
	assert_string_equal(g.kana, "マッショウサレタボウサイカイ");
	assert_string_equal(g.status, "massho");
	assert_string_equal(g.status_name, "抹消");
	assert_int_equal(group_pick_get(db, &arena, 3, &g), MS_OK);
	assert_string_equal(g.status_name, "申請中");
	assert_int_equal(group_pick_get(db, &arena, 999, &g), MS_NOTFOUND);
	db_close(db);
}

/* More than GROUP_PICK_MAX: the first GROUP_PICK_MAX in order. */
static void test_many(void **state)
{
	struct db *db = testdb_open(NULL, fixture);
	struct group_pick *rows;
	size_t n;
	enum pick_result res;

	(void)state;
	/* 20 テスト団体 exactly: SOME */
	exec(
	    db,
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	    "FROM n WHERE i < 20) INSERT INTO groups (id, name, kana, "
	    "kind, status) SELECT 100 + i, 'テスト団体' || i, 'テストダンタイ' "
	    "|| (100 - i), 'npo', CASE i % 3 WHEN 0 THEN 'toroku' WHEN 1 "
	    "THEN 'shinsei' ELSE 'kyushi' END FROM n");
	assert_int_equal(group_pick_find(db, &arena, "テスト", &rows, &n, &res),
	                 MS_OK);
	assert_int_equal(res, PICK_SOME);
	assert_int_equal(n, 20);
	assert_ordered(rows, n);
	assert_int_equal(group_pick_find(db, &arena, "て", &rows, &n, &res),
	                 MS_OK);
	assert_int_equal(res, PICK_SOME);
	assert_int_equal(n, 20);
	assert_ordered(rows, n);
	/* a 21st, and one 抹消 that does not count */
	exec(db, "INSERT INTO groups (id, name, kana, kind, status) VALUES "
	         "(200, 'テスト団体抹消', 'テストダンタイマッショウ', 'npo', "
	         "'massho')");
	assert_int_equal(group_pick_find(db, &arena, "テスト", &rows, &n, &res),
	                 MS_OK);
	assert_int_equal(res, PICK_SOME);
	exec(db, "INSERT INTO groups (id, name, kana, kind, status) VALUES "
	         "(201, 'テスト団体21', 'テストダンタイ21', 'npo', 'kyushi')");
	assert_int_equal(group_pick_find(db, &arena, "テスト", &rows, &n, &res),
	                 MS_OK);
	assert_int_equal(res, PICK_MANY);
	assert_int_equal(n, GROUP_PICK_MAX);
	assert_ordered(rows, n);
	assert_int_equal(group_pick_find(db, &arena, "テ", &rows, &n, &res),
	                 MS_OK);
	assert_int_equal(res, PICK_MANY);
	assert_int_equal(n, GROUP_PICK_MAX);
	assert_ordered(rows, n);
	assert_string_equal(rows[0].status, "toroku");
	/* 21 groups of one name */
	exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
	         "FROM n WHERE i < 21) INSERT INTO groups (id, name, kana, "
	         "kind, status) SELECT 300 + i, '同名の会', 'ドウメイノカイ', "
	         "'npo', "
	         "CASE WHEN i > 10 THEN 'toroku' ELSE 'shinsei' END FROM n");
	assert_int_equal(
	    group_pick_find(db, &arena, "同名の会", &rows, &n, &res), MS_OK);
	assert_int_equal(res, PICK_MANY);
	assert_int_equal(n, GROUP_PICK_MAX);
	assert_ordered(rows, n);
	assert_int_equal(rows[0].id, 311);
	assert_int_equal(rows[10].id, 321);
	assert_int_equal(rows[11].id, 301);
	db_close(db);
}

/* ---------------------------------------------------- the index itself */

/* How many documents the public search's MATCH of word (its bigram or its
 * trigrams' phrase, as search_parse() makes it) finds in groups_fts. */
static long long public_count(struct db *db, const char *word)
{
	struct search_query sq;
	sqlite3_stmt *st;
	long long n;

	assert_int_equal(search_parse(&arena, word, &sq), SQ_OK);
	assert_int_equal(sqlite3_prepare_v2(db->h,
	                                    "SELECT count(*) FROM groups_fts "
	                                    "WHERE groups_fts MATCH ?1",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, sq.match, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The tokens a rebuild of groups_fts from the rows gives (written out
 * here, not by 017's statements: 登録 groups with their public text and
 * filters and their name tokens as they are, the others with their name
 * tokens prefixed "nm_", 抹消 none), compared with the table's own
 * (fts5vocab instance rows: term, document, column, offset): 0 when they
 * are the same, and FTS5's integrity-check. */
static long long index_differs(struct db *db)
{
	long long d;

	exec(db,
	     "DROP TABLE IF EXISTS temp.v_live; DROP TABLE IF EXISTS "
	     "temp.v_chk; DROP TABLE IF EXISTS groups_chk;"
	     "CREATE VIRTUAL TABLE groups_chk USING fts5(body, facets, tri, "
	     "names, content = '', tokenize = \"ascii tokenchars '_'\");"
	     "INSERT INTO groups_chk (rowid, body, tri, facets, names) SELECT "
	     "-g.id, kyodo_bigrams(g.area, g.purpose, g.activities), "
	     "kyodo_trigrams(g.area, g.purpose, g.activities), 'gk_' || "
	     "g.kana_row || ' gt_' || g.kind || coalesce(' ' || (SELECT "
	     "group_concat('fd_' || field, ' ') FROM (SELECT field FROM "
	     "group_fields WHERE group_id = g.id ORDER BY 1)), ''), "
	     "kyodo_bigrams(g.name, g.kana) || ' ' || kyodo_trigrams(g.name, "
	     "g.kana) FROM groups g WHERE g.status = 'toroku';"
	     "INSERT INTO groups_chk (rowid, names) SELECT -id, (SELECT "
	     "group_concat('nm_' || value, ' ') FROM json_each('[\"' || "
	     "replace(kyodo_bigrams(name, kana) || ' ' || "
	     "kyodo_trigrams(name, kana), ' ', '\",\"') || '\"]') WHERE "
	     "value <> '') FROM groups WHERE status NOT IN ('toroku', "
	     "'massho');"
	     "CREATE VIRTUAL TABLE temp.v_live USING fts5vocab(main, "
	     "groups_fts, instance);"
	     "CREATE VIRTUAL TABLE temp.v_chk USING fts5vocab(main, "
	     "groups_chk, instance);"
	     "INSERT INTO groups_fts (groups_fts) VALUES "
	     "('integrity-check');");
	d = testdb_int(db,
	               "SELECT (SELECT count(*) FROM (SELECT term, doc, "
	               "col, offset FROM v_live EXCEPT SELECT term, doc, "
	               "col, offset FROM v_chk)) + (SELECT count(*) FROM "
	               "(SELECT term, doc, col, offset FROM v_chk EXCEPT "
	               "SELECT term, doc, col, offset FROM v_live)) + (SELECT "
	               "count(*) FROM groups_fts) - (SELECT count(*) "
	               "FROM groups_chk)");
	exec(db, "DROP TABLE temp.v_live; DROP TABLE temp.v_chk; DROP TABLE "
	         "groups_chk");
	return d;
}

/* The triggers keep the index what a rebuild gives, through every write
 * that changes a document and those that must not. */
static void test_triggers(void **state)
{
	struct db *db = testdb_open(NULL, fixture);

	(void)state;
	assert_int_equal(index_differs(db), 0);
	/* insert */
	exec(db, "INSERT INTO groups (id, name, kana, kind, status) VALUES "
	         "(20, '新しい会', 'アタラシイカイ', 'npo', 'shinsei')");
	assert_int_equal(index_differs(db), 0);
	assert_string_equal(pick(db, "新しい"), "SOME:20");
	/* rename, new kana */
	exec(db, "UPDATE groups SET name = '改名した会' WHERE id = 20");
	assert_int_equal(index_differs(db), 0);
	assert_string_equal(pick(db, "新しい"), "NONE:");
	assert_string_equal(pick(db, "改名"), "SOME:20");
	exec(db, "UPDATE groups SET kana = 'カイメイシタカイ' WHERE id = 20");
	assert_int_equal(index_differs(db), 0);
	assert_string_equal(pick(db, "あたらしい"), "NONE:");
	assert_string_equal(pick(db, "かいめい"), "SOME:20");
	/* not 登録: the public search does not find it by its name */
	assert_int_equal(public_count(db, "改名"), 0);
	/* 登録 and back: the public text and filters in and out */
	exec(db, "UPDATE groups SET status = 'toroku' WHERE id = 20");
	assert_int_equal(index_differs(db), 0);
	assert_int_equal(public_count(db, "改名"), 1);
	assert_string_equal(pick(db, "改名"), "SOME:20");
	exec(db, "INSERT INTO group_fields (group_id, field, status, kana, "
	         "kind) SELECT id, 'bosai', status, kana, kind FROM groups "
	         "WHERE id = 20");
	assert_int_equal(index_differs(db), 0);
	exec(db, "UPDATE groups SET status = 'kyushi' WHERE id = 20");
	assert_int_equal(index_differs(db), 0);
	assert_int_equal(public_count(db, "改名"), 0);
	assert_string_equal(pick(db, "改名"), "SOME:20");
	/* a move between 休止 and 申請中, an edit of a 休止 group's text and
	 * 分野: its document (names only) stays */
	exec(db, "UPDATE groups SET status = 'shinsei' WHERE id = 20");
	exec(db, "UPDATE groups SET status = 'kyushi', purpose = '改名', "
	         "kind = 'chonaikai' WHERE id = 20");
	exec(db, "DELETE FROM group_fields WHERE group_id = 20");
	assert_int_equal(index_differs(db), 0);
	assert_int_equal(public_count(db, "改名"), 0);
	assert_string_equal(pick(db, "改名"), "SOME:20");
	/* 抹消 and back */
	exec(db, "UPDATE groups SET status = 'massho' WHERE id = 20");
	assert_int_equal(index_differs(db), 0);
	assert_string_equal(pick(db, "改名"), "NONE:");
	exec(db, "UPDATE groups SET name = '抹消中の改名' WHERE id = 20");
	assert_int_equal(index_differs(db), 0);
	exec(db, "UPDATE groups SET status = 'toroku' WHERE id = 20");
	assert_int_equal(index_differs(db), 0);
	assert_string_equal(pick(db, "中の改名"), "SOME:20");
	/* a new id */
	exec(db, "UPDATE groups SET id = 21 WHERE id = 20");
	assert_int_equal(index_differs(db), 0);
	assert_string_equal(pick(db, "中の改名"), "SOME:21");
	/* a write of other columns: public text, not the picker's */
	exec(db, "UPDATE groups SET area = '北地区', purpose = '公園の清掃' "
	         "WHERE id = 21");
	assert_int_equal(index_differs(db), 0);
	assert_int_equal(public_count(db, "清掃"), 1);
	assert_string_equal(pick(db, "清掃"), "NONE:");
	/* a rename of a 登録 group with 分野, and its 分野 */
	exec(db, "INSERT INTO group_fields (group_id, field, status, kana, "
	         "kind) SELECT id, 'kosodate', status, kana, kind FROM groups "
	         "WHERE id = 21");
	exec(db, "UPDATE groups SET name = '中の改名の会' WHERE id = 21");
	assert_int_equal(index_differs(db), 0);
	assert_string_equal(pick(db, "の改名の会"), "SOME:21");
	assert_string_equal(pick(db, "の会"), "SOME:21,9");
	exec(db, "DELETE FROM group_fields WHERE group_id = 21");
	assert_int_equal(index_differs(db), 0);
	/* delete, of a kept group and of a 抹消 one */
	exec(db, "DELETE FROM groups WHERE id IN (21, 12)");
	assert_int_equal(index_differs(db), 0);
	assert_string_equal(pick(db, "中の改名"), "NONE:");
	assert_int_equal(search_check(db->h), 0);
	db_close(db);
}

/* Migrations 013 and 017 on a database that holds groups index them all
 * (013 in group_names_fts, 017 in groups_fts), and kyodo check checks
 * what each version has. */
static void test_migration(void **state)
{
	struct db *db = db_open(":memory:", NULL, 1);

	(void)state;
	assert_non_null(db);
	testdb_migrate_upto(db, 12);
	exec(db, fixture);
	/* a database at 12 has nothing of 013 to check */
	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_true(testdb_int(db, "PRAGMA user_version") >= 17);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM groups_fts"), 9);
	assert_int_equal(index_differs(db), 0);
	assert_int_equal(search_check(db->h), 0);
	db_close(db);
	/* 017 on a database at 13 whose groups 013's triggers indexed */
	db = db_open(":memory:", NULL, 1);
	assert_non_null(db);
	testdb_migrate_upto(db, 13);
	exec(db, fixture);
	exec(db, "UPDATE groups SET name = '改名した緑の会' WHERE id = 9");
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM group_names_fts"),
	                 9);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM groups_fts"), 4);
	assert_int_equal(search_check(db->h), 0);
	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_true(testdb_int(db, "PRAGMA user_version") >= 17);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM sqlite_master "
	                                "WHERE name LIKE 'group_names_fts%'"),
	                 0);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM groups_fts"), 9);
	assert_int_equal(index_differs(db), 0);
	assert_string_equal(pick(db, "改名した"), "SOME:9");
	assert_int_equal(search_check(db->h), 0);
	assert_string_equal(pick(db, "防災"), "SOME:1,3,4");
	assert_string_equal(pick(db, "こども食堂"), "SOME:6,7,8");
	db_close(db);
}

/* kyodo check finds a group missing from the index, and a document of a
 * group that should not be there. */
static void test_check(void **state)
{
	struct db *db = testdb_open(NULL, fixture);

	(void)state;
	assert_int_equal(search_check(db->h), 0);
	/* the document of group 10 (休止) deleted behind the triggers' back */
	exec(db,
	     "INSERT INTO groups_fts (groups_fts, rowid, body, tri, "
	     "facets, names) SELECT 'delete', -id, '', '', '', "
	     "kyodo_name_tokens('nm_', name, kana) FROM groups WHERE id = 10");
	assert_int_equal(search_check(db->h), 1);
	exec(
	    db,
	    "INSERT INTO groups_fts (rowid, body, tri, facets, names) "
	    "SELECT -id, '', '', '', kyodo_name_tokens('nm_', name, kana) FROM "
	    "groups WHERE id = 10");
	assert_int_equal(search_check(db->h), 0);
	/* a 抹消 group's document instead of a kept one's */
	exec(
	    db,
	    "INSERT INTO groups_fts (groups_fts, rowid, body, tri, "
	    "facets, names) SELECT 'delete', -id, '', '', '', "
	    "kyodo_name_tokens('nm_', name, kana) FROM groups WHERE id = 10;"
	    "INSERT INTO groups_fts (rowid, body, tri, facets, names) "
	    "SELECT -id, '', '', '', kyodo_name_tokens('nm_', name, kana) FROM "
	    "groups WHERE id = 12");
	assert_int_equal(search_check(db->h), 1);
	db_close(db);
	/* a 登録 group (9) without its public text and filters */
	db = testdb_open(NULL, fixture);
	exec(db,
	     "INSERT INTO groups_fts (groups_fts, rowid, body, tri, "
	     "facets, names) SELECT 'delete', -id, kyodo_bigrams(area, "
	     "purpose, activities), kyodo_trigrams(area, purpose, "
	     "activities), 'gk_' || kana_row || ' gt_' || kind, "
	     "kyodo_name_tokens('', name, kana) FROM groups WHERE id = 9;"
	     "INSERT INTO groups_fts (rowid, body, tri, facets, names) "
	     "SELECT -id, '', '', '', kyodo_name_tokens('', name, kana) FROM "
	     "groups WHERE id = 9");
	assert_int_equal(search_check(db->h), 1);
	db_close(db);
}

/* On the demo data set: the index holds every group not 抹消, and a
 * group's own name finds it. */
static void test_demo(void **state)
{
	struct db *db = testdb_open("demo", NULL);
	sqlite3_stmt *st;
	int checked = 0;

	(void)state;
	assert_int_equal(search_check(db->h), 0);
	assert_int_equal(index_differs(db), 0);
	assert_int_equal(sqlite3_prepare_v2(db->h,
	                                    "SELECT id, name FROM groups WHERE "
	                                    "status <> 'massho' ORDER BY id",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		struct group_pick *rows;
		size_t n, i = 0;
		enum pick_result res;

		assert_int_equal(
		    group_pick_find(db, &arena, name, &rows, &n, &res), MS_OK);
		assert_true(res == PICK_ONE || res == PICK_SOME ||
		            res == PICK_MANY);
		while (i < n && rows[i].id != id)
			i++;
		assert_true(i < n || res == PICK_MANY);
		assert_ordered(rows, n);
		checked++;
	}
	sqlite3_finalize(st);
	assert_true(checked > 10);
	db_close(db);
}

static int setup(void **state)
{
	(void)state;
	arena_init(&arena, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&arena);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_number),
	    cmocka_unit_test(test_empty_and_bad),
	    cmocka_unit_test(test_whole_name),
	    cmocka_unit_test(test_parts),
	    cmocka_unit_test(test_first_char),
	    cmocka_unit_test(test_get),
	    cmocka_unit_test(test_many),
	    cmocka_unit_test(test_triggers),
	    cmocka_unit_test(test_migration),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_demo),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
