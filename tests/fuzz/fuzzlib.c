/*
 * fuzzlib - see fuzzlib.h.
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "fuzzlib.h"

struct conf *
fuzzlib_conf(const char *target, const char *text)
{
	char	err[CONF_ERRLEN] = "cannot write a scratch file";
	char	*dir = g_dir_make_tmp("fuzzconf.XXXXXX", NULL);
	char	*path = dir ? g_build_filename(dir, "f.conf", NULL) : NULL;
	struct conf *c = NULL;

	if (path == NULL || !g_file_set_contents(path, text, -1, NULL) ||
	    conf_load(path, &c, err) < 0) {
		fprintf(stderr, "%s: %s\n", target, err);
		abort();
	}
	(void)g_remove(path);
	(void)g_rmdir(dir);
	g_free(path);
	g_free(dir);
	return c;
}
