-- Reporters' names and phones encrypted at rest (issue 18, PIPL). reporter_name and reporter_phone keep their
-- names and hold AES-256-GCM ciphertexts (src/core/field-crypto.ts, `v1:`/`v2:<key id>:`) instead of plain text:
-- every reader already goes through them, and the retention predicates and the partial index of 0043 stay true
-- as written (NULL is still "no phone"; the erased name 已注销 stays plain, a marker and not a person).
-- Ciphertexts cannot be compared, so the phone's blind index (HMAC of the normalised number) is what a "same
-- reporter" or "this citizen's cases" match reads. Rows written before this migration are encrypted by the
-- start-up step of src/modules/cases/encrypt-reporters.ts: a migration cannot, the key is not the database's.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS reporter_phone_hash text;

-- 0043's index of the plain phone served the erasure's lookup of a citizen's cases; the hash serves it now.
DROP INDEX IF EXISTS cases_reporter_phone_idx;
CREATE INDEX IF NOT EXISTS cases_reporter_phone_hash_idx ON cases (reporter_phone_hash)
  WHERE reporter_phone_hash IS NOT NULL;

-- The rows still holding a plain name or phone (or a phone without its hash): empty once converted, so the start-up
-- check is one index probe however many cases there are, and a row loaded around the application (a bulk load,
-- an old backup) is found at the next start. The predicate is repeated literally in encrypt-reporters.ts.
CREATE INDEX IF NOT EXISTS cases_reporter_plain_idx ON cases (id)
  WHERE (reporter_phone IS NOT NULL AND (reporter_phone NOT LIKE 'v_:%' OR reporter_phone_hash IS NULL))
     OR (reporter_name IS NOT NULL AND reporter_name NOT LIKE 'v_:%' AND reporter_name <> '已注销');
