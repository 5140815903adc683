/* Logging to stderr: one line per event, prefixed with time and pid. */
#ifndef KYODO_LOG_H
#define KYODO_LOG_H

/* Log an error (always shown). */
void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Log an informational line. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
