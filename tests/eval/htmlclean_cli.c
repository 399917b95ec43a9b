/*
 * NAME
 *	htmlclean_cli - run the HTML cleaner over one document
 * SYNOPSIS
 *	htmlclean_cli [-m marker]... < in.html > out.html
 * DESCRIPTION
 *	Reads an HTML body (UTF-8) on standard input and writes the cleaned
 *	document, or the input unchanged when nothing was removed, as the
 *	MIME layer does.  One line on standard error says what went:
 *	"quote=0|1 signature=0|1 tracking=N removed_cids=a,b kept_cids=c".
 *	Without -m the reply marker is the default "Please reply above this
 *	line".  For tests/eval/eval_html.py; not installed.
 * DIAGNOSTICS
 *	Exit 0, or 1 when the input cannot be read or the rules not built;
 *	a document libxml2 cannot parse passes unchanged (exit 0).
 * SEE ALSO
 *	htmlclean.h, tests/eval/eval_html.py, docs/cleaning-html.md
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <libxml/parser.h>

#include "htmlclean.h"
#include "textclean.h"

#define INPUT_MAX	(64 * 1024 * 1024)	/* bytes of HTML read */
#define MARKERS_MAX	16

/* cids_line - a list as "a,b,c" on f. */
static void
cids_line(FILE *f, const char *name, const GPtrArray *a)
{
	fprintf(f, " %s=", name);
	for (guint i = 0; i < a->len; i++)
		fprintf(f, "%s%s", i > 0 ? "," : "", (const char *)a->pdata[i]);
}

/* clean - clean in[0..len) onto standard output. */
static int
clean(const struct textclean_rules *rules, const char *in, size_t len)
{
	struct htmlclean_result r;
	int	rc = htmlclean_clean(rules, in, len, NULL, &r);
	const char *outp = r.html != NULL ? r.html : in;
	size_t	outlen = r.html != NULL ? strlen(r.html) : len;

	fprintf(stderr, "rc=%d quote=%d signature=%d tracking=%zu", rc,
	    r.quote, r.signature, r.tracking);
	cids_line(stderr, "removed_cids", r.removed_cids);
	cids_line(stderr, "kept_cids", r.kept_cids);
	fputc('\n', stderr);
	if (fwrite(outp, 1, outlen, stdout) != outlen)
		rc = 1;
	htmlclean_result_clear(&r);
	return rc > 0 ? 1 : 0;
}

int
main(int argc, char **argv)
{
	const char *markers[MARKERS_MAX + 1] = { NULL };
	struct textclean_rules *rules;
	GString	*in = g_string_new(NULL);
	char	 buf[65536], err[256];
	size_t	 n, nm = 0;
	int	 c, rc;

	while ((c = getopt(argc, argv, "m:")) != -1) {
		if (c != 'm' || nm == MARKERS_MAX) {
			fputs("usage: htmlclean_cli [-m marker]...\n", stderr);
			return 1;
		}
		markers[nm++] = optarg;
	}
	if (nm == 0)
		markers[0] = "Please reply above this line";
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0 &&
	    in->len < INPUT_MAX)
		g_string_append_len(in, buf, n);
	if (ferror(stdin) || (rules = textclean_rules_new(markers, NULL, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "htmlclean_cli: %s\n",
		    ferror(stdin) ? "stdin: read error" : err);
		return 1;
	}
	xmlInitParser();
	rc = clean(rules, in->str, in->len);
	textclean_rules_free(rules);
	g_string_free(in, TRUE);
	return rc;
}
