/*
 * store.h - the support-milter database (LMDB).
 *
 * The only module that includes <lmdb.h> (store.c and storeadmin.c).  One struct store per process,
 * opened at start-up and shared by every thread: LMDB serialises writers,
 * and the environment is opened with MDB_NOTLS so read transactions are
 * not tied to libmilter's threads; readers never block the writer.  All
 * records of one message are written in one transaction, committed durably
 * (fsync) before store_put() returns, so they exist before the message is
 * handed on.  Writes of concurrent messages are committed together, with
 * one sync (group commit).  When the map is full it is grown (doubling, up
 * to the configured maximum) and the transaction retried.
 *
 * Sub-databases (keys and values are text unless said otherwise):
 *	decisions	8-byte big-endian sequence -> "t=UNIXTIME qid=... "
 *			and the decision summary (see decision_summary())
 *	msgids		Message-ID key (msgid.h) -> "TICKET\tUNIXTIME\tDIR"
 *			DIR is "in" (to support) or "out" (from support)
 *	tickets		TICKET -> "FIRST\tLAST\tCOUNT\tSUBJECT"
 *	ticket_msgs	TICKET -> Message-ID key, one duplicate per message
 *	meta		"next_ticket" -> the next number to allocate;
 *			"stat:KEY" -> a counter (stats.h), decimal
 *	images		"DOMAIN\tSHA256HEX" of an inline image -> "COUNT\tLASTSEEN":
 *			in how many messages of the sender domain it was
 *	sigs		"ADDRESS\tHASH" of a trailing text block ->
 *			"COUNT\tLASTSEEN": in how many of the sender's messages
 *
 * Functions return 0 (or 1 for "found") or -1 and put
 * "store DIR: call: reason" in err; they never log.
 */
#ifndef SUPPORT_MILTER_STORE_H
#define SUPPORT_MILTER_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define STORE_ERRLEN	256
#define STORE_TICKET_MAX 24	/* digits of a ticket number, plus NUL */

struct store;

/* Open for the daemon and --test (read-write) or for inspection. */
enum store_mode { STORE_WRITE, STORE_READ };

/*
 * store_open - open (creating when needed) the environment in directory
 * dir, which must exist.  max_size caps the map.  A database the process
 * may not write to (read-only directory or file) is opened read-only
 * with mode STORE_WRITE too: every write then fails, so messages get the
 * failure action while other mail flows; store_read_only() tells.
 */
int	store_open(const char *dir, size_t max_size, enum store_mode,
	    struct store **out, char err[STORE_ERRLEN]);

/* store_close - close the environment; NULL is allowed. */
void	store_close(struct store *);

/* store_read_only - true when writes are impossible. */
bool	store_read_only(const struct store *);

/* What one message adds to the database. */
struct store_put {
	time_t	now;
	const char *record;	/* decision record text, or NULL */
	const char *ticket;	/* NULL: the message has no ticket yet */
	const char *direction;	/* "in" or "out" */
	const char *message_id;	/* key of this message, or NULL */
	const char *const *refs;	/* keys to map to ticket when unknown */
	size_t	nrefs;
	const char *subject;	/* decoded Subject, for the ticket record */
	const char *const *image_keys;	/* images records to count, each
					   once (distinct) */
	size_t	nimage_keys;
	const char *sig_key;	/* sigs record to count, or NULL */
	const char *const *stat_keys;	/* meta counters ("stat:KEY") */
	const uint64_t *stat_adds;	/* to add to each */
	size_t	nstats;
};

/*
 * store_put - write everything of one message in one durable
 * transaction: the decision record, the images and sigs counts (one
 * more each, LASTSEEN set to now), the counters, and the ticket and its
 * Message-IDs.
 * Errors include a map full at its maximum (MDB_MAP_FULL), a read-only
 * database, an empty or over-long (> 400 bytes) count key
 * (MDB_BAD_VALSIZE) and I/O errors of the commit.
 */
int	store_put(struct store *, const struct store_put *,
	    char err[STORE_ERRLEN]);

/*
 * store_allocate - the next ticket number (starting at first), committed
 * durably, so numbers are unique across threads and restarts.
 */
int	store_allocate(struct store *, uint64_t first,
	    char ticket[STORE_TICKET_MAX], char err[STORE_ERRLEN]);

/* The msgids record of one Message-ID. */
struct store_msgid {
	char	ticket[STORE_TICKET_MAX];
	time_t	time;
	char	direction[4];
};

/* store_lookup - 1 and *out when key is known, 0 when not, -1 on error. */
int	store_lookup(struct store *, const char *key, struct store_msgid *out,
	    char err[STORE_ERRLEN]);

/*
 * store_image_count, store_sig_count - the COUNT of an images or sigs
 * record, from a read transaction: in how many earlier messages the key
 * was seen; 0 when it never was (or the key is empty or too long).
 * Returns 0, or -1 with err when the read failed.
 */
int	store_image_count(struct store *, const char *key, unsigned *count,
	    char err[STORE_ERRLEN]);
int	store_sig_count(struct store *, const char *key, unsigned *count,
	    char err[STORE_ERRLEN]);

/* What this process has written: store_put, store_allocate and
 * store_prune calls committed, and the durable commits (syncs) they
 * took; fewer syncs than writes when writers committed together. */
struct store_commits {
	uint64_t writes;
	uint64_t syncs;
};

/* store_commit_counts - the counts since store_open. */
void	store_commit_counts(struct store *, struct store_commits *);

/* --- for support-milter-db ------------------------------------------ */

enum store_table {
	TABLE_DECISIONS, TABLE_MSGIDS, TABLE_TICKETS, TABLE_TICKET_MSGS,
	TABLE_META, TABLE_IMAGES, TABLE_SIGS, TABLE_COUNT
};

/* store_table_name - "decisions", "msgids", ... */
const char *store_table_name(enum store_table);

/*
 * store_each - call fn for every record of a table (or, when key is not
 * NULL, every record with that key) in key order, inside one read
 * transaction; key and value are valid only during the call.  Stops
 * when fn returns non-zero.
 */
typedef int (*store_each_fn)(const void *key, size_t klen, const void *val,
    size_t vlen, void *ctx);
int	store_each(struct store *, enum store_table, const char *key,
	    store_each_fn fn, void *ctx, char err[STORE_ERRLEN]);

struct store_stats {
	size_t	entries[TABLE_COUNT];
	size_t	map_size;	/* bytes mapped */
	size_t	max_size;	/* the most it may grow to */
	size_t	used;		/* bytes in use (last page used) */
	size_t	readers;	/* reader slots in use */
	uint64_t next_ticket;	/* 0 when never allocated */
};

int	store_stats(struct store *, struct store_stats *,
	    char err[STORE_ERRLEN]);

/*
 * store_counters - the meta counters of keys (stats.h's keys, without
 * "stat:") into values, 0 for those never written.
 */
int	store_counters(struct store *, const char *const *keys, size_t n,
	    uint64_t *values, char err[STORE_ERRLEN]);

/*
 * store_prune - remove decisions and Message-IDs older than cutoff,
 * tickets last seen before it with their message lists, and images and
 * sigs counts last seen before it; counts per table go to removed.  One
 * write transaction.
 */
int	store_prune(struct store *, time_t cutoff,
	    size_t removed[TABLE_COUNT], char err[STORE_ERRLEN]);

/*
 * store_backup - a consistent, compacted copy of the database into a new
 * file path (which must not exist), made from a read transaction: the
 * daemon keeps writing meanwhile.  To restore it, stop the daemon and
 * copy the file to DIR/data.mdb.
 */
int	store_backup(struct store *, const char *path, char err[STORE_ERRLEN]);

#endif
