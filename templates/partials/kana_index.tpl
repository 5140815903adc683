{{%AUTOESCAPE context="HTML"}}<li><a class="kana-index__link" href="{{ALL_URL}}"{{#ALL_CURRENT}} aria-current="page"{{/ALL_CURRENT}}>すべて</a></li>
{{#KANA}}<li><a class="kana-index__link" href="{{URL}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{#ROW_LABEL}}{{LABEL}}<span class="visually-hidden">行</span>{{/ROW_LABEL}}{{#OTHER_LABEL}}その他{{/OTHER_LABEL}}</a></li>
{{/KANA}}