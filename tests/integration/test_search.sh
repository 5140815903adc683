# tests/integration/test_search.sh — keyword search (/projects?q=,
# /groups?q=) over HTTP on the demo data set: the search box, two- and
# five-character words against a scan of the database, unpublished
# projects and unregistered groups never found, the lists' filters
# combined, the pager keeping q, normalisation (全角/半角), the
# one-character notice, 400 for a query too long or of too many words.
# Sourced by tests/integration/run.sh; each test_* function is one test,
# run in the order written, with the servers of lib.sh already up. sr_
# prefix: helpers of this file.
# shellcheck shell=bash

# The columns a project search looks in (schema/002_search.sql), joined so
# that a LIKE cannot match across two of them.
SR_PROJECT_TEXT="(title || ' ' || coalesce(kana, '') || ' ' || summary || ' ' || purpose || ' ' || target)"
SR_GROUP_TEXT="(name || ' ' || kana || ' ' || area || ' ' || purpose || ' ' || activities)"
# SEARCH_COUNT_CAP (src/model/search.h): counting stops there.
SR_CAP=100

# sr_get PATH WORD [curl args] — GET PATH with q=WORD (URL-encoded by curl).
sr_get() {
	local path=$1 word=$2
	shift 2
	GET "$path" -G --data-urlencode "q=$word" "$@"
	LAST_REQ="GET $path q=$word"
}

# sr_ids KIND — the ids of the /KIND/{id} links in the last body, in page
# order, comma-separated.
sr_ids() {
	links "/$1/[0-9]+" | sed 's|.*/||' | paste -sd, -
}

# sr_expect_projects WHERE — the page lists exactly the first 20 published
# projects matching WHERE, newest (highest id) first, and counts them all.
sr_expect_projects() {
	local want n
	want=$(sql "SELECT id FROM projects WHERE published = 1 AND ($1) ORDER BY id DESC LIMIT 20" | paste -sd, -)
	n=$(sql "SELECT count(*) FROM projects WHERE published = 1 AND ($1)")
	[ "$(sr_ids projects)" = "$want" ] || fail "listed $(sr_ids projects), expected $want"
	if [ "$n" -gt "$SR_CAP" ]; then
		expect_body_re "<strong class=\"num\">$SR_CAP</strong>件以上見つかりました"
	elif [ "$n" -gt 0 ]; then
		expect_body_re "<strong class=\"num\">$n</strong>件中"
	else
		expect_body '該当する協働事業はありません。条件を変えてお試しください。'
	fi
}

# sr_expect_groups WHERE — the same for registered groups.
sr_expect_groups() {
	local want n
	want=$(sql "SELECT id FROM groups WHERE status = 'toroku' AND ($1) ORDER BY id DESC LIMIT 20" | paste -sd, -)
	n=$(sql "SELECT count(*) FROM groups WHERE status = 'toroku' AND ($1)")
	[ "$(sr_ids groups)" = "$want" ] || fail "listed $(sr_ids groups), expected $want"
	if [ "$n" -gt "$SR_CAP" ]; then
		expect_body_re "<strong class=\"num\">$SR_CAP</strong>団体以上見つかりました"
	elif [ "$n" -gt 0 ]; then
		expect_body_re "<strong class=\"num\">$n</strong>団体中"
	else
		expect_body '該当する団体はありません。'
	fi
}

# ------------------------------------------------------------ the box ----

test_search_box() {
	local p
	for p in /projects /groups; do
		GET "$p"
		expect_page 200
		expect_body_re '<label class="field__label" for="f-q">キーワード</label>'
		expect_body_re '<input [^>]*type="search" id="f-q" name="q"'
		# in the GET filter form, with the other filters
		# (no grep -q after a pipe: under pipefail, its early exit is
		# the writer's SIGPIPE)
		[ -n "$(sed -n '/<form class="filter__form" method="get"/,/<\/form>/p' "$IT_B" | grep 'name="q"')" ] ||
			fail "$p: the q box is not in the filter form"
	done
}

# ---------------------------------------------------------- projects ----

test_search_projects_two_chars() {
	local w
	for w in 防災 福祉 清掃 子育 地域; do
		sr_get /projects "$w"
		expect_page 200
		expect_body "&quot;$w&quot; を含む協働事業"
		expect_body "value=\"$w\""
		sr_expect_projects "$SR_PROJECT_TEXT LIKE '%$w%'"
	done
	# the page title says what was searched
	sr_get /projects 防災
	expect_body_re '<title>&quot;防災&quot; を含む協働事業'
}

test_search_projects_five_chars() {
	# a hiragana word also finds its katakana spelling (フリガナ)
	sr_get /projects まちづくり
	expect_page 200
	expect_body '&quot;まちづくり&quot; を含む協働事業'
	sr_expect_projects "$SR_PROJECT_TEXT LIKE '%まちづくり%' OR $SR_PROJECT_TEXT LIKE '%マチヅクリ%'"
	sr_get /projects 子育て支援
	expect_page 200
	expect_body '&quot;子育て支援&quot; を含む協働事業'
	sr_expect_projects "$SR_PROJECT_TEXT LIKE '%子育て支援%'"
	[ -n "$(sr_ids projects)" ] || fail "子育て支援 finds nothing"
}

test_search_projects_words_and() {
	sr_get /projects '防災　訓練'
	expect_page 200
	expect_body '&quot;防災&quot; と &quot;訓練&quot; を含む協働事業'
	sr_expect_projects "$SR_PROJECT_TEXT LIKE '%防災%' AND $SR_PROJECT_TEXT LIKE '%訓練%'"
	[ -n "$(sr_ids projects)" ] || fail "no project has both 防災 and 訓練"
}

test_search_unpublished_never_found() {
	local id title ids
	# every unpublished project, by a word of its own title
	while IFS='|' read -r id title; do
		title=${title%% *}
		title=${title:0:12}
		[ "${#title}" -ge 2 ] || continue
		sr_get /projects "$title"
		expect_status 200
		ids=",$(sr_ids projects),"
		case $ids in *",$id,"*) fail "unpublished project $id found by '$title'" ;; esac
	done < <(sql "SELECT id, title FROM projects WHERE published = 0 ORDER BY id LIMIT 15")
	# and the index holds exactly the published ones
	[ "$(sql 'SELECT count(*) FROM projects_fts')" = "$(sql 'SELECT count(*) FROM projects WHERE published = 1')" ] ||
		fail "projects_fts does not hold exactly the published projects"
}

test_search_projects_filters_combine() {
	local year form dept
	year=$(sql "SELECT fiscal_year FROM projects WHERE published = 1 AND $SR_PROJECT_TEXT LIKE '%防災%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
	form=$(sql "SELECT form FROM projects WHERE published = 1 AND $SR_PROJECT_TEXT LIKE '%防災%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
	dept=$(sql "SELECT department FROM projects WHERE published = 1 AND $SR_PROJECT_TEXT LIKE '%地域%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
	GET "/projects?year=$year" -G --data-urlencode "q=防災"
	expect_page 200
	sr_expect_projects "$SR_PROJECT_TEXT LIKE '%防災%' AND fiscal_year = $year"
	GET "/projects?year=$year&form=$form" -G --data-urlencode "q=防災"
	sr_expect_projects "$SR_PROJECT_TEXT LIKE '%防災%' AND fiscal_year = $year AND form = '$form'"
	GET "/projects?dept=$dept" -G --data-urlencode "q=地域"
	sr_expect_projects "$SR_PROJECT_TEXT LIKE '%地域%' AND department = '$dept'"
	GET "/projects?domain=kyoryoku" -G --data-urlencode "q=地域"
	sr_expect_projects "$SR_PROJECT_TEXT LIKE '%地域%' AND domain = 'kyoryoku'"
	GET "/projects?field=bosai" -G --data-urlencode "q=地域"
	sr_expect_projects "$SR_PROJECT_TEXT LIKE '%地域%' AND id IN (SELECT project_id FROM project_fields WHERE field = 'bosai')"
	GET "/projects?field=kosodate&year=$year" -G --data-urlencode "q=地域"
	sr_expect_projects "$SR_PROJECT_TEXT LIKE '%地域%' AND fiscal_year = $year AND id IN (SELECT project_id FROM project_fields WHERE field = 'kosodate')"
	# the filters stay chosen, the keyword stays in the box
	GET "/projects?year=$year&form=$form" -G --data-urlencode "q=防災"
	expect_body_re "<option value=\"$year\" selected>"
	expect_body_re "<option value=\"$form\" selected>"
	expect_body 'value="防災"'
	expect_body '条件をすべて解除'
}

test_search_projects_pager_keeps_q() {
	local p1 p2 next want2
	sr_get /projects 地域
	expect_page 200
	next=$(grep -o 'href="[^"]*" rel="next"' "$IT_B" | sed 's/^href="//; s/" rel="next"$//; s/&amp;/\&/g')
	[ -n "$next" ] || {
		fail "no next-page link for 地域"
		return
	}
	case $next in *q=%E5%9C%B0%E5%9F%9F*) ;; *) fail "next-page link $next lost q" ;; esac
	p1=$(sr_ids projects)
	GET "$next"
	expect_page 200
	p2=$(sr_ids projects)
	want2=$(sql "SELECT id FROM projects WHERE published = 1 AND $SR_PROJECT_TEXT LIKE '%地域%' ORDER BY id DESC LIMIT 20 OFFSET 20" | paste -sd, -)
	[ "$p2" = "$want2" ] || fail "page 2 lists $p2, expected $want2"
	[ "$p1" != "$p2" ] || fail "page 2 is page 1"
	# past the last page: 404
	GET "/projects?page=999" -G --data-urlencode "q=地域"
	expect_error_page 404
}

test_search_cap() {
	# ます ends most sentences of the demo data: over the cap
	[ "$(sql "SELECT count(*) FROM projects WHERE published = 1 AND $SR_PROJECT_TEXT LIKE '%ます%'")" -gt "$SR_CAP" ] || {
		fail "the demo data has no word over the cap any more: pick another"
		return
	}
	sr_get /projects ます
	expect_page 200
	expect_body_re "<strong class=\"num\">$SR_CAP</strong>件以上見つかりました。1〜20件目を表示"
	expect_body "${SR_CAP}件を超えたため"
	# the last page under the cap lists 20; the next one does not exist
	sr_get /projects ます -d page=$((SR_CAP / 20))
	expect_page 200
	[ "$(links '/projects/[0-9]+' | wc -l)" -eq 20 ] || fail "the last page lists $(links '/projects/[0-9]+' | wc -l) projects"
	sr_get /projects ます -d page=$((SR_CAP / 20 + 1))
	expect_error_page 404
}

test_search_normalisation() {
	local a b
	# 全角/半角 and upper/lower case are one
	sr_get /projects NPO
	a=$(sr_ids projects)
	sr_get /projects ｎｐｏ
	b=$(sr_ids projects)
	[ -n "$a" ] || fail "NPO finds nothing"
	[ "$a" = "$b" ] || fail "NPO ($a) and ｎｐｏ ($b) differ"
	# ひらがな and カタカナ too
	sr_get /projects ボランティア
	a=$(sr_ids projects)
	sr_get /projects ぼらんてぃあ
	b=$(sr_ids projects)
	[ -n "$a" ] && [ "$a" = "$b" ] || fail "ボランティア ($a) and ぼらんてぃあ ($b) differ"
}

test_search_no_match() {
	sr_get /projects 該当なしの語
	expect_page 200
	expect_body '該当する協働事業はありません。条件を変えてお試しください。'
	[ -z "$(sr_ids projects)" ] || fail "projects listed for a word nobody uses"
}

test_search_escaped() {
	sr_get /projects '<script>alert(1)</script>'
	expect_page 200
	expect_no_body '<script>alert(1)'
	expect_body '&lt;script&gt;'
}

# ------------------------------------------------------ one character ----

test_search_one_char_notice() {
	sr_get /projects 防
	expect_page 200
	expect_body '2文字以上で入力してください'
	expect_body 'キーワードを確かめてください'
	expect_body 'value="防"'
	[ -z "$(sr_ids projects)" ] || fail "projects listed for a one-character word"
	sr_get /projects '防災 市'
	expect_page 200
	expect_body '「市」は1文字のため検索できません'
	sr_get /groups 会
	expect_page 200
	expect_body '2文字以上で入力してください'
}

# --------------------------------------------------------------- 400 ----

test_search_too_long_400() {
	local q
	q=$(printf 'あ%.0s' $(seq 1 101))
	sr_get /projects "$q"
	expect_error_page 400
	expect_body '100文字以内'
	sr_get /groups "$q"
	expect_error_page 400
	# 100 characters are fine
	sr_get /projects "${q:1}"
	expect_page 200
	sr_get /projects 'aa bb cc dd ee ff gg hh ii jj kk'
	expect_error_page 400
	expect_body '10語まで'
	GET '/projects?q=%E9%98%B2%0A%E7%81%BD'
	expect_error_page 400
}

# ------------------------------------------------------------- groups ----

test_search_groups() {
	local w
	for w in 子ども 防災 清掃 地区; do
		sr_get /groups "$w"
		expect_page 200
		expect_body "&quot;$w&quot; を含む団体"
		sr_expect_groups "$SR_GROUP_TEXT LIKE '%$w%'"
	done
	# never a group that is not registered
	local id name ids
	while IFS='|' read -r id name; do
		name=${name:0:12}
		[ "${#name}" -ge 2 ] || continue
		sr_get /groups "$name"
		ids=",$(sr_ids groups),"
		case $ids in *",$id,"*) fail "unregistered group $id found by '$name'" ;; esac
	done < <(sql "SELECT id, name FROM groups WHERE status <> 'toroku' ORDER BY id LIMIT 10")
}

test_search_groups_filters_combine() {
	local kind
	kind=$(sql "SELECT kind FROM groups WHERE status = 'toroku' AND $SR_GROUP_TEXT LIKE '%地区%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
	GET "/groups?kind=$kind" -G --data-urlencode "q=地区"
	expect_page 200
	sr_expect_groups "$SR_GROUP_TEXT LIKE '%地区%' AND kind = '$kind'"
	GET "/groups?kana=%E3%81%8B" -G --data-urlencode "q=地区"
	sr_expect_groups "$SR_GROUP_TEXT LIKE '%地区%' AND kana_row = 'か'"
	GET "/groups?field=bosai" -G --data-urlencode "q=地区"
	sr_expect_groups "$SR_GROUP_TEXT LIKE '%地区%' AND id IN (SELECT group_id FROM group_fields WHERE field = 'bosai')"
	# the 五十音 links keep the keyword
	sr_get /groups 地区
	local kana_links
	kana_links=$(links '/groups\?[^"]*kana=[^"]*')
	[ -n "$kana_links" ] || fail "no 五十音 links"
	case ${kana_links%%$'\n'*} in *q=%E5%9C%B0%E5%8C%BA*) ;; *) fail "the 五十音 links drop q" ;; esac
}
