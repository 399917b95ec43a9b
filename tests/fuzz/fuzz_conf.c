/*
 * fuzz_conf - the configuration parser: the input written to a file and
 * read with conf_load(), as -n and start-up read it.  Any input must load
 * or give an error that names the file, never crash or leak.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "conf.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char *path;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char	*dir = g_dir_make_tmp("fuzz_conf.XXXXXX", NULL);

	(void)argc;
	(void)argv;
	if (dir == NULL)
		abort();
	path = g_build_filename(dir, "f.conf", NULL);
	g_free(dir);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	err[CONF_ERRLEN] = "";
	struct conf *c = NULL;

	if (!g_file_set_contents(path, (const char *)data, (gssize)size, NULL))
		abort();
	if (conf_load(path, &c, err) == 0)
		conf_free(c);
	else if (strstr(err, path) == NULL)
		abort();
	return 0;
}
