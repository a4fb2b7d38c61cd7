-- Shared lists widened once for the records of issues 17 and 21, so that no later migration rewrites a list
-- another one made: the record kinds of the generic history (record_events; the TypeScript union RecordKind
-- in src/modules/record-history is the one list now) and the new sources of tasks.
ALTER TABLE record_events DROP CONSTRAINT IF EXISTS record_events_record_type_check;
ALTER TABLE tasks DROP CONSTRAINT IF EXISTS tasks_source_kind_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_source_kind_check CHECK (source_kind IN
  ('meeting_decision','work_team','project_milestone','screening','dispute_followup','case','manual',
   'psych_referral','deliberation_decision','power_step','legal_review','video_event',
   'first_secretary','service_application','party_need','volunteer_request','social_org_project'));
