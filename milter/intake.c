/*
 * NAME
 *	intake - stated severity, response due, and the details checklist
 * DESCRIPTION
 *	The text read is the first inline text/plain part, else the visible
 *	text of the first inline text/html part, as cleaning left them;
 *	attached and forwarded messages are not the customer's words.
 *	Every image part left counts as a screenshot: cleaning has removed
 *	logos, icons and the images of quoted history.
 *
 *	Headers, for the ticket system and the consultant:
 *	    X-Support-Severity: 3; stated="Severity 3"
 *	    X-Support-Severity: 5; stated=none
 *	    X-Support-Response-Due: Thu, 26 Nov 2026 11:00:00 +0100
 *	    X-Support-Checklist: missing=process-number, steps
 * SEE ALSO
 *	severity.h, worktime.h, checklist.h, docs/intake.md
 */
#include <string.h>

#include "checklist.h"
#include "htmlclean.h"
#include "intake.h"
#include "severity.h"
#include "subject.h"
#include "worktime.h"

#define DEPTH_MAX	32	/* MIME nesting walked */
#define FOLD_AT		72	/* header line length before folding */
#define TEXT_MAX	65536	/* bytes of kept text read: a request's
				   details are near its top, and the
				   patterns' cost grows with the text */

/* What the customer's kept mail holds. */
struct kept {
	char	*plain;		/* UTF-8, g_free; NULL: none */
	char	*html;
	unsigned images;
};

static bool
is_inline_text(GMimeObject *o, const char *subtype)
{
	return GMIME_IS_TEXT_PART(o) && g_mime_content_type_is_type(
	    g_mime_object_get_content_type(o), "text", subtype) &&
	    !g_mime_part_is_attachment(GMIME_PART(o));
}

/* walk - the first plain and HTML texts and the images below o. */
static void
walk(GMimeObject *o, int depth, struct kept *k)
{
	if (depth > DEPTH_MAX)
		return;
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);

		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			walk(g_mime_multipart_get_part(mp, i), depth + 1, k);
	} else if (GMIME_IS_PART(o) && g_mime_content_type_is_type(
	    g_mime_object_get_content_type(o), "image", "*"))
		k->images++;
	else if (k->plain == NULL && is_inline_text(o, "plain"))
		k->plain = message_part_text(GMIME_TEXT_PART(o));
	else if (k->html == NULL && is_inline_text(o, "html"))
		k->html = message_part_text(GMIME_TEXT_PART(o));
}

/* cap - cut text (UTF-8) to at most TEXT_MAX bytes, at a character. */
static char *
cap(char *text)
{
	if (text && strlen(text) > TEXT_MAX) {
		const char *end = g_utf8_find_prev_char(text, text + TEXT_MAX + 1);

		text[end ? end - text : 0] = '\0';
	}
	return text;
}

/* kept_text - the text to read (g_free), or NULL; images counted. */
static char *
kept_text(const struct message *m, unsigned *images)
{
	struct kept k = { NULL, NULL, 0 };
	GMimeObject *top = g_mime_message_get_mime_part(m->mime);
	char	*text;

	if (top)
		walk(top, 0, &k);
	*images = k.images;
	if (k.plain) {
		g_free(k.html);
		return cap(k.plain);
	}
	text = k.html ? htmlclean_visible_text(k.html, strlen(k.html)) : NULL;
	g_free(k.html);
	return cap(text);
}

/* subject_of - the decoded Subject: threading's, else GMime's. */
static const char *
subject_of(const struct message *m, const struct decision *d)
{
	return d->subject ? d->subject : g_mime_message_get_subject(m->mime);
}

/* missing - the missing items' names into d; the header value. */
static char *
missing(const struct conf *c, struct decision *d, unsigned found)
{
	GString	*v = g_string_new("missing=");
	size_t	line = strlen(c->checklist_header_name) + strlen(": missing=");

	g_ptr_array_set_size(d->checklist_missing, 0);
	for (int i = 0; i < CHECK_ITEMS; i++) {
		const char *name = checklist_name((enum checklist_item)i);

		if (found & CHECK_BIT(i))
			continue;
		if (d->checklist_missing->len) {
			g_string_append_c(v, ',');
			line++;
			if (line + strlen(name) + 1 > FOLD_AT) {
				g_string_append(v, "\n\t");
				line = 8;
			} else {
				g_string_append_c(v, ' ');
				line++;
			}
		}
		g_string_append(v, name);
		line += strlen(name);
		g_ptr_array_add(d->checklist_missing, (char *)name);
	}
	if (d->checklist_missing->len == 0)
		g_string_append(v, "none");
	return g_string_free(v, FALSE);
}

/* severity - the severity header, and the due header when it has one. */
static void
severity(const struct conf *c, const struct envelope *env,
    const struct message *m, const char *text, struct decision *d)
{
	char	*v;
	gint64	due;

	d->severity = severity_find(c->severity_rules, subject_of(m, d), text,
	    c->severity_lines, &d->severity_stated);
	if (d->severity_stated) {
		/* a header value in ASCII, as a quoted-string may hold it
		   ("Priorität 2" from a configured word: "Prioritat 2") */
		char	*ascii = g_str_to_ascii(d->severity_stated, "C");

		g_strdelimit(ascii, "\"\\", '_');
		v = g_strdup_printf("%d; stated=\"%s\"", d->severity, ascii);
		g_free(ascii);
	} else
		v = g_strdup_printf("%d; stated=none", d->severity);
	decision_set_header(d, m, c->severity_header_name, v);
	g_free(v);
	if (worktime_due(c->worktime, env->now, d->severity, &due))
		d->response_due = worktime_format(c->worktime, due);
	decision_set_header(d, m, c->response_due_header_name, d->response_due);
}

void
intake_run(const struct conf *c, const struct envelope *env,
    const struct message *m, bool customer, struct decision *d)
{
	unsigned images;
	char	*text, *v = NULL;

	if (!customer || m->mime == NULL) {
		decision_set_header(d, m, c->severity_header_name, NULL);
		decision_set_header(d, m, c->response_due_header_name, NULL);
		decision_set_header(d, m, c->checklist_header_name, NULL);
		return;
	}
	text = kept_text(m, &images);
	severity(c, env, m, text, d);
	/* a reply's details are in the ticket already */
	if (d->ticket == NULL || strcmp(d->ticket_found, "allocated") == 0) {
		d->checklist = true;
		v = missing(c, d, checklist_check(c->checklist_rules,
		    subject_of(m, d), text, images));
	}
	decision_set_header(d, m, c->checklist_header_name, v);
	g_free(v);
	g_free(text);
}

/* names_ticket - the Subject carries a ticket token: not a new request. */
static bool
names_ticket(const struct conf *c, const char *subject)
{
	struct subject_parts sp;
	bool	has;

	subject_parse(c->subject_rules, subject ? subject : "", &sp);
	has = sp.ticket != NULL;
	subject_parts_clear(&sp);
	return has;
}

GPtrArray *
intake_guidance(const struct conf *c, const struct message *m,
    struct decision *d)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	const char *subj = subject_of(m, d);
	unsigned images, found = CHECK_ALL;
	char	*text;

	if (!names_ticket(c, subj)) {
		text = kept_text(m, &images);
		found = checklist_check(c->checklist_rules, subj, text, images);
		d->checklist = true;
		g_free(missing(c, d, found));
		g_free(text);
	}
	for (char **l = c->guidance_reply; *l; l++) {
		char	**parts;

		if (strstr(*l, INTAKE_VAR) == NULL) {
			g_ptr_array_add(out, g_strdup(*l));
			continue;
		}
		parts = g_strsplit(*l, INTAKE_VAR, -1);
		for (int i = 0; i < CHECK_ITEMS; i++)
			if (!(found & CHECK_BIT(i)))
				g_ptr_array_add(out, g_strjoinv(
				    checklist_sentence((enum checklist_item)i),
				    parts));
		g_strfreev(parts);
	}
	return out;
}
