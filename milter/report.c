/*
 * NAME
 *	report - what --test prints
 * DESCRIPTION
 *	JSON strings must be UTF-8: bytes of a message that are not valid
 *	UTF-8 are written as U+FFFD in the "message" field (the text form
 *	prints the exact bytes).  The subject is decoded from RFC 2047 as a
 *	ticket system would show it (rfc2047_decode()).
 * SEE ALSO
 *	RFC 8259, docs/dry-run.md
 */
#include <string.h>

#include "render.h"
#include "report.h"
#include "rfc2047.h"

static const char *const edit_names[] = {
	[EDIT_ADD] = "add", [EDIT_CHANGE] = "change", [EDIT_INSERT] = "insert"
};

void
report_json_string(GString *out, const char *s, gssize len)
{
	/* an empty GByteArray's data is NULL, and NULL + 0 is undefined */
	const char *end = len == 0 ? s : s + (len < 0 ? (gssize)strlen(s) : len);

	g_string_append_c(out, '"');
	while (s < end) {
		gunichar u = g_utf8_get_char_validated(s, end - s);
		unsigned char c = (unsigned char)*s;

		if (u == (gunichar)-1 || u == (gunichar)-2) {
			g_string_append(out, "\\ufffd");
			s++;
			continue;
		}
		if (c == '"' || c == '\\')
			g_string_append_printf(out, "\\%c", c);
		else if (c == '\n')
			g_string_append(out, "\\n");
		else if (c == '\r')
			g_string_append(out, "\\r");
		else if (c == '\t')
			g_string_append(out, "\\t");
		else if (u < 0x20 || u == 0x7f)
			g_string_append_printf(out, "\\u%04x", u);
		else
			g_string_append_len(out, s, g_utf8_next_char(s) - s);
		s = g_utf8_next_char(s);
	}
	g_string_append_c(out, '"');
}

/* key - "name": with a comma before every key but the first. */
static void
key(GString *out, const char *name)
{
	if (out->str[out->len - 1] != '{')
		g_string_append_c(out, ',');
	report_json_string(out, name, -1);
	g_string_append_c(out, ':');
}

static void
string_or_null(GString *out, const char *s)
{
	if (s)
		report_json_string(out, s, -1);
	else
		g_string_append(out, "null");
}

/* field - "name": a string or null, as one member of an object. */
static void
field(GString *out, const char *name, const char *value)
{
	key(out, name);
	string_or_null(out, value);
}

static void
string_array(GString *out, GPtrArray *a)
{
	g_string_append_c(out, '[');
	for (guint i = 0; i < a->len; i++) {
		if (i)
			g_string_append_c(out, ',');
		report_json_string(out, g_ptr_array_index(a, i), -1);
	}
	g_string_append_c(out, ']');
}

static void
edits(GString *out, const struct decision *d)
{
	g_string_append_c(out, '[');
	for (guint i = 0; i < d->edits->len; i++) {
		const struct header_edit *e =
		    &g_array_index(d->edits, struct header_edit, i);

		g_string_append(out, i ? ",{" : "{");
		key(out, "op");
		report_json_string(out, edit_names[e->op], -1);
		key(out, "name");
		report_json_string(out, e->name, -1);
		key(out, "index");
		g_string_append_printf(out, "%d", e->index);
		key(out, "value");
		string_or_null(out, e->value);
		g_string_append_c(out, '}');
	}
	g_string_append_c(out, ']');
}

/* cleaned - what cleaning removed: {quote, signature, removed, saved,
 * skipped, body_replaced, signature_learned, archive}. */
static void
cleaned(GString *out, const struct decision *d)
{
	g_string_append_c(out, '{');
	key(out, "quote");
	g_string_append(out, d->clean_quote ? "true" : "false");
	key(out, "signature");
	g_string_append(out, d->clean_signature ? "true" : "false");
	key(out, "removed");
	string_array(out, d->clean_removed);
	key(out, "saved");
	g_string_append_printf(out, "%" G_GINT64_FORMAT, d->clean_saved);
	field(out, "skipped", d->clean_skipped);
	key(out, "body_replaced");
	g_string_append(out, d->body ? "true" : "false");
	key(out, "signature_learned");
	g_string_append(out, d->clean_learned ? "true" : "false");
	field(out, "archive", d->clean_archive);
	g_string_append_c(out, '}');
}

/* intake - {severity, stated, response_due, checklist_missing}, or null
 * when the mail was not read for intake. */
static void
intake(GString *out, const struct decision *d)
{
	if (d->severity == 0 && !d->checklist) {
		g_string_append(out, "null");
		return;
	}
	g_string_append_c(out, '{');
	key(out, "severity");
	if (d->severity > 0)
		g_string_append_printf(out, "%d", d->severity);
	else
		g_string_append(out, "null");
	field(out, "stated", d->severity_stated);
	field(out, "response_due", d->response_due);
	key(out, "checklist_missing");
	if (d->checklist)
		string_array(out, d->checklist_missing);
	else
		g_string_append(out, "null");
	g_string_append_c(out, '}');
}

static void
reply(GString *out, const struct decision *d)
{
	g_string_append_c(out, '{');
	key(out, "code");
	report_json_string(out, d->reply_code, -1);
	key(out, "xcode");
	report_json_string(out, d->reply_xcode, -1);
	key(out, "lines");
	string_array(out, d->reply_lines);
	g_string_append_c(out, '}');
}

/* subject - the Subject as delivered, decoded; NULL when there is none. */
static char *
subject(const struct message *m, const GByteArray *delivered)
{
	GMimeStream *s;
	GMimeParser *p;
	GMimeMessage *dm;
	char	*subj = NULL;

	if (m->mime == NULL)
		return NULL;
	s = g_mime_stream_mem_new_with_buffer((const char *)delivered->data,
	    delivered->len);
	p = g_mime_parser_new_with_stream(s);
	dm = g_mime_parser_construct_message(p, NULL);
	/* rfc2047_decode() mends what GMime 3.2.13's own decoding loses */
	if (dm && g_mime_object_get_header(GMIME_OBJECT(dm), "Subject")) {
		GMimeHeaderList *l = g_mime_object_get_header_list(GMIME_OBJECT(dm));

		subj = rfc2047_decode(g_mime_header_get_raw_value(
		    g_mime_header_list_get_header(l, "Subject")));
	}
	g_clear_object(&dm);
	g_object_unref(p);
	g_object_unref(s);
	return subj;
}

/* anomalies - the names of the bits set, as an array. */
static void
anomalies(GString *out, unsigned bits)
{
	const char *sep = "";

	g_string_append_c(out, '[');
	for (int i = 0; i < ANOMALY_BITS; i++)
		if (bits & (1u << i)) {
			g_string_append(out, sep);
			report_json_string(out, decision_anomaly_name(i), -1);
			sep = ",";
		}
	g_string_append_c(out, ']');
}

int
report_json(const struct envelope *env, const struct message *m,
    const struct decision *d, GString *out)
{
	GByteArray *delivered = g_byte_array_new();
	char	*subj;

	if (render_message(m, d, delivered) < 0) {
		g_byte_array_unref(delivered);
		return -1;
	}
	subj = subject(m, delivered);
	g_string_append_c(out, '{');
	key(out, "action");
	report_json_string(out, decision_action_name(d->action), -1);
	field(out, "reason", d->reason);
	if (d->action == ACTION_REJECT || d->action == ACTION_TEMPFAIL) {
		key(out, "reply");
		reply(out, d);
	}
	key(out, "queue_id");
	report_json_string(out, env->queue_id, -1);
	field(out, "placement", d->placement);
	field(out, "policy", d->policy);
	field(out, "automatic", d->automatic);
	field(out, "subject", subj);
	field(out, "ticket", d->ticket);
	field(out, "ticket_found", d->ticket_found);
	field(out, "ticket_conflict", d->ticket_conflict);
	field(out, "direction", d->direction);
	key(out, "cleaned");
	cleaned(out, d);
	key(out, "intake");
	intake(out, d);
	key(out, "changed");
	g_string_append(out, decision_changed(d) ? "true" : "false");
	key(out, "header_edits");
	edits(out, d);
	key(out, "removed_recipients");
	string_array(out, d->removed_rcpts);
	key(out, "anomalies");
	anomalies(out, d->anomalies);
	field(out, "error", d->error);
	field(out, "record", d->record->len ? d->record->str : NULL);
	key(out, "message");
	report_json_string(out, (const char *)delivered->data, delivered->len);
	g_string_append(out, "}\n");
	g_free(subj);
	g_byte_array_unref(delivered);
	return 0;
}

int
report_text(const struct message *m, const struct decision *d,
    GByteArray *out)
{
	if (d->action == ACTION_REJECT || d->action == ACTION_TEMPFAIL) {
		for (guint i = 0; i < d->reply_lines->len; i++) {
			char	*l = g_strdup_printf("%s%c%s %s\n", d->reply_code,
			    i + 1 < d->reply_lines->len ? '-' : ' ',
			    d->reply_xcode,
			    (char *)g_ptr_array_index(d->reply_lines, i));

			g_byte_array_append(out, (guint8 *)l, (guint)strlen(l));
			g_free(l);
		}
		return 0;
	}
	return render_message(m, d, out);
}
