/*
 * NAME
 *	textclean_cli - run the plain-text cutter on standard input
 * SYNOPSIS
 *	textclean_cli [-m marker]... [-d disclaimer]... < text
 * DESCRIPTION
 *	Reads the whole of standard input as UTF-8 text, runs
 *	textclean_cut() and prints one line for tests/eval/eval.py:
 *
 *	keep=N signature=N quote=N signature_why=W quote_why=W
 *
 *	with "-" for a reason that is NULL.  Without -m the marker is the
 *	configuration's default, "Please reply above this line".
 * DIAGNOSTICS
 *	Exit status 2 on a bad option, a rule that does not compile or a
 *	read error; a message names the cause on standard error.
 * SEE ALSO
 *	include/textclean.h, tests/eval/eval.py, docs/cleaning.md
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "textclean.h"

/* read_all - standard input into one buffer, however long. */
static GByteArray *
read_all(void)
{
	GByteArray *b = g_byte_array_new();
	guint8	buf[65536];
	size_t	n;

	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		g_byte_array_append(b, buf, (guint)n);
	if (ferror(stdin)) {
		g_byte_array_unref(b);
		return NULL;
	}
	return b;
}

int
main(int argc, char **argv)
{
	GPtrArray *markers = g_ptr_array_new();
	GPtrArray *disclaimers = g_ptr_array_new();
	struct textclean_rules *rules;
	struct textclean_cut cut;
	GByteArray *text;
	char	err[256];
	int	c;

	while ((c = getopt(argc, argv, "m:d:")) != -1) {
		if (c == 'm')
			g_ptr_array_add(markers, optarg);
		else if (c == 'd')
			g_ptr_array_add(disclaimers, optarg);
		else {
			fprintf(stderr, "usage: textclean_cli [-m marker]... "
			    "[-d disclaimer]... < text\n");
			return 2;
		}
	}
	if (markers->len == 0)
		g_ptr_array_add(markers, "Please reply above this line");
	g_ptr_array_add(markers, NULL);
	g_ptr_array_add(disclaimers, NULL);
	rules = textclean_rules_new((const char *const *)markers->pdata,
	    (const char *const *)disclaimers->pdata, err, sizeof(err));
	if (rules == NULL) {
		fprintf(stderr, "textclean_cli: %s\n", err);
		return 2;
	}
	if ((text = read_all()) == NULL) {
		fprintf(stderr, "textclean_cli: stdin: read error\n");
		return 2;
	}
	textclean_cut(rules, (const char *)text->data, text->len, &cut);
	printf("keep=%zu signature=%zu quote=%zu signature_why=%s "
	    "quote_why=%s\n", cut.keep, cut.signature, cut.quote,
	    cut.signature_why ? cut.signature_why : "-",
	    cut.quote_why ? cut.quote_why : "-");
	g_byte_array_unref(text);
	g_ptr_array_free(markers, TRUE);
	g_ptr_array_free(disclaimers, TRUE);
	textclean_rules_free(rules);
	return 0;
}
