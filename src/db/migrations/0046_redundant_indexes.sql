-- Indexes that a unique constraint on the same leading columns already provides (issue 22's index review):
-- each timeline row paid for (case_id, version) twice. Found with a query over pg_index for btree indexes whose
-- columns are the same as, or a prefix of, another index's on the same table.
DROP INDEX IF EXISTS case_events_case_idx; -- = case_events_case_id_version_key (case_id, version)
DROP INDEX IF EXISTS categories_parent_idx; -- a prefix of categories_parent_id_name_key (parent_id, name)
