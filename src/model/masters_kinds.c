/* Master data: the column table of every kind, the statements that read
 * them, and the readers (lists, one row, scale levels, select options,
 * fingerprints). The writes are in model/masters_write.c. Every statement
 * is a string literal given to db_prep. */
#include "model/masters_write.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

const char *v_master_code(struct arena *a, const struct field *f,
                          const char *raw, struct fieldval *v)
{
	size_t n = strlen(raw);

	if (!(raw[0] >= 'a' && raw[0] <= 'z') ||
	    strspn(raw, "abcdefghijklmnopqrstuvwxyz0123456789_") != n)
		return arena_printf(
		    a,
		    "%sは半角の英小文字で始め、英小文字・数字・"
		    "「_」だけで入力してください（例：kyodo）。",
		    f->label);
	if (f->max > 0 && n > (size_t)f->max)
		return arena_printf(a, "%sは%lld文字以内で入力してください。",
		                    f->label, f->max);
	v->text = raw;
	return NULL;
}

/* Shorthands for the column tables. */
#define FLD(n, l, req, fn, lo, hi)                                             \
	{                                                                      \
		n, l, req, fn, lo, hi, NULL                                    \
	}
#define CODE_HINT                                                              \
	"半角英小文字で始まる英小文字・数字・「_"           \
	"」。URLや取込ファイルで使われ、"                        \
	"あとから変更できません。"
#define SORT_COL                                                                          \
	{                                                                                 \
		FLD("sort", "表示順", 1, v_int, 0, 99999), MW_INT, MT_INT,                \
		    MC_NONE, 0, 1, "小さい順に並びます（例：10, 20, 30）。" \
	}

static const char *const kind_types[] = {"地縁型", "テーマ型", NULL};

static const struct mcol dept_cols[] = {
    {FLD("code", "コード", 1, v_master_code, 1, 32), MW_CODE, MT_TEXT, MC_NONE,
     1, 1, CODE_HINT},
    {FLD("name", "名称", 1, v_line, 1, 100), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     "部と課の名前（例：市民生活部 協働推進課）。"},
    {FLD("phone", "電話番号", 0, v_line, 0, 40), MW_LINE, MT_NTEXT, MC_NONE, 0,
     1, "代表番号や内線（例：0143-00-0000 内線123）。"},
    SORT_COL,
};

static const struct mcol field_cols[] = {
    {FLD("code", "コード", 1, v_master_code, 1, 32), MW_CODE, MT_TEXT, MC_NONE,
     1, 1, CODE_HINT},
    {FLD("name", "名称", 1, v_line, 1, 50), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     "例：福祉、子育て、まちづくり"},
    SORT_COL,
};

static const struct mcol form_cols[] = {
    {FLD("code", "コード", 1, v_master_code, 1, 32), MW_CODE, MT_TEXT, MC_NONE,
     1, 1, CODE_HINT " 公開ページのアドレス（/forms/コード）になります。"},
    {FLD("name", "名称", 1, v_line, 1, 50), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     "例：委託、共催、補助、後援"},
    {FLD("kana", "よみがな", 1, v_kana, 1, 100), MW_LINE, MT_TEXT, MC_NONE, 0,
     0, "ひらがな又はカタカナ（例：いたく）。"},
    {FLD("description", "説明", 1, v_text, 1, 2000), MW_TEXT, MT_TEXT, MC_NONE,
     0, 0, "どのような協働の形態か。公開ページに表示されます。"},
    {FLD("effect", "期待される効果", 0, v_text, 0, 2000), MW_TEXT, MT_TEXT,
     MC_NONE, 0, 0, ""},
    {FLD("examples", "事例", 0, v_text, 0, 1000), MW_TEXT, MT_TEXT, MC_NONE, 0,
     0, "例：防災訓練の実施、セミナーの開催"},
    {FLD("domain", "主な領域", 1, v_line, 1, 32), MW_SELECT, MT_TEXT,
     MC_DOMAINS, 0, 1,
     "この形態がふつう位置する領域（市民主導・協力・行政主導など）。"},
    {FLD("caution", "注意点", 0, v_text, 0, 1000), MW_TEXT, MT_TEXT, MC_NONE, 0,
     0,
     "形態のページに注意として表示されます（例：補助は対等性を失いやすい）。"},
    {FLD("core", "主要な形態", 0, v_bool, 0, 1), MW_BOOL, MT_INT, MC_NONE, 0, 1,
     "トップページなどで最初に示す形態（委託・共催・補助・後援など）。"},
    SORT_COL,
};

static const struct mcol kind_cols[] = {
    {FLD("code", "コード", 1, v_master_code, 1, 32), MW_CODE, MT_TEXT, MC_NONE,
     1, 1, CODE_HINT},
    {FLD("name", "名称", 1, v_line, 1, 100), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     "例：町内会・自治会"},
    {{"type", "類型", 0, v_oneof, 0, 0, kind_types},
     MW_SELECT,
     MT_NTEXT,
     MC_KIND_TYPE,
     0,
     1,
     "地縁型（町内会など）かテーマ型（NPOなど）か。テーマ型の団体は、登録の承認"
     "時に6つの要件を確認します。"},
    {FLD("description", "説明", 0, v_text, 0, 500), MW_TEXT, MT_TEXT, MC_NONE,
     0, 0, ""},
    SORT_COL,
};

static const struct mcol role_cols[] = {
    {FLD("code", "コード", 1, v_master_code, 1, 32), MW_CODE, MT_TEXT, MC_NONE,
     1, 1, CODE_HINT},
    {FLD("name", "名称", 1, v_line, 1, 50), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     "例：主催、共催、受託者、協力"},
    SORT_COL,
};

static const struct mcol set_cols[] = {
    {FLD("code", "コード", 1, v_master_code, 1, 32), MW_CODE, MT_TEXT, MC_NONE,
     1, 1, CODE_HINT},
    {FLD("name", "名称", 1, v_line, 1, 100), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     "例：協働の基本原則（7原則）"},
    {FLD("source", "出典", 0, v_line, 0, 200), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     "例：みなと市 協働のまちづくり指針"},
};

static const struct mcol principle_cols[] = {
    {FLD("set_code", "原則のセット", 1, v_line, 1, 32), MW_SELECT, MT_TEXT,
     MC_SETS, 1, 1, "どのセットの原則か。あとから変更できません。"},
    {FLD("code", "コード", 1, v_master_code, 1, 32), MW_CODE, MT_TEXT, MC_NONE,
     1, 1, CODE_HINT},
    {FLD("name", "名称", 1, v_line, 1, 100), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     "例：対等"},
    {FLD("description", "説明", 1, v_text, 1, 500), MW_TEXT, MT_TEXT, MC_NONE,
     0, 0, "評価シートに表示される一文。"},
    SORT_COL,
};

static const struct mcol scale_cols[] = {
    {FLD("code", "コード", 1, v_master_code, 1, 32), MW_CODE, MT_TEXT, MC_NONE,
     1, 1, CODE_HINT},
    {FLD("name", "名称", 1, v_line, 1, 100), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     "例：5段階評価（1〜5）"},
    {FLD("description", "説明", 0, v_text, 0, 500), MW_TEXT, MT_TEXT, MC_NONE,
     0, 0, "評価シートの上に表示されます。"},
    {FLD("is_default", "既定の尺度", 0, v_bool, 0, 1), MW_BOOL, MT_INT, MC_NONE,
     0, 1, "新しい評価シートで最初に選ばれる尺度（1つだけ）。"},
    SORT_COL,
};

static const struct mcol plan_cols[] = {
    {FLD("name", "計画の名称", 1, v_line, 1, 200), MW_LINE, MT_TEXT, MC_NONE, 0,
     1, "例：第2次協働のまちづくり推進計画"},
    {FLD("first_year", "開始年度", 1, v_int, 1989, 2100), MW_INT, MT_INT,
     MC_NONE, 0, 1, "西暦で入力します（例：2024 は令和6年度）。"},
    {FLD("last_year", "終了年度", 1, v_int, 1989, 2100), MW_INT, MT_INT,
     MC_NONE, 0, 1, "西暦で入力します。"},
    {FLD("description", "説明", 0, v_text, 0, 2000), MW_TEXT, MT_TEXT, MC_NONE,
     0, 0, ""},
};

static const struct mcol policy_cols[] = {
    {FLD("plan_id", "計画", 1, v_int, 1, 1LL << 53), MW_SELECT, MT_INT,
     MC_PLANS, 0, 1, ""},
    {FLD("parent_id", "上位の基本方針", 0, v_int, 1, 1LL << 53), MW_SELECT,
     MT_NINT, MC_TOP_POLICY, 0, 1,
     "基本方針のときは空欄。施策・アクション項目のときは、属する基本方針を選び"
     "ます（同じ計画のもの）。"},
    {FLD("code", "番号", 1, v_line, 1, 20), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     "計画書での番号（例：1、1-1、2-(3)）。"},
    {FLD("title", "名称", 1, v_line, 1, 200), MW_LINE, MT_TEXT, MC_NONE, 0, 1,
     ""},
    {FLD("content", "内容", 0, v_text, 0, 4000), MW_TEXT, MT_TEXT, MC_NONE, 0,
     0, ""},
    {FLD("effect", "効果", 0, v_text, 0, 2000), MW_TEXT, MT_TEXT, MC_NONE, 0, 0,
     ""},
    SORT_COL,
};

#define COLS(c) c, sizeof(c) / sizeof(c[0])

static const struct mkind_def kinds[MK__MAX] = {
    [MK_DEPARTMENT] = {"departments", "departments", "担当課",
                       "事業を担当する市の部署です。職員の利用者はいずれかの担"
                       "当課に属し、その課の事業を登録・編集します。",
                       0, 1, COLS(dept_cols)},
    [MK_FIELD] = {"fields", "fields", "分野",
                  "団体の活動分野と事業の分野です。公開ページの絞り込みに使わ"
                  "れます。",
                  0, 1, COLS(field_cols)},
    [MK_FORM] = {"forms", "forms", "協働の形態",
                 "委託・共催・補助・後援など、協働の形態です。説明と注意点は"
                 "公開ページ（協働の形態）にそのまま表示されます。",
                 0, 1, COLS(form_cols)},
    [MK_GROUP_KIND] = {"group-kinds", "group_kinds", "団体の種別",
                       "町内会・自治会、NPO、企業など、協働の主体の種別です。",
                       0, 1, COLS(kind_cols)},
    [MK_PARTNER_ROLE] = {"partner-roles", "partner_roles", "相手方の役割",
                         "事業の相手方（団体）が事業の中で担う役割です。", 0, 1,
                         COLS(role_cols)},
    [MK_PRINCIPLE_SET] = {"principle-sets", "principle_sets", "原則のセット",
                          "市の指針が定める協働の原則の組です。評価シートは「"
                          "使用中」のセットの原則で作られます。",
                          0, 0, COLS(set_cols)},
    [MK_PRINCIPLE] = {"principles", "principles", "協働の原則",
                      "評価シートで1つずつ点数をつける原則です。過去の評価は、"
                      "つけたときの原則を指したまま残ります。",
                      1, 1, COLS(principle_cols)},
    [MK_SCALE] = {"scales", "eval_scales", "評価の尺度",
                  "評価シートの点数のつけ方（1〜5、A〜D など）と、各段階の表"
                  "示です。",
                  0, 1, COLS(scale_cols)},
    [MK_PLAN] = {"plans", "plans", "計画",
                 "協働推進計画・アクションプログラムです。基本方針やアクショ"
                 "ン項目は「基本方針・アクション」で登録します。",
                 1, 1, COLS(plan_cols)},
    [MK_POLICY] = {"policies", "plan_policies", "基本方針・アクション",
                   "計画の基本方針と、その下の施策・アクション項目です。事業は"
                   "どの方針に役立つかを選べます。",
                   1, 1, COLS(policy_cols)},
};

const struct mkind_def *masters_kind(enum mkind k)
{
	return k < MK__MAX ? &kinds[k] : &kinds[MK_FIELD];
}

int masters_kind_by_slug(const char *slug)
{
	for (int k = 0; k < MK__MAX; k++)
		if (k != MK_DEPARTMENT && slug != NULL &&
		    strcmp(kinds[k].slug, slug) == 0)
			return k;
	return -1;
}

int masters_col(enum mkind k, const char *name)
{
	const struct mkind_def *d = masters_kind(k);

	for (size_t i = 0; i < d->ncols; i++)
		if (strcmp(d->cols[i].f.name, name) == 0)
			return (int)i;
	return -1;
}

/* ------------------------------------------------------------ the SQL -- */

/* Every statement of a kind returns: rowid, the columns in column order,
 * the use mark, active, the extra note. The use mark is 1 when a probe
 * through an index or a summary table finds a record using the row (a
 * count for principle sets, plans and policies, whose children are few);
 * references the schema has no index for (proposals, partner roles,
 * evaluation scales) are found by the foreign-key check when a delete is
 * tried, and reported then. */
static sqlite3_stmt *stmt_list(struct db *db, enum mkind k)
{
	switch (k) {
	case MK_DEPARTMENT:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, phone, sort, EXISTS (SELECT 1 "
		    "FROM projects WHERE department = d.code LIMIT 1) OR "
		    "EXISTS (SELECT 1 FROM users WHERE department = d.code), "
		    "active, '' FROM departments d ORDER BY sort, code");
	case MK_FIELD:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, sort, EXISTS (SELECT 1 FROM "
		    "group_fields WHERE field = f.code LIMIT 1) OR EXISTS "
		    "(SELECT 1 FROM project_fields WHERE field = f.code LIMIT "
		    "1), active, '' FROM fields f ORDER BY sort, code");
	case MK_FORM:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, kana, description, effect, "
		    "examples, domain, caution, core, sort, EXISTS (SELECT 1 "
		    "FROM project_counts WHERE form = f.code AND total > 0), "
		    "active, '' FROM forms f ORDER BY sort, code");
	case MK_GROUP_KIND:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, type, description, sort, "
		    "EXISTS (SELECT 1 FROM group_counts WHERE kind = k.code "
		    "AND n > 0), active, '' FROM group_kinds k ORDER BY sort, "
		    "code");
	case MK_PARTNER_ROLE:
		return db_prep(db,
		               "SELECT rowid, code, name, sort, 0, active, '' "
		               "FROM partner_roles ORDER BY sort, code");
	case MK_PRINCIPLE_SET:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, source, (SELECT count(*) FROM "
		    "principles WHERE set_code = s.code), 1, CASE active WHEN "
		    "1 THEN '使用中' ELSE '' END FROM principle_sets s ORDER "
		    "BY active DESC, code");
	case MK_PRINCIPLE:
		return db_prep(
		    db,
		    "SELECT p.id, p.set_code, p.code, p.name, p.description, "
		    "p.sort, EXISTS (SELECT 1 FROM evaluation_scores WHERE "
		    "principle_id = p.id), p.active, '' FROM principles p "
		    "JOIN principle_sets s ON s.code = p.set_code ORDER BY "
		    "s.active DESC, p.set_code, p.sort, p.id");
	case MK_SCALE:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, description, is_default, sort, "
		    "0, active, (SELECT group_concat(mark || ' ' || label, "
		    "'／') "
		    "FROM (SELECT mark, label FROM eval_scale_levels WHERE "
		    "scale = s.code ORDER BY level DESC)) FROM eval_scales s "
		    "ORDER BY sort, code");
	case MK_PLAN:
		return db_prep(
		    db,
		    "SELECT id, name, first_year, last_year, description, "
		    "(SELECT count(*) FROM plan_policies WHERE plan_id = "
		    "p.id), active, '' FROM plans p ORDER BY first_year DESC, "
		    "id");
	case MK_POLICY:
		return db_prep(
		    db,
		    "SELECT p.id, p.plan_id, p.parent_id, p.code, p.title, "
		    "p.content, p.effect, p.sort, EXISTS (SELECT 1 FROM "
		    "projects WHERE plan_policy_id = p.id) + (SELECT count(*) "
		    "FROM plan_policies c WHERE c.parent_id = p.id), "
		    "p.active, '' FROM plan_policies p JOIN plans l ON l.id = "
		    "p.plan_id ORDER BY l.first_year DESC, p.plan_id, "
		    "coalesce((SELECT q.sort FROM plan_policies q WHERE q.id "
		    "= p.parent_id), p.sort), coalesce(p.parent_id, p.id), "
		    "p.parent_id IS NOT NULL, p.sort, p.id");
	case MK__MAX: break;
	}
	return NULL;
}

/* The same columns for one row; binds ?1 (the key). */
static sqlite3_stmt *stmt_get(struct db *db, enum mkind k)
{
	switch (k) {
	case MK_DEPARTMENT:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, phone, sort, EXISTS (SELECT 1 "
		    "FROM projects WHERE department = d.code LIMIT 1) OR "
		    "EXISTS (SELECT 1 FROM users WHERE department = d.code), "
		    "active, '' FROM departments d WHERE code = ?1");
	case MK_FIELD:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, sort, EXISTS (SELECT 1 FROM "
		    "group_fields WHERE field = f.code LIMIT 1) OR EXISTS "
		    "(SELECT 1 FROM project_fields WHERE field = f.code LIMIT "
		    "1), active, '' FROM fields f WHERE code = ?1");
	case MK_FORM:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, kana, description, effect, "
		    "examples, domain, caution, core, sort, EXISTS (SELECT 1 "
		    "FROM project_counts WHERE form = f.code AND total > 0), "
		    "active, '' FROM forms f WHERE code = ?1");
	case MK_GROUP_KIND:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, type, description, sort, "
		    "EXISTS (SELECT 1 FROM group_counts WHERE kind = k.code "
		    "AND n > 0), active, '' FROM group_kinds k WHERE code = "
		    "?1");
	case MK_PARTNER_ROLE:
		return db_prep(db,
		               "SELECT rowid, code, name, sort, 0, active, '' "
		               "FROM partner_roles WHERE code = ?1");
	case MK_PRINCIPLE_SET:
		return db_prep(
		    db,
		    "SELECT rowid, code, name, source, (SELECT count(*) FROM "
		    "principles WHERE set_code = s.code), 1, CASE active WHEN "
		    "1 THEN '使用中' ELSE '' END FROM principle_sets s WHERE "
		    "code = ?1");
	case MK_PRINCIPLE:
		return db_prep(
		    db,
		    "SELECT p.id, p.set_code, p.code, p.name, p.description, "
		    "p.sort, EXISTS (SELECT 1 FROM evaluation_scores WHERE "
		    "principle_id = p.id), p.active, '' FROM principles p "
		    "JOIN principle_sets s ON s.code = p.set_code WHERE p.id "
		    "= ?1");
	case MK_SCALE:
		return db_prep(db, "SELECT rowid, code, name, description, "
		                   "is_default, sort, 0, active, '' FROM "
		                   "eval_scales WHERE code = ?1");
	case MK_PLAN:
		return db_prep(
		    db, "SELECT id, name, first_year, last_year, description, "
		        "(SELECT count(*) FROM plan_policies WHERE plan_id = "
		        "p.id), active, '' FROM plans p WHERE id = ?1");
	case MK_POLICY:
		return db_prep(
		    db,
		    "SELECT p.id, p.plan_id, p.parent_id, p.code, p.title, "
		    "p.content, p.effect, p.sort, EXISTS (SELECT 1 FROM "
		    "projects WHERE plan_policy_id = p.id) + (SELECT count(*) "
		    "FROM plan_policies c WHERE c.parent_id = p.id), "
		    "p.active, '' FROM plan_policies p JOIN plans l ON l.id = "
		    "p.plan_id WHERE p.id = ?1");
	case MK__MAX: break;
	}
	return NULL;
}

/* ------------------------------------------------------------ reading -- */

/* Read the current row of st (columns as stmt_list) into out. */
static int read_row(struct arena *a, sqlite3_stmt *st, enum mkind k,
                    struct mrow *out)
{
	const struct mkind_def *d = masters_kind(k);
	int oom = 0, c = (int)d->ncols;

	memset(out, 0, sizeof(*out));
	out->rowid = sqlite3_column_int64(st, 0);
	for (size_t i = 0; i < d->ncols; i++)
		out->v[i] = model_text_or_null(a, st, (int)i + 1, &oom);
	out->uses = sqlite3_column_int64(st, c + 1);
	out->active = sqlite3_column_int(st, c + 2);
	out->extra = model_text(a, st, c + 3, &oom);
	out->key = d->id_key ? arena_printf(a, "%lld", out->rowid) : out->v[0];
	return oom || out->key == NULL ? -1 : 0;
}

enum mstatus masters_list(struct db *db, struct arena *a, enum mkind k,
                          struct mrow **out, size_t *n)
{
	sqlite3_stmt *st = stmt_list(db, k);
	struct model_rows r = {st, 0, 0, 0};
	struct mrow *row;
	enum mstatus ms;

	*out = NULL;
	*n = 0;
	while ((row = model_row(a, &r, (void **)out, n, sizeof(**out))) != NULL)
		if (read_row(a, st, k, row) < 0)
			r.oom = 1;
	if ((ms = model_rows_end(db, &r, NULL)) == MS_DB && st != NULL)
		log_err("masters_list %s: %s", masters_kind(k)->table,
		        sqlite3_errmsg(db->h));
	return ms;
}

/* Bind key to ?idx: an integer for id-keyed kinds (0 when not a number,
 * which matches no row), else text. */
void masters_bind_key(sqlite3_stmt *st, int idx, enum mkind k, const char *key)
{
	if (masters_kind(k)->id_key) {
		char *end;
		long long id = strtoll(key, &end, 10);

		sqlite3_bind_int64(st, idx, *key && *end == '\0' ? id : 0);
	} else {
		sqlite3_bind_text(st, idx, key, -1, SQLITE_TRANSIENT);
	}
}

enum mstatus masters_get(struct db *db, struct arena *a, enum mkind k,
                         const char *key, struct mrow *out)
{
	sqlite3_stmt *st = stmt_get(db, k);
	int rc;
	enum mstatus ms = MS_OK;

	if (st == NULL)
		return MS_DB;
	masters_bind_key(st, 1, k, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		ms = read_row(a, st, k, out) < 0 ? MS_NOMEM : MS_OK;
	else if (rc == SQLITE_DONE)
		ms = MS_NOTFOUND;
	else {
		log_err("masters_get %s: %s", masters_kind(k)->table,
		        sqlite3_errmsg(db->h));
		ms = MS_DB;
	}
	sqlite3_reset(st);
	return ms;
}

enum mstatus masters_levels(struct db *db, struct arena *a, const char *scale,
                            struct mlevel lv[MLEVEL_MAX])
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT level, mark, label, points, comment_required FROM "
	        "eval_scale_levels WHERE scale = ?1");
	int rc, oom = 0;

	memset(lv, 0, MLEVEL_MAX * sizeof(*lv));
	if (st == NULL)
		return MS_DB;
	sqlite3_bind_text(st, 1, scale, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = sqlite3_column_int(st, 0) - 1;

		if (i < 0 || i >= MLEVEL_MAX)
			continue;
		lv[i].present = 1;
		lv[i].mark = model_text(a, st, 1, &oom);
		lv[i].label = model_text(a, st, 2, &oom);
		lv[i].points = sqlite3_column_int64(st, 3);
		lv[i].comment_required = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_err("masters_levels: %s", sqlite3_errmsg(db->h));
		return MS_DB;
	}
	return oom ? MS_NOMEM : MS_OK;
}

/* Feed one value (NULL distinct from "") into the hash. */
static void hash_str(crypto_generichash_state *h, const char *s)
{
	unsigned char tag = s == NULL ? 0 : 1;

	crypto_generichash_update(h, &tag, 1);
	if (s != NULL)
		crypto_generichash_update(h, (const unsigned char *)s,
		                          strlen(s) + 1);
}

const char *masters_fingerprint(struct arena *a, enum mkind k,
                                const struct mrow *row, const struct mlevel *lv)
{
	const struct mkind_def *d = masters_kind(k);
	crypto_generichash_state h;
	unsigned char out[16];
	char *hex = arena_alloc(a, sizeof(out) * 2 + 1);

	if (hex == NULL)
		return NULL;
	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	for (size_t i = 0; i < d->ncols; i++)
		hash_str(&h, row->v[i]);
	hash_str(&h, row->active ? "active" : "inactive");
	for (int i = 0; lv != NULL && i < MLEVEL_MAX; i++) {
		char num[48];

		if (!lv[i].present)
			continue;
		snprintf(num, sizeof(num), "%d:%lld:%d", i + 1, lv[i].points,
		         lv[i].comment_required);
		hash_str(&h, num);
		hash_str(&h, lv[i].mark);
		hash_str(&h, lv[i].label);
	}
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(hex, sizeof(out) * 2 + 1, out, sizeof(out));
	return hex;
}

enum mstatus masters_choices(struct db *db, struct arena *a, enum mchoice c,
                             struct code_list *out)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;

	out->v = NULL;
	out->n = 0;
	switch (c) {
	case MC_DOMAINS:
		st =
		    db_prep(db, "SELECT code, name FROM domains ORDER BY axis");
		break;
	case MC_KIND_TYPE:
		for (size_t i = 0; kind_types[i] != NULL; i++) {
			if (model_grow(a, (void **)&out->v, &cap, out->n,
			               sizeof(*out->v)) < 0)
				return MS_NOMEM;
			out->v[out->n].code = kind_types[i];
			out->v[out->n++].name = kind_types[i];
		}
		return MS_OK;
	case MC_SETS:
		st = db_prep(db,
		             "SELECT code, name FROM principle_sets ORDER BY "
		             "active DESC, code");
		break;
	case MC_PLANS:
		st = db_prep(db,
		             "SELECT id, name || '（' || first_year || '〜' || "
		             "last_year || '年度）' FROM plans ORDER BY "
		             "first_year DESC, id");
		break;
	case MC_TOP_POLICY:
		st = db_prep(db,
		             "SELECT p.id, l.name || '：' || p.code || ' ' || "
		             "p.title FROM plan_policies p JOIN plans l ON "
		             "l.id = p.plan_id WHERE p.parent_id IS NULL ORDER "
		             "BY l.first_year DESC, p.plan_id, p.sort, p.id");
		break;
	case MC_NONE:
	case MC__MAX: return MS_OK;
	}
	return model_code_list(db, a, st, out, "masters_choices");
}
