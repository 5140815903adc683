{{%AUTOESCAPE context="HTML"}}
<a href="/x?q={{Q:u}}" title="{{T}}">{{T}}</a><a href="{{URL}}">u</a>{{M:none}}[{{MISSING}}]{{#HIDDEN}}h{{/HIDDEN}}{{BI_SPACE}}|{{G}}
