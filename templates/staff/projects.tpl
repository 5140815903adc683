{{%AUTOESCAPE context="HTML"}}
{{>STAFF_NAV}}
<h1 class="page-title">協働事業の登録</h1>
<p class="page-lead">{{SCOPE}}の協働事業です（公開していない事業を含みます）。事業名を選ぶと登録内容を編集できます。</p>
{{#DEPT_STOPPED}}<div class="notice" role="note"><p class="notice__text">{{TEXT}}</p></div>{{/DEPT_STOPPED}}
{{#CAN_CREATE}}<p><a class="button button--primary" href="/staff/projects/new">協働事業を登録する</a></p>{{/CAN_CREATE}}
<form class="filter__form sf-filter" method="get" action="/staff/projects">
<div class="field">
<label class="field__label" for="year">年度（西暦）</label>
<input class="field__input" type="text" inputmode="numeric" id="year" name="year" value="{{YEAR}}">
</div>
<div class="field">
<label class="field__label" for="status">状況</label>
<select class="field__select" id="status" name="status">
<option value="">すべて</option>
{{#STATUS_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/STATUS_OPTION}}</select>
</div>
{{#DEPT_FILTER}}<div class="field">
<label class="field__label" for="dept">担当課</label>
<select class="field__select" id="dept" name="dept">
<option value="">すべて</option>
{{#DEPT_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/DEPT_OPTION}}</select>
</div>{{/DEPT_FILTER}}
<div class="filter__actions"><button class="button button--secondary" type="submit">絞り込む</button></div>
</form>
<p class="results__count">{{COUNT}}件（新しい年度順{{#RANGE}}、{{FROM}}〜{{TO}}件目を表示{{/RANGE}}）</p>
{{#EMPTY}}<p class="empty">該当する事業はありません。</p>{{/EMPTY}}
<div class="table-wrap">
<table class="table">
<caption class="visually-hidden">協働事業の一覧</caption>
<thead><tr><th scope="col">事業名</th><th scope="col">年度</th><th scope="col">形態</th><th scope="col">担当課</th><th scope="col">状況</th><th scope="col">公開</th><th scope="col">履歴</th></tr></thead>
<tbody>
{{#PROJECT}}<tr><th scope="row"><a href="/staff/projects/{{ID}}/edit">{{TITLE}}</a></th><td>{{YEAR}}</td><td>{{FORM}}</td><td>{{DEPT}}</td><td>{{STATUS}}</td><td>{{#PUBLISHED}}公開{{/PUBLISHED}}{{#UNPUBLISHED}}非公開{{/UNPUBLISHED}}</td><td><a href="/staff/history/project/{{ID}}">変更履歴<span class="visually-hidden">（{{TITLE}}）</span></a></td></tr>
{{/PROJECT}}</tbody>
</table>
</div>
{{>PAGER}}
