-- 006_search_trigrams.sql — the full-text indexes keyed by -id, with a
-- trigram column.
--
-- (Named 006_search_*: another branch may add a 006 of its own; renumber
-- this one when they meet. It only depends on 002.)
--
-- A keyword search reads the first SEARCH_COUNT_CAP + 1 (101) matches,
-- newest first, for the page and the capped count. With 002 a word of n
-- characters was the phrase of its n - 1 bigrams, read ORDER BY rowid DESC;
-- for a 5-character word that was 836 k instructions, 60 % of the whole
-- request. Two things made it dear, and this migration changes both:
--
-- 1. Backwards. FTS5 reads a doclist backwards (DESC) at a price: each
--    term's iterator first walks its doclist to the last page, and every
--    leaf it reads is decoded twice. So both tables now hold each document
--    under rowid = -id: newest first is ORDER BY rowid ASC, FTS5's own
--    order, and the search reads -rowid (src/model/search.c). The same
--    phrase read forwards: 510 k.
--
-- 2. Common terms. A phrase costs in proportion to the entries FTS5 steps
--    through in the doclists of all its terms, and bigrams are common
--    (クリ is in 40 % of the projects, for every づくり). A third column,
--    tri, holds the same text as three-character tokens made by
--    kyodo_trigrams() (src/db/search_fn.c: the same normalisation, runs
--    and barriers as kyodo_bigrams()). A word of n >= 3 characters is the
--    phrase of its n - 2 trigrams, which are rarer and fewer: まちづくり 300 k,
--    子育て (one trigram) 99 k instead of 259 k. A word of 2 characters is
--    its bigram, as before. A bigram (2 characters), a trigram (3), the
--    barrier (1) and a facet (fy_2025 …, with '_', which text tokens never
--    hold) never meet, so no query needs a column filter.
--
-- The matches are the same rows in the same order: a word occurs inside a
-- run exactly when its trigrams do, at consecutive positions, and the
-- barrier keeps a phrase inside one run (tests/unit/test_search_index.c
-- compares the results with a scan and with 002's statements). The
-- triggers are those of 002, with -id for every rowid they write or delete
-- and kyodo_trigrams() of the same values for tri. A reader that wants the
-- id of a match takes -rowid.
--
-- The tables are rebuilt from the rows (both functions run once per
-- published project and registered group: at 200,000 projects under a
-- minute) and merged into one segment each. The index grows by about
-- 85 % (the trigram doclists are about as large as the bigram ones), and
-- every indexed write computes both token lists.

-- 002's triggers and tables (a trigger goes with its table, not with the
-- table it is on, so they are dropped by name).
DROP TRIGGER projects_fts_ai;
DROP TRIGGER projects_fts_bd;
DROP TRIGGER projects_fts_au;
DROP TRIGGER project_fields_fts_ai;
DROP TRIGGER project_fields_fts_ad;
DROP TRIGGER project_fields_fts_au;
DROP TABLE projects_fts;
DROP TRIGGER groups_fts_ai;
DROP TRIGGER groups_fts_bd;
DROP TRIGGER groups_fts_au;
DROP TRIGGER group_fields_fts_ai;
DROP TRIGGER group_fields_fts_ad;
DROP TRIGGER group_fields_fts_au;
DROP TABLE groups_fts;

-- ---------------------------------------------------------------- projects

CREATE VIRTUAL TABLE projects_fts USING fts5(
	body, facets, tri,
	content = '', tokenize = "ascii tokenchars '_'"
);

CREATE TRIGGER projects_fts_ai AFTER INSERT ON projects
WHEN NEW.published = 1 BEGIN
	INSERT INTO projects_fts (rowid, body, tri, facets) VALUES (-NEW.id,
		kyodo_bigrams(NEW.title, NEW.kana, NEW.summary, NEW.purpose, NEW.target), kyodo_trigrams(NEW.title, NEW.kana, NEW.summary, NEW.purpose, NEW.target),
		'fy_' || NEW.fiscal_year || ' fm_' || NEW.form || ' dm_' || NEW.domain ||
		' dp_' || NEW.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = NEW.id ORDER BY 1)), ''));
END;

CREATE TRIGGER projects_fts_bd BEFORE DELETE ON projects
WHEN OLD.published = 1 BEGIN
	INSERT INTO projects_fts (projects_fts, rowid, body, tri, facets) VALUES ('delete', -OLD.id,
		kyodo_bigrams(OLD.title, OLD.kana, OLD.summary, OLD.purpose, OLD.target), kyodo_trigrams(OLD.title, OLD.kana, OLD.summary, OLD.purpose, OLD.target),
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
	INSERT INTO projects_fts (projects_fts, rowid, body, tri, facets) SELECT 'delete', -OLD.id,
		kyodo_bigrams(OLD.title, OLD.kana, OLD.summary, OLD.purpose, OLD.target), kyodo_trigrams(OLD.title, OLD.kana, OLD.summary, OLD.purpose, OLD.target),
		'fy_' || OLD.fiscal_year || ' fm_' || OLD.form || ' dm_' || OLD.domain ||
		' dp_' || OLD.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = NEW.id ORDER BY 1)), '')
	WHERE OLD.published = 1;
	INSERT INTO projects_fts (rowid, body, tri, facets) SELECT -NEW.id,
		kyodo_bigrams(NEW.title, NEW.kana, NEW.summary, NEW.purpose, NEW.target), kyodo_trigrams(NEW.title, NEW.kana, NEW.summary, NEW.purpose, NEW.target),
		'fy_' || NEW.fiscal_year || ' fm_' || NEW.form || ' dm_' || NEW.domain ||
		' dp_' || NEW.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = NEW.id ORDER BY 1)), '')
	WHERE NEW.published = 1;
END;

-- 分野: the project's document without, then with, the row.
CREATE TRIGGER project_fields_fts_ai AFTER INSERT ON project_fields BEGIN
	INSERT INTO projects_fts (projects_fts, rowid, body, tri, facets) SELECT 'delete', -p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target), kyodo_trigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id AND field <> NEW.field ORDER BY 1)), '')
	FROM projects p WHERE p.id = NEW.project_id AND p.published = 1;
	INSERT INTO projects_fts (rowid, body, tri, facets) SELECT -p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target), kyodo_trigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id ORDER BY 1)), '')
	FROM projects p WHERE p.id = NEW.project_id AND p.published = 1;
END;

CREATE TRIGGER project_fields_fts_ad AFTER DELETE ON project_fields BEGIN
	INSERT INTO projects_fts (projects_fts, rowid, body, tri, facets) SELECT 'delete', -p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target), kyodo_trigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id UNION SELECT OLD.field ORDER BY 1)), '')
	FROM projects p WHERE p.id = OLD.project_id AND p.published = 1;
	INSERT INTO projects_fts (rowid, body, tri, facets) SELECT -p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target), kyodo_trigrams(p.title, p.kana, p.summary, p.purpose, p.target),
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
	INSERT INTO projects_fts (projects_fts, rowid, body, tri, facets) SELECT 'delete', -p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target), kyodo_trigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id AND (p.id <> NEW.project_id OR
		field <> NEW.field) UNION SELECT OLD.field ORDER BY 1)), '')
	FROM projects p WHERE p.id = OLD.project_id AND p.published = 1;
	INSERT INTO projects_fts (rowid, body, tri, facets) SELECT -p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target), kyodo_trigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id ORDER BY 1)), '')
	FROM projects p WHERE p.id = OLD.project_id AND p.published = 1;
	INSERT INTO projects_fts (projects_fts, rowid, body, tri, facets) SELECT 'delete', -p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target), kyodo_trigrams(p.title, p.kana, p.summary, p.purpose, p.target),
		'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id AND field <> NEW.field ORDER BY 1)), '')
	FROM projects p WHERE p.id = NEW.project_id AND p.published = 1 AND
		NEW.project_id <> OLD.project_id AND
		EXISTS (SELECT 1 FROM projects o WHERE o.id = OLD.project_id);
	INSERT INTO projects_fts (rowid, body, tri, facets) SELECT -p.id,
		kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target), kyodo_trigrams(p.title, p.kana, p.summary, p.purpose, p.target),
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
	body, facets, tri,
	content = '', tokenize = "ascii tokenchars '_'"
);

CREATE TRIGGER groups_fts_ai AFTER INSERT ON groups
WHEN NEW.status = 'toroku' BEGIN
	INSERT INTO groups_fts (rowid, body, tri, facets) VALUES (-NEW.id,
		kyodo_bigrams(NEW.name, NEW.kana, NEW.area, NEW.purpose, NEW.activities), kyodo_trigrams(NEW.name, NEW.kana, NEW.area, NEW.purpose, NEW.activities),
		'gk_' || NEW.kana_row || ' gt_' || NEW.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = NEW.id ORDER BY 1)), ''));
END;

CREATE TRIGGER groups_fts_bd BEFORE DELETE ON groups
WHEN OLD.status = 'toroku' BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets) VALUES ('delete', -OLD.id,
		kyodo_bigrams(OLD.name, OLD.kana, OLD.area, OLD.purpose, OLD.activities), kyodo_trigrams(OLD.name, OLD.kana, OLD.area, OLD.purpose, OLD.activities),
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
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets) SELECT 'delete', -OLD.id,
		kyodo_bigrams(OLD.name, OLD.kana, OLD.area, OLD.purpose, OLD.activities), kyodo_trigrams(OLD.name, OLD.kana, OLD.area, OLD.purpose, OLD.activities),
		'gk_' || OLD.kana_row || ' gt_' || OLD.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = NEW.id ORDER BY 1)), '')
	WHERE OLD.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets) SELECT -NEW.id,
		kyodo_bigrams(NEW.name, NEW.kana, NEW.area, NEW.purpose, NEW.activities), kyodo_trigrams(NEW.name, NEW.kana, NEW.area, NEW.purpose, NEW.activities),
		'gk_' || NEW.kana_row || ' gt_' || NEW.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = NEW.id ORDER BY 1)), '')
	WHERE NEW.status = 'toroku';
END;

CREATE TRIGGER group_fields_fts_ai AFTER INSERT ON group_fields BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets) SELECT 'delete', -g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities), kyodo_trigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND field <> NEW.field ORDER BY 1)), '')
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets) SELECT -g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities), kyodo_trigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '')
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku';
END;

CREATE TRIGGER group_fields_fts_ad AFTER DELETE ON group_fields BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets) SELECT 'delete', -g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities), kyodo_trigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id UNION SELECT OLD.field ORDER BY 1)), '')
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets) SELECT -g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities), kyodo_trigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '')
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
END;

CREATE TRIGGER group_fields_fts_au AFTER UPDATE OF group_id, field ON group_fields
WHEN OLD.field IS NOT NEW.field OR OLD.group_id IS NOT NEW.group_id BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets) SELECT 'delete', -g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities), kyodo_trigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND (g.id <> NEW.group_id OR
		field <> NEW.field) UNION SELECT OLD.field ORDER BY 1)), '')
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets) SELECT -g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities), kyodo_trigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '')
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets) SELECT 'delete', -g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities), kyodo_trigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND field <> NEW.field ORDER BY 1)), '')
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku' AND
		NEW.group_id <> OLD.group_id AND
		EXISTS (SELECT 1 FROM groups o WHERE o.id = OLD.group_id);
	INSERT INTO groups_fts (rowid, body, tri, facets) SELECT -g.id,
		kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities), kyodo_trigrams(g.name, g.kana, g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '')
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku' AND
		NEW.group_id <> OLD.group_id AND
		EXISTS (SELECT 1 FROM groups o WHERE o.id = OLD.group_id);
END;

-- ------------------------------------------- the rows a database holds

INSERT INTO projects_fts (rowid, body, tri, facets)
SELECT -p.id, kyodo_bigrams(p.title, p.kana, p.summary, p.purpose, p.target), kyodo_trigrams(p.title, p.kana, p.summary, p.purpose, p.target),
	'fy_' || p.fiscal_year || ' fm_' || p.form || ' dm_' || p.domain ||
		' dp_' || p.department ||
	coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM project_fields WHERE project_id = p.id ORDER BY 1)), '')
FROM projects p WHERE p.published = 1 ORDER BY p.id DESC;
INSERT INTO projects_fts (projects_fts) VALUES ('optimize');

INSERT INTO groups_fts (rowid, body, tri, facets)
SELECT -g.id, kyodo_bigrams(g.name, g.kana, g.area, g.purpose, g.activities), kyodo_trigrams(g.name, g.kana, g.area, g.purpose, g.activities),
	'gk_' || g.kana_row || ' gt_' || g.kind ||
	coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '')
FROM groups g WHERE g.status = 'toroku' ORDER BY g.id DESC;
INSERT INTO groups_fts (groups_fts) VALUES ('optimize');
