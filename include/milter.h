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
#include "stats.h"
#include "store.h"

/*
 * milter_listen - register with libmilter and open conf->socket; a unix
 * socket gets owner uid and group socket_group, else gid ((uid_t)-1 and
 * (gid_t)-1 keep the process's), and socket_mode.  Returns 0, or -1 after
 * logging why.  Call it before dropping privileges.
 */
int	milter_listen(const struct conf *, uid_t uid, gid_t gid);

/* milter_unlisten - remove the unix socket of a start that failed. */
void	milter_unlisten(const struct conf *);

/*
 * milter_serve - serve with the configuration given to milter_conf_set()
 * until libmilter stops: milter_stop(), or a signal that libmilter's own
 * signal thread took (SIGTERM, SIGHUP, SIGINT).  Refuses new messages
 * from then on and removes a unix socket.  Returns 0, or -1 when
 * libmilter failed.  Messages still in progress when it returns are
 * abandoned: Debian's libmilter (built with _FFR_WORKERS_POOL) no longer
 * reads their commands, and their threads may still use st and the
 * configuration, so the caller must then exit without freeing them.
 */
int	milter_serve(struct store *st);

/*
 * milter_refuse_new - from now on a new message gets a temporary failure
 * at MAIL FROM; messages in progress go on.  Thread-safe.
 */
void	milter_refuse_new(void);

/* milter_in_progress - messages begun and not yet ended.  Thread-safe. */
unsigned milter_in_progress(void);

/* milter_stop - make libmilter stop, which ends milter_serve(). */
void	milter_stop(void);

/*
 * milter_conf_set - the configuration for messages that begin from now
 * on (at start-up, then at each reload); takes its own reference.  NULL
 * drops the last one at the end.  Thread-safe.
 */
void	milter_conf_set(struct conf *);

/*
 * milter_conf_get - a new reference to the current configuration, or
 * NULL after milter_conf_set(NULL).
 */
struct conf *milter_conf_get(void);

/*
 * milter_counters - what the messages logged so far add up to (stats.h),
 * counted since milter_listen(); read by the statistics file.
 */
const struct stats *milter_counters(void);

/* milter_version - libmilter's run-time version, "MAJOR.MINOR.PATCH". */
void	milter_version(char *buf, size_t size);

#endif
