-- 005: summary counts for the public lists, so that no page counts rows of
-- projects, project_fields or group_fields, and covering indexes for the
-- master names the list rows show.
--
-- project_year_counts: published projects per fiscal year (the year list of
-- /projects, the total without filters, the pager's walk over the years).
-- It is the sum of project_counts over forms, kept by triggers on
-- project_counts (which the triggers of 001 keep from projects).
--
-- project_facet_counts: published projects per (担当課, 年度), (領域, 年度)
-- and (分野, 年度): facet 'dp' department, 'dm' domain, 'fd' field; the
-- count of /projects?dept=, ?domain=, ?field= (with or without ?year=).
-- Kept by triggers on projects (department, domain) and project_fields
-- (field; its fiscal_year and published are the project's, copied by the
-- ON UPDATE CASCADE foreign key, whose updates fire these triggers too).
--
-- group_field_counts: groups per (分野, status), the count of
-- /groups?field= (group_status_counts below: /groups). Kept by triggers on group_fields (status is the group's,
-- copied by the cascade).
--
-- Rows are never deleted: a count that drops to 0 stays as a 0.

CREATE TABLE project_year_counts (
	fiscal_year INTEGER PRIMARY KEY,
	published   INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO project_year_counts (fiscal_year, published)
SELECT fiscal_year, sum(published) FROM project_counts GROUP BY fiscal_year;

CREATE TRIGGER project_counts_year_ai AFTER INSERT ON project_counts BEGIN
	INSERT INTO project_year_counts (fiscal_year, published)
	VALUES (NEW.fiscal_year, NEW.published)
	ON CONFLICT (fiscal_year) DO UPDATE SET published = published + excluded.published;
END;

CREATE TRIGGER project_counts_year_ad AFTER DELETE ON project_counts BEGIN
	UPDATE project_year_counts SET published = published - OLD.published
	WHERE fiscal_year = OLD.fiscal_year;
END;

CREATE TRIGGER project_counts_year_au AFTER UPDATE OF fiscal_year, published ON project_counts
WHEN OLD.fiscal_year IS NOT NEW.fiscal_year OR OLD.published IS NOT NEW.published
BEGIN
	UPDATE project_year_counts SET published = published - OLD.published
	WHERE fiscal_year = OLD.fiscal_year;
	INSERT INTO project_year_counts (fiscal_year, published)
	VALUES (NEW.fiscal_year, NEW.published)
	ON CONFLICT (fiscal_year) DO UPDATE SET published = published + excluded.published;
END;

-- /projects?form=: that form's years only, not every (year, form) row.
CREATE INDEX project_counts_form ON project_counts(form, fiscal_year, published);

CREATE TABLE project_facet_counts (
	facet       TEXT NOT NULL CHECK (facet IN ('dp', 'dm', 'fd')),
	code        TEXT NOT NULL,
	fiscal_year INTEGER NOT NULL,
	n           INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (facet, code, fiscal_year)
) STRICT, WITHOUT ROWID;

INSERT INTO project_facet_counts (facet, code, fiscal_year, n)
SELECT 'dp', department, fiscal_year, count(*) FROM projects WHERE published = 1
GROUP BY department, fiscal_year;
INSERT INTO project_facet_counts (facet, code, fiscal_year, n)
SELECT 'dm', domain, fiscal_year, count(*) FROM projects WHERE published = 1
GROUP BY domain, fiscal_year;
INSERT INTO project_facet_counts (facet, code, fiscal_year, n)
SELECT 'fd', field, fiscal_year, count(*) FROM project_fields WHERE published = 1
GROUP BY field, fiscal_year;

CREATE TRIGGER projects_facet_ai AFTER INSERT ON projects WHEN NEW.published = 1 BEGIN
	INSERT INTO project_facet_counts (facet, code, fiscal_year, n)
	VALUES ('dp', NEW.department, NEW.fiscal_year, 1), ('dm', NEW.domain, NEW.fiscal_year, 1)
	ON CONFLICT (facet, code, fiscal_year) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER projects_facet_ad AFTER DELETE ON projects WHEN OLD.published = 1 BEGIN
	UPDATE project_facet_counts SET n = n - 1
	WHERE facet = 'dp' AND code = OLD.department AND fiscal_year = OLD.fiscal_year;
	UPDATE project_facet_counts SET n = n - 1
	WHERE facet = 'dm' AND code = OLD.domain AND fiscal_year = OLD.fiscal_year;
END;

CREATE TRIGGER projects_facet_au AFTER UPDATE OF published, fiscal_year, department, domain ON projects
WHEN (OLD.published = 1 OR NEW.published = 1) AND (OLD.published IS NOT NEW.published
	OR OLD.fiscal_year IS NOT NEW.fiscal_year OR OLD.department IS NOT NEW.department
	OR OLD.domain IS NOT NEW.domain)
BEGIN
	UPDATE project_facet_counts SET n = n - 1
	WHERE OLD.published = 1 AND facet = 'dp' AND code = OLD.department
	AND fiscal_year = OLD.fiscal_year;
	UPDATE project_facet_counts SET n = n - 1
	WHERE OLD.published = 1 AND facet = 'dm' AND code = OLD.domain
	AND fiscal_year = OLD.fiscal_year;
	INSERT INTO project_facet_counts (facet, code, fiscal_year, n)
	SELECT 'dp', NEW.department, NEW.fiscal_year, 1 WHERE NEW.published = 1
	UNION ALL SELECT 'dm', NEW.domain, NEW.fiscal_year, 1 WHERE NEW.published = 1
	ON CONFLICT (facet, code, fiscal_year) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER project_fields_facet_ai AFTER INSERT ON project_fields WHEN NEW.published = 1 BEGIN
	INSERT INTO project_facet_counts (facet, code, fiscal_year, n)
	VALUES ('fd', NEW.field, NEW.fiscal_year, 1)
	ON CONFLICT (facet, code, fiscal_year) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER project_fields_facet_ad AFTER DELETE ON project_fields WHEN OLD.published = 1 BEGIN
	UPDATE project_facet_counts SET n = n - 1
	WHERE facet = 'fd' AND code = OLD.field AND fiscal_year = OLD.fiscal_year;
END;

CREATE TRIGGER project_fields_facet_au AFTER UPDATE OF field, fiscal_year, published ON project_fields
WHEN (OLD.published = 1 OR NEW.published = 1) AND (OLD.published IS NOT NEW.published
	OR OLD.fiscal_year IS NOT NEW.fiscal_year OR OLD.field IS NOT NEW.field)
BEGIN
	UPDATE project_facet_counts SET n = n - 1
	WHERE OLD.published = 1 AND facet = 'fd' AND code = OLD.field
	AND fiscal_year = OLD.fiscal_year;
	INSERT INTO project_facet_counts (facet, code, fiscal_year, n)
	SELECT 'fd', NEW.field, NEW.fiscal_year, 1 WHERE NEW.published = 1
	ON CONFLICT (facet, code, fiscal_year) DO UPDATE SET n = n + 1;
END;

CREATE TABLE group_field_counts (
	field  TEXT NOT NULL,
	status TEXT NOT NULL,
	n      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (field, status)
) STRICT, WITHOUT ROWID;

INSERT INTO group_field_counts (field, status, n)
SELECT field, status, count(*) FROM group_fields GROUP BY field, status;

CREATE TRIGGER group_fields_count_ai AFTER INSERT ON group_fields BEGIN
	INSERT INTO group_field_counts (field, status, n) VALUES (NEW.field, NEW.status, 1)
	ON CONFLICT (field, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER group_fields_count_ad AFTER DELETE ON group_fields BEGIN
	UPDATE group_field_counts SET n = n - 1 WHERE field = OLD.field AND status = OLD.status;
END;

CREATE TRIGGER group_fields_count_au AFTER UPDATE OF field, status ON group_fields
WHEN OLD.field IS NOT NEW.field OR OLD.status IS NOT NEW.status
BEGIN
	UPDATE group_field_counts SET n = n - 1 WHERE field = OLD.field AND status = OLD.status;
	INSERT INTO group_field_counts (field, status, n) VALUES (NEW.field, NEW.status, 1)
	ON CONFLICT (field, status) DO UPDATE SET n = n + 1;
END;

-- group_status_counts: groups per status (the sum of group_counts over
-- kinds and 五十音 rows, kept by triggers on group_counts): /groups without
-- filters. group_counts_row: /groups?kana= reads that row's kinds only.
CREATE TABLE group_status_counts (
	status TEXT PRIMARY KEY,
	n      INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

INSERT INTO group_status_counts (status, n)
SELECT status, sum(n) FROM group_counts GROUP BY status;

CREATE TRIGGER group_counts_status_ai AFTER INSERT ON group_counts BEGIN
	INSERT INTO group_status_counts (status, n) VALUES (NEW.status, NEW.n)
	ON CONFLICT (status) DO UPDATE SET n = n + excluded.n;
END;

CREATE TRIGGER group_counts_status_ad AFTER DELETE ON group_counts BEGIN
	UPDATE group_status_counts SET n = n - OLD.n WHERE status = OLD.status;
END;

CREATE TRIGGER group_counts_status_au AFTER UPDATE OF status, n ON group_counts
WHEN OLD.status IS NOT NEW.status OR OLD.n IS NOT NEW.n
BEGIN
	UPDATE group_status_counts SET n = n - OLD.n WHERE status = OLD.status;
	INSERT INTO group_status_counts (status, n) VALUES (NEW.status, NEW.n)
	ON CONFLICT (status) DO UPDATE SET n = n + excluded.n;
END;

CREATE INDEX group_counts_row ON group_counts(status, kana_row, n);

-- The list rows show the names of their form, department and status (a
-- group's kind and 分野): with these the row statements read the name from
-- the index they search (INDEXED BY in src/model/projects.c and groups.c),
-- not the master table's row as well.
CREATE INDEX forms_code_name ON forms(code, name);
CREATE INDEX departments_code_name ON departments(code, name);
CREATE INDEX project_statuses_code_name ON project_statuses(code, name);
CREATE INDEX group_kinds_code_name ON group_kinds(code, name);
CREATE INDEX fields_code_sort_name ON fields(code, sort, name);

-- The top page's counts by form walk the forms in their order (ORDER BY
-- f.sort, f.code) instead of sorting them on every request.
CREATE INDEX forms_sort ON forms(sort, code);
