// Reading tasks: the lists and boxes of a unit, one task with its history, the tasks and counts of source
// records (a meeting's decisions, a team, a project). Every principal-facing query goes through tasksVisibleTo.
import { type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Clock } from '../../core/clock.js';
import type { DB, TasksTable } from '../../db/schema.js';
import {
  allowedTaskActions,
  OPEN_TASK_STATES,
  TASK_ACTION_LABELS,
  TASK_STATE_LABELS,
  type TaskSourceKind,
  type TaskState,
} from '../../domain/task/index.js';
import type { Principal } from '../auth/principal.js';
import { loadTask, taskActorOf } from './act-on-task.js';
import { tasksVisibleTo } from './task-scope.js';
import type {
  ClockColour,
  OrgRef,
  TaskBox,
  TaskCounts,
  TaskDetail,
  TaskHistoryEntry,
  TaskListItem,
  TaskListQuery,
} from './task-views.js';

type TaskRow = Selectable<TasksTable> & {
  clock_kind: string | null;
  clock_due_at: Date | null;
  clock_warn_at: Date | null;
};
type TasksEb = ExpressionBuilder<DB & { d: DB['task_deadlines'] }, 'tasks'>;

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
const OPEN = OPEN_TASK_STATES as TaskState[];

function colourAt(now: Date, warnAt: Date | string, dueAt: Date | string): ClockColour {
  const t = now.getTime();
  if (t >= new Date(dueAt).getTime()) return 'red';
  if (t >= new Date(warnAt).getTime()) return 'yellow';
  return 'green';
}

/** The box's condition for the principal's own unit (and, for assigned / supervising, its subtree). */
function boxCondition(box: TaskBox, principal: Principal) {
  const unit = principal.orgId ?? -1;
  const subtree = sql<number[]>`${sql.val([...principal.scopeOrgIds])}::int[]`;
  return (eb: TasksEb) => {
    switch (box) {
      case 'to_sign':
        return eb.and([
          eb('tasks.owner_org_id', '=', unit),
          eb('tasks.signed', '=', false),
          eb('tasks.state', 'in', OPEN),
        ]);
      case 'in_progress':
        return eb.and([
          eb.or([eb('tasks.owner_org_id', '=', unit), sql<SqlBool>`${unit} = any(tasks.assisting_org_ids)`]),
          eb('tasks.signed', '=', true),
          eb('tasks.state', 'in', OPEN),
        ]);
      case 'overdue':
        return eb('tasks.state', '=', 'overdue');
      case 'assigned':
        return eb.and([sql<SqlBool>`tasks.assigned_by_org_id = any(${subtree})`, eb('tasks.state', 'in', OPEN)]);
      case 'supervising':
        return eb.and([sql<SqlBool>`tasks.supervisor_org_id = any(${subtree})`, eb('tasks.state', 'in', OPEN)]);
      case 'done':
        return eb('tasks.state', '=', 'done');
      case 'all':
        return eb.lit(true);
    }
  };
}

export class TaskQueries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  private base() {
    return this.db
      .selectFrom('tasks')
      .leftJoin('task_deadlines as d', 'd.task_id', 'tasks.id')
      .selectAll('tasks')
      .select(['d.kind as clock_kind', 'd.due_at as clock_due_at', 'd.warn_at as clock_warn_at']);
  }

  private async orgNames(rows: readonly Selectable<TasksTable>[]): Promise<Map<number, string>> {
    const ids = new Set<number>();
    for (const r of rows) {
      ids.add(r.owner_org_id);
      ids.add(r.assigned_by_org_id);
      if (r.supervisor_org_id) ids.add(r.supervisor_org_id);
      for (const a of r.assisting_org_ids) ids.add(a);
    }
    if (ids.size === 0) return new Map();
    const orgs = await this.db
      .selectFrom('orgs')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(orgs.map((o) => [o.id, o.name]));
  }

  private async toItems(rows: TaskRow[]): Promise<TaskListItem[]> {
    const names = await this.orgNames(rows);
    const ref = (id: number): OrgRef => ({ id, name: names.get(id) ?? String(id) });
    const now = this.clock.now();
    return rows.map((r) => {
      const state = r.state as TaskState;
      return {
        id: Number(r.id),
        number: r.number,
        title: r.title,
        state,
        stateLabel: TASK_STATE_LABELS[state],
        signed: r.signed,
        sourceKind: r.source_kind as TaskSourceKind,
        sourceId: r.source_id,
        sourceLabel: r.source_label,
        caseId: r.case_id === null ? null : Number(r.case_id),
        ownerOrg: ref(r.owner_org_id),
        assistingOrgs: r.assisting_org_ids.map(ref),
        assignedByOrg: ref(r.assigned_by_org_id),
        supervisorOrg: r.supervisor_org_id ? ref(r.supervisor_org_id) : null,
        dueAt: new Date(r.due_at).toISOString(),
        clock:
          r.clock_kind && r.clock_due_at && r.clock_warn_at
            ? {
                kind: r.clock_kind as 'due' | 'supervision',
                dueAt: new Date(r.clock_due_at).toISOString(),
                warnAt: new Date(r.clock_warn_at).toISOString(),
                color: colourAt(now, r.clock_warn_at, r.clock_due_at),
              }
            : null,
        progressPercent: r.progress_percent,
        completedAt: iso(r.completed_at),
        completedLate: r.completed_late,
        escalationLevel: r.escalation_level,
        listed: r.listed,
        version: r.version,
        updatedAt: new Date(r.updated_at).toISOString(),
      };
    });
  }

  async list(principal: Principal, query: TaskListQuery): Promise<{ items: TaskListItem[]; total: number }> {
    let q = this.base().where(tasksVisibleTo(principal));
    if (query.box) q = q.where(boxCondition(query.box, principal));
    if (query.state) q = q.where('tasks.state', '=', query.state);
    if (query.sourceKind) q = q.where('tasks.source_kind', '=', query.sourceKind);
    if (query.sourceId) q = q.where('tasks.source_id', '=', query.sourceId);
    const text = query.q?.trim();
    if (text) {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('tasks.title', 'like', like), eb('tasks.number', '=', text)]));
    }
    const pageSize = query.pageSize ?? 20;
    const page = query.page ?? 1;
    const [rows, total] = await Promise.all([
      q
        .orderBy(sql`tasks.state = 'overdue'`, 'desc')
        .orderBy(sql`tasks.state in ('done', 'cancelled')`, 'asc')
        .orderBy('tasks.due_at', 'asc')
        .orderBy('tasks.id', 'asc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: await this.toItems(rows as TaskRow[]), total: Number(total.n) };
  }

  /** How many tasks wait in each box of the principal's unit (the inbox beside the cases' boxes). */
  async inbox(principal: Principal): Promise<Record<Exclude<TaskBox, 'done' | 'all'>, number>> {
    const boxes = ['to_sign', 'in_progress', 'overdue', 'assigned', 'supervising'] as const;
    const counts = await Promise.all(
      boxes.map((box) =>
        this.db
          .selectFrom('tasks')
          .where(tasksVisibleTo(principal))
          .where(boxCondition(box, principal) as never)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
    );
    return Object.fromEntries(boxes.map((b, i) => [b, Number(counts[i]?.n ?? 0)])) as Record<
      (typeof boxes)[number],
      number
    >;
  }

  async get(id: number, principal: Principal): Promise<TaskDetail> {
    const loaded = await loadTask(this.db, id, principal);
    const row = (await this.base().where('tasks.id', '=', id).executeTakeFirstOrThrow()) as TaskRow;
    const [item] = await this.toItems([row]);
    const events = await this.db
      .selectFrom('task_events')
      .leftJoin('users', 'users.id', 'task_events.actor_user_id')
      .leftJoin('orgs', 'orgs.id', 'task_events.actor_org_id')
      .select([
        'task_events.version',
        'task_events.type',
        'task_events.at',
        'task_events.from_state',
        'task_events.to_state',
        'task_events.note',
        'task_events.details',
        'task_events.attachment_ids',
        'task_events.actor_org_id',
        'task_events.actor_user_id',
        'users.display_name as user_name',
        'orgs.name as org_name',
      ])
      .where('task_events.task_id', '=', id)
      .orderBy('task_events.version')
      .execute();
    const history: TaskHistoryEntry[] = events.map((e) => ({
      version: e.version,
      type: e.type,
      label: TASK_ACTION_LABELS[e.type as keyof typeof TASK_ACTION_LABELS] ?? e.type,
      at: new Date(e.at).toISOString(),
      fromState: e.from_state,
      toState: e.to_state,
      actor: {
        userName: e.user_name ?? null,
        userId: e.actor_user_id,
        org: e.actor_org_id !== null ? { id: e.actor_org_id, name: e.org_name ?? '' } : null,
      },
      note: e.note,
      details: (e.details ?? {}) as Record<string, unknown>,
      attachmentIds: e.attachment_ids,
    }));
    const caseNumber =
      row.case_id === null
        ? null
        : ((await this.db.selectFrom('cases').select('number').where('id', '=', row.case_id).executeTakeFirst())
            ?.number ?? null);
    return {
      ...(item as TaskListItem),
      description: row.description,
      result: row.result,
      attachmentIds: row.attachment_ids,
      createdAt: new Date(row.created_at).toISOString(),
      caseNumber,
      history,
      allowedActions: allowedTaskActions(loaded.task, taskActorOf(loaded.task, principal)),
    };
  }

  /** The tasks of these source records, oldest first (no scope: the caller checked its own record's). */
  async ofSources(kind: TaskSourceKind, sourceIds: readonly string[]): Promise<TaskListItem[]> {
    if (sourceIds.length === 0) return [];
    const rows = await this.base()
      .where('tasks.source_kind', '=', kind)
      .where('tasks.source_id', 'in', [...sourceIds])
      .orderBy('tasks.id')
      .execute();
    return this.toItems(rows as TaskRow[]);
  }

  /** Counts per source id. */
  async countsBySource(kind: TaskSourceKind, sourceIds: readonly string[]): Promise<Map<string, TaskCounts>> {
    const result = new Map<string, TaskCounts>();
    if (sourceIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('tasks')
      .select((eb) => [
        'source_id',
        eb.fn.countAll<number>().as('total'),
        sql<number>`count(*) filter (where state in ('pending_sign', 'in_progress', 'overdue'))`.as('open'),
        sql<number>`count(*) filter (where state = 'overdue')`.as('overdue'),
        sql<number>`count(*) filter (where state = 'done')`.as('done'),
        sql<number>`count(*) filter (where state = 'done' and completed_late = false)`.as('done_on_time'),
        sql<number>`count(*) filter (where state = 'cancelled')`.as('cancelled'),
      ])
      .where('source_kind', '=', kind)
      .where('source_id', 'in', [...sourceIds])
      .groupBy('source_id')
      .execute();
    for (const r of rows) {
      result.set(String(r.source_id), {
        total: Number(r.total),
        open: Number(r.open),
        overdue: Number(r.overdue),
        done: Number(r.done),
        doneOnTime: Number(r.done_on_time),
        cancelled: Number(r.cancelled),
      });
    }
    return result;
  }
}
