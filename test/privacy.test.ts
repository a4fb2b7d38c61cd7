// Personal data of reporters (issue 18, PIPL) through HTTP: a citizen's erasure request anonymises their finished
// cases at once and their open case once it is finished, then the account; nobody else's case is touched; asking
// twice changes nothing; the administrators see the requests; staff cannot ask for a citizen; the retention period
// takes reporters' data off old finished cases with the clock moved on; the showcase still de-identifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReporterField } from '../src/modules/cases/index.js';
import { citizenLogin } from './support/intake.js';
import { startTestSystem, type TestSystem } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
let grid: { centerLat: number; centerLng: number };

const ALICE = { name: '王小明', phone: '13900000031' };
const BOB = { name: '李大华', phone: '13900000032' };
const CAROL = { name: '赵春兰', phone: '13900000033' };
const ERASURE_NOTE = '报告人个人信息已按其申请删除';
const RETENTION_NOTE = '报告人个人信息已超过保存期限，按规定删除';

async function call(method: string, url: string, headers: Headers, payload?: unknown) {
  return sys.json(method, url, headers, payload);
}

/** A citizen's report naming them in the description too, as people write; returns the case id. */
async function report(who: Headers, person: { name: string; phone: string }): Promise<number> {
  const r = await call('POST', '/api/citizen/reports', who, {
    clientToken: crypto.randomUUID(),
    body: `我是${person.name}，电话${person.phone}，小区门口的路灯坏了一个星期，晚上很黑`,
    lat: grid.centerLat,
    lng: grid.centerLng,
    name: person.name,
    phone: person.phone,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

/** The village answers and closes the case at intake (即时办结), its answer naming the reporter. */
async function closeOnTheSpot(id: number, name: string) {
  const current = await call('GET', `/api/cases/${id}`, as.village as Headers);
  const r = await call('POST', `/api/cases/${id}/actions`, as.village as Headers, {
    version: current.body.version,
    action: { type: 'closeOnTheSpot', answer: `${name}您好，路灯已报修，预计明天修好。` },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** The case row, the reporter's name and phone opened (they are stored encrypted, issue 18). */
async function caseRow(id: number) {
  const row = await sys.services.db
    .selectFrom('cases')
    .select(['reporter_name', 'reporter_phone', 'reporter_user_id', 'body', 'reply', 'status', 'version', 'machine'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const open = (v: string | null) => openReporterField(sys.services.fieldCrypto, v);
  return { ...row, reporter_name: open(row.reporter_name), reporter_phone: open(row.reporter_phone) };
}

async function privacyEntries(id: number): Promise<{ note: string; details: Record<string, unknown> }[]> {
  const detail = await call('GET', `/api/cases/${id}`, as.admin as Headers);
  expect(detail.status).toBe(200);
  return detail.body.timeline.filter(
    (e: { type: string; note: string | null }) =>
      e.type === 'amended' && [ERASURE_NOTE, RETENTION_NOTE].includes(e.note ?? ''),
  );
}

const erasure = (who: Headers) => call('POST', '/api/citizen/me/erasure', who);
const runJob = (name: string) => sys.services.jobs.runNow(name);
const aliceId = async () => (await call('GET', '/api/auth/me', as.alice as Headers)).body.id as number;

beforeAll(async () => {
  // the sweeps run when the test says (jobs off), so every step is seen as it happens
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'village', 'county', 'grid']) as[name] = await sys.login(name);
  const me = (await call('GET', '/api/auth/me', as.grid as Headers)).body;
  grid = (await call('GET', `/api/orgs/${me.org.id}`, as.admin as Headers)).body;
  as.alice = await citizenLogin(sys, ALICE.phone);
  as.bob = await citizenLogin(sys, BOB.phone);
  as.carol = await citizenLogin(sys, CAROL.phone);
}, 120_000);

afterAll(async () => {
  await sys?.stop();
});

describe('a citizen asks that their personal data be deleted', () => {
  let closedId: number;
  let openId: number;
  let bobId: number;
  let alice: number;

  it('anonymises their finished case at once and keeps the open one until it is finished', async () => {
    alice = await aliceId();
    closedId = await report(as.alice as Headers, ALICE);
    await closeOnTheSpot(closedId, ALICE.name);
    openId = await report(as.alice as Headers, ALICE);
    bobId = await report(as.bob as Headers, BOB);
    await closeOnTheSpot(bobId, BOB.name);
    const bobBefore = await caseRow(bobId);

    const r = await erasure(as.alice as Headers);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ anonymised: 1, waiting: 1, completedAt: null });
    expect(r.body.message).toContain('还有 1 件诉求正在办理');

    const closed = await caseRow(closedId);
    expect(closed.reporter_name).toBe('已注销');
    expect(closed.reporter_phone).toBeNull();
    expect(closed.reporter_user_id).toBe(alice); // the county's history keeps its link to the (anonymised) account
    expect(closed.status).toBe('closed');
    for (const secret of [ALICE.name, ALICE.phone]) {
      expect(closed.body).not.toContain(secret);
      expect(closed.reply).not.toContain(secret);
    }
    expect(closed.body).toContain('小区门口的路灯坏了一个星期');
    expect(closed.reply).toBe('某某您好，路灯已报修，预计明天修好。');
    // the snapshot moved with the row: the next action is checked against the right version
    expect((closed.machine as { version: number }).version).toBe(closed.version);

    // staff read the whole case without the person: one timeline entry says so, without the data
    const detail = await call('GET', `/api/cases/${closedId}`, as.admin as Headers);
    expect(JSON.stringify(detail.body)).not.toContain(ALICE.name);
    expect(JSON.stringify(detail.body)).not.toContain(ALICE.phone);
    expect(detail.body.reporter.phone).toBeNull();
    const entries = await privacyEntries(closedId);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.note).toBe(ERASURE_NOTE);
    expect(detail.body.version).toBe(closed.version);

    const open = await caseRow(openId);
    expect(open.reporter_name).toBe(ALICE.name);
    expect(open.reporter_phone).toBe(ALICE.phone);
    expect(open.body).toContain(ALICE.name);
    expect(await caseRow(bobId)).toEqual(bobBefore);

    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_type', '=', 'user')
      .where('target_id', '=', String(alice))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['privacy.erasure.requested', 'privacy.erasure.cases']);
    expect(audit[1]?.details).toMatchObject({ count: 1, caseIds: [closedId] });
  });

  it('a second request changes nothing and answers where the erasure stands', async () => {
    const first = (
      await sys.services.db.selectFrom('privacy_erasures').selectAll().where('user_id', '=', alice).execute()
    )[0];
    const r = await erasure(as.alice as Headers);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ anonymised: 0, waiting: 1, completedAt: null });
    expect(r.body.requestedAt).toBe(new Date(first?.requested_at as Date).toISOString());
    const rows = await sys.services.db
      .selectFrom('privacy_erasures')
      .selectAll()
      .where('user_id', '=', alice)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.cases_anonymised).toBe(1);
    expect(await privacyEntries(closedId)).toHaveLength(1);
  });

  it('is listed for administrators only, and only a citizen may ask', async () => {
    const list = await call('GET', '/api/privacy/erasures?state=pending', as.admin as Headers);
    expect(list.status).toBe(200);
    const row = list.body.items.find((e: { userId: number }) => e.userId === alice);
    expect(row).toMatchObject({ state: 'pending', casesAnonymised: 1, casesWaiting: 1, completedAt: null });
    expect(list.body.total).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(list.body)).not.toContain(ALICE.phone);
    expect((await call('GET', '/api/privacy/erasures?state=completed', as.admin as Headers)).body.items).toEqual([]);
    for (const who of ['village', 'county', 'alice']) {
      expect((await call('GET', '/api/privacy/erasures', as[who] as Headers)).status, who).toBe(403);
    }
    // an administrator of a town: citizens belong to no town, the county's administrators see their requests
    const town = (await call('GET', '/api/auth/me', await sys.login('town'))).body.org.id;
    const created = await call('POST', '/api/users', as.admin as Headers, {
      username: 'privacy-townadmin',
      displayName: '镇管理员',
      role: 'admin',
      orgId: town,
      password: 'Town-manager-7',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const townAdmin = await sys.login('privacy-townadmin', 'Town-manager-7');
    expect((await call('GET', '/api/privacy/erasures', townAdmin)).status).toBe(403);
    for (const who of ['village', 'admin']) {
      const refused = await erasure(as[who] as Headers);
      expect(refused.status, who).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      expect(refused.body.message).toContain('群众');
    }
    expect((await erasure({})).status).toBe(401);
    expect(await sys.services.db.selectFrom('privacy_erasures').select('user_id').execute()).toHaveLength(1);
  });

  it('the open case loses the data once it is finished, then the account is anonymised', async () => {
    await runJob('privacy-erasures');
    expect((await caseRow(openId)).reporter_name).toBe(ALICE.name); // still being handled: nothing yet
    await closeOnTheSpot(openId, ALICE.name);
    await runJob('privacy-erasures');

    const open = await caseRow(openId);
    expect(open.reporter_name).toBe('已注销');
    expect(open.reporter_phone).toBeNull();
    expect(open.body).not.toContain(ALICE.name);
    expect(await privacyEntries(openId)).toHaveLength(1);

    const account = await sys.services.db
      .selectFrom('users')
      .select(['phone', 'display_name', 'active'])
      .where('id', '=', alice)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ phone: null, display_name: '已注销用户', active: false });
    expect((await call('GET', '/api/auth/me', as.alice as Headers)).status).toBe(401);

    const list = await call('GET', '/api/privacy/erasures', as.admin as Headers);
    const row = list.body.items.find((e: { userId: number }) => e.userId === alice);
    expect(row).toMatchObject({ state: 'completed', casesAnonymised: 2, casesWaiting: 0 });
    expect(row.completedAt).not.toBeNull();

    // the same phone registers again as a new account with nothing of the old one
    const again = await citizenLogin(sys, ALICE.phone);
    const me = (await call('GET', '/api/auth/me', again)).body;
    expect(me.id).not.toBe(alice);
    expect((await call('GET', '/api/my/cases', again)).body.items).toEqual([]);

    // nobody else's case was touched
    const bob = await caseRow(bobId);
    expect(bob.reporter_name).toBe(BOB.name);
    expect(bob.reporter_phone).toBe(BOB.phone);
    expect(await privacyEntries(bobId)).toHaveLength(0);
  });

  it('the showcase still proposes a de-identified text from an erased case', async () => {
    const created = await call('POST', '/api/showcase/cases', as.county as Headers, { caseId: closedId });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const text = `${created.body.title}\n${created.body.body}`;
    for (const secret of [ALICE.name, ALICE.phone, '已注销']) expect(text).not.toContain(secret);
    expect(created.body.findings).toEqual([]);
    // and from a case that still names its reporter, as before
    const bobCase = await call('POST', '/api/showcase/cases', as.county as Headers, { caseId: bobId });
    expect(bobCase.status).toBe(201);
    expect(`${bobCase.body.title}\n${bobCase.body.body}`).not.toContain(BOB.name);
  });

  it('retention: finished cases older than PERSONAL_DATA_RETENTION_YEARS (3) lose their reporter data', async () => {
    const carolOpen = await report(as.carol as Headers, CAROL);
    await runJob('personal-data-retention');
    expect((await caseRow(bobId)).reporter_name).toBe(BOB.name); // not old enough yet

    for (let i = 0; i < 3; i++) {
      const moved = await call('POST', '/api/clock/advance', as.admin as Headers, { days: 366 });
      expect(moved.status).toBe(200);
    }
    await runJob('personal-data-retention');

    const bob = await caseRow(bobId);
    expect(bob.reporter_name).toBe('已注销');
    expect(bob.reporter_phone).toBeNull();
    expect(bob.body).not.toContain(BOB.name);
    expect(bob.reply).not.toContain(BOB.name);
    expect((bob.machine as { version: number }).version).toBe(bob.version);
    const entries = await privacyEntries(bobId);
    expect(entries.map((e) => e.note)).toEqual([RETENTION_NOTE]);
    expect(entries[0]?.details).toMatchObject({ basis: 'retention', fields: ['reporter'] });

    // a case still being handled keeps its reporter's phone however old it is
    const open = await caseRow(carolOpen);
    expect(open.reporter_name).toBe(CAROL.name);
    expect(open.reporter_phone).toBe(CAROL.phone);

    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'privacy.retention')
      .execute();
    expect(audit).toHaveLength(1);
    const details = audit[0]?.details as { count: number; caseIds: number[]; years: number };
    expect(details.caseIds).toContain(bobId);
    expect(details.caseIds).not.toContain(carolOpen);
    expect(details.count).toBe(details.caseIds.length);
    expect(details.years).toBe(3);

    // the next pass finds nothing left to do
    await runJob('personal-data-retention');
    expect(
      await sys.services.db.selectFrom('audit_log').select('id').where('action', '=', 'privacy.retention').execute(),
    ).toHaveLength(1);
    expect(await privacyEntries(bobId)).toHaveLength(1);
  });
});
