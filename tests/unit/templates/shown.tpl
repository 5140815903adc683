{{%AUTOESCAPE context="HTML"}}
{{#ROW}}{{#FLAG}}[{{NAME}}]{{/FLAG}}{{/ROW}}({{#FLAG}}{{NAME}}{{/FLAG}})
