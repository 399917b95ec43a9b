#!/bin/bash
#
# postfix.sh - end-to-end test of support-milter behind a real Postfix.
#
# Runs a private Postfix instance (own main.cf/master.cf, queue and logs in a
# temporary directory, smtpd on a free port of 127.0.0.1, virtual Maildir
# delivery for example.com and example.net) with support-milter as its
# smtpd milter, sends mail with swaks and looks at what the SMTP client was
# told and at what ended up in the Maildirs and in the milter's database.
# The system Postfix instance is never used or touched.
#
# Usage:  bash tests/e2e/postfix.sh          (as root; from any directory)
#   SUPPORT_MILTER=/path/to/binary   test that binary instead of build/
#   KEEP=1      keep the temporary directory (logs, Maildirs, transcripts)
#   VERBOSE=1   print every SMTP transcript
#   E2E_PORT=N  use port N for the private smtpd
#
# Output is TAP-like ("ok N - ...", "not ok N - ..."), then
# "e2e: N passed, M failed". Exit status 0 only if every check passed; 77
# (the automake "skipped" status) if a prerequisite is missing.

set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"


SUPPORT=support@example.com
ALICE=alice@example.com
BOB=bob@example.net
SENDER=customer@example.org

# --------------------------------------------------------------------------
# Prerequisites. Missing tools mean "cannot run here" (skip), but a missing
# milter binary is a failure: the test exists to exercise it.
# --------------------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
	echo "1..0 # SKIP must run as root (postfix start needs it)"
	exit 77
fi
for cmd in postfix postconf swaks mdb_dump; do
	if ! command -v "$cmd" >/dev/null 2>&1; then
		echo "1..0 # SKIP $cmd not installed (packaging/install-deps.sh test)"
		exit 77
	fi
done
if [ ! -x "$BIN" ]; then
	echo "Bail out! milter binary $BIN not found (run make, or set SUPPORT_MILTER)"
	exit 1
fi

SECONDS=0
e2e_init

SOCK=$E2E_TMP/milter/support-milter.sock
DB=$E2E_TMP/db
CONF=$E2E_TMP/milter.conf
# Every message gets a unique Message-Id: it is how a message is found in
# a Maildir, and it keeps the milter's per-message records apart.
MID=$$.$(date +%s)

# --------------------------------------------------------------------------
# 1. Private Postfix instance with support-milter as its smtpd milter.
# --------------------------------------------------------------------------
PORT=${E2E_PORT:-$(free_port)} || t_bail "find a free TCP port"
pf_setup "$PORT" "$SUPPORT" "$ALICE" "$BOB" || t_bail "write Postfix configuration"
# milter_default_action is set explicitly: its default changed from tempfail
# to shutdown in Postfix 3.11, and check (e) relies on tempfail. The short
# timeouts only matter if the milter hangs: they turn a hang into a quick
# failure instead of a stalled test.
pf_set "smtpd_milters = unix:$SOCK" \
	"non_smtpd_milters =" \
	"milter_default_action = tempfail" \
	"milter_protocol = 6" \
	"milter_connect_timeout = 10s" \
	"milter_command_timeout = 20s" \
	"milter_content_timeout = 30s"
if pf_check; then
	t_ok "private Postfix configuration passes postfix check"
else
	t_bail "private Postfix configuration passes postfix check"
fi

# --------------------------------------------------------------------------
# 2. The milter, in the foreground as a background job of this script.
# --------------------------------------------------------------------------
# The socket directory must be searchable by user postfix (smtpd connects
# as postfix); the socket itself gets group postfix and mode 0660 from the
# milter. The database directory is created here as systemd's
# StateDirectory= would create it in production.
mkdir -m 0755 "$E2E_TMP/milter"
mkdir -m 0700 "$DB"
cat >"$CONF" <<EOF
# support-milter configuration for tests/e2e/postfix.sh
support_addresses = [ "$SUPPORT" ];
socket = "unix:$SOCK";
socket_mode = "0660";
socket_group = "postfix";
database = "$DB";
multi_recipient_action = "remove";
spill_size = "4K";
max_message_size = "64K";
spool_directory = "$E2E_TMP/spool";
EOF
mkdir -m 0700 "$E2E_TMP/spool"

if milter_start "$BIN" "$CONF" "$SOCK"; then
	t_ok "milter starts and creates its socket"
else
	t_bail "milter starts and creates its socket"
fi

# Postfix runs as user postfix: a socket left with the root umask would
# make every connection fail with "Permission denied" (then tempfail).
perm=$(stat -c '%a %G' "$SOCK")
if [ "$perm" = "660 postfix" ]; then
	t_ok "milter socket has mode 0660 and group postfix"
else
	t_fail "milter socket has mode 0660 and group postfix" "found: $perm"
fi

# --------------------------------------------------------------------------
# 3. Start Postfix (waits until smtpd greets on $PORT).
# --------------------------------------------------------------------------
if pf_start; then
	t_ok "private Postfix answers on 127.0.0.1:$PORT"
else
	t_bail "private Postfix answers on 127.0.0.1:$PORT"
fi

# --------------------------------------------------------------------------
# Helpers for the checks below.
# --------------------------------------------------------------------------

# has_milter_header FILE: the message carries an X-Support-Milter header.
has_milter_header() {
	[ -n "$(mail_header "$1" X-Support-Milter)" ]
}

# --------------------------------------------------------------------------
# a. support@ only in Cc: rejected with a multi-line 550 5.7.1 that tells
#    the sender to put the support address in To. Headers are only known at
#    end of DATA, so the reject comes after the message was sent (swaks 26).
# --------------------------------------------------------------------------
MID_A="<e2e-a.$MID@client.test.example>"
send_mail a --from "$SENDER" --to "$SUPPORT" \
	--h-To "$ALICE" --header "Cc: $SUPPORT" \
	--header "Message-Id: $MID_A" --h-Subject "Question in Cc"
expect_rc "a: Cc-only mail is rejected after end of DATA (swaks exit 26)" 26

replies_550=$(swaks_replies "$SWAKS_OUT" | grep '^550[- ]')
n550=$(printf '%s' "$replies_550" | grep -c '^550')
if [ "$n550" -ge 2 ] &&
	! printf '%s\n' "$replies_550" | grep -v -q '^550[- ]5\.7\.1\( \|$\)' &&
	printf '%s\n' "$replies_550" | tail -n 1 | grep -q '^550 5\.7\.1'; then
	t_ok "a: reject is a multi-line 550 5.7.1 reply ($n550 lines)"
else
	t_fail "a: reject is a multi-line 550 5.7.1 reply ($n550 lines)" \
		"server replies:" "$(swaks_replies "$SWAKS_OUT" | grep -v '^250-')"
fi
if printf '%s\n' "$replies_550" | grep -q -F "$SUPPORT"; then
	t_ok "a: reject text names $SUPPORT"
else
	t_fail "a: reject text names $SUPPORT" "550 lines:" "$replies_550"
fi
if [ "$(maildir_count "$SUPPORT" "$MID_A")" -eq 0 ]; then
	t_ok "a: nothing delivered to $SUPPORT"
else
	t_fail "a: nothing delivered to $SUPPORT" "$(maildir_find "$SUPPORT" "$MID_A")"
fi

# --------------------------------------------------------------------------
# b. support@ in To: delivered, marked by the milter, decision recorded.
# --------------------------------------------------------------------------
MID_B="<e2e-b.$MID@client.test.example>"
send_mail b --from "$SENDER" --to "$SUPPORT" --h-To "$SUPPORT" \
	--header "Message-Id: $MID_B" --h-Subject "Printer on fire" \
	--body "The printer on floor 3 is on fire. Please advise."
expect_rc "b: To mail to $SUPPORT is accepted" 0

file_b=$(wait_mail "$SUPPORT" "$MID_B")
if [ -n "$file_b" ]; then
	t_ok "b: delivered to $SUPPORT"
	hdr=$(mail_header "$file_b" X-Support-Milter)
	if printf '%s\n' "$hdr" | grep -q 'recipient=to'; then
		t_ok "b: delivered copy has X-Support-Milter: ... recipient=to"
	else
		t_fail "b: delivered copy has X-Support-Milter: ... recipient=to" \
			"X-Support-Milter: ${hdr:-<none>}"
	fi
else
	t_fail "b: delivered to $SUPPORT" "no file with $MID_B in $(maildir "$SUPPORT")"
	t_fail "b: delivered copy has X-Support-Milter: ... recipient=to" "not delivered"
fi

if [ -f "$DB/data.mdb" ]; then
	t_ok "b: database $DB/data.mdb exists"
else
	t_fail "b: database $DB/data.mdb exists" "$(ls -la "$DB")"
fi
# -a dumps every named sub-database as well as the main one, so the check
# does not depend on how the milter names its sub-databases; -p prints
# values as text.
dump=$(mdb_dump -a -p "$DB" 2>&1)
if printf '%s\n' "$dump" | grep -q 'action=accept'; then
	t_ok "b: database records the decision (action=accept)"
else
	t_fail "b: database records the decision (action=accept)" \
		"mdb_dump -a -p $DB:" "$(printf '%s\n' "$dump" | head -n 20)"
fi

# --------------------------------------------------------------------------
# c. Mail for another local address passes untouched. The body has the
#    lines most easily damaged on the way: trailing spaces, a "From " line
#    (mbox quoting), a leading dot (SMTP dot-stuffing) and a leading tab.
#    It is sent with --data and no final newline because swaks always
#    appends CRLF before the final "."; the expected body is the same text
#    with its final newline (Maildir stores LF line ends).
# --------------------------------------------------------------------------
MID_C="<e2e-c.$MID@client.test.example>"
body_c=$'Hello Alice,\nthis line ends with three spaces   \nFrom the accounts team: this line starts with "From ".\n.this line starts with a dot\n\tthis one with a tab\n\nRegards\n'
{
	printf 'From: %s\nTo: %s\nSubject: %s\nMessage-Id: %s\nDate: %s\n\n' \
		"$SENDER" "$ALICE" "Invoice 42" "$MID_C" "$(date -R)"
	printf '%s' "${body_c%$'\n'}"
} >"$E2E_TMP/message-c"
printf '%s' "$body_c" >"$E2E_TMP/body-c.expected"

send_mail c --from "$SENDER" --to "$ALICE" --data "@$E2E_TMP/message-c"
expect_rc "c: mail to $ALICE is accepted" 0

file_c=$(wait_mail "$ALICE" "$MID_C")
if [ -n "$file_c" ]; then
	t_ok "c: delivered to $ALICE"
	mail_body "$file_c" >"$E2E_TMP/body-c.delivered"
	if cmp -s "$E2E_TMP/body-c.expected" "$E2E_TMP/body-c.delivered"; then
		t_ok "c: body is byte-identical to what was sent"
	else
		t_fail "c: body is byte-identical to what was sent" \
			"$(diff -u "$E2E_TMP/body-c.expected" "$E2E_TMP/body-c.delivered" | cat -A)"
	fi
	if has_milter_header "$file_c"; then
		t_fail "c: no X-Support-Milter header on mail not for support" \
			"X-Support-Milter: $(mail_header "$file_c" X-Support-Milter)"
	else
		t_ok "c: no X-Support-Milter header on mail not for support"
	fi
else
	t_fail "c: delivered to $ALICE" "no file with $MID_C in $(maildir "$ALICE")"
	t_fail "c: body is byte-identical to what was sent" "not delivered"
	t_fail "c: no X-Support-Milter header on mail not for support" "not delivered"
fi

# --------------------------------------------------------------------------
# d. support@ in Cc with another recipient: with multi_recipient_action =
#    "remove" the mail is accepted for the others and support@ is dropped.
#    Waiting for Postfix to log "removed" for the queue ID means every
#    recipient has been handled, so "not delivered" is a real result.
# --------------------------------------------------------------------------
MID_D="<e2e-d.$MID@client.test.example>"
send_mail d --from "$SENDER" --to "$SUPPORT,$BOB" \
	--h-To "$BOB" --header "Cc: $SUPPORT" \
	--header "Message-Id: $MID_D" --h-Subject "Lunch, and the printer"
expect_rc "d: mixed-recipient mail is accepted" 0

if [ -n "$(wait_mail "$BOB" "$MID_D")" ]; then
	t_ok "d: delivered to $BOB"
else
	t_fail "d: delivered to $BOB" "no file with $MID_D in $(maildir "$BOB")"
fi
# No queue ID means nothing was queued (the check above already failed).
qid_d=$(swaks_queue_id "$SWAKS_OUT")
[ -n "$qid_d" ] && pf_wait_removed "$qid_d"
if [ "$(maildir_count "$SUPPORT" "$MID_D")" -eq 0 ]; then
	t_ok "d: not delivered to $SUPPORT"
else
	t_fail "d: not delivered to $SUPPORT" "Postfix log for $qid_d:" \
		"$(grep -F -- " $qid_d: " "$PF_LOG")"
fi

# --------------------------------------------------------------------------
# f. A message larger than spill_size (4K here) is spooled to a file and
#    handled like any other: delivered with our header, body intact.
# g. A message larger than max_message_size (64K here) passes unmodified:
#    even with support only in Cc it is delivered, without our header, and
#    the log names the anomaly.
# --------------------------------------------------------------------------
# big_message FILE MSGID TO CC LINES: a message with LINES numbered lines.
big_message() {
	{
		printf 'From: %s\nTo: %s\n' "$SENDER" "$3"
		[ -n "$4" ] && printf 'Cc: %s\n' "$4"
		printf 'Subject: big\nMessage-Id: %s\n\n' "$2"
		seq -f 'line %.0f of a message bigger than the in-memory spool of the milter' "$5"
	} >"$1"
	# swaks ends the data with CRLF itself (see c.)
	truncate -s -1 "$1"
}
# sent_body FILE: the body as Maildir stores it.
sent_body() {
	sed '0,/^$/d' "$1"
	echo
}
MID_F="<e2e-f.$MID@client.test.example>"
big_message "$E2E_TMP/message-f" "$MID_F" "$SUPPORT" "" 300
send_mail f --from "$SENDER" --to "$SUPPORT" --data "@$E2E_TMP/message-f"
expect_rc "f: a 21 KB message (spilled to disk) is accepted" 0
file_f=$(wait_mail "$SUPPORT" "$MID_F")
if [ -n "$file_f" ] && has_milter_header "$file_f" &&
	mail_body "$file_f" | cmp -s - <(sent_body "$E2E_TMP/message-f"); then
	t_ok "f: delivered with our header and its body intact"
else
	t_fail "f: delivered with our header and its body intact" "file: ${file_f:-<none>}"
fi
t_check "f: the spool directory is left empty" \
	test -z "$(ls -A "$E2E_TMP/spool")"

MID_G="<e2e-g.$MID@client.test.example>"
big_message "$E2E_TMP/message-g" "$MID_G" "$ALICE" "$SUPPORT" 1200
send_mail g --from "$SENDER" --to "$SUPPORT" --data "@$E2E_TMP/message-g"
expect_rc "g: an 85 KB message above max_message_size is accepted" 0
file_g=$(wait_mail "$SUPPORT" "$MID_G")
if [ -n "$file_g" ] && ! has_milter_header "$file_g" &&
	mail_body "$file_g" | cmp -s - <(sent_body "$E2E_TMP/message-g"); then
	t_ok "g: delivered unmodified"
else
	t_fail "g: delivered unmodified" "file: ${file_g:-<none>}"
fi

# --------------------------------------------------------------------------
# Log: one line per message, the Postfix queue ID first, the decision as
# key=value; the queue ID is the one Postfix itself logs for the message.
# --------------------------------------------------------------------------
# log_check DESCRIPTION MSGID PATTERN POSTFIX_WORD: the milter's line for
# MSGID matches PATTERN, and Postfix logged POSTFIX_WORD under its queue ID.
log_check() {
	local line qid
	line=$(grep -F "msgid=${2//[<>]/} " "$MILTER_LOG" | head -n 1)
	qid=$(printf '%s\n' "$line" | sed -n 's/^support-milter: info: \([0-9A-F]\{6,\}\): action=.*/\1/p')
	if [ -n "$qid" ] && printf '%s\n' "$line" | grep -qE "$3" &&
		grep -q "$qid: $4" "$PF_LOG"; then
		t_ok "$1"
	else
		t_fail "$1" "milter line: ${line:-<none>}" "queue ID: ${qid:-<none>}"
	fi
}
log_check "log: Cc-only reject logged under its queue ID" "$MID_A" \
	' action=reject reason=cc-only from=<[^ ]+> rcpt=<support@example.com> .*policy=reject' \
	'milter-reject: END-OF-MESSAGE'
log_check "log: To mail logged under its queue ID" "$MID_B" \
	' action=accept reason=to .*policy=pass .*changed=yes' 'message-id='
log_check "log: removed recipient logged under its queue ID" "$MID_D" \
	' action=accept reason=cc-only .*policy=remove removed_rcpt=<support@example.com>' \
	'message-id='

log_check "log: oversize mail logged with its anomaly" "$MID_G" \
	' action=accept reason=oversize .*anomaly=oversize changed=no' 'message-id='

# --------------------------------------------------------------------------
# e. Milter down: Postfix applies milter_default_action = tempfail, so the
#    client gets a 4xx and retries later; after a restart the same mail
#    goes through. Postfix typically answers 451 4.7.1 at MAIL FROM.
# --------------------------------------------------------------------------
t_check "e: milter exits within 15 s of SIGTERM" milter_stop

MID_E="<e2e-e.$MID@client.test.example>"
send_e() {
	send_mail "$1" --from "$SENDER" --to "$SUPPORT" --h-To "$SUPPORT" \
		--header "Message-Id: $MID_E" --h-Subject "Printer still on fire"
}
send_e e1
if [ "$SWAKS_RC" -ne 0 ] &&
	swaks_replies "$SWAKS_OUT" | grep -q '^4[0-9][0-9][- ]' &&
	! swaks_replies "$SWAKS_OUT" | grep -q '^5[0-9][0-9][- ]'; then
	t_ok "e: with the milter down the client gets a 4xx temporary failure"
else
	t_fail "e: with the milter down the client gets a 4xx temporary failure" \
		"swaks exited $SWAKS_RC; server replies:" \
		"$(swaks_replies "$SWAKS_OUT" | grep -v '^250-')"
fi
# If Postfix accepted the mail after all, let it finish before looking.
qid_e=$(swaks_queue_id "$SWAKS_OUT")
[ -n "$qid_e" ] && pf_wait_removed "$qid_e"
if [ "$(maildir_count "$SUPPORT" "$MID_E")" -eq 0 ]; then
	t_ok "e: nothing delivered while the milter is down"
else
	t_fail "e: nothing delivered while the milter is down" \
		"$(maildir_find "$SUPPORT" "$MID_E")"
fi

if milter_start "$BIN" "$CONF" "$SOCK"; then
	t_ok "e: milter restarts with the same configuration"
else
	t_bail "e: milter restarts with the same configuration"
fi
send_e e2
expect_rc "e: after the restart the same mail is accepted" 0
file_e=$(wait_mail "$SUPPORT" "$MID_E")
if [ -n "$file_e" ] && [ "$(maildir_count "$SUPPORT" "$MID_E")" -eq 1 ]; then
	t_ok "e: after the restart it is delivered to $SUPPORT (once)"
else
	t_fail "e: after the restart it is delivered to $SUPPORT (once)" \
		"files: $(maildir_find "$SUPPORT" "$MID_E" | tr '\n' ' ')"
fi
if [ -n "$file_e" ] && has_milter_header "$file_e"; then
	t_ok "e: the restarted milter processed it (X-Support-Milter present)"
else
	t_fail "e: the restarted milter processed it (X-Support-Milter present)"
fi

# --------------------------------------------------------------------------
# Postfix validates every milter reply and logs protocol problems (e.g.
# "malformed reply") as warnings before applying the default action. The
# only milter warnings expected are the connect failures of check (e).
# --------------------------------------------------------------------------
warnings=$(grep -i 'warning:.*milter' "$PF_LOG" |
	grep -v -F "connect to Milter service unix:$SOCK")
if [ -z "$warnings" ]; then
	t_ok "Postfix logged no unexpected milter warnings"
else
	t_fail "Postfix logged no unexpected milter warnings" "$warnings"
fi

# Stop everything here rather than only in the EXIT trap, so that the
# reported runtime includes the shutdown and the summary is the last line.
pf_stop
milter_stop
echo "# runtime: ${SECONDS}s"
t_finish
