-- 013_group_pick.sql — finding a project's partner group by part of its
-- name or フリガナ, and by its whole name.
--
-- The staff project form (/staff/projects/new, …/edit) chose 協働の相手
-- from <select>s listing every group: 864 KB of HTML at 20,000 groups.
-- Its picker (src/model/group_pick.c) searches instead, among the groups
-- of every status but 抹消 (登録, 申請中, 休止, as the old list offered):
--
-- * group_names_fts: one document per group that is not 抹消, under
--   rowid = -id (as 006 keys groups_fts: newest first is FTS5's own
--   forward order), holding the bigram tokens of name and kana
--   (kyodo_bigrams()), then their trigram tokens (kyodo_trigrams()), in
--   one column. The tokens are those of groups_fts' body and tri, so the
--   expression search_parse() makes (src/model/search.c: a 2-character
--   word is its bigram, a longer one the phrase of its trigrams) is the
--   MATCH as it is. A bigram and a trigram never meet, and no trigram
--   follows a trigram across the join (the last token before it is a
--   bigram or the barrier), so one column answers what two would. Only
--   name and kana: a picker finds a group by what it is called, not by
--   its purpose or its area.
-- * groups_status_name: the whole name per status (the picker's exact
--   lookup: one SEARCH per status) and the names beginning with one
--   character (a range of it). The フリガナ beginning with one character
--   come from 001's groups_status_kana(status, kana, id).
--
-- The triggers are those of groups_fts (006) on fewer columns: a document
-- is deleted from the contentless table by recomputing its tokens from the
-- old row (BEFORE DELETE: the row is still there), and an update rewrites
-- it only when id, name or kana change or the status crosses 抹消 (a move
-- between 登録, 申請中 and 休止, the everyday status change, costs the
-- index nothing). kyodo check (search_check(), src/db/search_fn.c) checks
-- that the table holds exactly the groups that are not 抹消.

CREATE VIRTUAL TABLE group_names_fts USING fts5(
	names,
	content = '', tokenize = "ascii tokenchars '_'"
);

CREATE TRIGGER group_names_fts_ai AFTER INSERT ON groups
WHEN NEW.status <> 'massho' BEGIN
	INSERT INTO group_names_fts (rowid, names) VALUES (-NEW.id,
		kyodo_bigrams(NEW.name, NEW.kana) || ' ' || kyodo_trigrams(NEW.name, NEW.kana));
END;

CREATE TRIGGER group_names_fts_bd BEFORE DELETE ON groups
WHEN OLD.status <> 'massho' BEGIN
	INSERT INTO group_names_fts (group_names_fts, rowid, names) VALUES ('delete', -OLD.id,
		kyodo_bigrams(OLD.name, OLD.kana) || ' ' || kyodo_trigrams(OLD.name, OLD.kana));
END;

CREATE TRIGGER group_names_fts_au AFTER UPDATE OF id, name, kana, status ON groups
WHEN (OLD.status <> 'massho' OR NEW.status <> 'massho') AND (
	(OLD.status = 'massho') <> (NEW.status = 'massho') OR
	OLD.id IS NOT NEW.id OR OLD.name IS NOT NEW.name OR
	OLD.kana IS NOT NEW.kana) BEGIN
	INSERT INTO group_names_fts (group_names_fts, rowid, names) SELECT 'delete', -OLD.id,
		kyodo_bigrams(OLD.name, OLD.kana) || ' ' || kyodo_trigrams(OLD.name, OLD.kana)
	WHERE OLD.status <> 'massho';
	INSERT INTO group_names_fts (rowid, names) SELECT -NEW.id,
		kyodo_bigrams(NEW.name, NEW.kana) || ' ' || kyodo_trigrams(NEW.name, NEW.kana)
	WHERE NEW.status <> 'massho';
END;

-- The groups a database holds, newest first (the order the index is read
-- in), merged into one segment.
INSERT INTO group_names_fts (rowid, names)
SELECT -g.id, kyodo_bigrams(g.name, g.kana) || ' ' || kyodo_trigrams(g.name, g.kana)
FROM groups g WHERE g.status <> 'massho' ORDER BY g.id DESC;
INSERT INTO group_names_fts (group_names_fts) VALUES ('optimize');

CREATE INDEX groups_status_name ON groups(status, name, id);
