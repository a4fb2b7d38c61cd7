// What every task decision needs besides the task: the time and the working calendar (the same holiday table
// and cache as the cases' clocks), the supervising level's limit and the yellow share.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { TaskContext } from '../../domain/task/index.js';
import type { CaseContextProvider } from '../cases/case-context.js';

/** An overdue task gets two working days from the level above before it climbs again. */
export const TASK_SUPERVISION_LIMIT = { amount: 2, unit: 'working_days' } as const;
/** A task's clock turns yellow when three quarters of its working time have passed. */
export const TASK_WARN_SHARE = 0.75;

/** `db`: the caller's open transaction, if any (the embedded database has one connection). */
export async function taskContext(
  contexts: CaseContextProvider,
  db?: Kysely<DB> | Transaction<DB>,
): Promise<TaskContext> {
  const { now, calendar } = await contexts.context(db);
  return { now, calendar, supervisionLimit: TASK_SUPERVISION_LIMIT, warnShare: TASK_WARN_SHARE };
}
