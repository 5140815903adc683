{{%AUTOESCAPE context="HTML"}}{{#HAS_STEPS}}
<section class="section" aria-labelledby="steps-title">
<h2 class="section__title" id="steps-title">手続きの流れ</h2>
<ol class="steps">
{{#STEP}}<li class="steps__item"><span class="steps__name">{{NAME}}{{#OPTIONAL}}<span class="steps__optional">必要な場合のみ</span>{{/OPTIONAL}}</span>{{#HAS_NOTE}}<span class="steps__note">{{NOTE}}</span>{{/HAS_NOTE}}</li>
{{/STEP}}
</ol>
<p class="note">手続きの詳しい内容や様式は、担当課または協働推進課にお問い合わせください。</p>
</section>
{{/HAS_STEPS}}