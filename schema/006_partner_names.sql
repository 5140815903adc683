-- 006: the partner summary of a project list row ("Ａ会、Ｂ会 ほか2団体"),
-- kept by triggers, so that a list page reads one row per project instead
-- of joining project_partners and groups and picking the first two.
--
-- project_partner_names: for every project with at least one partner, the
-- names of its first two partner groups in the order (project_partners.sort,
-- group_id) and how many partners it has. A project without partners has
-- no row (the list statement LEFT JOINs it). The names and the count are
-- stored rather than the finished text: the wording (、, ほか%d団体) stays
-- in src/model/projects.c and can change without a migration, and the row
-- stays small (two names and an integer).
--
-- Kept exact by the triggers below; each one recomputes the summary of the
-- projects a change touches, reading only those projects' partner rows
-- (project_partners' primary key, project_partners_group for a group):
--   - INSERT, DELETE, UPDATE OF project_id, group_id, sort ON
--     project_partners (also the cascade when a project is deleted; the
--     deleted project's summary row goes by its own ON DELETE CASCADE);
--   - UPDATE OF name ON groups: that group's projects, and of those only
--     the ones that show its old name (the group is first or second).
-- A group that is still a partner cannot be deleted (project_partners'
-- foreign key has no ON DELETE action): its partner rows are deleted first,
-- through the triggers. Recomputing a project sorts its few partner rows
-- (a temporary b-tree of one project's partners, not of the table).

CREATE TABLE project_partner_names (
	project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
	first      TEXT NOT NULL,       -- name of the first partner group
	second     TEXT,                -- the second's, NULL when n = 1
	n          INTEGER NOT NULL CHECK (n >= 1) -- partners of the project
) STRICT;

INSERT INTO project_partner_names (project_id, first, second, n)
SELECT project_id, min(CASE rn WHEN 1 THEN name END),
	min(CASE rn WHEN 2 THEN name END), count(*)
FROM (SELECT pp.project_id, g.name, row_number() OVER (PARTITION BY
	pp.project_id ORDER BY pp.sort, pp.group_id) AS rn
	FROM project_partners pp JOIN groups g ON g.id = pp.group_id)
GROUP BY project_id;

CREATE TRIGGER project_partners_names_ai AFTER INSERT ON project_partners BEGIN
	DELETE FROM project_partner_names WHERE project_id = NEW.project_id;
	INSERT INTO project_partner_names (project_id, first, second, n)
	SELECT NEW.project_id, min(CASE rn WHEN 1 THEN name END),
		min(CASE rn WHEN 2 THEN name END), count(*)
	FROM (SELECT g.name, row_number() OVER (ORDER BY pp.sort, pp.group_id) AS rn
		FROM project_partners pp JOIN groups g ON g.id = pp.group_id
		WHERE pp.project_id = NEW.project_id)
	HAVING count(*) > 0;
END;

-- Also fired by the cascade of a project's delete, after the project row
-- is gone: then nothing is inserted (EXISTS), and the summary row is gone
-- by its own cascade.
CREATE TRIGGER project_partners_names_ad AFTER DELETE ON project_partners BEGIN
	DELETE FROM project_partner_names WHERE project_id = OLD.project_id;
	INSERT INTO project_partner_names (project_id, first, second, n)
	SELECT OLD.project_id, min(CASE rn WHEN 1 THEN name END),
		min(CASE rn WHEN 2 THEN name END), count(*)
	FROM (SELECT g.name, row_number() OVER (ORDER BY pp.sort, pp.group_id) AS rn
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
	INSERT INTO project_partner_names (project_id, first, second, n)
	SELECT NEW.project_id, min(CASE rn WHEN 1 THEN name END),
		min(CASE rn WHEN 2 THEN name END), count(*)
	FROM (SELECT g.name, row_number() OVER (ORDER BY pp.sort, pp.group_id) AS rn
		FROM project_partners pp JOIN groups g ON g.id = pp.group_id
		WHERE pp.project_id = NEW.project_id)
	HAVING count(*) > 0;
	-- a partner row moved to another project: the old one's too
	DELETE FROM project_partner_names
	WHERE project_id = OLD.project_id AND OLD.project_id IS NOT NEW.project_id;
	INSERT INTO project_partner_names (project_id, first, second, n)
	SELECT OLD.project_id, min(CASE rn WHEN 1 THEN name END),
		min(CASE rn WHEN 2 THEN name END), count(*)
	FROM (SELECT g.name, row_number() OVER (ORDER BY pp.sort, pp.group_id) AS rn
		FROM project_partners pp JOIN groups g ON g.id = pp.group_id
		WHERE pp.project_id = OLD.project_id)
	HAVING count(*) > 0 AND OLD.project_id IS NOT NEW.project_id;
END;

-- A rename changes the rows that show the old name: the group's projects
-- (project_partners_group) whose first or second name is the old name.
-- Two groups may share a name: such a row is recomputed though only the
-- other group shows there, which is harmless.
CREATE TRIGGER groups_partner_names_au AFTER UPDATE OF name ON groups
WHEN OLD.name IS NOT NEW.name
BEGIN
	UPDATE project_partner_names
	SET first = (SELECT g.name FROM project_partners pp JOIN groups g
			ON g.id = pp.group_id
			WHERE pp.project_id = project_partner_names.project_id
			ORDER BY pp.sort, pp.group_id LIMIT 1),
		second = (SELECT g.name FROM project_partners pp JOIN groups g
			ON g.id = pp.group_id
			WHERE pp.project_id = project_partner_names.project_id
			ORDER BY pp.sort, pp.group_id LIMIT 1 OFFSET 1)
	WHERE project_id IN (SELECT project_id FROM project_partners
			WHERE group_id = NEW.id)
		AND (first = OLD.name OR second = OLD.name);
END;
