// A consistent copy of the embedded database while its server runs (issue 18, "Backup and restore").
// A PGlite data directory belongs to the one process that opened it, so the backup CLI cannot open it beside
// the server: it asks the server (POST /backup/snapshot, routes.ts) to copy the directory. The
// server holds its only database connection (PGlitePool hands it to one borrower at a time), so no statement
// or transaction is in flight; it runs CHECKPOINT, which writes every changed page to the files; PGlite has no
// background writer, so nothing touches the files until the connection is handed back, and the copy is the
// database as of that instant. The copy is made under DATA_DIR/backup-staging (never a path from the
// request); the CLI opens it — a copy is a database of its own — counts its rows, dumps it with PGlite's own
// dumpDataDir and removes it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';

export const STAGING_DIR = 'backup-staging';
export const TOKEN_HEADER = 'x-backup-token';
/** The DATA_DIR the CLI backs up (URI-encoded): the server refuses when it is not its own. */
export const DATA_DIR_HEADER = 'x-backup-data-dir';

/**
 * The credential of the snapshot endpoint: derived from SECRET_KEY, which the backup CLI reads from the same
 * environment as the server. Whoever holds SECRET_KEY can already sign sessions; the endpoint also answers
 * only connections from this machine (the CLI must read DATA_DIR anyway).
 */
export function backupToken(secretKey: string): string {
  return createHmac('sha256', secretKey).update('gongzhi backup snapshot v1').digest('hex');
}

export function tokenMatches(secretKey: string, offered: unknown): boolean {
  if (typeof offered !== 'string') return false;
  const expected = Buffer.from(backupToken(secretKey));
  const given = Buffer.from(offered);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The PGlite files of a data directory (openDatabase keeps them in DATA_DIR/pglite). */
export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

/** Staged copies a day old are left by a backup that died half-way (a running backup removes its own). */
async function removeStaleCopies(staging: string): Promise<void> {
  const entries = await fs.promises.readdir(staging).catch(() => [] as string[]);
  for (const entry of entries) {
    const stat = await fs.promises.stat(path.join(staging, entry)).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > 24 * 3600_000) {
      await fs.promises.rm(path.join(staging, entry), { recursive: true, force: true });
    }
  }
}

/**
 * Copies the embedded database's files to DATA_DIR/backup-staging/<name>/pglite while holding its connection;
 * answers <name>.
 */
// biome-ignore lint/suspicious/noExplicitAny: only raw SQL on the connection
export async function snapshotPglite(db: Kysely<any>, dataDir: string): Promise<string> {
  const source = pgliteDir(dataDir);
  if (!fs.existsSync(path.join(source, 'PG_VERSION'))) {
    throw new Error(`no embedded database in ${source}`);
  }
  const staging = path.join(dataDir, STAGING_DIR);
  await removeStaleCopies(staging);
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
  const target = path.join(staging, name, 'pglite');
  await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  await db.connection().execute(async (connection) => {
    await sql`CHECKPOINT`.execute(connection);
    await fs.promises.cp(source, target, { recursive: true });
  });
  return name;
}

/** Where the CLI finds the copy named by the server. */
export function stagedSnapshot(dataDir: string, name: string): string {
  if (!/^[0-9A-Za-z-]+$/.test(name)) throw new Error(`bad snapshot name ${JSON.stringify(name)}`);
  return path.join(dataDir, STAGING_DIR, name);
}
