// 督导考核 through HTTP: a hand-built scenario of timelines (driven through the real state machine and stored
// as the case service stores them) gives indicators, scores, ranks and trends that match hand-computed values;
// the consumer's incremental facts equal a rebuild; the towns' questionnaire, weights, periods, the bulletin,
// the xlsx exports, and scope (a town sees only its own units and rates only for itself).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/core/exceljs.js';
import { type Story, scenario } from '../src/domain/assessment/test-story.js';
import { rebuildAssessment } from '../src/modules/assessment/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const o = {} as {
  county: number;
  townA: number;
  townB: number;
  villageA: number;
  villageB: number;
  gridA: number;
  gridB: number;
  d1: number;
  d2: number;
  d3: number;
};

/** An export (xlsx) as the API sends it: status, content type and the bytes. */
async function download(url: string, headers: Headers) {
  const response = await sys.request({ method: 'GET', url, headers });
  return {
    status: response.statusCode,
    type: String(response.headers['content-type'] ?? ''),
    raw: response.rawPayload,
  };
}

/** Stores a story's case row and the first `upTo` events of its timeline (all by default). */
async function store(story: Story, upTo?: number): Promise<number> {
  const db = sys.services.db;
  const first = story.events[0];
  if (!first) throw new Error('empty story');
  let id = Number(story.c.id);
  const existing = await db
    .selectFrom('cases')
    .select('id')
    .where('number', '=', `ASSESS-${story.c.id}`)
    .executeTakeFirst();
  if (!existing) {
    const row = await db
      .insertInto('cases')
      .values({
        number: `ASSESS-${story.c.id}`,
        county_code: '330788',
        channel: 'citizen_app',
        title: `考核测试案件 ${story.c.id}`,
        body: '路灯不亮',
        status: story.c.state,
        town_id: story.place.town,
        village_id: story.place.village,
        grid_id: story.place.grid,
        owner_org_id: Number(story.c.ownerOrgId),
        lead_org_id: story.c.dispatch ? Number(story.c.dispatch.lead.orgId) : null,
        reported_at: first.at,
        created_at: first.at,
        updated_at: story.c.updatedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = Number(row.id);
  } else {
    id = Number(existing.id);
  }
  const done = await db.selectFrom('case_events').select('version').where('case_id', '=', id).execute();
  const have = new Set(done.map((d) => d.version));
  const events = story.events.slice(0, upTo ?? story.events.length).filter((e) => !have.has(e.version));
  if (events.length > 0) {
    await db
      .insertInto('case_events')
      .values(
        events.map((e) => ({
          case_id: id,
          version: e.version,
          at: e.at,
          type: e.type,
          actor_kind: e.actor.kind,
          org_id: e.orgId === undefined ? null : Number(e.orgId),
          from_state: e.fromState ?? null,
          to_state: e.toState,
          details: JSON.stringify(e.details),
          attachment_ids: [],
        })),
      )
      .execute();
  }
  return id;
}

const ranking = async (headers: Headers, query: string) => sys.json('GET', `/api/assessment/ranking?${query}`, headers);
// biome-ignore lint/suspicious/noExplicitAny: JSON rows of the API
type Row = Record<string, any>;
const rowOf = (view: { rows: { unitId: number }[] }, unitId: number) =>
  view.rows.find((r) => r.unitId === unitId) as Row;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'leader', 'county', 'town', 'town2', 'village', 'grid', 'dept']) {
    as[name] = await sys.login(name);
  }
  const me = async (h: Headers) => (await sys.json('GET', '/api/auth/me', h)).body.org.id as number;
  o.county = await me(as.admin as Headers);
  o.townA = await me(as.town as Headers);
  o.townB = await me(as.town2 as Headers);
  o.villageA = await me(as.village as Headers);
  o.gridA = await me(as.grid as Headers);
  o.d1 = await me(as.dept as Headers);
  const admin = as.admin as Headers;
  o.villageB = (await sys.json('GET', `/api/orgs?parentId=${o.townB}&kind=village&limit=1`, admin)).body.items[0].id;
  o.gridB = (await sys.json('GET', `/api/orgs?parentId=${o.villageB}&kind=grid&limit=1`, admin)).body.items[0].id;
  const depts = (await sys.json('GET', '/api/orgs?kind=department&limit=100', admin)).body.items.map(
    (d: { id: number }) => d.id,
  );
  const others = depts.filter((d: number) => d !== o.d1);
  o.d2 = others[0];
  o.d3 = others[1];
});
afterAll(async () => sys?.stop());

function townAStories() {
  return scenario(
    { county: o.county, town: o.townA, village: o.villageA, grid: o.gridA },
    { a: o.d1, b: o.d2, c: o.d3 },
    ['A1', 'A2', 'A3', 'A4'],
  );
}

/** Case B1 in town B, April: dispatched to D1, whose sign-for clock runs out; then signed, replied, rated, closed. */
async function storeTownBCase() {
  const { Story, at, staff } = await import('../src/domain/assessment/test-story.js');
  const town = staff(o.townB, 'town');
  const d1 = staff(o.d1, 'department');
  const story = new Story(
    { county: o.county, town: o.townB, village: o.villageB, grid: o.gridB },
    'B1',
    at('2026-04-08', '09:00'),
    'town',
  )
    .act(at('2026-04-08', '09:10'), town, { type: 'accept' })
    .act(at('2026-04-08', '09:20'), town, { type: 'dispatch', leadOrgId: String(o.d1) })
    .overdue(`sign_for:${o.d1}`)
    .act(at('2026-04-09', '09:00'), d1, { type: 'signFor' })
    .act(at('2026-04-10', '09:00'), d1, { type: 'reply', content: '已处理' })
    .act(at('2026-04-13', '09:00'), town, { type: 'callback', rating: 'satisfied' })
    .act(at('2026-04-13', '09:30'), town, { type: 'close' });
  await store(story);
}

describe('indicators over a hand-built scenario', () => {
  it('follows timelines incrementally: a merged duplicate drops out and a growing case adds its facts', async () => {
    const { case1, case2 } = townAStories();
    const c1 = case1();
    const c2 = case2();
    // First only March: case 1 up to B's overdue sign-for (5 events), case 2 before its merge (2 events).
    await store(c1, 5);
    await store(c2, 2);
    let view = (await ranking(as.leader as Headers, 'unitType=town&period=2026-03')).body;
    expect(rowOf(view, o.townA).facts.received).toBe(2);
    expect(rowOf(view, o.townA).facts.signDue).toBe(4);
    // Then the merge (April) and the rest of case 1: the duplicate counts for nothing, also in March.
    await store(c2);
    await store(c1);
    view = (await ranking(as.leader as Headers, 'unitType=town&period=2026-03')).body;
    expect(rowOf(view, o.townA).facts.received).toBe(1);
    expect(rowOf(view, o.townA).facts.signDue).toBe(3);
    expect(rowOf(view, o.townA).values.signOnTimeRate).toBe(0.6667);
  });

  it('gives the towns’ April indicators, scores, ranks and trends computed by hand', async () => {
    const { case3, case4 } = townAStories();
    await store(case3());
    await store(case4());
    await storeTownBCase();
    const res = await ranking(as.leader as Headers, 'unitType=town&period=2026-04');
    expect(res.status).toBe(200);
    const view = res.body;
    expect(view.rows).toHaveLength(10);
    const a = rowOf(view, o.townA);
    expect(a.values).toEqual({
      signOnTimeRate: 1,
      responseRate: 1,
      resolutionRate: 0.75,
      satisfactionRate: 0.6667,
      onTimeCloseRate: 0.6667,
      returnRate: 0.5,
      overdueCount: 0,
      reopenRate: 0.25,
      supervisedCount: 0,
      taskOnTimeRate: null,
      screeningOnTimeRate: null,
      surveySatisfactionRate: null,
      disputeSuccessRate: null,
      disputeResolutionRate: null,
    });
    // (10·100 + 15·100 + 20·75 + 20·66.67 + 15·66.67 + 5·50 + 5·100 + 5·75 + 5·100) / 100 = 79.58
    expect(a.score).toBe(79.58);
    const b = rowOf(view, o.townB);
    expect(b.values).toEqual({
      signOnTimeRate: 0.5,
      responseRate: 1,
      resolutionRate: 1,
      satisfactionRate: 1,
      onTimeCloseRate: 0,
      returnRate: 0,
      overdueCount: 1,
      reopenRate: 0,
      supervisedCount: 1,
      taskOnTimeRate: null,
      screeningOnTimeRate: null,
      surveySatisfactionRate: null,
      disputeSuccessRate: null,
      disputeResolutionRate: null,
    });
    // (10·50 + 15·100 + 20·100 + 20·100 + 15·0 + 5·100 + 5·0 + 5·100 + 5·0) / 100 = 70
    expect(b.score).toBe(70);
    expect([a.rank, b.rank]).toEqual([1, 2]);
    // March: town A had its sign-for rate (2/3), no return of its one dispatch, and the one overdue,
    // supervised case (the most of all towns: score 0) → (10·66.67 + 5·100 + 5·0 + 5·0) / 25 = 46.67.
    expect(a.previousScore).toBe(46.67);
    expect(a.trend).toBe('same');
    expect(a.scoreChange).toBe(32.91);
    expect(b.trend).toBe('new');
    // Towns without cases are not ranked.
    expect(view.rows.filter((r: { rank: number | null }) => r.rank === null)).toHaveLength(8);
    expect(view.indicators.map((i: { formula: string }) => i.formula.length > 5)).not.toContain(false);
  });

  it('scores departments, joining the towns’ questionnaire with its weight', async () => {
    let view = (await ranking(as.county as Headers, 'unitType=department&period=2026-04')).body;
    const d1 = rowOf(view, o.d1);
    expect(d1.facts).toMatchObject({
      received: 2,
      dispatched: 2,
      signDue: 2,
      signOnTime: 1,
      replies: 4,
      rated: 3,
      satisfied: 2,
      closed: 3,
      closedOnTime: 1,
      overdue: 1,
    });
    // (10·50 + 15·100 + 20·75 + 20·66.67 + 15·33.33 + 5·100 + 5·0 + 5·75 + 5·0) / 100 = 62.08
    expect(d1.indicatorScore).toBe(62.08);
    expect(d1.score).toBe(62.08);
    const d3 = rowOf(view, o.d3);
    expect(d3.values.returnRate).toBe(1);
    // (5·0 + 5·100 + 5·100) / 15
    expect(d3.score).toBe(66.67);
    expect(d3.rank).toBe(1);

    const sheet = { speed: 5, quality: 4, cooperation: 3, attitude: 1, overall: 80 };
    const put = await sys.json('PUT', '/api/assessment/ratings', as.town as Headers, {
      period: '2026-04',
      departmentId: o.d1,
      answers: sheet,
      comment: '回复及时，个别案件需加强协同',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.score).toBe(61);
    view = (await ranking(as.county as Headers, 'unitType=department&period=2026-04')).body;
    // 62.0833 × 0.8 + 61 × 0.2 = 61.87
    expect(rowOf(view, o.d1).townRating).toBe(61);
    expect(rowOf(view, o.d1).score).toBe(61.87);
  });
});

describe('the towns rate the county departments they worked with', () => {
  it('offers the departments of the period, keeps one editable sheet per town × department × month', async () => {
    const form = (await sys.json('GET', '/api/assessment/ratings/form?period=2026-04', as.town as Headers)).body;
    expect(form.open).toBe(true);
    expect(form.departments.map((d: { departmentId: number }) => d.departmentId).sort()).toEqual([o.d1, o.d3].sort());
    expect(form.departments.find((d: { departmentId: number }) => d.departmentId === o.d1).submission.score).toBe(61);
    const march = (await sys.json('GET', '/api/assessment/ratings/form?period=2026-03', as.town as Headers)).body;
    expect(march.departments.map((d: { departmentId: number }) => d.departmentId).sort()).toEqual([o.d1, o.d2].sort());
    // Editing replaces the sheet.
    const edit = await sys.json('PUT', '/api/assessment/ratings', as.town as Headers, {
      period: '2026-04',
      departmentId: o.d1,
      answers: { speed: 5, quality: 5, cooperation: 5, attitude: 5, overall: 100 },
    });
    expect(edit.body.score).toBe(100);
    const rows = await sys.services.db
      .selectFrom('assessment_ratings')
      .selectAll()
      .where('town_id', '=', o.townA)
      .execute();
    expect(rows.filter((r) => r.period === '2026-04' && r.department_id === o.d1)).toHaveLength(1);
  });

  it('refuses what a town may not rate, with codes', async () => {
    const town = as.town as Headers;
    const sheet = { speed: 3, quality: 3, cooperation: 3, attitude: 3, overall: 60 };
    // Another town's sheet: not found.
    const other = await sys.json('PUT', '/api/assessment/ratings', town, {
      period: '2026-04',
      departmentId: o.d1,
      townId: o.townB,
      answers: sheet,
    });
    expect(other.status).toBe(404);
    // A department the town did not work with this month.
    const notLinked = await sys.json('PUT', '/api/assessment/ratings', town, {
      period: '2026-04',
      departmentId: o.d2,
      answers: sheet,
    });
    expect(notLinked.status).toBe(409);
    expect(notLinked.body.code).toBe('ASSESSMENT_NOT_RATEABLE');
    const bad = await sys.json('PUT', '/api/assessment/ratings', town, {
      period: '2026-04',
      departmentId: o.d1,
      answers: { ...sheet, speed: 6 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(bad.body.details.fields)).toEqual(['speed']);
    expect(
      (
        await sys.json('PUT', '/api/assessment/ratings', town, {
          period: '2099-01',
          departmentId: o.d1,
          answers: sheet,
        })
      ).body.code,
    ).toBe('ASSESSMENT_PERIOD_NOT_STARTED');
    expect(
      (
        await sys.json('PUT', '/api/assessment/ratings', town, {
          period: '2026-13',
          departmentId: o.d1,
          answers: sheet,
        })
      ).status,
    ).toBe(400);
    // Only towns fill the questionnaire.
    expect((await sys.json('GET', '/api/assessment/ratings/form?period=2026-04', as.county as Headers)).status).toBe(
      403,
    );
    // Town B rates D1 for April too (it worked with it on case B1); each town sees only its own sheets.
    expect(
      (
        await sys.json('PUT', '/api/assessment/ratings', as.town2 as Headers, {
          period: '2026-04',
          departmentId: o.d1,
          answers: sheet,
        })
      ).status,
    ).toBe(200);
    const mine = (await sys.json('GET', '/api/assessment/ratings/results?period=2026-04', as.town2 as Headers)).body;
    expect(mine.items[0].submissions).toHaveLength(1);
    const county = (await sys.json('GET', '/api/assessment/ratings/results?period=2026-Q2', as.county as Headers)).body;
    const d1 = county.items.find((i: { departmentId: number }) => i.departmentId === o.d1);
    expect(d1.towns).toBe(2);
    expect(d1.score).toBe(76); // (100 + (4 × 50 + 60) / 5) / 2
  });

  it('a closed period takes no more sheets until it is reopened', async () => {
    const admin = as.admin as Headers;
    expect((await sys.json('PUT', '/api/assessment/periods/2026-04', admin, { closed: true })).status).toBe(200);
    const sheet = { speed: 3, quality: 3, cooperation: 3, attitude: 3, overall: 60 };
    const refused = await sys.json('PUT', '/api/assessment/ratings', as.town as Headers, {
      period: '2026-04',
      departmentId: o.d1,
      answers: sheet,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ASSESSMENT_PERIOD_CLOSED');
    expect((await sys.json('GET', '/api/assessment/ratings/form?period=2026-04', as.town as Headers)).body.open).toBe(
      false,
    );
    expect(
      (await sys.json('PUT', '/api/assessment/periods/2026-04', as.leader as Headers, { closed: false })).status,
    ).toBe(403);
    expect((await sys.json('PUT', '/api/assessment/periods/2026-04', admin, { closed: false })).body.closed).toBe(
      false,
    );
    const periods = (await sys.json('GET', '/api/assessment/periods', as.leader as Headers)).body;
    expect(periods.months).toHaveLength(13);
  });
});

describe('weights', () => {
  it('administrators change the weights; the composite follows', async () => {
    const admin = as.admin as Headers;
    expect(
      (await sys.json('PUT', '/api/assessment/weights', as.leader as Headers, { weights: { overdueCount: 0 } })).status,
    ).toBe(403);
    const bad = await sys.json('PUT', '/api/assessment/weights', admin, {
      weights: { overdueCount: 101, nonsense: 1 },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['nonsense', 'overdueCount']);
    // Only satisfaction counts: town A's April score becomes its satisfaction rate.
    const zero = {
      signOnTimeRate: 0,
      responseRate: 0,
      resolutionRate: 0,
      onTimeCloseRate: 0,
      returnRate: 0,
      overdueCount: 0,
      reopenRate: 0,
      supervisedCount: 0,
      taskOnTimeRate: 0,
      screeningOnTimeRate: 0,
      surveySatisfactionRate: 0,
      disputeSuccessRate: 0,
      disputeResolutionRate: 0,
    };
    const put = await sys.json('PUT', '/api/assessment/weights', admin, {
      weights: { ...zero, satisfactionRate: 50 },
      townRatingWeight: 0,
    });
    expect(put.status).toBe(200);
    expect(put.body.items.find((i: { key: string }) => i.key === 'satisfactionRate').weight).toBe(50);
    const view = (await ranking(as.leader as Headers, 'unitType=town&period=2026-04')).body;
    expect(rowOf(view, o.townA).score).toBe(66.67);
    const allZero = await sys.json('PUT', '/api/assessment/weights', admin, { weights: { satisfactionRate: 0 } });
    expect(allZero.status).toBe(400);
    // Back to the defaults for the rest of the file.
    const defaults = (await sys.json('GET', '/api/assessment/weights', admin)).body.items.map(
      (i: { key: string; defaultWeight: number }) => [i.key, i.defaultWeight],
    );
    expect(
      (
        await sys.json('PUT', '/api/assessment/weights', admin, {
          weights: Object.fromEntries(defaults),
          townRatingWeight: 20,
        })
      ).status,
    ).toBe(200);
  });
});

describe('scope', () => {
  it('a town sees its own villages and grids, not another town’s nor the departments', async () => {
    const town = as.town as Headers;
    const villages = (await ranking(town, 'unitType=village&period=2026-04')).body;
    expect(villages.rows.length).toBeGreaterThan(0);
    expect(villages.rows.some((r: { unitId: number }) => r.unitId === o.villageB)).toBe(false);
    const vA = rowOf(villages, o.villageA);
    expect(vA.rank).toBe(1);
    expect(vA.values.satisfactionRate).toBe(0.6667);
    const towns = (await ranking(town, 'unitType=town&period=2026-04')).body;
    expect(towns.rows.map((r: { unitId: number }) => r.unitId)).toEqual([o.townA]);
    expect((await ranking(town, 'unitType=department&period=2026-04')).body.rows).toEqual([]);
    expect((await ranking(town, `unitType=grid&period=2026-04&withinId=${o.villageB}`)).status).toBe(404);
    const grids = (await ranking(as.leader as Headers, `unitType=grid&period=2026-Q2&withinId=${o.villageA}`)).body;
    expect(rowOf(grids, o.gridA).facts.replies).toBe(4);
    expect((await ranking(as.village as Headers, 'unitType=grid&period=2026-04')).status).toBe(403);
    expect((await ranking(as.leader as Headers, 'unitType=county&period=2026-04')).status).toBe(400);
    expect((await ranking(as.leader as Headers, 'unitType=town&period=2026-4')).status).toBe(400);
  });
});

describe('exports and the bulletin', () => {
  it('the ranking xlsx holds the same numbers as the API', async () => {
    const view = (await ranking(as.leader as Headers, 'unitType=town&period=2026-04')).body;
    const file = await download(
      '/api/assessment/ranking?unitType=town&period=2026-04&format=xlsx',
      as.leader as Headers,
    );
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    const a = rowOf(view, o.townA);
    const row = sheet.getRow(3);
    expect(row.getCell(2).value).toBe(a.name);
    expect(row.getCell(4).value).toBe(a.score);
    for (const ind of view.indicators) {
      const col = header.indexOf(ind.name) + 1;
      expect(row.getCell(col).value, ind.name).toBe(a.values[ind.key]);
    }
  });

  it('the April bulletin ranks towns and departments, lists the overdue and typical cases, and exports', async () => {
    const res = await sys.json('GET', '/api/assessment/bulletin?month=2026-04', as.leader as Headers);
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.towns.rows[0].unitId).toBe(o.townA);
    expect(b.overdue.map((x: { number: string }) => x.number)).toEqual(['ASSESS-B1']);
    expect(
      b.typical
        .filter((t: { kind: string }) => t.kind === 'best_rated')
        .map((t: { number: string }) => t.number)
        .sort(),
    ).toEqual(['ASSESS-A1', 'ASSESS-B1']);
    expect(b.summary.facts.received).toBe(3); // A3, A4, B1 (A1 was received in March)
    const file = await download('/api/assessment/bulletin?month=2026-04&format=xlsx', as.leader as Headers);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '乡镇街道排名', '职能部门排名', '超期案件', '典型案例']);
    expect(wb.getWorksheet('乡镇街道排名')?.getRow(3).getCell(4).value).toBe(b.towns.rows[0].score);
    expect(wb.getWorksheet('超期案件')?.getRow(2).getCell(1).value).toBe('ASSESS-B1');
    // A town's bulletin is limited to its own cases.
    const town2 = (await sys.json('GET', '/api/assessment/bulletin?month=2026-04', as.town as Headers)).body;
    expect(town2.overdue).toEqual([]);
    expect(town2.departments.rows).toEqual([]);
  });
});

describe('the rollup stays exact', () => {
  it('incremental facts equal a rebuild from the timeline', async () => {
    const db = sys.services.db;
    await sys.services.assessment.catchUp();
    const snapshot = async () =>
      (await db.selectFrom('assessment_facts').selectAll().orderBy('month').orderBy('unit_id').execute()).filter((r) =>
        Object.entries(r).some(([k, v]) => k !== 'unit_id' && k !== 'month' && Number(v) !== 0),
      );
    const links = async () =>
      (
        await db
          .selectFrom('assessment_links')
          .selectAll()
          .orderBy('month')
          .orderBy('town_id')
          .orderBy('org_id')
          .execute()
      ).filter((l) => l.cases !== 0);
    const before = await snapshot();
    const beforeLinks = await links();
    expect(before.length).toBeGreaterThan(5);
    await rebuildAssessment(db);
    expect(await snapshot()).toEqual(before);
    expect(await links()).toEqual(beforeLinks);
  });

  it('a case handled through the case API shows up in this month’s facts', async () => {
    const grid = (await sys.json('GET', `/api/orgs/${o.gridA}`, as.admin as Headers)).body;
    const created = await sys.json('POST', '/api/cases', as.village as Headers, {
      channel: 'walk_in',
      body: '咨询社区卫生服务站的开放时间和预约方式。',
      lat: grid.centerLat,
      lng: grid.centerLng,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const c = created.body;
    const done = await sys.json('POST', `/api/cases/${c.id}/actions`, as.village as Headers, {
      version: c.version,
      action: { type: 'closeOnTheSpot', answer: '周一至周五 8:00–17:00，可电话预约。' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const periods = (await sys.json('GET', '/api/assessment/periods', as.town as Headers)).body;
    const view = (await ranking(as.town as Headers, `unitType=village&period=${periods.currentMonth}`)).body;
    const v = rowOf(view, o.villageA);
    expect(v.facts).toMatchObject({
      received: 1,
      signDue: 1,
      signOnTime: 1,
      replies: 1,
      settled: 1,
      resolved: 1,
      closed: 1,
      closedOnTime: 1,
    });
    expect(v.values.onTimeCloseRate).toBe(1);
  });
});
