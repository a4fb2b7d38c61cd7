// Psychological referrals through HTTP on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): the
// strictest access in the system — the referrer sees the status only (no content field in the JSON), another grid
// worker, the village above and a mediation committee get 404, the counselling organisation sees the content and
// every view is audited; no consent → no content in the row; a 危机 referral's acknowledgement task (2 hours) and
// notifications to the town platform and the county health department, and the task's overdue escalation;
// the counsellor's workflow, forbidden transitions, stale versions, a referral from a dispute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
const org: Record<string, number> = {};
let centre = 0;
let health = 0;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  const db = sys.services.db;
  const otherGrid = await db
    .selectFrom('users')
    .select('username')
    .where('role', '=', 'grid_worker')
    .where('username', '!=', 'grid')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const healthUser = await db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.username', 'orgs.id'])
    .where('orgs.name', '=', '卫生健康局')
    .executeTakeFirstOrThrow();
  health = healthUser.id;
  const logins: [string, string][] = [
    ['admin', 'admin'],
    ['leader', 'leader'],
    ['county', 'county'],
    ['town', 'town'],
    ['town2', 'town2'],
    ['village', 'village'],
    ['grid', 'grid'],
    ['grid2', otherGrid.username as string],
    ['mediator', 'mediator'],
    ['counsellor', 'counsellor'],
    ['health', healthUser.username as string],
  ];
  for (const [name, username] of logins) {
    as[name] = await sys.login(username);
    org[name] = (await sys.json('GET', '/api/auth/me', as[name] as Headers)).body.org.id;
  }
  centre = org.counsellor as number;
});
afterAll(async () => sys?.stop());

const json = (method: string, url: string, who: string, payload?: unknown) =>
  sys.json(method, url, as[who] as Headers, payload);

const PERSON = { personName: '王晓梅', personPhone: '13905719901', personIdNumber: '330788199001011234' };
const CONCERN = '丈夫去世后长期失眠、情绪低落，拒绝出门';

async function refer(who: string, payload: Record<string, unknown> = {}) {
  const r = await json('POST', '/api/psych/referrals', who, {
    risk: 'medium',
    consent: true,
    counsellingOrgId: centre,
    source: 'direct',
    placeOrgId: org.grid,
    ...PERSON,
    concern: CONCERN,
    ...payload,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function act(who: string, id: number, action: Record<string, unknown>, version?: number) {
  const v = version ?? (await json('GET', `/api/psych/referrals/${id}`, 'counsellor')).body.version;
  return json('POST', `/api/psych/referrals/${id}/actions`, who, { version: v, action });
}

async function ok(who: string, id: number, action: Record<string, unknown>) {
  const r = await act(who, id, action);
  expect(r.status, `${action.type}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

async function auditCount(action: string, id: number): Promise<number> {
  const row = await sys.services.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .where('target_type', '=', 'psych_referral')
    .where('target_id', '=', String(id))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const session = (notes: string) => ({
  type: 'recordSession',
  session: {
    at: new Date(sys.services.clock.now().getTime() - 600_000).toISOString(),
    durationMinutes: 50,
    form: 'face_to_face',
    notes,
    nextStep: '一周后复谈',
  },
});

const CONTENT_KEYS = ['content', 'personName', 'person', 'concern', 'personPhone', 'sessions', 'outcome'];

describe('who sees a referral', () => {
  it('the referrer sees the status only: no content field anywhere in the JSON', async () => {
    const r = await refer('grid');
    expect(r).toMatchObject({ state: 'referred', stateLabel: '已转介', risk: 'medium', needsAttention: false });
    expect(r.number).toMatch(/^PSY-\d{4}-\d{4}$/);
    for (const view of [r, (await json('GET', `/api/psych/referrals/${r.id}`, 'grid')).body]) {
      for (const key of CONTENT_KEYS) expect(view).not.toHaveProperty(key);
      const text = JSON.stringify(view);
      expect(text).not.toContain('王');
      expect(text).not.toContain('失眠');
      expect(text).not.toContain('13905719901');
      expect(view.relations).toEqual(['referrer']);
      expect(view.allowedActions).toEqual([]);
    }
    const list = (await json('GET', '/api/psych/referrals?box=all&pageSize=200', 'grid')).body;
    const item = list.items.find((i: { id: number }) => i.id === r.id);
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty('content');
    expect(JSON.stringify(list)).not.toContain('失眠');
  });

  it('another grid worker, the village and town above, the county, a mediation committee: 404, never that it exists', async () => {
    const r = await refer('grid');
    for (const who of ['grid2', 'village', 'town', 'town2', 'county', 'mediator']) {
      const view = await json('GET', `/api/psych/referrals/${r.id}`, who);
      expect(view.status, who).toBe(404);
      expect(view.body.code).toBe('PSYCH_REFERRAL_NOT_FOUND');
      const list = (await json('GET', '/api/psych/referrals?box=all&pageSize=200', who)).body.items;
      expect(list.map((i: { id: number }) => i.id)).not.toContain(r.id);
    }
    // the mediation committee holds psych.content, but the referral is not made to it
    expect((await json('GET', `/api/psych/referrals/${r.id}/person`, 'mediator')).body.code).toBe(
      'PSYCH_REFERRAL_NOT_FOUND',
    );
    expect((await act('mediator', r.id, { type: 'acknowledge' }, 1)).body.code).toBe('PSYCH_REFERRAL_NOT_FOUND');
    // the administrator holds every permission (it creates every kind of account) but stands to no referral
    expect((await json('GET', `/api/psych/referrals/${r.id}`, 'admin')).body.code).toBe('PSYCH_REFERRAL_NOT_FOUND');
    expect((await json('GET', `/api/psych/referrals/${r.id}/person`, 'admin')).body.code).toBe(
      'PSYCH_REFERRAL_NOT_FOUND',
    );
    // a role without the permission at all: refused whatever the id
    expect((await json('GET', `/api/psych/referrals/${r.id}`, 'leader')).status).toBe(403);
  });

  it('the counselling organisation sees the content (person masked) and every view writes an audit entry', async () => {
    const r = await refer('grid');
    const before = await auditCount('psych.view', r.id);
    const first = await json('GET', `/api/psych/referrals/${r.id}`, 'counsellor');
    expect(first.status).toBe(200);
    expect(first.body.content).toMatchObject({ concern: CONCERN, place: { id: org.grid } });
    expect(first.body.content.person.name).not.toBe('王晓梅');
    expect(first.body.content.person.name.startsWith('王')).toBe(true);
    expect(first.body.content.person.phone).not.toBe('13905719901');
    expect(first.body.relations).toEqual(['counsellor']);
    expect(first.body.allowedActions.sort()).toEqual(['acknowledge', 'decline', 'return']);
    await json('GET', `/api/psych/referrals/${r.id}`, 'counsellor');
    expect(await auditCount('psych.view', r.id)).toBe(before + 2);
    // the referrer's views are audited too (status only)
    const statusBefore = await auditCount('psych.view_status', r.id);
    await json('GET', `/api/psych/referrals/${r.id}`, 'grid');
    expect(await auditCount('psych.view_status', r.id)).toBe(statusBefore + 1);
    // revealing the person: the counsellor only, audited
    const shown = await json('GET', `/api/psych/referrals/${r.id}/person`, 'counsellor');
    expect(shown.body).toEqual({ name: '王晓梅', phone: '13905719901', idNumber: '330788199001011234' });
    expect(await auditCount('pii.view', r.id)).toBe(1);
    expect((await json('GET', `/api/psych/referrals/${r.id}/person`, 'grid')).status).toBe(403);
    // a list with content: masked names, one audit entry naming the referrals shown
    const listAudits = async () =>
      Number(
        (
          await sys.services.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'psych.list')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const listBefore = await listAudits();
    const list = (await json('GET', '/api/psych/referrals?box=to_acknowledge&pageSize=200', 'counsellor')).body;
    const item = list.items.find((i: { id: number }) => i.id === r.id);
    expect(item.content.personName).not.toBe('王晓梅');
    expect(item.content.concernExcerpt).toContain('失眠');
    expect(JSON.stringify(list)).not.toContain('王晓梅');
    expect(await listAudits()).toBe(listBefore + 1);
  });

  it('without consent nothing about the person is stored: only the needs-attention flag', async () => {
    const r = await refer('village', { risk: 'high', consent: false, placeOrgId: org.village });
    expect(r).toMatchObject({ needsAttention: true, risk: 'high', referringOrg: { id: org.village } });
    const row = await sys.services.db
      .selectFrom('psych_referrals')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      consent: false,
      needs_attention: true,
      person_name: null,
      person_phone: null,
      person_id_number: null,
      concern: null,
      place_org_id: null,
    });
    const events = await sys.services.db
      .selectFrom('psych_events')
      .selectAll()
      .where('referral_id', '=', r.id)
      .execute();
    expect(JSON.stringify(events)).not.toContain('失眠');
    const view = (await json('GET', `/api/psych/referrals/${r.id}`, 'counsellor')).body;
    expect(view.content.person).toEqual({ name: '', phone: null, idNumber: null });
    expect((await json('GET', `/api/psych/referrals/${r.id}/person`, 'counsellor')).body).toEqual({
      name: null,
      phone: null,
      idNumber: null,
    });
    await ok('counsellor', r.id, { type: 'acknowledge' });
    const s = await act('counsellor', r.id, session('不应记录'));
    expect(s.status).toBe(409);
    expect(s.body.code).toBe('PSYCH_CONSENT_REQUIRED');
    expect((await ok('counsellor', r.id, { type: 'close', outcome: 'other' })).state).toBe('closed');
  });
});

describe('a 危机 referral', () => {
  it('creates the 2-hour acknowledgement task and tells the town platform and the health department at once', async () => {
    const now = sys.services.clock.now();
    const r = await refer('grid', { risk: 'crisis' });
    expect(r.acknowledgement).toMatchObject({ state: 'pending_sign', overdue: false });
    expect(Math.abs(new Date(r.acknowledgement.dueAt).getTime() - now.getTime() - 2 * 3600_000)).toBeLessThan(5000);
    const task = (await json('GET', `/api/tasks/${r.acknowledgement.taskId}`, 'counsellor')).body;
    expect(task).toMatchObject({
      sourceKind: 'psych_referral',
      sourceId: String(r.id),
      ownerOrg: { id: centre },
      title: `心理服务转介待接收 ${r.number} · 危机`,
    });
    expect(JSON.stringify(task)).not.toContain('王');
    expect(JSON.stringify(task)).not.toContain('失眠');
    const notes = await sys.services.db
      .selectFrom('notifications')
      .select(['org_id', 'title', 'link'])
      .where('psych_referral_id', '=', r.id)
      .execute();
    const told = notes.map((n) => n.org_id);
    expect(told).toContain(org.town);
    expect(told).toContain(health);
    expect(told).toContain(centre);
    for (const n of notes) {
      expect(n.link).toBe(`/psych/${r.id}`);
      expect(n.title).toContain(r.number);
      expect(n.title).not.toContain('王');
      expect(n.title).not.toContain('失眠');
    }
    // the notified units see the status, never the content
    for (const who of ['town', 'health']) {
      const view = await json('GET', `/api/psych/referrals/${r.id}`, who);
      expect(view.status, who).toBe(200);
      expect(view.body.relations).toEqual(['notified']);
      for (const key of CONTENT_KEYS) expect(view.body).not.toHaveProperty(key);
    }
    // a 中 referral tells nobody but the counselling organisation
    const medium = await refer('grid');
    const mediumNotes = await sys.services.db
      .selectFrom('notifications')
      .select('org_id')
      .where('psych_referral_id', '=', medium.id)
      .execute();
    expect(mediumNotes.map((n) => n.org_id)).toEqual([centre]);
  });

  it('falls overdue after 2 hours and the task machine escalates it', async () => {
    const r = await refer('grid', { risk: 'crisis' });
    await sys.services.clock.advance(2 * 3600_000 + 60_000);
    for (let i = 0; i < 20 && (await sys.services.tasks.sweep()).more; i++);
    const task = (await json('GET', `/api/tasks/${r.acknowledgement.taskId}`, 'counsellor')).body;
    expect(task).toMatchObject({ state: 'overdue', escalationLevel: 1 });
    const view = (await json('GET', `/api/psych/referrals/${r.id}`, 'grid')).body;
    expect(view.acknowledgement).toMatchObject({ state: 'overdue', overdue: true });
    // acknowledging late still stops the clock: the task is completed (late) in the same transaction
    await ok('counsellor', r.id, { type: 'acknowledge' });
    const done = (await json('GET', `/api/tasks/${r.acknowledgement.taskId}`, 'counsellor')).body;
    expect(done).toMatchObject({ state: 'done', completedLate: true });
  });
});

describe('the counsellor’s work', () => {
  it('acknowledge → sessions → follow-up → closed, the referrer told of each status and nothing else', async () => {
    const r = await refer('grid', { risk: 'high' });
    const now = sys.services.clock.now();
    expect(Math.abs(new Date(r.acknowledgement.dueAt).getTime() - now.getTime() - 24 * 3600_000)).toBeLessThan(5000);
    let v = await ok('counsellor', r.id, { type: 'acknowledge', note: '已联系' });
    expect(v).toMatchObject({ state: 'acknowledged', stateLabel: '已接收' });
    expect((await json('GET', `/api/tasks/${r.acknowledgement.taskId}`, 'counsellor')).body.state).toBe('done');
    v = await ok('counsellor', r.id, session('首次面谈，评估为中度抑郁情绪'));
    v = await ok('counsellor', r.id, {
      ...session('第二次面谈'),
      session: { ...session('x').session, form: 'phone', notes: '电话咨询' },
    });
    expect(v.state).toBe('in_service');
    expect(v.content.sessions).toHaveLength(2);
    expect(v.content.sessions[0]).toMatchObject({ durationMinutes: 50, form: 'face_to_face', formLabel: '面谈' });
    expect(v.content.sessions[1]).toMatchObject({ form: 'phone', formLabel: '电话' });
    v = await ok('counsellor', r.id, { type: 'startFollowUp' });
    expect(v.state).toBe('follow_up');
    v = await ok('counsellor', r.id, {
      type: 'recordFollowUp',
      at: new Date(sys.services.clock.now().getTime() - 60_000).toISOString(),
      notes: '随访：情绪好转',
    });
    expect(v.content.followUps).toHaveLength(1);
    v = await ok('counsellor', r.id, { type: 'close', outcome: 'improved', note: '结案' });
    expect(v).toMatchObject({ state: 'closed', content: { outcome: 'improved', outcomeLabel: '状况好转' } });
    const seen = (await json('GET', `/api/psych/referrals/${r.id}`, 'grid')).body;
    expect(seen).toMatchObject({ state: 'closed', stateLabel: '已结案' });
    expect(JSON.stringify(seen)).not.toContain('抑郁');
    expect(JSON.stringify(seen)).not.toContain('improved');
    expect(seen.history.map((h: { type: string }) => h.type)).toEqual([
      'refer',
      'acknowledge',
      'recordSession',
      'recordSession',
      'startFollowUp',
      'recordFollowUp',
      'close',
    ]);
    for (const h of seen.history) expect(h).not.toHaveProperty('note');
    const told = await sys.services.db
      .selectFrom('notifications')
      .select('title')
      .where('psych_referral_id', '=', r.id)
      .where('org_id', '=', org.grid as number)
      .execute();
    expect(told.map((n) => n.title.split('（')[0]).sort()).toEqual(['心理服务转介已接收', '心理服务转介已结案']);
  });

  it('refuses forbidden transitions, the referrer acting, stale versions and a wrong organisation', async () => {
    const r = await refer('grid');
    const early = await act('counsellor', r.id, session('未接收先记录'));
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PSYCH_ACTION_NOT_ALLOWED_IN_STATE');
    expect(early.body.message).toContain('已转介');
    const close = await act('counsellor', r.id, { type: 'close', outcome: 'stable' });
    expect(close.body.code).toBe('PSYCH_ACTION_NOT_ALLOWED_IN_STATE');
    expect((await act('grid', r.id, { type: 'acknowledge' }, 1)).status).toBe(403);
    await ok('counsellor', r.id, { type: 'acknowledge' });
    const stale = await act('counsellor', r.id, { type: 'decline', reason: '重复转介' }, 1);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('PSYCH_VERSION_CONFLICT');
    const noReason = await act('counsellor', r.id, { type: 'decline', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.field).toBe('reason');
    const declined = await ok('counsellor', r.id, { type: 'decline', reason: '非本机构服务范围，建议转精神专科' });
    expect(declined.state).toBe('declined');
    // the referrer sees the reason (it must act on it), never the content
    const seen = (await json('GET', `/api/psych/referrals/${r.id}`, 'grid')).body;
    expect(seen.history.at(-1)).toMatchObject({ type: 'decline', note: '非本机构服务范围，建议转精神专科' });
    expect(seen.history[0]).not.toHaveProperty('note');

    const wrongOrg = await json('POST', '/api/psych/referrals', 'grid', {
      risk: 'low',
      consent: false,
      counsellingOrgId: org.mediator,
      source: 'direct',
    });
    expect(wrongOrg.status).toBe(400);
    expect(wrongOrg.body.code).toBe('PSYCH_ORG_NOT_COUNSELLING');
    const noConcern = await json('POST', '/api/psych/referrals', 'grid', {
      risk: 'low',
      consent: true,
      counsellingOrgId: centre,
      source: 'direct',
      personName: '某人',
    });
    expect(noConcern.status).toBe(400);
    expect(noConcern.body.details.field).toBe('concern');
    expect(
      (
        await json('POST', '/api/psych/referrals', 'leader', {
          risk: 'low',
          consent: false,
          counsellingOrgId: centre,
          source: 'direct',
        })
      ).status,
    ).toBe(403);
  });

  it('a referral from a case: only a case the referrer sees; the case page lists the status for the referrer', async () => {
    const c = await json('POST', '/api/cases', 'village', {
      channel: 'walk_in',
      body: '独居老人情绪异常，邻居反映其多日未出门',
      gridId: org.grid,
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const hidden = await json('POST', '/api/psych/referrals', 'town2', {
      risk: 'high',
      consent: false,
      counsellingOrgId: centre,
      source: 'case',
      caseId: c.body.id,
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('CASE_NOT_FOUND');
    const r = await refer('village', { source: 'case', caseId: c.body.id, risk: 'crisis', placeOrgId: null });
    expect(r).toMatchObject({ source: 'case', caseId: c.body.id, sourceLabel: '案件转介' });
    // the case's town is the person's town: its platform is told of the 危机 referral
    const told = await sys.services.db
      .selectFrom('notifications')
      .select('org_id')
      .where('psych_referral_id', '=', r.id)
      .execute();
    expect(told.map((n) => n.org_id)).toContain(org.town);
    const ofCase = (await json('GET', `/api/psych/referrals?caseId=${c.body.id}&box=all`, 'village')).body;
    expect(ofCase.items.map((i: { id: number }) => i.id)).toEqual([r.id]);
    expect(ofCase.items[0]).not.toHaveProperty('content');
    // the case is the town's too, the referral is not (the town sees it only as the notified platform)
    expect((await json('GET', `/api/psych/referrals?caseId=${c.body.id}&box=all`, 'town2')).body.items).toEqual([]);
  });

  it('a referral from a dispute: only a dispute the referrer sees; the dispute page lists the status for the referrer', async () => {
    const d = await json('POST', '/api/disputes', 'village', {
      typeCode: 'family',
      title: '婚姻家庭纠纷',
      parties: [
        { role: 'applicant', kind: 'person', name: '甲' },
        { role: 'respondent', kind: 'person', name: '乙' },
      ],
      source: 'walk_in',
      placeOrgId: org.grid,
    });
    expect(d.status).toBe(201);
    const hidden = await json('POST', '/api/psych/referrals', 'town2', {
      risk: 'medium',
      consent: false,
      counsellingOrgId: centre,
      source: 'dispute',
      disputeId: d.body.id,
    });
    expect(hidden.status).toBe(404);
    const r = await refer('village', { source: 'dispute', disputeId: d.body.id });
    expect(r).toMatchObject({ source: 'dispute', disputeId: d.body.id, sourceLabel: '矛盾纠纷转介' });
    const ofDispute = (await json('GET', `/api/psych/referrals?disputeId=${d.body.id}&box=all`, 'village')).body;
    expect(ofDispute.items.map((i: { id: number }) => i.id)).toEqual([r.id]);
    expect(ofDispute.items[0]).not.toHaveProperty('content');
    // the town sees the dispute, but not the referral
    expect((await json('GET', `/api/psych/referrals?disputeId=${d.body.id}&box=all`, 'town')).body.items).toEqual([]);
  });
});
