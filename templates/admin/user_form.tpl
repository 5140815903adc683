{{%AUTOESCAPE context="HTML"}}
<div class="admin-page">
<p class="back-link"><a href="/admin/users">利用者の一覧へ戻る</a></p>
<h1 class="page-title">{{HEADING}}</h1>
{{#CREATED}}<div class="notice notice--success" role="status"><p class="notice__text">利用者「{{DISPLAY_NAME}}」を追加しました。ユーザー名と初期パスワードを本人に伝え、ログイン後にパスワードを変更するよう依頼してください。</p></div>{{/CREATED}}
{{#SAVED}}<div class="notice notice--success" role="status"><p class="notice__text">変更を保存しました。</p></div>{{/SAVED}}
{{#FACTS}}<dl class="facts">
<dt>ユーザー名</dt><dd><code>{{USERNAME}}</code></dd>
<dt>登録日時</dt><dd>{{CREATED_AT}}</dd>
<dt>最終ログイン</dt><dd>{{LAST_LOGIN}}</dd>
</dl>{{/FACTS}}
{{#CONFLICT}}<div class="notice notice--caution" role="alert"><p class="notice__text">保存できませんでした（更新の競合）。この利用者は、あなたが編集している間にほかの人が更新しました。あなたの入力は保存していません（上書きもしていません）{{#PASSWORD_DROPPED}}。新しいパスワードも設定していません{{/PASSWORD_DROPPED}}。最新の内容を確認してから、もう一度保存してください。</p></div>
<p>下の表で、あなたの入力と現在の内容を比べてください（違い：{{NDIFF}}か所）。下の入力欄には、あなたの入力が残っています。必要なら直してから「保存する」を押すと、その内容で保存します{{#PASSWORD_DROPPED}}（パスワードを再設定する場合は、もう一度入力してください）{{/PASSWORD_DROPPED}}。</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="比較の表（横にスクロールできます）">
<table class="table">
<caption>あなたの入力と、現在保存されている内容</caption>
<thead><tr><th scope="col">項目</th><th scope="col">あなたの入力</th><th scope="col">現在の内容</th><th scope="col">違い</th></tr></thead>
<tbody>
{{#ROW}}<tr><th scope="row">{{LABEL}}</th><td>{{MINE}}</td><td>{{SAVED}}</td><td>{{#DIFF}}<strong>違います</strong>{{/DIFF}}{{#SAME}}同じ{{/SAME}}</td></tr>
{{/ROW}}
</tbody>
</table>
</div>{{/CONFLICT}}
{{#FORM_ERROR}}<div class="notice notice--error" role="alert"><p class="notice__text">{{MESSAGE}}</p></div>{{/FORM_ERROR}}
{{>ERROR_SUMMARY}}
<form class="form" method="post" action="{{ACTION}}" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
{{#EDIT}}<input type="hidden" name="version" value="{{VERSION}}">{{/EDIT}}
{{#NEW}}<div class="field{{#USERNAME_ERROR}} field--invalid{{/USERNAME_ERROR}}">
<label class="field__label" for="username">ユーザー名 <span class="badge-required">必須</span></label>
<p class="field__hint" id="username-hint">半角英数字と「.」「_」「-」で64文字まで（例：tanaka.h）。あとから変更できません。</p>
{{#USERNAME_ERROR}}<p class="field__error" id="username-error">{{MESSAGE}}</p>{{/USERNAME_ERROR}}
<input class="field__input" type="text" id="username" name="username" value="{{USERNAME}}" maxlength="64" autocomplete="off" autocapitalize="none" spellcheck="false" required aria-describedby="username-hint{{#USERNAME_ERROR}} username-error{{/USERNAME_ERROR}}"{{#USERNAME_ERROR}} aria-invalid="true"{{/USERNAME_ERROR}}>
</div>{{/NEW}}
<div class="field{{#DISPLAY_NAME_ERROR}} field--invalid{{/DISPLAY_NAME_ERROR}}">
<label class="field__label" for="display_name">氏名 <span class="badge-required">必須</span></label>
<p class="field__hint" id="display_name-hint">画面の上部や変更履歴に表示されます（例：協働 花子）。</p>
{{#DISPLAY_NAME_ERROR}}<p class="field__error" id="display_name-error">{{MESSAGE}}</p>{{/DISPLAY_NAME_ERROR}}
<input class="field__input" type="text" id="display_name" name="display_name" value="{{DISPLAY_NAME_VALUE}}" maxlength="100" required aria-describedby="display_name-hint{{#DISPLAY_NAME_ERROR}} display_name-error{{/DISPLAY_NAME_ERROR}}"{{#DISPLAY_NAME_ERROR}} aria-invalid="true"{{/DISPLAY_NAME_ERROR}}>
</div>
<div class="field{{#EMAIL_ERROR}} field--invalid{{/EMAIL_ERROR}}">
<label class="field__label" for="email">メールアドレス <span class="badge-optional">任意</span></label>
<p class="field__hint" id="email-hint">連絡用です。公開されることはありません。</p>
{{#EMAIL_ERROR}}<p class="field__error" id="email-error">{{MESSAGE}}</p>{{/EMAIL_ERROR}}
<input class="field__input" type="email" id="email" name="email" value="{{EMAIL}}" maxlength="254" autocomplete="off" aria-describedby="email-hint{{#EMAIL_ERROR}} email-error{{/EMAIL_ERROR}}"{{#EMAIL_ERROR}} aria-invalid="true"{{/EMAIL_ERROR}}>
</div>
<div class="field{{#ROLE_ERROR}} field--invalid{{/ROLE_ERROR}}">
<label class="field__label" for="role">役割 <span class="badge-required">必須</span></label>
<p class="field__hint" id="role-hint">協働推進課：すべての管理。職員：自分の担当課の団体・事業の登録と評価。委員：すべての評価の閲覧と委員会評価。団体担当者：自分の団体の情報と市民側自己評価。</p>
{{#ROLE_ERROR}}<p class="field__error" id="role-error">{{MESSAGE}}</p>{{/ROLE_ERROR}}
<select class="field__select" id="role" name="role" required aria-describedby="role-hint{{#ROLE_ERROR}} role-error{{/ROLE_ERROR}}"{{#ROLE_ERROR}} aria-invalid="true"{{/ROLE_ERROR}}>
<option value="">選んでください</option>
{{#ROLE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ROLE_OPTION}}</select>
</div>
<div class="field{{#DEPARTMENT_ERROR}} field--invalid{{/DEPARTMENT_ERROR}}">
<label class="field__label" for="department">担当課 <span class="badge-optional">職員は必須</span></label>
<p class="field__hint" id="department-hint">職員は担当課の事業だけを登録・編集できます。協働推進課の利用者は任意、委員と団体担当者には設定されません。</p>
{{#DEPARTMENT_ERROR}}<p class="field__error" id="department-error">{{MESSAGE}}</p>{{/DEPARTMENT_ERROR}}
<select class="field__select" id="department" name="department" aria-describedby="department-hint{{#DEPARTMENT_ERROR}} department-error{{/DEPARTMENT_ERROR}}"{{#DEPARTMENT_ERROR}} aria-invalid="true"{{/DEPARTMENT_ERROR}}>
<option value="">（なし）</option>
{{#DEPARTMENT_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/DEPARTMENT_OPTION}}</select>
</div>
<div class="field{{#GROUP_ID_ERROR}} field--invalid{{/GROUP_ID_ERROR}}">
<label class="field__label" for="group_id">団体番号 <span class="badge-optional">団体担当者は必須</span></label>
<p class="field__hint" id="group_id-hint">団体担当者が担当する団体の番号です。団体のページのアドレス（/groups/番号）の数字を入力してください。{{#GROUP_NAME}}現在の団体：{{NAME}}{{/GROUP_NAME}}</p>
{{#GROUP_ID_ERROR}}<p class="field__error" id="group_id-error">{{MESSAGE}}</p>{{/GROUP_ID_ERROR}}
<input class="field__input field__input--short" type="text" inputmode="numeric" id="group_id" name="group_id" value="{{GROUP_ID}}" maxlength="12" aria-describedby="group_id-hint{{#GROUP_ID_ERROR}} group_id-error{{/GROUP_ID_ERROR}}"{{#GROUP_ID_ERROR}} aria-invalid="true"{{/GROUP_ID_ERROR}}>
</div>
{{#EDIT}}<div class="field field--checkbox{{#DISABLED_ERROR}} field--invalid{{/DISABLED_ERROR}}">
{{#DISABLED_ERROR}}<p class="field__error" id="disabled-error">{{MESSAGE}}</p>{{/DISABLED_ERROR}}
<label class="field__check"><input type="checkbox" id="disabled" name="disabled" value="1"{{#IS_DISABLED}} checked{{/IS_DISABLED}} aria-describedby="disabled-hint{{#DISABLED_ERROR}} disabled-error{{/DISABLED_ERROR}}"{{#DISABLED_ERROR}} aria-invalid="true"{{/DISABLED_ERROR}}> 利用を停止する</label>
<p class="field__hint" id="disabled-hint">停止するとログインできなくなり、ログイン中の画面もすぐに使えなくなります。記録や変更履歴は残ります。</p>
</div>{{/EDIT}}
<fieldset class="fieldset">
<legend class="fieldset__legend">{{PASSWORD_LEGEND}}</legend>
<p class="field__hint" id="password-hint">{{PASSWORD_HINT}}</p>
<div class="field{{#PASSWORD_ERROR}} field--invalid{{/PASSWORD_ERROR}}">
<label class="field__label" for="password">{{PASSWORD_LABEL}}{{#NEW}} <span class="badge-required">必須</span>{{/NEW}}</label>
{{#PASSWORD_ERROR}}<p class="field__error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<input class="field__input" type="password" id="password" name="password" autocomplete="new-password" aria-describedby="password-hint{{#PASSWORD_ERROR}} password-error{{/PASSWORD_ERROR}}"{{#PASSWORD_ERROR}} aria-invalid="true"{{/PASSWORD_ERROR}}>
</div>
<div class="field{{#PASSWORD_CONFIRM_ERROR}} field--invalid{{/PASSWORD_CONFIRM_ERROR}}">
<label class="field__label" for="password_confirm">{{PASSWORD_LABEL}}（確認）</label>
{{#PASSWORD_CONFIRM_ERROR}}<p class="field__error" id="password_confirm-error">{{MESSAGE}}</p>{{/PASSWORD_CONFIRM_ERROR}}
<input class="field__input" type="password" id="password_confirm" name="password_confirm" autocomplete="new-password"{{#PASSWORD_CONFIRM_ERROR}} aria-invalid="true" aria-describedby="password_confirm-error"{{/PASSWORD_CONFIRM_ERROR}}>
</div>
</fieldset>
<div class="form-actions">
<button class="button button--primary" type="submit">{{SUBMIT}}</button>
<a class="button button--secondary" href="/admin/users">キャンセル</a>
</div>
</form>
</div>
