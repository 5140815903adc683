-- 003_masters_active.sql — master rows can be deactivated; imports and
-- exports are audited.
--
-- 1. Every master table the admin pages manage gets the flag departments
--    already have: active = 0 takes a row out of the choice lists of the
--    staff forms and the public filters, while the records that use it keep
--    showing it (a row in use cannot be deleted). principle_sets keeps its
--    own active, which means "the set in use" (exactly one).
--
-- 2. audit_log's action CHECK also allows 'import' and 'export' (a CSV
--    import or export of groups / projects: who, when, what, how many rows).
--    SQLite cannot change a CHECK in place: the table is rebuilt (create the
--    new table, copy, drop, rename, recreate the indexes), inside the
--    transaction the migration runner opens. No table refers to audit_log,
--    and audit_log's own reference (users) is copied as it is, so
--    PRAGMA foreign_key_check stays empty (tests/unit/test_migrate.c).

ALTER TABLE fields ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE forms ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE group_kinds ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE partner_roles ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE eval_scales ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE principles ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE plans ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
ALTER TABLE plan_policies ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

CREATE TABLE audit_log_new (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL DEFAULT (datetime('now')) CHECK (datetime(at) IS at),
	user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
	kind        TEXT NOT NULL,
	record_id   INTEGER,
	action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'status', 'publish', 'unpublish',
	                                            'approve', 'reject', 'login', 'logout', 'password',
	                                            'import', 'export')),
	field       TEXT,
	old_value   TEXT,
	new_value   TEXT,
	client_addr TEXT
) STRICT;

INSERT INTO audit_log_new (id, at, user_id, kind, record_id, action, field, old_value, new_value, client_addr)
	SELECT id, at, user_id, kind, record_id, action, field, old_value, new_value, client_addr FROM audit_log;

DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;

CREATE INDEX audit_log_record ON audit_log(kind, record_id, at);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
