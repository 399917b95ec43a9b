/*
 * NAME
 *	milterload - drive a milter as Postfix does, many sessions at once
 * SYNOPSIS
 *	milterload -s unix:PATH|inet:PORT@HOST [-c sessions] [-n messages]
 *	    [-f sender] [-r recipient]... [-e accept|reject|tempfail] FILE...
 * DESCRIPTION
 *	The MTA side of the milter protocol, version 6, shaped after Postfix's
 *	milter8.c: a new connection per message; option negotiation offering
 *	every action and every protocol step; then, honouring the steps the
 *	milter negotiated away (SMFIP_NO*) and the replies it does not send
 *	(SMFIP_NR_*), the macros Postfix sends by default before CONNECT,
 *	MAIL, RCPT, DATA, end of headers and end of message, the commands
 *	themselves, Postfix's own Received: header first, the body in chunks
 *	of 65535 bytes (stopping at SMFIR_SKIP), and the end of message, whose
 *	modification replies are read up to the final one; then QUIT.  A final
 *	reply before the end (accept at DATA) ends the message as it would in
 *	Postfix.
 *
 *	The FILEs (RFC 5322 messages) are loaded once and sent in turn, each
 *	with a fresh Message-ID, by -c threads until -n messages are done.
 *	"%N" in a header value becomes the message's number, so that a file
 *	can stand for a new sender each time.
 *	One line of results follows: messages/s, latency percentiles (of the
 *	whole session, connect to close; "small" is messages up to 100 KB),
 *	and how many messages got which final reply and which edits.
 * DIAGNOSTICS
 *	Exit status 0 when every message got a final reply (and, with -e,
 *	the expected one), 1 otherwise, 2 on usage errors.
 */
#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <libmilter/mfapi.h>
#include <libmilter/mfdef.h>

#define CHUNK		65535	/* Postfix's and libmilter's body chunk */
#define SMALL		(100 * 1024)	/* "small" for the latency target */
#define MAX_RCPTS	16
#define REPLY_MAX	(1 << 20)	/* bound on one reply packet */

struct header {
	char	*name;
	char	*value;		/* as after the colon, folds as bare LF */
};

struct message {
	struct header *headers;
	size_t	nheaders;
	char	*body;		/* CRLF line ends */
	size_t	body_len;
	size_t	size;		/* of the file */
};

/* The final reply a message got, and what the milter asked to change. */
enum final { F_NONE, F_ACCEPT, F_REJECT, F_TEMPFAIL, F_DISCARD, F_COUNT };
static const char *const final_names[F_COUNT] = {
	"none", "accept", "reject", "tempfail", "discard"
};

struct result {
	double	ms;
	size_t	size;
	enum final final;
	unsigned edits;		/* header, recipient and body replies */
	bool	replbody;
};

struct run {
	const char *socket;
	const char *sender;
	const char *rcpts[MAX_RCPTS];
	int	nrcpts;
	struct message *msgs;
	size_t	nmsgs;
	size_t	total;
	atomic_size_t next;
	struct result *results;
	atomic_int errors;
};

/* A session: the socket, what was negotiated, and a read buffer. */
struct session {
	int	fd;
	unsigned long proto;	/* steps the milter negotiated */
	char	*buf;
	size_t	cap;
	size_t	len;
	char	cmd;
	struct result *res;
	char	qid[24];
};

static void
die(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	(void)fputs("milterload: ", stderr);
	(void)vfprintf(stderr, fmt, ap);
	(void)fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory");
	return p;
}

static char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* read_file - a whole file into memory. */
static char *
read_file(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*data;
	long	n;

	if (f == NULL || fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) < 0)
		die("%s: %s", path, strerror(errno));
	data = xmalloc((size_t)n + 1);
	if (fread(data, 1, (size_t)n, f) != (size_t)n)
		die("%s: short read", path);
	(void)fclose(f);
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

/* line_end - the end of the line at p (before CR LF or LF). */
static const char *
line_end(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *e = nl ? nl : end;

	*next = nl ? nl + 1 : end;
	if (e > p && e[-1] == '\r')
		e--;
	return e;
}

/* add_header - one header line, or a fold of the last one. */
static void
add_header(struct message *m, const char *p, const char *e)
{
	struct header *h;

	if ((*p == ' ' || *p == '\t') && m->nheaders > 0) {
		h = &m->headers[m->nheaders - 1];
		size_t	old = strlen(h->value), n = (size_t)(e - p);
		char	*v = xmalloc(old + n + 2);

		memcpy(v, h->value, old);
		v[old] = '\n';
		memcpy(v + old + 1, p, n);
		v[old + n + 1] = '\0';
		free(h->value);
		h->value = v;
		return;
	}
	const char *colon = memchr(p, ':', (size_t)(e - p));

	if (colon == NULL)
		return;
	m->headers = realloc(m->headers, (m->nheaders + 1) * sizeof(*h));
	if (m->headers == NULL)
		die("out of memory");
	h = &m->headers[m->nheaders++];
	h->name = xstrndup(p, (size_t)(colon - p));
	h->value = xstrndup(colon + 1, (size_t)(e - colon - 1));
}

/* load - parse a message file into headers and a CRLF body. */
static void
load(const char *path, struct message *m)
{
	size_t	len;
	char	*data = read_file(path, &len);
	const char *p = data, *end = data + len, *next = end, *e;
	char	*o;

	memset(m, 0, sizeof(*m));
	m->size = len;
	for (; p < end; p = next) {
		e = line_end(p, end, &next);
		if (e == p)
			break;
		add_header(m, p, e);
	}
	p = next;
	o = m->body = xmalloc(2 * (size_t)(end - p) + 1);
	for (; p < end; p = next) {
		e = line_end(p, end, &next);
		memcpy(o, p, (size_t)(e - p));
		o += e - p;
		if (next > e) {
			*o++ = '\r';
			*o++ = '\n';
		}
	}
	m->body_len = (size_t)(o - m->body);
	free(data);
}

/* --- the wire ------------------------------------------------------------ */

/* send_packet - length, command, and the data in pieces. */
static int
send_packet(struct session *s, char cmd, const struct iovec *parts, int n)
{
	struct iovec iov[17];
	uint32_t len = 1;
	size_t	want = 5, done = 0;
	char	hdr[5];
	int	cnt = n + 1;

	for (int i = 0; i < n; i++)
		len += (uint32_t)parts[i].iov_len;
	want = 4 + len;
	len = htonl(len);
	memcpy(hdr, &len, 4);
	hdr[4] = cmd;
	iov[0].iov_base = hdr;
	iov[0].iov_len = 5;
	memcpy(iov + 1, parts, (size_t)n * sizeof(*parts));
	while (done < want) {
		ssize_t	w = writev(s->fd, iov, cnt);
		struct iovec *v = iov;

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
		/* skip what was written */
		while (cnt > 0 && (size_t)w >= v->iov_len) {
			w -= (ssize_t)v->iov_len;
			v++;
			cnt--;
		}
		if (cnt > 0) {
			v->iov_base = (char *)v->iov_base + w;
			v->iov_len -= (size_t)w;
			memmove(iov, v, (size_t)cnt * sizeof(*v));
		}
	}
	return 0;
}

static int
read_full(int fd, void *p, size_t n)
{
	while (n > 0) {
		ssize_t	r = read(fd, p, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p = (char *)p + r;
		n -= (size_t)r;
	}
	return 0;
}

/* read_packet - the next reply into s->cmd and s->buf. */
static int
read_packet(struct session *s)
{
	uint32_t len;

	if (read_full(s->fd, &len, 4) < 0)
		return -1;
	len = ntohl(len);
	if (len == 0 || len > REPLY_MAX)
		return -1;
	if (read_full(s->fd, &s->cmd, 1) < 0)
		return -1;
	s->len = len - 1;
	if (s->len + 1 > s->cap) {
		free(s->buf);
		s->cap = s->len + 1;
		s->buf = xmalloc(s->cap);
	}
	if (read_full(s->fd, s->buf, s->len) < 0)
		return -1;
	s->buf[s->len] = '\0';
	return 0;
}

/* What a reply means to the sender: go on, skip the body, or final. */
enum step { S_ERROR = -1, S_CONTINUE, S_SKIP, S_FINAL };

/* reply - read replies up to one that answers the command. */
static enum step
reply(struct session *s)
{
	for (;;) {
		if (read_packet(s) < 0)
			return S_ERROR;
		switch (s->cmd) {
		case SMFIR_CONTINUE:
			return S_CONTINUE;
		case SMFIR_SKIP:
			return S_SKIP;
		case SMFIR_PROGRESS:
			continue;
		case SMFIR_ACCEPT:
			s->res->final = F_ACCEPT;
			return S_FINAL;
		case SMFIR_REJECT:
			s->res->final = F_REJECT;
			return S_FINAL;
		case SMFIR_TEMPFAIL:
			s->res->final = F_TEMPFAIL;
			return S_FINAL;
		case SMFIR_DISCARD:
			s->res->final = F_DISCARD;
			return S_FINAL;
		case SMFIR_REPLYCODE:
			s->res->final = s->buf[0] == '4' ? F_TEMPFAIL : F_REJECT;
			return S_FINAL;
		case SMFIR_REPLBODY:
			s->res->replbody = true;
			/* FALLTHROUGH */
		case SMFIR_ADDHEADER: case SMFIR_INSHEADER: case SMFIR_CHGHEADER:
		case SMFIR_ADDRCPT: case SMFIR_ADDRCPT_PAR: case SMFIR_DELRCPT:
		case SMFIR_CHGFROM: case SMFIR_QUARANTINE:
			s->res->edits++;
			continue;
		default:
			return S_ERROR;
		}
	}
}

/*
 * command - send a command (unless negotiated away by skip) and read its
 * reply (unless the milter sends none).
 */
static enum step
command(struct session *s, unsigned long skip, unsigned long noreply,
    char cmd, const struct iovec *parts, int n)
{
	if (s->proto & skip)
		return S_CONTINUE;
	if (send_packet(s, cmd, parts, n) < 0)
		return S_ERROR;
	if (s->proto & noreply)
		return S_CONTINUE;
	return reply(s);
}

static enum step
command_strings(struct session *s, unsigned long skip, unsigned long noreply,
    char cmd, const char *const *v, int n)
{
	struct iovec iov[8];

	for (int i = 0; i < n; i++) {
		iov[i].iov_base = (void *)v[i];
		iov[i].iov_len = strlen(v[i]) + 1;
	}
	return command(s, skip, noreply, cmd, iov, n);
}

/* macros - SMFIC_MACRO for the command stage: name, value, ... */
static int
macros(struct session *s, unsigned long skip, char stage,
    const char *const *nv, int n)
{
	assert(n < 16);
	struct iovec iov[16];
	char	st = stage;

	if (s->proto & skip)
		return 0;
	iov[0].iov_base = &st;
	iov[0].iov_len = 1;
	for (int i = 0; i < n; i++) {
		iov[i + 1].iov_base = (void *)nv[i];
		iov[i + 1].iov_len = strlen(nv[i]) + 1;
	}
	return send_packet(s, SMFIC_MACRO, iov, n + 1);
}

/* negotiate - offer what Postfix 3.7 offers; keep what the milter wants. */
static int
negotiate(struct session *s)
{
	uint32_t v[3] = { htonl(6), htonl(0x1ff), htonl(SMFI_CURR_PROT) };
	struct iovec iov = { v, sizeof(v) };

	if (send_packet(s, SMFIC_OPTNEG, &iov, 1) < 0 || read_packet(s) < 0 ||
	    s->cmd != SMFIC_OPTNEG || s->len < 12)
		return -1;
	memcpy(v, s->buf, sizeof(v));
	s->proto = ntohl(v[2]);
	return 0;
}

/* connect_to - a socket to unix:PATH or inet:PORT@HOST. */
static int
connect_to(const char *spec)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct sockaddr_in in = { .sin_family = AF_INET };
	int	fd, one = 1;

	if (strncmp(spec, "unix:", 5) == 0) {
		(void)snprintf(un.sun_path, sizeof(un.sun_path), "%s", spec + 5);
		if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
			return -1;
		if (connect(fd, (struct sockaddr *)&un, sizeof(un)) == 0)
			return fd;
	} else if (strncmp(spec, "inet:", 5) == 0 && strchr(spec, '@')) {
		in.sin_port = htons((uint16_t)strtoul(spec + 5, NULL, 10));
		if (inet_pton(AF_INET, strchr(spec, '@') + 1, &in.sin_addr) != 1 ||
		    (fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
			return -1;
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (connect(fd, (struct sockaddr *)&in, sizeof(in)) == 0)
			return fd;
	} else
		die("bad socket %s (unix:PATH or inet:PORT@HOST)", spec);
	(void)close(fd);
	return -1;
}

/* --- one message ---------------------------------------------------------- */

/* envelope - CONNECT, HELO, MAIL, RCPT and DATA with their macros. */
static enum step
envelope(struct session *s, const struct run *r)
{
	static const char conn_data[] = "client.bench.example\0" "4\xc3\x50"
	    "127.0.0.1";	/* family, port 50000, address */
	const char *const cm[] = { "j", "mx.bench.example", "{daemon_name}",
	    "smtpd", "{daemon_addr}", "127.0.0.1", "v", "Postfix 3.7.11",
	    "_", "client.bench.example [127.0.0.1]", "{client_addr}",
	    "127.0.0.1" };
	const char *helo[] = { "client.bench.example" };
	char	from[512];
	struct iovec iov = { (void *)conn_data, sizeof(conn_data) };
	enum step st;

	if (macros(s, SMFIP_NOCONNECT, SMFIC_CONNECT, cm, 12) < 0)
		return S_ERROR;
	if ((st = command(s, SMFIP_NOCONNECT, SMFIP_NR_CONN, SMFIC_CONNECT,
	    &iov, 1)) != S_CONTINUE)
		return st;
	if ((st = command_strings(s, SMFIP_NOHELO, SMFIP_NR_HELO, SMFIC_HELO,
	    helo, 1)) != S_CONTINUE)
		return st;
	(void)snprintf(from, sizeof(from), "<%s>", r->sender);
	const char *mm[] = { "{mail_addr}", r->sender, "{mail_host}",
	    "bench.example", "{mail_mailer}", "smtp" };
	const char *mail[] = { from, "BODY=8BITMIME" };

	if (macros(s, SMFIP_NOMAIL, SMFIC_MAIL, mm, 6) < 0)
		return S_ERROR;
	if ((st = command_strings(s, SMFIP_NOMAIL, SMFIP_NR_MAIL, SMFIC_MAIL,
	    mail, 2)) != S_CONTINUE)
		return st;
	for (int i = 0; i < r->nrcpts; i++) {
		char	to[512];
		const char *rm[] = { "i", s->qid, "{rcpt_addr}", r->rcpts[i],
		    "{rcpt_host}", "bench.example", "{rcpt_mailer}", "smtp" };
		const char *rcpt[] = { to };

		(void)snprintf(to, sizeof(to), "<%s>", r->rcpts[i]);
		if (macros(s, SMFIP_NORCPT, SMFIC_RCPT, rm, 8) < 0)
			return S_ERROR;
		if ((st = command_strings(s, SMFIP_NORCPT, SMFIP_NR_RCPT,
		    SMFIC_RCPT, rcpt, 1)) != S_CONTINUE)
			return st;
	}
	const char *qm[] = { "i", s->qid };

	if (macros(s, SMFIP_NODATA, SMFIC_DATA, qm, 2) < 0)
		return S_ERROR;
	return command(s, SMFIP_NODATA, SMFIP_NR_DATA, SMFIC_DATA, NULL, 0);
}

/* header - one header; values lose their leading blanks unless asked. */
static enum step
header(struct session *s, const char *name, const char *value)
{
	if (!(s->proto & SMFIP_HDR_LEADSPC))
		value += strspn(value, " \t");
	const char *v[] = { name, value };

	return command_strings(s, SMFIP_NOHDRS, SMFIP_NR_HDR, SMFIC_HEADER,
	    v, 2);
}

/* numbered - value with each "%N" replaced by n (free it). */
static char *
numbered(const char *value, size_t n)
{
	char	num[24], *out, *o;
	const char *p, *q;
	size_t	len = strlen(value) + 1;

	(void)snprintf(num, sizeof(num), "%zu", n);
	for (p = value; (q = strstr(p, "%N")) != NULL; p = q + 2)
		len += strlen(num);
	o = out = xmalloc(len);
	for (p = value; (q = strstr(p, "%N")) != NULL; p = q + 2) {
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		o = stpcpy(o, num);
	}
	(void)stpcpy(o, p);
	return out;
}

/* headers - Postfix's Received: line, then the message's, a new ID. */
static enum step
headers(struct session *s, const struct message *m, size_t n)
{
	char	received[256], msgid[96];
	enum step st;

	(void)snprintf(received, sizeof(received), " from client.bench.example "
	    "(client.bench.example [127.0.0.1])\n\tby mx.bench.example "
	    "(Postfix) with ESMTP id %s;\n\tWed, 25 Nov 2026 10:00:00 +0000",
	    s->qid);
	(void)snprintf(msgid, sizeof(msgid), " <bench.%zu.%ld@bench.example>",
	    n, (long)getpid());
	if ((st = header(s, "Received", received)) != S_CONTINUE)
		return st;
	for (size_t i = 0; i < m->nheaders; i++) {
		const struct header *h = &m->headers[i];
		char	*v = numbered(h->value, n);

		st = header(s, h->name,
		    strcasecmp(h->name, "Message-ID") == 0 ? msgid : v);
		free(v);
		if (st != S_CONTINUE)
			return st;
	}
	return S_CONTINUE;
}

/* content - headers, end of headers, body chunks and end of message. */
static enum step
content(struct session *s, const struct message *m, size_t n)
{
	const char *qm[] = { "i", s->qid };
	enum step st;

	if ((st = headers(s, m, n)) != S_CONTINUE)
		return st;
	if (macros(s, SMFIP_NOEOH, SMFIC_EOH, qm, 2) < 0)
		return S_ERROR;
	if ((st = command(s, SMFIP_NOEOH, SMFIP_NR_EOH, SMFIC_EOH, NULL, 0)) !=
	    S_CONTINUE)
		return st;
	for (size_t off = 0; off < m->body_len; off += CHUNK) {
		struct iovec iov = { m->body + off,
		    m->body_len - off < CHUNK ? m->body_len - off : CHUNK };

		st = command(s, SMFIP_NOBODY, SMFIP_NR_BODY, SMFIC_BODY, &iov, 1);
		if (st == S_SKIP)
			break;
		if (st != S_CONTINUE)
			return st;
	}
	if (macros(s, 0, SMFIC_BODYEOB, qm, 2) < 0)
		return S_ERROR;
	st = command(s, 0, 0, SMFIC_BODYEOB, NULL, 0);
	if (st == S_CONTINUE) {
		/* continue at the end of message is accept */
		s->res->final = F_ACCEPT;
		st = S_FINAL;
	}
	return st;
}

static double
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* one_message - a whole session for message number n. */
static void
one_message(struct run *r, struct session *s, size_t n)
{
	const struct message *m = &r->msgs[n % r->nmsgs];
	double	t0 = now_ms();
	enum step st = S_ERROR;

	s->res = &r->results[n];
	s->res->size = m->size;
	(void)snprintf(s->qid, sizeof(s->qid), "4B%09zX", n);
	if ((s->fd = connect_to(r->socket)) >= 0) {
		if (negotiate(s) == 0 && (st = envelope(s, r)) == S_CONTINUE)
			st = content(s, m, n);
		if (st == S_FINAL)
			(void)send_packet(s, SMFIC_QUIT, NULL, 0);
		(void)close(s->fd);
	}
	if (st != S_FINAL) {
		s->res->final = F_NONE;
		atomic_fetch_add(&r->errors, 1);
	}
	s->res->ms = now_ms() - t0;
}

static void *
worker(void *arg)
{
	struct run *r = arg;
	struct session s = { .fd = -1 };
	size_t	n;

	while ((n = atomic_fetch_add(&r->next, 1)) < r->total)
		one_message(r, &s, n);
	free(s.buf);
	return NULL;
}

/* --- results -------------------------------------------------------------- */

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* percentile - of n sorted values; 0 when there are none. */
static double
percentile(const double *v, size_t n, double p)
{
	size_t	i;

	if (n == 0)
		return 0;
	i = (size_t)(p / 100 * (double)n);
	return v[i < n ? i : n - 1];
}

static void
report(const struct run *r, double seconds)
{
	double	*all = xmalloc(r->total * sizeof(double));
	double	*small = xmalloc(r->total * sizeof(double));
	size_t	na = 0, ns = 0, finals[F_COUNT] = { 0 }, edited = 0, replaced = 0;

	for (size_t i = 0; i < r->total; i++) {
		const struct result *x = &r->results[i];

		all[na++] = x->ms;
		if (x->size <= SMALL)
			small[ns++] = x->ms;
		finals[x->final]++;
		edited += x->edits > 0;
		replaced += x->replbody;
	}
	qsort(all, na, sizeof(double), cmp_double);
	qsort(small, ns, sizeof(double), cmp_double);
	printf("messages=%zu seconds=%.3f rate=%.1f p50_ms=%.2f p99_ms=%.2f "
	    "small_p99_ms=%.2f", r->total, seconds, (double)r->total / seconds,
	    percentile(all, na, 50), percentile(all, na, 99),
	    percentile(small, ns, 99));
	for (int f = 0; f < F_COUNT; f++)
		printf(" %s=%zu", final_names[f], finals[f]);
	printf(" edited=%zu replbody=%zu errors=%d\n", edited, replaced,
	    atomic_load(&r->errors));
	free(all);
	free(small);
}

static void
usage(void)
{
	(void)fputs("usage: milterload -s unix:PATH|inet:PORT@HOST [-c sessions] "
	    "[-n messages] [-f sender] [-r recipient]... "
	    "[-e accept|reject|tempfail|discard] FILE...\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct run r = { .sender = "customer@client.example", .total = 100 };
	const char *expect = NULL;
	unsigned long sessions = 8;
	pthread_t *tids;
	double	t0;
	int	opt, bad = 0;

	while ((opt = getopt(argc, argv, "s:c:n:f:r:e:")) != -1) {
		switch (opt) {
		case 's': r.socket = optarg; break;
		case 'c': sessions = strtoul(optarg, NULL, 10); break;
		case 'n': r.total = strtoul(optarg, NULL, 10); break;
		case 'f': r.sender = optarg; break;
		case 'r':
			if (r.nrcpts == MAX_RCPTS)
				die("at most %d recipients", MAX_RCPTS);
			r.rcpts[r.nrcpts++] = optarg;
			break;
		case 'e': expect = optarg; break;
		default: usage();
		}
	}
	if (r.socket == NULL || optind == argc || sessions == 0 || r.total == 0)
		usage();
	if (r.nrcpts == 0)
		r.rcpts[r.nrcpts++] = "support@example.com";
	r.nmsgs = (size_t)(argc - optind);
	r.msgs = xmalloc(r.nmsgs * sizeof(*r.msgs));
	for (size_t i = 0; i < r.nmsgs; i++)
		load(argv[optind + (int)i], &r.msgs[i]);
	r.results = calloc(r.total, sizeof(*r.results));
	tids = xmalloc(sessions * sizeof(*tids));
	if (r.results == NULL)
		die("out of memory");
	t0 = now_ms();
	for (unsigned long i = 0; i < sessions; i++)
		if (pthread_create(&tids[i], NULL, worker, &r) != 0)
			die("pthread_create failed");
	for (unsigned long i = 0; i < sessions; i++)
		(void)pthread_join(tids[i], NULL);
	report(&r, (now_ms() - t0) / 1e3);
	for (size_t i = 0; expect && i < r.total; i++)
		if (strcmp(final_names[r.results[i].final], expect) != 0)
			bad++;
	if (bad)
		fprintf(stderr, "milterload: %d messages did not get %s\n", bad,
		    expect);
	return atomic_load(&r.errors) || bad ? 1 : 0;
}
