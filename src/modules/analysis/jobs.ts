// Background work of 分析研判: the search indexer (every 2 s, at once again while a batch was full) and the
// category model's retraining from staff-categorised cases (at start, then every 10 minutes).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { JobRunner } from '../../jobs/job-runner.js';
import type { CategorySuggester } from './category-suggester.js';
import { indexSearchBatch, SEARCH_INDEX_BATCH } from './search-indexer.js';

export function registerAnalysisJobs(
  jobs: JobRunner,
  db: Kysely<DB>,
  suggester: CategorySuggester,
  options: { trainAtStart: boolean; retrainEveryMs?: number },
): void {
  jobs.register({
    name: 'search-indexer',
    everyMs: 2000,
    run: async () => (await indexSearchBatch(db)) === SEARCH_INDEX_BATCH,
  });
  let first = true;
  jobs.register({
    name: 'category-model',
    everyMs: options.retrainEveryMs ?? 10 * 60_000,
    run: async () => {
      // Tests train on first use instead of at every start.
      if (first && !options.trainAtStart) {
        first = false;
        return;
      }
      first = false;
      await suggester.train();
    },
  });
}
