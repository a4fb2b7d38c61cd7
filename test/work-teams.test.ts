// 工作专班 through HTTP on a real database: forming a team opens this week's report task of every member unit on
// the holiday calendar; the generator is idempotent run again and run by two callers at once; scope (a town sees
// the teams it belongs to, never another town's: 404); bad input → 400 in Chinese; a stale version → 409; and
// the leader's overview (overdue first, each unit's reports on time / late / missing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf, chinaTime } from '../src/domain/calendar/index.js';
import { reportWeekOf, weeksToOpen } from '../src/domain/work-team/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
let leaderId = 0;
let countyUserId = 0;
let team: { id: number; version: number } = { id: 0, version: 0 };

const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);

const DAY = 86_400_000;
const dayAfter = (day: string, n: number) => chinaDayOf(new Date(chinaTime(day, '12:00').getTime() + n * DAY));

/** Moves the clock to the next Monday 09:00 (China) of a week whose Monday to Friday are all working days. */
async function toPlainMonday(): Promise<string> {
  const { calendar } = await sys.services.cases.contexts.context();
  const now = sys.services.clock.now();
  for (let d = 1; d < 120; d++) {
    const day = dayAfter(chinaDayOf(now), d);
    const plain = [0, 1, 2, 3, 4].every((i) => calendar.isWorkingDay(dayAfter(day, i)));
    if (chinaTime(day).getUTCDay() === 0 /* Sunday 16:00 UTC = Monday 00:00 China */ && plain) {
      await sys.services.clock.advance(chinaTime(day, '09:00').getTime() - now.getTime());
      return day;
    }
  }
  throw new Error('no plain week ahead');
}

async function teamTasks(id: number, who = 'county') {
  const r = await json('GET', `/api/tasks?sourceKind=work_team&sourceId=${id}&pageSize=200`, who);
  expect(r.status).toBe(200);
  return r.body.items as { id: number; title: string; state: string; dueAt: string; ownerOrg: { id: number } }[];
}

function teamBody(today: string, extra: Record<string, unknown> = {}) {
  return {
    name: '信访积案化解专班',
    topic: '集中化解重复信访、信访积案',
    leadUserId: leaderId,
    startDate: today,
    endDate: dayAfter(today, 90),
    units: [
      { orgId: org.dept, contactName: '王建', contactPhone: '13900000001' },
      { orgId: org.dept2, contactName: '李明' },
      { orgId: org.town, contactName: '赵丽' },
    ],
    members: [
      { name: '县委副书记', orgId: org.county, role: '组长' },
      { name: '王建', orgId: org.dept, role: '成员' },
    ],
    ...extra,
  };
}

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'leader', 'county', 'town', 'town2', 'village', 'dept']) {
    as[name] = await sys.login(name);
    const me = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body;
    org[name] = me.org.id;
    if (name === 'leader') leaderId = me.id;
    if (name === 'county') countyUserId = me.id;
  }
  org.county = org.admin as number;
  const departments = (await json('GET', '/api/orgs?kind=department&limit=500', 'admin')).body.items as {
    id: number;
    code: string;
    name: string;
  }[];
  const ecology = departments.find((d) => d.name.includes('生态环境')) ?? (departments[1] as (typeof departments)[0]);
  org.dept2 = ecology.id;
  as.dept2 = await sys.login(`d${ecology.code}`);
  org.grid = (await json('GET', `/api/orgs?parentId=${org.village}&kind=grid&limit=1`, 'admin')).body.items[0].id;
});
afterAll(async () => sys?.stop());

describe('forming a team', () => {
  it('opens this week’s report task of every member unit, due at the close of the week’s last working day', async () => {
    const monday = await toPlainMonday();
    const r = await json('POST', '/api/work-teams', 'county', teamBody(monday));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      name: '信访积案化解专班',
      state: 'active',
      stateLabel: '运行中',
      version: 1,
      canManage: true,
    });
    expect(r.body.lead).toMatchObject({ id: leaderId });
    expect(r.body.units.map((u: { org: { id: number } }) => u.org.id)).toEqual([org.dept, org.dept2, org.town]);
    expect(r.body.members).toHaveLength(2);
    team = { id: r.body.id, version: r.body.version };

    const { calendar } = await sys.services.cases.contexts.context();
    const week = reportWeekOf(monday, { start: monday, end: dayAfter(monday, 90) }, calendar);
    expect(week?.dueDay).toBe(dayAfter(monday, 4)); // a plain week: Friday
    const tasks = await teamTasks(team.id);
    expect(tasks).toHaveLength(3);
    expect(tasks.map((t) => t.ownerOrg.id).sort()).toEqual([org.dept, org.dept2, org.town].sort());
    for (const t of tasks) {
      expect(t.title).toContain('信访积案化解专班周报');
      expect(t.dueAt).toBe(chinaTime(dayAfter(monday, 4), '17:30').toISOString());
    }
    // The unit finds its report in its inbox.
    const toSign = (await json('GET', '/api/tasks?box=to_sign', 'dept')).body.items as { title: string }[];
    expect(toSign.some((t) => t.title.includes('信访积案化解专班周报'))).toBe(true);
  });

  it('opens nothing more when the generator runs again', async () => {
    expect(await sys.services.workTeams.openWeeklyReports()).toEqual({ opened: 0 });
    expect(await teamTasks(team.id)).toHaveLength(3);
  });

  it('opens each report once when two callers generate at the same time', async () => {
    const now = sys.services.clock.now();
    const nextMonday = dayAfter(chinaDayOf(now), 7);
    // A team starting next week owes nothing yet.
    const created = await json(
      'POST',
      '/api/work-teams',
      'leader',
      teamBody(nextMonday, {
        name: '城乡环境整治专班',
        units: [
          { orgId: org.dept2, contactName: '李明' },
          { orgId: org.town2, contactName: '钱多' },
        ],
        members: [],
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const second = created.body.id as number;
    expect(await teamTasks(second)).toHaveLength(0);

    // A week later both teams owe this week's reports; two processes' generators run at once.
    await sys.services.clock.advance(7 * DAY);
    const { calendar } = await sys.services.cases.contexts.context();
    const later = sys.services.clock.now();
    const open = (start: string, end: string) => weeksToOpen({ start, end }, later, calendar).length;
    const expected =
      open(chinaDayOf(now), dayAfter(chinaDayOf(now), 90)) * 3 + open(nextMonday, dayAfter(nextMonday, 90)) * 2;
    expect(expected).toBe(5);
    const runs = await Promise.all([
      sys.services.workTeams.openWeeklyReports(),
      sys.services.workTeams.openWeeklyReports(),
    ]);
    expect(runs[0].opened + runs[1].opened).toBe(expected);
    expect(await sys.services.workTeams.openWeeklyReports()).toEqual({ opened: 0 });
    expect(await teamTasks(second)).toHaveLength(2);
    expect(await teamTasks(team.id)).toHaveLength(6);
    const links = await sys.services.db
      .selectFrom('work_team_reports')
      .select(['task_id'])
      .where('team_id', 'in', [team.id, second])
      .execute();
    expect(links).toHaveLength(8);
    expect(new Set(links.map((l) => l.task_id)).size).toBe(8);
  });
});

describe('scope', () => {
  it('shows a team to its organiser’s subtree and its member units, and to no one else (404)', async () => {
    for (const who of ['county', 'leader', 'town', 'dept', 'dept2']) {
      expect((await json('GET', `/api/work-teams/${team.id}`, who)).status, who).toBe(200);
      const list = (await json('GET', '/api/work-teams', who)).body.items as { id: number }[];
      expect(
        list.map((t) => t.id),
        who,
      ).toContain(team.id);
    }
    for (const who of ['town2', 'village']) {
      expect((await json('GET', `/api/work-teams/${team.id}`, who)).status, who).toBe(404);
      expect((await json('GET', `/api/work-teams/${team.id}/overview`, who)).status, who).toBe(404);
      const list = (await json('GET', '/api/work-teams', who)).body.items as { id: number }[];
      expect(
        list.map((t) => t.id),
        who,
      ).not.toContain(team.id);
    }
    // A town sees its own report tasks of the team, not another town's.
    const townTasks = (await json('GET', `/api/tasks?sourceKind=work_team&sourceId=${team.id}`, 'town')).body.items;
    expect(townTasks.length).toBeGreaterThan(0);
    expect((await json('GET', `/api/tasks?sourceKind=work_team&sourceId=${team.id}`, 'town2')).body.items).toEqual([]);
  });

  it('lets only units that manage teams change one: a town gets 403, another town’s administrator 404', async () => {
    const end = await json('POST', `/api/work-teams/${team.id}/end`, 'town', { version: team.version });
    expect(end.status).toBe(403);
    const created = await json('POST', '/api/users', 'admin', {
      username: 'town2admin',
      displayName: '镇管理员',
      role: 'admin',
      orgId: org.town2,
      password: 'Second-town-42',
    });
    expect(created.status).toBe(201);
    as.town2admin = await sys.login('town2admin', 'Second-town-42');
    expect((await json('POST', `/api/work-teams/${team.id}/end`, 'town2admin', { version: team.version })).status).toBe(
      404,
    );
    expect(
      (
        await json('POST', `/api/work-teams/${team.id}/tasks`, 'town2admin', {
          title: 'x',
          ownerOrgId: org.town,
          limit: { amount: 1, unit: 'working_days' },
        })
      ).status,
    ).toBe(404);
  });
});

describe('bad input is refused with a Chinese message, nothing written', () => {
  it.each<[string, (body: Record<string, unknown>) => void, string]>([
    ['an end before the start', (b) => Object.assign(b, { endDate: '2020-01-01' }), '结束日期不能早于开始日期'],
    ['a lead who is no county leader', (b) => Object.assign(b, { leadUserId: countyUserId }), '县领导'],
    [
      'a grid as member unit',
      (b) => Object.assign(b, { units: [{ orgId: org.grid, contactName: '某人' }] }),
      '成员单位',
    ],
    ['a unit without a contact', (b) => Object.assign(b, { units: [{ orgId: org.dept, contactName: ' ' }] }), '联络人'],
    ['a bad date', (b) => Object.assign(b, { startDate: '2026-02-30' }), 'YYYY-MM-DD'],
    ['no member unit', (b) => Object.assign(b, { units: [] }), '至少选择一个成员单位'],
  ])('%s', async (_, change, message) => {
    const body: Record<string, unknown> = teamBody(chinaDayOf(sys.services.clock.now()));
    change(body);
    const before = (await json('GET', '/api/work-teams', 'county')).body.items.length;
    const r = await json('POST', '/api/work-teams', 'county', body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.message).toContain(message);
    expect((await json('GET', '/api/work-teams', 'county')).body.items.length).toBe(before);
  });

  it('refuses a body missing its units (schema) and a task for a unit outside the team', async () => {
    const { units: _, ...noUnits } = teamBody('2026-01-05');
    const missing = await json('POST', '/api/work-teams', 'county', noUnits);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('units');
    const outside = await json('POST', `/api/work-teams/${team.id}/tasks`, 'county', {
      title: '排查积案',
      ownerOrgId: org.town2,
      limit: { amount: 2, unit: 'working_days' },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toBe('任务的责任单位须为专班成员单位');
    const past = await json('POST', `/api/work-teams/${team.id}/tasks`, 'county', {
      title: '排查积案',
      ownerOrgId: org.town,
      dueAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('editing', () => {
  it('changes the team at the version seen; a stale version gets 409 CONFLICT', async () => {
    const current = (await json('GET', `/api/work-teams/${team.id}`, 'county')).body;
    const body = {
      ...teamBody(current.startDate),
      endDate: current.endDate,
      topic: '集中化解重复信访、信访积案；每周五报送进展',
      version: current.version,
    };
    const ok = await json('PUT', `/api/work-teams/${team.id}`, 'leader', body);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.version).toBe(current.version + 1);
    expect(ok.body.history.map((h: { type: string }) => h.type)).toContain('edit');
    const stale = await json('PUT', `/api/work-teams/${team.id}`, 'county', { ...body, name: '另一个名字' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT');
    expect(stale.body.details.current.version).toBe(current.version + 1);
    team.version = ok.body.version;
  });
});

describe('the leader’s overview', () => {
  it('lists overdue items first and tallies each unit’s reports', async () => {
    // This week: the department reports on time.
    const tasks = await teamTasks(team.id, 'dept');
    const deptReport = tasks.find(
      (t) => t.ownerOrg.id === org.dept && t.state !== 'overdue' && new Date(t.dueAt) > sys.services.clock.now(),
    );
    expect(deptReport).toBeDefined();
    const id = deptReport?.id as number;
    let v = (await json('GET', `/api/tasks/${id}`, 'dept')).body.version;
    expect(
      (await json('POST', `/api/tasks/${id}/actions`, 'dept', { version: v, action: { type: 'sign' } })).status,
    ).toBe(200);
    v = (await json('GET', `/api/tasks/${id}`, 'dept')).body.version;
    const done = await json('POST', `/api/tasks/${id}/actions`, 'dept', {
      version: v,
      action: { type: 'complete', result: '本周化解积案 3 件，下周继续走访' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    // An assigned task with a short limit falls overdue.
    const assigned = await json('POST', `/api/work-teams/${team.id}/tasks`, 'leader', {
      title: '梳理重复信访人员名单',
      ownerOrgId: org.town,
      limit: { amount: 2, unit: 'working_hours' },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    await sys.services.clock.advance(DAY);
    for (let i = 0; i < 20 && (await sys.services.tasks.sweep()).more; i++);

    const r = await json('GET', `/api/work-teams/${team.id}/overview`, 'leader');
    expect(r.status).toBe(200);
    const states = (r.body.tasks as { state: string; dueAt: string }[]).map((t) => t.state);
    const firstNotOverdue = states.findIndex((s) => s !== 'overdue');
    expect(firstNotOverdue).toBeGreaterThan(0);
    expect(states.slice(firstNotOverdue)).not.toContain('overdue');
    expect(r.body.tasks[0].kind).toBeDefined();
    expect(
      r.body.tasks.some((t: { kind: string; id: number }) => t.kind === 'assigned' && t.id === assigned.body.id),
    ).toBe(true);

    // Week 1: nobody reported (missing); week 2: the department on time, the others pending.
    const byUnit = Object.fromEntries(
      (r.body.units as { org: { id: number }; onTime: number; missing: number; pending: number }[]).map((u) => [
        u.org.id,
        u,
      ]),
    );
    expect(byUnit[org.dept as number]).toMatchObject({ onTime: 1, missing: 1, pending: 0 });
    expect(byUnit[org.town as number]).toMatchObject({ onTime: 0, missing: 1, pending: 1 });
    expect(r.body.weeks).toHaveLength(2);
    expect(r.body.weeks[0]).toMatchObject({ missing: 3, onTime: 0 });
    expect(r.body.weeks[1]).toMatchObject({ onTime: 1, pending: 2 });
    expect(r.body.weeks[0].weekLabel).toMatch(/^\d{4}年第\d+周$/);
  });

  it('ends the team: no more tasks or reports, its record stays', async () => {
    const ended = await json('POST', `/api/work-teams/${team.id}/end`, 'county', {
      version: team.version,
      note: '阶段性任务完成',
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ state: 'ended', endNote: '阶段性任务完成', canManage: false });
    const assign = await json('POST', `/api/work-teams/${team.id}/tasks`, 'county', {
      title: '再交办',
      ownerOrgId: org.town,
      limit: { amount: 1, unit: 'working_days' },
    });
    expect(assign.status).toBe(409);
    expect(assign.body.code).toBe('WORK_TEAM_ENDED');
    const count = (await teamTasks(team.id)).length;
    await sys.services.clock.advance(7 * DAY);
    await sys.services.workTeams.openWeeklyReports();
    expect(await teamTasks(team.id)).toHaveLength(count);
    expect((await json('GET', `/api/work-teams/${team.id}/overview`, 'leader')).status).toBe(200);
  });
});
