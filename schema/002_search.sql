-- 002_search.sql — keyword search (/projects?q=, /groups?q=) over bigrams.
--
-- The trigram tables of 001 cannot answer a word of one or two characters,
-- and Japanese words are often two (防災, 福祉, 清掃). They are replaced by
-- contentless FTS5 tables over two-character tokens made by the
-- application-defined function kyodo_bigrams() (src/db/search_fn.c,
-- registered by db_open()): text normalised (全角英数 → 半角, upper → lower
-- case, 半角カナ → 全角, ひらがな → カタカナ) and cut at white space, each
-- run of characters split into overlapping pairs (防災訓練 → 防災 災訓 訓練).
-- A query word of n >= 2 characters is the phrase of its pairs.
--
-- Only what the public may find is indexed: published projects, registered
-- ('toroku') groups. So the public query needs no filter on the table, and
-- flipping published / status adds or removes the document.
--
-- The second column, facets, holds the filters of the list pages as tokens
-- of four or more characters (a bigram token is always two, so the two
-- never meet): fy_2024 (年度), fm_hojo (形態), dm_… (領域), dp_… (担当課),
-- fd_bosai (分野, one per project_fields row) for projects; gk_あ (五十音の
-- 行), gt_npo (種別), fd_… (分野) for groups. A filter is an AND term of the
-- same MATCH, so FTS5 intersects it with the words through its doclist
-- index and still answers ORDER BY rowid DESC without sorting: no filter is
-- ever checked row by row.
--
-- Every write path (staff forms, CSV import, the demo generator, kyodo
-- commands) goes through these triggers. A contentless table forgets the
-- text, so a document is deleted by giving its old tokens again, recomputed
-- from the old row: kyodo_bigrams() must stay deterministic, and a change to
-- its normalisation needs a migration that rebuilds both tables
-- ('delete-all', then the INSERT … SELECT below). The 分野 rows change the
-- document of their project or group: their triggers delete it with the
-- set of fields it was indexed with (the current set without the inserted
-- row, or with the deleted one) and insert it with the current set. A
-- project or group is deleted from the index BEFORE its row goes (the
-- cascade then deletes its field rows, whose triggers find no row and do
-- nothing); an id change moves the field rows by cascade and is handled
-- by the row's own trigger. The sqlite3 shell has no
-- kyodo_bigrams(), so it can read these tables but cannot write projects or
-- groups: write through kyodo.
--
-- Tokenizer "ascii": everything but ASCII non-alphanumerics is a token
-- character (kyodo_bigrams() turns ASCII punctuation full-width), plus '_'
-- for the facet codes.

DROP TRIGGER IF EXISTS projects_fts_ai;
DROP TRIGGER IF EXISTS projects_fts_ad;
DROP TRIGGER IF EXISTS projects_fts_au;
DROP TABLE IF EXISTS projects_fts;
DROP TRIGGER IF EXISTS groups_fts_ai;
DROP TRIGGER IF EXISTS groups_fts_ad;
DROP TRIGGER IF EXISTS groups_fts_au;
DROP TABLE IF EXISTS groups_fts;

-- ---------------------------------------------------------------- projects

CREATE VIRTUAL TABLE projects_fts USING fts5(
	body, facets,
	content = '', tokenize = "ascii tokenchars '_'"
);

CREATE TRIGGER projects_fts_ai AFTER INSERT ON projects
WHEN NEW.published = 1 BEGIN
	INSERT INTO projects_fts (rowid, body, facets) VALUES (NEW.id,
		kyodo_bigrams(NEW.title, NEW.kana, NEW.summary, NEW.purpose, NEW.target),
		'fy_' || NEW.fiscal_year || ' fm_' || NEW.form || ' dm_' || NEW.domain ||
		' dp_' || NEW.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = NEW.id ORDER BY 1)), ''));
END;

CREATE TRIGGER projects_fts_bd BEFORE DELETE ON projects
WHEN OLD.published = 1 BEGIN
	INSERT INTO projects_fts (projects_fts, rowid, body, facets) VALUES ('delete', OLD.id,
		kyodo_bigrams(OLD.title, OLD.kana, OLD.summary, OLD.purpose, OLD.target),
		'fy_' || OLD.fiscal_year || ' fm_' || OLD.form || ' dm_' || OLD.domain ||
		' dp_' || OLD.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = OLD.id ORDER BY 1)), ''));
END;

-- Only when the document changes (a staff save that leaves the text alone,
-- a status or progress update, costs the index nothing). The field rows
-- are the same before and after (an id change has moved them to NEW.id).
CREATE TRIGGER projects_fts_au AFTER UPDATE OF id, title, kana, summary,
	purpose, target, fiscal_year, form, domain, department, published ON projects
WHEN (OLD.published = 1 OR NEW.published = 1) AND (
	OLD.published IS NOT NEW.published OR OLD.id IS NOT NEW.id OR
	OLD.title IS NOT NEW.title OR OLD.kana IS NOT NEW.kana OR
	OLD.summary IS NOT NEW.summary OR OLD.purpose IS NOT NEW.purpose OR
	OLD.target IS NOT NEW.target OR OLD.fiscal_year IS NOT NEW.fiscal_year OR
	OLD.form IS NOT NEW.form OR OLD.domain IS NOT NEW.domain OR
	OLD.department IS NOT NEW.department) BEGIN
	INSERT INTO projects_fts (projects_fts, rowid, body, facets) SELECT 'delete', OLD.id,
		kyodo_bigrams(OLD.title, OLD.kana, OLD.summary, OLD.purpose, OLD.target),
		'fy_' || OLD.fiscal_year || ' fm_' || OLD.form || ' dm_' || OLD.domain ||
		' dp_' || OLD.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = NEW.id ORDER BY 1)), '')
	WHERE OLD.published = 1;
	INSERT INTO projects_fts (rowid, body, facets) SELECT NEW.id,
		kyodo_bigrams(NEW.title, NEW.kana, NEW.summary, NEW.purpose, NEW.target),
		'fy_' || NEW.fiscal_year || ' fm_' || NEW.form || ' dm_' || NEW.domain ||
		' dp_' || NEW.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = NEW.id ORDER BY 1)), '')
	WHERE NEW.published = 1;
END;

-- 分野: the project's document without, then with, the row.
CREATE TRIGGER project_fields_fts_ai AFTER INSERT ON project_fields BEGIN
	INSERT INTO projects_fts (projects_fts, rowid, body, facets) SELECT 'delete', p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id AND field <> NEW.field ORDER BY 1)), '')
	FROM projects p WHERE p.id = NEW.project_id AND p.published = 1;
	INSERT INTO projects_fts (rowid, body, facets) SELECT p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id ORDER BY 1)), '')
	FROM projects p WHERE p.id = NEW.project_id AND p.published = 1;
END;

CREATE TRIGGER project_fields_fts_ad AFTER DELETE ON project_fields BEGIN
	INSERT INTO projects_fts (projects_fts, rowid, body, facets) SELECT 'delete', p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id UNION SELECT OLD.field ORDER BY 1)), '')
	FROM projects p WHERE p.id = OLD.project_id AND p.published = 1;
	INSERT INTO projects_fts (rowid, body, facets) SELECT p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id ORDER BY 1)), '')
	FROM projects p WHERE p.id = OLD.project_id AND p.published = 1;
END;

-- A field row changed in place (the forms delete and insert; this keeps
-- any other writer right). A project_id moved by the cascade of an id
-- change is the project trigger's business: its old row is gone then.
CREATE TRIGGER project_fields_fts_au AFTER UPDATE OF project_id, field ON project_fields
WHEN OLD.field IS NOT NEW.field OR OLD.project_id IS NOT NEW.project_id BEGIN
	INSERT INTO projects_fts (projects_fts, rowid, body, facets) SELECT 'delete', p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id AND (p.id <> NEW.project_id OR
		field <> NEW.field) UNION SELECT OLD.field ORDER BY 1)), '')
	FROM projects p WHERE p.id = OLD.project_id AND p.published = 1;
	INSERT INTO projects_fts (rowid, body, facets) SELECT p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id ORDER BY 1)), '')
	FROM projects p WHERE p.id = OLD.project_id AND p.published = 1;
	INSERT INTO projects_fts (projects_fts, rowid, body, facets) SELECT 'delete', p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id AND field <> NEW.field ORDER BY 1)), '')
	FROM projects p WHERE p.id = NEW.project_id AND p.published = 1 AND
		NEW.project_id <> OLD.project_id AND
		EXISTS (SELECT 1 FROM projects o WHERE o.id = OLD.project_id);
	INSERT INTO projects_fts (rowid, body, facets) SELECT p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id ORDER BY 1)), '')
	FROM projects p WHERE p.id = NEW.project_id AND p.published = 1 AND
		NEW.project_id <> OLD.project_id AND
		EXISTS (SELECT 1 FROM projects o WHERE o.id = OLD.project_id);
END;

-- ------------------------------------------------------------------ groups

CREATE VIRTUAL TABLE groups_fts USING fts5(
	body, facets,
	content = '', tokenize = "ascii tokenchars '_'"
);

CREATE TRIGGER groups_fts_ai AFTER INSERT ON groups
WHEN NEW.status = 'toroku' BEGIN
	INSERT INTO groups_fts (rowid, body, facets) VALUES (NEW.id,
		kyodo_bigrams(NEW.name, NEW.kana, NEW.area, NEW.purpose, NEW.activities),
		'gk_' || NEW.kana_row || ' gt_' || NEW.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = NEW.id ORDER BY 1)), ''));
END;

CREATE TRIGGER groups_fts_bd BEFORE DELETE ON groups
WHEN OLD.status = 'toroku' BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, facets) VALUES ('delete', OLD.id,
		kyodo_bigrams(OLD.name, OLD.kana, OLD.area, OLD.purpose, OLD.activities),
		'gk_' || OLD.kana_row || ' gt_' || OLD.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = OLD.id ORDER BY 1)), ''));
END;

CREATE TRIGGER groups_fts_au AFTER UPDATE OF id, name, kana, area, purpose,
	activities, kind, status ON groups
WHEN (OLD.status = 'toroku' OR NEW.status = 'toroku') AND (
	OLD.status IS NOT NEW.status OR OLD.id IS NOT NEW.id OR
	OLD.name IS NOT NEW.name OR OLD.kana IS NOT NEW.kana OR
	OLD.area IS NOT NEW.area OR OLD.purpose IS NOT NEW.purpose OR
	OLD.activities IS NOT NEW.activities OR OLD.kind IS NOT NEW.kind) BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, facets) SELECT 'delete', OLD.id,
		kyodo_bigrams(OLD.name, OLD.kana, OLD.area, OLD.purpose, OLD.activities),
		'gk_' || OLD.kana_row || ' gt_' || OLD.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = NEW.id ORDER BY 1)), '')
	WHERE OLD.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, facets) SELECT NEW.id,
		kyodo_bigrams(NEW.name, NEW.kana, NEW.area, NEW.purpose, NEW.activities),
		'gk_' || NEW.kana_row || ' gt_' || NEW.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = NEW.id ORDER BY 1)), '')
	WHERE NEW.status = 'toroku';
END;

CREATE TRIGGER group_fields_fts_ai AFTER INSERT ON group_fields BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, facets) SELECT 'delete', g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND field <> NEW.field ORDER BY 1)), '')
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, facets) SELECT g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '')
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku';
END;

CREATE TRIGGER group_fields_fts_ad AFTER DELETE ON group_fields BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, facets) SELECT 'delete', g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id UNION SELECT OLD.field ORDER BY 1)), '')
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, facets) SELECT g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '')
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
END;

CREATE TRIGGER group_fields_fts_au AFTER UPDATE OF group_id, field ON group_fields
WHEN OLD.field IS NOT NEW.field OR OLD.group_id IS NOT NEW.group_id BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, facets) SELECT 'delete', g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND (g.id <> NEW.group_id OR
		field <> NEW.field) UNION SELECT OLD.field ORDER BY 1)), '')
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, facets) SELECT g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '')
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (groups_fts, rowid, body, facets) SELECT 'delete', g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND field <> NEW.field ORDER BY 1)), '')
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku' AND
		NEW.group_id <> OLD.group_id AND
		EXISTS (SELECT 1 FROM groups o WHERE o.id = OLD.group_id);
	INSERT INTO groups_fts (rowid, body, facets) SELECT g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '')
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku' AND
		NEW.group_id <> OLD.group_id AND
		EXISTS (SELECT 1 FROM groups o WHERE o.id = OLD.group_id);
END;

-- ------------------------------------------- the rows a database holds

INSERT INTO projects_fts (rowid, body, facets)
SELECT p.id, kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target),
	'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
	coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id ORDER BY 1)), '')
FROM projects p WHERE p.published = 1 ORDER BY p.id;
INSERT INTO projects_fts (projects_fts) VALUES ('optimize');

INSERT INTO groups_fts (rowid, body, facets)
SELECT g.id, kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities),
	'gk_' || g.kana_row || ' gt_' || g.kind ||
	coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '')
FROM groups g WHERE g.status = 'toroku' ORDER BY g.id;
INSERT INTO groups_fts (groups_fts) VALUES ('optimize');
