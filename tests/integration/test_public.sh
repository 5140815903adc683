# tests/integration/test_public.sh — the public pages of issue 2, over HTTP.
# Sourced by tests/integration/run.sh; each test_* function is one test, run
# in the order written, with the servers of lib.sh already up.
# shellcheck shell=bash

# 令和N年度（20NN年度）, the way every page writes a fiscal year.
NENDO_RE='令和([0-9]+|元)年度（20[0-9]{2}年度）'

# The schema (schema/001_init.sql) as the tests read it.
PROJECT_YEAR_SQL=fiscal_year        # INTEGER, 2024 = 令和6年度
PROJECT_FORM_SQL=form               # forms(code)
PROJECT_PUBLIC_SQL='published = 1'  # shown on public pages
GROUP_KANA_SQL=kana                 # full-width katakana, sort key
GROUP_LISTED_SQL="status IN (SELECT code FROM group_statuses WHERE listed = 1)"

# private_contact_values — every personal contact value the database holds
# that must never appear on a public page: a representative's name, phone,
# address and e-mail not marked 公開, a proposer's contact, users' e-mail.
# A value that is also public somewhere (the same person is the public
# representative of another group, say) is left out.
private_contact_values() {
	sql "WITH priv(v) AS (
	       SELECT rep_name FROM groups WHERE rep_name_public = 0
	 UNION SELECT rep_phone FROM groups WHERE rep_phone_public = 0
	 UNION SELECT rep_address FROM groups WHERE rep_address_public = 0
	 UNION SELECT rep_email FROM groups WHERE rep_email_public = 0
	 UNION SELECT proposer_name FROM proposals
	 UNION SELECT proposer_email FROM proposals
	 UNION SELECT proposer_phone FROM proposals
	 UNION SELECT email FROM users),
	 pub(v) AS (
	       SELECT rep_name FROM groups WHERE rep_name_public = 1
	 UNION SELECT rep_phone FROM groups WHERE rep_phone_public = 1
	 UNION SELECT rep_address FROM groups WHERE rep_address_public = 1
	 UNION SELECT rep_email FROM groups WHERE rep_email_public = 1
	 UNION SELECT phone FROM groups UNION SELECT email FROM groups
	 UNION SELECT name FROM groups UNION SELECT phone FROM departments)
	 SELECT v FROM priv WHERE v IS NOT NULL AND length(v) >= 3
	 EXCEPT SELECT v FROM pub"
}

# first_link PREFIX-ERE PAGE — GET PAGE and set LINK to its first link
# matching PREFIX-ERE (empty when none).
first_link() {
	GET "$2"
	LINK=$(links "$1" | head -n 1)
}

# listed_ids KIND — the ids of /KIND/{id} links in the last body, comma-separated.
listed_ids() {
	links "/$1/[0-9]+" | sed 's|.*/||' | paste -sd, -
}

# ------------------------------------------------------------------ misc ----

test_healthz() {
	GET /healthz
	expect_status 200
	expect_security_headers
	expect_header Content-Type '^text/plain|^application/json|^text/html'
}

test_healthz_head() {
	http HEAD /healthz
	expect_status 200
	expect_empty_body
}

# ------------------------------------------------------------------- top ----

test_top_page() {
	GET /
	expect_page 200
	expect_body '協働'
	expect_body '協働とは'
	expect_body_re "$NENDO_RE"
	expect_body 'href="/projects'
	expect_body 'href="/groups"'
	expect_body 'href="/forms"'
	expect_body 'href="#main"' # skip link
	[ -n "$(links '/projects/[0-9]+')" ] || fail "no link to a project"
}

test_top_page_head() {
	http HEAD /
	expect_status 200
	expect_header Content-Type '^text/html; *charset=utf-8$'
	expect_security_headers
	expect_empty_body
}

test_top_page_gzip() {
	http GET / -H 'Accept-Encoding: gzip'
	expect_status 200
	expect_header Content-Encoding '^gzip$'
}

# -------------------------------------------------------------- projects ----

test_projects_list() {
	GET /projects
	expect_page 200
	expect_body '協働事業'
	expect_body_re "$NENDO_RE"
	local n
	n=$(links '/projects/[0-9]+' | wc -l)
	[ "$n" -ge 2 ] || fail "only $n project links on the first page"
	[ "$n" -le 100 ] || fail "$n project links: not paged?"
	# the filter form is a plain GET form with labelled fields
	expect_body 'name="year"'
	expect_body 'name="form"'
	expect_body_re '<label[^>]*for="'
}

test_projects_filter_year() {
	GET '/projects?year=2025'
	expect_page 200
	expect_body '令和7年度（2025年度）'
	local ids bad
	ids=$(listed_ids projects)
	[ -n "$ids" ] || {
		fail "no project in 2025"
		return
	}
	bad=$(sql "SELECT count(*) FROM projects WHERE id IN ($ids) AND $PROJECT_YEAR_SQL <> 2025")
	[ "$bad" = 0 ] || fail "$bad listed projects are not in 2025 (ids $ids)"
}

test_projects_filter_form() {
	GET '/projects?form=hojo'
	expect_page 200
	expect_body '補助'
	local ids bad
	ids=$(listed_ids projects)
	[ -n "$ids" ] || {
		fail "no 補助 project"
		return
	}
	bad=$(sql "SELECT count(*) FROM projects WHERE id IN ($ids) AND $PROJECT_FORM_SQL <> 'hojo'")
	[ "$bad" = 0 ] || fail "$bad listed projects are not 補助 (ids $ids)"
}

test_projects_page_2() {
	local p1 p2
	GET /projects
	p1=$(links '/projects/[0-9]+' | sort)
	expect_body 'rel="next"'
	GET '/projects?page=2'
	expect_page 200
	p2=$(links '/projects/[0-9]+' | sort)
	[ -n "$p2" ] || fail "page 2 lists no project (the demo has ~120)"
	[ -z "$(comm -12 <(echo "$p1") <(echo "$p2"))" ] || fail "pages 1 and 2 share projects"
	expect_body 'rel="prev"'
}

test_projects_filter_combined() {
	GET '/projects?year=2025&form=hojo&page=1'
	expect_page 200
	local ids bad
	ids=$(listed_ids projects)
	[ -n "$ids" ] || {
		fail "no 補助 project in 2025"
		return
	}
	bad=$(sql "SELECT count(*) FROM projects WHERE id IN ($ids) AND ($PROJECT_YEAR_SQL <> 2025 OR $PROJECT_FORM_SQL <> 'hojo')")
	[ "$bad" = 0 ] || fail "$bad listed projects are not 補助 in 2025"
	# the form shows the chosen filters
	expect_body_re '<option value="2025"[^>]* selected'
	expect_body_re '<option value="hojo"[^>]* selected'
}

test_projects_total_matches_db() {
	GET '/projects?year=2025'
	local want
	want=$(sql "SELECT count(*) FROM projects WHERE $PROJECT_PUBLIC_SQL AND $PROJECT_YEAR_SQL = 2025")
	expect_body_re "(>|^|[^0-9])$want(<|件)"
}

test_project_detail() {
	first_link '/projects/[0-9]+' /projects
	local url=$LINK
	[ -n "$url" ] || {
		fail "no project link on /projects"
		return
	}
	GET "$url"
	expect_page 200
	expect_body_re '<h1[^>]*>[^<]+'
	expect_body_re "$NENDO_RE"
	local id=${url##*/} title
	title=$(sql "SELECT title FROM projects WHERE id = $id")
	[ -n "$title" ] && expect_body "$(html_escape "$title")"
}

test_unpublished_project_404() {
	local id
	id=$(sql "SELECT id FROM projects WHERE NOT ($PROJECT_PUBLIC_SQL) LIMIT 1")
	if [ -z "$id" ]; then
		fail "the demo data has no unpublished project to test with"
		return
	fi
	GET "/projects/$id"
	expect_error_page 404
	GET /projects
	expect_no_body "href=\"/projects/$id\""
}

test_project_unknown_id() {
	GET /projects/99999999
	expect_error_page 404
}

test_project_nonnumeric_id() {
	local p
	for p in /projects/abc /projects/1abc /projects/-1 /projects/0x10 /projects/1.0 '/projects/1%20'; do
		GET "$p"
		expect_error_page 404
	done
}

test_projects_post_405() {
	http POST /projects -d 'a=b'
	expect_error_page 405
	expect_header Allow '(^|[ ,])GET([ ,]|$)'
}

test_projects_put_405() {
	http PUT /projects/1 -d 'a=b'
	expect_status 405
	expect_header Allow 'GET'
	expect_security_headers
}

test_body_too_large_413() {
	local big=$((KYODO_MAX_BODY * 2))
	http POST /projects -H 'Content-Type: application/x-www-form-urlencoded' \
		--data-binary "x=$(head -c "$big" /dev/zero | tr '\0' a)"
	expect_error_page 413
}

test_malformed_query_400() {
	local q
	for q in '/projects?year=%ZZ' '/projects?year=%FF' '/projects?q=%E3%81' \
		'/projects?q=a%00b' '/groups?kana=%FF' '/projects?year=%'; do
		GET "$q"
		expect_error_page 400
	done
}

# A malformed page number is the same 400 on both lists; a well-formed one
# past the last page is a 404 that says how many pages there are.
test_bad_page_number() {
	local list q
	for list in /projects /groups; do
		for q in page=0 page=-1 page=abc page=1.5 page=99999999999999999999; do
			GET "$list?$q"
			expect_error_page 400
			expect_body 'ページ番号'
		done
		GET "$list?page=999999"
		expect_error_page 404
		expect_body '指定されたページはありません'
	done
}

# ---------------------------------------------------------------- groups ----

test_groups_list() {
	GET /groups
	expect_page 200
	expect_body '団体'
	local n
	n=$(links '/groups/[0-9]+' | wc -l)
	[ "$n" -ge 2 ] || fail "only $n group links"
	local ids bad
	ids=$(listed_ids groups)
	bad=$(sql "SELECT count(*) FROM groups WHERE id IN ($ids) AND NOT ($GROUP_LISTED_SQL)")
	[ "$bad" = 0 ] || fail "$bad unlisted groups (申請中/休止/抹消) in the directory"
}

test_unlisted_group_404() {
	local id
	id=$(sql "SELECT id FROM groups WHERE NOT ($GROUP_LISTED_SQL) LIMIT 1")
	if [ -z "$id" ]; then
		fail "the demo data has no unlisted group (申請中/休止/抹消) to test with"
		return
	fi
	GET "/groups/$id"
	expect_error_page 404
}

test_groups_sorted_by_kana() {
	GET /groups
	# the page lists groups in the order of their kana
	local ids want got
	ids=$(links '/groups/[0-9]+' | sed 's|.*/||')
	got=$(printf '%s\n' "$ids" | paste -sd, -)
	want=$(sql "SELECT id FROM groups WHERE id IN ($got) ORDER BY $GROUP_KANA_SQL, id" | paste -sd, -)
	[ "$got" = "$want" ] || fail "groups not in kana order: page $got, kana order $want"
}

test_groups_kana_filter() {
	GET "/groups?kana=$(urlenc 'あ')"
	expect_page 200
	local ids bad
	ids=$(listed_ids groups)
	[ -n "$ids" ] || {
		fail "no group under あ"
		return
	}
	# あ行: the kana starts with ア イ ウ エ オ (or small forms, ヴ)
	bad=$(sql "SELECT group_concat($GROUP_KANA_SQL, ' / ') FROM groups WHERE id IN ($ids) AND substr($GROUP_KANA_SQL, 1, 1) NOT IN ('ァ','ア','ィ','イ','ゥ','ウ','ェ','エ','ォ','オ','ヴ')")
	[ -z "$bad" ] || fail "listed under あ: $bad"
	# and every listed あ-row group is there (on the first page at least)
	local want n
	want=$(sql "SELECT count(*) FROM groups WHERE $GROUP_LISTED_SQL AND substr($GROUP_KANA_SQL, 1, 1) IN ('ァ','ア','ィ','イ','ゥ','ウ','ェ','エ','ォ','オ','ヴ')")
	n=$(printf '%s\n' "$ids" | awk -F, '{print NF}')
	[ "$n" -eq "$want" ] || [ "$n" -ge 20 ] || fail "$n groups under あ, the database has $want"
}

test_group_detail() {
	first_link '/groups/[0-9]+' /groups
	local url=$LINK
	[ -n "$url" ] || {
		fail "no group link on /groups"
		return
	}
	GET "$url"
	expect_page 200
	local id=${url##*/} name
	name=$(sql "SELECT name FROM groups WHERE id = $id")
	expect_body "$(html_escape "$name")"
}

test_group_unknown_id() {
	GET /groups/99999999
	expect_error_page 404
	GET /groups/abc
	expect_error_page 404
}

test_groups_post_405() {
	http POST /groups -d 'a=b'
	expect_error_page 405
	expect_header Allow 'GET'
}

# ----------------------------------------------------------------- forms ----

test_forms_list() {
	GET /forms
	expect_page 200
	local code
	for code in itaku kyosai hojo koen; do
		expect_body "href=\"/forms/$code\""
	done
	expect_body '委託'
	expect_body '補助'
}

test_forms_hojo() {
	GET /forms/hojo
	expect_page 200
	expect_body '補助'
	expect_body '対等性を失いやすい'
	# the 領域 axis 市民主体 → 行政主体 as a picture
	expect_body '市民'
	expect_body '行政'
}

test_forms_itaku() {
	GET /forms/itaku
	expect_page 200
	expect_body '委託'
}

test_forms_unknown() {
	GET /forms/nosuch
	expect_error_page 404
}

# ---------------------------------------------------------------- errors ----

test_unknown_path_404() {
	local p
	for p in /no-such-page /projects/ /projects/1/nope '/%E3%81%82' /static-not; do
		GET "$p"
		expect_error_page 404
		expect_body 'href="/"' # the normal layout, with its navigation
	done
}

test_error_page_request_id() {
	GET /no-such-page
	local rid
	rid=$(header X-Request-Id)
	[ -n "$rid" ] || fail "no X-Request-Id header"
	[ -n "$rid" ] && expect_body "$rid"
	expect_body '見つかりません'
}

# ---------------------------------------------------------------- static ----

test_static_css() {
	GET /
	local css
	css=$(grep -oE '<link[^>]*rel="stylesheet"[^>]*>' "$IT_B" | grep -oE 'href="/static/[^"]+\.css"' | sed 's/href="//; s/"$//')
	[ -n "$css" ] || {
		fail "no stylesheet under /static/ on /"
		return
	}
	local u
	for u in $css; do
		GET "$u"
		expect_status 200
		expect_header Content-Type '^text/css'
		expect_header X-Content-Type-Options '^nosniff$'
		expect_header Cache-Control 'max-age=[1-9]'
		[ -s "$IT_B" ] || fail "$u is empty"
	done
}

test_static_missing_404() {
	GET /static/nope.css
	expect_status 404
}

# ------------------------------------------------------- private contact ----

# Every public page that shows a group: the directory, every group, every
# project. None may contain a representative's contact marked 非公開.
test_no_private_contact_on_public_pages() {
	local secrets
	secrets=$(private_contact_values)
	if [ -z "$secrets" ]; then
		fail "the demo database has no private contact values to look for"
		return
	fi
	local pages
	pages=$( (
		echo /
		echo /groups
		sql "SELECT '/groups/' || id FROM groups"
		sql "SELECT '/projects/' || id FROM projects"
	))
	local all=$IT_DIR/all-public-pages.html
	: >"$all"
	local p n=0
	for p in $pages; do
		GET "$p"
		case $STATUS in 200 | 404) ;; *) fail "status $STATUS" ;; esac
		cat "$IT_B" >>"$all"
		n=$((n + 1))
	done
	local s leaks=0
	while IFS= read -r s; do
		[ -n "$s" ] || continue
		if grep -Fq -- "$s" "$all" || grep -Fq -- "$(html_escape "$s")" "$all"; then
			leaks=$((leaks + 1))
			[ "$leaks" -le 10 ] && LAST_REQ="$n pages" fail "private value shown: '$s'"
		fi
	done <<<"$secrets"
	[ "$leaks" -eq 0 ] || LAST_REQ="$n pages" fail "$leaks private values shown in all"
}

# The other side of the same rule, so the check above is known to look at
# the right text: a contact the group marked 公開 is shown on its page.
test_public_contact_shown() {
	local row id v
	row=$(sql "SELECT id, rep_name FROM groups WHERE $GROUP_LISTED_SQL AND rep_name_public = 1 AND rep_name <> '' LIMIT 1")
	if [ -z "$row" ]; then
		fail "the demo data has no listed group with a public representative"
		return
	fi
	id=${row%%|*}
	v=${row#*|}
	GET "/groups/$id"
	expect_status 200
	expect_body "$(html_escape "$v")"
}

# --------------------------------------------------------------- helpers ----

# html_escape TEXT — TEXT as the templates write it (& < > " ').
html_escape() {
	printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
		-e 's/"/\&quot;/g' -e "s/'/\&#39;/g"
}

# urlenc TEXT — percent-encode TEXT (UTF-8 bytes).
urlenc() {
	local LC_ALL=C s=$1 i c out=
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in [A-Za-z0-9._~-]) out+=$c ;; *) out+=$(printf '%%%02X' "'$c") ;; esac
	done
	printf '%s' "$out"
}
