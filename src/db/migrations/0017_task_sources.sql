-- New sources of tasks, added once for the records that arrive together (issues 14–16): a psychological
-- referral's acknowledgement, a deliberation decision's follow-up, a small-power exercise's step, a legal
-- review requested of a village's adviser. One migration so that no later one rewrites the list another made.
ALTER TABLE tasks DROP CONSTRAINT IF EXISTS tasks_source_kind_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_source_kind_check CHECK (source_kind IN
  ('meeting_decision','work_team','project_milestone','screening','dispute_followup','case','manual',
   'psych_referral','deliberation_decision','power_step','legal_review','video_event'));
