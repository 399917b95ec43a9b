#!/bin/bash
#
# intake.sh - the intake headers through a real Postfix: a new request that
# states "Sev 1" and brings forged copies of our headers arrives with ours
# only (severity, response due, the folded checklist intact); a Cc-only new
# request is refused with a guidance reply that lists what it lacks.
#
# Usage: bash tests/e2e/intake.sh   (as root; SUPPORT_MILTER, KEEP as in
# postfix.sh).  Output: TAP, then "e2e: N passed, M failed".

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

e2e_require "$BIN"
e2e_init
SUPPORT=support@example.com
ALICE=alice@example.com
e2e_bed "$BIN" "$SUPPORT" "$ALICE"

# --- a new request with forged intake headers --------------------------------
MID="intake-new@customer.example"
cat >"$E2E_TMP/new.eml" <<MAIL
From: Mark <mark@customer.example>
To: $SUPPORT
Subject: Sev 1 - portal down
Message-ID: <$MID>
X-Support-Severity: 4; stated="forged"
X-Support-Response-Due: Fri, 01 Jan 2100 00:00:00 +0000
X-Support-Checklist: missing=none

Nobody can log in to the portal since 07:30, all 140 users.
We run version 4.1.3.
MAIL
send_mail n --from mark@customer.example --to "$SUPPORT" --data "@$E2E_TMP/new.eml"
file=$(wait_mail "$SUPPORT" "$MID")
[ -n "$file" ] || t_bail "the new request is delivered to $SUPPORT"
sev=$(mail_header "$file" X-Support-Severity)
[ "$sev" = '1; stated="Sev 1"' ] &&
	t_ok "one X-Support-Severity, ours: the stated severity" ||
	t_fail "one X-Support-Severity, ours: the stated severity" "$sev"
due=$(mail_header "$file" X-Support-Response-Due)
[ "$(printf '%s\n' "$due" | wc -l)" -eq 1 ] &&
	printf '%s' "$due" | grep -qE '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} 20[0-9]{2} [0-9:]{8} \+0000$' &&
	! printf '%s' "$due" | grep -q 2100 &&
	t_ok "one X-Support-Response-Due, ours, an RFC 5322 date" ||
	t_fail "one X-Support-Response-Due, ours, an RFC 5322 date" "$due"
chk=$(mail_header "$file" X-Support-Checklist)
[ "$chk" = "missing=process-number, screenshots, steps, integration-changes, server-changes, server-access" ] &&
	t_ok "one X-Support-Checklist, ours, folded and intact" ||
	t_fail "one X-Support-Checklist, ours, folded and intact" "$chk"

# --- a Cc-only new request: the guidance lists what it lacks -----------------
milter_stop
cat >>"$CONF" <<'CONF'
guidance_reply = [ "Please send it again with ${support_address} in To.",
	"A new request helps us most when it also gives", "- ${checklist}" ];
CONF
milter_start "$BIN" "$CONF" "$SOCK" || t_bail "milter restarts"
send_mail c --from mark@customer.example --to "$SUPPORT" \
	--header "To: $ALICE" --header "Cc: $SUPPORT" \
	--header "Subject: Dashboard empty" \
	--body "The dashboard is empty since this morning for all users."
replies=$(swaks_replies "$SWAKS_OUT" | grep '^550[- ]')
if printf '%s\n' "$replies" | grep -q '^550-5.7.1 - the process number, where applicable$' &&
	printf '%s\n' "$replies" | grep -q '^550 5.7.1 - whether access to your servers is arranged with your IT department$' &&
	! printf '%s\n' "$replies" | grep -q 'who is affected\|first occurred'; then
	t_ok "the 550 reply lists the details the request lacks, and only those"
else
	t_fail "the 550 reply lists the details the request lacks, and only those" "$replies"
fi

pf_stop
milter_stop
t_finish
