/*
 * NAME
 *	address - match envelope and header addresses to support addresses
 * DESCRIPTION
 *	Addresses reach us as RCPT arguments ("<Support+x@Example.COM>") or
 *	as GMime's parsed addr-specs ("\"support\"@example.com").  We reduce
 *	both to a local part and a domain without building a parser: header
 *	syntax was already handled by GMime, and the envelope form is an
 *	addr-spec in angle brackets (RFC 5321 section 4.1.2).
 * SEE ALSO
 *	RFC 5321, RFC 5322 section 3.4.1, RFC 5233 (subaddresses)
 */
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "address.h"

/* Longest address we look at; RFC 5321 allows 256 in a path. */
#define ADDRESS_MAX	512

/*
 * split - copy addr without angle brackets, quotes and escapes into buf;
 * return the position of the '@' that separates local part and domain, or
 * -1 when there is none.
 */
static int
split(const char *addr, char *buf, size_t size)
{
	size_t	n = 0, len = strlen(addr);
	int	at = -1;
	bool	quoted = false;

	if (len >= 2 && addr[0] == '<' && addr[len - 1] == '>') {
		addr++;
		len -= 2;
	}
	for (size_t i = 0; i < len && n + 1 < size; i++) {
		char	c = addr[i];

		if (c == '"') {
			quoted = !quoted;
			continue;
		}
		if (c == '\\' && quoted && i + 1 < len)
			c = addr[++i];
		else if (c == '@' && !quoted)
			at = (int)n;
		buf[n++] = c;
	}
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return at;
}

/* local_matches - local is want, or want followed by a delimiter. */
static bool
local_matches(const char *local, size_t len, const char *want, size_t wlen,
    const char *delims)
{
	if (len < wlen || g_ascii_strncasecmp(local, want, wlen) != 0)
		return false;
	return len == wlen || (delims && strchr(delims, local[wlen]) &&
	    local[wlen] != '\0');
}

bool
address_match(const struct conf *c, const char *addr, int *which)
{
	char	buf[ADDRESS_MAX];
	int	at = split(addr, buf, sizeof(buf));

	if (at <= 0)
		return false;
	for (int i = 0; c->support_addresses[i]; i++) {
		const char *want = c->support_addresses[i];
		const char *wat = strrchr(want, '@');

		if (g_ascii_strcasecmp(buf + at + 1, wat + 1) != 0)
			continue;
		if (local_matches(buf, (size_t)at, want, (size_t)(wat - want),
		    c->recipient_delimiter)) {
			if (which)
				*which = i;
			return true;
		}
	}
	return false;
}

bool
address_is_null(const char *addr)
{
	return addr == NULL || *addr == '\0' || strcmp(addr, "<>") == 0;
}

bool
address_is_system(const char *addr)
{
	char	buf[ADDRESS_MAX];
	int	at = split(addr, buf, sizeof(buf));
	size_t	len = at < 0 ? strlen(buf) : (size_t)at;

	return (len == 13 && g_ascii_strncasecmp(buf, "mailer-daemon", 13) == 0) ||
	    (len == 10 && g_ascii_strncasecmp(buf, "postmaster", 10) == 0);
}

/* domain_listed - dom is d, or with a leading-dot-free d a subdomain of it. */
static bool
domain_listed(const char *dom, const char *d, bool subdomains)
{
	size_t	len = strlen(dom), dlen = strlen(d);

	if (g_ascii_strcasecmp(dom, d) == 0)
		return true;
	return subdomains && len > dlen && dom[len - dlen - 1] == '.' &&
	    g_ascii_strcasecmp(dom + len - dlen, d) == 0;
}

bool
address_listed(const char *const *list, const char *addr)
{
	char	buf[ADDRESS_MAX];
	int	at;

	if (addr == NULL || (at = split(addr, buf, sizeof(buf))) <= 0)
		return false;
	for (; list && *list; list++) {
		const char *e = *list;

		if (*e == '@' ? domain_listed(buf + at + 1, e + 1, false) :
		    strchr(e, '@') ? g_ascii_strcasecmp(buf, e) == 0 :
		    domain_listed(buf + at + 1, e, true))
			return true;
	}
	return false;
}
