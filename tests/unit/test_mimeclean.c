/*
 * test_mimeclean - the MIME layer of cleaning: charsets kept, attachments
 * untouched, images of removed regions and small images removed, an
 * emptied multipart/related collapsed, nothing replaced when nothing
 * changed, the original kept when cleaning would leave no text, and the
 * plain alternative vouching for the HTML part's history.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>
#include <libxml/parser.h>

#include "mimeclean.h"
#include "testlib.h"

/* clean - run the cleaner on text with the default configuration. */
static void
clean(const char *text, struct message *m, struct decision *d,
    struct conf **c)
{
	char	err[STORE_ERRLEN];

	*c = testlib_conf("");
	testlib_message(text, m);
	decision_init(d);
	assert_int_equal(mimeclean_run(*c, NULL, NULL, m, d, err), 0);
	mimeclean_report(*c, m, d);
}

static void
done(struct message *m, struct decision *d, struct conf *c)
{
	decision_release(d);
	message_release(m);
	conf_free(c);
}

/* body - the new body as a string. */
static char *
body(const struct decision *d)
{
	assert_non_null(d->body);
	return g_strndup((const char *)d->body->data, d->body->len);
}

/* An ISO-8859-1 reply stays ISO-8859-1, quoted-printable as it came. */
static void
test_charset_kept(void **state)
{
	struct message m;
	struct decision d;
	struct conf *c;
	char	*b;

	(void)state;
	clean("From: k@x.example\nTo: support@example.com\nSubject: x\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=iso-8859-1\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n"
	    "Gr=FC=DFe, der Drucker h=E4ngt.\n\n"
	    "Am 24.11.2026 um 10:00 schrieb Support <support@example.com>:\n"
	    "> Bitte oberhalb dieser Zeile antworten\n> Alte Nachricht\n", &m, &d, &c);
	b = body(&d);
	assert_non_null(strstr(b, "Gr=FC=DFe, der Drucker h=E4ngt."));
	assert_null(strstr(b, "schrieb"));
	assert_true(d.clean_quote);
	g_free(b);
	done(&m, &d, c);
}

/* Nothing to cut: no new body, the report says none. */
static void
test_unchanged(void **state)
{
	struct message m;
	struct decision d;
	struct conf *c;

	(void)state;
	clean("From: k@x.example\nTo: support@example.com\nSubject: x\n\n"
	    "Just a question.\n", &m, &d, &c);
	assert_null(d.body);
	assert_false(d.clean_quote);
	assert_string_equal(g_array_index(d.edits, struct header_edit,
	    d.edits->len - 1).value, "none");
	done(&m, &d, c);
}

/* Only quote: the original stays, and the report says why. */
static void
test_no_text_left(void **state)
{
	struct message m;
	struct decision d;
	struct conf *c;

	(void)state;
	clean("From: k@x.example\nTo: support@example.com\nSubject: x\n\n"
	    "On Tue, 24 Nov 2026, Support wrote:\n> Please reply above this line\n"
	    "> old text\n", &m, &d, &c);
	assert_null(d.body);
	assert_string_equal(d.clean_skipped, "no-text-left");
	done(&m, &d, c);
}

/* 1x1 GIF, base64. */
#define PIXEL	"R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

/* A small logo in a related part goes; the related part collapses; the
 * attachment stays as it was. */
static void
test_small_image_collapse(void **state)
{
	struct message m;
	struct decision d;
	struct conf *c;
	char	*b;

	(void)state;
	clean("From: k@x.example\nTo: support@example.com\nSubject: x\n"
	    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"m\"\n\n"
	    "--m\nContent-Type: multipart/related; boundary=\"r\"\n\n"
	    "--r\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>Hello</p><img src=\"cid:logo@x\">\n"
	    "--r\nContent-Type: image/gif\nContent-ID: <logo@x>\n"
	    "Content-Transfer-Encoding: base64\n\n" PIXEL "\n--r--\n"
	    "--m\nContent-Type: image/gif; name=a.gif\n"
	    "Content-Disposition: attachment; filename=a.gif\n"
	    "Content-Transfer-Encoding: base64\n\n" PIXEL "\n--m--\n",
	    &m, &d, &c);
	b = body(&d);
	assert_null(strstr(b, "multipart/related"));
	assert_null(strstr(b, "cid:logo@x"));
	assert_non_null(strstr(b, "<p>Hello</p>"));
	/* the attachment, the same tiny image, is never removed */
	assert_non_null(strstr(b, "filename=a.gif"));
	assert_non_null(strstr(b, PIXEL));
	assert_int_equal(d.clean_removed->len, 1);
	assert_non_null(strstr(g_ptr_array_index(d.clean_removed, 0), " small"));
	g_free(b);
	done(&m, &d, c);
}

/* The top-level related collapses: its Content-Type changes with the body. */
static void
test_top_collapse(void **state)
{
	struct message m;
	struct decision d;
	struct conf *c;
	const struct header_edit *e;

	(void)state;
	clean("From: k@x.example\nTo: support@example.com\nSubject: x\n"
	    "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"r\"\n\n"
	    "--r\nContent-Type: text/html; charset=utf-8\n\n"
	    "<p>Hello</p><img src=\"cid:logo@x\">\n"
	    "--r\nContent-Type: image/gif\nContent-ID: <logo@x>\n"
	    "Content-Transfer-Encoding: base64\n\n" PIXEL "\n--r--\n",
	    &m, &d, &c);
	assert_non_null(d.body);
	e = &g_array_index(d.edits, struct header_edit, 0);
	assert_int_equal(e->op, EDIT_CHANGE);
	assert_string_equal(e->name, "Content-Type");
	assert_non_null(strstr(e->value, "text/html"));
	done(&m, &d, c);
}

/*
 * alternative - a Gmail-style multipart/alternative reply: what the
 * plain text has above its attribution line and after its quote, and
 * what only the HTML part has below its quote container.
 */
static char *
alternative(const char *plain_above, const char *plain_after,
    const char *html_below)
{
	GString	*s = g_string_new(NULL);
	int	i;

	g_string_append_printf(s, "From: k@x.example\nTo: support@example.com"
	    "\nSubject: x\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/alternative; boundary=\"a\"\n\n"
	    "--a\nContent-Type: text/plain; charset=utf-8\n\n"
	    "Thanks, it works.\n\n%s"
	    "On Mon, 23 Nov 2026 at 16:01, Support <support@example.com> "
	    "wrote:\n", plain_above);

	for (i = 0; i < 200; i++)
		g_string_append_printf(s, "> line %d of the history\n", i);
	g_string_append_printf(s, "%s\n--a\nContent-Type: text/html; "
	    "charset=utf-8\n\n<div dir=\"ltr\">Thanks, it works.</div>"
	    "<div class=\"gmail_quote\"><div class=\"gmail_attr\">On Mon, 23 "
	    "Nov 2026 at 16:01, Support &lt;support@example.com&gt; wrote:"
	    "<br></div><blockquote class=\"gmail_quote\">", plain_after);
	for (i = 0; i < 200; i++)
		g_string_append_printf(s, "<div>line %d of the history</div>\n",
		    i);
	g_string_append_printf(s, "</blockquote></div>%s\n--a--\n",
	    html_below);
	return g_string_free(s, FALSE);
}

/*
 * The HTML part's history is not read when the plain alternative shows
 * history to its end: what only the HTML part has below the quote goes
 * with it (a Content-ID on the HTML part itself is no image to look
 * for).  When the plain text has a forward (a quote cut above it would
 * take it along), or the customer's words below its quote, the HTML
 * part is read to its end and keeps them.
 */
static void
test_alternative_vouches(void **state)
{
	static const struct {
		const char *plain_above, *plain_after;
		bool	body_id, kept;	/* the HTML part's own Content-ID;
					   its text below the quote stays */
	} cases[] = {
		{ "", "", false, false },
		{ "", "", true, false },
		{ "-----Original Message-----\n", "\n---------- Forwarded "
		  "message ---------\nFrom: Jane <jane@x.example>\n\nThe log.\n",
		  false, true },
		{ "", "\nP.S. the log is attached.\n", false, true },
	};
	struct message m;
	struct decision d;
	struct conf *c;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		GString	*t = g_string_new(NULL);
		char	*text = alternative(cases[i].plain_above,
		    cases[i].plain_after, "<div>P.S. the log is attached.</div>");
		char	*b;

		g_string_assign(t, text);
		if (cases[i].body_id)
			g_string_replace(t, "--a\nContent-Type: text/html",
			    "--a\nContent-ID: <body@x.example>\n"
			    "Content-Type: text/html", 1);
		clean(t->str, &m, &d, &c);
		b = body(&d);
		assert_non_null(strstr(b,
		    "<div dir=\"ltr\">Thanks, it works.</div>"));
		assert_null(strstr(b, "<div>line 150"));
		if ((strstr(b, "<div>P.S. the log") != NULL) != cases[i].kept)
			fail_msg("case %zu: %s", i, b);
		assert_true(d.clean_quote);
		g_free(b);
		g_free(text);
		g_string_free(t, TRUE);
		done(&m, &d, c);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_charset_kept),
		cmocka_unit_test(test_unchanged),
		cmocka_unit_test(test_no_text_left),
		cmocka_unit_test(test_small_image_collapse),
		cmocka_unit_test(test_top_collapse),
		cmocka_unit_test(test_alternative_vouches),
	};

	g_mime_init();
	xmlInitParser();
	return cmocka_run_group_tests_name("mimeclean", tests, NULL, NULL);
}
