#!/bin/bash
#
# sendmail.sh - end-to-end test of support-milter behind a real Sendmail.
#
# Runs Debian 12's Sendmail (unpacked privately by tests/e2e/sm-fetch.sh,
# see sm-lib.sh) on a free port of 127.0.0.1 with support-milter attached
# through INPUT_MAIL_FILTER (F=T), relaying to a private Postfix without
# milters that delivers into Maildirs.  Asserts what postfix.sh asserts for
# the core behaviours: Cc-only mail rejected with the whole 550 5.7.1
# guidance, To mail delivered marked and cleaned, other mail untouched,
# support removed from a mail for several recipients, the decision in the
# database, and a 4xx while the milter is down.
#
# Usage:  bash tests/e2e/sendmail.sh   (as root; SUPPORT_MILTER, KEEP,
#         VERBOSE as in postfix.sh; SM_CACHE: where Sendmail is unpacked)
# Output: TAP, then "e2e: N passed, M failed"; 77 if a tool is missing.

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/e2e/sm-lib.sh
. "$E2E_DIR/sm-lib.sh"

e2e_require "$BIN"
for cmd in postfix swaks mdb_dump m4 unshare python3 apt-get dpkg-deb; do
	if ! command -v "$cmd" >/dev/null 2>&1; then
		echo "1..0 # SKIP $cmd not installed (packaging/install-deps.sh test)"
		exit 77
	fi
done
SECONDS=0
e2e_init

SUPPORT=support@example.com
ALICE=alice@example.com
BOB=bob@example.net
SENDER=customer@example.org
MID=$$.$(date +%s)
SOCK=$E2E_TMP/milter/support-milter.sock
CONF=$E2E_TMP/milter.conf
DB=$E2E_TMP/db
DATA=$E2E_TMP/data-files
python3 "$TOP/tests/data/gen_mail.py" "$DATA" >/dev/null ||
	t_bail "generate the test message"

# --------------------------------------------------------------------------
# The bed: milter, Postfix (delivery only), Sendmail with the milter.
# Sendmail connects to the milter as root, so the socket needs no group.
# --------------------------------------------------------------------------
mkdir -m 0755 "$E2E_TMP/milter"
cat >"$CONF" <<EOF
# support-milter configuration for tests/e2e/sendmail.sh
support_addresses = [ "$SUPPORT" ];
socket = "unix:$SOCK";
database = "$DB";
multi_recipient_action = "remove";
EOF
milter_start "$BIN" "$CONF" "$SOCK" || t_bail "milter starts"
pf_setup "$(free_port)" "$SUPPORT" "$ALICE" "$BOB" ||
	t_bail "write Postfix configuration"
pf_set "smtpd_milters =" "non_smtpd_milters ="
pf_start || t_bail "private Postfix (delivery) answers on 127.0.0.1:$PF_PORT"
SMTP_PORT=$(free_port) || t_bail "find a free TCP port"
if sm_setup "$SMTP_PORT" "$PF_PORT" "$SOCK"; then
	t_ok "sendmail.cf built with INPUT_MAIL_FILTER from Debian's cf macros"
else
	t_bail "sendmail.cf built with INPUT_MAIL_FILTER from Debian's cf macros"
fi
if sm_start; then
	t_ok "private Sendmail answers on 127.0.0.1:$SMTP_PORT"
else
	t_bail "private Sendmail answers on 127.0.0.1:$SMTP_PORT"
fi

# pf_qid MSGID: Postfix's queue ID for the message relayed by Sendmail.
pf_qid() {
	sed -n "s/.* \([0-9A-F]\{6,\}\): message-id=${1}\$/\1/p" "$PF_LOG" |
		head -n 1
}

# --------------------------------------------------------------------------
# a. support@ only in Cc: rejected at end of DATA with every line of the
#    guidance, exactly as the dry run prints it for the same message.
# --------------------------------------------------------------------------
MID_A="<sm-a.$MID@client.test.example>"
printf 'From: %s\nTo: %s\nCc: %s\nSubject: Question in Cc\nMessage-Id: %s\n\nHello' \
	"$SENDER" "$ALICE" "$SUPPORT" "$MID_A" >"$E2E_TMP/message-a"
send_mail a --from "$SENDER" --to "$SUPPORT" --data "@$E2E_TMP/message-a"
expect_rc "a: Cc-only mail is rejected after end of DATA (swaks exit 26)" 26
"$BIN" -c "$CONF" --db "$E2E_TMP/dry-db" --test "$E2E_TMP/message-a" \
	--from "$SENDER" --rcpt "$SUPPORT" >"$E2E_TMP/reply-a.expected"
swaks_replies "$SWAKS_OUT" | grep '^5' >"$E2E_TMP/reply-a.got"
n=$(wc -l <"$E2E_TMP/reply-a.got")
if [ "$n" -ge 2 ] && grep -q -F "$SUPPORT" "$E2E_TMP/reply-a.got" &&
	cmp -s "$E2E_TMP/reply-a.expected" "$E2E_TMP/reply-a.got"; then
	t_ok "a: the client gets all $n guidance lines as 550 5.7.1"
else
	t_fail "a: the client gets all $n guidance lines as 550 5.7.1" \
		"$(diff -u "$E2E_TMP/reply-a.expected" "$E2E_TMP/reply-a.got")"
fi

# --------------------------------------------------------------------------
# b. A customer's reply to support in To: delivered with our headers,
#    without quote, signature and logo, the attachments byte for byte.
#    Two forged X-Support-Milter headers in it are removed (smfi_chgheader
#    indexes as Sendmail counts them).
# --------------------------------------------------------------------------
MSG=$DATA/reply-logo-screenshot-pdf.eml
MID_B="reply-logo-screenshot-pdf@acme.example"
sed '1a X-Support-Milter: forged-1\nX-Mailer: test\nX-Support-Milter: forged-2' \
	"$MSG" >"$E2E_TMP/message-b"
send_mail b --from anna@acme.example --to "$SUPPORT" --data "@$E2E_TMP/message-b"
expect_rc "b: To mail to $SUPPORT is accepted" 0
file_b=$(wait_mail "$SUPPORT" "$MID_B")
[ -n "$file_b" ] || t_bail "b: delivered to $SUPPORT"
t_ok "b: delivered to $SUPPORT"
hdr=$(mail_header "$file_b" X-Support-Milter)
[ "$(printf '%s\n' "$hdr" | grep -c .)" -eq 1 ] &&
	printf '%s' "$hdr" | grep -q 'recipient=to' &&
	t_ok "b: one X-Support-Milter: ... recipient=to, the forged ones gone" ||
	t_fail "b: one X-Support-Milter: ... recipient=to, the forged ones gone" \
		"X-Support-Milter: ${hdr:-<none>}"
hdr=$(mail_header "$file_b" X-Support-Ticket)
[ "$hdr" = "4711; found=subject" ] &&
	t_ok "b: X-Support-Ticket: 4711; found=subject" ||
	t_fail "b: X-Support-Ticket: 4711; found=subject" "X-Support-Ticket: ${hdr:-<none>}"
python3 "$TOP/tests/data/parts.py" "$file_b" >"$E2E_TMP/parts"
sha() { sha256sum "$1" | cut -d' ' -f1; }
if grep -q "screenshot.png.*$(sha "$DATA/screenshot.png")" "$E2E_TMP/parts" &&
	grep -q "report.pdf.*$(sha "$DATA/report.pdf")" "$E2E_TMP/parts" &&
	! grep -q "logo.png" "$E2E_TMP/parts"; then
	t_ok "b: screenshot and PDF byte for byte (sha256), logo removed"
else
	t_fail "b: screenshot and PDF byte for byte (sha256), logo removed" \
		"$(cut -f1-4 "$E2E_TMP/parts")"
fi
text=$(awk -F'\t' '$1 == "text/plain" { print $5 }' "$E2E_TMP/parts")
if printf '%s' "$text" | grep -q "0x80070005" &&
	! printf '%s' "$text" | grep -qi "reply above this line\|We need a screenshot" &&
	! printf '%s' "$text" | grep -q "+49 30 1234567"; then
	t_ok "b: the text keeps the customer's words, without quote and signature"
else
	t_fail "b: the text keeps the customer's words, without quote and signature" "$text"
fi
hdr=$(mail_header "$file_b" X-Support-Cleaned)
printf '%s' "$hdr" | grep -q "quote=yes; signature=yes" &&
	t_ok "b: X-Support-Cleaned names what was removed" ||
	t_fail "b: X-Support-Cleaned names what was removed" "X-Support-Cleaned: $hdr"

# d (as in postfix.sh). The decision record is in the database.
dump=$(mdb_dump -a -p "$DB" 2>&1)
printf '%s\n' "$dump" | grep -q 'action=accept' &&
	t_ok "b: database records the decision (action=accept)" ||
	t_fail "b: database records the decision (action=accept)" \
		"$(printf '%s\n' "$dump" | head -n 20)"

# --------------------------------------------------------------------------
# c. Mail for someone else: body byte-identical (trailing spaces, a "From "
#    line, a leading dot, a tab), no header of ours.  swaks appends the
#    final CRLF itself, so the file has none.
# --------------------------------------------------------------------------
MID_C="<sm-c.$MID@client.test.example>"
body_c=$'Hello Alice,\nthis line ends with three spaces   \nFrom the accounts team: this line starts with "From ".\n.this line starts with a dot\n\tthis one with a tab\n\nRegards\n'
printf 'From: %s\nTo: %s\nSubject: Invoice 42\nMessage-Id: %s\n\n%s' \
	"$SENDER" "$ALICE" "$MID_C" "${body_c%$'\n'}" >"$E2E_TMP/message-c"
send_mail c --from "$SENDER" --to "$ALICE" --data "@$E2E_TMP/message-c"
expect_rc "c: mail to $ALICE is accepted" 0
file_c=$(wait_mail "$ALICE" "$MID_C")
if [ -n "$file_c" ] && cmp -s <(mail_body "$file_c") <(printf '%s' "$body_c") &&
	[ -z "$(mail_header "$file_c" X-Support-Milter)" ]; then
	t_ok "c: delivered with its body byte-identical and no header of ours"
else
	t_fail "c: delivered with its body byte-identical and no header of ours" \
		"file: ${file_c:-<none>}" \
		"$([ -n "$file_c" ] && diff <(printf '%s' "$body_c") <(mail_body "$file_c") | cat -A)"
fi
expect_untouched "c: a MIME reply not for support keeps its body byte for byte" \
    "$MSG" "$MID_B"

# --------------------------------------------------------------------------
# d. support@ in Cc beside another recipient: Sendmail drops support@
#    (smfi_delrcpt) and relays to the other one only.  Postfix's "removed"
#    for the relayed message means every recipient it got was handled.
# --------------------------------------------------------------------------
MID_D="<sm-d.$MID@client.test.example>"
send_mail d --from "$SENDER" --to "$SUPPORT,$BOB" --h-To "$BOB" \
	--header "Cc: $SUPPORT" --header "Message-Id: $MID_D" \
	--h-Subject "Lunch, and the printer"
expect_rc "d: mixed-recipient mail is accepted" 0
[ -n "$(wait_mail "$BOB" "$MID_D")" ] && t_ok "d: delivered to $BOB" ||
	t_fail "d: delivered to $BOB" "no file with $MID_D in $(maildir "$BOB")"
qid=$(pf_qid "$MID_D")
[ -n "$qid" ] && pf_wait_removed "$qid"
[ "$(maildir_count "$SUPPORT" "$MID_D")" -eq 0 ] &&
	t_ok "d: not delivered to $SUPPORT" ||
	t_fail "d: not delivered to $SUPPORT" "$(grep -F -- " $qid: " "$PF_LOG")"

# --------------------------------------------------------------------------
# The milter's one line per message carries Sendmail's queue ID (macro i),
# and Sendmail logged no milter error.
# --------------------------------------------------------------------------
for m in "$MID_A" "<$MID_B>" "$MID_D"; do
	line=$(grep -F "msgid=${m//[<>]/} " "$MILTER_LOG" | head -n 1)
	qid=$(printf '%s\n' "$line" | sed -n 's/^support-milter: info: \([0-9A-Za-z]\{8,\}\): action=.*/\1/p')
	if [ -n "$qid" ] && grep -q "sendmail\[[0-9]*\]: $qid: from=" "$SM_LOG"; then
		t_ok "log: $m logged under Sendmail's queue ID $qid"
	else
		t_fail "log: $m logged under Sendmail's queue ID" "milter line: ${line:-<none>}"
	fi
done
errors=$(grep -i 'milter' "$SM_LOG" | grep -i 'error\|unsafe\|timeout\|bad\|unknown')
[ -z "$errors" ] && t_ok "Sendmail logged no milter error" ||
	t_fail "Sendmail logged no milter error" "$errors"

# --------------------------------------------------------------------------
# e. Milter down: F=T makes Sendmail answer 4xx; after a restart the same
#    mail goes through.
# --------------------------------------------------------------------------
t_check "e: milter exits within 15 s of SIGTERM" milter_stop
MID_E="<sm-e.$MID@client.test.example>"
send_e() {
	send_mail "$1" --from "$SENDER" --to "$SUPPORT" --h-To "$SUPPORT" \
		--header "Message-Id: $MID_E" --h-Subject "Printer still on fire"
}
send_e e1
if [ "$SWAKS_RC" -ne 0 ] && swaks_replies "$SWAKS_OUT" | grep -q '^4[0-9][0-9] 4\.' &&
	! swaks_replies "$SWAKS_OUT" | grep -q '^5[0-9][0-9][- ]'; then
	t_ok "e: with the milter down the client gets a 4xx ($(swaks_replies "$SWAKS_OUT" | grep '^4' | head -n 1))"
else
	t_fail "e: with the milter down the client gets a 4xx" \
		"$(swaks_replies "$SWAKS_OUT" | grep -v '^250-')"
fi
milter_start "$BIN" "$CONF" "$SOCK" || t_bail "e: milter restarts"
send_e e2
expect_rc "e: after the restart the same mail is accepted" 0
file=$(wait_mail "$SUPPORT" "$MID_E")
if [ -n "$file" ] && [ "$(maildir_count "$SUPPORT" "$MID_E")" -eq 1 ] &&
	[ -n "$(mail_header "$file" X-Support-Milter)" ]; then
	t_ok "e: it is delivered once, processed by the milter"
else
	t_fail "e: it is delivered once, processed by the milter" "file: ${file:-<none>}"
fi

sm_stop
pf_stop
milter_stop
echo "# runtime: ${SECONDS}s"
t_finish
