/*
 * test_store - the LMDB store: records and lookups, tickets and their
 * messages, unique numbers and no lost updates under many threads, a map
 * that grows and one that is full, image and signature counts written
 * with the message's other records; concurrent writers committed together
 * (group commit), each answered only once its records are in the file.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "store.h"
#include "testlib.h"

#define THREADS	8

static int
setup_size(void **state, size_t max)
{
	*state = testlib_store_new(max);
	return 0;
}

static int
setup(void **state)
{
	return setup_size(state, (size_t)64 << 20);
}

static int
setup_small(void **state)
{
	return setup_size(state, (size_t)1 << 20);
}

static int
teardown(void **state)
{
	testlib_store_free(*state);
	return 0;
}

/* put - one message's records; fails the test on error. */
static void
put(struct store *st, const char *ticket, const char *dir, const char *id,
    const char *const *refs, size_t nrefs, time_t now)
{
	struct store_put p = { .now = now, .record = "t=1 qid=Q action=accept",
	    .ticket = ticket, .direction = dir, .message_id = id, .refs = refs,
	    .nrefs = nrefs, .subject = "Printer\ton fire" };
	char	err[STORE_ERRLEN];

	if (store_put(st, &p, err) < 0)
		fail_msg("store_put: %s", err);
}

/* count_each - counts records, for store_each. */
static int
count_each(const void *k, size_t kl, const void *v, size_t vl, void *ctx)
{
	(void)k; (void)kl; (void)v; (void)vl;
	(*(size_t *)ctx)++;
	return 0;
}

static void
test_put_lookup(void **state)
{
	struct testlib_store *f = *state;
	const char *refs[] = { "root@example.com", "n1@example.com" };
	struct store_msgid m;
	struct store_stats s;
	char	err[STORE_ERRLEN];
	size_t	n = 0;

	put(f->st, "4711", "out", "n2@example.com", refs, 2, 100);
	put(f->st, "4711", "in", "c1@customer.example", NULL, 0, 200);
	/* a later thread does not take IDs already known */
	put(f->st, "9999", "out", "n3@example.com", refs, 1, 300);
	assert_int_equal(store_lookup(f->st, "n2@example.com", &m, err), 1);
	assert_string_equal(m.ticket, "4711");
	assert_string_equal(m.direction, "out");
	assert_int_equal(m.time, 100);
	assert_int_equal(store_lookup(f->st, "root@example.com", &m, err), 1);
	assert_string_equal(m.ticket, "4711");
	assert_int_equal(store_lookup(f->st, "c1@customer.example", &m, err), 1);
	assert_string_equal(m.direction, "in");
	assert_int_equal(store_lookup(f->st, "unknown@x", &m, err), 0);
	assert_int_equal(store_each(f->st, TABLE_TICKET_MSGS, "4711", count_each,
	    &n, err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(store_stats(f->st, &s, err), 0);
	assert_int_equal(s.entries[TABLE_DECISIONS], 3);
	assert_int_equal(s.entries[TABLE_TICKETS], 2);
	assert_int_equal(s.entries[TABLE_MSGIDS], 5);
}

/* One key of a table without duplicates is one record. */
static void
test_each_key(void **state)
{
	struct testlib_store *f = *state;
	char	err[STORE_ERRLEN];
	size_t	n = 0;

	put(f->st, "1", "in", "a@x", NULL, 0, 1);
	put(f->st, "2", "in", "b@x", NULL, 0, 1);
	put(f->st, "3", "in", "c@x", NULL, 0, 1);
	assert_int_equal(store_each(f->st, TABLE_TICKETS, "2", count_each, &n,
	    err), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(store_each(f->st, TABLE_TICKETS, "9", count_each, &n,
	    err), 0);
	assert_int_equal(n, 0);
}

/* A message seen again under another ticket leaves the first one's list. */
static void
test_moved_message(void **state)
{
	struct testlib_store *f = *state;
	char	err[STORE_ERRLEN];
	size_t	n1 = 0, n2 = 0;

	put(f->st, "1", "in", "m@x", NULL, 0, 1);
	put(f->st, "2", "in", "m@x", NULL, 0, 2);
	assert_int_equal(store_each(f->st, TABLE_TICKET_MSGS, "1", count_each,
	    &n1, err), 0);
	assert_int_equal(store_each(f->st, TABLE_TICKET_MSGS, "2", count_each,
	    &n2, err), 0);
	assert_int_equal(n1, 0);
	assert_int_equal(n2, 1);
}

/* The ticket record keeps its first Subject and counts its messages. */
static int
ticket_value(const void *k, size_t kl, const void *v, size_t vl, void *ctx)
{
	(void)k; (void)kl;
	*(char **)ctx = g_strndup(v, vl);
	return 1;
}

static void
test_ticket_record(void **state)
{
	struct testlib_store *f = *state;
	char	err[STORE_ERRLEN], *val = NULL;

	put(f->st, "12", "in", "a@x", NULL, 0, 1000);
	put(f->st, "12", "in", "b@x", NULL, 0, 2000);
	assert_int_equal(store_each(f->st, TABLE_TICKETS, "12", ticket_value,
	    &val, err), 0);
	/* the tab in the Subject must not break the record */
	assert_string_equal(val, "1000\t2000\t2\tPrinter on fire");
	g_free(val);
}

static void *
allocator(void *arg)
{
	struct store *st = arg;
	GPtrArray *got = g_ptr_array_new_with_free_func(g_free);
	char	t[STORE_TICKET_MAX], err[STORE_ERRLEN];

	for (int i = 0; i < 50; i++) {
		if (store_allocate(st, 1000, t, err) < 0)
			break;
		g_ptr_array_add(got, g_strdup(t));
	}
	return got;
}

/* Numbers are unique and gapless across threads. */
static void
test_allocate_threads(void **state)
{
	struct testlib_store *f = *state;
	pthread_t th[THREADS];
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *all[THREADS];

	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, allocator, f->st), 0);
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(th[i], (void **)&all[i]), 0);
		assert_int_equal(all[i]->len, 50);
		for (guint j = 0; j < all[i]->len; j++)
			if (!g_hash_table_add(seen, g_ptr_array_index(all[i], j)))
				fail_msg("ticket %s given twice",
				    (char *)g_ptr_array_index(all[i], j));
	}
	for (int n = 1000; n < 1000 + THREADS * 50; n++) {
		char	key[16];

		(void)g_snprintf(key, sizeof(key), "%d", n);
		if (!g_hash_table_contains(seen, key))
			fail_msg("ticket %s never given", key);
	}
	g_hash_table_destroy(seen);
	for (int i = 0; i < THREADS; i++)
		g_ptr_array_unref(all[i]);
}

struct writer {
	struct store *st;
	int	id;
};

static void *
writer(void *arg)
{
	struct writer *w = arg;

	for (int i = 0; i < 40; i++) {
		char	*id = g_strdup_printf("w%d-%d@example.com", w->id, i);

		put(w->st, "777", "in", id, NULL, 0, 5000 + i);
		g_free(id);
	}
	return NULL;
}

/* Many writers on one ticket: no update of its count is lost. */
static void
test_put_threads(void **state)
{
	struct testlib_store *f = *state;
	pthread_t th[THREADS];
	struct writer w[THREADS];
	char	err[STORE_ERRLEN], *val = NULL;
	size_t	n = 0;

	for (int i = 0; i < THREADS; i++) {
		w[i].st = f->st;
		w[i].id = i;
		assert_int_equal(pthread_create(&th[i], NULL, writer, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	assert_int_equal(store_each(f->st, TABLE_TICKETS, "777", ticket_value,
	    &val, err), 0);
	assert_non_null(strstr(val, "\t320\t"));
	g_free(val);
	assert_int_equal(store_each(f->st, TABLE_TICKET_MSGS, "777", count_each,
	    &n, err), 0);
	assert_int_equal(n, THREADS * 40);
}

/* big_put - a decision record of size bytes. */
static int
big_put(struct store *st, size_t size, char *err)
{
	char	*rec = g_malloc(size + 1);
	struct store_put p = { .now = 1, .record = rec };
	int	rc;

	memset(rec, 'x', size);
	rec[size] = '\0';
	rc = store_put(st, &p, err);
	g_free(rec);
	return rc;
}

/* The map starts small and grows up to the maximum. */
static void
test_grow(void **state)
{
	struct testlib_store *f = *state;
	struct store_stats s;
	char	err[STORE_ERRLEN];

	for (int i = 0; i < 20; i++)
		if (big_put(f->st, 512 * 1024, err) < 0)
			fail_msg("write %d: %s", i, err);
	assert_int_equal(store_stats(f->st, &s, err), 0);
	assert_true(s.map_size >= (size_t)10 << 20);
	assert_true(s.map_size <= (size_t)64 << 20);
	assert_int_equal(s.entries[TABLE_DECISIONS], 20);
}

/* At its maximum the map is full: an error, and nothing half-written. */
static void
test_full(void **state)
{
	struct testlib_store *f = *state;
	struct store_stats s;
	char	err[STORE_ERRLEN];
	int	i, rc = 0;

	for (i = 0; i < 10 && rc == 0; i++)
		rc = big_put(f->st, 300 * 1024, err);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "MDB_MAP_FULL"));
	assert_int_equal(store_stats(f->st, &s, err), 0);
	assert_int_equal(s.entries[TABLE_DECISIONS], i - 1);
	/* small records still fit after a big one was refused */
	put(f->st, "1", "in", "small@x", NULL, 0, 1);
}

/* put_counts - a message that counts images and a signature; the
 * store's result. */
static int
put_counts(struct store *st, const char *const *images, size_t n,
    const char *sig, time_t now, char *err)
{
	struct store_put p = { .now = now, .record = "t=1 qid=Q action=accept",
	    .image_keys = images, .nimage_keys = n, .sig_key = sig };

	return store_put(st, &p, err);
}

/* value_of - a copy of the first value store_each() gives. */
static int
value_of(const void *k, size_t kl, const void *v, size_t vl, void *ctx)
{
	(void)k; (void)kl;
	*(char **)ctx = g_strndup(v, vl);
	return 1;
}

/* Counts go up by one per message, with the last time seen. */
static void
test_counts(void **state)
{
	struct testlib_store *f = *state;
	const char *images[] = { "acme.example\taa11", "acme.example\tbb22" };
	char	err[STORE_ERRLEN], *val = NULL;
	unsigned n = 99;

	assert_int_equal(store_image_count(f->st, images[0], &n, err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(put_counts(f->st, images, 2, "k@acme.example\tcc33",
	    100, err), 0);
	assert_int_equal(put_counts(f->st, images, 1, "k@acme.example\tcc33",
	    200, err), 0);
	assert_int_equal(store_image_count(f->st, images[0], &n, err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_image_count(f->st, images[1], &n, err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_sig_count(f->st, "k@acme.example\tcc33", &n,
	    err), 0);
	assert_int_equal(n, 2);
	/* the tables are apart: an image key is no signature */
	assert_int_equal(store_sig_count(f->st, images[0], &n, err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_each(f->st, TABLE_IMAGES, images[0], value_of,
	    &val, err), 0);
	assert_string_equal(val, "2\t200");
	g_free(val);
}

/* The counts are written in the message's transaction: when one write
 * fails, neither the record nor any count is stored. */
static void
test_counts_one_transaction(void **state)
{
	struct testlib_store *f = *state;
	const char *images[] = { "acme.example\taa11", "" };
	struct store_stats s;
	char	err[STORE_ERRLEN];
	unsigned n = 99;

	assert_int_equal(put_counts(f->st, images, 1, NULL, 100, err), 0);
	/* an empty key is refused after the record and the first count */
	assert_int_equal(put_counts(f->st, images, 2, "k@acme.example\tcc33",
	    200, err), -1);
	assert_non_null(strstr(err, "MDB_BAD_VALSIZE"));
	assert_int_equal(store_stats(f->st, &s, err), 0);
	assert_int_equal(s.entries[TABLE_DECISIONS], 1);
	assert_int_equal(s.entries[TABLE_SIGS], 0);
	assert_int_equal(store_image_count(f->st, images[0], &n, err), 0);
	assert_int_equal(n, 1);
}

/* Prune removes counts last seen before the cutoff. */
static void
test_prune_counts(void **state)
{
	struct testlib_store *f = *state;
	const char *old[] = { "acme.example\told" };
	const char *recent[] = { "acme.example\tnew" };
	size_t	removed[TABLE_COUNT];
	char	err[STORE_ERRLEN];
	unsigned n = 0;

	assert_int_equal(put_counts(f->st, old, 1, "a@x\told", 100, err), 0);
	assert_int_equal(put_counts(f->st, recent, 1, "a@x\tnew", 300, err), 0);
	assert_int_equal(store_prune(f->st, 200, removed, err), 0);
	assert_int_equal(removed[TABLE_IMAGES], 1);
	assert_int_equal(removed[TABLE_SIGS], 1);
	assert_int_equal(store_image_count(f->st, old[0], &n, err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_image_count(f->st, recent[0], &n, err), 0);
	assert_int_equal(n, 1);
}

/* One writer thread of the group commit tests. */
struct committer {
	struct store *st;
	struct store *reader;	/* a second handle on the same files */
	pthread_barrier_t *start;
	int	id;
	bool	bad_key;	/* write an over-long count key: must fail */
	int	failed;		/* puts that failed */
	int	unseen;		/* puts not in the file when answered */
};

static void *
committer(void *arg)
{
	struct committer *w = arg;
	char	*longkey = testlib_repeat("k", "", 500);
	const char *keys[] = { longkey };
	char	err[STORE_ERRLEN];

	(void)pthread_barrier_wait(w->start);
	for (int i = 0; i < 40; i++) {
		char	*id = g_strdup_printf("g%d-%d@example.com", w->id, i);
		struct store_put p = { .now = 1000,
		    .record = "t=1000 qid=Q action=accept", .ticket = "9",
		    .direction = "in", .message_id = id, .subject = "Group",
		    .image_keys = keys, .nimage_keys = w->bad_key };
		struct store_msgid m;

		if (store_put(w->st, &p, err) < 0)
			w->failed++;
		else if (store_lookup(w->reader, id, &m, err) != 1)
			w->unseen++;
		g_free(id);
	}
	g_free(longkey);
	return NULL;
}

/* run_committers - THREADS writers at once; thread 0 with a bad key. */
static void
run_committers(struct testlib_store *f, bool bad0, struct committer *w)
{
	pthread_t th[THREADS];
	pthread_barrier_t start;
	char	err[STORE_ERRLEN];
	struct store *reader;

	assert_int_equal(store_open(f->dir, (size_t)64 << 20, STORE_READ,
	    &reader, err), 0);
	(void)pthread_barrier_init(&start, NULL, THREADS);
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct committer){ f->st, reader, &start, i,
		    bad0 && i == 0, 0, 0 };
		assert_int_equal(pthread_create(&th[i], NULL, committer, &w[i]),
		    0);
	}
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	(void)pthread_barrier_destroy(&start);
	store_close(reader);
}

/*
 * Writers committing at the same time share syncs, and each is answered
 * only when its records are committed to the file (another handle sees
 * them).
 */
static void
test_group_commit(void **state)
{
	struct testlib_store *f = *state;
	struct committer w[THREADS];
	struct store_commits before, after;
	struct store_stats s;
	char	err[STORE_ERRLEN];

	store_commit_counts(f->st, &before);
	run_committers(f, false, w);
	store_commit_counts(f->st, &after);
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(w[i].failed, 0);
		assert_int_equal(w[i].unseen, 0);
	}
	assert_int_equal(after.writes - before.writes, THREADS * 40);
	assert_true(after.syncs > before.syncs);
	assert_true(after.syncs - before.syncs < THREADS * 40);
	assert_int_equal(store_stats(f->st, &s, err), 0);
	assert_int_equal(s.entries[TABLE_DECISIONS], THREADS * 40);
	assert_int_equal(s.entries[TABLE_MSGIDS], THREADS * 40);
}

/* A write that fails in a shared commit fails alone. */
static void
test_group_commit_failure(void **state)
{
	struct testlib_store *f = *state;
	struct committer w[THREADS];
	struct store_stats s;
	char	err[STORE_ERRLEN];

	run_committers(f, true, w);
	assert_int_equal(w[0].failed, 40);
	for (int i = 1; i < THREADS; i++) {
		assert_int_equal(w[i].failed, 0);
		assert_int_equal(w[i].unseen, 0);
	}
	assert_int_equal(store_stats(f->st, &s, err), 0);
	assert_int_equal(s.entries[TABLE_DECISIONS], (THREADS - 1) * 40);
	assert_int_equal(s.entries[TABLE_IMAGES], 0);
}

/* A database this process may only read: every write fails, nothing else. */
static void
test_read_only(void **state)
{
	struct testlib_store *f = *state;
	struct store *ro;
	struct store_msgid m;
	char	err[STORE_ERRLEN];
	struct store_put p = { .now = 1, .record = "t=1" };

	put(f->st, "5", "in", "ro@x", NULL, 0, 1);
	assert_int_equal(store_open(f->dir, (size_t)64 << 20, STORE_READ, &ro,
	    err), 0);
	assert_true(store_read_only(ro));
	assert_int_equal(store_lookup(ro, "ro@x", &m, err), 1);
	assert_int_equal(store_put(ro, &p, err), -1);
	assert_non_null(strstr(err, "read-only"));
	store_close(ro);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ticket_record, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_moved_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_allocate_threads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_threads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_commit_failure, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_grow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_one_transaction,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_prune_counts, setup, teardown),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
