{{%AUTOESCAPE context="HTML"}}
{{>STAFF_NAV}}
<h1 class="page-title">{{TITLE}}</h1>
{{#EXISTING}}<p class="page-lead">{{NAME}}（事業番号 {{ID}}・最終更新 {{UPDATED_AT}}）</p>
<ul class="sf-links">
<li><a href="/staff/history/project/{{ID}}">この事業の変更履歴</a></li>
{{#IS_PUBLISHED}}<li><a href="/projects/{{ID}}">公開ページを見る</a></li>{{/IS_PUBLISHED}}
</ul>{{/EXISTING}}
{{>SUMMARY}}
<form class="form staff-form" method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="version" value="{{VERSION}}">
{{#EDITABLE}}<button type="submit" hidden tabindex="-1">保存する</button>{{/EDITABLE}}
{{#READONLY}}<fieldset class="sf-readonly" disabled><legend class="visually-hidden">登録内容（閲覧のみ）</legend>{{/READONLY}}

<fieldset class="sf-section">
<legend class="sf-section__title">事業の概要</legend>
{{>F_FISCAL_YEAR}}
{{>F_TITLE}}
{{>F_KANA}}
{{>F_SUMMARY}}
{{>F_PURPOSE}}
{{>F_TARGET}}
{{>F_PERIOD_START}}
{{>F_PERIOD_END}}
</fieldset>

<fieldset class="sf-section">
<legend class="sf-section__title">協働の形態と分類</legend>
{{>F_FORM}}
{{>F_DOMAIN}}
{{>F_FIELDS}}
{{>F_PROPOSAL_TYPE}}
{{>F_DEPARTMENT}}
{{>F_PLAN_POLICY}}
</fieldset>

<fieldset class="sf-section" id="f-partners" tabindex="-1">
<legend class="sf-section__title">協働の相手と役割分担</legend>
<p class="field__hint">相手方の団体を団体名・フリガナ（一部でもかまいません）または団体番号で探して選び、この事業での役割を選びます。団体番号か団体名をそのまま入れたときは、「団体を探す」を押さずに保存しても、その団体が選ばれます。使わない行は空欄のままにしてください。行が足りないときは、保存すると空の行が増えます。団体が見つからないときは、先に「団体を登録する」から登録してください。</p>
{{>F_CITY_PART}}
{{#PARTNER}}<fieldset class="sf-row" id="partner-{{NUM}}">
<legend class="sf-row__title">協働の相手 {{NUM}}</legend>
{{>P_GROUP}}
{{>P_ROLE}}
{{>P_PART}}
</fieldset>
{{/PARTNER}}
</fieldset>

<fieldset class="sf-section">
<legend class="sf-section__title">事業費</legend>
<p class="field__hint">金額は円単位の数字で入力します（カンマは付けても付けなくてもかまいません）。市の負担と相手方の負担の合計は、事業費を超えないようにしてください。</p>
<div class="sf-grid">
{{>F_BUDGET_PLANNED}}
{{>F_CITY_SHARE_PLANNED}}
{{>F_PARTNER_SHARE_PLANNED}}
{{>F_BUDGET_ACTUAL}}
{{>F_CITY_SHARE_ACTUAL}}
{{>F_PARTNER_SHARE_ACTUAL}}
</div>
</fieldset>

<fieldset class="sf-section">
<legend class="sf-section__title">目標と指標</legend>
<p class="field__hint">成果目標・活動指標と、その目標値・実績値です。使わない行は空欄のままにしてください。</p>
{{#IND}}<fieldset class="sf-row">
<legend class="sf-row__title">指標 {{NUM}}</legend>
<input type="hidden" name="{{ID_NAME}}" value="{{ID_VALUE}}">
{{>I_KIND}}
{{>I_NAME}}
{{>I_UNIT}}
{{>I_TARGET}}
{{>I_ACTUAL}}
</fieldset>
{{/IND}}
</fieldset>

<fieldset class="sf-section">
<legend class="sf-section__title">形態ごとの詳細</legend>
<p class="field__hint">選んだ協働の形態に合う欄だけを入力してください。ほかの形態の欄は保存されません。</p>
<fieldset class="sf-row">
<legend class="sf-row__title">補助・助成</legend>
{{>F_GRANT_PROGRAMME}}
{{>F_GRANT_AMOUNT}}
{{>F_GRANT_RATE}}
</fieldset>
<fieldset class="sf-row">
<legend class="sf-row__title">委託・指定管理</legend>
{{>F_CONTRACT_AMOUNT}}
{{>F_CONTRACT_START}}
{{>F_CONTRACT_END}}
{{>F_CONTRACT_METHOD}}
{{>F_FACILITY}}
</fieldset>
<fieldset class="sf-row">
<legend class="sf-row__title">後援</legend>
{{>F_NAME_USE_APPROVED}}
{{>F_NAME_USE_ON}}
{{>F_CONDITIONS}}
</fieldset>
<fieldset class="sf-row">
<legend class="sf-row__title">共催・実行委員会</legend>
{{>F_CITY_COST}}
{{>F_PARTNER_COST}}
{{>F_COST_SPLIT}}
</fieldset>
<fieldset class="sf-row">
<legend class="sf-row__title">事業協力・協定</legend>
{{>F_AGREEMENT_NAME}}
{{>F_AGREEMENT_ON}}
{{>F_AGREEMENT_START}}
{{>F_AGREEMENT_END}}
</fieldset>
{{>F_NOTE}}
</fieldset>

<fieldset class="sf-section">
<legend class="sf-section__title">状況と公開</legend>
{{>F_STATUS}}
<div class="sf-grid">
{{>F_PROPOSED_ON}}
{{>F_REVIEWED_ON}}
{{>F_DECIDED_ON}}
{{>F_STARTED_ON}}
{{>F_COMPLETED_ON}}
{{>F_EVALUATED_ON}}
</div>
{{>F_PROGRESS}}
{{>F_PUBLISHED}}
</fieldset>
{{#READONLY}}</fieldset>{{/READONLY}}
{{#EDITABLE}}<div class="form-actions">
<button class="button button--primary" type="submit">保存する</button>
<a class="button button--secondary" href="/staff/projects">一覧に戻る</a>
</div>{{/EDITABLE}}
</form>
