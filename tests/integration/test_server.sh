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

# kyodo check on a copy of the served database with a list count changed by
# hand: the one line naming the table, the key and both values, exit 1;
# --repair rebuilds the table, exit 0; a plain check is clean again.
test_cli_check_counts() {
	local copy=$IT_DIR/check-copy.db out rc key kind row kept n
	rm -f "$copy"
	sqlite3 "$IT_DB" ".backup '$copy'" || {
		fail "cannot copy the database"
		return
	}
	key=$(sqlite3 -batch -noheader -separator ' ' "$copy" "SELECT kind, kana_row, n FROM group_counts WHERE status = 'toroku' AND n > 0 ORDER BY kind, kana_row LIMIT 1")
	read -r kind row n <<<"$key"
	[ -n "$n" ] || {
		fail "no group_counts row in the demo data"
		return
	}
	kept=$((n + 3))
	sqlite3 "$copy" "UPDATE group_counts SET n = $kept WHERE status = 'toroku' AND kind = '$kind' AND kana_row = '$row'" || fail "cannot corrupt the copy"
	LAST_REQ="kyodo check --db $copy"
	out=$("$KYODO_BIN" check --db "$copy" 2>&1)
	rc=$?
	[ "$rc" -eq 1 ] || fail "kyodo check on a wrong count exited $rc, expected 1"
	[[ $out == *"  group_counts (status toroku, kind $kind, kana_row $row): kept $kept; from groups: $n"* ]] ||
		fail "kyodo check printed: $out"
	[[ $out == *"1 problem(s) found"* ]] || fail "kyodo check printed: $out"
	LAST_REQ="kyodo check --repair --db $copy"
	out=$("$KYODO_BIN" check --repair --db "$copy" 2>&1)
	rc=$?
	[ "$rc" -eq 0 ] || fail "kyodo check --repair exited $rc: $out"
	[[ $out == *"  rebuilt group_counts from groups"* ]] || fail "kyodo check --repair printed: $out"
	[[ $out == *$'\nok' ]] || fail "kyodo check --repair printed: $out"
	LAST_REQ="kyodo check --db $copy (after the repair)"
	out=$("$KYODO_BIN" check --db "$copy" 2>&1) || fail "kyodo check after the repair: $out"
	[ "$(sqlite3 "$copy" "SELECT n FROM group_counts WHERE status = 'toroku' AND kind = '$kind' AND kana_row = '$row'")" = "$n" ] ||
		fail "the count was not rebuilt"
	rm -f "$copy" "$copy-wal" "$copy-shm"
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

# ------------------------------------------------------ compression ----

# hdr_count NAME — how many NAME header lines the last response had.
hdr_count() {
	tr -d '\r' <"$IT_H" | grep -ci "^$1:"
}

# raw_head_gzip PATH — what follows the headers of a HEAD request that
# takes gzip, read off the raw connection (HTTP/1.0: the server closes).
raw_head_gzip() {
	exec 5<>"/dev/tcp/127.0.0.1/$IT_PORT" || return
	printf 'HEAD %s HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n' "$1" >&5
	timeout 5 cat <&5 | awk 'body { print; next } /^\r?$/ { body = 1 }'
	exec 5<&-
}

# A cached page: plain to a client that does not take gzip, kyodo's own
# gzip copy to one that does (the first answer stores it, the second is a
# hit), one Vary each, ETags that differ only by -gz, 304 for both, HEAD
# with the gzip variant's length and no body.
test_gzip_cached_page() {
	local plain gz len i
	GET /projects
	expect_status 200
	expect_no_header Content-Encoding
	expect_header Vary '^Accept-Encoding$'
	[ "$(hdr_count Vary)" = 1 ] || fail "Vary sent $(hdr_count Vary) times"
	expect_header ETag '^"[0-9a-f]{16}"$'
	plain=$(header ETag)
	cp "$IT_B" "$IT_DIR/plain.html"
	for i in 1 2; do
		GET /projects -H 'Accept-Encoding: gzip, deflate, br'
		expect_page_gz
		gz=$(header ETag)
		[ "$gz" = "${plain%\"}-gz\"" ] || fail "gzip ETag $gz, plain ETag $plain"
		gunzip -c <"$IT_B" | cmp -s - "$IT_DIR/plain.html" ||
			fail "the gzip body does not decompress to the plain page"
	done
	len=$(wc -c <"$IT_B")
	[ "$len" -lt "$(wc -c <"$IT_DIR/plain.html")" ] || fail "gzip body of $len bytes"
	# q=0 refuses gzip: the plain page
	GET /projects -H 'Accept-Encoding: gzip;q=0, identity'
	expect_status 200
	expect_no_header Content-Encoding
	expect_header ETag "^$plain\$"
	# revalidation of either variant
	GET /projects -H "If-None-Match: $plain"
	expect_status 304
	expect_empty_body
	expect_header ETag "^$plain\$"
	expect_header Vary '^Accept-Encoding$'
	GET /projects -H 'Accept-Encoding: gzip' -H "If-None-Match: $gz"
	expect_status 304
	expect_empty_body
	expect_header ETag "^$gz\$"
	expect_header Vary '^Accept-Encoding$'
	expect_no_header Content-Encoding
	# the other variant's tag is not this one's
	GET /projects -H 'Accept-Encoding: gzip' -H "If-None-Match: $plain"
	expect_status 200
	expect_header Content-Encoding '^gzip$'
	GET /projects -H "If-None-Match: $gz"
	expect_status 200
	expect_no_header Content-Encoding
	# HEAD: the headers of the gzip variant, no body
	http HEAD /projects -H 'Accept-Encoding: gzip'
	expect_status 200
	expect_header Content-Encoding '^gzip$'
	expect_header Content-Length "^$len\$"
	expect_header ETag "^$gz\$"
	[ -z "$(raw_head_gzip /projects)" ] || fail "HEAD with gzip sent a body"
}

# A page answered from the cache carries the header block made when it was
# stored: over six requests (both workers, each missing at most once, so
# hits among them) the headers are the same but for Date and X-Request-Id,
# and every X-Request-Id is its own — plain, gzip and HEAD.
test_cached_page_headers() {
	local v i ids first
	for v in plain gzip head; do
		ids=
		first=
		for i in 1 2 3 4 5 6; do
			case $v in
			plain) GET /groups ;;
			gzip) GET /groups -H 'Accept-Encoding: gzip' ;;
			head) http HEAD /groups ;;
			esac
			expect_status 200
			expect_header X-Request-Id '^[0-9a-f]{16}$'
			ids="$ids $(header X-Request-Id)"
			tr -d '\r' <"$IT_H" | grep -viE '^(date|x-request-id):' >"$IT_DIR/hh.$i"
			[ "$v" = gzip ] && expect_header Content-Encoding '^gzip$'
			[ "$v" = head ] || expect_header Content-Length "^$(wc -c <"$IT_B")\$"
			if [ -z "$first" ]; then
				first=$IT_DIR/hh.$i
			else
				cmp -s "$first" "$IT_DIR/hh.$i" ||
					fail "$v: headers of answer $i differ from the first: $(diff "$first" "$IT_DIR/hh.$i" | tr '\n' ' ')"
			fi
		done
		[ "$(printf '%s\n' $ids | sort -u | wc -l)" = 6 ] || fail "$v: request ids repeat:$ids"
	done
}

# A cached page sees a commit made outside kyodo: the sqlite3 shell writes
# the database file directly while the server runs. Both workers have the
# page cached first (six requests, at most one miss each); the hit's
# generation check reads SQLite's WAL-index header, which every commit
# rewrites, whoever makes it. The value is put back afterwards.
test_cache_sees_cli_commit() {
	local id old new i
	id=$(sql "SELECT id FROM projects WHERE published = 1 AND status = 'jisshi' AND progress BETWEEN 1 AND 98 ORDER BY id LIMIT 1")
	[ -n "$id" ] || {
		fail "no published project in progress in the demo data"
		return
	}
	old=$(sql "SELECT progress FROM projects WHERE id = $id")
	new=$((old + 1))
	for i in 1 2 3 4 5 6; do
		GET "/projects/$id"
		expect_status 200
		expect_body "value=\"$old\""
	done
	sqlite3 -batch -cmd '.timeout 5000' "$IT_DB" \
		"UPDATE projects SET progress = $new WHERE id = $id" ||
		fail "sqlite3 could not update project $id"
	for i in 1 2 3 4 5 6; do
		GET "/projects/$id"
		expect_status 200
		expect_body "value=\"$new\""
		expect_no_body "value=\"$old\""
	done
	# a checkpoint that truncates the WAL, then another commit
	sqlite3 -batch -cmd '.timeout 5000' "$IT_DB" \
		"PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null ||
		fail "sqlite3 could not checkpoint"
	sqlite3 -batch -cmd '.timeout 5000' "$IT_DB" \
		"UPDATE projects SET progress = $old WHERE id = $id" ||
		fail "sqlite3 could not restore project $id"
	for i in 1 2 3 4 5 6; do
		GET "/projects/$id"
		expect_status 200
		expect_body "value=\"$old\""
	done
}

# expect_page_gz — a 200 page in kyodo's gzip variant.
expect_page_gz() {
	expect_status 200
	expect_header Content-Type '^text/html; *charset=utf-8$'
	expect_header Content-Encoding '^gzip$'
	expect_header Vary '^Accept-Encoding$'
	[ "$(hdr_count Vary)" = 1 ] || fail "Vary sent $(hdr_count Vary) times"
	[ "$(hdr_count Content-Encoding)" = 1 ] || fail "Content-Encoding sent $(hdr_count Content-Encoding) times"
	expect_header ETag '^"[0-9a-f]{16}-gz"$'
	expect_header Content-Length "^$(wc -c <"$IT_B")\$"
	expect_security_headers
}

# What kyodo does not keep is still compressed by nginx (an error page).
test_gzip_uncached_by_nginx() {
	GET /no-such-page -H 'Accept-Encoding: gzip'
	expect_status 404
	expect_header Content-Encoding '^gzip$'
	gunzip -c <"$IT_B" | grep -q '<html' || fail "the 404 page does not decompress"
}

# ------------------------------------------- large pages, lost clients ----

BIG_DIR=
BIG_BASE=
BIG_NGINX=
BIG_KYODO=

# big_start — a second kyodo (one worker, page_size 200: /projects over
# 64 KB) behind a second nginx from scripts/nginx.sh, on a database of its
# own made with `kyodo demo --scale city` (the 126 projects of the test
# database make a page of 59 KB since the list rows lost their classes).
# Sets BIG_BASE. 0 or 1.
big_start() {
	local port i
	BIG_DIR=$IT_DIR/big
	mkdir -p "$BIG_DIR"
	[ -f "$BIG_DIR/big.db" ] ||
		"$KYODO_BIN" demo --db "$BIG_DIR/big.db" --scale city \
			>>"$BIG_DIR/demo.log" 2>&1 || {
		fail "kyodo demo --scale city failed ($(tail -n 3 "$BIG_DIR/demo.log" | tr '\n' ' '))"
		return 1
	}
	for i in 1 2 3 4 5 6 7 8 9 10; do
		port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		it_port_taken "$port" || break
	done
	"$IT_ROOT/scripts/nginx.sh" --dir "$BIG_DIR" --listen "127.0.0.1:$port" \
		--fastcgi "unix:$BIG_DIR/kyodo.sock" --static "$IT_ROOT/static" \
		--workers 1 --out "$BIG_DIR/nginx.conf" || return 1
	nginx -p "$BIG_DIR" -e "$BIG_DIR/nginx-error.log" -c "$BIG_DIR/nginx.conf" \
		>>"$BIG_DIR/nginx-stdout.log" 2>&1 &
	BIG_NGINX=$!
	KYODO_PAGE_SIZE=200 KYODO_WORKERS=1 "$KYODO_BIN" serve --db "$BIG_DIR/big.db" \
		--listen "unix:$BIG_DIR/kyodo.sock" >>"$BIG_DIR/kyodo.log" 2>&1 &
	BIG_KYODO=$!
	BIG_BASE=http://127.0.0.1:$port
	for i in $(seq 1 200); do
		if [ -S "$BIG_DIR/kyodo.sock" ] && it_port_taken "$port" &&
			curl -fsS -o /dev/null --max-time 2 "$BIG_BASE/healthz" 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	fail "the second server did not start ($(tail -n 3 "$BIG_DIR/kyodo.log" "$BIG_DIR/nginx-error.log" | tr '\n' ' '))"
	return 1
}

# big_stop — stop both; fail on a sanitizer report or an nginx complaint
# about what kyodo sent.
big_stop() {
	[ -n "$BIG_KYODO" ] && kill -TERM "$BIG_KYODO" 2>/dev/null
	[ -n "$BIG_NGINX" ] && kill -QUIT "$BIG_NGINX" 2>/dev/null
	wait "$BIG_KYODO" 2>/dev/null
	wait "$BIG_NGINX" 2>/dev/null
	if grep -Eq 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$BIG_DIR/kyodo.log"; then
		fail "sanitizer report: $(grep -E -m 3 'ERROR|runtime error' "$BIG_DIR/kyodo.log" | tr '\n' ' ')"
	fi
	if grep -Eq 'upstream (sent|prematurely)|invalid' "$BIG_DIR/nginx-error.log"; then
		fail "nginx: $(grep -E -m 3 'upstream|invalid' "$BIG_DIR/nginx-error.log" | tr '\n' ' ')"
	fi
}

# A page over 64 KB goes out as several FastCGI records and arrives whole:
# plain, gzip (decompresses to the plain page), HEAD, from the cache.
test_large_page_records() {
	trap big_stop EXIT
	big_start || return
	local size i n
	for i in 1 2; do
		LAST_REQ="GET $BIG_BASE/projects ($i)"
		STATUS=$(curl -sS --max-time 20 -D "$IT_DIR/big.h" -o "$IT_DIR/big.html" \
			-w '%{http_code}' "$BIG_BASE/projects") || STATUS=000
		IT_H=$IT_DIR/big.h
		IT_B=$IT_DIR/big.html
		expect_status 200
		size=$(wc -c <"$IT_DIR/big.html")
		[ "$size" -gt 65536 ] || fail "page of $size bytes: not over 64 KB"
		expect_header Content-Length "^$size\$"
		expect_no_header Content-Encoding
		tail -c 20 "$IT_DIR/big.html" | grep -q '</html>' || fail "the page does not end with </html>"
		n=$(grep -oE 'href="/projects/[0-9]+"' "$IT_DIR/big.html" | sort -u | wc -l)
		[ "$n" -gt 50 ] || fail "only $n project links on a page of 200"
	done
	LAST_REQ="GET $BIG_BASE/projects (gzip)"
	STATUS=$(curl -sS --max-time 20 -H 'Accept-Encoding: gzip' -D "$IT_DIR/bigz.h" \
		-o "$IT_DIR/big.gz" -w '%{http_code}' "$BIG_BASE/projects") || STATUS=000
	IT_H=$IT_DIR/bigz.h
	IT_B=$IT_DIR/big.gz
	expect_page_gz
	gunzip -c <"$IT_DIR/big.gz" | cmp -s - "$IT_DIR/big.html" ||
		fail "the gzip body does not decompress to the plain page"
	LAST_REQ="HEAD $BIG_BASE/projects"
	curl -sS --max-time 20 -I -D "$IT_DIR/bigh.h" -o /dev/null "$BIG_BASE/projects"
	IT_H=$IT_DIR/bigh.h
	expect_header Content-Length "^$size\$"
	big_stop
	trap - EXIT
}

# Clients that hang up while their page is being made: nginx drops its
# connection to the worker, whose write then fails (EPIPE). The worker
# stays (same process) and the next answers are whole.
test_client_disconnect() {
	trap big_stop EXIT
	big_start || return
	local worker i size after
	worker=$(pgrep -P "$BIG_KYODO")
	curl -sS -o "$IT_DIR/ref.html" --max-time 20 "$BIG_BASE/projects?ref=1"
	size=$(wc -c <"$IT_DIR/ref.html")
	for i in $(seq 1 30); do
		# a different URL each time, so the page is made (not a hit);
		# the client hangs up 0-20 ms after sending the request
		(
			exec 6<>"/dev/tcp/127.0.0.1/${BIG_BASE##*:}" &&
				printf 'GET /projects?gone=%s HTTP/1.1\r\nHost: x\r\n\r\n' "$i" >&6
			sleep "0.00$((i % 3 * 4))"
			exec 6<&-
		) 2>/dev/null
	done
	sleep 0.5
	LAST_REQ="worker after 30 lost clients"
	after=$(pgrep -P "$BIG_KYODO")
	[ -n "$worker" ] && [ "$worker" = "$after" ] || fail "worker $worker, now '$after' (it died?)"
	LAST_REQ="GET $BIG_BASE/projects?ref=3"
	curl -sS -o "$IT_DIR/ref3.html" --max-time 20 "$BIG_BASE/projects?ref=3"
	[ "$(wc -c <"$IT_DIR/ref3.html")" = "$size" ] || fail "$(wc -c <"$IT_DIR/ref3.html") bytes, expected $size"
	it_log "lost clients: $(grep -c 'response not sent' "$BIG_DIR/kyodo.log") writes failed (EPIPE), worker $worker kept serving"
	big_stop
	trap - EXIT
}
