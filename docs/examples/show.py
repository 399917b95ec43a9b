#!/usr/bin/env python3
"""show.py - print a message the way the demo shows it.

Usage: show.py FILE [INDENT]

The Subject and support-milter's headers, one line per MIME part (type,
file name, decoded size), then the text/plain part.  Python's email
package reads the message, independently of support-milter's GMime.
"""
import email
import email.policy
import sys


def main():
    pad = " " * int(sys.argv[2]) if len(sys.argv) > 2 else "    "
    with open(sys.argv[1], "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    for name in ("Subject", "X-Support-Milter", "X-Support-Ticket",
                 "X-Support-Cleaned", "X-Support-Severity",
                 "X-Support-Response-Due", "X-Support-Checklist"):
        for value in msg.get_all(name) or []:
            print(f"{pad}{name}: {' '.join(str(value).split())}")
    text = None
    for part in msg.walk():
        if part.is_multipart():
            continue
        data = part.get_payload(decode=True) or b""
        print(f"{pad}part {part.get_content_type():<12} "
              f"{part.get_filename() or '-':<14} {len(data):>6} bytes")
        if text is None and part.get_content_type() == "text/plain":
            text = part.get_content()
    for line in (text or "").rstrip("\n").split("\n"):
        print(f"{pad}| {line}")


if __name__ == "__main__":
    main()
