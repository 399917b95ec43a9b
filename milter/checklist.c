/*
 * NAME
 *	checklist - the details a new request holds
 * DESCRIPTION
 *	Each item is found when any of its patterns matches the Subject or
 *	the kept text; a customer who writes that nothing changed has
 *	answered the question, so the default patterns for changes count
 *	"no changes" too.  Patterns are compiled once per configuration;
 *	GRegex objects are immutable and may be matched from any thread.
 *	Text that is not valid UTF-8 matches nothing.  Without
 *	G_REGEX_OPTIMIZE: PCRE2's JIT code is opaque to valgrind, and the
 *	interpreter is fast enough for bounded patterns on the text
 *	intake.c reads (at most 64 KB).
 * SEE ALSO
 *	support procedure #0403 ("What Details Should Be Included"),
 *	docs/intake.md (the measured precision and recall)
 */
#include <stdbool.h>

#include <glib.h>

#include "checklist.h"

struct checklist_rules {
	GPtrArray *re[CHECK_ITEMS];	/* GRegex * */
};

static const struct {
	const char *name;
	const char *sentence;
} items[CHECK_ITEMS] = {
	[CHECK_PROCESS] = { "process-number",
	    "the process number, where applicable" },
	[CHECK_SCREENSHOTS] = { "screenshots",
	    "full screenshots of the error messages" },
	[CHECK_VERSION] = { "product-version",
	    "the product name and its version" },
	[CHECK_STEPS] = { "steps",
	    "the steps to replicate the issue, or what you did before the error" },
	[CHECK_AFFECTED] = { "affected-users",
	    "who is affected: everyone or just one user" },
	[CHECK_FIRST] = { "first-occurred",
	    "when the issue first occurred" },
	[CHECK_INTEGRATION] = { "integration-changes",
	    "any changes to the systems integrated with the product" },
	[CHECK_SERVER] = { "server-changes",
	    "any changes to your server environments" },
	[CHECK_ACCESS] = { "server-access",
	    "whether access to your servers is arranged with your IT department" },
};

const char *
checklist_name(enum checklist_item i)
{
	return items[i].name;
}

const char *
checklist_sentence(enum checklist_item i)
{
	return items[i].sentence;
}

struct checklist_rules *
checklist_rules_new(const char *const *const patterns[CHECK_ITEMS],
    const char *const keys[CHECK_ITEMS], char *err, size_t errlen)
{
	struct checklist_rules *r = g_new0(struct checklist_rules, 1);

	for (int i = 0; i < CHECK_ITEMS; i++) {
		r->re[i] = g_ptr_array_new_with_free_func(
		    (GDestroyNotify)g_regex_unref);
		if (i == CHECK_SCREENSHOTS || patterns[i] == NULL)
			continue;
		for (size_t n = 0; patterns[i][n]; n++) {
			GError	*e = NULL;
			GRegex	*re = g_regex_new(patterns[i][n], G_REGEX_CASELESS |
			    G_REGEX_MULTILINE, 0, &e);

			if (re == NULL) {
				(void)g_snprintf(err, errlen, "%s: pattern %zu: %s",
				    keys[i], n + 1, e->message);
				g_error_free(e);
				checklist_rules_free(r);
				return NULL;
			}
			g_ptr_array_add(r->re[i], re);
		}
	}
	return r;
}

void
checklist_rules_free(struct checklist_rules *r)
{
	if (r == NULL)
		return;
	for (int i = 0; i < CHECK_ITEMS; i++)
		if (r->re[i])
			g_ptr_array_unref(r->re[i]);
	g_free(r);
}

/* found - a pattern of the list matches s. */
static bool
found(const GPtrArray *res, const char *s)
{
	if (s == NULL || !g_utf8_validate(s, -1, NULL))
		return false;
	for (guint i = 0; i < res->len; i++)
		if (g_regex_match(g_ptr_array_index(res, i), s, 0, NULL))
			return true;
	return false;
}

unsigned
checklist_check(const struct checklist_rules *r, const char *subject,
    const char *text, unsigned images)
{
	unsigned mask = images > 0 ? CHECK_BIT(CHECK_SCREENSHOTS) : 0;

	for (int i = 0; i < CHECK_ITEMS; i++)
		if (i != CHECK_SCREENSHOTS &&
		    (found(r->re[i], subject) || found(r->re[i], text)))
			mask |= CHECK_BIT(i);
	return mask;
}
