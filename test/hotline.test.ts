// The 12345 hotline through HTTP: signed pushes (idempotent on the order number, even 50 at once), changes of
// an order amending its case through the case service (version, timeline, outbox; consumers unharmed), the
// category mapping and the classifier's suggestion for unmapped categories, and spreadsheet imports with
// preview, per-row errors and progress.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/core/exceljs.js';
import { extractCaseFacts } from '../src/domain/assessment/facts.js';
import { signPayload } from '../src/domain/intake/hotline-order.js';
import { openReporterField } from '../src/modules/cases/index.js';
import { catchUpRollups, checkRollups } from '../src/modules/dashboards/rollups.js';
import { DEMO_HOTLINE_KEY, DEMO_HOTLINE_SIGNING_SECRET } from '../src/modules/hotline/demo-keys.js';
import { createApiKey, firstGridPoint, postFile } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
let admin: Record<string, string>;
let point: { lat: number; lng: number };

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  admin = await sys.login('admin');
  point = await firstGridPoint(sys);
}, 120_000);
afterAll(async () => sys?.stop());

let seq = 0;
function order(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    orderNo: `HL-T-${Date.now()}-${seq}`,
    callTime: '2026-03-01 09:30',
    callerName: '王女士',
    callerPhone: '13900001111',
    content: '小区门口的路灯坏了一个多月，晚上出行很不方便，希望尽快修复。',
    hotlineCategory: '城乡建设',
    lat: point.lat,
    lng: point.lng,
    urgency: '一般',
    ...overrides,
  };
}

async function push(
  body: unknown,
  options: { key?: string; secret?: string; timestamp?: number; tamper?: boolean; noSignature?: boolean } = {},
) {
  const raw = JSON.stringify(body);
  const ts = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-api-key': options.key ?? DEMO_HOTLINE_KEY,
  };
  if (!options.noSignature) {
    headers['x-gz-timestamp'] = ts;
    headers['x-gz-signature'] = signPayload(options.secret ?? DEMO_HOTLINE_SIGNING_SECRET, ts, raw);
  }
  const r = await sys.request({
    method: 'POST',
    url: '/api/hotline/orders',
    headers,
    payload: options.tamper ? `${raw} ` : raw,
  });
  return { status: r.statusCode, body: r.json() };
}

/** The order's case rows, the reporter's name and phone opened (they are stored encrypted, issue 18). */
async function casesOf(orderNo: string) {
  const rows = await sys.services.db
    .selectFrom('cases')
    .selectAll()
    .where('channel', '=', 'hotline')
    .where('external_ref', '=', orderNo)
    .execute();
  const open = (v: string | null) => openReporterField(sys.services.fieldCrypto, v);
  return rows.map((r) => ({ ...r, reporter_name: open(r.reporter_name), reporter_phone: open(r.reporter_phone) }));
}

describe('push', () => {
  it('creates a case for a signed order', async () => {
    const o = order();
    const r = await push(o);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ orderNo: o.orderNo, result: 'created' });
    const rows = await casesOf(o.orderNo);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: r.body.caseId,
      number: r.body.caseNumber,
      body: o.content,
      reporter_name: '王女士',
    });
    const county = await sys.login('county');
    const detail = await sys.request({ method: 'GET', url: `/api/cases/${r.body.caseId}`, headers: county });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().channel).toBe('hotline');
  });

  it('refuses a missing, stale or wrong signature and a key without the permission', async () => {
    const o = order();
    const missing = await push(o, { noSignature: true });
    expect(missing).toMatchObject({ status: 401, body: { code: 'SIGNATURE_INVALID' } });
    const stale = await push(o, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale).toMatchObject({ status: 401, body: { code: 'SIGNATURE_EXPIRED' } });
    const tampered = await push(o, { tamper: true });
    expect(tampered).toMatchObject({ status: 401, body: { code: 'SIGNATURE_INVALID' } });
    const wrong = await push(o, { secret: 'whsec_not_the_right_one' });
    expect(wrong.status).toBe(401);
    const openKey = await createApiKey(sys, admin, ['case.create']);
    const forbidden = await push(o, { key: openKey });
    expect(forbidden).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const nokey = await sys.request({ method: 'POST', url: '/api/hotline/orders', payload: o });
    expect(nokey.statusCode).toBe(401);
    expect(await casesOf(o.orderNo)).toHaveLength(0);
  });

  it('needs a signing secret per key, made by an administrator', async () => {
    const key = await createApiKey(sys, admin, ['hotline.push']);
    const o = order();
    const before = await push(o, { key });
    expect(before.status).toBe(401);
    expect(before.body.message).toContain('签名密钥');
    const keys = (await sys.request({ method: 'GET', url: '/api/hotline/keys', headers: admin })).json().items;
    const mine = keys.find((k: { prefix: string }) => key.startsWith(k.prefix) && k.prefix.length > 0);
    expect(mine.secretCreatedAt).toBeNull();
    const made = await sys.request({ method: 'POST', url: `/api/hotline/keys/${mine.id}/secret`, headers: admin });
    expect(made.statusCode).toBe(200);
    const ok = await push(o, { key, secret: made.json().secret });
    expect(ok.status).toBe(201);
  });

  it('rejects a bad order with every problem named, writing nothing', async () => {
    const o = order({ content: '', callerPhone: '12345', callTime: '明天' });
    const r = await push(o);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.message).toContain('诉求内容不能为空');
    expect(r.body.details.problems.map((p: { field: string }) => p.field).sort()).toEqual([
      'callTime',
      'callerPhone',
      'content',
    ]);
    const outside = await push(order({ lat: 39.9, lng: 116.4 }));
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('OUTSIDE_COUNTY');
    const nowhere = await push(order({ lat: null, lng: null, address: '某个不存在的地方' }));
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.message).toContain('无法确定诉求位置');
  });

  it('locates an order by the town named in its address', async () => {
    const town = await sys.services.db
      .selectFrom('orgs')
      .select(['id', 'name'])
      .where('kind', '=', 'town')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const o = order({ lat: null, lng: null, address: `青溪县${town.name}人民路 8 号` });
    const r = await push(o);
    expect(r.status).toBe(201);
    const [row] = await casesOf(o.orderNo);
    expect(row?.town_id).toBe(town.id);
  });

  it('the same order pushed 50 times at once is one case', async () => {
    const o = order();
    const results = await Promise.all(Array.from({ length: 50 }, () => push(o)));
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.result === 'created')).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.caseId)).size).toBe(1);
    expect(await casesOf(o.orderNo)).toHaveLength(1);
  });
});

/** What a case has written so far: timeline entries, outbox messages, notifications, order revisions. */
async function writes(caseId: number) {
  const db = sys.services.db;
  const count = async (table: 'case_events' | 'outbox' | 'notifications' | 'hotline_order_revisions') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    events: await count('case_events'),
    outbox: await count('outbox'),
    notifications: await count('notifications'),
    revisions: await count('hotline_order_revisions'),
  };
}

async function timelineOf(caseId: number) {
  return sys.services.db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('version')
    .execute();
}

describe('a changed order', () => {
  it('amends the description through the case service: new version, timeline entry, outbox, not the workflow', async () => {
    const o = order();
    const first = await push(o);
    const [before] = await casesOf(o.orderNo);
    const written = await writes(first.body.caseId);

    const again = await push(o);
    expect(again.body.result).toBe('unchanged');
    expect(await writes(first.body.caseId)).toEqual(written);
    expect((await casesOf(o.orderNo))[0]?.version).toBe(before?.version);

    const amendedOrder = {
      ...o,
      content: `${o.content}（来电人补充：路灯在 3 号楼东侧）`,
      address: '3号楼东侧',
      callerName: '王女士（女儿代为反映）',
      callerPhone: '13900002222',
    };
    const changed = await push(amendedOrder);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ result: 'updated', caseId: first.body.caseId });
    const [after] = await casesOf(o.orderNo);
    expect(after?.body).toContain('3 号楼东侧');
    expect(after?.title).toBe(before?.title); // the title made from the text's first sentence is the same
    expect(after?.address).toBe('3号楼东侧');
    expect(after?.reporter_phone).toBe('13900002222');
    expect(after?.status).toBe(before?.status);
    expect(after?.category_id).toBe(before?.category_id);
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    const machine = (typeof after?.machine === 'string' ? JSON.parse(after.machine) : after?.machine) as {
      version: number;
    };
    expect(machine.version).toBe(after?.version);
    const now = await writes(first.body.caseId);
    expect(now).toMatchObject({ events: written.events + 1, outbox: written.outbox + 1, revisions: 1 });
    expect(now.notifications).toBeGreaterThan(written.notifications);

    const last = (await timelineOf(first.body.caseId)).at(-1);
    expect(last).toMatchObject({ type: 'amended', version: after?.version, from_state: 'submitted' });
    expect(last?.to_state).toBe('submitted');
    const details = (typeof last?.details === 'string' ? JSON.parse(last.details) : last?.details) as Record<
      string,
      unknown
    >;
    expect(details).toMatchObject({ source: 'hotline', fields: ['body', 'address', 'reporter'] });
    expect(details.previousBody).toBe(o.content);
    expect(last?.note).toContain(o.orderNo);
    // Names and phones stay off the timeline (it is read by staff who see them masked).
    expect(JSON.stringify(details)).not.toContain('13900002222');
    expect(JSON.stringify(details)).not.toContain('女儿');

    const outbox = await sys.services.db
      .selectFrom('outbox')
      .select('payload')
      .where('case_id', '=', first.body.caseId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const payload = (typeof outbox.payload === 'string' ? JSON.parse(outbox.payload) : outbox.payload) as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({
      type: 'amended',
      state: 'submitted',
      version: after?.version,
      externalRef: o.orderNo,
    });

    // Staff read it on the case's timeline.
    const county = await sys.login('county');
    const detail = (await sys.json('GET', `/api/cases/${first.body.caseId}`, county)).body;
    const entry = detail.timeline.find((e: { type: string }) => e.type === 'amended');
    expect(entry).toMatchObject({ note: expect.stringContaining('再次推送'), details: { fields: expect.any(Array) } });
    expect(detail.version).toBe(after?.version);

    const revisions = await sys.services.hotline.revisions(first.body.caseId);
    expect(revisions).toHaveLength(1);
    expect(Object.keys(revisions[0]?.changes as object).sort()).toEqual([
      'address',
      'callerName',
      'callerPhone',
      'content',
    ]);

    // The same changed order once more: nothing new.
    const settled = await writes(first.body.caseId);
    const repeat = await push(amendedOrder);
    expect(repeat.body.result).toBe('unchanged');
    expect(await writes(first.body.caseId)).toEqual(settled);
  });

  it('after staff acted on the case, amends the version staff left; a stale version is refused', async () => {
    const o = order();
    const first = await push(o);
    const county = await sys.login('county');
    const accepted = await sys.json('POST', `/api/cases/${first.body.caseId}/actions`, county, {
      version: 1,
      action: { type: 'accept' },
    });
    expect(accepted.status).toBe(200);
    const changed = await push({ ...o, content: `${o.content}今天又有居民摔倒了。` });
    expect(changed.body.result).toBe('updated');
    const [row] = await casesOf(o.orderNo);
    expect(row?.version).toBe(accepted.body.version + 1);
    expect(row?.status).toBe(accepted.body.state);

    // Through the service: a version someone has moved past, and bad text, write nothing.
    const before = await writes(first.body.caseId);
    const stale = sys.services.cases.amend(
      first.body.caseId,
      { version: 1, body: '另一段新的描述内容', source: 'hotline' },
      null,
    );
    await expect(stale).rejects.toMatchObject({ code: 'CASE_VERSION_CONFLICT', status: 409 });
    const blank = sys.services.cases.amend(
      first.body.caseId,
      { version: row?.version as number, body: '  ', source: 'hotline' },
      null,
    );
    await expect(blank).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    const bad = await push({ ...o, content: '' });
    expect(bad.status).toBe(400);
    expect(await writes(first.body.caseId)).toEqual(before);
    expect((await casesOf(o.orderNo))[0]?.body).toBe(row?.body);
  });

  it('the same change pushed 20 times at once amends the case once', async () => {
    const o = order();
    const first = await push(o);
    const before = await writes(first.body.caseId);
    const changed = { ...o, content: `${o.content}补充：灯杆编号 QX-0231。` };
    const results = await Promise.all(Array.from({ length: 20 }, () => push(changed)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.result === 'updated')).toHaveLength(1);
    const after = await writes(first.body.caseId);
    expect(after).toMatchObject({ events: before.events + 1, outbox: before.outbox + 1, revisions: 1 });
  });

  it('leaves the consumers right: rollups equal the raw tables, an amendment takes nothing in', async () => {
    const o = order();
    const first = await push(o);
    await push({ ...o, address: '文昌路 12 号对面' });
    await catchUpRollups(sys.services.db);
    const check = await checkRollups(sys.services.db);
    expect(check.mismatches).toEqual(Object.fromEntries(Object.keys(check.mismatches).map((k) => [k, 0])));
    // Still waiting to be accepted: the amendment is not the platform's sign-for.
    const [row] = await casesOf(o.orderNo);
    const events = await timelineOf(first.body.caseId);
    expect(events.map((e) => e.type)).toEqual(['opened', 'amended']);
    const facts = extractCaseFacts({
      caseId: first.body.caseId,
      townId: row?.town_id ?? null,
      villageId: row?.village_id ?? null,
      gridId: row?.grid_id ?? null,
      events: events.map((e) => ({
        at: new Date(e.at),
        type: e.type,
        orgId: e.org_id,
        fromState: e.from_state,
        toState: e.to_state,
        details: (typeof e.details === 'string' ? JSON.parse(e.details) : e.details) as Record<string, unknown>,
      })),
    });
    expect(facts.rows.reduce((n, r) => n + r.facts.signDue, 0)).toBe(0);
    expect(facts.rows.reduce((n, r) => n + r.facts.received, 0)).toBeGreaterThan(0);
  });
});

describe('category suggestion', () => {
  it("an unmapped hotline category gets the classifier's category, marked as suggested for the dispatcher", async () => {
    const content = '我家楼下的饭店每天晚上油烟很大，排风扇噪音一直响到凌晨，影响休息，请环保部门来查一查。';
    const expected = await sys.services.categorySuggester.classify(content);
    expect(expected.proposed.categoryId).not.toBeNull();
    for (const hotlineCategory of ['某某热线自定义类型-未映射', null]) {
      const o = order({ content, hotlineCategory });
      const r = await push(o);
      expect(r.status).toBe(201);
      const [row] = await casesOf(o.orderNo);
      expect(row?.category_id).toBe(expected.proposed.categoryId);
      const extra = (typeof row?.extra === 'string' ? JSON.parse(row.extra) : row?.extra) as {
        hotline: { categorySource: string; suggestedCategory: { categoryId: number; categoryName: string } };
      };
      expect(extra.hotline.categorySource).toBe('suggested');
      expect(extra.hotline.suggestedCategory).toMatchObject({
        categoryId: expected.proposed.categoryId,
        categoryName: expected.proposed.categoryName,
      });
      const county = await sys.login('county');
      const detail = (await sys.json('GET', `/api/cases/${r.body.caseId}`, county)).body;
      expect(detail.categoryId).toBe(expected.proposed.categoryId);
      const opened = detail.timeline.find((e: { type: string }) => e.type === 'opened');
      expect(opened.details).toMatchObject({
        categorySource: 'suggested',
        categoryName: expected.proposed.categoryName,
      });
      expect(opened.note).toContain('智能推荐');
      if (hotlineCategory) expect(opened.note).toContain(hotlineCategory);
    }
  });

  it('a category of the same name is taken as it is, not suggested', async () => {
    const o = order();
    await push(o);
    const [row] = await casesOf(o.orderNo);
    expect(row?.category_id).not.toBeNull();
    const extra = (typeof row?.extra === 'string' ? JSON.parse(row.extra) : row?.extra) as {
      hotline: { categorySource: string; suggestedCategory?: unknown };
    };
    expect(extra.hotline.categorySource).toBe('name');
    expect(extra.hotline.suggestedCategory).toBeUndefined();
    const [opened] = await timelineOf(row?.id as number);
    expect(opened?.note).toBeNull();
  });
});

describe('category mapping', () => {
  it('administrators map a hotline category to ours; pushes use it', async () => {
    const cat = await sys.services.db
      .selectFrom('categories')
      .select(['id', 'name'])
      .where('level', '=', 2)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const put = await sys.request({
      method: 'PUT',
      url: '/api/hotline/category-map',
      headers: admin,
      payload: { hotlineCategory: '市容环境/占道经营', categoryId: cat.id },
    });
    expect(put.statusCode).toBe(200);
    const list = (await sys.request({ method: 'GET', url: '/api/hotline/category-map', headers: admin })).json();
    expect(list.items).toContainEqual(
      expect.objectContaining({ hotlineCategory: '市容环境/占道经营', categoryId: cat.id }),
    );
    const o = order({ hotlineCategory: '市容环境/占道经营' });
    await push(o);
    const [row] = await casesOf(o.orderNo);
    expect(row?.category_id).toBe(cat.id);
    expect((row?.extra as { hotline?: { categorySource: string } } | undefined)?.hotline?.categorySource).toBe(
      'mapped',
    );
    const bad = await sys.request({
      method: 'PUT',
      url: '/api/hotline/category-map',
      headers: admin,
      payload: { hotlineCategory: 'x', categoryId: 999999 },
    });
    expect(bad.json().code).toBe('CATEGORY_NOT_FOUND');
    const del = await sys.request({
      method: 'DELETE',
      url: `/api/hotline/category-map?hotlineCategory=${encodeURIComponent('市容环境/占道经营')}`,
      headers: admin,
    });
    expect(del.statusCode).toBe(204);
  });
});

describe('spreadsheet import', () => {
  const header = ['工单编号', '来电时间', '来电人', '联系电话', '诉求内容', '诉求类型', '地址', '经度', '纬度'];

  const upload = (name: string, bytes: Buffer) => postFile(sys, '/api/hotline/imports', admin, name, bytes);

  async function runToEnd(id: number) {
    const start = await sys.request({ method: 'POST', url: `/api/hotline/imports/${id}/start`, headers: admin });
    expect(start.statusCode).toBe(202);
    for (let i = 0; i < 100; i++) {
      const p = (await sys.request({ method: 'GET', url: `/api/hotline/imports/${id}`, headers: admin })).json();
      if (p.status === 'done') return p;
      // The background job's pass (the start route nudges one too: runNow waits for it).
      await sys.services.jobs.runNow('hotline-import');
    }
    throw new Error('import did not finish');
  }

  function csv(rows: (string | number)[][]): Buffer {
    return Buffer.from(`\uFEFF${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`);
  }

  it('previews with per-row errors and the category mapping, imports in batches, re-imports nothing new', async () => {
    const stamp = Date.now();
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 120; i++) {
      rows.push([
        `IMP${stamp}-${i}`,
        '2026-03-02 10:15',
        '李先生',
        '13700002222',
        `第 ${i} 号楼下水道堵塞，污水外溢，请尽快处理。`,
        '城乡建设',
        '',
        point.lng,
        point.lat,
      ]);
    }
    rows.push([`IMP${stamp}-bad1`, '2026-03-02 10:15', '赵', '13700002222', '', '城乡建设', '', point.lng, point.lat]);
    rows.push([
      `IMP${stamp}-bad2`,
      '2026-03-02 10:15',
      '钱',
      '1234',
      '噪音扰民，晚上十点后还在施工。',
      '环境保护',
      '',
      point.lng,
      point.lat,
    ]);
    rows.push([
      `IMP${stamp}-0`,
      '2026-03-02 10:15',
      '孙',
      '13700002222',
      '重复的工单编号这一行应被拒绝。',
      '城乡建设',
      '',
      point.lng,
      point.lat,
    ]);
    const file = csv(rows);
    const preview = await upload('orders.csv', file);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ rows: 123, valid: 120, alreadyImported: 0 });
    expect(preview.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 122, column: '诉求内容' }),
        expect.objectContaining({ row: 123, column: '联系电话' }),
        expect.objectContaining({ row: 124, column: '工单编号', message: expect.stringContaining('第 2 行重复') }),
      ]),
    );
    expect(preview.body.sample).toHaveLength(20);
    expect(preview.body.sample[0]).toMatchObject({
      row: 2,
      orderNo: `IMP${stamp}-0`,
      callTime: '2026-03-02T02:15:00.000Z',
    });
    expect(preview.body.categories).toContainEqual(expect.objectContaining({ hotlineCategory: '城乡建设', rows: 120 }));

    const done = await runToEnd(preview.body.importId);
    expect(done).toMatchObject({ total: 120, processed: 120, created: 120, failed: 0 });
    const count = await sys.services.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', '=', 'hotline')
      .where('external_ref', 'like', `IMP${stamp}-%`)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(120);

    const again = await upload('orders.csv', file);
    expect(again.body.alreadyImported).toBe(120);
    const second = await runToEnd(again.body.importId);
    expect(second).toMatchObject({ created: 0, unchanged: 120 });
    const count2 = await sys.services.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('external_ref', 'like', `IMP${stamp}-%`)
      .executeTakeFirstOrThrow();
    expect(Number(count2.n)).toBe(120);
    const list = (await sys.request({ method: 'GET', url: '/api/hotline/imports', headers: admin })).json();
    expect(list.items[0].id).toBe(again.body.importId);
  });

  it('reads xlsx with real date cells, and names missing columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工单');
    sheet.addRow(header);
    sheet.addRow([
      `X${Date.now()}`,
      new Date(Date.UTC(2026, 2, 3, 8, 0)),
      '周',
      '0579-88001234',
      '路面塌陷，有安全隐患，请尽快处理。',
      '城乡建设',
      '',
      point.lng,
      point.lat,
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await upload('orders.xlsx', bytes);
    expect(preview.status).toBe(200);
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.sample[0]).toMatchObject({
      callTime: '2026-03-03T00:00:00.000Z',
      callerPhone: '0579-88001234',
    });
    const done = await runToEnd(preview.body.importId);
    expect(done.created).toBe(1);

    const bad = await upload('bad.csv', Buffer.from('编号,内容\n1,2\n'));
    expect(bad.status).toBe(422);
    expect(bad.body.message).toContain('工单编号');
    const template = await sys.request({ method: 'GET', url: '/api/hotline/imports/template', headers: admin });
    expect(template.statusCode).toBe(200);
  });
});
