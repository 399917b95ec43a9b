/*
 * test_spool - a message in the spool reads back byte for byte, in memory
 * and spilled to its file (spillstream), through reads of any size,
 * seeks, substreams and a GMime parse; spools sharing a memory budget
 * spill when it is spent and give it back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gmime/gmime.h>

#include "spillstream.h"
#include "spool.h"

/* A multipart message of about 300 KB: a text part and a base64 image. */
static GByteArray *
message(void)
{
	GByteArray *m = g_byte_array_new();
	GString	*s = g_string_new("From: a@example.org\r\nTo: support@example.com\r\n"
	    "Subject: spool\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed;"
	    " boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
	    "Hello.\r\n--b\r\nContent-Type: image/png\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n");
	guint8	raw[57];

	for (int line = 0; line < 4000; line++) {
		char	*b64;

		for (size_t i = 0; i < sizeof(raw); i++)
			raw[i] = (guint8)(line * 31 + i * 7);
		b64 = g_base64_encode(raw, sizeof(raw));
		g_string_append_printf(s, "%s\r\n", b64);
		g_free(b64);
	}
	g_string_append(s, "--b--\r\n");
	g_byte_array_append(m, (guint8 *)s->str, (guint)s->len);
	g_string_free(s, TRUE);
	return m;
}

/* write_chunks - m into sp in the MTA's chunks of 65535 bytes. */
static void
write_chunks(struct spool *sp, const GByteArray *m)
{
	for (guint off = 0; off < m->len; off += 65535)
		assert_int_equal(spool_write(sp, m->data + off,
		    MIN(65535, m->len - off)), 0);
}

/* spooled - m written to a new spool, spilled or not. */
static struct spool *
spooled(const GByteArray *m, bool spill)
{
	struct spool *sp = spool_new(g_get_tmp_dir(), &(struct spool_limits){
	    .spill = spill ? 4096 : 1 << 20, .memory = 1 << 20,
	    .max = (size_t)1 << 30, .line = 1000 }, NULL);

	write_chunks(sp, m);
	assert_int_equal(spool_spilled(sp), spill);
	return sp;
}

/* read_all - the rest of st, read step bytes at a time. */
static GByteArray *
read_all(GMimeStream *st, size_t step)
{
	GByteArray *b = g_byte_array_new();
	char	buf[70000];
	ssize_t	n;

	while (!g_mime_stream_eos(st) &&
	    (n = g_mime_stream_read(st, buf, step)) > 0)
		g_byte_array_append(b, (guint8 *)buf, (guint)n);
	return b;
}

static void
assert_same(const GByteArray *a, const guint8 *b, size_t len)
{
	assert_int_equal(a->len, len);
	assert_memory_equal(a->data, b, len);
}

static void
reads(bool spill)
{
	GByteArray *m = message(), *got;
	struct spool *sp = spooled(m, spill);
	GMimeStream *st = spool_stream(sp);
	static const size_t steps[] = { 1, 4096, 65535, 65536, 69999 };

	assert_int_equal(g_mime_stream_length(st), m->len);
	for (size_t i = 0; i < G_N_ELEMENTS(steps); i++) {
		assert_int_equal(g_mime_stream_reset(st), 0);
		got = read_all(st, steps[i]);
		assert_same(got, m->data, m->len);
		g_byte_array_unref(got);
		assert_true(g_mime_stream_eos(st));
	}
	g_object_unref(st);
	spool_free(sp);
	g_byte_array_unref(m);
}

static void
test_memory(void **state)
{
	(void)state;
	reads(false);
}

static void
test_spilled(void **state)
{
	(void)state;
	reads(true);
}

/* Seeks and substreams see the bytes of the file where they point. */
static void
test_seek_substream(void **state)
{
	GByteArray *m = message(), *got;
	struct spool *sp = spooled(m, true);
	GMimeStream *st = spool_stream(sp), *sub;
	char	buf[10];
	gint64	at[] = { 70000, 5, 131071, (gint64)m->len - 3 };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(at); i++) {
		assert_int_equal(g_mime_stream_seek(st, at[i],
		    GMIME_STREAM_SEEK_SET), at[i]);
		assert_int_equal(g_mime_stream_read(st, buf, 3), 3);
		assert_memory_equal(buf, m->data + at[i], 3);
		assert_int_equal(g_mime_stream_tell(st), at[i] + 3);
	}
	assert_int_equal(g_mime_stream_seek(st, -10, GMIME_STREAM_SEEK_END),
	    (gint64)m->len - 10);
	assert_int_equal(g_mime_stream_seek(st, 4, GMIME_STREAM_SEEK_CUR),
	    (gint64)m->len - 6);
	sub = g_mime_stream_substream(st, 100000, 200000);
	assert_int_equal(g_mime_stream_length(sub), 100000);
	got = read_all(sub, 4096);
	assert_same(got, m->data + 100000, 100000);
	/* past its end a substream reads nothing, as GMime's streams do */
	assert_true(g_mime_stream_read(sub, buf, sizeof(buf)) < 0);
	g_byte_array_unref(got);
	g_object_unref(sub);
	g_object_unref(st);
	spool_free(sp);
	g_byte_array_unref(m);
}

/* decoded - the content of the image part, decoded. */
static GByteArray *
decoded(GMimeStream *st)
{
	GMimeParser *p = g_mime_parser_new_with_stream(st);
	GMimeMessage *msg;
	GMimeMultipart *mp;
	GMimeStream *out = g_mime_stream_mem_new();
	GByteArray *b = g_byte_array_new();
	GByteArray *all;

	g_mime_parser_set_persist_stream(p, TRUE);
	msg = g_mime_parser_construct_message(p, NULL);
	assert_non_null(msg);
	mp = GMIME_MULTIPART(g_mime_message_get_mime_part(msg));
	assert_int_equal(g_mime_multipart_get_count(mp), 2);
	g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(
	    GMIME_PART(g_mime_multipart_get_part(mp, 1))), out);
	all = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
	g_byte_array_append(b, all->data, all->len);
	g_object_unref(out);
	g_object_unref(msg);
	g_object_unref(p);
	return b;
}

/* GMime parses the spilled file as it parses the same bytes in memory. */
static void
test_parse(void **state)
{
	GByteArray *m = message(), *a, *b;
	struct spool *sp = spooled(m, true);
	GMimeStream *st = spool_stream(sp);
	GMimeStream *mem = g_mime_stream_mem_new_with_buffer((char *)m->data,
	    m->len);

	(void)state;
	a = decoded(st);
	b = decoded(mem);
	assert_int_equal(a->len, 4000 * 57);
	assert_same(a, b->data, b->len);
	g_byte_array_unref(a);
	g_byte_array_unref(b);
	g_object_unref(mem);
	g_object_unref(st);
	spool_free(sp);
	g_byte_array_unref(m);
}

/*
 * Two spools of one budget: the first holds its message in memory, the
 * second finds the budget spent and spills though its message is below
 * spill; both read back whole, and freeing them gives the budget back.
 */
static void
test_budget(void **state)
{
	GByteArray *m = message(), *got;
	struct spool_budget b = { 0 };
	const struct spool_limits lim = {
		.spill = 1 << 20, .memory = 600 * 1024, .max = 1 << 30,
		.line = 1000
	};
	struct spool *one = spool_new(g_get_tmp_dir(), &lim, &b);
	struct spool *two = spool_new(g_get_tmp_dir(), &lim, &b);
	GMimeStream *st;

	(void)state;
	write_chunks(one, m);
	write_chunks(two, m);
	assert_false(spool_spilled(one));
	assert_true(spool_spilled(two));
	/* 300 KB held in a buffer of the next power of two */
	assert_int_equal(atomic_load(&b.used), 512 * 1024);
	st = spool_stream(two);
	got = read_all(st, 65536);
	assert_same(got, m->data, m->len);
	g_byte_array_unref(got);
	g_object_unref(st);
	spool_free(one);
	spool_free(two);
	assert_int_equal(atomic_load(&b.used), 0);
	g_byte_array_unref(m);
}

/*
 * long_after - whether a spool finds a long line (over 1000 bytes) in n
 * lines of len bytes, written step bytes at a time.
 */
static bool
long_after(size_t n, size_t len, size_t step)
{
	struct spool *sp = spool_new(g_get_tmp_dir(), &(struct spool_limits){
	    .spill = 1 << 20, .memory = 1 << 20, .max = 1 << 30,
	    .line = 1000 }, NULL);
	GString	*t = g_string_new(NULL);
	bool	 r;

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < len; k++)
			g_string_append_c(t, 'x');
		g_string_append_c(t, '\n');
	}
	for (size_t off = 0; off < t->len; off += step)
		assert_int_equal(spool_write(sp, t->str + off,
		    MIN(step, t->len - off)), 0);
	r = spool_long_line(sp);
	spool_free(sp);
	g_string_free(t, TRUE);
	return r;
}

/* open_line - whether len bytes with no LF at all are a long line. */
static bool
open_line(size_t len)
{
	struct spool *sp = spool_new(g_get_tmp_dir(), &(struct spool_limits){
	    .spill = 1 << 20, .memory = 1 << 20, .max = 1 << 30,
	    .line = 1000 }, NULL);
	char	*x = g_strnfill(len, 'x');
	bool	 r;

	assert_int_equal(spool_write(sp, x, len), 0);
	r = spool_long_line(sp);
	spool_free(sp);
	g_free(x);
	return r;
}

/*
 * A line of the limit's bytes is not long, one more byte is, wherever the
 * MTA's chunks split the lines; an unterminated last line counts too.
 */
static void
test_long_line(void **state)
{
	static const size_t steps[] = { 1, 7, 999, 1000, 1001, 4096, 65535 };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(steps); i++) {
		assert_false(long_after(50, 1000, steps[i]));
		assert_false(long_after(3000, 1, steps[i]));
		assert_true(long_after(3, 1001, steps[i]));
		assert_true(long_after(1, 5000, steps[i]));
	}
	assert_false(long_after(0, 0, 1));
	assert_false(open_line(1000));
	assert_true(open_line(1001));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_spilled),
		cmocka_unit_test(test_seek_substream),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_long_line),
	};
	int	rc;

	g_mime_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	g_mime_shutdown();
	return rc;
}
