// `npm run restore -- --from <backup dir>` (issue 18, "Backup and restore"): puts a backup made by
// `npm run backup` (src/cli/backup.ts) back — into an empty target only:
//   PGlite      DATA_DIR/pglite must not hold a database; the (gzipped) tarball is loaded with PGlite's loadDataDir
//   PostgreSQL  DATABASE_URL must name an empty database (createdb); pg_restore runs in one transaction
//   uploads     DATA_DIR/uploads must be empty; the backup's files are copied in
// It checks manifest.json and the dump's SHA-256 first, and after restoring opens the database and compares
// every table's row count, the last migration and the SHA-256 over the cases' ids and versions with the
// manifest, printing the comparison. Run it with the server stopped (it is a new, empty target anyway).
// Exit code 0: restored and equal to the manifest; 1: restored but different from the manifest (do not use
// it); 2: refused or failed (a damaged backup, a target that is not empty, a tool that failed).
import fs from 'node:fs';
import path from 'node:path';
import { type Config, loadConfig } from '../core/config.js';
import { openDatabase } from '../db/database.js';
import { copyFiles, isEmptyTree } from '../modules/backup/files.js';
import {
  BackupError,
  type Comparison,
  compareFigures,
  databaseFigures,
  fileDigest,
  type Manifest,
  readManifest,
} from '../modules/backup/manifest.js';
import { pgliteDir } from '../modules/backup/pglite-snapshot.js';
import { restorePostgres, userRelations } from '../modules/backup/postgres-dump.js';
import { option } from './backup.js';
import { runAsCli } from './run-cli.js';

export interface RestoreOptions {
  from: string;
  log?: (line: string) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  comparison: Comparison;
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Refuses a target that holds anything: a restore never overwrites or merges. */
async function checkEmptyTarget(config: Config, manifest: Manifest): Promise<void> {
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  if (kind !== manifest.database.kind) {
    throw new BackupError(
      manifest.database.kind === 'postgres'
        ? 'this backup is of a PostgreSQL database: set DATABASE_URL to an empty database (createdb …)'
        : 'this backup is of the embedded database: unset DATABASE_URL and set DATA_DIR to an empty directory',
    );
  }
  if (config.databaseUrl) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
    try {
      const n = await userRelations(database.db);
      if (n > 0) {
        throw new BackupError(
          `refusing to restore: the database of DATABASE_URL is not empty (${n} tables, indexes or sequences). Restore into a freshly created database (createdb <name>) and point DATABASE_URL at it`,
        );
      }
    } finally {
      await database.close();
    }
  } else if (!isEmptyTree(pgliteDir(config.dataDir))) {
    throw new BackupError(
      `refusing to restore: ${pgliteDir(config.dataDir)} already holds a database. Restore into an empty DATA_DIR (or move the old one away first)`,
    );
  }
  const uploads = path.join(config.dataDir, 'uploads');
  if (!isEmptyTree(uploads)) {
    throw new BackupError(`refusing to restore: ${uploads} is not empty. Restore into an empty DATA_DIR`);
  }
}

export async function restore(options: RestoreOptions, config: Config = loadConfig()): Promise<RestoreResult> {
  const log = options.log ?? console.log;
  const from = path.resolve(options.from);
  const manifest = readManifest(from);
  log(
    `[restore] backup of ${manifest.createdAt} (${manifest.database.kind}, app ${manifest.appVersion}, migration ${manifest.migration}): ${manifest.rowCounts.cases ?? 0} cases, ${manifest.uploads.files} uploaded files`,
  );
  const file = path.join(from, manifest.database.file);
  if (!fs.existsSync(file)) throw new BackupError(`${file} is missing from the backup`);
  let started = Date.now();
  const digest = await fileDigest(file);
  if (digest.sha256 !== manifest.database.sha256 || digest.bytes !== manifest.database.bytes) {
    throw new BackupError(
      `${file} is damaged: sha256 ${digest.sha256} (${digest.bytes} bytes), the manifest says ${manifest.database.sha256} (${manifest.database.bytes} bytes)`,
    );
  }
  log(`[restore] ${manifest.database.file}: SHA-256 matches the manifest (${seconds(started)})`);
  await checkEmptyTarget(config, manifest);
  log(
    `[restore] the target is empty: ${config.databaseUrl ? 'the database of DATABASE_URL' : pgliteDir(config.dataDir)}`,
  );

  started = Date.now();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  if (config.databaseUrl) {
    log('[restore] pg_restore (one transaction) …');
    await restorePostgres(config.databaseUrl, file);
    log(`[restore] database restored in ${seconds(started)}`);
    database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
  } else {
    log(`[restore] loading the PGlite tarball into ${pgliteDir(config.dataDir)} …`);
    // gzipped (backup.ts): PGlite unpacks a tarball whose type says so
    const image = await fs.openAsBlob(file, file.endsWith('.gz') ? { type: 'application/gzip' } : {});
    database = await openDatabase({ dataDir: config.dataDir, image });
    log(`[restore] database restored in ${seconds(started)}`);
  }
  let comparison: Comparison;
  try {
    started = Date.now();
    const figures = await databaseFigures(database.db);
    comparison = compareFigures(manifest, figures);
    log(`[restore] restored database against the manifest (counted in ${seconds(started)}):`);
    log(`       ${'table'.padEnd(36)} ${'manifest'.padStart(9)} ${'restored'.padStart(9)}`);
    for (const line of comparison.lines) log(line);
  } finally {
    await database.close();
  }

  started = Date.now();
  log('[restore] copying the uploaded files …');
  const uploads = await copyFiles(path.join(from, 'uploads'), path.join(config.dataDir, 'uploads'), (c) =>
    log(`[restore]   ${c.files} files, ${(c.bytes / 1048576).toFixed(1)} MB`),
  );
  const filesOk = uploads.files === manifest.uploads.files && uploads.bytes === manifest.uploads.bytes;
  if (!filesOk) {
    comparison.ok = false;
    comparison.differences.push(
      `uploaded files: manifest ${manifest.uploads.files} (${manifest.uploads.bytes} bytes), restored ${uploads.files} (${uploads.bytes} bytes)`,
    );
  }
  log(`[restore] ${filesOk ? 'ok  ' : 'DIFF'} uploaded files ${uploads.files} (${seconds(started)})`);
  if (comparison.ok) {
    log(
      `[restore] OK: the restored data equals the backup's manifest; start the server with this ${config.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR'}`,
    );
  } else {
    log('[restore] MISMATCH: the restored data differs from the manifest — do not use it:');
    for (const d of comparison.differences) log(`  ${d}`);
  }
  return { manifest, comparison };
}

async function main(): Promise<number> {
  const from = option(process.argv, 'from');
  if (!from) {
    console.error('usage: npm run restore -- --from <backup directory>');
    return 2;
  }
  const { comparison } = await restore({ from });
  return comparison.ok ? 0 : 1;
}

runAsCli(
  import.meta.url,
  main,
  (error) => `[restore] FAILED: ${error instanceof BackupError ? error.message : ((error as Error)?.stack ?? error)}`,
);
