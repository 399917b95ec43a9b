#!/bin/bash
#
# faults.sh - what support-milter does when things break, through a real
# Postfix: the milter killed with SIGKILL in the middle of 1,000 messages
# (every message delivered exactly once after the restart), the database
# map full, the database directory read-only, the spool directory full,
# and clients that stall in the middle of a message (at SMTP and at the
# milter protocol).  Each fault ends in the configured action with a log
# line, nothing is lost, and mail the fault does not touch keeps flowing.
# The figures of the load test are printed as TAP diagnostics
# (docs/faults.md quotes them).
#
# The read-only database and the full spool directory need mount(8) (a
# read-only bind mount, a 64 KB tmpfs); where mounting is not allowed
# those checks are skipped, and say so.
#
# Usage: bash tests/e2e/faults.sh   (as root; SUPPORT_MILTER, KEEP as in
# postfix.sh; LOAD=N sends N messages instead of 1,000).
# Output: TAP, then "e2e: N passed, M failed".

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
LOAD=${LOAD:-1000}

e2e_require "$BIN"
e2e_init
SUPPORT=support@example.com
ALICE=alice@example.com
MOUNTS=()

# fault_cleanup: EXIT trap. The mounts go before the tree is removed, and
# the daemons that use them go first.
fault_cleanup() {
	local rc=$? m
	[ -n "${RAW_PID:-}" ] && kill "$RAW_PID" 2>/dev/null
	[ -n "${LOAD_PID:-}" ] && kill "$LOAD_PID" 2>/dev/null
	pf_stop
	milter_stop
	for m in "${MOUNTS[@]}"; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	(exit "$rc")
	e2e_cleanup
}
trap fault_cleanup EXIT

# skip DESCRIPTION REASON: a check this machine cannot run.
skip() {
	E2E_N=$((E2E_N + 1))
	E2E_PASS=$((E2E_PASS + 1))
	echo "ok $E2E_N - $1 # SKIP $2"
}

# oneline TEXT: TEXT's lines joined, cut to 300 characters, for a diagnostic.
oneline() {
	tr '\n' ' ' <<<"$1" | cut -c1-300
}

# replies_match PATTERN: the last transcript has a server reply matching it.
replies_match() {
	swaks_replies "$SWAKS_OUT" | grep -qE "$1"
}

# flows NAME: mail for alice is delivered while the fault lasts.
flows() {
	local id="<$1.flow@example.org>"
	send_mail "$1" --from bob@example.org --to "$ALICE" \
		--header "Message-Id: $id" --body "Lunch?"
	[ "$SWAKS_RC" -eq 0 ] && [ -n "$(wait_mail "$ALICE" "$id")" ]
}

# support_tempfails NAME: a message for support gets 451 4.3.0 and is not
# delivered.
support_tempfails() {
	local id="<$1@customer.example>"
	send_mail "$1" --from c@customer.example --to "$SUPPORT" \
		--header "Message-Id: $id" --header "Subject: the printer $1" \
		--body "The printer is offline."
	replies_match '^451 4\.3\.0 ' && [ "$(maildir_count "$SUPPORT" "$id")" -eq 0 ]
}

# restart_milter CONF: stop the milter and start it with CONF.
restart_milter() {
	milter_stop
	milter_start "$BIN" "$1" "$SOCK" || t_bail "the milter starts with $1"
}

E2E_EXTRA_CONF='spool_directory = "/var/tmp";'
e2e_bed "$BIN" "$SUPPORT" "$ALICE"

# ---------------------------------------------------------------------------
# a. SIGKILL during a load of $LOAD messages; Postfix tempfails while the
#    milter is down (milter_default_action = tempfail), the sender retries.
# ---------------------------------------------------------------------------
L=$E2E_TMP/load
mkdir -p "$L"
: >"$L/accepted"
accepted() { [ "$(wc -l <"$L/accepted")" -ge "$1" ]; }
t0=$(date +%s.%N)
python3 "$E2E_DIR/smtpload.py" "$PF_PORT" "$LOAD" "$SUPPORT" "$ALICE" "$L" 8 \
	>"$L/summary" 2>&1 &
LOAD_PID=$!
wait_until 300 accepted $((LOAD * 3 / 10)) || t_fail "30% of the load is accepted in time"
kill -KILL "$MILTER_PID"
wait "$MILTER_PID" 2>/dev/null
echo "---- $(date '+%F %T') milter $MILTER_PID killed with SIGKILL" >>"$MILTER_LOG"
MILTER_PID=
killed_at=$(wc -l <"$L/accepted")
sleep 2
milter_start "$BIN" "$CONF" "$SOCK" || t_bail "the milter starts again after SIGKILL"
wait "$LOAD_PID"
load_rc=$?
LOAD_PID=
t1=$(date +%s.%N)
summary=$(tail -n 1 "$L/summary")
echo "# load: $summary; SIGKILL after $killed_at accepted"
[ "$load_rc" -eq 0 ] && t_ok "all $LOAD messages are accepted in the end (4xx retried)" ||
	t_fail "all $LOAD messages are accepted in the end (4xx retried)" "$(cat "$L/summary")"
tempfailed=$(sed -n 's/.* tempfailed=\([0-9]*\).*/\1/p' <<<"$summary")
[ "${tempfailed:-0}" -gt 0 ] &&
	t_ok "messages sent while the milter was down were tempfailed ($tempfailed times)" ||
	t_fail "messages sent while the milter was down were tempfailed" "$summary"

# delivered_ids MAILBOX: the Message-IDs in MAILBOX, one per delivered file.
delivered_ids() {
	local d
	d=$(maildir "$1")
	find "$d/new" "$d/cur" -type f -exec grep -h -i -m 1 '^message-id:' {} + 2>/dev/null |
		sed 's/^[^:]*: *//; s/\r$//'
}
all_delivered() {
	[ $(($(delivered_ids "$SUPPORT" | grep -c '<load-') +
		$(delivered_ids "$ALICE" | grep -c '<load-'))) -ge "$LOAD" ]
}
wait_until 300 all_delivered
t2=$(date +%s.%N)
awk -v m="$SUPPORT" '$2 == m { print $1 }' "$L/accepted" | sort >"$L/sent-support"
awk -v m="$ALICE" '$2 == m { print $1 }' "$L/accepted" | sort >"$L/sent-alice"
delivered_ids "$SUPPORT" | grep '<load-' | sort >"$L/got-support"
delivered_ids "$ALICE" | grep '<load-' | sort >"$L/got-alice"
for mb in support alice; do
	dup=$(uniq -d "$L/got-$mb")
	missing=$(comm -23 "$L/sent-$mb" <(sort -u "$L/got-$mb"))
	extra=$(comm -13 "$L/sent-$mb" <(sort -u "$L/got-$mb"))
	n=$(wc -l <"$L/sent-$mb")
	[ "$n" -gt 0 ] && [ -z "$dup$missing$extra" ] &&
		t_ok "each of the $n messages for $mb is in its Maildir exactly once" ||
		t_fail "each of the $n messages for $mb is in its Maildir exactly once" \
			"duplicated: $(oneline "$dup")" "missing: $(oneline "$missing")" \
			"unexpected: $(oneline "$extra")"
done
# Postfix tempfails while the milter is down: nothing reaches support
# without the milter's verdict header.
d=$(maildir "$SUPPORT")
unfiltered=$(find "$d/new" "$d/cur" -type f -exec grep -l '^Message-I[Dd]: <load-' {} + |
	while read -r f; do
		[ "$(mail_header "$f" X-Support-Milter | wc -l)" -eq 1 ] || echo "$f"
	done)
[ -z "$unfiltered" ] &&
	t_ok "every delivered support message carries exactly one X-Support-Milter header" ||
	t_fail "every delivered support message carries exactly one X-Support-Milter header" \
		"$(oneline "$unfiltered")"
queue_empty() { [ -z "$(postqueue -c "$PF_DIR" -j 2>/dev/null)" ]; }
wait_until 20 queue_empty
queue=$(postqueue -c "$PF_DIR" -j 2>/dev/null)
[ -z "$queue" ] && t_ok "nothing waits in Postfix's queue" ||
	t_fail "nothing waits in Postfix's queue" "$(head -c 600 <<<"$queue")"
[ "$(grep -c 'info: starting support-milter' "$MILTER_LOG")" -ge 2 ] &&
	t_ok "the restarted milter logs its start" ||
	t_fail "the restarted milter logs its start" "$(grep -a starting "$MILTER_LOG")"
# Each support message has the decision the milter logged for it, under the
# queue ID Postfix wrote into its Received: header.
find "$d/new" "$d/cur" -type f -exec grep -l -Z '^Message-I[Dd]: <load-' {} + |
	xargs -0 grep -h -o 'with ESMTP id [0-9A-Za-z]*' | awk '{ print $4 }' |
	sort -u >"$L/qids"
"$DBTOOL" -c "$CONF" dump decisions 2>&1 | grep -o ' qid=[0-9A-Za-z]*' |
	cut -c6- | sort -u >"$L/decided"
nodecision=$(comm -23 "$L/qids" "$L/decided")
[ "$(wc -l <"$L/qids")" -eq "$(wc -l <"$L/sent-support")" ] && [ -z "$nodecision" ] &&
	t_ok "the database has a decision for each delivered support message" ||
	t_fail "the database has a decision for each delivered support message" \
		"queue IDs: $(wc -l <"$L/qids"), without a decision: $(oneline "$nodecision")"
retried=$(sed -n 's/.* retried=\([0-9]*\).*/\1/p' <<<"$summary")
echo "# load figures: messages=$LOAD support=$(wc -l <"$L/sent-support")" \
	"other=$(wc -l <"$L/sent-alice") killed_after=$killed_at" \
	"tempfail_replies=$tempfailed messages_retried=$retried" \
	"tempfailed_at_end_of_message=$(grep -c 'milter-reject: END-OF-MESSAGE .* 4\.7\.1' "$PF_LOG")" \
	"send_seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" \
	"all_delivered_seconds=$(awk -v a="$t0" -v b="$t2" 'BEGIN { printf "%.1f", b - a }')"

# ---------------------------------------------------------------------------
# b. The database map full: database_size at its minimum (1M), filled by
#    dry runs with records of 10 KB, then by messages through Postfix.
# ---------------------------------------------------------------------------
FULLCONF=$E2E_TMP/full.conf
sed "s|^database = .*|database = \"$E2E_TMP/dbfull\";|" "$CONF" >"$FULLCONF"
echo 'database_size = "1M";' >>"$FULLCONF"
big_rcpts=()
for j in $(seq 1 60); do
	big_rcpts+=(--rcpt "user$j.$(printf 'r%.0s' $(seq 1 150))@example.org")
done
# fill N RCPT-ARGS...: dry runs until one fails with MDB_MAP_FULL.
fill() {
	local i
	for i in $(seq 1 "$1"); do
		printf 'From: c@customer.example\nTo: %s\nSubject: fill %s\nMessage-ID: <fill%s.%s@customer.example>\n\nfill\n' \
			"$SUPPORT" "$i" "$i" "$RANDOM" |
			"$BIN" -c "$FULLCONF" --test - --from c@customer.example \
				--rcpt "$SUPPORT" "${@:2}" >/dev/null 2>"$L/fill.err"
		grep -q MDB_MAP_FULL "$L/fill.err" && return 0
	done
	return 1
}
fill 300 "${big_rcpts[@]}" ||
	t_fail "dry runs fill a database of 1M" "$(cat "$L/fill.err")"
restart_milter "$FULLCONF"
# Small records may still fit in the last pages: send until one does not.
for i in $(seq 1 50); do
	support_tempfails "fill$i" && break
	[ "$SWAKS_RC" -eq 0 ] || break
done
echo "# the database was full after $i more messages through Postfix"
support_tempfails full &&
	t_ok "a full database tempfails support mail (451 4.3.0, on_store_error)" ||
	t_fail "a full database tempfails support mail (451 4.3.0, on_store_error)" \
		"$(swaks_replies "$SWAKS_OUT" | tail -n 3)"
wait_until 5 grep -q 'reason=store-error .*MDB_MAP_FULL' "$MILTER_LOG" &&
	t_ok "the log line names the action and MDB_MAP_FULL" ||
	t_fail "the log line names the action and MDB_MAP_FULL" "$(grep -a store-error "$MILTER_LOG" | tail -n 2)"
flows full && t_ok "mail not for support still flows with a full database" ||
	t_fail "mail not for support still flows with a full database" "$(swaks_replies "$SWAKS_OUT")"

# ---------------------------------------------------------------------------
# c. The database directory read-only (a read-only bind mount: the tests run
#    as root, whom file modes do not stop).  The daemon opens it read-only,
#    warns, and gives support mail on_store_error.
# ---------------------------------------------------------------------------
milter_stop
if mount --bind "$DB" "$DB" 2>/dev/null && MOUNTS+=("$DB") &&
	mount -o remount,bind,ro "$DB" 2>/dev/null; then
	milter_start "$BIN" "$CONF" "$SOCK" &&
		t_ok "the milter starts with a read-only database" ||
		t_fail "the milter starts with a read-only database"
	grep -q "warning: database $DB: Read-only file system: support mail gets on_store_error (tempfail)" "$MILTER_LOG" &&
		t_ok "it warns at start what support mail will get" ||
		t_fail "it warns at start what support mail will get" "$(grep -a warning "$MILTER_LOG")"
	support_tempfails ro &&
		t_ok "a read-only database tempfails support mail (451 4.3.0)" ||
		t_fail "a read-only database tempfails support mail (451 4.3.0)" "$(swaks_replies "$SWAKS_OUT" | tail -n 3)"
	wait_until 5 grep -q 'reason=store-error .*read-only' "$MILTER_LOG" &&
		t_ok "the log line names the action and the read-only database" ||
		t_fail "the log line names the action and the read-only database" "$(grep -a store-error "$MILTER_LOG" | tail -n 2)"
	flows ro && t_ok "mail not for support still flows with a read-only database" ||
		t_fail "mail not for support still flows with a read-only database" "$(swaks_replies "$SWAKS_OUT")"
	milter_stop
	umount "$DB"
else
	skip "a read-only database tempfails support mail" "mount --bind is not allowed here"
fi
MOUNTS=()

# ---------------------------------------------------------------------------
# d. The spool directory full: a 64 KB tmpfs, spill_size 4K, a 200 KB
#    message -> on_internal_error; a 12 KB one still spills and passes.
# ---------------------------------------------------------------------------
SPOOL=$E2E_TMP/spool
mkdir -m 0700 "$SPOOL"
if mount -t tmpfs -o size=64k,mode=0700 tmpfs "$SPOOL" 2>/dev/null; then
	MOUNTS+=("$SPOOL")
	SPOOLCONF=$E2E_TMP/spool.conf
	sed "s|^spool_directory = .*|spool_directory = \"$SPOOL\";|" "$CONF" >"$SPOOLCONF"
	echo 'spill_size = "4K";' >>"$SPOOLCONF"
	restart_milter "$SPOOLCONF"
	# body FILE LINES ID: a message for support with LINES lines of body.
	body() {
		{
			printf 'From: c@customer.example\nTo: %s\nSubject: log file\n' "$SUPPORT"
			printf 'Message-ID: %s\n\n' "$3"
			for i in $(seq 1 "$2"); do echo "log line $i: the service stopped again, see the trace"; done
		} >"$1"
	}
	body "$L/big.eml" 4000 "<spoolbig@customer.example>"
	send_mail spoolbig --from c@customer.example --to "$SUPPORT" --data "@$L/big.eml"
	replies_match '^451 4\.3\.0 ' &&
		t_ok "a message the full spool directory cannot take is tempfailed (451 4.3.0, on_internal_error)" ||
		t_fail "a message the full spool directory cannot take is tempfailed (451 4.3.0, on_internal_error)" \
			"$(swaks_replies "$SWAKS_OUT" | tail -n 3)"
	wait_until 5 grep -q "reason=internal-error .*spool $SPOOL: No space left on device" "$MILTER_LOG" &&
		t_ok "the log line names the action, the spool directory and the error" ||
		t_fail "the log line names the action, the spool directory and the error" "$(grep -a internal-error "$MILTER_LOG" | tail -n 2)"
	[ -z "$(ls -A "$SPOOL")" ] && t_ok "no file is left in the spool directory" ||
		t_fail "no file is left in the spool directory" "$(ls -la "$SPOOL")"
	body "$L/mid.eml" 200 "<spoolmid@customer.example>"
	send_mail spoolmid --from c@customer.example --to "$SUPPORT" --data "@$L/mid.eml"
	[ "$SWAKS_RC" -eq 0 ] && [ -n "$(wait_mail "$SUPPORT" "<spoolmid@customer.example>")" ] &&
		t_ok "a smaller message still spills and is delivered" ||
		t_fail "a smaller message still spills and is delivered" "$(swaks_replies "$SWAKS_OUT" | tail -n 3)"
	flows spool && t_ok "mail not for support still flows with a full spool directory" ||
		t_fail "mail not for support still flows with a full spool directory"
else
	skip "a full spool directory tempfails the message" "mount -t tmpfs is not allowed here"
	SPOOL=$E2E_TMP/spool
	SPOOLCONF=$E2E_TMP/spool.conf
	sed "s|^spool_directory = .*|spool_directory = \"$SPOOL\";|" "$CONF" >"$SPOOLCONF"
	echo 'spill_size = "4K";' >>"$SPOOLCONF"
	restart_milter "$SPOOLCONF"
fi

# ---------------------------------------------------------------------------
# e. Stalling clients.  At the milter protocol: a client that stops in the
#    middle of a packet, with 20 KB of body spilled to a file, holds one
#    thread and nothing else.  At SMTP: a client that stops in the middle
#    of DATA; Postfix waits for it, the milter serves everyone else.
# ---------------------------------------------------------------------------
python3 "$E2E_DIR/miltraw.py" "$SOCK" 20000 >"$L/raw.out" 2>&1 &
RAW_PID=$!
wait_until 10 grep -q stalled "$L/raw.out" &&
	t_ok "a raw milter client stalls in the middle of a packet" ||
	t_fail "a raw milter client stalls in the middle of a packet" "$(cat "$L/raw.out")"
# spill_fd: the stalled message's spill file among the daemon's descriptors.
spill_fd() {
	local f
	for f in /proc/"$MILTER_PID"/fd/*; do
		case $(readlink "$f") in "$SPOOL"/*) echo "$f"; return 0 ;; esac
	done
	return 1
}
fd=$(spill_fd)
if [ -n "$fd" ]; then
	flags=$(awk '/^flags:/ { print $2 }' "/proc/$MILTER_PID/fdinfo/${fd##*/}")
	[ "$(stat -L -c %a "$fd")" = 600 ] && readlink "$fd" | grep -q ' (deleted)$' &&
		[ $((0$flags & 0400000)) -ne 0 ] && [ $((0$flags & 02000000)) -ne 0 ] &&
		t_ok "its spill file is unlinked, mode 0600, opened O_NOFOLLOW|O_CLOEXEC" ||
		t_fail "its spill file is unlinked, mode 0600, opened O_NOFOLLOW|O_CLOEXEC" \
			"$(readlink "$fd") mode $(stat -L -c %a "$fd") flags $flags"
else
	t_fail "its spill file is unlinked, mode 0600, opened O_NOFOLLOW|O_CLOEXEC" "no spill file open"
fi

# Half a message at SMTP, then silence (descriptor 4 stays open).
exec 4<>"/dev/tcp/127.0.0.1/$PF_PORT"
printf 'EHLO stall.test.example\r\nMAIL FROM:<c@customer.example>\r\nRCPT TO:<%s>\r\nDATA\r\n' "$SUPPORT" >&4
sleep 1
printf 'From: c@customer.example\r\nTo: %s\r\nMessage-ID: <stalled@customer.example>\r\nSubject: half\r\n\r\nthe first half of the' "$SUPPORT" >&4
stall_ok=1
for i in 1 2 3; do
	id="<during$i@customer.example>"
	send_mail "during$i" --from c@customer.example --to "$SUPPORT" \
		--header "Message-Id: $id" --header "Subject: printer $i" --body "The printer is offline."
	[ "$SWAKS_RC" -eq 0 ] && [ -n "$(wait_mail "$SUPPORT" "$id")" ] || stall_ok=0
done
flows during || stall_ok=0
[ "$stall_ok" = 1 ] &&
	t_ok "while both clients stall, other mail for support and for others is delivered" ||
	t_fail "while both clients stall, other mail for support and for others is delivered" "$(swaks_replies "$SWAKS_OUT" | tail -n 3)"
exec 4>&-
kill "$RAW_PID" 2>/dev/null
wait "$RAW_PID" 2>/dev/null
RAW_PID=
wait_until 10 grep -q 'lost connection after DATA' "$PF_LOG" &&
	t_ok "Postfix logs the stalled client's lost connection" ||
	t_fail "Postfix logs the stalled client's lost connection"
sleep 1
[ "$(maildir_count "$SUPPORT" "<stalled@customer.example>")" -eq 0 ] &&
	t_ok "the half message is not delivered (the client never got a 250)" ||
	t_fail "the half message is not delivered (the client never got a 250)"
[ -z "$(spill_fd)" ] && t_ok "the stalled message's spill file is closed when its client goes" ||
	t_fail "the stalled message's spill file is closed when its client goes"
proc_alive "$MILTER_PID" && ! grep -q 'error:' <(sed -n '/killed with SIGKILL/,$p' "$MILTER_LOG" | grep -v 'reason=\(store\|internal\)-error') &&
	t_ok "the milter is still running, with no unexpected error logged" ||
	t_fail "the milter is still running, with no unexpected error logged" "$(grep -a 'error:' "$MILTER_LOG" | tail -n 5)"

pf_stop
t_finish
