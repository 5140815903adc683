/* FastCGI serving: the prefork supervisor and its workers. */
#ifndef KYODO_SERVER_H
#define KYODO_SERVER_H
#include "server/config.h"

/* Open the listen socket described by cfg->listen (unix:PATH, a loopback
 * host:port, or fd:0). Returns the fd, or -1 with a message logged. */
int server_listen(const struct config *cfg);
/* Run cfg->workers worker processes on fd, restart any that die, stop them
 * gracefully on SIGTERM/SIGINT. Returns the exit status for main(). */
int server_run(const struct config *cfg, int fd);
/* One worker: accept and answer requests on fd until told to stop.
 * Returns 0 after a graceful stop, 1 on a start-up failure. */
int worker_main(const struct config *cfg, int fd);
#endif
