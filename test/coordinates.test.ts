// Coordinates that arrive in another system than the stored WGS-84: an Open311 client and the 12345 hotline
// push name GCJ-02 (高德/腾讯/微信) or BD-09 (百度); the case is stored at the WGS-84 point (within a metre)
// and routed to the grid that point lies in. An unknown system is refused, not stored off by hundreds of metres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forDisplay } from '../src/domain/geo/coord-system.js';
import { DEMO_OPEN311_KEY } from '../src/modules/hotline/demo-keys.js';
import { firstGridPoint, pushHotlineOrder } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
let point: { lat: number; lng: number };
let serviceCode: string;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  point = await firstGridPoint(sys);
  const services = (await sys.request({ method: 'GET', url: '/open311/v2/services.json' })).json();
  serviceCode = services[0].service_code;
}, 120_000);
afterAll(async () => sys?.stop());

function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const k = Math.PI / 180;
  const x = (b.lng - a.lng) * k * Math.cos(((a.lat + b.lat) / 2) * k);
  return Math.hypot(x, (b.lat - a.lat) * k) * 6_371_000;
}

async function open311(params: Record<string, string | number>) {
  const r = await sys.request({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString(),
  });
  return { status: r.statusCode, json: () => r.json() };
}

async function caseByNumber(number: string) {
  return sys.services.db
    .selectFrom('cases')
    .select(['lat', 'lng', 'grid_id'])
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
}

async function gridAt(p: { lat: number; lng: number }) {
  const r = await open311({
    api_key: DEMO_OPEN311_KEY,
    service_code: serviceCode,
    lat: p.lat,
    long: p.lng,
    description: '参照点：同一位置的 WGS-84 坐标。',
  });
  expect(r.status).toBe(201);
  return (await caseByNumber(r.json()[0].service_request_id)).grid_id;
}

describe('Open311 coord_system', () => {
  it('stores a GCJ-02 and a BD-09 point as the WGS-84 point, in the same grid', async () => {
    const grid = await gridAt(point);
    for (const system of ['GCJ02', 'BD09'] as const) {
      const sent = forDisplay(point, system === 'GCJ02' ? 'gcj02' : 'bd09');
      expect(metres(sent, point)).toBeGreaterThan(300);
      const r = await open311({
        api_key: DEMO_OPEN311_KEY,
        service_code: serviceCode,
        lat: sent.lat,
        long: sent.lng,
        coord_system: system,
        description: `从${system}地图选点上报的路面坑洼。`,
      });
      expect(r.status).toBe(201);
      const stored = await caseByNumber(r.json()[0].service_request_id);
      expect(metres({ lat: Number(stored.lat), lng: Number(stored.lng) }, point)).toBeLessThan(1);
      expect(stored.grid_id).toBe(grid);
    }
  });

  it('refuses a system it does not know', async () => {
    const r = await open311({
      api_key: DEMO_OPEN311_KEY,
      service_code: serviceCode,
      lat: point.lat,
      long: point.lng,
      coord_system: 'UTM50N',
      description: '坐标系无法识别的上报。',
    });
    expect(r.status).toBe(400);
    expect(r.json()[0].description).toMatch(/coord_system/);
  });
});

describe('hotline push coordSystem', () => {
  async function push(body: Record<string, unknown>) {
    const raw = JSON.stringify(body);
    const r = await pushHotlineOrder(sys, raw);
    return { status: r.statusCode, body: r.json() };
  }
  const order = (n: string, extra: Record<string, unknown>) => ({
    orderNo: `HL-CRS-${Date.now()}-${n}`,
    callTime: '2026-03-01 09:30',
    content: '小区门口的路灯坏了一个多月，晚上出行很不方便。',
    hotlineCategory: '城乡建设',
    ...extra,
  });

  it('stores a GCJ-02 order at the WGS-84 point', async () => {
    const sent = forDisplay(point, 'gcj02');
    const body = order('gcj', { lat: sent.lat, lng: sent.lng, coordSystem: 'GCJ-02' });
    const r = await push(body);
    expect(r.status).toBe(201);
    const row = await sys.services.db
      .selectFrom('cases')
      .select(['lat', 'lng'])
      .where('channel', '=', 'hotline')
      .where('external_ref', '=', body.orderNo)
      .executeTakeFirstOrThrow();
    expect(metres({ lat: Number(row.lat), lng: Number(row.lng) }, point)).toBeLessThan(1);
  });

  it('refuses an unknown system with the field named', async () => {
    const r = await push(order('bad', { lat: point.lat, lng: point.lng, coordSystem: '北京54' }));
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('坐标系');
  });
});
