// 派遣建议: the unit a case's category is routed to — a town's own rule first, then the county rule, then the
// category's responsible department, looking up the category tree until one is found.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface RoutingProposal {
  leadOrgId: number | null;
  leadOrgName: string | null;
  reason: string;
}

export async function proposeUnit(
  db: Kysely<DB>,
  categoryId: number | null,
  townId: number | null,
): Promise<RoutingProposal | null> {
  let current = categoryId;
  for (let depth = 0; current !== null && depth < 5; depth++) {
    const rules = await db
      .selectFrom('routing_rules')
      .innerJoin('orgs', 'orgs.id', 'routing_rules.org_id')
      .select(['routing_rules.town_id', 'orgs.id', 'orgs.name'])
      .where('routing_rules.category_id', '=', current)
      .where((eb) => eb.or([eb('routing_rules.town_id', 'is', null), eb('routing_rules.town_id', '=', townId ?? -1)]))
      .execute();
    const rule = rules.find((r) => r.town_id !== null) ?? rules[0];
    const category = await db
      .selectFrom('categories')
      .leftJoin('orgs', 'orgs.id', 'categories.responsible_org_id')
      .select(['categories.name', 'categories.parent_id', 'orgs.id as org_id', 'orgs.name as org_name'])
      .where('categories.id', '=', current)
      .executeTakeFirst();
    if (!category) return null;
    if (rule) {
      return {
        leadOrgId: rule.id,
        leadOrgName: rule.name,
        reason: rule.town_id !== null ? `本镇街派遣规则：${category.name}` : `派遣规则：${category.name}`,
      };
    }
    if (category.org_id) {
      return {
        leadOrgId: category.org_id,
        leadOrgName: category.org_name,
        reason: `事项分类“${category.name}”的责任单位`,
      };
    }
    current = category.parent_id;
  }
  return null;
}
