#!/usr/bin/env python3
"""gen_mail.py - write the test messages that need real images and a PDF.

Usage: gen_mail.py OUTDIR

Writes OUTDIR/reply-logo-screenshot-pdf.eml: a Gmail-style reply to support
(multipart/mixed: multipart/related with text/plain + text/html, a signature
logo and a pasted screenshot, then a PDF attachment), and next to it the
parts as files (logo.png, screenshot.png, report.pdf) so tests can compare
delivered bytes (sha256).  Deterministic: the same bytes on every run.
"""
import base64
import os
import quopri
import random
import struct
import sys
import zlib


def png(width, height, seed):
    """A PNG whose pixels are seeded noise (so it does not compress away)."""
    rnd = random.Random(seed)
    rows = b"".join(b"\x00" + bytes(rnd.randrange(256) for _ in range(width * 3))
                    for _ in range(height))

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def pdf():
    body = b"%PDF-1.4\n% support-milter test attachment\n" + bytes(range(256)) * 8
    return body + b"\n%%EOF\n"


def b64(data):
    text = base64.b64encode(data).decode()
    return "\n".join(text[i:i + 76] for i in range(0, len(text), 76))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    # a 40x12 signature logo, a 160x100 screenshot (noise: about 48 KB)
    logo, shot, report = png(40, 12, 1), png(160, 100, 2), pdf()
    for name, data in (("logo.png", logo), ("screenshot.png", shot),
                       ("report.pdf", report)):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    plain = """Hello support,

the export still fails with error 0x80070005, see the screenshot.
The report is attached.

-- 
Anna Example | Head of IT | ACME GmbH
+49 30 1234567 | www.acme.example

On Tue, 24 Nov 2026 at 10:00, Support <support@example.com> wrote:
> Please reply above this line
>
> Ticket [4711] Export fails
> We need a screenshot of the error.
"""
    html = """<div dir="ltr"><div>Hello support,</div><div><br></div>
<div>the export still fails with error 0x80070005, see the screenshot.<br>
<img src="cid:shot@acme.example" alt="screenshot.png" width="160" height="100"><br>
The report is attached.</div><div><br></div>
<div class="gmail_signature" data-smartmail="gmail_signature"><div>Anna Example | Head of IT | ACME GmbH</div>
<div><img src="cid:logo@acme.example" alt="ACME" width="40" height="12"></div>
<div>+49 30 1234567 | www.acme.example</div></div></div>
<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Tue, 24 Nov 2026 at 10:00, Support &lt;support@example.com&gt; wrote:<br></div>
<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">
<div>Please reply above this line</div><div>Ticket [4711] Export fails</div>
<div>We need a screenshot of the error.</div></blockquote></div>
"""
    msg = f"""From: Anna Example <anna@acme.example>
To: support@example.com
Subject: Re: Ticket [4711] Export fails
Message-ID: <reply-logo-screenshot-pdf@acme.example>
Date: Wed, 25 Nov 2026 09:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mixed-1"

--mixed-1
Content-Type: multipart/related; boundary="related-1"

--related-1
Content-Type: multipart/alternative; boundary="alt-1"

--alt-1
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{quopri.encodestring(plain.encode()).decode()}
--alt-1
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: 7bit

{html}
--alt-1--

--related-1
Content-Type: image/png; name="logo.png"
Content-Disposition: inline; filename="logo.png"
Content-Transfer-Encoding: base64
Content-ID: <logo@acme.example>

{b64(logo)}
--related-1
Content-Type: image/png; name="screenshot.png"
Content-Disposition: inline; filename="screenshot.png"
Content-Transfer-Encoding: base64
Content-ID: <shot@acme.example>

{b64(shot)}
--related-1--

--mixed-1
Content-Type: application/pdf; name="report.pdf"
Content-Disposition: attachment; filename="report.pdf"
Content-Transfer-Encoding: base64

{b64(report)}
--mixed-1--
"""
    with open(os.path.join(out, "reply-logo-screenshot-pdf.eml"), "w") as f:
        f.write(msg)


if __name__ == "__main__":
    main()
