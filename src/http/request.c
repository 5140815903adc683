/* Accessors for struct request. */
#include "http/request.h"

#include <string.h>

const char *kv_get(const struct kvlist *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return l->v[i].value;
	return NULL;
}

const char *req_query(const struct request *r, const char *name)
{
	return kv_get(&r->query, name);
}

const char *req_form(const struct request *r, const char *name)
{
	return kv_get(&r->form, name);
}

const char *req_cookie(const struct request *r, const char *name)
{
	return kv_get(&r->cookies, name);
}

const char *req_param(const struct request *r, size_t i)
{
	return i < r->nparams ? r->params[i] : NULL;
}
