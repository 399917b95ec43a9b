#!/bin/bash
#
# smoke.sh - the benchmark's tools work: milterload drives the no-op milter
# and support-milter through whole sessions of the mix and every message
# gets the final reply it should.  A functional test (no timing), so that
# `make bench` cannot rot; TAP output.  No root needed.
#
# Usage: bash tests/bench/smoke.sh      (after make all and the bench binaries)

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/e2e/lib.sh
. "$HERE/../e2e/lib.sh"
# shellcheck source=tests/bench/lib.sh
. "$HERE/lib.sh"

for b in "$LOAD" "$NOOP" "$SM"; do
	[ -x "$b" ] || { echo "Bail out! $b not found (make check builds it)"; exit 1; }
done
e2e_init
bench_mix "$E2E_TMP" || t_bail "write the message mix"

# smoke KIND RCPT WANT DESC: 20 messages over 4 sessions; WANT is a
# pattern the result line must match.
smoke() {
	if bench_run "$1" 4 20 "$2" "$MIX"/*.eml &&
	    grep -qE "$3" <<<"$OUT"; then
		t_ok "$4"
	else
		t_fail "$4" "milterload: $OUT"
	fi
}

smoke noop support@example.com ' accept=20 .* errors=0' \
    "no-op milter: 20 messages of the mix accepted at end of message"
smoke sm support@example.com ' accept=20 .* edited=20 replbody=[1-9]' \
    "support-milter: 20 messages to support accepted, marked, cleaned"
# the database holds one decision per message to support
n=$("$TOP/build/support-milter-db" -c "$E2E_TMP/sm.conf" stats 2>&1 |
    awk '$1 == "decisions" { print $2 }')
t_check "support-milter: 20 decisions recorded (got ${n:-none})" \
    test "${n:-0}" = 20
smoke sm someone@example.net ' accept=20 .* edited=0 replbody=0 errors=0' \
    "support-milter: 20 messages not for support accepted unchanged"
t_finish
