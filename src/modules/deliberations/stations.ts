// A village's deliberation stations and their members: created and configured by the village (or a level
// above), each change audited. The station's quorum and pass threshold apply to the topics raised after the
// change (a topic keeps the rule it was raised under).
import { AppError } from '../../core/errors.js';
import { checkVoteRule, STATION_KINDS, type StationKind } from '../../domain/deliberation/index.js';
import type { Principal } from '../auth/principal.js';
import { type DeliberationDeps, inTransaction } from './deliberation-deps.js';
import { decided } from './deliberation-errors.js';
import { type Db, inDeliberationScope, requireVillage } from './deliberation-scope.js';

export interface StationFields {
  kind: StationKind;
  name: string;
  description?: string;
  quorumPercent: number;
  passPercent: number;
  active?: boolean;
}

function checkFields(input: Partial<StationFields>) {
  if (input.kind !== undefined && !STATION_KINDS.includes(input.kind)) {
    throw new AppError('VALIDATION_FAILED', { message: '议事站类型不正确', details: { field: 'kind' } });
  }
  if (input.name !== undefined && !input.name.trim()) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写议事站名称', details: { field: 'name' } });
  }
}

/** A station the staff principal sees (optionally locked), or DELIBERATION_STATION_NOT_FOUND. */
export async function requireStation(db: Db, principal: Principal, id: number) {
  const row = await db
    .selectFrom('deliberation_stations as s')
    .selectAll()
    .where('s.id', '=', id)
    .where(inDeliberationScope(principal, 's'))
    .executeTakeFirst();
  if (!row) throw new AppError('DELIBERATION_STATION_NOT_FOUND', { details: { stationId: id } });
  return row;
}

async function nameTaken(db: Db, villageId: number, name: string, exceptId?: number) {
  let q = db
    .selectFrom('deliberation_stations')
    .select('id')
    .where('village_id', '=', villageId)
    .where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) {
    throw new AppError('DUPLICATE', { message: `本村已有名为“${name}”的议事站`, details: { field: 'name' } });
  }
}

export async function createStation(
  deps: DeliberationDeps,
  principal: Principal,
  villageId: number,
  input: StationFields,
): Promise<number> {
  checkFields(input);
  decided(checkVoteRule({ quorumPercent: input.quorumPercent, passPercent: input.passPercent }));
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const village = await requireVillage(trx, principal, villageId);
    const name = input.name.trim().slice(0, 50);
    await nameTaken(trx, village.id, name);
    const { id } = await trx
      .insertInto('deliberation_stations')
      .values({
        county_code: village.countyCode,
        village_id: village.id,
        kind: input.kind,
        name,
        description: (input.description ?? '').trim().slice(0, 1000),
        quorum_percent: input.quorumPercent,
        pass_percent: input.passPercent,
        active: input.active ?? true,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record(
      principal,
      { action: 'deliberation.station.create', targetType: 'deliberation_station', targetId: id, details: { name } },
      trx,
    );
    return Number(id);
  });
}

export async function updateStation(
  deps: DeliberationDeps,
  principal: Principal,
  id: number,
  input: Partial<StationFields> & { version: number },
): Promise<void> {
  checkFields(input);
  await inTransaction(deps.db, async (trx) => {
    const row = await requireStation(trx, principal, id);
    const rule = {
      quorumPercent: input.quorumPercent ?? row.quorum_percent,
      passPercent: input.passPercent ?? row.pass_percent,
    };
    decided(checkVoteRule(rule));
    const name = input.name?.trim().slice(0, 50);
    if (name) await nameTaken(trx, row.village_id, name, id);
    const updated = await trx
      .updateTable('deliberation_stations')
      .set({
        ...(input.kind ? { kind: input.kind } : {}),
        ...(name ? { name } : {}),
        ...(input.description !== undefined ? { description: input.description.trim().slice(0, 1000) } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        quorum_percent: rule.quorumPercent,
        pass_percent: rule.passPercent,
        version: row.version + 1,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('CONFLICT', { details: { stationId: id, current: { version: row.version } } });
    }
    await deps.audit.record(
      principal,
      {
        action: 'deliberation.station.update',
        targetType: 'deliberation_station',
        targetId: id,
        details: { ...input },
      },
      trx,
    );
  });
}

export interface MemberFields {
  name: string;
  title?: string;
  phone?: string | null;
}

export async function addMember(
  deps: DeliberationDeps,
  principal: Principal,
  stationId: number,
  input: MemberFields,
): Promise<number> {
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', { message: '请填写成员姓名', details: { field: 'name' } });
  const phone = input.phone?.trim() || null;
  if (phone && !/^1\d{10}$/.test(phone)) throw new AppError('INVALID_PHONE', { details: { field: 'phone' } });
  return inTransaction(deps.db, async (trx) => {
    await requireStation(trx, principal, stationId);
    const { id } = await trx
      .insertInto('deliberation_members')
      .values({
        station_id: stationId,
        name: name.slice(0, 50),
        title: (input.title ?? '').trim().slice(0, 50),
        phone,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record(
      principal,
      {
        action: 'deliberation.member.add',
        targetType: 'deliberation_station',
        targetId: stationId,
        details: { memberId: id },
      },
      trx,
    );
    return Number(id);
  });
}

export async function removeMember(deps: DeliberationDeps, principal: Principal, stationId: number, memberId: number) {
  await inTransaction(deps.db, async (trx) => {
    await requireStation(trx, principal, stationId);
    const updated = await trx
      .updateTable('deliberation_members')
      .set({ active: false })
      .where('id', '=', memberId)
      .where('station_id', '=', stationId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', { message: '议事站成员不存在' });
    await deps.audit.record(
      principal,
      {
        action: 'deliberation.member.remove',
        targetType: 'deliberation_station',
        targetId: stationId,
        details: { memberId },
      },
      trx,
    );
  });
}
