/*
 * statsfile.h - the daemon's statistics file for node_exporter.
 *
 * Owns: a thread that rewrites stats_file from a struct stats every
 * stats_interval seconds, and once more when it is stopped, so the last
 * counts of a stopping daemon are not lost.  A write error is logged once
 * until a write succeeds again (no log flood from a full disk).
 */
#ifndef SUPPORT_MILTER_STATSFILE_H
#define SUPPORT_MILTER_STATSFILE_H

#include "stats.h"

struct statsfile;

/*
 * statsfile_start - write path now and start the thread.  Returns NULL
 * (and logs why) when the thread cannot be started.
 */
struct statsfile *statsfile_start(const char *path, unsigned interval,
	    const struct stats *);

/* statsfile_stop - stop the thread, write the file a last time, free. */
void	statsfile_stop(struct statsfile *);

#endif
