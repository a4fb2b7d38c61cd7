// The privacy sweeps as background jobs: pending erasures followed to the closing of their cases (every minute),
// the retention period applied to finished cases (every hour, at once again while full batches come back).
import type { JobRunner } from '../../jobs/job-runner.js';
import type { PrivacyDeps } from './privacy-deps.js';
import { sweepErasures } from './sweep-erasures.js';
import { sweepRetention } from './sweep-retention.js';

export const PRIVACY_JOBS = { erasures: 'privacy-erasures', retention: 'personal-data-retention' } as const;

export function registerPrivacyJobs(jobs: JobRunner, deps: PrivacyDeps, retentionYears: number): void {
  jobs.register({ name: PRIVACY_JOBS.erasures, everyMs: 60_000, run: () => sweepErasures(deps) });
  jobs.register({
    name: PRIVACY_JOBS.retention,
    everyMs: 3_600_000,
    run: async () => (await sweepRetention(deps, retentionYears)).more,
  });
}
