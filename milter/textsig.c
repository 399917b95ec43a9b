/*
 * NAME
 *	textsig - the signature above a plain-text history
 * SYNOPSIS
 *	#include "textsig.h"
 * DESCRIPTION
 *	Looked for from the end of the customer's part: configured
 *	disclaimers and mobile footers, then the RFC 3676 "-- " delimiter
 *	(a bare "--" only above a short block; a mailing list's "__" rule
 *	only above a few addresses), else a closing phrase followed by a
 *	name and a contact block.
 *
 *	The closing phrase and the name stay: they are harmless and tell
 *	support who wrote.  Titles, phones, addresses and URLs under them
 *	go, but only when every line looks like contact data: one line
 *	that reads like prose (long, or ending in '.', '?', '!' or ':', or
 *	a P.S.) keeps the whole block, since losing a customer's words is
 *	worse than keeping a signature.
 * DIAGNOSTICS
 *	None.
 * SEE ALSO
 *	RFC 3676 section 4.3 (signature delimiter), textclean(3),
 *	docs/cleaning.md.
 */
#include <string.h>

#include <glib.h>

#include "textsig.h"

#define CONTACT_MAX	12	/* lines in a contact block */
#define SIG_WINDOW	14	/* where a closing phrase is looked for */
#define DELIM_AFTER	40	/* lines a "-- " signature may have */
#define DISCLAIMER_AFTER 40	/* lines a disclaimer block may have */

/* The configured disclaimers, as textsig_find() received them. */
struct disclaimers {
	const struct textlines_phrase *p;
	size_t	n;
};

static const char *const footers[] = {
	"sent from ", "sent with ", "sent via ", "sent using ",
	"get outlook for ", "von meinem ", "gesendet von ", "envoyé de ",
	"envoyé depuis ", "envoyé à partir de ", "obtenir outlook pour ",
	"holen sie sich outlook für ", "descargar outlook para ",
	"enviado desde ", "enviado do ", "enviado de ",
	"inviato da ", "verzonden vanaf ", "verstuurd vanaf ",
	"verzonden met ", "skickat från ", "sendt fra ", "wysłane z ",
	"отправлено с ", "отправлено из ", "lähetetty ",
	"sent wirelessly from ", "envoyé sans fil par ", NULL
};

static const char *const closings[] = {
	"best regards", "kind regards", "warm regards", "warmest regards",
	"kindest regards", "regards", "best wishes", "best", "thanks",
	"thank you", "many thanks", "thanks again", "thanks and regards",
	"thanks & regards", "cheers", "sincerely", "yours sincerely",
	"sincerely yours", "yours truly", "yours", "mit freundlichen grüßen",
	"mit freundlichen grüssen", "freundliche grüße", "freundliche grüsse",
	"viele grüße", "viele grüsse", "beste grüße", "liebe grüße", "grüße",
	"gruß", "lg", "vg", "mfg", "cordialement", "bien cordialement",
	"bien à vous", "salutations", "merci", "saludos", "saludos cordiales",
	"un saludo", "atentamente", "gracias", "cordiali saluti", "saluti",
	"distinti saluti", "grazie", "met vriendelijke groet",
	"met vriendelijke groeten", "vriendelijke groet", "groeten",
	"med vänliga hälsningar", "vänliga hälsningar", "hälsningar", "mvh",
	"med venlig hilsen", "venlig hilsen", "med vennlig hilsen",
	"vennlig hilsen", "hilsen", "tack", "takk", "pozdrawiam",
	"z poważaniem", "с уважением", "спасибо", "ystävällisin terveisin",
	"terveisin", "kiitos", "atenciosamente", "cumprimentos", "obrigado",
	"obrigada", NULL
};

/* disclaimer_at - a configured disclaimer starts line i, after white
 * space and decoration. */
static bool
disclaimer_at(const struct disclaimers *D, const struct textlines *L,
    size_t i)
{
	size_t	e = textlines_end(L, i), p = L->start[i];

	while (p < e && strchr(" \t*_-=#", L->text[p]))
		p++;
	for (size_t k = 0; k < D->n; k++)
		if (textlines_phrase_match(&D->p[k], L->text, p, L->len) > 0)
			return true;
	return false;
}

bool
textsig_footer(const struct textlines *L, size_t i)
{
	struct textlines_fold f;

	if (!textlines_fold(L, i, &f, true) || f.n == 0 || f.n > 120 ||
	    textlines_prefix(f.s, footers) == 0)
		return false;
	return !strchr(f.s, ',') && textlines_words(&f) <= 12 &&
	    !strchr("?:", f.s[f.n - 1]);
}

/* tail_block - a disclaimer or a mobile footer ending at line r (the
 * last nonblank line): its first line, or (size_t)-1. */
static size_t
tail_block(const struct disclaimers *D, const struct textlines *L, size_t r,
    const char **why)
{
	size_t	lo = r > DISCLAIMER_AFTER ? r - DISCLAIMER_AFTER : 0;

	for (size_t i = lo; i <= r && D->n > 0; i++)
		if (disclaimer_at(D, L, i)) {
			*why = "disclaimer";
			return i;
		}
	if (textsig_footer(L, r)) {
		*why = "mobile-footer";
		return r;
	}
	return (size_t)-1;
}

bool
textsig_closing(const struct textlines *L, size_t i, bool *named)
{
	struct textlines_fold f;
	const char *s;

	if (!textlines_fold(L, i, &f, true) || f.n > 60)
		return false;
	s = textlines_strip(f.s, " ,!.;-");
	for (size_t k = 0; closings[k]; k++) {
		size_t	n = strlen(closings[k]);
		const char *rest = s + n;

		if (strncmp(s, closings[k], n) != 0)
			continue;
		*named = *rest != '\0';
		if (!*named)
			return true;
		if (!strchr(",-!", *rest) && !g_str_has_prefix(rest, " -"))
			continue;
		while (*rest && strchr(", -!", *rest))
			rest++;
		if (strlen(rest) <= 30 && !strpbrk(rest, "0123456789.?:"))
			return true;
	}
	return false;
}

/* prose_end - a folded line ends as a sentence does; "Inc." and other
 * short abbreviations do not count. */
static bool
prose_end(const struct textlines_fold *f, size_t abbrev)
{
	const char *sp;

	if (f->n == 0)
		return false;
	if (strchr("?!:", f->s[f->n - 1]))
		return true;
	if (f->s[f->n - 1] != '.')
		return false;
	sp = strrchr(f->s, ' ');
	return f->n - (size_t)(sp ? sp + 1 - f->s : 0) > abbrev + 1;
}

/* is_postscript - "P.S." and its forms: always the customer's words. */
static bool
is_postscript(const struct textlines_fold *f)
{
	return g_str_has_prefix(f->s, "p.s") || g_str_has_prefix(f->s, "ps:") ||
	    g_str_has_prefix(f->s, "ps ") || g_str_has_prefix(f->s, "pps");
}

/* name_like - a short line that can be a name under a closing phrase. */
static bool
name_like(const struct textlines *L, size_t i)
{
	struct textlines_fold f;

	return textlines_fold(L, i, &f, true) && f.n <= 40 &&
	    textlines_words(&f) <= 5 &&
	    !is_postscript(&f) && !prose_end(&f, 2);
}

/* contact_like - a line of a contact block: URL, address, phone, or a
 * short title or postal line that does not read like a sentence. */
static bool
contact_like(const struct textlines *L, size_t i)
{
	struct textlines_fold f;
	int	digits = 0;

	if (!textlines_fold(L, i, &f, true) || f.n > 120 || is_postscript(&f))
		return false;
	if (strstr(f.s, "http") || strstr(f.s, "www.") || strchr(f.s, '@'))
		return textlines_words(&f) <= 6;
	for (size_t k = 0; k < f.n; k++)
		digits += g_ascii_isdigit(f.s[k]);
	/* "Tel.: +49 711 123456-0 | Fax: +49 711 123456-99" is 9 words */
	if (digits >= 6)
		return textlines_words(&f) <= 12;
	return f.n <= 80 && textlines_words(&f) <= 10 && !prose_end(&f, 4);
}

/* contact_lines - every nonblank line of [from, to] is contact data,
 * and there are at most CONTACT_MAX of them. */
static bool
contact_lines(const struct textlines *L, size_t from, size_t to)
{
	int	count = 0;

	for (size_t k = from; k <= to; k++)
		if (!textlines_blank(L, k) && (!contact_like(L, k) ||
		    ++count > CONTACT_MAX))
			return false;
	return true;
}

/* contact_block - the contact block under a closing phrase and a name
 * near the end (r is the last nonblank line): its first line, or
 * (size_t)-1 when there is none or any line of it reads like prose. */
static size_t
contact_block(const struct textlines *L, size_t r)
{
	size_t	lo = r > SIG_WINDOW ? r - SIG_WINDOW : 0, i, c;
	bool	named = false;

	for (i = r + 1; i-- > lo;)
		if (!textlines_blank(L, i) && textsig_closing(L, i, &named))
			break;
	if (i + 1 == lo || i >= r)
		return (size_t)-1;
	c = textlines_next(L, i);
	if (!named) {
		if (c > r || !name_like(L, c))
			return (size_t)-1;
		c = textlines_next(L, c);
	}
	if (c > r || !contact_lines(L, c, r))
		return (size_t)-1;
	return c;
}

/* underscores - a line of two or more underscores and nothing else. */
static bool
underscores(const struct textlines *L, size_t i)
{
	size_t	p = L->start[i], e = textlines_end(L, i);

	while (p < e && L->text[p] == '_')
		p++;
	return p == e && p - L->start[i] >= 2;
}

/* delimiter - the topmost "-- " line (RFC 3676 4.3) with at most
 * DELIM_AFTER lines below it; a bare "--" (a client that trims trailing
 * space) only above a short block; a mailing list's "__" rule only
 * above a few lines of addresses. */
static size_t
delimiter(const struct textlines *L, size_t r)
{
	size_t	lo = r > DELIM_AFTER ? r - DELIM_AFTER : 0, found = (size_t)-1;

	for (size_t i = r + 1; i-- > lo;) {
		size_t	n = textlines_end(L, i) - L->start[i];
		const char *p = L->text + L->start[i];

		if (n == 3 && memcmp(p, "-- ", 3) == 0)
			found = i;
		else if (n == 2 && memcmp(p, "--", 2) == 0 &&
		    r - i <= TEXTSIG_DASH_AFTER)
			found = i;
		else if (r - i <= 4 && underscores(L, i) && i < r &&
		    contact_lines(L, i + 1, r))
			found = i;
	}
	return found;
}

size_t
textsig_find(const struct textlines *L,
    const struct textlines_phrase *disclaimers, size_t ndisclaimers,
    size_t q, size_t first, const char **why)
{
	const struct disclaimers D = { disclaimers, ndisclaimers };
	size_t	r = textlines_prev(L, q, (size_t)-1), sig = (size_t)-1, s;

	for (int round = 0; round < 4 && r != (size_t)-1 && r > first;
	    round++) {
		if ((s = tail_block(&D, L, r, why)) == (size_t)-1 || s <= first)
			break;
		sig = s;
		r = textlines_prev(L, s, (size_t)-1);
	}
	if (r == (size_t)-1 || r <= first)
		return sig;
	if ((s = delimiter(L, r)) != (size_t)-1 && s > first) {
		*why = "delimiter";
		return s;
	}
	if ((s = contact_block(L, r)) != (size_t)-1) {
		*why = "contact-block";
		return s;
	}
	return sig;
}
