// `npm run bench`: runs every benchmark in turn and prints its figures. PostgreSQL benches use
// BENCH_DATABASE_URL / TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { runCasesBench } from './cases.js';
import { runClassifierBench } from './classifier.js';
import { runDashboardBench } from './dashboards.js';
import { runFaultsBench } from './faults.js';
import { runGridDataBench } from './grid-data.js';
import { runIntakeBench } from './intake.js';
import { runScreeningBench } from './screenings.js';
import { runSearchBench } from './search.js';
import { runSoakBench } from './soak.js';
import { runSweeperBench } from './sweeper.js';

const benches: [string, () => Promise<unknown>][] = [
  ['classifier', runClassifierBench],
  ['cases', runCasesBench],
  // issue 22: the write path against pgbench / PGlite's own loop of the same rows
  ['intake', runIntakeBench],
  // issue 22: the deadline sweeper's lag at 1,000 due clocks per second
  ['sweeper', runSweeperBench],
  ['dashboards', runDashboardBench],
  ['search', runSearchBench],
  ['screenings', runScreeningBench],
  // the issue's `npm run bench -- grid-data`: people search and import, then screening generation
  [
    'grid-data',
    async () => {
      await runGridDataBench();
      await runScreeningBench();
    },
  ],
  // issue 18: restarts PostgreSQL and mounts a tmpfs (root): only when named, `npm run bench -- faults`
  ['faults', runFaultsBench],
  // issue 18: half the capacity for 30 minutes by default: only when named, `npm run bench -- soak`
  ['soak', runSoakBench],
];
const ONLY_WHEN_NAMED = new Set(['faults', 'soak']);

const only = process.argv.slice(2);
for (const [name, run] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  if (only.length === 0 && ONLY_WHEN_NAMED.has(name)) continue;
  const started = Date.now();
  await run();
  console.log(`[bench] ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
