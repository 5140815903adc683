# tests/integration/test_auth.sh — accounts (issue 3) over HTTP: login and
# logout, the session cookie, throttling, CSRF and cross-origin rejection,
# roles on the dispatcher, the admin's user management, `kyodo user`.
# Sourced by tests/integration/run.sh; each test_* function is one test, run
# in the order written, with the servers of lib.sh already up. The accounts
# are made here with `kyodo user add` (au_ prefix: helpers of this file).
# shellcheck shell=bash

AU_PW=it-password-1 # every account of this file starts with this password

# au_cli ARGS... — run kyodo on the test database (output in cli.log).
au_cli() {
	"$KYODO_BIN" "$@" --db "$IT_DB" >>"$IT_DIR/cli.log" 2>&1
}

# au_sql QUERY — write to the test database (lib.sh's sql is read-only).
au_sql() {
	sqlite3 -batch -noheader "$IT_DB" "PRAGMA busy_timeout = 5000; $1" >/dev/null
}

# au_jar NAME — a cookie jar file of this run.
au_jar() {
	printf '%s/jar-%s' "$IT_DIR" "$1"
}

# au_csrf — the csrf_token of the first form in the last body.
au_csrf() {
	grep -o 'name="csrf_token" value="[^"]*"' "$IT_B" | head -n 1 |
		sed 's/.*value="//; s/"$//'
}

# au_post JAR PATH TOKEN [curl args...] — a same-origin form POST with
# csrf_token=TOKEN (empty: none) and the cookies of JAR.
au_post() {
	local jar=$1 path=$2 tok=$3
	shift 3
	if [ -n "$tok" ]; then
		http POST "$path" -b "$jar" -c "$jar" -H "Origin: $BASE" \
			--data-urlencode "csrf_token=$tok" "$@"
	else
		http POST "$path" -b "$jar" -c "$jar" -H "Origin: $BASE" \
			--data-urlencode "x=1" "$@"
	fi
}

# au_form JAR PATH — GET the page of a form; sets TOK to its CSRF token.
au_form() {
	GET "$2" -b "$1" -c "$1"
	TOK=$(au_csrf)
}

# au_version — the hidden version field of the account form in the last
# body ("" when none).
au_version() {
	grep -o 'name="version" value="[^"]*"' "$IT_B" | head -n 1 |
		sed 's/.*value="//; s/"$//'
}

# au_login JAR USER PASSWORD [next] — log in from a fresh /login page.
au_login() {
	local jar=$1 user=$2 pw=$3 next=${4:-}
	au_form "$jar" /login
	au_post "$jar" /login "$TOK" --data-urlencode "username=$user" \
		--data-urlencode "password=$pw" --data-urlencode "next=$next"
}

# au_session JAR — the kyodo_session value stored in JAR ("" when none).
au_session() {
	awk '$6 == "kyodo_session" { v = $7 } END { print v }' "$1" 2>/dev/null
}

# au_cookie_header NAME — the Set-Cookie header of cookie NAME, or nothing.
au_cookie_header() {
	tr -d '\r' <"$IT_H" | grep -i "^set-cookie: $1=" | tail -n 1
}

# --------------------------------------------------------------- kyodo user

test_auth_cli_creates_accounts() {
	local gid
	gid=$(sql "SELECT min(id) FROM groups")
	if [ -z "$gid" ]; then
		au_sql "INSERT INTO groups (name, kana, kind) VALUES ('テスト会', 'テストカイ', 'npo')"
		gid=$(sql "SELECT min(id) FROM groups")
	fi
	printf '%s\n' "$AU_PW" | au_cli user add it-admin --role admin --name '協働 太郎' ||
		fail "user add it-admin failed"
	printf '%s\n' "$AU_PW" | au_cli user add it-staff --role staff --department fukushi --name '福祉 花子' ||
		fail "user add it-staff failed"
	printf '%s\n' "$AU_PW" | au_cli user add it-committee --role committee --name '委員 次郎' ||
		fail "user add it-committee failed"
	printf '%s\n' "$AU_PW" | au_cli user add it-group --role group --group "$gid" ||
		fail "user add it-group failed"
	for u in it-victim it-locked it-changer it-rehash; do
		printf '%s\n' "$AU_PW" | au_cli user add "$u" --role staff --department kikaku ||
			fail "user add $u failed"
	done
	# refused: short password, staff without department, a taken name
	printf 'short\n' | au_cli user add it-short --role admin && fail "short password accepted"
	printf '%s\n' "$AU_PW" | au_cli user add it-nodept --role staff && fail "staff without department accepted"
	printf '%s\n' "$AU_PW" | au_cli user add IT-ADMIN --role admin && fail "duplicate (case) accepted"
	[ "$(sql "SELECT count(*) FROM users WHERE username LIKE 'it-%'")" = 8 ] ||
		fail "expected 8 it-* accounts"
	[ "$(sql "SELECT role || ',' || department FROM users WHERE username = 'it-staff'")" = staff,fukushi ] ||
		fail "it-staff stored wrongly"
	sql "SELECT password_hash FROM users WHERE username = 'it-admin'" | grep -q '^\$argon2id\$v=19\$m=65536,t=2,p=1\$' ||
		fail "password not hashed with argon2id INTERACTIVE"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'users' AND action = 'create' AND client_addr = 'cli'")" -ge 8 ] ||
		fail "no audit rows for the CLI"
	"$KYODO_BIN" user list --db "$IT_DB" 2>>"$IT_DIR/cli.log" | grep -q 'it-committee *committee' ||
		fail "user list does not show it-committee"
}

# ------------------------------------------------------------ login, logout

test_auth_login_page() {
	local jar c
	jar=$(au_jar page)
	GET /login -c "$jar"
	expect_page 200
	expect_body 'name="username"'
	expect_body 'name="password"'
	expect_body 'autocomplete="current-password"'
	expect_header Cache-Control 'no-store'
	c=$(au_cookie_header kyodo_csrf)
	[ -n "$c" ] || fail "no pre-session CSRF cookie"
	printf '%s' "$c" | grep -qi 'HttpOnly' || fail "CSRF cookie not HttpOnly: $c"
	printf '%s' "$c" | grep -qi 'SameSite=Lax' || fail "CSRF cookie not SameSite=Lax: $c"
	[ "$(au_csrf)" = "$(awk '$6 == "kyodo_csrf" { print $7 }' "$jar")" ] ||
		fail "the form's token is not the cookie's"
	# pages for anonymous visitors link to the login page
	GET /no-such-page
	expect_status 404
	expect_body 'href="/login"'
}

test_auth_login_ok_cookie_flags() {
	local jar c first
	jar=$(au_jar staff)
	au_login "$jar" it-staff "$AU_PW"
	expect_status 303
	expect_header Location '^/'
	c=$(au_cookie_header kyodo_session)
	[ -n "$c" ] || fail "no session cookie"
	printf '%s' "$c" | grep -qi 'HttpOnly' || fail "session cookie not HttpOnly: $c"
	printf '%s' "$c" | grep -qi 'SameSite=Lax' || fail "session cookie not SameSite=Lax: $c"
	printf '%s' "$c" | grep -qi 'Path=/' || fail "session cookie without Path=/: $c"
	printf '%s' "$c" | grep -qi 'Secure' && fail "Secure cookie over plain HTTP: $c"
	printf '%s' "$c" | grep -Eq 'kyodo_session=[A-Za-z0-9_-]{43};' || fail "session token is not 32 bytes base64url: $c"
	expect_header Set-Cookie 'kyodo_csrf=;.*Max-Age=0' # pre-session token dropped
	first=$(au_session "$jar")
	# only a hash of the token is stored
	[ "$(sql "SELECT count(*) FROM sessions WHERE token_hash = CAST('$first' AS BLOB) OR csrf_token = '$first'")" = 0 ] ||
		fail "the session token is stored in clear"
	[ "$(sql "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'it-staff' AND length(s.token_hash) = 32")" -ge 1 ] ||
		fail "no 32-byte token hash stored"
	# the header shows who is logged in, with a logout form
	GET /account/password -b "$jar" -c "$jar"
	expect_page 200
	expect_body '福祉 花子'
	expect_body '（職員）'
	expect_body 'action="/logout"'
	expect_no_body 'href="/admin/users"'
	# logging in again from a logged-in browser gets a new session id
	au_form "$jar" /account/password
	au_post "$jar" /login "$TOK" --data-urlencode username=it-staff \
		--data-urlencode "password=$AU_PW"
	expect_status 303
	[ -n "$(au_session "$jar")" ] && [ "$(au_session "$jar")" != "$first" ] ||
		fail "no new session id on login"
	GET /account/password -b "$jar"
	expect_status 200
	GET /account/password -H "Cookie: kyodo_session=$first"
	expect_status 303 # the old id is gone
}

test_auth_login_next() {
	local jar
	jar=$(au_jar next)
	GET /admin/users
	expect_status 303
	expect_header Location '^/login\?next=/admin/users$'
	GET '/login?next=/admin/users' -c "$jar"
	expect_status 200
	expect_body 'name="next" value="/admin/users"'
	au_login "$jar" it-admin "$AU_PW" /admin/users
	expect_status 303
	expect_header Location '^/admin/users$'
	for bad in //evil.example/ 'https://evil.example/' '/\evil.example' 'javascript:alert(1)'; do
		au_login "$(au_jar "next-$RANDOM")" it-admin "$AU_PW" "$bad"
		expect_status 303
		header Location | grep -qi 'evil\|javascript' && fail "redirected to $bad: $(header Location)"
	done
	# logged in, /login sends the user on
	GET '/login?next=/account/password' -b "$jar"
	expect_status 303
	expect_header Location '^/account/password$'
}

test_auth_login_failures_look_the_same() {
	local jar
	jar=$(au_jar fail)
	au_login "$jar" it-victim wrong-password-1
	expect_page 422
	expect_body 'ユーザー名またはパスワードが正しくありません'
	expect_body 'value="it-victim"' # the username is kept
	expect_no_body 'wrong-password-1'
	[ -z "$(au_session "$jar")" ] || fail "a session after a failed login"
	cp "$IT_B" "$IT_DIR/au-fail-known"
	au_login "$jar" it-nosuchuser wrong-password-1
	expect_page 422
	expect_body 'ユーザー名またはパスワードが正しくありません'
	# the same page but for the name typed: the username's existence is not told
	diff <(sed 's/it-victim/NAME/g; s/[A-Za-z0-9_-]\{43\}/TOKEN/g; s/[0-9a-f]\{16\}/ID/g' "$IT_DIR/au-fail-known") \
		<(sed 's/it-nosuchuser/NAME/g; s/[A-Za-z0-9_-]\{43\}/TOKEN/g; s/[0-9a-f]\{16\}/ID/g' "$IT_B") >/dev/null ||
		fail "known and unknown usernames get different pages"
	au_login "$jar" '' ''
	expect_page 422
	expect_body 'id="username-error"'
	expect_body 'aria-describedby="username-error"'
	grep -q "login failed: user 'it-victim'" "$IT_DIR/kyodo.log" || fail "failure not logged"
	# a success resets the account's failures
	au_login "$jar" it-victim "$AU_PW"
	expect_status 303
}

test_auth_logout() {
	local jar old
	jar=$(au_jar logout)
	au_login "$jar" it-committee "$AU_PW"
	expect_status 303
	old=$(au_session "$jar")
	GET /account/password -b "$jar" -c "$jar"
	expect_status 200
	TOK=$(au_csrf)
	au_post "$jar" /logout "$TOK"
	expect_status 303
	expect_header Location '^/login\?logged_out=1$'
	expect_header Set-Cookie 'kyodo_session=;.*Max-Age=0'
	GET /login?logged_out=1 -b "$jar"
	expect_body 'ログアウトしました'
	# the old cookie is dead on the server too
	GET /account/password -H "Cookie: kyodo_session=$old"
	expect_status 303
	[ "$(sql "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.username = 'it-committee' AND a.action = 'logout'")" = 1 ] ||
		fail "no logout audit row"
}

# ------------------------------------------------------- CSRF, same-origin

test_auth_csrf_missing_or_wrong() {
	local jar
	jar=$(au_jar csrf)
	au_login "$jar" it-staff "$AU_PW"
	expect_status 303
	au_post "$jar" /account/password "" --data-urlencode "current_password=$AU_PW"
	expect_error_page 403
	expect_body '送信の有効期限が切れたか、別のサイトから送信されました'
	au_post "$jar" /account/password "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" \
		--data-urlencode "current_password=$AU_PW"
	expect_error_page 403
	# logout is a POST with CSRF too
	au_post "$jar" /logout ""
	expect_status 403
	GET /account/password -b "$jar"
	expect_status 200 # still logged in
	# the login form itself: a token without its cookie, or none
	au_form "$(au_jar csrf2)" /login
	http POST /login -H "Origin: $BASE" --data-urlencode "csrf_token=$TOK" \
		--data-urlencode username=it-staff --data-urlencode "password=$AU_PW"
	expect_error_page 403
	http POST /login -b "$(au_jar csrf2)" -H "Origin: $BASE" \
		--data-urlencode username=it-staff --data-urlencode "password=$AU_PW"
	expect_error_page 403
}

test_auth_cross_origin_post() {
	local jar
	jar=$(au_jar xorigin)
	au_form "$jar" /login
	http POST /login -b "$jar" -H "Origin: http://evil.example" \
		--data-urlencode "csrf_token=$TOK" --data-urlencode username=it-staff \
		--data-urlencode "password=$AU_PW"
	expect_error_page 403
	expect_body '別のサイトから送信された'
	[ -z "$(au_session "$jar")" ] || fail "logged in from another origin"
	http POST /login -b "$jar" -H "Referer: http://evil.example/login" \
		--data-urlencode "csrf_token=$TOK" --data-urlencode username=it-staff \
		--data-urlencode "password=$AU_PW"
	expect_error_page 403
}

# --------------------------------------------------------------------- roles

test_auth_roles_on_admin_pages() {
	local jar role
	GET /admin/users
	expect_status 303
	expect_header Location '^/login\?next='
	GET /admin/users/1/edit
	expect_status 303
	expect_header Location '^/login\?next=/admin/users/1/edit$'
	for role in staff committee group; do
		jar=$(au_jar "role-$role")
		au_login "$jar" "it-$role" "$AU_PW"
		expect_status 303
		GET /admin/users -b "$jar"
		expect_error_page 403
		expect_body '権限がありません'
		au_form "$jar" /account/password
		au_post "$jar" /admin/users/new "$TOK" --data-urlencode username=sneaky \
			--data-urlencode display_name=x --data-urlencode role=admin \
			--data-urlencode password=sneaky-password --data-urlencode password_confirm=sneaky-password
		expect_status 403
	done
	[ "$(sql "SELECT count(*) FROM users WHERE username = 'sneaky'")" = 0 ] || fail "a non-admin created a user"
	jar=$(au_jar role-admin)
	au_login "$jar" it-admin "$AU_PW"
	GET /admin/users -b "$jar"
	expect_page 200
	expect_body 'it-committee'
	expect_body '委員'
	expect_body 'href="/admin/users"' # the header's admin link
}

# ------------------------------------------------------ the admin's forms

test_auth_admin_creates_user() {
	local jar before loc id
	jar=$(au_jar admin)
	au_login "$jar" it-admin "$AU_PW"
	au_form "$jar" /admin/users/new
	expect_page 200
	expect_body 'name="username"'
	before=$(sql "SELECT count(*) FROM users")
	# a bad form: 422, every value kept, a message per field, nothing written
	au_post "$jar" /admin/users/new "$TOK" --data-urlencode 'username=bad name!' \
		--data-urlencode 'display_name=<b>田中</b>' --data-urlencode role=staff \
		--data-urlencode email=not-an-address --data-urlencode password=short \
		--data-urlencode password_confirm=short
	expect_page 422
	expect_body 'value="bad name!"'
	expect_body 'value="&lt;b&gt;田中&lt;/b&gt;"'
	expect_no_body '<b>田中</b>'
	expect_body 'value="not-an-address"'
	expect_body '<option value="staff" selected>'
	for f in username email department password; do
		expect_body "id=\"$f-error\""
		expect_body_re "aria-describedby=\"[^\"]*$f-error"
	done
	expect_body '職員の場合は担当課を選んでください'
	expect_body 'error-summary'
	[ "$(sql "SELECT count(*) FROM users")" = "$before" ] || fail "a bad form wrote a user"
	# a taken username and a group account without a group
	au_post "$jar" /admin/users/new "$TOK" --data-urlencode username=IT-STAFF \
		--data-urlencode display_name=x --data-urlencode role=group \
		--data-urlencode password=good-password-1 --data-urlencode password_confirm=good-password-1
	expect_status 422
	expect_body 'すでに使われています'
	expect_body 'id="group_id-error"'
	# mismatched confirmation
	au_post "$jar" /admin/users/new "$TOK" --data-urlencode username=it-new \
		--data-urlencode display_name=新人 --data-urlencode role=committee \
		--data-urlencode password=good-password-1 --data-urlencode password_confirm=good-password-2
	expect_status 422
	expect_body 'id="password_confirm-error"'
	# a good one: 303 to the page that shows it
	au_post "$jar" /admin/users/new "$TOK" --data-urlencode username=it-new \
		--data-urlencode display_name='新人 三郎' --data-urlencode role=staff \
		--data-urlencode department=kankyo --data-urlencode email=saburo@example.jp \
		--data-urlencode password=good-password-1 --data-urlencode password_confirm=good-password-1
	expect_status 303
	loc=$(header Location)
	[[ $loc =~ ^/admin/users/([0-9]+)/edit\?created=1$ ]] || fail "Location $loc"
	id=${BASH_REMATCH[1]}
	GET "$loc" -b "$jar"
	expect_page 200
	expect_body '追加しました'
	expect_body '新人 三郎'
	[ "$(sql "SELECT role || ',' || department || ',' || email FROM users WHERE id = $id")" = 'staff,kankyo,saburo@example.jp' ] ||
		fail "stored wrongly"
	[ "$(sql "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.kind = 'users' AND a.record_id = $id AND a.action = 'create' AND u.username = 'it-admin'")" -ge 4 ] ||
		fail "no audit rows naming the admin"
	sql "SELECT coalesce(old_value, '') || coalesce(new_value, '') FROM audit_log WHERE kind = 'users' AND record_id = $id" |
		grep -q 'argon2' && fail "a password hash in the audit log"
	GET /admin/users -b "$jar"
	expect_body 'it-new'
	expect_body '市民生活部 環境課'
	# the new account works
	au_login "$(au_jar new)" it-new good-password-1
	expect_status 303
}

test_auth_admin_edit_rules() {
	local jar id
	jar=$(au_jar admin)
	id=$(sql "SELECT id FROM users WHERE username = 'it-admin'")
	au_form "$jar" "/admin/users/$id/edit"
	expect_page 200
	# an admin cannot demote or disable themselves
	au_post "$jar" "/admin/users/$id/edit" "$TOK" --data-urlencode "version=$(au_version)" \
		--data-urlencode 'display_name=協働 太郎' \
		--data-urlencode role=staff --data-urlencode department=kyodo --data-urlencode disabled=1
	expect_page 422
	expect_body '自分自身の役割は変更できません'
	expect_body '自分自身の利用を停止することはできません'
	[ "$(sql "SELECT role || disabled FROM users WHERE id = $id")" = admin0 ] || fail "changed anyway"
	# a real edit: name and department, audit rows per field
	id=$(sql "SELECT id FROM users WHERE username = 'it-changer'")
	au_form "$jar" "/admin/users/$id/edit"
	au_post "$jar" "/admin/users/$id/edit" "$TOK" --data-urlencode "version=$(au_version)" \
		--data-urlencode 'display_name=変更 済子' \
		--data-urlencode role=staff --data-urlencode department=bunka
	expect_status 303
	expect_header Location "^/admin/users/$id/edit\\?saved=1$"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'users' AND record_id = $id AND action = 'update' AND field IN ('display_name', 'department')")" = 2 ] ||
		fail "expected two update audit rows"
	[ "$(sql "SELECT old_value || '>' || new_value FROM audit_log WHERE kind = 'users' AND record_id = $id AND action = 'update' AND field = 'department'")" = 'kikaku>bunka' ] ||
		fail "department audit row"
	GET "/admin/users/$id/edit?saved=1" -b "$jar"
	expect_body '変更を保存しました'
	expect_body '<option value="bunka" selected>'
	GET /admin/users/999999/edit -b "$jar"
	expect_error_page 404
	GET /admin/users/abc/edit -b "$jar"
	expect_error_page 404
}

test_auth_disabled_user_loses_sessions() {
	local vjar ajar id
	vjar=$(au_jar victim)
	ajar=$(au_jar admin)
	au_login "$vjar" it-victim "$AU_PW"
	expect_status 303
	GET /account/password -b "$vjar"
	expect_status 200
	id=$(sql "SELECT id FROM users WHERE username = 'it-victim'")
	au_form "$ajar" "/admin/users/$id/edit"
	au_post "$ajar" "/admin/users/$id/edit" "$TOK" --data-urlencode "version=$(au_version)" \
		--data-urlencode display_name=it-victim \
		--data-urlencode role=staff --data-urlencode department=kikaku --data-urlencode disabled=1
	expect_status 303
	[ "$(sql "SELECT count(*) FROM sessions WHERE user_id = $id")" = 0 ] || fail "sessions left"
	GET /account/password -b "$vjar"
	expect_status 303
	expect_header Location '^/login'
	au_login "$(au_jar victim2)" it-victim "$AU_PW"
	expect_status 422
	expect_body 'ユーザー名またはパスワードが正しくありません'
	GET /admin/users -b "$ajar"
	expect_body '停止中'
	# enable again and reset the password: the old one stops working
	au_form "$ajar" "/admin/users/$id/edit"
	au_post "$ajar" "/admin/users/$id/edit" "$TOK" --data-urlencode "version=$(au_version)" \
		--data-urlencode display_name=it-victim \
		--data-urlencode role=staff --data-urlencode department=kikaku \
		--data-urlencode password=reset-password-1 --data-urlencode password_confirm=reset-password-1
	expect_status 303
	au_login "$(au_jar victim3)" it-victim "$AU_PW"
	expect_status 422
	au_login "$(au_jar victim3)" it-victim reset-password-1
	expect_status 303
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'users' AND record_id = $id AND action = 'password' AND old_value IS NULL AND new_value IS NULL")" = 1 ] ||
		fail "no password audit row"
}

# au_edit JAR ID VERSION [curl args...] — save the account form of user ID
# as the staff member it-conflict (kikaku) with VERSION and the fields given.
au_edit() {
	local jar=$1 id=$2 v=$3
	shift 3
	au_post "$jar" "/admin/users/$id/edit" "$TOK" --data-urlencode "version=$v" \
		--data-urlencode role=staff --data-urlencode department=kikaku "$@"
}

test_auth_admin_edit_conflict() {
	local a b id v1 v2 hash audits
	a=$(au_jar admin)
	b=$(au_jar admin2)
	printf '%s\n' "$AU_PW" | au_cli user add it-admin2 --role admin --name '協働 次子' ||
		fail "user add it-admin2 failed"
	printf '%s\n' "$AU_PW" | au_cli user add it-conflict --role staff --department kikaku --name '競合 一郎' ||
		fail "user add it-conflict failed"
	id=$(sql "SELECT id FROM users WHERE username = 'it-conflict'")
	au_login "$a" it-admin "$AU_PW"
	au_login "$b" it-admin2 "$AU_PW"
	expect_status 303

	# both open the form at the same version; A saves first
	au_form "$a" "/admin/users/$id/edit"
	v1=$(au_version)
	au_form "$b" "/admin/users/$id/edit"
	v2=$(au_version)
	[ -n "$v1" ] && [ "$v1" = "$v2" ] || fail "versions '$v1' '$v2'"
	au_form "$a" "/admin/users/$id/edit"
	au_edit "$a" "$id" "$v1" --data-urlencode 'display_name=競合 一郎（Aの修正）'
	expect_status 303
	[ "$(sql "SELECT version FROM users WHERE id = $id")" = $((v1 + 1)) ] || fail "version did not move on"

	# B saves from the same version: 409, the form again with B's values,
	# the message, both values side by side; nothing written
	au_login "$(au_jar conflict-victim)" it-conflict "$AU_PW"
	hash=$(sql "SELECT password_hash FROM users WHERE id = $id")
	audits=$(sql "SELECT count(*) FROM audit_log WHERE kind = 'users' AND record_id = $id")
	au_form "$b" "/admin/users/$id/edit"
	au_edit "$b" "$id" "$v2" --data-urlencode 'display_name=競合 一郎（Bの修正）' \
		--data-urlencode email=b@example.jp --data-urlencode disabled=1 \
		--data-urlencode password=conflict-password-1 --data-urlencode password_confirm=conflict-password-1
	expect_page 409
	expect_header Cache-Control 'no-store'
	expect_body 'この利用者は、あなたが編集している間にほかの人が更新しました。'
	expect_body '最新の内容を確認してから、もう一度保存してください。'
	expect_body '新しいパスワードも設定していません'
	expect_body 'value="競合 一郎（Bの修正）"'
	expect_body 'value="b@example.jp"'
	expect_body_re 'id="disabled" name="disabled" value="1" checked'
	expect_body '<td>競合 一郎（Aの修正）</td>'
	expect_body '<strong>違います</strong>'
	expect_body "name=\"version\" value=\"$((v1 + 1))\""
	expect_body 'name="csrf_token"'
	expect_no_body 'conflict-password-1'
	[ "$(sql "SELECT display_name || '/' || coalesce(email, '-') || '/' || disabled || '/' || version FROM users WHERE id = $id")" = "競合 一郎（Aの修正）/-/0/$((v1 + 1))" ] ||
		fail "the stale save wrote: $(sql "SELECT display_name, email, disabled, version FROM users WHERE id = $id")"
	[ "$(sql "SELECT password_hash FROM users WHERE id = $id")" = "$hash" ] || fail "the stale save set the password"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'users' AND record_id = $id")" = "$audits" ] ||
		fail "the stale save wrote audit rows"
	[ "$(sql "SELECT count(*) FROM sessions WHERE user_id = $id")" -ge 1 ] || fail "the stale save ended the sessions"

	# saved again from the 409 form (its version is the one saved now): done
	TOK=$(au_csrf)
	v2=$(au_version)
	au_edit "$b" "$id" "$v2" --data-urlencode 'display_name=競合 一郎（Bの修正）' \
		--data-urlencode email=b@example.jp
	expect_status 303
	[ "$(sql "SELECT display_name || '/' || email || '/' || version FROM users WHERE id = $id")" = "競合 一郎（Bの修正）/b@example.jp/$((v1 + 2))" ] ||
		fail "the second save did not go through"

	# no version: 400; a garbled one: 422 with the values kept; nothing written
	au_form "$a" "/admin/users/$id/edit"
	au_post "$a" "/admin/users/$id/edit" "$TOK" --data-urlencode 'display_name=版なし' \
		--data-urlencode role=staff --data-urlencode department=kikaku
	expect_error_page 400
	au_edit "$a" "$id" "2abc" --data-urlencode 'display_name=版こわれ'
	expect_page 422
	expect_body '版番号'
	expect_body 'value="版こわれ"'
	au_edit "$a" "$id" "0" --data-urlencode 'display_name=版こわれ'
	expect_status 422
	[ "$(sql "SELECT display_name || '/' || version FROM users WHERE id = $id")" = "競合 一郎（Bの修正）/$((v1 + 2))" ] ||
		fail "a bad version wrote"

	# what is not on the form does not make an open form stale: a password
	# reset elsewhere, the user's login, kyodo user passwd and unlock, and
	# kyodo user enable of an enabled account
	au_form "$b" "/admin/users/$id/edit"
	v2=$(au_version)
	au_form "$a" "/admin/users/$id/edit"
	au_edit "$a" "$id" "$(au_version)" --data-urlencode 'display_name=競合 一郎（Bの修正）' \
		--data-urlencode email=b@example.jp \
		--data-urlencode password=reset-password-2 --data-urlencode password_confirm=reset-password-2
	expect_status 303
	au_login "$(au_jar conflict-victim)" it-conflict reset-password-2
	expect_status 303
	printf '%s\n' "$AU_PW" | au_cli user passwd it-conflict || fail "user passwd failed"
	au_cli user unlock it-conflict || fail "user unlock failed"
	au_cli user enable it-conflict || fail "user enable failed"
	[ "$(sql "SELECT version FROM users WHERE id = $id")" = "$v2" ] || fail "the version moved on"
	au_form "$b" "/admin/users/$id/edit"
	au_edit "$b" "$id" "$v2" --data-urlencode 'display_name=競合 一郎' --data-urlencode email=b@example.jp
	expect_status 303

	# kyodo user disable changes a field of the form: an open form is stale
	au_form "$b" "/admin/users/$id/edit"
	v2=$(au_version)
	au_cli user disable it-conflict || fail "user disable failed"
	[ "$(sql "SELECT disabled || '/' || version FROM users WHERE id = $id")" = "1/$((v2 + 1))" ] ||
		fail "kyodo user disable: $(sql "SELECT disabled, version FROM users WHERE id = $id")"
	au_edit "$b" "$id" "$v2" --data-urlencode 'display_name=競合 一郎（停止の後）'
	expect_page 409
	expect_body_re '<th scope="row">利用停止</th><td>有効</td><td>停止</td>'
	[ "$(sql "SELECT display_name || '/' || disabled FROM users WHERE id = $id")" = "競合 一郎/1" ] ||
		fail "the stale save re-enabled the account"
	au_cli user enable it-conflict || fail "user enable failed"
	[ "$(sql "SELECT disabled || '/' || version FROM users WHERE id = $id")" = "0/$((v2 + 2))" ] ||
		fail "kyodo user enable: $(sql "SELECT disabled, version FROM users WHERE id = $id")"
}

# ---------------------------------------------------------- the last admin

# au_solo ARGS... — run kyodo on the one-admin database of the next test
# (stderr in solo.err, appended).
au_solo() {
	"$KYODO_BIN" "$@" --db "$IT_DIR/solo.db" >>"$IT_DIR/cli.log" 2>>"$IT_DIR/solo.err"
}

test_auth_cli_last_admin() {
	# a fresh database whose only account is one admin
	printf '%s\n' "$AU_PW" | au_solo user add solo --role admin || fail "user add solo failed"
	au_solo user disable solo && fail "the last enabled admin was disabled"
	grep -q "solo is the last enabled admin" "$IT_DIR/solo.err" ||
		fail "no message: $(cat "$IT_DIR/solo.err")"
	[ "$(sqlite3 -readonly -batch "$IT_DIR/solo.db" "SELECT disabled || '/' || version FROM users WHERE username = 'solo'")" = 0/1 ] ||
		fail "the refused disable wrote"
	# with a second admin, one of the two may go, not both
	printf '%s\n' "$AU_PW" | au_solo user add solo2 --role admin || fail "user add solo2 failed"
	au_solo user disable solo || fail "disable solo with another admin left failed"
	au_solo user disable solo2 && fail "the last enabled admin (solo2) was disabled"
	au_solo user enable solo || fail "enable solo failed"
	au_solo user disable solo2 || fail "disable solo2 failed"
	[ "$(sqlite3 -readonly -batch "$IT_DIR/solo.db" "SELECT group_concat(username || ':' || disabled, ' ') FROM (SELECT * FROM users ORDER BY username)")" = 'solo:0 solo2:1' ] ||
		fail "accounts: $(sqlite3 -readonly -batch "$IT_DIR/solo.db" "SELECT username, disabled FROM users")"
}

# Two admins disabling each other at the same moment: it-admin's save
# (disable it-admin2) passes the page's check while it-admin2's save
# (here a sqlite3 process standing in for the other worker) holds the
# write lock with it-admin disabled, uncommitted; when it commits, the
# page's write is refused inside its transaction: 422, the form again.
test_auth_admin_last_admin_race() {
	local jar id v ready others
	jar=$(au_jar race)
	ready=$IT_DIR/race-locked
	id=$(sql "SELECT id FROM users WHERE username = 'it-admin2'")
	[ -n "$id" ] || fail "no it-admin2"
	# it-admin and it-admin2 the only enabled admins for the test
	others=$(sql "SELECT group_concat(id) FROM users WHERE role = 'admin' AND disabled = 0 AND username NOT IN ('it-admin', 'it-admin2')")
	[ -z "$others" ] || au_sql "UPDATE users SET disabled = 1 WHERE id IN ($others)"
	au_login "$jar" it-admin "$AU_PW" # a new session: no touch (write) before the page
	expect_status 303
	au_form "$jar" "/admin/users/$id/edit"
	v=$(au_version)
	{
		printf 'PRAGMA busy_timeout = 5000;\nBEGIN IMMEDIATE;\n'
		printf "UPDATE users SET disabled = 1, version = version + 1 WHERE username = 'it-admin';\n"
		printf '.shell touch %s\n.shell sleep 3\nCOMMIT;\n' "$ready"
	} | sqlite3 -batch "$IT_DB" >/dev/null 2>>"$IT_DIR/cli.log" &
	local holder=$! i
	for i in $(seq 1 100); do
		[ -e "$ready" ] && break
		sleep 0.1
	done
	[ -e "$ready" ] || fail "the other save did not take the lock"
	au_post "$jar" "/admin/users/$id/edit" "$TOK" --data-urlencode "version=$v" \
		--data-urlencode 'display_name=協働 次子' --data-urlencode role=admin \
		--data-urlencode disabled=1
	wait "$holder" || fail "the other save failed"
	expect_page 422
	expect_body '有効な協働推進課の利用者がいなくなるため、変更できません。'
	expect_body 'id="disabled-error"'
	expect_body_re 'id="disabled" name="disabled" value="1" checked'
	expect_body 'value="協働 次子"'
	grep -q "user update refused (no other enabled admin): 'it-admin2' by 'it-admin'" "$IT_DIR/kyodo.log" ||
		fail "not refused by the write (the page's check answered)"
	[ "$(sql "SELECT group_concat(username || ':' || disabled, ' ') FROM (SELECT * FROM users WHERE username IN ('it-admin', 'it-admin2') ORDER BY username)")" = 'it-admin:1 it-admin2:0' ] ||
		fail "admins: $(sql "SELECT username, disabled FROM users WHERE role = 'admin'")"
	[ "$(sql "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0")" = 1 ] ||
		fail "not exactly one enabled admin"
	# as they were, for the tests after this one
	au_cli user enable it-admin || fail "enable it-admin failed"
	[ -z "$others" ] || au_sql "UPDATE users SET disabled = 0 WHERE id IN ($others)"
}

# ------------------------------------------------ a deactivated department

test_auth_deactivated_department() {
	local jar id v
	jar=$(au_jar admin)
	printf '%s\n' "$AU_PW" | au_cli user add it-danjo --role staff --department danjo --name '男女 共子' ||
		fail "user add it-danjo failed"
	id=$(sql "SELECT id FROM users WHERE username = 'it-danjo'")
	au_sql "UPDATE departments SET active = 0 WHERE code = 'danjo'"
	# kyodo user: disable, enable, passwd keep the department
	au_cli user disable it-danjo || fail "user disable failed"
	[ "$(sql "SELECT disabled || '/' || department FROM users WHERE id = $id")" = 1/danjo ] ||
		fail "not disabled: $(sql "SELECT disabled, department FROM users WHERE id = $id")"
	au_cli user enable it-danjo || fail "user enable failed"
	printf '%s\n' "$AU_PW" | au_cli user passwd it-danjo || fail "user passwd failed"
	# …but a new account cannot be put there
	printf '%s\n' "$AU_PW" | au_cli user add it-danjo2 --role staff --department danjo &&
		fail "user add in a deactivated department accepted"

	# the admin's form: the department shown, selected, marked
	au_login "$jar" it-admin "$AU_PW"
	au_form "$jar" "/admin/users/$id/edit"
	expect_page 200
	expect_body '<option value="danjo" selected>市民生活部 男女共同参画室（使用停止）</option>'
	# saved without touching it: a name change, then disabling
	au_post "$jar" "/admin/users/$id/edit" "$TOK" --data-urlencode "version=$(au_version)" \
		--data-urlencode 'display_name=男女 共子（改）' --data-urlencode role=staff \
		--data-urlencode department=danjo
	expect_status 303
	au_form "$jar" "/admin/users/$id/edit"
	au_post "$jar" "/admin/users/$id/edit" "$TOK" --data-urlencode "version=$(au_version)" \
		--data-urlencode 'display_name=男女 共子（改）' --data-urlencode role=staff \
		--data-urlencode department=danjo --data-urlencode disabled=1
	expect_status 303
	[ "$(sql "SELECT display_name || '/' || department || '/' || disabled FROM users WHERE id = $id")" = '男女 共子（改）/danjo/1' ] ||
		fail "stored: $(sql "SELECT display_name, department, disabled FROM users WHERE id = $id")"
	# choosing it for another account, or a new one: 422, values kept
	id=$(sql "SELECT id FROM users WHERE username = 'it-changer'")
	au_form "$jar" "/admin/users/$id/edit"
	expect_no_body 'value="danjo"'
	au_post "$jar" "/admin/users/$id/edit" "$TOK" --data-urlencode "version=$(au_version)" \
		--data-urlencode 'display_name=移動 予定' --data-urlencode role=staff \
		--data-urlencode department=danjo
	expect_page 422
	expect_body '選んだ担当課が見つかりません。'
	expect_body 'value="移動 予定"'
	[ "$(sql "SELECT department FROM users WHERE id = $id")" != danjo ] || fail "moved into a deactivated department"
	au_form "$jar" /admin/users/new
	expect_no_body 'value="danjo"'
	au_post "$jar" /admin/users/new "$TOK" --data-urlencode username=it-danjo3 \
		--data-urlencode display_name=新人 --data-urlencode role=staff \
		--data-urlencode department=danjo \
		--data-urlencode password=good-password-1 --data-urlencode password_confirm=good-password-1
	expect_page 422
	expect_body '選んだ担当課が見つかりません。'
	expect_body 'value="it-danjo3"'
	[ "$(sql "SELECT count(*) FROM users WHERE username IN ('it-danjo2', 'it-danjo3')")" = 0 ] ||
		fail "an account made in a deactivated department"
	au_sql "UPDATE departments SET active = 1 WHERE code = 'danjo'"
}

test_auth_password_change() {
	local jar other
	jar=$(au_jar changer)
	other=$(au_jar changer-other)
	au_login "$other" it-changer "$AU_PW"
	au_login "$jar" it-changer "$AU_PW"
	au_form "$jar" /account/password
	expect_page 200
	au_post "$jar" /account/password "$TOK" --data-urlencode current_password=wrong-password-9 \
		--data-urlencode new_password=changed-password-1 --data-urlencode new_password_confirm=changed-password-1
	expect_page 422
	expect_body '現在のパスワードが正しくありません'
	au_post "$jar" /account/password "$TOK" --data-urlencode "current_password=$AU_PW" \
		--data-urlencode new_password=short --data-urlencode new_password_confirm=short
	expect_page 422
	expect_body '10文字以上'
	au_post "$jar" /account/password "$TOK" --data-urlencode "current_password=$AU_PW" \
		--data-urlencode new_password=it-changer --data-urlencode new_password_confirm=it-changer
	expect_status 422
	au_post "$jar" /account/password "$TOK" --data-urlencode "current_password=$AU_PW" \
		--data-urlencode new_password=changed-password-1 --data-urlencode new_password_confirm=changed-password-1
	expect_status 303
	expect_header Location '^/account/password\?changed=1$'
	GET /account/password?changed=1 -b "$jar"
	expect_status 200 # this browser stays logged in, on a new session
	expect_body 'パスワードを変更しました'
	GET /account/password -b "$other"
	expect_status 303 # the other one is logged out
	au_login "$other" it-changer "$AU_PW"
	expect_status 422
	au_login "$other" it-changer changed-password-1
	expect_status 303
}

test_auth_rehash_on_login() {
	# an argon2id hash with cheap (outdated) limits, of rehash-me-please
	au_sql "UPDATE users SET password_hash = '\$argon2id\$v=19\$m=8,t=1,p=1\$FvwpfL/Qi7HKZckul+gxyg\$1iDqrP3Jj1fOQM9zpRQZ/CduRX28eCCKLMNUs92qrf8' WHERE username = 'it-rehash'"
	au_login "$(au_jar rehash)" it-rehash rehash-me-please
	expect_status 303
	sql "SELECT password_hash FROM users WHERE username = 'it-rehash'" | grep -q '^\$argon2id\$v=19\$m=65536,t=2,p=1\$' ||
		fail "not rehashed with the current limits"
	au_login "$(au_jar rehash2)" it-rehash rehash-me-please
	expect_status 303
}

test_auth_session_idle_expiry() {
	local jar
	jar=$(au_jar idle)
	au_login "$jar" it-group "$AU_PW"
	expect_status 303
	GET /account/password -b "$jar"
	expect_status 200
	expect_body '（団体担当者）'
	au_sql "UPDATE sessions SET last_seen_at = datetime('now', '-3 hours') WHERE user_id = (SELECT id FROM users WHERE username = 'it-group')"
	GET /account/password -b "$jar"
	expect_status 303
	GET /login -b "$jar"
	au_cookie_header kyodo_session | grep -q 'kyodo_session=;.*Max-Age=0' ||
		fail "the stale session cookie is not cleared"
	au_login "$jar" it-group "$AU_PW"
	au_sql "UPDATE sessions SET expires_at = datetime('now', '-1 second') WHERE user_id = (SELECT id FROM users WHERE username = 'it-group')"
	GET /account/password -b "$jar"
	expect_status 303
}

# ---------------------------------------------------------------- throttle

test_auth_throttle_account() {
	local i jar
	jar=$(au_jar locked)
	for i in 1 2 3 4; do
		au_login "$jar" it-locked "wrong-password-$i"
		expect_status 422
	done
	au_login "$jar" it-locked wrong-password-5
	expect_page 429
	expect_body 'ログインを一時的に停止しています'
	expect_body_re '[0-9]+時[0-9]{2}分（約1分後）以降に、もう一度お試しください'
	# locked: even the right password is refused, without saying so
	au_login "$jar" it-locked "$AU_PW"
	expect_page 429
	[ -z "$(au_session "$jar")" ] || fail "logged in while locked"
	grep -q "login locked: user 'it-locked'" "$IT_DIR/kyodo.log" || fail "lockout not logged"
	grep -q "login refused (locked): user 'it-locked'" "$IT_DIR/kyodo.log" || fail "refusal not logged"
	# other accounts from the same address still log in
	au_login "$(au_jar locked-other)" it-staff "$AU_PW"
	expect_status 303
	# a minute later (the failures moved into the past) the account is free
	au_sql "UPDATE login_attempts SET at = datetime(at, '-61 seconds') WHERE username = 'it-locked'"
	au_login "$jar" it-locked "$AU_PW"
	expect_status 303
	# locked again, and unlocked by the command line
	jar=$(au_jar locked2)
	for i in 1 2 3 4 5; do
		au_login "$jar" it-locked "wrong-password-$i"
	done
	expect_status 429
	au_cli user unlock it-locked || fail "kyodo user unlock failed"
	au_login "$jar" it-locked "$AU_PW"
	expect_status 303
}

test_auth_throttle_address() {
	local i
	for i in $(seq 1 20); do
		au_login "$(au_jar spray)" "nobody-$i" wrong-password-x
	done
	expect_status 429
	au_login "$(au_jar spray)" it-staff "$AU_PW"
	expect_status 429
	expect_body 'ログインを一時的に停止しています'
	# clean up: the other tests log in from this address too
	au_sql "DELETE FROM login_attempts WHERE client_addr = '127.0.0.1'"
	au_login "$(au_jar spray)" it-staff "$AU_PW"
	expect_status 303
}
