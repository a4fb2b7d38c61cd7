// The seed's escalation chain with the background sweeper running as in production: a citizen's case the
// village does not take up in time is under town supervision within seconds of its deadline; when the town
// lets its supervision clock run out too, the county platform supervises it. A restart in between loses
// nothing, and two server processes on one PostgreSQL escalate each deadline once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, onPostgres, startTestSystem, type TestSystem } from './support/system.js';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function citizenCase(sys: TestSystem): Promise<number> {
  const citizen = await sys.services.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'citizen')
    .executeTakeFirstOrThrow();
  const grid = await sys.services.db
    .selectFrom('orgs')
    .select('id')
    .where('kind', '=', 'grid')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const { id } = await sys.services.cases.create(
    {
      channel: 'citizen_app',
      body: '楼道里堆满杂物，存在消防隐患，希望尽快清理。',
      gridId: grid.id,
      reporter: { citizenUserId: citizen.id, name: '王女士', phone: '13800000001' },
    },
    null,
  );
  return id;
}

async function supervisionOf(sys: TestSystem, id: number) {
  const row = await sys.services.db
    .selectFrom('cases')
    .select(['supervision_level', 'status'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.supervision_level;
}

async function advance(sys: TestSystem, payload: { days?: number; hours?: number }) {
  const admin = await sys.login('admin');
  const r = await sys.request({ method: 'POST', url: '/api/clock/advance', headers: admin, payload });
  expect(r.statusCode).toBe(200);
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('automatic escalation with the sweeper running', () => {
  it('village → town supervision within seconds, survives a restart, then → county', async () => {
    let dataDir: string | undefined;
    let databaseUrl: string | undefined;
    if (onPostgres()) {
      const created = await createTestDatabase();
      databaseUrl = created.url;
      cleanups.push(created.drop);
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-escalation-'));
      const dir = dataDir;
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    }
    const first = await startTestSystem({ dataDir, databaseUrl });
    const id = await citizenCase(first);
    expect(await supervisionOf(first, id)).toBeNull();
    // Two working days pass unanswered (the acceptance limit is 2 working hours).
    await advance(first, { days: 3 });
    // waitFor gives up after 15 s: "within seconds of the deadline" (the sweeper runs every second).
    expect(await waitFor(async () => ((await supervisionOf(first, id)) === 'town' ? 'town' : undefined))).toBe('town');
    const town = await first.login('town');
    const townInbox = (await first.request({ method: 'GET', url: '/api/cases?box=supervised', headers: town })).json();
    expect(townInbox.items.map((i: { id: number }) => i.id)).toContain(id);
    const before = await first.services.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', id)
      .orderBy('version')
      .execute();
    // While no server runs, a week goes by (the demo clock's offset moves as the wall clock would): the
    // town's supervision clock runs out with nobody watching.
    const offset = first.services.clock.offsetMs();
    await first.stop();
    const idle = await startTestSystem({ dataDir, databaseUrl, jobs: false });
    await idle.services.db
      .updateTable('clock_state')
      .set({ offset_ms: offset + 7 * 86_400_000 })
      .where('id', '=', 1)
      .execute();
    await idle.stop();

    const second = await startTestSystem({ dataDir, databaseUrl });
    try {
      // Nothing written before the stop is lost …
      const after = await second.services.db.selectFrom('case_events').selectAll().where('case_id', '=', id).execute();
      const kept = after.filter((e) => e.version <= before.length).sort((a, b) => a.version - b.version);
      expect(kept.map((e) => [e.version, e.type])).toEqual(before.map((e) => [e.version, e.type]));
      // … and the deadline that passed while the server was down fires at start.
      expect(await waitFor(async () => ((await supervisionOf(second, id)) === 'county' ? 'county' : undefined))).toBe(
        'county',
      );
      const county = await second.login('county');
      const inbox = (await second.request({ method: 'GET', url: '/api/cases?box=supervised', headers: county })).json();
      expect(inbox.items.map((i: { id: number }) => i.id)).toContain(id);
      const types = (
        await second.services.db.selectFrom('case_events').select('type').where('case_id', '=', id).execute()
      ).map((e) => e.type);
      expect(types.filter((t) => t === 'escalateOverdue').length).toBeGreaterThanOrEqual(2);
      const notes = await second.services.db
        .selectFrom('notifications')
        .select(['org_id', 'kind'])
        .where('case_id', '=', id)
        .execute();
      expect(notes.some((n) => n.kind === 'supervised')).toBe(true);
    } finally {
      await second.stop();
    }
  }, 120_000);

  it.runIf(onPostgres())(
    'two server processes on one PostgreSQL escalate a deadline once',
    async () => {
      const created = await createTestDatabase();
      cleanups.push(created.drop);
      const a = await startTestSystem({ databaseUrl: created.url });
      const b = await startTestSystem({ databaseUrl: created.url });
      try {
        const ids = await Promise.all(Array.from({ length: 10 }, () => citizenCase(a)));
        await advance(a, { days: 3 });
        // b re-reads the shared demo clock every two seconds; both sweep.
        await waitFor(async () => {
          const rows = await a.services.db
            .selectFrom('cases')
            .select('supervision_level')
            .where('id', 'in', ids)
            .execute();
          return rows.every((r) => r.supervision_level === 'town') ? true : undefined;
        });
        await new Promise((r) => setTimeout(r, 3000));
        const escalations = await a.services.db
          .selectFrom('case_events')
          .select(['case_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('case_id', 'in', ids)
          .where('type', '=', 'escalateOverdue')
          .groupBy('case_id')
          .execute();
        expect(escalations).toHaveLength(10);
        for (const e of escalations) expect(Number(e.n)).toBe(1);
      } finally {
        await a.stop();
        await b.stop();
      }
    },
    120_000,
  );
});
