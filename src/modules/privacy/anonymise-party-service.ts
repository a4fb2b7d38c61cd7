// An erased citizen's 双报到 registrations (在职党员 reporting to the community where they live, migration 0031): the
// registration stays — the unit it counts for, its state, the needs it claimed and their hours are the community's
// and the unit's yearly record — but the name becomes 已注销 and the phone goes, on the registration and on the
// needs it claimed. Their monthly ratings of the compound's property service keep the stars (the compound's star
// rating is computed from them) and the comment without the citizen's own name and phone.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ERASED_REPORTER_NAME, type ReporterData, scrubReporter } from '../../domain/privacy/index.js';

/** The names the citizen registered under (to cut them out of their texts), before they go. */
export async function partyServiceNamesOf(trx: Transaction<DB>, userId: number): Promise<string[]> {
  const rows = await trx.selectFrom('party_service_members').select('name').where('user_id', '=', userId).execute();
  return rows.map((r) => r.name);
}

/** Returns how many registrations and ratings it changed (the needs they claimed follow the registrations). */
export async function anonymisePartyService(
  trx: Transaction<DB>,
  userId: number,
  person: ReporterData,
  now: Date,
): Promise<number> {
  const members = await trx
    .updateTable('party_service_members')
    .set((eb) => ({ name: ERASED_REPORTER_NAME, phone: '', version: eb('version', '+', 1), updated_at: now }))
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('name', '<>', ERASED_REPORTER_NAME), eb('phone', '<>', '')]))
    .returning('id')
    .execute();
  await trx
    .updateTable('party_needs')
    .set({ claimer_name: ERASED_REPORTER_NAME })
    .where('member_id', 'in', trx.selectFrom('party_service_members').select('id').where('user_id', '=', userId))
    .where('claimer_kind', '=', 'member')
    .where('claimer_name', '<>', ERASED_REPORTER_NAME)
    .execute();

  const ratings = await trx
    .selectFrom('property_resident_ratings')
    .select(['id', 'comment'])
    .where('user_id', '=', userId)
    .where('comment', '<>', '')
    .execute();
  let rated = 0;
  for (const r of ratings) {
    const comment = scrubReporter(r.comment, person);
    if (comment === r.comment) continue;
    await trx.updateTable('property_resident_ratings').set({ comment }).where('id', '=', r.id).execute();
    rated++;
  }
  return members.length + rated;
}
