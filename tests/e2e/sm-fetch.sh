#!/bin/sh
# sm-fetch.sh - unpack Debian 12's Sendmail (sendmail-bin, sendmail-cf) into
# a private tree for tests/e2e/sendmail.sh, once.
#
# Usage: tests/e2e/sm-fetch.sh [DIR]   (default $SM_CACHE, else
#        /var/cache/support-milter-test/sendmail; as root)
#
# The sendmail packages conflict with postfix, which the other end-to-end
# tests need, so they are never installed: `apt-get download` fetches them
# and `dpkg-deb -x` unpacks them below DIR/root.  Their shared libraries
# (libwrap0 and the rest) are ordinary packages from packaging/install-deps.sh.
set -eu
dir=${1:-${SM_CACHE:-/var/cache/support-milter-test/sendmail}}
bin=usr/libexec/sendmail/sendmail
[ -x "$dir/root/$bin" ] && exit 0

mkdir -p "$dir"
tmp=$(mktemp -d "$dir/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# apt-get download writes as user _apt where it can
chmod 0755 "$tmp"
chown _apt "$tmp" 2>/dev/null || :
if ! (cd "$tmp" && apt-get download -q sendmail-bin sendmail-cf); then
	apt-get update -qq
	(cd "$tmp" && apt-get download -q sendmail-bin sendmail-cf)
fi
for deb in "$tmp"/*.deb; do
	dpkg-deb -x "$deb" "$tmp/root"
done
# The binary is set-gid smmsp: the test runs it as root from a private .cf,
# and a set-gid program would make the loader ignore LD_LIBRARY_PATH.
chmod g-s "$tmp/root/$bin"
rm -rf "$dir/root"
mv "$tmp/root" "$dir/root"
echo "sm-fetch: Sendmail $(dpkg-deb -f "$tmp"/sendmail-bin_*.deb Version) unpacked in $dir/root"
