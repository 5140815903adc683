{{%AUTOESCAPE context="HTML"}}
<section class="hero" aria-labelledby="hero-title">
<h1 class="hero__title" id="hero-title">{{CITY_NAME}}協働ポータル</h1>
<p class="hero__lead">市民・団体・企業と市が、対等な立場で力を合わせて取り組む「協働事業」と、その担い手である団体を紹介します。</p>
<ul class="hero__actions">
<li><a class="button button--primary" href="/projects">協働事業をさがす</a></li>
<li><a class="button button--secondary" href="/groups">団体をさがす</a></li>
</ul>
</section>

<section class="section" aria-labelledby="year-title">
<h2 class="section__title" id="year-title">{{YEAR_LABEL}}の協働事業</h2>
{{#NOT_YET}}<p class="note">{{CURRENT_LABEL}}の協働事業はまだ公開されていないため、直近の年度を表示しています。</p>{{/NOT_YET}}
<p class="section__lead">{{YEAR_LABEL}}に公開している協働事業は<strong class="num">{{TOTAL}}</strong>件です。形態ごとの件数は次のとおりです。</p>
{{#FORM_COUNTS}}
<ul class="count-grid">
{{#FORM_COUNT}}<li class="count-card">
<a class="count-card__link" href="/projects?year={{YEAR:u}}&amp;form={{CODE:u}}"><span class="count-card__name">{{NAME}}</span><span class="count-card__num"><span class="num">{{COUNT}}</span>件</span></a>
</li>
{{/FORM_COUNT}}
</ul>
{{/FORM_COUNTS}}
{{#NO_COUNTS}}<p class="empty">この年度の協働事業はまだ公開されていません。</p>{{/NO_COUNTS}}
<p class="section__more"><a href="/projects?year={{YEAR:u}}">{{YEAR_LABEL}}の協働事業をすべて見る</a></p>
</section>

<section class="section" aria-labelledby="latest-title">
<h2 class="section__title" id="latest-title">新着の協働事業</h2>
{{#LATEST_LIST}}
<ul class="card-list">
{{#LATEST}}<li class="card">
<h3 class="card__title"><a href="/projects/{{ID}}">{{TITLE}}</a></h3>
<p class="card__meta"><span class="tag">{{FORM_NAME}}</span> <span>{{YEAR_LABEL}}</span> <span>{{DEPT_NAME}}</span></p>
{{#SUMMARY_SECTION}}<p class="card__text">{{SUMMARY}}</p>{{/SUMMARY_SECTION}}
</li>
{{/LATEST}}
</ul>
{{/LATEST_LIST}}
{{#NO_LATEST}}<p class="empty">公開されている協働事業はまだありません。</p>{{/NO_LATEST}}
<p class="section__more"><a href="/projects">協働事業の一覧へ</a></p>
</section>

<div class="two-col">
<section class="section" aria-labelledby="about-title">
<h2 class="section__title" id="about-title">協働とは</h2>
<blockquote class="definition">
<p>地域や社会の課題解決に向け必要な公共サービスを市民全員で支えるために、市民や行政がお互いの特性や能力を生かしながら連携、協力して住みやすいまちづくりに向け取り組んでいくことです。</p>
</blockquote>
<p>ここでいう「市民」とは、市民個人ばかりでなく、町内会・自治会などの地域コミュニティ、NPOなど各種市民活動団体、大学、企業等も含んだ、ここに住む人、働く人、集う人、すべての人たちを指します。</p>
{{PRINCIPLES_HTML:none}}
</section>

<section class="section" aria-labelledby="forms-title">
<h2 class="section__title" id="forms-title">協働の形態</h2>
<p>協働には、事業の内容に応じてさまざまな形があります。形態ごとの進め方と注意点をご覧ください。</p>
<ul class="form-links">
{{FORM_LINKS:none}}
</ul>
<p class="section__more"><a href="/forms">協働の形態と領域について</a></p>
</section>
</div>
