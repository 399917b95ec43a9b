/*
 * test_utf8 - utf8_valid() answers what g_utf8_validate_len() answers,
 * and utf8_ascii() what a byte-by-byte look does:
 * ASCII, NUL bytes, multi-byte characters and broken sequences at every
 * offset of the eight-byte words it skips, and random bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "utf8.h"

/* ascii - s is ASCII without NUL, a byte at a time. */
static bool
ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\0' || (unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* same - utf8_valid() and GLib agree on s, and utf8_ascii() with a byte
 * by byte look; returns utf8_valid()'s answer. */
static bool
same(const char *s, size_t len)
{
	bool	v = utf8_valid(s, len);

	assert_int_equal(v, g_utf8_validate_len(s, len, NULL));
	assert_int_equal(utf8_ascii(s, len), ascii(s, len));
	return v;
}

/* Each piece put at every offset of 24 bytes of ASCII. */
static void
test_pieces(void **state)
{
	static const struct {
		const char *s;
		size_t	len;
		bool	valid;
	} pieces[] = {
		{ "a", 1, true },
		{ "\0", 1, false },
		{ "\xc3\xa9", 2, true },		/* é */
		{ "\xe2\x82\xac", 3, true },		/* € */
		{ "\xf0\x9f\x98\x80", 4, true },	/* U+1F600 */
		{ "\xc3", 1, false },			/* cut short */
		{ "\xa9", 1, false },			/* a lone continuation */
		{ "\xc0\xaf", 2, false },		/* overlong "/" */
		{ "\xed\xa0\x80", 3, false },		/* a surrogate */
		{ "\xff", 1, false },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(pieces); i++)
		for (size_t at = 0; at < 24; at++) {
			char	buf[32];

			memset(buf, 'x', sizeof(buf));
			memcpy(buf + at, pieces[i].s, pieces[i].len);
			assert_int_equal(same(buf, sizeof(buf)),
			    pieces[i].valid);
			/* and as the last bytes */
			assert_int_equal(same(buf, at + pieces[i].len),
			    pieces[i].valid);
		}
	assert_true(same("", 0));
	assert_true(utf8_valid(NULL, 0));	/* an empty GByteArray's data */
	assert_true(utf8_ascii(NULL, 0));
}

/* Random bytes, mostly ASCII with a few high and NUL bytes. */
static void
test_random(void **state)
{
	GRand	*r = g_rand_new_with_seed(2026);
	char	buf[200];

	(void)state;
	for (int n = 0; n < 20000; n++) {
		size_t	len = (size_t)g_rand_int_range(r, 0, sizeof(buf));

		for (size_t i = 0; i < len; i++) {
			int	k = g_rand_int_range(r, 0, 400);

			buf[i] = (char)(k == 0 ? 0 : k < 8 ?
			    g_rand_int_range(r, 0x80, 0x100) : 'a' + k % 26);
		}
		(void)same(buf, len);
	}
	g_rand_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
