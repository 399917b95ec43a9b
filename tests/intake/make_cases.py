#!/usr/bin/env python3
"""make_cases.py - write the intake measurement's messages from cases.py.

Usage: make_cases.py [DIR]   (default: the directory of this script)

Writes DIR/NAME.eml for every case and DIR/labels.txt (NAME, the stated
severity, the items the mail gives, and the set: "tuning" for cases.py,
which the patterns were tuned on, "heldout" for heldout.py).  Deterministic: the same bytes on
every run.  Pasted screenshots are flat PNGs of 320x200 pixels (small in
bytes, as a screenshot of a dialog is, and kept by cleaning because of
their size in pixels); the signature logo is 40x12 and goes.
"""
import email.policy
import os
import struct
import sys
import zlib
from email.message import EmailMessage
from html import escape

from cases import CASES
from heldout import HELDOUT

SENDERS = ["Mark Ellison <mark@plant.example>", "Priya Raman <priya@mining.example>"]


def png(width, height, shade):
    """A flat PNG with a title bar: what a screenshot of a dialog holds."""
    def row(y):
        grey = 60 if y < 20 else shade
        return b"\x00" + bytes([grey, grey, 200 if y < 20 else grey]) * width
    raw = b"".join(row(y) for y in range(height))

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def pdf():
    return b"%PDF-1.4\n% agent log\n" + b"2026-11-20 10:00:01 ERROR timeout\n" * 20 + b"%%EOF\n"


def html_of(text, images):
    paras = "".join("<p>%s</p>\n" % escape(p).replace("\n", "<br>\n")
                    for p in text.strip().split("\n\n"))
    imgs = "".join('<p><img src="cid:%s" alt="%s"></p>\n' % (cid, name)
                   for cid, name in images)
    return ("<html><head><meta charset=\"utf-8\"></head><body>\n%s%s"
            "</body></html>\n" % (paras, imgs))


def build(i, case):
    m = EmailMessage(policy=email.policy.SMTP)
    name = case["name"]
    local = name.split("-", 1)[1]
    m["From"] = "Customer %d <%s@customer%d.example>" % (i, local, i)
    m["To"] = "ACME Support <support@example.com>"
    m["Subject"] = case["subject"]
    m["Date"] = "Wed, 25 Nov 2026 09:%02d:00 +0000" % (i % 60)
    m["Message-ID"] = "<intake-%s@customer%d.example>" % (name, i)
    text = case["body"]
    inline = []
    for n, p in enumerate(case["parts"]):
        if p == "shot":
            inline.append(("shot%d@x" % n, "image%03d.png" % n, png(320, 200, 230)))
        elif p == "logo":
            inline.append(("logo@x", "logo.png", png(40, 12, 120)))
    if case.get("html") or inline:
        html = html_of(text, [(c, f) for c, f, _ in inline])
        if case.get("html"):
            m.set_content(html, subtype="html", cte="quoted-printable")
        else:
            m.set_content(text, cte="quoted-printable")
            m.add_alternative(html, subtype="html", cte="quoted-printable")
        target = m if case.get("html") else m.get_payload()[1]
        for cid, fname, data in inline:
            target.add_related(data, "image", "png", cid="<%s>" % cid,
                               filename=fname, disposition="inline")
    else:
        m.set_content(text, cte="quoted-printable")
    for n, p in enumerate(case["parts"]):
        if p == "attached-shot":
            m.add_attachment(png(400, 300, 220 - n), "image", "png",
                             filename="screenshot%d.png" % (n + 1))
        elif p == "pdf":
            m.add_attachment(pdf(), "application", "pdf", filename="log.pdf")
    for n, part in enumerate(p for p in m.walk() if p.is_multipart()):
        part.set_boundary("=_%s_%d" % (name, n))
    return m.as_bytes(policy=email.policy.SMTP.clone(linesep="\n"))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(out, "labels.txt"), "w") as labels:
        labels.write("# NAME\tSEVERITY\tITEMS\tSET (written from the text; see "
                     "cases.py, heldout.py)\n")
        for i, case in enumerate(CASES + HELDOUT):
            with open(os.path.join(out, case["name"] + ".eml"), "wb") as f:
                f.write(build(i, case))
            labels.write("%s\t%d\t%s\t%s\n" % (
                case["name"], case["severity"],
                ",".join(case["items"].split()) or "-",
                "heldout" if case in HELDOUT else "tuning"))


main()
