// The task deadline sweeper: each clock that ran out makes its task overdue and puts it under the next level up
// (the parent of the unit whose clock ran out: the owner's, then the supervisor's), through the task machine; at
// the county the task is listed (挂牌) and no further clock runs. Claiming, warning and the several-process
// guarantees are the shared record-clock sweeper's (src/jobs/record-clock-sweeper.ts).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { applyTaskAction, SYSTEM_TASK_ACTOR } from '../../domain/task/index.js';
import { type RecordSweepResult, sweepRecordClocks } from '../../jobs/record-clock-sweeper.js';
import { FactBatch } from '../assessment/assessment-facts.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { loadTask } from './act-on-task.js';
import { taskContext } from './task-context.js';
import { persistTaskOutcome } from './task-store.js';

const TASK_CLOCKS = {
  clocks: 'task_deadlines',
  records: 'tasks',
  idColumn: 'task_id',
  warningKind: 'task_due_soon',
  warningTitle: (t: { number: string; title: string }) => `任务即将到期（${t.number} ${t.title}）`,
} as const;

export async function sweepTaskDeadlines(
  db: Kysely<DB>,
  contexts: CaseContextProvider,
  onChanged: (taskId: number) => void = () => {},
): Promise<RecordSweepResult> {
  const ctx = await taskContext(contexts);
  // The first escalation of a task counts it due for its owner (任务按期完成率): the batch's facts written once.
  const facts = new FactBatch();
  const escalate = async (trx: Transaction<DB>, id: number, parentOrgId: number | null) => {
    const loaded = await loadTask(trx, id, null, true);
    const { task } = loaded;
    const outcome = applyTaskAction(
      task,
      { type: 'escalateOverdue', supervisorOrgId: parentOrgId },
      SYSTEM_TASK_ACTOR,
      {
        ...ctx,
        now: new Date(Math.max(ctx.now.getTime(), task.updatedAt.getTime())),
      },
    );
    if (!outcome.ok) return false;
    await persistTaskOutcome(
      trx,
      outcome.value,
      {
        id,
        number: loaded.number,
        title: loaded.title,
        unitIds: loaded.unitIds,
        actorUserId: null,
        actorOrgId: null,
        expectedVersion: task.version,
        escalationLevelBefore: task.escalationLevel,
      },
      facts,
    );
    return true;
  };
  const { changed, ...result } = await sweepRecordClocks(db, TASK_CLOCKS, ctx.now, escalate, (trx) => facts.flush(trx));
  for (const id of changed) onChanged(id);
  return result;
}
