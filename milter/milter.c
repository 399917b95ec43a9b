/*
 * NAME
 *	milter - libmilter callbacks and the application of decisions
 * DESCRIPTION
 *	Per connection we keep the client address; per message the envelope,
 *	the queue ID (macro i, read again at DATA, end of headers and end of
 *	message because Postfix assigns it late) and a spool of the bytes.
 *	Mail without a support recipient is accepted at DATA, before the MTA
 *	sends headers or body.  At end of message the core decides and this
 *	file carries the decision out and writes the one log line.
 * SEE ALSO
 *	libmilter smfi_*(3), Postfix MILTER_README, milter.h
 */
#include <arpa/inet.h>
#include <errno.h>
#include <grp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <libmilter/mfapi.h>

#include "core.h"
#include "log.h"
#include "milter.h"
#include "spool.h"
#include "stats.h"

#define BODY_CHUNK	65536	/* bytes per smfi_replacebody() call */

/*
 * What all callbacks share.  libmilter passes callbacks no pointer of
 * ours, so it lives here, behind one lock: the configuration new messages
 * get (a reload replaces it), and the count of messages in progress that
 * a stop waits for.  store is set before smfi_main() and only read after.
 */
static struct {
	GMutex	lock;
	struct conf *conf;
	unsigned inflight;	/* messages holding a configuration */
	bool	stopping;	/* no new messages */
	struct store *store;
	struct spool_budget spooled;	/* message bytes held in memory */
} shared;

/* Counted once per logged message; read by the statistics file. */
static struct stats counters;

struct conn {
	char	client[INET6_ADDRSTRLEN];
	bool	leadspc;	/* header values keep their leading space */
	bool	skip;		/* the MTA understands SMFIS_SKIP */
	unsigned long noreply;	/* SMFIP_NR_* steps we answer with silence */
	/* the message */
	struct conf *conf;	/* as when it began; NULL between messages */
	char	*qid;
	char	*sender;
	char	*auth;
	GPtrArray *rcpts;	/* char *, as given at RCPT */
	struct spool *spool;
	int	spool_errno;	/* first spool write error, or 0 */
};

static struct conn *
conn_get(SMFICTX *ctx)
{
	return smfi_getpriv(ctx);
}

/* go_on - the answer to a step that refuses nothing. */
static sfsistat
go_on(const struct conn *c, unsigned long step)
{
	return (c->noreply & step) ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

/*
 * message_begin - a new message takes the configuration of the moment,
 * which it keeps to its end whatever a reload does.  -1 once stopping.
 */
static int
message_begin(struct conn *c)
{
	g_mutex_lock(&shared.lock);
	if (!shared.stopping) {
		c->conf = conf_ref(shared.conf);
		shared.inflight++;
	}
	g_mutex_unlock(&shared.lock);
	if (c->conf == NULL)
		return -1;
	/* the spool borrows the configuration's directory */
	c->spool = spool_new(c->conf->spool_directory, &(struct spool_limits){
	    .spill = c->conf->spill_size, .memory = c->conf->spool_memory,
	    .max = c->conf->max_message_size, .line = MESSAGE_LINE_MAX },
	    &shared.spooled);
	return 0;
}

/* message_end - give back the message's configuration. */
static void
message_end(struct conn *c)
{
	struct conf *conf = c->conf;

	g_clear_pointer(&c->spool, spool_free);
	c->conf = NULL;
	g_mutex_lock(&shared.lock);
	shared.inflight--;
	g_mutex_unlock(&shared.lock);
	conf_free(conf);
}

/* conn_reset - forget the current message. */
static void
conn_reset(struct conn *c)
{
	g_clear_pointer(&c->qid, g_free);
	g_clear_pointer(&c->sender, g_free);
	g_clear_pointer(&c->auth, g_free);
	g_ptr_array_set_size(c->rcpts, 0);
	if (c->conf)
		message_end(c);
	c->spool_errno = 0;
}

/* read_qid - the queue ID, when the MTA has sent it by now. */
static void
read_qid(SMFICTX *ctx, struct conn *c)
{
	const char *q = smfi_getsymval(ctx, "i");

	if (q && *q) {
		g_free(c->qid);
		c->qid = g_strdup(q);
	}
}

/* envelope_of - an envelope borrowing the connection's strings. */
static struct envelope
envelope_of(const struct conn *c)
{
	struct envelope env = {
		c->qid ? c->qid : "NOQUEUE", c->sender ? c->sender : "<>",
		(const char *const *)c->rcpts->pdata, c->rcpts->len,
		c->client, c->auth, time(NULL)
	};

	return env;
}

static sfsistat
on_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
    unsigned long f2, unsigned long f3, unsigned long *pf0,
    unsigned long *pf1, unsigned long *pf2, unsigned long *pf3)
{
	unsigned long want = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_DELRCPT |
	    SMFIF_CHGBODY;
	unsigned long steps = SMFIP_NOHELO | SMFIP_NOUNKNOWN;
	/*
	 * Steps that never refuse anything need no answer: one round trip
	 * less per header, recipient and connection.  libmilter offers these
	 * even to an MTA without them, and answers in our place there.
	 */
	unsigned long silent = SMFIP_NR_CONN | SMFIP_NR_RCPT | SMFIP_NR_HDR;
	struct conn *c = g_new0(struct conn, 1);

	(void)f2; (void)f3;
	if ((f0 & want) != want) {
		log_msg(LOG_ERR, "the MTA does not allow header, recipient and "
		    "body changes (actions 0x%lx): not filtering", f0);
		g_free(c);
		return SMFIS_REJECT;
	}
	c->leadspc = (f1 & SMFIP_HDR_LEADSPC) != 0;
	c->skip = (f1 & SMFIP_SKIP) != 0;
	c->noreply = silent & f1;
	c->rcpts = g_ptr_array_new_with_free_func(g_free);
	(void)g_strlcpy(c->client, "unknown", sizeof(c->client));
	(void)smfi_setpriv(ctx, c);
	/* holding mail is optional: only on_*_error = quarantine needs it */
	*pf0 = want | (f0 & SMFIF_QUARANTINE);
	*pf1 = (steps | SMFIP_HDR_LEADSPC | SMFIP_SKIP | silent) & f1;
	*pf2 = *pf3 = 0;
	return SMFIS_CONTINUE;
}

static sfsistat
on_connect(SMFICTX *ctx, char *host, struct sockaddr *sa)
{
	struct conn *c = conn_get(ctx);
	const void *a = NULL;

	(void)host;
	if (sa && sa->sa_family == AF_INET)
		a = &((struct sockaddr_in *)(void *)sa)->sin_addr;
	else if (sa && sa->sa_family == AF_INET6)
		a = &((struct sockaddr_in6 *)(void *)sa)->sin6_addr;
	if (a == NULL || inet_ntop(sa->sa_family, a, c->client,
	    sizeof(c->client)) == NULL)
		(void)g_strlcpy(c->client, "unknown", sizeof(c->client));
	return go_on(c, SMFIP_NR_CONN);
}

static sfsistat
on_envfrom(SMFICTX *ctx, char **argv)
{
	struct conn *c = conn_get(ctx);
	const char *auth = smfi_getsymval(ctx, "{auth_authen}");

	conn_reset(c);
	if (message_begin(c) < 0) {
		GString	*from = g_string_new(NULL);

		decision_append_value(from, argv[0]);
		log_msg(LOG_INFO, "NOQUEUE: action=tempfail reason=stopping "
		    "from=%s", from->str);
		(void)g_string_free(from, TRUE);
		return SMFIS_TEMPFAIL;
	}
	c->sender = g_strdup(argv[0]);
	c->auth = auth && *auth ? g_strdup(auth) : NULL;
	read_qid(ctx, c);
	return SMFIS_CONTINUE;
}

static sfsistat
on_envrcpt(SMFICTX *ctx, char **argv)
{
	struct conn *c = conn_get(ctx);

	g_ptr_array_add(c->rcpts, g_strdup(argv[0]));
	return go_on(c, SMFIP_NR_RCPT);
}

/* log_decision - the one line for a message. */
static void
log_decision(const struct envelope *env, const struct decision *d)
{
	GString	*line = g_string_new(NULL);

	stats_add(&counters, d);
	decision_summary(env, d, line);
	log_msg(d->error ? LOG_ERR : LOG_INFO, "%s: %s", env->queue_id,
	    line->str);
	(void)g_string_free(line, TRUE);
}

static sfsistat
on_data(SMFICTX *ctx)
{
	struct conn *c = conn_get(ctx);
	struct envelope env;
	struct decision d;

	read_qid(ctx, c);
	env = envelope_of(c);
	if (core_wants(c->conf, &env))
		return SMFIS_CONTINUE;
	decision_init(&d);
	d.reason = "not-support";
	log_decision(&env, &d);
	decision_release(&d);
	conn_reset(c);
	return SMFIS_ACCEPT;
}

/* spool_put - store bytes, remembering the first write error. */
static void
spool_put(struct conn *c, const void *data, size_t len)
{
	if (c->spool_errno == 0 && spool_write(c->spool, data, len) < 0)
		c->spool_errno = errno ? errno : EIO;
}

static sfsistat
on_header(SMFICTX *ctx, char *name, char *value)
{
	struct conn *c = conn_get(ctx);

	spool_put(c, name, strlen(name));
	spool_put(c, c->leadspc ? ":" : ": ", c->leadspc ? 1 : 2);
	/* folded values come with bare LF line breaks: store them as CRLF */
	for (const char *p = value; *p;) {
		size_t	n = strcspn(p, "\r\n");

		spool_put(c, p, n);
		p += n;
		if (*p == '\r' && p[1] == '\n')
			p++;
		if (*p) {
			spool_put(c, "\r\n", 2);
			p++;
		}
	}
	spool_put(c, "\r\n", 2);
	return go_on(c, SMFIP_NR_HDR);
}

static sfsistat finish(SMFICTX *, struct conn *);

static sfsistat
on_eoh(SMFICTX *ctx)
{
	struct conn *c = conn_get(ctx);
	struct envelope env;

	read_qid(ctx, c);
	spool_put(c, "\r\n", 2);
	env = envelope_of(c);
	/* mail not to support is never changed: its headers are enough */
	if (core_needs_body(c->conf, &env))
		return SMFIS_CONTINUE;
	return finish(ctx, c);
}

static sfsistat
on_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	struct conn *c = conn_get(ctx);

	spool_put(c, chunk, len);
	if (spool_overflow(c->spool) && c->skip)
		return SMFIS_SKIP;
	return SMFIS_CONTINUE;
}

/* with_leadspc - header values as the MTA expects them. */
static char *
with_leadspc(const struct conn *c, const char *value)
{
	if (value == NULL)
		return NULL;
	return g_strconcat(c->leadspc ? " " : "", value, NULL);
}

/* set_reply - the multi-line SMTP reply, '%' doubled for libmilter. */
static int
set_reply(SMFICTX *ctx, const struct decision *d)
{
	char	*l[33] = { NULL };
	guint	n = MIN(d->reply_lines->len, 32);
	int	rc;

	if (n == 0)
		return MI_SUCCESS;
	for (guint i = 0; i < n; i++) {
		char	**parts = g_strsplit(g_ptr_array_index(d->reply_lines, i),
		    "%", -1);

		l[i] = g_strjoinv("%%", parts);
		g_strfreev(parts);
	}
	rc = smfi_setmlreply(ctx, d->reply_code, d->reply_xcode, l[0], l[1],
	    l[2], l[3], l[4], l[5], l[6], l[7], l[8], l[9], l[10], l[11], l[12],
	    l[13], l[14], l[15], l[16], l[17], l[18], l[19], l[20], l[21],
	    l[22], l[23], l[24], l[25], l[26], l[27], l[28], l[29], l[30],
	    l[31], (char *)NULL);
	for (guint i = 0; i < n; i++)
		g_free(l[i]);
	return rc;
}

/* apply_edits - header edits and recipient removals, in order. */
static int
apply_edits(SMFICTX *ctx, const struct conn *c, const struct decision *d)
{
	int	rc = MI_SUCCESS;

	for (guint i = 0; rc == MI_SUCCESS && i < d->edits->len; i++) {
		const struct header_edit *e =
		    &g_array_index(d->edits, struct header_edit, i);
		char	*v = with_leadspc(c, e->value);

		if (e->op == EDIT_ADD)
			rc = smfi_addheader(ctx, e->name, v);
		else if (e->op == EDIT_INSERT)
			rc = smfi_insheader(ctx, e->index, e->name, v);
		else
			rc = smfi_chgheader(ctx, e->name, e->index, v);
		g_free(v);
	}
	for (guint i = 0; rc == MI_SUCCESS && i < d->removed_rcpts->len; i++)
		rc = smfi_delrcpt(ctx, g_ptr_array_index(d->removed_rcpts, i));
	/* Postfix wants every body replacement call back to back, last */
	for (guint off = 0; rc == MI_SUCCESS && d->body && off < d->body->len;
	    off += BODY_CHUNK)
		rc = smfi_replacebody(ctx, d->body->data + off,
		    (int)MIN(BODY_CHUNK, d->body->len - off));
	return rc;
}

static sfsistat
status_of(const struct decision *d)
{
	switch (d->action) {
	case ACTION_REJECT: return SMFIS_REJECT;
	case ACTION_TEMPFAIL: return SMFIS_TEMPFAIL;
	case ACTION_QUARANTINE:
	case ACTION_ACCEPT: break;
	}
	return SMFIS_ACCEPT;
}

/* carry_out - d's reply, or its hold in the MTA's quarantine. */
static int
carry_out(SMFICTX *ctx, const struct decision *d)
{
	char	reason[128];

	if (d->action != ACTION_QUARANTINE)
		return set_reply(ctx, d);
	(void)g_snprintf(reason, sizeof(reason), "support-milter: %s",
	    d->reason);
	return smfi_quarantine(ctx, reason);
}

/* failed - a message we could not take in or change: on_internal_error. */
static sfsistat
failed(SMFICTX *ctx, const struct conf *conf, const struct envelope *env,
    const char *what)
{
	struct decision d;
	sfsistat rs;

	decision_init(&d);
	core_fail(conf, FAIL_INTERNAL, what, &d);
	/* an MTA without quarantine gets the safe answer */
	rs = carry_out(ctx, &d) == MI_SUCCESS ? status_of(&d) : SMFIS_TEMPFAIL;
	log_decision(env, &d);
	decision_release(&d);
	return rs;
}

/*
 * finish - decide about the message in the spool and carry it out; at end
 * of headers only for mail the core does not change.
 */
static sfsistat
finish(SMFICTX *ctx, struct conn *c)
{
	struct envelope env;
	struct message msg;
	struct decision d;
	sfsistat rs;

	read_qid(ctx, c);
	env = envelope_of(c);
	if (c->spool_errno) {
		char	what[128];

		(void)g_snprintf(what, sizeof(what), "spool %s: %s",
		    c->conf->spool_directory, g_strerror(c->spool_errno));
		rs = failed(ctx, c->conf, &env, what);
		conn_reset(c);
		return rs;
	}
	message_from_spool(c->spool, c->conf->max_message_size, &msg);
	decision_init(&d);
	(void)core_decide(&env, &msg, c->conf, shared.store, &d);
	if (apply_edits(ctx, c, &d) != MI_SUCCESS ||
	    carry_out(ctx, &d) != MI_SUCCESS)
		rs = failed(ctx, c->conf, &env, "smfi: the MTA refused a change");
	else {
		log_decision(&env, &d);
		rs = status_of(&d);
	}
	decision_release(&d);
	message_release(&msg);
	conn_reset(c);
	return rs;
}

static sfsistat
on_eom(SMFICTX *ctx)
{
	return finish(ctx, conn_get(ctx));
}

static sfsistat
on_abort(SMFICTX *ctx)
{
	struct conn *c = conn_get(ctx);

	if (c)
		conn_reset(c);
	return SMFIS_CONTINUE;
}

static sfsistat
on_close(SMFICTX *ctx)
{
	struct conn *c = conn_get(ctx);

	if (c == NULL)
		return SMFIS_CONTINUE;
	conn_reset(c);
	g_ptr_array_unref(c->rcpts);
	g_free(c);
	(void)smfi_setpriv(ctx, NULL);
	return SMFIS_CONTINUE;
}

static struct smfiDesc desc = {
	.xxfi_name = "support-milter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_DELRCPT |
	    SMFIF_CHGBODY | SMFIF_QUARANTINE,
	.xxfi_connect = on_connect,
	.xxfi_envfrom = on_envfrom,
	.xxfi_envrcpt = on_envrcpt,
	.xxfi_header = on_header,
	.xxfi_eoh = on_eoh,
	.xxfi_body = on_body,
	.xxfi_eom = on_eom,
	.xxfi_abort = on_abort,
	.xxfi_close = on_close,
	.xxfi_data = on_data,
	.xxfi_negotiate = on_negotiate,
};

void
milter_version(char *buf, size_t size)
{
	unsigned int major, minor, patch;

	(void)smfi_version(&major, &minor, &patch);
	(void)g_snprintf(buf, size, "%u.%u.%u", major, minor, patch);
}

/* unix_path - the file of a unix: or local: socket spec, or NULL. */
static const char *
unix_path(const char *spec)
{
	if (g_str_has_prefix(spec, "unix:"))
		return spec + 5;
	if (g_str_has_prefix(spec, "local:"))
		return spec + 6;
	return NULL;
}

/*
 * set_socket_access - give the unix socket its owner, its configured group
 * (else the owner's group) and its mode.
 */
static int
set_socket_access(const struct conf *conf, const char *path, uid_t uid,
    gid_t gid)
{
	struct stat st;

	if (*conf->socket_group) {
		struct group *gr = getgrnam(conf->socket_group);

		if (gr == NULL) {
			log_msg(LOG_ERR, "socket %s: unknown group \"%s\"", path,
			    conf->socket_group);
			return -1;
		}
		gid = gr->gr_gid;
	}
	if (chown(path, uid, gid) < 0 ||
	    chmod(path, conf->socket_mode) < 0 || stat(path, &st) < 0) {
		log_msg(LOG_ERR, "socket %s: %s", path, g_strerror(errno));
		return -1;
	}
	log_msg(LOG_INFO, "listening on unix:%s owner=%u group=%u mode=%04o",
	    path, (unsigned)st.st_uid, (unsigned)st.st_gid,
	    (unsigned)(st.st_mode & 07777));
	return 0;
}

/*
 * set_nodelay - TCP_NODELAY on libmilter's listening socket, which accepted
 * sockets inherit on Linux.  libmilter does not set it, and without it
 * every modified message waits about 40 ms for a delayed ACK.  libmilter
 * does not show us its descriptor: it is the one listening inet socket.
 */
static void
set_nodelay(const char *spec)
{
	int	one = 1, found = 0;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		rl.rlim_cur = 1024;
	for (int fd = 0; fd < (int)MIN(rl.rlim_cur, 65536); fd++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		int	listening = 0;
		socklen_t ll = sizeof(listening);

		if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0 ||
		    (ss.ss_family != AF_INET && ss.ss_family != AF_INET6) ||
		    getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &ll) < 0 ||
		    !listening)
			continue;
		if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one)) == 0)
			found++;
	}
	if (found)
		log_msg(LOG_INFO, "listening on %s with TCP_NODELAY", spec);
	else
		log_msg(LOG_WARNING, "listening on %s without TCP_NODELAY: "
		    "modified messages may stall on delayed ACKs", spec);
}

int
milter_listen(const struct conf *conf, uid_t uid, gid_t gid)
{
	const char *path = unix_path(conf->socket);
	mode_t	old;
	int	rc;

	if (smfi_register(desc) == MI_FAILURE ||
	    smfi_setconn(conf->socket) == MI_FAILURE) {
		log_msg(LOG_ERR, "socket %s: libmilter refused the setup",
		    conf->socket);
		return -1;
	}
	/* nobody may reach the socket before its group and mode are set */
	old = umask(0177);
	rc = smfi_opensocket(true);
	(void)umask(old);
	if (rc == MI_FAILURE) {
		log_msg(LOG_ERR, "socket %s: cannot listen (in use, or a "
		    "missing directory?)", conf->socket);
		return -1;
	}
	if (path && set_socket_access(conf, path, uid, gid) < 0)
		return -1;
	if (path == NULL)
		set_nodelay(conf->socket);
	stats_init(&counters, time(NULL));
	return 0;
}

const struct stats *
milter_counters(void)
{
	return &counters;
}

void
milter_unlisten(const struct conf *conf)
{
	const char *path = unix_path(conf->socket);

	if (path)
		(void)unlink(path);
}

struct conf *
milter_conf_get(void)
{
	struct conf *c;

	g_mutex_lock(&shared.lock);
	c = shared.conf ? conf_ref(shared.conf) : NULL;
	g_mutex_unlock(&shared.lock);
	return c;
}

void
milter_conf_set(struct conf *conf)
{
	struct conf *old;

	if (conf)
		(void)conf_ref(conf);
	g_mutex_lock(&shared.lock);
	old = shared.conf;
	shared.conf = conf;
	g_mutex_unlock(&shared.lock);
	/* messages still using the old one hold their own references */
	conf_free(old);
}

void
milter_refuse_new(void)
{
	g_mutex_lock(&shared.lock);
	shared.stopping = true;
	g_mutex_unlock(&shared.lock);
}

unsigned
milter_in_progress(void)
{
	unsigned n;

	g_mutex_lock(&shared.lock);
	n = shared.inflight;
	g_mutex_unlock(&shared.lock);
	return n;
}

void
milter_stop(void)
{
	(void)smfi_stop();
}

int
milter_serve(struct store *st)
{
	struct conf *c = milter_conf_get();
	int	rc;

	shared.store = st;
	rc = smfi_main();
	milter_refuse_new();
	/* a socket left behind would look alive to an administrator */
	milter_unlisten(c);
	conf_free(c);
	return rc == MI_SUCCESS ? 0 : -1;
}
