/*
 * fuzz_address - envelope addresses and Message-IDs: address_match(),
 * address_listed(), address_is_null() and address_is_system() on the
 * input as an address, msgid_key() on it as a Message-ID, and
 * msgid_thread() on a message whose In-Reply-To and References are the
 * input.
 *
 * Checks msgid.h's promises: a key is at most MSGID_MAX bytes and holds
 * no white space or control character; a thread has at most
 * MSGID_REFS_MAX keys.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "address.h"
#include "conf.h"
#include "fuzzlib.h"
#include "msgid.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct conf *conf;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	g_mime_init();
	conf = fuzzlib_conf("fuzz_address",
	    "support_addresses = [ \"support@example.com\", "
	    "\"Help@Example.ORG.\" ];\n"
	    "recipient_delimiter = \"+-\";\n");
	return 0;
}

static void
check_key(const char *k)
{
	if (k == NULL)
		return;
	if (strlen(k) > MSGID_MAX || *k == '\0')
		abort();
	for (const char *p = k; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			abort();
}

/* thread - the input as In-Reply-To and References of a message. */
static void
thread(const char *s)
{
	GMimeMessage *m = g_mime_message_new(TRUE);
	GPtrArray *keys;

	g_mime_object_set_header(GMIME_OBJECT(m), "In-Reply-To", s, NULL);
	g_mime_object_set_header(GMIME_OBJECT(m), "References", s, NULL);
	keys = msgid_thread(m);
	if (keys->len > MSGID_REFS_MAX)
		abort();
	for (guint i = 0; i < keys->len; i++)
		check_key(keys->pdata[i]);
	g_ptr_array_unref(keys);
	g_object_unref(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const list[] = { "vip@customer.example",
	    "@partner.example", "example.net", NULL };
	char	*s = g_strndup((const char *)data, size);
	char	*key;
	int	which = -1;

	if (address_match(conf, s, &which) && (which < 0 || which > 1))
		abort();
	(void)address_listed(list, s);
	(void)address_is_null(s);
	(void)address_is_system(s);
	key = msgid_key(s);
	check_key(key);
	g_free(key);
	thread(s);
	g_free(s);
	return 0;
}
