/*
 * milter.h - libmilter glue: callbacks, per-connection state, and carrying
 * out the core's decision with smfi_* calls.
 *
 * No policy lives here.  milter_run() owns libmilter from registration
 * to smfi_main()'s return.  The configuration and store given to it must
 * stay valid until it returns.  Callbacks run on libmilter's threads, one
 * per SMTP connection; each keeps its state behind smfi_setpriv().
 */
#ifndef SUPPORT_MILTER_MILTER_H
#define SUPPORT_MILTER_MILTER_H

#include <stddef.h>

#include "conf.h"
#include "store.h"

/*
 * milter_run - listen on conf->socket and serve until libmilter stops
 * (SIGTERM, SIGINT or SIGHUP).  Returns 0 on a clean stop, or -1 after
 * logging why the socket could not be set up.
 */
int	milter_run(const struct conf *, struct store *);

/* milter_version - libmilter's run-time version, "MAJOR.MINOR.PATCH". */
void	milter_version(char *buf, size_t size);

#endif
