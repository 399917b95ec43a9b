/*
 * htmlclean.h - the customer's words in an HTML body: quoted history and
 * signature containers removed, with libxml2's HTML parser.
 *
 * Owns: every use of libxml2.  Removes the quote containers of the common
 * clients (div.gmail_quote, blockquote[type=cite], #divRplyFwdMsg and the
 * Outlook border-top separator div with what follows, #appendonsend,
 * .moz-cite-prefix, .yahoo_quoted, #OLK_SRC_BODY_SECTION, .protonmail_quote,
 * .zmail_extra), everything from a reply marker on (also when the marker
 * text is split across elements), signature containers (.gmail_signature,
 * .moz-signature, #AppleMailSignature, #Signature/#x_Signature), and remote
 * tracking pixels (img with width and height <= 2, or 1x1 in style).
 * Reports the cid: references of the removed and of the kept parts, so the
 * MIME layer can remove images only the removed parts used.  A forwarded
 * message is content and stays.
 *
 * Quoted blockquotes (type=cite, Gmail's, or any with an "On ... wrote:"
 * style attribution line) go only while nothing but white space follows
 * them; an Outlook header block after an <hr> or a border-top separator
 * cuts like the separator div.  Last, the kept text read as plain text
 * goes through textclean_cut(), so that what the plain-text alternative
 * loses outside any container (a contact block or disclaimer after a
 * closing phrase, "Get Outlook for iOS", "-----Original Message-----",
 * "On ... wrote:" in a <div>) goes here too, unless textclean would keep
 * nothing.  Rules and figures: docs/cleaning-html.md.
 *
 * Must not: decode MIME or charsets (the caller gives UTF-8 and gets UTF-8;
 * bytes that are not UTF-8 come back as U+FFFD, and a <meta> charset is
 * left as it is for the MIME layer to settle).
 * Thread-safe, provided the daemon calls xmlInitParser() once at start-up,
 * before any thread parses (libxml2's global initialisation is not).
 * Implemented in htmlclean.c, htmlcut.c, htmlparse.c and htmltext.c, the
 * only users of libxml2.
 */
#ifndef SUPPORT_MILTER_HTMLCLEAN_H
#define SUPPORT_MILTER_HTMLCLEAN_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "textclean.h"

/*
 * The largest document parsed: libxml2's tree takes up to some 65 times
 * the bytes (10 MB of "<p>x</p>" take 650 MB and 5 s), so a longer one
 * is not parsed and is kept as it is (docs/robustness.md).  Real mail,
 * long Outlook threads included, stays well below it.
 */
#define HTMLCLEAN_MAX	((size_t)2 << 20)

struct htmlclean_result {
	char	*html;		/* the cleaned document (UTF-8), or NULL when
				   nothing was removed */
	bool	quote;		/* quoted history was removed */
	bool	signature;	/* a signature was removed */
	size_t	tracking;	/* tracking pixels removed */
	bool	content_left;	/* the kept body has visible text or an image */
	GPtrArray *removed_cids;	/* char *, cid: targets only removed
					   parts referred to (no "cid:") */
	GPtrArray *kept_cids;	/* char *, cid: targets the kept text uses */
};

/*
 * What the text/plain alternative of the same message showed, for the
 * HTML part: history_to_end, its cleaning found quoted history that
 * runs to its end (no answer below it) and no forwarding line;
 * content_ids, the Content-IDs of the message's parts but its text
 * bodies.  With
 * history_to_end, the parse stops at the first quote container whose
 * inside it would leave out, and the result stands when the container
 * goes whole and every one of content_ids was referred to above the stop
 * (an image used only further down could be history, or the customer's
 * screenshot); otherwise the document is read to its end.  So an HTML
 * part's quoted history is not read at all when the plain text vouches
 * for it; content that only the HTML part has below a quote container
 * then goes with the history.
 */
struct htmlclean_plain {
	bool	history_to_end;
	const GPtrArray *content_ids;	/* char *, or NULL for none */
};

/*
 * htmlclean_clean - clean html (len bytes, UTF-8; NUL bytes allowed).
 * Returns 0, or -1 when the document cannot be parsed (empty or white
 * space only, longer than HTMLCLEAN_MAX) or written; out then says nothing was
 * removed.  Either way out is filled and must be released with
 * htmlclean_result_clear(): out->html (g_free) is the whole document,
 * with <html> and <body> added to a fragment, or NULL when nothing was
 * removed (keep the original bytes); the two cid lists are never NULL,
 * hold no duplicates, and hold targets %-unescaped as RFC 2392 says.
 * A document that is empty after cleaning is returned as it is: whether
 * to pass the original instead is the caller's policy; content_left is
 * read after every cut.  rules may be NULL (no reply markers and no
 * textclean rules: only the containers go); plain may be NULL (nothing
 * known of an alternative).  Inputs are bounded by the caller; the
 * parser runs with HTML_PARSE_NONET, without entity
 * expansion from outside, and with libxml2's default depth limit (256),
 * and every walk over the tree is iterative.
 */
int	htmlclean_clean(const struct textclean_rules *, const char *html,
	    size_t len, const struct htmlclean_plain *plain,
	    struct htmlclean_result *out);

void	htmlclean_result_clear(struct htmlclean_result *);

/*
 * htmlclean_remove_cids - remove the <img> elements whose src is one of
 * cids ("cid:X"; cids holds the X, as in htmlclean_result), for images the
 * MIME layer dropped for other reasons (small logos, recurring images),
 * and background="cid:X" attributes, so no cid: reference dangles.
 * Returns a new document (g_free), or NULL when none was found or html
 * cannot be parsed.
 */
char	*htmlclean_remove_cids(const char *html, size_t len,
	    const GPtrArray *cids);

/*
 * htmlclean_cut_text - remove block (UTF-8 text, as the plain-text
 * alternative holds it: a learned signature) when the visible text of
 * the body ends with it, white space runs compared as one and case as
 * it is, starting a word, with visible text left above it.  The cut is
 * htmlclean_clean()'s: from the outermost element the block starts, or
 * inside the text node that holds it, to the end of the body (an image
 * after it goes too, and its cid: is not reported).  Returns a new
 * document (g_free), or NULL when the body does not end with block or
 * html cannot be parsed: keep the original then.
 */
char	*htmlclean_cut_text(const char *html, size_t len, const char *block);

/*
 * htmlclean_add_paragraph - append <p>text</p> (text is UTF-8, written
 * as a text node: libxml2 escapes it) as the last child of the body
 * (the note line of clean_note).  Returns a new document (g_free), or
 * NULL when html cannot be parsed or written.
 */
char	*htmlclean_add_paragraph(const char *html, size_t len,
	    const char *text);

/*
 * htmlclean_visible_text - the visible text of the body of html (len
 * bytes, UTF-8), a line break where a block starts or ends, for readers
 * of what the customer wrote (g_free); NULL when html cannot be parsed.
 */
char	*htmlclean_visible_text(const char *html, size_t len);

#endif
