/*
 * log.h - where support-milter's log lines go: syslog, or stderr in the
 * foreground.
 *
 * Only the daemon's modules (main.c, milter.c, statsfile.c) log; library
 * modules return errors instead.
 * log_open() is called once before any thread starts; log_msg() is
 * thread-safe (syslog(3) is, and each stderr line is one write).
 */
#ifndef SUPPORT_MILTER_LOG_H
#define SUPPORT_MILTER_LOG_H

#include <stdbool.h>
#include <syslog.h>

/* log_open - send lines to syslog with facility, or to stderr. */
void	log_open(const char *ident, int facility, bool to_stderr);

/* log_msg - one line at a syslog level (LOG_INFO, LOG_WARNING, LOG_ERR). */
void	log_msg(int level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
