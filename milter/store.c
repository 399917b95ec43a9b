/*
 * NAME
 *	store - durable records in LMDB
 * DESCRIPTION
 *	Every write goes through store_write_txn(), which commits the writes of
 *	concurrent threads together (group commit: one transaction, one
 *	sync) and retries after growing a full map.  LMDB may change the map
 *	size only while no transaction of this process is open, so every
 *	transaction holds a shared lock on st->resize and growing the map
 *	holds it exclusively.
 *
 *	Decision keys are big-endian sequence numbers, so LMDB's byte order
 *	is numeric order and MDB_APPEND applies; the next number is one past
 *	the last key, read inside the same write transaction.
 * SEE ALSO
 *	lmdb.h, store.h
 */
#include <errno.h>
#include <lmdb.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "store.h"
#include "storeimpl.h"

#define INITIAL_MAP	((size_t)4 << 20)	/* grown by doubling */
#define SUBJECT_MAX	200	/* bytes of a Subject kept in a ticket record */
#define COUNT_KEY_MAX	400	/* LMDB's key limit is 511 bytes */

static const char *const table_names[TABLE_COUNT] = {
	"decisions", "msgids", "tickets", "ticket_msgs", "meta", "images",
	"sigs"
};


const char *
store_table_name(enum store_table t)
{
	return table_names[t];
}

bool
store_read_only(const struct store *st)
{
	return st->read_only;
}

/* store_fail - "store DIR: CALL: reason" from an LMDB or errno code. */
int
store_fail(const struct store *st, const char *call, int rc, char *err)
{
	(void)g_snprintf(err, STORE_ERRLEN, "store %s: %s: %s", st->dir, call,
	    mdb_strerror(rc));
	return -1;
}

/* open_tables - open (or, writing, create) every sub-database. */
static int
open_tables(struct store *st, char *err)
{
	unsigned flags = st->read_only ? MDB_RDONLY : 0;
	MDB_txn	*txn;
	int	rc;

	if ((rc = mdb_txn_begin(st->env, NULL, flags, &txn)) != 0)
		return store_fail(st, "mdb_txn_begin", rc, err);
	for (int t = 0; t < TABLE_COUNT; t++) {
		unsigned f = (st->read_only ? 0 : MDB_CREATE) |
		    (t == TABLE_TICKET_MSGS ? MDB_DUPSORT : 0);

		rc = mdb_dbi_open(txn, table_names[t], f, &st->dbi[t]);
		if (rc == MDB_NOTFOUND && st->read_only) {
			/* a database that was never written: reads find nothing */
			st->dbi[t] = 0;
			rc = 0;
		}
		if (rc != 0) {
			mdb_txn_abort(txn);
			return store_fail(st, "mdb_dbi_open", rc, err);
		}
	}
	if ((rc = mdb_txn_commit(txn)) != 0)
		return store_fail(st, "mdb_txn_commit", rc, err);
	return 0;
}

/* open_env - the environment, read-write or read-only. */
static int
open_env(struct store *st, bool read_only)
{
	MDB_envinfo info;
	int	rc;

	if (st->env)
		mdb_env_close(st->env);
	st->env = NULL;
	st->read_only = read_only;
	if ((rc = mdb_env_create(&st->env)) != 0 ||
	    (rc = mdb_env_set_mapsize(st->env, MIN(INITIAL_MAP,
	    st->max_size))) != 0 ||
	    (rc = mdb_env_set_maxdbs(st->env, TABLE_COUNT)) != 0 ||
	    (rc = mdb_env_open(st->env, st->dir,
	    MDB_NOTLS | (read_only ? MDB_RDONLY : 0), 0600)) != 0)
		return rc;
	/* an existing file larger than the initial map keeps its size */
	if (mdb_env_info(st->env, &info) == 0 && info.me_mapsize > st->max_size)
		st->max_size = info.me_mapsize;
	return 0;
}

int
store_open(const char *dir, size_t max_size, enum store_mode mode,
    struct store **out, char err[STORE_ERRLEN])
{
	struct store *st = g_new0(struct store, 1);
	int	rc;

	st->dir = g_strdup(dir);
	st->max_size = max_size;
	(void)pthread_rwlock_init(&st->resize, NULL);
	(void)pthread_mutex_init(&st->queue_lock, NULL);
	st->queue_tail = &st->queue;
	rc = open_env(st, mode == STORE_READ);
	if (mode == STORE_WRITE && (rc == EACCES || rc == EROFS))
		rc = open_env(st, true);
	if (rc != 0) {
		(void)store_fail(st, "mdb_env_open", rc, err);
		store_close(st);
		return -1;
	}
	if (open_tables(st, err) < 0) {
		store_close(st);
		return -1;
	}
	/* slots of readers that were killed would keep pages from reuse */
	(void)mdb_reader_check(st->env, NULL);
	*out = st;
	return 0;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->env)
		mdb_env_close(st->env);
	(void)pthread_rwlock_destroy(&st->resize);
	(void)pthread_mutex_destroy(&st->queue_lock);
	g_free(st->dir);
	g_free(st);
}

/*
 * grow - make the map bigger after MDB_MAP_FULL (doubling, up to the
 * maximum), or adopt a size another process set (MDB_MAP_RESIZED).
 * Returns an LMDB code; MDB_MAP_FULL when it is at its maximum.
 */
static int
grow(struct store *st, int why)
{
	MDB_envinfo info;
	size_t	size;
	int	rc;

	(void)pthread_rwlock_wrlock(&st->resize);
	if ((rc = mdb_env_info(st->env, &info)) == 0) {
		size = why == MDB_MAP_RESIZED ? 0 :
		    MIN(info.me_mapsize * 2, st->max_size);
		if (why == MDB_MAP_FULL && size <= info.me_mapsize)
			rc = MDB_MAP_FULL;
		else
			rc = mdb_env_set_mapsize(st->env, size);
	}
	(void)pthread_rwlock_unlock(&st->resize);
	return rc;
}


/* --- group commit ---------------------------------------------------------
 *
 * Writers queue their work (struct commit); whoever finds no commit in
 * progress becomes the leader, takes every queued work, runs them one
 * after the other in one write transaction and commits it with one sync
 * (the environment is opened without MDB_NOSYNC: LMDB's own fdatasync and
 * meta-page write keep the file consistent at every moment), then answers
 * every writer of the batch.  Work queued meanwhile forms the next batch,
 * whose first writer the leader wakes to lead it.  Each writer waits on
 * its own condition, so a commit wakes only the writers it answered and
 * the next leader, not every writer queued.  So a writer returns only
 * after a durable commit that contains its records, and N concurrent
 * messages cost one sync instead of N.
 *
 * One transaction for the batch, not a nested one per work: LMDB's nested
 * transactions allocate a large dirty list each.  A work whose function
 * fails leaves the transaction unusable, so the batch is aborted and run
 * again without it (it keeps its error); a full map is grown and the whole
 * batch retried.  Work functions therefore must not depend on an earlier
 * run of themselves.
 */

struct commit {
	txn_fn	fn;
	void	*ctx;
	int	rc;		/* LMDB code */
	const char *call;	/* the call that failed */
	bool	done;		/* its batch was committed, or failed */
	pthread_cond_t turn;	/* signalled when done, or to lead */
	struct commit *next;
};

/*
 * answer - the leader's end of a batch, under queue_lock: every writer of
 * it done and woken, and the first writer queued since woken to lead.
 */
static void
answer(struct store *st, struct commit *batch, const struct commit *me)
{
	struct commit *next;

	for (struct commit *c = batch; c; c = next) {
		next = c->next;
		st->writes += c->rc == 0;
		c->done = true;
		if (c != me)
			(void)pthread_cond_signal(&c->turn);
	}
	st->committing = false;
	if (st->queue != NULL)
		(void)pthread_cond_signal(&st->queue->turn);
}

/* run_batch - run the works not yet failed; the failed one, or NULL. */
static struct commit *
run_batch(struct store *st, MDB_txn *txn, struct commit *batch)
{
	for (struct commit *c = batch; c; c = c->next) {
		if (c->rc != 0)
			continue;
		if ((c->rc = c->fn(st, txn, c->ctx)) != 0) {
			c->call = "mdb_put";
			return c;
		}
	}
	return NULL;
}

/* batch_fail - rc for every work of the batch still without an error. */
static void
batch_fail(struct commit *batch, const char *call, int rc)
{
	for (struct commit *c = batch; c; c = c->next)
		if (c->rc == 0) {
			c->rc = rc;
			c->call = call;
		}
}

/*
 * commit_batch - the leader's part: one transaction and one durable
 * commit for the batch; returns the number of commits made (0 or 1).
 */
static int
commit_batch(struct store *st, struct commit *batch)
{
	struct commit *bad;
	const char *call;
	MDB_txn	*txn;
	int	rc;

	for (;;) {
		bad = NULL;
		(void)pthread_rwlock_rdlock(&st->resize);
		call = "mdb_txn_begin";
		if ((rc = mdb_txn_begin(st->env, NULL, 0, &txn)) == 0) {
			if ((bad = run_batch(st, txn, batch)) != NULL) {
				mdb_txn_abort(txn);
				call = "mdb_put";
				rc = bad->rc;
			} else {
				call = "mdb_txn_commit";
				rc = mdb_txn_commit(txn);
			}
		}
		(void)pthread_rwlock_unlock(&st->resize);
		if (rc != MDB_MAP_FULL && rc != MDB_MAP_RESIZED) {
			if (bad)
				continue;	/* again without the failed work */
			break;
		}
		/* not the work's fault: grow the map and run them all again */
		if (bad)
			bad->rc = 0;
		if (grow(st, rc) != 0)
			break;
	}
	if (rc == 0)
		return 1;
	batch_fail(batch, call, rc);
	return 0;
}

/*
 * store_write_txn - run fn in a write transaction committed durably (with other
 * threads' work, see above).  fn returns an LMDB code.
 */
int
store_write_txn(struct store *st, txn_fn fn, void *ctx, char *err)
{
	struct commit me = { .fn = fn, .ctx = ctx };
	int	n;

	if (st->read_only) {
		(void)g_snprintf(err, STORE_ERRLEN, "store %s: the database is "
		    "read-only for this process", st->dir);
		return -1;
	}
	(void)pthread_cond_init(&me.turn, NULL);
	(void)pthread_mutex_lock(&st->queue_lock);
	*st->queue_tail = &me;
	st->queue_tail = &me.next;
	while (!me.done) {
		struct commit *batch = st->queue;

		if (st->committing) {
			(void)pthread_cond_wait(&me.turn, &st->queue_lock);
			continue;
		}
		/* lead: this batch holds me, as no leader took me before */
		st->committing = true;
		st->queue = NULL;
		st->queue_tail = &st->queue;
		(void)pthread_mutex_unlock(&st->queue_lock);
		n = commit_batch(st, batch);
		(void)pthread_mutex_lock(&st->queue_lock);
		st->syncs += (uint64_t)n;
		answer(st, batch, &me);
	}
	(void)pthread_mutex_unlock(&st->queue_lock);
	(void)pthread_cond_destroy(&me.turn);
	return me.rc == 0 ? 0 : store_fail(st, me.call, me.rc, err);
}

void
store_commit_counts(struct store *st, struct store_commits *out)
{
	(void)pthread_mutex_lock(&st->queue_lock);
	out->writes = st->writes;
	out->syncs = st->syncs;
	(void)pthread_mutex_unlock(&st->queue_lock);
}

/* --- records ------------------------------------------------------------- */

/* put_text - key and value as C strings. */
static int
put_text(MDB_txn *txn, MDB_dbi dbi, const char *key, const char *val,
    unsigned flags)
{
	MDB_val	k = { strlen(key), (void *)key };
	MDB_val	v = { strlen(val), (void *)val };

	return mdb_put(txn, dbi, &k, &v, flags);
}

/* store_get_text - a text value copied into a new string, or NULL. */
char *
store_get_text(MDB_txn *txn, MDB_dbi dbi, const char *key, int *rc)
{
	MDB_val	k = { strlen(key), (void *)key }, v;

	if ((*rc = mdb_get(txn, dbi, &k, &v)) != 0) {
		if (*rc == MDB_NOTFOUND)
			*rc = 0;
		return NULL;
	}
	return g_strndup(v.mv_data, v.mv_size);
}

/* put_decision - append a record under the next sequence number. */
static int
put_decision(struct store *st, MDB_txn *txn, const char *record)
{
	MDB_cursor *cur;
	MDB_val	k, v;
	uint64_t be, seq = 1;
	int	rc;

	if ((rc = mdb_cursor_open(txn, st->dbi[TABLE_DECISIONS], &cur)) != 0)
		return rc;
	rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	mdb_cursor_close(cur);
	if (rc == 0 && k.mv_size == sizeof(be)) {
		/* LMDB keys carry no alignment guarantee */
		memcpy(&be, k.mv_data, sizeof(be));
		seq = GUINT64_FROM_BE(be) + 1;
	} else if (rc != MDB_NOTFOUND)
		return rc == 0 ? MDB_CORRUPTED : rc;
	be = GUINT64_TO_BE(seq);
	k.mv_data = &be;
	k.mv_size = sizeof(be);
	v.mv_data = (void *)record;
	v.mv_size = strlen(record);
	return mdb_put(txn, st->dbi[TABLE_DECISIONS], &k, &v, MDB_APPEND);
}

/* clean_subject - a Subject fit for a tab-separated record. */
static char *
clean_subject(const char *s)
{
	GString	*o = g_string_new(NULL);

	for (; s && *s && o->len < SUBJECT_MAX; s++)
		g_string_append_c(o, (unsigned char)*s < 0x20 ? ' ' : *s);
	/* do not leave half a UTF-8 character at the cut */
	while (o->len && !g_utf8_validate(o->str, (gssize)o->len, NULL))
		g_string_truncate(o, o->len - 1);
	return g_string_free(o, FALSE);
}

/* put_ticket - the ticket record: first and last seen, count, subject. */
static int
put_ticket(struct store *st, MDB_txn *txn, const struct store_put *p)
{
	int	rc;
	char	*old = store_get_text(txn, st->dbi[TABLE_TICKETS], p->ticket, &rc);
	long long first = (long long)p->now, count = 0;
	char	*subj = clean_subject(p->subject);
	char	*val;

	if (rc != 0)
		return rc;
	if (old) {
		char	**f = g_strsplit(old, "\t", 4);

		if (g_strv_length(f) == 4) {
			first = g_ascii_strtoll(f[0], NULL, 10);
			count = g_ascii_strtoll(f[2], NULL, 10);
			/* the first Subject names the ticket */
			if (*f[3]) {
				g_free(subj);
				subj = g_strdup(f[3]);
			}
		}
		g_strfreev(f);
	}
	val = g_strdup_printf("%lld\t%lld\t%lld\t%s", first, (long long)p->now,
	    count + 1, subj);
	rc = put_text(txn, st->dbi[TABLE_TICKETS], p->ticket, val, 0);
	g_free(val);
	g_free(subj);
	g_free(old);
	return rc;
}

/* unlist - drop key from the message list of the ticket it had before. */
static int
unlist(struct store *st, MDB_txn *txn, const char *key, const char *ticket)
{
	int	rc;
	char	*old = store_get_text(txn, st->dbi[TABLE_MSGIDS], key, &rc);
	size_t	n = old ? strcspn(old, "\t") : 0;
	MDB_val	tk = { n, old }, mk = { strlen(key), (void *)key };

	if (old && (n != strlen(ticket) || memcmp(old, ticket, n) != 0)) {
		rc = mdb_del(txn, st->dbi[TABLE_TICKET_MSGS], &tk, &mk);
		if (rc == MDB_NOTFOUND)
			rc = 0;
	}
	g_free(old);
	return rc;
}

/* put_msgid - map key to the ticket; with NOOVERWRITE an old map stays. */
static int
put_msgid(struct store *st, MDB_txn *txn, const struct store_put *p,
    const char *key, unsigned flags)
{
	char	*val;
	int	rc = flags & MDB_NOOVERWRITE ? 0 : unlist(st, txn, key, p->ticket);

	if (rc != 0)
		return rc;
	val = g_strdup_printf("%s\t%lld\t%s", p->ticket, (long long)p->now,
	    p->direction);
	rc = put_text(txn, st->dbi[TABLE_MSGIDS], key, val, flags);
	g_free(val);
	if (rc == 0)
		rc = put_text(txn, st->dbi[TABLE_TICKET_MSGS], p->ticket, key,
		    MDB_NODUPDATA);
	return rc == MDB_KEYEXIST ? 0 : rc;
}

/*
 * put_count - add one to the "COUNT\tLASTSEEN" record of key; the
 * caller lists each key once per message.
 */
static int
put_count(struct store *st, MDB_txn *txn, enum store_table t,
    const char *key, time_t now)
{
	int	rc;
	char	*old = store_get_text(txn, st->dbi[t], key, &rc);
	unsigned long long n = old ? g_ascii_strtoull(old, NULL, 10) : 0;
	char	val[48];

	g_free(old);
	if (rc != 0)
		return rc;
	if (*key == '\0' || strlen(key) > COUNT_KEY_MAX)
		return MDB_BAD_VALSIZE;
	(void)g_snprintf(val, sizeof(val), "%llu\t%lld", n + 1,
	    (long long)now);
	return put_text(txn, st->dbi[t], key, val, 0);
}

/* put_counts - the image and signature counts of one message. */
static int
put_counts(struct store *st, MDB_txn *txn, const struct store_put *p)
{
	int	rc = 0;

	for (size_t i = 0; i < p->nimage_keys && rc == 0; i++)
		rc = put_count(st, txn, TABLE_IMAGES, p->image_keys[i], p->now);
	if (rc == 0 && p->sig_key)
		rc = put_count(st, txn, TABLE_SIGS, p->sig_key, p->now);
	return rc;
}

/* stat_key - the meta key of a counter, or NULL when it is too long. */
static char *
stat_key(const char *key)
{
	return strlen(key) > COUNT_KEY_MAX ? NULL :
	    g_strconcat("stat:", key, NULL);
}

/* put_stats - add the message's amounts to the meta counters. */
static int
put_stats(struct store *st, MDB_txn *txn, const struct store_put *p)
{
	int	rc = 0;

	for (size_t i = 0; i < p->nstats && rc == 0; i++) {
		char	*key = stat_key(p->stat_keys[i]), *old, val[24];
		guint64	n;

		if (key == NULL)
			return MDB_BAD_VALSIZE;
		old = store_get_text(txn, st->dbi[TABLE_META], key, &rc);
		n = old ? g_ascii_strtoull(old, NULL, 10) : 0;
		(void)g_snprintf(val, sizeof(val), "%" G_GUINT64_FORMAT,
		    n + p->stat_adds[i]);
		if (rc == 0)
			rc = put_text(txn, st->dbi[TABLE_META], key, val, 0);
		g_free(old);
		g_free(key);
	}
	return rc;
}

static int
put_all(struct store *st, MDB_txn *txn, void *ctx)
{
	const struct store_put *p = ctx;
	int	rc = 0;

	if (p->record && (rc = put_decision(st, txn, p->record)) != 0)
		return rc;
	if ((rc = put_counts(st, txn, p)) != 0 ||
	    (rc = put_stats(st, txn, p)) != 0)
		return rc;
	if (p->ticket == NULL)
		return 0;
	if ((rc = put_ticket(st, txn, p)) != 0)
		return rc;
	if (p->message_id &&
	    (rc = put_msgid(st, txn, p, p->message_id, 0)) != 0)
		return rc;
	for (size_t i = 0; i < p->nrefs && rc == 0; i++)
		rc = put_msgid(st, txn, p, p->refs[i], MDB_NOOVERWRITE);
	return rc;
}

int
store_put(struct store *st, const struct store_put *p, char err[STORE_ERRLEN])
{
	return store_write_txn(st, put_all, (void *)p, err);
}

struct alloc {
	uint64_t first, got;
};

static int
allocate(struct store *st, MDB_txn *txn, void *ctx)
{
	struct alloc *a = ctx;
	int	rc;
	char	*old = store_get_text(txn, st->dbi[TABLE_META], "next_ticket", &rc);
	char	next[STORE_TICKET_MAX];

	if (rc != 0)
		return rc;
	a->got = old ? g_ascii_strtoull(old, NULL, 10) : 0;
	if (a->got < a->first)
		a->got = a->first;
	g_free(old);
	(void)g_snprintf(next, sizeof(next), "%" G_GUINT64_FORMAT, a->got + 1);
	return put_text(txn, st->dbi[TABLE_META], "next_ticket", next, 0);
}

int
store_allocate(struct store *st, uint64_t first, char ticket[STORE_TICKET_MAX],
    char err[STORE_ERRLEN])
{
	struct alloc a = { first, 0 };

	if (store_write_txn(st, allocate, &a, err) < 0)
		return -1;
	(void)g_snprintf(ticket, STORE_TICKET_MAX, "%" G_GUINT64_FORMAT, a.got);
	return 0;
}

/* store_read_begin - a read transaction under the shared resize lock. */
int
store_read_begin(struct store *st, MDB_txn **txn)
{
	int	rc;

	for (;;) {
		(void)pthread_rwlock_rdlock(&st->resize);
		if ((rc = mdb_txn_begin(st->env, NULL, MDB_RDONLY, txn)) == 0)
			return 0;
		(void)pthread_rwlock_unlock(&st->resize);
		/* another process grew the map: adopt its size and retry */
		if (rc != MDB_MAP_RESIZED || grow(st, rc) != 0)
			return rc;
	}
}

void
store_read_end(struct store *st, MDB_txn *txn)
{
	mdb_txn_abort(txn);
	(void)pthread_rwlock_unlock(&st->resize);
}

int
store_lookup(struct store *st, const char *key, struct store_msgid *out,
    char err[STORE_ERRLEN])
{
	MDB_txn	*txn;
	char	*val, **f;
	int	rc;

	if (st->dbi[TABLE_MSGIDS] == 0)
		return 0;
	if ((rc = store_read_begin(st, &txn)) != 0)
		return store_fail(st, "mdb_txn_begin", rc, err);
	val = store_get_text(txn, st->dbi[TABLE_MSGIDS], key, &rc);
	store_read_end(st, txn);
	if (rc != 0)
		return store_fail(st, "mdb_get", rc, err);
	if (val == NULL)
		return 0;
	f = g_strsplit(val, "\t", 3);
	memset(out, 0, sizeof(*out));
	if (g_strv_length(f) == 3) {
		(void)g_strlcpy(out->ticket, f[0], sizeof(out->ticket));
		out->time = (time_t)g_ascii_strtoll(f[1], NULL, 10);
		(void)g_strlcpy(out->direction, f[2], sizeof(out->direction));
	}
	g_strfreev(f);
	g_free(val);
	return out->ticket[0] ? 1 : 0;
}

/* get_count - the COUNT of a counts table's record; 0 when unknown. */
static int
get_count(struct store *st, enum store_table t, const char *key,
    unsigned *count, char *err)
{
	MDB_txn	*txn;
	char	*val;
	int	rc;

	*count = 0;
	if (st->dbi[t] == 0 || *key == '\0' || strlen(key) > COUNT_KEY_MAX)
		return 0;
	if ((rc = store_read_begin(st, &txn)) != 0)
		return store_fail(st, "mdb_txn_begin", rc, err);
	val = store_get_text(txn, st->dbi[t], key, &rc);
	store_read_end(st, txn);
	if (rc != 0)
		return store_fail(st, "mdb_get", rc, err);
	if (val) {
		guint64	n = g_ascii_strtoull(val, NULL, 10);

		*count = n > G_MAXUINT ? G_MAXUINT : (unsigned)n;
	}
	g_free(val);
	return 0;
}

int
store_counters(struct store *st, const char *const *keys, size_t n,
    uint64_t *values, char err[STORE_ERRLEN])
{
	MDB_txn	*txn;
	int	rc;

	if ((rc = store_read_begin(st, &txn)) != 0)
		return store_fail(st, "mdb_txn_begin", rc, err);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char	*key = stat_key(keys[i]);
		char	*val = key ? store_get_text(txn, st->dbi[TABLE_META], key, &rc) :
		    NULL;

		values[i] = val ? g_ascii_strtoull(val, NULL, 10) : 0;
		g_free(val);
		g_free(key);
	}
	store_read_end(st, txn);
	return rc == 0 ? 0 : store_fail(st, "mdb_get", rc, err);
}

int
store_image_count(struct store *st, const char *key, unsigned *count,
    char err[STORE_ERRLEN])
{
	return get_count(st, TABLE_IMAGES, key, count, err);
}

int
store_sig_count(struct store *st, const char *key, unsigned *count,
    char err[STORE_ERRLEN])
{
	return get_count(st, TABLE_SIGS, key, count, err);
}
