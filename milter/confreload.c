/*
 * NAME
 *	confreload - what a reload may not change
 * DESCRIPTION
 *	A reload builds a whole new configuration; the settings the daemon
 *	read once at start-up (before it dropped privileges, or that shaped
 *	the process) are then copied back from the one in use, and the
 *	caller logs the names of those that differed.
 * SEE ALSO
 *	support-milter(8), SIGNALS
 */
#include <string.h>

#include <glib.h>

#include "conftable.h"

/*
 * Settings read once at start-up, before privileges are dropped: the
 * socket, the database (the store is opened once; archive_originals
 * writes under it), the process, its logging and its statistics thread.
 */
static const char *const restart_keys[] = {
	"socket", "socket_mode", "socket_group", "database", "database_size",
	"syslog_facility", "user", "pid_file", "stats_file", "stats_interval",
	NULL
};

/* keep_old - copy old's value of k into fresh; true when they differed. */
static bool
keep_old(const struct key *k, struct conf *fresh, const struct conf *old)
{
	void	*to = (char *)fresh + k->off;
	const void *from = (const char *)old + k->off;
	bool	same;

	switch (k->type) {
	case T_STRING:
	case T_PATH:
	case T_OPT_PATH:
	case T_SOCKET:
		same = strcmp(*(char *const *)from, *(char **)to) == 0;
		g_free(*(char **)to);
		*(char **)to = g_strdup(*(char *const *)from);
		return !same;
	case T_MODE:
		same = *(const mode_t *)from == *(mode_t *)to;
		*(mode_t *)to = *(const mode_t *)from;
		return !same;
	case T_SIZE:
	case T_NUMBER:
		same = *(const size_t *)from == *(size_t *)to;
		*(size_t *)to = *(const size_t *)from;
		return !same;
	case T_FACILITY:
		same = *(const int *)from == *(int *)to;
		*(int *)to = *(const int *)from;
		return !same;
	default:
		/* restart_keys names only the types above */
		g_assert_not_reached();
	}
	return false;
}

size_t
conf_keep_restart(struct conf *fresh, const struct conf *old,
    const char *changed[CONF_RESTART_KEYS + 1])
{
	size_t	n = 0;

	G_STATIC_ASSERT(G_N_ELEMENTS(restart_keys) <= CONF_RESTART_KEYS + 1);
	for (const char *const *name = restart_keys; *name; name++)
		for (const struct key *k = conf_table; k->pub.name; k++)
			if (strcmp(k->pub.name, *name) == 0 &&
			    keep_old(k, fresh, old))
				changed[n++] = k->pub.name;
	changed[n] = NULL;
	return n;
}

