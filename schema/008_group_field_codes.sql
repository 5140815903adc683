-- 008: a group's 分野 codes in its own row, for the directory (/groups).
--
-- A row of /groups shows the group's 分野. Reading them from group_fields
-- cost one index seek per row (a join or a subquery: ≈ 3.5 k instructions
-- a group, more than reading the group itself); the list now reads
-- groups.field_codes with the row it reads anyway. The names and their
-- order come from the master table (fields.sort), which the page keeps in
-- its fragment store.
--
-- field_codes: the codes of the group's group_fields rows in code order,
-- separated by one space; '' when it has none. Kept by the triggers below
-- on every insert, delete and change of group_fields (forms, import, demo);
-- they update no column any trigger on groups watches. Not shown to staff
-- and not in the audit snapshots: it is derived data, like the counts of
-- 005.

ALTER TABLE groups ADD COLUMN field_codes TEXT NOT NULL DEFAULT '';

UPDATE groups SET field_codes = coalesce((SELECT group_concat(field, ' ')
	FROM (SELECT field FROM group_fields WHERE group_id = groups.id
	ORDER BY field)), '');

CREATE TRIGGER group_fields_codes_ai AFTER INSERT ON group_fields BEGIN
	UPDATE groups SET field_codes = coalesce((SELECT group_concat(field, ' ')
		FROM (SELECT field FROM group_fields WHERE group_id = NEW.group_id
		ORDER BY field)), '')
	WHERE id = NEW.group_id;
END;

CREATE TRIGGER group_fields_codes_ad AFTER DELETE ON group_fields BEGIN
	UPDATE groups SET field_codes = coalesce((SELECT group_concat(field, ' ')
		FROM (SELECT field FROM group_fields WHERE group_id = OLD.group_id
		ORDER BY field)), '')
	WHERE id = OLD.group_id;
END;

CREATE TRIGGER group_fields_codes_au AFTER UPDATE OF group_id, field ON group_fields
WHEN OLD.field IS NOT NEW.field OR OLD.group_id IS NOT NEW.group_id BEGIN
	UPDATE groups SET field_codes = coalesce((SELECT group_concat(field, ' ')
		FROM (SELECT field FROM group_fields WHERE group_id = groups.id
		ORDER BY field)), '')
	WHERE id IN (OLD.group_id, NEW.group_id);
END;
