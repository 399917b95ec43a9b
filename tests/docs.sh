#!/usr/bin/env bash
# docs.sh - the manual pages format without a warning (groff -man -ww -z
# prints nothing), and every option the programs' --help lists is in
# their manual page.  The settings table is checked against
# support-milter.conf(5) and conf/ by tests/unit/test_conf.c.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
n=0
fails=0
check() {
	n=$((n + 1))
	if eval "$2"; then echo "ok $n - $1"
	else echo "not ok $n - $1"; fails=$((fails + 1)); fi
}

for page in "$top"/docs/*.[58]; do
	out=$(groff -man -ww -z "$page" 2>&1)
	check "groff -man -ww -z $(basename "$page") prints nothing" \
		'[ -z "$out" ] || { printf "%s\n" "$out" | sed "s/^/# /"; false; }'
done
# long_options PROGRAM: the --options its --help names.
long_options() { "$1" --help 2>&1 | grep -o -- '--[a-z][a-z-]*' | sort -u; }
for prog in support-milter support-milter-db; do
	missing=
	for opt in $(long_options "$top/build/$prog"); do
		grep -q -- "$(printf '%s' "$opt" | sed 's/-/\\\\-/g')" "$top/docs/$prog.8" ||
			missing="$missing $opt"
	done
	check "every option of $prog --help is in $prog(8)" \
		'[ -z "$missing" ] || { echo "# missing:$missing"; false; }'
done
echo "1..$n"
[ $fails -eq 0 ]
