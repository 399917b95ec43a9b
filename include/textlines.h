/*
 * textlines.h - plain text as lines, for the text cleaners.
 *
 * Owns: splitting UTF-8 text into lines (LF, CRLF or CR), folding one
 * line to lower case with white space collapsed into a caller's buffer,
 * and matching phrases case-insensitively across white space, line
 * breaks and ">" quoting.  Internal to textclean.c, textsig.c and
 * textlearn.c.
 *
 * Must not: allocate per line or keep state between calls: a struct
 * textlines is the caller's, read-only after textlines_split(), and
 * freed with textlines_release().  Thread-safe.
 *
 * Line numbers run from 0 to n - 1; functions that look for a line
 * return n (next) or (size_t)-1 (prev) when there is none.
 */
#ifndef SUPPORT_MILTER_TEXTLINES_H
#define SUPPORT_MILTER_TEXTLINES_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

/* Longer lines are prose: no header, footer or signature line is this long. */
#define TEXTLINES_FOLD_MAX 512

/* The text (borrowed) as lines: start[i] begins line i, start[n] == len. */
struct textlines {
	const char *text;
	size_t	len;
	size_t *start;
	size_t	n;
};

/* One line (or a few joined) in lower case, white space collapsed. */
struct textlines_fold {
	char	s[TEXTLINES_FOLD_MAX];
	size_t	n;
};

/* A phrase in lower case; ' ' stands for any run of white space. */
struct textlines_phrase {
	gunichar *c;
	size_t	n;
};

void	textlines_split(const char *text, size_t len, struct textlines *);
void	textlines_release(struct textlines *);
size_t	textlines_end(const struct textlines *, size_t i);
size_t	textlines_skip_space(const char *t, size_t p, size_t e);
bool	textlines_blank(const struct textlines *, size_t i);
bool	textlines_quoted(const struct textlines *, size_t i);
size_t	textlines_prev(const struct textlines *, size_t i, size_t max);
size_t	textlines_next(const struct textlines *, size_t i);
size_t	textlines_line_of(const struct textlines *, size_t off);

/* textlines_fold - line i folded into f (reset) or appended after a
 * space; false when the result would not fit: the line is prose. */
bool	textlines_fold(const struct textlines *, size_t i,
	    struct textlines_fold *f, bool reset);

size_t	textlines_prefix(const char *s, const char *const *table);
bool	textlines_suffix(const char *s, size_t n, const char *const *table);
const char *textlines_strip(char *s, const char *chars);
int	textlines_words(const struct textlines_fold *);

/* textlines_phrase_compile - false when text is empty or not UTF-8;
 * ph->c is the caller's to g_free() either way. */
bool	textlines_phrase_compile(const char *text, struct textlines_phrase *ph);
size_t	textlines_phrase_match(const struct textlines_phrase *, const char *t,
	    size_t p, size_t e);

#endif
