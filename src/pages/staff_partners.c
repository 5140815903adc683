/* The partner group picker of the project form (協働の相手の「団体」):
 * a search box per row instead of a <select> of every group. It works
 * without JavaScript: 「団体を探す」 posts the form, which comes back
 * with the candidates as radio buttons and nothing saved; 「保存する」
 * takes a search that names one group (its 団体番号 or its whole name)
 * as the choice, and refuses one that does not, with its candidates. */
#include <string.h>

#include "model/group_pick.h"
#include "model/search.h"
#include "pages/pages.h"
#include "pages/staff.h"

/* What the search of one row found. */
struct pick_row {
	const char *query; /* as typed; NULL when the row had none */
	enum pick_result res;
	struct group_pick *cands;
	size_t ncands;
};

struct partner_picks {
	struct pick_row row[PROJECT_ROWS_MAX + 1]; /* [1..PROJECT_ROWS_MAX] */
};

/* The cell name "<what>_<i>". */
static const char *cell(struct arena *a, const char *what, size_t i)
{
	return arena_num(a, what, "_", i);
}

/* 1 when the cell name belongs to a row whose 「外す」 box is checked. */
static int cleared(const struct kvlist *in, struct arena *a, const char *name)
{
	static const char *const cells[] = {"partner_group", "partner_role",
	                                    "partner_part",  "partner_find",
	                                    "partner_asked", "partner_clear"};

	for (size_t k = 0; k < sizeof(cells) / sizeof(cells[0]); k++) {
		size_t i = staff_cell_row(name, cells[k]);
		const char *c;

		if (i == 0)
			continue;
		c = kv_get(in, cell(a, "partner_clear", i));
		return c != NULL && strcmp(c, "1") == 0;
	}
	return 0;
}

/* The message of row i's search that did not name one group. */
static const char *pick_message(struct arena *a, size_t i,
                                const struct pick_row *p)
{
	switch (p->res) {
	case PICK_SOME:
		return arena_printf(
		    a,
		    "協働の相手%zu：「%s」に当てはまる団体が%zu件"
		    "あります。候補から選んでください。",
		    i, p->query, p->ncands);
	case PICK_MANY:
		return arena_printf(
		    a,
		    "協働の相手%zu：「%s」に当てはまる団体が%d件を超えます。"
		    "候補から選ぶか、団体名をもっと詳しく入れて探し直して"
		    "ください。",
		    i, p->query, GROUP_PICK_MAX);
	case PICK_NONE:
		return arena_printf(
		    a,
		    "協働の相手%zu：「%s」に当てはまる団体が見つかりません。"
		    "団体名かフリガナの一部、または団体番号を入れ直してくだ"
		    "さい（まだ登録されていない団体は、先に「団体を登録す"
		    "る」から登録してください）。",
		    i, p->query);
	case PICK_BAD:
		return arena_printf(a,
		                    "協働の相手%zu：探す言葉は%d文字・%d語まで"
		                    "にしてください。",
		                    i, SEARCH_MAX_CHARS, SEARCH_MAX_WORDS);
	default: return NULL;
	}
}

int partner_picks_resolve(struct request *r, const struct kvlist *in,
                          struct kvlist *out, struct partner_picks **pk,
                          struct form_errors *errs)
{
	struct partner_picks *k = arena_alloc(r->arena, sizeof(*k));
	const char *fs = req_form(r, "find");
	size_t cap = 0, find = fs != NULL && page_path_id(fs) > 0
	                           ? (size_t)page_path_id(fs)
	                           : 0;

	*pk = k;
	out->v = NULL;
	out->n = 0;
	if (k == NULL)
		return -1;
	memset(k, 0, sizeof(*k));
	/* Searches first: a row's found group replaces its partner_group. */
	for (size_t i = 1; i <= PROJECT_ROWS_MAX; i++) {
		const char *q = kv_get(in, cell(r->arena, "partner_find", i));
		const char *c = kv_get(in, cell(r->arena, "partner_clear", i));
		struct pick_row *p = &k->row[i];

		if (c != NULL && strcmp(c, "1") == 0)
			continue;
		/* candidates shown before and none chosen: their search
		 * again (保存する then refuses the row, not drops it) */
		if ((q == NULL || q[0] == '\0') &&
		    kv_get(in, cell(r->arena, "partner_group", i)) == NULL) {
			const char *asked =
			    kv_get(in, cell(r->arena, "partner_asked", i));

			if (asked != NULL && asked[0] != '\0')
				q = asked;
		}
		if (q == NULL)
			continue;
		if (group_pick_find(r->db, r->arena, q, &p->cands, &p->ncands,
		                    &p->res) != MS_OK)
			return -1;
		if (p->res != PICK_EMPTY)
			p->query = q;
	}
	for (size_t j = 0; j < in->n; j++) {
		const char *name = in->v[j].name, *value = in->v[j].value;
		size_t i;

		if (cleared(in, r->arena, name) ||
		    staff_cell_row(name, "partner_asked") > 0)
			continue; /* a listing's search: shown again with it */
		if ((i = staff_cell_row(name, "partner_group")) > 0 &&
		    k->row[i].query != NULL && k->row[i].res == PICK_ONE)
			continue; /* replaced below */
		if ((i = staff_cell_row(name, "partner_find")) > 0 &&
		    k->row[i].query != NULL &&
		    (k->row[i].res == PICK_ONE || k->row[i].res == PICK_SOME ||
		     k->row[i].res == PICK_MANY))
			continue; /* done: the box starts empty again */
		if (kvl_add(r->arena, out, &cap, name, value) < 0)
			return -1;
	}
	if (find > 0 && find <= PROJECT_ROWS_MAX &&
	    k->row[find].query == NULL &&
	    !cleared(in, r->arena, cell(r->arena, "partner_find", find)) &&
	    ferr_add(r->arena, errs, cell(r->arena, "partner_group", find),
	             arena_printf(r->arena,
	                          "協働の相手%zu：団体名かフリガナの一部、"
	                          "または団体番号を入れてから「団体を探す」"
	                          "を押してください。",
	                          find)) < 0)
		return -1;
	for (size_t i = 1; i <= PROJECT_ROWS_MAX; i++) {
		const struct pick_row *p = &k->row[i];
		const char *msg;

		if (p->query == NULL)
			continue;
		if (p->res == PICK_ONE) {
			if (kvl_add(r->arena, out, &cap,
			            cell(r->arena, "partner_group", i),
			            arena_printf(r->arena, "%lld",
			                         p->cands[0].id)) < 0)
				return -1;
			continue;
		}
		if (find > 0 && (p->res == PICK_SOME || p->res == PICK_MANY))
			continue; /* 団体を探す: the candidates are the answer
			           */
		msg = pick_message(r->arena, i, p);
		if (msg == NULL ||
		    ferr_add(r->arena, errs, cell(r->arena, "partner_group", i),
		             msg) < 0)
			return -1;
	}
	return 0;
}

/* "フリガナ・団体番号 N・状態" under a candidate's name (the status only
 * when not 登録). */
static const char *pick_detail(struct arena *a, const struct group_pick *g)
{
	int listed = g->status != NULL && strcmp(g->status, "toroku") == 0;

	return arena_printf(a, "%s%s団体番号 %lld%s%s", g->kana,
	                    g->kana[0] != '\0' ? "・" : "", g->id,
	                    listed ? "" : "・", listed ? "" : g->status_name);
}

void partner_pick_view(struct request *r, const struct fview *fv, tdict *row,
                       size_t i, const struct partner_picks *pk,
                       const char *action)
{
	const char *name = cell(r->arena, "partner_group", i);
	const char *id = arena_cat(r->arena, "f-", name);
	const char *err = ferr_get(fv->errs, name);
	const char *v = kv_get(fv->vals, name);
	const struct pick_row *p = pk != NULL ? &pk->row[i] : NULL;
	int listing = p != NULL && p->query != NULL &&
	              (p->res == PICK_SOME || p->res == PICK_MANY);
	tdict *x =
	    tdict_add_include(row, "P_GROUP", "staff/partials/group_pick.tpl");
	struct group_pick chosen;
	int has = 0;

	if (x == NULL || id == NULL)
		return;
	tdict_set(x, "ID", id);
	tdict_set(x, "NAME", name);
	tdict_set_int(x, "NUM", (long long)i);
	if (err != NULL) {
		tdict_set(tdict_add_section(x, "ERROR"), "MESSAGE", err);
		tdict_show(x, "INVALID");
		tdict_show(x, "DESCRIBED");
		tdict_set(x, "DESCRIBEDBY", arena_cat(r->arena, id, "-error"));
	}
	if (v != NULL && page_path_id(v) > 0 &&
	    group_pick_get(r->db, r->arena, page_path_id(v), &chosen) == MS_OK)
		has = 1;
	if (has) {
		tdict *c = tdict_add_section(x, "CHOSEN");

		tdict_set(c, "GROUP_NAME", chosen.name);
		tdict_set_int(c, "GROUP_ID", chosen.id);
		tdict_set(c, "NAME", name);
		if (strcmp(chosen.status, "toroku") != 0)
			tdict_set(tdict_add_section(c, "STATUS"), "TEXT",
			          chosen.status_name);
		if (!listing && !fv->readonly)
			tdict_show(c, "KEEP");
	} else
		tdict_show(x, "NONE_CHOSEN");
	if (listing && !fv->readonly) {
		tdict *c = tdict_add_section(x, "CANDIDATES");
		size_t k = 0;

		tdict_set(c, "ASKED_NAME", cell(r->arena, "partner_asked", i));
		tdict_set(c, "ASKED", p->query);
		tdict_set(c, "LEGEND",
		          p->res == PICK_MANY
		              ? arena_printf(r->arena,
		                             "「%s」の候補（%d件を超えるため、"
		                             "はじめの%d件）",
		                             p->query, GROUP_PICK_MAX,
		                             GROUP_PICK_MAX)
		              : arena_printf(r->arena, "「%s」の候補（%zu件）",
		                             p->query, p->ncands));
		if (has) {
			tdict *o = tdict_add_section(c, "OPTION");

			tdict_set(o, "OID",
			          arena_printf(r->arena, "%s-%zu", id, ++k));
			tdict_set(o, "NAME", name);
			tdict_set_int(o, "VALUE", chosen.id);
			tdict_set(o, "LABEL",
			          arena_printf(r->arena, "変えない（%s）",
			                       chosen.name));
			tdict_show(o, "CHECKED");
		}
		for (size_t j = 0; j < p->ncands; j++) {
			tdict *o;

			if (has && p->cands[j].id == chosen.id)
				continue;
			o = tdict_add_section(c, "OPTION");
			tdict_set(o, "OID",
			          arena_printf(r->arena, "%s-%zu", id, ++k));
			tdict_set(o, "NAME", name);
			tdict_set_int(o, "VALUE", p->cands[j].id);
			tdict_set(o, "LABEL", p->cands[j].name);
			tdict_set(tdict_add_section(o, "DETAIL"), "TEXT",
			          pick_detail(r->arena, &p->cands[j]));
		}
	}
	if (!fv->readonly) {
		tdict *f = tdict_add_section(x, "FIND");
		const char *fname = cell(r->arena, "partner_find", i);
		const char *fval = kv_get(fv->vals, fname);

		tdict_set(f, "ID", id);
		tdict_set_int(f, "NUM", (long long)i);
		tdict_set(f, "FIND_NAME", fname);
		tdict_set(f, "FIND_VALUE", fval != NULL ? fval : "");
		tdict_set(f, "FIND_LABEL",
		          has ? "別の団体に変えるときは、団体名・フリガナ・"
		                "団体番号で探す"
		              : "団体名・フリガナ・団体番号で探す");
		tdict_set(f, "FIND_ACTION",
		          arena_printf(r->arena, "%s#partner-%zu", action, i));
		if (has || listing) {
			tdict *c = tdict_add_section(f, "CLEAR");

			tdict_set(c, "ID", id);
			tdict_set(c, "CLEAR_NAME",
			          cell(r->arena, "partner_clear", i));
			tdict_set(
			    c, "CLEAR_LABEL",
			    has ? "保存するときに、この団体を協働の相手から"
			          "外す（役割と役割分担の欄も消えます）"
			        : "保存するときに、この行を空にする（候補から"
			          "選ばず、役割と役割分担の欄も消えます）");
		}
	}
}
