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

bool
utf8_valid(const char *s, size_t len)
{
	size_t	i = 0;
	uint64_t w;

	if (len == 0)
		return true;	/* s may be NULL: an empty GByteArray's data */
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		/* a high bit, or a zero byte (the classic has-zero test) */
		if ((w & HIGHS) || ((w - ONES) & ~w & HIGHS))
			break;
	}
	return g_utf8_validate_len(s + i, len - i, NULL);
}
