/*
 * NAME
 *	subject - decode, normalise and write the Subject; the ticket token
 * SYNOPSIS
 *	#include "subject.h"
 * DESCRIPTION
 *	RFC 2047 is GMime's; this file decides what text GMime sees.  A raw
 *	Subject is unfolded, runs of "B" words in one charset are joined (see
 *	BUGS), and GMime decodes it with the fallback charsets UTF-8,
 *	windows-1252 and ISO-8859-1, so raw 8-bit text is never dropped.
 *
 *	subject_base() is RFC 5256 section 2.1 to the letter, on the bytes
 *	of UTF-8 as the RFC's ABNF is.  subject_parse() applies our rules
 *	(docs/subjects.md) to the text in NFC through a case-folded copy
 *	that remembers where each folded byte came from, so removals apply
 *	to the text as written.  Every search is a forward scan: the work
 *	grows with the length of the Subject, not its square, even for
 *	thousands of "Re: " or "[blob]"s.
 *
 *	subject_encode() writes words of printable ASCII as they are.  Runs
 *	of other words go to GMime in pieces small enough for every encoded
 *	word to fit a line (RFC 2047's 75 characters; 67 for the first word,
 *	after "Subject: "), cut only where GMime has letters to encode on both
 *	sides, so that it writes encoded words only.  We fold the result at
 *	76 characters when it has encoded words (RFC 2047), else at 78.
 *
 *	Every input is cut to SUBJECT_MAX bytes, at a character boundary,
 *	first.  Prefixes, tags and the token word have at most AFFIX_MAX
 *	bytes, LIST_MAX of each; a ticket number has at most DIGITS_MAX
 *	digits.
 * DIAGNOSTICS
 *	Only subject_rules_new() fails: NULL, with a message in err.
 * BUGS
 *	GMime 3.2.13 (Debian 12) stops decoding a run of base64 words in one
 *	charset after the first with padding: "=?UTF-8?B?SGVsbG8=?=
 *	=?UTF-8?B?IHdvcmxk?=" gives "Hello" (gmime issue #133, fixed after
 *	3.2.13).  bwords_join() hands GMime such a run as one word.  Its
 *	folder splits words too long for a line with "\n\t", which puts a
 *	tab into the word; fold_value() does not split words.
 *
 *	A word of the Subject that looks like an encoded word ("=?x?q?y?=") is
 *	decoded by every reader; it is written as it is, as GMime does.
 * SEE ALSO
 *	RFC 2047, RFC 5256 section 2.1, RFC 5322 section 2.1.1, subject.h,
 *	docs/subjects.md
 */
#include <stdbool.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

#include "subject.h"

#define SUBJECT_MAX	16384	/* bytes of a Subject we look at */
#define AFFIX_MAX	64	/* bytes of a prefix, a tag or the token word */
#define LIST_MAX	256	/* prefixes, and tags */
#define DIGITS_MAX	20	/* digits of a ticket number */
#define CHARSET_MAX	64	/* bytes of a charset name in an encoded word */
#define FOLD_MAX	78	/* RFC 5322 section 2.1.1 */
#define EWORD_MAX	75	/* RFC 2047 section 2 */
#define EWORD_LINE_MAX	76	/* RFC 2047 section 2: a line with encoded words */
#define LINE_HARD_MAX	998	/* RFC 5322 section 2.1.1 */
#define HEADER_NAME	"Subject: "
#define FIRST_MAX	(EWORD_LINE_MAX - (sizeof(HEADER_NAME) - 1))
/* bytes of UTF-8 that fit a "B" word of n characters: "=?UTF-8?b?...?=" */
#define PIECE_BYTES(n)	(((n) - 12) / 4 * 3)
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

/*
 * text_valid - utf8 cut to SUBJECT_MAX bytes without splitting a
 * character, invalid sequences replaced with U+FFFD.
 */
static char *
text_valid(const char *utf8)
{
	size_t	len = strnlen(utf8 ? utf8 : "", SUBJECT_MAX + 1);

	/* back up over at most 3 continuation bytes to the character's start */
	if (len > SUBJECT_MAX)
		for (len = SUBJECT_MAX; len > SUBJECT_MAX - 3 &&
		    ((unsigned char)utf8[len] & 0xc0) == 0x80; len--)
			;
	return g_utf8_make_valid(utf8 ? utf8 : "", (gssize)len);
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
 * bword_at - when an encoded word "=?charset?B?payload?=" starts at s[i],
 * its end, with the charset and the payload as offsets and lengths.
 */
static size_t
bword_at(const char *s, size_t i, size_t len, size_t span[4])
{
	size_t	j = i + 2, k = j, p;

	if (len - i < 8 || s[i] != '=' || s[i + 1] != '?')
		return 0;
	while (k < len && k - j < CHARSET_MAX && s[k] != '?' &&
	    !is_space((unsigned char)s[k]))
		k++;
	if (k == j || len - k < 5 || s[k] != '?' || (s[k + 1] != 'B' &&
	    s[k + 1] != 'b') || s[k + 2] != '?')
		return 0;
	for (p = k + 3; p < len && (g_ascii_isalnum(s[p]) || s[p] == '+' ||
	    s[p] == '/' || s[p] == '='); p++)
		;
	if (len - p < 2 || s[p] != '?' || s[p + 1] != '=')
		return 0;
	span[0] = j;
	span[1] = k - j;
	span[2] = k + 3;
	span[3] = p - (k + 3);
	return p + 2;
}

/*
 * bword_run - append the run of "B" words in one charset that starts at
 * s[i] (ending at first_end) to out, as one word when there are several;
 * return where the run ends.
 */
static size_t
bword_run(const char *s, size_t len, size_t i, size_t first_end,
    const size_t span[4], GString *out)
{
	GString	*payload = g_string_new_len(s + span[2], (gssize)span[3]);
	size_t	end = first_end, next[4], j, e;
	guchar	*bytes;
	gsize	nbytes;
	char	*b64;

	for (;;) {
		for (j = end; j < len && (s[j] == ' ' || s[j] == '\t'); j++)
			;
		if ((e = bword_at(s, j, len, next)) == 0 ||
		    next[1] != span[1] ||
		    g_ascii_strncasecmp(s + next[0], s + span[0], span[1]) != 0)
			break;
		g_string_append_len(payload, s + next[2], (gssize)next[3]);
		end = e;
	}
	if (end == first_end) {
		g_string_append_len(out, s + i, (gssize)(end - i));
	} else {
		bytes = g_base64_decode(payload->str, &nbytes);
		b64 = g_base64_encode(bytes, nbytes);
		g_string_append(out, "=?");
		g_string_append_len(out, s + span[0], (gssize)span[1]);
		g_string_append_printf(out, "?B?%s?=", b64);
		g_free(bytes);
		g_free(b64);
	}
	g_string_free(payload, TRUE);
	return end;
}

/* bwords_join - s with every run of "B" words in one charset joined. */
static char *
bwords_join(const char *s)
{
	size_t	len = strlen(s), i = 0, end, span[4];
	GString	*out = g_string_sized_new(len);

	while (i < len) {
		if ((end = bword_at(s, i, len, span)) != 0)
			i = bword_run(s, len, i, end, span, out);
		else
			g_string_append_c(out, s[i++]);
	}
	return g_string_free(out, FALSE);
}

char *
subject_decode(const char *raw)
{
	const char *fallback[] = { "UTF-8", "windows-1252", "iso-8859-1",
		NULL };
	GMimeParserOptions *opts = g_mime_parser_options_new();
	char	*cut = g_strndup(raw ? raw : "", SUBJECT_MAX);
	char	*unfolded = g_mime_utils_header_unfold(cut);
	char	*joined = bwords_join(unfolded);
	char	*text, *out;

	g_mime_parser_options_set_fallback_charsets(opts, fallback);
	g_mime_parser_options_set_rfc2047_compliance_mode(opts,
	    GMIME_RFC_COMPLIANCE_LOOSE);
	text = g_mime_utils_header_decode_text(opts, joined);
	out = text_valid(text);
	g_mime_parser_options_free(opts);
	g_free(cut);
	g_free(unfolded);
	g_free(joined);
	g_free(text);
	return out;
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
	char	*text = text_valid(utf8);
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
	char	*text = text_valid(utf8);
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

/*
 * encode_prepare - utf8 as it will be written: valid, control characters
 * (tab, CR and LF too) as spaces, white space trimmed at both ends, which
 * header unfolding would not keep anyway.
 */
static char *
encode_prepare(const char *utf8)
{
	char	*text = text_valid(utf8);
	GString	*out = g_string_sized_new(strlen(text));

	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		if (g_unichar_iscntrl(g_utf8_get_char(p)))
			g_string_append_c(out, ' ');
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	g_free(text);
	return g_strstrip(g_string_free(out, FALSE));
}

/*
 * piece_cut - where the piece of region r that starts at pos ends: the
 * last cut within limit bytes, else the first cut after it.  A cut is
 * made only before a non-ASCII character, inside a word, with a non-ASCII
 * character before it in the same piece of that word: GMime then sees
 * letters to encode on both sides and writes encoded words only, and
 * decoders drop the white space between encoded words.
 */
static size_t
piece_cut(const char *r, size_t rlen, size_t pos, size_t limit)
{
	size_t	best = 0;
	bool	eight = false;

	if (rlen - pos <= limit)
		return rlen;
	for (size_t i = pos; i < rlen; i++) {
		unsigned char c = (unsigned char)r[i];

		if (c == ' ')
			eight = false;
		else if (c >= 0xc0 && eight) {
			if (i - pos > limit)
				return best ? best : i;
			best = i;
		}
		if (c >= 0x80)
			eight = true;
	}
	return best ? best : rlen;
}

/* words_fit - true when every word of enc fits: the first in first bytes. */
static bool
words_fit(const char *enc, size_t first, size_t rest)
{
	size_t	max = first;

	while (*enc) {
		size_t	n = strcspn(enc, " ");

		if (n > max)
			return false;
		max = rest;
		enc += n;
		enc += strspn(enc, " ");
	}
	return true;
}

/*
 * encode_region - append region r (words with non-ASCII letters and the
 * white space between them) as encoded words to out.  A piece whose words
 * do not fit is cut smaller while a smaller cut exists.
 */
static void
encode_region(const char *r, size_t rlen, bool first, GString *out)
{
	size_t	pos = 0, limit, cut;
	char	*piece, *enc;

	limit = first ? PIECE_BYTES(FIRST_MAX) : PIECE_BYTES(EWORD_MAX);
	while (pos < rlen) {
		cut = piece_cut(r, rlen, pos, limit);
		piece = g_strndup(r + pos, cut - pos);
		enc = g_mime_utils_header_encode_text(NULL, piece, "UTF-8");
		g_free(piece);
		if (!words_fit(enc, first && pos == 0 ? FIRST_MAX : EWORD_MAX,
		    EWORD_MAX) && cut - pos > 1 &&
		    piece_cut(r, rlen, pos, (cut - pos) * 2 / 3) < cut) {
			limit = (cut - pos) * 2 / 3;
			g_free(enc);
			continue;
		}
		if (pos > 0)
			g_string_append_c(out, ' ');
		g_string_append(out, enc);
		g_free(enc);
		pos = cut;
		limit = PIECE_BYTES(EWORD_MAX);
	}
}

/*
 * plain_word - true when s[0..len) is written as it is: printable ASCII,
 * short enough for RFC 5322's 998 characters on a line of its own.
 */
static bool
plain_word(const char *s, size_t len)
{
	if (len > LINE_HARD_MAX - 1)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

/*
 * encode_words - append text to out: plain words as they are, runs of
 * other words encoded, the white space next to a plain word as it is
 * (decoders keep it).  True when something was encoded.
 */
static bool
encode_words(const char *text, GString *out)
{
	const char *p = text, *e, *n;
	bool	encoded = false;

	while (*p) {
		e = p + strcspn(p, " ");
		if (plain_word(p, (size_t)(e - p))) {
			g_string_append_len(out, p, e - p);
		} else {
			/* take in the following words that need encoding too */
			for (n = e + strspn(e, " "); *n && !plain_word(n,
			    strcspn(n, " ")); n = e + strspn(e, " "))
				e = n + strcspn(n, " ");
			encode_region(p, (size_t)(e - p), out->len == 0, out);
			encoded = true;
		}
		for (p = e; *p == ' '; p++)
			g_string_append_c(out, ' ');
	}
	return encoded;
}

/*
 * fold_value - value folded before white space wherever a line would
 * pass max, the first line counting "Subject: ".  A word is never split:
 * GMime 3.2.13's folder breaks long words with "\n\t", which unfolding
 * turns into a tab inside the word.
 */
static char *
fold_value(const char *value, size_t max)
{
	GString	*out = g_string_sized_new(strlen(value) + 16);
	size_t	col = sizeof(HEADER_NAME) - 1, sp, w;

	for (const char *p = value; *p; p += sp + w) {
		sp = strspn(p, " ");
		w = strcspn(p + sp, " ");
		if (sp > 0 && out->len > 0 && col + sp + w > max) {
			g_string_append_c(out, '\n');
			col = 0;
		}
		g_string_append_len(out, p, (gssize)(sp + w));
		col += sp + w;
	}
	return g_string_free(out, FALSE);
}

char *
subject_encode(const char *utf8)
{
	char	*text = encode_prepare(utf8);
	GString	*value = g_string_sized_new(strlen(text) * 2);
	size_t	max;
	char	*out;

	max = encode_words(text, value) ? EWORD_LINE_MAX : FOLD_MAX;
	out = fold_value(value->str, max);
	g_string_free(value, TRUE);
	g_free(text);
	return out;
}
