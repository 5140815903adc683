{{%AUTOESCAPE context="HTML"}}
<div class="field sf-check{{#INVALID}} field--invalid{{/INVALID}}">
{{#ERROR}}<p class="field__error" id="{{ID}}-error">{{MESSAGE}}</p>{{/ERROR}}
<input type="checkbox" id="{{ID}}" name="{{NAME}}" value="1"{{#CHECKED}} checked{{/CHECKED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBEDBY}}"{{/DESCRIBED}}{{#READONLY}} disabled{{/READONLY}}>
<label class="sf-check__label" for="{{ID}}">{{LABEL}}</label>
{{#HINT}}<p class="field__hint" id="{{ID}}-hint">{{TEXT}}</p>{{/HINT}}
</div>
