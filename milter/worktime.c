/*
 * NAME
 *	worktime - response targets counted in working time
 * DESCRIPTION
 *	A target is a number of working seconds (hours, or days of the
 *	working day's length).  From the arrival, each working day of the
 *	zone contributes its working interval, taken as instants so that a
 *	day on which the clocks change counts what it really has; time
 *	before the first interval (evenings, weekends) counts nothing.
 *	Each day's interval is built from the local date and the wall
 *	clock times by GDateTime: no offsets are computed here.
 * SEE ALSO
 *	RFC 5322 section 3.3, support procedure #0403, docs/intake.md
 */
#include <stdlib.h>
#include <string.h>

#include "worktime.h"

#define SEARCH_DAYS	3700	/* days searched for working time: ten years */
#define TARGET_MAX	1000	/* hours or days in one target */

static const char *const day_names[] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

struct worktime {
	GTimeZone *tz;
	int	start, end;		/* minutes after midnight */
	unsigned days;			/* bit 0: Monday ... bit 6: Sunday */
	gint64	target[WORKTIME_LEVELS];	/* working seconds; 0: none */
};

/* parse_clock - "HH:MM" at s; minutes after midnight, or -1. */
static int
parse_clock(const char *s, const char **end)
{
	char	*e;
	long	h = strtol(s, &e, 10), m;

	if (e == s || *e != ':' || h < 0 || h > 24 || !g_ascii_isdigit(e[1]))
		return -1;
	s = e + 1;
	m = strtol(s, &e, 10);
	if (e - s != 2 || m > 59 || h * 60 + m > 24 * 60)
		return -1;
	*end = e;
	return (int)(h * 60 + m);
}

static int
parse_hours(struct worktime *w, const char *hours)
{
	const char *p;

	if ((w->start = parse_clock(hours, &p)) < 0 || *p != '-' ||
	    (w->end = parse_clock(p + 1, &p)) < 0 || *p != '\0' ||
	    w->start >= w->end)
		return -1;
	return 0;
}

static int
parse_days(struct worktime *w, const char *const *days)
{
	for (; days && *days; days++) {
		size_t	i;

		for (i = 0; i < G_N_ELEMENTS(day_names); i++)
			if (g_ascii_strcasecmp(*days, day_names[i]) == 0)
				break;
		if (i == G_N_ELEMENTS(day_names))
			return -1;
		w->days |= 1u << i;
	}
	return w->days ? 0 : -1;
}

/* parse_target - "" (none), "Nh" or "Nd" in working seconds, or -1. */
static gint64
parse_target(const struct worktime *w, const char *s)
{
	char	*e;
	long	n;

	if (*s == '\0')
		return 0;
	n = strtol(s, &e, 10);
	if (e == s || n < 1 || n > TARGET_MAX || *e == '\0' || e[1] != '\0')
		return -1;
	if (*e == 'h')
		return (gint64)n * 3600;
	if (*e == 'd')
		return (gint64)n * (w->end - w->start) * 60;
	return -1;
}

struct worktime *
worktime_new(const char *const *targets, const char *hours,
    const char *const *days, const char *zone, char *err, size_t errlen)
{
	struct worktime *w = g_new0(struct worktime, 1);
	size_t	i;

	if (parse_hours(w, hours) < 0) {
		(void)g_snprintf(err, errlen, "working_hours: \"%s\" is not "
		    "HH:MM-HH:MM with the start before the end", hours);
		goto fail;
	}
	if (parse_days(w, days) < 0) {
		(void)g_snprintf(err, errlen, "working_days: expected day "
		    "names Mon, Tue, Wed, Thu, Fri, Sat or Sun");
		goto fail;
	}
	for (i = 0; targets && targets[i]; i++)
		if (i >= WORKTIME_LEVELS ||
		    (w->target[i] = parse_target(w, targets[i])) < 0) {
			(void)g_snprintf(err, errlen, "response_targets: entry "
			    "%zu: expected \"\", NUMBERh or NUMBERd, at most "
			    "%d entries", i + 1, WORKTIME_LEVELS);
			goto fail;
		}
	if ((w->tz = g_time_zone_new_identifier(zone)) == NULL) {
		(void)g_snprintf(err, errlen, "time_zone: unknown time zone "
		    "\"%s\"", zone);
		goto fail;
	}
	return w;
fail:
	g_free(w);
	return NULL;
}

void
worktime_free(struct worktime *w)
{
	if (w == NULL)
		return;
	g_time_zone_unref(w->tz);
	g_free(w);
}

/* local - the instant t in the configured zone. */
static GDateTime *
local(const struct worktime *w, gint64 t)
{
	GDateTime *u = g_date_time_new_from_unix_utc(t);
	GDateTime *l = g_date_time_to_timezone(u, w->tz);

	g_date_time_unref(u);
	return l;
}

/* at - the instant of minutes after midnight on the local date of day. */
static gint64
at(const struct worktime *w, GDateTime *day, int minutes)
{
	GDateTime *t = g_date_time_new(w->tz, g_date_time_get_year(day),
	    g_date_time_get_month(day), g_date_time_get_day_of_month(day),
	    minutes / 60, minutes % 60, 0);
	gint64	s;

	/* 24:00 is the next midnight; GDateTime has no hour 24 */
	if (t == NULL && minutes == 24 * 60) {
		GDateTime *m = g_date_time_new(w->tz, g_date_time_get_year(day),
		    g_date_time_get_month(day),
		    g_date_time_get_day_of_month(day), 0, 0, 0);

		t = g_date_time_add_days(m, 1);
		g_date_time_unref(m);
	}
	s = g_date_time_to_unix(t);
	g_date_time_unref(t);
	return s;
}

bool
worktime_due(const struct worktime *w, gint64 now, int severity,
    gint64 *due)
{
	gint64	left, t = now;
	GDateTime *first, *day;
	bool	found = false;

	if (severity < 1 || severity > WORKTIME_LEVELS ||
	    (left = w->target[severity - 1]) == 0)
		return false;
	first = local(w, now);
	for (int i = 0; i < SEARCH_DAYS && !found; i++) {
		gint64	start, end;

		day = g_date_time_add_days(first, i);
		if (w->days & (1u << (g_date_time_get_day_of_week(day) - 1))) {
			start = at(w, day, w->start);
			end = at(w, day, w->end);
			if (t < start)
				t = start;
			if (t < end && end - t >= left) {
				*due = t + left;
				found = true;
			} else if (t < end)
				left -= end - t;
		}
		g_date_time_unref(day);
	}
	g_date_time_unref(first);
	return found;
}

char *
worktime_format(const struct worktime *w, gint64 t)
{
	GDateTime *d = local(w, t);
	gint64	off = g_date_time_get_utc_offset(d) / G_TIME_SPAN_MINUTE;
	char	*s = g_strdup_printf("%s, %02d %s %d %02d:%02d:%02d %c%02d%02d",
	    day_names[g_date_time_get_day_of_week(d) - 1],
	    g_date_time_get_day_of_month(d),
	    month_names[g_date_time_get_month(d) - 1], g_date_time_get_year(d),
	    g_date_time_get_hour(d), g_date_time_get_minute(d),
	    g_date_time_get_second(d), off < 0 ? '-' : '+',
	    (int)(ABS(off) / 60), (int)(ABS(off) % 60));

	g_date_time_unref(d);
	return s;
}
