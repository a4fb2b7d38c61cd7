// Video events (视频智能分析, issue 14 §3) through HTTP on a real database: the signed push (signature
// refused when missing, tampered or from a key without video.push), bad input answered 4xx naming the field,
// idempotency on eventId, a case of channel 'video' at 核实 with the grid worker who confirms or dismisses
// it, aggregation within the county's window (and a new case once the open one is finished), the camera
// registry (scope, import all-or-nothing), the snapshot readable from the case, and the false-alarm rate per
// camera and type on hand-made data.

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/core/exceljs.js';
import { signPayload } from '../src/domain/intake/hotline-order.js';
import {
  DEMO_HOTLINE_KEY,
  DEMO_HOTLINE_SIGNING_SECRET,
  DEMO_VIDEO_KEY,
  DEMO_VIDEO_SIGNING_SECRET,
} from '../src/modules/hotline/demo-keys.js';
import { firstGridPoint, postFile } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
let point: { lat: number; lng: number };
let png = '';
let t0 = 0;
const MIN = 60_000;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'grid']) as[name] = await sys.login(name);
  point = await firstGridPoint(sys);
  png = (
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#48c' } })
      .png()
      .toBuffer()
  ).toString('base64');
  // every event of the test happens in the last hours before the system's now
  t0 = sys.services.clock.now().getTime() - 10 * 60 * MIN;
  for (const code of ['CAM-A', 'CAM-B', 'CAM-C']) {
    const r = await sys.json('POST', '/api/video-events/cameras', as.town as Headers, {
      code,
      name: `测试摄像头 ${code}`,
      ...point,
      platform: '雪亮工程平台',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
}, 120_000);
afterAll(async () => sys?.stop());

let seq = 0;
function event(overrides: Record<string, unknown> = {}, minutes = 0) {
  seq += 1;
  return {
    eventId: `EV-${seq}-${Date.now()}`,
    type: '占道经营',
    cameraId: 'CAM-A',
    lat: point.lat,
    lng: point.lng,
    detectedAt: new Date(t0 + minutes * MIN).toISOString(),
    snapshot: png,
    confidence: 0.9,
    ...overrides,
  };
}

async function push(
  body: unknown,
  options: { key?: string; secret?: string; tamper?: boolean; noSignature?: boolean } = {},
) {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  const headers: Headers = { 'content-type': 'application/json', 'x-api-key': options.key ?? DEMO_VIDEO_KEY };
  if (!options.noSignature) {
    headers['x-gz-timestamp'] = ts;
    headers['x-gz-signature'] = signPayload(options.secret ?? DEMO_VIDEO_SIGNING_SECRET, ts, raw);
  }
  const r = await sys.request({
    method: 'POST',
    url: '/api/video-events',
    headers,
    payload: options.tamper ? `${raw} ` : raw,
  });
  return { status: r.statusCode, body: r.json() };
}

async function pushed(body: Record<string, unknown>) {
  const r = await push(body);
  expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
  return r.body as { caseId: number; caseNumber: string; result: string };
}

const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);

async function act(who: string, caseId: number, action: Record<string, unknown>) {
  const c = await json('GET', `/api/cases/${caseId}`, who);
  return json('POST', `/api/cases/${caseId}/actions`, who, { version: c.body.version, action });
}

describe('the signed push', () => {
  it('refuses a push without a signature, with a tampered body, or from a key without video.push', async () => {
    const missing = await push(event(), { noSignature: true });
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('SIGNATURE_INVALID');
    const tampered = await push(event(), { tamper: true });
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe('SIGNATURE_INVALID');
    const hotline = await push(event(), { key: DEMO_HOTLINE_KEY, secret: DEMO_HOTLINE_SIGNING_SECRET });
    expect(hotline.status).toBe(403);
    const staff = await json('POST', '/api/video-events', 'admin', event());
    expect(staff.status).toBe(403);
    expect(await sys.services.db.selectFrom('video_events').select('id').execute()).toHaveLength(0);
  });

  it.each([
    ['type', { type: '外星人' }, 400],
    ['confidence', { confidence: 3 }, 400],
    ['detectedAt', { detectedAt: '2026-03-02 09:00' }, 400],
    ['eventId', { eventId: '' }, 400],
    ['snapshot', { snapshot: Buffer.from('just some text, no image').toString('base64') }, 400],
    ['cameraId', { cameraId: 'NO-SUCH-CAM' }, 422],
    ['lat', { lat: 10, lng: 10 }, 400],
  ])('answers 4xx naming the field %s', async (field, change, status) => {
    const r = await push(event(change));
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.details.field).toBe(field);
    expect(r.body.message).toContain(field);
  });
});

describe('an event becomes a case at 核实 with the grid worker', () => {
  let caseId = 0;

  it('opens a case of channel video at the grid, straight at verification', async () => {
    const r = await push(event({ eventId: 'EV-FIRST' }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ eventId: 'EV-FIRST', result: 'opened' });
    caseId = r.body.caseId;
    const c = await json('GET', `/api/cases/${caseId}`, 'grid');
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ channel: 'video', state: 'verifying' });
    expect(c.body.attachmentIds).toHaveLength(1);
    const row = await sys.services.db
      .selectFrom('cases')
      .select(['channel', 'status', 'external_ref'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'video', status: 'verifying' });
    expect(row.external_ref).toMatch(/^\d{6}:EV-FIRST$/);
  });

  it('is idempotent on eventId: the same event again is the same case, one event row', async () => {
    const again = await push(event({ eventId: 'EV-FIRST' }));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ caseId, result: 'duplicate' });
    const rows = await sys.services.db
      .selectFrom('video_events')
      .select('id')
      .where('event_id', '=', 'EV-FIRST')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('joins events of the same camera and type within the window to the open case; others open their own', async () => {
    const near = await pushed(event({}, 20));
    expect(near).toMatchObject({ caseId, result: 'attached' });
    const otherType = await pushed(event({ type: '垃圾满溢' }, 25));
    expect(otherType.result).toBe('opened');
    expect(otherType.caseId).not.toBe(caseId);
    const otherCamera = await pushed(event({ cameraId: 'CAM-C' }, 25));
    expect(otherCamera.result).toBe('opened');
    // 31 minutes after the latest event on the case (window 30 by default)
    const late = await pushed(event({}, 51));
    expect(late.result).toBe('opened');
    const timeline = (await json('GET', `/api/cases/${caseId}`, 'grid')).body.timeline as { type: string }[];
    expect(timeline.map((e) => e.type)).toContain('amended');
    const card = await json('GET', `/api/video-events/of-case/${caseId}`, 'grid');
    expect(card.body.items.map((e: { openedCase: boolean }) => e.openedCase)).toEqual([true, false]);
    // the attached event's snapshot is readable by whoever sees the case
    const thumb = await sys.request({
      method: 'GET',
      url: card.body.items[1].snapshot.thumbnailUrl,
      headers: as.grid as Headers,
    });
    expect(thumb.statusCode).toBe(200);
  });

  it('the grid worker dismisses a false alarm: rejected with the reason; the next event opens a new case', async () => {
    const { caseId: id } = await pushed(event({ cameraId: 'CAM-C', type: '烟火' }, 100));
    const village = await act('village', id, { type: 'verify', finding: 'not_confirmed', notes: '误报' });
    expect(village.status).toBe(403);
    const dismissed = await act('grid', id, { type: 'verify', finding: 'not_confirmed', notes: '误报：蒸汽' });
    expect(dismissed.status, JSON.stringify(dismissed.body)).toBe(200);
    expect(dismissed.body).toMatchObject({ state: 'rejected' });
    const next = await pushed(event({ cameraId: 'CAM-C', type: '烟火' }, 105));
    expect(next.result).toBe('opened');
    const card = await json('GET', `/api/video-events/of-case/${id}`, 'grid');
    expect(card.body.items[0]).toMatchObject({ finding: 'dismissed', dismissalReason: '误报：蒸汽' });
  });

  it('the grid worker confirms: the case goes on in the normal lifecycle at the grid', async () => {
    const confirmed = await act('grid', caseId, { type: 'verify', finding: 'confirmed', notes: '现场属实' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'pending_dispatch' });
    const handled = await act('grid', caseId, { type: 'handleAtGrid', notes: '已劝离摊贩' });
    expect(handled.status, JSON.stringify(handled.body)).toBe(200);
    expect(handled.body.state).toBe('replied');
  });

  it('staff cannot open video cases by hand', async () => {
    const r = await json('POST', '/api/cases', 'grid', { channel: 'video', body: '手工登记的视频事件', ...point });
    expect(r.status).toBe(400);
  });
});

describe('the aggregation window', () => {
  it('is the county’s, versioned, 1 to 1440 minutes', async () => {
    const current = await json('GET', '/api/video-events/settings', 'county');
    expect(current.body).toMatchObject({ windowMinutes: 30, version: 0 });
    const bad = await json('PUT', '/api/video-events/settings', 'county', { windowMinutes: 5000, version: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('windowMinutes');
    const byVillage = await json('PUT', '/api/video-events/settings', 'village', { windowMinutes: 60, version: 0 });
    expect(byVillage.status).toBe(403);
    const ok = await json('PUT', '/api/video-events/settings', 'county', { windowMinutes: 120, version: 0 });
    expect(ok.body).toMatchObject({ windowMinutes: 120, version: 1 });
    const stale = await json('PUT', '/api/video-events/settings', 'county', { windowMinutes: 30, version: 0 });
    expect(stale.status).toBe(409);
    // with 2 hours, an event 90 minutes after the last one joins the case
    const first = await pushed(event({ cameraId: 'CAM-C', type: '人员聚集' }, 200));
    const later = await pushed(event({ cameraId: 'CAM-C', type: '人员聚集' }, 290));
    expect(later).toMatchObject({ caseId: first.caseId, result: 'attached' });
    await json('PUT', '/api/video-events/settings', 'county', { windowMinutes: 30, version: 1 });
  });
});

describe('false-alarm rate per camera and type (hand-made data)', () => {
  it('is dismissed ÷ verified events, pending ones left out', async () => {
    // CAM-B 违停: case 1 (2 events) confirmed, case 2 (1 event) dismissed, case 3 (1 event) pending
    const one = await pushed(event({ cameraId: 'CAM-B', type: '违停' }, 300));
    await pushed(event({ cameraId: 'CAM-B', type: '违停' }, 310));
    const two = await pushed(event({ cameraId: 'CAM-B', type: '违停' }, 400));
    await pushed(event({ cameraId: 'CAM-B', type: '违停' }, 500));
    expect((await act('grid', one.caseId, { type: 'verify', finding: 'confirmed', notes: '属实' })).status).toBe(200);
    expect((await act('grid', two.caseId, { type: 'verify', finding: 'not_confirmed', notes: '误报' })).status).toBe(
      200,
    );
    const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
    const range = `from=${day(t0 - 86_400_000)}&to=${day(sys.services.clock.now().getTime())}`;
    const stats = await json('GET', `/api/video-events/stats?${range}`, 'town');
    expect(stats.status, JSON.stringify(stats.body)).toBe(200);
    const camB = stats.body.byCameraType.find((r: { camera: { code: string } }) => r.camera.code === 'CAM-B');
    expect(camB).toMatchObject({ type: '违停', events: 4, confirmed: 2, dismissed: 1, pending: 1, rate: 0.3333 });
    const fire = stats.body.byCameraType.find(
      (r: { camera: { code: string }; type: string }) => r.camera.code === 'CAM-C' && r.type === '烟火',
    );
    expect(fire).toMatchObject({ events: 2, dismissed: 1, pending: 1, rate: 1 });
    const events = stats.body.byDay.reduce((s: number, d: { events: number }) => s + d.events, 0);
    expect(events).toBe(stats.body.total.events);
    // another street sees none of it
    const other = await json('GET', `/api/video-events/stats?${range}`, 'town2');
    expect(other.body.total.events).toBe(0);
    expect((await json('GET', '/api/video-events', 'town2')).body.total).toBe(0);
    expect((await json('GET', '/api/video-events?cameraId=1', 'town')).body.total).toBeGreaterThan(0);
  });
});

describe('the camera registry', () => {
  it('is kept by those with video.manage, in their own area', async () => {
    const byVillage = await json('POST', '/api/video-events/cameras', 'village', { code: 'X1', name: 'x', ...point });
    expect(byVillage.status).toBe(403);
    const byOtherTown = await json('POST', '/api/video-events/cameras', 'town2', { code: 'X1', name: 'x', ...point });
    expect(byOtherTown.status).toBe(403);
    expect(byOtherTown.body.code).toBe('OUTSIDE_SCOPE');
    const dup = await json('POST', '/api/video-events/cameras', 'town', { code: 'CAM-A', name: 'x', ...point });
    expect(dup.status).toBe(409);
    const list = await json('GET', '/api/video-events/cameras', 'town');
    const camA = list.body.items.find((c: { code: string }) => c.code === 'CAM-A');
    expect(camA.grid.id).toBe((await json('GET', '/api/auth/me', 'grid')).body.org.id);
    expect((await json('GET', '/api/video-events/cameras', 'town2')).body.items).toHaveLength(0);
    // deactivated: its pushes are refused naming the camera
    const off = await json('PUT', `/api/video-events/cameras/${camA.id}`, 'town', {
      ...camA,
      lat: camA.lat,
      lng: camA.lng,
      active: false,
      version: camA.version,
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const refused = await push(event({}, 600));
    expect(refused.status).toBe(422);
    expect(refused.body.details.field).toBe('cameraId');
    const stale = await json('PUT', `/api/video-events/cameras/${camA.id}`, 'town', {
      code: 'CAM-A',
      name: 'x',
      ...point,
      version: camA.version,
    });
    expect(stale.status).toBe(409);
  });

  it('imports a spreadsheet all or nothing, every bad row named', async () => {
    const sheet = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('摄像头台账');
      ws.addRow(['摄像头编号', '名称', '纬度', '经度', '所属平台', '启用']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const bad = await postFile(
      sys,
      '/api/video-events/cameras/import',
      as.town as Headers,
      'cams.xlsx',
      await sheet([
        ['IMP-1', '一号', point.lat, point.lng, '平台', '是'],
        ['IMP-2', '', point.lat, point.lng, '平台', '是'],
        ['IMP-1', '重复', point.lat, point.lng, '平台', '也许'],
        ['IMP-4', '境外', 10, 10, '平台', '是'],
      ]),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('IMPORT_INVALID');
    const errors = bad.body.details.errors as { row: number; column: string }[];
    expect(errors.map((e) => `${e.row}:${e.column}`)).toEqual(['3:名称', '4:启用', '4:摄像头编号', '5:纬度']);
    expect((await json('GET', '/api/video-events/cameras?q=IMP', 'town')).body.items).toHaveLength(0);
    const good = await postFile(
      sys,
      '/api/video-events/cameras/import',
      as.town as Headers,
      'cams.xlsx',
      await sheet([
        ['IMP-1', '一号', point.lat, point.lng, '平台', '是'],
        ['CAM-B', '改名的 B', point.lat, point.lng, '平台', '否'],
      ]),
    );
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.body).toMatchObject({ rows: 2, created: 1, updated: 1, dryRun: false });
    const cams = (await json('GET', '/api/video-events/cameras', 'town')).body.items as {
      code: string;
      name: string;
      active: boolean;
    }[];
    expect(cams.find((c) => c.code === 'CAM-B')).toMatchObject({ name: '改名的 B', active: false });
  });
});
