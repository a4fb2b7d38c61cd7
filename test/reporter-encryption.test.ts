// Reporters' names and phones encrypted at rest (issue 18, PIPL), through HTTP and the raw rows: a citizen's report
// leaves no plain name or phone in the row; the case page masks them and an audited reveal shows them whole; the
// lookups by phone (a citizen's erasure, repeat reporters) go through the blind index; the start-up conversion
// encrypts a plain row once; and a key rotation leaves every value readable, and searchable, under the new key
// alone (cases and the grid base data) — on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { rotateDataKeys } from '../src/cli/rotate-keys.js';
import { DEMO_DATA_KEY } from '../src/core/config.js';
import { FieldCrypto } from '../src/core/field-crypto.js';
import { createSmsGateway } from '../src/modules/auth/sms-gateway.js';
import { encryptPlainReporters } from '../src/modules/cases/encrypt-reporters.js';
import { openReporterField } from '../src/modules/cases/index.js';
import { createServices } from '../src/services.js';
import { citizenLogin } from './support/intake.js';
import { startTestSystem, type TestSystem, testConfig } from './support/system.js';

let sys: TestSystem;
type Headers = Record<string, string>;
const as: Record<string, Headers> = {};
let grid: { centerLat: number; centerLng: number };

const ALICE = { name: '欧阳晓岚', phone: '13900000041' };
const BOB = { name: '诸葛明远', phone: '13900000042' };
const REPEAT = { name: '司徒建华', phone: '13800005555' };
const call = (method: string, url: string, headers: Headers, payload?: unknown) =>
  sys.json(method, url, headers, payload);

function rawCase(id: number) {
  return sys.services.db
    .selectFrom('cases')
    .select(['reporter_name', 'reporter_phone', 'reporter_phone_hash'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A case taken at the village's counter (no citizen account), naming its reporter. */
async function walkIn(reporter: { name: string; phone: string }, body = '村口路灯坏了，晚上很黑'): Promise<number> {
  const r = await call('POST', '/api/cases', as.village as Headers, {
    channel: 'walk_in',
    body,
    lat: grid.centerLat,
    lng: grid.centerLng,
    reporter,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

let aliceCase = 0;

beforeAll(async () => {
  sys = await startTestSystem({ jobs: false });
  for (const name of ['admin', 'village', 'county', 'grid', 'town2']) as[name] = await sys.login(name);
  const me = (await call('GET', '/api/auth/me', as.grid as Headers)).body;
  grid = (await call('GET', `/api/orgs/${me.org.id}`, as.admin as Headers)).body;
  as.alice = await citizenLogin(sys, ALICE.phone);
}, 120_000);

afterAll(async () => sys?.stop());

describe('reporters’ names and phones at rest', () => {
  it('a citizen report keeps no plain name or phone in the row; the case page masks; an audited reveal shows them', async () => {
    const r = await call('POST', '/api/citizen/reports', as.alice as Headers, {
      clientToken: crypto.randomUUID(),
      body: '小区门口的路灯坏了一个星期，晚上很黑',
      lat: grid.centerLat,
      lng: grid.centerLng,
      name: ALICE.name,
      phone: ALICE.phone,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    aliceCase = r.body.id;

    const whole = await sys.services.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', aliceCase)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(whole);
    expect(stored).not.toContain(ALICE.phone);
    expect(stored).not.toContain(ALICE.name);
    expect(whole.reporter_phone).toMatch(/^v2:[0-9a-f]{8}:/);
    expect(whole.reporter_name).toMatch(/^v2:[0-9a-f]{8}:/);
    expect(whole.reporter_phone_hash).toBe(sys.services.fieldCrypto.blindIndex(ALICE.phone));

    const detail = await call('GET', `/api/cases/${aliceCase}`, as.village as Headers);
    expect(detail.status).toBe(200);
    expect(detail.body.reporter).toMatchObject({ name: '欧***', phone: '139****0041', masked: true });
    expect(JSON.stringify(detail.body)).not.toContain(ALICE.phone);

    const reveal = await call('POST', `/api/cases/${aliceCase}/reporter/reveal`, as.village as Headers);
    expect(reveal.status, JSON.stringify(reveal.body)).toBe(200);
    expect(reveal.body).toEqual({ name: ALICE.name, phone: ALICE.phone });
    const audit = await sys.services.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'actor_user_id'])
      .where('action', '=', 'case.reporter.reveal')
      .where('target_id', '=', String(aliceCase))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.target_type).toBe('case');

    // another town's staff: the case does not exist for them; a citizen may not reveal
    expect((await call('POST', `/api/cases/${aliceCase}/reporter/reveal`, as.town2 as Headers)).status).toBe(404);
    expect((await call('POST', `/api/cases/${aliceCase}/reporter/reveal`, as.alice as Headers)).status).toBe(403);
  });

  it('amending the reporter writes ciphertexts and the new phone’s hash', async () => {
    const id = await walkIn({ name: '公孙一', phone: '13700000001' });
    const before = await call('GET', `/api/cases/${id}`, as.village as Headers);
    const amended = await sys.services.cases.amend(
      id,
      { version: before.body.version, source: 'test', reporter: { name: '公孙二', phone: '13700000002' } },
      null,
    );
    expect(amended.fields).toEqual(['reporter']);
    const row = await rawCase(id);
    expect(JSON.stringify(row)).not.toContain('13700000002');
    expect(openReporterField(sys.services.fieldCrypto, row.reporter_phone)).toBe('13700000002');
    expect(openReporterField(sys.services.fieldCrypto, row.reporter_name)).toBe('公孙二');
    expect(row.reporter_phone_hash).toBe(sys.services.fieldCrypto.blindIndex('13700000002'));
  });

  it('repeat reporters are one phone through its hash, shown masked', async () => {
    for (let i = 0; i < 3; i++) await walkIn(REPEAT, `同一个人第${i + 1}次反映：河道里有垃圾漂浮`);
    const r = await call('GET', '/api/analysis/repeat-reporters?days=30&min=3', as.county as Headers);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const item = r.body.items.find((x: { phone: string }) => x.phone === '138****5555');
    expect(item).toMatchObject({ count: 3, name: '司***' });
    expect(JSON.stringify(r.body)).not.toContain(REPEAT.phone);
  });

  it('a citizen’s erasure finds the cases reported under their phone without their account', async () => {
    const id = await walkIn(BOB, '路边的垃圾桶坏了');
    const current = await call('GET', `/api/cases/${id}`, as.village as Headers);
    const closed = await call('POST', `/api/cases/${id}/actions`, as.village as Headers, {
      version: current.body.version,
      action: { type: 'closeOnTheSpot', answer: '已更换新的垃圾桶。' },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const bob = await citizenLogin(sys, BOB.phone);
    const erased = await call('POST', '/api/citizen/me/erasure', bob);
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.anonymised).toBe(1);
    expect(await rawCase(id)).toEqual({ reporter_name: '已注销', reporter_phone: null, reporter_phone_hash: null });
    // Alice's case (another phone) is untouched
    expect(openReporterField(sys.services.fieldCrypto, (await rawCase(aliceCase)).reporter_phone)).toBe(ALICE.phone);
  });

  it('the start-up conversion encrypts a row still in plain text, once, and leaves the erased name', async () => {
    const place = await sys.services.db
      .selectFrom('cases')
      .select(['county_code', 'town_id', 'village_id', 'grid_id', 'owner_org_id'])
      .where('id', '=', aliceCase)
      .executeTakeFirstOrThrow();
    const now = sys.services.clock.now();
    const insert = (number: string, name: string | null, phone: string | null) =>
      sys.services.db
        .insertInto('cases')
        .values({
          ...place,
          number,
          channel: 'walk_in',
          title: '旧系统导入的诉求',
          body: '旧系统导入的诉求',
          status: 'closed',
          reporter_name: name,
          reporter_phone: phone,
          reported_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const plain = await insert('PLAIN-1', '钱七', '13700007777');
    const erased = await insert('PLAIN-2', '已注销', null);

    expect(await encryptPlainReporters(sys.services.db, sys.services.fieldCrypto)).toBe(1);
    const row = await rawCase(plain.id);
    expect(JSON.stringify(row)).not.toContain('13700007777');
    expect(JSON.stringify(row)).not.toContain('钱七');
    expect(openReporterField(sys.services.fieldCrypto, row.reporter_phone)).toBe('13700007777');
    expect(openReporterField(sys.services.fieldCrypto, row.reporter_name)).toBe('钱七');
    expect(row.reporter_phone_hash).toBe(sys.services.fieldCrypto.blindIndex('13700007777'));
    expect(await rawCase(erased.id)).toEqual({
      reporter_name: '已注销',
      reporter_phone: null,
      reporter_phone_hash: null,
    });
    // idempotent: nothing left in plain text
    expect(await encryptPlainReporters(sys.services.db, sys.services.fieldCrypto)).toBe(0);
    const admin = await call('GET', `/api/cases/${plain.id}`, as.admin as Headers);
    expect(admin.body.reporter).toMatchObject({ name: '钱*', phone: '137****7777' });
  });

  it('key rotation: what key A wrote is readable, and found by its blind index, under key B alone', async () => {
    const db = sys.services.db;
    const keyA = new FieldCrypto(DEMO_DATA_KEY); // the test system's key
    const person = await db
      .selectFrom('grid_records')
      .select(['id', 'id_cipher', 'phone_cipher'])
      .where('kind', '=', 'person')
      .where('phone_cipher', 'is not', null)
      .where('archived', '=', false)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const idNumber = keyA.decrypt(person.id_cipher as string);
    const personPhone = keyA.decrypt(person.phone_cipher as string);
    const B = randomBytes(32);
    const hexA = DEMO_DATA_KEY.toString('hex');
    const hexB = B.toString('hex');
    const onlyB = new FieldCrypto(B);

    // servers restarted with B and the previous key A read A's values while the rotation has not run
    const during = await appWithKeys({ DATA_ENCRYPTION_KEY: hexB, DATA_ENCRYPTION_KEY_PREVIOUS: hexA });
    const masked = await during.inject({ method: 'GET', url: `/api/cases/${aliceCase}`, headers: as.village });
    expect(masked.json().reporter.phone).toBe('139****0041');
    await during.close();

    const seen: string[] = [];
    const rotation = await rotateDataKeys(db, new FieldCrypto(B, DEMO_DATA_KEY), (p) => seen.push(p.table), 500);
    expect(rotation.keyId).toBe(onlyB.keyId);
    const [cases, records] = rotation.tables;
    expect(cases?.rotated).toBeGreaterThanOrEqual(6);
    expect(records?.rotated).toBeGreaterThan(0);
    expect(seen).toContain('cases');
    expect(seen).toContain('grid_records');

    // nothing is left under A
    const underB = `v2:${onlyB.keyId}:%`;
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases
      WHERE (reporter_phone IS NOT NULL AND reporter_phone NOT LIKE ${underB})
         OR (reporter_name IS NOT NULL AND reporter_name <> '已注销' AND reporter_name NOT LIKE ${underB})`.execute(db);
    expect(left.rows[0]?.n).toBe(0);
    const leftRecords = await sql<{ n: number }>`SELECT count(*)::int AS n FROM grid_records
      WHERE (id_cipher IS NOT NULL AND id_cipher NOT LIKE ${underB})
         OR (phone_cipher IS NOT NULL AND phone_cipher NOT LIKE ${underB})`.execute(db);
    expect(leftRecords.rows[0]?.n).toBe(0);
    const alice = await rawCase(aliceCase);
    expect(onlyB.decrypt(alice.reporter_phone as string)).toBe(ALICE.phone);
    expect(alice.reporter_phone_hash).toBe(onlyB.blindIndex(ALICE.phone));
    expect(() => keyA.decrypt(alice.reporter_phone as string)).toThrow();

    // a server with B alone: the masked page, the reveal, repeat reporters and the grid data's exact search
    const after = await appWithKeys({ DATA_ENCRYPTION_KEY: hexB });
    try {
      const get = (url: string, who: string) => after.inject({ method: 'GET', url, headers: as[who] });
      expect((await get(`/api/cases/${aliceCase}`, 'village')).json().reporter.phone).toBe('139****0041');
      const reveal = await after.inject({
        method: 'POST',
        url: `/api/cases/${aliceCase}/reporter/reveal`,
        headers: as.village,
      });
      expect(reveal.json()).toEqual({ name: ALICE.name, phone: ALICE.phone });
      const repeat = (await get('/api/analysis/repeat-reporters?days=30&min=3', 'county')).json();
      expect(repeat.items.find((x: { phone: string }) => x.phone === '138****5555')?.count).toBe(3);
      const byId = (await get(`/api/grid-data/people?q=${idNumber}`, 'admin')).json();
      expect(byId.items.map((x: { id: number }) => x.id)).toContain(person.id);
      const byPhone = (await get(`/api/grid-data/people?q=${personPhone}`, 'admin')).json();
      expect(byPhone.items.map((x: { id: number }) => x.id)).toContain(person.id);
    } finally {
      await after.close();
    }

    // run again: nothing to do
    const again = await rotateDataKeys(db, new FieldCrypto(B, DEMO_DATA_KEY));
    expect(again.tables.map((t) => t.rotated)).toEqual([0, 0]);
  });
});

/** A second server over the same database with other keys (as after a restart with a new DATA_ENCRYPTION_KEY). */
async function appWithKeys(env: Record<string, string>): Promise<FastifyInstance> {
  const config = testConfig({ ...env, ...(sys.databaseUrl ? { DATABASE_URL: sys.databaseUrl } : {}) });
  const services = createServices({
    config,
    db: sys.services.db,
    dbKind: sys.services.dbKind,
    clock: sys.services.clock,
    sms: createSmsGateway(config, () => {}),
  });
  return buildApp(services);
}
