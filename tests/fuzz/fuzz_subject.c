/*
 * fuzz_subject - a raw Subject value through what the core does with it:
 * rfc2047_decode(), subject_base(), subject_parse() under two rule sets,
 * subject_compose() and rfc2047_encode().
 *
 * Checks what a header we write must hold whatever the Subject was: the
 * encoded value has no CR, no NUL, and every LF starts a continuation
 * line (a space or a tab follows), so no new header can begin.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "rfc2047.h"
#include "subject.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct subject_rules *rules[2];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const prefixes[] = { "Re", "Fwd", "AW", "WG",
	    "SV", "回复", "转发", NULL };
	static const char *const tags[] = { "[EXTERNAL]", "*EXTERNAL*",
	    "[External Sender]", NULL };

	(void)argc;
	(void)argv;
	g_mime_init();
	rules[0] = subject_rules_new(prefixes, tags, "Ticket", "[]", NULL, 0);
	rules[1] = subject_rules_new(NULL, NULL, "Case", "()", NULL, 0);
	if (rules[0] == NULL || rules[1] == NULL)
		abort();
	return 0;
}

/* check_header_value - no CR, and an LF only before folding white space. */
static void
check_header_value(const char *v)
{
	for (const char *p = v; *p; p++)
		if (*p == '\r' || (*p == '\n' && p[1] != ' ' && p[1] != '\t'))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*raw = g_strndup((const char *)data, size);
	char	*text = rfc2047_decode(raw);
	char	*base = subject_base(text);

	for (int i = 0; i < 2; i++) {
		struct subject_parts parts;
		char	*out, *enc;

		subject_parse(rules[i], text, &parts);
		out = subject_compose(rules[i], parts.ticket, parts.rest);
		enc = rfc2047_encode(out, 9);
		check_header_value(enc);
		g_free(enc);
		g_free(out);
		subject_parts_clear(&parts);
	}
	g_free(base);
	g_free(text);
	g_free(raw);
	return 0;
}
