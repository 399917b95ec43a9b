/*
 * NAME
 *	textlearn - the trailing block a sender may repeat as a signature
 * SYNOPSIS
 *	#include "textlearn.h"
 *
 *	if (textlearn_find(text, len, &b))
 *		count b.hash for the sender; cut at b.keep once it recurs
 * DESCRIPTION
 *	Customers whose signature no rule recognises (a company line, an
 *	address without a closing phrase) repeat the same trailing block in
 *	every mail.  Its fingerprint is taken from the folded lines
 *	(textlines_fold(): lower case, white space collapsed, trimmed), so
 *	re-wrapping or a changed case does not make a new block.
 *
 *	Conservative by construction: a block that asks ('?'), tells
 *	(two sentences ending in '.'), quotes, is long, or is all the text
 *	is never learned, so it is never cut.  A closing phrase and the
 *	name under it stay (as textsig(3) keeps them); so does a one-line
 *	block as short as a name.
 * SEE ALSO
 *	textlearn.h, textsig(3), docs/cleaning.md ("Learned signatures")
 */
#include <string.h>

#include <glib.h>

#include "textlearn.h"
#include "textlines.h"
#include "textsig.h"

#define ONE_LINE_MIN	40	/* bytes of a one-line block: longer than a name */
#define WORD_SENTENCE	4	/* letters before a '.' that ends a sentence */

/* after_closing - the first line of the block under the last closing
 * phrase (and its name line) in [first, last]. */
static size_t
after_closing(const struct textlines *L, size_t first, size_t last)
{
	size_t	from = first;
	bool	named;

	for (size_t i = first; i <= last; i++)
		if (textsig_closing(L, i, &named))
			from = i + (named ? 1 : 2);
	return from;
}

/* sentences - how many '.' in t[p, e) end a word of WORD_SENTENCE
 * letters or more ("Inc." and "St." do not count). */
static int
sentences(const char *t, size_t p, size_t e)
{
	int	n = 0;
	size_t	letters = 0;

	for (; p < e; p++) {
		if (g_ascii_isalpha(t[p]) || (unsigned char)t[p] >= 0x80)
			letters++;
		else {
			if (t[p] == '.' && letters >= WORD_SENTENCE &&
			    (p + 1 == e || g_ascii_isspace(t[p + 1])))
				n++;
			letters = 0;
		}
	}
	return n;
}

/* learnable - the lines [first, last] may be a signature. */
static bool
learnable(const struct textlines *L, size_t first, size_t last)
{
	size_t	p = L->start[first], e = textlines_end(L, last);

	if (last - first + 1 > TEXTLEARN_LINES || e - p > TEXTLEARN_BYTES)
		return false;
	if (memchr(L->text + p, '?', e - p) || sentences(L->text, p, e) > 1)
		return false;
	if (first == last && e - p < ONE_LINE_MIN)
		return false;
	for (size_t i = first; i <= last; i++)
		if (textlines_quoted(L, i))
			return false;
	return true;
}

/* fingerprint - SHA-256 of the folded lines, its first hex digits. */
static bool
fingerprint(const struct textlines *L, size_t first, size_t last,
    char hash[TEXTLEARN_HASHLEN + 1])
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	struct textlines_fold f;
	bool	ok = true;

	for (size_t i = first; i <= last && ok; i++) {
		if (textlines_blank(L, i))
			continue;
		if (!(ok = textlines_fold(L, i, &f, true)))
			break;
		while (f.n > 0 && f.s[f.n - 1] == ' ')
			f.n--;
		g_checksum_update(sum, (const guchar *)f.s, (gssize)f.n);
		g_checksum_update(sum, (const guchar *)"\n", 1);
	}
	if (ok)
		(void)g_strlcpy(hash, g_checksum_get_string(sum),
		    TEXTLEARN_HASHLEN + 1);
	g_checksum_free(sum);
	return ok;
}

bool
textlearn_find(const char *text, size_t len, struct textlearn_block *out)
{
	struct textlines L;
	size_t	last, first, above;
	bool	ok = false;

	if (text == NULL || len == 0)
		return false;
	textlines_split(text, len, &L);
	last = textlines_prev(&L, L.n, (size_t)-1);
	first = last;
	while (first != (size_t)-1 && first > 0 &&
	    !textlines_blank(&L, first - 1))
		first--;
	/* text must stay above the block, after a blank line */
	above = first == (size_t)-1 ? first :
	    textlines_prev(&L, first, (size_t)-1);
	if (above != (size_t)-1) {
		first = after_closing(&L, first, last);
		ok = first <= last && learnable(&L, first, last) &&
		    fingerprint(&L, first, last, out->hash);
	}
	if (ok) {
		out->start = L.start[first];
		out->keep = L.start[textlines_prev(&L, first, (size_t)-1) + 1];
	}
	textlines_release(&L);
	return ok;
}
