// The task state machine: 待签收 → 办理中 → 已完成, or 已取消; a clock that runs out makes it 已逾期 and puts it
// under the supervision of the next level up (another clock), which climbs again if that one runs out, up to
// the county, where it is listed (挂牌). Pure: time, the calendar and the next level up come from the caller.
import type { DurationUnit, WorkCalendar } from '../calendar/index.js';
import { err, ok, type Result } from '../result.js';
import { type TaskDomainError, taskError } from './errors.js';
import {
  OPEN_TASK_STATES,
  type Task,
  type TaskAction,
  type TaskActionType,
  type TaskActor,
  type TaskClock,
  type TaskEvent,
  type TaskOutcome,
  type TaskRelation,
  type TaskState,
} from './types.js';

export interface TaskContext {
  readonly now: Date;
  readonly calendar: WorkCalendar;
  /** How long the supervising level gives after the task fell overdue. */
  readonly supervisionLimit: { readonly amount: number; readonly unit: DurationUnit };
  /** Share of a clock after which it turns yellow (0..1). */
  readonly warnShare: number;
}

/** A due time: an instant, or a limit on the working calendar from now (the cases' time-limit arithmetic). */
export type DueSpec = { readonly at: Date } | { readonly amount: number; readonly unit: DurationUnit };

export const MAX_TEXT = 2000;

export function dueFrom(ctx: TaskContext, spec: DueSpec): Date {
  return 'at' in spec ? spec.at : ctx.calendar.addDuration(ctx.now, spec.amount, spec.unit);
}

/** A clock from now to dueAt; yellow at the configured share of the working time between them. */
export function taskClock(
  ctx: TaskContext,
  kind: TaskClock['kind'],
  orgId: number,
  dueAt: Date,
  unit: DurationUnit,
): TaskClock {
  const warnAt = dueAt > ctx.now ? ctx.calendar.pointAtShare(ctx.now, dueAt, ctx.warnShare, unit) : dueAt;
  return { kind, orgId, startedAt: ctx.now, dueAt, warnAt, unit };
}

export interface NewTask {
  readonly id: number;
  readonly ownerOrgId: number;
  readonly assistingOrgIds: readonly number[];
  readonly assignedByOrgId: number;
  readonly due: DueSpec;
  readonly title: string;
}

/** A task as it is assigned: waiting for its owner to sign, its due clock running. */
export function openTask(input: NewTask, ctx: TaskContext): Result<TaskOutcome, TaskDomainError> {
  if (!input.title.trim()) return err(taskError('VALIDATION', { field: 'title' }, '请填写任务名称'));
  if ('amount' in input.due && !(input.due.amount > 0)) {
    return err(taskError('VALIDATION', { field: 'due' }, '办理时限必须大于 0'));
  }
  const dueAt = dueFrom(ctx, input.due);
  if (Number.isNaN(dueAt.getTime()) || dueAt <= ctx.now) {
    return err(taskError('VALIDATION', { field: 'dueAt' }, '完成期限必须晚于当前时间'));
  }
  if (input.assistingOrgIds.includes(input.ownerOrgId)) {
    return err(taskError('VALIDATION', { field: 'assistingOrgIds' }, '协办单位不能与责任单位相同'));
  }
  const unit: DurationUnit = 'at' in input.due ? 'working_hours' : input.due.unit;
  const task: Task = {
    id: input.id,
    state: 'pending_sign',
    ownerOrgId: input.ownerOrgId,
    assistingOrgIds: [...new Set(input.assistingOrgIds)],
    assignedByOrgId: input.assignedByOrgId,
    supervisorOrgId: null,
    escalationLevel: 0,
    listed: false,
    signed: false,
    dueAt,
    clock: taskClock(ctx, 'due', input.ownerOrgId, dueAt, unit),
    progressPercent: 0,
    completedAt: null,
    completedLate: null,
    version: 1,
    updatedAt: ctx.now,
  };
  return ok({
    task,
    event: event('create', ctx.now, null, task.state, null, { dueAt: dueAt.toISOString() }),
    notify: [
      { orgId: input.ownerOrgId, title: `新任务：${input.title}` },
      ...task.assistingOrgIds.map((orgId) => ({ orgId, title: `新协办任务：${input.title}` })),
    ],
  });
}

function event(
  type: TaskEvent['type'],
  at: Date,
  fromState: TaskState | null,
  toState: TaskState,
  note: string | null,
  details: Record<string, unknown> = {},
  attachmentIds: readonly string[] = [],
): TaskEvent {
  return { type, at, fromState, toState, note, details, attachmentIds };
}

interface Rule {
  /** States in which the action may be taken. */
  readonly states: readonly TaskState[];
  /** Relations of which the actor needs one (empty: the system only). */
  readonly relations: readonly TaskRelation[];
  /** An extra condition on the task. */
  readonly when?: (task: Task) => boolean;
}

const RULES: Record<TaskActionType, Rule> = {
  sign: { states: ['pending_sign', 'overdue'], relations: ['owner'], when: (t) => !t.signed },
  progress: { states: ['in_progress', 'overdue'], relations: ['owner', 'assisting'], when: (t) => t.signed },
  complete: { states: ['in_progress', 'overdue'], relations: ['owner'], when: (t) => t.signed },
  cancel: { states: OPEN_TASK_STATES, relations: ['assigner', 'supervisor'] },
  extend: { states: OPEN_TASK_STATES, relations: ['assigner', 'supervisor'] },
  urge: { states: OPEN_TASK_STATES, relations: ['assigner', 'supervisor'] },
  escalateOverdue: { states: OPEN_TASK_STATES, relations: [] },
};

/** The actions this actor may take on the task now (what the web app offers). */
export function allowedTaskActions(task: Task, actor: TaskActor): TaskActionType[] {
  return (Object.keys(RULES) as TaskActionType[]).filter((type) => {
    const rule = RULES[type];
    if (rule.relations.length === 0) return false;
    return check(task, type, actor) === null;
  });
}

function check(task: Task, type: TaskActionType, actor: TaskActor): TaskDomainError | null {
  const rule = RULES[type];
  if (!rule.states.includes(task.state) || (rule.when && !rule.when(task))) {
    return taskError('TASK_ACTION_NOT_ALLOWED_IN_STATE', {
      action: type,
      state: task.state,
      allowedIn: rule.states,
      ...(rule.when && !task.signed && type !== 'sign' ? { needsSign: true } : {}),
    });
  }
  const permitted =
    rule.relations.length === 0 ? actor.kind === 'system' : rule.relations.some((r) => actor.relations.has(r));
  if (!permitted) return taskError('NOT_AUTHORISED_FOR_TASK_ACTION', { action: type, needs: rule.relations });
  return null;
}

function text(value: string | undefined, field: string, label: string): Result<string, TaskDomainError> {
  const v = (value ?? '').trim();
  if (!v) return err(taskError('VALIDATION', { field }, `请填写${label}`));
  if (v.length > MAX_TEXT) return err(taskError('VALIDATION', { field }, `${label}不能超过 ${MAX_TEXT} 字`));
  return ok(v);
}

/** Applies one action: the new task, its one history entry and whom to tell — or why not. */
export function applyTaskAction(
  task: Task,
  action: TaskAction,
  actor: TaskActor,
  ctx: TaskContext,
): Result<TaskOutcome, TaskDomainError> {
  const refused = check(task, action.type, actor);
  if (refused) return err(refused);
  const now = ctx.now;
  const next = (changes: Partial<Task>): Task => ({ ...task, ...changes, version: task.version + 1, updatedAt: now });
  const from = task.state;

  switch (action.type) {
    case 'sign': {
      const t = next({ signed: true, state: from === 'overdue' ? 'overdue' : 'in_progress' });
      return ok({ task: t, event: event('sign', now, from, t.state, null), notify: [] });
    }
    case 'progress': {
      const note = text(action.note, 'note', '进展情况');
      if (!note.ok) return note;
      const percent = action.percent;
      if (percent !== undefined && (!Number.isInteger(percent) || percent < 0 || percent > 100)) {
        return err(taskError('VALIDATION', { field: 'percent' }, '完成进度应为 0–100 的整数'));
      }
      const byOwner = actor.relations.has('owner');
      const t = next(byOwner && percent !== undefined ? { progressPercent: percent } : {});
      return ok({
        task: t,
        event: event(
          'progress',
          now,
          from,
          t.state,
          note.value,
          percent === undefined ? {} : { percent },
          action.attachmentIds ?? [],
        ),
        notify: [],
      });
    }
    case 'complete': {
      const result = text(action.result, 'result', '办理结果');
      if (!result.ok) return result;
      const late = now > task.dueAt;
      const t = next({ state: 'done', completedAt: now, completedLate: late, progressPercent: 100, clock: null });
      return ok({
        task: t,
        event: event('complete', now, from, 'done', result.value, { late }, action.evidenceIds ?? []),
        notify: [task.assignedByOrgId, ...(task.supervisorOrgId ? [task.supervisorOrgId] : [])].map((orgId) => ({
          orgId,
          title: late ? '任务已逾期办结' : '任务已按期办结',
        })),
      });
    }
    case 'cancel': {
      const reason = text(action.reason, 'reason', '取消原因');
      if (!reason.ok) return reason;
      const t = next({ state: 'cancelled', clock: null });
      return ok({
        task: t,
        event: event('cancel', now, from, 'cancelled', reason.value),
        notify: [{ orgId: task.ownerOrgId, title: '任务已取消' }],
      });
    }
    case 'extend': {
      const reason = text(action.reason, 'reason', '调整原因');
      if (!reason.ok) return reason;
      if (Number.isNaN(action.dueAt.getTime()) || action.dueAt <= now) {
        return err(taskError('VALIDATION', { field: 'dueAt' }, '新的完成期限必须晚于当前时间'));
      }
      // Back on time: the owner's due clock runs again to the new date; the supervision stays on record.
      const t = next({
        dueAt: action.dueAt,
        state: task.signed ? 'in_progress' : 'pending_sign',
        clock: taskClock(ctx, 'due', task.ownerOrgId, action.dueAt, 'working_hours'),
      });
      return ok({
        task: t,
        event: event('extend', now, from, t.state, reason.value, {
          from: task.dueAt.toISOString(),
          to: action.dueAt.toISOString(),
        }),
        notify: [{ orgId: task.ownerOrgId, title: '任务完成期限已调整' }],
      });
    }
    case 'urge': {
      const note = action.note?.trim() || null;
      if (note && note.length > MAX_TEXT) return err(taskError('VALIDATION', { field: 'note' }, '催办内容过长'));
      const t = next({});
      return ok({
        task: t,
        event: event('urge', now, from, t.state, note),
        notify: [{ orgId: task.ownerOrgId, title: '任务催办' }],
      });
    }
    case 'escalateOverdue': {
      if (!task.clock || task.clock.dueAt > now) {
        return err(
          taskError('TASK_ACTION_NOT_ALLOWED_IN_STATE', { action: 'escalateOverdue', reason: 'clock not due' }),
        );
      }
      const supervisor = action.supervisorOrgId;
      const ranOut = task.clock;
      const t = next({
        state: 'overdue',
        escalationLevel: task.escalationLevel + 1,
        supervisorOrgId: supervisor ?? task.supervisorOrgId,
        // Nobody above: the task is listed (挂牌) at the top and no further clock runs.
        listed: supervisor === null ? true : task.listed,
        clock:
          supervisor === null
            ? null
            : taskClock(
                ctx,
                'supervision',
                supervisor,
                ctx.calendar.addDuration(now, ctx.supervisionLimit.amount, ctx.supervisionLimit.unit),
                ctx.supervisionLimit.unit,
              ),
      });
      const tell = [task.ownerOrgId, task.assignedByOrgId, ...(supervisor === null ? [] : [supervisor])];
      return ok({
        task: t,
        event: event('escalateOverdue', now, from, 'overdue', null, {
          clock: ranOut.kind,
          dueAt: ranOut.dueAt.toISOString(),
          supervisorOrgId: supervisor,
          level: t.escalationLevel,
          listed: t.listed,
        }),
        notify: [...new Set(tell)].map((orgId) => ({
          orgId,
          title: ranOut.kind === 'due' ? '任务已逾期，升级督办' : '督办期限已过，任务继续升级督办',
        })),
      });
    }
  }
}
