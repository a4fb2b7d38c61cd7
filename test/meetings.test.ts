// 联席会议 through the HTTP API on a real database: kinds with their member units, the agenda proposed from
// hand-made data, decisions that create tasks in one transaction, dispatch from the meeting, the minutes (JSON
// and xlsx), scope between towns and for member departments, version conflicts, bad input, and the walk-through:
// a decision's task misses its deadline, escalates, and opens the next meeting's agenda.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/core/exceljs.js';
import { chinaDayOf } from '../src/domain/calendar/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
/** The organisations the tests work with, by their part in the story. */
type Unit = 'county' | 'townA' | 'townB' | 'villageA' | 'villageB' | 'gridA' | 'gridB' | 'dept' | 'dept2' | 'officeA';
const ids = {} as Record<Unit, number>;

const call = (method: string, url: string, headers: Headers, payload?: unknown) =>
  sys.json(method, url, headers, payload);

async function orgOf(name: string): Promise<number> {
  return (await call('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
}

/** The next working day (China time) at least `after` days from the system clock. */
async function workingDay(after = 1): Promise<string> {
  const { calendar, now } = await sys.services.cases.contexts.context();
  for (let d = after; d < after + 30; d++) {
    const day = chinaDayOf(new Date(now.getTime() + d * 86_400_000));
    if (calendar.isWorkingDay(day)) return day;
  }
  throw new Error('no working day');
}

/** A holiday (non-working day) after the system clock. */
async function nonWorkingDay(): Promise<string> {
  const { calendar, now } = await sys.services.cases.contexts.context();
  for (let d = 1; d < 30; d++) {
    const day = chinaDayOf(new Date(now.getTime() + d * 86_400_000));
    if (!calendar.isWorkingDay(day)) return day;
  }
  throw new Error('no holiday');
}

let caseSeq = 0;
/** A case as the data would hold it (read-only: the agenda reads its columns, not its workflow). */
async function handMadeCase(
  town: 'A' | 'B',
  fields: { listed?: boolean; supervision_level?: string | null; reopen_count?: number; status?: string },
  units: number[] = [],
): Promise<number> {
  caseSeq += 1;
  const now = sys.services.clock.now();
  const [townId, villageId, gridId] =
    town === 'A' ? [ids.townA, ids.villageA, ids.gridA] : [ids.townB, ids.villageB, ids.gridB];
  const row = await sys.services.db
    .insertInto('cases')
    .values({
      number: `MT-${caseSeq}`,
      county_code: '330788',
      channel: 'citizen_app',
      title: `议题测试案件${caseSeq}`,
      body: '小区污水管道堵塞外溢，多次反映未解决',
      status: fields.status ?? 'handling',
      town_id: townId,
      village_id: villageId,
      grid_id: gridId,
      owner_org_id: townId,
      listed: fields.listed ?? false,
      supervision_level: fields.supervision_level ?? null,
      reopen_count: fields.reopen_count ?? 0,
      reported_at: new Date(now.getTime() - caseSeq * 60_000),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (units.length) {
    const roles = ['lead', 'assisting', 'summoned'] as const;
    await sys.services.db
      .insertInto('case_assignments')
      .values(
        units.map((org_id, i) => ({
          case_id: row.id,
          org_id,
          role: roles[Math.min(i, 2)] ?? 'summoned',
          status: 'active',
        })),
      )
      .execute();
  }
  return row.id;
}

async function newKind(headers: Headers, body: Record<string, unknown>) {
  const created = await call('POST', '/api/meetings/kinds', headers, body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as number;
}

async function newMeeting(headers: Headers, kindId: number, extra: Record<string, unknown> = {}) {
  const startsAt = new Date(sys.services.clock.now().getTime() + 3600_000).toISOString();
  const created = await call('POST', '/api/meetings', headers, {
    kindId,
    startsAt,
    place: '县行政中心3号会议室',
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function meeting(id: number, headers: Headers = as.county as Headers) {
  const got = await call('GET', `/api/meetings/${id}`, headers);
  expect(got.status, JSON.stringify(got.body)).toBe(200);
  return got.body;
}

async function proposals(id: number, headers: Headers = as.county as Headers) {
  const got = await call('GET', `/api/meetings/${id}/agenda/proposals`, headers);
  expect(got.status, JSON.stringify(got.body)).toBe(200);
  return got.body.candidates as { key: string; reason: string; reasons: string[]; onAgenda: boolean; title: string }[];
}

async function setAgenda(id: number, items: Record<string, unknown>[], headers: Headers = as.county as Headers) {
  const m = await meeting(id, headers);
  return call('PUT', `/api/meetings/${id}/agenda`, headers, { version: m.version, items });
}

async function hold(id: number, headers: Headers = as.county as Headers) {
  const m = await meeting(id, headers);
  const held = await call('POST', `/api/meetings/${id}/state`, headers, { version: m.version, state: 'held' });
  expect(held.status, JSON.stringify(held.body)).toBe(200);
  return held.body;
}

async function decide(
  id: number,
  itemId: number,
  body: Record<string, unknown>,
  headers: Headers = as.county as Headers,
) {
  const m = await meeting(id, headers);
  return call('POST', `/api/meetings/${id}/items/${itemId}/decisions`, headers, { version: m.version, ...body });
}

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'leader', 'county', 'town', 'town2', 'village', 'grid', 'dept']) {
    as[name] = await sys.login(name);
  }
  ids.county = await orgOf('county');
  ids.townA = await orgOf('town');
  ids.townB = await orgOf('town2');
  ids.villageA = await orgOf('village');
  ids.gridA = await orgOf('grid');
  ids.dept = await orgOf('dept');
  const admin = as.admin as Headers;
  ids.villageB = (await call('GET', `/api/orgs?parentId=${ids.townB}&kind=village&limit=1`, admin)).body.items[0].id;
  ids.gridB = (await call('GET', `/api/orgs?parentId=${ids.villageB}&kind=grid&limit=1`, admin)).body.items[0].id;
  ids.officeA = (await call('GET', `/api/orgs?parentId=${ids.townA}&kind=office&limit=1`, admin)).body.items[0].id;
  const depts = (await call('GET', '/api/orgs?kind=department&limit=500', admin)).body.items;
  const other = depts.find((d: { id: number }) => d.id !== ids.dept);
  ids.dept2 = other.id;
  as.dept2 = await sys.login(`d${other.code}`);
});

afterAll(async () => sys?.stop());

describe('kinds of meeting', () => {
  it('start with the usual member units: the county’s departments and towns, a town’s offices and villages', async () => {
    const county = await newKind(as.county as Headers, {
      name: '测试县联席会议',
      level: 'county',
      chair: '县委副书记',
    });
    const kinds = (await call('GET', '/api/meetings/kinds', as.county as Headers)).body.items;
    const kind = kinds.find((k: { id: number }) => k.id === county);
    expect(kind.organiser.id).toBe(ids.county);
    const memberIds = kind.members.map((m: { id: number }) => m.id);
    expect(memberIds).toContain(ids.dept);
    expect(memberIds).toContain(ids.townA);
    expect(memberIds).not.toContain(ids.villageA);
    expect(kind.members.every((m: { kind: string }) => ['department', 'town'].includes(m.kind))).toBe(true);

    const town = await newKind(as.town as Headers, { name: '测试街道联席会议', level: 'town' });
    const townKind = (await call('GET', '/api/meetings/kinds', as.town as Headers)).body.items.find(
      (k: { id: number }) => k.id === town,
    );
    expect(townKind.members.map((m: { id: number }) => m.id)).toEqual(
      expect.arrayContaining([ids.villageA, ids.officeA]),
    );
    expect(townKind.members.every((m: { kind: string }) => ['office', 'village'].includes(m.kind))).toBe(true);
    // Town B does not see town A's kind; the department sees the county kind it sits in.
    const seenByB = (await call('GET', '/api/meetings/kinds', as.town2 as Headers)).body.items.map(
      (k: { id: number }) => k.id,
    );
    expect(seenByB).toContain(county);
    expect(seenByB).not.toContain(town);
    expect(
      (await call('GET', '/api/meetings/kinds', as.dept as Headers)).body.items.map((k: { id: number }) => k.id),
    ).toEqual(expect.arrayContaining([county]));
  });

  it('refuse a county meeting organised by a town, another town as organiser, a duplicate name, a blank name', async () => {
    const wrongLevel = await call('POST', '/api/meetings/kinds', as.town as Headers, { name: '越级', level: 'county' });
    expect(wrongLevel.status).toBe(400);
    expect(wrongLevel.body.message).toContain('县级联席会议须由县平台组织');
    const otherTown = await call('POST', '/api/meetings/kinds', as.town as Headers, {
      name: '别人的会',
      level: 'town',
      organiserOrgId: ids.townB,
    });
    expect(otherTown.status).toBe(404);
    const duplicate = await call('POST', '/api/meetings/kinds', as.town as Headers, {
      name: '测试街道联席会议',
      level: 'town',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('DUPLICATE');
    const blank = await call('POST', '/api/meetings/kinds', as.town as Headers, { name: '   ', level: 'topic' });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toBe('请填写会议类型名称');
    const badMember = await call('POST', '/api/meetings/kinds', as.town as Headers, {
      name: '专题会',
      level: 'topic',
      memberOrgIds: [99_999_999],
    });
    expect(badMember.status).toBe(400);
    expect(badMember.body.message).toContain('不属于本县');
  });
});

describe('the demo county', () => {
  it('has last month’s county joint meeting with open decisions that open this month’s agenda', async () => {
    const kinds = (await call('GET', '/api/meetings/kinds', as.county as Headers)).body.items;
    const countyKind = kinds.find((k: { name: string }) => k.name === '县社会治理联席会议');
    expect(countyKind.level).toBe('county');
    expect(kinds.filter((k: { level: string }) => k.level === 'town').length).toBeGreaterThan(5);
    const past = (await call('GET', `/api/meetings?kindId=${countyKind.id}`, as.county as Headers)).body.items;
    expect(past).toHaveLength(1);
    expect(past[0]).toMatchObject({ state: 'published', itemCount: 2, decisionCount: 2, tasks: { total: 3, open: 3 } });
    const minutes = (await call('GET', `/api/meetings/${past[0].id}/minutes`, as.dept as Headers)).body;
    expect(minutes.items[0].decisions[0].tasks[0].owner).toBe('住房和城乡建设局');
    const next = await newMeeting(as.county as Headers, countyKind.id);
    const candidates = await proposals(next.id);
    expect(candidates.slice(0, 2).map((c) => c.key.split(':')[0])).toEqual(['decision', 'decision']);
    expect(candidates[0]?.reason).toContain(past[0].title);
    // Cancel it so the county's own agenda tests start clean.
    const m = await meeting(next.id);
    const cancelled = await call('POST', `/api/meetings/${next.id}/state`, as.county as Headers, {
      version: m.version,
      state: 'cancelled',
      reason: '测试用会议',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.stateLabel).toBe('已取消');
  });
});

describe('the agenda proposed from the data', () => {
  let countyKind: number;
  let townKind: number;
  const c = {} as Record<string, number>;

  beforeAll(async () => {
    c.listed = await handMadeCase('A', { listed: true });
    c.countySupervision = await handMadeCase('A', { supervision_level: 'county' });
    c.townSupervision = await handMadeCase('A', { supervision_level: 'town' });
    c.reopened = await handMadeCase('A', { reopen_count: 2 });
    c.reopenedOnce = await handMadeCase('A', { reopen_count: 1 });
    c.threeUnits = await handMadeCase('A', {}, [ids.dept, ids.dept2, ids.officeA]);
    c.twoUnits = await handMadeCase('A', {}, [ids.dept, ids.dept2]);
    c.closedListed = await handMadeCase('A', { listed: true, status: 'closed' });
    c.mergedReopened = await handMadeCase('A', { reopen_count: 3, status: 'merged' });
    c.townB = await handMadeCase('B', { listed: true });
    c.everything = await handMadeCase('A', { listed: true, reopen_count: 4 }, [ids.dept, ids.dept2, ids.officeA]);
    countyKind = await newKind(as.county as Headers, {
      name: '议程测试县级会议',
      level: 'county',
      memberOrgIds: [ids.dept, ids.dept2, ids.townA, ids.townB],
    });
    townKind = await newKind(as.town as Headers, { name: '议程测试街道会议', level: 'town' });
  });

  it('selects listed, county-supervised, cross-department and reopened open cases, with their reasons, in order', async () => {
    const m = await newMeeting(as.county as Headers, countyKind);
    expect(m.title).toMatch(/^\d{4}年\d{1,2}月议程测试县级会议$/);
    const candidates = await proposals(m.id);
    const keys = candidates.map((x) => x.key);
    for (const name of ['listed', 'countySupervision', 'reopened', 'threeUnits', 'townB', 'everything']) {
      expect(keys, name).toContain(`case:${c[name]}`);
    }
    for (const name of ['townSupervision', 'reopenedOnce', 'twoUnits', 'closedListed', 'mergedReopened']) {
      expect(keys, name).not.toContain(`case:${c[name]}`);
    }
    const reasonOf = (name: string) => candidates.find((x) => x.key === `case:${c[name]}`);
    expect(reasonOf('listed')?.reason).toBe('挂牌督办案件');
    expect(reasonOf('countySupervision')?.reason).toBe('已升级至县级督办');
    expect(reasonOf('reopened')?.reason).toBe('群众不满意已重办 2 次');
    expect(reasonOf('threeUnits')?.reason).toBe('涉及 3 个单位协同办理（主办、协办、吹哨报到）');
    expect(reasonOf('everything')?.reasons).toEqual(['listed_case', 'multi_unit_case', 'reopened_case']);
    // Listed first (the one meeting most rules leads), then county supervision, cross-department, reopened.
    const order = ['everything', 'listed', 'countySupervision', 'threeUnits', 'reopened'].map((n) =>
      keys.indexOf(`case:${c[n]}`),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('proposes the month’s 重大 disputes of the register (≥ 30 people), not the ordinary ones nor another town’s', async () => {
    const base = {
      typeCode: 'land_acquisition',
      description: '村民就土地补偿款分配意见分歧',
      source: 'screening',
      parties: [
        { role: 'applicant', kind: 'person', name: '村民代表甲' },
        { role: 'respondent', kind: 'org', name: '某村股份经济合作社' },
      ],
    };
    const major = await call('POST', '/api/disputes', as.village as Headers, {
      ...base,
      title: '征地补偿分配纠纷',
      peopleInvolved: 45,
    });
    expect(major.status, JSON.stringify(major.body)).toBe(201);
    expect(major.body.riskLevel).toBe('major');
    const minor = await call('POST', '/api/disputes', as.village as Headers, {
      ...base,
      title: '地界纠纷',
      peopleInvolved: 2,
    });
    expect(minor.status).toBe(201);
    const county = await proposals((await newMeeting(as.county as Headers, countyKind)).id);
    const item = county.find((x) => x.key === `dispute:${major.body.id}`);
    expect(item?.reason).toBe('重大矛盾纠纷');
    expect(county.some((x) => x.key === `dispute:${minor.body.id}`)).toBe(false);
    const town2Kind = await newKind(as.town2 as Headers, { name: '二镇议程测试会议', level: 'town' });
    const town2 = await proposals((await newMeeting(as.town2 as Headers, town2Kind)).id, as.town2 as Headers);
    expect(town2.some((x) => x.key === `dispute:${major.body.id}`)).toBe(false);
  });

  it('draws a town meeting from the town’s own data only', async () => {
    const m = await newMeeting(as.town as Headers, townKind);
    const keys = (await proposals(m.id, as.town as Headers)).map((x) => x.key);
    expect(keys).toContain(`case:${c.listed}`);
    expect(keys).not.toContain(`case:${c.townB}`);
  });

  it('puts picked candidates and free items on the agenda, takes title and reason from the proposal, marks them', async () => {
    const m = await newMeeting(as.county as Headers, countyKind);
    const set = await setAgenda(m.id, [
      { key: `case:${c.reopened}`, title: '客户端给的标题不算' },
      { title: '年终考核工作安排', description: '通报考核办法' },
      { key: `case:${c.listed}` },
    ]);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const items = set.body.items;
    expect(items.map((i: { no: number; kind: string }) => [i.no, i.kind])).toEqual([
      [1, 'case'],
      [2, 'free'],
      [3, 'case'],
    ]);
    expect(items[0].title).toContain('议题测试案件');
    expect(items[0].reason).toBe('群众不满意已重办 2 次');
    expect(items[0].caseId).toBe(c.reopened);
    const marked = await proposals(m.id);
    expect(marked.find((x) => x.key === `case:${c.reopened}`)?.onAgenda).toBe(true);
    expect(marked.find((x) => x.key === `case:${c.countySupervision}`)?.onAgenda).toBe(false);
    // Reorder and drop one: the kept items keep their ids.
    const reordered = await setAgenda(m.id, [{ id: items[2].id }, { id: items[0].id }]);
    expect(reordered.body.items.map((i: { id: number }) => i.id)).toEqual([items[2].id, items[0].id]);
    // A key that does not qualify is refused, and nothing changes.
    const gone = await setAgenda(m.id, [{ key: `case:${c.twoUnits}` }]);
    expect(gone.status).toBe(409);
    expect(gone.body.code).toBe('AGENDA_CANDIDATE_GONE');
    const blank = await setAgenda(m.id, [{ title: '  ' }]);
    expect(blank.status).toBe(400);
    expect(blank.body.message).toBe('第 1 个议题缺少标题');
    expect((await meeting(m.id)).items).toHaveLength(2);
  });
});

describe('decisions become tasks', () => {
  let kindId: number;
  let m: { id: number; title: string };
  let itemId: number;

  beforeAll(async () => {
    kindId = await newKind(as.county as Headers, {
      name: '决定测试会议',
      level: 'county',
      memberOrgIds: [ids.dept, ids.dept2, ids.townA, ids.townB],
    });
    m = await newMeeting(as.county as Headers, kindId, { title: '2026年第一次决定测试会议' });
    const set = await setAgenda(m.id, [{ title: '城区内涝治理', description: '汛前排查' }]);
    itemId = set.body.items[0].id;
  });

  it('are recorded only once the meeting is held', async () => {
    const early = await decide(m.id, itemId, {
      text: '住建局牵头排查',
      tasks: [{ ownerOrgId: ids.dept, dueDate: await workingDay(3) }],
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('MEETING_NOT_ALLOWED_IN_STATE');
    expect(early.body.message).toContain('筹备中');
    await hold(m.id);
  });

  it('creates the decision and its tasks together, assigned by the organising unit, labelled with the meeting', async () => {
    const due = await workingDay(3);
    const decided = await decide(m.id, itemId, {
      text: '住建局牵头完成城区易涝点排查整改，街道配合',
      tasks: [
        { ownerOrgId: ids.dept, assistingOrgIds: [ids.townA], dueDate: due },
        { title: '街道完成低洼小区排水设施检查', ownerOrgId: ids.townA, limit: { amount: 5, unit: 'working_days' } },
      ],
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    expect(decided.body.tasks).toHaveLength(2);
    const decision = decided.body.meeting.items[0].decisions[0];
    expect(decision.id).toBe(decided.body.decisionId);
    const [first, second] = decision.tasks;
    expect(first).toMatchObject({
      sourceKind: 'meeting_decision',
      sourceId: String(decision.id),
      sourceLabel: '2026年第一次决定测试会议 · 议题1',
      state: 'pending_sign',
      ownerOrg: { id: ids.dept },
      assignedByOrg: { id: ids.county },
    });
    expect(first.assistingOrgs.map((o: { id: number }) => o.id)).toEqual([ids.townA]);
    // Due at the end of office hours of the chosen working day, China time.
    expect(chinaDayOf(new Date(first.dueAt))).toBe(due);
    expect(new Date(first.dueAt).toISOString()).toBe(new Date(`${due}T17:30:00+08:00`).toISOString());
    expect(second.title).toBe('街道完成低洼小区排水设施检查');
    // The owner department sees its task to sign for.
    const toSign = (await call('GET', '/api/tasks?box=to_sign&pageSize=100', as.dept as Headers)).body.items;
    expect(toSign.map((t: { id: number }) => t.id)).toContain(first.id);
  });

  it('leaves no decision and no task behind when a task is refused', async () => {
    const before = await meeting(m.id);
    const countTasks = async () =>
      Number(
        (
          await sys.services.db
            .selectFrom('tasks')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const tasksBefore = await countTasks();
    const refused = await decide(m.id, itemId, {
      text: '一个不存在的单位负责',
      tasks: [
        { ownerOrgId: ids.dept, dueDate: await workingDay(3) },
        { ownerOrgId: 99_999_999, dueDate: await workingDay(3) },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('不属于本县');
    const after = await meeting(m.id);
    expect(after.version).toBe(before.version);
    expect(after.items[0].decisions).toHaveLength(before.items[0].decisions.length);
    expect(await countTasks()).toBe(tasksBefore);
    const decisions = await sys.services.db
      .selectFrom('meeting_decisions')
      .select('text')
      .where('meeting_id', '=', m.id)
      .execute();
    expect(decisions.map((d) => d.text)).not.toContain('一个不存在的单位负责');
  });

  it('refuses a holiday, a day past, no task, no text, with a message a person can act on', async () => {
    const holiday = await decide(m.id, itemId, {
      text: '节日交办',
      tasks: [{ ownerOrgId: ids.dept, dueDate: await nonWorkingDay() }],
    });
    expect(holiday.status).toBe(400);
    expect(holiday.body.message).toContain('节假日或休息日，请选择工作日');
    const past = await decide(m.id, itemId, {
      text: '过期交办',
      tasks: [{ ownerOrgId: ids.dept, dueDate: '2020-03-02' }],
    });
    expect(past.status).toBe(400);
    expect(past.body.message).toContain('已过');
    const noTask = await decide(m.id, itemId, { text: '只说不做', tasks: [] });
    expect(noTask.status).toBe(400);
    expect(noTask.body.code).toBe('VALIDATION_FAILED');
    const blank = await decide(m.id, itemId, {
      text: '   ',
      tasks: [{ ownerOrgId: ids.dept, dueDate: await workingDay(3) }],
    });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toBe('请填写决定事项的内容');
    const both = await decide(m.id, itemId, {
      text: '两种期限',
      tasks: [{ ownerOrgId: ids.dept, dueDate: await workingDay(3), limit: { amount: 3, unit: 'working_days' } }],
    });
    expect(both.status).toBe(400);
    expect(both.body.message).toContain('只能填写一项');
  });

  it('answers a stale version with 409 CONFLICT and changes nothing', async () => {
    const current = await meeting(m.id);
    const stale = await call('POST', `/api/meetings/${m.id}/items/${itemId}/decisions`, as.county as Headers, {
      version: current.version - 1,
      text: '旧版本上的决定',
      tasks: [{ ownerOrgId: ids.dept, dueDate: await workingDay(3) }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CONFLICT');
    expect(stale.body.details.current.version).toBe(current.version);
    // Two secretaries at once on the same version: one wins.
    const both = await Promise.all(
      ['讨论甲', '讨论乙'].map((discussion) =>
        call('PUT', `/api/meetings/${m.id}/items/${itemId}`, as.county as Headers, {
          version: current.version,
          discussion,
        }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await meeting(m.id)).version).toBe(current.version + 1);
  });

  it('records attendance, refuses a substitute without a name or a unit that is not a member', async () => {
    const current = await meeting(m.id);
    const nameless = await call('PUT', `/api/meetings/${m.id}/attendance`, as.county as Headers, {
      version: current.version,
      entries: [{ orgId: ids.dept, status: 'substitute' }],
    });
    expect(nameless.status).toBe(400);
    expect(nameless.body.message).toContain('代为出席人员');
    const stranger = await call('PUT', `/api/meetings/${m.id}/attendance`, as.county as Headers, {
      version: current.version,
      entries: [{ orgId: ids.villageA, status: 'present' }],
    });
    expect(stranger.status).toBe(400);
    const badStatus = await call('PUT', `/api/meetings/${m.id}/attendance`, as.county as Headers, {
      version: current.version,
      entries: [{ orgId: ids.dept, status: 'late' }],
    });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.code).toBe('VALIDATION_FAILED');
    const published = await call('POST', `/api/meetings/${m.id}/state`, as.county as Headers, {
      version: current.version,
      state: 'published',
    });
    expect(published.status).toBe(409);
    expect(published.body.code).toBe('MEETING_NOT_READY');
    expect(published.body.message).toContain('未登记出席情况');
  });
});

describe('the minutes', () => {
  it('carry the header, attendance, discussion and each decision’s tasks; the xlsx lists the decisions', async () => {
    const kindId = await newKind(as.county as Headers, {
      name: '纪要测试会议',
      level: 'county',
      chair: '县委副书记 王明',
      memberOrgIds: [ids.dept, ids.dept2, ids.townA],
    });
    const m = await newMeeting(as.county as Headers, kindId, { title: '2026年12月纪要测试会议', secretary: '李华' });
    const items = (await setAgenda(m.id, [{ title: '老旧小区改造' }, { title: '校园周边交通秩序' }])).body.items;
    await hold(m.id);
    let current = await meeting(m.id);
    const attended = await call('PUT', `/api/meetings/${m.id}/attendance`, as.county as Headers, {
      version: current.version,
      entries: [
        { orgId: ids.dept, status: 'present', attendee: '张局长' },
        { orgId: ids.dept2, status: 'substitute', attendee: '副局长 赵强' },
        { orgId: ids.townA, status: 'absent', note: '防汛值班' },
      ],
    });
    expect(attended.status, JSON.stringify(attended.body)).toBe(200);
    expect(attended.body.attendanceSummary).toMatchObject({
      members: 3,
      present: 1,
      substitute: 1,
      absent: 1,
      quorate: true,
    });
    current = attended.body;
    await call('PUT', `/api/meetings/${m.id}/items/${items[0].id}`, as.county as Headers, {
      version: current.version,
      discussion: '住建局汇报了改造进度，街道反映加装电梯意见不一。',
    });
    const due = await workingDay(5);
    expect(
      (
        await decide(m.id, items[0].id, {
          text: '年底前完成三个小区改造',
          tasks: [{ ownerOrgId: ids.dept, assistingOrgIds: [ids.townA], dueDate: due }],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await decide(m.id, items[1].id, {
          text: '开学前完成护学岗设置',
          tasks: [
            { ownerOrgId: ids.dept2, dueDate: due },
            { ownerOrgId: ids.townA, dueDate: due },
          ],
        })
      ).status,
    ).toBe(201);
    current = await meeting(m.id);
    const published = await call('POST', `/api/meetings/${m.id}/state`, as.county as Headers, {
      version: current.version,
      state: 'published',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.state).toBe('published');
    expect(published.body.allowedActions).toEqual([]);

    const minutes = (await call('GET', `/api/meetings/${m.id}/minutes`, as.dept as Headers)).body;
    expect(minutes.title).toBe('2026年12月纪要测试会议纪要');
    expect(minutes.header).toMatchObject({
      chair: '县委副书记 王明',
      secretary: '李华',
      place: '县行政中心3号会议室',
      stateLabel: '纪要已发布',
    });
    const deptName = (await call('GET', '/api/auth/me', as.dept as Headers)).body.org.name;
    expect(minutes.attendance.present).toEqual([deptName]);
    expect(minutes.attendance.substitute[0].attendee).toBe('副局长 赵强');
    expect(minutes.attendance.absent[0].note).toBe('防汛值班');
    expect(minutes.items.map((i: { no: string; title: string }) => `${i.no}、${i.title}`)).toEqual([
      '一、老旧小区改造',
      '二、校园周边交通秩序',
    ]);
    expect(minutes.items[0].discussion).toContain('加装电梯');
    expect(minutes.items[0].decisions[0]).toMatchObject({ ref: '议题一第1项', text: '年底前完成三个小区改造' });
    expect(minutes.items[0].decisions[0].tasks[0]).toMatchObject({ due: `${due} 17:30`, stateLabel: '待签收' });
    expect(minutes.items[1].decisions[0].tasks).toHaveLength(2);
    expect(minutes.totals).toMatchObject({ items: 2, decisions: 2, tasks: 3, open: 3 });

    const file = await sys.request({
      method: 'GET',
      url: `/api/meetings/${m.id}/minutes?format=xlsx`,
      headers: as.county as Headers,
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('决定事项');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(2).getCell(3).value).toBe('决定事项');
    expect(sheet.rowCount).toBe(2 + 3);
    expect(sheet.getRow(3).getCell(3).value).toBe('年底前完成三个小区改造');
    expect(sheet.getRow(5).getCell(7).value).toBe(`${due} 17:30`);

    // Published minutes are the record: nothing more is written.
    const late = await decide(m.id, items[0].id, { text: '补充决定', tasks: [{ ownerOrgId: ids.dept, dueDate: due }] });
    expect(late.status).toBe(409);
  });
});

describe('scope: who sees and who manages a meeting', () => {
  let countyMeeting: number;
  let townMeeting: number;

  beforeAll(async () => {
    const countyKind = await newKind(as.county as Headers, {
      name: '范围测试县级会议',
      level: 'county',
      memberOrgIds: [ids.dept, ids.townA, ids.townB],
    });
    const townKind = await newKind(as.town as Headers, { name: '范围测试街道会议', level: 'town' });
    countyMeeting = (await newMeeting(as.county as Headers, countyKind)).id;
    townMeeting = (await newMeeting(as.town as Headers, townKind)).id;
  });

  it('a town sees its own meetings and the county meetings it sits in, never another town’s', async () => {
    expect((await call('GET', `/api/meetings/${townMeeting}`, as.town as Headers)).status).toBe(200);
    expect((await call('GET', `/api/meetings/${countyMeeting}`, as.town as Headers)).status).toBe(200);
    const other = await call('GET', `/api/meetings/${townMeeting}`, as.town2 as Headers);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('MEETING_NOT_FOUND');
    for (const url of [`/api/meetings/${townMeeting}/minutes`, `/api/meetings/${townMeeting}/agenda/proposals`]) {
      expect((await call('GET', url, as.town2 as Headers)).status, url).toBe(404);
    }
    const list = (await call('GET', '/api/meetings?pageSize=200', as.town2 as Headers)).body.items.map(
      (i: { id: number }) => i.id,
    );
    expect(list).toContain(countyMeeting);
    expect(list).not.toContain(townMeeting);
    const m = await meeting(townMeeting, as.town as Headers);
    const change = await call('PATCH', `/api/meetings/${townMeeting}`, as.town2 as Headers, {
      version: m.version,
      place: '别处',
    });
    expect(change.status).toBe(404);
    // The village sits in its town's meeting.
    expect((await call('GET', `/api/meetings/${townMeeting}`, as.village as Headers)).status).toBe(200);
  });

  it('a department sees the county meetings it is a member of, not others, and manages none', async () => {
    expect((await call('GET', `/api/meetings/${countyMeeting}`, as.dept as Headers)).status).toBe(200);
    expect((await call('GET', `/api/meetings/${townMeeting}`, as.dept as Headers)).status).toBe(404);
    expect((await call('GET', `/api/meetings/${countyMeeting}`, as.dept2 as Headers)).status).toBe(404);
    const m = await meeting(countyMeeting, as.dept as Headers);
    expect(m.canManage).toBe(false);
    expect(m.allowedActions).toEqual([]);
    expect(
      (await call('PATCH', `/api/meetings/${countyMeeting}`, as.dept as Headers, { version: m.version, place: 'x' }))
        .status,
    ).toBe(403);
  });

  it('a member town sees a county meeting but cannot change it', async () => {
    const m = await meeting(countyMeeting, as.town as Headers);
    expect(m.canManage).toBe(false);
    const refused = await call('PATCH', `/api/meetings/${countyMeeting}`, as.town as Headers, {
      version: m.version,
      place: '街道',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('组织单位');
  });

  it('a town sees the tasks a meeting assigned to it, not another town’s', async () => {
    const set = await setAgenda(countyMeeting, [{ title: '背街小巷整治' }]);
    await hold(countyMeeting);
    const decided = await decide(countyMeeting, set.body.items[0].id, {
      text: '两街道分别完成整治',
      tasks: [
        { ownerOrgId: ids.townA, dueDate: await workingDay(4) },
        { ownerOrgId: ids.townB, dueDate: await workingDay(4) },
      ],
    });
    expect(decided.status).toBe(201);
    const [taskA, taskB] = decided.body.tasks.map((t: { id: number }) => t.id);
    const seen = async (h: Headers) =>
      (await call('GET', '/api/tasks?sourceKind=meeting_decision&pageSize=200', h)).body.items.map(
        (t: { id: number }) => t.id,
      );
    expect(await seen(as.town as Headers)).toContain(taskA);
    expect(await seen(as.town as Headers)).not.toContain(taskB);
    expect(await seen(as.town2 as Headers)).toContain(taskB);
    expect(await seen(as.town2 as Headers)).not.toContain(taskA);
    expect((await call('GET', `/api/tasks/${taskB}`, as.town as Headers)).status).toBe(404);
  });
});

describe('dispatch from the meeting', () => {
  it('dispatches a case on the agenda to the decided lead and assisting units, once', async () => {
    const created = await call('POST', '/api/cases', as.county as Headers, {
      channel: 'walk_in',
      body: '多部门推诿的小区违建和油烟扰民问题，群众多次来访。',
      gridId: ids.gridA,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const accepted = await call('POST', `/api/cases/${created.body.id}/actions`, as.county as Headers, {
      version: created.body.version,
      action: { type: 'accept' },
    });
    expect(accepted.body.state).toBe('pending_dispatch');
    // The case is under listed supervision (as the data would say) so the meeting may take it up.
    await sys.services.db.updateTable('cases').set({ listed: true }).where('id', '=', created.body.id).execute();
    const kindId = await newKind(as.county as Headers, {
      name: '派遣测试会议',
      level: 'county',
      memberOrgIds: [ids.dept, ids.dept2, ids.townA],
    });
    const m = await newMeeting(as.county as Headers, kindId);
    const set = await setAgenda(m.id, [{ key: `case:${created.body.id}` }]);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const item = set.body.items[0];
    expect(item.case).toMatchObject({ state: 'pending_dispatch', canDispatch: true });

    const early = await call('POST', `/api/meetings/${m.id}/items/${item.id}/dispatch`, as.county as Headers, {
      version: set.body.version,
      caseVersion: item.case.version,
      leadOrgId: ids.dept,
    });
    expect(early.status).toBe(409);
    const held = await hold(m.id);
    const dispatched = await call('POST', `/api/meetings/${m.id}/items/${item.id}/dispatch`, as.county as Headers, {
      version: held.version,
      caseVersion: item.case.version,
      leadOrgId: ids.dept,
      assistingOrgIds: [ids.dept2, ids.townA],
    });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    const after = dispatched.body.items[0];
    expect(after.dispatch.leadOrg.id).toBe(ids.dept);
    expect(after.dispatch.assistingOrgs.map((o: { id: number }) => o.id)).toEqual([ids.dept2, ids.townA]);
    expect(after.case.state).toBe('dispatched');
    const theCase = (await call('GET', `/api/cases/${created.body.id}`, as.county as Headers)).body;
    expect(theCase.leadOrgId).toBe(ids.dept);
    expect(theCase.timeline.at(-1).note).toContain('决定派遣');

    const again = await call('POST', `/api/meetings/${m.id}/items/${item.id}/dispatch`, as.county as Headers, {
      version: dispatched.body.version,
      caseVersion: theCase.version,
      leadOrgId: ids.dept,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MEETING_DISPATCH_REFUSED');
    // The minutes say it.
    const minutes = (await call('GET', `/api/meetings/${m.id}/minutes`, as.county as Headers)).body;
    expect(minutes.items[0].dispatch).toContain('主办单位');
  });

  it('answers the case machine’s refusal with a clear 409', async () => {
    // A case waiting for dispatch at the town: the county platform is not the one to dispatch it.
    const created = await call('POST', '/api/cases', as.town as Headers, {
      channel: 'walk_in',
      body: '街道受理的油烟扰民问题，等待街道派遣。',
      gridId: ids.gridA,
    });
    const accepted = await call('POST', `/api/cases/${created.body.id}/actions`, as.town as Headers, {
      version: created.body.version,
      action: { type: 'accept' },
    });
    expect(accepted.body.state).toBe('pending_dispatch');
    const caseId = created.body.id;
    await sys.services.db.updateTable('cases').set({ listed: true }).where('id', '=', caseId).execute();
    const kindId = await newKind(as.county as Headers, {
      name: '派遣拒绝测试',
      level: 'county',
      memberOrgIds: [ids.dept],
    });
    const m = await newMeeting(as.county as Headers, kindId);
    const set = await setAgenda(m.id, [{ key: `case:${caseId}` }]);
    const held = await hold(m.id);
    const refused = await call(
      'POST',
      `/api/meetings/${m.id}/items/${set.body.items[0].id}/dispatch`,
      as.county as Headers,
      {
        version: held.version,
        caseVersion: accepted.body.version,
        leadOrgId: ids.dept,
      },
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.code).toBe('MEETING_DISPATCH_REFUSED');
    expect(refused.body.message).toMatch(/^不能从会议派遣该案件：/);
    expect(refused.body.details.caseError).toBe('NOT_AUTHORISED_FOR_ACTION');
    const after = (await call('GET', `/api/cases/${caseId}`, as.town as Headers)).body;
    expect(after.state).toBe('pending_dispatch');
    expect((await meeting(m.id)).items[0].dispatch).toBeNull();
  });
});

describe('walk-through: the task misses its deadline, escalates, and opens the next meeting', () => {
  it('the owner department sees its task, misses the deadline, the task escalates once and leads the next agenda', async () => {
    const kindId = await newKind(as.county as Headers, {
      name: '月度联席会议（测试）',
      level: 'county',
      memberOrgIds: [ids.dept, ids.townA],
    });
    const first = await newMeeting(as.county as Headers, kindId);
    const items = (await setAgenda(first.id, [{ title: '城中村消防隐患整治' }])).body.items;
    await hold(first.id);
    const due = await workingDay(1);
    const decided = await decide(first.id, items[0].id, {
      text: '住建局牵头完成城中村消防通道清理',
      tasks: [{ ownerOrgId: ids.dept, dueDate: due }],
    });
    expect(decided.status).toBe(201);
    const taskId = decided.body.tasks[0].id;
    const current = await meeting(first.id);
    await call('PUT', `/api/meetings/${first.id}/attendance`, as.county as Headers, {
      version: current.version,
      entries: [
        { orgId: ids.dept, status: 'present' },
        { orgId: ids.townA, status: 'present' },
      ],
    });
    const pub = await meeting(first.id);
    expect(
      (
        await call('POST', `/api/meetings/${first.id}/state`, as.county as Headers, {
          version: pub.version,
          state: 'published',
        })
      ).status,
    ).toBe(200);

    // The department sees it, signs for it, and lets the deadline pass.
    const task = (await call('GET', `/api/tasks/${taskId}`, as.dept as Headers)).body;
    expect(task.sourceLabel).toContain('议题1');
    expect(
      (
        await call('POST', `/api/tasks/${taskId}/actions`, as.dept as Headers, {
          version: task.version,
          action: { type: 'sign' },
        })
      ).status,
    ).toBe(200);
    const dueAt = new Date(task.dueAt).getTime();
    await sys.services.clock.advance(dueAt - sys.services.clock.now().getTime() + 3600_000);
    await sys.services.tasks.sweep();
    await sys.services.tasks.sweep();
    const overdue = (await call('GET', `/api/tasks/${taskId}`, as.county as Headers)).body;
    expect(overdue.state).toBe('overdue');
    expect(overdue.escalationLevel).toBe(1);
    expect(overdue.supervisorOrg.id).toBe(ids.county);
    const assigned = (await call('GET', '/api/tasks?box=overdue&pageSize=200', as.county as Headers)).body.items;
    expect(assigned.map((t: { id: number }) => t.id)).toContain(taskId);

    // The next meeting of the kind starts with the decision still open.
    const next = await newMeeting(as.county as Headers, kindId);
    const candidates = await proposals(next.id);
    expect(candidates[0]?.key).toBe(`decision:${decided.body.decisionId}`);
    expect(candidates[0]?.reason).toContain('1 项任务未完成，其中 1 项已逾期');
    expect(candidates[0]?.title).toBe('督查落实：住建局牵头完成城中村消防通道清理');
    // The overdue task is not proposed a second time on its own.
    expect(candidates.map((x) => x.key)).not.toContain(`task:${taskId}`);
    // On the agenda, the earlier decision brings its tasks as they stand now; a task's page finds the meeting.
    const set = await setAgenda(next.id, [{ key: `decision:${decided.body.decisionId}` }]);
    expect(set.body.items[0].followUp.map((t: { id: number; state: string }) => [t.id, t.state])).toEqual([
      [taskId, 'overdue'],
    ]);
    const source = (await call('GET', `/api/meetings?decisionId=${decided.body.decisionId}`, as.dept as Headers)).body;
    expect(source.items.map((i: { id: number }) => i.id)).toEqual([first.id]);
    const list = (await call('GET', `/api/meetings?kindId=${kindId}`, as.county as Headers)).body.items;
    expect(list.find((i: { id: number }) => i.id === first.id).tasks).toMatchObject({ total: 1, open: 1, overdue: 1 });
  });
});
