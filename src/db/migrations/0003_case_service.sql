-- The case service: intake idempotency (a hotline order number, a phone's resubmission token), extra fields
-- and attachments on the case, and cursors for the consumers that follow the timeline (rollups, indexes).
ALTER TABLE cases ADD COLUMN external_ref text;
ALTER TABLE cases ADD COLUMN client_token text;
ALTER TABLE cases ADD COLUMN extra jsonb NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN attachment_ids text[] NOT NULL DEFAULT '{}';
CREATE UNIQUE INDEX cases_external_ref_key ON cases (channel, external_ref) WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX cases_client_token_key ON cases (client_token) WHERE client_token IS NOT NULL;
-- Every unit that has stood to the case (owner, dispatcher, lead, assisting, summoned, supervisor): they keep
-- seeing it. With the place columns this is what scopes a principal's reads, each part index-backed.
ALTER TABLE cases ADD COLUMN unit_ids integer[] NOT NULL DEFAULT '{}';
CREATE INDEX cases_unit_ids_idx ON cases USING gin (unit_ids);
CREATE INDEX cases_town_idx ON cases (town_id);
CREATE INDEX cases_village_idx ON cases (village_id);
CREATE INDEX cases_lead_idx ON cases (lead_org_id, status);
CREATE INDEX cases_county_updated_idx ON cases (county_code, updated_at DESC);
CREATE INDEX case_events_case_idx ON case_events (case_id, version);

-- One row per consumer of case_events: the last event id it has processed. A consumer locks its row while it
-- works, so with several server processes each event is consumed once.
CREATE TABLE consumer_cursors (
  name       text PRIMARY KEY,
  last_id    bigint NOT NULL DEFAULT 0,
  updated_at timestamptz
);

-- County-wide settings kept by administrators (office hours of a working day: working-hour limits count
-- only these minutes).
CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
