/* test_textclean - the plain-text cutter: markers, reply headers, Outlook
 * blocks, quotes, signatures, and what must stay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "textclean.h"

static const char *const markers[] = {
	"Please reply above this line",
	"Please type your reply above this line", NULL
};
static const char *const disclaimers[] = {
	"This e-mail and any attachments are confidential", NULL
};

/* The customer's words in most cases, and what follows them. */
#define R	"The export fails with error 0x80070005.\n"
#define OLD	"> Dear customer,\n> your ticket was updated.\n"
#define HIST	"Dear customer,\nyour ticket was updated.\n"

struct tcase {
	const char *name;
	const char *text;
	const char *kept;	/* NULL: the whole text */
	const char *quote_why;
	const char *signature_why;
};

static const struct tcase cases[] = {
	/* Reply markers: ours, wrapped, quoted, decorated, any case. */
	{"marker", R "\nPlease reply above this line\n" HIST, R, "marker", NULL},
	{"marker-wrapped-quoted", R "\n> ##- Please type your reply\n"
	    "> above this line -##\n" OLD, R, "marker", NULL},
	{"marker-decorated-case", R "--- PLEASE  REPLY ABOVE\tTHIS LINE ---\n"
	    HIST, R, "marker", NULL},
	{"marker-mid-line", R "\n##- Please reply above this line -## Ticket 42\n"
	    HIST, R, "marker", NULL},
	{"marker-not-other-words", R "\nPlease reply below this line\n", NULL,
	    NULL, NULL},
	/* A phone line with a fax number is still contact data. */
	{"contact-tel-fax", "Please refund the second charge.\n\n"
	    "Mit freundlichen Grüßen\n\nJürgen Müller\nLeiter Buchhaltung\n\n"
	    "Müller Maschinenbau GmbH\nIndustriestraße 12 · 70565 Stuttgart\n"
	    "Tel.: +49 711 123456-0 | Fax: +49 711 123456-99\n"
	    "www.mueller-maschinenbau.example\n",
	    "Please refund the second charge.\n\nMit freundlichen Grüßen\n\n"
	    "Jürgen Müller\n", NULL, "contact-block"},
	/* A signature above a forwarded message: the forward is content. */
	{"signature-above-forward", "Please see below.\n\nBest regards,\n"
	    "Anna Example\nHead of IT\n+49 30 1234567\nwww.acme.example\n\n"
	    "---------- Forwarded message ---------\nFrom: NAS <n@a.example>\n"
	    "Date: Mon, 23 Nov 2026\nSubject: Backup failed\n\n"
	    "The backup job failed with error 17.\n--\nNAS Monitor\n",
	    NULL, NULL, NULL},
	/* A quoted marker with the customer's answers after it: kept whole. */
	{"marker-quoted-then-answers", "On Tue, Support wrote:\n"
	    "> Please reply above this line\n> Which version?\n\n4.7.2\n\n"
	    "> Since when?\n\nMonday.\n", NULL, NULL, NULL},
	/* Reply headers in many languages, possibly wrapped. */
	{"en", R "\nOn Mon, 3 Jun 2024 at 10:00, Support <support@example.com> "
	    "wrote:\n" OLD, R, "reply-header", NULL},
	{"en-wrapped-3", R "\nOn Mon, 3 Jun 2024 at 10:00, Support Team\n"
	    "<support@example.com>\nwrote:\n\n" OLD, R, "reply-header", NULL},
	{"en-unquoted-history", R "\nOn 3 Jun 2024, at 10:00, Support wrote:\n\n"
	    HIST, R, "reply-header", NULL},
	{"de", R "\nAm 03.06.2024 um 10:00 schrieb Support <s@example.com>:\n"
	    OLD, R, "reply-header", NULL},
	{"de-name-after-verb", R "\nAm 25.06.2015 um 10:55 schrieb Test user:\n\n"
	    HIST, R, "reply-header", NULL},
	{"fr", R "\nLe lun. 3 juin 2024 à 10:00, Support <s@example.com> a "
	    "écrit :\n" OLD, R, "reply-header", NULL},
	{"fr-wrapped", R "\nLe lun. 3 juin 2024 à 10:00, Support <s@example.com>\n"
	    "a écrit :\n\n" HIST, R, "reply-header", NULL},
	{"es", R "\nEl 3 jun 2024, a las 10:00, Support <s@example.com> "
	    "escribió:\n" OLD, R, "reply-header", NULL},
	{"it", R "\nIl giorno lun 3 giu 2024 alle ore 10:00 Support "
	    "<s@example.com> ha scritto:\n" OLD, R, "reply-header", NULL},
	{"nl", R "\nOp ma 3 jun. 2024 om 10:00 schreef Support <s@example.com>:\n"
	    OLD, R, "reply-header", NULL},
	{"pt", R "\nEm seg., 3 de jun. de 2024 às 10:00, Support "
	    "<s@example.com> escreveu:\n" OLD, R, "reply-header", NULL},
	{"sv", R "\nDen 3 juni 2024 kl. 10:00 skrev Support <s@example.com>:\n"
	    OLD, R, "reply-header", NULL},
	{"da-no", R "\nman. 3. jun. 2024 kl. 10:00 skrev Support "
	    "<s@example.com>:\n" OLD, R, "reply-header", NULL},
	{"no-short", R "\nSupport <s@example.com> skrev:\n" OLD, R,
	    "reply-header", NULL},
	{"pl", R "\nW dniu 3.06.2024 o 10:00, Support <s@example.com> "
	    "napisał(a):\n" OLD, R, "reply-header", NULL},
	{"ru", R "\n3 июня 2024 г., в 10:00, Support <s@example.com> "
	    "написал(а):\n" OLD, R, "reply-header", NULL},
	{"ru-gmail", R "\nпн, 3 июн. 2024 г. в 10:00, Support "
	    "<s@example.com>:\n\n" HIST, R, "reply-header", NULL},
	{"fi", R "\nma 3. kesäk. 2024 klo 10.00 Support (s@example.com) "
	    "kirjoitti:\n" OLD, R, "reply-header", NULL},
	{"ja", R "\n2024/06/03 10:00、Support <s@example.com> のメッセージ:\n"
	    OLD, R, "reply-header", NULL},
	{"zh", R "\n在 2024年6月3日，上午10:00，Support <s@example.com> 写道：\n"
	    OLD, R, "reply-header", NULL},
	{"ko", R "\n2024. 6. 3. 오전 10:00, Support <s@example.com>님이 작성:\n"
	    OLD, R, "reply-header", NULL},
	{"gmail-iso", R "\n2024-06-03 10:00 GMT+02:00 Support <s@example.com>:\n"
	    OLD, R, "reply-header", NULL},
	{"dashed", R "\n---- On Mon, 03 Jun 2024 10:00:00 +0200 s@example.com "
	    "wrote ----\n\n" HIST, R, "reply-header", NULL},
	{"crlf", "Hi\r\n\r\nOn Mon, 3 Jun 2024, Bob <b@example.com> wrote:\r\n"
	    "> old\r\n", "Hi\r\n", "reply-header", NULL},
	/* Outlook blocks, rules and "Original Message" separators. */
	{"outlook-rule", R "\n________________________________\nFrom: Support "
	    "<s@example.com>\nSent: Monday, June 3, 2024 10:00 AM\nTo: Anna "
	    "<a@example.com>\nSubject: Ticket 42\n\n" HIST, R, "rule", NULL},
	{"outlook-de", R "\nVon: Support <s@example.com>\nGesendet: Montag, 3. "
	    "Juni 2024 10:00\nAn: Anna\nBetreff: Ticket 42\n\n" HIST, R,
	    "outlook-header", NULL},
	{"outlook-de-original", R "\n-----Ursprüngliche Nachricht-----\nVon: "
	    "Support\nGesendet: Montag\nAn: Anna\nBetreff: Ticket 42\n\n" HIST,
	    R, "original-message", NULL},
	{"outlook-fr", R "\nDe : Support\nEnvoyé : lundi 3 juin 2024\nÀ : Anna\n"
	    "Objet : Ticket 42\n\n" HIST, R, "outlook-header", NULL},
	{"outlook-es", R "\n*De:* Support\n*Enviado:* lunes\n*Para:* Anna\n"
	    "*Asunto:* Ticket 42\n\n" HIST, R, "outlook-header", NULL},
	{"outlook-it", R "\nDa: Support\nInviato: lunedì\nA: Anna\nOggetto: "
	    "Ticket 42\n\n" HIST, R, "outlook-header", NULL},
	{"outlook-nl", R "\nVan: Support\nVerzonden: maandag\nAan: Anna\n"
	    "Onderwerp: Ticket 42\n\n" HIST, R, "outlook-header", NULL},
	{"outlook-sv", R "\nFrån: Support\nSkickat: måndag\nTill: Anna\nÄmne: "
	    "Ticket 42\n\n" HIST, R, "outlook-header", NULL},
	{"outlook-no", R "\nFra: Support\nSendt: mandag\nTil: Anna\nEmne: "
	    "Ticket 42\n\n" HIST, R, "outlook-header", NULL},
	{"outlook-pl", R "\nOd: Support\nWysłano: poniedziałek\nDo: Anna\n"
	    "Temat: Ticket 42\n\n" HIST, R, "outlook-header", NULL},
	{"outlook-ru", R "\nОт: Support\nОтправлено: понедельник\nКому: Anna\n"
	    "Тема: Ticket 42\n\n" HIST, R, "outlook-header", NULL},
	{"original-en", R "\n-----Original Message-----\n" HIST, R,
	    "original-message", NULL},
	{"original-fr", R "\n-----Message d'origine-----\n" HIST, R,
	    "original-message", NULL},
	{"original-es", R "\n-----Mensaje original-----\n" HIST, R,
	    "original-message", NULL},
	{"original-it", R "\n-----Messaggio originale-----\n" HIST, R,
	    "original-message", NULL},
	{"original-nl", R "\n-----Oorspronkelijk bericht-----\n" HIST, R,
	    "original-message", NULL},
	{"original-sv", R "\n-----Originalmeddelande-----\n" HIST, R,
	    "original-message", NULL},
	{"original-no", R "\n-----Opprinnelig melding-----\n" HIST, R,
	    "original-message", NULL},
	{"original-fi", R "\n-----Alkuperäinen viesti-----\n" HIST, R,
	    "original-message", NULL},
	{"original-pl", R "\n-----Wiadomość oryginalna-----\n" HIST, R,
	    "original-message", NULL},
	/* Quoted blocks: trailing ones go, interleaved answers stay. */
	{"trailing-quote", R "\n" OLD "\n>\n", R, "quoted", NULL},
	{"interleaved", R "\nOn Mon, 3 Jun 2024, Bob <b@example.com> wrote:\n"
	    "> Does it fail on every run?\n\nOnly on Mondays.\n\n> Which version?"
	    "\n\n5.2.1\n", NULL, NULL, NULL},
	{"interleaved-tail-quote", "> Does it fail?\nYes.\n> Which version?\n",
	    "> Does it fail?\nYes.\n", "quoted", NULL},
	{"quote-wrapped-tail", R "\nOn Mon, 3 Jun 2024, Bob <b@example.com> "
	    "wrote:\n> a quoted line so long that the mail client wrapped it at the\n"
	    "margin\n> end\n",
	    R, "reply-header", NULL},
	{"header-then-signature", R "\nOn Mon, 3 Jun 2024, Bob <b@example.com> "
	    "wrote:\n> old\n\n-- \nBob\n", R, "reply-header", NULL},
	{"prose-wrote", "Hi\n\nJohn wrote:\n> foo\n", "Hi\n\nJohn wrote:\n",
	    "quoted", NULL},
	{"all-quoted", "> only\n> quoted\n", "", "quoted", NULL},
	/* Forwarded messages are content. */
	{"forward-gmail", "FYI, see below.\n\n---------- Forwarded message "
	    "---------\nFrom: Bob <b@example.com>\nDate: Mon, 3 Jun 2024\n"
	    "Subject: error\nTo: Anna <a@example.com>\n\nThe error text\n> q\n",
	    NULL, NULL, NULL},
	{"forward-apple", "See this.\n\nBegin forwarded message:\n\nFrom: Bob "
	    "<b@example.com>\nSubject: error\nDate: 3 June 2024\nTo: Anna\n\n"
	    "text\n", NULL, NULL, NULL},
	{"forward-de", "Siehe unten.\n\n-------- Weitergeleitete Nachricht "
	    "--------\nVon: Bob\nGesendet: Montag\nAn: Anna\nBetreff: Fehler\n\n"
	    "text\n", NULL, NULL, NULL},
	/* Signatures. */
	{"delimiter", R "\n-- \nAnna Smith\nACME Ltd\n", R, NULL, "delimiter"},
	{"dashes-short", R "--\nrick\n", R, NULL, "delimiter"},
	{"dashes-long-block", R "--\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n", NULL,
	    NULL, NULL},
	{"dashes-list", "Points:\n-- first point\n-- second point\n", NULL,
	    NULL, NULL},
	{"mailing-list", R "\n__\nlist mailing list\nlist@example.com\n"
	    "http://lists.example.com/listinfo\n", R, NULL, "delimiter"},
	{"iphone", R "\nSent from my iPhone\n", R, NULL, "mobile-footer"},
	{"de-iphone", R "\nVon meinem iPhone gesendet\n", R, NULL,
	    "mobile-footer"},
	{"fr-iphone", R "\nEnvoyé de mon iPhone\n", R, NULL, "mobile-footer"},
	{"es-iphone", R "\nEnviado desde mi iPhone\n", R, NULL,
	    "mobile-footer"},
	{"it-iphone", R "\nInviato da iPhone\n", R, NULL, "mobile-footer"},
	{"nl-iphone", R "\nVerzonden vanaf mijn iPhone\n", R, NULL,
	    "mobile-footer"},
	{"sv-iphone", R "\nSkickat från min iPhone\n", R, NULL,
	    "mobile-footer"},
	{"da-iphone", R "\nSendt fra min iPhone\n", R, NULL, "mobile-footer"},
	{"pl-iphone", R "\nWysłane z iPhone'a\n", R, NULL, "mobile-footer"},
	{"ru-iphone", R "\nОтправлено с iPhone\n", R, NULL, "mobile-footer"},
	{"fi-iphone", R "\nLähetetty iPhonesta\n", R, NULL, "mobile-footer"},
	{"outlook-ios", R "\nGet Outlook for iOS<https://aka.ms/o0ukef>\n", R,
	    NULL, "mobile-footer"},
	{"galaxy", R "\nSent from my Galaxy\n", R, NULL, "mobile-footer"},
	{"yahoo", R "\nSent from Yahoo Mail for iPhone\n", R, NULL,
	    "mobile-footer"},
	{"windows", R "\nSent from Mail for Windows\n", R, NULL,
	    "mobile-footer"},
	{"footer-sentence", "Here it is.\n\nSent from my desk, is much easier "
	    "than my phone.\n", NULL, NULL, NULL},
	{"footer-then-history", R "\nSent from my iPhone\n\n" HIST, R, "footer",
	    "mobile-footer"},
	/* Nothing typed but the client's footer: nothing kept. */
	{"footer-only-then-quote", "\n\nSent from my iPhone\n\n> On Nov 24, "
	    "2026, at 12:10, ACME Support <support@example.com> wrote:\n>\n"
	    OLD, "", "footer", "mobile-footer"},
	{"footer-only", " \n\t\nSent from my iPhone\n\n", "", NULL,
	    "mobile-footer"},
	{"footers-only", "Sent from my iPhone\nGet Outlook for iOS\n", "",
	    "footer", "mobile-footer"},
	{"contact-block", R "\nBest regards,\nAnna Smith\nSenior Engineer | ACME "
	    "Ltd.\n+49 30 1234567\nhttps://acme.example\n",
	    R "\nBest regards,\nAnna Smith\n", NULL, "contact-block"},
	{"contact-block-de", R "\nMit freundlichen Grüßen\n\nMax Mustermann\n"
	    "Musterstraße 1\n12345 Berlin\nTel. +49 30 123456\n",
	    R "\nMit freundlichen Grüßen\n\nMax Mustermann\n", NULL,
	    "contact-block"},
	{"contact-block-fr", R "\nCordialement,\nJean Dupont\nACME SA\n"
	    "jean@acme.example\n", R "\nCordialement,\nJean Dupont\n", NULL,
	    "contact-block"},
	{"contact-block-named", R "\nCheers, Anna\nACME Inc.\nwww.acme.example\n",
	    R "\nCheers, Anna\n", NULL, "contact-block"},
	{"closing-only", R "\nRegards,\nAnna\n", NULL, NULL, NULL},
	{"postscript", "Hi,\nit fails.\n\nRegards,\nAnna\n\nP.S. the error also "
	    "happens on Mondays.\n", NULL, NULL, NULL},
	{"contact-prose", R "\nThanks,\nAnna\nI will be out of office until "
	    "Monday.\n", NULL, NULL, NULL},
	{"thanks-sentence", R "\nThanks for the quick fix\nAnna\nACME\n", NULL,
	    NULL, NULL},
	{"disclaimer", R "\nAnna\n\nThis e-mail and any attachments are "
	    "confidential and may be privileged.\nIf you are not the intended "
	    "recipient, delete it.\n", R "\nAnna\n", NULL, "disclaimer"},
	{"disclaimer-wrapped", R "\n*** This e-mail and any\nattachments are "
	    "confidential ***\n", R, NULL, "disclaimer"},
	{"signature-and-quote", R "\n-- \nAnna\n\nOn Mon, 3 Jun 2024, Bob "
	    "<b@example.com> wrote:\n" OLD, R, "reply-header", "delimiter"},
	{"signature-only", "-- \nAnna\n", NULL, NULL, NULL},
	{"empty", "", NULL, NULL, NULL},
	{"blank", "\n \n\t\n", NULL, NULL, NULL},
	{"plain", R, NULL, NULL, NULL},
};

/* at_line_start - off is 0 or follows a line break. */
static bool
at_line_start(const char *text, size_t off)
{
	return off == 0 || text[off - 1] == '\n' || text[off - 1] == '\r';
}

/* check_why - a reason as wanted; false after printing the difference. */
static bool
check_why(const char *name, const char *what, const char *got,
    const char *want)
{
	if (g_strcmp0(got, want) == 0)
		return true;
	print_error("%s: %s is \"%s\", want \"%s\"\n", name, what,
	    got ? got : "(null)", want ? want : "(null)");
	return false;
}

/* check_case - one case; false after printing what differs, so that one
 * run shows every failing case. */
static bool
check_case(const struct textclean_rules *rules, const struct tcase *c)
{
	struct textclean_cut cut;
	size_t	len = strlen(c->text);
	const char *want = c->kept ? c->kept : c->text;
	bool	ok = true;

	textclean_cut(rules, c->text, len, &cut);
	if (!(cut.keep <= cut.signature && cut.signature <= cut.quote &&
	    cut.quote <= len) || !at_line_start(c->text, cut.keep) ||
	    !at_line_start(c->text, cut.signature) ||
	    !at_line_start(c->text, cut.quote)) {
		print_error("%s: bad offsets %zu %zu %zu of %zu\n", c->name,
		    cut.keep, cut.signature, cut.quote, len);
		ok = false;
	}
	if (cut.keep != strlen(want) || strncmp(c->text, want, cut.keep) != 0) {
		print_error("%s: kept \"%.*s\", want \"%s\"\n", c->name,
		    (int)cut.keep, c->text, want);
		ok = false;
	}
	/* the cases with a forwarding line outside a quote are named so */
	if (cut.forward != (strstr(c->name, "forward") != NULL)) {
		print_error("%s: forward %d\n", c->name, cut.forward);
		ok = false;
	}
	ok &= check_why(c->name, "quote_why", cut.quote_why, c->quote_why);
	ok &= check_why(c->name, "signature_why", cut.signature_why,
	    c->signature_why);
	return ok;
}

static void
test_cases(void **state)
{
	char	err[128];
	struct textclean_rules *rules = textclean_rules_new(markers,
	    disclaimers, err, sizeof(err));
	int	failed = 0;

	(void)state;
	assert_non_null(rules);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		failed += !check_case(rules, &cases[i]);
	textclean_rules_free(rules);
	if (failed)
		fail_msg("%d of %zu cases failed", failed,
		    sizeof(cases) / sizeof(cases[0]));
}

/* Without rules configured nothing is a marker or a disclaimer. */
static void
test_no_rules(void **state)
{
	static const char *const none[] = { NULL };
	static const char text[] = R "\nPlease reply above this line\n" HIST;
	char	err[128];
	struct textclean_rules *rules = textclean_rules_new(none, NULL, err,
	    sizeof(err));
	struct textclean_cut cut;

	(void)state;
	assert_non_null(rules);
	textclean_cut(rules, text, strlen(text), &cut);
	assert_int_equal(cut.keep, strlen(text));
	assert_null(cut.quote_why);
	textclean_rules_free(rules);
}

static void
test_bad_rules(void **state)
{
	static const char *const bad[][2] = {
		{"", NULL}, {" \t ", NULL}, {"\xff\xfe", NULL},
	};
	char	err[128];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_null(textclean_rules_new(bad[i], NULL, err, sizeof(err)));
		assert_non_null(strstr(err, "reply marker"));
		assert_null(textclean_rules_new(NULL, bad[i], err, sizeof(err)));
		assert_non_null(strstr(err, "disclaimer"));
	}
}

static void
test_marker_at(void **state)
{
	static const char wrapped[] = "PLEASE reply\n>  above this line -##";
	char	err[128];
	struct textclean_rules *rules = textclean_rules_new(markers, NULL, err,
	    sizeof(err));
	static const char *const t[] = {
		" Please reply above this line", "xPlease reply above this line",
		"(Please reply above this line", "ÉPlease reply above this line",
		"\u212Aeep Please reply above this line",
	};
	static const size_t any[] = { 1, 1, 1, 2, 7 }, word[] = { 1, -1, 1, 2, 7 };

	(void)state;
	assert_int_equal(textclean_marker_find(rules, wrapped,
	    sizeof(wrapped) - 1, false), 0);
	assert_int_equal(textclean_marker_find(rules, wrapped, 10, false), -1);
	assert_int_equal(textclean_marker_find(rules, "Please reply below", 18,
	    true), -1);
	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		assert_int_equal(textclean_marker_find(rules, t[i],
		    strlen(t[i]), false), any[i]);
		assert_int_equal(textclean_marker_find(rules, t[i],
		    strlen(t[i]), true), word[i]);
	}
	assert_int_equal(textclean_marker_find(NULL, t[0], strlen(t[0]),
	    false), -1);
	textclean_rules_free(rules);
}

/* big_text - about size bytes of unit repeated, then tail. */
static GString *
big_text(const char *unit, size_t size, const char *tail)
{
	GString *s = g_string_sized_new(size + strlen(tail));

	while (s->len < size)
		g_string_append(s, unit);
	g_string_append(s, tail);
	return s;
}

/* Five megabytes of each shape finish in linear time: prose, blank
 * lines, one long line, headers with interleaved answers, quoted lines. */
static void
test_large(void **state)
{
	static const struct {
		const char *unit, *tail;
		bool	cut;
	} shapes[] = {
		{"a line of the customer's text that goes on and on\n",
		    "\nOn Mon, 3 Jun 2024, Bob <b@example.com> wrote:\n> q\n", true},
		{"\n", "", false},
		{"x", "", false},
		{"On Mon, 3 Jun 2024, Bob <b@example.com> wrote:\n> q\nanswer\n",
		    "", false},
		{"> quoted\n", "", true},
		{"Please reply above\n", "", false},
	};
	char	err[128];
	struct textclean_rules *rules = textclean_rules_new(markers,
	    disclaimers, err, sizeof(err));
	gint64	start = g_get_monotonic_time();

	(void)state;
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		GString *s = big_text(shapes[i].unit, 5u << 20, shapes[i].tail);
		struct textclean_cut cut;

		textclean_cut(rules, s->str, s->len, &cut);
		if ((cut.keep < s->len) != shapes[i].cut)
			fail_msg("shape %zu: keep %zu of %zu", i, cut.keep,
			    s->len);
		g_string_free(s, TRUE);
	}
	/* Generous enough for valgrind; quadratic work would take hours. */
	if (g_get_monotonic_time() - start > 120 * G_USEC_PER_SEC)
		fail_msg("30 MB took %lld ms", (long long)
		    (g_get_monotonic_time() - start) / 1000);
	textclean_rules_free(rules);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_no_rules),
		cmocka_unit_test(test_bad_rules),
		cmocka_unit_test(test_marker_at),
		cmocka_unit_test(test_large),
	};

	return cmocka_run_group_tests_name("textclean", tests, NULL, NULL);
}
