/* test_address - matching envelope and header addresses to support addresses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "address.h"
#include "testlib.h"

static const struct {
	const char *addr;
	bool	want;
	int	which;
} match_cases[] = {
	{"support@example.com", true, 0},
	{"<support@example.com>", true, 0},
	{"SUPPORT@EXAMPLE.COM", true, 0},
	{"<Support@Example.Com.>", true, 0},
	{"support+acme@example.com", true, 0},
	{"support-acme@example.com", true, 0},
	{"support+@example.com", true, 0},
	{"\"support\"@example.com", true, 0},
	{"help@example.org", true, 1},
	{"help+x@EXAMPLE.org", true, 1},
	{"supportx@example.com", false, -1},
	{"suppor@example.com", false, -1},
	{"support@example.com.evil", false, -1},
	{"support@sub.example.com", false, -1},
	{"support", false, -1},
	{"@example.com", false, -1},
	{"", false, -1},
	{"<>", false, -1},
	{"\"support@example.com\"@evil.example", false, -1},
	{"x+support@example.com", false, -1},
};

static void
test_match(void **state)
{
	struct conf *c = testlib_conf(
	    "support_addresses = [ \"support@example.com\", \"help@example.org\" ];\n"
	    "recipient_delimiter = \"+-\";\n");

	(void)state;
	for (size_t i = 0; i < sizeof(match_cases) / sizeof(match_cases[0]); i++) {
		int	which = -1;
		bool	got = address_match(c, match_cases[i].addr, &which);

		if (got != match_cases[i].want || which != match_cases[i].which)
			fail_msg("address_match(\"%s\") = %d (which %d), want %d (%d)",
			    match_cases[i].addr, got, which, match_cases[i].want,
			    match_cases[i].which);
	}
	conf_free(c);
}

static void
test_no_delimiter(void **state)
{
	struct conf *c = testlib_conf("recipient_delimiter = \"\";\n");

	(void)state;
	assert_true(address_match(c, "support@example.com", NULL));
	assert_false(address_match(c, "support+acme@example.com", NULL));
	conf_free(c);
}

static void
test_null_and_system(void **state)
{
	(void)state;
	assert_true(address_is_null("<>"));
	assert_true(address_is_null(""));
	assert_false(address_is_null("<a@b>"));
	assert_true(address_is_system("<MAILER-DAEMON@mx.example>"));
	assert_true(address_is_system("mailer-daemon"));
	assert_true(address_is_system("<Postmaster@example.com>"));
	assert_false(address_is_system("<postmasters@example.com>"));
	assert_false(address_is_system("<cust@example.com>"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_no_delimiter),
		cmocka_unit_test(test_null_and_system),
	};

	return cmocka_run_group_tests_name("address", tests, NULL, NULL);
}
