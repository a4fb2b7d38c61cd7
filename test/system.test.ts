// The running system: health, OpenAPI, metrics, the demo clock and its refusal in production, the
// tamper-evident audit trail, and a restart on the same data that keeps everything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, DEMO_SECRET, loadConfig } from '../src/core/config.js';
import { createTestDatabase, onPostgres, startTestSystem, type TestSystem } from './support/system.js';

describe('a running system', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem();
  });
  afterAll(async () => sys?.stop());

  it('answers /health, /openapi.json and /metrics', async () => {
    const health = await sys.request({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: onPostgres() ? 'postgres' : 'pglite' });
    const openapi = (await sys.request({ method: 'GET', url: '/openapi.json' })).json();
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/orgs', '/api/locate']));
    await sys.request({ method: 'GET', url: '/health' });
    const metrics = await sys.request({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      /gongzhi_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+/,
    );
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const r = await sys.request({ method: 'GET', url: '/api/no-such-thing' });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('NOT_FOUND');
  });

  it('lets an administrator advance the demo clock, and nobody else', async () => {
    const admin = await sys.login('admin');
    const before = (await sys.request({ method: 'GET', url: '/api/clock' })).json();
    expect(before.adjustable).toBe(true);
    const after = await sys.request({
      method: 'POST',
      url: '/api/clock/advance',
      headers: admin,
      payload: { days: 3, hours: 2 },
    });
    expect(after.statusCode).toBe(200);
    const moved = new Date(after.json().now).getTime() - new Date(before.now).getTime();
    expect(moved).toBeGreaterThanOrEqual((3 * 24 + 2) * 3600_000);
    expect(moved).toBeLessThan((3 * 24 + 2) * 3600_000 + 60_000);
    expect(sys.services.clock.now().getTime()).toBeGreaterThanOrEqual(new Date(after.json().now).getTime());
    const zero = await sys.request({ method: 'POST', url: '/api/clock/advance', headers: admin, payload: {} });
    expect(zero.statusCode).toBe(400);
    const grid = await sys.login('grid');
    expect(
      (await sys.request({ method: 'POST', url: '/api/clock/advance', headers: grid, payload: { hours: 1 } }))
        .statusCode,
    ).toBe(403);
  });

  it('detects an edited audit entry', async () => {
    const admin = await sys.login('admin');
    await sys.request({
      method: 'PUT',
      url: '/api/calendar/2027-12-31',
      headers: admin,
      payload: { kind: 'holiday', name: '测试' },
    });
    expect(await sys.services.audit.verifyChain()).toBeNull();
    const entry = await sys.services.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'calendar.put')
      .executeTakeFirstOrThrow();
    await sql`UPDATE audit_log SET details = '{"kind":"workday"}' WHERE id = ${entry.id}`.execute(sys.services.db);
    expect(await sys.services.audit.verifyChain()).toBe(entry.id);
  });
});

describe.runIf(onPostgres())('the database ending idle connections', () => {
  it('is survived: the pool drops them and the next request opens new ones', async () => {
    const sys = await startTestSystem({ jobs: false });
    try {
      const warned: string[] = [];
      const warn = console.warn;
      console.warn = (message: string) => warned.push(String(message));
      try {
        // Warm the pool, then end every other connection to this database, as a server restart would.
        await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.05)`.execute(sys.services.db)));
        const ended = await sql<{ n: number }>`
          SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(sys.services.db);
        expect(ended.rows[0]?.n).toBeGreaterThan(0);
        await new Promise((r) => setTimeout(r, 300));
        expect(warned.some((m) => m.includes('idle database connection was closed'))).toBe(true);
      } finally {
        console.warn = warn;
      }
      const health = await sys.request({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(200);
    } finally {
      await sys.stop();
    }
  });
});

describe('production mode', () => {
  it('refuses to start with a weak or missing secret', () => {
    expect(() => loadConfig({ GONGZHI_MODE: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ GONGZHI_MODE: 'production', SECRET_KEY: DEMO_SECRET })).toThrow(/SECRET_KEY/);
    expect(() => loadConfig({ GONGZHI_MODE: 'production', SECRET_KEY: 'a'.repeat(40) })).toThrow(/SECRET_KEY/);
    expect(() =>
      loadConfig({
        GONGZHI_MODE: 'production',
        SECRET_KEY: 'k3J9x0Qm2vL8pR5tW1yZ7cB4nF6hD0sA',
        ADMIN_PASSWORD: 'short1',
      }),
    ).toThrow(/ADMIN_PASSWORD/);
    // grid base data (issue 14): personal fields are encrypted at rest, so production needs the key
    expect(() => loadConfig({ GONGZHI_MODE: 'production', SECRET_KEY: 'k3J9x0Qm2vL8pR5tW1yZ7cB4nF6hD0sA' })).toThrow(
      /DATA_ENCRYPTION_KEY/,
    );
    expect(() => loadConfig({ GONGZHI_MODE: 'nonsense' })).toThrow(/GONGZHI_MODE/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('uses the wall clock and refuses to advance it', async () => {
    const sys = await startTestSystem({
      seed: false,
      env: {
        GONGZHI_MODE: 'production',
        SECRET_KEY: 'k3J9x0Qm2vL8pR5tW1yZ7cB4nF6hD0sA',
        DATA_ENCRYPTION_KEY: 'a3f1c9e07b2d4f6a8c1e3b5d7f9a0c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d0f2a', // grid base data (issue 14)
        COUNTY_CODE: '330799',
        COUNTY_NAME: '测试县',
        ADMIN_PASSWORD: 'Str0ngAdminPassw0rd',
      },
    });
    try {
      const clock = (await sys.request({ method: 'GET', url: '/api/clock' })).json();
      expect(clock).toMatchObject({ adjustable: false, offsetMs: 0, mode: 'production' });
      expect(Math.abs(new Date(clock.now).getTime() - Date.now())).toBeLessThan(5000);
      const admin = await sys.login('admin', 'Str0ngAdminPassw0rd');
      const r = await sys.request({ method: 'POST', url: '/api/clock/advance', headers: admin, payload: { hours: 1 } });
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('CLOCK_NOT_ADJUSTABLE');
      // No demo data, but the calendar and category tree a county needs, and no code shown on screen.
      const home = (await sys.request({ method: 'GET', url: '/api/home', headers: admin })).json();
      expect(home.counts.towns).toBe(0);
      expect(
        (await sys.request({ method: 'GET', url: '/api/categories', headers: admin })).json().items.length,
      ).toBeGreaterThan(500);
      const code = (
        await sys.request({ method: 'POST', url: '/api/auth/code/request', payload: { phone: '13800000009' } })
      ).json();
      expect(code.sentTo).toBe('138****0009');
      expect(code.demoCode).toBeUndefined();
    } finally {
      await sys.stop();
    }
  });
});

describe('a restart on the same data', () => {
  it('keeps organisations, users, sessions and the demo clock', async () => {
    let dataDir: string | undefined;
    let databaseUrl: string | undefined;
    let drop: (() => Promise<void>) | undefined;
    if (onPostgres()) {
      const created = await createTestDatabase();
      databaseUrl = created.url;
      drop = created.drop;
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-restart-'));
    }
    try {
      const first = await startTestSystem({ dataDir, databaseUrl });
      const admin = await first.login('admin');
      const town = (await first.request({ method: 'GET', url: '/api/orgs?kind=town&limit=1', headers: admin })).json()
        .items[0];
      const created = await first.request({
        method: 'POST',
        url: '/api/orgs',
        headers: admin,
        payload: {
          code: '330788001999',
          name: '重启村',
          kind: 'village',
          participant: 'government',
          parentId: town.id,
        },
      });
      expect(created.statusCode).toBe(201);
      await first.request({ method: 'POST', url: '/api/clock/advance', headers: admin, payload: { days: 5 } });
      const offset = first.services.clock.offsetMs();
      const counts = (await first.request({ method: 'GET', url: '/api/home', headers: admin })).json().counts;
      await first.stop();

      const second = await startTestSystem({ dataDir, databaseUrl });
      try {
        expect(second.seeded).toBeNull();
        expect(second.services.clock.offsetMs()).toBe(offset);
        const me = await second.request({ method: 'GET', url: '/api/auth/me', headers: admin });
        expect(me.statusCode).toBe(200);
        const again = (await second.request({ method: 'GET', url: '/api/home', headers: admin })).json().counts;
        expect(again).toEqual({ ...counts });
        const found = (await second.request({ method: 'GET', url: '/api/orgs?q=330788001999', headers: admin })).json();
        expect(found.items[0].name).toBe('重启村');
      } finally {
        await second.stop();
      }
    } finally {
      await drop?.();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
