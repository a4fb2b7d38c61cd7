-- Security hardening (issue 18): when a staff session last proved its password (sign-in or re-authentication:
-- the most sensitive administrator actions ask for it again after REAUTH_MINUTES), and the rate-limit counters
-- shared by every server process (fixed windows keyed by what is limited: sign-in per address and username,
-- one-time codes per phone, citizen reports per phone and address, Open311 POST per key, the public pages).
ALTER TABLE sessions ADD COLUMN reauth_at timestamptz;
UPDATE sessions SET reauth_at = created_at;

CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX rate_limits_expires ON rate_limits (expires_at);
