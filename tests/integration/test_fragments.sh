# tests/integration/test_fragments.sh — the master-data pieces each worker
# keeps between requests (src/view/fragment.c: filter <select>s, the form
# links and principles of the top page, the axis, procedure and other forms
# of /forms/:code, the meta line of a /projects row) are never stale: after
# admin renames a field, a form and a group kind, the very next requests —
# to every worker, with the response cache bypassed — show the new names,
# and the chosen filter stays selected.
# Uses ad_login / ad_get / ad_post / ad_fp from test_admin.sh.
# shellcheck shell=bash

# A kyodo cookie makes a request uncacheable: the page is built each time.
FR_NOCACHE=(-b kyodo_fragment_test=1)

# fr_pages — fetch the pages that hold master-data pieces, a few times each
# so that every worker has them.
fr_pages() {
	local i p
	for i in 1 2 3 4; do
		for p in / /projects '/projects?field=kankyo' /groups \
			'/groups?kind=npo' /forms/hojo /forms/itaku '/projects?form=hojo'; do
			GET "$p" "${FR_NOCACHE[@]}"
			expect_page 200
		done
	done
}

# fr_form_save CODE NAME — save form CODE with NAME, every other column as
# stored.
fr_form_save() {
	local c=$1 col v args=()
	ad_get "/admin/master/forms/$c/edit"
	expect_page 200
	args+=(--data-urlencode "fp=$(ad_fp)" --data-urlencode "name=$2")
	for col in kana description effect examples domain caution sort; do
		v=$(sql "SELECT $col FROM forms WHERE code = '$c'")
		args+=(--data-urlencode "$col=$v")
	done
	[ "$(sql "SELECT core FROM forms WHERE code = '$c'")" = 1 ] &&
		args+=(--data-urlencode "core=1")
	ad_post "/admin/master/forms/$c/edit" "${args[@]}"
	expect_status 303
}

# fr_simple_save KIND CODE NAME — save a master row with name and sort.
fr_simple_save() {
	ad_get "/admin/master/$1/$2/edit"
	expect_page 200
	ad_post "/admin/master/$1/$2/edit" --data-urlencode "fp=$(ad_fp)" \
		--data-urlencode "name=$3" \
		--data-urlencode "sort=$(sql "SELECT sort FROM ${1//-/_} WHERE code = '$2'")"
	expect_status 303
}

test_fragments_master_edit_seen_at_once() {
	local i old_kind
	old_kind=$(sql "SELECT name FROM group_kinds WHERE code = 'npo'")
	fr_pages
	GET /projects "${FR_NOCACHE[@]}"
	expect_body '>環境</option>'
	expect_body '>補助</option>'
	ad_login admin || return
	fr_simple_save fields kankyo '環境・みどり<&>'
	fr_form_save hojo '補助（交付）'
	fr_simple_save group-kinds npo 'NPO法人・市民活動団体'
	[ "$(sql "SELECT name FROM forms WHERE code = 'hojo'")" = '補助（交付）' ] ||
		fail "the form was not renamed"
	for i in 1 2 3 4; do
		GET /projects "${FR_NOCACHE[@]}"
		expect_body '<option value="kankyo">環境・みどり&lt;&amp;&gt;</option>'
		expect_no_body '>環境</option>'
		expect_body '<option value="hojo">補助（交付）</option>'
		GET '/projects?form=hojo' "${FR_NOCACHE[@]}"
		expect_body '<div><dt>形態</dt><dd>補助（交付）</dd></div>'
		expect_no_body '<dd>補助</dd>'
		GET '/projects?field=kankyo' "${FR_NOCACHE[@]}"
		expect_body '<option value="kankyo" selected>環境・みどり&lt;&amp;&gt;</option>'
		GET /groups "${FR_NOCACHE[@]}"
		expect_body '>環境・みどり&lt;&amp;&gt;</option>'
		GET '/groups?kind=npo' "${FR_NOCACHE[@]}"
		expect_body '<option value="npo" selected>NPO法人・市民活動団体</option>'
		GET / "${FR_NOCACHE[@]}"
		expect_body '<span class="form-links__name">補助（交付）</span>'
		expect_no_body '<span class="form-links__name">補助</span>'
		GET /forms/itaku "${FR_NOCACHE[@]}"
		expect_body '<span class="form-links__name">補助（交付）</span>'
		GET /forms/hojo "${FR_NOCACHE[@]}"
		expect_body '「補助（交付）」の領域は'
	done
	# back again: the old names at once
	fr_simple_save fields kankyo 環境
	fr_form_save hojo 補助
	fr_simple_save group-kinds npo "$old_kind"
	for i in 1 2 3 4; do
		GET '/projects?field=kankyo' "${FR_NOCACHE[@]}"
		expect_body '<option value="kankyo" selected>環境</option>'
		expect_body '<option value="hojo">補助</option>'
		GET /forms/hojo "${FR_NOCACHE[@]}"
		expect_body '「補助」の領域は'
	done
}
