// The retention period (PERSONAL_DATA_RETENTION_YEARS, default 3): finished cases older than that lose their
// reporter's name and phone the same way an erasure takes them, 500 cases per transaction so the sweep never
// holds the database long, one audit entry and one outbox message (privacy.erased) per batch. Cases are claimed
// with SKIP LOCKED, so several server processes share the work.
import { retentionCutoff } from '../../domain/privacy/index.js';
import { announceErasure } from './announce-erasure.js';
import { anonymiseCases } from './anonymise-cases.js';
import { BATCH, claimExpiredCases } from './case-personal-data.js';
import type { PrivacyDeps } from './privacy-deps.js';

export interface RetentionPass {
  anonymised: number;
  /** A full batch was taken: more may wait. */
  more: boolean;
}

export async function sweepRetention(deps: PrivacyDeps, years: number): Promise<RetentionPass> {
  const now = deps.clock.now();
  const cutoff = retentionCutoff(now, years);
  if (!cutoff) return { anonymised: 0, more: false };
  return deps.db.transaction().execute(async (trx) => {
    const ids = await claimExpiredCases(trx, cutoff);
    if (ids.length === 0) return { anonymised: 0, more: false };
    const anonymised = await anonymiseCases(trx, deps.crypto, ids, 'retention', now);
    await deps.audit.record(
      null,
      {
        action: 'privacy.retention',
        targetType: 'case',
        details: { count: anonymised, years, finishedBefore: cutoff.toISOString(), caseIds: ids },
      },
      trx,
    );
    await announceErasure(trx, now, { basis: 'retention', stage: 'cases', userId: null, caseIds: ids });
    return { anonymised, more: ids.length === BATCH };
  });
}
