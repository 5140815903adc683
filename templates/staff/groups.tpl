{{%AUTOESCAPE context="HTML"}}
{{>STAFF_NAV}}
<h1 class="page-title">団体の登録</h1>
<p class="page-lead">登録状況ごとに団体を表示します（申請中・休止・抹消も選べます）。団体名を選ぶと登録内容を編集できます。</p>
{{#CAN_CREATE}}<p><a class="button button--primary" href="/staff/groups/new">団体を登録する</a></p>{{/CAN_CREATE}}
<form class="filter__form sf-filter" method="get" action="/staff/groups">
<div class="field">
<label class="field__label" for="status">登録状況</label>
<select class="field__select" id="status" name="status">
{{#STATUS_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>
{{/STATUS_OPTION}}</select>
</div>
<div class="filter__actions"><button class="button button--secondary" type="submit">絞り込む</button></div>
</form>
<p class="results__count">{{STATUS_NAME}}：{{COUNT}}団体</p>
{{#EMPTY}}<p class="empty">該当する団体はありません。</p>{{/EMPTY}}
<div class="table-wrap">
<table class="table">
<caption class="visually-hidden">団体の一覧</caption>
<thead><tr><th scope="col">団体名</th><th scope="col">フリガナ</th><th scope="col">種別</th><th scope="col">登録状況</th><th scope="col">最終更新</th><th scope="col">履歴</th></tr></thead>
<tbody>
{{#GROUP}}<tr><th scope="row"><a href="/staff/groups/{{ID}}/edit">{{NAME}}</a></th><td>{{KANA}}</td><td>{{KIND}}</td><td>{{STATUS}}</td><td>{{UPDATED_AT}}</td><td><a href="/staff/history/group/{{ID}}">変更履歴<span class="visually-hidden">（{{NAME}}）</span></a></td></tr>
{{/GROUP}}</tbody>
</table>
</div>
{{>PAGER}}
