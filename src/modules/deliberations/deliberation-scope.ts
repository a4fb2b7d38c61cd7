// What a principal sees of deliberation: staff the stations and topics of the villages in their subtree (a
// village its own, a town its villages, the county platform its county); a citizen those of the villages
// they are a verified resident of (residents.ts). One predicate for both tables (each carries county_code and
// village_id); outside it a row does not exist (404, never 403).
import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/principal.js';
import { inStaffVillages, requireVillage, type VillageRef } from '../orgs/village-scope.js';

export type Db = Kysely<DB> | Transaction<DB>;

/**
 * Rows of `table` (deliberation_stations or deliberation_topics, or an alias) the principal sees; a citizen's
 * villages are read first (residentVillagesOf) and passed in.
 */
export function inDeliberationScope(
  principal: Principal,
  table: string,
  residentVillages: readonly number[] = [],
): RawBuilder<SqlBool> {
  if (principal.role === 'citizen') {
    if (residentVillages.length === 0) return sql<SqlBool>`false`;
    return sql<SqlBool>`${sql.ref(`${table}.village_id`)} = ANY(${sql.val([...residentVillages])}::int[])`;
  }
  return inStaffVillages(principal, table);
}

export { requireVillage, type VillageRef };

/** Staff of the topic's village subtree who may run its station's work (受理, 排期, 表决, 决定, 审核评论). */
export function actsForStation(principal: Principal): boolean {
  return principal.role !== 'citizen' && can(principal, 'deliberation.manage');
}
