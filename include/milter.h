/*
 * milter.h - libmilter glue: callbacks, per-connection state, and carrying
 * out the core's decision with smfi_* calls.
 *
 * No policy lives here.  milter_listen() and milter_serve() own libmilter
 * from registration to smfi_main()'s return.  The store given to it must
 * stay valid until it returns.  Callbacks run on libmilter's threads, one
 * per SMTP connection; each keeps its state behind smfi_setpriv(), and
 * each message keeps a reference to the configuration it began with.
 */
#ifndef SUPPORT_MILTER_MILTER_H
#define SUPPORT_MILTER_MILTER_H

#include <stddef.h>
#include <sys/types.h>

#include "conf.h"
#include "store.h"

/*
 * milter_listen - register with libmilter and open conf->socket; a unix
 * socket gets owner uid and group socket_group, else gid ((uid_t)-1 and
 * (gid_t)-1 keep the process's), and socket_mode.  Returns 0, or -1 after
 * logging why.  Call it before dropping privileges.
 */
int	milter_listen(const struct conf *, uid_t uid, gid_t gid);

/*
 * milter_serve - serve with the configuration given to milter_conf_set()
 * until libmilter stops (SIGTERM, SIGHUP, SIGINT), then let messages in
 * progress finish for up to stop_timeout seconds; a new message is
 * refused with a temporary failure meanwhile.  Removes a unix socket.
 * Returns 0 on a clean stop, -1 when libmilter failed, 1 when messages
 * were still in progress: their threads may still use st and the
 * configuration, so the caller must exit without freeing them.
 */
int	milter_serve(struct store *st);

/*
 * milter_conf_set - the configuration for messages that begin from now
 * on (at start-up, then at each reload); takes its own reference.
 * Thread-safe.
 */
void	milter_conf_set(struct conf *);

/*
 * milter_conf_get - a new reference to the current configuration, or
 * NULL once milter_serve() has returned.
 */
struct conf *milter_conf_get(void);

/* milter_version - libmilter's run-time version, "MAJOR.MINOR.PATCH". */
void	milter_version(char *buf, size_t size);

#endif
