/*
 * NAME
 *	storeadmin - the database as support-milter-db sees it
 * DESCRIPTION
 *	Walking a table, statistics, pruning old records and compacted
 *	backups: one read or write transaction each, through store.c's
 *	transactions, so they run beside a serving daemon.
 * SEE ALSO
 *	store.h, storeimpl.h, support-milter-db(8)
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "storeimpl.h"

int
store_each(struct store *st, enum store_table t, const char *key,
    store_each_fn fn, void *ctx, char err[STORE_ERRLEN])
{
	MDB_txn	*txn;
	MDB_cursor *cur;
	MDB_val	k = { key ? strlen(key) : 0, (void *)key }, v;
	MDB_cursor_op op = key ? MDB_SET_KEY : MDB_FIRST;
	int	rc;

	if (st->dbi[t] == 0)
		return 0;
	if ((rc = store_read_begin(st, &txn)) != 0)
		return store_fail(st, "mdb_txn_begin", rc, err);
	if ((rc = mdb_cursor_open(txn, st->dbi[t], &cur)) != 0) {
		store_read_end(st, txn);
		return store_fail(st, "mdb_cursor_open", rc, err);
	}
	while ((rc = mdb_cursor_get(cur, &k, &v, op)) == 0) {
		if (fn(k.mv_data, k.mv_size, v.mv_data, v.mv_size, ctx) != 0)
			break;
		/* one key: its duplicates, and in other tables nothing more */
		if (key && t != TABLE_TICKET_MSGS)
			break;
		op = key ? MDB_NEXT_DUP : MDB_NEXT;
	}
	mdb_cursor_close(cur);
	store_read_end(st, txn);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return store_fail(st, "mdb_cursor_get", rc, err);
	return 0;
}

int
store_stats(struct store *st, struct store_stats *out, char err[STORE_ERRLEN])
{
	MDB_envinfo info;
	MDB_stat s;
	MDB_txn	*txn;
	char	*next;
	int	rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_read_begin(st, &txn)) != 0)
		return store_fail(st, "mdb_txn_begin", rc, err);
	for (int t = 0; t < TABLE_COUNT && rc == 0; t++)
		if (st->dbi[t] && (rc = mdb_stat(txn, st->dbi[t], &s)) == 0)
			out->entries[t] = s.ms_entries;
	next = rc == 0 && st->dbi[TABLE_META] ?
	    store_get_text(txn, st->dbi[TABLE_META], "next_ticket", &rc) : NULL;
	if (next)
		out->next_ticket = g_ascii_strtoull(next, NULL, 10);
	g_free(next);
	if (rc == 0 && (rc = mdb_env_info(st->env, &info)) == 0 &&
	    (rc = mdb_env_stat(st->env, &s)) == 0) {
		out->map_size = info.me_mapsize;
		out->used = (info.me_last_pgno + 1) * (size_t)s.ms_psize;
		out->readers = info.me_numreaders;
		out->max_size = st->max_size;
	}
	store_read_end(st, txn);
	return rc == 0 ? 0 : store_fail(st, "mdb_stat", rc, err);
}

/* The state of a prune: what is older than cutoff goes. */
struct prune {
	time_t	cutoff;
	size_t	*removed;
};

/* field_time - the number after "t=" in a record, or in column col. */
static time_t
field_time(const MDB_val *v, int col)
{
	char	*s = g_strndup(v->mv_data, v->mv_size);
	char	**f = g_strsplit(s, col < 0 ? " " : "\t", 4);
	time_t	t = 0;

	if (col < 0 && f[0] && g_str_has_prefix(f[0], "t="))
		t = (time_t)g_ascii_strtoll(f[0] + 2, NULL, 10);
	else if (col >= 0 && (int)g_strv_length(f) > col)
		t = (time_t)g_ascii_strtoll(f[col], NULL, 10);
	g_strfreev(f);
	g_free(s);
	return t;
}

/*
 * unlink_messages - keep ticket_msgs in step when a record goes: a
 * ticket takes its whole list, a Message-ID its own entry.
 */
static int
unlink_messages(struct store *st, MDB_txn *txn, enum store_table t,
    const MDB_val *k, const MDB_val *v)
{
	MDB_val	tk = *k, mk = *k;
	const char *tab;
	int	rc;

	if (t == TABLE_TICKETS)
		rc = mdb_del(txn, st->dbi[TABLE_TICKET_MSGS], &tk, NULL);
	else if (t == TABLE_MSGIDS &&
	    (tab = memchr(v->mv_data, '\t', v->mv_size)) != NULL) {
		tk.mv_data = v->mv_data;
		tk.mv_size = (size_t)(tab - (const char *)v->mv_data);
		rc = mdb_del(txn, st->dbi[TABLE_TICKET_MSGS], &tk, &mk);
	} else
		return 0;
	return rc == MDB_NOTFOUND ? 0 : rc;
}

/* prune_table - delete every record whose time (column col) is old. */
static int
prune_table(struct store *st, MDB_txn *txn, enum store_table t, int col,
    struct prune *p)
{
	MDB_cursor *cur;
	MDB_val	k, v;
	int	rc;

	if ((rc = mdb_cursor_open(txn, st->dbi[t], &cur)) != 0)
		return rc;
	while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
		if (field_time(&v, col) >= p->cutoff)
			continue;
		if ((rc = unlink_messages(st, txn, t, &k, &v)) != 0)
			break;
		if ((rc = mdb_cursor_del(cur, 0)) != 0)
			break;
		p->removed[t]++;
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static int
prune_all(struct store *st, MDB_txn *txn, void *ctx)
{
	struct prune *p = ctx;
	MDB_stat before, after;
	int	rc;

	/* a retried transaction counts again from nothing */
	memset(p->removed, 0, TABLE_COUNT * sizeof(*p->removed));
	if ((rc = mdb_stat(txn, st->dbi[TABLE_TICKET_MSGS], &before)) == 0 &&
	    (rc = prune_table(st, txn, TABLE_DECISIONS, -1, p)) == 0 &&
	    (rc = prune_table(st, txn, TABLE_MSGIDS, 1, p)) == 0 &&
	    (rc = prune_table(st, txn, TABLE_TICKETS, 1, p)) == 0 &&
	    (rc = prune_table(st, txn, TABLE_IMAGES, 1, p)) == 0 &&
	    (rc = prune_table(st, txn, TABLE_SIGS, 1, p)) == 0 &&
	    (rc = mdb_stat(txn, st->dbi[TABLE_TICKET_MSGS], &after)) == 0)
		p->removed[TABLE_TICKET_MSGS] = before.ms_entries - after.ms_entries;
	return rc;
}

int
store_prune(struct store *st, time_t cutoff, size_t removed[TABLE_COUNT],
    char err[STORE_ERRLEN])
{
	struct prune p = { cutoff, removed };

	memset(removed, 0, TABLE_COUNT * sizeof(*removed));
	return store_write_txn(st, prune_all, &p, err);
}

int
store_backup(struct store *st, const char *path, char err[STORE_ERRLEN])
{
	int	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	int	rc;

	if (fd < 0)
		return store_fail(st, path, errno, err);
	(void)pthread_rwlock_rdlock(&st->resize);
	rc = mdb_env_copyfd2(st->env, fd, MDB_CP_COMPACT);
	(void)pthread_rwlock_unlock(&st->resize);
	if (rc == 0 && fsync(fd) < 0)
		rc = errno;
	if (close(fd) < 0 && rc == 0)
		rc = errno;
	if (rc != 0) {
		(void)unlink(path);
		return store_fail(st, "mdb_env_copyfd2", rc, err);
	}
	return 0;
}
