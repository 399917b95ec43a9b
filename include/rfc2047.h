/*
 * rfc2047.h - header text: RFC 2047 encoded words, read and written.
 *
 * Owns: a raw header value (folded, possibly RFC 2047 encoded, possibly
 * raw 8-bit) as UTF-8, mending what GMime 3.2.13 loses; UTF-8 as a
 * header value (ASCII as it is, encoded words where needed, folded); and
 * the bound on a header text, RFC2047_TEXT_MAX, which subject.h applies
 * through rfc2047_make_valid() too.
 *
 * Must not: know what the text means (prefixes and tickets are
 * subject.h's), or which header it is, beyond the room its name takes on
 * the first line.
 *
 * Pure functions: thread-safe.  GMime must be initialised (g_mime_init())
 * before rfc2047_decode() and rfc2047_encode().  A NULL text is taken as
 * "".  Every result is new and belongs to the caller (g_free); none is
 * NULL.  Every text is first cut to RFC2047_TEXT_MAX bytes, at a
 * character boundary, so the work per value is bounded.
 * docs/subjects.md has the rules with examples.
 */
#ifndef SUPPORT_MILTER_RFC2047_H
#define SUPPORT_MILTER_RFC2047_H

#include <stddef.h>

#define RFC2047_TEXT_MAX 16384	/* bytes of a header text we look at */
#define RFC2047_USED_MAX 40	/* the most rfc2047_encode()'s first line
				   may have used: room for a whole first
				   encoded word */

/*
 * rfc2047_make_valid - utf8 cut to RFC2047_TEXT_MAX bytes without
 * splitting a character, invalid sequences replaced with U+FFFD.
 */
char	*rfc2047_make_valid(const char *utf8);

/*
 * rfc2047_decode - a raw header value (possibly folded, possibly RFC 2047
 * encoded, possibly raw 8-bit) as UTF-8: adjacent encoded words joined, a
 * character split across words repaired, unknown or broken charsets
 * decoded best-effort (never dropped).  Unfolding also trims white space
 * at both ends.  Raw 8-bit text is read as UTF-8, else windows-1252, else
 * ISO-8859-1; bytes that are not valid in the charset an encoded word
 * names become "?" (GMime's rule).
 */
char	*rfc2047_decode(const char *raw);

/*
 * rfc2047_encode - a header value for UTF-8 text: ASCII as it is,
 * otherwise RFC 2047 encoded words; folded so no line exceeds 78
 * characters (lines separated by "\n" plus white space, as libmilter
 * wants).  first_line_used is what the header name takes on the first
 * line ("Subject: " is 9), at most RFC2047_USED_MAX (an interface
 * violation otherwise).
 *
 * Words of printable ASCII are written as they are, the others as
 * encoded words (UTF-8) of at most 75 characters, and then lines are at
 * most 76 characters, as RFC 2047 wants.  Folding happens before white
 * space and never inside a word, so only an ASCII word longer than a
 * line makes a longer line (a word over 997 characters is encoded
 * instead, to stay within RFC 5322's 998).  Control characters (tab, CR,
 * LF included) become spaces and white space at the ends is dropped;
 * otherwise rfc2047_decode() gives the text back exactly, except a word
 * that itself looks like an encoded word ("=?x?q?y?="), which every
 * reader decodes.
 */
char	*rfc2047_encode(const char *utf8, size_t first_line_used);

#endif
