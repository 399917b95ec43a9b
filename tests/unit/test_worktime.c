/*
 * test_worktime - response targets in working time: within the day,
 * evenings, weekends, time zones, daylight saving time, and the RFC 5322
 * date written in the zone; bad settings are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "worktime.h"

static const char *const weekdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri", NULL };
static const char *const targets[] = { "2h", "1d", "3d", "", NULL };

/* utc - seconds since the epoch of an ISO 8601 date-time with offset. */
static gint64
iso(const char *s)
{
	GDateTime *d = g_date_time_new_from_iso8601(s, NULL);
	gint64	t;

	assert_non_null(d);
	t = g_date_time_to_unix(d);
	g_date_time_unref(d);
	return t;
}

static const struct {
	const char *name;
	const char *zone;
	const char *hours;
	const char *now;	/* ISO 8601 */
	int	severity;
	const char *want;	/* RFC 5322 in the zone, NULL: no target */
} cases[] = {
	{"within the day", "UTC", "09:00-17:00", "2026-11-25T09:46:40Z", 1,
	 "Wed, 25 Nov 2026 11:46:40 +0000"},
	{"runs over into the next morning", "UTC", "09:00-17:00",
	 "2026-11-25T16:30:00Z", 1, "Thu, 26 Nov 2026 10:30:00 +0000"},
	{"evening: from the next morning", "UTC", "09:00-17:00",
	 "2026-11-25T20:15:00Z", 1, "Thu, 26 Nov 2026 11:00:00 +0000"},
	{"before the day starts", "UTC", "09:00-17:00", "2026-11-25T06:00:00Z",
	 1, "Wed, 25 Nov 2026 11:00:00 +0000"},
	{"a working day is the same time next day", "UTC", "09:00-17:00",
	 "2026-11-25T10:00:00Z", 2, "Thu, 26 Nov 2026 10:00:00 +0000"},
	{"Friday afternoon: Monday", "UTC", "09:00-17:00",
	 "2026-11-27T16:00:00Z", 1, "Mon, 30 Nov 2026 10:00:00 +0000"},
	{"Saturday: Monday", "UTC", "09:00-17:00", "2026-11-28T12:00:00Z", 2,
	 "Mon, 30 Nov 2026 17:00:00 +0000"},
	{"three days over a weekend", "UTC", "09:00-17:00",
	 "2026-11-26T11:00:00Z", 3, "Tue, 01 Dec 2026 11:00:00 +0000"},
	{"ends exactly at closing", "UTC", "09:00-17:00",
	 "2026-11-25T15:00:00Z", 1, "Wed, 25 Nov 2026 17:00:00 +0000"},
	{"severity 4: as soon as possible", "UTC", "09:00-17:00",
	 "2026-11-25T10:00:00Z", 4, NULL},
	{"severity 5: unassigned", "UTC", "09:00-17:00",
	 "2026-11-25T10:00:00Z", 5, NULL},
	{"zone: 08:30 UTC is 09:30 in Berlin", "Europe/Berlin", "09:00-17:00",
	 "2026-11-25T08:30:00Z", 1, "Wed, 25 Nov 2026 11:30:00 +0100"},
	{"zone: Perth evening is UTC noon", "Australia/Perth", "08:30-17:00",
	 "2026-11-25T12:00:00Z", 1, "Thu, 26 Nov 2026 10:30:00 +0800"},
	{"zone: New York Friday evening", "America/New_York", "09:00-17:00",
	 "2026-11-27T23:00:00Z", 2, "Mon, 30 Nov 2026 17:00:00 -0500"},
	{"DST starts over the weekend", "Europe/Berlin", "09:00-17:00",
	 "2026-03-27T15:00:00Z", 1, "Mon, 30 Mar 2026 10:00:00 +0200"},
	{"DST ends over the weekend", "Europe/Berlin", "09:00-17:00",
	 "2026-10-23T14:30:00Z", 2, "Mon, 26 Oct 2026 16:30:00 +0100"},
};

static void
test_due(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char	err[256];
		struct worktime *w = worktime_new(targets, cases[i].hours,
		    weekdays, cases[i].zone, err, sizeof(err));
		gint64	due = 0;
		bool	has;

		if (w == NULL)
			fail_msg("%s: %s", cases[i].name, err);
		has = worktime_due(w, iso(cases[i].now), cases[i].severity, &due);
		if (cases[i].want == NULL && has)
			fail_msg("%s: a target where none is", cases[i].name);
		if (cases[i].want) {
			char	*got = has ? worktime_format(w, due) : NULL;

			if (got == NULL || strcmp(got, cases[i].want) != 0)
				fail_msg("%s: got %s, want %s", cases[i].name,
				    got ? got : "none", cases[i].want);
			g_free(got);
		}
		worktime_free(w);
	}
}

/* A weekend shift: Saturday and Sunday only. */
static void
test_weekend_shift(void **state)
{
	static const char *const weekend[] = { "Sat", "sun", NULL };
	char	err[256];
	struct worktime *w = worktime_new(targets, "10:00-14:00", weekend, "UTC",
	    err, sizeof(err));
	gint64	due;
	char	*s;

	(void)state;
	assert_non_null(w);
	assert_true(worktime_due(w, iso("2026-11-25T10:00:00Z"), 2, &due));
	s = worktime_format(w, due);
	assert_string_equal(s, "Sat, 28 Nov 2026 14:00:00 +0000");
	g_free(s);
	worktime_free(w);
}

static void
test_bad(void **state)
{
	static const char *const nodays[] = { NULL };
	static const char *const badday[] = { "Mon", "Funday", NULL };
	static const char *const badtarget[] = { "2h", "1w", NULL };
	static const char *const nounit[] = { "2", NULL };
	static const char *const toomany[] = { "1h", "1h", "1h", "1h", "1h",
	    "1h", NULL };
	static const struct {
		const char *const *targets, *hours;
		const char *const *days;
		const char *zone, *want;
	} bad[] = {
		{targets, "17:00-09:00", weekdays, "UTC", "working_hours"},
		{targets, "9-17", weekdays, "UTC", "working_hours"},
		{targets, "09:00-25:00", weekdays, "UTC", "working_hours"},
		{targets, "09:00-17:00", nodays, "UTC", "working_days"},
		{targets, "09:00-17:00", badday, "UTC", "working_days"},
		{badtarget, "09:00-17:00", weekdays, "UTC", "response_targets: entry 2"},
		{toomany, "09:00-17:00", weekdays, "UTC", "response_targets: entry 6"},
		{nounit, "09:00-17:00", weekdays, "UTC", "response_targets: entry 1"},
		{targets, "09:00-17:00", weekdays, "Mars/Olympus", "time_zone"},
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		char	err[256] = "";

		assert_null(worktime_new(bad[i].targets, bad[i].hours,
		    bad[i].days, bad[i].zone, err, sizeof(err)));
		if (strstr(err, bad[i].want) == NULL)
			fail_msg("case %zu: \"%s\" does not name %s", i, err,
			    bad[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_weekend_shift),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests_name("worktime", tests, NULL, NULL);
}
