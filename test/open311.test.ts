// Open311 GeoReport v2 as a 311 client uses it: discovery, services and their definitions, POST requests with
// every kind of location, tokens, GET requests with every filter, a single request; JSON and XML; errors in
// the spec's shape and status; no reporter data in any response.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReporterField } from '../src/modules/cases/index.js';
import { DEMO_OPEN311_KEY } from '../src/modules/hotline/demo-keys.js';
import { createApiKey } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
let point: { lat: number; lng: number };
let gridCode: string;
let serviceCode: string;
let otherServiceCode: string;
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name),
});

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  const grid = await sys.services.db
    .selectFrom('orgs')
    .select(['center_lat', 'center_lng', 'code'])
    .where('kind', '=', 'grid')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  point = { lat: grid.center_lat as number, lng: grid.center_lng as number };
  gridCode = grid.code;
}, 120_000);
afterAll(async () => sys?.stop());

async function get(url: string) {
  const r = await sys.request({ method: 'GET', url });
  return { status: r.statusCode, type: String(r.headers['content-type']), text: r.body, json: () => r.json() };
}

function form(params: Record<string, string | number>) {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

async function post(params: Record<string, string | number>, format: 'json' | 'xml' = 'json') {
  const r = await sys.request({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(params),
  });
  return { status: r.statusCode, text: r.body, json: () => r.json() };
}

const reporter = { first_name: '小明', last_name: '陈', phone: '13912345678', email: 'chen.xm@example.com' };

describe('discovery and services', () => {
  it('discovery in json and xml', async () => {
    const j = await get('/open311/v2/discovery.json');
    expect(j.status).toBe(200);
    expect(j.json().endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
    });
    expect(j.json().endpoints[0].url).toMatch(/\/open311\/v2\/$/);
    const x = await get('/open311/v2/discovery.xml');
    expect(x.type).toContain('text/xml');
    const doc = xml.parse(x.text);
    expect(doc.discovery.endpoints.endpoint[0].formats.format).toContain('application/json');
  });

  it('services in json and xml, from the leaf categories', async () => {
    const j = await get('/open311/v2/services.json');
    expect(j.status).toBe(200);
    const services = j.json();
    expect(services.length).toBeGreaterThan(50);
    expect(services[0]).toEqual(
      expect.objectContaining({
        service_code: expect.any(String),
        service_name: expect.any(String),
        metadata: true,
        type: 'realtime',
        group: expect.any(String),
      }),
    );
    serviceCode = services[0].service_code;
    otherServiceCode = services[1].service_code;
    const x = xml.parse((await get('/open311/v2/services.xml')).text);
    expect(x.services.service).toHaveLength(services.length);
    expect(x.services.service[0].service_code).toBe(serviceCode);
  });

  it('service definitions with attributes, json and xml; unknown codes answer 404', async () => {
    const j = await get(`/open311/v2/services/${serviceCode}.json`);
    expect(j.status).toBe(200);
    expect(j.json().service_code).toBe(serviceCode);
    const urgency = j.json().attributes.find((a: { code: string }) => a.code === 'urgency');
    expect(urgency).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: false, order: 1 });
    expect(urgency.values.map((v: { key: string }) => v.key)).toEqual(['normal', 'urgent']);
    const x = xml.parse((await get(`/open311/v2/services/${serviceCode}.xml`)).text);
    expect(x.service_definition.service_code).toBe(serviceCode);
    expect(x.service_definition.attributes.attribute[0].values.value[1].key).toBe('urgent');
    const missing = await get('/open311/v2/services/NOPE.json');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining('NOPE') }]);
    const missingXml = await get('/open311/v2/services/NOPE.xml');
    expect(missingXml.status).toBe(404);
    expect(xml.parse(missingXml.text).errors.error[0].code).toBe('404');
    const noFormat = await get('/open311/v2/services');
    expect(noFormat.status).toBe(404);
  });
});

const created: { id: string; token: string }[] = [];

describe('POST requests', () => {
  it('creates a request at a point, returning its id and token; the token resolves', async () => {
    const r = await post({
      api_key: DEMO_OPEN311_KEY,
      service_code: serviceCode,
      lat: point.lat,
      long: point.lng,
      description: '人行道上的井盖缺失，夜间行人容易踩空。',
      'attribute[urgency]': 'urgent',
      'attribute[location_detail]': '公交站东侧 20 米',
      media_url: 'https://example.com/photo.jpg',
      ...reporter,
    });
    expect(r.status).toBe(201);
    const [body] = r.json();
    expect(body.service_request_id).toMatch(/^GZ/);
    expect(body.token).toMatch(/^[0-9a-f-]{36}$/);
    created.push({ id: body.service_request_id, token: body.token });
    const t = await get(`/open311/v2/tokens/${body.token}.json`);
    expect(t.json()).toEqual([{ service_request_id: body.service_request_id, token: body.token }]);
    const tx = xml.parse((await get(`/open311/v2/tokens/${body.token}.xml`)).text);
    expect(tx.service_requests.request[0].service_request_id).toBe(body.service_request_id);
    expect((await get('/open311/v2/tokens/00000000-0000-0000-0000-000000000000.json')).status).toBe(404);
    const row = await sys.services.db
      .selectFrom('cases')
      .selectAll()
      .where('number', '=', body.service_request_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'open311', urgency: 'urgent' });
    // stored encrypted (issue 18)
    expect(openReporterField(sys.services.fieldCrypto, row.reporter_name)).toBe('陈小明');
    expect(openReporterField(sys.services.fieldCrypto, row.reporter_phone)).toBe('13912345678');
  });

  it('by address_id (a grid code) and by address_string (a town named), in xml', async () => {
    const byId = await post(
      {
        api_key: DEMO_OPEN311_KEY,
        service_code: otherServiceCode,
        address_id: gridCode,
        description: '小区垃圾桶满溢，无人清运。',
      },
      'xml',
    );
    expect(byId.status).toBe(201);
    const id = xml.parse(byId.text).service_requests.request[0].service_request_id;
    expect(id).toMatch(/^GZ/);
    created.push({ id, token: '' });
    const town = await sys.services.db
      .selectFrom('orgs')
      .select('name')
      .where('kind', '=', 'town')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const byAddress = await post({
      api_key: DEMO_OPEN311_KEY,
      service_code: serviceCode,
      address_string: `${town.name}解放路 12 号`,
      description: '路灯不亮已经三天了。',
    });
    expect(byAddress.status).toBe(201);
    created.push({ id: byAddress.json()[0].service_request_id, token: byAddress.json()[0].token });
  });

  it('answers errors in the spec format with the right status, writing nothing', async () => {
    const count = async () =>
      Number(
        (
          await sys.services.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('channel', '=', 'open311')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const base = { service_code: serviceCode, lat: point.lat, long: point.lng, description: '路面坑洼积水严重。' };
    const cases: [Record<string, string | number>, number, RegExp][] = [
      [{ ...base }, 403, /api_key/],
      [{ ...base, api_key: 'gz_wrong' }, 403, /invalid/],
      [{ ...base, api_key: DEMO_OPEN311_KEY, service_code: '' }, 400, /service_code/],
      [{ ...base, api_key: DEMO_OPEN311_KEY, service_code: 'NOPE' }, 404, /NOPE/],
      [{ api_key: DEMO_OPEN311_KEY, service_code: serviceCode, description: '路面坑洼积水严重。' }, 400, /location/],
      [{ ...base, api_key: DEMO_OPEN311_KEY, lat: 39.9, long: 116.4 }, 400, /outside/],
      [{ ...base, api_key: DEMO_OPEN311_KEY, lat: 'north' }, 400, /lat/],
      [{ ...base, api_key: DEMO_OPEN311_KEY, description: '' }, 400, /description/],
      [{ ...base, api_key: DEMO_OPEN311_KEY, 'attribute[urgency]': 'panic' }, 400, /urgency/],
      [{ ...base, api_key: DEMO_OPEN311_KEY, email: 'not-an-email' }, 400, /email/],
      [{ ...base, api_key: DEMO_OPEN311_KEY, phone: '12345' }, 400, /手机/],
      [
        {
          ...base,
          api_key: DEMO_OPEN311_KEY,
          address_id: undefined as never,
          lat: undefined as never,
          long: undefined as never,
          address_string: '火星基地',
        },
        400,
        /address_string/,
      ],
    ];
    for (const [params, status, pattern] of cases) {
      const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<
        string,
        string | number
      >;
      const r = await post(clean);
      expect(r.status, JSON.stringify(params)).toBe(status);
      const body = r.json();
      expect(body).toEqual([{ code: status, description: expect.stringMatching(pattern) }]);
    }
    const key = await createApiKey(sys, await sys.login('admin'), ['case.create']);
    const noPermission = await post({ ...base, api_key: key });
    expect(noPermission.status).toBe(403);
    const x = await post({ ...base }, 'xml');
    expect(xml.parse(x.text).errors.error[0]).toMatchObject({ code: '403' });
    expect(await count()).toBe(before);
  });
});

describe('GET requests', () => {
  it('one request in json and xml, with the handling unit and no reporter data', async () => {
    const first = created[0] as { id: string };
    const r = await get(`/open311/v2/requests/${first.id}.json`);
    expect(r.status).toBe(200);
    const [req] = r.json();
    expect(req).toMatchObject({
      service_request_id: first.id,
      status: 'open',
      service_code: serviceCode,
      description: '人行道上的井盖缺失，夜间行人容易踩空。',
      address_id: gridCode,
      media_url: 'https://example.com/photo.jpg',
      lat: point.lat,
      long: point.lng,
    });
    const row = await sys.services.db
      .selectFrom('cases')
      .innerJoin('orgs', 'orgs.id', 'cases.owner_org_id')
      .select('orgs.name')
      .where('cases.number', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(req.agency_responsible).toBe(row.name);
    expect(Date.parse(req.requested_datetime)).not.toBeNaN();
    for (const secret of [reporter.phone, reporter.email, reporter.first_name, '陈小明', 'chen']) {
      expect(r.text).not.toContain(secret);
    }
    const x = await get(`/open311/v2/requests/${first.id}.xml`);
    const doc = xml.parse(x.text);
    expect(doc.service_requests.request[0].service_request_id).toBe(first.id);
    expect(x.text).not.toContain(reporter.phone);
    expect((await get('/open311/v2/requests/GZ000.json')).status).toBe(404);
  });

  it('every filter: ids, service_code, dates, status', async () => {
    const [a, b, c] = created as { id: string }[];
    const byIds = (await get(`/open311/v2/requests.json?service_request_id=${a?.id},${b?.id}&status=closed`)).json();
    // With ids given the other parameters are ignored.
    expect(byIds.map((x: { service_request_id: string }) => x.service_request_id).sort()).toEqual(
      [a?.id, b?.id].sort(),
    );
    const byCode = (await get(`/open311/v2/requests.json?service_code=${otherServiceCode}`)).json();
    expect(byCode.map((x: { service_request_id: string }) => x.service_request_id)).toEqual([b?.id]);
    const all = (await get('/open311/v2/requests.json')).json();
    expect(all).toHaveLength(3);
    const now = sys.services.clock.now();
    const future = new Date(now.getTime() + 86_400_000).toISOString();
    const past = new Date(now.getTime() - 86_400_000).toISOString();
    expect((await get(`/open311/v2/requests.json?start_date=${encodeURIComponent(future)}`)).json()).toHaveLength(0);
    expect((await get(`/open311/v2/requests.json?end_date=${encodeURIComponent(past)}`)).json()).toHaveLength(0);
    expect(
      (
        await get(
          `/open311/v2/requests.json?start_date=${encodeURIComponent(past)}&end_date=${encodeURIComponent(future)}`,
        )
      ).json(),
    ).toHaveLength(3);
    const bad = await get('/open311/v2/requests.json?start_date=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json()[0].description).toContain('start_date');
    const reversed = await get(
      `/open311/v2/requests.json?start_date=${encodeURIComponent(future)}&end_date=${encodeURIComponent(past)}`,
    );
    expect(reversed.status).toBe(400);

    await sys.services.db
      .updateTable('cases')
      .set({ status: 'closed', closed_at: now })
      .where('number', '=', c?.id as string)
      .execute();
    const closed = (await get('/open311/v2/requests.json?status=closed')).json();
    expect(closed.map((x: { service_request_id: string }) => x.service_request_id)).toEqual([c?.id]);
    expect(closed[0].status).toBe('closed');
    expect(closed[0].expected_datetime).toBeNull();
    const open = (await get('/open311/v2/requests.json?status=open')).json();
    expect(open).toHaveLength(2);
    expect((await get('/open311/v2/requests.json?status=open,closed')).json()).toHaveLength(3);
    expect((await get('/open311/v2/requests.json?status=pending')).status).toBe(400);
    const x = xml.parse((await get('/open311/v2/requests.xml?status=open')).text);
    expect(x.service_requests.request).toHaveLength(2);
  });

  it('without a key shows only Open311 requests; a key with case.read sees its scope', async () => {
    const hotline = await sys.services.hotline.receive(
      {
        orderNo: `O311-${Date.now()}`,
        content: '热线工单不应出现在公开的 Open311 列表中。',
        lat: point.lat,
        lng: point.lng,
      },
      null,
    );
    const publicList = (await get('/open311/v2/requests.json')).json();
    expect(publicList.some((x: { service_request_id: string }) => x.service_request_id === hotline.caseNumber)).toBe(
      false,
    );
    expect((await get(`/open311/v2/requests/${hotline.caseNumber}.json`)).status).toBe(404);
    const keyed = await get(`/open311/v2/requests/${hotline.caseNumber}.json?api_key=${DEMO_OPEN311_KEY}`);
    expect(keyed.status).toBe(200);
    expect(keyed.text).not.toContain('13900');
  });
});
