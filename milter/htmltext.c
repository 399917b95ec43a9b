/*
 * NAME
 *	htmltext - the visible text of an HTML body, and the reply-header
 *	rules read on it
 * SYNOPSIS
 *	#include "htmltext.h"
 * DESCRIPTION
 *	The HTML cleaner decides on text the way a reader sees it, not on
 *	markup: a reply marker split across <span>s, <b>, <br> and &nbsp;
 *	is one run of text here, as is an Outlook header block spread over
 *	<b> labels and <br>s.  htmltext_build() walks the body once,
 *	iteratively, and keeps a map from byte offsets back to text nodes so
 *	that the cleaner can cut exactly where a rule matched.
 *
 *	Header labels ("From:", "Von:", "De :", "От:", ...) are matched in
 *	the languages of Outlook, Windows Mail and the webmailers our
 *	customers use; ASCII letters ignoring case, others byte for byte.
 *	A block whose Subject starts "FW:" ("WG:", "TR:", ...), or with a
 *	"Forwarded message" line near it, is a forward: content, kept.
 *
 *	htmltext_plain_build() renders what the cleaner keeps as the
 *	plain-text alternative would read, for textclean_cut(): white space
 *	collapsed as a browser does, a line per block and per <br>, "> "
 *	before the lines of quoted blockquotes (so textclean's rule for
 *	interleaved answers holds), with a map from every byte back to the
 *	visible text, and so to its text node.
 * DIAGNOSTICS
 *	None: every function answers for any tree and any offset.
 * SEE ALSO
 *	htmltext.h, htmlclean.c, docs/cleaning-html.md
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>
#include <libxml/HTMLparser.h>

#include "htmltext.h"

#define HEADER_WINDOW	512	/* bytes of a header block looked at */
#define FORWARD_BEFORE	128	/* bytes before a quote searched for a
				   forwarding line */
#define FORWARD_AFTER	256	/* and after its start */
/* the seg at index i */
#define SEG(ht, i)	(&g_array_index((ht)->segs, struct htmltext_seg, (i)))
#define SCANS_MAX	1000	/* header blocks read per body: thousands
				   of "From:" paragraphs cost time, not
				   better decisions */
#define ATTRIBUTION_MAX	320	/* bytes of an "On ... wrote:" line */
#define PIXEL_MAX	2	/* px: a remote image no larger tracks */
#define QUOTE_DEPTH_MAX	8	/* ">" written before a quoted line */

#define L_NONE		0u
#define L_FROM		HTMLTEXT_FROM
#define L_DATE		HTMLTEXT_DATE
#define L_TO		HTMLTEXT_TO
#define L_SUBJECT	HTMLTEXT_SUBJECT
#define L_CC		HTMLTEXT_CC

/*
 * Outlook and webmail header labels in the languages of our customers.
 * ASCII letters compare case-insensitively, others byte for byte.
 */
static const struct {
	const char *word;
	unsigned kind;
} labels[] = {
	{"From", L_FROM}, {"Von", L_FROM}, {"De", L_FROM}, {"Van", L_FROM},
	{"Da", L_FROM}, {"Från", L_FROM}, {"Fra", L_FROM}, {"Od", L_FROM},
	{"Lähettäjä", L_FROM}, {"Feladó", L_FROM}, {"Kimden", L_FROM},
	{"От", L_FROM}, {"Від", L_FROM}, {"发件人", L_FROM}, {"差出人", L_FROM},
	{"Sent", L_DATE}, {"Date", L_DATE}, {"Gesendet", L_DATE},
	{"Datum", L_DATE}, {"Envoyé", L_DATE}, {"Enviado", L_DATE},
	{"Enviada", L_DATE}, {"Fecha", L_DATE}, {"Data", L_DATE},
	{"Inviato", L_DATE}, {"Verzonden", L_DATE}, {"Skickat", L_DATE},
	{"Sendt", L_DATE}, {"Wysłano", L_DATE}, {"Lähetetty", L_DATE},
	{"Elküldve", L_DATE}, {"Gönderildi", L_DATE}, {"Отправлено", L_DATE},
	{"Дата", L_DATE}, {"发送时间", L_DATE}, {"送信日時", L_DATE},
	{"To", L_TO}, {"An", L_TO}, {"À", L_TO}, {"A", L_TO}, {"Para", L_TO},
	{"Aan", L_TO}, {"Till", L_TO}, {"Til", L_TO}, {"Do", L_TO},
	{"Vastaanottaja", L_TO}, {"Címzett", L_TO}, {"Kime", L_TO},
	{"Кому", L_TO}, {"收件人", L_TO}, {"宛先", L_TO},
	{"Cc", L_CC}, {"Kopie", L_CC}, {"Копия", L_CC},
	{"Subject", L_SUBJECT}, {"Betreff", L_SUBJECT}, {"Objet", L_SUBJECT},
	{"Asunto", L_SUBJECT}, {"Assunto", L_SUBJECT}, {"Oggetto", L_SUBJECT},
	{"Onderwerp", L_SUBJECT}, {"Ämne", L_SUBJECT}, {"Emne", L_SUBJECT},
	{"Temat", L_SUBJECT}, {"Aihe", L_SUBJECT}, {"Tárgy", L_SUBJECT},
	{"Konu", L_SUBJECT}, {"Тема", L_SUBJECT}, {"主题", L_SUBJECT},
	{"件名", L_SUBJECT},
};

/* A Subject starting with one of these is a forward (Outlook's "FW:"). */
static const char *const forward_prefixes[] = {
	"FW", "FWD", "WG", "TR", "RV", "ENC", "I", "VS", "VB", "Doorst",
	"PD", "YNT", "Пересл", "转发", "転送",
};

/* Lines that introduce a forwarded message, which is content. */
static const char *const forward_lines[] = {
	"forwarded message", "weitergeleitete nachricht", "message transféré",
	"mensaje reenviado", "messaggio inoltrato", "doorgestuurd bericht",
	"mensagem encaminhada", "vidarebefordrat meddelande",
	"videresendt meddelelse", "Пересланное сообщение",
	"пересланное сообщение", "przekazana wiadomość",
};

_Static_assert(G_N_ELEMENTS(forward_lines) <= 16, "a line is a bit of 16");

/*
 * forward_starts - for each byte, the forwarding lines (bits) that can
 * start with it, in either case: a text is read once, and a line compared
 * only where it can start (a table of 512 bytes, built once, thread-safe).
 */
static const guint16 *
forward_starts(void)
{
	static guint16 starts[256];
	static gsize done;

	if (g_once_init_enter(&done)) {
		for (size_t k = 0; k < G_N_ELEMENTS(forward_lines); k++) {
			char	c = forward_lines[k][0];

			starts[(unsigned char)g_ascii_tolower(c)] |=
			    (guint16)(1u << k);
			starts[(unsigned char)g_ascii_toupper(c)] |=
			    (guint16)(1u << k);
		}
		g_once_init_leave(&done, 1);
	}
	return starts;
}

/* htmltext_forward_line - see htmltext.h. */
bool
htmltext_forward_line(const char *h, size_t len)
{
	const guint16 *starts = forward_starts();

	for (size_t i = 0; i + 1 < len; i++) {
		unsigned m = starts[(unsigned char)h[i]];

		for (; m != 0; m &= m - 1) {
			const char *line = forward_lines[g_bit_nth_lsf(m, -1)];
			size_t	n = strlen(line);

			/* the second byte first: most starts end there */
			if (g_ascii_tolower(h[i + 1]) == line[1] &&
			    n <= len - i && g_ascii_strncasecmp(h + i, line,
			    n) == 0)
				return true;
		}
	}
	return false;
}

/* htmltext_blank - white space as a reader sees it, U+00A0 included. */
bool
htmltext_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (g_ascii_isspace(s[i]))
			continue;
		if ((unsigned char)s[i] == 0xC2 && i + 1 < len &&
		    (unsigned char)s[i + 1] == 0xA0) {
			i++;
			continue;
		}
		return false;
	}
	return true;
}

/* htmltext_is_elem - see htmltext.h. */
bool
htmltext_is_elem(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

/* htmltext_attr_is - attribute name of n equals value, ignoring ASCII case. */
bool
htmltext_attr_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)name);
	bool	 r = v != NULL && xmlStrcasecmp(v, (const xmlChar *)value) == 0;

	xmlFree(v);
	return r;
}

/* htmltext_has_class - see htmltext.h. */
bool
htmltext_has_class(xmlNodePtr n, const char *cls)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)"class");
	size_t	 clen = strlen(cls);
	bool	 r = false;

	for (const char *p = (const char *)v; p != NULL && *p != '\0';) {
		size_t	w;

		while (g_ascii_isspace(*p))
			p++;
		for (w = 0; p[w] != '\0' && !g_ascii_isspace(p[w]); w++)
			;
		if (w == clen && g_ascii_strncasecmp(p, cls, clen) == 0) {
			r = true;
			break;
		}
		p += w;
	}
	xmlFree(v);
	return r;
}

/* htmltext_is_break - see htmltext.h. */
bool
htmltext_is_break(xmlNodePtr n)
{
	const htmlElemDesc *d;

	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (htmltext_is_elem(n, "br"))
		return true;
	d = htmlTagLookup(n->name);
	return d != NULL && !d->isinline;
}

/* htmltext_invisible - elements whose text a reader never sees. */
bool
htmltext_invisible(xmlNodePtr n)
{
	return htmltext_is_elem(n, "script") || htmltext_is_elem(n, "style") ||
	    htmltext_is_elem(n, "head") || htmltext_is_elem(n, "title") ||
	    htmltext_is_elem(n, "template");
}

/* htmltext_separator - Outlook's "border-top:solid" rule above its header. */
bool
htmltext_separator(xmlNodePtr n)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)"style");
	GString	*s = g_string_new(NULL);
	bool	 r;

	for (const xmlChar *p = v; p != NULL && *p != '\0'; p++)
		if (!g_ascii_isspace(*p))
			g_string_append_c(s, g_ascii_tolower(*p));
	r = strstr(s->str, "border-top:solid") != NULL ||
	    strstr(s->str, "border-top-style:solid") != NULL;
	g_string_free(s, TRUE);
	xmlFree(v);
	return r;
}

/* dim_px - a width or height in pixels from an attribute or style. */
static gint64
dim_px(xmlNodePtr n, const char *name)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)name);
	gint64	 r = -1;
	char	*end;

	if (v == NULL) {
		GString	*s = g_string_new(NULL);
		const char *p;

		v = xmlGetProp(n, (const xmlChar *)"style");
		for (const xmlChar *c = v; c != NULL && *c != '\0'; c++)
			if (!g_ascii_isspace(*c))
				g_string_append_c(s, g_ascii_tolower(*c));
		g_string_prepend_c(s, ';');
		p = strstr(s->str, name);
		/* ";width:1px" or " width", never "max-width" */
		while (p != NULL && (p[-1] != ';' ||
		    p[strlen(name)] != ':'))
			p = strstr(p + 1, name);
		if (p != NULL && g_ascii_isdigit(p[strlen(name) + 1])) {
			r = g_ascii_strtoll(p + strlen(name) + 1, &end, 10);
			if (strncmp(end, "px", 2) != 0)
				r = -1;
		}
		g_string_free(s, TRUE);
	} else if (g_ascii_isdigit(*v)) {
		r = g_ascii_strtoll((const char *)v, &end, 10);
		if (*end != '\0' && strcmp(end, "px") != 0)
			r = -1;		/* "1%" is not a pixel */
	}
	xmlFree(v);
	return r;
}

/* htmltext_tracking_pixel - a remote image, PIXEL_MAX px square or less. */
bool
htmltext_tracking_pixel(xmlNodePtr n)
{
	xmlChar	*src;
	bool	 remote;
	gint64	 wd, ht;

	if (!htmltext_is_elem(n, "img"))
		return false;
	src = xmlGetProp(n, (const xmlChar *)"src");
	remote = src != NULL &&
	    (g_ascii_strncasecmp((const char *)src, "http://", 7) == 0 ||
	    g_ascii_strncasecmp((const char *)src, "https://", 8) == 0);
	xmlFree(src);
	if (!remote)
		return false;
	wd = dim_px(n, "width");
	ht = dim_px(n, "height");
	return wd >= 0 && wd <= PIXEL_MAX && ht >= 0 && ht <= PIXEL_MAX;
}

/* htmltext_longer - see htmltext.h. */
bool
htmltext_longer(xmlNodePtr n, size_t max)
{
	size_t	total = 0;

	for (xmlNodePtr x = n->children; x != NULL;
	    x = htmltext_next(x, n, !htmltext_invisible(x)))
		if (x->type == XML_TEXT_NODE && x->content != NULL &&
		    (total += strlen((const char *)x->content)) > max)
			return true;
	return false;
}

/* htmltext_content_below - see htmltext.h. */
bool
htmltext_content_below(xmlNodePtr n)
{
	for (xmlNodePtr x = n->children; x != NULL;
	    x = htmltext_next(x, n, !htmltext_invisible(x))) {
		if (htmltext_is_elem(x, "img"))
			return true;
		if (x->type != XML_TEXT_NODE || x->content == NULL)
			continue;
		for (const xmlChar *c = x->content; *c; c++)
			if (!g_ascii_isspace(*c) && *c != 0xc2 && *c != 0xa0)
				return true;
	}
	return false;
}

/* htmltext_next - the node after n in document order below top. */
xmlNodePtr
htmltext_next(xmlNodePtr n, xmlNodePtr top, bool descend)
{
	if (descend && n->children != NULL)
		return n->children;
	for (; n != NULL && n != top; n = n->parent)
		if (n->next != NULL)
			return n->next;
	return NULL;
}

/* htmltext_prev - the node before n in document order below top. */
xmlNodePtr
htmltext_prev(xmlNodePtr n, xmlNodePtr top)
{
	if (n->prev == NULL)
		return n->parent == top ? NULL : n->parent;
	for (n = n->prev; n->last != NULL; n = n->last)
		;
	return n;
}

/* seg_push - append a run of text, U+00A0 as two spaces (same length). */
static void
seg_push(struct htmltext *ht, xmlNodePtr node, const char *s, size_t len)
{
	struct htmltext_seg sg = { node, ht->text->len, len };
	const char *e = s + len, *c;

	while ((c = memchr(s, 0xC2, (size_t)(e - s))) != NULL) {
		bool	nbsp = c + 1 < e && (unsigned char)c[1] == 0xA0;

		g_string_append_len(ht->text, s, c - s + !nbsp);
		if (nbsp)
			g_string_append(ht->text, "  ");
		s = c + 1 + nbsp;
	}
	g_string_append_len(ht->text, s, e - s);
	g_array_append_val(ht->segs, sg);
}

/* breaks - htmltext_is_break(), remembered by element name (the
 * document's strings) for one build: libxml2 looks a tag up by a linear
 * search. */
static bool
breaks(GHashTable *memo, xmlNodePtr n)
{
	gpointer v;
	bool	b;

	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (g_hash_table_lookup_extended(memo, n->name, NULL, &v))
		return v != NULL;
	b = htmltext_is_break(n);
	g_hash_table_insert(memo, (gpointer)n->name, b ? memo : NULL);
	return b;
}

/* stream_enter - a node seen going down; false: do not descend. */
static bool
stream_enter(struct htmltext *ht, GHashTable *memo, xmlNodePtr n)
{
	if (n->type == XML_TEXT_NODE && n->content != NULL) {
		seg_push(ht, n, (const char *)n->content,
		    strlen((const char *)n->content));
		return false;
	}
	if (n->type != XML_ELEMENT_NODE)
		return false;
	g_hash_table_insert(ht->start, n, GSIZE_TO_POINTER(ht->segs->len + 1));
	if (htmltext_invisible(n))
		return false;
	if (breaks(memo, n))
		seg_push(ht, n, "\n", 1);
	return true;
}

/* htmltext_build - see htmltext.h. */
void
htmltext_build(struct htmltext *ht, xmlNodePtr body)
{
	xmlNodePtr n = body->children;
	GHashTable *memo = g_hash_table_new(g_str_hash, g_str_equal);

	ht->text = g_string_new(NULL);
	ht->segs = g_array_new(FALSE, FALSE, sizeof(struct htmltext_seg));
	ht->start = g_hash_table_new(g_direct_hash, g_direct_equal);
	ht->scans = 0;

	while (n != NULL) {
		if (stream_enter(ht, memo, n) && n->children != NULL) {
			n = n->children;
			continue;
		}
		for (;;) {
			/* leaving a block ends its line */
			if (breaks(memo, n) && !htmltext_is_elem(n, "br"))
				seg_push(ht, n, "\n", 1);
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n == NULL || n == body) {
				n = NULL;
				break;
			}
		}
	}
	g_hash_table_destroy(memo);
}

/* htmltext_seg_at - index of the seg holding byte off of the text. */
size_t
htmltext_seg_at(const struct htmltext *ht, size_t off)
{
	size_t	lo = 0, hi = ht->segs->len;

	while (hi - lo > 1) {
		size_t	mid = lo + (hi - lo) / 2;

		if (SEG(ht, mid)->off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* htmltext_elem_seg - index of the first seg at or after element n. */
size_t
htmltext_elem_seg(const struct htmltext *ht, xmlNodePtr n)
{
	gsize	v = GPOINTER_TO_SIZE(g_hash_table_lookup(ht->start, n));

	return v == 0 ? ht->segs->len : v - 1;
}

/* htmltext_elem_off - where the visible text of element n starts. */
size_t
htmltext_elem_off(const struct htmltext *ht, xmlNodePtr n)
{
	size_t	i = htmltext_elem_seg(ht, n);

	return i < ht->segs->len ? SEG(ht, i)->off : ht->text->len;
}

/* htmltext_is_text - seg i is text, not a line break. */
bool
htmltext_is_text(const struct htmltext *ht, size_t i)
{
	return SEG(ht, i)->node->type == XML_TEXT_NODE;
}

/* label_at - the header label starting s ("From:", "Von :"), or L_NONE. */
static unsigned
label_at(const char *s, size_t avail, size_t *after)
{
	for (size_t i = 0; i < G_N_ELEMENTS(labels); i++) {
		size_t	l = strlen(labels[i].word);

		if (l >= avail ||
		    g_ascii_strncasecmp(s, labels[i].word, l) != 0)
			continue;
		while (l < avail && s[l] == ' ')
			l++;
		if (l < avail && s[l] == ':') {
			*after = l + 1;
			return labels[i].kind;
		}
		if (avail - l >= 3 && memcmp(s + l, "\xEF\xBC\x9A", 3) == 0) {
			*after = l + 3;		/* fullwidth colon */
			return labels[i].kind;
		}
	}
	return L_NONE;
}

/* forward_subject - a Subject value starting "FW:", "WG:", ... */
static bool
forward_subject(const char *s, size_t avail)
{
	while (avail > 0 && *s == ' ') {
		s++;
		avail--;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(forward_prefixes); i++) {
		size_t	l = strlen(forward_prefixes[i]);

		if (l < avail && g_ascii_strncasecmp(s, forward_prefixes[i],
		    l) == 0 && (s[l] == ':' || (l + 3 <= avail &&
		    memcmp(s + l, "\xEF\xBC\x9A", 3) == 0)))
			return true;
	}
	return false;
}

/*
 * htmltext_header_block - a reply header block starts at byte off.
 * The first word must be a label; the labels at word starts within
 * HEADER_WINDOW bytes must include all of want.  *fwd is set when its
 * Subject is a forward's.
 */
bool
htmltext_header_block(struct htmltext *ht, size_t off, unsigned want,
    unsigned first, bool *fwd)
{
	const char *t = ht->text->str;
	size_t	end, after;
	unsigned seen = 0;

	while (off < ht->text->len && g_ascii_isspace(t[off]))
		off++;
	end = MIN(ht->text->len, off + HEADER_WINDOW);
	seen = label_at(t + off, end - off, &after);
	if (seen == L_NONE || (first != 0 && seen != first) ||
	    ht->scans++ >= SCANS_MAX)
		return false;
	*fwd = false;
	for (size_t i = off; i < end; i++) {
		unsigned k;

		if (i > off && !g_ascii_isspace(t[i - 1]))
			continue;
		k = label_at(t + i, end - i, &after);
		seen |= k;
		if (k == L_SUBJECT && forward_subject(t + i + after,
		    end - i - after))
			*fwd = true;
	}
	return (seen & want) == want;
}

/* htmltext_forwarded_near - a forwarding line around byte off of the text. */
bool
htmltext_forwarded_near(const struct htmltext *ht, size_t off)
{
	size_t	from = off > FORWARD_BEFORE ? off - FORWARD_BEFORE : 0;
	size_t	to = MIN(ht->text->len, off + FORWARD_AFTER);

	return from < to && htmltext_forward_line(ht->text->str + from,
	    to - from);
}

/* htmltext_forwarded_after - a forwarding line from byte off on. */
bool
htmltext_forwarded_after(const struct htmltext *ht, size_t off)
{
	off = MIN(off, ht->text->len);
	return htmltext_forward_line(ht->text->str + off, ht->text->len - off);
}

/*
 * htmltext_attribution - the line of text segs [a, b) around seg i is an
 * attribution ("On ... wrote:", "26.06.2014, 14:41, X <x@y>:"): at most
 * ATTRIBUTION_MAX bytes, a digit (the date), a final colon.
 */
bool
htmltext_attribution(const struct htmltext *ht, size_t i, size_t *a, size_t *b)
{
	GString	*line = g_string_new(NULL);
	bool	 r;

	for (*a = i; *a > 0 && htmltext_is_text(ht, *a - 1); (*a)--)
		;
	for (*b = i + 1; *b < ht->segs->len && htmltext_is_text(ht, *b); (*b)++)
		;
	for (size_t k = *a; k < *b && line->len <= ATTRIBUTION_MAX; k++) {
		const struct htmltext_seg *s = SEG(ht, k);

		g_string_append_len(line, ht->text->str + s->off, s->len);
	}
	g_strstrip(line->str);
	line->len = strlen(line->str);
	r = line->len > 0 && line->len <= ATTRIBUTION_MAX &&
	    (line->str[line->len - 1] == ':' ||
	    g_str_has_suffix(line->str, "\xEF\xBC\x9A")) &&
	    strpbrk(line->str, "0123456789") != NULL;
	g_string_free(line, TRUE);
	return r;
}

/* Where htmltext_plain_build() is, between two calls of plain_seg(). */
struct plain {
	const struct htmltext *ht;
	const struct htmltext_keep *keep;
	struct htmltext_plain *out;
	GHashTable *quoted;	/* blockquote -> 1 quoted, 2 not */
	bool	started;	/* the line has its prefix and some text */
	bool	touched;	/* the line holds text or a &nbsp; */
	bool	space;		/* a collapsed space is due before the next
				   character */
	size_t	space_at;	/* where that space came from */
};

/* plain_put - append byte c of the text, from byte src of htmltext.text. */
static void
plain_put(struct plain *p, char c, size_t src)
{
	g_string_append_c(p->out->text, c);
	g_array_append_val(p->out->map, src);
}

/* plain_newline - end the line; a blank line in a quote stays quoted. */
static void
plain_newline(struct plain *p, unsigned depth)
{
	for (unsigned i = 0; !p->started && i < depth; i++)
		plain_put(p, '>', HTMLTEXT_ADDED);
	plain_put(p, '\n', HTMLTEXT_ADDED);
	p->started = p->touched = p->space = false;
}

/* plain_char - a visible character: the line's prefix first. */
static void
plain_char(struct plain *p, char c, size_t src, unsigned depth)
{
	if (!p->started) {
		for (unsigned i = 0; i < depth; i++)
			plain_put(p, '>', HTMLTEXT_ADDED);
		if (depth > 0)
			plain_put(p, ' ', HTMLTEXT_ADDED);
		p->started = p->touched = true;
		p->space = false;
	}
	if (p->space)
		plain_put(p, ' ', p->space_at);
	p->space = false;
	plain_put(p, c, src);
}

/*
 * plain_context - how many quoted blockquotes hold n (at most
 * QUOTE_DEPTH_MAX: textclean only needs to know it is quoted), and
 * whether a <pre> does.
 */
static unsigned
plain_context(struct plain *p, xmlNodePtr n, bool *pre)
{
	unsigned depth = 0;

	*pre = false;
	for (xmlNodePtr a = n->parent; a != NULL; a = a->parent) {
		gpointer v;

		*pre = *pre || htmltext_is_elem(a, "pre");
		if (!htmltext_is_elem(a, "blockquote"))
			continue;
		if ((v = g_hash_table_lookup(p->quoted, a)) == NULL) {
			v = GINT_TO_POINTER(p->keep->quoted(p->keep->ctx, a) ?
			    1 : 2);
			g_hash_table_insert(p->quoted, a, v);
		}
		if (GPOINTER_TO_INT(v) == 1 && depth < QUOTE_DEPTH_MAX)
			depth++;
	}
	return depth;
}

/* plain_text - the kept bytes of a text node, white space collapsed. */
static void
plain_text(struct plain *p, const struct htmltext_seg *sg, size_t kept)
{
	const char *c = (const char *)sg->node->content;
	bool	pre;
	unsigned depth = plain_context(p, sg->node, &pre);

	for (size_t i = 0; i < kept; i++) {
		size_t	src = sg->off + i;

		if (pre && c[i] == '\n')
			plain_newline(p, depth);
		else if (pre && c[i] != '\r')
			plain_char(p, c[i], src, depth);
		else if ((unsigned char)c[i] == 0xC2 && i + 1 < kept &&
		    (unsigned char)c[i + 1] == 0xA0) {
			/* &nbsp;: a space a reader sees, never collapsed
			   away into nothing (<p>&nbsp;</p> is a line) */
			p->touched = true;
			p->space = p->space || p->started;
			p->space_at = src;
			i++;
		} else if (g_ascii_isspace(c[i])) {
			if (p->started && !p->space)
				p->space_at = src;
			p->space = p->started;
		} else
			plain_char(p, c[i], src, depth);
	}
}

/* htmltext_plain_build - see htmltext.h. */
void
htmltext_plain_build(const struct htmltext *ht,
    const struct htmltext_keep *keep, struct htmltext_plain *out)
{
	struct plain p = { .ht = ht, .keep = keep, .out = out };

	out->text = g_string_new(NULL);
	out->map = g_array_new(FALSE, FALSE, sizeof(size_t));
	p.quoted = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t i = 0; i < ht->segs->len; i++) {
		const struct htmltext_seg *sg = SEG(ht, i);
		size_t	kept = keep->kept(keep->ctx, sg->node, sg->len);
		bool	pre;

		if (kept == 0)
			continue;
		if (sg->node->type == XML_TEXT_NODE)
			plain_text(&p, sg, kept);
		else if (htmltext_is_elem(sg->node, "br") || p.touched)
			/* <br> always ends a line; blocks collapse */
			plain_newline(&p, plain_context(&p, sg->node, &pre));
	}
	if (p.touched)
		plain_newline(&p, 0);
	g_hash_table_destroy(p.quoted);
}

/* htmltext_plain_src - see htmltext.h. */
size_t
htmltext_plain_src(const struct htmltext_plain *p, size_t off)
{
	for (size_t i = off; i < p->text->len; i++) {
		size_t	src = g_array_index(p->map, size_t, i);

		if (src != HTMLTEXT_ADDED && !g_ascii_isspace(p->text->str[i]))
			return src;
	}
	return HTMLTEXT_ADDED;
}

/* htmltext_plain_release - see htmltext.h. */
void
htmltext_plain_release(struct htmltext_plain *p)
{
	g_string_free(p->text, TRUE);
	g_array_free(p->map, TRUE);
	memset(p, 0, sizeof(*p));
}

/* htmltext_release - see htmltext.h. */
void
htmltext_release(struct htmltext *ht)
{
	g_string_free(ht->text, TRUE);
	g_array_free(ht->segs, TRUE);
	g_hash_table_destroy(ht->start);
	memset(ht, 0, sizeof(*ht));
}
