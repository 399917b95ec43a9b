/*
 * mimeclean.h - the cleaned body of a message to support.
 *
 * Owns: walking the MIME tree of a parsed message (GMime), cleaning its
 * inline text/plain and text/html parts alike (textclean.h, htmlclean.h)
 * in their own charsets, removing the images that only the removed
 * regions used and small inline images (logos, icons: bytes and pixels),
 * collapsing a multipart/related with nothing related left, and writing
 * the new body with the top-level MIME header edits that go with it,
 * and what earlier mail teaches: inline images that recur in a sender
 * domain's mail and a trailing text block the sender repeats (read
 * from the store; what this message adds is left in the decision for
 * the core to record).
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
#include "store.h"

/*
 * mimeclean_run - clean m and put the result in d: d->body (the new body,
 * after the empty line that ends the headers, in the message's line
 * endings) and the MIME header edits, or nothing when no byte would
 * change; d->clean_* say what was removed or why nothing was, and
 * d->clean_image_keys and d->clean_sig_key what to count for this
 * message.  sender is the lower-cased address whose earlier mail
 * teaches (its domain for images); st or sender NULL: nothing is
 * learned.  Returns 0, or -1 with err when reading a count from st
 * failed (d is then incomplete: the caller applies its failure action).
 */
int	mimeclean_run(const struct conf *, struct store *st,
	    const char *sender, const struct message *m, struct decision *d,
	    char err[STORE_ERRLEN]);

/*
 * mimeclean_report - add the report header (conf clean_header_name),
 * after mimeclean_run() and any archive of the original (d->clean_archive),
 * when cleaning looked at the body: "none", "skipped=WHY", or what went.
 */
void	mimeclean_report(const struct conf *, const struct message *m,
	    struct decision *d);

#endif
