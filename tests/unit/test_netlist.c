/* test_netlist - trusted client networks: CIDR, IPv6, exclusions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "netlist.h"

static const char *const nets[] = {
	"!192.0.2.66", "192.0.2.0/24", "10.0.0.0/8", "!2001:db8:bad::/48",
	"2001:db8::/32", "::1", "198.51.100.7", "172.16.0.0/12", NULL
};

static const struct {
	const char *addr;
	bool	want;
} cases[] = {
	{"192.0.2.1", true}, {"192.0.2.255", true}, {"192.0.2.66", false},
	{"192.0.3.1", false}, {"10.200.1.1", true}, {"11.0.0.1", false},
	{"198.51.100.7", true}, {"198.51.100.8", false},
	{"172.31.255.255", true}, {"172.32.0.0", false},
	{"2001:db8::1", true}, {"2001:db8:bad::1", false},
	{"2001:db9::1", false}, {"::1", true}, {"::2", false},
	{"::ffff:192.0.2.1", true}, {"::ffff:192.0.2.66", false},
	{"unknown", false}, {"", false},
};

static void
test_match(void **state)
{
	char	err[128];
	struct netlist *l = netlist_new(nets, err, sizeof(err));

	(void)state;
	assert_non_null(l);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (netlist_match(l, cases[i].addr) != cases[i].want)
			fail_msg("netlist_match(%s) != %d", cases[i].addr,
			    cases[i].want);
	assert_false(netlist_match(l, NULL));
	netlist_free(l);
}

/* The first entry that matches decides: an exclusion after an inclusion
 * of the same network has no effect. */
static void
test_first_match(void **state)
{
	static const char *const order[] = { "2001:db8::/32",
	    "!2001:db8:bad::/48", NULL };
	char	err[128];
	struct netlist *l = netlist_new(order, err, sizeof(err));

	(void)state;
	assert_true(netlist_match(l, "2001:db8:bad::1"));
	netlist_free(l);
}

static void
test_bad(void **state)
{
	static const char *const bad[][2] = {
		{"192.0.2.0/33", NULL}, {"2001:db8::/129", NULL},
		{"example.com", NULL}, {"192.0.2.0/", NULL}, {"10/8", NULL},
		{"192.0.2.0/x", NULL}, {"", NULL},
	};
	char	err[128];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct netlist *l = netlist_new(bad[i], err, sizeof(err));

		if (l != NULL)
			fail_msg("\"%s\" was accepted", bad[i][0]);
		assert_non_null(strstr(err, "is not an address or network"));
	}
}

static void
test_empty(void **state)
{
	static const char *const none[] = { NULL };
	char	err[128];
	struct netlist *l = netlist_new(none, err, sizeof(err));

	(void)state;
	assert_false(netlist_match(l, "127.0.0.1"));
	netlist_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_first_match),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests_name("netlist", tests, NULL, NULL);
}
