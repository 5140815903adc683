#!/bin/sh
# make lint: the checks that make unsafe code impossible to merge.
#  1. SQL is never built with printf-style calls or concatenation.
#  2. db_prep() only ever receives a string literal (its cache is keyed by
#     the literal's address, and a literal cannot carry user input).
#  3. Every template starts with ctemplate's AUTOESCAPE pragma.
#  4. The C sources follow .clang-format.
# Prints each problem as file:line: message; exits 1 if there is any.
set -u
cd "$(dirname "$0")/.." || exit 2
fail=0

c_files=$(find src tests/unit tests/fuzz -name '*.c' -o -name '*.h' -o -name '*.cc' 2>/dev/null | sort)

# 1 + 2: work on whole statements (text between semicolons), so calls that
# span lines are seen whole. A statement may opt out of rule 1 only with the
# marker lint:pragma-int (an integer PRAGMA value, which SQLite cannot bind).
for f in $c_files; do
	awk -v file="$f" '
	BEGIN { sql = "(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WHERE|FROM|ORDER BY|VALUES|LIMIT)[ (=]" }
	{
		stmt = stmt " " $0
		if (start == 0) start = NR
		if ($0 ~ /;[ \t]*(\/\*.*\*\/|\/\/.*)?[ \t]*$/ || $0 ~ /[{}][ \t]*$/) {
			check(stmt, start)
			stmt = ""; start = 0
		}
	}
	function check(s, line) {
		if (s ~ /lint:pragma-int/) return
		if (s ~ /(s?n?printf|arena_printf|buf_printf|asprintf|sqlite3_mprintf|sqlite3_snprintf)[ \t]*\(/ && s ~ ("\"[^\"]*" sql)) {
			printf "%s:%d: SQL built with a printf-style call\n", file, line; bad = 1
		}
		if (s ~ /(strcat|strncat|buf_puts|buf_put|strcpy|memcpy)[ \t]*\(/ && s ~ ("\"[^\"]*" sql)) {
			printf "%s:%d: SQL built by concatenation\n", file, line; bad = 1
		}
		if (s ~ /db_prep[ \t]*\([^,]*,[ \t]*[^ \t"]/ && s !~ /^[ \t]*(sqlite3_stmt[ \t]*\*)?[ \t]*db_prep[ \t]*\(struct/ && file !~ /src\/db\/db\.[ch]$/) {
			printf "%s:%d: db_prep() needs a string literal\n", file, line; bad = 1
		}
	}
	END { exit bad }' "$f" || fail=1
done

# 3: templates.
for t in $(find templates -name '*.tpl' 2>/dev/null | sort); do
	if ! head -n 1 "$t" | grep -q '^{{%AUTOESCAPE context="[A-Z]*"}}'; then
		echo "$t:1: template does not start with the AUTOESCAPE pragma"
		fail=1
	fi
done

# 4: formatting.
if command -v clang-format >/dev/null 2>&1; then
	for f in $c_files; do
		if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
			echo "$f: not formatted per .clang-format (run make format)"
			fail=1
		fi
	done
else
	echo "lint: clang-format is not installed (scripts/deps.sh --test installs it)"
	fail=1
fi

if [ "$fail" -ne 0 ]; then
	echo "lint: FAILED"
	exit 1
fi
echo "lint: ok"
