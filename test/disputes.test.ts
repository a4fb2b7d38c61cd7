// Disputes and mediation through HTTP on a real database: registration and the risk rule, a neighbour dispute
// from registration to a signed agreement and its follow-up visit (a task), a third-party committee that sees
// only what is assigned to it, forbidden transitions and stale versions, the 受理 and 30-day limits over a
// holiday, escalation of an overdue dispute one level at a time, personal data masked and revealed (audited),
// citizens applying from the phone, the dispute ↔ case link and the indicators on hand-made data (also as the
// assessment's facts, written with each change and recounted alike by a rebuild).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDayOf, chinaTime } from '../src/domain/calendar/index.js';
import { makeIdNumber } from '../src/domain/grid-data/index.js';
import { rebuildAssessment } from '../src/modules/assessment/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
let villageB = 0;
let gridA = 0;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'county', 'town', 'town2', 'village', 'grid', 'dept', 'mediator']) {
    as[name] = await sys.login(name);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  const admin = as.admin as Headers;
  villageB = (await sys.json('GET', `/api/orgs?parentId=${org.town2}&kind=village&limit=1`, admin)).body.items[0].id;
  gridA = org.grid as number;
});
afterAll(async () => sys?.stop());

const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);

const parties = [
  { role: 'applicant', kind: 'person', name: '陈美华', phone: '13905710001', address: '文昌社区3栋302室' },
  { role: 'respondent', kind: 'person', name: '赵建国', phone: '13905710002', idNumber: '330788198001011234' },
];

async function register(who: string, payload: Record<string, unknown> = {}) {
  const r = await json('POST', '/api/disputes', who, {
    typeCode: 'neighbour',
    title: '楼上漏水致楼下天花板受损',
    description: '双方就维修和赔偿协商未果',
    parties,
    source: 'walk_in',
    ...payload,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function act(who: string, id: number, action: Record<string, unknown>, version?: number) {
  const v = version ?? (await json('GET', `/api/disputes/${id}`, who)).body.version;
  return json('POST', `/api/disputes/${id}/actions`, who, { version: v, action });
}

async function ok(who: string, id: number, action: Record<string, unknown>) {
  const r = await act(who, id, action);
  expect(r.status, `${action.type}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

async function sweepUntilIdle() {
  for (let i = 0; i < 20 && (await sys.services.disputes.sweep()).more; i++);
}

/** Moves the simulated clock to the next Monday 09:00 China time at least a day ahead. */
async function toNextMonday(): Promise<Date> {
  const now = sys.services.clock.now();
  for (let d = 1; d < 9; d++) {
    const at = chinaTime(chinaDayOf(new Date(now.getTime() + d * 86_400_000)), '09:00');
    if (at.getUTCDay() === 1 && at > now) {
      await sys.services.clock.advance(at.getTime() - now.getTime());
      return at;
    }
  }
  throw new Error('no Monday ahead');
}

const session = (notes: string) => ({
  type: 'recordSession',
  session: {
    at: new Date(sys.services.clock.now().getTime() - 600_000).toISOString(),
    place: '社区人民调解室',
    participants: '双方当事人、调解员李秀英',
    notes,
  },
});

describe('registering a dispute', () => {
  it('applies the risk rule: 30 people or a threat of petitioning is 重大 and tells the town and county', async () => {
    const d = await register('village', {
      typeCode: 'wages',
      title: '工地 35 名工人讨薪',
      peopleInvolved: 35,
      amount: 300_000,
      threatOfPetition: true,
      placeOrgId: gridA,
    });
    expect(d).toMatchObject({
      state: 'registered',
      stateLabel: '待受理',
      riskLevel: 'major',
      riskLabel: '重大',
      level: 'village',
      handlingOrg: { id: org.village },
      grid: { id: gridA },
      version: 1,
    });
    expect(d.number).toMatch(/^MD\d{8}\d{6}$/);
    expect(d.riskReasons.map((r: { code: string }) => r.code)).toEqual(['people_30', 'petition', 'amount_100k']);
    expect(d.clock).toMatchObject({ kind: 'accept', color: 'green' });
    const told = await sys.services.db
      .selectFrom('notifications')
      .select(['org_id', 'title'])
      .where('dispute_id', '=', d.id)
      .execute();
    expect(told.map((n) => n.org_id).sort()).toEqual([org.village, org.town, org.admin].sort());
    expect(told.find((n) => n.org_id === org.admin)?.title).toContain('重大矛盾纠纷登记');
    const outbox = await sys.services.db.selectFrom('outbox').select('topic').where('dispute_id', '=', d.id).execute();
    expect(outbox).toEqual([{ topic: 'dispute.changed' }]);
  });

  it('masks the parties; reveals them with pii.view, audited; never to a committee without it', async () => {
    const d = await register('village');
    expect(d.parties[0]).toMatchObject({ name: '陈**', phone: '139****0001' });
    expect(d.parties[1].idNumber).toBe('330***********1234');
    expect(d.partiesMasked).toBe(true);
    const revealed = await json('GET', `/api/disputes/${d.id}/parties`, 'village');
    expect(revealed.status).toBe(200);
    expect(revealed.body.parties[0]).toMatchObject({ name: '陈美华', phone: '13905710001' });
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'pii.view')
      .where('target_type', '=', 'dispute')
      .execute();
    expect(audit.map((a) => a.target_id)).toContain(String(d.id));
    expect((await json('GET', `/api/disputes/${d.id}/parties`, 'mediator')).status).toBe(403);
  });

  it('refuses bad input with a message a person can act on, and writes nothing', async () => {
    const before = await sys.services.db
      .selectFrom('disputes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const base = { typeCode: 'neighbour', title: 'x', parties, source: 'walk_in' };
    const lower = await json('POST', '/api/disputes', 'village', { ...base, peopleInvolved: 40, riskLevel: 'general' });
    expect(lower).toMatchObject({ status: 400, body: { code: 'DISPUTE_RISK_BELOW_RULE' } });
    expect(lower.body.message).toContain('重大');
    const type = await json('POST', '/api/disputes', 'village', { ...base, typeCode: 'nonsense' });
    expect(type).toMatchObject({ status: 400, body: { code: 'DISPUTE_TYPE_UNKNOWN' } });
    const oneSide = await json('POST', '/api/disputes', 'village', {
      ...base,
      parties: [parties[0], { ...parties[0], name: '另一位申请人' }],
    });
    expect(oneSide).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(oneSide.body.message).toContain('被申请人');
    const id = await json('POST', '/api/disputes', 'village', {
      ...base,
      parties: [parties[0], { ...parties[1], idNumber: '12345' }],
    });
    expect(id.body.details.field).toBe('parties[1].idNumber');
    const elsewhere = await json('POST', '/api/disputes', 'village', { ...base, placeOrgId: villageB });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.message).toContain('本辖区');
    const after = await sys.services.db
      .selectFrom('disputes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });
});

describe('a neighbour dispute from registration to a signed agreement and its follow-up visit', () => {
  let id = 0;
  it('受理 → 指派 the village committee → two sessions → 调解成功 → 签署 → a follow-up task', async () => {
    const d = await register('village', { placeOrgId: gridA, amount: 3000 });
    id = d.id;
    expect(d.allowedActions.sort()).toEqual(['accept', 'reject']);
    let v = await ok('village', id, { type: 'accept', note: '属于人民调解范围' });
    expect(v).toMatchObject({ state: 'accepted', stateLabel: '待分派', clock: { kind: 'mediation' } });
    // 30 natural days from acceptance
    expect(new Date(v.mediationDueAt).getTime() - new Date(v.acceptedAt).getTime()).toBe(30 * 86_400_000);
    v = await ok('village', id, { type: 'assign', mediatorOrgId: org.village, mediatorName: '李秀英' });
    expect(v).toMatchObject({ state: 'mediating', mediatorOrg: { id: org.village }, mediatorName: '李秀英' });
    await sys.services.clock.advance(3600_000);
    await ok('village', id, session('听取双方陈述，查看漏水现场'));
    v = await ok('village', id, session('双方同意由楼上住户维修并赔偿'));
    expect(v.sessions.map((s: { no: number; notes: string }) => [s.no, s.notes])).toEqual([
      [1, '听取双方陈述，查看漏水现场'],
      [2, '双方同意由楼上住户维修并赔偿'],
    ]);
    v = await ok('village', id, {
      type: 'reachAgreement',
      terms: '一、赵建国于十日内修复卫生间防水。\n二、赵建国赔偿陈美华天花板修复费用人民币贰仟元整。',
      followUpDays: 15,
    });
    expect(v.state).toBe('agreed');
    expect(v.agreement.number).toMatch(/^青溪调〔\d{4}〕\d{4}号$/);
    // the 调解协议书 to print: the committee sees the parties' full names, the view is audited
    const paper = await json('GET', `/api/disputes/${id}/agreement`, 'village');
    expect(paper.status).toBe(200);
    expect(paper.body).toMatchObject({ number: v.agreement.number, masked: false, sessions: 2 });
    expect(paper.body.parties.map((p: { name: string }) => p.name)).toEqual(['陈美华', '赵建国']);
    expect(paper.body.parties[0].phone).toBeNull();
    v = await ok('village', id, { type: 'sign', note: '双方当场签字' });
    expect(v).toMatchObject({ state: 'following_up', stateLabel: '待回访', clock: null, concludedLate: false });
    const tasks = (await json('GET', `/api/tasks?box=all&sourceKind=dispute_followup&sourceId=${id}`, 'village')).body;
    expect(tasks.items).toHaveLength(1);
    expect(tasks.items[0]).toMatchObject({ ownerOrg: { id: org.village }, state: 'pending_sign' });
    expect(new Date(tasks.items[0].dueAt).getTime() - sys.services.clock.now().getTime()).toBeCloseTo(
      15 * 86_400_000,
      -5,
    );
  });

  it('the follow-up visit closes the dispute and completes its task; 司法确认 is recorded', async () => {
    const v = await ok('village', id, { type: 'recordFollowUp', performance: 'performed', note: '已修复，款已付清' });
    expect(v).toMatchObject({ state: 'closed', performance: 'performed', performanceLabel: '已履行' });
    const task = (await json('GET', `/api/tasks?box=all&sourceKind=dispute_followup&sourceId=${id}`, 'village')).body
      .items[0];
    expect(task.state).toBe('done');
    const referred = await ok('village', id, { type: 'referJudicial', court: '青溪县人民法院' });
    expect(referred.judicialReferredAt).not.toBeNull();
    expect(referred.history.map((h: { type: string }) => h.type)).toEqual([
      'register',
      'accept',
      'assign',
      'recordSession',
      'recordSession',
      'reachAgreement',
      'sign',
      'recordFollowUp',
      'referJudicial',
    ]);
  });
});

describe('a third-party committee works only what is assigned to it', () => {
  it('sees nothing until assigned; then mediates, but cannot accept or see another dispute', async () => {
    const d = await register('town', { typeCode: 'consumer', title: '装修合同纠纷', placeOrgId: org.village });
    expect(d).toMatchObject({ level: 'town', handlingOrg: { id: org.town } });
    expect((await json('GET', `/api/disputes/${d.id}`, 'mediator')).status).toBe(404);
    await ok('town', d.id, { type: 'accept' });
    await ok('town', d.id, { type: 'assign', mediatorOrgId: org.mediator, mediatorName: '周律师' });
    const seen = await json('GET', `/api/disputes/${d.id}`, 'mediator');
    expect(seen.status).toBe(200);
    expect(seen.body.allowedActions.sort()).toEqual(['extend', 'fail', 'reachAgreement', 'recordSession', 'transfer']);
    const list = (await json('GET', '/api/disputes?box=to_mediate', 'mediator')).body.items;
    expect(list.map((x: { id: number }) => x.id)).toContain(d.id);
    const all = (await json('GET', '/api/disputes?box=all&pageSize=200', 'mediator')).body.items;
    expect(all.every((x: { mediatorOrg: { id: number } | null }) => x.mediatorOrg?.id === org.mediator)).toBe(true);
    const other = await register('village');
    expect((await json('GET', `/api/disputes/${other.id}`, 'mediator')).status).toBe(404);
    expect((await act('mediator', other.id, { type: 'accept' }, 1)).status).toBe(404);
    // a 调解不成 with the route advised
    const failed = await ok('mediator', d.id, { type: 'fail', route: 'arbitration', reason: '合同约定仲裁' });
    expect(failed).toMatchObject({ state: 'failed', failureRouteLabel: '仲裁' });
    // another town never sees it
    expect((await json('GET', `/api/disputes/${d.id}`, 'town2')).status).toBe(404);
  });

  it('an assignment to a unit that cannot mediate is refused', async () => {
    const d = await register('village');
    await ok('village', d.id, { type: 'accept' });
    const r = await act('village', d.id, { type: 'assign', mediatorOrgId: org.dept });
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(r.body.message).toContain('调解组织');
  });
});

describe('forbidden transitions and concurrent writers', () => {
  it('refuses what the state forbids (409), what the unit may not do (403), a stale version (409)', async () => {
    const d = await register('village', { placeOrgId: gridA });
    const sign = await act('village', d.id, { type: 'sign' });
    expect(sign).toMatchObject({ status: 409, body: { code: 'DISPUTE_ACTION_NOT_ALLOWED_IN_STATE' } });
    expect(sign.body.message).toBe('矛盾纠纷当前状态为“待受理”，不能协议签署');
    const followUp = await act('village', d.id, { type: 'recordFollowUp', performance: 'performed', note: 'x' });
    expect(followUp.status).toBe(409);
    const byDept = await act('dept', d.id, { type: 'accept' }, 1);
    expect(byDept).toMatchObject({ status: 404, body: { code: 'DISPUTE_NOT_FOUND' } });
    const grid = await act('grid', d.id, { type: 'accept' }, 1);
    expect(grid).toMatchObject({ status: 403, body: { code: 'NOT_AUTHORISED_FOR_DISPUTE_ACTION' } });
    await ok('village', d.id, { type: 'accept' });
    const stale = await act('village', d.id, { type: 'reject', reason: 'x' }, 1);
    expect(stale).toMatchObject({ status: 409, body: { code: 'DISPUTE_VERSION_CONFLICT' } });
    expect(stale.body.details.current).toMatchObject({ version: 2, state: 'accepted' });
    const [a, b] = await Promise.all([
      act('village', d.id, { type: 'assign', mediatorOrgId: org.village }, 2),
      act('village', d.id, { type: 'extend', days: 5, reason: '等待鉴定' }, 2),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const twice = await ok('village', d.id, { type: 'extend', days: 3, reason: '鉴定延迟' }).catch(() => null);
    if (twice) {
      const again = await act('village', d.id, { type: 'extend', days: 3, reason: '再次延期' });
      expect(again.body.message).toBe('调解期限只能延长一次');
    }
  });
});

describe('time limits on the working calendar and escalation', () => {
  it('受理 within 3 working days skips a holiday; mediation is 30 natural days through it', async () => {
    const monday = await toNextMonday();
    const day = (offset: number) => chinaDayOf(new Date(monday.getTime() + offset * 86_400_000));
    for (const offset of [1, 2, 3]) {
      const r = await json('PUT', `/api/calendar/${day(offset)}`, 'admin', { kind: 'holiday', name: '测试假日' });
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    }
    sys.services.cases.contexts.invalidate();
    const d = await register('village');
    // Tue–Thu off: Fri, Mon, Tue are the three working days
    expect(d.clock.dueAt).toBe(chinaTime(day(8), '17:30').toISOString());
    await sys.services.clock.advance(3600_000);
    const accepted = await ok('village', d.id, { type: 'accept' });
    const acceptedAt = new Date(accepted.acceptedAt).getTime();
    expect(acceptedAt - monday.getTime()).toBeGreaterThanOrEqual(3600_000);
    expect(accepted.mediationDueAt).toBe(new Date(acceptedAt + 30 * 86_400_000).toISOString());
    // extended once by 10 days
    const extended = await ok('village', d.id, { type: 'extend', days: 10, reason: '等待伤情鉴定' });
    expect(extended.mediationDueAt).toBe(new Date(acceptedAt + 40 * 86_400_000).toISOString());
    for (const offset of [1, 2, 3]) await json('DELETE', `/api/calendar/${day(offset)}`, 'admin');
    sys.services.cases.contexts.invalidate();
  });

  it('an overdue dispute climbs one level at a time into the 督办中 box, then is listed at the county', async () => {
    await toNextMonday();
    const d = await register('village');
    await sweepUntilIdle();
    expect((await json('GET', `/api/disputes/${d.id}`, 'village')).body.overdue).toBe(false);
    await sys.services.clock.advance(4 * 86_400_000); // past Thursday 17:30
    await sweepUntilIdle();
    let v = (await json('GET', `/api/disputes/${d.id}`, 'town')).body;
    expect(v).toMatchObject({ overdue: true, escalationLevel: 1, supervisorOrg: { id: org.town }, listed: false });
    expect(v.clock).toMatchObject({ kind: 'supervision' });
    expect(v.history.at(-1)).toMatchObject({ type: 'escalateOverdue', label: '超期升级督办' });
    const box = (await json('GET', '/api/disputes?box=supervising', 'town')).body.items;
    expect(box.map((x: { id: number }) => x.id)).toContain(d.id);
    expect((await json('GET', '/api/disputes/inbox', 'town')).body.boxes.supervising).toBeGreaterThanOrEqual(1);
    expect(v.allowedActions).toContain('urge');
    const told = await sys.services.db
      .selectFrom('notifications')
      .select('title')
      .where('dispute_id', '=', d.id)
      .where('org_id', '=', org.town as number)
      .execute();
    expect(told.map((n) => n.title).join()).toContain('受理超期');
    await sys.services.clock.advance(5 * 86_400_000); // the town's 2 working days ran out on Tuesday
    await sweepUntilIdle();
    v = (await json('GET', `/api/disputes/${d.id}`, 'county')).body;
    expect(v).toMatchObject({ escalationLevel: 2, supervisorOrg: { id: org.county } });
    await sys.services.clock.advance(5 * 86_400_000);
    await sweepUntilIdle();
    v = (await json('GET', `/api/disputes/${d.id}`, 'county')).body;
    expect(v).toMatchObject({ escalationLevel: 3, listed: true, clock: null });
    // accepting late starts the mediation clock; the supervision stays on record
    v = await ok('village', d.id, { type: 'accept' });
    expect(v).toMatchObject({ state: 'accepted', overdue: false, clock: { kind: 'mediation' } });
  });

  it('a transfer up one level is a new registration at the town', async () => {
    const d = await register('village');
    await ok('village', d.id, { type: 'accept' });
    const v = await ok('village', d.id, { type: 'transfer', reason: '涉及多个村，村调委会难以调处' });
    expect(v).toMatchObject({
      state: 'registered',
      level: 'town',
      handlingOrg: { id: org.town },
      clock: { kind: 'accept' },
    });
    expect(
      (await json('GET', '/api/disputes?box=to_accept', 'town')).body.items.map((x: { id: number }) => x.id),
    ).toContain(d.id);
  });
});

describe('citizens apply for mediation from the phone', () => {
  it('applies, follows the progress, and confirms performance at the follow-up', async () => {
    const phone = '13500007777';
    const code = (await sys.json('POST', '/api/auth/code/request', {}, { phone })).body.demoCode;
    const token = (await sys.json('POST', '/api/auth/code/verify', {}, { phone, code })).body.token;
    const citizen = { authorization: `Bearer ${token}` };
    const types = (await sys.json('GET', '/api/disputes/types', citizen)).body.items;
    expect(types.map((t: { name: string }) => t.name)).toContain('邻里纠纷');
    const applied = await sys.json('POST', '/api/my/disputes', citizen, {
      typeCode: 'neighbour',
      title: '邻居装修噪音扰民',
      description: '每天早上七点开始施工',
      applicantName: '林小红',
      otherParty: { kind: 'person', name: '楼上住户' },
      gridId: gridA,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({ source: 'citizen', handlingOrg: { id: org.village }, applied: true });
    const id = applied.body.id;
    expect((await sys.json('GET', '/api/disputes', citizen)).status).toBe(403);
    expect((await sys.json('POST', '/api/my/disputes', as.village as Headers, {})).status).toBe(400);
    await ok('village', id, { type: 'accept' });
    await ok('village', id, { type: 'assign', mediatorOrgId: org.village });
    await ok('village', id, { type: 'reachAgreement', terms: '施工时间调整为 8:30–12:00、14:00–18:00' });
    await ok('village', id, { type: 'sign' });
    const mine = (await sys.json('GET', '/api/my/disputes', citizen)).body.items;
    expect(mine.map((x: { id: number; state: string }) => [x.id, x.state])).toEqual([[id, 'following_up']]);
    const detail = (await sys.json('GET', `/api/my/disputes/${id}`, citizen)).body;
    expect(detail.allowedActions).toEqual(['confirmPerformance']);
    expect(detail.history.every((h: { actor: { userName: string | null } }) => h.actor.userName === null)).toBe(true);
    const staffOnly = await sys.json('POST', `/api/my/disputes/${id}/actions`, citizen, {
      version: detail.version,
      action: { type: 'accept' },
    });
    expect(staffOnly.status).toBe(403);
    const confirmed = await sys.json('POST', `/api/my/disputes/${id}/actions`, citizen, {
      version: detail.version,
      action: { type: 'confirmPerformance', performed: true, note: '已按约定时间施工' },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.partyConfirmed).toBe(true);
    const told = await sys.services.db
      .selectFrom('notifications')
      .select('title')
      .where('dispute_id', '=', id)
      .where('user_id', 'is not', null)
      .execute();
    expect(told.length).toBeGreaterThanOrEqual(3);
  });
});

describe('parties picked from the grid base data', () => {
  it('take the record’s name, phone, ID number and address, in scope, the use audited', async () => {
    const idNumber = makeIdNumber('330788', '19750315', 421);
    const person = await json('POST', '/api/grid-data/people', 'village', {
      gridId: gridA,
      fields: {
        residenceType: '户籍',
        name: '王秀兰',
        idNumber,
        phone: '13905719999',
        building: '5幢',
        unit: '2单元',
        room: '301',
      },
    });
    expect(person.status, JSON.stringify(person.body)).toBe(201);
    const recordId = person.body.id as number;
    const picked = [
      // what the form sent for the picked party is replaced by the record
      { role: 'applicant', kind: 'person', name: '随便写的', gridRecordId: recordId },
      { role: 'respondent', kind: 'person', name: '赵建国', phone: '13905710002' },
    ];
    const { id } = await register('village', { parties: picked });
    const row = await sys.services.db
      .selectFrom('disputes')
      .select('parties')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect((row.parties as unknown[])[0]).toEqual({
      role: 'applicant',
      kind: 'person',
      name: '王秀兰',
      phone: '13905719999',
      idNumber,
      address: '5幢2单元301',
      gridRecordId: recordId,
    });
    const shown = (await json('GET', `/api/disputes/${id}`, 'village')).body.parties[0];
    expect(shown).toMatchObject({ name: '王**', phone: '139****9999', gridRecordId: recordId });
    const used = await sys.services.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'griddata.use')
      .where('target_id', '=', String(recordId))
      .execute();
    expect(used.length).toBe(1);
    // another town's platform does not see the record; a department sees no base data at all
    const foreign = await json('POST', '/api/disputes', 'town2', {
      typeCode: 'neighbour',
      title: 'x',
      parties: picked,
      source: 'walk_in',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('GRID_RECORD_NOT_FOUND');
    // a person picked as an organisation is refused, naming the party
    const wrongKind = await json('POST', '/api/disputes', 'village', {
      typeCode: 'neighbour',
      title: 'x',
      parties: [{ ...picked[0], kind: 'org' }, picked[1]],
      source: 'walk_in',
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.details.field).toBe('parties[0].kind');
  });
});

describe('a dispute and a case know each other', () => {
  it('registers a dispute from a case, and turns a dispute into a case once', async () => {
    const c = await json('POST', '/api/cases', 'village', {
      channel: 'walk_in',
      body: '两户村民因排水沟堵塞发生争吵',
      gridId: gridA,
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const caseId = c.body.id;
    const d = await register('village', { source: 'case', caseId, placeOrgId: gridA });
    expect(d).toMatchObject({ caseId, caseNumber: c.body.number });
    const ofCase = (await json('GET', `/api/disputes?caseId=${caseId}`, 'village')).body.items;
    expect(ofCase.map((x: { id: number }) => x.id)).toEqual([d.id]);
    const hidden = await json('POST', '/api/disputes', 'town2', {
      typeCode: 'neighbour',
      title: 'x',
      parties,
      source: 'case',
      caseId,
    });
    expect(hidden.status).toBe(404);
    const other = await register('village', { placeOrgId: gridA });
    const made = await json('POST', `/api/disputes/${other.id}/case`, 'village');
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const linked = (await json('GET', `/api/disputes/${other.id}`, 'village')).body;
    expect(linked.caseId).toBe(made.body.caseId);
    expect((await json('POST', `/api/disputes/${other.id}/case`, 'village')).status).toBe(409);
  });
});

describe('indicators on hand-made data', () => {
  it('调解成功率 and 矛盾纠纷化解率 by their formulas, by type and by committee', async () => {
    await sys.services.clock.advance(2 * 86_400_000);
    const today = chinaDayOf(sys.services.clock.now());
    const make = async (typeCode: string) => {
      const d = await register('town2', { typeCode, placeOrgId: villageB });
      return d.id as number;
    };
    const mediate = async (id: number) => {
      await ok('town2', id, { type: 'accept' });
      await ok('town2', id, { type: 'assign', mediatorOrgId: org.town2 });
    };
    const succeed = async (id: number) => {
      await mediate(id);
      await ok('town2', id, { type: 'reachAgreement', terms: '协议内容' });
      await ok('town2', id, { type: 'sign' });
    };
    // 3 successes (one found unperformed at the follow-up), 1 failure, 1 still in mediation, 1 refused
    const [s1, s2, s3, f1, m1, r1] = [
      await make('neighbour'),
      await make('neighbour'),
      await make('wages'),
      await make('wages'),
      await make('neighbour'),
      await make('neighbour'),
    ];
    // the village's assessment facts of the month before any of the six is accepted
    const month = today.slice(0, 7);
    const villageFacts = async () =>
      (await sys.services.db
        .selectFrom('assessment_facts')
        .select(['dispute_accepted', 'dispute_resolved', 'dispute_concluded', 'dispute_succeeded'])
        .where('unit_id', '=', villageB)
        .where('month', '=', month)
        .executeTakeFirst()) ?? {
        dispute_accepted: 0,
        dispute_resolved: 0,
        dispute_concluded: 0,
        dispute_succeeded: 0,
      };
    const factsBefore = await villageFacts();
    for (const id of [s1, s2, s3] as number[]) await succeed(id);
    await ok('town2', s3 as number, { type: 'recordFollowUp', performance: 'not_performed', note: '未付款' });
    await mediate(f1 as number);
    await ok('town2', f1 as number, { type: 'fail', route: 'litigation', reason: '分歧大' });
    await mediate(m1 as number);
    await ok('town2', r1 as number, { type: 'reject', reason: '已起诉至法院' });
    const stats = await json('GET', `/api/disputes/stats?from=${today}&to=${today}`, 'town2');
    expect(stats.status).toBe(200);
    expect(stats.body.overall).toEqual({
      registered: 6,
      accepted: 5,
      resolved: 2,
      concluded: 4,
      succeeded: 3,
      failed: 1,
      successRate: 75,
      resolutionRate: 40,
    });
    const wages = stats.body.byType.find((g: { key: string }) => g.key === 'wages');
    expect(wages).toMatchObject({
      label: '劳资 / 欠薪纠纷',
      succeeded: 1,
      failed: 1,
      successRate: 50,
      resolutionRate: 0,
    });
    expect(stats.body.byCommittee).toEqual([expect.objectContaining({ key: String(org.town2), accepted: 5 })]);
    expect(stats.body.formulas.successRate).toContain('调解成功数');
    // …and the assessment has the same counts, written with each change: 5 accepted, 2 resolved, 3 of 4 succeeded
    const factsAfter = await villageFacts();
    expect({
      accepted: factsAfter.dispute_accepted - factsBefore.dispute_accepted,
      resolved: factsAfter.dispute_resolved - factsBefore.dispute_resolved,
      concluded: factsAfter.dispute_concluded - factsBefore.dispute_concluded,
      succeeded: factsAfter.dispute_succeeded - factsBefore.dispute_succeeded,
    }).toEqual({ accepted: 5, resolved: 2, concluded: 4, succeeded: 3 });
    // the village's two indicators in the ranking are the rates of its month's facts, with their formulas
    const ranking = await json('GET', `/api/assessment/ranking?unitType=village&period=${month}`, 'county');
    expect(ranking.status, JSON.stringify(ranking.body)).toBe(200);
    const row = ranking.body.rows.find((r: { unitId: number }) => r.unitId === villageB);
    const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
    expect(row.values.disputeSuccessRate).toBe(r4(factsAfter.dispute_succeeded / factsAfter.dispute_concluded));
    expect(row.values.disputeResolutionRate).toBe(r4(factsAfter.dispute_resolved / factsAfter.dispute_accepted));
    expect(JSON.stringify(ranking.body)).toContain('矛盾纠纷化解率');
    // a rebuild recounts them from the disputes and agrees
    await rebuildAssessment(sys.services.db);
    expect(await villageFacts()).toEqual(factsAfter);
    // another town's figures are its own
    const other = (await json('GET', `/api/disputes/stats?from=${today}&to=${today}`, 'town')).body.overall;
    expect(other.registered).toBe(0);
    expect((await json('GET', '/api/disputes/stats?from=2026-12-31&to=2026-01-01', 'town')).status).toBe(400);
  });

  it('lists the month’s 重大 disputes for the joint meeting', async () => {
    const month = chinaDayOf(sys.services.clock.now()).slice(0, 7);
    const major = await register('town2', { title: '山林权属群体纠纷', peopleInvolved: 50, placeOrgId: villageB });
    const list = (await json('GET', `/api/disputes/major?month=${month}`, 'county')).body.items;
    expect(list.map((x: { id: number }) => x.id)).toContain(major.id);
    expect(list.every((x: { riskLevel: string }) => x.riskLevel === 'major')).toBe(true);
  });
});
