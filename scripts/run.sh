#!/usr/bin/env bash
# scripts/run.sh — `make run`: the demo portal on http://127.0.0.1:8080/.
#
# Creates var/kyodo.db with the demo data set when it does not exist (an
# existing database is only migrated), writes var/nginx.conf, starts the
# kyodo FastCGI workers and nginx in the foreground, waits for /healthz,
# prints the URL and the demo accounts, and stops both on Ctrl-C or SIGTERM.
# If either process dies, the other is stopped too and the exit status is
# non-zero. A second copy, or anything else on the port, is refused before
# anything is started.
#
# Environment (all optional):
#   KYODO_BIN   the binary                  (build/kyodo)
#   KYODO_HOST  address nginx listens on    (127.0.0.1)
#   KYODO_PORT  port nginx listens on       (8080)
#   KYODO_VAR   directory for db, socket, logs, nginx.conf (var)
#   KYODO_DB    database file               ($KYODO_VAR/kyodo.db)
#   KYODO_SITE_URL, KYODO_WORKERS, KYODO_MAX_BODY, ... are read by kyodo
#   itself (docs/configuration.md).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bin=${KYODO_BIN:-build/kyodo}
host=${KYODO_HOST:-127.0.0.1}
port=${KYODO_PORT:-8080}
var=${KYODO_VAR:-var}
mkdir -p "$var"
var=$(cd "$var" && pwd)
db=${KYODO_DB:-$var/kyodo.db}
sock=$var/kyodo.sock
conf=$var/nginx.conf
max_body=${KYODO_MAX_BODY:-8388608}
export KYODO_SITE_URL=${KYODO_SITE_URL:-http://$host:$port}

say() { printf 'run: %s\n' "$*"; }
die() {
	printf 'run: error: %s\n' "$*" >&2
	exit 1
}

[ -x "$bin" ] || die "$bin is missing: build it first (make)"
command -v nginx >/dev/null 2>&1 || die "nginx is not installed (scripts/deps.sh --run)"
command -v curl >/dev/null 2>&1 || die "curl is not installed (scripts/deps.sh --run)"

# One copy per var/ directory: a second `make run` is refused, not half-started.
exec 9>"$var/run.lock"
if ! flock -n 9; then
	die "another 'make run' is already using $var (see $var/run.lock); stop it first"
fi

# port_taken HOST PORT — true when something accepts connections there.
port_taken() {
	(exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}
if port_taken "$host" "$port"; then
	die "$host:$port is already in use by another program; stop it or choose another port: KYODO_PORT=8081 make run"
fi

# Database: create with demo data when absent, otherwise migrate (a no-op
# when current).
if [ -e "$db" ]; then
	say "database $db exists: migrating"
	"$bin" migrate --db "$db"
else
	say "creating $db with the demo data set"
	"$bin" migrate --db "$db"
	if ! "$bin" demo --db "$db"; then
		rm -f "$db" "$db-wal" "$db-shm"
		die "loading the demo data failed; $db removed"
	fi
fi

"$root/scripts/nginx.sh" --dir "$var" --listen "$host:$port" \
	--fastcgi "unix:$sock" --static "$root/static" --max-body "$max_body" \
	--workers 2 --out "$conf"

kyodo_pid=
nginx_pid=
stopping=0

# stop — stop whatever we started (graceful first), remove the socket.
stop() {
	[ "$stopping" -eq 1 ] && return
	stopping=1
	trap '' INT TERM
	[ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null || true
	[ -n "$kyodo_pid" ] && kill -TERM "$kyodo_pid" 2>/dev/null || true
	for _ in $(seq 1 100); do
		alive=0
		[ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null && alive=1
		[ -n "$kyodo_pid" ] && kill -0 "$kyodo_pid" 2>/dev/null && alive=1
		[ "$alive" -eq 0 ] && break
		sleep 0.1
	done
	[ -n "$nginx_pid" ] && kill -KILL "$nginx_pid" 2>/dev/null || true
	[ -n "$kyodo_pid" ] && kill -KILL "$kyodo_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -f "$sock"
}
trap 'echo; say "stopping"; stop; say "stopped"; exit 0' INT TERM
trap 'stop' EXIT

# A socket left by a crash would make bind() fail; the lock above proves no
# other run.sh uses it.
rm -f "$sock"
say "starting kyodo: $bin serve --db $db --listen unix:$sock"
"$bin" serve --db "$db" --listen "unix:$sock" &
kyodo_pid=$!

say "starting nginx on $host:$port (config $conf, logs in $var/)"
nginx -p "$var" -e "$var/nginx-error.log" -c "$conf" &
nginx_pid=$!

# Wait up to 15 s for the whole chain to answer.
ok=0
for _ in $(seq 1 150); do
	if ! kill -0 "$kyodo_pid" 2>/dev/null; then
		die "kyodo exited during start-up (see the messages above)"
	fi
	if ! kill -0 "$nginx_pid" 2>/dev/null; then
		tail -n 5 "$var/nginx-error.log" >&2 || true
		die "nginx exited during start-up (log: $var/nginx-error.log)"
	fi
	if curl -fsS -o /dev/null --max-time 2 "http://$host:$port/healthz" 2>/dev/null; then
		ok=1
		break
	fi
	sleep 0.1
done
[ "$ok" -eq 1 ] || die "http://$host:$port/healthz did not answer within 15 s"

cat <<EOF

  kyodo is running:  http://$host:$port/

  Demo accounts (demo data only — never use these on a real site):
    admin      協働推進課（管理者）          password: kyodo-demo
    staff      職員                          password: kyodo-demo
    committee  委員                          password: kyodo-demo
    group      団体担当者                    password: kyodo-demo

  Logs: kyodo on this terminal, nginx in $var/nginx-*.log
  Press Ctrl-C to stop.

EOF

# Wait until either process exits (or a signal arrives).
set +e
wait -n "$kyodo_pid" "$nginx_pid"
rc=$?
set -e
if [ "$stopping" -eq 0 ] && [ "$rc" -eq 0 ]; then
	# Ctrl-C reaches the whole process group: nginx or kyodo may stop
	# cleanly (status 0) before this shell runs its INT trap.
	echo
	say "stopping"
	stop
	say "stopped"
	exit 0
fi
if [ "$stopping" -eq 0 ]; then
	if ! kill -0 "$kyodo_pid" 2>/dev/null; then
		say "kyodo exited (status $rc); stopping nginx"
	else
		say "nginx exited (status $rc, log: $var/nginx-error.log); stopping kyodo"
	fi
	stop
	exit 1
fi
