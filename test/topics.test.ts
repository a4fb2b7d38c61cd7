// 每月一题 · 未诉先办 (issue 19) through HTTP: on a month of cases with a planted problem (a building's lift, told
// in different words, in one grid of the first town: eight times this month, once in each of the three months
// before), the proposals put it first with its rising trend, places and satisfaction; a town platform adopts it
// with a lead unit and tasks in one transaction (topic, tasks, history, audit, outbox); another town cannot see
// it; the topic page counts its kind of case before and after adoption; bad input is refused in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMessages } from '../src/db/seed/datasets.js';
import { addMonths, monthOf, periodRange } from '../src/domain/assessment/periods.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);

const LIFT = [
  '幸福小区3号楼电梯又坏了，老人被困在电梯里半个小时',
  '幸福小区三号楼电梯经常故障停运，老人上下楼很困难',
  '反映幸福小区3号楼的电梯频繁出故障，昨天又困人了，物业不管',
  '幸福小区电梯坏了好几天没人修，住高层的老人出不了门',
  '3号楼电梯故障，物业拖着不维修，请督促电梯维保单位尽快处理',
  '我家住幸福小区3号楼18层，电梯三天两头坏，希望有关部门管一管',
  '幸福小区3号楼电梯异响后停运，存在安全隐患，请检查',
  '电梯故障困人，幸福小区物业电话打不通，请尽快派人维修',
];
const DUST = [
  '东门工地夜间施工噪音太大，凌晨两点还在打桩，吵得睡不着',
  '东门工地晚上打桩施工噪音扰民，严重影响休息',
  '投诉东门工地夜里违规施工，打桩声音很大，居民无法入睡',
  '东门工地连续几晚深夜施工，噪音扰民，请城管查处',
];

interface Place {
  gridId: number;
  villageId: number;
  townId: number;
  lat: number;
  lng: number;
}
let month: string;
let townA: Place;
let townB: Place;
let deptId: number;
const planted: number[] = [];
const plantedEarlier: number[] = [];

async function orgOf(username: string): Promise<number> {
  const u = await sys.services.db
    .selectFrom('users')
    .select('org_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return u.org_id as number;
}

async function gridIn(townId: number, index = 0): Promise<Place> {
  const g = await sys.services.db
    .selectFrom('orgs as g')
    .innerJoin('orgs as v', 'v.id', 'g.parent_id')
    .select(['g.id', 'g.center_lat', 'g.center_lng', 'v.id as village_id'])
    .where('g.kind', '=', 'grid')
    .where('v.parent_id', '=', townId)
    .where('g.center_lat', 'is not', null)
    .orderBy('g.code')
    .offset(index)
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    gridId: g.id,
    villageId: g.village_id,
    townId,
    lat: g.center_lat as number,
    lng: g.center_lng as number,
  };
}

/** A case at a grid, reported at `at` (moved there after the intake, which stamps the clock's now). */
async function caseAt(body: string, place: Place, at: Date, satisfaction?: string): Promise<number> {
  const r = await sys.services.cases.create({ channel: 'open311', body, gridId: place.gridId }, null);
  await sys.services.db
    .updateTable('cases')
    .set({ reported_at: at, ...(satisfaction ? { satisfaction } : {}) })
    .where('id', '=', r.id)
    .execute();
  return r.id;
}

beforeAll(async () => {
  sys = await startTestSystem();
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'dept']) as[name] = await sys.login(name);
  const now = sys.services.clock.now();
  month = monthOf(now);
  const start = periodRange(month).start.getTime();
  // this month's cases lie between its start and now, the earlier ones in the middle of their months
  const inMonth = (k: number, n: number) => new Date(start + ((now.getTime() - start) * (k + 1)) / (n + 2));
  const mid = (m: string) => new Date(periodRange(m).start.getTime() + 14 * 86_400_000);
  townA = await gridIn(await orgOf('town'));
  townB = await gridIn(await orgOf('town2'));
  deptId = await orgOf('dept');
  // background: real messages spread over the four months and both towns
  const messages = readMessages().slice(0, 48);
  for (const [i, m] of messages.entries()) {
    const place = i % 2 ? townA : townB;
    const at = i % 4 === 0 ? inMonth(i, messages.length) : mid(addMonths(month, -(i % 4)));
    await caseAt(`${m.title}。${m.body.slice(0, 300)}`, place, at);
  }
  for (const [i, text] of LIFT.entries()) {
    planted.push(await caseAt(text, townA, inMonth(i, LIFT.length), i < 4 ? 'unsatisfied' : undefined));
  }
  for (const k of [1, 2, 3]) plantedEarlier.push(await caseAt(LIFT[k] as string, townA, mid(addMonths(month, -k))));
  for (const [i, text] of DUST.entries()) await caseAt(text, townB, inMonth(i, DUST.length));
}, 240_000);
afterAll(async () => sys?.stop());

let liftKey: string;
let topicId: number;

describe('the proposals of the month', () => {
  it('put the planted problem first for the county, with its trend, places and satisfaction', async () => {
    const r = await json('GET', `/api/topics/proposals?month=${month}`, 'county');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.area.kind).toBe('county');
    const first = r.body.items[0];
    expect(first.caseIds.filter((id: number) => planted.includes(id)).length).toBeGreaterThanOrEqual(7);
    expect(first.series).toHaveLength(4);
    expect(first.series.slice(0, 3)).toEqual([1, 1, 1]);
    expect(first.trend.current).toBeGreaterThanOrEqual(7);
    expect(first.trend.rising).toBe(true);
    expect(first.places[0].villageId).toBe(townA.villageId);
    expect(first.points.length).toBeGreaterThan(0);
    expect(first.satisfaction.rated).toBe(4);
    expect(first.satisfaction.rate).toBe(0);
    expect(first.terms).toContain('电梯');
    expect(first.signature).toBeUndefined();
    // the other town's smaller problem is proposed too, after it
    const dust = r.body.items.findIndex((p: { title: string }) => p.title.includes('工地'));
    expect(dust).toBeGreaterThan(0);
  });

  it('for a town: its own problems only', async () => {
    const r = await json('GET', `/api/topics/proposals?orgId=${townA.townId}&month=${month}`, 'town');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items[0].caseIds.filter((id: number) => planted.includes(id)).length).toBeGreaterThanOrEqual(7);
    expect(r.body.items.some((p: { title: string }) => p.title.includes('工地'))).toBe(false);
    liftKey = r.body.items[0].key;
    expect(liftKey).toMatch(new RegExp(`^${month}:${townA.townId}:`));
  });

  it('refuses bad input and places outside the scope, in Chinese', async () => {
    const bad = await json('GET', '/api/topics/proposals?month=2026-13', 'county');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message).toContain('月份格式不正确');
    const village = await json('GET', '/api/topics/proposals', 'village');
    expect(village.status).toBe(400);
    expect(village.body.message).toContain('请选择县或镇街');
    const other = await json('GET', `/api/topics/proposals?orgId=${townB.townId}`, 'town');
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('ORG_NOT_FOUND');
  });
});

describe('adopting a proposal as a topic', () => {
  const due = () => new Date(sys.services.clock.now().getTime() + 20 * 86_400_000).toISOString();
  const body = () => ({
    orgId: townA.townId,
    month,
    proposalKey: liftKey,
    leadOrgId: townA.townId,
    tasks: [
      { title: '排查幸福小区电梯，督促维保单位彻底检修', ownerOrgId: townA.villageId, dueAt: due() },
      { title: '老旧电梯更新改造方案', ownerOrgId: deptId, dueAt: due() },
    ],
  });

  it('refuses bad input in Chinese, and refuses a village platform', async () => {
    const none = await json('POST', '/api/topics', 'town', { ...body(), tasks: [] });
    expect(none.status).toBe(400);
    expect(none.body.message).toContain('请至少交办一项任务');
    const past = await json('POST', '/api/topics', 'town', {
      ...body(),
      tasks: [{ title: '检修', ownerOrgId: townA.villageId, dueAt: '2020-01-01' }],
    });
    expect(past.status).toBe(400);
    expect(past.body.message).toContain('完成期限须晚于现在');
    const gone = await json('POST', '/api/topics', 'town', { ...body(), proposalKey: `${month}:${townA.townId}:1` });
    expect(gone.status).toBe(409);
    expect(gone.body.code).toBe('TOPIC_PROPOSAL_GONE');
    const village = await json('POST', '/api/topics', 'village', body());
    expect(village.status).toBe(403);
    expect(await sys.services.db.selectFrom('governance_topics').select('id').execute()).toHaveLength(0);
  });

  it('writes the topic, its tasks, its history, the audit entry and the outbox message at once', async () => {
    const r = await json('POST', '/api/topics', 'town', body());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    topicId = r.body.id;
    expect(r.body.state).toBe('active');
    expect(r.body.lead.id).toBe(townA.townId);
    expect(r.body.tasks).toHaveLength(2);
    expect(r.body.tasks.map((t: { ownerOrg: { id: number } }) => t.ownerOrg.id).sort()).toEqual(
      [townA.villageId, deptId].sort(),
    );
    expect(r.body.history.map((h: { type: string }) => h.type)).toEqual(['adopt']);
    // the series counts the topic's kind of case in every month up to now
    expect(r.body.months[r.body.months.length - 1]).toBe(month);
    expect(r.body.series[r.body.series.length - 1]).toBeGreaterThanOrEqual(7);
    const db = sys.services.db;
    const tasks = await db
      .selectFrom('tasks')
      .select(['source_kind', 'source_id'])
      .where('source_kind', '=', 'governance_topic')
      .execute();
    expect(tasks).toEqual([
      { source_kind: 'governance_topic', source_id: String(topicId) },
      { source_kind: 'governance_topic', source_id: String(topicId) },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'governance_topic')
      .where('target_id', '=', String(topicId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['governance_topic.adopt']);
    const outbox = await db.selectFrom('outbox').select('payload').where('topic', '=', 'topic.changed').execute();
    expect(outbox).toHaveLength(1);
    const proposals = await json('GET', `/api/topics/proposals?orgId=${townA.townId}&month=${month}`, 'town');
    expect(proposals.body.items[0].adoptedTopicId).toBe(topicId);
  });

  it('adopts a proposal once', async () => {
    const again = await json('POST', '/api/topics', 'county', body());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TOPIC_ALREADY_ADOPTED');
  });
});

describe('who sees a topic', () => {
  it('the county, the adopting town and the units with its tasks see it; another town does not', async () => {
    expect((await json('GET', `/api/topics/${topicId}`, 'county')).status).toBe(200);
    expect((await json('GET', `/api/topics/${topicId}`, 'town')).status).toBe(200);
    expect((await json('GET', `/api/topics/${topicId}`, 'dept')).status).toBe(200);
    const other = await json('GET', `/api/topics/${topicId}`, 'town2');
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('GOVERNANCE_TOPIC_NOT_FOUND');
    const list = await json('GET', '/api/topics', 'town2');
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { id: number }) => t.id)).not.toContain(topicId);
    const county = await json('GET', '/api/topics', 'county');
    const item = county.body.items.find((t: { id: number }) => t.id === topicId);
    expect(item.tasks.total).toBe(2);
    const closing = await json('POST', `/api/topics/${topicId}/close`, 'town2', { version: 1, note: '已处理' });
    expect(closing.status).toBe(404);
  });
});

describe('before and after adoption', () => {
  it('compares the months before the adoption month with those after it, by the kept signature', async () => {
    // adopted two months ago: the month before adoption had one case, the months since one and eight
    const adopted = new Date(periodRange(addMonths(month, -2)).start.getTime() + 20 * 86_400_000);
    await sys.services.db
      .updateTable('governance_topics')
      .set({ adopted_at: adopted })
      .where('id', '=', topicId)
      .execute();
    const r = await json('GET', `/api/topics/${topicId}`, 'town');
    expect(r.status).toBe(200);
    expect(r.body.adoptedMonth).toBe(addMonths(month, -2));
    expect(r.body.months).toHaveLength(9);
    expect(r.body.series.slice(-4, -1)).toEqual([1, 1, 1]);
    const current = r.body.series[r.body.series.length - 1];
    expect(r.body.effect.after).toBe((1 + current) / 2);
    expect(r.body.effect.before).toBeCloseTo(1 / 6, 2);
  });

  it('closes with a note, once', async () => {
    const empty = await json('POST', `/api/topics/${topicId}/close`, 'town', { version: 1, note: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('结项说明');
    const stale = await json('POST', `/api/topics/${topicId}/close`, 'town', { version: 7, note: '电梯已更换' });
    expect(stale.status).toBe(409);
    const r = await json('POST', `/api/topics/${topicId}/close`, 'town', { version: 1, note: '电梯已更换' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('closed');
    expect(r.body.history.map((h: { type: string }) => h.type)).toEqual(['adopt', 'close']);
    const again = await json('POST', `/api/topics/${topicId}/close`, 'town', { version: 2, note: '再次' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('GOVERNANCE_TOPIC_CLOSED');
  });
});
