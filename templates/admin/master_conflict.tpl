{{%AUTOESCAPE context="HTML"}}
<div class="admin-page">
<h1 class="page-title">保存できませんでした（更新の競合）</h1>
<div class="notice notice--caution" role="alert"><p class="notice__text">この画面を開いたあとに、ほかの人がこの{{NOUN}}を変更しました。上書きしないよう、あなたの入力は保存していません。下の表で違い（{{NDIFF}}か所）を確認し、編集画面を開き直してから入力し直してください。</p></div>
<div class="table-wrap">
<table class="table">
<caption>あなたの入力と、現在保存されている内容</caption>
<thead><tr><th scope="col">項目</th><th scope="col">あなたの入力</th><th scope="col">現在の内容</th><th scope="col">違い</th></tr></thead>
<tbody>
{{#ROW}}<tr><th scope="row">{{LABEL}}</th><td>{{MINE}}</td><td>{{SAVED}}</td><td>{{#DIFF}}<strong>違います</strong>{{/DIFF}}{{#SAME}}同じ{{/SAME}}</td></tr>
{{/ROW}}
</tbody>
</table>
</div>
<p class="form-actions"><a class="button button--primary" href="{{EDIT_URL}}">最新の内容で編集し直す</a> <a class="button button--secondary" href="{{BASE}}">一覧へ戻る</a></p>
</div>
