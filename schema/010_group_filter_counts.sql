-- 010: the combined filters of the group directory (/groups with 分野 and
-- 種別 and/or 五十音 row, or 五十音 row and 種別) read an index bounded by
-- the answer and count from a summary, as the single filters do.
--
-- Before: ?field=&kind= walked group_fields_list for the 分野 and read each
-- group for its kind, and counted the same way on every page (≈ 14 M
-- instructions at 20,000 groups, the first page too); ?kana=&kind= walked
-- groups_status_row and read each group of the row for its kind. See
-- docs/performance.md, "Combined filters of the group directory".
--
-- group_fields.kind: a copy of the group's kind, as status and kana are
-- copies kept by the foreign key's ON UPDATE CASCADE (001). The form's
-- writer copies it with status and kana (src/model/groups_write.c); the
-- triggers below keep it equal to the group's whatever writes: a change of
-- groups.kind rewrites the group's rows, and a row inserted or changed with
-- another kind is set to its group's (a writer that does not name the
-- column, such as the demo loader, which also loads older schemas in the
-- tests: it defaults to '', and one UPDATE per row puts it right).
--
-- group_fields.kana_row: the 五十音 row of kana, the same expression as
-- groups.kana_row (001), a virtual column: computed, never stored, so
-- nothing keeps it; the indexes below store it.
--
-- group_field_filter_counts: group_fields rows per (分野, status, kind,
-- 五十音 row), kept by triggers on group_fields like group_field_counts
-- (005), which stays for ?field= alone (one row). A count for 分野 and
-- 種別 sums at most the 11 rows of the 五十音; for 分野 and row at most
-- one per kind (group_field_filter_counts_row); for all three it is one
-- row. Rows are never deleted (a count that drops to 0 stays as 0). The
-- decrements are upserts, so the count of a row does not depend on the
-- order in which SQLite fires the triggers of one write (an insert whose
-- kind the trigger corrects counts +1 for '' and moves it to the kind,
-- leaving a row of 0 for '').

ALTER TABLE group_fields ADD COLUMN kind TEXT NOT NULL DEFAULT '';

ALTER TABLE group_fields ADD COLUMN kana_row TEXT NOT NULL GENERATED ALWAYS AS (
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
	ELSE '他' END) VIRTUAL;

UPDATE group_fields SET kind = (SELECT kind FROM groups WHERE id = group_fields.group_id)
WHERE EXISTS (SELECT 1 FROM groups WHERE id = group_fields.group_id);

-- The group's kind into its rows: when it changes, and when the group is
-- inserted after its rows (the demo loader stages groups and inserts them
-- in batches after their 分野, with foreign keys off; a new group has no
-- rows otherwise, and the statement is one seek).
CREATE TRIGGER groups_fields_kind_au AFTER UPDATE OF kind ON groups
WHEN OLD.kind IS NOT NEW.kind BEGIN
	UPDATE group_fields SET kind = NEW.kind WHERE group_id = NEW.id;
END;

CREATE TRIGGER groups_fields_kind_ai AFTER INSERT ON groups BEGIN
	UPDATE group_fields SET kind = NEW.kind
	WHERE group_id = NEW.id AND kind IS NOT NEW.kind;
END;

-- A row whose kind is not its group's gets the group's.
CREATE TRIGGER group_fields_kind_ai AFTER INSERT ON group_fields
WHEN NEW.kind IS NOT (SELECT kind FROM groups WHERE id = NEW.group_id) BEGIN
	UPDATE group_fields SET kind = (SELECT kind FROM groups WHERE id = NEW.group_id)
	WHERE group_id = NEW.group_id AND field = NEW.field
	AND EXISTS (SELECT 1 FROM groups WHERE id = NEW.group_id);
END;

CREATE TRIGGER group_fields_kind_au AFTER UPDATE OF group_id, kind ON group_fields
WHEN NEW.kind IS NOT (SELECT kind FROM groups WHERE id = NEW.group_id) BEGIN
	UPDATE group_fields SET kind = (SELECT kind FROM groups WHERE id = NEW.group_id)
	WHERE group_id = NEW.group_id AND field = NEW.field
	AND EXISTS (SELECT 1 FROM groups WHERE id = NEW.group_id);
END;

CREATE TABLE group_field_filter_counts (
	field    TEXT NOT NULL,
	status   TEXT NOT NULL,
	kind     TEXT NOT NULL,
	kana_row TEXT NOT NULL,
	n        INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (field, status, kind, kana_row)
) STRICT, WITHOUT ROWID;

INSERT INTO group_field_filter_counts (field, status, kind, kana_row, n)
SELECT field, status, kind, kana_row, count(*) FROM group_fields
GROUP BY field, status, kind, kana_row;

-- ?field=&kana= sums one row per kind.
CREATE INDEX group_field_filter_counts_row
ON group_field_filter_counts(field, status, kana_row, n);

CREATE TRIGGER group_fields_filter_count_ai AFTER INSERT ON group_fields BEGIN
	INSERT INTO group_field_filter_counts (field, status, kind, kana_row, n)
	VALUES (NEW.field, NEW.status, NEW.kind, NEW.kana_row, 1)
	ON CONFLICT (field, status, kind, kana_row) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER group_fields_filter_count_ad AFTER DELETE ON group_fields BEGIN
	INSERT INTO group_field_filter_counts (field, status, kind, kana_row, n)
	VALUES (OLD.field, OLD.status, OLD.kind, OLD.kana_row, -1)
	ON CONFLICT (field, status, kind, kana_row) DO UPDATE SET n = n - 1;
END;

CREATE TRIGGER group_fields_filter_count_au AFTER UPDATE OF field, status, kind, kana ON group_fields
WHEN OLD.field IS NOT NEW.field OR OLD.status IS NOT NEW.status
	OR OLD.kind IS NOT NEW.kind OR OLD.kana_row IS NOT NEW.kana_row
BEGIN
	INSERT INTO group_field_filter_counts (field, status, kind, kana_row, n)
	VALUES (OLD.field, OLD.status, OLD.kind, OLD.kana_row, -1)
	ON CONFLICT (field, status, kind, kana_row) DO UPDATE SET n = n - 1;
	INSERT INTO group_field_filter_counts (field, status, kind, kana_row, n)
	VALUES (NEW.field, NEW.status, NEW.kind, NEW.kana_row, 1)
	ON CONFLICT (field, status, kind, kana_row) DO UPDATE SET n = n + 1;
END;

-- The indexes the list statements of src/model/groups.c walk, one per
-- combined filter, each in (kana, id) order after its equalities.
CREATE INDEX groups_status_row_kind ON groups(status, kana_row, kind, kana, id);
CREATE INDEX group_fields_list_kind ON group_fields(field, status, kind, kana, group_id);
CREATE INDEX group_fields_list_row ON group_fields(field, status, kana_row, kana, group_id);
CREATE INDEX group_fields_list_row_kind
ON group_fields(field, status, kana_row, kind, kana, group_id);

-- groups.field_codes (008) of a group inserted after its 分野 rows, as the
-- demo loader's batches do (above): 008's triggers on group_fields ran when
-- the group did not exist yet and left it ''. One seek for a group with no
-- rows (every group the form inserts). The UPDATE puts right the groups a
-- database generated that way already holds (`kyodo check` reported them).
CREATE TRIGGER groups_field_codes_ai AFTER INSERT ON groups
WHEN EXISTS (SELECT 1 FROM group_fields WHERE group_id = NEW.id) BEGIN
	UPDATE groups SET field_codes = coalesce((SELECT group_concat(field, ' ')
		FROM (SELECT field FROM group_fields WHERE group_id = NEW.id
		ORDER BY field)), '')
	WHERE id = NEW.id;
END;

UPDATE groups SET field_codes = coalesce((SELECT group_concat(field, ' ')
	FROM (SELECT field FROM group_fields WHERE group_id = groups.id
	ORDER BY field)), '')
WHERE field_codes = '' AND EXISTS (SELECT 1 FROM group_fields WHERE group_id = groups.id);
