{{%AUTOESCAPE context="HTML"}}
<div class="account-page">
<h1 class="page-title">パスワードの変更</h1>
{{#CHANGED}}<div class="notice notice--success" role="status"><p class="notice__text">パスワードを変更しました。ほかの端末やブラウザでのログインは、すべて終了しました。</p></div>{{/CHANGED}}
{{#LOCKED}}<div class="notice notice--error" role="alert">
<p class="notice__title">パスワードの変更を一時的に停止しています</p>
<p class="notice__text">現在のパスワードの入力に続けて失敗したため、{{UNTIL}}（約{{MINUTES}}分後）以降に、もう一度お試しください。</p>
</div>{{/LOCKED}}
<p class="page-lead">{{USER_NAME}}さん（ユーザー名 <code>{{USERNAME}}</code>）のパスワードを変更します。新しいパスワードは10文字以上にしてください。長い文（例：好きな言葉をいくつかつなげたもの）が安全で覚えやすくおすすめです。</p>
{{>ERROR_SUMMARY}}
<form class="form" method="post" action="/account/password">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<div class="field{{#CURRENT_PASSWORD_ERROR}} field--invalid{{/CURRENT_PASSWORD_ERROR}}">
<label class="field__label" for="current_password">現在のパスワード <span class="badge-required">必須</span></label>
{{#CURRENT_PASSWORD_ERROR}}<p class="field__error" id="current_password-error">{{MESSAGE}}</p>{{/CURRENT_PASSWORD_ERROR}}
<input class="field__input" type="password" id="current_password" name="current_password" autocomplete="current-password" required{{#CURRENT_PASSWORD_ERROR}} aria-invalid="true" aria-describedby="current_password-error"{{/CURRENT_PASSWORD_ERROR}}>
</div>
<div class="field{{#NEW_PASSWORD_ERROR}} field--invalid{{/NEW_PASSWORD_ERROR}}">
<label class="field__label" for="new_password">新しいパスワード <span class="badge-required">必須</span></label>
<p class="field__hint" id="new_password-hint">10文字以上。ユーザー名と同じものは使えません。</p>
{{#NEW_PASSWORD_ERROR}}<p class="field__error" id="new_password-error">{{MESSAGE}}</p>{{/NEW_PASSWORD_ERROR}}
<input class="field__input" type="password" id="new_password" name="new_password" autocomplete="new-password" minlength="10" required aria-describedby="new_password-hint{{#NEW_PASSWORD_ERROR}} new_password-error{{/NEW_PASSWORD_ERROR}}"{{#NEW_PASSWORD_ERROR}} aria-invalid="true"{{/NEW_PASSWORD_ERROR}}>
</div>
<div class="field{{#NEW_PASSWORD_CONFIRM_ERROR}} field--invalid{{/NEW_PASSWORD_CONFIRM_ERROR}}">
<label class="field__label" for="new_password_confirm">新しいパスワード（確認） <span class="badge-required">必須</span></label>
{{#NEW_PASSWORD_CONFIRM_ERROR}}<p class="field__error" id="new_password_confirm-error">{{MESSAGE}}</p>{{/NEW_PASSWORD_CONFIRM_ERROR}}
<input class="field__input" type="password" id="new_password_confirm" name="new_password_confirm" autocomplete="new-password" required{{#NEW_PASSWORD_CONFIRM_ERROR}} aria-invalid="true" aria-describedby="new_password_confirm-error"{{/NEW_PASSWORD_CONFIRM_ERROR}}>
</div>
<div class="form-actions">
<button class="button button--primary" type="submit">パスワードを変更する</button>
</div>
</form>
</div>
