// Starts a whole system for an integration test: on PGlite in memory, or, when TEST_DATABASE_URL is set,
// on a fresh PostgreSQL database created for this test file and dropped afterwards.
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type StartOptions, type System, startSystem } from '../../src/bootstrap.js';
import { type Config, loadConfig } from '../../src/core/config.js';
import { createTestDatabase } from './test-database.js';

export { createTestDatabase };

export interface JsonReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the route answers
  body: any;
}

export interface TestSystem extends System {
  /** Sends a request through the real HTTP stack (Fastify inject). */
  request: System['app']['inject'];
  /** Sends a request and answers { status, body } with the body parsed as JSON (null when empty). */
  json(method: string, url: string, headers: Record<string, string>, payload?: unknown): Promise<JsonReply>;
  /** Signs in and returns headers carrying the session. */
  login(username: string, password?: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
  databaseUrl?: string;
}

export const TEST_PASSWORD = 'demo1234';

export function onPostgres(): boolean {
  return !!process.env.TEST_DATABASE_URL;
}

export interface TestSystemOptions extends StartOptions {
  env?: Record<string, string>;
  /** Seed the demo county (default true, without the year of history). */
  seed?: boolean;
  history?: boolean;
  /** Reuse an existing database (restart tests). */
  databaseUrl?: string;
  dataDir?: string;
}

/** The configuration of a test system: test mode, the demo county without its year of history, quiet logs. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    GONGZHI_MODE: 'test',
    SEED_DEMO: 'true',
    SEED_HISTORY: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // The screening catch-up is tested on its own (test/screening-bulk.test.ts, at chosen times). Files that stop a
    // server and move the demo clock a week for another reason (the escalation restart) would otherwise open and
    // escalate a week of every grid's screenings while they wait for their own record.
    SCREENING_CATCH_UP_DAYS: '0',
    ...env,
  });
}

/** The database prepared once for the run (test/support/global-setup.ts), when the options ask for its kind. */
function preparedFor(options: TestSystemOptions) {
  const usual = options.seed !== false && !options.history && !options.env && !options.databaseUrl && !options.dataDir;
  if (!usual) return null;
  try {
    return inject('preparedDatabase');
  } catch {
    return null; // outside vitest's run (a script importing this file)
  }
}

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl = options.databaseUrl;
  const prepared = preparedFor(options);
  if (!databaseUrl && onPostgres() && !options.dataDir) {
    const created = await createTestDatabase('gz_test', prepared?.postgresTemplate);
    databaseUrl = created.url;
    drop = created.drop;
  }
  const config = testConfig({
    SEED_DEMO: options.seed === false ? 'false' : 'true',
    SEED_HISTORY: options.history ? 'true' : 'false',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
    ...options.env,
  });
  const pglite = prepared?.pgliteFile && !databaseUrl ? new Blob([readFileSync(prepared.pgliteFile)]) : undefined;
  const usePrepared = prepared && (pglite || (databaseUrl && prepared.postgresTemplate));
  const system = await startSystem(config, {
    ...options,
    inMemory: !options.dataDir && !databaseUrl,
    ...(usePrepared ? { prepared: { pglite, seeded: JSON.parse(prepared.seeded) } } : {}),
  });
  const request = system.app.inject.bind(system.app) as System['app']['inject'];
  return {
    ...system,
    databaseUrl,
    request,
    async json(method: string, url: string, headers: Record<string, string>, payload?: unknown) {
      const response = await request({
        method: method as 'GET',
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      return { status: response.statusCode, body: response.body ? response.json() : null };
    },
    async login(username: string, password = TEST_PASSWORD) {
      const response = await system.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (response.statusCode !== 200)
        throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      return { authorization: `Bearer ${response.json().token}` };
    },
    async stop() {
      await system.close();
      await drop?.();
    },
  };
}
