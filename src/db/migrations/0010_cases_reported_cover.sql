-- Hotspots and spike detection count a county's cases of the last weeks by grid and by category: with these
-- two columns in the (county, reported_at) index the count is an index-only scan instead of fetching each
-- case's row (texts, search vector — several kB each) from the heap. It replaces the narrower index.
CREATE INDEX cases_county_reported_cover_idx ON cases (county_code, reported_at DESC) INCLUDE (grid_id, category_id);
DROP INDEX cases_county_reported_idx;
