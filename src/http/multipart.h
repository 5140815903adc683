/* multipart/form-data bodies (RFC 7578): what a browser sends for a form
 * with <input type="file">. The parser is strict about structure, bounded
 * (parts, header size) and never copies file contents: a file part points
 * into the request body. */
#ifndef KYODO_MULTIPART_H
#define KYODO_MULTIPART_H
#include <stddef.h>

#include "http/request.h"
#include "util/arena.h"

/* One part of the body. */
struct mp_part {
	const char *name;     /* field name (valid UTF-8, no NUL) */
	const char *filename; /* file name as sent, NULL for a plain field */
	const char *content_type; /* the part's Content-Type, or NULL */
	const char *data;         /* contents: points into the body */
	size_t len;               /* length of data */
};

/* Limits for one body. */
#define MP_MAX_PARTS  64   /* parts */
#define MP_MAX_HEADER 4096 /* bytes of one part's header block */

/* The boundary parameter of a multipart/form-data Content-Type (arena
 * copy, without quotes), or NULL when ct is not multipart/form-data or has
 * no valid boundary (1–70 characters). */
const char *multipart_boundary(struct arena *a, const char *ct);
/* Split body[0..n) into parts. 0, or -1 when the body is malformed, has
 * too many parts or a name that is not valid UTF-8 (parts/nparts are then
 * left empty). */
int multipart_parse(struct arena *a, const char *boundary, const char *body,
                    size_t n, struct mp_part **parts, size_t *nparts);
/* Parse a multipart/form-data body and append its plain fields (parts
 * without a filename) to out as name/value pairs; file parts are left for
 * multipart_file(). 0, or -1 when the body is malformed or a value is not
 * valid UTF-8 or holds a NUL. The request layer calls this where it parses
 * urlencoded bodies, so req_form() works for both encodings. */
int multipart_form(struct arena *a, const char *content_type, const char *body,
                   size_t n, struct kvlist *out);
/* The first file part named name of r's multipart body (a part with a
 * filename attribute, possibly an empty file), or NULL when there is none
 * or the request is not multipart. The part is arena memory. */
const struct mp_part *multipart_file(struct request *r, const char *name);
#endif
