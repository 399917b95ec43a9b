/*
 * address.h - is this address one of our support addresses?
 *
 * Matching rule (documented in support-milter.conf(5)): the domain compares
 * case-insensitively, a trailing dot ignored; the local part compares
 * case-insensitively, as Postfix's table lookups do, after removing quotes;
 * an address whose local part is a support local part followed by one of the
 * recipient_delimiter characters (support+acme@) is a subaddress and counts.
 * Pure functions of their arguments; thread-safe.
 */
#ifndef SUPPORT_MILTER_ADDRESS_H
#define SUPPORT_MILTER_ADDRESS_H

#include <stdbool.h>

#include "conf.h"

/*
 * address_match - true when addr (bare, or in <>) is a support address;
 * the index of the configured address it matched goes to *which (may be
 * NULL).
 */
bool	address_match(const struct conf *, const char *addr, int *which);

/*
 * address_listed - true when addr (bare, or in <>) is on list: an entry
 * "user@domain" is that address (case-insensitive), "@domain" any address
 * of that domain, "domain" any address of it or its subdomains.
 */
bool	address_listed(const char *const *list, const char *addr);

/* address_is_null - true for the null sender "<>" or "". */
bool	address_is_null(const char *addr);

/*
 * address_is_system - true for MAILER-DAEMON and postmaster senders, whose
 * mail is automatic by convention (RFC 5321 section 4.5.5).
 */
bool	address_is_system(const char *addr);

#endif
