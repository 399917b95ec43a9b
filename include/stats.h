/*
 * stats.h - the counters of what support-milter decided.
 *
 * Owns: the list of counters (Prometheus metric, help text, label), what
 * one decision adds to them, the daemon's counters since it started, and
 * the Prometheus text format they are written in.  The database keeps the
 * same counters for the support mail it records (store_put()'s counts),
 * so `support-milter-db stats --prometheus` shows totals that survive
 * restarts; the daemon's file also counts mail the database never sees
 * (not for support, failures before a record).
 *
 * struct stats may be updated from any thread (atomic counters).
 */
#ifndef SUPPORT_MILTER_STATS_H
#define SUPPORT_MILTER_STATS_H

#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

#include <glib.h>

#include "decision.h"

/* One counter: a metric and one value of its label. */
enum stats_series {
	STAT_MSG_SUPPORT, STAT_MSG_FROM_SUPPORT, STAT_MSG_NOT_SUPPORT,
	STAT_POLICY_PASS, STAT_POLICY_WARN, STAT_POLICY_ACCEPT,
	STAT_POLICY_REJECT, STAT_POLICY_REMOVE, STAT_POLICY_EXEMPT,
	STAT_REJECT_CC_ONLY, STAT_REJECT_BCC,
	STAT_THREAD_SUBJECT, STAT_THREAD_REFERENCES, STAT_THREAD_ALLOCATED,
	STAT_THREAD_NONE,
	STAT_TICKETS_ALLOCATED,
	STAT_CLEAN_QUOTE, STAT_CLEAN_SIGNATURE,
	STAT_PARTS_REMOVED, STAT_BYTES_REMOVED,
	STAT_FAIL_INTERNAL, STAT_FAIL_STORE, STAT_FAIL_OVERSIZE,
	STAT_FAIL_UNPARSEABLE,
	STATS_SERIES
};

/* What a decision adds: one amount per series (most are 0). */
struct stats_delta {
	uint64_t add[STATS_SERIES];
};

/* stats_delta_of - what decision d adds to the counters. */
void	stats_delta_of(const struct decision *d, struct stats_delta *out);

/*
 * stats_key - the series as it is written, without the metric prefix:
 * "messages_total{kind=\"support\"}"; also its key in the database.
 */
const char *stats_key(enum stats_series);

/* The daemon's counters since start. */
struct stats {
	time_t	started;
	_Atomic uint64_t v[STATS_SERIES];
};

void	stats_init(struct stats *, time_t now);

/* stats_add - count decision d. */
void	stats_add(struct stats *, const struct decision *d);

/*
 * stats_format - append values in Prometheus text format: HELP and TYPE
 * once per metric, then its series; started (0: none) adds the
 * support_milter_start_time_seconds gauge.
 */
void	stats_format(GString *out, const uint64_t values[STATS_SERIES],
	    time_t started);

/*
 * stats_write - write the counters of s to path through a temporary file
 * in the same directory, renamed over it.  Returns 0, or -1 with err.
 */
int	stats_write(const struct stats *, const char *path, char *err,
	    size_t errlen);

#endif
