/*
 * envelope.h - what the MTA tells us about a message besides its bytes.
 *
 * Filled by milter.c from libmilter's callbacks and macros, or by the
 * --test command line; read by the core.  All strings are borrowed from the
 * filler and live as long as the envelope.
 */
#ifndef SUPPORT_MILTER_ENVELOPE_H
#define SUPPORT_MILTER_ENVELOPE_H

#include <stddef.h>
#include <time.h>

struct envelope {
	const char *queue_id;	/* Postfix macro i; "NOQUEUE" when unknown */
	const char *sender;	/* MAIL FROM as given, with <>; "<>" is null */
	const char *const *rcpts;	/* RCPT TO as given, with <> */
	size_t	nrcpts;
	const char *client_addr;	/* SMTP client IP address */
	const char *auth_user;	/* {auth_authen}, NULL when not authenticated */
	time_t	now;		/* the clock, injectable for tests */
};

#endif
