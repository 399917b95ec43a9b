/*
 * worktime.h - response targets counted in working time.
 *
 * Owns: the configured response targets per severity ("2h": working
 * hours, "1d": working days, "": none, as soon as possible), the working
 * hours of a day, the working days of a week and the time zone (a TZ
 * database name, read through GLib's GTimeZone, so daylight saving time
 * is the zone's own), and from them the instant a response is due and
 * its RFC 5322 date.  A working day is as long as the working hours:
 * "1d" from Monday 10:00 is Tuesday 10:00.
 *
 * Must not: know about mail.  The rules are built once per configuration
 * (conf.c) and read-only afterwards: thread-safe.
 */
#ifndef SUPPORT_MILTER_WORKTIME_H
#define SUPPORT_MILTER_WORKTIME_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#define WORKTIME_LEVELS	5	/* severities 1 to 5 */

struct worktime;

/*
 * worktime_new - the rules: targets (at most WORKTIME_LEVELS, for
 * severity 1 upwards; missing ones are ""), hours "HH:MM-HH:MM" (start
 * before end, the same day), days (Mon ... Sun, at least one), zone (a
 * TZ database name such as "Europe/Berlin", or "UTC").  NULL with a
 * message in err naming the bad value.
 */
struct worktime *worktime_new(const char *const *targets, const char *hours,
	    const char *const *days, const char *zone, char *err, size_t errlen);
void	worktime_free(struct worktime *);

/*
 * worktime_due - the instant (seconds since the epoch) by which a message
 * of severity (1-5) that arrived at now is to be answered; false when
 * that severity has no target.
 */
bool	worktime_due(const struct worktime *, gint64 now, int severity,
	    gint64 *due);

/*
 * worktime_format - t as an RFC 5322 date-time in the configured zone,
 * "Wed, 25 Nov 2026 17:00:00 +0100" (English names whatever the locale;
 * g_free).
 */
char	*worktime_format(const struct worktime *, gint64 t);

#endif
