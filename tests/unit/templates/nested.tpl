{{%AUTOESCAPE context="HTML"}}
{{#ROW}}({{N}}:{{#CELL}}{{C}}{{TOP}};{{/CELL}}|{{TOP}}){{/ROW}}[{{N}}]
