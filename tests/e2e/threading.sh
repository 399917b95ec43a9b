#!/bin/bash
#
# threading.sh - ticket threading through a real Postfix: support's
# notification teaches the milter its Message-ID; the customer's reply,
# without the token, reaches support with "Ticket [N]" restored in the
# Subject and the ticket header.  Then durability (the milter killed with
# SIGKILL right after a message was accepted: its record is there after the
# restart) and a failing database (every write refused by a file size
# limit: tempfail and a log line naming the cause).
#
# Usage: bash tests/e2e/threading.sh   (as root; SUPPORT_MILTER, KEEP, VERBOSE
# as in postfix.sh).  Output: TAP, then "e2e: N passed, M failed".

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

e2e_require "$BIN"
e2e_init
SUPPORT=support@example.com
CUSTOMER=alice@example.com
MID=$$.$(date +%s)
e2e_bed "$BIN" "$SUPPORT" "$CUSTOMER"

# --------------------------------------------------------------------------
# 1. Support's notification (from the support address, a trusted loopback
#    client) carries the token: the milter learns its Message-ID and passes
#    it unchanged.
# --------------------------------------------------------------------------
N1="<n1.$MID@example.com>"
send_mail n1 --from "$SUPPORT" --to "$CUSTOMER" --h-From "Support <$SUPPORT>" \
	--h-To "$CUSTOMER" --h-Subject "Ticket [4711] Printer on fire" \
	--header "Message-Id: $N1" --body "We are looking into it."
[ "$SWAKS_RC" -eq 0 ] && t_ok "notification from support is accepted" ||
	t_fail "notification from support is accepted" "swaks exit $SWAKS_RC"
file=$(wait_mail "$CUSTOMER" "$N1")
if [ -n "$file" ] && [ "$(mail_header "$file" Subject)" = "Ticket [4711] Printer on fire" ] &&
	[ -z "$(mail_header "$file" X-Support-Ticket)$(mail_header "$file" X-Support-Milter)" ]; then
	t_ok "the customer gets it unchanged, without our headers"
else
	t_fail "the customer gets it unchanged, without our headers" "file: ${file:-<none>}"
fi

# --------------------------------------------------------------------------
# 2. The customer replies and deletes the token; the client keeps
#    In-Reply-To.  Support receives it threaded.
# --------------------------------------------------------------------------
R1="<r1.$MID@customer.example>"
send_mail r1 --from "$CUSTOMER" --to "$SUPPORT" --h-To "$SUPPORT" \
	--h-Subject "AW: Re: Printer on fire" --header "Message-Id: $R1" \
	--header "In-Reply-To: $N1" --header "References: $N1" \
	--body "It is still burning."
[ "$SWAKS_RC" -eq 0 ] && t_ok "the customer's reply is accepted" ||
	t_fail "the customer's reply is accepted" "swaks exit $SWAKS_RC"
file=$(wait_mail "$SUPPORT" "$R1")
subj=$([ -n "$file" ] && mail_header "$file" Subject)
tick=$([ -n "$file" ] && mail_header "$file" X-Support-Ticket)
if [ "$subj" = "Ticket [4711] Printer on fire" ]; then
	t_ok "the reply reaches support as \"Ticket [4711] Printer on fire\""
else
	t_fail "the reply reaches support as \"Ticket [4711] Printer on fire\"" "Subject: ${subj:-<none>}"
fi
if [ "$tick" = "4711; found=references" ]; then
	t_ok "X-Support-Ticket: 4711; found=references"
else
	t_fail "X-Support-Ticket: 4711; found=references" "X-Support-Ticket: ${tick:-<none>}"
fi

# 3. A reply that keeps the token in an odd spelling is written canonically.
R2="<r2.$MID@customer.example>"
send_mail r2 --from "$CUSTOMER" --to "$SUPPORT" --h-To "$SUPPORT" \
	--h-Subject "RE: [EXTERNAL] TICKET[ 4711 ] Printer on fire" \
	--header "Message-Id: $R2" --body "Now it is out."
file=$(wait_mail "$SUPPORT" "$R2")
subj=$([ -n "$file" ] && mail_header "$file" Subject)
[ "$subj" = "Ticket [4711] Printer on fire" ] &&
	t_ok "an odd token spelling is written canonically" ||
	t_fail "an odd token spelling is written canonically" "Subject: ${subj:-<none>}"

# --------------------------------------------------------------------------
# 4. Durability: SIGKILL right after the message was accepted.  The record
#    was committed before the milter answered, so it is there afterwards.
# --------------------------------------------------------------------------
R3="<r3.$MID@customer.example>"
send_mail r3 --from "$CUSTOMER" --to "$SUPPORT" --h-To "$SUPPORT" \
	--h-Subject "Re: Printer on fire" --header "Message-Id: $R3" \
	--header "In-Reply-To: $N1"
rc=$SWAKS_RC
kill -KILL "$MILTER_PID"
wait "$MILTER_PID" 2>/dev/null
MILTER_PID=
[ "$rc" -eq 0 ] && t_ok "a reply is accepted, then the milter is killed (SIGKILL)" ||
	t_fail "a reply is accepted, then the milter is killed (SIGKILL)" "swaks exit $rc"
milter_start "$BIN" "$CONF" "$SOCK" && t_ok "the milter restarts after SIGKILL" ||
	t_fail "the milter restarts after SIGKILL"
out=$("$DBTOOL" -c "$CONF" lookup "$R3" 2>&1)
if printf '%s\n' "$out" | head -n 1 | grep -qx 4711; then
	t_ok "after the restart the database maps its Message-ID to 4711"
else
	t_fail "after the restart the database maps its Message-ID to 4711" "$out"
fi

# --------------------------------------------------------------------------
# 5. A database that refuses every write (a file size limit of 0 makes each
#    page write fail with EFBIG): the message is tempfailed, the log names
#    the cause, and mail not for support still flows.
# --------------------------------------------------------------------------
milter_stop
echo "---- $(date '+%F %T') starting with ulimit -f 0" >>"$MILTER_LOG"
# The log goes through a pipe to a cat started outside the limit: the
# limit applies to the files a process writes, and cat must not inherit it.
exec 3> >(cat >>"$MILTER_LOG")
(ulimit -f 0 && exec "$BIN" -f -c "$CONF" </dev/null 2>&3 3>&-) &
MILTER_PID=$!
exec 3>&-
wait_until 10 test -S "$SOCK" || t_fail "the milter starts with a file size limit of 0"
R4="<r4.$MID@customer.example>"
send_mail r4 --from "$CUSTOMER" --to "$SUPPORT" --h-To "$SUPPORT" \
	--h-Subject "Re: Printer on fire" --header "Message-Id: $R4"
if swaks_replies "$SWAKS_OUT" | grep -q '^451 4\.3\.0 support-milter cannot record'; then
	t_ok "a failing database tempfails the message (451 4.3.0)"
else
	t_fail "a failing database tempfails the message (451 4.3.0)" \
		"$(swaks_replies "$SWAKS_OUT" | tail -n 3)"
fi
wait_until 5 grep -q "action=tempfail reason=store-error" "$MILTER_LOG"
if grep -E 'error: [0-9A-F]+: action=tempfail reason=store-error .*error="store [^"]*: (mdb_txn_commit|mdb_put): File too large"' "$MILTER_LOG" >/dev/null; then
	t_ok "the log line names the queue ID, the action and the cause"
else
	t_fail "the log line names the queue ID, the action and the cause" \
		"$(grep -a store-error "$MILTER_LOG" | tail -n 2)"
fi
[ "$(maildir_count "$SUPPORT" "$R4")" -eq 0 ] && t_ok "nothing half-delivered" ||
	t_fail "nothing half-delivered"
O1="<o1.$MID@example.org>"
send_mail o1 --from "bob@example.org" --to "$CUSTOMER" --header "Message-Id: $O1"
[ -n "$(wait_mail "$CUSTOMER" "$O1")" ] && t_ok "mail not for support still flows" ||
	t_fail "mail not for support still flows" "swaks exit $SWAKS_RC"

pf_stop
milter_stop
t_finish
