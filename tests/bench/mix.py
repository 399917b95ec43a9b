#!/usr/bin/env python3
"""mix.py - write the benchmark's messages, once.

Usage: mix.py OUTDIR [big]

OUTDIR/mix/ holds the mix of `make bench`, ten files sent in turn:
60% small plain-text replies to support with quoted history (about
4 KB), 30% HTML replies with two inline logos and quoted history (about
60 KB), 10% new requests with a pasted 2 MB screenshot.  With "big",
OUTDIR/big/ holds one new request with a 10 MB screenshot, for the memory
bound.
Deterministic: the same bytes on every run.  Images come from
tests/data/gen_mail.py (seeded noise, so they do not compress away).
"""
import html as htmllib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "data"))
from gen_mail import b64, png  # noqa: E402

HISTORY = """On Mon, 23 Nov 2026 at 16:{m:02d}, Support <support@example.com> wrote:
> Hello {name},
>
> thank you for the details. Could you check whether the export runs
> when you select fewer than {n} records, and tell us the exact version
> shown under Help > About? We have seen this error with proxies that
> rewrite the download links.
>
> Kind regards,
> Jo from Support
>
> On Mon, 23 Nov 2026 at 09:{m:02d}, {name} <{addr}> wrote:
> > Hello,
> >
> > since this morning every export of our customer list stops at about
> > {n} records with the message "access denied". Nothing changed on
> > our side as far as I know.
> >
> > Regards,
> > {name}
"""


def thread(history, rounds):
    """The lines of history quoted under itself rounds times, the way each
    reply of a long thread quotes the one before."""
    lines = history.splitlines()
    for _ in range(rounds - 1):
        lines = history.splitlines() + [
            "> " + line if line else ">" for line in lines]
    return lines


def small(i):
    name, addr = f"Customer {i}", f"user{i}@client{i}.example"
    body = (f"Hello Jo,\n\nwith {40 + i} records it works, with more it "
            f"stops again. The version is 7.{i}.2.\n\nBest regards,\n{name}\n"
            f"--\n{name} | Client {i} Ltd | +49 30 555 01{i:02d}\n\n")
    body += "\n".join(thread(HISTORY.format(m=i, n=100 + i, name=name,
                                            addr=addr), 5)) + "\n"
    return f"""From: {name} <{addr}>
To: support@example.com
Subject: Re: Ticket [{1000 + i}] Export stops
Message-ID: <small-{i}@client{i}.example>
In-Reply-To: <ticket-{1000 + i}-2@example.com>
References: <ticket-{1000 + i}-1@example.com> <ticket-{1000 + i}-2@example.com>
Date: Wed, 25 Nov 2026 09:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit

{body}"""


def html_reply(i):
    name, addr = f"Customer H{i}", f"h{i}@corp{i}.example"
    quote = "".join(
        f"<div>{htmllib.escape(line, quote=False)}</div>\n"
        for line in HISTORY.format(m=i, n=200 + i, name=name,
                                   addr=addr).splitlines()) * 36
    html = f"""<html><body><div dir="ltr"><p>Hello Jo,</p>
<p>the export of {300 + i} records worked now, thank you.</p>
<div class="gmail_signature"><p>{name} | Corp {i}</p>
<img src="cid:logo{i}@corp.example" width="120" height="40" alt="Corp">
<img src="cid:social{i}@corp.example" width="16" height="16" alt="in"></div>
<div class="gmail_quote"><blockquote class="gmail_quote">
{quote}</blockquote></div></div></body></html>
"""
    plain = (f"Hello Jo,\n\nthe export of {300 + i} records worked now, "
             f"thank you.\n\n{name} | Corp {i}\n\n" +
             "\n".join("> " + line for line in HISTORY.format(
                 m=i, n=200 + i, name=name, addr=addr).splitlines()) * 10)
    return f"""From: {name} <{addr}>
To: support@example.com
Subject: Re: Ticket [{2000 + i}] Export stops
Message-ID: <html-{i}@corp{i}.example>
In-Reply-To: <ticket-{2000 + i}-2@example.com>
Date: Wed, 25 Nov 2026 09:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit

{plain}
--alt
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: 8bit

{html}
--alt--

--rel
Content-Type: image/png; name="logo.png"
Content-Disposition: inline; filename="logo.png"
Content-Transfer-Encoding: base64
Content-ID: <logo{i}@corp.example>

{b64(png(64, 64, 100 + i))}
--rel
Content-Type: image/png; name="in.png"
Content-Disposition: inline; filename="in.png"
Content-Transfer-Encoding: base64
Content-ID: <social{i}@corp.example>

{b64(png(16, 16, 200 + i))}
--rel--
"""


def new_request(i, width, height):
    # a new customer each time (milterload numbers %N): the screenshot is
    # not one that recurs for the sender's domain
    name, addr = f"New Customer {i}", "new%N@shop%N.example"
    return f"""From: {name} <{addr}>
To: support@example.com
Subject: Export fails with access denied
Message-ID: <new-{i}@shop.example>
Date: Wed, 25 Nov 2026 09:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mix"

--mix
Content-Type: text/plain; charset="UTF-8"

Hello,

our export fails with "access denied", see the screenshot.

Regards,
{name}

--mix
Content-Type: image/png; name="screenshot.png"
Content-Disposition: inline; filename="screenshot.png"
Content-Transfer-Encoding: base64

{b64(png(width, height, 300 + i))}
--mix--
"""


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def main():
    out = sys.argv[1]
    os.makedirs(os.path.join(out, "mix"), exist_ok=True)
    # interleaved, so that any run of ten messages is the mix
    kinds = "shsshsbshs"
    for n, k in enumerate(kinds):
        text = {"s": lambda: small(n), "h": lambda: html_reply(n),
                "b": lambda: new_request(n, 800, 625)}[k]()
        write(os.path.join(out, "mix", f"{n}-{k}.eml"), text)
    if sys.argv[2:] == ["big"]:
        os.makedirs(os.path.join(out, "big"), exist_ok=True)
        write(os.path.join(out, "big", "10mb.eml"),
              new_request(10, 1600, 1600))


if __name__ == "__main__":
    main()
