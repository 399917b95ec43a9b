/*
 * test_rfc2047 - header text: decoding raw values (RFC 2047 through GMime,
 * with GMime 3.2.13's lost base64 words mended), encoding and folding
 * UTF-8 for a header, and the bound on a text.
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
#include "testlib.h"

#define SUBJECT_USED	(sizeof("Subject: ") - 1)

/* Decoding: input (raw header value), want (UTF-8). */
static const struct {
	const char *raw;
	const char *want;
} decode_cases[] = {
	{"Prozess 17 h\xc3\xa4ngt", "Prozess 17 hängt"},
	/* raw 8-bit that is not UTF-8: windows-1252, then ISO-8859-1 */
	{"Gr\xfc\xdf Gott \x80", "Grüß Gott €"},
	{"a\x81" "b", "a\xc2\x81" "b"},
	/* adjacent encoded words joined; a character split across two */
	{"=?utf-8?Q?=C4?==?utf-8?Q?=97?=", "ė"},
	{"=?utf-8?q?a?= b =?utf-8?q?c?=", "a b c"},
	{"=?utf-8?q?a?=  =?utf-8?q?b?=", "ab"},
	{"=?utf-8?B?5Lit5?=\r\n =?utf-8?B?paH?=", "中文"},
	/* a base64 word with padding, then another: GMime 3.2.13 lost it */
	{"=?UTF-8?B?SGVsbG8=?= =?UTF-8?B?IHdvcmxk?=", "Hello world"},
	{"=?UTF-8?B?w6Q=?==?utf-8?b?w7Y=?=\n\t=?UTF-8?B?w7w=?=", "äöü"},
	{"=?UTF-8?B?4oI=?= =?UTF-8?B?rA==?=", "€"},
	{"=?UTF-8?B?w6Q=?= =?ISO-8859-1?B?5A==?=", "ää"},
	{"=?UTF-8?B?w6Q=?= x =?UTF-8?B?w6Q=?=", "ä x ä"},
	/* unfolding */
	{"a\r\n b", "a b"},
	{"a\n\tb", "a\tb"},
	/* charsets GMime knows, and what it does with the others */
	{"=?iso-8859-1?q?Gr=FC=DF?=", "Grüß"},
	{"=?windows-1252?q?=80?=", "€"},
	{"=?koi8-r?b?8NLJ18XU?=", "Привет"},
	{"=?utf-8?q?Gr=FC=DF?=", "Gr??"},
	{"=?x-unknown?q?abc?=", "abc"},
	{"=?utf-8?x?abc?=", "=?utf-8?x?abc?="},
	{"=?utf-8?q?a=0D=0Ab?=", "a\r\nb"},
	{"", ""},
};

static void
test_decode(void **state)
{
	char	*got;

	(void)state;
	for (size_t i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
		got = rfc2047_decode(decode_cases[i].raw);
		if (strcmp(got, decode_cases[i].want) != 0)
			fail_msg("rfc2047_decode(\"%s\") = \"%s\", want \"%s\"",
			    decode_cases[i].raw, got, decode_cases[i].want);
		g_free(got);
	}
	got = rfc2047_decode(NULL);
	assert_string_equal(got, "");
	g_free(got);
}

/*
 * test_decode_hostile - broken and hostile encoded words decode to valid
 * UTF-8 within the bound, without a sanitizer report.
 */
static void
test_decode_hostile(void **state)
{
	static const char *const cases[] = {
		"=?", "=?UTF-8?B?", "=?UTF-8?B?====?=", "=?UTF-8?B?YQ==?= =?UTF-8?B?",
		"=?UTF-8?B?YQ==?= =?UTF-8?B?!!?=", "=??B?YQ==?= =??B?Yg==?=",
		"=?UTF-8?Q?=?=", "=?UTF-8?Q?=C?=", "=?UTF-8*de?B?w6Q=?= =?UTF-8*de?B?w7Y=?=",
		"\xff\xfe\xfd", "\xc3", "=?utf-16?b?AGEAYg==?=",
	};
	char	*s, *got;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = rfc2047_decode(cases[i]);
		assert_true(g_utf8_validate(got, -1, NULL));
		g_free(got);
	}
	for (size_t i = 0; i < 4; i++) {
		static const char *const units[] = {
			"=?", "=?UTF-8?B?YQ==?=", "=?a?B?", "=?UTF-8?Q?=E4?= ",
		};

		s = testlib_repeat(units[i], "", 200000 / strlen(units[i]));
		got = rfc2047_decode(s);
		assert_true(g_utf8_validate(got, -1, NULL));
		assert_true(strlen(got) <= RFC2047_TEXT_MAX);
		g_free(got);
		g_free(s);
	}
}

/*
 * check_header - enc is a header value for s: its lines are separated by
 * "\n" and white space, no CR, none longer than 78 with the used
 * characters of the header name on the first (76 when it has encoded
 * words, RFC 2047), and it decodes to s.
 */
static void
check_header(const char *s, const char *enc, size_t used)
{
	char	**lines = g_strsplit(enc, "\n", -1);
	char	*back = rfc2047_decode(enc);

	if (strchr(enc, '\r') != NULL)
		fail_msg("\"%s\": CR in \"%s\"", s, enc);
	for (size_t i = 0; lines[i]; i++) {
		size_t	len = strlen(lines[i]) + (i == 0 ? used : 0);

		if (len > (strstr(enc, "=?") ? 76 : 78))
			fail_msg("\"%s\": line %zu has %zu characters: \"%s\"", s,
			    i + 1, len, lines[i]);
		if (i > 0 && lines[i][0] != ' ' && lines[i][0] != '\t')
			fail_msg("\"%s\": line %zu does not start with white "
			    "space", s, i + 1);
	}
	if (strcmp(back, s) != 0)
		fail_msg("decode(encode(\"%s\")) = \"%s\" (encoded \"%s\")", s,
		    back, enc);
	g_strfreev(lines);
	g_free(back);
}

static const char *const words[] = {
	"Ticket [48213] Login fails", "Prozess 17 hängt",
	"Größenänderung überfällig", "打印机坏了，无法打印", "😀🎉",
	"Привет мир", "שלום", "x=y?z_(a) \"q\"", NULL
};

/*
 * check_word - w, and about 300 characters of it with and without
 * spaces, encoded after used characters of the header name.
 */
static void
check_word(const char *w, size_t used)
{
	size_t	n = 300 / (size_t)g_utf8_strlen(w, -1) + 1;
	char	*enc, *s;

	enc = rfc2047_encode(w, used);
	check_header(w, enc, used);
	g_free(enc);
	for (int spaced = 1; spaced >= 0; spaced--) {
		s = testlib_repeat(w, spaced ? " " : "", n);
		enc = rfc2047_encode(s, used);
		check_header(s, enc, used);
		g_free(enc);
		g_free(s);
	}
}

static void
test_encode(void **state)
{
	const char *ascii = "Ticket [48213] Login fails after the update";
	char	*enc, *s, *t, *back;

	(void)state;
	for (size_t i = 0; words[i]; i++)
		check_word(words[i], SUBJECT_USED);
	/* ASCII stays as it is, folded at white space when too long */
	enc = rfc2047_encode(ascii, SUBJECT_USED);
	assert_string_equal(enc, ascii);
	g_free(enc);
	s = testlib_repeat("Login fails", " ", 30);
	enc = rfc2047_encode(s, SUBJECT_USED);
	check_header(s, enc, SUBJECT_USED);
	assert_null(strstr(enc, "=?"));
	g_free(enc);
	g_free(s);
	/* a word too long for a line stays whole, also on a later line */
	s = testlib_repeat("x", "", 100);
	enc = rfc2047_encode(s, SUBJECT_USED);
	assert_string_equal(enc, s);
	g_free(enc);
	t = g_strconcat("a ", s, " y", NULL);
	enc = rfc2047_encode(t, SUBJECT_USED);
	assert_non_null(strstr(enc, s));
	back = rfc2047_decode(enc);
	assert_string_equal(back, t);
	g_free(back);
	g_free(enc);
	g_free(t);
	g_free(s);
}

static void
test_encode_edges(void **state)
{
	static const struct {
		const char *in;
		const char *want;	/* decoded */
	} cases[] = {
		{"", ""},
		{"   ", ""},
		{"  a  b  ", "a  b"},
		{"a\tb\r\nc", "a b  c"},
		{"ä\x01ö", "ä ö"},
		{"a\xff", "a\xef\xbf\xbd"},
		{"ä  ö", "ä  ö"},
		{"ä x ö", "ä x ö"},
		{"a ä b", "a ä b"},
		/* no cut right after the ASCII letters that begin a word */
		{"ää " "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "ä" "xxxxxxxxxx" "ä",
		    "ää " "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "ä" "xxxxxxxxxx" "ä"},
	};
	char	*enc;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enc = rfc2047_encode(cases[i].in, SUBJECT_USED);
		check_header(cases[i].want, enc, SUBJECT_USED);
		g_free(enc);
	}
	enc = rfc2047_encode(NULL, SUBJECT_USED);
	assert_string_equal(enc, "");
	g_free(enc);
}

/*
 * test_encode_random - seeded mixtures of scripts, white space and
 * punctuation round-trip and fit the lines.
 */
static void
test_encode_random(void **state)
{
	static const char *const bits[] = {
		"a", "Z", "7", "?", "_", "(", "\"", ":", ".", " ", "  ", "ä", "ß",
		"É", "Ж", "ω", "打", "印", "😀", "\xe2\x80\x8b", "\xc2\xa0",
	};
	GRand	*rnd = g_rand_new_with_seed(5256);

	(void)state;
	for (int round = 0; round < 2000; round++) {
		GString	*s = g_string_new(NULL);
		int	len = g_rand_int_range(rnd, 1, 320);
		char	*enc;

		for (int i = 0; i < len; i++)
			g_string_append(s, bits[g_rand_int_range(rnd, 0,
			    (gint32)(sizeof(bits) / sizeof(bits[0])))]);
		g_strstrip(s->str);
		enc = rfc2047_encode(s->str, SUBJECT_USED);
		check_header(s->str, enc, SUBJECT_USED);
		g_free(enc);
		g_string_free(s, TRUE);
	}
	g_rand_free(rnd);
}

/*
 * test_encode_used - other header names: the first encoded word makes
 * room for them, up to the most a first line may have used.
 */
static void
test_encode_used(void **state)
{
	static const size_t used[] = { 0, 1, 20, RFC2047_USED_MAX };
	char	*enc;

	(void)state;
	for (size_t u = 0; u < sizeof(used) / sizeof(used[0]); u++) {
		for (size_t i = 0; words[i]; i++)
			check_word(words[i], used[u]);
		/* the first word stays on the first line */
		enc = rfc2047_encode("ää", used[u]);
		if (!g_str_has_prefix(enc, "=?"))
			fail_msg("after %zu: \"%s\" does not start with an "
			    "encoded word", used[u], enc);
		g_free(enc);
	}
}

/*
 * test_bounds - long input is cut at RFC2047_TEXT_MAX bytes, never inside
 * a character.
 */
static void
test_bounds(void **state)
{
	char	*s, *t, *got;

	(void)state;
	s = testlib_repeat("a", "", RFC2047_TEXT_MAX - 1);
	t = g_strconcat(s, "ää", NULL);
	got = rfc2047_make_valid(t);
	assert_int_equal(strlen(got), RFC2047_TEXT_MAX - 1);
	g_free(got);
	g_free(t);
	g_free(s);

	got = rfc2047_make_valid(NULL);
	assert_string_equal(got, "");
	g_free(got);
	got = rfc2047_make_valid("a\xff" "b");
	assert_string_equal(got, "a\xef\xbf\xbd" "b");
	g_free(got);

	s = testlib_repeat("ä", "", 100000);
	got = rfc2047_make_valid(s);
	assert_int_equal(strlen(got), RFC2047_TEXT_MAX);
	g_free(got);
	got = rfc2047_decode(s);
	assert_true(strlen(got) <= RFC2047_TEXT_MAX);
	g_free(got);
	got = rfc2047_encode(s, SUBJECT_USED);
	assert_true(strlen(got) < RFC2047_TEXT_MAX * 2);
	g_free(got);
	g_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_decode_hostile),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_encode_edges),
		cmocka_unit_test(test_encode_random),
		cmocka_unit_test(test_encode_used),
		cmocka_unit_test(test_bounds),
	};
	int	rc;

	g_mime_init();
	rc = cmocka_run_group_tests_name("rfc2047", tests, NULL, NULL);
	g_mime_shutdown();
	return rc;
}
