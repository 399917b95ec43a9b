/*
 * textclean.h - where the customer's words end in a plain-text body.
 *
 * Owns: finding, in decoded UTF-8 text, the start of the quoted history
 * (the configured reply markers, "On ... wrote:" and its localised forms
 * wrapped over up to three lines, Outlook From:/Sent:/To:/Subject: blocks,
 * "-----Original Message-----" and its localised forms, Outlook's "____"
 * rule, a trailing ">"-quoted block) and of the signature (the "-- "
 * delimiter, mobile footers, a closing phrase followed by a contact block,
 * configured disclaimer patterns).  Both are cut from the end: what is
 * kept is always a prefix of the text.  A forwarded message is content;
 * interleaved answers (text after quoted lines) are not cut.  When unsure,
 * keep the text: losing a customer's words is worse than keeping a
 * signature.
 *
 * Must not: parse MIME or HTML, or know charsets (the caller decodes).
 * Rules are built once per configuration and then read-only: thread-safe.
 */
#ifndef SUPPORT_MILTER_TEXTCLEAN_H
#define SUPPORT_MILTER_TEXTCLEAN_H

#include <stdbool.h>
#include <stddef.h>

struct textclean_rules;

/*
 * textclean_rules_new - markers: reply markers ("Please reply above this
 * line"), matched case-insensitively with any white space and any
 * leading ">" quoting, possibly wrapped across lines; disclaimers: text
 * that starts a legal disclaimer at the end ("This e-mail and any
 * attachments are confidential").  Returns NULL with err on a bad rule.
 */
struct textclean_rules *textclean_rules_new(const char *const *markers,
	    const char *const *disclaimers, char *err, size_t errlen);

void	textclean_rules_free(struct textclean_rules *);

/*
 * Where the kept text ends, and why the rest goes.  The reasons are
 * static strings.  signature_why: "delimiter", "mobile-footer",
 * "contact-block", "disclaimer" or NULL.  quote_why: "marker",
 * "reply-header", "outlook-header", "original-message", "rule",
 * "quoted", "footer" (text under a mobile footer: the quoted original
 * of a client that writes no header) or NULL.
 */
struct textclean_cut {
	size_t	keep;		/* bytes kept from the start; == len: no cut */
	size_t	signature;	/* start of the removed signature, or keep */
	size_t	quote;		/* start of the removed history, or len */
	const char *signature_why;
	const char *quote_why;
	bool	forward;	/* a forwarding line outside any quote */
};

/*
 * textclean_cut - find the cut in text (len bytes of UTF-8; any line
 * ends).  keep <= signature <= quote <= len, all at line starts; the
 * blank lines before the cut are not kept.  keep may be 0 (the history
 * starts at the top, the text is all quoted, or all that would be kept
 * is a mobile footer, "Sent from my iPhone"): the caller then passes the
 * message unchanged.  Linear in len; text may be NULL when len is 0.
 */
void	textclean_cut(const struct textclean_rules *, const char *text,
	    size_t len, struct textclean_cut *out);

/*
 * textclean_marker_find - where the first reply marker in text (len bytes)
 * starts, or (size_t)-1; with at_word, only where no letter or digit is
 * before it (the HTML cleaner's visible text runs words of elements
 * together).  Linear in len: only bytes that can begin a marker are tried.
 */
size_t	textclean_marker_find(const struct textclean_rules *,
	    const char *text, size_t len, bool at_word);

#endif
