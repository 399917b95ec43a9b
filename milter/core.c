/*
 * NAME
 *	core - sequence the steps that decide about one message
 * DESCRIPTION
 *	Order: not for support -> accept untouched; mail we could not take
 *	in whole (oversize, unparseable) -> accept unmodified; otherwise the
 *	recipient rule.  Every decision about support mail is then stored
 *	before the caller acts on it; a store failure turns into on_failure.
 *
 *	A reject at end of message fails the mail for every recipient, so
 *	when the envelope has recipients besides support the reject becomes
 *	multi_recipient_action: remove the support recipient, or warn.
 *	Automatic mail is never rejected (no guidance to robots).
 */
#include <string.h>

#include "address.h"
#include "core.h"
#include "policy.h"

#define GUIDANCE_VAR	"${support_address}"

bool
core_wants(const struct conf *c, const struct envelope *env)
{
	for (size_t i = 0; i < env->nrcpts; i++)
		if (address_match(c, env->rcpts[i], NULL))
			return true;
	return false;
}

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

/* set_guidance - the 550 5.7.1 reply, naming the address written to. */
static void
set_guidance(const struct conf *c, const char *address, struct decision *d)
{
	d->action = ACTION_REJECT;
	g_strlcpy(d->reply_code, "550", sizeof(d->reply_code));
	g_strlcpy(d->reply_xcode, "5.7.1", sizeof(d->reply_xcode));
	for (char **l = c->guidance_reply; *l; l++) {
		char	**parts = g_strsplit(*l, GUIDANCE_VAR, -1);

		g_ptr_array_add(d->reply_lines, g_strjoinv(address, parts));
		g_strfreev(parts);
	}
}

/*
 * mark - our header with the verdict, after removing copies that came
 * with the mail (the ticket system trusts it; from the end, so indexes
 * of the earlier ones stay valid).
 */
static void
mark(const struct conf *c, const struct message *m, const char *policy,
    struct decision *d)
{
	GString	*v = g_string_new(NULL);

	d->policy = policy;
	for (int i = message_header_count(m, c->header_name); i > 0; i--)
		decision_add_edit(d, EDIT_CHANGE, c->header_name, i, NULL);
	g_string_printf(v, "recipient=%s; policy=%s", d->placement, policy);
	if (d->automatic)
		g_string_append_printf(v, "; automatic=%s", d->automatic);
	decision_add_edit(d, EDIT_ADD, c->header_name, 0, v->str);
	(void)g_string_free(v, TRUE);
}

/* decide_rule - the recipient rule for a parsed support message. */
static void
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
		d->reason = "from-support";
		mark(c, m, "exempt", d);
		return;
	}
	if (place == PLACE_TO) {
		mark(c, m, "pass", d);
		return;
	}
	action = place == PLACE_CC ? c->cc_only_action : c->bcc_action;
	d->automatic = policy_automatic(env, m->mime);
	if (action == POLICY_REJECT && d->automatic)
		action = POLICY_WARN;
	if (action == POLICY_REJECT && nsupport < env->nrcpts)
		action = c->multi_recipient_action;
	switch (action) {
	case POLICY_REJECT:
		d->policy = "reject";
		set_guidance(c, c->support_addresses[which], d);
		break;
	case POLICY_REMOVE:
		d->policy = "remove";
		(void)support_rcpts(c, env, d->removed_rcpts, NULL);
		break;
	case POLICY_WARN:
	case POLICY_ACCEPT:
		mark(c, m, conf_policy_name(action), d);
		break;
	}
}

/* fail_safe - the configured action when the decision cannot be kept. */
static void
fail_safe(const struct conf *c, struct decision *d)
{
	g_array_set_size(d->edits, 0);
	g_ptr_array_set_size(d->removed_rcpts, 0);
	g_ptr_array_set_size(d->reply_lines, 0);
	d->reason = "store-error";
	if (c->on_failure == FAILURE_ACCEPT) {
		d->action = ACTION_ACCEPT;
		return;
	}
	d->action = ACTION_TEMPFAIL;
	g_strlcpy(d->reply_code, "451", sizeof(d->reply_code));
	g_strlcpy(d->reply_xcode, "4.3.0", sizeof(d->reply_xcode));
	g_ptr_array_add(d->reply_lines, g_strdup(
	    "support-milter cannot record this message now, please try again later"));
}

/* record - store the decision; on failure switch to the failure action. */
static int
record(const struct envelope *env, const struct conf *c, struct store *st,
    struct decision *d)
{
	char	err[STORE_ERRLEN];
	uint64_t seq;

	g_string_printf(d->record, "t=%lld qid=", (long long)env->now);
	decision_append_value(d->record, env->queue_id);
	g_string_append_c(d->record, ' ');
	decision_summary(env, d, d->record);
	if (store_put_decision(st, d->record->str, d->record->len, &seq, err) == 0)
		return 0;
	d->error = g_strdup(err);
	fail_safe(c, d);
	return -1;
}

int
core_decide(const struct envelope *env, const struct message *msg,
    const struct conf *c, struct store *st, struct decision *d)
{
	d->anomalies = msg->anomalies;
	if (msg->mime)
		d->message_id = g_strdup(g_mime_message_get_message_id(msg->mime));
	if (!core_wants(c, env)) {
		d->reason = "not-support";
		return 0;
	}
	if (msg->anomalies & ANOMALY_OVERSIZE)
		d->reason = "oversize";
	else if (msg->mime == NULL)
		d->reason = "unparseable";
	else
		decide_rule(env, msg, c, d);
	return record(env, c, st, d);
}
