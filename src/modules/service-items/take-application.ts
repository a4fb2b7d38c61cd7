// Takes in an application (受理 / 代办) at a station: the item must be active in the station's list and the way
// it is taken allowed (handled at the station's level, relayed only if 可代办); the due time is the item's legal
// limit in working days on the work calendar. One transaction writes the row, its task (source
// 'service_application', owned by the station's unit and signed for at once — it shows in 我的待办 and escalates
// as tasks do), the history and audit entries and the outbox message.
// 一链办理: one application per step, sharing a bundle number (the first step's) and the materials handed in once,
// each with its own department, limit, task and result — a step can be refused or transferred while the others
// go on, and the figures per item stay comparable with single applications.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf, type WorkCalendar } from '../../domain/calendar/index.js';
import {
  type ApplicationMode,
  applicationDueAt,
  decideMode,
  type StationKind,
} from '../../domain/service-item/index.js';
import type { Principal } from '../auth/principal.js';
import type { ServiceDeps } from './service-deps.js';
import { decided } from './service-errors.js';
import { type ItemRow, itemRef } from './service-rows.js';
import { loadStation, type StationRow } from './service-scope.js';
import { nextApplicationNumber, writeApplicationChange } from './service-store.js';

export interface TakeApplicationInput {
  stationId: number;
  itemId: number;
  mode: ApplicationMode;
  residentName: string;
  residentPhone?: string;
  materialsReceived?: string[];
  /** when it was taken in (a paper 办件 recorded later); now by default */
  acceptedAt?: string;
}

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** Only the station's own unit takes in and completes its applications (it owns their tasks). */
export function requireStationUnit(principal: Principal, station: Pick<StationRow, 'org_id'>): void {
  if (principal.orgId !== station.org_id) {
    throw new AppError('FORBIDDEN', { message: '只有本站所属单位的工作人员可以受理、办理本站的办件' });
  }
}

function checkInput(input: TakeApplicationInput, now: Date): Date {
  if (!input.residentName.trim()) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写办事群众姓名', details: { field: 'residentName' } });
  }
  if (input.residentPhone && !PHONE.test(input.residentPhone.trim())) {
    throw new AppError('INVALID_PHONE', { details: { field: 'residentPhone' } });
  }
  const acceptedAt = input.acceptedAt ? new Date(input.acceptedAt) : now;
  if (Number.isNaN(acceptedAt.getTime()) || acceptedAt.getTime() > now.getTime()) {
    throw new AppError('VALIDATION_FAILED', {
      message: '受理时间须为当前或之前的有效时间',
      details: { field: 'acceptedAt' },
    });
  }
  return acceptedAt;
}

/** The items the application runs on: the item itself, or a chain's steps in order (all active in the list). */
async function stepsOf(trx: Transaction<DB>, station: StationRow, item: ItemRow): Promise<ItemRow[]> {
  if (item.kind !== 'chain') return [item];
  const ids = item.chain_item_ids.map(Number);
  const rows = await trx
    .selectFrom('service_items')
    .selectAll()
    .where('station_id', '=', station.id)
    .where('id', 'in', ids.length > 0 ? ids : [0])
    .where('active', '=', true)
    .execute();
  const steps = ids.map((id) => rows.find((r) => Number(r.id) === id));
  if (steps.some((s) => s === undefined)) {
    throw new AppError('SERVICE_ITEM_NOT_OFFERED', { message: '一链办理中有事项本站未采用或已停用，不能受理' });
  }
  return steps as ItemRow[];
}

/** Writes the application(s) in the caller's transaction (the demo seed calls this too); their ids. */
export async function writeApplications(
  deps: Pick<ServiceDeps, 'audit' | 'tasks'>,
  trx: Transaction<DB>,
  principal: Principal,
  station: StationRow,
  item: ItemRow,
  input: Omit<TakeApplicationInput, 'acceptedAt'> & { acceptedAt: Date },
  calendar: WorkCalendar,
  now: Date,
): Promise<number[]> {
  const steps = await stepsOf(trx, station, item);
  for (const step of steps) decided(decideMode(itemRef(step), station.kind as StationKind, input.mode));
  const required = [...item.materials];
  const unknown = (input.materialsReceived ?? []).filter((m) => !required.includes(m));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: `“${unknown[0]}”不是该事项的申请材料`,
      details: { field: 'materialsReceived' },
    });
  }
  const received = required.filter((m) => input.materialsReceived?.includes(m));
  const year = Number(chinaDayOf(input.acceptedAt).slice(0, 4));
  const ids: number[] = [];
  let bundle: string | null = null;
  for (const [i, step] of steps.entries()) {
    const number = await nextApplicationNumber(trx, station.county_code, year);
    const chain = item.kind === 'chain';
    bundle = chain ? (bundle ?? number) : null;
    const dueAt = applicationDueAt(calendar, input.acceptedAt, step.legal_limit_days);
    if (dueAt.getTime() <= now.getTime()) {
      // every application runs on a live clock: a paper 办件 recorded after its limit ran out is not taken in here
      throw new AppError('VALIDATION_FAILED', {
        message: `按受理时间计算，“${step.name}”的法定办结时限已过，不能补录；请按实际受理时间在时限内登记`,
        details: { field: 'acceptedAt', dueAt: dueAt.toISOString() },
      });
    }
    const { id } = await trx
      .insertInto('service_applications')
      .values({
        number,
        county_code: station.county_code,
        station_id: station.id,
        org_id: station.org_id,
        item_id: step.id,
        item_name: step.name,
        department: step.department,
        chain_item_id: chain ? item.id : null,
        bundle_number: bundle,
        chain_seq: chain ? i + 1 : null,
        mode: input.mode,
        resident_name: input.residentName.trim(),
        resident_phone: input.residentPhone?.trim() ?? '',
        materials_required: required,
        materials_received: received,
        state: 'in_progress',
        legal_limit_days: step.legal_limit_days,
        accepted_at: input.acceptedAt,
        due_at: dueAt,
        created_by_user_id: principal.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const task = await deps.tasks.create(
      {
        title: `${input.mode === 'relayed' ? '代办' : '办件'}：${step.name}（${number}）`,
        description: `${station.name}${input.mode === 'relayed' ? '代办' : '受理'}，主管部门：${step.department}；法定办结时限 ${step.legal_limit_days} 个工作日。`,
        sourceKind: 'service_application',
        sourceId: String(id),
        sourceLabel: `便民服务：${station.name}`,
        sourceKey: `service_application:${id}`,
        ownerOrgId: station.org_id,
        assignedByOrgId: station.org_id,
        dueAt,
      },
      principal,
      trx,
    );
    await deps.tasks.actWithin(trx, task.id, { version: 1, action: { type: 'sign' } }, principal);
    await trx.updateTable('service_applications').set({ task_id: task.id }).where('id', '=', id).execute();
    await writeApplicationChange(trx, deps.audit, principal, {
      id: Number(id),
      number,
      stationId: Number(station.id),
      version: 1,
      type: 'take',
      state: 'in_progress',
      at: now,
      details: {
        itemName: step.name,
        mode: input.mode,
        dueAt: dueAt.toISOString(),
        ...(chain ? { chain: item.name, bundleNumber: bundle, seq: i + 1 } : {}),
      },
    });
    ids.push(Number(id));
  }
  return ids;
}

export async function takeApplication(
  deps: ServiceDeps,
  principal: Principal,
  input: TakeApplicationInput,
): Promise<number[]> {
  const { now, calendar } = await deps.contexts.context();
  const acceptedAt = checkInput(input, now);
  return deps.db.transaction().execute(async (trx) => {
    const station = await loadStation(trx, principal, input.stationId);
    requireStationUnit(principal, station);
    if (!station.active) {
      throw new AppError('SERVICE_ITEM_NOT_OFFERED', {
        message: '该站点已停用，不能受理',
        details: { field: 'stationId' },
      });
    }
    const item = await trx
      .selectFrom('service_items')
      .selectAll()
      .where('id', '=', input.itemId)
      .where('station_id', '=', station.id)
      .executeTakeFirst();
    if (!item?.active) {
      throw new AppError('SERVICE_ITEM_NOT_OFFERED', { details: { field: 'itemId', itemId: input.itemId } });
    }
    return writeApplications(deps, trx, principal, station, item, { ...input, acceptedAt }, calendar, now);
  });
}
