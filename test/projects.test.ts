// 突破项目 through HTTP on a real database: registering a project makes one task per milestone on the working
// calendar; monthly reports move the indicators; the status follows the facts (on track → late when a milestone
// runs over, at risk when last month's report is missing); scope (a town sees its own projects and those it owns
// a milestone of, never another town's: 404); bad input → 400 in Chinese; a stale version → 409; the county's
// year-end evaluation from 1 December and the evaluations per unit for assessment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf, chinaTime } from '../src/domain/calendar/index.js';
import { milestoneDueAt } from '../src/domain/project/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
let Y = 0;
const p: Record<string, number> = {};

const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);

/** Moves the simulated clock forward to a China wall-clock time. */
async function advanceTo(day: string, time: string): Promise<void> {
  const ms = chinaTime(day, time).getTime() - sys.services.clock.now().getTime();
  if (ms > 0) await sys.services.clock.advance(ms);
}

async function sweep() {
  for (let i = 0; i < 20 && (await sys.services.tasks.sweep()).more; i++);
}

async function project(id: number, who = 'county') {
  const r = await json('GET', `/api/projects/${id}`, who);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function actOnTask(who: string, id: number, action: Record<string, unknown>) {
  const version = (await json('GET', `/api/tasks/${id}`, who)).body.version;
  const r = await json('POST', `/api/tasks/${id}/actions`, who, { version, action });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'leader', 'county', 'town', 'town2', 'village', 'dept']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  // Work in a known part of the year: the next 2 February, 09:00 China time.
  const today = chinaDayOf(sys.services.clock.now());
  Y = Number(today.slice(0, 4)) + (today >= `${today.slice(0, 4)}-02-02` ? 1 : 0);
  await advanceTo(`${Y}-02-02`, '09:00');
});
afterAll(async () => sys?.stop());

describe('registering a project', () => {
  it('keeps its indicators and makes one task per milestone, due at the close of its date', async () => {
    const r = await json('POST', '/api/projects', 'dept', {
      year: Y,
      name: '老旧小区改造攻坚',
      goal: '年内完成 20 个老旧小区改造，化解相关信访积案',
      indicators: [
        { name: '完成改造小区', unit: '个', baseline: 0, target: 20 },
        { name: '相关信访积案', unit: '件', baseline: 120, target: 20 },
      ],
      milestones: [
        { title: '完成摸底调查', dueDate: `${Y}-02-26` },
        { title: '全面开工', dueDate: `${Y}-06-30` },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      year: Y,
      status: 'on_track',
      statusLabel: '正常推进',
      progressPercent: 0,
      version: 1,
      ownerOrg: { id: org.dept, name: '住房和城乡建设局' },
      can: { edit: true, report: true, evaluate: false },
    });
    expect(r.body.milestones).toHaveLength(2);
    const [first] = r.body.milestones;
    expect(first.task).toMatchObject({ state: 'pending_sign', sourceKind: 'project_milestone' });
    const { calendar } = await sys.services.cases.contexts.context();
    expect(first.task.dueAt).toBe(milestoneDueAt(`${Y}-02-26`, calendar).toISOString());
    p.dept = r.body.id;
    // The milestone is a task in the department's inbox.
    const tasks = (await json('GET', `/api/tasks?sourceKind=project_milestone&sourceId=${first.id}`, 'dept')).body
      .items;
    expect(tasks.map((t: { id: number }) => t.id)).toEqual([first.task.id]);
  });

  it('registers a town’s own project, and the county one for the other town', async () => {
    const own = await json('POST', '/api/projects', 'town', {
      year: Y,
      name: '矛盾纠纷多元化解',
      goal: '调解成功率达到 98%',
      indicators: [{ name: '调解成功率', unit: '%', baseline: 90, target: 98 }],
      milestones: [{ title: '建成调解中心', dueDate: `${Y}-05-29` }],
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    p.town = own.body.id;
    const forOther = await json('POST', '/api/projects', 'county', {
      year: Y,
      ownerOrgId: org.town2,
      name: '智慧网格建设',
      goal: '网格事件办结率 95% 以上',
    });
    expect(forOther.status, JSON.stringify(forOther.body)).toBe(201);
    p.town2 = forOther.body.id;
  });

  it.each([
    ['a year too far', { year: 2099 }, '项目年度'],
    ['a milestone already past', { milestones: [{ title: '启动', dueDate: '__PAST__' }] }, '已过'],
    [
      'a target equal to its baseline',
      { indicators: [{ name: '户数', unit: '户', baseline: 5, target: 5 }] },
      '不能等于基线值',
    ],
    ['a milestone in another year', { milestones: [{ title: '验收', dueDate: '__NEXT_YEAR__' }] }, '年内'],
    ['no goal', { goal: ' ' }, '项目目标'],
    ['another town as owner', { ownerOrgId: -1 }, '责任单位'],
  ])('refuses %s with 400 and writes nothing', async (_, change, message) => {
    const body: Record<string, unknown> = { year: Y, name: '测试项目', goal: '测试', ...change };
    const milestones = body.milestones as { dueDate: string }[] | undefined;
    if (milestones?.[0]?.dueDate === '__PAST__') milestones[0].dueDate = `${Y}-02-01`;
    if (milestones?.[0]?.dueDate === '__NEXT_YEAR__') milestones[0].dueDate = `${Y + 1}-03-01`;
    if (body.ownerOrgId === -1) body.ownerOrgId = org.town2;
    const before = (await json('GET', `/api/projects?year=${Y}`, 'county')).body.items.length;
    const r = await json('POST', '/api/projects', 'town', body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.message).toContain(message);
    expect((await json('GET', `/api/projects?year=${Y}`, 'county')).body.items.length).toBe(before);
  });

  it('refuses a body without a name (schema) and a village operator (403)', async () => {
    const noName = await json('POST', '/api/projects', 'dept', { year: Y, goal: 'x' });
    expect(noName.status).toBe(400);
    expect(noName.body.message).toContain('name');
    expect((await json('POST', '/api/projects', 'village', { year: Y, name: 'x', goal: 'x' })).status).toBe(403);
  });
});

describe('scope', () => {
  it('shows a project to its owner’s subtree and the county, never to another town (404)', async () => {
    expect((await project(p.town as number, 'town')).name).toBe('矛盾纠纷多元化解');
    expect((await json('GET', `/api/projects/${p.town}`, 'town2')).status).toBe(404);
    expect((await json('GET', `/api/projects/${p.town}`, 'dept')).status).toBe(404);
    expect((await json('GET', `/api/projects/${p.town2}`, 'town')).status).toBe(404);
    const ids = async (who: string) =>
      ((await json('GET', `/api/projects?year=${Y}`, who)).body.items as { id: number }[]).map((i) => i.id).sort();
    expect(await ids('county')).toEqual([p.dept, p.town, p.town2].sort());
    expect(await ids('town')).toEqual([p.town]);
    expect(await ids('town2')).toEqual([p.town2]);
    expect(await ids('village')).toEqual([]);
    // Another town cannot report on it either: it does not exist for them.
    const report = await json('POST', `/api/projects/${p.town}/reports`, 'town2', {
      version: 1,
      month: `${Y}-02`,
      text: 'x',
    });
    expect(report.status).toBe(404);
  });

  it('shares a project with the unit that owns one of its milestones', async () => {
    const r = await json('POST', `/api/projects/${p.dept}/milestones`, 'dept', {
      title: '街道配合完成入户协调',
      dueDate: `${Y}-04-30`,
      ownerOrgId: org.town,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.milestones.at(-1)).toMatchObject({ title: '街道配合完成入户协调', ownerOrg: { id: org.town } });
    const seen = await project(p.dept as number, 'town');
    expect(seen.can).toMatchObject({ edit: false, report: false });
    expect((await json('GET', `/api/projects/${p.dept}`, 'town2')).status).toBe(404);
    // A milestone task's page finds its project (within scope, whatever the year).
    const milestoneId = r.body.milestones.at(-1).id;
    const found = await json('GET', `/api/projects?milestoneId=${milestoneId}`, 'town');
    expect(found.body.items.map((i: { id: number }) => i.id)).toEqual([p.dept]);
    expect((await json('GET', `/api/projects?milestoneId=${milestoneId}`, 'town2')).body.items).toEqual([]);
    // Seeing is not keeping: the town may not report on the department's project.
    const report = await json('POST', `/api/projects/${p.dept}/reports`, 'town', {
      version: seen.version,
      month: `${Y}-02`,
      text: 'x',
    });
    expect(report.status).toBe(403);
  });
});

describe('monthly progress', () => {
  it('moves the indicators, revises a month reported again, and refuses a stale version (409)', async () => {
    const before = await project(p.dept as number, 'dept');
    const [built, petitions] = before.indicators as { id: number }[];
    const r = await json('POST', `/api/projects/${p.dept}/reports`, 'dept', {
      version: before.version,
      month: `${Y}-02`,
      text: '完成 12 个小区入户摸底',
      values: [
        { indicatorId: built?.id, value: 2 },
        { indicatorId: petitions?.id, value: 100 },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.indicators.map((i: { current: number }) => i.current)).toEqual([2, 100]);
    expect(r.body.progressPercent).toBe(15); // (10% + 20%) / 2
    expect(r.body.reports).toHaveLength(1);
    expect(r.body.version).toBe(before.version + 1);

    const stale = await json('POST', `/api/projects/${p.dept}/reports`, 'dept', {
      version: before.version,
      month: `${Y}-02`,
      text: '重复提交',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT');

    const revised = await json('POST', `/api/projects/${p.dept}/reports`, 'dept', {
      version: r.body.version,
      month: `${Y}-02`,
      text: '完成 12 个小区入户摸底，2 个小区开工',
      values: [{ indicatorId: built?.id, value: 3 }],
    });
    expect(revised.status).toBe(201);
    expect(revised.body.reports).toHaveLength(1);
    expect(revised.body.reports[0].text).toContain('2 个小区开工');
    expect(revised.body.indicators[0].current).toBe(3);
  });

  it.each([
    ['a month not begun', { month: '__NEXT__' }, 'month'],
    ['another year', { month: '__LAST_YEAR__' }, 'month'],
    ['no text', { text: '' }, 'text'],
    [
      'evidence not uploaded by the reporter',
      { attachmentIds: ['00000000-0000-0000-0000-000000000000'] },
      'attachmentIds',
    ],
  ])('refuses %s (400)', async (_, change, field) => {
    const current = await project(p.dept as number, 'dept');
    const body: Record<string, unknown> = { version: current.version, month: `${Y}-02`, text: '进展', ...change };
    if (body.month === '__NEXT__') body.month = `${Y}-03`;
    if (body.month === '__LAST_YEAR__') body.month = `${Y - 1}-12`;
    const r = await json('POST', `/api/projects/${p.dept}/reports`, 'dept', body);
    expect(r.status).toBe(400);
    expect(r.body.details.field).toBe(field);
    expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('status from the facts', () => {
  it('turns late when a milestone runs over, at risk when last month’s report is missing', async () => {
    await advanceTo(`${Y}-03-02`, '09:00');
    await sweep();
    const list = await json('GET', `/api/projects?year=${Y}`, 'county');
    type Item = { id: number; status: string; reasons: { code: string }[] };
    const byId = Object.fromEntries((list.body.items as Item[]).map((i) => [i.id, i])) as Record<number, Item>;
    // 完成摸底调查 (due 02-26) is open: late. February was reported.
    expect(byId[p.dept as number]).toMatchObject({ status: 'late', statusLabel: '滞后' });
    expect(byId[p.dept as number]?.reasons.map((r: { code: string }) => r.code)).toEqual(['milestone_overdue']);
    // The town reported nothing for February.
    expect(byId[p.town as number]?.status).toBe('at_risk');
    expect(byId[p.town as number]?.reasons.map((r: { code: string }) => r.code)).toContain('report_missing');
    expect(list.body.items[0].status).toBe('late');
    expect(list.body.statusCounts).toEqual({ late: 1, at_risk: 2, on_track: 0 });
    const late = await json('GET', `/api/projects?year=${Y}&status=late`, 'county');
    expect(late.body.items.map((i: { id: number }) => i.id)).toEqual([p.dept]);
    const mine = await json('GET', `/api/projects?year=${Y}&ownerOrgId=${org.town}`, 'county');
    expect(mine.body.items.map((i: { id: number }) => i.id)).toEqual([p.town]);
  });

  it('is no longer late once the overdue milestone is done (late, but the indicators keep pace)', async () => {
    const detail = await project(p.dept as number, 'dept');
    const taskId = detail.milestones[0].task.id as number;
    await actOnTask('dept', taskId, { type: 'sign' });
    await actOnTask('dept', taskId, { type: 'complete', result: '摸底完成，建立台账' });
    const after = await project(p.dept as number, 'dept');
    expect(after.milestones[0].task).toMatchObject({ state: 'done', completedLate: true });
    expect(after.reasons.map((r: { code: string }) => r.code)).not.toContain('milestone_overdue');
    expect(after.milestoneCounts).toMatchObject({ done: 1, overdue: 0 });
  });
});

describe('the year-end evaluation', () => {
  it('opens on 1 December, is the county’s, and feeds the evaluations per unit', async () => {
    const early = await json('PUT', `/api/projects/${p.dept}/evaluation`, 'leader', {
      version: (await project(p.dept as number)).version,
      score: 90,
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PROJECT_EVALUATION_NOT_OPEN');

    await advanceTo(`${Y}-12-02`, '09:00');
    const current = await project(p.dept as number, 'leader');
    expect(current.can.evaluate).toBe(true);
    expect(
      (await json('PUT', `/api/projects/${p.dept}/evaluation`, 'dept', { version: current.version, score: 99 })).status,
    ).toBe(403);
    expect(
      (await json('PUT', `/api/projects/${p.dept}/evaluation`, 'town', { version: current.version, score: 99 })).status,
    ).toBe(403);
    const bad = await json('PUT', `/api/projects/${p.dept}/evaluation`, 'leader', {
      version: current.version,
      score: 120,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('评价得分须在 0–100 之间');
    const r = await json('PUT', `/api/projects/${p.dept}/evaluation`, 'leader', {
      version: current.version,
      score: 92,
      comment: '改造进度快，群众满意',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.evaluation).toEqual({ score: 92, grade: '优秀' });
    expect(r.body.evaluationDetail).toMatchObject({ comment: '改造进度快，群众满意' });
    const stale = await json('PUT', `/api/projects/${p.dept}/evaluation`, 'county', {
      version: current.version,
      score: 80,
    });
    expect(stale.status).toBe(409);
    const town = await json('PUT', `/api/projects/${p.town}/evaluation`, 'county', {
      version: (await project(p.town as number)).version,
      score: 70,
      grade: '一般',
    });
    expect(town.status).toBe(200);

    const all = await json('GET', `/api/projects/evaluations?year=${Y}`, 'county');
    expect(all.status).toBe(200);
    const units = Object.fromEntries((all.body.units as { org: { id: number } }[]).map((u) => [u.org.id, u]));
    expect(units[org.dept as number]).toMatchObject({ projects: 1, evaluated: 1, meanScore: 92 });
    expect(units[org.town as number]).toMatchObject({ projects: 1, evaluated: 1, meanScore: 70 });
    expect(units[org.town2 as number]).toMatchObject({ projects: 1, evaluated: 0, meanScore: null });
    const own = await json('GET', `/api/projects/evaluations?year=${Y}`, 'town2');
    expect(own.body.units.map((u: { org: { id: number } }) => u.org.id)).toEqual([org.town2]);
  });
});
