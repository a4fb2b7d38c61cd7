-- Rollups: pre-aggregated facts about cases, kept up to date from case_events by the 'rollups' consumer
-- (src/modules/dashboards/rollup-consumer.ts) and recomputed by `npm run rollups:rebuild`. Dashboards, the
-- command centre and assessment read these instead of scanning cases.
--
-- Conventions (for readers such as src/modules/assessment):
--   * day = the local date in China (UTC+8) of the event's `at`.
--   * Missing dimensions are 0, never NULL (town_id/village_id/grid_id/category_id/unit_id = 0: none).
--   * Every measure is a count of events of that day (a case closed twice counts twice).
--   * Place dimensions and the category are the case row's at the time the event was consumed.
--
-- rollup_case_day — per day × town × village × grid × category (the case's own, any level) × channel:
--   received    cases opened ('opened' events)
--   closed      transitions into state 'closed' (办结, including 即时办结 closeOnTheSpot)
--   open_delta  +1 when a case becomes open, −1 when it becomes finished (rejected/closed/archived/merged),
--               so SUM(open_delta) over days ≤ D = cases open at the end of D.
--
-- rollup_unit_day — per day × unit (unit_id: the organisation the fact is credited to) × town (the case's town):
--   dispatched            dispatch events naming the unit as lead (主办)
--   assisted              dispatch events naming the unit as assisting (协办)
--   signed                signFor by the unit (签收)
--   signed_on_time        … whose sign_for clock for this unit was never escalated since the dispatch
--   returned              returnCase by the unit (退单)
--   replied               reply / handleAtGrid by the unit (反馈; credited to the unit that answered)
--   replied_on_time       … when no owner clock (accept/verify/dispatch/handle/reply) was escalated since the
--                         unit took the case over (dispatch, return, report-up reset it)
--   resolved              close events that followed a satisfied/basically-satisfied rating (解决), credited to
--                         the unit that gave the last reply
--   satisfied, basically_satisfied, unsatisfied
--                         ratings (callback or citizen rate), credited to the unit that gave the last reply
--   completed             close events (办结), credited to the unit that gave the last reply (closeOnTheSpot:
--                         the acting unit)
--   completed_on_time     … whose last reply was on time (replied_on_time)
--   overdue               escalateOverdue events (超期), credited to the unit whose clock ran out: the org of a
--                         per-unit clock key ('sign_for:12'), else the current lead unit, else the case owner
--   reopened              reopenings (unsatisfied rating, granted appeal), credited to the last replying unit
--   supervised            supervise + escalateOverdue events (督办), credited like overdue
--   sign_count, sign_seconds    signFor events with a dispatch before them and the seconds between (time-to-sign)
--   close_count, close_seconds  close events and the seconds since the case opened (time-to-close), credited
--                               like completed
--
-- rollup_area_day — the same place facts per area (area_id = the county, town, village or grid org id; a
--   case counts once at each level) × dimension: dim 'all' (key ''), 'channel' (key = channel),
--   'category1' / 'category2' (key = the first / second-level ancestor category id as text; '0' = none).
--   County and town areas keep every dim, villages 'all' only, grids none (read rollup_case_day for grids
--   and for a village's finer cuts: small there). The dashboards' fast path.
--
-- rollup_duration_day — histograms per day × area (county, town, village) × metric ('sign' | 'close') × bucket (index into the bucket
--   bounds of src/domain/rollups: sign 0:<1h 1:1–2h 2:2–4h 3:4–8h 4:8–24h 5:1–2d 6:2–3d 7:3–7d 8:≥7d;
--   close 0:<1d 1:1–2d 2:2–3d 3:3–5d 4:5–7d 5:7–15d 6:15–30d 7:≥30d): count and total seconds.
--
-- rollup_area_now — per area: cases open now (the running sum of open_delta).

CREATE TABLE rollup_case_day (
  day          date NOT NULL,
  county_code  text NOT NULL,
  town_id      integer NOT NULL DEFAULT 0,
  village_id   integer NOT NULL DEFAULT 0,
  grid_id      integer NOT NULL DEFAULT 0,
  category_id  integer NOT NULL DEFAULT 0,
  channel      text NOT NULL,
  received     integer NOT NULL DEFAULT 0,
  closed       integer NOT NULL DEFAULT 0,
  open_delta   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, county_code, town_id, village_id, grid_id, category_id, channel)
);
CREATE INDEX rollup_case_day_town_idx ON rollup_case_day (town_id, day);
CREATE INDEX rollup_case_day_village_idx ON rollup_case_day (village_id, day);
CREATE INDEX rollup_case_day_grid_idx ON rollup_case_day (grid_id, day);

CREATE TABLE rollup_unit_day (
  day                 date NOT NULL,
  county_code         text NOT NULL,
  unit_id             integer NOT NULL,
  town_id             integer NOT NULL DEFAULT 0,
  dispatched          integer NOT NULL DEFAULT 0,
  assisted            integer NOT NULL DEFAULT 0,
  signed              integer NOT NULL DEFAULT 0,
  signed_on_time      integer NOT NULL DEFAULT 0,
  returned            integer NOT NULL DEFAULT 0,
  replied             integer NOT NULL DEFAULT 0,
  replied_on_time     integer NOT NULL DEFAULT 0,
  resolved            integer NOT NULL DEFAULT 0,
  satisfied           integer NOT NULL DEFAULT 0,
  basically_satisfied integer NOT NULL DEFAULT 0,
  unsatisfied         integer NOT NULL DEFAULT 0,
  completed           integer NOT NULL DEFAULT 0,
  completed_on_time   integer NOT NULL DEFAULT 0,
  overdue             integer NOT NULL DEFAULT 0,
  reopened            integer NOT NULL DEFAULT 0,
  supervised          integer NOT NULL DEFAULT 0,
  sign_count          integer NOT NULL DEFAULT 0,
  sign_seconds        double precision NOT NULL DEFAULT 0,
  close_count         integer NOT NULL DEFAULT 0,
  close_seconds       double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (day, county_code, unit_id, town_id)
);
CREATE INDEX rollup_unit_day_unit_idx ON rollup_unit_day (unit_id, day);
CREATE INDEX rollup_unit_day_town_idx ON rollup_unit_day (town_id, day);

CREATE TABLE rollup_area_day (
  day         date NOT NULL,
  area_id     integer NOT NULL,
  dim         text NOT NULL,
  key         text NOT NULL,
  received    integer NOT NULL DEFAULT 0,
  closed      integer NOT NULL DEFAULT 0,
  open_delta  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (area_id, dim, day, key)
);

CREATE TABLE rollup_duration_day (
  day      date NOT NULL,
  area_id  integer NOT NULL,
  metric   text NOT NULL,
  bucket   smallint NOT NULL,
  count    integer NOT NULL DEFAULT 0,
  seconds  double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (area_id, metric, day, bucket)
);

CREATE TABLE rollup_area_now (
  area_id  integer PRIMARY KEY,
  open     integer NOT NULL DEFAULT 0
);
