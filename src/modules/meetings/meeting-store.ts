// Loading a meeting for a change and committing the change: every verb of this module loads the meeting
// within the principal's scope (outside it the meeting does not exist), checks the principal organises it,
// the version the caller saw and the state, and then writes its rows with ONE history entry, the version bump
// and the audit entry in the same transaction.
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Clock } from '../../core/clock.js';
import { AppError, type ErrorCode } from '../../core/errors.js';
import type { DB, MeetingsTable } from '../../db/schema.js';
import {
  checkMeetingAction,
  type MeetingAction,
  type MeetingRuleError,
  type MeetingState,
} from '../../domain/meeting/index.js';
import type { AnalysisService } from '../analysis/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseService } from '../cases/index.js';
import type { DisputeQueries } from '../disputes/dispute-queries.js';
import type { TaskService } from '../tasks/index.js';
import { meetingsVisibleTo, organisesWithin } from './meeting-scope.js';

export type MeetingRow = Selectable<MeetingsTable>;
type Db = Kysely<DB> | Transaction<DB>;

/** What the meeting verbs use. */
export interface MeetingDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  tasks: TaskService;
  cases: CaseService;
  analysis: Pick<AnalysisService, 'hotspots'>;
  /** The dispute register's 重大 disputes of a month (issue 15). */
  disputes: Pick<DisputeQueries, 'majorOfMonth'>;
}

export function ruleToAppError(error: MeetingRuleError): AppError {
  const code: ErrorCode = error.code === 'VALIDATION' ? 'VALIDATION_FAILED' : error.code;
  return new AppError(code, { message: error.message, details: error.details });
}

export function invalid(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION_FAILED', { message, details });
}

export async function loadMeeting(db: Db, id: number, principal: Principal, lock = false): Promise<MeetingRow> {
  let query = db.selectFrom('meetings').selectAll().where('meetings.id', '=', id).where(meetingsVisibleTo(principal));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('MEETING_NOT_FOUND', { details: { meetingId: id } });
  return row;
}

/** A member unit sees the meeting; only the organising unit's subtree manages it. */
export function requireOrganiser(principal: Principal, meeting: { organiser_org_id: number }): void {
  if (!organisesWithin(principal, meeting.organiser_org_id)) {
    throw new AppError('FORBIDDEN', {
      message: '只有会议的组织单位可以修改会议及其记录',
      details: { organiserOrgId: meeting.organiser_org_id },
    });
  }
}

export function requireVersion(meeting: MeetingRow, expected: number): void {
  if (meeting.version !== expected) {
    throw new AppError('CONFLICT', {
      message: '会议已被他人修改，请刷新后查看最新内容再操作',
      details: {
        meetingId: meeting.id,
        current: { version: meeting.version, state: meeting.state },
        yourVersion: expected,
      },
    });
  }
}

export function requireAction(meeting: MeetingRow, action: MeetingAction): void {
  const refused = checkMeetingAction(meeting.state as MeetingState, action);
  if (refused) throw ruleToAppError(refused);
}

/** Locks the meeting for a change by its organiser at the version the caller saw, in a state that allows it. */
export async function meetingForChange(
  trx: Transaction<DB>,
  id: number,
  principal: Principal,
  expectedVersion: number,
  action: MeetingAction,
): Promise<MeetingRow> {
  const meeting = await loadMeeting(trx, id, principal, true);
  requireOrganiser(principal, meeting);
  requireVersion(meeting, expectedVersion);
  requireAction(meeting, action);
  return meeting;
}

export interface MeetingChange {
  /** History and audit type ('agenda', 'attendance', 'decision' …). */
  type: string;
  details?: Record<string, unknown>;
  set?: Updateable<MeetingsTable>;
}

/** The version bump, the history entry and the audit entry of one change; returns the new version. */
export async function commitMeetingChange(
  trx: Transaction<DB>,
  deps: Pick<MeetingDeps, 'clock' | 'audit'>,
  principal: Principal,
  meeting: MeetingRow,
  change: MeetingChange,
): Promise<number> {
  const now = deps.clock.now();
  const updated = await trx
    .updateTable('meetings')
    .set({ ...change.set, version: meeting.version + 1, updated_at: now })
    .where('id', '=', meeting.id)
    .where('version', '=', meeting.version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) throw new AppError('CONFLICT', { details: { meetingId: meeting.id } });
  await recordMeetingEvent(trx, deps, principal, meeting.id, updated.version, change);
  return updated.version;
}

/** The history entry numbered by the meeting's version, and its audit entry. */
export async function recordMeetingEvent(
  trx: Transaction<DB>,
  deps: Pick<MeetingDeps, 'clock' | 'audit'>,
  principal: Principal,
  meetingId: number,
  version: number,
  change: Omit<MeetingChange, 'set'>,
): Promise<void> {
  const details = change.details ?? {};
  await trx
    .insertInto('meeting_events')
    .values({
      meeting_id: meetingId,
      version,
      type: change.type,
      at: deps.clock.now(),
      actor_user_id: principal.userId,
      actor_org_id: principal.orgId,
      details: JSON.stringify(details),
    })
    .execute();
  await deps.audit.record(
    principal,
    { action: `meeting.${change.type}`, targetType: 'meeting', targetId: meetingId, details },
    trx,
  );
}

/** Active organisations of the county among `ids`; the ones missing are named in a 400. */
export async function requireUnits(db: Db, ids: readonly number[], countyCode: string, field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .selectFrom('orgs')
    .select('id')
    .where('id', 'in', [...ids])
    .where('county_code', '=', countyCode)
    .where('active', '=', true)
    .execute();
  const missing = ids.filter((id) => !found.some((o) => o.id === id));
  if (missing.length) {
    throw invalid('所选单位不存在、已停用或不属于本县，请重新选择', { field, orgIds: missing });
  }
}
