/*
 * NAME
 *	subject - normalise and write the Subject; the ticket token
 * SYNOPSIS
 *	#include "subject.h"
 * DESCRIPTION
 *	subject_base() is RFC 5256 section 2.1 to the letter, on the bytes
 *	of UTF-8 as the RFC's ABNF is.  subject_parse() applies our rules
 *	(docs/subjects.md) to the text in NFC through a case-folded copy
 *	that remembers where each folded byte came from, so removals apply
 *	to the text as written.  Every search is a forward scan: the work
 *	grows with the length of the Subject, not its square, even for
 *	thousands of "Re: " or "[blob]"s.
 *
 *	The text arrives decoded by rfc2047_decode() and leaves through
 *	rfc2047_encode(); RFC 2047 is not this file's.  Every input is cut
 *	to RFC2047_TEXT_MAX bytes, at a character boundary, first
 *	(rfc2047_make_valid()).  Prefixes, tags and the token word have at
 *	most AFFIX_MAX bytes, LIST_MAX of each; a ticket number has at most
 *	DIGITS_MAX digits.
 * DIAGNOSTICS
 *	Only subject_rules_new() fails: NULL, with a message in err.
 * SEE ALSO
 *	RFC 5256 section 2.1, subject.h, rfc2047.h, docs/subjects.md
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "rfc2047.h"
#include "subject.h"

#define AFFIX_MAX	64	/* bytes of a prefix, a tag or the token word */
#define LIST_MAX	256	/* prefixes, and tags */
#define DIGITS_MAX	20	/* digits of a ticket number */
#define FULLWIDTH_COLON	"\xEF\xBC\x9A"	/* U+FF1A */

struct subject_rules {
	char	**prefixes;		/* NFC, case-folded */
	char	**tags;			/* NFC, case-folded */
	char	*word;			/* as configured, for writing */
	char	*word_fold;		/* NFC, case-folded, for reading */
	char	open;
	char	close;
};

/* is_space - ASCII white space, and control characters, for our rules. */
static bool
is_space(unsigned char c)
{
	return c <= 0x20 || c == 0x7f;
}

/* fold_key - s in NFC, case-folded: the form every comparison uses. */
static char *
fold_key(const char *s)
{
	char	*nfc = g_utf8_normalize(s, -1, G_NORMALIZE_DEFAULT_COMPOSE);
	char	*key = g_utf8_casefold(nfc, -1);

	g_free(nfc);
	return key;
}

/*
 * affix_check - why s cannot be a prefix (prefix), a tag (tag) or the
 * token word, or NULL.  A tag may have single spaces inside ("[External
 * Sender]"); a prefix comes without the colon, matched after a counter.
 */
static const char *
affix_check(const char *s, bool prefix, bool tag)
{
	if (s == NULL || *s == '\0')
		return "is empty";
	if (strlen(s) > AFFIX_MAX)
		return "is longer than " G_STRINGIFY(AFFIX_MAX) " bytes";
	if (!g_utf8_validate(s, -1, NULL))
		return "is not UTF-8";
	for (const char *p = s; *p; p++)
		if (is_space((unsigned char)*p) && (!tag || *p != ' ' ||
		    p == s || p[1] == ' ' || p[1] == '\0'))
			return tag ? "has white space other than single spaces "
			    "inside" : "contains white space";
	if (prefix && (strchr(s, ':') || strstr(s, FULLWIDTH_COLON)))
		return "contains the colon (give the word alone)";
	return NULL;
}

/* list_build - the folded copies of list, or NULL with a message in err. */
static char **
list_build(const char *what, const char *const *list, bool prefix,
    char *err, size_t errlen)
{
	size_t	n = 0;
	char	**out;
	const char *why;

	while (list && list[n])
		n++;
	if (n > LIST_MAX) {
		(void)g_snprintf(err, errlen, "more than %d in the %s list",
		    LIST_MAX, what);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if ((why = affix_check(list[i], prefix, !prefix)) != NULL) {
			(void)g_snprintf(err, errlen, "%s %zu %s", what, i + 1,
			    why);
			return NULL;
		}
	out = g_new0(char *, n + 1);
	for (size_t i = 0; i < n; i++)
		out[i] = fold_key(list[i]);
	return out;
}

/* token_check - why word and brackets cannot make a token, or NULL. */
static const char *
token_check(const char *word, const char *brackets)
{
	if (affix_check(word, false, false) != NULL)
		return "the token word must be 1 to " G_STRINGIFY(AFFIX_MAX)
		    " bytes of UTF-8 without white space";
	if (brackets == NULL || strlen(brackets) != 2 ||
	    !g_ascii_ispunct(brackets[0]) || !g_ascii_ispunct(brackets[1]))
		return "the token brackets must be two ASCII punctuation "
		    "characters";
	if (strchr(word, brackets[0]) || strchr(word, brackets[1]))
		return "the token word must not contain a bracket";
	return NULL;
}

struct subject_rules *
subject_rules_new(const char *const *prefixes, const char *const *tags,
    const char *word, const char *brackets, char *err, size_t errlen)
{
	struct subject_rules *r = g_new0(struct subject_rules, 1);
	const char *why = token_check(word, brackets);
	char	dummy[1];

	if (err == NULL || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	if (why != NULL) {
		(void)g_snprintf(err, errlen, "%s", why);
	} else if ((r->prefixes = list_build("prefix", prefixes, true, err,
	    errlen)) != NULL && (r->tags = list_build("tag", tags, false, err,
	    errlen)) != NULL) {
		r->word = g_strdup(word);
		r->word_fold = fold_key(word);
		r->open = brackets[0];
		r->close = brackets[1];
		return r;
	}
	subject_rules_free(r);
	return NULL;
}

void
subject_rules_free(struct subject_rules *r)
{
	if (r == NULL)
		return;
	g_strfreev(r->prefixes);
	g_strfreev(r->tags);
	g_free(r->word);
	g_free(r->word_fold);
	g_free(r);
}

/*
 * base_spaces - RFC 5256 step 1: tabs and what is left of continuations
 * (CR, LF) become spaces, runs of spaces one space.
 */
static GString *
base_spaces(const char *s)
{
	GString	*b = g_string_sized_new(strlen(s));
	bool	space = false;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			space = true;
			continue;
		}
		if (space)
			g_string_append_c(b, ' ');
		space = false;
		g_string_append_c(b, *s);
	}
	if (space)
		g_string_append_c(b, ' ');
	return b;
}

/* blob_end - end of a subj-blob ("[" *BLOBCHAR "]" *WSP) at p, or 0. */
static size_t
blob_end(const char *b, size_t p, size_t end)
{
	size_t	q = p + 1;

	if (p >= end || b[p] != '[')
		return 0;
	while (q < end && b[q] != '[' && b[q] != ']')
		q++;
	if (q >= end || b[q] != ']')
		return 0;
	for (q++; q < end && b[q] == ' '; q++)
		;
	return q;
}

/*
 * refwd_end - end of a subj-refwd (("re" / "fw" ["d"]) *WSP [subj-blob]
 * ":") at p, or 0.  The RFC's literals are case-insensitive.
 */
static size_t
refwd_end(const char *b, size_t p, size_t end)
{
	size_t	q, r;

	if (end - p < 3)
		return 0;
	if (g_ascii_strncasecmp(b + p, "re", 2) == 0)
		q = p + 2;
	else if (g_ascii_strncasecmp(b + p, "fw", 2) == 0)
		q = p + 2 + (g_ascii_tolower(b[p + 2]) == 'd');
	else
		return 0;
	while (q < end && b[q] == ' ')
		q++;
	if ((r = blob_end(b, q, end)) != 0)
		q = r;
	return q < end && b[q] == ':' ? q + 1 : 0;
}

/*
 * base_leaders - RFC 5256 steps 3 to 5: subj-leaders, then one subj-blob
 * when something is left after it, until neither applies; returns the new
 * start.  chain remembers where a run of blobs not followed by a subj-refwd
 * ended, so that removing them one by one does not scan them again.
 */
static size_t
base_leaders(const char *b, size_t start, size_t end)
{
	size_t	chain = 0, p, q;
	bool	known = false;

	while (start < end) {
		if (b[start] == ' ') {
			start++;
			continue;
		}
		if (!known || start > chain) {
			for (p = start; (q = blob_end(b, p, end)) != 0; p = q)
				;
			if ((q = refwd_end(b, p, end)) != 0) {
				start = q;
				continue;
			}
			chain = p;
			known = true;
		}
		if ((q = blob_end(b, start, end)) == 0 || q >= end)
			break;
		start = q;
	}
	return start;
}

char *
subject_base(const char *utf8)
{
	char	*text = rfc2047_make_valid(utf8);
	GString	*b = base_spaces(text);
	size_t	start = 0, end = b->len;
	char	*out;

	for (;;) {
		/* (2) subj-trailer: "(fwd)" and white space at the end */
		for (;;) {
			if (end > start && b->str[end - 1] == ' ')
				end--;
			else if (end - start >= 5 && g_ascii_strncasecmp(
			    b->str + end - 5, "(fwd)", 5) == 0)
				end -= 5;
			else
				break;
		}
		start = base_leaders(b->str, start, end);
		/* (6) "[fwd:" subject "]": unwrap and start again at (2) */
		if (end - start < 6 ||
		    g_ascii_strncasecmp(b->str + start, "[fwd:", 5) != 0 ||
		    b->str[end - 1] != ']')
			break;
		start += 5;
		end--;
	}
	out = g_strndup(b->str + start, end - start);
	g_string_free(b, TRUE);
	g_free(text);
	return out;
}

/*
 * A decoded Subject in NFC (s) and its case-folded copy (f), character by
 * character, with each run of white space as one space; at[i] is the
 * offset in s of the character that gave f[i], at[f->len] the length of s.
 */
struct view {
	char	*s;
	size_t	slen;
	GString	*f;
	size_t	*at;
};

/* view_init - the view of utf8. */
static void
view_init(struct view *v, const char *utf8)
{
	char	*text = rfc2047_make_valid(utf8);
	GArray	*at = g_array_sized_new(FALSE, FALSE, sizeof(size_t),
	    (guint)strlen(text) + 1);

	v->s = g_utf8_normalize(text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
	v->slen = strlen(v->s);
	v->f = g_string_sized_new(v->slen);
	for (const char *p = v->s; *p; p = g_utf8_next_char(p)) {
		size_t	off = (size_t)(p - v->s), before = v->f->len;
		char	*cf;

		if (is_space((unsigned char)*p)) {
			if (p == v->s || !is_space((unsigned char)p[-1]))
				g_string_append_c(v->f, ' ');
		} else if ((unsigned char)*p < 0x80) {
			g_string_append_c(v->f, g_ascii_tolower(*p));
		} else {
			cf = g_utf8_casefold(p, g_utf8_next_char(p) - p);
			g_string_append(v->f, cf);
			g_free(cf);
		}
		while (before++ < v->f->len)
			g_array_append_val(at, off);
	}
	g_array_append_val(at, v->slen);
	v->at = (size_t *)(void *)g_array_free(at, FALSE);
	g_free(text);
}

/* view_boundary - true when a character of s starts at f[i]. */
static bool
view_boundary(const struct view *v, size_t i)
{
	return i == 0 || i >= v->f->len || v->at[i] != v->at[i - 1];
}

/* view_alnum - is the character of s just before (after) f[i] alphanumeric? */
static bool
view_alnum(const struct view *v, size_t i, bool after)
{
	const char *p = v->s + v->at[i];

	if (after)
		return *p != '\0' && g_unichar_isalnum(g_utf8_get_char(p));
	if (p == v->s)
		return false;
	return g_unichar_isalnum(g_utf8_get_char(g_utf8_prev_char(p)));
}

/* view_drop - mark the characters behind f[i..j) as removed. */
static void
view_drop(const struct view *v, bool *drop, size_t i, size_t j)
{
	for (size_t k = v->at[i]; k < v->at[j]; k++)
		drop[k] = true;
}

/* skip_blank - past the white space (one space in f) at f[i]. */
static size_t
skip_blank(const GString *f, size_t i)
{
	return i < f->len && f->str[i] == ' ' ? i + 1 : i;
}

/*
 * token_at - when our token starts at f[i] (word, blanks, open, blanks,
 * 1 to DIGITS_MAX digits, blanks, close), its end, with the digits at
 * f[*num] for *nlen bytes; else 0.  The word must not continue a word.
 */
static size_t
token_at(const struct subject_rules *r, const struct view *v, size_t i,
    size_t *num, size_t *nlen)
{
	const GString *f = v->f;
	size_t	q = i + strlen(r->word_fold), n;

	if (!view_boundary(v, i) || !view_boundary(v, q) ||
	    view_alnum(v, i, false))
		return 0;
	q = skip_blank(f, q);
	if (q >= f->len || f->str[q] != r->open)
		return 0;
	q = skip_blank(f, q + 1);
	for (n = 0; q + n < f->len && g_ascii_isdigit(f->str[q + n]); n++)
		;
	if (n == 0 || n > DIGITS_MAX)
		return 0;
	*num = q;
	*nlen = n;
	q = skip_blank(f, q + n);
	return q < f->len && f->str[q] == r->close ? q + 1 : 0;
}

/* find_tokens - remove every token; the first number, and any conflict. */
static void
find_tokens(const struct subject_rules *r, const struct view *v, bool *drop,
    struct subject_parts *out)
{
	const char *f = v->f->str, *hit;
	size_t	wlen = strlen(r->word_fold), i = 0, end, num = 0, nlen = 0;

	while (i < v->f->len &&
	    (hit = memmem(f + i, v->f->len - i, r->word_fold, wlen)) != NULL) {
		i = (size_t)(hit - f);
		if ((end = token_at(r, v, i, &num, &nlen)) == 0) {
			i++;
			continue;
		}
		view_drop(v, drop, i, end);
		if (out->ticket == NULL)
			out->ticket = g_strndup(f + num, nlen);
		else if (strlen(out->ticket) != nlen ||
		    memcmp(out->ticket, f + num, nlen) != 0)
			out->conflict = true;
		i = end;
	}
}

/*
 * find_tags - remove every gateway tag.  A tag that begins (ends) with a
 * letter or digit must not continue (be continued by) a word: "EXT" does
 * not take the front of "EXTRA".
 */
static void
find_tags(const struct subject_rules *r, const struct view *v, bool *drop)
{
	const char *f = v->f->str, *hit;

	for (size_t t = 0; r->tags[t]; t++) {
		const char *tag = r->tags[t];
		size_t	tlen = strlen(tag), i = 0, end;
		bool	alnum_first = g_unichar_isalnum(g_utf8_get_char(tag));
		bool	alnum_last = g_unichar_isalnum(g_utf8_get_char(
		    g_utf8_prev_char(tag + tlen)));

		while (i < v->f->len &&
		    (hit = memmem(f + i, v->f->len - i, tag, tlen)) != NULL) {
			i = (size_t)(hit - f);
			end = i + tlen;
			if (!view_boundary(v, i) || !view_boundary(v, end) ||
			    (alnum_first && view_alnum(v, i, false)) ||
			    (alnum_last && view_alnum(v, end, true))) {
				i++;
				continue;
			}
			view_drop(v, drop, i, end);
			i = end;
		}
	}
}

/* counter_end - past a counter "[2]" or "(2)" at f[i], or i when none. */
static size_t
counter_end(const GString *f, size_t i)
{
	size_t	q = i + 1;
	char	shut;

	if (i >= f->len || (f->str[i] != '[' && f->str[i] != '('))
		return i;
	shut = f->str[i] == '[' ? ']' : ')';
	while (q < f->len && g_ascii_isdigit(f->str[q]))
		q++;
	return q > i + 1 && q < f->len && f->str[q] == shut ? q + 1 : i;
}

/*
 * prefix_at - end of a reply or forward prefix at f[i] (word, optional
 * counter, blanks, ":" or the fullwidth colon), or 0.
 */
static size_t
prefix_at(const struct subject_rules *r, const struct view *v, size_t i)
{
	const GString *f = v->f;

	for (size_t k = 0; r->prefixes[k]; k++) {
		size_t	plen = strlen(r->prefixes[k]), q;

		if (f->len - i < plen ||
		    memcmp(f->str + i, r->prefixes[k], plen) != 0 ||
		    !view_boundary(v, i + plen))
			continue;
		q = skip_blank(f, counter_end(f, i + plen));
		if (q < f->len && f->str[q] == ':')
			return q + 1;
		if (f->len - q >= 3 &&
		    memcmp(f->str + q, FULLWIDTH_COLON, 3) == 0)
			return q + 3;
	}
	return 0;
}

/*
 * strip_front - remove prefixes at the front, passing over white space
 * and the tokens and tags already removed, until something else comes.
 */
static void
strip_front(const struct subject_rules *r, const struct view *v, bool *drop)
{
	size_t	i = 0, end;

	while (i < v->f->len) {
		if (v->f->str[i] == ' ' || drop[v->at[i]]) {
			i++;
			continue;
		}
		if ((end = prefix_at(r, v, i)) == 0)
			break;
		view_drop(v, drop, i, end);
		i = end;
	}
}

/* rest_build - what is not removed, white space runs as one space. */
static char *
rest_build(const struct view *v, const bool *drop)
{
	GString	*out = g_string_sized_new(v->slen);
	bool	space = false;

	for (size_t i = 0; i < v->slen; i++) {
		if (drop[i])
			continue;
		if (is_space((unsigned char)v->s[i])) {
			space = true;
			continue;
		}
		if (space && out->len > 0)
			g_string_append_c(out, ' ');
		space = false;
		g_string_append_c(out, v->s[i]);
	}
	return g_string_free(out, FALSE);
}

void
subject_parse(const struct subject_rules *r, const char *utf8,
    struct subject_parts *out)
{
	struct view v;
	bool	*drop;

	out->ticket = NULL;
	out->conflict = false;
	view_init(&v, utf8);
	drop = g_new0(bool, v.slen + 1);
	find_tokens(r, &v, drop, out);
	find_tags(r, &v, drop);
	strip_front(r, &v, drop);
	out->rest = rest_build(&v, drop);
	g_free(drop);
	g_free(v.s);
	g_string_free(v.f, TRUE);
	g_free(v.at);
}

void
subject_parts_clear(struct subject_parts *p)
{
	g_free(p->ticket);
	g_free(p->rest);
	p->ticket = NULL;
	p->rest = NULL;
	p->conflict = false;
}

char *
subject_compose(const struct subject_rules *r, const char *ticket,
    const char *rest)
{
	GString	*s = g_string_new(NULL);

	if (ticket != NULL && *ticket != '\0')
		g_string_printf(s, "%s %c%s%c", r->word, r->open, ticket,
		    r->close);
	if (rest != NULL && *rest != '\0') {
		if (s->len > 0)
			g_string_append_c(s, ' ');
		g_string_append(s, rest);
	}
	return g_string_free(s, FALSE);
}
