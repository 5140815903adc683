{{%AUTOESCAPE context="HTML"}}
<div class="admin-page">
<p class="back-link"><a href="/admin/master">マスタデータの管理へ戻る</a></p>
<h1 class="page-title">団体・協働事業のCSV取込と書き出し</h1>
<p class="page-lead">いまExcelで管理している団体や協働事業の一覧を、CSVファイルにしてまとめて登録できます。まず「確認する」で全行を点検し、問題がなければ同じファイルで「取り込む」を押します。1行でも問題があれば何も登録されません。</p>
{{#IMPORTED}}<div class="notice notice--success" role="status"><p class="notice__text">{{KIND_NAME}}を{{N}}件取り込みました。取り込みは変更履歴に記録されています。</p></div>{{/IMPORTED}}
{{#ERRORS}}<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary">
<h2 class="error-summary__title" id="error-summary-title">{{COUNT}}件の問題があります。</h2>
<ul class="error-summary__list">
{{#KIND_ERROR}}<li><a href="#kind-groups">{{MESSAGE}}</a></li>{{/KIND_ERROR}}
{{#FILE_ERROR}}<li><a href="#file">{{MESSAGE}}</a></li>{{/FILE_ERROR}}
</ul>
</div>{{/ERRORS}}
{{#REPORT}}<section class="import-report" aria-labelledby="report-title">
<h2 id="report-title">点検の結果：{{FILENAME}}</h2>
<p>文字コード：{{CHARSET}}　データの行数：{{ROWS}}行（{{KIND_NAME}}）</p>
{{#OK}}<div class="notice notice--success" role="status"><p class="notice__text">問題は見つかりませんでした。{{ROWS}}件の{{KIND_NAME}}を取り込めます。取り込むには、下のフォームで同じファイルを選び直して「取り込む」を押してください。</p></div>{{/OK}}
{{#IGNORED}}<p class="field__hint">取り込まない列（列名が表にありません）：{{NAME}}</p>
{{/IGNORED}}{{#PROBLEMS}}<div class="notice notice--error" role="alert"><p class="notice__text">{{N}}件の問題があります。何も登録していません。Excelでファイルを直してから、もう一度「確認する」を押してください。</p></div>
<div class="table-wrap">
<table class="table table--stack">
<caption>問題の一覧（行はExcelの行番号、1行目が見出し）</caption>
<thead><tr><th scope="col">行</th><th scope="col">列</th><th scope="col">列名</th><th scope="col">内容</th></tr></thead>
<tbody>
{{#PROBLEM}}<tr><td data-label="行">{{ROW}}</td><td data-label="列">{{COL}}</td><td data-label="列名">{{COLUMN}}</td><td data-label="内容">{{MESSAGE}}</td></tr>
{{/PROBLEM}}</tbody>
</table>
</div>
{{#MORE}}<p>表に出していない問題がほかに{{N}}件あります。上の問題を直してから、もう一度確認してください。</p>{{/MORE}}{{/PROBLEMS}}
</section>{{/REPORT}}
<form class="form" method="post" action="/admin/import" enctype="multipart/form-data" novalidate>
<input type="hidden" name="csrf_token" value="{{CSRF_TOKEN}}">
<fieldset class="field{{#KIND_ERROR}} field--invalid{{/KIND_ERROR}}">
<legend class="field__label">取り込むデータ <span class="badge-required">必須</span></legend>
{{#KIND_ERROR}}<p class="field__error" id="kind-error">{{MESSAGE}}</p>{{/KIND_ERROR}}
<label class="field__check" for="kind-groups"><input type="radio" id="kind-groups" name="kind" value="groups"{{#KIND_GROUPS}} checked{{/KIND_GROUPS}}> 団体</label>
<label class="field__check" for="kind-projects"><input type="radio" id="kind-projects" name="kind" value="projects"{{#KIND_PROJECTS}} checked{{/KIND_PROJECTS}}> 協働事業（先に相手方の団体を取り込んでください）</label>
</fieldset>
<div class="field{{#FILE_ERROR}} field--invalid{{/FILE_ERROR}}">
<label class="field__label" for="file">CSVファイル <span class="badge-required">必須</span></label>
<p class="field__hint" id="file-hint">ExcelのCSV（UTF-8）でも、CSV（カンマ区切り、Shift_JIS）でも読み込めます。1行目は列名（下の表）にしてください。</p>
{{#FILE_ERROR}}<p class="field__error" id="file-error">{{MESSAGE}}</p>{{/FILE_ERROR}}
<input class="field__input" type="file" id="file" name="file" accept=".csv,text/csv" aria-describedby="file-hint{{#FILE_ERROR}} file-error{{/FILE_ERROR}}"{{#FILE_ERROR}} aria-invalid="true"{{/FILE_ERROR}}>
</div>
<div class="form-actions">
<button class="button button--primary" type="submit" name="mode" value="check">確認する（登録しません）</button>
<button class="button button--secondary" type="submit" name="mode" value="import">取り込む</button>
</div>
</form>
<h2>書き出し</h2>
<p>登録済みのデータを、取り込みと同じ列のCSV（UTF-8・BOM付き）で書き出します。Excelでそのまま開けます。<strong>代表者の連絡先（個人情報）を含みます。</strong>取り扱いに注意し、書き出しは記録されます。公開用のオープンデータではありません。</p>
<ul class="link-list">
<li><a href="/admin/export/groups.csv">団体の一覧（CSV）</a></li>
<li><a href="/admin/export/projects.csv">協働事業の一覧（CSV）</a></li>
</ul>
<h2>CSVの列</h2>
<p>列の順番は自由です。列名は下の表の名前か、「ほかの列名」のどれかにしてください。表にない列は取り込まれません（点検結果に表示します）。</p>
{{#COLUMNS}}<div class="table-wrap">
<table class="table">
<caption>{{KIND_NAME}}のCSVの列（書き出しの順）</caption>
<thead><tr><th scope="col">列</th><th scope="col">列名</th><th scope="col">入力のしかた</th><th scope="col">ほかの列名</th></tr></thead>
<tbody>
{{#COL}}<tr><td>{{LETTER}}</td><th scope="row">{{HEADER}}{{#REQUIRED}} <span class="badge-required">必須</span>{{/REQUIRED}}</th><td>{{NOTE}}</td><td>{{#ALIASES}}{{TEXT}}{{/ALIASES}}</td></tr>
{{/COL}}</tbody>
</table>
</div>{{/COLUMNS}}
</div>
