/* kyodo import / kyodo export: the office's CSV lists of groups and
 * projects from the command line (src/cli/import.c). Same conventions as
 * cli/cli.h: argv[0] is the command; exit status 0 done, 1 failed (or the
 * file has problems), 2 bad usage. */
#ifndef KYODO_CLI_IMPORT_H
#define KYODO_CLI_IMPORT_H
#include "server/config.h"

/* kyodo import groups|projects FILE [--dry-run] [--user NAME]. */
int cmd_import(struct config *cfg, int argc, char **argv);
/* kyodo export groups|projects [FILE]. */
int cmd_export(struct config *cfg, int argc, char **argv);
/* Their --help texts. */
extern const char cmd_import_usage[];
extern const char cmd_export_usage[];
#endif
