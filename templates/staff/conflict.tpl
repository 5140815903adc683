{{%AUTOESCAPE context="HTML"}}
{{>STAFF_NAV}}
<h1 class="page-title">保存できませんでした（ほかの人が先に更新しました）</h1>
<div class="notice notice--error" role="alert">
<p class="notice__text">「{{RECORD_TITLE}}」は、あなたが編集を始めた後に、ほかの人が更新しました。あなたの入力内容は保存していません。上書きもしていません。</p>
</div>
<p>下の表で、あなたが入力した内容と、いま保存されている内容を比べてください（違いのある項目は{{NDIFF}}件、「違いあり」と表示しています）。必要な入力内容をコピーしてから、最新の内容で編集し直してください。</p>
<p><a class="button button--primary" href="{{EDIT_URL}}">最新の内容で編集し直す</a></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="比較の表（横にスクロールできます）">
<table class="table sf-compare">
<caption class="visually-hidden">あなたの入力と、いま保存されている内容の比較</caption>
<thead><tr><th scope="col">項目</th><th scope="col">あなたの入力</th><th scope="col">いま保存されている内容</th><th scope="col">比較</th></tr></thead>
<tbody>
{{#ROW}}<tr{{#DIFF}} class="sf-compare__diff"{{/DIFF}}><th scope="row">{{LABEL}}</th><td class="sf-pre">{{MINE}}</td><td class="sf-pre">{{SAVED}}</td><td>{{#DIFF}}<strong class="sf-badge">違いあり</strong>{{/DIFF}}{{#SAME}}同じ{{/SAME}}</td></tr>
{{/ROW}}</tbody>
</table>
</div>
