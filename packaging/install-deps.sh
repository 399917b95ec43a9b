#!/bin/sh
# install-deps.sh - install the Debian 12 packages that building and testing
# support-milter need, and nothing when they are all present.
#
# Usage: packaging/install-deps.sh [build|deb|test]
#   build  what `make` and `make run` need (compiler, libraries)
#   deb    build, plus what `make deb` needs (debhelper, lintian)
#   test   build and deb, plus what `make check` needs (cmocka, Postfix,
#          swaks; systemd for `systemd-analyze verify` of the unit; clang
#          and its libFuzzer runtime; and Sendmail unpacked privately by
#          tests/e2e/sm-fetch.sh)
#
# Postfix is installed with debconf "No configuration" so that no system
# instance is set up or started: the end-to-end test runs a private one.
# Sendmail's packages conflict with postfix: only the libraries its binary
# needs and m4 (to build its .cf) are installed.
set -eu

BUILD_PKGS="build-essential pkg-config libmilter-dev libgmime-3.0-dev liblmdb-dev libconfig-dev libxml2-dev tzdata"
DEB_PKGS="debhelper dpkg-dev fakeroot lintian adduser"
TEST_PKGS="libcmocka-dev postfix swaks lmdb-utils valgrind python3 procps systemd groff-base
m4 libwrap0 libdb5.3 libldap-2.5-0 liblockfile1 libnsl2 libsasl2-2 libssl3
time clang libclang-rt-14-dev"

case ${1:-build} in
deb) want="$BUILD_PKGS $DEB_PKGS" ;;
test) want="$BUILD_PKGS $DEB_PKGS $TEST_PKGS" ;;
*) want=$BUILD_PKGS ;;
esac

missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ -n "$missing" ]; then
	echo "install-deps: installing:$missing"
	echo "postfix postfix/main_mailer_type select No configuration" |
		$SUDO debconf-set-selections
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing
fi
# Sendmail for tests/e2e/sendmail.sh: a no-op once unpacked, so sudo is
# only asked for the first time.
fetch=$(dirname "$0")/../tests/e2e/sm-fetch.sh
if [ "${1:-build}" = test ] && ! "$fetch" 2>/dev/null; then
	$SUDO "$fetch"
fi
