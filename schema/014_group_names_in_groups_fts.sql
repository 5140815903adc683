-- 014_group_names_in_groups_fts.sql — the partner picker's index folded
-- into groups_fts: one full-text table for groups, not two.
--
-- 013 gave the picker (src/model/group_pick.c) a second contentless FTS5
-- table, group_names_fts. A staff save that renames a group then rewrote
-- the group's document in both tables, and each FTS5 table flushes its
-- pending changes as a segment of its own at the end of the statement,
-- with its own merges, structure record, averages and docsize rows: at
-- large (20,000 groups), 2.61 M instructions per renaming save against
-- 2.16 M with 013's triggers dropped (callgrind), 469 saves/s against 539
-- (docs/performance.md, "One FTS table for groups").
--
-- groups_fts gets a fourth column, names: the bigram and trigram tokens of
-- name and フリガナ (those group_names_fts held, in the same order), each
-- prefixed "nm_" (kyodo_name_tokens(), src/db/search_fn.c). It now holds a
-- document for every group that is not 抹消 (rowid = -id, as before):
--
-- * 登録 (toroku): body, tri and facets as 006 made them, and names.
-- * 申請中, 休止: names only (body, tri and facets empty).
--
-- The public search is unchanged: its words are tokens without the prefix
-- (kyodo_bigrams() makes an ASCII '_' full-width, so no query word ever
-- has one), its filters are the facet tokens only 登録 groups carry, so a
-- public MATCH finds exactly the 登録 groups it found before, and no
-- doclist it reads gains an entry (the nm_ tokens are terms of their own).
-- The picker's MATCH is its expression with every token prefixed "nm_".
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
		kyodo_name_tokens(0, NEW.name, NEW.kana)
	WHERE NEW.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -NEW.id,
		'', '', '', kyodo_name_tokens(1, NEW.name, NEW.kana)
	WHERE NEW.status <> 'toroku';
END;

CREATE TRIGGER groups_fts_bd BEFORE DELETE ON groups
WHEN OLD.status <> 'massho' BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -OLD.id,
		kyodo_bigrams(OLD.area, OLD.purpose, OLD.activities), kyodo_trigrams(OLD.area, OLD.purpose, OLD.activities),
		'gk_' || OLD.kana_row || ' gt_' || OLD.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = OLD.id ORDER BY 1)), ''),
		kyodo_name_tokens(0, OLD.name, OLD.kana)
	WHERE OLD.status = 'toroku';
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -OLD.id,
		'', '', '', kyodo_name_tokens(1, OLD.name, OLD.kana)
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
		kyodo_name_tokens(0, OLD.name, OLD.kana)
	WHERE OLD.status = 'toroku';
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -OLD.id,
		'', '', '', kyodo_name_tokens(1, OLD.name, OLD.kana)
	WHERE OLD.status <> 'toroku' AND OLD.status <> 'massho';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -NEW.id,
		kyodo_bigrams(NEW.area, NEW.purpose, NEW.activities), kyodo_trigrams(NEW.area, NEW.purpose, NEW.activities),
		'gk_' || NEW.kana_row || ' gt_' || NEW.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = NEW.id ORDER BY 1)), ''),
		kyodo_name_tokens(0, NEW.name, NEW.kana)
	WHERE NEW.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -NEW.id,
		'', '', '', kyodo_name_tokens(1, NEW.name, NEW.kana)
	WHERE NEW.status <> 'toroku' AND NEW.status <> 'massho';
END;

-- 分野 (登録 groups only): the group's document without, then with, the row.
CREATE TRIGGER group_fields_fts_ai AFTER INSERT ON group_fields BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND field <> NEW.field ORDER BY 1)), ''),
		kyodo_name_tokens(0, g.name, g.kana)
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), ''),
		kyodo_name_tokens(0, g.name, g.kana)
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku';
END;

CREATE TRIGGER group_fields_fts_ad AFTER DELETE ON group_fields BEGIN
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id UNION SELECT OLD.field ORDER BY 1)), ''),
		kyodo_name_tokens(0, g.name, g.kana)
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), ''),
		kyodo_name_tokens(0, g.name, g.kana)
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
		kyodo_name_tokens(0, g.name, g.kana)
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), ''),
		kyodo_name_tokens(0, g.name, g.kana)
	FROM groups g WHERE g.id = OLD.group_id AND g.status = 'toroku';
	INSERT INTO groups_fts (groups_fts, rowid, body, tri, facets, names) SELECT 'delete', -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id AND field <> NEW.field ORDER BY 1)), ''),
		kyodo_name_tokens(0, g.name, g.kana)
	FROM groups g WHERE g.id = NEW.group_id AND g.status = 'toroku' AND
		NEW.group_id <> OLD.group_id AND
		EXISTS (SELECT 1 FROM groups o WHERE o.id = OLD.group_id);
	INSERT INTO groups_fts (rowid, body, tri, facets, names) SELECT -g.id,
		kyodo_bigrams(g.area, g.purpose, g.activities), kyodo_trigrams(g.area, g.purpose, g.activities),
		'gk_' || g.kana_row || ' gt_' || g.kind ||
		coalesce(' ' || (SELECT group_concat('fd_' || field, ' ') FROM (SELECT field
		FROM group_fields WHERE group_id = g.id ORDER BY 1)), ''),
		kyodo_name_tokens(0, g.name, g.kana)
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
	kyodo_name_tokens(g.status <> 'toroku', g.name, g.kana)
FROM groups g WHERE g.status <> 'massho' ORDER BY g.id DESC;
INSERT INTO groups_fts (groups_fts) VALUES ('optimize');
