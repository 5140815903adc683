# tests/integration/lib.sh — start the real kyodo behind a real nginx for
# tests, and the assertions the tests use. Sourced (bash), not run.
#
#   source tests/integration/lib.sh
#   it_start            # throw-away dir + db (migrate + demo), nginx on a free
#                       # loopback port, kyodo serve; sets BASE, IT_DIR, IT_DB
#   ... tests ...
#   it_stop             # stop both, check the logs (sanitizers, 5xx); 0 = clean
#
# Environment:
#   KYODO_BIN       binary to test (build/kyodo; tests/run.sh sets the ASan one)
#   KYODO_MAX_BODY  kyodo's body limit for the run (4096 here, so 413 is cheap)
#   IT_KEEP=1       keep the throw-away directory even when everything passed
#
# The nginx config comes from scripts/nginx.sh, the same generator `make run`
# uses. Teardown runs from an EXIT trap too, so a failing or interrupted run
# leaves no process behind.

IT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export LC_ALL=C.UTF-8

KYODO_BIN=${KYODO_BIN:-build/kyodo}
case $KYODO_BIN in /*) ;; *) KYODO_BIN=$IT_ROOT/$KYODO_BIN ;; esac
export KYODO_MAX_BODY=${KYODO_MAX_BODY:-4096}
export KYODO_WORKERS=${KYODO_WORKERS:-2}
# Sanitizers (no effect on a plain build): fail loudly, keep the report.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:print_stacktrace=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

IT_DIR=
IT_DB=
IT_PORT=
BASE=
IT_KYODO_PID=
IT_NGINX_PID=
IT_STOPPED=0
IT_LOG_PROBLEMS=0

it_log() { printf '  | %s\n' "$*" >&2; }

# it_port_taken PORT — true when something on 127.0.0.1:PORT accepts.
it_port_taken() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# it_start — bring everything up. Returns non-zero (with the reason on
# stderr) when any step fails; it_stop still cleans up after a failure.
it_start() {
	trap it_stop EXIT
	trap 'exit 130' INT TERM
	if [ ! -x "$KYODO_BIN" ]; then
		it_log "binary $KYODO_BIN is missing (make / make asan)"
		return 1
	fi
	command -v nginx >/dev/null || {
		it_log "nginx is not installed (scripts/deps.sh)"
		return 1
	}
	IT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kyodo-test.XXXXXX")
	IT_DB=$IT_DIR/kyodo.db
	it_log "throw-away dir $IT_DIR, binary $KYODO_BIN, max_body $KYODO_MAX_BODY"

	# kyodo finds templates/ and schema/ relative to the repository.
	cd "$IT_ROOT" || return 1
	if ! "$KYODO_BIN" migrate --db "$IT_DB" >>"$IT_DIR/cli.log" 2>&1; then
		it_log "kyodo migrate failed:"
		tail -n 20 "$IT_DIR/cli.log" >&2
		return 1
	fi
	if ! "$KYODO_BIN" demo --db "$IT_DB" >>"$IT_DIR/cli.log" 2>&1; then
		it_log "kyodo demo failed:"
		tail -n 20 "$IT_DIR/cli.log" >&2
		return 1
	fi

	# nginx on a free port: pick one that nobody answers on, and try another
	# when nginx still cannot bind it (a race with another process).
	local try started=0
	for try in 1 2 3 4 5 6 7 8 9 10; do
		IT_PORT=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		it_port_taken "$IT_PORT" && continue
		"$IT_ROOT/scripts/nginx.sh" --dir "$IT_DIR" \
			--listen "127.0.0.1:$IT_PORT" --fastcgi "unix:$IT_DIR/kyodo.sock" \
			--static "$IT_ROOT/static" --max-body "$KYODO_MAX_BODY" \
			--workers 1 --out "$IT_DIR/nginx.conf" || return 1
		nginx -p "$IT_DIR" -e "$IT_DIR/nginx-error.log" -c "$IT_DIR/nginx.conf" \
			>>"$IT_DIR/nginx-stdout.log" 2>&1 &
		IT_NGINX_PID=$!
		local i
		for i in $(seq 1 50); do
			if ! kill -0 "$IT_NGINX_PID" 2>/dev/null; then break; fi
			if it_port_taken "$IT_PORT"; then
				started=1
				break
			fi
			sleep 0.1
		done
		[ "$started" -eq 1 ] && break
		wait "$IT_NGINX_PID" 2>/dev/null
		IT_NGINX_PID=
		if ! grep -q 'Address already in use' "$IT_DIR/nginx-error.log" 2>/dev/null; then
			it_log "nginx did not start:"
			tail -n 5 "$IT_DIR/nginx-error.log" >&2
			return 1
		fi
	done
	if [ "$started" -ne 1 ]; then
		it_log "no free port for nginx after 10 tries"
		return 1
	fi
	BASE=http://127.0.0.1:$IT_PORT
	export KYODO_SITE_URL=$BASE

	"$KYODO_BIN" serve --db "$IT_DB" --listen "unix:$IT_DIR/kyodo.sock" \
		>>"$IT_DIR/kyodo.log" 2>&1 &
	IT_KYODO_PID=$!
	for i in $(seq 1 200); do
		if ! kill -0 "$IT_KYODO_PID" 2>/dev/null; then
			it_log "kyodo serve exited during start-up:"
			tail -n 20 "$IT_DIR/kyodo.log" >&2
			return 1
		fi
		# Ask nginx only once kyodo's socket exists: an earlier probe
		# would be a 502 in nginx's log, which it_stop counts as a 5xx.
		if [ -S "$IT_DIR/kyodo.sock" ] &&
			curl -fsS -o /dev/null --max-time 2 "$BASE/healthz" 2>/dev/null; then
			it_log "serving on $BASE (nginx pid $IT_NGINX_PID, kyodo pid $IT_KYODO_PID)"
			return 0
		fi
		sleep 0.1
	done
	it_log "$BASE/healthz did not answer 200 within 20 s:"
	tail -n 20 "$IT_DIR/kyodo.log" >&2
	return 1
}

# it_stop — stop kyodo (SIGTERM: graceful, in-flight requests finish, leak
# check at exit under ASan) and nginx; then scan the logs. Sets
# IT_LOG_PROBLEMS and returns non-zero when a sanitizer report or a 5xx
# appeared. Safe to call twice.
it_stop() {
	[ "$IT_STOPPED" -eq 1 ] && return "$IT_LOG_PROBLEMS"
	IT_STOPPED=1
	local i
	[ -n "$IT_KYODO_PID" ] && kill -TERM "$IT_KYODO_PID" 2>/dev/null
	[ -n "$IT_NGINX_PID" ] && kill -QUIT "$IT_NGINX_PID" 2>/dev/null
	for i in $(seq 1 150); do
		local alive=0
		[ -n "$IT_KYODO_PID" ] && kill -0 "$IT_KYODO_PID" 2>/dev/null && alive=1
		[ -n "$IT_NGINX_PID" ] && kill -0 "$IT_NGINX_PID" 2>/dev/null && alive=1
		[ "$alive" -eq 0 ] && break
		sleep 0.1
	done
	if [ -n "$IT_KYODO_PID" ] && kill -0 "$IT_KYODO_PID" 2>/dev/null; then
		it_log "kyodo did not stop within 15 s of SIGTERM: killing it"
		kill -KILL "$IT_KYODO_PID" 2>/dev/null
		# its workers, if the parent left them behind
		pkill -KILL -P "$IT_KYODO_PID" 2>/dev/null
		IT_LOG_PROBLEMS=1
	fi
	[ -n "$IT_NGINX_PID" ] && kill -KILL "$IT_NGINX_PID" 2>/dev/null
	wait "$IT_KYODO_PID" 2>/dev/null
	wait "$IT_NGINX_PID" 2>/dev/null
	[ -z "$IT_DIR" ] && return "$IT_LOG_PROBLEMS"

	# Any sanitizer report, from the CLI commands or the server, fails the run.
	local pat='ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|SUMMARY: (Address|UndefinedBehavior|Leak)Sanitizer'
	local f
	for f in "$IT_DIR/cli.log" "$IT_DIR/kyodo.log"; do
		[ -f "$f" ] || continue
		if grep -Eq "$pat" "$f"; then
			it_log "sanitizer report in $f:"
			grep -E -A 30 "$pat" "$f" | head -n 80 | sed 's/^/  | /' >&2
			IT_LOG_PROBLEMS=1
		fi
	done
	# A 500 is a bug, whatever the tests asserted.
	if [ -f "$IT_DIR/nginx-access.log" ]; then
		local five
		five=$(awk '$9 ~ /^5/' "$IT_DIR/nginx-access.log")
		if [ -n "$five" ]; then
			it_log "5xx responses in the access log:"
			printf '%s\n' "$five" | head -n 20 | sed 's/^/  | /' >&2
			IT_LOG_PROBLEMS=1
		fi
	fi
	if [ "$IT_LOG_PROBLEMS" -eq 0 ] && [ "${IT_KEEP:-0}" != 1 ] && [ "${IT_FAILED:-0}" -eq 0 ]; then
		rm -rf "$IT_DIR"
	else
		it_log "kept $IT_DIR (kyodo.log, nginx-*.log, kyodo.db)"
	fi
	return "$IT_LOG_PROBLEMS"
}

# ------------------------------------------------------------- requests ----

# Files of the last response.
IT_H=
IT_B=
STATUS=
LAST_REQ=

# http METHOD PATH [curl args...] — one request through nginx. Sets STATUS,
# and the response headers and body files IT_H and IT_B.
http() {
	local method=$1 path=$2
	shift 2
	IT_H=$(mktemp "$IT_DIR/h.XXXXXX")
	IT_B=$(mktemp "$IT_DIR/b.XXXXXX")
	if [ "$method" = HEAD ]; then
		# curl -I reads no body whatever the server sends: count the bytes
		# that follow the header block on the raw connection instead.
		STATUS=$(curl -sS -g --path-as-is --max-time 20 -I \
			-D "$IT_H" -o /dev/null -w '%{http_code}' "$@" "$BASE$path") || STATUS=000
		it_head_body "$path" >"$IT_B"
	else
		STATUS=$(curl -sS -g --path-as-is --max-time 20 -X "$method" \
			-D "$IT_H" -o "$IT_B" -w '%{http_code}' "$@" "$BASE$path") || STATUS=000
	fi
	LAST_REQ="$method $path"
}
GET() { http GET "$@"; }

# it_head_body PATH — what follows the headers of a HEAD response, read off
# the raw connection (HTTP/1.0, so the server closes it).
it_head_body() {
	exec 5<>"/dev/tcp/127.0.0.1/$IT_PORT" || return
	printf 'HEAD %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&5
	timeout 5 cat <&5 | awk 'body { print; next } /^\r?$/ { body = 1 }'
	exec 5<&-
}

# header NAME — the value of response header NAME (last one), or nothing.
header() {
	tr -d '\r' <"$IT_H" | awk -v n="$1" 'BEGIN{n=tolower(n)} {
		i = index($0, ":"); if (i == 0) next
		if (tolower(substr($0, 1, i - 1)) == n) { v = substr($0, i + 1); sub(/^[ \t]+/, "", v); out = v }
	} END { if (out != "") print out }'
}
body() { cat "$IT_B"; }

# ----------------------------------------------------------- assertions ----
# Each failed assertion prints one line and increments FAILS; the runner
# runs every test in a subshell with FAILS=0 and reads it back.

FAILS=0
fail() {
	printf '    %s: %s\n' "$LAST_REQ" "$*"
	FAILS=$((FAILS + 1))
	return 1
}

expect_status() {
	[ "$STATUS" = "$1" ] || fail "status $STATUS, expected $1"
}
# expect_header NAME ERE — header present and its value matches ERE (case-insensitive).
expect_header() {
	local v
	v=$(header "$1")
	[ -n "$v" ] || {
		fail "no $1 header"
		return 1
	}
	printf '%s' "$v" | grep -Eqi -- "$2" || fail "$1: '$v' does not match /$2/"
}
expect_no_header() {
	local v
	v=$(header "$1")
	[ -z "$v" ] || fail "unexpected $1 header: '$v'"
}
# expect_body TEXT — body contains TEXT (fixed string).
expect_body() {
	grep -Fq -- "$1" "$IT_B" || fail "body lacks '$1'"
}
expect_no_body() {
	grep -Fq -- "$1" "$IT_B" && fail "body contains '$1'"
	return 0
}
# expect_body_re ERE — body matches ERE.
expect_body_re() {
	grep -Eq -- "$1" "$IT_B" || fail "body does not match /$1/"
}
expect_empty_body() {
	[ ! -s "$IT_B" ] || fail "body is not empty ($(wc -c <"$IT_B") bytes)"
}

# expect_security_headers — the headers every kyodo response carries.
expect_security_headers() {
	local csp
	csp=$(header Content-Security-Policy)
	if [ -z "$csp" ]; then
		fail "no Content-Security-Policy header"
	else
		# script-src, or default-src when there is no script-src, must not
		# allow inline script.
		local scripts
		scripts=$(printf '%s' "$csp" | tr ';' '\n' | sed 's/^ *//' | grep -E '^script-src( |$)')
		[ -n "$scripts" ] || scripts=$(printf '%s' "$csp" | tr ';' '\n' | sed 's/^ *//' | grep -E '^default-src( |$)')
		[ -n "$scripts" ] || fail "CSP has neither script-src nor default-src: '$csp'"
		case $scripts in *"'unsafe-inline'"* | *"'unsafe-eval'"*) fail "CSP allows inline script: '$scripts'" ;; esac
		printf '%s' "$csp" | grep -Eq '(^|;) *frame-ancestors ' || fail "CSP has no frame-ancestors: '$csp'"
	fi
	expect_header X-Content-Type-Options '^nosniff$'
	expect_header Referrer-Policy '^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin|origin|origin-when-cross-origin)$'
}

# expect_html — a UTF-8 HTML page in Japanese.
expect_html() {
	expect_header Content-Type '^text/html; *charset=utf-8$'
	expect_body_re '<html[^>]* lang="ja"'
}

# expect_page STATUS — status, HTML, security headers: the common case.
expect_page() {
	expect_status "$1"
	expect_html
	expect_security_headers
}

# expect_error_page STATUS — an error answered in the normal layout, in
# Japanese, with the request id.
expect_error_page() {
	expect_page "$1"
	# some Japanese text (hiragana/katakana/kanji) in the body
	grep -Pq '[\x{3041}-\x{30ff}\x{4e00}-\x{9fff}]' "$IT_B" || fail "no Japanese message"
	local rid
	rid=$(header X-Request-Id)
	if [ -n "$rid" ]; then
		expect_body "$rid"
	else
		expect_body_re '[0-9a-f]{16}'
	fi
}

# links PREFIX-ERE — the distinct href values in the body matching ^PREFIX-ERE$.
links() {
	grep -oE "href=\"$1\"" "$IT_B" | sed 's/^href="//; s/"$//' | awk '!seen[$0]++'
}

# sql QUERY — run a read-only query on the test database (one value a line).
sql() {
	sqlite3 -readonly -batch -noheader "$IT_DB" "$1"
}
