#!/usr/bin/env python3
"""run.py - the adversarial corpus through `support-milter --test`, as TAP.

usage: tests/adversarial/run.py [--table] [NAME...]

Each case (gen.py writes the mails into build/adversarial) runs twice on a
fresh database: --json, under /usr/bin/time, for the decision, the record
(the log line) and the figures; the text form for the bytes delivered.
Every case must exit 0, take the action expected with the anomalies
named in the JSON and in the record, stay within ten times the time and
peak RSS documented in docs/robustness.md (generous on purpose: this is
no benchmark), and:
  - when passed unmodified, deliver the input bytes plus our headers;
  - when accepted, write a header block where every line is a header or
    a continuation and no header appears that the input lacked, except
    ours (no header injection from decoded CR/LF);
  - when refused, reply with SMTP lines that carry nothing of the mail.
--table prints the measured figures as the Markdown rows of the doc.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("SUPPORT_MILTER", os.path.join(TOP, "build", "support-milter"))
OUT = os.path.join(TOP, "build", "adversarial")
CUST = "cust@customer.example"
SUPPORT = "support@example.com"
OURS = (b"x-support-milter", b"x-support-ticket", b"x-support-cleaned",
        b"x-support-severity", b"x-support-response-due",
        b"x-support-checklist")
# Text of the injection cases that must never reach an SMTP reply.
MAIL_TEXT = (b"evil", b"attacker", b"%n", b"666")
BIG = 'max_message_size = "100M";\n'

# name, settings added to tests/corpus/base.conf, action, anomalies,
# delivered unmodified (plus our headers), documented seconds, MB
CASES = [
    ("deep-multipart", BIG, "accept", ["too-deep"], True, 0.5, 20),
    ("long-line-100M", "", "accept", ["oversize", "long-line"], True, 3.0,
     215),
    ("long-line-100M", 'on_oversize = "tempfail";\n', "tempfail",
     ["oversize", "long-line"], False, 3.0, 215),
    ("long-line-20M", BIG, "accept", ["long-line"], True, 0.5, 50),
    ("many-headers", BIG, "accept", ["many-headers"], True, 0.6, 110),
    ("huge-header", BIG, "accept", ["long-header"], True, 0.1, 16),
    ("encoded-words", BIG, "accept", ["long-header"], True, 0.05, 12),
    ("nul-bytes", BIG, "accept", ["nul-bytes", "bad-utf8-header"], True,
     0.05, 10),
    ("invalid-utf8", BIG, "accept", ["bad-utf8-header"], True, 0.05, 10),
    ("broken-mime", BIG, "accept", [], False, 0.05, 10),
    ("image-50M", BIG, "accept", [], True, 2.0, 155),
    ("html-nested", BIG, "accept", ["html-too-big", "long-line"], True,
     0.2, 30),
    ("html-unclosed", BIG, "accept", ["html-too-big", "long-line"], True,
     0.1, 15),
    ("html-nested-150k", BIG, "accept", ["long-line"], True, 0.2, 30),
    ("html-unclosed-600k", BIG, "accept", ["long-line"], True, 0.2, 30),
    ("html-flat", BIG, "accept", ["html-too-big"], True, 0.3, 60),
    ("msgid-refs", BIG, "accept", ["long-line", "long-header"], True,
     0.05, 13),
    ("injection", BIG + "ticket_allocate = true;\n", "accept", [], False,
     0.05, 10),
    ("injection-cc", BIG, "reject", [], False, 0.05, 10),
]


def header_block(msg):
    """The header lines of msg (without line endings) and the body offset."""
    end = msg.find(b"\n\n")
    crlf = msg.find(b"\r\n\r\n")
    if crlf >= 0 and (end < 0 or crlf < end):
        end = crlf + 4
    elif end >= 0:
        end += 2
    else:
        end = len(msg)
    lines = msg[:end].split(b"\n")
    return [l[:-1] if l.endswith(b"\r") else l for l in lines if l not in (b"", b"\r")], end


def names(lines):
    return [l.split(b":", 1)[0].strip().lower() for l in lines
            if l and l[:1] not in (b" ", b"\t")]


def strip_ours(msg):
    """msg without our header lines (and their continuations)."""
    out = []
    skipping = False
    _, end = header_block(msg)
    for line in msg[:end].splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") and skipping:
            continue
        skipping = line.split(b":", 1)[0].strip().lower() in OURS
        if not skipping:
            out.append(line)
    return b"".join(out) + msg[end:]


def check_headers(eml, got, problems):
    lines, _ = header_block(got)
    for l in lines:
        if l[:1] in (b" ", b"\t"):
            continue
        if b"\r" in l or not re.match(rb"^[!-9;-~]+:", l):
            problems.append("header line is no header: %r" % l[:80])
    have = names(header_block(eml)[0])
    got_names = names(lines)
    for n in set(got_names):
        if n not in have and n not in OURS:
            problems.append("header %r appeared" % n)
        if n in OURS and got_names.count(n) > 1:
            problems.append("header %r appears twice" % n)


def check_reply(got, problems):
    for l in got.split(b"\n"):
        if not l:
            continue
        if not re.match(rb"^[45]\d\d[ -][45]\.\d+\.\d+ [ -~]*$", l):
            problems.append("reply line is no SMTP reply: %r" % l[:80])
        for t in MAIL_TEXT:
            if t in l:
                problems.append("reply carries mail text %r" % t)


def run_case(tmp, case):
    name, extra, action, anomalies, unmodified, doc_s, doc_mb = case
    eml = os.path.join(OUT, name + ".eml")
    conf = os.path.join(tmp, "case.conf")
    with open(os.path.join(TOP, "tests", "corpus", "base.conf")) as f:
        text = re.sub(r"(?m)^spool_directory = .*$",
                      'spool_directory = "%s";' % tmp, f.read())
    with open(conf, "w") as f:
        f.write(text + extra)
    base = [BIN, "-c", conf, "--db", os.path.join(tmp, "db"), "--now",
            "1795600000", "--from", CUST, "--rcpt", SUPPORT, "--test", eml]
    shutil.rmtree(os.path.join(tmp, "db"), ignore_errors=True)
    timef = os.path.join(tmp, "time")
    with open(os.path.join(tmp, "json"), "wb") as out:
        rc = subprocess.call(["/usr/bin/time", "-f", "%e %M", "-o", timef] +
                             base + ["--json"], stdout=out)
    with open(timef) as f:
        secs, kb = f.read().split()[-2:]
    secs, mb = float(secs), int(kb) / 1024
    problems = []
    if rc != 0:
        problems.append("exit %d" % rc)
        return problems, secs, mb, {}
    with open(os.path.join(tmp, "json"), "rb") as f:
        d = json.loads(f.read())
    shutil.rmtree(os.path.join(tmp, "db"), ignore_errors=True)
    got = subprocess.run(base, stdout=subprocess.PIPE, check=False).stdout
    if d["action"] != action:
        problems.append("action %s, want %s" % (d["action"], action))
    if sorted(d["anomalies"]) != sorted(anomalies):
        problems.append("anomalies %s, want %s" % (d["anomalies"], anomalies))
    for a in anomalies:
        if "anomaly=" + a not in (d["record"] or ""):
            problems.append("the log line does not name %s" % a)
    if secs > 10 * max(doc_s, 0.2):
        problems.append("%.2f s, documented %.2f s" % (secs, doc_s))
    if mb > 10 * doc_mb:
        problems.append("%.0f MB, documented %d MB" % (mb, doc_mb))
    with open(eml, "rb") as f:
        raw = f.read()
    if action in ("accept", "quarantine"):
        check_headers(raw, got, problems)
        if unmodified and strip_ours(got) != raw:
            problems.append("not delivered unmodified")
    else:
        check_reply(got, problems)
    return problems, secs, mb, d


def main():
    args = sys.argv[1:]
    table = "--table" in args
    wanted = [a for a in args if a != "--table"]
    cases = [c for c in CASES if not wanted or c[0] in wanted]
    subprocess.check_call([sys.executable, os.path.join(TOP, "tests",
                           "adversarial", "gen.py"), OUT] +
                          sorted({c[0] for c in cases}))
    tmp = tempfile.mkdtemp(prefix="adversarial.")
    fails = 0
    rows = []
    try:
        for n, case in enumerate(cases, 1):
            problems, secs, mb, d = run_case(tmp, case)
            size = os.path.getsize(os.path.join(OUT, case[0] + ".eml"))
            desc = "%s (%.1f MB): %s, %.2f s, %.0f MB" % (
                case[0], size / 2**20, d.get("action", "?"), secs, mb)
            if problems:
                fails += 1
                print("not ok %d - %s" % (n, desc))
                for p in problems:
                    print("# " + p)
            else:
                print("ok %d - %s" % (n, desc))
            rows.append("| %s | %.1f MB | %.2f s | %.0f MB | %s%s | %s |" % (
                case[0], size / 2**20, secs, mb, d.get("action", "?"),
                " (%s)" % d["reason"] if d.get("reason") else "",
                ", ".join(d.get("anomalies") or []) or "-"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % len(cases))
    if table:
        print("\n".join(rows))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
