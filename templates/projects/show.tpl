{{%AUTOESCAPE context="HTML"}}
<article class="project" aria-labelledby="project-title">
<header class="project__header">
<p class="project__kicker"><span>{{YEAR_LABEL}}</span> <a class="tag tag--link" href="/forms/{{FORM_CODE}}">{{FORM_NAME}}</a> <span class="status status--{{STATUS_CODE}}">{{STATUS_LABEL}}</span></p>
<h1 class="page-title" id="project-title">{{TITLE}}</h1>
{{#HAS_SUMMARY}}<p class="page-lead">{{SUMMARY}}</p>{{/HAS_SUMMARY}}
{{#HAS_PROGRESS}}<div class="progress">
<span class="progress__label" id="progress-label">進捗</span>
<progress class="progress__bar" max="100" value="{{PROGRESS}}" aria-labelledby="progress-label">{{PROGRESS}}%</progress>
<span class="progress__value">{{PROGRESS}}%</span>
</div>{{/HAS_PROGRESS}}
</header>

<section class="section" aria-labelledby="basic-title">
<h2 class="section__title" id="basic-title">事業の概要</h2>
<table class="facts">
<tbody>
<tr><th scope="row">年度</th><td>{{YEAR_LABEL}}</td></tr>
<tr><th scope="row">協働の形態</th><td><a href="/forms/{{FORM_CODE}}">{{FORM_NAME}}</a></td></tr>
{{#HAS_DOMAIN}}<tr><th scope="row">協働の領域</th><td>{{DOMAIN_NAME}}</td></tr>{{/HAS_DOMAIN}}
{{#HAS_FIELDS}}<tr><th scope="row">分野</th><td><ul class="inline-list">{{#FIELD}}<li><a href="/projects?field={{CODE:u}}">{{NAME}}</a></li>{{/FIELD}}</ul></td></tr>{{/HAS_FIELDS}}
<tr><th scope="row">担当課</th><td>{{DEPT_NAME}}</td></tr>
{{#HAS_PROPOSAL}}<tr><th scope="row">提案区分</th><td>{{PROPOSAL_LABEL}}</td></tr>{{/HAS_PROPOSAL}}
{{#HAS_PERIOD}}<tr><th scope="row">実施期間</th><td>{{PERIOD}}</td></tr>{{/HAS_PERIOD}}
<tr><th scope="row">状況</th><td>{{STATUS_LABEL}}</td></tr>
{{#HAS_POLICY}}<tr><th scope="row">関連する計画</th><td>{{POLICY}}</td></tr>{{/HAS_POLICY}}
</tbody>
</table>
{{#HAS_PURPOSE}}<h3 class="subsection__title">目的</h3>
<p class="prose">{{PURPOSE}}</p>{{/HAS_PURPOSE}}
{{#HAS_TARGET}}<h3 class="subsection__title">対象</h3>
<p class="prose">{{TARGET}}</p>{{/HAS_TARGET}}
</section>

{{#HAS_PARTNERS}}
<section class="section" aria-labelledby="partners-title">
<h2 class="section__title" id="partners-title">協働の相手</h2>
<div class="table-wrap">
<table class="table table--stack">
<thead><tr><th scope="col">団体名</th><th scope="col">種別</th><th scope="col">この事業での立場</th></tr></thead>
<tbody>
{{#PARTNER}}<tr><th scope="row">{{#LINKED}}<a href="/groups/{{GROUP_ID}}">{{NAME}}</a>{{/LINKED}}{{#UNLINKED}}{{NAME}}{{/UNLINKED}}</th><td data-label="種別">{{KIND}}</td><td data-label="立場">{{ROLE}}</td></tr>
{{/PARTNER}}
</tbody>
</table>
</div>
</section>
{{/HAS_PARTNERS}}

{{#HAS_ROLES}}
<section class="section" aria-labelledby="roles-title">
<h2 class="section__title" id="roles-title">役割分担</h2>
<div class="table-wrap">
<table class="table table--roles">
<thead><tr><th scope="col">主体</th><th scope="col">担う役割</th></tr></thead>
<tbody>
{{#ROLE}}<tr><th scope="row">{{ACTOR}}</th><td class="prose">{{TEXT}}</td></tr>
{{/ROLE}}
</tbody>
</table>
</div>
</section>
{{/HAS_ROLES}}

{{#HAS_BUDGET}}
<section class="section" aria-labelledby="budget-title">
<h2 class="section__title" id="budget-title">事業費</h2>
<div class="table-wrap">
<table class="table table--num">
<thead><tr><th scope="col">区分</th><th scope="col">計画</th><th scope="col">実績</th></tr></thead>
<tbody>
{{#BUDGET_ROW}}<tr><th scope="row">{{LABEL}}</th><td>{{PLANNED}}</td><td>{{ACTUAL}}</td></tr>
{{/BUDGET_ROW}}
</tbody>
</table>
</div>
{{#BUDGET_NOTE}}<p class="note">{{TEXT}}</p>{{/BUDGET_NOTE}}
</section>
{{/HAS_BUDGET}}

{{#HAS_INDICATORS}}
<section class="section" aria-labelledby="ind-title">
<h2 class="section__title" id="ind-title">目標と実績</h2>
<div class="table-wrap">
<table class="table table--num table--stack">
<thead><tr><th scope="col">指標</th><th scope="col">目標値</th><th scope="col">実績値</th><th scope="col">達成率</th></tr></thead>
<tbody>
{{#INDICATOR}}<tr><th scope="row">{{NAME}}</th><td data-label="目標値">{{TARGET}}</td><td data-label="実績値">{{ACTUAL}}</td><td data-label="達成率">{{RATE}}</td></tr>
{{/INDICATOR}}
</tbody>
</table>
</div>
</section>
{{/HAS_INDICATORS}}

{{#HAS_DETAILS}}
<section class="section" aria-labelledby="detail-title">
<h2 class="section__title" id="detail-title">{{FORM_NAME}}についての情報</h2>
<table class="facts">
<tbody>
{{#DETAIL}}<tr><th scope="row">{{LABEL}}</th><td class="prose">{{VALUE}}</td></tr>
{{/DETAIL}}
</tbody>
</table>
</section>
{{/HAS_DETAILS}}

<section class="section" aria-labelledby="eval-title">
<h2 class="section__title" id="eval-title">評価</h2>
{{#NO_EVALUATIONS}}<p class="empty">公表されている評価はまだありません。事業の実施後、評価がまとまりしだい公表します。</p>{{/NO_EVALUATIONS}}
{{#EVALUATION}}<div class="evaluation">
<h3 class="evaluation__title">{{KIND_LABEL}}</h3>
<dl class="evaluation__meta">
{{#EV_HAS_DATE}}<div><dt>評価日</dt><dd>{{DATE}}</dd></div>{{/EV_HAS_DATE}}
{{#EV_HAS_OVERALL}}<div><dt>総合評価</dt><dd>{{OVERALL}}</dd></div>{{/EV_HAS_OVERALL}}
{{#EV_HAS_DIRECTION}}<div><dt>今後の方向性</dt><dd>{{DIRECTION}}</dd></div>{{/EV_HAS_DIRECTION}}
</dl>
{{#EV_HAS_SUMMARY}}<h4 class="evaluation__sub">総評</h4><p class="prose">{{SUMMARY}}</p>{{/EV_HAS_SUMMARY}}
{{#EV_HAS_OUTCOME}}<h4 class="evaluation__sub">成果</h4><p class="prose">{{OUTCOME}}</p>{{/EV_HAS_OUTCOME}}
{{#EV_HAS_ISSUES}}<h4 class="evaluation__sub">課題</h4><p class="prose">{{ISSUES}}</p>{{/EV_HAS_ISSUES}}
{{#EV_HAS_IMPROVEMENTS}}<h4 class="evaluation__sub">改善策</h4><p class="prose">{{IMPROVEMENTS}}</p>{{/EV_HAS_IMPROVEMENTS}}
</div>
{{/EVALUATION}}
</section>

<p class="back-link"><a href="/projects">協働事業の一覧へ戻る</a></p>
</article>
