# shellcheck shell=bash
#
# lib.sh - what the benchmark scripts share: the message mix, one fresh
# milter per measurement, and a milterload run read into variables.
#
# Source after tests/e2e/lib.sh and e2e_init (its EXIT trap stops the
# milter started here: MILTER_PID).  Sets TOP, LOAD, NOOP, SM, MIX.

LOAD=$TOP/build/tests/bench/milterload
NOOP=$TOP/build/tests/bench/noop-milter
SM=$BIN

# bench_mix DIR [big]: the messages of tests/bench/mix.py, written into
# DIR (and its 10 MB one with "big") once per version of mix.py; sets MIX
# to the mix directory.
bench_mix() {
	MIX=$1/mix
	if [ ! -d "$MIX" ] || [ "$TOP/tests/bench/mix.py" -nt "$MIX" ] ||
	    { [ "${2:-}" = big ] && [ ! -d "$1/big" ]; }; then
		rm -rf "$MIX" "$1/big"
		python3 "$TOP/tests/bench/mix.py" "$1" ${2:+"$2"} || return 1
	fi
}

# bench_start noop|sm: a new milter on $E2E_TMP/KIND.sock ($SOCK); the
# support-milter gets an empty database, so every run starts alike and the
# peak RSS (VmHWM) is that run's.
bench_start() {
	SOCK=$E2E_TMP/$1.sock
	MILTER_LOG=$E2E_TMP/milter.log
	rm -f "$SOCK"
	if [ "$1" = noop ]; then
		"$NOOP" "unix:$SOCK" </dev/null >>"$MILTER_LOG" 2>&1 &
		MILTER_PID=$!
		wait_until 10 test -S "$SOCK"
		return
	fi
	rm -rf "$E2E_TMP/db" && mkdir -p "$E2E_TMP/db" "$E2E_TMP/spool"
	cat >"$E2E_TMP/sm.conf" <<CONF
support_addresses = [ "support@example.com" ];
socket = "unix:$SOCK";
socket_mode = "0660";
socket_group = "postfix";
database = "$E2E_TMP/db";
spool_directory = "$E2E_TMP/spool";
ticket_allocate = true;
CONF
	milter_start "$SM" "$E2E_TMP/sm.conf" "$SOCK"
}

# bench_val KEY: a value from the last milterload line ($OUT).
bench_val() {
	sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $OUT"
}

# bench_run KIND SESSIONS COUNT RCPT FILE...: start KIND, send COUNT
# messages to RCPT over SESSIONS sessions, all must be accepted; sets OUT
# (milterload's line) and RSS_MB (the milter's peak RSS), stops the milter.
# Returns non-zero when the milter did not start or a message failed.
bench_run() {
	local kind=$1 c=$2 n=$3 rcpt=$4 rc
	shift 4
	OUT=
	RSS_MB=
	bench_start "$kind" || { echo "# $kind did not start"; return 1; }
	OUT=$("$LOAD" -s "unix:$SOCK" -c "$c" -n "$n" -r "$rcpt" -e accept "$@")
	rc=$?
	RSS_MB=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' \
	    "/proc/$MILTER_PID/status")
	milter_stop
	[ "$rc" -eq 0 ] || echo "# milterload ($kind): $OUT"
	return "$rc"
}
