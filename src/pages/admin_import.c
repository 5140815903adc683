/* /admin/import and the /admin/export CSV files for 協働推進課: bring the
 * office's Excel lists of groups and projects in (a CSV file uploaded as
 * multipart/form-data, checked first — every problem with its row and
 * column — then imported all-or-nothing), and write them out in the same
 * columns (UTF-8 with BOM, CRLF: Japanese Excel opens it), streamed in
 * 64 KB pieces from one read snapshot (export_body). The export holds the
 * representatives' private contact: admin only, logged, and recorded in
 * the audit log (action "export", once the records are out; an import
 * writes "import" in its own transaction). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/multipart.h"
#include "http/response.h"
#include "model/import.h"
#include "pages/admin_data.h"
#include "pages/pages.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/log.h"
#include "view/page.h"

/* The upload form's state. */
struct upload {
	int kind;                        /* import_kind, -1 when unknown */
	const char *kind_error;          /* message for kind */
	const char *file_error;          /* message for file */
	const char *filename;            /* the uploaded file's name */
	const struct import_report *rep; /* after a check, or NULL */
	int dry_run;                     /* 1: the check button */
	int ok;                          /* the file has no problem */
};

/* The column reference of kind k into section name of d. */
static void columns(tdict *d, const char *name, enum import_kind k)
{
	size_t n;
	const struct import_column *c = import_columns(k, &n);
	tdict *s = tdict_add_section(d, name);

	tdict_set(s, "KIND_NAME", import_kind_name(k));
	for (size_t i = 0; i < n; i++) {
		tdict *row = tdict_add_section(s, "COL");
		char col[8];

		tdict_set(row, "LETTER", csv_colname(i + 1, col));
		tdict_set(row, "HEADER", c[i].header);
		tdict_set(row, "NOTE", c[i].note);
		if (c[i].required)
			tdict_show(row, "REQUIRED");
		if (c[i].aliases != NULL)
			tdict_set(tdict_add_section(row, "ALIASES"), "TEXT",
			          c[i].aliases);
	}
}

/* The import page with status. */
static enum hstatus import_page(struct request *r, const struct upload *u,
                                int status)
{
	struct page p;
	const char *labels[] = {"マスタデータ"};
	const char *urls[] = {"/admin/master"};
	tdict *d = page_begin(r, &p, "団体・協働事業のCSV取込と書き出し",
	                      "admin/import.tpl");
	const char *imported = req_query(r, "imported");
	int nerr = 0;

	if (d == NULL)
		return HS_NOMEM;
	page_crumbs(&p, labels, urls, 1, "CSV取込と書き出し");
	r->extra_headers = "Cache-Control: no-store\r\n";
	if (status == 200 && imported != NULL &&
	    strspn(imported, "0123456789") == strlen(imported)) {
		tdict *s = tdict_add_section(d, "IMPORTED");

		tdict_set(s, "N", imported);
		tdict_set(s, "KIND_NAME",
		          import_kind_name(import_kind_parse(req_query(
		                               r, "kind")) == IK_PROJECTS
		                               ? IK_PROJECTS
		                               : IK_GROUPS));
	}
	tdict_show(d, u->kind == IK_PROJECTS ? "KIND_PROJECTS" : "KIND_GROUPS");
	if (u->kind_error != NULL) {
		tdict_set(tdict_add_section(d, "KIND_ERROR"), "MESSAGE",
		          u->kind_error);
		nerr++;
	}
	if (u->file_error != NULL) {
		tdict_set(tdict_add_section(d, "FILE_ERROR"), "MESSAGE",
		          u->file_error);
		nerr++;
	}
	if (nerr > 0)
		tdict_set_int(tdict_add_section(d, "ERRORS"), "COUNT", nerr);
	if (u->rep != NULL) {
		const struct import_report *rep = u->rep;
		tdict *s = tdict_add_section(d, "REPORT");
		tdict *pr = NULL;

		tdict_set(s, "FILENAME", u->filename ? u->filename : "");
		tdict_set(s, "CHARSET", charset_name(rep->cs));
		tdict_set_int(s, "ROWS", (long long)rep->rows);
		tdict_set(s, "KIND_NAME", import_kind_name(u->kind));
		if (u->ok) {
			tdict_show(s, "OK");
		} else {
			pr = tdict_add_section(s, "PROBLEMS");
			tdict_set_int(pr, "N",
			              (long long)(rep->np + rep->nmore));
		}
		for (size_t i = 0; pr != NULL && i < rep->np; i++) {
			tdict *row = tdict_add_section(pr, "PROBLEM");
			char col[8];

			tdict_set(row, "ROW",
			          rep->p[i].row ? arena_printf(r->arena, "%zu",
			                                       rep->p[i].row)
			                        : "—");
			tdict_set(
			    row, "COL",
			    rep->p[i].col
			        ? arena_printf(r->arena, "%s（%zu列目）",
			                       csv_colname(rep->p[i].col, col),
			                       rep->p[i].col)
			        : "—");
			tdict_set(row, "COLUMN", rep->p[i].column);
			tdict_set(row, "MESSAGE", rep->p[i].message);
		}
		if (pr != NULL && rep->nmore > 0)
			tdict_set_int(tdict_add_section(pr, "MORE"), "N",
			              (long long)rep->nmore);
		for (size_t i = 0; i < rep->nignored; i++)
			tdict_set(tdict_add_section(s, "IGNORED"), "NAME",
			          rep->ignored[i]);
	}
	columns(d, "COLUMNS", IK_GROUPS);
	columns(d, "COLUMNS", IK_PROJECTS);
	r->status = status;
	return page_end(r, &p);
}

enum hstatus page_admin_import(struct request *r)
{
	struct upload u = {0};

	u.kind = import_kind_parse(req_query(r, "kind"));
	return import_page(r, &u, 200);
}

enum hstatus page_admin_import_post(struct request *r)
{
	struct upload u = {0};
	struct import_report rep;
	struct user_actor who = {r->user != NULL ? r->user->id : 0,
	                         r->remote_addr};
	const struct mp_part *file = multipart_file(r, "file");
	const char *mode = req_form(r, "mode");
	enum import_status is;

	u.kind = import_kind_parse(req_form(r, "kind"));
	u.dry_run = mode == NULL || strcmp(mode, "import") != 0;
	if (u.kind < 0)
		u.kind_error =
		    "取り込むデータの種類（団体・協働事業）を選んでく"
		    "ださい。";
	if (file == NULL || file->len == 0)
		u.file_error = file == NULL ? "CSVファイルを選んでください。"
		                            : "選んだファイルが空です。";
	if (u.kind_error != NULL || u.file_error != NULL)
		return import_page(r, &u, 422);
	u.filename = file->filename;
	is = import_csv(r->db, r->arena, &who, (enum import_kind)u.kind,
	                file->data, file->len, u.dry_run, &rep);
	if (is == IMP_DB)
		return HS_DB;
	if (is == IMP_NOMEM)
		return HS_NOMEM;
	u.rep = &rep;
	u.ok = is == IMP_OK;
	if (u.ok && !u.dry_run) {
		log_info("import %s: %zu records from '%s' by %s",
		         import_kind_slug((enum import_kind)u.kind),
		         rep.written, u.filename,
		         r->user ? r->user->username : "-");
		r->status = 303;
		r->location = arena_printf(
		    r->arena, "/admin/import?imported=%zu&kind=%s", rep.written,
		    import_kind_slug((enum import_kind)u.kind));
		return r->location != NULL ? HS_OK : HS_NOMEM;
	}
	return import_page(r, &u, u.ok ? 200 : 422);
}

/* Percent-encode s for a filename* parameter (RFC 5987). */
static const char *rfc5987(struct arena *a, const char *s)
{
	struct buf b = {0};
	const char *out;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_')
			buf_put(&b, p, 1);
		else
			buf_printf(&b, "%%%02X", *p);
	out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* One export download being streamed. */
struct export_dl {
	struct export_run *run; /* the records, from one read snapshot */
	enum import_kind k;     /* what is exported */
	struct user_actor who;  /* the admin, for the audit row */
};

/* The body of an export download (r->stream): the records in pieces of
 * RESPONSE_CHUNK bytes while they are read, then the read transaction
 * closed and the "export" audit row written with the number of records
 * that went out — before the response is ended, so a download whose audit
 * row cannot be written fails too. A database error or the client going
 * away mid-file cuts it short (logged; the client sees a truncated
 * download) and the audit row names the records written until then: the
 * private contact in them has left. A HEAD request sends no record and
 * writes no audit row. */
static int export_body(struct request *r)
{
	struct export_dl *e = r->stream_arg;
	int more = 1, rc = 0;
	size_t rows;

	if (r->method == M_HEAD) {
		export_close(e->run);
		buf_clear(&r->out); /* the BOM and header row stay unsent */
		return 0;
	}
	while (more > 0 && rc == 0) {
		/* a piece more each time (without a sink, out keeps it all) */
		more =
		    export_rows(e->run, &r->out, r->out.len + RESPONSE_CHUNK);
		if (more < 0 || response_flush(r, more == 0) < 0)
			rc = -1;
	}
	rows = export_count(e->run);
	export_close(e->run);
	if (export_audit(r->db, &e->who, e->k, rows) < 0)
		rc = -1;
	if (rc == 0)
		log_info("export %s.csv: %zu records with private contact "
		         "columns by %s from %s",
		         import_kind_slug(e->k), rows,
		         r->user ? r->user->username : "-", r->remote_addr);
	else
		log_err("export %s.csv by %s from %s cut short after %zu "
		        "records (%zu bytes sent)",
		        import_kind_slug(e->k),
		        r->user ? r->user->username : "-", r->remote_addr, rows,
		        r->stream_sent);
	return rc;
}

/* Every record of kind k as a CSV download, streamed (export_body): the
 * read transaction, the name lists and the first record are read here, so
 * an error before the first byte is still an error page. */
static enum hstatus export_page(struct request *r, enum import_kind k)
{
	char day[16];
	time_t now = time(NULL);
	struct tm tm;
	struct export_dl *e = arena_alloc(r->arena, sizeof(*e));
	const char *ja;

	if (e == NULL)
		return HS_NOMEM;
	e->k = k;
	e->who.user_id = r->user != NULL ? r->user->id : 0;
	e->who.addr = r->remote_addr;
	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y%m%d", &tm);
	ja = rfc5987(r->arena, arena_printf(r->arena, "%s一覧-%s.csv",
	                                    import_kind_name(k), day));
	r->content_type_out = "text/csv; charset=utf-8";
	r->extra_headers = arena_printf(
	    r->arena,
	    "Content-Disposition: attachment; filename=\"%s-%s.csv\"; "
	    "filename*=UTF-8''%s\r\n"
	    "Cache-Control: no-store\r\n",
	    import_kind_slug(k), day, ja ? ja : "");
	if (r->extra_headers == NULL)
		return HS_NOMEM;
	e->run = export_open(r->db, r->arena, k, &r->out);
	if (e->run == NULL)
		return HS_DB;
	r->stream = export_body;
	r->stream_arg = e;
	return HS_OK;
}

enum hstatus page_admin_export_groups(struct request *r)
{
	return export_page(r, IK_GROUPS);
}

enum hstatus page_admin_export_projects(struct request *r)
{
	return export_page(r, IK_PROJECTS);
}
