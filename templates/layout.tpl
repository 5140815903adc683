{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}}｜{{CITY_NAME}}協働ポータル</title>
<link rel="stylesheet" href="/static/vendor/tokens.css">
<link rel="stylesheet" href="/static/css/kyodo.css">
<link rel="icon" href="/static/icons/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip-link" href="#main">本文へスキップ</a>
<header class="site-header">
<div class="container site-header__inner">
<a class="site-name" href="/"><img class="site-name__mark" src="/static/icons/logo.svg" alt="" width="36" height="36"><span class="site-name__text"><span class="site-name__city">{{CITY_NAME}}</span>協働ポータル</span></a>
<nav class="global-nav" aria-label="メインメニュー">
<ul class="global-nav__list">
<li><a class="global-nav__link" href="/"{{#NAV_HOME_CURRENT}} aria-current="page"{{/NAV_HOME_CURRENT}}>トップ</a></li>
<li><a class="global-nav__link" href="/projects"{{#NAV_PROJECTS_CURRENT}} aria-current="page"{{/NAV_PROJECTS_CURRENT}}>協働事業</a></li>
<li><a class="global-nav__link" href="/groups"{{#NAV_GROUPS_CURRENT}} aria-current="page"{{/NAV_GROUPS_CURRENT}}>団体</a></li>
<li><a class="global-nav__link" href="/forms"{{#NAV_FORMS_CURRENT}} aria-current="page"{{/NAV_FORMS_CURRENT}}>協働の形態</a></li>
</ul>
</nav>
{{#LOGGED_IN}}<nav class="account-nav" aria-label="アカウント"><span class="account-nav__user">{{USER_NAME}}<span class="account-nav__role">（{{USER_ROLE}}）</span></span>{{#IS_STAFF_SIDE}}<a class="account-nav__link" href="/staff">職員ページ</a>{{/IS_STAFF_SIDE}}{{#IS_ADMIN}}<a class="account-nav__link" href="/admin/users">利用者の管理</a><a class="account-nav__link" href="/admin/master">マスタデータ</a>{{/IS_ADMIN}}<a class="account-nav__link" href="/account/password">パスワード変更</a><form class="account-nav__logout" method="post" action="/logout"><input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}"><button class="account-nav__button" type="submit">ログアウト</button></form></nav>{{/LOGGED_IN}}{{#LOGGED_OUT}}<a class="account-nav__link account-nav__login" href="/login">ログイン</a>{{/LOGGED_OUT}}
</div>
</header>
{{#CRUMBS}}
<nav class="breadcrumbs" aria-label="現在位置">
<ol class="container breadcrumbs__list">
{{#CRUMB}}<li class="breadcrumbs__item"><a href="{{URL}}">{{LABEL}}</a></li>{{/CRUMB}}
<li class="breadcrumbs__item" aria-current="page">{{CURRENT}}</li>
</ol>
</nav>
{{/CRUMBS}}
<main id="main" class="container main" tabindex="-1">
{{>BODY}}
</main>
<footer class="site-footer">
<div class="container site-footer__inner">
<nav class="footer-nav" aria-label="フッターメニュー">
<ul class="footer-nav__list">
<li><a href="/">トップ</a></li>
<li><a href="/projects">協働事業をさがす</a></li>
<li><a href="/groups">団体をさがす</a></li>
<li><a href="/forms">協働の形態</a></li>
</ul>
</nav>
<p class="site-footer__owner">{{CITY_NAME}} 協働推進課</p>
</div>
</footer>
</body>
</html>
