/*
 * NAME
 *	main - the support-milter command: daemon, -n check and --test
 * SYNOPSIS
 *	support-milter [-f] [-c FILE] [-p SOCKET] [--db DIR]
 *	support-milter -n [-c FILE]
 *	support-milter [-c FILE] --test FILE.eml --from ADDR --rcpt ADDR ...
 *	    [--client IP] [--auth USER] [--db DIR] [--json] [--now SECONDS]
 * DESCRIPTION
 *	Start-up is the only place the process exits on an error, always
 *	with a message that names the file and the reason.  --test runs the
 *	same core on the same spool as the daemon, against the same database.
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
#include "log.h"
#include "milter.h"
#include "perms.h"
#include "report.h"
#include "spool.h"
#include "store.h"

#define PROGRAM		"support-milter"
#ifndef VERSION
#define VERSION		"0.1.0"
#endif

struct options {
	const char *conf_file;
	const char *socket;
	const char *db;
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
	    "usage: " PROGRAM " [-f] [-c FILE] [-p SOCKET] [--db DIR]\n"
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
	    "      --now SECONDS  the time to decide at, for reproducible tests\n");
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
	while ((ch = getopt_long(argc, argv, "c:fp:nVh", long_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'c': o->conf_file = optarg; break;
		case 'f': o->foreground = true; break;
		case 'p': o->socket = optarg; break;
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

/* check_dir - a directory the daemon must be able to use with how. */
static int
check_dir(const struct conf *c, const char *key, const char *dir, int how)
{
	struct stat st;

	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    access(dir, how) < 0) {
		fprintf(stderr, "%s: %s: %s: %s\n", c->path, key, dir,
		    errno ? g_strerror(errno) : "not a directory");
		return -1;
	}
	return 0;
}

/*
 * check_runtime - what the configuration names must exist: the daemon
 * would fail on it at start-up, so -n fails on it too.
 */
static int
check_runtime(const struct conf *c)
{
	const char *sock = NULL;

	if (g_str_has_prefix(c->socket, "unix:") ||
	    g_str_has_prefix(c->socket, "local:"))
		sock = strchr(c->socket, ':') + 1;
	if (*c->socket_group && getgrnam(c->socket_group) == NULL) {
		fprintf(stderr, "%s: socket_group: unknown group \"%s\"\n",
		    c->path, c->socket_group);
		return -1;
	}
	if (sock) {
		char	*dir = g_path_get_dirname(sock);
		int	rc = check_dir(c, "socket", dir, W_OK | X_OK);

		g_free(dir);
		if (rc < 0)
			return -1;
	}
	errno = 0;
	if (check_dir(c, "spool_directory", c->spool_directory,
	    W_OK | X_OK) < 0)
		return -1;
	errno = 0;
	if (access(c->database, F_OK) < 0) {
		/* created at start-up: its parent must be writable */
		char	*parent = g_path_get_dirname(c->database);
		int	rc = check_dir(c, "database", parent, W_OK | X_OK);

		g_free(parent);
		return rc;
	}
	/* one we cannot write is opened read-only (perms.h warns): the
	 * daemon serves, and support mail gets on_store_error */
	return check_dir(c, "database", c->database, R_OK | X_OK);
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
	struct spool *sp = spool_new(c->spool_directory, c->spill_size,
	    SIZE_MAX);
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

/* detach - go to the background, away from the terminal. */
static int
detach(void)
{
	pid_t	pid = fork();

	if (pid < 0)
		return -1;
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		return -1;
	if (chdir("/") < 0)
		return -1;
	(void)!freopen("/dev/null", "r", stdin);
	(void)!freopen("/dev/null", "w", stdout);
	(void)!freopen("/dev/null", "w", stderr);
	return 0;
}

/* run_daemon - serve until libmilter stops. */
static int
run_daemon(const struct options *o, const struct conf *c, struct store *st)
{
	char	v[32];
	int	rc;

	if (!o->foreground && detach() < 0) {
		fprintf(stderr, PROGRAM ": cannot detach: %s\n", g_strerror(errno));
		return EX_OSERR;
	}
	log_open(PROGRAM, c->syslog_facility, o->foreground);
	warn_permissions(c);
	raise_nofile();
	/* a file size limit must fail a database write, not kill the daemon */
	(void)signal(SIGXFSZ, SIG_IGN);
	if (store_read_only(st))
		log_msg(LOG_WARNING, "store %s: read-only for this process: "
		    "support mail gets on_store_error (%s)", c->database,
		    conf_failure_name(c->on_failure[FAIL_STORE]));
	milter_version(v, sizeof(v));
	log_msg(LOG_INFO, "starting " PROGRAM " " VERSION " (libmilter %s) "
	    "config=%s database=%s", v, c->path, c->database);
	rc = milter_run(c, st);
	log_msg(rc == 0 ? LOG_INFO : LOG_ERR, "stopping%s",
	    rc == 0 ? "" : " after an error");
	return rc == 0 ? EX_OK : EX_UNAVAILABLE;
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct conf *c = NULL;
	struct store *st = NULL;
	char	err[CONF_ERRLEN], serr[STORE_ERRLEN];
	int	rc;

	o.rcpts = g_ptr_array_new_with_free_func(g_free);
	if (parse_options(argc, argv, &o) < 0) {
		usage(stderr);
		return EX_USAGE;
	}
	if (conf_load(o.conf_file, &c, err) < 0) {
		fprintf(stderr, "%s\n", err);
		return EX_CONFIG;
	}
	if (o.socket)
		(void)conf_override(c, "socket", o.socket);
	if (o.db)
		(void)conf_override(c, "database", o.db);
	if (!o.test_file && check_runtime(c) < 0) {
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
	if (g_mkdir_with_parents(c->database, 0700) < 0) {
		fprintf(stderr, "%s: database: %s: %s\n", c->path, c->database,
		    g_strerror(errno));
		rc = EX_CONFIG;
	} else if (store_open(c->database, c->database_size, STORE_WRITE, &st,
	    serr) < 0) {
		fprintf(stderr, "%s: %s\n", c->path, serr);
		rc = EX_CONFIG;
	} else if (o.test_file)
		rc = run_test(&o, c, st);
	else
		rc = run_daemon(&o, c, st);
	store_close(st);
	conf_free(c);
	xmlCleanupParser();
	g_mime_shutdown();
	g_ptr_array_unref(o.rcpts);
	return rc;
}
