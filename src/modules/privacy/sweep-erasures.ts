// Follows pending erasures to their end: a case of the citizen that was still being handled when they asked loses
// their data once it is finished (closed, archived, rejected or merged), and the account is anonymised after the
// last one. Only erasures with something to do are visited: a finished case still carrying the data, or no case
// carrying it any more. Safe with several server processes: cases are claimed with SKIP LOCKED, the erasure row
// is locked while it completes.
import { sql } from 'kysely';
import { carriesReporterData, citizenPhoneHashes, isFinished, reportedBy } from './case-personal-data.js';
import type { PrivacyDeps } from './privacy-deps.js';
import { progressErasure } from './progress-erasure.js';

const ERASURES_PER_PASS = 50;

/** One pass; true while more erasures wait (the job runs again at once). */
export async function sweepErasures(deps: PrivacyDeps): Promise<boolean> {
  const user = sql.ref<number>('p.user_id');
  const phones = await citizenPhoneHashes(deps.db, deps.crypto, 'pending erasures');
  const due = await deps.db
    .selectFrom('privacy_erasures as p')
    .select('p.user_id')
    .where('p.completed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('cases')
            .select(sql.lit(1).as('one'))
            .where(reportedBy(user, phones))
            .where(isFinished)
            .where(carriesReporterData),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('cases')
              .select(sql.lit(1).as('one'))
              .where(reportedBy(user, phones))
              .where(sql<boolean>`NOT ${isFinished}`)
              .where(carriesReporterData),
          ),
        ),
      ]),
    )
    .orderBy('p.requested_at')
    .limit(ERASURES_PER_PASS)
    .execute();
  for (const { user_id } of due) await progressErasure(deps, user_id, null);
  return due.length === ERASURES_PER_PASS;
}
