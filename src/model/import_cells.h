/* Private to the CSV import (model/import.c, model/import_columns.c) and
 * its unit tests: how a cell becomes form values, and the normalisers for
 * what people type into Excel. All results are arena memory. */
#ifndef KYODO_MODEL_IMPORT_CELLS_H
#define KYODO_MODEL_IMPORT_CELLS_H
#include <stddef.h>

#include "model/import.h"
#include "model/master.h"
#include "util/arena.h"

/* How a cell becomes form values (import_column.conv). */
enum conv {
	CV_TEXT, /* as written (CRLF line breaks → LF) */
	CV_KANA, /* フリガナ: 半角カナ made full-width */
	CV_INT, /* a number: full-width digits, commas, 円 人 名 ¥ dropped */
	CV_DATE,    /* 2024/4/1, 2024年4月1日, 2024.4.1 → 2024-04-01 */
	CV_FOUNDED, /* 設立: 2005, 2005/4, 2005年4月 or a date */
	CV_YEAR,    /* 年度: 2024, 2024年度, 令和6年度, R6, 平成30 */
	CV_PUB,     /* 公開 / 非公開 → "1" / "0" */
	CV_FLAG, /* 公開 / はい / 1 → "1", 非公開 / いいえ / 0 / "" → "" */
	CV_APPROVED, /* 承認 / 未承認 → "1" / "0" */
	CV_GKIND,    /* 団体の種別 (name or code) */
	CV_FIELDS,  /* 分野, several, separated by 、 , ／ or line breaks */
	CV_GSTATUS, /* 登録状況 */
	CV_REQS,    /* 要件確認: 確認済 → every requirement */
	CV_FORM,    /* 協働の形態 */
	CV_DOMAIN,  /* 協働の領域 (empty: the form's usual domain) */
	CV_PROPOSAL, /* 提案区分 */
	CV_DEPT,     /* 担当課 (also the 課 name alone when unique) */
	CV_PSTATUS,  /* 事業の状況 */
	CV_PARTNERS, /* 相手方: 団体名（役割）、団体名（役割） */
	CV_POLICY, /* 関連する計画の方針 */
	CV__MAX
};

/* A loose key for comparing names people type: spaces (half- and
 * full-width) dropped, full-width ASCII made half-width. NULL when out of
 * memory. */
char *imp_loose(struct arena *a, const char *s);
/* A date as Excel or a person writes it (2024/4/1, 2024年4月1日, R6.4.1,
 * 令和元年5月1日) → "YYYY-MM-DD"; with want_day 0 also a year or a year
 * and month ("2005", "2005-04"). Anything else comes back unchanged. */
const char *imp_norm_date(struct arena *a, const char *raw, int want_day);
/* 年度 as written (2024年度, 令和6年度, R6, H30, 令和元年度) → "2024";
 * unchanged when not recognised. */
const char *imp_norm_year(struct arena *a, const char *raw);
/* A number with its unit ("1,234円", "¥1,234", "25人") without the unit;
 * full-width digits made half-width. */
const char *imp_norm_int(struct arena *a, const char *raw);
/* 1 for yes (or the word yes), 0 for no, no word or empty, -1 when
 * neither. */
int imp_yes_no(struct arena *a, const char *raw, const char *yes,
               const char *no);
/* 半角カナ made full-width, with ﾞ and ﾟ joined to the kana before them
 * (ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ): Excel lists often write フリガナ so. */
const char *imp_norm_kana(struct arena *a, const char *raw);
/* Line breaks as the forms keep them: CRLF and CR become LF. */
const char *imp_norm_text(struct arena *a, const char *raw);
/* The code of the row of l whose code or name is s (names compared
 * loosely), or NULL; with suffix, a name ending in s also matches when it
 * is the only one (「協働推進課」 for 「市民生活部 協働推進課」). */
const char *imp_lookup(struct arena *a, const struct code_list *l,
                       const char *s, int suffix);
/* The names of l joined with 、 for a message (at most 20). */
const char *imp_choices(struct arena *a, const struct code_list *l);
/* Split a list cell at 、 , ， ／ / ; ； and line breaks into trimmed,
 * non-empty items; *n of them. NULL when out of memory. */
const char **imp_split(struct arena *a, const char *s, size_t *n);
#endif
