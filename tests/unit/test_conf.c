/*
 * test_conf - the configuration: defaults, every kind of bad value with its
 * FILE:LINE message, and the table kept in step with conf/ and the man page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <cmocka.h>
#include <glib.h>

#include "testlib.h"

static void
test_defaults(void **state)
{
	struct conf *c = testlib_conf("# nothing set\n");

	(void)state;
	assert_string_equal(c->support_addresses[0], "support@example.com");
	assert_null(c->support_addresses[1]);
	assert_string_equal(c->socket, "unix:/run/support-milter/support-milter.sock");
	assert_string_equal(c->database, "/var/lib/support-milter");
	assert_int_equal(c->socket_mode, 0660);
	assert_int_equal(c->cc_only_action, POLICY_REJECT);
	assert_int_equal(c->bcc_action, POLICY_WARN);
	assert_int_equal(c->multi_recipient_action, POLICY_WARN);
	assert_int_equal(c->on_failure[FAIL_STORE], FAILURE_TEMPFAIL);
	assert_int_equal(c->on_failure[FAIL_INTERNAL], FAILURE_TEMPFAIL);
	assert_int_equal(c->on_failure[FAIL_OVERSIZE], FAILURE_ACCEPT);
	assert_int_equal(c->on_failure[FAIL_UNPARSEABLE], FAILURE_ACCEPT);
	assert_string_equal(c->stats_file, "");
	assert_null(c->exempt_senders[0]);
	assert_int_equal(c->spill_size, 2 * 1024 * 1024);
	assert_int_equal(c->spool_memory, 16 * 1024 * 1024);
	assert_int_equal(c->max_message_size, 50 * 1024 * 1024);
	assert_int_equal(c->syslog_facility, LOG_MAIL);
	assert_string_equal(c->guidance_reply[0],
	    "Your message to ${support_address} was not accepted.");
	conf_free(c);
}

static void
test_values(void **state)
{
	struct conf *c = testlib_conf(
	    "support_addresses = [ \"Help@Example.ORG\", \"b@c.d\" ];\n"
	    "socket = \"inet:8891@127.0.0.1\";\n"
	    "socket_mode = \"0600\";\n"
	    "database_size = 2097152;\n"
	    "spill_size = \"64K\";\n"
	    "max_message_size = \"2G\";\n"
	    "syslog_facility = \"local3\";\n"
	    "cc_only_action = \"warn\";\n"
	    "multi_recipient_action = \"remove\";\n"
	    "on_store_error = \"accept\";\n"
	    "on_oversize = \"reject\";\n"
	    "on_unparseable = \"quarantine\";\n"
	    "stats_file = \"/var/lib/prom/support-milter.prom\";\n");

	(void)state;
	assert_string_equal(c->support_addresses[0], "help@example.org");
	assert_string_equal(c->support_addresses[1], "b@c.d");
	assert_string_equal(c->socket, "inet:8891@127.0.0.1");
	assert_int_equal(c->socket_mode, 0600);
	assert_int_equal(c->database_size, 2097152);
	assert_int_equal(c->spill_size, 65536);
	assert_int_equal(c->max_message_size, (size_t)2 << 30);
	assert_int_equal(c->syslog_facility, LOG_LOCAL3);
	assert_int_equal(c->cc_only_action, POLICY_WARN);
	assert_int_equal(c->multi_recipient_action, POLICY_REMOVE);
	assert_int_equal(c->on_failure[FAIL_STORE], FAILURE_ACCEPT);
	assert_int_equal(c->on_failure[FAIL_OVERSIZE], FAILURE_REJECT);
	assert_int_equal(c->on_failure[FAIL_UNPARSEABLE], FAILURE_QUARANTINE);
	assert_string_equal(c->stats_file, "/var/lib/prom/support-milter.prom");
	conf_free(c);
}

/* Relative paths are relative to the file, so conf/ works from anywhere. */
static void
test_relative_paths(void **state)
{
	char	*path = testlib_write("database = \"db\";\n"
	    "socket = \"unix:../run/x.sock\";\n");
	char	*dir = g_path_get_dirname(path);
	char	*parent = g_path_get_dirname(dir);
	char	*want_db = g_build_filename(dir, "db", NULL);
	char	*sock = g_build_filename(parent, "run", "x.sock", NULL);
	char	*want_sock = g_strconcat("unix:", sock, NULL);
	struct conf *c;
	char	err[CONF_ERRLEN];

	(void)state;
	assert_int_equal(conf_load(path, &c, err), 0);
	assert_string_equal(c->database, want_db);
	assert_string_equal(c->socket, want_sock);
	assert_int_equal(conf_override(c, "database", "/srv/db"), 0);
	assert_string_equal(c->database, "/srv/db");
	assert_int_equal(conf_override(c, "socket_mode", "0600"), -1);
	conf_free(c);
	(void)unlink(path);
	g_free(path); g_free(dir); g_free(parent); g_free(want_db); g_free(want_sock);
	g_free(sock);
}

static const struct {
	const char *name;
	const char *text;
	const char *want;	/* the error, file name shown as FILE */
} bad_cases[] = {
	{"unknown key", "socket_mode = \"0600\";\nsupport_adresses = [ \"a@b\" ];\n",
	 "FILE:2: unknown setting \"support_adresses\""},
	{"syntax", "socket = \"unix:/x\"\ncc_only_action = ;\n",
	 "FILE:2: syntax error"},
	{"policy word", "\n\ncc_only_action = \"bounce\";\n",
	 "FILE:3: cc_only_action: \"bounce\" is not one of accept, warn, reject"},
	{"remove only for multi", "bcc_action = \"remove\";\n",
	 "FILE:1: bcc_action: \"remove\" is not one of accept, warn, reject"},
	{"multi word", "multi_recipient_action = \"reject\";\n",
	 "FILE:1: multi_recipient_action: \"reject\" is not one of warn, remove"},
	{"failure word", "on_store_error = \"discard\";\n",
	 "FILE:1: on_store_error: \"discard\" is not one of accept, tempfail, reject, quarantine"},
	{"wrong type", "socket = 25;\n", "FILE:1: socket: expected a string"},
	{"socket scheme", "socket = \"tcp:25\";\n",
	 "FILE:1: socket: \"tcp:25\" is not unix:PATH, inet:PORT@HOST or inet6:PORT@HOST"},
	{"socket port", "socket = \"inet:99999@localhost\";\n",
	 "FILE:1: socket: bad port in \"inet:99999@localhost\""},
	{"mode", "socket_mode = \"0999\";\n", "FILE:1: socket_mode: bad octal mode \"0999\""},
	{"size word", "spill_size = \"lots\";\n", "FILE:1: spill_size: bad size \"lots\""},
	{"size range", "spill_size = 10;\n",
	 "FILE:1: spill_size: 10 is out of range 4096..1073741824"},
	{"facility", "syslog_facility = \"kern\";\n",
	 "FILE:1: syslog_facility: unknown facility \"kern\""},
	{"address", "support_addresses = [ \"support\" ];\n",
	 "FILE:1: support_addresses: \"support\" is not an address of the form local@domain"},
	{"address list", "support_addresses = \"support@example.com\";\n",
	 "FILE:1: support_addresses: expected a list of strings"},
	{"empty list", "support_addresses = [ ];\n",
	 "FILE:1: support_addresses: expected a list of strings"},
	{"header name", "header_name = \"X-Bad: name\";\n",
	 "FILE:1: header_name: bad header name \"X-Bad: name\""},
	{"empty path", "database = \"\";\n", "FILE:1: database: empty path"},
	{"stop_timeout range", "stop_timeout = 7200;\n",
	 "FILE:1: stop_timeout: 7200 is out of range 0..3600"},
	{"guidance ascii", "guidance_reply = [ \"Gr\xc3\xbc\xc3\x9f Gott\" ];\n",
	 "FILE:1: guidance_reply: line 1 has a character that is not printable ASCII"},
	{"guidance variable", "guidance_reply = [ \"ok\", \"${sender}\" ];\n",
	 "FILE:1: guidance_reply: line 2 has an unknown ${...} variable"},
};

static void
test_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		struct conf *c = NULL;
		char	err[CONF_ERRLEN] = "";

		if (testlib_conf_result(bad_cases[i].text, &c, err) == 0) {
			conf_free(c);
			fail_msg("%s: loaded, want \"%s\"", bad_cases[i].name,
			    bad_cases[i].want);
		}
		if (!g_str_has_prefix(err, bad_cases[i].want))
			fail_msg("%s: got \"%s\", want \"%s\"", bad_cases[i].name,
			    err, bad_cases[i].want);
	}
}

/* A reload keeps the values of the settings only read at start-up. */
static const struct {
	const char *name;
	const char *text;	/* the reloaded file; the old one sets nothing */
	const char *want;	/* changed keys, space-separated */
} restart_cases[] = {
	{"nothing changed", "# nothing\n", ""},
	{"reloadable only", "cc_only_action = \"warn\";\nstop_timeout = 5;\n", ""},
	{"socket", "socket = \"inet:25@127.0.0.1\";\n", "socket"},
	{"every kind", "socket_mode = \"0600\";\ndatabase = \"/srv/db\";\n"
	 "database_size = \"2G\";\nsyslog_facility = \"local1\";\n"
	 "user = \"nobody\";\npid_file = \"/run/x.pid\";\n"
	 "socket_group = \"mail\";\n",
	 "socket_mode socket_group database database_size syslog_facility user "
	 "pid_file"},
};

static void
test_keep_restart(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(restart_cases); i++) {
		struct conf *old = testlib_conf("# defaults\n");
		struct conf *fresh = testlib_conf(restart_cases[i].text);
		const char *changed[CONF_RESTART_KEYS + 1];
		size_t	n = conf_keep_restart(fresh, old, changed);
		char	*got = g_strjoinv(" ", (char **)changed);

		if (strcmp(got, restart_cases[i].want) != 0 ||
		    n != g_strv_length((char **)changed))
			fail_msg("%s: changed \"%s\", want \"%s\"",
			    restart_cases[i].name, got, restart_cases[i].want);
		/* the old values stay in use */
		assert_string_equal(fresh->socket, old->socket);
		assert_string_equal(fresh->database, old->database);
		assert_string_equal(fresh->user, old->user);
		assert_string_equal(fresh->pid_file, old->pid_file);
		assert_int_equal(fresh->socket_mode, old->socket_mode);
		assert_int_equal(fresh->database_size, old->database_size);
		assert_int_equal(fresh->syslog_facility, old->syslog_facility);
		g_free(got);
		conf_free(fresh);
		conf_free(old);
	}
}

/* A reference keeps the configuration alive after its first holder lets go. */
static void
test_ref(void **state)
{
	struct conf *c = testlib_conf("cc_only_action = \"warn\";\n");
	struct conf *r = conf_ref(c);

	(void)state;
	assert_ptr_equal(r, c);
	conf_free(c);
	assert_int_equal(r->cc_only_action, POLICY_WARN);
	conf_free(r);
}

/* pid_file: "" is none; a relative path is relative to the file. */
static void
test_pid_file(void **state)
{
	struct conf *c = testlib_conf("# nothing set\n");

	(void)state;
	assert_string_equal(c->pid_file, "");
	assert_string_equal(c->user, "");
	assert_int_equal(c->stop_timeout, 60);
	assert_int_equal(conf_override(c, "pid_file", "/run/sm.pid"), 0);
	assert_string_equal(c->pid_file, "/run/sm.pid");
	assert_int_equal(conf_override(c, "pid_file", ""), 0);
	assert_string_equal(c->pid_file, "");
	assert_int_equal(conf_override(c, "user", "nobody"), 0);
	assert_string_equal(c->user, "nobody");
	conf_free(c);
	c = testlib_conf("pid_file = \"run/sm.pid\";\n");
	assert_true(g_path_is_absolute(c->pid_file));
	assert_true(g_str_has_suffix(c->pid_file, "/run/sm.pid"));
	conf_free(c);
}

/* libmilter's limits on a reply: 32 lines of 980 characters, '%' doubled. */
static void
test_guidance_limits(void **state)
{
	GString	*t = g_string_new("guidance_reply = [");
	struct conf *c = NULL;
	char	err[CONF_ERRLEN];

	(void)state;
	for (int i = 0; i < 33; i++)
		g_string_append_printf(t, "%s\"line %d\"", i ? ", " : " ", i);
	g_string_append(t, " ];\n");
	assert_int_equal(testlib_conf_result(t->str, &c, err), -1);
	assert_string_equal(err, "FILE:1: guidance_reply: more than 32 entries");

	/* 490 '%' are 980 characters once doubled: allowed; 491 are not */
	g_string_assign(t, "guidance_reply = [ \"");
	for (int i = 0; i < 490; i++)
		g_string_append_c(t, '%');
	g_string_append(t, "\" ];\n");
	c = testlib_conf(t->str);
	conf_free(c);
	g_string_insert_c(t, 20, '%');
	assert_int_equal(testlib_conf_result(t->str, &c, err), -1);
	assert_string_equal(err,
	    "FILE:1: guidance_reply: line 1 has more than 980 characters");

	/* the longest support address counts where the variable stands */
	g_string_assign(t, "support_addresses = [ \"a@b.c\", \"");
	for (int i = 0; i < 970; i++)
		g_string_append_c(t, 'x');
	g_string_append(t, "@example.com\" ];\nguidance_reply = [ \"${support_address}\" ];\n");
	assert_int_equal(testlib_conf_result(t->str, &c, err), -1);
	assert_string_equal(err,
	    "FILE:2: guidance_reply: line 1 has more than 980 characters");
	(void)g_string_free(t, TRUE);
}

/* read_file - a file of the source tree (tests run from the top). */
static char *
read_file(const char *path)
{
	char	*text = NULL;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		fail_msg("cannot read %s", path);
	return text;
}

/* squeeze - text without white space, to compare defaults across layouts. */
static char *
squeeze(const char *s)
{
	GString	*o = g_string_new(NULL);

	for (; *s; s++)
		if (!g_ascii_isspace(*s))
			g_string_append_c(o, *s);
	return g_string_free(o, FALSE);
}

/*
 * conf_default_of - the "# default:" text of key in conf/support-milter.conf,
 * with its "#   " continuation lines; NULL when the key is not documented.
 */
static char *
conf_default_of(char **lines, const char *key)
{
	char	*head = g_strconcat("# ", key, ":", NULL);
	GString	*d = NULL;

	for (char **l = lines; *l && d == NULL; l++) {
		if (!g_str_has_prefix(*l, head))
			continue;
		for (l++; *l && g_str_has_prefix(*l, "#"); l++) {
			if (d == NULL && g_str_has_prefix(*l, "# default:"))
				d = g_string_new(*l + 10);
			else if (d && g_str_has_prefix(*l, "#   "))
				g_string_append(d, *l + 1);
			else if (d)
				break;
		}
		break;
	}
	g_free(head);
	return d ? g_string_free(d, FALSE) : NULL;
}

/* Every key of the table is documented, with its default, in conf/ and man. */
static void
test_documented(void **state)
{
	char	*conf_text = read_file("conf/support-milter.conf");
	char	*man = read_file("docs/support-milter.conf.5");
	char	**lines = g_strsplit(conf_text, "\n", -1);
	struct conf *c = NULL;
	char	err[CONF_ERRLEN];

	(void)state;
	for (const struct conf_key *k = conf_keys(); k->name; k++) {
		char	*def = conf_default_of(lines, k->name);
		char	*set = g_strdup_printf("\n%s = ", k->name);
		char	*mank = g_strdup_printf("\n.B %s\n", k->name);
		char	*a, *b;

		if (def == NULL)
			fail_msg("conf/support-milter.conf: no \"# %s:\" with a "
			    "\"# default:\" line", k->name);
		a = squeeze(def);
		b = squeeze(k->def);
		if (strcmp(a, b) != 0)
			fail_msg("conf/support-milter.conf: %s: default %s, the "
			    "code says %s", k->name, def, k->def);
		if (strstr(conf_text, set) == NULL)
			fail_msg("conf/support-milter.conf: %s is not set", k->name);
		if (strstr(man, mank) == NULL)
			fail_msg("docs/support-milter.conf.5: no \".B %s\"", k->name);
		g_free(a); g_free(b); g_free(def); g_free(set); g_free(mank);
	}
	/* and the shipped file itself loads */
	assert_int_equal(conf_load("conf/support-milter.conf", &c, err), 0);
	conf_free(c);
	g_strfreev(lines);
	g_free(conf_text);
	g_free(man);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_relative_paths),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_guidance_limits),
		cmocka_unit_test(test_documented),
		cmocka_unit_test(test_keep_restart),
		cmocka_unit_test(test_ref),
		cmocka_unit_test(test_pid_file),
	};

	return cmocka_run_group_tests_name("conf", tests, NULL, NULL);
}
