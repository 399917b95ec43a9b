/*
 * htmlparse.h - an HTML body parsed with libxml2, for htmlcut.c.
 *
 * Owns: the parser's options, and leaving the inside of containers out of
 * the tree past their first HTMLPARSE_KEPT bytes of text when asked (the
 * HTML cleaner asks for quote containers: most of a reply's bytes are its
 * quoted history, which goes whole).  Whoever asks must check that what
 * was left out was not needed (htmlclean.c: an answer between quotes,
 * text after a container, a container kept, a reply marker or forwarding
 * line in it) and otherwise parse again without the test.  It may also
 * ask the parse to stop at the first thing left out (then nothing past
 * it is read: only a caller that knows it is history may).  Must not
 * decide what a container is, or what is quoted.  Part of the HTML
 * cleaner; not for other modules.  Thread-safe: a parse's state is its
 * own.  Who frees: the document with xmlFreeDoc(); a struct
 * htmlparse_left from htmlparse_left_init() with htmlparse_left_clear().
 */
#ifndef SUPPORT_MILTER_HTMLPARSE_H
#define SUPPORT_MILTER_HTMLPARSE_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>
#include <libxml/tree.h>

/* htmlparse_test - n, just built, is a container whose inside may go. */
typedef bool htmlparse_test(xmlNodePtr n);

/* Bytes of text of a container built: more than any pass reads after a
 * container's start (a header block, a forwarding line). */
#define HTMLPARSE_KEPT	1024

/* What a parse with a container test left out. */
struct htmlparse_left {
	GPtrArray *containers;	/* xmlNodePtr with an inside left out */
	GString	*text;		/* the text left out, elements a line apart */
	GPtrArray *cids;	/* char *, cid: targets of elements left out */
	bool	unsure;		/* an answer between quotes, or text or an
				   image after a container, was left out */
	bool	may_stop;	/* the caller's: stop at the first thing
				   left out */
	xmlNodePtr stopped;	/* the container the parse stopped in (also
				   in containers), or NULL */
	GPtrArray *seen_cids;	/* with may_stop: char *, cid: targets of
				   the elements built */
};

/*
 * htmlparse_read - html (len bytes, UTF-8) parsed, or NULL for empty
 * input, input longer than HTMLCLEAN_MAX, or no document.  With a
 * container test, the inside of each container past its first
 * HTMLPARSE_KEPT bytes of text is left out, into *left.
 */
xmlDocPtr htmlparse_read(const char *html, size_t len,
	    htmlparse_test *container, struct htmlparse_left *left);

/* htmlparse_left_init, htmlparse_left_clear - an empty one, which may
 * stop the parse or not; release. */
void	htmlparse_left_init(struct htmlparse_left *, bool may_stop);
void	htmlparse_left_clear(struct htmlparse_left *);

/*
 * htmlparse_cid - the target of URL v added to list when v is a cid: URL
 * (RFC 2392: the Content-ID, %-escaped).
 */
void	htmlparse_cid(const xmlChar *v, GPtrArray *list);

#endif
