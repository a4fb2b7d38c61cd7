// What a principal sees of volunteering: staff the teams and activities organised by a unit of their subtree,
// or serving a village of it (a village its own, a town its villages and offices, the county platform its
// county, a social organisation's account its own organisation's); a citizen the activities that take
// sign-ups or that they signed up for, and their own record. Outside the predicate a row does not exist (404).
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

/** Rows of `table` (volunteer_activities or volunteer_teams, or an alias: org_id, county_code) the staff principal sees. */
export function inVolunteerScope(principal: Principal, table: string, withVillage = false): RawBuilder<SqlBool> {
  if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null || !principal.countyCode) {
    return sql<SqlBool>`false`;
  }
  const county = sql`${sql.ref(`${table}.county_code`)} = ${principal.countyCode}`;
  if (isCountyRoot(principal)) return sql<SqlBool>`${county}`;
  const ids = sql`${sql.val([...principal.scopeOrgIds])}::int[]`;
  const village = withVillage ? sql` OR ${sql.ref(`${table}.village_id`)} = ANY(${ids})` : sql``;
  return sql<SqlBool>`(${county} AND (${sql.ref(`${table}.org_id`)} = ANY(${ids})${village}))`;
}

/** A unit of the staff principal's subtree (the organiser of an activity, the owner of a team). */
export function requireOwnUnit(principal: Principal, orgId: number): void {
  if (principal.role === 'citizen' || !principal.scopeOrgIds.includes(orgId)) {
    throw new AppError('ORG_NOT_FOUND', { details: { orgId } });
  }
}

/** The signed-in citizen, or 403. */
export function citizenOnly(principal: Principal): number {
  if (principal.role !== 'citizen' || principal.userId === null)
    throw new AppError('CITIZEN_ONLY', { message: '志愿服务请使用群众账号（手机号验证码登录）' });
  return principal.userId;
}
