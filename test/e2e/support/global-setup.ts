// The browser tests' prepared demo data directories live for one run: made by the first test file that asks for
// one (test/e2e/support/browser.ts), copied by the others, removed at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

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
  return () => rmSync(dir, { recursive: true, force: true });
}
