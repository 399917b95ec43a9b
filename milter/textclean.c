/*
 * NAME
 *	textclean - cut quoted history and signatures from plain text
 * SYNOPSIS
 *	#include "textclean.h"
 *
 *	rules = textclean_rules_new(markers, disclaimers, err, errlen);
 *	textclean_cut(rules, text, len, &cut);
 *	textclean_rules_free(rules);
 * DESCRIPTION
 *	The text is split into lines once (textlines(3)); every rule then
 *	looks at single lines or at windows of a few lines, so the work
 *	stays linear in the size of the text.
 *
 *	History starts at the earliest of: a configured reply marker
 *	(anywhere, quoted or wrapped); a reply header ("On ... wrote:" and
 *	its localised forms, wrapped over up to three lines); an Outlook
 *	header block (From: followed by Sent:/To:/Subject:, localised),
 *	with the "____" rule, "-----Original Message-----" or other
 *	separators just above it; an "Original Message" separator; text
 *	under a mobile footer (clients that quote without a header); a
 *	trailing block of ">"-quoted lines.  A reply header followed by
 *	quoted lines counts only when the customer wrote nothing after the
 *	quote (a signature under it aside): interleaved answers stay.
 *	Nothing after a forward separator is history: a forwarded message
 *	is the customer's content.  A cut may leave nothing; the caller
 *	then passes the message unchanged.
 *
 *	The signature is looked for only above the history (textsig(3)).
 * DIAGNOSTICS
 *	textclean_rules_new() returns NULL and a message in err when a
 *	marker or disclaimer is empty or not UTF-8.
 * SEE ALSO
 *	RFC 3676 section 4.3 (signature delimiter), RFC 3676 section 4.5
 *	(quoting), docs/cleaning.md (the rules and their accuracy).
 */
#include <string.h>

#include <glib.h>

#include "textclean.h"
#include "textlines.h"
#include "textsig.h"

#define HEADER_LINES	3	/* a reply header wraps over at most three */
#define OUTLOOK_WINDOW	6	/* From: and the next header lines */
#define OUTLOOK_ROUNDS	4	/* lines above a From: block that join it */
/* quote_at() finds history starting at most this many lines above its
 * line: each of outlook_start()'s rounds goes up at most three lines,
 * header_start() less */
#define LOOKBACK	(OUTLOOK_ROUNDS * 3)
#define TAIL_LINES	20	/* a signature under a quote */
#define WRAP_WIDTH	60	/* a quoted line this long may have wrapped */

struct textclean_rules {
	struct textlines_phrase *markers;
	size_t	nmarkers;
	struct textlines_phrase *disclaimers;
	size_t	ndisclaimers;
	bool	first[256];	/* a marker can start with this byte */
};

/* Reply header openers, with the word break that must follow. */
static const char *const openers[] = {
	"on ", "am ", "le ", "el ", "il ", "in data ", "op ", "em ", "den ",
	"dne ", "dnia ", "w dniu ", "el dia ", "el día ", "в ", "在 ", "vào ",
	NULL
};

/* The verb that ends a reply header, before its colon. */
static const char *const verbs[] = {
	"wrote", "writes", "schrieb", "a écrit", "escribió", "escribio",
	"ha escrit", "ha scritto", "scrisse", "schreef", "escreveu",
	"skrev", "skriver", "napisał", "napisała", "napisał(a)", "pisze",
	"написал", "написала", "написал(а)", "пишет", "kirjoitti", "írta",
	"napsal", "napsala", "yazdı", "写道", "寫道", "작성", "のメッセージ",
	"geschreven", "viết", "a scris", NULL
};

/* Outlook's From: label and the labels that follow it. */
static const char *const from_labels[] = {
	"from", "von", "de", "da", "van", "från", "fra", "od", "от",
	"lähettäjä", "feladó", "expéditeur", "remitente", "mittente",
	"afzender", "avsändare", "nadawca", "kimden", "发件人", "寄件者",
	"差出人", "보낸 사람", NULL
};

/* Labels that can open a header block when From: is missing. */
static const char *const date_labels[] = {
	"date", "sent", "gesendet", "datum", "envoyé", "enviado", "fecha",
	"inviato", "data", "verzonden", "skickat", "sendt", "wysłano",
	"отправлено", "дата", "lähetetty", NULL
};

static const char *const next_labels[] = {
	"sent", "date", "to", "subject", "cc", "gesendet", "datum", "an",
	"betreff", "envoyé", "à", "a", "objet", "sujet", "copie à",
	"enviado", "enviada", "fecha", "para", "asunto", "assunto",
	"inviato", "data", "oggetto", "verzonden", "aan", "onderwerp",
	"skickat", "till", "ämne", "sendt", "til", "emne", "wysłano", "do",
	"temat", "отправлено", "дата", "кому", "тема", "lähetetty",
	"päivämäärä", "vastaanottaja", "aihe", "elküldve", "címzett",
	"tárgy", "发送时间", "收件人", "主题", "送信日時", "宛先", "件名",
	"보낸 날짜", "받는 사람", "제목", NULL
};

static const char *const original_message[] = {
	"original message", "ursprüngliche nachricht", "message d'origine",
	"mensaje original", "messaggio originale", "oorspronkelijk bericht",
	"originalmeddelande", "opprinnelig melding", "original meddelelse",
	"oprindelig meddelelse", "alkuperäinen viesti", "wiadomość oryginalna",
	"oryginalna wiadomość", "исходное сообщение", "mensagem original",
	"původní zpráva", "eredeti üzenet", "oprindelig besked",
	"originalnachricht", "reply message", "antwort nachricht", NULL
};

/* Forwarded content starts under these: it is the customer's. */
static const char *const forwards[] = {
	"forwarded message", "begin forwarded message",
	"weitergeleitete nachricht", "anfang der weitergeleiteten nachricht",
	"message transféré", "début du message réexpédié",
	"mensaje reenviado", "comienzo del mensaje reenviado",
	"messaggio inoltrato", "inizio messaggio inoltrato",
	"doorgestuurd bericht", "begin doorgestuurd bericht",
	"vidarebefordrat meddelande", "videresendt melding",
	"videresendt meddelelse", "videresendt besked",
	"przekazana wiadomość", "wiadomość przekazana",
	"пересылаемое сообщение", "välitetty viesti", "mensagem encaminhada",
	"início da mensagem reencaminhada", "forwarded by", NULL
};

/* separator_is - a line of dashes or stars around one of the phrases. */
static bool
separator_is(const struct textlines *L, size_t i, const char *const *table,
    bool need_dashes)
{
	struct textlines_fold f;
	const char *s;

	if (!textlines_fold(L, i, &f, true) || f.n == 0 || f.n > 100)
		return false;
	if (need_dashes && !g_str_has_prefix(f.s, "--") &&
	    !g_str_has_prefix(f.s, "- -") && !g_str_has_prefix(f.s, "*"))
		return false;
	s = textlines_strip(f.s, " -_=*:>");
	for (size_t k = 0; table[k]; k++)
		if (g_str_has_prefix(s, table[k]))
			return !need_dashes || strcmp(s, table[k]) == 0;
	return false;
}

/* is_rule - Outlook's rule: a line of ten or more underscores. */
static bool
is_rule(const struct textlines *L, size_t i)
{
	size_t	e = textlines_end(L, i);
	size_t	p = textlines_skip_space(L->text, L->start[i], e);
	size_t	k = 0;

	while (p < e && L->text[p] == '_')
		p++, k++;
	return k >= 10 && textlines_skip_space(L->text, p, e) == e;
}

/* is_decoration - a line of only -, =, _, * or ~, three or more. */
static bool
is_decoration(const struct textlines *L, size_t i)
{
	size_t	e = textlines_end(L, i);
	size_t	p = textlines_skip_space(L->text, L->start[i], e);
	size_t	k = 0;

	for (; p < e; p++, k++)
		if (!strchr("-=_*~ \t", L->text[p]))
			return false;
	return k >= 3;
}

/* label_value - after "label:" (stars and spaces allowed) when s starts
 * with a label from the table, else NULL. */
static const char *
label_value(const char *s, const char *const *table)
{
	while (*s == '*' || *s == ' ')
		s++;
	for (size_t i = 0; table[i]; i++) {
		size_t	k = strlen(table[i]);
		const char *p = s + k;

		if (strncmp(s, table[i], k) != 0)
			continue;
		while (*p == '*' || *p == ' ')
			p++;
		if (*p == ':' || g_str_has_prefix(p, "："))
			return p + (*p == ':' ? 1 : 3);
	}
	return NULL;
}

/* outlook_block - a block of header lines at line i: From: (or Date:)
 * and more labels in the next lines, three in all or two with an
 * address; a From: alone counts when it names an <address>. */
static bool
outlook_block(const struct textlines *L, size_t i, size_t limit)
{
	struct textlines_fold f;
	const char *v;
	int	labels = 1;
	bool	at;

	if (!textlines_fold(L, i, &f, true))
		return false;
	if ((v = label_value(f.s, from_labels)) != NULL &&
	    strchr(v, '@') && strchr(v, '<') && strchr(v, '>'))
		return true;
	if (v == NULL && label_value(f.s, date_labels) == NULL)
		return false;
	at = strchr(f.s, '@') != NULL;
	for (size_t j = i + 1; j < limit && j <= i + OUTLOOK_WINDOW; j++)
		if (textlines_fold(L, j, &f, true) &&
		    label_value(f.s, next_labels) != NULL) {
			labels++;
			at = at || strchr(f.s, '@');
		}
	return labels >= 3 || (labels == 2 && at);
}

/* key_value - a short "Key: value" line, key of at most three words. */
static bool
key_value(const struct textlines *L, size_t i)
{
	struct textlines_fold f;
	const char *colon;
	int	textlines_words = 1;

	if (!textlines_fold(L, i, &f, true) || f.n > 100 ||
	    (colon = strchr(f.s, ':')) == NULL || colon == f.s)
		return false;
	for (const char *p = f.s; p < colon; p++) {
		if (g_ascii_isdigit(*p))
			return false;
		textlines_words += *p == ' ' && p + 1 < colon && p[1] != ' ';
	}
	return textlines_words <= 3;
}

/* outlook_start - the From: block's cut moves up over the separators and
 * the "Key: value" lines right above it. */
static size_t
outlook_start(const struct textlines *L, size_t i, const char **why)
{
	*why = "outlook-header";
	for (int round = 0; round < OUTLOOK_ROUNDS; round++) {
		size_t	k = textlines_prev(L, i, 2);

		if (k == (size_t)-1)
			break;
		if (is_rule(L, k)) {
			*why = "rule";
			return k;
		}
		if (separator_is(L, k, original_message, true)) {
			*why = "original-message";
			return k;
		}
		if (is_decoration(L, k) || (k + 1 == i && key_value(L, k)))
			i = k;
		else
			break;
	}
	return i;
}

/* How sure a reply header is, by the way its last line ends. */
enum header {
	HEADER_NONE,
	HEADER_VERB,		/* "... wrote:", "Am ... schrieb Anna:" */
	HEADER_ADDRESS,		/* "<date> ... <address>:" */
	HEADER_DASHED,		/* "---- John Smith wrote ----" */
	HEADER_NO_COLON		/* "On <date> John <address> wrote" */
};

/* opener_text - folded text starts as a reply header does: a lead word,
 * a date, or a short weekday before a date ("pe 20.", "tir. 18."). */
static bool
opener_text(const char *s, bool *strong)
{
	const char *sp = strchr(s, ' ');

	s += strspn(s, "- ");
	*strong = textlines_prefix(s, openers) > 0;
	if (*strong || g_ascii_isdigit(*s))
		return true;
	return sp != NULL && sp - s <= 8 && g_ascii_isdigit(sp[1]);
}

/* opener_inside - a lead word ("On") starts a reply header after other
 * text on the line ("reply On <date> ... wrote:"): the line is both the
 * customer's and the history's, and is kept whole. */
static bool
opener_inside(const char *s)
{
	for (const char *p = s + 1; *p; p++)
		if ((p[-1] == ' ' || p[-1] == '-') &&
		    textlines_prefix(p, openers) > 0)
			return true;
	return false;
}

/* word_in - one of the table's words occurs in s (n bytes) on its own. */
static bool
word_in(const char *s, size_t n, const char *const *table)
{
	for (size_t i = 0; table[i]; i++) {
		size_t	k = strlen(table[i]);

		for (const char *p = s; (p = strstr(p, table[i])) != NULL &&
		    p + k <= s + n; p++)
			if (p > s && p[-1] == ' ' &&
			    (p[k] == ' ' || p + k == s + n))
				return true;
	}
	return false;
}

/* header_end - how line i ends a reply header ("... wrote:" and its
 * forms, "<address>:" after a date as Gmail writes it), or HEADER_NONE. */
static enum header
header_end(const struct textlines *L, size_t i)
{
	struct textlines_fold f;
	const char *s;
	size_t	n;
	bool	colon = false, dashed, strong;

	if (textlines_quoted(L, i) || !textlines_fold(L, i, &f, true) ||
	    f.n < 2)
		return HEADER_NONE;
	dashed = f.s[0] == '-' && f.s[f.n - 1] == '-';
	s = textlines_strip(f.s, " -");
	n = strlen(s);
	if (n > 0 && s[n - 1] == ':')
		n--, colon = true;
	else if (n > 3 && memcmp(s + n - 3, "\xef\xbc\x9a", 3) == 0)
		n -= 3, colon = true;	/* the full-width colon of CJK */
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0)
		return HEADER_NONE;
	if (textlines_suffix(s, n, verbs))
		return colon ? HEADER_VERB : dashed ? HEADER_DASHED :
		    HEADER_NO_COLON;
	if (!colon)
		return HEADER_NONE;
	if (s[n - 1] == '>' || s[n - 1] == ')')
		return HEADER_ADDRESS;
	return opener_text(s, &strong) && strong && word_in(s, n, verbs) ?
	    HEADER_VERB : HEADER_NONE;
}

/* opener - line i can start a reply header; *strong for a lead word. */
static bool
opener(const struct textlines *L, size_t i, bool *strong)
{
	struct textlines_fold f;

	*strong = false;
	return textlines_fold(L, i, &f, true) && f.n > 0 &&
	    opener_text(f.s, strong);
}

/* continues - line i goes on from the line above: it starts with a
 * lower-case letter, "<" or "(" as a wrapped header's tail does. */
static bool
continues(const struct textlines *L, size_t i)
{
	const char *p = L->text + textlines_skip_space(L->text, L->start[i],
	    textlines_end(L, i));
	gunichar c = g_utf8_get_char_validated(p, textlines_end(L, i) -
	    (size_t)(p - L->text));

	if (c == (gunichar)-1 || c == (gunichar)-2)
		return false;
	return *p == '<' || *p == '(' || g_unichar_islower(c);
}

/* header_start - the first line of the reply header that ends at line
 * i, or (size_t)-1 when it is not one: the nearest lead word at most
 * two lines up, else the nearest date, else line i itself when it does
 * not continue the line above.  A header needs a date or an address,
 * so "John wrote:" stays prose; "<address>:" and a header without a
 * colon need both. */
static size_t
header_start(const struct textlines *L, size_t i, enum header kind)
{
	struct textlines_fold f;
	size_t	j, start = (size_t)-1, weak = (size_t)-1;
	bool	strong, digit, at;

	for (j = i; j + HEADER_LINES > i; j--) {
		if (textlines_blank(L, j) || textlines_quoted(L, j))
			break;
		if (opener(L, j, &strong) && strong) {
			start = j;
			break;
		}
		if (weak == (size_t)-1 && opener(L, j, &strong))
			weak = j;
		if (j == 0)
			break;
	}
	if (start == (size_t)-1)
		start = weak;
	if (start == (size_t)-1 && (i == 0 || textlines_blank(L, i - 1) ||
	    textlines_quoted(L, i - 1) || !continues(L, i)))
		start = i;
	if (start == (size_t)-1)
		return start;
	f.n = 0;
	for (j = start; j <= i; j++)
		if (!textlines_fold(L, j, &f, j == start))
			return (size_t)-1;
	if (!opener_text(f.s, &strong) && opener_inside(f.s))
		return (size_t)-1;
	digit = strpbrk(f.s, "0123456789") != NULL;
	at = strchr(f.s, '@') != NULL;
	if (kind == HEADER_VERB ? digit || at : kind == HEADER_DASHED ? true :
	    kind == HEADER_NO_COLON ? digit && at && start == i : digit && at)
		return start;
	return (size_t)-1;
}

/* marker_len - the length of the reply marker at t[p] (t[e] ends the
 * text), or 0; only markers starting with t[p]'s letter are tried. */
static size_t
marker_len(const struct textclean_rules *R, const char *t, size_t p, size_t e)
{
	unsigned char b = (unsigned char)t[p];
	gunichar c;
	size_t	n;

	c = b < 0x80 ? (gunichar)g_ascii_tolower(b) :
	    g_unichar_tolower(g_utf8_get_char_validated(t + p, e - p));
	for (size_t m = 0; m < R->nmarkers; m++)
		if (R->markers[m].c[0] == c &&
		    (n = textlines_phrase_match(&R->markers[m], t, p, e)) > 0)
			return n;
	return 0;
}

/* textclean_marker_find - see textclean.h. */
size_t
textclean_marker_find(const struct textclean_rules *R, const char *t,
    size_t len, bool at_word)
{
	for (size_t p = 0; R != NULL && R->nmarkers > 0 && p < len; p++)
		if (R->first[(unsigned char)t[p]] &&
		    (!at_word || p == 0 || !g_ascii_isalnum(t[p - 1])) &&
		    marker_len(R, t, p, len) > 0)
			return p;
	return (size_t)-1;
}

/*
 * first_bytes - the bytes a marker can start with: its first letter in
 * either case, and every UTF-8 lead byte (a non-ASCII letter may fold to
 * a marker's first letter, as the Kelvin sign does to "k").
 */
static void
first_bytes(struct textclean_rules *R, gunichar c)
{
	if (c < 128) {
		R->first[c] = true;
		R->first[(unsigned char)g_ascii_toupper((char)c)] = true;
	}
	for (unsigned b = 0xC0; b < 256; b++)
		R->first[b] = true;
}

/* tail_signature - the topmost "-- ", "--" or mailing list "__" line in
 * the unquoted lines at the very end (a signature under a quote, and
 * whatever disclaimer follows it); L->n when there is none. */
static size_t
tail_signature(const struct textlines *L)
{
	size_t	found = L->n;

	for (size_t i = L->n, k = 0; i-- > 0 && k <= TAIL_LINES;) {
		const char *p = L->text + L->start[i];
		size_t	n = textlines_end(L, i) - L->start[i];

		if (textlines_quoted(L, i))
			break;
		if (((n == 2 || n == 3) && memcmp(p, "-- ", n) == 0) ||
		    (n >= 2 && strspn(p, "_") == n))
			found = i;
		k += !textlines_blank(L, i);
	}
	return found;
}

/* wrapped_tail - line i is the tail of a quoted line that a client
 * wrapped without quoting it: it sits between quoted lines, and the one
 * above is as long as lines get before they wrap, or the tail starts as
 * the rest of a URL does.  "> Does it fail?", "Yes.", "> Which
 * version?" is an answer. */
static bool
wrapped_tail(const struct textlines *L, size_t i)
{
	size_t	p;

	if (i == 0 || i + 1 >= L->n || !textlines_quoted(L, i - 1) ||
	    !textlines_quoted(L, i + 1))
		return false;
	p = textlines_skip_space(L->text, L->start[i], textlines_end(L, i));
	return textlines_end(L, i - 1) - L->start[i - 1] >= WRAP_WIDTH ||
	    strchr("(_<[/=&?%).", L->text[p]) != NULL;
}

/* last_answer - the last line the customer wrote: not blank, not quoted,
 * not a wrapped tail, not in the signature under the quote; (size_t)-1
 * when there is none. */
static size_t
last_answer(const struct textlines *L)
{
	for (size_t i = tail_signature(L); i-- > 0;) {
		if (textlines_blank(L, i) || textlines_quoted(L, i) ||
		    wrapped_tail(L, i))
			continue;
		return i;
	}
	return (size_t)-1;
}

/* first_forward - the first line of a forward separator, or L->n. */
static size_t
first_forward(const struct textlines *L)
{
	for (size_t i = 0; i < L->n; i++)
		if (!textlines_quoted(L, i) &&
		    separator_is(L, i, forwards, false))
			return i;
	return L->n;
}

/* late_end - the line that ends a reply header which starts at line i
 * with a lead word and a date but wraps over blank lines and a stray
 * "> wrote:" (Polymail, Gmail's "<address\n>:"), or (size_t)-1. */
static size_t
late_end(const struct textlines *L, size_t i)
{
	struct textlines_fold f;
	bool	strong;

	if (!textlines_fold(L, i, &f, true) || f.n == 0 || f.n > 120 ||
	    f.s[f.n - 1] == ':' || !opener_text(f.s, &strong) || !strong ||
	    !strpbrk(f.s, "0123456789"))
		return (size_t)-1;
	for (size_t j = i + 1; j < L->n && j <= i + 5; j++) {
		const char *t;
		size_t	n;

		if (!textlines_fold(L, j, &f, true) || f.n > 120)
			return (size_t)-1;
		t = textlines_strip(f.s, " >");
		n = strlen(t);
		if (n > 0 && t[n - 1] == ':' && (n == 1 ||
		    textlines_suffix(t, n - 1, verbs) ||
		    (t[n - 2] == ' ' && textlines_suffix(t, n - 2, verbs))))
			return j;
	}
	return (size_t)-1;
}

/* quote_at - the history that line i starts or ends, or (size_t)-1.  A
 * reply header followed by quoted lines counts only when the customer
 * wrote nothing after the quote: interleaved answers stay.  Text under
 * a mobile footer is the quoted original of a client that writes no
 * header. */
static size_t
quote_at(const struct textlines *L, size_t i, size_t limit, size_t answer,
    const char **why)
{
	enum header kind;
	size_t	s, end = i, next = textlines_next(L, i);

	if (separator_is(L, i, original_message, true)) {
		*why = "original-message";
		return i;
	}
	if (outlook_block(L, i, limit))
		return outlook_start(L, i, why);
	if (next < limit && textsig_footer(L, i)) {
		*why = "footer";
		return next;
	}
	if ((kind = header_end(L, i)) != HEADER_NONE)
		s = header_start(L, i, kind);
	else if ((end = late_end(L, i)) != (size_t)-1)
		s = i;
	else
		return (size_t)-1;
	next = textlines_next(L, end);
	if (s == (size_t)-1 || (next < L->n && textlines_quoted(L, next) &&
	    answer != (size_t)-1 && answer > end))
		return (size_t)-1;
	*why = "reply-header";
	return s;
}

/* trailing_quote - the start of the trailing ">"-quoted block, with an
 * attribution line cut short ("On <date>, <name>") right above it. */
static size_t
trailing_quote(const struct textlines *L, size_t answer)
{
	struct textlines_fold f;
	size_t	t;
	bool	strong;

	t = textlines_next(L, answer);	/* the first line when there is none */
	if (t >= L->n || !textlines_quoted(L, t))
		return (size_t)-1;
	if (answer == (size_t)-1)
		return t;
	if (t - answer <= 2 && textlines_fold(L, answer, &f, true) &&
	    strpbrk(f.s, "0123456789") && (opener_text(f.s, &strong) ||
	    (strpbrk(f.s, "@<") && !opener_inside(f.s))))
		return answer;
	return t;
}

/* find_quote - the first line of the history above line limit (a
 * forward, or L->n), or L->n.  A cut may leave nothing: the caller then
 * passes the message unchanged. */
static size_t
find_quote(const struct textclean_rules *R, const struct textlines *L,
    size_t first, size_t limit, const char **why)
{
	size_t	answer = last_answer(L);
	size_t	best = L->n, m, s, t;

	m = textclean_marker_find(R, L->text, L->start[limit], false);
	/*
	 * a quoted marker with the customer's own lines after it is an
	 * interleaved or bottom-posted answer: cutting there loses words
	 */
	if (m != (size_t)-1 && (!textlines_quoted(L, textlines_line_of(L, m)) ||
	    answer == (size_t)-1 || answer < textlines_line_of(L, m))) {
		best = textlines_line_of(L, m);
		*why = "marker";
	}
	t = limit == L->n ? trailing_quote(L, answer) : (size_t)-1;
	/* past t + LOOKBACK no header can start above the trailing quote,
	 * which then wins: long quoted histories are not read line by line */
	for (size_t i = first; i < limit && i < best &&
	    (t == (size_t)-1 || i <= t + LOOKBACK); i++) {
		const char *w = NULL;

		s = quote_at(L, i, limit, answer, &w);
		if (s != (size_t)-1 && s < best) {
			best = s;
			*why = w;
			break;
		}
	}
	if (t != (size_t)-1 && t < best) {
		best = t;
		*why = "quoted";
	}
	return best;
}

struct textclean_rules *
textclean_rules_new(const char *const *markers,
    const char *const *disclaimers, char *err, size_t errlen)
{
	struct textclean_rules *R = g_new0(struct textclean_rules, 1);
	size_t	nm = markers ? g_strv_length((char **)markers) : 0;
	size_t	nd = disclaimers ? g_strv_length((char **)disclaimers) : 0;

	R->markers = g_new0(struct textlines_phrase, nm + 1);
	R->disclaimers = g_new0(struct textlines_phrase, nd + 1);
	for (; R->nmarkers < nm; R->nmarkers++)
		if (!textlines_phrase_compile(markers[R->nmarkers],
		    &R->markers[R->nmarkers])) {
			(void)g_snprintf(err, errlen, "reply marker \"%s\" is "
			    "empty or not UTF-8", markers[R->nmarkers]);
			R->nmarkers++;
			textclean_rules_free(R);
			return NULL;
		} else
			first_bytes(R, R->markers[R->nmarkers].c[0]);
	for (; R->ndisclaimers < nd; R->ndisclaimers++)
		if (!textlines_phrase_compile(disclaimers[R->ndisclaimers],
		    &R->disclaimers[R->ndisclaimers])) {
			(void)g_snprintf(err, errlen, "disclaimer \"%s\" is "
			    "empty or not UTF-8", disclaimers[R->ndisclaimers]);
			R->ndisclaimers++;
			textclean_rules_free(R);
			return NULL;
		}
	return R;
}

void
textclean_rules_free(struct textclean_rules *R)
{
	if (R == NULL)
		return;
	for (size_t i = 0; i < R->nmarkers; i++)
		g_free(R->markers[i].c);
	for (size_t i = 0; i < R->ndisclaimers; i++)
		g_free(R->disclaimers[i].c);
	g_free(R->markers);
	g_free(R->disclaimers);
	g_free(R);
}

/* only_footers - every nonblank line in [first, end) is a mobile
 * footer: the client wrote it, the customer typed nothing. */
static bool
only_footers(const struct textlines *L, size_t first, size_t end)
{
	for (size_t i = first; i < end; i = textlines_next(L, i))
		if (!textsig_footer(L, i))
			return false;
	return first < end;
}

void
textclean_cut(const struct textclean_rules *R, const char *text, size_t len,
    struct textclean_cut *out)
{
	struct textlines L;
	const char *qwhy = NULL, *swhy = NULL;
	size_t	first, fwd, q, s, cut;

	memset(out, 0, sizeof(*out));
	out->keep = out->signature = out->quote = len;
	if (text == NULL || len == 0)
		return;
	textlines_split(text, len, &L);
	first = textlines_next(&L, (size_t)-1);
	fwd = first_forward(&L);
	out->forward = fwd < L.n;
	if (first < L.n) {
		q = find_quote(R, &L, first, fwd, &qwhy);
		/*
		 * a forwarded message is content, its signature included, and
		 * what is kept is a prefix: no signature is cut above a forward
		 */
		s = fwd < L.n ? (size_t)-1 :
		    textsig_find(&L, R->disclaimers, R->ndisclaimers, q, first,
		    &swhy);
		cut = s != (size_t)-1 ? s : q;
		if (cut < L.n) {
			out->keep = L.start[textlines_prev(&L, cut,
			    (size_t)-1) + 1];
			out->signature = s != (size_t)-1 ? L.start[s] :
			    out->keep;
			out->quote = q < L.n ? L.start[q] : len;
			out->signature_why = s != (size_t)-1 ? swhy : NULL;
			out->quote_why = q < L.n ? qwhy : NULL;
		}
		/* a footer alone ("Sent from my iPhone" above the quote) is
		 * no text: keep nothing, and the caller passes the message */
		if (only_footers(&L, first, cut < L.n ? cut : L.n)) {
			out->keep = 0;
			out->signature = L.start[first];
			out->signature_why = "mobile-footer";
			out->quote = q < L.n ? L.start[q] : len;
			out->quote_why = q < L.n ? qwhy : NULL;
		}
	}
	textlines_release(&L);
}


