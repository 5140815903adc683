{{%AUTOESCAPE context="HTML"}}
<div class="admin-page">
<p class="back-link"><a href="/admin/master">マスタデータの一覧へ戻る</a></p>
<h1 class="page-title">{{TITLE}}</h1>
<p class="page-lead">{{INTRO}}</p>
{{#CREATED}}<div class="notice notice--success" role="status"><p class="notice__text">{{NOUN}}を追加しました。</p></div>{{/CREATED}}
{{#SAVED}}<div class="notice notice--success" role="status"><p class="notice__text">変更を保存しました。</p></div>{{/SAVED}}
{{#DELETED}}<div class="notice notice--success" role="status"><p class="notice__text">{{NOUN}}を削除しました。</p></div>{{/DELETED}}
{{#ACTIVATED}}<div class="notice notice--success" role="status"><p class="notice__text">評価シートで使う原則のセットを切り替えました。これから作る評価シートに反映されます。</p></div>{{/ACTIVATED}}
{{#ERROR}}<div class="notice notice--error" role="alert"><p class="notice__text">{{MESSAGE}}</p></div>{{/ERROR}}
{{#DEPT_HELP}}<p class="field__hint">使わなくなった担当課は、編集画面の「無効にする」で新しい登録の選択肢から外せます。過去の事業や利用者の担当課はそのまま残ります。</p>{{/DEPT_HELP}}
{{#ACTIVE_HELP}}<p class="field__hint">使わなくなった{{NOUN}}は、編集画面の「無効にする」で新しい登録の選択肢と公開ページの絞り込みから外せます。すでに登録された記録の表示はそのまま残ります。</p>{{/ACTIVE_HELP}}
{{#SETS_HELP}}<p class="field__hint">「使用中」のセットの原則で評価シートが作られます。セットを切り替えても、過去の評価はつけたときの原則のまま残ります。</p>{{/SETS_HELP}}
<p class="form-actions"><a class="button button--primary" href="{{BASE}}/new">{{NOUN}}を追加する</a></p>
{{#EMPTY}}<p class="empty">まだ登録されていません。</p>{{/EMPTY}}
{{#HAS_ROWS}}
<div class="table-wrap">
<table class="table table--stack">
<caption class="visually-hidden">{{NOUN}}の一覧（{{COUNT}}件）</caption>
<thead>
<tr>{{#HEAD}}<th scope="col">{{LABEL}}</th>{{/HEAD}}<th scope="col">状態</th><th scope="col"><span class="visually-hidden">操作</span></th></tr>
</thead>
<tbody>
{{#ROW}}<tr{{#INACTIVE}} class="is-disabled"{{/INACTIVE}}>
{{#FIRST}}<th scope="row">{{#CODE}}<code>{{VALUE}}</code>{{/CODE}}{{#PLAIN}}{{VALUE}}{{/PLAIN}}</th>{{/FIRST}}{{#CELL}}<td data-label="{{LABEL}}">{{#CODE}}<code>{{VALUE}}</code>{{/CODE}}{{#PLAIN}}{{VALUE}}{{/PLAIN}}</td>{{/CELL}}
<td data-label="状態">{{#STATE_INACTIVE}}<span class="status status--stopped">無効</span>{{/STATE_INACTIVE}}{{#STATE_USED}}<span class="status">使用中</span>{{/STATE_USED}}{{#EXTRA}} <span class="status">{{TEXT}}</span>{{/EXTRA}}</td>
<td data-label="操作"><a href="{{BASE}}/{{KEY}}/edit">編集<span class="visually-hidden">（{{NAME}}）</span></a>
{{#CAN_ACTIVATE}}<form class="inline-form" method="post" action="{{BASE}}/{{KEY}}/activate"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button class="button button--secondary" type="submit">使用する<span class="visually-hidden">（{{NAME}}）</span></button></form>{{/CAN_ACTIVATE}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
</div>
{{/HAS_ROWS}}
</div>
