/*
 * NAME
 *	daemon - background, PID file, privileges and the SIGUSR1 thread
 * DESCRIPTION
 *	The order main.c follows, as root: detach; check the PID file; open
 *	the socket (milter_listen) and give it to the user; write the PID
 *	file; create the database directory for the user; daemon_drop();
 *	open the database; spawn the milter thread; daemon_ready(); wait for
 *	signals on the main thread.
 *
 *	libmilter's own signal thread takes SIGHUP, SIGTERM and SIGINT with
 *	sigwait() and stops on each (libmilter/signal.c).  Our main thread
 *	waits for the same signals and SIGUSR1 with sigwait() while
 *	libmilter runs on a thread of its own, so a reload runs in a normal
 *	thread and may allocate, lock and log, which a signal handler could
 *	not, and a stop can wait for messages in progress first.
 * DIAGNOSTICS
 *	Errors are returned as "what: reason" for main.c to print or log.
 * SEE ALSO
 *	support-milter(8), daemon.h
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <glib.h>

#include "daemon.h"

#define PID_MAX_TEXT	32	/* "4194304\n" and then some */

void
daemon_init(struct daemon *d)
{
	memset(d, 0, sizeof(*d));
	d->ready_fd = -1;
}

/* wait_ready - the command's side: exit with the daemon's start-up status. */
static void G_GNUC_NORETURN
wait_ready(int fd)
{
	static const char died[] = "support-milter: the daemon ended during "
	    "start-up (see the system log)\n";
	unsigned char status;
	ssize_t	n;

	while ((n = read(fd, &status, 1)) < 0 && errno == EINTR)
		;
	if (n == 1)
		_exit(status);
	/* the terminal is ours: the daemon may have had no time to say why */
	(void)!write(STDERR_FILENO, died, sizeof(died) - 1);
	_exit(EX_SOFTWARE);
}

int
daemon_detach(struct daemon *d, char err[DAEMON_ERRLEN])
{
	int	fds[2];
	pid_t	pid;

	if (pipe(fds) < 0 || (pid = fork()) < 0) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "cannot detach: %s",
		    g_strerror(errno));
		return -1;
	}
	if (pid > 0) {
		(void)close(fds[1]);
		wait_ready(fds[0]);
	}
	(void)close(fds[0]);
	d->ready_fd = fds[1];
	(void)fcntl(d->ready_fd, F_SETFD, FD_CLOEXEC);
	if (setsid() < 0 || chdir("/") < 0) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "cannot detach: %s",
		    g_strerror(errno));
		return -1;
	}
	(void)!freopen("/dev/null", "r", stdin);
	return 0;
}

void
daemon_ready(struct daemon *d, int status)
{
	unsigned char s = (unsigned char)status;

	if (d->ready_fd < 0)
		return;
	if (status == 0) {
		(void)!freopen("/dev/null", "w", stdout);
		(void)!freopen("/dev/null", "w", stderr);
	}
	(void)!write(d->ready_fd, &s, 1);
	(void)close(d->ready_fd);
	d->ready_fd = -1;
}

/* read_pid - the PID in path: > 0, 0 when none or unreadable, -1 no file. */
static long
read_pid(const char *path)
{
	char	buf[PID_MAX_TEXT + 1], *end;
	int	fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t	n;
	long	pid;

	if (fd < 0)
		return errno == ENOENT ? -1 : 0;
	n = read(fd, buf, PID_MAX_TEXT);
	(void)close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = strtol(buf, &end, 10);
	return end != buf && (*end == '\n' || *end == '\0') && pid > 0 ?
	    pid : 0;
}

/* comm_of - the command name of a process (Linux /proc), or NULL. */
static char *
comm_of(const char *pid)
{
	char	*file = g_strdup_printf("/proc/%s/comm", pid), *text = NULL;

	if (!g_file_get_contents(file, &text, NULL, NULL))
		text = NULL;
	g_free(file);
	return text;
}

/* is_us - pid runs this program (a reused PID names another one). */
static bool
is_us(long pid)
{
	char	num[PID_MAX_TEXT];
	char	*them, *us;
	bool	same;

	if (pid == (long)getpid() || (kill((pid_t)pid, 0) < 0 &&
	    errno != EPERM))
		return false;
	(void)g_snprintf(num, sizeof(num), "%ld", pid);
	them = comm_of(num);
	us = comm_of("self");
	same = them && us && strcmp(them, us) == 0;
	g_free(them);
	g_free(us);
	return same;
}

int
daemon_pid_check(const char *path, char err[DAEMON_ERRLEN])
{
	long	pid = read_pid(path);

	if (pid < 0)
		return 0;
	if (pid > 0 && is_us(pid)) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "pid_file %s: "
		    "support-milter is already running as pid %ld", path, pid);
		return -1;
	}
	if (unlink(path) < 0 && errno != ENOENT) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "pid_file %s: cannot "
		    "remove the stale file: %s", path, g_strerror(errno));
		return -1;
	}
	return 1;
}

int
daemon_pid_write(struct daemon *d, const char *path, char err[DAEMON_ERRLEN])
{
	char	*tmp = g_strconcat(path, ".XXXXXX", NULL);
	char	text[PID_MAX_TEXT];
	int	fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0644);
	int	len = g_snprintf(text, sizeof(text), "%ld\n",
	    (long)getpid());
	int	rc = 0;

	/* link() fails if path exists: a second daemon starting meanwhile */
	if (fd < 0 || write(fd, text, (size_t)len) != len || fsync(fd) < 0 ||
	    link(tmp, path) < 0) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "pid_file %s: %s", path,
		    g_strerror(errno));
		rc = -1;
	} else
		d->pid_file = g_strdup(path);
	if (fd >= 0) {
		(void)close(fd);
		(void)unlink(tmp);
	}
	g_free(tmp);
	return rc;
}

int
daemon_pid_remove(struct daemon *d, char err[DAEMON_ERRLEN])
{
	int	rc = 0;

	if (d->pid_file == NULL)
		return 0;
	/* a successor started after a stop timeout owns the file now */
	if (read_pid(d->pid_file) == (long)getpid() &&
	    unlink(d->pid_file) < 0) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "pid_file %s: cannot "
		    "remove: %s", d->pid_file, g_strerror(errno));
		rc = -1;
	}
	g_clear_pointer(&d->pid_file, g_free);
	return rc;
}

int
daemon_user(const char *name, uid_t *uid, gid_t *gid, char err[DAEMON_ERRLEN])
{
	struct passwd *pw = getpwnam(name);

	if (pw == NULL) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "user: unknown user "
		    "\"%s\"", name);
		return -1;
	}
	if (geteuid() != 0 && geteuid() != pw->pw_uid) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "user: cannot switch to "
		    "\"%s\": not started as root (running as uid %u)", name,
		    (unsigned)geteuid());
		return -1;
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

int
daemon_drop(const char *name, uid_t uid, gid_t gid, char err[DAEMON_ERRLEN])
{
	if (geteuid() == uid && getuid() == uid)
		return 0;
	/* the group first: once the user has changed, it could not */
	if (initgroups(name, gid) < 0 || setgid(gid) < 0 || setuid(uid) < 0) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "user: cannot switch to "
		    "\"%s\": %s", name, g_strerror(errno));
		return -1;
	}
	if (uid != 0 && (setuid(0) == 0 || geteuid() != uid)) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "user: switched to \"%s\" "
		    "but root could be regained", name);
		return -1;
	}
	return 1;
}

/* stop_set - the signals that stop the daemon; with SIGUSR1 if reload. */
static void
stop_set(sigset_t *set, bool reload)
{
	(void)sigemptyset(set);
	(void)sigaddset(set, SIGHUP);
	(void)sigaddset(set, SIGTERM);
	(void)sigaddset(set, SIGINT);
	if (reload)
		(void)sigaddset(set, SIGUSR1);
}

int
daemon_signals_block(char err[DAEMON_ERRLEN])
{
	sigset_t set;
	int	rc;

	stop_set(&set, true);
	if ((rc = pthread_sigmask(SIG_BLOCK, &set, NULL)) != 0) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "pthread_sigmask: %s",
		    g_strerror(rc));
		return -1;
	}
	return 0;
}

/* worker - run the milter, then wake the main thread's daemon_wait(). */
static void *
worker(void *arg)
{
	struct daemon *d = arg;

	d->result = d->fn(d->arg);
	g_atomic_int_set(&d->done, 1);
	(void)pthread_kill(d->main, SIGUSR1);
	return NULL;
}

int
daemon_spawn(struct daemon *d, int (*fn)(void *), void *arg,
    char err[DAEMON_ERRLEN])
{
	int	rc;

	d->fn = fn;
	d->arg = arg;
	d->main = pthread_self();
	if ((rc = pthread_create(&d->worker, NULL, worker, d)) != 0) {
		(void)g_snprintf(err, DAEMON_ERRLEN, "milter thread: %s",
		    g_strerror(rc));
		return -1;
	}
	return 0;
}

/*
 * daemon_wait - libmilter's own signal thread also waits for SIGHUP,
 * SIGTERM and SIGINT, and stops libmilter at once on each; its worker
 * pool then no longer serves messages in progress.  Linux hands a signal
 * for the process to the main thread first when that thread is ready to
 * take it, as it is here in sigwait(), so the stop goes through
 * main.c's drain instead.  A signal that arrives while this thread is
 * busy (a reload, the drain) reaches libmilter: it stops at once.
 */
int
daemon_wait(struct daemon *d, void (*reload)(void *), void *arg)
{
	sigset_t set;
	int	sig;

	stop_set(&set, true);
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (daemon_done(d))
			return 0;
		if (sig != SIGUSR1)
			return sig;
		reload(arg);
	}
}

int
daemon_next_signal(int ms)
{
	sigset_t set;
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	int	sig;

	stop_set(&set, false);
	sig = sigtimedwait(&set, NULL, &ts);
	return sig > 0 ? sig : 0;
}

bool
daemon_done(const struct daemon *d)
{
	return g_atomic_int_get(&d->done) != 0;
}

int
daemon_join(struct daemon *d)
{
	(void)pthread_join(d->worker, NULL);
	return d->result;
}
