// Set-based opening of screening tasks: one period of one level for many units in a handful of statements
// instead of a dozen per task. It writes exactly what the task service writes for one task (src/modules/tasks/
// create-task.ts and task-store.ts) — the task row, its first history entry, its running clock, the owner's
// notification, the outbox message and the audit entry — plus the screening_tasks row; the task machine
// (openTask) decides every value, so a bulk task and a service task differ only in their ids and names
// (test/screening-bulk.test.ts compares them table by table). Idempotent: the tasks insert is ON CONFLICT
// (source_kind, source_key) DO NOTHING and only the rows it returned get the rest, so two processes opening the
// same period at once make each task once (the unique index decides, the loser writes nothing).
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ScreeningPeriod } from '../../domain/screening/index.js';
import { openTask, TASK_STATE_LABELS, type Task, type TaskContext, type TaskOutcome } from '../../domain/task/index.js';
import type { AuditService } from '../audit/audit-service.js';
import { serializeTask } from '../tasks/task-snapshot.js';
import { type ScreeningUnit, screeningTask } from './generate-screenings.js';

/** Units per statement group: well under the 65,535 parameters of one statement for every table written. */
export const BULK_CHUNK = 500;

interface Prepared {
  unit: ScreeningUnit;
  id: number;
  number: string;
  title: string;
  description: string;
  countyCode: string;
  sourceKey: string;
  sourceLabel: string;
  outcome: TaskOutcome & { task: Task };
  assignedByOrgId: number;
}

export interface BulkOpenOptions {
  /** Marks a task opened late by the catch-up after downtime (written into its first history entry). */
  catchUpAt?: Date;
}

/**
 * Opens the period's screening task of every unit given (all of one level), inside trx, at ctx.now; answers the
 * number of tasks that were new. Units whose task exists already are skipped by the unique index.
 */
export async function openScreeningsInBulk(
  deps: { audit: AuditService },
  trx: Transaction<DB>,
  units: readonly ScreeningUnit[],
  period: ScreeningPeriod,
  checklist: readonly { label: string }[],
  ctx: TaskContext,
  options: BulkOpenOptions = {},
): Promise<number> {
  if (units.length === 0) return 0;
  // The service's checks, set-based: owner and assigning unit active, in the same county.
  const named = [...new Set(units.flatMap((u) => [u.id, u.parentId ?? u.id]))];
  const active = new Map(
    (
      await trx
        .selectFrom('orgs')
        .select(['id', 'county_code'])
        .where('id', 'in', named)
        .where('active', '=', true)
        .execute()
    ).map((o) => [o.id, o.county_code]),
  );
  const eligible = [...units]
    .filter((u) => {
      const county = active.get(u.parentId ?? u.id);
      return county !== undefined && active.get(u.id) === county;
    })
    // One order for every process: two generators inserting the same keys wait on each other, never deadlock.
    .sort((a, b) => a.id - b.id);
  if (eligible.length === 0) return 0;
  // The ids the service would draw one by one (a key that turns out to exist wastes its id, as in the service).
  const ids = (
    await sql<{
      id: string;
    }>`SELECT nextval('tasks_id_seq') AS id FROM generate_series(1, ${eligible.length}::int)`.execute(trx)
  ).rows.map((r) => Number(r.id));
  const day = new Date(ctx.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const prepared: Prepared[] = eligible.map((unit, i) => {
    const input = screeningTask(unit, period, checklist);
    const id = ids[i] as number;
    const assignedByOrgId = input.assignedByOrgId;
    const opened = openTask(
      { id, ownerOrgId: unit.id, assistingOrgIds: [], assignedByOrgId, due: { at: input.dueAt }, title: input.title },
      ctx,
    );
    if (!opened.ok) throw new Error(`screening task refused by the task machine: ${opened.error.message}`);
    return {
      unit,
      id,
      number: `RW${day}${String(id).padStart(6, '0')}`,
      title: input.title.trim().slice(0, 200),
      description: input.description.trim(),
      countyCode: active.get(assignedByOrgId) as string,
      sourceKey: input.sourceKey,
      sourceLabel: input.sourceLabel,
      outcome: opened.value,
      assignedByOrgId,
    };
  });

  const inserted = await trx
    .insertInto('tasks')
    .values(
      prepared.map((p) => {
        const { task } = p.outcome;
        return {
          id: p.id,
          number: p.number,
          county_code: p.countyCode,
          title: p.title,
          description: p.description,
          source_kind: 'screening',
          source_id: String(p.unit.id),
          source_label: p.sourceLabel,
          source_key: p.sourceKey,
          case_id: null,
          owner_org_id: task.ownerOrgId,
          assisting_org_ids: [],
          assigned_by_org_id: p.assignedByOrgId,
          assigned_by_user_id: null,
          unit_ids: [...new Set([task.ownerOrgId, p.assignedByOrgId])],
          state: task.state,
          due_at: task.dueAt,
          attachment_ids: [],
          machine: serializeTask(task),
          created_at: ctx.now,
          updated_at: ctx.now,
        };
      }),
    )
    .onConflict((oc) => oc.columns(['source_kind', 'source_key']).where('source_key', 'is not', null).doNothing())
    .returning('id')
    .execute();
  const made = new Set(inserted.map((r) => r.id));
  const fresh = prepared.filter((p) => made.has(p.id));
  if (fresh.length === 0) return 0;

  // What persistTaskOutcome writes after the row, for every new task at once. (The row the service updates there
  // is the row just inserted, already holding the same values; the create event settles no assessment fact.)
  await trx
    .insertInto('task_events')
    .values(
      fresh.map((p) => {
        const { task, event } = p.outcome;
        const details = options.catchUpAt
          ? { ...event.details, catchUp: { generatedAt: options.catchUpAt.toISOString() } }
          : event.details;
        return {
          task_id: p.id,
          version: task.version,
          type: event.type,
          at: event.at,
          from_state: event.fromState,
          to_state: event.toState,
          actor_user_id: null,
          actor_org_id: null,
          note: event.note,
          details: JSON.stringify(details),
          attachment_ids: [],
        };
      }),
    )
    .execute();
  const clocks = fresh.flatMap((p) => {
    const clock = p.outcome.task.clock;
    return clock
      ? [
          {
            task_id: p.id,
            kind: clock.kind,
            org_id: clock.orgId,
            started_at: clock.startedAt,
            due_at: clock.dueAt,
            warn_at: clock.warnAt,
          },
        ]
      : [];
  });
  if (clocks.length > 0) await trx.insertInto('task_deadlines').values(clocks).execute();
  const notes = fresh.flatMap((p) =>
    p.outcome.notify.map((n) => ({
      org_id: n.orgId,
      user_id: null,
      case_id: null,
      task_id: p.id,
      kind: `task_${p.outcome.event.type}`,
      title: `${n.title}（${p.number} ${p.title}）`,
      link: null,
      created_at: p.outcome.event.at,
    })),
  );
  if (notes.length > 0) await trx.insertInto('notifications').values(notes).execute();
  await trx
    .insertInto('outbox')
    .values(
      fresh.map((p) => {
        const { task, event } = p.outcome;
        return {
          topic: 'task.changed',
          case_id: null,
          task_id: p.id,
          payload: JSON.stringify({
            changeId: `task:${p.id}:${task.version}`,
            taskId: p.id,
            number: p.number,
            version: task.version,
            type: event.type,
            state: task.state,
            stateLabel: TASK_STATE_LABELS[task.state],
            ownerOrgId: task.ownerOrgId,
            dueAt: task.dueAt.toISOString(),
            at: event.at.toISOString(),
          }),
          created_at: event.at,
          available_at: event.at,
        };
      }),
    )
    .execute();
  await deps.audit.recordMany(
    null,
    fresh.map((p) => ({
      action: 'task.create',
      targetType: 'task',
      targetId: p.id,
      details: { number: p.number, ownerOrgId: p.unit.id, sourceKind: 'screening', sourceId: String(p.unit.id) },
    })),
    trx,
  );
  await trx
    .insertInto('screening_tasks')
    .values(
      fresh.map((p) => ({
        task_id: p.id,
        county_code: p.unit.countyCode,
        org_id: p.unit.id,
        parent_org_id: p.unit.parentId,
        level: p.unit.kind,
        cadence: period.cadence,
        period_start: period.start,
        period_end: period.end,
        due_day: period.dueDay,
        due_at: period.dueAt,
      })),
    )
    .onConflict((oc) => oc.column('task_id').doNothing())
    .execute();
  return fresh.length;
}
