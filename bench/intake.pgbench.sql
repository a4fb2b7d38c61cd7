-- One intake as the server writes it (`npm run bench -- intake` runs this with pgbench -M prepared, 16 clients):
-- the case row with its final snapshot and search vector, its opening timeline entry and the classifier's note
-- (智能分类 at intake), its acceptance clock, its owner assignment, the suggestion's row and the two outbox
-- messages, in one transaction. The values come from a case the bench
-- made through the API in the same run (pgbench -D name=value); only the id and the number differ.
BEGIN;
SELECT nextval('cases_id_seq') AS id \gset
INSERT INTO cases (id, number, county_code, channel, title, body, category_id, urgency, status, town_id, village_id,
    grid_id, owner_org_id, lat, lng, address, reporter_user_id, reporter_name, reporter_phone, anonymous,
    reported_at, created_at, updated_at, created_by, external_ref, client_token, extra, attachment_ids,
    machine, level, version, unit_ids, search_vector)
  VALUES (:id, concat('PB', :id::text), :county_code, :channel, :title, :body, NULL, 'normal', :status, :town_id, :village_id,
    :grid_id, :owner_org_id, :lat, :lng, NULL, NULL, NULL, NULL, false,
    now(), now(), now(), :created_by, NULL, NULL, '{}', '{}',
    :machine, :level, 2, ARRAY[:owner_org_id]::int[], to_tsvector('simple', :search_doc::text));
INSERT INTO case_events (case_id, version, at, type, actor_kind, actor_user_id, org_id, from_state, to_state, note,
    details, attachment_ids)
  VALUES (:id, 1, now(), 'opened', 'user', :created_by, :owner_org_id, NULL, :status, NULL, :event_details, '{}'),
    (:id, 2, now(), 'amended', 'system', NULL, NULL, :status, :status, :note, :note_details, '{}');
INSERT INTO case_deadlines (case_id, key, kind, org_id, county_code, town_id, village_id, grid_id, owner_org_id,
    started_at, due_at, warn_at, warned_at, escalated_at)
  VALUES (:id, 'accept', 'accept', :owner_org_id, :county_code, :town_id, :village_id, :grid_id, :owner_org_id,
    now(), now() + interval '13 hours', now() + interval '12 hours', NULL, NULL);
INSERT INTO case_assignments (case_id, org_id, role, status) VALUES (:id, :owner_org_id, 'owner', 'n/a');
INSERT INTO case_suggestions (case_id, county_code, channel, status, category_id, category_name, level1_name,
    confidence, scores, proposed_org_id, updated_at)
  VALUES (:id, :county_code, :channel, 'suggested', :suggested_category_id, :suggested_category_name, :first_level_name,
    :confidence, :scores, NULL, now());
INSERT INTO outbox (topic, case_id, payload, created_at, available_at)
  VALUES ('case.changed', :id, :outbox_payload, now(), now()), ('case.changed', :id, :outbox_payload_next, now(), now());
END;
