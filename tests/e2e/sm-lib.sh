# shellcheck shell=bash
#
# sm-lib.sh - a private Sendmail for the end-to-end tests; source it after
# lib.sh.  It provides sm_setup, sm_start and sm_stop.
#
# Sendmail comes from Debian 12's packages, unpacked (never installed: they
# conflict with postfix) by tests/e2e/sm-fetch.sh into $SM_CACHE.  Its .cf
# is built with m4 from the unpacked cf/ macros.  It accepts SMTP on
# 127.0.0.1:$SM_PORT with support-milter attached through INPUT_MAIL_FILTER
# and relays every message to a private Postfix (lib.sh's pf_*), whose
# Maildirs the tests read with lib.sh's helpers.  There is no syslog: the
# daemon runs in its own mount namespace where /dev/log is a socket of a
# small reader writing $SM_LOG.

SM_CACHE=${SM_CACHE:-/var/cache/support-milter-test/sendmail}
SM_ROOT=$SM_CACHE/root
SM_DIR=         # generated sendmail.mc, sendmail.cf, queue, pid file
SM_PORT=        # its SMTP port on 127.0.0.1
SM_LOG=         # what it logged
SM_PID=
SM_LOGGER_PID=

# sm_setup PORT RELAYPORT SOCKET: write and compile the .cf of a Sendmail
# that listens on 127.0.0.1:PORT, filters through the milter at SOCKET
# (unix socket; F=T: tempfail while the milter is unavailable) and relays
# all mail to 127.0.0.1:RELAYPORT.
sm_setup() {
	SM_PORT=$1
	SM_DIR=$E2E_TMP/sendmail
	SM_LOG=$E2E_TMP/sendmail.log
	local cf=$SM_ROOT/usr/share/sendmail/cf
	"$(dirname "${BASH_SOURCE[0]}")/sm-fetch.sh" "$SM_CACHE" >/dev/null ||
		return 1
	mkdir -p "$SM_DIR/queue" && chmod 0700 "$SM_DIR/queue" || return 1
	: >"$SM_DIR/statistics"
	# no DNS: host names come from this hosts file only
	echo "hosts files" >"$SM_DIR/service.switch"
	echo "127.0.0.1 localhost sendmail.test.example" >"$SM_DIR/hosts"
	cat >"$SM_DIR/sendmail.mc" <<MC
divert(-1)
# Private Sendmail for support-milter's end-to-end test (tests/e2e/sm-lib.sh)
divert(0)dnl
OSTYPE(\`linux')dnl
define(\`QUEUE_DIR', \`$SM_DIR/queue')dnl
define(\`ALIAS_FILE', \`')dnl
define(\`STATUS_FILE', \`$SM_DIR/statistics')dnl
define(\`confHOST_STATUS_DIRECTORY', \`')dnl
define(\`confPID_FILE', \`$SM_DIR/sendmail.pid')dnl
define(\`confSERVICE_SWITCH_FILE', \`$SM_DIR/service.switch')dnl
define(\`confHOSTS_FILE', \`$SM_DIR/hosts')dnl
define(\`confDONT_PROBE_INTERFACES', \`True')dnl
# the test tree is below /tmp (sticky, world-writable)
define(\`confDONT_BLAME_SENDMAIL', \`TrustStickyBit')dnl
define(\`confLOG_LEVEL', \`14')dnl
define(\`confMILTER_LOG_LEVEL', \`14')dnl
define(\`confDELIVERY_MODE', \`background')dnl
define(\`confTO_IDENT', \`0')dnl
define(\`SMART_HOST', \`relay:[127.0.0.1]')dnl
define(\`RELAY_MAILER_ARGS', \`TCP \$h $2')dnl
FEATURE(\`nocanonify')dnl
FEATURE(\`accept_unresolvable_domains')dnl
FEATURE(\`no_default_msa')dnl
DAEMON_OPTIONS(\`Family=inet, Addr=127.0.0.1, Port=$SM_PORT, Name=MTA')dnl
INPUT_MAIL_FILTER(\`support-milter', \`S=unix:$3, F=T, T=C:10s;S:20s;R:30s;E:1m')dnl
MAILER(\`smtp')dnl
MC
	m4 -D_CF_DIR_="$cf/" "$cf/m4/cf.m4" "$SM_DIR/sendmail.mc" \
		>"$SM_DIR/sendmail.cf"
}

# sm_smtp_ready: true when the private Sendmail greets with 220.
sm_smtp_ready() {
	PF_PORT=$SM_PORT pf_smtp_ready
}

# sm_start: start the daemon in the foreground (-bD) as a background job,
# in its own UTS namespace (Sendmail waits a minute for DNS when the host
# name has no dot) and mount namespace (its /dev/log is the socket of a
# reader that appends to $SM_LOG); wait up to 20 s for its greeting.
sm_start() {
	local bin=$SM_ROOT/usr/libexec/sendmail/sendmail
	if port_in_use "$SM_PORT"; then
		echo "# port $SM_PORT is already in use"
		return 1
	fi
	python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "ab", 0) as f:
    while True:
        f.write(s.recv(65536).rstrip(b"\0\n") + b"\n")' "$SM_DIR/log.sock" "$SM_LOG" &
	SM_LOGGER_PID=$!
	wait_until 5 test -S "$SM_DIR/log.sock" || return 1
	# shellcheck disable=SC2016 # expanded by the inner shell
	unshare --uts --mount sh -c '
		hostname sendmail.test.example && mkdir -p "$1/dev" || exit 1
		for n in null zero random urandom; do
			: >"$1/dev/$n" && mount --bind "/dev/$n" "$1/dev/$n" || exit 1
		done
		ln -s "$1/log.sock" "$1/dev/log" &&
		mount --rbind "$1/dev" /dev && exec "$2" -C "$1/sendmail.cf" -bD' \
		sm "$SM_DIR" "$bin" >>"$SM_LOG" 2>&1 </dev/null &
	SM_PID=$!
	wait_until 20 sm_smtp_ready
}

# sm_stop: stop the daemon and its log reader, waiting for both to exit.
sm_stop() {
	local pid
	for pid in "$SM_PID" "$SM_LOGGER_PID"; do
		[ -n "$pid" ] || continue
		kill -TERM "$pid" 2>/dev/null
		wait_until 15 proc_gone "$pid" || kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	SM_PID=
	SM_LOGGER_PID=
}
