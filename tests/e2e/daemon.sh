#!/bin/bash
#
# daemon.sh - the support-milter command as an administrator meets it:
# -n and its FILE:LINE messages, the daemon refusing a bad configuration,
# -V, -h, the socket kinds (unix with mode and group, inet with
# TCP_NODELAY), command-line overrides, the raised descriptor limit,
# what SIGHUP does (it stops, as in libmilter), background mode with its
# PID file (written, removed, stale, live), SIGUSR1 reloads (a bad file,
# restart-only keys), and, as root behind a private Postfix: a reload
# taking effect for the next message but not for one in progress, SIGTERM
# letting a message in progress finish, and user = nobody.
#
# Usage: bash tests/e2e/daemon.sh    (SUPPORT_MILTER=/path tests another binary)
# Output: TAP, then "e2e: N passed, M failed".

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
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
	if [ "$RC" = 0 ] && ! grep -q "reload:" "$MILTER_LOG"; then
		t_ok "SIGHUP stops the daemon (libmilter's behaviour) with status 0, no reload"
	else t_fail "SIGHUP stops the daemon with status 0, no reload" "status $RC"; fi
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

# --- background mode with a PID file ---------------------------------------
write_conf "$T/bg.conf" "pid_file = \"$T/run/m.pid\";"
# stop_bg PID: SIGTERM a detached daemon and wait for it.
stop_bg() {
	kill -TERM "$1" 2>/dev/null
	wait_until 15 proc_gone "$1"
}
run_cmd -c "$T/bg.conf"
expect "without -f the command returns once the daemon serves" 0
t_check "the socket exists when the command returns" test -S "$T/run/m.sock"
bgpid=$(cat "$T/run/m.pid" 2>/dev/null)
if [ -n "$bgpid" ] && proc_alive "$bgpid" &&
	[ "$(cat "/proc/$bgpid/comm")" = support-milter ]; then
	t_ok "the PID file names the running daemon ($bgpid)"
else
	t_fail "the PID file names the running daemon" "pid file: '$bgpid'"
fi
sock_id=$(file_id "$T/run/m.sock")
run_cmd -c "$T/bg.conf"
expect "a second daemon refuses to start while the PID file names a live one" 69 \
	"pid_file $T/run/m.pid: support-milter is already running as pid $bgpid"
if [ "$(file_id "$T/run/m.sock")" = "$sock_id" ] && [ "$(cat "$T/run/m.pid")" = "$bgpid" ]; then
	t_ok "the refused start leaves the running daemon's socket and PID file alone"
else t_fail "the refused start leaves the running daemon's socket and PID file alone"; fi
if stop_bg "$bgpid"; then t_ok "the detached daemon stops on SIGTERM"
else t_fail "the detached daemon stops on SIGTERM"; fi
t_check "the PID file is removed at exit" test ! -e "$T/run/m.pid"
t_check "the socket is removed at exit" test ! -e "$T/run/m.sock"

# A PID file left by a dead daemon, then one naming another program.
sleep 0 &
dead=$!
wait "$dead"
echo "$dead" >"$T/run/m.pid"
run_cmd -c "$T/bg.conf"
expect "a PID file naming a dead process is replaced" 0 \
	"pid_file $T/run/m.pid: removed a stale file"
bgpid=$(cat "$T/run/m.pid" 2>/dev/null)
if [ -n "$bgpid" ] && [ "$bgpid" != "$dead" ] && proc_alive "$bgpid"; then
	t_ok "the new PID file names the new daemon"
else t_fail "the new PID file names the new daemon" "pid file: '$bgpid'"; fi
stop_bg "$bgpid"
sleep 300 &
other=$!
echo "$other" >"$T/run/m.pid"
run_cmd -c "$T/bg.conf" -P "$T/run/m.pid"
expect "a PID file naming another program (a reused PID) is replaced" 0 \
	"removed a stale file"
bgpid=$(cat "$T/run/m.pid" 2>/dev/null)
[ -n "$bgpid" ] && [ "$bgpid" != "$other" ] && stop_bg "$bgpid"
kill "$other"
wait "$other" 2>/dev/null
run_cmd -c "$T/bg.conf" -P "$T/run/p.pid"
expect "-P overrides pid_file" 0
bgpid=$(cat "$T/run/p.pid" 2>/dev/null)
[ -n "$bgpid" ] && stop_bg "$bgpid"
t_check "the -P file is removed at exit" test ! -e "$T/run/p.pid"

# A database that is not LMDB passes -n and fails when the daemon opens it.
mkdir "$T/baddb"
printf 'not a database\n%.0s' $(seq 1 500) >"$T/baddb/data.mdb"
printf 'socket = "unix:%s/run/m.sock";\nspool_directory = "%s";\npid_file = "%s/run/bad.pid";\ndatabase = "%s/baddb";\n' \
	"$T" "$T" "$T" "$T" >"$T/bad-bg.conf"
run_cmd -c "$T/bad-bg.conf"
expect "an error after detaching reaches the command's status and stderr" 78 "$T/baddb"
t_check "no PID file is left after a failed start" test ! -e "$T/run/bad.pid"

# --- SIGUSR1 reloads; a bad file and restart-only keys are logged --------
write_conf "$T/reload.conf"
rm -f "$T/run/m.sock"
start_daemon -c "$T/reload.conf"
wait_until 10 test -S "$T/run/m.sock" || t_fail "the daemon for the reload tests listens"
# reload_wait N: send SIGUSR1 and wait for the Nth "reload:" result line.
reloads_logged() {
	[ "$(grep -cE 'reload: .*(loaded for new messages|is kept)' "$MILTER_LOG")" -ge "$1" ]
}
reload_wait() {
	kill -USR1 "$MILTER_PID"
	wait_until 10 reloads_logged "$1"
}
write_conf "$T/reload.conf" 'cc_only_action = "warn";'
reload_wait 1
if grep -q "reload: $T/reload.conf loaded for new messages" "$MILTER_LOG"; then
	t_ok "SIGUSR1 loads the changed file"
else t_fail "SIGUSR1 loads the changed file" "$(tail -n 3 "$MILTER_LOG")"; fi
write_conf "$T/reload.conf" 'cc_only_action = "bounce";'
reload_wait 2
if grep -q "error: reload: $T/reload.conf:4: cc_only_action: \"bounce\" is not one of accept, warn, reject; the configuration in use is kept" "$MILTER_LOG"; then
	t_ok "a bad file on SIGUSR1 is logged as FILE:LINE and the old configuration kept"
else t_fail "a bad file on SIGUSR1 is logged as FILE:LINE" "$(tail -n 3 "$MILTER_LOG")"; fi
t_check "the daemon still serves after a bad reload" proc_alive "$MILTER_PID"
{
	echo "socket = \"unix:$T/run/other.sock\";"
	echo "database = \"$T/db\";"
	echo "database_size = \"2G\";"
	echo "spool_directory = \"$T\";"
} >"$T/reload.conf"
reload_wait 3
if grep -q "warning: reload: socket changed; needs a restart, old value kept" "$MILTER_LOG" &&
	grep -q "warning: reload: database_size changed; needs a restart, old value kept" "$MILTER_LOG"; then
	t_ok "restart-only keys changed on SIGUSR1 are logged"
else t_fail "restart-only keys changed on SIGUSR1 are logged" "$(tail -n 4 "$MILTER_LOG")"; fi
if [ -S "$T/run/m.sock" ] && [ ! -e "$T/run/other.sock" ]; then
	t_ok "the old socket stays in use after the reload"
else t_fail "the old socket stays in use after the reload"; fi
milter_stop

# --- behind Postfix, as root: reload per message, stop, user switch ------
if [ "$(id -u)" -ne 0 ] || ! command -v postfix >/dev/null || ! command -v swaks >/dev/null; then
	t_ok "# SKIP the Postfix checks need root, postfix and swaks"
	t_finish
	exit
fi
SUPPORT=support@example.com
BOB=bob@example.net
SENDER=customer@example.org
e2e_bed "$BIN" "$SUPPORT" "$BOB"
BASE_CONF=$(cat "$CONF")

# set_conf SETTINGS...: the test bed's configuration plus SETTINGS.
set_conf() {
	{ echo "$BASE_CONF"; printf '%s\n' "$@"; } >"$CONF"
}

# send_cc NAME: a Cc-only message to support, with a unique Message-Id.
send_cc() {
	send_mail "$1" --from "$SENDER" --to "$SUPPORT" --h-To "$BOB" \
		--header "Cc: $SUPPORT" --header "Message-Id: <$1.$$@daemon.test>" \
		--h-Subject "Question $1"
}

# SMTP by hand on descriptor 5, to hold a message open between commands.
smtp_read() {
	local line
	SMTP_REPLY=
	while IFS= read -r -t 60 line <&5; do
		line=${line%$'\r'}
		SMTP_REPLY+="$line"$'\n'
		[[ $line =~ ^[0-9]{3}\  ]] && return 0
	done
	return 1
}
smtp_cmd() {
	printf '%s\r\n' "$1" >&5
	smtp_read
}
# smtp_begin ID HEADERS...: a session up to the message body, headers sent.
smtp_begin() {
	local id=$1
	shift
	exec 5<>"/dev/tcp/127.0.0.1/$PF_PORT" && smtp_read &&
		smtp_cmd "EHLO client.test.example" &&
		smtp_cmd "MAIL FROM:<$SENDER>" && smtp_cmd "RCPT TO:<$SUPPORT>" &&
		smtp_cmd "DATA" || return 1
	printf '%s\r\n' "From: <$SENDER>" "Message-Id: <$id@daemon.test>" \
		"Subject: held open $id" "$@" "" "The body, sent later." >&5
}
# smtp_end: end the message; its reply is in SMTP_REPLY.
smtp_end() {
	smtp_cmd "."
	local rc=$?
	printf 'QUIT\r\n' >&5
	exec 5>&-
	return "$rc"
}

send_cc r1
if [ "$SWAKS_RC" = 26 ] && grep -q "was not accepted" "$SWAKS_OUT"; then
	t_ok "before the reload a Cc-only message gets the default guidance"
else t_fail "before the reload a Cc-only message gets the default guidance" "swaks $SWAKS_RC"; fi
set_conf 'guidance_reply = [ "Reloaded: write to ${support_address} in To." ];'
reload_wait 1
send_cc r2
if [ "$SWAKS_RC" = 26 ] && grep -q "550.5.7.1 Reloaded: write to $SUPPORT in To." "$SWAKS_OUT"; then
	t_ok "after SIGUSR1 the next message gets the new guidance_reply"
else t_fail "after SIGUSR1 the next message gets the new guidance_reply" "$(swaks_replies "$SWAKS_OUT" | tail -n 2)"; fi

# A message that began before a reload keeps the configuration it began with.
if smtp_begin held1 "To: <$BOB>" "Cc: <$SUPPORT>"; then
	set_conf 'cc_only_action = "warn";'
	reload_wait 2
	smtp_end
	case $SMTP_REPLY in
	*"550"*"Reloaded: write to"*) t_ok "a message in progress during SIGUSR1 keeps its configuration (rejected)" ;;
	*) t_fail "a message in progress during SIGUSR1 keeps its configuration" "$SMTP_REPLY" ;;
	esac
else
	t_fail "a message in progress during SIGUSR1 keeps its configuration" "SMTP: $SMTP_REPLY"
fi
send_cc r3
if [ "$SWAKS_RC" = 0 ] && wait_mail "$SUPPORT" "<r3.$$@daemon.test>" >/dev/null; then
	t_ok "the next message gets cc_only_action = warn: accepted and delivered"
else t_fail "the next message gets cc_only_action = warn" "swaks $SWAKS_RC"; fi
set_conf 'cc_only_action = "bounce";'
reload_wait 3
send_cc r4
if grep -q "reload: $CONF:[0-9]*: cc_only_action" "$MILTER_LOG" && [ "$SWAKS_RC" = 0 ]; then
	t_ok "after a bad file on SIGUSR1 mail still gets the old configuration (warn)"
else t_fail "after a bad file on SIGUSR1 mail still gets the old configuration" "swaks $SWAKS_RC"; fi

# SIGTERM with a message in progress: it finishes, new sessions are refused.
set_conf
if smtp_begin held2 "To: <$SUPPORT>"; then
	kill -TERM "$MILTER_PID"
	if wait_until 15 grep -q "SIGTERM: stopping once 1 message(s) in progress are done (stop_timeout 60 s)" "$MILTER_LOG"; then
		t_ok "after SIGTERM the daemon waits for the message in progress"
	else t_fail "after SIGTERM the daemon waits for the message in progress"; fi
	send_mail refused --from "$SENDER" --to "$SUPPORT" --h-To "$SUPPORT"
	if [ "$SWAKS_RC" != 0 ] && swaks_replies "$SWAKS_OUT" | grep -q '^4[0-9][0-9]' &&
		grep -q "NOQUEUE: action=tempfail reason=stopping from=<$SENDER>" "$MILTER_LOG"; then
		t_ok "a new message after SIGTERM gets a temporary failure"
	else t_fail "a new message after SIGTERM gets a temporary failure" "$(swaks_replies "$SWAKS_OUT")"; fi
	t_check "the daemon still runs while the message is in progress" proc_alive "$MILTER_PID"
	smtp_end
	case $SMTP_REPLY in
	250*) t_ok "the message in progress is accepted after SIGTERM" ;;
	*) t_fail "the message in progress is accepted after SIGTERM" "$SMTP_REPLY" ;;
	esac
	if wait_until 15 proc_gone "$MILTER_PID"; then
		wait "$MILTER_PID"
		RC=$?
		[ "$RC" = 0 ] && t_ok "then the daemon exits with status 0" ||
			t_fail "then the daemon exits with status 0" "status $RC"
	else t_fail "then the daemon exits with status 0" "still running"; fi
	MILTER_PID=
	if wait_mail "$SUPPORT" "<held2@daemon.test>" >/dev/null; then
		t_ok "the message in progress during SIGTERM is delivered"
	else t_fail "the message in progress during SIGTERM is delivered"; fi
else
	t_fail "a message held open for the SIGTERM check" "SMTP: $SMTP_REPLY"
fi

# stop_timeout over: the message in progress gets the MTA's default action.
set_conf 'stop_timeout = 1;'
if milter_start "$BIN" "$CONF" "$SOCK" && smtp_begin held3 "To: <$SUPPORT>"; then
	kill -TERM "$MILTER_PID"
	if wait_until 15 proc_gone "$MILTER_PID"; then
		wait "$MILTER_PID"
		RC=$?
	else RC=running; fi
	MILTER_PID=
	if [ "$RC" = 75 ] && grep -q "stopping with 1 message(s) in progress: the MTA applies its milter default action" "$MILTER_LOG"; then
		t_ok "after stop_timeout the daemon exits with status 75, logging the message left"
	else t_fail "after stop_timeout the daemon exits with status 75" "status $RC"; fi
	smtp_end
	case $SMTP_REPLY in
	4*) t_ok "the message left gets a temporary failure (milter_default_action), not lost" ;;
	*) t_fail "the message left gets a temporary failure" "$SMTP_REPLY" ;;
	esac
else
	t_fail "a message held open for the stop_timeout check" "SMTP: ${SMTP_REPLY:-}"
	milter_stop
fi

# Started as root with user = nobody.
nobody_gid=$(id -g nobody)
mkdir -p "$T/uspool" && chown nobody "$T/uspool" "$E2E_TMP/milter"
rm -rf "$DB"
set_conf 'user = "nobody";' "pid_file = \"$E2E_TMP/milter/m.pid\";" "spool_directory = \"$T/uspool\";"
if milter_start "$BIN" "$CONF" "$SOCK"; then
	ids=$(awk '/^Uid:|^Gid:/ { print $2, $3, $4, $5 }' "/proc/$MILTER_PID/status" | tr '\n' ' ')
	want="65534 65534 65534 65534 $nobody_gid $nobody_gid $nobody_gid $nobody_gid "
	[ "$ids" = "$want" ] && t_ok "started as root with user = nobody, the daemon runs as nobody" ||
		t_fail "started as root with user = nobody, the daemon runs as nobody" "Uid/Gid: $ids"
	grep -q "info: running as user nobody (uid 65534, gid $nobody_gid)" "$MILTER_LOG" &&
		t_ok "the switch is logged" || t_fail "the switch is logged"
	own=$(stat -c '%U %G %a' "$SOCK")
	[ "$own" = "nobody postfix 660" ] && t_ok "the socket belongs to nobody and socket_group postfix" ||
		t_fail "the socket belongs to nobody and socket_group postfix" "found $own"
	send_mail u1 --from "$SENDER" --to "$SUPPORT" --h-To "$SUPPORT" \
		--header "Message-Id: <u1.$$@daemon.test>" --h-Subject "As nobody"
	[ "$SWAKS_RC" = 0 ] && wait_mail "$SUPPORT" "<u1.$$@daemon.test>" >/dev/null &&
		t_ok "support mail passes through the daemon running as nobody" ||
		t_fail "support mail passes through the daemon running as nobody" "swaks $SWAKS_RC"
	own=$(stat -c '%U' "$DB" "$DB/data.mdb" "$DB/lock.mdb" 2>&1 | tr '\n' ' ')
	[ "$own" = "nobody nobody nobody " ] && t_ok "the database directory it created and its files belong to nobody" ||
		t_fail "the database directory it created and its files belong to nobody" "$own"
	t_check "the PID file names the daemon" grep -qx "$MILTER_PID" "$E2E_TMP/milter/m.pid"
	milter_stop
	t_check "the PID file is removed at exit by nobody" test ! -e "$E2E_TMP/milter/m.pid"
else
	t_fail "started as root with user = nobody, the daemon starts"
fi
set_conf 'user = "no-such-user-here";'
run_cmd -n -c "$CONF"
expect "-n reports an unknown user" 78 'user: unknown user "no-such-user-here"'
set_conf 'user = "root";'
run_cmd_as_nobody() {
	setpriv --reuid=nobody --regid="$nobody_gid" --clear-groups "$BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
	RC=$?
}
run_cmd_as_nobody -n -c "$CONF"
expect "a user other than the current one needs root: clear error" 78 \
	'user: cannot switch to "root": not started as root \(running as uid 65534\)'

t_finish
