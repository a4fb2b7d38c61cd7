-- 预警 (issue 19): a group risk that crossed its threshold, sent once to the town and county platforms (its key is
-- the earliest case of the cluster, so a growing cluster is not sent again on every pass).
CREATE TABLE intelligence_warnings (
  key         text PRIMARY KEY,
  county_code text NOT NULL,
  kind        text NOT NULL,
  title       text NOT NULL,
  case_ids    bigint[] NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intelligence_warnings_county ON intelligence_warnings (county_code, created_at DESC);
