/*
 * NAME
 *	rfc2047 - header text: encoded words read and written
 * SYNOPSIS
 *	#include "rfc2047.h"
 * DESCRIPTION
 *	RFC 2047 is GMime's; this file decides what text GMime sees.  A raw
 *	value is unfolded, runs of "B" words in one charset are joined (see
 *	BUGS), and GMime decodes it with the fallback charsets UTF-8,
 *	windows-1252 and ISO-8859-1, so raw 8-bit text is never dropped.
 *
 *	rfc2047_encode() writes words of printable ASCII as they are.  Runs
 *	of other words go to GMime in pieces small enough for every encoded
 *	word to fit a line (RFC 2047's 75 characters; fewer for the first
 *	word, after the header name: 67 after "Subject: "), cut only where
 *	GMime has letters to encode on both sides, so that it writes encoded
 *	words only.  We fold the result at 76 characters when it has encoded
 *	words (RFC 2047), else at 78.
 *
 *	Every input is cut to RFC2047_TEXT_MAX bytes, at a character
 *	boundary, first.
 * DIAGNOSTICS
 *	None: every function gives a value.
 * BUGS
 *	GMime 3.2.13 (Debian 12) stops decoding a run of base64 words in one
 *	charset after the first with padding: "=?UTF-8?B?SGVsbG8=?=
 *	=?UTF-8?B?IHdvcmxk?=" gives "Hello" (gmime issue #133, fixed after
 *	3.2.13).  bwords_join() hands GMime such a run as one word.  Its
 *	folder splits words too long for a line with "\n\t", which puts a
 *	tab into the word; fold_value() does not split words.
 *
 *	A word of the text that looks like an encoded word ("=?x?q?y?=") is
 *	decoded by every reader; it is written as it is, as GMime does.
 * SEE ALSO
 *	RFC 2047, RFC 5322 section 2.1.1, rfc2047.h, subject.h,
 *	docs/subjects.md
 */
#include <assert.h>
#include <stdbool.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "rfc2047.h"

#define CHARSET_MAX	64	/* bytes of a charset name in an encoded word */
#define FOLD_MAX	78	/* RFC 5322 section 2.1.1 */
#define EWORD_MAX	75	/* RFC 2047 section 2 */
#define EWORD_LINE_MAX	76	/* RFC 2047 section 2: a line with encoded words */
#define LINE_HARD_MAX	998	/* RFC 5322 section 2.1.1 */
/* bytes of UTF-8 that fit a "B" word of n characters: "=?UTF-8?b?...?=" */
#define PIECE_BYTES(n)	(((n) - 12) / 4 * 3)

/* rfc2047_make_valid - cut, without splitting a character; made valid. */
char *
rfc2047_make_valid(const char *utf8)
{
	size_t	len = strnlen(utf8 ? utf8 : "", RFC2047_TEXT_MAX + 1);

	/* back up over at most 3 continuation bytes to the character's start */
	if (len > RFC2047_TEXT_MAX)
		for (len = RFC2047_TEXT_MAX; len > RFC2047_TEXT_MAX - 3 &&
		    ((unsigned char)utf8[len] & 0xc0) == 0x80; len--)
			;
	return g_utf8_make_valid(utf8 ? utf8 : "", (gssize)len);
}

/*
 * bword_at - when an encoded word "=?charset?B?payload?=" starts at s[i],
 * its end, with the charset and the payload as offsets and lengths.
 */
static size_t
bword_at(const char *s, size_t i, size_t len, size_t span[4])
{
	size_t	j = i + 2, k = j, p;

	if (len - i < 8 || s[i] != '=' || s[i + 1] != '?')
		return 0;
	/* a charset is a token: no SPACE, no CTLs (RFC 2047 section 2) */
	while (k < len && k - j < CHARSET_MAX && s[k] != '?' && s[k] != ' ' &&
	    !g_ascii_iscntrl(s[k]))
		k++;
	if (k == j || len - k < 5 || s[k] != '?' || (s[k + 1] != 'B' &&
	    s[k + 1] != 'b') || s[k + 2] != '?')
		return 0;
	for (p = k + 3; p < len && (g_ascii_isalnum(s[p]) || s[p] == '+' ||
	    s[p] == '/' || s[p] == '='); p++)
		;
	if (len - p < 2 || s[p] != '?' || s[p + 1] != '=')
		return 0;
	span[0] = j;
	span[1] = k - j;
	span[2] = k + 3;
	span[3] = p - (k + 3);
	return p + 2;
}

/*
 * bword_run - append the run of "B" words in one charset that starts at
 * s[i] (ending at first_end) to out, as one word when there are several;
 * return where the run ends.
 */
static size_t
bword_run(const char *s, size_t len, size_t i, size_t first_end,
    const size_t span[4], GString *out)
{
	GString	*payload = g_string_new_len(s + span[2], (gssize)span[3]);
	size_t	end = first_end, next[4], j, e;
	guchar	*bytes;
	gsize	nbytes;
	char	*b64;

	for (;;) {
		for (j = end; j < len && (s[j] == ' ' || s[j] == '\t'); j++)
			;
		if ((e = bword_at(s, j, len, next)) == 0 ||
		    next[1] != span[1] ||
		    g_ascii_strncasecmp(s + next[0], s + span[0], span[1]) != 0)
			break;
		g_string_append_len(payload, s + next[2], (gssize)next[3]);
		end = e;
	}
	if (end == first_end) {
		g_string_append_len(out, s + i, (gssize)(end - i));
	} else {
		bytes = g_base64_decode(payload->str, &nbytes);
		b64 = g_base64_encode(bytes, nbytes);
		g_string_append(out, "=?");
		g_string_append_len(out, s + span[0], (gssize)span[1]);
		g_string_append_printf(out, "?B?%s?=", b64);
		g_free(bytes);
		g_free(b64);
	}
	g_string_free(payload, TRUE);
	return end;
}

/* bwords_join - s with every run of "B" words in one charset joined. */
static char *
bwords_join(const char *s)
{
	size_t	len = strlen(s), i = 0, end, span[4];
	GString	*out = g_string_sized_new(len);

	while (i < len) {
		if ((end = bword_at(s, i, len, span)) != 0)
			i = bword_run(s, len, i, end, span, out);
		else
			g_string_append_c(out, s[i++]);
	}
	return g_string_free(out, FALSE);
}

char *
rfc2047_decode(const char *raw)
{
	const char *fallback[] = { "UTF-8", "windows-1252", "iso-8859-1",
		NULL };
	GMimeParserOptions *opts = g_mime_parser_options_new();
	char	*cut = g_strndup(raw ? raw : "", RFC2047_TEXT_MAX);
	char	*unfolded = g_mime_utils_header_unfold(cut);
	char	*joined = bwords_join(unfolded);
	char	*text, *out;

	g_mime_parser_options_set_fallback_charsets(opts, fallback);
	g_mime_parser_options_set_rfc2047_compliance_mode(opts,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	text = g_mime_utils_header_decode_text(opts, joined);
	out = rfc2047_make_valid(text);
	g_mime_parser_options_free(opts);
	g_free(cut);
	g_free(unfolded);
	g_free(joined);
	g_free(text);
	return out;
}

/*
 * encode_prepare - utf8 as it will be written: valid, control characters
 * (tab, CR and LF too) as spaces, white space trimmed at both ends, which
 * header unfolding would not keep anyway.
 */
static char *
encode_prepare(const char *utf8)
{
	char	*text = rfc2047_make_valid(utf8);
	GString	*out = g_string_sized_new(strlen(text));

	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		if (g_unichar_iscntrl(g_utf8_get_char(p)))
			g_string_append_c(out, ' ');
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	g_free(text);
	return g_strstrip(g_string_free(out, FALSE));
}

/*
 * piece_cut - where the piece of region r that starts at pos ends: the
 * last cut within limit bytes, else the first cut after it.  A cut is
 * made only before a non-ASCII character, inside a word, with a non-ASCII
 * character before it in the same piece of that word: GMime then sees
 * letters to encode on both sides and writes encoded words only, and
 * decoders drop the white space between encoded words.
 */
static size_t
piece_cut(const char *r, size_t rlen, size_t pos, size_t limit)
{
	size_t	best = 0;
	bool	eight = false;

	if (rlen - pos <= limit)
		return rlen;
	for (size_t i = pos; i < rlen; i++) {
		unsigned char c = (unsigned char)r[i];

		if (c == ' ')
			eight = false;
		else if (c >= 0xc0 && eight) {
			if (i - pos > limit)
				return best ? best : i;
			best = i;
		}
		if (c >= 0x80)
			eight = true;
	}
	return best ? best : rlen;
}

/* words_fit - true when every word of enc fits: the first in first bytes. */
static bool
words_fit(const char *enc, size_t first, size_t rest)
{
	size_t	max = first;

	while (*enc) {
		size_t	n = strcspn(enc, " ");

		if (n > max)
			return false;
		max = rest;
		enc += n;
		enc += strspn(enc, " ");
	}
	return true;
}

/*
 * encode_region - append region r (words with non-ASCII letters and the
 * white space between them) as encoded words to out, the first of at
 * most first characters.  A piece whose words do not fit is cut smaller
 * while a smaller cut exists.
 */
static void
encode_region(const char *r, size_t rlen, size_t first, GString *out)
{
	size_t	pos = 0, limit, cut;
	char	*piece, *enc;

	limit = PIECE_BYTES(first);
	while (pos < rlen) {
		cut = piece_cut(r, rlen, pos, limit);
		piece = g_strndup(r + pos, cut - pos);
		enc = g_mime_utils_header_encode_text(NULL, piece, "UTF-8");
		g_free(piece);
		if (!words_fit(enc, pos == 0 ? first : EWORD_MAX, EWORD_MAX) &&
		    cut - pos > 1 &&
		    piece_cut(r, rlen, pos, (cut - pos) * 2 / 3) < cut) {
			limit = (cut - pos) * 2 / 3;
			g_free(enc);
			continue;
		}
		if (pos > 0)
			g_string_append_c(out, ' ');
		g_string_append(out, enc);
		g_free(enc);
		pos = cut;
		limit = PIECE_BYTES(EWORD_MAX);
	}
}

/*
 * plain_word - true when s[0..len) is written as it is: printable ASCII,
 * short enough for RFC 5322's 998 characters on a line of its own.
 */
static bool
plain_word(const char *s, size_t len)
{
	if (len > LINE_HARD_MAX - 1)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

/*
 * encode_words - append text to out: plain words as they are, runs of
 * other words encoded (an encoded word that starts the value of at most
 * first characters), the white space next to a plain word as it is
 * (decoders keep it).  True when something was encoded.
 */
static bool
encode_words(const char *text, size_t first, GString *out)
{
	const char *p = text, *e, *n;
	bool	encoded = false;

	while (*p) {
		e = p + strcspn(p, " ");
		if (plain_word(p, (size_t)(e - p))) {
			g_string_append_len(out, p, e - p);
		} else {
			/* take in the following words that need encoding too */
			for (n = e + strspn(e, " "); *n && !plain_word(n,
			    strcspn(n, " ")); n = e + strspn(e, " "))
				e = n + strcspn(n, " ");
			encode_region(p, (size_t)(e - p),
			    out->len == 0 ? first : EWORD_MAX, out);
			encoded = true;
		}
		for (p = e; *p == ' '; p++)
			g_string_append_c(out, ' ');
	}
	return encoded;
}

/*
 * fold_value - value folded before white space wherever a line would
 * pass max, the first line counting the used characters of the header
 * name.  A word is never split: GMime 3.2.13's folder breaks long words
 * with "\n\t", which unfolding turns into a tab inside the word.
 */
static char *
fold_value(const char *value, size_t max, size_t used)
{
	GString	*out = g_string_sized_new(strlen(value) + 16);
	size_t	col = used, sp, w;

	for (const char *p = value; *p; p += sp + w) {
		sp = strspn(p, " ");
		w = strcspn(p + sp, " ");
		if (sp > 0 && out->len > 0 && col + sp + w > max) {
			g_string_append_c(out, '\n');
			col = 0;
		}
		g_string_append_len(out, p, (gssize)(sp + w));
		col += sp + w;
	}
	return g_string_free(out, FALSE);
}

char *
rfc2047_encode(const char *utf8, size_t first_line_used)
{
	/* the first encoded word shares its line with the header name */
	size_t	first = MIN(EWORD_MAX, EWORD_LINE_MAX - first_line_used), max;
	char	*text, *out;
	GString	*value;

	assert(first_line_used <= RFC2047_USED_MAX);
	text = encode_prepare(utf8);
	value = g_string_sized_new(strlen(text) * 2);
	max = encode_words(text, first, value) ? EWORD_LINE_MAX : FOLD_MAX;
	out = fold_value(value->str, max, first_line_used);
	g_string_free(value, TRUE);
	g_free(text);
	return out;
}
