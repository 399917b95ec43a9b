#!/usr/bin/env bash
# run.sh - run every corpus case through `support-milter --test --json` and
# compare the whole decision with the case's reference.
#
# A case is tests/corpus/AREA/NAME.eml with:
#   NAME.args   the envelope, one option per line (--from ..., --rcpt ...)
#   NAME.conf   optional: settings added to tests/corpus/base.conf
#   NAME.before optional: earlier messages on the same database, one per
#               line: "OTHER.eml OPTION VALUE ..." (e.g. the notification
#               a reply refers to)
#   NAME.ref    the expected JSON, pretty-printed
# Each case gets a fresh database and the clock fixed by --now, so the
# output is reproducible.  `tests/corpus/run.sh --update` rewrites the
# references (review the diff before committing it).  With VALGRIND set
# (e.g. VALGRIND="valgrind -q --error-exitcode=9"), every case runs under it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${SUPPORT_MILTER:-$top/build/support-milter}
update=0
[ "${1:-}" = --update ] && update=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
fails=0
for eml in "$top"/tests/corpus/*/*.eml; do
	case=${eml%.eml}
	name=${case#"$top"/tests/corpus/}
	n=$((n + 1))
	conf=$tmp/case.conf
	{
		cat "$top/tests/corpus/base.conf"
		[ -f "$case.conf" ] && cat "$case.conf"
	} >"$conf"
	args=()
	while IFS= read -r line; do
		[ -n "$line" ] && args+=("${line%% *}" "${line#* }")
	done <"$case.args"
	rm -rf "$tmp/db"
	if [ -f "$case.before" ]; then
		while read -r first rest; do
			[ -n "$first" ] || continue
			# shellcheck disable=SC2086 # options split on purpose
			"$bin" -c "$conf" --db "$tmp/db" --now 1795500000 \
			    --test "$(dirname "$eml")/$first" $rest >/dev/null
		done <"$case.before"
	fi
	# shellcheck disable=SC2086
	${VALGRIND:-} "$bin" -c "$conf" --db "$tmp/db" --now 1795600000 --json \
	    --test "$eml" "${args[@]}" >"$tmp/out.json" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] || ! python3 -m json.tool --indent 1 <"$tmp/out.json" \
	    >"$tmp/got" 2>>"$tmp/err"; then
		echo "not ok $n - $name (exit $rc)"
		sed 's/^/# /' "$tmp/err"
		fails=$((fails + 1))
		continue
	fi
	if [ $update -eq 1 ]; then
		cp "$tmp/got" "$case.ref"
		echo "ok $n - $name # updated"
	elif diff -u "$case.ref" "$tmp/got" >"$tmp/diff" 2>&1; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		sed 's/^/# /' "$tmp/diff"
		fails=$((fails + 1))
	fi
done
echo "1..$n"
[ $fails -eq 0 ]
