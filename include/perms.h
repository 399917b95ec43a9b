/*
 * perms.h - start-up checks of who else may change what the daemon trusts.
 *
 * Owns: looking at the owner and mode of the configuration file, the
 * spool directory and the database.  It changes nothing and never logs: it returns
 * warnings for main.c to print (at start-up and with -n).  A warning is
 * not an error: the daemon still starts, but the administrator learns
 * that another local user could change its behaviour or its spill files.
 * Thread-safe (no state); call it before threads start anyway.
 */
#ifndef SUPPORT_MILTER_PERMS_H
#define SUPPORT_MILTER_PERMS_H

#include <glib.h>

#include "conf.h"

/*
 * perms_warnings - one message per finding, lower case, naming the file
 * first: the configuration file is writable by group or others, or owned
 * by a user other than root and the daemon's own; the spool directory is
 * writable by others without the sticky bit; the database exists but
 * cannot be written.  Returns a new array of
 * char * (free with g_ptr_array_unref), empty when all is well.
 */
GPtrArray *perms_warnings(const struct conf *);

#endif
