-- "Overdue now" (the command centre, the dashboards' summary and map) counts the red clocks of an area. Its
-- clocks had to be joined to their cases for the place, a join that grew with every open case (984 ms at
-- 3 million cases). Each live clock now carries its case's place and current owner, written with it by the
-- case store (clocks are rewritten from the case on every change of it), so an area's red clocks are one
-- index range: (area, due_at), with the case id in the index for the count.
ALTER TABLE case_deadlines ADD COLUMN town_id integer;
ALTER TABLE case_deadlines ADD COLUMN village_id integer;
ALTER TABLE case_deadlines ADD COLUMN grid_id integer;
ALTER TABLE case_deadlines ADD COLUMN owner_org_id integer;

UPDATE case_deadlines d
SET town_id = c.town_id, village_id = c.village_id, grid_id = c.grid_id, owner_org_id = c.owner_org_id
FROM cases c
WHERE c.id = d.case_id;

CREATE INDEX case_deadlines_county_due_idx ON case_deadlines (county_code, due_at) INCLUDE (case_id);
CREATE INDEX case_deadlines_town_due_idx ON case_deadlines (town_id, due_at) INCLUDE (case_id);
CREATE INDEX case_deadlines_village_due_idx ON case_deadlines (village_id, due_at) INCLUDE (case_id);
CREATE INDEX case_deadlines_grid_due_idx ON case_deadlines (grid_id, due_at) INCLUDE (case_id);
CREATE INDEX case_deadlines_owner_due_idx ON case_deadlines (owner_org_id, due_at) INCLUDE (case_id);
