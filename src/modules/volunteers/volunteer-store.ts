// What every change of an activity writes besides its row, in the change's transaction: its history entry and
// audit entry (record_events, kind 'volunteer_activity') and one outbox message on 'volunteer.changed'
// (delivered to webhook subscriptions that list 'volunteers'; no phone or name of a volunteer in it).
import type { Kysely, Selectable, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, VolunteerActivitiesTable } from '../../db/schema.js';
import type { ActivityState } from '../../domain/volunteer/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import { announceChange, recordChange } from '../record-history/index.js';
import { inVolunteerScope } from './volunteer-scope.js';

export type ActivityRow = Selectable<VolunteerActivitiesTable>;
type Db = Kysely<DB> | Transaction<DB>;

export interface ActivityChange {
  activityId: number;
  villageId: number | null;
  version: number;
  type: string;
  state: ActivityState;
  at: Date;
  /** the sign-up a volunteer's change is about (its id makes the message's change id unique) */
  ref?: number;
  details?: Record<string, unknown>;
}

export const ACTIVITY_HISTORY_LABELS: Readonly<Record<string, string>> = {
  create: '创建活动',
  edit: '修改活动',
  publish: '发布报名',
  start: '开始活动',
  finish: '结束活动',
  cancel: '取消活动',
  sign_up: '志愿者报名',
  cancel_signup: '志愿者取消报名',
  check_in: '志愿者签到',
  check_out: '志愿者签退',
};

export async function writeActivityChange(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  change: ActivityChange,
): Promise<void> {
  await recordChange(trx, audit, principal, {
    kind: 'volunteer_activity',
    id: change.activityId,
    type: change.type,
    at: change.at,
    details: change.details,
  });
  await announceChange(trx, {
    topic: 'volunteer.changed',
    changeId: `volunteer:${change.activityId}:${change.version}:${change.type}:${change.ref ?? 0}`,
    at: change.at,
    payload: {
      activityId: change.activityId,
      villageId: change.villageId,
      version: change.version,
      type: change.type,
      state: change.state,
    },
  });
}

/** The activity, if the staff principal sees it (lock: FOR UPDATE); otherwise VOLUNTEER_ACTIVITY_NOT_FOUND. */
export async function loadActivity(
  db: Db,
  id: number,
  principal: Principal | null,
  lock = false,
): Promise<ActivityRow> {
  let query = db.selectFrom('volunteer_activities').selectAll().where('id', '=', id);
  if (principal) query = query.where(inVolunteerScope(principal, 'volunteer_activities', true));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('VOLUNTEER_ACTIVITY_NOT_FOUND', { details: { activityId: id } });
  return row;
}

/** The citizen's volunteer row, or VOLUNTEER_NOT_REGISTERED. */
export async function volunteerOfUser(db: Db, userId: number) {
  const row = await db.selectFrom('volunteers').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row?.active) throw new AppError('VOLUNTEER_NOT_REGISTERED');
  return row;
}
