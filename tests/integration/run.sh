#!/usr/bin/env bash
# tests/integration/run.sh — the integration tests: the real kyodo behind a
# real nginx (tests/integration/lib.sh), driven over HTTP with curl.
#
#   tests/integration/run.sh [NAME-ERE]     # only the tests matching NAME-ERE
#   KYODO_BIN=build/asan/kyodo tests/integration/run.sh
#
# Tests are the functions named test_* in tests/integration/test_*.sh, run in
# the order they are written, each in a subshell. Prints one line per test
# (ok / FAIL with the reasons), then a check of the server logs (no sanitizer
# report, no 5xx), and last exactly: RESULT integration <passed> <failed>
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"
filter=${1:-}

passed=0
failed=0
IT_FAILED=0

files=("$here"/test_*.sh)
for f in "${files[@]}"; do
	# shellcheck disable=SC1090
	. "$f"
done
mapfile -t tests < <(grep -hoE '^test_[A-Za-z0-9_]+ *\(\)' "${files[@]}" | sed 's/ *()//')

if ! it_start; then
	echo "FAIL start (the servers did not come up; see above)"
	IT_FAILED=1
	it_stop
	echo "RESULT integration 0 1"
	exit 1
fi

for t in "${tests[@]}"; do
	if [ -n "$filter" ] && ! [[ $t =~ $filter ]]; then continue; fi
	out=$(
		FAILS=0
		"$t"
		rc=$?
		# A test that returned non-zero without a failed assertion also fails.
		[ "$FAILS" -eq 0 ] && [ "$rc" -ne 0 ] && echo "    returned $rc"
		[ "$FAILS" -eq 0 ] && [ "$rc" -eq 0 ]
	)
	if [ $? -eq 0 ]; then
		passed=$((passed + 1))
		printf 'ok   %s\n' "$t"
	else
		failed=$((failed + 1))
		IT_FAILED=1
		printf 'FAIL %s\n%s\n' "$t" "$out"
	fi
done

# The server's own record of the run: stopping it runs the leak check.
if it_stop; then
	passed=$((passed + 1))
	echo "ok   server_logs_clean"
else
	failed=$((failed + 1))
	echo "FAIL server_logs_clean (sanitizer report or 5xx, see above)"
fi

echo "RESULT integration $passed $failed"
[ "$failed" -eq 0 ]
