// Starts an exercise of a power (村干部 opens the record of one 集体资产处置, one 低保 application …): the power
// must be an active item of a village in the principal's scope; the exercise copies the item's procedure as it
// stands, so later edits of the list never change it. The row, its first history entry, the audit entry and
// the outbox message, and the task of its first step with a time limit, are one transaction.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { isDay } from '../../domain/power/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { PowerDeps } from './power-deps.js';
import { procedureOf } from './power-rows.js';
import { requireVillage } from './power-scope.js';
import { nextExerciseNumber, writeExerciseChange } from './power-store.js';
import { loadItem } from './save-item.js';
import { type StepTaskSync, syncStepTask } from './step-tasks.js';

export interface StartExerciseInput {
  itemId: number;
  title: string;
  subject?: string;
  amount?: number | null;
  startedOn?: string;
}

/** Writes a new exercise of a loaded village item (the demo seed calls this with its own transaction). */
export async function writeNewExercise(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  item: { id: number; county_code: string; village_id: number; name: string; steps: unknown },
  input: StartExerciseInput & { startedOn: string },
  now: Date,
  stepTasks?: StepTaskSync,
): Promise<{ id: number; number: string }> {
  const number = await nextExerciseNumber(trx, item.county_code, Number(input.startedOn.slice(0, 4)));
  const { id } = await trx
    .insertInto('power_exercises')
    .values({
      number,
      county_code: item.county_code,
      village_id: item.village_id,
      item_id: item.id,
      item_name: item.name,
      steps: JSON.stringify(procedureOf(item.steps)),
      title: input.title.trim(),
      subject: input.subject?.trim() ?? '',
      amount: input.amount ?? null,
      started_on: input.startedOn,
      state: 'in_progress',
      created_by_user_id: principal?.userId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeExerciseChange(trx, audit, principal, {
    exerciseId: id,
    number,
    villageId: item.village_id,
    version: 1,
    type: 'start',
    state: 'in_progress',
    at: now,
    details: { itemId: item.id, itemName: item.name, title: input.title.trim(), startedOn: input.startedOn },
  });
  // the first step with a time limit becomes the village's task, in this transaction
  if (stepTasks) {
    await syncStepTask(
      trx,
      stepTasks.tasks,
      principal,
      {
        id,
        number,
        title: input.title.trim(),
        itemName: item.name,
        villageId: item.village_id,
        startedOn: input.startedOn,
      },
      procedureOf(item.steps),
      [],
      { now, calendar: stepTasks.calendar },
    );
  }
  return { id, number };
}

export async function startExercise(
  deps: PowerDeps,
  principal: Principal,
  input: StartExerciseInput,
): Promise<{ id: number; number: string }> {
  const item = await loadItem(deps.db, principal, input.itemId);
  if (item.village_id === null) {
    throw new AppError('VALIDATION_FAILED', {
      message: '县级模板不能直接办理，请先由村社区采用到本村清单',
      details: { field: 'itemId' },
    });
  }
  await requireVillage(deps.db, principal, item.village_id);
  if (!item.active) throw new AppError('POWER_ITEM_INACTIVE', { details: { itemId: item.id } });
  if (!input.title.trim()) {
    throw new AppError('VALIDATION_FAILED', { message: '请填写事项名称', details: { field: 'title' } });
  }
  const { now, calendar } = await deps.contexts.context();
  const today = chinaDayOf(now);
  const startedOn = input.startedOn ?? today;
  if (!isDay(startedOn) || startedOn > today) {
    throw new AppError('VALIDATION_FAILED', {
      message: '启动日期须为今天或之前的有效日期',
      details: { field: 'startedOn' },
    });
  }
  return deps.db
    .transaction()
    .execute((trx) =>
      writeNewExercise(
        trx,
        deps.audit,
        principal,
        { ...item, village_id: item.village_id as number },
        { ...input, startedOn },
        now,
        { tasks: deps.tasks, calendar },
      ),
    );
}
