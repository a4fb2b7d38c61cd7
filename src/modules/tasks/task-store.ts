// Writes one task outcome of the state machine in the caller's transaction: the row (guarded by its version),
// its history entry, its running clock, the notifications of the units concerned and one outbox message.
import type { Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { TASK_STATE_LABELS, type TaskOutcome, taskFactOf } from '../../domain/task/index.js';
import { announceRecordChange, notifyOfRecord, writeRecordClock } from '../../jobs/record-effects.js';
import { type FactBatch, taskFactRow, upsertFacts } from '../assessment/assessment-facts.js';
import { serializeTask } from './task-snapshot.js';

export interface TaskRowMeta {
  id: number;
  number: string;
  title: string;
  /** unit_ids before this change (every unit that ever stood to the task stays in it) */
  unitIds: readonly number[];
  actorUserId: number | null;
  actorOrgId: number | null;
  /** the version the writer loaded; null when the task is being created */
  expectedVersion: number | null;
}

export async function persistTaskOutcome(
  trx: Transaction<DB>,
  outcome: TaskOutcome,
  meta: TaskRowMeta & { escalationLevelBefore: number },
  /** A batch of several tasks in one transaction (the sweeper's) collects the facts and writes them once. */
  facts?: FactBatch,
): Promise<void> {
  const { task, event } = outcome;
  const unitIds = [
    ...new Set([
      ...meta.unitIds,
      task.ownerOrgId,
      ...task.assistingOrgIds,
      task.assignedByOrgId,
      ...(task.supervisorOrgId ? [task.supervisorOrgId] : []),
    ]),
  ];
  const row = {
    state: task.state,
    signed: task.signed,
    supervisor_org_id: task.supervisorOrgId,
    escalation_level: task.escalationLevel,
    listed: task.listed,
    due_at: task.dueAt,
    progress_percent: task.progressPercent,
    completed_at: task.completedAt,
    completed_late: task.completedLate,
    unit_ids: unitIds,
    machine: serializeTask(task),
    version: task.version,
    updated_at: task.updatedAt,
    ...(event.type === 'progress' ? { last_progress_at: event.at } : {}),
    ...(event.type === 'complete' ? { result: event.note, attachment_ids: [...event.attachmentIds] } : {}),
  };
  if (meta.expectedVersion !== null) {
    const updated = await trx
      .updateTable('tasks')
      .set(row)
      .where('id', '=', meta.id)
      .where('version', '=', meta.expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw new AppError('TASK_VERSION_CONFLICT', { details: { taskId: meta.id, yourVersion: meta.expectedVersion } });
    }
  }
  await trx
    .insertInto('task_events')
    .values({
      task_id: meta.id,
      version: task.version,
      type: event.type,
      at: event.at,
      from_state: event.fromState,
      to_state: event.toState,
      actor_user_id: meta.actorUserId,
      actor_org_id: meta.actorOrgId,
      note: event.note,
      details: JSON.stringify(event.details),
      attachment_ids: [...event.attachmentIds],
    })
    .execute();

  const ref = { idColumn: 'task_id', id: meta.id, number: meta.number, title: meta.title } as const;
  await writeRecordClock(trx, ref, task.clock);

  // 任务按期完成率 (排查完成率 for a screening): the owner's fact when the task settles, in the same transaction.
  const fact = taskFactOf(event, meta.escalationLevelBefore > 0);
  if (fact) {
    const { source_kind } = await trx
      .selectFrom('tasks')
      .select('source_kind')
      .where('id', '=', meta.id)
      .executeTakeFirstOrThrow();
    const row = taskFactRow(task.ownerOrgId, source_kind, fact);
    if (facts) facts.add([row]);
    else await upsertFacts(trx, [row]);
  }

  await notifyOfRecord(trx, ref, `task_${event.type}`, event.at, outcome.notify);
  await announceRecordChange(trx, ref, 'task.changed', task.version, event.at, {
    type: event.type,
    state: task.state,
    stateLabel: TASK_STATE_LABELS[task.state],
    ownerOrgId: task.ownerOrgId,
    dueAt: task.dueAt.toISOString(),
  });
}
