#!/usr/bin/env bash
# tests/run.sh — every test level, in order (`make test` runs scripts/deps.sh
# first, then this):
#
#   0. lint         make lint        SQL literals, AUTOESCAPE, clang-format
#   1. unit         make unit        cmocka tests, plain build
#   2. unit-asan    make unit-asan   the same under ASan+UBSan
#   3. integration  tests/integration/run.sh against build/asan/kyodo
#   4. e2e          tests/e2e/run.sh (Chromium + axe-core) against build/kyodo
#
# Prints each level's output, a summary, and last exactly one line
# "<N> passed, <M> failed" (all levels together). Exits non-zero when any test
# failed or any level could not run (a level that could not run counts as one
# failure). Full logs: build/test-logs/.
#
#   tests/run.sh [LEVEL...]     # e.g. tests/run.sh integration e2e
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
logs=$root/build/test-logs
mkdir -p "$logs"
export CMOCKA_MESSAGE_OUTPUT=STDOUT
unset CMOCKA_XML_FILE

levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(lint unit unit-asan integration e2e)

total_pass=0
total_fail=0
summary=()

# record LEVEL PASSED FAILED SECONDS NOTE
record() {
	total_pass=$((total_pass + $2))
	total_fail=$((total_fail + $3))
	summary+=("$(printf '  %-12s %4d passed %4d failed  %4ds  %s' "$1" "$2" "$3" "$4" "$5")")
}

banner() { printf '\n==== %s ====\n' "$*"; }

# cmocka_level LEVEL MAKE-TARGET — run the unit tests and read cmocka's
# summaries ("[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)").
cmocka_level() {
	local level=$1 target=$2 log=$logs/$1.log t0=$SECONDS rc
	banner "$level: make $target"
	make --no-print-directory "$target" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	local p f programs summaries note=
	p=$(awk '/^\[  PASSED  \] [0-9]+ test\(s\)\./ {s += $4} END {print s + 0}' "$log")
	f=$(awk '/^\[  FAILED  \] [0-9]+ test\(s\)/ {s += $4} END {print s + 0}' "$log")
	programs=$(grep -c '^\[==========\] Running ' "$log")
	summaries=$(grep -c '^\[==========\] [0-9]* test(s) run\.' "$log")
	if [ "$programs" -gt "$summaries" ]; then
		# a test program died before its summary (crash, sanitizer abort)
		f=$((f + programs - summaries))
		note="$((programs - summaries)) program(s) died"
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		note="make $target failed (exit $rc) — see $log"
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1
		note="no unit test ran"
	fi
	record "$level" "$p" "$f" $((SECONDS - t0)) "$note"
}

# result_level LEVEL BUILD-TARGET BINARY SCRIPT — build, run a harness, read
# its "RESULT <level> <passed> <failed>" line.
result_level() {
	local level=$1 target=$2 bin=$3 script=$4 log=$logs/$1.log t0=$SECONDS rc
	banner "$level: make $target, then $script with KYODO_BIN=$bin"
	if ! make --no-print-directory "$target" >"$logs/$level-build.log" 2>&1; then
		tail -n 30 "$logs/$level-build.log"
		record "$level" 0 1 $((SECONDS - t0)) "make $target failed — see $logs/$level-build.log"
		return
	fi
	KYODO_BIN=$bin "$script" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	local line p f note=
	line=$(grep -E "^RESULT $level [0-9]+ [0-9]+$" "$log" | tail -n 1)
	if [ -z "$line" ]; then
		record "$level" 0 1 $((SECONDS - t0)) "no RESULT line (exit $rc) — see $log"
		return
	fi
	read -r _ _ p f <<<"$line"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		note="exit $rc with no failed test"
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1
		note="no test ran"
	fi
	record "$level" "$p" "$f" $((SECONDS - t0)) "$note"
}

# lint_level — make lint is one check: it passes or it fails.
lint_level() {
	local log=$logs/lint.log t0=$SECONDS
	banner "lint: make lint"
	# pipefail is on: the pipeline fails when make lint does
	if make --no-print-directory lint 2>&1 | tee "$log" | tail -n 20; then
		record lint 1 0 $((SECONDS - t0)) ""
	else
		record lint 0 1 $((SECONDS - t0)) "make lint failed — see $log"
	fi
}

for level in "${levels[@]}"; do
	case $level in
	lint) lint_level ;;
	unit) cmocka_level unit unit ;;
	unit-asan) cmocka_level unit-asan unit-asan ;;
	integration) result_level integration asan build/asan/kyodo tests/integration/run.sh ;;
	e2e) result_level e2e all build/kyodo tests/e2e/run.sh ;;
	*)
		echo "tests/run.sh: unknown level '$level' (lint unit unit-asan integration e2e)" >&2
		record "$level" 0 1 0 "unknown level"
		;;
	esac
done

banner summary
printf '%s\n' "${summary[@]}"
echo "  logs: $logs/"
echo
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
