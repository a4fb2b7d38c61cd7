// Backup and restore (issue 18): a real server (PGlite in a data directory, or PostgreSQL with TEST_DATABASE_URL)
// takes new cases in a loop while `npm run backup` runs; the backup is restored into an empty target, whose
// every table's row count and cases hash equal the manifest's, and a server started on it serves the cases and
// the uploaded file. Restoring into a target that holds data is refused; a damaged manifest is detected.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_SECRET } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { databaseFigures, type Manifest } from '../src/modules/backup/manifest.js';
import { backupToken } from '../src/modules/backup/pglite-snapshot.js';
import { makePng } from './support/images.js';
import { multipartBody } from './support/intake.js';
import { ROOT, type ServerProcess, startServerProcess } from './support/server-process.js';
import { createTestDatabase, onPostgres, TEST_PASSWORD } from './support/system.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-backup-test-'));
cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
const dir = (name: string) => path.join(tmp, name);

/** A target to run a server or a restore on: a data directory and, on PostgreSQL, a database. */
interface Target {
  dataDir: string;
  databaseUrl: string;
}

async function emptyTarget(name: string): Promise<Target> {
  const dataDir = dir(name);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!onPostgres()) return { dataDir, databaseUrl: '' };
  const db = await createTestDatabase('gz_backup');
  cleanups.push(db.drop);
  return { dataDir, databaseUrl: db.url };
}

/** The source: a copy of the run's prepared, seeded database (a first start seeds for a minute otherwise). */
async function seededTarget(): Promise<Target> {
  let prepared: ReturnType<typeof inject<'preparedDatabase'>> = null;
  try {
    prepared = inject('preparedDatabase');
  } catch {}
  const dataDir = dir('source');
  if (onPostgres()) {
    const db = await createTestDatabase('gz_backup', prepared?.postgresTemplate);
    cleanups.push(db.drop);
    return { dataDir, databaseUrl: db.url };
  }
  if (prepared?.pgliteFile) {
    const database = await openDatabase({ dataDir, image: await fs.openAsBlob(prepared.pgliteFile) });
    await database.close();
  }
  return { dataDir, databaseUrl: '' };
}

const envOf = (target: Target) => ({ DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl });

/** Runs one of the CLIs (`tsx src/cli/<name>.ts`) to its end: its exit code and everything it printed. */
function cli(name: 'backup' | 'restore', args: string[], target: Target): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [`src/cli/${name}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, GONGZHI_MODE: 'demo', LOG_LEVEL: 'warn', ...envOf(target) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('exit', (code) => resolve({ code: code ?? -1, output }));
  });
}

async function call(
  server: ServerProcess,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  const r = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

async function login(server: ServerProcess, username: string): Promise<Record<string, string>> {
  const r = await call(server, 'POST', '/api/auth/login', {}, { username, password: TEST_PASSWORD });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { authorization: `Bearer ${r.body.token}` };
}

const readManifest = (backupDir: string): Manifest =>
  JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));

/** A copy of a backup whose manifest is changed by `edit` (the dump is linked, not copied). */
function damagedCopy(from: string, name: string, edit: (m: Manifest) => void): string {
  const to = dir(name);
  fs.cpSync(path.join(from, 'uploads'), path.join(to, 'uploads'), { recursive: true });
  const manifest = readManifest(from);
  fs.symlinkSync(path.join(from, manifest.database.file), path.join(to, manifest.database.file));
  edit(manifest);
  fs.writeFileSync(path.join(to, 'manifest.json'), JSON.stringify(manifest));
  return to;
}

describe(`backup and restore (${onPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const backupDir = dir('backup');
  let source: Target;
  let manifest: Manifest;
  let caseBeforeBackup: number;
  let attachment: { id: string; bytes: Buffer };
  let casesBefore: number;
  let createdBeforeBackup = 0;
  let createdDuringBackup = 0;
  let createdInAll = 0;
  let snapshotRoute: Record<string, number> = {};

  beforeAll(async () => {
    source = await seededTarget();
    const server = await startServerProcess(envOf(source));
    cleanups.push(server.stop);
    const village = await login(server, 'village');
    const grid = await login(server, 'grid');
    const admin = await login(server, 'admin');
    const gridOrg = (await call(server, 'GET', '/api/auth/me', grid)).body.org.id;
    const point = (await call(server, 'GET', `/api/orgs/${gridOrg}`, admin)).body;
    casesBefore = (await call(server, 'GET', '/api/cases?pageSize=1', admin)).body.total;
    const snapshot = async (headers: Record<string, string>) =>
      (await fetch(`${server.baseUrl}/backup/snapshot`, { method: 'POST', headers })).status;
    const token = backupToken(DEMO_SECRET);
    snapshotRoute = {
      noToken: await snapshot({}),
      wrongToken: await snapshot({ 'x-backup-token': backupToken('another secret key') }),
      sessionOnly: await snapshot(admin),
      proxied: await snapshot({ 'x-backup-token': token, 'x-forwarded-for': '203.0.113.9' }),
      otherDataDir: await snapshot({ 'x-backup-token': token, 'x-backup-data-dir': encodeURIComponent(dir('other')) }),
      // on PostgreSQL the right token is told to use pg_dump (on PGlite the CLI below makes the call)
      ...(onPostgres() ? { postgres: await snapshot({ 'x-backup-token': token }) } : {}),
    };

    const upload = multipartBody('现场.png', makePng(80, 60), 'image/png');
    const up = await fetch(`${server.baseUrl}/api/attachments`, {
      method: 'POST',
      headers: { ...village, 'content-type': upload.contentType },
      body: new Uint8Array(upload.payload),
    });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    const content = await fetch(`${server.baseUrl}/api/attachments/${id}`, { headers: village });
    attachment = { id, bytes: Buffer.from(await content.arrayBuffer()) };

    // the load: new cases one after another until the backup is done
    let backingUp = false;
    let stop = false;
    const newCase = async () => {
      const r = await call(server, 'POST', '/api/cases', village, {
        channel: 'walk_in',
        body: `备份测试：小区门口的路灯坏了，第 ${createdInAll + 1} 件。`,
        lat: point.centerLat,
        lng: point.centerLng,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      createdInAll++;
      if (backingUp) createdDuringBackup++;
      else createdBeforeBackup++;
      return r.body.id as number;
    };
    caseBeforeBackup = await newCase();
    const load = (async () => {
      while (!stop) await newCase();
    })();
    backingUp = true;
    const result = await cli(
      'backup',
      ['--out', backupDir, ...(onPostgres() ? [] : ['--server', server.baseUrl])],
      source,
    );
    stop = true;
    await load;
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('[backup] done');
    manifest = readManifest(backupDir);
    await server.stop();
  }, 300_000);

  it("refuses the server's snapshot route without the local SECRET_KEY token", () => {
    expect(snapshotRoute).toEqual({
      noToken: 403,
      wrongToken: 403,
      sessionOnly: 403,
      proxied: 403,
      otherDataDir: 400,
      ...(onPostgres() ? { postgres: 400 } : {}),
    });
  });

  it('wrote the dump, the uploaded files and a manifest of the snapshot taken under load', () => {
    expect(manifest.database.kind).toBe(onPostgres() ? 'postgres' : 'pglite');
    expect(manifest.via).toBe(onPostgres() ? 'pg_dump' : 'server');
    expect(fs.statSync(path.join(backupDir, manifest.database.file)).size).toBe(manifest.database.bytes);
    expect(manifest.migration).toMatch(/^\d{4}_/);
    expect(manifest.appVersion).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(Object.keys(manifest.rowCounts).length).toBeGreaterThan(50);
    expect(manifest.rowCounts.attachments).toBeGreaterThanOrEqual(1);
    expect(manifest.uploads.files).toBeGreaterThanOrEqual(1);
    expect(fs.readdirSync(path.join(backupDir, 'uploads')).length).toBeGreaterThan(0);
    // cases kept coming while the backup ran; it holds those before it began and perhaps some during it
    expect(createdDuringBackup).toBeGreaterThan(0);
    expect(manifest.rowCounts.cases).toBeGreaterThanOrEqual(casesBefore + createdBeforeBackup);
    expect(manifest.rowCounts.cases).toBeLessThanOrEqual(casesBefore + createdInAll);
  });

  it('restores into an empty target: every table, the migration and the cases hash equal the manifest', async () => {
    const target = await emptyTarget('restored');
    const result = await cli('restore', ['--from', backupDir], target);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('[restore] OK');
    expect(result.output).toMatch(/ok {3}cases hash [0-9a-f]{64}/);

    // counted again here, not taken from the CLI's word
    const database = await openDatabase(
      target.databaseUrl ? { databaseUrl: target.databaseUrl } : { dataDir: target.dataDir },
    );
    try {
      const figures = await databaseFigures(database.db);
      expect(figures.rowCounts).toEqual(manifest.rowCounts);
      expect(figures.casesHash).toBe(manifest.casesHash);
      expect(figures.migration).toBe(manifest.migration);
    } finally {
      await database.close();
    }

    const server = await startServerProcess(envOf(target));
    cleanups.push(server.stop);
    const village = await login(server, 'village');
    const found = await call(server, 'GET', `/api/cases/${caseBeforeBackup}`, village);
    expect(found.status).toBe(200);
    expect(found.body.body).toContain('备份测试');
    const admin = await login(server, 'admin');
    expect((await call(server, 'GET', '/api/cases?pageSize=1', admin)).body.total).toBe(manifest.rowCounts.cases);
    const content = await fetch(`${server.baseUrl}/api/attachments/${attachment.id}`, { headers: village });
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).equals(attachment.bytes)).toBe(true);
    await server.stop();
  }, 180_000);

  it('refuses to restore into a target that holds data', async () => {
    const result = await cli('restore', ['--from', backupDir], source);
    expect(result.code).toBe(2);
    expect(result.output).toContain('refusing to restore');
    expect(result.output).toMatch(onPostgres() ? /database of DATABASE_URL is not empty/ : /already holds a database/);

    // uploads alone count too
    const other = await emptyTarget('uploads-only');
    fs.mkdirSync(path.join(other.dataDir, 'uploads', 'ab'), { recursive: true });
    fs.writeFileSync(path.join(other.dataDir, 'uploads', 'ab', 'file'), 'x');
    const uploads = await cli('restore', ['--from', backupDir], other);
    expect(uploads.code).toBe(2);
    expect(uploads.output).toMatch(/refusing to restore: .*uploads is not empty/);
  }, 60_000);

  it('detects a damaged manifest: the dump hash before restoring, the cases hash after', async () => {
    const badDump = damagedCopy(backupDir, 'bad-dump', (m) => {
      m.database.sha256 = '0'.repeat(64);
    });
    const refused = await cli('restore', ['--from', badDump], await emptyTarget('bad-dump-target'));
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/database\.(tar\.gz|pgdump) is damaged/);

    const garbled = dir('garbled');
    fs.mkdirSync(garbled);
    fs.writeFileSync(path.join(garbled, 'manifest.json'), '{"format": "gongzhi-backup/1", "rowCounts": ');
    const unreadable = await cli('restore', ['--from', garbled], await emptyTarget('garbled-target'));
    expect(unreadable.code).toBe(2);
    expect(unreadable.output).toContain('is not valid JSON');

    const badCases = damagedCopy(backupDir, 'bad-cases', (m) => {
      m.casesHash = m.casesHash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    });
    const mismatch = await cli('restore', ['--from', badCases], await emptyTarget('bad-cases-target'));
    expect(mismatch.code, mismatch.output).toBe(1);
    expect(mismatch.output).toContain('[restore] MISMATCH');
    expect(mismatch.output).toMatch(/DIFF cases hash/);
  }, 180_000);
});
