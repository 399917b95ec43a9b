/*
 * thread.h - which ticket a message belongs to.
 *
 * Order (issue: "Finding the ticket"): the token in the Subject; else the
 * Message-IDs of In-Reply-To, then References newest first, looked up in
 * the database; else, for mail to support with ticket_allocate on, a new
 * number; else none (the ticket system numbers it).  When the Subject
 * and the references disagree the Subject wins and the decision says so.
 * Thread-safe; reads (and, allocating, writes) the store.
 */
#ifndef SUPPORT_MILTER_THREAD_H
#define SUPPORT_MILTER_THREAD_H

#include <stdbool.h>

#include "conf.h"
#include "decision.h"
#include "message.h"
#include "store.h"

/*
 * thread_inbound - the ticket of a message to support: fills d->ticket,
 * ticket_found, ticket_conflict and subject, rewrites the Subject when the
 * canonical form differs ("Ticket [N] rest": prefixes and gateway tags
 * removed, a ticket found elsewhere written in), and sets the ticket
 * header.  Returns 0, or -1 with a store error in err.
 */
int	thread_inbound(const struct conf *, struct store *,
	    const struct message *, struct decision *d,
	    char err[STORE_ERRLEN]);

/*
 * thread_outbound - what mail from support teaches: the ticket of its
 * Subject token (d->ticket, or NULL) and the IDs it refers to (d->refs),
 * which are then mapped to that ticket.  Never changes the message.
 */
void	thread_outbound(const struct conf *, const struct message *,
	    struct decision *d);

#endif
