// The case timeline's consumers (src/jobs/case-event-consumer.ts) on PostgreSQL: a reader that catches up before it
// reads (the assessment's bulletin and rankings) waits for a batch another transaction is applying, where the
// background jobs skip it. A skip there answered "caught up" at once, and the bulletin read a month of zeros.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeCaseEvents, drainCaseEvents } from '../src/jobs/case-event-consumer.js';
import { onPostgres, startTestSystem, type TestSystem } from './support/system.js';

describe.runIf(onPostgres())('a consumer whose cursor another transaction holds', () => {
  let sys: TestSystem;
  let holder: pg.Client;
  beforeAll(async () => {
    sys = await startTestSystem({ jobs: false });
    holder = new pg.Client({ connectionString: sys.databaseUrl });
    await holder.connect();
    await sys.database.db.insertInto('consumer_cursors').values({ name: 'probe', last_id: 0 }).execute();
    // a case on the timeline, reported at the grid's centre
    const county = await sys.login('county');
    const grid = await sys.login('grid');
    const gridId = (await sys.json('GET', '/api/auth/me', grid)).body.org.id;
    const place = (await sys.json('GET', `/api/orgs/${gridId}`, county)).body;
    const created = await sys.json('POST', '/api/cases', county, {
      channel: 'walk_in',
      body: '小区门口的路灯坏了一个多星期，晚上很黑，老人出门不安全。',
      lat: place.centerLat,
      lng: place.centerLng,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await holder?.end();
    await sys?.stop();
  });

  it('is skipped by a job’s pass, and waited for by a drain, which then applies every event once', async () => {
    const events = Number(
      (
        await sys.database.db
          .selectFrom('case_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(events).toBeGreaterThan(0);
    let handled = 0;
    const handle = async (_trx: unknown, batch: unknown[]) => {
      handled += batch.length;
    };
    await holder.query('BEGIN');
    await holder.query(`SELECT last_id FROM consumer_cursors WHERE name = 'probe' FOR UPDATE`);
    // the job's pass: another holds it, so nothing to do now
    expect(await consumeCaseEvents(sys.database.db, { name: 'probe', handle })).toBe(0);
    let settled = false;
    const drained = drainCaseEvents(sys.database.db, { name: 'probe', handle }).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(settled).toBe(false);
    await holder.query('COMMIT');
    expect(await drained).toBe(events);
    expect(handled).toBe(events);
  });
});
