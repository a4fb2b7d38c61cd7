// The grid worker's patrol log through HTTP: start, points, end; one open patrol per worker; another grid's
// worker cannot read or write it, its village sees it, another town does not; "report what I found" (随手拍)
// creates one case of the worker's grid even when sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
let gridA: { id: number; centerLat: number; centerLng: number };
let gridA2: { id: number; centerLat: number; centerLng: number };
let patrolId: number;

async function call(method: string, url: string, headers: Headers, payload?: unknown) {
  const response = await sys.request({
    method: method as 'GET',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

beforeAll(async () => {
  sys = await startTestSystem({ env: { LOG_LEVEL: process.env.GZ_LOG ?? 'silent' } });
  for (const name of ['admin', 'grid', 'village', 'town', 'town2']) as[name] = await sys.login(name);
  const me = (await call('GET', '/api/auth/me', as.grid as Headers)).body;
  gridA = (await call('GET', `/api/orgs/${me.org.id}`, as.admin as Headers)).body;
  // A neighbouring grid of the same village, and its own worker.
  const detail = (await call('GET', `/api/orgs/${gridA.id}`, as.admin as Headers)).body;
  const others = (await call('GET', `/api/orgs?parentId=${detail.parentId}&kind=grid&limit=50`, as.admin as Headers))
    .body.items as { id: number; code: string }[];
  const other = others.find((g) => g.id !== gridA.id) as { id: number; code: string };
  gridA2 = (await call('GET', `/api/orgs/${other.id}`, as.admin as Headers)).body;
  as.neighbour = await sys.login(`g${other.code}`);
});
afterAll(async () => sys?.stop());

describe('a patrol from start to end', () => {
  it('starts once: a second tap returns the open patrol', async () => {
    const first = await call('POST', '/api/patrols', as.grid as Headers);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ gridId: gridA.id, open: true, pointCount: 0 });
    patrolId = first.body.id;
    const again = await call('POST', '/api/patrols', as.grid as Headers);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(patrolId);
    const current = await call('GET', '/api/patrols/current', as.grid as Headers);
    expect(current.body.patrol.id).toBe(patrolId);
  });

  it('records points in its grid and beyond it, refuses points outside the county and too many photos', async () => {
    const inside = await call('POST', `/api/patrols/${patrolId}/points`, as.grid as Headers, {
      lat: gridA.centerLat,
      lng: gridA.centerLng,
      accuracyM: 8,
      note: '巡查小区东门',
    });
    expect(inside.status).toBe(201);
    expect(inside.body).toMatchObject({ seq: 1, inGrid: true, note: '巡查小区东门' });
    const beyond = await call('POST', `/api/patrols/${patrolId}/points`, as.grid as Headers, {
      lat: gridA2.centerLat,
      lng: gridA2.centerLng,
    });
    expect(beyond.status).toBe(201);
    expect(beyond.body).toMatchObject({ seq: 2, inGrid: false });
    const outside = await call('POST', `/api/patrols/${patrolId}/points`, as.grid as Headers, {
      lat: 39.9,
      lng: 116.4,
    });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('LOCATION_OUTSIDE_COUNTY');
    const photos = await call('POST', `/api/patrols/${patrolId}/points`, as.grid as Headers, {
      lat: gridA.centerLat,
      lng: gridA.centerLng,
      attachmentIds: Array.from({ length: 10 }, (_, i) => `photo-${i}`),
    });
    expect(photos.status).toBe(400);
    expect(photos.body.message).toContain('9');
    const detail = await call('GET', `/api/patrols/${patrolId}`, as.grid as Headers);
    expect(detail.body.points.map((p: { seq: number }) => p.seq)).toEqual([1, 2]);
  });

  it('numbers points sent at once without gaps or repeats', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call('POST', `/api/patrols/${patrolId}/points`, as.grid as Headers, {
          lat: gridA.centerLat + i * 0.0001,
          lng: gridA.centerLng,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const seqs = results.map((r) => r.body.seq as number).sort((a, b) => a - b);
    expect(seqs).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('ends with a summary and the track length; an ended patrol takes no more points', async () => {
    const ended = await call('POST', `/api/patrols/${patrolId}/end`, as.grid as Headers, { summary: '一切正常' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ open: false, summary: '一切正常', pointCount: 10 });
    expect(ended.body.distanceM).toBeGreaterThan(100);
    const late = await call('POST', `/api/patrols/${patrolId}/points`, as.grid as Headers, {
      lat: gridA.centerLat,
      lng: gridA.centerLng,
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('PATROL_ENDED');
    const again = await call('POST', `/api/patrols/${patrolId}/end`, as.grid as Headers, { summary: '改写' });
    expect(again.status).toBe(200);
    expect(again.body.summary).toBe('一切正常');
    expect((await call('GET', '/api/patrols/current', as.grid as Headers)).body.patrol).toBeNull();
  });
});

describe('who sees and writes a patrol', () => {
  it('another grid’s worker can neither read nor write it', async () => {
    const n = as.neighbour as Headers;
    expect((await call('GET', `/api/patrols/${patrolId}`, n)).status).toBe(404);
    expect((await call('POST', `/api/patrols/${patrolId}/points`, n, { lat: 1, lng: 1 })).status).toBe(404);
    expect((await call('POST', `/api/patrols/${patrolId}/end`, n, {})).status).toBe(404);
    const list = (await call('GET', '/api/patrols', n)).body;
    expect(list.items.map((p: { id: number }) => p.id)).not.toContain(patrolId);
  });

  it('the grid’s village and town see it; another town does not', async () => {
    for (const who of ['village', 'town', 'admin']) {
      const list = (await call('GET', '/api/patrols', as[who] as Headers)).body;
      expect(
        list.items.map((p: { id: number }) => p.id),
        who,
      ).toContain(patrolId);
      expect((await call('GET', `/api/patrols/${patrolId}`, as[who] as Headers)).status, who).toBe(200);
    }
    expect((await call('GET', `/api/patrols/${patrolId}`, as.town2 as Headers)).status).toBe(404);
    expect((await call('GET', '/api/patrols', as.town2 as Headers)).body.total).toBe(0);
  });

  it('only grid workers patrol', async () => {
    const r = await call('POST', '/api/patrols', as.village as Headers);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('FORBIDDEN');
  });
});

describe('随手拍: report what I found', () => {
  it('creates one case of the worker’s grid, also when sent twice, and marks it on the open patrol', async () => {
    const open = (await call('POST', '/api/patrols', as.grid as Headers)).body;
    const payload = {
      clientToken: 'finding-0001',
      body: '小区门口井盖破损，存在安全隐患',
      lat: gridA.centerLat,
      lng: gridA.centerLng,
      patrolId: open.id,
    };
    const [a, b] = await Promise.all([
      call('POST', '/api/patrols/findings', as.grid as Headers, payload),
      call('POST', '/api/patrols/findings', as.grid as Headers, payload),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const found = await call('GET', `/api/cases/${a.body.id}`, as.grid as Headers);
    expect(found.status).toBe(200);
    expect(found.body.gridId).toBe(gridA.id);
    expect(found.body.channel).toBe('grid_patrol');
    const patrol = (await call('GET', `/api/patrols/${open.id}`, as.grid as Headers)).body;
    expect(patrol.points.filter((p: { caseId: number | null }) => p.caseId === a.body.id)).toHaveLength(1);
    const count = await sys.services.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', '=', 'grid_patrol')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('is for grid workers only', async () => {
    const r = await call('POST', '/api/patrols/findings', as.village as Headers, {
      clientToken: 'finding-0002',
      body: '路灯不亮了好几天',
    });
    expect(r.status).toBe(403);
  });
});
