/*
 * NAME
 *	dbverify - check the records of the database and the links between
 *	its tables; the record readers support-milter-db shares
 * SYNOPSIS
 *	#include "dbverify.h"
 * DESCRIPTION
 *	Each record is checked on its own as it is read (store.h says what
 *	it must look like); what the links need is kept: the ticket_msgs
 *	pairs, the valid msgids records and their tickets, the tickets
 *	keys.  When every table has been read, ticket_msgs is checked
 *	against msgids and msgids against tickets.
 *
 *	store.h offers no snapshot of several tables, so tables are walked
 *	one after another in an order that the running daemon's additions
 *	cannot make look inconsistent: a table before the tables it points
 *	to (ticket_msgs, msgids, tickets).
 * DIAGNOSTICS
 *	A problem is one line "verify: TABLE KEY: what is wrong", with the
 *	key escaped (a decisions key in decimal).  Store errors come back
 *	in the caller's buffer.
 * SEE ALSO
 *	dbverify.h, store.h, msgid.h, support-milter-db(8)
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "dbverify.h"
#include "msgid.h"
#include "store.h"

/* dbverify_escape - a key or value as text: one line, nothing to obey. */
void
dbverify_escape(GString *out, const char *s, size_t len)
{
	const char *end = s + len;

	while (s < end) {
		unsigned char c = (unsigned char)*s;
		gunichar u = g_utf8_get_char_validated(s, end - s);

		if (c == '\t' || c == '\n' || c == '\\')
			g_string_append_printf(out, "\\%c",
			    c == '\t' ? 't' : c == '\n' ? 'n' : '\\');
		else if (c < 0x20 || c == 0x7f || u == (gunichar)-1 ||
		    u == (gunichar)-2 || (u >= 0x80 && u <= 0x9f)) {
			/* a C1 character is two bytes: escape the first now */
			g_string_append_printf(out, "\\x%02x", c);
		} else {
			g_string_append_len(out, s, g_utf8_next_char(s) - s);
			s = g_utf8_next_char(s);
			continue;
		}
		s++;
	}
}

/* dbverify_seq_key - a decisions key in decimal, when it is 8 bytes. */
bool
dbverify_seq_key(const void *k, size_t klen, char buf[DBVERIFY_SEQ_LEN])
{
	uint64_t be;

	if (klen != sizeof(be))
		return false;
	/* LMDB keys carry no alignment guarantee */
	memcpy(&be, k, sizeof(be));
	(void)g_snprintf(buf, DBVERIFY_SEQ_LEN, "%" G_GUINT64_FORMAT,
	    GUINT64_FROM_BE(be));
	return true;
}

/* dbverify_parse_uint - s is all digits (at least one), in 63 bits. */
bool
dbverify_parse_uint(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (*s == '\0')
		return false;
	for (; *s; s++) {
		if (!g_ascii_isdigit(*s) || v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return true;
}

/* What verify learns while it walks. */
struct verify {
	bool	(*stop)(void);
	FILE	*out;
	enum store_table table;
	size_t	records, problems;
	GPtrArray *pairs;	/* ticket_msgs: ticket, msgid, ticket, ... */
	GPtrArray *msgids;	/* msgids keys in key order (owned here) */
	GHashTable *msgid_ticket;	/* msgid -> ticket (borrowed keys) */
	GHashTable *tickets;	/* keys of tickets */
};

/* problem - one line "verify: TABLE KEY: what is wrong". */
static void G_GNUC_PRINTF(5, 6)
problem(struct verify *v, enum store_table t, const void *k, size_t klen,
    const char *fmt, ...)
{
	GString	*line = g_string_new("verify: ");
	char	num[DBVERIFY_SEQ_LEN];
	va_list	ap;

	g_string_append_printf(line, "%s ", store_table_name(t));
	if (t == TABLE_DECISIONS && dbverify_seq_key(k, klen, num))
		g_string_append(line, num);
	else
		dbverify_escape(line, k, klen);
	g_string_append(line, ": ");
	va_start(ap, fmt);
	g_string_append_vprintf(line, fmt, ap);
	va_end(ap);
	fprintf(v->out, "%s\n", line->str);
	(void)g_string_free(line, TRUE);
	v->problems++;
}

/* check_decision - "t=DIGITS qid=" under an 8-byte sequence number. */
static void
check_decision(struct verify *v, const void *k, size_t klen, const char *val)
{
	size_t	n = 0;

	if (klen != sizeof(uint64_t))
		problem(v, TABLE_DECISIONS, k, klen,
		    "key is %zu bytes, not an 8-byte sequence number", klen);
	if (strncmp(val, "t=", 2) == 0)
		n = strspn(val + 2, "0123456789");
	if (n == 0 || strncmp(val + 2 + n, " qid=", 5) != 0)
		problem(v, TABLE_DECISIONS, k, klen,
		    "value does not start with \"t=UNIXTIME qid=\"");
}

/* check_msgid - "TICKET\tUNIXTIME\tDIR" under a normalised key. */
static void
check_msgid(struct verify *v, const char *key, const char *val)
{
	char	**f = g_strsplit(val, "\t", 0);
	char	*norm = msgid_key(key);
	size_t	klen = strlen(key);
	uint64_t n;

	if (norm == NULL || strcmp(norm, key) != 0)
		problem(v, TABLE_MSGIDS, key, klen,
		    "key is not a Message-ID key (msgid.h)");
	if (g_strv_length(f) != 3)
		problem(v, TABLE_MSGIDS, key, klen,
		    "value has %u tab-separated fields, want 3",
		    g_strv_length(f));
	else if (!dbverify_parse_uint(f[0], &n) ||
	    strlen(f[0]) >= STORE_TICKET_MAX)
		problem(v, TABLE_MSGIDS, key, klen, "ticket is not a number");
	else if (!dbverify_parse_uint(f[1], &n))
		problem(v, TABLE_MSGIDS, key, klen, "time is not a number");
	else if (strcmp(f[2], "in") != 0 && strcmp(f[2], "out") != 0)
		problem(v, TABLE_MSGIDS, key, klen,
		    "direction is not \"in\" or \"out\"");
	else {
		char	*k = g_strdup(key);

		g_ptr_array_add(v->msgids, k);
		g_hash_table_insert(v->msgid_ticket, k, g_strdup(f[0]));
	}
	g_free(norm);
	g_strfreev(f);
}

/* check_ticket - "FIRST\tLAST\tCOUNT\tSUBJECT" under a ticket number. */
static void
check_ticket(struct verify *v, const char *key, const char *val)
{
	char	**f = g_strsplit(val, "\t", 4);
	size_t	klen = strlen(key);
	uint64_t first, last, count;

	g_hash_table_add(v->tickets, g_strdup(key));
	if (!dbverify_parse_uint(key, &first))
		problem(v, TABLE_TICKETS, key, klen,
		    "key is not a ticket number");
	if (g_strv_length(f) != 4)
		problem(v, TABLE_TICKETS, key, klen,
		    "value has %u tab-separated fields, want 4",
		    g_strv_length(f));
	else if (!dbverify_parse_uint(f[0], &first) ||
	    !dbverify_parse_uint(f[1], &last) ||
	    !dbverify_parse_uint(f[2], &count))
		problem(v, TABLE_TICKETS, key, klen,
		    "first, last or count is not a number");
	else if (first > last)
		problem(v, TABLE_TICKETS, key, klen, "first seen %" PRIu64
		    " is after last seen %" PRIu64, first, last);
	else if (count < 1)
		problem(v, TABLE_TICKETS, key, klen, "count is 0");
	g_strfreev(f);
}

/* check_meta - next_ticket, when there, is a positive integer. */
static void
check_meta(struct verify *v, const char *key, const char *val)
{
	uint64_t n;

	if (strcmp(key, "next_ticket") == 0 &&
	    (!dbverify_parse_uint(val, &n) || n == 0))
		problem(v, TABLE_META, key, strlen(key),
		    "next_ticket is not a positive integer");
}

/* verify_record - check one record of v->table (a store_each_fn). */
static int
verify_record(const void *k, size_t klen, const void *val, size_t vlen,
    void *ctx)
{
	struct verify *v = ctx;
	char	*key = g_strndup(k, klen), *value = g_strndup(val, vlen);

	v->records++;
	/* text keys and values end at a NUL, which the daemon never writes */
	if (v->table != TABLE_DECISIONS && memchr(k, '\0', klen))
		problem(v, v->table, k, klen, "key holds a NUL byte");
	else if (memchr(val, '\0', vlen))
		problem(v, v->table, k, klen, "value holds a NUL byte");
	else if (v->table == TABLE_DECISIONS)
		check_decision(v, k, klen, value);
	else if (v->table == TABLE_MSGIDS)
		check_msgid(v, key, value);
	else if (v->table == TABLE_TICKETS)
		check_ticket(v, key, value);
	else if (v->table == TABLE_META)
		check_meta(v, key, value);
	else {
		/* ticket_msgs: checked against msgids once that is read */
		g_ptr_array_add(v->pairs, key);
		g_ptr_array_add(v->pairs, value);
		key = value = NULL;
	}
	g_free(key);
	g_free(value);
	return v->stop() ? 1 : 0;
}

/* verify_links - ticket_msgs against msgids, msgids against tickets. */
static void
verify_links(struct verify *v)
{
	GString	*msgid = g_string_new(NULL);

	for (guint i = 0; i + 1 < v->pairs->len; i += 2) {
		const char *ticket = v->pairs->pdata[i];
		const char *id = v->pairs->pdata[i + 1];
		const char *has = g_hash_table_lookup(v->msgid_ticket, id);

		g_string_truncate(msgid, 0);
		dbverify_escape(msgid, id, strlen(id));
		if (has == NULL)
			problem(v, TABLE_TICKET_MSGS, ticket, strlen(ticket),
			    "message %s has no valid msgids record",
			    msgid->str);
		else if (strcmp(has, ticket) != 0)
			problem(v, TABLE_TICKET_MSGS, ticket, strlen(ticket),
			    "message %s is ticket %s in msgids", msgid->str,
			    has);
	}
	(void)g_string_free(msgid, TRUE);
	for (guint i = 0; i < v->msgids->len; i++) {
		const char *key = v->msgids->pdata[i];
		const char *ticket = g_hash_table_lookup(v->msgid_ticket, key);

		if (!g_hash_table_contains(v->tickets, ticket))
			problem(v, TABLE_MSGIDS, key, strlen(key),
			    "ticket %s has no tickets record", ticket);
	}
}

int
dbverify_run(struct store *st, bool (*stop)(void), FILE *out,
    size_t *checked, size_t *problems, char err[STORE_ERRLEN])
{
	static const enum store_table order[] = {
		TABLE_DECISIONS, TABLE_META, TABLE_TICKET_MSGS, TABLE_MSGIDS,
		TABLE_TICKETS
	};
	struct verify v = { 0 };
	int	rc = 0;

	v.stop = stop;
	v.out = out;
	v.pairs = g_ptr_array_new_with_free_func(g_free);
	v.msgids = g_ptr_array_new_with_free_func(g_free);
	v.msgid_ticket = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	    g_free);
	v.tickets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(order) && rc == 0; i++) {
		v.table = order[i];
		if (store_each(st, v.table, NULL, verify_record, &v, err) < 0)
			rc = -1;
		else if (stop())
			rc = DBVERIFY_STOPPED;
	}
	if (rc == 0)
		verify_links(&v);
	*checked = v.records;
	*problems = v.problems;
	g_hash_table_destroy(v.msgid_ticket);	/* borrows v.msgids */
	g_hash_table_destroy(v.tickets);
	g_ptr_array_unref(v.msgids);
	g_ptr_array_unref(v.pairs);
	return rc;
}
