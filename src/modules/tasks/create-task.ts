// Assigns a task (交办): the units must be active organisations of the assigning unit's county; the clock starts
// on the working calendar; the row, its first history entry, its clock, the owner's notification, the audit
// entry and the outbox message are written in one transaction — the caller's, when a meeting decision or a
// project milestone creates its tasks together with itself. A generator's sourceKey makes a repeat harmless.
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { DurationUnit } from '../../domain/calendar/index.js';
import { type DueSpec, openTask, TASK_SOURCES, type TaskSourceKind } from '../../domain/task/index.js';
import type { AuditService } from '../audit/audit-service.js';
import type { Principal } from '../auth/principal.js';
import type { CaseContextProvider } from '../cases/case-context.js';
import { taskContext } from './task-context.js';
import { domainToTaskError } from './task-errors.js';
import { persistTaskOutcome } from './task-store.js';

export interface CreateTaskInput {
  title: string;
  description?: string;
  sourceKind: TaskSourceKind;
  sourceId?: string | null;
  sourceLabel?: string | null;
  /** Idempotent generation: a second create with the same (sourceKind, sourceKey) returns the first task. */
  sourceKey?: string | null;
  caseId?: number | null;
  ownerOrgId: number;
  assistingOrgIds?: number[];
  /** The assigning unit; the principal's organisation by default (required without a principal). */
  assignedByOrgId?: number;
  /** Exactly one of: an instant, or a limit on the working calendar from now. */
  dueAt?: Date | string;
  limit?: { amount: number; unit: DurationUnit };
  attachmentIds?: string[];
}

export interface CreateTaskDeps {
  db: Kysely<DB>;
  contexts: CaseContextProvider;
  audit: AuditService;
}

function dueSpec(input: CreateTaskInput): DueSpec {
  if ((input.dueAt === undefined) === (input.limit === undefined)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请填写完成期限（日期或办理时限，二选一）',
      details: { field: 'dueAt' },
    });
  }
  if (input.limit) return input.limit;
  const at = new Date(input.dueAt as Date | string);
  if (Number.isNaN(at.getTime())) {
    throw new AppError('VALIDATION_FAILED', { message: '完成期限不是有效的日期时间', details: { field: 'dueAt' } });
  }
  return { at };
}

async function existingBySourceKey(db: Kysely<DB> | Transaction<DB>, kind: string, key: string) {
  return db
    .selectFrom('tasks')
    .select(['id', 'number'])
    .where('source_kind', '=', kind)
    .where('source_key', '=', key)
    .executeTakeFirst();
}

export async function createTask(
  deps: CreateTaskDeps,
  input: CreateTaskInput,
  principal: Principal | null,
  outer?: Transaction<DB>,
): Promise<{ id: number; number: string; created: boolean }> {
  if (!(TASK_SOURCES as readonly string[]).includes(input.sourceKind)) {
    throw new AppError('VALIDATION_FAILED', { message: '任务来源不正确', details: { field: 'sourceKind' } });
  }
  const assignedByOrgId = input.assignedByOrgId ?? principal?.orgId ?? null;
  if (assignedByOrgId === null) {
    throw new AppError('VALIDATION_FAILED', { message: '请指定交办单位', details: { field: 'assignedByOrgId' } });
  }
  if (principal && input.assignedByOrgId !== undefined && !principal.scopeOrgIds.includes(input.assignedByOrgId)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '只能以本单位或下级单位的名义交办任务',
      details: { field: 'assignedByOrgId' },
    });
  }
  const spec = dueSpec(input);
  const ctx = await taskContext(deps.contexts, outer);

  const run = async (trx: Transaction<DB>) => {
    if (input.sourceKey) {
      const found = await existingBySourceKey(trx, input.sourceKind, input.sourceKey);
      if (found) return { ...found, created: false };
    }
    const assigner = await trx
      .selectFrom('orgs')
      .select(['id', 'county_code'])
      .where('id', '=', assignedByOrgId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!assigner || (principal?.countyCode && assigner.county_code !== principal.countyCode)) {
      throw new AppError('VALIDATION_FAILED', {
        message: '交办单位不存在或已停用',
        details: { field: 'assignedByOrgId' },
      });
    }
    const assisting = [...new Set(input.assistingOrgIds ?? [])];
    const named = [input.ownerOrgId, ...assisting];
    const known = await trx
      .selectFrom('orgs')
      .select('id')
      .where('id', 'in', named)
      .where('county_code', '=', assigner.county_code)
      .where('active', '=', true)
      .execute();
    const unknown = named.filter((id) => !known.some((o) => o.id === id));
    if (unknown.length > 0) {
      throw new AppError('VALIDATION_FAILED', {
        message: '所选责任单位或协办单位不存在、已停用或不属于本县，请重新选择',
        details: { orgIds: unknown },
      });
    }
    const { id } = await trx
      .selectNoFrom((eb) => eb.fn<number>('nextval', [eb.val('tasks_id_seq')]).as('id'))
      .executeTakeFirstOrThrow();
    const taskId = Number(id);
    const opened = openTask(
      {
        id: taskId,
        ownerOrgId: input.ownerOrgId,
        assistingOrgIds: assisting,
        assignedByOrgId,
        due: spec,
        title: input.title,
      },
      ctx,
    );
    if (!opened.ok) throw domainToTaskError(opened.error);
    const { task } = opened.value;
    const day = new Date(ctx.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    const number = `RW${day}${String(taskId).padStart(6, '0')}`;
    const title = input.title.trim().slice(0, 200);
    // A concurrent generator with the same key: the unique index decides, the loser returns the winner's task.
    const inserted = await trx
      .insertInto('tasks')
      .values({
        id: taskId,
        number,
        county_code: assigner.county_code,
        title,
        description: (input.description ?? '').trim(),
        source_kind: input.sourceKind,
        source_id: input.sourceId ?? null,
        source_label: input.sourceLabel ?? null,
        source_key: input.sourceKey ?? null,
        case_id: input.caseId ?? null,
        owner_org_id: task.ownerOrgId,
        assisting_org_ids: [...task.assistingOrgIds],
        assigned_by_org_id: assignedByOrgId,
        assigned_by_user_id: principal?.userId ?? null,
        unit_ids: [...new Set([task.ownerOrgId, ...task.assistingOrgIds, assignedByOrgId])],
        state: task.state,
        due_at: task.dueAt,
        attachment_ids: input.attachmentIds ?? [],
        machine: JSON.stringify(task),
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .onConflict((oc) => oc.columns(['source_kind', 'source_key']).where('source_key', 'is not', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const found = await existingBySourceKey(trx, input.sourceKind, input.sourceKey as string);
      if (!found) throw new AppError('TASK_VERSION_CONFLICT');
      return { ...found, created: false };
    }
    await persistTaskOutcome(
      trx,
      {
        ...opened.value,
        event: { ...opened.value.event, attachmentIds: input.attachmentIds ?? [] },
      },
      {
        id: taskId,
        number,
        title,
        unitIds: [],
        actorUserId: principal?.userId ?? null,
        actorOrgId: principal?.orgId ?? null,
        expectedVersion: null,
        escalationLevelBefore: 0,
      },
    );
    await deps.audit.record(
      principal,
      {
        action: 'task.create',
        targetType: 'task',
        targetId: taskId,
        details: {
          number,
          ownerOrgId: task.ownerOrgId,
          sourceKind: input.sourceKind,
          sourceId: input.sourceId ?? null,
        },
      },
      trx,
    );
    return { id: taskId, number, created: true };
  };
  return outer ? run(outer) : deps.db.transaction().execute(run);
}
