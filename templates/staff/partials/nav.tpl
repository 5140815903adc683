{{%AUTOESCAPE context="HTML"}}
<link rel="stylesheet" href="/static/css/staff.css">
<nav class="staff-nav" aria-label="職員メニュー">
<ul class="staff-nav__list">
<li><a class="staff-nav__link" href="/staff"{{#HOME_CURRENT}} aria-current="page"{{/HOME_CURRENT}}>職員トップ</a></li>
<li><a class="staff-nav__link" href="/staff/groups"{{#GROUPS_CURRENT}} aria-current="page"{{/GROUPS_CURRENT}}>団体の登録</a></li>
<li><a class="staff-nav__link" href="/staff/projects"{{#PROJECTS_CURRENT}} aria-current="page"{{/PROJECTS_CURRENT}}>協働事業の登録</a></li>
</ul>
<p class="staff-nav__user">{{USER_NAME}}（{{ROLE_LABEL}}{{#HAS_DEPT}}・{{DEPT_NAME}}{{/HAS_DEPT}}）</p>
</nav>
