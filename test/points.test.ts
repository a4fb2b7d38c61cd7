// Civility points and credit households through HTTP on a real database (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set): rules from the county template, households (masked, revealed with an audit
// entry, imported all-or-nothing), awards with evidence, caps, the second person's approval, objections
// from the phone, corrections, the shop with two redemptions at once, rankings and the public board,
// credit households and their export, scope between villages and towns, and the ledger invariant as a
// property over random sequences of operations.

import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/core/exceljs.js';
import { chinaDayOf } from '../src/domain/calendar/index.js';
import { makePng } from './support/images.js';
import { citizenLogin, postFile, uploadFile } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
let villageB = 0;
const rule: Record<string, number> = {};
const ruleId = (name: string) => rule[name] as number;

const json = (method: string, url: string, who: string | Headers, payload?: unknown) =>
  sys.json(method, url, typeof who === 'string' ? (as[who] as Headers) : who, payload);

function ok<T extends { status: number; body: unknown }>(r: T, status = 200): T {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

// one sign-in per phone for the whole file (codes are rate-limited per phone)
const citizenSessions = new Map<string, Promise<Headers>>();
function signedInCitizen(phone: string): Promise<Headers> {
  let session = citizenSessions.get(phone);
  if (!session) {
    session = citizenLogin(sys, phone);
    citizenSessions.set(phone, session);
  }
  return session;
}

let doorSeq = 0;
async function newHousehold(extra: Record<string, unknown> = {}, villageId = org.village) {
  doorSeq++;
  const r = await json('POST', '/api/points/households', 'admin', {
    villageId,
    doorNo: `测试路 ${doorSeq} 号`,
    headName: `测试户${doorSeq}`,
    members: 3,
    ...extra,
  });
  return ok(r, 201).body as { id: number; balance: number; version: number };
}

const award = (who: string, householdId: number, ruleId: number, extra: Record<string, unknown> = {}) =>
  json('POST', '/api/points/entries', who, { householdId, ruleId, ...extra });

async function balanceOf(householdId: number): Promise<number> {
  return (ok(await json('GET', `/api/points/households/${householdId}`, 'village')).body as { balance: number })
    .balance;
}

/** The ledger invariant straight from the tables: balance = Σ points, running balances ≥ 0 and consistent. */
async function ledgerHolds(householdId: number): Promise<void> {
  const db = sys.services.db;
  const h = await db
    .selectFrom('points_households')
    .select(['balance', 'entry_count'])
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const entries = await db
    .selectFrom('points_entries')
    .select(['seq', 'points', 'balance_after'])
    .where('household_id', '=', householdId)
    .orderBy('seq')
    .execute();
  let sum = 0;
  entries.forEach((e, i) => {
    sum += e.points;
    expect(e.seq).toBe(i + 1);
    expect(e.balance_after).toBe(sum);
    expect(sum).toBeGreaterThanOrEqual(0);
  });
  expect(h.balance).toBe(sum);
  expect(h.entry_count).toBe(entries.length);
}

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'grid', 'dept']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  const villages = await json('GET', `/api/orgs?parentId=${org.town2}&kind=village&limit=1`, 'admin');
  villageB = villages.body.items[0].id;
  const overview = ok(await json('GET', `/api/points/villages/${org.village}`, 'village')).body;
  for (const r of overview.rules as { id: number; name: string }[]) rule[r.name] = r.id;
}, 120_000);
afterAll(async () => sys?.stop());

describe('rules from the county template', () => {
  it('the demo village has adopted the template; adopting again adds only what the county added since', async () => {
    const template = ok(await json('GET', '/api/points/template', 'village')).body.items;
    expect(template.length).toBe(13);
    expect(template[0]).toMatchObject({
      category: '人居环境',
      name: '垃圾分类（定时定点投放）',
      points: 2,
      unit: 'time',
      capPoints: 10,
      capPeriod: 'month',
    });
    expect(ruleId('见义勇为')).toBeGreaterThan(0);
    expect(ok(await json('POST', `/api/points/villages/${org.village}/adopt-template`, 'village')).body).toEqual({
      added: 0,
    });
    const added = await json('POST', '/api/points/template/rules', 'admin', {
      category: '乡风文明',
      name: '家风家训上墙',
      points: 3,
      unit: 'time',
      capPoints: 3,
      capPeriod: 'year',
    });
    ok(added, 201);
    expect(ok(await json('POST', `/api/points/villages/${org.village}/adopt-template`, 'village')).body).toEqual({
      added: 1,
    });
    const overview = ok(await json('GET', `/api/points/villages/${org.village}`, 'village')).body;
    const copy = overview.rules.find((r: { name: string }) => r.name === '家风家训上墙');
    expect(copy).toMatchObject({ templateRuleId: added.body.id, villageId: org.village, points: 3 });
    // the template is the county's: a village changes its own copy
    const refused = await json('POST', '/api/points/template/rules', 'village', {
      category: 'x',
      name: 'x',
      points: 1,
      unit: 'time',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('县级模板');
    ok(await json('PATCH', `/api/points/rules/${copy.id}`, 'village', { version: copy.version, points: 4 }));
    expect(
      (await json('PATCH', `/api/points/rules/${copy.id}`, 'village', { version: copy.version, points: 5 })).body.code,
    ).toBe('POINTS_VERSION_CONFLICT');
    expect(
      (await json('PATCH', `/api/points/rules/${added.body.id}`, 'village', { version: 1, points: 9 })).status,
    ).toBe(403);
    // caps come in pairs, in Chinese
    const half = await json('POST', `/api/points/villages/${org.village}/rules`, 'village', {
      category: 'x',
      name: '半个上限',
      points: 1,
      unit: 'time',
      capPoints: 5,
    });
    expect(half.status).toBe(400);
    expect(half.body.message).toBe('上限分值与上限周期须同时填写或同时留空');
    // another town's village does not exist for this village, nor for the town
    for (const who of ['village', 'town']) {
      expect((await json('GET', `/api/points/villages/${villageB}`, who)).status).toBe(404);
      expect((await json('POST', `/api/points/villages/${villageB}/adopt-template`, who)).status).toBe(
        who === 'town' ? 403 : 404,
      );
    }
  });

  it('settings are versioned and checked', async () => {
    const before = ok(await json('GET', `/api/points/villages/${org.village}`, 'village')).body.settings;
    expect(before).toMatchObject({
      approvalThreshold: 10,
      objectionDays: 7,
      creditGradeA: 30,
      boardPublic: true,
      boardFullNames: false,
    });
    const bad = await json('PUT', `/api/points/villages/${org.village}/settings`, 'village', {
      version: before.version,
      creditGradeA: 200,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('A ≤ AA ≤ AAA');
    const stale = await json('PUT', `/api/points/villages/${org.village}/settings`, 'village', {
      version: before.version + 5,
      objectionDays: 5,
    });
    expect(stale.body.code).toBe('POINTS_VERSION_CONFLICT');
  });
});

describe('households', () => {
  it('are registered, masked, revealed with an audit entry, and unique by door and head phone', async () => {
    const grid = (await json('GET', `/api/orgs?parentId=${org.village}&kind=grid&limit=1`, 'admin')).body.items[0].id;
    const created = ok(
      await json('POST', '/api/points/households', 'village', {
        villageId: org.village,
        gridId: grid,
        doorNo: '幸福里 8 号',
        headName: '李梅',
        members: 4,
        address: '青溪县青溪街道幸福里 8 号',
        phone: '13912345678',
      }),
      201,
    ).body;
    expect(created).toMatchObject({
      phone: '139****5678',
      address: '青溪县青溪街****',
      masked: true,
      balance: 0,
      linkedCitizen: false,
    });
    const revealed = ok(await json('GET', `/api/points/households/${created.id}/pii`, 'village')).body;
    expect(revealed).toEqual({ phone: '13912345678', address: '青溪县青溪街道幸福里 8 号' });
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select(['action', 'target_type'])
      .where('target_id', '=', String(created.id))
      .where('action', '=', 'pii.view')
      .execute();
    expect(audit).toEqual([{ action: 'pii.view', target_type: 'points_household' }]);
    const dup = await json('POST', '/api/points/households', 'village', {
      villageId: org.village,
      doorNo: '幸福里 8 号',
      headName: '王五',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe('本村已有门牌号为「幸福里 8 号」的农户');
    const phone = await json('POST', '/api/points/households', 'village', {
      villageId: org.village,
      doorNo: '幸福里 9 号',
      headName: '王五',
      phone: '13912345678',
    });
    expect(phone.body.message).toBe('手机号 13912345678 已登记为本县其他农户的户主');
    const bad = await json('POST', '/api/points/households', 'village', {
      villageId: org.village,
      doorNo: '幸福里 9 号',
      headName: '王五',
      phone: '12345',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('户主手机须为 11 位手机号，实为「12345」');
    const gridB = (await json('GET', `/api/orgs?parentId=${villageB}&kind=grid&limit=1`, 'admin')).body.items[0].id;
    const wrongGrid = await json('POST', '/api/points/households', 'village', {
      villageId: org.village,
      doorNo: '幸福里 9 号',
      headName: '王五',
      gridId: gridB,
    });
    expect(wrongGrid.body.message).toBe('所选网格不属于该村社区');
    // overdue debt is recorded with a note
    const debt = await json('PATCH', `/api/points/households/${created.id}`, 'village', {
      version: created.version,
      overdueDebt: true,
    });
    expect(debt.body.message).toBe('登记逾期欠款须写明情况说明');
    // nothing half-written by the refusals
    const count = await sys.services.db
      .selectFrom('points_households')
      .select(sql<number>`count(*)`.as('n'))
      .where('door_no', 'like', '幸福里%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('another town’s households do not exist for a town, a grid or a department', async () => {
    const b = await newHousehold({}, villageB);
    for (const who of ['town', 'village']) {
      expect((await json('GET', `/api/points/households/${b.id}`, who)).status).toBe(404);
      expect((await json('GET', `/api/points/households/${b.id}/ledger`, who)).status).toBe(404);
      expect((await json('GET', `/api/points/households/${b.id}/pii`, who)).status).toBe(404);
    }
    expect(
      (await json('PATCH', `/api/points/households/${b.id}`, 'village', { version: 1, headName: 'x' })).status,
    ).toBe(404);
    expect((await json('GET', `/api/points/households/${b.id}`, 'town2')).status).toBe(200);
    expect((await json('GET', `/api/points/households/${b.id}`, 'county')).status).toBe(200);
    expect((await json('GET', `/api/points/households/${b.id}/pii`, 'grid')).status).toBe(404);
    expect((await json('GET', '/api/points/households', 'grid')).status).toBe(403);
    const listA = ok(await json('GET', '/api/points/households?pageSize=500', 'town')).body;
    expect(listA.items.every((h: { village: { id: number } }) => h.village.id !== villageB)).toBe(true);
    expect(listA.total).toBeGreaterThanOrEqual(40);
    const villages = ok(await json('GET', '/api/points/villages', 'town')).body.items;
    expect(villages.map((v: { id: number }) => v.id)).toContain(org.village);
    expect(villages.map((v: { id: number }) => v.id)).not.toContain(villageB);
  });

  it('import: every bad row with its number and reason, nothing written; a dry run; then all rows; again updates', async () => {
    const sheet = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('农户');
      ws.addRow(['门牌号', '户主姓名', '家庭人口', '地址', '户主手机', '所属网格']);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const url = (dry: boolean) => `/api/points/households/import?villageId=${org.village}&dryRun=${dry}`;
    const bad = await postFile(
      sys,
      url(false),
      as.village as Headers,
      'h.xlsx',
      await sheet([
        ['导入路 1 号', '赵一', 3, '', '13700000001', ''],
        ['导入路 2 号', '', 0, '', '1370000', '不存在的网格'],
        ['导入路 1 号', '赵三', 2, '', '13700000001', ''],
      ]),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('IMPORT_INVALID');
    expect(bad.body.details.errors).toEqual([
      { row: 3, column: '户主姓名', message: '户主姓名不能为空' },
      { row: 3, column: '家庭人口', message: '家庭人口须为 1 到 99 的整数，实为「0」' },
      { row: 3, column: '户主手机', message: '户主手机须为 11 位手机号，实为「1370000」' },
      { row: 3, column: '所属网格', message: expect.stringContaining('「不存在的网格」不是') },
      { row: 4, column: '门牌号', message: '门牌号与第 2 行重复' },
      { row: 4, column: '户主手机', message: '户主手机与第 2 行重复' },
    ]);
    const good = await sheet([
      ['导入路 1 号', '赵一', 3, '青溪县导入路 1 号', '13700000001', ''],
      ['导入路 2 号', '赵二', 2, '', '', ''],
    ]);
    expect(ok(await postFile(sys, url(true), as.village as Headers, 'h.xlsx', good)).body).toEqual({
      rows: 2,
      created: 2,
      updated: 0,
      dryRun: true,
    });
    const list = async () =>
      (await json('GET', `/api/points/households?villageId=${org.village}&q=导入路`, 'village')).body.items;
    expect(await list()).toEqual([]);
    expect(ok(await postFile(sys, url(false), as.village as Headers, 'h.xlsx', good)).body).toEqual({
      rows: 2,
      created: 2,
      updated: 0,
      dryRun: false,
    });
    expect((await list()).map((h: { headName: string }) => h.headName)).toEqual(['赵一', '赵二']);
    const again = await sheet([['导入路 2 号', '赵二娃', 5, '', '', '']]);
    expect(ok(await postFile(sys, url(false), as.village as Headers, 'h.xlsx', again)).body).toMatchObject({
      created: 0,
      updated: 1,
    });
    expect((await list()).map((h: { headName: string }) => h.headName)).toEqual(['赵一', '赵二娃']);
    expect(
      (
        await postFile(
          sys,
          `/api/points/households/import?villageId=${villageB}`,
          as.village as Headers,
          'h.xlsx',
          good,
        )
      ).status,
    ).toBe(404);
    const template = await sys.request({
      method: 'GET',
      url: '/api/points/households/import/template',
      headers: as.village,
    });
    expect(template.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('awards and deductions', () => {
  it('an award reaches the ledger at once; a deduction needs its evidence; the rule decides the amount', async () => {
    const h = await newHousehold();
    const posted = ok(
      await award('village', h.id, ruleId('志愿服务（每小时）'), { quantity: 3, activity: '清理河道' }),
      201,
    ).body;
    expect(posted).toMatchObject({ status: 'posted', points: 3, balance: 3 });
    const noEvidence = await award('village', h.id, ruleId('乱堆乱放'));
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.message).toBe('扣分须附证据：现场照片、关联案件或情况说明');
    const photo = ok(await uploadFile(sys, as.village as Headers, 'pile.png', makePng(), 'image/png'), 201).body;
    const deducted = ok(await award('village', h.id, ruleId('乱堆乱放'), { attachmentIds: [photo.id] }), 201).body;
    // −5 on a balance of 3 takes 3: the balance never goes below zero, the entry keeps the rule's −5
    expect(deducted).toMatchObject({ status: 'posted', points: -3, balance: 0 });
    // the evidence is readable by those who see the entry: the town above, not another town
    expect(
      (await sys.request({ method: 'GET', url: `/api/attachments/${photo.id}/thumbnail`, headers: as.town }))
        .statusCode,
    ).toBe(200);
    expect(
      (await sys.request({ method: 'GET', url: `/api/attachments/${photo.id}`, headers: as.town2 })).statusCode,
    ).toBe(404);
    const ledger = ok(await json('GET', `/api/points/households/${h.id}/ledger`, 'village')).body;
    expect(ledger.entries[0]).toMatchObject({
      kind: 'deduct',
      points: -3,
      nominalPoints: -5,
      balanceAfter: 0,
      attachmentIds: [photo.id],
      rule: { name: '乱堆乱放' },
    });
    expect(ledger.entries[0].givenBy).toBeTruthy();
    expect(ledger.entries[1]).toMatchObject({ kind: 'award', points: 3, quantity: 3, activity: '清理河道' });
    // someone else's photo is not evidence; a deed in the future or too long ago is refused
    const foreign = ok(await uploadFile(sys, as.town as Headers, 'x.png', makePng(), 'image/png'), 201).body;
    expect((await award('village', h.id, ruleId('乱堆乱放'), { attachmentIds: [foreign.id] })).body.message).toBe(
      '照片不存在或不是您上传的，请重新上传',
    );
    const today = chinaDayOf(sys.services.clock.now());
    const tomorrow = chinaDayOf(new Date(sys.services.clock.now().getTime() + 86_400_000));
    expect((await award('village', h.id, ruleId('参与平安巡逻'), { occurredOn: tomorrow })).body.message).toBe(
      '发生日期不能晚于今天',
    );
    expect((await award('village', h.id, ruleId('参与平安巡逻'), { occurredOn: '2020-01-01' })).body.message).toContain(
      '31 天前',
    );
    expect((await award('village', h.id, ruleId('参与平安巡逻'), { occurredOn: today })).status).toBe(201);
    // a rule of another village, a household of another town
    const b = await newHousehold({}, villageB);
    expect((await award('village', b.id, ruleId('参与平安巡逻'))).status).toBe(404);
    expect((await award('admin', b.id, ruleId('参与平安巡逻'))).body.code).toBe('POINTS_RULE_NOT_FOUND');
    // the town reads but does not award
    expect((await award('town', h.id, ruleId('参与平安巡逻'))).status).toBe(403);
    await ledgerHolds(h.id);
  });

  it('caps per period count what the household has under the rule, waiting approvals included', async () => {
    const h = await newHousehold();
    for (let i = 0; i < 5; i++) ok(await award('village', h.id, ruleId('垃圾分类（定时定点投放）')), 201);
    const sixth = await award('village', h.id, ruleId('垃圾分类（定时定点投放）'));
    expect(sixth.status).toBe(409);
    expect(sixth.body).toMatchObject({ code: 'POINTS_CAP_REACHED', details: { cap: 10, used: 10, remaining: 0 } });
    expect(sixth.body.message).toMatch(/超过该规则每月上限 10 分：该户\d{4}年\d{1,2}月已有 10 分，最多还可记 0 分/);
    expect(await balanceOf(h.id)).toBe(10);
    // 孝老爱亲 +10 is at the threshold (waits for approval) and capped at 20 a year: the waiting one counts
    ok(await award('village', h.id, ruleId('孝老爱亲'), { note: '照顾瘫痪婆婆十年' }), 202);
    ok(await award('village', h.id, ruleId('孝老爱亲'), { note: '同上' }), 202);
    expect((await award('village', h.id, ruleId('孝老爱亲'))).body.code).toBe('POINTS_CAP_REACHED');
  });

  it('from the threshold on a second person approves; not the giver; a rejection needs a reason; decided once', async () => {
    const h = await newHousehold();
    const pending = ok(await award('village', h.id, ruleId('见义勇为'), { note: '扑灭邻居家火情' }), 202).body;
    expect(pending).toMatchObject({ status: 'pending', points: 20 });
    expect(await balanceOf(h.id)).toBe(0);
    const queue = ok(await json('GET', `/api/points/requests?villageId=${org.village}`, 'town')).body.items;
    expect(queue.map((r: { id: number }) => r.id)).toContain(pending.requestId);
    expect(
      (await json('GET', '/api/points/requests', 'town2')).body.items.map((r: { id: number }) => r.id),
    ).not.toContain(pending.requestId);
    // the village gives, it does not approve; another town does not see it
    expect(
      (await json('POST', `/api/points/requests/${pending.requestId}/decide`, 'village', { approve: true })).status,
    ).toBe(403);
    expect(
      (await json('POST', `/api/points/requests/${pending.requestId}/decide`, 'town2', { approve: true })).status,
    ).toBe(404);
    expect(
      (await json('POST', `/api/points/requests/${pending.requestId}/decide`, 'town', { approve: false })).body.message,
    ).toBe('不通过时请写明理由');
    const approved = ok(
      await json('POST', `/api/points/requests/${pending.requestId}/decide`, 'town', {
        approve: true,
        note: '情况属实',
      }),
    ).body;
    expect(approved.entryId).toBeGreaterThan(0);
    expect(await balanceOf(h.id)).toBe(20);
    expect(
      (await json('POST', `/api/points/requests/${pending.requestId}/decide`, 'town', { approve: true })).body.code,
    ).toBe('POINTS_ALREADY_DECIDED');
    const ledger = ok(await json('GET', `/api/points/households/${h.id}/ledger`, 'village')).body.entries;
    expect(ledger[0]).toMatchObject({ kind: 'award', points: 20, note: '扑灭邻居家火情' });
    expect(ledger[0].approvedBy).toBeTruthy();
    // the administrator gives and may not approve their own
    const own = ok(await award('admin', h.id, ruleId('见义勇为'), { note: 'x' }), 202).body;
    const self = await json('POST', `/api/points/requests/${own.requestId}/decide`, 'admin', { approve: true });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('POINTS_SAME_APPROVER');
    ok(
      await json('POST', `/api/points/requests/${own.requestId}/decide`, 'town', { approve: false, note: '重复录入' }),
    );
    expect(await balanceOf(h.id)).toBe(20);
    await ledgerHolds(h.id);
  });

  it('corrections are counter-entries: the ledger is never rewritten', async () => {
    const h = await newHousehold();
    const given = ok(await award('village', h.id, ruleId('美丽庭院（庭院整洁）')), 201).body;
    ok(await award('village', h.id, ruleId('美丽庭院（庭院整洁）')), 201);
    const url = `/api/points/entries/${given.entryId}/correct`;
    expect((await json('POST', url, 'village', { reason: ' ' })).body.message).toBe('请写明更正原因');
    expect((await json('POST', url, 'village', { reason: '录错', points: 2 })).body.code).toBe('VALIDATION_FAILED');
    expect((await json('POST', url, 'village', { reason: '录错', points: -6 })).body.code).toBe(
      'POINTS_NOT_CORRECTABLE',
    );
    ok(await json('POST', url, 'village', { reason: '只整洁了前院', points: -2 }), 201);
    const rest = ok(await json('POST', url, 'village', { reason: '录错户' }), 201).body;
    expect(rest.points).toBe(-3);
    expect((await json('POST', url, 'village', { reason: '再来' })).body.code).toBe('POINTS_NOT_CORRECTABLE');
    expect(await balanceOf(h.id)).toBe(5);
    const entries = ok(await json('GET', `/api/points/households/${h.id}/ledger`, 'village')).body.entries;
    const original = entries.find((e: { id: number }) => e.id === given.entryId);
    expect(original).toMatchObject({ points: 5, corrected: -5 });
    expect(
      entries
        .filter((e: { kind: string }) => e.kind === 'correction')
        .map((e: { correctsEntryId: number }) => e.correctsEntryId),
    ).toEqual([given.entryId, given.entryId]);
    // another town cannot correct it
    expect((await json('POST', url, 'town2', { reason: 'x' })).status).toBe(403);
    const townAdmin = await json('POST', url, 'county', { reason: 'x' });
    expect(townAdmin.status).toBe(403);
    // the table itself refuses a change
    await expect(
      sql`UPDATE points_entries SET points = 99 WHERE id = ${given.entryId}`.execute(sys.services.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM points_entries WHERE id = ${given.entryId}`.execute(sys.services.db)).rejects.toThrow(
      /append-only/,
    );
    await ledgerHolds(h.id);
  });
});

describe('the household on its phone', () => {
  it('sees its balance and ledger (its village, not staff names), objects within the window, redeems', async () => {
    const citizen = await signedInCitizen('13800000001');
    const mine = ok(await json('GET', '/api/my/points', citizen)).body;
    expect(mine.household).toMatchObject({ headName: '张三', village: { id: org.village } });
    expect(mine.balance).toBe(mine.entries.reduce((s: number, e: { points: number }) => s + e.points, 0));
    expect(mine.items.length).toBe(5);
    const deduction = mine.entries.find((e: { kind: string }) => e.kind === 'deduct');
    expect(deduction).toMatchObject({ canObject: true, givenBy: expect.stringContaining('社区') });
    const award1 = mine.entries.find((e: { kind: string }) => e.kind === 'award');
    expect(award1.canObject).toBe(false);
    expect(mine.entries.every((e: { approvedBy: unknown }) => e.approvedBy === null)).toBe(true);
    // objections: deductions only, once, with a reason
    expect(
      (await json('POST', `/api/my/points/entries/${award1.id}/objection`, citizen, { reason: '不对' })).body.code,
    ).toBe('POINTS_OBJECTION_NOT_ALLOWED');
    expect(
      (await json('POST', `/api/my/points/entries/${deduction.id}/objection`, citizen, { reason: ' ' })).status,
    ).toBe(400);
    const objection = ok(
      await json('POST', `/api/my/points/entries/${deduction.id}/objection`, citizen, { reason: '垃圾不是我家扔的' }),
      201,
    ).body;
    expect(
      (await json('POST', `/api/my/points/entries/${deduction.id}/objection`, citizen, { reason: '再次' })).body.code,
    ).toBe('POINTS_OBJECTION_NOT_ALLOWED');
    const after = ok(await json('GET', '/api/my/points', citizen)).body;
    expect(after.entries.find((e: { id: number }) => e.id === deduction.id)).toMatchObject({
      canObject: false,
      objection: { state: 'open', stateLabel: '待复核' },
    });
    // another household's entry does not exist for this citizen
    const other = await newHousehold();
    const theirs = ok(await award('village', other.id, ruleId('乱扔垃圾'), { note: '巡查发现' }), 201).body;
    expect(
      (await json('POST', `/api/my/points/entries/${theirs.entryId}/objection`, citizen, { reason: 'x' })).status,
    ).toBe(404);
    // the town upholds it: a correction gives the points back
    const queue = ok(await json('GET', '/api/points/objections', 'town')).body.items;
    expect(queue.find((o: { id: number }) => o.id === objection.objectionId)).toMatchObject({
      reason: '垃圾不是我家扔的',
      household: { headName: '张三' },
    });
    expect(
      (
        await json('POST', `/api/points/objections/${objection.objectionId}/decide`, 'town2', {
          uphold: true,
          note: 'x',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await json('POST', `/api/points/objections/${objection.objectionId}/decide`, 'village', {
          uphold: true,
          note: 'x',
        })
      ).status,
    ).toBe(403);
    ok(
      await json('POST', `/api/points/objections/${objection.objectionId}/decide`, 'town', {
        uphold: true,
        note: '监控显示非该户所为',
      }),
    );
    const restored = ok(await json('GET', '/api/my/points', citizen)).body;
    expect(restored.balance).toBe(mine.balance - deduction.points);
    expect(restored.entries[0]).toMatchObject({
      kind: 'correction',
      correctsEntryId: deduction.id,
      points: -deduction.points,
    });
    // redeem a towel from the phone: waits to be collected, the village hands it over
    const towel = mine.items.find((i: { name: string }) => i.name === '毛巾');
    const redeemed = ok(await json('POST', '/api/my/points/redemptions', citizen, { itemId: towel.id }), 201).body;
    expect(redeemed.balance).toBe(restored.balance - towel.price);
    const awaiting = ok(await json('GET', `/api/points/redemptions?villageId=${org.village}&awaiting=true`, 'village'))
      .body.items;
    expect(awaiting.map((r: { id: number }) => r.id)).toContain(redeemed.redemptionId);
    ok(await json('POST', `/api/points/redemptions/${redeemed.redemptionId}/hand-over`, 'village'));
    expect(
      (await json('POST', `/api/points/redemptions/${redeemed.redemptionId}/hand-over`, 'village')).body.code,
    ).toBe('POINTS_ALREADY_DECIDED');
    // a citizen without a household, and staff routes
    const stranger = await signedInCitizen('13600000009');
    const none = await json('GET', '/api/my/points', stranger);
    expect(none.status).toBe(404);
    expect(none.body.message).toContain('尚未登记');
    expect((await json('GET', '/api/points/households', citizen)).status).toBe(403);
    expect((await json('GET', '/api/my/points', 'village')).status).toBe(403);
    const me = (await json('GET', '/api/auth/me', citizen)).body;
    await ledgerHolds(mine.household.id);
    expect(me.permissions).toContain('points.own');
  });

  it('cancels a redemption not yet collected: a refund entry, the stock back, once; the other side is told', async () => {
    const citizen = await signedInCitizen('13800000001');
    const mine = ok(await json('GET', '/api/my/points', citizen)).body;
    const householdId = mine.household.id as number;
    // enough points for three towels
    for (let i = 0; i < 3; i++) {
      ok(await award('village', householdId, ruleId('志愿服务（每小时）'), { quantity: 9, activity: '文明劝导' }), 201);
    }
    const towel = mine.items.find((i: { name: string }) => i.name === '毛巾');
    const stockOf = async () =>
      (
        ok(await json('GET', `/api/points/villages/${org.village}/items`, 'village')).body.items as {
          id: number;
          stock: number;
        }[]
      ).find((i) => i.id === towel.id)?.stock;
    const stock = await stockOf();
    const redeemed = ok(await json('POST', '/api/my/points/redemptions', citizen, { itemId: towel.id }), 201).body;
    expect(await stockOf()).toBe((stock as number) - 1);
    // another household's citizen and another town do not find it
    const otherVillage = await sys.login(`v${(await json('GET', `/api/orgs/${villageB}`, 'admin')).body.code}`);
    const foreign = await json('POST', `/api/points/redemptions/${redeemed.redemptionId}/cancel`, otherVillage, {
      reason: 'x',
    });
    expect(foreign.status).toBe(404);
    // the town reads the shop but does not keep it
    expect(
      (await json('POST', `/api/points/redemptions/${redeemed.redemptionId}/cancel`, 'town', { reason: 'x' })).status,
    ).toBe(403);
    const stranger = await signedInCitizen('13600000009');
    expect(
      (await json('POST', `/api/my/points/redemptions/${redeemed.redemptionId}/cancel`, stranger, {})).status,
    ).toBe(404);
    const cancelled = ok(
      await json('POST', `/api/my/points/redemptions/${redeemed.redemptionId}/cancel`, citizen, {}),
    ).body;
    expect(cancelled.balance).toBe(redeemed.balance + towel.price);
    expect(await stockOf()).toBe(stock);
    const again = await json('POST', `/api/my/points/redemptions/${redeemed.redemptionId}/cancel`, citizen, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('POINTS_REDEMPTION_CLOSED');
    const after = ok(await json('GET', '/api/my/points', citizen)).body;
    expect(after.entries[0]).toMatchObject({ kind: 'refund', kindLabel: '退还', points: towel.price });
    expect(after.entries[1]).toMatchObject({ kind: 'redemption', points: -towel.price });
    expect(after.redemptions.find((r: { id: number }) => r.id === redeemed.redemptionId).cancelledAt).toBeTruthy();
    // a cancelled redemption is no longer waiting to be collected, and cannot be handed over
    const awaiting = ok(await json('GET', `/api/points/redemptions?villageId=${org.village}&awaiting=true`, 'village'))
      .body.items;
    expect(awaiting.map((r: { id: number }) => r.id)).not.toContain(redeemed.redemptionId);
    // the village is told, with the page to open
    const villageNotes = ok(await json('GET', '/api/notifications', 'village')).body.items;
    expect(villageNotes.find((n: { kind: string }) => n.kind === 'points.redemption_cancelled')).toMatchObject({
      title: expect.stringContaining(`取消兑换 毛巾 × 1，退还 ${towel.price} 分`),
      link: '/points/shop',
    });
    // handed over: it stands
    const second = ok(await json('POST', '/api/my/points/redemptions', citizen, { itemId: towel.id }), 201).body;
    ok(await json('POST', `/api/points/redemptions/${second.redemptionId}/hand-over`, 'village'));
    const late = await json('POST', `/api/my/points/redemptions/${second.redemptionId}/cancel`, citizen, {});
    expect(late.body).toMatchObject({ code: 'POINTS_REDEMPTION_CLOSED', message: '物品已领取，不能取消兑换' });
    // staff cancel with a reason the household sees, and the household's citizen is told
    const third = ok(await json('POST', '/api/my/points/redemptions', citizen, { itemId: towel.id }), 201).body;
    expect(
      (await json('POST', `/api/points/redemptions/${third.redemptionId}/cancel`, 'village', { reason: ' ' })).status,
    ).toBe(400);
    ok(await json('POST', `/api/points/redemptions/${third.redemptionId}/cancel`, 'village', { reason: '毛巾已售罄' }));
    const told = await sys.services.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['notifications.title', 'notifications.link'])
      .where('users.phone', '=', '13800000001')
      .where('notifications.kind', '=', 'points.redemption_cancelled')
      .execute();
    expect(told).toEqual([{ title: expect.stringContaining('原因：毛巾已售罄'), link: '/my/points' }]);
    await ledgerHolds(householdId);
  });

  it('approvals and objections reach the town, and their answers the people who asked', async () => {
    const h = await newHousehold();
    const pending = ok(await award('village', h.id, ruleId('见义勇为'), { note: '救起落水儿童' }), 202).body;
    const townNotes = ok(await json('GET', '/api/notifications', 'town')).body.items;
    expect(townNotes.find((n: { kind: string }) => n.kind === 'points.approval_requested')).toMatchObject({
      title: `待审批：测试户${doorSeq}户 见义勇为 +20 分`,
      link: '/points/approvals',
    });
    expect(
      ok(await json('GET', '/api/notifications', 'town2')).body.items.some((n: { title: string }) =>
        n.title.includes(`测试户${doorSeq}户`),
      ),
    ).toBe(false);
    ok(
      await json('POST', `/api/points/requests/${pending.requestId}/decide`, 'town', {
        approve: false,
        note: '证据不足',
      }),
    );
    const villageNotes = ok(await json('GET', '/api/notifications', 'village')).body.items;
    // the village account gave it: the answer reaches that user, linking the household
    expect(villageNotes.find((n: { kind: string }) => n.kind === 'points.request_rejected')).toMatchObject({
      title: '积分审批未通过：证据不足',
      link: `/points/households/${h.id}`,
    });
  });

  it('the objection window closes after the village’s days', async () => {
    const phone = '13600000021';
    const h = await newHousehold({ phone });
    ok(await award('village', h.id, ruleId('参与平安巡逻')), 201);
    const photo = ok(await uploadFile(sys, as.village as Headers, 'litter.png', makePng(), 'image/png'), 201).body;
    const d = ok(await award('village', h.id, ruleId('乱扔垃圾'), { attachmentIds: [photo.id] }), 201).body;
    await sys.services.clock.advance(8 * 86_400_000);
    const citizen = await citizenLogin(sys, phone);
    // the household sees the photo of its own deduction; another household does not
    expect(
      (await sys.request({ method: 'GET', url: `/api/attachments/${photo.id}`, headers: citizen })).statusCode,
    ).toBe(200);
    const other = await citizenLogin(sys, '13600000019');
    expect((await sys.request({ method: 'GET', url: `/api/attachments/${photo.id}`, headers: other })).statusCode).toBe(
      404,
    );
    const mine = ok(await json('GET', '/api/my/points', citizen)).body;
    expect(mine.entries.find((e: { id: number }) => e.id === d.entryId).canObject).toBe(false);
    const late = await json('POST', `/api/my/points/entries/${d.entryId}/objection`, citizen, { reason: '迟到的申诉' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'POINTS_OBJECTION_WINDOW_CLOSED',
      message: '已超过申诉期限（扣分后 7 天内可申诉）',
    });
  });
});

describe('the shop', () => {
  it('refuses without enough points or stock, and writes nothing', async () => {
    const h = await newHousehold();
    ok(await award('village', h.id, ruleId('参与平安巡逻')), 201);
    const item = ok(
      await json('POST', `/api/points/villages/${org.village}/items`, 'village', { name: '肥皂', price: 3, stock: 1 }),
      201,
    ).body;
    const poor = await json('POST', '/api/points/redemptions', 'village', { householdId: h.id, itemId: item.id });
    expect(poor.status).toBe(409);
    expect(poor.body).toMatchObject({
      code: 'POINTS_BALANCE_INSUFFICIENT',
      message: '积分余额不足：当前 2 分，需要 3 分',
    });
    ok(await award('village', h.id, ruleId('参与平安巡逻')), 201);
    expect(
      (await json('POST', '/api/points/redemptions', 'village', { householdId: h.id, itemId: item.id, quantity: 2 }))
        .body.code,
    ).toBe('POINTS_OUT_OF_STOCK');
    ok(await json('POST', '/api/points/redemptions', 'village', { householdId: h.id, itemId: item.id }), 201);
    expect(
      (await json('POST', '/api/points/redemptions', 'village', { householdId: h.id, itemId: item.id })).body.message,
    ).toBe('库存不足：仅剩 0 件');
    expect(await balanceOf(h.id)).toBe(1);
    const items = ok(await json('GET', `/api/points/villages/${org.village}/items`, 'village')).body.items;
    expect(items.find((i: { id: number }) => i.id === item.id).stock).toBe(0);
    // restock (versioned), and another town cannot touch it
    ok(await json('PATCH', `/api/points/items/${item.id}`, 'village', { version: 2, stock: 10 }));
    expect((await json('PATCH', `/api/points/items/${item.id}`, 'town2', { version: 3, stock: 1 })).status).toBe(403);
    expect((await json('PATCH', `/api/points/items/${item.id}`, 'admin', { version: 1, stock: 1 })).body.code).toBe(
      'POINTS_VERSION_CONFLICT',
    );
    expect((await json('GET', `/api/points/villages/${org.village}/items`, 'town2')).status).toBe(404);
    await ledgerHolds(h.id);
  });

  it('two redemptions at once never drive a balance below zero', async () => {
    const h = await newHousehold();
    for (let i = 0; i < 2; i++) ok(await award('village', h.id, ruleId('志愿服务（每小时）'), { quantity: 5 }), 201);
    expect(await balanceOf(h.id)).toBe(10);
    const item = ok(
      await json('POST', `/api/points/villages/${org.village}/items`, 'village', { name: '牙膏', price: 6, stock: 10 }),
      201,
    ).body;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        json('POST', '/api/points/redemptions', 'village', { householdId: h.id, itemId: item.id }),
      ),
    );
    expect(results.filter((r) => r.status === 201).length).toBe(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'POINTS_BALANCE_INSUFFICIENT')).toBe(
      true,
    );
    expect(await balanceOf(h.id)).toBe(4);
    const items = ok(await json('GET', `/api/points/villages/${org.village}/items`, 'village')).body.items;
    expect(items.find((i: { id: number }) => i.id === item.id).stock).toBe(9);
    await ledgerHolds(h.id);
  });
});

describe('rankings and the public board', () => {
  it('ranks the village’s households by the month’s points, exports xlsx, publishes masked names', async () => {
    const month = chinaDayOf(sys.services.clock.now()).slice(0, 7);
    const ranking = ok(
      await json('GET', `/api/points/villages/${org.village}/ranking?period=${month}`, 'village'),
    ).body;
    expect(ranking.period).toMatchObject({ kind: 'month', key: month });
    const scores = ranking.rows.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    expect(ranking.rows[0].rank).toBe(1);
    expect(ranking.rows[0].doorNo).toBeTruthy();
    const year = ok(
      await json('GET', `/api/points/villages/${org.village}/ranking?period=${month.slice(0, 4)}`, 'town'),
    ).body;
    expect(year.period.kind).toBe('year');
    expect((await json('GET', `/api/points/villages/${org.village}/ranking?period=2026-13`, 'village')).status).toBe(
      400,
    );
    expect((await json('GET', `/api/points/villages/${org.village}/ranking?period=${month}`, 'town2')).status).toBe(
      404,
    );
    const xlsx = await sys.request({
      method: 'GET',
      url: `/api/points/villages/${org.village}/ranking?period=${month}&format=xlsx`,
      headers: as.village,
    });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getRow(2).values).toEqual([undefined, '名次', '农户', '门牌号', '积分', '加分', '扣分']);
    expect(ws.getRow(3).getCell(4).value).toBe(ranking.rows[0].score);
    // the public board: no sign-in, names masked, no door numbers or ids
    const board = await sys.request({
      method: 'GET',
      url: `/api/public/points/villages/${org.village}/board?period=${month}`,
    });
    expect(board.statusCode).toBe(200);
    const rows = board.json().rows;
    expect(rows.length).toBe(ranking.rows.length);
    expect(
      rows.every((r: { doorNo: unknown; householdId: unknown }) => r.doorNo === null && r.householdId === null),
    ).toBe(true);
    expect(rows.some((r: { household: string }) => r.household === '张*户')).toBe(true);
    expect(JSON.stringify(board.json())).not.toMatch(/138\d{8}|139\d{8}/);
    // a village whose board is off, and one without settings that never opened it: not found
    const settings = ok(await json('GET', `/api/points/villages/${org.village}`, 'village')).body.settings;
    ok(
      await json('PUT', `/api/points/villages/${org.village}/settings`, 'village', {
        version: settings.version,
        boardFullNames: true,
      }),
    );
    const full = await sys.request({
      method: 'GET',
      url: `/api/public/points/villages/${org.village}/board?period=${month}`,
    });
    expect(full.json().rows.some((r: { household: string }) => r.household === '张三户')).toBe(true);
    ok(
      await json('PUT', `/api/points/villages/${org.village}/settings`, 'village', {
        version: settings.version + 1,
        boardFullNames: false,
      }),
    );
    const grid = (await json('GET', `/api/orgs?parentId=${org.village}&kind=grid&limit=1`, 'admin')).body.items[0].id;
    expect(
      (await sys.request({ method: 'GET', url: `/api/public/points/villages/${grid}/board?period=${month}` }))
        .statusCode,
    ).toBe(404);
  });
});

describe('credit households (诚信户)', () => {
  it('qualify by the year’s points without unresolved deductions or overdue debt, after the committee’s review', async () => {
    const year = Number(chinaDayOf(sys.services.clock.now()).slice(0, 4));
    const good = await newHousehold();
    const debtor = await newHousehold();
    const disputed = await newHousehold({ phone: '13600000031' });
    for (const h of [good, debtor, disputed]) {
      for (const r of ['见义勇为', '移风易俗（红白喜事简办）']) {
        const p = ok(await award('village', h.id, ruleId(r), { note: '事迹' }), 202).body;
        ok(await json('POST', `/api/points/requests/${p.requestId}/decide`, 'town', { approve: true }));
      }
    }
    const hh = ok(await json('GET', `/api/points/households/${debtor.id}`, 'village')).body;
    ok(
      await json('PATCH', `/api/points/households/${debtor.id}`, 'village', {
        version: hh.version,
        overdueDebt: true,
        overdueDebtNote: '村集体土地承包款逾期未交',
      }),
    );
    ok(await award('village', disputed.id, ruleId('参与平安巡逻')), 201);
    const d = ok(await award('village', disputed.id, ruleId('乱扔垃圾'), { note: '巡查发现' }), 201).body;
    const citizen = await citizenLogin(sys, '13600000031');
    ok(await json('POST', `/api/my/points/entries/${d.entryId}/objection`, citizen, { reason: '不是我' }), 201);

    const candidates = ok(
      await json('GET', `/api/points/villages/${org.village}/credit-candidates?year=${year}`, 'village'),
    ).body.items;
    const of = (id: number) => candidates.find((c: { household: { id: number } }) => c.household.id === id);
    expect(of(good.id)).toMatchObject({ yearPoints: 30, eligible: true, grade: 'A', reasons: [] });
    expect(of(debtor.id)).toMatchObject({ eligible: false, reasons: ['村委会登记有逾期欠款'] });
    expect(of(disputed.id)).toMatchObject({ eligible: false, reasons: ['有 1 条扣分尚未处理完毕（待审批或申诉中）'] });
    const body = {
      year,
      householdIds: [good.id, debtor.id],
      reviewNote: '村两委联席会议评议通过',
      reviewedOn: chinaDayOf(sys.services.clock.now()),
    };
    const refused = await json('POST', `/api/points/villages/${org.village}/credit`, 'village', body);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('POINTS_NOT_ELIGIBLE');
    expect(refused.body.message).toContain('村委会登记有逾期欠款');
    expect(
      (
        await json('POST', `/api/points/villages/${org.village}/credit`, 'village', {
          ...body,
          householdIds: [good.id],
          reviewNote: '',
        })
      ).body.message,
    ).toContain('评议');
    expect(
      (
        await json('POST', `/api/points/villages/${org.village}/credit`, 'village', {
          ...body,
          householdIds: [good.id],
          year: year - 5,
        })
      ).status,
    ).toBe(400);
    expect(
      (await json('POST', `/api/points/villages/${org.village}/credit`, 'town', { ...body, householdIds: [good.id] }))
        .status,
    ).toBe(403);
    const done = ok(
      await json('POST', `/api/points/villages/${org.village}/credit`, 'village', { ...body, householdIds: [good.id] }),
      201,
    ).body;
    expect(done).toEqual({ designated: 1, skipped: [] });
    expect(
      ok(
        await json('POST', `/api/points/villages/${org.village}/credit`, 'village', {
          ...body,
          householdIds: [good.id],
        }),
        201,
      ).body,
    ).toEqual({ designated: 0, skipped: [good.id] });
    // lists: the village, its town, the county; not the other town
    for (const who of ['village', 'town', 'county']) {
      const items = ok(await json('GET', `/api/points/credit?year=${year}`, who)).body.items;
      expect(
        items.map((c: { household: { id: number } }) => c.household.id),
        who,
      ).toContain(good.id);
    }
    expect((await json('GET', `/api/points/credit?year=${year}`, 'town2')).body.items).toEqual([]);
    const xlsx = await sys.request({
      method: 'GET',
      url: `/api/points/credit?year=${year}&format=xlsx`,
      headers: as.county,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    // the bank's columns: household, head, village, grade (and where, how many, on what points)
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    for (const column of ['乡镇（街道）', '村（社区）', '门牌号', '户主姓名', '信用等级', '年度积分'])
      expect(header).toContain(column);
    const row = ws.getRow(3).values as unknown[];
    expect(row.slice(3, 8)).toEqual([
      expect.stringContaining('社区'),
      expect.stringMatching(/^测试路/),
      expect.stringMatching(/^测试户/),
      3,
      'A',
    ]);
    // revoked with a reason, kept in the record
    const id = ok(await json('GET', `/api/points/credit?year=${year}&villageId=${org.village}`, 'village')).body
      .items[0].id;
    expect((await json('POST', `/api/points/credit/${id}/revoke`, 'town2', { reason: 'x' })).status).toBe(403);
    expect((await json('POST', `/api/points/credit/${id}/revoke`, 'village', { reason: '' })).status).toBe(400);
    ok(await json('POST', `/api/points/credit/${id}/revoke`, 'village', { reason: '发现违规建房' }));
    expect((await json('GET', `/api/points/credit?year=${year}`, 'village')).body.items).toEqual([]);
    const all = ok(await json('GET', `/api/points/credit?year=${year}&includeRevoked=true`, 'village')).body.items;
    expect(all[0]).toMatchObject({ revokeReason: '发现违规建房' });
  });
});

describe('the ledger invariant over random operations (property, through HTTP)', () => {
  it('any sequence of awards, deductions, corrections and redemptions keeps balance = sum ≥ 0', async () => {
    const item = ok(
      await json('POST', `/api/points/villages/${org.village}/items`, 'village', {
        name: '性质测试商品',
        price: 4,
        stock: 100000,
      }),
      201,
    ).body;
    const awards = ['参与平安巡逻', '美丽庭院（庭院整洁）', '主动调解邻里纠纷'].map(ruleId);
    const deductions = ['乱扔垃圾', '乱堆乱放'].map(ruleId);
    const op = fc.oneof(
      fc.record({ t: fc.constant('award' as const), rule: fc.constantFrom(...awards) }),
      fc.record({ t: fc.constant('deduct' as const), rule: fc.constantFrom(...deductions) }),
      fc.record({ t: fc.constant('correct' as const), pick: fc.nat() }),
      fc.record({ t: fc.constant('redeem' as const), quantity: fc.integer({ min: 1, max: 3 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const h = await newHousehold();
        let model = 0;
        const posted: number[] = [];
        for (const o of ops) {
          if (o.t === 'award' || o.t === 'deduct') {
            const r = await award('village', h.id, o.rule, { note: '性质测试' });
            if (r.status === 409) {
              expect(r.body.code).toBe('POINTS_CAP_REACHED');
              continue;
            }
            expect(r.status, JSON.stringify(r.body)).toBe(201);
            model += r.body.points;
            posted.push(r.body.entryId);
          } else if (o.t === 'redeem') {
            const r = await json('POST', '/api/points/redemptions', 'village', {
              householdId: h.id,
              itemId: item.id,
              quantity: o.quantity,
            });
            expect(r.status === 201).toBe(model >= 4 * o.quantity);
            if (r.status === 201) model -= 4 * o.quantity;
          } else if (posted.length > 0) {
            const r = await json('POST', `/api/points/entries/${posted[o.pick % posted.length]}/correct`, 'village', {
              reason: '性质测试',
            });
            expect([201, 409]).toContain(r.status);
            if (r.status === 201) model += r.body.points;
            else expect(['POINTS_NOT_CORRECTABLE', 'POINTS_BALANCE_INSUFFICIENT']).toContain(r.body.code);
          }
          expect(model).toBeGreaterThanOrEqual(0);
        }
        expect(await balanceOf(h.id)).toBe(model);
        await ledgerHolds(h.id);
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
