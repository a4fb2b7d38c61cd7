// Takes one action on a task: load it (outside the principal's scope it does not exist), let the task machine
// decide from how the principal's unit stands to it, and write the outcome in one transaction guarded by the
// version the caller saw — row, history entry, clock, notifications, audit entry, outbox. Of two people acting
// at once the first wins and the second gets TASK_VERSION_CONFLICT with the current state.
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import { applyTaskAction, type Task, type TaskAction, type TaskActor } from '../../domain/task/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { taskContext } from './task-context.js';
import { domainToTaskError } from './task-errors.js';
import { relationsOf, tasksVisibleTo } from './task-scope.js';
import { deserializeTask } from './task-snapshot.js';
import { persistTaskOutcome } from './task-store.js';

export interface LoadedTask {
  task: Task;
  number: string;
  title: string;
  unitIds: number[];
}

export async function loadTask(
  db: Kysely<DB> | Transaction<DB>,
  id: number,
  principal: Principal | null,
  lock = false,
): Promise<LoadedTask> {
  let query = db.selectFrom('tasks').select(['id', 'number', 'title', 'machine', 'unit_ids']).where('id', '=', id);
  if (principal) query = query.where(tasksVisibleTo(principal));
  if (lock) query = query.forNoKeyUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('TASK_NOT_FOUND', { details: { taskId: id } });
  return { task: deserializeTask(row.machine), number: row.number, title: row.title, unitIds: row.unit_ids };
}

export function taskActorOf(task: Task, principal: Principal): TaskActor {
  return {
    kind: 'user',
    orgId: principal.orgId,
    relations: relationsOf(
      {
        ownerOrgId: task.ownerOrgId,
        assistingOrgIds: task.assistingOrgIds,
        assignedByOrgId: task.assignedByOrgId,
        supervisorOrgIds: task.supervisorOrgId ? [task.supervisorOrgId] : [],
      },
      principal,
    ),
  };
}

export interface ActOnTaskDeps {
  db: Kysely<DB>;
  contexts: CaseContextProvider;
  audit: AuditService;
}

export interface TaskActionInput {
  type: string;
  note?: string;
  percent?: number;
  attachmentIds?: string[];
  result?: string;
  evidenceIds?: string[];
  reason?: string;
  dueAt?: string;
}

/** The API's action (dates as strings) as the machine's. */
export function toTaskAction(input: TaskActionInput): TaskAction {
  switch (input.type) {
    case 'sign':
      return { type: 'sign' };
    case 'progress':
      return { type: 'progress', note: input.note ?? '', percent: input.percent, attachmentIds: input.attachmentIds };
    case 'complete':
      return { type: 'complete', result: input.result ?? '', evidenceIds: input.evidenceIds };
    case 'cancel':
      return { type: 'cancel', reason: input.reason ?? '' };
    case 'extend':
      return { type: 'extend', reason: input.reason ?? '', dueAt: new Date(input.dueAt ?? 'invalid') };
    case 'urge':
      return { type: 'urge', note: input.note };
    default:
      throw new AppError('VALIDATION_FAILED', {
        message: `未知的任务操作：${input.type}`,
        details: { field: 'action.type' },
      });
  }
}

/** Files named by an action must be the actor's own uploads (naming one is what makes it readable to others). */
async function checkOwnUploads(
  db: Kysely<DB> | Transaction<DB>,
  ids: readonly string[] | undefined,
  principal: Principal,
) {
  if (!ids?.length) return;
  const own = await db
    .selectFrom('attachments')
    .select('id')
    .where('id', 'in', [...ids])
    .where((eb) =>
      principal.kind === 'user'
        ? eb('uploaded_by_user_id', '=', principal.userId ?? -1)
        : eb('uploaded_by_api_key_id', '=', principal.apiKeyId ?? -1),
    )
    .execute();
  const missing = ids.filter((id) => !own.some((o) => o.id === id));
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '附件不存在或不是您上传的，请重新上传',
      details: { attachmentIds: missing },
    });
  }
}

export async function actOnTask(
  deps: ActOnTaskDeps,
  id: number,
  input: { version: number; action: TaskActionInput },
  principal: Principal,
  outer?: Transaction<DB>,
): Promise<void> {
  const action = toTaskAction(input.action);
  // Inside the caller's transaction (a screening record completes its task with itself): read through it.
  await checkOwnUploads(outer ?? deps.db, input.action.attachmentIds ?? input.action.evidenceIds, principal);
  const ctx = await taskContext(deps.contexts, outer);
  const run = async (trx: Transaction<DB>) => {
    const loaded = await loadTask(trx, id, principal, true);
    const { task } = loaded;
    if (task.version !== input.version) {
      throw new AppError('TASK_VERSION_CONFLICT', {
        details: { taskId: id, current: { version: task.version, state: task.state }, yourVersion: input.version },
      });
    }
    const result = applyTaskAction(task, action, taskActorOf(task, principal), {
      ...ctx,
      now: new Date(Math.max(ctx.now.getTime(), task.updatedAt.getTime())),
    });
    if (!result.ok) throw domainToTaskError(result.error, task.state, task.version);
    await persistTaskOutcome(trx, result.value, {
      id,
      number: loaded.number,
      title: loaded.title,
      unitIds: loaded.unitIds,
      actorUserId: principal.userId,
      actorOrgId: principal.orgId,
      expectedVersion: task.version,
      escalationLevelBefore: task.escalationLevel,
    });
    await deps.audit.record(
      principal,
      {
        action: `task.${action.type}`,
        targetType: 'task',
        targetId: id,
        details: { number: loaded.number, version: result.value.task.version },
      },
      trx,
    );
  };
  if (outer) return run(outer);
  try {
    await deps.db.transaction().execute(run);
  } catch (error) {
    // A concurrent writer committed first (the history's primary key caught it): answer with its state.
    if ((error as { code?: string })?.code === '23505') {
      const now = await deps.db
        .selectFrom('tasks')
        .select(['version', 'state'])
        .where('id', '=', id)
        .executeTakeFirst();
      throw new AppError('TASK_VERSION_CONFLICT', { details: { taskId: id, current: now ?? null } });
    }
    throw error;
  }
}
