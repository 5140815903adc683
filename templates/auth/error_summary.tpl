{{%AUTOESCAPE context="HTML"}}
{{#ERRORS}}<div class="error-summary" role="alert" tabindex="-1">
<p class="error-summary__title">入力内容に{{COUNT}}件の問題があります。各項目のメッセージをご確認ください。</p>
<ul class="error-summary__list">
{{#ERROR}}<li><a href="#{{FIELD}}">{{MESSAGE}}</a></li>{{/ERROR}}
</ul>
</div>{{/ERRORS}}
