// What a principal sees of 双报到: staff the registrations and needs of the communities in their subtree (a
// community its own, a town its communities, the county platform its county); a registered unit's staff the needs
// of the communities their unit is confirmed with and the needs it claimed; a citizen their own registrations and
// the needs of the communities they are a confirmed member of, and those they claimed. One predicate per table;
// outside it a row does not exist (404, never 403).
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { can } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';
import { inStaffVillages, requireVillage, type VillageRef } from '../orgs/village-scope.js';

export { requireVillage, type VillageRef };

const me = (principal: Principal) => principal.userId ?? -1;

/** Communities the principal's unit (staff) or the principal (citizen) is confirmed with. */
function registeredVillages(principal: Principal): RawBuilder<number> {
  if (principal.role === 'citizen') {
    return sql<number>`(SELECT m.village_id FROM party_service_members m WHERE m.user_id = ${me(principal)} AND m.state = 'confirmed')`;
  }
  return sql<number>`(SELECT u.village_id FROM party_service_units u WHERE u.org_id = ${principal.orgId ?? -1} AND u.state = 'confirmed')`;
}

/** Needs (party_needs, or its alias) the principal sees. */
export function needsVisibleTo(principal: Principal, table = 'party_needs'): RawBuilder<SqlBool> {
  const village = sql.ref(`${table}.village_id`);
  const claimed =
    principal.role === 'citizen'
      ? sql`${sql.ref(`${table}.member_id`)} IN (SELECT m.id FROM party_service_members m WHERE m.user_id = ${me(principal)})`
      : sql`${sql.ref(`${table}.unit_id`)} IN (SELECT u.id FROM party_service_units u WHERE u.org_id = ${principal.orgId ?? -1})`;
  return sql<SqlBool>`(${inStaffVillages(principal, table)} OR ${village} IN ${registeredVillages(principal)} OR ${claimed})`;
}

/** Unit registrations the principal sees: its communities' (staff above), or its own unit's. */
export function unitsVisibleTo(principal: Principal, table = 'party_service_units'): RawBuilder<SqlBool> {
  if (principal.role === 'citizen') return sql<SqlBool>`false`;
  return sql<SqlBool>`(${inStaffVillages(principal, table)} OR ${sql.ref(`${table}.org_id`)} = ${principal.orgId ?? -1})`;
}

/** Member registrations the principal sees: its communities' (staff), or the citizen's own. */
export function membersVisibleTo(principal: Principal, table = 'party_service_members'): RawBuilder<SqlBool> {
  if (principal.role === 'citizen') return sql<SqlBool>`${sql.ref(`${table}.user_id`)} = ${me(principal)}`;
  return inStaffVillages(principal, table);
}

/** Staff who keep the community's 双报到 work (publish, confirm, rate, cancel) — the community and the levels above. */
export function keepsCommunity(principal: Principal, villageId: number): boolean {
  return (
    principal.role !== 'citizen' &&
    can(principal, 'partyservice.manage') &&
    (isCountyRoot(principal) || principal.scopeOrgIds.includes(villageId))
  );
}

export function requireKeeper(principal: Principal, villageId: number): void {
  if (!keepsCommunity(principal, villageId)) {
    throw new AppError('FORBIDDEN', { message: '只有本社区（或上级平台）可以办理此项' });
  }
}
