-- What a town, village, grid or department sees (case-scope.ts) at tens of millions of cases:
-- - the place indexes carry reported_at, so a period narrows the place part of the scope inside the index
--   (a town's last week is its last week's rows, not all of its million cases), and grid and category, so
--   hotspots count an area's weeks by an index-only scan;
-- - the unit index leaves out the case's own town, village and grid: the place parts find those cases already,
--   and a town that handled most of its own cases no longer puts all of them in the unit part.
-- IF [NOT] EXISTS because the bench generator builds these from pg_indexes after a bulk load.
CREATE INDEX IF NOT EXISTS cases_town_reported_idx ON cases (town_id, reported_at DESC) INCLUDE (grid_id, category_id);
CREATE INDEX IF NOT EXISTS cases_village_reported_idx ON cases (village_id, reported_at DESC) INCLUDE (grid_id, category_id);
CREATE INDEX IF NOT EXISTS cases_grid_reported_idx ON cases (grid_id, reported_at DESC) INCLUDE (category_id);
CREATE INDEX IF NOT EXISTS cases_foreign_units_idx ON cases
  USING gin ((array_remove(array_remove(array_remove(unit_ids, town_id), village_id), grid_id)));
DROP INDEX IF EXISTS cases_town_idx;
DROP INDEX IF EXISTS cases_village_idx;
DROP INDEX IF EXISTS cases_grid_idx;
DROP INDEX IF EXISTS cases_unit_ids_idx;
