-- 群众满意度（民调） in the assessment (issue 21 §4): a closed survey round's answers to its score question, per town
-- and month of closing, as facts beside the others (written when the round closes, recounted by a rebuild).
ALTER TABLE assessment_facts ADD COLUMN survey_answered integer NOT NULL DEFAULT 0;
ALTER TABLE assessment_facts ADD COLUMN survey_satisfied integer NOT NULL DEFAULT 0;
