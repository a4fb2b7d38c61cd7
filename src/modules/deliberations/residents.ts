// Who is a verified resident of a village — the one predicate of the capability (votes, comments, raising
// topics from the phone, what a citizen sees). A citizen signs in with a one-time code sent to their phone, so
// their account's phone is verified; they are a resident of a village when that phone is the head's phone of
// an active household of the village's household list (kept by the points module, points_households).
// TODO(grid base data): when the grid's base data (人 · 户 per grid, src/domain/grid-data) lands, read the
// village's residents from it here instead — nothing else in this module needs to change.
import { sql } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Db } from './deliberation-scope.js';

/** The villages of which the signed-in citizen is a verified resident (none for staff). */
export async function residentVillagesOf(db: Db, principal: Principal): Promise<number[]> {
  if (principal.role !== 'citizen' || principal.userId === null) return [];
  const rows = await db
    .selectFrom('points_households as h')
    .innerJoin('users as u', 'u.phone', 'h.head_phone')
    .select('h.village_id')
    .distinct()
    .where('u.id', '=', principal.userId)
    .where('u.role', '=', 'citizen')
    .where('u.active', '=', true)
    .where('h.active', '=', true)
    .execute();
  return rows.map((r) => r.village_id);
}

/** The number of a village's verified residents who may vote (the electorate of its ballots). */
export async function residentsCount(db: Db, villageId: number): Promise<number> {
  const row = await db
    .selectFrom('points_households as h')
    .select(sql<number>`count(DISTINCT h.head_phone)`.as('n'))
    .where('h.village_id', '=', villageId)
    .where('h.active', '=', true)
    .where('h.head_phone', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
