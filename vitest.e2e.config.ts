import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    // expect.poll waits up to 30 s (vitest's default is 1 s): on CI's two busy cores a page can take longer than a
    // second to show what a click changed — stop 21's CI failed in meetings on a title that came after 1 s.
    // It asks every half second, not every 50 ms: a poll of the API or of a page costs the two busy cores too.
    expect: { poll: { timeout: 30_000, interval: 500 } },
    hookTimeout: 240_000,
    // One file at a time by default; E2E_WORKERS=2 runs two (each with its own server and data directory), as CI
    // does (.ci/run): at stop 17 that made two CI runs out of two fail on antd Select clicks that landed on a list
    // still opening, since mended by pickOption; at stop 20 one run of three failed on a timeout in deliberations
    // that passes alone (not yet explained).
    pool: 'forks',
    fileParallelism: Number(process.env.E2E_WORKERS ?? 1) > 1,
    maxWorkers: Number(process.env.E2E_WORKERS ?? 1),
    globalSetup: ['test/e2e/support/global-setup.ts'],
  },
});
