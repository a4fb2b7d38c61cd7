// Row types of the tables, as Kysely sees them. Kept in step with src/db/migrations by hand.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type OrgKind = 'county' | 'town' | 'village' | 'grid' | 'department' | 'office' | 'third_party' | 'party';
export type Participant = 'party' | 'government' | 'legal' | 'residents' | 'schools' | 'research' | 'social' | 'media';

export interface OrgsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: OrgKind;
  subkind: string | null;
  participant: Participant;
  parent_id: number | null;
  path: string;
  depth: number;
  county_code: string;
  boundary: Json<GeoJSONGeometry | null> | null;
  center_lat: number | null;
  center_lng: number | null;
  households: number | null;
  population: number | null;
  grid_worker_id: number | null;
  phone: string | null;
  address: string | null;
  active: Generated<boolean>;
  sort: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GeoJSONGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface UsersTable {
  id: Generated<number>;
  username: string | null;
  display_name: string;
  phone: string | null;
  role: string;
  org_id: number | null;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  active: Generated<boolean>;
  last_login_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
  /** When the session last proved its password: sign-in or re-authentication (issue 18). */
  reauth_at: Timestamp | null;
}

/** Rate-limit counters shared by every server process: one fixed window per key (issue 18). */
export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
  expires_at: Timestamp;
}

export interface LoginCodesTable {
  id: Generated<number>;
  phone: string;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
  used_at: Timestamp | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  org_id: number;
  permissions: string[];
  created_by: number | null;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface CategoriesTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  level: number;
  family: 'hotline' | 'governance';
  responsible_org_id: number | null;
  active: Generated<boolean>;
  sort: Generated<number>;
}

export interface CalendarDaysTable {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface ClockStateTable {
  id: number;
  offset_ms: number;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_user_id: number | null;
  actor_api_key_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Json<Record<string, unknown>>;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface CasesTable {
  id: Generated<number>;
  number: string;
  county_code: string;
  channel: string;
  title: string;
  body: string;
  category_id: number | null;
  urgency: Generated<string>;
  status: string;
  town_id: number | null;
  village_id: number | null;
  grid_id: number | null;
  owner_org_id: number | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  reporter_user_id: number | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  /** Blind index of the normalised phone (0045): reporter_name and reporter_phone hold ciphertexts. */
  reporter_phone_hash: string | null;
  anonymous: Generated<boolean>;
  reply: string | null;
  satisfaction: string | null;
  reported_at: Timestamp;
  replied_at: Timestamp | null;
  closed_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  machine: Json<unknown> | null;
  level: string | null;
  supervision_level: string | null;
  listed: Generated<boolean>;
  lead_org_id: number | null;
  dispatcher_org_id: number | null;
  merged_into_id: number | null;
  reopen_count: Generated<number>;
  return_count: Generated<number>;
  suspended: Generated<boolean>;
  created_by: number | null;
  external_ref: string | null;
  client_token: string | null;
  extra: ColumnType<Record<string, unknown>, string | undefined, string>;
  attachment_ids: Generated<string[]>;
  unit_ids: Generated<number[]>;
  /** tsvector of the jieba-segmented text for full-text search (0004); NULL until the indexer has seen the row. */
  search_vector: string | null;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface ConsumerCursorsTable {
  name: string;
  last_id: number;
  updated_at: Timestamp | null;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  version: number;
  at: Timestamp;
  type: string;
  actor_kind: string;
  actor_user_id: number | null;
  org_id: number | null;
  from_state: string | null;
  to_state: string;
  note: string | null;
  details: Json<Record<string, unknown>>;
  attachment_ids: string[];
}

export interface CaseDeadlinesTable {
  case_id: number;
  key: string;
  kind: string;
  org_id: number | null;
  county_code: string;
  /** The case's place and current owner, written with the clock (0009). */
  town_id: number | null;
  village_id: number | null;
  grid_id: number | null;
  owner_org_id: number | null;
  started_at: Timestamp;
  due_at: Timestamp;
  warn_at: Timestamp;
  warned_at: Timestamp | null;
  escalated_at: Timestamp | null;
}

export interface CaseAssignmentsTable {
  case_id: number;
  org_id: number;
  role: 'owner' | 'lead' | 'assisting' | 'summoned' | 'supervisor' | 'dispatcher';
  status: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  org_id: number | null;
  user_id: number | null;
  case_id: number | null;
  task_id: Generated<number | null>;
  dispute_id: Generated<number | null>;
  /** psychological referrals (0019) */
  psych_referral_id: Generated<number | null>;
  kind: string;
  title: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
  /** the web page the notification opens, for records without a column here (0025) */
  link: Generated<string | null>;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  case_id: number | null;
  task_id: Generated<number | null>;
  dispute_id: Generated<number | null>;
  /** psychological referrals (0019) */
  psych_referral_id: Generated<number | null>;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
  available_at: Timestamp;
  attempts: Generated<number>;
  delivered_at: Timestamp | null;
  last_error: string | null;
}

export interface TimeLimitRulesTable {
  id: Generated<number>;
  stage: string;
  category_id: number | null;
  urgency: string | null;
  amount: number;
  unit: string;
  warn_share: number;
}

export interface RoutingRulesTable {
  id: Generated<number>;
  category_id: number;
  town_id: number | null;
  org_id: number;
}

export interface PatrolsTable {
  id: Generated<number>;
  county_code: string;
  grid_id: number;
  user_id: number;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  summary: string | null;
  point_count: Generated<number>;
  distance_m: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PatrolPointsTable {
  id: Generated<number>;
  patrol_id: number;
  seq: number;
  at: Timestamp;
  lat: number;
  lng: number;
  accuracy_m: number | null;
  in_grid: boolean;
  note: string | null;
  attachment_ids: Generated<string[]>;
  case_id: number | null;
}

// 0006_intake_channels: attachments, the 12345 hotline, webhooks.
export interface AttachmentsTable {
  id: string;
  sha256: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  storage: 'local' | 's3';
  object_key: string;
  clean_key: string | null;
  thumb_key: string | null;
  uploaded_by_user_id: number | null;
  uploaded_by_api_key_id: number | null;
  created_at: Timestamp;
}

export interface HotlineSigningSecretsTable {
  api_key_id: number;
  secret: string;
  created_at: Timestamp;
}

export interface HotlineCategoryMapTable {
  hotline_category: string;
  category_id: number;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface HotlineOrderRevisionsTable {
  id: Generated<number>;
  order_no: string;
  case_id: number;
  received_at: Timestamp;
  changes: Json<Record<string, unknown>>;
}

export interface HotlineImportsTable {
  id: Generated<number>;
  file_name: string;
  file_sha256: string;
  status: 'preview' | 'running' | 'done' | 'failed';
  total: number;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  failed: Generated<number>;
  rows: Json<unknown[]>;
  errors: Json<unknown[]>;
  org_id: number;
  created_by: number | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  leased_until: Timestamp | null;
}

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  name: string;
  url: string;
  secret: string;
  channels: Generated<string[]>;
  active: Generated<boolean>;
  org_id: number;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  subscription_id: number;
  outbox_id: number;
  case_id: number | null;
  change_id: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  available_at: Timestamp;
  leased_until: Timestamp | null;
  last_error: string | null;
  last_status: number | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

// Rollups (src/db/migrations/0005_rollups.sql): pre-aggregated case facts; day is a 'YYYY-MM-DD' local date.
export interface RollupCaseDayTable {
  day: ColumnType<string, string, string>;
  county_code: string;
  town_id: number;
  village_id: number;
  grid_id: number;
  category_id: number;
  channel: string;
  received: number;
  closed: number;
  open_delta: number;
}

export interface RollupUnitDayTable {
  day: ColumnType<string, string, string>;
  county_code: string;
  unit_id: number;
  town_id: number;
  dispatched: number;
  assisted: number;
  signed: number;
  signed_on_time: number;
  returned: number;
  replied: number;
  replied_on_time: number;
  resolved: number;
  satisfied: number;
  basically_satisfied: number;
  unsatisfied: number;
  completed: number;
  completed_on_time: number;
  overdue: number;
  reopened: number;
  supervised: number;
  sign_count: number;
  sign_seconds: number;
  close_count: number;
  close_seconds: number;
}

export interface RollupAreaDayTable {
  day: ColumnType<string, string, string>;
  area_id: number;
  dim: string;
  key: string;
  received: number;
  closed: number;
  open_delta: number;
}

export interface RollupDurationDayTable {
  day: ColumnType<string, string, string>;
  area_id: number;
  metric: string;
  bucket: number;
  count: number;
  seconds: number;
}

export interface RollupAreaNowTable {
  area_id: number;
  open: number;
}

export interface AssessmentFactsTable {
  unit_id: number;
  month: string;
  received: number;
  sign_due: number;
  sign_on_time: number;
  reply_due: number;
  reply_on_time: number;
  replies: number;
  settled: number;
  resolved: number;
  rated: number;
  satisfied: number;
  closed: number;
  closed_on_time: number;
  dispatched: number;
  returned: number;
  reopened: number;
  overdue: number;
  supervised: number;
  task_due: number;
  task_on_time: number;
  screening_due: number;
  screening_on_time: number;
  survey_answered: number;
  survey_satisfied: number;
  dispute_accepted: number;
  dispute_resolved: number;
  dispute_concluded: number;
  dispute_succeeded: number;
}

export interface AssessmentLinksTable {
  town_id: number;
  org_id: number;
  month: string;
  cases: number;
}

export interface AssessmentWeightsTable {
  key: string;
  weight: number;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface AssessmentPeriodsTable {
  period: string;
  closed_at: Timestamp;
  closed_by: number | null;
}

export interface AssessmentRatingsTable {
  id: Generated<number>;
  period: string;
  town_id: number;
  department_id: number;
  answers: Json<Record<string, number>>;
  score: number;
  comment: string | null;
  submitted_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TasksTable {
  id: Generated<number>;
  number: string;
  county_code: string;
  title: string;
  description: Generated<string>;
  source_kind: string;
  source_id: string | null;
  source_label: string | null;
  source_key: string | null;
  case_id: number | null;
  owner_org_id: number;
  assisting_org_ids: Generated<number[]>;
  assigned_by_org_id: number;
  assigned_by_user_id: number | null;
  supervisor_org_id: number | null;
  escalation_level: Generated<number>;
  listed: Generated<boolean>;
  unit_ids: number[];
  state: string;
  signed: Generated<boolean>;
  due_at: Timestamp;
  progress_percent: Generated<number>;
  last_progress_at: Timestamp | null;
  completed_at: Timestamp | null;
  completed_late: boolean | null;
  result: string | null;
  attachment_ids: Generated<string[]>;
  machine: Json<unknown>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TaskEventsTable {
  task_id: number;
  version: number;
  type: string;
  at: Timestamp;
  from_state: string | null;
  to_state: string;
  actor_user_id: number | null;
  actor_org_id: number | null;
  note: string | null;
  details: Json<Record<string, unknown>>;
  attachment_ids: Generated<string[]>;
}

export interface TaskDeadlinesTable {
  task_id: number;
  kind: string;
  org_id: number;
  started_at: Timestamp;
  due_at: Timestamp;
  warn_at: Timestamp;
  warned_at: Timestamp | null;
  escalated_at: Timestamp | null;
}

export interface MeetingKindsTable {
  id: Generated<number>;
  county_code: string;
  name: string;
  level: string;
  organiser_org_id: number;
  chair: Generated<string>;
  member_org_ids: Generated<number[]>;
  description: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingsTable {
  id: Generated<number>;
  county_code: string;
  kind_id: number;
  organiser_org_id: number;
  member_org_ids: Generated<number[]>;
  unit_ids: number[];
  title: string;
  starts_at: Timestamp;
  place: Generated<string>;
  chair: Generated<string>;
  secretary: Generated<string>;
  state: string;
  cancel_reason: string | null;
  held_at: Timestamp | null;
  published_at: Timestamp | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingAttendanceTable {
  meeting_id: number;
  org_id: number;
  status: string;
  attendee: string | null;
  note: string | null;
}

export interface MeetingItemsTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  kind: string;
  source_key: string | null;
  case_id: number | null;
  title: string;
  description: Generated<string>;
  reason: string | null;
  discussion: Generated<string>;
  dispatch: Json<Record<string, unknown>> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingDecisionsTable {
  id: Generated<number>;
  meeting_id: number;
  item_id: number;
  text: string;
  created_by: number | null;
  created_at: Timestamp;
}

export interface MeetingEventsTable {
  meeting_id: number;
  version: number;
  type: string;
  at: Timestamp;
  actor_user_id: number | null;
  actor_org_id: number | null;
  details: Json<Record<string, unknown>>;
}

// co-governance (issue 13): work teams and breakthrough projects (migration 0014)
export interface WorkTeamsTable {
  id: Generated<number>;
  county_code: string;
  name: string;
  topic: Generated<string>;
  lead_user_id: number;
  organiser_org_id: number;
  /** date 'YYYY-MM-DD' */
  start_date: string;
  end_date: string;
  state: 'active' | 'ended';
  ended_at: Timestamp | null;
  end_note: string | null;
  unit_ids: number[];
  created_by: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkTeamUnitsTable {
  team_id: number;
  org_id: number;
  contact_name: string;
  contact_phone: string | null;
  since: string;
  sort: Generated<number>;
}

export interface WorkTeamMembersTable {
  id: Generated<number>;
  team_id: number;
  name: string;
  org_id: number;
  role: string;
  phone: string | null;
  sort: Generated<number>;
}

export interface WorkTeamReportsTable {
  team_id: number;
  org_id: number;
  week: string;
  due_at: Timestamp;
  task_id: number;
}

export interface ProjectsTable {
  id: Generated<number>;
  county_code: string;
  year: number;
  owner_org_id: number;
  name: string;
  goal: string;
  unit_ids: number[];
  eval_score: number | null;
  eval_grade: string | null;
  eval_comment: string | null;
  evaluated_at: Timestamp | null;
  evaluated_by: number | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectIndicatorsTable {
  id: Generated<number>;
  project_id: number;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  current_value: number | null;
  sort: Generated<number>;
}

export interface ProjectMilestonesTable {
  id: Generated<number>;
  project_id: number;
  title: string;
  /** date 'YYYY-MM-DD' */
  due_date: string;
  owner_org_id: number;
  task_id: number | null;
  sort: Generated<number>;
}

export interface ProjectReportsTable {
  id: Generated<number>;
  project_id: number;
  month: string;
  body: string;
  indicator_values: Json<{ indicatorId: number; value: number }[]>;
  attachment_ids: Generated<string[]>;
  reported_by: number | null;
  reported_by_org: number | null;
  reported_at: Timestamp;
}

export interface RecordEventsTable {
  id: Generated<number>;
  /** a RecordKind of src/modules/record-history (the union there is the list since migration 0026) */
  record_type: string;
  record_id: number;
  type: string;
  at: Timestamp;
  actor_user_id: number | null;
  actor_org_id: number | null;
  details: Json<Record<string, unknown>>;
}

// disputes (issue 15): disputes and people's mediation (src/db/migrations/0015_disputes.sql)
export interface DisputeTypesTable {
  code: string;
  name: string;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface DisputesTable {
  id: Generated<number>;
  number: string;
  county_code: string;
  type_code: string;
  title: string;
  description: Generated<string>;
  parties: Json<unknown[]>;
  amount: Generated<number>;
  people_involved: Generated<number>;
  threat_of_violence: Generated<boolean>;
  threat_of_petition: Generated<boolean>;
  risk_level: string;
  risk_reasons: Generated<string[]>;
  source: string;
  source_ref: string | null;
  case_id: number | null;
  town_id: number | null;
  village_id: number | null;
  grid_id: number | null;
  address: string | null;
  attachment_ids: Generated<string[]>;
  applicant_user_id: number | null;
  registered_by_user_id: number | null;
  registered_by_org_id: number | null;
  level: string;
  handling_org_id: number;
  mediator_org_id: number | null;
  mediator_name: string | null;
  supervisor_org_id: number | null;
  escalation_level: Generated<number>;
  overdue: Generated<boolean>;
  listed: Generated<boolean>;
  unit_ids: number[];
  state: string;
  accepted_at: Timestamp | null;
  mediation_due_at: Timestamp | null;
  concluded_at: Timestamp | null;
  signed_at: Timestamp | null;
  performance: string | null;
  agreement_number: string | null;
  machine: Json<unknown>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DisputeEventsTable {
  dispute_id: number;
  version: number;
  type: string;
  at: Timestamp;
  from_state: string | null;
  to_state: string;
  actor_user_id: number | null;
  actor_org_id: number | null;
  note: string | null;
  details: Json<Record<string, unknown>>;
}

export interface DisputeDeadlinesTable {
  dispute_id: number;
  kind: string;
  org_id: number;
  started_at: Timestamp;
  due_at: Timestamp;
  warn_at: Timestamp;
  warned_at: Timestamp | null;
  escalated_at: Timestamp | null;
}

export interface DisputeAgreementCountersTable {
  county_code: string;
  year: number;
  last: number;
}

// small-power list (issue 16 §3): src/db/migrations/0021_powers.sql
export interface PowerItemsTable {
  id: Generated<number>;
  county_code: string;
  /** null: the county's template */
  village_id: number | null;
  template_item_id: number | null;
  template_version: number | null;
  category: string;
  name: string;
  legal_basis: Generated<string>;
  description: Generated<string>;
  steps: Json<unknown[]>;
  active: Generated<boolean>;
  sort: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PowerExercisesTable {
  id: Generated<number>;
  number: string;
  county_code: string;
  village_id: number;
  item_id: number;
  item_name: string;
  steps: Json<unknown[]>;
  title: string;
  subject: Generated<string>;
  amount: number | null;
  started_on: string;
  state: string;
  ended_on: string | null;
  step_count: Generated<number>;
  created_by_user_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PowerExerciseStepsTable {
  id: Generated<number>;
  exercise_id: number;
  county_code: string;
  village_id: number;
  seq: number;
  step_key: string;
  step_name: string;
  outcome: string;
  done_on: string;
  publicity_from: string | null;
  publicity_to: string | null;
  approved_by: Generated<string>;
  documents: Generated<string[]>;
  attachment_ids: Generated<string[]>;
  note: Generated<string>;
  recorded_by_user_id: number | null;
  recorded_at: Timestamp;
}

export interface PowerExerciseEventsTable {
  exercise_id: number;
  version: number;
  type: string;
  at: Timestamp;
  actor_user_id: number | null;
  actor_org_id: number | null;
  details: Json<Record<string, unknown>>;
}

export interface PowerExerciseCountersTable {
  county_code: string;
  year: number;
  last: number;
}

// civility points (issue 16): src/db/migrations/0016_points.sql
export interface PointsSettingsTable {
  village_id: number;
  county_code: string;
  approval_threshold: number;
  objection_days: number;
  credit_grade_a: number;
  credit_grade_aa: number;
  credit_grade_aaa: number;
  board_public: boolean;
  board_full_names: boolean;
  template_adopted_at: Timestamp | null;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface PointsRulesTable {
  id: Generated<number>;
  county_code: string;
  /** null: the county's template */
  village_id: number | null;
  template_rule_id: number | null;
  category: string;
  name: string;
  points: number;
  unit: string;
  cap_points: number | null;
  cap_period: string | null;
  active: Generated<boolean>;
  sort: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PointsHouseholdsTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  grid_id: number | null;
  door_no: string;
  head_name: string;
  members: number;
  address: string | null;
  head_phone: string | null;
  overdue_debt: Generated<boolean>;
  overdue_debt_note: string | null;
  active: Generated<boolean>;
  balance: Generated<number>;
  entry_count: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PointsRequestsTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  household_id: number;
  rule_id: number;
  quantity: number;
  points: number;
  /** date 'YYYY-MM-DD' */
  occurred_on: string;
  note: Generated<string>;
  attachment_ids: Generated<string[]>;
  case_id: number | null;
  activity: string | null;
  given_by_user_id: number | null;
  given_by_org_id: number | null;
  state: string;
  decided_by_user_id: number | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface PointsItemsTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  name: string;
  description: Generated<string>;
  price: number;
  stock: number;
  active: Generated<boolean>;
  attachment_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PointsRedemptionsTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  household_id: number;
  item_id: number;
  item_name: string;
  quantity: number;
  points: number;
  channel: string;
  redeemed_by_user_id: number | null;
  handed_over_at: Timestamp | null;
  handed_over_by_user_id: number | null;
  created_at: Timestamp;
  /** 取消兑换 (0025): the points came back as a refund entry */
  cancelled_at: Timestamp | null;
  cancelled_by_user_id: Generated<number | null>;
  cancel_reason: Generated<string | null>;
}

export interface PointsEntriesTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  household_id: number;
  seq: number;
  kind: string;
  points: number;
  nominal_points: number;
  balance_after: number;
  rule_id: number | null;
  rule_name: string | null;
  quantity: number | null;
  /** date 'YYYY-MM-DD' */
  occurred_on: string;
  note: Generated<string>;
  attachment_ids: Generated<string[]>;
  case_id: number | null;
  activity: string | null;
  corrects_entry_id: number | null;
  request_id: number | null;
  redemption_id: number | null;
  given_by_user_id: number | null;
  given_by_org_id: number | null;
  approved_by_user_id: number | null;
  created_at: Timestamp;
}

export interface PointsObjectionsTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  household_id: number;
  entry_id: number;
  reason: string;
  attachment_ids: Generated<string[]>;
  raised_by_user_id: number | null;
  state: string;
  decided_by_user_id: number | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  correction_entry_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
}

export interface PointsCreditHouseholdsTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  household_id: number;
  year: number;
  grade: string;
  year_points: number;
  review_note: string;
  /** date 'YYYY-MM-DD' */
  reviewed_on: string;
  designated_by_user_id: number | null;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by_user_id: number | null;
  revoke_reason: string | null;
}

// legal advisers (issue 15 §2): one legal adviser per village (src/db/migrations/0018_legal.sql)
export interface LegalAdvisersTable {
  id: Generated<number>;
  county_code: string;
  name: string;
  phone: string | null;
  licence_no: string;
  firm_org_id: number;
  user_id: number | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LegalAssignmentsTable {
  id: Generated<number>;
  county_code: string;
  adviser_id: number;
  firm_org_id: number;
  village_id: number;
  town_id: number | null;
  hours_per_month: number;
  lectures_per_quarter: Generated<number>;
  /** date 'YYYY-MM-DD' */
  started_on: string;
  ended_on: string | null;
  note: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LegalEntriesTable {
  id: Generated<number>;
  county_code: string;
  adviser_id: number;
  assignment_id: number;
  firm_org_id: number;
  village_id: number;
  town_id: number | null;
  kind: string;
  /** date 'YYYY-MM-DD' */
  occurred_on: string;
  hours: number;
  place: string | null;
  matter: string | null;
  advice: string | null;
  topic: string | null;
  audience: number | null;
  document_title: string | null;
  opinion: string | null;
  asker_name: string | null;
  asker_phone: string | null;
  dispute_id: number | null;
  attachment_ids: Generated<string[]>;
  voided: Generated<boolean>;
  void_reason: string | null;
  recorded_by_user_id: number | null;
  recorded_by_org_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LegalEventsTable {
  id: Generated<number>;
  record_type: 'adviser' | 'assignment' | 'entry';
  record_id: number;
  type: string;
  at: Timestamp;
  actor_user_id: number | null;
  actor_org_id: number | null;
  details: Json<Record<string, unknown>>;
}

// screenings (issue 14 §2): src/db/migrations/0023_screenings.sql
export interface ScreeningSettingsTable {
  level: 'grid' | 'village' | 'town' | 'county';
  cadence: 'daily' | 'weekly' | 'half_monthly' | 'monthly';
  checklist: Json<{ key: string; label: string }[]>;
  active: Generated<boolean>;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface ScreeningTasksTable {
  task_id: number;
  county_code: string;
  org_id: number;
  parent_org_id: number | null;
  level: 'grid' | 'village' | 'town' | 'county';
  cadence: 'daily' | 'weekly' | 'half_monthly' | 'monthly';
  period_start: string;
  period_end: string;
  due_day: string;
  due_at: Timestamp;
}

export interface ScreeningRecordsTable {
  id: Generated<number>;
  task_id: number;
  county_code: string;
  org_id: number;
  client_token: string;
  checklist: Json<{ key: string; label: string; found: boolean; note: string }[]>;
  nothing_found: boolean;
  note: Generated<string>;
  attachment_ids: Generated<string[]>;
  lat: number | null;
  lng: number | null;
  recorded_by: number | null;
  recorded_at: Timestamp;
  late: boolean;
}

export interface ScreeningFindingsTable {
  record_id: number;
  seq: number;
  item_key: string;
  item_label: string;
  route: 'case' | 'dispute';
  summary: string;
  case_id: number | null;
  dispute_id: number | null;
}

// deliberation (issue 16 §2): stations, topics, comments and the secret ballot (src/db/migrations/0020_deliberations.sql)
export interface DeliberationStationsTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  kind: string;
  name: string;
  description: Generated<string>;
  quorum_percent: number;
  pass_percent: number;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DeliberationMembersTable {
  id: Generated<number>;
  station_id: number;
  name: string;
  title: Generated<string>;
  phone: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface DeliberationTopicsTable {
  id: Generated<number>;
  number: string;
  county_code: string;
  village_id: number;
  station_id: number;
  title: string;
  proposal: string;
  background: Generated<string>;
  attachment_ids: Generated<string[]>;
  options: string[];
  quorum_percent: number;
  pass_percent: number;
  proposer_kind: string;
  proposer_user_id: number | null;
  proposer_org_id: number | null;
  state: string;
  hearing_at: Timestamp | null;
  hearing_place: string | null;
  hearing: Json<Record<string, unknown> | null> | null;
  voting_opens_at: Timestamp | null;
  voting_closes_at: Timestamp | null;
  reject_reason: string | null;
  decision: string | null;
  decided_at: Timestamp | null;
  outcome: string | null;
  done_at: Timestamp | null;
  result: Json<Record<string, unknown> | null> | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DeliberationEventsTable {
  topic_id: number;
  version: number;
  type: string;
  at: Timestamp;
  from_state: string | null;
  to_state: string;
  actor_user_id: number | null;
  actor_org_id: number | null;
  note: string | null;
  details: Json<Record<string, unknown>>;
}

export interface DeliberationCommentsTable {
  id: Generated<number>;
  topic_id: number;
  author_user_id: number;
  body: string;
  state: Generated<string>;
  reject_reason: string | null;
  moderated_by: number | null;
  moderated_at: Timestamp | null;
  created_at: Timestamp;
}

export interface DeliberationVotersTable {
  topic_id: number;
  voter_user_id: number;
}

export interface DeliberationBallotsTable {
  id: string;
  topic_id: number;
  choice: string;
}

// psychological referrals (issue 15 §3): src/db/migrations/0019_psych.sql
export interface PsychReferralsTable {
  id: Generated<number>;
  number: string;
  county_code: string;
  state: string;
  risk_level: string;
  consent: boolean;
  needs_attention: boolean;
  source: string;
  case_id: number | null;
  dispute_id: number | null;
  referring_org_id: number;
  referred_by_user_id: number | null;
  counselling_org_id: number;
  town_id: number | null;
  notified_org_ids: Generated<number[]>;
  person_name: string | null;
  person_phone: string | null;
  person_id_number: string | null;
  concern: string | null;
  place_org_id: number | null;
  acknowledged_at: Timestamp | null;
  sessions: Generated<number>;
  follow_ups: Generated<number>;
  outcome: string | null;
  closed_at: Timestamp | null;
  ack_task_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PsychEventsTable {
  referral_id: number;
  version: number;
  type: string;
  at: Timestamp;
  from_state: string | null;
  to_state: string;
  actor_user_id: number | null;
  actor_org_id: number | null;
  note: string | null;
  details: Json<Record<string, unknown>>;
}

export interface PsychCountersTable {
  county_code: string;
  year: number;
  last: number;
}

// video events (issue 14 §3): src/db/migrations/0024_video_events.sql
export interface VideoCamerasTable {
  id: Generated<number>;
  county_code: string;
  code: string;
  name: string;
  lat: number;
  lng: number;
  grid_id: number;
  platform: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VideoEventsTable {
  id: Generated<number>;
  county_code: string;
  event_id: string;
  camera_id: number;
  type: string;
  lat: number;
  lng: number;
  grid_id: number;
  detected_at: Timestamp;
  received_at: Timestamp;
  confidence: number;
  snapshot_id: string;
  api_key_id: number | null;
  case_id: number;
  opened_case: boolean;
}

export interface VideoSettingsTable {
  county_code: string;
  window_minutes: number;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: number | null;
}

// grid base data (issue 14 §1): src/db/migrations/0022_grid_data.sql
// party organisation along the grid (issue 21 §1–§3)
export type PartyLevelColumn =
  | 'town_committee'
  | 'village_committee'
  | 'grid_branch'
  | 'building_group'
  | 'member_household';

export interface PartyOrgsTable {
  id: Generated<number>;
  county_code: string;
  level: PartyLevelColumn;
  name: string;
  parent_id: number | null;
  town_id: number;
  village_id: number | null;
  grid_id: number | null;
  org_id: number | null;
  compound: string | null;
  buildings: Generated<string[]>;
  household_record_id: number | null;
  linked_household_ids: Generated<number[]>;
  secretary_member_id: number | null;
  duties: Generated<string>;
  office_phone: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartyMembersTable {
  id: Generated<number>;
  county_code: string;
  town_id: number;
  village_id: number | null;
  party_org_id: number;
  name: string;
  phone: string | null;
  joined_on: ColumnType<string | null, string | null | undefined, string | null>;
  duty: Generated<string>;
  user_id: number | null;
  in_service: Generated<boolean>;
  work_unit: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartyCommitteeMembersTable {
  id: Generated<number>;
  county_code: string;
  town_id: number;
  village_id: number;
  unit_org_id: number | null;
  unit_name: string;
  person_name: string;
  post: string;
  term_start: ColumnType<string, string, string>;
  term_end: ColumnType<string, string, string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FirstSecretariesTable {
  id: Generated<number>;
  county_code: string;
  town_id: number;
  village_id: number;
  sending_org_id: number;
  name: string;
  phone: string | null;
  user_id: number | null;
  term_start: ColumnType<string, string, string>;
  term_end: ColumnType<string, string, string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FirstSecretaryDaysTable {
  secretary_id: number;
  day: ColumnType<string, string, string>;
  source: 'phone' | 'village';
  note: Generated<string>;
  recorded_by_user_id: number | null;
  created_at: Timestamp;
}

export interface GridDataTagsTable {
  name: string;
  sensitive: Generated<boolean>;
  active: Generated<boolean>;
  sort: Generated<number>;
}

export interface GridRecordsTable {
  id: Generated<number>;
  kind: 'person' | 'household' | 'place' | 'thing' | 'organisation';
  county_code: string;
  town_id: number | null;
  village_id: number;
  grid_id: number;
  natural_key: string;
  name: string;
  category: string | null;
  tags: Generated<string[]>;
  attrs: ColumnType<Record<string, unknown>, string | undefined, string>;
  id_cipher: string | null;
  id_index: string | null;
  id_masked: string | null;
  phone_cipher: string | null;
  phone_index: string | null;
  phone_masked: string | null;
  household_id: number | null;
  lat: number | null;
  lng: number | null;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  duplicate: Generated<boolean>;
  archived: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GridRecordChangesTable {
  id: Generated<number>;
  record_id: number;
  action: 'create' | 'edit' | 'archive' | 'restore' | 'import';
  at: Timestamp;
  actor_user_id: number | null;
  actor_org_id: number | null;
  changes: Json<unknown[]>;
}

export interface GridDataImportsTable {
  id: Generated<number>;
  kind: string;
  county_code: string;
  org_id: number;
  user_id: number | null;
  file_name: string;
  dry_run: boolean;
  status: 'checking' | 'writing' | 'done' | 'refused' | 'failed';
  total: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  error_count: Generated<number>;
  errors: ColumnType<unknown[], string | undefined, string>;
  message: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface CaseSubjectsTable {
  case_id: number;
  record_id: number;
  created_by: number | null;
  created_at: Timestamp;
}

// 双报到 and 物业亮星 (issue 21 §2–3; src/db/migrations/0031_party_service.sql)
export interface PartyServiceUnitsTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  org_id: number | null;
  name: string;
  contact_name: Generated<string>;
  contact_phone: Generated<string>;
  state: 'pending' | 'confirmed' | 'declined';
  registered_by_user_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartyServiceMembersTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  unit_name: string;
  unit_id: number | null;
  user_id: number | null;
  name: string;
  phone: Generated<string>;
  branch: Generated<string>;
  state: 'pending' | 'confirmed' | 'declined';
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartyNeedsTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  kind: 'wish' | 'project' | 'activity';
  title: string;
  description: Generated<string>;
  beneficiary: Generated<string>;
  due_on: string;
  state: 'published' | 'claimed' | 'done' | 'rated' | 'cancelled';
  claimer_kind: 'member' | 'unit' | null;
  member_id: number | null;
  unit_id: number | null;
  claimer_name: string | null;
  unit_name: string | null;
  claimed_by_user_id: number | null;
  claimed_at: Timestamp | null;
  task_id: number | null;
  hours: number | null;
  result: string | null;
  done_at: Timestamp | null;
  rating: number | null;
  rating_comment: string | null;
  rated_by_user_id: number | null;
  rated_at: Timestamp | null;
  cancel_reason: string | null;
  created_by_user_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PartyServiceReportsTable {
  id: Generated<number>;
  county_code: string;
  year: number;
  unit_name: string;
  unit_org_id: number | null;
  figures: Json<Record<string, unknown>>;
  issued_by_user_id: number | null;
  issued_at: Timestamp;
}

export interface PropertyCompaniesTable {
  id: Generated<number>;
  county_code: string;
  name: string;
  contact_name: Generated<string>;
  phone: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PropertyCompoundsTable {
  id: Generated<number>;
  county_code: string;
  village_id: number;
  company_id: number;
  name: string;
  grid_ids: number[];
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PropertyCaseLinksTable {
  compound_id: number;
  case_id: number;
  linked_by_user_id: number | null;
  linked_at: Timestamp;
}

export interface PropertyResidentRatingsTable {
  id: Generated<number>;
  compound_id: number;
  user_id: number;
  month: string;
  stars: number;
  comment: Generated<string>;
  created_at: Timestamp;
}

export interface PropertyStarRatingsTable {
  compound_id: number;
  month: string;
  company_id: number;
  metrics: Json<Record<string, unknown>>;
  score: number | null;
  stars: number | null;
  computed_at: Timestamp;
}

// public showcase (issue 17 §3): typical cases and news posts (0029_public_showcase.sql)
export interface ShowcaseCasesTable {
  id: Generated<number>;
  county_code: string;
  case_id: number;
  town_id: number | null;
  village_id: number | null;
  category_name: string | null;
  title: string;
  body: string;
  approved_title: string | null;
  approved_body: string | null;
  state: string;
  author_id: number;
  author_org_id: number | null;
  last_editor_id: number;
  reviewer_id: number | null;
  review_note: string | null;
  submitted_at: Timestamp | null;
  reviewed_at: Timestamp | null;
  published_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ShowcaseNewsTable {
  id: Generated<number>;
  county_code: string;
  title: string;
  body: string;
  cover_attachment_id: string | null;
  state: string;
  author_id: number;
  author_org_id: number | null;
  published_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// public-opinion surveys (issue 21 §4): src/db/migrations/0032_surveys.sql
export interface SurveyRoundsTable {
  id: Generated<number>;
  county_code: string;
  title: string;
  kind: string;
  questionnaire: Json<unknown>;
  quotas: Json<unknown>;
  seed: number | null;
  draw_outcome: Json<unknown> | null;
  state: string;
  opened_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_by_user_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveySamplesTable {
  id: Generated<number>;
  round_id: number;
  county_code: string;
  town_id: number;
  village_id: number;
  source: 'citizen' | 'grid';
  user_id: number | null;
  grid_record_id: number | null;
  name_masked: string;
  phone_masked: string;
  token: string;
  state: Generated<string>;
  call_attempts: Generated<number>;
  last_call_at: Timestamp | null;
  claimed_by: number | null;
  claimed_until: Timestamp | null;
  sms_sent_at: Timestamp | null;
  version: Generated<number>;
}

export interface SurveyAnswersTable {
  sample_id: number;
  round_id: number;
  county_code: string;
  town_id: number;
  village_id: number;
  channel: string;
  answers: Json<Record<string, unknown>>;
  recorded_by_user_id: number | null;
  answered_at: Timestamp;
}

export interface SurveyCallsTable {
  id: Generated<number>;
  sample_id: number;
  round_id: number;
  outcome: string;
  note: Generated<string>;
  caller_user_id: number | null;
  at: Timestamp;
}

// convenience services (issue 17 §2): src/db/migrations/0028_service_items.sql
export interface ServiceStationsTable {
  id: Generated<number>;
  county_code: string;
  org_id: number;
  kind: string;
  name: string;
  address: Generated<string>;
  phone: Generated<string>;
  hours: Generated<string>;
  staff: Json<unknown[]>;
  lat: number;
  lng: number;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServiceItemsTable {
  id: Generated<number>;
  county_code: string;
  /** null: the county's template */
  station_id: number | null;
  template_item_id: number | null;
  template_version: number | null;
  kind: string;
  category: string;
  name: string;
  department: Generated<string>;
  description: Generated<string>;
  materials: Generated<string[]>;
  legal_limit_days: number;
  levels: string[];
  agent: Generated<boolean>;
  chain_item_ids: Generated<number[]>;
  active: Generated<boolean>;
  sort: Generated<number>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServiceApplicationsTable {
  id: Generated<number>;
  number: string;
  county_code: string;
  station_id: number;
  org_id: number;
  item_id: number;
  item_name: string;
  department: Generated<string>;
  chain_item_id: number | null;
  bundle_number: string | null;
  chain_seq: number | null;
  mode: string;
  resident_name: string;
  resident_phone: Generated<string>;
  materials_required: Generated<string[]>;
  materials_received: Generated<string[]>;
  visits: Generated<number>;
  state: string;
  legal_limit_days: number;
  accepted_at: Timestamp;
  due_at: Timestamp;
  completed_at: Timestamp | null;
  on_time: boolean | null;
  result_note: Generated<string>;
  transferred_to: Generated<string>;
  task_id: number | null;
  created_by_user_id: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ServiceApplicationCountersTable {
  county_code: string;
  year: number;
  last: number;
}

// volunteers and social organisations (issue 17 §1; src/db/migrations/0027_volunteers_social_orgs.sql)
export interface VolunteersTable {
  id: Generated<number>;
  user_id: number;
  county_code: string | null;
  village_id: number | null;
  name: string;
  phone: string;
  skills: Generated<string[]>;
  intro: Generated<string>;
  service_minutes: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VolunteerTeamsTable {
  id: Generated<number>;
  county_code: string;
  org_id: number;
  social_org_id: number | null;
  name: string;
  leader_name: Generated<string>;
  intro: Generated<string>;
  open: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VolunteerTeamMembersTable {
  team_id: number;
  volunteer_id: number;
  joined_at: Timestamp;
}

export interface VolunteerActivitiesTable {
  id: Generated<number>;
  county_code: string;
  org_id: number;
  village_id: number | null;
  team_id: number | null;
  title: string;
  description: Generated<string>;
  place: string;
  lat: number | null;
  lng: number | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  capacity: number;
  signed_up: Generated<number>;
  skills: Generated<string[]>;
  state: string;
  cancel_reason: string | null;
  award_points: Generated<boolean>;
  source_kind: string | null;
  source_id: number | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VolunteerSignupsTable {
  id: Generated<number>;
  activity_id: number;
  volunteer_id: number;
  state: string;
  signed_at: Timestamp;
  cancelled_at: Timestamp | null;
  checked_in_at: Timestamp | null;
  checkin_lat: number | null;
  checkin_lng: number | null;
  checked_out_at: Timestamp | null;
  checkout_lat: number | null;
  checkout_lng: number | null;
  minutes: number | null;
  points_entry_id: number | null;
  points_note: string | null;
}

export interface SocialOrgsTable {
  id: Generated<number>;
  county_code: string;
  owner_org_id: number;
  org_id: number | null;
  name: string;
  type: string;
  registration_no: string;
  field: string;
  contact_name: string;
  contact_phone: string;
  rating: string;
  stage: string;
  intro: Generated<string>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SocialOrgSupportsTable {
  id: Generated<number>;
  social_org_id: number;
  stage: string;
  kind: string;
  description: string;
  amount: number | null;
  /** date 'YYYY-MM-DD' */
  given_on: string;
  given_by_org_id: number | null;
  created_at: Timestamp;
}

export interface SocialOrgProjectsTable {
  id: Generated<number>;
  county_code: string;
  social_org_id: number;
  purchaser_org_id: number;
  name: string;
  contract_no: string;
  budget: number;
  /** date 'YYYY-MM-DD' */
  starts_on: string;
  ends_on: string;
  state: string;
  evaluation_score: number | null;
  evaluation_grade: string | null;
  evaluation_note: string | null;
  evaluated_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SocialOrgDeliverablesTable {
  id: Generated<number>;
  project_id: number;
  title: string;
  /** date 'YYYY-MM-DD' */
  due_date: string;
  task_id: number | null;
  sort: Generated<number>;
}

// 智能分类 · 智能派单 (issue 19; src/db/migrations/0041_intelligence.sql)
export interface CaseSuggestionsTable {
  case_id: number;
  county_code: string;
  channel: string;
  status: Generated<string>;
  category_id: number | null;
  category_name: string | null;
  level1_name: string | null;
  confidence: number | null;
  scores: ColumnType<unknown, string | undefined, string>;
  proposed_org_id: number | null;
  auto_dispatched: Generated<boolean>;
  auto_reason: string | null;
  return_count: Generated<number>;
  final_category_id: number | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CaseLocationsTable {
  case_id: number;
  county_code: string;
  status: Generated<string>;
  address: string;
  place_key: string | null;
  place_kind: string | null;
  place_name: string | null;
  grid_id: number | null;
  village_id: number | null;
  town_id: number | null;
  lat: number | null;
  lng: number | null;
  confidence: number | null;
  matched: ColumnType<unknown, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A citizen's request to delete their personal data (issue 18, PIPL; 0043): pending until every case is finished. */
export interface PrivacyErasuresTable {
  id: Generated<number>;
  user_id: number;
  requested_at: Timestamp;
  completed_at: Timestamp | null;
  cases_anonymised: Generated<number>;
}

export interface IntelligenceWarningsTable {
  key: string;
  county_code: string;
  kind: string;
  title: string;
  case_ids: number[];
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface IntelligenceSettingsTable {
  county_code: string;
  auto_dispatch: Generated<boolean>;
  threshold: Generated<number>;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// 每月一题 · 未诉先办 (issue 19, migration 0044)
export interface GovernanceTopicsTable {
  id: Generated<number>;
  county_code: string;
  area_org_id: number;
  month: string;
  proposal_key: string;
  title: string;
  description: Generated<string>;
  lead_org_id: number;
  signature: Json<unknown>;
  baseline: Json<unknown>;
  case_ids: Generated<number[]>;
  state: Generated<string>;
  unit_ids: Generated<number[]>;
  adopted_by_user_id: number | null;
  adopted_by_org_id: number | null;
  adopted_at: Timestamp;
  closed_at: Timestamp | null;
  close_note: string | null;
  version: Generated<number>;
}

export interface DB {
  orgs: OrgsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_codes: LoginCodesTable;
  rate_limits: RateLimitsTable; // security hardening (issue 18)
  api_keys: ApiKeysTable;
  categories: CategoriesTable;
  calendar_days: CalendarDaysTable;
  clock_state: ClockStateTable;
  audit_log: AuditLogTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_deadlines: CaseDeadlinesTable;
  case_assignments: CaseAssignmentsTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  time_limit_rules: TimeLimitRulesTable;
  routing_rules: RoutingRulesTable;
  consumer_cursors: ConsumerCursorsTable;
  settings: SettingsTable;
  rollup_case_day: RollupCaseDayTable;
  rollup_unit_day: RollupUnitDayTable;
  rollup_area_day: RollupAreaDayTable;
  rollup_duration_day: RollupDurationDayTable;
  rollup_area_now: RollupAreaNowTable;
  attachments: AttachmentsTable;
  hotline_signing_secrets: HotlineSigningSecretsTable;
  hotline_category_map: HotlineCategoryMapTable;
  hotline_order_revisions: HotlineOrderRevisionsTable;
  hotline_imports: HotlineImportsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  patrols: PatrolsTable;
  patrol_points: PatrolPointsTable;
  // small-power list (issue 16 §3)
  power_items: PowerItemsTable;
  power_exercises: PowerExercisesTable;
  power_exercise_steps: PowerExerciseStepsTable;
  power_exercise_events: PowerExerciseEventsTable;
  power_exercise_counters: PowerExerciseCountersTable;
  assessment_facts: AssessmentFactsTable;
  assessment_links: AssessmentLinksTable;
  assessment_weights: AssessmentWeightsTable;
  assessment_periods: AssessmentPeriodsTable;
  assessment_ratings: AssessmentRatingsTable;
  // co-governance (issue 13): tasks
  tasks: TasksTable;
  task_events: TaskEventsTable;
  task_deadlines: TaskDeadlinesTable;
  // co-governance (issue 13): joint meetings
  meeting_kinds: MeetingKindsTable;
  meetings: MeetingsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_items: MeetingItemsTable;
  meeting_decisions: MeetingDecisionsTable;
  meeting_events: MeetingEventsTable;
  // co-governance (issue 13): work teams and breakthrough projects
  work_teams: WorkTeamsTable;
  work_team_units: WorkTeamUnitsTable;
  work_team_members: WorkTeamMembersTable;
  work_team_reports: WorkTeamReportsTable;
  projects: ProjectsTable;
  project_indicators: ProjectIndicatorsTable;
  project_milestones: ProjectMilestonesTable;
  project_reports: ProjectReportsTable;
  record_events: RecordEventsTable;
  // disputes (issue 15)
  dispute_types: DisputeTypesTable;
  disputes: DisputesTable;
  dispute_events: DisputeEventsTable;
  dispute_deadlines: DisputeDeadlinesTable;
  dispute_agreement_counters: DisputeAgreementCountersTable;
  // psychological referrals (issue 15 §3)
  psych_referrals: PsychReferralsTable;
  psych_events: PsychEventsTable;
  psych_counters: PsychCountersTable;
  // deliberation (issue 16 §2)
  deliberation_stations: DeliberationStationsTable;
  deliberation_members: DeliberationMembersTable;
  deliberation_topics: DeliberationTopicsTable;
  deliberation_events: DeliberationEventsTable;
  deliberation_comments: DeliberationCommentsTable;
  deliberation_voters: DeliberationVotersTable;
  deliberation_ballots: DeliberationBallotsTable;
  // video events (issue 14 §3)
  video_cameras: VideoCamerasTable;
  video_events: VideoEventsTable;
  video_settings: VideoSettingsTable;
  // grid base data (issue 14 §1)
  grid_data_tags: GridDataTagsTable;
  grid_records: GridRecordsTable;
  grid_record_changes: GridRecordChangesTable;
  grid_data_imports: GridDataImportsTable;
  case_subjects: CaseSubjectsTable;
  // party organisation along the grid (issue 21 §1–§3)
  party_orgs: PartyOrgsTable;
  party_members: PartyMembersTable;
  party_committee_members: PartyCommitteeMembersTable;
  first_secretaries: FirstSecretariesTable;
  first_secretary_days: FirstSecretaryDaysTable;
  // civility points (issue 16)
  points_settings: PointsSettingsTable;
  points_rules: PointsRulesTable;
  points_households: PointsHouseholdsTable;
  points_requests: PointsRequestsTable;
  points_items: PointsItemsTable;
  points_redemptions: PointsRedemptionsTable;
  points_entries: PointsEntriesTable;
  points_objections: PointsObjectionsTable;
  points_credit_households: PointsCreditHouseholdsTable;
  // legal advisers (issue 15 §2)
  legal_advisers: LegalAdvisersTable;
  legal_assignments: LegalAssignmentsTable;
  legal_entries: LegalEntriesTable;
  legal_events: LegalEventsTable;
  // screenings (issue 14 §2)
  screening_settings: ScreeningSettingsTable;
  screening_tasks: ScreeningTasksTable;
  screening_records: ScreeningRecordsTable;
  screening_findings: ScreeningFindingsTable;
  // volunteers and social organisations (issue 17 §1)
  volunteers: VolunteersTable;
  volunteer_teams: VolunteerTeamsTable;
  volunteer_team_members: VolunteerTeamMembersTable;
  volunteer_activities: VolunteerActivitiesTable;
  volunteer_signups: VolunteerSignupsTable;
  social_orgs: SocialOrgsTable;
  social_org_supports: SocialOrgSupportsTable;
  social_org_projects: SocialOrgProjectsTable;
  social_org_deliverables: SocialOrgDeliverablesTable;
  // 双报到 and 物业亮星 (issue 21 §2–3)
  party_service_units: PartyServiceUnitsTable;
  party_service_members: PartyServiceMembersTable;
  party_needs: PartyNeedsTable;
  party_service_reports: PartyServiceReportsTable;
  property_companies: PropertyCompaniesTable;
  property_compounds: PropertyCompoundsTable;
  property_case_links: PropertyCaseLinksTable;
  property_resident_ratings: PropertyResidentRatingsTable;
  property_star_ratings: PropertyStarRatingsTable;
  // public showcase (issue 17 §3)
  showcase_cases: ShowcaseCasesTable;
  showcase_news: ShowcaseNewsTable;
  // public-opinion surveys (issue 21 §4)
  survey_rounds: SurveyRoundsTable;
  survey_samples: SurveySamplesTable;
  survey_answers: SurveyAnswersTable;
  survey_calls: SurveyCallsTable;
  // convenience services (issue 17 §2)
  service_stations: ServiceStationsTable;
  service_items: ServiceItemsTable;
  service_applications: ServiceApplicationsTable;
  service_application_counters: ServiceApplicationCountersTable;
  // 智能分类 · 智能派单 (issue 19)
  case_suggestions: CaseSuggestionsTable;
  intelligence_settings: IntelligenceSettingsTable;
  case_locations: CaseLocationsTable;
  intelligence_warnings: IntelligenceWarningsTable;
  governance_topics: GovernanceTopicsTable; // 每月一题 (issue 19)
  privacy_erasures: PrivacyErasuresTable; // personal data (issue 18, PIPL)
}

export type Org = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
export type OrgUpdate = Updateable<OrgsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Category = Selectable<CategoriesTable>;
export type Case = Selectable<CasesTable>;
