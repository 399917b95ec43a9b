/*
 * storeimpl.h - what store.c shares with storeadmin.c, and nothing else.
 *
 * The store module is two files: store.c (opening, the map, group
 * commit, the records of messages, lookups) and storeadmin.c (what
 * support-milter-db does: walking tables, statistics, pruning, backups).
 * Both include <lmdb.h>; no other file does.
 */
#ifndef SUPPORT_MILTER_STOREIMPL_H
#define SUPPORT_MILTER_STOREIMPL_H

#include <lmdb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "store.h"

struct store {
	MDB_env	*env;
	MDB_dbi	dbi[TABLE_COUNT];
	char	*dir;
	size_t	max_size;
	bool	read_only;
	pthread_rwlock_t resize;
	/* group commit: the queue of writers, see store_write_txn() */
	pthread_mutex_t queue_lock;
	struct commit *queue;
	struct commit **queue_tail;
	bool	committing;	/* a leader is running a batch */
	uint64_t writes;	/* works committed durably */
	uint64_t syncs;		/* durable commits of batches */
};

/* A unit of work in a write transaction; returns an LMDB code. */
typedef int (*txn_fn)(struct store *, MDB_txn *, void *ctx);

/* store_fail - "store DIR: CALL: reason" into err; returns -1. */
int	store_fail(const struct store *, const char *call, int rc, char *err);

/* store_read_begin, store_read_end - a read transaction, safe against
 * the map being grown meanwhile. */
int	store_read_begin(struct store *, MDB_txn **txn);
void	store_read_end(struct store *, MDB_txn *txn);

/* store_get_text - a text value as a new string; NULL when absent (or on
 * an error, in *rc). */
char	*store_get_text(MDB_txn *, MDB_dbi, const char *key, int *rc);

/*
 * store_write_txn - run fn in a durable write transaction (grouped with
 * other threads' work); 0, or -1 with err.
 */
int	store_write_txn(struct store *, txn_fn fn, void *ctx, char *err);

#endif
