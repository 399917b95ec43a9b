/*
 * textsig.h - where the signature starts above a plain-text history.
 *
 * Owns: the signature rules of the plain-text cutter: configured
 * disclaimers and mobile footers at the end, the RFC 3676 "-- "
 * delimiter, a mailing list's "__" footer, and a closing phrase
 * followed by a name and a contact block (the phrase and the name stay).
 * Internal to textclean.c and textlearn.c.
 *
 * Must not: allocate or keep state.  Thread-safe.
 */
#ifndef SUPPORT_MILTER_TEXTSIG_H
#define SUPPORT_MILTER_TEXTSIG_H

#include "textlines.h"

/* A bare "--" delimiter counts only above this many lines. */
#define TEXTSIG_DASH_AFTER 10

/* textsig_footer - line i is a mobile client's footer ("Sent from my
 * iPhone", "Von meinem iPhone gesendet"), not a sentence like one. */
bool	textsig_footer(const struct textlines *, size_t i);

/* textsig_closing - line i is a closing phrase ("Best regards,",
 * "Cheers, Anna"); *named when the name is on the same line. */
bool	textsig_closing(const struct textlines *, size_t i, bool *named);

/*
 * textsig_find - the first line of the signature above line q (the
 * history, or n), with its reason in *why; (size_t)-1 when there is
 * none.  first is the first nonblank line: a signature never starts
 * there, since a message needs some text above its signature.
 */
size_t	textsig_find(const struct textlines *,
	    const struct textlines_phrase *disclaimers, size_t ndisclaimers,
	    size_t q, size_t first, const char **why);

#endif
