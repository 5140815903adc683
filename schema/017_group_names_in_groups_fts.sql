-- 017_group_names_in_groups_fts.sql — the partner picker's index folded
-- into groups_fts: one full-text table for groups, not two, and the name
-- tokens written once.
--
-- 013 gave the picker (src/model/group_pick.c) a second contentless FTS5
-- table, group_names_fts. A staff save that renames a group then rewrote
-- the group's name and フリガナ tokens twice (in groups_fts' body and tri,
-- and in group_names_fts), each FTS5 table flushing a segment of its own at
-- the end of the statement and merging its own segments: at large (20,000
-- groups) 2.75 M instructions per renaming save with 013, 2.43 M with this
-- (callgrind, 800 saves; docs/performance.md, "One FTS table for groups").
-- The cost of an FTS5 write here is per token written (flush and merges),
-- not per table: the same tokens in one table cost what they cost in two.
--
-- groups_fts gets a fourth column, names, and holds a document for every
-- group that is not 抹消 (rowid = -id, as before):
--
-- * 登録 (toroku): body and tri the bigrams and trigrams of area, purpose
--   and activities (no longer of name and kana), facets as 006 made them,
--   and names the bigram then trigram tokens of name and フリガナ (what
--   group_names_fts held): kyodo_name_tokens('', name, kana).
-- * 申請中, 休止: names only, each token prefixed "nm_"
--   (kyodo_name_tokens('nm_', name, kana), src/db/search_fn.c).
--
-- The public search is unchanged: a MATCH without a column filter finds a
-- 登録 group's words in names as it found them in body and tri (a phrase
-- never spanned two values: the barrier token of search_fn.h stands
-- between them, and a bigram and a trigram never meet); no query word
-- holds an ASCII '_' (kyodo_bigrams() makes it full-width), so it never
-- matches an nm_ token of another group, nor a facet. The picker matches
-- names : (expression) OR (expression with nm_ tokens).
--
-- The triggers are 006's with the document of a group written as above:
-- a group's update rewrites its document when id, name or フリガナ change,
-- when the status crosses 抹消 or 登録, or, for a 登録 group, when a column
-- of body or facets changes (a move between 申請中 and 休止 costs the
-- index nothing, nor does an edit of a 申請中 group's purpose). The 分野
-- triggers touch 登録 groups only, as before (the others carry no
-- facets). groups_status_name (013) stays: the picker's whole-name and
-- first-character lookups.

DROP TRIGGER IF EXISTS group_names_fts_ai;
DROP TRIGGER IF EXISTS group_names_fts_bd;
DROP TRIGGER IF EXISTS group_names_fts_au;
DROP TABLE IF EXISTS group_names_fts;

DROP TRIGGER IF EXISTS groups_fts_ai;
DROP TRIGGER IF EXISTS groups_fts_bd;
DROP TRIGGER IF EXISTS groups_fts_au;
DROP TRIGGER IF EXISTS group_fields_fts_ai;
DROP TRIGGER IF EXISTS group_fields_fts_ad;
DROP TRIGGER IF EXISTS group_fields_fts_au;
DROP TABLE IF EXISTS groups_fts;

CREATE VIRTUAL TABLE groups_fts USING fts5(
	body, facets, tri, names,
	content = '', tokenize = "ascii tokenchars '_'"
);

CREATE TRIGGER groups_fts_ai AFTER INSERT ON groups
WHEN NEW.status <> 'massho' BEGIN
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -NEW.id,
		kyodo_bigrams(NEW.area, NEW.purpose, NEW.activities), kyodo_trigrams(NEW.area, NEW.purpose, NEW.activities),
		'gk_' || NEW.kana_row || ' gt_' || NEW.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = NEW.id ORDER BY 1)), ''),
		kyodo_name_tokens('', NEW.name, NEW.kana)
	WHERE NEW.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -NEW.id,
		'', '', '', kyodo_name_tokens('nm_', NEW.name, NEW.kana)
	WHERE NEW.status <> 'toroku';
END;

CREATE TRIGGER groups_fts_bd BEFORE DELETE ON groups
WHEN OLD.status <> 'massho' BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -OLD.id,
		kyodo_bigrams(OLD.area, OLD.purpose, OLD.activities), kyodo_trigrams(OLD.area, OLD.purpose, OLD.activities),
		'gk_' || OLD.kana_row || ' gt_' || OLD.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = OLD.id ORDER BY 1)), ''),
		kyodo_name_tokens('', OLD.name, OLD.kana)
	WHERE OLD.status = 'toroku';
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -OLD.id,
		'', '', '', kyodo_name_tokens('nm_', OLD.name, OLD.kana)
	WHERE OLD.status <> 'toroku';
END;

-- The old document out, the new one in, when the document changes. The
-- field rows are the same before and after (an id change has moved them
-- to NEW.id).
CREATE TRIGGER groups_fts_au AFTER UPDATE OF id, name, kana, area, purpose,
	activities, kind, status ON groups
WHEN (OLD.status <> 'massho' OR NEW.status <> 'massho') AND (
	(OLD.status = 'massho') <> (NEW.status = 'massho') OR
	(OLD.status = 'toroku') <> (NEW.status = 'toroku') OR
	OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR
	OLD.kana IS NOT NEW.kana OR (NEW.status = 'toroku' AND (
	OLD.area IS NOT NEW.area OR OLD.purpose IS NOT NEW.purpose OR
	OLD.activities IS NOT NEW.activities OR OLD.kind IS NOT NEW.kind))) BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -OLD.id,
		kyodo_bigrams(OLD.area, OLD.purpose, OLD.activities), kyodo_trigrams(OLD.area, OLD.purpose, OLD.activities),
		'gk_' || OLD.kana_row || ' gt_' || OLD.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = NEW.id ORDER BY 1)), ''),
		kyodo_name_tokens('', OLD.name, OLD.kana)
	WHERE OLD.status = 'toroku';
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -OLD.id,
		'', '', '', kyodo_name_tokens('nm_', OLD.name, OLD.kana)
	WHERE OLD.status <> 'toroku' AND OLD.status <> 'massho';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -NEW.id,
		kyodo_bigrams(NEW.area, NEW.purpose, NEW.activities), kyodo_trigrams(NEW.area, NEW.purpose, NEW.activities),
		'gk_' || NEW.kana_row || ' gt_' || NEW.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = NEW.id ORDER BY 1)), ''),
		kyodo_name_tokens('', NEW.name, NEW.kana)
	WHERE NEW.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -NEW.id,
		'', '', '', kyodo_name_tokens('nm_', NEW.name, NEW.kana)
	WHERE NEW.status <> 'toroku' AND NEW.status <> 'massho';
END;

-- 分野 (登録 groups only): the group's document without, then with, the row.
CREATE TRIGGER group_fields_fts_ai AFTER INSERT ON group_fields BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND field <> NEW.field ORDER BY 1)), ''),
		kyodo_name_tokens('', g.name, g.kana)
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), ''),
		kyodo_name_tokens('', g.name, g.kana)
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku';
END;

CREATE TRIGGER group_fields_fts_ad AFTER DELETE ON group_fields BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id UNION SELECT OLD.field ORDER BY 1)), ''),
		kyodo_name_tokens('', g.name, g.kana)
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), ''),
		kyodo_name_tokens('', g.name, g.kana)
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
END;

CREATE TRIGGER group_fields_fts_au AFTER UPDATE OF group_id, field ON group_fields
WHEN OLD.field IS NOT NEW.field OR OLD.group_id IS NOT NEW.group_id BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND (g.id <> NEW.group_id OR
		field <> NEW.field) UNION SELECT OLD.field ORDER BY 1)), ''),
		kyodo_name_tokens('', g.name, g.kana)
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), ''),
		kyodo_name_tokens('', g.name, g.kana)
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND field <> NEW.field ORDER BY 1)), ''),
		kyodo_name_tokens('', g.name, g.kana)
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku' AND
		NEW.group_id <> OLD.group_id AND
		EXISTS (SELECT 1 FROM groups o WHERE o.id = OLD.group_id);
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), ''),
		kyodo_name_tokens('', g.name, g.kana)
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku' AND
		NEW.group_id <> OLD.group_id AND
		EXISTS (SELECT 1 FROM groups o WHERE o.id = OLD.group_id);
END;

-- The groups a database holds, newest first (the order the index is read
-- in), merged into one segment.
INSERT INTO groups_fts (rowid, body, tri, facets, names)
SELECT -g.id,
	CASE WHEN g.status = 'toroku' THEN kyodo_bigrams(g.area, g.purpose, g.activities) ELSE '' END,
	CASE WHEN g.status = 'toroku' THEN kyodo_trigrams(g.area, g.purpose, g.activities) ELSE '' END,
	CASE WHEN g.status = 'toroku' THEN 'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), '') ELSE '' END,
	kyodo_name_tokens(CASE WHEN g.status = 'toroku' THEN '' ELSE 'nm_' END, g.name, g.kana)
FROM groups g WHERE g.status <> 'massho' ORDER BY g.id DESC;
INSERT INTO groups_fts (groups_fts) VALUES ('optimize');
