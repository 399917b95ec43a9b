/*
 * msgid.h - Message-IDs as database keys, and the IDs a reply refers to.
 *
 * A key is the msg-id without angle brackets, with every white space and
 * CR/LF removed (a folded Message-ID must not gain a space, as it has in
 * other filters) and at most MSGID_MAX bytes; comments are GMime's
 * business (g_mime_references_parse).  Pure functions; thread-safe.
 */
#ifndef SUPPORT_MILTER_MSGID_H
#define SUPPORT_MILTER_MSGID_H

#include <glib.h>
#include <gmime/gmime.h>

#define MSGID_MAX	480	/* LMDB's default key limit is 511 bytes */
#define MSGID_REFS_MAX	64	/* IDs of a thread we look up, newest first */

/*
 * msgid_key - the key for one Message-ID (with or without <>), or NULL
 * when it is empty, too long or holds control characters.  The caller
 * frees it.
 */
char	*msgid_key(const char *id);

/*
 * msgid_thread - the keys a reply refers to, newest first: In-Reply-To,
 * then References from last to first; without duplicates, at most
 * MSGID_REFS_MAX.  A new array of char * that frees its strings.
 */
GPtrArray *msgid_thread(GMimeMessage *);

#endif
