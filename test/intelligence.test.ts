// 智能分类 · 智能派单 (issue 19) through HTTP: every channel's case that arrives without a category (or with only
// the hotline's guess) gets the classifier's suggestion on its timeline and on case_suggestions, off the intake
// transaction; the dispatcher accepts or corrects it with one click (counted, read by the retraining); the
// county's automatic dispatch, off by default, accepts and dispatches through the state machine when on, and a
// return of such a case is counted per category; the threshold table on the labelled data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenLogin, firstGridPoint, pushHotlineOrder } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
let point: { lat: number; lng: number };

const json = (method: string, url: string, headers: Headers, payload?: unknown) =>
  sys.json(method, url, headers, payload);

const LAMP = '小区门口的路灯坏了一个多月，晚上出行很不方便，希望尽快修复。';
const WAGES = '我在工地干了半年活，老板一直拖欠工资不发，劳动监察部门能不能帮忙讨薪？';

beforeAll(async () => {
  sys = await startTestSystem();
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'dept']) as[name] = await sys.login(name);
  point = await firstGridPoint(sys);
}, 240_000);
afterAll(async () => sys?.stop());

async function suggestionOf(caseId: number, who = 'county') {
  const r = await json('GET', `/api/intelligence/cases/${caseId}/suggestion`, as[who] as Headers);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.suggestion;
}

async function detail(caseId: number, who = 'county') {
  const r = await json('GET', `/api/cases/${caseId}`, as[who] as Headers);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

let seq = 0;
async function pushHotline(content: string, hotlineCategory: string | null) {
  seq++;
  const raw = JSON.stringify({
    orderNo: `HL-INT-${Date.now()}-${seq}`,
    callTime: '2026-03-01 09:30',
    callerName: '王女士',
    callerPhone: '13900001111',
    content,
    ...(hotlineCategory ? { hotlineCategory } : {}),
    lat: point.lat,
    lng: point.lng,
    urgency: '一般',
  });
  const r = await pushHotlineOrder(sys, raw);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().caseId as number;
}

const created: Record<string, number> = {};

describe('the suggestion at every intake', () => {
  it('starts on a database that already holds history at its newest entry: earlier cases are not queued', async () => {
    const db = sys.services.db;
    const cursorAt = async () =>
      Number(
        (
          await db
            .selectFrom('consumer_cursors')
            .select('last_id')
            .where('name', '=', 'intelligence')
            .executeTakeFirstOrThrow()
        ).last_id,
      );
    // history without the consumer (an upgrade to the release that adds it, or a seeded year)
    await db.deleteFrom('consumer_cursors').where('name', '=', 'intelligence').execute();
    const old = await sys.services.cases.create({ channel: 'open311', body: LAMP, ...point }, null);
    const newest = await db
      .selectFrom('case_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await sys.services.intelligence.prepare();
    expect(await cursorAt()).toBe(Number(newest.id));
    await sys.services.intelligence.drain();
    expect(await suggestionOf(old.id)).toBeNull();
    // a cursor that exists is left where it is (a restart does not skip what arrived while it was down)
    await db.updateTable('consumer_cursors').set({ last_id: 1 }).where('name', '=', 'intelligence').execute();
    await sys.services.intelligence.prepare();
    expect(await cursorAt()).toBe(1);
    await db
      .updateTable('consumer_cursors')
      .set({ last_id: Number(newest.id) })
      .where('name', '=', 'intelligence')
      .execute();
  });

  it('records a suggestion for each channel’s case without a category, off the intake', async () => {
    // citizen app, without a category
    const citizen = await citizenLogin(sys, '13800000077');
    const rep = await json('POST', '/api/citizen/reports', citizen, {
      clientToken: crypto.randomUUID(),
      body: LAMP,
      ...point,
    });
    expect(rep.status, JSON.stringify(rep.body)).toBe(201);
    created.citizen_app = rep.body.id;
    // walk-in, registered by staff without a category
    const walk = await json('POST', '/api/cases', as.town as Headers, { channel: 'walk_in', body: WAGES, ...point });
    expect(walk.status, JSON.stringify(walk.body)).toBe(201);
    created.walk_in = walk.body.id;
    // hotline whose category maps to none of ours (the hotline's guess is to be confirmed)
    created.hotline = await pushHotline(LAMP, '某个未映射的类型');
    // Open311, video, grid patrol and screening cases without a category, through the case service
    for (const channel of ['open311', 'video', 'grid_patrol', 'screening'] as const) {
      const r = await sys.services.cases.create({ channel, body: `${LAMP}（${channel}）`, ...point }, null);
      created[channel] = r.id;
    }
    // A case with a staff-given category needs no suggestion.
    const cat = (await json('GET', '/api/categories', as.admin as Headers)).body;
    const someCategory = (Array.isArray(cat) ? cat : cat.items)[0].id as number;
    const given = await json('POST', '/api/cases', as.town as Headers, {
      channel: 'walk_in',
      body: LAMP,
      categoryId: someCategory,
      ...point,
    });
    created.given = given.body.id;

    // Nothing yet: the intake wrote only the case.
    expect(await suggestionOf(created.citizen_app as number)).toBeNull();
    await sys.services.intelligence.drain();

    for (const channel of ['citizen_app', 'walk_in', 'hotline', 'open311', 'video', 'grid_patrol', 'screening']) {
      const s = await suggestionOf(created[channel] as number);
      expect(s, channel).not.toBeNull();
      expect(s.status, channel).toBe('suggested');
      expect(s.channel).toBe(channel);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.scores.level1.length).toBeGreaterThan(0);
      const timeline = (await detail(created[channel] as number)).timeline as { note: string | null; details: any }[];
      const entry = timeline.find((e) => e.details?.kind === 'classification');
      expect(entry?.note, channel).toContain('智能分类建议');
      expect(entry?.details.suggestion.confidence).toBeCloseTo(s.confidence, 6);
    }
    expect((await suggestionOf(created.walk_in as number)).level1Name).toBe('劳动和社会保障');
    expect((await suggestionOf(created.citizen_app as number)).level1Name).toBe('城乡建设');
    expect(await suggestionOf(created.given as number)).toBeNull();
    // Another pass finds nothing new.
    expect(await sys.services.intelligence.pass()).toBe(false);
  }, 240_000);

  it('accepts or corrects with one click; corrections are counted and feed the retraining', async () => {
    const id = created.citizen_app as number;
    const s = await suggestionOf(id);
    expect(s.categoryId).toBeTruthy();
    let c = await detail(id);
    expect(c.categoryId).toBeNull();
    // A stale version is refused; a unit outside the case's scope does not see it.
    expect(
      (
        await json('POST', `/api/intelligence/cases/${id}/suggestion/decide`, as.town2 as Headers, {
          version: c.version,
          categoryId: s.categoryId,
        })
      ).status,
    ).toBe(404);
    const stale = await json('POST', `/api/intelligence/cases/${id}/suggestion/decide`, as.county as Headers, {
      version: c.version - 1,
      categoryId: s.categoryId,
    });
    expect(stale.status).toBe(409);
    const accepted = await json('POST', `/api/intelligence/cases/${id}/suggestion/decide`, as.county as Headers, {
      version: c.version,
      categoryId: s.categoryId,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    c = await detail(id);
    expect(c.categoryId).toBe(s.categoryId);
    expect(c.version).toBe(accepted.body.version);

    // Correct the walk-in's suggestion to another category.
    const wid = created.walk_in as number;
    const ws = await suggestionOf(wid);
    const other = (
      await sys.services.db
        .selectFrom('categories')
        .select('id')
        .where('id', '!=', ws.categoryId)
        .where('active', '=', true)
        .where('level', '=', 2)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
    const w = await detail(wid);
    const corrected = await json('POST', `/api/intelligence/cases/${wid}/suggestion/decide`, as.town as Headers, {
      version: w.version,
      categoryId: other,
    });
    expect(corrected.body.status).toBe('corrected');
    expect((await detail(wid)).categoryId).toBe(other);
    const stats = (await json('GET', '/api/intelligence/stats', as.county as Headers)).body.items as any[];
    expect(stats.reduce((n, r) => n + r.corrected, 0)).toBe(1);
    expect(stats.reduce((n, r) => n + r.accepted, 0)).toBe(1);
    // The retraining reads the decided cases (the citizen's case was not registered by staff).
    const state = await sys.services.categorySuggester.train();
    expect(state.caseExamples).toBeGreaterThanOrEqual(2);
  }, 240_000);
});

describe('地址匹配 for a hotline order without coordinates', () => {
  it('matches the address to the compound’s building, its grid and point, on the timeline', async () => {
    const db = sys.services.db;
    // A village with two grids or more; a building of a compound registered in the last of them.
    const grids = await db
      .selectFrom('orgs as g')
      .innerJoin('orgs as v', 'v.id', 'g.parent_id')
      .innerJoin('orgs as t', 't.id', 'v.parent_id')
      .select(['g.id', 'g.name', 'v.id as village_id', 'v.name as village', 't.id as town_id', 't.name as town'])
      .where('g.kind', '=', 'grid')
      .orderBy('v.id')
      .orderBy('g.id', 'desc')
      .execute();
    const byVillage = new Map<number, typeof grids>();
    for (const g of grids) byVillage.set(g.village_id, [...(byVillage.get(g.village_id) ?? []), g]);
    const target = [...byVillage.values()].find((list) => list.length >= 2)?.[0];
    expect(target).toBeTruthy();
    const t = target as (typeof grids)[number];
    const now = new Date();
    await db
      .insertInto('grid_records')
      .values({
        kind: 'place',
        county_code: '330788',
        town_id: t.town_id,
        village_id: t.village_id,
        grid_id: t.id,
        natural_key: 'P-TEST-YG3',
        name: '阳光花园3栋',
        category: '楼栋',
        attrs: JSON.stringify({ address: '人民路18号' }),
        lat: 29.1234,
        lng: 119.5678,
        created_at: now,
        updated_at: now,
      })
      .execute();
    seq++;
    const raw = JSON.stringify({
      orderNo: `HL-ADDR-${Date.now()}-${seq}`,
      callTime: '2026-03-01 10:00',
      callerName: '李先生',
      callerPhone: '13900002222',
      content: '楼下垃圾桶满了好几天没人清运，气味很大。',
      hotlineCategory: '城乡建设',
      address: `${t.town}${t.village}阳光花园三栋二单元`,
      urgency: '一般',
    });
    const r = await pushHotlineOrder(sys, raw);
    expect(r.statusCode, r.body).toBe(201);
    const caseId = r.json().caseId as number;
    await sys.services.intelligence.drain();
    const got = await json('GET', `/api/intelligence/cases/${caseId}/suggestion`, as.county as Headers);
    expect(got.body.location).toMatchObject({
      status: 'matched',
      placeKind: 'building',
      placeName: '阳光花园3栋',
      gridId: t.id,
      lat: 29.1234,
      lng: 119.5678,
    });
    expect(got.body.location.confidence).toBeGreaterThanOrEqual(0.9);
    const timeline = (await detail(caseId)).timeline as { note: string | null }[];
    expect(timeline.some((e) => e.note?.startsWith('地址匹配：阳光花园3栋（楼栋） → '))).toBe(true);
  }, 240_000);
});

describe('预警', () => {
  it('notifies a group risk to its town and the county once', async () => {
    const body = '村口的化工厂晚上偷偷排放黑水，河里的鱼都死了，气味刺鼻，村民要求马上处理。';
    let caseId = 0;
    for (const phone of ['13700000101', '13700000102', '13700000103', '13700000104']) {
      caseId = (
        await sys.services.cases.create(
          { channel: 'grid_patrol', body, ...point, reporter: { name: '村民', phone } },
          null,
        )
      ).id;
    }
    const first = await sys.services.intelligence.warn();
    expect(first).toBeGreaterThanOrEqual(1);
    const warnings = await sys.services.db
      .selectFrom('intelligence_warnings')
      .selectAll()
      .where('title', 'like', '%化工厂%')
      .execute();
    expect(warnings).toHaveLength(1);
    const notes = await sys.services.db
      .selectFrom('notifications')
      .select(['org_id', 'title', 'link'])
      .where('kind', '=', 'early_warning')
      .where('title', 'like', '%化工厂%')
      .execute();
    const county = (await json('GET', '/api/auth/me', as.county as Headers)).body.org.id;
    const town = (
      await sys.services.db.selectFrom('cases').select('town_id').where('id', '=', caseId).executeTakeFirstOrThrow()
    ).town_id;
    expect(notes.map((n) => n.org_id).sort()).toEqual([county, town].sort());
    expect(notes[0]?.title).toContain('4 人反映');
    // The next pass sends nothing again, though the cluster is still there.
    expect(await sys.services.intelligence.warn()).toBe(0);
    const again = await sys.services.db
      .selectFrom('notifications')
      .select('id')
      .where('kind', '=', 'early_warning')
      .where('title', 'like', '%化工厂%')
      .execute();
    expect(again).toHaveLength(2);
  }, 240_000);

  it('notifies a spike of a topic once, with the cases behind it, to the county and the town of its cases', async () => {
    const db = sys.services.db;
    const me = async (who: string) => (await json('GET', '/api/auth/me', as[who] as Headers)).body.org.id as number;
    const [county, townA, townB] = [await me('county'), await me('town'), await me('town2')];
    // A topic (second-level category) nobody reported before, and a grid of the second town.
    const topic = await db
      .selectFrom('categories as c')
      .select(['c.id', 'c.name'])
      .where('c.level', '=', 2)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('cases')
              .leftJoin('categories as k', 'k.id', 'cases.category_id')
              .select('cases.id')
              .where((eb) => eb.or([eb('k.id', '=', eb.ref('c.id')), eb('k.parent_id', '=', eb.ref('c.id'))])),
          ),
        ),
      )
      .orderBy('c.id', 'desc')
      .executeTakeFirstOrThrow();
    const grid = await db
      .selectFrom('orgs as g')
      .innerJoin('orgs as v', 'v.id', 'g.parent_id')
      .select(['g.center_lat', 'g.center_lng'])
      .where('g.kind', '=', 'grid')
      .where('v.parent_id', '=', townB)
      .where('g.center_lat', 'is not', null)
      .orderBy('g.code')
      .executeTakeFirstOrThrow();
    const at = { lat: grid.center_lat as number, lng: grid.center_lng as number };
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await sys.services.cases.create(
        { channel: 'grid_patrol', body: `突增测试第${i + 1}件：同一类问题今天集中出现。`, ...at, categoryId: topic.id },
        null,
      );
      ids.push(Number(c.id));
    }
    expect(await sys.services.intelligence.warn()).toBeGreaterThanOrEqual(1);
    const spikeOf = () =>
      db
        .selectFrom('intelligence_warnings')
        .selectAll()
        .where('kind', '=', 'spike')
        .where('key', 'like', `spike:%:topic:${topic.id}:%`)
        .execute();
    const spikes = await spikeOf();
    expect(spikes).toHaveLength(1);
    expect(spikes[0]?.case_ids.map(Number).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(spikes[0]?.title).toContain(topic.name);
    const notified = async () =>
      db
        .selectFrom('notifications')
        .select(['org_id', 'link'])
        .where('kind', '=', 'early_warning')
        .where('title', '=', spikes[0]?.title as string)
        .execute();
    const notes = await notified();
    expect(notes.map((n) => n.org_id).sort()).toEqual([county, townB].sort());
    expect(notes[0]?.link).toBe('/analysis?tab=hotspots');
    // The next pass finds the same spike (and one more case of it) and sends nothing.
    await sys.services.cases.create(
      { channel: 'grid_patrol', body: '突增测试第7件：同一类问题今天集中出现。', ...at, categoryId: topic.id },
      null,
    );
    expect(await sys.services.intelligence.warn()).toBe(0);
    expect(await spikeOf()).toHaveLength(1);
    expect(await notified()).toHaveLength(2);

    // The command centre's list: a town sees the warnings with cases in its subtree, the county sees them all.
    const list = async (who: string, query = '') => {
      const r = await json('GET', `/api/intelligence/warnings${query}`, as[who] as Headers);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items as { key: string; kind: string; caseCount: number; cases: { id: number }[] }[];
    };
    const key = spikes[0]?.key as string;
    const group = (
      await db.selectFrom('intelligence_warnings').select('key').where('title', 'like', '%化工厂%').execute()
    )[0]?.key as string;
    const groupTown = (
      await db
        .selectFrom('cases')
        .select('town_id')
        .where('id', '=', Number(group.split(':')[1]))
        .executeTakeFirstOrThrow()
    ).town_id;
    const ofCounty = await list('county');
    expect(ofCounty.find((w) => w.key === key)).toMatchObject({ kind: 'spike', caseCount: 6 });
    expect(
      ofCounty
        .find((w) => w.key === key)
        ?.cases.map((c) => c.id)
        .sort(),
    ).toEqual([...ids].sort());
    expect(ofCounty.some((w) => w.key === group)).toBe(true);
    const ofTownB = await list('town2');
    expect(ofTownB.find((w) => w.key === key)?.caseCount).toBe(6);
    expect(ofTownB.some((w) => w.key === group)).toBe(groupTown === townB);
    const ofTownA = await list('town');
    expect(ofTownA.some((w) => w.key === key)).toBe(false);
    expect(ofTownA.some((w) => w.key === group)).toBe(groupTown === townA);
    // The county drilled down to the first town: the second town's spike is not there; an area outside: 404.
    expect((await list('county', `?orgId=${townA}`)).some((w) => w.key === key)).toBe(false);
    expect((await list('county', `?orgId=${townB}`)).some((w) => w.key === key)).toBe(true);
    const outside = await json('GET', `/api/intelligence/warnings?orgId=${townB}`, as.town as Headers);
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('ORG_NOT_FOUND');
  }, 240_000);
});

describe('智能派单', () => {
  it('is off by default: a confident suggestion waits for the dispatcher', async () => {
    const settings = await json('GET', '/api/intelligence/settings', as.county as Headers);
    expect(settings.body).toMatchObject({ autoDispatch: false, threshold: 0.9 });
    const citizen = await citizenLogin(sys, '13800000078');
    const rep = await json('POST', '/api/citizen/reports', citizen, {
      clientToken: crypto.randomUUID(),
      body: WAGES,
      ...point,
    });
    await sys.services.intelligence.drain();
    const s = await suggestionOf(rep.body.id);
    expect(s.status).toBe('suggested');
    expect(s.autoDispatched).toBe(false);
    expect((await detail(rep.body.id)).state).toBe('submitted');
  }, 240_000);

  it('when on, accepts and dispatches through the state machine; a return is counted per category', async () => {
    // Only a county administrator changes it; the threshold is checked.
    expect(
      (await json('PUT', '/api/intelligence/settings', as.town as Headers, { autoDispatch: true, threshold: 0.5 }))
        .status,
    ).toBe(403);
    expect(
      (await json('PUT', '/api/intelligence/settings', as.admin as Headers, { autoDispatch: true, threshold: 0.2 }))
        .status,
    ).toBe(400);
    const on = await json('PUT', '/api/intelligence/settings', as.admin as Headers, {
      autoDispatch: true,
      threshold: 0.5,
    });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body.autoDispatch).toBe(true);

    const citizen = await citizenLogin(sys, '13800000079');
    const rep = await json('POST', '/api/citizen/reports', citizen, {
      clientToken: crypto.randomUUID(),
      body: WAGES,
      ...point,
    });
    await sys.services.intelligence.drain();
    const s = await suggestionOf(rep.body.id);
    expect(s.autoReason).toBeNull();
    expect(s.status).toBe('auto');
    expect(s.autoDispatched).toBe(true);
    const c = await detail(rep.body.id);
    expect(c.state).toBe('dispatched');
    expect(c.categoryId).toBe(s.categoryId);
    const types = (c.timeline as any[]).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['amended', 'accept', 'dispatch']);
    const dispatch = (c.timeline as any[]).at(-1);
    expect(dispatch.note).toContain('智能派单');
    expect(dispatch.details.intelligence).toBe(true);
    expect(dispatch.details.leadOrgId).toBe(String(s.proposedOrgId));

    // The receiving unit returns it as usual: the return is counted on the category.
    const lead = await sys.services.db
      .selectFrom('users')
      .select('username')
      .where('org_id', '=', s.proposedOrgId)
      .executeTakeFirst();
    expect(lead, 'a user of the proposed unit').toBeTruthy();
    const unit = await sys.login(lead?.username as string);
    const back = await json('POST', `/api/cases/${rep.body.id}/actions`, unit, {
      version: c.version,
      action: { type: 'returnCase', reason: '不属于本单位职责' },
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    await sys.services.intelligence.drain();
    expect((await suggestionOf(rep.body.id)).returnCount).toBe(1);
    const stats = (await json('GET', '/api/intelligence/stats', as.county as Headers)).body.items as any[];
    const row = stats.find((r) => r.categoryName === s.categoryName);
    expect(row).toMatchObject({ autoDispatched: 1, returned: 1 });

    // Below the threshold, nothing is dispatched and the reason is kept.
    await json('PUT', '/api/intelligence/settings', as.admin as Headers, { autoDispatch: true, threshold: 1 });
    const rep2 = await json('POST', '/api/citizen/reports', citizen, {
      clientToken: crypto.randomUUID(),
      body: WAGES,
      ...point,
    });
    await sys.services.intelligence.drain();
    const s2 = await suggestionOf(rep2.body.id);
    expect(s2.status).toBe('suggested');
    expect(s2.autoReason).toContain('低于阈值');
    expect((await detail(rep2.body.id)).state).toBe('submitted');
    await json('PUT', '/api/intelligence/settings', as.admin as Headers, { autoDispatch: false, threshold: 0.9 });
  }, 240_000);

  it('shows the threshold table on the labelled data and on the county’s decided cases', async () => {
    const r = await json('GET', '/api/intelligence/thresholds', as.county as Headers);
    expect(r.status).toBe(200);
    expect(r.body.labelled.n).toBe(397);
    expect(r.body.labelled.accuracy).toBeGreaterThan(0.8);
    const rows = r.body.labelled.rows as { threshold: number; share: number; precision: number }[];
    // Higher thresholds dispatch fewer cases, more precisely.
    for (let i = 1; i < rows.length; i++) {
      expect((rows[i] as any).share).toBeLessThanOrEqual((rows[i - 1] as any).share);
    }
    expect((rows.at(-1) as any).precision).toBeGreaterThan(r.body.labelled.accuracy);
    expect(r.body.county.n).toBe(2);
  }, 240_000);
});
