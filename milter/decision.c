/*
 * NAME
 *	decision - the result of the core, and its one-line summary
 * DESCRIPTION
 *	The summary is the administrator's view of a message: the same text
 *	goes to the log (after the queue ID) and to the database record, so
 *	the two can never disagree.  Values from mail are escaped (control
 *	and non-ASCII bytes, backslash and double quote as \xHH), quoted when
 *	they hold a space, and capped, so one line stays one line and cannot
 *	forge another key.
 */
#include <string.h>

#include "decision.h"
#include "message.h"

#define VALUE_MAX	200	/* bytes of a mail-supplied value in a summary */

static const char *const action_names[] = {
	[ACTION_ACCEPT] = "accept",
	[ACTION_REJECT] = "reject",
	[ACTION_TEMPFAIL] = "tempfail",
	[ACTION_QUARANTINE] = "quarantine",
};

static void
edit_clear(gpointer p)
{
	struct header_edit *e = p;

	g_free(e->name);
	g_free(e->value);
}

void
decision_init(struct decision *d)
{
	memset(d, 0, sizeof(*d));
	d->action = ACTION_ACCEPT;
	d->reply_lines = g_ptr_array_new_with_free_func(g_free);
	d->edits = g_array_new(FALSE, FALSE, sizeof(struct header_edit));
	g_array_set_clear_func(d->edits, edit_clear);
	d->removed_rcpts = g_ptr_array_new_with_free_func(g_free);
	d->refs = g_ptr_array_new_with_free_func(g_free);
	d->clean_removed = g_ptr_array_new_with_free_func(g_free);
	d->clean_image_keys = g_ptr_array_new_with_free_func(g_free);
	d->checklist_missing = g_ptr_array_new();
	d->record = g_string_new(NULL);
}

void
decision_release(struct decision *d)
{
	g_ptr_array_unref(d->reply_lines);
	g_array_unref(d->edits);
	g_ptr_array_unref(d->removed_rcpts);
	g_ptr_array_unref(d->refs);
	g_ptr_array_unref(d->clean_removed);
	g_ptr_array_unref(d->clean_image_keys);
	g_free(d->clean_sig_key);
	g_free(d->clean_archive);
	g_free(d->severity_stated);
	g_free(d->response_due);
	g_ptr_array_unref(d->checklist_missing);
	if (d->body)
		g_byte_array_unref(d->body);
	g_free(d->message_id);
	g_free(d->ticket);
	g_free(d->ticket_conflict);
	g_free(d->subject);
	g_free(d->error);
	(void)g_string_free(d->record, TRUE);
	memset(d, 0, sizeof(*d));
}

void
decision_add_edit(struct decision *d, enum edit_op op, const char *name,
    int index, const char *value)
{
	struct header_edit e = { op, g_strdup(name), index, g_strdup(value) };

	g_array_append_val(d->edits, e);
}

void
decision_set_header(struct decision *d, const struct message *m,
    const char *name, const char *value)
{
	for (int i = message_header_count(m, name); i > 0; i--)
		decision_add_edit(d, EDIT_CHANGE, name, i, NULL);
	if (value)
		decision_add_edit(d, EDIT_ADD, name, 0, value);
}

bool
decision_changed(const struct decision *d)
{
	return d->edits->len > 0 || d->removed_rcpts->len > 0 || d->body;
}

const char *
decision_action_name(enum decision_action a)
{
	return action_names[a];
}

const char *
decision_anomaly_name(int i)
{
	static const char *const names[ANOMALY_BITS] = {
		"oversize", "unparseable", "html-too-big", "too-deep",
		"nul-bytes", "long-line", "many-headers", "long-header",
		"bad-utf8-header"
	};

	return i >= 0 && i < ANOMALY_BITS ? names[i] : NULL;
}

void
decision_append_value(GString *out, const char *s)
{
	bool	quote;
	size_t	n;

	if (s == NULL || *s == '\0') {
		g_string_append_c(out, '-');
		return;
	}
	/* a value with spaces is quoted, so that the line stays key=value */
	quote = strpbrk(s, " \"") != NULL;
	if (quote)
		g_string_append_c(out, '"');
	for (n = 0; s[n] && n < VALUE_MAX; n++) {
		unsigned char c = (unsigned char)s[n];

		if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"')
			g_string_append_printf(out, "\\x%02x", c);
		else
			g_string_append_c(out, (char)c);
	}
	if (s[n])
		g_string_append(out, "...");
	if (quote)
		g_string_append_c(out, '"');
}

/* append_kv - " key=value" with the value escaped. */
static void
append_kv(GString *out, const char *key, const char *value)
{
	g_string_append_printf(out, " %s=", key);
	decision_append_value(out, value);
}

/* intake_summary - " severity=3 stated=... due=... missing=a,b". */
static void
intake_summary(const struct decision *d, GString *out)
{
	if (d->severity > 0) {
		g_string_append_printf(out, " severity=%d", d->severity);
		if (d->severity_stated)
			append_kv(out, "stated", d->severity_stated);
		if (d->response_due)
			append_kv(out, "due", d->response_due);
	}
	if (!d->checklist)
		return;
	g_string_append(out, " missing=");
	for (guint i = 0; i < d->checklist_missing->len; i++)
		g_string_append_printf(out, "%s%s", i ? "," : "",
		    (char *)g_ptr_array_index(d->checklist_missing, i));
	if (d->checklist_missing->len == 0)
		g_string_append_c(out, '-');
}

void
decision_summary(const struct envelope *env, const struct decision *d,
    GString *out)
{
	g_string_append_printf(out, "action=%s", action_names[d->action]);
	append_kv(out, "reason", d->reason);
	append_kv(out, "from", env->sender);
	for (size_t i = 0; i < env->nrcpts; i++)
		append_kv(out, "rcpt", env->rcpts[i]);
	if (d->placement)
		append_kv(out, "placement", d->placement);
	if (d->policy)
		append_kv(out, "policy", d->policy);
	if (d->automatic)
		append_kv(out, "automatic", d->automatic);
	for (guint i = 0; i < d->removed_rcpts->len; i++)
		append_kv(out, "removed_rcpt", g_ptr_array_index(d->removed_rcpts, i));
	append_kv(out, "msgid", d->message_id);
	append_kv(out, "ticket", d->ticket);
	if (d->ticket_found)
		append_kv(out, "found", d->ticket_found);
	if (d->ticket_conflict)
		append_kv(out, "conflict", d->ticket_conflict);
	if (d->direction)
		append_kv(out, "direction", d->direction);
	if (d->clean_skipped)
		append_kv(out, "cleaned", d->clean_skipped);
	else if (d->body)
		g_string_append_printf(out, " cleaned=%s%s%s removed=%u saved=%"
		    G_GINT64_FORMAT, d->clean_quote ? "quote" : "",
		    d->clean_quote && d->clean_signature ? "," : "",
		    d->clean_signature ? "signature" : d->clean_quote ? "" :
		    "images", d->clean_removed->len, d->clean_saved);
	if (d->clean_archive)
		append_kv(out, "archive", d->clean_archive);
	intake_summary(d, out);
	for (int i = 0; i < ANOMALY_BITS; i++)
		if (d->anomalies & (1u << i))
			append_kv(out, "anomaly", decision_anomaly_name(i));
	if (d->error)
		append_kv(out, "error", d->error);
	g_string_append_printf(out, " changed=%s",
	    decision_changed(d) ? "yes" : "no");
}
