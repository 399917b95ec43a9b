/*
 * mimeclean.h - the cleaned body of a message to support.
 *
 * Owns: walking the MIME tree of a parsed message (GMime), cleaning its
 * inline text/plain and text/html parts alike (textclean.h, htmlclean.h)
 * in their own charsets, removing the images that only the removed
 * regions used and small inline images (logos, icons: bytes and pixels),
 * collapsing a multipart/related with nothing related left, and writing
 * the new body with the top-level MIME header edits that go with it.
 * Attachments (Content-Disposition: attachment) and screenshots are never
 * touched: GMime writes untouched parts from their original bytes.
 *
 * The parsed message is changed in place: call it last on a message.
 * Thread-safe for distinct messages.
 */
#ifndef SUPPORT_MILTER_MIMECLEAN_H
#define SUPPORT_MILTER_MIMECLEAN_H

#include "conf.h"
#include "decision.h"
#include "message.h"

/*
 * mimeclean_run - clean m and put the result in d: d->body (the new body,
 * after the empty line that ends the headers, in the message's line
 * endings) and the header edits, or nothing when no byte would change;
 * d->clean_* say what was removed or why nothing was.  Adds the report
 * header (conf clean_header_name) whenever it looked at the body.
 */
void	mimeclean_run(const struct conf *, const struct message *m,
	    struct decision *d);

#endif
