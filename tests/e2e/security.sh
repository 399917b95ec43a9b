#!/bin/bash
#
# security.sh - what docs/security.md promises about local access: the
# unix socket is not world-writable by default and a world-writable
# socket_mode is refused; warnings (at -n and at start) when the
# configuration file can be changed by other users or the spool directory
# is open to them; the daemon runs as an unprivileged user.
#
# Usage: bash tests/e2e/security.sh   (as root: it changes owners and runs
# the daemon as user nobody; SUPPORT_MILTER=/path tests another binary)
# Output: TAP, then "e2e: N passed, M failed".

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_require "$BIN"
e2e_init
T=$E2E_TMP
mkdir -m 0700 "$T/run" "$T/spool"
MILTER_LOG=$T/milter.log
SOCK=$T/run/m.sock

# write_conf FILE [SETTINGS...]: socket, database and spool ($SPOOL_DIR or
# a private one) in the scratch tree, plus SETTINGS lines; mode 0640,
# owned by root.
write_conf() {
	local f=$1
	shift
	{
		echo 'support_addresses = [ "support@example.com" ];'
		echo "socket = \"unix:$SOCK\";"
		echo "database = \"$T/db\";"
		echo "spool_directory = \"${SPOOL_DIR:-$T/spool}\";"
		printf '%s\n' "$@"
	} >"$f"
	chmod 0640 "$f"
}

# check_n DESCRIPTION FILE STATUS [PATTERN]: -n on FILE exits with STATUS
# and its stderr matches PATTERN (or is empty without one).
check_n() {
	local err rc
	err=$("$BIN" -n -c "$2" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" -eq "$3" ] && { { [ $# -lt 4 ] && [ -z "$err" ]; } ||
		{ [ $# -ge 4 ] && grep -qE -- "$4" <<<"$err"; }; }; then
		t_ok "$1"
	else
		t_fail "$1" "status $rc, want $3" "stderr: $err"
	fi
}

# --- the socket --------------------------------------------------------------
write_conf "$T/default.conf"
milter_start "$BIN" "$T/default.conf" "$SOCK" || t_bail "the milter starts"
mode=$(stat -c %a "$SOCK")
[ "$mode" = 660 ] && t_ok "by default the socket is mode 0660: no access for others" ||
	t_fail "by default the socket is mode 0660: no access for others" "mode $mode"
milter_stop

write_conf "$T/world.conf" 'socket_mode = "0666";'
check_n "-n refuses a world-writable socket_mode with FILE:LINE" "$T/world.conf" 78 \
	"^$T/world.conf:5: socket_mode: \"0666\" lets every local user connect; refusing a world-writable socket"
# (bounded: a daemon that wrongly starts must not hang the test)
timeout 10 "$BIN" -f -c "$T/world.conf" >/dev/null 2>"$T/err" </dev/null
rc=$?
[ "$rc" -eq 78 ] && grep -q "world.conf:5: socket_mode" "$T/err" && [ ! -S "$SOCK" ] &&
	t_ok "the daemon refuses to start with it" ||
	t_fail "the daemon refuses to start with it" "status $rc: $(cat "$T/err")"
write_conf "$T/group.conf" 'socket_mode = "0664";'
check_n "a socket readable by others (not writable) is accepted" "$T/group.conf" 0

# --- the configuration file ----------------------------------------------------
write_conf "$T/ok.conf"
check_n "-n is silent for a configuration file owned by root, mode 0640" "$T/ok.conf" 0
write_conf "$T/w.conf"
chmod 0666 "$T/w.conf"
check_n "-n warns (status 0) when others can write the configuration file" "$T/w.conf" 0 \
	"^support-milter: warning: $T/w.conf: writable by others \(mode 0666\)"
chmod 0660 "$T/w.conf"
check_n "-n warns when its group can write it" "$T/w.conf" 0 \
	"warning: $T/w.conf: writable by group \(mode 0660\)"
chmod 0640 "$T/w.conf"
chown nobody "$T/w.conf"
check_n "-n warns when another user owns it" "$T/w.conf" 0 \
	"warning: $T/w.conf: owned by uid $(id -u nobody), neither root nor this daemon's user"
chmod 0666 "$T/w.conf"
chown root "$T/w.conf"
milter_start "$BIN" "$T/w.conf" "$SOCK" &&
	grep -q "warning: $T/w.conf: writable by others" "$MILTER_LOG" &&
	t_ok "the daemon starts and logs the same warning" ||
	t_fail "the daemon starts and logs the same warning" "$(tail -n 5 "$MILTER_LOG")"
milter_stop

# --- the spool directory ---------------------------------------------------------
mkdir -m 0777 "$T/open"
chmod 0777 "$T/open"
SPOOL_DIR=$T/open write_conf "$T/open.conf"
check_n "-n warns when others can write to spool_directory without the sticky bit" \
	"$T/open.conf" 0 "warning: spool_directory $T/open: writable by others without the sticky bit \(mode 0777\)"
chmod 1777 "$T/open"
check_n "a sticky directory writable by all (like /var/tmp) is fine" "$T/open.conf" 0

# --- an unprivileged user ----------------------------------------------------------
# Everything the daemon writes belongs to user nobody; no socket_group,
# which only a member of the group could set.
mkdir -m 0700 "$T/nobody" "$T/nobody/run" "$T/nobody/spool"
cat >"$T/nobody/m.conf" <<EOF
support_addresses = [ "support@example.com" ];
socket = "unix:$T/nobody/run/m.sock";
database = "$T/nobody/db";
spool_directory = "$T/nobody/spool";
EOF
chown -R nobody "$T/nobody"
chmod 0755 "$T"
setpriv --reuid=nobody --regid=nogroup --clear-groups "$BIN" -f -c "$T/nobody/m.conf" </dev/null >>"$MILTER_LOG" 2>&1 &
MILTER_PID=$!
wait_until 10 test -S "$T/nobody/run/m.sock"
owner=$(stat -c %U "$T/nobody/run/m.sock" 2>/dev/null)
dbowner=$(stat -c %U "$T/nobody/db/data.mdb" 2>/dev/null)
proc_alive "$MILTER_PID" && [ "$owner" = nobody ] && [ "$dbowner" = nobody ] &&
	t_ok "the daemon runs as an unprivileged user (nobody) with its own socket and database" ||
	t_fail "the daemon runs as an unprivileged user (nobody) with its own socket and database" \
		"socket owner ${owner:-none}, database owner ${dbowner:-none}" "$(tail -n 3 "$MILTER_LOG")"
milter_stop

t_finish
