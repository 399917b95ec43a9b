/*
 * decision.h - what the core decided about one message.
 *
 * A decision is everything the milter (or the --test report) needs to
 * carry it out: the SMTP action and reply, header edits in the order they
 * must be applied, recipients to remove, and the summary that is both the
 * log line and the database record.  decision_init() and
 * decision_release() bracket its life; every string in it is owned by it.
 * Not shared between threads.
 */
#ifndef SUPPORT_MILTER_DECISION_H
#define SUPPORT_MILTER_DECISION_H

#include <stdbool.h>

#include <glib.h>

#include "envelope.h"

enum decision_action {
	ACTION_ACCEPT,
	ACTION_REJECT,
	ACTION_TEMPFAIL,
	ACTION_QUARANTINE	/* accept into the MTA's hold queue */
};

/*
 * A header edit, with smfi_*header() semantics: ADD appends; CHANGE sets the
 * index-th (1-based) header of that name, deleting it when value is NULL;
 * INSERT puts the header at position index (0 = first).
 */
enum edit_op { EDIT_ADD, EDIT_CHANGE, EDIT_INSERT };

struct header_edit {
	enum edit_op op;
	char	*name;
	int	index;
	char	*value;		/* NULL deletes (CHANGE only) */
};

/* Anomalies found in the input; each is named in the log line. */
#define ANOMALY_OVERSIZE	(1u << 0)	/* above max_message_size */
#define ANOMALY_UNPARSEABLE	(1u << 1)	/* GMime could not parse it */
#define ANOMALY_HTML_SIZE	(1u << 2)	/* HTML above HTMLCLEAN_MAX, kept */
#define ANOMALY_TOO_DEEP	(1u << 3)	/* MIME parts nested too deep to
						   clean, kept */
#define ANOMALY_NUL		(1u << 4)	/* NUL bytes (RFC 5322 bans them) */
#define ANOMALY_LONG_LINE	(1u << 5)	/* a line over MESSAGE_LINE_MAX */
#define ANOMALY_MANY_HEADERS	(1u << 6)	/* over MESSAGE_HEADERS_MAX */
#define ANOMALY_LONG_HEADER	(1u << 7)	/* a field over MESSAGE_FIELD_MAX */
#define ANOMALY_HEADER_UTF8	(1u << 8)	/* 8-bit header bytes, not UTF-8 */
#define ANOMALY_BITS		9

struct decision {
	enum decision_action action;
	const char *reason;	/* static word: "to", "cc-only", ... */
	const char *placement;	/* where the support address was: to, cc, bcc */
	const char *policy;	/* the rule's verdict: pass, warn, remove, ... */
	const char *automatic;	/* why the mail is automatic, or NULL */
	char	reply_code[4];	/* "550" when action is REJECT or TEMPFAIL */
	char	reply_xcode[8];	/* "5.7.1" */
	GPtrArray *reply_lines;	/* char *, as the client reads them */
	GArray	*edits;		/* struct header_edit */
	GPtrArray *removed_rcpts;	/* char *, envelope recipients to drop */
	char	*message_id;	/* key (msgid.h), or NULL */
	char	*ticket;	/* NULL: none */
	const char *ticket_found;	/* subject, references, allocated */
	char	*ticket_conflict;	/* the references' ticket, when the
					   Subject names another */
	const char *direction;	/* "in", "out", or NULL when not recorded */
	char	*subject;	/* decoded Subject as delivered, or NULL */
	GPtrArray *refs;	/* Message-ID keys the message refers to */
	/* cleaning (mimeclean.h) */
	GByteArray *body;	/* the new body, or NULL: unchanged */
	bool	clean_quote;	/* quoted history was removed */
	bool	clean_signature;	/* a signature was removed */
	GPtrArray *clean_removed;	/* char *, "NAME SIZE WHY" per part */
	gint64	clean_saved;	/* bytes of body removed */
	const char *clean_skipped;	/* why the body was kept, or NULL */
	bool	clean_learned;	/* the signature cut was a learned one */
	GPtrArray *clean_image_keys;	/* char *, "DOMAIN\tHEX" of the
					   distinct inline images, to count */
	char	*clean_sig_key;	/* "ADDRESS\tHASH" of the trailing block,
				   to count, or NULL */
	char	*clean_archive;	/* the original's archive path, relative to
				   the database directory, or NULL */
	/* intake (intake.h): the customer's statement, never a decision */
	int	severity;	/* 1-5 stated (5: none), or 0: not read */
	char	*severity_stated;	/* the words as written, or NULL */
	char	*response_due;	/* RFC 5322 date, or NULL: no target */
	bool	checklist;	/* the details checklist was read */
	GPtrArray *checklist_missing;	/* const char *, item names */
	unsigned anomalies;
	char	*error;		/* what failed, for the log, or NULL */
	GString	*record;	/* what was stored in the database */
};

void	decision_init(struct decision *);
void	decision_release(struct decision *);

/* decision_add_edit - queue a header edit; name and value are copied. */
void	decision_add_edit(struct decision *, enum edit_op, const char *name,
	    int index, const char *value);

struct message;

/*
 * decision_set_header - remove the copies of header name that came with
 * the message (the ticket system trusts ours; from the last, so the
 * indexes of the earlier ones stay valid) and add ours with value
 * (value NULL: only remove them).
 */
void	decision_set_header(struct decision *, const struct message *,
	    const char *name, const char *value);

/*
 * decision_anomaly_name - the name of anomaly bit 1u << i in the log
 * line and the dry run: "oversize", "unparseable", "html-too-big",
 * "too-deep"; NULL when i is not one.
 */
const char *decision_anomaly_name(int i);

/* decision_changed - true when carrying out d modifies the message. */
bool	decision_changed(const struct decision *);

/* decision_action_name - "accept", "reject", "tempfail" or
 * "quarantine". */
const char *decision_action_name(enum decision_action);

/*
 * decision_summary - append the key=value summary of d to out: the log line
 * after the queue ID and the database record.  Values taken from mail are
 * escaped and capped.
 */
void	decision_summary(const struct envelope *, const struct decision *,
	    GString *out);

/* decision_append_value - append s escaped for a key=value line. */
void	decision_append_value(GString *out, const char *s);

#endif
