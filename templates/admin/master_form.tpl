{{%AUTOESCAPE context="HTML"}}
<div class="admin-page">
<p class="back-link"><a href="{{BASE}}">{{NOUN}}の一覧へ戻る</a></p>
<h1 class="page-title">{{TITLE}}</h1>
{{#ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary">
<h2 class="error-summary__title" id="error-summary-title">{{COUNT}}件の問題があります。何も保存されていません。</h2>
<ul class="error-summary__list">
{{#ERROR}}<li><a href="#{{ID}}">{{MESSAGE}}</a></li>
{{/ERROR}}</ul>
</div>{{/ERRORS}}
{{#GENERAL}}<div class="notice notice--error" id="main-message"><p class="notice__text">{{MESSAGE}}</p></div>{{/GENERAL}}
<form class="form" method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#EXISTING}}<input type="hidden" name="fp" value="{{FP}}">{{/EXISTING}}
{{#FIELD}}<div class="field{{#INVALID}} field--invalid{{/INVALID}}">
{{#LABELLED}}<label class="field__label" for="f-{{NAME}}">{{LABEL}}{{#REQUIRED}} <span class="badge-required">必須</span>{{/REQUIRED}}{{#OPTIONAL}} <span class="badge-optional">任意</span>{{/OPTIONAL}}</label>{{/LABELLED}}
{{#FIXED}}<p class="field__label" id="f-{{NAME}}">{{LABEL}}</p>{{/FIXED}}
{{#HINT}}<p class="field__hint" id="f-{{NAME}}-hint">{{TEXT}}</p>{{/HINT}}
{{#ERROR}}<p class="field__error" id="f-{{NAME}}-error">{{MESSAGE}}</p>{{/ERROR}}
{{#FIXED}}<p class="field__static"><code>{{SHOWN}}</code>（変更できません）</p>{{/FIXED}}
{{#LINE}}<input class="field__input" type="text" id="f-{{NAME}}" name="{{NAME}}" value="{{VALUE}}"{{#MAXLEN}} maxlength="{{N}}"{{/MAXLEN}}{{#ASCII}} autocapitalize="none" spellcheck="false"{{/ASCII}}{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}>{{/LINE}}
{{#NUMBER}}<input class="field__input field__input--short" type="text" inputmode="numeric" id="f-{{NAME}}" name="{{NAME}}" value="{{VALUE}}"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}>{{/NUMBER}}
{{#TEXTAREA}}<textarea id="f-{{NAME}}" name="{{NAME}}" rows="4"{{#MAXLEN}} maxlength="{{N}}"{{/MAXLEN}}{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}>{{VALUE}}</textarea>{{/TEXTAREA}}
{{#SELECT}}<select class="field__select" id="f-{{NAME}}" name="{{NAME}}"{{#REQUIRED}} required{{/REQUIRED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}>
{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/OPTION}}</select>{{/SELECT}}
{{#CHECKBOX}}<label class="field__check" for="f-{{NAME}}"><input type="checkbox" id="f-{{NAME}}" name="{{NAME}}" value="1"{{#CHECKED}} checked{{/CHECKED}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{IDS}}"{{/DESCRIBED}}> {{LABEL}}</label>{{/CHECKBOX}}
</div>
{{/FIELD}}
{{#LEVELS}}<fieldset class="fieldset">
<legend class="fieldset__legend">段階（高い評価から順に）</legend>
<p class="field__hint">使う段階だけ記号・説明・点数を入力します（2段階以上）。点数は尺度どうしを比べるための0〜100の値です。評価で使われている段階は削除できません。</p>
<div class="table-wrap">
<table class="table">
<caption class="visually-hidden">段階の一覧</caption>
<thead><tr><th scope="col">段階</th><th scope="col">記号</th><th scope="col">説明</th><th scope="col">点数</th><th scope="col">コメント必須</th></tr></thead>
<tbody>
{{#LEVEL}}<tr{{#INVALID}} class="field--invalid"{{/INVALID}}>
<th scope="row">{{N}}{{#ERROR}}<p class="field__error" id="l-{{N}}-error">{{MESSAGE}}</p>{{/ERROR}}</th>
<td><label class="visually-hidden" for="l-{{N}}-mark">段階{{N}}の記号</label><input class="field__input" type="text" id="l-{{N}}-mark" name="level_{{N}}_mark" value="{{MARK}}" maxlength="8"{{#INVALID}} aria-invalid="true" aria-describedby="l-{{N}}-error"{{/INVALID}}></td>
<td><label class="visually-hidden" for="l-{{N}}-label">段階{{N}}の説明</label><input class="field__input" type="text" id="l-{{N}}-label" name="level_{{N}}_label" value="{{LABEL}}" maxlength="50"></td>
<td><label class="visually-hidden" for="l-{{N}}-points">段階{{N}}の点数</label><input class="field__input" type="text" inputmode="numeric" id="l-{{N}}-points" name="level_{{N}}_points" value="{{POINTS}}"></td>
<td><label class="visually-hidden" for="l-{{N}}-comment">段階{{N}}はコメント必須</label><input type="checkbox" id="l-{{N}}-comment" name="level_{{N}}_comment" value="1"{{#COMMENT}} checked{{/COMMENT}}></td>
</tr>
{{/LEVEL}}
</tbody>
</table>
</div>
</fieldset>{{/LEVELS}}
<div class="form-actions">
<button class="button button--primary" type="submit">{{SUBMIT}}</button>
<a class="button button--secondary" href="{{BASE}}">キャンセル</a>
</div>
</form>
{{#ACTIVE_FORM}}<section class="admin-section" aria-labelledby="active-title">
<h2 id="active-title">使用の停止</h2>
{{#IS_ACTIVE}}<p>使わなくなった{{NOUN}}を無効にすると、新しく登録する記録の選択肢と公開ページの絞り込みに出なくなります。すでに登録された記録の{{NOUN}}はそのまま表示されます。</p>
<form method="post" action="{{URL}}"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="active" value="0"><button class="button button--secondary" type="submit">無効にする</button></form>{{/IS_ACTIVE}}
{{#IS_INACTIVE}}<p>この{{NOUN}}は無効です（新しい登録の選択肢と公開ページの絞り込みに出ません）。</p>
<form method="post" action="{{URL}}"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><input type="hidden" name="active" value="1"><button class="button button--secondary" type="submit">有効に戻す</button></form>{{/IS_INACTIVE}}
</section>{{/ACTIVE_FORM}}
{{#ACTIVATE_FORM}}<section class="admin-section" aria-labelledby="activate-title">
<h2 id="activate-title">評価シートで使う</h2>
<p>このセットの原則で評価シートを作るように切り替えます。過去の評価はそのまま残ります。</p>
<form method="post" action="{{URL}}"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button class="button button--secondary" type="submit">このセットを使用する</button></form>
</section>{{/ACTIVATE_FORM}}
{{#EXISTING}}<section class="admin-section" aria-labelledby="delete-title">
<h2 id="delete-title">削除</h2>
{{#IN_USE}}<p>この{{NOUN}}は登録済みの記録で使われているため削除できません。名称や説明を変更すると、過去の記録の表示も変わります。</p>{{/IN_USE}}
{{#UNUSED}}<p>削除すると元に戻せません（変更履歴には残ります）。</p>
<form method="post" action="{{DELETE_URL}}"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field"><label class="field__check" for="confirm"><input type="checkbox" id="confirm" name="confirm" value="1"> 削除してよいことを確認しました</label></div>
<button class="button button--secondary" type="submit">削除する</button></form>{{/UNUSED}}
</section>{{/EXISTING}}
</div>
