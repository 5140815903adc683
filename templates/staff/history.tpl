{{%AUTOESCAPE context="HTML"}}
{{>STAFF_NAV}}
<h1 class="page-title">変更履歴：{{NAME}}</h1>
<p class="page-lead">{{KIND_LABEL}}の登録内容の変更を、新しい順に表示します（最大{{LIMIT}}件）。代表者の連絡先など個人情報の変更も含むため、職員だけが見られます。</p>
<ul class="sf-links">
<li><a href="{{EDIT_URL}}">{{KIND_LABEL}}の登録内容へ</a></li>
</ul>
{{#EMPTY}}<p class="empty">変更履歴はまだありません。</p>{{/EMPTY}}
{{#HAS_ROWS}}<div class="table-wrap" tabindex="0" role="region" aria-label="変更履歴の表（横にスクロールできます）">
<table class="table sf-history">
<caption class="visually-hidden">変更履歴（{{COUNT}}件）</caption>
<thead><tr><th scope="col">日時</th><th scope="col">変更した人</th><th scope="col">操作</th><th scope="col">項目</th><th scope="col">変更前</th><th scope="col">変更後</th></tr></thead>
<tbody>
{{#ROW}}<tr><td>{{AT}}</td><td>{{USER}}</td><td>{{ACTION}}</td><th scope="row">{{LABEL}}</th><td class="sf-pre">{{OLD}}</td><td class="sf-pre">{{NEW}}</td></tr>
{{/ROW}}</tbody>
</table>
</div>{{/HAS_ROWS}}
