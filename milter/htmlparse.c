/*
 * NAME
 *	htmlparse - an HTML body parsed with libxml2, quote containers'
 *	insides left out on request
 * DESCRIPTION
 *	libxml2's HTML parser: no network, no error output, recovery on, no
 *	invented DOCTYPE, UTF-8, the default depth limit of 256.
 *
 *	With a container test, the parser's events pass through handlers of
 *	ours before libxml2's own tree builders (SAX2): inside a container,
 *	once its first HTMLPARSE_KEPT bytes of text are built, nothing more
 *	is, until it ends.  The parser still reads everything, so its name
 *	stack, and so the start and end events, stay balanced whatever is
 *	left out; what is left out is noted (its text with element
 *	boundaries as line breaks, its cid: targets, and whether it held
 *	text after a blockquote outside any, or came before more text or an
 *	image).  The quoted history of a long thread, most of a reply's
 *	bytes, is so read but never built, walked or freed.
 *
 *	When the caller allows it (the text/plain alternative showed that
 *	everything from its quote to its end is history, htmlclean.c), the
 *	parse stops at the first thing a container would leave out: the
 *	history is then not even read.  The cid: targets of what was read
 *	are listed, so the caller can tell whether an image is referred to
 *	only from what was not.
 * SEE ALSO
 *	htmlparse.h, htmlcut.c, htmlclean.c, docs/cleaning-html.md
 */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "htmlclean.h"
#include "htmlparse.h"
#include "htmltext.h"

/* NODEFDTD: the output keeps the input's shape, with no DOCTYPE added. */
#define PARSE_OPTIONS	(HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
			 HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | \
			 HTML_PARSE_NODEFDTD)

_Static_assert(HTMLCLEAN_MAX <= INT_MAX, "libxml2 takes an int length");

/* htmlparse_cid - see htmlparse.h. */
void
htmlparse_cid(const xmlChar *v, GPtrArray *list)
{
	char	*id;

	if (v != NULL && g_ascii_strncasecmp((const char *)v, "cid:", 4) == 0
	    && v[4] != '\0') {
		/* RFC 2392: the URL is the Content-ID, %-escaped */
		id = g_uri_unescape_string((const char *)v + 4, NULL);
		g_ptr_array_add(list, id != NULL ? id :
		    g_strdup((const char *)v + 4));
	}
}

/*
 * A parse that leaves containers' insides out: libxml2's handlers (SAX2,
 * which build the tree) are called for what is kept; the parser itself
 * reads everything, so its name stack, and so the start and end calls,
 * stay balanced whatever is left out.
 */
struct leave {
	xmlSAXHandler sax2;	/* libxml2's tree builders */
	htmlparse_test *is_container;
	struct htmlparse_left *left;
	xmlNodePtr container;	/* the container being read, or NULL */
	size_t	keep;		/* its bytes of text still built */
	bool	cut;		/* something of it was left out */
	unsigned skip;		/* elements open that were left out */
	unsigned bq;		/* blockquotes open in the container */
	bool	bq_seen;	/* one was */
	bool	after;		/* past a container something was left out of */
};

static struct leave *
leave_of(void *ctx)
{
	return ((xmlParserCtxtPtr)ctx)->_private;
}

/* leaving - what comes now is left out. */
static bool
leaving(const struct leave *l)
{
	return l->skip > 0 || (l->container != NULL && l->keep == 0);
}

/* count_blockquote - a blockquote of the container opens or closes. */
static void
count_blockquote(struct leave *l, const xmlChar *name, bool open)
{
	if (l->container == NULL || !xmlStrEqual(name,
	    (const xmlChar *)"blockquote"))
		return;
	if (open) {
		l->bq++;
		l->bq_seen = true;
	} else if (l->bq > 0)
		l->bq--;
}

/* solid - bytes of s that are not ASCII white space. */
static size_t
solid(const xmlChar *s, int len)
{
	size_t	n = 0;

	for (int i = 0; i < len; i++)
		n += !g_ascii_isspace(s[i]);
	return n;
}

/* stop - leave out everything from here to the end, when allowed. */
static bool
stop(struct leave *l, void *ctx)
{
	if (!l->left->may_stop || l->container == NULL)
		return false;
	l->left->stopped = l->container;
	g_ptr_array_add(l->left->containers, l->container);
	xmlStopParser(ctx);
	return true;
}

/* add_cids - the cid: targets of an element's src and background. */
static void
add_cids(const xmlChar **atts, GPtrArray *list)
{
	for (size_t i = 0; atts != NULL && atts[i] != NULL; i += 2)
		if (xmlStrEqual(atts[i], (const xmlChar *)"src") ||
		    xmlStrEqual(atts[i], (const xmlChar *)"background"))
			htmlparse_cid(atts[i + 1], list);
}

/*
 * text_left_out - text s is left out (true), or is built and counted:
 * against the container's kept bytes, and as text after a container.
 */
static bool
text_left_out(struct leave *l, void *ctx, const xmlChar *s, int len)
{
	if (!leaving(l)) {
		if (l->container != NULL)
			l->keep -= MIN(l->keep, solid(s, len));
		l->left->unsure |= l->after &&
		    !htmltext_blank((const char *)s, (size_t)len);
		return false;
	}
	if (l->left->stopped != NULL || stop(l, ctx))
		return true;
	g_string_append_len(l->left->text, (const char *)s, len);
	/* the customer's answer between Gmail's quotes */
	l->left->unsure |= l->bq_seen && l->bq == 0 &&
	    !htmltext_blank((const char *)s, (size_t)len);
	l->cut = true;
	return true;
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct leave *l = leave_of(ctx);
	xmlParserCtxtPtr c = ctx;
	xmlNodePtr parent = c->node;

	if (l->left->stopped != NULL)
		return;
	count_blockquote(l, name, true);
	if (leaving(l)) {
		if (stop(l, ctx))
			return;
		add_cids(atts, l->left->cids);
		g_string_append_c(l->left->text, '\n');
		l->skip++;
		l->cut = true;
		return;
	}
	l->left->unsure |= l->after && xmlStrEqual(name,
	    (const xmlChar *)"img");
	if (l->left->may_stop)
		add_cids(atts, l->left->seen_cids);
	l->sax2.startElement(ctx, name, atts);
	if (l->container == NULL && c->node != parent && c->node != NULL &&
	    l->is_container(c->node)) {
		l->container = c->node;
		l->keep = HTMLPARSE_KEPT;
		l->cut = l->bq_seen = false;
		l->bq = 0;
	}
}

static void
on_end(void *ctx, const xmlChar *name)
{
	struct leave *l = leave_of(ctx);
	xmlParserCtxtPtr c = ctx;

	if (l->left->stopped != NULL)
		return;
	count_blockquote(l, name, false);
	if (l->skip > 0) {
		g_string_append_c(l->left->text, '\n');
		l->skip--;
		return;
	}
	if (l->container != NULL && c->node == l->container) {
		if (l->cut)
			g_ptr_array_add(l->left->containers, l->container);
		l->after |= l->cut;
		l->container = NULL;
	}
	l->sax2.endElement(ctx, name);
}

static void
on_characters(void *ctx, const xmlChar *s, int len)
{
	struct leave *l = leave_of(ctx);

	if (!text_left_out(l, ctx, s, len))
		l->sax2.characters(ctx, s, len);
}

static void
on_blanks(void *ctx, const xmlChar *s, int len)
{
	struct leave *l = leave_of(ctx);

	if (!text_left_out(l, ctx, s, len))
		l->sax2.ignorableWhitespace(ctx, s, len);
}

/* on_cdata - script and style content: never visible, never counted. */
static void
on_cdata(void *ctx, const xmlChar *s, int len)
{
	struct leave *l = leave_of(ctx);

	if (!leaving(l))
		l->sax2.cdataBlock(ctx, s, len);
}

static void
on_comment(void *ctx, const xmlChar *s)
{
	struct leave *l = leave_of(ctx);

	if (!leaving(l))
		l->sax2.comment(ctx, s);
}

static void
on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	struct leave *l = leave_of(ctx);

	if (!leaving(l))
		l->sax2.processingInstruction(ctx, target, data);
}

/* leave_install - our handlers in front of libxml2's, on parser c. */
static void
leave_install(xmlParserCtxtPtr c, struct leave *l)
{
	l->sax2 = *c->sax;
	c->sax->startElement = on_start;
	c->sax->endElement = on_end;
	c->sax->characters = on_characters;
	c->sax->ignorableWhitespace = on_blanks;
	c->sax->cdataBlock = on_cdata;
	c->sax->comment = on_comment;
	c->sax->processingInstruction = on_pi;
	c->_private = l;
}

/* htmlparse_read - see htmlparse.h; the steps of htmlReadMemory(). */
xmlDocPtr
htmlparse_read(const char *html, size_t len, htmlparse_test *container,
    struct htmlparse_left *left)
{
	struct leave l = { .is_container = container, .left = left };
	htmlParserCtxtPtr c;
	xmlCharEncodingHandlerPtr utf8;
	xmlDocPtr doc;

	if (html == NULL || len == 0 || len > HTMLCLEAN_MAX)
		return NULL;
	if (container == NULL)
		return htmlReadMemory(html, (int)len, NULL, "UTF-8",
		    PARSE_OPTIONS);
	if ((c = htmlCreateMemoryParserCtxt(html, (int)len)) == NULL)
		return NULL;
	(void)htmlCtxtUseOptions(c, PARSE_OPTIONS);
	if ((utf8 = xmlFindCharEncodingHandler("UTF-8")) != NULL)
		(void)xmlSwitchToEncoding(c, utf8);
	leave_install(c, &l);
	(void)htmlParseDocument(c);
	doc = c->myDoc;
	c->myDoc = NULL;
	htmlFreeParserCtxt(c);
	return doc;
}

/* htmlparse_left_init - see htmlparse.h. */
void
htmlparse_left_init(struct htmlparse_left *left, bool may_stop)
{
	left->containers = g_ptr_array_new();
	left->text = g_string_new(NULL);
	left->cids = g_ptr_array_new_with_free_func(g_free);
	left->seen_cids = g_ptr_array_new_with_free_func(g_free);
	left->unsure = false;
	left->may_stop = may_stop;
	left->stopped = NULL;
}

/* htmlparse_left_clear - see htmlparse.h. */
void
htmlparse_left_clear(struct htmlparse_left *left)
{
	g_clear_pointer(&left->containers, g_ptr_array_unref);
	if (left->text != NULL)
		g_string_free(left->text, TRUE);
	left->text = NULL;
	g_clear_pointer(&left->cids, g_ptr_array_unref);
	g_clear_pointer(&left->seen_cids, g_ptr_array_unref);
}
