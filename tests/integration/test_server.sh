# tests/integration/test_server.sh — the binary around the pages: the CLI
# commands make run relies on, concurrent requests, worker restarts.
# Sourced by tests/integration/run.sh after test_public.sh.
# shellcheck shell=bash

# `make run` migrates an existing database on every start: a no-op when
# current, and harmless while the server is running.
test_cli_migrate_is_idempotent() {
	local before after
	before=$(sql 'PRAGMA user_version')
	"$KYODO_BIN" migrate --db "$IT_DB" >>"$IT_DIR/cli.log" 2>&1 || fail "kyodo migrate on a current database failed (exit $?)"
	after=$(sql 'PRAGMA user_version')
	[ "$before" = "$after" ] || fail "user_version $before became $after"
	[ "$after" -ge 1 ] || fail "user_version is $after"
}

test_cli_check() {
	"$KYODO_BIN" check --db "$IT_DB" >>"$IT_DIR/cli.log" 2>&1 || fail "kyodo check failed (exit $?)"
}

test_cli_version_and_help() {
	local out
	out=$("$KYODO_BIN" version 2>&1) || fail "kyodo version failed"
	[[ $out == *kyodo* ]] || fail "kyodo version printed '$out'"
	local c
	for c in serve migrate demo check; do
		"$KYODO_BIN" "$c" --help >/dev/null 2>&1 || fail "kyodo $c --help failed"
	done
}

# The database the tests run on is the one migrate made: WAL, current schema.
test_db_settings() {
	local mode
	mode=$(sql 'PRAGMA journal_mode')
	[ "$mode" = wal ] || fail "journal_mode is $mode, expected wal"
	[ "$(sql "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'projects'")" = 1 ] || fail "no projects table"
}

# Many requests at once, over every public page family: all answered, no
# worker lost (a 5xx would also fail server_logs_clean).
test_parallel_requests() {
	local urls=() i
	for i in $(seq 1 20); do
		urls+=("$BASE/" "$BASE/projects" "$BASE/projects?page=2" "$BASE/groups"
			"$BASE/forms" "$BASE/forms/hojo" "$BASE/no-such-page" "$BASE/healthz")
	done
	local out=$IT_DIR/parallel.txt args=() u
	for u in "${urls[@]}"; do args+=(-o /dev/null -w '%{http_code}\n' "$u"); done
	curl -sS --parallel --parallel-max 16 --max-time 60 "${args[@]}" >"$out" 2>"$IT_DIR/parallel.err"
	local n ok nf
	n=$(wc -l <"$out")
	ok=$(grep -c '^200$' "$out")
	nf=$(grep -c '^404$' "$out")
	LAST_REQ="${#urls[@]} parallel requests"
	[ "$n" -eq "${#urls[@]}" ] || fail "$n answers"
	[ "$ok" -eq 140 ] || fail "$ok answered 200, expected 140 ($(sort "$out" | uniq -c | tr '\n' ' '))"
	[ "$nf" -eq 20 ] || fail "$nf answered 404, expected 20"
}

# serve's parent restarts a worker that dies; the site keeps answering.
test_worker_restart() {
	local workers victim i now
	workers=$(pgrep -P "$IT_KYODO_PID" | sort)
	LAST_REQ="kyodo serve (pid $IT_KYODO_PID)"
	[ -n "$workers" ] || {
		fail "no worker processes under the serve parent"
		return
	}
	victim=$(printf '%s\n' "$workers" | head -n 1)
	kill -KILL "$victim"
	for i in $(seq 1 50); do
		now=$(pgrep -P "$IT_KYODO_PID" | sort)
		if [ "$(printf '%s\n' "$now" | grep -c .)" -eq "$(printf '%s\n' "$workers" | grep -c .)" ] &&
			! printf '%s\n' "$now" | grep -qx "$victim"; then
			break
		fi
		sleep 0.1
	done
	printf '%s\n' "$now" | grep -qx "$victim" && fail "worker $victim is still there"
	[ "$(printf '%s\n' "$now" | grep -c .)" -eq "$(printf '%s\n' "$workers" | grep -c .)" ] ||
		fail "$(printf '%s\n' "$workers" | grep -c .) workers before, $(printf '%s\n' "$now" | grep -c .) after killing one"
	for i in 1 2 3 4 5 6; do
		GET /healthz
		expect_status 200
	done
}
