{{%AUTOESCAPE context="HTML"}}
{{#ITEM}}{{X}}{{#ITEM_separator}}, {{/ITEM_separator}}{{/ITEM}}.
