#!/usr/bin/env python3
"""smtpload.py - send many messages over SMTP, retrying 4xx like an MTA.

Usage: smtpload.py PORT COUNT SUPPORT OTHER OUTDIR [THREADS]

Message i (1..COUNT) carries the unique Message-ID <load-i@customer.example>
and goes to OTHER when i is a multiple of 10, to SUPPORT otherwise.  A 4xx
reply or a lost connection is what a real MTA retries: the message is sent
again on a new connection (a Postfix smtpd whose milter died keeps
tempfailing for the rest of its session) after a short pause, until it is
accepted; 300 s after the start nothing is tried any more, so a milter that
never comes back fails the run instead of hanging it.  A 5xx reply is
final.

OUTDIR/accepted gets "MESSAGE-ID RCPT ATTEMPTS" per accepted message, as it
happens, so that a test can watch the progress; the last line on stdout is
the summary "sent=N accepted=N tempfailed=N retried=N failed=N seconds=S".
Exit status 0 when every message was accepted.
"""
import smtplib
import sys
import threading
import time

RETRY_PAUSE = 0.5
GIVE_UP = 300.0


def message(i, rcpt):
    return (f"From: Customer {i} <c{i}@customer.example>\r\n"
            f"To: {rcpt}\r\n"
            f"Subject: load test message {i}\r\n"
            f"Message-ID: <load-{i}@customer.example>\r\n"
            f"Date: Wed, 25 Nov 2026 12:00:00 +0000\r\n"
            f"\r\n"
            f"Hello, this is message {i} of the load test.\r\n")


class Load:
    def __init__(self, port, count, support, other, outdir):
        self.port, self.count = port, count
        self.support, self.other = support, other
        self.lock = threading.Lock()
        self.next = 1
        self.accepted = 0
        self.tempfailed = 0     # 4xx replies and lost connections
        self.retried = 0        # messages that needed more than one try
        self.failed = []
        self.out = open(f"{outdir}/accepted", "a", buffering=1)
        self.deadline = time.monotonic() + GIVE_UP

    def take(self):
        with self.lock:
            i = self.next
            self.next += 1
            return i if i <= self.count else None

    def connect(self):
        s = smtplib.SMTP("127.0.0.1", self.port, timeout=120)
        s.ehlo("load.test.example")
        return s

    def send_one(self, conn, i):
        """Return (conn, None) when accepted, (None, why) for a retry."""
        rcpt = self.other if i % 10 == 0 else self.support
        try:
            if conn is None:
                conn = self.connect()
            conn.sendmail(f"c{i}@customer.example", [rcpt], message(i, rcpt))
            return conn, None, rcpt
        except smtplib.SMTPRecipientsRefused as e:
            code = list(e.recipients.values())[0][0]
            why = code
        except smtplib.SMTPResponseException as e:
            why = e.smtp_code
        except (smtplib.SMTPException, OSError) as e:
            why = type(e).__name__
        try:
            if conn is not None:
                conn.close()
        except OSError:
            pass
        return None, why, rcpt

    def worker(self):
        conn = None
        while (i := self.take()) is not None:
            attempts = 0
            while True:
                attempts += 1
                conn, why, rcpt = self.send_one(conn, i)
                if why is None:
                    with self.lock:
                        self.accepted += 1
                        self.retried += attempts > 1
                        self.out.write(f"<load-{i}@customer.example> {rcpt} "
                                       f"{attempts}\n")
                    break
                if isinstance(why, int) and why >= 500 or \
                        time.monotonic() > self.deadline:
                    with self.lock:
                        self.failed.append((i, why))
                    break
                with self.lock:
                    self.tempfailed += 1
                time.sleep(RETRY_PAUSE)
        if conn is not None:
            try:
                conn.quit()
            except (smtplib.SMTPException, OSError):
                pass


def main():
    port, count = int(sys.argv[1]), int(sys.argv[2])
    support, other, outdir = sys.argv[3], sys.argv[4], sys.argv[5]
    threads = int(sys.argv[6]) if len(sys.argv) > 6 else 8
    load = Load(port, count, support, other, outdir)
    t0 = time.monotonic()
    pool = [threading.Thread(target=load.worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    for i, why in load.failed:
        print(f"message {i} not accepted: {why}")
    print(f"sent={count} accepted={load.accepted} "
          f"tempfailed={load.tempfailed} retried={load.retried} "
          f"failed={len(load.failed)} "
          f"seconds={time.monotonic() - t0:.1f}")
    return 0 if load.accepted == count else 1


if __name__ == "__main__":
    sys.exit(main())
