// Assigns an adviser to a village with the commitment (hours on site per month, 普法 lectures per quarter), or
// ends an assignment. A village has one adviser in force: a new assignment ends the current one the day
// before it starts (更换顾问), so the history of who served the village, and what was promised, is kept and
// the month's commitment is computed from it pro rata. The county platform or 司法局 decides; each change is one
// transaction with its history, audit and outbox entries, an ending guarded by the version.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { parseDayKey } from '../../domain/calendar/china-time.js';
import type { Principal } from '../auth/principal.js';
import type { LegalDeps } from './legal-deps.js';
import { requireCountyManager } from './legal-scope.js';
import { inTransaction, writeLegalChange } from './legal-store.js';

export interface AssignmentInput {
  adviserId: number;
  villageId: number;
  hoursPerMonth: number;
  lecturesPerQuarter?: number;
  /** 'YYYY-MM-DD' */
  startedOn: string;
  note?: string | null;
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

function requireDay(day: string, field: string): void {
  if (parseDayKey(day) === undefined) {
    throw new AppError('VALIDATION_FAILED', { message: '日期格式不正确', details: { field } });
  }
}

export async function assignAdviser(
  deps: LegalDeps,
  input: AssignmentInput,
  principal: Principal,
  trx?: Transaction<DB>,
): Promise<number> {
  const { db } = deps;
  const reach = await requireCountyManager(db, principal);
  requireDay(input.startedOn, 'startedOn');
  const adviser = await db
    .selectFrom('legal_advisers')
    .select(['id', 'name', 'firm_org_id', 'active'])
    .where('id', '=', input.adviserId)
    .where('county_code', '=', reach.countyCode)
    .executeTakeFirst();
  if (!adviser) throw new AppError('LEGAL_ADVISER_NOT_FOUND', { details: { field: 'adviserId' } });
  if (!adviser.active) throw new AppError('LEGAL_ADVISER_INACTIVE', { details: { adviserId: adviser.id } });
  const village = await db
    .selectFrom('orgs')
    .select(['id', 'name', 'parent_id'])
    .where('id', '=', input.villageId)
    .where('kind', '=', 'village')
    .where('county_code', '=', reach.countyCode)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!village) throw new AppError('ORG_NOT_FOUND', { details: { field: 'villageId', villageId: input.villageId } });
  const now = deps.clock.now();

  return inTransaction(deps.db, trx, async (trx) => {
    const current = await trx
      .selectFrom('legal_assignments')
      .select(['id', 'adviser_id', 'started_on', 'version'])
      .where('village_id', '=', village.id)
      .where('ended_on', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (current) {
      if (current.started_on >= input.startedOn) {
        throw new AppError('VALIDATION_FAILED', {
          message: `该村（社区）现任顾问自 ${current.started_on} 起受聘，新聘任的开始日期应晚于该日`,
          details: { field: 'startedOn', currentStartedOn: current.started_on },
        });
      }
      const endedOn = dayBefore(input.startedOn);
      await trx
        .updateTable('legal_assignments')
        .set({ ended_on: endedOn, version: current.version + 1, updated_at: now })
        .where('id', '=', current.id)
        .execute();
      await writeLegalChange(trx, deps.audit, principal, {
        recordType: 'assignment',
        id: Number(current.id),
        type: 'handover',
        version: current.version + 1,
        at: now,
        details: { villageId: village.id, endedOn, adviserId: current.adviser_id, nextAdviserId: adviser.id },
      });
    }
    const { id } = await trx
      .insertInto('legal_assignments')
      .values({
        county_code: reach.countyCode,
        adviser_id: adviser.id,
        firm_org_id: adviser.firm_org_id,
        village_id: village.id,
        town_id: village.parent_id,
        hours_per_month: input.hoursPerMonth,
        lectures_per_quarter: input.lecturesPerQuarter ?? 0,
        started_on: input.startedOn,
        note: input.note?.trim() || null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeLegalChange(trx, deps.audit, principal, {
      recordType: 'assignment',
      id: Number(id),
      type: 'create',
      version: 1,
      at: now,
      details: {
        villageId: village.id,
        adviserId: adviser.id,
        hoursPerMonth: input.hoursPerMonth,
        lecturesPerQuarter: input.lecturesPerQuarter ?? 0,
        startedOn: input.startedOn,
      },
    });
    return Number(id);
  });
}

export async function endAssignment(
  deps: LegalDeps,
  id: number,
  input: { version: number; endedOn: string; reason?: string | null },
  principal: Principal,
): Promise<void> {
  const { db } = deps;
  const reach = await requireCountyManager(db, principal);
  requireDay(input.endedOn, 'endedOn');
  const row = await db
    .selectFrom('legal_assignments')
    .selectAll()
    .where('id', '=', id)
    .where('county_code', '=', reach.countyCode)
    .executeTakeFirst();
  if (!row) throw new AppError('LEGAL_ASSIGNMENT_NOT_FOUND', { details: { assignmentId: id } });
  if (row.ended_on !== null) {
    throw new AppError('CONFLICT', { message: `该聘任已于 ${row.ended_on} 结束`, details: { endedOn: row.ended_on } });
  }
  if (input.endedOn < dayBefore(row.started_on)) {
    throw new AppError('VALIDATION_FAILED', {
      message: `解聘日期不能早于聘任开始日期 ${row.started_on}`,
      details: { field: 'endedOn' },
    });
  }
  const later = await db
    .selectFrom('legal_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assignment_id', '=', id)
    .where('voided', '=', false)
    .where('occurred_on', '>', input.endedOn)
    .executeTakeFirstOrThrow();
  if (Number(later.n) > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: `已有 ${Number(later.n)} 条服务记录晚于该解聘日期，请选择更晚的日期`,
      details: { field: 'endedOn', later: Number(later.n) },
    });
  }
  const now = deps.clock.now();
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('legal_assignments')
      .set({ ended_on: input.endedOn, version: input.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('LEGAL_VERSION_CONFLICT', { details: { assignmentId: id, yourVersion: input.version } });
    }
    await writeLegalChange(trx, deps.audit, principal, {
      recordType: 'assignment',
      id,
      type: 'end',
      version: input.version + 1,
      at: now,
      details: { villageId: row.village_id, endedOn: input.endedOn, reason: input.reason?.trim() || null },
    });
  });
}
