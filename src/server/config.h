/* Configuration: defaults, then a key = value file, then KYODO_<KEY>
 * environment variables, then command-line flags. */
#ifndef KYODO_CONFIG_H
#define KYODO_CONFIG_H
#include <stddef.h>

/* Every key is documented in docs/configuration.md. */
struct config {
	char db[512];         /* database file */
	char listen[512];     /* unix:PATH, 127.0.0.1:PORT or fd:0 */
	int workers;          /* prefork workers (0: number of cores) */
	char templates[512];  /* template directory */
	char schema[512];     /* migrations directory */
	char site_url[256];   /* public origin, e.g. http://127.0.0.1:8080 */
	size_t max_body;      /* largest request body, bytes */
	int page_size;        /* rows per list page */
	int busy_timeout;     /* SQLite busy timeout, ms */
	char synchronous[16]; /* NORMAL or FULL */
	int fiscal_year;      /* current 年度 (0: from today's date) */
	char city_name[128];  /* shown in titles */
	int reload_templates; /* 1: pick up edited templates per request */
	int cache;            /* 1: response cache for anonymous GETs */
	size_t cache_size;    /* response cache bytes per worker */
	int cache_ttl;        /* seconds a page stays cached (0: no limit) */
	int session_idle;     /* seconds a login session lives unused */
	int session_lifetime; /* seconds a login session lives at most */
};

/* Fill cfg with defaults. */
void config_defaults(struct config *cfg);
/* Set one key; 0, or -1 with a message in err (size errlen). */
int config_set(struct config *cfg, const char *key, const char *value,
               char *err, size_t errlen);
/* Read a key = value file ('#' comments). 0, or -1 with err set. */
int config_load_file(struct config *cfg, const char *path, char *err,
                     size_t errlen);
/* Apply KYODO_<KEY> environment variables. 0, or -1 with err set. */
int config_load_env(struct config *cfg, char *err, size_t errlen);
/* The current fiscal year: cfg->fiscal_year or from today (April–March). */
int config_fiscal_year(const struct config *cfg);
#endif
