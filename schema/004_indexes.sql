-- 004: an index the query-plan test asked for.
-- Deleting a project sets proposals.project_id to NULL: without an index the
-- foreign-key action scanned every proposal.
CREATE INDEX proposals_project ON proposals(project_id) WHERE project_id IS NOT NULL;
