// A unit organises a volunteer activity: its organiser is a unit of the principal's subtree (their own by
// default), the village it serves one of that subtree (the organiser itself when it is a village); it may be
// asked for by a case, task or dispute the principal sees (source), and run by one of the organiser's teams.
// It starts as a draft, or published at once (报名中). Row, history, audit and outbox commit together.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { type ActivityInput, checkActivity } from '../../domain/volunteer/index.js';
import type { Principal } from '../auth/principal.js';
import { assertCaseVisible } from '../cases/index.js';
import { disputesVisibleTo } from '../disputes/index.js';
import { tasksVisibleTo } from '../tasks/index.js';
import { inTransaction, type VolunteerDeps } from './volunteer-deps.js';
import { decided } from './volunteer-errors.js';
import { requireOwnUnit } from './volunteer-scope.js';
import { writeActivityChange } from './volunteer-store.js';

export const ACTIVITY_SOURCES = ['case', 'task', 'dispute'] as const;
export type ActivitySourceKind = (typeof ACTIVITY_SOURCES)[number];

export interface CreateActivityInput extends ActivityInput {
  orgId?: number;
  villageId?: number | null;
  teamId?: number | null;
  awardPoints?: boolean;
  publish?: boolean;
  source?: { kind: ActivitySourceKind; id: number } | null;
}

/** The case, task or dispute asking for volunteers must be one the principal sees (else its own 404). */
async function checkSource(
  trx: Transaction<DB>,
  principal: Principal,
  source: { kind: ActivitySourceKind; id: number },
) {
  if (source.kind === 'case') return assertCaseVisible(trx, source.id, principal);
  if (source.kind === 'task') {
    const task = await trx
      .selectFrom('tasks')
      .select('id')
      .where('id', '=', source.id)
      .where(tasksVisibleTo(principal))
      .executeTakeFirst();
    if (!task) throw new AppError('TASK_NOT_FOUND', { details: { taskId: source.id } });
    return;
  }
  const dispute = await trx
    .selectFrom('disputes')
    .select('id')
    .where('id', '=', source.id)
    .where(disputesVisibleTo(principal))
    .executeTakeFirst();
  if (!dispute) throw new AppError('DISPUTE_NOT_FOUND', { details: { disputeId: source.id } });
}

export async function createActivity(
  deps: VolunteerDeps,
  principal: Principal,
  input: CreateActivityInput,
): Promise<{ id: number }> {
  const fields = decided(checkActivity(input));
  const orgId = input.orgId ?? principal.orgId;
  if (orgId === null) throw new AppError('FORBIDDEN');
  requireOwnUnit(principal, orgId);
  const now = deps.clock.now();
  if (fields.startsAt.getTime() <= now.getTime() && input.publish) {
    throw new AppError('VALIDATION_FAILED', {
      message: '开始时间须晚于现在才能发布报名',
      details: { field: 'startsAt' },
    });
  }
  return inTransaction(deps.db, async (trx) => {
    const org = await trx
      .selectFrom('orgs')
      .select(['kind', 'county_code'])
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
    let villageId = input.villageId ?? null;
    if (org.kind === 'village') villageId = orgId;
    if (villageId !== null && villageId !== orgId) {
      const village = await trx.selectFrom('orgs').select(['kind']).where('id', '=', villageId).executeTakeFirst();
      if (village?.kind !== 'village' || !principal.scopeOrgIds.includes(villageId)) {
        throw new AppError('VALIDATION_FAILED', {
          message: '服务的村（社区）不在本单位辖区内',
          details: { field: 'villageId' },
        });
      }
    }
    if (input.teamId) {
      const team = await trx
        .selectFrom('volunteer_teams')
        .select(['org_id'])
        .where('id', '=', input.teamId)
        .executeTakeFirst();
      if (!team || !principal.scopeOrgIds.includes(team.org_id)) {
        throw new AppError('VOLUNTEER_TEAM_NOT_FOUND', { details: { teamId: input.teamId } });
      }
    }
    if (input.source) await checkSource(trx, principal, input.source);
    const state = input.publish ? 'open' : 'draft';
    const { id } = await trx
      .insertInto('volunteer_activities')
      .values({
        county_code: org.county_code,
        org_id: orgId,
        village_id: villageId,
        team_id: input.teamId ?? null,
        title: fields.title,
        description: fields.description,
        place: fields.place,
        lat: fields.lat,
        lng: fields.lng,
        starts_at: fields.startsAt,
        ends_at: fields.endsAt,
        capacity: fields.capacity,
        skills: fields.skills,
        state,
        award_points: input.awardPoints ?? true,
        source_kind: input.source?.kind ?? null,
        source_id: input.source?.id ?? null,
        created_by: principal.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeActivityChange(trx, deps.audit, principal, {
      activityId: id,
      villageId,
      version: 1,
      type: 'create',
      state,
      at: now,
      details: { title: fields.title, capacity: fields.capacity, source: input.source ?? null },
    });
    return { id };
  });
}
