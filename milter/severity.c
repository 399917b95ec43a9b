/*
 * NAME
 *	severity - the severity a customer states
 * DESCRIPTION
 *	One GRegex, built once from the configured words: a word at a word
 *	start, optionally "level" or "Stufe", an optional ":", "=", "#" or
 *	"-", and one digit 1-5 that no other digit follows; or "[S1]".
 *	Numbers, not words like "critical", state a level: the procedure
 *	chose its 1-5 scale because words are ambiguous.  Only the first
 *	lines are read, where customers state it; a "Severity 2" deep in a
 *	pasted log is not the customer's statement.
 * SEE ALSO
 *	support procedure #0403 (severity levels), docs/intake.md
 */
#include <string.h>

#include <glib.h>

#include "severity.h"

#define STATED_MAX	64	/* bytes of the stated words kept */

struct severity_rules {
	GRegex	*re;
};

struct severity_rules *
severity_rules_new(const char *const *words, char *err, size_t errlen)
{
	GString	*p = g_string_new("(?<![[:alnum:]])(?:(?:");
	struct severity_rules *r;
	GError	*e = NULL;
	GRegex	*re;

	if (words == NULL || words[0] == NULL) {
		(void)g_snprintf(err, errlen, "severity_words: no words");
		(void)g_string_free(p, TRUE);
		return NULL;
	}
	for (const char *const *w = words; *w; w++) {
		char	*q = g_regex_escape_string(*w, -1);

		g_string_append_printf(p, "%s%s", w == words ? "" : "|", q);
		g_free(q);
	}
	g_string_append(p, ")[ \\t]*(?:(?:level|stufe)[ \\t]*)?[:=#-]?[ \\t]*"
	    "([1-5])|\\[S([1-5])\\])(?![0-9])");
	/* no G_REGEX_OPTIMIZE: see checklist.c */
	re = g_regex_new(p->str, G_REGEX_CASELESS, 0, &e);
	(void)g_string_free(p, TRUE);
	if (re == NULL) {
		(void)g_snprintf(err, errlen, "severity_words: %s", e->message);
		g_error_free(e);
		return NULL;
	}
	r = g_new0(struct severity_rules, 1);
	r->re = re;
	return r;
}

void
severity_rules_free(struct severity_rules *r)
{
	if (r == NULL)
		return;
	g_regex_unref(r->re);
	g_free(r);
}

/* collapse - runs of white space become one space: one header line. */
static void
collapse(char *s)
{
	char	*w = s;

	for (const char *p = s; *p; p++) {
		if (!g_ascii_isspace(*p))
			*w++ = *p;
		else if (w > s && w[-1] != ' ')
			*w++ = ' ';
	}
	*w = '\0';
}

/* match - the level stated in s (len bytes), or 0; *stated as found. */
static int
match(const struct severity_rules *r, const char *s, gssize len,
    char **stated)
{
	GMatchInfo *mi = NULL;
	int	level = 0;

	if (s && g_utf8_validate(s, len, NULL) &&
	    g_regex_match_full(r->re, s, len, 0, 0, &mi, NULL)) {
		char	*all = g_match_info_fetch(mi, 0);
		char	*d = g_match_info_fetch(mi, 1);

		if (d == NULL || *d == '\0') {
			g_free(d);
			d = g_match_info_fetch(mi, 2);
		}
		level = d[0] - '0';
		collapse(all);
		if (strlen(all) > STATED_MAX)
			all[STATED_MAX] = '\0';
		*stated = all;
		g_free(d);
	}
	g_match_info_free(mi);
	return level;
}

/* first_lines - the length of text up to the end of its nlines-th
 * non-blank line. */
static size_t
first_lines(const char *text, size_t nlines)
{
	const char *p = text;
	size_t	seen = 0;

	while (*p && seen < nlines) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);

		for (const char *q = p; q < end; q++)
			if (!g_ascii_isspace(*q)) {
				seen++;
				break;
			}
		p = nl ? nl + 1 : end;
	}
	return (size_t)(p - text);
}

int
severity_find(const struct severity_rules *r, const char *subject,
    const char *text, size_t nlines, char **stated)
{
	int	level;

	*stated = NULL;
	if ((level = match(r, subject, -1, stated)) > 0)
		return level;
	if (text && (level = match(r, text, (gssize)first_lines(text, nlines),
	    stated)) > 0)
		return level;
	return SEVERITY_UNASSIGNED;
}
