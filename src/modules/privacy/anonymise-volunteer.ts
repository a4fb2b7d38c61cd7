// An erased citizen's volunteer registration: the row stays (its sign-ups, credited hours and team memberships are
// the county's record of the service given, and every activity's count stays whole) but no longer names or reaches
// the person — the name becomes 已注销, the phone and the self-introduction go, and the volunteer is retired so no
// organiser finds them for a new activity.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ERASED_REPORTER_NAME } from '../../domain/privacy/index.js';

/** The names the citizen gave as a volunteer (to cut them out of their texts), before they go. */
export async function volunteerNamesOf(trx: Transaction<DB>, userId: number): Promise<string[]> {
  const rows = await trx.selectFrom('volunteers').select('name').where('user_id', '=', userId).execute();
  return rows.map((r) => r.name);
}

/** Returns how many volunteer rows it changed (0 or 1; 0 again on a second call). */
export async function anonymiseVolunteer(trx: Transaction<DB>, userId: number, now: Date): Promise<number> {
  const changed = await trx
    .updateTable('volunteers')
    .set((eb) => ({
      name: ERASED_REPORTER_NAME,
      phone: '', // NOT NULL in 0027: empty is "no phone"
      intro: '',
      active: false,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('name', '<>', ERASED_REPORTER_NAME), eb('phone', '<>', ''), eb('intro', '<>', '')]))
    .executeTakeFirst();
  return Number(changed.numUpdatedRows);
}
