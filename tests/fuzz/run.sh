#!/usr/bin/env bash
# run.sh - the libFuzzer targets of tests/fuzz (built by `make fuzz-build`
# into build/fuzz), as a TAP producer.
#
# usage: tests/fuzz/run.sh replay           each saved input once
#        tests/fuzz/run.sh fuzz SECONDS      fuzz each target SECONDS
#        tests/fuzz/run.sh merge             minimise build/fuzz/corpus
#                                            into tests/fuzz/corpus (inputs
#                                            cut to 4 KB)
#
# replay runs every target over tests/fuzz/corpus/TARGET (the regression
# inputs: crashes once found, and a minimised coverage corpus).  fuzz
# starts from the seeds made from tests/ (corpus mails, subject vectors,
# HTML fixtures, configurations), the saved corpus and what earlier runs
# found in build/fuzz/corpus/TARGET; a crash, leak or timeout fails the
# target and leaves its input in build/fuzz/crashes/TARGET (add it to the
# saved corpus once fixed).  Limits per target below; docs/robustness.md.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
mode=${1:-replay}
seconds=${2:-60}
fz=build/fuzz
targets=(core subject address html conf)
export LSAN_OPTIONS=suppressions=$top/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}

# limits - libFuzzer options of target $1: the largest input the real
# caller can pass it, and memory (GLib aborts when malloc fails, so the
# RSS limit is what catches growth without bound).
limits() {
	case $1 in
	core) echo "-max_len=1048576 -rss_limit_mb=2048 -timeout=30" ;;
	html) echo "-max_len=262144 -rss_limit_mb=1024 -timeout=20" ;;
	conf) echo "-max_len=16384 -rss_limit_mb=1024 -timeout=10" ;;
	*) echo "-max_len=65536 -rss_limit_mb=1024 -timeout=10" ;;
	esac
}

# seeds - fill $fz/seeds/$1 from the test data (recreated each time).
seeds() {
	local t=$1 d=$fz/seeds/$1 i=0 f line
	rm -rf "$d"
	mkdir -p "$d"
	case $t in
	core)
		# two selector bytes (envelope, configuration), then the mail
		for f in tests/corpus/*/*.eml; do
			i=$((i + 1))
			{ printf "\\$(printf %o $((i % 64)))\\$(printf %o $((i % 4)))"
			  cat "$f"; } >"$d/$i"
		done
		;;
	subject)
		while IFS=$'\t' read -r line _; do
			i=$((i + 1))
			printf %s "$line" >"$d/$i"
		done <tests/unit/data/subject-vectors.tsv
		grep -h '^Subject:' tests/corpus/*/*.eml | cut -c10- |
		while IFS= read -r line; do
			i=$((i + 1))
			printf %s "$line" >"$d/s$i"
		done
		;;
	address)
		cat tests/corpus/*/*.args | cut -d' ' -f2- | sort -u |
		while IFS= read -r line; do
			i=$((i + 1))
			printf %s "$line" >"$d/a$i"
		done
		grep -hiE '^(Message-ID|In-Reply-To|References):' \
		    tests/corpus/*/*.eml | cut -d: -f2- | sort -u |
		while IFS= read -r line; do
			i=$((i + 1))
			printf %s "$line" >"$d/m$i"
		done
		;;
	html)
		find tests/eval/data -name '*.html' | while IFS= read -r f; do
			i=$((i + 1))
			head -c 262144 "$f" >"$d/$i"
		done
		;;
	conf)
		cp conf/support-milter.conf "$d/full"
		cp tests/corpus/base.conf "$d/base"
		for f in tests/corpus/*/*.conf; do
			i=$((i + 1))
			cat tests/corpus/base.conf "$f" >"$d/$i"
		done
		;;
	esac
}

n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; }

for t in "${targets[@]}"; do
	bin=$fz/fuzz_$t
	saved=tests/fuzz/corpus/$t
	if [ ! -x "$bin" ]; then
		notok "$t: $bin missing (make fuzz-build)"
		continue
	fi
	log=$fz/$t.log
	# shellcheck disable=SC2046 # the limits are separate options
	case $mode in
	replay)
		if "$bin" $(limits "$t") "$saved"/* >"$log" 2>&1; then
			ok "$t: $(find "$saved" -type f | wc -l) saved inputs replayed"
		else
			notok "$t: a saved input fails"
			tail -n 40 "$log" | sed 's/^/# /'
		fi
		;;
	fuzz)
		seeds "$t"
		mkdir -p "$fz/corpus/$t" "$fz/crashes/$t"
		if nice -n 10 "$bin" $(limits "$t") -max_total_time="$seconds" \
		    -print_final_stats=1 -artifact_prefix="$fz/crashes/$t/" \
		    "$fz/corpus/$t" "$saved" "$fz/seeds/$t" >"$log" 2>&1; then
			ok "$t: fuzzed ${seconds}s, $(sed -n \
			    's/^stat::number_of_executed_units: *//p' "$log") runs"
		else
			notok "$t: fuzzing found a failure, input in $fz/crashes/$t"
			grep -A 30 -E '^==[0-9]+==|ERROR|runtime error' "$log" |
			    head -n 40 | sed 's/^/# /'
		fi
		;;
	merge)
		# inputs cut to 4 KB keep the saved corpus small; the
		# regression inputs stay, whole, under their names
		mkdir -p "$saved.new"
		"$bin" $(limits "$t") -max_len=4096 -merge=1 "$saved.new" "$saved" \
		    "$fz/corpus/$t" >"$log" 2>&1 &&
		    { cp "$saved"/regress-* "$saved.new"/ 2>/dev/null || :; } &&
		    rm -rf "$saved" && mv "$saved.new" "$saved" &&
		    ok "$t: $(find "$saved" -type f | wc -l) inputs kept" ||
		    notok "$t: merge failed"
		;;
	*)
		echo "run.sh: unknown mode $mode" >&2
		exit 2
		;;
	esac
done
echo "1..$n"
[ $fails -eq 0 ]
