// `npm run backup -- --out <dir> [--server <url>]` (issue 18, "Backup and restore"): writes a consistent backup
// while the server runs, into a new directory:
//   manifest.json      time, database kind, last migration, app version, row counts of every table, a SHA-256
//                      over the cases' ids and versions, the dump's SHA-256 (src/modules/backup/manifest.ts)
//   database.pgdump    PostgreSQL: `pg_dump --format=custom` of one exported snapshot, the figures counted in
//                      that same snapshot (src/modules/backup/postgres-dump.ts)
//   database.tar.gz    PGlite: the data directory as PGlite's own dumpDataDir tarball, gzipped (75 MB → 11 MB)
//   uploads/           DATA_DIR/uploads (attachments), copied after the database (src/modules/backup/files.ts)
//
// The embedded database (PGlite) answers to one process only, so while the server runs this CLI cannot open it.
// The decision: the CLI asks the running server for a snapshot — POST /backup/snapshot, accepted from
// this machine only with a token derived from SECRET_KEY (so the CLI needs the server's environment, which it has
// to have anyway to read DATA_DIR). The server, holding its single database connection so nothing is in flight,
// runs CHECKPOINT and copies its data directory to DATA_DIR/backup-staging/<name>; this CLI opens that copy
// (a database of its own), counts it and dumps it with dumpDataDir, then removes it. The server is looked for at
// --server, else at http://127.0.0.1:$PORT; when nothing answers there the server is taken to be stopped and
// the data directory is opened directly. (A server on another address must be named with --server: opening the
// directory beside a running server would damage it.)
//
// On PostgreSQL nothing of the server is needed: pg_dump reads while the servers keep writing.
// Exit code 0: written; 2: failed (nothing half-written is left as a backup: manifest.json is written last).
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type Config, loadConfig } from '../core/config.js';
import { openDatabase } from '../db/database.js';
import { copyFiles, isEmptyTree } from '../modules/backup/files.js';
import {
  appVersion,
  BackupError,
  type DatabaseFigures,
  databaseFigures,
  FORMAT,
  fileDigest,
  type Manifest,
  writeManifest,
} from '../modules/backup/manifest.js';
import {
  backupToken,
  DATA_DIR_HEADER,
  pgliteDir,
  STAGING_DIR,
  stagedSnapshot,
  TOKEN_HEADER,
} from '../modules/backup/pglite-snapshot.js';
import { dumpPostgres } from '../modules/backup/postgres-dump.js';
import { runAsCli } from './run-cli.js';

export interface BackupOptions {
  out: string;
  /** The running server's base URL (PGlite); default http://127.0.0.1:$PORT when it answers. */
  server?: string;
  log?: (line: string) => void;
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The running server at `url`, or null when nothing answers there. */
async function serverAt(url: string): Promise<{ database: string } | null> {
  try {
    const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) });
    return r.ok ? ((await r.json()) as { database: string }) : null;
  } catch {
    return null;
  }
}

/** Writes PGlite's tarball gzipped (level 1: most of it is empty WAL; restore.ts loads it as application/gzip). */
async function writeGzipped(blob: Blob, file: string): Promise<void> {
  await pipeline(
    Readable.fromWeb(blob.stream() as import('node:stream/web').ReadableStream),
    createGzip({ level: 1 }),
    fs.createWriteStream(file),
  );
}

/** PGlite: the snapshot through the running server, or straight from the stopped data directory. */
async function dumpPglite(
  config: Config,
  options: BackupOptions,
  file: string,
  log: (line: string) => void,
): Promise<{ figures: DatabaseFigures; via: Manifest['via'] }> {
  const url = (options.server ?? `http://127.0.0.1:${config.port}`).replace(/\/+$/, '');
  const health = await serverAt(url);
  if (options.server && !health) throw new BackupError(`no Gongzhi server answers at ${url}/health`);
  let dir = config.dataDir;
  let staged: string | null = null;
  if (health) {
    if (health.database !== 'pglite') {
      throw new BackupError(`the server at ${url} runs on ${health.database}: set DATABASE_URL as it has it`);
    }
    log(`[backup] the server at ${url} is running: asking it for a snapshot of the embedded database …`);
    const started = Date.now();
    const r = await fetch(`${url}/backup/snapshot`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: backupToken(config.secretKey), [DATA_DIR_HEADER]: encodeURIComponent(config.dataDir) },
    });
    const body = (await r.json().catch(() => ({}))) as { snapshot?: string; message?: string };
    if (!r.ok || !body.snapshot) {
      throw new BackupError(
        `the server refused the snapshot (${r.status} ${body.message ?? ''}): run this with the server's own SECRET_KEY and DATA_DIR`,
      );
    }
    staged = stagedSnapshot(config.dataDir, body.snapshot);
    if (!fs.existsSync(pgliteDir(staged))) {
      throw new BackupError(`the server's snapshot is not in ${staged}: run this with the server's own DATA_DIR`);
    }
    log(`[backup] snapshot taken by the server in ${seconds(started)} (${path.join(STAGING_DIR, body.snapshot)})`);
    dir = staged;
  } else {
    if (!fs.existsSync(path.join(pgliteDir(config.dataDir), 'PG_VERSION'))) {
      throw new BackupError(`there is no embedded database in ${pgliteDir(config.dataDir)} (DATA_DIR)`);
    }
    log(`[backup] no server answers at ${url}: opening the stopped database in ${config.dataDir} …`);
  }
  try {
    const database = await openDatabase({ dataDir: dir });
    try {
      let started = Date.now();
      const figures = await databaseFigures(database.db);
      log(`[backup] counted ${Object.keys(figures.rowCounts).length} tables in ${seconds(started)}`);
      started = Date.now();
      const dump = database.dump;
      if (!dump) throw new BackupError('the embedded database cannot be dumped');
      await writeGzipped(await dump(), file);
      log(`[backup] database dumped with PGlite's dumpDataDir in ${seconds(started)}`);
      return { figures, via: staged ? 'server' : 'data-dir' };
    } finally {
      await database.close();
    }
  } finally {
    if (staged) await fs.promises.rm(staged, { recursive: true, force: true });
  }
}

export async function backup(options: BackupOptions, config: Config = loadConfig()): Promise<Manifest> {
  const log = options.log ?? console.log;
  const out = path.resolve(options.out);
  if (!isEmptyTree(out)) throw new BackupError(`${out} is not empty: give a new directory to --out`);
  // a backup holds every person's data: readable by this user only
  await fs.promises.mkdir(out, { recursive: true, mode: 0o700 });
  const started = Date.now();
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  log(
    `[backup] ${new Date().toISOString()}: backing up the ${kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database and ${config.dataDir}/uploads into ${out}`,
  );
  const file = path.join(out, kind === 'postgres' ? 'database.pgdump' : 'database.tar.gz');
  let figures: DatabaseFigures;
  let via: Manifest['via'];
  if (config.databaseUrl) {
    log('[backup] pg_dump (custom format) of one snapshot, counting the same snapshot …');
    const t = Date.now();
    figures = await dumpPostgres(config.databaseUrl, file);
    via = 'pg_dump';
    log(`[backup] database dumped and counted in ${seconds(t)}`);
  } else {
    ({ figures, via } = await dumpPglite(config, options, file, log));
  }
  const digest = await fileDigest(file);
  log(
    `[backup] ${path.basename(file)}: ${(digest.bytes / 1048576).toFixed(1)} MB, sha256 ${digest.sha256.slice(0, 16)}…`,
  );
  log('[backup] copying the uploaded files …');
  const t = Date.now();
  const uploads = await copyFiles(path.join(config.dataDir, 'uploads'), path.join(out, 'uploads'), (c) =>
    log(`[backup]   ${c.files} files, ${(c.bytes / 1048576).toFixed(1)} MB`),
  );
  log(`[backup] uploaded files copied in ${seconds(t)}`);
  if (config.s3) {
    log(
      `[backup] note: attachments in the bucket ${config.s3.bucket} are not copied: keep the bucket versioned or replicated`,
    );
  }
  const manifest: Manifest = {
    format: FORMAT,
    createdAt: new Date().toISOString(),
    appVersion: appVersion(),
    ...figures,
    database: { kind, file: path.basename(file), ...digest },
    uploads,
    via,
  };
  writeManifest(out, manifest);
  const rows = Object.values(figures.rowCounts).reduce((a, b) => a + b, 0);
  log(
    `[backup] done in ${seconds(started)}: ${Object.keys(figures.rowCounts).length} tables, ${rows.toLocaleString()} rows, ${figures.rowCounts.cases ?? 0} cases (hash ${figures.casesHash.slice(0, 16)}…), migration ${figures.migration}, ${uploads.files} uploaded files`,
  );
  return manifest;
}

/** --name value pairs of argv. */
export function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

async function main(): Promise<number> {
  const out = option(process.argv, 'out');
  if (!out) {
    console.error('usage: npm run backup -- --out <new directory> [--server http://127.0.0.1:3000]');
    return 2;
  }
  await backup({ out, server: option(process.argv, 'server') });
  return 0;
}

runAsCli(
  import.meta.url,
  main,
  (error) => `[backup] FAILED: ${error instanceof BackupError ? error.message : ((error as Error)?.stack ?? error)}`,
);
