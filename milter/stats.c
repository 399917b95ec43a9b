/*
 * NAME
 *	stats - counters of decisions, in Prometheus text format
 * DESCRIPTION
 *	Every counter is one series of a metric; a decision is mapped to the
 *	series it adds to once, in stats_delta_of(), so the daemon's file
 *	and the database's totals cannot disagree about what is counted.
 *
 *	The file for node_exporter's textfile collector is written to a
 *	temporary name and renamed, so a scrape never sees half of it.
 * SEE ALSO
 *	https://prometheus.io/docs/instrumenting/exposition_formats/
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stats.h"

#define PREFIX	"support_milter_"

static const struct {
	const char *key;	/* metric{label} without PREFIX */
	const char *help;	/* of the metric: given on its first series */
} series[STATS_SERIES] = {
	[STAT_MSG_SUPPORT] = { "messages_total{kind=\"support\"}",
	    "Messages decided: to support, from support (learned), or for neither." },
	[STAT_MSG_FROM_SUPPORT] = { "messages_total{kind=\"from-support\"}", NULL },
	[STAT_MSG_NOT_SUPPORT] = { "messages_total{kind=\"not-support\"}", NULL },
	[STAT_POLICY_PASS] = { "policy_total{policy=\"pass\"}",
	    "Support mail by the recipient rule's verdict." },
	[STAT_POLICY_WARN] = { "policy_total{policy=\"warn\"}", NULL },
	[STAT_POLICY_ACCEPT] = { "policy_total{policy=\"accept\"}", NULL },
	[STAT_POLICY_REJECT] = { "policy_total{policy=\"reject\"}", NULL },
	[STAT_POLICY_REMOVE] = { "policy_total{policy=\"remove\"}", NULL },
	[STAT_POLICY_EXEMPT] = { "policy_total{policy=\"exempt\"}", NULL },
	[STAT_REJECT_CC_ONLY] = { "rejected_total{reason=\"cc-only\"}",
	    "Support mail rejected with the guidance reply, by where the address was." },
	[STAT_REJECT_BCC] = { "rejected_total{reason=\"bcc\"}", NULL },
	[STAT_THREAD_SUBJECT] = { "threaded_total{method=\"subject\"}",
	    "Mail to support by how its ticket was found (none: a new request)." },
	[STAT_THREAD_REFERENCES] = { "threaded_total{method=\"references\"}", NULL },
	[STAT_THREAD_ALLOCATED] = { "threaded_total{method=\"allocated\"}", NULL },
	[STAT_THREAD_NONE] = { "threaded_total{method=\"none\"}", NULL },
	[STAT_TICKETS_ALLOCATED] = { "tickets_allocated_total",
	    "Ticket numbers given out (ticket_allocate)." },
	[STAT_CLEAN_QUOTE] = { "cleaned_total{removed=\"quote\"}",
	    "Messages whose quoted history or signature was cut." },
	[STAT_CLEAN_SIGNATURE] = { "cleaned_total{removed=\"signature\"}", NULL },
	[STAT_PARTS_REMOVED] = { "parts_removed_total",
	    "MIME parts removed by cleaning (logos, icons, tracking pixels)." },
	[STAT_BYTES_REMOVED] = { "bytes_removed_total",
	    "Bytes of body removed by cleaning." },
	[STAT_FAIL_INTERNAL] = { "failures_total{class=\"internal-error\"}",
	    "Support mail handled by a failure action, by class." },
	[STAT_FAIL_STORE] = { "failures_total{class=\"store-error\"}", NULL },
	[STAT_FAIL_OVERSIZE] = { "failures_total{class=\"oversize\"}", NULL },
	[STAT_FAIL_UNPARSEABLE] = { "failures_total{class=\"unparseable\"}", NULL },
};

/* A word of the decision and the series it selects. */
struct word_series {
	const char *word;
	enum stats_series s;
};

/* add_word - count the series named by word in table, if any. */
static void
add_word(const struct word_series *table, size_t n, const char *word,
    struct stats_delta *out)
{
	for (size_t i = 0; word && i < n; i++)
		if (strcmp(table[i].word, word) == 0)
			out->add[table[i].s]++;
}

void
stats_delta_of(const struct decision *d, struct stats_delta *out)
{
	static const struct word_series policies[] = {
		{"pass", STAT_POLICY_PASS}, {"warn", STAT_POLICY_WARN},
		{"accept", STAT_POLICY_ACCEPT}, {"reject", STAT_POLICY_REJECT},
		{"remove", STAT_POLICY_REMOVE}, {"exempt", STAT_POLICY_EXEMPT},
	};
	static const struct word_series failures[] = {
		{"internal-error", STAT_FAIL_INTERNAL},
		{"store-error", STAT_FAIL_STORE},
		{"oversize", STAT_FAIL_OVERSIZE},
		{"unparseable", STAT_FAIL_UNPARSEABLE},
	};
	static const struct word_series found[] = {
		{"subject", STAT_THREAD_SUBJECT},
		{"references", STAT_THREAD_REFERENCES},
		{"allocated", STAT_THREAD_ALLOCATED},
	};
	bool	learned = d->policy && strcmp(d->policy, "learn") == 0;

	memset(out, 0, sizeof(*out));
	if (d->reason && strcmp(d->reason, "not-support") == 0) {
		out->add[STAT_MSG_NOT_SUPPORT] = 1;
		return;
	}
	out->add[learned ? STAT_MSG_FROM_SUPPORT : STAT_MSG_SUPPORT] = 1;
	add_word(failures, G_N_ELEMENTS(failures), d->reason, out);
	if (learned)
		return;
	add_word(policies, G_N_ELEMENTS(policies), d->policy, out);
	if (d->action == ACTION_REJECT && d->policy &&
	    strcmp(d->policy, "reject") == 0)
		out->add[strcmp(d->reason, "bcc") == 0 ? STAT_REJECT_BCC :
		    STAT_REJECT_CC_ONLY] = 1;
	if (d->direction && strcmp(d->direction, "in") == 0)
		add_word(found, G_N_ELEMENTS(found), d->ticket_found, out);
	else if (d->policy && d->action == ACTION_ACCEPT &&
	    d->removed_rcpts->len == 0)
		out->add[STAT_THREAD_NONE] = 1;
	out->add[STAT_TICKETS_ALLOCATED] = out->add[STAT_THREAD_ALLOCATED];
	/* what cleaning found counts only when the body was replaced */
	if (d->body == NULL)
		return;
	out->add[STAT_CLEAN_QUOTE] = d->clean_quote;
	out->add[STAT_CLEAN_SIGNATURE] = d->clean_signature;
	out->add[STAT_PARTS_REMOVED] = d->clean_removed->len;
	out->add[STAT_BYTES_REMOVED] = d->clean_saved > 0 ?
	    (uint64_t)d->clean_saved : 0;
}

const char *
stats_key(enum stats_series s)
{
	return series[s].key;
}

void
stats_init(struct stats *st, time_t now)
{
	st->started = now;
	for (int i = 0; i < STATS_SERIES; i++)
		atomic_init(&st->v[i], 0);
}

void
stats_add(struct stats *st, const struct decision *d)
{
	struct stats_delta delta;

	stats_delta_of(d, &delta);
	for (int i = 0; i < STATS_SERIES; i++)
		if (delta.add[i])
			atomic_fetch_add_explicit(&st->v[i], delta.add[i],
			    memory_order_relaxed);
}

void
stats_format(GString *out, const uint64_t values[STATS_SERIES],
    time_t started)
{
	for (int i = 0; i < STATS_SERIES; i++) {
		if (series[i].help) {
			size_t	n = strcspn(series[i].key, "{");

			g_string_append_printf(out, "# HELP " PREFIX "%.*s %s\n"
			    "# TYPE " PREFIX "%.*s counter\n", (int)n,
			    series[i].key, series[i].help, (int)n, series[i].key);
		}
		g_string_append_printf(out, PREFIX "%s %" G_GUINT64_FORMAT "\n",
		    series[i].key, values[i]);
	}
	if (started)
		g_string_append_printf(out, "# HELP " PREFIX "start_time_seconds "
		    "When the daemon started, in seconds since the epoch.\n"
		    "# TYPE " PREFIX "start_time_seconds gauge\n"
		    PREFIX "start_time_seconds %lld\n", (long long)started);
}

/* write_all - the whole buffer to fd, or -1 with errno. */
static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t	n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
stats_write(const struct stats *st, const char *path, char *err, size_t errlen)
{
	uint64_t values[STATS_SERIES];
	GString	*text = g_string_new(NULL);
	char	*tmp = g_strdup_printf("%s.tmp", path);
	int	fd, rc = -1, saved = 0;

	for (int i = 0; i < STATS_SERIES; i++)
		values[i] = atomic_load_explicit(&st->v[i], memory_order_relaxed);
	stats_format(text, values, st->started);
	/* node_exporter reads it as another user: world-readable counters */
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	if (fd >= 0) {
		rc = write_all(fd, text->str, text->len);
		saved = errno;
		if (close(fd) < 0 && rc == 0) {
			rc = -1;
			saved = errno;
		}
		if (rc == 0 && (rc = rename(tmp, path)) < 0)
			saved = errno;
	} else
		saved = errno;
	if (rc < 0) {
		(void)g_snprintf(err, errlen, "stats %s: %s", path,
		    g_strerror(saved));
		(void)unlink(tmp);
	}
	g_free(tmp);
	(void)g_string_free(text, TRUE);
	return rc;
}
