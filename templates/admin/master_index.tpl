{{%AUTOESCAPE context="HTML"}}
<div class="admin-page">
<h1 class="page-title">マスタデータの管理</h1>
<p class="page-lead">担当課、分野、協働の形態、原則、評価の尺度、計画の方針など、ポータル全体で使う選択肢と説明です。市の指針や計画で使っている言葉に合わせて変更できます。変更はすべて変更履歴に記録されます。</p>
<ul class="link-list admin-kinds">
{{#KIND}}<li><a href="{{URL}}">{{TITLE}}</a><p class="field__hint">{{INTRO}}</p></li>
{{/KIND}}</ul>
<h2>既存データの取り込み</h2>
<p><a href="/admin/import">団体・協働事業のCSV取込と書き出し</a></p>
</div>
