/*
 * NAME
 *	htmlclean - quoted history, signatures and tracking pixels out of an
 *	HTML body
 * SYNOPSIS
 *	#include "htmlclean.h"
 * DESCRIPTION
 *	The body is parsed once with libxml2's HTML parser (htmlcut.c),
 *	with the inside of quote containers past their first bytes of text
 *	read but not built, or not read at all when the text/plain
 *	alternative vouches for the history (struct htmlclean_plain); when
 *	what was left out could have changed a decision
 *	(left_out_unneeded()), once more whole (decide()).
 *	Every walk over the tree is iterative, so no input can exhaust the
 *	C stack.  The passes here only mark nodes; htmlcut.c then collects
 *	the marked subtrees (with their cid: references) and frees them in
 *	one pass: no decision ever looks at a half-edited tree.
 *
 *	The visible text of the body is built once (htmltext.c): a reply
 *	marker split across <span>s, <b>, line breaks and &nbsp; is one run
 *	of text there, and an Outlook header block a run of "From:",
 *	"Sent:", ... lines in any language we know.
 *
 *	Five passes, in this order:
 *	1. the first reply marker (textclean_marker_find()) cuts the body
 *	   (htmlcut_cut_at(): from the outermost element that starts with
 *	   it, or from its text);
 *	2. in document order, the first cut element (#divRplyFwdMsg,
 *	   #appendonsend, a border-top separator div or an <hr> followed by
 *	   a From:/Sent: header block, or a bare Outlook header paragraph)
 *	   cuts from there to the end; quote containers, signature
 *	   containers and tracking pixels are marked as whole subtrees;
 *	3. from the end of the body backwards, quoted blockquotes are
 *	   marked while nothing but white space follows them: interleaved
 *	   answers are never cut;
 *	4. the kept text, read as plain text (quoted blockquotes as ">"
 *	   lines), goes through textclean_cut(), and its cut goes through
 *	   htmlcut_cut_at() like a marker: contact blocks, disclaimers,
 *	   mobile footers, "-----Original Message-----" and "On ... wrote:"
 *	   outside any container go as in the plain-text alternative;
 *	5. marked subtrees are removed, their cid: targets listed
 *	   (htmlcut_apply()).
 *	Forwarded messages (a "Forwarded message" line near the container
 *	or an FW: Subject in its header block) are content and stay whole;
 *	pass 4 cuts nothing when one was kept or its cut holds one.
 *
 *	The MIME layer's three small edits (htmlclean_remove_cids(),
 *	htmlclean_cut_text(), htmlclean_add_paragraph()) are in htmlcut.c.
 * DIAGNOSTICS
 *	htmlclean_clean() returns -1 when libxml2 builds no document (empty
 *	input, input longer than HTMLCLEAN_MAX) or the result cannot be
 *	written.
 * BUGS
 *	cid: references in CSS (background-image: url(cid:...)) are not seen.
 *	Pass 4 sees text, not images: an image after the start of a text
 *	signature goes with it (one before it in the same block stays).
 * SEE ALSO
 *	htmlclean.h, htmlcut.h, htmltext.h, textclean.h,
 *	docs/cleaning-html.md, RFC 2392 (cid: URLs)
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>
#include <libxml/tree.h>

#include "htmlclean.h"
#include "htmlcut.h"
#include "htmltext.h"
#include "textclean.h"

#define SIGNATURE_MAX	4096	/* bytes of text: a longer "signature" is
				   the customer typing inside it; kept */

/* marker_find - the first reply marker in the text, at a word start. */
static void
marker_find(struct htmlcut_work *w)
{
	size_t	m = textclean_marker_find(w->rules, w->ht.text->str,
	    w->ht.text->len, true);

	if (m != (size_t)-1)
		w->out->quote |= htmlcut_cut_at(w, m);
}

/*
 * cut_here - n starts the quoted history: Outlook's reply containers, a
 * separator followed by a header block, or a bare Outlook header
 * paragraph (then all four of From, Sent, To and Subject).
 */
static bool
cut_here(struct htmlcut_work *w, xmlNodePtr n)
{
	size_t	off;
	bool	fwd = false, hit;

	if (n->type != XML_ELEMENT_NODE || !htmltext_is_break(n))
		return false;
	off = htmltext_elem_off(&w->ht, n);
	if (htmltext_attr_is(n, "id", "divRplyFwdMsg") ||
	    htmltext_attr_is(n, "id", "appendonsend")) {
		/* the same containers hold a forward: read its Subject */
		(void)htmltext_header_block(&w->ht, off, 0, 0, &fwd);
		hit = true;
	} else if (htmltext_is_elem(n, "hr") ||
	    (htmltext_is_elem(n, "div") && htmltext_separator(n)))
		hit = htmltext_header_block(&w->ht, off, HTMLTEXT_FROM |
		    HTMLTEXT_DATE, 0, &fwd);
	else if (htmltext_is_elem(n, "p") || htmltext_is_elem(n, "div"))
		hit = htmltext_header_block(&w->ht, off, HTMLTEXT_FROM |
		    HTMLTEXT_DATE | HTMLTEXT_TO | HTMLTEXT_SUBJECT,
		    HTMLTEXT_FROM, &fwd);
	else
		return false;
	if (hit && (fwd || htmltext_forwarded_near(&w->ht, off))) {
		w->forward = true;
		return false;
	}
	return hit;
}

/*
 * gmail_interleaved - the customer wrote inside Gmail's quote: text
 * outside its blockquotes after the first one (the attribution line
 * before it is Gmail's).
 */
static bool
gmail_interleaved(xmlNodePtr q)
{
	bool	seen = false;

	for (xmlNodePtr x = q->children; x != NULL;) {
		bool	bq = htmltext_is_elem(x, "blockquote");

		seen = seen || bq;
		if (seen && x->type == XML_TEXT_NODE && x->content != NULL &&
		    !htmltext_blank((const char *)x->content,
		    strlen((const char *)x->content)))
			return true;
		x = htmltext_next(x, q, !bq && !htmltext_invisible(x));
	}
	return false;
}

/* is_signature - one of the clients' signature containers. */
static bool
is_signature(xmlNodePtr n)
{
	return htmltext_has_class(n, "gmail_signature") ||
	    htmltext_has_class(n, "gmail_signature_prefix") ||
	    htmltext_attr_is(n, "data-smartmail", "gmail_signature") ||
	    htmltext_has_class(n, "moz-signature") ||
	    htmltext_attr_is(n, "id", "AppleMailSignature") ||
	    htmltext_attr_is(n, "id", "Signature") ||
	    htmltext_attr_is(n, "id", "x_Signature");
}

/*
 * is_quote_container - the clients' containers of quoted history (also
 * the parse's test: what it may leave out).
 */
static bool
is_quote_container(xmlNodePtr n)
{
	return (htmltext_has_class(n, "gmail_quote") &&
	    !htmltext_is_elem(n, "blockquote")) ||
	    htmltext_has_class(n, "gmail_quote_container") ||
	    htmltext_has_class(n, "yahoo_quoted") ||
	    htmltext_attr_is(n, "id", "OLK_SRC_BODY_SECTION") ||
	    htmltext_has_class(n, "protonmail_quote") ||
	    htmltext_has_class(n, "zmail_extra");
}

/*
 * mark_element - mark n when it is a container to remove; true when its
 * subtree is decided (removed, or a forwarded message kept whole).
 */
static bool
mark_element(struct htmlcut_work *w, xmlNodePtr n)
{
	xmlNodePtr p;

	if (is_quote_container(n)) {
		if (htmltext_forwarded_near(&w->ht,
		    htmltext_elem_off(&w->ht, n))) {
			w->forward = true;
			return true;
		}
		if (htmltext_has_class(n, "gmail_quote") &&
		    gmail_interleaved(n))
			return false;
		htmlcut_mark(w, n);
		if ((p = xmlPreviousElementSibling(n)) != NULL &&
		    htmltext_has_class(p, "gmail_attr"))
			htmlcut_mark(w, p);
		w->out->quote = true;
		return true;
	}
	if (is_signature(n) && !htmltext_longer(n, SIGNATURE_MAX)) {
		htmlcut_mark(w, n);
		w->out->signature = true;
		return true;
	}
	if (htmltext_tracking_pixel(n)) {
		htmlcut_mark(w, n);
		w->out->tracking++;
		return true;
	}
	return false;
}

/*
 * mark_pass - in document order: the first cut takes the rest; quote and
 * signature containers and tracking pixels are marked.
 */
static void
mark_pass(struct htmlcut_work *w)
{
	xmlNodePtr n = w->body->children;

	while (n != NULL) {
		bool	descend = true;

		if (htmlcut_marked(w, n) ||
		    htmltext_invisible(n))
			descend = false;
		else if (n->type == XML_ELEMENT_NODE && cut_here(w, n)) {
			htmlcut_mark_cut(w, n, true);
			w->out->quote = true;
			if (htmltext_is_elem(n, "div") &&
			    htmltext_is_elem(xmlPreviousElementSibling(n),
			    "hr"))
				htmlcut_mark(w, xmlPreviousElementSibling(n));
			return;
		} else if (n->type == XML_ELEMENT_NODE && mark_element(w, n))
			descend = false;
		n = htmltext_next(n, w->body, descend);
	}
}

/* marked_top - the outermost marked node holding n, or NULL. */
static xmlNodePtr
marked_top(const struct htmlcut_work *w, xmlNodePtr n)
{
	xmlNodePtr top = NULL;

	for (; n != NULL && n != w->body; n = n->parent)
		if (htmlcut_marked(w, n))
			top = n;
	return top;
}

/* text_before - the last kept non-blank text seg before seg i, or -1. */
static gssize
text_before(const struct htmlcut_work *w, size_t i)
{
	while (i-- > 0) {
		const struct htmltext_seg *s = HTMLCUT_SEG(w, i);

		if (s->node->type == XML_TEXT_NODE &&
		    !htmltext_blank(w->ht.text->str + s->off, s->len) &&
		    marked_top(w, s->node) == NULL)
			return (gssize)i;
	}
	return -1;
}

/* first_text - the first non-blank text seg inside element q, or -1. */
static gssize
first_text(const struct htmlcut_work *w, xmlNodePtr q)
{
	for (size_t i = htmltext_elem_seg(&w->ht, q); i < w->ht.segs->len;
	    i++) {
		const struct htmltext_seg *s = HTMLCUT_SEG(w, i);

		if (s->node->type != XML_TEXT_NODE ||
		    htmltext_blank(w->ht.text->str + s->off, s->len))
			continue;
		for (xmlNodePtr a = s->node; a != NULL; a = a->parent)
			if (a == q)
				return (gssize)i;
		return -1;
	}
	return -1;
}

/*
 * quoted - blockquote q is quoted history: type=cite (Apple Mail,
 * Thunderbird, iOS), Gmail's inside its quote container, or any other
 * with an attribution line before it or as its first line (webmail).
 */
static bool
quoted(const struct htmlcut_work *w, xmlNodePtr q)
{
	gssize	i;
	size_t	a, b;

	if (htmltext_attr_is(q, "type", "cite"))
		return true;
	for (xmlNodePtr x = q->parent; htmltext_has_class(q, "gmail_quote") &&
	    x != NULL && x != w->body; x = x->parent)
		if (htmltext_is_elem(x, "div") &&
		    htmltext_has_class(x, "gmail_quote"))
			return true;
	i = text_before(w, htmltext_elem_seg(&w->ht, q));
	if (i >= 0 && htmltext_attribution(&w->ht, (size_t)i, &a, &b))
		return true;
	i = first_text(w, q);
	return i >= 0 && htmltext_attribution(&w->ht, (size_t)i, &a, &b);
}

/*
 * mark_quote - remove quoted blockquote q with what introduces it: the
 * .moz-cite-prefix before it, or an attribution line.
 */
static void
mark_quote(struct htmlcut_work *w, xmlNodePtr q)
{
	xmlNodePtr p = xmlPreviousElementSibling(q);
	gssize	i;
	size_t	a, b;

	htmlcut_mark(w, q);
	w->out->quote = true;
	if (p != NULL && htmltext_has_class(p, "moz-cite-prefix")) {
		htmlcut_mark(w, p);
		return;
	}
	i = text_before(w, htmltext_elem_seg(&w->ht, q));
	if (i < 0 || !htmltext_attribution(&w->ht, (size_t)i, &a, &b))
		return;
	for (size_t k = a; k < b; k++)
		htmlcut_mark(w, HTMLCUT_SEG(w, k)->node);
}

/* significant - a node whose loss would lose the customer's words. */
static bool
significant(xmlNodePtr n)
{
	if (htmltext_is_elem(n, "img"))
		return true;
	if (n->type != XML_TEXT_NODE || n->content == NULL)
		return false;
	for (xmlNodePtr a = n->parent; a != NULL; a = a->parent)
		if (htmltext_invisible(a))
			return false;
	return !htmltext_blank((const char *)n->content,
	    strlen((const char *)n->content));
}

/*
 * trailing_pass - from the end of the body backwards, remove quoted
 * blockquotes while only white space and removed parts follow them.
 * The first of the customer's words (text or an image) stops the walk:
 * an interleaved answer keeps every quote above it.
 */
static void
trailing_pass(struct htmlcut_work *w)
{
	xmlNodePtr n = w->body;

	while (n->last != NULL)
		n = n->last;
	while (n != NULL && n != w->body) {
		xmlNodePtr top = marked_top(w, n), q = NULL;

		if (top != NULL) {
			n = htmltext_prev(top, w->body);
			continue;
		}
		if (!significant(n)) {
			n = htmltext_prev(n, w->body);
			continue;
		}
		for (xmlNodePtr a = n->parent; a != NULL && a != w->body;
		    a = a->parent)
			if (htmltext_is_elem(a, "blockquote") && quoted(w, a))
				q = a;
		if (q == NULL)
			return;
		mark_quote(w, q);
		n = htmltext_prev(q, w->body);
	}
}

/* seg_kept - htmltext_keep.kept: the bytes of a seg the passes keep. */
static size_t
seg_kept(void *ctx, xmlNodePtr n, size_t len)
{
	struct htmlcut_work *w = ctx;

	if (marked_top(w, n) != NULL)
		return 0;
	return n == w->trunc ? w->trunc_keep : len;
}

/* seg_quoted - htmltext_keep.quoted: blockquote q is quoted history. */
static bool
seg_quoted(void *ctx, xmlNodePtr q)
{
	return quoted(ctx, q);
}

/*
 * text_pass - what textclean cuts from the kept text read as plain text
 * (a contact block or disclaimer after a closing phrase, a mobile
 * footer, "-----Original Message-----" or "On ... wrote:" outside any
 * container) goes from where it starts to the end of the body, as the
 * plain-text alternative loses it.  Kept quoted blockquotes are read as
 * ">" lines, so textclean's rule for interleaved answers holds.  When
 * textclean would keep nothing, nothing goes: the caller decides.  Nor
 * when the passes kept a forward, or a forwarding line would go: a
 * signature cut above a forward would take the forward along, and
 * textclean does not know Outlook's "FW:" header blocks.
 */
static void
text_pass(struct htmlcut_work *w)
{
	const struct htmltext_keep keep = { seg_kept, seg_quoted, w };
	struct htmltext_plain p;
	struct textclean_cut c;
	size_t	from, m;

	if (w->rules == NULL || w->forward)
		return;
	htmltext_plain_build(&w->ht, &keep, &p);
	textclean_cut(w->rules, p.text->str, p.text->len, &c);
	from = c.signature_why != NULL ? c.signature : c.quote;
	if (c.keep > 0 && from < p.text->len &&
	    (m = htmltext_plain_src(&p, from)) != HTMLTEXT_ADDED) {
		/* the text to the end decides: what the parse left out too */
		w->read_to_end = true;
		if (!htmltext_forwarded_after(&w->ht, m) &&
		    htmlcut_cut_at(w, m)) {
			w->out->quote |= c.quote_why != NULL;
			w->out->signature |= c.signature_why != NULL;
		}
	}
	htmltext_plain_release(&p);
}

/* result_reset - back to "nothing removed", keeping the lists. */
static void
result_reset(struct htmlclean_result *out)
{
	g_free(out->html);
	out->html = NULL;
	out->quote = out->signature = false;
	out->tracking = 0;
	g_ptr_array_set_size(out->removed_cids, 0);
	g_ptr_array_set_size(out->kept_cids, 0);
}

/* all_seen - every part with a Content-ID is referred to from what the
 * parse read. */
static bool
all_seen(const struct htmlcut_work *w, const struct htmlclean_plain *plain)
{
	const GPtrArray *ids = plain->content_ids;

	for (guint i = 0; ids != NULL && i < ids->len; i++)
		if (!g_ptr_array_find_with_equal_func(w->left.seen_cids,
		    g_ptr_array_index(ids, i), g_str_equal, NULL))
			return false;
	return true;
}

/*
 * left_out_unneeded - the passes decided as they would have on the whole
 * document: every container the parse left an inside out of goes whole,
 * and what was left out held nothing they read beyond a container's start:
 * no answer between quotes, no text after it, no reply marker (it would
 * cut from there), no forwarding line when text_pass() read the text to
 * its end (it keeps a signature above one).  A parse that stopped read
 * nothing of all that (the plain alternative vouches for it), but must
 * have seen a reference to every part with a Content-ID.
 */
static bool
left_out_unneeded(const struct htmlcut_work *w,
    const struct htmlclean_plain *plain)
{
	const struct htmlparse_left *l = &w->left;

	if (l->containers->len == 0)
		return true;
	if (l->unsure || (l->stopped != NULL && !all_seen(w, plain)))
		return false;
	for (guint i = 0; i < l->containers->len; i++)
		if (marked_top(w, l->containers->pdata[i]) == NULL)
			return false;
	return (!w->read_to_end ||
	    !htmltext_forward_line(l->text->str, l->text->len)) &&
	    textclean_marker_find(w->rules, l->text->str, l->text->len,
	    false) == (size_t)-1;
}

/*
 * decide - parse and run the passes: first leaving quote containers'
 * insides out, and again on the whole document when they were needed.
 * The document, or NULL when there is none.
 */
static xmlDocPtr
decide(struct htmlcut_work *w, const char *html, size_t len,
    const struct htmlclean_plain *plain)
{
	xmlDocPtr doc;

	w->may_stop = plain != NULL && plain->history_to_end;
	doc = htmlcut_open(w, html, len, is_quote_container);
	for (int whole = 0; doc != NULL; whole++) {
		marker_find(w);
		mark_pass(w);
		trailing_pass(w);
		text_pass(w);
		if (whole || left_out_unneeded(w, plain))
			break;
		result_reset(w->out);
		htmlcut_close(w, doc);
		*w = (struct htmlcut_work){ .rules = w->rules, .out = w->out };
		doc = htmlcut_open(w, html, len, NULL);
	}
	return doc;
}

/* htmlclean_clean - see htmlclean.h. */
int
htmlclean_clean(const struct textclean_rules *rules, const char *html,
    size_t len, const struct htmlclean_plain *plain,
    struct htmlclean_result *out)
{
	xmlDocPtr doc;
	struct htmlcut_work w = { .rules = rules, .out = out };
	int	rc = 0;

	htmlcut_result_init(out);
	if ((doc = decide(&w, html, len, plain)) == NULL)
		return -1;
	if (htmlcut_apply(&w, xmlDocGetRootElement(doc)) &&
	    (out->html = htmlcut_serialise(doc)) == NULL)
		rc = -1;
	out->content_left = w.body != NULL && htmltext_content_below(w.body);
	if (rc != 0)
		result_reset(out);
	htmlcut_close(&w, doc);
	return rc;
}

/* htmlclean_result_clear - see htmlclean.h. */
void
htmlclean_result_clear(struct htmlclean_result *r)
{
	g_free(r->html);
	if (r->removed_cids != NULL)
		g_ptr_array_unref(r->removed_cids);
	if (r->kept_cids != NULL)
		g_ptr_array_unref(r->kept_cids);
	memset(r, 0, sizeof(*r));
}
