import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHINA_2025, CHINA_2026 } from '../calendar/calendar-fixtures.js';
import { chinaTime, createWorkCalendar } from '../calendar/index.js';
import {
  allowedTaskActions,
  applyTaskAction,
  openTask,
  SYSTEM_TASK_ACTOR,
  type Task,
  type TaskAction,
  type TaskActor,
  type TaskContext,
  type TaskRelation,
  taskFacts,
} from './index.js';

const calendar = createWorkCalendar({ specialDays: [...CHINA_2025, ...CHINA_2026] });
const ctxAt = (now: Date): TaskContext => ({
  now,
  calendar,
  supervisionLimit: { amount: 2, unit: 'working_days' },
  warnShare: 0.75,
});
const OWNER = 11;
const ASSIST = 12;
const ASSIGNER = 1;
const TOWN = 5;

const as = (...relations: TaskRelation[]): TaskActor => ({ kind: 'user', orgId: 0, relations: new Set(relations) });
const owner = as('owner');
const assigner = as('assigner');

function opened(now: Date, due: Parameters<typeof openTask>[0]['due'] = { amount: 3, unit: 'working_days' }): Task {
  const r = openTask(
    { id: 1, ownerOrgId: OWNER, assistingOrgIds: [ASSIST], assignedByOrgId: ASSIGNER, due, title: '整治' },
    ctxAt(now),
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value.task;
}

function act(task: Task, action: TaskAction, actor: TaskActor, now: Date): Task {
  const r = applyTaskAction(task, action, actor, ctxAt(now));
  if (!r.ok) throw new Error(`${action.type}: ${r.error.code} ${r.error.message}`);
  return r.value.task;
}

describe('the due clock on the working calendar', () => {
  it.each([
    // [assigned at (China time), limit, due (China time)] — written by hand from the 2026 schedule
    // N working days: the end of office hours of the Nth working day after the start day
    ['2026-09-30 10:00', { amount: 1, unit: 'working_days' }, '2026-10-08 17:30'], // 国庆 10-01..07 off
    ['2026-09-24 16:00', { amount: 1, unit: 'working_days' }, '2026-09-28 17:30'], // 中秋 09-25..27 off
    ['2026-09-18 10:00', { amount: 1, unit: 'working_days' }, '2026-09-20 17:30'], // 调休 Sunday 09-20 works
    ['2026-12-04 09:00', { amount: 2, unit: 'working_days' }, '2026-12-08 17:30'], // Friday → Tuesday
    ['2026-12-04 17:00', { amount: 2, unit: 'working_hours' }, '2026-12-07 10:00'], // 08:30–12:00, 14:00–17:30
    ['2026-12-05 10:00', { amount: 48, unit: 'natural_hours' }, '2026-12-07 10:00'],
  ] as const)('assigned %s with %o is due %s', (at, limit, due) => {
    const [day, time] = at.split(' ') as [string, string];
    const [dueDay, dueTime] = due.split(' ') as [string, string];
    const task = opened(chinaTime(day, time), limit);
    expect(task.dueAt.toISOString()).toBe(chinaTime(dueDay, dueTime).toISOString());
    expect(task.clock?.kind).toBe('due');
    expect(task.clock?.warnAt.getTime()).toBeLessThan(task.dueAt.getTime());
    expect(task.clock?.warnAt.getTime()).toBeGreaterThan(task.clock?.startedAt.getTime() ?? 0);
  });

  it('counts the 调休 Saturday 2026-10-10 as a working day', () => {
    // Friday 2026-10-09 + 1 working day ends on the make-up Saturday, not on Monday.
    const task = opened(chinaTime('2026-10-09', '10:00'), { amount: 1, unit: 'working_days' });
    expect(task.dueAt.toISOString()).toBe(chinaTime('2026-10-10', '17:30').toISOString());
  });

  it('refuses a due time that is not in the future, a zero limit and an owner that also assists', () => {
    const now = chinaTime('2026-12-04', '09:00');
    const base = { id: 1, ownerOrgId: OWNER, assistingOrgIds: [], assignedByOrgId: ASSIGNER, title: 'x' };
    const past = openTask({ ...base, due: { at: chinaTime('2026-12-03', '09:00') } }, ctxAt(now));
    expect(!past.ok && past.error.details.field).toBe('dueAt');
    const zero = openTask({ ...base, due: { amount: 0, unit: 'working_days' } }, ctxAt(now));
    expect(!zero.ok && zero.error.code).toBe('VALIDATION');
    const self = openTask({ ...base, assistingOrgIds: [OWNER], due: { amount: 1, unit: 'working_days' } }, ctxAt(now));
    expect(!self.ok && self.error.details.field).toBe('assistingOrgIds');
    const untitled = openTask({ ...base, title: '  ', due: { amount: 1, unit: 'working_days' } }, ctxAt(now));
    expect(!untitled.ok && untitled.error.details.field).toBe('title');
  });
});

describe('the task lifecycle', () => {
  const t0 = chinaTime('2026-12-07', '09:00');
  const later = (h: number) => new Date(t0.getTime() + h * 3600_000);

  it('待签收 → 办理中 → 已完成 on time, with progress from owner and assisting units', () => {
    let task = opened(t0);
    expect(task.state).toBe('pending_sign');
    expect(allowedTaskActions(task, owner)).toEqual(['sign']);
    expect(allowedTaskActions(task, assigner).sort()).toEqual(['cancel', 'extend', 'urge']);
    task = act(task, { type: 'sign' }, owner, later(1));
    expect(task.state).toBe('in_progress');
    task = act(task, { type: 'progress', note: '已组织排查', percent: 40 }, owner, later(2));
    task = act(task, { type: 'progress', note: '协办单位已到场', percent: 90 }, as('assisting'), later(3));
    expect(task.progressPercent).toBe(40); // only the owner sets the figure
    task = act(task, { type: 'complete', result: '已整治完毕', evidenceIds: ['a'] }, owner, later(4));
    expect(task).toMatchObject({ state: 'done', completedLate: false, progressPercent: 100, clock: null, version: 5 });
  });

  it('refuses what the state or the relation does not allow, saying which', () => {
    const task = opened(t0);
    const early = applyTaskAction(task, { type: 'complete', result: 'x' }, owner, ctxAt(later(1)));
    expect(!early.ok && early.error).toMatchObject({
      code: 'TASK_ACTION_NOT_ALLOWED_IN_STATE',
      details: { needsSign: true },
    });
    const stranger = applyTaskAction(task, { type: 'sign' }, as('assisting'), ctxAt(later(1)));
    expect(!stranger.ok && stranger.error.code).toBe('NOT_AUTHORISED_FOR_TASK_ACTION');
    const notByHand = applyTaskAction(
      task,
      { type: 'escalateOverdue', supervisorOrgId: TOWN },
      as('assigner', 'supervisor', 'owner'),
      ctxAt(later(100)),
    );
    expect(!notByHand.ok && notByHand.error.code).toBe('NOT_AUTHORISED_FOR_TASK_ACTION');
    const blank = applyTaskAction(
      act(task, { type: 'sign' }, owner, later(1)),
      { type: 'complete', result: ' ' },
      owner,
      ctxAt(later(2)),
    );
    expect(!blank.ok && blank.error.details.field).toBe('result');
    const cancelled = act(task, { type: 'cancel', reason: '会议决定撤销' }, assigner, later(1));
    expect(allowedTaskActions(cancelled, owner)).toEqual([]);
  });

  it('overdue: climbs one level, then again when the supervision runs out, then is listed at the top', () => {
    let task = act(opened(t0, { amount: 1, unit: 'working_days' }), { type: 'sign' }, owner, later(1));
    const notYet = applyTaskAction(
      task,
      { type: 'escalateOverdue', supervisorOrgId: TOWN },
      SYSTEM_TASK_ACTOR,
      ctxAt(later(2)),
    );
    expect(notYet.ok).toBe(false);
    const due = task.dueAt;
    const first = applyTaskAction(
      task,
      { type: 'escalateOverdue', supervisorOrgId: TOWN },
      SYSTEM_TASK_ACTOR,
      ctxAt(due),
    );
    if (!first.ok) throw new Error(first.error.message);
    task = first.value.task;
    expect(task).toMatchObject({ state: 'overdue', supervisorOrgId: TOWN, escalationLevel: 1, listed: false });
    expect(task.clock).toMatchObject({ kind: 'supervision', orgId: TOWN });
    expect(first.value.notify.map((n) => n.orgId).sort()).toEqual([ASSIGNER, TOWN, OWNER].sort());
    // still workable while overdue; completing now is late
    expect(allowedTaskActions(task, owner).sort()).toEqual(['complete', 'progress']);
    const county = 1;
    task = act(task, { type: 'escalateOverdue', supervisorOrgId: county }, SYSTEM_TASK_ACTOR, task.clock?.dueAt ?? due);
    expect(task).toMatchObject({ escalationLevel: 2, supervisorOrgId: county });
    task = act(task, { type: 'escalateOverdue', supervisorOrgId: null }, SYSTEM_TASK_ACTOR, task.clock?.dueAt ?? due);
    expect(task).toMatchObject({ escalationLevel: 3, supervisorOrgId: county, listed: true, clock: null });
    const done = act(task, { type: 'complete', result: '补办完成' }, owner, new Date(due.getTime() + 10 * 86_400_000));
    expect(done).toMatchObject({ state: 'done', completedLate: true });
  });

  it('an extension puts an overdue task back on time with a new due clock', () => {
    let task = opened(t0, { amount: 1, unit: 'working_days' });
    task = act(task, { type: 'escalateOverdue', supervisorOrgId: TOWN }, SYSTEM_TASK_ACTOR, task.dueAt);
    const newDue = chinaTime('2026-12-18', '17:30');
    task = act(task, { type: 'extend', dueAt: newDue, reason: '需等待汛期结束' }, as('supervisor'), later(30));
    expect(task).toMatchObject({ state: 'pending_sign', dueAt: newDue });
    expect(task.clock).toMatchObject({ kind: 'due', orgId: OWNER, dueAt: newDue });
  });
});

describe('property: any sequence of actions keeps the task consistent', () => {
  const actions: fc.Arbitrary<[TaskAction, TaskActor]> = fc.oneof(
    fc.constant<[TaskAction, TaskActor]>([{ type: 'sign' }, owner]),
    fc.constant<[TaskAction, TaskActor]>([{ type: 'progress', note: '进展', percent: 50 }, owner]),
    fc.constant<[TaskAction, TaskActor]>([{ type: 'complete', result: '完成' }, owner]),
    fc.constant<[TaskAction, TaskActor]>([{ type: 'cancel', reason: '撤销' }, assigner]),
    fc.constant<[TaskAction, TaskActor]>([{ type: 'urge' }, assigner]),
    fc.constant<[TaskAction, TaskActor]>([{ type: 'escalateOverdue', supervisorOrgId: TOWN }, SYSTEM_TASK_ACTOR]),
  );
  it('open tasks have a clock (unless listed at the top), finished ones none; versions count the changes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(actions, fc.integer({ min: 1, max: 72 })), { maxLength: 25 }), (steps) => {
        let task = opened(chinaTime('2026-12-07', '09:00'));
        let now = task.updatedAt;
        let applied = 0;
        for (const [[action, actor], hours] of steps) {
          now = new Date(now.getTime() + hours * 3600_000);
          const r = applyTaskAction(task, action, actor, ctxAt(now));
          if (!r.ok) continue;
          applied++;
          expect(r.value.event.fromState).toBe(task.state);
          expect(r.value.event.toState).toBe(r.value.task.state);
          task = r.value.task;
          const open = ['pending_sign', 'in_progress', 'overdue'].includes(task.state);
          if (open && !task.listed) expect(task.clock).not.toBeNull();
          if (!open) expect(task.clock).toBeNull();
          if (task.state === 'done') expect(task.completedLate).toBe(now > task.dueAt);
          if (task.state === 'overdue') expect(task.escalationLevel).toBeGreaterThan(0);
        }
        expect(task.version).toBe(1 + applied);
      }),
    );
  });
});

describe('assessment facts of a task (任务按期完成率)', () => {
  const at = (day: string) => chinaTime(day, '10:00');
  it.each([
    ['completed on time', [{ type: 'complete', at: at('2026-11-30'), details: { late: false } }], [['2026-11', 1, 1]]],
    [
      'completed after the due time before the sweeper ran',
      [{ type: 'complete', at: at('2026-12-01'), details: { late: true } }],
      [['2026-12', 1, 0]],
    ],
    [
      'ran out, then completed: counted once, as not on time, in the month it ran out',
      [
        { type: 'escalateOverdue', at: at('2026-11-30'), details: { level: 1 } },
        { type: 'escalateOverdue', at: at('2026-12-02'), details: { level: 2 } },
        { type: 'extend', at: at('2026-12-03'), details: {} },
        { type: 'complete', at: at('2026-12-04'), details: { late: false } },
      ],
      [['2026-11', 1, 0]],
    ],
    [
      'cancelled or still open: nothing',
      [
        { type: 'sign', at: at('2026-11-30'), details: {} },
        { type: 'cancel', at: at('2026-12-01'), details: {} },
      ],
      [],
    ],
  ] as const)('%s', (_, events, expected) => {
    const facts = taskFacts(events.map((e) => ({ ...e, details: e.details as Record<string, unknown> })));
    expect(facts.map((f) => [f.month, f.taskDue, f.taskOnTime])).toEqual(expected);
  });
});
