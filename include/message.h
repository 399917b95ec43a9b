/*
 * message.h - one message as the core sees it: GMime's parse and the raw
 * bytes it came from.
 *
 * The raw stream is kept so that the delivered message can be written from
 * the bytes as received (header edits applied, the body untouched unless a
 * decision replaces it).  GMime parses with a persistent stream, so a
 * spilled message is not read into memory.  A struct message is used by one
 * thread; message_release() drops both references.
 */
#ifndef SUPPORT_MILTER_MESSAGE_H
#define SUPPORT_MILTER_MESSAGE_H

#include <gmime/gmime.h>

/*
 * Shapes no mail program writes, named as anomalies in the log (the
 * message is handled as usual): far more header fields than any real
 * message has, a field or a line longer than a real one (RFC 5322 allows
 * 998 octets; folded headers and unwrapped HTML go past that, not past
 * 64 KB).
 */
#define MESSAGE_HEADERS_MAX	1000
#define MESSAGE_FIELD_MAX	((gint64)64 << 10)
#define MESSAGE_LINE_MAX	((size_t)64 << 10)

/* A top-level header: its name, and the raw bytes it spans in the stream. */
struct message_header {
	char	*name;		/* a copy: cleaning may free GMime's parts */
	gint64	offset;		/* first byte of the name */
	gint64	end;		/* one past the line ending of its last line */
};

struct message {
	GMimeMessage *mime;	/* NULL when the message could not be parsed */
	GMimeStream *raw;	/* the whole message as received */
	GArray	*headers;	/* struct message_header, in received order */
	gint64	headers_end;	/* where the empty line (or the body) starts */
	gint64	size;		/* bytes in raw */
	const char *eol;	/* "\r\n" or "\n", as the headers end their lines */
	unsigned anomalies;	/* ANOMALY_* from decision.h */
};

/*
 * message_parse - parse raw (the caller's reference is not taken; the
 * message adds its own).  Always fills out: a message GMime cannot parse has
 * mime == NULL and ANOMALY_UNPARSEABLE set, so the caller can still pass it
 * on unmodified.
 */
void	message_parse(GMimeStream *raw, struct message *out);

struct spool;

/*
 * message_from_spool - the message held in a spool, parsed.  When it is
 * larger than max_size it is flagged ANOMALY_OVERSIZE (the daemon's spool
 * then holds only its start; --test's keeps every byte).  The spool must
 * outlive the message.
 */
void	message_from_spool(struct spool *, size_t max_size,
	    struct message *out);

/*
 * message_part_text - a text part's content in UTF-8 (g_free), or NULL.
 * Text declared UTF-8 or US-ASCII that is valid as it stands is only
 * decoded from its transfer encoding; the rest goes through GMime's
 * charset conversion.
 */
char	*message_part_text(GMimeTextPart *);

/* message_release - drop the parse and the stream. */
void	message_release(struct message *);

/*
 * message_header_count - how many headers named name (case-insensitive)
 * the message has, as an MTA counts them for smfi_chgheader().
 */
int	message_header_count(const struct message *, const char *name);

#endif
