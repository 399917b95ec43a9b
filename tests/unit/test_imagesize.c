/* test_imagesize - dimensions from PNG, GIF and JPEG headers, and junk. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "imagesize.h"

/* A 1x1 PNG, a 3x2 GIF and a 16x8 baseline JPEG (header and frame only). */
static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
	'R', 0, 0, 0x02, 0x80, 0, 0, 0x01, 0xe0, 8, 6, 0, 0, 0
};
static const unsigned char gif[] = {
	'G', 'I', 'F', '8', '9', 'a', 3, 0, 2, 0, 0x80, 0, 0
};
static const unsigned char jpeg[] = {
	0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0,
	1, 0, 0, 0xff, 0xdb, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 8, 0, 16, 1,
	1, 0x11, 0
};

static void
test_formats(void **state)
{
	unsigned w = 0, h = 0;

	(void)state;
	assert_true(imagesize_read(png, sizeof(png), &w, &h));
	assert_int_equal(w, 640);
	assert_int_equal(h, 480);
	assert_true(imagesize_read(gif, sizeof(gif), &w, &h));
	assert_int_equal(w, 3);
	assert_int_equal(h, 2);
	assert_true(imagesize_read(jpeg, sizeof(jpeg), &w, &h));
	assert_int_equal(w, 16);
	assert_int_equal(h, 8);
}

/* Every prefix of every header is handled without reading past it. */
static void
test_truncated(void **state)
{
	unsigned w, h;

	(void)state;
	for (size_t n = 0; n < sizeof(png); n++) {
		unsigned char *copy = g_memdup2(png, n);

		assert_int_equal(imagesize_read(copy, n, &w, &h), n >= 24);
		g_free(copy);
	}
	for (size_t n = 0; n < sizeof(jpeg); n++) {
		unsigned char *copy = g_memdup2(jpeg, n);

		assert_int_equal(imagesize_read(copy, n, &w, &h), n >= 35);
		g_free(copy);
	}
}

static void
test_junk(void **state)
{
	static const unsigned char zero[1] = { 0 };
	static const unsigned char bad_jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 1 };
	static const unsigned char loop_jpeg[] = { 0xff, 0xd8, 0x00, 0x00, 0, 0 };
	unsigned w, h;

	(void)state;
	assert_false(imagesize_read(zero, 0, &w, &h));
	assert_false(imagesize_read((const unsigned char *)"%PDF-1.4", 8, &w, &h));
	assert_false(imagesize_read(bad_jpeg, sizeof(bad_jpeg), &w, &h));
	assert_false(imagesize_read(loop_jpeg, sizeof(loop_jpeg), &w, &h));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_junk),
	};

	return cmocka_run_group_tests_name("imagesize", tests, NULL, NULL);
}
