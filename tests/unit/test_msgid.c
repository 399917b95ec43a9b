/* test_msgid - Message-ID keys and the IDs a reply refers to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "msgid.h"
#include "testlib.h"

static const struct {
	const char *in;
	const char *want;	/* NULL: no key */
} key_cases[] = {
	{"<abc@example.com>", "abc@example.com"},
	{"abc@example.com", "abc@example.com"},
	{"  <abc@example.com>  ", "abc@example.com"},
	{"<abc@\r\n example.com>", "abc@example.com"},	/* folded inside */
	{"<abc @example.com>", "abc@example.com"},
	{"<CaSe@Example.COM>", "CaSe@Example.COM"},	/* left as it is */
	{"<>", NULL},
	{"", NULL},
	{"   ", NULL},
	{"<a\x01" "b@example.com>", NULL},
};

static void
test_key(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(key_cases) / sizeof(key_cases[0]); i++) {
		char	*k = msgid_key(key_cases[i].in);

		if (g_strcmp0(k, key_cases[i].want) != 0)
			fail_msg("msgid_key(\"%s\") = \"%s\", want \"%s\"",
			    key_cases[i].in, k, key_cases[i].want);
		g_free(k);
	}
	assert_null(msgid_key(NULL));
}

static void
test_key_length(void **state)
{
	GString	*id = g_string_new("<");
	char	*k;

	(void)state;
	for (int i = 0; i < MSGID_MAX - 12; i++)
		g_string_append_c(id, 'a');
	g_string_append(id, "@example.com>");
	k = msgid_key(id->str);
	assert_non_null(k);
	assert_int_equal(strlen(k), MSGID_MAX);
	g_free(k);
	g_string_insert_c(id, 1, 'a');
	assert_null(msgid_key(id->str));
	/* a 100 KB Message-ID costs no more than its first bytes */
	for (int i = 0; i < 100000; i++)
		g_string_append_c(id, 'x');
	assert_null(msgid_key(id->str));
	(void)g_string_free(id, TRUE);
}

static void
test_thread(void **state)
{
	struct message m;
	GPtrArray *ids;

	(void)state;
	testlib_message("From: a@b.example\n"
	    "In-Reply-To: <c@x.example> (comment)\n"
	    "References: <a@x.example> junk <b@x.example>\n"
	    "\t<c@x.example>\n"
	    "Subject: x\n\nbody\n", &m);
	ids = msgid_thread(m.mime);
	assert_int_equal(ids->len, 3);
	assert_string_equal(g_ptr_array_index(ids, 0), "c@x.example");
	assert_string_equal(g_ptr_array_index(ids, 1), "b@x.example");
	assert_string_equal(g_ptr_array_index(ids, 2), "a@x.example");
	g_ptr_array_unref(ids);
	message_release(&m);
}

/* Thousands of references: the newest MSGID_REFS_MAX are kept. */
static void
test_thread_many(void **state)
{
	GString	*t = g_string_new("From: a@b.example\nReferences:");
	struct message m;
	GPtrArray *ids;

	(void)state;
	for (int i = 0; i < 5000; i++)
		g_string_append_printf(t, "\n <id%d@x.example>", i);
	g_string_append(t, "\nSubject: x\n\nbody\n");
	testlib_message(t->str, &m);
	ids = msgid_thread(m.mime);
	assert_int_equal(ids->len, MSGID_REFS_MAX);
	assert_string_equal(g_ptr_array_index(ids, 0), "id4999@x.example");
	g_ptr_array_unref(ids);
	message_release(&m);
	(void)g_string_free(t, TRUE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_key_length),
		cmocka_unit_test(test_thread),
		cmocka_unit_test(test_thread_many),
	};

	g_mime_init();
	return cmocka_run_group_tests_name("msgid", tests, NULL, NULL);
}
