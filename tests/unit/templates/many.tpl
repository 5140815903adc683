{{%AUTOESCAPE context="HTML"}}
{{#ROW}}({{I}}{{#SUB}}.{{J}}{{/SUB}}){{/ROW}}
