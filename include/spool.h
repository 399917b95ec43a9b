/*
 * spool.h - the bytes of one message while libmilter hands them to us.
 *
 * Up to spill bytes stay in memory, as long as all spools of one budget
 * together stay within memory bytes; beyond either, everything moves to an
 * unlinked temporary file (created O_EXCL|O_NOFOLLOW, mode 0600) in the
 * spool directory, so memory per message and per process is bounded.
 * Past max bytes the spool stops storing and reports overflow: the message
 * is then passed on unmodified.  One spool per message; a spool is not
 * thread-safe, its budget is (atomic).
 */
#ifndef SUPPORT_MILTER_SPOOL_H
#define SUPPORT_MILTER_SPOOL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <gmime/gmime.h>

struct spool;

/* What one spool may keep, from its message's configuration. */
struct spool_limits {
	size_t	spill;		/* bytes of this message in memory */
	size_t	memory;		/* bytes in memory of all spools of the budget */
	size_t	max;		/* bytes stored at all; more is overflow */
	size_t	line;		/* bytes of a line (without its LF) */
};

/*
 * The bytes that the spools sharing it hold in memory, counted as
 * allocated (a buffer grows by powers of two).  Zero-initialised.
 */
struct spool_budget {
	atomic_size_t used;
};

/*
 * spool_new - an empty spool.  dir is borrowed for the spool's life, and
 * budget (NULL: the spool counts for itself alone) for its life too.
 */
struct spool *spool_new(const char *dir, const struct spool_limits *,
	    struct spool_budget *budget);

/*
 * spool_write - append data.  Returns 0 (also when the spool has overflowed
 * and drops the data), or -1 with errno when the temporary file cannot be
 * created or written.
 */
int	spool_write(struct spool *, const void *data, size_t len);

/* spool_overflow - true once more than max_size bytes were offered. */
bool	spool_overflow(const struct spool *);

/* spool_size - bytes offered so far, stored or not. */
size_t	spool_size(const struct spool *);

/*
 * spool_has_nul, spool_long_line - whether a NUL byte, and a line longer
 * than the limit's line bytes, were offered.
 */
bool	spool_has_nul(const struct spool *);
bool	spool_long_line(const struct spool *);

/* spool_spilled - true when the message lives in a temporary file. */
bool	spool_spilled(const struct spool *);

/*
 * spool_stream - a new GMime stream over the stored bytes (the caller
 * unrefs it).  The spool must outlive the stream and not be written to or
 * reset while the stream is used.
 */
GMimeStream *spool_stream(struct spool *);

/* spool_free - the spool, its file and its memory; NULL is allowed. */
void	spool_free(struct spool *);

#endif
