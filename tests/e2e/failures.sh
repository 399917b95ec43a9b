#!/bin/bash
#
# failures.sh - failure actions, exempt senders and the statistics file
# through a real Postfix: an oversize message for support is held in
# Postfix's hold queue (on_oversize = "quarantine"), not lost and not
# delivered; a Cc-only message from an exempt sender is delivered marked
# policy=exempt; the statistics file and `support-milter-db stats
# --prometheus` count what happened.
#
# Usage: bash tests/e2e/failures.sh   (as root; SUPPORT_MILTER, KEEP as in
# postfix.sh).  Output: TAP, then "e2e: N passed, M failed".

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

e2e_require "$BIN"
e2e_init
SUPPORT=support@example.com
ALICE=alice@example.com
STATS=$E2E_TMP/stats/support-milter.prom
mkdir -p "$E2E_TMP/stats"
E2E_EXTRA_CONF="max_message_size = \"16K\";
on_oversize = \"quarantine\";
exempt_senders = [ \"partner.example\" ];
stats_file = \"$STATS\";
stats_interval = 1;"
e2e_bed "$BIN" "$SUPPORT" "$ALICE"

# stat NAME: the value of one series in the statistics file.
stat() { awk -v k="support_milter_$1" '$1 == k { print $2 }' "$STATS"; }

[ -f "$STATS" ] && [ "$(stat 'messages_total{kind="support"}')" = 0 ] &&
	t_ok "the statistics file is written at start, all counters 0" ||
	t_fail "the statistics file is written at start, all counters 0" "$(cat "$STATS" 2>&1)"

# --- oversize: held, not delivered, not lost ---------------------------------
big=$E2E_TMP/big.eml
{
	printf 'From: c@customer.example\nTo: %s\nSubject: big log\n' "$SUPPORT"
	printf 'Message-ID: <big@customer.example>\n\n'
	for i in $(seq 1 600); do echo "log line $i: the service stopped again"; done
} >"$big"
send_mail big --from c@customer.example --to "$SUPPORT" --data "@$big"
qid=$(swaks_queue_id "$SWAKS_OUT")
[ "$SWAKS_RC" -eq 0 ] && [ -n "$qid" ] &&
	t_ok "an oversize message for support is accepted (250, queued as $qid)" ||
	t_fail "an oversize message for support is accepted" "$(swaks_replies "$SWAKS_OUT")"
held() { postqueue -c "$PF_DIR" -j 2>/dev/null | grep "\"queue_id\": *\"$qid\"" | grep -q "\"queue_name\": *\"hold\""; }
wait_until 10 held &&
	t_ok "it waits in Postfix's hold queue (on_oversize = quarantine)" ||
	t_fail "it waits in Postfix's hold queue (on_oversize = quarantine)" "$(postqueue -c "$PF_DIR" -j 2>&1)"
sleep 1
! mail_present "$SUPPORT" "big@customer.example" &&
	t_ok "a held message is not delivered" ||
	t_fail "a held message is not delivered"
grep -q "$qid: action=quarantine reason=oversize" "$MILTER_LOG" &&
	t_ok "the log line says action=quarantine reason=oversize" ||
	t_fail "the log line says action=quarantine reason=oversize" "$(grep "$qid" "$MILTER_LOG")"
postsuper -c "$PF_DIR" -H "$qid" >/dev/null 2>&1
postqueue -c "$PF_DIR" -f
file=$(wait_mail "$SUPPORT" "big@customer.example")
[ -n "$file" ] && cmp -s <(mail_body "$file") <(sed '0,/^$/d' "$big"; echo) &&
	t_ok "released with postsuper -H, it is delivered unmodified" ||
	t_fail "released with postsuper -H, it is delivered unmodified" "file: ${file:-<none>}"

# --- exempt sender: Cc-only, delivered, marked ------------------------------
send_mail ex --from tickets@eu.partner.example --to "$SUPPORT" \
	--h-To "$ALICE" --header "Cc: $SUPPORT" \
	--header "Message-ID: <exempt@partner.example>" --header "Subject: status" \
	--body "Status report from the partner system."
[ "$SWAKS_RC" -eq 0 ] &&
	t_ok "Cc-only mail from an exempt sender is accepted" ||
	t_fail "Cc-only mail from an exempt sender is accepted" "$(swaks_replies "$SWAKS_OUT")"
file=$(wait_mail "$SUPPORT" "exempt@partner.example")
[ -n "$file" ] && mail_header "$file" X-Support-Milter | grep -q "recipient=cc-only; policy=exempt" &&
	t_ok "it reaches support marked policy=exempt" ||
	t_fail "it reaches support marked policy=exempt" "file: ${file:-<none>}"

# --- the same from anyone else: the guidance ---------------------------------
send_mail cc --from someone@customer.example --to "$SUPPORT" \
	--h-To "$ALICE" --header "Cc: $SUPPORT" \
	--header "Subject: help" --body "Please help."
swaks_replies "$SWAKS_OUT" | grep -q "^550.5\.7\.1" &&
	t_ok "Cc-only mail from anyone else gets the 550 5.7.1 guidance" ||
	t_fail "Cc-only mail from anyone else gets the 550 5.7.1 guidance" "$(swaks_replies "$SWAKS_OUT")"

# --- to support, and to someone else -----------------------------------------
send_mail to --from c@customer.example --to "$SUPPORT" \
	--header "Message-ID: <to@customer.example>" --header "Subject: printer" \
	--body "The printer is offline."
send_mail other --from c@customer.example --to "$ALICE" \
	--header "Message-ID: <other@customer.example>" --body "Lunch?"
wait_mail "$SUPPORT" "to@customer.example" >/dev/null
wait_mail "$ALICE" "other@customer.example" >/dev/null

# --- statistics ---------------------------------------------------------------
want='messages_total{kind="support"} 4
messages_total{kind="not-support"} 1
policy_total{policy="pass"} 1
policy_total{policy="exempt"} 1
policy_total{policy="reject"} 1
rejected_total{reason="cc-only"} 1
failures_total{class="oversize"} 1'
counted() {
	local line
	while IFS= read -r line; do
		[ "$(stat "${line% *}")" = "${line##* }" ] || return 1
	done <<<"$want"
}
wait_until 5 counted &&
	t_ok "the statistics file counts support, not-support, policies, rejects and failures" ||
	t_fail "the statistics file counts support, not-support, policies, rejects and failures" "$(grep -v '^#' "$STATS")"
grep -q '^# TYPE support_milter_messages_total counter$' "$STATS" &&
	grep -q '^support_milter_start_time_seconds [0-9]\{10\}$' "$STATS" &&
	t_ok "it is in Prometheus text format, with the start time" ||
	t_fail "it is in Prometheus text format, with the start time" "$(head -5 "$STATS")"
db=$("$DBTOOL" -c "$CONF" stats --prometheus 2>&1)
printf '%s\n' "$db" | grep -q '^support_milter_messages_total{kind="support"} 4$' &&
	printf '%s\n' "$db" | grep -q '^support_milter_rejected_total{reason="cc-only"} 1$' &&
	printf '%s\n' "$db" | grep -q '^support_milter_messages_total{kind="not-support"} 0$' &&
	t_ok "support-milter-db stats --prometheus has the recorded support mail's totals" ||
	t_fail "support-milter-db stats --prometheus has the recorded support mail's totals" "$db"
milter_stop
[ "$(stat 'messages_total{kind="support"}')" = 4 ] &&
	t_ok "the file is written a last time when the daemon stops" ||
	t_fail "the file is written a last time when the daemon stops" "$(cat "$STATS")"

pf_stop
t_finish
