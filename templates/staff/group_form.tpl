{{%AUTOESCAPE context="HTML"}}
{{>STAFF_NAV}}
<h1 class="page-title">{{TITLE}}</h1>
{{#EXISTING}}<p class="page-lead">{{NAME}}（団体番号 {{ID}}・最終更新 {{UPDATED_AT}}）</p>
<ul class="sf-links">
<li><a href="/staff/history/group/{{ID}}">この団体の変更履歴</a></li>
</ul>{{/EXISTING}}
{{>SUMMARY}}
<form class="form staff-form" method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="version" value="{{VERSION}}">
{{#READONLY}}<fieldset class="sf-readonly" disabled><legend class="visually-hidden">登録内容（閲覧のみ）</legend>{{/READONLY}}

<fieldset class="sf-section">
<legend class="sf-section__title">団体の基本情報</legend>
{{>F_NAME}}
{{>F_KANA}}
{{>F_KIND}}
{{>F_FIELDS}}
{{>F_AREA}}
{{>F_FOUNDED}}
{{>F_MEMBERS}}
{{>F_FEE}}
{{>F_PURPOSE}}
{{>F_ACTIVITIES}}
</fieldset>

<fieldset class="sf-section">
<legend class="sf-section__title">公開する連絡先</legend>
<p class="field__hint">団体の紹介ページ（一般公開）に表示します。</p>
{{>F_WEB}}
{{>F_EMAIL}}
{{>F_PHONE}}
</fieldset>

<fieldset class="sf-section">
<legend class="sf-section__title">代表者の連絡先（個人情報）</legend>
<p class="field__hint">個人情報です。団体が「公開」に同意した項目だけが、団体の紹介ページに表示されます。「非公開」の項目は職員だけが見られます。</p>
{{>F_REP_NAME}}
{{>F_REP_NAME_PUBLIC}}
{{>F_REP_PHONE}}
{{>F_REP_PHONE_PUBLIC}}
{{>F_REP_ADDRESS}}
{{>F_REP_ADDRESS_PUBLIC}}
{{>F_REP_EMAIL}}
{{>F_REP_EMAIL_PUBLIC}}
</fieldset>

<fieldset class="sf-section">
<legend class="sf-section__title">登録状況</legend>
{{>F_APPLIED_ON}}
{{#NOT_ADMIN}}<p class="sf-static"><span class="field__label">登録状況</span> {{STATUS_NAME}}</p>
<p class="field__hint">登録状況の変更（承認）は協働推進課が行います。</p>{{/NOT_ADMIN}}
{{#ADMIN}}{{>F_STATUS}}
{{>F_REGISTERED_ON}}
{{>F_SUSPENDED_ON}}
{{>F_REMOVED_ON}}
{{>F_STATUS_NOTE}}{{/ADMIN}}
{{>F_REQS}}
</fieldset>
{{#READONLY}}</fieldset>{{/READONLY}}
{{#EDITABLE}}<div class="form-actions">
<button class="button button--primary" type="submit">保存する</button>
<a class="button button--secondary" href="/staff/groups">一覧に戻る</a>
</div>{{/EDITABLE}}
</form>
