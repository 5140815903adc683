{{%AUTOESCAPE context="HTML"}}{{#PRINCIPLES}}
<h3 class="subsection__title">協働の原則</h3>
<dl class="principles">
{{#PRINCIPLE}}<div class="principles__item"><dt>{{NAME}}</dt>{{#HAS_DESC}}<dd>{{DESCRIPTION}}</dd>{{/HAS_DESC}}</div>
{{/PRINCIPLE}}
</dl>
{{/PRINCIPLES}}