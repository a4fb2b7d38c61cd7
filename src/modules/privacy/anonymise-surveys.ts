// An erased citizen in public-opinion surveys (migration 0032): a sample drawn from the citizen accounts keeps its
// round, its place, its state and its answer — the round's response rate and results stay whole, and an answer never
// carried a name — but the masked name and phone the callers' screen shows go. The account link stays (the table's
// check ties a citizen sample to an account), and the account itself is anonymised, so no caller reaches the
// person through it.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ERASED_REPORTER_NAME } from '../../domain/privacy/index.js';

/** Returns how many samples it changed. */
export async function anonymiseSurveySamples(trx: Transaction<DB>, userId: number): Promise<number> {
  const changed = await trx
    .updateTable('survey_samples')
    .set((eb) => ({ name_masked: ERASED_REPORTER_NAME, phone_masked: '', version: eb('version', '+', 1) }))
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('name_masked', '<>', ERASED_REPORTER_NAME), eb('phone_masked', '<>', '')]))
    .executeTakeFirst();
  return Number(changed.numUpdatedRows);
}
