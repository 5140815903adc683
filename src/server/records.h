/* Writing a whole FastCGI response straight to the connection: the CGI
 * header block and the body as FCGI_STDOUT records, then the empty
 * FCGI_STDOUT record that ends the stream and FCGI_END_REQUEST, in as few
 * writev() calls as the number of records allows (one for any page under
 * about 4 MB), without copying the body.
 *
 * Why: libfcgi's output stream has an 8 KB buffer. A 20 KB page through
 * FCGX_PutStr is copied into it and written in three write() calls, and
 * FCGX_Finish_r adds the closing records. Small responses (one write
 * either way) keep using libfcgi's stream; see worker.c.
 *
 * Protocol (FastCGI 1.0): records of at most 65535 content bytes; this
 * writer cuts the stream into records of FCGI_RECORD_CHUNK (65528, a
 * multiple of 8) so only the last one needs padding, and pads it to a
 * multiple of 8 as libfcgi does. The closing records are exactly what
 * libfcgi's FCGX_Finish_r would write for a request whose FCGI_STDERR
 * stream stayed empty (kyodo never writes to it): an FCGI_STDOUT record of
 * length 0, then FCGI_END_REQUEST {appStatus, FCGI_REQUEST_COMPLETE}. The
 * caller must therefore keep libfcgi from writing them again
 * (fcgi_mark_sent() in worker.c). */
#ifndef KYODO_RECORDS_H
#define KYODO_RECORDS_H
#include <stddef.h>

/* Content bytes per FCGI_STDOUT record (≤ 65535, a multiple of 8). */
#define FCGI_RECORD_CHUNK 65528

/* One piece of the response's byte stream. */
struct fcgi_piece {
	const void *data; /* bytes (may be NULL when len is 0) */
	size_t len;       /* number of bytes */
};

/* Write the pieces, in order, as one FCGI_STDOUT stream of request_id to
 * the connected socket fd, then end the stream and the request
 * (FCGI_END_REQUEST with app_status, FCGI_REQUEST_COMPLETE). Blocks until
 * everything is written; retries short writes and EINTR. Never raises
 * SIGPIPE (MSG_NOSIGNAL; plain writev() when fd is not a socket).
 * Returns 0, or -1 with errno set when the connection failed (EPIPE,
 * ECONNRESET …): the response is then lost and the caller should close the
 * connection; nothing else is harmed. */
int fcgi_write_response(int fd, int request_id, const struct fcgi_piece *p,
                        size_t n, int app_status);
/* Write the pieces as FCGI_STDOUT records of request_id (the last one
 * padded to 8), without ending the stream: one piece of a streamed
 * response, which fcgi_write_response(fd, request_id, NULL, 0, status)
 * then ends. Same errors as fcgi_write_response(). */
int fcgi_write_stdout(int fd, int request_id, const struct fcgi_piece *p,
                      size_t n);
/* Make the web server drop a streamed response that was cut short (a
 * database error after the first bytes went out): write the header of a
 * record no FastCGI peer accepts (version 0), after which the caller
 * closes the connection. Ending the stream and closing would not do:
 * with fastcgi_keep_conn off, nginx takes a closed connection — even
 * inside a record — as the end of the response and sends the client the
 * last chunk, so a shorter file would look complete. A record it cannot
 * read is an upstream error: nginx logs "upstream sent unsupported
 * FastCGI protocol version: 0" and closes the client's connection before
 * the last chunk (curl: "transfer closed with outstanding read data
 * remaining", exit 18; a browser shows the download as failed). 0 or -1
 * (errno set), as fcgi_write_response(). */
int fcgi_write_abort(int fd, int request_id);
#endif
