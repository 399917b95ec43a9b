/*
 * policy.h - the support procedure's recipient rule, and automatic mail.
 *
 * "Please make sure that support@ is in the To address section (i.e. not
 * in Cc)."  This module reads the To and Cc headers (through GMime's
 * address parser) and the headers that mark automatic mail; it decides
 * nothing by itself: the core combines its answers with the configured
 * actions.  Pure functions; thread-safe.
 */
#ifndef SUPPORT_MILTER_POLICY_H
#define SUPPORT_MILTER_POLICY_H

#include <stdbool.h>

#include <gmime/gmime.h>

#include "conf.h"
#include "envelope.h"

enum placement {
	PLACE_TO,	/* a support address is in To */
	PLACE_CC,	/* only in Cc */
	PLACE_BCC	/* in neither: Bcc, a redirect, an alias */
};

/* policy_placement - where the message's headers name a support address. */
enum placement policy_placement(const struct conf *, GMimeMessage *);

/* policy_placement_name - "to", "cc-only" or "bcc". */
const char *policy_placement_name(enum placement);

/*
 * policy_automatic - why the message is automatic (RFC 3834 and practice),
 * as a short static word, or NULL for a message written by a person.
 */
const char *policy_automatic(const struct envelope *, GMimeMessage *);

/*
 * policy_from_support - true when the envelope sender or the From header is
 * a support address: support's own mail is never held to the rule.
 */
bool	policy_from_support(const struct conf *, const struct envelope *,
	    GMimeMessage *);

#endif
