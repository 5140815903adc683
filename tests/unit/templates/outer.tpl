{{%AUTOESCAPE context="HTML"}}
{{>INC}}{{#SEC}}/{{>INC}}{{/SEC}}{{#ROW}}{{>INC}}{{/ROW}}
