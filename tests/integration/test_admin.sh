# tests/integration/test_admin.sh — 協働推進課's data pages over HTTP:
# master data (list, edit with 422 and the values kept, 409 on a concurrent
# edit, create, delete refused while in use, a department and a field
# deactivated: out of the choices, kept on the records), the CSV import (dry
# run, problems with row and column, import all-or-nothing, Shift_JIS) and
# export (headers, BOM), audited, and that nobody but admin gets in.
# Sourced by tests/integration/run.sh; every test_admin_* function is one
# test, run in a subshell with the servers of lib.sh up. Accounts come from
# `kyodo demo` (admin, staff; password kyodo-demo).
# shellcheck shell=bash

AD_JAR=
AD_TOKEN=

# ad_login USER — log in with a fresh cookie jar; sets AD_JAR and AD_TOKEN
# (the session's CSRF token, read from the password page).
ad_login() {
	AD_JAR=$(mktemp "$IT_DIR/jar.XXXXXX")
	GET /login -c "$AD_JAR" -b "$AD_JAR"
	local tok
	tok=$(ad_token)
	http POST /login -c "$AD_JAR" -b "$AD_JAR" -H "Origin: $BASE" \
		--data-urlencode "username=$1" --data-urlencode "password=kyodo-demo" \
		--data-urlencode "csrf_token=$tok"
	[ "$STATUS" = 303 ] || {
		fail "login as $1 answered $STATUS"
		return 1
	}
	ad_get /account/password
	AD_TOKEN=$(ad_token)
	[ -n "$AD_TOKEN" ] || fail "no csrf_token for $1"
}

# ad_token — the csrf_token hidden field of the last page.
ad_token() {
	grep -o 'name="csrf_token" value="[^"]*"' "$IT_B" | head -n 1 | sed 's/.*value="//; s/"$//'
}

# ad_get PATH — GET with the session.
ad_get() { GET "$1" -b "$AD_JAR" -c "$AD_JAR"; }

# ad_post PATH [curl args] — urlencoded POST with the session, same origin
# and the CSRF token.
ad_post() {
	local path=$1
	shift
	http POST "$path" -b "$AD_JAR" -c "$AD_JAR" -H "Origin: $BASE" \
		--data-urlencode "csrf_token=$AD_TOKEN" "$@"
}

# ad_upload KIND MODE FILE — the import form as a browser sends it
# (multipart/form-data).
ad_upload() {
	http POST /admin/import -b "$AD_JAR" -c "$AD_JAR" -H "Origin: $BASE" \
		-F "csrf_token=$AD_TOKEN" -F "kind=$1" -F "mode=$2" \
		-F "file=@$3;type=text/csv"
}

# ad_fp — the fingerprint hidden field of the last form.
ad_fp() {
	grep -o 'name="fp" value="[^"]*"' "$IT_B" | head -n 1 | sed 's/.*value="//; s/"$//'
}

test_admin_only_admin_gets_in() {
	local p
	for p in /admin/master /admin/departments /admin/master/fields \
		/admin/master/scales/five/edit /admin/import /admin/export/groups.csv; do
		GET "$p"
		expect_status 303
		expect_header Location '^/login'
	done
	ad_login staff || return
	for p in /admin/master /admin/departments /admin/master/fields \
		/admin/import /admin/export/groups.csv /admin/export/projects.csv; do
		ad_get "$p"
		expect_error_page 403
		expect_no_body '港町町内会'
	done
	ad_post /admin/master/fields/kankyo/edit --data-urlencode "name=乗っ取り"
	expect_status 403
	ad_upload groups check "$IT_ROOT/tests/unit/fixtures/groups-cp932.csv"
	expect_status 403
	[ "$(sql "SELECT name FROM fields WHERE code = 'kankyo'")" = 環境 ] ||
		fail "a staff member changed master data"
}

test_admin_master_pages() {
	ad_login admin || return
	ad_get /admin/master
	expect_page 200
	expect_body 'マスタデータの管理'
	expect_body 'href="/admin/master/forms"'
	expect_body 'href="/admin/departments"'
	local k
	for k in fields forms group-kinds partner-roles principle-sets principles \
		scales plans policies; do
		ad_get "/admin/master/$k"
		expect_page 200
		expect_header Cache-Control 'no-store'
	done
	ad_get /admin/master/forms
	expect_body '補助'
	expect_body '使用中'
	ad_get /admin/departments
	expect_body '市民生活部 協働推進課'
	ad_get /admin/master/forms/hojo/edit
	expect_page 200
	expect_body 'name="caution"'
	expect_body '対等性を失いやすい'
	ad_get /admin/master/scales/five/edit
	expect_body 'name="level_5_mark" value="5"'
	ad_get /admin/master/nothing
	expect_error_page 404
	ad_get /admin/master/fields/nothing/edit
	expect_error_page 404
}

test_admin_master_edit_422_and_save() {
	ad_login admin || return
	ad_get /admin/master/fields/kankyo/edit
	expect_page 200
	local fp
	fp=$(ad_fp)
	[ -n "$fp" ] || fail "no fingerprint on the edit form"
	# empty name and a bad order: 422, nothing written, values kept
	ad_post /admin/master/fields/kankyo/edit --data-urlencode "fp=$fp" \
		--data-urlencode "name=" --data-urlencode "sort=三十番"
	expect_page 422
	expect_body 'id="f-name-error"'
	expect_body 'id="f-sort-error"'
	expect_body 'value="三十番"'
	expect_body 'error-summary'
	ad_post /admin/master/fields/kankyo/edit --data-urlencode "fp=$fp" \
		--data-urlencode "name=環境<script>" --data-urlencode "sort=x"
	expect_status 422
	expect_body 'value="環境&lt;script&gt;"'
	[ "$(sql "SELECT name || '/' || sort FROM fields WHERE code = 'kankyo'")" = "環境/30" ] ||
		fail "a 422 wrote something"
	# the save: 303, the new name everywhere, an audit row
	ad_post /admin/master/fields/kankyo/edit --data-urlencode "fp=$fp" \
		--data-urlencode "name=環境・エコ" --data-urlencode "sort=30"
	expect_status 303
	expect_header Location '^/admin/master/fields\?saved=1$'
	[ "$(sql "SELECT name FROM fields WHERE code = 'kankyo'")" = 環境・エコ ] ||
		fail "the name was not saved"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'fields' AND field = 'name' AND old_value = '環境' AND new_value = '環境・エコ' AND action = 'update' AND user_id = (SELECT id FROM users WHERE username = 'admin')")" = 1 ] ||
		fail "no audit row for the change"
	GET /projects
	expect_body '環境・エコ'
	# the same fingerprint again: the row moved on → 409, nothing written
	ad_post /admin/master/fields/kankyo/edit --data-urlencode "fp=$fp" \
		--data-urlencode "name=環境（古い画面から）" --data-urlencode "sort=30"
	expect_page 409
	expect_body '更新の競合'
	expect_body '環境（古い画面から）'
	expect_body '環境・エコ'
	[ "$(sql "SELECT name FROM fields WHERE code = 'kankyo'")" = 環境・エコ ] ||
		fail "the stale save overwrote the row"
	# put it back for the other tests
	ad_get /admin/master/fields/kankyo/edit
	ad_post /admin/master/fields/kankyo/edit --data-urlencode "fp=$(ad_fp)" \
		--data-urlencode "name=環境" --data-urlencode "sort=30"
	expect_status 303
}

test_admin_master_create_and_delete() {
	ad_login admin || return
	ad_post /admin/master/fields/new --data-urlencode "code=Bad Code" \
		--data-urlencode "name=福祉" --data-urlencode "sort=5"
	expect_page 422
	expect_body 'id="f-code-error"'
	ad_post /admin/master/fields/new --data-urlencode "code=test_field" \
		--data-urlencode "name=福祉" --data-urlencode "sort=5"
	expect_page 422
	expect_body 'この名称はすでに使われています'
	ad_post /admin/master/fields/new --data-urlencode "code=test_field" \
		--data-urlencode "name=試験の分野" --data-urlencode "sort=999"
	expect_status 303
	expect_header Location '^/admin/master/fields\?created=1$'
	[ "$(sql "SELECT name FROM fields WHERE code = 'test_field'")" = 試験の分野 ] ||
		fail "not created"
	# delete needs the confirmation
	ad_post /admin/master/fields/test_field/delete
	expect_page 422
	expect_body '確認しました'
	ad_post /admin/master/fields/test_field/delete --data-urlencode confirm=1
	expect_status 303
	[ "$(sql "SELECT count(*) FROM fields WHERE code = 'test_field'")" = 0 ] ||
		fail "not deleted"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'fields' AND action = 'delete' AND old_value = '試験の分野'")" = 1 ] ||
		fail "no audit row for the delete"
	# a field groups use is never deleted: 409 with the reason
	ad_post /admin/master/fields/fukushi/delete --data-urlencode confirm=1
	expect_page 409
	expect_body '使われているため削除できません'
	[ "$(sql "SELECT count(*) FROM fields WHERE code = 'fukushi'")" = 1 ] ||
		fail "a used field was deleted"
	# a partner role the schema cannot probe: the foreign key refuses it
	ad_post /admin/master/partner-roles/shusai/delete --data-urlencode confirm=1
	expect_status 409
	[ "$(sql "SELECT count(*) FROM partner_roles WHERE code = 'shusai'")" = 1 ] ||
		fail "a used partner role was deleted"
}

test_admin_department_deactivate() {
	ad_login admin || return
	ad_get /admin/departments/danjo/edit
	expect_page 200
	expect_body '無効にする'
	ad_post /admin/departments/danjo/active --data-urlencode active=0
	expect_status 303
	[ "$(sql "SELECT active FROM departments WHERE code = 'danjo'")" = 0 ] ||
		fail "not deactivated"
	ad_get /admin/departments
	expect_body 'status--stopped'
	ad_post /admin/departments/kyodo/delete --data-urlencode confirm=1
	expect_page 409
	expect_body '無効にする'
	ad_post /admin/departments/danjo/active --data-urlencode active=1
	expect_status 303
	[ "$(sql "SELECT active FROM departments WHERE code = 'danjo'")" = 1 ] ||
		fail "not reactivated"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'departments' AND field = 'active'")" = 2 ] ||
		fail "no audit rows for active"
}

test_admin_master_deactivate() {
	ad_login admin || return
	local pid
	pid=$(sql "SELECT f.project_id FROM project_fields f JOIN projects p ON p.id = f.project_id WHERE f.field = 'kankyo' AND p.published = 1 ORDER BY f.project_id LIMIT 1")
	[ -n "$pid" ] || fail "the demo has no published project in 環境"
	ad_get /admin/master/fields/kankyo/edit
	expect_page 200
	expect_body '無効にする'
	ad_post /admin/master/fields/kankyo/active --data-urlencode active=0
	expect_status 303
	[ "$(sql "SELECT active FROM fields WHERE code = 'kankyo'")" = 0 ] ||
		fail "not deactivated"
	ad_get /admin/master/fields
	expect_body 'status--stopped'
	ad_get /admin/master/fields/kankyo/edit
	expect_body '有効に戻す'
	# out of the staff forms' choices, kept on the record that has it
	ad_get /staff/groups/new
	expect_page 200
	expect_body 'name="fields" value="fukushi"'
	expect_no_body 'name="fields" value="kankyo"'
	ad_get "/staff/projects/$pid/edit"
	expect_page 200
	expect_body '環境（使用停止）'
	# out of the public filter; the record and its link still work
	GET /projects
	expect_page 200
	expect_body '>福祉</option>'
	expect_no_body '>環境</option>'
	GET "/projects/$pid"
	expect_page 200
	expect_body 'href="/projects?field=kankyo"'
	GET '/projects?field=kankyo'
	expect_page 200
	expect_body '<option value="kankyo" selected>環境</option>'
	expect_body "href=\"/projects/$pid\""
	# a partner role and a kind too; the default scale stays
	ad_post /admin/master/partner-roles/kyoryoku/active --data-urlencode active=0
	expect_status 303
	ad_get /staff/projects/new
	expect_page 200
	expect_body '>主催</option>'
	expect_no_body '>協力</option>'
	ad_post /admin/master/scales/five/active --data-urlencode active=0
	expect_page 409
	expect_body '既定の尺度は無効にできません'
	ad_post /admin/master/principle-sets/seven/active --data-urlencode active=0
	expect_status 404
	# back again, audited
	ad_post /admin/master/fields/kankyo/active --data-urlencode active=1
	expect_status 303
	ad_post /admin/master/partner-roles/kyoryoku/active --data-urlencode active=1
	expect_status 303
	[ "$(sql "SELECT count(*) FROM fields WHERE active = 0")" = 0 ] ||
		fail "not reactivated"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'fields' AND field = 'active' AND user_id = (SELECT id FROM users WHERE username = 'admin')")" = 2 ] ||
		fail "no audit rows for active"
}

test_admin_import_dry_run_then_import() {
	ad_login admin || return
	local good bad before
	good=$(mktemp "$IT_DIR/good.XXXXXX.csv")
	bad=$(mktemp "$IT_DIR/bad.XXXXXX.csv")
	printf '\xef\xbb\xbf団体名,フリガナ,種別,分野,会員数,代表者氏名\r\n取込テスト町内会,トリコミテストチョウナイカイ,町内会・自治会,防災,120,取込 太郎\r\n取込テストの会,とりこみてすとのかい,市民活動団体・NPO・ボランティア団体,"福祉、子育て",8人,\r\n' >"$good"
	printf '団体名,フリガナ,種別,会員数\r\nよい団体,ヨイダンタイ,町内会・自治会,3\r\n悪い団体,ワルイダンタイ,ひみつ結社,たくさん\r\n' >"$bad"
	before=$(sql "SELECT count(*) FROM groups")
	ad_get /admin/import
	expect_page 200
	expect_body 'enctype="multipart/form-data"'
	expect_body '代表者電話番号'
	# problems: 422, every one with row and column, nothing written
	ad_upload groups check "$bad"
	expect_page 422
	expect_body_re '<td[^>]*>3</td><td[^>]*>C（3列目）</td><td[^>]*>種別</td><td[^>]*>[^<]*ひみつ結社'
	expect_body_re '<td[^>]*>3</td><td[^>]*>D（4列目）</td><td[^>]*>会員数</td>'
	ad_upload groups import "$bad"
	expect_status 422
	[ "$(sql "SELECT count(*) FROM groups")" = "$before" ] ||
		fail "an import with a bad row wrote rows"
	# dry run of a good file: 200, nothing written
	ad_upload groups check "$good"
	expect_page 200
	expect_body '問題は見つかりませんでした'
	expect_body 'UTF-8（BOM付き）'
	[ "$(sql "SELECT count(*) FROM groups")" = "$before" ] ||
		fail "the dry run wrote rows"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'import'")" = 0 ] ||
		fail "a dry run or a refused file was audited as an import"
	# the import: 303, the rows, audit rows naming admin
	ad_upload groups import "$good"
	expect_status 303
	expect_header Location '^/admin/import\?imported=2&kind=groups$'
	[ "$(sql "SELECT count(*) FROM groups")" = "$((before + 2))" ] ||
		fail "the import did not write 2 groups"
	[ "$(sql "SELECT members FROM groups WHERE name = '取込テストの会'")" = 8 ] ||
		fail "会員数 8人 was not read as 8"
	[ "$(sql "SELECT count(DISTINCT record_id) FROM audit_log WHERE kind = 'groups' AND action = 'create' AND user_id = (SELECT id FROM users WHERE username = 'admin') AND record_id IN (SELECT id FROM groups WHERE name LIKE '取込テスト%')")" = 2 ] ||
		fail "no audit rows for the imported groups"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'import' AND kind = 'groups' AND field = 'rows' AND new_value = '2' AND user_id = (SELECT id FROM users WHERE username = 'admin')")" = 1 ] ||
		fail "no audit row for the import itself"
	ad_get '/admin/import?imported=2&kind=groups'
	expect_body '団体を2件取り込みました'
	# a Shift_JIS file (Excel's CSV) is read as such
	ad_upload groups check "$IT_ROOT/tests/unit/fixtures/groups-cp932.csv"
	expect_status 200
	expect_body 'Shift_JIS'
	# no file, no kind
	http POST /admin/import -b "$AD_JAR" -c "$AD_JAR" -H "Origin: $BASE" \
		-F "csrf_token=$AD_TOKEN" -F "mode=check"
	expect_page 422
	expect_body 'CSVファイルを選んでください'
	expect_body '種類'
	# the CSRF token is checked on multipart posts too
	http POST /admin/import -b "$AD_JAR" -c "$AD_JAR" -H "Origin: $BASE" \
		-F "csrf_token=wrong" -F "kind=groups" -F "mode=import" -F "file=@$good;type=text/csv"
	expect_status 403
	# a malformed multipart body is a 400, not a 500
	http POST /admin/import -b "$AD_JAR" -c "$AD_JAR" -H "Origin: $BASE" \
		-H 'Content-Type: multipart/form-data; boundary=XyZ' --data-binary 'garbage'
	expect_status 400
}

test_admin_export_csv() {
	ad_login admin || return
	ad_get /admin/export/groups.csv
	expect_status 200
	expect_header Content-Type '^text/csv; charset=utf-8$'
	expect_header Content-Disposition '^attachment; filename="groups-[0-9]{8}\.csv"; filename\*=UTF-8'"''"'%E5%9B%A3%E4%BD%93'
	expect_header Cache-Control 'no-store'
	expect_security_headers
	# streamed while it is read: no length, nginx chunks it; never cached
	expect_no_header Content-Length
	expect_header Transfer-Encoding '^chunked$'
	expect_no_header ETag
	expect_no_header Content-Encoding
	[ "$(head -c 3 "$IT_B" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no UTF-8 BOM"
	grep -q $'^\xef\xbb\xbf団体名,フリガナ,種別,' "$IT_B" || fail "header row"
	grep -q $'\r$' "$IT_B" || fail "lines do not end in CRLF"
	[ "$(tail -c 2 "$IT_B" | od -An -tx1 | tr -d ' ')" = 0d0a ] || fail "the file does not end with a whole row"
	local n np g=$IT_B
	n=$(sql "SELECT count(*) FROM groups")
	[ "$(grep -c $'\r$' "$IT_B")" -ge "$((n + 1))" ] || fail "fewer rows than groups"
	ad_get /admin/export/projects.csv
	expect_status 200
	expect_header Content-Type '^text/csv; charset=utf-8$'
	expect_no_header Content-Length
	expect_body '年度,事業名'
	np=$(sql "SELECT count(*) FROM projects")
	[ "$(grep -c $'\r$' "$IT_B")" -ge "$((np + 1))" ] || fail "fewer rows than projects"
	# who exported what, how many: in the audit log, one row per download
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'export' AND kind = 'groups' AND field = 'rows' AND new_value = '$n' AND user_id = (SELECT id FROM users WHERE username = 'admin')")" = 1 ] ||
		fail "no audit row for the groups export"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'export' AND kind = 'projects' AND new_value = '$np' AND user_id = (SELECT id FROM users WHERE username = 'admin')")" = 1 ] ||
		fail "no audit row for the projects export"
	# byte for byte what kyodo export writes from the same database
	"$KYODO_BIN" export groups "$IT_DIR/groups-cli.csv" --db "$IT_DB" 2>/dev/null
	cmp -s "$g" "$IT_DIR/groups-cli.csv" || fail "groups.csv differs from kyodo export"
	"$KYODO_BIN" export projects "$IT_DIR/projects-cli.csv" --db "$IT_DB" 2>/dev/null
	cmp -s "$IT_B" "$IT_DIR/projects-cli.csv" || fail "projects.csv differs from kyodo export"
	# HEAD: the headers, no records, no audit row
	local before st
	before=$(sql "SELECT count(*) FROM audit_log WHERE action = 'export'")
	st=$(curl -sS -I -b "$AD_JAR" -o /dev/null -w '%{http_code}' "$BASE/admin/export/projects.csv")
	[ "$st" = 200 ] || fail "HEAD: status $st"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'export'")" = "$before" ] ||
		fail "HEAD wrote an audit row"
}
