// The organisation tree through HTTP: editing with optimistic versions, locating points in the demo
// county's grids (including their shared edges), spreadsheet and GeoJSON imports that are all-or-nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/core/exceljs.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
let admin: Record<string, string>;

beforeAll(async () => {
  sys = await startTestSystem();
  admin = await sys.login('admin');
});
afterAll(async () => sys?.stop());

const get = async (url: string, headers = admin) => {
  const r = await sys.request({ method: 'GET', url, headers });
  return { status: r.statusCode, body: r.json() };
};

function multipart(filename: string, content: Buffer) {
  const boundary = '----gongzhi-test';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('orgs');
  sheet.addRow(['编码', '名称', '类型', '上级编码', '户数', '人口', '电话', '地址']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importFile(filename: string, content: Buffer, dryRun = false) {
  const { payload, headers } = multipart(filename, content);
  const r = await sys.request({ method: 'POST', url: `/api/orgs/import?dryRun=${dryRun}`, payload, headers });
  return { status: r.statusCode, body: r.json() };
}

describe('the demo county', () => {
  it('has the organisation the issue asks for', async () => {
    const home = (await get('/api/home')).body;
    expect(home.counts.towns).toBeGreaterThanOrEqual(8);
    expect(home.counts.villages).toBeGreaterThanOrEqual(80);
    expect(home.counts.grids).toBeGreaterThanOrEqual(400);
    expect(home.counts.departments).toBe(25);
    const tree = (await get('/api/orgs/tree')).body;
    expect(tree[0]).toMatchObject({ code: '330788', kind: 'county' });
    const kinds = new Set<string>();
    const walk = (n: { kind: string; children: unknown[] }) => {
      kinds.add(n.kind);
      for (const c of n.children) walk(c as typeof n);
    };
    walk(tree[0]);
    for (const k of ['town', 'village', 'department', 'office', 'third_party']) expect(kinds).toContain(k);
    const parties = (await get('/api/orgs?kind=party&limit=1')).body;
    expect(parties.total).toBeGreaterThan(0);
  });

  it('grid codes extend their village codes, which extend their town codes', async () => {
    const grids = (await get('/api/grids/geojson')).body.features as {
      properties: { code: string; villageId: number; townId: number };
    }[];
    const villages = new Map(
      ((await get('/api/orgs?kind=village&limit=500')).body.items as { id: number; code: string }[]).map((v) => [
        v.id,
        v.code,
      ]),
    );
    for (const g of grids) {
      expect(g.properties.code).toMatch(/^\d{15}$/);
      expect(g.properties.code.startsWith(villages.get(g.properties.villageId) ?? 'x')).toBe(true);
    }
  });
});

describe('locating points', () => {
  it('puts every grid centre in that grid, and a shared vertex in exactly one grid', async () => {
    const features = (await get('/api/grids/geojson')).body.features as {
      geometry: { coordinates: number[][][] };
      properties: { id: number; code: string };
    }[];
    const sample = features.filter((_, i) => i % 25 === 0);
    for (const f of sample) {
      const grid = (await get(`/api/orgs/${f.properties.id}`)).body;
      const r = await get(`/api/locate?lat=${grid.centerLat}&lng=${grid.centerLng}`);
      expect(r.status).toBe(200);
      expect(r.body.grid.id).toBe(f.properties.id);
      expect(r.body.county.code).toBe('330788');
    }
    // A vertex of one grid's ring is shared by its neighbours: the answer is one grid, the lowest code.
    const first = features[0];
    const vertex = first?.geometry.coordinates[0]?.[1] as number[];
    const onEdge = await get(`/api/locate?lat=${vertex[1]}&lng=${vertex[0]}`);
    expect(onEdge.status).toBe(200);
    const owners = features.filter((f) =>
      f.geometry.coordinates[0]?.some((p) => p[0] === vertex[0] && p[1] === vertex[1]),
    );
    expect(owners.length).toBeGreaterThanOrEqual(1);
    expect(onEdge.body.grid.code).toBe(owners.map((o) => o.properties.code).sort()[0]);
  });

  it('says a point outside the county is outside, and refuses impossible coordinates', async () => {
    const outside = await get('/api/locate?lat=30.25&lng=120.16');
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('OUTSIDE_COUNTY');
    const bad = await get('/api/locate?lat=91&lng=120');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('editing the tree', () => {
  it('refuses a stale version with 409 and keeps the newer change', async () => {
    const village = (await get('/api/orgs?kind=village&limit=1')).body.items[0];
    const detail = (await get(`/api/orgs/${village.id}`)).body;
    const first = await sys.request({
      method: 'PATCH',
      url: `/api/orgs/${village.id}`,
      headers: admin,
      payload: { version: detail.version, households: 111 },
    });
    expect(first.statusCode).toBe(200);
    const second = await sys.request({
      method: 'PATCH',
      url: `/api/orgs/${village.id}`,
      headers: admin,
      payload: { version: detail.version, households: 222 },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('CONFLICT');
    expect((await get(`/api/orgs/${village.id}`)).body.households).toBe(111);
  });

  it('checks codes and nesting when creating', async () => {
    const town = (await get('/api/orgs?kind=town&limit=1')).body.items[0];
    const badCode = await sys.request({
      method: 'POST',
      url: '/api/orgs',
      headers: admin,
      payload: { code: '999', name: '坏村', kind: 'village', participant: 'government', parentId: town.id },
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().message).toMatch(/12 位数字/);
    const badNest = await sys.request({
      method: 'POST',
      url: '/api/orgs',
      headers: admin,
      payload: {
        code: `${town.code}001001`,
        name: '错层网格',
        kind: 'grid',
        participant: 'government',
        parentId: town.id,
      },
    });
    expect(badNest.statusCode).toBe(400);
    expect(badNest.json().code).toBe('INVALID_PARENT');
    const dup = await sys.request({
      method: 'POST',
      url: '/api/orgs',
      headers: admin,
      payload: { code: town.code, name: '重复', kind: 'town', participant: 'government', parentId: town.parentId },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('will not deactivate an organisation that still has members', async () => {
    const town = (await get('/api/orgs?kind=town&limit=1')).body.items[0];
    const detail = (await get(`/api/orgs/${town.id}`)).body;
    const r = await sys.request({
      method: 'PATCH',
      url: `/api/orgs/${town.id}`,
      headers: admin,
      payload: { version: detail.version, active: false },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('ORG_HAS_CHILDREN');
  });
});

describe('spreadsheet import', () => {
  it('rejects a file with bad rows whole, naming each row, and writes nothing', async () => {
    const before = (await get('/api/orgs?limit=1')).body.total;
    const file = await xlsx([
      ['330788091', '新镇', '镇', '330788', '', '', '', ''],
      ['330788091001', '新村', '村', '330788091', 300, 900, '', ''],
      ['33078809100', '短码村', '村', '330788091', '', '', '', ''],
      ['330788091002', '', '村', '330788091', '', '', '', ''],
      ['330788091003', '户数错村', '村', '330788091', '很多', '', '', ''],
      ['330788092001', '孤村', '村', '330788092', '', '', '', ''],
      ['330788091001001', '网格', '楼栋', '330788091001', '', '', '', ''],
      ['330788091001', '重复村', '村', '330788091', '', '', '', ''],
    ]);
    const r = await importFile('orgs.xlsx', file);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('IMPORT_INVALID');
    const rows = (r.body.details.errors as { row: number; message: string }[]).map((e) => e.row);
    expect(new Set(rows)).toEqual(new Set([4, 5, 6, 7, 8, 9]));
    expect(r.body.details.errors.find((e: { row: number }) => e.row === 4).message).toMatch(/12 位数字/);
    expect(r.body.details.errors.find((e: { row: number }) => e.row === 7).message).toMatch(/不存在/);
    expect(r.body.details.errors.find((e: { row: number }) => e.row === 9).message).toMatch(/第 3 行重复/);
    expect((await get('/api/orgs?limit=1')).body.total).toBe(before);
  });

  it('previews, imports a good file, and re-importing creates nothing new', async () => {
    const rows = [
      ['330788093', '新安镇', '镇', '330788', '', '', '0579-1', ''],
      ['330788093001', '新安村', '村', '330788093', 320, 1000, '', ''],
      ['330788093001001', '新安村第1网格', '网格', '330788093001', 160, 500, '', ''],
    ];
    const before = (await get('/api/orgs?limit=1')).body.total;
    const preview = await importFile('orgs.xlsx', await xlsx(rows), true);
    expect(preview.body).toEqual({ rows: 3, created: 3, updated: 0, dryRun: true });
    expect((await get('/api/orgs?limit=1')).body.total).toBe(before);
    const done = await importFile('orgs.xlsx', await xlsx(rows));
    expect(done.body).toEqual({ rows: 3, created: 3, updated: 0, dryRun: false });
    expect((await get('/api/orgs?limit=1')).body.total).toBe(before + 3);
    const grid = (await get('/api/orgs?q=330788093001001')).body.items[0];
    const detail = (await get(`/api/orgs/${grid.id}`)).body;
    expect(detail.ancestors.map((a: { name: string }) => a.name)).toEqual(['青溪县', '新安镇', '新安村']);
    const again = await importFile('orgs.xlsx', await xlsx(rows));
    expect(again.body).toEqual({ rows: 3, created: 0, updated: 3, dryRun: false });
    expect((await get('/api/orgs?limit=1')).body.total).toBe(before + 3);
  });

  it('reads CSV with a BOM too, and explains a file that is not a spreadsheet', async () => {
    const csv = Buffer.from('\uFEFF编码,名称,类型,上级编码\n330788094,"东湖,镇",镇,330788\n');
    const r = await importFile('orgs.csv', csv, true);
    expect(r.body).toMatchObject({ rows: 1, created: 1 });
    const junk = await importFile('orgs.xlsx', Buffer.from('not a spreadsheet'));
    expect(junk.status).toBe(422);
    expect(junk.body.message).toMatch(/xlsx/);
    const template = await sys.request({ method: 'GET', url: '/api/orgs/import/template', headers: admin });
    expect(template.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).getCell(1).value).toBe('编码');
  });
});

describe('boundary import', () => {
  it('rejects bad features by number and writes none; accepts a good file and locates by it', async () => {
    const grid = (await get('/api/orgs?kind=grid&limit=1')).body.items[0];
    const ring = [
      [121.5, 28.5],
      [121.51, 28.5],
      [121.51, 28.51],
      [121.5, 28.51],
      [121.5, 28.5],
    ];
    const bad = await sys.request({
      method: 'POST',
      url: '/api/grids/boundaries',
      headers: admin,
      payload: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: grid.code }, geometry: { type: 'Polygon', coordinates: [ring] } },
          { type: 'Feature', properties: { code: 'nope' }, geometry: { type: 'Polygon', coordinates: [ring] } },
          {
            type: 'Feature',
            properties: { code: grid.code },
            geometry: { type: 'Polygon', coordinates: [ring.slice(0, 4)] },
          },
          { type: 'Feature', properties: { code: grid.code }, geometry: { type: 'Point', coordinates: [1, 2] } },
        ],
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4]);
    expect((await get('/api/locate?lat=28.505&lng=121.505')).status).toBe(404);

    const good = await sys.request({
      method: 'POST',
      url: '/api/grids/boundaries',
      headers: admin,
      payload: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: grid.code }, geometry: { type: 'Polygon', coordinates: [ring] } },
        ],
      },
    });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ updated: 1 });
    const located = await get('/api/locate?lat=28.505&lng=121.505');
    expect(located.status).toBe(200);
    expect(located.body.grid.code).toBe(grid.code);
  });
});
