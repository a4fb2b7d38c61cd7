import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // Two files at a time (E2E_WORKERS to change it): a file spends most of its time waiting on its own server
    // and browser, so two overlap well on the 2-core CI machine; each has its own server and data directory.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: Number(process.env.E2E_WORKERS ?? 2),
    globalSetup: ['test/e2e/support/global-setup.ts'],
  },
});
