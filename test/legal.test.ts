// One legal adviser per village through HTTP on a real database: the demo county's advisers and log, the
// roster and assignments kept by the county (refusals for others, a handover that ends the previous
// assignment), the law firm recording for its own advisers only and only where and when they serve, the
// asker masked and revealed (audited), joining a dispute (the dispute's platform is told, its page lists the
// entry), voiding with a version guard, the scope of towns, villages and firms, and the month's figures and
// their xlsx on hand-made data.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/core/exceljs.js';
import { chinaDayOf } from '../src/domain/calendar/index.js';
import { addMonths, monthBounds, monthOf } from '../src/domain/legal/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
let villageB = 0;
let firm = 0;
let today = '';

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'dept', 'mediator', 'lawyer']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  villageB = (await sys.json('GET', `/api/orgs?parentId=${org.town2}&kind=village&limit=1`, as.admin as Headers)).body
    .items[0].id;
  firm = org.lawyer as number;
  today = chinaDayOf(sys.services.clock.now());
}, 300_000); // the demo county's seed is slow on a loaded machine
afterAll(async () => sys?.stop());

const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the route answers
async function created(r: { status: number; body: any }) {
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

let licence = 90000000;
const newAdviser = (who = 'county', over: Record<string, unknown> = {}) =>
  json('POST', '/api/legal/advisers', who, {
    name: '钱志远',
    phone: '13957109999',
    licenceNo: String(++licence),
    firmOrgId: firm,
    ...over,
  });

describe('the demo county', () => {
  it('gives the lawyer account its adviser, its community, open disputes and a log', async () => {
    const me = await json('GET', '/api/legal/me', 'lawyer');
    expect(me.status).toBe(200);
    expect(me.body.advisers).toHaveLength(1);
    const [adviser] = me.body.advisers;
    expect(adviser).toMatchObject({ name: '周明律', firm: { id: firm }, phone: '139****0101' });
    expect(adviser.assignments.map((a: { village: { id: number } }) => a.village.id)).toEqual([org.village]);
    expect(me.body.recent.length).toBeGreaterThan(0);
    expect(me.body.recent[0].askerPhone ?? '139****2345').toMatch(/\*{4}/);
  });

  it('shows the county the first street’s communities, one without an adviser, one without service last month', async () => {
    const month = addMonths(monthOf(today), -1);
    const r = await json('GET', `/api/legal/monthly?month=${month}`, 'town');
    expect(r.status).toBe(200);
    const statuses = r.body.rows.map((x: { status: string }) => x.status);
    expect(statuses).toContain('no_adviser');
    expect(statuses).toContain('no_service');
    expect(r.body.rows[0].status).toBe('no_adviser'); // villages without service first
    expect(r.body.summary.withoutService).toBeGreaterThanOrEqual(2);
    for (const row of r.body.rows) if (row.status !== 'no_adviser') expect(row.committedHours).toBe(8);
  });
});

describe('the roster and assignments', () => {
  it('are kept by the county platform, not by towns, villages, firms or other departments', async () => {
    expect((await newAdviser('town')).body.code).toBe('FORBIDDEN');
    expect((await newAdviser('village')).body.code).toBe('FORBIDDEN');
    expect((await newAdviser('lawyer')).body.code).toBe('FORBIDDEN');
    const dept = await newAdviser('dept'); // 住建局 holds legal.manage as a department, but is not 司法局
    expect(dept.status).toBe(403);
    expect(dept.body.code).toBe('LEGAL_COUNTY_ONLY');
  });

  it('refuses a firm that is not a legal-service organisation and a licence already on the roster', async () => {
    const bad = await newAdviser('county', { firmOrgId: org.mediator });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('LEGAL_FIRM_INVALID');
    const a = await created(await newAdviser());
    const again = await newAdviser('county', {
      licenceNo: (await json('GET', `/api/legal/advisers/${a.id}`, 'county')).body.licenceNo,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE');
    const stale = await json('PUT', `/api/legal/advisers/${a.id}`, 'county', {
      name: '钱志远',
      licenceNo: String(++licence),
      firmOrgId: firm,
      version: 7,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('LEGAL_VERSION_CONFLICT');
  });

  it('a new assignment ends the village’s current one the day before, keeping the history', async () => {
    const first = await created(await newAdviser());
    const second = await created(await newAdviser());
    const start = monthBounds(addMonths(monthOf(today), -2)).first;
    const a1 = await created(
      await json('POST', '/api/legal/assignments', 'county', {
        adviserId: first.id,
        villageId: villageB,
        hoursPerMonth: 6,
        lecturesPerQuarter: 1,
        startedOn: start,
      }),
    );
    const early = await json('POST', '/api/legal/assignments', 'county', {
      adviserId: second.id,
      villageId: villageB,
      hoursPerMonth: 4,
      startedOn: start,
    });
    expect(early.status).toBe(400);
    expect(early.body.details.field).toBe('startedOn');
    const handover = monthBounds(addMonths(monthOf(today), -1)).first;
    await created(
      await json('POST', '/api/legal/assignments', 'county', {
        adviserId: second.id,
        villageId: villageB,
        hoursPerMonth: 4,
        lecturesPerQuarter: 1,
        startedOn: handover,
      }),
    );
    const all = (await json('GET', `/api/legal/assignments?villageId=${villageB}`, 'town2')).body.items;
    expect(all).toHaveLength(2);
    const ended = all.find((x: { id: number }) => x.id === a1.id);
    expect(ended.inForce).toBe(false);
    expect(ended.endedOn).toBe(monthBounds(addMonths(monthOf(today), -2)).last);
    const detail = (await json('GET', `/api/legal/advisers/${first.id}`, 'county')).body;
    expect(detail.history.map((h: { type: string }) => h.type)).toEqual([
      'adviser.create',
      'assignment.create',
      'assignment.handover',
    ]);
    // the first town does not see the second town's village assignments
    expect((await json('GET', `/api/legal/assignments?villageId=${villageB}`, 'town')).body.items).toEqual([]);
  });
});

describe('the service log', () => {
  let adviserId = 0;
  beforeAll(async () => {
    const a = await created(await newAdviser('county', { name: '冯静' }));
    adviserId = a.id;
    const other = (await json('GET', `/api/orgs?parentId=${org.town2}&kind=village&limit=2`, 'admin')).body.items[1].id;
    await created(
      await json('POST', '/api/legal/assignments', 'county', {
        adviserId,
        villageId: other,
        hoursPerMonth: 4,
        lecturesPerQuarter: 1,
        startedOn: monthBounds(monthOf(today)).first,
      }),
    );
  });

  const consultation = (over: Record<string, unknown> = {}) => ({
    adviserId,
    kind: 'consultation',
    occurredOn: today,
    hours: 0.5,
    matter: '土地承包合同到期能否续签',
    advice: '依法可续包，建议书面约定',
    askerName: '王秀兰',
    askerPhone: '13905712345',
    ...over,
  });

  it('records a consultation with the asker masked, revealed to the firm and to pii.view with an audit entry', async () => {
    const e = await created(await json('POST', '/api/legal/entries', 'lawyer', consultation()));
    expect(e).toMatchObject({
      kind: 'consultation',
      kindLabel: '法律咨询',
      askerName: '王**',
      askerPhone: '139****2345',
      hours: 0.5,
    });
    const town2 = await json('GET', `/api/legal/entries/${e.id}`, 'town2');
    expect(town2.body.askerName).toBe('王**');
    for (const who of ['lawyer', 'town2']) {
      const r = await json('GET', `/api/legal/entries/${e.id}/asker`, who);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ askerName: '王秀兰', askerPhone: '13905712345' });
    }
    const audits = await sys.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'legal_entry')
      .where('target_id', '=', String(e.id))
      .execute();
    expect(audits.filter((a) => a.action === 'pii.view')).toHaveLength(2);
    const outbox = await sys.services.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'legal.changed')
      .execute();
    expect(outbox.some((o) => (o.payload as { changeId: string }).changeId === `legal:entry:${e.id}:1`)).toBe(true);
  });

  it('is out of sight for another town, and for a firm that is not the adviser’s', async () => {
    const list = (await json('GET', `/api/legal/entries?adviserId=${adviserId}`, 'town2')).body;
    expect(list.total).toBe(1);
    const id = list.items[0].id;
    expect((await json('GET', `/api/legal/entries/${id}`, 'town')).body.code).toBe('LEGAL_ENTRY_NOT_FOUND');
    expect((await json('GET', `/api/legal/entries/${id}/asker`, 'mediator')).body.code).toBe('LEGAL_ENTRY_NOT_FOUND');
    expect((await json('GET', `/api/legal/entries?adviserId=${adviserId}`, 'mediator')).body.total).toBe(0);
    const foreign = await json('POST', '/api/legal/entries', 'mediator', consultation());
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('LEGAL_ADVISER_NOT_FOUND');
    expect((await json('POST', '/api/legal/entries', 'town2', consultation())).body.code).toBe('FORBIDDEN');
  });

  it('refuses a day the adviser did not serve, a day ahead and an entry without its content', async () => {
    const before = await json(
      'POST',
      '/api/legal/entries',
      'lawyer',
      consultation({
        occurredOn: monthBounds(addMonths(monthOf(today), -1)).last,
      }),
    );
    expect(before.status).toBe(409);
    expect(before.body.code).toBe('LEGAL_NOT_ASSIGNED');
    const wrongVillage = await json('POST', '/api/legal/entries', 'lawyer', consultation({ villageId: org.village }));
    expect(wrongVillage.body.code).toBe('LEGAL_NOT_ASSIGNED');
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const ahead = await json('POST', '/api/legal/entries', 'lawyer', consultation({ occurredOn: tomorrow }));
    expect(ahead.status).toBe(400);
    expect(ahead.body.details.field).toBe('occurredOn');
    const noAdvice = await json('POST', '/api/legal/entries', 'lawyer', consultation({ advice: ' ' }));
    expect(noAdvice.status).toBe(400);
    expect(noAdvice.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'advice' } });
    expect(noAdvice.body.message).toContain('法律意见');
  });

  it('joining a dispute names one of the village’s disputes, tells its platform and is listed on it', async () => {
    const dispute = await sys.services.db
      .selectFrom('disputes')
      .select(['id', 'handling_org_id'])
      .where('village_id', '=', org.village as number)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const me = (await json('GET', '/api/legal/me', 'lawyer')).body.advisers[0];
    const wrong = await json('POST', '/api/legal/entries', 'lawyer', {
      adviserId,
      kind: 'dispute',
      occurredOn: today,
      hours: 1,
      disputeId: dispute.id,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.field).toBe('disputeId');
    const e = await created(
      await json('POST', '/api/legal/entries', 'lawyer', {
        adviserId: me.id,
        kind: 'dispute',
        occurredOn: today,
        hours: 1,
        matter: '释明法律规定',
        disputeId: dispute.id,
      }),
    );
    const told = await sys.services.db
      .selectFrom('notifications')
      .select(['org_id', 'kind'])
      .where('dispute_id', '=', dispute.id)
      .where('kind', '=', 'legal_joined_dispute')
      .execute();
    expect(told.map((n) => n.org_id)).toContain(dispute.handling_org_id);
    const onDispute = (await json('GET', `/api/legal/entries?disputeId=${dispute.id}`, 'village')).body.items;
    expect(onDispute.map((x: { id: number }) => x.id)).toContain(e.id);
  });

  it('voids an entry once, guarded by its version, and the month no longer counts it', async () => {
    const month = monthOf(today);
    const e = await created(
      await json('POST', '/api/legal/entries', 'lawyer', {
        adviserId,
        kind: 'on_site',
        occurredOn: today,
        hours: 3,
        matter: '坐班接待',
      }),
    );
    const village = e.village.id;
    const before = (await json('GET', `/api/legal/monthly?month=${month}`, 'town2')).body.rows.find(
      (r: { village: { id: number } }) => r.village.id === village,
    );
    // 0.5 h consultation + 3 h on site against 4 h (assigned from the 1st): 87.5 %
    expect(before).toMatchObject({ hours: 3.5, committedHours: 4, fulfilment: 87.5, status: 'below', entries: 2 });
    const stale = await json('POST', `/api/legal/entries/${e.id}/void`, 'lawyer', { version: 5, reason: '重复录入' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('LEGAL_VERSION_CONFLICT');
    const voided = await json('POST', `/api/legal/entries/${e.id}/void`, 'lawyer', { version: 1, reason: '重复录入' });
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({ voided: true, voidReason: '重复录入', version: 2 });
    const again = await json('POST', `/api/legal/entries/${e.id}/void`, 'lawyer', { version: 2, reason: '重复录入' });
    expect(again.body.code).toBe('LEGAL_ENTRY_VOIDED');
    const after = (await json('GET', `/api/legal/monthly?month=${month}`, 'town2')).body.rows.find(
      (r: { village: { id: number } }) => r.village.id === village,
    );
    expect(after).toMatchObject({ hours: 0.5, fulfilment: 12.5, entries: 1 });

    // the same month as a spreadsheet: the village's row carries the same figures
    const x = await sys.request({
      method: 'GET',
      url: `/api/legal/monthly?month=${month}&format=xlsx`,
      headers: as.town2,
    });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[1]?.slice(0, 7)).toEqual([
      '村（社区）',
      '镇街',
      '法律顾问',
      '律师事务所',
      '承诺时长（小时）',
      '服务时长（小时）',
      '履约率（%）',
    ]);
    const line = rows.find((r) => r[0] === after.village.name);
    expect(line?.slice(4, 7)).toEqual([4, 0.5, 12.5]);
  });

  it('a village sees its own adviser and log only; a firm its own advisers', async () => {
    const advisers = (await json('GET', '/api/legal/advisers', 'village')).body.items;
    expect(advisers.map((a: { name: string }) => a.name)).toEqual(['周明律']);
    const entries = (await json('GET', '/api/legal/entries?pageSize=200', 'village')).body.items;
    expect(entries.every((e: { village: { id: number } }) => e.village.id === org.village)).toBe(true);
    expect((await json('GET', '/api/legal/advisers', 'mediator')).body.items).toEqual([]);
    const firmOwn = (await json('GET', '/api/legal/advisers', 'lawyer')).body.items;
    expect(firmOwn.every((a: { firm: { id: number } }) => a.firm.id === firm)).toBe(true);
    const monthly = (await json('GET', `/api/legal/monthly?month=${monthOf(today)}`, 'village')).body;
    expect(monthly.rows.map((r: { village: { id: number } }) => r.village.id)).toEqual([org.village]);
  });
});

describe('a legal review requested of the village’s adviser', () => {
  it('is a legal_review task of the firm, completed when the adviser records the review', async () => {
    const refused = await json('POST', '/api/legal/review-requests', 'town2', {
      villageId: org.village,
      documentTitle: '村集体厂房租赁合同',
    });
    expect(refused.status).toBe(404); // another town's village
    const req = await created(
      await json('POST', '/api/legal/review-requests', 'village', {
        villageId: org.village,
        documentTitle: '村集体厂房租赁合同',
        note: '租期二十五年，请审核',
        dueDays: 3,
      }),
    );
    const task = (await json('GET', `/api/tasks/${req.taskId}`, 'lawyer')).body;
    expect(task).toMatchObject({
      sourceKind: 'legal_review',
      sourceId: String(org.village),
      ownerOrg: { id: firm },
      state: 'pending_sign',
    });
    const me = (await json('GET', '/api/legal/me', 'lawyer')).body;
    expect(me.openReviews.map((r: { taskId: number }) => r.taskId)).toContain(req.taskId);
    const review = {
      kind: 'legal_review',
      occurredOn: today,
      hours: 2,
      documentTitle: '村集体厂房租赁合同',
      opinion: '租期超过二十年的部分无效，建议改为二十年。',
      reviewTaskId: req.taskId,
    };
    const wrongKind = await json('POST', '/api/legal/entries', 'lawyer', {
      ...review,
      kind: 'on_site',
      matter: '坐班',
    });
    expect(wrongKind.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'reviewTaskId' } });
    const e = await created(await json('POST', '/api/legal/entries', 'lawyer', review));
    expect(e.kind).toBe('legal_review');
    const done = (await json('GET', `/api/tasks/${req.taskId}`, 'village')).body;
    expect(done.state).toBe('done');
    const again = await json('POST', '/api/legal/entries', 'lawyer', review);
    expect(again.body.details.field).toBe('reviewTaskId'); // no longer open
  });
});
