// The citizen's side through HTTP: one-tap reports that are one case however often the phone sends them,
// specific errors in Chinese that write nothing, the QR code of a grid, "my reports" that show the handling
// unit but never a staff member, ratings and appeals, and citizens who cannot see each other's reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng, multipartFile } from './support/images.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
let gridA: { id: number; name: string; centerLat: number; centerLng: number; parentId: number };
let deptId: number;

async function call(method: string, url: string, headers: Headers, payload?: unknown) {
  const response = await sys.request({
    method: method as 'GET',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const type = String(response.headers['content-type'] ?? '');
  return {
    status: response.statusCode,
    body: type.includes('json') && response.body ? response.json() : null,
    raw: response,
  };
}

async function citizen(phone: string): Promise<Headers> {
  const code = (await call('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
  const token = (await call('POST', '/api/auth/code/verify', {}, { phone, code })).body.token;
  return { authorization: `Bearer ${token}` };
}

async function upload(headers: Headers, png = makePng()): Promise<string> {
  const { payload, contentType } = multipartFile('photo.png', png);
  const r = await sys.request({
    method: 'POST',
    url: '/api/attachments',
    payload,
    headers: { ...headers, 'content-type': contentType },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

const report = (headers: Headers, body: Record<string, unknown>) =>
  call('POST', '/api/citizen/reports', headers, {
    clientToken: crypto.randomUUID(),
    body: '小区门口的路灯已经坏了一个星期，晚上很黑',
    lat: gridA.centerLat,
    lng: gridA.centerLng,
    ...body,
  });

const countCases = async () =>
  Number(
    (
      await sys.services.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function act(headers: Headers, id: number, action: Record<string, unknown>) {
  const current = await call('GET', `/api/cases/${id}`, headers);
  expect(current.status, JSON.stringify(current.body)).toBe(200);
  const r = await call('POST', `/api/cases/${id}/actions`, headers, { version: current.body.version, action });
  expect(r.status, `${action.type}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

beforeAll(async () => {
  sys = await startTestSystem({ env: { LOG_LEVEL: process.env.GZ_LOG ?? 'silent' } });
  for (const name of ['admin', 'grid', 'village', 'dept', 'town2']) as[name] = await sys.login(name);
  as.alice = await citizen('13900000011');
  as.bob = await citizen('13900000022');
  const me = (await call('GET', '/api/auth/me', as.grid as Headers)).body;
  gridA = (await call('GET', `/api/orgs/${me.org.id}`, as.admin as Headers)).body;
  deptId = (await call('GET', '/api/auth/me', as.dept as Headers)).body.org.id;
});
afterAll(async () => sys?.stop());

describe('a report is one case however often it is sent', () => {
  it('answers a resubmission of the same draft with the case already made', async () => {
    const clientToken = crypto.randomUUID();
    const first = await report(as.alice as Headers, { clientToken });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ created: true, state: 'submitted' });
    expect(first.body.number).toMatch(/^GZ\d+/);
    const again = await report(as.alice as Headers, { clientToken });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, created: false });
  });

  it('makes one case from eight concurrent copies', async () => {
    const before = await countCases();
    const clientToken = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => report(as.alice as Headers, { clientToken })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(7);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await countCases()).toBe(before + 1);
  });

  it('keeps tokens apart between citizens', async () => {
    const clientToken = crypto.randomUUID();
    const a = await report(as.alice as Headers, { clientToken });
    const b = await report(as.bob as Headers, { clientToken });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.id).not.toBe(b.body.id);
  });
});

describe('a bad report gets a specific error and writes nothing', () => {
  it('refuses each problem with its own message and field', async () => {
    const before = await countCases();
    const missing = await report(as.alice as Headers, { body: '   ' });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(missing.body.details.field).toBe('body');
    expect(missing.body.message).toContain('描述');

    const outside = await report(as.alice as Headers, { lat: 39.9042, lng: 116.4074 });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('LOCATION_OUTSIDE_COUNTY');
    expect(outside.body.details.field).toBe('location');
    expect(outside.body.message).toContain('不在本县范围内');

    const photos = await report(as.alice as Headers, {
      attachmentIds: Array.from({ length: 10 }, () => crypto.randomUUID()),
    });
    expect(photos.status).toBe(400);
    expect(photos.body.details.field).toBe('attachmentIds');
    expect(photos.body.message).toContain('最多上传 9 张照片');

    const phone = await report(as.alice as Headers, { phone: '1380000' });
    expect(phone.status).toBe(400);
    expect(phone.body.code).toBe('INVALID_PHONE');
    expect(phone.body.details.field).toBe('phone');

    const nowhere = await report(as.alice as Headers, { lat: null, lng: null });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.details.field).toBe('location');

    const strangers = await report(as.alice as Headers, { attachmentIds: [await upload(as.bob as Headers)] });
    expect(strangers.status).toBe(400);
    expect(strangers.body.details.field).toBe('attachmentIds');

    expect(await countCases()).toBe(before);
  });

  it('is for citizens: staff use their own intake', async () => {
    const r = await report(as.village as Headers, {});
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('CITIZEN_ONLY');
  });
});

describe('the place of a report', () => {
  it('a grid’s QR code: the form knows the grid before sign-in, and the case lands in it', async () => {
    const landing = await call('GET', `/api/citizen/grids/${gridA.id}`, {});
    expect(landing.status).toBe(200);
    expect(landing.body).toMatchObject({ id: gridA.id, name: gridA.name });
    expect(JSON.stringify(landing.body)).not.toMatch(/gridWorker|phone/);
    const r = await report(as.alice as Headers, { lat: null, lng: null, gridId: gridA.id });
    expect(r.status).toBe(201);
    const staff = await call('GET', `/api/cases/${r.body.id}`, as.village as Headers);
    expect(staff.body.gridId).toBe(gridA.id);
  });

  it('a typed address naming a village lands in that village', async () => {
    const village = (await call('GET', `/api/orgs/${gridA.parentId}`, as.admin as Headers)).body;
    const r = await report(as.alice as Headers, { lat: null, lng: null, address: `${village.name}东头第三户门前` });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const staff = await call('GET', `/api/cases/${r.body.id}`, as.village as Headers);
    expect(staff.body.villageId).toBe(village.id);
    const unknown = await report(as.alice as Headers, { lat: null, lng: null, address: '不知道什么地方' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.field).toBe('address');
  });

  it('the citizen’s grid map names grids but no people', async () => {
    const map = await call('GET', '/api/citizen/grids', as.alice as Headers);
    expect(map.status).toBe(200);
    expect(map.body.features.length).toBeGreaterThan(400);
    expect(Object.keys(map.body.features[0].properties).sort()).toEqual(
      ['centerLat', 'centerLng', 'code', 'id', 'name', 'townId', 'townName', 'villageId', 'villageName'].sort(),
    );
  });
});

describe('grid QR codes (码上办)', () => {
  it('draws a PNG and an SVG of the report address, for grids in scope only', async () => {
    const png = await call('GET', `/api/qrcodes/grids/${gridA.id}.png`, as.admin as Headers);
    expect(png.status).toBe(200);
    expect(png.raw.headers['content-type']).toBe('image/png');
    expect(png.raw.rawPayload.subarray(0, 4).toString('hex')).toBe('89504e47');
    const svg = await call('GET', `/api/qrcodes/grids/${gridA.id}.svg`, as.village as Headers);
    expect(svg.status).toBe(200);
    expect(svg.raw.body).toContain('<svg');
    expect((await call('GET', `/api/qrcodes/grids/${gridA.id}.png`, as.town2 as Headers)).status).toBe(404);
    expect((await call('GET', `/api/qrcodes/grids/${gridA.id}.png`, as.alice as Headers)).status).toBe(403);
    const list = await call('GET', `/api/qrcodes/grids?withinId=${gridA.parentId}&limit=100`, as.village as Headers);
    const row = list.body.items.find((g: { id: number }) => g.id === gridA.id);
    expect(row.reportUrl).toMatch(new RegExp(`/report\\?grid=${gridA.id}$`));
    expect(list.body.total).toBe(list.body.items.length);
  });
});

describe('my reports', () => {
  let caseId: number;
  let photoId: string;

  it('shows the report, its photo and plain progress to its reporter only', async () => {
    photoId = await upload(as.alice as Headers);
    const r = await report(as.alice as Headers, { attachmentIds: [photoId], name: '张阿姨', phone: '13912345678' });
    expect(r.status).toBe(201);
    caseId = r.body.id;
    const mine = await call('GET', '/api/my/cases', as.alice as Headers);
    expect(mine.body.items.map((c: { id: number }) => c.id)).toContain(caseId);
    const one = await call('GET', `/api/my/cases/${caseId}`, as.alice as Headers);
    expect(one.status).toBe(200);
    expect(one.body.attachmentIds).toEqual([photoId]);
    expect((await call('GET', `/api/attachments/${photoId}/thumbnail`, as.alice as Headers)).status).toBe(200);

    const other = await call('GET', `/api/my/cases/${caseId}`, as.bob as Headers);
    expect(other.status).toBe(404);
    expect(
      (await call('GET', '/api/my/cases', as.bob as Headers)).body.items.map((c: { id: number }) => c.id),
    ).not.toContain(caseId);
    expect((await call('GET', `/api/cases/${caseId}`, as.bob as Headers)).status).toBe(403);
    expect((await call('GET', `/api/attachments/${photoId}/thumbnail`, as.bob as Headers)).status).toBe(404);
    const rateOther = await call('POST', `/api/my/cases/${caseId}/actions`, as.bob as Headers, {
      version: one.body.version,
      action: { type: 'rate', rating: 'satisfied' },
    });
    expect(rateOther.status).toBe(404);
  });

  it('follows the case through verification, dispatch and reply without naming any staff member', async () => {
    await act(as.village as Headers, caseId, { type: 'accept' });
    await act(as.village as Headers, caseId, { type: 'assignVerification' });
    await act(as.grid as Headers, caseId, { type: 'verify', finding: 'confirmed', notes: '现场核实：路灯确实不亮' });
    await act(as.village as Headers, caseId, { type: 'dispatch', leadOrgId: deptId });
    await act(as.dept as Headers, caseId, { type: 'signFor' });
    await act(as.dept as Headers, caseId, { type: 'reply', content: '已更换灯泡，路灯恢复照明。' });

    const view = (await call('GET', `/api/my/cases/${caseId}`, as.alice as Headers)).body;
    expect(view.state).toBe('replied');
    expect(view.reply).toContain('已更换灯泡');
    expect(view.handlingUnit).toBeTruthy();
    expect(view.allowedActions).toContain('rate');
    const staff = await sys.services.db
      .selectFrom('users')
      .select(['display_name', 'phone', 'username'])
      .where('role', '!=', 'citizen')
      .where('username', 'in', ['grid', 'village', 'dept'])
      .execute();
    const text = JSON.stringify(view);
    for (const s of staff) {
      expect(text).not.toContain(s.display_name);
      if (s.phone) expect(text).not.toContain(s.phone);
    }
    expect(view.timeline.every((e: { actorName: string | null }) => e.actorName === null)).toBe(true);
  });

  it('rates with a comment, then appeals within the allowed days', async () => {
    const before = (await call('GET', `/api/my/cases/${caseId}`, as.alice as Headers)).body;
    const rated = await call('POST', `/api/my/cases/${caseId}/actions`, as.alice as Headers, {
      version: before.version,
      action: { type: 'rate', rating: 'basically_satisfied', comment: '修得挺快，就是等了两天' },
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body.rating).toBe('basically_satisfied');
    const stale = await call('POST', `/api/my/cases/${caseId}/actions`, as.alice as Headers, {
      version: before.version,
      action: { type: 'rate', rating: 'satisfied' },
    });
    expect(stale.status).toBe(409);
    await act(as.village as Headers, caseId, { type: 'close' });
    const closed = (await call('GET', `/api/my/cases/${caseId}`, as.alice as Headers)).body;
    expect(closed.state).toBe('closed');
    expect(closed.allowedActions).toContain('appeal');
    const appealed = await call('POST', `/api/my/cases/${caseId}/actions`, as.alice as Headers, {
      version: closed.version,
      action: { type: 'appeal', reason: '路灯又不亮了' },
    });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    expect(appealed.body.state).toBe('appealed');
  });

  it('a citizen may only rate or appeal', async () => {
    const one = (await call('GET', `/api/my/cases/${caseId}`, as.alice as Headers)).body;
    const r = await call('POST', `/api/my/cases/${caseId}/actions`, as.alice as Headers, {
      version: one.version,
      action: { type: 'close' },
    });
    expect(r.status).toBe(403);
  });
});
