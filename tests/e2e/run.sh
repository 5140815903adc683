#!/usr/bin/env bash
# tests/e2e/run.sh — the browser tests (tests/e2e/e2e.js) against the real
# kyodo behind nginx, started by the integration harness.
#
#   tests/e2e/run.sh [NAME-REGEXP]
#   KYODO_BIN=build/asan/kyodo tests/e2e/run.sh
#   E2E_SHOTS=/tmp/shots tests/e2e/run.sh    # keep phone/PC screenshots
#
# Ends with exactly: RESULT e2e <passed> <failed>
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=../integration/lib.sh
. "$root/tests/integration/lib.sh"

fail_run() {
	echo "FAIL $1"
	echo "RESULT e2e 0 1"
	exit 1
}

command -v node >/dev/null || fail_run "node is not installed (scripts/deps.sh --test)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || fail_run "${CHROMIUM:-/usr/bin/chromium} is missing (scripts/deps.sh --test)"
[ -f "$root/node_modules/playwright-core/package.json" ] || fail_run "node_modules is missing (scripts/deps.sh --test)"

IT_FAILED=0
if ! it_start; then
	IT_FAILED=1
	it_stop
	fail_run "start (the servers did not come up; see above)"
fi
[ -n "${E2E_SHOTS:-}" ] && mkdir -p "$E2E_SHOTS"

out=$IT_DIR/e2e.out
# 10 minutes is far more than the suite needs; a hung browser must not hang CI.
BASE_URL=$BASE timeout 600 node "$root/tests/e2e/e2e.js" "$@" | tee "$out"
counts=$(grep -E '^COUNTS [0-9]+ [0-9]+$' "$out" | tail -n 1)
if [ -z "$counts" ]; then
	echo "FAIL e2e.js ended without its counts (crash or timeout)"
	passed=0
	failed=1
else
	read -r _ passed failed <<<"$counts"
fi
[ "$failed" -eq 0 ] || IT_FAILED=1

if it_stop; then
	passed=$((passed + 1))
	echo "ok   server_logs_clean"
else
	failed=$((failed + 1))
	echo "FAIL server_logs_clean (sanitizer report or 5xx, see above)"
fi
echo "RESULT e2e $passed $failed"
[ "$failed" -eq 0 ]
