/*
 * core.h - the one place that decides what happens to a message.
 *
 * The core knows nothing of libmilter: it takes the envelope, the parsed
 * message, the configuration and the database, and returns a decision.
 * The milter callbacks and the --test dry-run both call it, so the dry-run
 * shows exactly what the daemon would do.  Thread-safe as long as each
 * thread has its own decision; the store serialises its own writes.
 */
#ifndef SUPPORT_MILTER_CORE_H
#define SUPPORT_MILTER_CORE_H

#include <stdbool.h>

#include "conf.h"
#include "decision.h"
#include "envelope.h"
#include "message.h"
#include "store.h"

/*
 * core_wants - true when the message may concern support: an envelope
 * recipient is a support address, or a trusted client may be sending
 * support's own mail.  Other mail is accepted untouched: the milter asks
 * this once the recipients are known, so the MTA need not send the body.
 */
bool	core_wants(const struct conf *, const struct envelope *);

/*
 * core_needs_body - true when an envelope recipient is a support address.
 * Otherwise the headers decide (mail from support is never changed), and
 * the milter calls core_decide() at the end of the headers.
 */
bool	core_needs_body(const struct conf *, const struct envelope *);

/*
 * core_decide - decide about msg and record the decision durably in st
 * (when the mail is for support).  out must have been decision_init()ed.
 * Returns 0, or -1 when the record could not be stored: out then holds the
 * configured failure action and out->error says why.
 */
int	core_decide(const struct envelope *, const struct message *msg,
	    const struct conf *, struct store *st, struct decision *out);

/*
 * core_fail - make out the configured action for a failure of class cls:
 * its edits, removals and new body are dropped, so the message is passed
 * unmodified, held, tempfailed or rejected; what (copied) is the error
 * for the log.  core_decide() uses it for store errors, the milter for
 * messages it could not take in or change.
 */
void	core_fail(const struct conf *, enum conf_failure_class cls,
	    const char *what, struct decision *out);

#endif
