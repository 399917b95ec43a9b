/*
 * NAME
 *	main - the support-milter command: daemon, -n check and --test
 * SYNOPSIS
 *	support-milter [-f] [-c FILE] [-p SOCKET] [--db DIR] [-P FILE]
 *	    [-u USER]
 *	support-milter -n [-c FILE]
 *	support-milter [-c FILE] --test FILE.eml --from ADDR --rcpt ADDR ...
 *	    [--client IP] [--auth USER] [--db DIR] [--json] [--now SECONDS]
 * DESCRIPTION
 *	Start-up is the only place the process exits on an error, always
 *	with a message that names the file and the reason.  --test runs the
 *	same core on the same spool as the daemon, against the same database.
 *	SIGUSR1 reloads the configuration (reload() below, on daemon.c's
 *	signal thread).
 * SEE ALSO
 *	support-milter(8), support-milter.conf(5)
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gmime/gmime.h>
#include <libxml/parser.h>

#include "conf.h"
#include "core.h"
#include "daemon.h"
#include "log.h"
#include "milter.h"
#include "perms.h"
#include "report.h"
#include "spool.h"
#include "statsfile.h"
#include "store.h"

#define PROGRAM		"support-milter"
#ifndef VERSION
#define VERSION		"0.1.0"
#endif

struct options {
	const char *conf_file;
	const char *socket;
	const char *db;
	const char *pid_file;
	const char *user;
	bool	foreground;
	bool	check_only;
	/* --test */
	const char *test_file;
	const char *from;
	GPtrArray *rcpts;	/* char *, "<addr>" */
	const char *client;
	const char *auth;
	bool	json;
	time_t	now;		/* 0: the clock */
};

enum { OPT_DB = 256, OPT_TEST, OPT_FROM, OPT_RCPT, OPT_CLIENT, OPT_AUTH,
	OPT_JSON, OPT_NOW };

static const struct option long_options[] = {
	{"config", required_argument, NULL, 'c'},
	{"foreground", no_argument, NULL, 'f'},
	{"socket", required_argument, NULL, 'p'},
	{"db", required_argument, NULL, OPT_DB},
	{"pid-file", required_argument, NULL, 'P'},
	{"user", required_argument, NULL, 'u'},
	{"check", no_argument, NULL, 'n'},
	{"version", no_argument, NULL, 'V'},
	{"help", no_argument, NULL, 'h'},
	{"test", required_argument, NULL, OPT_TEST},
	{"from", required_argument, NULL, OPT_FROM},
	{"rcpt", required_argument, NULL, OPT_RCPT},
	{"client", required_argument, NULL, OPT_CLIENT},
	{"auth", required_argument, NULL, OPT_AUTH},
	{"json", no_argument, NULL, OPT_JSON},
	{"now", required_argument, NULL, OPT_NOW},
	{NULL, 0, NULL, 0}
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: " PROGRAM " [-f] [-c FILE] [-p SOCKET] [--db DIR] [-P FILE]"
	    " [-u USER]\n"
	    "       " PROGRAM " -n [-c FILE]\n"
	    "       " PROGRAM " [-c FILE] --test FILE.eml --from ADDR --rcpt ADDR"
	    " [--rcpt ADDR ...]\n"
	    "              [--client IP] [--auth USER] [--db DIR] [--json] [--now SECONDS]\n"
	    "\n"
	    "  -c, --config FILE  configuration file (default " CONF_DEFAULT_PATH ")\n"
	    "  -f, --foreground   stay in the foreground and log to stderr\n"
	    "  -p, --socket SPEC  listen on SPEC: unix:/path, inet:PORT@HOST,"
	    " inet6:PORT@HOST\n"
	    "      --db DIR       database directory (overrides the configuration)\n"
	    "  -P, --pid-file F   write the process ID to F (\"\" for none)\n"
	    "  -u, --user USER    when started as root, run as USER\n"
	    "  -n, --check        check the configuration; exit 0 if the daemon"
	    " would start\n"
	    "  -V, --version      print the version and libmilter's version\n"
	    "  -h, --help         print this help\n"
	    "\n"
	    "dry run (reads and writes the database like the daemon):\n"
	    "      --test FILE    decide about the message in FILE (- for stdin)\n"
	    "      --from ADDR    envelope sender (\"\" for the null sender)\n"
	    "      --rcpt ADDR    envelope recipient, repeatable\n"
	    "      --client IP    SMTP client address (default 127.0.0.1)\n"
	    "      --auth USER    SMTP AUTH user\n"
	    "      --json         print the decision as JSON (docs/dry-run.md)\n"
	    "      --now SECONDS  the time to decide at, for reproducible tests\n"
	    "\n"
	    "signals: SIGUSR1 reloads the configuration; SIGTERM, SIGHUP and SIGINT\n"
	    "stop the daemon once the messages in progress are done\n");
}

/* bracket - an address in the form the MTA gives it: "<addr>". */
static char *
bracket(const char *addr)
{
	if (addr[0] == '<')
		return g_strdup(addr);
	return g_strconcat("<", addr, ">", NULL);
}

static int
parse_options(int argc, char **argv, struct options *o)
{
	int	ch;
	char	*end;

	o->conf_file = CONF_DEFAULT_PATH;
	o->client = "127.0.0.1";
	while ((ch = getopt_long(argc, argv, "c:fp:P:u:nVh", long_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'c': o->conf_file = optarg; break;
		case 'f': o->foreground = true; break;
		case 'p': o->socket = optarg; break;
		case 'P': o->pid_file = optarg; break;
		case 'u': o->user = optarg; break;
		case 'n': o->check_only = true; break;
		case OPT_DB: o->db = optarg; break;
		case OPT_TEST: o->test_file = optarg; break;
		case OPT_FROM: o->from = optarg; break;
		case OPT_RCPT: g_ptr_array_add(o->rcpts, bracket(optarg)); break;
		case OPT_CLIENT: o->client = optarg; break;
		case OPT_AUTH: o->auth = optarg; break;
		case OPT_JSON: o->json = true; break;
		case OPT_NOW:
			o->now = (time_t)g_ascii_strtoll(optarg, &end, 10);
			if (*end || o->now <= 0)
				return -1;
			break;
		case 'V': {
			char	v[32];

			milter_version(v, sizeof(v));
			printf(PROGRAM " " VERSION " (libmilter %s from sendmail "
			    MILTER_PKG_VERSION ", GMime %u.%u.%u)\n", v,
			    gmime_major_version, gmime_minor_version,
			    gmime_micro_version);
			exit(0);
		}
		case 'h': usage(stdout); exit(0);
		default: return -1;
		}
	}
	if (optind != argc)
		return -1;
	if (o->test_file && (o->from == NULL || o->rcpts->len == 0)) {
		fprintf(stderr, PROGRAM ": --test needs --from and --rcpt\n");
		return -1;
	}
	if (!o->test_file && (o->from || o->rcpts->len || o->json || o->auth ||
	    o->now)) {
		fprintf(stderr, PROGRAM ": --from, --rcpt, --auth, --json and "
		    "--now go with --test\n");
		return -1;
	}
	return 0;
}

/* check_dir - a directory the daemon needs access how (access(2)) to. */
static int
check_dir(const struct conf *c, const char *key, const char *dir, int how,
    char *err)
{
	struct stat st;

	errno = 0;
	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    access(dir, how) < 0) {
		(void)g_snprintf(err, CONF_ERRLEN, "%s: %s: %s: %s", c->path, key,
		    dir, errno ? g_strerror(errno) : "not a directory");
		return -1;
	}
	return 0;
}

/* check_parent - the directory a file or directory is created in. */
static int
check_parent(const struct conf *c, const char *key, const char *path,
    char *err)
{
	char	*dir = g_path_get_dirname(path);
	int	rc = check_dir(c, key, dir, W_OK | X_OK, err);

	g_free(dir);
	return rc;
}

/*
 * check_runtime - what the configuration names must exist: the daemon
 * would fail on it at start-up, so -n fails on it too.
 */
static int
check_runtime(const struct conf *c, char *err)
{
	const char *sock = NULL;
	char	derr[DAEMON_ERRLEN];
	uid_t	uid;
	gid_t	gid;

	if (g_str_has_prefix(c->socket, "unix:") ||
	    g_str_has_prefix(c->socket, "local:"))
		sock = strchr(c->socket, ':') + 1;
	if (*c->socket_group && getgrnam(c->socket_group) == NULL) {
		(void)g_snprintf(err, CONF_ERRLEN, "%s: socket_group: unknown "
		    "group \"%s\"", c->path, c->socket_group);
		return -1;
	}
	if (*c->user && daemon_user(c->user, &uid, &gid, derr) < 0) {
		(void)g_snprintf(err, CONF_ERRLEN, "%s: %s", c->path, derr);
		return -1;
	}
	if ((sock && check_parent(c, "socket", sock, err) < 0) ||
	    (*c->pid_file && check_parent(c, "pid_file", c->pid_file, err) < 0) ||
	    check_dir(c, "spool_directory", c->spool_directory, W_OK | X_OK,
	    err) < 0)
		return -1;
	if (access(c->database, F_OK) < 0)
		/* created at start-up: its parent must be writable */
		return check_parent(c, "database", c->database, err);
	/* one we cannot write is opened read-only (perms.h warns): the
	 * daemon serves, and support mail gets on_store_error */
	return check_dir(c, "database", c->database, R_OK | X_OK, err);
}

/* warn_permissions - what other local users could change (perms.h). */
static void
warn_permissions(const struct conf *c)
{
	GPtrArray *w = perms_warnings(c);

	for (guint i = 0; i < w->len; i++)
		log_msg(LOG_WARNING, "%s", (const char *)g_ptr_array_index(w, i));
	g_ptr_array_unref(w);
}

/* load - the configuration file with the command line's overrides. */
static int
load(const struct options *o, struct conf **out, char *err)
{
	const char *const over[][2] = {
		{"socket", o->socket}, {"database", o->db},
		{"pid_file", o->pid_file}, {"user", o->user}
	};

	if (conf_load(o->conf_file, out, err) < 0)
		return -1;
	for (size_t i = 0; i < G_N_ELEMENTS(over); i++)
		if (over[i][1])
			(void)conf_override(*out, over[i][0], over[i][1]);
	return 0;
}

/* raise_nofile - libmilter without poll() drops descriptors >= 1024. */
static void
raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			log_msg(LOG_WARNING, "setrlimit RLIMIT_NOFILE: %s",
			    g_strerror(errno));
	}
}

/* read_spool - the whole of fd into sp, as the milter would store it. */
static int
read_spool(int fd, struct spool *sp)
{
	char	buf[65536];
	ssize_t	n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || spool_write(sp, buf, (size_t)n) < 0)
			return -1;
	}
	return 0;
}

/* print_report - the dry run's output on stdout. */
static int
print_report(const struct options *o, const struct envelope *env,
    const struct message *msg, const struct decision *d)
{
	int	rc;

	if (o->json) {
		GString	*out = g_string_new(NULL);

		rc = report_json(env, msg, d, out);
		if (rc == 0)
			rc = fwrite(out->str, 1, out->len, stdout) == out->len ? 0 : -1;
		(void)g_string_free(out, TRUE);
	} else {
		GByteArray *out = g_byte_array_new();

		rc = report_text(msg, d, out);
		if (rc == 0)
			rc = fwrite(out->data, 1, out->len, stdout) == out->len ?
			    0 : -1;
		g_byte_array_unref(out);
	}
	return rc;
}

/* run_test - the --test dry run; exit status as documented. */
static int
run_test(const struct options *o, const struct conf *c, struct store *st)
{
	int	fd = strcmp(o->test_file, "-") == 0 ? STDIN_FILENO :
	    open(o->test_file, O_RDONLY);
	/* keep every byte, so an oversize message can be shown unmodified */
	struct spool *sp = spool_new(c->spool_directory, &(struct spool_limits){
	    .spill = c->spill_size, .memory = c->spool_memory, .max = SIZE_MAX,
	    .line = MESSAGE_LINE_MAX }, NULL);
	char	*sender = o->from[0] ? bracket(o->from) : g_strdup("<>");
	struct envelope env = {
		"NOQUEUE", sender, (const char *const *)o->rcpts->pdata,
		o->rcpts->len, o->client, o->auth, o->now ? o->now : time(NULL)
	};
	struct message msg;
	struct decision d;
	int	rc = EX_OK;

	if (fd < 0 || read_spool(fd, sp) < 0) {
		fprintf(stderr, PROGRAM ": %s: %s\n", o->test_file,
		    g_strerror(errno));
		rc = EX_NOINPUT;
	} else {
		message_from_spool(sp, c->max_message_size, &msg);
		decision_init(&d);
		(void)core_decide(&env, &msg, c, st, &d);
		if (d.error)
			fprintf(stderr, PROGRAM ": %s\n", d.error);
		if (print_report(o, &env, &msg, &d) < 0) {
			fprintf(stderr, PROGRAM ": cannot write the report\n");
			rc = EX_IOERR;
		}
		decision_release(&d);
		message_release(&msg);
	}
	if (fd > STDIN_FILENO)
		(void)close(fd);
	spool_free(sp);
	g_free(sender);
	return rc;
}

/* logged - log a start-up error; returns status. */
static int
logged(const char *err, int status)
{
	log_msg(LOG_ERR, "%s", err);
	return status;
}

/* make_database - create the database directory, for the user. */
static int
make_database(const struct conf *c, uid_t uid, gid_t gid)
{
	bool	made = access(c->database, F_OK) < 0;

	if (g_mkdir_with_parents(c->database, 0700) < 0 ||
	    (made && uid != (uid_t)-1 && chown(c->database, uid, gid) < 0)) {
		log_msg(LOG_ERR, "%s: database: %s: %s", c->path, c->database,
		    g_strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * start_listening - the rest of start(), once the socket is ours: the PID
 * file, the database directory, the user, the database.
 */
static int
start_listening(struct daemon *d, const struct conf *c, uid_t uid, gid_t gid,
    struct store **st)
{
	char	err[DAEMON_ERRLEN], serr[STORE_ERRLEN];
	int	rc = 0;

	if (*c->pid_file && daemon_pid_write(d, c->pid_file, err) < 0)
		return logged(err, EX_CANTCREAT);
	if (make_database(c, uid, gid) < 0)
		return EX_CONFIG;
	if (*c->user && (rc = daemon_drop(c->user, uid, gid, err)) < 0)
		return logged(err, EX_NOPERM);
	if (rc > 0)
		log_msg(LOG_INFO, "running as user %s (uid %u, gid %u)", c->user,
		    (unsigned)uid, (unsigned)gid);
	if (store_open(c->database, c->database_size, STORE_WRITE, st,
	    serr) < 0) {
		log_msg(LOG_ERR, "%s: %s", c->path, serr);
		return EX_CONFIG;
	}
	if (store_read_only(*st))
		log_msg(LOG_WARNING, "store %s: read-only for this process: "
		    "support mail gets on_store_error (%s)", c->database,
		    conf_failure_name(c->on_failure[FAIL_STORE]));
	return EX_OK;
}

/*
 * start - what needs root first (the PID file, the socket), then the user
 * and the database: EX_OK, or the exit status after logging why.
 */
static int
start(struct daemon *d, const struct conf *c, struct store **st)
{
	char	err[DAEMON_ERRLEN];
	uid_t	uid = (uid_t)-1;
	gid_t	gid = (gid_t)-1;
	int	rc = 0;

	/* before the socket: opening it would take a running daemon's away */
	if (*c->pid_file && (rc = daemon_pid_check(c->pid_file, err)) < 0)
		return logged(err, EX_UNAVAILABLE);
	if (rc > 0)
		log_msg(LOG_WARNING, "pid_file %s: removed a stale file",
		    c->pid_file);
	if (*c->user && daemon_user(c->user, &uid, &gid, err) < 0)
		return logged(err, EX_CONFIG);
	if (milter_listen(c, uid, gid) < 0)
		return EX_UNAVAILABLE;
	rc = start_listening(d, c, uid, gid, st);
	if (rc != EX_OK)
		milter_unlisten(c);
	return rc;
}

/*
 * reload - SIGUSR1, on the signal thread: a new configuration for the
 * messages that begin from now on, or the one in use is kept.
 */
static void
reload(void *arg)
{
	const struct options *o = arg;
	struct conf *old = milter_conf_get(), *fresh = NULL;
	const char *changed[CONF_RESTART_KEYS + 1];
	char	err[CONF_ERRLEN];
	size_t	n;

	if (old == NULL)
		return;		/* stopped serving */
	if (load(o, &fresh, err) < 0 || check_dir(fresh, "spool_directory",
	    fresh->spool_directory, W_OK | X_OK, err) < 0)
		log_msg(LOG_ERR, "reload: %s; the configuration in use is kept",
		    err);
	else {
		n = conf_keep_restart(fresh, old, changed);
		for (size_t i = 0; i < n; i++)
			log_msg(LOG_WARNING, "reload: %s changed; needs a "
			    "restart, old value kept", changed[i]);
		milter_conf_set(fresh);
		log_msg(LOG_INFO, "reload: %s loaded for new messages",
		    fresh->path);
	}
	conf_free(fresh);
	conf_free(old);
}

/* signal_name - for the log. */
static const char *
signal_name(int sig)
{
	switch (sig) {
	case SIGTERM: return "SIGTERM";
	case SIGHUP: return "SIGHUP";
	case SIGINT: return "SIGINT";
	default: return "signal";
	}
}

/* serve - the milter thread. */
static int
serve(void *st)
{
	return milter_serve(st);
}

/*
 * drain - let messages in progress finish, up to stop_timeout, before
 * libmilter is told to stop: it would no longer serve them.  A second
 * stop signal cuts it short.  Returns how many are left.
 */
static unsigned
drain(const struct daemon *d, int sig)
{
	struct conf *c = milter_conf_get();
	gint64	end = g_get_monotonic_time() + (gint64)c->stop_timeout *
	    G_TIME_SPAN_SECOND;
	unsigned left;

	milter_refuse_new();
	if ((left = milter_in_progress()) > 0)
		log_msg(LOG_INFO, "%s: stopping once %u message(s) in progress "
		    "are done (stop_timeout %zu s)", signal_name(sig), left,
		    c->stop_timeout);
	/* libmilter may have taken a signal itself: it serves no one then */
	while ((left = milter_in_progress()) > 0 && !daemon_done(d) &&
	    g_get_monotonic_time() < end)
		if ((sig = daemon_next_signal(200)) > 0) {
			log_msg(LOG_WARNING, "%s during the stop: stopping now",
			    signal_name(sig));
			break;
		}
	conf_free(c);
	return left;
}

/*
 * run_until_stopped - reloads until a stop signal; returns the exit
 * status.  Messages still in progress at the end are abandoned to the
 * MTA's default action.
 */
static int
run_until_stopped(struct daemon *d, const struct options *o)
{
	int	sig = daemon_wait(d, reload, (void *)o);
	unsigned left;

	if (sig > 0) {
		(void)drain(d, sig);
		milter_stop();
	}
	if (daemon_join(d) < 0)
		return EX_UNAVAILABLE;
	if ((left = milter_in_progress()) > 0) {
		log_msg(LOG_WARNING, "stopping with %u message(s) in progress: "
		    "the MTA applies its milter default action", left);
		return EX_TEMPFAIL;
	}
	return EX_OK;
}

/* run_daemon - start, serve until stopped, clean up. */
static int
run_daemon(const struct options *o, struct conf *c)
{
	struct daemon d;
	struct store *st = NULL;
	struct statsfile *sf = NULL;
	char	v[32], err[DAEMON_ERRLEN];
	int	rc;

	daemon_init(&d);
	/* first: a reload signal must not kill a starting daemon */
	if (daemon_signals_block(err) < 0 ||
	    (!o->foreground && daemon_detach(&d, err) < 0)) {
		fprintf(stderr, PROGRAM ": %s\n", err);
		return EX_OSERR;
	}
	log_open(PROGRAM, c->syslog_facility, o->foreground);
	warn_permissions(c);
	raise_nofile();
	/* a file size limit must fail a database write, not kill the daemon */
	(void)signal(SIGXFSZ, SIG_IGN);
	milter_version(v, sizeof(v));
	log_msg(LOG_INFO, "starting " PROGRAM " " VERSION " (libmilter %s) "
	    "config=%s database=%s", v, c->path, c->database);
	rc = start(&d, c, &st);
	if (rc == EX_OK) {
		milter_conf_set(c);
		if (daemon_spawn(&d, serve, st, err) < 0) {
			rc = logged(err, EX_OSERR);
			milter_unlisten(c);
		}
	}
	daemon_ready(&d, rc);
	if (rc == EX_OK) {
		/* started after the signals are blocked, like every thread */
		if (*c->stats_file)
			sf = statsfile_start(c->stats_file,
			    (unsigned)c->stats_interval, milter_counters());
		rc = run_until_stopped(&d, o);
		statsfile_stop(sf);
	}
	if (daemon_pid_remove(&d, err) < 0)
		log_msg(LOG_WARNING, "%s (the next start finds it stale)", err);
	log_msg(rc == EX_OK ? LOG_INFO : LOG_ERR, "stopping%s",
	    rc == EX_OK ? "" : " after an error");
	/* messages in progress may still use the store and the configuration */
	if (rc == EX_TEMPFAIL)
		_exit(rc);
	milter_conf_set(NULL);
	store_close(st);
	return rc;
}

/* run_test_db - the dry run against the configured database. */
static int
run_test_db(const struct options *o, const struct conf *c)
{
	struct store *st = NULL;
	char	serr[STORE_ERRLEN];
	int	rc;

	if (g_mkdir_with_parents(c->database, 0700) < 0) {
		fprintf(stderr, "%s: database: %s: %s\n", c->path, c->database,
		    g_strerror(errno));
		return EX_CONFIG;
	}
	if (store_open(c->database, c->database_size, STORE_WRITE, &st,
	    serr) < 0) {
		fprintf(stderr, "%s: %s\n", c->path, serr);
		return EX_CONFIG;
	}
	rc = run_test(o, c, st);
	store_close(st);
	return rc;
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct conf *c = NULL;
	char	err[CONF_ERRLEN];
	int	rc;

	o.rcpts = g_ptr_array_new_with_free_func(g_free);
	if (parse_options(argc, argv, &o) < 0) {
		usage(stderr);
		g_ptr_array_unref(o.rcpts);
		return EX_USAGE;
	}
	if (load(&o, &c, err) < 0 ||
	    (!o.test_file && check_runtime(c, err) < 0)) {
		fprintf(stderr, "%s\n", err);
		conf_free(c);
		g_ptr_array_unref(o.rcpts);
		return EX_CONFIG;
	}
	if (o.check_only) {
		warn_permissions(c);
		conf_free(c);
		g_ptr_array_unref(o.rcpts);
		return EX_OK;
	}
	g_mime_init();
	/* libxml2's global state is set up once, before any thread */
	xmlInitParser();
	rc = o.test_file ? run_test_db(&o, c) : run_daemon(&o, c);
	conf_free(c);
	xmlCleanupParser();
	g_mime_shutdown();
	g_ptr_array_unref(o.rcpts);
	return rc;
}
