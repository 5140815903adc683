{{%AUTOESCAPE context="HTML"}}
<h1 class="page-title">協働の形態</h1>
<p class="page-lead">協働と一口に言っても、事業を行う主体と協力するほかの主体との間には、さまざまな形態があります。事業の内容に応じて、最も効果的な形態で協働することが望まれます。</p>

<section class="section" aria-labelledby="axis-title">
<h2 class="section__title" id="axis-title">協働の領域</h2>
<p>市民と市の協働は、それぞれの関わりの度合いによって、いくつかの領域に分けて考えることができます。このうち市民と市が公共サービスの提供において協働する領域（狭義の協働）は、{{NARROW_TEXT}}の{{NARROW_COUNT}}つの領域です。</p>
<figure class="axis-figure">
{{AXIS_SVG:none}}
<figcaption class="axis-figure__caption">図　協働の領域（左ほど市民の関わりが大きく、右ほど市の関わりが大きくなります）</figcaption>
</figure>
<dl class="domain-list">
{{#DOMAIN}}<div class="domain-list__item{{#NARROW}} domain-list__item--narrow{{/NARROW}}"><dt>{{NAME}}{{#NARROW}}<span class="domain-list__badge">狭義の協働</span>{{/NARROW}}</dt>{{#HAS_DESC}}<dd>{{DESCRIPTION}}</dd>{{/HAS_DESC}}</div>
{{/DOMAIN}}
</dl>
</section>

<section class="section" aria-labelledby="forms-title">
<h2 class="section__title" id="forms-title">形態の一覧</h2>
<ul class="form-cards">
{{#FORM}}<li class="form-card">
<h3 class="form-card__title"><a href="/forms/{{CODE}}">{{NAME}}</a></h3>
{{#HAS_DOMAIN}}<p class="form-card__domain">主な領域：{{DOMAIN_NAME}}</p>{{/HAS_DOMAIN}}
{{#HAS_DESC}}<p class="form-card__text">{{DESCRIPTION}}</p>{{/HAS_DESC}}
{{#HAS_CAUTION}}<p class="form-card__caution"><span class="caution-label">注意</span>{{CAUTION}}</p>{{/HAS_CAUTION}}
<p class="form-card__count">公開中の協働事業：<a href="/projects?form={{CODE:u}}">{{COUNT}}件</a></p>
</li>
{{/FORM}}
</ul>
</section>
