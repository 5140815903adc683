/* The CSV export (model/export.c) and its streamed download
 * (/admin/export/groups.csv and projects.csv, http/response.h): the same bytes
 * as the export before it was streamed, on the demo and city data sets; written
 * in pieces, the same file; the page's body in 64 KB pieces with the audit row
 * once it is out; a database error or a client gone mid-file (a shorter file,
 * ending with a whole record, audited with what went out); an error before the
 * first byte (an error page, no audit row); HEAD (no body, no audit row); and
 * one snapshot while another connection writes. Runs from the top directory
 * (reads schema/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "db/db.h"
#include "http/response.h"
#include "model/demo.h"
#include "model/import.h"
#include "model/users.h"
#include "pages/admin_data.h"
#include "server/config.h"
#include "testdb.h"

/* What the export wrote before it was streamed (every id read first, then
 * each record by its loaders: `kyodo export` at 71701aa), on the data
 * sets `kyodo demo` loads: sha256 and length of each file. */
static const struct golden {
	const char *scale;  /* demo data set */
	enum import_kind k; /* what */
	const char *sha256; /* of the file, hex */
	size_t bytes;       /* its length */
} golden[] = {
    {"demo", IK_GROUPS,
     "4ab1fe957a7839d0967fb2e150d87df4512129857a8f65dc639c70d6e9db1782", 28588},
    {"demo", IK_PROJECTS,
     "e45b5e17c9a1909f0bcef588bcb34aef8a36a6ff24d0a3a973b026349308721d",
     133300},
    {"city", IK_GROUPS,
     "b3716be99741bd62e791c386536a2a646dfb1052837a8dcffb67a64b5fa3aa7d",
     539117},
    {"city", IK_PROJECTS,
     "ff0970c038db7bf86e5ac7becf61d0e0f0f497e294c2d03abc1e40c2f3ea0c55",
     3556828},
};

/* The databases the tests share: the demo and the city data sets. */
static struct db *demo_db, *city_db;
static struct config cfg; /* defaults */
static struct arena arena;

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	config_defaults(&cfg);
	arena_init(&arena, 0);
	demo_db = testdb_open("demo", NULL);
	city_db = testdb_open("city", NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(demo_db);
	db_close(city_db);
	arena_free(&arena);
	return 0;
}

/* The sha256 of n bytes at p as hex (static buffer). */
static const char *sha256_hex(const void *p, size_t n)
{
	static char hex[crypto_hash_sha256_BYTES * 2 + 1];
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return hex;
}

/* The database of data set scale. */
static struct db *db_of(const char *scale)
{
	return strcmp(scale, "city") == 0 ? city_db : demo_db;
}

/* The number of "export" audit rows of kind k on db. */
static long long audits(struct db *db, enum import_kind k)
{
	return k == IK_GROUPS ? testdb_int(db, "SELECT count(*) FROM audit_log "
	                                       "WHERE action = 'export' AND "
	                                       "kind = 'groups'")
	                      : testdb_int(db, "SELECT count(*) FROM audit_log "
	                                       "WHERE action = 'export' AND "
	                                       "kind = 'projects'");
}

/* The rows named by the latest "export" audit row on db. */
static long long audited_rows(struct db *db)
{
	return testdb_int(db, "SELECT CAST(new_value AS INTEGER) FROM "
	                      "audit_log WHERE action = 'export' ORDER BY id "
	                      "DESC LIMIT 1");
}

/* Every file byte for byte what the export wrote before. */
static void test_golden(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++) {
		const struct golden *g = &golden[i];
		struct buf out = {0};
		size_t rows = 0;

		assert_int_equal(
		    export_csv(db_of(g->scale), &arena, g->k, &out, &rows), 0);
		if (out.len != g->bytes ||
		    strcmp(sha256_hex(out.data, out.len), g->sha256) != 0)
			fail_msg("%s %s: %zu bytes, sha256 %s; want %zu, %s",
			         g->scale, import_kind_slug(g->k), out.len,
			         sha256_hex(out.data, out.len), g->bytes,
			         g->sha256);
		assert_true(rows > 0);
		assert_int_equal(sqlite3_get_autocommit(db_of(g->scale)->h), 1);
		buf_free(&out);
		arena_reset(&arena);
	}
}

/* export_rows() up to a size: a record is never split, each call with
 * until 1 adds exactly one, and the pieces make the same file. */
static void test_pieces(void **state)
{
	static const size_t untils[] = {1, 700, 65536};

	(void)state;
	for (size_t k = 0; k < IK__MAX; k++) {
		struct buf whole = {0};
		size_t rows;

		assert_int_equal(export_csv(demo_db, &arena,
		                            (enum import_kind)k, &whole, &rows),
		                 0);
		for (size_t u = 0; u < sizeof(untils) / sizeof(untils[0]);
		     u++) {
			struct buf all = {0}, piece = {0};
			struct export_run *x = export_open(
			    demo_db, &arena, (enum import_kind)k, &piece);
			int more = 1;
			size_t calls = 0;

			assert_non_null(x);
			/* the BOM and the header row */
			assert_memory_equal(piece.data, "\xef\xbb\xbf", 3);
			buf_put(&all, piece.data, piece.len);
			buf_clear(&piece);
			while (more > 0) {
				size_t before = export_count(x);

				more = export_rows(x, &piece, untils[u]);
				assert_true(more >= 0);
				if (untils[u] == 1 && more > 0)
					assert_int_equal(export_count(x),
					                 before + 1);
				/* every piece ends with a whole record */
				assert_true(piece.len >= 2);
				assert_memory_equal(piece.data + piece.len - 2,
				                    "\r\n", 2);
				buf_put(&all, piece.data, piece.len);
				buf_clear(&piece);
				calls++;
			}
			assert_int_equal(export_count(x), rows);
			export_close(x);
			assert_int_equal(sqlite3_get_autocommit(demo_db->h), 1);
			assert_int_equal(all.len, whole.len);
			assert_memory_equal(all.data, whole.data, whole.len);
			if (untils[u] == 1)
				assert_true(calls >= rows);
			buf_free(&all);
			buf_free(&piece);
		}
		buf_free(&whole);
		arena_reset(&arena);
	}
}

/* What the client receives of a streamed body (the request's sink). */
struct capture {
	struct buf all;      /* every byte, in order */
	size_t pieces;       /* pieces received */
	size_t small;        /* pieces under RESPONSE_CHUNK */
	size_t largest;      /* the largest piece */
	size_t gone_at;      /* refuse this piece (the client went away); 0:
	                        never */
	size_t interrupt_at; /* after this piece, the database fails (its
	                        next statements are interrupted); 0: never */
	struct db *writer;   /* after the first piece, write through this
	                        other connection (NULL: none) */
};

/* Statements still to interrupt (the progress handler below). */
static int interrupts_left;

/* Interrupt the running statement, once: the database error of the tests
 * below (what follows — closing the transaction, the audit row — works). */
static int interrupt(void *arg)
{
	(void)arg;
	if (interrupts_left == 0)
		return 0;
	interrupts_left--;
	return 1;
}

/* Make the next statement on db fail (SQLITE_INTERRUPT). */
static void fail_next(struct db *db)
{
	interrupts_left = 1;
	sqlite3_progress_handler(db->h, 10, interrupt, NULL);
}

/* The sink of the tests: keeps the piece, and does what c says. */
static int sink(struct request *r, const char *p, size_t n)
{
	struct capture *c = r->sink_arg;

	c->pieces++;
	if (c->gone_at != 0 && c->pieces >= c->gone_at)
		return -1;
	assert_int_equal(buf_put(&c->all, p, n), 0);
	if (n < RESPONSE_CHUNK)
		c->small++;
	if (n > c->largest)
		c->largest = n;
	if (c->interrupt_at != 0 && c->pieces == c->interrupt_at)
		fail_next(r->db);
	if (c->writer != NULL && c->pieces == 1)
		assert_int_equal(
		    sqlite3_exec(
		        c->writer->h,
		        "UPDATE projects SET title = '書き換えた事業名' "
		        "WHERE id = (SELECT id FROM projects ORDER BY "
		        "fiscal_year DESC, id DESC LIMIT 1)",
		        NULL, NULL, NULL),
		    SQLITE_OK);
	return 0;
}

/* The admin who downloads. */
static const struct user admin = {
    .id = 1, .username = "admin", .display_name = "管理者", .role = ROLE_ADMIN};

/* Run the export page of kind k on db as admin (method m) into c; the
 * handler's status in *hs; returns response_stream()'s result (0 when
 * the handler failed: nothing to stream). */
static int download(struct db *db, enum import_kind k, enum method m,
                    struct capture *c, enum hstatus *hs)
{
	struct request r;

	testdb_request(&r, &arena, &cfg, db, m,
	               k == IK_GROUPS ? "/admin/export/groups.csv"
	                              : "/admin/export/projects.csv");
	r.user = &admin;
	*hs = k == IK_GROUPS ? page_admin_export_groups(&r)
	                     : page_admin_export_projects(&r);
	if (*hs != HS_OK) {
		assert_null(r.stream);
		buf_free(&r.out);
		return 0;
	}
	assert_non_null(r.stream);
	if (m != M_HEAD) {
		r.sink = sink;
		r.sink_arg = c;
	}
	{
		struct buf hdr = {0};
		int rc;

		/* the header block: no length, the download's headers */
		assert_int_equal(response_headers(&r, &hdr), 0);
		assert_null(strstr(buf_cstr(&hdr), "Content-Length"));
		assert_non_null(strstr(buf_cstr(&hdr),
		                       "Content-Disposition: attachment; "));
		assert_non_null(
		    strstr(buf_cstr(&hdr), "Cache-Control: no-store\r\n"));
		assert_non_null(
		    strstr(buf_cstr(&hdr), "X-Content-Type-Options: nosniff"));
		buf_free(&hdr);
		rc = response_stream(&r);
		if (m == M_HEAD)
			assert_int_equal(r.out.len, 0);
		buf_free(&r.out);
		return rc;
	}
}

/* The page's body: in pieces of RESPONSE_CHUNK bytes or a little more,
 * the whole file, the audit row written once with the record count, the
 * read transaction closed. */
static void test_stream(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++) {
		const struct golden *g = &golden[i];
		struct db *db = db_of(g->scale);
		struct capture c = {0};
		enum hstatus hs;
		long long before = audits(db, g->k);

		assert_int_equal(download(db, g->k, M_GET, &c, &hs), 0);
		assert_int_equal(hs, HS_OK);
		assert_int_equal(c.all.len, g->bytes);
		assert_string_equal(sha256_hex(c.all.data, c.all.len),
		                    g->sha256);
		/* bounded pieces: one under the chunk size, the last */
		assert_true(c.small <= 1);
		assert_true(c.largest < 2 * RESPONSE_CHUNK);
		assert_true(c.pieces >= g->bytes / (2 * RESPONSE_CHUNK));
		assert_int_equal(audits(db, g->k), before + 1);
		assert_int_equal(audited_rows(db),
		                 g->k == IK_GROUPS
		                     ? testdb_int(db, "SELECT count(*) FROM "
		                                      "groups")
		                     : testdb_int(db, "SELECT count(*) FROM "
		                                      "projects"));
		assert_int_equal(sqlite3_get_autocommit(db->h), 1);
		buf_free(&c.all);
		arena_reset(&arena);
	}
}

/* A database error after the first pieces went out: the stream ends
 * early (-1: the worker then closes the connection without its end
 * records), what went out is a prefix of the file ending with a whole
 * record, the audit row counts the records written, the transaction is
 * closed, and the next export is whole again. */
static void test_error_mid_stream(void **state)
{
	struct capture c = {0};
	struct buf whole = {0};
	enum hstatus hs;
	long long before = audits(city_db, IK_PROJECTS), rows;

	(void)state;
	assert_int_equal(export_csv(city_db, &arena, IK_PROJECTS, &whole, NULL),
	                 0);
	c.interrupt_at = 2;
	assert_int_equal(download(city_db, IK_PROJECTS, M_GET, &c, &hs), -1);
	sqlite3_progress_handler(city_db->h, 0, NULL, NULL);
	assert_int_equal(hs, HS_OK);
	assert_int_equal(c.pieces, 2);
	assert_true(c.all.len >= 2 * RESPONSE_CHUNK);
	assert_true(c.all.len < whole.len);
	assert_memory_equal(c.all.data, whole.data, c.all.len);
	assert_memory_equal(c.all.data + c.all.len - 2, "\r\n", 2);
	assert_int_equal(sqlite3_get_autocommit(city_db->h), 1);
	assert_int_equal(audits(city_db, IK_PROJECTS), before + 1);
	rows = audited_rows(city_db);
	assert_true(rows > 0 && rows < 5000);
	buf_free(&c.all);

	/* the connection is fine afterwards */
	memset(&c, 0, sizeof(c));
	assert_int_equal(download(city_db, IK_PROJECTS, M_GET, &c, &hs), 0);
	assert_int_equal(c.all.len, whole.len);
	assert_memory_equal(c.all.data, whole.data, whole.len);
	buf_free(&c.all);
	buf_free(&whole);
	arena_reset(&arena);
}

/* The client gone (the sink fails): the stream stops at once, audited
 * with the records written; the transaction closed. */
static void test_client_gone(void **state)
{
	struct capture c = {0};
	enum hstatus hs;
	long long before = audits(city_db, IK_GROUPS);

	(void)state;
	c.gone_at = 3;
	assert_int_equal(download(city_db, IK_GROUPS, M_GET, &c, &hs), -1);
	assert_int_equal(c.pieces, 3);
	assert_int_equal(audits(city_db, IK_GROUPS), before + 1);
	assert_true(audited_rows(city_db) < 1000);
	assert_int_equal(sqlite3_get_autocommit(city_db->h), 1);
	buf_free(&c.all);
	arena_reset(&arena);
}

/* An error before the first byte is an error status (the dispatcher's
 * 500 page), with no audit row and no transaction left open; HEAD makes
 * no body and no audit row. */
static void test_before_first_byte(void **state)
{
	struct capture c = {0};
	enum hstatus hs;
	long long before = audits(demo_db, IK_PROJECTS);

	(void)state;
	fail_next(demo_db);
	assert_int_equal(download(demo_db, IK_PROJECTS, M_GET, &c, &hs), 0);
	sqlite3_progress_handler(demo_db->h, 0, NULL, NULL);
	assert_int_equal(hs, HS_DB);
	assert_int_equal(c.pieces, 0);
	assert_int_equal(audits(demo_db, IK_PROJECTS), before);
	assert_int_equal(sqlite3_get_autocommit(demo_db->h), 1);

	assert_int_equal(download(demo_db, IK_PROJECTS, M_HEAD, &c, &hs), 0);
	assert_int_equal(hs, HS_OK);
	assert_int_equal(c.pieces, 0);
	assert_int_equal(audits(demo_db, IK_PROJECTS), before);
	assert_int_equal(sqlite3_get_autocommit(demo_db->h), 1);
	arena_reset(&arena);
}

/* Without a sink (nothing to send to), the whole body stays in r->out:
 * the stream ends, and the file is whole. */
static void test_no_sink(void **state)
{
	struct request r;
	long long before = audits(demo_db, IK_PROJECTS);

	(void)state;
	testdb_request(&r, &arena, &cfg, demo_db, M_GET,
	               "/admin/export/projects.csv");
	r.user = &admin;
	assert_int_equal(page_admin_export_projects(&r), HS_OK);
	assert_int_equal(response_stream(&r), 0);
	assert_int_equal(r.out.len, golden[1].bytes);
	assert_string_equal(sha256_hex(r.out.data, r.out.len),
	                    golden[1].sha256);
	assert_int_equal(r.stream_sent, 0);
	assert_int_equal(audits(demo_db, IK_PROJECTS), before + 1);
	assert_int_equal(sqlite3_get_autocommit(demo_db->h), 1);
	buf_free(&r.out);
	arena_reset(&arena);
}

/* One snapshot: another connection changes the last project while the
 * first piece is out; the file is still the one from before (the
 * golden), and the next export shows the change. A database file (WAL),
 * so that two connections see each other. */
static void test_snapshot(void **state)
{
	char dir[] = "/tmp/kyodo-export.XXXXXX", path[64], side[80];
	struct db *db, *other;
	struct capture c = {0};
	struct buf after = {0};
	enum hstatus hs;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/demo.db", dir);
	db = db_open(path, &cfg, 1);
	assert_non_null(db);
	assert_int_equal(db_migrate(db, "schema"), 0);
	assert_int_equal(demo_load(db->h, "demo"), 0);
	other = db_open(path, &cfg, 0);
	assert_non_null(other);
	c.writer = other;
	assert_int_equal(download(db, IK_PROJECTS, M_GET, &c, &hs), 0);
	assert_true(c.pieces >= 2);
	assert_int_equal(c.all.len, golden[1].bytes);
	assert_string_equal(sha256_hex(c.all.data, c.all.len),
	                    golden[1].sha256);
	assert_null(strstr(buf_cstr(&c.all), "書き換えた事業名"));
	assert_int_equal(export_csv(db, &arena, IK_PROJECTS, &after, NULL), 0);
	assert_non_null(strstr(buf_cstr(&after), "書き換えた事業名"));
	buf_free(&after);
	buf_free(&c.all);
	db_close(other);
	db_close(db);
	arena_reset(&arena);
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_golden),
	    cmocka_unit_test(test_pieces),
	    cmocka_unit_test(test_stream),
	    cmocka_unit_test(test_error_mid_stream),
	    cmocka_unit_test(test_client_gone),
	    cmocka_unit_test(test_before_first_byte),
	    cmocka_unit_test(test_no_sink),
	    cmocka_unit_test(test_snapshot),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
