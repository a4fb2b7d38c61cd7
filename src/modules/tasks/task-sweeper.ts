// The task deadline sweeper, the cases' pattern: each clock that ran out makes its task overdue and puts it
// under the next level up (the parent of the unit whose clock ran out: the owner's, then the supervisor's),
// through the task machine; at the county the task is listed (挂牌) and no further clock runs. Each clock past
// its yellow point warns its unit once. Rows are claimed with FOR UPDATE SKIP LOCKED, so with several server
// processes each deadline is handled by one of them, and one that passed while no server ran fires at the
// next start. Returns whether more work is waiting.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { applyTaskAction, SYSTEM_TASK_ACTOR } from '../../domain/task/index.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { loadTask } from './act-on-task.js';
import { taskContext } from './task-context.js';
import { persistTaskOutcome } from './task-store.js';

const BATCH = 50;

export interface TaskSweepResult {
  escalated: number;
  warned: number;
  more: boolean;
}

export async function sweepTaskDeadlines(
  db: Kysely<DB>,
  contexts: CaseContextProvider,
  onChanged: (taskId: number) => void = () => {},
): Promise<TaskSweepResult> {
  const ctx = await taskContext(contexts);
  const now = ctx.now;
  const changed: number[] = [];
  const due = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('task_deadlines')
      .innerJoin('orgs', 'orgs.id', 'task_deadlines.org_id')
      .select(['task_deadlines.task_id', 'orgs.parent_id'])
      .where('task_deadlines.escalated_at', 'is', null)
      .where('task_deadlines.due_at', '<=', now)
      .orderBy('task_deadlines.due_at')
      .limit(BATCH)
      .forUpdate('task_deadlines')
      .skipLocked()
      .execute();
    for (const row of rows) {
      const loaded = await loadTask(trx, row.task_id, null, true);
      const { task } = loaded;
      const result = applyTaskAction(
        task,
        { type: 'escalateOverdue', supervisorOrgId: row.parent_id },
        SYSTEM_TASK_ACTOR,
        {
          ...ctx,
          now: new Date(Math.max(now.getTime(), task.updatedAt.getTime())),
        },
      );
      if (result.ok) {
        await persistTaskOutcome(trx, result.value, {
          id: row.task_id,
          number: loaded.number,
          title: loaded.title,
          unitIds: loaded.unitIds,
          actorUserId: null,
          actorOrgId: null,
          expectedVersion: task.version,
          escalationLevelBefore: task.escalationLevel,
        });
        changed.push(row.task_id);
      } else {
        // The machine will not escalate this clock: mark it so the sweeper does not retry it forever.
        await trx.updateTable('task_deadlines').set({ escalated_at: now }).where('task_id', '=', row.task_id).execute();
      }
    }
    return rows.length;
  });

  const warned = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('task_deadlines')
      .innerJoin('tasks', 'tasks.id', 'task_deadlines.task_id')
      .select([
        'task_deadlines.task_id',
        'task_deadlines.org_id',
        'task_deadlines.due_at',
        'tasks.number',
        'tasks.title',
      ])
      .where('task_deadlines.warned_at', 'is', null)
      .where('task_deadlines.warn_at', '<=', now)
      .where('task_deadlines.due_at', '>', now)
      .limit(BATCH * 4)
      .forUpdate('task_deadlines')
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    await trx
      .updateTable('task_deadlines')
      .set({ warned_at: now })
      .where(
        'task_id',
        'in',
        rows.map((r) => r.task_id),
      )
      .execute();
    await trx
      .insertInto('notifications')
      .values(
        rows.map((r) => ({
          org_id: r.org_id,
          user_id: null,
          case_id: null,
          task_id: r.task_id,
          kind: 'task_due_soon',
          title: `任务即将到期（${r.number} ${r.title}）`,
          created_at: now,
        })),
      )
      .execute();
    return rows.length;
  });
  for (const id of changed) onChanged(id);
  return { escalated: changed.length, warned, more: due === BATCH || warned === BATCH * 4 };
}
