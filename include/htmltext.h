/*
 * htmltext.h - the visible text of an HTML body, for htmlclean.c: one
 * string in document order with a map back to the text nodes, the element
 * tests the cleaner needs, the reply-header rules read on that text, and
 * the kept text rendered as plain text for textclean_cut().
 *
 * Owns: reading a libxml2 tree (never changing it).  Part of the HTML
 * cleaner (htmlclean.c and htmlcut.c use it); not for other modules.
 * Thread-safe: no static mutable data; a struct htmltext belongs to one
 * call.  Every walk is iterative.
 */
#ifndef SUPPORT_MILTER_HTMLTEXT_H
#define SUPPORT_MILTER_HTMLTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>
#include <libxml/tree.h>

/* Kinds of header labels, combined as a mask. */
#define HTMLTEXT_FROM		1u	/* From:, Von:, De:, От:, ... */
#define HTMLTEXT_DATE		2u	/* Sent:, Date:, Gesendet:, ... */
#define HTMLTEXT_TO		4u	/* To:, An:, À:, ... */
#define HTMLTEXT_SUBJECT	8u	/* Subject:, Betreff:, ... */
#define HTMLTEXT_CC		16u

/* One run of the visible text: a text node, or a line break ("\n"). */
struct htmltext_seg {
	xmlNodePtr node;	/* the text node, or the element breaking */
	size_t	off;		/* where it starts in htmltext.text */
	size_t	len;		/* bytes; a text node's content length */
};

/*
 * The visible text below a body element: text nodes as they are, except
 * U+00A0 as two spaces (the same length, so offsets still index the
 * node's content); "\n" where a block element starts or ends and for
 * <br>; nothing from <head>, <script>, <style>, <title>, <template>.
 */
struct htmltext {
	GString	*text;
	GArray	*segs;		/* struct htmltext_seg, in document order */
	GHashTable *start;	/* element -> 1 + index of its first seg */
	size_t	scans;		/* header blocks read (bounded) */
};

/* htmltext_build - the text below body; release with htmltext_release(). */
void	htmltext_build(struct htmltext *, xmlNodePtr body);
void	htmltext_release(struct htmltext *);

/* htmltext_seg_at - the index of the seg holding byte off of the text. */
size_t	htmltext_seg_at(const struct htmltext *, size_t off);

/* htmltext_elem_seg - the index of the first seg at or after element n. */
size_t	htmltext_elem_seg(const struct htmltext *, xmlNodePtr n);

/* htmltext_elem_off - where the text of element n starts. */
size_t	htmltext_elem_off(const struct htmltext *, xmlNodePtr n);

/* htmltext_is_text - seg i is a text node, not a line break. */
bool	htmltext_is_text(const struct htmltext *, size_t i);

/*
 * htmltext_header_block - a reply header block starts at byte off (after
 * white space): its first word is a label (of kind first, unless 0), and
 * the labels at word starts in the next HEADER_WINDOW bytes include all
 * of want.  *fwd: its Subject is a forward's ("FW:", "WG:", ...).
 * After a bounded number of blocks read, answers false.
 */
bool	htmltext_header_block(struct htmltext *, size_t off,
	    unsigned want, unsigned first, bool *fwd);

/*
 * htmltext_forwarded_near - a line introducing a forwarded message
 * ("---------- Forwarded message ---------", "Weitergeleitete Nachricht")
 * is near byte off.
 */
bool	htmltext_forwarded_near(const struct htmltext *, size_t off);

/*
 * htmltext_forwarded_after - a line introducing a forwarded message is
 * somewhere from byte off to the end of the text.
 */
bool	htmltext_forwarded_after(const struct htmltext *, size_t off);

/* htmltext_forward_line - such a line is in h (len bytes, any text). */
bool	htmltext_forward_line(const char *h, size_t len);

/*
 * htmltext_attribution - the line of text segs [*a, *b) around seg i
 * introduces a quote ("On <date>, <name> wrote:", "26.06.2014, X <x@y>:"):
 * short, with a digit, ending in a colon.
 */
bool	htmltext_attribution(const struct htmltext *, size_t i, size_t *a,
	    size_t *b);

/*
 * The text the cleaner keeps, as a plain-text client would have written
 * it: white space collapsed as a browser does (kept inside <pre>), one
 * line per block, a line end for every <br>, a blank line for an empty
 * block or one holding only &nbsp;, and "> " before every line of a
 * quoted blockquote.  map holds, for each byte of text, the byte of
 * htmltext.text it came from, or HTMLTEXT_ADDED for the line ends and
 * "> " prefixes written here.
 */
#define HTMLTEXT_ADDED	((size_t)-1)

struct htmltext_plain {
	GString	*text;
	GArray	*map;		/* size_t, one per byte of text */
};

/*
 * What the cleaner keeps, asked while the plain text is built: kept()
 * answers how many bytes of the seg of node n (len bytes) stay, 0 when
 * it goes; quoted() whether a blockquote is quoted history (asked once
 * per blockquote).
 */
struct htmltext_keep {
	size_t	(*kept)(void *ctx, xmlNodePtr n, size_t len);
	bool	(*quoted)(void *ctx, xmlNodePtr blockquote);
	void	*ctx;
};

/*
 * htmltext_plain_build - the kept text of ht as plain text; release
 * with htmltext_plain_release().
 */
void	htmltext_plain_build(const struct htmltext *,
	    const struct htmltext_keep *, struct htmltext_plain *out);
void	htmltext_plain_release(struct htmltext_plain *);

/*
 * htmltext_plain_src - the byte of htmltext.text that the first visible
 * character at or after byte off of the plain text came from (always in
 * a text seg), or HTMLTEXT_ADDED when none follows.
 */
size_t	htmltext_plain_src(const struct htmltext_plain *, size_t off);

/* Element tests; names and values compare ignoring ASCII case. */
bool	htmltext_blank(const char *s, size_t len);
bool	htmltext_is_elem(xmlNodePtr n, const char *name);
bool	htmltext_attr_is(xmlNodePtr n, const char *name, const char *value);
bool	htmltext_has_class(xmlNodePtr n, const char *cls);
bool	htmltext_is_break(xmlNodePtr n);
bool	htmltext_invisible(xmlNodePtr n);

/*
 * htmltext_separator - a div styled "border-top:solid" (or
 * border-top-style), Outlook's rule above its header block.
 */
bool	htmltext_separator(xmlNodePtr n);

/* htmltext_longer - the visible text below n is longer than max bytes. */
bool	htmltext_longer(xmlNodePtr n, size_t max);

/*
 * htmltext_content_below - n holds visible text other than white space
 * (U+00A0 counts as white space), or an image.
 */
bool	htmltext_content_below(xmlNodePtr n);

/*
 * htmltext_tracking_pixel - an <img> loaded over http(s) with width and
 * height (attributes, or px in its style) both at most 2.
 */
bool	htmltext_tracking_pixel(xmlNodePtr n);

/*
 * htmltext_next, htmltext_prev - the node after (with descend, else
 * skipping n's subtree) or before n in document order below top, or NULL.
 */
xmlNodePtr htmltext_next(xmlNodePtr n, xmlNodePtr top, bool descend);
xmlNodePtr htmltext_prev(xmlNodePtr n, xmlNodePtr top);

#endif
