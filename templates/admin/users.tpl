{{%AUTOESCAPE context="HTML"}}
<div class="admin-page">
<h1 class="page-title">利用者の管理</h1>
<p class="page-lead">ポータルにログインできる利用者（職員、委員、団体担当者、協働推進課）の一覧です。役割によって使える画面が決まります。</p>
<p class="form-actions"><a class="button button--primary" href="/admin/users/new">利用者を追加する</a></p>
{{#EMPTY}}<p class="empty">利用者はまだ登録されていません。</p>{{/EMPTY}}
{{#HAS_USERS}}
<div class="table-wrap">
<table class="table table--stack table--users">
<caption class="visually-hidden">利用者の一覧（{{COUNT}}人）</caption>
<thead>
<tr><th scope="col">ユーザー名</th><th scope="col">氏名</th><th scope="col">役割</th><th scope="col">担当課・団体</th><th scope="col">状態</th><th scope="col">最終ログイン</th><th scope="col"><span class="visually-hidden">操作</span></th></tr>
</thead>
<tbody>
{{#USER}}<tr{{#DISABLED}} class="is-disabled"{{/DISABLED}}>
<th scope="row"><code>{{USERNAME}}</code></th>
<td data-label="氏名">{{DISPLAY_NAME}}</td>
<td data-label="役割">{{ROLE}}</td>
<td data-label="担当課・団体">{{AFFILIATION}}</td>
<td data-label="状態">{{#DISABLED}}<span class="status status--stopped">停止中</span>{{/DISABLED}}{{#ENABLED}}有効{{/ENABLED}}</td>
<td data-label="最終ログイン">{{LAST_LOGIN}}</td>
<td data-label="操作"><a href="/admin/users/{{ID}}/edit">編集<span class="visually-hidden">（{{DISPLAY_NAME}}）</span></a></td>
</tr>
{{/USER}}
</tbody>
</table>
</div>
{{/HAS_USERS}}
</div>
