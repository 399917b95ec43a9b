#!/bin/bash
#
# package.sh - the Debian package as an administrator meets it: build it
# (make deb), lintian, install it, run the daemon as the packaged user on
# the packaged configuration, send mail through a private Postfix wired to
# the packaged socket, verify the systemd unit, purge.
#
# There is no systemd as PID 1 here, so the test does what the unit would:
# it creates /run/support-milter (RuntimeDirectory=) and starts the daemon
# in the foreground as user support-milter.
#
# The machine is left as it was found: the EXIT trap stops Postfix and the
# daemon and purges the package.  The test refuses to run (skip) where the
# package or its user already exists, since purging them would not be ours
# to do.
#
# Usage:  bash tests/package.sh   (as root)
#   KEEP=1  keep the temporary directory (logs, transcripts, lintian output)
# Output is TAP; exit 0 when every check passed, 77 when skipped.

set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/e2e/lib.sh"

PKG="support-milter"
CONF=/etc/support-milter/support-milter.conf
SOCK=/run/support-milter/support-milter.sock
STATE=/var/lib/support-milter
UNIT=/lib/systemd/system/support-milter.service
SUPPORT=support@example.com
SENDER=customer@example.org

skip() {
	echo "1..0 # SKIP $1"
	exit 77
}

[ "$(id -u)" -eq 0 ] || skip "must run as root (dpkg -i, postfix start)"
for cmd in dpkg-buildpackage dh lintian postfix swaks setpriv; do
	command -v "$cmd" >/dev/null 2>&1 ||
		skip "$cmd not installed (packaging/install-deps.sh test)"
done
if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q installed; then
	skip "package $PKG is already installed on this machine"
fi
getent passwd "$PKG" >/dev/null && skip "user $PKG already exists on this machine"
getent group "$PKG" >/dev/null && skip "group $PKG already exists on this machine"
[ -e "$STATE" ] && skip "$STATE already exists on this machine"
getent passwd postfix >/dev/null || skip "user postfix missing"

INSTALLED=0
DAEMON_PID=

# pkg_cleanup: EXIT trap. Stop what runs, purge what we installed, then let
# lib.sh's cleanup remove the temporary tree and exit with the status.
# The daemon's pid is kept apart from lib.sh's MILTER_PID, which milter_stop
# clears before the process is gone: a purge while it still runs as user
# support-milter could not remove the user.
pkg_cleanup() {
	local rc=$?
	pf_stop
	milter_stop
	if [ -n "$DAEMON_PID" ] && ! wait_until 15 proc_gone "$DAEMON_PID"; then
		kill -KILL "$DAEMON_PID" 2>/dev/null
		wait_until 5 proc_gone "$DAEMON_PID"
	fi
	if [ "$INSTALLED" = 1 ]; then
		dpkg --purge "$PKG" >/dev/null 2>&1 ||
			echo "# dpkg --purge $PKG failed: remove it by hand"
	fi
	(exit "$rc")
	e2e_cleanup
}

e2e_init
trap pkg_cleanup EXIT
MID=$$.$(date +%s)

# --------------------------------------------------------------------------
# 1. Build and lintian.
# --------------------------------------------------------------------------
SECONDS=0
if make -s -C "$TOP" deb >"$E2E_TMP/build.log" 2>&1; then
	t_ok "make deb builds the package (${SECONDS}s)"
else
	tail -n 30 "$E2E_TMP/build.log" | sed 's/^/# /'
	t_bail "make deb builds the package"
fi
DEB=$TOP/build/deb/${PKG}_0.1.0_$(dpkg --print-architecture).deb
[ -f "$DEB" ] || t_bail "make deb leaves $DEB"

lintian "$DEB" >"$E2E_TMP/lintian.out" 2>&1
if grep -q '^E:' "$E2E_TMP/lintian.out"; then
	t_fail "lintian reports no errors" "$(grep '^E:' "$E2E_TMP/lintian.out")"
else
	t_ok "lintian reports no errors ($(grep -c '^W:' "$E2E_TMP/lintian.out") warnings)"
fi

# --------------------------------------------------------------------------
# 2. Install: files, conffile, user, group, postfix in the group.
# --------------------------------------------------------------------------
INSTALLED=1
if dpkg -i "$DEB" >"$E2E_TMP/dpkg.log" 2>&1; then
	t_ok "dpkg -i installs the package"
else
	sed 's/^/# /' "$E2E_TMP/dpkg.log"
	t_bail "dpkg -i installs the package"
fi

t_check "the daemon and the database tool are in /usr/sbin" \
	test -x /usr/sbin/support-milter -a -x /usr/sbin/support-milter-db
# From the package's contents: a minimal image may exclude /usr/share/man
# from installation (dpkg path-exclude).
man=$(dpkg-deb -c "$DEB" | grep -cE '/usr/share/man/man(8/support-milter|8/support-milter-db|5/support-milter\.conf)\.[58]\.gz$')
t_check "the package has the three man pages" test "$man" -eq 3
t_check "the systemd unit is installed" test -f "$UNIT"
# Where systemd runs, the package started its unit: stop it, so that the
# daemon below is the only one on the socket.
[ -d /run/systemd/system ] && systemctl stop support-milter.service
if dpkg-query -W -f='${Conffiles}\n' "$PKG" | grep -q " $CONF "; then
	t_ok "$CONF is a conffile"
else
	t_fail "$CONF is a conffile" "$(dpkg-query -W -f='${Conffiles}' "$PKG")"
fi
own=$(stat -c '%U:%G %a' "$CONF")
if [ "$own" = "root:$PKG 640" ]; then
	t_ok "$CONF is root:$PKG 0640"
else
	t_fail "$CONF is root:$PKG 0640" "found: $own"
fi
if grep -qx "socket = \"unix:$SOCK\";" "$CONF" &&
	grep -qx "socket_group = \"$PKG\";" "$CONF" &&
	grep -qx "database = \"$STATE\";" "$CONF" &&
	grep -qx "spool_directory = \"$STATE/spool\";" "$CONF"; then
	t_ok "the configuration names the packaged socket, group, database and spool"
else
	t_fail "the configuration names the packaged socket, group, database and spool" \
		"$(grep -E '^(socket|socket_group|database|spool_directory) ' "$CONF")"
fi
pw=$(getent passwd "$PKG")
if [ -n "$pw" ] && [ "$(echo "$pw" | cut -d: -f3)" -lt 1000 ] &&
	[ "$(echo "$pw" | cut -d: -f6,7)" = "$STATE:/usr/sbin/nologin" ]; then
	t_ok "system user $PKG with home $STATE and no login shell"
else
	t_fail "system user $PKG with home $STATE and no login shell" "passwd: ${pw:-<none>}"
fi
if id -nG postfix | tr ' ' '\n' | grep -qx "$PKG"; then
	t_ok "postfix is in group $PKG"
else
	t_fail "postfix is in group $PKG" "groups of postfix: $(id -nG postfix)"
fi
own=$(stat -c '%U:%G %a' "$STATE" "$STATE/spool" 2>&1 | sort -u)
if [ "$own" = "$PKG:$PKG 750" ]; then
	t_ok "$STATE and its spool are $PKG:$PKG 0750"
else
	t_fail "$STATE and its spool are $PKG:$PKG 0750" "found: $own"
fi

# --------------------------------------------------------------------------
# 3. The daemon as the packaged user, as the unit runs it.
# --------------------------------------------------------------------------
install -d -o "$PKG" -g "$PKG" -m 0750 /run/support-milter
RUNAS=$E2E_TMP/run-as-$PKG
cat >"$RUNAS" <<EOF
#!/bin/sh
# The unit's User=, Group= and UMask=, without systemd.
umask 027
exec setpriv --reuid=$PKG --regid=$PKG --init-groups -- /usr/sbin/support-milter "\$@"
EOF
chmod 0755 "$RUNAS"
t_check "support-milter -n accepts the packaged configuration as user $PKG" \
	setpriv --reuid="$PKG" --regid="$PKG" --init-groups -- \
	/usr/sbin/support-milter -n -c "$CONF"
milter_start "$RUNAS" "$CONF" "$SOCK" || t_bail "the daemon starts as $PKG on $SOCK"
DAEMON_PID=$MILTER_PID
t_ok "the daemon starts as $PKG on $SOCK"
own=$(stat -c '%U:%G %a' "$SOCK")
if [ "$own" = "$PKG:$PKG 660" ]; then
	t_ok "the socket is $PKG:$PKG 0660"
else
	t_fail "the socket is $PKG:$PKG 0660" "found: $own"
fi

port=$(free_port) || t_bail "find a free TCP port"
pf_setup "$port" "$SUPPORT" || t_bail "write Postfix configuration"
pf_set "smtpd_milters = unix:$SOCK" "non_smtpd_milters =" \
	"milter_default_action = tempfail" "milter_protocol = 6" \
	"milter_command_timeout = 20s" "milter_content_timeout = 30s"
pf_check || t_bail "private Postfix configuration passes postfix check"
pf_start || t_bail "private Postfix answers on 127.0.0.1:$port"

# --------------------------------------------------------------------------
# 4. Mail through the packaged socket.
# --------------------------------------------------------------------------
MID_A="<pkg-a.$MID@client.test.example>"
send_mail a --from "$SENDER" --to "$SUPPORT" --h-To other@example.net \
	--header "Cc: $SUPPORT" --header "Message-Id: $MID_A" --h-Subject "Cc only"
guidance=$(swaks_replies "$SWAKS_OUT" | grep '^550[- ]5\.7\.1')
if [ "$SWAKS_RC" -eq 26 ] && printf '%s\n' "$guidance" | grep -q "$SUPPORT in the To field"; then
	t_ok "Cc-only mail is rejected with the guidance"
else
	t_fail "Cc-only mail is rejected with the guidance" "swaks exited $SWAKS_RC" \
		"$(swaks_replies "$SWAKS_OUT" | grep -v '^250-')"
fi

MID_B="<pkg-b.$MID@client.test.example>"
send_mail b --from "$SENDER" --to "$SUPPORT" --h-To "$SUPPORT" \
	--header "Message-Id: $MID_B" --h-Subject "Printer on fire" \
	--body "The printer on floor 3 is on fire."
file=$(wait_mail "$SUPPORT" "$MID_B")
hdr=
[ -n "$file" ] && hdr=$(mail_header "$file" X-Support-Milter)
if [ "$SWAKS_RC" -eq 0 ] && printf '%s\n' "$hdr" | grep -q 'recipient=to'; then
	t_ok "To mail is delivered with X-Support-Milter"
else
	t_fail "To mail is delivered with X-Support-Milter" "swaks exited $SWAKS_RC" \
		"file: ${file:-<none>}" "X-Support-Milter: ${hdr:-<none>}"
fi

# support-milter-db reads the packaged configuration by default.
rec=$(support-milter-db dump decisions 2>&1 | grep -F "${MID_B//[<>]/}")
if [ -f "$STATE/data.mdb" ] && printf '%s\n' "$rec" | grep -q 'action=accept'; then
	t_ok "support-milter-db dump shows the decision recorded in $STATE"
else
	t_fail "support-milter-db dump shows the decision recorded in $STATE" \
		"$(support-milter-db dump 2>&1 | head -n 20)" "$(ls -la "$STATE")"
fi

# --------------------------------------------------------------------------
# 5. Debian's chrooted smtpd and cleanup (docs/postfix.md): the socket in a
#    support-milter directory of the queue directory, named relative to it.
# --------------------------------------------------------------------------
pf_stop
milter_stop || t_fail "the daemon stops on SIGTERM"
CHDIR=$PF_QUEUE/support-milter
install -d -o "$PKG" -g "$PKG" -m 0750 "$CHDIR"
sed -i "s|^socket = .*|socket = \"unix:$CHDIR/support-milter.sock\";|" "$CONF"
sed -i -E 's/^(127\.0\.0\.1:[0-9]+ +inet +n +- +)n /\1y /; s/^(cleanup +unix +n +- +)n /\1y /' \
	"$PF_DIR/master.cf"
pf_set "smtpd_milters = unix:support-milter/support-milter.sock"
milter_start "$RUNAS" "$CONF" "$CHDIR/support-milter.sock" ||
	t_bail "the daemon starts on $CHDIR/support-milter.sock"
DAEMON_PID=$MILTER_PID
pf_start || t_bail "chrooted Postfix answers on 127.0.0.1:$port"
MID_C="<pkg-c.$MID@client.test.example>"
send_mail c --from "$SENDER" --to "$SUPPORT" --h-To other@example.net \
	--header "Cc: $SUPPORT" --header "Message-Id: $MID_C" --h-Subject "Cc only, chroot"
if [ "$(grep -cE '^(127\.0\.0\.1:[0-9]+ +inet|cleanup) .* y ' "$PF_DIR/master.cf")" -eq 2 ] &&
	[ "$SWAKS_RC" -eq 26 ] &&
	swaks_replies "$SWAKS_OUT" | grep -q "^550.*$SUPPORT in the To field"; then
	t_ok "chrooted smtpd reaches unix:support-milter/support-milter.sock: Cc-only rejected"
else
	t_fail "chrooted smtpd reaches unix:support-milter/support-milter.sock: Cc-only rejected" \
		"swaks exited $SWAKS_RC" "$(swaks_replies "$SWAKS_OUT" | grep -v '^250-')"
fi
pf_stop
milter_stop || t_fail "the daemon stops on SIGTERM"

# --------------------------------------------------------------------------
# 6. The unit, where systemd-analyze can run.
# --------------------------------------------------------------------------
# Documentation=man:... is checked only where the pages were installed.
mancheck=no
command -v man >/dev/null 2>&1 && [ -f /usr/share/man/man8/support-milter.8.gz ] &&
	mancheck=yes
if ! command -v systemd-analyze >/dev/null 2>&1; then
	t_ok "systemd-analyze verify # SKIP systemd not installed"
elif out=$(systemd-analyze verify --man="$mancheck" "$UNIT" 2>&1) && [ -z "$out" ]; then
	t_ok "systemd-analyze verify accepts the installed unit (man pages checked: $mancheck)"
else
	t_fail "systemd-analyze verify accepts the installed unit" "$out"
fi

# --------------------------------------------------------------------------
# 7. Purge removes what the package made.
# --------------------------------------------------------------------------
INSTALLED=0
if dpkg --purge "$PKG" >"$E2E_TMP/purge.log" 2>&1; then
	t_ok "dpkg --purge succeeds"
else
	t_fail "dpkg --purge succeeds" "$(cat "$E2E_TMP/purge.log")"
fi
left=
getent passwd "$PKG" >/dev/null && left="$left user"
getent group "$PKG" >/dev/null && left="$left group"
for p in /etc/support-milter "$STATE" /run/support-milter \
	/etc/systemd/system/multi-user.target.wants/support-milter.service; do
	[ -e "$p" ] && left="$left $p"
done
if [ -z "$left" ]; then
	t_ok "purge leaves no user, group, configuration, state or unit link"
else
	t_fail "purge leaves no user, group, configuration, state or unit link" "left:$left"
fi

t_finish
