// `npm run bench`: runs every benchmark in turn and prints its figures. PostgreSQL benches use
// BENCH_DATABASE_URL / TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { runCasesBench } from './cases.js';
import { runClassifierBench } from './classifier.js';
import { runDashboardBench } from './dashboards.js';
import { runGridDataBench } from './grid-data.js';
import { runIntakeBench } from './intake.js';
import { runScreeningBench } from './screenings.js';
import { runSearchBench } from './search.js';

const benches: [string, () => Promise<unknown>][] = [
  ['classifier', runClassifierBench],
  ['cases', runCasesBench],
  // issue 22: the write path against pgbench / PGlite's own loop of the same rows
  ['intake', runIntakeBench],
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
];

const only = process.argv.slice(2);
for (const [name, run] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  await run();
  console.log(`[bench] ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
