# tests/integration/test_staff.sh — the staff side of issue 3 over HTTP:
# dashboard, group and project registration forms (422 with every value
# kept, 403 across departments and for committee members, 409 on a
# concurrent edit), the change history, CSRF. Sourced by
# tests/integration/run.sh; every test_staff_* function is one test, run in
# a subshell with the servers of lib.sh up. The demo accounts (admin, staff,
# committee; password kyodo-demo) come from `kyodo demo`; every id the tests
# use is looked up in the database, never assumed.
# shellcheck shell=bash

ST_PASSWORD=kyodo-demo
ST_JAR=
ST_TOKEN=

# st_login USER — log in with a fresh cookie jar; sets ST_JAR and ST_TOKEN
# (the session's CSRF token, read from a staff form).
st_login() {
	ST_JAR=$(mktemp "$IT_DIR/jar.XXXXXX")
	GET /login -c "$ST_JAR" -b "$ST_JAR"
	local tok
	tok=$(st_token)
	http POST /login -c "$ST_JAR" -b "$ST_JAR" -H "Origin: $BASE" \
		--data-urlencode "username=$1" --data-urlencode "password=$ST_PASSWORD" \
		--data-urlencode "csrf_token=$tok"
	[ "$STATUS" = 303 ] || {
		fail "login as $1 answered $STATUS"
		return 1
	}
	st_get /staff
	[ "$STATUS" = 200 ] || {
		fail "/staff as $1 answered $STATUS"
		return 1
	}
	ST_TOKEN=$(st_token)
	[ -n "$ST_TOKEN" ] || fail "no csrf_token on /staff as $1"
}

# st_token — the csrf_token hidden field of the last page.
st_token() {
	grep -o 'name="csrf_token" value="[^"]*"' "$IT_B" | head -n 1 | sed 's/.*value="//; s/"$//'
}

# st_get PATH — GET with the session.
st_get() { GET "$1" -b "$ST_JAR" -c "$ST_JAR"; }

# st_post PATH [curl args] — POST with the session, same origin and the
# session's CSRF token.
st_post() {
	local path=$1
	shift
	http POST "$path" -b "$ST_JAR" -c "$ST_JAR" -H "Origin: $BASE" \
		--data-urlencode "csrf_token=$ST_TOKEN" "$@"
}

# st_field_value NAME — the value="" of input NAME in the last page.
st_field_value() {
	grep -o "name=\"$1\" value=\"[^\"]*\"" "$IT_B" | head -n 1 | sed 's/.*value="//; s/"$//'
}

# st_selected NAME — the selected option's value of select NAME.
st_selected() {
	awk -v n="name=\"$1\"" '
	index($0, n) && /<select/ { on = 1 }
	on && /<option/ && / selected/ { sub(/.*value="/, ""); sub(/".*/, ""); print; exit }
	on && /<\/select>/ { exit }' "$IT_B"
}

# st_expect_value NAME VALUE — input NAME shows VALUE (as escaped HTML).
st_expect_value() {
	local v
	v=$(st_field_value "$1")
	[ "$v" = "$2" ] || fail "input $1 shows '$v', expected '$2'"
}

# st_expect_invalid NAME — the input is marked invalid with its message
# linked, and the error summary links to it.
st_expect_invalid() {
	grep -q "id=\"f-$1-error\"" "$IT_B" || fail "no message beside $1"
	grep -Eq "id=\"f-$1\"[^>]*aria-invalid=\"true\"|aria-invalid=\"true\"[^>]*id=\"f-$1\"" "$IT_B" ||
		grep -Eq "<fieldset[^>]*id=\"f-$1\"" "$IT_B" ||
		fail "$1 is not aria-invalid"
	grep -Eq "id=\"f-$1\"[^>]*aria-describedby=\"[^\"]*f-$1-error" "$IT_B" ||
		grep -Eq "<fieldset[^>]*id=\"f-$1\"[^>]*aria-describedby=\"[^\"]*f-$1-error" "$IT_B" ||
		fail "$1 is not aria-describedby its message"
	grep -q "href=\"#f-$1\"" "$IT_B" || fail "the error summary does not link to $1"
}

# st_with ARRAY KEY=VALUE... — ST_ARGS: the --data-urlencode arguments of
# the array named ARRAY with the given fields replaced (or added).
st_with() {
	local -n src=$1
	shift
	local i keys=" " kv
	for kv in "$@"; do keys+="${kv%%=*} "; done
	ST_ARGS=()
	for ((i = 1; i < ${#src[@]}; i += 2)); do
		kv=${src[i]}
		case $keys in *" ${kv%%=*} "*) continue ;; esac
		ST_ARGS+=(--data-urlencode "$kv")
	done
	for kv in "$@"; do ST_ARGS+=(--data-urlencode "$kv"); done
}

# The demo staff member's department, and a project of another one.
st_staff_dept() { sql "SELECT department FROM users WHERE username = 'staff'"; }
st_other_project() {
	sql "SELECT id FROM projects WHERE department <> (SELECT department FROM users WHERE username = 'staff') ORDER BY id LIMIT 1"
}
st_own_project() {
	sql "SELECT id FROM projects WHERE department = (SELECT department FROM users WHERE username = 'staff') ORDER BY id LIMIT 1"
}

# A complete, valid group form (private contact: phone 非公開).
ST_GROUP=(
	--data-urlencode "name=みなと川をきれいにする会"
	--data-urlencode "kana=みなとがわをきれいにするかい"
	--data-urlencode "kind=npo"
	--data-urlencode "fields=kankyo"
	--data-urlencode "fields=machi"
	--data-urlencode "area=中央地区"
	--data-urlencode "founded=2015-04"
	--data-urlencode "members=２５"
	--data-urlencode "fee=年額1,000円"
	--data-urlencode "purpose=川の清掃と生き物調査"
	--data-urlencode "activities=毎月第2日曜日に清掃"
	--data-urlencode "web=https://example.jp/kawa"
	--data-urlencode "email=info@example.jp"
	--data-urlencode "phone=0143-00-1234"
	--data-urlencode "rep_name=川野清"
	--data-urlencode "rep_name_public=1"
	--data-urlencode "rep_phone=090-9876-5432"
	--data-urlencode "rep_phone_public=0"
	--data-urlencode "rep_address=みなと市本町9-8-7"
	--data-urlencode "rep_address_public=0"
	--data-urlencode "rep_email=kawano.private@example.jp"
	--data-urlencode "rep_email_public=0"
)

# st_create_group — create ST_GROUP as the logged-in user; sets ST_GID.
st_create_group() {
	st_post /staff/groups/new "${ST_GROUP[@]}" "$@"
	expect_status 303
	ST_GID=$(header Location | sed -n 's|^/staff/groups/\([0-9]*\)/edit?saved=1$|\1|p')
	[ -n "$ST_GID" ] || fail "Location '$(header Location)' is not the group's edit page"
}

# A valid project form of department $1 (補助 with its details, two
# partners, an indicator).
st_project_form() {
	local g1 g2
	g1=$(sql "SELECT id FROM groups ORDER BY id LIMIT 1")
	g2=$(sql "SELECT id FROM groups ORDER BY id LIMIT 1 OFFSET 1")
	ST_PROJECT=(
		--data-urlencode "fiscal_year=2025"
		--data-urlencode "title=川のクリーン作戦"
		--data-urlencode "summary=市民と市が協力して川を清掃します"
		--data-urlencode "purpose=水辺環境の保全"
		--data-urlencode "target=市民"
		--data-urlencode "period_start=2025-05-01"
		--data-urlencode "period_end=2025-10-31"
		--data-urlencode "form=hojo"
		--data-urlencode "domain=shimin_shudo"
		--data-urlencode "fields=kankyo"
		--data-urlencode "proposal_type=shimin"
		--data-urlencode "department=$1"
		--data-urlencode "city_part=用具の貸出と広報"
		--data-urlencode "partner_group_1=$g1"
		--data-urlencode "partner_role_1=hojo"
		--data-urlencode "partner_part_1=清掃の実施"
		--data-urlencode "partner_group_2=$g2"
		--data-urlencode "partner_role_2=kyoryoku"
		--data-urlencode "budget_planned=500,000"
		--data-urlencode "city_share_planned=250000"
		--data-urlencode "partner_share_planned=250000"
		--data-urlencode "ind_kind_1=activity"
		--data-urlencode "ind_name_1=参加者数"
		--data-urlencode "ind_unit_1=人"
		--data-urlencode "ind_target_1=100"
		--data-urlencode "grant_programme=まちづくり活動支援補助金"
		--data-urlencode "grant_amount=250000"
		--data-urlencode "status=saitaku"
		--data-urlencode "published=1"
	)
}

# st_create_project DEPT — create a project as the logged-in user; ST_PID.
st_create_project() {
	st_project_form "$1"
	st_post /staff/projects/new "${ST_PROJECT[@]}"
	expect_status 303
	ST_PID=$(header Location | sed -n 's|^/staff/projects/\([0-9]*\)/edit?saved=1$|\1|p')
	[ -n "$ST_PID" ] || fail "Location '$(header Location)' is not the project's edit page"
}

# ---------------------------------------------------------------- access --

test_staff_login_required() {
	GET /staff
	expect_status 303
	expect_header Location '^/login\?next=(/|%2F)staff$'
	GET /staff/projects/new
	expect_status 303
	http POST /staff/groups/new -H "Origin: $BASE" --data-urlencode "name=x"
	[ "$STATUS" = 303 ] || [ "$STATUS" = 403 ] || fail "anonymous POST answered $STATUS"
	[ "$(sql "SELECT count(*) FROM groups WHERE name = 'x'")" = 0 ] || fail "anonymous POST wrote a group"
}

test_staff_dashboard() {
	st_login staff || return 1
	local dept_name
	dept_name=$(sql "SELECT d.name FROM users u JOIN departments d ON d.code = u.department WHERE u.username = 'staff'")
	st_get /staff
	expect_page 200
	expect_body '職員トップ'
	expect_body "$dept_name"
	expect_body '状況別の事業数'
	for s in 提案 審査中 採択 実施中 完了 評価済; do expect_body "$s"; done
	expect_body 'href="/staff/projects/new"'
	expect_body 'href="/staff/groups/new"'
	expect_body '対応が必要なこと'
	# staff see only their department: no other department's project title
	local other
	other=$(sql "SELECT title FROM projects WHERE department <> '$(st_staff_dept)' AND fiscal_year = (SELECT max(fiscal_year) FROM projects) AND title NOT IN (SELECT title FROM projects WHERE department = '$(st_staff_dept)') LIMIT 1")
	[ -z "$other" ] || expect_no_body ">$other</a>"
}

# st_fiscal_year — the 年度 the server counts as this year (April to March).
st_fiscal_year() {
	local y m
	y=$(date +%Y)
	m=$(date +%m)
	[ "${m#0}" -ge 4 ] && echo "$y" || echo $((y - 1))
}

# The dashboard's counts are the true counts (schema/011), for a staff
# member's department and for 協働推進課's every department; a status of
# this year with more rows than are shown links to the list filtered by it.
test_staff_dashboard_counts() {
	local dept year code name n
	st_login staff || return 1
	dept=$(st_staff_dept)
	year=$(st_fiscal_year)
	st_get /staff
	expect_page 200
	while IFS='|' read -r code name n; do
		expect_body_re "status=$code\"><span class=\"sf-count__name\">$name</span> <span class=\"sf-count__num\">$n件"
	done < <(sql "SELECT s.code, s.name, (SELECT count(*) FROM projects p WHERE p.status = s.code AND p.department = '$dept') FROM project_statuses s")
	st_login admin || return 1
	st_get /staff
	expect_page 200
	while IFS='|' read -r code name n; do
		expect_body_re "status=$code\"><span class=\"sf-count__name\">$name</span> <span class=\"sf-count__num\">$n件"
	done < <(sql "SELECT s.code, s.name, (SELECT count(*) FROM projects p WHERE p.status = s.code) FROM project_statuses s")
	# this year's per status: the true count; beyond 10 rows, the link
	local more=0
	while IFS='|' read -r code name n; do
		expect_body "<h3 class=\"subsection__title\">$name（${n}件）</h3>"
		if [ "$n" -gt 10 ]; then
			more=1
			expect_body "href=\"/staff/projects?year=$year&amp;status=$code\">この状況の事業をすべて見る"
			expect_body "（${n}件）</a>"
		else
			expect_no_body "status=$code\">この状況の事業をすべて見る"
		fi
	done < <(sql "SELECT s.code, s.name, count(*) FROM projects p JOIN project_statuses s ON s.code = p.status WHERE p.fiscal_year = $year GROUP BY s.code")
	[ "$more" = 1 ] || it_log "no status of $year has more than 10 projects: the link is not seen"
	[ "$(grep -c 'href="/staff/projects/[0-9]*/edit"' "$IT_B")" -le 200 ] || fail "the year section is not capped"
}

# /staff/projects: the true total, a pager whose links keep the filters,
# the last page equal to the tail of the sorted list, bad pages refused.
test_staff_projects_pager() {
	local total pages last want got
	st_login admin || return 1
	total=$(sql "SELECT count(*) FROM projects")
	pages=$(((total + 49) / 50))
	st_get /staff/projects
	expect_page 200
	expect_body "${total}件"
	if [ "$pages" -gt 1 ]; then
		expect_body 'href="/staff/projects?page=2"'
		st_get "/staff/projects?page=$pages"
		expect_page 200
		want=$(sql "SELECT id FROM projects ORDER BY fiscal_year DESC, id DESC LIMIT 50 OFFSET $(((pages - 1) * 50))" | tr '\n' ' ')
		got=$(grep -o 'href="/staff/projects/[0-9]*/edit"' "$IT_B" | sed 's/[^0-9]//g' | tr '\n' ' ')
		[ "$got" = "$want" ] || fail "last page: $got, expected $want"
		st_get "/staff/projects?page=$((pages + 1))"
		expect_error_page 404
		expect_body "全${pages}ページ"
	else
		it_log "$total projects: one page, the pager is not seen"
	fi
	# filters are kept across pages
	local y
	y=$(sql "SELECT fiscal_year FROM projects GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
	st_get "/staff/projects?year=$y&status=jisshi&dept=kyodo&page=1"
	expect_page 200
	expect_body "$(sql "SELECT count(*) FROM projects WHERE fiscal_year = $y AND status = 'jisshi' AND department = 'kyodo'")件"
	st_get "/staff/projects?status=jisshi"
	expect_page 200
	n=$(sql "SELECT count(*) FROM projects WHERE status = 'jisshi'")
	expect_body "${n}件"
	if [ "$n" -gt 50 ]; then expect_body 'href="/staff/projects?status=jisshi&amp;page=2"'; fi
	# a bad page or filter: 400 saying which parameter and how to write it
	for bad in 0 -1 x 1.5; do
		st_get "/staff/projects?page=$bad"
		expect_error_page 400
		expect_body 'ページ番号は1以上の半角数字で指定してください。'
		st_get "/staff/groups?status=shinsei&page=$bad"
		expect_error_page 400
		expect_body 'ページ番号は1以上の半角数字で指定してください。'
	done
	st_get "/staff/projects?page=1234567890"
	expect_error_page 400
	expect_body 'ページ番号が大きすぎます。'
	st_get "/staff/projects?year=1900"
	expect_error_page 400
	expect_body '年度は1989年度から2100年度までの範囲で指定してください。'
	st_get "/staff/projects?status=nope"
	expect_error_page 400
	expect_body '指定された状況は登録されていません。'
	st_get "/staff/projects?status=NOPE"
	expect_error_page 400
	expect_body '状況の指定が正しくありません。'
	st_get "/staff/projects?dept=nope"
	expect_error_page 400
	expect_body '指定された担当課は登録されていません。'
	st_get "/staff/groups?status=nope"
	expect_error_page 400
	expect_body '指定された登録状況は登録されていません。'
}

test_staff_pages_render() {
	st_login staff || return 1
	local gid pid
	gid=$(sql "SELECT id FROM groups ORDER BY id LIMIT 1")
	pid=$(st_own_project)
	for u in /staff /staff/groups /staff/groups/new "/staff/groups/$gid/edit" \
		/staff/projects /staff/projects/new "/staff/history/group/$gid" \
		"/staff/groups?status=shinsei" "/staff/projects?status=jisshi&year=2024"; do
		st_get "$u"
		expect_page 200
		expect_body 'aria-label="職員メニュー"'
	done
	if [ -n "$pid" ]; then
		st_get "/staff/projects/$pid/edit"
		expect_page 200
		st_get "/staff/history/project/$pid"
		expect_page 200
	fi
	st_get /staff/projects/99999999/edit
	expect_error_page 404
	st_get /staff/history/users/1
	expect_error_page 404
	st_get "/staff/projects?year=abc"
	expect_error_page 400
	st_get "/staff/groups?status=nope"
	expect_error_page 400
}

# ---------------------------------------------------------------- groups --

test_staff_group_create() {
	st_login staff || return 1
	st_create_group || return 1
	st_get "/staff/groups/$ST_GID/edit?saved=1"
	expect_page 200
	expect_body '保存しました'
	st_expect_value name 'みなと川をきれいにする会'
	st_expect_value rep_phone '090-9876-5432'
	# stored as the schema wants it: katakana kana, half-width digits
	[ "$(sql "SELECT kana FROM groups WHERE id = $ST_GID")" = 'ミナトガワヲキレイニスルカイ' ] || fail "kana not stored in katakana"
	[ "$(sql "SELECT members || '/' || status || '/' || rep_phone_public || rep_name_public FROM groups WHERE id = $ST_GID")" = '25/shinsei/01' ] ||
		fail "members/status/public flags: $(sql "SELECT members, status, rep_phone_public, rep_name_public FROM groups WHERE id = $ST_GID")"
	[ "$(sql "SELECT group_concat(field) FROM (SELECT field FROM group_fields WHERE group_id = $ST_GID ORDER BY field)")" = 'kankyo,machi' ] || fail "fields not stored"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'groups' AND record_id = $ST_GID AND action = 'create'")" -ge 10 ] || fail "no create audit rows"
	# not registered yet: not public
	GET "/groups/$ST_GID"
	expect_status 404
}

test_staff_group_validation() {
	st_login staff || return 1
	local before
	before=$(sql "SELECT count(*) FROM groups")
	st_post /staff/groups/new \
		--data-urlencode "name=" \
		--data-urlencode "kana=Kawa Club" \
		--data-urlencode "kind=nokind" \
		--data-urlencode "fields=kankyo" \
		--data-urlencode "fields=bosai" \
		--data-urlencode "founded=昔" \
		--data-urlencode "members=-3" \
		--data-urlencode "web=ftp://example.jp" \
		--data-urlencode "email=not-an-address" \
		--data-urlencode "phone=123" \
		--data-urlencode "rep_name=<b>山田</b>" \
		--data-urlencode "rep_phone=0143-22-3333" \
		--data-urlencode "rep_phone_public=1" \
		--data-urlencode "purpose=二行の
目的"
	expect_page 422
	expect_body '何も保存されていません'
	for f in name kana kind founded members web email phone; do st_expect_invalid "$f"; done
	expect_body '団体名を入力してください'
	expect_body 'フリガナはひらがな又はカタカナで入力してください'
	# every value kept, escaped
	st_expect_value kana 'Kawa Club'
	st_expect_value rep_name '&lt;b&gt;山田&lt;/b&gt;'
	st_expect_value rep_phone '0143-22-3333'
	st_expect_value email 'not-an-address'
	expect_body 'name="fields" value="kankyo" checked'
	expect_body 'name="fields" value="bosai" checked'
	expect_no_body 'name="fields" value="fukushi" checked'
	expect_body 'name="rep_phone_public" value="1" checked'
	expect_body '>二行の'
	[ "$(sql "SELECT count(*) FROM groups")" = "$before" ] || fail "a group was written"
}

test_staff_group_status_admin_only() {
	st_login staff || return 1
	st_create_group || return 1
	st_get "/staff/groups/$ST_GID/edit"
	expect_no_body 'name="status"'
	local v
	v=$(st_field_value version)
	st_post "/staff/groups/$ST_GID/edit" "${ST_GROUP[@]}" --data-urlencode "version=$v" \
		--data-urlencode "status=toroku"
	expect_error_page 403
	[ "$(sql "SELECT status || version FROM groups WHERE id = $ST_GID")" = shinsei1 ] || fail "staff changed the status"
	# a new group with a status other than 申請中 is refused too
	st_post /staff/groups/new "${ST_GROUP[@]}" --data-urlencode "status=toroku"
	expect_error_page 403
}

test_staff_group_approval_requirements() {
	st_login staff || return 1
	st_create_group || return 1
	st_login admin || return 1
	st_get "/staff/groups/$ST_GID/edit"
	expect_page 200
	expect_body 'name="status"'
	expect_body '自主的'
	local v
	v=$(st_field_value version)
	# two of six confirmed: 422, nothing written
	st_post "/staff/groups/$ST_GID/edit" "${ST_GROUP[@]}" --data-urlencode "version=$v" \
		--data-urlencode "status=toroku" --data-urlencode "reqs=jishu" --data-urlencode "reqs=hieiri"
	expect_page 422
	st_expect_invalid reqs
	expect_body '未確認: 継続性・組織性'
	expect_body 'name="reqs" value="jishu" checked'
	[ "$(sql "SELECT status FROM groups WHERE id = $ST_GID")" = shinsei ] || fail "registered without the requirements"
	[ "$(sql "SELECT count(*) FROM group_requirement_checks WHERE group_id = $ST_GID")" = 0 ] || fail "confirmations written on a 422"
	# all six: registered, each confirmation recorded with the admin and time
	local reqs=()
	for c in $(sql "SELECT code FROM group_requirements ORDER BY sort"); do reqs+=(--data-urlencode "reqs=$c"); done
	st_post "/staff/groups/$ST_GID/edit" "${ST_GROUP[@]}" --data-urlencode "version=$v" \
		--data-urlencode "status=toroku" "${reqs[@]}"
	expect_status 303
	[ "$(sql "SELECT status || (registered_on IS NOT NULL) || version FROM groups WHERE id = $ST_GID")" = toroku12 ] || fail "not registered"
	[ "$(sql "SELECT count(*) FROM group_requirement_checks c JOIN users u ON u.id = c.user_id WHERE c.group_id = $ST_GID AND c.confirmed = 1 AND u.username = 'admin'")" = 6 ] ||
		fail "the six confirmations are not recorded with the admin"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'groups' AND record_id = $ST_GID AND action IN ('status', 'approve')")" = 2 ] || fail "no status/approve audit rows"
	# public now, without the private contact marked 非公開
	GET "/groups/$ST_GID"
	expect_page 200
	expect_body 'みなと川をきれいにする会'
	expect_body '川野清'
	expect_no_body '090-9876-5432'
	expect_no_body 'みなと市本町9-8-7'
	expect_no_body 'kawano.private@example.jp'
}

# --------------------------------------------------------------- projects --

test_staff_project_create_published() {
	st_login staff || return 1
	st_create_project "$(st_staff_dept)" || return 1
	st_get "/staff/projects/$ST_PID/edit?saved=1"
	expect_page 200
	expect_body '保存しました'
	st_expect_value title '川のクリーン作戦'
	[ "$(st_selected partner_role_1)" = hojo ] || fail "partner_role_1 is '$(st_selected partner_role_1)'"
	[ "$(sql "SELECT count(*) FROM project_partners WHERE project_id = $ST_PID")" = 2 ] || fail "partners not stored"
	[ "$(sql "SELECT count(*) FROM project_roles WHERE project_id = $ST_PID")" = 2 ] || fail "役割分担 not stored (city + one partner)"
	[ "$(sql "SELECT grant_programme || grant_amount FROM project_form_details WHERE project_id = $ST_PID")" = 'まちづくり活動支援補助金250000' ] || fail "form details not stored"
	[ "$(sql "SELECT budget_planned || '/' || published || '/' || (decided_on IS NOT NULL) FROM projects WHERE id = $ST_PID")" = '500000/1/1' ] || fail "budget/published/decided_on"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'projects' AND record_id = $ST_PID")" -ge 10 ] || fail "no audit rows"
	# published: on the public list and page
	GET "/projects?year=2025"
	expect_status 200
	expect_body "href=\"/projects/$ST_PID\""
	GET "/projects/$ST_PID"
	expect_page 200
	expect_body '川のクリーン作戦'
}

test_staff_project_validation() {
	st_login staff || return 1
	local before g1
	before=$(sql "SELECT count(*) FROM projects")
	g1=$(sql "SELECT id FROM groups ORDER BY id LIMIT 1")
	st_post /staff/projects/new \
		--data-urlencode "fiscal_year=２０２５" \
		--data-urlencode "title=補助の事業" \
		--data-urlencode "form=hojo" \
		--data-urlencode "domain=shimin_shudo" \
		--data-urlencode "proposal_type=shimin" \
		--data-urlencode "department=$(st_staff_dept)" \
		--data-urlencode "status=teian" \
		--data-urlencode "fields=fukushi" \
		--data-urlencode "period_start=2025-06-01" \
		--data-urlencode "period_end=2025-05-01" \
		--data-urlencode "budget_planned=1000" \
		--data-urlencode "city_share_planned=800" \
		--data-urlencode "partner_share_planned=300" \
		--data-urlencode "city_share_actual=10" \
		--data-urlencode "partner_group_1=$g1" \
		--data-urlencode "partner_role_1=kyosai" \
		--data-urlencode "partner_part_1=会場の準備" \
		--data-urlencode "partner_role_2=kyoryoku" \
		--data-urlencode "partner_part_2=広報" \
		--data-urlencode "ind_unit_1=人" \
		--data-urlencode "ind_target_1=50" \
		--data-urlencode "ind_name_2=満足度" \
		--data-urlencode "ind_target_2=たくさん" \
		--data-urlencode "progress=120"
	expect_page 422
	for f in grant_programme grant_amount period_end city_share_planned budget_actual \
		partner_group_2 ind_name_1 ind_target_2 progress; do st_expect_invalid "$f"; done
	expect_body '協働の形態が「補助」のときは、補助金・助成金の名称を入力してください'
	expect_body '実施期間（終了）は、開始日と同じか後の日付にしてください'
	expect_body '合計（1100円）'
	# typed values and the repeated rows kept
	st_expect_value fiscal_year '２０２５'
	st_expect_value period_end '2025-05-01'
	expect_body "name=\"partner_group_1\" value=\"$g1\""
	[ "$(st_selected partner_role_1)" = kyosai ] || fail "partner_role_1 lost"
	[ "$(st_selected partner_role_2)" = kyoryoku ] || fail "partner_role_2 lost"
	expect_body '>会場の準備</textarea>'
	expect_body '>広報</textarea>'
	st_expect_value ind_unit_1 '人'
	st_expect_value ind_target_2 'たくさん'
	[ "$(st_selected form)" = hojo ] || fail "form lost"
	expect_body 'name="fields" value="fukushi" checked'
	[ "$(sql "SELECT count(*) FROM projects")" = "$before" ] || fail "a project was written"
}

test_staff_project_other_department() {
	st_login staff || return 1
	local other dept other_dept before
	other=$(st_other_project)
	dept=$(st_staff_dept)
	[ -n "$other" ] || {
		fail "no project of another department in the demo data"
		return 1
	}
	other_dept=$(sql "SELECT department FROM projects WHERE id = $other")
	before=$(sql "SELECT version || title FROM projects WHERE id = $other")
	st_get "/staff/projects/$other/edit"
	expect_error_page 403
	st_project_form "$other_dept"
	st_post "/staff/projects/$other/edit" "${ST_PROJECT[@]}" --data-urlencode "version=1"
	expect_error_page 403
	# moving one's own project into another department is refused too
	st_post /staff/projects/new "${ST_PROJECT[@]}"
	expect_error_page 403
	[ "$(sql "SELECT version || title FROM projects WHERE id = $other")" = "$before" ] || fail "the other department's project changed"
	# admin may edit it
	st_login admin || return 1
	st_get "/staff/projects/$other/edit"
	expect_page 200
	expect_body 'type="submit"'
	[ "$dept" != "$other_dept" ] || fail "same department"
}

test_staff_project_conflict() {
	st_login staff || return 1
	st_create_project "$(st_staff_dept)" || return 1
	st_get "/staff/projects/$ST_PID/edit"
	local v1 v2
	v1=$(st_field_value version)
	st_get "/staff/projects/$ST_PID/edit"
	v2=$(st_field_value version)
	[ "$v1" = "$v2" ] && [ -n "$v1" ] || fail "versions '$v1' '$v2'"
	# first save wins
	st_with ST_PROJECT "version=$v1" "title=川のクリーン作戦（Aさんの修正）"
	st_post "/staff/projects/$ST_PID/edit" "${ST_ARGS[@]}"
	expect_status 303
	# the second, from the same starting version, is refused with both versions
	st_with ST_PROJECT "version=$v2" "title=川のクリーン作戦（Bさんの修正）" "summary=Bさんの概要"
	st_post "/staff/projects/$ST_PID/edit" "${ST_ARGS[@]}"
	expect_page 409
	expect_body 'ほかの人が先に更新しました'
	expect_body '川のクリーン作戦（Aさんの修正）'
	expect_body '川のクリーン作戦（Bさんの修正）'
	expect_body 'Bさんの概要'
	expect_body '違いあり'
	expect_body "href=\"/staff/projects/$ST_PID/edit\""
	[ "$(sql "SELECT title || '/' || version FROM projects WHERE id = $ST_PID")" = "川のクリーン作戦（Aさんの修正）/2" ] || fail "the second save overwrote the first"
	# a 409 for groups as well
	st_create_group || return 1
	st_with ST_GROUP "version=1" "area=北地区"
	st_post "/staff/groups/$ST_GID/edit" "${ST_ARGS[@]}"
	expect_status 303
	st_with ST_GROUP "version=1" "area=南地区"
	st_post "/staff/groups/$ST_GID/edit" "${ST_ARGS[@]}"
	expect_page 409
	expect_body '北地区'
	expect_body '南地区'
	[ "$(sql "SELECT area FROM groups WHERE id = $ST_GID")" = 北地区 ] || fail "group overwritten"
}

test_staff_history() {
	st_login staff || return 1
	st_create_group || return 1
	st_get "/staff/groups/$ST_GID/edit"
	st_with ST_GROUP "version=1" "rep_phone=080-1111-2222" "applied_on=$(st_field_value applied_on)"
	st_post "/staff/groups/$ST_GID/edit" "${ST_ARGS[@]}"
	expect_status 303
	st_get "/staff/history/group/$ST_GID"
	expect_page 200
	expect_body '代表者の電話番号'
	expect_body '090-9876-5432'
	expect_body '080-1111-2222'
	expect_body 'staff'
	# one update row: only the field that changed
	[ "$(sql "SELECT count(*) FROM audit_log WHERE kind = 'groups' AND record_id = $ST_GID AND action = 'update'")" = 1 ] ||
		fail "update rows: $(sql "SELECT field FROM audit_log WHERE kind = 'groups' AND record_id = $ST_GID AND action = 'update'")"
	[ "$(sql "SELECT old_value || '>' || new_value FROM audit_log WHERE kind = 'groups' AND record_id = $ST_GID AND action = 'update'")" = '090-9876-5432>080-1111-2222' ] || fail "old/new values"
	# a project's history names its fields in Japanese
	st_create_project "$(st_staff_dept)" || return 1
	st_with ST_PROJECT "version=1" "status=jisshi" "budget_actual=480000"
	st_post "/staff/projects/$ST_PID/edit" "${ST_ARGS[@]}"
	expect_status 303
	st_get "/staff/history/project/$ST_PID"
	expect_page 200
	expect_body '状況'
	expect_body '実施中'
	expect_body '事業費（実績）'
	expect_body '480,000円'
	# never on public pages
	GET "/projects/$ST_PID"
	expect_no_body '変更履歴'
	expect_no_body '080-1111-2222'
	GET "/staff/history/group/$ST_GID"
	expect_status 303
}

test_staff_committee_reads_only() {
	st_login committee || return 1
	local pid gid before
	pid=$(sql "SELECT id FROM projects ORDER BY id LIMIT 1")
	gid=$(sql "SELECT id FROM groups ORDER BY id LIMIT 1")
	st_get /staff
	expect_page 200
	st_get "/staff/projects/$pid/edit"
	expect_page 200
	expect_body '閲覧のみです'
	expect_no_body 'type="submit">保存する'
	expect_no_body 'name="partner_find_'
	before=$(sql "SELECT version FROM projects WHERE id = $pid")
	st_project_form "$(sql "SELECT department FROM projects WHERE id = $pid")"
	st_post "/staff/projects/$pid/edit" "${ST_PROJECT[@]}" --data-urlencode "version=$before"
	expect_error_page 403
	st_post /staff/projects/new "${ST_PROJECT[@]}"
	expect_error_page 403
	st_post "/staff/groups/$gid/edit" "${ST_GROUP[@]}" --data-urlencode "version=1"
	expect_error_page 403
	st_get /staff/groups/new
	expect_error_page 403
	[ "$(sql "SELECT version FROM projects WHERE id = $pid")" = "$before" ] || fail "committee changed a project"
}

test_staff_csrf_required() {
	st_login staff || return 1
	local before
	before=$(sql "SELECT count(*) FROM groups")
	http POST /staff/groups/new -b "$ST_JAR" -c "$ST_JAR" -H "Origin: $BASE" "${ST_GROUP[@]}"
	expect_error_page 403
	http POST /staff/groups/new -b "$ST_JAR" -c "$ST_JAR" -H "Origin: $BASE" \
		--data-urlencode "csrf_token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "${ST_GROUP[@]}"
	expect_error_page 403
	# right token, foreign origin
	http POST /staff/groups/new -b "$ST_JAR" -c "$ST_JAR" -H "Origin: https://evil.example" \
		--data-urlencode "csrf_token=$ST_TOKEN" "${ST_GROUP[@]}"
	expect_error_page 403
	[ "$(sql "SELECT count(*) FROM groups")" = "$before" ] || fail "a group was written without a valid token"
}

# ------------------------------------------- a deactivated department ----

# st_dept_active CODE 0|1 — admin deactivates (0) or reactivates (1)
# department CODE through the master data page; leaves admin logged in.
st_dept_active() {
	st_login admin || return 1
	st_post "/admin/departments/$1/active" --data-urlencode "active=$2"
	expect_status 303
	[ "$(sql "SELECT active FROM departments WHERE code = '$1'")" = "$2" ] ||
		fail "department $1 is not active=$2"
}

# staff3's department (観光課) deactivated: every staff page still answers,
# the lists still show its projects, a project of it still saves; a new
# project cannot be given it (no link, the form says why, the POST is
# refused with the message and the values kept); groups still register.
# The department is reactivated at the end for the tests that follow.
test_staff_deactivated_department() {
	local dept=kanko name pid gid before
	name=$(sql "SELECT name FROM departments WHERE code = '$dept'")
	pid=$(sql "SELECT id FROM projects WHERE department = '$dept' ORDER BY id LIMIT 1")
	gid=$(sql "SELECT id FROM groups ORDER BY id LIMIT 1")
	[ "$(sql "SELECT department FROM users WHERE username = 'staff3'")" = "$dept" ] ||
		fail "staff3 is not in $dept in the demo data"
	[ -n "$pid" ] || fail "the demo has no project of $dept"
	# a project of the department to edit afterwards (ST_PID, ST_PROJECT)
	st_login staff3 || return 1
	st_create_project "$dept" || return 1
	st_dept_active "$dept" 0 || return 1

	st_login staff3 || { st_dept_active "$dept" 1; return 1; }
	for u in /staff /staff/groups /staff/groups/new "/staff/groups/$gid/edit" \
		/staff/projects /staff/projects/new "/staff/projects/$pid/edit" \
		"/staff/history/project/$pid" "/staff/history/group/$gid" /account/password; do
		st_get "$u"
		expect_page 200
	done
	st_get /staff
	expect_body "$name"
	expect_body '使用停止になっているため、新しい協働事業は登録できません'
	expect_no_body 'href="/staff/projects/new"'
	expect_body 'href="/staff/groups/new"'
	st_get /staff/projects
	expect_body '使用停止になっているため、新しい協働事業は登録できません'
	expect_no_body 'href="/staff/projects/new"'
	expect_body "href=\"/staff/projects/$pid/edit\""
	[ "$(grep -c 'href="/staff/projects/[0-9]*/edit"' "$IT_B")" -ge \
		"$(sql "SELECT count(*) FROM projects WHERE department = '$dept'")" ] ||
		fail "the list lacks some of the department's projects"
	# the new form: the department marked, the reason beside it
	st_get /staff/projects/new
	expect_body "${name}（使用停止）"
	expect_body '使用停止になっているため、新しい協働事業は登録できません'
	[ "$(st_selected department)" = "$dept" ] || fail "department '$(st_selected department)'"
	# creating one in it: 422, the message, the values kept, nothing written
	before=$(sql "SELECT count(*) FROM projects")
	st_project_form "$dept"
	st_post /staff/projects/new "${ST_PROJECT[@]}"
	expect_page 422
	st_expect_invalid department
	expect_body "担当課「${name}」は使用停止になっているため、選べません。"
	st_expect_value title '川のクリーン作戦'
	[ "$(sql "SELECT count(*) FROM projects")" = "$before" ] || fail "a project was created in a deactivated department"
	# another department is still forbidden
	st_project_form kiki
	st_post /staff/projects/new "${ST_PROJECT[@]}"
	expect_error_page 403
	# a project of the department still saves, keeping it
	st_get "/staff/projects/$ST_PID/edit"
	expect_body "${name}（使用停止）"
	[ "$(st_selected department)" = "$dept" ] || fail "department '$(st_selected department)'"
	st_project_form "$dept"
	st_with ST_PROJECT "version=1" "summary=使用停止後の更新"
	st_post "/staff/projects/$ST_PID/edit" "${ST_ARGS[@]}"
	expect_status 303
	[ "$(sql "SELECT department || '/' || summary FROM projects WHERE id = $ST_PID")" = "$dept/使用停止後の更新" ] ||
		fail "the project did not save: $(sql "SELECT department, summary FROM projects WHERE id = $ST_PID")"
	# groups do not depend on the department
	st_create_group

	# admin cannot give it to a new project either
	st_login admin || { st_dept_active "$dept" 1; return 1; }
	st_project_form "$dept"
	st_post /staff/projects/new "${ST_PROJECT[@]}"
	expect_page 422
	expect_body "担当課「${name}」は使用停止になっているため、選べません。"
	st_dept_active "$dept" 1
}

# The staff group list pages by 50 in (kana, id) order, for every status
# (model/groups.c: the last pages read backwards from the end, the deep
# ones from the worker's anchors). With more than 50 groups 申請中
# (created here, in runs of equal kana), the first and the last page
# answer 200 with their rows in order; a page past the end answers 200
# with the count and the list's "none" message, as it always has.
test_staff_groups_pages() {
	local n last p s i want got kanas=(ぺえじ ぺーじ ページ ぱあじ ぴいじ)
	st_login staff || return 1
	n=$(sql "SELECT count(*) FROM groups WHERE status = 'shinsei'")
	for ((i = n; i < 53; i++)); do
		st_with ST_GROUP "name=頁送りの会$i" "kana=${kanas[i % 5]}"
		st_post /staff/groups/new "${ST_ARGS[@]}"
		expect_status 303
	done
	n=$(sql "SELECT count(*) FROM groups WHERE status = 'shinsei'")
	last=$(((n + 49) / 50))
	[ "$last" -ge 2 ] || fail "only $n groups 申請中"
	for p in 1 "$last"; do
		st_get "/staff/groups?status=shinsei&page=$p"
		expect_page 200
		expect_body "申請中：${n}団体"
		want=$(sql "SELECT id FROM groups WHERE status = 'shinsei' ORDER BY kana, id LIMIT 50 OFFSET $(((p - 1) * 50))" | tr '\n' ' ')
		got=$(grep -o 'href="/staff/groups/[0-9]*/edit"' "$IT_B" | sed 's/[^0-9]//g' | tr '\n' ' ')
		[ "$got" = "$want" ] || fail "申請中 page $p of $last: rows $got, want $want"
	done
	# every status's last page (the registered groups of the demo fit on one)
	for s in $(sql "SELECT code FROM group_statuses ORDER BY code"); do
		n=$(sql "SELECT count(*) FROM groups WHERE status = '$s'")
		[ "$n" -gt 0 ] || continue
		last=$(((n + 49) / 50))
		st_get "/staff/groups?status=$s&page=$last"
		expect_page 200
		want=$(sql "SELECT id FROM groups WHERE status = '$s' ORDER BY kana, id LIMIT 50 OFFSET $(((last - 1) * 50))" | tr '\n' ' ')
		got=$(grep -o 'href="/staff/groups/[0-9]*/edit"' "$IT_B" | sed 's/[^0-9]//g' | tr '\n' ' ')
		[ "$got" = "$want" ] || fail "$s page $last: rows $got, want $want"
		expect_no_body '該当する団体はありません'
		# past the end: the count, no rows, the "none" message
		st_get "/staff/groups?status=$s&page=$((last + 1))"
		expect_page 200
		expect_body "：${n}団体"
		expect_body '該当する団体はありません。'
		! grep -q 'href="/staff/groups/[0-9]*/edit"' "$IT_B" || fail "$s page $((last + 1)) has rows"
	done
}

# st_named_group NAME KANA — create ST_GROUP under another name; ST_GID.
st_named_group() {
	st_with ST_GROUP "name=$1" "kana=$2"
	st_post /staff/groups/new "${ST_ARGS[@]}"
	expect_status 303
	ST_GID=$(header Location | sed -n 's|^/staff/groups/\([0-9]*\)/edit?saved=1$|\1|p')
	[ -n "$ST_GID" ] || fail "Location '$(header Location)' is not the group's edit page"
}

# st_new_pid — the project id of the last 303 to its edit page.
st_new_pid() { header Location | sed -n 's|^/staff/projects/\([0-9]*\)/edit?saved=1$|\1|p'; }

# The partner picker: no list of every group; 団体を探す posts the form and
# gets candidates back with nothing saved; a save takes a 団体番号 or a
# whole name at once, refuses a part with its candidates (422), keeps what
# was typed; 外す drops a partner.
test_staff_partner_picker() {
	st_login staff || return 1
	local g1 g2 g3 n0 pid full ver
	st_named_group 'ほたる川を守る会' 'ほたるがわをまもるかい' || return 1
	g1=$ST_GID
	st_named_group 'ほたる川の子ども会' 'ほたるがわのこどもかい' || return 1
	g2=$ST_GID
	st_named_group '里山ほたる倶楽部' 'さとやまほたるくらぶ' || return 1
	g3=$ST_GID
	st_project_form "$(st_staff_dept)"
	n0=$(sql "SELECT count(*) FROM projects")

	st_get /staff/projects/new
	expect_page 200
	expect_body 'name="partner_find_1"'
	expect_body 'formaction="/staff/projects/new#partner-1"'
	! grep -q "<option value=\"$g1\"" "$IT_B" || fail "the form still lists the groups"

	# 団体を探す on row 3: two candidates by a part of the name, nothing saved
	st_with ST_PROJECT partner_find_3=ほたる川 partner_role_3=kyoryoku find=3
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_page 200
	expect_body '「ほたる川」の候補（2件）'
	expect_body "name=\"partner_group_3\" value=\"$g1\""
	expect_body "name=\"partner_group_3\" value=\"$g2\""
	expect_no_body "name=\"partner_group_3\" value=\"$g3\""
	expect_body 'ホタルガワヲマモルカイ・団体番号 '"$g1"'・申請中'
	st_expect_value partner_find_3 ''
	st_expect_value title '川のクリーン作戦'
	[ "$(st_selected partner_role_3)" = kyoryoku ] || fail "partner_role_3 lost by 団体を探す"
	[ "$(sql "SELECT count(*) FROM projects")" = "$n0" ] || fail "団体を探す saved a project"
	# the listing carries its search; a box empties the row instead
	expect_body 'name="partner_asked_3" value="ほたる川"'
	expect_body 'name="partner_clear_3"'
	expect_body 'この行を空にする'
	# 保存する with none of the candidates chosen (and no role): refused
	# with the candidates again, not the row dropped silently
	st_with ST_PROJECT partner_find_3= partner_asked_3=ほたる川 partner_role_3=
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_page 422
	st_expect_invalid partner_group_3
	expect_body '協働の相手3：「ほたる川」に当てはまる団体が2件あります。候補から選んでください。'
	expect_body "name=\"partner_group_3\" value=\"$g2\""
	[ "$(sql "SELECT count(*) FROM projects")" = "$n0" ] || fail "a save without a chosen candidate wrote a project"
	# 団体を探す on another row keeps row 3's candidates, without an error
	st_with ST_PROJECT partner_asked_3=ほたる川 partner_find_1=里山 find=1
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_page 200
	expect_body '「ほたる川」の候補（2件）'
	expect_body '「里山」の候補'
	expect_no_body 'field__error'
	# a candidate chosen: the search is done with
	st_with ST_PROJECT partner_asked_3=ほたる川 "partner_group_3=$g1" partner_role_3=kyoryoku
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_status 303
	[ "$(sql "SELECT count(*) FROM project_partners WHERE project_id = $(st_new_pid) AND group_id = $g1")" = 1 ] ||
		fail "the chosen candidate $g1 was not saved"
	n0=$(sql "SELECT count(*) FROM projects")
	# the row emptied with its box: saved without it
	st_with ST_PROJECT partner_asked_3=ほたる川 partner_clear_3=1
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_status 303
	[ "$(sql "SELECT count(*) FROM project_partners WHERE project_id = $(st_new_pid) AND group_id IN ($g1, $g2, $g3)")" = 0 ] ||
		fail "the emptied row 3 was saved"
	n0=$(sql "SELECT count(*) FROM projects")
	# an empty search box
	st_with ST_PROJECT partner_find_3= find=3
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_page 200
	expect_body '協働の相手3：団体名かフリガナの一部、または団体番号を入れてから'

	# 保存する with a part of a name: 422, the candidates, nothing saved
	st_with ST_PROJECT partner_find_3=ほたる川 partner_role_3=kyoryoku
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_page 422
	st_expect_invalid partner_group_3
	expect_body '協働の相手3：「ほたる川」に当てはまる団体が2件あります。候補から選んでください。'
	[ "$(sql "SELECT count(*) FROM projects")" = "$n0" ] || fail "a refused save wrote a project"
	# the same with the kana of one group, typed in hiragana: one candidate
	st_with ST_PROJECT partner_find_3=ほたるがわのこ partner_role_3=kyoryoku
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_page 422
	expect_body '「ほたるがわのこ」に当てはまる団体が1件あります'
	expect_body "name=\"partner_group_3\" value=\"$g2\""
	# nothing found: the search is kept for correcting
	st_with ST_PROJECT partner_find_3=どこにもない団体 partner_role_3=kyoryoku
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_page 422
	expect_body '「どこにもない団体」に当てはまる団体が見つかりません'
	st_expect_value partner_find_3 'どこにもない団体'

	# 保存する with a 団体番号 in full-width digits: saved with that group
	full=$(printf '%s' "$g3" | sed 'y/0123456789/０１２３４５６７８９/')
	st_with ST_PROJECT "partner_find_3=$full" partner_role_3=kyoryoku
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_status 303
	pid=$(st_new_pid)
	[ "$(sql "SELECT group_id FROM project_partners WHERE project_id = $pid AND group_id = $g3")" = "$g3" ] ||
		fail "the 団体番号 did not choose group $g3"
	# with a whole name: saved with that group
	st_with ST_PROJECT 'partner_find_3=ほたる川の子ども会' partner_role_3=kyoryoku
	st_post /staff/projects/new "${ST_ARGS[@]}"
	expect_status 303
	[ "$(sql "SELECT count(*) FROM project_partners WHERE project_id = $(st_new_pid) AND group_id = $g2")" = 1 ] ||
		fail "the whole name did not choose group $g2"

	# the edit form shows the chosen group by name; 外す drops it
	st_get "/staff/projects/$pid/edit"
	expect_page 200
	expect_body '<span class="sf-pick__name">里山ほたる倶楽部</span>'
	expect_body "name=\"partner_group_3\" value=\"$g3\""
	expect_body 'name="partner_clear_3"'
	ver=$(st_field_value version)
	st_with ST_PROJECT "version=$ver" "partner_group_3=$g3" partner_role_3=kyoryoku partner_clear_3=1
	st_post "/staff/projects/$pid/edit" "${ST_ARGS[@]}"
	expect_status 303
	[ "$(sql "SELECT count(*) FROM project_partners WHERE project_id = $pid")" = 2 ] || fail "外す did not drop the partner"
	[ "$(sql "SELECT count(*) FROM project_partners WHERE project_id = $pid AND group_id = $g3")" = 0 ] || fail "group $g3 still a partner"
}
