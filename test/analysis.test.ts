// 分析研判 through HTTP: category suggestion, Chinese full-text search with scope, similar cases, hotspots,
// repeat reporters and group risks — on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealReporter } from '../src/modules/cases/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const f = {} as {
  townA: number;
  townB: number;
  villageA: number;
  villageB: number;
  gridA: number;
  gridB: number;
  latA: number;
  lngA: number;
  caseA: number;
  caseB: number;
  dupA: number;
};

const json = (method: string, url: string, headers: Headers, payload?: unknown) =>
  sys.json(method, url, headers, payload);

let serial = 0;
async function insertCase(values: {
  title: string;
  body: string;
  town: number;
  village: number;
  grid: number;
  phone?: string;
  lat?: number;
  lng?: number;
  hoursAgo?: number;
  status?: string;
  units?: number[];
  category?: number;
}): Promise<number> {
  const now = sys.services.clock.now();
  const at = new Date(now.getTime() - (values.hoursAgo ?? 1) * 3600_000);
  serial++;
  const row = await sys.services.db
    .insertInto('cases')
    .values({
      number: `AN-${serial}`,
      county_code: '330788',
      channel: 'citizen_app',
      title: values.title,
      body: values.body,
      status: values.status ?? 'handling',
      town_id: values.town,
      village_id: values.village,
      grid_id: values.grid,
      owner_org_id: values.town,
      unit_ids: values.units ?? [values.town],
      category_id: values.category ?? null,
      lat: values.lat ?? null,
      lng: values.lng ?? null,
      // as the intake writes them: encrypted, with the phone's blind index (issue 18)
      ...sealReporter(sys.services.fieldCrypto, '王小明', values.phone ?? `1390000${String(serial).padStart(4, '0')}`),
      reported_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

beforeAll(async () => {
  sys = await startTestSystem();
  for (const name of ['admin', 'county', 'town', 'town2', 'grid', 'dept', 'mediator']) as[name] = await sys.login(name);
  const me = async (h: Headers) => (await json('GET', '/api/auth/me', h)).body;
  f.townA = (await me(as.town as Headers)).org.id;
  f.townB = (await me(as.town2 as Headers)).org.id;
  f.gridA = (await me(as.grid as Headers)).org.id;
  const admin = as.admin as Headers;
  const gridA = (await json('GET', `/api/orgs/${f.gridA}`, admin)).body;
  f.villageA = gridA.parentId;
  f.latA = gridA.centerLat;
  f.lngA = gridA.centerLng;
  f.villageB = (await json('GET', `/api/orgs?parentId=${f.townB}&kind=village&limit=1`, admin)).body.items[0].id;
  f.gridB = (await json('GET', `/api/orgs?parentId=${f.villageB}&kind=grid&limit=1`, admin)).body.items[0].id;
  const A = { town: f.townA, village: f.villageA, grid: f.gridA, lat: f.latA, lng: f.lngA };
  const B = { town: f.townB, village: f.villageB, grid: f.gridB };
  f.caseA = await insertCase({
    ...A,
    title: '幸福小区垃圾桶满溢无人清运',
    body: '幸福小区3栋旁边的垃圾桶已经满溢好几天了，一直没有人来清运，臭味熏天，苍蝇很多，请尽快处理。',
    hoursAgo: 30,
  });
  f.caseB = await insertCase({
    ...B,
    title: '菜市场门口垃圾桶满溢',
    body: '菜市场门口的垃圾桶满溢，无人清运。',
    hoursAgo: 30,
  });
  f.dupA = await insertCase({
    ...A,
    lng: f.lngA + 0.0005,
    title: '幸福小区垃圾没人清运',
    body: '幸福小区三栋边上的垃圾桶满了好几天没人清运，很臭，苍蝇到处飞。',
    hoursAgo: 20,
  });
  // A burst in grid A today from one phone (repeat reporter, spike) and a matter raised by several people.
  for (let i = 0; i < 6; i++) {
    await insertCase({
      ...A,
      title: `工地夜间施工噪音扰民${i}`,
      body: '小区旁边的工地每天夜里十二点以后还在打桩施工，噪音太大，无法入睡。',
      phone: i < 4 ? '13800001234' : undefined,
      hoursAgo: 2 + i,
    });
  }
  const { indexAllPending } = await import('../src/modules/analysis/index.js');
  await indexAllPending(sys.services.db);
});
afterAll(async () => sys?.stop());

describe('POST /api/analysis/classify', () => {
  it('suggests 城乡建设 for a clear 城乡建设 message, with ids, scores and a responsible unit', async () => {
    const r = await json('POST', '/api/analysis/classify', as.grid as Headers, {
      text: '小区物业不作为，楼道电梯经常坏，开发商交房时承诺的绿化和停车位都没有兑现，业主多次反映无人处理。',
    });
    expect(r.status).toBe(200);
    expect(r.body.level1[0].name).toBe('城乡建设');
    expect(r.body.level1[0].id).toEqual(expect.any(Number));
    expect(r.body.level1).toHaveLength(7);
    const total = r.body.level1.reduce((a: number, l: { score: number }) => a + l.score, 0);
    expect(total).toBeCloseTo(1, 6);
    expect(r.body.level2[0].parentName).toBe('城乡建设');
    expect(r.body.level2[0].id).toEqual(expect.any(Number));
    expect(r.body.proposed.categoryId).toEqual(expect.any(Number));
    expect(r.body.model.examples).toBeGreaterThan(300);
  });

  it('answers other matters with their category', async () => {
    const r = await json('POST', '/api/analysis/classify', as.town as Headers, {
      text: '公司拖欠我们三个月工资，也不给缴纳社保，劳动合同到期后直接辞退。',
    });
    expect(r.body.level1[0].name).toBe('劳动和社会保障');
  });

  it('weighs a title, given apart or as a first line, more than the text', async () => {
    const body = '医院门口的马路上垃圾没人清扫，环卫工人很少来，路边全是烟头和塑料袋。';
    const apart = await json('POST', '/api/analysis/classify', as.town as Headers, {
      title: '医院门口马路脏乱',
      text: body,
    });
    expect(apart.status).toBe(200);
    const firstLine = await json('POST', '/api/analysis/classify', as.town as Headers, {
      text: `医院门口马路脏乱\n${body}`,
    });
    expect(firstLine.body.level1).toEqual(apart.body.level1);
    const tooLong = await json('POST', '/api/analysis/classify', as.town as Headers, {
      title: '路'.repeat(201),
      text: body,
    });
    expect(tooLong.status).toBe(400);
  });

  it('rejects empty and over-long text with a Chinese 400', async () => {
    for (const text of ['', '   ']) {
      const r = await json('POST', '/api/analysis/classify', as.town as Headers, { text });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      expect(r.body.message).toContain('不能为空');
    }
    const long = await json('POST', '/api/analysis/classify', as.town as Headers, { text: '路'.repeat(5001) });
    expect(long.status).toBe(400);
    expect(long.body.message).toContain('5000');
    expect((await json('POST', '/api/analysis/classify', as.town as Headers, {})).status).toBe(400);
    expect((await json('POST', '/api/analysis/classify', {}, { text: '路灯不亮' })).status).toBe(401);
  });

  it('serves API keys', async () => {
    const key = await json('POST', '/api/api-keys', as.admin as Headers, {
      name: 'hotline',
      orgId: f.townA,
      permissions: ['case.create'],
    });
    expect(key.status).toBe(201);
    const r = await json(
      'POST',
      '/api/analysis/classify',
      { 'x-api-key': key.body.key },
      { text: '学校强制学生周末补课并收取补课费' },
    );
    expect(r.status).toBe(200);
    expect(r.body.level1[0].name).toBe('教育文体');
  });
});

describe('GET /api/analysis/search', () => {
  it('finds a case by a Chinese word, highlighted, inside the scope only', async () => {
    const town = await json('GET', `/api/analysis/search?q=${encodeURIComponent('垃圾桶')}`, as.town as Headers);
    expect(town.status).toBe(200);
    const ids = town.body.items.map((c: { id: number }) => c.id);
    expect(ids).toContain(f.caseA);
    expect(ids).not.toContain(f.caseB);
    expect(town.body.total).toBe(ids.length);
    const hit = town.body.items.find((c: { id: number }) => c.id === f.caseA);
    expect(hit.highlights.title).toContainEqual({ text: '垃圾桶', match: true });
    expect(hit.highlights.body.some((s: { match: boolean }) => s.match)).toBe(true);
    const town2 = await json('GET', `/api/analysis/search?q=${encodeURIComponent('垃圾桶')}`, as.town2 as Headers);
    const ids2 = town2.body.items.map((c: { id: number }) => c.id);
    expect(ids2).toContain(f.caseB);
    expect(ids2).not.toContain(f.caseA);
    const county = await json(
      'GET',
      `/api/analysis/search?q=${encodeURIComponent('垃圾桶满溢')}`,
      as.county as Headers,
    );
    expect(county.body.items.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([f.caseA, f.caseB]));
  });

  it('combines the query with filters and finds nothing for an unknown word', async () => {
    const q = encodeURIComponent('清运');
    const inTown = await json('GET', `/api/analysis/search?q=${q}&townId=${f.townB}`, as.county as Headers);
    expect(inTown.body.items.map((c: { id: number }) => c.id)).toEqual([f.caseB]);
    const closed = await json('GET', `/api/analysis/search?q=${q}&state=closed`, as.county as Headers);
    expect(closed.body.total).toBe(0);
    const none = await json('GET', `/api/analysis/search?q=${encodeURIComponent('飞机场跑道')}`, as.county as Headers);
    expect(none.body.total).toBe(0);
    const bad = await json('GET', '/api/analysis/search?from=yesterday', as.county as Headers);
    expect(bad.status).toBe(400);
    expect((await json('GET', '/api/analysis/search?q=x', as.mediator as Headers)).status).toBe(200);
  });
});

describe('similar cases', () => {
  it('GET /api/cases/:id/similar finds the near-duplicate first, with reasons', async () => {
    const r = await json('GET', `/api/cases/${f.caseA}/similar`, as.town as Headers);
    expect(r.status).toBe(200);
    expect(r.body.items[0].id).toBe(f.dupA);
    expect(r.body.items[0].score).toBeGreaterThan(0.4);
    expect(r.body.items[0].reasons).toContain('同一网格');
    expect(r.body.items.map((c: { id: number }) => c.id)).not.toContain(f.caseB);
    const outside = await json('GET', `/api/cases/${f.caseA}/similar`, as.town2 as Headers);
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('CASE_NOT_FOUND');
  });

  it('POST /api/analysis/similar finds open cases nearby for intake', async () => {
    const r = await json('POST', '/api/analysis/similar', as.town as Headers, {
      text: '幸福小区的垃圾桶满了，好几天没人来清运',
      lat: f.latA,
      lng: f.lngA,
      days: 7,
    });
    expect(r.status).toBe(200);
    const ids = r.body.items.map((c: { id: number }) => c.id);
    expect(ids.slice(0, 2).sort()).toEqual([f.caseA, f.dupA].sort());
    expect(r.body.items[0].distanceMeters).toEqual(expect.any(Number));
    expect((await json('POST', '/api/analysis/similar', as.town as Headers, { text: ' ' })).status).toBe(400);
  });
});

describe('hotspots, repeat reporters, group risks', () => {
  it('flags the grid with a burst of cases today, with the cases behind it', async () => {
    const r = await json('GET', '/api/analysis/hotspots?period=day', as.town as Headers);
    expect(r.status).toBe(200);
    const grid = r.body.grids.find((g: { id: number }) => g.id === f.gridA);
    expect(grid.abnormal).toBe(true);
    expect(grid.current).toBe(7); // the six and the duplicate of 20 hours ago
    expect(grid.history).toHaveLength(8);
    expect(grid.cases.length).toBe(7);
    for (const period of ['day', 'week', 'month']) {
      const county = await json('GET', `/api/analysis/hotspots?period=${period}`, as.county as Headers);
      expect(county.status, period).toBe(200);
    }
    const scoped = await json('GET', `/api/analysis/hotspots?period=week&orgId=${f.villageA}`, as.town as Headers);
    expect(scoped.status).toBe(200);
    expect((await json('GET', `/api/analysis/hotspots?orgId=${f.townB}`, as.town as Headers)).status).toBe(404);
    const other = await json('GET', '/api/analysis/hotspots?period=day', as.town2 as Headers);
    expect(other.body.grids.find((g: { id: number }) => g.id === f.gridA)).toBeUndefined();
  });

  it('counts exactly the cases each scope sees: its place, and other places its units stood to, once each', async () => {
    const officeA = (await json('GET', `/api/orgs?parentId=${f.townA}&kind=office&limit=1`, as.admin as Headers)).body
      .items[0].id;
    const place = { town: f.townA, village: f.villageA, grid: f.gridA };
    // Worked on by a village of the other town (seen there), and by an office of its own town (seen once here).
    // Topics are second-level categories: a case of a third-level one counts for its parent.
    const level = (n: number) =>
      sys.services.db
        .selectFrom('categories')
        .select('id')
        .where('level', '=', n)
        .orderBy('id')
        .executeTakeFirstOrThrow();
    const [cat2, cat3] = await Promise.all([level(2), level(3)]);
    const category = { category: cat3.id };
    await insertCase({
      ...place,
      ...category,
      title: '借调处理',
      body: '跨镇协办',
      hoursAgo: 3,
      units: [f.townA, f.villageB],
    });
    await insertCase({
      ...place,
      ...category,
      title: '镇内办理',
      body: '办事处处理',
      hoursAgo: 5,
      units: [f.townA, officeA],
    });
    await insertCase({
      ...place,
      category: cat2.id,
      title: '上周同日',
      body: '办事处处理',
      hoursAgo: 7 * 24 + 2,
      units: [officeA],
    });
    const now = sys.services.clock.now();
    const day = 24 * 3600_000;
    for (const user of ['town', 'town2', 'dept', 'county']) {
      const me = (await json('GET', '/api/auth/me', as[user] as Headers)).body;
      const org = (await json('GET', `/api/orgs/${me.org.id}`, as.admin as Headers)).body;
      // The plain definition of the scope, as an oracle: any place or any unit in the subtree; counted per grid
      // and per topic (second-level category) and day.
      const rawBy = (key: 'grid' | 'topic') =>
        sys.services.db
          .selectFrom('cases as c')
          .leftJoin('categories as tc', 'tc.id', 'c.category_id')
          .select([
            (key === 'grid'
              ? sql<number>`c.grid_id`
              : sql<number>`case when tc.level = 3 then tc.parent_id else tc.id end`
            ).as('key'),
            sql<number>`floor(extract(epoch from (${now}::timestamptz - c.reported_at)) * 1000 / ${day})::int`.as(
              'age',
            ),
            sql<number>`count(*)::int`.as('n'),
          ])
          .where(({ eb, or, selectFrom }) => {
            const ids = selectFrom('orgs').select('id').where('path', 'like', `${org.path}%`);
            return or([
              eb('c.town_id', 'in', ids),
              eb('c.village_id', 'in', ids),
              eb('c.grid_id', 'in', ids),
              eb(sql`c.unit_ids`, '&&', sql`array(${ids})`),
            ]);
          })
          .where('c.reported_at', '>', new Date(now.getTime() - 57 * day))
          .where('c.reported_at', '<=', now)
          .groupBy([sql`1`, sql`2`])
          .execute();
      const [byGrid, byTopic] = await Promise.all([rawBy('grid'), rawBy('topic')]);
      const expected = (raw: typeof byGrid, key: number, age: number) =>
        raw.find((r) => Number(r.key) === key && Number(r.age) === age)?.n ?? 0;
      const r = await json('GET', '/api/analysis/hotspots?period=day', as[user] as Headers);
      expect(r.status).toBe(200);
      const series = [
        ['grid', byGrid, r.body.grids],
        ['topic', byTopic, r.body.topics],
      ] as const;
      for (const [what, raw, items] of series) {
        if (user !== 'dept') expect(items.length, `${user} ${what}s`).toBeGreaterThan(0);
        for (const g of items as { id: number; current: number; history: number[] }[]) {
          expect(g.current, `${user} ${what} ${g.id} today`).toBe(expected(raw, g.id, 0));
          expect(g.history, `${user} ${what} ${g.id} weeks`).toEqual(
            [56, 49, 42, 35, 28, 21, 14, 7].map((a) => expected(raw, g.id, a)),
          );
        }
      }
      const seesGridA = (r.body.grids as { id: number }[]).some((g) => g.id === f.gridA);
      expect(seesGridA, user).toBe(user !== 'dept');
    }
  });

  it('lists repeat reporters with masked phones', async () => {
    const r = await json('GET', '/api/analysis/repeat-reporters?days=30&min=3', as.town as Headers);
    expect(r.status).toBe(200);
    expect(r.body.items[0].phone).toBe('138****1234');
    expect(r.body.items[0].count).toBe(4);
    expect(r.body.items[0].name).toBe('王**');
    expect(JSON.stringify(r.body)).not.toContain('13800001234');
    const other = await json('GET', '/api/analysis/repeat-reporters?days=30&min=3', as.town2 as Headers);
    expect(other.body.items).toEqual([]);
  });

  it('flags one matter raised by several reporters', async () => {
    const r = await json('GET', '/api/analysis/group-risks?days=3&minReporters=3', as.town as Headers);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThanOrEqual(1);
    const risk = r.body.items[0];
    expect(risk.caseCount).toBe(6);
    expect(risk.reporters).toBe(3);
    expect(risk.title).toContain('噪音');
    expect((await json('GET', '/api/analysis/group-risks', as.town2 as Headers)).body.items).toEqual([]);
  });
});
