{{%AUTOESCAPE context="HTML"}}
{{#S}}<{{V}}>{{/S}}
