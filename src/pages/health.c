/* /healthz: 200 when the database answers. */
#include <sqlite3.h>

#include "db/db.h"
#include "pages/health.h"
#include "util/buf.h"

enum hstatus page_healthz(struct request *r)
{
	sqlite3_stmt *st = db_prep(r->db, "SELECT 1");

	r->content_type_out = "text/plain; charset=utf-8";
	r->extra_headers = "Cache-Control: no-store\r\n";
	if (st == NULL || sqlite3_step(st) != SQLITE_ROW) {
		r->status = 503;
		buf_puts(&r->out, "database unavailable\n");
		return HS_OK;
	}
	buf_puts(&r->out, "ok\n");
	return HS_OK;
}
