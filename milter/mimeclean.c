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
 *
 *	What earlier mail taught is read from the store before anything
 *	is decided: an inline image whose SHA-256 recurs in the sender
 *	domain's mail is branding and goes ("recurring"), whatever refers
 *	to it; the trailing block of the plain text goes when the sender
 *	repeated it (textlearn(3), "learned"), and the same text from the
 *	end of the HTML alternatives (htmlclean_cut_text()).  What this
 *	message adds to those counts goes into the decision, for the
 *	core's one transaction.
 * SEE ALSO
 *	RFC 2045, RFC 2046, RFC 2387 (multipart/related), RFC 2392 (cid:),
 *	RFC 3676 (format=flowed)
 */
#include <string.h>

#include "htmlclean.h"
#include "imagesize.h"
#include "mimeclean.h"
#include "textclean.h"
#include "textlearn.h"

#define DEPTH_MAX	32	/* MIME nesting we look into */
#define HASH_MAX	((gsize)256 << 10)	/* larger images: not a logo */
#define HEAD_MAX	((gsize)64 << 10)	/* an image's header is in here */
#define REPORT_MAX	20	/* parts named in the report header */
#define NOTE_NAMES	5	/* image names in the note line */
#define HASH_HEX	65	/* SHA-256 in hex, and NUL */

/* What the text/plain part of the multipart/alternative being walked
 * showed (struct htmlclean_plain). */
enum alt_plain {
	ALT_OUTSIDE,	/* not in an alternative */
	ALT_UNSEEN,	/* no text/plain part yet */
	ALT_HISTORY,	/* history from its quote to its end */
	ALT_OTHER	/* anything else */
};

struct clean {
	const struct conf *c;
	struct decision *d;
	GPtrArray *removed_cids;	/* only removed regions used them */
	GPtrArray *kept_cids;		/* the kept text uses them */
	GPtrArray *dropped_cids;	/* images we removed that the kept
					   HTML refers to */
	GPtrArray *content_ids;		/* of every part, for the HTML */
	enum alt_plain alt;
	bool	text_seen;		/* the message has a text body */
	bool	text_left;		/* some text part kept something */
	bool	signature_cut;		/* a signature, not just blank lines */
	bool	modified;		/* a part was changed or removed */
	char	*learned;		/* the learned block cut, or NULL */
	struct store *st;		/* NULL: nothing is learned */
	const char *sender;		/* lower-cased address, or NULL */
	const char *domain;		/* its domain, or NULL */
	char	*err;			/* the caller's, for a store error */
	int	rc;			/* -1 once the store failed */
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

/*
 * learned_cut - move *keep above the trailing block of text[0, *keep)
 * when the sender's earlier mail repeated it; the block's key goes into
 * the decision to be counted.  Only the first text/plain part learns.
 */
static bool
learned_cut(struct clean *k, const char *text, size_t *keep)
{
	struct textlearn_block b;
	unsigned n = 0;
	char	*key;

	if (k->st == NULL || k->sender == NULL || k->rc < 0 ||
	    k->c->learned_signature_count == 0 || k->d->clean_sig_key ||
	    !textlearn_find(text, *keep, &b))
		return false;
	key = g_strdup_printf("%s\t%s", k->sender, b.hash);
	if (store_sig_count(k->st, key, &n, k->err) < 0) {
		k->rc = -1;
		g_free(key);
		return false;
	}
	k->d->clean_sig_key = key;
	if (n < k->c->learned_signature_count || !has_text(text, b.keep))
		return false;
	/* the HTML alternatives lose the same text (cut_learned()) */
	k->learned = g_strndup(text + b.start, *keep - b.start);
	*keep = b.keep;
	return true;
}

/* clean_plain - cut the history and the signature of a text/plain part. */
static void
clean_plain(struct clean *k, GMimeTextPart *tp)
{
	char	*text = message_part_text(tp);
	size_t	len = text ? strlen(text) : 0, keep;
	struct textclean_cut cut;
	bool	learned;
	char	*kept;

	if (text == NULL)
		return;
	k->text_seen = true;
	textclean_cut(k->c->textclean_rules, text, len, &cut);
	/* a quote cut above a forward would take the forward along */
	if (k->alt != ALT_OUTSIDE)
		k->alt = k->alt != ALT_OTHER && cut.quote < len &&
		    !cut.forward ? ALT_HISTORY : ALT_OTHER;
	keep = cut.keep;
	learned = learned_cut(k, text, &keep);
	if (has_text(text, keep))
		k->text_left = true;
	if (keep < len && has_text(text, keep)) {
		k->d->clean_quote |= cut.quote < len;
		k->d->clean_signature |= cut.signature_why != NULL || learned;
		k->d->clean_learned |= learned;
		k->signature_cut |= cut.signature_why != NULL || learned;
		kept = g_strdup_printf("%.*s\n", (int)keep, text);
		set_text(tp, kept);
		k->modified = true;
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
	char	*html = message_part_text(tp);
	const struct htmlclean_plain plain = { k->alt == ALT_HISTORY,
	    k->content_ids };
	struct htmlclean_result r;

	if (html == NULL)
		return;
	k->text_seen = true;
	if (strlen(html) > HTMLCLEAN_MAX)
		k->d->anomalies |= ANOMALY_HTML_SIZE;
	if (htmlclean_clean(k->c->textclean_rules, html, strlen(html), &plain,
	    &r) < 0) {
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
		k->signature_cut |= r.signature;
		set_text(tp, r.html);
		k->modified = true;
	}
	htmlclean_result_clear(&r);
	g_free(html);
}

/* walk_text - clean every inline text part below o. */
static void
walk_text(struct clean *k, GMimeObject *o, int depth)
{
	if (depth > DEPTH_MAX) {
		k->d->anomalies |= ANOMALY_TOO_DEEP;
		return;
	}
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		enum alt_plain outer = k->alt;

		/* the HTML may be in a multipart/related of the alternative */
		if (g_mime_content_type_is_type(g_mime_object_get_content_type(o),
		    "multipart", "alternative"))
			k->alt = ALT_UNSEEN;
		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			walk_text(k, g_mime_multipart_get_part(mp, i), depth + 1);
		k->alt = outer;
	} else if (is_inline_text(o, "plain"))
		clean_plain(k, GMIME_TEXT_PART(o));
	else if (is_inline_text(o, "html"))
		clean_html(k, GMIME_TEXT_PART(o));
}

/* A pass over the leaf parts of a MIME tree (each_leaf()). */
typedef void leaf_fn(GMimeObject *leaf, void *ctx);

/* each_leaf - fn on every part below o that is not a multipart, in
 * order, to DEPTH_MAX levels. */
static void
each_leaf(GMimeObject *o, leaf_fn *fn, void *ctx, int depth)
{
	if (depth > DEPTH_MAX)
		return;
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);

		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			each_leaf(g_mime_multipart_get_part(mp, i), fn, ctx,
			    depth + 1);
	} else
		fn(o, ctx);
}

/*
 * list_id - the part's Content-ID into the list ctx, but of the text
 * bodies (some clients give every part one; HTML refers to images).
 */
static void
list_id(GMimeObject *o, void *ctx)
{
	const char *id = g_mime_object_get_content_id(o);

	if (id != NULL && !is_inline_text(o, "plain") &&
	    !is_inline_text(o, "html"))
		g_ptr_array_add(ctx, (char *)id);
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

/* decoded_size - the decoded bytes of a part's content, counted. */
static gint64
decoded_size(GMimeDataWrapper *dw)
{
	GMimeStream *s = g_mime_stream_null_new();
	gint64	n = g_mime_data_wrapper_write_to_stream(dw, s);

	g_object_unref(s);
	return n < 0 ? 0 : n;
}

/*
 * A part's content decoded from its first byte on, through a decoding
 * filter on a view of its stream: what is not read is never decoded.
 */
struct decoder {
	GMimeStream *view;
	GMimeStream *f;
};

static void
decoder_open(struct decoder *dc, GMimeDataWrapper *dw)
{
	GMimeStream *raw = g_mime_data_wrapper_get_stream(dw);
	GMimeContentEncoding enc = g_mime_data_wrapper_get_encoding(dw);

	dc->view = g_mime_stream_substream(raw, raw->bound_start,
	    raw->bound_end);
	dc->f = g_mime_stream_filter_new(dc->view);
	if (enc == GMIME_CONTENT_ENCODING_BASE64 ||
	    enc == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE ||
	    enc == GMIME_CONTENT_ENCODING_UUENCODE) {
		GMimeFilter *dec = g_mime_filter_basic_new(enc, FALSE);

		(void)g_mime_stream_filter_add(GMIME_STREAM_FILTER(dc->f), dec);
		g_object_unref(dec);
	}
}

/* decoder_read - decoded bytes onto b until it holds max; false at the
 * end of the content. */
static bool
decoder_read(struct decoder *dc, GByteArray *b, gsize max)
{
	char	buf[4096];
	gssize	n = 1;

	while (b->len < max && (n = g_mime_stream_read(dc->f, buf,
	    MIN(sizeof(buf), max - b->len))) > 0)
		g_byte_array_append(b, (guint8 *)buf, (guint)n);
	return n > 0;
}

static void
decoder_close(struct decoder *dc)
{
	g_object_unref(dc->f);
	g_object_unref(dc->view);
}

/*
 * image_size - an image's pixels from its header, and for an image of
 * at most HASH_MAX bytes its decoded size and the hex SHA-256 of its bytes
 * (logos and icons: what recurs from mail to mail).  A bigger image, a
 * screenshot, is neither decoded whole nor hashed: its size is returned
 * as -1 (not counted; decoded_size() counts it when it must be reported)
 * and hash is "".  One whose encoded form is too long to hold HASH_MAX
 * bytes in any encoding is decoded only as far as its header.
 */
static gint64
image_size(GMimePart *p, unsigned *w, unsigned *h, char hash[HASH_HEX])
{
	GMimeDataWrapper *dw = g_mime_part_get_content(p);
	GByteArray *b;
	struct decoder dc;
	gint64	n = -1;
	char	*sum;

	*w = *h = 0;
	hash[0] = '\0';
	if (dw == NULL)
		return 0;
	b = g_byte_array_new();
	decoder_open(&dc, dw);
	if (g_mime_stream_length(g_mime_data_wrapper_get_stream(dw)) >
	    (gint64)(3 * HASH_MAX)) {
		bool	more;

		/* a block more until the header is whole */
		do
			more = decoder_read(&dc, b, b->len + 4096);
		while (!imagesize_read(b->data, b->len, w, h) && more &&
		    b->len < HEAD_MAX);
	} else {
		(void)decoder_read(&dc, b, HASH_MAX + 1);
		(void)imagesize_read(b->data, b->len, w, h);
		if (b->len <= HASH_MAX) {
			sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
			    b->data, b->len);
			(void)g_strlcpy(hash, sum, HASH_HEX);
			g_free(sum);
			n = b->len;
		}
	}
	decoder_close(&dc);
	g_byte_array_unref(b);
	return n;
}

/*
 * recurring - the image with this hash was in at least
 * recurring_image_count earlier messages of the sender domain.  Its key
 * is counted once per message, whatever happens to the image.
 */
static bool
recurring(struct clean *k, const char *hash)
{
	unsigned n = 0;
	char	*key;

	if (k->st == NULL || k->domain == NULL || *hash == '\0' || k->rc < 0 ||
	    k->c->recurring_image_count == 0)
		return false;
	key = g_strdup_printf("%s\t%s", k->domain, hash);
	if (store_image_count(k->st, key, &n, k->err) < 0)
		k->rc = -1;
	if (!in_list(k->d->clean_image_keys, key))
		g_ptr_array_add(k->d->clean_image_keys, key);
	else
		g_free(key);
	return k->rc == 0 && n >= k->c->recurring_image_count;
}

/* image_why - why an inline image goes, or NULL when it stays. */
static const char *
image_why(struct clean *k, GMimePart *p, gint64 *size)
{
	const char *cid = g_mime_object_get_content_id(GMIME_OBJECT(p));
	char	hash[HASH_HEX];
	unsigned w, h;
	bool	rec;

	if (g_mime_part_is_attachment(p))
		return NULL;
	*size = image_size(p, &w, &h, hash);
	rec = recurring(k, hash);
	if (in_list(k->removed_cids, cid) && !in_list(k->kept_cids, cid))
		return k->d->clean_signature ? "signature" : "quote";
	/* the same image in every mail of a domain is branding, even when
	 * the kept text shows it: a screenshot differs from mail to mail */
	if (rec)
		return "recurring";
	/*
	 * the pixels decide when the header gives them: a flat 320x160
	 * screenshot of an error dialog can be smaller in bytes than a logo
	 */
	if (w && h)
		return w <= k->c->small_image_pixels &&
		    h <= k->c->small_image_pixels ? "small" : NULL;
	/* one not counted is above HASH_MAX: small only by a huge setting */
	if (*size < 0 && k->c->small_image_bytes > HASH_MAX)
		*size = decoded_size(g_mime_part_get_content(p));
	return *size >= 0 && *size < (gint64)k->c->small_image_bytes ?
	    "small" : NULL;
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
	/* only what the kept HTML still shows needs its <img> removed */
	if (cid && in_list(k->kept_cids, cid))
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
		if (size < 0)
			size = decoded_size(g_mime_part_get_content(
			    GMIME_PART(part)));
		report_part(k, GMIME_PART(part), size, why);
		g_object_unref(g_mime_multipart_remove_at(mp, i));
		k->modified = true;
	}
}

/* strip_images - remove the <img> of dropped images from an HTML part. */
static void
strip_images(GMimeObject *o, void *ctx)
{
	struct clean *k = ctx;
	char	*html, *out;

	if (!is_inline_text(o, "html") ||
	    (html = message_part_text(GMIME_TEXT_PART(o))) == NULL)
		return;
	out = htmlclean_remove_cids(html, strlen(html), k->dropped_cids);
	if (out) {
		set_text(GMIME_TEXT_PART(o), out);
		k->modified = true;
	}
	g_free(out);
	g_free(html);
}

/* cut_learned - cut the learned block from the end of an HTML part. */
static void
cut_learned(GMimeObject *o, void *ctx)
{
	const struct clean *k = ctx;
	char	*html, *out;

	if (!is_inline_text(o, "html") ||
	    (html = message_part_text(GMIME_TEXT_PART(o))) == NULL)
		return;
	/* the plain part lost the block already: k->modified is set */
	out = htmlclean_cut_text(html, strlen(html), k->learned);
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

void
mimeclean_report(const struct conf *c, const struct message *m,
    struct decision *d)
{
	GString	*v;

	/* a body that was never looked at gets no report */
	if (!c->clean_bodies || m->mime == NULL ||
	    g_mime_message_get_mime_part(m->mime) == NULL)
		return;
	v = g_string_new(NULL);
	if (d->clean_skipped)
		g_string_printf(v, "skipped=%s", d->clean_skipped);
	else if (d->body == NULL)
		g_string_assign(v, "none");
	else {
		g_string_printf(v, "quote=%s; signature=%s; saved=%" G_GINT64_FORMAT,
		    d->clean_quote ? "yes" : "no",
		    d->clean_signature ? "yes" : "no", d->clean_saved);
		if (d->clean_learned)
			g_string_append(v, "; learned-signature=yes");
		if (d->clean_archive)
			g_string_append_printf(v, "; archive=%s", d->clean_archive);
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

/* note_line - what was removed, in one line, or NULL when nothing was:
 * "[support-milter removed: quoted history, signature, 2 images (a.png,
 * b.gif)]". */
static char *
note_line(const struct clean *k)
{
	const struct decision *d = k->d;
	GPtrArray *r = d->clean_removed;
	GString	*v = g_string_new("[support-milter removed:");
	const char *sep = " ";

	if (!d->clean_quote && !k->signature_cut && r->len == 0)
		return g_string_free(v, TRUE);
	if (d->clean_quote) {
		g_string_append(v, " quoted history");
		sep = ", ";
	}
	if (k->signature_cut) {
		g_string_append_printf(v, "%ssignature", sep);
		sep = ", ";
	}
	if (r->len > 0)
		g_string_append_printf(v, "%s%u image%s (", sep, r->len,
		    r->len == 1 ? "" : "s");
	for (guint i = 0; i < r->len && i < NOTE_NAMES; i++) {
		const char *e = g_ptr_array_index(r, i);

		/* "NAME SIZE WHY": the name holds no space */
		g_string_append_printf(v, "%s%.*s", i ? ", " : "",
		    (int)strcspn(e, " "), e);
	}
	if (r->len > NOTE_NAMES)
		g_string_append(v, ", ...");
	g_string_append(v, r->len > 0 ? ")]" : "]");
	return g_string_free(v, FALSE);
}

/* add_note - append the line ctx to an inline text part: after a blank
 * line in text/plain, as a last <p> in text/html. */
static void
add_note(GMimeObject *o, void *ctx)
{
	const char *line = ctx;
	char	*text, *with;
	bool	html = is_inline_text(o, "html");

	if ((!html && !is_inline_text(o, "plain")) ||
	    (text = message_part_text(GMIME_TEXT_PART(o))) == NULL)
		return;
	if (html)
		with = htmlclean_add_paragraph(text, strlen(text), line);
	else {
		/* one blank line between the customer's last line and it */
		(void)g_strchomp(text);
		with = g_strdup_printf("%s%s%s\n", text, *text ? "\n\n" : "",
		    line);
	}
	if (with)
		set_text(GMIME_TEXT_PART(o), with);
	g_free(with);
	g_free(text);
}

/* clean_tree - the passes over a message with text left to keep. */
static void
clean_tree(struct clean *k, const struct message *m, GMimeObject *top)
{
	GMimeObject *now;
	char	*note;

	if (k->learned != NULL)
		each_leaf(top, cut_learned, k, 0);
	walk_images(k, top, 0);
	if (k->dropped_cids->len > 0)
		each_leaf(top, strip_images, k, 0);
	now = collapse(top, 0);
	if (now != top)
		g_mime_message_set_mime_part(m->mime, now);
	if (k->c->clean_note && (note = note_line(k)) != NULL) {
		each_leaf(now, add_note, note, 0);
		k->modified = true;
		g_free(note);
	}
	/* untouched mail is not written out and compared: most is */
	if (k->modified)
		finish(k, m, top, now);
}

int
mimeclean_run(const struct conf *c, struct store *st, const char *sender,
    const struct message *m, struct decision *d, char err[STORE_ERRLEN])
{
	GMimeObject *top = g_mime_message_get_mime_part(m->mime);
	const char *at = sender ? strrchr(sender, '@') : NULL;
	struct clean k = { c, d, g_ptr_array_new_with_free_func(g_free),
	    g_ptr_array_new_with_free_func(g_free),
	    g_ptr_array_new_with_free_func(g_free), g_ptr_array_new(),
	    ALT_OUTSIDE, false, false, false, false, NULL, st,
	    at ? sender : NULL, at && at[1] ? at + 1 : NULL, err, 0 };

	if (top == NULL || !c->clean_bodies)
		goto out;
	g_object_ref(top);
	each_leaf(top, list_id, k.content_ids, 0);
	walk_text(&k, top, 0);
	/* cleaning must not turn a message with words into one without */
	if (k.rc == 0 && k.text_seen && !k.text_left) {
		d->clean_skipped = "no-text-left";
		d->clean_quote = d->clean_signature = d->clean_learned = false;
	} else if (k.rc == 0)
		clean_tree(&k, m, top);
	g_object_unref(top);
out:
	g_ptr_array_unref(k.removed_cids);
	g_ptr_array_unref(k.kept_cids);
	g_ptr_array_unref(k.dropped_cids);
	g_ptr_array_unref(k.content_ids);
	g_free(k.learned);
	return k.rc;
}
