/* C API over Google ctemplate (implemented in template.cc). Every value set
 * here is escaped by the template's AUTOESCAPE pragma on expansion. */
#ifndef KYODO_TEMPLATE_H
#define KYODO_TEMPLATE_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tdict tdict; /* opaque: a ctemplate::TemplateDictionary */

/* Set the directory templates are loaded from; 0 or -1. */
int tpl_init(const char *root);
/* Reload templates whose files changed (for development). */
void tpl_reload(void);
/* Load (and parse) every named template now; -1 if one fails. */
int tpl_preload(const char *const *names, size_t n);
/* A new top-level dictionary; free with tdict_free. NULL when out of memory. */
tdict *tdict_new(const char *name);
void tdict_free(tdict *d);
/* Set a variable (value copied). */
void tdict_set(tdict *d, const char *key, const char *value);
/* Set an integer variable. */
void tdict_set_int(tdict *d, const char *key, long long value);
/* Set a variable in the global dictionary (seen by every template). */
void tdict_set_global(tdict *d, const char *key, const char *value);
/* Show section name once (no new dictionary). */
void tdict_show(tdict *d, const char *section);
/* Add one row to section name and show it; the row belongs to d. */
tdict *tdict_add_section(tdict *d, const char *section);
/* Add an include-dictionary for {{>name}} using template file; belongs to d. */
tdict *tdict_add_include(tdict *d, const char *name, const char *file);
/* Set a value that the code itself produced as trusted markup (e.g. an SVG
 * chart). Nothing user-supplied may go here. The template marks the variable
 * with :none. */
void tdict_set_trusted_markup(tdict *d, const char *key, const char *markup);
/* Expand template file with d, appending to out (a struct buf *). Returns 0,
 * or -1 when the template is missing or broken. */
int tpl_expand(const char *file, tdict *d, void *out);

#ifdef __cplusplus
}
#endif
#endif
