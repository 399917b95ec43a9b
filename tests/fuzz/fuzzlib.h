/*
 * fuzzlib.h - what the fuzz targets share: a configuration made from text.
 */
#ifndef SUPPORT_MILTER_FUZZLIB_H
#define SUPPORT_MILTER_FUZZLIB_H

#include "conf.h"

/*
 * fuzzlib_conf - the configuration text loads to, through a scratch file
 * that is removed again; a text that does not load ends the run, naming
 * target (a fuzz target cannot go on without its configuration).
 */
struct conf *fuzzlib_conf(const char *target, const char *text);

#endif
