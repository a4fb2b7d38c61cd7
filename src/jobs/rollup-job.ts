// The rollups consumer: keeps the dashboards' pre-aggregated tables in step with the case timeline. At its
// first pass in a process it rebuilds them when far behind (bulk-loaded history), then follows new events.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { RollupWriter } from '../modules/dashboards/rollup-writer.js';
import { consumeRollupBatch, rebuildRollups } from '../modules/dashboards/rollups.js';
import type { JobRunner } from './job-runner.js';

export const ROLLUP_JOB = 'rollups';
/** Further behind than this many events, a set-wise rebuild is faster than following them one batch at a time. */
const REBUILD_WHEN_BEHIND = 20_000;

export function registerRollupJob(jobs: JobRunner, db: Kysely<DB>): void {
  const writer = new RollupWriter();
  let started = false;
  jobs.register({
    name: ROLLUP_JOB,
    everyMs: 2000,
    run: async () => {
      if (!started) {
        started = true;
        await rebuildRollups(db, { onlyIfBehind: REBUILD_WHEN_BEHIND });
      }
      const n = await consumeRollupBatch(db, writer);
      return n > 0;
    },
  });
}
