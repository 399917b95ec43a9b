/*
 * fuzz_html - the HTML cleaner on a document: htmlclean_clean() with the
 * default textclean rules, then on what it kept htmlclean_remove_cids()
 * (with the cid: targets it reported), htmlclean_cut_text() and
 * htmlclean_add_paragraph(), as mimeclean.c chains them; then the
 * cleaner once more as if a plain alternative vouched for the history
 * (the parse may stop inside a quote container).
 *
 * The rules come from the default configuration.  Run with
 * -max_len=262144: the MIME layer bounds the HTML it cleans.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>

#include "conf.h"
#include "fuzzlib.h"
#include "htmlclean.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct conf *conf;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	conf = fuzzlib_conf("fuzz_html", "");
	return 0;
}

/* follow - the later steps on doc; a NULL result keeps doc. */
static void
follow(const char *doc, size_t len, const GPtrArray *cids)
{
	char	*a = htmlclean_remove_cids(doc, len, cids);
	char	*b, *c;

	if (a) {
		doc = a;
		len = strlen(a);
	}
	b = htmlclean_cut_text(doc, len, "Best regards\nThe Sender");
	c = htmlclean_add_paragraph(b ? b : doc, b ? strlen(b) : len,
	    "[support-milter: 2 images removed <&>]");
	g_free(c);
	g_free(b);
	g_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct htmlclean_plain vouched = { true, NULL };
	struct htmlclean_result r;

	(void)htmlclean_clean(conf->textclean_rules, (const char *)data, size,
	    NULL, &r);
	if (r.removed_cids == NULL || r.kept_cids == NULL)
		abort();
	if (r.html)
		follow(r.html, strlen(r.html), r.removed_cids);
	else
		follow((const char *)data, size, r.removed_cids);
	htmlclean_result_clear(&r);
	(void)htmlclean_clean(conf->textclean_rules, (const char *)data, size,
	    &vouched, &r);
	if (r.removed_cids == NULL || r.kept_cids == NULL)
		abort();
	htmlclean_result_clear(&r);
	return 0;
}
