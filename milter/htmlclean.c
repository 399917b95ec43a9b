/*
 * NAME
 *	htmlclean - quoted history, signatures and tracking pixels out of an
 *	HTML body
 * SYNOPSIS
 *	#include "htmlclean.h"
 * DESCRIPTION
 *	The body is parsed once with libxml2's HTML parser (no network, no
 *	error output, recovery on, no invented DOCTYPE, the default depth
 *	limit of 256 kept).  Every walk over the tree is iterative, so no
 *	input can exhaust the C stack.  Nodes are first marked, then the
 *	marked subtrees are collected (with their cid: references) and freed
 *	in one pass: no decision ever looks at a half-edited tree.
 *
 *	The visible text of the body is built once (htmltext.c): a reply
 *	marker split across <span>s, <b>, line breaks and &nbsp; is one run
 *	of text there, and an Outlook header block a run of "From:",
 *	"Sent:", ... lines in any language we know.
 *
 *	Five passes, in this order:
 *	1. the first reply marker (textclean_marker_at()) cuts the body
 *	   (cut_at(): from the outermost element that starts with it, or
 *	   from its text);
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
 *	   cut_at() like a marker: contact blocks, disclaimers, mobile
 *	   footers, "-----Original Message-----" and "On ... wrote:"
 *	   outside any container go as in the plain-text alternative;
 *	5. marked subtrees are removed, their cid: targets listed.
 *	Forwarded messages (a "Forwarded message" line near the container
 *	or an FW: Subject in its header block) are content and stay whole;
 *	pass 4 cuts nothing when one was kept or its cut holds one.
 *
 *	For the MIME layer, three small edits on a parsed part: the <img>
 *	of removed images out (htmlclean_remove_cids()), a learned signature
 *	out from the end of the visible text through the same cut_at()
 *	(htmlclean_cut_text()), and the note line in as a last <p>
 *	(htmlclean_add_paragraph()).
 * DIAGNOSTICS
 *	htmlclean_clean() returns -1 when libxml2 builds no document (empty
 *	input, input longer than INT_MAX) or the result cannot be written.
 * BUGS
 *	cid: references in CSS (background-image: url(cid:...)) are not seen.
 *	Pass 4 sees text, not images: an image after the start of a text
 *	signature goes with it (one before it in the same block stays).
 * SEE ALSO
 *	htmlclean.h, htmltext.h, textclean.h, docs/cleaning-html.md,
 *	RFC 2392 (cid: URLs)
 */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include "htmlclean.h"
#include "htmltext.h"
#include "textclean.h"

/* NODEFDTD: the output keeps the input's shape, with no DOCTYPE added. */
#define PARSE_OPTIONS	(HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
			 HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | \
			 HTML_PARSE_NODEFDTD)
/* the seg at index i of the visible text */
#define SEG(w, i)	(&g_array_index((w)->ht.segs, struct htmltext_seg, (i)))
#define SIGNATURE_MAX	4096	/* bytes of text: a longer "signature" is
				   the customer typing inside it; kept */

/* What one htmlclean_clean() call knows; nothing outlives the call. */
struct work {
	const struct textclean_rules *rules;
	xmlNodePtr body;
	struct htmltext ht;	/* the visible text of body */
	GHashTable *marked;	/* roots of the subtrees to remove */
	xmlNodePtr trunc;	/* text node cut inside by a marker, or NULL */
	size_t	trunc_keep;	/* its bytes kept */
	bool	forward;	/* a forwarded message was kept whole */
	struct htmlclean_result *out;
};

/* mark - n and its subtree go. */
static void
mark(struct work *w, xmlNodePtr n)
{
	g_hash_table_add(w->marked, n);
}

/* mark_cut - n and everything after it, up to the end of the body, go. */
static void
mark_cut(struct work *w, xmlNodePtr n, bool with_n)
{
	if (with_n)
		mark(w, n);
	for (xmlNodePtr x = n; x != NULL && x != w->body; x = x->parent)
		for (xmlNodePtr s = x->next; s != NULL; s = s->next)
			mark(w, s);
}

/* image_before - an <img> comes before n inside its parent. */
static bool
image_before(xmlNodePtr n)
{
	for (xmlNodePtr s = n->prev; s != NULL; s = s->prev) {
		if (htmltext_is_elem(s, "img"))
			return true;
		for (xmlNodePtr x = s->children; x != NULL;
		    x = htmltext_next(x, s, true))
			if (htmltext_is_elem(x, "img"))
				return true;
	}
	return false;
}

/*
 * cut_at - remove the body from byte m of the visible text to its end:
 * from the outermost element whose text starts at m (nothing but white
 * space before m in it, and no image: a screenshot above the cut is the
 * customer's), or else from inside the text node, so that the
 * customer's words before m in the same paragraph stay.  Both the reply
 * marker and textclean's cut come here.  false: m is not in a text node.
 */
static bool
cut_at(struct work *w, size_t m)
{
	const struct htmltext_seg *sg = SEG(w, htmltext_seg_at(&w->ht, m));
	xmlNodePtr best = sg->node;

	if (sg->node->type != XML_TEXT_NODE)
		return false;
	for (xmlNodePtr a = best->parent; a != NULL && a != w->body;
	    a = a->parent) {
		size_t	ao = htmltext_elem_off(&w->ht, a);

		if (ao > m || !htmltext_blank(w->ht.text->str + ao, m - ao) ||
		    image_before(best))
			break;
		best = a;
	}
	if (best == sg->node && !htmltext_blank(w->ht.text->str + sg->off,
	    m - sg->off)) {
		w->trunc = sg->node;
		w->trunc_keep = m - sg->off;
		mark_cut(w, best, false);
	} else
		mark_cut(w, best, true);
	return true;
}

/* marker_find - the first reply marker in the text, at a word start. */
static void
marker_find(struct work *w)
{
	const char *t = w->ht.text->str;
	size_t	len = w->ht.text->len, mlen;

	if (w->rules == NULL)
		return;
	for (size_t i = 0; i < len; i++) {
		if (((unsigned char)t[i] & 0xC0) == 0x80 ||
		    g_ascii_isspace(t[i]) ||
		    (i > 0 && g_ascii_isalnum(t[i - 1])))
			continue;
		if (textclean_marker_at(w->rules, t + i, len - i, &mlen)) {
			w->out->quote |= cut_at(w, i);
			return;
		}
	}
}

/*
 * cut_here - n starts the quoted history: Outlook's reply containers, a
 * separator followed by a header block, or a bare Outlook header
 * paragraph (then all four of From, Sent, To and Subject).
 */
static bool
cut_here(struct work *w, xmlNodePtr n)
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

/* is_quote_container - the clients' containers of quoted history. */
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
mark_element(struct work *w, xmlNodePtr n)
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
		mark(w, n);
		if ((p = xmlPreviousElementSibling(n)) != NULL &&
		    htmltext_has_class(p, "gmail_attr"))
			mark(w, p);
		w->out->quote = true;
		return true;
	}
	if (is_signature(n) && !htmltext_longer(n, SIGNATURE_MAX)) {
		mark(w, n);
		w->out->signature = true;
		return true;
	}
	if (htmltext_tracking_pixel(n)) {
		mark(w, n);
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
mark_pass(struct work *w)
{
	xmlNodePtr n = w->body->children;

	while (n != NULL) {
		bool	descend = true;

		if (g_hash_table_contains(w->marked, n) ||
		    htmltext_invisible(n))
			descend = false;
		else if (n->type == XML_ELEMENT_NODE && cut_here(w, n)) {
			mark_cut(w, n, true);
			w->out->quote = true;
			if (htmltext_is_elem(n, "div") &&
			    htmltext_is_elem(xmlPreviousElementSibling(n),
			    "hr"))
				mark(w, xmlPreviousElementSibling(n));
			return;
		} else if (n->type == XML_ELEMENT_NODE && mark_element(w, n))
			descend = false;
		n = htmltext_next(n, w->body, descend);
	}
}

/* marked_top - the outermost marked node holding n, or NULL. */
static xmlNodePtr
marked_top(const struct work *w, xmlNodePtr n)
{
	xmlNodePtr top = NULL;

	for (; n != NULL && n != w->body; n = n->parent)
		if (g_hash_table_contains(w->marked, n))
			top = n;
	return top;
}

/* text_before - the last kept non-blank text seg before seg i, or -1. */
static gssize
text_before(const struct work *w, size_t i)
{
	while (i-- > 0) {
		const struct htmltext_seg *s = SEG(w, i);

		if (s->node->type == XML_TEXT_NODE &&
		    !htmltext_blank(w->ht.text->str + s->off, s->len) &&
		    marked_top(w, s->node) == NULL)
			return (gssize)i;
	}
	return -1;
}

/* first_text - the first non-blank text seg inside element q, or -1. */
static gssize
first_text(const struct work *w, xmlNodePtr q)
{
	for (size_t i = htmltext_elem_seg(&w->ht, q); i < w->ht.segs->len;
	    i++) {
		const struct htmltext_seg *s = SEG(w, i);

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
quoted(const struct work *w, xmlNodePtr q)
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
mark_quote(struct work *w, xmlNodePtr q)
{
	xmlNodePtr p = xmlPreviousElementSibling(q);
	gssize	i;
	size_t	a, b;

	mark(w, q);
	w->out->quote = true;
	if (p != NULL && htmltext_has_class(p, "moz-cite-prefix")) {
		mark(w, p);
		return;
	}
	i = text_before(w, htmltext_elem_seg(&w->ht, q));
	if (i < 0 || !htmltext_attribution(&w->ht, (size_t)i, &a, &b))
		return;
	for (size_t k = a; k < b; k++)
		mark(w, SEG(w, k)->node);
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
trailing_pass(struct work *w)
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
	struct work *w = ctx;

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
text_pass(struct work *w)
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
	    (m = htmltext_plain_src(&p, from)) != HTMLTEXT_ADDED &&
	    !htmltext_forwarded_after(&w->ht, m) && cut_at(w, m)) {
		w->out->quote |= c.quote_why != NULL;
		w->out->signature |= c.signature_why != NULL;
	}
	htmltext_plain_release(&p);
}

/* cid_add - add the cid: target of attribute name of n to list. */
static void
cid_add(xmlNodePtr n, const char *name, GPtrArray *list)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)name);
	char	*id;

	if (v != NULL && g_ascii_strncasecmp((const char *)v, "cid:", 4) == 0
	    && v[4] != '\0') {
		/* RFC 2392: the URL is the Content-ID, %-escaped */
		id = g_uri_unescape_string((const char *)v + 4, NULL);
		g_ptr_array_add(list, id != NULL ? id :
		    g_strdup((const char *)v + 4));
	}
	xmlFree(v);
}

/* cids_of - the cid: targets of element n ("src", "background"). */
static void
cids_of(xmlNodePtr n, GPtrArray *list)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	cid_add(n, "src", list);
	cid_add(n, "background", list);
}

/* cids_below - the cid: targets in the subtree of n. */
static void
cids_below(xmlNodePtr n, GPtrArray *list)
{
	cids_of(n, list);
	for (xmlNodePtr x = n->children; x != NULL;
	    x = htmltext_next(x, n, true))
		cids_of(x, list);
}

/*
 * cids_settle - each list without duplicates; a target the kept text
 * also uses is kept, so it leaves the removed list.
 */
static void
cids_settle(GPtrArray *removed, GPtrArray *kept)
{
	GHashTable *k = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *r = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < kept->len;)
		if (g_hash_table_add(k, kept->pdata[i]))
			i++;
		else
			g_ptr_array_remove_index(kept, i);
	for (guint i = 0; i < removed->len;)
		if (!g_hash_table_contains(k, removed->pdata[i]) &&
		    g_hash_table_add(r, removed->pdata[i]))
			i++;
		else
			g_ptr_array_remove_index(removed, i);
	g_hash_table_destroy(k);
	g_hash_table_destroy(r);
}

/* apply - remove the marked subtrees; true when anything changed. */
static bool
apply(struct work *w, xmlNodePtr root)
{
	GPtrArray *gone = g_ptr_array_new();
	bool	 changed;

	for (xmlNodePtr n = root; n != NULL;) {
		bool	go = g_hash_table_contains(w->marked, n);

		if (go) {
			cids_below(n, w->out->removed_cids);
			g_ptr_array_add(gone, n);
		} else
			cids_of(n, w->out->kept_cids);
		n = htmltext_next(n, root, !go);
	}
	if (w->trunc != NULL) {
		xmlChar	*keep = xmlStrndup(w->trunc->content,
		    (int)w->trunc_keep);

		xmlNodeSetContent(w->trunc, keep);
		xmlFree(keep);
	}
	for (guint i = 0; i < gone->len; i++) {
		xmlUnlinkNode(gone->pdata[i]);
		xmlFreeNode(gone->pdata[i]);
	}
	changed = gone->len > 0 || w->trunc != NULL;
	g_ptr_array_free(gone, TRUE);
	cids_settle(w->out->removed_cids, w->out->kept_cids);
	return changed;
}

/* serialise - the document as UTF-8 HTML, as parsed (no indenting). */
static char *
serialise(xmlDocPtr doc)
{
	xmlOutputBufferPtr buf = xmlAllocOutputBuffer(NULL);
	char	*s = NULL;

	if (buf == NULL)
		return NULL;
	/* our own buffer: htmlDocDumpMemory would obey a <meta> charset */
	htmlDocContentDumpFormatOutput(buf, doc, NULL, 0);
	/* libxml2 passes bytes that are not UTF-8 through: U+FFFD them */
	if (buf->error == 0 && xmlOutputBufferGetContent(buf) != NULL)
		s = g_utf8_make_valid(
		    (const char *)xmlOutputBufferGetContent(buf),
		    (gssize)xmlOutputBufferGetSize(buf));
	(void)xmlOutputBufferClose(buf);
	return s;
}

/* parse - the document, or NULL for empty or oversized input. */
static xmlDocPtr
parse(const char *html, size_t len)
{
	if (html == NULL || len == 0 || len > INT_MAX)
		return NULL;
	return htmlReadMemory(html, (int)len, NULL, "UTF-8", PARSE_OPTIONS);
}

/* find_body - the <body> element, or the root of a body-less document. */
static xmlNodePtr
find_body(xmlNodePtr root)
{
	for (xmlNodePtr n = root; n != NULL; n = htmltext_next(n, root,
	    !htmltext_invisible(n)))
		if (htmltext_is_elem(n, "body"))
			return n;
	return root;
}

/* result_init - an empty result: nothing removed, empty lists. */
static void
result_init(struct htmlclean_result *out)
{
	memset(out, 0, sizeof(*out));
	out->removed_cids = g_ptr_array_new_with_free_func(g_free);
	out->kept_cids = g_ptr_array_new_with_free_func(g_free);
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

/*
 * work_open - parse html and read its body's visible text into w;
 * NULL when there is no document.  Release with work_close().
 */
static xmlDocPtr
work_open(struct work *w, const char *html, size_t len)
{
	xmlDocPtr doc = parse(html, len);

	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	w->body = find_body(xmlDocGetRootElement(doc));
	w->marked = g_hash_table_new(g_direct_hash, g_direct_equal);
	htmltext_build(&w->ht, w->body);
	return doc;
}

/* work_close - release what work_open() built, and the document. */
static void
work_close(struct work *w, xmlDocPtr doc)
{
	htmltext_release(&w->ht);
	g_hash_table_destroy(w->marked);
	xmlFreeDoc(doc);
}

/* htmlclean_clean - see htmlclean.h. */
int
htmlclean_clean(const struct textclean_rules *rules, const char *html,
    size_t len, struct htmlclean_result *out)
{
	xmlDocPtr doc;
	struct work w = { .rules = rules, .out = out };
	int	rc = 0;

	result_init(out);
	if ((doc = work_open(&w, html, len)) == NULL)
		return -1;
	marker_find(&w);
	mark_pass(&w);
	trailing_pass(&w);
	text_pass(&w);
	if (apply(&w, xmlDocGetRootElement(doc)) &&
	    (out->html = serialise(doc)) == NULL)
		rc = -1;
	out->content_left = w.body != NULL && htmltext_content_below(w.body);
	if (rc != 0)
		result_reset(out);
	work_close(&w, doc);
	return rc;
}

/* space_end - bytes of the white space character ending s[lo, i)
 * (ASCII, or U+00A0 in UTF-8), or 0. */
static size_t
space_end(const char *s, size_t lo, size_t i)
{
	if (i > lo && g_ascii_isspace(s[i - 1]))
		return 1;
	if (i >= lo + 2 && (unsigned char)s[i - 2] == 0xC2 &&
	    (unsigned char)s[i - 1] == 0xA0)
		return 2;
	return 0;
}

/* space_skip - i moved back over the white space ending s[lo, i). */
static size_t
space_skip(const char *s, size_t lo, size_t i)
{
	size_t	n;

	while ((n = space_end(s, lo, i)) > 0)
		i -= n;
	return i;
}

/*
 * tail_match - where the visible text t ends with block (white space
 * runs equal, case as is), starting a word with text before it: its
 * byte in t, or (size_t)-1.
 */
static size_t
tail_match(const GString *t, const char *block)
{
	size_t	lo = 0, j = strlen(block), i;

	while (lo < j && (g_ascii_isspace(block[lo]) ||
	    ((unsigned char)block[lo] == 0xC2 &&
	    (unsigned char)block[lo + 1] == 0xA0)))
		lo += g_ascii_isspace(block[lo]) ? 1 : 2;
	j = space_skip(block, lo, j);
	i = space_skip(t->str, 0, t->len);
	if (j == lo)
		return (size_t)-1;
	while (j > lo) {
		bool	sp = space_end(block, lo, j) > 0;

		if (sp != (space_end(t->str, 0, i) > 0))
			return (size_t)-1;
		if (sp) {
			j = space_skip(block, lo, j);
			i = space_skip(t->str, 0, i);
		} else if (i == 0 || t->str[--i] != block[--j])
			return (size_t)-1;
	}
	if (space_end(t->str, 0, i) == 0 || htmltext_blank(t->str, i))
		return (size_t)-1;
	return i;
}

/* htmlclean_cut_text - see htmlclean.h. */
char *
htmlclean_cut_text(const char *html, size_t len, const char *block)
{
	struct htmlclean_result r;
	struct work w = { .out = &r };
	xmlDocPtr doc;
	size_t	m;
	char	*s = NULL;

	if (block == NULL || (doc = work_open(&w, html, len)) == NULL)
		return NULL;
	result_init(&r);
	/* the same cut as a marker's: from the element the block starts */
	if ((m = tail_match(w.ht.text, block)) != (size_t)-1 &&
	    cut_at(&w, m) && apply(&w, xmlDocGetRootElement(doc)))
		s = serialise(doc);
	htmlclean_result_clear(&r);
	work_close(&w, doc);
	return s;
}

/* htmlclean_add_paragraph - see htmlclean.h. */
char *
htmlclean_add_paragraph(const char *html, size_t len, const char *text)
{
	struct work w = { .out = NULL };
	xmlDocPtr doc;
	xmlNodePtr p;
	char	*s;

	if (text == NULL || (doc = work_open(&w, html, len)) == NULL)
		return NULL;
	/* a text node: libxml2 escapes <, > and & when it writes it */
	p = xmlNewDocNode(doc, NULL, (const xmlChar *)"p", NULL);
	(void)xmlAddChild(p, xmlNewDocText(doc, (const xmlChar *)text));
	(void)xmlAddChild(w.body, p);
	s = serialise(doc);
	work_close(&w, doc);
	return s;
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

/* in_list - the cid: target of attribute name of n is one of cids. */
static bool
in_list(xmlNodePtr n, const char *name, const GPtrArray *cids)
{
	GPtrArray *one = g_ptr_array_new_with_free_func(g_free);
	bool	 r = false;

	cid_add(n, name, one);
	for (guint i = 0; one->len > 0 && i < cids->len && !r; i++)
		r = strcmp(one->pdata[0], cids->pdata[i]) == 0;
	g_ptr_array_unref(one);
	return r;
}

/* htmlclean_remove_cids - see htmlclean.h. */
char *
htmlclean_remove_cids(const char *html, size_t len, const GPtrArray *cids)
{
	xmlDocPtr doc = parse(html, len);
	xmlNodePtr root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	GPtrArray *gone = g_ptr_array_new();
	char	*s = NULL;

	for (xmlNodePtr n = root; n != NULL && cids != NULL;) {
		bool	go = htmltext_is_elem(n, "img") &&
		    in_list(n, "src", cids);

		if (go)
			g_ptr_array_add(gone, n);
		else if (n->type == XML_ELEMENT_NODE &&
		    in_list(n, "background", cids)) {
			/* no dangling cid: reference either */
			(void)xmlUnsetProp(n, (const xmlChar *)"background");
			g_ptr_array_add(gone, NULL);
		}
		n = htmltext_next(n, root, !go);
	}
	for (guint i = 0; i < gone->len; i++)
		if (gone->pdata[i] != NULL) {
			xmlUnlinkNode(gone->pdata[i]);
			xmlFreeNode(gone->pdata[i]);
		}
	if (gone->len > 0)
		s = serialise(doc);
	g_ptr_array_free(gone, TRUE);
	xmlFreeDoc(doc);
	return s;
}
