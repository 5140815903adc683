-- 006: the partner summary of a project list row ("Ａ会、Ｂ会 ほか2団体"),
-- kept by triggers, so that a list page reads one row per project instead
-- of joining project_partners and groups and picking the first two.
--
-- project_partner_names: for every project with at least one partner, the
-- first two partner groups in the order (project_partners.sort, group_id),
-- their names and ids, and how many partners the project has. A project
-- without partners has no row (the list statement LEFT JOINs it). The
-- names and the count are stored rather than the finished text: the
-- wording (、, ほか%d団体) stays in src/model/projects.c and can change
-- without a migration. The ids let a rename change the name where that
-- group shows, without recomputing the order (two groups may share a name).
--
-- Kept exact by the triggers below, each reading only the partner rows of
-- the projects a change touches (project_partners' primary key, or
-- project_partners_group for a group):
--   - INSERT, DELETE, UPDATE OF project_id, group_id, sort ON
--     project_partners (also the cascade when a project is deleted; the
--     deleted project's summary row goes by its own ON DELETE CASCADE)
--     recompute the project's row: its partners sorted (a few rows);
--   - UPDATE OF name ON groups: the new name in the rows of the group's
--     projects that show it (first_id or second_id), nothing sorted.
-- A group that is still a partner cannot be deleted (project_partners'
-- foreign key has no ON DELETE action): its partner rows are deleted first,
-- through the triggers. kyodo check compares the table with what it
-- summarises (src/model/summaries.c).

CREATE TABLE project_partner_names (
	project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
	n          INTEGER NOT NULL CHECK (n >= 1), -- partners of the project
	first_id   INTEGER NOT NULL,                -- the first partner group
	first      TEXT NOT NULL,                   -- its name
	second_id  INTEGER,                         -- the second (NULL: n = 1)
	second     TEXT                             -- its name
) STRICT;

INSERT INTO project_partner_names (project_id, n, first_id, first, second_id, second)
SELECT project_id, count(*), min(CASE rn WHEN 1 THEN group_id END),
	min(CASE rn WHEN 1 THEN name END), min(CASE rn WHEN 2 THEN group_id END),
	min(CASE rn WHEN 2 THEN name END)
FROM (SELECT pp.project_id, pp.group_id, g.name, row_number() OVER (PARTITION BY
	pp.project_id ORDER BY pp.sort, pp.group_id) AS rn
	FROM project_partners pp JOIN groups g ON g.id = pp.group_id)
GROUP BY project_id;

CREATE TRIGGER project_partners_names_ai AFTER INSERT ON project_partners BEGIN
	DELETE FROM project_partner_names WHERE project_id = NEW.project_id;
	INSERT INTO project_partner_names (project_id, n, first_id, first, second_id, second)
	SELECT NEW.project_id, count(*), min(CASE rn WHEN 1 THEN group_id END),
		min(CASE rn WHEN 1 THEN name END), min(CASE rn WHEN 2 THEN group_id END),
		min(CASE rn WHEN 2 THEN name END)
	FROM (SELECT pp.group_id, g.name, row_number() OVER (ORDER BY pp.sort, pp.group_id) AS rn
		FROM project_partners pp JOIN groups g ON g.id = pp.group_id
		WHERE pp.project_id = NEW.project_id)
	HAVING count(*) > 0;
END;

-- Also fired by the cascade of a project's delete, after the project row
-- is gone: then nothing is inserted (EXISTS), whichever of the two
-- cascades SQLite runs first.
CREATE TRIGGER project_partners_names_ad AFTER DELETE ON project_partners BEGIN
	DELETE FROM project_partner_names WHERE project_id = OLD.project_id;
	INSERT INTO project_partner_names (project_id, n, first_id, first, second_id, second)
	SELECT OLD.project_id, count(*), min(CASE rn WHEN 1 THEN group_id END),
		min(CASE rn WHEN 1 THEN name END), min(CASE rn WHEN 2 THEN group_id END),
		min(CASE rn WHEN 2 THEN name END)
	FROM (SELECT pp.group_id, g.name, row_number() OVER (ORDER BY pp.sort, pp.group_id) AS rn
		FROM project_partners pp JOIN groups g ON g.id = pp.group_id
		WHERE pp.project_id = OLD.project_id)
	HAVING count(*) > 0
		AND EXISTS (SELECT 1 FROM projects WHERE id = OLD.project_id);
END;

CREATE TRIGGER project_partners_names_au AFTER UPDATE OF project_id, group_id, sort
ON project_partners
WHEN OLD.project_id IS NOT NEW.project_id OR OLD.group_id IS NOT NEW.group_id
	OR OLD.sort IS NOT NEW.sort
BEGIN
	DELETE FROM project_partner_names WHERE project_id = NEW.project_id;
	INSERT INTO project_partner_names (project_id, n, first_id, first, second_id, second)
	SELECT NEW.project_id, count(*), min(CASE rn WHEN 1 THEN group_id END),
		min(CASE rn WHEN 1 THEN name END), min(CASE rn WHEN 2 THEN group_id END),
		min(CASE rn WHEN 2 THEN name END)
	FROM (SELECT pp.group_id, g.name, row_number() OVER (ORDER BY pp.sort, pp.group_id) AS rn
		FROM project_partners pp JOIN groups g ON g.id = pp.group_id
		WHERE pp.project_id = NEW.project_id)
	HAVING count(*) > 0;
	-- a partner row moved to another project: the old one's too
	DELETE FROM project_partner_names WHERE project_id = OLD.project_id
		AND OLD.project_id IS NOT NEW.project_id;
	INSERT INTO project_partner_names (project_id, n, first_id, first, second_id, second)
	SELECT OLD.project_id, count(*), min(CASE rn WHEN 1 THEN group_id END),
		min(CASE rn WHEN 1 THEN name END), min(CASE rn WHEN 2 THEN group_id END),
		min(CASE rn WHEN 2 THEN name END)
	FROM (SELECT pp.group_id, g.name, row_number() OVER (ORDER BY pp.sort, pp.group_id) AS rn
		FROM project_partners pp JOIN groups g ON g.id = pp.group_id
		WHERE pp.project_id = OLD.project_id)
	HAVING count(*) > 0 AND OLD.project_id IS NOT NEW.project_id;
END;

-- A rename: the rows of the group's projects (project_partners_group) that
-- show the group. Its place in the order does not change.
CREATE TRIGGER groups_partner_names_au AFTER UPDATE OF name ON groups
WHEN OLD.name IS NOT NEW.name
BEGIN
	UPDATE project_partner_names
	SET first = CASE WHEN first_id = NEW.id THEN NEW.name ELSE first END,
		second = CASE WHEN second_id = NEW.id THEN NEW.name ELSE second END
	WHERE project_id IN (SELECT project_id FROM project_partners
			WHERE group_id = NEW.id)
		AND NEW.id IN (first_id, second_id);
END;
