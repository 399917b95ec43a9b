/*
 * testlib.h - shared helpers for the unit tests: configurations from text,
 * messages from text, repeated text, scratch directories.  Every helper
 * fails the test (cmocka's fail_msg) instead of returning an error.
 */
#ifndef SUPPORT_MILTER_TESTLIB_H
#define SUPPORT_MILTER_TESTLIB_H

#include "conf.h"
#include "message.h"
#include "store.h"

/* testlib_write - a new scratch file holding text; the caller unlinks it. */
char	*testlib_write(const char *text);

/*
 * testlib_conf_result - load text as a configuration file; returns
 * conf_load()'s result, with the error text (file name replaced by "FILE")
 * in err.
 */
int	testlib_conf_result(const char *text, struct conf **out,
	    char err[CONF_ERRLEN]);

/* testlib_conf - a configuration that must load. */
struct conf *testlib_conf(const char *text);

/* testlib_message - parse text as a message; release with message_release(). */
void	testlib_message(const char *text, struct message *out);

/* testlib_repeat - n copies of s with sep between them (g_free). */
char	*testlib_repeat(const char *s, const char *sep, size_t n);

/* A store in a scratch directory, for cmocka setups and teardowns. */
struct testlib_store {
	char	*dir;
	struct store *st;
};

/* testlib_store_new - open one with map size max; free it with _free. */
struct testlib_store *testlib_store_new(size_t max);
void	testlib_store_free(struct testlib_store *);

/*
 * testlib_store_setup, testlib_store_teardown - a cmocka setup that puts
 * a store with a 1 MB map (small enough for a test to fill) in *state,
 * and the teardown that frees it.
 */
int	testlib_store_setup(void **state);
int	testlib_store_teardown(void **state);
#define TESTLIB_STORE_TEST(f) \
	cmocka_unit_test_setup_teardown(f, testlib_store_setup, \
	    testlib_store_teardown)

/* testlib_tmpdir - a new scratch directory; testlib_rmdir removes it
 * with everything below it (and frees dir). */
char	*testlib_tmpdir(void);
void	testlib_rmdir(char *dir);

#endif
