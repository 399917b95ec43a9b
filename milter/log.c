/*
 * NAME
 *	log - syslog or stderr, one line per call
 * DESCRIPTION
 *	In the foreground (systemd, tests) lines go to stderr with a level
 *	word, so journald and test harnesses capture them without syslog.
 *	The destination is fixed before threads start, so the two statics
 *	below are written once and only read afterwards.
 */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include <glib.h>

#include "log.h"

static bool log_stderr = true;
static const char *log_ident = "support-milter";

void
log_open(const char *ident, int facility, bool to_stderr)
{
	log_ident = ident;
	log_stderr = to_stderr;
	/*
	 * LOG_PERROR: a detached daemon keeps the command's standard error
	 * until it serves (daemon.c), so start-up errors reach the terminal
	 * as well; after that it points at /dev/null.
	 */
	if (!to_stderr)
		openlog(ident, LOG_PID | LOG_NDELAY | LOG_PERROR, facility);
}

static const char *
level_word(int level)
{
	switch (level) {
	case LOG_ERR: return "error";
	case LOG_WARNING: return "warning";
	case LOG_INFO: return "info";
	default: return "debug";
	}
}

void
log_msg(int level, const char *fmt, ...)
{
	va_list	ap;
	char	*text;
	char	*line;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (log_stderr) {
		line = g_strdup_printf("%s: %s: %s\n", log_ident,
		    level_word(level), text);
		/* one write per line, so threads do not interleave */
		(void)!write(STDERR_FILENO, line, strlen(line));
		g_free(line);
	} else
		syslog(level, "%s", text);
	g_free(text);
}
