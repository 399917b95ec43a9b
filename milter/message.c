/*
 * NAME
 *	message - parse a message once, with GMime, from its raw stream
 * DESCRIPTION
 *	Both the milter (a spool of the bytes libmilter gave us) and --test (a
 *	file) come here, so both see the same parse.  RFC 5322 and MIME
 *	syntax are GMime's business.  GMime keeps the Content-* headers on
 *	the top-level part and the others on the message; we merge the two by
 *	offset into the header table an MTA would see, so the delivered
 *	message can be rebuilt from the raw bytes with edits applied.
 * SEE ALSO
 *	RFC 5322, RFC 2045
 */
#include <stdlib.h>
#include <string.h>

#include "decision.h"
#include "message.h"
#include "spool.h"
#include "utf8.h"

/* add_headers - append every header of list to the table. */
static void
add_headers(GArray *table, GMimeHeaderList *list)
{
	int	n = list ? g_mime_header_list_get_count(list) : 0;

	for (int i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
		struct message_header mh = { NULL, g_mime_header_get_offset(h), 0 };

		if (mh.offset < 0)
			continue;
		mh.name = g_strdup(g_mime_header_get_raw_name(h));
		g_array_append_val(table, mh);
	}
}

static void
header_clear(gpointer p)
{
	g_free(((struct message_header *)p)->name);
}

/* header_table - an empty table that frees the names it holds. */
static GArray *
header_table(void)
{
	GArray	*t = g_array_new(FALSE, FALSE, sizeof(struct message_header));

	g_array_set_clear_func(t, header_clear);
	return t;
}

static int
by_offset(const void *a, const void *b)
{
	const struct message_header *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* build_table - the merged header table; each header runs to the next. */
static void
build_table(struct message *m)
{
	GMimeObject *part = g_mime_message_get_mime_part(m->mime);
	GArray	*t = m->headers;

	add_headers(t, g_mime_object_get_header_list(GMIME_OBJECT(m->mime)));
	if (part)
		add_headers(t, g_mime_object_get_header_list(part));
	g_array_sort(t, by_offset);	/* qsort() must not see an empty table */
	for (guint i = 0; i < t->len; i++)
		g_array_index(t, struct message_header, i).end = i + 1 < t->len ?
		    g_array_index(t, struct message_header, i + 1).offset :
		    m->headers_end;
}

/*
 * header_shape - anomalies of the header section: too many fields, a
 * field too long, 8-bit bytes that are not UTF-8 (RFC 6532 allows only
 * UTF-8).  Bytes are read only while the section is of a sane size.
 */
static unsigned
header_shape(const struct message *m)
{
	unsigned a = 0;
	char	*buf;
	gssize	n;

	if (m->headers->len > MESSAGE_HEADERS_MAX)
		a |= ANOMALY_MANY_HEADERS;
	for (guint i = 0; i < m->headers->len; i++) {
		const struct message_header *h =
		    &g_array_index(m->headers, struct message_header, i);

		if (h->end - h->offset > MESSAGE_FIELD_MAX)
			a |= ANOMALY_LONG_HEADER;
	}
	if (a || m->headers_end <= 0 || m->headers_end > MESSAGE_FIELD_MAX)
		return a;
	buf = g_malloc((gsize)m->headers_end);
	(void)g_mime_stream_reset(m->raw);
	n = g_mime_stream_read(m->raw, buf, (size_t)m->headers_end);
	if (n > 0 && !utf8_valid(buf, (size_t)n))
		a |= ANOMALY_HEADER_UTF8;
	g_free(buf);
	return a;
}

/* detect_eol - the line ending of the first line, for headers we add. */
static const char *
detect_eol(GMimeStream *raw)
{
	char	buf[1024];
	ssize_t	n;
	const char *nl;

	(void)g_mime_stream_reset(raw);
	n = g_mime_stream_read(raw, buf, sizeof(buf));
	if (n <= 0 || (nl = memchr(buf, '\n', (size_t)n)) == NULL)
		return "\r\n";
	return nl > buf && nl[-1] == '\r' ? "\r\n" : "\n";
}

void
message_parse(GMimeStream *raw, struct message *out)
{
	GMimeParser *parser;

	memset(out, 0, sizeof(*out));
	out->raw = g_object_ref(raw);
	out->size = g_mime_stream_length(raw);
	out->headers = header_table();
	out->eol = detect_eol(raw);
	(void)g_mime_stream_reset(raw);
	parser = g_mime_parser_new_with_stream(raw);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	g_mime_parser_set_persist_stream(parser, TRUE);
	out->mime = g_mime_parser_construct_message(parser, NULL);
	out->headers_end = g_mime_parser_get_headers_end(parser);
	g_object_unref(parser);
	if (out->mime == NULL || out->headers_end < 0) {
		g_clear_object(&out->mime);
		out->headers_end = 0;
		out->anomalies |= ANOMALY_UNPARSEABLE;
		return;
	}
	build_table(out);
	out->anomalies |= header_shape(out);
}

void
message_from_spool(struct spool *sp, size_t max_size, struct message *out)
{
	GMimeStream *raw = spool_stream(sp);

	/*
	 * An overflowed spool holds the start of the message: parsing it still
	 * names the message (Message-ID) in the log, though nothing is changed.
	 */
	message_parse(raw, out);
	g_object_unref(raw);
	if (spool_size(sp) > max_size)
		out->anomalies |= ANOMALY_OVERSIZE;
	if (spool_has_nul(sp))
		out->anomalies |= ANOMALY_NUL;
	if (spool_long_line(sp))
		out->anomalies |= ANOMALY_LONG_LINE;
}

void
message_release(struct message *m)
{
	g_clear_object(&m->mime);
	g_clear_object(&m->raw);
	if (m->headers)
		g_array_unref(m->headers);
	memset(m, 0, sizeof(*m));
}

int
message_header_count(const struct message *m, const char *name)
{
	int	n = 0;

	for (guint i = 0; i < m->headers->len; i++)
		if (g_ascii_strcasecmp(g_array_index(m->headers,
		    struct message_header, i).name, name) == 0)
			n++;
	return n;
}

/* valid_as_is - bytes that need no conversion to be text in UTF-8. */
static bool
valid_as_is(const char *charset, const GByteArray *b)
{
	if (g_ascii_strcasecmp(charset, "utf-8") == 0 ||
	    g_ascii_strcasecmp(charset, "utf8") == 0)
		return utf8_valid((const char *)b->data, b->len);
	return g_ascii_strcasecmp(charset, "us-ascii") == 0 &&
	    utf8_ascii((const char *)b->data, b->len);
}

/*
 * message_part_text - GMime converts every charset with iconv, UTF-8 to
 * UTF-8 too: a third of the cost of a plain reply's cleaning.
 */
char *
message_part_text(GMimeTextPart *tp)
{
	const char *cs = g_mime_text_part_get_charset(tp);
	GMimeDataWrapper *dw = g_mime_part_get_content(GMIME_PART(tp));
	GMimeStream *mem;
	GByteArray *b;
	char	*text = NULL;

	if (cs == NULL || dw == NULL)
		return g_mime_text_part_get_text(tp);
	mem = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(dw, mem) >= 0) {
		b = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
		if (valid_as_is(cs, b)) {
			g_byte_array_append(b, (const guint8 *)"", 1);
			g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
			text = (char *)g_byte_array_free(b, FALSE);
		}
	}
	g_object_unref(mem);
	return text ? text : g_mime_text_part_get_text(tp);
}
