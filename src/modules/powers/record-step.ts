// Records one step of an exercise against its procedure: load the exercise within scope (locked), check the
// version the page saw, let the pure rules decide (in order, dated, not before a publicity ends, publicity long
// enough, 否决 only where the procedure allows it), then one transaction — the step, the exercise's state and
// version, its history entry, the audit entry and the outbox message, and the step tasks (step-tasks.ts). Attachments must be the recorder's own
// uploads; they become readable to whoever sees the exercise.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { chinaDayOf } from '../../domain/calendar/index.js';
import { progressOf, recordStep, type StepOutcome } from '../../domain/power/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { PowerDeps } from './power-deps.js';
import { decided } from './power-errors.js';
import { procedureOf, recordedOf } from './power-rows.js';
import { inPowerScope } from './power-scope.js';
import { writeExerciseChange } from './power-store.js';
import { type StepTaskSync, syncStepTask } from './step-tasks.js';

export interface RecordStepInput {
  version: number;
  stepKey: string;
  outcome?: StepOutcome;
  doneOn: string;
  publicityTo?: string | null;
  approvedBy?: string;
  documents?: string[];
  attachmentIds?: string[];
  note?: string;
}

/** Records a step on an exercise in the caller's transaction (the demo seed calls this with principal null). */
export async function writeStep(
  trx: Transaction<DB>,
  audit: AuditService,
  principal: Principal | null,
  exerciseId: number,
  input: RecordStepInput,
  now: Date,
  stepTasks?: StepTaskSync,
): Promise<void> {
  let query = trx.selectFrom('power_exercises').selectAll().where('id', '=', exerciseId);
  if (principal) query = query.where(inPowerScope(principal, 'power_exercises'));
  const exercise = await query.forUpdate().executeTakeFirst();
  if (!exercise) throw new AppError('POWER_EXERCISE_NOT_FOUND', { details: { exerciseId } });
  if (exercise.version !== input.version) {
    throw new AppError('POWER_VERSION_CONFLICT', {
      details: {
        exerciseId,
        yourVersion: input.version,
        current: { version: exercise.version, state: exercise.state },
      },
    });
  }
  const procedure = procedureOf(exercise.steps);
  const rows = await trx.selectFrom('power_exercise_steps').selectAll().where('exercise_id', '=', exerciseId).execute();
  const recorded = recordedOf(rows);
  const step = decided(
    recordStep(
      procedure,
      recorded,
      {
        key: input.stepKey,
        outcome: input.outcome ?? 'done',
        doneOn: input.doneOn,
        publicityTo: input.publicityTo ?? null,
        documents: input.documents ?? [],
      },
      { startedOn: exercise.started_on, today: chinaDayOf(now) },
    ),
  );
  const name = procedure.find((s) => s.key === step.key)?.name ?? step.key;
  const seq = recorded.length + 1;
  await trx
    .insertInto('power_exercise_steps')
    .values({
      exercise_id: exerciseId,
      county_code: exercise.county_code,
      village_id: exercise.village_id,
      seq,
      step_key: step.key,
      step_name: name,
      outcome: step.outcome,
      done_on: step.doneOn,
      publicity_from: step.publicityFrom,
      publicity_to: step.publicityTo,
      approved_by: input.approvedBy?.trim() ?? '',
      documents: [...step.documents],
      attachment_ids: input.attachmentIds ?? [],
      note: input.note?.trim() ?? '',
      recorded_by_user_id: principal?.userId ?? null,
      recorded_at: now,
    })
    .execute();
  const { ended } = progressOf(procedure, [...recorded, step]);
  const version = exercise.version + 1;
  await trx
    .updateTable('power_exercises')
    .set({
      state: ended ?? 'in_progress',
      ended_on: ended ? step.doneOn : null,
      step_count: seq,
      version,
      updated_at: now,
    })
    .where('id', '=', exerciseId)
    .execute();
  await writeExerciseChange(trx, audit, principal, {
    exerciseId,
    number: exercise.number,
    villageId: exercise.village_id,
    version,
    type: 'step',
    state: ended ?? 'in_progress',
    at: now,
    details: {
      step: step.key,
      stepName: name,
      outcome: step.outcome,
      doneOn: step.doneOn,
      ...(step.publicityTo ? { publicityFrom: step.publicityFrom, publicityTo: step.publicityTo } : {}),
    },
  });
  // the step's task is completed with it, the next step's task opened (or the rest cancelled), in this transaction
  if (stepTasks) {
    await syncStepTask(
      trx,
      stepTasks.tasks,
      principal,
      {
        id: exerciseId,
        number: exercise.number,
        title: exercise.title,
        itemName: exercise.item_name,
        villageId: exercise.village_id,
        startedOn: exercise.started_on,
      },
      procedure,
      [...recorded, step],
      { now, calendar: stepTasks.calendar },
    );
  }
}

export async function recordExerciseStep(
  deps: PowerDeps,
  principal: Principal,
  exerciseId: number,
  input: RecordStepInput,
): Promise<void> {
  const ids = input.attachmentIds ?? [];
  const foreign = await deps.attachments.notOwnedBy(principal, ids);
  if (foreign.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '附件不存在或不是您上传的，请重新上传',
      details: { field: 'attachmentIds', attachmentIds: foreign },
    });
  }
  const { now, calendar } = await deps.contexts.context();
  try {
    await deps.db
      .transaction()
      .execute((trx) => writeStep(trx, deps.audit, principal, exerciseId, input, now, { tasks: deps.tasks, calendar }));
  } catch (error) {
    // a concurrent writer committed the same version first (the history's primary key caught it)
    if ((error as { code?: string })?.code === '23505') {
      throw new AppError('POWER_VERSION_CONFLICT', { details: { exerciseId, yourVersion: input.version } });
    }
    throw error;
  }
}
