// Prepares, once per test run, the database every test file starts from by default: migrated and seeded with
// the demo county as a first start in test mode would. Each file then opens a copy — on PGlite a tarball of
// the prepared database, on PostgreSQL `CREATE DATABASE … TEMPLATE` — instead of migrating and seeding again
// (that took 7–20 s per file and most of the suite's time).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startSystem } from '../../src/bootstrap.js';
import { createTestDatabase, onPostgres, testConfig } from './system.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The prepared database: a PGlite tarball's path or a PostgreSQL template's name, and what it seeded. */
    preparedDatabase: { pgliteFile?: string; postgresTemplate?: string; seeded: string } | null;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_PREPARED_DATABASE === 'false') {
    project.provide('preparedDatabase', null);
    return;
  }
  if (onPostgres()) {
    const template = await createTestDatabase('gz_prepared');
    const system = await startSystem(testConfig({ DATABASE_URL: template.url }), { jobs: false });
    await system.close();
    project.provide('preparedDatabase', {
      postgresTemplate: new URL(template.url).pathname.slice(1),
      seeded: JSON.stringify(system.seeded),
    });
    return template.drop;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'gongzhi-prepared-'));
  const system = await startSystem(testConfig(), { inMemory: true, jobs: false });
  const image = await system.database.dump?.();
  await system.close();
  if (!image) throw new Error('the PGlite database gave no image');
  const file = path.join(dir, 'pglite.tar');
  writeFileSync(file, Buffer.from(await image.arrayBuffer()));
  project.provide('preparedDatabase', { pgliteFile: file, seeded: JSON.stringify(system.seeded) });
  return () => rmSync(dir, { recursive: true, force: true });
}
