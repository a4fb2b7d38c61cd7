-- 排查完成率 (issue 14 §2): the screening tasks settled for their unit are counted apart from the other tasks,
-- so the assessment gets its own indicator for them (a rebuild recounts both from the task histories).
ALTER TABLE assessment_facts ADD COLUMN screening_due integer NOT NULL DEFAULT 0;
ALTER TABLE assessment_facts ADD COLUMN screening_on_time integer NOT NULL DEFAULT 0;
