/*
 * test_core - the recipient policy as the core decides it, against a real
 * LMDB store in a scratch directory: actions, replies, header edits,
 * removed recipients, and what happens when the store fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "core.h"
#include "testlib.h"

#define CUSTOMER	"<cust@customer.example>"
#define SUPPORT		"<support@example.com>"
#define ALICE		"<alice@customer.example>"

struct want {
	enum decision_action action;
	const char *reason;
	const char *policy;	/* NULL: none */
	const char *automatic;	/* NULL: a person */
	const char *header;	/* the value of our header, NULL: none added */
	const char *reply0;	/* first reply line, NULL: no reply */
	guint	removed;
};

static const struct {
	const char *name;
	const char *conf;
	const char *sender;
	const char *rcpts[3];
	const char *headers;	/* the body is added */
	struct want want;
} cases[] = {
	{"to", "", CUSTOMER, {SUPPORT}, "To: support@example.com\n",
	 {ACTION_ACCEPT, "to", "pass", NULL, "recipient=to; policy=pass", NULL, 0}},
	{"cc only", "", CUSTOMER, {SUPPORT},
	 "To: alice@customer.example\nCc: Support <support@example.com>\n",
	 {ACTION_REJECT, "cc-only", "reject", NULL, NULL,
	  "Your message to support@example.com was not accepted.", 0}},
	{"cc only, subaddress in the envelope", "", CUSTOMER, {"<Support+x@example.com>"},
	 "To: alice@customer.example\nCc: support+x@example.com\n",
	 {ACTION_REJECT, "cc-only", "reject", NULL, NULL,
	  "Your message to support@example.com was not accepted.", 0}},
	{"cc only, warn", "cc_only_action = \"warn\";", CUSTOMER, {SUPPORT},
	 "To: alice@customer.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "cc-only", "warn", NULL,
	  "recipient=cc-only; policy=warn", NULL, 0}},
	{"cc only, other recipient", "", CUSTOMER, {SUPPORT, ALICE},
	 "To: alice@customer.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "cc-only", "warn", NULL,
	  "recipient=cc-only; policy=warn", NULL, 0}},
	{"cc only, other recipient, remove", "multi_recipient_action = \"remove\";",
	 CUSTOMER, {ALICE, SUPPORT},
	 "To: alice@customer.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "cc-only", "remove", NULL, NULL, NULL, 1}},
	{"bcc", "", CUSTOMER, {SUPPORT}, "To: alice@customer.example\n",
	 {ACTION_ACCEPT, "bcc", "warn", NULL, "recipient=bcc; policy=warn", NULL, 0}},
	{"bcc, reject", "bcc_action = \"reject\";", CUSTOMER, {SUPPORT},
	 "To: alice@customer.example\n",
	 {ACTION_REJECT, "bcc", "reject", NULL, NULL,
	  "Your message to support@example.com was not accepted.", 0}},
	{"null sender", "", "<>", {SUPPORT}, "To: a@b.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "cc-only", "warn", "null-sender",
	  "recipient=cc-only; policy=warn; automatic=null-sender", NULL, 0}},
	{"auto-submitted", "", CUSTOMER, {SUPPORT},
	 "To: a@b.example\nCc: support@example.com\nAuto-Submitted: auto-generated\n",
	 {ACTION_ACCEPT, "cc-only", "warn", "auto-submitted",
	  "recipient=cc-only; policy=warn; automatic=auto-submitted", NULL, 0}},
	{"auto-submitted no", "", CUSTOMER, {SUPPORT},
	 "To: a@b.example\nCc: support@example.com\nAuto-Submitted:  no (person)\n",
	 {ACTION_REJECT, "cc-only", "reject", NULL, NULL,
	  "Your message to support@example.com was not accepted.", 0}},
	{"precedence junk", "", CUSTOMER, {SUPPORT},
	 "To: a@b.example\nCc: support@example.com\nPrecedence: junk\n",
	 {ACTION_ACCEPT, "cc-only", "warn", "precedence",
	  "recipient=cc-only; policy=warn; automatic=precedence", NULL, 0}},
	{"precedence first-class", "", CUSTOMER, {SUPPORT},
	 "To: a@b.example\nCc: support@example.com\nPrecedence: first-class\n",
	 {ACTION_REJECT, "cc-only", "reject", NULL, NULL,
	  "Your message to support@example.com was not accepted.", 0}},
	{"list-id", "", CUSTOMER, {SUPPORT},
	 "To: a@b.example\nCc: support@example.com\nList-Id: <l.example>\n",
	 {ACTION_ACCEPT, "cc-only", "warn", "list-id",
	  "recipient=cc-only; policy=warn; automatic=list-id", NULL, 0}},
	{"mailer-daemon", "", "<MAILER-DAEMON@mx.example>", {SUPPORT},
	 "To: a@b.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "cc-only", "warn", "system-sender",
	  "recipient=cc-only; policy=warn; automatic=system-sender", NULL, 0}},
	{"automatic mail is still accepted silently when so configured",
	 "cc_only_action = \"accept\";", "<>", {SUPPORT},
	 "To: a@b.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "cc-only", "accept", "null-sender",
	  "recipient=cc-only; policy=accept; automatic=null-sender", NULL, 0}},
	{"from support, envelope", "", "<support@example.com>", {SUPPORT},
	 "To: customer@customer.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "from-support", "exempt", NULL,
	  "recipient=cc-only; policy=exempt", NULL, 0}},
	{"from support, header", "", "<bounces@example.com>", {SUPPORT},
	 "From: Support <support@example.com>\nTo: c@customer.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "from-support", "exempt", NULL,
	  "recipient=cc-only; policy=exempt", NULL, 0}},
	{"cc only, exempt sender domain", "exempt_senders = [ \"customer.example\" ];",
	 "<cust@eu.customer.example>", {SUPPORT},
	 "To: alice@customer.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "exempt-sender", "exempt", NULL,
	  "recipient=cc-only; policy=exempt", NULL, 0}},
	{"cc only, exempt address", "exempt_senders = [ \"CUST@customer.example\" ];",
	 CUSTOMER, {SUPPORT},
	 "To: alice@customer.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "exempt-sender", "exempt", NULL,
	  "recipient=cc-only; policy=exempt", NULL, 0}},
	{"cc only, @domain is not its subdomains", "exempt_senders = [ \"@customer.example\", \"bob@customer.example\" ];",
	 "<cust@eu.customer.example>", {SUPPORT},
	 "To: alice@customer.example\nCc: support@example.com\n",
	 {ACTION_REJECT, "cc-only", "reject", NULL, NULL,
	  "Your message to support@example.com was not accepted.", 0}},
	{"not for support", "", CUSTOMER, {ALICE},
	 "To: alice@customer.example\nCc: support@example.com\n",
	 {ACTION_ACCEPT, "not-support", NULL, NULL, NULL, NULL, 0}},
	{"second support address", "support_addresses = [ \"a@x.example\", \"b@y.example\" ];",
	 CUSTOMER, {"<B@Y.example>"}, "To: c@customer.example\nCc: b@y.example\n",
	 {ACTION_REJECT, "cc-only", "reject", NULL, NULL,
	  "Your message to b@y.example was not accepted.", 0}},
};

/* header_added - the value of the EDIT_ADD of our header, or NULL. */
static const char *
header_added(const struct decision *d)
{
	for (guint i = 0; i < d->edits->len; i++) {
		const struct header_edit *e =
		    &g_array_index(d->edits, struct header_edit, i);

		if (e->op == EDIT_ADD && strcmp(e->name, "X-Support-Milter") == 0)
			return e->value;
	}
	return NULL;
}

static void
check(const char *name, const struct decision *d, const struct want *w)
{
	const char *h = header_added(d);
	const char *r0 = d->reply_lines->len ?
	    g_ptr_array_index(d->reply_lines, 0) : NULL;

	if (d->action != w->action)
		fail_msg("%s: action %s, want %s", name,
		    decision_action_name(d->action), decision_action_name(w->action));
	if (g_strcmp0(d->reason, w->reason) || g_strcmp0(d->policy, w->policy) ||
	    g_strcmp0(d->automatic, w->automatic))
		fail_msg("%s: reason/policy/automatic %s/%s/%s, want %s/%s/%s",
		    name, d->reason, d->policy, d->automatic, w->reason,
		    w->policy, w->automatic);
	if (g_strcmp0(h, w->header))
		fail_msg("%s: header \"%s\", want \"%s\"", name, h, w->header);
	if (g_strcmp0(r0, w->reply0))
		fail_msg("%s: reply \"%s\", want \"%s\"", name, r0, w->reply0);
	if (d->removed_rcpts->len != w->removed)
		fail_msg("%s: %u recipients removed, want %u", name,
		    d->removed_rcpts->len, w->removed);
	if (w->action == ACTION_REJECT && (strcmp(d->reply_code, "550") ||
	    strcmp(d->reply_xcode, "5.7.1")))
		fail_msg("%s: reply %s %s", name, d->reply_code, d->reply_xcode);
}

static void
test_policy(void **state)
{
	struct testlib_store *f = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct conf *c = testlib_conf(cases[i].conf);
		char	*text = g_strconcat("From: c@customer.example\n",
		    cases[i].headers, "Subject: test\n\nbody\n", NULL);
		size_t	n = 0;
		struct envelope env = { "Q1", cases[i].sender, cases[i].rcpts, 0,
		    "192.0.2.1", NULL, 1795600000 };
		struct message m;
		struct decision d;

		while (n < 3 && cases[i].rcpts[n])
			n++;
		env.nrcpts = n;
		/* a From header of the case replaces the default one */
		if (strstr(cases[i].headers, "From:")) {
			g_free(text);
			text = g_strconcat(cases[i].headers, "Subject: t\n\nbody\n", NULL);
		}
		testlib_message(text, &m);
		decision_init(&d);
		assert_int_equal(core_decide(&env, &m, c, f->st, &d), 0);
		check(cases[i].name, &d, &cases[i].want);
		if (d.reason && strcmp(d.reason, "not-support") != 0 &&
		    strstr(d.record->str, "qid=Q1 action=") == NULL)
			fail_msg("%s: record \"%s\"", cases[i].name, d.record->str);
		decision_release(&d);
		message_release(&m);
		conf_free(c);
		g_free(text);
	}
}

/* A full database: the message is tempfailed (or accepted unmodified). */
static void
test_store_full(void **state)
{
	struct testlib_store *f = *state;
	const char *rcpts[] = { SUPPORT };
	struct envelope env = { "Q2", CUSTOMER, rcpts, 1, "192.0.2.1", NULL, 1 };
	struct conf *c = testlib_conf("");
	struct conf *ca = testlib_conf("on_store_error = \"accept\";");
	struct message m;
	struct decision d;
	int	rc = 0, n;

	(void)f;
	testlib_message("To: support@example.com\nSubject: x\n\nbody\n", &m);
	/* fill the 1 MB map with decisions until LMDB refuses */
	for (n = 0; n < 100000 && rc == 0; n++) {
		decision_init(&d);
		rc = core_decide(&env, &m, c, f->st, &d);
		if (rc < 0) {
			assert_int_equal(d.action, ACTION_TEMPFAIL);
			assert_string_equal(d.reply_code, "451");
			assert_string_equal(d.reply_xcode, "4.3.0");
			assert_string_equal(d.reason, "store-error");
			assert_non_null(strstr(d.error, "MDB_MAP_FULL"));
			assert_int_equal(d.edits->len, 0);
		}
		decision_release(&d);
	}
	assert_int_equal(rc, -1);
	assert_true(n > 100);
	decision_init(&d);
	assert_int_equal(core_decide(&env, &m, ca, f->st, &d), -1);
	assert_int_equal(d.action, ACTION_ACCEPT);
	assert_false(decision_changed(&d));
	decision_release(&d);
	message_release(&m);
	conf_free(c);
	conf_free(ca);
}

/* Forged copies of our header are deleted, last first, before ours is added. */
static void
test_forged_headers(void **state)
{
	struct testlib_store *f = *state;
	const char *rcpts[] = { SUPPORT };
	struct envelope env = { "Q3", CUSTOMER, rcpts, 1, "192.0.2.1", NULL, 1 };
	struct conf *c = testlib_conf("header_name = \"X-Ticket-Policy\";");
	struct message m;
	struct decision d;
	const struct header_edit *e;

	testlib_message("To: support@example.com\nX-Ticket-Policy: a\n"
	    "Subject: x\nx-ticket-policy: b\n\nbody\n", &m);
	decision_init(&d);
	assert_int_equal(core_decide(&env, &m, c, f->st, &d), 0);
	/* two deletions, our verdict, the ticket, cleaning and intake headers */
	assert_int_equal(d.edits->len, 7);
	e = &g_array_index(d.edits, struct header_edit, 0);
	assert_int_equal(e->op, EDIT_CHANGE);
	assert_int_equal(e->index, 2);
	assert_null(e->value);
	e = &g_array_index(d.edits, struct header_edit, 1);
	assert_int_equal(e->index, 1);
	e = &g_array_index(d.edits, struct header_edit, 2);
	assert_int_equal(e->op, EDIT_ADD);
	assert_string_equal(e->name, "X-Ticket-Policy");
	e = &g_array_index(d.edits, struct header_edit, 3);
	assert_string_equal(e->name, "X-Support-Ticket");
	assert_string_equal(e->value, "new");
	e = &g_array_index(d.edits, struct header_edit, 4);
	assert_string_equal(e->name, "X-Support-Cleaned");
	assert_string_equal(e->value, "none");
	e = &g_array_index(d.edits, struct header_edit, 5);
	assert_string_equal(e->name, "X-Support-Severity");
	e = &g_array_index(d.edits, struct header_edit, 6);
	assert_string_equal(e->name, "X-Support-Checklist");
	decision_release(&d);
	message_release(&m);
	conf_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TESTLIB_STORE_TEST(test_policy),
		TESTLIB_STORE_TEST(test_forged_headers),
		TESTLIB_STORE_TEST(test_store_full),
	};

	g_mime_init();
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
