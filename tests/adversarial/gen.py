#!/usr/bin/env python3
"""gen.py - write the adversarial mails of tests/adversarial into a directory.

usage: tests/adversarial/gen.py OUTDIR [NAME...]

Each case is OUTDIR/NAME.eml, generated at test time (some are tens of MB,
so none is committed).  run.sh says what each must do; docs/robustness.md
has the table.
"""
import base64
import os
import sys

HEAD = (b"From: Cust <cust@customer.example>\r\n"
        b"To: Support <support@example.com>\r\n"
        b"Date: Wed, 01 May 2024 10:05:00 +0200\r\n")


def msg(extra_headers=b"", body=b"Hello.\r\n", subject=b"Printer broken",
        msgid=b"<adv@customer.example>"):
    return (HEAD + b"Subject: " + subject + b"\r\nMessage-ID: " + msgid +
            b"\r\n" + extra_headers + b"MIME-Version: 1.0\r\n" + body)


def plain(text):
    return b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + text


def deep_multipart(f):
    depth = 10000
    f.write(msg(body=b""))
    for i in range(depth):
        f.write(b"Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n"
                b"--b%d\r\n" % (i, i))
    f.write(b"Content-Type: text/plain\r\n\r\nHello from the bottom.\r\n")
    for i in reversed(range(depth)):
        f.write(b"--b%d--\r\n" % i)


def long_line(size):
    def gen(f):
        f.write(msg(body=b"Content-Type: text/plain\r\n\r\n"))
        chunk = b"x" * (1 << 20)
        for _ in range(size >> 20):
            f.write(chunk)
        f.write(b"\r\n")
    return gen


def many_headers(f):
    f.write(HEAD + b"Subject: many headers\r\nMessage-ID: <mh@c.example>\r\n")
    for i in range(100000):
        f.write(b"X-Filler-%d: value %d\r\n" % (i, i))
    f.write(b"\r\nHello.\r\n")


def huge_header(f):
    f.write(HEAD + b"Subject: one huge header\r\nMessage-ID: <hh@c.example>\r\n"
            b"X-Huge: ")
    for i in range(1 << 20 >> 7):
        f.write(b"y" * 120 + b"\r\n\t")
    f.write(b"end\r\n\r\nHello.\r\n")


def encoded_words(f):
    word = b"=?utf-8?b?" + base64.b64encode("Grüße ".encode()) + b"?="
    bomb = b"\r\n ".join([word] * 5000)
    f.write(HEAD.replace(b"From: Cust", b"From: " + bomb) +
            b"Subject: " + bomb + b"\r\nMessage-ID: <ew@c.example>\r\n\r\n"
            b"Hello.\r\n")


def nul_bytes(f):
    f.write(msg(subject=b"nul\x00in subject", extra_headers=b"X-Nul: a\x00b\r\n",
                body=plain(b"text with \x00 NUL \x00\x00 bytes\r\n" * 1000)))


def invalid_utf8(f):
    f.write(msg(subject=b"bad \xff\xfe\xc3\x28 \xe2\x82 utf-8 =?utf-8?q?=FF=C3?=",
                body=plain(b"\xff\xfe\xc3\x28 \xed\xa0\x80 \xf8\x88\x80\x80\x80"
                           b" overlong \xc0\xaf\r\n" * 1000)))


def broken_mime(f):
    body = (b"Content-Type: multipart/mixed; boundary=\"never\"\r\n\r\n"
            b"--nevermind\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
            b"--never\r\nContent-Type: image/png\r\n"
            b"Content-Transfer-Encoding: base64\r\n"
            b"Content-Disposition: inline\r\n\r\n"
            b"iVBORw0KGgo!!!@@@###$$$%%%^^^&&&***\r\n====AAAA\r\n"
            b"--never\r\nContent-Type: multipart/alternative; boundary=\r\n\r\n"
            b"--\r\n--never-\r\n")
    f.write(msg(body=body))


def image(size):
    def gen(f):
        f.write(msg(body=b"Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
                b"--B\r\nContent-Type: text/plain\r\n\r\nSee the photo.\r\n"
                b"--B\r\nContent-Type: image/png; name=\"big.png\"\r\n"
                b"Content-Transfer-Encoding: base64\r\n"
                b"Content-Disposition: inline; filename=\"big.png\"\r\n\r\n"))
        png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x10\x00"
               b"\x00\x00\x10\x00\x08\x02\x00\x00\x00")
        block = os.urandom(57 * 1024)
        raw = png + block[len(png):]
        for _ in range(size // len(block)):
            enc = base64.encodebytes(raw).replace(b"\n", b"\r\n")
            f.write(enc)
            raw = block
        f.write(b"--B--\r\n")
    return gen


def html(tag, closed, n):
    def gen(f):
        f.write(msg(body=b"Content-Type: text/html; charset=utf-8\r\n\r\n"
                b"<html><body>"))
        f.write(b"".join([b"<%s>" % tag] * n))
        f.write(b"Hello from inside.")
        if closed:
            f.write(b"".join([b"</%s>" % tag] * n))
        f.write(b"</body></html>\r\n")
    return gen


def html_flat(f):
    f.write(msg(body=b"Content-Type: text/html; charset=utf-8\r\n\r\n"
            b"<html><body>"))
    f.write(b"<p>x</p>\r\n" * 1000000)
    f.write(b"</body></html>\r\n")


def msgid_refs(f):
    big = b"<" + b"m" * 100000 + b"@c.example>"
    refs = b"\r\n ".join(b"<ref%d.%s@c.example>" % (i, b"r" * 20)
                         for i in range(5000))
    f.write(msg(msgid=big, extra_headers=b"In-Reply-To: " + big +
                b"\r\nReferences: " + refs + b"\r\n",
                body=plain(b"Hello.\r\n")))


# An encoded CR LF must not become a header of ours; "%" must stay "%".
INJECT = (b"=?utf-8?q?Help=0D=0ABcc:_evil@attacker.example=0D=0A=0D=0A"
          b"body?= 100% %s %n Ticket [12%n] =?utf-8?b?"
          + base64.b64encode(b"x\r\nX-Support-Ticket: 666\r\n") + b"?=")


def injection(f):
    # a small inline image goes, and its name is reported in our header
    body = (b"Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
            b"--B\r\nContent-Type: text/plain\r\n\r\nHello %s %n.\r\n"
            b"--B\r\nContent-Type: image/gif\r\n"
            b"Content-Transfer-Encoding: base64\r\n"
            b"Content-Disposition: inline; filename=\"=?utf-8?q?a=0D=0A"
            b"X-Evil:_1=0D=0A=0D=0A?=.gif\"\r\n\r\n"
            b"R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=\r\n--B--\r\n")
    f.write(msg(subject=INJECT, body=body))


def injection_cc(f):
    # support in Cc only: the guidance reply must carry nothing of the mail
    f.write(HEAD.replace(b"To: Support <support@example.com>",
                         b"To: alice@customer.example\r\n"
                         b"Cc: =?utf-8?q?evil=0D=0A250_ok?= "
                         b"<support@example.com>") +
            b"Subject: " + INJECT + b"\r\nMessage-ID: <inj\r\n .cc%n@c.example>"
            b"\r\n\r\nHello.\r\n")


CASES = {
    "deep-multipart": deep_multipart,
    "long-line-100M": long_line(100 << 20),
    "long-line-20M": long_line(20 << 20),
    "many-headers": many_headers,
    "huge-header": huge_header,
    "encoded-words": encoded_words,
    "nul-bytes": nul_bytes,
    "invalid-utf8": invalid_utf8,
    "broken-mime": broken_mime,
    "image-50M": image(50 << 20),
    "html-nested": html(b"div", True, 1000000),
    "html-unclosed": html(b"b", False, 1000000),
    # within HTMLCLEAN_MAX: libxml2 parses these
    "html-nested-150k": html(b"div", True, 150000),
    "html-unclosed-600k": html(b"b", False, 600000),
    "html-flat": html_flat,
    "msgid-refs": msgid_refs,
    "injection": injection,
    "injection-cc": injection_cc,
}


def main():
    out = sys.argv[1]
    names = sys.argv[2:] or list(CASES)
    os.makedirs(out, exist_ok=True)
    for name in names:
        with open(os.path.join(out, name + ".eml"), "wb") as f:
            CASES[name](f)


if __name__ == "__main__":
    main()
