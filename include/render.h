/*
 * render.h - write the message as it would be delivered.
 *
 * Applies a decision's header edits with the MTA's semantics to the raw
 * bytes of a message and writes the result; used by --test so that the
 * dry-run shows the bytes the daemon would make the MTA deliver.  The
 * body is copied unchanged.  Thread-safe; allocates only for the output.
 */
#ifndef SUPPORT_MILTER_RENDER_H
#define SUPPORT_MILTER_RENDER_H

#include <glib.h>

#include "decision.h"
#include "message.h"

/*
 * render_message - append the delivered form of m under d to out.  Returns
 * 0, or -1 when the raw stream cannot be read.
 */
int	render_message(const struct message *m, const struct decision *d,
	    GByteArray *out);

#endif
