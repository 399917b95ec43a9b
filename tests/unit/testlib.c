/* testlib - helpers shared by the unit tests; see testlib.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "testlib.h"

char *
testlib_write(const char *text)
{
	char	*path = NULL;
	GError	*e = NULL;
	int	fd = g_file_open_tmp("support-milter-test.XXXXXX", &path, &e);

	if (fd < 0)
		fail_msg("g_file_open_tmp: %s", e->message);
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		fail_msg("write %s failed", path);
	(void)close(fd);
	return path;
}

int
testlib_conf_result(const char *text, struct conf **out, char err[CONF_ERRLEN])
{
	char	*path = testlib_write(text);
	int	rc = conf_load(path, out, err);

	if (rc < 0 && g_str_has_prefix(err, path)) {
		char	*rest = g_strdup(err + strlen(path));

		(void)g_snprintf(err, CONF_ERRLEN, "FILE%s", rest);
		g_free(rest);
	}
	(void)unlink(path);
	g_free(path);
	return rc;
}

struct conf *
testlib_conf(const char *text)
{
	struct conf *c = NULL;
	char	err[CONF_ERRLEN];

	if (testlib_conf_result(text, &c, err) < 0)
		fail_msg("configuration did not load: %s", err);
	return c;
}

void
testlib_message(const char *text, struct message *out)
{
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(text, strlen(text));

	message_parse(s, out);
	g_object_unref(s);
}

char *
testlib_repeat(const char *s, const char *sep, size_t n)
{
	GString	*out = g_string_new(NULL);

	for (size_t i = 0; i < n; i++)
		g_string_append_printf(out, "%s%s", i ? sep : "", s);
	return g_string_free(out, FALSE);
}

char *
testlib_tmpdir(void)
{
	GError	*e = NULL;
	char	*dir = g_dir_make_tmp("support-milter-test.XXXXXX", &e);

	if (dir == NULL)
		fail_msg("g_dir_make_tmp: %s", e->message);
	return dir;
}

void
testlib_rmdir(char *dir)
{
	GDir	*d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d && (name = g_dir_read_name(d)) != NULL) {
		char	*p = g_build_filename(dir, name, NULL);

		/* directories below (an archive) go too; links are not followed */
		if (g_file_test(p, G_FILE_TEST_IS_DIR) &&
		    !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
			testlib_rmdir(p);
		else {
			(void)g_unlink(p);
			g_free(p);
		}
	}
	if (d)
		g_dir_close(d);
	(void)g_rmdir(dir);
	g_free(dir);
}

struct testlib_store *
testlib_store_new(size_t max)
{
	struct testlib_store *f = g_new0(struct testlib_store, 1);
	char	err[STORE_ERRLEN];

	f->dir = testlib_tmpdir();
	if (store_open(f->dir, max, STORE_WRITE, &f->st, err) < 0)
		fail_msg("%s", err);
	return f;
}

int
testlib_store_setup(void **state)
{
	*state = testlib_store_new(1 << 20);
	return 0;
}

int
testlib_store_teardown(void **state)
{
	testlib_store_free(*state);
	return 0;
}

void
testlib_store_free(struct testlib_store *f)
{
	store_close(f->st);
	testlib_rmdir(f->dir);
	g_free(f);
}
