// An erased citizen's points household (积分制 农户): the household is the village's ledger — its door, members,
// balance and entries stay, so the village's board and every past award add up — but the head it names is the
// citizen: the head's name becomes 已注销 and the phone goes. Without the phone the account no longer reaches the
// household (the citizen's link is users.phone = head_phone), so a new account with the same number does not
// inherit it; the village re-links the household by entering the phone again.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ERASED_REPORTER_NAME } from '../../domain/privacy/index.js';

/** The households whose head's phone is the citizen's (their names, to cut them out of the citizen's texts). */
export async function householdNamesOf(trx: Transaction<DB>, phone: string | null): Promise<string[]> {
  if (!phone) return [];
  const rows = await trx.selectFrom('points_households').select('head_name').where('head_phone', '=', phone).execute();
  return rows.map((r) => r.head_name);
}

/** Returns how many households it changed. */
export async function anonymiseHousehold(trx: Transaction<DB>, phone: string | null, now: Date): Promise<number> {
  if (!phone) return 0;
  const changed = await trx
    .updateTable('points_households')
    .set((eb) => ({
      head_name: ERASED_REPORTER_NAME,
      head_phone: null,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('head_phone', '=', phone)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows);
}
