{{%AUTOESCAPE context="HTML"}}
<a href="/x?q={{Q:u}}" title="{{T}}">{{T}}</a><a href="{{URL}}">u</a>{{M:none}}[{{MISSING}}]{{#HIDDEN}}h{{/HIDDEN}}{{BI_SPACE}}|{{G}}|{{LONG_KEY_NAME_OVER_THIRTY_TWO_BYTES}}
