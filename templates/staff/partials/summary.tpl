{{%AUTOESCAPE context="HTML"}}
{{#ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary">
<h2 class="error-summary__title" id="error-summary-title">入力内容に{{COUNT}}件の問題があります。各項目のメッセージをご確認ください。何も保存されていません。</h2>
<ul class="error-summary__list">
{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>
{{/ERROR}}</ul>
</div>{{/ERRORS}}
{{#SAVED}}<div class="notice notice--success" role="status"><p class="notice__text">保存しました。</p></div>{{/SAVED}}
{{#READONLY}}<div class="notice" role="note"><p class="notice__text">閲覧のみです。委員は団体・事業の内容を変更できません。</p></div>{{/READONLY}}
