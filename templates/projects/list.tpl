{{%AUTOESCAPE context="HTML"}}
<h1 class="page-title">協働事業をさがす</h1>
<p class="page-lead">市と市民・団体が協働で取り組んでいる事業です。キーワードや、年度・形態などで絞り込めます。</p>

<section class="filter" aria-labelledby="filter-title">
<h2 class="filter__title" id="filter-title">絞り込み条件</h2>
<form class="filter__form" method="get" action="/projects">
<div class="filter__fields">
<div class="field field--search">
<label class="field__label" for="f-q">キーワード</label>
<input class="field__input" type="search" id="f-q" name="q" value="{{Q}}" maxlength="100" aria-describedby="f-q-hint">
<p class="field__hint" id="f-q-hint">事業名・概要・目的などに含まれる語（2文字以上）。スペースで区切ると、すべての語を含む事業をさがします。</p>
</div>
<div class="field">
<label class="field__label" for="f-year">年度</label>
<select class="field__select" id="f-year" name="year">
<option value="">すべての年度</option>
{{YEAR_OPTIONS:none}}
</select>
</div>
<div class="field">
<label class="field__label" for="f-form">協働の形態</label>
<select class="field__select" id="f-form" name="form">
<option value="">すべての形態</option>
{{FORM_OPTIONS:none}}
</select>
</div>
<div class="field">
<label class="field__label" for="f-field">分野</label>
<select class="field__select" id="f-field" name="field">
<option value="">すべての分野</option>
{{FIELD_OPTIONS:none}}
</select>
</div>
<div class="field">
<label class="field__label" for="f-domain">協働の領域</label>
<select class="field__select" id="f-domain" name="domain">
<option value="">すべての領域</option>
{{DOMAIN_OPTIONS:none}}
</select>
</div>
<div class="field">
<label class="field__label" for="f-dept">担当課</label>
<select class="field__select" id="f-dept" name="dept">
<option value="">すべての担当課</option>
{{DEPT_OPTIONS:none}}
</select>
</div>
</div>
<div class="filter__actions">
<button class="button button--primary" type="submit">この条件で絞り込む</button>
{{#FILTERED}}<a class="filter__clear" href="/projects">条件をすべて解除</a>{{/FILTERED}}
</div>
</form>
</section>

<section class="results" aria-labelledby="results-title">
<h2 class="results__title" id="results-title">{{RESULT_TITLE}}</h2>
{{#MANY_RESULTS}}<p class="results__count" role="status"><strong class="num">{{CAP}}</strong>件以上見つかりました。{{FROM}}〜{{TO}}件目を表示</p>{{/MANY_RESULTS}}
{{#HAS_RESULTS}}<p class="results__count" role="status"><strong class="num">{{TOTAL}}</strong>件中 {{FROM}}〜{{TO}}件目を表示</p>{{/HAS_RESULTS}}
{{#NO_RESULTS}}<p class="empty" role="status">条件に合う協働事業は見つかりませんでした。条件を変えてお試しください。</p>{{/NO_RESULTS}}
{{>SEARCH_NOTES}}
{{#ROWS}}
<ol class="project-list">
{{#ROW}}<li>
<h3><a href="/projects/{{ID}}">{{TITLE}}</a></h3>
<dl>
{{META:none}}{{#HAS_PARTNERS}}<div class="project-item__partners"><dt>協働の相手</dt><dd>{{PARTNERS}}</dd></div>{{/HAS_PARTNERS}}
</dl>
</li>
{{/ROW}}
</ol>
{{/ROWS}}
{{>PAGER}}
</section>
