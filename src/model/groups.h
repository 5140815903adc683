/* 団体 as the public sees them: registered (登録) groups only, public fields
 * only. The representative's contact fields leave this module only when
 * the group marked that field 公開. All strings are arena memory. */
#ifndef KYODO_MODEL_GROUPS_H
#define KYODO_MODEL_GROUPS_H
#include <stddef.h>

#include "db/db.h"
#include "model/master.h"
#include "util/arena.h"

/* Filters of /groups; absent = NULL. */
struct group_filter {
	const char *kana_row; /* 五十音 row "あ" … "わ", "他", or NULL */
	const char *kind;     /* group_kinds.code or NULL */
	const char *field;    /* fields.code or NULL */
};

/* One line of the directory. The kind and the 分野 come as codes: the
 * page takes their names from the master data it keeps (fragment store),
 * not from a join per row. */
struct group_row {
	long long id;            /* groups.id */
	const char *name;        /* 団体名 */
	const char *kana;        /* フリガナ */
	const char *kind;        /* 種別: group_kinds.code */
	const char *area;        /* 地区 ("" if none) */
	const char *field_codes; /* 分野: fields.code in code order,
	                            separated by one space ("" if none) */
	const char *updated_at;  /* 最終更新 in local time, "YYYY-MM-DD
	                            HH:MM:SS": groups_staff_list() only,
	                            NULL in the directory */
};

/* A registered group's public profile. Private contact fields are NULL
 * unless their 公開 flag is set. */
struct group {
	long long id;
	const char *name, *kana;
	const char *kind_code, *kind_name;
	const char *area;         /* "" if none */
	const char *founded;      /* "2005", "2005-04" or "2005-04-01"; NULL */
	long long members;        /* -1 = not recorded */
	const char *fee;          /* 会費 as worded ("" if none) */
	const char *purpose;      /* 目的 */
	const char *activities;   /* 活動内容 */
	const char *web;          /* public web site or NULL */
	const char *email;        /* public e-mail or NULL */
	const char *phone;        /* public phone or NULL */
	const char *rep_name;     /* 代表者名, only when rep_name_public */
	const char *rep_phone;    /* only when rep_phone_public */
	const char *rep_email;    /* only when rep_email_public */
	const char *rep_address;  /* only when rep_address_public */
	struct code_name *fields; /* 分野 */
	size_t nfields;
};

/* Registered groups matching f, from a summary table whatever the filters
 * (group_status_counts, group_counts, group_field_counts,
 * group_field_filter_counts): at most a few dozen rows read. */
enum mstatus groups_count(struct db *db, const struct group_filter *f,
                          long long *total);
/* Up to limit registered groups matching f in kana order, skipping offset;
 * one statement that walks the filter's index (no sort), then reads the
 * page's rows by id. total is groups_count() for f (read in the same
 * transaction), or -1 when not known. With the total, an offset at or
 * beyond it reads nothing, a page within GROUP_ANCHOR_NEAR rows of the
 * end is read from the last row backwards, and a page farther from both
 * ends from the worker's anchors for f (model/group_anchors.h: walked
 * once the filter's deep pages have paid for it, then a seek and less
 * than a stride of rows skipped) — in the caller's read transaction, or
 * in one of its own when there is none; with -1 every page is walked
 * from the front. A total that is off by k (a write between the count and
 * the list, outside one read transaction) shifts a page read by OFFSET
 * by k rows, as a write between two page views does; a page read from
 * anchors is the page of the list's own snapshot. */
enum mstatus groups_list(struct db *db, struct arena *a,
                         const struct group_filter *f, int limit,
                         long long offset, long long total,
                         struct group_row **rows, size_t *n);
/* The staff group list (/staff/groups): up to limit groups of
 * registration status status (any status: 申請中, 休止 … too) in kana
 * order, skipping offset, with updated_at; the kind as a code, the status
 * is status. Paged as groups_list() pages the directory without filters,
 * by the same code (total is groups_staff_count(), or -1): from either
 * end, and far from both from the worker's anchors for status — those of
 * 'toroku' are the directory's own (the same rows in the same order). */
enum mstatus groups_staff_list(struct db *db, struct arena *a,
                               const char *status, int limit, long long offset,
                               long long total, struct group_row **rows,
                               size_t *n);
/* The directory rows of ids[0..nids), in that order (ids no longer
 * registered are left out); for the keyword search. */
enum mstatus groups_rows(struct db *db, struct arena *a, const long long *ids,
                         size_t nids, struct group_row **rows, size_t *n);
/* The names of the 分野 among codes (fields.code separated by spaces, as
 * in group_row.field_codes) in the order of all (master_all(MASTER_FIELD):
 * sort, then code), joined by "・"; codes not in all are left out. ""
 * when none is, NULL when out of memory; arena memory otherwise. */
const char *groups_field_names(struct arena *a, const struct code_list *all,
                               const char *codes);
/* A registered group. MS_NOTFOUND when missing or not registered. */
enum mstatus group_get(struct db *db, struct arena *a, long long id,
                       struct group *out);
/* 1 when row is one of the 五十音 rows the directory indexes ("あ" …
 * "わ", "他"), else 0. */
int groups_kana_row_valid(const char *row);
/* The 五十音 rows in order, NULL-terminated. */
extern const char *const groups_kana_rows[];
#endif
