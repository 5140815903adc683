/* The columns of the CSV import and export, and what a cell may say:
 * Excel's dates, 和暦 years, amounts with 円, names compared loosely. See
 * model/import_cells.h. */
#include "model/import_cells.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"

#define PUB_NOTE  "「公開」または「非公開」（空欄は非公開）。"
#define DATE_NOTE "2024-04-01 または 2024/4/1。"
#define YEN_NOTE  "円単位の数字（カンマ・「円」は可）。"

static const struct import_column group_cols[] = {
    {"団体名", "name", 1, "", NULL, CV_TEXT},
    {"フリガナ", "kana", 1, "カタカナ又はひらがな（半角カナも可）。",
     "ふりがな|よみがな", CV_KANA},
    {"種別", "kind", 1, "団体の種別の名称（例：町内会・自治会）。",
     "団体の種別|団体種別", CV_GKIND},
    {"分野", "fields", 0, "活動分野の名称。複数は読点（、）で区切る。",
     "活動分野", CV_FIELDS},
    {"活動地区", "area", 0, "", "地区", CV_TEXT},
    {"設立", "founded", 0, "2005、2005/4 または日付。", "設立年|設立年月日",
     CV_FOUNDED},
    {"会員数", "members", 0, "数字（「人」は可）。", NULL, CV_INT},
    {"会費", "fee", 0, "例：年額1,000円。", NULL, CV_TEXT},
    {"目的", "purpose", 0, "", "活動目的", CV_TEXT},
    {"活動内容", "activities", 0, "", NULL, CV_TEXT},
    {"ホームページ", "web", 0, "http:// または https:// で始まるURL。",
     "URL|ウェブサイト", CV_TEXT},
    {"メールアドレス", "email", 0, "公開用。", "メールアドレス（公開用）",
     CV_TEXT},
    {"電話番号", "phone", 0, "公開用。", "電話番号（公開用）", CV_TEXT},
    {"代表者名", "rep_name", 0, "個人情報。", "代表者氏名|代表者", CV_TEXT},
    {"代表者名の公開", "rep_name_public", 0, PUB_NOTE, NULL, CV_PUB},
    {"代表者電話番号", "rep_phone", 0, "個人情報。",
     "代表者電話|代表者の電話番号", CV_TEXT},
    {"代表者電話番号の公開", "rep_phone_public", 0, PUB_NOTE,
     "代表者の電話番号の公開", CV_PUB},
    {"代表者住所", "rep_address", 0, "個人情報。", "代表者の住所", CV_TEXT},
    {"代表者住所の公開", "rep_address_public", 0, PUB_NOTE,
     "代表者の住所の公開", CV_PUB},
    {"代表者メールアドレス", "rep_email", 0, "個人情報。",
     "代表者のメールアドレス", CV_TEXT},
    {"代表者メールアドレスの公開", "rep_email_public", 0, PUB_NOTE,
     "代表者のメールアドレスの公開", CV_PUB},
    {"登録状況", "status", 0, "申請中・登録・休止・抹消（空欄は申請中）。",
     NULL, CV_GSTATUS},
    {"申請日", "applied_on", 0, DATE_NOTE, NULL, CV_DATE},
    {"登録日", "registered_on", 0, DATE_NOTE, NULL, CV_DATE},
    {"休止日", "suspended_on", 0, DATE_NOTE, NULL, CV_DATE},
    {"抹消日", "removed_on", 0, DATE_NOTE, NULL, CV_DATE},
    {"登録状況の備考", "status_note", 0, "", "備考", CV_TEXT},
    {"要件確認", "reqs", 0,
     "「確認済」で6つの登録要件をすべて確認済みとして記録（テーマ型の団体を"
     "「登録」で取り込むときに必要）。",
     "登録要件", CV_REQS},
};

static const struct import_column project_cols[] = {
    {"年度", "fiscal_year", 1, "2024、2024年度、令和6年度、R6 など。", NULL,
     CV_YEAR},
    {"事業名", "title", 1, "", NULL, CV_TEXT},
    {"事業名のふりがな", "kana", 0, "半角カナも可。", "ふりがな|フリガナ",
     CV_KANA},
    {"協働の形態", "form", 1, "形態の名称（例：委託、補助）。", "形態",
     CV_FORM},
    {"協働の領域", "domain", 0, "空欄のときは形態のふつうの領域。", "領域",
     CV_DOMAIN},
    {"提案区分", "proposal_type", 1, "市民提案型・行政提案型。", NULL,
     CV_PROPOSAL},
    {"担当課", "department", 1, "担当課の名称（課の名前だけでも可）。", NULL,
     CV_DEPT},
    {"分野", "fields", 0, "複数は読点（、）で区切る。", NULL, CV_FIELDS},
    {"状況", "status", 1, "提案・審査中・採択・不採択・実施中・完了・評価済。",
     "事業の状況", CV_PSTATUS},
    {"公開", "published", 0, "「公開」で公開ページに表示（空欄は非公開）。",
     NULL, CV_FLAG},
    {"概要", "summary", 0, "", NULL, CV_TEXT},
    {"目的", "purpose", 0, "", NULL, CV_TEXT},
    {"対象", "target", 0, "", NULL, CV_TEXT},
    {"開始日", "period_start", 0, DATE_NOTE, "実施期間（開始）", CV_DATE},
    {"終了日", "period_end", 0, DATE_NOTE, "実施期間（終了）", CV_DATE},
    {"相手方", "partners", 0,
     "団体名（役割）を読点で区切る。例：港町町内会（共催）、みなと子ども劇場（"
     "協力）。団体は登録済みであること。",
     "協働の相手|相手方団体", CV_PARTNERS},
    {"市の役割", "city_part", 0, "役割分担のうち市が行うこと。",
     "役割分担（市が行うこと）", CV_TEXT},
    {"事業費（予定）", "budget_planned", 0, YEN_NOTE, "事業費（計画）", CV_INT},
    {"市負担額（予定）", "city_share_planned", 0, YEN_NOTE, "市の負担（計画）",
     CV_INT},
    {"相手方負担額（予定）", "partner_share_planned", 0, YEN_NOTE,
     "相手方の負担（計画）", CV_INT},
    {"事業費（実績）", "budget_actual", 0, YEN_NOTE, NULL, CV_INT},
    {"市負担額（実績）", "city_share_actual", 0, YEN_NOTE, "市の負担（実績）",
     CV_INT},
    {"相手方負担額（実績）", "partner_share_actual", 0, YEN_NOTE,
     "相手方の負担（実績）", CV_INT},
    {"進捗率", "progress", 0, "0〜100（空欄は状況に応じた値）。", NULL, CV_INT},
    {"提案日", "proposed_on", 0, DATE_NOTE, NULL, CV_DATE},
    {"審査開始日", "reviewed_on", 0, DATE_NOTE, NULL, CV_DATE},
    {"決定日", "decided_on", 0, DATE_NOTE, "採択・不採択の決定日", CV_DATE},
    {"実施開始日", "started_on", 0, DATE_NOTE, NULL, CV_DATE},
    {"完了日", "completed_on", 0, DATE_NOTE, NULL, CV_DATE},
    {"評価日", "evaluated_on", 0, DATE_NOTE, NULL, CV_DATE},
    {"関連する計画の方針", "plan_policy", 0,
     "「計画名 番号 名称」（書き出したとおり）、または番号。", "基本方針",
     CV_POLICY},
    {"補助金・助成金の名称", "grant_programme", 0, "補助・助成のとき必須。",
     NULL, CV_TEXT},
    {"交付額", "grant_amount", 0, "補助・助成のとき必須。" YEN_NOTE, NULL,
     CV_INT},
    {"補助率", "grant_rate", 0, "", NULL, CV_TEXT},
    {"契約金額", "contract_amount", 0, "委託・指定管理のとき必須。", NULL,
     CV_INT},
    {"契約期間（開始）", "contract_start", 0, "委託・指定管理のとき必須。",
     NULL, CV_DATE},
    {"契約期間（終了）", "contract_end", 0, "委託・指定管理のとき必須。", NULL,
     CV_DATE},
    {"契約方法", "contract_method", 0, "", NULL, CV_TEXT},
    {"施設名", "facility", 0, "", NULL, CV_TEXT},
    {"名義使用の承認", "name_use_approved", 0, "承認・未承認。", NULL,
     CV_APPROVED},
    {"名義使用の承認日", "name_use_on", 0, DATE_NOTE, NULL, CV_DATE},
    {"承認の条件", "conditions", 0, "後援のとき必須。", NULL, CV_TEXT},
    {"市の負担額", "city_cost", 0, "共催・実行委員会。", NULL, CV_INT},
    {"相手方の負担額", "partner_cost", 0, "共催・実行委員会。", NULL, CV_INT},
    {"経費と役割の分担", "cost_split", 0, "共催・実行委員会のとき必須。", NULL,
     CV_TEXT},
    {"協定の名称", "agreement_name", 0, "", NULL, CV_TEXT},
    {"協定の締結日", "agreement_on", 0, "事業協力・協定のとき必須。", NULL,
     CV_DATE},
    {"協定期間（開始）", "agreement_start", 0, "事業協力・協定のとき必須。",
     NULL, CV_DATE},
    {"協定期間（終了）", "agreement_end", 0, "事業協力・協定のとき必須。", NULL,
     CV_DATE},
    {"備考", "note", 0, "", NULL, CV_TEXT},
};

#define NCOLS(c) (sizeof(c) / sizeof(c[0]))

int import_kind_parse(const char *s)
{
	if (s != NULL && strcmp(s, "groups") == 0)
		return IK_GROUPS;
	if (s != NULL && strcmp(s, "projects") == 0)
		return IK_PROJECTS;
	return -1;
}

const char *import_kind_slug(enum import_kind k)
{
	return k == IK_PROJECTS ? "projects" : "groups";
}

const char *import_kind_name(enum import_kind k)
{
	return k == IK_PROJECTS ? "協働事業" : "団体";
}

const struct import_column *import_columns(enum import_kind k, size_t *n)
{
	if (k == IK_PROJECTS) {
		*n = NCOLS(project_cols);
		return project_cols;
	}
	*n = NCOLS(group_cols);
	return group_cols;
}

/* --------------------------------------------------------- normalising -- */

/* A loose key for comparing names people type: spaces (half- and
 * full-width) dropped, full-width ASCII (！…～) made half-width. */
char *imp_loose(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1);
	size_t o = 0;

	if (out == NULL)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3; /* U+3000 */
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x81 &&
		           p[2] <= 0xBF) {
			out[o++] = (char)(p[2] - 0x81 + '!'); /* U+FF01–FF3F */
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBD && p[2] >= 0x80 &&
		           p[2] <= 0x9E) {
			out[o++] = (char)(p[2] - 0x80 + '`'); /* U+FF40–FF5E */
			p += 3;
		} else {
			out[o++] = (char)*p++;
		}
	}
	out[o] = '\0';
	return out;
}

/* s with ASCII digits for full-width ones and the characters of drop
 * removed (arena). */
static char *digits(struct arena *a, const char *s, const char *const *drop)
{
	char *l = imp_loose(a, s), *o = l;

	if (l == NULL)
		return NULL;
	for (char *p = l; *p;) {
		int skipped = 0;

		for (size_t i = 0; drop != NULL && drop[i] != NULL; i++) {
			size_t n = strlen(drop[i]);

			if (strncmp(p, drop[i], n) == 0) {
				p += n;
				skipped = 1;
				break;
			}
		}
		if (!skipped)
			*o++ = *p++;
	}
	*o = '\0';
	return l;
}

/* Read up to 4 digits at *p; -1 when there is none. */
static int number(const char **p)
{
	int n = 0, k = 0;

	while (**p >= '0' && **p <= '9' && k < 5) {
		n = n * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k ? n : -1;
}

/* Skip one separator of a date: - / . 年 月. */
static int date_sep(const char **p)
{
	static const char *const seps[] = {"-", "/", ".", "年", "月", NULL};

	for (size_t i = 0; seps[i] != NULL; i++)
		if (strncmp(*p, seps[i], strlen(seps[i])) == 0) {
			*p += strlen(seps[i]);
			return 1;
		}
	return 0;
}

/* The Gregorian year of an era year: 令和/R, 平成/H, 昭和/S; 0 when s
 * does not start with an era (advances *p past it). */
static int era_base(const char **p)
{
	static const struct {
		const char *name;
		int base;
	} eras[] = {{"令和", 2018}, {"R", 2018}, {"r", 2018},
	            {"平成", 1988}, {"H", 1988}, {"h", 1988},
	            {"昭和", 1925}, {"S", 1925}, {"s", 1925}};

	for (size_t i = 0; i < sizeof(eras) / sizeof(eras[0]); i++)
		if (strncmp(*p, eras[i].name, strlen(eras[i].name)) == 0) {
			*p += strlen(eras[i].name);
			return eras[i].base;
		}
	return 0;
}

/* A date as Excel or a person writes it → "YYYY-MM-DD" (also with a 和暦
 * year: R6.4.1, 令和6年4月1日, 元年); want_day 0 also accepts a year or a
 * year and month (設立), giving "YYYY" or "YYYY-MM". Anything else comes
 * back unchanged, for the validator to explain. */
const char *imp_norm_date(struct arena *a, const char *raw, int want_day)
{
	const char *s = digits(a, raw, NULL), *p = s;
	int base, y, m = -1, d = -1;

	if (s == NULL || *s == '\0')
		return raw;
	base = era_base(&p);
	if (base && strncmp(p, "元", strlen("元")) == 0) {
		p += strlen("元");
		y = 1;
	} else {
		y = number(&p);
	}
	if (y < 0)
		return raw;
	y += base;
	if (date_sep(&p)) {
		m = number(&p);
		if (m >= 0 && date_sep(&p))
			d = number(&p);
		if (strncmp(p, "日", strlen("日")) == 0)
			p += strlen("日");
	}
	if (*p != '\0' || y < 1000 || y > 9999 || (m >= 0 && (m < 1 || m > 12)))
		return raw;
	if (d >= 0)
		return arena_printf(a, "%04d-%02d-%02d", y, m, d);
	if (want_day)
		return raw;
	return m >= 0 ? arena_printf(a, "%04d-%02d", y, m)
	              : arena_printf(a, "%04d", y);
}

/* 年度 as written → "2024" (unchanged when not recognised). */
const char *imp_norm_year(struct arena *a, const char *raw)
{
	static const char *const drop[] = {"年度", "年", "度",
	                                   "FY",   "fy", NULL};
	const char *s = digits(a, raw, drop), *p = s;
	int base, y;

	if (s == NULL)
		return raw;
	base = era_base(&p);
	if (base && strcmp(p, "元") == 0)
		return arena_printf(a, "%d", base + 1);
	y = number(&p);
	if (y < 0 || *p != '\0')
		return raw;
	return arena_printf(a, "%d", y + base);
}

/* A number with its unit: "1,234円", "¥1,234", "25人" → "1,234" etc. */
const char *imp_norm_int(struct arena *a, const char *raw)
{
	static const char *const drop[] = {"円", "¥", "\\", "人",
	                                   "名", "%", "％", NULL};
	const char *s = digits(a, raw, drop);

	return s != NULL ? s : raw;
}

/* 1 / 0 / -1 (not recognised) for a yes/no cell. */
int imp_yes_no(struct arena *a, const char *raw, const char *yes,
               const char *no)
{
	static const char *const y[] = {"1",   "はい", "○", "〇",
	                                "yes", "Yes",  NULL};
	static const char *const n[] = {"0", "いいえ", "×", "no", "No", NULL};
	const char *s = imp_loose(a, raw);

	if (s == NULL)
		return -1;
	if (strcmp(s, yes) == 0)
		return 1;
	if (*s == '\0' || strcmp(s, no) == 0)
		return 0;
	for (size_t i = 0; y[i] != NULL; i++)
		if (strcmp(s, y[i]) == 0)
			return 1;
	for (size_t i = 0; n[i] != NULL; i++)
		if (strcmp(s, n[i]) == 0)
			return 0;
	return -1;
}

/* Line breaks as the forms keep them: CRLF and CR become LF. */
const char *imp_norm_text(struct arena *a, const char *raw)
{
	char *s = arena_strdup(a, raw), *o = s;

	if (s == NULL || strchr(s, '\r') == NULL)
		return s != NULL ? s : raw;
	for (const char *p = s; *p; p++) {
		if (*p == '\r') {
			*o++ = '\n';
			if (p[1] == '\n')
				p++;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return s;
}

/* The code of the row of l whose code or name is s (loosely compared),
 * or NULL. When suffix, a name ending in s also matches if it is the only
 * one. */
const char *imp_lookup(struct arena *a, const struct code_list *l,
                       const char *s, int suffix)
{
	const char *key = imp_loose(a, s), *hit = NULL;
	size_t kl, hits = 0;

	if (key == NULL || *key == '\0')
		return NULL;
	for (size_t i = 0; i < l->n; i++) {
		const char *n = imp_loose(a, l->v[i].name);

		if (strcmp(l->v[i].code, s) == 0 ||
		    (n != NULL && strcmp(n, key) == 0))
			return l->v[i].code;
	}
	if (!suffix)
		return NULL;
	kl = strlen(key);
	for (size_t i = 0; i < l->n; i++) {
		const char *n = imp_loose(a, l->v[i].name);
		size_t nl = n != NULL ? strlen(n) : 0;

		if (nl > kl && strcmp(n + nl - kl, key) == 0) {
			hit = l->v[i].code;
			hits++;
		}
	}
	return hits == 1 ? hit : NULL;
}

/* "町内会・自治会、市民活動団体…": the names of l for a message. */
const char *imp_choices(struct arena *a, const struct code_list *l)
{
	struct buf b = {0};
	char *s;

	for (size_t i = 0; i < l->n && i < 20; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", l->v[i].name);
	if (l->n > 20)
		buf_puts(&b, " など");
	s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Split a list cell at 、 , ， ／ / ; ； and line breaks into trimmed,
 * non-empty items (arena); *n of them. */
const char **imp_split(struct arena *a, const char *s, size_t *n)
{
	static const char *const seps[] = {"、", ",",  "，", "／", "/",
	                                   ";",  "；", "\r", "\n", NULL};
	size_t cap = strlen(s) / 2 + 2, k = 0;
	const char **out = arena_alloc(a, cap * sizeof(*out));
	const char *start = s;

	*n = 0;
	if (out == NULL)
		return NULL;
	for (const char *p = s;; p++) {
		size_t sl = 0;

		for (size_t i = 0; *p && seps[i] != NULL && !sl; i++)
			if (strncmp(p, seps[i], strlen(seps[i])) == 0)
				sl = strlen(seps[i]);
		if (*p != '\0' && sl == 0)
			continue;
		{
			const char *b = start, *e = p;

			while (b < e && (*b == ' ' || *b == '\t'))
				b++;
			while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			if (e - b >= 3 && memcmp(b, "\xE3\x80\x80", 3) == 0)
				b += 3;
			if (e - b >= 3 && memcmp(e - 3, "\xE3\x80\x80", 3) == 0)
				e -= 3;
			if (e > b && k < cap)
				out[k++] = arena_strndup(a, b, (size_t)(e - b));
		}
		if (*p == '\0')
			break;
		p += sl - 1;
		start = p + 1;
	}
	*n = k;
	return out;
}

/* Full-width forms of U+FF61–U+FF9F (半角カナ and its punctuation). */
static const char *const fullwidth_kana[63] = {
    "。", "「", "」", "、", "・", "ヲ", "ァ", "ィ", "ゥ", "ェ", "ォ",
    "ャ", "ュ", "ョ", "ッ", "ー", "ア", "イ", "ウ", "エ", "オ", "カ",
    "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ", "チ",
    "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ",
    "ヘ", "ホ", "マ", "ミ", "ム", "メ", "モ", "ヤ", "ユ", "ヨ", "ラ",
    "リ", "ル", "レ", "ロ", "ワ", "ン", "゛", "゜"};

/* Append code point cp (U+0800–U+FFFF) as UTF-8 to out[*o]. */
static void put3(char *out, size_t *o, unsigned cp)
{
	out[(*o)++] = (char)(0xE0 | (cp >> 12));
	out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[(*o)++] = (char)(0x80 | (cp & 0x3F));
}

/* The code point of the 3-byte UTF-8 sequence at p, or 0. */
static unsigned cp3(const unsigned char *p)
{
	if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 ||
	    (p[2] & 0xC0) != 0x80)
		return 0;
	return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
}

const char *imp_norm_kana(struct arena *a, const char *raw)
{
	size_t n = strlen(raw), o = 0;
	char *out = arena_alloc(a, n + 1);
	const unsigned char *p = (const unsigned char *)raw;

	if (out == NULL)
		return raw;
	while (*p) {
		unsigned cp = cp3(p), base, next;

		if (cp < 0xFF61 || cp > 0xFF9F) {
			out[o++] = (char)*p++;
			continue;
		}
		base = cp3((const unsigned char *)fullwidth_kana[cp - 0xFF61]);
		p += 3;
		next = *p ? cp3(p) : 0;
		if (next == 0xFF9E &&
		    ((base >= 0x30AB && base <= 0x30C8 && base != 0x30C3) ||
		     (base >= 0x30CF && base <= 0x30DB &&
		      (base - 0x30CF) % 3 == 0))) {
			base += 1; /* ガ … ド, バ … ボ */
			p += 3;
		} else if (next == 0xFF9E && base == 0x30A6) {
			base = 0x30F4; /* ヴ */
			p += 3;
		} else if (next == 0xFF9F && base >= 0x30CF && base <= 0x30DB &&
		           (base - 0x30CF) % 3 == 0) {
			base += 2; /* パ … ポ */
			p += 3;
		}
		put3(out, &o, base);
	}
	out[o] = '\0';
	return out;
}
