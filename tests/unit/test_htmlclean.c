/*
 * test_htmlclean - the HTML cleaner: each client's quote and signature
 * containers (realistic snippets, and the real-client replies in
 * tests/eval/data/talon-fixtures), history and signatures that only the
 * text shows (textclean's rules), reply markers split across elements
 * and in decoded quoted-printable Outlook HTML, interleaved answers and
 * forwarded messages kept, tracking pixels, cid: bookkeeping,
 * htmlclean_remove_cids(), htmlclean_cut_text(),
 * htmlclean_add_paragraph(), hostile input (empty, NUL bytes, bad
 * UTF-8, 100,000 nested elements), and long quoted history, whose inside
 * the parse leaves out: what it held still decides as before.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>
#include <gmime/gmime.h>
#include <libxml/parser.h>

#include "htmlclean.h"
#include "textclean.h"

#define DATA		"tests/eval/data/talon-fixtures/fixtures/"
#define NEST		100000	/* nested elements of the deep cases */
#define NEST_SECONDS	5	/* generous: it takes milliseconds */
#define WANT_MAX	4

static const char *const markers[] = { "Please reply above this line", NULL };
static const char *const disclaimers[] = {
	"Diese E-Mail enthält vertrauliche", "This e-mail and any attachments",
	NULL
};

struct want {
	const char *name;
	const char *html;
	const char *kept[WANT_MAX];	/* in the output */
	const char *gone[WANT_MAX];	/* not in the output */
	const char *what;	/* "quote", "signature", "tracking=N", ...
				   as htmlclean_clean() says; "" nothing */
};

/* check - clean c->html and compare with what c wants. */
static void
check(const struct textclean_rules *r, const struct want *c, size_t len)
{
	struct htmlclean_result res;
	GString	*what = g_string_new(NULL);
	const char *out;

	if (htmlclean_clean(r, c->html, len, NULL, &res) != 0)
		fail_msg("%s: htmlclean_clean failed", c->name);
	out = res.html != NULL ? res.html : c->html;
	for (int i = 0; i < WANT_MAX && c->kept[i] != NULL; i++)
		if (strstr(out, c->kept[i]) == NULL)
			fail_msg("%s: lost \"%s\" in %s", c->name, c->kept[i],
			    out);
	for (int i = 0; i < WANT_MAX && c->gone[i] != NULL; i++)
		if (strstr(out, c->gone[i]) != NULL)
			fail_msg("%s: kept \"%s\" in %s", c->name, c->gone[i],
			    out);
	g_string_printf(what, "%s%s", res.quote ? "quote " : "",
	    res.signature ? "signature " : "");
	if (res.tracking > 0)
		g_string_append_printf(what, "tracking=%zu ", res.tracking);
	if (what->len > 0)
		g_string_truncate(what, what->len - 1);
	if (strcmp(what->str, c->what) != 0)
		fail_msg("%s: \"%s\", want \"%s\"", c->name, what->str,
		    c->what);
	if ((res.html == NULL) != (*c->what == '\0'))
		fail_msg("%s: html %s", c->name, res.html ? "set" : "NULL");
	g_string_free(what, TRUE);
	htmlclean_result_clear(&res);
}

/* Quote containers, client by client, and what must stay. */
static const struct want quote_cases[] = {
	{"gmail", "<div dir=\"ltr\">Printer still offline.<br></div><br>"
	    "<div class=\"gmail_quote gmail_quote_container\"><div dir=\"ltr\" "
	    "class=\"gmail_attr\">On Mon, 3 Jun 2024 at 10:12, Support &lt;"
	    "support@example.com&gt; wrote:<br></div><blockquote class=\""
	    "gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px "
	    "solid rgb(204,204,204);padding-left:1ex\"><div>Did you restart "
	    "it?</div></blockquote></div>",
	    {"Printer still offline."}, {"restart", "wrote:"}, "quote"},
	{"gmail attr before the quote", "<div>Danke!</div><div class=\""
	    "gmail_attr\">Am Mo., 3. Juni 2024 um 10:12 Uhr schrieb Support:"
	    "</div><div class=\"gmail_quote\"><blockquote class=\"gmail_quote"
	    "\">Alt</blockquote></div>", {"Danke!"}, {"schrieb", "Alt"},
	    "quote"},
	{"gmail forwarded", "<div dir=\"ltr\">See below.<br><div class=\""
	    "gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">---------- "
	    "Forwarded message ---------<br>From: <b class=\"gmail_sendername"
	    "\">Bob</b><br>Date: Fri, Feb 11, 2010<br></div><br><div dir=\""
	    "ltr\">Error 0x80070005</div></div></div>",
	    {"See below.", "Error 0x80070005", "Forwarded message"}, {NULL},
	    ""},
	{"gmail interleaved", "<div>Top</div><div class=\"gmail_quote\"><div "
	    "class=\"gmail_attr\">On Mon, 3 Jun 2024, S wrote:</div>"
	    "<blockquote class=\"gmail_quote\">Which version?</blockquote>"
	    "<div>Version 7.</div><blockquote class=\"gmail_quote\">Regards, "
	    "Support</blockquote></div>", {"Which version?", "Version 7."},
	    {"Regards, Support"}, "quote"},
	{"apple mail", "<html><body dir=\"auto\">It works now.<br><div><br>"
	    "<blockquote type=\"cite\"><div>On 3. Jun 2024, at 10:12, Support "
	    "&lt;s@example.com&gt; wrote:</div><br class=\"Apple-interchange-"
	    "newline\"><div>Try this</div></blockquote></div></body></html>",
	    {"It works now."}, {"Try this", "wrote:"}, "quote"},
	{"ios mail", "<div dir=\"ltr\">Thanks</div><div dir=\"ltr\" id=\""
	    "AppleMailSignature\">Sent from my iPhone</div><div dir=\"ltr\">"
	    "<br>On 3 Jun 2024, at 10:12, Support &lt;s@example.com&gt; wrote:"
	    "<br><br></div><blockquote type=\"cite\"><div dir=\"ltr\">Quoted"
	    "</div></blockquote>", {"Thanks"},
	    {"Quoted", "wrote:", "iPhone"}, "quote signature"},
	{"thunderbird interleaved", "<div class=\"moz-cite-prefix\">On "
	    "03.06.24 10:12, S wrote:<br></div><blockquote type=\"cite\">Which "
	    "printer?</blockquote>The HP one.<br><blockquote type=\"cite\">Any "
	    "error?</blockquote><br>", {"Which printer?", "The HP one.",
	    "wrote:"}, {"Any error?"}, "quote"},
	{"thunderbird", "Fixed.<br><div class=\"moz-cite-prefix\">On 03.06.24"
	    " 10:12, S wrote:<br></div><blockquote type=\"cite\" cite=\"mid:x@y"
	    "\">Old</blockquote><br><pre class=\"moz-signature\" cols=\"72\">"
	    "-- \nJane Doe</pre>", {"Fixed."}, {"Old", "wrote:", "Jane Doe"},
	    "quote signature"},
	{"outlook web appendonsend", "<div>Reply text</div><div id=\""
	    "appendonsend\"></div><hr style=\"display:inline-block;width:98%\" "
	    "tabindex=\"-1\"><div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face="
	    "\"Calibri\"><b>From:</b> Support<br><b>Sent:</b> Monday, June 3, "
	    "2024 10:12<br><b>Subject:</b> RE: x</font></div><div>Quoted body"
	    "</div>", {"Reply text"}, {"Quoted body", "Support", "<hr"},
	    "quote"},
	{"outlook divRplyFwdMsg", "<div>Reply text</div><hr tabindex=\"-1\">"
	    "<div id=\"divRplyFwdMsg\"><b>From:</b> Support</div><div>Quoted "
	    "body</div>", {"Reply text"}, {"Quoted body", "<hr"}, "quote"},
	{"outlook web forward kept", "<div>FYI</div><div id=\"appendonsend\">"
	    "</div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> Kunde<br><b>Sent:"
	    "</b> Monday<br><b>Subject:</b> FW: Error</div><div>Stack trace"
	    "</div>", {"FYI", "Stack trace"}, {NULL}, ""},
	{"outlook 2016 de", "<div class=WordSection1><p class=MsoNormal>"
	    "Hallo,<o:p></o:p></p><p class=MsoNormal>danke.<o:p></o:p></p><div>"
	    "<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0"
	    "pt 0cm 0cm 0cm'><p class=MsoNormal><b>Von:</b> Support &lt;s@e&gt;"
	    " <br><b>Gesendet:</b> Montag, 3. Juni 2024 10:12<br><b>An:</b> K"
	    "<br><b>Betreff:</b> AW: Ticket [123]<o:p></o:p></p></div></div>"
	    "<p class=MsoNormal>Zitat<o:p></o:p></p></div>",
	    {"Hallo,", "danke."}, {"Zitat", "Gesendet"}, "quote"},
	{"outlook forward kept", "<p>FYI</p><div style='border:none;"
	    "border-top:solid #E1E1E1 1.0pt'><p><b>Von:</b> Kunde<br><b>"
	    "Gesendet:</b> Montag<br><b>Betreff:</b> WG: Fehler</p></div><p>"
	    "Fehlermeldung 42</p>", {"Fehlermeldung 42", "FYI"}, {NULL}, ""},
	{"outlook forwarded message kept", "<p>FYI</p><p>-----Weitergeleitete"
	    " Nachricht-----</p><hr><p><b>From:</b> A<br><b>Sent:</b> Monday"
	    "</p><p>Crash log</p>", {"Crash log"}, {NULL}, ""},
	{"yahoo", "<div>Yes</div><div id=\"yahoo_quoted_1\" class=\""
	    "yahoo_quoted\"><div>On Monday, June 3, 2024, 10:12:00 AM GMT+2, "
	    "Support wrote:</div><div>Quoted</div></div>", {"Yes"},
	    {"Quoted", "wrote:"}, "quote"},
	{"protonmail", "<div>Ok</div><div class=\"protonmail_quote\">"
	    "------- Original Message -------<br><blockquote class=\""
	    "protonmail_quote\">Quoted</blockquote></div>", {"Ok"}, {"Quoted"},
	    "quote"},
	{"zoho", "<div>Ok</div><div class=\"zmail_extra\"><div>---- On Mon, "
	    "03 Jun 2024 S wrote ----</div><blockquote>Quoted</blockquote>"
	    "</div>",
	    {"Ok"}, {"Quoted"}, "quote"},
	{"webmail attribution before a plain blockquote", "<p>Ok<br>"
	    "26.06.2014, 14:41, \"S\" &lt;s@e&gt;:</p><blockquote>Quoted"
	    "</blockquote>", {"Ok"}, {"Quoted", "26.06.2014"}, "quote"},
	{"plain blockquote without attribution kept", "<p>Steps:</p>"
	    "<blockquote>1. open 2. close</blockquote>", {"1. open"}, {NULL},
	    ""},
	{"interleaved plain blockquote kept", "<p>On Mon, 3 Jun 2024 S wrote:"
	    "</p><blockquote>Q1</blockquote><p>Answer</p>", {"Q1", "Answer"},
	    {NULL}, ""},
	{"nothing to remove", "<p>Just text</p>", {"Just text"}, {NULL},
	    ""},
};

/* Reply markers, signatures and tracking pixels. */
static const struct want marker_cases[] = {
	{"marker split across elements", "<div>Works now.</div><div><span>"
	    "##- Please</span> <b>reply</b>&nbsp;above<br>this line -##</div>"
	    "<div>Ticket 123 was updated</div>", {"Works now."},
	    {"Ticket 123", "reply</b>"}, "quote"},
	{"marker inside a paragraph", "<p>Thanks! Please reply above this "
	    "line<br>old</p><p>older</p>", {"Thanks!"}, {"old", "Please"},
	    "quote"},
	{"marker quoted in a blockquote", "<p>Done</p><blockquote><p>&gt; "
	    "Please reply above this line</p><p>Ticket text</p></blockquote>"
	    "<p>after</p>", {"Done"}, {"Ticket text", "after"}, "quote"},
	{"gmail signature", "<div dir=\"ltr\">Text<br clear=\"all\"><br><span "
	    "class=\"gmail_signature_prefix\">-- </span><br><div dir=\"ltr\" "
	    "class=\"gmail_signature\" data-smartmail=\"gmail_signature\"><div>"
	    "Jane Doe | ACME</div></div></div>", {"Text"}, {"Jane Doe", "-- "},
	    "signature"},
	{"outlook signature", "<div>Text</div><div id=\"Signature\"><p>Jane"
	    "</p></div><div id=\"x_Signature\"><p>Joe</p></div>", {"Text"},
	    {"Jane", "Joe"}, "signature"},
	{"tracking pixels", "<p>Text<img src=\"https://t.example/o.gif\" "
	    "width=\"1\" height=\"1\" alt=\"\"><img src=\"http://t.example/p\" "
	    "style=\"width: 1px; height:0px\"><img src=\"https://x.example/l."
	    "png\" width=\"1\" height=\"50\"><img src=\"cid:dot\" width=\"1\" "
	    "height=\"1\"><img src=\"https://x.example/m\" style=\"max-width:"
	    "1px\"></p>", {"Text", "l.png", "cid:dot", "x.example/m"},
	    {"t.example"}, "tracking=2"},
};

/*
 * History and signatures that only the text shows (textclean's rules on
 * the kept text): they go as in the plain-text alternative.
 */
static const struct want text_cases[] = {
	{"outlook original message", "<div class=WordSection1><p class="
	    "MsoNormal>Hello,<o:p></o:p></p><p class=MsoNormal>the report is "
	    "attached.<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
	    "<p class=MsoPlainText>-----Original Message-----<br>From: ACME "
	    "Support &lt;support@example.com&gt;<br>Sent: Tuesday, November 24,"
	    " 2026 3:45 PM<br>To: Olivia Brown<br>Subject: Ticket [48266] "
	    "Client crashes<o:p></o:p></p><p class=MsoPlainText>Please send "
	    "the crash report.</p></div>", {"Hello,", "report is attached."},
	    {"Original Message", "Sent:", "Please send"}, "quote"},
	{"apple mail contact block", "<body>Hi Maria,<div><br></div><div>The "
	    "export is empty.</div><div><br></div><div>Regards,</div><div>Sven"
	    "</div><div><br><div><div>Sven Lindqvist<br>Lindqvist Design AB<br>"
	    "+46 8 123 456 78</div></div></div></body>",
	    {"The export is empty.", "Regards,", "<div>Sven</div>"},
	    {"Lindqvist", "+46"}, "signature"},
	{"outlook disclaimer", "<p class=MsoNormal>Bitte erstatten Sie den "
	    "Betrag.</p><p class=MsoNormal>&nbsp;</p><p class=MsoNormal>Mit "
	    "freundlichen Grüßen</p><p class=MsoNormal><b>Jürgen Müller</b></p>"
	    "<p class=MsoNormal>&nbsp;</p><p class=MsoNormal><span style=\""
	    "font-size:7.5pt\">Diese E-Mail enthält vertrauliche Informationen."
	    " Wenn Sie nicht der richtige Adressat sind, informieren Sie bitte "
	    "den Absender.</span></p>", {"Bitte erstatten", "Jürgen Müller"},
	    {"vertrauliche", "Absender"}, "signature"},
	{"get outlook for ios", "<div dir=\"auto\">The app still crashes."
	    "</div><div id=\"ms-outlook-mobile-body-separator-line\" dir=\""
	    "auto\"><br></div><div id=\"ms-outlook-mobile-signature\" dir=\""
	    "auto\"><div dir=\"auto\">Get <a href=\"https://aka.ms/o0ukef\">"
	    "Outlook for iOS</a></div></div>", {"The app still crashes."},
	    {"Outlook for iOS", "aka.ms", "mobile-signature"}, "signature"},
	{"reply header without blockquote", "<div>Reply</div><div>On "
	    "11-Apr-2011, at 6:54 PM, Bob &lt;bob@example.com&gt; wrote:</div>"
	    "<div>Test</div>", {"Reply"}, {"wrote:", "Test"}, "quote"},
	{"reply header at the top: nothing cut", "<div>On Mon, 3 Jun 2024, "
	    "S wrote:</div><div>Old text</div>", {"wrote:", "Old text"},
	    {NULL}, ""},
	{"signature inside a paragraph", "<p>It works.<br>Best regards,<br>"
	    "Jane Doe<br>Doe Consulting<br>Phone: +1 555 0100<br>"
	    "www.doe.example</p>", {"<p>It works.", "Jane Doe"},
	    {"+1 555", "www.doe"}, "signature"},
	{"screenshot above the signature kept", "<div>It fails here:</div>"
	    "<div><img src=\"cid:shot@x\" width=\"800\" height=\"600\"><br>"
	    "-- <br>Jane Doe<br>ACME</div>", {"It fails here:", "cid:shot@x"},
	    {"Jane Doe", "-- "}, "signature"},
	{"interleaved answer under a quote kept", "<div>See below.</div><div>"
	    "On Mon, 3 Jun 2024 at 10:12, S wrote:</div><blockquote style=\""
	    "margin:0 0 0 .8ex\">Which version?</blockquote><div>Version 7."
	    "</div>", {"See below.", "Which version?", "Version 7."}, {NULL},
	    ""},
	{"forwarded message kept", "<p>FYI</p><p>Regards,<br>Jane Doe<br>"
	    "Doe Consulting<br>Phone: +1 555 0100</p><p>---------- Forwarded "
	    "message ---------<br>From: NAS<br>Date: Mon, 3 Jun 2024<br>"
	    "Subject: Error</p><p>Quota exceeded</p>",
	    {"FYI", "Quota exceeded", "Forwarded message"}, {NULL}, ""},
};

static int
setup(void **state)
{
	char	err[256];

	*state = textclean_rules_new(markers, disclaimers, err, sizeof(err));
	return *state == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	textclean_rules_free(*state);
	return 0;
}

static void
test_quotes(void **state)
{
	for (size_t i = 0; i < G_N_ELEMENTS(quote_cases); i++)
		check(*state, &quote_cases[i], strlen(quote_cases[i].html));
}

static void
test_markers_signatures_pixels(void **state)
{
	for (size_t i = 0; i < G_N_ELEMENTS(marker_cases); i++)
		check(*state, &marker_cases[i], strlen(marker_cases[i].html));
}

static void
test_text_rules(void **state)
{
	for (size_t i = 0; i < G_N_ELEMENTS(text_cases); i++)
		check(*state, &text_cases[i], strlen(text_cases[i].html));
}

/* Real-client replies: the answer stays, the quoted message goes. */
static const struct {
	const char *file;
	const char *kept;
	const char *gone;
} file_cases[] = {
	{"html_replies/gmail.html", "Hi. I am fine.", "How are you?"},
	{"html_replies/hotmail.html", "Hi. I am fine.", "How are you?"},
	{"html_replies/mail_ru.html", "Hi. I am fine.", "How are you?"},
	{"html_replies/ms_outlook_2003.html", "Hi. I am fine.", "How are you?"},
	{"html_replies/ms_outlook_2007.html", "Hi. I am fine.", "How are you?"},
	{"html_replies/ms_outlook_2010.html", "Hi. I am fine.", "How are you?"},
	{"html_replies/thunderbird.html", "Hi. I am fine.", "How are you?"},
	{"html_replies/windows_mail.html", "Hi. I am fine.", "How are you?"},
	{"html_replies/yandex_ru.html", "Hi. I am fine.", "How are you?"},
	{"OLK_SRC_BODY_SECTION.html", "Reply", "bob@example.com"},
	{"reply-separated-by-hr.html", "there", "xxx@comcast.net"},
};

static void
test_clients(void **state)
{
	for (size_t i = 0; i < G_N_ELEMENTS(file_cases); i++) {
		char	*path = g_strconcat(DATA, file_cases[i].file, NULL);
		struct want c = { file_cases[i].file, NULL,
		    {file_cases[i].kept, "Alex"}, {file_cases[i].gone},
		    "quote" };
		gchar	*html;
		gsize	 len;

		if (!g_file_get_contents(path, &html, &len, NULL))
			fail_msg("%s: cannot read", path);
		c.html = html;
		if (strstr(html, "Alex") == NULL)
			c.kept[1] = NULL;
		check(*state, &c, len);
		g_free(html);
		g_free(path);
	}
}

/* qp_decode - what the MIME layer hands us for a QP-encoded part. */
static char *
qp_decode(const char *qp)
{
	size_t	 len = strlen(qp);
	char	*out = g_malloc(len + 1);
	int	 st = 0;
	guint32	 save = 0;
	size_t	 n = g_mime_encoding_quoted_decode_step(
	    (const unsigned char *)qp, len, (unsigned char *)out, &st, &save);

	out[n] = '\0';
	return out;
}

static void
test_marker_quoted_printable(void **state)
{
	/* Outlook's QP: "=3D" in attributes, a soft break in the marker */
	static const char qp[] =
	    "<p class=3DMsoNormal><span style=3D'font-size:11.0pt'>Geht wieder"
	    ".<o:p></o:p></span></p>\r\n<p class=3DMsoNormal><span style=3D"
	    "'color:#999999'>##- Please reply ab=\r\nove this line -##<o:p>"
	    "</o:p></span></p>\r\n<p class=3DMsoNormal>Ticket [123] updated"
	    "</p>\r\n";
	struct want c = { "quoted-printable outlook", NULL, {"Geht wieder."},
	    {"Ticket [123]", "ab=", "above"}, "quote" };
	struct htmlclean_result res;

	/* matching on the encoded text finds no marker (FreeScout #5544) */
	assert_int_equal(htmlclean_clean(*state, qp, strlen(qp), NULL, &res), 0);
	assert_null(res.html);
	htmlclean_result_clear(&res);
	c.html = qp_decode(qp);
	check(*state, &c, strlen(c.html));
	g_free((char *)c.html);
}

/* has - list holds s. */
static bool
has(const GPtrArray *list, const char *s)
{
	for (guint i = 0; i < list->len; i++)
		if (strcmp(list->pdata[i], s) == 0)
			return true;
	return false;
}

static void
test_cids(void **state)
{
	static const char html[] =
	    "<html><body background=\"cid:bg\"><p>See the screenshot:</p><p>"
	    "<img src=\"cid:image001.png@01DAB5C1.2F3A4B50\" width=\"1200\" "
	    "height=\"800\"></p><div id=\"Signature\"><p>Jane</p><img src=\""
	    "cid:image002.png@01DAB5C1.2F3A4B50\"><img src=\"cid:shared\"><img "
	    "src=\"CID:esc%40aped\"></div><p><img src=\"cid:shared\"></p><div "
	    "class=\"gmail_quote\"><img src=\"cid:image002.png@01DAB5C1."
	    "2F3A4B50\"></div></body></html>";
	struct htmlclean_result r;

	assert_int_equal(htmlclean_clean(*state, html, strlen(html), NULL, &r), 0);
	assert_non_null(r.html);
	assert_true(r.signature && r.quote);
	assert_int_equal(r.removed_cids->len, 2);
	assert_true(has(r.removed_cids, "image002.png@01DAB5C1.2F3A4B50"));
	assert_true(has(r.removed_cids, "esc@aped"));	/* RFC 2392 %-escapes */
	assert_int_equal(r.kept_cids->len, 3);
	assert_true(has(r.kept_cids, "image001.png@01DAB5C1.2F3A4B50"));
	assert_true(has(r.kept_cids, "shared"));	/* used by both: kept */
	assert_true(has(r.kept_cids, "bg"));
	assert_non_null(strstr(r.html, "cid:image001.png"));
	assert_null(strstr(r.html, "cid:image002.png"));
	htmlclean_result_clear(&r);
}

/* A logo in a contact block goes with it, a screenshot above stays. */
static void
test_text_cids(void **state)
{
	static const char html[] = "<p>Works now, see <img src=\"cid:shot@x\""
	    " width=\"800\" height=\"600\"></p><p>Best regards,</p><p>Jane "
	    "Doe</p><p>Doe Consulting GmbH</p><p>Tel.: +49 711 123456</p><p>"
	    "<img src=\"cid:logo@x\" width=\"40\" height=\"12\"></p>";
	struct htmlclean_result r;

	assert_int_equal(htmlclean_clean(*state, html, strlen(html), NULL, &r), 0);
	assert_non_null(r.html);
	assert_true(r.signature && !r.quote && r.content_left);
	assert_int_equal(r.removed_cids->len, 1);
	assert_true(has(r.removed_cids, "logo@x"));
	assert_int_equal(r.kept_cids->len, 1);
	assert_true(has(r.kept_cids, "shot@x"));
	assert_null(strstr(r.html, "+49"));
	htmlclean_result_clear(&r);
}

/* The same target three times on each side: listed once (found by fuzzing:
 * the third lookup read the freed second copy). */
static void
test_cids_repeated(void **state)
{
	static const char html[] = "<p>See <img src=\"cid:a\"><img src=\"cid:a"
	    "\"><img src=\"cid:a\"></p><div class=\"gmail_quote\">On Mon, X "
	    "wrote:<img src=\"cid:b\"><img src=\"cid:b\"><img src=\"cid:b\">"
	    "</div>";
	struct htmlclean_result r;

	assert_int_equal(htmlclean_clean(*state, html, strlen(html), NULL, &r), 0);
	assert_int_equal(r.kept_cids->len, 1);
	assert_true(has(r.kept_cids, "a"));
	assert_int_equal(r.removed_cids->len, 1);
	assert_true(has(r.removed_cids, "b"));
	htmlclean_result_clear(&r);
}

static void
test_remove_cids(void **state)
{
	static const char html[] = "<p>Hi<img src=\"cid:logo@x\"><img src=\""
	    "cid:shot@x\"></p><table background=\"cid:logo@x\"><tr><td>t</td>"
	    "</tr></table>";
	GPtrArray *cids = g_ptr_array_new();
	char	*out;

	(void)state;
	g_ptr_array_add(cids, "logo@x");
	out = htmlclean_remove_cids(html, strlen(html), cids);
	assert_non_null(out);
	assert_null(strstr(out, "logo@x"));
	assert_non_null(strstr(out, "cid:shot@x"));
	assert_non_null(strstr(out, "Hi"));
	g_free(out);
	g_ptr_array_set_size(cids, 0);
	g_ptr_array_add(cids, "other@x");
	assert_null(htmlclean_remove_cids(html, strlen(html), cids));
	assert_null(htmlclean_remove_cids("", 0, cids));
	g_ptr_array_unref(cids);
}

/* htmlclean_cut_text(): a learned signature out of the HTML part. */
static void
test_cut_text(void **state)
{
	static const char html[] = "<html><body><p>The export stops.</p>"
	    "<p>Mareike Hansen</p><p>Hafen-Spedition Nord GmbH |&nbsp;Kiel"
	    "<br>\n  Tel. +49 431 987 650</p>\n</body></html>";
	static const char inline_br[] = "<div>Thanks, it works.<br>Mareike"
	    "<br>Hafen-Spedition Nord GmbH | Kiel<br>Tel. +49 431 987 650"
	    "</div>";
	static const char block[] = "Hafen-Spedition Nord GmbH | Kiel\n"
	    "Tel. +49 431 987 650\n";
	char	*out;

	(void)state;
	out = htmlclean_cut_text(html, strlen(html), block);
	assert_non_null(out);
	assert_non_null(strstr(out, "The export stops."));
	assert_non_null(strstr(out, "Mareike Hansen"));
	assert_null(strstr(out, "Hafen"));
	assert_null(strstr(out, "+49"));
	g_free(out);
	/* the block starts after a <br> inside the customer's div */
	out = htmlclean_cut_text(inline_br, strlen(inline_br), block);
	assert_non_null(out);
	assert_non_null(strstr(out, "Thanks, it works."));
	assert_non_null(strstr(out, "Mareike"));
	assert_null(strstr(out, "Hafen"));
	g_free(out);
	/* not at the end, another case, inside a word, or all the text */
	assert_null(htmlclean_cut_text(html, strlen(html),
	    "Mareike Hansen"));
	assert_null(htmlclean_cut_text(html, strlen(html),
	    "hafen-spedition nord gmbh | kiel tel. +49 431 987 650"));
	assert_null(htmlclean_cut_text(html, strlen(html), "50"));
	assert_null(htmlclean_cut_text("<p>Tel. 1</p>", 13, "Tel. 1"));
	assert_null(htmlclean_cut_text(html, strlen(html), " \n"));
	assert_null(htmlclean_cut_text("", 0, block));
	assert_null(htmlclean_cut_text(html, strlen(html), NULL));
}

/* htmlclean_add_paragraph(): the note line, escaped, last in the body. */
static void
test_add_paragraph(void **state)
{
	static const char html[] = "<html><body><p>Hi</p></body></html>";
	char	*out;
	const char *p;

	(void)state;
	out = htmlclean_add_paragraph(html, strlen(html),
	    "[removed: <b>x</b> & \"y\" (caf\xc3\xa9.png)]");
	assert_non_null(out);
	p = strstr(out, "<p>[removed: &lt;b&gt;x&lt;/b&gt; &amp; ");
	assert_non_null(p);
	assert_non_null(strstr(p, "caf\xc3\xa9.png)]</p></body>"));
	assert_true(strstr(out, "<p>Hi</p>") < p);
	assert_null(strstr(out, "<b>"));
	g_free(out);
	/* a fragment gets a body */
	out = htmlclean_add_paragraph("Hi", 2, "note");
	assert_non_null(out);
	assert_non_null(strstr(out, "<p>note</p></body>"));
	g_free(out);
	assert_null(htmlclean_add_paragraph("", 0, "note"));
	assert_null(htmlclean_add_paragraph(html, strlen(html), NULL));
}

static void
test_hostile(void **state)
{
	static const char nul[] = "Hello\0World<div class=\"gmail_quote\">"
	    "old</div>";
	static const char marker_only[] = "<p>Please reply above this line"
	    "</p>";
	static const char bad[] = "<p>caf\xe9 \xff\xfe</p><div class=\""
	    "yahoo_quoted\">x</div>";
	struct htmlclean_result r;

	assert_int_equal(htmlclean_clean(*state, "", 0, NULL, &r), -1);
	assert_null(r.html);
	assert_false(r.quote);
	htmlclean_result_clear(&r);
	assert_int_equal(htmlclean_clean(*state, "   \n", 4, NULL, &r), -1);
	htmlclean_result_clear(&r);
	(void)htmlclean_clean(*state, "<<<>>>&&&</div></p><", 20, NULL, &r);
	htmlclean_result_clear(&r);
	assert_int_equal(htmlclean_clean(*state, nul, sizeof(nul) - 1, NULL, &r),
	    0);
	assert_non_null(r.html);
	assert_non_null(strstr(r.html, "World"));
	assert_null(strstr(r.html, "old"));
	htmlclean_result_clear(&r);
	assert_int_equal(htmlclean_clean(*state, bad, sizeof(bad) - 1, NULL, &r),
	    0);
	assert_non_null(r.html);
	assert_true(g_utf8_validate(r.html, -1, NULL));
	htmlclean_result_clear(&r);
	/* no rules: no markers */
	assert_int_equal(htmlclean_clean(NULL, marker_only,
	    strlen(marker_only), NULL, &r), 0);
	assert_null(r.html);
	htmlclean_result_clear(&r);
}

/* deep - NEST copies of open, then text, then NEST copies of close. */
static GString *
deep(const char *open, const char *text, const char *close)
{
	GString	*s = g_string_new("<p>Top</p>");

	for (int i = 0; i < NEST; i++)
		g_string_append(s, open);
	g_string_append(s, text);
	for (int i = 0; i < NEST; i++)
		g_string_append(s, close);
	return s;
}

static void
test_deep(void **state)
{
	static const char *const shapes[][3] = {
		{"<div>", "x", "</div>"},
		{"<blockquote type=\"cite\">", "q", "</blockquote>"},
		{"<div class=\"gmail_quote\">", "q", "</div>"},
		{"<span>", "Please reply above this line", "</span>"},
		{"<div>", "<hr>From: a<br>Sent: b", ""},
	};
	gint64	 t0 = g_get_monotonic_time();

	for (size_t i = 0; i < G_N_ELEMENTS(shapes); i++) {
		GString	*s = deep(shapes[i][0], shapes[i][1], shapes[i][2]);
		struct htmlclean_result r;

		(void)htmlclean_clean(*state, s->str, s->len, NULL, &r);
		if (r.html != NULL)
			assert_non_null(strstr(r.html, "Top"));
		htmlclean_result_clear(&r);
		g_free(htmlclean_remove_cids(s->str, s->len, NULL));
		g_string_free(s, TRUE);
	}
	assert_true(g_get_monotonic_time() - t0 <
	    NEST_SECONDS * G_USEC_PER_SEC);
}

/*
 * Many paragraphs starting "From:": bounded work, the text kept; a
 * document one paragraph longer than HTMLCLEAN_MAX is not parsed.
 */
static void
test_many_headers(void **state)
{
	static const char para[] = "<p>From: x<br>To: y</p>";
	GString	*s = g_string_new(NULL);
	struct htmlclean_result r;

	while (s->len + strlen(para) <= HTMLCLEAN_MAX)
		g_string_append(s, para);
	assert_int_equal(htmlclean_clean(*state, s->str, s->len, NULL, &r), 0);
	assert_null(r.html);
	htmlclean_result_clear(&r);
	g_string_append(s, para);
	assert_int_equal(htmlclean_clean(*state, s->str, s->len, NULL, &r), -1);
	assert_null(r.html);
	htmlclean_result_clear(&r);
	assert_null(htmlclean_add_paragraph(s->str, s->len, "note"));
	g_string_free(s, TRUE);
}

/*
 * gmail_reply - a Gmail reply: above, the quote container holding the
 * attribution, a blockquote of history lines (far more text than the
 * parse keeps of a container) with deep in the middle, and below.
 */
static char *
gmail_reply(const char *above, const char *deep, const char *inside_after,
    const char *below)
{
	GString	*s = g_string_new("<html><body><div dir=\"ltr\">");

	g_string_append_printf(s, "%s</div><div class=\"gmail_quote\"><div "
	    "class=\"gmail_attr\">On Mon, 23 Nov 2026 at 16:01, Support &lt;"
	    "support@example.com&gt; wrote:<br></div><blockquote class=\""
	    "gmail_quote\">", above);
	for (int i = 0; i < 200; i++) {
		g_string_append_printf(s, "<div>&gt; line %d of the history "
		    "of this ticket, quoted once more</div>\n", i);
		if (i == 100)
			g_string_append(s, deep);
	}
	g_string_append_printf(s, "</blockquote>%s</div>%s</body></html>",
	    inside_after, below);
	return g_string_free(s, FALSE);
}

/*
 * Long history: what the parse leaves out of the quote container is
 * still read where it matters: an image only the history shows goes, an
 * answer between the quotes and text after the container stay, a
 * forwarding line deep in the history keeps the signature above it as
 * before, and a reply marker there cuts nothing of the customer's.
 */
static void
test_long_history(void **state)
{
	static const struct {
		const char *above, *deep, *inside_after, *below;
		const char *kept, *gone;
	} cases[] = {
		{ "Thanks, it works.", "<img src=\"cid:deep@x\">", "", "",
		  "Thanks, it works.", "line 150" },
		{ "See below.", "", "<div>My answer: the export runs "
		  "at 9.</div><blockquote class=\"gmail_quote\"><div>&gt; "
		  "When does it run?</div></blockquote>", "",
		  "My answer: the export runs at 9.", "When does it run?" },
		{ "Thanks.", "", "", "<div>P.S. the log is attached.</div>",
		  "P.S. the log is attached.", "line 150" },
		{ "Thanks.<br>-- <br>Jane Doe<br>Acme Corp<br>+1 555 0100",
		  "<div>---------- FORWARDED Message ---------</div>", "",
		  "", "Jane Doe", "line 150" },
		{ "Done.", "<div>Please reply above this line</div>", "", "",
		  "Done.", "line 150" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char	*html = gmail_reply(cases[i].above, cases[i].deep,
		    cases[i].inside_after, cases[i].below);
		struct htmlclean_result r;

		assert_int_equal(htmlclean_clean(*state, html, strlen(html),
		    NULL, &r), 0);
		assert_non_null(r.html);
		if (strstr(r.html, cases[i].kept) == NULL ||
		    strstr(r.html, cases[i].gone) != NULL)
			fail_msg("case %zu: %s", i, r.html);
		assert_true(r.quote);
		assert_int_equal(r.signature, false);
		if (i == 0)
			assert_true(has(r.removed_cids, "deep@x"));
		htmlclean_result_clear(&r);
		g_free(html);
	}
}

/*
 * A plain alternative that vouches for the history lets the parse stop
 * in the quote container: what only the HTML has below it goes with the
 * history (so the stop is seen), unless the stop could change a
 * decision: a part referred to only further down (read whole: it is
 * listed as removed), or a container that stays (a forward).
 */
static void
test_plain_vouches(void **state)
{
	GPtrArray *ids = g_ptr_array_new();
	const struct htmlclean_plain none = { false, NULL };
	const struct htmlclean_plain vouched = { true, ids };
	const char *below = "<div>P.S. only in the HTML part.</div>";
	struct htmlclean_result r;
	char	*html;

	html = gmail_reply("Thanks, it works. <img src=\"cid:logo@x\">", "",
	    "", below);
	g_ptr_array_add(ids, "logo@x");
	assert_int_equal(htmlclean_clean(*state, html, strlen(html), &none,
	    &r), 0);
	assert_non_null(strstr(r.html, "P.S. only"));
	htmlclean_result_clear(&r);
	assert_int_equal(htmlclean_clean(*state, html, strlen(html), &vouched,
	    &r), 0);
	assert_non_null(strstr(r.html, "Thanks, it works."));
	assert_null(strstr(r.html, "P.S. only"));
	assert_null(strstr(r.html, "line 150"));
	assert_true(has(r.kept_cids, "logo@x"));
	assert_true(r.quote);
	htmlclean_result_clear(&r);
	g_free(html);

	/* a part referred to only from the history: read whole */
	html = gmail_reply("Thanks.", "<img src=\"cid:deep@x\">", "", below);
	g_ptr_array_add(ids, "deep@x");
	assert_int_equal(htmlclean_clean(*state, html, strlen(html), &vouched,
	    &r), 0);
	assert_true(has(r.removed_cids, "deep@x"));
	assert_non_null(strstr(r.html, "P.S. only"));
	htmlclean_result_clear(&r);
	g_free(html);

	/* a forwarded message in the container stays, and so does the rest */
	html = gmail_reply("FYI.<div>---------- Forwarded message ---------"
	    "</div>", "", "", below);
	assert_int_equal(htmlclean_clean(*state, html, strlen(html), &vouched,
	    &r), 0);
	assert_true(r.html == NULL || (strstr(r.html, "line 150") != NULL &&
	    strstr(r.html, "P.S. only") != NULL));
	htmlclean_result_clear(&r);
	g_free(html);
	g_ptr_array_unref(ids);
}

/*
 * A customer's reply to our own mail, whose reply marker tops the quote:
 * vouched for or not, the same bytes come out.
 */
static void
test_plain_vouches_marker(void **state)
{
	const struct htmlclean_plain vouched = { true, NULL };
	char	*html = gmail_reply("Thanks.", "", "", "");
	GString	*m = g_string_new(html);
	struct htmlclean_result r;
	char	*whole;

	g_string_insert(m, strchr(strstr(m->str, "<blockquote"), '>') -
	    m->str + 1, "<div>Please reply above this line</div>");
	assert_int_equal(htmlclean_clean(*state, m->str, m->len, NULL, &r), 0);
	whole = g_strdup(r.html);
	htmlclean_result_clear(&r);
	assert_int_equal(htmlclean_clean(*state, m->str, m->len, &vouched,
	    &r), 0);
	assert_string_equal(r.html, whole);
	assert_null(strstr(r.html, "Please reply"));
	htmlclean_result_clear(&r);
	g_free(whole);
	g_string_free(m, TRUE);
	g_free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_markers_signatures_pixels),
		cmocka_unit_test(test_text_rules),
		cmocka_unit_test(test_text_cids),
		cmocka_unit_test(test_cids_repeated),
		cmocka_unit_test(test_clients),
		cmocka_unit_test(test_marker_quoted_printable),
		cmocka_unit_test(test_cids),
		cmocka_unit_test(test_remove_cids),
		cmocka_unit_test(test_cut_text),
		cmocka_unit_test(test_add_paragraph),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_deep),
		cmocka_unit_test(test_many_headers),
		cmocka_unit_test(test_long_history),
		cmocka_unit_test(test_plain_vouches),
		cmocka_unit_test(test_plain_vouches_marker),
	};
	int	rc;

	/* the daemon does this once at start-up, before any thread */
	xmlInitParser();
	rc = cmocka_run_group_tests_name("htmlclean", tests, setup, teardown);
	xmlCleanupParser();
	return rc;
}
