#!/bin/sh
# install-deps.sh - install the Debian 12 packages that building and testing
# support-milter need, and nothing when they are all present.
#
# Usage: packaging/install-deps.sh [build|test]
#   build  what `make` and `make run` need (compiler, libraries)
#   test   build, plus what `make check` needs (cmocka, Postfix, swaks,
#          clang and its libFuzzer runtime)
#
# Postfix is installed with debconf "No configuration" so that no system
# instance is set up or started: the end-to-end test runs a private one.
set -eu

BUILD_PKGS="build-essential pkg-config libmilter-dev libgmime-3.0-dev liblmdb-dev libconfig-dev libxml2-dev"
TEST_PKGS="libcmocka-dev postfix swaks lmdb-utils valgrind python3 procps time clang libclang-rt-14-dev"

want=$BUILD_PKGS
[ "${1:-build}" = test ] && want="$BUILD_PKGS $TEST_PKGS"

missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "postfix postfix/main_mailer_type select No configuration" |
	$SUDO debconf-set-selections
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
