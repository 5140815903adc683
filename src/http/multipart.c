/* multipart/form-data parser. See http/multipart.h. */
#include "http/multipart.h"

#include <string.h>
#include <strings.h>

#include "http/decode.h"

/* Find needle[0..nl) in hay[0..hl); NULL when absent. */
static const char *find(const char *hay, size_t hl, const char *needle,
                        size_t nl)
{
	return memmem(hay, hl, needle, nl);
}

const char *multipart_boundary(struct arena *a, const char *ct)
{
	const char *p, *end;

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0 ||
	    (ct[19] != ';' && ct[19] != ' ' && ct[19] != '\0'))
		return NULL;
	for (p = ct + 19; *p != '\0'; p++) {
		while (*p == ';' || *p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9) == 0)
			break;
		p = strchr(p, ';');
		if (p == NULL)
			return NULL;
	}
	if (*p == '\0')
		return NULL;
	p += 9;
	if (*p == '"') {
		end = strchr(++p, '"');
		if (end == NULL)
			return NULL;
	} else {
		end = p + strcspn(p, "; \t");
	}
	if (end - p < 1 || end - p > 70)
		return NULL;
	for (const char *c = p; c < end; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7E)
			return NULL;
	return arena_strndup(a, p, (size_t)(end - p));
}

/* The value of parameter key (e.g. "name") in a Content-Disposition value
 * h[0..n), as an arena string; NULL when absent or malformed. Quoted
 * values end at the next quote not escaped by a backslash. */
static const char *disp_param(struct arena *a, const char *h, size_t n,
                              const char *key)
{
	size_t kl = strlen(key), i = 0;

	while (i < n) {
		/* each parameter follows a ';' */
		const char *semi = memchr(h + i, ';', n - i);
		size_t j;

		if (semi == NULL)
			return NULL;
		i = (size_t)(semi - h) + 1;
		while (i < n && (h[i] == ' ' || h[i] == '\t'))
			i++;
		if (n - i <= kl || strncasecmp(h + i, key, kl) != 0 ||
		    h[i + kl] != '=')
			continue;
		j = i + kl + 1;
		if (j < n && h[j] == '"') {
			char *v = arena_alloc(a, n - j);
			size_t o = 0;

			if (v == NULL)
				return NULL;
			for (j++; j < n && h[j] != '"'; j++) {
				if (h[j] == '\\' && j + 1 < n)
					j++;
				v[o++] = h[j];
			}
			if (j >= n)
				return NULL;
			v[o] = '\0';
			return v;
		}
		i = j;
		while (j < n && h[j] != ';' && h[j] != ' ' && h[j] != '\t')
			j++;
		return arena_strndup(a, h + i, j - i);
	}
	return NULL;
}

/* Parse one part's header block hdr[0..n) (lines ending in CRLF) into
 * p. 0, or -1 when it has no form-data Content-Disposition with a name. */
static int part_headers(struct arena *a, const char *hdr, size_t n,
                        struct mp_part *p)
{
	size_t i = 0;

	while (i < n) {
		const char *eol = find(hdr + i, n - i, "\r\n", 2);
		size_t ll = eol ? (size_t)(eol - hdr) - i : n - i;
		const char *line = hdr + i;

		if (ll > 20 &&
		    strncasecmp(line, "Content-Disposition:", 20) == 0) {
			const char *v = line + 20;
			size_t vl = ll - 20;

			while (vl > 0 && (*v == ' ' || *v == '\t'))
				v++, vl--;
			if (vl < 9 || strncasecmp(v, "form-data", 9) != 0)
				return -1;
			p->name = disp_param(a, v, vl, "name");
			p->filename = disp_param(a, v, vl, "filename");
		} else if (ll > 13 &&
		           strncasecmp(line, "Content-Type:", 13) == 0) {
			const char *v = line + 13;
			size_t vl = ll - 13;

			while (vl > 0 && (*v == ' ' || *v == '\t'))
				v++, vl--;
			p->content_type = arena_strndup(a, v, vl);
		}
		i += ll + 2;
	}
	if (p->name == NULL || !utf8_valid(p->name, strlen(p->name)))
		return -1;
	if (p->filename != NULL &&
	    !utf8_valid(p->filename, strlen(p->filename)))
		p->filename = "";
	return 0;
}

int multipart_parse(struct arena *a, const char *boundary, const char *body,
                    size_t n, struct mp_part **parts, size_t *nparts)
{
	size_t bl = strlen(boundary) + 2, i, np = 0;
	char *delim = arena_alloc(a, bl + 3);
	struct mp_part *v = arena_alloc(a, MP_MAX_PARTS * sizeof(*v));
	const char *p;

	*parts = NULL;
	*nparts = 0;
	if (delim == NULL || v == NULL || body == NULL)
		return -1;
	/* "\r\n--boundary": the delimiter before every part but the first */
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, bl - 2);
	/* The first delimiter is at the start or after a preamble line. */
	if (n >= bl && memcmp(body, delim + 2, bl) == 0) {
		i = bl;
	} else {
		p = find(body, n, delim, bl + 2);
		if (p == NULL)
			return -1;
		i = (size_t)(p - body) + bl + 2;
	}
	for (;;) {
		const char *hend, *next;
		struct mp_part *part;

		/* after a delimiter: "--" ends the body, CRLF starts a part */
		if (n - i >= 2 && memcmp(body + i, "--", 2) == 0)
			break;
		while (i < n && (body[i] == ' ' || body[i] == '\t'))
			i++; /* transport padding */
		if (n - i < 2 || memcmp(body + i, "\r\n", 2) != 0)
			return -1;
		i += 2;
		if (np >= MP_MAX_PARTS)
			return -1;
		part = &v[np];
		memset(part, 0, sizeof(*part));
		if (n - i >= 2 && memcmp(body + i, "\r\n", 2) == 0) {
			hend = body + i; /* no headers at all */
		} else {
			hend = find(body + i, n - i, "\r\n\r\n", 4);
			if (hend == NULL ||
			    (size_t)(hend - body) - i > MP_MAX_HEADER)
				return -1;
			hend += 2;
		}
		if (part_headers(a, body + i, (size_t)(hend - body) - i, part) <
		    0)
			return -1;
		i = (size_t)(hend - body) + 2;
		next = find(body + i, n - i, delim, bl + 2);
		if (next == NULL)
			return -1;
		part->data = body + i;
		part->len = (size_t)(next - body) - i;
		np++;
		i = (size_t)(next - body) + bl + 2;
	}
	*parts = v;
	*nparts = np;
	return 0;
}

int multipart_form(struct arena *a, const char *content_type, const char *body,
                   size_t n, struct kvlist *out)
{
	const char *b = multipart_boundary(a, content_type);
	struct mp_part *parts;
	size_t np, k = 0;
	struct kv *v;

	if (b == NULL || multipart_parse(a, b, body, n, &parts, &np) < 0)
		return -1;
	v = arena_alloc(a, (out->n + np + 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	if (out->n > 0)
		memcpy(v, out->v, out->n * sizeof(*v));
	k = out->n;
	for (size_t i = 0; i < np; i++) {
		if (parts[i].filename != NULL)
			continue;
		if (!utf8_valid(parts[i].data, parts[i].len))
			return -1;
		v[k].name = parts[i].name;
		v[k].value = arena_strndup(a, parts[i].data, parts[i].len);
		if (v[k].value == NULL)
			return -1;
		k++;
	}
	out->v = v;
	out->n = k;
	return 0;
}

const struct mp_part *multipart_file(struct request *r, const char *name)
{
	const char *b = multipart_boundary(r->arena, r->content_type);
	struct mp_part *parts;
	size_t np;

	if (b == NULL ||
	    multipart_parse(r->arena, b, r->body, r->body_len, &parts, &np) < 0)
		return NULL;
	for (size_t i = 0; i < np; i++)
		if (parts[i].filename != NULL &&
		    strcmp(parts[i].name, name) == 0)
			return &parts[i];
	return NULL;
}
