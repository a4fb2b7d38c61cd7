// The history of the co-governance records that keep one (工作专班, 突破项目): every change is written as a history
// entry and an audit entry in the changing transaction, and read back as the record's timeline. One table,
// record_events, keyed by the kind of record and its id.
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';

// One line per kind; the database no longer lists them (migration 0026).
export type RecordKind =
  | 'work_team'
  | 'volunteer_activity' // volunteer activities (issue 17 §1)
  | 'social_org' // social organisations: registry and incubation (issue 17 §1)
  | 'social_org_project' // purchased services of social organisations (issue 17 §1)
  | 'project'
  | 'showcase_case' // public showcase (issue 17 §3): a typical case's review
  | 'showcase_news' // public showcase (issue 17 §3): a news post
  | 'service_station' // convenience services (issue 17 §2): a station's hours, staff and place
  | 'service_item' // convenience services: an item of the county template or a station's list
  | 'service_application' // convenience services: an application (办件) and its result
  | 'survey_round' // public-opinion surveys (issue 21 §4)
  | 'party_org' // party organisation (issue 21 §1)
  | 'party_member' // party members (issue 21 §2)
  | 'party_committee_member' // the community's 大党委 (issue 21 §1)
  | 'first_secretary' // first secretaries (issue 21 §1)
  | 'party_need' // 双报到: a community's need (issue 21 §2)
  | 'party_service_unit' // 双报到: a unit's registration with a community
  | 'party_service_member' // 双报到: an in-service member's registration
  | 'property_compound' // 物业亮星: a compound and its ratings (issue 21 §3)
  | 'governance_topic'; // 每月一题: a problem of the month adopted as a topic (issue 19)

export interface HistoryEntry {
  type: string;
  label: string;
  at: string;
  actor: { userName: string | null; orgName: string | null };
  details: unknown;
}

export interface RecordChange {
  kind: RecordKind;
  id: number;
  /** What happened ('create', 'edit' …); the audit action is `${kind}.${type}`. */
  type: string;
  at: Date;
  details?: Record<string, unknown>;
}

/** Writes one change of a record: its history entry and its audit entry, in the caller's transaction. */
export async function recordChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: RecordChange,
): Promise<void> {
  const details = change.details ?? {};
  await trx
    .insertInto('record_events')
    .values({
      record_type: change.kind,
      record_id: change.id,
      type: change.type,
      at: change.at,
      actor_user_id: principal?.userId ?? null,
      actor_org_id: principal?.orgId ?? null,
      details: JSON.stringify(details),
    })
    .execute();
  await audit.record(
    principal,
    { action: `${change.kind}.${change.type}`, targetType: change.kind, targetId: change.id, details },
    trx,
  );
}

export interface RecordAnnouncement {
  /** The record's topic ('party.changed' …), registered in the outbox dispatcher's RECORD_TOPICS. */
  topic: string;
  /** What receivers deduplicate on, e.g. `<kind>:<id>:<version>`. */
  changeId: string;
  at: Date;
  payload: Record<string, unknown>;
  /** The outbox's own id column for the record, where it has one (tasks, disputes, psychological referrals). */
  idColumn?: { name: 'task_id' | 'dispute_id' | 'psych_referral_id'; id: number };
}

/** One outbox message of a record's change, in the changing transaction; the outbox dispatcher delivers it. */
export async function announceChange(trx: Transaction<DB>, a: RecordAnnouncement): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      topic: a.topic,
      case_id: null,
      ...(a.idColumn ? { [a.idColumn.name]: a.idColumn.id } : {}),
      payload: JSON.stringify({ changeId: a.changeId, ...a.payload, at: a.at.toISOString() }),
      created_at: a.at,
      available_at: a.at,
    })
    .execute();
}

/** The record's history, oldest first, each entry labelled for people. */
export async function historyOf(
  db: Kysely<DB>,
  kind: RecordKind,
  id: number,
  labels: Readonly<Record<string, string>>,
): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('record_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .leftJoin('orgs as o', 'o.id', 'e.actor_org_id')
    .select(['e.type', 'e.at', 'e.details', 'u.display_name', 'o.name as org_name'])
    .where('e.record_type', '=', kind)
    .where('e.record_id', '=', id)
    .orderBy('e.id')
    .execute();
  return rows.map((h) => ({
    type: h.type,
    label: labels[h.type] ?? h.type,
    at: new Date(h.at).toISOString(),
    actor: { userName: h.display_name, orgName: h.org_name },
    details: h.details,
  }));
}

/** A rule of the record broken by the input (the domain's answer): 400 with the rule's message and field. */
export function ruleError(error: { readonly field: string; readonly message: string }): AppError {
  return new AppError('VALIDATION_FAILED', { message: error.message, details: { field: error.field } });
}
