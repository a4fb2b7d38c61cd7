-- Civility points: a redemption not yet handed over can be cancelled (取消兑换); its points come back as a
-- 'refund' entry — a counter-entry to the redemption, never an edit of it (the ledger stays append-only) — and
-- the item's stock as it was. One refund per redemption at most.
ALTER TABLE points_redemptions
  ADD COLUMN cancelled_at         timestamptz,
  ADD COLUMN cancelled_by_user_id integer REFERENCES users(id),
  ADD COLUMN cancel_reason        text;

ALTER TABLE points_entries DROP CONSTRAINT points_entries_kind_check;
ALTER TABLE points_entries ADD CONSTRAINT points_entries_kind_check
  CHECK (kind IN ('award','deduct','correction','redemption','refund'));
-- the unnamed table check "(kind = 'redemption') = (redemption_id IS NOT NULL)" of 0016, found by its text
DO $$
DECLARE c text;
BEGIN
  SELECT conname INTO c FROM pg_constraint
   WHERE conrelid = 'points_entries'::regclass AND pg_get_constraintdef(oid) LIKE '%redemption_id IS NOT NULL%';
  EXECUTE format('ALTER TABLE points_entries DROP CONSTRAINT %I', c);
END $$;
ALTER TABLE points_entries ADD CONSTRAINT points_entries_redemption_ref
  CHECK ((kind IN ('redemption','refund')) = (redemption_id IS NOT NULL));
CREATE UNIQUE INDEX points_entries_one_refund ON points_entries (redemption_id) WHERE kind = 'refund';

-- In-app notifications of records that have no column of their own here (points approvals and objections …):
-- the page of the web app the notification opens.
ALTER TABLE notifications ADD COLUMN link text;
