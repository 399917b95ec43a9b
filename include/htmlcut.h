/*
 * htmlcut.h - the editing half of the HTML cleaner, for htmlclean.c: a
 * parsed document's lifetime (parse, find the body, read its visible
 * text, write the document back out), marking subtrees to remove and
 * cutting from a byte of the visible text to the end of the body,
 * removing what was marked in one pass while listing the cid: targets
 * of the removed and of the kept parts (RFC 2392), and the three small
 * edits for the MIME layer declared in htmlclean.h
 * (htmlclean_remove_cids(), htmlclean_cut_text(),
 * htmlclean_add_paragraph()).
 *
 * Owns: a parsed document (htmlparse.c parses it) with its visible
 * text, changing and serialising a libxml2 tree.  Must not decide what
 * is quoted history or a signature (htmlclean.c's passes do, and say
 * what a container is); must not decode MIME or charsets.  Part of the HTML cleaner
 * (htmlclean.c is its only user); not for other modules.
 * Thread-safe: no static mutable data; a struct htmlcut_work belongs to
 * one call.  Every walk is iterative.
 * Who frees: htmlcut_open()'s document and work go with htmlcut_close();
 * htmlcut_serialise()'s string is the caller's (g_free); a result from
 * htmlcut_result_init() goes with htmlclean_result_clear().
 */
#ifndef SUPPORT_MILTER_HTMLCUT_H
#define SUPPORT_MILTER_HTMLCUT_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>
#include <libxml/tree.h>

#include "htmlclean.h"
#include "htmlparse.h"
#include "htmltext.h"
#include "textclean.h"

/* the seg at index i of the visible text of work w */
#define HTMLCUT_SEG(w, i) \
	(&g_array_index((w)->ht.segs, struct htmltext_seg, (i)))

/* What one call knows about its document; nothing outlives the call. */
struct htmlcut_work {
	const struct textclean_rules *rules;
	xmlNodePtr body;
	struct htmltext ht;	/* the visible text of body */
	xmlNodePtr trunc;	/* text node cut inside by a marker, or NULL */
	size_t	trunc_keep;	/* its bytes kept */
	bool	forward;	/* a forwarded message was kept whole */
	bool	read_to_end;	/* a pass read the text to the end of the body */
	bool	may_stop;	/* the parse may stop in a container, whose
				   history the plain alternative vouches for */
	struct htmlclean_result *out;
	struct htmlparse_left left;	/* what the parse left out */
};

/*
 * htmlcut_open - parse html (len bytes, UTF-8) and read its body's
 * visible text into w (the <body> element, or the root of a body-less
 * document); NULL when there is no document (empty input, longer than
 * HTMLCLEAN_MAX, no root element).  With a container test, the inside of
 * each container past its first bytes of text is left out (w->left),
 * and with w->may_stop the parse stops there.
 * Release with htmlcut_close().
 */
xmlDocPtr htmlcut_open(struct htmlcut_work *w, const char *html,
	    size_t len, htmlparse_test *container);

/* htmlcut_close - release what htmlcut_open() built, and the document. */
void	htmlcut_close(struct htmlcut_work *w, xmlDocPtr doc);

/*
 * htmlcut_mark - n and its subtree go; htmlcut_marked - n was marked.  The
 * mark is n->_private (set to w): the passes ask for every text segment's
 * ancestors, and a pointer compare is what that can afford.
 */
void	htmlcut_mark(struct htmlcut_work *w, xmlNodePtr n);
bool	htmlcut_marked(const struct htmlcut_work *w, const xmlNode *n);

/*
 * htmlcut_mark_cut - everything after n, up to the end of the body, goes;
 * n too when with_n.
 */
void	htmlcut_mark_cut(struct htmlcut_work *w, xmlNodePtr n, bool with_n);

/*
 * htmlcut_cut_at - remove the body from byte m of the visible text to its
 * end: from the outermost element whose text starts at m (nothing but
 * white space before m in it, and no image: a screenshot above the cut
 * is the customer's), or else from inside the text node, so that the
 * customer's words before m in the same paragraph stay.  Both the reply
 * marker and textclean's cut come here.  false: m is not in a text node.
 */
bool	htmlcut_cut_at(struct htmlcut_work *w, size_t m);

/*
 * htmlcut_apply - remove the marked subtrees below root (and truncate
 * w->trunc), adding the cid: targets of the removed and of the kept
 * parts (those left out of the parse count as removed) to w->out's lists
 * and settling them (no duplicates; a target the kept text also uses is
 * kept).  true when anything changed.
 */
bool	htmlcut_apply(struct htmlcut_work *w, xmlNodePtr root);

/*
 * htmlcut_serialise - the document as UTF-8 HTML, as parsed (no
 * indenting, no <meta> charset obeyed, bytes that are not UTF-8 as
 * U+FFFD); the caller's (g_free), or NULL when it cannot be written.
 */
char	*htmlcut_serialise(xmlDocPtr doc);

/* htmlcut_result_init - an empty result: nothing removed, empty lists. */
void	htmlcut_result_init(struct htmlclean_result *out);

#endif
