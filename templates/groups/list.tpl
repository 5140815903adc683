{{%AUTOESCAPE context="HTML"}}
<h1 class="page-title">団体をさがす</h1>
<p class="page-lead">市に登録している町内会・自治会、市民活動団体、NPO、企業などの団体です。五十音順に並んでいます（キーワードでさがすと、新しく登録された順）。</p>

<nav class="kana-index" aria-label="五十音で絞り込む">
<ul class="kana-index__list">
{{KANA_INDEX:none}}
</ul>
</nav>

<section class="filter" aria-labelledby="filter-title">
<h2 class="filter__title" id="filter-title">絞り込み条件</h2>
<form class="filter__form" method="get" action="/groups">
{{#KANA_HIDDEN}}<input type="hidden" name="kana" value="{{VALUE}}">{{/KANA_HIDDEN}}
<div class="filter__fields">
<div class="field field--search">
<label class="field__label" for="f-q">キーワード</label>
<input class="field__input" type="search" id="f-q" name="q" value="{{Q}}" maxlength="100" aria-describedby="f-q-hint">
<p class="field__hint" id="f-q-hint">団体名・フリガナ・地区・目的・活動内容に含まれる語（2文字以上）。スペースで区切ると、すべての語を含む団体をさがします。</p>
</div>
<div class="field">
<label class="field__label" for="f-kind">団体の種別</label>
<select class="field__select" id="f-kind" name="kind">
<option value="">すべての種別</option>
{{KIND_OPTIONS:none}}
</select>
</div>
<div class="field">
<label class="field__label" for="f-field">活動分野</label>
<select class="field__select" id="f-field" name="field">
<option value="">すべての分野</option>
{{FIELD_OPTIONS:none}}
</select>
</div>
</div>
<div class="filter__actions">
<button class="button button--primary" type="submit">この条件で絞り込む</button>
{{#FILTERED}}<a class="filter__clear" href="/groups">条件をすべて解除</a>{{/FILTERED}}
</div>
</form>
</section>

<section class="results" aria-labelledby="results-title">
<h2 class="results__title" id="results-title">{{RESULT_TITLE}}</h2>
{{#MANY_RESULTS}}<p class="results__count" role="status"><strong class="num">{{CAP}}</strong>団体以上見つかりました。{{FROM}}〜{{TO}}件目を表示</p>{{/MANY_RESULTS}}
{{#HAS_RESULTS}}<p class="results__count" role="status"><strong class="num">{{TOTAL}}</strong>団体中 {{FROM}}〜{{TO}}件目を表示</p>{{/HAS_RESULTS}}
{{#NO_RESULTS}}<p class="empty" role="status">条件に合う団体は見つかりませんでした。</p>{{/NO_RESULTS}}
{{>SEARCH_NOTES}}
{{#ROWS}}
<ul class="group-list">
{{#ROW}}<li>
<h3><a href="/groups/{{ID}}">{{NAME}}</a></h3>
<p class="group-item__kana">{{KANA}}</p>
<p class="group-item__meta">{{KIND_TAG:none}}{{#HAS_AREA}} <span>{{AREA}}</span>{{/HAS_AREA}}</p>
{{FIELDS_LINE:none}}
</li>
{{/ROW}}
</ul>
{{/ROWS}}
{{>PAGER}}
</section>
