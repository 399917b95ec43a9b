#!/usr/bin/env bash
# run-all.sh - run support-milter's test suites and end with one summary line.
#
# usage: tests/run-all.sh [unit] [corpus] [asan] [valgrind] [install] [docs] [dbtool]
#        [eval] [fuzz] [fuzz-run] [adversarial] [e2e] [package] [bench]
#        (default: all; fuzz and fuzz-run need `make fuzz-build`)
#
# Every suite speaks TAP ("ok N - ...", "not ok N - ..."): cmocka through
# CMOCKA_MESSAGE_OUTPUT=TAP, the corpus and end-to-end runners by hand.  A
# suite that exits non-zero without a failing test line (a crash) counts as
# one failure, so nothing can fail silently.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(unit corpus asan valgrind install docs dbtool eval fuzz fuzz-run adversarial e2e package bench)
vg="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9 --suppressions=$top/tests/valgrind.supp"

passed=0
failed=0
failures=()

# run_suite NAME COMMAND... - run one TAP producer and count its results.
run_suite() {
	local name=$1 out rc p f
	shift
	echo "== $name"
	out=$(mktemp)
	"$@" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	p=$(grep -cE '^ok [0-9]+' "$out")
	f=$(grep -cE '^not ok [0-9]+' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc"
	elif [ "$rc" -eq 0 ] && [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		# a check that reports no TAP lines of its own counts once
		p=1
		echo "ok - $name"
	fi
	grep -E "^not ok" "$out" | sed "s|^|$name: |" >>"$top/build/failures.txt"
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -gt 0 ] && failures+=("$name")
	rm -f "$out"
}

mkdir -p build
: >build/failures.txt
for s in "${suites[@]}"; do
	case $s in
	unit)
		for t in build/tests/unit/test_*; do
			[ -x "$t" ] || continue
			run_suite "unit/$(basename "$t")" env CMOCKA_MESSAGE_OUTPUT=TAP "$t"
		done
		;;
	corpus)
		run_suite corpus tests/corpus/run.sh
		;;
	asan)
		# the sanitizer build (make asan-build): any report fails the run
		for t in build/asan/tests/unit/test_*; do
			[ -x "$t" ] || continue
			run_suite "asan/$(basename "$t")" env CMOCKA_MESSAGE_OUTPUT=TAP "$t"
		done
		SUPPORT_MILTER=build/asan/support-milter run_suite asan/corpus \
		    tests/corpus/run.sh
		SUPPORT_MILTER=build/asan/support-milter \
		    SUPPORT_MILTER_DB=build/asan/support-milter-db \
		    run_suite asan/dbtool tests/dbtool.sh
		;;
	valgrind)
		# no invalid access and no definite leak, in the tests and the corpus
		for t in build/tests/unit/test_*; do
			[ -x "$t" ] || continue
			run_suite "valgrind/$(basename "$t")" \
			    env CMOCKA_MESSAGE_OUTPUT=TAP $vg "$t"
		done
		VALGRIND=$vg run_suite valgrind/corpus tests/corpus/run.sh
		;;
	install)
		run_suite install tests/install.sh
		;;
	docs)
		run_suite docs tests/docs.sh
		;;
	eval)
		# the cutters' accuracy on the public fixtures must meet its targets
		run_suite eval/text make -s eval
		run_suite eval/html make -s eval-html
		run_suite eval/intake make -s eval-intake
		;;
	dbtool)
		run_suite dbtool tests/dbtool.sh
		;;
	package)
		# builds, installs and purges the .deb: root only (else skipped)
		run_suite package bash tests/package.sh
		;;
	fuzz)
		# every saved fuzz input (crashes once found) once, no fuzzing
		run_suite fuzz tests/fuzz/run.sh replay
		;;
	fuzz-run)
		# a bounded fuzzing run per target: FUZZ_RUN_SECONDS each
		run_suite fuzz-run tests/fuzz/run.sh fuzz "${FUZZ_RUN_SECONDS:-30}"
		;;
	adversarial)
		# hostile mail: no crash, bounded time and memory, no injection
		run_suite adversarial python3 tests/adversarial/run.py
		;;
	e2e)
		run_suite e2e/daemon bash tests/e2e/daemon.sh
		run_suite e2e/postfix bash tests/e2e/postfix.sh
		run_suite e2e/sendmail bash tests/e2e/sendmail.sh
		run_suite e2e/threading bash tests/e2e/threading.sh
		run_suite e2e/cleaning bash tests/e2e/cleaning.sh
		run_suite e2e/failures bash tests/e2e/failures.sh
		run_suite e2e/intake bash tests/e2e/intake.sh
		run_suite e2e/faults bash tests/e2e/faults.sh
		run_suite e2e/security bash tests/e2e/security.sh
		run_suite e2e/demo bash docs/examples/demo.sh
		;;
	bench)
		# the benchmark's tools work (no timing: make bench measures)
		run_suite bench/smoke bash tests/bench/smoke.sh
		;;
	*)
		echo "run-all: unknown suite $s" >&2
		exit 2
		;;
	esac
done

if [ "$failed" -gt 0 ]; then
	echo
	echo "failed:"
	sed 's/^/  /' build/failures.txt
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
