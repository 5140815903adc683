{{%AUTOESCAPE context="HTML"}}{{#YEAR}}<div><dt>年度</dt><dd>{{LABEL}}</dd></div>
{{/YEAR}}{{#FORM}}<div><dt>形態</dt><dd>{{LABEL}}</dd></div>
{{/FORM}}{{#DEPT}}<div><dt>担当課</dt><dd>{{LABEL}}</dd></div>
{{/DEPT}}{{#STATUS}}<div><dt>状況</dt><dd><span class="status status--{{CODE}}">{{LABEL}}</span></dd></div>
{{/STATUS}}