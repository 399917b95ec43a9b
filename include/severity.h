/*
 * severity.h - the severity a customer states in a request or a reply.
 *
 * Owns: recognising a stated severity (1-5 of the support procedure's
 * scale) in the Subject and the first lines of the kept text: a
 * configured word followed by the level ("Severity 1", "Sev 2",
 * "Severity: 3", "Schweregrad 2") or the short form "[S1]".  The result
 * is the customer's statement, never a decision: the consultant reviews
 * severity, and no text is changed.
 *
 * Must not: read MIME or write headers (intake.c does).  The rules are
 * built once per configuration (conf.c) and are read-only afterwards:
 * thread-safe.  severity_rules_free() releases them.
 */
#ifndef SUPPORT_MILTER_SEVERITY_H
#define SUPPORT_MILTER_SEVERITY_H

#include <stddef.h>

/* The procedure's level for "no severity stated": Unassigned. */
#define SEVERITY_UNASSIGNED	5

struct severity_rules;

/*
 * severity_rules_new - the rules for words (case-insensitive; at least
 * one), or NULL with a message in err.
 */
struct severity_rules *severity_rules_new(const char *const *words,
	    char *err, size_t errlen);
void	severity_rules_free(struct severity_rules *);

/*
 * severity_find - the level stated first in subject (may be NULL), else
 * in the first nlines non-blank lines of text (UTF-8, may be NULL), and
 * in *stated the words as written, white space collapsed (g_free); or
 * SEVERITY_UNASSIGNED and *stated NULL when none is stated.
 */
int	severity_find(const struct severity_rules *, const char *subject,
	    const char *text, size_t nlines, char **stated);

#endif
