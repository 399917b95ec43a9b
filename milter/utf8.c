/*
 * NAME
 *	utf8 - UTF-8 validity of whole parts, ASCII eight bytes at a time
 * DESCRIPTION
 *	A word with no byte >= 0x80 and no NUL byte is eight ASCII
 *	characters; the first word that is not starts at a character
 *	boundary, and GLib validates from there on.
 * SEE ALSO
 *	utf8.h, g_utf8_validate_len(3)
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "utf8.h"

#define ONES	UINT64_C(0x0101010101010101)
#define HIGHS	UINT64_C(0x8080808080808080)

/* ascii_prefix - bytes of s that are ASCII without NUL, up to the first
 * eight-byte word that is not, then a byte at a time. */
static size_t
ascii_prefix(const char *s, size_t len)
{
	size_t	i = 0;
	uint64_t w;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		/* a high bit, or a zero byte (the classic has-zero test) */
		if ((w & HIGHS) || ((w - ONES) & ~w & HIGHS))
			break;
	}
	while (i < len && s[i] != '\0' && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

bool
utf8_valid(const char *s, size_t len)
{
	size_t	i;

	if (len == 0)
		return true;	/* s may be NULL: an empty GByteArray's data */
	i = ascii_prefix(s, len);
	return g_utf8_validate_len(s + i, len - i, NULL);
}

bool
utf8_ascii(const char *s, size_t len)
{
	return len == 0 || ascii_prefix(s, len) == len;
}
