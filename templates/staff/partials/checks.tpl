{{%AUTOESCAPE context="HTML"}}
<fieldset class="sf-fieldset{{#INVALID}} field--invalid{{/INVALID}}" id="{{ID}}" tabindex="-1"{{#DESCRIBED}} aria-describedby="{{DESCRIBEDBY}}"{{/DESCRIBED}}>
<legend class="sf-legend">{{LEGEND}}{{#REQUIRED}} <span class="badge-required">必須</span>{{/REQUIRED}}</legend>
{{#HINT}}<p class="field__hint" id="{{ID}}-hint">{{TEXT}}</p>{{/HINT}}
{{#ERROR}}<p class="field__error" id="{{ID}}-error">{{MESSAGE}}</p>{{/ERROR}}
<ul class="sf-choices">
{{#OPTION}}<li class="sf-choice"><input type="{{TYPE}}" id="{{OID}}" name="{{NAME}}" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#READONLY}} disabled{{/READONLY}}><label for="{{OID}}">{{LABEL}}</label>{{#DETAIL}}<span class="sf-choice__detail">{{TEXT}}</span>{{/DETAIL}}</li>
{{/OPTION}}</ul>
</fieldset>
