/* GET /staff/history/:kind/:id — the change history of a group or a
 * project, readable: when, who, which field (its Japanese label), old →
 * new. Staff side only: private contact changes appear here and nowhere
 * public. */
#include <string.h>

#include "model/groups_write.h"
#include "model/projects_write.h"
#include "pages/pages.h"
#include "pages/staff.h"

/* Rows shown at most. */
#define HISTORY_LIMIT 500

enum hstatus page_staff_history(struct request *r)
{
	const char *kind = req_param(r, 0);
	long long id = staff_param_id(r, 1);
	struct history_entry *rows;
	const char *name, *table, *label, *edit_url, *nav;
	const char *labels[] = {"職員トップ", NULL};
	const char *urls[] = {"/staff", NULL};
	struct group_rec *g;
	struct project_rec *pr;
	enum mstatus ms;
	struct page p;
	size_t n;
	tdict *d;

	if (kind == NULL || id < 0)
		return HS_NOTFOUND;
	if (strcmp(kind, "group") == 0) {
		g = arena_alloc(r->arena, sizeof(*g));
		if (g == NULL)
			return HS_NOMEM;
		ms = group_rec_load(r->db, r->arena, id, g);
		name = g->name;
		table = "groups";
		label = "団体";
		nav = "groups";
		labels[1] = "団体の登録";
		urls[1] = "/staff/groups";
		edit_url =
		    arena_printf(r->arena, "/staff/groups/%lld/edit", id);
	} else if (strcmp(kind, "project") == 0) {
		pr = arena_alloc(r->arena, sizeof(*pr));
		if (pr == NULL)
			return HS_NOMEM;
		ms = project_rec_load(r->db, r->arena, id, pr);
		name = pr->title;
		table = "projects";
		label = "協働事業";
		nav = "projects";
		labels[1] = "協働事業の登録";
		urls[1] = "/staff/projects";
		edit_url =
		    arena_printf(r->arena, "/staff/projects/%lld/edit", id);
	} else {
		return HS_NOTFOUND;
	}
	if (ms != MS_OK)
		return ms == MS_NOTFOUND ? HS_NOTFOUND
		       : ms == MS_NOMEM  ? HS_NOMEM
		                         : HS_DB;
	ms = history_list(r->db, r->arena, table, id, HISTORY_LIMIT, &rows, &n);
	if (ms != MS_OK)
		return ms == MS_NOMEM ? HS_NOMEM : HS_DB;
	d = page_begin(r, &p, arena_printf(r->arena, "変更履歴：%s", name),
	               "staff/history.tpl");
	if (d == NULL)
		return HS_NOMEM;
	staff_nav(r, &p, d, nav);
	page_crumbs(&p, labels, urls, 2, "変更履歴");
	tdict_set(d, "NAME", name);
	tdict_set(d, "KIND_LABEL", label);
	tdict_set(d, "EDIT_URL", edit_url);
	tdict_set_int(d, "LIMIT", HISTORY_LIMIT);
	tdict_set_int(d, "COUNT", (long long)n);
	if (n == 0)
		tdict_show(d, "EMPTY");
	else
		tdict_show(d, "HAS_ROWS");
	for (size_t i = 0; i < n; i++) {
		tdict *row = tdict_add_section(d, "ROW");

		tdict_set(row, "AT", rows[i].at);
		tdict_set(row, "USER", rows[i].user);
		tdict_set(row, "ACTION", history_action_name(rows[i].action));
		tdict_set(row, "LABEL", rows[i].label);
		tdict_set(row, "OLD",
		          rows[i].old_value ? rows[i].old_value : "（なし）");
		tdict_set(row, "NEW",
		          rows[i].new_value ? rows[i].new_value : "（なし）");
	}
	return page_end(r, &p);
}
