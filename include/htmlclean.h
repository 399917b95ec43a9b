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
 * Must not: decode MIME or charsets (the caller gives UTF-8 and gets UTF-8).
 * Thread-safe (libxml2 is initialised once by the caller with xmlInitParser).
 */
#ifndef SUPPORT_MILTER_HTMLCLEAN_H
#define SUPPORT_MILTER_HTMLCLEAN_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "textclean.h"

struct htmlclean_result {
	char	*html;		/* the cleaned document (UTF-8), or NULL when
				   nothing was removed */
	bool	quote;		/* quoted history was removed */
	bool	signature;	/* a signature was removed */
	size_t	tracking;	/* tracking pixels removed */
	GPtrArray *removed_cids;	/* char *, cid: targets only removed
					   parts referred to (no "cid:") */
	GPtrArray *kept_cids;	/* char *, cid: targets the kept text uses */
};

/*
 * htmlclean_clean - clean html (len bytes, UTF-8).  Returns 0, or -1 when
 * the document cannot be parsed (out then says nothing was removed).
 * Release out with htmlclean_result_clear().  Inputs are bounded by the
 * caller; the parser is run with HTML_PARSE_NONET and without entity
 * expansion from outside.
 */
int	htmlclean_clean(const struct textclean_rules *, const char *html,
	    size_t len, struct htmlclean_result *out);

void	htmlclean_result_clear(struct htmlclean_result *);

/*
 * htmlclean_remove_cids - remove the <img> elements whose src is one of
 * cids ("cid:X"), for images the MIME layer dropped for other reasons
 * (small logos, recurring images).  Returns a new document, or NULL when
 * none was found.
 */
char	*htmlclean_remove_cids(const char *html, size_t len,
	    const GPtrArray *cids);

#endif
