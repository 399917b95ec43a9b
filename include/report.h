/*
 * report.h - the --test dry-run's output.
 *
 * Text form: the message as it would be delivered, or the SMTP reply
 * when it would be refused.  JSON form: one object describing the
 * decision (format in docs/dry-run.md).  Both are built from the same
 * decision the daemon would carry out.
 */
#ifndef SUPPORT_MILTER_REPORT_H
#define SUPPORT_MILTER_REPORT_H

#include <glib.h>

#include "decision.h"
#include "envelope.h"
#include "message.h"

/* report_text - append the text form to out; -1 when msg cannot be read. */
int	report_text(const struct message *, const struct decision *,
	    GByteArray *out);

/* report_json - append the JSON form (one line) to out; -1 as above. */
int	report_json(const struct envelope *, const struct message *,
	    const struct decision *, GString *out);

/* report_json_string - append s (len bytes; NULL when len is 0) as a JSON
 * string. */
void	report_json_string(GString *out, const char *s, gssize len);

#endif
