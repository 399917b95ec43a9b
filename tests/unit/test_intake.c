/*
 * test_intake - the stated severity, the details checklist and the intake
 * headers as support receives them: what counts as a statement (and what
 * does not), which details the default patterns find in English and
 * German, replies versus new requests, forged headers, the guidance
 * reply's ${checklist} lines, and the settings that are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "checklist.h"
#include "core.h"
#include "severity.h"
#include "testlib.h"

#define SUPPORT		"<support@example.com>"
#define NOW		1795600000	/* Wed, 25 Nov 2026 09:46:40 UTC */

static const struct {
	const char *subject, *text;
	int	want;
	const char *stated;
} severities[] = {
	{"Severity 1: portal down", "", 1, "Severity 1"},
	{"[S2] Export fails", "", 2, "[S2]"},
	{"Export fails", "Hello,\n\nSeverity: 3\nthe export fails.\n", 3,
	 "Severity: 3"},
	{"Export fails", "Sev 2 - the export fails for half the team.\n", 2,
	 "Sev 2"},
	{"Export fails", "sev-1 please\n", 1, "sev-1"},
	{"Export fails", "Severity level 4\n", 4, "Severity level 4"},
	{"Export", "Schweregrad 2\nDer Export bricht ab.\n", 2, "Schweregrad 2"},
	{"SEVERITY\t3 export", "", 3, "SEVERITY 3"},
	{"Portal down", "It is critical for us.\n", 5, NULL},
	{"Severity 12 is not a level", "", 5, NULL},
	{"Severity 6", "", 5, NULL},
	{"Several 2 items", "", 5, NULL},
	{"Version 2.1 crashes", "", 5, NULL},
	/* only the first lines are read: a log line deep down is no statement */
	{"Crash", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nSeverity 1 in the log\n", 5,
	 NULL},
	/* the Subject wins over the text */
	{"Sev 2", "Severity 1\n", 2, "Sev 2"},
};

static void
test_severity(void **state)
{
	static const char *const words[] = { "Severity", "Sev", "Schweregrad",
	    NULL };
	char	err[256];
	struct severity_rules *r = severity_rules_new(words, err, sizeof(err));

	(void)state;
	assert_non_null(r);
	for (size_t i = 0; i < G_N_ELEMENTS(severities); i++) {
		char	*stated = NULL;
		int	got = severity_find(r, severities[i].subject,
		    severities[i].text, 10, &stated);

		if (got != severities[i].want ||
		    g_strcmp0(stated, severities[i].stated) != 0)
			fail_msg("%s: got %d \"%s\", want %d \"%s\"",
			    severities[i].subject, got, stated,
			    severities[i].want, severities[i].stated);
		g_free(stated);
	}
	severity_rules_free(r);
	assert_null(severity_rules_new((const char *const[]){ NULL }, err,
	    sizeof(err)));
}

/* The default patterns, item by item, in both languages. */
static const struct {
	const char *text;
	unsigned want;
} details[] = {
	{"Process No 4711 stops at step 3.", CHECK_BIT(CHECK_PROCESS)},
	{"Prozessnummer: 815 hängt.", CHECK_BIT(CHECK_PROCESS)},
	{"The process stops.", 0},
	{"We run XMPro Designer version 4.2.1.", CHECK_BIT(CHECK_VERSION)},
	{"Wir nutzen Version 9.3 des App Designers.", CHECK_BIT(CHECK_VERSION)},
	{"Steps to reproduce:\n1. Open the form\n2. Click Save",
	 CHECK_BIT(CHECK_STEPS)},
	{"When I click Save the page goes blank.", CHECK_BIT(CHECK_STEPS)},
	{"Wenn ich auf Speichern klicke, erscheint ein Fehler.",
	 CHECK_BIT(CHECK_STEPS)},
	{"All users in the plant are affected.", CHECK_BIT(CHECK_AFFECTED)},
	{"Only one user has it, everybody else is fine.",
	 CHECK_BIT(CHECK_AFFECTED)},
	{"Betroffen sind alle Mitarbeiter im Lager.", CHECK_BIT(CHECK_AFFECTED)},
	{"It started yesterday afternoon.", CHECK_BIT(CHECK_FIRST)},
	{"Seit Montag tritt der Fehler auf.", CHECK_BIT(CHECK_FIRST)},
	{"Our SAP system was upgraded last week.", CHECK_BIT(CHECK_INTEGRATION)},
	{"An der SAP-Schnittstelle wurde nichts geändert.",
	 CHECK_BIT(CHECK_INTEGRATION)},
	{"Windows updates were installed on the weekend.",
	 CHECK_BIT(CHECK_SERVER)},
	{"Am Server wurde nichts geändert.", CHECK_BIT(CHECK_SERVER)},
	{"Remote access via VPN is arranged with our IT department.",
	 CHECK_BIT(CHECK_ACCESS)},
	{"Fernwartung per TeamViewer ist vorbereitet.", CHECK_BIT(CHECK_ACCESS)},
	{"Hello, the dashboard is slow. Regards", 0},
};

static void
test_checklist(void **state)
{
	struct conf *c = testlib_conf("");

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(details); i++) {
		unsigned got = checklist_check(c->checklist_rules, NULL,
		    details[i].text, 0);

		if (got != details[i].want)
			fail_msg("\"%s\": found 0x%x, want 0x%x", details[i].text,
			    got, details[i].want);
	}
	assert_int_equal(checklist_check(c->checklist_rules, NULL, NULL, 2),
	    CHECK_BIT(CHECK_SCREENSHOTS));
	/* the Subject is read too; text that is not UTF-8 matches nothing */
	assert_int_equal(checklist_check(c->checklist_rules,
	    "Prozess 4711 hängt", "\xff version 4.2", 0),
	    CHECK_BIT(CHECK_PROCESS));
	assert_string_equal(checklist_name(CHECK_VERSION), "product-version");
	conf_free(c);
}

struct run {
	struct decision d;
	struct message m;
	struct conf *c;
};

/* run - the core's decision on text, sent to support with conf. */
static void
run(struct testlib_store *f, const char *conf, const char *text,
    struct run *r)
{
	static const char *const rcpts[] = { SUPPORT };
	struct envelope env = { "Q1", "<cust@customer.example>", rcpts, 1,
	    "192.0.2.1", NULL, NOW };

	r->c = testlib_conf(conf);
	testlib_message(text, &r->m);
	decision_init(&r->d);
	assert_int_equal(core_decide(&env, &r->m, r->c, f->st, &r->d), 0);
}

static void
run_release(struct run *r)
{
	decision_release(&r->d);
	message_release(&r->m);
	conf_free(r->c);
}

/* added - the value of the header added with name, or NULL; deleted
 * counts the copies removed. */
static const char *
added(const struct decision *d, const char *name, int *deleted)
{
	const char *v = NULL;

	*deleted = 0;
	for (guint i = 0; i < d->edits->len; i++) {
		const struct header_edit *e =
		    &g_array_index(d->edits, struct header_edit, i);

		if (g_ascii_strcasecmp(e->name, name) != 0)
			continue;
		if (e->op == EDIT_ADD)
			v = e->value;
		else if (e->op == EDIT_CHANGE && e->value == NULL)
			(*deleted)++;
	}
	return v;
}

/* A new request: severity, due date and checklist; the text unchanged. */
static void
test_new_request(void **state)
{
	struct run r;
	int	del;

	run(*state, "", "From: cust@customer.example\n"
	    "To: support@example.com\nSubject: Sev 1 - portal down\n"
	    "X-Support-Severity: 1; stated=\"forged\"\n"
	    "X-Support-Checklist: missing=none\n"
	    "X-Support-Response-Due: Wed, 25 Nov 2026 09:50:00 +0000\n\n"
	    "The portal is down for all users since 08:00.\n"
	    "Version 4.2.1.\n", &r);
	assert_string_equal(added(&r.d, "X-Support-Severity", &del),
	    "1; stated=\"Sev 1\"");
	assert_int_equal(del, 1);
	assert_string_equal(added(&r.d, "X-Support-Response-Due", &del),
	    "Wed, 25 Nov 2026 11:46:40 +0000");
	assert_int_equal(del, 1);
	assert_string_equal(added(&r.d, "X-Support-Checklist", &del),
	    "missing=process-number, screenshots, steps,\n"
	    "\tintegration-changes, server-changes, server-access");
	assert_int_equal(del, 1);
	assert_null(r.d.body);
	assert_non_null(strstr(r.d.record->str, " severity=1 stated=\"Sev 1\" "
	    "due=\"Wed, 25 Nov 2026 11:46:40 +0000\" missing=process-number,"
	    "screenshots,steps,integration-changes,server-changes,"
	    "server-access "));
	run_release(&r);
}

/* A reply: severity but no checklist; a quoted "Severity 1" is history. */
static void
test_reply(void **state)
{
	struct run r;
	int	del;

	run(*state, "", "From: cust@customer.example\n"
	    "To: support@example.com\nSubject: Re: Ticket [123] Export\n"
	    "X-Support-Checklist: missing=none\n\n"
	    "Still broken, see below.\n\n"
	    "On Tue, 24 Nov 2026, Support <support@example.com> wrote:\n"
	    "> Severity 1 was set by you.\n", &r);
	assert_string_equal(added(&r.d, "X-Support-Severity", &del),
	    "5; stated=none");
	assert_null(added(&r.d, "X-Support-Response-Due", &del));
	assert_null(added(&r.d, "X-Support-Checklist", &del));
	assert_int_equal(del, 1);
	assert_false(r.d.checklist);
	run_release(&r);
}

/* Only the first 64 KB of the kept text are read: the cost stays bounded. */
static void
test_long_text(void **state)
{
	char	*filler = testlib_repeat("The export fails again and again", "\n",
	    4000);
	char	*text = g_strconcat("From: cust@customer.example\n"
	    "To: support@example.com\nSubject: export\n\n"
	    "Process No 4711.\n", filler, "\nVersion 4.2.1\n", NULL);
	struct run r;
	int	del;

	run(*state, "", text, &r);
	assert_string_equal(added(&r.d, "X-Support-Checklist", &del),
	    "missing=screenshots, product-version, steps,\n"
	    "\taffected-users, first-occurred, integration-changes,\n"
	    "\tserver-changes, server-access");
	run_release(&r);
	g_free(text);
	g_free(filler);
}

/* Settings: other names, targets, zone; severity 4 has no due date. */
static void
test_settings(void **state)
{
	struct run r;
	int	del;

	run(*state, "severity_header_name = \"X-Sev\";\n"
	    "response_due_header_name = \"X-Due\";\n"
	    "severity_words = [ \"Prio\", \"Priorität\" ];\n"
	    "response_targets = [ \"1h\", \"4h\" ];\n"
	    "time_zone = \"Europe/Berlin\";\n",
	    "From: cust@customer.example\nTo: support@example.com\n"
	    "Subject: Prio 2 - report layout\n\nSeverity 1\n", &r);
	assert_string_equal(added(&r.d, "X-Sev", &del), "2; stated=\"Prio 2\"");
	/* 10:46:40 in Berlin, four working hours */
	assert_string_equal(added(&r.d, "X-Due", &del),
	    "Wed, 25 Nov 2026 14:46:40 +0100");
	run_release(&r);
	run(*state, "", "From: cust@customer.example\nTo: support@example.com\n"
	    "Subject: [S4] question\n\nHow do I export?\n", &r);
	assert_string_equal(added(&r.d, "X-Support-Severity", &del),
	    "4; stated=\"[S4]\"");
	assert_null(added(&r.d, "X-Support-Response-Due", &del));
	run_release(&r);
	/* the header stays ASCII; the decision keeps the words as written */
	run(*state, "severity_words = [ \"Priorität\" ];",
	    "From: cust@customer.example\nTo: support@example.com\n"
	    "Subject: =?utf-8?q?Priorit=C3=A4t_1?=\n\nBitte dringend.\n", &r);
	assert_string_equal(added(&r.d, "X-Support-Severity", &del),
	    "1; stated=\"Prioritat 1\"");
	assert_string_equal(r.d.severity_stated, "Priorität 1");
	assert_string_equal(r.d.response_due, "Wed, 25 Nov 2026 11:46:40 +0000");
	run_release(&r);
}

/* Mail from support (exempt) is not read, but loses forged copies. */
static void
test_from_support(void **state)
{
	struct run r;
	int	del;

	run(*state, "trusted_networks = [ \"127.0.0.1\" ];",
	    "From: support@example.com\nTo: support@example.com\n"
	    "Subject: Severity 1\nX-Support-Severity: 1\n\nnote\n", &r);
	assert_string_equal(r.d.reason, "from-support");
	assert_null(added(&r.d, "X-Support-Severity", &del));
	assert_int_equal(del, 1);
	assert_int_equal(r.d.severity, 0);
	run_release(&r);
}

/* The guidance reply lists what a Cc-only request lacks. */
static void
test_guidance(void **state)
{
	static const char *const conf =
	    "guidance_reply = [ \"Send it to ${support_address} in To.\","
	    " \"Please also give:\", \" - ${checklist}\" ];";
	struct run r;

	run(*state, conf, "From: cust@customer.example\n"
	    "To: alice@customer.example\nCc: support@example.com\n"
	    "Subject: Designer crash\n\n"
	    "Designer 4.2 crashes since Monday for all users when I click Save.\n"
	    "Nothing changed on the server or in SAP; VPN access is arranged.\n"
	    "Process No 17.\n", &r);
	assert_int_equal(r.d.action, ACTION_REJECT);
	assert_int_equal(r.d.reply_lines->len, 3);
	assert_string_equal(g_ptr_array_index(r.d.reply_lines, 0),
	    "Send it to support@example.com in To.");
	assert_string_equal(g_ptr_array_index(r.d.reply_lines, 2),
	    " - full screenshots of the error messages");
	run_release(&r);
	/* a reply to a ticket is not asked for the details again */
	run(*state, conf, "From: cust@customer.example\n"
	    "To: alice@customer.example\nCc: support@example.com\n"
	    "Subject: Re: Ticket [55] Designer crash\n\nthanks\n", &r);
	assert_int_equal(r.d.reply_lines->len, 2);
	run_release(&r);
}

static void
test_bad_settings(void **state)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{"\nchecklist_steps = [ \"(unclosed\" ];",
		 "FILE:2: checklist_steps: pattern 1: "},
		{"severity_words = [ ];", "FILE:1: severity_words: no words"},
		{"time_zone = \"Nowhere/Else\";",
		 "FILE:1: time_zone: unknown time zone \"Nowhere/Else\""},
		{"working_hours = \"18:00-08:00\";", "FILE:1: working_hours: "},
		{"response_targets = [ \"2x\" ];",
		 "FILE:1: response_targets: entry 1: "},
		{"guidance_reply = [ \"${checklist}\", \"${checklist}\","
		 " \"${checklist}\", \"${checklist}\" ];",
		 "FILE:1: guidance_reply: more than 32 lines"},
		{"guidance_reply = [ \"${checklists}\" ];",
		 "FILE:1: guidance_reply: line 1 has an unknown ${...} variable"},
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		struct conf *c = NULL;
		char	err[CONF_ERRLEN];

		assert_int_equal(testlib_conf_result(bad[i].text, &c, err), -1);
		if (!g_str_has_prefix(err, bad[i].want))
			fail_msg("%s: \"%s\", want \"%s...\"", bad[i].text, err,
			    bad[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_severity),
		cmocka_unit_test(test_checklist),
		TESTLIB_STORE_TEST(test_new_request),
		TESTLIB_STORE_TEST(test_reply),
		TESTLIB_STORE_TEST(test_long_text),
		TESTLIB_STORE_TEST(test_settings),
		TESTLIB_STORE_TEST(test_from_support),
		TESTLIB_STORE_TEST(test_guidance),
		cmocka_unit_test(test_bad_settings),
	};

	g_mime_init();
	return cmocka_run_group_tests_name("intake", tests, NULL, NULL);
}
