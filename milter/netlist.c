/*
 * NAME
 *	netlist - match client addresses against CIDR lists
 * DESCRIPTION
 *	Addresses are compared as 16-byte IPv6 values, IPv4 mapped into
 *	::ffff:0:0/96, so one comparison serves both families.  Text to
 *	binary conversion is inet_pton(3)'s.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "netlist.h"

struct net {
	unsigned char addr[16];
	unsigned prefix;	/* bits, 0..128 */
	bool	exclude;
};

struct netlist {
	struct net *nets;
	size_t	n;
};

/* to_v6 - an address as 16 bytes; false when it is neither family. */
static bool
to_v6(const char *text, unsigned char out[16], bool *v4)
{
	struct in_addr a4;

	*v4 = false;
	if (inet_pton(AF_INET, text, &a4) == 1) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &a4, 4);
		*v4 = true;
		return true;
	}
	return inet_pton(AF_INET6, text, out) == 1;
}

/* parse_net - one entry; false when it is not an address or a CIDR. */
static bool
parse_net(const char *entry, struct net *out)
{
	char	*text = g_strstrip(g_strdup(entry + (entry[0] == '!')));
	char	*slash = strchr(text, '/');
	bool	v4, ok;
	unsigned long bits = 0;

	out->exclude = entry[0] == '!';
	if (slash)
		*slash++ = '\0';
	ok = to_v6(text, out->addr, &v4);
	if (ok && slash) {
		char	*end;

		bits = strtoul(slash, &end, 10);
		ok = *slash && *end == '\0' && bits <= (v4 ? 32u : 128u);
	} else
		bits = v4 ? 32 : 128;
	out->prefix = (unsigned)bits + (v4 ? 96 : 0);
	g_free(text);
	return ok;
}

struct netlist *
netlist_new(const char *const *entries, char *err, size_t errlen)
{
	struct netlist *l = g_new0(struct netlist, 1);
	size_t	n = entries ? g_strv_length((char **)entries) : 0;

	l->nets = g_new0(struct net, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		if (!parse_net(entries[i], &l->nets[i])) {
			(void)g_snprintf(err, errlen, "\"%s\" is not an address "
			    "or network (CIDR)", entries[i]);
			netlist_free(l);
			return NULL;
		}
	}
	l->n = n;
	return l;
}

void
netlist_free(struct netlist *l)
{
	if (l == NULL)
		return;
	g_free(l->nets);
	g_free(l);
}

/* in_net - the first prefix bits of a and the network agree. */
static bool
in_net(const unsigned char a[16], const struct net *net)
{
	unsigned full = net->prefix / 8, rest = net->prefix % 8;

	if (memcmp(a, net->addr, full) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((a[full] ^ net->addr[full]) & (0xff << (8 - rest))) == 0;
}

bool
netlist_match(const struct netlist *l, const char *addr)
{
	unsigned char a[16];
	bool	v4;

	if (l == NULL || addr == NULL || !to_v6(addr, a, &v4))
		return false;
	for (size_t i = 0; i < l->n; i++)
		if (in_net(a, &l->nets[i]))
			return !l->nets[i].exclude;
	return false;
}
