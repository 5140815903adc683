-- kyodo schema, version 1: the whole domain of docs/domain.md.
--
-- Applied by `kyodo migrate` inside one transaction; the runner sets
-- PRAGMA user_version itself. The connection sets foreign_keys=ON.
--
-- Conventions
--   * Every table is STRICT. Every enumeration is a foreign key to a master
--     table (Japanese name + stable ASCII `code` + `sort`) or a CHECK.
--   * Dates are TEXT 'YYYY-MM-DD' (CHECK date(x) IS x); timestamps are TEXT
--     'YYYY-MM-DD HH:MM:SS' in UTC as datetime('now') writes them
--     (CHECK datetime(x) IS x).
--   * Money is INTEGER 円. Flags are INTEGER 0/1.
--   * Fiscal years (年度) are INTEGER, the calendar year in which the fiscal
--     year starts (April–March): 2024 = 令和6年度.
--   * Editable entities carry `version` (optimistic locking: UPDATE ... SET
--     version = version + 1 WHERE id = ? AND version = ?).
--   * Kana (フリガナ) is stored in full-width katakana; the model converts
--     hiragana input. Names sort by kana, then id.

------------------------------------------------------------------------
-- Master data
------------------------------------------------------------------------

-- 団体の種別 (the actors of 協働). type: 地縁型 / テーマ型 where it applies.
CREATE TABLE group_kinds (
	code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name        TEXT NOT NULL UNIQUE,
	type        TEXT CHECK (type IN ('地縁型', 'テーマ型')),
	description TEXT NOT NULL DEFAULT '',
	sort        INTEGER NOT NULL
) STRICT;

INSERT INTO group_kinds (code, name, type, description, sort) VALUES
 ('kojin', '市民（個人）', NULL, '市内で暮らす、働く、学ぶ、集うなど、市に関係する全ての個人', 10),
 ('chonaikai', '町内会・自治会', '地縁型', '町内会・自治会、自主防災組織などの地縁による団体', 20),
 ('npo', '市民活動団体・NPO・ボランティア団体', 'テーマ型', 'NPO法人、ボランティア団体、その他市内で活動する市民活動団体など', 30),
 ('kokyo', '公共的団体', NULL, '社会福祉協議会、体育協会、観光協会など、公共的な活動を担う団体', 40),
 ('jikko', '実行委員会・協議会', NULL, '市民と市などが構成員となって新たにつくる実行委員会・協議会', 50),
 ('daigaku', '大学等', NULL, '大学、専門学校、高等学校、研究機関など', 60),
 ('kigyo', '企業・事業者', NULL, '企業、事業所、商店街振興組合、農業者団体など', 70),
 ('gyosei', '行政', NULL, '国・県などの行政機関（市以外）', 80);

-- 分野 (fields of activity), shared by groups, projects and proposals.
CREATE TABLE fields (
	code TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name TEXT NOT NULL UNIQUE,
	sort INTEGER NOT NULL
) STRICT;

INSERT INTO fields (code, name, sort) VALUES
 ('fukushi', '福祉', 10),
 ('kyoiku', '教育', 20),
 ('kankyo', '環境', 30),
 ('shogai', '生涯学習', 40),
 ('bosai', '防災', 50),
 ('kosodate', '子育て', 60),
 ('bunka', '文化・芸術', 70),
 ('sports', 'スポーツ', 80),
 ('kokusai', '国際交流', 90),
 ('machi', 'まちづくり', 100),
 ('anzen', '地域安全', 110),
 ('kenko', '健康', 120),
 ('kanko', '観光', 130),
 ('sangyo', '産業振興', 140),
 ('danjo', '男女共同参画', 150);

-- 領域 (domains): the axis 市民主体 … 行政主体 drawn by the seeds. axis is
-- the left-to-right position; narrow = 1 for 狭義の協働 (the middle three);
-- optional = 1 for a band some cities leave out (参画).
CREATE TABLE domains (
	code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name        TEXT NOT NULL UNIQUE,
	short_name  TEXT NOT NULL,
	axis        INTEGER NOT NULL UNIQUE CHECK (axis BETWEEN 1 AND 9),
	narrow      INTEGER NOT NULL CHECK (narrow IN (0, 1)),
	optional    INTEGER NOT NULL DEFAULT 0 CHECK (optional IN (0, 1)),
	description TEXT NOT NULL,
	examples    TEXT NOT NULL DEFAULT '',
	sort        INTEGER NOT NULL
) STRICT;

INSERT INTO domains (code, name, short_name, axis, narrow, optional, description, examples, sort) VALUES
 ('shimin_shutai', '市民主体', '市民主体', 1, 0, 0,
  '市民が責任と主体性をもって独自に活動する領域です。市は関わりませんが、市民と市民の協働として、まちづくりを支える大切な活動です。',
  '自主活動、自治会と自主防災会の防災訓練、花いっぱい運動', 10),
 ('shimin_shudo', '市民主導', '市民主導', 2, 1, 0,
  '市民が主導し、市が協力・支援して活動する領域です。市民の主体性のもとに行政が協力します。',
  '補助、助成、後援', 20),
 ('kyoryoku', '協力（双方同等）', '協力', 3, 1, 0,
  '市民と市がお互いの特性を活かし、対等に協力しながら活動する領域です。',
  '共催、実行委員会、事業協力・協定', 30),
 ('gyosei_shudo', '行政主導', '行政主導', 4, 1, 0,
  '市が主導し、市民が協力して活動する領域です。行政主導の活動で市民の参加を求めます。',
  '委託、指定管理', 40),
 ('sankaku', '参画', '参画', 5, 0, 1,
  '市の政策形成・施策評価の際に、市民が参画する領域です。',
  '各種委員会・審議会、パブリックコメント、政策提言', 50),
 ('gyosei_shutai', '行政主体', '行政主体', 6, 0, 0,
  '市が責任と主体性をもって独自に活動する領域です。',
  '各種公共事業、施設整備事業、許認可などの行政処分、内部管理事務', 60);

-- 形態 (forms of collaboration). description/effect/examples follow the
-- seeds' tables; domain is the form's usual 領域; caution is shown on the
-- form page as a warning.
CREATE TABLE forms (
	code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name        TEXT NOT NULL UNIQUE,
	kana        TEXT NOT NULL,
	description TEXT NOT NULL,
	effect      TEXT NOT NULL DEFAULT '',
	examples    TEXT NOT NULL DEFAULT '',
	domain      TEXT NOT NULL REFERENCES domains(code),
	caution     TEXT NOT NULL DEFAULT '',
	core        INTEGER NOT NULL DEFAULT 0 CHECK (core IN (0, 1)), -- one of the four the office names first
	sort        INTEGER NOT NULL
) STRICT;

INSERT INTO forms (code, name, kana, description, effect, examples, domain, caution, core, sort) VALUES
 ('itaku', '委託', 'イタク',
  '市が担っている事業の一部または全部を市民に委託し、委託者の専門性や柔軟性、先駆性などを生かして、より効果的な取り組みとする形態です。専門的な知識・技術・設備などを必要とする市の業務を、市民活動団体や事業者に委託します。',
  '行政にない創造的で先駆的な企画やサービスの提供が期待できるとともに、それぞれが持つ専門性や柔軟性が発揮されることで、きめ細かで多様なサービスの提供が期待されます。',
  '社会福祉協議会、体育協会等への事業委託、地区公民館事業、広報の発行',
  'gyosei_shudo',
  '委託する側・受託する側という関係から、受託者が下請けのようになりやすい形態です。仕様を決める段階から目的を共有し、受託者の専門性や提案を生かせるようにしましょう。',
  1, 10),
 ('kyosai', '共催', 'キョウサイ',
  '市民と市が共に主催者となって、共同で一つの事業を行う形態です。それぞれの専門性を生かすことができるので、単独主催よりも内容の充実が図られます。',
  'それぞれのノウハウ・人的ネットワークや資源を持ち寄り、市民や市民活動団体の視点で事業を企画・実施することができます。',
  '防災訓練の実施、男女共生セミナーの開催、男女平等参画プラザ祭の開催',
  'kyoryoku',
  '共に主催者となるため、経費の負担、役割分担と責任の所在を、企画の段階で取り決めておく必要があります。',
  1, 20),
 ('hojo', '補助', 'ホジョ',
  '市民と市との共通の目的を達成するため、市民が実施する事業に対し、市が資金を支援する形態です。市民が主体的に取り組む事業で、公益上必要であると認められる場合に、市が資金を補助します。',
  '事業実施主体の自主性・自立性が尊重され、行政が対応困難な市民ニーズに対応できます。',
  '町内会・自治会への各種補助金、福祉・スポーツへの補助金、市民活動への「まちづくり活動支援補助金」',
  'shimin_shudo',
  '補助する、補助を受けるという立場の違いから、対等性を失いやすいので注意が必要です。',
  1, 30),
 ('koen', '後援', 'コウエン',
  '市民の実施する事業に対して、市が趣旨に賛同し、後援者として名を連ねる外部的な支援の形態です。財政的な支援はありませんが、社会的信頼性が保てることから、事業を効果的に実施できます。',
  '事業に対する理解や関心、社会的信頼が増すことが期待できます。',
  '市民が主催するシンポジウムやイベント、事業のポスター・チラシ等への「後援 みなと市」の記載',
  'shimin_shudo',
  '財政的な支援は伴いません。名義の使用は承認された事業に限られ、内容が変わるときは改めて承認が必要です。事業の終了後は実施報告書を提出します。',
  1, 40),
 ('kyotei', '事業協力・協定', 'ジギョウキョウリョク・キョウテイ',
  '市民と市が、それぞれの特性を生かし、一定期間、継続的に協力して事業を実施する形態です。一般的には事業の目的や役割分担、経費負担などを取り決めた協定書等を締結し、継続的に協力することで、協働の意識の啓発や醸成につながります。',
  '継続的に協力することで、協働の意識の啓発や醸成につながります。',
  '自主防災組織の結成、行政パートナー制度を活用した事業、花と緑のまちづくり事業、客船等寄港事業、ビオトープ管理協定、災害時協定',
  'kyoryoku',
  '協定の期間が長くなると、目的や役割分担があいまいになりがちです。協定の内容を定期的に見直しましょう。',
  0, 50),
 ('jikkoiinkai', '実行委員会・協議会', 'ジッコウイインカイ・キョウギカイ',
  '市民と市が構成員となって新たな組織をつくり、主催者となって事業を実施する形態です。それぞれの専門性を生かすことができるため、単独主催よりも内容の充実が図られます。',
  'それぞれのノウハウ・人的ネットワークや資源を持ち寄り、市民の視点で事業を企画・実施することができます。',
  '港まつり・スワンフェスタ等の実行委員会、リサイクル協働市民協議会、みなとオアシス運営協議会',
  'kyoryoku',
  '企画段階からの十分な協議や情報共有、経費負担、役割分担を明確にしておく必要があります。',
  0, 60),
 ('joho', '情報提供・情報交換', 'ジョウホウテイキョウ・ジョウホウコウカン',
  '市民と市が、それぞれ持っている情報の提供や意見交換などを行い、情報の共有を図る形態です。協働はここから始まると言ってもよい、極めて重要な形態です。',
  'お互いが情報を共有することにより、コミュニケーションの強化が図られるとともに、それらの情報を活用することにより、事業内容の充実などにつながります。',
  '市民活動団体やまち「ピカ」パートナーの情報交換会',
  'kyoryoku',
  '個人情報や公開前の情報の取り扱いに注意し、交換した情報の使い方をあらかじめ確認しておきましょう。',
  0, 70),
 ('shitei', '指定管理', 'シテイカンリ',
  '公の施設の管理運営を、市が指定した市民活動団体や事業者などが行う形態です。専門的な知識・技術・設備などを必要とする施設の運営を担い、利用者に身近なサービスを提供します。',
  'それぞれが持つ専門性や柔軟性が発揮されることで、きめ細かで多様なサービスの提供が期待されます。',
  '集会所の指定管理、子どもの広場等の管理',
  'gyosei_shudo',
  '管理運営を任せきりにせず、利用者の声や事業評価を市と指定管理者が共有することが大切です。',
  0, 80),
 ('sankaku', '企画立案・計画策定への参画', 'キカクリツアン・ケイカクサクテイヘノサンカク',
  '市の事業や計画に市民の専門的な知識や経験、情報等を反映させるため、審議会や委員会に参加して意見や提案をもらう形態です。企画立案の段階から目的や情報を共有し、提言や意見を取り入れます（政策提言）。',
  '行政にない発想や考え方を市の施策に反映することができます。また、市民の市政への参画意識の醸成が図られます。',
  '計画等のパブリックコメントへの意見提出、まちづくり協議会への参加、各種審議会委員',
  'sankaku',
  '出された意見や提言をどのように扱ったかを、参加した市民に必ず伝えましょう。',
  0, 90),
 ('josei', '助成', 'ジョセイ',
  '市民が自らの責任と主体性で行う公益的な活動に対し、公募と審査を経て、市が活動資金を助成する形態です。助成を受けた団体が事業を企画し、実施します。',
  '市民の自主性・自立性を尊重しながら、新しい活動の立ち上げや継続を支えることができます。',
  '市民活動団体への活動助成、地域の活性化を目的とした公募型の助成事業',
  'shimin_shudo',
  '補助と同じく、資金を出す側と受ける側という関係から対等性を失いやすいので注意が必要です。成果を報告し合う場を設けましょう。',
  0, 100);

-- 担当課 (city departments). Staff users belong to one.
CREATE TABLE departments (
	code   TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name   TEXT NOT NULL UNIQUE,
	phone  TEXT,                                          -- the department's public phone (内線 or direct line)
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	sort   INTEGER NOT NULL
) STRICT;

INSERT INTO departments (code, name, sort) VALUES
 ('kyodo', '市民生活部 協働推進課', 10),
 ('kikaku', '企画部 企画課', 20),
 ('fukushi', '保健福祉部 福祉課', 30),
 ('kosodate', '保健福祉部 子育て支援課', 40),
 ('kenko', '保健福祉部 健康づくり課', 50),
 ('kankyo', '市民生活部 環境課', 60),
 ('kiki', '総務部 危機管理課', 70),
 ('shogai', '教育委員会 生涯学習課', 80),
 ('bunka', '教育委員会 文化振興課', 90),
 ('sports', '教育委員会 スポーツ推進課', 100),
 ('kanko', '経済部 観光課', 110),
 ('norin', '経済部 農林水産課', 120),
 ('toshi', '都市建設部 都市計画課', 130),
 ('danjo', '市民生活部 男女共同参画室', 140);

-- 役割 of a partner in a project.
CREATE TABLE partner_roles (
	code TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name TEXT NOT NULL UNIQUE,
	sort INTEGER NOT NULL
) STRICT;

INSERT INTO partner_roles (code, name, sort) VALUES
 ('shusai', '主催', 10),
 ('kyosai', '共催', 20),
 ('jutaku', '受託者', 30),
 ('hojo', '補助事業者', 40),
 ('josei', '助成団体', 50),
 ('shitei', '指定管理者', 60),
 ('kyotei', '協定締結者', 70),
 ('jikko', '実行委員', 80),
 ('sankaku', '委員・参画者', 90),
 ('kyoryoku', '協力', 100);

-- 事業の状況 (project statuses) and the transitions staff may make.
-- progress_default is the 進捗率 a project shows when it enters the status.
CREATE TABLE project_statuses (
	code             TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name             TEXT NOT NULL UNIQUE,
	progress_default INTEGER NOT NULL CHECK (progress_default BETWEEN 0 AND 100),
	sort             INTEGER NOT NULL
) STRICT;

INSERT INTO project_statuses (code, name, progress_default, sort) VALUES
 ('teian', '提案', 0, 10),
 ('shinsa', '審査中', 0, 20),
 ('saitaku', '採択', 10, 30),
 ('fusaitaku', '不採択', 0, 40),
 ('jisshi', '実施中', 30, 50),
 ('kanryo', '完了', 100, 60),
 ('hyoka', '評価済', 100, 70);

CREATE TABLE project_status_transitions (
	from_status TEXT NOT NULL REFERENCES project_statuses(code),
	to_status   TEXT NOT NULL REFERENCES project_statuses(code),
	PRIMARY KEY (from_status, to_status)
) STRICT, WITHOUT ROWID;

INSERT INTO project_status_transitions (from_status, to_status) VALUES
 ('teian', 'shinsa'), ('teian', 'saitaku'), ('teian', 'fusaitaku'),
 ('shinsa', 'saitaku'), ('shinsa', 'fusaitaku'),
 ('saitaku', 'jisshi'), ('jisshi', 'kanryo'), ('kanryo', 'hyoka');

-- 提案の型 (市民活動実践モデル事業: 市民提案型 / 行政提案型).
CREATE TABLE proposal_types (
	code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name        TEXT NOT NULL UNIQUE,
	description TEXT NOT NULL,
	sort        INTEGER NOT NULL
) STRICT;

INSERT INTO proposal_types (code, name, description, sort) VALUES
 ('shimin', '市民提案型', '市民などによる地域課題解決のための協働による事業提案', 10),
 ('gyosei', '行政提案型', '市が提示する地域課題解決のための協働による事業提案', 20);

-- 団体の登録状況. listed = 1 when the public directory shows the group.
CREATE TABLE group_statuses (
	code   TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name   TEXT NOT NULL UNIQUE,
	listed INTEGER NOT NULL CHECK (listed IN (0, 1)),
	sort   INTEGER NOT NULL
) STRICT;

INSERT INTO group_statuses (code, name, listed, sort) VALUES
 ('shinsei', '申請中', 0, 10),
 ('toroku', '登録', 1, 20),
 ('kyushi', '休止', 0, 30),
 ('massho', '抹消', 0, 40);

CREATE TABLE group_status_transitions (
	from_status TEXT NOT NULL REFERENCES group_statuses(code),
	to_status   TEXT NOT NULL REFERENCES group_statuses(code),
	PRIMARY KEY (from_status, to_status)
) STRICT, WITHOUT ROWID;

INSERT INTO group_status_transitions (from_status, to_status) VALUES
 ('shinsei', 'toroku'), ('shinsei', 'massho'),
 ('toroku', 'kyushi'), ('toroku', 'massho'),
 ('kyushi', 'toroku'), ('kyushi', 'massho');

-- 市民活動団体の要件 confirmed by staff when approving a registration.
CREATE TABLE group_requirements (
	code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name        TEXT NOT NULL UNIQUE,
	description TEXT NOT NULL,
	sort        INTEGER NOT NULL
) STRICT;

INSERT INTO group_requirements (code, name, description, sort) VALUES
 ('jishu', '自主的', '市民が自己責任を持ち、自由な発想による自主的な活動であること。', 10),
 ('keizoku', '継続性・組織性', '継続性と組織性を備え、社会責任を果たすことを目的とした活動であること。', 20),
 ('minna', '「みんなのため」', '個人のためではなく、「みんなのため」を目的にしている活動であること。', 30),
 ('hieiri', '非営利', '営利を目的とせず、社会に貢献できる活動であること。', 40),
 ('hiseiji', '非政治・非宗教', '政治上の主義の推進や宗教の教義を広めることを目的とする活動ではないこと。', 50),
 ('hihansha', '非反社会', '市民生活の秩序を乱し地域の安全を脅かすなど、反社会的な活動ではないこと。', 60);

-- 協働の原則. Each city names its own set; exactly one set is active and
-- the evaluation sheet is built from it. Scores keep pointing at the
-- principle they were given for, so switching sets keeps history intact.
CREATE TABLE principle_sets (
	code   TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name   TEXT NOT NULL UNIQUE,
	source TEXT NOT NULL DEFAULT '',                      -- where the wording comes from
	active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
) STRICT;

CREATE UNIQUE INDEX principle_sets_one_active ON principle_sets(active) WHERE active = 1;

CREATE TABLE principles (
	id          INTEGER PRIMARY KEY,
	set_code    TEXT NOT NULL REFERENCES principle_sets(code),
	code        TEXT NOT NULL CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name        TEXT NOT NULL,
	description TEXT NOT NULL,
	sort        INTEGER NOT NULL,
	UNIQUE (set_code, code)
) STRICT;

INSERT INTO principle_sets (code, name, source, active) VALUES
 ('seven', '協働の基本原則（7原則）', '室蘭市 協働のまちづくり指針', 1),
 ('nine', '協働のまちづくりを進める際のルール（9項目）', '岩国市 協働のまちづくり促進計画', 0),
 ('five', '協働の原則（5原則）', '第2次一関市協働基本計画', 0),
 ('six', '協働の原則（6原則）', '赤磐市 協働のまちづくり指針', 0);

INSERT INTO principles (set_code, code, name, description, sort) VALUES
 ('seven', 'mokuteki', '目的共有', '何のために協働するのかという目的を共有する。', 10),
 ('seven', 'sogo', '相互理解', 'お互いの目的や特性を理解して協力し合う。', 20),
 ('seven', 'jishu', '自主・自立', '自立してそれぞれの力を発揮し合うと共に、相互の自主性を尊重する。', 30),
 ('seven', 'taito', '対等', '上下の関係がなく対等な関係にあって相互に補完し合う。', 40),
 ('seven', 'yakuwari', '役割分担', 'それぞれの特性が発揮できるように、果たすべき役割や責務を明確にする。', 50),
 ('seven', 'joho', '情報公開・情報共有', '積極的に情報を公開すると共に情報の共有化に努める。', 60),
 ('seven', 'hyoka', '評価', '相互に取り組みを評価し、次の取り組みに反映させる。', 70),
 ('nine', 'sogo', '相互理解', 'お互いの立場や特性を理解し合う。', 10),
 ('nine', 'mokuteki', '目的と目標の共有', '協働の目的と目標を共有する。', 20),
 ('nine', 'jishu', '自主性と自立性の尊重', 'お互いの自主性と自立性を尊重する。', 30),
 ('nine', 'taito', '対等な立場', '対等な立場で互いを認め合う。', 40),
 ('nine', 'yakuwari', '役割分担や責任の明確化', '役割分担と責任の所在を明確にする。', 50),
 ('nine', 'joho', '情報公開と共有', '情報を公開し、共有する。', 60),
 ('nine', 'shuhi', '守秘義務', '協働の中で知り得た秘密や個人情報を守る。', 70),
 ('nine', 'hyoka', '評価の必要性', '協働の取り組みを評価し、次に生かす。', 80),
 ('nine', 'tomeisei', '透明性の確保', '協働の過程と結果を誰からも見えるようにする。', 90),
 ('five', 'jishu', '自主、自立、対等', '自主性を尊重し、自立してそれぞれの持てる力を発揮し合うこと。対等な横の関係にあって、お互いを補完し合うこと。', 10),
 ('five', 'sogo', '相互理解、目的共有', 'お互いの立場や特性を十分に理解し、協働の目的や役割、活動に必要な情報を共有し、信頼関係を築いていくこと。', 20),
 ('five', 'kosei', '公正、公平、公開', '選定や活動に対する評価において公正、公平な判断を行い、積極的に情報を公開し、説明責任を果たしていくこと。', 30),
 ('five', 'hyoka', '評価、検証', '行政が負担する予算、事業規模等が当初計画したとおり完結したかどうかなど、協働して取り組んだ事業の評価、検証を行うこと。', 40),
 ('five', 'hanashiai', '話し合いの継続', '上記の原則を踏まえ、話し合いを継続していくこと。', 50),
 ('six', 'mokuteki', '目的共有', '何のために協働をするのか、その目的をお互いに共有する。', 10),
 ('six', 'sogo', '相互理解', 'お互いの立場や違いを正しく理解し、できることとできないことを認めあう。', 20),
 ('six', 'taito', '対等', 'どちらかが下請けとなることなく、横の関係にあることを常に認識する。', 30),
 ('six', 'jishu', '自主性、自立性尊重', '役割と責任を分担し、もたれ合うのではなく支え合う関係を保つ。', 40),
 ('six', 'kokai', '公開性・透明性・公平性', '情報を共有し、第三者に対しても積極的に公開して活動の透明性を確保する。', 50),
 ('six', 'hyoka', '評価', '市民の納得度の視点で評価を行い、必要に応じて見直しを行う。', 60);

-- 評価者の種別.
CREATE TABLE eval_author_kinds (
	code TEXT PRIMARY KEY CHECK (code IN ('city', 'partner', 'committee', 'participant')),
	name TEXT NOT NULL UNIQUE,
	sort INTEGER NOT NULL
) STRICT;

INSERT INTO eval_author_kinds (code, name, sort) VALUES
 ('city', '行政側自己評価', 10),
 ('partner', '市民側自己評価', 20),
 ('committee', '委員会評価', 30),
 ('participant', '参加者アンケート', 40);

-- 評価の尺度 and its levels. level is the stored value (higher = better);
-- mark is what the sheet prints ('5', 'A'); points maps every scale onto
-- 0–100 so reports can compare sheets written on different scales;
-- comment_required = 1 when a score at this level needs a comment.
CREATE TABLE eval_scales (
	code        TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name        TEXT NOT NULL UNIQUE,
	description TEXT NOT NULL DEFAULT '',
	is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
	sort        INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX eval_scales_one_default ON eval_scales(is_default) WHERE is_default = 1;

CREATE TABLE eval_scale_levels (
	scale            TEXT NOT NULL REFERENCES eval_scales(code),
	level            INTEGER NOT NULL CHECK (level BETWEEN 1 AND 10),
	mark             TEXT NOT NULL,
	label            TEXT NOT NULL,
	points           INTEGER NOT NULL CHECK (points BETWEEN 0 AND 100),
	comment_required INTEGER NOT NULL DEFAULT 0 CHECK (comment_required IN (0, 1)),
	PRIMARY KEY (scale, level)
) STRICT, WITHOUT ROWID;

INSERT INTO eval_scales (code, name, description, is_default, sort) VALUES
 ('five', '5段階評価（1〜5）', '5がもっとも高い評価です。1または2をつけたときは、理由を必ず記入します。', 1, 10),
 ('ad', '4段階評価（A〜D）', 'A（よくできた）からD（まったくできなかった）までの4段階です。', 0, 20),
 ('three', '3段階評価', '十分・おおむね・不十分の3段階です。', 0, 30);

INSERT INTO eval_scale_levels (scale, level, mark, label, points, comment_required) VALUES
 ('five', 5, '5', 'とてもよくできた', 100, 0),
 ('five', 4, '4', 'よくできた', 75, 0),
 ('five', 3, '3', 'ふつう', 50, 0),
 ('five', 2, '2', 'あまりできなかった', 25, 1),
 ('five', 1, '1', 'できなかった', 0, 1),
 ('ad', 4, 'A', 'よくできた', 100, 0),
 ('ad', 3, 'B', 'おおむねできた', 67, 0),
 ('ad', 2, 'C', 'あまりできなかった', 33, 1),
 ('ad', 1, 'D', 'まったくできなかった', 0, 1),
 ('three', 3, '◎', '十分にできた', 100, 0),
 ('three', 2, '○', 'おおむねできた', 50, 0),
 ('three', 1, '△', '不十分だった', 0, 1);

-- 今後の方向性.
CREATE TABLE directions (
	code TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name TEXT NOT NULL UNIQUE,
	sort INTEGER NOT NULL
) STRICT;

INSERT INTO directions (code, name, sort) VALUES
 ('kakuju', '拡充', 10),
 ('keizoku', '継続', 20),
 ('kaizen', '改善して継続', 30),
 ('shukusho', '縮小', 40),
 ('shuryo', '終了', 50);

-- 総合評価 (overall verdict, usually the committee's).
CREATE TABLE verdicts (
	code TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name TEXT NOT NULL UNIQUE,
	sort INTEGER NOT NULL
) STRICT;

INSERT INTO verdicts (code, name, sort) VALUES
 ('yuryo', '優良', 10),
 ('ryoko', '良好', 20),
 ('kaizen', '改善が必要', 30);

-- 申請・手続きの段階 per form. due_base/due_days say when a step is due:
-- due_days days after ('+') or before ('-') the project's period_start
-- ('start') or period_end ('end'); NULL when it has no fixed deadline.
-- optional = 1 for steps that only some projects need (変更承認).
CREATE TABLE step_kinds (
	form     TEXT NOT NULL REFERENCES forms(code),
	code     TEXT NOT NULL CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name     TEXT NOT NULL,
	note     TEXT NOT NULL DEFAULT '',                    -- what to submit, shown beside the step
	due_base TEXT CHECK (due_base IN ('start', 'end')),
	due_days INTEGER,
	optional INTEGER NOT NULL DEFAULT 0 CHECK (optional IN (0, 1)),
	sort     INTEGER NOT NULL,
	PRIMARY KEY (form, code),
	CHECK ((due_base IS NULL) = (due_days IS NULL))
) STRICT, WITHOUT ROWID;

INSERT INTO step_kinds (form, code, name, note, due_base, due_days, optional, sort) VALUES
 ('koen', 'shinsei', '後援申請', '名義を使用する14日前までに申請書と事業計画書を提出', 'start', -14, 0, 10),
 ('koen', 'shonin', '承認', '後援名義使用の承認通知', 'start', -7, 0, 20),
 ('koen', 'henko', '変更承認', '事業の内容が変わったときは改めて承認を受ける', NULL, NULL, 1, 30),
 ('koen', 'hokoku', '実施報告', '事業終了後1か月以内に実施報告書を提出', 'end', 30, 0, 40),
 ('kyosai', 'shinsei', '共催申請', '事業の30日前までに申請書、事業計画書、収支予算書を提出', 'start', -30, 0, 10),
 ('kyosai', 'shonin', '承認', '共催の承認と役割分担・経費負担の確認', 'start', -14, 0, 20),
 ('kyosai', 'henko', '変更承認', '事業の内容が変わったときは改めて承認を受ける', NULL, NULL, 1, 30),
 ('kyosai', 'hokoku', '実施報告', '事業終了後1か月以内に実施報告書と収支決算書を提出', 'end', 30, 0, 40),
 ('hojo', 'soudan', '事前相談', '担当課と事業内容・対象経費を相談', 'start', -60, 0, 10),
 ('hojo', 'shinsei', '交付申請', '交付申請書、事業計画書、収支予算書、団体の規約・名簿', 'start', -30, 0, 20),
 ('hojo', 'kettei', '交付決定', '交付決定通知', 'start', 0, 0, 30),
 ('hojo', 'henko', '変更承認', '事業内容や経費配分を変えるときに変更承認申請', NULL, NULL, 1, 40),
 ('hojo', 'jisseki', '実績報告', '収支決算書、領収書の写し、活動写真、自己評価表', 'end', 30, 0, 50),
 ('hojo', 'kakutei', '交付確定', '補助金額の確定通知', 'end', 45, 0, 60),
 ('hojo', 'seikyu', '請求', '補助金交付請求書の提出', 'end', 60, 0, 70),
 ('josei', 'shinsei', '助成申請', '公募期間内に申請書と事業計画書を提出', 'start', -45, 0, 10),
 ('josei', 'shinsa', '審査・公開プレゼンテーション', '審査委員会での事業説明', 'start', -20, 0, 20),
 ('josei', 'kettei', '助成決定', '助成決定通知', 'start', 0, 0, 30),
 ('josei', 'jisseki', '実績報告', '実績報告書、収支決算書、成果報告会での発表', 'end', 30, 0, 40),
 ('josei', 'seikyu', '請求', '助成金請求書の提出', 'end', 45, 0, 50),
 ('itaku', 'shiyo', '仕様協議', '委託する業務の目的と仕様を受託予定者と協議', 'start', -45, 0, 10),
 ('itaku', 'keiyaku', '契約締結', '委託契約書の締結（金額と履行期間）', 'start', 0, 0, 20),
 ('itaku', 'chukan', '中間報告', '業務の進み具合の報告と打合せ', NULL, NULL, 1, 30),
 ('itaku', 'kanryo', '完了報告', '業務完了報告書の提出', 'end', 10, 0, 40),
 ('itaku', 'kensa', '完了検査', '成果物・業務内容の検査', 'end', 20, 0, 50),
 ('itaku', 'shiharai', '委託料の支払', '請求に基づく支払', 'end', 50, 0, 60),
 ('shitei', 'shitei', '指定', '議会の議決を経て指定管理者を指定', 'start', -60, 0, 10),
 ('shitei', 'kyotei', '協定締結', '基本協定・年度協定の締結', 'start', 0, 0, 20),
 ('shitei', 'hokoku', '事業報告', '年度の事業報告書の提出', 'end', 60, 0, 30),
 ('shitei', 'monitoring', 'モニタリング', '利用者アンケートと市による評価', 'end', 90, 0, 40),
 ('kyotei', 'kyogi', '協議', '目的、役割分担、経費負担を協議', 'start', -30, 0, 10),
 ('kyotei', 'teiketsu', '協定締結', '協定書の締結', 'start', 0, 0, 20),
 ('kyotei', 'hokoku', '実施報告', '年度の活動報告', 'end', 30, 0, 30),
 ('kyotei', 'minaoshi', '協定の見直し', '期間満了前に内容を点検し、更新または終了を決める', NULL, NULL, 1, 40),
 ('jikkoiinkai', 'setsuritsu', '実行委員会の設立', '規約、構成団体、役割分担、経費負担を決定', 'start', -90, 0, 10),
 ('jikkoiinkai', 'futankin', '負担金の支出', '市の負担金の支出', 'start', -30, 0, 20),
 ('jikkoiinkai', 'kessan', '決算・事業報告', '実行委員会総会での決算・事業報告', 'end', 60, 0, 30),
 ('joho', 'kaisai', '情報交換会の開催', '日程、参加団体、テーマの調整', NULL, NULL, 0, 10),
 ('joho', 'kiroku', '記録の公開', '交換した情報と意見の記録を公開', 'end', 30, 0, 20),
 ('sankaku', 'boshu', '委員・参加者の募集', '公募委員や参加者の募集', 'start', -30, 0, 10),
 ('sankaku', 'kaigi', '会議・ワークショップ', '会議やワークショップの開催', NULL, NULL, 0, 20),
 ('sankaku', 'hanei', '意見の反映結果の公表', '出された意見とその扱いを公表', 'end', 60, 0, 30);

------------------------------------------------------------------------
-- Users and sessions (before the entities that point at users)
------------------------------------------------------------------------

-- 利用者. role: admin 協働推進課, staff 職員, committee 委員, group 団体担当者.
-- department is set for staff/admin, group_id for group accounts.
-- password_hash is a libsodium crypto_pwhash_str string ($argon2id$…).
CREATE TABLE users (
	id                  INTEGER PRIMARY KEY,
	username            TEXT NOT NULL UNIQUE COLLATE NOCASE
	                    CHECK (length(username) BETWEEN 1 AND 64 AND username NOT GLOB '*[^A-Za-z0-9._-]*'),
	display_name        TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
	email               TEXT CHECK (email GLOB '?*@?*'),
	password_hash       TEXT NOT NULL CHECK (password_hash GLOB '$argon2*'),
	role                TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'committee', 'group')),
	department          TEXT REFERENCES departments(code),
	group_id            INTEGER REFERENCES groups(id),
	disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at          TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(created_at) IS created_at),
	last_login_at       TEXT CHECK (datetime(last_login_at) IS last_login_at),
	password_changed_at TEXT CHECK (datetime(password_changed_at) IS password_changed_at),
	CHECK (role <> 'group' OR group_id IS NOT NULL),
	CHECK (role <> 'staff' OR department IS NOT NULL)
) STRICT;

CREATE INDEX users_group ON users(group_id) WHERE group_id IS NOT NULL;
CREATE INDEX users_department ON users(department);

-- ログインセッション. The cookie carries a random token; only its hash
-- (e.g. crypto_generichash, 32 bytes) is stored. csrf_token is the token
-- forms carry in csrf_token.
CREATE TABLE sessions (
	token_hash   BLOB PRIMARY KEY CHECK (length(token_hash) BETWEEN 16 AND 64),
	user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf_token   TEXT NOT NULL CHECK (length(csrf_token) >= 16),
	created_at   TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(created_at) IS created_at),
	last_seen_at TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(last_seen_at) IS last_seen_at),
	expires_at   TEXT NOT NULL CHECK (datetime(expires_at) IS expires_at),
	client_addr  TEXT
) STRICT, WITHOUT ROWID;

CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- ログイン試行 (throttling by username and by client address).
CREATE TABLE login_attempts (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(at) IS at),
	username    TEXT NOT NULL,
	client_addr TEXT NOT NULL DEFAULT '',
	success     INTEGER NOT NULL CHECK (success IN (0, 1))
) STRICT;

CREATE INDEX login_attempts_username ON login_attempts(username, at);
CREATE INDEX login_attempts_addr ON login_attempts(client_addr, at);

------------------------------------------------------------------------
-- 計画 (plans, basic policies and action items)
------------------------------------------------------------------------

-- 計画 / アクションプログラム, with its period in fiscal years.
CREATE TABLE plans (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	first_year  INTEGER NOT NULL CHECK (first_year BETWEEN 1989 AND 2100),
	last_year   INTEGER NOT NULL CHECK (last_year BETWEEN 1989 AND 2100),
	description TEXT NOT NULL DEFAULT '',
	CHECK (last_year >= first_year)
) STRICT;

-- 基本方針 (parent_id NULL) and their measures / action items (parent_id
-- set). code is what the plan prints: '1', '1-1', '2-(3)'.
CREATE TABLE plan_policies (
	id        INTEGER PRIMARY KEY,
	plan_id   INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	parent_id INTEGER REFERENCES plan_policies(id) ON DELETE CASCADE,
	code      TEXT NOT NULL,
	title     TEXT NOT NULL,
	content   TEXT NOT NULL DEFAULT '',                  -- 内容
	effect    TEXT NOT NULL DEFAULT '',                  -- 効果
	sort      INTEGER NOT NULL DEFAULT 0,
	UNIQUE (plan_id, code)
) STRICT;

CREATE INDEX plan_policies_parent ON plan_policies(parent_id);

-- Per fiscal year: what the plan foresees (検討 / 実施 / 制度点検 / 検証 …)
-- and the committee's 進行管理 note on what actually happened.
CREATE TABLE plan_policy_years (
	policy_id   INTEGER NOT NULL REFERENCES plan_policies(id) ON DELETE CASCADE,
	fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1989 AND 2100),
	planned     TEXT NOT NULL DEFAULT '',
	progress    TEXT NOT NULL DEFAULT '',
	checked_on  TEXT CHECK (date(checked_on) IS checked_on),
	PRIMARY KEY (policy_id, fiscal_year)
) STRICT, WITHOUT ROWID;

------------------------------------------------------------------------
-- 団体 (groups)
------------------------------------------------------------------------

-- 団体. kana is katakana フリガナ; kana_row is its 五十音 row ('あ' … 'わ',
-- '他' for anything else), computed from kana. Public contact: web, email,
-- phone. The representative's contact (rep_*) is personal information:
-- each field is shown publicly only when its *_public flag is 1.
CREATE TABLE groups (
	id                 INTEGER PRIMARY KEY,
	name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	kana               TEXT NOT NULL CHECK (length(kana) BETWEEN 1 AND 200 AND kana NOT GLOB '*[^ァ-ヶー・　 0-9０-９A-Za-zＡ-Ｚａ-ｚ]*'),
	kana_row           TEXT NOT NULL GENERATED ALWAYS AS (
		CASE
		WHEN substr(kana, 1, 1) BETWEEN 'ァ' AND 'オ' THEN 'あ'
		WHEN substr(kana, 1, 1) BETWEEN 'カ' AND 'ゴ' THEN 'か'
		WHEN substr(kana, 1, 1) BETWEEN 'サ' AND 'ゾ' THEN 'さ'
		WHEN substr(kana, 1, 1) BETWEEN 'タ' AND 'ド' THEN 'た'
		WHEN substr(kana, 1, 1) BETWEEN 'ナ' AND 'ノ' THEN 'な'
		WHEN substr(kana, 1, 1) BETWEEN 'ハ' AND 'ポ' THEN 'は'
		WHEN substr(kana, 1, 1) BETWEEN 'マ' AND 'モ' THEN 'ま'
		WHEN substr(kana, 1, 1) BETWEEN 'ャ' AND 'ヨ' THEN 'や'
		WHEN substr(kana, 1, 1) BETWEEN 'ラ' AND 'ロ' THEN 'ら'
		WHEN substr(kana, 1, 1) BETWEEN 'ヮ' AND 'ン' THEN 'わ'
		WHEN substr(kana, 1, 1) = 'ヴ' THEN 'あ'
		ELSE '他' END) STORED,
	kind               TEXT NOT NULL REFERENCES group_kinds(code),
	area               TEXT NOT NULL DEFAULT '',          -- 地区 (活動の拠点となる地区)
	founded            TEXT CHECK (founded GLOB '[12][0-9][0-9][0-9]'
	                               OR founded GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
	                               OR date(founded) IS founded), -- 設立: year, year-month or date
	members            INTEGER CHECK (members >= 0),      -- 会員数
	fee                TEXT NOT NULL DEFAULT '',          -- 会費, as the group words it (年額1,000円 …)
	purpose            TEXT NOT NULL DEFAULT '',          -- 目的
	activities         TEXT NOT NULL DEFAULT '',          -- 活動内容
	web                TEXT CHECK (web GLOB 'http://?*' OR web GLOB 'https://?*'),
	email              TEXT CHECK (email GLOB '?*@?*'),   -- public contact address
	phone              TEXT,                              -- public phone
	rep_name           TEXT NOT NULL DEFAULT '',          -- 代表者名 (personal)
	rep_name_public    INTEGER NOT NULL DEFAULT 0 CHECK (rep_name_public IN (0, 1)),
	rep_phone          TEXT NOT NULL DEFAULT '',
	rep_phone_public   INTEGER NOT NULL DEFAULT 0 CHECK (rep_phone_public IN (0, 1)),
	rep_address        TEXT NOT NULL DEFAULT '',
	rep_address_public INTEGER NOT NULL DEFAULT 0 CHECK (rep_address_public IN (0, 1)),
	rep_email          TEXT NOT NULL DEFAULT '',
	rep_email_public   INTEGER NOT NULL DEFAULT 0 CHECK (rep_email_public IN (0, 1)),
	status             TEXT NOT NULL DEFAULT 'shinsei' REFERENCES group_statuses(code),
	applied_on         TEXT CHECK (date(applied_on) IS applied_on),       -- 申請日
	registered_on      TEXT CHECK (date(registered_on) IS registered_on), -- 登録日
	suspended_on       TEXT CHECK (date(suspended_on) IS suspended_on),   -- 休止日
	removed_on         TEXT CHECK (date(removed_on) IS removed_on),       -- 抹消日
	status_note        TEXT NOT NULL DEFAULT '',
	created_at         TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(created_at) IS created_at),
	updated_at         TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(updated_at) IS updated_at),
	version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	UNIQUE (id, status, kana)                              -- parent key of group_fields' copy
) STRICT;

-- /groups: listed groups by kana, optionally by 五十音 row or kind.
CREATE INDEX groups_status_kana ON groups(status, kana, id);
CREATE INDEX groups_status_row ON groups(status, kana_row, kana, id);
CREATE INDEX groups_status_kind ON groups(status, kind, kana, id);

-- 団体の分野. status and kana are copies of the group's, kept equal by the
-- ON UPDATE CASCADE foreign key, so the field filter of /groups walks
-- group_fields_list in kana order (… WHERE gf.field = ? AND gf.status =
-- 'toroku' ORDER BY gf.kana, gf.group_id).
CREATE TABLE group_fields (
	group_id INTEGER NOT NULL,
	field    TEXT NOT NULL REFERENCES fields(code),
	status   TEXT NOT NULL,
	kana     TEXT NOT NULL,
	PRIMARY KEY (group_id, field),
	FOREIGN KEY (group_id, status, kana) REFERENCES groups(id, status, kana)
		ON DELETE CASCADE ON UPDATE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX group_fields_list ON group_fields(field, status, kana, group_id);
CREATE INDEX group_fields_parent ON group_fields(group_id, status, kana);

-- 登録要件の確認: which requirement staff confirmed for a group, by whom.
CREATE TABLE group_requirement_checks (
	group_id    INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
	requirement TEXT NOT NULL REFERENCES group_requirements(code),
	confirmed   INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
	user_id     INTEGER REFERENCES users(id),
	checked_at  TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(checked_at) IS checked_at),
	note        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (group_id, requirement)
) STRICT, WITHOUT ROWID;

-- Listed-group counts by kind and 五十音 row, kept by triggers so the
-- directory's tabs and pager never count(*) the table.
CREATE TABLE group_counts (
	status   TEXT NOT NULL,
	kind     TEXT NOT NULL,
	kana_row TEXT NOT NULL,
	n        INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (status, kind, kana_row)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER groups_count_ai AFTER INSERT ON groups BEGIN
	INSERT INTO group_counts (status, kind, kana_row, n)
	VALUES (NEW.status, NEW.kind, NEW.kana_row, 1)
	ON CONFLICT (status, kind, kana_row) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER groups_count_ad AFTER DELETE ON groups BEGIN
	UPDATE group_counts SET n = n - 1
	WHERE status = OLD.status AND kind = OLD.kind AND kana_row = OLD.kana_row;
END;

CREATE TRIGGER groups_count_au AFTER UPDATE OF status, kind, kana ON groups
WHEN OLD.status IS NOT NEW.status OR OLD.kind IS NOT NEW.kind OR OLD.kana_row IS NOT NEW.kana_row
BEGIN
	UPDATE group_counts SET n = n - 1
	WHERE status = OLD.status AND kind = OLD.kind AND kana_row = OLD.kana_row;
	INSERT INTO group_counts (status, kind, kana_row, n)
	VALUES (NEW.status, NEW.kind, NEW.kana_row, 1)
	ON CONFLICT (status, kind, kana_row) DO UPDATE SET n = n + 1;
END;

------------------------------------------------------------------------
-- 協働事業 (projects)
------------------------------------------------------------------------

-- 協働事業. Status dates record when the project entered each status.
-- Budget: 事業費 (total) planned and actual, and the city's and the
-- partners' shares of it (the rest comes from elsewhere: 参加費, 協賛金,
-- 国・県の補助 …). progress is the 進捗率 shown with the status.
CREATE TABLE projects (
	id                    INTEGER PRIMARY KEY,
	fiscal_year           INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1989 AND 2100),
	title                 TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	kana                  TEXT,
	summary               TEXT NOT NULL DEFAULT '',     -- 概要
	purpose               TEXT NOT NULL DEFAULT '',     -- 目的
	target                TEXT NOT NULL DEFAULT '',     -- 対象
	period_start          TEXT CHECK (date(period_start) IS period_start),
	period_end            TEXT CHECK (date(period_end) IS period_end),
	form                  TEXT NOT NULL REFERENCES forms(code),
	domain                TEXT NOT NULL REFERENCES domains(code),
	proposal_type         TEXT NOT NULL REFERENCES proposal_types(code),
	department            TEXT NOT NULL REFERENCES departments(code),
	status                TEXT NOT NULL DEFAULT 'teian' REFERENCES project_statuses(code),
	proposed_on           TEXT CHECK (date(proposed_on) IS proposed_on),   -- 提案
	reviewed_on           TEXT CHECK (date(reviewed_on) IS reviewed_on),   -- 審査開始
	decided_on            TEXT CHECK (date(decided_on) IS decided_on),     -- 採択/不採択
	started_on            TEXT CHECK (date(started_on) IS started_on),     -- 実施開始
	completed_on          TEXT CHECK (date(completed_on) IS completed_on), -- 完了
	evaluated_on          TEXT CHECK (date(evaluated_on) IS evaluated_on), -- 評価済
	published             INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
	published_at          TEXT CHECK (datetime(published_at) IS published_at),
	plan_policy_id        INTEGER REFERENCES plan_policies(id) ON DELETE SET NULL,
	budget_planned        INTEGER CHECK (budget_planned >= 0),
	city_share_planned    INTEGER CHECK (city_share_planned >= 0),
	partner_share_planned INTEGER CHECK (partner_share_planned >= 0),
	budget_actual         INTEGER CHECK (budget_actual >= 0),
	city_share_actual     INTEGER CHECK (city_share_actual >= 0),
	partner_share_actual  INTEGER CHECK (partner_share_actual >= 0),
	progress              INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
	created_by            INTEGER REFERENCES users(id),
	created_at            TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(created_at) IS created_at),
	updated_at            TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(updated_at) IS updated_at),
	version               INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start),
	CHECK (coalesce(city_share_planned, 0) + coalesce(partner_share_planned, 0) <= coalesce(budget_planned, 0)),
	CHECK (coalesce(city_share_actual, 0) + coalesce(partner_share_actual, 0) <= coalesce(budget_actual, 0)),
	UNIQUE (id, fiscal_year, published),                -- parent key of project_fields' copy
	UNIQUE (id, form)                                   -- parent key of project_steps
) STRICT;

-- /projects: published projects by fiscal_year DESC, id DESC, keyset
-- paginated on (fiscal_year, id); each filter has its own index ending in
-- the sort columns, so ORDER BY needs no temporary b-tree.
CREATE INDEX projects_pub_year ON projects(published, fiscal_year, id);
CREATE INDEX projects_pub_form ON projects(published, form, fiscal_year, id);
CREATE INDEX projects_pub_domain ON projects(published, domain, fiscal_year, id);
CREATE INDEX projects_pub_dept ON projects(published, department, fiscal_year, id);
-- Staff lists (their department's projects, published or not), dashboards.
CREATE INDEX projects_dept ON projects(department, fiscal_year, id);
CREATE INDEX projects_status ON projects(status, fiscal_year);
CREATE INDEX projects_policy ON projects(plan_policy_id) WHERE plan_policy_id IS NOT NULL;
CREATE INDEX projects_pub_latest ON projects(published, published_at); -- top page: latest published
CREATE INDEX projects_updated ON projects(updated_at);

-- 事業の分野. fiscal_year and published are copies of the project's,
-- kept equal by the ON UPDATE CASCADE foreign key, so the field filter of
-- /projects walks project_fields_list in list order (… WHERE pf.field = ?
-- AND pf.published = 1 ORDER BY pf.fiscal_year DESC, pf.project_id DESC).
CREATE TABLE project_fields (
	project_id  INTEGER NOT NULL,
	field       TEXT NOT NULL REFERENCES fields(code),
	fiscal_year INTEGER NOT NULL,
	published   INTEGER NOT NULL,
	PRIMARY KEY (project_id, field),
	FOREIGN KEY (project_id, fiscal_year, published) REFERENCES projects(id, fiscal_year, published)
		ON DELETE CASCADE ON UPDATE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX project_fields_list ON project_fields(field, published, fiscal_year, project_id);
CREATE INDEX project_fields_parent ON project_fields(project_id, fiscal_year, published);

-- 事業の相手方 (partners) and their role in the project.
CREATE TABLE project_partners (
	project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
	group_id   INTEGER NOT NULL REFERENCES groups(id),
	role       TEXT NOT NULL REFERENCES partner_roles(code),
	sort       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (project_id, group_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX project_partners_group ON project_partners(group_id, project_id);

-- 役割分担: what each party does. party 'city' (group_id NULL) is the
-- responsible department; party 'partner' names one of the project's
-- partners.
CREATE TABLE project_roles (
	id         INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
	party      TEXT NOT NULL CHECK (party IN ('city', 'partner')),
	group_id   INTEGER,
	text       TEXT NOT NULL CHECK (length(text) >= 1),
	sort       INTEGER NOT NULL DEFAULT 0,
	CHECK ((party = 'city') = (group_id IS NULL)),
	FOREIGN KEY (project_id, group_id) REFERENCES project_partners(project_id, group_id) ON DELETE CASCADE
) STRICT;

CREATE INDEX project_roles_project ON project_roles(project_id, sort);
CREATE INDEX project_roles_partner ON project_roles(project_id, group_id);

-- Form-specific details, one row per project; only the columns of the
-- project's form are filled.
CREATE TABLE project_form_details (
	project_id        INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
	-- 補助・助成
	grant_programme   TEXT,                              -- 補助金・助成金の名称
	grant_amount      INTEGER CHECK (grant_amount >= 0), -- 交付（決定）額
	grant_rate        TEXT,                              -- 補助率 (「対象経費の2分の1以内」)
	-- 委託・指定管理
	contract_amount   INTEGER CHECK (contract_amount >= 0),
	contract_start    TEXT CHECK (date(contract_start) IS contract_start),
	contract_end      TEXT CHECK (date(contract_end) IS contract_end),
	contract_method   TEXT,                              -- 随意契約, プロポーザル …
	facility          TEXT,                              -- 指定管理の施設名
	-- 後援
	name_use_approved INTEGER CHECK (name_use_approved IN (0, 1)), -- 名義使用の承認
	name_use_on       TEXT CHECK (date(name_use_on) IS name_use_on), -- 承認日
	conditions        TEXT,                              -- 承認の条件
	-- 共催・実行委員会
	city_cost         INTEGER CHECK (city_cost >= 0),    -- 市の負担額
	partner_cost      INTEGER CHECK (partner_cost >= 0), -- 相手方の負担額
	cost_split        TEXT,                              -- 経費と役割の分担の取り決め
	-- 事業協力・協定
	agreement_name    TEXT,                              -- 協定の名称
	agreement_on      TEXT CHECK (date(agreement_on) IS agreement_on), -- 締結日
	agreement_start   TEXT CHECK (date(agreement_start) IS agreement_start),
	agreement_end     TEXT CHECK (date(agreement_end) IS agreement_end),
	note              TEXT,
	CHECK (contract_end IS NULL OR contract_start IS NULL OR contract_end >= contract_start),
	CHECK (agreement_end IS NULL OR agreement_start IS NULL OR agreement_end >= agreement_start)
) STRICT;

-- 目標と指標. kind: outcome 成果目標, activity 活動指標. midterm_* is the
-- value checked at the midterm review.
CREATE TABLE indicators (
	id             INTEGER PRIMARY KEY,
	project_id     INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
	kind           TEXT NOT NULL CHECK (kind IN ('outcome', 'activity')),
	name           TEXT NOT NULL,
	unit           TEXT NOT NULL DEFAULT '',
	target         REAL,                                  -- 目標値
	midterm        REAL,                                  -- 中間の値
	midterm_on     TEXT CHECK (date(midterm_on) IS midterm_on),
	actual         REAL,                                  -- 実績値
	note           TEXT NOT NULL DEFAULT '',
	sort           INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX indicators_project ON indicators(project_id, sort);

-- 手続きの記録 (application steps by form). form repeats the project's form
-- (foreign key to projects(id, form)) so step must be a step of that form.
CREATE TABLE project_steps (
	id         INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL,
	form       TEXT NOT NULL,
	step       TEXT NOT NULL,
	due_on     TEXT CHECK (date(due_on) IS due_on),
	done_on    TEXT CHECK (date(done_on) IS done_on),
	user_id    INTEGER REFERENCES users(id),             -- who recorded it as done
	note       TEXT NOT NULL DEFAULT '',
	FOREIGN KEY (project_id, form) REFERENCES projects(id, form) ON DELETE CASCADE,
	FOREIGN KEY (form, step) REFERENCES step_kinds(form, code)
) STRICT;

CREATE INDEX project_steps_project ON project_steps(project_id, form);
CREATE INDEX project_steps_open ON project_steps(due_on) WHERE done_on IS NULL; -- what is overdue

-- Published project counts per fiscal year and form (and all projects,
-- published or not, in total), kept by triggers: the top page and the
-- pagers read these instead of count(*).
CREATE TABLE project_counts (
	fiscal_year INTEGER NOT NULL,
	form        TEXT NOT NULL,
	published   INTEGER NOT NULL DEFAULT 0,
	total       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (fiscal_year, form)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER projects_count_ai AFTER INSERT ON projects BEGIN
	INSERT INTO project_counts (fiscal_year, form, published, total)
	VALUES (NEW.fiscal_year, NEW.form, NEW.published, 1)
	ON CONFLICT (fiscal_year, form) DO UPDATE
	SET published = published + excluded.published, total = total + 1;
END;

CREATE TRIGGER projects_count_ad AFTER DELETE ON projects BEGIN
	UPDATE project_counts SET published = published - OLD.published, total = total - 1
	WHERE fiscal_year = OLD.fiscal_year AND form = OLD.form;
END;

CREATE TRIGGER projects_count_au AFTER UPDATE OF fiscal_year, form, published ON projects
WHEN OLD.fiscal_year IS NOT NEW.fiscal_year OR OLD.form IS NOT NEW.form OR OLD.published IS NOT NEW.published
BEGIN
	UPDATE project_counts SET published = published - OLD.published, total = total - 1
	WHERE fiscal_year = OLD.fiscal_year AND form = OLD.form;
	INSERT INTO project_counts (fiscal_year, form, published, total)
	VALUES (NEW.fiscal_year, NEW.form, NEW.published, 1)
	ON CONFLICT (fiscal_year, form) DO UPDATE
	SET published = published + excluded.published, total = total + 1;
END;

------------------------------------------------------------------------
-- 評価 (evaluations)
------------------------------------------------------------------------

-- 評価シート. author_kind: city 行政側自己評価 (author_user_id, the
-- department), partner 市民側自己評価 (group_id: which partner), committee
-- 委員会評価. stage: midterm 中間 / final 事後. Levels (impl_level …) are on
-- the sheet's scale. plan_result answers 「予算、事業規模等が当初計画した
-- とおり完結したか」. submitted_on NULL = draft.
CREATE TABLE evaluations (
	id              INTEGER PRIMARY KEY,
	project_id      INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
	author_kind     TEXT NOT NULL REFERENCES eval_author_kinds(code),
	author_user_id  INTEGER REFERENCES users(id),
	group_id        INTEGER,
	fiscal_year     INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1989 AND 2100),
	stage           TEXT NOT NULL DEFAULT 'final' CHECK (stage IN ('midterm', 'final')),
	scale           TEXT NOT NULL REFERENCES eval_scales(code),
	impl_level      INTEGER,                             -- 実施は適切であったか
	impl_comment    TEXT NOT NULL DEFAULT '',
	roles_level     INTEGER,                             -- 役割分担は適切であったか
	roles_comment   TEXT NOT NULL DEFAULT '',
	plan_result     TEXT CHECK (plan_result IN ('as_planned', 'partly', 'not')), -- 計画どおり / 一部変更 / 計画どおりでない
	plan_comment    TEXT NOT NULL DEFAULT '',
	outcome         TEXT NOT NULL DEFAULT '',            -- 成果
	issues          TEXT NOT NULL DEFAULT '',            -- 課題
	improvements    TEXT NOT NULL DEFAULT '',            -- 改善策
	direction       TEXT REFERENCES directions(code),    -- 今後の方向性
	verdict         TEXT REFERENCES verdicts(code),      -- 総合評価
	satisfaction    INTEGER,                             -- 市民の納得度, on the sheet's scale
	comment         TEXT NOT NULL DEFAULT '',            -- 総評
	submitted_on    TEXT CHECK (date(submitted_on) IS submitted_on),
	published       INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
	published_on    TEXT CHECK (date(published_on) IS published_on),
	created_at      TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(created_at) IS created_at),
	updated_at      TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(updated_at) IS updated_at),
	version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
	CHECK ((author_kind = 'partner') = (group_id IS NOT NULL)),
	CHECK (published = 0 OR submitted_on IS NOT NULL),
	FOREIGN KEY (project_id, group_id) REFERENCES project_partners(project_id, group_id),
	FOREIGN KEY (scale, impl_level) REFERENCES eval_scale_levels(scale, level),
	FOREIGN KEY (scale, roles_level) REFERENCES eval_scale_levels(scale, level),
	FOREIGN KEY (scale, satisfaction) REFERENCES eval_scale_levels(scale, level),
	UNIQUE (id, scale)                                  -- parent key of evaluation_scores
) STRICT;

CREATE INDEX evaluations_project ON evaluations(project_id, author_kind, fiscal_year);
CREATE INDEX evaluations_year ON evaluations(fiscal_year, author_kind);
CREATE INDEX evaluations_published ON evaluations(published, published_on);
CREATE INDEX evaluations_partner ON evaluations(project_id, group_id) WHERE group_id IS NOT NULL;

-- Principle scores of a sheet. scale repeats the sheet's scale (foreign key
-- to evaluations(id, scale)) so level is a level of that scale.
CREATE TABLE evaluation_scores (
	evaluation_id INTEGER NOT NULL,
	principle_id  INTEGER NOT NULL REFERENCES principles(id),
	scale         TEXT NOT NULL,
	level         INTEGER NOT NULL,
	comment       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (evaluation_id, principle_id),
	FOREIGN KEY (evaluation_id, scale) REFERENCES evaluations(id, scale) ON DELETE CASCADE,
	FOREIGN KEY (scale, level) REFERENCES eval_scale_levels(scale, level)
) STRICT, WITHOUT ROWID;

CREATE INDEX evaluation_scores_principle ON evaluation_scores(principle_id);
CREATE INDEX evaluation_scores_parent ON evaluation_scores(evaluation_id, scale);

-- 相互評価の話し合い: after the city and the partner filled their sheets,
-- what was discussed (共有できたこと / 認識に違いがあったこと / 今後改善
-- すること), per project, fiscal year and stage.
CREATE TABLE evaluation_discussions (
	id          INTEGER PRIMARY KEY,
	project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
	fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1989 AND 2100),
	stage       TEXT NOT NULL DEFAULT 'final' CHECK (stage IN ('midterm', 'final')),
	held_on     TEXT CHECK (date(held_on) IS held_on),
	shared      TEXT NOT NULL DEFAULT '',
	differences TEXT NOT NULL DEFAULT '',
	next_steps  TEXT NOT NULL DEFAULT '',
	recorded_by INTEGER REFERENCES users(id),
	created_at  TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(created_at) IS created_at),
	UNIQUE (project_id, fiscal_year, stage)
) STRICT;

-- 参加者アンケート (anonymous): satisfaction 1 (不満) … 5 (満足).
CREATE TABLE survey_responses (
	id           INTEGER PRIMARY KEY,
	project_id   INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
	satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
	comment      TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
	created_at   TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(created_at) IS created_at)
) STRICT;

CREATE INDEX survey_responses_project ON survey_responses(project_id, created_at);

------------------------------------------------------------------------
-- 市民提案 (citizen proposals)
------------------------------------------------------------------------

CREATE TABLE proposal_statuses (
	code TEXT PRIMARY KEY CHECK (code GLOB '[a-z]*' AND code NOT GLOB '*[^a-z0-9_]*'),
	name TEXT NOT NULL UNIQUE,
	sort INTEGER NOT NULL
) STRICT;

INSERT INTO proposal_statuses (code, name, sort) VALUES
 ('uketsuke', '受付', 10),
 ('kento', '検討中', 20),
 ('jigyoka', '事業化', 30),
 ('miokuri', '見送り', 40),
 ('kaito', '回答済', 50);

-- 市民提案. The proposer's name and contact are personal information and
-- never shown publicly. project_id links the project it became.
CREATE TABLE proposals (
	id             INTEGER PRIMARY KEY,
	title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	body           TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
	field          TEXT REFERENCES fields(code),
	proposer_name  TEXT NOT NULL,
	proposer_group TEXT NOT NULL DEFAULT '',             -- 団体名 (if any)
	proposer_email TEXT NOT NULL DEFAULT '',
	proposer_phone TEXT NOT NULL DEFAULT '',
	status         TEXT NOT NULL DEFAULT 'uketsuke' REFERENCES proposal_statuses(code),
	department     TEXT REFERENCES departments(code),   -- department asked to answer
	reply          TEXT NOT NULL DEFAULT '',            -- 市の回答
	replied_on     TEXT CHECK (date(replied_on) IS replied_on),
	project_id     INTEGER REFERENCES projects(id) ON DELETE SET NULL,
	created_at     TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(created_at) IS created_at)
) STRICT;

CREATE INDEX proposals_status ON proposals(status, created_at);

------------------------------------------------------------------------
-- 変更履歴 (audit log)
------------------------------------------------------------------------

-- One row per changed field (or per action without a field: login,
-- publish …). kind is the entity ('groups', 'projects', 'evaluations',
-- 'users' …), record_id its id.
CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(at) IS at),
	user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
	kind        TEXT NOT NULL,
	record_id   INTEGER,
	action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'status', 'publish', 'unpublish',
	                                            'approve', 'reject', 'login', 'logout', 'password')),
	field       TEXT,
	old_value   TEXT,
	new_value   TEXT,
	client_addr TEXT
) STRICT;

CREATE INDEX audit_log_record ON audit_log(kind, record_id, at);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
CREATE INDEX audit_log_at ON audit_log(at);

------------------------------------------------------------------------
-- 全文検索 (full-text search, trigram: works for Japanese without a
-- dictionary; a query needs at least 3 characters — shorter terms use LIKE).
-- External-content tables: rowid = projects.id / groups.id, kept in sync
-- by triggers. Every project is indexed; public pages join projects and
-- keep published = 1.
------------------------------------------------------------------------

CREATE VIRTUAL TABLE projects_fts USING fts5(
	title, summary, purpose,
	content = 'projects', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER projects_fts_ai AFTER INSERT ON projects BEGIN
	INSERT INTO projects_fts (rowid, title, summary, purpose)
	VALUES (NEW.id, NEW.title, NEW.summary, NEW.purpose);
END;

CREATE TRIGGER projects_fts_ad AFTER DELETE ON projects BEGIN
	INSERT INTO projects_fts (projects_fts, rowid, title, summary, purpose)
	VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.purpose);
END;

CREATE TRIGGER projects_fts_au AFTER UPDATE OF title, summary, purpose ON projects BEGIN
	INSERT INTO projects_fts (projects_fts, rowid, title, summary, purpose)
	VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.purpose);
	INSERT INTO projects_fts (rowid, title, summary, purpose)
	VALUES (NEW.id, NEW.title, NEW.summary, NEW.purpose);
END;

CREATE VIRTUAL TABLE groups_fts USING fts5(
	name, kana, purpose, activities,
	content = 'groups', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER groups_fts_ai AFTER INSERT ON groups BEGIN
	INSERT INTO groups_fts (rowid, name, kana, purpose, activities)
	VALUES (NEW.id, NEW.name, NEW.kana, NEW.purpose, NEW.activities);
END;

CREATE TRIGGER groups_fts_ad AFTER DELETE ON groups BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, name, kana, purpose, activities)
	VALUES ('delete', OLD.id, OLD.name, OLD.kana, OLD.purpose, OLD.activities);
END;

CREATE TRIGGER groups_fts_au AFTER UPDATE OF name, kana, purpose, activities ON groups BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, name, kana, purpose, activities)
	VALUES ('delete', OLD.id, OLD.name, OLD.kana, OLD.purpose, OLD.activities);
	INSERT INTO groups_fts (rowid, name, kana, purpose, activities)
	VALUES (NEW.id, NEW.name, NEW.kana, NEW.purpose, NEW.activities);
END;
