/*
 * NAME
 *	imagesize - image dimensions from PNG, GIF and JPEG headers
 * DESCRIPTION
 *	PNG: the IHDR chunk follows the 8-byte signature, width and height
 *	big-endian at offsets 16 and 20.  GIF: the logical screen size,
 *	little-endian at offsets 6 and 8.  JPEG: walk the marker segments to
 *	the first start-of-frame (SOF0..SOF15 but DHT, JPG and DAC), height
 *	then width big-endian after the precision byte.  Every read is
 *	checked against len: the bytes come from mail.
 * SEE ALSO
 *	PNG (ISO/IEC 15948) section 11.2.2, GIF89a section 18, ITU T.81 B.2
 */
#include <string.h>

#include "imagesize.h"

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned
be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 |
	    (unsigned)p[2] << 8 | p[3];
}

/* jpeg_size - walk the segments to the frame header. */
static bool
jpeg_size(const unsigned char *d, size_t len, unsigned *w, unsigned *h)
{
	size_t	i = 2;

	while (i + 4 <= len) {
		unsigned char m;
		size_t	seg;

		if (d[i] != 0xff)
			return false;
		m = d[i + 1];
		if (m == 0xff) {	/* fill byte */
			i++;
			continue;
		}
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {
			i += 2;		/* markers without a length */
			continue;
		}
		seg = be16(d + i + 2);
		if (seg < 2)
			return false;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (i + 9 > len)
				return false;
			*h = be16(d + i + 5);
			*w = be16(d + i + 7);
			return true;
		}
		i += 2 + seg;
	}
	return false;
}

bool
imagesize_read(const unsigned char *d, size_t len, unsigned *w, unsigned *h)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };

	if (len >= 24 && memcmp(d, png, 8) == 0 && memcmp(d + 12, "IHDR", 4) == 0) {
		*w = be32(d + 16);
		*h = be32(d + 20);
		return true;
	}
	if (len >= 10 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0)) {
		*w = (unsigned)d[6] | (unsigned)d[7] << 8;
		*h = (unsigned)d[8] | (unsigned)d[9] << 8;
		return true;
	}
	if (len >= 4 && d[0] == 0xff && d[1] == 0xd8)
		return jpeg_size(d, len, w, h);
	return false;
}
