# shellcheck shell=bash
#
# lib.sh - shared helpers for the end-to-end tests of support-milter.
#
# Source this file from a test script (bash, `set -u`; deliberately not
# `set -e`: a failed check must be counted and reported, not abort the run).
# It provides:
#
#   - where things are:            TOP (the tree), E2E_DIR (this folder),
#                                  BIN and DBTOOL (the binaries under test)
#   - a TAP-style check counter:   t_ok, t_fail, t_check, t_bail, t_finish
#   - a private temporary tree:    e2e_init (creates $E2E_TMP, installs the
#                                  EXIT trap that stops everything started)
#   - a private Postfix instance:  pf_setup, pf_set, pf_start, pf_stop
#   - the milter under test:       milter_start, milter_stop
#   - SMTP client and mailboxes:   send_mail, swaks_queue_id, pf_wait_removed,
#                                  maildir_find, wait_mail, mail_body,
#                                  mail_header
#   - a private Sendmail:          sm-lib.sh (sm_setup, sm_start, sm_stop)
#
# The machine is assumed to have no syslog, no DNS and no system Postfix
# instance (Debian's postfix package installed with "No configuration").
# Everything a test starts lives under $E2E_TMP and is stopped by the EXIT
# trap, whether the test passes, fails or is interrupted.
#
# Environment knobs:
#   KEEP=1      keep $E2E_TMP after the run (logs, Maildirs, configs)
#   VERBOSE=1   print every SMTP transcript
#   E2E_PORT    use this TCP port for the private smtpd instead of a free one

# The tree, this folder, and the binaries under test: build/'s, or the
# ones SUPPORT_MILTER and SUPPORT_MILTER_DB name.
E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$E2E_DIR/../.." && pwd)
# shellcheck disable=SC2034  # for the scripts that source this file
BIN=${SUPPORT_MILTER:-$TOP/build/support-milter}
# shellcheck disable=SC2034
DBTOOL=${SUPPORT_MILTER_DB:-$TOP/build/support-milter-db}

E2E_N=0         # checks run so far
E2E_PASS=0
E2E_FAIL=0
E2E_FINISHED=0  # t_finish ran (and showed the logs if needed)
E2E_TMP=
PF_DIR=         # private Postfix config_directory (main.cf, master.cf)
PF_QUEUE=       # its queue_directory (master.pid lives under pid/)
PF_LOG=         # its maillog_file
PF_PORT=        # TCP port of its smtpd on 127.0.0.1
PF_STARTED=0
VMAIL=          # virtual_mailbox_base: one Maildir per mailbox below it
MILTER_PID=
MILTER_LOG=
SWAKS_OUT=      # transcript file of the last send_mail
SWAKS_RC=       # exit status of the last send_mail

# ---------------------------------------------------------------------------
# TAP-style reporting
# ---------------------------------------------------------------------------

t_ok() {
	E2E_N=$((E2E_N + 1))
	E2E_PASS=$((E2E_PASS + 1))
	echo "ok $E2E_N - $1"
}

# t_fail DESCRIPTION [DETAIL...]: a failed check; DETAIL lines are printed
# as TAP diagnostics ("# ...") so a reader sees why without opening files.
t_fail() {
	E2E_N=$((E2E_N + 1))
	E2E_FAIL=$((E2E_FAIL + 1))
	echo "not ok $E2E_N - $1"
	shift
	# Every line of every detail gets the "#" prefix, so that multi-line
	# details (transcripts, diffs) do not break the TAP stream.
	[ "$#" -gt 0 ] && printf '%s\n' "$@" | sed 's/^/#   /'
	return 0
}

# t_check DESCRIPTION COMMAND [ARGS...]: ok if COMMAND succeeds.
t_check() {
	local desc=$1
	shift
	if "$@"; then
		t_ok "$desc"
	else
		t_fail "$desc" "command failed: $*"
	fi
}

# t_bail REASON: a setup step failed, so the remaining checks would only
# report the same failure again. Count it, say so and exit (the EXIT trap
# still stops whatever was started and prints the logs).
t_bail() {
	t_fail "$1"
	echo "Bail out! $1"
	exit 1
}

# t_finish: print the logs if a check failed, then the plan and the summary
# line, which stays the last line of the output; return non-zero when any
# check failed. The plan comes last because the number of checks is only
# known at the end (TAP allows a trailing plan).
t_finish() {
	[ "$E2E_FAIL" -eq 0 ] || show_logs
	E2E_FINISHED=1
	echo "1..$E2E_N"
	echo "e2e: $E2E_PASS passed, $E2E_FAIL failed"
	[ "$E2E_FAIL" -eq 0 ]
}

# ---------------------------------------------------------------------------
# Process and polling helpers
# ---------------------------------------------------------------------------

# proc_alive PID: true while PID runs. A zombie counts as dead: the milter is
# our child and stays a zombie until reaped, and the Postfix master is
# re-parented to PID 1, which on a container or micro-VM may never reap it,
# so `kill -0` alone would wait forever.
proc_alive() {
	local pid=$1 state
	[ -n "$pid" ] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 1
	[ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# proc_gone PID: the negation, for wait_until.
proc_gone() {
	! proc_alive "$1"
}

# wait_until SECONDS COMMAND [ARGS...]: poll COMMAND every 0.2 s until it
# succeeds (return 0) or SECONDS have passed (return 1). Polling rather than
# sleeping a fixed time keeps the test fast on a fast machine and patient on
# a slow one.
wait_until() {
	local limit=$(($1 * 5)) i=0
	shift
	while ! "$@"; do
		i=$((i + 1))
		[ "$i" -ge "$limit" ] && return 1
		sleep 0.2
	done
	return 0
}

# port_in_use PORT: true if something accepts connections on 127.0.0.1:PORT.
port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port: print a TCP port on 127.0.0.1 that nothing listens on now.
# A random high port rather than a fixed one, so that parallel runs (or a
# leftover instance) do not collide; there is a small race until Postfix
# binds it, which pf_start reports clearly if it is ever lost.
free_port() {
	local i p
	for i in $(seq 1 100); do
		p=$((20000 + RANDOM % 40000))
		if ! port_in_use "$p"; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# ---------------------------------------------------------------------------
# Temporary tree and cleanup
# ---------------------------------------------------------------------------

# e2e_init: create $E2E_TMP and install the traps. Must run before anything
# is started.
e2e_init() {
	E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sm-e2e.XXXXXX") || {
		echo "Bail out! mktemp failed"
		exit 1
	}
	# Postfix daemons run as user postfix and must traverse this directory
	# to reach the milter socket, the Maildirs and the data directory;
	# mktemp creates it 0700.
	chmod 0755 "$E2E_TMP"
	# An AF_UNIX path is limited to 108 bytes; a long $TMPDIR would make
	# the milter fail in a confusing way, so refuse it up front.
	if [ "${#E2E_TMP}" -gt 60 ]; then
		echo "Bail out! temporary directory path too long for a unix socket: $E2E_TMP"
		exit 1
	fi
	[ "${KEEP:-0}" = 1 ] && echo "# temporary directory (KEEP=1): $E2E_TMP"
	trap e2e_cleanup EXIT
	# Turn signals into a normal exit so that the EXIT trap runs.
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

# show_logs: the tails of the logs, printed when something failed so that
# the cause is visible in CI output without KEEP=1.
show_logs() {
	if [ -n "$PF_LOG" ] && [ -s "$PF_LOG" ]; then
		echo "# ---- tail of Postfix maillog ($PF_LOG) ----"
		tail -n 40 "$PF_LOG" | sed 's/^/# /'
	fi
	if [ -n "${SM_LOG:-}" ] && [ -s "$SM_LOG" ]; then
		echo "# ---- tail of Sendmail log ($SM_LOG) ----"
		tail -n 40 "$SM_LOG" | sed 's/^/# /'
	fi
	if [ -n "$MILTER_LOG" ] && [ -s "$MILTER_LOG" ]; then
		echo "# ---- tail of milter log ($MILTER_LOG) ----"
		tail -n 40 "$MILTER_LOG" | sed 's/^/# /'
	fi
}

# e2e_cleanup: EXIT trap. Stops Postfix and the milter if still running
# (each waits for its process to be gone), prints the logs if the run ended
# early, removes $E2E_TMP unless KEEP=1. Safe however far the setup got, and
# a no-op for what the test already stopped itself.
e2e_cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	# A bail-out or a signal ends the run before t_finish: show the logs.
	if [ "$E2E_FINISHED" != 1 ] && [ -n "$E2E_TMP" ]; then
		show_logs
	fi
	! declare -F sm_stop >/dev/null || sm_stop
	pf_stop
	milter_stop
	if [ -n "$E2E_TMP" ] && [ -d "$E2E_TMP" ] && [ "${KEEP:-0}" != 1 ]; then
		rm -rf "$E2E_TMP"
	fi
	exit "$rc"
}

# ---------------------------------------------------------------------------
# Private Postfix instance
# ---------------------------------------------------------------------------

# pf_setup PORT MAILBOX...: write main.cf and master.cf of a private Postfix
# instance under $E2E_TMP that accepts SMTP on 127.0.0.1:PORT and delivers
# each MAILBOX (user@domain) to the Maildir $VMAIL/domain/user/.
# Milter settings are left to the test (pf_set).
pf_setup() {
	PF_PORT=$1
	shift
	PF_DIR=$E2E_TMP/postfix
	PF_QUEUE=$E2E_TMP/queue
	PF_LOG=$E2E_TMP/maillog
	VMAIL=$E2E_TMP/vmail
	local data=$E2E_TMP/data uid gid mb domains=

	uid=$(id -u postfix) && gid=$(id -g postfix) || return 1
	# The queue directory must belong to root (postfix check insists);
	# postfix start creates its subdirectories with the right owners.
	mkdir -p "$PF_DIR" "$PF_QUEUE" "$data" "$VMAIL" || return 1
	chown postfix "$data" "$VMAIL" || return 1
	chmod 0700 "$data"

	: >"$PF_DIR/vmailbox"
	for mb in "$@"; do
		# "domain/user/" - the trailing slash asks virtual(8) for Maildir.
		echo "$mb ${mb#*@}/${mb%@*}/" >>"$PF_DIR/vmailbox"
		case " $domains " in
		*" ${mb#*@} "*) ;;
		*) domains="$domains ${mb#*@}" ;;
		esac
	done

	cat >"$PF_DIR/main.cf" <<EOF
# Private Postfix instance for support-milter's end-to-end test.
# Generated by tests/e2e/lib.sh; everything lives under $E2E_TMP.
compatibility_level = 3.6
config_directory = $PF_DIR
queue_directory = $PF_QUEUE
data_directory = $data
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-e2e

# There is no syslog: log to a file through postlogd (enabled in master.cf).
# The path must be allowed by maillog_file_prefixes.
maillog_file = $PF_LOG
maillog_file_prefixes = $E2E_TMP

# Listen on loopback only; the smtpd port is set in master.cf.
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
myhostname = mx.test.example
mydomain = test.example
myorigin = \$myhostname

# No DNS on the test machine: never look up client names, and never query
# DNS when (unexpectedly) sending mail out. disable_dns_lookups is not set:
# it is deprecated in favour of smtp_dns_support_level and only warns.
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
smtp_host_lookup = native

# No local delivery and no relaying: only the virtual mailboxes exist.
mydestination =
relay_domains =
local_transport = error:local delivery is disabled in this test
alias_maps =
alias_database =
biff = no
append_dot_mydomain = no

# Virtual Maildir delivery, as user postfix, below \$virtual_mailbox_base.
virtual_mailbox_domains =$domains
virtual_mailbox_maps = texthash:$PF_DIR/vmailbox
virtual_mailbox_base = $VMAIL
virtual_uid_maps = static:$uid
virtual_gid_maps = static:$gid
virtual_minimum_uid = $uid

# Retry deferred mail within seconds rather than minutes, so that a
# transient delivery problem resolves (or shows) while the test still waits.
queue_run_delay = 10s
minimal_backoff_time = 10s
maximal_backoff_time = 20s
maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
EOF

	# Only the services needed for SMTP in and virtual delivery out. chroot
	# is off everywhere ("n" in the 5th column): Debian's stock master.cf
	# chroots smtpd and cleanup into the queue directory, which would make
	# the absolute milter socket path and the maillog unreachable.
	cat >"$PF_DIR/master.cf" <<EOF
# service        type       private unpriv chroot wakeup maxproc command
127.0.0.1:$PF_PORT inet     n       -      n      -      -       smtpd
pickup           unix       n       -      n      60     1       pickup
cleanup          unix       n       -      n      -      0       cleanup
qmgr             unix       n       -      n      300    1       qmgr
rewrite          unix       -       -      n      -      -       trivial-rewrite
bounce           unix       -       -      n      -      0       bounce
defer            unix       -       -      n      -      0       bounce
trace            unix       -       -      n      -      0       bounce
verify           unix       -       -      n      -      1       verify
flush            unix       n       -      n      1000?  0       flush
proxymap         unix       -       -      n      -      -       proxymap
showq            unix       n       -      n      -      -       showq
error            unix       -       -      n      -      -       error
retry            unix       -       -      n      -      -       error
discard          unix       -       -      n      -      -       discard
smtp             unix       -       -      n      -      -       smtp
virtual          unix       -       n      n      -      -       virtual
anvil            unix       -       -      n      -      1       anvil
scache           unix       -       -      n      -      1       scache
postlog          unix-dgram n       -      n      -      1       postlogd
EOF
}

# pf_set "name = value"...: set main.cf parameters of the private instance.
pf_set() {
	postconf -c "$PF_DIR" -e "$@"
}

# pf_check: `postfix check` on the private instance; prints its warnings.
pf_check() {
	local out rc
	out=$(postfix -c "$PF_DIR" check 2>&1)
	rc=$?
	[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/# postfix check: /'
	return "$rc"
}

# pf_smtp_ready: true when the private smtpd answers with a 220 greeting.
# Reading the greeting (not just connecting) proves that the master could
# spawn smtpd with this configuration.
pf_smtp_ready() {
	(
		exec 3<>"/dev/tcp/127.0.0.1/$PF_PORT" || exit 1
		IFS= read -r -t 10 line <&3 || exit 1
		printf 'QUIT\r\n' >&3
		case $line in
		220*) exit 0 ;;
		*) exit 1 ;;
		esac
	) 2>/dev/null
}

# pf_start: start the private instance and wait (up to 20 s) until its smtpd
# greets.
pf_start() {
	if port_in_use "$PF_PORT"; then
		echo "# port $PF_PORT is already in use"
		return 1
	fi
	PF_STARTED=1
	postfix -c "$PF_DIR" start 2>&1 | sed 's/^/# postfix start: /'
	[ "${PIPESTATUS[0]}" -eq 0 ] || return 1
	wait_until 20 pf_smtp_ready
}

# pf_master_pid: print the pid of the running master, if any.
pf_master_pid() {
	local f=$PF_QUEUE/pid/master.pid
	[ -r "$f" ] && tr -d ' \n' <"$f"
}

# pf_stop: stop the private instance and wait (up to 20 s) for its master
# to exit. `postfix stop` returns as soon as it has signalled the master,
# and the master only then stops its children: without the wait, the
# temporary tree could be removed under running daemons.
pf_stop() {
	[ "$PF_STARTED" = 1 ] || return 0
	PF_STARTED=0
	local pid
	pid=$(pf_master_pid)
	postfix -c "$PF_DIR" stop >/dev/null 2>&1
	[ -n "$pid" ] || return 0
	if ! wait_until 20 proc_gone "$pid"; then
		echo "# postfix master $pid did not exit; killing it"
		kill -KILL "$pid" 2>/dev/null
		wait_until 5 proc_gone "$pid"
	fi
}

# pf_wait_removed QUEUEID [SECONDS]: wait until Postfix has finished with a
# message: "QUEUEID: removed" is logged once every recipient was delivered
# or bounced. This is what lets a test assert that something was NOT
# delivered without sleeping for an arbitrary time.
pf_wait_removed() {
	wait_until "${2:-20}" grep -q -- " $1: removed" "$PF_LOG"
}

# ---------------------------------------------------------------------------
# The milter under test
# ---------------------------------------------------------------------------

# file_id PATH: inode and change time of PATH (empty if it does not exist);
# a different value means the file was replaced.
file_id() {
	stat -c '%i %.9Z' "$1" 2>/dev/null
}

# _socket_or_dead SOCKET OLD-ID PID: a socket other than the stale one
# (OLD-ID) exists, or the process is gone.
_socket_or_dead() {
	{ [ -S "$1" ] && [ "$(file_id "$1")" != "$2" ]; } || proc_gone "$3"
}

# milter_start BINARY CONFIG SOCKETPATH: run the milter in the foreground
# (-f) as a background job of this shell, stderr appended to $MILTER_LOG, and
# wait up to 10 s for it to create its unix socket.
# A socket left by a previous run is deliberately not removed: libmilter
# leaves it behind on exit, and the milter must replace it on its own (as it
# must after a crash in production). Readiness is therefore "a socket that
# is not the stale file" (different inode or change time), not merely "the
# path exists".
milter_start() {
	local bin=$1 conf=$2 sock=$3 stale
	MILTER_LOG=$E2E_TMP/milter.log
	stale=$(file_id "$sock")
	echo "---- $(date '+%F %T') starting $bin -f -c $conf" >>"$MILTER_LOG"
	"$bin" -f -c "$conf" </dev/null >>"$MILTER_LOG" 2>&1 &
	MILTER_PID=$!
	# Give up early if the process dies instead of creating the socket.
	wait_until 10 _socket_or_dead "$sock" "$stale" "$MILTER_PID"
	if ! proc_alive "$MILTER_PID"; then
		wait "$MILTER_PID" 2>/dev/null
		echo "# milter exited with status $? during start-up"
		MILTER_PID=
		return 1
	fi
	[ -S "$sock" ] && [ "$(file_id "$sock")" != "$stale" ]
}

# milter_stop: SIGTERM the milter and wait (up to 15 s) for it to exit;
# libmilter needs a few seconds to shut down, and a socket reused too early
# would still be served by the dying process. SIGKILL after that, and
# return 1 so that a test can report the slow shutdown.
milter_stop() {
	local pid=$MILTER_PID limit=15 rc=0
	[ -n "$pid" ] || return 0
	MILTER_PID=
	kill -TERM "$pid" 2>/dev/null
	if ! wait_until "$limit" proc_gone "$pid"; then
		echo "# milter $pid still running ${limit}s after SIGTERM; killing it"
		kill -KILL "$pid" 2>/dev/null
		rc=1
	fi
	# Reap it (it is our child) so no zombie remains.
	wait "$pid" 2>/dev/null
	echo "---- $(date '+%F %T') milter $pid stopped" >>"$MILTER_LOG"
	return "$rc"
}

# ---------------------------------------------------------------------------
# Sending mail and looking at Maildirs
# ---------------------------------------------------------------------------

# send_mail NAME SWAKS-ARGS...: one SMTP transaction with swaks against the
# private smtpd (or port $SMTP_PORT when set: the private Sendmail). The transcript goes to $E2E_TMP/swaks-NAME.out ($SWAKS_OUT)
# and the exit status to $SWAKS_RC. swaks exits 0 when the message was
# accepted, 23/24/26 for an error reply after MAIL/RCPT/end of DATA, and
# prints server lines as "<- " (or "<** " for errors).
send_mail() {
	local name=$1
	shift
	SWAKS_OUT=$E2E_TMP/swaks-$name.out
	swaks --server 127.0.0.1 --port "${SMTP_PORT:-$PF_PORT}" --helo client.test.example \
		--timeout 60 "$@" >"$SWAKS_OUT" 2>&1
	# shellcheck disable=SC2034 # read by the test scripts
	SWAKS_RC=$?
	if [ "${VERBOSE:-0}" = 1 ]; then
		sed 's/^/# /' "$SWAKS_OUT"
	fi
}

# swaks_replies FILE: the server's reply lines from a transcript, without
# swaks' "<- " / "<** " prefix.
swaks_replies() {
	sed -n 's/^<\(-\|\*\*\) \{1,\}//p' "$1"
}

# expect_rc DESCRIPTION WANTED: check the exit status of the last send_mail;
# on failure show the server's replies.
expect_rc() {
	if [ "$SWAKS_RC" -eq "$2" ]; then
		t_ok "$1"
	else
		t_fail "$1" "swaks exited $SWAKS_RC, expected $2; server replies:" \
			"$(swaks_replies "$SWAKS_OUT" | grep -v '^250-')"
	fi
}

# swaks_queue_id FILE: the queue ID from Postfix's "250 2.0.0 Ok: queued as
# ID" reply in a transcript.
swaks_queue_id() {
	sed -n 's/^<- *250.* queued as \([0-9A-Za-z]*\).*/\1/p' "$1" | tail -n 1
}

# maildir MAILBOX: the Maildir directory of MAILBOX (user@domain).
maildir() {
	echo "$VMAIL/${1#*@}/${1%@*}"
}

# maildir_find MAILBOX MARKER: print the delivered files of MAILBOX that
# contain MARKER (each test message carries a unique Message-Id). Looks in
# new/ and cur/ so that it does not matter whether a message was "read".
maildir_find() {
	local d
	d=$(maildir "$1")
	[ -d "$d" ] || return 0
	grep -l -F -- "$2" "$d"/new/* "$d"/cur/* 2>/dev/null
}

# maildir_count MAILBOX MARKER: how many delivered files contain MARKER.
maildir_count() {
	maildir_find "$1" "$2" | wc -l
}

# mail_present MAILBOX MARKER: true if a message with MARKER was delivered.
mail_present() {
	[ "$(maildir_count "$1" "$2")" -gt 0 ]
}

# wait_mail MAILBOX MARKER [SECONDS]: wait (default 20 s) until a message
# containing MARKER is in MAILBOX; print its file name.
wait_mail() {
	wait_until "${3:-20}" mail_present "$1" "$2" &&
		maildir_find "$1" "$2" | head -n 1
}

# mail_body FILE: the body of a stored message (everything after the first
# empty line), byte for byte. Maildir files use LF line ends.
mail_body() {
	sed '0,/^\r\{0,1\}$/d' "$1"
}

# expect_untouched DESC FILE MID: FILE sent to $ALICE instead of support,
# its Message-ID MID made other-MID, is delivered with its body byte for
# byte (mail not for support passes untouched).
expect_untouched() {
	local desc=$1 msg=$2 mid=$3 other=$E2E_TMP/other.eml file

	sed "s/^To: .*/To: $ALICE/; s/$mid/other-$mid/" "$msg" >"$other"
	send_mail o --from anna@acme.example --to "$ALICE" --data "@$other"
	file=$(wait_mail "$ALICE" "other-$mid")
	if [ -n "$file" ] && cmp -s <(mail_body "$file") <(sed '0,/^$/d' "$other"; echo); then
		t_ok "$desc"
	else
		t_fail "$desc" "file: ${file:-<none>}"
	fi
}

# mail_header FILE NAME: the unfolded values of every NAME: header of a
# stored message, one per line (folded headers are joined with a single
# space so that a value split over lines can still be matched).
mail_header() {
	awk -v name="$2" '
		function flush() {
			if (in_hdr) { sub(/^[ \t]+/, "", cur); print cur }
			in_hdr = 0; cur = ""
		}
		BEGIN { want = tolower(name) ":" }
		{ sub(/\r$/, "") }
		/^$/ { flush(); exit }
		/^[ \t]/ { if (in_hdr) { v = $0; sub(/^[ \t]+/, " ", v); cur = cur v }; next }
		{
			flush()
			if (tolower(substr($0, 1, length(want))) == want) {
				in_hdr = 1; cur = substr($0, length(want) + 1)
			}
		}
		END { flush() }
	' "$1"
}

# ---------------------------------------------------------------------------
# The usual test bed
# ---------------------------------------------------------------------------

# e2e_require BINARY: skip (exit 77) unless root, bail out without BINARY.
e2e_require() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "1..0 # SKIP must run as root (postfix start needs it)"
		exit 77
	fi
	[ -x "$1" ] || { echo "Bail out! $1 not found (run make)"; exit 1; }
}

# e2e_bed BINARY SUPPORT MAILBOX...: a milter configuration ($CONF: the
# support address, its socket $SOCK with group postfix, the database $DB,
# and the settings in $E2E_EXTRA_CONF if set) and a private Postfix
# delivering to SUPPORT and the MAILBOXes with the milter as its smtpd
# milter; both started.  Bails out on any failure.
e2e_bed() {
	local bin=$1 support=$2 port
	shift 2
	SOCK=$E2E_TMP/milter/support-milter.sock
	CONF=$E2E_TMP/milter.conf
	DB=$E2E_TMP/db
	mkdir -m 0755 "$E2E_TMP/milter"
	cat >"$CONF" <<CONF
support_addresses = [ "$support" ];
socket = "unix:$SOCK";
socket_group = "postfix";
database = "$DB";
${E2E_EXTRA_CONF:-}
CONF
	port=$(free_port) || t_bail "find a free TCP port"
	pf_setup "$port" "$support" "$@" || t_bail "write Postfix configuration"
	pf_set "smtpd_milters = unix:$SOCK" "non_smtpd_milters =" \
		"milter_default_action = tempfail" "milter_protocol = 6" \
		"milter_command_timeout = 20s" "milter_content_timeout = 30s"
	pf_check || t_bail "private Postfix configuration passes postfix check"
	milter_start "$bin" "$CONF" "$SOCK" || t_bail "milter starts"
	pf_start || t_bail "private Postfix answers on 127.0.0.1:$port"
}
