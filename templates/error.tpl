{{%AUTOESCAPE context="HTML"}}
<div class="error-page">
<h1 class="page-title">ページを表示できませんでした</h1>
<p class="error-page__message">{{MESSAGE}}</p>
<p class="error-page__status">エラーコード：{{STATUS}}</p>
<p>解決しない場合は、{{CITY_NAME}}協働推進課へお問い合わせください。その際、次の受付番号をお知らせいただくと、調査がスムーズです。</p>
<p class="error-page__id">受付番号：<code>{{REQUEST_ID}}</code></p>
<ul class="link-list">
<li><a href="/">トップページへ戻る</a></li>
<li><a href="/projects">協働事業をさがす</a></li>
<li><a href="/groups">団体をさがす</a></li>
</ul>
</div>
