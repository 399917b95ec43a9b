#!/bin/bash
#
# postfix.sh - the end-to-end part of `make bench`: smtp-source -> a private
# Postfix on 127.0.0.1 -> smtp-sink, without a milter, with the no-op
# milter and with support-milter, the same message mix each time.  The
# time runs from the first connection to the last "status=sent" in the
# maillog; messages/s and the ratio support-milter / no-op are printed.
#
# The mix is sent by three smtp-source processes at once (the small
# replies over 4 sessions, the HTML replies and the new requests over 2
# each: 8 in all, each a new connection per message), 60/30/10 of
# BENCH_E2E_N messages.
# smtp-source sends a file as it is, so every new request comes from the
# same domain and its screenshot recurs: support-milter removes it from
# the third on, as it would in production.
#
# Usage: bash tests/bench/postfix.sh   (as root, Postfix installed)
#   BENCH_E2E_N=300   messages per run

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/e2e/lib.sh
. "$HERE/../e2e/lib.sh"
# shellcheck source=tests/bench/lib.sh
. "$HERE/lib.sh"

N=${BENCH_E2E_N:-300}
SUPPORT=support@example.com
e2e_require "$SM"
for t in smtp-source smtp-sink; do
	command -v "$t" >/dev/null || { echo "1..0 # SKIP $t not installed"; exit 77; }
done
e2e_init
bench_mix "$TOP/build/bench" || t_bail "write the message mix"
# what smtp-source sends: the mix with %N (milterload's numbers) fixed
for f in "$MIX"/*.eml; do
	sed 's/%N/1/g' "$f" >"$E2E_TMP/$(basename "$f")"
done

sink_port=$(free_port) || t_bail "find a free port for smtp-sink"
smtp-sink -u nobody "127.0.0.1:$sink_port" 1000 &
SINK_PID=$!
trap 'kill "$SINK_PID" 2>/dev/null; e2e_cleanup' EXIT
port=$(free_port) || t_bail "find a free port for smtpd"
pf_setup "$port" "$SUPPORT" || t_bail "write Postfix configuration"
pf_set "virtual_transport = smtp:[127.0.0.1]:$sink_port" \
    "milter_default_action = tempfail" "milter_protocol = 6" \
    "smtp_destination_concurrency_limit = 20"

sent() {
	grep -c 'status=sent' "$PF_LOG" 2>/dev/null
}

all_sent() {
	[ "$(sent)" -ge "$N" ]
}

# run KIND: start KIND (none, noop, sm) and Postfix, send the mix, wait
# until all is delivered; RATE is messages/s.
run() {
	local t0 t1 small=$((N * 6 / 10)) html=$((N * 3 / 10)) big pids=()
	big=$((N - small - html))
	if [ "$1" = none ]; then
		pf_set "smtpd_milters ="
	else
		bench_start "$1" || t_bail "$1 starts"
		pf_set "smtpd_milters = unix:$SOCK"
	fi
	: >"$PF_LOG"
	pf_start || t_bail "Postfix starts"
	t0=$(date +%s.%N)
	smtp-source -s 4 -m "$small" -f customer@client.example -t "$SUPPORT" \
	    -F "$E2E_TMP/0-s.eml" "127.0.0.1:$port" &
	pids+=($!)
	smtp-source -s 2 -m "$html" -f customer@client.example -t "$SUPPORT" \
	    -F "$E2E_TMP/1-h.eml" "127.0.0.1:$port" &
	pids+=($!)
	smtp-source -s 2 -m "$big" -f customer@client.example -t "$SUPPORT" \
	    -F "$E2E_TMP/6-b.eml" "127.0.0.1:$port" &
	pids+=($!)
	wait "${pids[@]}"
	wait_until 300 all_sent
	t1=$(date +%s.%N)
	RATE=$(awk -v n="$(sent)" -v a="$t0" -v b="$t1" \
	    'BEGIN { printf "%.1f", n / (b - a) }')
	if all_sent && ! grep -q 'milter-reject\|status=deferred\|status=bounced' \
	    "$PF_LOG"; then
		t_ok "$1: $N messages delivered, $RATE msgs/s"
	else
		t_fail "$1: $(sent) of $N messages delivered" \
		    "$(grep -m3 'reject\|deferred\|bounced' "$PF_LOG")"
	fi
	pf_stop
	[ "$1" = none ] || milter_stop
}

echo "# end to end: smtp-source -> Postfix -> smtp-sink, $N messages of the mix"
run none
alone=$RATE
run noop
noop=$RATE
run sm
sm=$RATE
r=$(awk -v a="$sm" -v b="$noop" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo "end to end msgs/s: Postfix alone $alone, with no-op $noop, with support-milter $sm"
echo "end to end ratio support-milter/no-op: $r"
if awk -v r="$r" 'BEGIN { exit !(r >= 0.9) }'; then
	echo "target end to end >= 90% of Postfix with no-op ($r): met"
else
	echo "target end to end >= 90% of Postfix with no-op ($r): MISSED"
fi
t_finish
