/* Response headers and the dispatcher. */
#include "http/response.h"

#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "server/config.h"
#include "view/page.h"

/* Sent with every response, in one place. */
static const char security_headers[] =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: strict-origin-when-cross-origin\r\n"
    "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n";

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

int response_headers(const struct request *r, struct buf *hdr)
{
	return response_headers_at(r, hdr, NULL);
}

int response_headers_at(const struct request *r, struct buf *hdr, size_t *id_at)
{
	int rc = 0;

	rc |= buf_printf(hdr, "Status: %d %s\r\n", r->status,
	                 http_reason(r->status));
	if (r->status != 304)
		rc |= buf_printf(hdr, "Content-Type: %s\r\n",
		                 r->content_type_out
		                     ? r->content_type_out
		                     : "text/html; charset=utf-8");
	rc |= buf_puts(hdr, security_headers);
	if (r->location != NULL)
		rc |= buf_printf(hdr, "Location: %s\r\n", r->location);
	if (r->extra_headers != NULL)
		rc |= buf_puts(hdr, r->extra_headers);
	if (strstr(r->extra_headers ? r->extra_headers : "",
	           "Cache-Control:") == NULL)
		rc |= buf_puts(hdr, "Cache-Control: no-cache\r\n");
	rc |= buf_puts(hdr, "X-Request-Id: ");
	if (id_at != NULL)
		*id_at = hdr->len;
	rc |= buf_put(hdr, r->request_id, strlen(r->request_id));
	rc |= buf_puts(hdr, "\r\n");
	if (r->status != 304 && r->stream == NULL)
		rc |= buf_printf(hdr, "Content-Length: %zu\r\n", r->out.len);
	rc |= buf_puts(hdr, "\r\n");
	return rc ? -1 : 0;
}

int response_flush(struct request *r, int all)
{
	size_t n = r->out.len;

	if (r->sink == NULL || n == 0 || (!all && n < RESPONSE_CHUNK))
		return 0;
	if (r->sink(r, r->out.data, n) < 0)
		return -1;
	r->stream_sent += n;
	buf_clear(&r->out);
	return 0;
}

int response_stream(struct request *r)
{
	int rc;

	if (r->stream == NULL)
		return 0;
	rc = r->stream(r);
	if (rc == 0 && r->method != M_HEAD)
		rc = response_flush(r, 1);
	return rc;
}

enum role request_role(const struct request *r)
{
	/* r->user is set by auth_begin() from the session cookie */
	return r->user != NULL ? r->user->role : ROLE_PUBLIC;
}

/* 1 when url starts with origin and then ends or continues with '/'. */
static int origin_prefix(const char *url, const char *origin, size_t n)
{
	return strncmp(url, origin, n) == 0 &&
	       (url[n] == '\0' || url[n] == '/');
}

int same_origin(const struct request *r)
{
	const char *site = r->cfg->site_url;
	size_t n = strlen(site);
	const char *src = r->origin != NULL ? r->origin : r->referer;

	while (n > 0 && site[n - 1] == '/')
		n--;
	if (src == NULL || strcmp(src, "null") == 0)
		return 0;
	return origin_prefix(src, site, n);
}

/* Japanese messages for statuses the dispatcher raises itself. */
static const char *status_message(int status)
{
	switch (status) {
	case 400:
		return "リクエストの内容が正しくありません。入力内容をご確認く"
		       "ださい。";
	case 403: return "このページを表示する権限がありません。";
	case 404:
		return "お探しのページは見つかりませんでした。URLをご確認くださ"
		       "い。";
	case 405: return "このページはその方法（メソッド）では利用できません。";
	case 409: return "ほかの人が先に更新したため、保存できませんでした。";
	case 413: return "送信されたデータが大きすぎます。";
	default:
		return "システムエラーが発生しました。時間をおいて再度お試しく"
		       "ださい。";
	}
}

void dispatch(struct request *r, const struct route *table, size_t n)
{
	const char *allow = NULL;
	enum hstatus hs;
	int snapshot;
	static const int hs_status[HS__MAX] = {
	    [HS_OK] = 200,        [HS_NOTFOUND] = 404, [HS_INVALID] = 400,
	    [HS_FORBIDDEN] = 403, [HS_CONFLICT] = 409, [HS_DB] = 500,
	    [HS_NOMEM] = 500,     [HS_ERROR] = 500,
	};

	auth_begin(r); /* the session: r->user, r->csrf_token */
	switch (router_match(table, n, r, &allow)) {
	case MATCH_NONE: page_error(r, 404, status_message(404)); return;
	case MATCH_METHOD:
		r->extra_headers =
		    arena_printf(r->arena, "Allow: %s\r\n", allow);
		page_error(r, 405, status_message(405));
		return;
	case MATCH_OK: break;
	}
	if (!ROUTE_ALLOWS(r->route->allow, request_role(r))) {
		if (request_role(r) == ROLE_PUBLIC) {
			r->status = 303;
			r->location = auth_login_url(r, table, n);
			return;
		}
		page_error(r, 403, status_message(403));
		return;
	}
	if (r->method == M_POST && !same_origin(r)) {
		page_error(
		    r, 403,
		    "別のサイトから送信されたため、受け付けませんでした。"
		    "このサイトのページから、もう一度送信してください。");
		return;
	}
	if (r->method == M_POST && !auth_csrf_ok(r)) {
		page_error(r, 403,
		           "送信の有効期限が切れたか、別のサイトから送信されま"
		           "した。ページを再読み込みして、もう一度お試しくださ"
		           "い。");
		return;
	}
	r->status = 200;
	/* a GET reads one snapshot (after auth_begin(), whose session touch
	 * writes); a cacheable one has it already, from cache_lookup() */
	snapshot = r->route->tx == TX_READ && db_snapshot_begin(r->db);
	hs = r->route->handler(r);
	if (snapshot)
		db_snapshot_end(r->db);
	auth_end(r); /* cookies the handler queued */
	if (hs != HS_OK) {
		int status = hs < HS__MAX ? hs_status[hs] : 500;

		r->stream = NULL; /* set only with HS_OK */
		buf_clear(&r->out);
		page_error(r, status, status_message(status));
	}
}
