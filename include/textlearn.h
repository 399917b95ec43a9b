/*
 * textlearn.h - the trailing block of a customer's text that may be a
 * signature learned from the sender's earlier mail.
 *
 * Owns: finding the last block of the kept plain text (the lines after
 * the last blank line), deciding whether it may be learned at all, and
 * its fingerprint: the lines trimmed, white space folded, lower-cased,
 * hashed with SHA-256 (the first 32 hex digits).  Whether the block goes
 * is the caller's: it counts fingerprints per sender (store.h, table
 * sigs) and cuts the block once it recurs.
 *
 * A block may be learned only when it is short (at most TEXTLEARN_LINES
 * nonblank lines and TEXTLEARN_BYTES bytes), is not the only block (text
 * stays above it), holds no '?', no quoted ('>') line and at most one
 * sentence ending in '.', and is not a closing phrase and name: those
 * lines stay (textsig.h) and only the lines under them are the block.
 *
 * Must not: allocate beyond the call or keep state.  Thread-safe.
 */
#ifndef SUPPORT_MILTER_TEXTLEARN_H
#define SUPPORT_MILTER_TEXTLEARN_H

#include <stdbool.h>
#include <stddef.h>

#define TEXTLEARN_LINES	8
#define TEXTLEARN_BYTES	600
#define TEXTLEARN_HASHLEN 32	/* hex digits of a fingerprint */

struct textlearn_block {
	size_t	start;		/* first byte of the block's first line */
	size_t	keep;		/* bytes kept when it is cut: the text above
				   it, without the blank lines between */
	char	hash[TEXTLEARN_HASHLEN + 1];
};

/*
 * textlearn_find - the learnable trailing block of text (len bytes of
 * UTF-8, any line ends); false when there is none.  text may be NULL
 * when len is 0.
 */
bool	textlearn_find(const char *text, size_t len, struct textlearn_block *out);

#endif
