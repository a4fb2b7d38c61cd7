// One action on a need — claim, record done, rate, cancel. Load the need within scope (locked), check the version
// the page saw, work out how the principal stands to it (its community, a level above, a confirmed registration
// with the community, its claimer), let the pure rules decide, then one transaction: the row, its history, audit
// and outbox entries, and the need's task — opened on the claim (owner: the community, due at the end of the due
// day, source 'party_need', so it shows and escalates as tasks do), completed when the community rates, cancelled
// with the need. Of two claiming at once the first wins; the second gets PARTY_NEED_VERSION_CONFLICT.
import type { Selectable, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB, PartyNeedsTable } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { decideNeed, type NeedActor, type NeedInput } from '../../domain/party-service/index.js';
import type { Principal } from '../auth/principal.js';
import type { PartyServiceDeps } from './party-service-deps.js';
import { inTransaction } from './party-service-deps.js';
import { decided } from './party-service-errors.js';
import { keepsCommunity, needsVisibleTo } from './party-service-scope.js';
import { writePartyServiceChange } from './party-service-store.js';

export interface NeedActionInput {
  type: NeedInput['action'];
  hours?: number;
  result?: string;
  rating?: number;
  comment?: string;
  reason?: string;
}

type NeedRow = Selectable<PartyNeedsTable>;

interface Claimer {
  kind: 'member' | 'unit';
  memberId: number | null;
  unitId: number | null;
  name: string;
  unitName: string;
}

/** The principal's confirmed registration with the community: its member row (citizen) or its unit's (staff). */
async function registrationOf(trx: Transaction<DB>, principal: Principal, villageId: number): Promise<Claimer | null> {
  if (principal.role === 'citizen') {
    const m = await trx
      .selectFrom('party_service_members')
      .select(['id', 'name', 'unit_name', 'unit_id'])
      .where('user_id', '=', principal.userId ?? -1)
      .where('village_id', '=', villageId)
      .where('state', '=', 'confirmed')
      .executeTakeFirst();
    return m ? { kind: 'member', memberId: m.id, unitId: m.unit_id, name: m.name, unitName: m.unit_name } : null;
  }
  const u = await trx
    .selectFrom('party_service_units')
    .select(['id', 'name'])
    .where('org_id', '=', principal.orgId ?? -1)
    .where('village_id', '=', villageId)
    .where('state', '=', 'confirmed')
    .executeTakeFirst();
  return u ? { kind: 'unit', memberId: null, unitId: u.id, name: u.name, unitName: u.name } : null;
}

async function isClaimer(trx: Transaction<DB>, principal: Principal, need: NeedRow): Promise<boolean> {
  if (need.claimer_kind === 'member' && principal.role === 'citizen' && need.member_id !== null) {
    const m = await trx
      .selectFrom('party_service_members')
      .select('user_id')
      .where('id', '=', need.member_id)
      .executeTakeFirst();
    return !!m && m.user_id === principal.userId;
  }
  if (need.claimer_kind === 'unit' && principal.role !== 'citizen' && need.unit_id !== null) {
    const u = await trx
      .selectFrom('party_service_units')
      .select('org_id')
      .where('id', '=', need.unit_id)
      .executeTakeFirst();
    return !!u && u.org_id === principal.orgId;
  }
  return false;
}

/** The task's open state, version and whether it was signed for (read inside the need's transaction). */
async function openTask(trx: Transaction<DB>, taskId: number | null) {
  if (taskId === null) return null;
  const t = await trx
    .selectFrom('tasks')
    .select(['state', 'version', 'machine'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!t || !['pending_sign', 'in_progress', 'overdue'].includes(t.state)) return null;
  const machine = (typeof t.machine === 'string' ? JSON.parse(t.machine) : t.machine) as { signed?: boolean };
  return { version: t.version, signed: !!machine.signed };
}

function toInput(action: NeedActionInput): NeedInput {
  switch (action.type) {
    case 'claim':
      return { action: 'claim' };
    case 'complete':
      return { action: 'complete', hours: action.hours ?? 0, result: action.result ?? '' };
    case 'rate':
      return { action: 'rate', rating: action.rating ?? 0, comment: action.comment };
    case 'cancel':
      return { action: 'cancel', reason: action.reason ?? '' };
  }
}

export async function actOnNeed(
  deps: PartyServiceDeps,
  principal: Principal,
  id: number,
  input: { version: number; action: NeedActionInput },
): Promise<void> {
  const now = deps.clock.now();
  const today = chinaDayOf(now);
  const needInput = toInput(input.action);
  await inTransaction(deps.db, async (trx) => {
    const need = await trx
      .selectFrom('party_needs')
      .selectAll()
      .where('id', '=', id)
      .where(needsVisibleTo(principal))
      .forUpdate()
      .executeTakeFirst();
    if (!need) throw new AppError('PARTY_NEED_NOT_FOUND', { details: { needId: id } });
    if (need.version !== input.version) {
      throw new AppError('PARTY_NEED_VERSION_CONFLICT', {
        details: { needId: id, yourVersion: input.version, current: { version: need.version, state: need.state } },
      });
    }
    const registration = await registrationOf(trx, principal, need.village_id);
    const community =
      principal.role !== 'citizen' && principal.orgId === need.village_id && keepsCommunity(principal, need.village_id);
    const actor: NeedActor = {
      community,
      above: !community && keepsCommunity(principal, need.village_id),
      registered: registration !== null,
      claimer: await isClaimer(trx, principal, need),
    };
    const state = decided(decideNeed({ state: need.state, dueOn: need.due_on }, needInput, actor, today));
    const version = need.version + 1;
    const base = { state, version, updated_at: now };
    const task = await openTask(trx, need.task_id);
    let details: Record<string, unknown> = {};
    switch (needInput.action) {
      case 'claim': {
        const claimer = registration as Claimer;
        const created = await deps.tasks.create(
          {
            title: `双报到服务：${need.title}`.slice(0, 200),
            description: `${claimer.kind === 'member' ? '在职党员' : '报到单位'}${claimer.name}（${claimer.unitName}）认领`,
            sourceKind: 'party_need',
            sourceId: String(id),
            sourceLabel: need.title.slice(0, 200),
            sourceKey: `party_need:${id}`,
            ownerOrgId: need.village_id,
            assignedByOrgId: need.village_id,
            dueAt: `${need.due_on}T23:59:59+08:00`,
          },
          null,
          trx,
        );
        await trx
          .updateTable('party_needs')
          .set({
            ...base,
            claimer_kind: claimer.kind,
            member_id: claimer.memberId,
            unit_id: claimer.unitId,
            claimer_name: claimer.name,
            unit_name: claimer.unitName,
            claimed_by_user_id: principal.userId,
            claimed_at: now,
            task_id: created.id,
          })
          .where('id', '=', id)
          .execute();
        await trx
          .insertInto('notifications')
          .values({
            org_id: need.village_id,
            user_id: null,
            case_id: null,
            kind: 'party_need',
            title: `服务需求已被认领：${need.title}（${claimer.name}）`.slice(0, 200),
            link: `/party-service/needs/${id}`,
            created_at: now,
          })
          .execute();
        details = { claimerKind: claimer.kind, claimer: claimer.name, unitName: claimer.unitName, taskId: created.id };
        break;
      }
      case 'complete':
        await trx
          .updateTable('party_needs')
          .set({ ...base, hours: needInput.hours, result: needInput.result.trim(), done_at: now })
          .where('id', '=', id)
          .execute();
        details = { hours: needInput.hours };
        break;
      case 'rate': {
        if (task && need.task_id !== null) {
          let v = task.version;
          if (!task.signed) {
            await deps.tasks.actWithin(trx, need.task_id, { version: v, action: { type: 'sign' } }, principal);
            v += 1;
          }
          const result = `服务${need.hours ?? 0}小时，评价${needInput.rating}星。${need.result ?? ''}`.slice(0, 2000);
          await deps.tasks.actWithin(
            trx,
            need.task_id,
            { version: v, action: { type: 'complete', result } },
            principal,
          );
        }
        await trx
          .updateTable('party_needs')
          .set({
            ...base,
            rating: needInput.rating,
            rating_comment: needInput.comment?.trim() ?? '',
            rated_by_user_id: principal.userId,
            rated_at: now,
          })
          .where('id', '=', id)
          .execute();
        if (need.claimed_by_user_id !== null) {
          await trx
            .insertInto('notifications')
            .values({
              org_id: null,
              user_id: need.claimed_by_user_id,
              case_id: null,
              kind: 'party_need',
              title: `社区已评价您认领的服务：${need.title}（${needInput.rating}星）`.slice(0, 200),
              link: need.claimer_kind === 'member' ? '/my/party-service' : `/party-service/needs/${id}`,
              created_at: now,
            })
            .execute();
        }
        details = { rating: needInput.rating };
        break;
      }
      case 'cancel':
        if (task && need.task_id !== null) {
          await deps.tasks.actWithin(
            trx,
            need.task_id,
            { version: task.version, action: { type: 'cancel', reason: needInput.reason.trim() } },
            principal,
          );
        }
        await trx
          .updateTable('party_needs')
          .set({ ...base, cancel_reason: needInput.reason.trim() })
          .where('id', '=', id)
          .execute();
        details = { reason: needInput.reason.trim() };
        break;
    }
    await writePartyServiceChange(trx, deps.audit, principal, {
      kind: 'party_need',
      id,
      type: needInput.action,
      villageId: need.village_id,
      version,
      state,
      at: now,
      details,
    });
  });
}
