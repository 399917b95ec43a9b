/*
 * utf8.h - whether bytes are valid UTF-8, fast for the ASCII most mail
 * text is.
 *
 * Owns: the checks the message and HTML layers make of whole parts
 * (GLib 2.74's validator reads a byte at a time; this one skips ASCII
 * eight bytes at a time and hands GLib the rest).  Must not: convert or
 * repair text.  Thread-safe, no state.
 */
#ifndef SUPPORT_MILTER_UTF8_H
#define SUPPORT_MILTER_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/*
 * utf8_valid - s (len bytes) is valid UTF-8 with no NUL byte: what
 * g_utf8_validate_len() answers.  s may be NULL when len is 0.
 */
bool	utf8_valid(const char *s, size_t len);

/* utf8_ascii - s (len bytes) is ASCII with no NUL byte; s may be NULL when
 * len is 0. */
bool	utf8_ascii(const char *s, size_t len);

#endif
