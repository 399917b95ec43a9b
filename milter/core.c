/*
 * NAME
 *	core - sequence the steps that decide about one message
 * DESCRIPTION
 *	Order: mail neither to support nor from support through a trusted
 *	client -> accept untouched, nothing recorded; mail we could not take
 *	in whole (oversize, unparseable) -> accept unmodified; mail from
 *	support (trusted) -> learn its ticket, never change it; otherwise the
 *	recipient rule, then, when the mail goes on to support, its ticket
 *	and its cleaned body (the parse is changed in place: cleaning is
 *	last), then what intake reads from the cleaned parse (intake.h).
 *	When the body is replaced and archive_originals is set, the
 *	original is archived (archive.h) before the record that names it.
 *	Every decision about support mail is then stored in one transaction
 *	before the caller acts on it, with the image and signature counts
 *	cleaning took.  Each class of failure has its configured action
 *	(on_store_error, on_internal_error, on_oversize, on_unparseable): a
 *	store or archive failure is a store error.
 *
 *	A reject at end of message fails the mail for every recipient, so
 *	when the envelope has recipients besides support the reject becomes
 *	multi_recipient_action: remove the support recipient, or warn.
 *	Automatic mail is never rejected (no guidance to robots).
 */
#include <string.h>

#include "address.h"
#include "archive.h"
#include "core.h"
#include "intake.h"
#include "mimeclean.h"
#include "msgid.h"
#include "netlist.h"
#include "policy.h"
#include "stats.h"
#include "thread.h"

#define GUIDANCE_VAR	"${support_address}"
#define SENDER_MAX	254	/* RFC 5321's limit on a path's address */

/* archive errors go into the store's error buffer */
_Static_assert(ARCHIVE_ERRLEN <= STORE_ERRLEN, "error buffers");

/* support_rcpts - the envelope recipients that are support addresses. */
static size_t
support_rcpts(const struct conf *c, const struct envelope *env,
    GPtrArray *out, int *which)
{
	size_t	n = 0;

	for (size_t i = 0; i < env->nrcpts; i++)
		if (address_match(c, env->rcpts[i], which)) {
			if (out)
				g_ptr_array_add(out, g_strdup(env->rcpts[i]));
			n++;
		}
	return n;
}

/* trusted - a client whose mail from support may teach us threads. */
static bool
trusted(const struct conf *c, const struct envelope *env)
{
	return env->auth_user != NULL ||
	    netlist_match(c->trusted, env->client_addr);
}

bool
core_wants(const struct conf *c, const struct envelope *env)
{
	return support_rcpts(c, env, NULL, NULL) > 0 || trusted(c, env);
}

bool
core_needs_body(const struct conf *c, const struct envelope *env)
{
	return support_rcpts(c, env, NULL, NULL) > 0;
}

/* set_guidance - the 550 5.7.1 reply, naming the address written to
 * and the details the message lacks. */
static void
set_guidance(const struct conf *c, const struct message *m,
    const char *address, struct decision *d)
{
	GPtrArray *lines = intake_guidance(c, m, d);

	d->action = ACTION_REJECT;
	d->policy = "reject";
	g_strlcpy(d->reply_code, "550", sizeof(d->reply_code));
	g_strlcpy(d->reply_xcode, "5.7.1", sizeof(d->reply_xcode));
	for (guint i = 0; i < lines->len; i++) {
		char	**parts = g_strsplit(g_ptr_array_index(lines, i),
		    GUIDANCE_VAR, -1);

		g_ptr_array_add(d->reply_lines, g_strjoinv(address, parts));
		g_strfreev(parts);
	}
	g_ptr_array_unref(lines);
}

/* mark - our header with the rule's verdict. */
static void
mark(const struct conf *c, const struct message *m, const char *policy,
    struct decision *d)
{
	GString	*v = g_string_new(NULL);

	d->policy = policy;
	g_string_printf(v, "recipient=%s; policy=%s", d->placement, policy);
	if (d->automatic)
		g_string_append_printf(v, "; automatic=%s", d->automatic);
	decision_set_header(d, m, c->header_name, v->str);
	(void)g_string_free(v, TRUE);
}

/* learn - mail from support: record what it teaches, change nothing. */
static void
learn(const struct conf *c, const struct message *m, struct decision *d)
{
	d->reason = "from-support";
	d->policy = "learn";
	d->direction = "out";
	thread_outbound(c, m, d);
}

/*
 * decide_rule - the recipient rule for a parsed support message; true
 * when the message then goes on to support.
 */
static bool
decide_rule(const struct envelope *env, const struct message *m,
    const struct conf *c, struct decision *d)
{
	enum placement place = policy_placement(c, m->mime);
	enum conf_policy action;
	int	which = 0;
	size_t	nsupport = support_rcpts(c, env, NULL, &which);

	d->placement = policy_placement_name(place);
	d->reason = d->placement;
	if (policy_from_support(c, env, m->mime)) {
		if (trusted(c, env)) {
			learn(c, m, d);
			return false;
		}
		d->reason = "from-support";
		mark(c, m, "exempt", d);
		return true;
	}
	if (place == PLACE_TO) {
		mark(c, m, "pass", d);
		return true;
	}
	if (address_listed((const char *const *)c->exempt_senders,
	    env->sender)) {
		d->reason = "exempt-sender";
		mark(c, m, "exempt", d);
		return true;
	}
	action = place == PLACE_CC ? c->cc_only_action : c->bcc_action;
	d->automatic = policy_automatic(env, m->mime);
	if (action == POLICY_REJECT && d->automatic)
		action = POLICY_WARN;
	if (action == POLICY_REJECT && nsupport < env->nrcpts)
		action = c->multi_recipient_action;
	switch (action) {
	case POLICY_REJECT:
		set_guidance(c, m, c->support_addresses[which], d);
		return false;
	case POLICY_REMOVE:
		d->policy = "remove";
		(void)support_rcpts(c, env, d->removed_rcpts, NULL);
		return false;
	case POLICY_WARN:
	case POLICY_ACCEPT:
		mark(c, m, conf_policy_name(action), d);
		break;
	}
	return true;
}

/* What the sender is told for each failure class, when it is told. */
static const struct {
	const char *later_xcode;	/* with 451 */
	const char *later;
	const char *reject_code, *reject_xcode, *reject;
} failure_replies[FAIL_CLASSES] = {
	[FAIL_INTERNAL] = { "4.3.0",
	    "support-milter cannot handle this message now, please try again later",
	    "554", "5.3.0", "support-milter cannot handle this message" },
	[FAIL_STORE] = { "4.3.0",
	    "support-milter cannot record this message now, please try again later",
	    "554", "5.3.0", "support-milter cannot record this message" },
	[FAIL_OVERSIZE] = { "4.3.4",
	    "the message is too big for the support address now, please try again later",
	    "552", "5.3.4", "the message is too big for the support address; "
	    "please send large files as a link" },
	[FAIL_UNPARSEABLE] = { "4.6.0",
	    "the message could not be read now, please try again later",
	    "554", "5.6.0", "the message could not be read (malformed MIME); "
	    "please send it again" },
};

/* failure_action - the configured action of class cls into d. */
static void
failure_action(const struct conf *c, enum conf_failure_class cls,
    struct decision *d)
{
	const char *code, *xcode, *text;

	switch (c->on_failure[cls]) {
	case FAILURE_ACCEPT:
		d->action = ACTION_ACCEPT;
		return;
	case FAILURE_QUARANTINE:
		d->action = ACTION_QUARANTINE;
		return;
	case FAILURE_TEMPFAIL:
		d->action = ACTION_TEMPFAIL;
		code = "451";
		xcode = failure_replies[cls].later_xcode;
		text = failure_replies[cls].later;
		break;
	case FAILURE_REJECT:
	default:
		d->action = ACTION_REJECT;
		code = failure_replies[cls].reject_code;
		xcode = failure_replies[cls].reject_xcode;
		text = failure_replies[cls].reject;
		break;
	}
	g_strlcpy(d->reply_code, code, sizeof(d->reply_code));
	g_strlcpy(d->reply_xcode, xcode, sizeof(d->reply_xcode));
	g_ptr_array_add(d->reply_lines, g_strdup(text));
}

void
core_fail(const struct conf *c, enum conf_failure_class cls,
    const char *what, struct decision *d)
{
	g_array_set_size(d->edits, 0);
	g_ptr_array_set_size(d->removed_rcpts, 0);
	g_ptr_array_set_size(d->reply_lines, 0);
	g_clear_pointer(&d->body, g_byte_array_unref);
	g_free(d->error);
	d->error = g_strdup(what);
	d->reason = conf_failure_class_name(cls);
	d->policy = NULL;
	d->direction = NULL;
	failure_action(c, cls, d);
}

/* record - store everything of the message in one durable transaction. */
static int
record(const struct envelope *env, struct store *st, struct decision *d,
    char *err)
{
	struct store_put p = {
		.now = env->now,
		.ticket = d->direction ? d->ticket : NULL,
		.direction = d->direction,
		.message_id = d->message_id,
		.subject = d->subject,
		.image_keys = (const char *const *)d->clean_image_keys->pdata,
		.nimage_keys = d->clean_image_keys->len,
		.sig_key = d->clean_sig_key,
	};
	struct stats_delta delta;
	const char *keys[STATS_SERIES];
	uint64_t adds[STATS_SERIES];

	/* only mail from support teaches which IDs belong to a ticket */
	if (d->direction && strcmp(d->direction, "out") == 0) {
		p.refs = (const char *const *)d->refs->pdata;
		p.nrefs = d->refs->len;
	}
	g_string_printf(d->record, "t=%lld qid=", (long long)env->now);
	decision_append_value(d->record, env->queue_id);
	g_string_append_c(d->record, ' ');
	decision_summary(env, d, d->record);
	p.record = d->record->str;
	stats_delta_of(d, &delta);
	for (int i = 0; i < STATS_SERIES; i++)
		if (delta.add[i]) {
			keys[p.nstats] = stats_key((enum stats_series)i);
			adds[p.nstats++] = delta.add[i];
		}
	p.stat_keys = keys;
	p.stat_adds = adds;
	return store_put(st, &p, err);
}

/*
 * sender - the address whose earlier mail teaches cleaning: From's
 * (the first mailbox), else the envelope sender's; lower-cased, or NULL
 * when neither is a plain local@domain (g_free).
 */
static char *
sender(const struct envelope *env, const struct message *msg)
{
	InternetAddressList *l = g_mime_message_get_from(msg->mime);
	InternetAddress *a = l && internet_address_list_length(l) > 0 ?
	    internet_address_list_get_address(l, 0) : NULL;
	const char *s = a && INTERNET_ADDRESS_IS_MAILBOX(a) ?
	    internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)) : NULL;
	const char *at;
	char	*out;

	if (s == NULL || strchr(s, '@') == NULL)
		s = env->sender;
	if (s == NULL || (at = strrchr(s, '@')) == NULL || at[1] == '\0')
		return NULL;
	out = g_ascii_strdown(s + (*s == '<'), -1);
	g_strdelimit(out, ">", '\0');
	for (const char *p = out; *p; p++)
		if (!g_ascii_isgraph(*p))
			*out = '\0';
	if (*out == '\0' || *out == '@' || strlen(out) > SENDER_MAX) {
		g_free(out);
		return NULL;
	}
	return out;
}

/*
 * clean - clean the body, archive the original when it is replaced, and
 * report; -1 with err when the store or the archive failed.
 */
static int
clean(const struct envelope *env, const struct message *msg,
    const struct conf *c, struct store *st, struct decision *d, char *err)
{
	char	*from = sender(env, msg);
	int	rc = mimeclean_run(c, st, from, msg, d, err);

	g_free(from);
	if (rc == 0 && d->body && c->archive_originals &&
	    archive_write(c->database, env->queue_id, env->now, msg->raw,
	    msg->size, &d->clean_archive, err) < 0)
		rc = -1;
	if (rc == 0)
		mimeclean_report(c, msg, d);
	return rc;
}

/* decide - everything but the store's failure; -1 when the store failed. */
static int
decide(const struct envelope *env, const struct message *msg,
    const struct conf *c, struct store *st, struct decision *d, char *err)
{
	if (msg->anomalies & ANOMALY_OVERSIZE) {
		d->reason = conf_failure_class_name(FAIL_OVERSIZE);
		failure_action(c, FAIL_OVERSIZE, d);
	} else if (msg->mime == NULL) {
		d->reason = conf_failure_class_name(FAIL_UNPARSEABLE);
		failure_action(c, FAIL_UNPARSEABLE, d);
		/* passed as it came; the ticket system is told why */
		d->clean_skipped = "unparseable";
		if (d->action == ACTION_ACCEPT || d->action == ACTION_QUARANTINE)
			decision_add_edit(d, EDIT_ADD, c->clean_header_name, 0,
			    "skipped=unparseable");
	}
	else if (!core_needs_body(c, env))
		learn(c, msg, d);
	else if (decide_rule(env, msg, c, d)) {
		if (thread_inbound(c, st, msg, d, err) < 0)
			return -1;
		if (d->ticket)
			d->direction = "in";
		/* support's own mail (exempt) is never cleaned */
		if (strcmp(d->reason, "from-support") != 0 &&
		    clean(env, msg, c, st, d, err) < 0)
			return -1;
		/* nor read for intake: it only loses forged intake headers */
		intake_run(c, env, msg,
		    strcmp(d->reason, "from-support") != 0, d);
	}
	if (record(env, st, d, err) == 0)
		return 0;
	/* the mail is tried again (or passed): no file names a lost record */
	archive_discard(c->database, d->clean_archive);
	g_clear_pointer(&d->clean_archive, g_free);
	return -1;
}

int
core_decide(const struct envelope *env, const struct message *msg,
    const struct conf *c, struct store *st, struct decision *d)
{
	char	err[STORE_ERRLEN];

	d->anomalies = msg->anomalies;
	if (msg->mime)
		d->message_id = msgid_key(g_mime_message_get_message_id(msg->mime));
	if (!core_needs_body(c, env) && (msg->mime == NULL ||
	    !trusted(c, env) || !policy_from_support(c, env, msg->mime))) {
		d->reason = "not-support";
		return 0;
	}
	if (decide(env, msg, c, st, d, err) == 0)
		return 0;
	core_fail(c, FAIL_STORE, err, d);
	return -1;
}
