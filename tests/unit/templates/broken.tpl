{{%AUTOESCAPE context="HTML"}}
{{#UNCLOSED}}
