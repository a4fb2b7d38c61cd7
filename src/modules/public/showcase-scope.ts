// What a staff member sees of the showcase: the county platform every typical case and news post of its county;
// a town the typical cases of its own town and villages (news posts are the county's). Outside it a record does
// not exist (404, never 403). Citizens and machine clients see none of it (they read the public page).
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

/** Rows of showcase_cases (or its alias) in the principal's area. */
export function inShowcaseScope(principal: Principal, table: string): RawBuilder<SqlBool> {
  if (principal.kind !== 'user' || principal.role === 'citizen' || !principal.countyCode || !principal.scopePath) {
    return sql<SqlBool>`false`;
  }
  const county = sql`${sql.ref(`${table}.county_code`)} = ${principal.countyCode}`;
  if (isCountyRoot(principal)) return sql<SqlBool>`${county}`;
  const ids = sql`${sql.val([...principal.scopeOrgIds])}::int[]`;
  return sql<SqlBool>`(${county} AND (${sql.ref(`${table}.town_id`)} = ANY(${ids}) OR ${sql.ref(`${table}.village_id`)} = ANY(${ids})))`;
}

/** News posts are the county's: every staff member of the county with the permission sees them. */
export function requireCounty(principal: Principal): string {
  if (principal.kind !== 'user' || principal.role === 'citizen' || !principal.countyCode) {
    throw new AppError('FORBIDDEN', { message: '公开展示内容由县、镇街平台工作人员维护' });
  }
  return principal.countyCode;
}

/** The showcase's staff pages: its writers and its reviewers (a leader reviews without writing). */
export function requireShowcaseStaff(principal: Principal): void {
  if (!principal.permissions.has('showcase.write') && !principal.permissions.has('showcase.review')) {
    throw new AppError('FORBIDDEN', { details: { permission: 'showcase.write' } });
  }
}
