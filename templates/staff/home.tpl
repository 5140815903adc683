{{%AUTOESCAPE context="HTML"}}
{{>STAFF_NAV}}
<h1 class="page-title">職員トップ</h1>
<p class="page-lead">{{SCOPE}}の協働事業と、対応が必要なことの一覧です。</p>
{{#DEPT_STOPPED}}<div class="notice" role="note"><p class="notice__text">{{TEXT}}</p></div>{{/DEPT_STOPPED}}
{{#CAN_CREATE}}<ul class="sf-actions">
{{#PROJECT}}<li><a class="button button--primary" href="/staff/projects/new">協働事業を登録する</a></li>
{{/PROJECT}}<li><a class="button button--secondary" href="/staff/groups/new">団体を登録する</a></li>
</ul>{{/CAN_CREATE}}

<section class="section" aria-labelledby="counts-title">
<h2 class="section__title" id="counts-title">状況別の事業数（全年度）</h2>
<ul class="sf-counts">
{{#COUNT}}<li class="sf-count"><a class="sf-count__link" href="/staff/projects?status={{CODE:u}}"><span class="sf-count__name">{{NAME}}</span> <span class="sf-count__num">{{N}}件</span></a></li>
{{/COUNT}}</ul>
</section>

<section class="section" aria-labelledby="todo-title">
<h2 class="section__title" id="todo-title">対応が必要なこと</h2>
{{#IS_ADMIN}}<h3 class="subsection__title">登録申請中の団体（承認待ち）</h3>
{{#NO_PENDING}}<p class="empty">承認を待っている団体はありません。</p>{{/NO_PENDING}}
<ul class="link-list">
{{#PENDING}}<li><a href="/staff/groups/{{ID}}/edit">{{NAME}}</a>（{{KIND}}）</li>
{{/PENDING}}</ul>{{/IS_ADMIN}}
<h3 class="subsection__title">期限を過ぎた手続き</h3>
{{#LATE_NONE}}<p class="empty">ありません。</p>{{/LATE_NONE}}
<ul class="link-list">
{{#LATE}}<li><a href="/staff/projects/{{ID}}/edit">{{TITLE}}</a>（{{YEAR}}・{{DEPT}}）: {{NOTE}}</li>
{{/LATE}}</ul>
<h3 class="subsection__title">完了後の評価が未登録の事業</h3>
{{#NOEVAL_NONE}}<p class="empty">ありません。</p>{{/NOEVAL_NONE}}
<ul class="link-list">
{{#NOEVAL}}<li><a href="/staff/projects/{{ID}}/edit">{{TITLE}}</a>（{{YEAR}}・{{DEPT}}）</li>
{{/NOEVAL}}</ul>
<h3 class="subsection__title">公開していない事業</h3>
{{#UNPUB_NONE}}<p class="empty">ありません。</p>{{/UNPUB_NONE}}
<ul class="link-list">
{{#UNPUB}}<li><a href="/staff/projects/{{ID}}/edit">{{TITLE}}</a>（{{YEAR}}・{{STATUS}}・{{DEPT}}）</li>
{{/UNPUB}}</ul>
</section>

<section class="section" aria-labelledby="year-title">
<h2 class="section__title" id="year-title">{{YEAR}}の事業（状況別）</h2>
{{#NO_PROJECTS}}<p class="empty">この年度の事業はまだ登録されていません。</p>{{/NO_PROJECTS}}
{{#STATUS_LIST}}<h3 class="subsection__title">{{NAME}}（{{N}}件）</h3>
<div class="table-wrap">
<table class="table">
<thead><tr><th scope="col">事業名</th><th scope="col">形態</th><th scope="col">担当課</th><th scope="col">公開</th><th scope="col">履歴</th></tr></thead>
<tbody>
{{#PROJECT}}<tr><th scope="row"><a href="/staff/projects/{{ID}}/edit">{{TITLE}}</a></th><td>{{FORM}}</td><td>{{DEPT}}</td><td>{{#PUBLISHED}}公開{{/PUBLISHED}}{{#UNPUBLISHED}}非公開{{/UNPUBLISHED}}</td><td><a href="/staff/history/project/{{ID}}">変更履歴<span class="visually-hidden">（{{TITLE}}）</span></a></td></tr>
{{/PROJECT}}</tbody>
</table>
</div>
{{#MORE}}<p><a href="/staff/projects?year={{YEAR_NUM}}&amp;status={{CODE:u}}">この状況の事業をすべて見る<span class="visually-hidden">（{{NAME}}・{{YEAR}}）</span>（{{N}}件）</a></p>
{{/MORE}}{{/STATUS_LIST}}
</section>
