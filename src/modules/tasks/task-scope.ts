// Which tasks a principal sees, and how it stands to one. A task is visible to the subtree of every unit that
// stands to it — its owner and assisting units, the unit that assigned it, and each level that supervised it
// (tasks.unit_ids, GIN-indexed) — so a town sees the tasks it assigned and those assigned to it or its
// villages, never another town's; the county platform sees its county. One predicate, used by every query.
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { TaskRelation } from '../../domain/task/index.js';
import type { Principal } from '../auth/principal.js';
import { isCountyRoot } from '../cases/index.js';

type Predicate = (eb: ExpressionBuilder<DB, 'tasks'>) => ExpressionWrapper<DB, 'tasks', SqlBool>;

export function tasksVisibleTo(principal: Principal): Predicate {
  return (eb) => {
    if (principal.role === 'citizen' || !principal.scopePath || principal.orgId === null) return eb.lit(false);
    const county = eb('tasks.county_code', '=', principal.countyCode ?? '∅');
    if (isCountyRoot(principal)) return county;
    const ids = sql<number[]>`${sql.val([...principal.scopeOrgIds])}::int[]`;
    return eb.and([county, eb('tasks.unit_ids', '&&', ids)]);
  };
}

export interface TaskUnits {
  ownerOrgId: number;
  assistingOrgIds: readonly number[];
  assignedByOrgId: number;
  supervisorOrgIds: readonly number[];
}

/**
 * How the principal stands to the task. Owner and assisting are the unit itself (a county operator does not
 * sign for a department's task); assigner and supervisor extend to the levels above (a county operator may
 * urge or cancel what a town assigned).
 */
export function relationsOf(task: TaskUnits, principal: Principal): Set<TaskRelation> {
  const relations = new Set<TaskRelation>();
  if (principal.orgId === null) return relations;
  const inSubtree = new Set(principal.scopeOrgIds);
  if (task.ownerOrgId === principal.orgId) relations.add('owner');
  if (task.assistingOrgIds.includes(principal.orgId)) relations.add('assisting');
  if (inSubtree.has(task.assignedByOrgId) || isCountyRoot(principal)) relations.add('assigner');
  if (task.supervisorOrgIds.some((id) => inSubtree.has(id))) relations.add('supervisor');
  return relations;
}
