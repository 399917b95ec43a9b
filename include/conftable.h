/*
 * conftable.h - the settings table of support-milter (private to conf.c).
 *
 * Owns: one row per configuration key: its name, default (libconfig
 * syntax), a line of documentation, its type, where it is stored in
 * struct conf and its bounds.  conf.c parses and checks; the table only
 * describes.  Adding a key means one row here, a field in struct conf,
 * and the same key in conf/support-milter.conf and support-milter.conf(5).
 */
#ifndef SUPPORT_MILTER_CONFTABLE_H
#define SUPPORT_MILTER_CONFTABLE_H

#include <stddef.h>

#include "conf.h"

enum key_type {
	T_STRING,
	T_PATH,		/* string; relative to the configuration file */
	T_OPT_PATH,	/* T_PATH, or "" for none */
	T_SOCKET,	/* libmilter socket spec; unix: paths as T_PATH */
	T_ADDRESSES,
	T_GUIDANCE,
	T_SIZE,
	T_MODE,
	T_FACILITY,
	T_POLICY,
	T_FAILURE,
	T_HEADER_NAME,
	T_BOOL,
	T_NUMBER,	/* a plain integer */
	T_LIST		/* a list of strings, possibly empty */
};

/* P(action): a bit of the set of actions a T_POLICY key accepts. */
#define P(x)	(1u << (x))

struct key {
	struct conf_key pub;
	enum key_type type;
	size_t	off;
	size_t	min, max;	/* T_SIZE bounds */
	unsigned allowed;	/* T_POLICY: accepted actions */
};

/* conf_table - the rows, terminated by one whose name is NULL. */
extern const struct key conf_table[];

#endif
