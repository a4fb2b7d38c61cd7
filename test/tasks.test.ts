// The task capability through HTTP on a real database: assigning on the working calendar, the owner's actions,
// the boxes, scope (a town sees what it assigned and what was assigned to it, never another town's), conflicts,
// bad input, and the sweeper: overdue → one level up → the county → listed, each deadline once even with two
// sweepers (two server processes on PostgreSQL) at the same time.

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf, chinaTime } from '../src/domain/calendar/index.js';
import { rebuildAssessment } from '../src/modules/assessment/index.js';
import { loadTask } from '../src/modules/tasks/act-on-task.js';
import { makePng, multipartFile } from './support/images.js';
import { holdLocks, waitsOnLocks } from './support/lock-waits.js';
import { onPostgres, startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'dept', 'grid']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
});
afterAll(async () => sys?.stop());

const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);

async function assign(who: string, payload: Record<string, unknown>) {
  const r = await json('POST', '/api/tasks', who, payload);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function act(who: string, id: number, action: Record<string, unknown>, version?: number) {
  const v = version ?? (await json('GET', `/api/tasks/${id}`, who)).body.version;
  return json('POST', `/api/tasks/${id}/actions`, who, { version: v, action });
}

/** Moves the simulated clock to the next Friday 16:00 China time at least a day ahead (a plain week). */
async function toNextFriday(): Promise<Date> {
  const now = sys.services.clock.now();
  for (let d = 1; d < 9; d++) {
    const day = new Date(now.getTime() + 8 * 3600_000 + d * 86_400_000).toISOString().slice(0, 10);
    const at = chinaTime(day, '16:00');
    if (at.getUTCDay() === 5 && at > now) {
      await sys.services.clock.advance(at.getTime() - now.getTime());
      return at;
    }
  }
  throw new Error('no Friday ahead');
}

async function sweepUntilIdle() {
  for (let i = 0; i < 20 && (await sys.services.tasks.sweep()).more; i++);
}

describe('assigning a task', () => {
  it('starts the clock on the working calendar and waits in the owner’s 待签收 box', async () => {
    const friday = await toNextFriday();
    const task = await assign('county', {
      title: '老旧小区加装电梯协调',
      description: '联席会议决定：由住建局牵头，两周内拿出方案',
      ownerOrgId: org.dept,
      assistingOrgIds: [org.town],
      limit: { amount: 2, unit: 'working_days' },
    });
    // Friday + 2 working days: the end of office hours on Tuesday.
    const tuesday = new Date(friday.getTime() + 4 * 86_400_000);
    const expected = chinaTime(new Date(tuesday.getTime() + 8 * 3600_000).toISOString().slice(0, 10), '17:30');
    expect(task.dueAt).toBe(expected.toISOString());
    expect(task).toMatchObject({ state: 'pending_sign', stateLabel: '待签收', sourceKind: 'manual', version: 1 });
    expect(task.number).toMatch(/^RW\d{8}\d{6}$/);
    expect(task.clock).toMatchObject({ kind: 'due', color: 'green' });
    expect(task.ownerOrg.name).toBe('住房和城乡建设局');
    expect(task.history.map((h: { type: string }) => h.type)).toEqual(['create']);
    expect(task.allowedActions.sort()).toEqual(['cancel', 'extend', 'urge']);

    const deptInbox = (await json('GET', '/api/tasks/inbox', 'dept')).body.boxes;
    expect(deptInbox.to_sign).toBeGreaterThanOrEqual(1);
    const toSign = (await json('GET', '/api/tasks?box=to_sign', 'dept')).body.items;
    expect(toSign.map((t: { id: number }) => t.id)).toContain(task.id);
    const deptView = (await json('GET', `/api/tasks/${task.id}`, 'dept')).body;
    expect(deptView.allowedActions).toEqual(['sign']);
    // the assisting town sees it too, in progress once signed; the other town does not see it at all
    expect((await json('GET', `/api/tasks/${task.id}`, 'town')).status).toBe(200);
    const hidden = await json('GET', `/api/tasks/${task.id}`, 'town2');
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('TASK_NOT_FOUND');
    const notes = (await json('GET', '/api/notifications', 'dept')).body.items;
    expect(notes.some((n: { title: string }) => n.title.includes('老旧小区加装电梯协调'))).toBe(true);
    // audit entry and outbox message in the same transaction
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'task')
      .where('target_id', '=', String(task.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['task.create']);
    const outbox = await sys.services.db.selectFrom('outbox').select('topic').where('task_id', '=', task.id).execute();
    expect(outbox).toEqual([{ topic: 'task.changed' }]);
  });

  it('a task about a case is listed on the case (sourceKind case) and links back to it', async () => {
    const grid = await sys.services.db
      .selectFrom('orgs')
      .select('id')
      .where('kind', '=', 'grid')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const created = await sys.services.cases.create(
      { channel: 'walk_in', body: '小区消防通道被长期占用，需要协调整治。', gridId: grid.id },
      null,
    );
    const task = await assign('county', {
      title: '消防通道占用协调整治',
      ownerOrgId: org.dept,
      caseId: created.id,
      limit: { amount: 3, unit: 'working_days' },
    });
    expect(task).toMatchObject({ sourceKind: 'case', sourceId: String(created.id), caseId: created.id });
    expect(task.caseNumber).toMatch(/^GZ/);
    const ofCase = (await json('GET', `/api/tasks?sourceKind=case&sourceId=${created.id}&box=all`, 'county')).body
      .items;
    expect(ofCase.map((t: { id: number }) => t.id)).toEqual([task.id]);
  });

  it('answers bad input with a 400 a person can act on, and writes nothing', async () => {
    const before = (
      await sys.services.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const past = await json('POST', '/api/tasks', 'county', {
      title: '过去的期限',
      ownerOrgId: org.dept,
      dueAt: new Date(sys.services.clock.now().getTime() - 3600_000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(past.body.message).toBe('完成期限必须晚于当前时间');
    const neither = await json('POST', '/api/tasks', 'county', { title: '没有期限', ownerOrgId: org.dept });
    expect(neither.status).toBe(400);
    expect(neither.body.message).toContain('完成期限');
    const unknown = await json('POST', '/api/tasks', 'county', {
      title: '不存在的单位',
      ownerOrgId: 999_999,
      limit: { amount: 1, unit: 'working_days' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('不存在');
    const self = await json('POST', '/api/tasks', 'county', {
      title: '自己协办自己',
      ownerOrgId: org.dept,
      assistingOrgIds: [org.dept],
      limit: { amount: 1, unit: 'working_days' },
    });
    expect(self.status).toBe(400);
    expect(self.body.message).toBe('协办单位不能与责任单位相同');
    const after = (
      await sys.services.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(Number(after)).toBe(Number(before));
    // a grid worker does not assign tasks
    const grid = await json('POST', '/api/tasks', 'grid', {
      title: 'x',
      ownerOrgId: org.dept,
      limit: { amount: 1, unit: 'working_days' },
    });
    expect(grid.status).toBe(403);
  });
});

describe('working a task', () => {
  it('sign → progress → complete; a second writer with the same version gets a conflict', async () => {
    const task = await assign('town', {
      title: '村道护栏修复',
      ownerOrgId: org.village,
      limit: { amount: 3, unit: 'working_days' },
    });
    const early = await act('village', task.id, { type: 'complete', result: '已修复' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('TASK_ACTION_NOT_ALLOWED_IN_STATE');
    expect(early.body.message).toBe('请先签收任务，再办结');
    const notOwner = await act('town2', task.id, { type: 'sign' }, 1);
    expect(notOwner.status).toBe(404);
    const signed = await act('village', task.id, { type: 'sign' }, 1);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ state: 'in_progress', version: 2 });
    // two people at once on version 2: one wins
    const [a, b] = await Promise.all([
      act('village', task.id, { type: 'progress', note: '已采购材料', percent: 30 }, 2),
      act('village', task.id, { type: 'progress', note: '已联系施工队', percent: 40 }, 2),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.code).toBe('TASK_VERSION_CONFLICT');
    const blank = await act('village', task.id, { type: 'complete', result: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toBe('请填写办理结果');
    const done = await act('village', task.id, { type: 'complete', result: '护栏已全部更换', evidenceIds: [] });
    expect(done.body).toMatchObject({ state: 'done', completedLate: false, progressPercent: 100, clock: null });
    expect(done.body.history.map((h: { type: string }) => h.type)).toEqual(['create', 'sign', 'progress', 'complete']);
    // the town that assigned it sees the result; the other town cannot act on it
    const townView = (await json('GET', `/api/tasks/${task.id}`, 'town')).body;
    expect(townView.result).toBe('护栏已全部更换');
    expect(townView.allowedActions).toEqual([]);
  });

  it('evidence of a task is readable by whoever sees the task, not by another town', async () => {
    const task = await assign('town', {
      title: '路灯维修',
      ownerOrgId: org.village,
      limit: { amount: 3, unit: 'working_days' },
    });
    await act('village', task.id, { type: 'sign' }, 1);
    const { payload, contentType } = multipartFile('evidence.png', makePng(40, 30, [20, 120, 60]));
    const upload = await sys.request({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...(as.village as Headers), 'content-type': contentType },
      payload,
    });
    expect(upload.statusCode).toBe(201);
    const photo = upload.json().id as string;
    // before it is on the task, only the uploader reads it
    expect(
      (await sys.request({ method: 'GET', url: `/api/attachments/${photo}`, headers: as.town as Headers })).statusCode,
    ).toBe(404);
    // another unit cannot make someone else's upload part of its task
    const foreign = await act('town', task.id, { type: 'urge' });
    expect(foreign.status).toBe(200);
    const stolen = await sys.json('POST', `/api/tasks/${task.id}/actions`, as.village as Headers, {
      version: foreign.body.version,
      action: { type: 'progress', note: '借用', attachmentIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.message).toContain('不是您上传的');
    const done = await act('village', task.id, { type: 'complete', result: '已更换灯泡', evidenceIds: [photo] });
    expect(done.status).toBe(200);
    expect(done.body.history.at(-1).attachmentIds).toEqual([photo]);
    for (const [who, status] of [
      ['town', 200],
      ['county', 200],
      ['town2', 404],
      ['dept', 404],
    ] as const) {
      const r = await sys.request({ method: 'GET', url: `/api/attachments/${photo}`, headers: as[who] as Headers });
      expect(r.statusCode, who).toBe(status);
    }
  });

  it('scope: a town lists what it assigned and what its villages own, not another town’s', async () => {
    const other = await assign('town2', {
      title: '二镇内部任务',
      ownerOrgId: org.town2,
      limit: { amount: 5, unit: 'working_days' },
    });
    const mine = (await json('GET', '/api/tasks?box=all&pageSize=200', 'town')).body.items.map(
      (t: { id: number }) => t.id,
    );
    expect(mine).not.toContain(other.id);
    const county = (await json('GET', '/api/tasks?box=all&pageSize=200', 'county')).body.items.map(
      (t: { id: number }) => t.id,
    );
    expect(county).toContain(other.id);
    const assigned = (await json('GET', '/api/tasks?box=assigned&pageSize=200', 'town')).body.items;
    const townUnits = (
      await sys.services.db.selectFrom('orgs').select('id').where('path', 'like', `%/${org.town}/%`).execute()
    ).map((o) => o.id);
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned.every((t: { assignedByOrg: { id: number } }) => townUnits.includes(t.assignedByOrg.id))).toBe(true);
    const outside = await act('town', other.id, { type: 'urge' }, 1);
    expect(outside.status).toBe(404);
  });
});

describe('overdue tasks climb', () => {
  it('village → town → county, then listed; the assigner sees it in 逾期', async () => {
    const task = await assign('town', {
      title: '垃圾中转站异味整治',
      ownerOrgId: org.village,
      limit: { amount: 4, unit: 'natural_hours' },
    });
    await act('village', task.id, { type: 'sign' }, 1);
    await sys.services.clock.advance(3.5 * 3600_000);
    await sweepUntilIdle();
    let view = (await json('GET', `/api/tasks/${task.id}`, 'town')).body;
    expect(view.state).toBe('in_progress');
    expect(view.clock.color).toBe('yellow');
    const warned = (await json('GET', '/api/notifications', 'village')).body.items;
    expect(warned.some((n: { title: string }) => n.title.startsWith('任务即将到期'))).toBe(true);

    await sys.services.clock.advance(3600_000);
    await sweepUntilIdle();
    view = (await json('GET', `/api/tasks/${task.id}`, 'town')).body;
    expect(view).toMatchObject({
      state: 'overdue',
      stateLabel: '已逾期',
      escalationLevel: 1,
      supervisorOrg: { id: org.town },
    });
    expect(view.clock).toMatchObject({ kind: 'supervision' });
    const overdueBox = (await json('GET', '/api/tasks?box=overdue&pageSize=200', 'town')).body.items.map(
      (t: { id: number }) => t.id,
    );
    expect(overdueBox).toContain(task.id);
    expect(
      (await json('GET', '/api/tasks?box=supervising&pageSize=200', 'town')).body.items.map(
        (t: { id: number }) => t.id,
      ),
    ).toContain(task.id);

    // the town's two working days run out: the county supervises; then nobody above: listed
    await sys.services.clock.advance(5 * 86_400_000);
    await sweepUntilIdle();
    view = (await json('GET', `/api/tasks/${task.id}`, 'county')).body;
    expect(view).toMatchObject({ escalationLevel: 2, supervisorOrg: { id: org.county } });
    await sys.services.clock.advance(5 * 86_400_000);
    await sweepUntilIdle();
    view = (await json('GET', `/api/tasks/${task.id}`, 'county')).body;
    expect(view).toMatchObject({ escalationLevel: 3, listed: true, clock: null });
    expect(view.history.filter((h: { type: string }) => h.type === 'escalateOverdue')).toHaveLength(3);
    // still workable: completing now is late
    const done = await act('village', task.id, { type: 'complete', result: '已整治' });
    expect(done.body).toMatchObject({ state: 'done', completedLate: true });
  });

  it('each deadline escalates once when two sweepers run at the same time', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) ids.push(await countyTask(`并发测试任务${i}`, org.dept as number, 1));
    await sys.services.clock.advance(2 * 3600_000);
    // A second server process on the same PostgreSQL database (on PGlite: a second sweeper in this process).
    const other = onPostgres()
      ? await startTestSystem({ databaseUrl: sys.databaseUrl as string, jobs: false, seed: false })
      : sys;
    try {
      await other.services.clock.refresh();
      const loop = async (s: TestSystem) => {
        for (let i = 0; i < 20 && (await s.services.tasks.sweep()).more; i++);
      };
      await Promise.all([loop(sys), loop(other), loop(sys), loop(other)]);
    } finally {
      if (other !== sys) await other.close();
    }
    const escalations = await sys.services.db
      .selectFrom('task_events')
      .select(['task_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('type', '=', 'escalateOverdue')
      .where('task_id', 'in', ids)
      .groupBy('task_id')
      .execute();
    expect(escalations).toHaveLength(60);
    expect(escalations.every((e) => Number(e.n) === 1)).toBe(true);
  });
});

// An action locks its task and then replaces the task's clock; the sweeper claims the clock first, then the task.
// When the sweeper waited for the task, the two closed a circle (a deadlock in CI's PostgreSQL log at stop 23:
// `DELETE FROM task_deadlines` against `SELECT … FROM tasks … FOR UPDATE`). The sweeper now skips a task an
// action holds, and an action's lock (FOR NO KEY UPDATE) lets the due-soon notice of the same task by.
describe.runIf(onPostgres())('the task sweeper beside a person’s action', () => {
  it('skips a held task without waiting, warns a held one in its yellow time, escalates once it is let go', async () => {
    const due = await countyTask('锁等待测试：到期', org.dept as number, 1);
    const yellow = await countyTask('锁等待测试：临期', org.dept as number, 8);
    await sys.services.clock.advance(2 * 3600_000);
    const db = sys.services.db;
    await db
      .updateTable('task_deadlines')
      .set({ warn_at: sys.services.clock.now() })
      .where('task_id', '=', yellow)
      .execute();
    const action = holdLocks(db, async (trx) => {
      await loadTask(trx, due, null, true);
      await loadTask(trx, yellow, null, true);
    });
    await action.held;
    const sweep = sys.services.tasks.sweep();
    const waited = await waitsOnLocks(db, sweep);
    action.release();
    await action.done;
    await sweep;
    expect(waited).toBe(false);
    const escalations = () =>
      db
        .selectFrom('task_events')
        .select('task_id')
        .where('type', '=', 'escalateOverdue')
        .where('task_id', '=', due)
        .execute();
    expect(await escalations()).toHaveLength(0);
    const warnings = await db
      .selectFrom('notifications')
      .select('kind')
      .where('task_id', '=', yellow)
      .where('kind', '=', 'task_due_soon')
      .execute();
    expect(warnings).toHaveLength(1);
    await sweepUntilIdle();
    expect(await escalations()).toHaveLength(1);
  });
});

// A task's first escalation counts it due for its owner. The sweeper's batch added those facts one task at a time,
// in the tasks' order, while every other writer adds its rows in one order (month, unit): a writer holding a
// unit's row and about to take a higher one met the batch holding the higher one and waiting for the lower one.
// The batch now writes its facts once, at its end, in that order.
describe.runIf(onPostgres())('the task sweeper beside another writer of the assessment facts', () => {
  it('adds a batch’s facts in the one order, so a writer holding a lower unit’s row finishes first', async () => {
    await sweepUntilIdle();
    const [low, high] = [org.dept as number, org.town as number].sort((a, b) => a - b) as [number, number];
    await countyTask('考核顺序测试1', high, 1); // falls due first: the batch escalates it first
    await countyTask('考核顺序测试2', low, 2);
    await sys.services.clock.advance(3 * 3600_000);
    const month = chinaDayOf(sys.services.clock.now()).slice(0, 7);
    const db = sys.services.db;
    const dueOf = async (unitId: number) =>
      Number(
        (
          await db
            .selectFrom('assessment_facts')
            .select('task_due')
            .where('unit_id', '=', unitId)
            .where('month', '=', month)
            .executeTakeFirst()
        )?.task_due ?? 0,
      );
    const before = [await dueOf(low), await dueOf(high)];
    const writer = new pg.Client({ connectionString: sys.databaseUrl });
    await writer.connect();
    const add = (unitId: number) =>
      writer.query(
        `INSERT INTO assessment_facts (unit_id, month) VALUES ($1, $2)
         ON CONFLICT (month, unit_id) DO UPDATE SET task_due = assessment_facts.task_due`,
        [unitId, month],
      );
    try {
      await writer.query('BEGIN');
      await add(low);
      const sweep = sys.services.tasks.sweep();
      // The batch waits for the lower row (before: it had taken the higher one first).
      expect(await waitsOnLocks(db, sweep)).toBe(true);
      await add(high); // before the change: a deadlock here, one side aborted by PostgreSQL
      await writer.query('COMMIT');
      await sweep;
    } finally {
      await writer.end();
    }
    expect([await dueOf(low), await dueOf(high)]).toEqual([(before[0] as number) + 1, (before[1] as number) + 1]);
  });
});

describe('任务按期完成率', () => {
  it('each task settles once for its owner: on time, or when its clock first ran out; a rebuild agrees', async () => {
    const facts = async () =>
      sys.services.db
        .selectFrom('assessment_facts')
        .select((eb) => [eb.fn.sum<number>('task_due').as('due'), eb.fn.sum<number>('task_on_time').as('onTime')])
        .where('unit_id', '=', org.grid as number)
        .executeTakeFirstOrThrow();
    const before = await facts();
    const onTime = await assign('village', {
      title: '楼道杂物清理',
      ownerOrgId: org.grid,
      limit: { amount: 2, unit: 'natural_hours' },
    });
    const late = await assign('village', {
      title: '井盖破损排查',
      ownerOrgId: org.grid,
      limit: { amount: 2, unit: 'natural_hours' },
    });
    await act('grid', onTime.id, { type: 'sign' }, 1);
    await act('grid', onTime.id, { type: 'complete', result: '已清理' }, 2);
    await act('grid', late.id, { type: 'sign' }, 1);
    await sys.services.clock.advance(3 * 3600_000);
    await sweepUntilIdle();
    // completed after it ran out: counted once, when it ran out, as not on time
    await act('grid', late.id, { type: 'complete', result: '已排查' });
    const delta = async () => {
      const now = await facts();
      return {
        due: Number(now.due ?? 0) - Number(before.due ?? 0),
        onTime: Number(now.onTime ?? 0) - Number(before.onTime ?? 0),
      };
    };
    expect(await delta()).toEqual({ due: 2, onTime: 1 });
    await rebuildAssessment(sys.services.db);
    expect(await delta()).toEqual({ due: 2, onTime: 1 });
    const month = new Date(sys.services.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    const view = (await json('GET', `/api/assessment/ranking?unitType=department&period=${month}`, 'county')).body;
    const dept = view.rows.find((r: { unitId: number }) => r.unitId === org.dept);
    // 住建局's tasks of this file all ran out this month, none completed in time
    expect(dept.values.taskOnTimeRate).toBe(0);
  });
});

async function principalOf(who: string) {
  const token = (as[who] as Headers).authorization?.replace('Bearer ', '') ?? '';
  return sys.services.auth.principalForSession(token);
}

/** A task the county assigns straight through the service, due after `hours` natural hours. */
async function countyTask(title: string, ownerOrgId: number, hours: number): Promise<number> {
  const task = await sys.services.tasks.create(
    { title, sourceKind: 'manual', ownerOrgId, limit: { amount: hours, unit: 'natural_hours' } },
    await principalOf('county'),
  );
  return task.id;
}
