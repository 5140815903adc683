{{%AUTOESCAPE context="HTML"}}
{{#SHORT}}<p class="notice" role="status">「{{WORD}}」は1文字のため検索できません。キーワードは2文字以上で入力してください。</p>{{/SHORT}}
{{#CAPPED}}<p class="note">{{CAP}}件を超えたため、新しい順に{{CAP}}件目までを表示します。キーワードを増やすか、条件で絞り込むと見つけやすくなります。</p>{{/CAPPED}}
{{#EMPTY}}<p class="empty" role="status">該当する{{NOUN}}はありません。条件を変えてお試しください。</p>{{/EMPTY}}
