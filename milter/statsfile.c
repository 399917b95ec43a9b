/*
 * NAME
 *	statsfile - rewrite the statistics file periodically
 * DESCRIPTION
 *	One thread sleeps on a condition variable with a deadline, so
 *	statsfile_stop() wakes it at once instead of waiting out the
 *	interval.  Counters are read without a lock (atomics); the file is
 *	written by stats_write() through a rename.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include <glib.h>

#include "log.h"
#include "statsfile.h"

struct statsfile {
	char	*path;
	unsigned interval;
	const struct stats *stats;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool	stop;
	bool	failing;	/* the last write failed and was logged */
};

/* write_now - one rewrite; an error is logged when it starts. */
static void
write_now(struct statsfile *sf)
{
	char	err[512];

	if (stats_write(sf->stats, sf->path, err, sizeof(err)) == 0) {
		if (sf->failing)
			log_msg(LOG_INFO, "%s: written again", sf->path);
		sf->failing = false;
	} else if (!sf->failing) {
		log_msg(LOG_WARNING, "%s (retried every %u s)", err,
		    sf->interval);
		sf->failing = true;
	}
}

static void *
run(void *arg)
{
	struct statsfile *sf = arg;
	struct timespec until;

	(void)pthread_mutex_lock(&sf->lock);
	while (!sf->stop) {
		(void)clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += sf->interval;
		while (!sf->stop && pthread_cond_timedwait(&sf->wake, &sf->lock,
		    &until) != ETIMEDOUT)
			;
		write_now(sf);
	}
	(void)pthread_mutex_unlock(&sf->lock);
	return NULL;
}

struct statsfile *
statsfile_start(const char *path, unsigned interval, const struct stats *st)
{
	struct statsfile *sf = g_new0(struct statsfile, 1);
	pthread_condattr_t ca;
	int	rc;

	sf->path = g_strdup(path);
	sf->interval = interval;
	sf->stats = st;
	(void)pthread_mutex_init(&sf->lock, NULL);
	(void)pthread_condattr_init(&ca);
	/* the interval must not jump with the wall clock */
	(void)pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	(void)pthread_cond_init(&sf->wake, &ca);
	(void)pthread_condattr_destroy(&ca);
	write_now(sf);
	if ((rc = pthread_create(&sf->thread, NULL, run, sf)) != 0) {
		log_msg(LOG_ERR, "%s: cannot start the statistics thread: %s",
		    path, g_strerror(rc));
		(void)pthread_cond_destroy(&sf->wake);
		(void)pthread_mutex_destroy(&sf->lock);
		g_free(sf->path);
		g_free(sf);
		return NULL;
	}
	return sf;
}

void
statsfile_stop(struct statsfile *sf)
{
	if (sf == NULL)
		return;
	(void)pthread_mutex_lock(&sf->lock);
	sf->stop = true;
	(void)pthread_cond_signal(&sf->wake);
	(void)pthread_mutex_unlock(&sf->lock);
	(void)pthread_join(sf->thread, NULL);
	(void)pthread_cond_destroy(&sf->wake);
	(void)pthread_mutex_destroy(&sf->lock);
	g_free(sf->path);
	g_free(sf);
}
