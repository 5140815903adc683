{{%AUTOESCAPE context="HTML"}}
<b>{{INNER_TEXT}}</b>
