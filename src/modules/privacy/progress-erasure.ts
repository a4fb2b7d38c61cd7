// Moves one citizen's erasure on: their records outside the cases lose the data at once (anonymise-records.ts),
// their finished cases in batches (one transaction per batch, with its audit entry and its outbox message), and
// once no case of theirs carries it any more the account is anonymised and the erasure completed. Called by the request itself and by the sweep that follows cases to their closing.
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { announceErasure } from './announce-erasure.js';
import { anonymiseAccount } from './anonymise-account.js';
import { anonymiseCases } from './anonymise-cases.js';
import { anonymiseRecords } from './anonymise-records.js';
import { BATCH, casesStillCarrying, citizenPhoneHashes, claimErasableCasesOf } from './case-personal-data.js';
import type { PrivacyDeps } from './privacy-deps.js';

export interface ErasureProgressResult {
  requestedAt: Date;
  completedAt: Date | null;
  /** Cases anonymised by this call. */
  anonymised: number;
  /** Cases not finished yet that still carry the citizen's data. */
  waiting: number;
}

/** `actor`: the citizen when they asked just now, null for the sweep (the system). */
export async function progressErasure(
  deps: PrivacyDeps,
  userId: number,
  actor: Principal | null,
): Promise<ErasureProgressResult> {
  const now = deps.clock.now();
  let anonymised = 0;
  // read before the account is anonymised (its phone goes with it)
  const phones = await citizenPhoneHashes(deps.db, deps.crypto, userId);
  const open = await deps.db
    .selectFrom('privacy_erasures')
    .select('id')
    .where('user_id', '=', userId)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  if (open) await deps.db.transaction().execute((trx) => anonymiseRecords(trx, deps.audit, actor, userId, now));
  for (;;) {
    const batch = await deps.db.transaction().execute(async (trx) => {
      const ids = await claimErasableCasesOf(trx, userId, phones);
      if (ids.length === 0) return { claimed: 0, changed: 0 };
      const changed = await anonymiseCases(trx, deps.crypto, ids, 'erasure', now);
      await trx
        .updateTable('privacy_erasures')
        .set((eb) => ({ cases_anonymised: eb('cases_anonymised', '+', changed) }))
        .where('user_id', '=', userId)
        .execute();
      await deps.audit.record(
        actor,
        {
          action: 'privacy.erasure.cases',
          targetType: 'user',
          targetId: userId,
          details: { count: changed, caseIds: ids },
        },
        trx,
      );
      await announceErasure(trx, now, { basis: 'erasure', stage: 'cases', userId, caseIds: ids });
      return { claimed: ids.length, changed };
    });
    anonymised += batch.changed;
    if (batch.claimed < BATCH) break;
  }

  return deps.db.transaction().execute(async (trx) => {
    const erasure = await trx
      .selectFrom('privacy_erasures')
      .select(['requested_at', 'completed_at', 'cases_anonymised'])
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!erasure) throw new AppError('NOT_FOUND', { message: '删除申请不存在' });
    const requestedAt = new Date(erasure.requested_at);
    if (erasure.completed_at)
      return { requestedAt, completedAt: new Date(erasure.completed_at), anonymised, waiting: 0 };
    // Complete only when no case carries the data, finished or not (a finished one another writer held is
    // taken by the next sweep).
    const left = await casesStillCarrying(trx, userId, phones);
    if (left.all > 0) return { requestedAt, completedAt: null, anonymised, waiting: left.open };
    // anything the citizen added while their cases were being finished, then the account (its phone last)
    await anonymiseRecords(trx, deps.audit, actor, userId, now);
    await anonymiseAccount(trx, userId, now);
    await trx.updateTable('privacy_erasures').set({ completed_at: now }).where('user_id', '=', userId).execute();
    await deps.audit.record(
      actor,
      {
        action: 'privacy.erasure.completed',
        targetType: 'user',
        targetId: userId,
        details: { casesAnonymised: erasure.cases_anonymised },
      },
      trx,
    );
    await announceErasure(trx, now, { basis: 'erasure', stage: 'account', userId });
    return { requestedAt, completedAt: now, anonymised, waiting: 0 };
  });
}
