/* The prefork supervisor: opens the socket, forks the workers, restarts a
 * worker that dies, stops them all gracefully on SIGTERM/SIGINT. */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "server/server.h"
#include "util/log.h"

/* Set by SIGTERM/SIGINT in the parent. */
static volatile sig_atomic_t shutting_down;

/* Parent's stop signal handler. */
static void on_parent_stop(int sig)
{
	(void)sig;
	shutting_down = 1;
}

/* 1 when host (of host:port) is a loopback address. */
static int loopback_host(const char *addr)
{
	return strncmp(addr, "127.", 4) == 0 ||
	       strncmp(addr, "localhost:", 10) == 0;
}

int server_listen(const struct config *cfg)
{
	const char *l = cfg->listen;
	int fd;

	if (strcmp(l, "fd:0") == 0) {
		int type = 0;
		socklen_t len = sizeof(type);

		if (getsockopt(0, SOL_SOCKET, SO_TYPE, &type, &len) < 0) {
			log_err("listen fd:0: standard input is not a socket");
			return -1;
		}
		return 0;
	}
	if (strncmp(l, "unix:", 5) == 0) {
		const char *path = l + 5;
		struct stat st;

		/* A stale socket from a previous run is replaced; anything
		 * else at that path is left alone. */
		if (stat(path, &st) == 0) {
			if (!S_ISSOCK(st.st_mode)) {
				log_err("listen %s: exists and is not a socket",
				        path);
				return -1;
			}
			unlink(path);
		}
		fd = FCGX_OpenSocket(path, 128);
		if (fd >= 0)
			chmod(path, 0666); /* access is controlled by the dir */
	} else if (loopback_host(l)) {
		fd = FCGX_OpenSocket(l, 128);
	} else {
		log_err("listen %s: use unix:PATH, 127.0.0.1:PORT or fd:0 "
		        "(kyodo never listens on a public interface)",
		        l);
		return -1;
	}
	if (fd < 0)
		log_err("cannot listen on %s: %s", l, strerror(errno));
	return fd;
}

/* Fork one worker; returns its pid, or -1. */
static pid_t spawn_worker(const struct config *cfg, int fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		_exit(worker_main(cfg, fd));
	}
	if (pid < 0)
		log_err("fork: %s", strerror(errno));
	return pid;
}

int server_run(const struct config *cfg, int fd)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int n = cfg->workers > 0 ? cfg->workers : cores > 0 ? (int)cores : 1;
	pid_t *pids = calloc((size_t)n, sizeof(*pids));
	time_t *started = calloc((size_t)n, sizeof(*started));
	struct sigaction sa;
	int rc = 0, quick_deaths = 0;

	if (pids == NULL || started == NULL) {
		free(pids);
		free(started);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_parent_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	for (int i = 0; i < n; i++) {
		pids[i] = spawn_worker(cfg, fd);
		started[i] = time(NULL);
	}
	log_info("serving on %s with %d workers", cfg->listen, n);
	while (!shutting_down) {
		int status;
		pid_t pid = waitpid(-1, &status, 0);

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < n; i++) {
			if (pids[i] != pid)
				continue;
			if (shutting_down)
				break;
			if (WIFSIGNALED(status))
				log_err("worker %ld died of signal %d; "
				        "restarting",
				        (long)pid, WTERMSIG(status));
			else
				log_err("worker %ld exited with %d; "
				        "restarting",
				        (long)pid, WEXITSTATUS(status));
			/* A worker that cannot even start (bad database,
			 * missing templates) would be restarted forever. */
			if (time(NULL) - started[i] < 2 &&
			    ++quick_deaths > 10) {
				log_err("workers keep failing at start; "
				        "giving up");
				shutting_down = 1;
				rc = 1;
				break;
			}
			pids[i] = spawn_worker(cfg, fd);
			started[i] = time(NULL);
		}
	}
	log_info("stopping: letting in-flight requests finish");
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			while (waitpid(pids[i], NULL, 0) < 0 && errno == EINTR)
				;
	if (strncmp(cfg->listen, "unix:", 5) == 0)
		unlink(cfg->listen + 5);
	free(pids);
	free(started);
	log_info("stopped");
	return rc;
}
