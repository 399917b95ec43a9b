/*
 * test_stats - what decisions add to the counters, the Prometheus text,
 * the file written through a rename, and the totals kept in the database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <glib.h>

#include "core.h"
#include "stats.h"
#include "testlib.h"

#define SUPPORT	"<support@example.com>"

/* decide - one message through the core; its delta into out. */
static void
decide(struct testlib_store *f, const char *conf, const char *rcpt,
    const char *text, struct stats_delta *out, struct stats *total)
{
	const char *rcpts[] = { rcpt };
	struct envelope env = { "Q1", "<c@customer.example>", rcpts, 1,
	    "192.0.2.1", NULL, 1795600000 };
	struct conf *c = testlib_conf(conf);
	struct message m;
	struct decision d;

	testlib_message(text, &m);
	decision_init(&d);
	(void)core_decide(&env, &m, c, f->st, &d);
	stats_delta_of(&d, out);
	stats_add(total, &d);
	decision_release(&d);
	message_release(&m);
	conf_free(c);
}

static void
test_deltas(void **state)
{
	struct stats total;
	struct stats_delta d;

	stats_init(&total, 1795600000);
	decide(*state, "", SUPPORT, "From: c@customer.example\n"
	    "To: support@example.com\nSubject: Ticket [42] x\n\n"
	    "It works now.\n\nOn Mon, 23 Nov 2026 at 10:00, Ann <ann@example.com> wrote:\n> old text\n", &d, &total);
	assert_int_equal(d.add[STAT_MSG_SUPPORT], 1);
	assert_int_equal(d.add[STAT_POLICY_PASS], 1);
	assert_int_equal(d.add[STAT_THREAD_SUBJECT], 1);
	assert_int_equal(d.add[STAT_CLEAN_QUOTE], 1);
	assert_true(d.add[STAT_BYTES_REMOVED] > 10);
	assert_int_equal(d.add[STAT_REJECT_CC_ONLY], 0);
	decide(*state, "", SUPPORT, "From: c@customer.example\n"
	    "To: a@customer.example\nCc: support@example.com\nSubject: x\n\n"
	    "Hi\n", &d, &total);
	assert_int_equal(d.add[STAT_POLICY_REJECT], 1);
	assert_int_equal(d.add[STAT_REJECT_CC_ONLY], 1);
	assert_int_equal(d.add[STAT_THREAD_NONE], 0);
	decide(*state, "ticket_allocate = true;", SUPPORT,
	    "From: c@customer.example\nTo: support@example.com\n"
	    "Subject: new\n\nHelp\n", &d, &total);
	assert_int_equal(d.add[STAT_THREAD_ALLOCATED], 1);
	assert_int_equal(d.add[STAT_TICKETS_ALLOCATED], 1);
	decide(*state, "", "<alice@customer.example>", "From: c@customer.example\n"
	    "To: alice@customer.example\nSubject: x\n\nHi\n", &d, &total);
	assert_int_equal(d.add[STAT_MSG_NOT_SUPPORT], 1);
	assert_int_equal(d.add[STAT_MSG_SUPPORT], 0);
	decide(*state, "on_unparseable = \"reject\";", SUPPORT,
	    "this is not a header\n", &d, &total);
	assert_int_equal(d.add[STAT_FAIL_UNPARSEABLE], 1);
	assert_int_equal(total.v[STAT_MSG_SUPPORT], 4);
	assert_int_equal(total.v[STAT_MSG_NOT_SUPPORT], 1);
}

/* The database keeps the same counters for what it recorded. */
static void
test_store_totals(void **state)
{
	struct testlib_store *f = *state;
	struct stats total;
	struct stats_delta d;
	const char *keys[] = { stats_key(STAT_MSG_SUPPORT),
	    stats_key(STAT_POLICY_PASS), stats_key(STAT_MSG_NOT_SUPPORT) };
	uint64_t v[3];
	char	err[STORE_ERRLEN];

	stats_init(&total, 1);
	for (int i = 0; i < 3; i++)
		decide(f, "", SUPPORT, "From: c@customer.example\n"
		    "To: support@example.com\nSubject: x\n\nHi\n", &d, &total);
	assert_int_equal(store_counters(f->st, keys, 3, v, err), 0);
	assert_int_equal(v[0], 3);
	assert_int_equal(v[1], 3);
	assert_int_equal(v[2], 0);
}

static void
test_file(void **state)
{
	char	*dir = testlib_tmpdir();
	char	*path = g_build_filename(dir, "s.prom", NULL);
	char	*bad = g_build_filename(dir, "missing", "s.prom", NULL);
	char	*text = NULL, err[256];
	struct stats st;
	struct stat sb;

	(void)state;
	stats_init(&st, 1795600000);
	atomic_store(&st.v[STAT_REJECT_BCC], 7);
	assert_int_equal(stats_write(&st, path, err, sizeof(err)), 0);
	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	assert_non_null(strstr(text, "# HELP support_milter_rejected_total "));
	assert_non_null(strstr(text, "# TYPE support_milter_rejected_total counter\n"
	    "support_milter_rejected_total{reason=\"cc-only\"} 0\n"
	    "support_milter_rejected_total{reason=\"bcc\"} 7\n"));
	assert_non_null(strstr(text, "support_milter_start_time_seconds 1795600000\n"));
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644);
	assert_int_equal(stats_write(&st, bad, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "No such file or directory"));
	g_free(text);
	(void)remove(path);
	(void)remove(dir);
	g_free(bad);
	g_free(path);
	g_free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TESTLIB_STORE_TEST(test_deltas),
		TESTLIB_STORE_TEST(test_store_totals),
		cmocka_unit_test(test_file),
	};

	g_mime_init();
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
