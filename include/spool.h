/*
 * spool.h - the bytes of one message while libmilter hands them to us.
 *
 * Up to spill_size bytes stay in memory; beyond that everything moves to
 * an unlinked temporary file (created O_EXCL|O_NOFOLLOW, mode 0600) in
 * the spool directory, so memory per message is bounded.  Past max_size the spool
 * stops storing and reports overflow: the message is then passed on
 * unmodified.  One spool per SMTP connection; not thread-safe.
 */
#ifndef SUPPORT_MILTER_SPOOL_H
#define SUPPORT_MILTER_SPOOL_H

#include <stdbool.h>
#include <stddef.h>

#include <gmime/gmime.h>

struct spool;

/* spool_new - an empty spool; dir is borrowed for the spool's life. */
struct spool *spool_new(const char *dir, size_t spill_size, size_t max_size);

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
 * spool_has_nul, spool_longest_line - whether a NUL byte was offered, and
 * the longest line in bytes (without its LF), of everything offered.
 */
bool	spool_has_nul(const struct spool *);
size_t	spool_longest_line(const struct spool *);

/* spool_spilled - true when the message lives in a temporary file. */
bool	spool_spilled(const struct spool *);

/*
 * spool_stream - a new GMime stream over the stored bytes (the caller
 * unrefs it).  The spool must outlive the stream and not be written to or
 * reset while the stream is used.
 */
GMimeStream *spool_stream(struct spool *);

/* spool_reset - forget the message, for the next one on the connection. */
void	spool_reset(struct spool *);

/* spool_free - reset and free; NULL is allowed. */
void	spool_free(struct spool *);

#endif
