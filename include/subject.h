/*
 * subject.h - Subject normalisation and the ticket token.
 *
 * Owns: RFC 5256's base subject, stripping reply/forward prefixes
 * (localised, with counters) and gateway tags, finding our ticket token
 * ("Ticket [48213]", configurable word and brackets) anywhere in the
 * Subject, and writing the canonical Subject ("Ticket [48213] rest").
 *
 * Must not: touch other systems' tags ("[rt.example.com #123]",
 * "[Ticket#123]", "[PATCH]") in the Subject we write; only
 * subject_base() removes every leading [blob], as RFC 5256 says.  Nor
 * decode or encode the header value: the text comes from rfc2047_decode()
 * and goes out through rfc2047_encode() (rfc2047.h).
 *
 * A struct subject_rules is built once per configuration and is then
 * read-only: thread-safe.  Every char * result belongs to the caller
 * (g_free).  A NULL text is taken as "".  Every text is first cut to
 * RFC2047_TEXT_MAX (16384) bytes, at a character boundary, so the work
 * per Subject is bounded (and linear: thousands of "Re: " are fine).
 * docs/subjects.md has the rules with examples.
 */
#ifndef SUPPORT_MILTER_SUBJECT_H
#define SUPPORT_MILTER_SUBJECT_H

#include <stdbool.h>
#include <stddef.h>

struct subject_rules;

/*
 * subject_rules_new - compile the rules.  prefixes: reply/forward words
 * without the colon ("Re", "AW", "回复", ...), matched case-insensitively,
 * followed by optional counters "[2]" or "(2)", optional white space and
 * ":" or the fullwidth "：".  tags: gateway tags removed wherever they
 * stand ("[EXTERNAL]", "*EXTERNAL*"), case-insensitively.  word and
 * brackets (two characters, "[]") make the token.  NULL lists are empty.
 * Returns NULL with a message in err (which may be NULL) when a rule is
 * unusable: a word that is empty, longer than 64 bytes, not UTF-8, has
 * white space or a bracket; brackets not two ASCII punctuation
 * characters; a prefix or tag that is empty, longer than 64 bytes or not
 * UTF-8; a prefix with white space or a colon; a tag with white space
 * other than single spaces inside ("[External Sender]"); more than 256
 * prefixes or tags.
 */
struct subject_rules *subject_rules_new(const char *const *prefixes,
	    const char *const *tags, const char *word, const char *brackets,
	    char *err, size_t errlen);

/* subject_rules_free - NULL is allowed. */
void	subject_rules_free(struct subject_rules *);

/*
 * subject_base - RFC 5256 section 2.1 base subject of a decoded (UTF-8)
 * Subject: white space runs folded to one space, trailing "(fwd)" and
 * leading re/fw/fwd prefixes (with [blob]s) and leading [blob]s removed,
 * "[fwd: ...]" unwrapped, repeated until nothing changes.  Only the RFC's
 * English prefixes; for sorting and comparison, not for writing.  White
 * space is SP and HTAB, and CR and LF as the remains of continuations.
 */
char	*subject_base(const char *utf8);

/* What subject_parse() found in a decoded Subject. */
struct subject_parts {
	char	*ticket;	/* digits of the first token, or NULL */
	bool	conflict;	/* tokens with different numbers were present */
	char	*rest;		/* the Subject without prefixes, gateway tags
				   and tokens, in NFC; runs of ASCII white
				   space and control characters are one
				   space, none at the ends; other spaces
				   (no-break, ideographic) are text */
};

/*
 * subject_parse - split a decoded Subject into our token and the rest.
 * Tokens are recognised anywhere, case-insensitively, with flexible
 * spaces: "Ticket [48213]", "ticket[ 48213 ]", "TICKET [ 48213 ]".  Leading
 * reply/forward prefixes and gateway tags are removed (also between and
 * after tokens at the front: "Re: Ticket [1] AW: x" gives "x"); other
 * bracketed tags are kept as they are.  Always fills out; release it with
 * subject_parts_clear().
 *
 * Token: the word, not preceded by a letter or digit; optional white
 * space; the open bracket; optional white space; 1 to 20 ASCII digits;
 * optional white space; the close bracket.  Every token is removed;
 * ticket is the first one's digits as written ("007" stays "007").
 * Prefix: a listed word, an optional counter "[2]" or "(2)", optional
 * white space, ":" or "：".  Matching is case-insensitive (Unicode case
 * folding, after NFC).  A gateway tag that begins (ends) with a letter or
 * digit is not removed from inside a longer word.
 */
void	subject_parse(const struct subject_rules *, const char *utf8,
	    struct subject_parts *out);

void	subject_parts_clear(struct subject_parts *);

/*
 * subject_compose - the Subject we write: "<word> <open>N<close> rest"
 * (e.g. "Ticket [48213] Prozess 17 hängt"), or rest alone when ticket is
 * NULL or "", or the token alone when rest is NULL or "".
 */
char	*subject_compose(const struct subject_rules *, const char *ticket,
	    const char *rest);

#endif
