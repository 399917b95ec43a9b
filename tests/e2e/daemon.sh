#!/bin/bash
#
# daemon.sh - the support-milter command as an administrator meets it:
# -n and its FILE:LINE messages, the daemon refusing a bad configuration,
# -V, -h, the socket kinds (unix with mode and group, inet with
# TCP_NODELAY), command-line overrides, the raised descriptor limit,
# background mode, and what SIGHUP does (libmilter stops on it).
#
# Usage: bash tests/e2e/daemon.sh    (SUPPORT_MILTER=/path tests another binary)
# Output: TAP, then "e2e: N passed, M failed".

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
# shellcheck source=tests/e2e/lib.sh
. "$HERE/lib.sh"
BIN=${SUPPORT_MILTER:-$TOP/build/support-milter}
[ -x "$BIN" ] || { echo "Bail out! $BIN not found (run make)"; exit 1; }

e2e_init
T=$E2E_TMP
mkdir -m 0755 "$T/run"
MILTER_LOG=$T/daemon.log

# write_conf FILE [SETTINGS...]: a configuration with its socket and
# database in the scratch tree, plus SETTINGS lines.
write_conf() {
	local f=$1
	shift
	{
		echo "socket = \"unix:$T/run/m.sock\";"
		echo "database = \"$T/db\";"
		echo "spool_directory = \"$T\";"
		printf '%s\n' "$@"
	} >"$f"
}

# run_cmd: run the binary, keeping stdout, stderr and the status.
run_cmd() {
	"$BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
	RC=$?
}

# expect DESCRIPTION STATUS [STDERR-PATTERN]
expect() {
	if [ "$RC" -eq "$2" ] && { [ $# -lt 3 ] || grep -qE "$3" "$T/err"; }; then
		t_ok "$1"
	else
		t_fail "$1" "status $RC, want $2" "stderr: $(cat "$T/err")"
	fi
}

# --- -n, and the daemon refusing what -n refuses ------------------------
write_conf "$T/good.conf"
run_cmd -n -c "$T/good.conf"
expect "-n accepts a good configuration silently" 0
[ -s "$T/out" ] || [ -s "$T/err" ] && t_fail "-n prints nothing when all is well" "$(cat "$T/out" "$T/err")" ||
	t_ok "-n prints nothing when all is well"

write_conf "$T/bad.conf" 'support_addresses = [ "support@example.com" ];' 'cc_only_action = "bounce";'
run_cmd -n -c "$T/bad.conf"
expect "-n reports a bad value as FILE:LINE: message" 78 \
	"^$T/bad.conf:5: cc_only_action: \"bounce\" is not one of accept, warn, reject$"
cp "$T/err" "$T/err.n"
run_cmd -f -c "$T/bad.conf"
expect "the daemon refuses to start with the same message" 78 \
	"^$T/bad.conf:5: cc_only_action"
if cmp -s "$T/err" "$T/err.n"; then t_ok "daemon and -n print the same message"
else t_fail "daemon and -n print the same message" "$(cat "$T/err" "$T/err.n")"; fi

write_conf "$T/unknown.conf" 'support_adress = "x@y";'
run_cmd -n -c "$T/unknown.conf"
expect "-n reports an unknown key" 78 "^$T/unknown.conf:4: unknown setting \"support_adress\"$"

printf 'socket = "unix:%s/no/such/dir/m.sock";\ndatabase = "%s/db";\n' "$T" "$T" >"$T/nodir.conf"
run_cmd -n -c "$T/nodir.conf"
expect "-n fails when the socket directory is missing" 78 "socket: $T/no/such/dir"

write_conf "$T/group.conf" 'socket_group = "no-such-group-here";'
run_cmd -n -c "$T/group.conf"
expect "-n fails on an unknown socket group" 78 'socket_group: unknown group "no-such-group-here"'

run_cmd -n -c "$T/missing.conf"
expect "-n names a missing file" 78 "^$T/missing.conf: cannot read: No such file or directory$"

# --- -V, -h, usage errors -------------------------------------------------
run_cmd -V
if [ "$RC" -eq 0 ] && grep -qE '^support-milter [0-9.]+ \(libmilter [0-9.]+ from sendmail [0-9.]+' "$T/out"; then
	t_ok "-V prints the version and libmilter's"
else
	t_fail "-V prints the version and libmilter's" "$(cat "$T/out")"
fi
run_cmd -h
if [ "$RC" -eq 0 ] && grep -q -- '--test FILE' "$T/out"; then t_ok "-h prints the usage"
else t_fail "-h prints the usage" "$(cat "$T/out")"; fi
run_cmd --no-such-option
expect "an unknown option is a usage error" 64 '^usage:'
run_cmd -c "$T/good.conf" --test "$T/good.conf" --from a@b.example
expect "--test without --rcpt is a usage error" 64 'needs --from and --rcpt'

# --- a unix socket with its mode and group; -p and --db override ---------
# start_daemon ARGS...: the daemon in the foreground as our child, started
# with a low soft descriptor limit that it must raise.
start_daemon() {
	echo "---- start $*" >>"$MILTER_LOG"
	(ulimit -Sn 256 && exec "$BIN" -f "$@" </dev/null >>"$MILTER_LOG" 2>&1) &
	MILTER_PID=$!
}
grp=$(id -gn nobody 2>/dev/null || echo nogroup)
write_conf "$T/unix.conf" 'socket_mode = "0640";' "socket_group = \"$grp\";"
start_daemon -c "$T/unix.conf" -p "unix:$T/run/override.sock" --db "$T/db2"
if wait_until 10 test -S "$T/run/override.sock"; then
	t_ok "-p overrides the configured socket"
	perm=$(stat -c '%a %G' "$T/run/override.sock")
	if [ "$perm" = "640 $grp" ]; then t_ok "the unix socket gets socket_mode and socket_group"
	else t_fail "the unix socket gets socket_mode and socket_group" "found $perm"; fi
else
	t_fail "-p overrides the configured socket"
	t_fail "the unix socket gets socket_mode and socket_group"
fi
t_check "--db overrides the configured database" test -f "$T/db2/data.mdb"
soft=$(awk '/Max open files/ { print $4 }' "/proc/$MILTER_PID/limits" 2>/dev/null)
hard=$(awk '/Max open files/ { print $5 }' "/proc/$MILTER_PID/limits" 2>/dev/null)
if [ -n "$soft" ] && [ "$soft" != 256 ] && [ "$soft" = "$hard" ]; then
	t_ok "RLIMIT_NOFILE is raised from 256 to its hard limit ($soft)"
else t_fail "RLIMIT_NOFILE is raised to its hard limit" "soft $soft hard $hard"; fi

# SIGHUP: libmilter treats it like SIGTERM (documented in support-milter(8)).
kill -HUP "$MILTER_PID"
if wait_until 15 proc_gone "$MILTER_PID"; then
	wait "$MILTER_PID"
	RC=$?
	t_ok "SIGHUP stops the daemon (libmilter's behaviour), status $RC"
else
	t_fail "SIGHUP stops the daemon (libmilter's behaviour)"
	milter_stop
fi
MILTER_PID=
t_check "the socket is removed when the daemon stops" test ! -e "$T/run/override.sock"

# --- an inet socket gets TCP_NODELAY ---------------------------------------
port=$(free_port)
start_daemon -c "$T/good.conf" -p "inet:$port@127.0.0.1"
if wait_until 10 port_in_use "$port"; then t_ok "listens on inet:$port@127.0.0.1"
else t_fail "listens on inet:$port@127.0.0.1"; fi
if grep -q "listening on inet:$port@127.0.0.1 with TCP_NODELAY" "$MILTER_LOG"; then
	t_ok "TCP_NODELAY is set on the inet listener"
else
	t_fail "TCP_NODELAY is set on the inet listener" "$(tail -n 3 "$MILTER_LOG")"
fi
milter_stop

# --- background mode: the command returns, the daemon serves --------------
write_conf "$T/bg.conf"
run_cmd -c "$T/bg.conf"
expect "without -f the command returns at once" 0
if wait_until 10 test -S "$T/run/m.sock"; then
	t_ok "the detached daemon listens"
	bgpid=$(pgrep -f "^$BIN -c $T/bg.conf" | head -n 1)
	if [ -n "$bgpid" ]; then
		kill -TERM "$bgpid"
		wait_until 15 proc_gone "$bgpid" && t_ok "the detached daemon stops on SIGTERM" ||
			t_fail "the detached daemon stops on SIGTERM"
	else
		t_fail "the detached daemon stops on SIGTERM" "no process found"
	fi
else
	t_fail "the detached daemon listens"
fi

t_finish
