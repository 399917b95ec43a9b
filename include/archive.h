/*
 * archive.h - copies of original messages whose body was replaced.
 *
 * Owns: the files under DATABASE/archive/YYYY/MM/DD/QUEUEID-SEQ.eml
 * (directories 0700, files 0600), so support can recover what cleaning
 * removed (a phone number in a signature).  A file is written with
 * O_EXCL and O_NOFOLLOW, through directories opened without following
 * symbolic links, and synced with its directory before archive_write()
 * returns: it exists before the record that names it is committed.
 *
 * Must not: log, or know the database format (the store module owns
 * the LMDB files next to it).  Thread-safe: names are made unique with
 * O_EXCL, not with shared state.  Errors are returned as text in the
 * caller's buffer, "archive PATH: call: reason".
 */
#ifndef SUPPORT_MILTER_ARCHIVE_H
#define SUPPORT_MILTER_ARCHIVE_H

#include <stddef.h>
#include <time.h>

#include <gmime/gmime.h>

#define ARCHIVE_ERRLEN	256

/*
 * archive_write - copy size bytes of raw (from its start; the stream's
 * position is not used) into a new file for the message queue_id (NULL
 * or empty: NOQUEUE; characters other than letters and digits become
 * '_') received at now (UTC date).  *rel (g_free) receives its path
 * relative to dbdir, "archive/YYYY/MM/DD/QUEUEID-SEQ.eml", SEQ the first
 * free number from 1.  Returns 0, or -1 with err (nothing is left
 * behind): a directory that cannot be made or is a symbolic link, no
 * free name among 1000, a short read of raw, a write or fsync error.
 */
int	archive_write(const char *dbdir, const char *queue_id, time_t now,
	    GMimeStream *raw, gint64 size, char **rel, char err[ARCHIVE_ERRLEN]);

/*
 * archive_discard - remove the file archive_write() made for a message
 * whose record could not be stored (the mail is then retried or passed
 * as configured, and archived again).  Errors are ignored: a leftover
 * file costs space, not mail.
 */
void	archive_discard(const char *dbdir, const char *rel);

/*
 * archive_prune - remove the archived files of the days that ended
 * before cutoff (whole YYYY/MM/DD directories, then the month and year
 * directories left empty); the number of files removed goes to
 * *removed.  Returns 0 (also when there is no archive), or -1 with err
 * at the first directory or file that cannot be removed.
 */
int	archive_prune(const char *dbdir, time_t cutoff, size_t *removed,
	    char err[ARCHIVE_ERRLEN]);

#endif
