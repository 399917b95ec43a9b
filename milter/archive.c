/*
 * NAME
 *	archive - keep the original of a message whose body was replaced
 * SYNOPSIS
 *	#include "archive.h"
 *
 *	archive_write(dbdir, queue_id, now, raw, size, &rel, err);
 *	archive_discard(dbdir, rel);
 *	archive_prune(dbdir, cutoff, &removed, err);
 * DESCRIPTION
 *	Files live under DBDIR/archive/YYYY/MM/DD/, one day per directory,
 *	so pruning removes whole days.  Every directory below DBDIR is
 *	opened relative to its parent with O_NOFOLLOW: a symbolic link
 *	planted in the archive cannot redirect a write.  The file is made
 *	with O_EXCL (a name is never reused), written whole, synced, and
 *	its directory synced, before archive_write() returns.
 * DIAGNOSTICS
 *	"archive PATH: call: reason", in the caller's buffer.
 * SEE ALSO
 *	archive.h, docs/cleaning.md ("Archive of originals")
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "archive.h"

#define SEQ_MAX		1000	/* names tried per queue ID and day */
#define QID_MAX		32	/* characters of a queue ID in a name */
#define CHUNK		65536	/* bytes copied per read */

/* fail - "archive PATH: call: reason" from errno code e. */
static int
fail(char *err, const char *path, const char *call, int e)
{
	(void)g_snprintf(err, ARCHIVE_ERRLEN, "archive %s: %s: %s", path, call,
	    g_strerror(e));
	return -1;
}

/* open_sub - directory name under dfd, made (0700) when missing; never
 * through a symbolic link.  Closes dfd; -1 with errno on failure. */
static int
open_sub(int dfd, const char *name)
{
	int	fd = -1;

	if (mkdirat(dfd, name, 0700) == 0 || errno == EEXIST)
		fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd < 0) {
		int	e = errno;

		(void)close(dfd);
		errno = e;
		return -1;
	}
	(void)close(dfd);
	return fd;
}

/* day_dir - DBDIR/archive/YYYY/MM/DD opened, its relative path in rel. */
static int
day_dir(const char *dbdir, time_t now, GString *rel, char *err)
{
	struct tm tm;
	char	part[3][8];
	int	fd;

	(void)gmtime_r(&now, &tm);
	(void)g_snprintf(part[0], sizeof(part[0]), "%04d", tm.tm_year + 1900);
	(void)g_snprintf(part[1], sizeof(part[1]), "%02d", tm.tm_mon + 1);
	(void)g_snprintf(part[2], sizeof(part[2]), "%02d", tm.tm_mday);
	if ((fd = open(dbdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return fail(err, dbdir, "open", errno);
	g_string_assign(rel, "archive");
	if ((fd = open_sub(fd, "archive")) < 0)
		return fail(err, rel->str, "open", errno);
	for (int i = 0; i < 3; i++) {
		g_string_append_printf(rel, "/%s", part[i]);
		if ((fd = open_sub(fd, part[i])) < 0)
			return fail(err, rel->str, "open", errno);
	}
	return fd;
}

/* copy - size bytes of raw from its start into fd; 0 or an errno code. */
static int
copy(GMimeStream *raw, gint64 size, int fd)
{
	GMimeStream *sub = g_mime_stream_substream(raw, 0, size);
	char	*buf = g_malloc(CHUNK);
	gint64	total = 0;
	ssize_t	n;
	int	e = 0;

	while (e == 0 && (n = g_mime_stream_read(sub, buf, CHUNK)) > 0) {
		for (ssize_t off = 0; off < n && e == 0;) {
			ssize_t	w = write(fd, buf + off, (size_t)(n - off));

			if (w < 0 && errno != EINTR)
				e = errno;
			off += w > 0 ? w : 0;
		}
		total += n;
	}
	if (e == 0 && total != size)
		e = EIO;	/* the spool lost bytes: do not keep half a copy */
	g_free(buf);
	g_object_unref(sub);
	return e;
}

/* file_name - "QUEUEID-SEQ.eml" with the queue ID made file-safe. */
static void
file_name(GString *name, const char *queue_id, int seq)
{
	const char *q = queue_id && *queue_id ? queue_id : "NOQUEUE";

	g_string_truncate(name, 0);
	for (size_t i = 0; q[i] && i < QID_MAX; i++)
		g_string_append_c(name, g_ascii_isalnum(q[i]) ? q[i] : '_');
	g_string_append_printf(name, "-%d.eml", seq);
}

int
archive_write(const char *dbdir, const char *queue_id, time_t now,
    GMimeStream *raw, gint64 size, char **rel, char err[ARCHIVE_ERRLEN])
{
	GString	*path = g_string_new(NULL), *name = g_string_new(NULL);
	int	dfd = day_dir(dbdir, now, path, err), fd = -1, e = 0;

	for (int seq = 1; dfd >= 0 && fd < 0 && seq <= SEQ_MAX; seq++) {
		file_name(name, queue_id, seq);
		fd = openat(dfd, name->str, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (dfd >= 0 && fd < 0)
		e = errno;	/* EEXIST: every number taken */
	if (fd >= 0 && (e = copy(raw, size, fd)) == 0 && fsync(fd) < 0)
		e = errno;
	if (fd >= 0 && close(fd) < 0 && e == 0)
		e = errno;
	if (fd >= 0 && e == 0 && fsync(dfd) < 0)
		e = errno;
	g_string_append_printf(path, "/%s", name->str);
	if (e != 0) {
		if (fd >= 0)
			(void)unlinkat(dfd, name->str, 0);
		(void)fail(err, path->str, fd >= 0 ? "write" : "open", e);
	}
	if (dfd >= 0)
		(void)close(dfd);
	(void)g_string_free(name, TRUE);
	if (dfd < 0 || e != 0) {
		(void)g_string_free(path, TRUE);
		return -1;
	}
	*rel = g_string_free(path, FALSE);
	return 0;
}

void
archive_discard(const char *dbdir, const char *rel)
{
	char	*path;

	if (rel == NULL || strstr(rel, "..") || !g_str_has_prefix(rel, "archive/"))
		return;
	path = g_build_filename(dbdir, rel, NULL);
	(void)g_unlink(path);
	g_free(path);
}

/* number_dir - true when name is all digits and path a real directory. */
static bool
number_dir(const char *path, const char *name)
{
	struct stat sb;

	for (const char *p = name; *p; p++)
		if (!g_ascii_isdigit(*p))
			return false;
	return *name && lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* prune_day - remove the files of one day directory and the directory. */
static int
prune_day(const char *path, size_t *removed, char *err)
{
	GDir	*d = g_dir_open(path, 0, NULL);
	const char *name;
	int	rc = 0;

	while (d && rc == 0 && (name = g_dir_read_name(d)) != NULL) {
		char	*f = g_build_filename(path, name, NULL);

		if (g_unlink(f) < 0)
			rc = fail(err, f, "unlink", errno);
		else
			(*removed)++;
		g_free(f);
	}
	if (d)
		g_dir_close(d);
	if (rc == 0 && g_rmdir(path) < 0)
		rc = fail(err, path, "rmdir", errno);
	return rc;
}

/* prune_level - walk YYYY (level 0), MM (1) and DD (2) directories;
 * date holds the numbers of the levels above. */
static int
prune_level(const char *path, int level, int date[3], time_t cutoff,
    size_t *removed, char *err)
{
	GDir	*d = g_dir_open(path, 0, NULL);
	const char *name;
	int	rc = 0;

	while (d && rc == 0 && (name = g_dir_read_name(d)) != NULL) {
		char	*sub = g_build_filename(path, name, NULL);

		if (number_dir(sub, name)) {
			date[level] = (int)g_ascii_strtoll(name, NULL, 10);
			if (level < 2)
				rc = prune_level(sub, level + 1, date, cutoff,
				    removed, err);
			else {
				GDateTime *t = g_date_time_new_utc(date[0],
				    date[1], date[2], 0, 0, 0);

				/* the whole day is older than the cutoff */
				if (t && g_date_time_to_unix(t) + 86400 <= cutoff)
					rc = prune_day(sub, removed, err);
				if (t)
					g_date_time_unref(t);
			}
			if (rc == 0 && level < 2)
				(void)g_rmdir(sub);	/* only when empty */
		}
		g_free(sub);
	}
	if (d)
		g_dir_close(d);
	return rc;
}

int
archive_prune(const char *dbdir, time_t cutoff, size_t *removed,
    char err[ARCHIVE_ERRLEN])
{
	char	*top = g_build_filename(dbdir, "archive", NULL);
	int	date[3] = { 0, 0, 0 };
	int	rc;

	*removed = 0;
	rc = prune_level(top, 0, date, cutoff, removed, err);
	g_free(top);
	return rc;
}
