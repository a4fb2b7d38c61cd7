// What a principal sees of the points capability: the rows of the villages in its subtree — a village its
// own, a town its villages, the county platform its county; a citizen only the household whose head's phone
// is theirs. One predicate for every table of the capability (each carries county_code and village_id);
// outside it a row does not exist (404, never 403).
import type { Kysely, RawBuilder, SqlBool, Transaction } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { inStaffVillages, requireVillage, type VillageRef } from '../orgs/village-scope.js';

export type VillageScopedTable =
  | 'points_households'
  | 'points_entries'
  | 'points_requests'
  | 'points_objections'
  | 'points_items'
  | 'points_redemptions'
  | 'points_credit_households'
  | 'points_rules';

export type Db = Kysely<DB> | Transaction<DB>;

/** Rows of `table` (a table of the capability, or its alias in the query) in the principal's villages. */
export function inVillageScope(principal: Principal, table: VillageScopedTable | (string & {})): RawBuilder<SqlBool> {
  return inStaffVillages(principal, table);
}

export { requireVillage, type VillageRef };

/** The county template is the county platform's to keep. */
export function requireCountyLevel(principal: Principal): void {
  if (!isCountyRoot(principal)) {
    throw new AppError('FORBIDDEN', { message: '积分规则的县级模板由县平台维护，村社区请在本村规则中调整' });
  }
}

/** The household whose head's phone is the signed-in citizen's, or POINTS_NO_HOUSEHOLD. */
export async function householdOfCitizen(
  db: Db,
  principal: Principal,
): Promise<{ id: number; village_id: number; head_name: string }> {
  if (principal.role !== 'citizen' || principal.userId === null) throw new AppError('POINTS_NO_HOUSEHOLD');
  const row = await db
    .selectFrom('points_households as h')
    .innerJoin('users as u', 'u.phone', 'h.head_phone')
    .select(['h.id', 'h.village_id', 'h.head_name'])
    .where('u.id', '=', principal.userId)
    .where('u.role', '=', 'citizen')
    .where('h.active', '=', true)
    .orderBy('h.id')
    .executeTakeFirst();
  if (!row) throw new AppError('POINTS_NO_HOUSEHOLD');
  return row;
}
