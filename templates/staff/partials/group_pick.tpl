{{%AUTOESCAPE context="HTML"}}
<fieldset class="sf-fieldset sf-pick{{#INVALID}} field--invalid{{/INVALID}}" id="{{ID}}" tabindex="-1"{{#DESCRIBED}} aria-describedby="{{DESCRIBEDBY}}"{{/DESCRIBED}}>
<legend class="sf-legend">団体</legend>
{{#ERROR}}<p class="field__error" id="{{ID}}-error">{{MESSAGE}}</p>{{/ERROR}}
{{#CHOSEN}}<p class="sf-pick__chosen"><span class="sf-pick__name">{{GROUP_NAME}}</span> <span class="sf-pick__meta">（団体番号 {{GROUP_ID}}{{#STATUS}}・{{TEXT}}{{/STATUS}}）</span></p>
{{#KEEP}}<input type="hidden" name="{{NAME}}" value="{{GROUP_ID}}">{{/KEEP}}{{/CHOSEN}}
{{#NONE_CHOSEN}}<p class="sf-pick__chosen sf-pick__chosen--none">まだ選ばれていません。</p>{{/NONE_CHOSEN}}
{{#CANDIDATES}}<input type="hidden" name="{{ASKED_NAME}}" value="{{ASKED}}">
<fieldset class="sf-fieldset sf-pick__candidates">
<legend class="sf-legend">{{LEGEND}}</legend>
<ul class="sf-choices">
{{#OPTION}}<li class="sf-choice"><input type="radio" id="{{OID}}" name="{{NAME}}" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}><label for="{{OID}}">{{LABEL}}</label>{{#DETAIL}}<span class="sf-choice__detail">{{TEXT}}</span>{{/DETAIL}}</li>
{{/OPTION}}</ul>
</fieldset>{{/CANDIDATES}}
{{#FIND}}<div class="sf-pick__find">
<label class="field__label" for="{{ID}}-find">{{FIND_LABEL}}</label>
<p class="field__hint" id="{{ID}}-find-hint">団体名かフリガナの一部（ひらがなでも探せます）、または団体番号を入れて「団体を探す」を押してください。</p>
<div class="sf-pick__bar">
<input class="field__input sf-pick__input" type="text" id="{{ID}}-find" name="{{FIND_NAME}}" value="{{FIND_VALUE}}" autocomplete="off" aria-describedby="{{ID}}-find-hint">
<button class="button button--secondary sf-pick__button" type="submit" name="find" value="{{NUM}}" formaction="{{FIND_ACTION}}">団体を探す</button>
</div>
</div>
{{#CLEAR}}<div class="field sf-check">
<input type="checkbox" id="{{ID}}-clear" name="{{CLEAR_NAME}}" value="1">
<label class="sf-check__label" for="{{ID}}-clear">{{CLEAR_LABEL}}</label>
</div>{{/CLEAR}}{{/FIND}}
</fieldset>
