// PostgreSQL restarted in the middle of a load (issue 18, faults): the real server process, 4 clients posting
// cases and one reading, `pg_ctlcluster … restart` meanwhile. Every answer is 2xx or 503 (never another 5xx),
// each 503 says when to retry, the server answers again after the restart without being restarted itself,
// every case acknowledged with 2xx is in the database (once: the retries resend the same client token), and
// the jobs (outbox fan-out, rollups and assessment consumers) catch up with what was written.
// Restarting PostgreSQL ends the connections of every other test running against it: this file runs only with
// FAULT_TESTS=1 (and TEST_DATABASE_URL, as root), alone — see SECURITY.md, "Faults". Also `npm run bench -- faults`.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ensurePostgresUp, postgresRestartScenario } from '../bench/faults-scenarios.js';
import { createTestDatabase } from './support/system.js';

const adminUrl = process.env.TEST_DATABASE_URL;
const enabled = process.env.FAULT_TESTS === '1' && !!adminUrl && process.getuid?.() === 0;
const why = !adminUrl
  ? 'needs TEST_DATABASE_URL'
  : process.env.FAULT_TESTS !== '1'
    ? 'needs FAULT_TESTS=1 (it restarts PostgreSQL: run it alone)'
    : 'needs root (pg_ctlcluster)';

describe('PostgreSQL restarted under load', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    if (adminUrl) await ensurePostgresUp(adminUrl);
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  it.skipIf(!enabled)(
    `answers 503 with Retry-After during the restart, recovers by itself, loses nothing acknowledged${enabled ? '' : ` — skipped: ${why}`}`,
    async () => {
      const prepared = (() => {
        try {
          return inject('preparedDatabase');
        } catch {
          return null;
        }
      })();
      const db = await createTestDatabase('gz_fault_pg', prepared?.postgresTemplate);
      cleanups.push(db.drop);
      const r = await postgresRestartScenario({ adminUrl: adminUrl as string, databaseUrl: db.url, log: console.log });
      console.log('answers by status', r.tally.byStatus, 'restart took', r.restartSeconds.toFixed(1), 's');
      if (r.tally.bad > 0) console.log(r.serverLog.slice(-4000));
      expect(r.serverAlive).toBe(true);
      expect(r.tally.bad).toBe(0); // no 500, no connection refused by our server
      expect(r.tally.byStatus['503'] ?? 0).toBeGreaterThan(0); // the restart was felt
      expect(r.tally.withoutRetryAfter).toBe(0);
      const during503 = r.answers.find((a) => a.status === 503);
      expect(during503).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      expect(during503?.message).toContain('数据库暂时不可用');
      expect(r.okAfter).toBeGreaterThanOrEqual(40); // served again, same process
      expect(r.acknowledged).toBeGreaterThan(0);
      expect(r.missing).toBe(0);
      expect(r.duplicates).toBe(0);
      expect(r.jobsCaughtUp).toBe(true);
    },
    300_000,
  );
});
