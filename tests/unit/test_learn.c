/*
 * test_learn - what cleaning learns from a sender's earlier mail and what
 * it keeps besides, through core_decide() on a real store in a scratch
 * directory: a recurring image removed from the 4th message of a domain,
 * not the 3rd; a learned signature cut from the 3rd message of a sender,
 * kept in the 2nd; which trailing blocks may be learned at all; the
 * archive of originals (exact bytes, mode, failure); the note line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <glib.h>
#include <libxml/parser.h>

#include "core.h"
#include "testlib.h"
#include "textlearn.h"

#define NOW	1795600000	/* 2026-11-25 09:46:40 UTC */
#define SUPPORT	"<support@example.com>"

static int
setup(void **state)
{
	*state = testlib_store_new((size_t)8 << 20);
	return 0;
}

static int
teardown(void **state)
{
	testlib_store_free(*state);
	return 0;
}

/* conf_for - a configuration whose database is the scratch store's. */
static struct conf *
conf_for(const struct testlib_store *f, const char *extra)
{
	char	*text = g_strdup_printf("database = \"%s\";\n%s", f->dir, extra);
	struct conf *c = testlib_conf(text);

	g_free(text);
	return c;
}

/* decide - one message through the core; the caller releases d. */
static int
decide(const struct testlib_store *f, const struct conf *c, const char *qid,
    const char *sender, const char *text, struct decision *d)
{
	const char *rcpts[] = { SUPPORT };
	struct envelope env = { qid, sender, rcpts, 1, "192.0.2.1", NULL, NOW };
	struct message m;
	int	rc;

	testlib_message(text, &m);
	decision_init(d);
	rc = core_decide(&env, &m, c, f->st, d);
	message_release(&m);
	return rc;
}

/* body - the new body as a string, "" when it was not replaced. */
/* cleaned - the value of the X-Support-Cleaned header added. */
static const char *
cleaned(const struct decision *d)
{
	for (guint i = 0; i < d->edits->len; i++) {
		const struct header_edit *e =
		    &g_array_index(d->edits, struct header_edit, i);

		if (e->op == EDIT_ADD && strcmp(e->name, "X-Support-Cleaned") == 0)
			return e->value;
	}
	fail_msg("no X-Support-Cleaned header added");
	return NULL;
}

static char *
body(const struct decision *d)
{
	return d->body ? g_strndup((const char *)d->body->data, d->body->len) :
	    g_strdup("");
}

/* screenshot_b64 - a 200x100 "PNG" of 6000 bytes (not small), base64
 * in 76-column lines; seed makes other bytes. */
static char *
screenshot_b64(int seed)
{
	static const unsigned char head[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 200, 0, 0, 0,
	    100 };
	unsigned char buf[6000];
	char	*b64, *out;
	GString	*s = g_string_new(NULL);

	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 7 + (size_t)seed * 13);
	memcpy(buf, head, sizeof(head));
	b64 = g_base64_encode(buf, sizeof(buf));
	for (size_t i = 0, n = strlen(b64); i < n; i += 76)
		g_string_append_printf(s, "%.76s\n", b64 + i);
	g_free(b64);
	out = g_string_free(s, FALSE);
	return out;
}

/* logo_mail - HTML that shows the image it carries. */
static char *
logo_mail(const char *from, const char *b64)
{
	return g_strdup_printf("From: %s\nTo: support@example.com\n"
	    "Subject: Printer\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/related; boundary=\"r\"\n\n"
	    "--r\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>The printer jams.</p><img src=\"cid:logo@acme\">\n"
	    "--r\nContent-Type: image/png; name=logo.png\n"
	    "Content-ID: <logo@acme>\nContent-Transfer-Encoding: base64\n\n"
	    "%s--r--\n", from, b64);
}

/* The same image in every mail of a domain goes from the 4th on (three
 * earlier messages), even though the kept text shows it; another domain
 * and another image are counted apart. */
static void
test_recurring_image(void **state)
{
	struct testlib_store *f = *state;
	struct conf *c = conf_for(f, "");
	char	*logo = screenshot_b64(1), *other = screenshot_b64(2);
	struct decision d;
	unsigned n = 0;
	char	err[STORE_ERRLEN];

	for (int i = 1; i <= 4; i++) {
		char	*from = g_strdup_printf("User%d <u%d@Acme.example>", i, i);
		char	*text = logo_mail(from, logo);

		assert_int_equal(decide(f, c, "Q", "<x@elsewhere.example>", text,
		    &d), 0);
		assert_int_equal(d.clean_image_keys->len, 1);
		assert_true(g_str_has_prefix(g_ptr_array_index(
		    d.clean_image_keys, 0), "acme.example\t"));
		if (i < 4)
			assert_null(d.body);
		else {
			assert_int_equal(d.clean_removed->len, 1);
			assert_non_null(strstr(g_ptr_array_index(d.clean_removed,
			    0), "logo.png 6000 recurring"));
			char	*b = body(&d);

			assert_null(strstr(b, "cid:logo@acme"));
			g_free(b);
		}
		decision_release(&d);
		g_free(text);
		g_free(from);
	}
	/* the same bytes from another domain: seen once there */
	{
		char	*text = logo_mail("k@other.example", logo);

		assert_int_equal(decide(f, c, "Q", "<>", text, &d), 0);
		assert_null(d.body);
		decision_release(&d);
		g_free(text);
	}
	/* other bytes of the same domain: a new screenshot stays */
	{
		char	*text = logo_mail("u1@acme.example", other);

		assert_int_equal(decide(f, c, "Q", "<>", text, &d), 0);
		assert_null(d.body);
		decision_release(&d);
		g_free(text);
	}
	assert_int_equal(store_image_count(f->st, "nosuch.example\t00", &n,
	    err), 0);
	assert_int_equal(n, 0);
	conf_free(c);
	g_free(logo);
	g_free(other);
}

/* recurring_image_count = 0: nothing is counted, nothing recurs. */
static void
test_recurring_off(void **state)
{
	struct testlib_store *f = *state;
	struct conf *c = conf_for(f, "recurring_image_count = 0;");
	char	*logo = screenshot_b64(1), *text = logo_mail("u@acme.example", logo);
	struct decision d;

	for (int i = 0; i < 5; i++) {
		assert_int_equal(decide(f, c, "Q", "<>", text, &d), 0);
		assert_null(d.body);
		assert_int_equal(d.clean_image_keys->len, 0);
		decision_release(&d);
	}
	conf_free(c);
	g_free(text);
	g_free(logo);
}

#define SIGNATURE \
	"ACME Widgets GmbH | Hauptstrasse 5 | 10115 Berlin\n" \
	"Phone +49 30 1234567 | www.acme-widgets.example\n"

/* sig_mail - a plain reply with the company block at the end. */
static char *
sig_mail(const char *from, int n)
{
	return g_strdup_printf("From: %s\nTo: support@example.com\n"
	    "Subject: Printer\n\nHello,\n\nthe printer stops after %d pages.\n\n"
	    SIGNATURE, from, n);
}

/* The block the sender repeats goes from the 3rd message on (two
 * earlier ones); another sender's first such mail keeps it. */
static void
test_learned_signature(void **state)
{
	struct testlib_store *f = *state;
	struct conf *c = conf_for(f, "");
	struct decision d;
	char	*text, *b;

	for (int i = 1; i <= 3; i++) {
		text = sig_mail("Anna <anna@acme.example>", i);
		assert_int_equal(decide(f, c, "Q", "<bounce@acme.example>", text,
		    &d), 0);
		assert_non_null(d.clean_sig_key);
		assert_true(g_str_has_prefix(d.clean_sig_key,
		    "anna@acme.example\t"));
		b = body(&d);
		if (i < 3) {
			assert_null(d.body);
			assert_false(d.clean_learned);
		} else {
			assert_true(d.clean_learned);
			assert_true(d.clean_signature);
			assert_non_null(strstr(b, "stops after 3 pages."));
			assert_null(strstr(b, "Hauptstrasse"));
			assert_non_null(strstr(cleaned(&d),
			    "learned-signature=yes"));
		}
		g_free(b);
		decision_release(&d);
		g_free(text);
	}
	text = sig_mail("bob@acme.example", 9);
	assert_int_equal(decide(f, c, "Q", "<>", text, &d), 0);
	assert_null(d.body);
	decision_release(&d);
	g_free(text);
	conf_free(c);
}

/* Which trailing blocks may be learned (textlearn.h). */
static void
test_learnable(void **state)
{
	static const struct {
		const char *name, *text;
		const char *want;	/* the block's first line, NULL: none */
	} cases[] = {
		{"company block", "Hi,\n\nit breaks.\n\n" SIGNATURE,
		 "ACME Widgets"},
		{"the only block", SIGNATURE, NULL},
		{"a question", "Hi,\n\nit breaks.\n\nCan you call me at 030 1234567?\n"
		 "ACME Widgets GmbH\n", NULL},
		{"two sentences", "Hi,\n\nSee above.\n\nThe printer stopped again. "
		 "Nothing helped since Monday.\n", NULL},
		{"a name alone", "Hi,\n\nit breaks.\n\nAnna Schmidt\n", NULL},
		{"closing and name stay", "Hi,\n\nit breaks.\n\nBest regards,\n"
		 "Anna Schmidt\nACME Widgets GmbH | Hauptstrasse 5 | Berlin\n",
		 "ACME Widgets"},
		{"closing and name only", "Hi,\n\nit breaks.\n\nThanks,\nAnna\n",
		 NULL},
		{"quoted", "Hi,\n\nit breaks.\n\n> ACME Widgets GmbH | Hauptstr. 5\n"
		 "> Phone +49 30 1234567\n", NULL},
		{"too many lines", "Hi,\n\nit breaks.\n\n1 a\n2 b\n3 c\n4 d\n5 e\n"
		 "6 f\n7 g\n8 h\n9 i\n", NULL},
	};
	struct textlearn_block b, b2;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		bool	got = textlearn_find(cases[i].text, strlen(cases[i].text),
		    &b);

		if (got != (cases[i].want != NULL))
			fail_msg("%s: learnable %d", cases[i].name, got);
		if (got && !g_str_has_prefix(cases[i].text + b.start,
		    cases[i].want))
			fail_msg("%s: block starts \"%.20s\"", cases[i].name,
			    cases[i].text + b.start);
	}
	/* case and white space do not make a new fingerprint */
	{
		const char *a = "x\n\n  ACME   Widgets GmbH | Berlin, Germany "
		    "| +49 30 1234567 \n";
		const char *z = "y\n\nacme widgets gmbh | berlin, germany | "
		    "+49 30 1234567\n";

		assert_true(textlearn_find(a, strlen(a), &b));
		assert_true(textlearn_find(z, strlen(z), &b2));
	}
	assert_string_equal(b.hash, b2.hash);
	assert_int_equal(strlen(b.hash), TEXTLEARN_HASHLEN);
}

#define QUOTED_MAIL \
	"From: k@x.example\nTo: support@example.com\nSubject: x\n" \
	"Message-ID: <a1@x.example>\n\nThe printer jams.\n\n" \
	"On Tue, 24 Nov 2026, Support wrote:\n> Please reply above this line\n" \
	"> old text\n"

/* read_all - a file's bytes, or fail. */
static char *
read_all(const char *path, gsize *len)
{
	char	*s = NULL;

	if (!g_file_get_contents(path, &s, len, NULL))
		fail_msg("cannot read %s", path);
	return s;
}

/* A replaced body keeps its original, byte for byte, named in the
 * record and the report header; a second one gets the next number. */
static void
test_archive(void **state)
{
	struct testlib_store *f = *state;
	struct conf *c = conf_for(f, "archive_originals = true;");
	const char *want = "archive/2026/11/25/Q_7-1.eml";
	struct decision d;
	struct stat sb;
	char	*path, *got;
	gsize	len;

	assert_int_equal(decide(f, c, "Q/7", "<k@x.example>", QUOTED_MAIL, &d),
	    0);
	assert_non_null(d.body);
	assert_string_equal(d.clean_archive, want);
	assert_non_null(strstr(d.record->str, " archive=archive/2026/11/25/"));
	assert_non_null(strstr(cleaned(&d),
	    "; archive=archive/2026/11/25/Q_7-1.eml"));
	path = g_build_filename(f->dir, want, NULL);
	got = read_all(path, &len);
	assert_int_equal(len, strlen(QUOTED_MAIL));
	assert_memory_equal(got, QUOTED_MAIL, len);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	g_free(path);
	g_free(got);
	path = g_build_filename(f->dir, "archive/2026", NULL);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	g_free(path);
	decision_release(&d);
	assert_int_equal(decide(f, c, "Q/7", "<k@x.example>", QUOTED_MAIL, &d),
	    0);
	assert_string_equal(d.clean_archive, "archive/2026/11/25/Q_7-2.eml");
	decision_release(&d);
	/* an unchanged body is not archived */
	assert_int_equal(decide(f, c, "Q8", "<k@x.example>",
	    "To: support@example.com\nSubject: x\n\nJust a question.\n", &d), 0);
	assert_null(d.clean_archive);
	decision_release(&d);
	conf_free(c);
}

/* An archive that cannot be written is a store error: on_store_error. */
static void
test_archive_failure(void **state)
{
	struct testlib_store *f = *state;
	struct conf *c = conf_for(f, "archive_originals = true;");
	char	*path = g_build_filename(f->dir, "archive", NULL);
	struct decision d;

	/* a file where the archive directory belongs */
	assert_true(g_file_set_contents(path, "x", 1, NULL));
	assert_int_equal(decide(f, c, "Q9", "<k@x.example>", QUOTED_MAIL, &d),
	    -1);
	assert_int_equal(d.action, ACTION_TEMPFAIL);
	assert_string_equal(d.reason, "store-error");
	assert_non_null(strstr(d.error, "archive archive: open:"));
	assert_null(d.clean_archive);
	decision_release(&d);
	g_free(path);
	conf_free(c);
}

/* The note names what went, at the end of the kept plain text. */
static void
test_note(void **state)
{
	struct testlib_store *f = *state;
	struct conf *c = conf_for(f, "clean_note = true;");
	struct decision d;
	char	*b;

	assert_int_equal(decide(f, c, "Q", "<k@x.example>",
	    "From: k@x.example\nTo: support@example.com\nSubject: x\n"
	    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"m\"\n\n"
	    "--m\nContent-Type: text/plain; charset=utf-8\n\n"
	    "The printer jams.\n\nOn Tue, 24 Nov 2026, Support wrote:\n"
	    "> old text\n"
	    "--m\nContent-Type: image/gif; name=icon.gif\n"
	    "Content-Transfer-Encoding: base64\n\n"
	    "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\n--m--\n",
	    &d), 0);
	b = body(&d);
	assert_non_null(strstr(b, "The printer jams.\n\n[support-milter removed: "
	    "quoted history, 1 image (icon.gif)]\n"));
	g_free(b);
	decision_release(&d);
	/* nothing removed: no note, no new body */
	assert_int_equal(decide(f, c, "Q", "<k@x.example>",
	    "To: support@example.com\nSubject: x\n\nJust a question.\n", &d), 0);
	assert_null(d.body);
	decision_release(&d);
	conf_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_recurring_image, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_recurring_off, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_learned_signature, setup,
		    teardown),
		cmocka_unit_test(test_learnable),
		cmocka_unit_test_setup_teardown(test_archive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_archive_failure, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_note, setup, teardown),
	};

	g_mime_init();
	xmlInitParser();
	return cmocka_run_group_tests_name("learn", tests, NULL, NULL);
}
