/*
 * NAME
 *	thread - find a message's ticket and make its Subject say so
 * DESCRIPTION
 *	The Subject token is what the ticket system reads, so it wins; the
 *	references are what the customer's client kept when the customer
 *	deleted the token, so a ticket found through them is written into
 *	the Subject, and the ticket system appends instead of opening a
 *	duplicate.  The Subject is rewritten only when its canonical form
 *	differs from what arrived (white space aside).
 * SEE ALSO
 *	subject.h, rfc2047.h, msgid.h, store.h
 */
#include <string.h>

#include "msgid.h"
#include "rfc2047.h"
#include "subject.h"
#include "thread.h"

/* raw_subject - the Subject as it came (folded, maybe encoded), or NULL. */
static const char *
raw_subject(const struct message *m)
{
	GMimeHeaderList *l = g_mime_object_get_header_list(GMIME_OBJECT(m->mime));
	GMimeHeader *h = g_mime_header_list_get_header(l, "Subject");

	return h ? g_mime_header_get_raw_value(h) : NULL;
}

/* fold - white space runs as one space, ends trimmed, for comparison. */
static char *
fold(const char *s)
{
	char	**w = g_strsplit_set(s, " \t\r\n", -1);
	GString	*o = g_string_new(NULL);

	for (char **p = w; *p; p++)
		if (**p)
			g_string_append_printf(o, "%s%s", o->len ? " " : "", *p);
	g_strfreev(w);
	return g_string_free(o, FALSE);
}

/* by_references - the first referenced ID the database knows, or 0. */
static int
by_references(struct store *st, const GPtrArray *refs,
    struct store_msgid *found, char *err)
{
	for (guint i = 0; i < refs->len; i++) {
		int	rc = store_lookup(st, g_ptr_array_index(refs, i), found, err);

		if (rc != 0)
			return rc;
	}
	return 0;
}

/* find - the ticket by Subject, references or allocation. */
static int
find(const struct conf *c, struct store *st, const struct subject_parts *sp,
    struct decision *d, char *err)
{
	struct store_msgid ref;
	char	num[STORE_TICKET_MAX];
	int	rc = by_references(st, d->refs, &ref, err);

	if (rc < 0)
		return -1;
	if (sp->ticket) {
		d->ticket = g_strdup(sp->ticket);
		d->ticket_found = "subject";
		if (rc == 1 && strcmp(ref.ticket, sp->ticket) != 0)
			d->ticket_conflict = g_strdup(ref.ticket);
	} else if (rc == 1) {
		d->ticket = g_strdup(ref.ticket);
		d->ticket_found = "references";
	} else if (c->ticket_allocate) {
		if (store_allocate(st, c->ticket_first, num, err) < 0)
			return -1;
		d->ticket = g_strdup(num);
		d->ticket_found = "allocated";
	}
	return 0;
}

/* ticket_header - "N; found=HOW[; conflict=M]" or "new". */
static char *
ticket_header(const struct decision *d)
{
	if (d->ticket == NULL)
		return g_strdup("new");
	if (d->ticket_conflict)
		return g_strdup_printf("%s; found=%s; conflict=%s", d->ticket,
		    d->ticket_found, d->ticket_conflict);
	return g_strdup_printf("%s; found=%s", d->ticket, d->ticket_found);
}

int
thread_inbound(const struct conf *c, struct store *st, const struct message *m,
    struct decision *d, char err[STORE_ERRLEN])
{
	const char *raw = raw_subject(m);
	char	*decoded = rfc2047_decode(raw ? raw : "");
	char	*was = fold(decoded), *value;
	struct subject_parts sp;
	int	rc;

	g_ptr_array_unref(d->refs);
	d->refs = msgid_thread(m->mime);
	subject_parse(c->subject_rules, decoded, &sp);
	if ((rc = find(c, st, &sp, d, err)) == 0) {
		d->subject = subject_compose(c->subject_rules, d->ticket, sp.rest);
		if (strcmp(d->subject, was) != 0) {
			value = rfc2047_encode(d->subject, strlen("Subject: "));
			decision_add_edit(d, EDIT_CHANGE, "Subject", 1, value);
			g_free(value);
		}
		value = ticket_header(d);
		decision_set_header(d, m, c->ticket_header_name, value);
		g_free(value);
	}
	subject_parts_clear(&sp);
	g_free(was);
	g_free(decoded);
	return rc;
}

void
thread_outbound(const struct conf *c, const struct message *m,
    struct decision *d)
{
	const char *raw = raw_subject(m);
	char	*decoded = rfc2047_decode(raw ? raw : "");
	struct subject_parts sp;

	subject_parse(c->subject_rules, decoded, &sp);
	d->ticket = g_strdup(sp.ticket);
	if (d->ticket)
		d->ticket_found = "subject";
	d->subject = decoded;
	g_ptr_array_unref(d->refs);
	d->refs = msgid_thread(m->mime);
	subject_parts_clear(&sp);
}
