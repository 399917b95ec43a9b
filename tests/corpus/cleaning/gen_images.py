#!/usr/bin/env python3
"""gen_images.py - the images and the PDF pasted into the cleaning cases.

Usage: gen_images.py NAME [--raw]

Prints NAME as base64 in 76-character lines (as a MIME part carries it),
or its bytes with --raw.  Deterministic: the same bytes on every run, so
the .eml files can be checked against this script.

  logo        40x12 PNG, seeded noise (about 1.5 KB): a signature logo
  logo-de     48x16 PNG, seeded noise (about 2.4 KB): another company logo
  icon        16x16 PNG, seeded noise: a social-media icon
  screenshot  160x100 PNG, seeded noise (about 48 KB): a pasted screenshot
  dialog      320x160 PNG of a flat error dialog (white, title bar, red
              icon, text bars, button): a real screenshot of a simple
              window compresses to well under 4 KB
  report.pdf  a small PDF-like attachment (as tests/data/gen_mail.py)
"""
import base64
import random
import struct
import sys
import zlib


def png_rows(width, height, rows):
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def noise(width, height, seed):
    """Seeded noise, so the image does not compress away."""
    rnd = random.Random(seed)
    rows = b"".join(b"\x00" + bytes(rnd.randrange(256) for _ in range(width * 3))
                    for _ in range(height))
    return png_rows(width, height, rows)


def dialog():
    """A 320x160 error dialog: flat colours, as UI screenshots are."""
    w, h = 320, 160
    rows = bytearray()
    for y in range(h):
        rows.append(0)
        for x in range(w):
            px = (255, 255, 255)
            if y < 24:
                px = (0, 90, 158)                       # title bar
                if 8 <= y < 16 and 10 <= x < 120 and (x // 6) % 2 == 0:
                    px = (255, 255, 255)                # title text
            elif (x - 36) ** 2 + (y - 64) ** 2 <= 15 ** 2:
                px = (196, 43, 28)                      # error icon
                if abs(x - 36) <= 2 and 54 <= y <= 68 or \
                   abs(x - 36) <= 2 and 71 <= y <= 74:
                    px = (255, 255, 255)                # "!"
            elif 50 <= y < 58 and 64 <= x < 290 and (x // 9) % 5 != 4:
                px = (30, 30, 30)                       # text line 1
            elif 66 <= y < 74 and 64 <= x < 230 and (x // 9) % 4 != 3:
                px = (30, 30, 30)                       # text line 2
            elif 120 <= y < 146 and 220 <= x < 304:
                edge = y in (120, 145) or x in (220, 303)
                px = (0, 90, 158) if edge else (229, 241, 251)  # button
                if 130 <= y < 136 and 250 <= x < 274:
                    px = (0, 0, 0)                      # "OK"
            rows += bytes(px)
    return png_rows(w, h, bytes(rows))


def pdf():
    body = b"%PDF-1.4\n% support-milter test attachment\n" + bytes(range(256)) * 8
    return body + b"\n%%EOF\n"


IMAGES = {
    "logo": lambda: noise(40, 12, 1),
    "logo-de": lambda: noise(48, 16, 3),
    "icon": lambda: noise(16, 16, 4),
    "screenshot": lambda: noise(160, 100, 2),
    "dialog": dialog,
    "report.pdf": pdf,
}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in IMAGES:
        sys.exit("usage: gen_images.py {%s} [--raw]" % ",".join(IMAGES))
    data = IMAGES[sys.argv[1]]()
    if sys.argv[2:] == ["--raw"]:
        sys.stdout.buffer.write(data)
        return
    text = base64.b64encode(data).decode()
    print("\n".join(text[i:i + 76] for i in range(0, len(text), 76)))


if __name__ == "__main__":
    main()
