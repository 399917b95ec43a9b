/*
 * NAME
 *	dbtool - support-milter-db, the administrator's view of the database
 * SYNOPSIS
 *	support-milter-db [-c FILE] [--db DIR] COMMAND [ARGS]
 * DESCRIPTION
 *	Looks up Message-IDs and tickets, dumps, counts, prunes, backs up and
 *	verifies the database of support-milter.  It goes through store.h
 *	only, so store.c stays the one file that knows LMDB and the record
 *	formats are read the way the daemon writes them.
 *
 *	Every command may run while the daemon runs: LMDB lets any number of
 *	processes read while one writes.  Each table is read in a read
 *	transaction of its own, which lasts one walk.  A reader that dies
 *	inside a transaction leaves its slot behind, and the snapshot it
 *	holds keeps the daemon from reusing pages until the slot is cleared;
 *	so SIGPIPE is ignored (a write error ends the walk) and SIGINT,
 *	SIGTERM and SIGHUP are held while the store is open: a walk stops at
 *	the next record, the store is closed, and then the signal acts.
 *
 *	Output that comes from the database is escaped: TSV and text escape
 *	tab, newline, backslash, control characters and bytes that are not
 *	UTF-8; JSON (RFC 8259) is always valid UTF-8.
 * DIAGNOSTICS
 *	Exit status 0; 1 when a Message-ID or ticket is unknown or verify
 *	finds problems; EX_USAGE, EX_CONFIG (the configuration file),
 *	EX_UNAVAILABLE (the store cannot be opened), EX_IOERR (a store
 *	read or write, the backup file or standard output failed).
 * SEE ALSO
 *	support-milter-db(8), dbverify.h, store.h, msgid.h
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>

#include <glib.h>

#include "archive.h"
#include "conf.h"
#include "dbverify.h"
#include "msgid.h"
#include "report.h"
#include "stats.h"
#include "store.h"

#define PROGRAM		"support-milter-db"
#ifndef VERSION
#define VERSION		"0.1.0"
#endif

#define EXIT_ABSENT	1	/* unknown Message-ID or ticket; problems */
#define ISO_LEN		32	/* "2024-05-01T12:00:00Z" and then some */
#define DAYS_MAX	365000	/* keeps DAYS * 86400 far from overflow */

/* Options a command accepts; CMD_AGE is also required by it. */
enum { CMD_JSON = 1 << 0, CMD_PROMETHEUS = 1 << 1, CMD_AGE = 1 << 2 };

struct tool;

struct command {
	const char *name;
	enum store_mode mode;
	unsigned options;	/* CMD_* */
	int	min_args, max_args;
	int	(*run)(struct tool *);
};

struct options {
	const char *conf_file;
	const char *db;
	bool	help, version;
	unsigned flags;		/* CMD_* given */
	const char *older_than;
	uint64_t days;
	const struct command *cmd;
	char	**args;		/* the command's operands */
	int	nargs;
};

/* What every command works with. */
struct tool {
	const struct options *o;
	struct store *st;
	char	err[STORE_ERRLEN];
	const char *dir;	/* the database directory */
};

enum { OPT_DB = 256, OPT_JSON, OPT_PROMETHEUS, OPT_OLDER_THAN };

static const struct option long_options[] = {
	{"config", required_argument, NULL, 'c'},
	{"db", required_argument, NULL, OPT_DB},
	{"version", no_argument, NULL, 'V'},
	{"help", no_argument, NULL, 'h'},
	{"json", no_argument, NULL, OPT_JSON},
	{"prometheus", no_argument, NULL, OPT_PROMETHEUS},
	{"older-than", required_argument, NULL, OPT_OLDER_THAN},
	{NULL, 0, NULL, 0}
};

/* usage - the synopsis, the commands and the options. */
static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: " PROGRAM " [-c FILE] [--db DIR] COMMAND [ARGS]\n"
	    "       " PROGRAM " -V | -h\n"
	    "\n"
	    "commands:\n"
	    "  lookup MESSAGE-ID        the ticket of a Message-ID, and its record\n"
	    "  ticket N                 a ticket's record and its messages\n"
	    "  dump [--json] [TABLE]    every record (of one table), one per line\n"
	    "  stats [--prometheus]     records per table, sizes, readers, next ticket\n"
	    "  prune --older-than DAYS  remove records older than DAYS days\n"
	    "  backup FILE              a consistent, compacted copy into a new FILE\n"
	    "  verify                   check every record and their links\n"
	    "\n"
	    "  -c, --config FILE  configuration file (default " CONF_DEFAULT_PATH ")\n"
	    "      --db DIR       database directory (overrides the configuration)\n"
	    "  -V, --version      print the version\n"
	    "  -h, --help         print this help\n"
	    "\n"
	    "tables: decisions msgids tickets ticket_msgs meta\n");
}

/* ---- formatting ------------------------------------------------------ */

/* iso_time - t as ISO 8601 UTC in buf, or "-" when it has no such form. */
static const char *
iso_time(time_t t, char buf[ISO_LEN])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		(void)g_strlcpy(buf, "-", ISO_LEN);
	return buf;
}

/* escaped - a new escaped copy of s. */
static char *
escaped(const char *s)
{
	GString	*o = g_string_new(NULL);

	dbverify_escape(o, s, strlen(s));
	return g_string_free(o, FALSE);
}

/* print_escaped - a "NAME VALUE" line, or the value alone for NULL. */
static void
print_escaped(const char *name, const char *s)
{
	char	*v = escaped(s);

	if (name)
		printf("%-12s %s\n", name, v);
	else
		printf("%s\n", v);
	g_free(v);
}

/*
 * interrupted - a held SIGINT, SIGTERM or SIGHUP waits: end the walk so
 * the transaction closes before the signal takes the process.
 */
static bool
interrupted(void)
{
	sigset_t p;

	if (sigpending(&p) < 0)
		return false;
	return sigismember(&p, SIGINT) == 1 || sigismember(&p, SIGTERM) == 1 ||
	    sigismember(&p, SIGHUP) == 1;
}

/* store_error - report a failed store call; the status to exit with. */
static int
store_error(const struct tool *t)
{
	fprintf(stderr, PROGRAM ": %s\n", t->err);
	return EX_IOERR;
}

/* ---- lookup, ticket -------------------------------------------------- */

/* cmd_lookup - the ticket of one Message-ID on the first line. */
static int
cmd_lookup(struct tool *t)
{
	char	*key = msgid_key(t->o->args[0]);
	struct store_msgid m;
	char	iso[ISO_LEN];
	int	rc;

	if (key == NULL) {
		/* nothing in the database can have this key */
		fprintf(stderr, PROGRAM ": lookup: not a Message-ID (empty, "
		    "too long or with control characters)\n");
		return EX_USAGE;
	}
	rc = store_lookup(t->st, key, &m, t->err);
	if (rc < 0)
		rc = store_error(t);
	else if (rc == 0) {
		fprintf(stderr, PROGRAM ": %s: not found\n", key);
		rc = EXIT_ABSENT;
	} else {
		print_escaped(NULL, m.ticket);
		print_escaped("message-id", key);
		print_escaped("ticket", m.ticket);
		printf("%-12s %s %lld\n", "time", iso_time(m.time, iso),
		    (long long)m.time);
		print_escaped("direction", m.direction);
		rc = EX_OK;
	}
	g_free(key);
	return rc;
}

/* What ticket N collects: its record and its messages. */
struct ticket_view {
	const char *ticket;
	char	*record;	/* the tickets value, or NULL */
	GPtrArray *msgs;	/* char *, Message-ID keys */
};

/* same_key - the record's key is the one asked for. */
static bool
same_key(const char *want, const void *k, size_t klen)
{
	return klen == strlen(want) && memcmp(k, want, klen) == 0;
}

/* ticket_record - keep the tickets value; keys are unique, so stop. */
static int
ticket_record(const void *k, size_t klen, const void *v, size_t vlen,
    void *ctx)
{
	struct ticket_view *tv = ctx;

	if (same_key(tv->ticket, k, klen))
		tv->record = g_strndup(v, vlen);
	return 1;
}

/* ticket_msg - keep one Message-ID of the ticket (valid past the walk). */
static int
ticket_msg(const void *k, size_t klen, const void *v, size_t vlen, void *ctx)
{
	struct ticket_view *tv = ctx;

	if (!same_key(tv->ticket, k, klen))
		return 1;
	g_ptr_array_add(tv->msgs, g_strndup(v, vlen));
	return interrupted() ? 1 : 0;
}

/* print_ticket_record - "FIRST\tLAST\tCOUNT\tSUBJECT" spelled out. */
static void
print_ticket_record(const char *record)
{
	char	**f = g_strsplit(record, "\t", 4);
	char	iso[ISO_LEN];
	uint64_t n;

	bool	whole = g_strv_length(f) == 4;

	if (!whole)
		print_escaped("record", record);	/* verify says more */
	for (int i = 0; i < 2 && whole; i++) {
		if (dbverify_parse_uint(f[i], &n))
			printf("%-12s %s %s\n", i ? "last" : "first",
			    iso_time((time_t)n, iso), f[i]);
		else
			print_escaped(i ? "last" : "first", f[i]);
	}
	if (whole) {
		print_escaped("count", f[2]);
		print_escaped("subject", f[3]);
	}
	g_strfreev(f);
}

/* print_ticket_msg - one message of a ticket with its msgids record. */
static int
print_ticket_msg(struct tool *t, const char *key)
{
	struct store_msgid m;
	GString	*line = g_string_new(NULL);
	char	iso[ISO_LEN];
	int	rc = store_lookup(t->st, key, &m, t->err);

	dbverify_escape(line, key, strlen(key));
	if (rc == 1) {
		g_string_append_printf(line, " %s %s %lld", m.direction,
		    iso_time(m.time, iso), (long long)m.time);
		if (strcmp(m.ticket, t->o->args[0]) != 0) {
			g_string_append(line, " (msgids says ticket ");
			dbverify_escape(line, m.ticket, strlen(m.ticket));
			g_string_append_c(line, ')');
		}
	} else if (rc == 0)
		g_string_append(line, " (no msgids record)");
	if (rc >= 0)
		printf("%-12s %s\n", "message", line->str);
	(void)g_string_free(line, TRUE);
	return rc < 0 ? -1 : 0;
}

/* cmd_ticket - a ticket's record and every message filed under it. */
static int
cmd_ticket(struct tool *t)
{
	struct ticket_view tv = { t->o->args[0], NULL, NULL };
	int	rc = EX_OK;

	tv.msgs = g_ptr_array_new_with_free_func(g_free);
	if (store_each(t->st, TABLE_TICKETS, tv.ticket, ticket_record, &tv,
	    t->err) < 0 || store_each(t->st, TABLE_TICKET_MSGS, tv.ticket,
	    ticket_msg, &tv, t->err) < 0)
		rc = store_error(t);
	else if (tv.record == NULL && tv.msgs->len == 0) {
		fprintf(stderr, PROGRAM ": ticket %s: not found\n", tv.ticket);
		rc = EXIT_ABSENT;
	} else {
		print_escaped("ticket", tv.ticket);
		if (tv.record)
			print_ticket_record(tv.record);
		else
			printf("%-12s %s\n", "record", "(none: run verify)");
		printf("%-12s %u\n", "messages", tv.msgs->len);
		for (guint i = 0; i < tv.msgs->len && rc == EX_OK; i++)
			if (print_ticket_msg(t, tv.msgs->pdata[i]) < 0)
				rc = store_error(t);
	}
	g_free(tv.record);
	g_ptr_array_unref(tv.msgs);
	return rc;
}

/* ---- dump ------------------------------------------------------------ */

struct dump {
	enum store_table table;
	bool	json;
	GString	*line;
};

/* dump_record - one record as a TSV or a JSON line on stdout. */
static int
dump_record(const void *k, size_t klen, const void *v, size_t vlen,
    void *ctx)
{
	struct dump *d = ctx;
	const char *name = store_table_name(d->table);
	char	num[DBVERIFY_SEQ_LEN];

	if (d->table == TABLE_DECISIONS && dbverify_seq_key(k, klen, num)) {
		k = num;
		klen = strlen(num);
	}
	g_string_truncate(d->line, 0);
	if (d->json) {
		g_string_append(d->line, "{\"table\":");
		report_json_string(d->line, name, -1);
		g_string_append(d->line, ",\"key\":");
		report_json_string(d->line, k, (gssize)klen);
		g_string_append(d->line, ",\"value\":");
		report_json_string(d->line, v, (gssize)vlen);
		g_string_append(d->line, "}\n");
	} else {
		g_string_append(d->line, name);
		g_string_append_c(d->line, '\t');
		dbverify_escape(d->line, k, klen);
		g_string_append_c(d->line, '\t');
		dbverify_escape(d->line, v, vlen);
		g_string_append_c(d->line, '\n');
	}
	/* a reader gone (EPIPE) ends the walk and so the transaction */
	if (fwrite(d->line->str, 1, d->line->len, stdout) != d->line->len)
		return 1;
	return interrupted() ? 1 : 0;
}

/* table_by_name - the table called name, or TABLE_COUNT. */
static enum store_table
table_by_name(const char *name)
{
	int	t;

	for (t = 0; t < TABLE_COUNT; t++)
		if (strcmp(store_table_name(t), name) == 0)
			break;
	return (enum store_table)t;
}

/* cmd_dump - every record of every table, or of the one named. */
static int
cmd_dump(struct tool *t)
{
	struct dump d = { 0, (t->o->flags & CMD_JSON) != 0, NULL };
	int	first = 0, last = TABLE_COUNT - 1, rc = EX_OK;

	d.line = g_string_new(NULL);
	if (t->o->nargs == 1)
		first = last = table_by_name(t->o->args[0]);
	for (int i = first; i <= last && rc == EX_OK; i++) {
		d.table = i;
		if (store_each(t->st, d.table, NULL, dump_record, &d,
		    t->err) < 0)
			rc = store_error(t);
		else if (ferror(stdout) || interrupted())
			break;
	}
	(void)g_string_free(d.line, TRUE);
	return rc;
}

/* ---- stats, prune, backup -------------------------------------------- */

/* prometheus_gauge - one metric with its HELP and TYPE lines. */
static void
prometheus_gauge(const char *name, const char *help, uint64_t value)
{
	printf("# HELP support_milter_db_%s %s\n"
	    "# TYPE support_milter_db_%s gauge\n"
	    "support_milter_db_%s %" PRIu64 "\n", name, help, name, name,
	    value);
}

/* print_prometheus - the statistics in Prometheus' text format. */
static void
print_prometheus(const struct store_stats *s)
{
	printf("# HELP support_milter_db_entries Records in a table of the "
	    "database.\n# TYPE support_milter_db_entries gauge\n");
	for (int i = 0; i < TABLE_COUNT; i++)
		printf("support_milter_db_entries{table=\"%s\"} %zu\n",
		    store_table_name(i), s->entries[i]);
	prometheus_gauge("map_size_bytes", "Bytes of the database mapped "
	    "into memory.", s->map_size);
	prometheus_gauge("used_bytes", "Bytes of the database in use.",
	    s->used);
	prometheus_gauge("max_size_bytes", "The most the map may grow to.",
	    s->max_size);
	prometheus_gauge("readers", "Reader slots in use, this one included.",
	    s->readers);
	prometheus_gauge("next_ticket", "The next ticket number to allocate "
	    "(0: none allocated yet).", s->next_ticket);
}

/*
 * cmd_stats - entries per table, sizes, readers, the next ticket, and the
 * counters of the support mail recorded.
 */
static int
cmd_stats(struct tool *t)
{
	struct store_stats s;
	const char *keys[STATS_SERIES];
	uint64_t values[STATS_SERIES];
	GString	*text;

	for (int i = 0; i < STATS_SERIES; i++)
		keys[i] = stats_key((enum stats_series)i);
	if (store_stats(t->st, &s, t->err) < 0 ||
	    store_counters(t->st, keys, STATS_SERIES, values, t->err) < 0)
		return store_error(t);
	if (t->o->flags & CMD_PROMETHEUS) {
		print_prometheus(&s);
		text = g_string_new(NULL);
		stats_format(text, values, 0);
		fputs(text->str, stdout);
		(void)g_string_free(text, TRUE);
		return EX_OK;
	}
	for (int i = 0; i < TABLE_COUNT; i++)
		printf("%-12s %zu\n", store_table_name(i), s.entries[i]);
	printf("%-12s %zu\n%-12s %zu\n%-12s %zu\n%-12s %zu\n"
	    "%-12s %" PRIu64 "\n", "map_size", s.map_size, "used", s.used,
	    "max_size", s.max_size, "readers", s.readers, "next_ticket",
	    s.next_ticket);
	for (int i = 0; i < STATS_SERIES; i++)
		printf("%s %" PRIu64 "\n", keys[i], values[i]);
	return EX_OK;
}

/* cmd_prune - remove what is older than DAYS days, in one transaction. */
static int
cmd_prune(struct tool *t)
{
	static const enum store_table counted[] = {
		TABLE_DECISIONS, TABLE_MSGIDS, TABLE_TICKETS, TABLE_IMAGES,
		TABLE_SIGS
	};
	size_t	removed[TABLE_COUNT], files;
	time_t	cutoff = time(NULL) - (time_t)t->o->days * 86400;
	char	iso[ISO_LEN];

	if (store_prune(t->st, cutoff, removed, t->err) < 0)
		return store_error(t);
	/* archived originals go after the records that name them */
	if (archive_prune(t->dir, cutoff, &files, t->err) < 0) {
		fprintf(stderr, PROGRAM ": prune: %s\n", t->err);
		return EX_IOERR;
	}
	printf("%-12s %s %lld\n", "cutoff", iso_time(cutoff, iso),
	    (long long)cutoff);
	/* ticket_msgs entries go with their Message-ID or ticket, uncounted */
	for (size_t i = 0; i < G_N_ELEMENTS(counted); i++)
		printf("%-12s %zu\n", store_table_name(counted[i]),
		    removed[counted[i]]);
	printf("%-12s %zu\n", "archive", files);
	return EX_OK;
}

/* cmd_backup - a compacted copy into a new file, while the daemon runs. */
static int
cmd_backup(struct tool *t)
{
	const char *path = t->o->args[0];
	struct stat sb;

	/* it refuses an existing path: a backup never replaces a file */
	if (store_backup(t->st, path, t->err) < 0)
		return store_error(t);
	if (stat(path, &sb) < 0) {
		fprintf(stderr, PROGRAM ": backup: %s: %s\n", path,
		    g_strerror(errno));
		return EX_IOERR;
	}
	printf("%s %lld bytes\n", path, (long long)sb.st_size);
	return EX_OK;
}

/* ---- verify ---------------------------------------------------------- */

/* cmd_verify - every record on its own, then the links between tables. */
static int
cmd_verify(struct tool *t)
{
	size_t	checked, problems;
	int	rc = dbverify_run(t->st, interrupted, stdout, &checked,
	    &problems, t->err);

	if (rc == -1)
		return store_error(t);
	if (rc == DBVERIFY_STOPPED)
		return EX_IOERR;	/* a partial walk proves nothing */
	printf("verify: %zu records checked, %zu problems\n", checked,
	    problems);
	return problems ? EXIT_ABSENT : EX_OK;
}

/* ---- command line ---------------------------------------------------- */

static const struct command commands[] = {
	{"lookup", STORE_READ, 0, 1, 1, cmd_lookup},
	{"ticket", STORE_READ, 0, 1, 1, cmd_ticket},
	{"dump", STORE_READ, CMD_JSON, 0, 1, cmd_dump},
	{"stats", STORE_READ, CMD_PROMETHEUS, 0, 0, cmd_stats},
	{"prune", STORE_WRITE, CMD_AGE, 0, 0, cmd_prune},
	{"backup", STORE_READ, 0, 1, 1, cmd_backup},
	{"verify", STORE_READ, 0, 0, 0, cmd_verify},
};

/* find_command - the command called name, or NULL. */
static const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* check_command - what getopt cannot: operands, --older-than, TABLE. */
static int
check_command(struct options *o)
{
	const struct command *c = o->cmd;

	if (o->flags & ~c->options) {
		fprintf(stderr, PROGRAM ": %s: option not accepted here\n",
		    c->name);
		return -1;
	}
	if ((c->options & CMD_AGE) && !(o->flags & CMD_AGE)) {
		fprintf(stderr, PROGRAM ": %s needs --older-than DAYS\n",
		    c->name);
		return -1;
	}
	if (o->nargs < c->min_args || o->nargs > c->max_args) {
		fprintf(stderr, PROGRAM ": %s: wrong number of arguments\n",
		    c->name);
		return -1;
	}
	if (o->older_than && (!dbverify_parse_uint(o->older_than, &o->days) ||
	    o->days > DAYS_MAX)) {
		fprintf(stderr, PROGRAM ": --older-than: not a number of days "
		    "from 0 to %d\n", DAYS_MAX);
		return -1;
	}
	if (c->run == cmd_dump && o->nargs == 1 &&
	    table_by_name(o->args[0]) == TABLE_COUNT) {
		fprintf(stderr, PROGRAM ": dump: unknown table\n");
		return -1;
	}
	if (c->run == cmd_ticket && (*o->args[0] == '\0' ||
	    strlen(o->args[0]) >= STORE_TICKET_MAX)) {
		fprintf(stderr, PROGRAM ": ticket: not a ticket number\n");
		return -1;
	}
	return 0;
}

/*
 * parse_args - options, COMMAND and its operands.  GNU getopt takes
 * options anywhere, so "dump --json msgids" works; a Message-ID that
 * starts with "-" follows "--".
 */
static int
parse_args(int argc, char **argv, struct options *o)
{
	int	ch;

	o->conf_file = CONF_DEFAULT_PATH;
	while ((ch = getopt_long(argc, argv, "c:Vh", long_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'c': o->conf_file = optarg; break;
		case OPT_DB: o->db = optarg; break;
		case OPT_JSON: o->flags |= CMD_JSON; break;
		case OPT_PROMETHEUS: o->flags |= CMD_PROMETHEUS; break;
		case OPT_OLDER_THAN:
			o->flags |= CMD_AGE;
			o->older_than = optarg;
			break;
		case 'V': o->version = true; break;
		case 'h': o->help = true; break;
		default: return -1;
		}
	}
	if (o->help || o->version)
		return 0;
	if (optind == argc) {
		fprintf(stderr, PROGRAM ": no command\n");
		return -1;
	}
	if ((o->cmd = find_command(argv[optind])) == NULL) {
		fprintf(stderr, PROGRAM ": unknown command \"%s\"\n",
		    argv[optind]);
		return -1;
	}
	o->args = argv + optind + 1;
	o->nargs = argc - optind - 1;
	return check_command(o);
}

/*
 * signals_hold - hold SIGINT, SIGTERM and SIGHUP (those not ignored:
 * an ignored signal held would stay pending and stop walks for nothing)
 * and ignore SIGPIPE, so no signal ends the process inside a transaction.
 */
static void
signals_hold(sigset_t *held)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	(void)sigemptyset(held);
	for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++)
		if (sigaction(sigs[i], NULL, &sa) == 0 &&
		    sa.sa_handler != SIG_IGN)
			(void)sigaddset(held, sigs[i]);
	(void)sigprocmask(SIG_BLOCK, held, NULL);
	(void)signal(SIGPIPE, SIG_IGN);
}

/* run - open the store the way the command needs, and run it. */
static int
run(struct tool *t, const struct conf *c)
{
	const struct command *cmd = t->o->cmd;

	t->dir = c->database;
	if (store_open(c->database, c->database_size, cmd->mode, &t->st,
	    t->err) < 0) {
		fprintf(stderr, PROGRAM ": %s\n", t->err);
		return EX_UNAVAILABLE;
	}
	if (cmd->mode == STORE_WRITE && store_read_only(t->st)) {
		fprintf(stderr, PROGRAM ": %s: %s: the database is read-only "
		    "for this user\n", cmd->name, c->database);
		return EX_UNAVAILABLE;
	}
	return cmd->run(t);
}

/* main - parse, load the configuration, open the store, run a command. */
int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct tool t = { &o, NULL, "", NULL };
	struct conf *c = NULL;
	char	err[CONF_ERRLEN];
	sigset_t held;
	int	rc;

	if (parse_args(argc, argv, &o) < 0) {
		usage(stderr);
		return EX_USAGE;
	}
	if (o.help || o.version) {
		if (o.help)
			usage(stdout);
		else
			printf(PROGRAM " " VERSION "\n");
		return fflush(stdout) == 0 ? EX_OK : EX_IOERR;
	}
	if (conf_load(o.conf_file, &c, err) < 0) {
		fprintf(stderr, "%s\n", err);
		return EX_CONFIG;
	}
	if (o.db)
		(void)conf_override(c, "database", o.db);
	signals_hold(&held);
	rc = run(&t, c);
	store_close(t.st);
	conf_free(c);
	if ((fflush(stdout) != 0 || ferror(stdout)) && rc != EX_IOERR) {
		fprintf(stderr, PROGRAM ": standard output: %s\n",
		    g_strerror(errno));
		rc = EX_IOERR;
	}
	/* the store is closed: a held signal may now end the process */
	(void)sigprocmask(SIG_UNBLOCK, &held, NULL);
	return rc;
}
