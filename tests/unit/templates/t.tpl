{{%AUTOESCAPE context="HTML"}}
<p title="{{ATTR}}">{{TEXT}}</p>{{#ROW}}<li>{{N}}</li>{{/ROW}}{{>INNER}}<svg>{{SVG:none}}</svg>
