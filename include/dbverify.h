/*
 * dbverify.h - the database's records as support-milter-db reads them:
 * checked (the verify command), and shown.
 *
 * Owns: what a valid record of each table is (formats in store.h) and
 * whether the tables agree with each other; the problem lines that say
 * otherwise; and the small readers every command of the tool shares: a
 * decisions key in decimal, a number field, a key or value escaped for
 * a line of text.
 *
 * Must not: write the store, or know the command line; what to do about
 * signals and exit codes is the caller's (dbtool.c).
 *
 * No static state: thread-safe as far as the store is.  Nothing here
 * allocates what the caller must free.
 */
#ifndef SUPPORT_MILTER_DBVERIFY_H
#define SUPPORT_MILTER_DBVERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "store.h"

#define DBVERIFY_SEQ_LEN 24	/* a 64-bit number in decimal, plus NUL */
#define DBVERIFY_STOPPED (-2)	/* dbverify_run(): stop() ended a walk */

/*
 * dbverify_escape - append len bytes of s as one TSV field or text value:
 * tab, newline and backslash as \t \n \\, control characters (C0, DEL,
 * C1) and bytes that are not UTF-8 as \xHH, so that a record is one line
 * and cannot drive the terminal.
 */
void	dbverify_escape(GString *out, const char *s, size_t len);

/*
 * dbverify_seq_key - a decisions key (8 bytes, big-endian) in decimal in
 * buf; false, buf untouched, when it is not 8 bytes.
 */
bool	dbverify_seq_key(const void *k, size_t klen,
	    char buf[DBVERIFY_SEQ_LEN]);

/*
 * dbverify_parse_uint - true, with the value in *out, when s is all
 * digits (at least one) and fits in 63 bits; else false, *out untouched.
 */
bool	dbverify_parse_uint(const char *s, uint64_t *out);

/*
 * dbverify_run - check every record on its own, then the links between
 * tables (ticket_msgs against msgids, msgids against tickets).  Each
 * table is read in a read transaction of its own, in an order that the
 * running daemon's additions cannot make look inconsistent.  Every
 * problem is a line "verify: TABLE KEY: what is wrong" on out, written
 * as it is found.  stop is called after each record and each table;
 * when it returns true the walk ends.
 *
 * Returns 0 when every table was read and the links checked: *problems
 * says whether the database is sound.  Returns -1 with a store error in
 * err, or DBVERIFY_STOPPED when stop() ended a walk (a partial walk
 * proves nothing).  *checked (records read) and *problems (lines
 * written) are set in every case.
 */
int	dbverify_run(struct store *, bool (*stop)(void), FILE *out,
	    size_t *checked, size_t *problems, char err[STORE_ERRLEN]);

#endif
