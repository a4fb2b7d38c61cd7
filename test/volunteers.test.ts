// Volunteers and social organisations (issue 17 §1) through HTTP on a real database (PGlite, and PostgreSQL
// when TEST_DATABASE_URL is set): the demo registry, teams and activities; a citizen registers and joins a team;
// N volunteers sign up at once for M places — exactly M succeed, the others get 409 "名额已满"; check-in on site
// and in the window, check-out credits the hours once (two check-outs at once, a retried confirmation) and
// civility points through the points ledger; scope between towns; bad input refused in Chinese with nothing
// written; statistics and their spreadsheet; social organisations: registry, stages, support, a purchased
// service whose deliverables become tasks of the purchaser, the evaluation, cases assigned through the linked org.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenLogin } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
let villagePoint = { lat: 0, lng: 0 };

const json = (method: string, url: string, who: string | Headers, payload?: unknown) =>
  sys.json(method, url, typeof who === 'string' ? (as[who] as Headers) : who, payload);

function ok<T extends { status: number; body: unknown }>(r: T, status = 200): T {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
let clockOffsetMs = 0;
const now = () => Date.now() + clockOffsetMs;
const at = (m: number) => new Date(now() + m * 60_000).toISOString();

async function advance(minutes: number) {
  ok(await json('POST', '/api/clock/advance', 'admin', { minutes }));
  clockOffsetMs += minutes * 60_000;
}

async function volunteer(phone: string, name: string): Promise<Headers> {
  const h = await citizenLogin(sys, phone);
  ok(await json('PUT', '/api/volunteers/my/profile', h, { name, skills: ['急救'], villageId: org.village }));
  return h;
}

async function newActivity(who: string, body: Record<string, unknown>) {
  return ok(
    await json('POST', '/api/volunteers/activities', who, {
      title: '测试活动',
      place: '村委会',
      startsAt: at(60 * 24),
      endsAt: at(60 * 26),
      capacity: 5,
      publish: true,
      ...body,
    }),
    201,
  ).body;
}

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'grid', 'dept', 'mediator']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  const v = ok(await json('GET', `/api/orgs/${org.village}`, 'admin')).body;
  villagePoint = { lat: v.centerLat ?? 29.3, lng: v.centerLng ?? 120.1 };
  as.citizen = await citizenLogin(sys, '13800000001');
}, 180_000);

afterAll(async () => {
  await sys?.stop();
});

describe('demo data and the phone', () => {
  it('the village sees its teams and activities; 张三 is a volunteer with hours', async () => {
    const list = ok(await json('GET', '/api/volunteers/activities', 'village')).body;
    expect(list.items.map((a: { stateLabel: string }) => a.stateLabel)).toEqual(
      expect.arrayContaining(['报名中', '已结束']),
    );
    const finished = list.items.find((a: { state: string }) => a.state === 'finished');
    const detail = ok(await json('GET', `/api/volunteers/activities/${finished.id}`, 'village')).body;
    expect(detail.totalHours).toBeGreaterThan(0);
    expect(detail.signups[0].volunteer.phone).toMatch(/\*\*\*\*/);
    const mine = ok(await json('GET', '/api/volunteers/my', 'citizen')).body;
    expect(mine.volunteer.name).toBe('张三');
    expect(mine.volunteer.hours).toBe(2);
    expect(mine.open.length).toBeGreaterThan(0);
    const teams = ok(await json('GET', '/api/volunteers/teams', 'village')).body.items;
    expect(teams.length).toBeGreaterThan(0);
    const record = ok(await json('GET', '/api/volunteers/my/record', 'citizen')).body;
    expect(record.totalHours).toBe(2);
    expect(record.activities[0].hours).toBe(2);
  });

  it('a citizen registers, joins a team; bad input is refused in Chinese and nothing is written', async () => {
    const h = await citizenLogin(sys, '13922220001');
    const bad = await json('PUT', '/api/volunteers/my/profile', h, { name: '  ' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('姓名');
    expect(ok(await json('GET', '/api/volunteers/my', h)).body.volunteer).toBeNull();
    expect((await json('POST', '/api/volunteers/my/teams/1/join', h)).status).toBe(409); // not registered yet
    ok(await json('PUT', '/api/volunteers/my/profile', h, { name: '李志愿', skills: ['摄影'] }));
    const teams = ok(await json('GET', '/api/volunteers/my/teams', h)).body.items;
    ok(await json('POST', `/api/volunteers/my/teams/${teams[0].id}/join`, h));
    ok(await json('POST', `/api/volunteers/my/teams/${teams[0].id}/join`, h)); // twice: still one membership
    expect(ok(await json('GET', '/api/volunteers/my', h)).body.teamIds).toEqual([teams[0].id]);
    expect((await json('POST', '/api/volunteers/my/teams/999999/join', h)).status).toBe(404);
  });

  it('staff cannot use the phone routes, citizens cannot use the staff routes', async () => {
    expect((await json('GET', '/api/volunteers/my', 'village')).status).toBe(403);
    expect((await json('GET', '/api/volunteers/activities', 'citizen')).status).toBe(403);
    expect(
      (
        await json('POST', '/api/volunteers/activities', 'grid', {
          title: 'x',
          place: 'y',
          startsAt: at(60),
          endsAt: at(120),
          capacity: 1,
        })
      ).status,
    ).toBe(403);
  });
});

describe('activities: rules and bad input', () => {
  it.each([
    [{ endsAt: inMinutes(-10) }, 'endsAt', '结束时间'],
    [{ capacity: 0 }, 'capacity', '招募人数'],
    [{ title: ' ' }, 'title', '活动名称'],
    [{ startsAt: 'soon' }, 'startsAt', '开始时间'],
    [{ lat: 29.3 }, 'lat', '经度和纬度'],
  ])('refuses %j with a Chinese message, writing nothing', async (change, field, words) => {
    const before = ok(await json('GET', '/api/volunteers/activities', 'village')).body.total;
    const r = await json('POST', '/api/volunteers/activities', 'village', {
      title: '测试活动',
      place: '村委会',
      startsAt: at(60),
      endsAt: at(120),
      capacity: 5,
      ...change,
    });
    expect(r.status).toBe(400);
    expect(r.body.details.field).toBe(field);
    expect(r.body.message).toContain(words);
    expect(ok(await json('GET', '/api/volunteers/activities', 'village')).body.total).toBe(before);
  });

  it('the life of an activity: draft → open → cancelled; a stale version gets 409; a wrong state names the state', async () => {
    const a = await newActivity('village', { publish: false });
    expect(a.stateLabel).toBe('草稿');
    expect(a.allowedActions).toEqual(['publish', 'cancel']);
    const opened = ok(
      await json('POST', `/api/volunteers/activities/${a.id}/actions`, 'village', {
        version: a.version,
        action: 'publish',
      }),
    ).body;
    expect(opened.stateLabel).toBe('报名中');
    const stale = await json('POST', `/api/volunteers/activities/${a.id}/actions`, 'village', {
      version: a.version,
      action: 'cancel',
      reason: '下雨',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VOLUNTEER_VERSION_CONFLICT');
    const noReason = await json('POST', `/api/volunteers/activities/${a.id}/actions`, 'village', {
      version: opened.version,
      action: 'cancel',
    });
    expect(noReason.status).toBe(400);
    const cancelled = ok(
      await json('POST', `/api/volunteers/activities/${a.id}/actions`, 'village', {
        version: opened.version,
        action: 'cancel',
        reason: '台风',
      }),
    ).body;
    expect(cancelled.stateLabel).toBe('已取消');
    expect(cancelled.history.map((h: { type: string }) => h.type)).toEqual(['create', 'publish', 'cancel']);
    const wrong = await json('POST', `/api/volunteers/activities/${a.id}/actions`, 'village', {
      version: cancelled.version,
      action: 'start',
    });
    expect(wrong.status).toBe(409);
    expect(wrong.body.message).toContain('已取消');
    // a cancelled activity takes no sign-up
    expect((await json('POST', `/api/volunteers/my/activities/${a.id}/sign-up`, 'citizen')).status).toBe(409);
  });

  it('a task asking for volunteers: the activity carries its source and is found by it; an unseen task is 404', async () => {
    const association = ok(await json('GET', '/api/social-orgs', 'county')).body.items.find(
      (s: { name: string }) => s.name === '县志愿者协会',
    );
    const detail = ok(await json('GET', `/api/social-orgs/${association.id}`, 'county')).body;
    const taskId = detail.projects[0].deliverables[0].task.id;
    const a = await newActivity('town', { source: { kind: 'task', id: taskId } });
    expect(a.source).toEqual({ kind: 'task', id: taskId });
    const found = ok(await json('GET', `/api/volunteers/activities?sourceKind=task&sourceId=${taskId}`, 'town')).body
      .items;
    expect(found.map((x: { id: number }) => x.id)).toEqual([a.id]);
    const r = await json('POST', '/api/volunteers/activities', 'town2', {
      title: '测试',
      place: '镇政府',
      startsAt: at(60),
      endsAt: at(120),
      capacity: 2,
      source: { kind: 'task', id: taskId },
    });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('TASK_NOT_FOUND');
    const c = await json('POST', '/api/volunteers/activities', 'town', {
      title: '测试',
      place: '镇政府',
      startsAt: at(60),
      endsAt: at(120),
      capacity: 2,
      source: { kind: 'case', id: 999999 },
    });
    expect(c.status).toBe(404);
  });
});

describe('sign-up capacity under concurrency', () => {
  it('8 volunteers at once for 3 places: exactly 3 succeed, 5 get 409 名额已满', async () => {
    const a = await newActivity('village', { capacity: 3 });
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => volunteer(`1393333000${i}`, `志愿者${i}`)));
    const replies = await Promise.all(
      people.map((h) => json('POST', `/api/volunteers/my/activities/${a.id}/sign-up`, h)),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 409, 409, 409, 409, 409]);
    for (const r of replies.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('VOLUNTEER_ACTIVITY_FULL');
      expect(r.body.message).toBe('名额已满');
    }
    const detail = ok(await json('GET', `/api/volunteers/activities/${a.id}`, 'village')).body;
    expect(detail.signedUp).toBe(3);
    expect(detail.signups.filter((s: { state: string }) => s.state === 'signed')).toHaveLength(3);
    // a place freed by a withdrawal is taken again
    const winner = people[replies.findIndex((r) => r.status === 200)] as Headers;
    const loser = people[replies.findIndex((r) => r.status === 409)] as Headers;
    ok(await json('POST', `/api/volunteers/my/activities/${a.id}/cancel`, winner));
    ok(await json('POST', `/api/volunteers/my/activities/${a.id}/sign-up`, loser));
    expect(ok(await json('GET', `/api/volunteers/activities/${a.id}`, 'village')).body.signedUp).toBe(3);
  });

  it('the same volunteer twice at once holds one place', async () => {
    const a = await newActivity('village', { capacity: 5 });
    const h = await volunteer('13944440001', '重复报名');
    const [r1, r2] = await Promise.all([
      json('POST', `/api/volunteers/my/activities/${a.id}/sign-up`, h),
      json('POST', `/api/volunteers/my/activities/${a.id}/sign-up`, h),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    expect(ok(await json('GET', `/api/volunteers/activities/${a.id}`, 'village')).body.signedUp).toBe(1);
    // cancelled by the organiser: the volunteer's phone shows it with the reason
    const { version } = ok(await json('GET', `/api/volunteers/activities/${a.id}`, 'village')).body;
    ok(
      await json('POST', `/api/volunteers/activities/${a.id}/actions`, 'village', {
        version,
        action: 'cancel',
        reason: '暴雨预警',
      }),
    );
    const mine = ok(await json('GET', '/api/volunteers/my', h)).body.signups.find(
      (s: { activity: { id: number } }) => s.activity.id === a.id,
    );
    expect(mine.activity.stateLabel).toBe('已取消');
    expect(mine.activity.cancelReason).toBe('暴雨预警');
  });
});

describe('on site: check-in, check-out, hours credited once', () => {
  it('check-in in the window and near the point; hours once for two check-outs at once; points to the household', async () => {
    const a = await newActivity('village', {
      startsAt: at(10),
      endsAt: at(130),
      lat: villagePoint.lat,
      lng: villagePoint.lng,
      capacity: 4,
    });
    ok(await json('POST', `/api/volunteers/my/activities/${a.id}/sign-up`, 'citizen'));
    const other = await volunteer('13955550001', '王签到');
    ok(await json('POST', `/api/volunteers/my/activities/${a.id}/sign-up`, other));
    const before = ok(await json('GET', '/api/volunteers/my', 'citizen')).body.volunteer.hours;
    const pointsBefore = ok(await json('GET', '/api/my/points', 'citizen')).body.balance;

    // not checked in: no check-out
    expect(
      (await json('POST', `/api/volunteers/my/activities/${a.id}/check-out`, 'citizen', villagePoint)).status,
    ).toBe(409);
    // far away, or without location: refused
    const far = await json('POST', `/api/volunteers/my/activities/${a.id}/check-in`, 'citizen', {
      lat: villagePoint.lat + 0.05,
      lng: villagePoint.lng,
    });
    expect(far.status).toBe(400);
    expect(far.body.message).toContain('米');
    expect((await json('POST', `/api/volunteers/my/activities/${a.id}/check-in`, 'citizen', {})).status).toBe(400);
    ok(await json('POST', `/api/volunteers/my/activities/${a.id}/check-in`, 'citizen', villagePoint));
    ok(await json('POST', `/api/volunteers/my/activities/${a.id}/check-in`, 'citizen', villagePoint)); // again: the first stands
    ok(await json('POST', `/api/volunteers/my/activities/${a.id}/check-in`, other, villagePoint));
    // a cancellation after check-in is refused
    expect((await json('POST', `/api/volunteers/my/activities/${a.id}/cancel`, 'citizen')).status).toBe(409);

    await advance(100); // 90 minutes into the activity
    const [o1, o2] = await Promise.all([
      json('POST', `/api/volunteers/my/activities/${a.id}/check-out`, 'citizen', villagePoint),
      json('POST', `/api/volunteers/my/activities/${a.id}/check-out`, 'citizen', villagePoint),
    ]);
    ok(o1);
    ok(o2);
    expect([o1.body.credited, o2.body.credited].sort()).toEqual([false, true]);
    const credited = o1.body.credited ? o1.body : o2.body;
    expect(credited.hours).toBe(1.5);
    expect(credited.points).toEqual({ status: 'posted', points: 1 });
    const again = ok(
      await json('POST', `/api/volunteers/my/activities/${a.id}/check-out`, 'citizen', villagePoint),
    ).body;
    expect(again.credited).toBe(false);
    expect(ok(await json('GET', '/api/volunteers/my', 'citizen')).body.volunteer.hours).toBe(before + 1.5);
    expect(ok(await json('GET', '/api/my/points', 'citizen')).body.balance).toBe(pointsBefore + 1);

    // the other forgot to check out: the organiser confirms after the end, to the end; a retry credits nothing
    const signupId = ok(await json('GET', `/api/volunteers/activities/${a.id}`, 'village')).body.signups.find(
      (s: { volunteer: { name: string } }) => s.volunteer.name === '王签到',
    ).id;
    expect(
      (await json('POST', `/api/volunteers/activities/${a.id}/signups/${signupId}/confirm-hours`, 'village')).status,
    ).toBe(409);
    await advance(60);
    const [c1, c2] = await Promise.all([
      json('POST', `/api/volunteers/activities/${a.id}/signups/${signupId}/confirm-hours`, 'village'),
      json('POST', `/api/volunteers/activities/${a.id}/signups/${signupId}/confirm-hours`, 'village'),
    ]);
    expect([c1.body.credited, c2.body.credited].sort()).toEqual([false, true]);
    expect((c1.body.credited ? c1.body : c2.body).hours).toBe(2);
    const detail = ok(await json('GET', `/api/volunteers/activities/${a.id}`, 'village')).body;
    expect(detail.totalHours).toBe(3.5);
    expect(detail.history.filter((h: { type: string }) => h.type === 'check_out')).toHaveLength(2);
    // another town's staff cannot confirm
    expect(
      (await json('POST', `/api/volunteers/activities/${a.id}/signups/${signupId}/confirm-hours`, 'town2')).status,
    ).toBe(404);
  });
});

describe('scope', () => {
  it('another town does not see the village’s activities, teams or volunteers; the town above does', async () => {
    const a = await newActivity('village', {});
    expect((await json('GET', `/api/volunteers/activities/${a.id}`, 'town2')).status).toBe(404);
    expect(
      (
        await json('POST', `/api/volunteers/activities/${a.id}/actions`, 'town2', {
          version: 1,
          action: 'cancel',
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      ok(await json('GET', '/api/volunteers/activities', 'town2')).body.items.map((x: { id: number }) => x.id),
    ).not.toContain(a.id);
    ok(await json('GET', `/api/volunteers/activities/${a.id}`, 'town'));
    ok(await json('GET', `/api/volunteers/activities/${a.id}`, 'county'));
    const people = ok(await json('GET', '/api/volunteers/people', 'village')).body.items;
    expect(people.length).toBeGreaterThan(0);
    expect(
      ok(await json('GET', '/api/volunteers/people', 'town2')).body.items.map((p: { id: number }) => p.id),
    ).not.toContain(people[0].id);
    expect((await json('GET', `/api/volunteers/people/${people[0].id}/record`, 'town2')).status).toBe(404);
    ok(await json('GET', `/api/volunteers/people/${people[0].id}/record`, 'village'));
    // a village cannot organise for another unit
    const r = await json('POST', '/api/volunteers/activities', 'village', {
      title: '越权',
      place: 'x',
      startsAt: at(60),
      endsAt: at(120),
      capacity: 2,
      orgId: org.town2,
    });
    expect(r.status).toBe(404);
  });
});

describe('statistics', () => {
  it('by village and month, and as a spreadsheet', async () => {
    const stats = ok(await json('GET', '/api/volunteers/stats', 'town')).body;
    expect(stats.totals.hours).toBeGreaterThan(0);
    expect(stats.byVillage.length).toBeGreaterThan(0);
    expect(stats.byMonth.length).toBeGreaterThan(0);
    const other = ok(await json('GET', '/api/volunteers/stats', 'town2')).body;
    expect(other.totals.hours).toBe(0);
    const xlsx = await sys.request({ method: 'GET', url: '/api/volunteers/stats?format=xlsx', headers: as.town });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('social organisations', () => {
  it('the registry: demo entries, a linked org’s cases, a purchased service whose deliverables are the town’s tasks', async () => {
    const list = ok(await json('GET', '/api/social-orgs', 'county')).body.items;
    const association = list.find((s: { name: string }) => s.name === '县志愿者协会');
    expect(association.stageLabel).toBe('成熟');
    expect(association.linkedOrg).not.toBeNull();
    const young = ok(await json('GET', '/api/social-orgs', 'town')).body.items.find(
      (s: { stage: string }) => s.stage === 'incubating',
    );
    expect(young.stageLabel).toBe('孵化');
    const detail = ok(await json('GET', `/api/social-orgs/${association.id}`, 'county')).body;
    expect(detail.projects[0].deliverables.every((d: { task: unknown }) => d.task !== null)).toBe(true);
    const taskId = detail.projects[0].deliverables[0].task.id;
    ok(await json('GET', `/api/tasks/${taskId}`, 'town'));
    expect(detail.teams.length).toBeGreaterThan(0);
    expect(Array.isArray(detail.cases)).toBe(true);
    // another town does not see the town's young organisation
    expect((await json('GET', `/api/social-orgs/${young.id}`, 'town2')).status).toBe(404);
  });

  it('register, refuse bad input and duplicates, move stages one at a time, record support, evaluate a project', async () => {
    const body = {
      name: '邻里互助社',
      type: 'community',
      registrationNo: '52330788MJ7654321C',
      field: '邻里互助',
      contactName: '赵敏',
      contactPhone: '13900001111',
      rating: 'none',
    };
    const bad = await json('POST', '/api/social-orgs', 'town', { ...body, registrationNo: '123' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('统一社会信用代码');
    const created = ok(await json('POST', '/api/social-orgs', 'town', body), 201).body;
    expect(created.stageLabel).toBe('孵化');
    const dup = await json('POST', '/api/social-orgs', 'town', body);
    expect(dup.status).toBe(409);
    const skip = await json('POST', `/api/social-orgs/${created.id}/stage`, 'town', {
      stage: 'mature',
      version: created.version,
    });
    expect(skip.status).toBe(400);
    expect(skip.body.message).toContain('培育');
    const supported = ok(
      await json('POST', `/api/social-orgs/${created.id}/supports`, 'town', {
        kind: 'funding',
        description: '启动资金',
        amount: 20000,
        givenOn: '2026-01-10',
      }),
      201,
    ).body;
    expect(supported.supports).toHaveLength(1);
    const stale = await json('POST', `/api/social-orgs/${created.id}/stage`, 'town', {
      stage: 'cultivating',
      version: created.version,
    });
    expect(stale.status).toBe(409);
    const moved = ok(
      await json('POST', `/api/social-orgs/${created.id}/stage`, 'town', {
        stage: 'cultivating',
        version: supported.version,
      }),
    ).body;
    expect(moved.stageLabel).toBe('培育');
    // another town: not found; a village reads but does not keep
    expect(
      (await json('POST', `/api/social-orgs/${created.id}/stage`, 'town2', { stage: 'mature', version: moved.version }))
        .status,
    ).toBe(404);
    expect(
      (
        await json('POST', `/api/social-orgs/${created.id}/stage`, 'village', {
          stage: 'mature',
          version: moved.version,
        })
      ).status,
    ).toBe(403);

    const year = new Date(now()).getUTCFullYear();
    const badProject = await json('POST', `/api/social-orgs/${created.id}/projects`, 'town', {
      name: '助餐服务',
      contractNo: 'T-1',
      budget: 5000,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      deliverables: [{ title: '台账', dueDate: `${year + 1}-02-01` }],
    });
    expect(badProject.status).toBe(400);
    expect(badProject.body.details.field).toBe('deliverables.0.dueDate');
    const project = ok(
      await json('POST', `/api/social-orgs/${created.id}/projects`, 'town', {
        name: '助餐服务',
        contractNo: `T-${year}-9`,
        budget: 50000,
        startsOn: `${year}-01-01`,
        endsOn: `${year + 1}-12-31`,
        deliverables: [{ title: '助餐台账', dueDate: `${year + 1}-06-30` }],
      }),
      201,
    ).body;
    expect(project.taskIds).toHaveLength(1);
    const task = ok(await json('GET', `/api/tasks/${project.taskIds[0]}`, 'town')).body;
    expect(task.ownerOrg.id).toBe(org.town);
    expect(task.sourceKind).toBe('social_org_project');
    const evalBad = await json('POST', `/api/social-orgs/projects/${project.id}/evaluation`, 'town', {
      score: 120,
      version: 1,
    });
    expect(evalBad.status).toBe(400);
    ok(
      await json('POST', `/api/social-orgs/projects/${project.id}/evaluation`, 'town', {
        score: 88,
        version: 1,
        note: '按期完成',
      }),
    );
    const after = ok(await json('GET', `/api/social-orgs/${created.id}`, 'town')).body;
    expect(after.projects[0].evaluation.grade).toBe('良好');
    expect(
      (await json('POST', `/api/social-orgs/projects/${project.id}/evaluation`, 'town', { score: 90, version: 2 }))
        .status,
    ).toBe(409);
    expect(after.history.map((h: { type: string }) => h.type)).toEqual(['create', 'support', 'advance_stage']);
  });
});
