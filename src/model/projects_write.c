/* 協働事業 on the staff side, writing: create and update in one
 * transaction with the audit rows, optimistic locking on version. Reading
 * (load, snapshot, labels) is in projects_read.c, the staff lists in
 * staff_lists.c. Every statement is a SQL literal with bound parameters. */
#include "model/projects_write.h"

#include <string.h>

#include "util/buf.h"
#include "util/log.h"

/* Bind money n to parameter i, NULL when n < 0. */
static void bind_money(sqlite3_stmt *st, int i, long long n)
{
	if (n >= 0)
		sqlite3_bind_int64(st, i, n);
	else
		sqlite3_bind_null(st, i);
}

/* The progress a project shows when it enters status (*progress) and
 * today's date in local time (*today, arena). 0, or -1 on a database error
 * (an unknown status too) or out of memory. */
static int status_defaults(struct db *db, struct arena *a, const char *status,
                           int *progress, const char **today)
{
	sqlite3_stmt *st = db_prep(
	    db, "SELECT date('now', 'localtime'), progress_default FROM "
	        "project_statuses WHERE code = ?1");
	int rc, oom = 0;

	if (st == NULL)
		return -1;
	model_bind_str(st, 1, status);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*today = model_text(a, st, 0, &oom);
		*progress = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW && !oom ? 0 : -1;
}

/* Fill the date of the status rec enters (from old, NULL for a new project)
 * with today, and progress with the status's default when unset. -1 on a
 * database error or out of memory. */
static int fill_status(struct db *db, struct arena *a, struct project_rec *rec,
                       const char *old)
{
	const char **slot = NULL, *today = NULL;
	int progress = 0;

	if (status_defaults(db, a, rec->status, &progress, &today) < 0)
		return -1;
	if (rec->progress < 0 ||
	    (old != NULL && strcmp(old, rec->status) != 0 &&
	     rec->progress == 0))
		rec->progress = progress;
	if (old != NULL && strcmp(old, rec->status) == 0)
		return 0;
	if (strcmp(rec->status, "teian") == 0)
		slot = &rec->proposed_on;
	else if (strcmp(rec->status, "shinsa") == 0)
		slot = &rec->reviewed_on;
	else if (strcmp(rec->status, "saitaku") == 0 ||
	         strcmp(rec->status, "fusaitaku") == 0)
		slot = &rec->decided_on;
	else if (strcmp(rec->status, "jisshi") == 0)
		slot = &rec->started_on;
	else if (strcmp(rec->status, "kanryo") == 0)
		slot = &rec->completed_on;
	else if (strcmp(rec->status, "hyoka") == 0)
		slot = &rec->evaluated_on;
	if (slot != NULL && (*slot == NULL || (*slot)[0] == '\0'))
		*slot = today;
	return 0;
}

/* Bind the projects columns of rec to ?1 … ?29 of the INSERT / UPDATE. */
static void bind_rec(sqlite3_stmt *st, const struct project_rec *rec)
{
	int i = 1;

	sqlite3_bind_int(st, i++, rec->fiscal_year);
	model_bind_str(st, i++, rec->title);
	model_bind_opt(st, i++, rec->kana);
	model_bind_str(st, i++, rec->summary);
	model_bind_str(st, i++, rec->purpose);
	model_bind_str(st, i++, rec->target);
	model_bind_opt(st, i++, rec->period_start);
	model_bind_opt(st, i++, rec->period_end);
	model_bind_str(st, i++, rec->form);
	model_bind_str(st, i++, rec->domain);
	model_bind_str(st, i++, rec->proposal_type);
	model_bind_str(st, i++, rec->department);
	model_bind_str(st, i++, rec->status);
	model_bind_opt(st, i++, rec->proposed_on);
	model_bind_opt(st, i++, rec->reviewed_on);
	model_bind_opt(st, i++, rec->decided_on);
	model_bind_opt(st, i++, rec->started_on);
	model_bind_opt(st, i++, rec->completed_on);
	model_bind_opt(st, i++, rec->evaluated_on);
	sqlite3_bind_int(st, i++, rec->published ? 1 : 0);
	if (rec->plan_policy_id > 0)
		sqlite3_bind_int64(st, i++, rec->plan_policy_id);
	else
		sqlite3_bind_null(st, i++);
	bind_money(st, i++, rec->budget_planned);
	bind_money(st, i++, rec->city_share_planned);
	bind_money(st, i++, rec->partner_share_planned);
	bind_money(st, i++, rec->budget_actual);
	bind_money(st, i++, rec->city_share_actual);
	bind_money(st, i++, rec->partner_share_actual);
	sqlite3_bind_int(st, i++, rec->progress < 0 ? 0 : rec->progress);
}

/* Insert one 役割分担 row of project id (group_id 0 = the city). */
static enum wstatus write_role(struct db *db, struct arena *a, long long id,
                               long long gid, const char *text, int sort,
                               const char **msg)
{
	sqlite3_stmt *st = db_prep(
	    db, "INSERT INTO project_roles (project_id, party, group_id, text, "
	        "sort) VALUES (?1, CASE WHEN ?2 IS NULL THEN 'city' ELSE "
	        "'partner' END, ?2, ?3, ?4)");

	if (text == NULL || text[0] == '\0')
		return WS_OK;
	if (st == NULL)
		return WS_DB;
	sqlite3_bind_int64(st, 1, id);
	if (gid > 0)
		sqlite3_bind_int64(st, 2, gid);
	else
		sqlite3_bind_null(st, 2);
	model_bind_str(st, 3, text);
	sqlite3_bind_int(st, 4, sort);
	return model_step(db, a, st, "project role", msg);
}

/* Replace the 分野, partners, 役割分担 and details of project id with rec's.
 * Partners are upserted (evaluations point at them) and the ones no
 * longer listed deleted; the caller checked none of those has an
 * evaluation. */
static enum wstatus write_rows(struct db *db, struct arena *a, long long id,
                               const struct project_rec *rec, const char **msg)
{
	sqlite3_stmt *st;
	enum wstatus ws;
	struct buf keep = {0}; /* the 分野 codes kept, separated by spaces */

	/* 分野: only the rows that change are deleted or inserted, each
	 * change rewrites the project's keyword-search document */
	for (size_t i = 0; i < rec->nfields; i++)
		if (buf_puts(&keep, i ? " " : "") < 0 ||
		    buf_puts(&keep, rec->fields[i]) < 0) {
			buf_free(&keep);
			return WS_NOMEM;
		}
	st =
	    db_prep(db, "DELETE FROM project_fields WHERE project_id = ?1 "
	                "AND instr(' ' || ?2 || ' ', ' ' || field || ' ') = 0");
	if (st != NULL) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, buf_cstr(&keep), -1, SQLITE_TRANSIENT);
	}
	buf_free(&keep);
	if ((ws = model_step(db, a, st, "project fields", msg)) != WS_OK)
		return ws;
	for (size_t i = 0; i < rec->nfields; i++) {
		st = db_prep(db, "INSERT OR IGNORE INTO project_fields "
		                 "(project_id, field, fiscal_year, published) "
		                 "SELECT id, ?2, fiscal_year, published FROM "
		                 "projects WHERE id = ?1");
		if (st != NULL) {
			sqlite3_bind_int64(st, 1, id);
			model_bind_str(st, 2, rec->fields[i]);
		}
		if ((ws = model_step(db, a, st, "project field", msg)) != WS_OK)
			return ws;
	}
	st = db_prep(db, "DELETE FROM project_roles WHERE project_id = ?1");
	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	if ((ws = model_step(db, a, st, "project roles", msg)) != WS_OK)
		return ws;
	/* Partners: mark every row with sort -1, upsert the listed ones,
	 * delete what is still marked. */
	st = db_prep(db, "UPDATE project_partners SET sort = -1 WHERE "
	                 "project_id = ?1");
	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	if ((ws = model_step(db, a, st, "project partners", msg)) != WS_OK)
		return ws;
	for (size_t i = 0; i < rec->npartners; i++) {
		st = db_prep(db,
		             "INSERT INTO project_partners (project_id, "
		             "group_id, role, sort) VALUES (?1, ?2, ?3, ?4) "
		             "ON CONFLICT (project_id, group_id) DO UPDATE "
		             "SET role = excluded.role, sort = excluded.sort");
		if (st != NULL) {
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_int64(st, 2, rec->partners[i].group_id);
			model_bind_str(st, 3, rec->partners[i].role);
			sqlite3_bind_int(st, 4, (int)i + 1);
		}
		if ((ws = model_step(db, a, st, "project partner", msg)) !=
		    WS_OK)
			return ws;
	}
	st = db_prep(db, "DELETE FROM project_partners WHERE project_id = ?1 "
	                 "AND sort = -1");
	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	if ((ws = model_step(db, a, st, "project partners", msg)) != WS_OK)
		return ws;
	if ((ws = write_role(db, a, id, 0, rec->city_part, 0, msg)) != WS_OK)
		return ws;
	for (size_t i = 0; i < rec->npartners; i++)
		if ((ws = write_role(db, a, id, rec->partners[i].group_id,
		                     rec->partners[i].part, (int)i + 1, msg)) !=
		    WS_OK)
			return ws;
	return WS_OK;
}

/* Replace the indicators of id: listed ids are updated (keeping their
 * midterm values), new rows inserted, the rest deleted. */
static enum wstatus write_indicators(struct db *db, struct arena *a,
                                     long long id,
                                     const struct project_rec *rec,
                                     const char **msg)
{
	sqlite3_stmt *st;
	enum wstatus ws;

	st = db_prep(db, "UPDATE indicators SET sort = -1 WHERE project_id = "
	                 "?1");
	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	if ((ws = model_step(db, a, st, "indicators", msg)) != WS_OK)
		return ws;
	for (size_t i = 0; i < rec->nindicators; i++) {
		const struct indicator_in *x = &rec->indicators[i];

		if (x->id > 0)
			st = db_prep(db,
			             "UPDATE indicators SET kind = ?3, name "
			             "= ?4, unit = ?5, target = ?6, actual = "
			             "?7, sort = ?8 WHERE id = ?2 AND "
			             "project_id = ?1");
		else
			st = db_prep(db,
			             "INSERT INTO indicators (project_id, "
			             "kind, name, unit, target, actual, sort) "
			             "VALUES (?1, ?3, ?4, ?5, ?6, ?7, ?8)");
		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, id);
		if (x->id > 0)
			sqlite3_bind_int64(st, 2, x->id);
		model_bind_str(st, 3, x->kind);
		model_bind_str(st, 4, x->name);
		model_bind_str(st, 5, x->unit);
		if (x->has_target)
			sqlite3_bind_double(st, 6, x->target);
		else
			sqlite3_bind_null(st, 6);
		if (x->has_actual)
			sqlite3_bind_double(st, 7, x->actual);
		else
			sqlite3_bind_null(st, 7);
		sqlite3_bind_int(st, 8, (int)i + 1);
		if ((ws = model_step(db, a, st, "indicator", msg)) != WS_OK)
			return ws;
	}
	st = db_prep(db, "DELETE FROM indicators WHERE project_id = ?1 AND "
	                 "sort = -1");
	if (st != NULL)
		sqlite3_bind_int64(st, 1, id);
	return model_step(db, a, st, "indicators", msg);
}

/* Replace the form details of id; only the columns of rec's form. */
static enum wstatus write_details(struct db *db, struct arena *a, long long id,
                                  const struct project_rec *rec,
                                  const char **msg)
{
	const struct form_details *d = &rec->d;
	enum detail_group g = project_detail_group(rec->form);
	sqlite3_stmt *st = db_prep(
	    db, "INSERT OR REPLACE INTO project_form_details (project_id, "
	        "grant_programme, grant_amount, grant_rate, contract_amount, "
	        "contract_start, contract_end, contract_method, facility, "
	        "name_use_approved, name_use_on, conditions, city_cost, "
	        "partner_cost, cost_split, agreement_name, agreement_on, "
	        "agreement_start, agreement_end, note) VALUES (?1, ?2, ?3, ?4, "
	        "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	        "?18, ?19, ?20)");

	if (st == NULL)
		return WS_DB;
	sqlite3_bind_int64(st, 1, id);
	if (g == DG_GRANT) {
		model_bind_opt(st, 2, d->grant_programme);
		bind_money(st, 3, d->grant_amount);
		model_bind_opt(st, 4, d->grant_rate);
	}
	if (g == DG_CONTRACT) {
		bind_money(st, 5, d->contract_amount);
		model_bind_opt(st, 6, d->contract_start);
		model_bind_opt(st, 7, d->contract_end);
		model_bind_opt(st, 8, d->contract_method);
		model_bind_opt(st, 9, d->facility);
	}
	if (g == DG_NAME_USE) {
		bind_money(st, 10, d->name_use_approved);
		model_bind_opt(st, 11, d->name_use_on);
		model_bind_opt(st, 12, d->conditions);
	}
	if (g == DG_COST) {
		bind_money(st, 13, d->city_cost);
		bind_money(st, 14, d->partner_cost);
		model_bind_opt(st, 15, d->cost_split);
	}
	if (g == DG_AGREEMENT) {
		model_bind_opt(st, 16, d->agreement_name);
		model_bind_opt(st, 17, d->agreement_on);
		model_bind_opt(st, 18, d->agreement_start);
		model_bind_opt(st, 19, d->agreement_end);
	}
	model_bind_opt(st, 20, d->note);
	return model_step(db, a, st, "project details", msg);
}

enum wstatus project_insert(struct db *db, struct arena *a,
                            const struct user_actor *who,
                            struct project_rec *rec, long long *id,
                            const char **msg)
{
	struct snapshot after;
	sqlite3_stmt *st;
	enum wstatus ws;
	const char *today;
	int progress;

	*id = 0;
	if (msg != NULL)
		*msg = NULL;
	if (rec->progress < 0) {
		if (status_defaults(db, a, rec->status, &progress, &today) < 0)
			return WS_DB;
		rec->progress = progress;
	}
	st = db_prep(
	    db,
	    "INSERT INTO projects (fiscal_year, title, kana, summary, "
	    "purpose, target, period_start, period_end, form, domain, "
	    "proposal_type, department, status, proposed_on, reviewed_on, "
	    "decided_on, started_on, completed_on, evaluated_on, published, "
	    "plan_policy_id, budget_planned, city_share_planned, "
	    "partner_share_planned, budget_actual, city_share_actual, "
	    "partner_share_actual, progress, created_by, published_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, "
	    "?26, ?27, ?28, ?29, CASE WHEN ?20 = 1 THEN datetime('now') "
	    "END)");
	if (st == NULL)
		return WS_DB;
	bind_rec(st, rec);
	if (who != NULL && who->user_id > 0)
		sqlite3_bind_int64(st, 29, who->user_id);
	else
		sqlite3_bind_null(st, 29);
	if ((ws = model_step(db, a, st, "projects", msg)) != WS_OK)
		return ws;
	*id = rec->id = sqlite3_last_insert_rowid(db->h);
	rec->version = 1;
	ws = write_rows(db, a, *id, rec, msg);
	if (ws == WS_OK)
		ws = write_indicators(db, a, *id, rec, msg);
	if (ws == WS_OK)
		ws = write_details(db, a, *id, rec, msg);
	if (ws == WS_OK)
		ws = project_snapshot(db, a, rec, &after) < 0 ? WS_DB : WS_OK;
	if (ws == WS_OK)
		ws = history_diff(db, who, "projects", *id, "create", NULL,
		                  &after);
	if (ws != WS_OK)
		*id = 0;
	return ws;
}

enum wstatus project_create(struct db *db, struct arena *a,
                            const struct user_actor *who,
                            struct project_rec *rec, long long *id)
{
	*id = 0;
	if (db_begin(db) < 0)
		return WS_DB;
	if (fill_status(db, a, rec, NULL) < 0)
		return model_finish(db, WS_DB);
	return model_finish(db, project_insert(db, a, who, rec, id, NULL));
}

/* WS_INVALID (*msg set) when saving rec over old would break a rule the
 * database keeps: a status change not in the transitions, a removed
 * partner that has evaluations, a form change under recorded steps. */
static enum wstatus check_update(struct db *db, struct arena *a,
                                 const struct project_rec *old,
                                 const struct project_rec *rec,
                                 const char **msg)
{
	sqlite3_stmt *st;
	int allowed = project_status_allowed(db, old->status, rec->status);

	if (allowed < 0)
		return WS_DB;
	if (!allowed) {
		*msg = "この状況には変更できません。";
		return WS_INVALID;
	}
	if (strcmp(old->form, rec->form) != 0) {
		st = db_prep(db, "SELECT count(*) FROM project_steps WHERE "
		                 "project_id = ?1");
		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, old->id);
		allowed = sqlite3_step(st) == SQLITE_ROW &&
		          sqlite3_column_int(st, 0) == 0;
		sqlite3_reset(st);
		if (!allowed) {
			*msg = "手続きの記録がある事業は、協働の形態を変更でき"
			       "ません。";
			return WS_INVALID;
		}
	}
	for (size_t i = 0; i < old->npartners; i++) {
		long long gid = old->partners[i].group_id;
		int kept = 0, evals = 0;

		for (size_t j = 0; j < rec->npartners; j++)
			kept |= rec->partners[j].group_id == gid;
		if (kept)
			continue;
		st = db_prep(db, "SELECT count(*) FROM evaluations WHERE "
		                 "project_id = ?1 AND group_id = ?2");
		if (st == NULL)
			return WS_DB;
		sqlite3_bind_int64(st, 1, old->id);
		sqlite3_bind_int64(st, 2, gid);
		if (sqlite3_step(st) == SQLITE_ROW)
			evals = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (evals > 0) {
			*msg =
			    arena_printf(a,
			                 "市民側自己評価が登録されている相手方"
			                 "（団体番号 %lld）は外せません。",
			                 gid);
			return WS_INVALID;
		}
	}
	return WS_OK;
}

enum wstatus project_update(struct db *db, struct arena *a,
                            const struct user_actor *who,
                            struct project_rec *rec, const char **msg)
{
	struct project_rec *old = arena_alloc(a, sizeof(*old));
	struct snapshot before, after;
	sqlite3_stmt *st;
	enum mstatus ms;
	enum wstatus ws;

	*msg = NULL;
	if (old == NULL)
		return WS_NOMEM;
	if (db_begin(db) < 0)
		return WS_DB;
	ms = project_rec_load(db, a, rec->id, old);
	if (ms != MS_OK)
		return model_finish(db, ms == MS_NOTFOUND ? WS_NOTFOUND
		                        : ms == MS_NOMEM  ? WS_NOMEM
		                                          : WS_DB);
	if (old->version != rec->version)
		return model_finish(db, WS_CONFLICT);
	if ((ws = check_update(db, a, old, rec, msg)) != WS_OK)
		return model_finish(db, ws);
	if (fill_status(db, a, rec, old->status) < 0)
		return model_finish(db, WS_DB);
	if (project_snapshot(db, a, old, &before) < 0)
		return model_finish(db, WS_DB);
	st = db_prep(
	    db,
	    "UPDATE projects SET fiscal_year = ?1, title = ?2, kana = ?3, "
	    "summary = ?4, purpose = ?5, target = ?6, period_start = ?7, "
	    "period_end = ?8, form = ?9, domain = ?10, proposal_type = ?11, "
	    "department = ?12, status = ?13, proposed_on = ?14, reviewed_on "
	    "= ?15, decided_on = ?16, started_on = ?17, completed_on = ?18, "
	    "evaluated_on = ?19, published = ?20, plan_policy_id = ?21, "
	    "budget_planned = ?22, city_share_planned = ?23, "
	    "partner_share_planned = ?24, budget_actual = ?25, "
	    "city_share_actual = ?26, partner_share_actual = ?27, progress = "
	    "?28, published_at = CASE WHEN ?20 = 1 THEN coalesce("
	    "published_at, datetime('now')) ELSE published_at END, version "
	    "= version + 1, updated_at = datetime('now') WHERE id = ?29 AND "
	    "version = ?30");
	if (st == NULL)
		return model_finish(db, WS_DB);
	bind_rec(st, rec);
	sqlite3_bind_int64(st, 29, rec->id);
	sqlite3_bind_int64(st, 30, rec->version);
	if ((ws = model_step(db, a, st, "project_update", NULL)) != WS_OK)
		return model_finish(db, ws);
	if (sqlite3_changes(db->h) != 1)
		return model_finish(db, WS_CONFLICT);
	ws = write_rows(db, a, rec->id, rec, NULL);
	if (ws == WS_OK)
		ws = write_indicators(db, a, rec->id, rec, NULL);
	if (ws == WS_OK)
		ws = write_details(db, a, rec->id, rec, NULL);
	if (ws == WS_OK)
		ws = project_snapshot(db, a, rec, &after) < 0 ? WS_DB : WS_OK;
	if (ws == WS_OK)
		ws = history_diff(db, who, "projects", rec->id, "update",
		                  &before, &after);
	if (ws == WS_OK)
		rec->version++;
	return model_finish(db, ws);
}
