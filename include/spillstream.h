/*
 * spillstream.h - a read-only GMime stream over a spilled message's file.
 *
 * Reads with pread(2) into a buffer of SPILLSTREAM_BUFFER bytes per
 * stream, so GMime's parser, which asks for 4 KB at a time, costs one
 * system call per 64 KB; GMime's own file stream seeks and reads for
 * each 4 KB.  pread() leaves the file offset alone, so the spool keeps
 * writing nothing and reading nothing through it while a stream exists.
 *
 * Owns: reading, seeking and substreams over the file.  Must not: write
 * (the file is the spool's and does not change while streamed) or close
 * the descriptor (the spool closes it).  A stream and its substreams are
 * used by one thread.
 */
#ifndef SUPPORT_MILTER_SPILLSTREAM_H
#define SUPPORT_MILTER_SPILLSTREAM_H

#include <gmime/gmime.h>

#define SPILLSTREAM_BUFFER	((size_t)64 << 10)

/* spillstream_new - a stream over all of fd (borrowed); g_object_unref. */
GMimeStream *spillstream_new(int fd);

#endif
