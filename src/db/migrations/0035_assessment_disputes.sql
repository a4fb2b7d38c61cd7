-- 调解成功率 and 矛盾纠纷化解率 in the assessment (issue 15 §1): a dispute's counts per territorial unit and month
-- (受理 and 已化解 in the month of registration, 调解成功 / 调解不成 in the month of conclusion), written in the
-- transaction of the dispute's change that moves them, recounted from the disputes by a rebuild.
ALTER TABLE assessment_facts ADD COLUMN dispute_accepted integer NOT NULL DEFAULT 0;
ALTER TABLE assessment_facts ADD COLUMN dispute_resolved integer NOT NULL DEFAULT 0;
ALTER TABLE assessment_facts ADD COLUMN dispute_concluded integer NOT NULL DEFAULT 0;
ALTER TABLE assessment_facts ADD COLUMN dispute_succeeded integer NOT NULL DEFAULT 0;
