/* CSV import and export of groups and projects on an in-memory database
 * with the schema: what cells may say (dates, 和暦 years, amounts), the
 * problems with row and column, all-or-nothing, dry runs, Shift_JIS
 * files, audit rows (the records' and the import's / export's own),
 * partners since 抹消, and export → import giving the same file back, for
 * the demo data set too. Runs from the top directory (reads schema/ and
 * tests/unit/fixtures/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/demo.h"
#include "model/import.h"
#include "model/import_cells.h"
#include "testdb.h"
#include "util/csv.h"
#include "util/sjis.h"

static const struct user_actor cli = {0, "cli"};

/* Import text; returns the status, report in *rep. */
static enum import_status imp(struct db *db, struct arena *a,
                              enum import_kind k, const char *text, int dry_run,
                              struct import_report *rep)
{
	return import_csv(db, a, &cli, k, text, strlen(text), dry_run, rep);
}

/* Print the problems (when a test fails, this says why). */
static void show(const struct import_report *r)
{
	for (size_t i = 0; i < r->np; i++)
		printf("  # %zu行 %zu列（%s）: %s\n", r->p[i].row, r->p[i].col,
		       r->p[i].column, r->p[i].message);
}

/* 1 when the report has a problem at row/col whose message contains s. */
static int has(const struct import_report *r, size_t row, size_t col,
               const char *s)
{
	for (size_t i = 0; i < r->np; i++)
		if (r->p[i].row == row && r->p[i].col == col &&
		    strstr(r->p[i].message, s) != NULL)
			return 1;
	show(r);
	return 0;
}

static const char groups_csv[] = CSV_BOM
    "団体名,フリガナ,種別,分野,地区,設立,会員数,ホームページ,代表者氏名,"
    "代表者電話,代表者名の公開,登録状況,登録日,要件確認\r\n"
    "港町町内会,ﾐﾅﾄﾏﾁﾁｮｳﾅｲｶｲ,町内会・自治会,防災、地域安全,"
    "港町,1965,320人,,佐藤 花子,090-0000-0002,非公開,登録,2020/4/1,\r\n"
    "みなと子ども劇場,ミナトコドモゲキジョウ,"
    "市民活動団体・NPO・ボランティア団体,\"文化・芸術,子育て\",中央,"
    "2005年4月,\"1,200\",https://geki.example.jp/,鈴木 一郎,"
    "0143-11-2222,公開,登録,令和2年4月1日,確認済\r\n"
    ",,,,,,,,,,,,,\r\n";

static void test_groups_ok(void **state)
{
	struct db *db = testdb_open(NULL, NULL);
	struct arena a;
	struct import_report r;

	(void)state;
	arena_init(&a, 0);
	/* dry run: checked, rolled back */
	assert_int_equal(imp(db, &a, IK_GROUPS, groups_csv, 1, &r), IMP_OK);
	assert_int_equal(r.rows, 2); /* the blank row is skipped */
	assert_int_equal(r.written, 0);
	assert_int_equal(r.cs, CS_UTF8_BOM);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM groups"), 0);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM audit_log"), 0);
	/* the import */
	if (imp(db, &a, IK_GROUPS, groups_csv, 0, &r) != IMP_OK)
		show(&r);
	assert_int_equal(r.written, 2);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM groups"), 2);
	assert_int_equal(
	    testdb_int(db,
	               "SELECT members FROM groups WHERE name = '港町町内会'"),
	    320);
	assert_int_equal(
	    testdb_int(db, "SELECT kana = 'ミナトマチチョウナイカイ' "
	                   "AND registered_on = '2020-04-01' AND "
	                   "status = 'toroku' FROM groups WHERE name = "
	                   "'港町町内会'"),
	    1);
	assert_int_equal(testdb_int(db,
	                            "SELECT founded = '2005-04' AND members = "
	                            "1200 AND rep_name_public = 1 AND "
	                            "registered_on = '2020-04-01' FROM groups "
	                            "WHERE name = 'みなと子ども劇場'"),
	                 1);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM group_fields"),
	                 4);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM group_requirement_checks"), 6);
	/* audit: at least one create row per record, in the same commit */
	assert_int_equal(
	    testdb_int(db, "SELECT count(DISTINCT record_id) FROM "
	                   "audit_log WHERE kind = 'groups' AND action "
	                   "= 'create'"),
	    2);
	assert_true(testdb_int(db, "SELECT count(*) FROM audit_log WHERE "
	                           "client_addr = 'cli'") > 10);
	/* and one row for the import itself: what, how many */
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM audit_log WHERE "
	                            "action = 'import' AND kind = 'groups' AND "
	                            "field = 'rows' AND new_value = '2' AND "
	                            "record_id IS NULL AND client_addr = "
	                            "'cli'"),
	                 1);
	/* importing the same file again: every row is a duplicate */
	assert_int_equal(imp(db, &a, IK_GROUPS, groups_csv, 0, &r),
	                 IMP_PROBLEMS);
	assert_true(has(&r, 2, 1, "すでに登録"));
	assert_true(has(&r, 3, 1, "すでに登録"));
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM groups"), 2);
	arena_free(&a);
	db_close(db);
}

/* Segments of a full-text index (FTS5 keeps one b-tree per segment). */
static long long segments(struct db *db)
{
	return testdb_int(db,
	                  "SELECT count(DISTINCT segid) FROM groups_fts_idx");
}

/* A large import leaves each search index in one segment, as `kyodo demo`
 * does; a small one leaves FTS5's incremental merging alone. */
static void test_large_import_merges(void **state)
{
	static const char head[] =
	    "団体名,フリガナ,種別,分野,地区,設立,会員数,ホームページ,"
	    "代表者氏名,"
	    "代表者電話,代表者名の公開,登録状況,登録日,要件確認\r\n";
	struct db *db = testdb_open(NULL, NULL);
	struct import_report r;
	struct buf csv = {0};
	struct arena a;
	char row[256];

	(void)state;
	arena_init(&a, 0);
	/* two small imports: two commits, at least two segments */
	assert_int_equal(imp(db, &a, IK_GROUPS, groups_csv, 0, &r), IMP_OK);
	assert_int_equal(buf_put(&csv, head, strlen(head)), 0);
	assert_int_equal(
	    buf_put(&csv,
	            "港北防犯パトロール隊,ｺｳﾎｸﾎﾞｳﾊﾝ,町内会・自治会,"
	            "防災、地域安全,港町,,,,,,非公開,登録,,\r\n",
	            strlen("港北防犯パトロール隊,ｺｳﾎｸﾎﾞｳﾊﾝ,町内会・"
	                   "自治会,防災、地域安全,港町,,,,,,非公開,"
	                   "登録,,\r\n")),
	    0);
	assert_int_equal(
	    import_csv(db, &a, &cli, IK_GROUPS, csv.data, csv.len, 0, &r),
	    IMP_OK);
	assert_true(segments(db) > 1);
	/* a large one */
	csv.len = 0;
	assert_int_equal(buf_put(&csv, head, strlen(head)), 0);
	for (int i = 0; i < IMPORT_OPTIMIZE_ROWS; i++) {
		int n =
		    snprintf(row, sizeof(row),
		             "みなと見守り隊第%d班,ﾐﾅﾄﾐﾏﾓﾘﾀｲ,町内会・自治会,"
		             "防災、地域安全,港町,,,,,,非公開,登録,,\r\n",
		             i + 1);
		assert_int_equal(buf_put(&csv, row, (size_t)n), 0);
	}
	if (import_csv(db, &a, &cli, IK_GROUPS, csv.data, csv.len, 0, &r) !=
	    IMP_OK)
		show(&r);
	assert_int_equal(r.written, IMPORT_OPTIMIZE_ROWS);
	assert_int_equal(segments(db), 1);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM groups_fts WHERE "
	                            "groups_fts MATCH kyodo_bigrams('見守り')"),
	                 IMPORT_OPTIMIZE_ROWS);
	/* the partner picker's names (in groups_fts since schema 017: the
	 * names of 登録 groups as they are, the others' prefixed nm_) */
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM groups_fts "
	                                "WHERE groups_fts MATCH 'names : ' || "
	                                "kyodo_trigrams('見守り') || ' OR "
	                                "nm_' || kyodo_trigrams('見守り')"),
	                 IMPORT_OPTIMIZE_ROWS);
	buf_free(&csv);
	arena_free(&a);
	db_close(db);
}

static void test_groups_problems(void **state)
{
	static const char csv[] =
	    "団体名,フリガナ,種別,会員数,ホームページ,代表者名の公開,登録状況,"
	    "番号\n"
	    "よい団体,ヨイダンタイ,町内会・自治会,10,,非公開,,1\n"
	    "悪い団体,わるいだんたい,ＮＰＯ,たくさん,ftp://x,たぶん,登録,2\n"
	    "よい団体,ヨイダンタイ,町内会・自治会,,,,,3\n"
	    ",ナナシ,町内会・自治会,,,,,4\n"
	    "テーマ団体,テーマダンタイ,市民活動団体・NPO・ボランティア団体,,"
	    ",,登録,5\n";
	struct db *db = testdb_open(NULL, NULL);
	struct arena a;
	struct import_report r;

	(void)state;
	arena_init(&a, 0);
	assert_int_equal(imp(db, &a, IK_GROUPS, csv, 0, &r), IMP_PROBLEMS);
	assert_int_equal(r.cs, CS_UTF8);
	assert_int_equal(r.rows, 5);
	assert_int_equal(r.written, 0);
	/* row 3: column C unknown kind, D not a number, E bad URL, F
	 * neither 公開 nor 非公開 */
	assert_true(has(&r, 3, 3, "「ＮＰＯ」は登録されていません"));
	assert_true(has(&r, 3, 4, "会員数"));
	assert_true(has(&r, 3, 5, "http"));
	assert_true(has(&r, 3, 6, "公開"));
	assert_string_equal(r.p[0].column, "種別");
	/* row 4: the same name as row 2 */
	assert_true(has(&r, 4, 1, "前の行"));
	/* row 5: no name */
	assert_true(has(&r, 5, 1, "団体名"));
	/* row 6: テーマ型 registered without 要件確認 → on 登録状況 */
	assert_true(has(&r, 6, 7, "確認済"));
	/* the unknown column is listed, not imported */
	assert_int_equal(r.nignored, 1);
	assert_string_equal(r.ignored[0], "番号");
	/* all or nothing: the good row 2 was not written either */
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM groups"), 0);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM audit_log"), 0);
	arena_free(&a);
	db_close(db);
}

static void test_file_problems(void **state)
{
	struct db *db = testdb_open(NULL, NULL);
	struct arena a;
	struct import_report r;
	static const char latin1[] = "団体名,フリガナ,種別\n\xFF\xFE,x,y\n";

	(void)state;
	arena_init(&a, 0);
	/* required columns missing: said before any row is read */
	assert_int_equal(imp(db, &a, IK_GROUPS, "団体名,備考\nx,y\n", 0, &r),
	                 IMP_PROBLEMS);
	assert_true(has(&r, 1, 0, "「フリガナ」"));
	assert_true(has(&r, 1, 0, "「種別」"));
	/* a header twice (an alias counts) */
	assert_int_equal(imp(db, &a, IK_GROUPS,
	                     "団体名,フリガナ,種別,地区,活動地区\nx,y,z,a,b\n",
	                     0, &r),
	                 IMP_PROBLEMS);
	assert_true(has(&r, 1, 5, "2つあります"));
	/* malformed CSV: where */
	assert_int_equal(imp(db, &a, IK_GROUPS,
	                     "団体名,フリガナ,種別\n\"a,b,c\nd,e\n", 0, &r),
	                 IMP_PROBLEMS);
	assert_true(has(&r, 2, 1, "引用符"));
	assert_int_equal(
	    imp(db, &a, IK_GROUPS, "団体名,フリガナ,種別\na,b\"c,d\n", 0, &r),
	    IMP_PROBLEMS);
	assert_true(has(&r, 2, 2, "引用符"));
	/* neither UTF-8 nor Shift_JIS */
	assert_int_equal(import_csv(db, &a, &cli, IK_GROUPS, latin1,
	                            sizeof(latin1) - 1, 0, &r),
	                 IMP_PROBLEMS);
	assert_true(has(&r, 0, 0, "文字コード"));
	assert_int_equal(r.cs, CS_UNKNOWN);
	/* empty, header only */
	assert_int_equal(imp(db, &a, IK_GROUPS, "", 0, &r), IMP_PROBLEMS);
	assert_true(has(&r, 0, 0, "空"));
	assert_int_equal(
	    imp(db, &a, IK_GROUPS, "団体名,フリガナ,種別\r\n", 0, &r),
	    IMP_PROBLEMS);
	assert_true(has(&r, 0, 0, "データの行"));
	/* a value beyond the header */
	assert_int_equal(imp(db, &a, IK_GROUPS,
	                     "団体名,フリガナ,種別\nx,エックス,町内会・自治会,"
	                     "余分\n",
	                     0, &r),
	                 IMP_PROBLEMS);
	assert_true(has(&r, 2, 4, "見出しのない列"));
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM groups"), 0);
	arena_free(&a);
	db_close(db);
}

static void test_sjis(void **state)
{
	struct db *db = testdb_open(NULL, NULL);
	struct arena a;
	struct import_report r;
	FILE *f = fopen("tests/unit/fixtures/groups-cp932.csv", "rb");
	char buf[4096];
	size_t n;

	(void)state;
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	arena_init(&a, 0);
	if (import_csv(db, &a, &cli, IK_GROUPS, buf, n, 0, &r) != IMP_OK)
		show(&r);
	assert_int_equal(r.cs, CS_CP932);
	assert_int_equal(r.written, 2);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM groups WHERE name = "
	                            "'髙橋①ボランティア会' AND status = "
	                            "'shinsei'"),
	                 1);
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM group_fields"),
	                 4);
	arena_free(&a);
	db_close(db);
}

/* Groups the project tests refer to. */
static void partners_fixture(struct db *db, struct arena *a)
{
	struct import_report r;

	if (imp(db, a, IK_GROUPS, groups_csv, 0, &r) != IMP_OK)
		show(&r);
	assert_int_equal(r.written, 2);
}

static const char projects_csv[] =
    "年度,事業名,形態,担当課,分野,状況,提案区分,公開,概要,開始日,終了日,"
    "相手方,市の役割,事業費（予定）,市負担額（予定）,補助金・助成金の名称,"
    "交付額,経費と役割の分担\r\n"
    "令和6年度,港まつり,共催,協働推進課,\"まちづくり、観光\",実施中,"
    "行政提案型,公開,\"夏の港まつり。\r\n二行目\",2024/7/1,2024/7/31,"
    "港町町内会（共催）、みなと子ども劇場（協力）,会場の手配,"
    "\"1,000,000円\",500000,,,経費は折半\r\n"
    "2023,人形劇の公演,補助,市民生活部 協働推進課,文化・芸術,完了,"
    "市民提案型,,,2023-10-01,2023-10-01,みなと子ども劇場（補助事業者）,,"
    ",,まちづくり活動支援補助金,200000,\r\n";

static void test_projects(void **state)
{
	struct db *db = testdb_open(NULL, NULL);
	struct arena a;
	struct import_report r;

	(void)state;
	arena_init(&a, 0);
	partners_fixture(db, &a);
	if (imp(db, &a, IK_PROJECTS, projects_csv, 0, &r) != IMP_OK)
		show(&r);
	assert_int_equal(r.written, 2);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM projects WHERE "
	                   "fiscal_year = 2024 AND form = 'kyosai' AND "
	                   "domain = 'kyoryoku' AND department = "
	                   "'kyodo' AND status = 'jisshi' AND "
	                   "published = 1 AND budget_planned = 1000000 "
	                   "AND city_share_planned = 500000 AND "
	                   "period_start = '2024-07-01' AND summary = "
	                   "'夏の港まつり。\n二行目'"),
	    1);
	assert_int_equal(
	    testdb_int(db, "SELECT count(*) FROM project_partners"), 3);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM project_roles WHERE "
	                            "party = 'city'"),
	                 1);
	assert_int_equal(
	    testdb_int(db, "SELECT grant_amount FROM "
	                   "project_form_details d JOIN projects p ON "
	                   "p.id = d.project_id WHERE p.form = 'hojo'"),
	    200000);
	/* 完了 gets its progress from the status */
	assert_int_equal(testdb_int(db,
	                            "SELECT progress FROM projects WHERE form "
	                            "= 'hojo'"),
	                 100);
	assert_int_equal(testdb_int(db, "SELECT count(DISTINCT record_id) FROM "
	                                "audit_log WHERE kind = 'projects'"),
	                 2);
	arena_free(&a);
	db_close(db);
}

static void test_project_problems(void **state)
{
	static const char csv[] =
	    "年度,事業名,形態,担当課,状況,提案区分,相手方,交付額,"
	    "事業費（予定）,"
	    "市負担額（予定）,開始日,終了日\n"
	    "2024,よい事業,後援,協働推進課,提案,市民提案型,,,,,,\n"
	    "令和99,補助の事業,補助,どこかの課,完了,市民提案型,知らない団体（"
	    "主催）,,100,200,2024/2/30,2024/1/1\n"
	    "2024,よい事業,共催,協働推進課,提案,市民提案型,港町町内会（主役）"
	    ",,,,,\n";
	struct db *db = testdb_open(NULL, NULL);
	struct arena a;
	struct import_report r;

	(void)state;
	arena_init(&a, 0);
	partners_fixture(db, &a);
	assert_int_equal(imp(db, &a, IK_PROJECTS, csv, 0, &r), IMP_PROBLEMS);
	/* row 2: 後援 needs 承認の条件, a column this file does not have */
	assert_true(has(&r, 2, 0, "承認の条件"));
	/* row 3 */
	assert_true(has(&r, 3, 1, "年度"));
	assert_true(has(&r, 3, 4, "「どこかの課」は登録されていません"));
	assert_true(has(&r, 3, 7, "知らない団体"));
	assert_true(has(&r, 3, 8, "交付額"));
	assert_true(has(&r, 3, 10, "合計"));
	assert_true(has(&r, 3, 11, "実在する日付"));
	/* row 4: a role that does not exist; the same key as row 2 */
	assert_true(has(&r, 4, 7, "「主役」"));
	assert_true(has(&r, 4, 2, "前の行"));
	assert_int_equal(testdb_int(db, "SELECT count(*) FROM projects"), 0);
	arena_free(&a);
	db_close(db);
}

/* A partner that has since become 休止 or 抹消 is still a partner: a
 * project naming it imports (as the staff form keeps it). */
static void test_partner_any_status(void **state)
{
	struct db *db = testdb_open(NULL, NULL);
	struct arena a;
	struct import_report r;

	(void)state;
	arena_init(&a, 0);
	partners_fixture(db, &a);
	assert_int_equal(
	    sqlite3_exec(db->h,
	                 "UPDATE groups SET status = 'massho', "
	                 "removed_on = '2025-03-31' WHERE name = "
	                 "'港町町内会'; UPDATE groups SET status "
	                 "= 'kyushi' WHERE name = 'みなと子ども劇場'",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	if (imp(db, &a, IK_PROJECTS, projects_csv, 0, &r) != IMP_OK)
		show(&r);
	assert_int_equal(r.written, 2);
	assert_int_equal(testdb_int(db,
	                            "SELECT count(*) FROM project_partners pp "
	                            "JOIN groups g ON g.id = pp.group_id WHERE "
	                            "g.status IN ('massho', 'kyushi')"),
	                 3);
	arena_free(&a);
	db_close(db);
}

/* Import g and p, the export of ng groups and np projects, into to: no
 * problem, every record; then to's own export is the same bytes. */
static void reimport(struct db *to, struct arena *a, struct buf *g, size_t ng,
                     struct buf *p, size_t np)
{
	struct import_report r;
	struct buf g2 = {0}, p2 = {0};

	if (import_csv(to, a, &cli, IK_GROUPS, g->data, g->len, 0, &r) !=
	    IMP_OK)
		show(&r);
	assert_int_equal(r.np + r.nmore, 0);
	assert_int_equal(r.written, ng);
	if (import_csv(to, a, &cli, IK_PROJECTS, p->data, p->len, 0, &r) !=
	    IMP_OK)
		show(&r);
	assert_int_equal(r.np + r.nmore, 0);
	assert_int_equal(r.written, np);
	assert_int_equal(export_csv(to, a, IK_GROUPS, &g2, NULL), 0);
	assert_int_equal(export_csv(to, a, IK_PROJECTS, &p2, NULL), 0);
	assert_string_equal(buf_cstr(g), buf_cstr(&g2));
	assert_string_equal(buf_cstr(p), buf_cstr(&p2));
	buf_free(&g2);
	buf_free(&p2);
}

/* export → import into an empty database → export: the same bytes. */
static void test_round_trip(void **state)
{
	struct db *one = testdb_open(NULL, NULL),
	          *two = testdb_open(NULL, NULL);
	struct arena a;
	struct import_report r;
	struct buf g1 = {0}, p1 = {0};
	size_t rows;

	(void)state;
	arena_init(&a, 0);
	partners_fixture(one, &a);
	assert_int_equal(imp(one, &a, IK_PROJECTS, projects_csv, 0, &r),
	                 IMP_OK);
	assert_int_equal(export_csv(one, &a, IK_GROUPS, &g1, &rows), 0);
	assert_int_equal(rows, 2);
	assert_int_equal(export_csv(one, &a, IK_PROJECTS, &p1, &rows), 0);
	assert_int_equal(rows, 2);
	assert_memory_equal(g1.data, CSV_BOM, 3);
	assert_non_null(strstr(g1.data, "\r\n"));
	/* the private contact is in the admin export */
	assert_non_null(strstr(g1.data, "090-0000-0002"));
	assert_non_null(strstr(p1.data, "港町町内会（共催）、みなと子ども劇"
	                                "場（協力）"));
	reimport(two, &a, &g1, 2, &p1, 2);
	/* an export is audited once the file is out */
	assert_int_equal(export_audit(two, &cli, IK_PROJECTS, 2), 0);
	assert_int_equal(testdb_int(two,
	                            "SELECT count(*) FROM audit_log WHERE "
	                            "action = 'export' AND kind = 'projects' "
	                            "AND new_value = '2'"),
	                 1);
	assert_int_equal(testdb_int(two, "SELECT count(*) FROM audit_log WHERE "
	                                 "action = 'import'"),
	                 2);
	buf_free(&g1);
	buf_free(&p1);
	arena_free(&a);
	db_close(one);
	db_close(two);
}

/* The demo data set (model/demo.h) exported, then imported into a fresh
 * database holding the same master data (the demo's plans and policies
 * copied over): no problem, every record, and the same files again. */
static void test_demo_round_trip(void **state)
{
	char dir[] = "/tmp/kyodo-demo-rt.XXXXXX", path[64], side[80];
	struct db *one, *two = testdb_open(NULL, NULL);
	struct arena a;
	struct buf g1 = {0}, p1 = {0};
	size_t ng, np;
	sqlite3_stmt *st;

	(void)state;
	arena_init(&a, 0);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/demo.db", dir);
	one = db_open(path, NULL, 1);
	assert_non_null(one);
	assert_int_equal(db_migrate(one, "schema"), 0);
	assert_int_equal(demo_load(one->h, "demo"), 0);
	assert_int_equal(export_csv(one, &a, IK_GROUPS, &g1, &ng), 0);
	assert_int_equal(export_csv(one, &a, IK_PROJECTS, &p1, &np), 0);
	assert_true(ng > 0 && np > 0);

	/* the same master data: what the demo adds to the seeded tables */
	assert_int_equal(
	    sqlite3_prepare_v2(two->h, "ATTACH ?1 AS src", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(
	    sqlite3_exec(two->h,
	                 "INSERT INTO main.plans SELECT * FROM src.plans; "
	                 "INSERT INTO main.plan_policies SELECT * FROM "
	                 "src.plan_policies; DETACH src",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	reimport(two, &a, &g1, ng, &p1, np);

	buf_free(&g1);
	buf_free(&p1);
	arena_free(&a);
	db_close(one);
	db_close(two);
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	rmdir(dir);
}

/* One normaliser case: raw and what it must become. */
struct ncase {
	const char *raw, *want;
};

static void test_normalisers(void **state)
{
	static const struct ncase dates[] = {
	    {"2024/4/1", "2024-04-01"},
	    {"2024-04-01", "2024-04-01"},
	    {"2024年4月1日", "2024-04-01"},
	    {"２０２４／４／１", "2024-04-01"},
	    {"R6.4.1", "2024-04-01"},
	    {"令和6年4月1日", "2024-04-01"},
	    {"令和元年5月1日", "2019-05-01"},
	    {"H31.4.30", "2019-04-30"},
	    {"2024.12.31", "2024-12-31"},
	    {"明日", "明日"},
	    {"2024/13/1", "2024/13/1"},
	    {"2024", "2024"},
	};
	static const struct ncase founded[] = {
	    {"2005", "2005"},      {"2005年", "2005"},
	    {"2005/4", "2005-04"}, {"2005年4月", "2005-04"},
	    {"昭和40年", "1965"},  {"2005/4/1", "2005-04-01"},
	};
	static const struct ncase years[] = {
	    {"2024", "2024"},       {"2024年度", "2024"},
	    {"令和6年度", "2024"},  {"令和６", "2024"},
	    {"R6", "2024"},         {"H30", "2018"},
	    {"平成30年度", "2018"}, {"令和元年度", "2019"},
	    {"FY2024", "2024"},     {"来年", "来年"},
	};
	static const struct ncase ints[] = {
	    {"1,000,000円", "1,000,000"},
	    {"¥1,234", "1,234"},
	    {"２５人", "25"},
	    {"12名", "12"},
	    {"50%", "50"},
	    {"たくさん", "たくさん"},
	};
	struct arena a;

	(void)state;
	arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		assert_string_equal(imp_norm_date(&a, dates[i].raw, 1),
		                    dates[i].want);
	for (size_t i = 0; i < sizeof(founded) / sizeof(founded[0]); i++)
		assert_string_equal(imp_norm_date(&a, founded[i].raw, 0),
		                    founded[i].want);
	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++)
		assert_string_equal(imp_norm_year(&a, years[i].raw),
		                    years[i].want);
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
		assert_string_equal(imp_norm_int(&a, ints[i].raw),
		                    ints[i].want);
	assert_string_equal(imp_norm_text(&a, "a\r\nb\rc\nd"), "a\nb\nc\nd");
	assert_string_equal(imp_norm_kana(&a, "ﾐﾅﾄﾏﾁ ﾁｮｳﾅｲｶｲ"),
	                    "ミナトマチ チョウナイカイ");
	assert_string_equal(imp_norm_kana(&a, "ｶﾞｯｺｳ ﾊﾟﾝ ﾎﾞﾗﾝﾃｨｱ ｳﾞｨ ｯﾞ"),
	                    "ガッコウ パン ボランティア ヴィ ッ゛");
	assert_string_equal(imp_norm_kana(&a, "ひらがな・カタカナ"),
	                    "ひらがな・カタカナ");
	assert_int_equal(imp_yes_no(&a, "公開", "公開", "非公開"), 1);
	assert_int_equal(imp_yes_no(&a, " 非公開 ", "公開", "非公開"), 0);
	assert_int_equal(imp_yes_no(&a, "", "公開", "非公開"), 0);
	assert_int_equal(imp_yes_no(&a, "○", "公開", "非公開"), 1);
	assert_int_equal(imp_yes_no(&a, "たぶん", "公開", "非公開"), -1);
	arena_free(&a);
}

static void test_lookup_split(void **state)
{
	static struct code_name rows[] = {
	    {"kyodo", "市民生活部 協働推進課"},
	    {"kikaku", "企画部 企画課"},
	    {"kanko", "経済部 観光課"},
	    {"kanko2", "産業部 観光課"},
	};
	static const struct code_list l = {rows, 4};
	struct arena a;
	size_t n;
	const char **v;

	(void)state;
	arena_init(&a, 0);
	assert_string_equal(imp_lookup(&a, &l, "kyodo", 0), "kyodo");
	assert_string_equal(imp_lookup(&a, &l, "市民生活部協働推進課", 0),
	                    "kyodo");
	assert_string_equal(imp_lookup(&a, &l, "市民生活部　協働推進課", 0),
	                    "kyodo");
	assert_null(imp_lookup(&a, &l, "協働推進課", 0));
	assert_string_equal(imp_lookup(&a, &l, "協働推進課", 1), "kyodo");
	assert_null(imp_lookup(&a, &l, "観光課", 1)); /* two of them */
	assert_null(imp_lookup(&a, &l, "", 1));
	v = imp_split(&a, " 福祉、 子育て ,文化・芸術／\r\n防災;;", &n);
	assert_int_equal(n, 4);
	assert_string_equal(v[0], "福祉");
	assert_string_equal(v[1], "子育て");
	assert_string_equal(v[2], "文化・芸術");
	assert_string_equal(v[3], "防災");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_normalisers),
	    cmocka_unit_test(test_lookup_split),
	    cmocka_unit_test(test_groups_ok),
	    cmocka_unit_test(test_large_import_merges),
	    cmocka_unit_test(test_groups_problems),
	    cmocka_unit_test(test_file_problems),
	    cmocka_unit_test(test_sjis),
	    cmocka_unit_test(test_projects),
	    cmocka_unit_test(test_project_problems),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_partner_any_status),
	    cmocka_unit_test(test_demo_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
