/* 団体 on the staff side: every field (private contact included), create
 * and update in one transaction with audit rows, optimistic locking on
 * groups.version, 登録要件 confirmations, and the staff lists. Never used by
 * public pages. All strings are arena memory. */
#ifndef KYODO_MODEL_GROUPS_WRITE_H
#define KYODO_MODEL_GROUPS_WRITE_H
#include <stddef.h>

#include "db/db.h"
#include "model/history.h"
#include "model/master.h"
#include "util/arena.h"

/* Rows of a group's 分野 and confirmed requirements a form may carry. */
#define GROUP_FIELDS_MAX 32

/* A group as the staff form edits it. Optional text is NULL or "" when
 * empty; members is -1 when not recorded. */
struct group_rec {
	long long id;           /* groups.id (0 for a new group) */
	long long version;      /* groups.version read with the record */
	const char *name;       /* 団体名 */
	const char *kana;       /* フリガナ, full-width katakana */
	const char *kind;       /* group_kinds.code */
	const char *area;       /* 地区 */
	const char *founded;    /* 設立: YYYY, YYYY-MM or YYYY-MM-DD */
	long long members;      /* 会員数, -1 = not recorded */
	const char *fee;        /* 会費 as worded */
	const char *purpose;    /* 目的 */
	const char *activities; /* 活動内容 */
	const char *web;        /* public web site */
	const char *email;      /* public e-mail */
	const char *phone;      /* public phone */
	const char *rep_name;   /* 代表者名 (personal) */
	int rep_name_public;    /* 1 = 公開 */
	const char *rep_phone;  /* 代表者の電話番号 (personal) */
	int rep_phone_public;
	const char *rep_address; /* 代表者の住所 (personal) */
	int rep_address_public;
	const char *rep_email; /* 代表者のメールアドレス (personal) */
	int rep_email_public;
	const char *status;                   /* group_statuses.code */
	const char *applied_on;               /* 申請日 */
	const char *registered_on;            /* 登録日 */
	const char *suspended_on;             /* 休止日 */
	const char *removed_on;               /* 抹消日 */
	const char *status_note;              /* 登録状況の備考 */
	const char *fields[GROUP_FIELDS_MAX]; /* 分野 codes */
	size_t nfields;
	const char *reqs[GROUP_FIELDS_MAX]; /* requirement codes confirmed in
	                                       this save (group_requirements) */
	size_t nreqs;
	const char *updated_at; /* when last saved (read only) */
};

/* One of 岩国市's requirements and whether this group has it confirmed. */
struct group_req {
	const char *code;        /* group_requirements.code */
	const char *name;        /* "自主的" */
	const char *description; /* the requirement in one sentence */
	int confirmed;           /* 1 when a confirmation is recorded */
	const char *user;        /* who confirmed it ("" if unknown) */
	const char *at;          /* when (UTC, as stored) */
};

/* One line of the staff queue of 申請中 groups (groups_pending()). */
struct group_staff_row {
	long long id;
	const char *name, *kana, *kind_name;
	const char *status_code, *status_name;
	const char *updated_at;
};

/* Load group id with every field (private ones too) into out.
 * MS_OK, MS_NOTFOUND, MS_DB or MS_NOMEM. */
enum mstatus group_rec_load(struct db *db, struct arena *a, long long id,
                            struct group_rec *out);
/* The fields of rec as display text, in form order (codes → names, flags
 * → 公開/非公開). 0, or -1 on a database error or out of memory. */
int group_snapshot(struct db *db, struct arena *a, const struct group_rec *rec,
                   struct snapshot *out);
/* The Japanese label of a group field key ("rep_phone" → "代表者の電話番号"),
 * or NULL for an unknown key. */
const char *group_field_label(const char *key);

/* 1 when approving a group of this kind needs the requirement
 * confirmations (kinds of type テーマ型), 0 when not, -1 on error. */
int group_kind_needs_reqs(struct db *db, const char *kind);
/* 1 when from → to is an allowed registration status change (or from ==
 * to), 0 when not, -1 on error. */
int group_status_allowed(struct db *db, const char *from, const char *to);
/* Every requirement in order, with the confirmation recorded for group id
 * (0: none recorded). */
enum mstatus group_reqs(struct db *db, struct arena *a, long long id,
                        struct group_req **out, size_t *n);
/* The names of the requirements missing from rec->reqs when saving rec
 * moves a group from old_status (NULL for a new group) into 登録 and its
 * kind needs them; *n = 0 when nothing is missing. */
enum mstatus group_missing_reqs(struct db *db, struct arena *a,
                                const struct group_rec *rec,
                                const char *old_status, const char ***names,
                                size_t *n);

/* Insert rec as a new group inside the caller's transaction: the group
 * (a status left empty is 申請中), its 分野, its requirement confirmations
 * (noted with req_note, NULL or e.g. "CSV取込"), and the "create" and
 * "approve" audit rows. Dates are stored as given. *id is the new id
 * (rec->id and rec->version set too). WS_OK, WS_INVALID (*msg set: a
 * requirement missing for 登録, or the database refused the row), WS_DB or
 * WS_NOMEM; the caller rolls back on anything but WS_OK. Used by
 * group_create and the CSV import. */
enum wstatus group_insert(struct db *db, struct arena *a,
                          const struct user_actor *who, struct group_rec *rec,
                          const char *req_note, long long *id,
                          const char **msg);
/* group_insert in a transaction of its own, after filling the date of the
 * status the group starts in (申請日 for 申請中 …) with today when empty.
 * WS_OK, WS_INVALID (*msg set), WS_DB or WS_NOMEM. */
enum wstatus group_create(struct db *db, struct arena *a,
                          const struct user_actor *who, struct group_rec *rec,
                          long long *id, const char **msg);
/* Update group rec->id if its version is still rec->version: every field,
 * 分野 replaced, requirement confirmations recorded, version + 1, one audit
 * row per changed field, in one transaction. Entering 登録 fills
 * registered_on (休止 suspended_on, 抹消 removed_on) with today when
 * empty. WS_OK, WS_NOTFOUND, WS_CONFLICT (nothing written), WS_INVALID
 * (*msg set), WS_DB or WS_NOMEM. */
enum wstatus group_update(struct db *db, struct arena *a,
                          const struct user_actor *who, struct group_rec *rec,
                          const char **msg);

/* How many groups have registration status (one row of
 * group_status_counts); the list itself is groups_staff_list()
 * (model/groups.h). */
enum mstatus groups_staff_count(struct db *db, const char *status,
                                long long *n);
/* Every group as (id as text, plain name), any status, ordered by name
 * (byte order, as strcmp compares) then id: what the CSV import resolves
 * a 相手方 or a duplicate name against. */
enum mstatus groups_names(struct db *db, struct arena *a,
                          struct code_list *out);
/* The name of group id. MS_OK, MS_NOTFOUND or MS_DB. */
enum mstatus group_name(struct db *db, struct arena *a, long long id,
                        const char **name);
/* Registration statuses (group_statuses) in order. */
enum mstatus group_statuses(struct db *db, struct arena *a,
                            struct code_list *out);
/* Groups waiting for approval (申請中), oldest first, at most limit. */
enum mstatus groups_pending(struct db *db, struct arena *a, int limit,
                            struct group_staff_row **out, size_t *n);
/* hiragana → katakana in place-copy (arena); other characters unchanged.
 * NULL when out of memory. */
char *kana_to_katakana(struct arena *a, const char *s);
#endif
