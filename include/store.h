/*
 * store.h - the support-milter database (LMDB).
 *
 * The only module that includes <lmdb.h>.  One struct store per process,
 * opened at start-up and shared by every thread: LMDB serialises writers,
 * and the environment is opened with MDB_NOTLS so read transactions are
 * not tied to libmilter's threads.  Every write is committed durably (the
 * environment is not opened with MDB_NOSYNC) before the call returns, so a
 * record exists before the message it describes is handed on.
 *
 * Sub-databases:
 *	decisions	key: 8-byte big-endian sequence number
 *			value: "t=UNIXTIME qid=... " followed by the decision
 *			summary (see decision_summary())
 *
 * Functions return 0 or -1 and put "store DIR: call: reason" in err; they
 * never log.
 */
#ifndef SUPPORT_MILTER_STORE_H
#define SUPPORT_MILTER_STORE_H

#include <stddef.h>
#include <stdint.h>

#define STORE_ERRLEN 256

struct store;

/*
 * store_open - open (creating when needed) the environment in directory
 * dir, which must exist.  map_size caps the database's size.
 */
int	store_open(const char *dir, size_t map_size, struct store **out,
	    char err[STORE_ERRLEN]);

/* store_close - close the environment; NULL is allowed. */
void	store_close(struct store *);

/*
 * store_put_decision - append record (len bytes) to the decisions
 * database and commit.  *seq receives its key.  Errors include a full map
 * (MDB_MAP_FULL) and I/O errors of the commit.
 */
int	store_put_decision(struct store *, const char *record, size_t len,
	    uint64_t *seq, char err[STORE_ERRLEN]);

#endif
