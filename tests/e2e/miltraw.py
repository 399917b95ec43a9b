#!/usr/bin/env python3
"""miltraw.py - a milter client that stalls in the middle of a message.

Usage: miltraw.py SOCKET BODYBYTES

Speaks the milter protocol (version 6) on the unix SOCKET like an MTA:
option negotiation, connect, MAIL, RCPT to support@example.com, DATA, three
headers, end of headers and BODYBYTES of body.  Every step must be answered
with "continue".  Then it sends the first bytes of a packet and nothing
more, prints "stalled" and waits to be killed: the milter's thread for this
connection waits in read(), the test checks that everyone else is served.
Exit status 1 when the milter answers a step with anything else.
"""
import socket
import struct
import sys
import time


def packet(cmd, data=b""):
    return struct.pack(">I", len(data) + 1) + cmd + data


def reply(s):
    head = b""
    while len(head) < 4:
        chunk = s.recv(4 - len(head))
        if not chunk:
            raise EOFError("the milter closed the connection")
        head += chunk
    size = struct.unpack(">I", head)[0]
    body = b""
    while len(body) < size:
        chunk = s.recv(size - len(body))
        if not chunk:
            raise EOFError("the milter closed the connection")
        body += chunk
    return body[:1], body[1:]


def step(s, cmd, data=b""):
    s.sendall(packet(cmd, data))
    code, _ = reply(s)
    if code != b"c":
        sys.exit(f"milter answered {cmd!r} with {code!r}")


def main():
    path, body_bytes = sys.argv[1], int(sys.argv[2])
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(30)  # a milter that stops answering fails the run
    s.connect(path)
    # version 6, every action, no protocol flags: each step is answered
    s.sendall(packet(b"O", struct.pack(">III", 6, 0x1FF, 0)))
    code, _ = reply(s)
    if code != b"O":
        sys.exit(f"negotiation answered with {code!r}")
    step(s, b"C", b"client.test.example\x004" + struct.pack(">H", 25) +
         b"127.0.0.1\x00")
    step(s, b"M", b"<c@customer.example>\x00")
    step(s, b"R", b"<support@example.com>\x00")
    step(s, b"T")
    for name, value in ((b"From", b"c@customer.example"),
                        (b"To", b"support@example.com"),
                        (b"Subject", b"stalled")):
        step(s, b"L", name + b"\x00" + value + b"\x00")
    step(s, b"N")
    line = b"a line of the body that never ends\r\n"
    body = (line * (body_bytes // len(line) + 1))[:body_bytes]
    for off in range(0, len(body), 65535):
        step(s, b"B", body[off:off + 65535])
    # half a packet: a length that announces more than ever comes
    s.sendall(struct.pack(">I", 1000) + b"B" + b"x" * 10)
    print("stalled", flush=True)
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main()
