/*
 * imagesize.h - the pixel size of an image from the first bytes of its
 * file: PNG (IHDR), GIF (logical screen) and JPEG (the first SOFn marker).
 * Used to tell logos and icons from screenshots without decoding images.
 * Reads only what it is given; pure and thread-safe.
 */
#ifndef SUPPORT_MILTER_IMAGESIZE_H
#define SUPPORT_MILTER_IMAGESIZE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * imagesize_read - width and height of the image in data (len bytes, the
 * start of the file is enough for PNG and GIF; JPEG needs the bytes up to
 * its frame header).  Returns false when the format is unknown or the
 * header is cut short or malformed.
 */
bool	imagesize_read(const unsigned char *data, size_t len,
	    unsigned *width, unsigned *height);

#endif
