/*
 * checklist.h - which details of the support procedure a new request holds.
 *
 * Owns: the procedure's list of details a new ticket should contain
 * (process number, screenshots, product and version, steps to replicate,
 * who is affected, when it first occurred, changes to integrated systems,
 * changes to the server environment, server access arranged), their
 * names and sentences, and the configured patterns (GRegex, compiled
 * once per configuration) that find each in a message's text.
 * Screenshots are not read from text: the caller counts the images that
 * were kept.
 *
 * Must not: read MIME or write headers (intake.c does).  Rules are
 * read-only once built: thread-safe.  checklist_rules_free() releases
 * them.
 */
#ifndef SUPPORT_MILTER_CHECKLIST_H
#define SUPPORT_MILTER_CHECKLIST_H

#include <stddef.h>

enum checklist_item {
	CHECK_PROCESS,
	CHECK_SCREENSHOTS,
	CHECK_VERSION,
	CHECK_STEPS,
	CHECK_AFFECTED,
	CHECK_FIRST,
	CHECK_INTEGRATION,
	CHECK_SERVER,
	CHECK_ACCESS,
	CHECK_ITEMS
};

/* CHECK_BIT(item): an item in a mask of items. */
#define CHECK_BIT(i)	(1u << (i))
#define CHECK_ALL	(CHECK_BIT(CHECK_ITEMS) - 1)

struct checklist_rules;

/*
 * checklist_rules_new - compile patterns[item] (NULL-terminated lists of
 * PCRE patterns, matched case-insensitively, ^ and $ at line ends; the
 * entry for CHECK_SCREENSHOTS is ignored and may be NULL).  NULL with
 * "KEY: pattern N: why" in err when a pattern does not compile; keys[item]
 * names the setting each list came from.
 */
struct checklist_rules *checklist_rules_new(
	    const char *const *const patterns[CHECK_ITEMS],
	    const char *const keys[CHECK_ITEMS], char *err, size_t errlen);
void	checklist_rules_free(struct checklist_rules *);

/*
 * checklist_check - the mask of items found: in subject and text (UTF-8;
 * either may be NULL) by their patterns, screenshots when images > 0.
 */
unsigned checklist_check(const struct checklist_rules *, const char *subject,
	    const char *text, unsigned images);

/* checklist_name - the item's name in headers: "product-version". */
const char *checklist_name(enum checklist_item);

/* checklist_sentence - what the procedure asks for, as an ASCII phrase
 * for the guidance reply: "the product name and version". */
const char *checklist_sentence(enum checklist_item);

#endif
