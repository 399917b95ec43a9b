/*
 * NAME
 *	spool - bounded in-memory buffer that spills to a private file
 * DESCRIPTION
 *	The temporary file is created with mkostemp() (O_CREAT|O_EXCL,
 *	mode 0600, plus O_NOFOLLOW and O_CLOEXEC) and unlinked at once, so no
 *	other process can open it by name, a planted symbolic link is never
 *	followed, and the file disappears with the descriptor even if we
 *	crash.
 *
 *	The memory a spool holds is reserved from its budget before the
 *	buffer grows, by the power of two GLib's byte array grows to, and
 *	given back when the spool spills or is freed: the budget is never
 *	exceeded, and a message that would exceed it goes to its file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "spillstream.h"
#include "spool.h"

struct spool {
	const char *dir;
	struct spool_limits lim;
	struct spool_budget *budget;	/* NULL: none shared */
	size_t	reserved;	/* bytes of memory taken from the budget */
	size_t	offered;	/* bytes offered, stored or not */
	size_t	line;		/* bytes of the open line, up to lim.line + 1 */
	bool	long_line;	/* a line over lim.line was offered */
	bool	nul;		/* a NUL byte was offered */
	GByteArray *mem;
	int	fd;		/* -1 while in memory */
};

struct spool *
spool_new(const char *dir, const struct spool_limits *lim,
    struct spool_budget *budget)
{
	struct spool *s = g_new0(struct spool, 1);

	s->dir = dir;
	s->lim = *lim;
	s->budget = budget;
	s->mem = g_byte_array_new();
	s->fd = -1;
	return s;
}

/* write_all - write(2) until done or an error. */
static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t	n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* release - the memory buffer freed and given back to the budget. */
static void
release(struct spool *s)
{
	g_byte_array_unref(s->mem);
	s->mem = NULL;
	if (s->budget != NULL)
		atomic_fetch_sub(&s->budget->used, s->reserved);
	s->reserved = 0;
}

/*
 * reserve - room for want bytes in memory: true when the buffer may grow
 * to them, within the spool's own limit and its share of the budget.
 */
static bool
reserve(struct spool *s, size_t want)
{
	size_t	size, more;

	if (want > s->lim.spill)
		return false;
	if (want <= s->reserved)
		return true;
	/* what g_byte_array_append() will allocate */
	size = MAX((size_t)1 << g_bit_storage(want - 1), 16);
	more = size - s->reserved;
	if (s->budget != NULL && atomic_fetch_add(&s->budget->used, more) +
	    more > s->lim.memory) {
		atomic_fetch_sub(&s->budget->used, more);
		return false;
	}
	s->reserved = size;
	return true;
}

/* spill - move the memory buffer into a new unlinked temporary file. */
static int
spill(struct spool *s)
{
	char	*path = g_build_filename(s->dir, "support-milter.XXXXXX", NULL);
	int	fd = mkostemp(path, O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0) {
		g_free(path);
		return -1;
	}
	(void)unlink(path);
	g_free(path);
	if (write_all(fd, s->mem->data, s->mem->len) < 0) {
		int	saved = errno;

		(void)close(fd);
		errno = saved;
		return -1;
	}
	release(s);
	s->fd = fd;
	return 0;
}

/*
 * shape - the facts about the bytes that hostile mail is made of.  A line
 * over the limit has no LF in the limit's bytes after the open line, so
 * the last LF of each such window is all there is to find: one memrchr()
 * per window, not one memchr() per line.
 */
static void
shape(struct spool *s, const char *p, size_t len)
{
	const char *end = p + len, *nl;

	s->nul = s->nul || memchr(p, '\0', len) != NULL;
	while (!s->long_line && p < end) {
		size_t	n = MIN(s->lim.line - s->line + 1, (size_t)(end - p));

		if ((nl = memrchr(p, '\n', n)) != NULL)
			s->line = (size_t)(p + n - nl - 1);
		else
			s->line += n;
		s->long_line = s->line > s->lim.line;
		p += n;
	}
}

int
spool_write(struct spool *s, const void *data, size_t len)
{
	shape(s, data, len);
	s->offered += len;
	if (s->offered > s->lim.max)
		return 0;
	if (s->fd < 0 && !reserve(s, s->mem->len + len) && spill(s) < 0)
		return -1;
	if (s->fd >= 0)
		return write_all(s->fd, data, len);
	g_byte_array_append(s->mem, data, (guint)len);
	return 0;
}

bool
spool_overflow(const struct spool *s)
{
	return s->offered > s->lim.max;
}

size_t
spool_size(const struct spool *s)
{
	return s->offered;
}

bool
spool_has_nul(const struct spool *s)
{
	return s->nul;
}

bool
spool_long_line(const struct spool *s)
{
	return s->long_line;
}

bool
spool_spilled(const struct spool *s)
{
	return s->fd >= 0;
}

GMimeStream *
spool_stream(struct spool *s)
{
	GMimeStream *st;

	if (s->fd >= 0)
		return spillstream_new(s->fd);
	st = g_mime_stream_mem_new_with_byte_array(s->mem);
	/* the spool keeps ownership of its buffer */
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), FALSE);
	return st;
}

void
spool_free(struct spool *s)
{
	if (s == NULL)
		return;
	if (s->fd >= 0)
		(void)close(s->fd);
	else
		release(s);
	g_free(s);
}
