#!/usr/bin/env bash
# tests/bench/profile.sh — where a worker's time goes, per page, in
# instructions (valgrind --tool=callgrind: repeatable, unlike timings on a
# shared machine; perf is often unavailable in containers).
#
#   tests/bench/profile.sh [DB]        (default: var/bench/city.db)
#   tests/bench/profile.sh --summary DIR   the table again for an earlier run
#
# Starts nginx and ONE kyodo worker under callgrind (response cache off
# unless PROFILE_CACHE=1), and for each page: 20 warm-up requests, zero the
# counters, PROFILE_REQUESTS (200) identical requests, dump. Then prints per
# page the instructions per request and how they split:
#   server   FastCGI accept/params/write, headers, log line (all but dispatch)
#   sqlite   sqlite3_step + sqlite3_prepare* (every query)
#   dict     building the template dictionaries (tdict_*)
#   expand   ctemplate expansion (tpl_expand)
#   handler  the rest of the handler (model code, formatting, arena)
# and keeps the callgrind files under var/bench/profile-<date>/ for
# callgrind_annotate (--inclusive=yes, --tree=caller).
#
# Environment: PROFILE_REQUESTS=200, PROFILE_CACHE=0|1, PROFILE_PAGES
# ("name|path" lines; default: the public pages found in the database),
# BENCH_NO_BUILD=1 (profile build/kyodo as it is, without make),
# PROFILE_SAVE=1 (the staff form save instead of the pages, see
# profile_save below; writes the database: pass a copy), PROFILE_LOGIN=
# "USER:PASSWORD" (log in first and send the session cookie with every
# page request: the staff pages; make the account with `kyodo user add`
# on a copy).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 2
export LC_ALL=C.UTF-8

db=${1:-$root/var/bench/city.db}
n=${PROFILE_REQUESTS:-200}
cache=${PROFILE_CACHE:-0}
out=$root/var/bench/profile-$(date +%Y%m%d-%H%M%S)
kyodo=$root/build/kyodo

say() { printf 'profile: %s\n' "$*" >&2; }
die() {
	printf 'profile: error: %s\n' "$*" >&2
	exit 2
}

# summarize "name|file"... — the table of instructions per request.
summarize() {
	local s name f
printf '\n%-18s %11s %10s %10s %10s %10s %10s\n' page 'Ir/request' server sqlite dict expand handler
printf '%s\n' "------------------------------------------------------------------------------------"
for s in "$@"; do
	name=${s%%|*}
	f=${s#*|}
	# A function inlined into several places shows up once per debug-info
	# file name: keep the largest inclusive count per function name.
	callgrind_annotate --auto=no --inclusive=yes --threshold=100 "$f" 2>/dev/null |
		awk -v n="$n" -v name="$name" '
		function num(s) { gsub(/,/, "", s); return s + 0 }
		/^ *[0-9,]+ \( *[0-9.]+%\)  [^=]/ {
			fn = $0
			sub(/^ *[0-9,]+ \( *[0-9.]+%\)  /, "", fn)
			sub(/ \[.*$/, "", fn)
			sub(/^.*:/, "", fn)
			v = num($1)
			if (v > max[fn]) max[fn] = v
		}
		END {
			total = max["worker_main"]; disp = max["dispatch"]
			sq = max["sqlite3_step"] + max["sqlite3_prepare_v2"] + max["sqlite3_prepare_v3"]
			for (f in max) if (f ~ /^tdict_/) dict += max[f]
			ex = max["tpl_expand"]
			h = disp - sq - dict - ex
			printf "%-18s %11d %10d %10d %10d %10d %10d\n", name, total / n,
				(total - disp) / n, sq / n, dict / n, ex / n, h / n
		}'
done
}

# --summary DIR: the table again, from the files of an earlier run.
if [ "${1:-}" = --summary ]; then
	[ -d "${2:-}" ] || die "--summary needs the directory of a run"
	n=${PROFILE_REQUESTS:-200}
	list=()
	for f in "$2"/[0-9][0-9]-*.callgrind; do
		b=$(basename "$f" .callgrind)
		list+=("${b#[0-9][0-9]-}|$f")
	done
	summarize "${list[@]}"
	exit 0
fi
[ -f "$db" ] || die "no database $db (run make bench once, or pass a file)"
if ! command -v valgrind >/dev/null 2>&1; then
	say "installing valgrind (apt-get install -y valgrind)"
	if [ "$(id -u)" -eq 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends valgrind >&2
	else
		sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends valgrind >&2
	fi || die "cannot install valgrind"
fi
for t in valgrind callgrind_annotate callgrind_control nginx curl sqlite3; do
	command -v "$t" >/dev/null 2>&1 || die "$t is missing"
done
if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
	make --no-print-directory build/kyodo >/dev/null || die "make build/kyodo failed (BENCH_NO_BUILD=1 uses the binary as it is)"
fi
mkdir -p "$out/static"
# wait_dump FILE — until callgrind's dump exists and has stopped growing
wait_dump() {
	local last=-1 size
	for _ in $(seq 1 100); do
		size=$(stat -c %s "$1" 2>/dev/null || echo 0)
		[ "$size" -gt 0 ] && [ "$size" -eq "$last" ] && return 0
		last=$size
		sleep 0.2
	done
}
if [ "${PROFILE_SAVE:-0}" = 1 ]; then
	printf 'bench-password-1\n' | "$kyodo" user add benchprof --role staff \
		--department "$(sqlite3 "$db" "SELECT code FROM departments WHERE active = 1 ORDER BY sort LIMIT 1")" \
		--db "$db" >"$out/user.log" 2>&1 || die "kyodo user add failed: $(tail -n 1 "$out/user.log")"
fi

NGINX_PID=
KYODO_PID=
stop() {
	[ -n "$KYODO_PID" ] && kill -TERM "$KYODO_PID" 2>/dev/null
	[ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null
	for _ in $(seq 1 100); do
		kill -0 "$KYODO_PID" 2>/dev/null || kill -0 "$NGINX_PID" 2>/dev/null || break
		sleep 0.1
	done
	[ -n "$KYODO_PID" ] && kill -KILL "$KYODO_PID" 2>/dev/null
	[ -n "$NGINX_PID" ] && kill -KILL "$NGINX_PID" 2>/dev/null
	wait 2>/dev/null
	KYODO_PID=
	NGINX_PID=
}
trap stop EXIT
trap 'exit 130' INT TERM

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in 1 2 3 4 5 6 7 8 9 10; do
	port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
	port_taken "$port" || break
done
base=http://127.0.0.1:$port
"$root/scripts/nginx.sh" --dir "$out" --listen "127.0.0.1:$port" \
	--fastcgi "unix:$out/kyodo.sock" --static "$out/static" --out "$out/nginx.conf" || die "nginx.sh failed"
nginx -p "$out" -e "$out/nginx-error.log" -c "$out/nginx.conf" >/dev/null 2>&1 &
NGINX_PID=$!
KYODO_SITE_URL=$base KYODO_CACHE=$cache valgrind --tool=callgrind --trace-children=yes \
	--callgrind-out-file="$out/callgrind.%p" "$kyodo" serve --db "$db" \
	--listen "unix:$out/kyodo.sock" --workers 1 >"$out/kyodo.log" 2>&1 &
KYODO_PID=$!
for _ in $(seq 1 300); do
	curl -fs -o /dev/null --max-time 5 "$base/healthz" && break
	kill -0 "$KYODO_PID" 2>/dev/null || die "kyodo exited: $(tail -n 5 "$out/kyodo.log")"
	sleep 0.2
done
worker=$(pgrep -P "$KYODO_PID" | head -n 1)
[ -n "$worker" ] || die "no worker process"
say "worker $worker under callgrind, cache=$cache, $n requests per page; files in $out"

urlenc() { printf '%s' "$1" | od -An -tx1 -v | tr -s ' \n' ' ' | sed 's/ $//; s/ /%/g' | tr 'a-f' 'A-F'; }

if [ -n "${PROFILE_PAGES:-}" ]; then
	mapfile -t pages <<<"$PROFILE_PAGES"
else
	pid=$(sqlite3 "$db" "SELECT id FROM projects WHERE published = 1 ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM projects WHERE published = 1)")
	gid=$(sqlite3 "$db" "SELECT g.id FROM groups g JOIN group_statuses s ON s.code = g.status WHERE s.listed = 1 AND EXISTS (SELECT 1 FROM project_partners pp WHERE pp.group_id = g.id) ORDER BY g.id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM groups g JOIN group_statuses s ON s.code = g.status WHERE s.listed = 1)")
	pages=("healthz|/healthz" "top|/" "projects p1|/projects" "projects ?form=hojo|/projects?form=hojo"
		"project detail|/projects/$pid" "groups|/groups" "groups ?kana=ka|/groups?kana=$(urlenc か)"
		"group detail|/groups/$gid" "forms/hojo|/forms/hojo")
fi

# PROFILE_LOGIN=USER:PASSWORD: log in as that account (CSRF token from the
# form), and send its session cookie with every page request.
cookie=
if [ -n "${PROFILE_LOGIN:-}" ]; then
	jar=$out/login.jar
	curl -sS -c "$jar" -b "$jar" -o "$out/login.html" "$base/login"
	token=$(grep -o 'name="csrf_token" value="[^"]*"' "$out/login.html" | head -n 1 | sed 's/.*value="//; s/"$//')
	st=$(curl -sS -c "$jar" -b "$jar" -H "Origin: $base" -o /dev/null -w '%{http_code}' \
		--data-urlencode "csrf_token=$token" --data-urlencode "username=${PROFILE_LOGIN%%:*}" \
		--data-urlencode "password=${PROFILE_LOGIN#*:}" "$base/login")
	[ "$st" = 303 ] || die "login as ${PROFILE_LOGIN%%:*} failed ($st)"
	cookie=$(awk '$6 == "kyodo_session" { print "kyodo_session=" $7 }' "$jar")
fi

# requests CFG PATH COUNT — a curl config fetching PATH COUNT times (with
# the session cookie of PROFILE_LOGIN, if any).
requests() {
	local i
	: >"$1"
	for ((i = 0; i < $3; i++)); do
		printf 'url = "%s%s"\noutput = "/dev/null"\n' "$base" "$2" >>"$1"
		[ -z "$cookie" ] || printf 'header = "Cookie: %s"\n' "$cookie" >>"$1"
	done
}

# PROFILE_SAVE=1: the staff form save of run.sh (POST /staff/groups/:id/edit)
# instead of the pages: a staff account, a login, the form of the first group
# replayed on the next groups in id order (each save a different group, as
# the bench's 20,000 records are at large scale) with their versions; 20
# warm-up saves, then PROFILE_REQUESTS saves. PROFILE_SAVE_REPEAT=1 saves the
# same PROFILE_REQUESTS groups a second time (the name changes, nothing
# else: what a save costs once the form's values are the group's own).
# The database is written: pass a copy.
profile_save() {
	local jar=$out/jar f=$out/form.html token st gid action body cookie
	curl -sS -c "$jar" -b "$jar" -o "$f" "$base/login"
	token=$(grep -o 'name="csrf_token" value="[^"]*"' "$f" | head -n 1 | sed 's/.*value="//; s/"$//')
	st=$(curl -sS -c "$jar" -b "$jar" -H "Origin: $base" -o /dev/null -w '%{http_code}' \
		--data-urlencode "csrf_token=$token" --data-urlencode username=benchprof \
		--data-urlencode password=bench-password-1 "$base/login")
	[ "$st" = 303 ] || die "login as benchprof failed ($st)"
	gid=$(sqlite3 "$db" "SELECT min(id) FROM groups")
	action=/staff/groups/$gid/edit
	curl -sS -b "$jar" -o "$f" "$base$action"
	body=$(perl "$root/tests/bench/formbody.pl" "$action" <"$f") || die "no form $action"
	cookie=$(awk '$6 == "kyodo_session" { print "kyodo_session=" $7 }' "$jar")
	printf '%s\n' "$body" | sed -e 's/\(^\|&\)version=[0-9]*/\1version=@V@/' \
		-e 's/\(^\|&\)name=\([^&]*\)/\1name=\2%20@V@/' >"$out/save.body"
	sqlite3 "$db" "SELECT id, version FROM groups WHERE id <> $gid ORDER BY id LIMIT $((n + 20))" | tr '|' ' ' >"$out/save.ids"
	# saves CFG FIRST COUNT [VERSION+] — curl config: COUNT saves from line FIRST
	saves() {
		: >"$1"
		sed -n "$2,$(($2 + $3 - 1))p" "$out/save.ids" | while read -r id v; do
			v=$((v + ${4:-0}))
			[ -s "$1" ] && printf 'next\n' >>"$1"
			printf 'url = "%s/staff/groups/%s/edit"\noutput = "/dev/null"\nheader = "Cookie: %s"\nheader = "Origin: %s"\ndata = "%s"\nwrite-out = "%%{http_code}\\n"\n' \
				"$base" "$id" "$cookie" "$base" "$(sed "s/@V@/$v/g" "$out/save.body")" >>"$1"
		done
	}
	saves "$out/warm.cfg" 1 20
	saves "$out/run.cfg" 21 "$n"
	curl -s -K "$out/warm.cfg" | sort | uniq -c | sed 's/^/profile: warm-up answers: /' >&2
	if [ "${PROFILE_SAVE_REPEAT:-0}" = 1 ]; then
		curl -s -K "$out/run.cfg" | sort | uniq -c | sed 's/^/profile: first saves: /' >&2
		saves "$out/run.cfg" 21 "$n" 1
	fi
	callgrind_control -z "$worker" >/dev/null
	curl -s -K "$out/run.cfg" | sort | uniq -c | sed 's/^/profile: answers: /' >&2
	callgrind_control -d save "$worker" >/dev/null
}
if [ "${PROFILE_SAVE:-0}" = 1 ]; then
	pages=()
	profile_save
	file=$out/callgrind.$worker.1
	wait_dump "$file"
	[ -s "$file" ] || die "no dump for the saves"
	mv "$file" "$out/01-form_save.callgrind"
	stop
	summarize "form save|$out/01-form_save.callgrind"
	say "callgrind files: $out (callgrind_annotate --inclusive=yes FILE)"
	exit 0
fi

k=0
summary=()
for entry in "${pages[@]}"; do
	name=${entry%%|*}
	path=${entry#*|}
	k=$((k + 1))
	requests "$out/warm.cfg" "$path" 20
	requests "$out/run.cfg" "$path" "$n"
	curl -s -K "$out/warm.cfg"
	callgrind_control -z "$worker" >/dev/null
	curl -s -K "$out/run.cfg"
	callgrind_control -d "page$k" "$worker" >/dev/null
	file=$out/callgrind.$worker.$k
	wait_dump "$file"
	[ -s "$file" ] || die "no dump for $name"
	mv "$file" "$out/$(printf '%02d' "$k")-$(printf '%s' "$name" | tr -c 'A-Za-z0-9' '_').callgrind"
	summary+=("$name|$out/$(printf '%02d' "$k")-$(printf '%s' "$name" | tr -c 'A-Za-z0-9' '_').callgrind")
done
stop

summarize "${summary[@]}"
echo
say "callgrind files: $out (callgrind_annotate --inclusive=yes FILE)"
