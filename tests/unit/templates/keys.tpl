{{%AUTOESCAPE context="HTML"}}
[{{KEY_A}}|{{KEY_B}}]{{#SEC_A}}a{{/SEC_A}}{{#SEC_B}}b{{/SEC_B}}
