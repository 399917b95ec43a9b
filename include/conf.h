/*
 * conf.h - the loaded configuration of support-milter.
 *
 * Owns: reading a libconfig file, checking every key against one table
 * (name, type, default, bounds, documentation), and the immutable
 * struct conf built from it.  Unknown keys and bad values are errors
 * reported as "FILE:LINE: message".
 *
 * A struct conf never changes after conf_load() returns; it may be read
 * from any thread.  It is reference counted so that a reload can swap in
 * a new one while messages finish with the old: conf_ref() takes a
 * reference, conf_free() drops one (thread-safe) and frees at the last.
 * conf_load() returns the first reference.  Relative paths
 * in the file are resolved against the directory of the file, so the
 * in-tree configuration works from any working directory.
 */
#ifndef SUPPORT_MILTER_CONF_H
#define SUPPORT_MILTER_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "checklist.h"

#define CONF_DEFAULT_PATH "/etc/support-milter/support-milter.conf"
#define CONF_ERRLEN 512

/* What to do with support mail that breaks the recipient rule. */
enum conf_policy {
	POLICY_ACCEPT,		/* accept silently */
	POLICY_WARN,		/* accept and mark it in a header */
	POLICY_REJECT,		/* 550 with the guidance reply */
	POLICY_REMOVE		/* drop the support recipient, keep the others */
};

/* What to do with support mail that cannot be handled as usual. */
enum conf_failure {
	FAILURE_ACCEPT,		/* pass it on unmodified */
	FAILURE_TEMPFAIL,	/* 4xx: the sender retries */
	FAILURE_REJECT,		/* 5xx: the sender gets a bounce */
	FAILURE_QUARANTINE	/* accept into the MTA's hold queue */
};

/* The classes of failure, each with its own action. */
enum conf_failure_class {
	FAIL_INTERNAL,		/* spool, the MTA refusing a change */
	FAIL_STORE,		/* the database cannot record the decision */
	FAIL_OVERSIZE,		/* above max_message_size */
	FAIL_UNPARSEABLE,	/* GMime cannot parse the message */
	FAIL_CLASSES
};

struct conf {
	char	*path;			/* file this was read from */
	char	**support_addresses;	/* lower-cased, NULL-terminated */
	char	*recipient_delimiter;	/* characters that start a subaddress */
	char	*socket;		/* libmilter socket spec */
	mode_t	socket_mode;
	char	*socket_group;		/* "" keeps the process group */
	char	*database;		/* LMDB environment directory */
	size_t	database_size;		/* LMDB map size in bytes */
	char	*spool_directory;	/* where big messages spill */
	size_t	spill_size;		/* bytes kept in memory per message */
	size_t	spool_memory;		/* ... by all messages together */
	size_t	max_message_size;	/* larger mail passes unmodified */
	int	syslog_facility;
	/* process: read at start-up only */
	char	*user;			/* "": the starting user */
	char	*pid_file;		/* "" for none */
	size_t	stop_timeout;		/* seconds to finish, on a stop */
	char	*header_name;		/* the header that shows our decision */
	enum conf_policy cc_only_action;
	enum conf_policy bcc_action;
	enum conf_policy multi_recipient_action;
	char	**guidance_reply;	/* template lines, NULL-terminated */
	enum conf_failure on_failure[FAIL_CLASSES];
	char	**exempt_senders;	/* as written */
	char	*stats_file;		/* NULL: none */
	size_t	stats_interval;		/* seconds */
	/* threading */
	char	**trusted_networks;	/* as written */
	bool	ticket_allocate;	/* number new tickets ourselves */
	size_t	ticket_first;		/* the first number allocated */
	char	*ticket_word;		/* "Ticket" */
	char	*ticket_brackets;	/* "[]" */
	char	*ticket_header_name;	/* "X-Support-Ticket" */
	char	**subject_prefixes;
	char	**subject_gateway_tags;
	/* cleaning */
	bool	clean_bodies;		/* cut history, signatures, images */
	char	**reply_markers;
	char	**disclaimer_patterns;
	size_t	small_image_bytes;	/* smaller inline images go */
	size_t	small_image_pixels;	/* as do images this small each way */
	size_t	recurring_image_count;	/* earlier messages of a domain that
					   make an inline image a logo; 0 off */
	size_t	learned_signature_count; /* earlier messages of a sender that
					   make a trailing block a signature */
	bool	archive_originals;	/* keep originals of replaced bodies */
	bool	clean_note;		/* append what was removed to the text */
	char	*clean_header_name;	/* "X-Support-Cleaned" */
	/* intake: severity, response due, details checklist (intake.h) */
	char	*severity_header_name;	/* "X-Support-Severity" */
	char	*response_due_header_name;	/* "X-Support-Response-Due" */
	char	*checklist_header_name;	/* "X-Support-Checklist" */
	char	**severity_words;
	size_t	severity_lines;		/* first lines of the text read */
	char	**response_targets;	/* per severity: "2h", "1d", "" */
	char	*working_hours;		/* "09:00-17:00" */
	char	**working_days;		/* "Mon", ... */
	char	*time_zone;		/* TZ database name */
	char	**checklist_patterns[CHECK_ITEMS];	/* per item; screenshots unused */
	/* built from the above when the file is loaded */
	struct netlist *trusted;
	struct subject_rules *subject_rules;
	struct textclean_rules *textclean_rules;
	struct severity_rules *severity_rules;
	struct worktime *worktime;
	struct checklist_rules *checklist_rules;
	int	refs;			/* conf_ref(), conf_free() */
};

/*
 * conf_load - read and check FILE.  Returns 0 and sets *out, or -1 with
 * "FILE:LINE: message" (or "FILE: message") in err.
 */
int	conf_load(const char *file, struct conf **out, char err[CONF_ERRLEN]);

/* conf_ref - another reference to c, for another holder; returns c. */
struct conf *conf_ref(struct conf *c);

/* conf_free - drop a reference, freeing at the last; NULL is allowed. */
void	conf_free(struct conf *);

/*
 * conf_override - replace the socket, database, pid_file or user setting
 * with a command-line value (paths relative to the current directory).
 * Returns 0, or -1 for any other key.
 */
int	conf_override(struct conf *, const char *key, const char *value);

/* At most this many settings are only read at start-up (socket, ...). */
#define CONF_RESTART_KEYS	10

/*
 * conf_keep_restart - give fresh the old values of the settings that need
 * a restart, and put the names of those that differed in changed[] (static
 * strings, NULL-terminated).  Returns how many differed.
 */
size_t	conf_keep_restart(struct conf *fresh, const struct conf *old,
	    const char *changed[CONF_RESTART_KEYS + 1]);

/* conf_policy_name - the configuration word for a policy action. */
const char *conf_policy_name(enum conf_policy);

/* conf_failure_name - "accept", "tempfail", "reject" or "quarantine". */
const char *conf_failure_name(enum conf_failure);

/* conf_failure_class_name - "internal-error", "store-error", ... */
const char *conf_failure_class_name(enum conf_failure_class);

/* One row of the settings table, for documentation and its tests. */
struct conf_key {
	const char *name;
	const char *def;	/* default, in libconfig syntax */
	const char *doc;	/* one line */
};

/*
 * conf_keys - the settings table, terminated by a row whose name is NULL.
 * The test that keeps conf/support-milter.conf and support-milter.conf(5)
 * in step with the code reads it.
 */
const struct conf_key *conf_keys(void);

#endif
