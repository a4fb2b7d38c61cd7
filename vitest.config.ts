import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A worker keeps its imported modules from one file to the next (the files share nothing else: each starts and
    // closes its own system and database). Importing the app again in every file took 241 s of the PGlite pass's
    // workers and 236 s of PostgreSQL's.
    isolate: false,
    // Every core (vitest keeps one free by default: one worker on the 2-core CI machine); a file's time is
    // mostly its database's, in the worker or in PostgreSQL.
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ['test/support/global-setup.ts'],
  },
});
