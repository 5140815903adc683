{{%AUTOESCAPE context="HTML"}}
<nav class="pager" aria-label="ページ送り">
<ul class="pager__list">
{{#PREV}}<li class="pager__item pager__item--prev"><a class="pager__link" href="{{URL}}" rel="prev">前へ<span class="visually-hidden">のページ</span></a></li>{{/PREV}}
{{#PAGE}}{{#LINK}}<li class="pager__item"><a class="pager__link" href="{{URL}}"><span class="visually-hidden">ページ</span>{{N}}</a></li>{{/LINK}}{{#CURRENT}}<li class="pager__item"><a class="pager__link pager__link--current" href="{{URL}}" aria-current="page"><span class="visually-hidden">ページ</span>{{N}}</a></li>{{/CURRENT}}{{#GAP}}<li class="pager__item pager__gap" aria-hidden="true">…</li>{{/GAP}}
{{/PAGE}}
{{#NEXT}}<li class="pager__item pager__item--next"><a class="pager__link" href="{{URL}}" rel="next">次へ<span class="visually-hidden">のページ</span></a></li>{{/NEXT}}
</ul>
</nav>
