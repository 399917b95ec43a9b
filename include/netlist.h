/*
 * netlist.h - lists of client networks: "192.0.2.0/24", "2001:db8::/32",
 * a bare address, or any of these after "!" to exclude it.  The first
 * entry that matches decides, as in Postfix's mynetworks and OpenDKIM's
 * peer lists.  An IPv4-mapped IPv6 address (::ffff:192.0.2.1) matches as
 * IPv4.  Built once per configuration, then read-only: thread-safe.
 */
#ifndef SUPPORT_MILTER_NETLIST_H
#define SUPPORT_MILTER_NETLIST_H

#include <stdbool.h>
#include <stddef.h>

struct netlist;

/*
 * netlist_new - parse entries (NULL-terminated).  Returns NULL with the
 * bad entry named in err.
 */
struct netlist *netlist_new(const char *const *entries, char *err,
	    size_t errlen);

/* netlist_free - NULL is allowed. */
void	netlist_free(struct netlist *);

/* netlist_match - true when addr (text form) is in the list, not excluded. */
bool	netlist_match(const struct netlist *, const char *addr);

#endif
