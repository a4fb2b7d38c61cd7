import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // One file at a time by default. E2E_WORKERS=2 runs two (each with its own server and data directory) and
    // halves the wall time, but on the 2-core CI machine two servers and two browsers made the pages slow enough
    // for a click to land on a list still opening: two CI runs out of two had a test fail that passes alone.
    pool: 'forks',
    fileParallelism: Number(process.env.E2E_WORKERS ?? 1) > 1,
    maxWorkers: Number(process.env.E2E_WORKERS ?? 1),
    globalSetup: ['test/e2e/support/global-setup.ts'],
  },
});
