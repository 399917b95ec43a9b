/*
 * NAME
 *	noop-milter - the baseline for benchmarks: a libmilter milter that
 *	does nothing
 * SYNOPSIS
 *	noop-milter unix:PATH|inet:PORT@HOST
 * DESCRIPTION
 *	Registers the callbacks a typical filter uses, connect to end of
 *	message, with the actions support-milter asks for; keeps per
 *	connection state as filters do (smfi_setpriv), reads every body chunk
 *	(it counts the bytes) and accepts every message at its end.  What
 *	support-milter costs beyond this is its own work.  Runs in the
 *	foreground until SIGTERM or SIGINT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libmilter/mfapi.h>

struct conn {
	size_t	headers;
	size_t	body;
};

static sfsistat
on_connect(SMFICTX *ctx, char *host, _SOCK_ADDR *sa)
{
	(void)host; (void)sa;
	return smfi_setpriv(ctx, calloc(1, sizeof(struct conn))) == MI_SUCCESS ?
	    SMFIS_CONTINUE : SMFIS_TEMPFAIL;
}

static sfsistat
on_helo(SMFICTX *ctx, char *name)
{
	(void)ctx; (void)name;
	return SMFIS_CONTINUE;
}

static sfsistat
on_args(SMFICTX *ctx, char **argv)
{
	(void)ctx; (void)argv;
	return SMFIS_CONTINUE;
}

static sfsistat
on_data(SMFICTX *ctx)
{
	(void)ctx;
	return SMFIS_CONTINUE;
}

static sfsistat
on_header(SMFICTX *ctx, char *name, char *value)
{
	struct conn *c = smfi_getpriv(ctx);

	(void)name; (void)value;
	if (c)
		c->headers++;
	return SMFIS_CONTINUE;
}

static sfsistat
on_eoh(SMFICTX *ctx)
{
	(void)ctx;
	return SMFIS_CONTINUE;
}

static sfsistat
on_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	struct conn *c = smfi_getpriv(ctx);

	(void)chunk;
	if (c)
		c->body += len;
	return SMFIS_CONTINUE;
}

/* reset - the message is over, the connection may carry another. */
static sfsistat
reset(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c)
		c->headers = c->body = 0;
	return SMFIS_CONTINUE;
}

static sfsistat
on_eom(SMFICTX *ctx)
{
	(void)reset(ctx);
	return SMFIS_ACCEPT;
}

static sfsistat
on_close(SMFICTX *ctx)
{
	free(smfi_getpriv(ctx));
	(void)smfi_setpriv(ctx, NULL);
	return SMFIS_CONTINUE;
}

static struct smfiDesc desc = {
	.xxfi_name = "noop-milter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_DELRCPT |
	    SMFIF_CHGBODY,
	.xxfi_connect = on_connect,
	.xxfi_helo = on_helo,
	.xxfi_envfrom = on_args,
	.xxfi_envrcpt = on_args,
	.xxfi_data = on_data,
	.xxfi_header = on_header,
	.xxfi_eoh = on_eoh,
	.xxfi_body = on_body,
	.xxfi_eom = on_eom,
	.xxfi_abort = reset,
	.xxfi_close = on_close,
};

int
main(int argc, char **argv)
{
	if (argc != 2) {
		(void)fputs("usage: noop-milter unix:PATH|inet:PORT@HOST\n",
		    stderr);
		return 2;
	}
	/* the MTA runs as another user: let it reach a unix socket */
	(void)umask(0);
	if (smfi_register(desc) == MI_FAILURE ||
	    smfi_setconn(argv[1]) == MI_FAILURE ||
	    smfi_opensocket(true) == MI_FAILURE) {
		fprintf(stderr, "noop-milter: cannot listen on %s\n", argv[1]);
		return 1;
	}
	return smfi_main() == MI_SUCCESS ? 0 : 1;
}
