{{%AUTOESCAPE context="HTML"}}
[{{P}}|{{G}}|{{I}}{{#PSEC}}!{{/PSEC}}{{#ISEC}}?{{/ISEC}}]
