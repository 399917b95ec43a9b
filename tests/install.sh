#!/usr/bin/env bash
# install.sh - `make install` and `make uninstall` into a scratch DESTDIR:
# the files land where PREFIX and DESTDIR say, the installed configuration
# is a production one that loads, and uninstall removes what install put
# there (but keeps the configuration, as a package keeps a conffile).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
n=0
fails=0
check() {
	n=$((n + 1))
	if eval "$2"; then echo "ok $n - $1"
	else echo "not ok $n - $1"; fails=$((fails + 1)); fi
}

make -s -C "$top" install DESTDIR="$d" PREFIX=/usr >"$d.log" 2>&1
rc=$?
check "make install succeeds" '[ $rc -eq 0 ] || { sed "s/^/# /" "$d.log"; false; }'
check "the daemon is \$(PREFIX)/sbin/support-milter" '[ -x "$d/usr/sbin/support-milter" ]'
check "the admin tool is \$(PREFIX)/sbin/support-milter-db" '[ -x "$d/usr/sbin/support-milter-db" ]'
check "the man pages are installed" \
	'[ -f "$d/usr/share/man/man8/support-milter.8" ] && [ -f "$d/usr/share/man/man5/support-milter.conf.5" ] &&
	 [ -f "$d/usr/share/man/man8/support-milter-db.8" ]'
conf=$d/etc/support-milter/support-milter.conf
check "a configuration is installed with mode 0640" '[ "$(stat -c %a "$conf")" = 640 ]'
check "the installed configuration points at production paths" \
	'grep -q "^socket = \"unix:/run/support-milter/support-milter.sock\";" "$conf" &&
	 grep -q "^database = \"/var/lib/support-milter\";" "$conf" &&
	 ! grep -q "in-tree" "$conf"'
mkdir -p "$d/run"
check "the installed configuration loads (-n, with -p and --db for this machine)" \
	'"$d/usr/sbin/support-milter" -n -c "$conf" -p "unix:$d/run/s.sock" --db "$d/db"'
echo "# keep me" >>"$conf"
make -s -C "$top" install DESTDIR="$d" PREFIX=/usr >/dev/null 2>&1
check "a second install keeps the administrator's configuration" 'tail -n 1 "$conf" | grep -q "keep me"'
make -s -C "$top" uninstall DESTDIR="$d" PREFIX=/usr >/dev/null 2>&1
check "make uninstall removes the programs and the man pages" \
	'[ ! -e "$d/usr/sbin/support-milter" ] && [ ! -e "$d/usr/sbin/support-milter-db" ] &&
	 [ ! -e "$d/usr/share/man/man8/support-milter.8" ] && [ ! -e "$d/usr/share/man/man8/support-milter-db.8" ]'
check "make uninstall keeps the configuration" '[ -f "$conf" ]'
rm -f "$d.log"
echo "1..$n"
[ $fails -eq 0 ]
