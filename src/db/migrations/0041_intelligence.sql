-- 智能分类 · 智能派单 (issue 19): the classifier's suggestion for each case that arrived without a category (or
-- with the hotline's guess), written by the intelligence consumer off the intake transaction; the dispatcher's
-- decision (accepted / corrected) and the automatic dispatch with its returns. Kept beside `cases`, not on it.
CREATE TABLE case_suggestions (
  case_id          bigint PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  county_code      text NOT NULL,
  channel          text NOT NULL,
  -- pending (queued) | suggested | accepted | corrected | auto (dispatched automatically) | failed
  status           text NOT NULL DEFAULT 'pending',
  category_id      integer REFERENCES categories(id),
  category_name    text,
  level1_name      text,
  confidence       double precision,
  scores           jsonb NOT NULL DEFAULT '[]',
  proposed_org_id  integer REFERENCES orgs(id),
  auto_dispatched  boolean NOT NULL DEFAULT false,
  auto_reason      text,
  return_count     integer NOT NULL DEFAULT 0,
  final_category_id integer REFERENCES categories(id),
  decided_by       integer REFERENCES users(id),
  decided_at       timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_suggestions_pending ON case_suggestions (case_id) WHERE status = 'pending';
CREATE INDEX case_suggestions_county ON case_suggestions (county_code, status);

-- The county's 智能派单 setting: off by default; when on, a suggestion at or above the threshold whose routing
-- gives one unit is accepted and dispatched by the consumer through the case's state machine.
CREATE TABLE intelligence_settings (
  county_code   text PRIMARY KEY,
  auto_dispatch boolean NOT NULL DEFAULT false,
  threshold     double precision NOT NULL DEFAULT 0.9,
  updated_by    integer REFERENCES users(id),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- 地址匹配 (issue 19 §4): a case that arrived with an address and no point (a hotline order without coordinates)
-- matched by the consumer to the most specific known place — its grid and a point, with the confidence — for the
-- dispatcher to see and confirm.
CREATE TABLE case_locations (
  case_id     bigint PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  county_code text NOT NULL,
  -- pending | matched | unmatched
  status      text NOT NULL DEFAULT 'pending',
  address     text NOT NULL,
  place_key   text,
  place_kind  text,
  place_name  text,
  grid_id     integer REFERENCES orgs(id),
  village_id  integer REFERENCES orgs(id),
  town_id     integer REFERENCES orgs(id),
  lat         double precision,
  lng         double precision,
  confidence  double precision,
  matched     jsonb NOT NULL DEFAULT '[]',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_locations_pending ON case_locations (case_id) WHERE status = 'pending';
