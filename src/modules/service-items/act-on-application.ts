// Another visit of the resident (最多跑一次 counts each), and the end of an application — 办结 (every material
// received), 不予受理 (with the reason), 转办 (naming where) — recorded by the station's unit: load the
// application within scope and locked, check the version the page saw (of two writers at once the second gets
// 409), let the rules decide, then one transaction with the row, its task (completed with the result), the
// history and audit entries and the outbox message.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import {
  type ApplicationResult,
  type ApplicationState,
  decideCompletion,
  decideVisit,
} from '../../domain/service-item/index.js';
import type { Principal } from '../auth/principal.js';
import type { ServiceDeps } from './service-deps.js';
import { decided } from './service-errors.js';
import type { ApplicationRow } from './service-rows.js';
import { inServiceScope } from './service-scope.js';
import { writeApplicationChange } from './service-store.js';
import { requireStationUnit } from './take-application.js';

const RESULT_TEXT: Record<ApplicationResult, string> = { done: '办结', refused: '不予受理', transferred: '转办' };

async function applicationForChange(
  trx: Transaction<DB>,
  principal: Principal,
  id: number,
  version: number,
): Promise<ApplicationRow> {
  const row = await trx
    .selectFrom('service_applications')
    .selectAll()
    .where('id', '=', id)
    .where(inServiceScope(principal, 'service_applications'))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('SERVICE_APPLICATION_NOT_FOUND', { details: { applicationId: id } });
  requireStationUnit(principal, row);
  if (row.version !== version) {
    throw new AppError('SERVICE_VERSION_CONFLICT', {
      details: { applicationId: id, yourVersion: version, current: { version: row.version, state: row.state } },
    });
  }
  return row;
}

const openOf = (row: ApplicationRow) => ({
  state: row.state as ApplicationState,
  visits: row.visits,
  materialsRequired: row.materials_required,
  materialsReceived: row.materials_received,
  dueAt: new Date(row.due_at),
});

export interface VisitInput {
  version: number;
  materialsReceived?: string[];
  note?: string;
}

/** Records another visit in the caller's transaction (the demo seed calls this too). */
export async function writeVisit(
  deps: Pick<ServiceDeps, 'audit'>,
  trx: Transaction<DB>,
  principal: Principal,
  id: number,
  input: VisitInput,
  now: Date,
): Promise<void> {
  const row = await applicationForChange(trx, principal, id, input.version);
  const visit = decided(decideVisit(openOf(row), input.materialsReceived ?? []));
  await trx
    .updateTable('service_applications')
    .set({
      visits: visit.visits,
      materials_received: visit.materialsReceived,
      version: row.version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  await writeApplicationChange(trx, deps.audit, principal, {
    id,
    number: row.number,
    stationId: Number(row.station_id),
    version: row.version + 1,
    type: 'visit',
    state: row.state,
    at: now,
    details: { visits: visit.visits, materialsReceived: visit.materialsReceived, note: input.note?.trim() ?? '' },
  });
}

export async function recordVisit(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  input: VisitInput,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) => writeVisit(deps, trx, principal, id, input, now));
}

export interface CompleteInput {
  version: number;
  result: ApplicationResult;
  note?: string;
  transferredTo?: string;
}

/** Completes the application's task (signed for when it was taken in) with the result, in the transaction. */
async function completeTask(
  deps: Pick<ServiceDeps, 'tasks'>,
  trx: Transaction<DB>,
  taskId: number,
  result: string,
  principal: Principal,
): Promise<void> {
  const task = await trx.selectFrom('tasks').select(['state', 'version']).where('id', '=', taskId).executeTakeFirst();
  if (!task || (task.state !== 'in_progress' && task.state !== 'overdue')) return;
  await deps.tasks.actWithin(trx, taskId, { version: task.version, action: { type: 'complete', result } }, principal);
}

/** Records the result in the caller's transaction (the demo seed calls this too). */
export async function writeCompletion(
  deps: Pick<ServiceDeps, 'audit' | 'tasks'>,
  trx: Transaction<DB>,
  principal: Principal,
  id: number,
  input: CompleteInput,
  now: Date,
): Promise<void> {
  const row = await applicationForChange(trx, principal, id, input.version);
  const note = input.note?.trim() ?? '';
  const transferredTo = input.transferredTo?.trim() ?? '';
  const end = decided(decideCompletion(openOf(row), { result: input.result, note, transferredTo }, now));
  await trx
    .updateTable('service_applications')
    .set({
      state: end.state,
      on_time: end.onTime,
      completed_at: now,
      result_note: note,
      transferred_to: input.result === 'transferred' ? transferredTo : '',
      version: row.version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  if (row.task_id !== null) {
    const text = [RESULT_TEXT[input.result], transferredTo && `转往${transferredTo}`, note].filter(Boolean).join('：');
    await completeTask(deps, trx, Number(row.task_id), text, principal);
  }
  await writeApplicationChange(trx, deps.audit, principal, {
    id,
    number: row.number,
    stationId: Number(row.station_id),
    version: row.version + 1,
    type: 'complete',
    state: end.state,
    at: now,
    details: { result: input.result, onTime: end.onTime, visits: row.visits, note, transferredTo },
  });
}

export async function completeApplication(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  input: CompleteInput,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) => writeCompletion(deps, trx, principal, id, input, now));
}

/** The resident's name and phone in full: needs pii.view (the route checks it), the application in scope, audited. */
export async function revealResident(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  ip?: string,
): Promise<{ residentName: string; residentPhone: string }> {
  const row = await deps.db
    .selectFrom('service_applications')
    .select(['resident_name', 'resident_phone'])
    .where('id', '=', id)
    .where(inServiceScope(principal, 'service_applications'))
    .executeTakeFirst();
  if (!row) throw new AppError('SERVICE_APPLICATION_NOT_FOUND', { details: { applicationId: id } });
  await deps.audit.record(principal, {
    action: 'pii.view',
    targetType: 'service_application',
    targetId: id,
    details: { fields: ['residentName', 'residentPhone'] },
    ip,
  });
  return { residentName: row.resident_name, residentPhone: row.resident_phone };
}
