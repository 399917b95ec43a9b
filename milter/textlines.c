/*
 * NAME
 *	textlines - plain text as lines, folded and matched
 * SYNOPSIS
 *	#include "textlines.h"
 * DESCRIPTION
 *	The cleaners look at single lines or at windows of a few lines;
 *	one array of line starts, built once, keeps that linear in the
 *	size of the text.  Case is folded one character at a time with
 *	g_unichar_tolower() into a fixed buffer (no allocation per line);
 *	a line longer than the buffer is prose to every rule.
 *
 *	Phrases (reply markers, disclaimers) match case-insensitively,
 *	with any run of white space for a space, also across a line break
 *	and the ">" quoting that follows it, since clients wrap and quote
 *	them (osTicket #5548).
 * DIAGNOSTICS
 *	None: invalid UTF-8 is folded as '?' and never matches a phrase.
 * SEE ALSO
 *	RFC 3676 section 4.5 (quoting), textclean(3), textsig(3).
 */
#include <string.h>

#include <glib.h>

#include "textlines.h"

/* textlines_split - the start of every line; CRLF and lone CR end lines too. */
void
textlines_split(const char *text, size_t len, struct textlines *L)
{
	size_t	cap = 64, n = 0;

	L->text = text;
	L->len = len;
	L->start = g_new(size_t, cap);
	L->start[n++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\n' && text[i] != '\r')
			continue;
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		if (i + 1 >= len)
			break;
		if (n + 1 >= cap) {
			cap *= 2;
			L->start = g_renew(size_t, L->start, cap);
		}
		L->start[n++] = i + 1;
	}
	L->n = len ? n : 0;
	L->start[L->n] = len;
}

void
textlines_release(struct textlines *L)
{
	g_free(L->start);
	L->start = NULL;
	L->n = 0;
}

/* textlines_end - where line i's text ends, before its line break. */
size_t
textlines_end(const struct textlines *L, size_t i)
{
	size_t	e = L->start[i + 1];

	if (e > L->start[i] && L->text[e - 1] == '\n')
		e--;
	if (e > L->start[i] && L->text[e - 1] == '\r')
		e--;
	return e;
}

/* textlines_skip_space - past spaces and tabs, within [p, e). */
size_t
textlines_skip_space(const char *t, size_t p, size_t e)
{
	while (p < e && (t[p] == ' ' || t[p] == '\t' || t[p] == '\f' ||
	    t[p] == '\v'))
		p++;
	return p;
}

bool
textlines_blank(const struct textlines *L, size_t i)
{
	size_t	e = textlines_end(L, i);

	return textlines_skip_space(L->text, L->start[i], e) == e;
}

/* textlines_quoted - a ">" quoted line (RFC 3676 4.5), spaces before. */
bool
textlines_quoted(const struct textlines *L, size_t i)
{
	size_t	e = textlines_end(L, i);
	size_t	p = textlines_skip_space(L->text, L->start[i], e);

	return p < e && L->text[p] == '>';
}

/* fold_space - white space as g_unichar_isspace() has it, and NBSP. */
static bool
fold_space(gunichar c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f';
	return c == 0xa0 || g_unichar_isspace(c);
}

/* textlines_fold - line i, lower case and white space collapsed; false when
 * it is too long to be anything but prose. */
bool
textlines_fold(const struct textlines *L, size_t i, struct textlines_fold *f,
    bool reset)
{
	const char *p = L->text + L->start[i];
	const char *e = L->text + textlines_end(L, i);
	bool	space = true;	/* no white space at the start */

	if (reset)
		f->n = 0;
	if (f->n > 0 && f->n < TEXTLINES_FOLD_MAX - 1)
		f->s[f->n++] = ' ';
	while (p < e) {
		gunichar c = (unsigned char)*p;
		char	u[6];
		int	k = 1;

		/* most mail is ASCII: the Unicode tables only for the rest */
		if (c >= 0x80) {
			c = g_utf8_get_char_validated(p, e - p);
			if (c == (gunichar)-1 || c == (gunichar)-2)
				c = '?';
			else
				k = g_utf8_next_char(p) - p;
		}
		p += k;
		if (fold_space(c)) {
			if (!space && f->n < TEXTLINES_FOLD_MAX)
				f->s[f->n++] = ' ';
			space = true;
			continue;
		}
		if (c < 0x80)
			u[0] = g_ascii_tolower((char)c), k = 1;
		else
			k = g_unichar_to_utf8(g_unichar_tolower(c), u);
		if (f->n + (size_t)k >= TEXTLINES_FOLD_MAX)
			return false;
		memcpy(f->s + f->n, u, k);
		f->n += k;
		space = false;
	}
	while (f->n > 0 && f->s[f->n - 1] == ' ')
		f->n--;
	f->s[f->n] = '\0';
	return true;
}

/* textlines_prefix - the length of the table entry s starts with, or 0. */
size_t
textlines_prefix(const char *s, const char *const *table)
{
	for (size_t i = 0; table[i]; i++)
		if (g_str_has_prefix(s, table[i]))
			return strlen(table[i]);
	return 0;
}

/* textlines_suffix - s (n bytes) ends with a table entry at a word start. */
bool
textlines_suffix(const char *s, size_t n, const char *const *table)
{
	for (size_t i = 0; table[i]; i++) {
		size_t	k = strlen(table[i]);

		if (k <= n && memcmp(s + n - k, table[i], k) == 0 &&
		    (k == n || !g_ascii_isalpha(s[n - k - 1])))
			return true;
	}
	return false;
}

/* textlines_strip - s without the separator characters around it. */
const char *
textlines_strip(char *s, const char *chars)
{
	size_t	n = strlen(s);

	while (n > 0 && strchr(chars, s[n - 1]))
		s[--n] = '\0';
	while (*s && strchr(chars, *s))
		s++;
	return s;
}

/* textlines_words - the words in a folded line. */
int
textlines_words(const struct textlines_fold *f)
{
	int	n = f->n > 0;

	for (size_t i = 0; i < f->n; i++)
		n += f->s[i] == ' ';
	return n;
}

/* textlines_prev - the nonblank line above i, skipping at most max blank
 * lines; (size_t)-1 when there is none. */
size_t
textlines_prev(const struct textlines *L, size_t i, size_t max)
{
	for (size_t k = 0; i > 0 && k <= max; k++) {
		i--;
		if (!textlines_blank(L, i))
			return i;
	}
	return (size_t)-1;
}

/* textlines_next - the first nonblank line after i, or L->n. */
size_t
textlines_next(const struct textlines *L, size_t i)
{
	while (++i < L->n && textlines_blank(L, i))
		;
	return i;
}

/* textlines_line_of - the line that holds offset off. */
size_t
textlines_line_of(const struct textlines *L, size_t off)
{
	size_t	lo = 0, hi = L->n;

	while (hi - lo > 1) {
		size_t	mid = lo + (hi - lo) / 2;

		if (L->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* textlines_phrase_compile - a marker or disclaimer in the form that
 * textlines_phrase_match() wants; false when it is empty or not UTF-8. */
bool
textlines_phrase_compile(const char *text, struct textlines_phrase *ph)
{
	const char *p = text;
	size_t	n = 0;

	ph->c = NULL;
	ph->n = 0;
	if (!g_utf8_validate(text, -1, NULL))
		return false;
	ph->c = g_new(gunichar, g_utf8_strlen(text, -1) + 1);
	for (; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_isspace(c) || c == 0xa0) {
			if (n > 0 && ph->c[n - 1] != ' ')
				ph->c[n++] = ' ';
		} else
			ph->c[n++] = g_unichar_tolower(c);
	}
	if (n > 0 && ph->c[n - 1] == ' ')
		n--;
	ph->n = n;
	return n > 0;
}

/* skip_wrap - white space, and across a line break the next line's
 * ">" quoting, since clients wrap and quote our marker. */
static size_t
skip_wrap(const char *t, size_t p, size_t e)
{
	bool	newline = false;

	while (p < e) {
		if (t[p] == ' ' || t[p] == '\t')
			p++;
		else if ((unsigned char)t[p] == 0xc2 && p + 1 < e &&
		    (unsigned char)t[p + 1] == 0xa0)
			p += 2;
		else if (t[p] == '\r' || t[p] == '\n')
			p++, newline = true;
		else if (t[p] == '>' && newline)
			p++;
		else
			break;
	}
	return p;
}

/* textlines_phrase_match - the length of the phrase at t + p, or 0. */
size_t
textlines_phrase_match(const struct textlines_phrase *ph, const char *t,
    size_t p, size_t e)
{
	size_t	q = p;

	for (size_t k = 0; k < ph->n; k++) {
		gunichar c;

		if (ph->c[k] == ' ') {
			size_t	s = skip_wrap(t, q, e);

			if (s == q)
				return 0;
			q = s;
			continue;
		}
		if (q >= e)
			return 0;
		if ((unsigned char)t[q] < 0x80) {
			if ((gunichar)g_ascii_tolower(t[q]) != ph->c[k])
				return 0;
			q++;
			continue;
		}
		c = g_utf8_get_char_validated(t + q, e - q);
		if (c == (gunichar)-1 || c == (gunichar)-2 ||
		    g_unichar_tolower(c) != ph->c[k])
			return 0;
		q = g_utf8_next_char(t + q) - t;
	}
	return q - p;
}
