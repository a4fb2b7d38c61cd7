// Brings the system up: database, migrations, clock, first-start data, services and the HTTP app.
// Used by the server, the tests and the benchmarks alike.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Clock, SimulatedClock, SystemClock } from './core/clock.js';
import { type Config, ConfigError, isStrongPassword } from './core/config.js';
import { FieldCrypto } from './core/field-crypto.js';
import { type Database, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { analyseGrownTables } from './db/planner-statistics.js';
import { type DemoSummary, seedCalendar, seedCategories, seedDemoCounty } from './db/seed/index.js';
import { seedWorkTeamsAndProjects } from './db/seed/work-teams-projects.js';
import { hashPassword } from './modules/auth/passwords.js';
import { createSmsGateway } from './modules/auth/sms-gateway.js';
import { encryptPlainReporters } from './modules/cases/encrypt-reporters.js';
import { seedDemoApiKeys } from './modules/hotline/demo-keys.js';
import { seedDemoVideo } from './modules/video-events/index.js';
import { type AppServices, createServices } from './services.js';

export interface System {
  app: FastifyInstance;
  services: AppServices;
  database: Database;
  seeded: DemoSummary | null;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Progress lines for long first-start work (seeding). */
  progress?: (message: string) => void;
  /** Real time for security timers (tests move it). */
  wallNow?: () => Date;
  /** Keep PGlite in memory (tests) instead of under DATA_DIR. */
  inMemory?: boolean;
  /** Run the background jobs (sweeper, outbox, consumers); default true. Tests may drive them by hand. */
  jobs?: boolean;
  /**
   * The database is a copy of one that went through its first start already (the test suite prepares one and
   * copies it for every test file): on PGlite in memory, the tarball to open; `seeded` is what that first start
   * seeded, answered again as the system's `seeded`.
   */
  prepared?: { pglite?: Blob; seeded: DemoSummary | null };
}

async function createClock(config: Config, database: Database): Promise<Clock> {
  if (config.mode === 'production') return new SystemClock();
  const clock = new SimulatedClock(database.db);
  await clock.refresh();
  return clock;
}

/** Production on an empty database: the county root, its administrator, the calendar and categories. */
async function initialiseProduction(database: Database, clock: Clock, config: Config) {
  const code = config.countyCode ?? '';
  const name = config.countyName ?? '';
  const password = config.adminPassword ?? '';
  if (!/^\d{6}$/.test(code) || !name || !isStrongPassword(password, 12)) {
    throw new ConfigError(
      'first start in production mode: set COUNTY_CODE (6 digits, GB/T 2260), COUNTY_NAME and ADMIN_PASSWORD (12+ characters with letters and digits)',
    );
  }
  const now = clock.now();
  await database.db.transaction().execute(async (trx) => {
    const county = await trx
      .insertInto('orgs')
      .values({
        code,
        name,
        kind: 'county',
        subkind: '县社会治理服务中心',
        participant: 'government',
        path: '',
        depth: 0,
        county_code: code,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('orgs')
      .set({ path: `/${county.id}/` })
      .where('id', '=', county.id)
      .execute();
    await trx
      .insertInto('users')
      .values({
        username: 'admin',
        display_name: '系统管理员',
        role: 'admin',
        org_id: county.id,
        password_hash: await hashPassword(password),
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  await seedCalendar(database.db);
  await seedCategories(database.db, {});
}

export async function startSystem(config: Config, options: StartOptions = {}): Promise<System> {
  const progress = options.progress ?? (() => {});
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    readUrl: config.databaseReadUrl, // a streaming replica for the read-only traffic (issue 22)
    readPoolSize: config.databaseReadPoolSize,
    prepare: config.databasePrepare,
    dataDir: options.inMemory ? undefined : config.dataDir,
    image: options.prepared?.pglite,
  });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) progress(`数据库迁移：${applied.join(', ')}`);
    const fieldCrypto = new FieldCrypto(config.dataEncryptionKey, config.dataEncryptionKeyPrevious);
    // issue 18: reporters' names and phones still in plain text (before 0045, or loaded around the server)
    const encrypted = await encryptPlainReporters(database.db, fieldCrypto, progress);
    if (encrypted) progress(`报告人姓名和电话加密完成：${encrypted} 件`);
    const clock = await createClock(config, database);
    let seeded: DemoSummary | null = null;
    const empty = !(await database.db.selectFrom('orgs').select('id').limit(1).executeTakeFirst());
    if (empty && config.seedDemo) {
      progress('首次启动：正在生成演示县数据 …');
      seeded = await seedDemoCounty(database.db, {
        clock,
        history: config.seedHistory,
        progress,
        crypto: fieldCrypto,
      });
      if (seeded) await seedDemoApiKeys(database.db, config.secretKey, clock.now());
    } else if (empty && config.mode === 'production') {
      await initialiseProduction(database, clock, config);
    }
    const sms = createSmsGateway(config, (message) => app.log.info(message));
    const services = createServices({
      config,
      db: database.db,
      reader: database.reader,
      dbKind: database.kind,
      clock,
      sms,
      wallNow: options.wallNow,
      log: { error: (obj, msg) => app.log.error(obj, msg), warn: (obj, msg) => app.log.warn(obj, msg) },
    });
    // Co-governance demo (issue 13): played through the services, so it follows the seed (demo mode only).
    if (seeded && config.mode === 'demo') {
      const { teams, projects } = await seedWorkTeamsAndProjects(services);
      progress(`工作专班 ${teams} 个、突破项目 ${projects} 个（演示）`);
      const video = await seedDemoVideo(services); // video events (issue 14 §3)
      progress(`视频事件：摄像头 ${video.cameras} 个、推送事件 ${video.events} 条（演示）`);
    }
    // the seed's rows counted for the planner at once (PGlite has no autovacuum to do it: src/db/planner-statistics.ts)
    if (seeded) await analyseGrownTables(database.db);
    if (options.prepared) seeded = options.prepared.seeded;
    await services.intelligence.prepare(); // classifies new cases only, not a seeded or upgraded history
    const app = await buildApp(services);
    // Other server processes may advance the shared demo clock: re-read it now and then.
    const timer = clock.adjustable ? setInterval(() => void clock.refresh().catch(() => {}), 2000) : null;
    timer?.unref();
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      services.live.stop();
      await services.jobs.stop();
      await database.close();
    });
    if (options.jobs !== false) services.jobs.start();
    return { app, services, database, seeded, close: () => app.close() };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
