{{%AUTOESCAPE context="HTML"}}
<div class="account-page">
<h1 class="page-title">ログイン</h1>
<p class="page-lead">市の職員、協働推進委員会の委員、団体のご担当者の方は、協働推進課が発行したユーザー名とパスワードでログインしてください。</p>
{{#LOGGED_OUT_NOTICE}}<div class="notice notice--success" role="status"><p class="notice__text">ログアウトしました。</p></div>{{/LOGGED_OUT_NOTICE}}
{{#LOCKED}}<div class="notice notice--error" role="alert">
<p class="notice__title">ログインを一時的に停止しています</p>
<p class="notice__text">ログインに続けて失敗したため、安全のためしばらくログインできません。{{UNTIL}}（約{{MINUTES}}分後）以降に、もう一度お試しください。</p>
</div>{{/LOCKED}}
{{#FAILED}}<div class="notice notice--error" role="alert">
<p class="notice__title">ログインできませんでした</p>
<p class="notice__text">ユーザー名またはパスワードが正しくありません。大文字と小文字、全角と半角を確かめて、もう一度入力してください。</p>
</div>{{/FAILED}}
{{>ERROR_SUMMARY}}
<form class="form" method="post" action="/login">
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<input type="hidden" name="next" value="{{NEXT}}">
<div class="field{{#USERNAME_ERROR}} field--invalid{{/USERNAME_ERROR}}">
<label class="field__label" for="username">ユーザー名</label>
{{#USERNAME_ERROR}}<p class="field__error" id="username-error">{{MESSAGE}}</p>{{/USERNAME_ERROR}}
<input class="field__input" type="text" id="username" name="username" value="{{USERNAME}}" autocomplete="username" autocapitalize="none" spellcheck="false" required{{#USERNAME_ERROR}} aria-invalid="true" aria-describedby="username-error"{{/USERNAME_ERROR}}>
</div>
<div class="field{{#PASSWORD_ERROR}} field--invalid{{/PASSWORD_ERROR}}">
<label class="field__label" for="password">パスワード</label>
{{#PASSWORD_ERROR}}<p class="field__error" id="password-error">{{MESSAGE}}</p>{{/PASSWORD_ERROR}}
<input class="field__input" type="password" id="password" name="password" autocomplete="current-password" required{{#PASSWORD_ERROR}} aria-invalid="true" aria-describedby="password-error"{{/PASSWORD_ERROR}}>
</div>
<div class="form-actions">
<button class="button button--primary" type="submit">ログイン</button>
</div>
</form>
<p class="note">パスワードを忘れた場合や、ログインできない場合は、{{CITY_NAME}}協働推進課にお問い合わせください。</p>
</div>
