/*
 * NAME
 *	msgid - Message-ID keys and the IDs a reply refers to
 * DESCRIPTION
 *	In-Reply-To and References are parsed by GMime, which skips comments
 *	and junk between IDs.  The newest reference is the most specific: the
 *	message replied to; the oldest is the thread's root, which may belong
 *	to another ticket after a customer reused an old thread.
 * SEE ALSO
 *	RFC 5322 section 3.6.4
 */
#include <string.h>

#include "msgid.h"

char *
msgid_key(const char *id)
{
	GString	*k;

	if (id == NULL)
		return NULL;
	k = g_string_new(NULL);
	for (const char *p = id; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c < 0x20 || c == 0x7f || k->len >= MSGID_MAX + 2) {
			(void)g_string_free(k, TRUE);
			return NULL;
		}
		g_string_append_c(k, (char)c);
	}
	if (k->len >= 2 && k->str[0] == '<' && k->str[k->len - 1] == '>') {
		g_string_erase(k, 0, 1);
		g_string_truncate(k, k->len - 1);
	}
	if (k->len == 0 || k->len > MSGID_MAX) {
		(void)g_string_free(k, TRUE);
		return NULL;
	}
	return g_string_free(k, FALSE);
}

/* add_key - append the key of id unless it is bad or already there. */
static void
add_key(GPtrArray *out, const char *id)
{
	char	*k = msgid_key(id);

	if (k == NULL)
		return;
	for (guint i = 0; i < out->len; i++)
		if (strcmp(g_ptr_array_index(out, i), k) == 0) {
			g_free(k);
			return;
		}
	g_ptr_array_add(out, k);
}

/* add_header - the IDs of one header, last first. */
static void
add_header(GPtrArray *out, GMimeMessage *m, const char *name)
{
	const char *v = g_mime_object_get_header(GMIME_OBJECT(m), name);
	GMimeReferences *refs;

	if (v == NULL)
		return;
	refs = g_mime_references_parse(NULL, v);
	if (refs == NULL)
		return;
	for (int i = g_mime_references_length(refs) - 1;
	    i >= 0 && out->len < MSGID_REFS_MAX; i--)
		add_key(out, g_mime_references_get_message_id(refs, i));
	g_mime_references_free(refs);
}

GPtrArray *
msgid_thread(GMimeMessage *m)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);

	add_header(out, m, "In-Reply-To");
	add_header(out, m, "References");
	return out;
}
