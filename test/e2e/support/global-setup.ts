// The browser tests' prepared demo data directories (or, with E2E_DATABASE_URL, template databases) live for one
// run: made by the first test file that asks for one (test/e2e/support/browser.ts), copied by the others, removed
// at the end.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropDatabases } from '../../support/test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the prepared data directories of this run go (empty: none prepared, each file seeds its own). */
    e2ePreparedDir: string;
  }
}

export default function setup(project: TestProject) {
  if (process.env.TEST_PREPARED_DATABASE === 'false') {
    project.provide('e2ePreparedDir', '');
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'gongzhi-e2e-prepared-'));
  project.provide('e2ePreparedDir', dir);
  return async () => {
    const admin = process.env.E2E_DATABASE_URL;
    const templates = readdirSync(dir).filter((f) => f.endsWith('-postgres.ready'));
    if (admin && templates.length > 0) {
      await dropDatabases(
        templates.map((f) => readFileSync(path.join(dir, f), 'utf8')),
        admin,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
