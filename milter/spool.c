/*
 * NAME
 *	spool - bounded in-memory buffer that spills to a private file
 * DESCRIPTION
 *	The temporary file is created with mkostemp() (O_CREAT|O_EXCL,
 *	mode 0600, plus O_NOFOLLOW and O_CLOEXEC) and unlinked at once, so no
 *	other process can open it by name, a planted symbolic link is never
 *	followed, and the file disappears with the descriptor even if we
 *	crash.
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
	size_t	spill_size, max_size;
	size_t	offered;	/* bytes offered, stored or not */
	size_t	line;		/* length of the line being written */
	size_t	longest;	/* longest line so far */
	bool	nul;		/* a NUL byte was offered */
	GByteArray *mem;
	int	fd;		/* -1 while in memory */
};

struct spool *
spool_new(const char *dir, size_t spill_size, size_t max_size)
{
	struct spool *s = g_new0(struct spool, 1);

	s->dir = dir;
	s->spill_size = spill_size;
	s->max_size = max_size;
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
	g_byte_array_set_size(s->mem, 0);
	s->fd = fd;
	return 0;
}

/* shape - the facts about the bytes that hostile mail is made of. */
static void
shape(struct spool *s, const char *p, size_t len)
{
	const char *end = p + len, *nl;

	s->nul = s->nul || memchr(p, '\0', len) != NULL;
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		s->line += (size_t)(nl - p);
		s->longest = MAX(s->longest, s->line);
		s->line = 0;
		p = nl + 1;
	}
	s->line += (size_t)(end - p);
	s->longest = MAX(s->longest, s->line);
}

int
spool_write(struct spool *s, const void *data, size_t len)
{
	shape(s, data, len);
	s->offered += len;
	if (s->offered > s->max_size)
		return 0;
	if (s->fd < 0 && s->mem->len + len > s->spill_size && spill(s) < 0)
		return -1;
	if (s->fd >= 0)
		return write_all(s->fd, data, len);
	g_byte_array_append(s->mem, data, (guint)len);
	return 0;
}

bool
spool_overflow(const struct spool *s)
{
	return s->offered > s->max_size;
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

size_t
spool_longest_line(const struct spool *s)
{
	return s->longest;
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
spool_reset(struct spool *s)
{
	if (s->fd >= 0)
		(void)close(s->fd);
	s->fd = -1;
	s->offered = s->line = s->longest = 0;
	s->nul = false;
	g_byte_array_set_size(s->mem, 0);
}

void
spool_free(struct spool *s)
{
	if (s == NULL)
		return;
	spool_reset(s);
	g_byte_array_unref(s->mem);
	g_free(s);
}
