/*
 * NAME
 *	render - the delivered message: raw bytes with header edits applied
 * DESCRIPTION
 *	Header edits follow Postfix's handling of milter requests: CHANGE
 *	finds the index-th header of a name among the headers still present
 *	(0 counts as 1), deletes it for an empty value, and appends a new
 *	header when the index is past the last; INSERT counts every header;
 *	ADD appends.  Headers we write end with the message's own line ending,
 *	and so do the lines of a folded value.
 *	A replaced body follows the empty line that ends the headers.
 * SEE ALSO
 *	Postfix cleanup_milter.c, libmilter smfi_chgheader(3)
 */
#include <string.h>

#include "render.h"

/* One header of the output: a raw range of the input, or new text. */
struct entry {
	const char *name;
	gint64	offset, end;	/* raw range when text is NULL */
	char	*text;		/* "Name: value" plus line ending */
};

static void
entry_clear(gpointer p)
{
	g_free(((struct entry *)p)->text);
}

static struct entry
entry_new(const struct message *m, const struct header_edit *e)
{
	struct entry n = { e->name, 0, 0, NULL };
	/* a folded value has libmilter's "\n": the MTA writes its own ending */
	char	**lines = g_strsplit(e->value, "\n", -1);
	char	*value = g_strjoinv(m->eol, lines);

	n.text = g_strconcat(e->name, ": ", value, m->eol, NULL);
	g_free(value);
	g_strfreev(lines);
	return n;
}

/* find_nth - the position of the index-th entry called name, or -1. */
static int
find_nth(GArray *entries, const char *name, int index)
{
	int	seen = 0;

	if (index < 1)
		index = 1;
	for (guint i = 0; i < entries->len; i++)
		if (g_ascii_strcasecmp(g_array_index(entries, struct entry, i).name,
		    name) == 0 && ++seen == index)
			return (int)i;
	return -1;
}

static void
apply_edit(const struct message *m, GArray *entries, const struct header_edit *e)
{
	struct entry n;
	int	pos;

	switch (e->op) {
	case EDIT_ADD:
		n = entry_new(m, e);
		g_array_append_val(entries, n);
		break;
	case EDIT_INSERT:
		n = entry_new(m, e);
		pos = e->index < 0 ? 0 : MIN(e->index, (int)entries->len);
		g_array_insert_val(entries, (guint)pos, n);
		break;
	case EDIT_CHANGE:
		pos = find_nth(entries, e->name, e->index);
		if (e->value == NULL || *e->value == '\0') {
			if (pos >= 0)
				g_array_remove_index(entries, (guint)pos);
			break;
		}
		n = entry_new(m, e);
		if (pos < 0)
			g_array_append_val(entries, n);
		else {
			entry_clear(&g_array_index(entries, struct entry, pos));
			g_array_index(entries, struct entry, pos) = n;
		}
		break;
	}
}

/* copy_range - append raw[from, to) to out. */
static int
copy_range(GMimeStream *raw, gint64 from, gint64 to, GByteArray *out)
{
	char	buf[65536];

	if (g_mime_stream_seek(raw, from, GMIME_STREAM_SEEK_SET) < 0 && from > 0)
		return -1;
	while (from < to) {
		size_t	want = (size_t)MIN((gint64)sizeof(buf), to - from);
		ssize_t	n = g_mime_stream_read(raw, buf, want);

		if (n <= 0)
			return -1;
		g_byte_array_append(out, (guint8 *)buf, (guint)n);
		from += n;
	}
	return 0;
}

int
render_message(const struct message *m, const struct decision *d,
    GByteArray *out)
{
	GArray	*entries = g_array_new(FALSE, FALSE, sizeof(struct entry));
	gint64	start = m->headers->len ?
	    g_array_index(m->headers, struct message_header, 0).offset :
	    m->headers_end;
	int	rc;

	g_array_set_clear_func(entries, entry_clear);
	for (guint i = 0; i < m->headers->len; i++) {
		const struct message_header *h =
		    &g_array_index(m->headers, struct message_header, i);
		struct entry e = { h->name, h->offset, h->end, NULL };

		g_array_append_val(entries, e);
	}
	for (guint i = 0; i < d->edits->len; i++)
		apply_edit(m, entries, &g_array_index(d->edits, struct header_edit, i));
	rc = copy_range(m->raw, 0, start, out);
	for (guint i = 0; rc == 0 && i < entries->len; i++) {
		const struct entry *e = &g_array_index(entries, struct entry, i);

		if (e->text)
			g_byte_array_append(out, (guint8 *)e->text,
			    (guint)strlen(e->text));
		else
			rc = copy_range(m->raw, e->offset, e->end, out);
	}
	if (rc == 0 && d->body) {
		/* the empty line that ends the headers, then the new body */
		rc = copy_range(m->raw, m->headers_end, m->headers_end +
		    (gint64)strlen(m->eol), out);
		g_byte_array_append(out, d->body->data, d->body->len);
	} else if (rc == 0)
		rc = copy_range(m->raw, m->headers_end, m->size, out);
	g_array_unref(entries);
	return rc;
}
