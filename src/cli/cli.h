/* Subcommands that live outside src/main.c. Each takes the configuration
 * and the arguments from the command's name on (argv[0] is the command),
 * and returns the process exit status: 0 done, 1 failed, 2 bad usage. */
#ifndef KYODO_CLI_H
#define KYODO_CLI_H
#include "server/config.h"

/* kyodo user add|passwd|list|disable|enable|unlock (src/cli/user.c). */
int cmd_user(struct config *cfg, int argc, char **argv);
/* Its --help text. */
extern const char cmd_user_usage[];
#endif
