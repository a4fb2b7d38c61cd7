// Starts a whole system for an integration test: on PGlite in memory, or, when TEST_DATABASE_URL is set,
// on a fresh PostgreSQL database created for this test file and dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type StartOptions, type System, startSystem } from '../../src/bootstrap.js';
import { type Config, loadConfig } from '../../src/core/config.js';

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

/** Creates an empty database on the test PostgreSQL server and returns its URL. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set');
  const name = `gz_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
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

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl && onPostgres() && !options.dataDir) {
    const created = await createTestDatabase();
    databaseUrl = created.url;
    drop = created.drop;
  }
  const config: Config = loadConfig({
    GONGZHI_MODE: 'test',
    SEED_DEMO: options.seed === false ? 'false' : 'true',
    SEED_HISTORY: options.history ? 'true' : 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
    ...options.env,
  });
  const system = await startSystem(config, { ...options, inMemory: !options.dataDir && !databaseUrl });
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
