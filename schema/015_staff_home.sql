-- 015: the open steps of each department, for the dashboard's
-- 「期限を過ぎた手続き」 (overdue steps), and the projects per status and
-- department over every year, for its counts (project_status_totals,
-- below).
--
-- project_steps has no department: a staff member's list walked every
-- department's open steps in due order (project_steps_open) and read each
-- step's project to test its department, until 20 of their own matched.
-- At large scale (200,000 projects) 5,369 steps are overdue; kyodo's 20
-- came after ≈ 110 of them, a department with few overdue steps walked
-- them all (and the plan test warned: an index walk probing another table
-- per row until enough rows match). See docs/performance.md, "The staff
-- dashboard at large scale (staff-home)".
--
-- project_open_steps: every step not done (done_on IS NULL) that has a due
-- date, with its project's department, kept by triggers on project_steps
-- (insert, delete, a change of project, due date or done date) and on
-- projects (a change of department, a deletion, and an insert after its
-- steps, which only a database without foreign keys allows). The index
-- (department, due_on) gives a department's open steps in due order, the
-- step id (the rowid) breaking ties as the list's ORDER BY ps.due_on,
-- ps.id does. The every-department list still walks project_steps_open
-- (no test per row). kyodo check compares this table with the steps and
-- projects and --repair rebuilds it (src/model/summaries.c).

CREATE TABLE project_open_steps (
	step_id    INTEGER PRIMARY KEY, -- project_steps.id
	department TEXT NOT NULL,       -- the step's project's
	due_on     TEXT NOT NULL
) STRICT;

CREATE INDEX project_open_steps_dept ON project_open_steps(department, due_on);

INSERT INTO project_open_steps (step_id, department, due_on)
SELECT ps.id, p.department, ps.due_on FROM project_steps ps
JOIN projects p ON p.id = ps.project_id
WHERE ps.done_on IS NULL AND ps.due_on IS NOT NULL;

CREATE TRIGGER project_open_steps_ai AFTER INSERT ON project_steps
WHEN NEW.done_on IS NULL AND NEW.due_on IS NOT NULL
BEGIN
	INSERT INTO project_open_steps (step_id, department, due_on)
	SELECT NEW.id, department, NEW.due_on FROM projects WHERE id = NEW.project_id;
END;

CREATE TRIGGER project_open_steps_ad AFTER DELETE ON project_steps
WHEN OLD.done_on IS NULL AND OLD.due_on IS NOT NULL
BEGIN
	DELETE FROM project_open_steps WHERE step_id = OLD.id;
END;

-- a step done or reopened, its due date changed, moved to another project
-- (or renumbered): out with the old row, in with the new one
CREATE TRIGGER project_open_steps_au AFTER UPDATE OF id, project_id, due_on, done_on ON project_steps
WHEN OLD.id IS NOT NEW.id OR OLD.project_id IS NOT NEW.project_id
	OR OLD.due_on IS NOT NEW.due_on OR OLD.done_on IS NOT NEW.done_on
BEGIN
	DELETE FROM project_open_steps WHERE step_id = OLD.id;
	INSERT INTO project_open_steps (step_id, department, due_on)
	SELECT NEW.id, department, NEW.due_on FROM projects
	WHERE id = NEW.project_id AND NEW.done_on IS NULL AND NEW.due_on IS NOT NULL;
END;

-- the project moved to another department: its open steps go with it
-- (project_steps_project finds them)
CREATE TRIGGER project_open_steps_dept_au AFTER UPDATE OF department ON projects
WHEN OLD.department IS NOT NEW.department
BEGIN
	UPDATE project_open_steps SET department = NEW.department
	WHERE step_id IN (SELECT id FROM project_steps WHERE project_id = NEW.id);
END;

-- a project inserted after steps that name it: possible only without
-- foreign keys (kyodo demo at city and large scale stages its projects
-- and writes their steps first); a plain insert finds no step
CREATE TRIGGER project_open_steps_project_ai AFTER INSERT ON projects
BEGIN
	INSERT OR REPLACE INTO project_open_steps (step_id, department, due_on)
	SELECT id, NEW.department, due_on FROM project_steps
	WHERE project_id = NEW.id AND done_on IS NULL AND due_on IS NOT NULL;
END;

-- a project deleted: its steps go by ON DELETE CASCADE, and with them
-- their rows (project_open_steps_ad); this one covers a database opened
-- without foreign keys, where the steps would stay behind
CREATE TRIGGER project_open_steps_project_ad AFTER DELETE ON projects
BEGIN
	DELETE FROM project_open_steps
	WHERE step_id IN (SELECT id FROM project_steps WHERE project_id = OLD.id);
END;

-- project_status_totals: projects per (状況, 担当課) over every year, the
-- sum of project_status_counts over its years, kept by triggers on it (as
-- group_status_counts is on group_counts, 005). The dashboard's
-- 「状況別の事業数（全年度）」 read every year's row of each status: 880
-- rows for every department at large scale (20 years × 14 departments ×
-- statuses; 0.67 M instructions a view, against 0.27 M at city scale's 10
-- years), 20 per status for one department. Now a department's count is
-- one row and every department's the departments' rows of the status,
-- whatever the number of years. Rows are never deleted (a 0 stays).
CREATE TABLE project_status_totals (
	status     TEXT NOT NULL,
	department TEXT NOT NULL,
	n          INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (status, department)
) STRICT, WITHOUT ROWID;

INSERT INTO project_status_totals (status, department, n)
SELECT status, department, sum(n) FROM project_status_counts
GROUP BY status, department;

CREATE TRIGGER project_status_totals_ai AFTER INSERT ON project_status_counts BEGIN
	INSERT INTO project_status_totals (status, department, n)
	VALUES (NEW.status, NEW.department, NEW.n)
	ON CONFLICT (status, department) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER project_status_totals_ad AFTER DELETE ON project_status_counts BEGIN
	UPDATE project_status_totals SET n = n - OLD.n
	WHERE status = OLD.status AND department = OLD.department;
END;

CREATE TRIGGER project_status_totals_au AFTER UPDATE OF status, department, n ON project_status_counts
WHEN OLD.status IS NOT NEW.status OR OLD.department IS NOT NEW.department
	OR OLD.n IS NOT NEW.n
BEGIN
	UPDATE project_status_totals SET n = n - OLD.n
	WHERE status = OLD.status AND department = OLD.department;
	INSERT INTO project_status_totals (status, department, n)
	VALUES (NEW.status, NEW.department, NEW.n)
	ON CONFLICT (status, department) DO UPDATE SET n = n + excluded.n;
END;
