#!/usr/bin/env bash
# scripts/deps.sh — install what kyodo needs and is missing, and nothing else.
#
#   scripts/deps.sh [--run | --test | --bench] [--dry-run]
#
#   --run      what `make run` needs: compiler, the build libraries, nginx,
#              curl, and node/npm for the design tokens (static/vendor/tokens.css)
#   --test     everything for `make test` (the default): --run plus cmocka,
#              sqlite3, Chromium and the npm test packages (playwright-core,
#              axe-core)
#   --bench    what `make bench` needs: --run plus sqlite3, wrk, valgrind
#   --dry-run  say what would be installed, install nothing
#
# Debian packages come from apt-get (`apt-get update` once, then
# `apt-get install -y --no-install-recommends`), as root or through sudo.
# npm packages come from package.json / package-lock.json through `npm ci`,
# only when node_modules is missing or older than the lock file. Browsers are
# never downloaded: the browser tests drive Debian's /usr/bin/chromium.
# Idempotent: a second run finds nothing to do and says so.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=test
dry=0
for arg in "$@"; do
	case $arg in
	--run) mode=run ;;
	--test | --all) mode=test ;;
	--bench) mode=bench ;;
	--dry-run | -n) dry=1 ;;
	-h | --help)
		sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "deps.sh: unknown argument '$arg' (try --help)" >&2
		exit 2
		;;
	esac
done

say() { printf 'deps: %s\n' "$*"; }
die() {
	printf 'deps: error: %s\n' "$*" >&2
	exit 1
}

# ---------------------------------------------------------------- Debian ----

# Packages `make run` needs: build, FastCGI, SQLite, templates, libsodium,
# zlib (the gzip copy of cached pages), the web server, curl (run.sh waits
# for /healthz with it).
run_pkgs=(build-essential g++ pkg-config libfcgi-dev libsqlite3-dev
	libctemplate-dev libsodium-dev zlib1g-dev nginx curl)
# Added for `make test`: unit tests, reading the test database, the browser.
test_pkgs=(libcmocka-dev sqlite3 chromium clang-format)
# Added for `make bench`: the load generator and the instruction counter.
bench_pkgs=(sqlite3 wrk valgrind)

want=("${run_pkgs[@]}")
case $mode in
test) want+=("${test_pkgs[@]}") ;;
bench) want+=("${bench_pkgs[@]}") ;;
esac

# installed PKG — true when dpkg has PKG fully installed.
installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

command -v dpkg-query >/dev/null 2>&1 ||
	die "this script installs Debian packages (apt-get); on another system install by hand: ${want[*]}"

missing=()
for p in "${want[@]}"; do
	installed "$p" || missing+=("$p")
done
# Node and npm: any node >= 20 on PATH will do (the CI image has nodesource's,
# which bundles npm). Only when node is absent do we take Debian's.
if ! command -v node >/dev/null 2>&1; then
	missing+=(nodejs npm)
elif ! command -v npm >/dev/null 2>&1; then
	missing+=(npm)
fi

# as_root CMD... — run CMD as root: directly when we are root, else through
# sudo; a clear error when neither is possible.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root to run: $* — run this script as root, or install sudo"
	fi
}

if [ ${#missing[@]} -eq 0 ]; then
	say "Debian packages: all present (${#want[@]} checked, mode --$mode)"
else
	say "Debian packages to install: ${missing[*]}"
	if [ "$dry" -eq 1 ]; then
		say "(dry run: not installing)"
	else
		if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
			say "not root: using sudo"
		fi
		export DEBIAN_FRONTEND=noninteractive
		# Installing nginx would start Debian's own nginx on port 80 (and fail
		# the install when that port is taken). kyodo runs its own nginx with a
		# generated config, so hold service starts off during the install with
		# a policy-rc.d, unless the machine already has one.
		policy=/usr/sbin/policy-rc.d
		made_policy=0
		if [ ! -e "$policy" ]; then
			as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
			made_policy=1
			trap 'as_root rm -f '"$policy" EXIT
		fi
		say "apt-get update"
		as_root apt-get -o DPkg::Lock::Timeout=300 update -q
		say "apt-get install -y --no-install-recommends ${missing[*]}"
		as_root apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}"
		if [ "$made_policy" -eq 1 ]; then
			as_root rm -f "$policy"
			trap - EXIT
		fi
		for p in "${missing[@]}"; do
			case $p in nodejs | npm) continue ;; esac
			installed "$p" || die "package $p is still not installed"
		done
	fi
fi

if [ "$mode" = test ] && [ "$dry" -eq 0 ] && [ ! -x /usr/bin/chromium ]; then
	die "/usr/bin/chromium is missing although package chromium is installed"
fi

# ------------------------------------------------------------------- npm ----

if [ "$dry" -eq 1 ] && ! command -v npm >/dev/null 2>&1; then
	say "npm packages: would run npm ci after installing npm"
	exit 0
fi
command -v node >/dev/null 2>&1 || die "node is still missing"
command -v npm >/dev/null 2>&1 || die "npm is still missing"

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
	say "warning: node $(node --version) is older than 20, which playwright-core wants; the browser tests may not run"
fi

cd "$root"
lock=package-lock.json
stamp=node_modules/.package-lock.json # npm writes it after every install
need_npm=0
if [ ! -f "$stamp" ]; then
	need_npm=1
elif [ -f "$lock" ] && [ "$lock" -nt "$stamp" ]; then
	need_npm=1
elif [ package.json -nt "$stamp" ]; then
	need_npm=1
fi
have_all=1
for m in playwright-core axe-core @digital-go-jp/design-tokens; do
	[ -f "node_modules/$m/package.json" ] || have_all=0
done
[ "$have_all" -eq 1 ] || need_npm=1
# A node_modules that is a symlink is another checkout's tree, shared (git
# worktrees). Use it when it has the packages, whatever the file times say;
# never install through it: npm ci empties the directory it installs into,
# which would be the other checkout's. When it lacks them, only the link is
# removed and this checkout gets its own install.
shared_link=
if [ -L node_modules ]; then
	shared_link=$(readlink node_modules)
	if [ "$have_all" -eq 1 ]; then
		need_npm=0
	else
		need_npm=1
	fi
fi

if [ "$need_npm" -eq 0 ] && [ -n "$shared_link" ]; then
	say "npm packages: present in node_modules (a link to $shared_link)"
elif [ "$need_npm" -eq 0 ]; then
	say "npm packages: up to date (node_modules matches $lock)"
elif [ "$dry" -eq 1 ]; then
	[ -z "$shared_link" ] || say "(node_modules links to $shared_link, which lacks packages: the link would be replaced by a local install)"
	say "npm packages to install: playwright-core axe-core @digital-go-jp/design-tokens (dry run: not installing)"
	exit 0
else
	if [ -n "$shared_link" ]; then
		say "node_modules links to $shared_link, which lacks packages: removing the link (not its target) for a local install"
		rm node_modules
	fi
	# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: belt and braces, playwright-core never
	# downloads a browser, and this network could not reach one anyway.
	export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
	if [ -f "$lock" ]; then
		say "npm ci (playwright-core, axe-core, @digital-go-jp/design-tokens)"
		npm ci --no-audit --no-fund --loglevel=error
	else
		say "npm install (no $lock yet)"
		npm install --no-audit --no-fund --loglevel=error
	fi
fi

# The design tokens are served from static/vendor/ (gitignored).
tokens_src=node_modules/@digital-go-jp/design-tokens/dist/tokens.css
tokens_dst=static/vendor/tokens.css
[ -f "$tokens_src" ] || die "$tokens_src is missing after npm install"
if cmp -s "$tokens_src" "$tokens_dst" 2>/dev/null; then
	say "design tokens: $tokens_dst up to date"
else
	mkdir -p "$(dirname "$tokens_dst")"
	cp "$tokens_src" "$tokens_dst"
	say "design tokens: copied to $tokens_dst"
fi
