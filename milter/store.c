/*
 * NAME
 *	store - durable records in LMDB
 * DESCRIPTION
 *	Keys are big-endian so that LMDB's byte order is numeric order and
 *	MDB_APPEND can be used; the next sequence number is one past the last
 *	key, read inside the same write transaction, so concurrent writers
 *	never collide.
 * SEE ALSO
 *	lmdb.h
 */
#include <errno.h>
#include <lmdb.h>
#include <string.h>

#include <glib.h>

#include "store.h"

struct store {
	MDB_env	*env;
	MDB_dbi	decisions;
	char	*dir;
};

/* fail - "store DIR: CALL: reason" from an LMDB or errno code. */
static int
fail(const struct store *st, const char *call, int rc, char *err)
{
	(void)g_snprintf(err, STORE_ERRLEN, "store %s: %s: %s", st->dir, call,
	    mdb_strerror(rc));
	return -1;
}

/* open_dbi - open or create a named database in a first transaction. */
static int
open_dbi(struct store *st, const char *name, MDB_dbi *dbi, char *err)
{
	MDB_txn	*txn;
	int	rc;

	if ((rc = mdb_txn_begin(st->env, NULL, 0, &txn)) != 0)
		return fail(st, "mdb_txn_begin", rc, err);
	if ((rc = mdb_dbi_open(txn, name, MDB_CREATE, dbi)) != 0) {
		mdb_txn_abort(txn);
		return fail(st, "mdb_dbi_open", rc, err);
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		return fail(st, "mdb_txn_commit", rc, err);
	return 0;
}

int
store_open(const char *dir, size_t map_size, struct store **out,
    char err[STORE_ERRLEN])
{
	struct store *st = g_new0(struct store, 1);
	int	rc;

	st->dir = g_strdup(dir);
	if ((rc = mdb_env_create(&st->env)) != 0) {
		(void)fail(st, "mdb_env_create", rc, err);
		goto bad;
	}
	if ((rc = mdb_env_set_mapsize(st->env, map_size)) != 0 ||
	    (rc = mdb_env_set_maxdbs(st->env, 8)) != 0) {
		(void)fail(st, "mdb_env_set", rc, err);
		goto bad;
	}
	if ((rc = mdb_env_open(st->env, dir, MDB_NOTLS, 0600)) != 0) {
		(void)fail(st, "mdb_env_open", rc, err);
		goto bad;
	}
	if (open_dbi(st, "decisions", &st->decisions, err) < 0)
		goto bad;
	*out = st;
	return 0;
bad:
	store_close(st);
	return -1;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->env)
		mdb_env_close(st->env);
	g_free(st->dir);
	g_free(st);
}

/* next_seq - one past the last key of dbi, in txn. */
static int
next_seq(MDB_txn *txn, MDB_dbi dbi, uint64_t *seq)
{
	MDB_cursor *cur;
	MDB_val	k, v;
	uint64_t be;
	int	rc;

	if ((rc = mdb_cursor_open(txn, dbi, &cur)) != 0)
		return rc;
	rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	mdb_cursor_close(cur);
	if (rc == MDB_NOTFOUND) {
		*seq = 1;
		return 0;
	}
	if (rc != 0)
		return rc;
	if (k.mv_size != sizeof(be))
		return MDB_CORRUPTED;
	/* LMDB keys carry no alignment guarantee */
	memcpy(&be, k.mv_data, sizeof(be));
	*seq = GUINT64_FROM_BE(be) + 1;
	return 0;
}

int
store_put_decision(struct store *st, const char *record, size_t len,
    uint64_t *seq, char err[STORE_ERRLEN])
{
	MDB_txn	*txn;
	MDB_val	k, v;
	uint64_t be;
	int	rc;

	if ((rc = mdb_txn_begin(st->env, NULL, 0, &txn)) != 0)
		return fail(st, "mdb_txn_begin", rc, err);
	if ((rc = next_seq(txn, st->decisions, seq)) != 0) {
		mdb_txn_abort(txn);
		return fail(st, "mdb_cursor_get", rc, err);
	}
	be = GUINT64_TO_BE(*seq);
	k.mv_data = &be;
	k.mv_size = sizeof(be);
	v.mv_data = (void *)record;
	v.mv_size = len;
	if ((rc = mdb_put(txn, st->decisions, &k, &v, MDB_APPEND)) != 0) {
		mdb_txn_abort(txn);
		return fail(st, "mdb_put", rc, err);
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		return fail(st, "mdb_txn_commit", rc, err);
	return 0;
}
