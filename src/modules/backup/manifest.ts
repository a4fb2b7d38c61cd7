// What a backup says about itself (issue 18, "Backup and restore"): manifest.json beside the database dump and
// the uploaded files. The figures (row counts of every table, a SHA-256 over the cases' ids and versions) are
// read from the very snapshot that was dumped, so a restore can prove it brought back that snapshot exactly.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from '../../db/database.js';

export const MANIFEST_FILE = 'manifest.json';
export const FORMAT = 'gongzhi-backup/1';

/** The numbers that identify the contents of a database. */
export interface DatabaseFigures {
  /** The last migration applied (kysely_migration), e.g. "0042_early_warnings". */
  migration: string | null;
  /** Every table of the public schema (the migrator's own included) and its number of rows. */
  rowCounts: Record<string, number>;
  /** SHA-256 (hex) over "id:version\n" of every case in id order. */
  casesHash: string;
}

export interface Manifest extends DatabaseFigures {
  format: typeof FORMAT;
  createdAt: string;
  appVersion: string;
  database: {
    kind: DatabaseKind;
    /** The dump's file name inside the backup directory and its SHA-256. */
    file: string;
    sha256: string;
    bytes: number;
  };
  uploads: { files: number; bytes: number };
  /** How the PGlite snapshot was taken: through the running server or by opening the stopped data directory. */
  via: 'server' | 'data-dir' | 'pg_dump';
}

// biome-ignore lint/suspicious/noExplicitAny: figures are read from every table, whatever its type
type AnyDb = Kysely<any>;

/** The figures of a database; call it inside the transaction (or on the connection) whose snapshot is dumped. */
export async function databaseFigures(db: AnyDb): Promise<DatabaseFigures> {
  const tables = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_catalog.pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(db);
  const rowCounts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.id('public', name)}`.execute(db);
    rowCounts[name] = Number(r.rows[0]?.n ?? 0);
  }
  let migration: string | null = null;
  if ('kysely_migration' in rowCounts) {
    const m = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db);
    migration = m.rows[0]?.name ?? null;
  }
  const hash = createHash('sha256');
  if ('cases' in rowCounts) {
    let after = 0;
    for (;;) {
      const rows = await sql<{ id: number; version: number }>`
        SELECT id, version FROM cases WHERE id > ${after} ORDER BY id LIMIT 10000`.execute(db);
      for (const row of rows.rows) hash.update(`${row.id}:${row.version}\n`);
      const last = rows.rows[rows.rows.length - 1];
      if (!last || rows.rows.length < 10000) break;
      after = last.id;
    }
  }
  return { migration, rowCounts, casesHash: hash.digest('hex') };
}

export interface Comparison {
  ok: boolean;
  /** One line per difference (and the summary lines), ready to print. */
  lines: string[];
  differences: string[];
}

/** Compares restored figures with the manifest's: every table's count, the migration and the cases hash. */
export function compareFigures(expected: DatabaseFigures, actual: DatabaseFigures): Comparison {
  const differences: string[] = [];
  const lines: string[] = [];
  const names = [...new Set([...Object.keys(expected.rowCounts), ...Object.keys(actual.rowCounts)])].sort();
  for (const name of names) {
    const want = expected.rowCounts[name];
    const got = actual.rowCounts[name];
    const same = want === got;
    if (!same) differences.push(`table ${name}: manifest ${want ?? 'absent'}, restored ${got ?? 'absent'}`);
    lines.push(
      `  ${same ? 'ok  ' : 'DIFF'} ${name.padEnd(36)} ${String(want ?? '-').padStart(9)} ${String(got ?? '-').padStart(9)}`,
    );
  }
  if (expected.migration !== actual.migration) {
    differences.push(`migration: manifest ${expected.migration}, restored ${actual.migration}`);
  }
  lines.push(`  ${expected.migration === actual.migration ? 'ok  ' : 'DIFF'} migration ${actual.migration}`);
  const hashOk = expected.casesHash === actual.casesHash;
  if (!hashOk) differences.push(`cases hash: manifest ${expected.casesHash}, restored ${actual.casesHash}`);
  lines.push(
    `  ${hashOk ? 'ok  ' : 'DIFF'} cases hash ${actual.casesHash}${hashOk ? '' : ` (manifest ${expected.casesHash})`}`,
  );
  return { ok: differences.length === 0, lines, differences };
}

export class BackupError extends Error {}

const HEX64 = /^[0-9a-f]{64}$/;

/** Reads and checks manifest.json of a backup directory; throws BackupError saying what is wrong. */
export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file))
    throw new BackupError(`${file} does not exist: ${dir} is not a backup made by npm run backup`);
  let m: Manifest;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BackupError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const problems: string[] = [];
  if (m?.format !== FORMAT) problems.push(`format is ${JSON.stringify(m?.format)}, expected "${FORMAT}"`);
  if (m?.database?.kind !== 'pglite' && m?.database?.kind !== 'postgres') problems.push('database.kind');
  if (typeof m?.database?.file !== 'string' || m.database.file.includes('/') || m.database.file.startsWith('.')) {
    problems.push('database.file');
  }
  if (!HEX64.test(m?.database?.sha256 ?? '')) problems.push('database.sha256');
  if (!HEX64.test(m?.casesHash ?? '')) problems.push('casesHash');
  const counts = m?.rowCounts;
  if (
    !counts ||
    typeof counts !== 'object' ||
    !Object.values(counts).every((n) => Number.isInteger(n) && (n as number) >= 0)
  ) {
    problems.push('rowCounts');
  }
  if (problems.length) throw new BackupError(`${file} is damaged or not a Gongzhi manifest: ${problems.join(', ')}`);
  return m;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** SHA-256 (hex) and size of a file, streamed. */
export async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** The application's version: package.json's, found upwards from this module (sources and the built dist). */
export function appVersion(): string {
  if (process.env.npm_package_name === 'gongzhi' && process.env.npm_package_version) {
    return process.env.npm_package_version;
  }
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'gongzhi') return pkg.version ?? 'unknown';
    } catch {}
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
