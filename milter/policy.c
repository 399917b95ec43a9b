/*
 * NAME
 *	policy - where the support address is, and whether a person wrote
 * DESCRIPTION
 *	To and Cc are read with GMime's address parser, groups included.
 *	Automatic mail follows RFC 3834 and what mailing lists, autoresponders
 *	and Exchange actually send: Auto-Submitted other than "no",
 *	Precedence bulk/junk/list, List-Id, X-Auto-Response-Suppress, the
 *	null sender, MAILER-DAEMON and postmaster.  Such mail must never get a
 *	guidance rejection: a bounce to a robot can start a loop.
 * SEE ALSO
 *	RFC 3834, RFC 2919 (List-Id), RFC 5322 section 3.6.3
 */
#include <string.h>

#include "address.h"
#include "policy.h"

static const char *const placement_names[] = {
	[PLACE_TO] = "to",
	[PLACE_CC] = "cc-only",
	[PLACE_BCC] = "bcc",
};

/* list_has_support - true when an address of list (or its groups) matches. */
static bool
list_has_support(const struct conf *c, InternetAddressList *list)
{
	int	n = list ? internet_address_list_length(list) : 0;

	for (int i = 0; i < n; i++) {
		InternetAddress *a = internet_address_list_get_address(list, i);

		if (INTERNET_ADDRESS_IS_GROUP(a)) {
			if (list_has_support(c, internet_address_group_get_members(
			    INTERNET_ADDRESS_GROUP(a))))
				return true;
		} else if (address_match(c, internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(a)), NULL))
			return true;
	}
	return false;
}

enum placement
policy_placement(const struct conf *c, GMimeMessage *m)
{
	if (list_has_support(c, g_mime_message_get_addresses(m,
	    GMIME_ADDRESS_TYPE_TO)))
		return PLACE_TO;
	if (list_has_support(c, g_mime_message_get_addresses(m,
	    GMIME_ADDRESS_TYPE_CC)))
		return PLACE_CC;
	return PLACE_BCC;
}

const char *
policy_placement_name(enum placement p)
{
	return placement_names[p];
}

/* header_word - the value of a header, trimmed and unfolded, or NULL. */
static char *
header_word(GMimeMessage *m, const char *name)
{
	const char *v = g_mime_object_get_header(GMIME_OBJECT(m), name);
	char	*w;

	if (v == NULL)
		return NULL;
	w = g_strstrip(g_strdup(v));
	/* a parameter such as "auto-replied; owner-email=..." ends the word */
	w[strcspn(w, " \t\r\n;(")] = '\0';
	return w;
}

/* header_is - true when the header's first word is one of words. */
static bool
header_is(GMimeMessage *m, const char *name, const char *const *words)
{
	char	*w = header_word(m, name);
	bool	hit = false;

	for (const char *const *p = words; w && *p && !hit; p++)
		hit = g_ascii_strcasecmp(w, *p) == 0;
	g_free(w);
	return hit;
}

const char *
policy_automatic(const struct envelope *env, GMimeMessage *m)
{
	static const char *const no[] = { "no", NULL };
	static const char *const bulk[] = { "bulk", "junk", "list", NULL };
	char	*as;
	bool	submitted;

	if (address_is_null(env->sender))
		return "null-sender";
	if (address_is_system(env->sender))
		return "system-sender";
	as = header_word(m, "Auto-Submitted");
	submitted = as && !header_is(m, "Auto-Submitted", no);
	g_free(as);
	if (submitted)
		return "auto-submitted";
	if (header_is(m, "Precedence", bulk))
		return "precedence";
	if (g_mime_object_get_header(GMIME_OBJECT(m), "List-Id"))
		return "list-id";
	if (g_mime_object_get_header(GMIME_OBJECT(m), "X-Auto-Response-Suppress"))
		return "auto-response-suppress";
	return NULL;
}

bool
policy_from_support(const struct conf *c, const struct envelope *env,
    GMimeMessage *m)
{
	return address_match(c, env->sender, NULL) ||
	    list_has_support(c, g_mime_message_get_addresses(m,
	    GMIME_ADDRESS_TYPE_FROM));
}
