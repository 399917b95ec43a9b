/*
 * test_subject - RFC 5256 base subjects, our prefix, gateway tag and
 * ticket token rules, writing the Subject; and the shared vectors in
 * tests/unit/data/subject-vectors.tsv (decoded and encoded as the milter
 * does, through rfc2047.h), with the rows where our rules differ from
 * other systems' listed with the reason.
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

#include "rfc2047.h"
#include "subject.h"
#include "testlib.h"

#define VECTORS		"tests/unit/data/subject-vectors.tsv"

/*
 * The defaults of subject_prefixes and subject_gateway_tags in the
 * configuration, so that the tests use realistic rules.
 */
static const char *const subject_prefixes[] = {
	"Re", "RE", "Fw", "Fwd", "AW", "WG", "Antw", "Antwort", "SV", "Sv",
	"VS", "VL", "Vs", "Vá", "R", "RIF", "I", "RES", "RESP", "RV", "ENC",
	"REENV", "TRANSF", "Odp", "PD", "YNT", "Yan", "İLT", "ΑΠ", "ΣΧΕΤ",
	"ΠΡΘ", "השב", "Ответ", "Пересл", "Одг", "Odg", "回复", "答复", "转发",
	"回覆", "轉寄", "返信", "転送", NULL
};
static const char *const subject_gateway_tags[] = {
	"[EXTERNAL]", "*EXTERNAL*", "[EXT]", "[SPAM]", "[Suspicious]", NULL
};

static int
setup(void **state)
{
	char	err[256];

	*state = subject_rules_new(subject_prefixes, subject_gateway_tags,
	    "Ticket", "[]", err, sizeof(err));
	return *state == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	subject_rules_free(*state);
	return 0;
}

/* parsed - compose(parse(s)) with the parts, for the tables below. */
static char *
parsed(const struct subject_rules *r, const char *s, struct subject_parts *p)
{
	subject_parse(r, s, p);
	return subject_compose(r, p->ticket, p->rest);
}

/* The examples of our rules: input, ticket (or NULL), conflict, rest. */
static const struct {
	const char *in;
	const char *ticket;
	bool	conflict;
	const char *rest;
} parse_cases[] = {
	{"Re: AW: Ticket [48213] Prozess 17 hängt", "48213", false,
	    "Prozess 17 hängt"},
	{"AW: Prozess 17 hängt Ticket[ 48213 ]", "48213", false,
	    "Prozess 17 hängt"},
	{"RE: TICKET [ 60001 ] [EXTERNAL] Login fails", "60001", false,
	    "Login fails"},
	{"Re[2]: Re(3): RE : Fwd: x", NULL, false, "x"},
	{"回复：Ticket [7] 打印机", "7", false, "打印机"},
	{"Re: [rt.example.com #123] printer", NULL, false,
	    "[rt.example.com #123] printer"},
	{"Ticket [1] Re: Ticket [2] x", "1", true, "x"},
	{"Ticketing system down", NULL, false, "Ticketing system down"},
	{"Ticket [abc] x", NULL, false, "Ticket [abc] x"},
	/* prefixes: repeated, counters, spaces, case, scripts, only at the front */
	{"Re: AW: Fwd[3]: RE : x", NULL, false, "x"},
	{"re: aw: wg: sv: vs: x", NULL, false, "x"},
	{"RE:RE:RE:x", NULL, false, "x"},
	{"Re [2]: x", NULL, false, "Re [2]: x"},
	{"Re[]: x", NULL, false, "Re[]: x"},
	{"Re[2: x", NULL, false, "Re[2: x"},
	{"Re(2) : x", NULL, false, "x"},
	{"Réponse: x", NULL, false, "Réponse: x"},
	{"Va\xcc\x81: NFD-Eingabe", NULL, false, "NFD-Eingabe"},
	{"VÁ: nagybetű", NULL, false, "nagybetű"},
	{"İLT: iletildi", NULL, false, "iletildi"},
	{"ΑΠ: απάντηση", NULL, false, "απάντηση"},
	{"απ: πεζά", NULL, false, "πεζά"},
	{"ОТВЕТ: Пересл: x", NULL, false, "x"},
	{"השב: שלום", NULL, false, "שלום"},
	{"返信：転送：会議", NULL, false, "会議"},
	{"回复： 打印机", NULL, false, "打印机"},
	{"Antwort: Antw: x", NULL, false, "x"},
	{"Rest: x", NULL, false, "Rest: x"},
	{"Re x", NULL, false, "Re x"},
	{"Re:", NULL, false, ""},
	{"Re: Re: Re: ", NULL, false, ""},
	{"Info: Re: x", NULL, false, "Info: Re: x"},
	{"x Re: y", NULL, false, "x Re: y"},
	{"[PATCH] Re: x", NULL, false, "[PATCH] Re: x"},
	/* gateway tags, anywhere, any case; other tags stay */
	{"[EXTERNAL] Re: x", NULL, false, "x"},
	{"Re: *EXTERNAL* x [external]", NULL, false, "x"},
	{"x [SPAM] y [suspicious]", NULL, false, "x y"},
	{"[EXT] EXTRA [EXT]", NULL, false, "EXTRA"},
	{"[EXTERNAL][PATCH] x", NULL, false, "[PATCH] x"},
	{"(fwd) x [Ticket#123] [SEC=OFFICIAL]", NULL, false,
	    "(fwd) x [Ticket#123] [SEC=OFFICIAL]"},
	/* tokens: anywhere, any case, flexible spaces; not inside words */
	{"Re: Ticket [1] AW: x", "1", false, "x"},
	{"ticket[ 48213 ] x", "48213", false, "x"},
	{"x ticket [5] y", "5", false, "x y"},
	{"Ticket\t[\t9\t]x", "9", false, "x"},
	{"Ticket [5] x Ticket [5]", "5", false, "x"},
	{"Ticket [5] x Ticket [6] Ticket [7]", "5", true, "x"},
	{"Ticket [007] x", "007", false, "x"},
	{"MyTicket [5] x", NULL, false, "MyTicket [5] x"},
	{"Tickets [5] x", NULL, false, "Tickets [5] x"},
	{"Ticket (5) x", NULL, false, "Ticket (5) x"},
	{"Ticket [5 x", NULL, false, "Ticket [5 x"},
	{"Ticket [-5] x", NULL, false, "Ticket [-5] x"},
	{"Ticket [123456789012345678901] x", NULL, false,
	    "Ticket [123456789012345678901] x"},
	{"Ticket [12345678901234567890] x", "12345678901234567890", false, "x"},
	{"Ticket [48213]", "48213", false, ""},
	{"Prozess:Ticket [5]hängt", "5", false, "Prozess:hängt"},
	/* white space: ASCII runs fold, ends trimmed; NBSP and U+3000 are text */
	{"  a \t\r\n b  ", NULL, false, "a b"},
	{"a\x01\x1b" "b\x7f" "c", NULL, false, "a b c"},
	{"Re: \xc2\xa0topic", NULL, false, "\xc2\xa0topic"},
	{"会议\xe3\x80\x80通知", NULL, false, "会议\xe3\x80\x80通知"},
	{"", NULL, false, ""},
	/* invalid UTF-8 cannot reach us from rfc2047_decode(), but is repaired */
	{"Re: a\xff" "b", NULL, false, "a\xef\xbf\xbd" "b"},
};

static void
test_parse(void **state)
{
	const struct subject_rules *r = *state;

	for (size_t i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		struct subject_parts p;

		subject_parse(r, parse_cases[i].in, &p);
		if (g_strcmp0(p.ticket, parse_cases[i].ticket) != 0 ||
		    p.conflict != parse_cases[i].conflict ||
		    strcmp(p.rest, parse_cases[i].rest) != 0)
			fail_msg("subject_parse(\"%s\") = (%s, %d, \"%s\"), want "
			    "(%s, %d, \"%s\")", parse_cases[i].in,
			    p.ticket ? p.ticket : "NULL", p.conflict, p.rest,
			    parse_cases[i].ticket ? parse_cases[i].ticket : "NULL",
			    parse_cases[i].conflict, parse_cases[i].rest);
		subject_parts_clear(&p);
		assert_null(p.ticket);
		assert_null(p.rest);
	}
}

static void
test_compose(void **state)
{
	const struct subject_rules *r = *state;
	struct subject_rules *c;
	struct subject_parts p;
	char	err[256], *s;

	s = subject_compose(r, "48213", "Prozess 17 hängt");
	assert_string_equal(s, "Ticket [48213] Prozess 17 hängt");
	g_free(s);
	s = subject_compose(r, NULL, "Prozess 17 hängt");
	assert_string_equal(s, "Prozess 17 hängt");
	g_free(s);
	s = subject_compose(r, "48213", "");
	assert_string_equal(s, "Ticket [48213]");
	g_free(s);
	s = subject_compose(r, "", NULL);
	assert_string_equal(s, "");
	g_free(s);
	s = parsed(r, NULL, &p);
	assert_string_equal(s, "");
	subject_parts_clear(&p);
	g_free(s);

	c = subject_rules_new(subject_prefixes, NULL, "Case", "()", err,
	    sizeof(err));
	assert_non_null(c);
	s = subject_compose(c, "48213", "Prozess 17 hängt");
	assert_string_equal(s, "Case (48213) Prozess 17 hängt");
	g_free(s);
	s = parsed(c, "AW: CASE ( 48213 ) Prozess 17 hängt Ticket [1]", &p);
	assert_string_equal(s, "Case (48213) Prozess 17 hängt Ticket [1]");
	assert_false(p.conflict);
	subject_parts_clear(&p);
	g_free(s);
	subject_rules_free(c);
}

/*
 * test_tag_words - a tag of two words matches across any white space;
 * a tag that ends in a letter does not take the front of a longer word.
 */
static void
test_tag_words(void **state)
{
	static const char *const tags[] = { "[External Sender]", "EXT:", NULL };
	struct subject_rules *r;
	struct subject_parts p;
	char	err[256], *s;

	(void)state;
	r = subject_rules_new(NULL, tags, "Ticket", "[]", err, sizeof(err));
	assert_non_null(r);
	s = parsed(r, "x [external\t sender] y [External Senders]", &p);
	assert_string_equal(s, "x y [External Senders]");
	subject_parts_clear(&p);
	g_free(s);
	s = parsed(r, "EXT: TEXT: x", &p);
	assert_string_equal(s, "TEXT: x");
	subject_parts_clear(&p);
	g_free(s);
	subject_rules_free(r);
}

/* Rules that cannot be built, and the start of the message for each. */
static const char *const bad_prefix_colon[] = { "Re:", NULL };
static const char *const bad_prefix_fullwidth[] = { "回复：", NULL };
static const char *const bad_empty[] = { "Re", "", NULL };
static const char *const bad_space[] = { "[EXTERNAL] ", NULL };
static const char *const bad_spaces[] = { "[External  Sender]", NULL };
static const char *const bad_tab[] = { "[External\tSender]", NULL };
static const char *const bad_long[] = {
	"[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]",
	NULL
};
static const char *const bad_utf8[] = { "\xc3", NULL };

static const struct {
	const char *const *prefixes;
	const char *const *tags;
	const char *word;
	const char *brackets;
	const char *want;
} rules_errors[] = {
	{NULL, NULL, "", "[]", "the token word must be"},
	{NULL, NULL, NULL, "[]", "the token word must be"},
	{NULL, NULL, "Ticket No", "[]", "the token word must be"},
	{NULL, NULL, "Ticket", "[", "the token brackets must be"},
	{NULL, NULL, "Ticket", "[]]", "the token brackets must be"},
	{NULL, NULL, "Ticket", "a]", "the token brackets must be"},
	{NULL, NULL, "Ticket", "「」", "the token brackets must be"},
	{NULL, NULL, "Ticket", NULL, "the token brackets must be"},
	{NULL, NULL, "Ti[ket", "[]", "the token word must not contain"},
	{bad_prefix_colon, NULL, "Ticket", "[]", "prefix 1 contains the colon"},
	{bad_prefix_fullwidth, NULL, "Ticket", "[]",
	    "prefix 1 contains the colon"},
	{bad_empty, NULL, "Ticket", "[]", "prefix 2 is empty"},
	{NULL, bad_empty, "Ticket", "[]", "tag 2 is empty"},
	{NULL, bad_space, "Ticket", "[]", "tag 1 has white space other than"},
	{NULL, bad_spaces, "Ticket", "[]", "tag 1 has white space other than"},
	{NULL, bad_tab, "Ticket", "[]", "tag 1 has white space other than"},
	{bad_spaces, NULL, "Ticket", "[]", "prefix 1 contains white space"},
	{NULL, bad_long, "Ticket", "[]", "tag 1 is longer than 64 bytes"},
	{bad_utf8, NULL, "Ticket", "[]", "prefix 1 is not UTF-8"},
};

static void
test_rules_errors(void **state)
{
	char	err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(rules_errors) / sizeof(rules_errors[0]); i++) {
		err[0] = '\0';
		if (subject_rules_new(rules_errors[i].prefixes, rules_errors[i].tags,
		    rules_errors[i].word, rules_errors[i].brackets, err,
		    sizeof(err)) != NULL)
			fail_msg("rules %zu: built, want \"%s\"", i,
			    rules_errors[i].want);
		if (!g_str_has_prefix(err, rules_errors[i].want))
			fail_msg("rules %zu: \"%s\", want \"%s...\"", i, err,
			    rules_errors[i].want);
	}
	/* no error buffer is allowed; no lists are allowed */
	assert_null(subject_rules_new(NULL, NULL, "", "[]", NULL, 0));
	subject_rules_free(NULL);
	subject_rules_free(subject_rules_new(NULL, NULL, "Ticket", "||", err,
	    sizeof(err)));
}

/* unescape - a field of the vectors file: \t \n \r \v \\ and \xHH. */
static char *
unescape(const char *s)
{
	GString	*out = g_string_new(NULL);

	for (; *s; s++) {
		if (*s != '\\' || s[1] == '\0') {
			g_string_append_c(out, *s);
			continue;
		}
		switch (*++s) {
		case 't': g_string_append_c(out, '\t'); break;
		case 'n': g_string_append_c(out, '\n'); break;
		case 'r': g_string_append_c(out, '\r'); break;
		case 'v': g_string_append_c(out, '\v'); break;
		case 'x':
			if (g_ascii_isxdigit(s[1]) && g_ascii_isxdigit(s[2])) {
				g_string_append_c(out, (char)(g_ascii_xdigit_value(s[1]) *
				    16 + g_ascii_xdigit_value(s[2])));
				s += 2;
				break;
			}
			/* FALLTHROUGH */
		default:
			g_string_append_c(out, '\\');
			g_string_append_c(out, *s);
		}
	}
	return g_string_free(out, FALSE);
}

struct vector {
	char	*raw_in;	/* the input field as written in the file */
	char	*in;
	char	*want;
	char	*source;
};

/* vectors_load - the rows of the vectors file; *n gets their count. */
static struct vector *
vectors_load(size_t *n)
{
	char	*text, **lines;
	GError	*e = NULL;
	struct vector *v;
	size_t	count = 0;

	if (!g_file_get_contents(VECTORS, &text, NULL, &e))
		fail_msg("%s: %s (run the tests from the repository top)",
		    VECTORS, e->message);
	lines = g_strsplit(text, "\n", -1);
	v = g_new0(struct vector, g_strv_length(lines));
	for (size_t i = 1; lines[i]; i++) {
		char	**f = g_strsplit(lines[i], "\t", 3);

		if (*lines[i] == '\0') {
			g_strfreev(f);
			continue;
		}
		if (g_strv_length(f) != 3)
			fail_msg("%s:%zu: want 3 fields", VECTORS, i + 1);
		v[count].raw_in = g_strdup(f[0]);
		v[count].in = unescape(f[0]);
		v[count].want = unescape(f[1]);
		v[count].source = g_strdup(f[2]);
		count++;
		g_strfreev(f);
	}
	g_strfreev(lines);
	g_free(text);
	*n = count;
	return v;
}

static void
vectors_free(struct vector *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_free(v[i].raw_in);
		g_free(v[i].in);
		g_free(v[i].want);
		g_free(v[i].source);
	}
	g_free(v);
}

/* category - true when the source column starts with the word cat. */
static bool
category(const struct vector *v, const char *cat)
{
	size_t	n = strlen(cat);

	return strncmp(v->source, cat, n) == 0 && v->source[n] == ' ';
}

/*
 * test_base_vectors - every rfc5256 and decode row: the base subject of
 * the decoded input (RFC 5256 step 1 decodes); rfc5256 rows without
 * encoded words also straight from the input.
 */
static void
test_base_vectors(void **state)
{
	size_t	n, nrfc = 0, ndecode = 0;
	struct vector *v = vectors_load(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		bool	rfc = category(&v[i], "rfc5256");
		char	*dec, *got;

		if (!rfc && !category(&v[i], "decode"))
			continue;
		dec = rfc2047_decode(v[i].in);
		got = subject_base(dec);
		if (strcmp(got, v[i].want) != 0)
			fail_msg("base(decode(\"%s\")) = \"%s\", want \"%s\" (%s)",
			    v[i].raw_in, got, v[i].want, v[i].source);
		g_free(got);
		g_free(dec);
		if (rfc && strstr(v[i].in, "=?") == NULL) {
			got = subject_base(v[i].in);
			if (strcmp(got, v[i].want) != 0)
				fail_msg("base(\"%s\") = \"%s\", want \"%s\"",
				    v[i].raw_in, got, v[i].want);
			g_free(got);
		}
		if (rfc)
			nrfc++;
		else
			ndecode++;
	}
	print_message("# %zu rfc5256 and %zu decode rows pass\n", nrfc, ndecode);
	/* docs/subjects.md gives these counts */
	assert_int_equal(nrfc, 104);
	assert_int_equal(ndecode, 7);
	vectors_free(v, n);
}

/*
 * The rows of other systems where the Subject we write differs from
 * theirs, on purpose, keyed by the input as written in the file.
 */
static const struct {
	const char *in;
	const char *why;
} differ[] = {
	{"[PATCH] merging make_ext and make_ext_cross",
	    "other systems' tags such as [PATCH] are kept"},
	{"Re: [PATCH] Parallel testing conflict",
	    "other systems' tags such as [PATCH] are kept"},
	{"Re: [PATCH] Fwd: deprecate UNIVERSAL->import",
	    "[PATCH] is kept, so the Fwd: after it is no longer at the front"},
	{"how about the weather [SEC=UNOFFICIAL]",
	    "classification tags are text unless configured as gateway tags"},
	{"subj gets long fast [SEC=UNCLASSIFIED] [DLM=Sensitive:Personal]",
	    "classification tags are text unless configured as gateway tags"},
	{"inter[SEC=UNCLASSIFIED]jection",
	    "classification tags are text unless configured as gateway tags"},
	{"walks, talks, doesn't quack [SEC=UN",
	    "an unclosed bracket is text"},
	{"Re[peat]: another reply",
	    "a counter is digits: Re[peat]: is not a prefix"},
	{"non\\xC2\\xA0breaking space",
	    "no-break space is text, not white space"},
	{"unmatched left] foobar",
	    "text before an unmatched bracket is kept"},
	{"unmatched left] foobar [unmatched=[matched]",
	    "text before an unmatched bracket and other tags are kept"},
	{"Re[]: Re[2): topic",
	    "a counter is digits in matching brackets: Re[]: is not a prefix"},
	{"AW: ÆØÅ: topic",
	    "ÆØÅ is a test-only prefix in Thunderbird, not in our list"},
	{"aw: topic",
	    "prefixes match case-insensitively (Thunderbird's localised ones do not)"},
	{"R.: [: topic",
	    "R. and [ are test-only prefixes in Thunderbird, not in our list"},
	{"Re: [Ticket#: 2004040510440485] Re: RE: Some Subject",
	    "other systems' ticket tags are kept, so prefixes after them stay"},
	{"Re[5]: [Ticket#: 2004040510440485] Re: RE: WG: Some Subject",
	    "other systems' ticket tags are kept, so prefixes after them stay"},
	{"Re[5]: Re: RE: WG: Some Subject [Ticket#: 2004040510440485]",
	    "other systems' ticket tags are kept; WG is one of our prefixes"},
	{"Antwort: [Ticket#: 2004040510440485] Antwort: Antwort: Some Subject2",
	    "other systems' ticket tags are kept, so prefixes after them stay"},
	{"RE: [Ticket#: 2004040510440485] Antwort: Antwort: Some Subject2",
	    "other systems' ticket tags are kept; we strip the leading RE:"},
	{"Antwort: [Ticket#: 2004040510440485] WG: Fwd: Some Subject2",
	    "other systems' ticket tags are kept, so prefixes after them stay"},
	{"something [Ticket#31001]",
	    "other systems' ticket tags are kept"},
	{"[Ticket#31001] [Ticket#31001] something [Ticket#31001]",
	    "other systems' ticket tags are kept"},
};

/*
 * normalised - s with ASCII white space runs folded and trimmed, or, for
 * the conv rows (Cyrus drops all white space by design), removed.
 */
static char *
normalised(const char *s, bool all)
{
	GString	*out = g_string_new(NULL);
	bool	space = false;

	for (; *s; s++) {
		if (g_ascii_isspace(*s)) {
			space = true;
			continue;
		}
		if (space && out->len > 0 && !all)
			g_string_append_c(out, ' ');
		space = false;
		g_string_append_c(out, *s);
	}
	return g_string_free(out, FALSE);
}

/* differ_reason - the listed reason for the row with input in, or NULL. */
static const char *
differ_reason(const char *in, bool *seen)
{
	for (size_t i = 0; i < sizeof(differ) / sizeof(differ[0]); i++)
		if (strcmp(differ[i].in, in) == 0) {
			seen[i] = true;
			return differ[i].why;
		}
	return NULL;
}

/*
 * test_write_vectors - the other systems' rows: the Subject we write,
 * compose(parse(decode(input))), against their expected value.  A row
 * that differs must be listed in differ[], and a listed row must differ.
 */
static void
test_write_vectors(void **state)
{
	const struct subject_rules *r = *state;
	bool	seen[sizeof(differ) / sizeof(differ[0])] = { false };
	size_t	n, agree = 0, differs = 0;
	struct vector *v = vectors_load(&n);

	for (size_t i = 0; i < n; i++) {
		bool	all = category(&v[i], "conv");
		struct subject_parts p;
		char	*dec, *got, *a, *b;
		const char *why;

		if (category(&v[i], "rfc5256") || category(&v[i], "decode"))
			continue;
		dec = rfc2047_decode(v[i].in);
		got = parsed(r, dec, &p);
		a = normalised(got, all);
		b = normalised(v[i].want, all);
		why = differ_reason(v[i].raw_in, seen);
		if (strcmp(a, b) == 0 && why != NULL)
			fail_msg("\"%s\" gives \"%s\" as expected, but is listed as "
			    "differing: %s", v[i].raw_in, got, why);
		if (strcmp(a, b) != 0 && why == NULL)
			fail_msg("\"%s\" gives \"%s\", want \"%s\" (%s)",
			    v[i].raw_in, got, v[i].want, v[i].source);
		if (why != NULL)
			differs++;
		else
			agree++;
		subject_parts_clear(&p);
		g_free(dec);
		g_free(got);
		g_free(a);
		g_free(b);
	}
	for (size_t i = 0; i < sizeof(differ) / sizeof(differ[0]); i++)
		if (!seen[i])
			fail_msg("listed row \"%s\" is not in %s", differ[i].in,
			    VECTORS);
	print_message("# %zu other rows agree, %zu differ on purpose\n", agree,
	    differs);
	/* docs/subjects.md gives these counts */
	assert_int_equal(agree, 43);
	assert_int_equal(differs, 23);
	vectors_free(v, n);
}

/*
 * test_idempotent - for every row: what we write parses to the same
 * ticket and rest, also after encoding and decoding it again.
 */
static void
test_idempotent(void **state)
{
	const struct subject_rules *r = *state;
	size_t	n;
	struct vector *v = vectors_load(&n);

	for (size_t i = 0; i < n; i++) {
		struct subject_parts p1, p2;
		char	*dec = rfc2047_decode(v[i].in);
		char	*once = parsed(r, dec, &p1);
		char	*enc = rfc2047_encode(once, strlen("Subject: "));
		char	*back = rfc2047_decode(enc);
		char	*twice = parsed(r, back, &p2);

		if (strcmp(once, twice) != 0 || strcmp(once, back) != 0 ||
		    g_strcmp0(p1.ticket, p2.ticket) != 0)
			fail_msg("\"%s\": \"%s\", then \"%s\" (encoded \"%s\")",
			    v[i].raw_in, once, twice, enc);
		subject_parts_clear(&p1);
		subject_parts_clear(&p2);
		g_free(dec);
		g_free(once);
		g_free(enc);
		g_free(back);
		g_free(twice);
	}
	vectors_free(v, n);
}

/*
 * test_bounds - long input is cut at RFC2047_TEXT_MAX bytes, and
 * thousands of prefixes, blobs or tokens take linear time (the test
 * would time out).
 */
static void
test_bounds(void **state)
{
	const struct subject_rules *r = *state;
	struct subject_parts p;
	char	*s, *t, *got;

	s = testlib_repeat("Re:", " ", 10000);
	t = g_strconcat(s, " x", NULL);
	subject_parse(r, t, &p);
	assert_string_equal(p.rest, "");
	subject_parts_clear(&p);
	got = subject_base(t);
	assert_string_equal(got, "");
	g_free(got);
	g_free(t);
	g_free(s);

	s = testlib_repeat("Re:", " ", 4000);
	t = g_strconcat(s, " AW: x", NULL);
	subject_parse(r, t, &p);
	assert_string_equal(p.rest, "x");
	subject_parts_clear(&p);
	got = subject_base(t);
	assert_string_equal(got, "AW: x");
	g_free(got);
	g_free(t);
	g_free(s);

	s = testlib_repeat("[a]", "", 5000);
	got = subject_base(s);
	assert_string_equal(got, "[a]");
	g_free(got);
	g_free(s);

	s = testlib_repeat("Ticket [1] [EXTERNAL] Re:", " ", 600);
	subject_parse(r, s, &p);
	assert_string_equal(p.ticket, "1");
	assert_string_equal(p.rest, "");
	subject_parts_clear(&p);
	g_free(s);

	/* the cut does not split a character */
	s = testlib_repeat("a", "", RFC2047_TEXT_MAX - 1);
	t = g_strconcat(s, "ää", NULL);
	subject_parse(r, t, &p);
	assert_int_equal(strlen(p.rest), RFC2047_TEXT_MAX - 1);
	subject_parts_clear(&p);
	g_free(t);
	g_free(s);

	s = testlib_repeat("ä", "", 100000);
	subject_parse(r, s, &p);
	assert_int_equal(strlen(p.rest), RFC2047_TEXT_MAX);
	subject_parts_clear(&p);
	g_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_compose),
		cmocka_unit_test(test_tag_words),
		cmocka_unit_test(test_rules_errors),
		cmocka_unit_test(test_base_vectors),
		cmocka_unit_test(test_write_vectors),
		cmocka_unit_test(test_idempotent),
		cmocka_unit_test(test_bounds),
	};
	int	rc;

	g_mime_init();
	rc = cmocka_run_group_tests_name("subject", tests, setup, teardown);
	g_mime_shutdown();
	return rc;
}
