/*
 * daemon.h - the process around the milter: the background, the PID
 * file, the switch from root to the configured user, and the signals.
 *
 * Owns: fork/setsid and the pipe on which the background process reports
 * its start-up status to the command; the PID file; setgid, initgroups
 * and setuid; the signal mask and the SIGUSR1 thread.  It reads no
 * configuration and logs nothing: main.c passes values in and logs the
 * "FILE: message" errors it gets back.
 *
 * Everything here runs on the main thread; the main thread is the one
 * that takes the signals, libmilter runs on the spawned thread.
 */
#ifndef SUPPORT_MILTER_DAEMON_H
#define SUPPORT_MILTER_DAEMON_H

#include <pthread.h>
#include <stdbool.h>
#include <sys/types.h>

#define DAEMON_ERRLEN	512

struct daemon {
	int	ready_fd;	/* write end of the start-up pipe, or -1 */
	char	*pid_file;	/* written by us; removed at the end */
	pthread_t main;		/* waits for signals */
	pthread_t worker;	/* runs the milter */
	int	(*fn)(void *);
	void	*arg;
	int	result;		/* what fn returned */
	int	done;		/* atomic: fn has returned */
};

/* daemon_init - nothing started yet. */
void	daemon_init(struct daemon *);

/*
 * daemon_detach - go to the background: fork, setsid, chdir("/").  The
 * command (the parent) waits until the process calls daemon_ready() and
 * exits with the status given there, so it returns only once the daemon
 * serves, or fails with its status.  Standard error stays open until
 * then, so start-up errors reach the terminal.  Returns 0 in the
 * background process, or -1 with err.
 */
int	daemon_detach(struct daemon *, char err[DAEMON_ERRLEN]);

/*
 * daemon_ready - report the start-up status (0: serving) to the waiting
 * command, and on success let go of the terminal.  Only the first call
 * counts; nothing happens in the foreground.
 */
void	daemon_ready(struct daemon *, int status);

/*
 * daemon_pid_check - refuse to start when path names a live process of
 * this program.  A stale file (its process gone, or another program) is
 * removed.  Returns 0, 1 when a stale file was removed, or -1 with err.
 */
int	daemon_pid_check(const char *path, char err[DAEMON_ERRLEN]);

/*
 * daemon_pid_write - write our PID to path atomically: a temporary file
 * in the same directory, linked to path only if path does not exist.
 * Returns 0, or -1 with err.
 */
int	daemon_pid_write(struct daemon *, const char *path,
	    char err[DAEMON_ERRLEN]);

/*
 * daemon_pid_remove - remove the PID file we wrote, if it still holds our
 * PID.  Returns 0, or -1 with err (e.g. its directory is not writable
 * after the switch to another user; the next start finds it stale).
 */
int	daemon_pid_remove(struct daemon *, char err[DAEMON_ERRLEN]);

/*
 * daemon_user - the IDs of user name, and whether this process may take
 * them: root may; another user only when name is itself.  Returns 0, or
 * -1 with err.
 */
int	daemon_user(const char *name, uid_t *uid, gid_t *gid,
	    char err[DAEMON_ERRLEN]);

/*
 * daemon_drop - become uid/gid with name's supplementary groups, for
 * good: fails unless setuid(0) fails afterwards.  Does nothing when
 * already uid.  Returns 1 when privileges were dropped, 0 when there was
 * nothing to do, or -1 with err.
 */
int	daemon_drop(const char *name, uid_t uid, gid_t gid,
	    char err[DAEMON_ERRLEN]);

/*
 * daemon_signals_block - block SIGUSR1, SIGHUP, SIGTERM and SIGINT in the
 * calling (main) thread before any other thread exists, so that every
 * thread inherits the mask and only threads in sigwait() receive them.
 */
int	daemon_signals_block(char err[DAEMON_ERRLEN]);

/*
 * daemon_spawn - run fn(arg) on a new thread (the libmilter listener);
 * when it returns, daemon_wait() returns 0.  Returns 0, or -1 with err.
 */
int	daemon_spawn(struct daemon *, int (*fn)(void *), void *arg,
	    char err[DAEMON_ERRLEN]);

/*
 * daemon_wait - on the main thread: call reload(arg) for each SIGUSR1,
 * and return SIGTERM, SIGHUP or SIGINT when one arrives, or 0 once the
 * spawned thread has returned.
 */
int	daemon_wait(struct daemon *, void (*reload)(void *), void *arg);

/*
 * daemon_next_signal - wait up to ms milliseconds for SIGTERM, SIGHUP or
 * SIGINT: the signal, or 0.
 */
int	daemon_next_signal(int ms);

/* daemon_done - the spawned thread has returned. */
bool	daemon_done(const struct daemon *);

/* daemon_join - wait for the spawned thread; what fn returned. */
int	daemon_join(struct daemon *);

#endif
