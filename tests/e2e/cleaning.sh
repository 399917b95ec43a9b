#!/bin/bash
#
# cleaning.sh - a customer's reply through a real Postfix: it arrives at
# support without the quoted history, the signature and the signature logo,
# with the pasted screenshot and the PDF attachment byte for byte (sha256),
# and with a header saying what was removed.  Mail that is not for support
# keeps its body and its logo.
#
# Usage: bash tests/e2e/cleaning.sh   (as root; SUPPORT_MILTER, KEEP as in
# postfix.sh).  Output: TAP, then "e2e: N passed, M failed".

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

e2e_require "$BIN"
e2e_init
SUPPORT=support@example.com
ALICE=alice@example.com
DATA=$E2E_TMP/data-files
python3 "$TOP/tests/data/gen_mail.py" "$DATA" || t_bail "generate the test message"
e2e_bed "$BIN" "$SUPPORT" "$ALICE"

MSG=$DATA/reply-logo-screenshot-pdf.eml
MID="reply-logo-screenshot-pdf@acme.example"
sha() { sha256sum "$1" | cut -d' ' -f1; }

# --- to support: cleaned ----------------------------------------------------
send_mail s --from anna@acme.example --to "$SUPPORT" --data "@$MSG"
[ "$SWAKS_RC" -eq 0 ] && t_ok "the reply is accepted" ||
	t_fail "the reply is accepted" "swaks exit $SWAKS_RC"
file=$(wait_mail "$SUPPORT" "$MID")
[ -n "$file" ] || t_bail "the reply is delivered to $SUPPORT"
python3 "$TOP/tests/data/parts.py" "$file" >"$E2E_TMP/parts"
parts() { cut -f1-4 "$E2E_TMP/parts"; }
text() { awk -F'\t' -v t="$1" '$1 == t { print $5 }' "$E2E_TMP/parts"; }

grep -q "screenshot.png.*$(sha "$DATA/screenshot.png")" "$E2E_TMP/parts" &&
	t_ok "the screenshot is delivered byte for byte (sha256)" ||
	t_fail "the screenshot is delivered byte for byte (sha256)" "$(parts)"
grep -q "report.pdf.*$(sha "$DATA/report.pdf")" "$E2E_TMP/parts" &&
	t_ok "the PDF attachment is delivered byte for byte (sha256)" ||
	t_fail "the PDF attachment is delivered byte for byte (sha256)" "$(parts)"
! grep -q "logo.png" "$E2E_TMP/parts" &&
	t_ok "the signature logo is removed" ||
	t_fail "the signature logo is removed" "$(parts)"
for kind in text/plain text/html; do
	t=$(text "$kind")
	if printf '%s' "$t" | grep -q "0x80070005" &&
		! printf '%s' "$t" | grep -qi "reply above this line\|We need a screenshot" &&
		! printf '%s' "$t" | grep -q "+49 30 1234567"; then
		t_ok "$kind keeps the customer's words, without quote and signature"
	else
		t_fail "$kind keeps the customer's words, without quote and signature" "$t"
	fi
done
printf '%s' "$(text text/html)" | grep -q 'cid:shot@acme.example' &&
	! printf '%s' "$(text text/html)" | grep -q 'cid:logo@acme.example' &&
	t_ok "the HTML keeps the screenshot's <img> and loses the logo's" ||
	t_fail "the HTML keeps the screenshot's <img> and loses the logo's" "$(text text/html)"
hdr=$(mail_header "$file" X-Support-Cleaned)
printf '%s' "$hdr" | grep -q "quote=yes; signature=yes" &&
	printf '%s' "$hdr" | grep -q "logo.png [0-9]* signature" &&
	t_ok "X-Support-Cleaned names what was removed" ||
	t_fail "X-Support-Cleaned names what was removed" "X-Support-Cleaned: $hdr"

# --- not to support: untouched -----------------------------------------------
expect_untouched "mail not for support keeps its body byte for byte" "$MSG" "$MID"

pf_stop
milter_stop
t_finish
