/*
 * NAME
 *	spillstream - a GMime stream over a spilled message, read in blocks
 * DESCRIPTION
 *	A subclass of GMimeStream with GMime's bounds and position rules
 *	(a read past bound_end returns -1, as the library's streams do).
 *	Each stream fills its own buffer on its first read, so the many
 *	substreams a parse makes (one per MIME part) cost nothing until
 *	their content is read.
 * SEE ALSO
 *	spillstream.h, spool.c
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib-object.h>

#include "spillstream.h"

typedef struct {
	GMimeStream parent;
	int	fd;		/* borrowed */
	bool	eos;
	char	*buf;		/* NULL until the first read */
	gint64	at;		/* the file offset of buf[0] */
	size_t	have;		/* bytes in buf */
} SpillStream;

typedef struct {
	GMimeStreamClass parent_class;
} SpillStreamClass;

GType	spill_stream_get_type(void);
G_DEFINE_TYPE(SpillStream, spill_stream, GMIME_TYPE_STREAM)

#define SPILL(st)	((SpillStream *)(void *)(st))

/* fill - the buffer from file offset pos; -1 on a read error. */
static int
fill(SpillStream *s, gint64 pos)
{
	ssize_t	n;

	if (s->buf == NULL)
		s->buf = g_malloc(SPILLSTREAM_BUFFER);
	do
		n = pread(s->fd, s->buf, SPILLSTREAM_BUFFER, (off_t)pos);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	s->at = pos;
	s->have = (size_t)n;
	return 0;
}

static ssize_t
spill_read(GMimeStream *st, char *out, size_t len)
{
	SpillStream *s = SPILL(st);
	gint64	pos = st->position;
	size_t	off;

	if (st->bound_end != -1 && pos >= st->bound_end)
		return -1;
	if (st->bound_end != -1)
		len = (size_t)MIN((gint64)len, st->bound_end - pos);
	if (s->buf == NULL || pos < s->at || pos >= s->at + (gint64)s->have) {
		if (fill(s, pos) < 0)
			return -1;
		if (s->have == 0) {
			s->eos = true;
			return 0;
		}
	}
	off = (size_t)(pos - s->at);
	len = MIN(len, s->have - off);
	memcpy(out, s->buf + off, len);
	st->position += (gint64)len;
	return (ssize_t)len;
}

static ssize_t
spill_write(GMimeStream *st, const char *buf, size_t len)
{
	(void)st; (void)buf; (void)len;
	errno = EBADF;
	return -1;
}

static int
spill_flush(GMimeStream *st)
{
	(void)st;
	return 0;
}

static int
spill_close(GMimeStream *st)
{
	SPILL(st)->fd = -1;
	return 0;
}

static gboolean
spill_eos(GMimeStream *st)
{
	if (st->bound_end != -1 && st->position >= st->bound_end)
		return TRUE;
	return SPILL(st)->eos;
}

static int
spill_reset(GMimeStream *st)
{
	st->position = st->bound_start;
	SPILL(st)->eos = false;
	return 0;
}

/* file_end - the end of the file, or of the stream's bounds. */
static gint64
file_end(GMimeStream *st)
{
	struct stat sb;

	if (st->bound_end != -1)
		return st->bound_end;
	if (fstat(SPILL(st)->fd, &sb) < 0)
		return -1;
	return (gint64)sb.st_size;
}

static gint64
spill_seek(GMimeStream *st, gint64 offset, GMimeSeekWhence whence)
{
	gint64	to, end;

	switch (whence) {
	case GMIME_STREAM_SEEK_SET:
		to = offset;
		break;
	case GMIME_STREAM_SEEK_CUR:
		to = st->position + offset;
		break;
	case GMIME_STREAM_SEEK_END:
	default:
		if ((end = file_end(st)) < 0)
			return -1;
		to = end + offset;
		break;
	}
	if (st->bound_end != -1)
		to = MIN(to, st->bound_end);
	to = MAX(to, st->bound_start);
	if (to != st->position)
		SPILL(st)->eos = false;
	st->position = to;
	return to;
}

static gint64
spill_tell(GMimeStream *st)
{
	return st->position;
}

static gint64
spill_length(GMimeStream *st)
{
	gint64	end = file_end(st);

	return end < st->bound_start ? -1 : end - st->bound_start;
}

/* spill_new - a stream over [start, end) of fd (end -1: to its end). */
static GMimeStream *
spill_new(int fd, gint64 start, gint64 end)
{
	SpillStream *s = g_object_new(spill_stream_get_type(), NULL);

	s->fd = fd;
	g_mime_stream_construct(GMIME_STREAM(s), start, end);
	return GMIME_STREAM(s);
}

static GMimeStream *
spill_substream(GMimeStream *st, gint64 start, gint64 end)
{
	return spill_new(SPILL(st)->fd, start, end);
}

static void
spill_finalize(GObject *o)
{
	g_free(SPILL(o)->buf);
	G_OBJECT_CLASS(spill_stream_parent_class)->finalize(o);
}

static void
spill_stream_class_init(SpillStreamClass *k)
{
	GMimeStreamClass *sk = GMIME_STREAM_CLASS(k);

	G_OBJECT_CLASS(k)->finalize = spill_finalize;
	sk->read = spill_read;
	sk->write = spill_write;
	sk->flush = spill_flush;
	sk->close = spill_close;
	sk->eos = spill_eos;
	sk->reset = spill_reset;
	sk->seek = spill_seek;
	sk->tell = spill_tell;
	sk->length = spill_length;
	sk->substream = spill_substream;
}

static void
spill_stream_init(SpillStream *s)
{
	s->fd = -1;
}

GMimeStream *
spillstream_new(int fd)
{
	return spill_new(fd, 0, -1);
}
