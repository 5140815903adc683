{{%AUTOESCAPE context="HTML"}}
<article class="form-detail" aria-labelledby="form-title">
<header>
<p class="project__kicker">協働の形態{{#HAS_DOMAIN}}<span class="tag">{{DOMAIN_NAME}}</span>{{/HAS_DOMAIN}}</p>
<h1 class="page-title" id="form-title">{{NAME}}</h1>
</header>

{{#HAS_CAUTION}}
<div class="notice notice--caution" role="note" aria-labelledby="caution-title">
<p class="notice__title" id="caution-title">この形態で気をつけること</p>
<p class="notice__text">{{CAUTION}}</p>
</div>
{{/HAS_CAUTION}}

<section class="section" aria-labelledby="desc-title">
<h2 class="section__title" id="desc-title">どのような形態か</h2>
{{#HAS_DESC}}<p class="prose">{{DESCRIPTION}}</p>{{/HAS_DESC}}
{{#HAS_EXAMPLES_TEXT}}<h3 class="subsection__title">具体例</h3>
<p class="prose">{{EXAMPLES_TEXT}}</p>{{/HAS_EXAMPLES_TEXT}}
{{#HAS_EFFECT}}<h3 class="subsection__title">期待される効果</h3>
<p class="prose">{{EFFECT}}</p>{{/HAS_EFFECT}}
</section>


<section class="section" aria-labelledby="axis-title">
<h2 class="section__title" id="axis-title">協働の領域での位置</h2>
{{#HAS_DOMAIN}}<p>「{{NAME}}」は、主に<strong>{{DOMAIN_NAME}}</strong>の領域で行われる協働です。{{#HAS_DOMAIN_DESC}}{{DOMAIN_DESC}}{{/HAS_DOMAIN_DESC}}</p>{{/HAS_DOMAIN}}
<figure class="axis-figure">
{{AXIS_SVG:none}}
<figcaption class="axis-figure__caption">図　協働の領域と「{{NAME}}」の位置</figcaption>
</figure>
</section>

{{STEPS_HTML:none}}

<section class="section" aria-labelledby="examples-title">
<h2 class="section__title" id="examples-title">{{NAME}}による協働事業の例</h2>
{{#HAS_PROJECTS}}
<ul class="card-list">
{{#PROJECT}}<li class="card">
<h3 class="card__title"><a href="/projects/{{ID}}">{{TITLE}}</a></h3>
<p class="card__meta"><span>{{YEAR_LABEL}}</span> <span>{{DEPT_NAME}}</span></p>
</li>
{{/PROJECT}}
</ul>
<p class="section__more"><a href="/projects?form={{CODE:u}}">「{{NAME}}」の協働事業をすべて見る（{{COUNT}}件）</a></p>
{{/HAS_PROJECTS}}
{{#NO_PROJECTS}}<p class="empty">この形態で公開されている協働事業はまだありません。</p>{{/NO_PROJECTS}}
</section>

<nav class="other-forms" aria-labelledby="other-title">
<h2 class="section__title" id="other-title">ほかの形態</h2>
<ul class="form-links">
{{OTHERS_HTML:none}}
</ul>
</nav>
</article>
