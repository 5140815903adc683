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

# fr_save KIND TABLE CODE NAME COLUMN... — save master row CODE with NAME
# and every other listed column as stored (a column left out of the form
# would be cleared); core (a checkbox) only when it is set.
fr_save() {
	local kind=$1 table=$2 code=$3 name=$4 col v args=()
	shift 4
	ad_get "/admin/master/$kind/$code/edit"
	expect_page 200
	args+=(--data-urlencode "fp=$(ad_fp)" --data-urlencode "name=$name")
	for col in "$@"; do
		v=$(sql "SELECT $col FROM $table WHERE code = '$code'")
		if [ "$col" = core ]; then
			[ "$v" = 1 ] && args+=(--data-urlencode "core=1")
		else
			args+=(--data-urlencode "$col=$v")
		fi
	done
	ad_post "/admin/master/$kind/$code/edit" "${args[@]}"
	expect_status 303
}

fr_field() { fr_save fields fields kankyo "$1" sort; }
fr_form() {
	fr_save forms forms hojo "$1" kana description effect examples domain \
		caution core sort
}
fr_kind() { fr_save group-kinds group_kinds npo "$1" type description sort; }

test_fragments_master_edit_seen_at_once() {
	local i old_kind before after
	old_kind=$(sql "SELECT name FROM group_kinds WHERE code = 'npo'")
	before=$(sql "SELECT * FROM forms WHERE code = 'hojo'; SELECT * FROM group_kinds WHERE code = 'npo'; SELECT * FROM fields WHERE code = 'kankyo'")
	fr_pages
	GET /projects "${FR_NOCACHE[@]}"
	expect_body '>環境</option>'
	expect_body '>補助</option>'
	ad_login admin || return
	fr_field '環境・みどり<&>'
	fr_form '補助（交付）'
	fr_kind 'NPO法人・市民活動団体'
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
	fr_field 環境
	fr_form 補助
	fr_kind "$old_kind"
	for i in 1 2 3 4; do
		GET '/projects?field=kankyo' "${FR_NOCACHE[@]}"
		expect_body '<option value="kankyo" selected>環境</option>'
		expect_body '<option value="hojo">補助</option>'
		GET /forms/hojo "${FR_NOCACHE[@]}"
		expect_body '「補助」の領域は'
	done
	# every column as it was (the other tests rely on the demo's rows)
	after=$(sql "SELECT * FROM forms WHERE code = 'hojo'; SELECT * FROM group_kinds WHERE code = 'npo'; SELECT * FROM fields WHERE code = 'kankyo'")
	[ "$before" = "$after" ] || fail "master rows not restored: $before / $after"
}
