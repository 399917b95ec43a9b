#!/bin/bash
#
# demo.sh - what support-milter does, in one command (`make demo`).
#
# Starts a private Postfix on 127.0.0.1 (its own configuration, queue and
# Maildirs in a temporary directory; the system's Postfix is not touched)
# with support-milter as its milter, sends the example mails of this
# directory, and shows for each what the sender's server was told and
# what was delivered, before and after.  Everything is stopped and removed
# at the end (KEEP=1 keeps the directory).  Needs root, like Postfix.
# Exits non-zero when a step did not go as described, so `make check`
# can run it too.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/e2e/lib.sh
. "$HERE/../../tests/e2e/lib.sh"
SUPPORT=support@example.com
ALICE=alice@example.com
CUSTOMER=john.smith@contoso.example
SHOW="python3 $HERE/show.py"

e2e_require "$BIN"
e2e_init
e2e_bed "$BIN" "$SUPPORT" "$ALICE" "$CUSTOMER" >/dev/null

# step N TITLE: a heading.
step() { printf '\n\033[1m== %s. %s\033[0m\n' "$1" "$2"; }
# say TEXT: a line of explanation.
say() { printf '   %s\n' "$*"; }
# expect WHAT COMMAND...: the demo's own check; a failure is reported.
expect() {
	local what=$1
	shift
	if "$@"; then
		t_ok "$what" >/dev/null
	else
		t_fail "$what" >/dev/null
		say "!! expected: $what"
	fi
}
# told: what the sending server was told at the end of DATA.
told() { swaks_replies "$SWAKS_OUT" | sed -n '/^354/,$p' | sed '1d; /^221/d; s/^/     /'; }
# logged QID: support-milter's log line for a queue ID.
logged() { grep -h ": $1: \|^[^ ]* $1: " "$MILTER_LOG" | sed 's/^support-milter: [a-z]*: /     /'; }
# deliver NAME FILE FROM TO: send FILE and wait for its delivery to TO;
# the delivered file goes to $file.
deliver() {
	local mid
	mid=$(sed -n 's/^Message-I[Dd]: *<\(.*\)>.*/\1/p' "$2" | head -n 1)
	send_mail "$1" --from "$3" --to "$4" --data "@$2"
	file=$(wait_mail "$4" "$mid")
}

say "A private Postfix on 127.0.0.1:$PF_PORT passes mail through support-milter"
say "(support address $SUPPORT, database $DB)."

step 1 "A request with $SUPPORT only in Cc"
$SHOW "$HERE/01-cc-only-request.eml"
send_mail cc --from peter.lang@customer.example --to "$SUPPORT" \
	--data "@$HERE/01-cc-only-request.eml"
say "The sending server is told, and the customer's bounce will say:"
told
expect "the Cc-only request is rejected with the guidance" \
	grep -q "550.5.7.1 Our support procedure needs $SUPPORT in the To field" "$SWAKS_OUT"

step 2 "The ticket system sends a notification from $SUPPORT (a trusted client)"
deliver notify "$HERE/02-ticket-notification.eml" "$SUPPORT" "$CUSTOMER"
say "support-milter learns that its Message-ID belongs to ticket 48213"
say "(support's own mail is never changed); its log line:"
logged "$(swaks_queue_id "$SWAKS_OUT")"
expect "the notification is learned" grep -q "policy=learn" "$MILTER_LOG"

step 3 "An Outlook reply with a signature logo and the quoted history"
say "Before (as the customer sent it):"
$SHOW "$HERE/03-outlook-reply.eml"
deliver outlook "$HERE/03-outlook-reply.eml" "$CUSTOMER" "$SUPPORT"
say "After (as the ticket system receives it):"
[ -n "$file" ] && $SHOW "$file"
expect "the Outlook reply arrives cleaned" \
	grep -q "^X-Support-Cleaned: quote=yes; signature=yes" "$file"

step 4 "A reply that lost its ticket token"
$SHOW "$HERE/04-reply-lost-token.eml"
deliver lost "$HERE/04-reply-lost-token.eml" "$CUSTOMER" "$SUPPORT"
say "In-Reply-To names the notification of step 2, so the ticket is found:"
[ -n "$file" ] && $SHOW "$file"
expect "the lost token is put back into the Subject" \
	grep -q "^Subject: Ticket \[48213\] Nightly export fails" "$file"
expect "the ticket system is told how it was found" \
	grep -q "^X-Support-Ticket: 48213; found=references" "$file"

step 5 "Mail for someone else"
deliver other "$HERE/05-not-for-support.eml" peter.lang@customer.example "$ALICE"
if [ -n "$file" ] && cmp -s <(mail_body "$file") <(sed '0,/^$/d' "$HERE/05-not-for-support.eml"; echo) &&
	! grep -q "^X-Support-" "$file"; then
	say "Delivered to $ALICE byte for byte, without any header of ours:"
	expect "mail for someone else is untouched" true
else
	expect "mail for someone else is untouched" false
fi

say "Its log line:"
logged "$(swaks_queue_id "$SWAKS_OUT")"

step 6 "What the database recorded about ticket 48213"
"$TOP/build/support-milter-db" -c "$CONF" ticket 48213 | sed 's/^/     /'

pf_stop
milter_stop
printf '\n'
t_finish >"$E2E_TMP/summary"
rc=$?
tail -n 1 "$E2E_TMP/summary"
exit $rc
