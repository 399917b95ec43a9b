/*
 * intake.h - what support sees at once about a customer's mail: the
 * stated severity, when a response is due, and the details a new
 * request lacks.
 *
 * Owns: reading the kept text and counting the images of a parsed
 * message (after cleaning, so a quoted "Severity 1" or a logo does not
 * count), the three headers (conf severity_header_name,
 * response_due_header_name, checklist_header_name) and the decision's
 * intake fields, and the guidance reply's ${checklist} lines.  The
 * recognisers are severity.h, worktime.h and checklist.h.
 *
 * Must not: change the text or decide anything: the headers are
 * suggestions for the consultant.  Thread-safe for distinct messages.
 */
#ifndef SUPPORT_MILTER_INTAKE_H
#define SUPPORT_MILTER_INTAKE_H

#include <stdbool.h>

#include <glib.h>

#include "conf.h"
#include "decision.h"
#include "envelope.h"
#include "message.h"

#define INTAKE_VAR	"${checklist}"

/*
 * intake_run - for a customer's mail on its way to support (customer
 * false: support's own mail, which only loses forged copies): the
 * severity header on every message, the response-due header when the
 * severity has a target, and for a new request (no ticket, or one
 * allocated now) the checklist header; incoming copies of the three
 * headers are removed.  Call after threading and cleaning.
 */
void	intake_run(const struct conf *, const struct envelope *,
	    const struct message *, bool customer, struct decision *d);

/*
 * intake_guidance - the guidance_reply lines with every line holding
 * ${checklist} repeated once per detail the message lacks (that
 * variable replaced by the detail's sentence), or dropped when it lacks
 * none or its Subject names a ticket.  The lacking details are recorded
 * in d.  Returns lines the caller frees (g_ptr_array_unref).
 */
GPtrArray *intake_guidance(const struct conf *, const struct message *,
	    struct decision *d);

#endif
