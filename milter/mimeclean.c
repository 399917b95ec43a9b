/*
 * NAME
 *	mimeclean - clean the body of a message to support
 * DESCRIPTION
 *	Three passes over the MIME tree, bounded in depth: the inline text
 *	parts (text/plain and text/html alike: an alternative must not keep
 *	what the other lost), then the images, then a multipart/related left
 *	without related parts is collapsed into its root.  The message is
 *	then written with GMime; parts we did not touch are written from
 *	their original bytes, so attachments stay identical.
 *
 *	Text is cleaned as UTF-8 and written back in the part's own charset
 *	(ISO-8859-x, windows-125x, ISO-2022-JP stay what they were); only
 *	when the charset cannot represent the text, which removing text never
 *	causes, would GMime choose one.  Lines are never rewrapped, so
 *	format=flowed text stays flowed.
 * SEE ALSO
 *	RFC 2045, RFC 2046, RFC 2387 (multipart/related), RFC 2392 (cid:),
 *	RFC 3676 (format=flowed)
 */
#include <string.h>

#include "htmlclean.h"
#include "imagesize.h"
#include "mimeclean.h"
#include "textclean.h"

#define DEPTH_MAX	32	/* MIME nesting we look into */
#define PROBE_MAX	((gint64)4 << 20)	/* image bytes decoded for a size */
#define REPORT_MAX	20	/* parts named in the report header */

struct clean {
	const struct conf *c;
	struct decision *d;
	GPtrArray *removed_cids;	/* only removed regions used them */
	GPtrArray *kept_cids;		/* the kept text uses them */
	GPtrArray *dropped_cids;	/* images we removed, for the HTML */
	bool	text_seen;		/* the message has a text body */
	bool	text_left;		/* some text part kept something */
};

/* is_inline_text - a text/plain or text/html part that is the body. */
static bool
is_inline_text(GMimeObject *o, const char *subtype)
{
	GMimeContentType *ct = g_mime_object_get_content_type(o);

	return GMIME_IS_TEXT_PART(o) &&
	    g_mime_content_type_is_type(ct, "text", subtype) &&
	    !g_mime_part_is_attachment(GMIME_PART(o));
}

/*
 * set_text - put utf8 into the part in its own charset, keeping its
 * transfer encoding.
 */
static void
set_text(GMimeTextPart *tp, const char *utf8)
{
	const char *cs = g_mime_text_part_get_charset(tp);
	gsize	len = 0;
	char	*bytes = NULL;
	GMimeStream *s;
	GMimeDataWrapper *w;

	if (cs && g_ascii_strcasecmp(cs, "utf-8") != 0)
		bytes = g_convert(utf8, -1, cs, "UTF-8", NULL, &len, NULL);
	if (bytes == NULL && (cs == NULL || g_ascii_strcasecmp(cs, "utf-8") == 0)) {
		bytes = g_strdup(utf8);
		len = strlen(utf8);
	}
	if (bytes == NULL) {
		g_mime_text_part_set_text(tp, utf8);
		return;
	}
	s = g_mime_stream_mem_new_with_buffer(bytes, len);
	w = g_mime_data_wrapper_new_with_stream(s, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(GMIME_PART(tp), w);
	g_object_unref(w);
	g_object_unref(s);
	g_free(bytes);
}

/* has_text - true when s holds something besides white space. */
static bool
has_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!g_ascii_isspace(s[i]))
			return true;
	return false;
}

/* clean_plain - cut the history and the signature of a text/plain part. */
static void
clean_plain(struct clean *k, GMimeTextPart *tp)
{
	char	*text = g_mime_text_part_get_text(tp);
	size_t	len = text ? strlen(text) : 0;
	struct textclean_cut cut;
	char	*kept;

	if (text == NULL)
		return;
	k->text_seen = true;
	textclean_cut(k->c->textclean_rules, text, len, &cut);
	if (has_text(text, cut.keep))
		k->text_left = true;
	if (cut.keep < len && has_text(text, cut.keep)) {
		k->d->clean_quote |= cut.quote < len;
		k->d->clean_signature |= cut.signature < cut.quote;
		kept = g_strdup_printf("%.*s\n", (int)cut.keep, text);
		set_text(tp, kept);
		g_free(kept);
	}
	g_free(text);
}

/* take_cids - move the strings of from into to. */
static void
take_cids(GPtrArray *to, GPtrArray *from)
{
	for (guint i = 0; i < from->len; i++)
		g_ptr_array_add(to, g_strdup(g_ptr_array_index(from, i)));
}

/* clean_html - the same for a text/html part, with libxml2. */
static void
clean_html(struct clean *k, GMimeTextPart *tp)
{
	char	*html = g_mime_text_part_get_text(tp);
	struct htmlclean_result r;

	if (html == NULL)
		return;
	k->text_seen = true;
	if (htmlclean_clean(k->c->textclean_rules, html, strlen(html), &r) < 0) {
		k->text_left = true;
		g_free(html);
		return;
	}
	take_cids(k->removed_cids, r.removed_cids);
	take_cids(k->kept_cids, r.kept_cids);
	if (r.content_left)
		k->text_left = true;
	if (r.html) {
		k->d->clean_quote |= r.quote;
		k->d->clean_signature |= r.signature;
		set_text(tp, r.html);
	}
	htmlclean_result_clear(&r);
	g_free(html);
}

/* walk_text - clean every inline text part below o. */
static void
walk_text(struct clean *k, GMimeObject *o, int depth)
{
	if (depth > DEPTH_MAX)
		return;
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);

		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			walk_text(k, g_mime_multipart_get_part(mp, i), depth + 1);
	} else if (is_inline_text(o, "plain"))
		clean_plain(k, GMIME_TEXT_PART(o));
	else if (is_inline_text(o, "html"))
		clean_html(k, GMIME_TEXT_PART(o));
}

/* in_list - true when s is in the array of strings. */
static bool
in_list(const GPtrArray *a, const char *s)
{
	for (guint i = 0; s && i < a->len; i++)
		if (strcmp(g_ptr_array_index(a, i), s) == 0)
			return true;
	return false;
}

/* image_size - decoded bytes of an image and, when cheap, its pixels. */
static gint64
image_size(GMimePart *p, unsigned *w, unsigned *h)
{
	GMimeDataWrapper *dw = g_mime_part_get_content(p);
	GMimeStream *s;
	gint64	n;

	*w = *h = 0;
	if (dw == NULL)
		return 0;
	/* count first: a 50 MB screenshot is not decoded into memory */
	s = g_mime_stream_null_new();
	n = g_mime_data_wrapper_write_to_stream(dw, s);
	g_object_unref(s);
	if (n <= 0 || n > PROBE_MAX)
		return n < 0 ? 0 : n;
	s = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(dw, s) > 0) {
		GByteArray *b = g_mime_stream_mem_get_byte_array(
		    GMIME_STREAM_MEM(s));

		(void)imagesize_read(b->data, b->len, w, h);
	}
	g_object_unref(s);
	return n;
}

/* image_why - why an inline image goes, or NULL when it stays. */
static const char *
image_why(struct clean *k, GMimePart *p, gint64 *size)
{
	const char *cid = g_mime_object_get_content_id(GMIME_OBJECT(p));
	unsigned w, h;

	if (g_mime_part_is_attachment(p))
		return NULL;
	*size = image_size(p, &w, &h);
	if (in_list(k->removed_cids, cid) && !in_list(k->kept_cids, cid))
		return k->d->clean_signature ? "signature" : "quote";
	/*
	 * the pixels decide when the header gives them: a flat 320x160
	 * screenshot of an error dialog can be smaller in bytes than a logo
	 */
	if (w && h)
		return w <= k->c->small_image_pixels &&
		    h <= k->c->small_image_pixels ? "small" : NULL;
	return *size < (gint64)k->c->small_image_bytes ? "small" : NULL;
}

/* report_part - "NAME SIZE WHY" for the report, names made header-safe. */
static void
report_part(struct clean *k, GMimePart *p, gint64 size, const char *why)
{
	const char *name = g_mime_part_get_filename(p);
	const char *cid = g_mime_object_get_content_id(GMIME_OBJECT(p));
	GString	*r = g_string_new(NULL);

	for (const char *s = name ? name : cid ? cid : "unnamed"; *s &&
	    r->len < 64; s++)
		g_string_append_c(r, g_ascii_isgraph(*s) && !strchr(";,()\"",
		    *s) ? *s : '_');
	g_string_append_printf(r, " %" G_GINT64_FORMAT " %s", size, why);
	g_ptr_array_add(k->d->clean_removed, g_string_free(r, FALSE));
	if (cid)
		g_ptr_array_add(k->dropped_cids, g_strdup(cid));
}

/* walk_images - remove the images that go, below multipart o. */
static void
walk_images(struct clean *k, GMimeObject *o, int depth)
{
	GMimeMultipart *mp;

	if (depth > DEPTH_MAX || !GMIME_IS_MULTIPART(o))
		return;
	mp = GMIME_MULTIPART(o);
	for (int i = g_mime_multipart_get_count(mp) - 1; i >= 0; i--) {
		GMimeObject *part = g_mime_multipart_get_part(mp, i);
		GMimeContentType *ct = g_mime_object_get_content_type(part);
		const char *why;
		gint64	size = 0;

		if (GMIME_IS_MULTIPART(part)) {
			walk_images(k, part, depth + 1);
			continue;
		}
		if (!GMIME_IS_PART(part) ||
		    !g_mime_content_type_is_type(ct, "image", "*") ||
		    (why = image_why(k, GMIME_PART(part), &size)) == NULL)
			continue;
		report_part(k, GMIME_PART(part), size, why);
		g_object_unref(g_mime_multipart_remove_at(mp, i));
	}
}

/* strip_images - remove the <img> of dropped images from HTML parts. */
static void
strip_images(struct clean *k, GMimeObject *o, int depth)
{
	char	*html, *out;

	if (depth > DEPTH_MAX || k->dropped_cids->len == 0)
		return;
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);

		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			strip_images(k, g_mime_multipart_get_part(mp, i), depth + 1);
		return;
	}
	if (!is_inline_text(o, "html") ||
	    (html = g_mime_text_part_get_text(GMIME_TEXT_PART(o))) == NULL)
		return;
	out = htmlclean_remove_cids(html, strlen(html), k->dropped_cids);
	if (out)
		set_text(GMIME_TEXT_PART(o), out);
	g_free(out);
	g_free(html);
}

/*
 * collapse - a multipart with one part left (a related without related
 * parts, an alternative or mixed emptied of images) becomes that part.
 * Returns the object that stands in o's place.
 */
static GMimeObject *
collapse(GMimeObject *o, int depth)
{
	GMimeMultipart *mp;

	if (depth > DEPTH_MAX || !GMIME_IS_MULTIPART(o))
		return o;
	mp = GMIME_MULTIPART(o);
	for (int i = 0; i < g_mime_multipart_get_count(mp); i++) {
		GMimeObject *part = g_mime_multipart_get_part(mp, i);
		GMimeObject *now = collapse(part, depth + 1);

		if (now != part)
			g_object_unref(g_mime_multipart_replace(mp, i, now));
	}
	if (g_mime_content_type_is_type(g_mime_object_get_content_type(o),
	    "multipart", "related") && g_mime_multipart_get_count(mp) == 1)
		return g_mime_multipart_get_part(mp, 0);
	return o;
}

/* write_body - the message's body as GMime writes it now. */
static GByteArray *
write_body(const struct message *m, GMimeObject *top)
{
	GMimeFormatOptions *fo = g_mime_format_options_new();
	GMimeStream *s = g_mime_stream_mem_new();
	GByteArray *out = g_byte_array_new();
	GByteArray *all;
	size_t	el = strlen(m->eol);

	g_mime_format_options_set_newline_format(fo, strcmp(m->eol, "\n") == 0 ?
	    GMIME_NEWLINE_FORMAT_UNIX : GMIME_NEWLINE_FORMAT_DOS);
	(void)g_mime_object_write_to_stream(top, fo, s);
	all = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(s));
	/* the top part's own headers are the message's MIME headers */
	if (all->len >= el && memcmp(all->data, m->eol, el) == 0)
		g_byte_array_append(out, all->data + el, all->len - el);
	else
		for (guint i = 0; i + 2 * el <= all->len; i++)
			if (memcmp(all->data + i, m->eol, el) == 0 &&
			    memcmp(all->data + i + el, m->eol, el) == 0) {
				g_byte_array_append(out, all->data + i + 2 * el,
				    all->len - i - 2 * el);
				break;
			}
	g_object_unref(s);
	g_mime_format_options_free(fo);
	return out;
}

/* header_value - a top-level header as GMime will write it, unfolded
 * to "\n\t" folds for libmilter, or NULL. */
static char *
header_value(GMimeObject *o, const char *name)
{
	GMimeHeaderList *l = g_mime_object_get_header_list(o);
	GMimeHeader *h = l ? g_mime_header_list_get_header(l, name) : NULL;
	const char *raw = h ? g_mime_header_get_raw_value(h) : NULL;
	GString	*v;

	if (raw == NULL)
		return NULL;
	v = g_string_new(NULL);
	for (const char *p = raw; *p; p++)
		if (*p != '\r')
			g_string_append_c(v, *p);
	return g_strstrip(g_string_free(v, FALSE));
}

/* mime_header_edits - the MIME headers that change with the body. */
static void
mime_header_edits(struct decision *d, GMimeObject *was, GMimeObject *now)
{
	static const char *const names[] = { "Content-Type",
	    "Content-Transfer-Encoding", "Content-Disposition", "Content-ID",
	    NULL };

	if (was == now)
		return;
	for (const char *const *n = names; *n; n++) {
		char	*a = header_value(was, *n), *b = header_value(now, *n);

		if (g_strcmp0(a, b) != 0)
			decision_add_edit(d, EDIT_CHANGE, *n, 1, b);
		g_free(a);
		g_free(b);
	}
}

/* same_body - true when body is byte for byte the body of m. */
static bool
same_body(const struct message *m, const GByteArray *body)
{
	gint64	start = m->headers_end + (gint64)strlen(m->eol);
	GMimeStream *sub;
	GMimeStream *mem;
	bool	same;

	if (start > m->size || m->size - start != (gint64)body->len)
		return false;
	sub = g_mime_stream_substream(m->raw, start, m->size);
	mem = g_mime_stream_mem_new();
	(void)g_mime_stream_write_to_stream(sub, mem);
	same = memcmp(g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem))->data,
	    body->data, body->len) == 0;
	g_object_unref(mem);
	g_object_unref(sub);
	return same;
}

/* report - the header that tells the ticket system what was removed. */
static void
report(const struct conf *c, const struct message *m, struct decision *d)
{
	GString	*v = g_string_new(NULL);

	if (d->clean_skipped)
		g_string_printf(v, "skipped=%s", d->clean_skipped);
	else if (d->body == NULL)
		g_string_assign(v, "none");
	else {
		g_string_printf(v, "quote=%s; signature=%s; saved=%" G_GINT64_FORMAT,
		    d->clean_quote ? "yes" : "no",
		    d->clean_signature ? "yes" : "no", d->clean_saved);
		for (guint i = 0; i < d->clean_removed->len && i < REPORT_MAX; i++)
			g_string_append_printf(v, "%s%s", i ? ",\n\t" :
			    ";\n\tremoved=", (char *)g_ptr_array_index(
			    d->clean_removed, i));
	}
	decision_set_header(d, m, c->clean_header_name, v->str);
	(void)g_string_free(v, TRUE);
}

/* finish - keep the new body when it differs, with its header edits. */
static void
finish(struct clean *k, const struct message *m, GMimeObject *was,
    GMimeObject *now)
{
	GByteArray *body = write_body(m, now);
	gint64	old_len = m->size - m->headers_end - (gint64)strlen(m->eol);

	if (same_body(m, body)) {
		g_byte_array_unref(body);
		return;
	}
	k->d->body = body;
	k->d->clean_saved = old_len - (gint64)body->len;
	mime_header_edits(k->d, was, now);
}

void
mimeclean_run(const struct conf *c, const struct message *m,
    struct decision *d)
{
	GMimeObject *top = g_mime_message_get_mime_part(m->mime), *now;
	struct clean k = { c, d, g_ptr_array_new_with_free_func(g_free),
	    g_ptr_array_new_with_free_func(g_free),
	    g_ptr_array_new_with_free_func(g_free), false, false };

	if (top == NULL || !c->clean_bodies)
		goto out;
	g_object_ref(top);
	walk_text(&k, top, 0);
	/* cleaning must not turn a message with words into one without */
	if (k.text_seen && !k.text_left) {
		d->clean_skipped = "no-text-left";
		d->clean_quote = d->clean_signature = false;
	}
	else {
		walk_images(&k, top, 0);
		strip_images(&k, top, 0);
		now = collapse(top, 0);
		if (now != top)
			g_mime_message_set_mime_part(m->mime, now);
		finish(&k, m, top, now);
	}
	g_object_unref(top);
	report(c, m, d);
out:
	g_ptr_array_unref(k.removed_cids);
	g_ptr_array_unref(k.kept_cids);
	g_ptr_array_unref(k.dropped_cids);
}
