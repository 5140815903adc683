{{%AUTOESCAPE context="HTML"}}
<article class="group" aria-labelledby="group-title">
<header class="group__header">
<p class="group__kicker"><span class="tag">{{KIND}}</span></p>
<h1 class="page-title" id="group-title">{{NAME}}</h1>
{{#HAS_KANA}}<p class="group__kana">{{KANA}}</p>{{/HAS_KANA}}
</header>

<section class="section" aria-labelledby="about-title">
<h2 class="section__title" id="about-title">団体の概要</h2>
<table class="facts">
<tbody>
<tr><th scope="row">団体名</th><td>{{NAME}}</td></tr>
<tr><th scope="row">種別</th><td>{{KIND}}</td></tr>
{{#HAS_FIELDS}}<tr><th scope="row">活動分野</th><td><ul class="inline-list">{{#FIELD}}<li><a href="/groups?field={{CODE:u}}">{{NAME}}</a></li>{{/FIELD}}</ul></td></tr>{{/HAS_FIELDS}}
{{#HAS_AREA}}<tr><th scope="row">活動地区</th><td>{{AREA}}</td></tr>{{/HAS_AREA}}
{{#HAS_FOUNDED}}<tr><th scope="row">設立</th><td>{{FOUNDED}}</td></tr>{{/HAS_FOUNDED}}
{{#HAS_MEMBERS}}<tr><th scope="row">会員数</th><td>{{MEMBERS}}人</td></tr>{{/HAS_MEMBERS}}
{{#HAS_FEE}}<tr><th scope="row">会費</th><td>{{FEE}}</td></tr>{{/HAS_FEE}}
</tbody>
</table>
{{#HAS_PURPOSE}}<h3 class="subsection__title">目的</h3>
<p class="prose">{{PURPOSE}}</p>{{/HAS_PURPOSE}}
{{#HAS_ACTIVITIES}}<h3 class="subsection__title">活動内容</h3>
<p class="prose">{{ACTIVITIES}}</p>{{/HAS_ACTIVITIES}}
</section>

<section class="section" aria-labelledby="contact-title">
<h2 class="section__title" id="contact-title">連絡先</h2>
{{#HAS_CONTACT}}
<table class="facts">
<tbody>
{{#HAS_WEB}}<tr><th scope="row">ホームページ</th><td><a href="{{WEB}}" rel="nofollow noopener">{{WEB}}</a></td></tr>{{/HAS_WEB}}
{{#HAS_EMAIL}}<tr><th scope="row">メールアドレス</th><td><a href="mailto:{{EMAIL}}">{{EMAIL}}</a></td></tr>{{/HAS_EMAIL}}
{{#PHONE}}<tr><th scope="row">電話番号</th><td>{{VALUE}}</td></tr>{{/PHONE}}
{{#REP_NAME}}<tr><th scope="row">代表者</th><td>{{VALUE}}</td></tr>{{/REP_NAME}}
{{#REP_PHONE}}<tr><th scope="row">代表者の電話番号</th><td>{{VALUE}}</td></tr>{{/REP_PHONE}}
{{#REP_EMAIL}}<tr><th scope="row">代表者のメールアドレス</th><td>{{VALUE}}</td></tr>{{/REP_EMAIL}}
{{#REP_ADDRESS}}<tr><th scope="row">代表者の連絡先</th><td>{{VALUE}}</td></tr>{{/REP_ADDRESS}}
</tbody>
</table>
{{/HAS_CONTACT}}
{{#NO_CONTACT}}<p class="empty">公開している連絡先はありません。この団体へのお問い合わせは{{CITY_NAME}}協働推進課が取り次ぎます。</p>{{/NO_CONTACT}}
</section>

<section class="section" aria-labelledby="projects-title">
<h2 class="section__title" id="projects-title">この団体が参加している協働事業</h2>
{{#HAS_PROJECTS}}
<ul class="card-list">
{{#PROJECT}}<li class="card">
<h3 class="card__title"><a href="/projects/{{ID}}">{{TITLE}}</a></h3>
<p class="card__meta"><span class="tag">{{FORM_NAME}}</span> <span>{{YEAR_LABEL}}</span>{{#HAS_ROLE}} <span>立場：{{ROLE}}</span>{{/HAS_ROLE}}</p>
</li>
{{/PROJECT}}
</ul>
{{/HAS_PROJECTS}}
{{#NO_PROJECTS}}<p class="empty">公開されている協働事業はまだありません。</p>{{/NO_PROJECTS}}
</section>

<p class="back-link"><a href="/groups">団体の一覧へ戻る</a></p>
</article>
