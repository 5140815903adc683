-- 011: the staff dashboard (/staff) and the staff project list
-- (/staff/projects) count and list from tables kept by triggers, as the
-- public lists do (005), instead of counting projects per request.
--
-- Before: the dashboard counted projects per status with a correlated
-- count(*) over projects_status, reading every row to filter the
-- department (≈ 150 ms at 200,000 projects), and probed evaluations for
-- every completed project to find those without the city's evaluation
-- (≈ 35 ms). See docs/performance.md, "Staff pages at large scale".
--
-- project_status_counts: projects (published or not) per (担当課, 状況,
-- 年度), kept by triggers on projects. The dashboard's counts per status
-- (a department's: its rows by the primary key; every department's:
-- project_status_counts_status), the true count of this year's projects
-- of a status, and the total and per-year counts the pager of
-- /staff/projects skips whole years with. Rows are never deleted: a count
-- that drops to 0 stays as 0.
--
-- project_noeval: the completed projects (status 'kanryo') without a
-- 行政側自己評価 (an evaluations row with author_kind 'city'), with the
-- project's department and year for the dashboard's order. Kept by
-- triggers on projects (status, department, fiscal_year) and on
-- evaluations (project_id, author_kind). The evaluation triggers write
-- this table only: projects is not touched, so neither its version nor
-- the audit and search triggers move.

CREATE TABLE project_status_counts (
	department  TEXT NOT NULL,
	status      TEXT NOT NULL,
	fiscal_year INTEGER NOT NULL,
	n           INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (department, status, fiscal_year)
) STRICT, WITHOUT ROWID;

-- every department's counts of a status (and of a status in a year)
CREATE INDEX project_status_counts_status
ON project_status_counts(status, fiscal_year, department, n);

INSERT INTO project_status_counts (department, status, fiscal_year, n)
SELECT department, status, fiscal_year, count(*) FROM projects
GROUP BY department, status, fiscal_year;

CREATE TRIGGER projects_status_count_ai AFTER INSERT ON projects BEGIN
	INSERT INTO project_status_counts (department, status, fiscal_year, n)
	VALUES (NEW.department, NEW.status, NEW.fiscal_year, 1)
	ON CONFLICT (department, status, fiscal_year) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER projects_status_count_ad AFTER DELETE ON projects BEGIN
	UPDATE project_status_counts SET n = n - 1
	WHERE department = OLD.department AND status = OLD.status
	AND fiscal_year = OLD.fiscal_year;
END;

CREATE TRIGGER projects_status_count_au AFTER UPDATE OF department, status, fiscal_year ON projects
WHEN OLD.department IS NOT NEW.department OR OLD.status IS NOT NEW.status
	OR OLD.fiscal_year IS NOT NEW.fiscal_year
BEGIN
	UPDATE project_status_counts SET n = n - 1
	WHERE department = OLD.department AND status = OLD.status
	AND fiscal_year = OLD.fiscal_year;
	INSERT INTO project_status_counts (department, status, fiscal_year, n)
	VALUES (NEW.department, NEW.status, NEW.fiscal_year, 1)
	ON CONFLICT (department, status, fiscal_year) DO UPDATE SET n = n + 1;
END;

CREATE TABLE project_noeval (
	project_id  INTEGER PRIMARY KEY,
	department  TEXT NOT NULL,
	fiscal_year INTEGER NOT NULL
) STRICT;

-- newest first: a department's, every department's
CREATE INDEX project_noeval_dept ON project_noeval(department, fiscal_year, project_id);
CREATE INDEX project_noeval_year ON project_noeval(fiscal_year, project_id);

INSERT INTO project_noeval (project_id, department, fiscal_year)
SELECT p.id, p.department, p.fiscal_year FROM projects p
WHERE p.status = 'kanryo' AND NOT EXISTS (SELECT 1 FROM evaluations e
	WHERE e.project_id = p.id AND e.author_kind = 'city');

CREATE TRIGGER projects_noeval_ai AFTER INSERT ON projects
WHEN NEW.status = 'kanryo'
BEGIN
	INSERT INTO project_noeval (project_id, department, fiscal_year)
	SELECT NEW.id, NEW.department, NEW.fiscal_year
	WHERE NOT EXISTS (SELECT 1 FROM evaluations e
		WHERE e.project_id = NEW.id AND e.author_kind = 'city')
	ON CONFLICT (project_id) DO NOTHING;
END;

CREATE TRIGGER projects_noeval_ad AFTER DELETE ON projects
WHEN OLD.status = 'kanryo'
BEGIN
	DELETE FROM project_noeval WHERE project_id = OLD.id;
END;

CREATE TRIGGER projects_noeval_au AFTER UPDATE OF status, department, fiscal_year ON projects
WHEN (OLD.status = 'kanryo' OR NEW.status = 'kanryo')
	AND (OLD.status IS NOT NEW.status OR OLD.department IS NOT NEW.department
	OR OLD.fiscal_year IS NOT NEW.fiscal_year)
BEGIN
	DELETE FROM project_noeval WHERE project_id = OLD.id;
	INSERT INTO project_noeval (project_id, department, fiscal_year)
	SELECT NEW.id, NEW.department, NEW.fiscal_year
	WHERE NEW.status = 'kanryo' AND NOT EXISTS (SELECT 1 FROM evaluations e
		WHERE e.project_id = NEW.id AND e.author_kind = 'city')
	ON CONFLICT (project_id) DO NOTHING;
END;

CREATE TRIGGER evaluations_noeval_ai AFTER INSERT ON evaluations
WHEN NEW.author_kind = 'city'
BEGIN
	DELETE FROM project_noeval WHERE project_id = NEW.project_id;
END;

-- also when a project's deletion cascades to its evaluations: the project
-- is gone by then, so nothing is inserted
CREATE TRIGGER evaluations_noeval_ad AFTER DELETE ON evaluations
WHEN OLD.author_kind = 'city'
BEGIN
	INSERT INTO project_noeval (project_id, department, fiscal_year)
	SELECT p.id, p.department, p.fiscal_year FROM projects p
	WHERE p.id = OLD.project_id AND p.status = 'kanryo'
	AND NOT EXISTS (SELECT 1 FROM evaluations e
		WHERE e.project_id = p.id AND e.author_kind = 'city')
	ON CONFLICT (project_id) DO NOTHING;
END;

CREATE TRIGGER evaluations_noeval_au AFTER UPDATE OF project_id, author_kind ON evaluations
WHEN (OLD.author_kind = 'city' OR NEW.author_kind = 'city')
	AND (OLD.project_id IS NOT NEW.project_id OR OLD.author_kind IS NOT NEW.author_kind)
BEGIN
	DELETE FROM project_noeval
	WHERE NEW.author_kind = 'city' AND project_id = NEW.project_id;
	INSERT INTO project_noeval (project_id, department, fiscal_year)
	SELECT p.id, p.department, p.fiscal_year FROM projects p
	WHERE OLD.author_kind = 'city' AND p.id = OLD.project_id
	AND p.status = 'kanryo' AND NOT EXISTS (SELECT 1 FROM evaluations e
		WHERE e.project_id = p.id AND e.author_kind = 'city')
	ON CONFLICT (project_id) DO NOTHING;
END;

-- /staff/projects newest first (年度, id) from the row its page starts at:
-- every department's, and a department's of one status
CREATE INDEX projects_year ON projects(fiscal_year, id);
CREATE INDEX projects_dept_status ON projects(department, status, fiscal_year, id);
