{{%AUTOESCAPE context="HTML"}}
<div class="field{{#INVALID}} field--invalid{{/INVALID}}">
<label class="field__label" for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="badge-required">必須</span>{{/REQUIRED}}</label>
{{#HINT}}<p class="field__hint" id="{{ID}}-hint">{{TEXT}}</p>{{/HINT}}
{{#ERROR}}<p class="field__error" id="{{ID}}-error">{{MESSAGE}}</p>{{/ERROR}}
<textarea class="field__input field__textarea" id="{{ID}}" name="{{NAME}}" rows="4"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBEDBY}}"{{/DESCRIBED}}{{#READONLY}} disabled{{/READONLY}}>{{VALUE}}</textarea>
</div>
