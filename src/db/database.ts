// Opens the database: embedded PGlite under DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// Both answer to the same Kysely instance, the same SQL and the same type conversions. On PostgreSQL a second
// pool may read from a streaming replica (DATABASE_READ_URL, issue 22): `reader`, the primary's own `db` otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlitePool } from './pglite-pool.js';
import { prepareHotStatements, StatementNames } from './prepared-statements.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  /**
   * Where the read-only traffic goes (dashboards, analysis, assessment, the command centre, the public page): the
   * replica of DATABASE_READ_URL, or `db` itself when none is configured. Nothing may write through it, and what a
   * user must see at once after their own action (the case page, their lists) or what feeds a write reads `db`.
   */
  reader: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball, to open copies of it (the test suite's prepared image). */
  dump?(): Promise<Blob>;
}

const OID = { int8: 20, numeric: 1700, date: 1082 } as const;
const toNumber = (value: string) => Number(value);
const asText = (value: string) => value;

// pg turns bigint into strings and dates into local-time Date objects; we want numbers and 'YYYY-MM-DD'.
pg.types.setTypeParser(OID.int8, toNumber);
pg.types.setTypeParser(OID.numeric, toNumber);
pg.types.setTypeParser(OID.date, asText);

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory for PGlite files; undefined keeps the database in memory (tests). */
  dataDir?: string;
  /** PGlite only: start from this tarball of a database (made by `dump`) instead of an empty one. */
  image?: Blob;
  poolSize?: number;
  /** PostgreSQL: name the statements run over and over, prepared once per connection (prepared-statements.ts); default true. */
  prepare?: boolean;
  /** PostgreSQL only: postgres://… of a streaming replica of `databaseUrl` for the read-only traffic. */
  readUrl?: string;
  /** Connections to the replica (default 10). */
  readPoolSize?: number;
  /** PostgreSQL: how long a query may wait for a pooled connection (default 15 s), then it fails as unavailable. */
  connectionTimeoutMs?: number;
  /**
   * Told when an idle pooled connection fails (the server restarted, an administrator ended it): the pool
   * drops that connection and opens a new one when next needed. Without a listener pg would throw it as an
   * uncaught error and stop the process.
   */
  onIdleError?: (error: Error) => void;
}

function warnIdleError(error: Error): void {
  console.warn(`[db] an idle database connection was closed: ${error.message}`);
}

/** A pg pool and its Kysely: the primary's and the replica's are made alike (type parsers, faults, timeouts). */
function openPostgres(url: string, poolSize: number, options: OpenOptions): Kysely<DB> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // A server that went away (restart, network cut) is noticed, and a request waiting for a connection gives
    // up and answers 503 (src/db/database-faults.ts) instead of hanging; the pool opens new connections as
    // soon as the server takes them again. Dead connections are dropped by pg-pool on their error / release.
    keepAlive: true,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 15_000,
  });
  pool.on('error', (error) => (options.onIdleError ?? warnIdleError)(error));
  // pg-pool listens for a connection's errors only while it is idle. A connection lent to a transaction that is
  // between two statements when the server restarts emits 'error' too, and an 'error' nobody listens for stops
  // the process. The transaction learns of it from its next statement (answered 503); the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  if (options.prepare !== false) {
    const names = new StatementNames();
    pool.on('connect', (client) => prepareHotStatements(client, names));
  }
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const db = openPostgres(options.databaseUrl, options.poolSize ?? 10, options);
    if (!options.readUrl) return { db, reader: db, kind: 'postgres', close: () => db.destroy() };
    const reader = openPostgres(options.readUrl, options.readPoolSize ?? 10, options);
    return {
      db,
      reader,
      kind: 'postgres',
      close: async () => {
        await Promise.allSettled([reader.destroy(), db.destroy()]);
      },
    };
  }
  // src/core/config.ts refuses this with the reason; a caller passing options of its own is told too
  if (options.readUrl) throw new Error('a read replica (DATABASE_READ_URL) needs PostgreSQL (DATABASE_URL)');
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = path.join(options.dataDir, 'pglite');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const lite = await PGlite.create({
    dataDir,
    ...(options.image ? { loadDataDir: options.image } : {}),
    extensions: { pg_trgm },
    parsers: { [OID.int8]: toNumber, [OID.numeric]: toNumber, [OID.date]: asText },
  });
  const pool = new PGlitePool(lite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
  return { db, reader: db, kind: 'pglite', close: () => db.destroy(), dump: () => lite.dumpDataDir('none') };
}
