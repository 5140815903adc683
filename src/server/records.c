/* FastCGI STDOUT records written straight to the connection (records.h). */
#include "server/records.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

/* FastCGI 1.0 constants (the FastCGI specification, section 8). */
#define FCGI_VERSION_1        1
#define FCGI_END_REQUEST      3
#define FCGI_STDOUT           6
#define FCGI_REQUEST_COMPLETE 0
#define FCGI_HEADER_LEN       8

/* iovecs per writev(): a 4 MB body is 65 records, 130-odd iovecs, so
 * nearly every response goes out in one call. */
#define BATCH_IOV 160
/* record headers per batch (each needs its own 8 bytes until written) */
#define BATCH_REC 72

/* What is queued for the next writev(). */
struct batch {
	int fd;                      /* the connection */
	int plain;                   /* fd is not a socket: writev() */
	struct iovec iov[BATCH_IOV]; /* queued pieces */
	int niov;                    /* iov entries used */
	unsigned char hdr[BATCH_REC][FCGI_HEADER_LEN]; /* record headers */
	int nhdr;                                      /* hdr entries used */
};

/* Write iov[0..n) completely (short writes and EINTR retried). 0 or -1. */
static int write_all(struct batch *b, struct iovec *iov, int n)
{
	while (n > 0) {
		ssize_t w;

		if (!b->plain) {
			struct msghdr m = {0};

			m.msg_iov = iov;
			m.msg_iovlen = (size_t)n;
			w = sendmsg(b->fd, &m, MSG_NOSIGNAL);
			if (w < 0 && errno == ENOTSOCK) {
				b->plain = 1;
				continue;
			}
		} else {
			w = writev(b->fd, iov, n);
		}
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		/* drop what was written: whole iovecs, then part of one */
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

/* Write out everything queued. 0 or -1. */
static int flush(struct batch *b)
{
	int rc = write_all(b, b->iov, b->niov);

	b->niov = 0;
	b->nhdr = 0;
	return rc;
}

/* Queue len bytes at p (flushing first when the batch is full). */
static int push(struct batch *b, const void *p, size_t len)
{
	if (len == 0)
		return 0;
	if (b->niov == BATCH_IOV && flush(b) < 0)
		return -1;
	b->iov[b->niov].iov_base = (void *)p;
	b->iov[b->niov].iov_len = len;
	b->niov++;
	return 0;
}

/* Fill h with a record header. */
static void make_header(unsigned char h[FCGI_HEADER_LEN], int type, int id,
                        size_t clen, size_t plen)
{
	h[0] = FCGI_VERSION_1;
	h[1] = (unsigned char)type;
	h[2] = (unsigned char)((id >> 8) & 0xff);
	h[3] = (unsigned char)(id & 0xff);
	h[4] = (unsigned char)((clen >> 8) & 0xff);
	h[5] = (unsigned char)(clen & 0xff);
	h[6] = (unsigned char)plen;
	h[7] = 0;
}

/* Queue a header for a record of clen content bytes and plen padding. */
static int push_header(struct batch *b, int id, size_t clen, size_t plen)
{
	if (b->nhdr == BATCH_REC && flush(b) < 0)
		return -1;
	make_header(b->hdr[b->nhdr], FCGI_STDOUT, id, clen, plen);
	return push(b, b->hdr[b->nhdr++], FCGI_HEADER_LEN);
}

/* Queue the pieces as FCGI_STDOUT records of request id; *pad gets the
 * padding the last record needs (not queued). 0 or -1. */
static int push_stdout(struct batch *b, int id, const struct fcgi_piece *p,
                       size_t n, size_t *pad)
{
	size_t left = 0, pi = 0, off = 0;

	*pad = 0;
	for (size_t i = 0; i < n; i++)
		left += p[i].len;
	while (left > 0) {
		size_t clen =
		    left < FCGI_RECORD_CHUNK ? left : FCGI_RECORD_CHUNK;
		size_t need = clen;

		left -= clen;
		if (left == 0)
			*pad = (8 - clen % 8) % 8;
		if (push_header(b, id, clen, left == 0 ? *pad : 0) < 0)
			return -1;
		while (need > 0) {
			size_t take;

			while (p[pi].len == off) { /* next non-empty piece */
				pi++;
				off = 0;
			}
			take = p[pi].len - off < need ? p[pi].len - off : need;
			if (push(b, (const char *)p[pi].data + off, take) < 0)
				return -1;
			off += take;
			need -= take;
		}
	}
	return 0;
}

/* A batch writing to fd. */
static void batch_init(struct batch *b, int fd)
{
	b->fd = fd;
	b->plain = 0;
	b->niov = 0;
	b->nhdr = 0;
}

int fcgi_write_stdout(int fd, int request_id, const struct fcgi_piece *p,
                      size_t n)
{
	static const unsigned char zeros[8];
	struct batch b;
	size_t pad;

	batch_init(&b, fd);
	if (push_stdout(&b, request_id, p, n, &pad) < 0 ||
	    push(&b, zeros, pad) < 0)
		return -1;
	return flush(&b);
}

int fcgi_write_response(int fd, int request_id, const struct fcgi_piece *p,
                        size_t n, int app_status)
{
	struct batch b;
	/* padding of the last record, the empty FCGI_STDOUT record, and
	 * FCGI_END_REQUEST (header + 8-byte body) */
	unsigned char tail[7 + FCGI_HEADER_LEN + FCGI_HEADER_LEN + 8];
	unsigned char *t;
	size_t pad;

	batch_init(&b, fd);
	if (push_stdout(&b, request_id, p, n, &pad) < 0)
		return -1;
	memset(tail, 0, sizeof(tail));
	t = tail + pad;
	make_header(t, FCGI_STDOUT, request_id, 0, 0);
	t += FCGI_HEADER_LEN;
	make_header(t, FCGI_END_REQUEST, request_id, 8, 0);
	t += FCGI_HEADER_LEN;
	t[0] = (unsigned char)(((unsigned)app_status >> 24) & 0xff);
	t[1] = (unsigned char)(((unsigned)app_status >> 16) & 0xff);
	t[2] = (unsigned char)(((unsigned)app_status >> 8) & 0xff);
	t[3] = (unsigned char)((unsigned)app_status & 0xff);
	t[4] = FCGI_REQUEST_COMPLETE;
	t += 8;
	if (push(&b, tail, (size_t)(t - tail)) < 0)
		return -1;
	return flush(&b);
}

int fcgi_write_abort(int fd, int request_id)
{
	struct batch b;
	unsigned char h[FCGI_HEADER_LEN];

	batch_init(&b, fd);
	make_header(h, FCGI_STDOUT, request_id, 0, 0);
	h[0] = 0; /* no such version: the peer must refuse the record */
	if (push(&b, h, sizeof(h)) < 0)
		return -1;
	return flush(&b);
}
