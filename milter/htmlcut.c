/*
 * NAME
 *	htmlcut - editing a parsed HTML body: cuts, removal of marked
 *	subtrees with cid: bookkeeping, and the MIME layer's small edits
 * SYNOPSIS
 *	#include "htmlcut.h"
 * DESCRIPTION
 *	The body is parsed once (htmlparse.c: for the HTML cleaner with the
 *	inside of quote containers left out) and its visible text read
 *	(htmltext.c).
 *	htmlclean.c's passes only mark: htmlcut_mark() a subtree,
 *	htmlcut_mark_cut() everything after a node, htmlcut_cut_at() from a
 *	byte of the visible text to the end of the body.  htmlcut_apply()
 *	then collects the marked subtrees with their cid: references and
 *	frees them in one pass, so no decision ever looks at a half-edited
 *	tree.  Every walk over the tree is iterative.
 *
 *	For the MIME layer, three small edits on a parsed part: the <img>
 *	of removed images out (htmlclean_remove_cids()), a learned signature
 *	out from the end of the visible text through the same
 *	htmlcut_cut_at() (htmlclean_cut_text()), and the note line in as a
 *	last <p> (htmlclean_add_paragraph()).
 * DIAGNOSTICS
 *	htmlcut_open() returns NULL when libxml2 builds no document (empty
 *	input, input longer than HTMLCLEAN_MAX); htmlcut_serialise() NULL when
 *	the result cannot be written.
 * BUGS
 *	cid: references in CSS (background-image: url(cid:...)) are not seen.
 * SEE ALSO
 *	htmlcut.h, htmlclean.h, htmlclean.c, htmltext.h,
 *	docs/cleaning-html.md, RFC 2392 (cid: URLs)
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>
#include <libxml/HTMLtree.h>

#include "htmlclean.h"
#include "htmlcut.h"
#include "htmlparse.h"
#include "htmltext.h"
#include "utf8.h"

/* htmlcut_mark - see htmlcut.h. */
void
htmlcut_mark(struct htmlcut_work *w, xmlNodePtr n)
{
	n->_private = w;
}

/* htmlcut_marked - see htmlcut.h. */
bool
htmlcut_marked(const struct htmlcut_work *w, const xmlNode *n)
{
	return n->_private == w;
}

/* htmlcut_mark_cut - see htmlcut.h. */
void
htmlcut_mark_cut(struct htmlcut_work *w, xmlNodePtr n, bool with_n)
{
	if (with_n)
		htmlcut_mark(w, n);
	for (xmlNodePtr x = n; x != NULL && x != w->body; x = x->parent)
		for (xmlNodePtr s = x->next; s != NULL; s = s->next)
			htmlcut_mark(w, s);
}

/* image_before - an <img> comes before n inside its parent. */
static bool
image_before(xmlNodePtr n)
{
	for (xmlNodePtr s = n->prev; s != NULL; s = s->prev) {
		if (htmltext_is_elem(s, "img"))
			return true;
		for (xmlNodePtr x = s->children; x != NULL;
		    x = htmltext_next(x, s, true))
			if (htmltext_is_elem(x, "img"))
				return true;
	}
	return false;
}

/* htmlcut_cut_at - see htmlcut.h. */
bool
htmlcut_cut_at(struct htmlcut_work *w, size_t m)
{
	const struct htmltext_seg *sg =
	    HTMLCUT_SEG(w, htmltext_seg_at(&w->ht, m));
	xmlNodePtr best = sg->node;

	if (sg->node->type != XML_TEXT_NODE)
		return false;
	for (xmlNodePtr a = best->parent; a != NULL && a != w->body;
	    a = a->parent) {
		size_t	ao = htmltext_elem_off(&w->ht, a);

		if (ao > m || !htmltext_blank(w->ht.text->str + ao, m - ao) ||
		    image_before(best))
			break;
		best = a;
	}
	if (best == sg->node && !htmltext_blank(w->ht.text->str + sg->off,
	    m - sg->off)) {
		w->trunc = sg->node;
		w->trunc_keep = m - sg->off;
		htmlcut_mark_cut(w, best, false);
	} else
		htmlcut_mark_cut(w, best, true);
	return true;
}

/* cid_add - add the cid: target of attribute name of n to list. */
static void
cid_add(xmlNodePtr n, const char *name, GPtrArray *list)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)name);

	htmlparse_cid(v, list);
	xmlFree(v);
}

/* cids_of - the cid: targets of element n ("src", "background"). */
static void
cids_of(xmlNodePtr n, GPtrArray *list)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	cid_add(n, "src", list);
	cid_add(n, "background", list);
}

/* cids_below - the cid: targets in the subtree of n. */
static void
cids_below(xmlNodePtr n, GPtrArray *list)
{
	cids_of(n, list);
	for (xmlNodePtr x = n->children; x != NULL;
	    x = htmltext_next(x, n, true))
		cids_of(x, list);
}

/*
 * first_time - add s to set unless an equal string is there.  Not
 * g_hash_table_add(), which would store s in place of the equal string,
 * and the caller frees s as a duplicate.
 */
static bool
first_time(GHashTable *set, char *s)
{
	if (g_hash_table_contains(set, s))
		return false;
	g_hash_table_add(set, s);
	return true;
}

/*
 * cids_settle - each list without duplicates; a target the kept text
 * also uses is kept, so it leaves the removed list.
 */
static void
cids_settle(GPtrArray *removed, GPtrArray *kept)
{
	GHashTable *k = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *r = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < kept->len;)
		if (first_time(k, kept->pdata[i]))
			i++;
		else
			g_ptr_array_remove_index(kept, i);
	for (guint i = 0; i < removed->len;)
		if (!g_hash_table_contains(k, removed->pdata[i]) &&
		    first_time(r, removed->pdata[i]))
			i++;
		else
			g_ptr_array_remove_index(removed, i);
	g_hash_table_destroy(k);
	g_hash_table_destroy(r);
}

/* htmlcut_apply - see htmlcut.h. */
bool
htmlcut_apply(struct htmlcut_work *w, xmlNodePtr root)
{
	GPtrArray *gone = g_ptr_array_new();
	bool	 changed;

	for (xmlNodePtr n = root; n != NULL;) {
		bool	go = htmlcut_marked(w, n);

		if (go) {
			cids_below(n, w->out->removed_cids);
			g_ptr_array_add(gone, n);
		} else
			cids_of(n, w->out->kept_cids);
		n = htmltext_next(n, root, !go);
	}
	for (guint i = 0; i < w->left.cids->len; i++)
		g_ptr_array_add(w->out->removed_cids,
		    g_strdup(w->left.cids->pdata[i]));
	if (w->trunc != NULL) {
		xmlChar	*keep = xmlStrndup(w->trunc->content,
		    (int)w->trunc_keep);

		xmlNodeSetContent(w->trunc, keep);
		xmlFree(keep);
	}
	for (guint i = 0; i < gone->len; i++) {
		xmlUnlinkNode(gone->pdata[i]);
		xmlFreeNode(gone->pdata[i]);
	}
	changed = gone->len > 0 || w->trunc != NULL;
	g_ptr_array_free(gone, TRUE);
	cids_settle(w->out->removed_cids, w->out->kept_cids);
	return changed;
}

/* htmlcut_serialise - see htmlcut.h. */
char *
htmlcut_serialise(xmlDocPtr doc)
{
	xmlOutputBufferPtr buf = xmlAllocOutputBuffer(NULL);
	const char *out;
	char	*s = NULL;
	size_t	n;

	if (buf == NULL)
		return NULL;
	/* our own buffer: htmlDocDumpMemory would obey a <meta> charset */
	htmlDocContentDumpFormatOutput(buf, doc, NULL, 0);
	/* libxml2 passes bytes that are not UTF-8 through: U+FFFD them */
	if (buf->error == 0 && (out = (const char *)
	    xmlOutputBufferGetContent(buf)) != NULL) {
		n = xmlOutputBufferGetSize(buf);
		s = utf8_valid(out, n) ? g_strndup(out, n) :
		    g_utf8_make_valid(out, (gssize)n);
	}
	(void)xmlOutputBufferClose(buf);
	return s;
}

/* find_body - the <body> element, or the root of a body-less document. */
static xmlNodePtr
find_body(xmlNodePtr root)
{
	for (xmlNodePtr n = root; n != NULL; n = htmltext_next(n, root,
	    !htmltext_invisible(n)))
		if (htmltext_is_elem(n, "body"))
			return n;
	return root;
}

/* htmlcut_result_init - see htmlcut.h. */
void
htmlcut_result_init(struct htmlclean_result *out)
{
	memset(out, 0, sizeof(*out));
	out->removed_cids = g_ptr_array_new_with_free_func(g_free);
	out->kept_cids = g_ptr_array_new_with_free_func(g_free);
}

/* htmlcut_open - see htmlcut.h. */
xmlDocPtr
htmlcut_open(struct htmlcut_work *w, const char *html, size_t len,
    htmlparse_test *container)
{
	xmlDocPtr doc;

	htmlparse_left_init(&w->left, w->may_stop && container != NULL);
	doc = htmlparse_read(html, len, container, &w->left);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		htmlparse_left_clear(&w->left);
		return NULL;
	}
	w->body = find_body(xmlDocGetRootElement(doc));
	htmltext_build(&w->ht, w->body);
	return doc;
}

/* htmlcut_close - see htmlcut.h. */
void
htmlcut_close(struct htmlcut_work *w, xmlDocPtr doc)
{
	htmltext_release(&w->ht);
	htmlparse_left_clear(&w->left);
	xmlFreeDoc(doc);
}

/* space_end - bytes of the white space character ending s[lo, i)
 * (ASCII, or U+00A0 in UTF-8), or 0. */
static size_t
space_end(const char *s, size_t lo, size_t i)
{
	if (i > lo && g_ascii_isspace(s[i - 1]))
		return 1;
	if (i >= lo + 2 && (unsigned char)s[i - 2] == 0xC2 &&
	    (unsigned char)s[i - 1] == 0xA0)
		return 2;
	return 0;
}

/* space_skip - i moved back over the white space ending s[lo, i). */
static size_t
space_skip(const char *s, size_t lo, size_t i)
{
	size_t	n;

	while ((n = space_end(s, lo, i)) > 0)
		i -= n;
	return i;
}

/*
 * tail_match - where the visible text t ends with block (white space
 * runs equal, case as is), starting a word with text before it: its
 * byte in t, or (size_t)-1.
 */
static size_t
tail_match(const GString *t, const char *block)
{
	size_t	lo = 0, j = strlen(block), i;

	while (lo < j && (g_ascii_isspace(block[lo]) ||
	    ((unsigned char)block[lo] == 0xC2 &&
	    (unsigned char)block[lo + 1] == 0xA0)))
		lo += g_ascii_isspace(block[lo]) ? 1 : 2;
	j = space_skip(block, lo, j);
	i = space_skip(t->str, 0, t->len);
	if (j == lo)
		return (size_t)-1;
	while (j > lo) {
		bool	sp = space_end(block, lo, j) > 0;

		if (sp != (space_end(t->str, 0, i) > 0))
			return (size_t)-1;
		if (sp) {
			j = space_skip(block, lo, j);
			i = space_skip(t->str, 0, i);
		} else if (i == 0 || t->str[--i] != block[--j])
			return (size_t)-1;
	}
	if (space_end(t->str, 0, i) == 0 || htmltext_blank(t->str, i))
		return (size_t)-1;
	return i;
}

/* htmlclean_cut_text - see htmlclean.h. */
char *
htmlclean_cut_text(const char *html, size_t len, const char *block)
{
	struct htmlclean_result r;
	struct htmlcut_work w = { .out = &r };
	xmlDocPtr doc;
	size_t	m;
	char	*s = NULL;

	if (block == NULL || (doc = htmlcut_open(&w, html, len, NULL)) == NULL)
		return NULL;
	htmlcut_result_init(&r);
	/* the same cut as a marker's: from the element the block starts */
	if ((m = tail_match(w.ht.text, block)) != (size_t)-1 &&
	    htmlcut_cut_at(&w, m) && htmlcut_apply(&w, xmlDocGetRootElement(doc)))
		s = htmlcut_serialise(doc);
	htmlclean_result_clear(&r);
	htmlcut_close(&w, doc);
	return s;
}

/* htmlclean_visible_text - see htmlclean.h. */
char *
htmlclean_visible_text(const char *html, size_t len)
{
	struct htmlcut_work w = { .out = NULL };
	xmlDocPtr doc = htmlcut_open(&w, html, len, NULL);
	char	*s;

	if (doc == NULL)
		return NULL;
	s = g_strdup(w.ht.text->str);
	htmlcut_close(&w, doc);
	return s;
}

/* htmlclean_add_paragraph - see htmlclean.h. */
char *
htmlclean_add_paragraph(const char *html, size_t len, const char *text)
{
	struct htmlcut_work w = { .out = NULL };
	xmlDocPtr doc;
	xmlNodePtr p;
	char	*s;

	if (text == NULL || (doc = htmlcut_open(&w, html, len, NULL)) == NULL)
		return NULL;
	/* a text node: libxml2 escapes <, > and & when it writes it */
	p = xmlNewDocNode(doc, NULL, (const xmlChar *)"p", NULL);
	(void)xmlAddChild(p, xmlNewDocText(doc, (const xmlChar *)text));
	(void)xmlAddChild(w.body, p);
	s = htmlcut_serialise(doc);
	htmlcut_close(&w, doc);
	return s;
}

/* in_list - the cid: target of attribute name of n is one of cids. */
static bool
in_list(xmlNodePtr n, const char *name, const GPtrArray *cids)
{
	GPtrArray *one = g_ptr_array_new_with_free_func(g_free);
	bool	 r = false;

	cid_add(n, name, one);
	for (guint i = 0; one->len > 0 && i < cids->len && !r; i++)
		r = strcmp(one->pdata[0], cids->pdata[i]) == 0;
	g_ptr_array_unref(one);
	return r;
}

/* htmlclean_remove_cids - see htmlclean.h. */
char *
htmlclean_remove_cids(const char *html, size_t len, const GPtrArray *cids)
{
	xmlDocPtr doc = htmlparse_read(html, len, NULL, NULL);
	xmlNodePtr root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	GPtrArray *gone = g_ptr_array_new();
	char	*s = NULL;

	for (xmlNodePtr n = root; n != NULL && cids != NULL;) {
		bool	go = htmltext_is_elem(n, "img") &&
		    in_list(n, "src", cids);

		if (go)
			g_ptr_array_add(gone, n);
		else if (n->type == XML_ELEMENT_NODE &&
		    in_list(n, "background", cids)) {
			/* no dangling cid: reference either */
			(void)xmlUnsetProp(n, (const xmlChar *)"background");
			g_ptr_array_add(gone, NULL);
		}
		n = htmltext_next(n, root, !go);
	}
	for (guint i = 0; i < gone->len; i++)
		if (gone->pdata[i] != NULL) {
			xmlUnlinkNode(gone->pdata[i]);
			xmlFreeNode(gone->pdata[i]);
		}
	if (gone->len > 0)
		s = htmlcut_serialise(doc);
	g_ptr_array_free(gone, TRUE);
	xmlFreeDoc(doc);
	return s;
}
