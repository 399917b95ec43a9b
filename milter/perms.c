/*
 * NAME
 *	perms - warnings about files other local users could change
 * DESCRIPTION
 *	The configuration file decides where mail goes and which senders
 *	are exempt; if another user can write it, that user controls the
 *	filter.  A spool directory writable by others without the sticky
 *	bit lets them rename or delete files there; spill files are created
 *	O_EXCL|O_NOFOLLOW and unlinked at once, so this is a warning, not an
 *	error (/var/tmp, the default, is sticky and fine).  A database the
 *	daemon cannot write is opened read-only, so the daemon still serves
 *	mail not for support; the warning says what support mail gets.
 * SEE ALSO
 *	docs/security.md
 */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "perms.h"

/* check_conf_file - the configuration must be root's or ours alone. */
static void
check_conf_file(const char *path, GPtrArray *out)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return;		/* conf_load read it: a race, not our concern */
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		g_ptr_array_add(out, g_strdup_printf("%s: writable by %s "
		    "(mode %04o): other users can change this filter's "
		    "behaviour", path, st.st_mode & S_IWOTH ? "others" : "group",
		    (unsigned)(st.st_mode & 07777)));
	if (st.st_uid != 0 && st.st_uid != geteuid())
		g_ptr_array_add(out, g_strdup_printf("%s: owned by uid %u, "
		    "neither root nor this daemon's user", path,
		    (unsigned)st.st_uid));
}

/* check_spool_dir - others may write there only if the sticky bit is set. */
static void
check_spool_dir(const char *dir, GPtrArray *out)
{
	struct stat st;

	if (stat(dir, &st) < 0)
		g_ptr_array_add(out, g_strdup_printf("spool_directory %s: %s",
		    dir, g_strerror(errno)));
	else if ((st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX))
		g_ptr_array_add(out, g_strdup_printf("spool_directory %s: "
		    "writable by others without the sticky bit (mode %04o): "
		    "use a private directory", dir,
		    (unsigned)(st.st_mode & 07777)));
}

/* check_database - read-only, it costs every support message its action. */
static void
check_database(const struct conf *c, GPtrArray *out)
{
	if (access(c->database, F_OK) == 0 && access(c->database, W_OK) < 0)
		g_ptr_array_add(out, g_strdup_printf("database %s: %s: support "
		    "mail gets on_store_error (%s)", c->database,
		    g_strerror(errno),
		    conf_failure_name(c->on_failure[FAIL_STORE])));
}

GPtrArray *
perms_warnings(const struct conf *c)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);

	check_conf_file(c->path, out);
	check_spool_dir(c->spool_directory, out);
	check_database(c, out);
	return out;
}
