/* Configuration loading. */
#include "server/config.h"

#ifndef KYODO_DATADIR
#define KYODO_DATADIR "/usr/local/share/kyodo"
#endif

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* One configuration key. */
struct key {
	const char *name; /* key in the file; env is KYODO_<NAME> */
	enum { K_STR, K_INT, K_SIZE } type; /* value type */
	size_t off;                         /* offset in struct config */
	size_t len;                         /* buffer size for K_STR */
	long min, max;                      /* range for numbers */
};

#define STR(f)                                                                 \
	K_STR, offsetof(struct config, f), sizeof(((struct config *)0)->f), 0, 0
#define INT(f, lo, hi) K_INT, offsetof(struct config, f), 0, lo, hi

static const struct key keys[] = {
    {"db", STR(db)},
    {"listen", STR(listen)},
    {"workers", INT(workers, 0, 256)},
    {"templates", STR(templates)},
    {"schema", STR(schema)},
    {"site_url", STR(site_url)},
    {"max_body", K_SIZE, offsetof(struct config, max_body), 0, 1, 1L << 30},
    {"page_size", INT(page_size, 1, 500)},
    {"busy_timeout", INT(busy_timeout, 0, 600000)},
    {"synchronous", STR(synchronous)},
    {"fiscal_year", INT(fiscal_year, 0, 2200)},
    {"city_name", STR(city_name)},
    {"reload_templates", INT(reload_templates, 0, 1)},
    {"cache", INT(cache, 0, 1)},
    {"cache_size", K_SIZE, offsetof(struct config, cache_size), 0, 0, 1L << 30},
    {"cache_ttl", INT(cache_ttl, 0, 86400)},
    {"session_idle", INT(session_idle, 60, 604800)},
    {"session_lifetime", INT(session_lifetime, 60, 2592000)},
};

void config_defaults(struct config *cfg)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->db, sizeof(cfg->db), "var/kyodo.db");
	snprintf(cfg->listen, sizeof(cfg->listen), "unix:var/kyodo.sock");
	cfg->workers = n > 0 ? (int)n : 2;
	/* A source checkout runs from its top directory; an installed kyodo
	 * finds its files under the data directory chosen at build time. */
	if (access("templates/layout.tpl", R_OK) == 0) {
		snprintf(cfg->templates, sizeof(cfg->templates), "templates");
		snprintf(cfg->schema, sizeof(cfg->schema), "schema");
	} else {
		snprintf(cfg->templates, sizeof(cfg->templates), "%s",
		         KYODO_DATADIR "/templates");
		snprintf(cfg->schema, sizeof(cfg->schema), "%s",
		         KYODO_DATADIR "/schema");
	}
	snprintf(cfg->site_url, sizeof(cfg->site_url), "http://127.0.0.1:8080");
	cfg->max_body = 8388608; /* 8 MiB: CSV imports of a few thousand rows */
	cfg->page_size = 20;
	cfg->busy_timeout = 5000;
	snprintf(cfg->synchronous, sizeof(cfg->synchronous), "NORMAL");
	snprintf(cfg->city_name, sizeof(cfg->city_name), "みなと市");
	cfg->cache = 1;
	cfg->cache_size = 4 << 20;
	cfg->cache_ttl = 60;
	cfg->session_idle = 7200;      /* 2 hours */
	cfg->session_lifetime = 43200; /* 12 hours */
}

int config_set(struct config *cfg, const char *key, const char *value,
               char *err, size_t errlen)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const struct key *k = &keys[i];
		char *end;
		long long v;

		if (strcmp(k->name, key) != 0)
			continue;
		if (k->type == K_STR) {
			if (strlen(value) >= k->len) {
				snprintf(err, errlen, "%s: value too long",
				         key);
				return -1;
			}
			memcpy((char *)cfg + k->off, value, strlen(value) + 1);
			if (strcmp(key, "synchronous") == 0 &&
			    strcmp(value, "NORMAL") != 0 &&
			    strcmp(value, "FULL") != 0) {
				snprintf(err, errlen,
				         "synchronous: NORMAL or FULL");
				return -1;
			}
			return 0;
		}
		errno = 0;
		v = strtoll(value, &end, 10);
		if (errno || end == value || *end || v < k->min || v > k->max) {
			snprintf(err, errlen, "%s: expected a number %ld..%ld",
			         key, k->min, k->max);
			return -1;
		}
		if (k->type == K_INT)
			*(int *)((char *)cfg + k->off) = (int)v;
		else
			*(size_t *)((char *)cfg + k->off) = (size_t)v;
		return 0;
	}
	snprintf(err, errlen, "unknown configuration key '%s'", key);
	return -1;
}

/* Trim spaces at both ends, in place. */
static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int config_load_file(struct config *cfg, const char *path, char *err,
                     size_t errlen)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int lineno = 0, rc = 0;

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *eq, *k, *v, msg[256];

		lineno++;
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		eq = strchr(k, '=');
		if (eq == NULL) {
			snprintf(err, errlen, "%s:%d: expected key = value",
			         path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		v = trim(eq + 1);
		k = trim(k);
		if (config_set(cfg, k, v, msg, sizeof(msg)) < 0) {
			snprintf(err, errlen, "%s:%d: %s", path, lineno, msg);
			rc = -1;
			break;
		}
	}
	fclose(f);
	return rc;
}

int config_load_env(struct config *cfg, char *err, size_t errlen)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char name[64], msg[256];
		const char *v;
		size_t j;

		snprintf(name, sizeof(name), "KYODO_");
		for (j = 0; keys[i].name[j] && j + 7 < sizeof(name); j++)
			name[6 + j] =
			    (char)toupper((unsigned char)keys[i].name[j]);
		name[6 + j] = '\0';
		v = getenv(name);
		if (v == NULL)
			continue;
		if (config_set(cfg, keys[i].name, v, msg, sizeof(msg)) < 0) {
			snprintf(err, errlen, "%s: %s", name, msg);
			return -1;
		}
	}
	return 0;
}

int config_fiscal_year(const struct config *cfg)
{
	time_t now;
	struct tm tm;

	if (cfg->fiscal_year > 0)
		return cfg->fiscal_year;
	now = time(NULL);
	localtime_r(&now, &tm);
	return tm.tm_year + 1900 - (tm.tm_mon < 3 ? 1 : 0);
}
