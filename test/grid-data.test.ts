// Grid base data (网格底数) through HTTP on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is
// set): check digits refused, masking and the audit entry of a reveal, the raw table never holding a plain ID
// number or phone, the sensitive tags hidden from a plain grid worker (and kept by their edits), another
// village's people answering 404, field-level history, archive and version conflicts, import all-or-nothing
// with row errors, dry run and re-import by natural key, the same person in two grids flagged, places inside
// their grid, overdue inspections, the export of exactly the filtered rows, a case's subjects, the dashboard.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/core/exceljs.js';
import { makeIdNumber } from '../src/domain/grid-data/index.js';
import { runningImports } from '../src/modules/grid-data/index.js';
import { postFile } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org = {} as Record<'admin' | 'leader' | 'county' | 'town' | 'town2' | 'village' | 'grid' | 'dept', number>;
let gridA2 = 0; // a second grid of the demo village
let gridA2Code = '';
let gridACode = '';
let gridB = 0; // a grid of another town's village
let gridBWorker = '';

const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);
function ok<T extends { status: number; body: unknown }>(r: T, status = 200): T {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

let seq = 100;
const newId = (birth = '19800101') => makeIdNumber('330788', birth, seq++);

async function person(who: string, gridId: number, fields: Record<string, unknown>) {
  return json('POST', '/api/grid-data/people', who, {
    gridId,
    fields: { residenceType: '户籍', ...fields },
  });
}

async function sheet(columns: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow(columns);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads and polls the job until it settles. */
async function importFile(who: string, kind: string, orgId: number, bytes: Buffer, dryRun = false) {
  const started = await postFile(
    sys,
    `/api/grid-data/${kind}/import?orgId=${orgId}&dryRun=${dryRun}`,
    as[who] as Headers,
    'import.xlsx',
    bytes,
  );
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await Promise.all([...runningImports]);
  return ok(await json('GET', `/api/grid-data/imports/${started.body.id}`, who)).body;
}

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'leader', 'county', 'town', 'town2', 'village', 'grid', 'dept']) {
    as[name] = await sys.login(name);
    org[name as keyof typeof org] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  const grids = ok(await json('GET', `/api/orgs?parentId=${org.village}&kind=grid&limit=10`, 'admin')).body.items;
  gridACode = grids.find((g: { id: number }) => g.id === org.grid).code;
  const second = grids.find((g: { id: number }) => g.id !== org.grid);
  gridA2 = second.id;
  gridA2Code = second.code;
  const villagesB = ok(await json('GET', `/api/orgs?parentId=${org.town2}&kind=village&limit=1`, 'admin')).body.items;
  const gridsB = ok(await json('GET', `/api/orgs?parentId=${villagesB[0].id}&kind=grid&limit=1`, 'admin')).body.items;
  gridB = gridsB[0].id;
  gridBWorker = `g${gridsB[0].code}`;
  as.gridB = await sys.login(gridBWorker);
  as.grid2 = await sys.login(`g${gridA2Code}`);
}, 180_000);
afterAll(async () => sys?.stop());

describe('people: validation, masking, encryption at rest, reveal', () => {
  it('refuses a bad check digit, an impossible birth date and a malformed phone, naming the field', async () => {
    const good = newId();
    const badCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const r1 = await person('grid', org.grid, { name: '校验位', idNumber: badCheck });
    expect(r1.status).toBe(400);
    expect(r1.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'idNumber' } });
    expect(r1.body.message).toContain('校验位');
    const r2 = await person('grid', org.grid, { name: '日期', idNumber: makeIdNumber('330788', '19990231', 1) });
    expect(r2.body.message).toContain('出生日期');
    const r3 = await person('grid', org.grid, { name: '电话', idNumber: newId(), phone: '1234567' });
    expect(r3.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'phone' } });
  });

  it('masks ID number, phone and room; the table holds only ciphertext; a reveal is audited', async () => {
    const idNumber = newId('19550607');
    const created = ok(
      await person('grid', org.grid, {
        name: '赵秀英',
        idNumber,
        phone: '13911112222',
        building: '3幢',
        unit: '1单元',
        room: '502',
        tags: '独居老人',
      }),
      201,
    ).body;
    const view = ok(await json('GET', `/api/grid-data/people/${created.id}`, 'grid')).body;
    expect(view.fields).toMatchObject({
      name: '赵秀英',
      idNumber: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
      phone: '139****2222',
      room: '***',
      building: '3幢',
      gender: idNumber[16] && Number(idNumber[16]) % 2 ? '男' : '女',
      birthDate: '1955-06-07',
      tags: ['独居老人'],
    });
    // the raw row: no plain ID number or phone anywhere in it
    const raw = await sys.services.db
      .selectFrom('grid_records')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(raw);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('13911112222');
    expect(raw.id_cipher).toMatch(/^v2:[0-9a-f]{8}:/);
    expect(raw.phone_cipher).toMatch(/^v2:[0-9a-f]{8}:/);
    expect(raw.id_index).toMatch(/^[0-9a-f]{32}$/);
    // nor in its history
    const history = await sys.services.db
      .selectFrom('grid_record_changes')
      .select('changes')
      .where('record_id', '=', created.id)
      .execute();
    expect(JSON.stringify(history)).not.toContain(idNumber);
    expect(JSON.stringify(history)).not.toContain('13911112222');
    // found by exact ID number and by phone through the blind index
    const byId = ok(await json('GET', `/api/grid-data/people?q=${idNumber}`, 'grid')).body;
    expect(byId.items.map((i: { id: number }) => i.id)).toEqual([created.id]);
    const byPhone = ok(await json('GET', '/api/grid-data/people?q=13911112222', 'grid')).body;
    expect(byPhone.items.map((i: { id: number }) => i.id)).toEqual([created.id]);
    // reveal: the plain values and an audit entry naming who and which record
    const before = await sys.services.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'griddata.reveal')
      .execute();
    const revealed = ok(await json('GET', `/api/grid-data/people/${created.id}/reveal`, 'grid')).body;
    expect(revealed).toEqual({ idNumber, phone: '13911112222', room: '502' });
    const audits = await sys.services.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'target_id', 'target_type', 'details'])
      .where('action', '=', 'griddata.reveal')
      .orderBy('id', 'desc')
      .execute();
    expect(audits.length).toBe(before.length + 1);
    const me = ok(await json('GET', '/api/auth/me', 'grid')).body;
    expect(audits[0]).toMatchObject({
      actor_user_id: me.id,
      target_id: String(created.id),
      target_type: 'grid_person',
    });
    // the leader reads but may not reveal; a department sees no base data at all
    expect((await json('GET', `/api/grid-data/people/${created.id}`, 'leader')).status).toBe(200);
    expect((await json('GET', `/api/grid-data/people/${created.id}/reveal`, 'leader')).status).toBe(403);
    expect((await json('GET', '/api/grid-data/people', 'dept')).status).toBe(403);
  });

  it('another village’s people answer 404, and a grid worker sees only their own grid', async () => {
    const b = ok(await person('town2', gridB, { name: '外村人', idNumber: newId() }), 201).body;
    for (const who of ['village', 'grid', 'town']) {
      const r = await json('GET', `/api/grid-data/people/${b.id}`, who);
      expect(r.status, who).toBe(404);
      expect(r.body.code).toBe('GRID_RECORD_NOT_FOUND');
      expect((await json('GET', `/api/grid-data/people/${b.id}/reveal`, who)).status).toBe(404);
      expect(
        (await json('PATCH', `/api/grid-data/people/${b.id}`, who, { version: 1, fields: { name: 'x' } })).status,
      ).toBe(404);
    }
    expect((await json('GET', `/api/grid-data/people/${b.id}`, 'gridB')).status).toBe(200);
    expect((await json('GET', `/api/grid-data/people/${b.id}`, 'county')).status).toBe(200);
    // the demo grid worker may not register people in the neighbouring grid of the same village
    expect((await person('grid', gridA2, { name: '邻格', idNumber: newId() })).status).toBe(404);
    const inA2 = ok(await person('village', gridA2, { name: '邻格人', idNumber: newId() }), 201).body;
    expect((await json('GET', `/api/grid-data/people/${inA2.id}`, 'grid')).status).toBe(404);
    expect((await json('GET', `/api/grid-data/people/${inA2.id}`, 'village')).status).toBe(200);
    const list = ok(await json('GET', '/api/grid-data/people?limit=200', 'grid')).body;
    expect(list.items.every((i: { gridId: number }) => i.gridId === org.grid)).toBe(true);
  });
});

describe('sensitive tags', () => {
  it('are hidden from a plain grid worker, who can neither set them nor strip them by editing', async () => {
    const created = ok(
      await person('town', org.grid, { name: '钱某', idNumber: newId(), tags: '社区矫正、低保' }),
      201,
    ).body;
    const forTown = ok(await json('GET', `/api/grid-data/people/${created.id}`, 'town')).body;
    expect(forTown.fields.tags).toEqual(['社区矫正', '低保']);
    const forGrid = ok(await json('GET', `/api/grid-data/people/${created.id}`, 'grid')).body;
    expect(forGrid.fields.tags).toEqual(['低保']);
    expect(JSON.stringify(forGrid.history)).not.toContain('社区矫正');
    const forVillage = ok(await json('GET', `/api/grid-data/people/${created.id}`, 'village')).body;
    expect(forVillage.fields.tags).toEqual(['低保']);
    // filter by the hidden tag: nothing; tag list: not offered; dashboard: not counted
    expect(ok(await json('GET', '/api/grid-data/people?tag=社区矫正', 'grid')).body.total).toBe(0);
    expect(ok(await json('GET', '/api/grid-data/people?tag=社区矫正', 'town')).body.total).toBeGreaterThanOrEqual(1);
    const tagsForGrid = ok(await json('GET', '/api/grid-data/tags', 'grid')).body.items.map(
      (t: { name: string }) => t.name,
    );
    expect(tagsForGrid).not.toContain('社区矫正');
    expect(tagsForGrid).toContain('独居老人');
    const dash = ok(await json('GET', `/api/grid-data/dashboard?orgId=${org.grid}`, 'grid')).body;
    expect(dash.byTag.社区矫正).toBeUndefined();
    expect(
      ok(await json('GET', `/api/grid-data/dashboard?orgId=${org.grid}`, 'town')).body.byTag.社区矫正,
    ).toBeGreaterThanOrEqual(1);
    // the grid worker edits the tags: the hidden one stays
    ok(
      await json('PATCH', `/api/grid-data/people/${created.id}`, 'grid', {
        version: forGrid.version,
        fields: { tags: ['低保', '残疾人'] },
      }),
    );
    const after = ok(await json('GET', `/api/grid-data/people/${created.id}`, 'town')).body;
    expect(after.fields.tags.sort()).toEqual(['低保', '残疾人', '社区矫正'].sort());
    // and may not add one
    const refused = await json('PATCH', `/api/grid-data/people/${created.id}`, 'grid', {
      version: after.version,
      fields: { tags: ['刑满释放'] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('无权登记敏感标签');
  });
});

describe('history, archive, versions', () => {
  it('records who changed which field when, old → new, sensitive values masked', async () => {
    const created = ok(
      await person('grid', org.grid, { name: '孙一', idNumber: newId(), phone: '13722223333' }),
      201,
    ).body;
    const v1 = ok(await json('GET', `/api/grid-data/people/${created.id}`, 'grid')).body;
    ok(
      await json('PATCH', `/api/grid-data/people/${created.id}`, 'grid', {
        version: v1.version,
        fields: { name: '孙二', phone: '13744445555' },
      }),
    );
    const v2 = ok(await json('GET', `/api/grid-data/people/${created.id}`, 'grid')).body;
    expect(v2.history.map((h: { action: string }) => h.action)).toEqual(['create', 'edit']);
    const edit = v2.history[1];
    expect(edit.actor.userName).toBeTruthy();
    expect(edit.changes).toEqual([
      { field: 'name', label: '姓名', from: '孙一', to: '孙二' },
      { field: 'phone', label: '联系电话', from: '137****3333', to: '137****5555' },
    ]);
    // a stale version is a conflict
    const stale = await json('PATCH', `/api/grid-data/people/${created.id}`, 'grid', {
      version: v1.version,
      fields: { name: '孙三' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('GRID_RECORD_VERSION_CONFLICT');
    // archive: gone from the list, still readable, not editable, restorable
    ok(
      await json('POST', `/api/grid-data/people/${created.id}/archive`, 'grid', {
        version: v2.version,
        archived: true,
        reason: '迁出',
      }),
    );
    const list = ok(await json('GET', '/api/grid-data/people?q=孙二', 'grid')).body;
    expect(list.total).toBe(0);
    expect(ok(await json('GET', '/api/grid-data/people?q=孙二&archived=true', 'grid')).body.total).toBe(1);
    const archived = ok(await json('GET', `/api/grid-data/people/${created.id}`, 'grid')).body;
    expect(archived.archived).toBe(true);
    const edit2 = await json('PATCH', `/api/grid-data/people/${created.id}`, 'grid', {
      version: archived.version,
      fields: { name: 'x' },
    });
    expect(edit2.body.code).toBe('GRID_RECORD_ARCHIVED');
    ok(
      await json('POST', `/api/grid-data/people/${created.id}/archive`, 'grid', {
        version: archived.version,
        archived: false,
      }),
    );
    expect(
      await sys.services.db.selectFrom('grid_records').select('id').where('id', '=', created.id).execute(),
    ).toHaveLength(1);
  });
});

describe('the same person in two grids', () => {
  it('is flagged for both grid workers, not duplicated silently', async () => {
    const idNumber = newId('19700101');
    const a = ok(await person('grid', org.grid, { name: '周某', idNumber }), 201).body;
    expect(ok(await json('GET', `/api/grid-data/people/${a.id}`, 'grid')).body.duplicate).toBe(false);
    const b = ok(await person('grid2', gridA2, { name: '周某', idNumber }), 201).body;
    const forA = ok(await json('GET', `/api/grid-data/people/${a.id}`, 'grid')).body;
    const forB = ok(await json('GET', `/api/grid-data/people/${b.id}`, 'grid2')).body;
    expect(forA.duplicate).toBe(true);
    expect(forB.duplicate).toBe(true);
    expect(forA.alsoIn.map((g: { id: number }) => g.id)).toEqual([gridA2]);
    expect(forB.alsoIn.map((g: { id: number }) => g.id)).toEqual([org.grid]);
    const flagged = ok(await json('GET', '/api/grid-data/people?duplicate=true', 'grid')).body.items.map(
      (i: { id: number }) => i.id,
    );
    expect(flagged).toContain(a.id);
    // registering the same number twice in one grid is refused
    expect((await person('grid', org.grid, { name: '周某', idNumber })).body.code).toBe('GRID_RECORD_DUPLICATE');
    // the second grid archives its record: the flag clears on both
    ok(await json('POST', `/api/grid-data/people/${b.id}/archive`, 'grid2', { version: forB.version, archived: true }));
    expect(ok(await json('GET', `/api/grid-data/people/${a.id}`, 'grid')).body.duplicate).toBe(false);
  });
});

describe('import', () => {
  const columns = ['所属网格', '姓名', '身份证号', '联系电话', '人口类型', '特殊人群标签'];
  it('offers a template that imports as it is', async () => {
    const r = await sys.request({
      method: 'GET',
      url: '/api/grid-data/people/import/template',
      headers: as.grid as Headers,
    });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const header = ((wb.worksheets[0]?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(header).toEqual([
      '所属网格',
      '姓名',
      '身份证号',
      '联系电话',
      '性别',
      '出生日期',
      '户编号',
      '楼栋',
      '单元',
      '房号',
      '人口类型',
      '特殊人群标签',
    ]);
  });

  it('refuses the whole file for one bad row, naming row, column and reason; nothing is written', async () => {
    const rows = [
      [gridACode, '导入甲', newId(), '13600000001', '户籍', ''],
      [gridACode, '导入乙', `${newId().slice(0, 17)}Y`, '13600000002', '常住', ''],
      [gridACode, '导入丙', newId(), '136000', '流动', ''],
      ['不存在的网格', '导入丁', newId(), '', '户籍', ''],
      [gridACode, '导入戊', newId(), '', '户籍', '社区矫正'],
    ];
    const job = await importFile('grid', 'people', org.grid, await sheet(columns, rows));
    expect(job.status).toBe('refused');
    expect(job.errors).toEqual([
      { row: 3, column: '身份证号', reason: expect.stringContaining('18 位') },
      { row: 4, column: '联系电话', reason: expect.stringContaining('电话号码格式不正确') },
      { row: 5, column: '所属网格', reason: expect.stringContaining('不存在的网格') },
      { row: 6, column: '特殊人群标签', reason: '无权登记敏感标签「社区矫正」' },
    ]);
    expect(ok(await json('GET', '/api/grid-data/people?q=导入甲', 'grid')).body.total).toBe(0);
  });

  it('dry run counts, import writes, re-import updates by ID number instead of duplicating', async () => {
    const ids = [newId('19900101'), newId('19910202'), newId('19920303')];
    const rows = ids.map((id, i) => [gridACode, `批量${i}`, id, `1350000000${i}`, '户籍', i === 0 ? '党员' : '']);
    const dry = await importFile('village', 'people', org.village, await sheet(columns, rows), true);
    expect(dry).toMatchObject({ status: 'done', dryRun: true, total: 3, created: 3, updated: 0, errorCount: 0 });
    expect(ok(await json('GET', '/api/grid-data/people?q=批量', 'grid')).body.total).toBe(0);
    const done = await importFile('village', 'people', org.village, await sheet(columns, rows));
    expect(done).toMatchObject({ status: 'done', total: 3, created: 3, updated: 0 });
    const listed = ok(await json('GET', '/api/grid-data/people?q=批量', 'grid')).body;
    expect(listed.total).toBe(3);
    const changed = rows.map((r, i) => (i === 1 ? [r[0], '批量一改', r[2], r[3], r[4], r[5]] : r));
    const again = await importFile('village', 'people', org.village, await sheet(columns, changed));
    expect(again).toMatchObject({ status: 'done', total: 3, created: 0, updated: 3 });
    const after = ok(await json('GET', '/api/grid-data/people?q=批量', 'grid')).body;
    expect(after.total).toBe(3); // 批量0, 批量2 and 批量一改: no fourth
    expect(ok(await json('GET', '/api/grid-data/people?q=批量一改', 'grid')).body.total).toBe(1);
    const one = ok(await json('GET', `/api/grid-data/people?q=${ids[1]}`, 'grid')).body.items[0];
    const detail = ok(await json('GET', `/api/grid-data/people/${one.id}`, 'grid')).body;
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['import', 'import']);
    expect(detail.history[1].changes).toEqual([{ field: 'name', label: '姓名', from: '批量1', to: '批量一改' }]);
    // the import left one audit entry
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'griddata.import')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('a place outside its grid is refused by row; re-import by code updates', async () => {
    const grid = await sys.services.db
      .selectFrom('orgs')
      .select(['center_lat', 'center_lng'])
      .where('id', '=', org.grid)
      .executeTakeFirstOrThrow();
    const inside = [grid.center_lng as number, grid.center_lat as number];
    const cols = ['所属网格', '场所编码', '名称', '场所类型', '经度', '纬度'];
    const bad = await importFile(
      'grid',
      'places',
      org.grid,
      await sheet(cols, [
        ['', 'PL-T1', '测试学校', '学校', inside[0], inside[1]],
        ['', 'PL-T2', '远处工地', '建筑工地', (inside[0] as number) + 1, inside[1]],
      ]),
    );
    expect(bad.errors).toEqual([{ row: 3, column: '经度', reason: expect.stringContaining('不在') }]);
    const good = await importFile(
      'grid',
      'places',
      org.grid,
      await sheet(cols, [['', 'PL-T1', '测试学校', '学校', inside[0], inside[1]]]),
    );
    expect(good).toMatchObject({ status: 'done', created: 1 });
    const again = await importFile(
      'grid',
      'places',
      org.grid,
      await sheet(cols, [['', 'PL-T1', '测试小学', '学校', inside[0], inside[1]]]),
    );
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 1 });
    const list = ok(await json('GET', '/api/grid-data/places?q=PL-T1', 'grid')).body;
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(['测试小学']);
    // through the API too
    const outside = await json('POST', '/api/grid-data/places', 'grid', {
      gridId: org.grid,
      fields: { code: 'PL-T3', name: '外面', category: '商铺', lng: (inside[0] as number) + 1, lat: inside[1] },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('GRID_POINT_OUTSIDE');
  });
});

describe('things, export, cases, dashboard', () => {
  it('lists things overdue for inspection; exports exactly the filtered rows, masked', async () => {
    const today = new Date(sys.services.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const past = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const future = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    ok(
      await json('POST', '/api/grid-data/things', 'grid', {
        gridId: org.grid,
        fields: { code: 'TH-1', name: '消防栓甲', category: '消防栓', nextInspection: past },
      }),
      201,
    );
    ok(
      await json('POST', '/api/grid-data/things', 'grid', {
        gridId: org.grid,
        fields: { code: 'TH-2', name: '电梯乙', category: '电梯', nextInspection: future },
      }),
      201,
    );
    const overdue = ok(await json('GET', '/api/grid-data/things?overdue=true', 'grid')).body.items;
    expect(overdue.map((t: { name: string }) => t.name)).toContain('消防栓甲');
    expect(overdue.map((t: { name: string }) => t.name)).not.toContain('电梯乙');
    expect(overdue.find((t: { name: string }) => t.name === '消防栓甲').overdue).toBe(true);
    const dash = ok(await json('GET', `/api/grid-data/dashboard?orgId=${org.village}`, 'village')).body;
    expect(dash.overdue).toBeGreaterThanOrEqual(1);
    expect(dash.grids.find((g: { gridId: number }) => g.gridId === org.grid).overdue).toBeGreaterThanOrEqual(1);

    const r = await sys.request({
      method: 'GET',
      url: '/api/grid-data/people/export?q=批量',
      headers: as.grid as Headers,
    });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(3).value));
    });
    const listed = ok(await json('GET', '/api/grid-data/people?q=批量', 'grid')).body.items.map(
      (i: { name: string }) => i.name,
    );
    expect(names.sort()).toEqual(listed.sort());
    expect(JSON.stringify(ws.getSheetValues())).not.toMatch(/\d{17}[\dX]/);
  });

  it('a case names a person; the person’s page lists the case; another town cannot attach', async () => {
    const p = ok(await person('grid', org.grid, { name: '案涉人', idNumber: newId() }), 201).body;
    const now = sys.services.clock.now();
    const c = await sys.services.db
      .insertInto('cases')
      .values({
        number: 'GD-TEST-1',
        county_code: '330788',
        channel: 'citizen_app',
        title: '楼道堆物',
        body: '楼道堆放杂物',
        status: 'handling',
        town_id: org.town,
        village_id: org.village,
        grid_id: org.grid,
        owner_org_id: org.grid,
        reported_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const caseId = Number(c.id);
    const attached = ok(await json('POST', `/api/grid-data/cases/${caseId}/subjects`, 'grid', { recordId: p.id })).body;
    expect(attached.items.map((s: { recordId: number }) => s.recordId)).toEqual([p.id]);
    const page = ok(await json('GET', `/api/grid-data/people/${p.id}`, 'grid')).body;
    expect(page.cases.map((x: { id: number }) => x.id)).toEqual([caseId]);
    expect((await json('POST', `/api/grid-data/cases/${caseId}/subjects`, 'town2', { recordId: p.id })).status).toBe(
      404,
    );
    ok(await json('DELETE', `/api/grid-data/cases/${caseId}/subjects/${p.id}`, 'grid'));
    expect(ok(await json('GET', `/api/grid-data/people/${p.id}`, 'grid')).body.cases).toEqual([]);
  });
});
