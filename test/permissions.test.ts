// The permission matrix: every API route, called by a principal inside and outside the target's scope and
// by roles without the permission. A town's staff never read or change another town's data; the last test
// fails when a route is added without a row here.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexAllPending } from '../src/modules/analysis/index.js';
import { multipartBody } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const f = {} as {
  county: number;
  townA: number;
  townB: number;
  villageA: number;
  villageB: number;
  gridA: number;
  gridB: number;
  userA: number;
  userB: number;
  keyA: number;
  keyB: number;
  caseA: string;
  caseB: string;
  versionA: number;
  versionB: number;
};

const json = (method: string, url: string, headers: Headers, payload?: unknown) =>
  sys.json(method, url, headers, payload);

beforeAll(async () => {
  sys = await startTestSystem();
  for (const name of ['admin', 'leader', 'county', 'town', 'town2', 'village', 'grid', 'dept', 'mediator']) {
    as[name] = await sys.login(name);
  }
  const me = async (h: Headers) => (await json('GET', '/api/auth/me', h)).body;
  f.county = (await me(as.admin as Headers)).org.id;
  f.townA = (await me(as.town as Headers)).org.id;
  f.townB = (await me(as.town2 as Headers)).org.id;
  f.villageA = (await me(as.village as Headers)).org.id;
  f.gridA = (await me(as.grid as Headers)).org.id;
  const admin = as.admin as Headers;
  f.villageB = (await json('GET', `/api/orgs?parentId=${f.townB}&kind=village&limit=1`, admin)).body.items[0].id;
  f.gridB = (await json('GET', `/api/orgs?parentId=${f.villageB}&kind=grid&limit=1`, admin)).body.items[0].id;
  f.versionA = (await json('GET', `/api/orgs/${f.villageA}`, admin)).body.version;
  f.versionB = (await json('GET', `/api/orgs/${f.villageB}`, admin)).body.version;
  f.userA = (await me(as.village as Headers)).id;
  f.userB = (await me(as.town2 as Headers)).id;
  // A town-level administrator: the scope rules, not the role, must stop it at its town's edge.
  const created = await json('POST', '/api/users', admin, {
    username: 'townadmin',
    displayName: '镇管理员',
    role: 'admin',
    orgId: f.townA,
    password: 'Town-manager-7',
  });
  expect(created.status).toBe(201);
  as.townadmin = await sys.login('townadmin', 'Town-manager-7');
  f.keyA = (
    await json('POST', '/api/api-keys', admin, { name: 'A', orgId: f.townA, permissions: ['case.read'] })
  ).body.apiKey.id;
  f.keyB = (
    await json('POST', '/api/api-keys', admin, { name: 'B', orgId: f.townB, permissions: ['case.read'] })
  ).body.apiKey.id;
  // One case in each town.
  const now = new Date();
  for (const [suffix, grid, village, town] of [
    ['A', f.gridA, f.villageA, f.townA],
    ['B', f.gridB, f.villageB, f.townB],
  ] as const) {
    await sys.services.db
      .insertInto('cases')
      .values({
        number: `TEST-${suffix}`,
        county_code: '330788',
        channel: 'citizen_app',
        title: `测试诉求${suffix}`,
        body: '路灯不亮',
        status: 'handling',
        town_id: town,
        village_id: village,
        grid_id: grid,
        owner_org_id: town,
        reporter_name: '李四',
        reporter_phone: '13800001111',
        reported_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  f.caseA = 'TEST-A';
  f.caseB = 'TEST-B';
});
afterAll(async () => sys?.stop());

const covered = new Set<string>();
const cover = (key: string) => covered.add(key);

describe('reads are limited to the principal’s subtree', () => {
  it('GET /api/orgs', async () => {
    cover('GET /api/orgs');
    const inside = await json('GET', `/api/orgs?parentId=${f.townA}&limit=500`, as.town as Headers);
    expect(inside.body.items.map((o: { id: number }) => o.id)).toContain(f.villageA);
    const outside = await json('GET', `/api/orgs?parentId=${f.townB}&limit=500`, as.town as Headers);
    expect(outside.status).toBe(200);
    expect(outside.body.items).toEqual([]);
    const all = await json('GET', '/api/orgs?kind=village&limit=500', as.town as Headers);
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items.every((o: { id: number }) => o.id !== f.villageB)).toBe(true);
    // The county directory of departments is visible to every unit (for dispatch).
    const depts = await json('GET', '/api/orgs?kind=department&limit=500', as.village as Headers);
    expect(depts.body.items.length).toBe(25);
  });

  it('GET /api/orgs/tree', async () => {
    cover('GET /api/orgs/tree');
    const tree = JSON.stringify((await json('GET', '/api/orgs/tree', as.town as Headers)).body);
    expect(tree).toContain(`"id":${f.villageA},`);
    expect(tree).not.toContain(`"id":${f.villageB},`);
    expect(tree).not.toContain(`"id":${f.townB},`);
    const county = JSON.stringify((await json('GET', '/api/orgs/tree', as.county as Headers)).body);
    expect(county).toContain(`"id":${f.villageB},`);
  });

  it('GET /api/orgs/:id', async () => {
    cover('GET /api/orgs/:id');
    expect((await json('GET', `/api/orgs/${f.villageA}`, as.town as Headers)).status).toBe(200);
    const outside = await json('GET', `/api/orgs/${f.villageB}`, as.town as Headers);
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('ORG_NOT_FOUND');
    expect((await json('GET', `/api/orgs/${f.gridB}`, as.grid as Headers)).status).toBe(404);
    expect((await json('GET', `/api/orgs/${f.gridB}`, as.leader as Headers)).status).toBe(200);
  });

  it('GET /api/grids/geojson', async () => {
    cover('GET /api/grids/geojson');
    const ids = (await json('GET', '/api/grids/geojson', as.town as Headers)).body.features.map(
      (x: { properties: { id: number } }) => x.properties.id,
    );
    expect(ids).toContain(f.gridA);
    expect(ids).not.toContain(f.gridB);
    expect((await json('GET', `/api/grids/geojson?withinId=${f.townB}`, as.town as Headers)).status).toBe(404);
    const mine = (await json('GET', '/api/grids/geojson', as.grid as Headers)).body.features;
    expect(mine.map((x: { properties: { id: number } }) => x.properties.id)).toEqual([f.gridA]);
  });

  it('GET /api/users and /api/users/:id', async () => {
    cover('GET /api/users');
    cover('GET /api/users/:id');
    const list = (await json('GET', '/api/users?limit=500', as.town as Headers)).body.items.map(
      (u: { id: number }) => u.id,
    );
    expect(list).toContain(f.userA);
    expect(list).not.toContain(f.userB);
    expect((await json('GET', `/api/users/${f.userA}`, as.town as Headers)).status).toBe(200);
    expect((await json('GET', `/api/users/${f.userB}`, as.town as Headers)).status).toBe(404);
    // Phones are masked in lists.
    const phones = (await json('GET', '/api/users?limit=20', as.admin as Headers)).body.items.map(
      (u: { phone: string | null }) => u.phone,
    );
    expect(phones.filter(Boolean).every((p: string) => /^\d{3}\*{4}\d{4}$/.test(p))).toBe(true);
  });

  it('GET /api/users/:id/phone reveals in scope only, and audits the view', async () => {
    cover('GET /api/users/:id/phone');
    const ok = await json('GET', `/api/users/${f.userA}/phone`, as.town as Headers);
    expect(ok.status).toBe(200);
    expect(ok.body.phone).toMatch(/^1\d{10}$/);
    expect((await json('GET', `/api/users/${f.userB}/phone`, as.town as Headers)).status).toBe(404);
    expect((await json('GET', `/api/users/${f.userA}/phone`, as.mediator as Headers)).status).toBe(403);
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pii.view')
      .where('target_id', '=', String(f.userA))
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('GET /api/api-keys', async () => {
    cover('GET /api/api-keys');
    const ids = (await json('GET', '/api/api-keys', as.townadmin as Headers)).body.items.map(
      (k: { id: number }) => k.id,
    );
    expect(ids).toContain(f.keyA);
    expect(ids).not.toContain(f.keyB);
    expect((await json('GET', '/api/api-keys', as.town as Headers)).status).toBe(403);
  });

  it('GET /api/home counts only the subtree', async () => {
    cover('GET /api/home');
    const town = (await json('GET', '/api/home', as.town as Headers)).body;
    const county = (await json('GET', '/api/home', as.county as Headers)).body;
    expect(town.counts.towns).toBe(1);
    expect(town.counts.villages).toBeGreaterThan(0);
    expect(town.counts.villages).toBeLessThan(county.counts.villages);
    // Areas read the rollups (fed by case events; the fixtures here are bare rows), units count their cases.
    expect(town.cases.total).toBe(0);
    const dept = (await json('GET', '/api/home', as.dept as Headers)).body;
    expect(dept.cases.total).toBe(0);
    expect(dept.counts.towns).toBe(0);
    const citizen = await sys.login('citizen-not-a-user').catch(() => null);
    expect(citizen).toBeNull();
  });

  it('GET /api/cases', async () => {
    cover('GET /api/cases');
    const town = (await json('GET', '/api/cases', as.town as Headers)).body.items.map(
      (c: { number: string }) => c.number,
    );
    expect(town).toEqual([f.caseA]);
    const town2 = (await json('GET', '/api/cases', as.town2 as Headers)).body.items.map(
      (c: { number: string }) => c.number,
    );
    expect(town2).toEqual([f.caseB]);
    const grid = (await json('GET', '/api/cases', as.grid as Headers)).body;
    expect(grid.items.map((c: { number: string }) => c.number)).toEqual([f.caseA]);
    // Reporter's personal data is masked.
    const detail = (await json('GET', `/api/cases/${grid.items[0].id}`, as.grid as Headers)).body;
    expect(detail.reporter).toMatchObject({ name: '李*', phone: '138****1111', masked: true });
    const dept = (await json('GET', '/api/cases', as.dept as Headers)).body;
    expect(dept.total).toBe(0);
  });

  it('POST /api/cases/:id/reporter/reveal: the reporter whole to a handler in scope; elsewhere no such case', async () => {
    cover('POST /api/cases/:id/reporter/reveal');
    const id = (await json('GET', '/api/cases', as.grid as Headers)).body.items[0].id;
    const shown = await json('POST', `/api/cases/${id}/reporter/reveal`, as.grid as Headers);
    expect(shown.status, JSON.stringify(shown.body)).toBe(200);
    expect(shown.body).toEqual({ name: '李四', phone: '13800001111' });
    expect((await json('POST', `/api/cases/${id}/reporter/reveal`, as.town2 as Headers)).status).toBe(404);
    expect((await json('POST', `/api/cases/${id}/reporter/reveal`, as.dept as Headers)).status).toBe(404);
  });

  it('GET /api/audit', async () => {
    cover('GET /api/audit');
    expect((await json('GET', '/api/audit', as.admin as Headers)).body.total).toBeGreaterThan(0);
    expect((await json('GET', '/api/audit', as.town as Headers)).status).toBe(403);
    // A town administrator sees only what its own town's people did.
    const mine = (await json('GET', '/api/audit?limit=500', as.townadmin as Headers)).body.items;
    expect(mine.every((e: { actor: string }) => e.actor !== '系统管理员')).toBe(true);
  });

  it('dashboards and the command centre: figures of the subtree only', async () => {
    const routes = [
      ['GET /api/dashboards/summary', '/api/dashboards/summary'],
      ['GET /api/dashboards/trend', '/api/dashboards/trend'],
      ['GET /api/dashboards/breakdown', '/api/dashboards/breakdown?by=place'],
      ['GET /api/dashboards/durations', '/api/dashboards/durations'],
      ['GET /api/command/overview', '/api/command/overview'],
    ] as const;
    const phone = '13500004321';
    const code = (await json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    const citizen = {
      authorization: `Bearer ${(await json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token}`,
    };
    for (const [key, url] of routes) {
      cover(key);
      const sep = url.includes('?') ? '&' : '?';
      expect((await json('GET', `${url}${sep}orgId=${f.townA}`, as.town as Headers)).status, key).toBe(200);
      expect((await json('GET', `${url}${sep}orgId=${f.villageA}`, as.leader as Headers)).status, key).toBe(200);
      const outside = await json('GET', `${url}${sep}orgId=${f.townA}`, as.town2 as Headers);
      expect(outside.status, key).toBe(404);
      expect(outside.body.code).toBe('ORG_NOT_FOUND');
      expect((await json('GET', `${url}${sep}orgId=${f.townB}`, as.village as Headers)).status, key).toBe(404);
      expect((await json('GET', url, citizen)).status, key).toBe(403);
    }
    const town = (await json('GET', '/api/command/overview', as.town as Headers)).body;
    expect(town.org.id).toBe(f.townA);
    expect(town.breadcrumb.map((b: { id: number }) => b.id)).toEqual([f.townA]);
  });

  it('reference data is shared: categories, calendar, clock, locate', async () => {
    for (const key of ['GET /api/categories', 'GET /api/calendar', 'GET /api/clock', 'GET /api/locate']) cover(key);
    expect((await json('GET', '/api/categories', as.grid as Headers)).body.items.length).toBeGreaterThan(500);
    expect((await json('GET', '/api/calendar?year=2026', as.grid as Headers)).body.days.length).toBeGreaterThan(10);
    expect((await json('GET', '/api/clock', {})).status).toBe(200);
    const grid = (await json('GET', `/api/orgs/${f.gridB}`, as.admin as Headers)).body;
    const located = await json('GET', `/api/locate?lat=${grid.centerLat}&lng=${grid.centerLng}`, as.grid as Headers);
    expect(located.status).toBe(200);
  });
});

describe('changes are limited to the principal’s subtree', () => {
  it('PATCH /api/orgs/:id', async () => {
    cover('PATCH /api/orgs/:id');
    const inside = await json('PATCH', `/api/orgs/${f.villageA}`, as.townadmin as Headers, {
      version: f.versionA,
      phone: '0579-1',
    });
    expect(inside.status).toBe(200);
    const outside = await json('PATCH', `/api/orgs/${f.villageB}`, as.townadmin as Headers, {
      version: f.versionB,
      phone: '0579-2',
    });
    expect(outside.status).toBe(404);
    expect(
      (await json('PATCH', `/api/orgs/${f.villageA}`, as.town as Headers, { version: 2, phone: 'x' })).status,
    ).toBe(403);
    const unchanged = (await json('GET', `/api/orgs/${f.villageB}`, as.admin as Headers)).body;
    expect(unchanged.phone).not.toBe('0579-2');
  });

  it('POST /api/orgs', async () => {
    cover('POST /api/orgs');
    const villageA = (await json('GET', `/api/orgs/${f.villageA}`, as.admin as Headers)).body;
    const villageB = (await json('GET', `/api/orgs/${f.villageB}`, as.admin as Headers)).body;
    const inside = await json('POST', '/api/orgs', as.townadmin as Headers, {
      code: `${villageA.code}901`,
      name: '新网格',
      kind: 'grid',
      participant: 'government',
      parentId: f.villageA,
    });
    expect(inside.status).toBe(201);
    const outside = await json('POST', '/api/orgs', as.townadmin as Headers, {
      code: `${villageB.code}901`,
      name: '越权网格',
      kind: 'grid',
      participant: 'government',
      parentId: f.villageB,
    });
    expect(outside.status).toBe(404);
    const byDept = await json('POST', '/api/orgs', as.dept as Headers, {
      code: 'x',
      name: 'x',
      kind: 'grid',
      participant: 'government',
      parentId: f.villageA,
    });
    expect(byDept.status).toBe(403);
  });

  it('POST /api/users', async () => {
    cover('POST /api/users');
    const payload = { displayName: '王五', role: 'village_operator', password: 'abcd12345' };
    expect(
      (
        await json('POST', '/api/users', as.townadmin as Headers, {
          ...payload,
          username: 'wangwu-a',
          orgId: f.villageA,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await json('POST', '/api/users', as.townadmin as Headers, {
          ...payload,
          username: 'wangwu-b',
          orgId: f.villageB,
        })
      ).status,
    ).toBe(404);
    expect(
      (await json('POST', '/api/users', as.town as Headers, { ...payload, username: 'wangwu-c', orgId: f.villageA }))
        .status,
    ).toBe(403);
  });

  it('PATCH /api/users/:id, reset-password and unlock', async () => {
    for (const key of ['PATCH /api/users/:id', 'POST /api/users/:id/reset-password', 'POST /api/users/:id/unlock'])
      cover(key);
    const ta = as.townadmin as Headers;
    expect((await json('PATCH', `/api/users/${f.userA}`, ta, { displayName: '改名' })).status).toBe(200);
    expect((await json('PATCH', `/api/users/${f.userB}`, ta, { displayName: '越权' })).status).toBe(404);
    expect((await json('POST', `/api/users/${f.userB}/reset-password`, ta, {})).status).toBe(404);
    expect((await json('POST', `/api/users/${f.userB}/unlock`, ta)).status).toBe(404);
    expect((await json('POST', `/api/users/${f.userA}/unlock`, ta)).status).toBe(200);
    expect((await json('PATCH', `/api/users/${f.userA}`, as.town as Headers, { displayName: 'x' })).status).toBe(403);
  });

  it('POST and DELETE /api/api-keys', async () => {
    cover('POST /api/api-keys');
    cover('DELETE /api/api-keys/:id');
    const ta = as.townadmin as Headers;
    expect(
      (await json('POST', '/api/api-keys', ta, { name: 'b', orgId: f.townB, permissions: ['case.read'] })).status,
    ).toBe(404);
    expect((await json('DELETE', `/api/api-keys/${f.keyB}`, ta)).status).toBe(404);
    expect((await json('DELETE', `/api/api-keys/${f.keyA}`, ta)).status).toBe(204);
  });

  it('county-wide settings need their permission: categories, calendar, clock, imports', async () => {
    for (const key of [
      'POST /api/categories',
      'PATCH /api/categories/:id',
      'PUT /api/calendar/:day',
      'DELETE /api/calendar/:day',
      'POST /api/clock/advance',
      'GET /api/orgs/import/template',
      'POST /api/orgs/import',
      'POST /api/grids/boundaries',
    ]) {
      cover(key);
    }
    const town = as.town as Headers;
    expect((await json('POST', '/api/categories', town, { name: 'x', family: 'governance' })).status).toBe(403);
    expect((await json('PATCH', '/api/categories/1', town, { name: 'x' })).status).toBe(403);
    expect((await json('PUT', '/api/calendar/2026-12-31', town, { kind: 'holiday', name: 'x' })).status).toBe(403);
    expect((await json('DELETE', '/api/calendar/2026-10-01', town)).status).toBe(403);
    expect((await json('POST', '/api/clock/advance', as.leader as Headers, { hours: 1 })).status).toBe(403);
    expect((await json('GET', '/api/orgs/import/template', town)).status).toBe(403);
    expect((await json('POST', '/api/orgs/import', town)).status).toBe(403);
    expect(
      (await json('POST', '/api/grids/boundaries', town, { type: 'FeatureCollection', features: [] })).status,
    ).toBe(403);
    // A town administrator may import boundaries only for its own grids.
    const gridB = (await json('GET', `/api/orgs/${f.gridB}`, as.admin as Headers)).body;
    const r = await json('POST', '/api/grids/boundaries', as.townadmin as Headers, {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: gridB.code }, geometry: gridB.boundary }],
    });
    expect(r.status).toBe(422);
  });
});

describe('assessment (督导考核)', () => {
  it('rankings, bulletin, weights and periods: the subtree, and roles without the permission', async () => {
    for (const key of [
      'GET /api/assessment/ranking',
      'GET /api/assessment/bulletin',
      'GET /api/assessment/weights',
      'PUT /api/assessment/weights',
      'GET /api/assessment/periods',
      'PUT /api/assessment/periods/:period',
    ]) {
      cover(key);
    }
    const town = as.town as Headers;
    const villages = (await json('GET', '/api/assessment/ranking?unitType=village&period=2026-04', town)).body;
    const ids = villages.rows.map((r: { unitId: number }) => r.unitId);
    expect(ids).toContain(f.villageA);
    expect(ids).not.toContain(f.villageB);
    expect(
      (await json('GET', `/api/assessment/ranking?unitType=grid&period=2026-04&withinId=${f.villageB}`, town)).status,
    ).toBe(404);
    expect(
      (
        await json(
          'GET',
          `/api/assessment/ranking?unitType=grid&period=2026-04&withinId=${f.villageB}`,
          as.leader as Headers,
        )
      ).status,
    ).toBe(200);
    expect(
      (await json('GET', '/api/assessment/ranking?unitType=town&period=2026-04', as.mediator as Headers)).status,
    ).toBe(403);
    expect((await json('GET', '/api/assessment/bulletin?month=2026-04', as.dept as Headers)).status).toBe(403);
    expect((await json('GET', '/api/assessment/bulletin?month=2026-04', as.county as Headers)).status).toBe(200);
    expect((await json('GET', '/api/assessment/weights', as.grid as Headers)).status).toBe(403);
    expect((await json('GET', '/api/assessment/weights', town)).status).toBe(200);
    expect((await json('PUT', '/api/assessment/weights', town, { weights: { overdueCount: 1 } })).status).toBe(403);
    expect(
      (await json('PUT', '/api/assessment/weights', as.admin as Headers, { weights: { overdueCount: 5 } })).status,
    ).toBe(200);
    expect((await json('GET', '/api/assessment/periods', as.village as Headers)).status).toBe(403);
    expect((await json('GET', '/api/assessment/periods', as.leader as Headers)).status).toBe(200);
    expect((await json('PUT', '/api/assessment/periods/2026-01', as.leader as Headers, { closed: true })).status).toBe(
      403,
    );
    expect((await json('PUT', '/api/assessment/periods/2026-01', as.admin as Headers, { closed: false })).status).toBe(
      200,
    );
  });

  it('the towns’ questionnaire: a town rates only for itself and sees only its own sheets', async () => {
    for (const key of [
      'GET /api/assessment/ratings/form',
      'PUT /api/assessment/ratings',
      'GET /api/assessment/ratings/results',
    ]) {
      cover(key);
    }
    const sheet = { speed: 4, quality: 4, cooperation: 4, attitude: 4, overall: 80 };
    expect((await json('GET', '/api/assessment/ratings/form?period=2026-04', as.town as Headers)).status).toBe(200);
    expect((await json('GET', '/api/assessment/ratings/form?period=2026-04', as.county as Headers)).status).toBe(403);
    const deptId = (await json('GET', '/api/auth/me', as.dept as Headers)).body.org.id;
    const other = await json('PUT', '/api/assessment/ratings', as.town as Headers, {
      period: '2026-04',
      departmentId: deptId,
      townId: f.townB,
      answers: sheet,
    });
    expect(other.status).toBe(404);
    expect(
      (
        await json('PUT', '/api/assessment/ratings', as.village as Headers, {
          period: '2026-04',
          departmentId: deptId,
          answers: sheet,
        })
      ).status,
    ).toBe(403);
    expect(
      (await json('GET', '/api/assessment/ratings/results?period=2026-04', as.town2 as Headers)).body.items,
    ).toEqual([]);
    expect((await json('GET', '/api/assessment/ratings/results?period=2026-04', as.dept as Headers)).status).toBe(403);
  });
});

describe('analysis (分析研判)', () => {
  it('search, similar cases, hotspots, repeat reporters, group risks: the subtree only; classify for anyone signed in', async () => {
    for (const key of [
      'POST /api/analysis/classify',
      'GET /api/analysis/search',
      'GET /api/cases/:id/similar',
      'POST /api/analysis/similar',
      'GET /api/analysis/hotspots',
      'GET /api/analysis/repeat-reporters',
      'GET /api/analysis/group-risks',
    ]) {
      cover(key);
    }
    await indexAllPending(sys.services.db);
    const ids = await sys.services.db
      .selectFrom('cases')
      .select(['id', 'number'])
      .where('number', 'in', [f.caseA, f.caseB])
      .execute();
    const idA = Number(ids.find((r) => r.number === f.caseA)?.id);
    const town = as.town as Headers;
    const town2 = as.town2 as Headers;
    const search = async (h: Headers) =>
      (await json('GET', `/api/analysis/search?q=${encodeURIComponent('路灯')}`, h)).body.items.map(
        (c: { number: string }) => c.number,
      );
    expect(await search(town)).toEqual([f.caseA]);
    expect(await search(town2)).toEqual([f.caseB]);
    expect(await search(as.dept as Headers)).toEqual([]);
    expect((await json('GET', `/api/cases/${idA}/similar`, town)).status).toBe(200);
    expect((await json('GET', `/api/cases/${idA}/similar`, town2)).status).toBe(404);
    const similar = async (h: Headers) =>
      (await json('POST', '/api/analysis/similar', h, { text: '路灯不亮' })).body.items.map(
        (c: { number: string }) => c.number,
      );
    expect(await similar(town)).not.toContain(f.caseB);
    expect(await similar(town2)).not.toContain(f.caseA);
    expect((await json('GET', `/api/analysis/hotspots?orgId=${f.villageA}`, town)).status).toBe(200);
    expect((await json('GET', `/api/analysis/hotspots?orgId=${f.villageB}`, town)).status).toBe(404);
    expect((await json('GET', `/api/analysis/repeat-reporters?orgId=${f.villageB}`, town)).status).toBe(404);
    expect((await json('GET', `/api/analysis/group-risks?orgId=${f.villageB}`, town)).status).toBe(404);
    // Classification reads no case data: every signed-in principal may use it.
    expect((await json('POST', '/api/analysis/classify', as.mediator as Headers, { text: '路灯不亮' })).status).toBe(
      200,
    );
    // A machine client without case.read may classify, and read nothing.
    const created = await json('POST', '/api/api-keys', as.admin as Headers, {
      name: 'intake only',
      orgId: f.townA,
      permissions: ['case.create'],
    });
    const client = { 'x-api-key': created.body.key as string };
    expect((await json('POST', '/api/analysis/classify', client, { text: '路灯不亮' })).status).toBe(200);
    for (const [method, url] of [
      ['GET', '/api/analysis/search?q=x'],
      ['GET', `/api/cases/${idA}/similar`],
      ['GET', '/api/analysis/hotspots'],
      ['GET', '/api/analysis/repeat-reporters'],
      ['GET', '/api/analysis/group-risks'],
    ] as const) {
      expect((await json(method, url, client)).status, url).toBe(403);
    }
    expect((await json('POST', '/api/analysis/similar', client, { text: '路灯不亮' })).status).toBe(403);
  });
});

describe('智能分类 · 智能派单 (issue 19)', () => {
  it('a case’s suggestion and its decision: the subtree only; the county setting: the county administrator only', async () => {
    for (const key of [
      'GET /api/intelligence/cases/:id/suggestion',
      'POST /api/intelligence/cases/:id/suggestion/decide',
      'GET /api/intelligence/settings',
      'PUT /api/intelligence/settings',
      'GET /api/intelligence/thresholds',
      'GET /api/intelligence/stats',
      'GET /api/intelligence/warnings',
    ]) {
      cover(key);
    }
    const ids = await sys.services.db
      .selectFrom('cases')
      .select(['id', 'number', 'version'])
      .where('number', 'in', [f.caseA, f.caseB])
      .execute();
    const a = ids.find((r) => r.number === f.caseA) as { id: number; version: number };
    const town = as.town as Headers;
    const town2 = as.town2 as Headers;
    expect((await json('GET', `/api/intelligence/cases/${a.id}/suggestion`, town)).status).toBe(200);
    expect((await json('GET', `/api/intelligence/cases/${a.id}/suggestion`, town2)).status).toBe(404);
    const decide = { version: a.version, categoryId: 1 };
    expect((await json('POST', `/api/intelligence/cases/${a.id}/suggestion/decide`, town2, decide)).status).toBe(404);
    expect((await json('GET', '/api/intelligence/settings', town)).status).toBe(200);
    expect((await json('GET', '/api/intelligence/stats', town)).status).toBe(200);
    expect((await json('GET', '/api/intelligence/warnings', town)).status).toBe(200);
    expect((await json('GET', `/api/intelligence/warnings?orgId=${f.townB}`, town)).status).toBe(404);
    const setting = { autoDispatch: false, threshold: 0.9 };
    expect((await json('PUT', '/api/intelligence/settings', town, setting)).status).toBe(403);
    expect((await json('PUT', '/api/intelligence/settings', as.leader as Headers, setting)).status).toBe(403);
    expect((await json('PUT', '/api/intelligence/settings', as.admin as Headers, setting)).status).toBe(200);
    const created = await json('POST', '/api/api-keys', as.admin as Headers, {
      name: 'intake only (intelligence)',
      orgId: f.townA,
      permissions: ['case.create'],
    });
    const client = { 'x-api-key': created.body.key as string };
    for (const url of [
      '/api/intelligence/settings',
      '/api/intelligence/thresholds',
      '/api/intelligence/stats',
      '/api/intelligence/warnings',
    ]) {
      expect((await json('GET', url, client)).status, url).toBe(403);
    }
  });
});

describe('每月一题 · 未诉先办 (issue 19)', () => {
  it('proposals and topics: the subtree only; adopting and closing: county and town platforms only', async () => {
    for (const key of [
      'GET /api/topics/proposals',
      'POST /api/topics',
      'GET /api/topics',
      'GET /api/topics/:id',
      'POST /api/topics/:id/close',
    ]) {
      cover(key);
    }
    const month = new Date(sys.services.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    expect((await json('GET', `/api/topics/proposals?orgId=${f.townA}`, as.town as Headers)).status).toBe(200);
    expect((await json('GET', `/api/topics/proposals?orgId=${f.townB}`, as.town as Headers)).status).toBe(404);
    expect((await json('GET', '/api/topics', as.village as Headers)).status).toBe(200);
    expect((await json('GET', '/api/topics/999999', as.town as Headers)).status).toBe(404);
    const adopt = {
      orgId: f.townA,
      month,
      proposalKey: `${month}:${f.townA}:1`,
      leadOrgId: f.townA,
      tasks: [{ title: '排查', ownerOrgId: f.villageA, dueAt: '2099-01-01' }],
    };
    // a village platform and a grid worker may read, not adopt; the close route asks the same permission
    expect((await json('POST', '/api/topics', as.village as Headers, adopt)).status).toBe(403);
    expect((await json('POST', '/api/topics', as.grid as Headers, adopt)).status).toBe(403);
    expect((await json('POST', '/api/topics/1/close', as.village as Headers, { version: 1, note: 'x' })).status).toBe(
      403,
    );
    const created = await json('POST', '/api/api-keys', as.admin as Headers, {
      name: 'intake only (topics)',
      orgId: f.townA,
      permissions: ['case.create'],
    });
    const client = { 'x-api-key': created.body.key as string };
    expect((await json('GET', '/api/topics/proposals', client)).status).toBe(403);
    expect((await json('GET', '/api/topics', client)).status).toBe(403);
  });
});

describe('field work: citizen reports, patrols, grid QR codes (issue 4)', () => {
  const citizenHeaders = async (phone: string): Promise<Headers> => {
    const code = (await json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    return { authorization: `Bearer ${(await json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token}` };
  };

  it('POST /api/citizen/reports and GET /api/citizen/grids', async () => {
    cover('POST /api/citizen/reports');
    cover('GET /api/citizen/grids');
    const citizen = await citizenHeaders('13600004401');
    const grid = (await json('GET', `/api/orgs/${f.gridA}`, as.admin as Headers)).body;
    const report = {
      clientToken: 'matrix-report-1',
      body: '楼道灯坏了很久没人修',
      lat: grid.centerLat,
      lng: grid.centerLng,
    };
    expect((await json('POST', '/api/citizen/reports', citizen, report)).status).toBe(201);
    const staff = await json('POST', '/api/citizen/reports', as.town as Headers, {
      ...report,
      clientToken: 'matrix-report-2',
    });
    expect(staff.status).toBe(403);
    expect(staff.body.code).toBe('CITIZEN_ONLY');
    expect((await json('GET', '/api/citizen/grids', citizen)).status).toBe(200);
  });

  it('patrols: written by their grid worker only, read within the subtree', async () => {
    for (const key of [
      'POST /api/patrols',
      'GET /api/patrols/current',
      'GET /api/patrols',
      'GET /api/patrols/:id',
      'POST /api/patrols/:id/points',
      'POST /api/patrols/:id/end',
      'POST /api/patrols/findings',
    ]) {
      cover(key);
    }
    const grid = as.grid as Headers;
    const gridB = (await json('GET', `/api/orgs/${f.gridB}`, as.admin as Headers)).body;
    const outsider = await sys.login(`g${gridB.code}`);
    const centre = (await json('GET', `/api/orgs/${f.gridA}`, as.admin as Headers)).body;
    const started = await json('POST', '/api/patrols', grid);
    expect(started.status).toBe(201);
    const id = started.body.id;
    expect((await json('POST', '/api/patrols', as.village as Headers)).status).toBe(403);
    expect((await json('GET', '/api/patrols/current', grid)).body.patrol.id).toBe(id);
    expect((await json('GET', '/api/patrols/current', as.village as Headers)).status).toBe(403);
    const point = { lat: centre.centerLat, lng: centre.centerLng };
    expect((await json('POST', `/api/patrols/${id}/points`, grid, point)).status).toBe(201);
    expect((await json('POST', `/api/patrols/${id}/points`, outsider, point)).status).toBe(404);
    expect((await json('POST', `/api/patrols/${id}/points`, as.village as Headers, point)).status).toBe(403);
    expect((await json('GET', `/api/patrols/${id}`, as.village as Headers)).status).toBe(200);
    expect((await json('GET', `/api/patrols/${id}`, as.town2 as Headers)).status).toBe(404);
    expect((await json('GET', `/api/patrols/${id}`, outsider)).status).toBe(404);
    expect((await json('GET', `/api/patrols/${id}`, as.dept as Headers)).status).toBe(403);
    const listed = (p: { id: number }[]) => p.map((x) => x.id).includes(id);
    expect(listed((await json('GET', '/api/patrols', as.town as Headers)).body.items)).toBe(true);
    expect(listed((await json('GET', '/api/patrols', as.town2 as Headers)).body.items)).toBe(false);
    expect((await json('GET', '/api/patrols', as.mediator as Headers)).status).toBe(403);
    const finding = { clientToken: 'matrix-finding-1', body: '路边垃圾堆放多日无人清理', ...point };
    expect((await json('POST', '/api/patrols/findings', grid, finding)).status).toBe(201);
    expect((await json('POST', '/api/patrols/findings', as.village as Headers, finding)).status).toBe(403);
    expect((await json('POST', `/api/patrols/${id}/end`, outsider, {})).status).toBe(404);
    expect((await json('POST', `/api/patrols/${id}/end`, as.village as Headers, {})).status).toBe(403);
    expect((await json('POST', `/api/patrols/${id}/end`, grid, {})).body.open).toBe(false);
  });

  it('grid QR codes: grids of the subtree only', async () => {
    for (const key of ['GET /api/qrcodes/grids', 'GET /api/qrcodes/grids/:id.png', 'GET /api/qrcodes/grids/:id.svg']) {
      cover(key);
    }
    const ids = (await json('GET', '/api/qrcodes/grids?limit=500', as.town as Headers)).body.items.map(
      (g: { id: number }) => g.id,
    );
    expect(ids).toContain(f.gridA);
    expect(ids).not.toContain(f.gridB);
    expect((await json('GET', `/api/qrcodes/grids?withinId=${f.villageB}`, as.town as Headers)).status).toBe(404);
    const png = await sys.request({ method: 'GET', url: `/api/qrcodes/grids/${f.gridA}.png`, headers: as.town });
    expect(png.statusCode).toBe(200);
    const outside = await sys.request({ method: 'GET', url: `/api/qrcodes/grids/${f.gridB}.png`, headers: as.town });
    expect(outside.statusCode).toBe(404);
    const svg = await sys.request({ method: 'GET', url: `/api/qrcodes/grids/${f.gridA}.svg`, headers: as.mediator });
    expect(svg.statusCode).toBe(404);
    const citizen = await citizenHeaders('13600004402');
    expect((await json('GET', '/api/qrcodes/grids', citizen)).status).toBe(403);
  });
});

describe('machine channels: attachments, 12345 hotline, webhooks (issue 4)', () => {
  it('attachments: the uploader, and staff who see a case that references one', async () => {
    for (const key of [
      'POST /api/attachments',
      'GET /api/attachments/:id',
      'GET /api/attachments/:id/thumbnail',
      'GET /api/attachments/:id/meta',
    ])
      cover(key);
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0a0' } })
      .png()
      .toBuffer();
    const { payload, contentType } = multipartBody('a.png', png, 'image/png');
    const up = await sys.request({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...(as.grid as Headers), 'content-type': contentType },
      payload,
    });
    expect(up.statusCode).toBe(201);
    const id = up.json().id as string;
    await sys.services.db
      .updateTable('cases')
      .set({ attachment_ids: [id] })
      .where('number', '=', f.caseA)
      .execute();
    const status = async (url: string, headers: Headers) =>
      (await sys.request({ method: 'GET', url, headers })).statusCode;
    for (const suffix of ['', '/thumbnail', '/meta']) {
      expect(await status(`/api/attachments/${id}${suffix}`, as.grid as Headers)).toBe(200);
      expect(await status(`/api/attachments/${id}${suffix}`, as.town as Headers)).toBe(200);
      const outside = await json('GET', `/api/attachments/${id}${suffix}`, as.town2 as Headers);
      expect(outside.status).toBe(404);
      expect(outside.body.code).toBe('ATTACHMENT_NOT_FOUND');
    }
  });

  it('hotline: pushes need hotline.push; keys, mapping and imports need their permission and scope', async () => {
    for (const key of [
      'POST /api/hotline/orders',
      'GET /api/hotline/keys',
      'POST /api/hotline/keys/:id/secret',
      'GET /api/hotline/category-map',
      'PUT /api/hotline/category-map',
      'DELETE /api/hotline/category-map',
      'GET /api/hotline/imports/template',
      'GET /api/hotline/imports',
      'POST /api/hotline/imports',
      'POST /api/hotline/imports/:id/start',
      'GET /api/hotline/imports/:id',
    ])
      cover(key);
    const pushed = await json('POST', '/api/hotline/orders', as.county as Headers, {
      orderNo: 'X1',
      content: '测试工单内容',
    });
    expect(pushed.status).toBe(403);
    const hotlineKeyB = (
      await json('POST', '/api/api-keys', as.admin as Headers, {
        name: 'HB',
        orgId: f.townB,
        permissions: ['hotline.push'],
      })
    ).body.apiKey.id;
    expect((await json('POST', `/api/hotline/keys/${hotlineKeyB}/secret`, as.admin as Headers)).status).toBe(200);
    expect((await json('POST', `/api/hotline/keys/${hotlineKeyB}/secret`, as.townadmin as Headers)).status).toBe(404);
    expect((await json('POST', `/api/hotline/keys/${hotlineKeyB}/secret`, as.town as Headers)).status).toBe(403);
    const keys = (await json('GET', '/api/hotline/keys', as.townadmin as Headers)).body.items;
    expect(keys.some((k: { id: number }) => k.id === hotlineKeyB)).toBe(false);
    expect((await json('GET', '/api/hotline/keys', as.county as Headers)).status).toBe(403);

    expect((await json('GET', '/api/hotline/category-map', as.county as Headers)).status).toBe(200);
    for (const name of ['town', 'village', 'grid', 'dept', 'leader']) {
      expect((await json('GET', '/api/hotline/category-map', as[name] as Headers)).status, name).toBe(403);
      expect(
        (await json('PUT', '/api/hotline/category-map', as[name] as Headers, { hotlineCategory: 'x', categoryId: 1 }))
          .status,
      ).toBe(403);
      expect((await json('DELETE', '/api/hotline/category-map?hotlineCategory=x', as[name] as Headers)).status).toBe(
        403,
      );
      expect((await json('GET', '/api/hotline/imports', as[name] as Headers)).status).toBe(403);
      expect((await json('GET', '/api/hotline/imports/template', as[name] as Headers)).status).toBe(403);
    }
    const csv = Buffer.from('工单编号,诉求内容,经度,纬度\nPM-1,楼道灯坏了很久了,0,0\n');
    const { payload, contentType } = multipartBody('o.csv', csv);
    const preview = await sys.request({
      method: 'POST',
      url: '/api/hotline/imports',
      headers: { ...(as.county as Headers), 'content-type': contentType },
      payload,
    });
    expect(preview.statusCode).toBe(200);
    const importId = preview.json().importId;
    expect((await json('GET', `/api/hotline/imports/${importId}`, as.county as Headers)).status).toBe(200);
    expect((await json('GET', `/api/hotline/imports/${importId}`, as.townadmin as Headers)).status).toBe(404);
    expect((await json('POST', `/api/hotline/imports/${importId}/start`, as.townadmin as Headers)).status).toBe(404);
    expect((await json('POST', `/api/hotline/imports/${importId}/start`, as.town as Headers)).status).toBe(403);
    const denied = await sys.request({
      method: 'POST',
      url: '/api/hotline/imports',
      headers: { ...(as.town as Headers), 'content-type': contentType },
      payload,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('webhooks: administrators of the subtree only', async () => {
    for (const key of [
      'GET /api/webhooks',
      'POST /api/webhooks',
      'PATCH /api/webhooks/:id',
      'DELETE /api/webhooks/:id',
      'GET /api/webhooks/deliveries',
      'POST /api/webhooks/deliveries/:id/retry',
    ])
      cover(key);
    const created = await json('POST', '/api/webhooks', as.admin as Headers, {
      name: 'W',
      url: 'https://example.com/hook',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await json('PATCH', `/api/webhooks/${id}`, as.townadmin as Headers, { active: false })).status).toBe(404);
    expect((await json('DELETE', `/api/webhooks/${id}`, as.townadmin as Headers)).status).toBe(404);
    expect((await json('GET', '/api/webhooks', as.townadmin as Headers)).body.items).toEqual([]);
    expect((await json('GET', '/api/webhooks/deliveries', as.townadmin as Headers)).body.items).toEqual([]);
    expect((await json('POST', '/api/webhooks/deliveries/1/retry', as.townadmin as Headers)).status).toBe(404);
    for (const name of ['county', 'town', 'leader', 'grid']) {
      expect((await json('GET', '/api/webhooks', as[name] as Headers)).status, name).toBe(403);
      expect(
        (await json('POST', '/api/webhooks', as[name] as Headers, { name: 'x', url: 'https://example.com/x' })).status,
      ).toBe(403);
      expect((await json('PATCH', `/api/webhooks/${id}`, as[name] as Headers, { active: false })).status).toBe(403);
      expect((await json('DELETE', `/api/webhooks/${id}`, as[name] as Headers)).status).toBe(403);
      expect((await json('GET', '/api/webhooks/deliveries', as[name] as Headers)).status).toBe(403);
      expect((await json('POST', '/api/webhooks/deliveries/1/retry', as[name] as Headers)).status).toBe(403);
    }
    expect((await json('PATCH', `/api/webhooks/${id}`, as.admin as Headers, { active: false })).status).toBe(200);
    expect((await json('DELETE', `/api/webhooks/${id}`, as.admin as Headers)).status).toBe(204);
  });
});

describe('the case lifecycle: a town sees and acts on its own cases only', () => {
  let caseA = 0;
  let caseB = 0;
  const gridPoint = async (gridId: number) => {
    const g = (await json('GET', `/api/orgs/${gridId}`, as.admin as Headers)).body;
    return { lat: g.centerLat, lng: g.centerLng };
  };
  beforeAll(async () => {
    const a = await json('POST', '/api/cases', as.village as Headers, {
      channel: 'walk_in',
      body: '村口的排水沟堵了，下雨就积水。',
      ...(await gridPoint(f.gridA)),
    });
    expect(a.status).toBe(201);
    caseA = a.body.id;
    const b = await json('POST', '/api/cases', as.town2 as Headers, {
      channel: 'walk_in',
      body: '路边的护栏被撞坏了，存在安全隐患。',
      ...(await gridPoint(f.gridB)),
    });
    expect(b.status).toBe(201);
    caseB = b.body.id;
  });

  it('POST /api/cases: in the own area only; citizens use their own channel', async () => {
    cover('POST /api/cases');
    const outside = await json('POST', '/api/cases', as.town2 as Headers, {
      channel: 'walk_in',
      body: '别的镇街的事情也想登记一下',
      ...(await gridPoint(f.gridA)),
    });
    expect(outside.status).toBe(404);
    const phone = '13500004999';
    const requested = await json('POST', '/api/auth/code/request', {}, { phone });
    const verified = await json('POST', '/api/auth/code/verify', {}, { phone, code: requested.body.demoCode });
    const token = verified.body.token;
    expect(token, JSON.stringify([requested.body, verified.body])).toBeTruthy();
    const citizen = await json(
      'POST',
      '/api/cases',
      { authorization: `Bearer ${token}` },
      {
        channel: 'walk_in',
        body: '想直接登记一个案件',
        ...(await gridPoint(f.gridA)),
      },
    );
    expect(citizen.status).toBe(403);
  });

  it('GET /api/cases/:id and POST /api/cases/:id/actions: outside the scope the case does not exist', async () => {
    cover('GET /api/cases/:id');
    cover('POST /api/cases/:id/actions');
    expect((await json('GET', `/api/cases/${caseA}`, as.town as Headers)).status).toBe(200);
    expect((await json('GET', `/api/cases/${caseA}`, as.county as Headers)).status).toBe(200);
    expect((await json('GET', `/api/cases/${caseA}`, as.town2 as Headers)).status).toBe(404);
    expect((await json('GET', `/api/cases/${caseB}`, as.village as Headers)).status).toBe(404);
    expect((await json('GET', `/api/cases/${caseA}`, as.dept as Headers)).status).toBe(404);
    const foreign = await json('POST', `/api/cases/${caseA}/actions`, as.town2 as Headers, {
      version: 1,
      action: { type: 'accept' },
    });
    expect(foreign.status).toBe(404);
    const own = await json('POST', `/api/cases/${caseA}/actions`, as.village as Headers, {
      version: 1,
      action: { type: 'accept' },
    });
    expect(own.status).toBe(200);
    // A unit the case is dispatched to sees it from then on, and only it among the departments.
    await json('POST', `/api/cases/${caseA}/actions`, as.village as Headers, {
      version: 2,
      action: { type: 'dispatch', leadOrgId: (await json('GET', '/api/auth/me', as.dept as Headers)).body.org.id },
    });
    expect((await json('GET', `/api/cases/${caseA}`, as.dept as Headers)).status).toBe(200);
    expect((await json('GET', `/api/cases/${caseA}`, as.mediator as Headers)).status).toBe(404);
  });

  it('GET /api/inbox, GET /api/notifications, POST /api/notifications/read: the own unit only', async () => {
    for (const key of ['GET /api/inbox', 'GET /api/notifications', 'POST /api/notifications/read']) cover(key);
    const dept = (await json('GET', '/api/cases?box=to_sign', as.dept as Headers)).body.items.map(
      (i: { id: number }) => i.id,
    );
    expect(dept).toContain(caseA);
    expect((await json('GET', '/api/inbox', as.dept as Headers)).body.boxes.to_sign).toBeGreaterThanOrEqual(1);
    expect((await json('GET', '/api/inbox', as.town2 as Headers)).body.boxes.to_sign).toBe(0);
    const deptNotes = (await json('GET', '/api/notifications', as.dept as Headers)).body.items;
    expect(deptNotes.some((n: { caseId: number }) => n.caseId === caseA)).toBe(true);
    const town2Notes = (await json('GET', '/api/notifications', as.town2 as Headers)).body.items;
    expect(town2Notes.some((n: { caseId: number }) => n.caseId === caseA)).toBe(false);
    // Marking all read as town2 leaves the department's unread.
    await json('POST', '/api/notifications/read', as.town2 as Headers, {});
    expect((await json('GET', '/api/notifications?unread=true', as.dept as Headers)).body.unread).toBeGreaterThan(0);
  });

  it('GET /api/stream: a subscriber hears only of cases in its scope', async () => {
    cover('GET /api/stream');
    const principal = async (h: Headers) =>
      sys.services.auth.principalForSession((h.authorization as string).replace('Bearer ', ''));
    const heard: Record<string, number[]> = { town: [], town2: [] };
    const offs = [
      sys.services.live.subscribe(
        await principal(as.town as Headers),
        (m) => m.event === 'case' && heard.town?.push(m.data.caseId as number),
      ),
      sys.services.live.subscribe(
        await principal(as.town2 as Headers),
        (m) => m.event === 'case' && heard.town2?.push(m.data.caseId as number),
      ),
    ];
    try {
      sys.services.live.nudge();
      await new Promise((r) => setTimeout(r, 300));
      const c = (await json('GET', `/api/cases/${caseA}`, as.dept as Headers)).body;
      await json('POST', `/api/cases/${caseA}/actions`, as.dept as Headers, {
        version: c.version,
        action: { type: 'signFor' },
      });
      for (let i = 0; i < 30 && !heard.town?.includes(caseA); i++) await new Promise((r) => setTimeout(r, 200));
      expect(heard.town).toContain(caseA);
      expect(heard.town2).not.toContain(caseA);
    } finally {
      for (const off of offs) off();
    }
  });

  it('GET /api/my/cases, GET /api/my/cases/:id, POST /api/my/cases/:id/actions: a citizen’s own reports only', async () => {
    for (const key of ['GET /api/my/cases', 'GET /api/my/cases/:id', 'POST /api/my/cases/:id/actions']) cover(key);
    const phone = '13500007777';
    const code = (await json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    const token = (await json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token;
    const citizen = { authorization: `Bearer ${token}` };
    expect((await json('GET', `/api/my/cases/${caseA}`, citizen)).status).toBe(404);
    expect(
      (
        await json('POST', `/api/my/cases/${caseA}/actions`, citizen, {
          version: 1,
          action: { type: 'rate', rating: 'satisfied' },
        })
      ).status,
    ).toBe(404);
    expect((await json('GET', '/api/my/cases', citizen)).body.items).toEqual([]);
  });

  it('time limits and routing rules: read by staff, changed by county administrators only', async () => {
    for (const key of [
      'GET /api/time-limits',
      'POST /api/time-limits',
      'PUT /api/time-limits/:id',
      'DELETE /api/time-limits/:id',
      'GET /api/routing-rules',
      'POST /api/routing-rules',
      'DELETE /api/routing-rules/:id',
    ]) {
      cover(key);
    }
    const limits = (await json('GET', '/api/time-limits', as.town as Headers)).body.items;
    expect(limits.length).toBeGreaterThan(5);
    const id = limits[0].id;
    const body = { amount: 3, unit: 'working_days', warnShare: 0.8 };
    expect((await json('PUT', `/api/time-limits/${id}`, as.town as Headers, body)).status).toBe(403);
    expect((await json('PUT', `/api/time-limits/${id}`, as.townadmin as Headers, body)).status).toBe(403);
    expect(
      (await json('POST', '/api/time-limits', as.townadmin as Headers, { stage: 'handle', urgency: 'urgent', ...body }))
        .status,
    ).toBe(403);
    expect((await json('DELETE', `/api/time-limits/${id}`, as.town as Headers)).status).toBe(403);
    const dept = (await json('GET', '/api/auth/me', as.dept as Headers)).body.org.id;
    const category = (await json('GET', '/api/categories', as.admin as Headers)).body;
    const categoryId = (category.items ?? category)[0].id;
    expect(
      (await json('POST', '/api/routing-rules', as.townadmin as Headers, { categoryId, orgId: dept })).status,
    ).toBe(403);
    const rule = await json('POST', '/api/routing-rules', as.admin as Headers, {
      categoryId,
      townId: f.townA,
      orgId: dept,
    });
    expect(rule.status).toBe(201);
    expect(
      (await json('GET', '/api/routing-rules', as.village as Headers)).body.items.map((r: { id: number }) => r.id),
    ).toContain(rule.body.id);
    expect((await json('DELETE', `/api/routing-rules/${rule.body.id}`, as.town as Headers)).status).toBe(403);
    expect((await json('DELETE', `/api/routing-rules/${rule.body.id}`, as.admin as Headers)).status).toBe(200);
  });

  it('office hours: read by staff, set by county administrators only, with a clear 400 for bad periods', async () => {
    cover('GET /api/office-hours');
    cover('PUT /api/office-hours');
    expect((await json('GET', '/api/office-hours', as.grid as Headers)).body.periods).toHaveLength(2);
    const periods = [
      { start: '08:30', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ];
    expect((await json('PUT', '/api/office-hours', as.townadmin as Headers, { periods })).status).toBe(403);
    const bad = await json('PUT', '/api/office-hours', as.admin as Headers, {
      periods: [{ start: '12:00', end: '09:00' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('早于');
    expect((await json('PUT', '/api/office-hours', as.admin as Headers, { periods })).body.periods).toEqual(periods);
  });
});

// ── co-governance (issue 13): tasks ──
describe('tasks: scope and permission', () => {
  it('GET /api/tasks, GET /api/tasks/inbox, GET /api/tasks/:id, POST /api/tasks, POST /api/tasks/:id/actions', async () => {
    for (const route of [
      'GET /api/tasks',
      'GET /api/tasks/inbox',
      'GET /api/tasks/:id',
      'POST /api/tasks',
      'POST /api/tasks/:id/actions',
    ]) {
      cover(route);
    }
    const limit = { amount: 3, unit: 'working_days' };
    const inA = await json('POST', '/api/tasks', as.town as Headers, {
      title: '甲镇任务',
      ownerOrgId: f.villageA,
      limit,
    });
    expect(inA.status).toBe(201);
    const inB = await json('POST', '/api/tasks', as.town2 as Headers, {
      title: '乙镇任务',
      ownerOrgId: f.villageB,
      limit,
    });
    expect(inB.status).toBe(201);
    // reads: the subtree only; another town's task does not exist
    expect((await json('GET', `/api/tasks/${inA.body.id}`, as.town as Headers)).status).toBe(200);
    expect((await json('GET', `/api/tasks/${inB.body.id}`, as.town as Headers)).status).toBe(404);
    expect((await json('GET', `/api/tasks/${inA.body.id}`, as.grid as Headers)).status).toBe(404);
    expect((await json('GET', `/api/tasks/${inB.body.id}`, as.leader as Headers)).status).toBe(200);
    // the manual tasks by their titles (the screening generator's catch-up fills the list with the month's screenings)
    const listed = async (title: string) =>
      (
        await json('GET', `/api/tasks?box=all&sourceKind=manual&q=${encodeURIComponent(title)}`, as.town as Headers)
      ).body.items.map((t: { id: number }) => t.id);
    expect(await listed('甲镇任务')).toContain(inA.body.id);
    expect(await listed('乙镇任务')).not.toContain(inB.body.id);
    expect((await json('GET', '/api/tasks/inbox', as.village as Headers)).body.boxes.to_sign).toBeGreaterThanOrEqual(1);
    // writes: assigning needs task.assign and a unit of the county; acting needs the task in scope
    expect(
      (await json('POST', '/api/tasks', as.grid as Headers, { title: 'x', ownerOrgId: f.gridA, limit })).status,
    ).toBe(403);
    expect(
      (await json('POST', '/api/tasks', as.dept as Headers, { title: 'x', ownerOrgId: f.gridA, limit })).status,
    ).toBe(403);
    const sign = { version: 1, action: { type: 'sign' } };
    expect((await json('POST', `/api/tasks/${inB.body.id}/actions`, as.village as Headers, sign)).status).toBe(404);
    expect((await json('POST', `/api/tasks/${inA.body.id}/actions`, as.town as Headers, sign)).status).toBe(403);
    expect((await json('POST', `/api/tasks/${inA.body.id}/actions`, as.village as Headers, sign)).status).toBe(200);
    // a case named by a task must be visible to the assigner
    const caseB = await sys.services.db
      .selectFrom('cases')
      .select('id')
      .where('number', '=', f.caseB)
      .executeTakeFirstOrThrow();
    const onB = await json('POST', '/api/tasks', as.town as Headers, {
      title: 'x',
      ownerOrgId: f.villageA,
      caseId: caseB.id,
      limit,
    });
    expect(onB.status).toBe(404);
  });
});

// ── co-governance (issue 13): joint meetings ──
describe('joint meetings (联席会议): another town’s meeting does not exist, members read, organisers manage', () => {
  it('every /api/meetings route: town B gets 404 on town A’s meeting, roles without the permission 403', async () => {
    const routes = [
      'GET /api/meetings/kinds',
      'POST /api/meetings/kinds',
      'PATCH /api/meetings/kinds/:id',
      'GET /api/meetings',
      'POST /api/meetings',
      'GET /api/meetings/:id',
      'PATCH /api/meetings/:id',
      'POST /api/meetings/:id/state',
      'GET /api/meetings/:id/agenda/proposals',
      'PUT /api/meetings/:id/agenda',
      'PUT /api/meetings/:id/attendance',
      'PUT /api/meetings/:id/items/:itemId',
      'POST /api/meetings/:id/items/:itemId/decisions',
      'POST /api/meetings/:id/items/:itemId/dispatch',
      'GET /api/meetings/:id/minutes',
    ];
    for (const route of routes) cover(route);
    const town = as.town as Headers;
    const kind = await json('POST', '/api/meetings/kinds', town, { name: '权限矩阵街道会议', level: 'town' });
    expect(kind.status).toBe(201);
    const kindId = kind.body.id;
    const startsAt = new Date(sys.services.clock.now().getTime() + 3600_000).toISOString();
    const created = await json('POST', '/api/meetings', town, { kindId, startsAt });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const agenda = await json('PUT', `/api/meetings/${id}/agenda`, town, {
      version: created.body.version,
      items: [{ title: '权限测试议题' }],
    });
    const itemId = agenda.body.items[0].id;
    const held = await json('POST', `/api/meetings/${id}/state`, town, { version: agenda.body.version, state: 'held' });
    expect(held.status).toBe(200);
    const v = held.body.version;
    const { calendar, now } = await sys.services.cases.contexts.context();
    let dueDate = '';
    for (let d = 2; !dueDate; d++) {
      const day = new Date(now.getTime() + d * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
      if (calendar.isWorkingDay(day)) dueDate = day;
    }
    const writes: [string, string, unknown][] = [
      ['PATCH', `/api/meetings/kinds/${kindId}`, { version: 1, chair: '镇长' }],
      ['POST', '/api/meetings', { kindId, startsAt }],
      ['PATCH', `/api/meetings/${id}`, { version: v, place: '会议室' }],
      ['POST', `/api/meetings/${id}/state`, { version: v, state: 'published' }],
      ['PUT', `/api/meetings/${id}/agenda`, { version: v, items: [{ id: itemId }] }],
      ['PUT', `/api/meetings/${id}/attendance`, { version: v, entries: [{ orgId: f.villageA, status: 'present' }] }],
      ['PUT', `/api/meetings/${id}/items/${itemId}`, { version: v, discussion: '讨论' }],
      [
        'POST',
        `/api/meetings/${id}/items/${itemId}/decisions`,
        { version: v, text: '决定', tasks: [{ ownerOrgId: f.villageA, dueDate }] },
      ],
      ['POST', `/api/meetings/${id}/items/${itemId}/dispatch`, { version: v, caseVersion: 1, leadOrgId: f.villageA }],
    ];
    // Another town: the meeting (and its kind) do not exist for it.
    for (const [method, url, body] of writes.filter(([, url]) => url !== '/api/meetings')) {
      const r = await json(method, url, as.town2 as Headers, body);
      expect(r.status, `${method} ${url}`).toBe(404);
    }
    expect((await json('POST', '/api/meetings', as.town2 as Headers, { kindId, startsAt })).status).toBe(404);
    for (const url of [`/api/meetings/${id}`, `/api/meetings/${id}/minutes`, `/api/meetings/${id}/agenda/proposals`]) {
      expect((await json('GET', url, as.town2 as Headers)).status, url).toBe(404);
    }
    expect(
      (await json('GET', '/api/meetings', as.town2 as Headers)).body.items.map((m: { id: number }) => m.id),
    ).not.toContain(id);
    expect(
      (await json('GET', '/api/meetings/kinds', as.town2 as Headers)).body.items.map((k: { id: number }) => k.id),
    ).not.toContain(kindId);
    // Roles without meeting.manage: a village (a member: it reads) and a department.
    expect((await json('GET', `/api/meetings/${id}`, as.village as Headers)).status).toBe(200);
    expect((await json('GET', `/api/meetings/${id}/minutes`, as.village as Headers)).status).toBe(200);
    expect(
      (await json('POST', '/api/meetings/kinds', as.village as Headers, { name: '村会', level: 'topic' })).status,
    ).toBe(403);
    for (const [method, url, body] of writes) {
      expect((await json(method, url, as.village as Headers, body)).status, `${method} ${url}`).toBe(403);
    }
    expect((await json('GET', `/api/meetings/${id}/agenda/proposals`, as.dept as Headers)).status).toBe(403);
    // The organiser and the county above it: allowed.
    expect((await json('GET', `/api/meetings/${id}/agenda/proposals`, town)).status).toBe(200);
    expect((await json('GET', `/api/meetings/${id}`, as.county as Headers)).status).toBe(200);
    const discussed = await json('PUT', `/api/meetings/${id}/items/${itemId}`, as.county as Headers, {
      version: v,
      discussion: '县平台补记',
    });
    expect(discussed.status).toBe(200);
    // A machine client of town A without meeting.read reads no meeting, not even its own town's.
    const key = await json('POST', '/api/api-keys', as.admin as Headers, {
      name: '会议无权限',
      orgId: f.townA,
      permissions: ['case.read'],
    });
    const machine = { 'x-api-key': key.body.key };
    for (const url of ['/api/meetings', '/api/meetings/kinds', `/api/meetings/${id}`, `/api/meetings/${id}/minutes`]) {
      expect((await json('GET', url, machine)).status, url).toBe(403);
    }
  });
});

// ── co-governance (issue 13): work teams and breakthrough projects ──
describe('work teams (工作专班) and breakthrough projects (突破项目): another town’s record does not exist', () => {
  it('every /api/work-teams and /api/projects route: town B’s team or project is 404 to town A, roles without the permission 403', async () => {
    for (const route of [
      'GET /api/work-teams',
      'POST /api/work-teams',
      'GET /api/work-teams/:id',
      'PUT /api/work-teams/:id',
      'POST /api/work-teams/:id/end',
      'POST /api/work-teams/:id/tasks',
      'GET /api/work-teams/:id/overview',
      'GET /api/projects',
      'GET /api/projects/evaluations',
      'POST /api/projects',
      'GET /api/projects/:id',
      'PATCH /api/projects/:id',
      'POST /api/projects/:id/milestones',
      'POST /api/projects/:id/reports',
      'PUT /api/projects/:id/evaluation',
    ]) {
      cover(route);
    }
    const leaderId = (await json('GET', '/api/auth/me', as.leader as Headers)).body.id;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const team = (townId: number, name: string) => ({
      name,
      leadUserId: leaderId,
      startDate: today,
      endDate: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
      units: [{ orgId: townId, contactName: '联络员' }],
    });
    const teamA = await json('POST', '/api/work-teams', as.county as Headers, team(f.townA, '甲镇专班'));
    const teamB = await json('POST', '/api/work-teams', as.county as Headers, team(f.townB, '乙镇专班'));
    expect([teamA.status, teamB.status]).toEqual([201, 201]);
    const A = teamA.body.id;
    const B = teamB.body.id;
    // reads: a member town sees its team only; a grid of that town sees none
    expect((await json('GET', `/api/work-teams/${A}`, as.town as Headers)).status).toBe(200);
    expect((await json('GET', `/api/work-teams/${A}/overview`, as.town as Headers)).status).toBe(200);
    expect((await json('GET', `/api/work-teams/${B}`, as.town as Headers)).status).toBe(404);
    expect((await json('GET', `/api/work-teams/${B}/overview`, as.town as Headers)).status).toBe(404);
    expect((await json('GET', `/api/work-teams/${A}`, as.grid as Headers)).status).toBe(404);
    const teams = (await json('GET', '/api/work-teams', as.town as Headers)).body.items.map(
      (t: { id: number }) => t.id,
    );
    expect(teams).toContain(A);
    expect(teams).not.toContain(B);
    // writes: workteam.manage, and the team within scope
    const task = { title: '专班任务', ownerOrgId: f.townB, limit: { amount: 2, unit: 'working_days' } };
    expect((await json('POST', '/api/work-teams', as.town as Headers, team(f.townA, 'x'))).status).toBe(403);
    expect((await json('POST', `/api/work-teams/${A}/end`, as.town as Headers, { version: 1 })).status).toBe(403);
    expect(
      (await json('PUT', `/api/work-teams/${B}`, as.townadmin as Headers, { ...team(f.townB, 'x'), version: 1 }))
        .status,
    ).toBe(404);
    expect((await json('POST', `/api/work-teams/${B}/end`, as.townadmin as Headers, { version: 1 })).status).toBe(404);
    expect((await json('POST', `/api/work-teams/${B}/tasks`, as.townadmin as Headers, task)).status).toBe(404);
    expect((await json('POST', `/api/work-teams/${B}/tasks`, as.leader as Headers, task)).status).toBe(201);

    const year = Number(today.slice(0, 4));
    const projectA = await json('POST', '/api/projects', as.town as Headers, { year, name: '甲镇项目', goal: '目标' });
    const projectB = await json('POST', '/api/projects', as.town2 as Headers, { year, name: '乙镇项目', goal: '目标' });
    expect([projectA.status, projectB.status]).toEqual([201, 201]);
    const PA = projectA.body.id;
    const PB = projectB.body.id;
    expect((await json('GET', `/api/projects/${PA}`, as.town as Headers)).status).toBe(200);
    expect((await json('GET', `/api/projects/${PB}`, as.town as Headers)).status).toBe(404);
    expect((await json('GET', `/api/projects/${PA}`, as.village as Headers)).status).toBe(404);
    const listed = (await json('GET', `/api/projects?year=${year}`, as.town as Headers)).body.items;
    expect(listed.map((p: { id: number }) => p.id)).toEqual([PA]);
    const evaluations = (await json('GET', `/api/projects/evaluations?year=${year}`, as.town as Headers)).body.units;
    expect(evaluations.map((u: { org: { id: number } }) => u.org.id)).toEqual([f.townA]);
    // writes: project.manage / project.evaluate, and the project within scope
    expect((await json('POST', '/api/projects', as.village as Headers, { year, name: 'x', goal: 'x' })).status).toBe(
      403,
    );
    expect((await json('POST', '/api/projects', as.mediator as Headers, { year, name: 'x', goal: 'x' })).status).toBe(
      403,
    );
    const milestone = { title: '里程碑', dueDate: `${year}-12-31` };
    const report = { version: 1, month: today.slice(0, 7), text: '进展' };
    expect(
      (await json('PATCH', `/api/projects/${PB}`, as.townadmin as Headers, { version: 1, name: 'x' })).status,
    ).toBe(404);
    expect((await json('POST', `/api/projects/${PB}/milestones`, as.townadmin as Headers, milestone)).status).toBe(404);
    expect((await json('POST', `/api/projects/${PB}/reports`, as.townadmin as Headers, report)).status).toBe(404);
    expect(
      (await json('PUT', `/api/projects/${PB}/evaluation`, as.townadmin as Headers, { version: 1, score: 80 })).status,
    ).toBe(404);
    expect(
      (await json('PUT', `/api/projects/${PA}/evaluation`, as.town as Headers, { version: 1, score: 80 })).status,
    ).toBe(403);
    expect(
      (await json('PUT', `/api/projects/${PA}/evaluation`, as.dept as Headers, { version: 1, score: 80 })).status,
    ).toBe(403);
    expect(
      (await json('PATCH', `/api/projects/${PA}`, as.town as Headers, { version: 1, name: '甲镇重点项目' })).status,
    ).toBe(200);
    expect(
      (await json('POST', `/api/projects/${PA}/reports`, as.town as Headers, { ...report, version: 2 })).status,
    ).toBe(201);
  });
});

// ── disputes (issue 15) ──
describe('disputes: scope and permission', () => {
  it('every /api/disputes and /api/my/disputes route: another town’s dispute does not exist, a role without the permission is refused', async () => {
    for (const route of [
      'GET /api/disputes',
      'GET /api/disputes/inbox',
      'GET /api/disputes/types',
      'PUT /api/disputes/types/:code',
      'GET /api/disputes/stats',
      'GET /api/disputes/major',
      'GET /api/disputes/by-grid',
      'GET /api/disputes/:id',
      'POST /api/disputes',
      'POST /api/disputes/:id/actions',
      'GET /api/disputes/:id/parties',
      'GET /api/disputes/:id/agreement',
      'POST /api/disputes/:id/case',
      'GET /api/my/disputes',
      'GET /api/my/disputes/:id',
      'POST /api/my/disputes',
      'POST /api/my/disputes/:id/actions',
    ]) {
      cover(route);
    }
    const body = (placeOrgId: number) => ({
      typeCode: 'neighbour',
      title: '邻里纠纷',
      parties: [
        { role: 'applicant', kind: 'person', name: '甲' },
        { role: 'respondent', kind: 'person', name: '乙' },
      ],
      source: 'walk_in',
      placeOrgId,
    });
    const inA = await json('POST', '/api/disputes', as.village as Headers, body(f.gridA));
    expect(inA.status).toBe(201);
    const inB = await json('POST', '/api/disputes', as.town2 as Headers, body(f.villageB));
    expect(inB.status).toBe(201);
    const A = inA.body.id;
    const B = inB.body.id;
    // reads: the subtree only; another town's dispute does not exist; a committee sees only what it was given
    expect((await json('GET', `/api/disputes/${A}`, as.town as Headers)).status).toBe(200);
    expect((await json('GET', `/api/disputes/${B}`, as.town as Headers)).status).toBe(404);
    expect((await json('GET', `/api/disputes/${A}`, as.mediator as Headers)).status).toBe(404);
    expect((await json('GET', `/api/disputes/${B}`, as.leader as Headers)).status).toBe(200);
    const listed = (await json('GET', '/api/disputes?box=all&pageSize=200', as.town as Headers)).body.items;
    expect(listed.map((d: { id: number }) => d.id)).toContain(A);
    expect(listed.map((d: { id: number }) => d.id)).not.toContain(B);
    expect(
      (await json('GET', '/api/disputes/inbox', as.village as Headers)).body.boxes.to_accept,
    ).toBeGreaterThanOrEqual(1);
    expect((await json('GET', '/api/disputes/types', as.dept as Headers)).status).toBe(200);
    expect((await json('GET', '/api/disputes/stats?from=2026-01-01&to=2026-12-31', as.town as Headers)).status).toBe(
      200,
    );
    expect((await json('GET', '/api/disputes/major?month=2026-12', as.town as Headers)).status).toBe(200);
    const grids = (await json('GET', '/api/disputes/by-grid', as.town2 as Headers)).body.items;
    expect(grids.map((g: { gridId: number }) => g.gridId)).not.toContain(f.gridA);
    // personal data: pii.view, within scope; the agreement only once there is one
    expect((await json('GET', `/api/disputes/${A}/parties`, as.village as Headers)).status).toBe(200);
    expect((await json('GET', `/api/disputes/${B}/parties`, as.village as Headers)).status).toBe(404);
    expect((await json('GET', `/api/disputes/${A}/parties`, as.mediator as Headers)).status).toBe(403);
    expect((await json('GET', `/api/disputes/${A}/agreement`, as.village as Headers)).status).toBe(409);
    expect((await json('GET', `/api/disputes/${B}/agreement`, as.village as Headers)).status).toBe(404);
    // writes: the dispute within scope, the unit's relation, the permission
    const accept = { version: 1, action: { type: 'accept' } };
    expect((await json('POST', `/api/disputes/${B}/actions`, as.village as Headers, accept)).status).toBe(404);
    expect((await json('POST', `/api/disputes/${A}/actions`, as.grid as Headers, accept)).status).toBe(403);
    expect((await json('POST', `/api/disputes/${A}/actions`, as.village as Headers, accept)).status).toBe(200);
    expect((await json('POST', `/api/disputes/${B}/case`, as.town as Headers)).status).toBe(404);
    expect((await json('POST', `/api/disputes/${A}/case`, as.village as Headers)).status).toBe(201);
    expect((await json('POST', '/api/disputes', as.village as Headers, body(f.villageB))).status).toBe(400);
    expect((await json('PUT', '/api/disputes/types/noise', as.town as Headers, { name: '噪声纠纷' })).status).toBe(403);
    expect((await json('PUT', '/api/disputes/types/noise', as.admin as Headers, { name: '噪声纠纷' })).status).toBe(
      200,
    );
    // citizens: only their own applications, and no staff route
    const phone = '13500015015';
    const code = (await json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    const citizen = {
      authorization: `Bearer ${(await json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token}`,
    };
    expect((await json('GET', '/api/disputes', citizen)).status).toBe(403);
    expect((await json('POST', '/api/disputes', citizen, body(f.gridA))).status).toBe(403);
    expect((await json('GET', '/api/my/disputes', citizen)).body.items).toEqual([]);
    expect((await json('GET', `/api/my/disputes/${A}`, citizen)).status).toBe(404);
    expect(
      (
        await json('POST', `/api/my/disputes/${A}/actions`, citizen, {
          version: 2,
          action: { type: 'confirmPerformance', performed: true },
        })
      ).status,
    ).toBe(404);
    expect((await json('GET', '/api/my/disputes', as.village as Headers)).status).toBe(403);
    const applied = await json('POST', '/api/my/disputes', citizen, {
      typeCode: 'neighbour',
      title: '噪音',
      applicantName: '丙',
      otherParty: { kind: 'person', name: '丁' },
      gridId: f.gridB,
    });
    expect(applied.status).toBe(201);
    expect((await json('GET', `/api/my/disputes/${applied.body.id}`, citizen)).status).toBe(200);
    expect((await json('GET', `/api/disputes/${applied.body.id}`, as.town as Headers)).status).toBe(404);
    expect((await json('GET', `/api/disputes/${applied.body.id}`, as.town2 as Headers)).status).toBe(200);
  });
});

// ── civility points (issue 16) ──
describe('civility points (文明积分): another town’s households and records do not exist, roles without the permission 403', () => {
  it('every /api/points and /api/my/points route', async () => {
    const routes = [
      'GET /api/points/villages',
      'GET /api/points/template',
      'POST /api/points/template/rules',
      'GET /api/points/villages/:id',
      'PUT /api/points/villages/:id/settings',
      'POST /api/points/villages/:id/adopt-template',
      'POST /api/points/villages/:id/rules',
      'PATCH /api/points/rules/:id',
      'GET /api/points/households',
      'POST /api/points/households',
      'GET /api/points/households/import/template',
      'POST /api/points/households/import',
      'GET /api/points/households/:id',
      'PATCH /api/points/households/:id',
      'GET /api/points/households/:id/pii',
      'GET /api/points/households/:id/ledger',
      'POST /api/points/entries',
      'POST /api/points/entries/:id/correct',
      'GET /api/points/requests',
      'POST /api/points/requests/:id/decide',
      'GET /api/points/objections',
      'POST /api/points/objections/:id/decide',
      'GET /api/points/villages/:id/items',
      'POST /api/points/villages/:id/items',
      'PATCH /api/points/items/:id',
      'POST /api/points/redemptions',
      'GET /api/points/redemptions',
      'POST /api/points/redemptions/:id/hand-over',
      'POST /api/points/redemptions/:id/cancel',
      'GET /api/points/villages/:id/ranking',
      'GET /api/points/villages/:id/credit-candidates',
      'POST /api/points/villages/:id/credit',
      'GET /api/points/credit',
      'POST /api/points/credit/:id/revoke',
      'GET /api/my/points',
      'POST /api/my/points/entries/:id/objection',
      'POST /api/my/points/redemptions',
      'POST /api/my/points/redemptions/:id/cancel',
      'GET /api/public/points/villages/:id/board',
    ];
    for (const route of routes) cover(route);
    const admin = as.admin as Headers;
    const ok = async (method: string, url: string, body?: unknown) => {
      const r = await json(method, url, admin, body);
      expect(r.status, `${method} ${url} ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };
    // Village B (town B) gets the template, a household linked to a citizen, entries, a request, an item, a
    // redemption, an objection and a credit record; village A (town A) a household.
    await ok('POST', `/api/points/villages/${f.villageB}/adopt-template`);
    const rulesB = (await ok('GET', `/api/points/villages/${f.villageB}`)).rules as { id: number; name: string }[];
    const ruleB = (name: string) => (rulesB.find((r) => r.name.startsWith(name)) as { id: number }).id;
    const phone = '13500016016';
    const hA = await ok('POST', '/api/points/households', {
      villageId: f.villageA,
      doorNo: '矩阵路 1 号',
      headName: '甲户',
    });
    const hB = await ok('POST', '/api/points/households', {
      villageId: f.villageB,
      doorNo: '矩阵路 2 号',
      headName: '乙户',
      phone,
    });
    for (let i = 0; i < 3; i++)
      await ok('POST', '/api/points/entries', { householdId: hB.id, ruleId: ruleB('志愿服务'), quantity: 5 });
    const entryB = await ok('POST', '/api/points/entries', {
      householdId: hB.id,
      ruleId: ruleB('乱扔垃圾'),
      note: '巡查发现',
    });
    const requestB = await ok('POST', '/api/points/entries', {
      householdId: hB.id,
      ruleId: ruleB('见义勇为'),
      note: '事迹',
    });
    const itemB = await ok('POST', `/api/points/villages/${f.villageB}/items`, { name: '毛巾', price: 2, stock: 10 });
    const redemptionB = await ok('POST', '/api/points/redemptions', { householdId: hB.id, itemId: itemB.id });
    const code = (await json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    const citizen = {
      authorization: `Bearer ${(await json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token}`,
    };
    const objectionB = (
      await json('POST', `/api/my/points/entries/${entryB.entryId}/objection`, citizen, { reason: '不是我' })
    ).body;
    expect(objectionB).toMatchObject({ objectionId: expect.any(Number) });
    const year = Number(new Date(sys.services.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 4));
    const { id: creditB } = await sys.services.db
      .insertInto('points_credit_households')
      .values({
        county_code: '330788',
        village_id: f.villageB,
        household_id: hB.id,
        year,
        grade: 'A',
        year_points: 30,
        review_note: '测试',
        reviewed_on: `${year}-01-02`,
        created_at: sys.services.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const readsOfB = [
      `/api/points/villages/${f.villageB}`,
      `/api/points/households/${hB.id}`,
      `/api/points/households/${hB.id}/ledger`,
      `/api/points/households/${hB.id}/pii`,
      `/api/points/villages/${f.villageB}/items`,
      `/api/points/villages/${f.villageB}/ranking?period=${year}`,
      `/api/points/villages/${f.villageB}/credit-candidates?year=${year}`,
    ];
    const writesOnB: [string, string, unknown][] = [
      ['PUT', `/api/points/villages/${f.villageB}/settings`, { version: 1, objectionDays: 5 }],
      ['POST', `/api/points/villages/${f.villageB}/adopt-template`, undefined],
      ['POST', `/api/points/villages/${f.villageB}/rules`, { category: '其他', name: 'x', points: 1, unit: 'time' }],
      ['PATCH', `/api/points/rules/${ruleB('乱扔垃圾')}`, { version: 1, points: -3 }],
      ['POST', '/api/points/households', { villageId: f.villageB, doorNo: '矩阵路 3 号', headName: '丙户' }],
      ['PATCH', `/api/points/households/${hB.id}`, { version: 1, headName: 'x' }],
      ['POST', '/api/points/entries', { householdId: hB.id, ruleId: ruleB('志愿服务') }],
      ['POST', `/api/points/entries/${entryB.entryId}/correct`, { reason: 'x' }],
      ['POST', `/api/points/villages/${f.villageB}/items`, { name: 'x', price: 1, stock: 1 }],
      ['PATCH', `/api/points/items/${itemB.id}`, { version: 2, stock: 5 }],
      ['POST', '/api/points/redemptions', { householdId: hB.id, itemId: itemB.id }],
      ['POST', `/api/points/redemptions/${redemptionB.redemptionId}/hand-over`, undefined],
      ['POST', `/api/points/redemptions/${redemptionB.redemptionId}/cancel`, { reason: 'x' }],
      [
        'POST',
        `/api/points/villages/${f.villageB}/credit`,
        { year, householdIds: [hB.id], reviewNote: 'x', reviewedOn: `${year}-01-02` },
      ],
      ['POST', `/api/points/credit/${creditB}/revoke`, { reason: 'x' }],
    ];
    const decisionsOnB: [string, string, unknown][] = [
      ['POST', `/api/points/requests/${requestB.requestId}/decide`, { approve: true }],
      ['POST', `/api/points/objections/${objectionB.objectionId}/decide`, { uphold: true, note: 'x' }],
    ];
    // Town A's village, town A and a town-level administrator (every points permission): B does not exist.
    for (const who of ['village', 'town', 'townadmin']) {
      for (const url of readsOfB)
        expect((await json('GET', url, as[who] as Headers)).status, `${who} GET ${url}`).toBe(404);
    }
    for (const [method, url, body] of [...writesOnB, ...decisionsOnB]) {
      expect((await json(method, url, as.townadmin as Headers, body)).status, `townadmin ${method} ${url}`).toBe(404);
    }
    for (const [method, url, body] of writesOnB) {
      expect((await json(method, url, as.village as Headers, body)).status, `village ${method} ${url}`).toBe(404);
    }
    const multipart = multipartBody('h.csv', Buffer.from('门牌号,户主姓名\n矩阵路 9 号,丁户\n'), 'text/csv');
    const importB = await sys.request({
      method: 'POST',
      url: `/api/points/households/import?villageId=${f.villageB}&dryRun=true`,
      headers: { ...(as.townadmin as Headers), 'content-type': multipart.contentType },
      payload: multipart.payload,
    });
    expect(importB.statusCode).toBe(404);
    // Lists hold only the principal's villages.
    const listed = async (who: string, url: string) =>
      JSON.stringify((await json('GET', url, as[who] as Headers)).body);
    for (const url of [
      '/api/points/households?pageSize=500',
      '/api/points/requests',
      '/api/points/objections',
      '/api/points/redemptions',
      `/api/points/credit?year=${year}`,
      '/api/points/villages',
    ]) {
      expect(await listed('town', url), url).not.toContain('乙户');
      expect(await listed('town', url), url).not.toContain(`"id":${f.villageB},`);
      expect((await json('GET', url, as.town2 as Headers)).status, url).toBe(200);
    }
    expect(await listed('town2', '/api/points/households?pageSize=500')).toContain('乙户');
    expect(await listed('county', `/api/points/credit?year=${year}`)).toContain('乙户');
    // Roles without the permission: 403 before anything is looked up.
    for (const who of ['grid', 'dept', 'mediator']) {
      for (const url of ['/api/points/households', '/api/points/template', '/api/points/villages', '/api/my/points']) {
        expect((await json('GET', url, as[who] as Headers)).status, `${who} ${url}`).toBe(403);
      }
    }
    for (const [method, url, body] of writesOnB) {
      expect((await json(method, url, as.town2 as Headers, body)).status, `town2 ${method} ${url}`).toBe(403);
      expect((await json(method, url, as.county as Headers, body)).status, `county ${method} ${url}`).toBe(403);
    }
    expect(
      (
        await json('POST', '/api/points/template/rules', as.leader as Headers, {
          category: 'x',
          name: 'x',
          points: 1,
          unit: 'time',
        })
      ).status,
    ).toBe(403);
    expect((await json('GET', '/api/points/households/import/template', as.town as Headers)).status).toBe(403);
    for (const [method, url, body] of decisionsOnB) {
      expect((await json(method, url, as.village as Headers, body)).status, `village ${method} ${url}`).toBe(403);
    }
    expect((await json('GET', `/api/points/households/${hA.id}`, as.town as Headers)).status).toBe(200);
    expect((await json('GET', `/api/points/households/${hA.id}/pii`, as.grid as Headers)).status).toBe(404);
    // The citizen: its own household only; staff routes refused.
    expect((await json('GET', '/api/my/points', citizen)).body.household.id).toBe(hB.id);
    expect((await json('GET', '/api/points/households', citizen)).status).toBe(403);
    expect((await json('POST', '/api/my/points/redemptions', citizen, { itemId: itemB.id })).status).toBe(201);
    expect((await json('POST', '/api/my/points/redemptions', as.village as Headers, { itemId: itemB.id })).status).toBe(
      403,
    );
    expect(
      (await json('POST', `/api/my/points/entries/${entryB.entryId}/objection`, as.village as Headers, { reason: 'x' }))
        .status,
    ).toBe(403);
    // The town of B approves and decides.
    expect(
      (await json('POST', `/api/points/requests/${requestB.requestId}/decide`, as.town2 as Headers, { approve: true }))
        .status,
    ).toBe(200);
    expect(
      (
        await json('POST', `/api/points/objections/${objectionB.objectionId}/decide`, as.town2 as Headers, {
          uphold: false,
          note: '维持',
        })
      ).status,
    ).toBe(200);
    // The public board needs no sign-in.
    const board = await sys.request({
      method: 'GET',
      url: `/api/public/points/villages/${f.villageB}/board?period=${year}`,
    });
    expect(board.statusCode).toBe(200);
    expect(board.body).not.toContain('矩阵路');
  });
});

describe('legal advisers (一村一法律顾问): another town’s advisers and log do not exist, roles without the permission 403', () => {
  it('every /api/legal route', async () => {
    for (const route of [
      'GET /api/legal/advisers',
      'GET /api/legal/advisers/:id',
      'POST /api/legal/advisers',
      'PUT /api/legal/advisers/:id',
      'GET /api/legal/assignments',
      'POST /api/legal/assignments',
      'POST /api/legal/assignments/:id/end',
      'GET /api/legal/entries',
      'GET /api/legal/entries/:id',
      'GET /api/legal/entries/:id/asker',
      'POST /api/legal/entries',
      'POST /api/legal/entries/:id/void',
      'GET /api/legal/me',
      'GET /api/legal/monthly',
      'POST /api/legal/review-requests',
    ]) {
      cover(route);
    }
    const admin = as.admin as Headers;
    const lawyer = await sys.login('lawyer');
    const firm = (await json('GET', '/api/auth/me', lawyer)).body.org.id;
    const today = new Date(sys.services.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const adviser = (
      await json('POST', '/api/legal/advisers', admin, { name: '矩阵顾问', licenceNo: 'PERM0001', firmOrgId: firm })
    ).body;
    expect(adviser).toMatchObject({ id: expect.any(Number), version: 1 });
    const assignment = (
      await json('POST', '/api/legal/assignments', admin, {
        adviserId: adviser.id,
        villageId: f.villageB,
        hoursPerMonth: 8,
        startedOn: `${today.slice(0, 7)}-01`,
      })
    ).body;
    expect(assignment).toMatchObject({ id: expect.any(Number), inForce: true });
    const entry = {
      adviserId: adviser.id,
      kind: 'consultation',
      occurredOn: today,
      hours: 0.5,
      matter: '咨询',
      advice: '意见',
      askerName: '矩阵人',
      askerPhone: '13500017017',
    };
    const B = await json('POST', '/api/legal/entries', lawyer, entry);
    expect(B.status).toBe(201);
    const entryB = B.body.id;
    const adviserBody = { name: '矩阵顾问', licenceNo: 'PERM0001', firmOrgId: firm, version: 1 };
    // town B sees its village's adviser, entry and figures; town A none of them
    expect((await json('GET', `/api/legal/entries/${entryB}`, as.town2 as Headers)).status).toBe(200);
    expect((await json('GET', `/api/legal/advisers/${adviser.id}`, as.town2 as Headers)).status).toBe(200);
    for (const [method, url] of [
      ['GET', `/api/legal/entries/${entryB}`],
      ['GET', `/api/legal/entries/${entryB}/asker`],
      ['GET', `/api/legal/advisers/${adviser.id}`],
    ] as const) {
      const r = await json(method, url, as.town as Headers);
      expect(r.status, `${method} ${url}`).toBe(404);
    }
    const townA = as.town as Headers;
    expect((await json('GET', `/api/legal/entries?adviserId=${adviser.id}`, townA)).body.total).toBe(0);
    expect((await json('GET', `/api/legal/assignments?villageId=${f.villageB}`, townA)).body.items).toEqual([]);
    expect(
      (await json('GET', '/api/legal/advisers', townA)).body.items.some((a: { id: number }) => a.id === adviser.id),
    ).toBe(false);
    const monthA = (await json('GET', `/api/legal/monthly?month=${today.slice(0, 7)}`, townA)).body.rows;
    expect(monthA.some((r: { village: { id: number } }) => r.village.id === f.villageB)).toBe(false);
    expect((await json('GET', '/api/legal/me', townA)).body.advisers).toEqual([]);
    // a firm that is not the adviser's: the entry and the adviser do not exist for it
    const mediator = as.mediator as Headers;
    expect((await json('GET', `/api/legal/entries/${entryB}`, mediator)).status).toBe(404);
    expect((await json('POST', '/api/legal/entries', mediator, entry)).status).toBe(404);
    expect(
      (await json('POST', `/api/legal/entries/${entryB}/void`, mediator, { version: 1, reason: 'x' })).status,
    ).toBe(404);
    // roles without the permission: the roster and assignments are the county's, recording the firms'
    for (const who of ['town', 'town2', 'village', 'grid', 'mediator']) {
      const h = as[who] as Headers;
      expect((await json('POST', '/api/legal/advisers', h, adviserBody)).status, who).toBe(403);
      expect((await json('PUT', `/api/legal/advisers/${adviser.id}`, h, adviserBody)).status, who).toBe(403);
      expect(
        (await json('POST', '/api/legal/assignments', h, { ...assignment, adviserId: adviser.id, startedOn: today }))
          .status,
        who,
      ).toBe(403);
      expect(
        (await json('POST', `/api/legal/assignments/${assignment.id}/end`, h, { version: 1, endedOn: today })).status,
        who,
      ).toBe(403);
    }
    for (const who of ['town2', 'village', 'county']) {
      const h = as[who] as Headers;
      expect((await json('POST', '/api/legal/entries', h, entry)).status, who).toBe(403);
      expect(
        (await json('POST', `/api/legal/entries/${entryB}/void`, h, { version: 1, reason: 'x' })).status,
        who,
      ).toBe(403);
    }
    // a review request names a village of one's own subtree: another town's village does not exist
    const review = { villageId: f.villageB, documentTitle: '合同' };
    expect((await json('POST', '/api/legal/review-requests', as.town as Headers, review)).status).toBe(404);
    expect((await json('POST', '/api/legal/review-requests', mediator, review)).status).toBe(404);
    expect((await json('POST', '/api/legal/review-requests', as.town2 as Headers, review)).status).toBe(201);
    // a department other than 司法局 holds legal.manage by role, but is stopped by scope
    const dept = await json('POST', '/api/legal/advisers', as.dept as Headers, {
      ...adviserBody,
      licenceNo: 'PERM0002',
    });
    expect(dept.body.code).toBe('LEGAL_COUNTY_ONLY');
    // the firm may reveal its own entry's asker; the county platform (pii.view) too
    expect((await json('GET', `/api/legal/entries/${entryB}/asker`, lawyer)).body.askerName).toBe('矩阵人');
    expect((await json('GET', `/api/legal/entries/${entryB}/asker`, as.county as Headers)).status).toBe(200);
    const ended = await json('POST', `/api/legal/assignments/${assignment.id}/end`, admin, {
      version: 1,
      endedOn: today,
    });
    expect(ended.status).toBe(200);
    expect(
      (await json('PUT', `/api/legal/advisers/${adviser.id}`, admin, { ...adviserBody, active: false })).status,
    ).toBe(200);
    expect(
      (await json('POST', `/api/legal/entries/${entryB}/void`, lawyer, { version: 1, reason: '测试' })).status,
    ).toBe(200);
  });
});

// ── deliberation (issue 16 §2) ──
describe('deliberation (议事): another town’s stations and topics do not exist, roles without the permission 403', () => {
  it('every /api/deliberations and /api/my/deliberations route', async () => {
    const routes = [
      'GET /api/deliberations/stations',
      'POST /api/deliberations/stations',
      'PATCH /api/deliberations/stations/:id',
      'POST /api/deliberations/stations/:id/members',
      'DELETE /api/deliberations/stations/:id/members/:memberId',
      'GET /api/deliberations/topics',
      'POST /api/deliberations/topics',
      'GET /api/deliberations/topics/:id',
      'POST /api/deliberations/topics/:id/actions',
      'POST /api/deliberations/comments/:id/moderation',
      'GET /api/my/deliberations',
      'POST /api/my/deliberations/topics',
      'GET /api/my/deliberations/topics/:id',
      'POST /api/my/deliberations/topics/:id/comments',
      'POST /api/my/deliberations/topics/:id/vote',
      'POST /api/my/deliberations/topics/:id/withdraw',
      'GET /api/public/deliberations/villages/:id',
    ];
    for (const route of routes) cover(route);
    const admin = as.admin as Headers;
    const ok = async (method: string, url: string, body?: unknown, who: Headers = admin) => {
      const r = await json(method, url, who, body);
      expect(r.status, `${method} ${url} ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };
    // Village B (town B): a station with a member, a resident, a topic she raised, her comment.
    const stationB = await ok('POST', '/api/deliberations/stations', {
      villageId: f.villageB,
      kind: 'wulao',
      name: '矩阵议事站',
      quorumPercent: 0,
      passPercent: 50,
    });
    const memberB = await ok('POST', `/api/deliberations/stations/${stationB.id}/members`, { name: '矩阵成员' });
    const phone = '13500016020';
    await ok('POST', '/api/points/households', {
      villageId: f.villageB,
      doorNo: '议事矩阵 1 号',
      headName: '议户',
      phone,
    });
    const code = (await json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    const residentB = {
      authorization: `Bearer ${(await json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token}`,
    };
    const topicB = await ok(
      'POST',
      '/api/my/deliberations/topics',
      { stationId: stationB.id, title: '矩阵议题', proposal: '内容' },
      residentB,
    );
    const commentB = await ok(
      'POST',
      `/api/my/deliberations/topics/${topicB.id}/comments`,
      { body: '意见' },
      residentB,
    );

    const readsOfB = [`/api/deliberations/topics/${topicB.id}`];
    const writesOnB: [string, string, unknown][] = [
      ['PATCH', `/api/deliberations/stations/${stationB.id}`, { version: 1, name: 'x' }],
      ['POST', `/api/deliberations/stations/${stationB.id}/members`, { name: 'x' }],
      ['DELETE', `/api/deliberations/stations/${stationB.id}/members/${memberB.id}`, undefined],
      [
        'POST',
        '/api/deliberations/stations',
        { villageId: f.villageB, kind: 'other', name: 'x', quorumPercent: 0, passPercent: 50 },
      ],
      ['POST', '/api/deliberations/topics', { stationId: stationB.id, title: 'x', proposal: 'x' }],
      ['POST', `/api/deliberations/topics/${topicB.id}/actions`, { version: 1, action: { type: 'accept' } }],
      ['POST', `/api/deliberations/comments/${commentB.id}/moderation`, { approve: true }],
    ];
    // Town A's village, town A and a town-level administrator: B does not exist.
    for (const who of ['village', 'town', 'townadmin']) {
      for (const url of readsOfB)
        expect((await json('GET', url, as[who] as Headers)).status, `${who} GET ${url}`).toBe(404);
      const list = JSON.stringify(
        (await json('GET', '/api/deliberations/topics?pageSize=200', as[who] as Headers)).body,
      );
      expect(list, who).not.toContain('矩阵议题');
      const stations = JSON.stringify((await json('GET', '/api/deliberations/stations', as[who] as Headers)).body);
      expect(stations, who).not.toContain('矩阵议事站');
    }
    for (const who of ['village', 'townadmin']) {
      for (const [method, url, body] of writesOnB) {
        expect((await json(method, url, as[who] as Headers, body)).status, `${who} ${method} ${url}`).toBe(404);
      }
    }
    expect(JSON.stringify((await json('GET', '/api/deliberations/topics', as.town2 as Headers)).body)).toContain(
      '矩阵议题',
    );
    // Roles that read but do not run a station: 403 on every write; staff are not residents on the phone.
    for (const who of ['grid', 'dept', 'mediator', 'county', 'leader']) {
      for (const [method, url, body] of writesOnB) {
        expect((await json(method, url, as[who] as Headers, body)).status, `${who} ${method} ${url}`).toBe(403);
      }
      expect((await json('GET', '/api/my/deliberations', as[who] as Headers)).status, who).toBe(403);
    }
    // A resident of B: the staff routes are closed; another village's topic does not exist.
    for (const url of [
      '/api/deliberations/topics',
      '/api/deliberations/stations',
      `/api/deliberations/topics/${topicB.id}`,
    ]) {
      expect((await json('GET', url, residentB)).status, url).toBe(403);
    }
    const { body: own } = await json('GET', `/api/my/deliberations/topics/${topicB.id}`, residentB);
    expect(own.title).toBe('矩阵议题');
    const topicsA = (await json('GET', `/api/deliberations/topics?villageId=${f.villageA}`, as.village as Headers))
      .body;
    for (const t of topicsA.items as { id: number }[]) {
      expect((await json('GET', `/api/my/deliberations/topics/${t.id}`, residentB)).status).toBe(404);
      expect(
        (await json('POST', `/api/my/deliberations/topics/${t.id}/vote`, residentB, { choice: '同意' })).status,
      ).toBe(403);
      expect(
        (await json('POST', `/api/my/deliberations/topics/${t.id}/comments`, residentB, { body: 'x' })).status,
      ).toBe(403);
      expect(
        (await json('POST', `/api/my/deliberations/topics/${t.id}/withdraw`, residentB, { version: 1 })).status,
      ).toBe(404);
    }
    // The public page needs no sign-in.
    const board = await sys.request({ method: 'GET', url: `/api/public/deliberations/villages/${f.villageB}` });
    expect(board.statusCode).toBe(200);
    // the second town runs its village's station
    await ok('POST', `/api/deliberations/comments/${commentB.id}/moderation`, { approve: true }, as.town2 as Headers);
    await ok(
      'POST',
      `/api/deliberations/topics/${topicB.id}/actions`,
      { version: 1, action: { type: 'accept' } },
      as.town2 as Headers,
    );
  });
});

describe('psychological referrals (心理服务转介): only the units that stand to a referral know it exists', () => {
  it('every /api/psych route: another grid, the town above and the county get 404, roles without the permission 403', async () => {
    for (const route of [
      'GET /api/psych/referrals',
      'GET /api/psych/counselling-orgs',
      'GET /api/psych/referrals/:id',
      'POST /api/psych/referrals',
      'POST /api/psych/referrals/:id/actions',
      'GET /api/psych/referrals/:id/person',
    ]) {
      cover(route);
    }
    const counsellor = await sys.login('counsellor');
    const orgs = (await json('GET', '/api/psych/counselling-orgs', as.grid as Headers)).body.items;
    const centre = orgs.find((o: { name: string }) => o.name === '县心理咨询服务中心').id;
    const made = await json('POST', '/api/psych/referrals', as.grid as Headers, {
      risk: 'medium',
      consent: true,
      counsellingOrgId: centre,
      source: 'direct',
      personName: '矩阵人',
      concern: '情绪低落',
    });
    expect(made.status).toBe(201);
    const id = made.body.id;
    const action = { version: 1, action: { type: 'acknowledge' } };
    // the referrer: status only, no actions, no person
    expect((await json('GET', `/api/psych/referrals/${id}`, as.grid as Headers)).body).not.toHaveProperty('content');
    expect((await json('POST', `/api/psych/referrals/${id}/actions`, as.grid as Headers, action)).status).toBe(403);
    expect((await json('GET', `/api/psych/referrals/${id}/person`, as.grid as Headers)).status).toBe(403);
    // no relation: it does not exist (a third party with psych.content included)
    for (const who of ['village', 'town', 'town2', 'county', 'dept', 'mediator', 'admin']) {
      const h = as[who] as Headers;
      expect((await json('GET', `/api/psych/referrals/${id}`, h)).status, who).toBe(404);
      const listed = (await json('GET', '/api/psych/referrals?box=all&pageSize=200', h)).body.items;
      expect(
        listed.map((r: { id: number }) => r.id),
        who,
      ).not.toContain(id);
    }
    for (const who of ['mediator', 'admin']) {
      const h = as[who] as Headers;
      expect((await json('POST', `/api/psych/referrals/${id}/actions`, h, action)).status, who).toBe(404);
      expect((await json('GET', `/api/psych/referrals/${id}/person`, h)).status, who).toBe(404);
    }
    // roles without the permission: refused whatever the id
    for (const who of ['leader']) {
      const h = as[who] as Headers;
      expect((await json('GET', '/api/psych/referrals', h)).status, who).toBe(403);
      expect((await json('GET', `/api/psych/referrals/${id}`, h)).status, who).toBe(403);
      expect((await json('GET', '/api/psych/counselling-orgs', h)).status, who).toBe(403);
      const body = { risk: 'low', consent: false, counsellingOrgId: centre, source: 'direct' };
      expect((await json('POST', '/api/psych/referrals', h, body)).status, who).toBe(403);
    }
    for (const who of ['county', 'town', 'village', 'dept']) {
      const h = as[who] as Headers;
      expect((await json('POST', `/api/psych/referrals/${id}/actions`, h, action)).status, who).toBe(403);
      expect((await json('GET', `/api/psych/referrals/${id}/person`, h)).status, who).toBe(403);
    }
    // the counselling organisation: the content and the actions
    expect((await json('GET', `/api/psych/referrals/${id}`, counsellor)).body.content.concern).toBe('情绪低落');
    expect((await json('GET', `/api/psych/referrals/${id}/person`, counsellor)).body.name).toBe('矩阵人');
    expect((await json('POST', `/api/psych/referrals/${id}/actions`, counsellor, action)).status).toBe(200);
    expect((await json('GET', '/api/psych/counselling-orgs', counsellor)).status).toBe(200);
  });
});

// ── small-power list (issue 16 §3) ──
describe('small-power list (小微权力清单): another town’s lists and exercises do not exist, roles without the permission 403', () => {
  it('every /api/powers route and the public page', async () => {
    const routes = [
      'GET /api/powers/template',
      'POST /api/powers/template/items',
      'GET /api/powers/villages',
      'GET /api/powers/villages/:id/items',
      'POST /api/powers/villages/:id/items',
      'POST /api/powers/villages/:id/adopt-template',
      'PATCH /api/powers/items/:id',
      'POST /api/powers/items/:id/sync-template',
      'GET /api/powers/exercises',
      'POST /api/powers/exercises',
      'GET /api/powers/exercises/:id',
      'POST /api/powers/exercises/:id/steps',
      'GET /api/public/powers/villages/:id',
    ];
    for (const route of routes) cover(route);
    const admin = as.admin as Headers;
    const ok = async (method: string, url: string, body?: unknown) => {
      const r = await json(method, url, admin, body);
      expect(r.status, `${method} ${url} ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };
    // Village B (town B) adopts the template and starts an exercise.
    await ok('POST', `/api/powers/villages/${f.villageB}/adopt-template`);
    const itemsB = (await ok('GET', `/api/powers/villages/${f.villageB}/items`)).items as {
      id: number;
      name: string;
      version: number;
      steps: unknown[];
    }[];
    const itemB = itemsB.find((i) => i.name === '用章管理') as (typeof itemsB)[number];
    const exB = await ok('POST', '/api/powers/exercises', { itemId: itemB.id, title: '矩阵用章' });
    const template = (await ok('GET', '/api/powers/template')).items as { id: number; version: number }[];
    const templateItem = template[0] as { id: number; version: number };
    const day = exB.startedOn as string;

    const readsOfB = [`/api/powers/villages/${f.villageB}/items`, `/api/powers/exercises/${exB.id}`];
    const writesOnB: [string, string, unknown][] = [
      ['POST', `/api/powers/villages/${f.villageB}/adopt-template`, undefined],
      ['POST', `/api/powers/villages/${f.villageB}/items`, { category: '其他', name: 'x', steps: itemB.steps }],
      ['PATCH', `/api/powers/items/${itemB.id}`, { version: itemB.version, name: 'x' }],
      ['POST', `/api/powers/items/${itemB.id}/sync-template`, { version: itemB.version }],
      ['POST', '/api/powers/exercises', { itemId: itemB.id, title: 'x' }],
      ['POST', `/api/powers/exercises/${exB.id}/steps`, { version: 1, stepKey: 'request', doneOn: day }],
    ];
    // Town A's village, town A and a town-level administrator (every power permission): B does not exist.
    for (const who of ['village', 'town', 'townadmin']) {
      for (const url of readsOfB)
        expect((await json('GET', url, as[who] as Headers)).status, `${who} GET ${url}`).toBe(404);
    }
    for (const [method, url, body] of writesOnB) {
      expect((await json(method, url, as.townadmin as Headers, body)).status, `townadmin ${method} ${url}`).toBe(404);
      expect((await json(method, url, as.village as Headers, body)).status, `village ${method} ${url}`).toBe(404);
    }
    // The template is the county platform's: a village or a town-level administrator may read it, not change it.
    for (const who of ['village', 'townadmin']) {
      const patch = await json('PATCH', `/api/powers/items/${templateItem.id}`, as[who] as Headers, {
        version: templateItem.version,
        name: 'x',
      });
      expect(patch.status, who).toBe(403);
      const create = await json('POST', '/api/powers/template/items', as[who] as Headers, {
        category: '其他',
        name: 'x',
        steps: itemB.steps,
      });
      expect(create.status, who).toBe(403);
    }
    // Lists hold only the principal's villages.
    for (const url of ['/api/powers/exercises', '/api/powers/villages']) {
      const town = JSON.stringify((await json('GET', url, as.town as Headers)).body);
      expect(town, url).not.toContain('矩阵用章');
      expect(town, url).not.toContain(`"id":${f.villageB},`);
    }
    expect(JSON.stringify((await json('GET', '/api/powers/exercises', as.town2 as Headers)).body)).toContain(
      '矩阵用章',
    );
    // Roles without the permission: 403 before anything is looked up; a town reads but does not record.
    for (const who of ['grid', 'dept', 'mediator']) {
      for (const url of ['/api/powers/template', '/api/powers/villages', '/api/powers/exercises']) {
        expect((await json('GET', url, as[who] as Headers)).status, `${who} ${url}`).toBe(403);
      }
    }
    for (const [method, url, body] of writesOnB) {
      expect((await json(method, url, as.town2 as Headers, body)).status, `town2 ${method} ${url}`).toBe(403);
    }
    // The public page needs no sign-in.
    const page = await sys.request({ method: 'GET', url: `/api/public/powers/villages/${f.villageB}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('矩阵用章');
  });
});

describe('screenings: scope and permission', () => {
  it('every /api/screenings route: another town’s screening does not exist, recording is the unit’s own, settings are the administrator’s', async () => {
    for (const route of [
      'GET /api/screenings/settings',
      'PUT /api/screenings/settings/:level',
      'POST /api/screenings/generate',
      'GET /api/screenings',
      'GET /api/screenings/inbox',
      'GET /api/screenings/coverage',
      'GET /api/screenings/heatmap',
      'GET /api/screenings/:taskId',
      'POST /api/screenings/:taskId/record',
    ]) {
      cover(route);
    }
    // A demo screening of the first street's first grid (the demo opens the first town's last two weeks).
    const A = Number(
      (
        await sys.services.db
          .selectFrom('screening_tasks')
          .select('task_id')
          .where('org_id', '=', f.gridA)
          .orderBy('due_at', 'desc')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).task_id,
    );
    expect((await json('GET', `/api/screenings/${A}`, as.village as Headers)).status).toBe(200);
    expect((await json('GET', `/api/screenings/${A}`, as.county as Headers)).status).toBe(200);
    expect((await json('GET', `/api/screenings/${A}`, as.town2 as Headers)).status).toBe(404);
    const listB = (await json('GET', '/api/screenings?scope=all&pageSize=200', as.town2 as Headers)).body.items;
    expect(listB.filter((i: { org: { id: number } }) => i.org.id === f.gridA)).toEqual([]);
    const record = { clientToken: 'permission-matrix-1', checklist: [], nothingFound: true, lat: 29.3, lng: 120.1 };
    const other = await json('POST', `/api/screenings/${A}/record`, as.town2 as Headers, record);
    expect([other.status, other.body.code]).toEqual([404, 'SCREENING_NOT_FOUND']);
    const above = await json('POST', `/api/screenings/${A}/record`, as.town as Headers, record);
    expect([above.status, above.body.code]).toEqual([403, 'SCREENING_NOT_OWNER']);
    expect((await json('GET', '/api/screenings/inbox', as.grid as Headers)).status).toBe(200);
    const coverage = '/api/screenings/coverage?from=2026-01-01&to=2026-12-31&level=grid';
    const rowsB = (await json('GET', coverage, as.town2 as Headers)).body.rows;
    expect(rowsB.map((r: { org: { id: number } }) => r.org.id)).not.toContain(f.gridA);
    expect(
      (await json('GET', `/api/screenings/heatmap?orgId=${f.gridA}&year=2026`, as.village as Headers)).status,
    ).toBe(200);
    expect((await json('GET', `/api/screenings/heatmap?orgId=${f.gridA}&year=2026`, as.town2 as Headers)).status).toBe(
      404,
    );
    const settings = (await json('GET', '/api/screenings/settings', as.dept as Headers)).body.items;
    const grid = settings.find((x: { level: string }) => x.level === 'grid');
    const put = { cadence: grid.cadence, checklist: grid.checklist, version: grid.version };
    expect((await json('PUT', '/api/screenings/settings/grid', as.town as Headers, put)).status).toBe(403);
    expect((await json('PUT', '/api/screenings/settings/grid', as.county as Headers, put)).status).toBe(403);
    expect((await json('POST', '/api/screenings/generate', as.town as Headers)).status).toBe(403);
    // a citizen: no screening data at all
    const phone = '13500005678';
    const code = (await json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    const token = (await json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token;
    const citizen = { authorization: `Bearer ${token}` };
    expect((await json('GET', '/api/screenings', citizen)).status).toBe(403);
    expect((await json('POST', `/api/screenings/${A}/record`, citizen, record)).status).toBe(403);
  });
});

// ── video events (issue 14 §3) ──
describe('video events (视频事件): another town’s cameras and events do not exist, roles without the permission 403', () => {
  it('every /api/video-events route', async () => {
    for (const route of [
      'POST /api/video-events',
      'GET /api/video-events',
      'GET /api/video-events/types',
      'GET /api/video-events/stats',
      'GET /api/video-events/of-case/:id',
      'GET /api/video-events/settings',
      'PUT /api/video-events/settings',
      'GET /api/video-events/cameras',
      'POST /api/video-events/cameras',
      'PUT /api/video-events/cameras/:id',
      'GET /api/video-events/cameras/import/template',
      'POST /api/video-events/cameras/import',
    ]) {
      cover(route);
    }
    const centre = async (id: number) => {
      const g = await sys.services.db
        .selectFrom('orgs')
        .select(['center_lat', 'center_lng'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { lat: Number(g.center_lat), lng: Number(g.center_lng) };
    };
    const caseId = async (number: string) =>
      (await sys.services.db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirstOrThrow())
        .id;
    const [caseA, caseB] = [await caseId(f.caseA), await caseId(f.caseB)];
    const inA = await centre(f.gridA);
    const inB = await centre(f.gridB);
    const camA = await json('POST', '/api/video-events/cameras', as.town as Headers, {
      code: 'PM-A',
      name: 'A',
      ...inA,
    });
    expect(camA.status).toBe(201);
    expect(
      (await json('POST', '/api/video-events/cameras', as.town2 as Headers, { code: 'PM-B', name: 'B', ...inB }))
        .status,
    ).toBe(201);
    // writes: video.manage (town, county, admin), in one's own area
    expect(
      (await json('POST', '/api/video-events/cameras', as.village as Headers, { code: 'PM-X', name: 'X', ...inA }))
        .status,
    ).toBe(403);
    expect(
      (await json('POST', '/api/video-events/cameras', as.grid as Headers, { code: 'PM-X', name: 'X', ...inA })).status,
    ).toBe(403);
    const outside = await json('POST', '/api/video-events/cameras', as.town2 as Headers, {
      code: 'PM-X',
      name: 'X',
      ...inA,
    });
    expect([outside.status, outside.body.code]).toEqual([403, 'OUTSIDE_SCOPE']);
    const edit = { code: 'PM-A', name: 'A2', ...inA, version: camA.body.version };
    expect((await json('PUT', `/api/video-events/cameras/${camA.body.id}`, as.town2 as Headers, edit)).status).toBe(
      404,
    );
    expect((await json('PUT', `/api/video-events/cameras/${camA.body.id}`, as.village as Headers, edit)).status).toBe(
      403,
    );
    expect((await json('PUT', `/api/video-events/cameras/${camA.body.id}`, as.town as Headers, edit)).status).toBe(200);
    // reads: the subtree only (the county platform sees the county, a department no camera)
    const codes = async (h: Headers) =>
      (await json('GET', '/api/video-events/cameras', h)).body.items.map((c: { code: string }) => c.code);
    expect(await codes(as.town as Headers)).toEqual(['PM-A']);
    expect(await codes(as.town2 as Headers)).toEqual(['PM-B']);
    expect(await codes(as.county as Headers)).toEqual(['PM-A', 'PM-B']);
    expect(await codes(as.dept as Headers)).toEqual([]);
    expect((await json('GET', '/api/video-events', as.grid as Headers)).status).toBe(200);
    expect((await json('GET', '/api/video-events/types', as.dept as Headers)).status).toBe(200);
    expect(
      (await json('GET', '/api/video-events/stats?from=2026-01-01&to=2026-12-31', as.town as Headers)).status,
    ).toBe(200);
    expect((await json('GET', `/api/video-events/of-case/${caseA}`, as.town as Headers)).status).toBe(200);
    expect((await json('GET', `/api/video-events/of-case/${caseB}`, as.town as Headers)).status).toBe(404);
    // the window is the county platform's
    expect((await json('GET', '/api/video-events/settings', as.dept as Headers)).status).toBe(200);
    const window = { windowMinutes: 45, version: 0 };
    expect((await json('PUT', '/api/video-events/settings', as.village as Headers, window)).status).toBe(403);
    expect((await json('PUT', '/api/video-events/settings', as.town as Headers, window)).status).toBe(403);
    expect((await json('PUT', '/api/video-events/settings', as.county as Headers, window)).status).toBe(200);
    expect((await json('GET', '/api/video-events/cameras/import/template', as.village as Headers)).status).toBe(403);
    expect(
      (
        await sys.request({
          method: 'GET',
          url: '/api/video-events/cameras/import/template',
          headers: as.town as Headers,
        })
      ).statusCode,
    ).toBe(200);
    const { payload, contentType } = multipartBody('c.csv', Buffer.from('摄像头编号,名称,纬度,经度\n'), 'text/csv');
    const upload = (h: Headers) =>
      sys.request({
        method: 'POST',
        url: '/api/video-events/cameras/import',
        headers: { ...h, 'content-type': contentType },
        payload,
      });
    expect((await upload(as.village as Headers)).statusCode).toBe(403);
    // the push is for the platforms' API keys only
    expect((await json('POST', '/api/video-events', as.admin as Headers, {})).status).toBe(403);
    // a citizen: nothing
    const phone = '13500014014';
    const code = (await json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    const citizen = {
      authorization: `Bearer ${(await json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token}`,
    };
    expect((await json('GET', '/api/video-events', citizen)).status).toBe(403);
    expect((await json('GET', '/api/video-events/cameras', citizen)).status).toBe(403);
    expect((await json('GET', `/api/video-events/of-case/${caseA}`, citizen)).status).toBe(403);
  });
});

describe('grid base data (网格底数): another town’s records do not exist, roles without the permission 403', () => {
  it('every /api/grid-data route', async () => {
    const routes = [
      'GET /api/grid-data/kinds',
      'GET /api/grid-data/tags',
      'PUT /api/grid-data/tags',
      'GET /api/grid-data/dashboard',
      'GET /api/grid-data/imports/:id',
      'GET /api/grid-data/cases/:id/subjects',
      'POST /api/grid-data/cases/:id/subjects',
      'DELETE /api/grid-data/cases/:id/subjects/:recordId',
      'GET /api/grid-data/:kind',
      'POST /api/grid-data/:kind',
      'GET /api/grid-data/:kind/export',
      'GET /api/grid-data/:kind/import/template',
      'POST /api/grid-data/:kind/import',
      'GET /api/grid-data/:kind/:id',
      'PATCH /api/grid-data/:kind/:id',
      'POST /api/grid-data/:kind/:id/archive',
      'GET /api/grid-data/:kind/:id/reveal',
    ];
    for (const route of routes) cover(route);
    const admin = as.admin as Headers;
    const person = (gridId: number, seq: number) => {
      const first17 = `33078819800101${String(seq).padStart(3, '0')}`;
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const sum = [...first17].reduce((s, d, i) => s + Number(d) * (w[i] as number), 0);
      return {
        gridId,
        fields: { name: '矩阵人', idNumber: first17 + ('10X98765432'[sum % 11] as string), residenceType: '户籍' },
      };
    };
    const pA = await json('POST', '/api/grid-data/people', admin, person(f.gridA, 801));
    const pB = await json('POST', '/api/grid-data/people', admin, person(f.gridB, 802));
    expect(pA.status, JSON.stringify(pA.body)).toBe(201);
    expect(pB.status).toBe(201);
    const caseB = (
      await sys.services.db.selectFrom('cases').select('id').where('number', '=', f.caseB).executeTakeFirstOrThrow()
    ).id;
    const caseA = (
      await sys.services.db.selectFrom('cases').select('id').where('number', '=', f.caseA).executeTakeFirstOrThrow()
    ).id;
    expect((await json('POST', `/api/grid-data/cases/${caseB}/subjects`, admin, { recordId: pB.body.id })).status).toBe(
      200,
    );
    const multipart = multipartBody('p.xlsx', Buffer.from('not a workbook'));
    const started = await sys.request({
      method: 'POST',
      url: `/api/grid-data/people/import?orgId=${f.villageB}&dryRun=true`,
      headers: { ...(as.town2 as Headers), 'content-type': multipart.contentType },
      payload: multipart.payload,
    });
    expect(started.statusCode, started.body).toBe(202);
    const jobB = started.json().id;
    // Town A's platform, village and grid worker: B's records, B's case, B's village and B's import do not exist.
    for (const who of ['town', 'village', 'grid']) {
      const h = as[who] as Headers;
      for (const url of [
        `/api/grid-data/people/${pB.body.id}`,
        `/api/grid-data/people/${pB.body.id}/reveal`,
        `/api/grid-data/imports/${jobB}`,
        `/api/grid-data/dashboard?orgId=${f.villageB}`,
      ])
        expect((await json('GET', url, h)).status, `${who} GET ${url}`).toBe(404);
      expect(
        (await json('PATCH', `/api/grid-data/people/${pB.body.id}`, h, { version: 1, fields: { name: 'x' } })).status,
      ).toBe(404);
      expect(
        (await json('POST', `/api/grid-data/people/${pB.body.id}/archive`, h, { version: 1, archived: true })).status,
      ).toBe(404);
      expect((await json('POST', '/api/grid-data/people', h, person(f.gridB, 803))).status).toBe(404);
      expect((await json('GET', `/api/grid-data/cases/${caseB}/subjects`, h)).status).toBe(404);
      expect((await json('POST', `/api/grid-data/cases/${caseA}/subjects`, h, { recordId: pB.body.id })).status).toBe(
        404,
      );
      expect((await json('DELETE', `/api/grid-data/cases/${caseB}/subjects/${pB.body.id}`, h)).status).toBe(404);
      const listed = (await json('GET', '/api/grid-data/people?limit=200', h)).body.items.map(
        (i: { id: number }) => i.id,
      );
      expect(listed).not.toContain(pB.body.id);
      const imp = await sys.request({
        method: 'POST',
        url: `/api/grid-data/people/import?orgId=${f.villageB}&dryRun=true`,
        headers: { ...h, 'content-type': multipart.contentType },
        payload: multipart.payload,
      });
      expect(imp.statusCode, `${who} import`).toBe(404);
    }
    // A department and a third party hold no grid-data permission; a leader reads but neither writes nor reveals.
    for (const who of ['dept', 'mediator']) {
      const h = as[who] as Headers;
      for (const url of [
        '/api/grid-data/kinds',
        '/api/grid-data/tags',
        '/api/grid-data/dashboard',
        '/api/grid-data/people',
        `/api/grid-data/people/${pA.body.id}`,
        `/api/grid-data/cases/${caseA}/subjects`,
        '/api/grid-data/people/export',
      ])
        expect((await json('GET', url, h)).status, `${who} GET ${url}`).toBe(403);
    }
    const leader = as.leader as Headers;
    expect((await json('GET', `/api/grid-data/people/${pA.body.id}`, leader)).status).toBe(200);
    expect((await json('GET', `/api/grid-data/people/${pA.body.id}/reveal`, leader)).status).toBe(403);
    expect((await json('POST', '/api/grid-data/people', leader, person(f.gridA, 804))).status).toBe(403);
    expect((await json('GET', '/api/grid-data/people/import/template', leader)).status).toBe(403);
    expect((await json('GET', `/api/grid-data/imports/${jobB}`, leader)).status).toBe(403);
    // Only an administrator keeps the tag list.
    for (const who of ['county', 'town', 'village', 'grid'])
      expect((await json('PUT', '/api/grid-data/tags', as[who] as Headers, { items: [] })).status, who).toBe(403);
    // Town A reaches its own records.
    const town = as.town as Headers;
    expect((await json('GET', `/api/grid-data/people/${pA.body.id}/reveal`, town)).status).toBe(200);
    expect((await sys.request({ method: 'GET', url: '/api/grid-data/people/export', headers: town })).statusCode).toBe(
      200,
    );
    expect((await json('GET', `/api/grid-data/dashboard?orgId=${f.townA}`, town)).status).toBe(200);
  });
});

describe('party organisation (党组织体系): another town’s organisations, members and secretaries do not exist, roles without the permission 403', () => {
  it('every /api/party route of the organisation, members, 大党委 and first secretaries', async () => {
    for (const route of [
      'GET /api/party/orgs',
      'POST /api/party/orgs',
      'GET /api/party/orgs/:id',
      'PATCH /api/party/orgs/:id',
      'POST /api/party/orgs/:id/dissolve',
      'GET /api/party/coverage',
      'GET /api/party/members',
      'GET /api/party/members/badges',
      'POST /api/party/orgs/:id/members',
      'PATCH /api/party/members/:id',
      'GET /api/party/members/:id/reveal',
      'GET /api/party/committees',
      'POST /api/party/committees/:id/members',
      'PATCH /api/party/committee-members/:id',
      'GET /api/party/secretaries',
      'GET /api/party/secretaries/me',
      'GET /api/party/secretaries/monthly',
      'GET /api/party/secretaries/:id',
      'POST /api/party/secretaries',
      'PATCH /api/party/secretaries/:id',
      'POST /api/party/secretaries/:id/tasks',
      'POST /api/party/secretaries/:id/days',
    ])
      cover(route);
    const admin = as.admin as Headers;
    const ok = async (method: string, url: string, body?: unknown) => {
      const r = await json(method, url, admin, body);
      expect(r.status, `${method} ${url} ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };
    // Town B's branch, a member of it, a 大党委 member and a first secretary of village B.
    const branchB = (await ok('GET', `/api/party/orgs?townId=${f.townB}&level=grid_branch`)).items[0];
    const memberB = await ok('POST', `/api/party/orgs/${branchB.id}/members`, {
      name: '矩阵党员',
      phone: '13700009999',
    });
    const committeeB = await ok('POST', `/api/party/committees/${f.villageB}/members`, {
      unitName: '矩阵驻区单位',
      personName: '矩阵委员',
      post: '兼职委员',
      termStart: '2026-01-01',
      termEnd: '2027-12-31',
    });
    const deptId = (await json('GET', '/api/auth/me', as.dept as Headers)).body.org.id;
    const secretaryB = await ok('POST', '/api/party/secretaries', {
      name: '矩阵书记',
      villageId: f.villageB,
      sendingOrgId: deptId,
      termStart: '2026-01-01',
      termEnd: '2027-12-31',
    });
    const readsOfB = [`/api/party/orgs/${branchB.id}`, `/api/party/members/${memberB.id}/reveal`];
    const writesOnB: [string, string, unknown][] = [
      ['POST', '/api/party/orgs', { level: 'building_group', parentId: branchB.id, buildings: ['1幢'] }],
      ['PATCH', `/api/party/orgs/${branchB.id}`, { version: branchB.version, name: 'x' }],
      ['POST', `/api/party/orgs/${branchB.id}/dissolve`, { version: branchB.version }],
      ['POST', `/api/party/orgs/${branchB.id}/members`, { name: 'x' }],
      ['PATCH', `/api/party/members/${memberB.id}`, { version: 1, name: 'x' }],
      [
        'POST',
        `/api/party/committees/${f.villageB}/members`,
        { unitName: 'x', personName: 'x', post: 'x', termStart: '2026-01-01', termEnd: '2026-12-31' },
      ],
      ['PATCH', `/api/party/committee-members/${committeeB.id}`, { version: 1, post: 'x' }],
      ['POST', `/api/party/secretaries/${secretaryB.id}/days`, {}],
    ];
    // Town A's village, town A and a town-level administrator: B does not exist.
    for (const who of ['village', 'town', 'townadmin']) {
      for (const url of [...readsOfB, `/api/party/secretaries/${secretaryB.id}`])
        expect((await json('GET', url, as[who] as Headers)).status, `${who} GET ${url}`).toBe(404);
      for (const [method, url, body] of writesOnB)
        expect((await json(method, url, as[who] as Headers, body)).status, `${who} ${method} ${url}`).toBe(404);
      for (const url of ['/api/party/orgs', '/api/party/members', '/api/party/committees', '/api/party/secretaries']) {
        const text = JSON.stringify((await json('GET', url, as[who] as Headers)).body);
        expect(text, `${who} ${url}`).not.toMatch(/矩阵/);
      }
      const monthly = await json('GET', '/api/party/secretaries/monthly?month=2026-06', as[who] as Headers);
      expect(JSON.stringify(monthly.body)).not.toContain('矩阵书记');
    }
    expect(JSON.stringify((await json('GET', '/api/party/secretaries', as.town2 as Headers)).body)).toContain(
      '矩阵书记',
    );
    // Only the sending side keeps a secretary and assigns tasks; towns and villages do not send secretaries.
    for (const who of ['town2', 'village', 'leader', 'grid']) {
      const h = as[who] as Headers;
      expect(
        (
          await json('POST', '/api/party/secretaries', h, {
            name: 'x',
            villageId: f.villageB,
            termStart: '2026-01-01',
            termEnd: '2027-01-01',
          })
        ).status,
        who,
      ).toBe(403);
      expect(
        (await json('POST', `/api/party/secretaries/${secretaryB.id}/tasks`, h, { title: 'x', limitDays: 1 })).status,
        who,
      ).toBe(403);
      expect(
        (await json('PATCH', `/api/party/secretaries/${secretaryB.id}`, h, { version: 1, name: 'x' })).status,
        who,
      ).toBe(403);
    }
    // Roles without party.manage: 403 before anything is looked up.
    for (const who of ['leader', 'grid', 'dept', 'mediator']) {
      const h = as[who] as Headers;
      expect(
        (
          await json('POST', '/api/party/orgs', h, {
            level: 'building_group',
            parentId: branchB.id,
            buildings: ['1幢'],
          })
        ).status,
        who,
      ).toBe(403);
      expect((await json('PATCH', `/api/party/members/${memberB.id}`, h, { version: 1, name: 'x' })).status, who).toBe(
        403,
      );
      expect((await json('GET', '/api/party/coverage', h)).status, who).toBe(200);
      expect((await json('GET', `/api/party/members/badges?userIds=${f.userA}`, h)).status, who).toBe(200);
      expect((await json('GET', '/api/party/secretaries/me', h)).status, who).toBe(200);
    }
    // The grid card is public.
    expect((await sys.request({ method: 'GET', url: `/api/party/grids/${f.gridB}/card` })).statusCode).toBe(200);
  });
});

// ── public showcase (issue 17 §3) ──
describe('public showcase (公开展示): another town’s typical cases do not exist, roles without the permissions 403', () => {
  it('every /api/showcase route', async () => {
    for (const route of [
      'GET /api/showcase/cases',
      'GET /api/showcase/candidates',
      'POST /api/showcase/cases',
      'GET /api/showcase/cases/:id',
      'PATCH /api/showcase/cases/:id',
      'POST /api/showcase/cases/:id/submit',
      'POST /api/showcase/cases/:id/approve',
      'POST /api/showcase/cases/:id/return',
      'POST /api/showcase/cases/:id/publish',
      'POST /api/showcase/cases/:id/withdraw',
      'GET /api/showcase/news',
      'POST /api/showcase/news',
      'GET /api/showcase/news/:id',
      'PATCH /api/showcase/news/:id',
      'POST /api/showcase/news/:id/publish',
      'POST /api/showcase/news/:id/withdraw',
    ])
      cover(route);
    // a closed case in each town
    const now = new Date();
    const closed: Record<string, number> = {};
    for (const [suffix, grid, village, town] of [
      ['A', f.gridA, f.villageA, f.townA],
      ['B', f.gridB, f.villageB, f.townB],
    ] as const) {
      const row = await sys.services.db
        .insertInto('cases')
        .values({
          number: `TEST-S${suffix}`,
          county_code: '330788',
          channel: 'walk_in',
          title: `路灯修复${suffix}`,
          body: '路灯不亮，已修复',
          status: 'closed',
          town_id: town,
          village_id: village,
          grid_id: grid,
          owner_org_id: town,
          reported_at: now,
          closed_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      closed[suffix] = row.id;
    }
    const county = as.county as Headers;
    const created = await json('POST', '/api/showcase/cases', county, { caseId: closed.B });
    expect(created.status).toBe(201);
    const b = created.body as { id: number; version: number };
    const writesOnB: [string, string, unknown][] = [
      ['PATCH', `/api/showcase/cases/${b.id}`, { version: b.version, title: 'x' }],
      ...['submit', 'approve', 'return', 'publish', 'withdraw'].map(
        (a) =>
          ['POST', `/api/showcase/cases/${b.id}/${a}`, { version: b.version, note: 'x' }] as [string, string, unknown],
      ),
    ];
    // town A's writer and a town-level administrator (every permission): B's typical case and case do not exist
    for (const who of ['town', 'townadmin']) {
      const h = as[who] as Headers;
      expect((await json('GET', `/api/showcase/cases/${b.id}`, h)).status, who).toBe(404);
      expect((await json('POST', '/api/showcase/cases', h, { caseId: closed.B })).status, who).toBe(404);
      for (const [method, url, body] of writesOnB) {
        const r = await json(method, url, h, body);
        expect([403, 404], `${who} ${method} ${url}`).toContain(r.status);
        if (who === 'townadmin') expect(r.status, `${who} ${method} ${url}`).toBe(404);
      }
      const list = (await json('GET', '/api/showcase/cases', h)).body.items as { id: number }[];
      expect(list.map((x) => x.id)).not.toContain(b.id);
      const candidates = (await json('GET', '/api/showcase/candidates', h)).body.items as { id: number }[];
      expect(candidates.map((x) => x.id)).toContain(closed.A);
      expect(candidates.map((x) => x.id)).not.toContain(closed.B);
    }
    // town B's writer sees it but cannot review; the leader reviews but does not write
    expect((await json('GET', `/api/showcase/cases/${b.id}`, as.town2 as Headers)).status).toBe(200);
    expect(
      (await json('POST', `/api/showcase/cases/${b.id}/approve`, as.town2 as Headers, { version: b.version })).status,
    ).toBe(403);
    const leader = as.leader as Headers;
    expect((await json('GET', `/api/showcase/cases/${b.id}`, leader)).status).toBe(200);
    expect((await json('POST', '/api/showcase/cases', leader, { caseId: closed.A })).status).toBe(403);
    expect((await json('GET', '/api/showcase/news', leader)).status).toBe(403);
    // roles without either permission: 403 before anything is looked up
    for (const who of ['village', 'grid', 'dept', 'mediator']) {
      const h = as[who] as Headers;
      expect((await json('GET', '/api/showcase/cases', h)).status, who).toBe(403);
      expect((await json('GET', `/api/showcase/cases/${b.id}`, h)).status, who).toBe(403);
      expect((await json('GET', '/api/showcase/candidates', h)).status, who).toBe(403);
      expect((await json('POST', '/api/showcase/cases', h, { caseId: closed.A })).status, who).toBe(403);
      expect((await json('GET', '/api/showcase/news', h)).status, who).toBe(403);
      expect((await json('POST', '/api/showcase/news', h, { title: 't', body: 'b' })).status, who).toBe(403);
    }
    // news posts are the county's: the county writes, a town writer of the same county reads and corrects them
    const news = await json('POST', '/api/showcase/news', county, { title: '矩阵新闻', body: '正文' });
    expect(news.status).toBe(201);
    expect((await json('GET', `/api/showcase/news/${news.body.id}`, as.town as Headers)).status).toBe(200);
    expect(
      (await json('POST', `/api/showcase/news/${news.body.id}/publish`, county, { version: news.body.version })).status,
    ).toBe(200);
    expect((await json('GET', `/api/showcase/news/${news.body.id}`, as.village as Headers)).status).toBe(403);
    // the public side needs no sign-in
    const page = await sys.request({ method: 'GET', url: `/api/public/news/${news.body.id}` });
    expect(page.statusCode).toBe(200);
  });
});

describe('volunteers and social organisations (志愿服务 · 社会组织): another town’s records do not exist, roles without the permission 403', () => {
  it('every /api/volunteers and /api/social-orgs route', async () => {
    const routes = [
      'GET /api/volunteers/activities',
      'POST /api/volunteers/activities',
      'GET /api/volunteers/activities/:id',
      'POST /api/volunteers/activities/:id/actions',
      'POST /api/volunteers/activities/:id/signups/:signupId/confirm-hours',
      'GET /api/volunteers/teams',
      'POST /api/volunteers/teams',
      'GET /api/volunteers/people',
      'GET /api/volunteers/people/:id/record',
      'GET /api/volunteers/stats',
      'GET /api/volunteers/my',
      'GET /api/volunteers/my/villages',
      'GET /api/volunteers/my/teams',
      'PUT /api/volunteers/my/profile',
      'GET /api/volunteers/my/record',
      'POST /api/volunteers/my/teams/:id/join',
      'POST /api/volunteers/my/teams/:id/leave',
      'POST /api/volunteers/my/activities/:id/sign-up',
      'POST /api/volunteers/my/activities/:id/cancel',
      'POST /api/volunteers/my/activities/:id/check-in',
      'POST /api/volunteers/my/activities/:id/check-out',
      'GET /api/social-orgs',
      'POST /api/social-orgs',
      'GET /api/social-orgs/:id',
      'PUT /api/social-orgs/:id',
      'POST /api/social-orgs/:id/stage',
      'POST /api/social-orgs/:id/supports',
      'POST /api/social-orgs/:id/projects',
      'POST /api/social-orgs/projects/:id/evaluation',
    ];
    for (const route of routes) cover(route);
    const admin = as.admin as Headers;
    const ok = async (method: string, url: string, body?: unknown) => {
      const r = await json(method, url, admin, body);
      expect(r.status, `${method} ${url} ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };
    // Town B's village organises an activity; town B supervises a social organisation that runs a purchased service.
    const soon = Date.now() + 86_400_000;
    const activity = await ok('POST', '/api/volunteers/activities', {
      orgId: f.villageB,
      title: '矩阵志愿活动',
      place: 'B 村',
      startsAt: new Date(soon).toISOString(),
      endsAt: new Date(soon + 7_200_000).toISOString(),
      capacity: 3,
      publish: true,
    });
    const org = await ok('POST', '/api/social-orgs', {
      ownerOrgId: f.townB,
      name: '矩阵社会组织',
      type: 'community',
      registrationNo: '52330788MJ1111111D',
      field: '邻里互助',
      contactName: '钱一',
      contactPhone: '13900002222',
      rating: 'none',
    });
    const year = new Date().getFullYear();
    const project = await ok('POST', `/api/social-orgs/${org.id}/projects`, {
      purchaserOrgId: f.townB,
      name: '矩阵项目',
      contractNo: `JZ-${year}`,
      budget: 1000,
      startsOn: `${year}-01-01`,
      endsOn: `${year + 1}-12-31`,
      deliverables: [{ title: '台账', dueDate: `${year + 1}-06-30` }],
    });
    const readsOfB = [`/api/volunteers/activities/${activity.id}`, `/api/social-orgs/${org.id}`];
    const writesOnB: [string, string, unknown][] = [
      [
        'POST',
        `/api/volunteers/activities/${activity.id}/actions`,
        { version: activity.version, action: 'cancel', reason: 'x' },
      ],
      ['POST', `/api/volunteers/activities/${activity.id}/signups/1/confirm-hours`, undefined],
      [
        'PUT',
        `/api/social-orgs/${org.id}`,
        {
          name: 'x',
          type: 'community',
          registrationNo: org.registrationNo,
          field: 'x',
          contactName: 'x',
          contactPhone: '13900002222',
          rating: 'none',
          version: org.version,
        },
      ],
      ['POST', `/api/social-orgs/${org.id}/stage`, { stage: 'cultivating', version: org.version }],
      ['POST', `/api/social-orgs/${org.id}/supports`, { kind: 'venue', description: 'x', givenOn: `${year}-01-02` }],
      [
        'POST',
        `/api/social-orgs/${org.id}/projects`,
        {
          name: 'x',
          contractNo: 'x',
          budget: 1,
          startsOn: `${year}-01-01`,
          endsOn: `${year}-12-31`,
          deliverables: [{ title: 'x', dueDate: `${year}-12-30` }],
        },
      ],
      ['POST', `/api/social-orgs/projects/${project.id}/evaluation`, { score: 80, version: 1 }],
    ];
    // Town A and its village: B's records do not exist.
    for (const who of ['village', 'town']) {
      for (const url of readsOfB)
        expect((await json('GET', url, as[who] as Headers)).status, `${who} GET ${url}`).toBe(404);
    }
    for (const [method, url, body] of writesOnB) {
      const r = await json(method, url, as.town as Headers, body);
      expect(r.status, `town ${method} ${url}`).toBe(404);
    }
    // Lists and statistics hold only the principal's own.
    expect(JSON.stringify((await json('GET', '/api/volunteers/activities', as.town as Headers)).body)).not.toContain(
      '矩阵志愿活动',
    );
    expect(JSON.stringify((await json('GET', '/api/social-orgs', as.town as Headers)).body)).not.toContain(
      '矩阵社会组织',
    );
    expect(JSON.stringify((await json('GET', '/api/volunteers/activities', as.town2 as Headers)).body)).toContain(
      '矩阵志愿活动',
    );
    // Roles without the permission: 403 before anything is looked up.
    for (const who of ['grid', 'dept', 'mediator', 'leader']) {
      expect((await json('POST', '/api/volunteers/activities', as[who] as Headers, {})).status, who).toBe(403);
      expect((await json('POST', '/api/volunteers/teams', as[who] as Headers, { name: 'x' })).status, who).toBe(403);
      expect((await json('POST', '/api/social-orgs', as[who] as Headers, {})).status, who).toBe(403);
    }
    expect((await json('PUT', `/api/social-orgs/${org.id}`, as.village as Headers, {})).status).toBe(403);
    // Staff have no volunteer's phone pages; no staff route answers a citizen (tested in the volunteer tests).
    for (const [method, url] of [
      ['GET', '/api/volunteers/my'],
      ['GET', '/api/volunteers/my/villages'],
      ['GET', '/api/volunteers/my/teams'],
      ['PUT', '/api/volunteers/my/profile'],
      ['GET', '/api/volunteers/my/record'],
      ['POST', '/api/volunteers/my/teams/1/join'],
      ['POST', '/api/volunteers/my/teams/1/leave'],
      ['POST', `/api/volunteers/my/activities/${activity.id}/sign-up`],
      ['POST', `/api/volunteers/my/activities/${activity.id}/cancel`],
      ['POST', `/api/volunteers/my/activities/${activity.id}/check-in`],
      ['POST', `/api/volunteers/my/activities/${activity.id}/check-out`],
    ] as const) {
      expect((await json(method, url, as.village as Headers, method === 'GET' ? undefined : {})).status, url).toBe(403);
    }
    // Reads any staff role has, within scope.
    for (const url of ['/api/volunteers/teams', '/api/volunteers/people', '/api/volunteers/stats'])
      expect((await json('GET', url, as.grid as Headers)).status, url).toBe(200);
    const peopleOfB = (await json('GET', '/api/volunteers/people', as.town2 as Headers)).body.items as { id: number }[];
    if (peopleOfB[0]) {
      expect((await json('GET', `/api/volunteers/people/${peopleOfB[0].id}/record`, as.town as Headers)).status).toBe(
        404,
      );
    }
  });
});

describe('双报到 and 物业亮星 · 执法亮剑: another town’s registrations, needs and compounds do not exist, roles without the permission 403', () => {
  it('every /api/party/service and /api/party/ratings route, and the public boards', async () => {
    const routes = [
      'GET /api/party/service/units',
      'POST /api/party/service/units',
      'POST /api/party/service/units/:id/decide',
      'GET /api/party/service/members',
      'POST /api/party/service/members/:id/decide',
      'POST /api/party/service/members/:id/reveal',
      'GET /api/party/service/communities',
      'GET /api/party/service/needs',
      'POST /api/party/service/needs',
      'GET /api/party/service/needs/:id',
      'POST /api/party/service/needs/:id/actions',
      'GET /api/party/service/reports',
      'POST /api/party/service/reports/issue',
      'GET /api/party/service/reports/export',
      'GET /api/party/service/reports/own',
      'GET /api/party/service/my',
      'POST /api/party/service/my/registrations',
      'GET /api/party/service/my/needs/:id',
      'POST /api/party/service/my/needs/:id/actions',
      'GET /api/party/ratings/companies',
      'POST /api/party/ratings/companies',
      'GET /api/party/ratings/compounds',
      'POST /api/party/ratings/compounds',
      'GET /api/party/ratings/compounds/:id',
      'POST /api/party/ratings/compounds/:id/cases',
      'GET /api/party/ratings/settings',
      'PUT /api/party/ratings/settings',
      'POST /api/party/ratings/recompute',
      'GET /api/party/ratings/my/compounds',
      'POST /api/party/ratings/my/compounds/:id/ratings',
    ];
    for (const route of routes) cover(route);
    const admin = as.admin as Headers;
    const ok = async (method: string, url: string, body?: unknown) => {
      const r = await json(method, url, admin, body);
      expect(r.status, `${method} ${url} ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };
    // Village B (town B): an outside unit, a need, a compound.
    const unitB = await ok('POST', '/api/party/service/units', { villageId: f.villageB, name: '矩阵单位' });
    const dueOn = new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    const needB = await ok('POST', '/api/party/service/needs', {
      villageId: f.villageB,
      kind: 'wish',
      title: '矩阵心愿',
      dueOn,
    });
    const company = await ok('POST', '/api/party/ratings/companies', { name: '矩阵物业' });
    const compoundB = await ok('POST', '/api/party/ratings/compounds', {
      villageId: f.villageB,
      companyId: company.id,
      name: '矩阵小区',
      gridIds: [f.gridB],
    });
    // Town A's village, town A and a town-level administrator: B's records do not exist.
    for (const who of ['village', 'town', 'townadmin']) {
      const h = as[who] as Headers;
      expect((await json('GET', `/api/party/service/needs/${needB.id}`, h)).status, who).toBe(404);
      expect(
        (
          await json('POST', `/api/party/service/needs/${needB.id}/actions`, h, {
            version: 1,
            action: { type: 'cancel', reason: 'x' },
          })
        ).status,
        who,
      ).toBe(404);
      expect(
        (await json('POST', `/api/party/service/units/${unitB.id}/decide`, h, { version: 1, decision: 'decline' }))
          .status,
        who,
      ).toBe(404);
      expect((await json('GET', `/api/party/ratings/compounds/${compoundB.id}`, h)).status, who).toBe(404);
      expect(
        (await json('POST', `/api/party/ratings/compounds/${compoundB.id}/cases`, h, { caseId: 1 })).status,
        who,
      ).toBe(404);
      for (const url of ['/api/party/service/needs', '/api/party/service/units', '/api/party/ratings/compounds']) {
        expect(JSON.stringify((await json('GET', url, h)).body), `${who} ${url}`).not.toMatch(/矩阵/);
      }
    }
    expect(
      (
        await json('POST', '/api/party/service/needs', as.townadmin as Headers, {
          villageId: f.villageB,
          kind: 'wish',
          title: 'x',
          dueOn,
        })
      ).status,
    ).toBe(404);
    expect(JSON.stringify((await json('GET', '/api/party/service/needs', as.town2 as Headers)).body)).toContain(
      '矩阵心愿',
    );
    // Roles without the permission: 403 before anything is looked up.
    for (const who of ['grid', 'dept', 'mediator', 'leader']) {
      const h = as[who] as Headers;
      expect(
        (await json('POST', '/api/party/service/needs', h, { villageId: f.villageB, kind: 'wish', title: 'x', dueOn }))
          .status,
        who,
      ).toBe(403);
      expect(
        (await json('POST', `/api/party/service/units/${unitB.id}/decide`, h, { version: 1, decision: 'decline' }))
          .status,
        who,
      ).toBe(403);
      expect((await json('POST', '/api/party/ratings/companies', h, { name: 'x' })).status, who).toBe(403);
      expect((await json('POST', '/api/party/ratings/recompute', h, { month: '2026-01' })).status, who).toBe(403);
    }
    // The yearly reports are the county platform's.
    for (const who of ['town', 'village', 'dept', 'leader']) {
      expect((await json('GET', '/api/party/service/reports?year=2026', as[who] as Headers)).status, who).toBe(403);
      expect(
        (await json('POST', '/api/party/service/reports/issue', as[who] as Headers, { year: 2026 })).status,
        who,
      ).toBe(403);
    }
    expect((await json('GET', '/api/party/service/reports?year=2026', as.county as Headers)).status).toBe(200);
    // The phone's routes are a citizen's; staff have none of them.
    for (const [method, url] of [
      ['GET', '/api/party/service/my'],
      ['POST', '/api/party/service/my/registrations'],
      ['GET', `/api/party/service/my/needs/${needB.id}`],
      ['POST', `/api/party/service/my/needs/${needB.id}/actions`],
      ['GET', '/api/party/ratings/my/compounds'],
      ['POST', `/api/party/ratings/my/compounds/${compoundB.id}/ratings`],
    ] as const) {
      expect((await json(method, url, as.village as Headers, method === 'GET' ? undefined : {})).status, url).toBe(403);
    }
    // A citizen who registered nowhere sees no need of B; the public boards need no sign-in and name nobody.
    const code = (await json('POST', '/api/auth/code/request', {}, { phone: '13500004399' })).body.demoCode;
    const token = (await json('POST', '/api/auth/code/verify', {}, { phone: '13500004399', code })).body.token;
    const citizen = { authorization: `Bearer ${token}` };
    expect((await json('GET', `/api/party/service/my/needs/${needB.id}`, citizen)).status).toBe(404);
    expect((await json('GET', '/api/party/service/needs', citizen)).status).toBe(403);
    for (const url of ['/api/party/ratings/public/compounds', '/api/party/ratings/public/enforcement']) {
      expect((await sys.request({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});

// ── public-opinion surveys (issue 21 §4) ──
describe('surveys (民意调查): another town’s sampled people do not exist, only the county platform designs rounds', () => {
  it('every /api/surveys, /api/my/surveys and /api/public/surveys route', async () => {
    for (const route of [
      'GET /api/surveys/rounds',
      'POST /api/surveys/rounds',
      'GET /api/surveys/rounds/:id',
      'PATCH /api/surveys/rounds/:id',
      'POST /api/surveys/rounds/:id/draw',
      'POST /api/surveys/rounds/:id/start',
      'POST /api/surveys/rounds/:id/close',
      'POST /api/surveys/rounds/:id/sms',
      'GET /api/surveys/rounds/:id/samples',
      'GET /api/surveys/rounds/:id/results',
      'GET /api/surveys/rounds/:id/indicator',
      'GET /api/surveys/trends',
      'POST /api/surveys/rounds/:id/calls/next',
      'POST /api/surveys/samples/:id/reveal',
      'POST /api/surveys/samples/:id/calls',
      'GET /api/my/surveys',
      'GET /api/public/surveys/:token',
      'POST /api/public/surveys/:token',
    ]) {
      cover(route);
    }
    const admin = as.admin as Headers;
    const ok = async (method: string, url: string, body?: unknown, who: Headers = admin) => {
      const r = await json(method, url, who, body);
      expect(r.status, `${method} ${url} ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };
    // a resident of village B (town B) with a citizen account, and a round sampling village B only
    const phone = '13500016021';
    await ok('POST', '/api/points/households', {
      villageId: f.villageB,
      doorNo: '民调矩阵 1 号',
      headName: '民户',
      phone,
    });
    const code = (await json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    const residentB = {
      authorization: `Bearer ${(await json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token}`,
    };
    const questionnaire = { questions: [{ key: 'ok', type: 'scale', title: '满意吗' }] };
    const roundBody = {
      title: '矩阵民调',
      kind: 'topic',
      questionnaire,
      quotas: [{ level: 'village', orgId: f.villageB, size: 5 }],
    };
    const round = await ok('POST', '/api/surveys/rounds', roundBody);
    await ok('POST', `/api/surveys/rounds/${round.id}/draw`, { version: 1, seed: 7 });
    await ok('POST', `/api/surveys/rounds/${round.id}/start`, { version: 2 });
    const sampleB = (await ok('GET', `/api/surveys/rounds/${round.id}/samples`)).items[0];
    const mine = (await ok('GET', '/api/my/surveys', undefined, residentB)).items;
    expect(mine.map((m: { roundId: number }) => m.roundId)).toContain(round.id);

    // Town A's village, town A and a town-level administrator: B's people do not exist, nor its figures.
    for (const who of ['village', 'town', 'townadmin']) {
      const h = as[who] as Headers;
      expect((await json('GET', `/api/surveys/rounds/${round.id}/samples`, h)).body.total, who).toBe(0);
      expect((await json('POST', `/api/surveys/samples/${sampleB.id}/reveal`, h)).status, who).toBe(404);
      expect(
        (await json('POST', `/api/surveys/samples/${sampleB.id}/calls`, h, { version: 1, outcome: 'refused' })).status,
        who,
      ).toBe(404);
      expect((await json('POST', `/api/surveys/rounds/${round.id}/calls/next`, h)).body.person, who).toBeNull();
      expect((await json('GET', `/api/surveys/rounds/${round.id}/results`, h)).body.county.n, who).toBe(0);
    }
    // Designing, sampling, sending and closing are the county platform's: the town-level administrator too gets 403.
    const writes: [string, string, unknown][] = [
      ['POST', '/api/surveys/rounds', roundBody],
      ['PATCH', `/api/surveys/rounds/${round.id}`, { version: 3, title: 'x' }],
      ['POST', `/api/surveys/rounds/${round.id}/draw`, { version: 3 }],
      ['POST', `/api/surveys/rounds/${round.id}/start`, { version: 3 }],
      ['POST', `/api/surveys/rounds/${round.id}/close`, { version: 3 }],
      ['POST', `/api/surveys/rounds/${round.id}/sms`, undefined],
    ];
    for (const who of ['townadmin', 'town', 'town2', 'village', 'leader', 'grid', 'dept', 'mediator']) {
      for (const [method, url, body] of writes) {
        expect((await json(method, url, as[who] as Headers, body)).status, `${who} ${method} ${url}`).toBe(403);
      }
      expect((await json('GET', '/api/my/surveys', as[who] as Headers)).status, who).toBe(403);
    }
    // Units without survey.read (grid worker, department, third party): 403 on reads and the call screen.
    for (const who of ['grid', 'dept', 'mediator']) {
      const h = as[who] as Headers;
      for (const url of [
        '/api/surveys/rounds',
        `/api/surveys/rounds/${round.id}`,
        `/api/surveys/rounds/${round.id}/samples`,
        `/api/surveys/rounds/${round.id}/results`,
        `/api/surveys/rounds/${round.id}/indicator`,
        '/api/surveys/trends',
      ]) {
        expect((await json('GET', url, h)).status, `${who} GET ${url}`).toBe(403);
      }
      expect((await json('POST', `/api/surveys/rounds/${round.id}/calls/next`, h)).status, who).toBe(403);
      expect((await json('POST', `/api/surveys/samples/${sampleB.id}/reveal`, h)).status, who).toBe(403);
    }
    // The leader reads the figures but calls nobody.
    await ok('GET', '/api/surveys/trends?kind=topic', undefined, as.leader as Headers);
    expect((await json('POST', `/api/surveys/rounds/${round.id}/calls/next`, as.leader as Headers)).status).toBe(403);
    // A citizen: the staff routes are closed.
    for (const url of ['/api/surveys/rounds', `/api/surveys/rounds/${round.id}/results`]) {
      expect((await json('GET', url, residentB)).status, url).toBe(403);
    }
    // Town B calls its own people: the held person's phone, then the answers; the link needs no sign-in.
    const screen = await ok('POST', `/api/surveys/rounds/${round.id}/calls/next`, undefined, as.town2 as Headers);
    expect(screen.person).not.toBeNull();
    await ok('POST', `/api/surveys/samples/${screen.person.id}/reveal`, undefined, as.town2 as Headers);
    await ok(
      'POST',
      `/api/surveys/samples/${screen.person.id}/calls`,
      { version: screen.person.version, outcome: 'no_answer' },
      as.town2 as Headers,
    );
    const token = mine.find((m: { roundId: number }) => m.roundId === round.id).link.slice(3);
    expect((await sys.request({ method: 'GET', url: `/api/public/surveys/${token}` })).statusCode).toBe(200);
    const answered = await sys.request({
      method: 'POST',
      url: `/api/public/surveys/${token}`,
      payload: { answers: { ok: 4 } },
    });
    expect(answered.statusCode).toBe(201);
    await ok('GET', `/api/surveys/rounds/${round.id}/results`, undefined, as.town2 as Headers);
    expect((await json('GET', `/api/surveys/rounds/${round.id}/indicator`, as.county as Headers)).status).toBe(409);
  });
});

describe('convenience services (便民服务): another town’s stations and applications do not exist, roles without the permission 403', () => {
  it('every /api/service-items route', async () => {
    const routes = [
      'GET /api/service-items/stations',
      'POST /api/service-items/stations',
      'GET /api/service-items/stations/:id',
      'PATCH /api/service-items/stations/:id',
      'GET /api/service-items/template',
      'POST /api/service-items/template/items',
      'POST /api/service-items/stations/:id/items',
      'POST /api/service-items/stations/:id/adopt',
      'PATCH /api/service-items/items/:id',
      'POST /api/service-items/items/:id/sync-template',
      'GET /api/service-items/applications',
      'POST /api/service-items/applications',
      'GET /api/service-items/applications/:id',
      'POST /api/service-items/applications/:id/visits',
      'POST /api/service-items/applications/:id/complete',
      'POST /api/service-items/applications/:id/reveal',
      'GET /api/service-items/stats',
      'GET /api/service-items/stats.xlsx',
      'GET /api/service-items/public/items',
      'GET /api/service-items/public/items/:id',
    ];
    for (const route of routes) cover(route);
    const townB = as.town2 as Headers;
    const ok = async (method: string, url: string, who: Headers, body?: unknown) => {
      const r = await json(method, url, who, body);
      expect(r.status, `${method} ${url} ${JSON.stringify(r.body)}`).toBeLessThan(300);
      return r.body;
    };
    // Town B opens a centre, adopts the template and takes an application in.
    const { id: stationB } = await ok('POST', '/api/service-items/stations', townB, {
      orgId: f.townB,
      kind: 'centre',
      name: '矩阵便民服务中心',
      lat: 29.3,
      lng: 118.6,
    });
    await ok('POST', `/api/service-items/stations/${stationB}/adopt`, townB, {});
    const station = await ok('GET', `/api/service-items/stations/${stationB}`, townB);
    const itemB = station.items.find((i: { name: string }) => i.name === '生育登记');
    const taken = await ok('POST', '/api/service-items/applications', townB, {
      stationId: stationB,
      itemId: itemB.id,
      mode: 'handled',
      residentName: '矩阵群众',
    });
    const appB = taken.application;
    const template = (await ok('GET', '/api/service-items/template', townB)).items;
    const templateItem = template[0];
    const newItem = {
      category: '其他',
      name: 'x',
      department: '某局',
      materials: ['身份证'],
      legalLimitDays: 3,
      levels: ['town'],
    };

    const readsOfB = [`/api/service-items/stations/${stationB}`, `/api/service-items/applications/${appB.id}`];
    const writesOnB: [string, string, unknown][] = [
      ['PATCH', `/api/service-items/stations/${stationB}`, { version: 1, name: 'x' }],
      ['POST', `/api/service-items/stations/${stationB}/items`, newItem],
      ['POST', `/api/service-items/stations/${stationB}/adopt`, {}],
      ['PATCH', `/api/service-items/items/${itemB.id}`, { version: itemB.version, name: 'x' }],
      ['POST', `/api/service-items/items/${itemB.id}/sync-template`, { version: itemB.version }],
      [
        'POST',
        '/api/service-items/applications',
        { stationId: stationB, itemId: itemB.id, mode: 'handled', residentName: 'x' },
      ],
      ['POST', `/api/service-items/applications/${appB.id}/visits`, { version: 1 }],
      ['POST', `/api/service-items/applications/${appB.id}/complete`, { version: 1, result: 'done' }],
      ['POST', `/api/service-items/applications/${appB.id}/reveal`, undefined],
    ];
    // Town A's village, town A and a town-level administrator (every permission): B does not exist.
    for (const who of ['village', 'town', 'townadmin']) {
      for (const url of readsOfB)
        expect((await json('GET', url, as[who] as Headers)).status, `${who} GET ${url}`).toBe(404);
    }
    for (const [method, url, body] of writesOnB) {
      expect((await json(method, url, as.townadmin as Headers, body)).status, `townadmin ${method} ${url}`).toBe(404);
      expect((await json(method, url, as.village as Headers, body)).status, `village ${method} ${url}`).toBe(404);
    }
    // The template is the county platform's: read by all staff, changed only at county level.
    for (const who of ['village', 'townadmin']) {
      const patch = await json('PATCH', `/api/service-items/items/${templateItem.id}`, as[who] as Headers, {
        version: templateItem.version,
        name: 'x',
      });
      expect(patch.status, who).toBe(403);
      expect((await json('POST', '/api/service-items/template/items', as[who] as Headers, newItem)).status, who).toBe(
        403,
      );
    }
    // Lists and figures hold only the principal's stations.
    for (const url of ['/api/service-items/stations', '/api/service-items/applications']) {
      const town = JSON.stringify((await json('GET', url, as.town as Headers)).body);
      expect(town, url).not.toContain('矩阵便民服务中心');
    }
    expect(JSON.stringify((await json('GET', '/api/service-items/applications', townB)).body)).toContain(appB.number);
    const month = (appB.acceptedAt as string).slice(0, 7);
    const figuresA = (await json('GET', `/api/service-items/stats?from=${month}&to=${month}`, as.town as Headers)).body;
    expect(JSON.stringify(figuresA)).not.toContain('矩阵便民服务中心');
    // Roles without the permission: 403 before anything is looked up; the leader reads but does not change.
    for (const who of ['grid', 'dept', 'mediator']) {
      for (const url of [
        '/api/service-items/stations',
        '/api/service-items/template',
        '/api/service-items/applications',
        `/api/service-items/stats?from=${month}&to=${month}`,
        `/api/service-items/stats.xlsx?from=${month}&to=${month}`,
      ]) {
        expect((await json('GET', url, as[who] as Headers)).status, `${who} ${url}`).toBe(403);
      }
    }
    expect((await json('GET', '/api/service-items/stations', as.leader as Headers)).status).toBe(200);
    for (const [method, url, body] of writesOnB.slice(0, 8)) {
      expect((await json(method, url, as.leader as Headers, body)).status, `leader ${method} ${url}`).toBe(403);
    }
    // Finding a service needs no sign-in.
    const search = await sys.request({ method: 'GET', url: '/api/service-items/public/items' });
    expect(search.statusCode).toBe(200);
    const guide = await sys.request({ method: 'GET', url: `/api/service-items/public/items/${templateItem.id}` });
    expect(guide.statusCode).toBe(200);
    expect(guide.body).not.toContain('矩阵群众');
  });
});

describe('re-authentication (issue 18)', () => {
  it('POST /api/auth/reauth: only the signed-in user, with their own password', async () => {
    cover('POST /api/auth/reauth');
    expect((await json('POST', '/api/auth/reauth', {}, { password: 'demo1234' })).status).toBe(401);
    const wrong = await json('POST', '/api/auth/reauth', as.town as Headers, { password: 'not-the-password-1' });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    const right = await json('POST', '/api/auth/reauth', as.town as Headers, { password: 'demo1234' });
    expect(right.status).toBe(200);
    expect(right.body.reauthUntil).toBeTruthy();
  });
});

describe('personal data erasure (issue 18, PIPL)', () => {
  it('POST /api/citizen/me/erasure is a citizen’s own; GET /api/privacy/erasures the county administrators’', async () => {
    cover('POST /api/citizen/me/erasure');
    cover('GET /api/privacy/erasures');
    for (const who of ['admin', 'county', 'village', 'dept'])
      expect((await json('POST', '/api/citizen/me/erasure', as[who] as Headers)).status, who).toBe(403);
    expect((await json('GET', '/api/privacy/erasures', as.admin as Headers)).status).toBe(200);
    for (const who of ['leader', 'county', 'town', 'village', 'grid', 'dept', 'townadmin'])
      expect((await json('GET', '/api/privacy/erasures', as[who] as Headers)).status, who).toBe(403);
  });
});

describe('roles and anonymous callers', () => {
  it('refuses every non-public route without credentials', async () => {
    for (const route of sys.app.apiRoutes.filter((r) => !r.public)) {
      const url = route.url.replace(':id', '1').replace(':day', '2026-01-01');
      const response = await sys.request({ method: route.method as 'GET', url });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('a citizen reads no organisation or staff data', async () => {
    const phone = '13500001234';
    const code = (await json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    const token = (await json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token;
    const citizen = { authorization: `Bearer ${token}` };
    for (const url of [
      '/api/orgs',
      '/api/orgs/tree',
      `/api/orgs/${f.villageA}`,
      '/api/grids/geojson',
      '/api/users',
      '/api/audit',
      '/api/api-keys',
    ]) {
      expect((await json('GET', url, citizen)).status, url).toBe(403);
    }
    expect((await json('GET', '/api/cases', citizen)).status).toBe(403);
    expect((await json('GET', '/api/my/cases', citizen)).body.items).toEqual([]);
  });

  it('every API route has a row in this matrix', () => {
    const routes = sys.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    const publicRoutes = new Set(sys.app.apiRoutes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`));
    const missing = routes.filter((r) => !covered.has(r) && !publicRoutes.has(r) && r !== 'GET /api/auth/me');
    expect(missing).toEqual([]);
  });
});
