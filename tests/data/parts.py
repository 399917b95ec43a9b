#!/usr/bin/env python3
"""parts.py - list the leaf parts of a message, for tests.

Usage: parts.py FILE

One line per leaf part: content type, filename (or -), content-id (or -),
sha256 of the decoded payload, and for text parts the decoded text with
newlines as \\n.  Uses Python's email package, a reader independent of
GMime, so the tests see the delivered message as another client would.
"""
import email
import email.policy
import hashlib
import sys


def main():
    with open(sys.argv[1], "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    for part in msg.walk():
        if part.is_multipart():
            print("multipart", part.get_content_type())
            continue
        data = part.get_payload(decode=True) or b""
        fields = [part.get_content_type(), part.get_filename() or "-",
                  (part.get("Content-ID") or "-").strip("<>"),
                  hashlib.sha256(data).hexdigest()]
        if part.get_content_maintype() == "text":
            fields.append(part.get_content().replace("\n", "\\n"))
        print("\t".join(fields))


if __name__ == "__main__":
    main()
