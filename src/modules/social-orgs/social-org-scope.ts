// Which social organisations a principal sees: those supervised by a unit of their subtree (the county platform
// and the county's departments see the county's registry), those a unit of their subtree buys services from, and
// a social organisation's own account sees its own entry. Keeping an entry (editing it, its stages, support and projects) is the supervising unit's subtree's.
// Outside the predicate an entry does not exist (404).
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

/** Rows of `table` (social_orgs, or its alias) the principal sees. */
export function inSocialOrgScope(principal: Principal, table: string): RawBuilder<SqlBool> {
  if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null || !principal.countyCode) {
    return sql<SqlBool>`false`;
  }
  const county = sql`${sql.ref(`${table}.county_code`)} = ${principal.countyCode}`;
  if (isCountyRoot(principal) || principal.orgKind === 'department') return sql<SqlBool>`${county}`;
  const ids = sql`${sql.val([...principal.scopeOrgIds])}::int[]`;
  const buys = sql`EXISTS (SELECT 1 FROM social_org_projects p WHERE p.social_org_id = ${sql.ref(`${table}.id`)} AND p.purchaser_org_id = ANY(${ids}))`;
  return sql<SqlBool>`(${county} AND (${sql.ref(`${table}.owner_org_id`)} = ANY(${ids}) OR ${sql.ref(`${table}.org_id`)} = ANY(${ids}) OR ${buys}))`;
}

/** The supervising unit's subtree keeps the entry. */
export function requireKeeper(principal: Principal, entry: { owner_org_id: number }): void {
  if (!principal.scopeOrgIds.includes(entry.owner_org_id)) {
    throw new AppError('FORBIDDEN', { message: '只有该社会组织的业务主管单位可以修改其登记信息、孵化阶段和项目' });
  }
}
